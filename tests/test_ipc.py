"""Unit tests for coursekit.ipc, the child-process targets of chapter 03."""
from __future__ import annotations

import multiprocessing
import os
import socket
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "notebooks"))

from coursekit import ipc  # noqa: E402


def test_echo_pipe_sends_back_what_it_receives():
    parent, child = multiprocessing.Pipe()
    parent.send("hello")
    parent.send([1, 2])
    ipc.echo_pipe(child, 2)
    assert parent.recv() == "hello" and parent.recv() == [1, 2]
    parent.close()


def test_add_to_counter_adds_under_the_lock():
    counter = multiprocessing.Value("q", 5)
    ipc.add_to_counter(counter, 10)
    assert counter.value == 15


def test_recv_exactly_joins_chunks_and_reports_a_short_read():
    a, b = socket.socketpair()
    with a, b:
        a.sendall(b"ab")
        a.sendall(b"cd")
        assert ipc.recv_exactly(b, 3) == b"abc"
        a.close()
        with pytest.raises(ConnectionError, match="1 of 4"):
            ipc.recv_exactly(b, 4)


@pytest.mark.parametrize("count, messages", [
    (2, (b"ping", b"pong")),        # echoes the messages it was told to expect
    (100, (b"ping",)),              # stops when the other side closes after 1 of 100
])
def test_echo_stream_over_tcp_loopback(count, messages):
    with socket.create_server(("127.0.0.1", 0)) as listener:
        process = multiprocessing.Process(
            target=ipc.echo_stream,
            args=(socket.AF_INET, listener.getsockname(), 4, count))
        process.start()
        conn, _ = listener.accept()
        with conn:
            for message in messages:
                conn.sendall(message)
                assert ipc.recv_exactly(conn, 4) == message
        process.join(5)
    assert process.exitcode == 0


def test_echo_pipe_and_queue_stop_at_none():
    parent, child = multiprocessing.Pipe()
    parent.send("hello")
    parent.send(None)
    ipc.echo_pipe(child, 100)                     # returns early instead of waiting for 100
    assert parent.recv() == "hello"
    parent.close()
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    inbox.put("job")
    inbox.put(None)
    process = multiprocessing.Process(target=ipc.echo_queue, args=(inbox, outbox, 100))
    process.start()
    assert outbox.get(timeout=5) == "job"
    process.join(5)                               # stopped at None, not after 100 items
    assert process.exitcode == 0
    for queue in (inbox, outbox):
        queue.close(); queue.join_thread()
