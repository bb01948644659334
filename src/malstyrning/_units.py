"""The units every plan may use without declaring them.

Private: :data:`malstyrning.model.BUILTIN_UNITS` is the public name. The set lives below the
model so that the target-text parser, which the model asks to read ``target_text``, can know
the units too.

>>> "rec/TIN" in BUILTIN_UNITS
True
"""

from __future__ import annotations

__all__ = ["BUILTIN_UNITS"]

BUILTIN_UNITS = frozenset(
    {
        "%",
        "‰",
        "rec/TIN",
        "kr",
        "tkr",
        "mkr",
        "timmar",
        "antal",
        "index",
        "dagar",
        "poäng",
        "dimensionsvärde",
        "personer",
        "år",
        "månader",
        "veckor",
        "ja/nej",
    }
)
"""Units every plan may use; a plan declares any others in ``Plan.units``."""
