"""Checkers for chapter 01, Internet and basic frontend knowledge.

Each checker takes the learner's function, tries it on a few inputs (and, for
the conditional GET, against a small server on loopback that it starts and
stops itself), and returns :class:`coursekit.Feedback` that says what is wrong.
"""
from __future__ import annotations

import http.client
import io
import json

from ..checks import call, checker, expect
from ..servers import serve_wsgi

# -- Exercise 1: parse a status line -------------------------------------------

_STATUS_LINES = [
    ("HTTP/1.1 200 OK", ("HTTP/1.1", 200, "OK")),
    ("HTTP/1.1 404 Not Found\r\n", ("HTTP/1.1", 404, "Not Found")),
    ("HTTP/1.0 301 Moved Permanently\r\n", ("HTTP/1.0", 301, "Moved Permanently")),
    ("HTTP/1.1 204 \r\n", ("HTTP/1.1", 204, "")),
]


@checker
def check_parse_status_line(parse_status_line):
    """``parse_status_line(line) -> (version, code, reason)``."""
    for line, (version, code, reason) in _STATUS_LINES:
        got = call(parse_status_line, line, name="parse_status_line")
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
               f"for {line!r} expected reason {reason!r}, got {got_reason!r}"
               + (": strip the line ending '\\r\\n' first." if str(got_reason).endswith(("\r", "\n")) else
                  ": the reason is everything after the code, spaces included." if " " in reason else "."))
    return "version, code (an int) and reason, including a reason with spaces and an empty one."


# -- Exercise 2: build a GET request ------------------------------------------------

@checker
def check_build_get_request(build_get_request):
    """``build_get_request(host, path, headers) -> bytes``: an HTTP/1.1 request head."""
    raw = call(build_get_request, "shop.example", "/cart", {"Accept": "application/json"},
               name="build_get_request")
    expect(not isinstance(raw, str), "you returned a str; a socket sends bytes: encode it, e.g. `text.encode('ascii')`.")
    expect(isinstance(raw, bytes), f"build_get_request should return bytes, got {type(raw).__name__}: {raw!r:.60}.")
    expect(b"\n" in raw, f"the request should have several lines, got {raw!r:.80}.")
    first = raw.split(b"\n", 1)[0] + b"\n"
    expect(first == b"GET /cart HTTP/1.1\r\n",
           f"the request line should be b'GET /cart HTTP/1.1\\r\\n', got {first!r}.")
    expect(raw.count(b"\n") == raw.count(b"\r\n"),
           "every line must end with CRLF (b'\\r\\n'); found a bare b'\\n'.")
    expect(raw.endswith(b"\r\n\r\n"),
           f"the head must end with an empty line, i.e. with b'\\r\\n\\r\\n'; it ends with {raw[-8:]!r}.")
    expect(raw.count(b"\r\n\r\n") == 1, "there is an empty line in the middle of the head: it would end the head early.")
    headers = http.client.parse_headers(io.BytesIO(raw.split(b"\r\n", 1)[1]))
    expect(headers.get_all("Host") is not None, "HTTP/1.1 requires a Host header: add b'Host: shop.example\\r\\n'.")
    expect(headers.get_all("Host") == ["shop.example"],
           f"expected exactly one Host header 'shop.example', got {headers.get_all('Host')}.")
    expect(headers.get("Accept") == "application/json",
           f"the extra header Accept: application/json is missing or changed (got {headers.get('Accept')!r}).")
    other = call(build_get_request, "api.example", "/", {}, name="build_get_request")
    expect(isinstance(other, bytes) and other.startswith(b"GET / HTTP/1.1\r\n") and b"Host: api.example\r\n" in other,
           f"with host 'api.example', path '/' and no extra headers, got {other!r:.80}.")
    return "a well-formed HTTP/1.1 request: CRLF lines, a Host header, and the empty line that ends the head."


# -- Exercise 3: a conditional GET with a cache ---------------------------------

class _Catalog:
    """A resource whose ETag changes with its version; it records what clients sent."""

    def __init__(self):
        self.version = 1
        self.seen = []       # (If-None-Match or None, status sent)

    def body(self) -> bytes:
        return json.dumps({"version": self.version, "items": ["teapot", "mug"]}).encode()

    def __call__(self, environ, start_response):
        etag = f'"v{self.version}"'
        sent = environ.get("HTTP_IF_NONE_MATCH")
        status = "304 Not Modified" if sent == etag else "200 OK"
        self.seen.append((sent, int(status[:3])))
        headers = [("ETag", etag), ("Content-Type", "application/json")]
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
               f"the first call should return the response body as text, got {first!r:.60}.")
        expect(url in cache, "after a 200 response, store the ETag and the body in `cache[url]`.")
        expect(isinstance(cache[url], tuple) and len(cache[url]) == 2 and cache[url][0] == '"v1"',
               f"cache[url] should be (etag, body) with the ETag exactly as sent, '\"v1\"'; got {cache[url]!r:.60}.")
        second = call(cached_get, url, cache, name="cached_get")
        sent = catalog.seen[-1][0]
        expect(sent is not None, "the second request carried no If-None-Match header, "
                                 "so the server had to send the whole body again.")
        expect(sent == '"v1"', f"If-None-Match should carry the stored ETag '\"v1\"', got {sent!r}.")
        expect(second == first, "the server answered 304 Not Modified with an empty body: "
                                f"return the cached body, not {second!r:.40}.")
        catalog.version = 2
        third = call(cached_get, url, cache, name="cached_get")
    expect(third == catalog.body().decode(),
           f"after the resource changed the server sent 200 with a new body; return it, not {third!r:.60}.")
    expect(cache.get(url, (None,))[0] == '"v2"',
           "after a new 200 response, replace the cache entry with the new ETag and body.")
    return "first a 200 with an ETag, then 304 Not Modified and the cached body, then a fresh 200 when the resource changed."
