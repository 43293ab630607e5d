"""Chapter 11's reflected XSS, in a real browser: the payload runs on the unsafe page, and
neither on the escaped page with a Content-Security-Policy, nor on an escaped page without
one, nor on an unescaped page whose CSP alone refuses inline scripts (headless Chromium
through Playwright, loopback only). Skipped, with the reason, where Playwright or Chromium
is missing, as for learners without them; the course's CI installs both."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from coursekit import serve_wsgi
from coursekit.websec import PAYLOAD, search_app
from test_book import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api",
                                     reason="Playwright is not installed: the XSS browser test needs it")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (set CHROMIUM to its path): "
                    "the XSS browser test needs a real browser")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def load(browser, escape: bool, csp: bool):
    """Open the search page with the payload in its query; return (payload ran, title, console)."""
    with serve_wsgi(search_app(escape=escape, csp=csp)) as site:
        page = browser.new_page()
        console = []
        page.on("console", lambda m: console.append(m.text))
        # nothing but the lab's own server: any other request is aborted
        here = urlsplit(site.url).netloc
        page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == here
                   else r.abort())
        try:
            # an inline script has run by the load event: no need to wait longer
            page.goto(f"{site.url}/search?q={quote(PAYLOAD)}", wait_until="load")
            ran = page.evaluate("() => window.xssRan === true")
            return ran, page.title(), page.inner_text("p"), console
        finally:
            page.close()


def test_the_reflected_payload_runs_on_the_unsafe_page(browser):
    ran, title, text, _ = load(browser, escape=False, csp=False)
    assert ran and title == "pwned"


def test_escaping_and_csp_stop_it(browser):
    ran, title, text, _ = load(browser, escape=True, csp=True)
    assert not ran and title == "Search"
    assert PAYLOAD in text, "the payload is shown as text"


def test_the_csp_alone_blocks_the_inline_script(browser):
    ran, title, _, console = load(browser, escape=False, csp=True)
    assert not ran and title == "Search"
    assert any("Content Security Policy" in message for message in console), console


def test_escaping_alone_shows_the_payload_as_text(browser):
    ran, title, text, _ = load(browser, escape=True, csp=False)
    assert not ran and title == "Search"
    assert PAYLOAD in text, "the payload is shown as text"
