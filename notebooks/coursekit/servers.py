"""Servers on loopback for labs: a free port, a background thread, a clean stop.

Every lab server binds 127.0.0.1 on port 0, so the operating system picks a
free port, and runs in a daemon thread only while the ``with`` block runs::

    with serve_wsgi(app) as server:
        requests.get(server.url + "/hello")

On leaving the block (normally or by an exception) the server stops accepting,
its request threads are joined and its socket is closed, so a notebook can be
run twice in one kernel and leaves no open port behind.
"""
from __future__ import annotations

import socket
import socketserver
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Callable, Iterator
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    """Where a running lab server listens."""

    host: str
    port: int

    @property
    def url(self) -> str:
        """Base URL for HTTP servers, without a trailing slash."""
        return f"http://{self.host}:{self.port}"

    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)``, as ``socket.connect`` and ``sendto`` take it."""
        return (self.host, self.port)


class _LabServerMixIn(socketserver.ThreadingMixIn):
    """A thread per connection, a deep accept queue, and a stop that waits for nobody.

    Open connections are tracked so that stopping the server can shut them
    down: a client that keeps an HTTP/1.1 connection alive (``requests`` does)
    would otherwise hold its handler thread until the socket timeout.
    """

    daemon_threads = False      # joined by server_close(): nothing left running
    block_on_close = True
    request_queue_size = 128    # many clients connecting at once are queued, not dropped
    allow_reuse_address = True

    def server_activate(self):
        self._open_connections = set()
        self._connections_lock = threading.Lock()
        super().server_activate()

    def get_request(self):
        connection, address = super().get_request()
        with self._connections_lock:
            self._open_connections.add(connection)
        return connection, address

    def shutdown_request(self, request):
        with self._connections_lock:
            self._open_connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self):
        with self._connections_lock:
            connections = list(self._open_connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)   # the handler reads EOF and ends
            except OSError:
                pass


class _ThreadingWSGIServer(_LabServerMixIn, WSGIServer):
    pass


class _DetachedWSGIServer(_ThreadingWSGIServer):
    """For ``serve_wsgi(..., wait_for_requests=False)``: request threads are not waited for."""

    daemon_threads = True
    block_on_close = False


class _QuietWSGIHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass                                # no access log in the notebook


class _ThreadingHTTPServer(_LabServerMixIn, socketserver.TCPServer):
    pass


@contextmanager
def running(server: socketserver.BaseServer) -> Iterator[Server]:
    """Serve any ``socketserver`` server in a background thread while the block runs.

    Works for TCP and UDP servers alike (a lab's own DNS responder, for
    instance). The server must already be bound; it is shut down and closed on
    exit, even if the block raises.
    """
    host, port = server.server_address[:2]
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05},
        name=f"coursekit-server-{port}", daemon=True,
    )
    thread.start()
    try:
        yield Server(host, port)
    finally:
        server.shutdown()
        if isinstance(server, _LabServerMixIn):
            server.close_connections()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve_wsgi(app: Callable, host: str = LOOPBACK,
               wait_for_requests: bool = True) -> Iterator[Server]:
    """Run a WSGI application on ``host`` (loopback) on a free port.

    Each request is handled in its own thread, so concurrent clients are served
    concurrently. The access log is silenced to keep notebook output stable.

    By default, leaving the block waits for the request threads to finish.
    ``wait_for_requests=False`` is for checkers that serve a learner's code,
    which may never return: request threads are then daemon threads, and
    leaving the block stops the server and closes its socket without waiting
    for them (the caller decides what to do with a thread still running).
    """
    server_class = _ThreadingWSGIServer if wait_for_requests else _DetachedWSGIServer
    server = server_class((host, 0), _QuietWSGIHandler)
    server.set_app(app)
    with running(server) as info:
        yield info


@contextmanager
def serve_handler(handler: type[BaseHTTPRequestHandler], host: str = LOOPBACK,
                  timeout: float = 5.0) -> Iterator[Server]:
    """Run an ``http.server`` request handler class on ``host`` on a free port.

    The handler is subclassed to silence its access log and to give each
    connection a socket timeout, so a client that keeps a connection open
    cannot keep the server from stopping.
    """
    quiet = type(handler.__name__, (handler,), {
        "log_message": lambda self, *args: None,
        "timeout": timeout,
    })
    server = _ThreadingHTTPServer((host, 0), quiet)
    with running(server) as info:
        yield info


@contextmanager
def serve_asgi(app: Callable, host: str = LOOPBACK, timeout: float = 5.0) -> Iterator[Server]:
    """Run an ASGI application (FastAPI, Starlette...) with uvicorn on ``host`` on a free port.

    uvicorn runs its own event loop in a background thread, on a socket bound
    here to port 0. Lifespan events are off and only warnings are logged, to
    keep notebook output stable. On exit the server is asked to stop (uvicorn
    closes idle keep-alive connections and lets running requests finish), its
    thread is joined and the socket is closed.
    """
    import uvicorn  # imported here: only chapters that serve ASGI need it

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, lifespan="off", log_level="warning", log_config=None,
                            loop="asyncio", timeout_graceful_shutdown=timeout,
                            backlog=128)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name=f"coursekit-asgi-{port}", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the ASGI server did not start")
            time.sleep(0.01)
        yield Server(host, port)
    finally:
        server.should_exit = True
        thread.join(timeout=timeout + 1)
        sock.close()
