"""mtcheck: find what machine translation leaves behind."""

__version__ = "0.1.0"
