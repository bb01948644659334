"""Pausing Python's cyclic garbage collector while the library builds large object graphs.

Loading a plan, writing one and evaluating one each allocate some fifteen objects per
indicator, none of which form reference cycles. The collector's full collection runs each time
the surviving objects grow by a quarter and walks every object in the process, the plan
included: a large plan was walked several times per call, and the cost per indicator grew
with the plan (twice as high at 50 000 indicators as at 5 000). Mercurial pauses the
collector for the same reason. What a paused block drops is never walked.

What it keeps would be walked once, by the young generation's pass the next allocation
starts: at 100 000 indicators a full evaluation keeps some 700 000 objects, and that pass
took about a tenth of the evaluation's time (3.8 µs per indicator). Where a block kept many
objects (ten times the young generation's threshold or more), they go straight to the oldest
generation instead, as objects that live long get there anyway: ``gc.freeze()`` then
``gc.unfreeze()``, two constant-time list moves. The young objects the program had made
before the block (fewer than the threshold, or it would have been collected) go with them;
garbage among them waits for the next full collection. Not done while the program has
frozen objects of its own, which ``gc.unfreeze()`` would release.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused_collector"]


class _Collector:
    """The pauses of every thread, counted.

    Pauses nest across threads; the collector is resumed when the last ends, and only if it
    was running when the first began.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        with self._lock:
            if not self._depth:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if not self._depth and self._resume:
                    _promote_kept()
                    gc.enable()


# A block keeping this many times the young generation's threshold moves what it kept to the
# oldest generation (see the module's docstring).
_MANY = 10


def _promote_kept() -> None:
    """The young objects to the oldest generation, unwalked, where a block kept many."""
    threshold = gc.get_threshold()[0]
    if threshold and gc.get_count()[0] >= _MANY * threshold and not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()


_COLLECTOR = _Collector()


def paused_collector() -> contextlib.AbstractContextManager[None]:
    """A block during which the cyclic collector does not run (the previous state returns).

    >>> import gc
    >>> with paused_collector():
    ...     gc.isenabled()
    False
    """
    return _COLLECTOR.paused()
