"""Checkers for chapter 11, web security fundamentals.

- :func:`check_find_notes` calls the learner's note search on its own fresh
  DuckDB database, through a connection that records every statement and its
  parameters: the search must return the right notes, refuse to read its inputs
  as SQL (an injected ``OR``, a quote in a name), keep ``%`` and ``_`` literal,
  match case-sensitively as the original does, and send every value (the owner
  and the word) as a bound parameter, never inside the SQL text;
- :func:`check_csp` reads the learner's Content-Security-Policy with a small
  model of CSP Level 3's source matching (fetch directives falling back to
  ``default-src``, ``'self'``, scheme and host sources, ``'unsafe-inline'``
  ignored beside a nonce or hash) and checks that the page's own resources load
  while an inline script, a foreign script, a plugin and framing are refused.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import duckdb

from coursekit.checks import NotYet, call, checker, expect

# ---------------------------------------------------------------- Exercise 1

NOTES = [  # (owner, text), inserted out of alphabetical order
    ("ana", "water the plants"), ("ben", "launch codes: 0000"), ("ana", "buy milk"),
    ("o'brien", "fix the roof"), ("ana", "100% done: taxes"), ("ben", "milk the goat"),
    ("ana", "100 items to sort"), ("zed-7f3", "a note"), ("ana", "call the bank"),
    ("ana", "rename file_1"), ("ana", "file11 backup"),
]


class RecordingConnection:
    """Forwards to a DuckDB connection and records every statement with its parameters."""

    def __init__(self, con):
        self._con = con
        self.statements: list[tuple[str, object]] = []

    def execute(self, sql, parameters=None, *args, **kwargs):
        self.statements.append((str(sql), parameters))
        if parameters is None:
            return self._con.execute(sql, *args, **kwargs)
        return self._con.execute(sql, parameters, *args, **kwargs)

    def sql(self, sql, *args, params=None, **kwargs):
        self.statements.append((str(sql), params))
        return self._con.sql(sql, *args, params=params, **kwargs)

    def cursor(self):
        return self                       # one recorder for every cursor

    def __getattr__(self, name):
        return getattr(self._con, name)


def _notes_db():
    con = duckdb.connect()
    con.execute("CREATE TABLE notes (owner VARCHAR NOT NULL, text VARCHAR NOT NULL)")
    con.executemany("INSERT INTO notes VALUES (?, ?)", NOTES)
    return con


def _expected(owner, word):
    return sorted(text for who, text in NOTES if who == owner and word in text)


def _run(find_notes, con, owner, word, hint=""):
    recorder = RecordingConnection(con)
    try:
        got = call(find_notes, recorder, owner, word, name="find_notes", seconds=5)
    except NotYet as exc:
        if "notes does not exist" in str(exc):
            hint = (" The table is in the connection the checker passes as `con`: query that one, "
                    "not another database.")
        raise NotYet(f"find_notes(con, {owner!r}, {word!r}): {exc}{hint}") from None
    if hasattr(got, "fetchall"):
        raise NotYet(f"find_notes(con, {owner!r}, {word!r}) returned a result object: "
                     "return a list of the note texts.")
    return got, recorder.statements


@checker
def check_find_notes(find_notes):
    con = _notes_db()                    # one fresh database per check
    try:
        return _check_find_notes(find_notes, con)
    finally:
        con.close()


def _check_find_notes(find_notes, con):
    expect(callable(find_notes), "`find_notes` should be a function "
                                 "`find_notes(con, owner, word)`, but it is "
                                 f"{type(find_notes).__name__}.")
    got, _ = _run(find_notes, con, "ana", "milk")
    expect(isinstance(got, list), f"find_notes(con, 'ana', 'milk') should return a list, "
                                  f"got {type(got).__name__}.")
    expect(got == ["buy milk"], f"find_notes(con, 'ana', 'milk') should return ['buy milk'], "
                                f"got {got!r:.120}.")
    attack = ("ana' OR '1'='1", "")
    got, _ = _run(find_notes, con, *attack)
    expect(got == [], f"find_notes(con, {attack[0]!r}, '') returned {len(got)} notes, including "
                      "other users' notes: no user has that name, so the answer is []. The input "
                      "was read as SQL.")
    got, _ = _run(find_notes, con, "ana", "x' OR owner = 'ben",
                  hint=" The word was read as SQL: a value with a quote must stay data.")
    expect(got == [], "find_notes(con, 'ana', \"x' OR owner = 'ben\") returned other users' "
                      f"notes ({len(got)}): the word was read as SQL.")
    got, _ = _run(find_notes, con, "o'brien", "roof")
    expect(got == ["fix the roof"], "find_notes(con, \"o'brien\", 'roof') should return "
                                    f"['fix the roof'], got {got!r:.120}.")
    got, statements = _run(find_notes, con, "zed-7f3", "note")
    expect(statements, "find_notes did not run any statement on the connection it was given.")
    expect(got == ["a note"], f"find_notes(con, 'zed-7f3', 'note') should return ['a note'], "
                              f"got {got!r:.120}.")
    leaked = [sql for sql, _ in statements if "zed-7f3" in sql]
    expect(not leaked, "find_notes(con, 'zed-7f3', 'note') wrote the value 'zed-7f3' into the SQL "
                       "text itself; escaping quotes by hand is easy to get wrong: send each value "
                       "as a bound parameter instead.")
    got, statements = _run(find_notes, con, "ana", "plants")
    expect(got == ["water the plants"], "find_notes(con, 'ana', 'plants') should return "
                                        f"['water the plants'], got {got!r:.120}.")
    leaked = [sql for sql, _ in statements if "plants" in sql]
    expect(not leaked, "find_notes(con, 'ana', 'plants') wrote the word 'plants' into the SQL text "
                       "itself: the word is a value too, and escaping it by hand is easy to get "
                       "wrong: send it as a bound parameter as well.")
    got, _ = _run(find_notes, con, "ana", "100%")
    why = ("the % in the word was read as a LIKE wildcard, not as a character" if got else
           "the % in the word matched nothing: a LIKE pattern has an escape character only "
           "where an ESCAPE clause names one")
    expect(got == _expected("ana", "100%"),
           f"find_notes(con, 'ana', '100%') should return {_expected('ana', '100%')!r}, got "
           f"{got!r:.120}: {why}.")
    got, _ = _run(find_notes, con, "ana", "e_1")
    expect(got == _expected("ana", "e_1"),
           f"find_notes(con, 'ana', 'e_1') should return {_expected('ana', 'e_1')!r}, got "
           f"{got!r:.120}: the _ in the word was read as a LIKE wildcard (any one character), "
           "not as a character.")
    got, _ = _run(find_notes, con, "ana", "Milk")
    expect(got == _expected("ana", "Milk"),
           f"find_notes(con, 'ana', 'Milk') should return {_expected('ana', 'Milk')!r}, got "
           f"{got!r:.120}: the original search is case-sensitive (LIKE is); keep it so.")
    got, _ = _run(find_notes, con, "ana", "")
    expect(got == _expected("ana", ""), f"find_notes(con, 'ana', '') should return ana's "
                                        f"{len(_expected('ana', ''))} notes sorted, got "
                                        f"{got!r:.160}.")
    return ("the notes are right, an injected OR and a quote stayed data, % and _ stayed "
            "characters, and every value travelled as a parameter.")


# ---------------------------------------------------------------- Exercise 2

PAGE = "https://notes.example"
FETCH = {"script-src", "script-src-elem", "style-src", "img-src", "connect-src", "object-src", "font-src",
         "media-src", "frame-src", "child-src", "worker-src", "manifest-src"}
KEYWORDS = {"self", "none", "unsafe-inline", "unsafe-eval", "strict-dynamic"}
DIRECTIVES = FETCH | {  # CSP Level 3's other directives, and a few that browsers still read
    "default-src", "script-src-attr", "style-src-elem", "style-src-attr", "base-uri", "form-action",
    "frame-ancestors", "sandbox", "report-uri", "report-to", "upgrade-insecure-requests",
    "block-all-mixed-content", "require-trusted-types-for", "trusted-types", "prefetch-src",
    "fenced-frame-src", "webrtc"}
FOREIGN_SCRIPTS = [  # scripts that must not load: other origins, and URLs with no origin
    "https://evil.example/steal.js", "https://img.example.com/app.js",
    "https://cdn.example.net/lib.js", "http://notes.example/static/app.js",
    "https://notes.example:8080/static/app.js", "http://notes.example:8080/static/app.js",
    "data:text/javascript,alert(1)",
    "blob:https://notes.example/0b5e3c1a",
]

NEEDED = [  # (directive, what, url): the page's own resources, which must load
    ("script-src", "script", PAGE + "/static/app.js"),
    ("style-src", "style sheet", PAGE + "/static/site.css"),
    ("img-src", "image", "https://img.example.com/logo.png"),
    ("connect-src", "API call (fetch)", PAGE + "/api/notes"),
]


def parse_csp(policy: str) -> dict[str, list[str]]:
    """Directive name -> sources; the first occurrence of a directive wins (CSP Level 3)."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens and tokens[0].lower() not in directives:
            directives[tokens[0].lower()] = tokens[1:]
    return directives


def sources_for(directives, directive):
    """The sources that govern ``directive``: its own, else ``default-src`` for fetch directives."""
    if directive in directives:
        return directives[directive]
    if directive == "script-src-elem":                # <script> elements: script-src-elem,
        return sources_for(directives, "script-src")  # then script-src, then default-src
    if directive in FETCH:
        return directives.get("default-src")          # None: no restriction
    return None


def source_matches(source: str, url: str) -> bool:
    target = urlsplit(url)
    if source == "*":
        return target.scheme in ("http", "https", "ws", "wss")
    if source.lower() == "'self'":
        page = urlsplit(PAGE)
        return (target.scheme, target.netloc) == (page.scheme, page.netloc)
    if re.fullmatch(r"[a-z][a-z0-9+.-]*:", source, re.I):
        return target.scheme == source[:-1].lower()
    m = re.fullmatch(r"(?:([a-z][a-z0-9+.-]*)://)?(\*\.)?([^/:*]+)(?::(\d+|\*))?(/.*)?", source, re.I)
    if not m:
        return False
    scheme, wildcard, host, port, path = m.groups()
    if scheme and scheme.lower() != target.scheme:
        return False
    if not scheme and target.scheme not in ("https", "wss"):
        return False                     # no scheme: the page's own (https), or its secure ws
    name = (target.hostname or "").lower()
    if wildcard:
        if not name.endswith("." + host.lower()):
            return False
    elif name != host.lower():
        return False
    default_port = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(target.scheme)
    if port is None and target.port not in (None, default_port):
        return False                     # a source without a port matches the default one
    if port not in (None, "*") and int(port) != (target.port or default_port):
        return False
    if path:
        return target.path.startswith(path) if path.endswith("/") else target.path == path
    return True


def allows(sources, url) -> bool:
    if sources is None:
        return True
    return any(source_matches(s, url) for s in sources)


def allows_inline_script(directives) -> bool:
    sources = sources_for(directives, "script-src-elem")
    if sources is None:
        return True
    lowered = [s.lower() for s in sources]
    if any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in lowered):
        return False                    # 'unsafe-inline' is ignored beside a nonce or a hash
    return "'unsafe-inline'" in lowered


@checker
def check_csp(policy):
    expect(policy is not ..., "write your policy as a string: `page_csp = \"default-src ...; ...\"`.")
    expect(isinstance(policy, str), "the policy should be a string, the value of a "
                                    "Content-Security-Policy header, but it is "
                                    f"{type(policy).__name__}.")
    expect(policy.strip(), "the policy is empty: a page with no policy allows everything.")
    expect(not policy.strip().lower().startswith("content-security-policy"),
           "write only the header's value, without the `Content-Security-Policy:` name in front: "
           "a browser would read the name as part of your first directive.")
    control = [c for c in policy if (ord(c) < 32 and c != "\t") or ord(c) == 127]
    expect(not control, f"the policy contains a control character ({(control or [''])[0]!r}): a header value "
                        "is one line, and a line break in it would end the header (or start a "
                        "new one). Keep the value on one line (Python joins adjacent string "
                        "literals if you need to split it in your code).")
    directives = parse_csp(policy)
    unknown = sorted(set(directives) - DIRECTIVES)
    expect(not unknown, f"{', '.join(map(repr, unknown))} is not a CSP directive, so a browser "
                        "ignores it: check its spelling against MDN's list of directives.")
    bare = sorted({s for sources in directives.values() for s in sources if s.lower() in KEYWORDS})
    for directive, what, url in NEEDED:
        if not allows(sources_for(directives, directive), url):
            hint = (f" ({', '.join(bare)}: keywords need their single quotes, as in 'self')"
                    if bare else "")
            raise NotYet(f"your policy blocks the page's own {what}, {url}{hint}.")
    expect(not allows_inline_script(directives),
           "an inline <script> in the page would run: that is exactly what a reflected XSS "
           "payload is. Do not allow 'unsafe-inline' for scripts.")
    scripts = sources_for(directives, "script-src-elem")
    nonces = [s for s in scripts or [] if s.lower().startswith("'nonce-")]
    expect(not nonces, f"the policy carries a fixed nonce ({nonces[0] if nonces else ''}): a nonce "
                       "must be a fresh random value in every response, and anyone who reads this "
                       "one can put it on an injected <script>. This page has no inline script "
                       "to allow.")
    for url in FOREIGN_SCRIPTS:
        expect(not allows(scripts, url),
               f"a script from {url} would load: allow scripts from the page's own origin only.")
    upload = PAGE + "/uploads/report.swf"
    expect(not allows(sources_for(directives, "object-src"), upload),
           f"a plugin (<object>) could load {upload}, a file a user uploaded: plugins are not "
           "needed by this page, so refuse them all.")
    if "sandbox" in directives:
        flags = {s.lower() for s in directives["sandbox"]}
        expect({"allow-scripts", "allow-same-origin"} <= flags,
               "the policy has `sandbox`: without allow-scripts the page's own /static/app.js "
               "does not run, and without allow-same-origin its calls to /api/notes become "
               "cross-origin. This page does not need a sandbox.")
    ancestors = sources_for(directives, "frame-ancestors")
    xfo = [s for s in ancestors or [] if s.lower() in ("deny", "sameorigin")]
    expect(not xfo, f"frame-ancestors {xfo[0] if xfo else ''} is X-Frame-Options syntax: in CSP, "
                    "frame-ancestors takes sources and quoted keywords, as the other directives do.")
    expect(ancestors is not None and not allows(ancestors, "https://evil.example/"),
           "any site may show this page in a frame (clickjacking): frame-ancestors does not "
           "fall back to default-src, so set it.")
    return ("the page's script, styles, images and API calls load; an inline script, a "
            "foreign script, a plugin and framing by another site are refused.")
