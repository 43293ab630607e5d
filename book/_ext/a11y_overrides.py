"""Sphinx extension: small accessibility overrides for what the theme and jupyterquiz render.

axe-core (tests/test_accessibility.py) finds, on every page of the built book, problems that
are not in the course's own text but in the HTML of its dependencies. This adds one CSS and one
JS file from ``book/_static/`` to every page; each rule there says what it overrides and why:

- ``a11y.js``: buttons and toggles whose ``aria-label`` does not contain their visible text
  (WCAG 2.5.3, axe ``label-content-name-mismatch``): the theme's search and colour-mode
  buttons, and myst-nb's "Show the reference solution" toggle; and the Jupyter widgets'
  slider handles, which have no name (axe ``aria-input-field-name``, WCAG 4.1.2).
- ``a11y.css``: jupyterquiz's orange background of "pick all that apply" questions, too light
  for its white text (WCAG 1.4.3, axe ``color-contrast``).
"""
from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "_static"


def add_static_path(app, config):
    config.html_static_path.append(str(STATIC))


def setup(app):
    app.connect("config-inited", add_static_path)
    app.add_css_file("a11y.css")
    app.add_js_file("a11y.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
