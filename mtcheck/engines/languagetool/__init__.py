"""The LanguageTool pass: provisioning (``provision``), a shared local server (``server``), the HTTP client and
its disk cache (``client``, ``cache``), LanguageTool → MQM mapping (``mapping``) and the engine (``engine``)."""

from mtcheck.engines.languagetool.engine import LanguageToolEngine, LanguageToolSettings

__all__ = ["LanguageToolEngine", "LanguageToolSettings"]
