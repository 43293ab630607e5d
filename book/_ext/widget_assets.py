"""Sphinx extension: the book ships the Jupyter widgets' scripts itself, with no CDN.

myst-nb loads require.js and ``@jupyter-widgets/html-manager``'s ``embed-amd.js`` on every
page with widgets (``nb_ipywidgets_js`` in _config.yml points at ``_static/widgets/``).
On ``builder-inited`` this takes both from the pinned npm packages of
``scripts/npm_assets.py`` (fetched into ``.cache/npm`` on first use) and copies them, with
their licences and the icon fonts the bundle's CSS loads, into the HTML output's
``_static/widgets/``. The bundle loads its fonts from beside its AMD modules' URLs, which
require.js derives from the page's folder; ``config.js`` (written here, loaded between the
two) maps those modules to ``_static/widgets/`` so the fonts resolve there on every page.

If the packages cannot be fetched (no npm, no network), the build stops with one message
saying what to do, rather than falling back to a CDN: a page whose widgets need a third-party
host is what this extension exists to avoid, and a fallback warning would fail the -W build.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parents[2]
TARGET = "widgets"   # under _static/
# package -> files it ships, relative to its package/ folder
FILES = {
    "requirejs": ["require.js"],
    "@jupyter-widgets/html-manager": ["dist/embed-amd.js", "dist/embed.js.LICENSE.txt"],
}
FONTS = ("*.woff2", "*.woff", "*.ttf", "*.eot", "*.svg")   # in html-manager's dist/
CONFIG_JS = """\
// Written by book/_ext/widget_assets.py: the widget bundle's modules (and so the fonts it
// loads from beside them) resolve to this folder, whatever the page's depth.
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "").replace(/\\/$/, "");
  require.config({paths: {"@jupyter-widgets": here, "@jupyter-widgets/html-manager/dist": here}});
})();
"""
LICENSES = """\
Third-party scripts the book ships in this folder for its Jupyter widgets:

require.js: RequireJS {requirejs}, Copyright jQuery Foundation and other contributors,
released under the MIT license (https://github.com/requirejs/requirejs/blob/master/LICENSE).

embed-amd.js: @jupyter-widgets/html-manager {html_manager}, Copyright Jupyter Project,
released under the BSD-3-Clause license (https://github.com/jupyter-widgets/ipywidgets/blob/main/LICENSE).
The bundle includes third-party code; their notices are in embed.js.LICENSE.txt.

The font files (*.woff2, *.woff, *.ttf, *.eot, *.svg) come with that bundle: Font Awesome Free
5.15.4 by Fonticons, Inc., its fonts released under the SIL OFL 1.1 license
(https://fontawesome.com/license/free).
"""


def _package_dirs() -> tuple[dict[str, Path], dict]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from npm_assets import AssetError, PACKAGES, package_dir
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    try:
        return {name: package_dir(name) for name in FILES}, PACKAGES
    except AssetError as error:
        raise ExtensionError(
            f"The widgets' scripts could not be fetched: {error}. Run `python scripts/npm_assets.py` "
            "once with npm and network access (`make assets` does), then build again.") from None


def copy_assets(app):
    if app.builder.format != "html":
        return
    dirs, pins = _package_dirs()
    target = Path(app.outdir) / "_static" / TARGET
    target.mkdir(parents=True, exist_ok=True)
    for name, files in FILES.items():
        for file in files:
            shutil.copyfile(dirs[name] / file, target / Path(file).name)
    dist = dirs["@jupyter-widgets/html-manager"] / "dist"
    for font in (f for pattern in FONTS for f in dist.glob(pattern)):
        shutil.copyfile(font, target / font.name)
    (target / "config.js").write_text(CONFIG_JS, encoding="utf-8")
    (target / "LICENSE").write_text(LICENSES.format(
        requirejs=pins["requirejs"][0], html_manager=pins["@jupyter-widgets/html-manager"][0]),
        encoding="utf-8")


def setup(app):
    app.connect("builder-inited", copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
