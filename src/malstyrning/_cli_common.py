"""What every ``malstyrning`` command shares: plan references, error handling, options."""

from __future__ import annotations

import contextlib
import errno
import functools
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from malstyrning.errors import MalstyrningError
from malstyrning.i18n import DEFAULT_LOCALE, available_locales

if TYPE_CHECKING:
    from malstyrning.evaluation import Evaluation
    from malstyrning.model import Plan

F = TypeVar("F", bound=Callable[..., Any])


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A ``click.Choice`` whose values are a module's names, read when first needed.

    The module is imported only when the option is used or its help is shown, so that
    ``malstyrning --help`` does not import the reports or the evaluator.
    """

    def __init__(self, module: str, attribute: str) -> None:
        self._source = (module, attribute)
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        """The names the module lists."""
        module, attribute = self._source
        return tuple(getattr(importlib.import_module(module), attribute))

    @choices.setter
    def choices(self, value: object) -> None:
        del value  # click sets the empty tuple given above; the module says the rest


def plan_from(reference: str) -> Plan:
    """A plan from a file path or an embedded example name."""
    from malstyrning import examples
    from malstyrning.io import load

    if Path(reference).is_file():
        return load(reference)
    if reference in examples.names():
        return examples.load(reference)
    raise MalstyrningError(
        f"no file and no embedded example named {reference!r}; give a path to a plan "
        f"document or one of: {', '.join(examples.names())}"
    )


def printable(text: str) -> str:
    """The text with what no output can encode (a lone surrogate from a document) escaped.

    >>> printable("x\\ud800y")
    'x\\\\ud800y'
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _io_message(error: OSError) -> str:
    """An I/O error in words: what failed, on which file, why, and what to do."""
    name = error.filename
    reason = error.strerror or str(error) or type(error).__name__
    if name is None:
        return f"I/O error: {reason}"
    path = Path(os.fsdecode(name))
    hint = ""
    if error.errno == errno.ENOENT and not path.parent.exists():
        hint = f"; the folder {str(path.parent)!r} does not exist: create it first"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "; choose a file you may write, or change its permissions"
    elif error.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "; free some space or write elsewhere (the file may be incomplete)"
    elif error.errno == errno.EISDIR:
        hint = "; give a file name, not a folder"
    return f"I/O error on {str(path)!r}: {reason}{hint}"


def friendly(function: F) -> F:
    """Turn every error into a message and exit code 1, never a traceback.

    The library's errors say what and where; I/O errors (a missing or unwritable folder, a
    full disk) are named as such with the file; anything else is a bug, and says so.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except MalstyrningError as error:
            click.echo(printable(f"error: {error}"), err=True)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors (exit 2) and aborts are click's to report
        except OSError as error:
            click.echo(f"error: {_io_message(error)}", err=True)
            sys.exit(1)
        except RecursionError:
            click.echo(
                "error: the input is nested too deeply to process; this is a bug in "
                "malstyrning (inputs should be refused with their place): please report it",
                err=True,
            )
            sys.exit(1)
        except Exception as error:  # a bug: still a message, not a traceback
            text = str(error)
            text = text if len(text) <= 300 else f"{text[:150]}…{text[-150:]}"
            click.echo(
                f"error: internal error ({type(error).__name__}: {text}); "
                "this is a bug in malstyrning: please report it with the command you ran",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def writing(path: str) -> Iterator[None]:
    """A block that writes ``path``: an I/O error in it names the file (a full disk does not)."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror or str(error), path) from None
        raise


def output_option(help_text: str) -> Callable[[F], F]:
    """``-o/--output FILE``, required: where a command writes what it makes."""
    option: Callable[[F], F] = click.option(
        "-o", "--output", required=True, type=click.Path(dir_okay=False), help=help_text
    )
    return option


FORCE_OPTION = click.option(
    "--force",
    is_flag=True,
    help="Write the output even onto a file the command reads (it is replaced).",
)
"""``--force``: let ``-o`` name an input file."""


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()


def check_output(output: str | None, inputs: Iterable[str | None], *, force: bool) -> None:
    """Refuse an output file that is one of the command's input files, unless ``force``.

    ``-o`` onto the plan a report is made from would replace the plan with the report.

    Raises:
        MalstyrningError: the output is an input and ``force`` is not given (exit 1).
    """
    if output is None or force:
        return
    target = Path(output)
    for reference in inputs:
        if (
            reference is not None
            and Path(reference).is_file()
            and _same_file(target, Path(reference))
        ):
            raise MalstyrningError(
                f"the output {output!r} is the input file {reference!r}: writing it would "
                "replace the input; choose another file, or pass --force to replace it"
            )


def locale_option(help_text: str, *, plan_default: bool = False) -> Callable[[F], F]:
    """``--locale``, one of the catalogues, Swedish by default.

    With ``plan_default`` it is None when not given: the command then takes the plan's
    ``language`` (see :func:`locale_for`).
    """
    return click.option(
        "--locale",
        type=click.Choice(list(available_locales())),
        default=None if plan_default else DEFAULT_LOCALE,
        show_default=f"the plan's language, else {DEFAULT_LOCALE}" if plan_default else True,
        help=help_text,
    )


def locale_for(locale: str | None, plan: Plan) -> str:
    """The ``--locale`` given, else the plan's own language, else Swedish."""
    return locale or plan.language or DEFAULT_LOCALE


class RollupType(click.ParamType):  # type: ignore[type-arg]
    """``--rollup``: a shipped policy's key or ``share:LEVEL=SHARE,...``, checked when given."""

    name = "worst|majority|mean_of_ranks|share:LEVEL=SHARE,..."

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The text as given, once :func:`malstyrning.rollup.parse_policy` reads it."""
        from malstyrning.rollup import parse_policy

        try:
            parse_policy(value)
        except MalstyrningError as error:
            self.fail(str(error), param, ctx)
        return value


ROLLUP_OPTION = click.option(
    "--rollup",
    type=RollupType(),
    default=None,
    help="How goals combine their children's statuses: worst, majority, mean_of_ranks, or "
    "share thresholds such as share:green=0.75,yellow=0.5 (or share:green=0,75;yellow=0,5) "
    "[default: the plan's own policy, else worst].",
)


def check_assessable(evaluation: Evaluation, *, locale: str) -> None:
    """Say on stderr when the period lies outside the plan's validity; refuse an empty one.

    Raises:
        MalstyrningError: nothing at all could be assessed in the period (no outcome,
            report, judgement or pace anywhere), which is never what was meant.
    """
    from malstyrning.i18n import format_period, translate

    plan, period = evaluation.plan, evaluation.period
    outside = evaluation.outside_validity
    if outside:
        click.echo(
            translate(
                "cli.outside_validity",
                locale=locale,
                period=format_period(period, locale=locale),
                validity=format_period(plan.validity, locale=locale),
            ),
            err=True,
        )
    if not evaluation.anything_assessed:
        where = f", which is outside its validity {plan.validity}" if outside else ""
        raise MalstyrningError(
            f"nothing in plan {plan.id!r} can be assessed for {period}{where}: no outcome, "
            "report, judgement or pace anywhere; give a period the follow-up has data for "
            "(--period)"
        )
