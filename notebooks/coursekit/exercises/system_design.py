"""Checkers for chapter 13, system design and distributed systems.

- :func:`check_backoff_delays` calls the learner's ``backoff_delays(attempts, base, cap, rng)``
  with seeded ``random.Random`` generators and checks the rule of capped exponential backoff
  with full jitter: delay ``i`` lies in ``[0, min(cap, base * 2**i)]``, is drawn from the
  generator passed in (same seed, same delays), differs between seeds (jitter), spreads
  uniformly over its whole range, and grows until it reaches the cap; with 0 and 1 attempts, a
  cap below the base, and other values of all three parameters.
- :func:`check_compare_clocks` compares the learner's ``compare(a, b)`` for vector clocks
  (dicts from node name to counter, a missing node counting as 0) with the rule of
  happened-before, on pairs that include concurrent clocks whose sums differ, equal clocks,
  clocks with different sets of nodes and empty clocks, and checks that it leaves the two
  clocks unchanged.
"""
from __future__ import annotations

import random
import statistics

from coursekit.checks import NotYet, call_as, checker, expect


def _guarded(func, *args, label: str, seconds: float = 2.0):
    """:func:`coursekit.checks.call_as` with this module's time limit."""
    return call_as(label, func, *args, seconds=seconds)


# --- Exercise 1: capped exponential backoff with full jitter ------------------

def _delays(backoff_delays, attempts, base, cap, seed):
    label = f"backoff_delays({attempts}, {base}, {cap}, random.Random({seed}))"
    got = _guarded(backoff_delays, attempts, base, cap, random.Random(seed), label=label)
    expect(isinstance(got, (list, tuple)),
           f"{label} should return a list of {attempts} delays in seconds, got {type(got).__name__}: {got!r:.60}.")
    got = list(got)
    expect(len(got) == attempts, f"{label} returned {len(got)} delays; expected one per attempt, {attempts}.")
    expect(all(isinstance(d, (int, float)) and not isinstance(d, bool) for d in got),
           f"{label} returned {got!r:.80}: each delay should be a number of seconds.")
    for i, d in enumerate(got):
        ceiling = min(cap, base * 2 ** i)
        expect(d >= 0, f"{label}: delay {i} is {d:.4g}, a negative sleep.")
        expect(d <= ceiling + 1e-12,
               f"{label}: delay {i} is {d:.4g} s, above its ceiling of {ceiling:.4g} s "
               f"(the smaller of the cap and base * 2**{i}).")
    return label, got


def _spread(backoff_delays, attempts, base, cap, first_seed):
    """100 seeds: each delay varies, reaches near its ceiling, and is uniform from 0 to it."""
    runs = [_delays(backoff_delays, attempts, base, cap, seed)[1]
            for seed in range(first_seed, first_seed + 100)]
    where = f"with attempts={attempts}, base={base}, cap={cap}, over 100 seeds"
    shares = [0] * 5                                   # delays in each fifth of their range
    for i in range(attempts):
        ceiling = min(cap, base * 2 ** i)
        values = [run[i] for run in runs]
        expect(len({round(v, 12) for v in values}) > 1,
               f"{where}, delay {i} was {values[0]:.4g} s every time: every client that failed together "
               "would retry together. Add jitter: draw each delay at random from the `rng` passed in.")
        expect(max(values) > 0.85 * ceiling,
               f"{where}, delay {i} never went above {max(values):.4g} s, far below its ceiling of "
               f"{ceiling:.4g} s, the smaller of the cap and base * 2**{i}: draw from 0 up to that ceiling.")
        mean = statistics.fmean(values)
        expect(0.35 * ceiling < mean < 0.65 * ceiling,
               f"{where}, delay {i} averaged {mean:.4g} s, but its ceiling is {ceiling:.4g} s: "
               "full jitter draws uniformly over the whole range from 0 to the ceiling.")
        for v in values:
            shares[min(4, int(5 * v / ceiling))] += 1
    margin = 5 * (0.16 / (100 * attempts)) ** 0.5        # five standard deviations of a share
    for fifth, n in enumerate(shares):
        share = n / (100 * attempts)
        expect(abs(share - 0.2) < margin,
               f"{where}, {share:.0%} of the delays fell between {fifth * 20}% and {fifth * 20 + 20}% "
               "of their ceiling; a uniform draw puts about 20% in each fifth of the range.")


@checker
def check_backoff_delays(backoff_delays):
    attempts, base, cap = 8, 0.1, 2.0
    label, first = _delays(backoff_delays, attempts, base, cap, 1)
    _, again = _delays(backoff_delays, attempts, base, cap, 1)
    expect(first == again, f"{label} gave different delays when called twice with the same seed: "
                           "draw the randomness from the `rng` passed in, not from the `random` module.")
    for n in (0, 1):                                   # no failed attempt yet, then one
        _delays(backoff_delays, n, base, cap, 1)
    _spread(backoff_delays, attempts, base, cap, 2)
    _spread(backoff_delays, 3, 1.0, 0.5, 200)          # a cap below the base: every delay capped
    _spread(backoff_delays, 12, 0.05, 1.0, 400)        # other values of all three
    return (f"{attempts} delays, each drawn from 0 to min(cap, base * 2**attempt), reproducible "
            "with a seed and different between clients, for other numbers of attempts, bases and caps too.")


# --- Exercise 2: comparing vector clocks ------------------------------------------

def _truth(a, b):
    nodes = set(a) | set(b)
    le = all(a.get(n, 0) <= b.get(n, 0) for n in nodes)
    ge = all(a.get(n, 0) >= b.get(n, 0) for n in nodes)
    return "equal" if le and ge else "before" if le else "after" if ge else "concurrent"


_PAIRS = [
    ({"A": 1, "B": 0}, {"A": 2, "B": 1}),              # before
    ({"A": 3, "B": 2}, {"A": 1, "B": 2}),              # after
    ({"A": 2, "B": 0}, {"A": 0, "B": 1}),              # concurrent, sums differ
    ({"A": 1, "B": 2, "C": 0}, {"A": 2, "B": 1, "C": 0}),   # concurrent, equal sums
    ({"A": 2, "B": 1}, {"A": 2, "B": 1}),              # equal
    ({"A": 1}, {"A": 1, "B": 1}),                      # before, B missing from the first
    ({"A": 2, "C": 1}, {"A": 2}),                      # after, C missing from the second
    ({"A": 1, "B": 0}, {"A": 1}),                      # equal: a missing node counts as 0
    ({"A": 0, "B": 3}, {"A": 1, "C": 5}),              # concurrent, different nodes
    ({}, {"A": 1}),                                    # before: the empty clock
    ({}, {}),                                          # equal: two fresh nodes
]


@checker
def check_compare_clocks(compare):
    answers = {"before", "after", "equal", "concurrent"}
    for a, b in _PAIRS:
        label = f"compare({a}, {b})"
        a_copy, b_copy = dict(a), dict(b)
        got = _guarded(compare, a_copy, b_copy, label=label)
        expect(isinstance(got, str) and got in answers,
               f"{label} should return one of 'before', 'after', 'equal' or 'concurrent', got {got!r:.60}.")
        got = str(got)
        expect(a_copy == a and b_copy == b,
               f"{label} changed the clocks it was given (they became {a_copy} and {b_copy}): "
               "compare should read the two clocks and leave them as they were.")
        want = _truth(a, b)
        if got != want and want == "concurrent":
            raise NotYet(f"{label} returned {got!r}, but the first clock is ahead on one node and the "
                         "second is ahead on another: neither saw the other's update.")
        if got != want and got == "concurrent":
            raise NotYet(f"{label} returned 'concurrent', but one clock is at least the other on every "
                         "node (a node missing from a clock counts as 0).")
        if got != want and want == "equal":
            raise NotYet(f"{label} returned {got!r}, but the two clocks have the same counter on every "
                         "node (a node missing from a clock counts as 0).")
        if got != want and {got, want} == {"before", "after"}:
            raise NotYet(f"{label} returned {got!r}, but the {'first' if want == 'before' else 'second'} "
                         "clock is at most the other on every node: it saw nothing the other had not "
                         "seen, so it came first.")
        expect(got == want, f"{label} returned {got!r}: compare the clocks node by node "
                            "(a node missing from a clock counts as 0).")
    return "before, after, equal and concurrent, node by node, with missing nodes as 0."
