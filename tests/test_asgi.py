"""Unit tests of coursekit.serve_asgi: uvicorn on loopback, stopped cleanly."""
from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest
import requests

import coursekit


async def hello_asgi(scope, receive, send):
    """A bare ASGI application: 'hello <path>' as plain text."""
    assert scope["type"] == "http"
    body = f"hello {scope['path']}".encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})


def port_is_closed(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def asgi_threads():
    return [t for t in threading.enumerate() if t.name.startswith("coursekit-asgi")]


def test_serve_asgi_answers_on_loopback_and_stops():
    with coursekit.serve_asgi(hello_asgi) as server:
        assert server.host == "127.0.0.1" and server.port > 0
        assert server.url == f"http://127.0.0.1:{server.port}"
        r = requests.get(server.url + "/x", timeout=5)
        assert (r.status_code, r.text) == (200, "hello /x")
    assert port_is_closed(server.port)
    assert asgi_threads() == []


def test_serve_asgi_works_twice_in_a_row_with_keep_alive():
    ports = []
    for _ in range(2):
        with coursekit.serve_asgi(hello_asgi) as server, requests.Session() as session:
            # a kept-alive connection must not keep the server from stopping
            assert [session.get(server.url + p, timeout=5).text for p in ("/a", "/b")] == \
                ["hello /a", "hello /b"]
            ports.append(server.port)
        assert port_is_closed(server.port)
        assert asgi_threads() == []
    assert len(ports) == 2


def test_serve_asgi_serves_a_fastapi_app():
    fastapi = pytest.importorskip("fastapi")
    app = fastapi.FastAPI()

    @app.get("/items/{item_id}")
    async def item(item_id: int):
        await asyncio.sleep(0)
        return {"id": item_id}

    with coursekit.serve_asgi(app) as server:
        assert requests.get(server.url + "/items/3", timeout=5).json() == {"id": 3}
        assert requests.get(server.url + "/items/x", timeout=5).status_code == 422
    assert port_is_closed(server.port)
    assert asgi_threads() == []


def test_serve_asgi_stops_even_when_the_block_raises():
    with pytest.raises(RuntimeError):
        with coursekit.serve_asgi(hello_asgi) as server:
            raise RuntimeError("boom")
    assert port_is_closed(server.port)
    assert asgi_threads() == []


# serve_wsgi(wait_for_requests=False): used by checkers that serve a learner's code

def _stuck_app(release: threading.Event):
    def app(environ, start_response):
        release.wait(10)                  # a handler that does not return in time
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"late"]
    return app


def _leave_time(release: threading.Event, **options) -> tuple[float, int]:
    with coursekit.serve_wsgi(_stuck_app(release), **options) as server:
        with pytest.raises(requests.Timeout):
            requests.get(server.url + "/", timeout=0.2)
        threading.Timer(0.6, release.set).start()
        start = time.perf_counter()
    return time.perf_counter() - start, server.port


def test_serve_wsgi_waits_for_its_request_threads_by_default():
    release = threading.Event()
    seconds, port = _leave_time(release)
    assert seconds >= 0.4, seconds        # joined the handler thread, released at 0.6 s
    assert port_is_closed(port)


def test_serve_wsgi_can_leave_without_waiting_for_a_stuck_request():
    release = threading.Event()
    seconds, port = _leave_time(release, wait_for_requests=False)
    assert seconds < 0.4, seconds         # did not wait for the handler
    assert port_is_closed(port)
    release.set()
    deadline = time.monotonic() + 5       # the handler thread ends once released
    while any(t.daemon and t.name.startswith("Thread-") and t.is_alive()
              for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.01)
