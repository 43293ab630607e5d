"""Checkers for chapter 12, data engineering.

- :func:`check_sessions` runs the learner's SQL on its own ``events`` tables, where
  users are active at the same time, rows are stored out of time order, and gaps of
  exactly 30 minutes sit beside gaps of 31; it compares the sessions per user with
  the rule "a session ends after more than 30 minutes without an event of that user".
- :func:`check_idempotent_load` calls the learner's ``load_batch(con, batch, records)``
  on a fresh DuckDB database holding another batch already, three times: once, again
  with the same records, and again with corrected ones; after each call the batch's
  rows must be those of the last call alone, every invalid record quarantined with a
  reason, and the other batch untouched.
"""
from __future__ import annotations

import json
import math
import random
import threading
from datetime import datetime, timedelta

import duckdb

from coursekit.checks import NotYet, call_as, checker, expect


# --- Exercise 1: sessions per user -------------------------------------------

def _minutes(*offsets):
    return [datetime(2026, 3, 2, 10, 0) + timedelta(minutes=m) for m in offsets]


# (user, minutes after 10:00): users overlap in time; gaps of exactly 30 and of 31 minutes,
# and user 5's gap of 30 min 30 s (10:00:15 to 10:30:45) that crosses only 30 minute marks
_HAND = ([(1, m) for m in (0, 20, 50, 81, 300)] + [(2, m) for m in (5, 40, 45, 120)]
         + [(3, 10)] + [(4, m) for m in (15, 44, 74)] + [(5, m) for m in (0.25, 30.75)])
_SECONDS = 5      # a query still running after this is interrupted


def _random_events(seed: int):
    rng = random.Random(seed)
    events, minute = [], 0
    for _ in range(60):
        minute += rng.choice([0, 1, 5, 12, 29, 30, 31, 45])
        events.append((rng.randint(1, 6), minute))
    return events


def _sessions(events, same_user=True, gap=30, strict=True, whole_minutes=False):
    """The reference and its plausible variants: {user: sessions}. ``whole_minutes``
    counts the minute marks crossed, as ``date_diff('minute', a, b)`` does."""
    ordered = sorted(events, key=lambda e: (e[1], e[0]))
    last, counts = {}, {}
    for user, minute in ordered:
        key = user if same_user else None
        previous = last.get(key)
        if previous is not None:
            diff = (math.floor(minute) - math.floor(previous) if whole_minutes
                    else minute - previous)
        new = previous is None or (diff > gap if strict else diff >= gap)
        counts[user] = counts.get(user, 0) + (1 if new else 0)
        last[key] = minute
    return counts


def _run_sql(sql: str, events, label: str):
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE events (user_id INTEGER, ts TIMESTAMP, kind VARCHAR)")
        shuffled = list(events)
        random.Random(len(events)).shuffle(shuffled)     # stored out of time order
        con.executemany("INSERT INTO events VALUES (?, ?, 'view')",
                        [(u, _minutes(m)[0]) for u, m in shuffled])
        timer = threading.Timer(_SECONDS, con.interrupt)     # a query that never ends
        timer.start()
        try:
            cur = con.execute(sql)
            expect(cur.description, f"{label}: your statement returned no rows to check; write "
                                    "a SELECT query.")
            names = [d[0].lower() for d in cur.description]
            rows = cur.fetchall()
        except duckdb.InterruptException:
            raise NotYet(f"{label}: your query did not finish within {_SECONDS} s: look for a "
                         "recursion or a join that never ends.") from None
        except duckdb.Error as exc:
            hint = (" The checker's events table has only the columns user_id, ts and kind."
                    if isinstance(exc, duckdb.BinderException) else "")
            raise NotYet(f"{label}: your query failed: {type(exc).__name__}: "
                         f"{str(exc).splitlines()[0][:160]}{hint}") from None
        finally:
            timer.cancel()
            timer.join()
    finally:
        con.close()
    expect(names == ["user_id", "sessions"],
           f"{label}: return two columns named user_id and sessions, got {names}.")
    return rows


@checker
def check_sessions(sessions_sql) -> str:
    expect(isinstance(sessions_sql, str) and sessions_sql.strip(),
           'write your query as a string: `sessions_sql = "SELECT ..."`.')
    datasets = [("the checker's hand-made events", _HAND)] + [
        (f"random events (seed {seed})", _random_events(seed)) for seed in (3, 4)]
    for label, events in datasets:
        rows = _run_sql(sessions_sql, events, label)
        users = [r[0] for r in rows]
        expect(len(users) == len(set(users)), f"{label}: return one row per user; some users "
                                              "appear more than once.")
        odd = next((s for _, s in rows if isinstance(s, bool) or not isinstance(s, (int, float))), None)
        expect(odd is None, f"{label}: the sessions column holds {type(odd).__name__} values, such "
                            f"as {odd!r}: return it as a number.")
        got = {u: s for u, s in rows}
        expected = _sessions(events)
        expect(set(got) == set(expected), f"{label}: expected a row for each of the users "
                                          f"{sorted(expected)}, got users {sorted(got)}.")
        if got == expected:
            continue
        user = next(u for u in sorted(expected) if got[u] != expected[u])
        where = f"{label}, user {user}: expected {expected[user]} sessions, got {got[user]}"
        if got == _sessions(events, same_user=False):
            raise NotYet(f"{where}. Users are active at the same time here: compare each event "
                         "with the previous event of the same user, not of anyone.")
        if got == _sessions(events, strict=False):
            raise NotYet(f"{where}. A gap of exactly 30 minutes keeps the session going: only "
                         "more than 30 minutes ends it.")
        if got == _sessions(events, whole_minutes=True):
            raise NotYet(f"{where}. User {user}'s events at 10:00:15 and 10:30:45 are 30 minutes "
                         "and 30 seconds apart, more than 30 minutes: compare the time between "
                         "events, not the number of minute marks between them.")
        if all(got[u] == sum(1 for e in events if e[0] == u) for u in got):
            raise NotYet(f"{where}: that is the user's number of events, not of sessions.")
        raise NotYet(f"{where}. Look at how your query finds the gaps between events.")
    return ("the sessions per user are right on all three data sets, gaps of 30 minutes, "
            "30 minutes 30 seconds and 31 minutes included.")


# --- Exercise 2: an idempotent load with a quarantine ------------------------

_OTHER = "2026-03-01"
_BATCH = "2026-03-02"
_FIRST = [{"event_id": 1, "amount": 10}, {"event_id": 2, "amount": 0},
          {"event_id": 3, "amount": 25}, {"event_id": 3, "amount": 25},      # a resend
          {"event_id": "4", "amount": 5}, {"event_id": 5, "amount": -3},
          {"event_id": 6}, {"event_id": 7, "amount": 12},
          {"event_id": 9, "amount": 2.5}, {"event_id": 10, "amount": True}]   # not ints
_FIXED = [{"event_id": 1, "amount": 10}, {"event_id": 2, "amount": 0},
          {"event_id": 3, "amount": 25}, {"event_id": 4, "amount": 5},
          {"event_id": 5, "amount": 3}, {"event_id": 6, "amount": 7},
          {"event_id": 8, "amount": "nine"}]


def _valid(r):
    return (isinstance(r.get("event_id"), int) and not isinstance(r.get("event_id"), bool)
            and isinstance(r.get("amount"), int) and not isinstance(r.get("amount"), bool)
            and r["amount"] >= 0)


def _expected(records):
    """(clean rows, invalid records, valid repeats): a repeat may be dropped or quarantined."""
    clean, repeats = {}, []
    for r in records:
        if _valid(r):
            if r["event_id"] in clean:
                repeats.append(json.dumps(r))
            clean.setdefault(r["event_id"], r["amount"])
    return (sorted(clean.items()), sorted(json.dumps(r) for r in records if not _valid(r)),
            repeats)


def _state(con):
    clean = con.execute("SELECT batch, event_id, amount FROM clean ORDER BY ALL").fetchall()
    quarantine = con.execute("SELECT batch, record, reason FROM quarantine ORDER BY ALL").fetchall()
    return clean, quarantine


def _verify(con, records, when):
    clean, quarantine = _state(con)
    other = [r for r in clean if r[0] == _OTHER], [q for q in quarantine if q[0] == _OTHER]
    expect(other == ([(_OTHER, 100, 40)], [(_OTHER, '{"event_id": null}', "no event_id")]),
           f"{when}: the rows of the other batch, {_OTHER}, changed: a load must replace its "
           "own batch only.")
    mine = [(e, a) for b, e, a in clean if b == _BATCH]
    want_clean, want_bad, repeats = _expected(records)
    ids = [e for e, _ in mine]
    for event_id in sorted({e for e in ids if ids.count(e) > 1}):
        if len(ids) >= 2 * len(want_clean):
            raise NotYet(f"{when}: clean holds {len(mine)} rows for batch {_BATCH}, expected "
                         f"{len(want_clean)}: each run added the batch again. A rerun must "
                         "replace the batch's rows, not append to them.")
        raise NotYet(f"{when}: event_id {event_id} appears {ids.count(event_id)} times in clean; "
                     "an event sent twice in a batch is loaded once.")
    invalid = {r["event_id"]: r for r in records if not _valid(r)
               and isinstance(r.get("event_id"), int) and not isinstance(r["event_id"], bool)}
    wrongly = next((invalid[e] for e in ids if e in invalid and e not in dict(want_clean)), None)
    expect(wrongly is None, f"{when}: clean holds event_id {(wrongly or {}).get('event_id')} "
                            f"from the record {json.dumps(wrongly)}, which is not valid: read "
                            "the rule for a valid amount again.")
    expect(sorted(mine) == want_clean, f"{when}: clean holds {sorted(mine)} for batch {_BATCH}, "
                                       f"expected {len(want_clean)} rows: the valid records of "
                                       "the last call, once each.")
    bad = [q for q in quarantine if q[0] == _BATCH]
    # a repeated valid record may be quarantined too, if its reason says it is a duplicate
    bad = [q for q in bad if not (q[1] in repeats and "duplicate" in str(q[2]).lower())]
    if len(bad) > len(want_bad) and len(bad) % len(want_bad) == 0:
        raise NotYet(f"{when}: quarantine holds {len(bad)} records for batch {_BATCH}, expected "
                     f"{len(want_bad)}: a rerun must replace the batch's quarantined records "
                     "too, not add to them.")
    missing = sorted(set(want_bad) - {q[1] for q in bad})
    expect(not missing, f"{when}: {len(missing)} invalid record(s) are not in quarantine as "
                        f"json.dumps(record), such as {missing[0] if missing else ''}: none may "
                        "be dropped silently.")
    extra = next((q[1] for q in bad if q[1] not in want_bad or q[1] in repeats), None)
    expect(extra is None, f"{when}: quarantine holds {extra} for batch {_BATCH}, a valid record"
                          + (": a repeated event_id may be quarantined only with a reason that "
                             "says duplicate." if extra in repeats else "."))
    expect(len(bad) == len(want_bad), f"{when}: quarantine holds {len(bad)} records for batch "
                                      f"{_BATCH}, expected {len(want_bad)}.")
    expect(all(isinstance(q[2], str) and q[2].strip() for q in bad),
           f"{when}: every quarantined record needs a non-empty reason.")


@checker
def check_idempotent_load(load_batch) -> str:
    expect(callable(load_batch), f"`load_batch` should be a function, but it is "
                                 f"{type(load_batch).__name__}.")
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE clean (batch VARCHAR, event_id INTEGER, amount INTEGER)")
        con.execute("CREATE TABLE quarantine (batch VARCHAR, record VARCHAR, reason VARCHAR)")
        con.execute("INSERT INTO clean VALUES (?, 100, 40)", [_OTHER])
        con.execute("INSERT INTO quarantine VALUES (?, '{\"event_id\": null}', 'no event_id')", [_OTHER])
        for records, when in ((_FIRST, "after the first run"),
                              (_FIRST, "after a second run with the same records"),
                              (_FIXED, "after a third run with corrected records")):
            call_as(when, load_batch, con, _BATCH, [dict(r) for r in records], seconds=5,
                    on_escape="a function should return.")
            _verify(con, records, when)
    finally:
        con.close()
    return ("three runs (the same records twice, then corrected ones) left the batch as one run "
            "leaves it, every invalid record quarantined with a reason, the other batch untouched.")
