"""Every page of the built book passes axe-core in headless Chromium: no serious or critical
violation, in the light colour mode and, on a chapter, in the dark one (issue 11).

axe-core comes from the pinned npm package of scripts/npm_assets.py (fetched into .cache/npm);
the book is built and served by tests/test_book.py's fixtures, every non-loopback request aborted.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from test_book import PAGES, browser, open_page, served, site  # noqa: F401  (fixtures)

sys.path.insert(0, str(ROOT / "scripts"))
from npm_assets import package_dir  # noqa: E402

BLOCKING = {"serious", "critical"}
# axe's rules whose impact is at most moderate (a rule's impact is the most severe of its
# checks'): region, heading-order, ... cannot fail this test; turning them off saves a fifth of
# the time on the long chapter pages. axe's default selection of the other rules is kept.
MINOR_RULES = """() => axe._audit.rules.filter(
  r => !['serious', 'critical'].includes(r.impact)).map(r => r.id)"""
# Only what can fail the test is collected: passes and incomplete results are left out.
AXE_RUN = """minor => axe.run(document, {
  rules: Object.fromEntries(minor.map(id => [id, {enabled: false}])),
  resultTypes: ['violations']}).then(r => r.violations.map(v =>
  ({id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' '))})))"""
# index.html only redirects (meta refresh) to book/intro.html, which is scanned itself.
SCANNED = [p for p in PAGES if p != "index.html"]
DARK_CHAPTER = "notebooks/12-data-engineering.html"   # tables, outputs and a quiz
# Jupyter widgets render after the load event: each view's <script> gets a rendered sibling.
WIDGETS_RENDERED = """() => [...document.querySelectorAll(
  'script[type="application/vnd.jupyter.widget-view+json"]')].every(
  s => s.previousElementSibling && s.previousElementSibling.matches('.widget-subarea:not(:empty)'))"""


def blocking_violations(page, page_path: str) -> list[str]:
    """Run axe-core on the open page; its serious and critical violations, one line each."""
    page.wait_for_function(WIDGETS_RENDERED, timeout=15000)
    page.add_script_tag(path=str(package_dir("axe-core") / "axe.min.js"))
    minor = page.evaluate(MINOR_RULES)
    assert "region" in minor and not {"color-contrast", "label"} & set(minor), minor
    violations = page.evaluate(AXE_RUN, minor)
    return [f"{page_path}: {v['id']} ({v['impact']}) at {target}"
            for v in violations if v["impact"] in BLOCKING for target in v["targets"]]


def theme(page) -> str:
    return page.evaluate("document.documentElement.dataset.theme")


def set_dark_mode(page) -> None:
    """Switch the pydata theme to dark the way it remembers a reader's choice, and reload."""
    page.evaluate("localStorage.setItem('mode', 'dark')")
    page.reload(wait_until="load")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("page_path", SCANNED)
def test_page_has_no_serious_accessibility_violation(browser, served, page_path):  # noqa: F811
    with open_page(browser, served, page_path) as (page, errors):
        assert theme(page) == "light", "the theme's default (auto) follows Chromium's light scheme"
        violations = blocking_violations(page, page_path)
        assert violations == [], "\n".join(violations)
        assert errors == []


def test_chapter_in_dark_mode_has_no_serious_accessibility_violation(browser, served, tmp_path):  # noqa: F811
    """A screenshot of the chapter in each mode goes to tmp_path, to look at when this fails."""
    with open_page(browser, served, DARK_CHAPTER) as (page, errors):
        assert theme(page) == "light"
        page.screenshot(path=tmp_path / "light.png")
        set_dark_mode(page)
        assert theme(page) == "dark"
        page.screenshot(path=tmp_path / "dark.png")
        violations = blocking_violations(page, f"{DARK_CHAPTER} (dark)")
        assert violations == [], "\n".join(violations)
        assert errors == []
    assert (tmp_path / "light.png").read_bytes() != (tmp_path / "dark.png").read_bytes()
