"""Sphinx extension: drop inline scripts that a page would include twice.

With Sphinx 7.4, sphinx-thebe and sphinx-togglebutton add their inline
configuration scripts both to the registry and to the already-initialised
HTML builder, so every page carries them twice. For sphinx-thebe that is a
``const THEBE_JS_URL`` declared twice: a SyntaxError in the browser console
on every page. This keeps the first copy of each identical script.
"""


def _key(script):
    filename = getattr(script, "filename", script) or ""   # None and "" both mean inline
    attributes = getattr(script, "attributes", {})
    return (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def dedupe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def setup(app):
    app.connect("html-page-context", dedupe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
