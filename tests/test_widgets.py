"""The book's widgets render in the browser from the book's own scripts, with no CDN."""
from __future__ import annotations

import re

import pytest

from conftest import CHAPTERS, read_notebook
from test_book import PAGES, browser, open_page, served, site  # noqa: F401  (fixtures)

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"
# The scripts myst-nb loads for widgets: require.js and the html-manager's embed bundle.
WIDGET_SCRIPT = re.compile(r"require(\.min)?\.js|embed-amd\.js|html-manager", re.I)


def shown_controls(chapter) -> list[tuple[str, str, str]]:
    """(kind, description, value) of every control the chapter's widget outputs display."""
    nb = read_notebook(chapter)
    models = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    views = [o["data"][VIEW]["model_id"] for c in nb.cells if c.cell_type == "code"
             for o in c.get("outputs", []) if VIEW in o.get("data", {})]
    controls, todo = [], [v for v in views if v in models]
    while todo:
        model = models[todo.pop(0)]
        state = model["state"]
        todo += [child.removeprefix("IPY_MODEL_") for child in state.get("children", [])]
        kind = {"IntSliderModel": "slider", "DropdownModel": "dropdown",
                "IntTextModel": "text"}.get(model["model_name"])
        if kind == "dropdown":
            controls.append((kind, state["description"], state["_options_labels"][state["index"]]))
        elif kind:
            controls.append((kind, state["description"], str(state["value"])))
    return controls


WIDGET_CHAPTERS = [pytest.param(p, id=p.stem) for p in CHAPTERS if shown_controls(p)]

RENDERED = """() => {
  const label = w => (w.querySelector('.widget-label') || {}).textContent || '';
  const all = (css, kind, value) => [...document.querySelectorAll(css)].map(
      w => [kind, label(w).trim(), value(w).replace(/\u00a0/g, ' ').trim()]);
  return [
    ...all('.jupyter-widgets.widget-slider', 'slider', w => w.querySelector('.widget-readout').textContent),
    ...all('.jupyter-widgets.widget-dropdown', 'dropdown',
           w => w.querySelector('select').selectedOptions[0].textContent),
    ...all('.jupyter-widgets.widget-text', 'text', w => w.querySelector('input').value),
  ];
}"""


def test_some_chapters_have_widgets():
    assert len(WIDGET_CHAPTERS) >= 3, "the widget test would check next to nothing"


@pytest.mark.parametrize("chapter", WIDGET_CHAPTERS)
def test_widgets_render_from_the_books_own_scripts(browser, served, chapter):  # noqa: F811
    expected = shown_controls(chapter)
    with open_page(browser, served, f"notebooks/{chapter.stem}.html") as (page, errors):
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.reload(wait_until="load")   # record every request from the start
        page.locator(".jupyter-widgets.widget-inline-hbox").first.wait_for(timeout=15000)
        page.wait_for_timeout(300)
        rendered = [tuple(c) for c in page.evaluate(RENDERED)]
        assert sorted(rendered) == sorted(expected), "each control shows its saved value"
        assert page.locator(".jupyter-widgets.widget-output .jp-OutputArea-output").count() >= 1, \
            "the output widget shows its saved output"
    assert any("_static/widgets/embed-amd.js" in url for url in requests)
    assert [url for url in requests if not url.startswith(served)] == []
    assert errors == []


def test_no_page_loads_the_widget_scripts_from_another_host(site):  # noqa: F811
    widget_pages = 0
    for page in PAGES:
        html = (site / page).read_text(encoding="utf-8")
        sources = [s for s in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
                   if WIDGET_SCRIPT.search(s)]
        assert all("//" not in s for s in sources), f"{page}: {sources}"
        assert "jupyter-widgets-cdn" not in html, page
        widget_pages += bool(sources)
    assert widget_pages >= len(WIDGET_CHAPTERS)
    for shipped in ["require.js", "config.js", "embed-amd.js", "LICENSE", "embed.js.LICENSE.txt"]:
        assert (site / "_static" / "widgets" / shipped).stat().st_size > 0, shipped
    licence = (site / "_static" / "widgets" / "LICENSE").read_text(encoding="utf-8")
    assert "MIT" in licence and "BSD-3-Clause" in licence
