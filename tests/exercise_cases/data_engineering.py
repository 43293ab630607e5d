"""Wrong and malformed answers for the exercises of 12-data-engineering."""
from exercise_cases import Case

_SESSIONS = ('sessions_sql = """\n'
             '    WITH gaps AS (\n'
             '        SELECT user_id, ts - lag(ts) OVER ({window}) AS gap FROM events\n'
             '    )\n'
             '    SELECT user_id, count(*) FILTER (WHERE gap IS NULL OR gap {op} INTERVAL 30 MINUTE)'
             ' AS sessions\n'
             '    FROM gaps GROUP BY user_id\n'
             '"""\n')

# A load_batch whose steps vary between the cases: {delete} clears the batch (or not),
# {keep} decides which records are valid, {dedup} skips an event id seen before (or not),
# {bad} stores the invalid ones (or drops them).
_LOAD = ('def load_batch(con, batch, records):\n'
         '    seen = set()\n'
         '{delete}'
         '    for r in records:\n'
         '        if {keep}:\n'
         '            if {dedup}:\n'
         '                seen.add(r["event_id"])\n'
         '                con.execute("INSERT INTO clean VALUES (?, ?, ?)", [batch, r["event_id"], r["amount"]])\n'
         '        else:\n'
         '{bad}')
_DELETE = ('    con.execute("DELETE FROM clean WHERE batch = ?", [batch])\n'
           '    con.execute("DELETE FROM quarantine WHERE batch = ?", [batch])\n')
_VALID = ('isinstance(r.get("event_id"), int) and type(r.get("amount")) is int '
          'and r["amount"] >= 0')
_STORE = ('            con.execute("INSERT INTO quarantine VALUES (?, ?, ?)",\n'
          '                        [batch, json.dumps(r), "invalid"])\n')


def _load(delete=_DELETE, keep=_VALID, dedup='r["event_id"] not in seen', bad=_STORE):
    return _LOAD.format(delete=delete, keep=keep, dedup=dedup, bad=bad)


CASES = [
    Case(
        check="check_sessions(sessions_sql)",
        # misses the point: the previous event of anyone, not of the same user
        wrong=_SESSIONS.format(window="ORDER BY ts", op=">"),
        wrong_says="previous event of the same user",
        malformed="sessions_sql = 42\n",
        malformed_says="write your query as a string",
        more_wrong=(
            # a gap of exactly 30 minutes ends the session
            (_SESSIONS.format(window="PARTITION BY user_id ORDER BY ts", op=">="),
             "exactly 30 minutes"),
            # counts events, not sessions
            ('sessions_sql = "SELECT user_id, count(*) AS sessions FROM events GROUP BY user_id"\n',
             "number of events"),
            # wrong column names
            ('sessions_sql = "SELECT user_id AS u, count(*) AS n FROM events GROUP BY user_id"\n',
             "two columns named user_id and sessions"),
            # SQL that does not run
            ('sessions_sql = "SELECT user_id, sessions FROM sessions"\n', "your query failed"),
            # date_diff counts minute marks: 10:00:15 to 10:30:45 gives 30, not more than 30
            ('sessions_sql = """\n'
             '    WITH gaps AS (SELECT user_id, date_diff(\'minute\', lag(ts) OVER '
             '(PARTITION BY user_id ORDER BY ts), ts) AS gap FROM events)\n'
             '    SELECT user_id, count(*) FILTER (WHERE gap IS NULL OR gap > 30) AS sessions\n'
             '    FROM gaps GROUP BY user_id\n"""\n', "30 minutes and 30 seconds apart"),
            # the right count, as text
            (_SESSIONS.format(window="PARTITION BY user_id ORDER BY ts", op=">")
             .replace(") AS sessions", ")::VARCHAR AS sessions"), "return it as a number"),
            # a query that never ends: the checker interrupts it
            ('sessions_sql = """\n'
             '    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)\n'
             '    SELECT user_id, count(*) AS sessions FROM events, n GROUP BY user_id\n"""\n',
             "did not finish within 5 s"),
        ),
    ),
    Case(
        check="check_idempotent_load(load_batch)",
        # misses the point: appends on every run, so a rerun duplicates the batch
        wrong=_load(delete=""),
        wrong_says="replace the batch's rows, not append",
        malformed="load_batch = 3\n",
        malformed_says="should be a function",
        more_wrong=(
            # drops invalid records silently
            (_load(bad="            pass\n"), "dropped silently"),
            # clears every batch, not its own
            (_load(delete='    con.execute("DELETE FROM clean")\n'
                          '    con.execute("DELETE FROM quarantine")\n'), "other batch"),
            # loads a resent event twice
            (_load(dedup="True"), "loaded once"),
            # forgets to clear the quarantine on a rerun
            (_load(delete='    con.execute("DELETE FROM clean WHERE batch = ?", [batch])\n'),
             "quarantined records too"),
            # crashes on a record without an amount
            (_load(keep='r["amount"] >= 0 and isinstance(r["event_id"], int)'),
             "raised KeyError"),
            # accepts a float amount (2.5)
            (_load(keep=_VALID.replace('type(r.get("amount")) is int',
                                       'isinstance(r.get("amount"), (int, float))')),
             '"amount": 2.5}, which is not valid'),
            # isinstance(True, int) is true: accepts a bool amount
            (_load(keep=_VALID.replace('type(r.get("amount")) is int',
                                       'isinstance(r.get("amount"), int)')),
             '"amount": true}, which is not valid'),
            # quarantines the repeated event with a reason that does not say why
            (_load(dedup="True").replace('if True:', 'if r["event_id"] not in seen:')
             .replace('        else:\n', '            else:\n                con.execute('
                      '"INSERT INTO quarantine VALUES (?, ?, ?)", [batch, json.dumps(r), "bad"])\n'
                      '        else:\n'), "reason that says duplicate"),
        ),
    ),
]
