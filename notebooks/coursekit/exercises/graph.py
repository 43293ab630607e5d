"""Checkers for chapter 09, graph databases.

Each checker builds its own small Ladybug databases in a temporary folder, runs
the learner's Cypher on them and compares the rows with the expected ones, then
closes the databases and removes the folder. Two graphs are used:

- the chapter's graph, generated exactly as Lab 1 generates it (seed 9);
- a hidden graph from the same generator with another seed and more people, so
  that a query that lists the answer, or names a person instead of using the
  ``$me`` parameter, gives other rows than the expected ones. Its names are
  given to the ids in reverse alphabetical order, so that id order (the order
  in which rows come back without ``ORDER BY``) is not name order, and the
  person it asks about has more than three recommendations, so that a ``LIMIT``
  does not pass by chance.

Every query runs with a time limit, so that a walk that grows out of hand ends
with feedback instead of a cell that never finishes.
"""
from __future__ import annotations

import os
import re
import random
import tempfile

import ladybug

from coursekit.checks import NotYet, checker, expect

# The chapter's generator, exactly as Lab 1 defines it.
NAMES = ["Ana", "Ben", "Chloé", "Dev", "Emma", "Femi", "Gus", "Hana",
         "Ivo", "Jun", "Kai", "Lea", "Mia", "Noor", "Omar", "Pia"]
ITEMS = ["chess set", "drone", "espresso maker", "guitar", "headphones", "kayak", "novel", "tent"]


def social_graph(seed=9, people=12, follows=3, likes=3):
    """People 1..people, who follows whom, and like events (person, item, day): seeded."""
    rng = random.Random(seed)
    names = NAMES[:people] if people <= len(NAMES) else [f"p{i}" for i in range(1, people + 1)]
    follow = sorted({(a, b) for a in range(1, people + 1)
                     for b in rng.sample(range(1, people + 1), follows + 1) if a != b})
    like = [(p, rng.randrange(1, len(ITEMS) + 1), day)
            for p in range(1, people + 1) for day in range(1, likes + 1)]
    return names, follow, like


SCHEMA = [
    "CREATE NODE TABLE Person(id INT64 PRIMARY KEY, name STRING)",
    "CREATE NODE TABLE Item(id INT64 PRIMARY KEY, title STRING)",
    "CREATE REL TABLE Follows(FROM Person TO Person)",
    "CREATE REL TABLE Likes(FROM Person TO Item, day INT64)",
]


def load_graph(g, names, follow, like):
    """Create the schema on connection ``g`` and insert the generated graph."""
    for statement in SCHEMA:
        g.execute(statement)
    g.execute("UNWIND $rows AS r CREATE (:Person {id: r.id, name: r.name})",
              {"rows": [{"id": i, "name": n} for i, n in enumerate(names, 1)]})
    g.execute("UNWIND $rows AS r CREATE (:Item {id: r.id, title: r.title})",
              {"rows": [{"id": i, "title": t} for i, t in enumerate(ITEMS, 1)]})
    g.execute("UNWIND $rows AS r MATCH (a:Person {id: r[1]}), (b:Person {id: r[2]}) "
              "CREATE (a)-[:Follows]->(b)", {"rows": [list(e) for e in follow]})
    g.execute("UNWIND $rows AS r MATCH (p:Person {id: r[1]}), (i:Item {id: r[2]}) "
              "CREATE (p)-[:Likes {day: r[3]}]->(i)", {"rows": [list(e) for e in like]})


# (label shown in feedback, generator arguments, names reversed?, the person $me stands for)
GRAPHS = [("the chapter's graph", dict(seed=9, people=12), False, "Ben"),
          ("a hidden graph of 16 people", dict(seed=19, people=16), True, "Mia")]

TIMEOUT_MS = 3_000      # the reference queries take milliseconds


def _graph(args, reverse):
    """The generated graph; with ``reverse``, the names go to the ids in reverse order."""
    names, follow, like = social_graph(**args)
    return (names[::-1] if reverse else names), follow, like


def _run(query, graph, params):
    """Run ``query`` on a fresh database holding ``graph``: (column names, rows as tuples)."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        db = ladybug.Database(os.path.join(folder, "graph"))
        g = ladybug.Connection(db)
        try:
            load_graph(g, *graph)
            g.set_query_timeout(TIMEOUT_MS)
            try:
                result = g.execute(query, params)
            except Exception as exc:                      # Ladybug raises RuntimeError
                text = str(exc).strip()
                expect(text != "Interrupted.", _too_slow(query, len(graph[0])))
                if text.startswith("Parser exception"):
                    raise NotYet("your Cypher did not parse: " + _where(text)) from None
                expect("multiple statements" not in text, "write one Cypher query, not several.")
                raise NotYet("your query did not run: " + text.splitlines()[0]) from None
            expect(not isinstance(result, list), "write one Cypher query, not several.")
            columns, rows = result.get_column_names(), [tuple(r) for r in result.get_all()]
            result.close()
            return columns, rows
        finally:
            g.close()
            db.close()


def _too_slow(query, people):
    said = f"your query was stopped after {TIMEOUT_MS // 1000} s on a graph of {people} people: "
    if "*" in query:
        return said + ("a variable-length pattern follows every walk, and their number grows "
                       "with each hop (Lab 3). This exercise needs no `*`.")
    return said + "it matches far more rows than the answer needs; look for a pattern with no link to the rest."


def _where(text):
    """Ladybug's parser message, shortened to where it stopped."""
    found = re.search(r"Invalid input <(.*?)>:.*?\(line: (\d+), offset: (\d+)\)", text, re.S)
    if not found:
        return " ".join(text.split())[:160]
    near = (found.group(1).split() or ["the start"])[-1][:30]
    return f"the parser stopped at line {found.group(2)}, offset {found.group(3)}, near `{near}`."


def _query_text(query, name):
    expect(query is not ..., f"write your query as a string: `{name} = \"MATCH ...\"`.")
    expect(isinstance(query, str), f"`{name}` should be a string of Cypher, but it is "
                                   f"{type(query).__name__}.")
    expect(query.strip(), "your query is empty.")
    return query


def _columns(columns, expected, label):
    said = f"on {label}, expected the columns {expected}, got {columns}: "
    expect(columns, said + "end the query with a RETURN.")
    expect(len(columns) == len(expected), said + f"return {len(expected)} columns.")
    expect(columns == expected or sorted(columns) != sorted(expected), said + "put them in this order.")
    expect(columns == expected, said + "name them with AS.")


def _kinds(rows, kinds, label):
    """Each column holds values of the expected type (names, not ids)."""
    for row in rows:
        for (column, kind, what), value in zip(kinds, row):
            expect(isinstance(value, kind), f"on {label}, the column `{column}` should hold "
                                            f"{what}, got {value!r} ({type(value).__name__}).")


def _show(row):
    return "(" + ", ".join(repr(v) for v in row) + ")"


# --- Exercise 1: mutual follows ------------------------------------------------

def _mutual(names, follow):
    pairs = set(follow)
    return sorted((names[a - 1], names[b - 1]) for a, b in pairs
                  if (b, a) in pairs and names[a - 1] < names[b - 1])


@checker
def check_mutual_follows(query):
    """Pairs who follow each other: columns first, second; each pair once, first < second; sorted."""
    _query_text(query, "mutual_follows")
    for label, args, reverse, _ in GRAPHS:
        names, follow, like = _graph(args, reverse)
        columns, rows = _run(query, (names, follow, like), {})
        _columns(columns, ["first", "second"], label)
        _kinds(rows, [("first", str, "names"), ("second", str, "names")], label)
        expected = _mutual(names, follow)
        found = set(rows)
        twice = sorted(r for r in found if (r[1], r[0]) in found and r[0] < r[1])
        expect(not twice, f"on {label}, the pair {_show(twice[0]) if twice else ''} appears twice, "
                          "once in each order: keep one row per pair, the first name before the second.")
        one_way = sorted(r for r in found if tuple(sorted(r)) not in set(expected))
        expect(not one_way, f"on {label}, {_show(one_way[0]) if one_way else ''} is not a mutual "
                            "pair: one of them does not follow the other.")
        backwards = sorted(r for r in found if r[0] > r[1])
        expect(not backwards, f"on {label}, the pair {_show(backwards[0]) if backwards else ''} has "
                              "the alphabetically larger name first: the smaller name goes in `first`.")
        expect(len(rows) == len(found), f"on {label}, some pairs appear more than once "
                                        f"({len(rows)} rows for {len(found)} pairs).")
        expect(found == set(expected), f"on {label}, expected {len(expected)} pairs, got "
                                       f"{len(found)}: some mutual pairs are missing.")
        expect(rows == expected, f"on {label}, the pairs are right but not sorted by first, then second.")
    return f"{len(_mutual(*social_graph()[:2]))} mutual pairs on the chapter's graph, and the " \
           "pairs of the hidden graph too."


# --- Exercise 2: what my friends like that I do not ----------------------------

def _recommend(names, follow, like, me):
    me_id = names.index(me) + 1
    friends = {b for a, b in follow if a == me_id}
    mine = {i for p, i, _ in like if p == me_id}
    fans = {}
    for p, i, _ in like:
        if p in friends and i not in mine:
            fans.setdefault(i, set()).add(p)
    return sorted(((ITEMS[i - 1], len(f)) for i, f in fans.items()), key=lambda r: (-r[1], r[0]))


@checker
def check_recommend(query):
    """Items liked by the people $me follows, not liked by $me: title, friends; sorted."""
    _query_text(query, "recommend")
    expect("$me" in query, "use the parameter `$me` for the person (your query has no `$me`), "
                           "not a name or rows written in the query: the checker asks for other people.")
    for label, args, reverse, me in GRAPHS:
        names, follow, like = _graph(args, reverse)
        columns, rows = _run(query, (names, follow, like), {"me": me})
        _columns(columns, ["title", "friends"], label)
        _kinds(rows, [("title", str, "item titles"), ("friends", (int, float), "numbers")], label)
        expected = _recommend(names, follow, like, me)
        me_id = names.index(me) + 1
        mine = {ITEMS[i - 1] for p, i, _ in like if p == me_id}
        liked = sorted(r[0] for r in rows if r[0] in mine)
        expect(not liked, f"on {label}, for $me = {me!r}, {liked[0] if liked else ''!r} is an item "
                          f"{me} already likes: leave those out.")
        wanted = dict(expected)
        extra = sorted(r[0] for r in rows if r[0] not in wanted)
        expect(not extra, f"on {label}, for $me = {me!r}, {extra[0] if extra else ''!r} is not "
                          f"liked by anyone {me} follows.")
        counts = {r[0]: r[1] for r in rows}
        friends = {b for a, b in follow if a == names.index(me) + 1}
        events = {t: sum(1 for p, i, _ in like if p in friends and ITEMS[i - 1] == t) for t in wanted}
        twice = sorted(t for t, n in counts.items() if n == events[t] > wanted[t])
        expect(not twice, f"on {label}, for $me = {me!r}, {twice[0] if twice else ''!r} has "
                          f"{counts.get(twice[0]) if twice else ''} friends, more than the "
                          f"{wanted.get(twice[0]) if twice else ''} people {me} follows who like it: "
                          "a friend who liked it on two days was counted twice.")
        off = sorted(t for t, n in counts.items() if n != wanted[t])
        expect(not off, f"on {label}, for $me = {me!r}, `friends` is {counts.get(off[0]) if off else ''} "
                        f"for {off[0] if off else ''!r}, which is not the number of people {me} "
                        "follows who like it.")
        expect(len(rows) == len(counts), f"on {label}, for $me = {me!r}, an item appears more than once.")
        expect(len(rows) == len(expected), f"on {label}, for $me = {me!r}, expected {len(expected)} "
                                           f"items, got {len(rows)}: some items are missing.")
        expect(rows == expected, f"on {label}, for $me = {me!r}, the rows are right but not sorted "
                                 "by friends, highest first, then by title.")
    return f"{len(_recommend(*social_graph(), 'Ben'))} items for Ben, and the recommendations " \
           "on the hidden graph too."
