"""Checkers for chapter 01, Internet and basic frontend knowledge.

Each checker takes the learner's function, tries it on a few inputs (and, for
the conditional GET, against a small server on loopback that it starts and
stops itself), and returns :class:`coursekit.Feedback` that says what is wrong
and for which input.
"""
from __future__ import annotations

import http.client
import io
import json
import re

from ..checks import NotYet, call, checker, expect
from ..servers import serve_wsgi


def _call(func, *args, label: str):
    """``call``, with ``label`` (the call and its input) named in the feedback on any failure.

    A stub, or an answer that is not a function, is reported by its plain name instead.
    """
    if not callable(func):
        return call(func, *args)
    try:
        return call(func, *args, name=label)
    except NotYet as exc:
        if isinstance(exc.__context__, NotImplementedError):
            return call(func, *args)        # the stub raises again: the plain "still the stub" feedback
        raise

# -- Exercise 1: parse a status line -------------------------------------------

_STATUS_LINES = [
    ("HTTP/1.1 200 OK", ("HTTP/1.1", 200, "OK")),
    ("HTTP/1.1 404 Not Found\r\n", ("HTTP/1.1", 404, "Not Found")),
    ("HTTP/1.0 301 Moved Permanently\r\n", ("HTTP/1.0", 301, "Moved Permanently")),
    ("HTTP/1.1 204 \r\n", ("HTTP/1.1", 204, "")),
    # RFC 9112 §4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ), so spaces may repeat
    ("HTTP/1.1 503 Back  at 10:00\r\n", ("HTTP/1.1", 503, "Back  at 10:00")),
]


def _reason_hint(line: str, reason: str, got: object) -> str:
    """Why a reason phrase came out wrong, without spelling out the code that fixes it."""
    text = str(got)
    if text.endswith(("\r", "\n")):
        return ": strip the line ending '\\r\\n' first."
    if reason and text.split() == reason.split():
        return (": the spaces inside the reason changed; keep the reason phrase exactly as sent "
                "(RFC 9112 §4 allows several spaces in a row), rather than splitting it into words.")
    if " " in reason:
        return ": the reason is everything after the code, spaces included."
    return "."


@checker
def check_parse_status_line(parse_status_line):
    """``parse_status_line(line) -> (version, code, reason)``."""
    for line, (version, code, reason) in _STATUS_LINES:
        got = _call(parse_status_line, line, label=f"parse_status_line({line!r})")
        expect(isinstance(got, (tuple, list)) and len(got) == 3,
               f"parse_status_line({line!r}) should return a tuple (version, code, reason), got {got!r:.80}.")
        got_version, got_code, got_reason = got
        expect(got_version == version, f"for {line!r} expected version {version!r}, got {got_version!r}.")
        expect(isinstance(got_code, int) and not isinstance(got_code, bool),
               f"for {line!r} expected code {code} as int, got {got_code!r} ({type(got_code).__name__}).")
        expect(got_code == code, f"for {line!r} expected code {code}, got {got_code}.")
        if reason == "":
            expect(got_reason == "", f"for {line!r} (no reason phrase) expected reason '', got {got_reason!r}.")
        expect(got_reason == reason,
               f"for {line!r} expected reason {reason!r}, got {got_reason!r}" + _reason_hint(line, reason, got_reason))
    return ("version, code (an int) and reason, including a reason with spaces, one with two spaces "
            "in a row and an empty one.")


# -- Exercise 2: build a GET request ------------------------------------------------

_REQUESTS = [
    ("shop.example", "/cart", {"Accept": "application/json"}),
    ("api.example", "/", {}),
]


def _check_request(raw, host: str, path: str, extra: dict, label: str) -> None:
    """Raise NotYet unless ``raw`` is the head of ``GET path`` for ``host`` with ``extra``."""
    expect(not isinstance(raw, str),
           f"{label} returned a str; a socket sends bytes: encode it, e.g. `text.encode('ascii')`.")
    expect(isinstance(raw, bytes), f"{label} should return bytes, got {type(raw).__name__}: {raw!r:.60}.")
    expect(b"\n" in raw, f"{label}: the request should have several lines, got {raw!r:.80}.")
    expect(raw.count(b"\n") == raw.count(b"\r\n"),
           f"{label}: every line must end with CRLF (b'\\r\\n'); found a bare b'\\n' in {raw!r:.90}.")
    expect(raw.endswith(b"\r\n\r\n"),
           f"{label}: the head must end with an empty line, i.e. with b'\\r\\n\\r\\n'; it ends with {raw[-8:]!r}.")
    expect(raw.count(b"\r\n\r\n") == 1,
           f"{label}: there is an empty line in the middle of the head: it would end the head early.")
    request_line, _, rest = raw.partition(b"\r\n")
    expected_line = f"GET {path} HTTP/1.1".encode()
    expect(request_line == expected_line,
           f"{label}: the request line should be {expected_line!r}, got {request_line!r}.")
    headers = http.client.parse_headers(io.BytesIO(rest))
    hosts = headers.get_all("Host")
    expect(hosts is not None,
           f"{label}: the request has no Host header; HTTP/1.1 requires one (RFC 9112 §3.2), "
           "and a conforming server answers 400 without it.")
    expect(hosts == [host], f"{label}: expected one Host header with {host!r}, got {hosts}.")
    for name, value in extra.items():
        expect(headers.get(name) == value,
               f"{label}: the extra header {name}: {value} is missing or changed (got {headers.get(name)!r}).")


@checker
def check_build_get_request(build_get_request):
    """``build_get_request(host, path, headers) -> bytes``: an HTTP/1.1 request head."""
    for host, path, extra in _REQUESTS:
        label = f"build_get_request({host!r}, {path!r}, {extra!r})"
        raw = _call(build_get_request, host, path, dict(extra), label=label)
        _check_request(raw, host, path, extra, label)
    return "a well-formed HTTP/1.1 request: CRLF lines, a Host header, and the empty line that ends the head."


# -- Exercise 3: a conditional GET with a cache ---------------------------------

_TAGS = re.compile(r'\*|(?:W/)?"[^"]*"')


class _Catalog:
    """A resource with a weak ETag that changes with its version; it records what clients sent.

    It evaluates If-None-Match as RFC 9110 §13.1.2 says: a list of tags (or ``*``),
    compared with the weak comparison of §8.8.3.2.
    """

    def __init__(self):
        self.version = 1
        self.seen = []       # (If-None-Match or None, status sent)

    def etag(self) -> str:
        return f'W/"v{self.version}"'

    def body(self) -> bytes:
        return json.dumps({"version": self.version, "items": ["teapot", "mug"]}).encode()

    def matches(self, header: str | None) -> bool:
        if header is None:
            return False
        tags = _TAGS.findall(header)
        mine = self.etag().removeprefix("W/")
        return "*" in tags or any(tag.removeprefix("W/") == mine for tag in tags)

    def __call__(self, environ, start_response):
        sent = environ.get("HTTP_IF_NONE_MATCH")
        status = "304 Not Modified" if self.matches(sent) else "200 OK"
        self.seen.append((sent, int(status[:3])))
        headers = [("ETag", self.etag()), ("Cache-Control", "no-cache")]
        if status.startswith("200"):
            headers.append(("Content-Type", "application/json"))
        start_response(status, headers)
        return [b"" if status.startswith("304") else self.body()]


@checker
def check_cached_get(cached_get):
    """``cached_get(url, cache) -> str``: revalidate with If-None-Match, reuse the body on 304."""
    catalog = _Catalog()
    with serve_wsgi(catalog) as server:
        url, cache = server.url + "/catalog", {}
        first = call(cached_get, url, cache, name="cached_get")
        expect(first == catalog.body().decode(),
               f"first call (empty cache): the server sent 200 with a body; return it as text, not {first!r:.60}.")
        expect(url in cache, "first call: after a 200 response, store the ETag and the body in `cache[url]`.")
        expect(isinstance(cache[url], tuple) and len(cache[url]) == 2 and cache[url][0] == catalog.etag(),
               "first call: cache[url] should be (etag, body), with the ETag exactly as the server sent it, "
               f"{catalog.etag()!r}; got {cache[url]!r:.60}.")

        second = call(cached_get, url, cache, name="cached_get (second call, resource unchanged)")
        sent, status = catalog.seen[-1]
        expect(sent is not None, "second call: the request carried no If-None-Match header, "
                                 "so the server had to send the whole body again.")
        expect(status == 304, f"second call: If-None-Match should carry the stored ETag, {catalog.etag()!r}, "
                              f"got {sent!r}, so the server sent the whole body again.")
        expect(second == first, "second call: the server answered 304 Not Modified with an empty body: "
                                f"return the cached body, not {second!r:.40}.")

        catalog.version = 2
        third = call(cached_get, url, cache, name="cached_get (third call, the resource changed)")
        expect(third == catalog.body().decode(),
               "third call: the resource changed, so the server sent 200 with a new body; "
               f"return it, not {third!r:.60}.")
        expect(cache.get(url, (None,))[0] == catalog.etag(),
               "third call: after a new 200 response, replace the cache entry with the new ETag and body.")

        fourth = call(cached_get, url, cache, name="cached_get (fourth call, resource unchanged)")
        expect(catalog.seen[-1][1] == 304 and fourth == third,
               "fourth call: with the new ETag stored, the server should answer 304 and you should return "
               f"the new body from the cache; got status {catalog.seen[-1][1]} and {fourth!r:.40}.")
    return ("a 200 with an ETag, then 304 Not Modified and the cached body, then a fresh 200 when the "
            "resource changed, and a 304 again with the new tag.")
