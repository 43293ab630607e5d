"""The book builds without a warning, and works in a real browser (headless Chromium)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import CHAPTERS, ROOT, toc_files
from coursekit import load_quiz, serve_handler

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Chromium talks to nothing but loopback: no background services, and no name
# resolution at all (every host name maps to NOTFOUND); the page routes below
# also abort every request that is not for the book's own server.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-default-apps", "--disable-extensions",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
PAGES = ["index.html"] + [f"{f}.html" for f in toc_files()]


def build(output: Path) -> subprocess.CompletedProcess:
    jb = Path(sys.executable).with_name("jupyter-book")
    return subprocess.run([str(jb), "build", str(ROOT), "--path-output", str(output),
                           "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("book")
    result = build(output)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert "WARNING" not in log and "ERROR" not in log, log[-5000:]
    return output / "_build" / "html"


def test_every_page_is_built_and_small(site):
    for page in PAGES:
        path = site / page
        assert path.exists(), page
        images = sum(p.stat().st_size for p in path.parent.glob(f"{path.stem}_*.png"))
        assert path.stat().st_size + images < 1_000_000, f"{page} is over 1 MB"


def test_chapters_show_stored_outputs_and_launch_buttons(site):
    for chapter in CHAPTERS:
        html = (site / "notebooks" / f"{chapter.stem}.html").read_text(encoding="utf-8")
        assert "cell_output" in html, "stored outputs are rendered"
        assert f"urlpath=lab/tree/notebooks/{chapter.stem}.ipynb" in html
        # Live Code starts its Binder kernel beside the notebooks, where coursekit is importable
        assert 'path: "./notebooks"' in html and "text/x-thebe-config" in html


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (.ci/run does)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served(site):
    class Site(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

    with serve_handler(Site) as server:
        yield server.url


@contextmanager
def open_page(browser, base: str, page_path: str):
    """Open a page with every non-loopback request aborted; yield it and its own errors."""
    page = browser.new_page()
    errors = []

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(f"console: {m.text} @ {m.location.get('url')}")
            if m.type == "error" and (m.location.get("url") or "").startswith(base) else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}") if r.url.startswith(base) else None)
    page.on("response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    try:
        page.goto(f"{base}/{page_path}", wait_until="load")
        page.wait_for_timeout(300)
        yield page, errors
    finally:
        page.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_without_errors_from_the_books_assets(browser, served, page_path):
    with open_page(browser, served, page_path) as (page, errors):
        assert page.title(), "the page has a title"
        assert errors == []


@pytest.mark.parametrize("chapter", [p.stem for p in CHAPTERS])
def test_quiz_answers_a_click(browser, served, chapter):
    """Clicking the right answer of the first multiple-choice question shows its own feedback."""
    questions = load_quiz(chapter)
    question = next(q for q in questions if q["type"] == "multiple_choice")
    right = next(a for a in question["answers"] if a["correct"])
    with open_page(browser, served, f"notebooks/{chapter}.html") as (page, errors):
        assert page.locator(".MCButton").count() >= len(question["answers"]), "the quiz rendered"
        button = page.locator(".MCButton", has_text=right["answer"]).first
        button.click()
        feedback = page.locator(".Feedback.correct").first
        feedback.wait_for(state="visible", timeout=5000)
        assert " ".join(right["feedback"].split())[:40] in " ".join(feedback.inner_text().split())
        assert "correctButton" in (button.get_attribute("class") or "")
        assert errors == []


@pytest.mark.parametrize("chapter", [p.stem for p in CHAPTERS])
def test_binder_launch_link_points_at_the_notebook(browser, served, chapter):
    with open_page(browser, served, f"notebooks/{chapter}.html") as (page, _):
        hrefs = page.eval_on_selector_all("a[href*='mybinder.org']", "els => els.map(e => e.href)")
    assert hrefs, "a Binder launch link"
    assert all(h.startswith("https://mybinder.org/v2/gh/") for h in hrefs)
    assert all(h.endswith(f"urlpath=lab/tree/notebooks/{chapter}.ipynb") for h in hrefs), hrefs


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_widgets_ship_their_state_for_the_static_page(site, chapter):
    """A widget's snapshot (its default output included) is stored and embedded in the page,
    where the Jupyter widgets HTML manager renders it without a kernel."""
    import nbformat
    nb = nbformat.read(chapter, as_version=4)
    views = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    if not views:
        pytest.skip("no widgets in this chapter")
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = state.get("state", {})
    for view in views:
        assert view["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] in models
    outputs = [m for m in models.values() if m["model_name"] == "OutputModel"]
    assert any(m["state"].get("outputs") for m in outputs), "a widget shows output at its default"
    html = (site / "notebooks" / f"{chapter.stem}.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in html
