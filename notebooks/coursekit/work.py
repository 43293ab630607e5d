"""Work for the process pools of chapter 02.

A process pool started with "spawn" (the default on macOS and Windows) runs
only functions that its workers can import from a module, not functions
defined in a notebook cell. The lesson's code stays in the notebook; this
module holds the small function it hands to pools.
"""
from __future__ import annotations


def busy(n: int) -> int:
    """CPU-bound work in pure Python: the sum of ``i * i % 7`` for ``i`` below ``n``."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total



def stop_resource_tracker() -> None:
    """Stop multiprocessing's resource tracker, if this process started one.

    A "spawn" or "forkserver" pool starts the tracker on POSIX; it then lives
    as long as its parent and ignores SIGINT and SIGTERM. A Jupyter kernel that
    shuts down sends SIGTERM to its children and waits for them before it sends
    SIGKILL, so a running tracker delays every restart by seconds. Closing the
    tracker's pipe makes it exit at once; a later pool starts a new one.
    ``_stop`` is private to CPython's ``multiprocessing``; where it is missing,
    the tracker is left to stop with the kernel.
    """
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()
