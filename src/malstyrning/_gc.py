"""Pausing Python's cyclic garbage collector while the library builds large object graphs.

Loading a plan, writing one and evaluating one each allocate some fifteen objects per
indicator, none of which form reference cycles. The collector's full collection runs each time
the surviving objects grow by a quarter and walks every object in the process, the plan
included: a large plan was walked several times per call, and the cost per indicator grew
with the plan (twice as high at 50 000 indicators as at 5 000). Mercurial pauses the
collector for the same reason. What a paused block keeps is walked once by the young
generation's pass when the program next allocates; what it drops is never walked.
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
                    gc.enable()


_COLLECTOR = _Collector()


def paused_collector() -> contextlib.AbstractContextManager[None]:
    """A block during which the cyclic collector does not run (the previous state returns).

    >>> import gc
    >>> with paused_collector():
    ...     gc.isenabled()
    False
    """
    return _COLLECTOR.paused()
