"""Wrong and malformed answers for the exercises of 11-security."""
from exercise_cases import Case

CASES = [
    Case(
        check="check_find_notes(find_notes)",
        # misses the point: the values are pasted into the SQL text (the stub itself)
        wrong=('def find_notes(con, owner, word):\n'
               '    sql = f"SELECT text FROM notes WHERE owner = \'{owner}\' AND text LIKE \'%{word}%\'"\n'
               '    return sorted(row[0] for row in con.execute(sql).fetchall())\n'),
        wrong_says="other users' notes",
        malformed='find_notes = "SELECT text FROM notes WHERE owner = ?"\n',
        malformed_says="should be a function",
        more_wrong=(
            # quotes doubled by hand: no injection here, but the values are still in the SQL text
            ('def find_notes(con, owner, word):\n'
             '    o, w = owner.replace("\'", "\'\'"), word.replace("\'", "\'\'")\n'
             '    sql = f"SELECT text FROM notes WHERE owner = \'{o}\' AND contains(text, \'{w}\')"\n'
             '    return sorted(row[0] for row in con.execute(sql).fetchall())\n',
             "into the SQL text"),
            # parameters, but the word is a LIKE pattern: % and _ are wildcards
            ('def find_notes(con, owner, word):\n'
             '    rows = con.execute("SELECT text FROM notes WHERE owner = ? AND text LIKE ?",\n'
             '                       [owner, f"%{word}%"]).fetchall()\n'
             '    return sorted(row[0] for row in rows)\n',
             "LIKE wildcard"),
            # parameters, but not sorted
            ('def find_notes(con, owner, word):\n'
             '    rows = con.execute("SELECT text FROM notes WHERE owner = ? AND contains(text, ?)",\n'
             '                       [owner, word]).fetchall()\n'
             '    return [row[0] for row in rows]\n',
             "sorted"),
            # returns the result object instead of a list
            ('def find_notes(con, owner, word):\n'
             '    return con.execute("SELECT text FROM notes WHERE owner = ? AND contains(text, ?)",\n'
             '                       [owner, word])\n',
             "returned a result object"),
            # owner bound, but the word escaped by hand and pasted into the SQL text
            ('def find_notes(con, owner, word):\n'
             '    w = word.replace("\'", "\'\'").replace("%", "\\\\%").replace("_", "\\\\_")\n'
             '    sql = f"SELECT text FROM notes WHERE owner = ? AND text LIKE \'%{w}%\' ESCAPE \'\\\\\'"\n'
             '    return sorted(row[0] for row in con.execute(sql, [owner]).fetchall())\n',
             "wrote the word 'plants' into the SQL text"),
            # % escaped for LIKE, but _ left a wildcard
            ('def find_notes(con, owner, word):\n'
             '    w = word.replace("\\\\", "\\\\\\\\").replace("%", "\\\\%")\n'
             '    rows = con.execute("SELECT text FROM notes WHERE owner = ? AND text LIKE ? ESCAPE \'\\\\\'",\n'
             '                       [owner, f"%{w}%"]).fetchall()\n'
             '    return sorted(row[0] for row in rows)\n',
             "the _ in the word was read as a LIKE wildcard"),
            # parameters, but the match ignores case
            ('def find_notes(con, owner, word):\n'
             '    rows = con.execute("SELECT text FROM notes WHERE owner = ? AND contains(lower(text), lower(?))",\n'
             '                       [owner, word]).fetchall()\n'
             '    return sorted(row[0] for row in rows)\n',
             "case-sensitive"),
            # \\% in the pattern but no ESCAPE clause
            ('def find_notes(con, owner, word):\n'
             '    rows = con.execute("SELECT text FROM notes WHERE owner = ? AND text LIKE ?",\n'
             '                       [owner, "%" + word.replace("%", "\\\\%") + "%"]).fetchall()\n'
             '    return sorted(row[0] for row in rows)\n',
             "ESCAPE clause"),
        ),
    ),
    Case(
        check="check_csp(page_csp)",
        # misses the point: inline scripts are allowed, so a reflected payload runs
        wrong=("page_csp = \"default-src 'self'; script-src 'self' 'unsafe-inline'; "
               "img-src https://img.example.com; object-src 'none'; frame-ancestors 'none'\"\n"),
        wrong_says="inline <script>",
        malformed="page_csp = {'default-src': \"'self'\"}\n",
        malformed_says="should be a string",
        more_wrong=(
            ("page_csp = \"default-src 'self'\"\n", "blocks the page's own image"),
            ("page_csp = \"default-src self https://img.example.com\"\n", "single quotes"),
            ("page_csp = \"default-src *; object-src 'none'; frame-ancestors 'none'\"\n",
             "https://evil.example/steal.js"),
            ("page_csp = \"default-src 'self'; img-src https://img.example.com; frame-ancestors 'none'\"\n",
             "plugin"),
            ("page_csp = \"default-src 'self'; img-src https://img.example.com; object-src 'none'\"\n",
             "frame-ancestors"),
            # extra script origins: the img host, another host, another scheme or port, data:, blob:
            ("page_csp = \"default-src 'self' https://img.example.com; object-src 'none'; "
             "frame-ancestors 'none'\"\n", "https://img.example.com/app.js"),
            ("page_csp = \"default-src 'self'; script-src 'self' https://cdn.example.net; "
             "img-src https://img.example.com; object-src 'none'; frame-ancestors 'none'\"\n",
             "https://cdn.example.net/lib.js"),
            ("page_csp = \"default-src 'self'; script-src 'self' http://notes.example:8080; "
             "img-src https://img.example.com; object-src 'none'; frame-ancestors 'none'\"\n",
             "http://notes.example:8080/static/app.js"),
            ("page_csp = \"default-src 'self'; script-src 'self' data:; "
             "img-src https://img.example.com; object-src 'none'; frame-ancestors 'none'\"\n",
             "data:text/javascript"),
            ("page_csp = \"default-src 'self'; script-src 'self' blob:; "
             "img-src https://img.example.com; object-src 'none'; frame-ancestors 'none'\"\n",
             "blob:https://notes.example"),
            # script-src-elem overrides script-src for <script src=...>
            ("page_csp = \"default-src 'self'; script-src-elem *; "
             "img-src https://img.example.com; object-src 'none'; frame-ancestors 'none'\"\n",
             "https://evil.example/steal.js"),
            # a constant nonce
            ("page_csp = \"default-src 'self'; script-src 'self' 'nonce-abc123'; "
             "img-src https://img.example.com; object-src 'none'; frame-ancestors 'none'\"\n",
             "fixed nonce"),
            # sandbox stops the page's own script
            ("page_csp = \"default-src 'self'; img-src https://img.example.com; object-src 'none'; "
             "frame-ancestors 'none'; sandbox\"\n", "sandbox"),
            # a multi-line value, and a header injection
            ("page_csp = \"\"\"default-src 'self'; img-src https://img.example.com;\n"
             "object-src 'none'; frame-ancestors 'none'\"\"\"\n", "control character"),
            ("page_csp = \"default-src 'self'; img-src https://img.example.com; object-src 'none'; "
             "frame-ancestors 'none'\\r\\nSet-Cookie: x=1\"\n", "control character"),
            # the header's name included, a misspelt directive, X-Frame-Options syntax
            ("page_csp = \"Content-Security-Policy: default-src 'self'; img-src https://img.example.com; "
             "object-src 'none'; frame-ancestors 'none'\"\n", "only the header's value"),
            ("page_csp = \"default-src 'self'; img-src https://img.example.com; object-src 'none'; "
             "frame-ancestor 'none'\"\n", "'frame-ancestor' is not a CSP directive"),
            ("page_csp = \"default-src 'self'; img-src https://img.example.com; object-src 'none'; "
             "frame-ancestors DENY\"\n", "X-Frame-Options"),
        ),
    ),
]
