"""Optional dependencies, imported when first needed, with an error that says what to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from malstyrning.errors import MissingDependency

__all__ = ["require"]


def require(module: str, *, extra: str, what: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependency` naming the extra to install.

    >>> require("json", extra="none", what="JSON").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency.for_module(module, extra, what) from None
