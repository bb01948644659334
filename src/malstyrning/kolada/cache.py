"""A cache of Kolada data queries on disk (SQLite, stdlib), updated with ``from_date``.

Each query (base URL, KPIs, municipalities, years) keeps its figures and the day it was last
fetched. A later fetch of the same query asks Kolada only for what changed since that day and
applies it: changed figures replace the old ones, deleted ones go. Every write is one
transaction, so a fetch that fails or is interrupted leaves the cache as it was.

The folder is ``MALSTYRNING_KOLADA_CACHE`` if set, else ``malstyrning/kolada`` under the
user's cache folder (``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%``
on Windows).

>>> import tempfile
>>> from malstyrning.kolada.client import KoladaValue
>>> cache = KoladaCache(tempfile.mkdtemp())
>>> value = KoladaValue(kpi="N00945", municipality="2281", period=2022, gender="T")
>>> cache.replace("q", [value], fetched=date(2026, 1, 5))
>>> cache.get("q")
(datetime.date(2026, 1, 5), (KoladaValue(kpi='N00945', municipality='2281', period=2022, gender='T', value=None, count=1, status=''),))
"""  # noqa: E501 (a doctest's expected output is as long as the value's repr)

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from malstyrning.errors import MalstyrningError
from malstyrning.kolada.client import KoladaDeletion, KoladaValue

__all__ = ["KoladaCache", "default_cache_folder"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS queries (
    key TEXT PRIMARY KEY,
    fetched TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
    key TEXT NOT NULL REFERENCES queries (key) ON DELETE CASCADE,
    kpi TEXT NOT NULL,
    municipality TEXT NOT NULL,
    period INTEGER NOT NULL,
    gender TEXT NOT NULL,
    value TEXT,
    count INTEGER NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (key, kpi, municipality, period, gender)
);
"""


def default_cache_folder() -> Path:
    """Where the cache lives unless told otherwise (see the module's description)."""
    chosen = os.environ.get("MALSTYRNING_KOLADA_CACHE")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "malstyrning" / "kolada"


class KoladaCache:
    """Fetched Kolada figures per query, in ``kolada.sqlite3`` in ``folder``.

    Args:
        folder: where to keep the database; created if missing. By default
            :func:`default_cache_folder`.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_folder()
        self.path = self.folder / "kolada.sqlite3"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._connection() as connection:
                connection.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise MalstyrningError(
                f"the Kolada cache {self.path} cannot be opened ({error}); give another "
                "folder (--cache-dir) or delete the file to start afresh"
            ) from None

    def __repr__(self) -> str:
        return f"KoladaCache({str(self.folder)!r})"

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            # One transaction: committed when the block ends, rolled back if it raises.
            with connection:
                yield connection
        except sqlite3.DatabaseError as error:
            raise MalstyrningError(
                f"the Kolada cache {self.path} could not be read or written ({error}); "
                "delete the file to start afresh"
            ) from None
        finally:
            connection.close()

    def get(self, key: str) -> tuple[date, tuple[KoladaValue, ...]] | None:
        """The day a query was last fetched and its figures, or None if it never was."""
        with self._connection() as connection:
            row = connection.execute("SELECT fetched FROM queries WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            figures = connection.execute(
                "SELECT kpi, municipality, period, gender, value, count, status FROM figures "
                "WHERE key = ? ORDER BY kpi, municipality, period, gender",
                (key,),
            ).fetchall()
        return date.fromisoformat(row[0]), tuple(
            KoladaValue(
                kpi=kpi,
                municipality=municipality,
                period=period,
                gender=gender,
                value=None if value is None else Decimal(value),
                count=count,
                status=status,
            )
            for kpi, municipality, period, gender, value, count, status in figures
        )

    def replace(self, key: str, values: Iterable[KoladaValue], *, fetched: date) -> None:
        """Keep ``values`` as the whole answer to the query, fetched on ``fetched``."""
        with self._connection() as connection:
            connection.execute("DELETE FROM figures WHERE key = ?", (key,))
            self._write(connection, key, values, fetched)

    def apply(
        self,
        key: str,
        values: Iterable[KoladaValue],
        deletions: Iterable[KoladaDeletion],
        *,
        fetched: date,
    ) -> None:
        """Apply the changes since the last fetch: new and changed figures, then deletions."""
        with self._connection() as connection:
            for deletion in deletions:
                clause, parameters = (
                    ("", ()) if deletion.gender is None else (" AND gender = ?", (deletion.gender,))
                )
                connection.execute(
                    "DELETE FROM figures WHERE key = ? AND kpi = ? AND municipality = ? "
                    "AND period = ?" + clause,
                    (key, deletion.kpi, deletion.municipality, deletion.period, *parameters),
                )
            self._write(connection, key, values, fetched)

    @staticmethod
    def _write(
        connection: sqlite3.Connection, key: str, values: Iterable[KoladaValue], fetched: date
    ) -> None:
        connection.execute(
            "INSERT INTO queries (key, fetched) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET fetched = excluded.fetched",
            (key, fetched.isoformat()),
        )
        connection.executemany(
            "INSERT OR REPLACE INTO figures "
            "(key, kpi, municipality, period, gender, value, count, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    key,
                    value.kpi,
                    value.municipality,
                    value.period,
                    value.gender,
                    None if value.value is None else str(value.value),
                    value.count,
                    value.status,
                )
                for value in values
            ),
        )

    def clear(self) -> None:
        """Forget every query."""
        with self._connection() as connection:
            connection.execute("DELETE FROM figures")
            connection.execute("DELETE FROM queries")
