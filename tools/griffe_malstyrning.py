"""A griffe extension for the API reference (mkdocs.yml loads it; `make docs`).

malstyrning's docstrings follow two conventions griffe does not read on its own:

- a runnable ``>>>`` example sits in the body of a docstring rather than under an
  ``Examples:`` section; Markdown would read its prompts as nested block quotes and its output
  as links, so each example becomes a fenced ``pycon`` block;
- cross-references are written as Sphinx roles (``:class:`Scale```), which Markdown shows
  literally; they become code;
- domain types are ``@attrs.frozen`` classes whose ``__init__`` attrs writes at import time, so
  a class documents its constructor's ``Args:`` against fields griffe sees only as attributes;
  the extension gives such a class the ``__init__`` attrs would generate, so that the
  arguments are checked against it and the signature is shown.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_SECTION = re.compile(r"^[A-Z][A-Za-z ]*:\s*$")
_ROLE = re.compile(r":(?:py:)?(?:class|func|mod|data|meth|attr|exc|obj):`~?([^`]+)`")
_ATTRS_DECORATORS = ("attrs.frozen", "attrs.define", "attrs.mutable", "attr.s", "attr.attrs")


def fence_doctests(text: str) -> str:
    """Wrap each ``>>>`` example outside an ``Examples:`` section in a ``pycon`` fence.

    An example runs from its first prompt to the next blank line, as doctest reads it.

    >>> fence_doctests("Sum.\\n\\n>>> 1 + 1\\n2\\n\\nDone.").splitlines()
    ['Sum.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'Done.']
    """
    out: list[str] = []
    in_examples = in_fence = in_doctest = False
    indent = ""
    for line in text.splitlines():
        stripped = line.strip()
        if in_doctest and not stripped:
            out.append(f"{indent}```")
            in_doctest = False
        if _SECTION.match(line):
            in_examples = line.startswith("Example")
        if stripped.startswith("```"):
            in_fence = not in_fence
        elif stripped.startswith(">>>") and not (in_doctest or in_examples or in_fence):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            in_doctest = True
        out.append(line)
    if in_doctest:
        out.append(f"{indent}```")
    return "\n".join(out)


def _is_attrs_class(cls: griffe.Class) -> bool:
    return any(str(decorator.value).startswith(_ATTRS_DECORATORS) for decorator in cls.decorators)


def _keyword_only(cls: griffe.Class) -> bool:
    return any("kw_only=True" in str(decorator.value) for decorator in cls.decorators)


def _init_parameters(cls: griffe.Class) -> griffe.Parameters:
    # attrs orders fields from the base classes first, then the class's own; a field with a
    # leading underscore takes its name without it, and `init=False` leaves it out.
    members: dict[str, griffe.Object | griffe.Alias] = {}
    for base in reversed(cls.resolved_bases):
        if isinstance(base, griffe.Class) and _is_attrs_class(base):
            members.update(base.members)
    members.update(cls.members)
    kind = (
        griffe.ParameterKind.keyword_only
        if _keyword_only(cls)
        else griffe.ParameterKind.positional_or_keyword
    )
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for name, member in members.items():
        if not isinstance(member, griffe.Attribute) or member.annotation is None:
            continue
        if "instance-attribute" not in member.labels or name.startswith("__"):
            continue
        annotation = str(member.annotation)
        if annotation.startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = "" if member.value is None else str(member.value)
        if "init=False" in value:
            continue
        has_default = bool(value) and (
            not value.startswith(("attrs.field(", "attr.ib("))
            or "default=" in value
            or "factory=" in value
        )
        parameters.append(
            griffe.Parameter(
                name.lstrip("_"),
                annotation=member.annotation,
                kind=kind,
                default="..." if has_default else None,
            )
        )
    return griffe.Parameters(*parameters)


class MalstyrningDocstrings(griffe.Extension):
    """Fence doctest examples and give attrs classes their generated ``__init__``."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite every docstring of the package once it is loaded."""
        self._visit(pkg, seen=set())

    def _visit(self, obj: griffe.Object, seen: set[str]) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        if obj.docstring is not None:
            text = _ROLE.sub(r"`\1`", obj.docstring.value)
            obj.docstring.value = fence_doctests(text)
        if isinstance(obj, griffe.Class) and _is_attrs_class(obj) and "__init__" not in obj.members:
            init = griffe.Function("__init__", parameters=_init_parameters(obj), returns="None")
            obj.set_member("__init__", init)
        for member in obj.members.values():
            if not member.is_alias:
                self._visit(member, seen)  # type: ignore[arg-type]
