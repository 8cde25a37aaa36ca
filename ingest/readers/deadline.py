"""A time budget per document, so that one damaged file cannot stall a batch.

Readers call :meth:`Deadline.check` between pages, paragraphs and table rows.
That cannot interrupt one slow call inside pdfminer (one page of a PDF bomb
runs for minutes), so :meth:`Deadline.alarm` also raises the same error from
wherever the reader is when the budget runs out. On the main thread of a
process that has not claimed SIGALRM itself that is a real-time timer; on any
other thread (a server reads uploads in worker threads) a timer thread asks the
interpreter to raise the error asynchronously in the reading thread. Either way
the error arrives between two Python bytecodes, so pure-Python parsers stop; a
single long call into C still runs to its end.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ingest.errors import IngestError, ReadTimeoutError


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
        """Interrupt the block with E110 when the budget runs out, on whichever thread it runs."""
        if self.seconds is None:
            yield
            return
        on_main = threading.current_thread() is threading.main_thread()
        if (
            on_main
            and hasattr(signal, "setitimer")
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        ):
            alarm = self._signal_alarm(self.seconds)
        else:
            alarm = self._thread_alarm(self.seconds)
        try:
            with alarm:
                yield
        except ReadTimeoutError:
            raise
        except IngestError as error:
            # A library may catch the interruption and fail in its own way (a PDF 'with no text'):
            # past the budget, the budget is the reason the user must hear.
            if self._end is not None and time.monotonic() > self._end:
                raise ReadTimeoutError(self.file, seconds=self.seconds) from error
            raise

    @contextmanager
    def _signal_alarm(self, seconds: float) -> Iterator[None]:
        def on_alarm(signum: int, frame: FrameType | None) -> None:
            raise ReadTimeoutError(self.file, seconds=seconds)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    @contextmanager
    def _thread_alarm(self, seconds: float) -> Iterator[None]:
        file = self.file

        class Expired(ReadTimeoutError):
            # The interpreter raises an asynchronous exception by calling its class without arguments.
            def __init__(self) -> None:
                super().__init__(file, seconds=seconds)

        reader = threading.get_ident()
        lock = threading.Lock()
        state = {"done": False, "fired": False}

        def fire() -> None:
            with lock:
                if not state["done"]:
                    state["fired"] = True
                    _raise_in(reader, Expired)

        timer = threading.Timer(max(seconds, 0.001), fire)
        timer.daemon = True
        timer.start()
        try:
            yield
        except Expired:  # given as the plain error, so it pickles and compares like any other E110
            raise ReadTimeoutError(file, seconds=seconds) from None
        finally:
            with lock:
                state["done"] = True
                fired = state["fired"]
            timer.cancel()
            if fired:  # raised after the block had finished its work: it must not surface later
                _raise_in(reader, None)


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Have thread ``thread_id`` raise ``exc_type`` at its next bytecode (``None`` withdraws a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), None if exc_type is None else ctypes.py_object(exc_type)
    )


__all__ = ["Deadline"]
