"""Signals: SIGINT and SIGTERM stop a command by raising `Interrupted` (so temporary files go on
the way out), a critical section defers them, and a long call into pyoxigraph runs in a worker
thread so that they can stop it."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

from ..errors import Interrupted

SIGNALS = (signal.SIGINT, signal.SIGTERM)
T = TypeVar("T")


def _raise(signum: int, frame) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Interrupted` inside the block (unless they were ignored when
    the program started, as in a background job); the previous handlers come back after it."""
    with _handlers(_raise):
        yield


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (a few renames that must all happen),
    then act as they would have."""
    pending: list[int] = []
    with _handlers(lambda signum, frame: pending.append(signum)) as previous:
        yield
    for signum in pending[:1]:
        handler = previous.get(signum)
        if callable(handler):
            handler(signum, None)
        elif handler is signal.SIG_DFL:
            signal.raise_signal(signum)


@contextlib.contextmanager
def _handlers(handler) -> Iterator[dict]:
    if threading.current_thread() is not threading.main_thread():
        yield {}  # only the main thread may set handlers (and receives signals)
        return
    previous = {s: signal.getsignal(s) for s in SIGNALS}
    try:
        for signum, old in previous.items():
            if old is not signal.SIG_IGN:
                signal.signal(signum, handler)
        yield previous
    finally:
        for signum, old in previous.items():
            if old is not None:
                signal.signal(signum, old)


def in_worker(call: Callable[[], T]) -> T:
    """The result of `call()`, run in a daemon thread while this one waits, so a signal stops
    the wait even when `call` spends minutes inside pyoxigraph (which releases the GIL but does
    not look at signals). An interrupted call is left to end with the process."""
    done = threading.Event()
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=run, name="query", daemon=True).start()
    done.wait()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
