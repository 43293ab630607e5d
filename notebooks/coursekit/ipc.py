"""Child-process entry points for chapter 03's inter-process communication lab.

A child started with the "spawn" method (the default on macOS and Windows) runs
a fresh interpreter: it can only call a function it can import by name, not one
defined in a notebook cell. The small functions below are those targets; what
they do is plumbing (echo what arrives, add to a counter, send a signal, try a
lock file). The lesson, the parent's side of each exchange, stays in the
notebook.
"""
from __future__ import annotations

import os
import socket


def echo_pipe(conn, count: int) -> None:
    """Send back up to ``count`` objects received on a ``multiprocessing`` connection; stop at ``None``."""
    with conn:
        for _ in range(count):
            item = conn.recv()
            if item is None:
                break
            conn.send(item)


def echo_queue(inbox, outbox, count: int) -> None:
    """Put on ``outbox`` up to ``count`` items taken from ``inbox``; stop at ``None``."""
    for _ in range(count):
        item = inbox.get()
        if item is None:
            break
        outbox.put(item)
    outbox.close()
    outbox.join_thread()            # flush the queue's feeder thread before exiting


def add_to_counter(counter, times: int) -> None:
    """Add 1 to a shared ``multiprocessing.Value`` ``times`` times, under its lock."""
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def recv_exactly(sock: socket.socket, size: int) -> bytes:
    """Read ``size`` bytes from a stream socket, however the kernel splits them."""
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError(f"closed after {len(data)} of {size} bytes")
        data += chunk
    return data


def echo_stream(family: int, address, size: int, count: int) -> None:
    """Connect to ``address`` (a Unix socket path or a (host, port)) and echo up to ``count``
    messages of ``size`` bytes; stop early if the other side closes between two messages."""
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.connect(address)
        for _ in range(count):
            first = sock.recv(size)
            if not first:
                break                   # closed between messages: done
            sock.sendall(first + recv_exactly(sock, size - len(first)))


def send_signal(pid: int, signum: int) -> None:
    """Send signal ``signum`` to process ``pid``."""
    os.kill(pid, signum)


def try_lock_file(path: str) -> None:
    """Try to take the lock file ``path``: exit code 0 if taken (and released), 1 if busy."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        raise SystemExit(1) from None
    os.close(fd)
    os.remove(path)
