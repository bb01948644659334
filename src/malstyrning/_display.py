"""Notebook display without upward imports: a registry of HTML renderers by type.

Plans, nodes, assessments and evaluations show themselves in Jupyter through
``_repr_html_``, but the renderers live in the report layer, above the types. So the types
ask this registry, the report layer registers its renderers when it is imported, and the
package names the module that registers them (:func:`load_renderers_from`), imported the
first time a value is displayed: ``import malstyrning`` stays cheap.

>>> class Box:
...     def _repr_html_(self) -> str | None:
...         return html(self)
>>> register(Box, lambda box: "<b>box</b>")
>>> Box()._repr_html_()
'<b>box</b>'
>>> html(object()) is None
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["html", "load_renderers_from", "register"]

_RENDERERS: dict[type, Callable[[Any], str]] = {}
_PENDING: list[str] = []


def register(cls: type, render: Callable[[Any], str]) -> None:
    """Show instances of ``cls`` (and of its subclasses) in notebooks as ``render`` gives them."""
    _RENDERERS[cls] = render


def load_renderers_from(module: str) -> None:
    """Import ``module`` (which registers renderers) the first time a value is displayed."""
    _PENDING.append(module)


def _renderer(cls: type) -> Callable[[Any], str] | None:
    for candidate in cls.__mro__:
        render = _RENDERERS.get(candidate)
        if render is not None:
            return render
    return None


def html(value: object) -> str | None:
    """The value as HTML for a notebook, or None when no renderer knows its type.

    None tells IPython to fall back to the plain ``repr``.
    """
    render = _renderer(type(value))
    while render is None and _PENDING:
        importlib.import_module(_PENDING.pop(0))
        render = _renderer(type(value))
    return None if render is None else render(value)
