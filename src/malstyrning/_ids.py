"""Ids made from titles, for documents, sheets and builders that leave ids out.

A generated id is a readable slug of the node's title: letters folded to ASCII (``å`` and
``ä`` to ``a``, ``ö`` and ``ø`` to ``o``, ``æ`` to ``ae``, other accents dropped), lowercase,
words joined by hyphens, at most :data:`MAX_LENGTH` characters cut at a word boundary. The
slug depends on the title alone, so the same title gives the same id on every run.

Within one plan the ids are allocated by :func:`allocate`, in document order (depth first,
parents before children):

1. ids the document states (``taken``) are never reused;
2. every title whose slug no other title in the plan shares, and no stated id equals, gets
   the plain slug, so its id does not depend on any other node;
3. titles that share a slug are numbered in document order: the first gets the plain slug,
   the next ``-2``, ``-3`` and so on, skipping any id already in use or that another title
   would get plainly. Titles whose slugs are alike only because they were cut at
   :data:`MAX_LENGTH` keep their whole slugs instead.

Changing one title therefore changes that node's id only, unless the old or new slug is
shared with another title or is an id the numbering made (a clash is created or removed):
then the ids of the titles involved may shift. State the ids (or keep the dumped ones) once
revisions refer to them.

>>> slug("Ökad tillgänglighet i vården")
'okad-tillganglighet-i-varden'
>>> allocate(["Mål", "Delaktighet", "Mål"], taken={"delaktighet"})
['mal', 'delaktighet-2', 'mal-2']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = ["MAX_LENGTH", "allocate", "slug"]

MAX_LENGTH = 48
"""The longest slug :func:`slug` makes; longer titles are cut at the last word that fits."""

# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(title: str, *, max_length: int | None = MAX_LENGTH) -> str:
    """The id a node with this title gets when nothing else claims it.

    A title with no letter or digit that folds to ASCII (``"—"``, a title in Greek) gets
    ``id-`` and eight hex digits of a hash of the title, stable across runs and machines.

    Args:
        title: the node's title as written.
        max_length: the longest slug to make, or None for the whole title.

    Returns:
        A string that is a valid node id (letters, digits and hyphens, starting with a letter
        or digit), at most ``max_length`` characters.

    >>> slug("Målområde: Hälsa & vård")
    'malomrade-halsa-vard'
    >>> slug("Andel (%) patienter som får besök inom 90 dagar")
    'andel-patienter-som-far-besok-inom-90-dagar'
    >>> slug("Ærlig førstelinje 2022–2024")
    'aerlig-forstelinje-2022-2024'
    >>> slug("Ψ")
    'id-...'
    """
    decomposed = unicodedata.normalize("NFKD", title.translate(_FOLD))
    # Accents go; any other character that is not an ASCII letter or digit (a dash, a
    # letter of another script) separates words, so "2022–2024" stays two numbers.
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    text = _NOT_ALNUM.sub("-", folded).strip("-")
    if max_length is not None and len(text) > max_length:
        cut = text[: max_length + 1]
        # Cut at the last whole word; a single overlong word is cut where it must be.
        text = cut[: cut.rfind("-")] if "-" in cut else text[:max_length]
    if not text:
        digest = hashlib.blake2b(unicodedata.normalize("NFC", title).encode(), digest_size=4)
        return f"id-{digest.hexdigest()}"
    return text


def allocate(titles: Sequence[str], taken: Iterable[str] = ()) -> list[str]:
    """Ids for nodes without one, from their titles, unique among themselves and ``taken``.

    Args:
        titles: the titles of the nodes that need an id, in document order (depth first,
            parents before children, siblings in order).
        taken: the ids the plan already states for its other nodes.

    Returns:
        One id per title, in the same order; the result depends only on the arguments.

    >>> allocate(["Trygg vård", "Trygg vård", "Trygg vård-2"])
    ['trygg-vard', 'trygg-vard-3', 'trygg-vard-2']
    >>> allocate(["Ny"], taken=["ny", "ny-2"])
    ['ny-3']
    >>> long = "Patienter med positiv upplevelse av tillgänglighet i "
    >>> allocate([long + "primärvården", long + "slutenvården"])  # doctest: +NORMALIZE_WHITESPACE
    ['patienter-med-positiv-upplevelse-av-tillganglighet-i-primarvarden',
     'patienter-med-positiv-upplevelse-av-tillganglighet-i-slutenvarden']
    """
    used = set(taken)
    short = [slug(title) for title in titles]
    whole: dict[str, set[str]] = {}
    for title, cut in zip(titles, short, strict=True):
        whole.setdefault(cut, set()).add(slug(title, max_length=None))
    # Titles that differ only after the cut keep their whole slugs rather than numbers.
    bases = [
        cut if len(whole[cut]) == 1 else slug(title, max_length=None)
        for title, cut in zip(titles, short, strict=True)
    ]
    ids: list[str | None] = [None] * len(bases)
    # Plain slugs first, so that a title nobody shares keeps its id whatever the others do.
    for index, base in enumerate(bases):
        if base not in used:
            used.add(base)
            ids[index] = base
    following: dict[str, int] = {}
    for index, base in enumerate(bases):
        if ids[index] is None:
            number = following.get(base, 2)
            while f"{base}-{number}" in used:
                number += 1
            following[base] = number + 1
            ids[index] = f"{base}-{number}"
            used.add(f"{base}-{number}")
    return [node_id for node_id in ids if node_id is not None]
