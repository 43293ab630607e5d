"""The robustness test's guard really refuses non-loopback traffic and really sees leaks.

Refusals happen in the audit hook, before any packet is sent: 192.0.2.1 is a
documentation address (TEST-NET-1) and example.invalid a reserved name, and
neither is ever contacted.
"""
from __future__ import annotations

import ast
import socket

import pytest

from conftest import NOTEBOOKS
from guard import INSTALL, LEFTOVERS
from kernel import Kernel


@pytest.fixture(scope="module")
def kernel():
    k = Kernel(NOTEBOOKS)
    assert k.run(INSTALL).ok
    yield k
    k.close()


def leftovers(kernel) -> dict:
    return ast.literal_eval(kernel.run(LEFTOVERS).text.strip().splitlines()[-1])


@pytest.mark.parametrize("code", [
    "import socket; socket.create_connection(('192.0.2.1', 80), timeout=0.1)",
    "import socket; socket.getaddrinfo('example.invalid', 80)",
    "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('192.0.2.1', 53))",
    "import socket; socket.socket().bind(('0.0.0.0', 0))",
])
def test_non_loopback_is_refused_before_it_happens(kernel, code):
    result = kernel.run(code)
    assert not result.ok and "blocked by the course's test guard" in result.error


def test_loopback_is_allowed_and_leaks_are_seen(kernel):
    setup = """
import socket, threading
_srv = socket.socket(); _srv.bind(('127.0.0.1', 0)); _srv.listen()
_cli = socket.create_connection(_srv.getsockname(), timeout=1)
_stop = threading.Event()
_t = threading.Thread(target=_stop.wait, name='left-running'); _t.start()
"""
    assert kernel.run(setup).ok
    refused_before = int(kernel.run("len(_guard_blocked)").text)
    swallowed = "import socket\ntry:\n    socket.getaddrinfo('example.invalid', 80)\nexcept OSError:\n    pass"
    assert kernel.run(swallowed).ok
    left = leftovers(kernel)
    assert left["threads"] == ["left-running"] and len(left["listening"]) == 1
    assert len(left["blocked"]) == refused_before + 1, "a refusal the notebook swallowed is still recorded"
    assert kernel.run("_stop.set(); _t.join(); _cli.close(); _srv.close()").ok
    left = leftovers(kernel)
    assert left["threads"] == [] and left["listening"] == []


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix domain sockets here")
def test_unix_domain_sockets_are_allowed(kernel):
    code = """
import os, socket, tempfile
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "s")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(path); server.listen()
        with socket.socket(socket.AF_UNIX) as client:
            client.connect(path)
            conn, _ = server.accept()
            with conn:
                client.sendall(b"ping")
                print(conn.recv(4).decode())
"""
    result = kernel.run(code)
    assert result.ok, result.error
    assert result.text.strip() == "ping"


def test_a_leftover_child_is_seen_but_not_the_resource_tracker(kernel):
    """A child a lab forgot counts; multiprocessing's resource tracker, which lives as long as the
    kernel by design (POSIX, spawn or forkserver), does not."""
    setup = """
import subprocess, sys
from multiprocessing import resource_tracker
_child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
resource_tracker.ensure_running()
"""
    assert kernel.run(setup).ok
    assert len(leftovers(kernel)["children"]) == 1
    assert kernel.run("_child.kill(); _child.wait()").ok
    assert leftovers(kernel)["children"] == []
