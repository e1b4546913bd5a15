"""The rule engine: rule types are code (``types/``), rules are data (YAML under ``rules/<pack>/``)."""

from mtcheck.engines.rules.engine import RulesEngine
from mtcheck.engines.rules.loader import load_rules

__all__ = ["RulesEngine", "load_rules"]
