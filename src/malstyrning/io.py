"""Plan documents in JSON, YAML and TOML: one converter, versioned, lossless and strict.

A document is the plan's fields plus ``format_version``. Numbers are kept exactly as
written (``4.10`` stays ``4.10``), periods are their canonical text (``"2019-T1"``), nodes
carry a ``kind`` and rules a ``type``. Unknown keys are errors, never silently dropped;
anything a tool wants to keep goes under the reserved key ``extensions``. Older format
versions are migrated on load; a newer one is an error.

A document gives its goal tree either nested (``goals``, each goal with ``children``) or as
a flat list (``nodes``, each naming its ``parent`` goal), as spreadsheets export it. Ids and
goal levels may be left out: ids are made from the titles and a goal's level is the plan's
level at its depth (see ``docs/authoring.md``); ``dump`` writes them.

>>> from malstyrning import examples
>>> plan = examples.load("jamtland-harjedalen-2019")
>>> loads(dumps(plan, format="yaml"), format="yaml") == plan
True
>>> loads('{"format_version": 1, "id": "x"}')
Traceback (most recent call last):
...
malstyrning.errors.DocumentError: <string> could not be read as a plan: 5 problems
  - required field missing @ $.title
  - required field missing @ $.organisation
  - required field missing @ $.validity
  - required field missing @ $.levels
  - required field missing @ $.goals
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import cattrs

from malstyrning._converter import (
    describe_kind,
    make_converter,
    problems_of,
    shared_converter,
)
from malstyrning._formats import (
    DEFAULT_LIMITS,
    DocumentLimits,
    Format,
    as_format,
    emit,
    format_of,
    parse,
    shorten,
)
from malstyrning._gc import paused_collector
from malstyrning._ids import allocate, slug
from malstyrning._migrations import MIGRATIONS, MigrationProblem, migrate
from malstyrning.errors import (
    DocumentError,
    MalstyrningError,
    Problem,
    UnknownLocale,
    UnreadableTarget,
)
from malstyrning.i18n import DEFAULT_LOCALE
from malstyrning.model import NODE_TYPES, Goal, Indicator, Plan, Revision
from malstyrning.revisions.history import check_history
from malstyrning.rules import Direction, Rule
from malstyrning.target_text import TargetContext, parse_target

__all__ = [
    "FORMAT_VERSION",
    "DocumentLimits",
    "Format",
    "convert",
    "dump",
    "dump_revision",
    "dumps",
    "dumps_json",
    "dumps_revision",
    "from_document",
    "load",
    "load_revision",
    "loads",
    "loads_revision",
    "make_converter",
    "to_document",
    "validate",
]

FORMAT_VERSION = 1
"""The document format this version of the library writes."""

_OLDEST = min((migration.version for migration in MIGRATIONS), default=FORMAT_VERSION)


def to_document(plan: Plan) -> dict[str, Any]:
    """The plan as a document: plain dicts, lists, strings, booleans and decimals."""
    with paused_collector():
        body = shared_converter().unstructure(plan, Plan)
    if any(isinstance(node, Indicator) and node.target_text for node in plan.walk()):
        _omit_targets_the_text_states(body)
    return {"format_version": FORMAT_VERSION, **body}


# -- targets written as text -------------------------------------------------------------------
#
# An indicator may give its target as the plan writes it (``"target_text": "<250 rec/TIN"``).
# On load the text is parsed (in the plan's ``language``, Swedish when it states none) into
# ``target`` unless the document also gives ``target``; on dump ``target`` is left out when the
# text states exactly that rule, so a document written by hand keeps its shape through every
# round trip.


def _goal_tree(body: dict[str, Any], path: str) -> Iterator[tuple[dict[str, Any], str]]:
    goals = body.get("goals")
    if not isinstance(goals, list):
        return
    stack = [(node, f"{path}.goals[{index}]") for index, node in enumerate(goals)]
    while stack:
        node, where = stack.pop()
        if not isinstance(node, dict):
            continue
        yield node, where
        children = node.get("children")
        if isinstance(children, list):
            stack.extend(
                (child, f"{where}.children[{index}]") for index, child in enumerate(children)
            )


def _has_target_text(body: dict[str, Any]) -> bool:
    """Whether any node gives a target text (a walk without paths: most documents have none)."""
    goals = body.get("goals")
    stack = list(goals) if isinstance(goals, list) else []
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "target_text" in node:
                return True
            children = node.get("children")
            if isinstance(children, list):
                stack.extend(children)
    return False


def _text_context(node: dict[str, Any], units: object) -> TargetContext:
    direction = node.get("direction", Direction.HIGHER_IS_BETTER.value)
    unit = node.get("unit")
    listed: list[Any] = units if isinstance(units, list) else []
    declared = frozenset(unit for unit in listed if isinstance(unit, str))
    names: dict[str, str] = {}
    for series in node.get("series") or ():
        if isinstance(series, dict) and isinstance(series.get("key"), str):
            label = series.get("label")
            names[series["key"].lower()] = series["key"]
            if isinstance(label, str) and label:
                names[label.lower()] = series["key"]
    return TargetContext(
        direction=Direction(direction) if direction in _DIRECTIONS else None,
        unit=unit if isinstance(unit, str) else None,
        series=names,
        units=declared,
    )


_DIRECTIONS = frozenset(direction.value for direction in Direction)


def _text_locale(body: dict[str, Any]) -> str:
    """The language target texts are read in: the plan's ``language``, else Swedish."""
    language = body.get("language")
    # A language that is no text is left for the converter to report at $.language.
    return language if isinstance(language, str) and language else DEFAULT_LOCALE


def _parse_target_texts(body: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    locale = _text_locale(body)
    for node, where in _goal_tree(body, "$"):
        text = node.get("target_text")
        if node.get("kind") != "indicator" or "target" in node or not isinstance(text, str):
            continue
        try:
            rule = parse_target(text, locale=locale, context=_text_context(node, body.get("units")))
        except UnreadableTarget as error:
            problems.append(Problem(f"{where}.target_text", str(error)))
            # Reported here: the Indicator constructor would read the text again.
            del node["target_text"]
            continue
        except UnknownLocale as error:
            return [Problem("$.language", str(error))]
        node["target"] = shared_converter().unstructure(rule, Rule)
    return problems


def _omit_targets_the_text_states(body: dict[str, Any]) -> None:
    locale = _text_locale(body)
    for node, _ in _goal_tree(body, "$"):
        text = node.get("target_text")
        if node.get("kind") != "indicator" or "target" not in node or not isinstance(text, str):
            continue
        try:
            rule = parse_target(text, locale=locale, context=_text_context(node, body.get("units")))
        except (UnreadableTarget, UnknownLocale):
            continue  # the rule was given beside a text the parser does not read: keep both
        if shared_converter().unstructure(rule, Rule) == node["target"]:
            del node["target"]


# -- ids and levels left out -------------------------------------------------------------------
#
# A document may leave out the plan's id and its nodes' ids (made from the titles by
# malstyrning._ids, in document order) and a goal's level (the plan's level at the goal's
# depth). They are filled in before the converter runs, so that documents, sheets and the
# builder share one set of defaults; dump writes them, so later revisions can name them.

MADE_WHEN_MISSING: dict[type, frozenset[str]] = {
    Plan: frozenset({"id"}),
    **{cls: frozenset({"id"}) for cls in NODE_TYPES},
    Goal: frozenset({"id", "level"}),
}
"""The fields a plan document may leave out, per type, because loading makes them."""

# Stands in for the id of a node whose title is missing, so that only the title is reported.
_NO_TITLE = "untitled"


def _lacks_ids_or_levels(body: dict[str, Any]) -> bool:
    # Run on every load: only goals go on the stack, leaves are looked at where they are.
    if "id" not in body:
        return True
    goals = body.get("goals")
    stack = list(goals) if isinstance(goals, list) else []
    while stack:
        goal = stack.pop()
        if goal.__class__ is not dict:
            continue
        if "id" not in goal or "level" not in goal:
            return True
        children = goal.get("children")
        if children.__class__ is list:
            for child in children:
                if child.__class__ is dict:
                    if "id" not in child:
                        return True
                    if child.get("kind") == "goal":
                        stack.append(child)
    return False


def _is_goal(node: object) -> bool:
    return isinstance(node, dict) and node.get("kind") == "goal"


def _title_for_id(node: dict[str, Any], path: str, problems: list[Problem]) -> str | None:
    title = node.get("title")
    if isinstance(title, str) and not title.strip():
        problems.append(
            Problem(
                f"{path}.title",
                "the title is empty, so no id can be made from it: give a title or an id",
            )
        )
    return title if isinstance(title, str) and title.strip() else None


def _fill_ids_and_levels(body: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The body with ids and levels made where left out, and what could not be made.

    Nodes are copied on the way (the caller's document is never changed); a node without a
    title keeps a stand-in id so that the converter reports the missing title alone.
    """
    problems: list[Problem] = []
    body = dict(body)
    if "id" not in body:
        title = _title_for_id(body, "$", problems)
        # Whole: a plan's title often ends in its years, and plans have no siblings to clash.
        body["id"] = _NO_TITLE if title is None else slug(title, max_length=None)
    levels = body.get("levels")
    keys = [
        level.get("key") if isinstance(level, dict) else None
        for level in (levels if isinstance(levels, list) else ())
    ]
    goals = body.get("goals")
    if not isinstance(goals, list):
        return body, problems
    order: list[tuple[dict[str, Any], str]] = []  # every node in document order
    body["goals"] = copied = [dict(goal) if isinstance(goal, dict) else goal for goal in goals]
    stack = [(goal, f"$.goals[{index}]", 0, True) for index, goal in enumerate(copied)][::-1]
    while stack:
        node, path, depth, is_goal = stack.pop()
        if not isinstance(node, dict):
            continue
        order.append((node, path))
        if is_goal and "level" not in node:
            if depth < len(keys) and isinstance(keys[depth], str):
                node["level"] = keys[depth]
            elif depth >= len(keys) and isinstance(levels, list):
                problems.append(
                    Problem(
                        f"{path}.level",
                        f"a goal at depth {depth + 1} needs its level, and the plan names only "
                        f"{len(keys)} levels: give the goal's level or add a level to the plan",
                    )
                )
        children = node.get("children")
        if isinstance(children, list):
            node["children"] = below = [
                dict(child) if isinstance(child, dict) else child for child in children
            ]
            stack.extend(
                (child, f"{path}.children[{index}]", depth + 1, _is_goal(child))
                for index, child in reversed(list(enumerate(below)))
            )
    taken = [node["id"] for node, _ in order if isinstance(node.get("id"), str)]
    unnamed = [
        (node, _title_for_id(node, path, problems)) for node, path in order if "id" not in node
    ]
    titled = [(node, title) for node, title in unnamed if title is not None]
    for (node, _), node_id in zip(titled, allocate([t for _, t in titled], taken), strict=True):
        node["id"] = node_id
    for node, title in unnamed:
        if title is None:
            node["id"] = _NO_TITLE
    return body, problems


def _fail(source: str, problems: list[Problem], note: str = "") -> DocumentError:
    return DocumentError.from_problems(f"{source} could not be read as a plan{note}", problems)


def _check_version(body: dict[str, Any], source: str) -> int:
    version = body.get("format_version")
    if "format_version" not in body:
        raise _fail(source, [Problem("$.format_version", "missing format_version")])
    if type(version) is not int:
        why = f"format_version must be a whole number (got {version!r})"
        raise _fail(source, [Problem("$.format_version", why)])
    if version > FORMAT_VERSION:
        why = (
            f"format_version {version} is newer than this version of malstyrning reads "
            f"(up to {FORMAT_VERSION}); upgrade malstyrning to read it"
        )
        raise _fail(source, [Problem("$.format_version", why)])
    if version < _OLDEST:
        why = f"format_version {version} is not one this version of malstyrning reads"
        raise _fail(source, [Problem("$.format_version", why)])
    return version


def _ancestry(
    by_id: dict[str | int, tuple[int, dict[str, Any]]],
    node_id: str | int,
    parent: str,
    path: str,
    limits: DocumentLimits,
) -> list[Problem]:
    """A cycle through the node's parents, or a chain of parents deeper than the limit."""
    chain = [node_id]
    seen = {node_id}
    current: Any = parent
    # Bounded by the depth limit, so that a long chain costs linear time per node, not more.
    while (
        isinstance(current, str)
        and current in by_id
        and current not in seen
        and len(chain) <= limits.max_depth
    ):
        chain.append(current)
        seen.add(current)
        current = by_id[current][1].get("parent")
    if current == node_id:
        cycle = " → ".join(map(str, [*chain, node_id]))
        if len(cycle) > 300:
            cycle = f"{cycle[:140]} … {cycle[-140:]}"
        return [Problem(path, f"cycle: {cycle}")]
    if len(chain) > limits.max_depth:
        return [Problem(path, _too_deep(limits))]
    return []


def _nest(nodes: Any, source: str, limits: DocumentLimits) -> list[dict[str, Any]]:
    """The nested goal tree from a flat ``nodes`` list whose entries name their parent."""
    if not isinstance(nodes, list):
        raise _fail(source, [Problem("$.nodes", f"expected a list (got {describe_kind(nodes)})")])
    problems: list[Problem] = []
    # A node without an id (one is made from its title later) is keyed by its position: no
    # other node can name it as its parent.
    by_id: dict[str | int, tuple[int, dict[str, Any]]] = {}
    for position, node in enumerate(nodes):
        path = f"$.nodes[{position}]"
        if not isinstance(node, dict):
            problems.append(Problem(path, f"expected an object (got {describe_kind(node)})"))
            continue
        node_id: str | int = node.get("id", position)
        if "id" in node and not isinstance(node_id, str):
            why = "an id must be a text; leave it out to have one made from the title"
            problems.append(Problem(f"{path}.id", why))
        elif node_id in by_id:
            first = by_id[node_id][0]
            problems.append(
                Problem(f"{path}.id", f"duplicate id {node_id!r} (first at $.nodes[{first}])")
            )
        else:
            by_id[node_id] = (position, node)
    for node_id, (position, node) in by_id.items():
        parent = node.get("parent")
        path = f"$.nodes[{position}].parent"
        if parent is None:
            if node.get("kind") != "goal":
                name = repr(node_id) if isinstance(node_id, str) else "the node"
                problems.append(Problem(path, f"{name} has no parent, so it must be a goal"))
        elif not isinstance(parent, str):
            problems.append(
                Problem(path, f"a parent is the id of a goal, a text (got {describe_kind(parent)})")
            )
        elif parent not in by_id:
            problems.append(
                Problem(path, f"no node with id {shorten(parent)} (dangling reference)")
            )
        elif by_id[parent][1].get("kind") != "goal":
            problems.append(
                Problem(path, f"{shorten(parent)} is not a goal and cannot have children")
            )
        else:
            problems += _ancestry(by_id, node_id, parent, path, limits)
    if problems:
        raise _fail(source, problems)
    children: dict[str | None, list[tuple[str | int, dict[str, Any]]]] = {}
    for key, (_, node) in by_id.items():
        entry = {name: value for name, value in node.items() if name != "parent"}
        children.setdefault(node.get("parent"), []).append((key, entry))

    def build(key: str | int, entry: dict[str, Any]) -> dict[str, Any]:
        below = [build(*child) for child in children.get(key, [])] if isinstance(key, str) else []
        return {**entry, "children": below} if below else entry

    return [
        {name: value for name, value in build(*goal).items() if name != "kind"}
        for goal in children.get(None, [])
    ]


def _too_deep(limits: DocumentLimits) -> str:
    return (
        f"the goal tree is more than {limits.max_depth} nodes deep (real plans have two to "
        "six levels); the limit is DocumentLimits.max_depth"
    )


def _tree_too_deep(body: dict[str, Any], limits: DocumentLimits) -> list[Problem]:
    """The first node deeper than the limit: checked before the (recursive) converter runs."""
    goals = body.get("goals")
    listed = goals if isinstance(goals, list) else []
    stack = [(goal, f"$.goals[{i}]", 1) for i, goal in enumerate(listed)]
    while stack:
        node, path, depth = stack.pop()
        if depth > limits.max_depth:
            return [Problem(path, _too_deep(limits))]
        children = node.get("children") if isinstance(node, dict) else None
        if isinstance(children, list):
            stack.extend(
                (child, f"{path}.children[{i}]", depth + 1) for i, child in enumerate(children)
            )
    return []


def from_document(
    document: object, *, source: str = "<document>", limits: DocumentLimits = DEFAULT_LIMITS
) -> Plan:
    """A plan from a parsed document, migrating older versions and checking every field.

    The history is replayed (:func:`malstyrning.revisions.check_history`): a document whose
    earlier versions do not follow from its revisions is refused.

    Raises:
        DocumentError: listing every problem with its path, and the source name.
    """
    if not isinstance(document, dict):
        kind = describe_kind(document)
        raise _fail(
            source, [Problem("$", f"expected an object with the plan's fields (got {kind})")]
        )
    version = _check_version(document, source)
    note = ""
    if version < FORMAT_VERSION:
        try:
            document, applied = migrate(dict(document), FORMAT_VERSION)
        except MigrationProblem as error:
            raise _fail(source, [error.problem], f" as format {version}") from None
        note = f" (after migrating it from format {applied[0]})"
    body = {key: value for key, value in document.items() if key != "format_version"}
    if "nodes" in body:
        if "goals" in body:
            raise _fail(source, [Problem("$", "give the goal tree as goals or as nodes, not both")])
        body["goals"] = _nest(body.pop("nodes"), source, limits)
    deep = _tree_too_deep(body, limits)
    if deep:
        raise _fail(source, deep, note)
    made: list[Problem] = []
    if _lacks_ids_or_levels(body):
        body, made = _fill_ids_and_levels(body)
    if _has_target_text(body):
        body = copy.deepcopy(body)  # the caller's document is never changed
        # An unreadable text leaves its node without a target; the rest is still checked, so
        # that one error lists every problem of the document.
        made += _parse_target_texts(body)
    if made:
        try:
            shared_converter().structure(body, Plan)
        except (cattrs.BaseValidationError, MalstyrningError) as error:
            # A level that could not be made is missing too: say it once, with the reason.
            reported = {problem.path for problem in made}
            made += [p for p in problems_of(error, "$") if p.path not in reported]
        raise _fail(source, made, note)
    try:
        # Most documents are valid: try the fast converter, and only if it fails pay for
        # the detailed one, which records the path of every problem.
        with paused_collector():
            plan = shared_converter(detailed=False).structure(body, Plan)
    except Exception:
        try:
            plan = shared_converter().structure(body, Plan)
        except (cattrs.BaseValidationError, MalstyrningError) as error:
            raise _fail(source, problems_of(error, "$"), note) from None
    if plan.history:
        replayed = check_history(plan)
        if replayed:
            raise _fail(source, replayed, note)
    return plan


def loads(
    text: str | bytes,
    *,
    format: Format | str = Format.JSON,
    source: str = "<string>",
    limits: DocumentLimits = DEFAULT_LIMITS,
) -> Plan:
    """A plan from document text in ``format`` (``"json"``, ``"yaml"`` or ``"toml"``).

    Raises:
        DocumentError: the text is not valid in the format, or not a valid plan, or asks for
            more work than ``limits`` allow; lists every problem with its path.
    """
    # The document is dropped before the collector runs again, so that it scans only the
    # plan: a document of 100 000 indicators is a million dicts and lists.
    with paused_collector():
        fmt = as_format(format)
        return from_document(parse(text, fmt, source, limits), source=source, limits=limits)


def _read(path: str | os.PathLike[str]) -> tuple[Path, bytes]:
    file = Path(path)
    try:
        return file, file.read_bytes()
    except OSError as error:
        raise DocumentError.from_problems(
            f"{file} cannot be read", [Problem("", error.strerror or str(error))]
        ) from None


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | str | None = None,
    limits: DocumentLimits = DEFAULT_LIMITS,
) -> Plan:
    """A plan from a document file; the format follows the extension unless given.

    Raises:
        DocumentError: the file cannot be read or is not a valid plan (names the file).
    """
    file, data = _read(path)
    fmt = format_of(file) if format is None else as_format(format)
    return loads(data, format=fmt, source=str(file), limits=limits)


def dumps_json(value: object) -> str:
    """Any unstructured value as indented JSON, decimals written exactly as they are."""
    if attrs.has(type(value)):
        value = shared_converter().unstructure(value)
    return emit(value, Format.JSON)


def dumps(plan: Plan, *, format: Format | str = Format.JSON) -> str:
    """The plan as document text.

    >>> from malstyrning import examples
    >>> '"value": 4.10' in dumps(examples.load("jamtland-harjedalen-2019"))
    True
    >>> 'value: 4.10' in dumps(examples.load("jamtland-harjedalen-2019"), format="yaml")
    True
    """
    with paused_collector():  # the document is gone before the collector runs again
        return emit(to_document(plan), as_format(format))


def dump(plan: Plan, path: str | os.PathLike[str], *, format: Format | str | None = None) -> None:
    """Write the plan to a document file; the format follows the extension unless given."""
    file = Path(path)
    fmt = format_of(file) if format is None else as_format(format)
    file.write_text(dumps(plan, format=fmt), encoding="utf-8")


def convert(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Plan:
    """Read a document and write it in the format of ``target``'s extension."""
    plan = load(source)
    dump(plan, target)
    return plan


def validate(
    path: str | os.PathLike[str], *, limits: DocumentLimits = DEFAULT_LIMITS
) -> list[Problem]:
    """Every problem in a document file, or an empty list if it is a valid plan."""
    try:
        load(path, limits=limits)
    except DocumentError as error:
        return list(error.problems)
    return []


# -- revision documents ------------------------------------------------------------------------
#
# A revision (a decision that changes a plan) has documents of its own, with their own
# format_version, read and written by the same converter and formats as plans.

_REVISION_FORMAT_VERSION = 1


def _revision_to_document(revision: Revision) -> dict[str, Any]:
    return {
        "format_version": _REVISION_FORMAT_VERSION,
        **shared_converter().unstructure(revision),
    }


def _revision_from_document(document: object, *, source: str) -> Revision:
    what = f"{source} could not be read as a revision"
    if not isinstance(document, dict):
        raise DocumentError.from_problems(what, [Problem("$", "expected an object")])
    version = document.get("format_version")
    if version != _REVISION_FORMAT_VERSION:
        message = f"expected format_version {_REVISION_FORMAT_VERSION} (got {version!r})"
        raise DocumentError.from_problems(what, [Problem("$.format_version", message)])
    body = {key: value for key, value in document.items() if key != "format_version"}
    try:
        return shared_converter().structure(body, Revision)
    except (cattrs.BaseValidationError, MalstyrningError) as error:
        raise DocumentError.from_problems(what, problems_of(error, "$")) from None


def loads_revision(
    text: str | bytes, *, format: Format | str = Format.JSON, source: str = "<string>"
) -> Revision:
    """A revision from document text in ``format`` (``"json"``, ``"yaml"`` or ``"toml"``).

    Raises:
        DocumentError: the text is not valid in the format, or not a valid revision; lists
            every problem with its path.

    >>> revision = loads_revision(
    ...     '{"format_version": 1, "body": "HSN", "decided": "2020-06-10",'
    ...     ' "operations": [{"op": "strike", "id": "g1", "cascade": true}]}')
    >>> revision.reference, revision.operations[0].op
    ('HSN 2020-06-10', 'strike')
    """
    return _revision_from_document(parse(text, as_format(format), source), source=source)


def load_revision(path: str | os.PathLike[str], *, format: Format | str | None = None) -> Revision:
    """A revision from a document file; the format follows the extension unless given.

    Raises:
        DocumentError: the file cannot be read or is not a valid revision (names the file).
    """
    file, data = _read(path)
    fmt = format_of(file) if format is None else as_format(format)
    return loads_revision(data, format=fmt, source=str(file))


def dumps_revision(revision: Revision, *, format: Format | str = Format.JSON) -> str:
    """The revision as document text.

    >>> from malstyrning import examples
    >>> text = dumps_revision(examples.load_revision("jamtland-harjedalen-2020-revision"))
    >>> loads_revision(text) == examples.load_revision("jamtland-harjedalen-2020-revision")
    True
    """
    return emit(_revision_to_document(revision), as_format(format))


def dump_revision(
    revision: Revision, path: str | os.PathLike[str], *, format: Format | str | None = None
) -> None:
    """Write the revision to a document file; the format follows the extension unless given."""
    file = Path(path)
    fmt = format_of(file) if format is None else as_format(format)
    file.write_text(dumps_revision(revision, format=fmt), encoding="utf-8")
