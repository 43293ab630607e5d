"""Checkers for chapter 04, languages and frameworks.

- :func:`check_health_and_version` asks for ``/health`` on the chapter's
  hand-written WSGI app alone, then serves the learner's middleware around it,
  and around two small apps of its own (one answering 404, one failing with
  500, each sending headers of its own chosen at random), with ``serve_wsgi``
  on loopback; it reads status, JSON body and headers over HTTP;
- :func:`check_order_model` puts the learner's pydantic model behind a FastAPI
  endpoint, serves it with ``serve_asgi`` and posts good and bad bodies, some
  of them drawn at random on each run.

Both checkers stay in control of the learner's code: an exception of any kind
(``SystemExit`` and ``KeyboardInterrupt`` included) becomes feedback, without a
traceback; a request that gets no answer within ``TIMEOUT`` seconds is
reported as such, and the thread still running the learner's code is asked to
stop (an exception is raised in it, which ends a busy loop).
"""
import json
import random
import sys
import threading
import time

import requests

from ..checks import NotYet, checker, expect
from ..servers import serve_asgi, serve_wsgi

VERSION_HEADER = "API-Version"
TIMEOUT = 5         # seconds a checker waits for one answer


class _Stopped(Exception):
    """Raised in a thread still running the learner's code after the check gave up on it."""


def _describe(exc):
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _stop_thread(ident):
    """Ask the thread `ident` to stop: raise _Stopped in it at its next bytecode (CPython)."""
    try:
        import ctypes
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Stopped))
    except (ImportError, AttributeError):    # not CPython: the thread is a daemon, left to run
        pass


def _call(func, *args, name):
    """Call the learner's `func`, turning any exception, even SystemExit, into NotYet."""
    if not callable(func):
        raise NotYet(f"`{name}` should be a function, but it is {type(func).__name__}: {func!r:.60}.")
    try:
        return func(*args)
    except NotImplementedError:
        raise NotYet(f"`{name}` is still the stub: replace `raise NotImplementedError` "
                     "with your code.") from None
    except BaseException as exc:   # the learner's bug, SystemExit and KeyboardInterrupt included
        raise NotYet(f"calling `{name}` raised {_describe(exc)}.") from None


# Exercise 1: a route and a middleware ------------------------------------------------------

_HEADER_NAMES = ["X-Request-Id", "X-Trace", "Cache-Control", "X-Shop", "ETag", "X-Region",
                 "Vary", "X-Build", "Link", "X-Served-By"]


def _other_app(status, rng):
    """A tiny WSGI app answering `status` with JSON and two headers of its own, chosen at random.

    Its 500 is sent as an app that caught an error sends it: with `exc_info` (PEP 3333).
    """
    extra = [(name, f"v{rng.randrange(10**6)}") for name in rng.sample(_HEADER_NAMES, 2)]
    headers = [("Content-Type", "application/json; charset=utf-8")] + extra

    def app(environ, start_response):
        data = json.dumps({"error": status}).encode()
        if status.startswith("5"):
            try:
                raise RuntimeError("the app failed")
            except RuntimeError:
                start_response(status, list(headers), sys.exc_info())
        else:
            start_response(status, list(headers))
        return [data]
    return app, headers


def _guarded(app, problems, active):
    """Run `app` and check what it does; any problem becomes a 500 and a note in `problems`."""
    def guarded(environ, start_response):
        calls = []

        def start(status, headers, exc_info=None):
            calls.append(status)
            return start_response(status, headers, exc_info)
        me = threading.get_ident()
        active.add(me)
        try:
            body = list(app(environ, start))
            if not calls:
                problems.append("a body without calling start_response first")
            elif not all(isinstance(chunk, bytes) for chunk in body):
                kinds = sorted({type(chunk).__name__ for chunk in body})
                problems.append(f"a body of {', '.join(kinds)} items; a WSGI body is an iterable "
                                "of bytes (PEP 3333)")
            else:
                return body
        except BaseException as exc:   # the learner's bug, even SystemExit: reported in the feedback
            problems.append(_describe(exc))
        finally:
            active.discard(me)
        start_response("500 Internal Server Error", [("Content-Type", "text/plain")], sys.exc_info())
        return [b"the answer failed"]
    return guarded


def _get(app, path, through="through your middleware"):
    """GET `path` from `app` served on loopback: (status, headers, text)."""
    problems, active = [], set()
    try:
        with serve_wsgi(_guarded(app, problems, active), wait_for_requests=False) as server:
            r = requests.get(server.url + path, timeout=TIMEOUT)
    except requests.Timeout:
        for ident in list(active):
            _stop_thread(ident)
        deadline = time.monotonic() + 2
        while active and time.monotonic() < deadline:
            time.sleep(0.01)
        raise NotYet(f"GET {path} {through} got no answer within {TIMEOUT} s: does the code "
                     "loop forever, or wait for something that never comes?") from None
    if problems:
        problem = problems[0]
        if problem.startswith("TypeError") and "positional argument" in problem:
            problem += (" (PEP 3333: start_response takes status, headers and an optional "
                        "third argument, exc_info)")
        verb = "returned" if problem.startswith("a body") else "raised"
        raise NotYet(f"GET {path} {through} {verb} {problem}.")
    return r.status_code, r.headers, r.text


def _check_headers(headers, sent, what):
    """The version header is there, and every header the app `sent` came through unchanged."""
    expect(VERSION_HEADER in headers, f"the {what} has no {VERSION_HEADER} header: the middleware "
                                      "should add it to every response.")
    expect(headers[VERSION_HEADER] == "1",
           f"the {what} has {VERSION_HEADER}: {headers[VERSION_HEADER]!r}; expected '1'.")
    for name, value in sent:
        expect(name in headers, f"the {what} lost the app's own {name} header: add yours to the "
                                "app's headers, do not replace or rebuild them.")
        expect(headers[name] == value, f"the {what} has {name}: {headers[name]!r:.40}, but the app "
                                       f"sent {value!r:.40}: keep the app's headers as they are.")


def _check_health(status, text, through):
    expect(status != 404, f"GET /health {through}answered 404: register the route with "
                          "@route(\"GET\", \"/health\") on the chapter's app.")
    expect(not (status == 500 and "NotImplementedError" in text),
           "the `health` route is still the stub: replace `raise NotImplementedError` with your code.")
    expect(status == 200, f"GET /health {through}answered {status}, expected 200 "
                          f"(body: {text[:80]!r}).")
    try:
        body = json.loads(text)
    except ValueError:
        raise NotYet(f"GET /health {through}returned {text[:60]!r}, which is not JSON.") from None
    expect(body == {"status": "ok"},
           f'GET /health {through}returned {body!r:.80}, expected {{"status": "ok"}}.')


def _check_health_and_version(app, versioned, rng):
    # the route itself, without the middleware: the route must answer on its own
    status, _, text = _get(app, "/health", through="on `app` alone")
    _check_health(status, text, "on `app` alone (without the middleware) ")
    wrapped = _call(versioned, app, name="versioned")
    expect(callable(wrapped), "`versioned(app)` should return a WSGI application (a function of "
                              f"environ and start_response), but it returned {wrapped!r:.60}.")
    status, headers, text = _get(wrapped, "/health")
    _check_health(status, text, "")
    json_type = [("Content-Type", "application/json")]
    _check_headers(headers, json_type, "200 response to GET /health")
    status, headers, _ = _get(wrapped, "/no/such/page")
    expect(status == 404, f"GET /no/such/page answered {status}, expected 404.")
    _check_headers(headers, json_type, "404 response to GET /no/such/page")
    for status_line, what in [("404 Not Found", "404 response of another app"),
                              ("500 Internal Server Error", "500 response of an app that failed")]:
        other_app, sent = _other_app(status_line, rng)
        other = _call(versioned, other_app, name="versioned")
        expect(callable(other), "`versioned(...)` should return a WSGI application, but it "
                                f"returned {other!r:.60}.")
        code, headers, _ = _get(other, "/anything")
        expect(code == int(status_line[:3]), f"the {what} came out as {code}: the middleware "
                                             "should pass the status through unchanged.")
        _check_headers(headers, sent, what)
    return (f"GET /health answers 200 with JSON, and {VERSION_HEADER}: 1 is on every response, "
            "next to the app's own headers: the 200, the 404 and a 500 from another app.")


@checker
def check_health_and_version(app, versioned):
    """`versioned(app)` must answer /health with JSON and add API-Version: 1 everywhere."""
    try:
        return _check_health_and_version(app, versioned, random.Random())
    except (NotYet, Exception):
        raise
    except BaseException as exc:   # SystemExit or KeyboardInterrupt from the learner's code
        raise NotYet(f"your code raised {_describe(exc)}, which would stop the program.") from None


# Exercise 2: a pydantic model ---------------------------------------------------------------

GOOD = [{"product_id": 1, "quantity": 1}, {"product_id": 42, "quantity": 100}]
BAD = [
    ({"product_id": 1, "quantity": 0}, "a quantity of 0"),
    ({"product_id": 1, "quantity": -3}, "a negative quantity"),
    ({"product_id": 1, "quantity": 101}, "a quantity over 100"),
    ({"product_id": 1, "quantity": "2"}, "a quantity sent as a string"),
    ({"product_id": 1, "quantity": 2.5}, "a fractional quantity"),
    ({"product_id": "7", "quantity": 1}, "a product_id sent as a string"),
    ({"product_id": 1.5, "quantity": 1}, "a fractional product_id"),
    ({"product_id": 0, "quantity": 1}, "a product_id of 0"),
    ({"product_id": True, "quantity": 1}, "a product_id sent as a boolean"),
    ({"product_id": 1, "quantity": 2.0}, "a quantity sent as a float"),
    ({"product_id": None, "quantity": None}, "null for both fields"),
    ({"product_id": 1}, "a missing quantity"),
    ({"product_id": 1, "quantity": 1, "price": 0.01}, "an unknown field, price"),
]


def _random_cases(rng):
    """Bodies the learner does not see: a valid order, and an unknown field other than price.

    Each is (body, description, show): a failing hidden body is described, not printed.
    """
    good = {"product_id": rng.randrange(101, 100_000), "quantity": rng.randrange(2, 100)}
    field = rng.choice(["note", "discount", "coupon", "user", "currency"]) + f"_{rng.randrange(1000)}"
    bad = {"product_id": rng.randrange(1, 100), "quantity": rng.randrange(1, 100), field: 1}
    return good, (bad, "an unknown field other than price (a name chosen at random)")


def _order_app(model):
    from fastapi import FastAPI
    app = FastAPI()

    @app.post("/orders", status_code=201)
    async def create_order(order: model):      # noqa: ANN001 - the learner's model
        return order.model_dump() if isinstance(order, model) else order

    return app


def _recording(app, problems):
    """ASGI wrapper: an exception from `app` (the learner's model) is noted, not logged."""
    async def recorded(scope, receive, send):
        started = []

        async def tracking_send(message):
            if message["type"] == "http.response.start":
                started.append(True)
            await send(message)
        try:
            await app(scope, receive, tracking_send)
        except BaseException as exc:   # the learner's bug, even SystemExit: reported in the feedback
            problems.append(type(exc).__name__)
            if not started:
                await send({"type": "http.response.start", "status": 500,
                            "headers": [(b"content-type", b"text/plain")]})
                await send({"type": "http.response.body", "body": b"the model raised"})
    return recorded


def _failed(problems):
    name = problems[-1] if problems else "an exception"
    return (f"the endpoint failed with 500: your model raised {name} instead of refusing the "
            "input (a validator refuses with ValueError, which pydantic turns into a 422)")


def _post(server, body):
    try:
        # a new connection each time: on a kept-alive one each answer waited for a delayed ACK
        # (about 45 ms per request, measured here), 17 requests made the check slow
        return requests.post(server.url + "/orders", json=body, timeout=TIMEOUT)
    except requests.Timeout:
        loop = [t for t in threading.enumerate() if t.name == f"coursekit-asgi-{server.port}"]
        for thread in loop:
            _stop_thread(thread.ident)
        raise NotYet(f"POST /orders got no answer within {TIMEOUT} s: does a validator of your "
                     "model loop forever, or wait for something that never comes?") from None


def _check_order_model(Order, rng):
    from pydantic import BaseModel
    expect(isinstance(Order, type) and issubclass(Order, BaseModel),
           f"`Order` should be a pydantic model class (class Order(BaseModel): ...), "
           f"but it is {Order!r:.60}.")
    fields = set(Order.model_fields)
    expect(fields == {"product_id", "quantity"},
           f"`Order` should have the fields product_id and quantity, it has {sorted(fields)}.")
    try:
        app = _order_app(Order)
    except BaseException as exc:
        raise NotYet(f"FastAPI could not use `Order` as a request body ({type(exc).__name__}).") from None
    hidden_good, hidden_bad = _random_cases(rng)
    goods = [(body, json.dumps(body)) for body in GOOD] + [(hidden_good, "with a product_id over 100")]
    bads = [(body, f"{json.dumps(body)} ({what})") for body, what in BAD]
    bads.append((hidden_bad[0], f"with {hidden_bad[1]}"))
    problems = []
    with serve_asgi(_recording(app, problems)) as server:
        for body, shown in goods:
            r = _post(server, body)
            expect(r.status_code != 500, f"POST /orders {shown}: {_failed(problems)}.")
            expect(r.status_code == 201, f"POST /orders {shown} was refused with "
                                         f"{r.status_code}: a valid order must be accepted.")
            expect(r.json() == body, f"POST /orders {shown} came back as {r.json()!r:.80}.")
        for body, shown in bads:
            r = _post(server, body)
            expect(r.status_code != 500, f"POST /orders {shown}: {_failed(problems)}.")
            expect(r.status_code == 422, f"POST /orders {shown} was answered "
                                         f"{r.status_code}; it should be refused with 422.")
    return (f"{len(goods)} valid orders accepted (201); {len(bads)} bad ones refused with 422: "
            "out-of-range numbers, strings, fractions, booleans and nulls for integers, "
            "a missing field, unknown ones.")


@checker
def check_order_model(Order):
    try:
        return _check_order_model(Order, random.Random())
    except (NotYet, Exception):
        raise
    except BaseException as exc:   # SystemExit or KeyboardInterrupt from the learner's code
        raise NotYet(f"your code raised {_describe(exc)}, which would stop the program.") from None
