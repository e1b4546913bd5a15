"""Configuration: defaults (``defaults.py``, every key commented), files found up the tree (``loader.py``),
validation, and provenance for ``mtcheck config``."""

from mtcheck.config.loader import Config, load_config

__all__ = ["Config", "load_config"]
