"""A run's lifetime: stop cleanly on a signal, die with `make`, and let nothing interrupt the
moment outputs are moved into place."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PR_SET_PDEATHSIG = 1


class Interrupted(Exception):
    """The run was stopped by a signal; nothing was published."""


def _raise(number: int, _frame) -> None:
    raise Interrupted(f"stopped by {signal.Signals(number).name}")


@contextmanager
def stoppable() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the run like Ctrl-C does: through the clean-up code."""
    previous = {number: signal.signal(number, _raise) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP until the block ends (SIGKILL cannot be held back:
    a journal lets the next run finish what was started)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


def die_with_make() -> None:
    """Under make, get SIGTERM when make itself dies (even by SIGKILL), so that no orphaned run
    publishes after make has returned. The kernel already exits when its parent, this process,
    is gone (ipykernel polls for it)."""
    if not os.environ.get("MAKELEVEL") or not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # make died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)
