"""Optional dependencies, imported when first needed, with an error that says what to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from malstyrning.errors import MalstyrningError

__all__ = ["MissingDependency", "require"]


class MissingDependency(MalstyrningError, ImportError):
    """An optional package needed for this output is not installed."""

    @classmethod
    def for_module(cls, module: str, extra: str, what: str) -> MissingDependency:
        """The error for ``module``, naming the extra that installs it."""
        return cls(
            f"{what} needs the optional package {module!r}, which is not installed; "
            f'install it with: pip install "malstyrning[{extra}]"'
        )


def require(module: str, *, extra: str, what: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependency` naming the extra to install.

    >>> require("json", extra="none", what="JSON").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency.for_module(module, extra, what) from None
