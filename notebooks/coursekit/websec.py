"""A small search page for chapter 11's cross-site scripting lab and its browser test.

The same WSGI application is served by the notebook (which reads its headers and
body) and by ``tests/test_xss_browser.py`` (which loads it in headless Chromium),
so both look at one page. ``search_app(escape=..., csp=...)`` builds it with
either defence switched on or off.
"""
from __future__ import annotations

import html
from urllib.parse import parse_qs

# No inline script, no plugins, no <base> rewriting, no framing: scripts only from the page's origin.
CSP = ("default-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")

PAYLOAD = "<script>window.xssRan = true; document.title = 'pwned'</script>"


def search_app(escape: bool, csp: bool):
    """A page that echoes the ``q`` query parameter: escaped or not, with a CSP header or not."""

    def app(environ, start_response):
        query = parse_qs(environ.get("QUERY_STRING", "")).get("q", [""])[0]
        shown = html.escape(query) if escape else query
        body = (f"<!doctype html><html><head><meta charset='utf-8'><title>Search</title></head>"
                f"<body><p>Results for {shown}</p></body></html>")
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if csp:
            headers.append(("Content-Security-Policy", CSP))
        start_response("200 OK", headers)
        return [body.encode("utf-8")]

    return app
