"""Checkers for chapter 01, Internet and basic frontend knowledge.

Each checker takes the learner's function, tries it on a few inputs (and, for
the conditional GET, against a small server on loopback that it starts and
stops itself), and returns :class:`coursekit.Feedback` that says what is wrong
and for which input.
"""
from __future__ import annotations

import inspect
import json
import re

from ..checks import NotYet, call, checker, expect
from ..servers import serve_wsgi


def _call(func, *args, label: str):
    """``call``, with ``label`` (the call and its input) named in the feedback on any failure.

    A stub, or an answer that is not a function, is reported by its plain name instead.
    """
    if not callable(func):
        return call(func, *args, name=label.split("(", 1)[0].strip())
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
        expect(isinstance(got, tuple) and len(got) == 3,
               f"parse_status_line({line!r}) should return a tuple (version, code, reason), got {got!r:.80}"
               + (": a list, not a tuple." if isinstance(got, list) and len(got) == 3 else "."))
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
    # a port in Host, a query in the target, several headers whose order and case matter
    ("shop.example:8080", "/search?q=tea&page=2",
     {"Accept": "text/html", "Accept-Language": "pt, en;q=0.5", "X-Trace-Id": "AbC-42"}),
    # headers in no sorted order
    ("api.example", "/v1/items", {"X-Trace-Id": "7", "Accept": "*/*", "Cache-Control": "no-cache"}),
]
_FIELD = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*")


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
    head, _, after = raw.partition(b"\r\n\r\n")
    expect(after == b"",
           f"{label}: there is an empty line inside the request: the head ends at the first empty line, "
           f"and a GET here has no body, so nothing may follow it (found {after!r:.40} after it).")
    request_line, *lines = head.split(b"\r\n")
    expected_line = f"GET {path} HTTP/1.1".encode()
    expect(request_line == expected_line,
           f"{label}: the request line should be the method, the target and the version, separated by "
           f"single spaces: GET {path} HTTP/1.1; got {request_line!r}.")
    fields = []
    for line in lines:
        match = _FIELD.fullmatch(line)
        expect(match, f"{label}: {line!r} is not a header line `Name: value`"
                      + (" (no space is allowed between the name and the colon: RFC 9112 §5.1 has a "
                         "server answer 400)." if re.match(rb"[^:]*[ \t]:", line) else "."))
        fields.append((match[1].decode("latin-1"), match[2].decode("latin-1")))
    hosts = [value for name, value in fields if name.lower() == "host"]
    expect(hosts, f"{label}: the request has no Host header; HTTP/1.1 requires one (RFC 9112 §3.2), "
                  "and a conforming server answers 400 without it.")
    expect(hosts == [host], f"{label}: expected one Host header with {host!r}, the host and port as given, "
                            f"got {hosts}.")
    expect(fields[0][0].lower() == "host",
           f"{label}: put Host first, right after the request line, as the task asks "
           f"(RFC 9112 §3.2: a client SHOULD send it first); got {fields[0][0]!r} first.")
    got, want = fields[1:], list(extra.items())
    for name, value in want:
        found = [v for n, v in got if n.lower() == name.lower()]
        expect(found == [value], f"{label}: the header {name}: {value} is missing or changed "
                                 f"(got {found[0] if found else None!r}).")
    expect([n.lower() for n, _ in got] == [n.lower() for n, _ in want],
           f"{label}: after Host, send one line per item of `headers`, in their order, and nothing else: "
           f"expected {[n for n, _ in want]}, got {[n for n, _ in got]}.")


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
        self.failing = False
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
        if self.failing:                    # an error answer: no ETag, a body that is not the resource
            self.seen.append((sent, 503))
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"try again later"]
        status = "304 Not Modified" if self.matches(sent) else "200 OK"
        self.seen.append((sent, int(status[:3])))
        headers = [("ETag", self.etag()), ("Cache-Control", "no-cache")]
        if status.startswith("200"):
            headers.append(("Content-Type", "application/json"))
        start_response(status, headers)
        return [b"" if status.startswith("304") else self.body()]


def _cache_entry(cache, url, catalog, when: str) -> None:
    """The cache must hold (ETag exactly as sent, body as text) for ``url``."""
    expect(url in cache, f"{when}: `cache[url]` is missing: keep (etag, body) there for the next call.")
    entry, etag, body = cache[url], catalog.etag(), catalog.body().decode()
    expect(isinstance(entry, tuple) and len(entry) == 2,
           f"{when}: cache[url] should be a tuple (etag, body), got {type(entry).__name__}: {entry!r:.60}.")
    expect(entry[0] == etag, f"{when}: cache[url] should hold the ETag exactly as the server sent it, "
                             f"{etag!r}; it holds {entry[0]!r}.")
    expect(entry[1] == body, f"{when}: cache[url] should hold the body of the last 200, as text; "
                             f"it holds {entry[1]!r:.50}.")


def _get(cached_get, url, cache, when: str):
    result = _call(cached_get, url, cache, label=f"cached_get ({when})")
    if inspect.iscoroutine(result):
        result.close()          # never awaited: say why instead of a RuntimeWarning
        raise NotYet("`cached_get` returned a coroutine: define it with `def`, not `async def`; "
                     "`requests` is synchronous.")
    return result


@checker
def check_cached_get(cached_get):
    """``cached_get(url, cache) -> str``: revalidate with If-None-Match, reuse the body on 304."""
    catalog = _Catalog()
    with serve_wsgi(catalog) as server:
        url, cache = server.url + "/catalog", {}
        first = _get(cached_get, url, cache, "first call, empty cache")
        expect(catalog.seen, "first call: `cached_get` sent no request to the url; use `requests.get`.")
        expect(catalog.seen[-1][0] is None,
               f"first call: the cache is empty, so send no If-None-Match; you sent {catalog.seen[-1][0]!r}.")
        expect(first == catalog.body().decode(),
               f"first call (empty cache): the server sent 200 with a body; return it as text, not {first!r:.60}.")
        _cache_entry(cache, url, catalog, "first call")

        for when in ("second call, resource unchanged", "third call, still unchanged"):
            stored, requests_before = cache[url][0], len(catalog.seen)
            again = _get(cached_get, url, cache, when)
            expect(len(catalog.seen) > requests_before,
                   f"{when.split(',')[0]}: no request reached the server: a cached entry is revalidated "
                   "with If-None-Match on every call, as the task asks.")
            sent, status = catalog.seen[-1]
            expect(sent is not None, f"{when.split(',')[0]}: the request carried no If-None-Match header, "
                                     "so the server had to send the whole body again.")
            expect(sent == stored, f"{when.split(',')[0]}: send the stored ETag exactly as the server sent it, "
                                   f"{stored!r}; you sent If-None-Match: {sent}.")
            expect(status == 304, f"{when.split(',')[0]}: the server did not answer 304 to If-None-Match: {sent}.")
            expect(again == first, f"{when.split(',')[0]}: the server answered 304 Not Modified with an empty "
                                   f"body: return the cached body, not {again!r:.40}.")
            _cache_entry(cache, url, catalog, when.split(",")[0] + " (a 304)")

        catalog.version = 2
        changed = _get(cached_get, url, cache, "fourth call, the resource changed")
        expect(catalog.seen[-1][0] == 'W/"v1"',
               f"fourth call: send the stored ETag, 'W/\"v1\"'; you sent {catalog.seen[-1][0]!r}.")
        expect(changed == catalog.body().decode(),
               "fourth call: the resource changed, so the server sent 200 with a new body; "
               f"return it, not {changed!r:.60}.")
        _cache_entry(cache, url, catalog, "fourth call (a new 200: replace the cache entry)")

        fifth = _get(cached_get, url, cache, "fifth call, unchanged since")
        expect(catalog.seen[-1] == ('W/"v2"', 304) and fifth == changed,
               "fifth call: with the new ETag stored, the server should answer 304 and you should return "
               f"the new body from the cache; it answered {catalog.seen[-1][1]} and you returned {fifth!r:.40}.")
        catalog.failing, kept = True, cache[url]
        try:
            _get(cached_get, url, cache, "sixth call, the server answers 503")
        except NotYet as exc:
            if "still the stub" in str(exc) or "coroutine" in str(exc):
                raise
        expect(cache.get(url) == kept,
               "sixth call: the server answered 503 Service Unavailable; leave the cache entry as it was "
               f"(store only a 200's ETag and body), but it became {cache.get(url)!r:.60}.")
    return ("a 200 with an ETag, then 304 Not Modified and the cached body (twice), then a fresh 200 when "
            "the resource changed, a 304 again with the new tag, and the cache kept through a 503.")
