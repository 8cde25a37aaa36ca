"""A time budget per document, so that one damaged file cannot stall a batch.

Readers call :meth:`Deadline.check` between pages, paragraphs and table rows.
That cannot interrupt one slow call inside pdfminer, so on the main thread of
a process that has not claimed SIGALRM itself, :meth:`Deadline.alarm` also arms
a real-time timer that raises the same error from wherever the reader is.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ingest.errors import ReadTimeoutError


class Deadline:
    """Seconds left for reading one file; ``None`` means no limit."""

    def __init__(self, file: str, seconds: float | None) -> None:
        self.file = file
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """Raise E110 once the budget is spent."""
        if self._end is not None and time.monotonic() > self._end:
            raise ReadTimeoutError(self.file, seconds=self.seconds)

    @contextmanager
    def alarm(self) -> Iterator[None]:
        """Interrupt the block when the budget runs out (main thread, SIGALRM unused), else just run it."""
        seconds = self.seconds
        usable = (
            seconds is not None
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        )
        if not usable:
            yield
            return

        def on_alarm(signum: int, frame: FrameType | None) -> None:
            raise ReadTimeoutError(self.file, seconds=seconds)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, max(seconds or 0.0, 0.001))
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


__all__ = ["Deadline"]
