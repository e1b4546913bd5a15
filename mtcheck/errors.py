"""One exception family. The CLI catches MtcheckError once and prints its message; nothing else reaches the user."""

from __future__ import annotations


class MtcheckError(Exception):
    """An error the user can act on. ``exit_code`` follows the documented convention (2 = usage/config/input)."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class UsageError(MtcheckError):
    """Bad command-line usage: a missing path, a bad option value."""


class ConfigError(MtcheckError):
    """A bad configuration value or file."""


class RuleError(MtcheckError):
    """A rule file that cannot be loaded: invalid YAML, unknown type, bad regex."""

    def __init__(self, message: str, *, path: str | None = None, rule: str | None = None):
        self.rule = rule
        where = f" (rule {rule})" if rule else ""
        super().__init__(message + where, path=path)


class InputError(MtcheckError):
    """A document that cannot be read at all."""


class ServerError(MtcheckError):
    """An external server (LanguageTool) that cannot be provisioned, started or reached."""
