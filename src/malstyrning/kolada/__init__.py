"""Kolada, the open KPI database of Swedish municipalities and regions, as a source of outcomes.

A client of Kolada's API (:class:`KoladaClient`: data and metadata, every page, retries,
clear errors), a cache on disk updated with only what changed (:class:`KoladaCache`), and
the way from its figures to a plan's outcomes (:func:`fetch`, :func:`write_table`,
:func:`update_plan`). httpx comes with the extra ``kolada`` (``pip install
"malstyrning[kolada]"``) and is imported when the first request is made. The command line
has the same as ``malstyrning kolada``; docs/kolada.md shows both.

>>> from malstyrning import kolada
>>> kolada.DEFAULT_BASE_URL
'https://api.kolada.se/v2'
"""

from __future__ import annotations

from malstyrning.kolada.cache import KoladaCache, default_cache_folder
from malstyrning.kolada.client import (
    DEFAULT_BASE_URL,
    KoladaClient,
    KoladaData,
    KoladaDeletion,
    KoladaValue,
    Progress,
)
from malstyrning.kolada.outcomes import (
    KoladaFetch,
    KoladaUpdate,
    fetch,
    to_rows,
    update_plan,
    with_kolada,
    write_table,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "KoladaCache",
    "KoladaClient",
    "KoladaData",
    "KoladaDeletion",
    "KoladaFetch",
    "KoladaUpdate",
    "KoladaValue",
    "Progress",
    "default_cache_folder",
    "fetch",
    "to_rows",
    "update_plan",
    "with_kolada",
    "write_table",
]
