"""Checkers for chapter 08, distributed SQL.

- :func:`check_commit_latency` calls the learner's ``commit_latency(rtt, leaseholder)``
  on several round-trip-time matrices (3 and 5 replicas, the leaseholder in
  different places) and compares it with the quorum rule: the leaseholder counts
  as one vote and waits for the fastest acknowledgements that make a majority;
- :func:`check_with_retries` hands the learner's ``with_retries(txn, max_attempts,
  sleep)`` fake transactions that raise real psycopg errors (SQLSTATE 40001, or
  another code) a given number of times, and a fake ``sleep`` that records the
  waits instead of sleeping.
"""
from __future__ import annotations

import math
import random

import psycopg.errors

from coursekit.checks import Escaped, NotYet, TimeLimit, call, checker, expect, time_limit


# --- Exercise 1: the latency of a quorum write --------------------------------

def _quorum(rtt: dict, leaseholder: str) -> float:
    """The reference: the majority's slowest member among the fastest replies."""
    others = sorted(ms for region, ms in rtt[leaseholder].items() if region != leaseholder)
    needed = (len(rtt) // 2 + 1) - 1          # a majority, minus the leaseholder's own vote
    return float(others[needed - 1]) if needed else 0.0


def _matrix(regions: list[str], seed: int) -> dict:
    rng = random.Random(seed)
    rtt = {a: {a: 0} for a in regions}
    for i, a in enumerate(regions):
        for b in regions[i + 1:]:
            rtt[a][b] = rtt[b][a] = rng.randrange(10, 300)
    return rtt


REGIONS = ["us-east", "us-west", "eu-west", "eu-central", "ap-south"]
_THREE = {"us-east": {"us-east": 0, "us-west": 62, "eu-west": 75},
          "us-west": {"us-east": 62, "us-west": 0, "eu-west": 140},
          "eu-west": {"us-east": 75, "us-west": 140, "eu-west": 0}}
CASES = [(_matrix(REGIONS, seed=1), "eu-west"), (_matrix(REGIONS, seed=2), "ap-south"),
         (_THREE, "us-east"), (_THREE, "us-west")]


@checker
def check_commit_latency(commit_latency) -> str:
    tried = 0
    for rtt, leaseholder in CASES:
        copy = {a: dict(row) for a, row in rtt.items()}
        label = f"{len(rtt)} replicas, leaseholder in {leaseholder}"
        try:
            got = call(commit_latency, copy, leaseholder, seconds=2)
        except Escaped as exc:  # SystemExit and the like: feedback, not a traceback
            if isinstance(exc.exc, KeyboardInterrupt):
                raise exc.exc
            raise NotYet(f"{label}: calling `commit_latency` raised {type(exc.exc).__name__}; "
                         "return the number of milliseconds instead.") from None
        except NotYet as exc:
            if "still the stub" in str(exc):
                raise
            raise NotYet(f"{label}: {exc}") from None
        expected = _quorum(rtt, leaseholder)
        expect(isinstance(got, (int, float)) and not isinstance(got, bool),
               f"commit_latency should return a number of milliseconds, got {got!r} ({label}).")
        expect(copy == rtt, f"commit_latency changed the matrix it was given ({label}).")
        row = sorted(ms for r, ms in rtt[leaseholder].items() if r != leaseholder)
        if not math.isclose(got, expected, abs_tol=1e-6):
            if math.isclose(got, row[-1]) and len(row) > 1:
                raise NotYet(f"{label}: you returned {got} ms, the round trip to the farthest "
                             "replica: a quorum write does not wait for every replica, only for "
                             "a majority.")
            if math.isclose(got, row[0]) and len(rtt) > 3:
                raise NotYet(f"{label}: you returned {got} ms, the nearest replica's round trip: "
                             f"one acknowledgement plus the leaseholder's own vote is 2 of "
                             f"{len(rtt)}, not a majority.")
            if math.isclose(got, sum(row) / len(row)):
                raise NotYet(f"{label}: you returned {got} ms, the mean round trip: the leaseholder "
                             "waits for particular replies, so the answer is one of the round "
                             "trips, not an average.")
            if any(math.isclose(got, ms) for ms in row) and got > expected:
                raise NotYet(f"{label}: you returned {got} ms, more than needed: did you forget "
                             "that the leaseholder's own copy counts as one vote of the majority?")
            if math.isclose(got, expected / 2):
                raise NotYet(f"{label}: you returned {got} ms, half a round trip: the leaseholder "
                             "waits for each acknowledgement to come back, a full round trip.")
            raise NotYet(f"{label}: you returned {got!r} ms, which is not the leaseholder's wait "
                         "for a majority of this matrix: did you use the `rtt` and `leaseholder` "
                         "given?")
        tried += 1
    return (f"the commit waited for a majority on all {tried} matrices "
            "(5 and 3 replicas, the leaseholder in different regions).")


# --- Exercise 2: a retry wrapper for serialization failures -------------------

class _Budget(BaseException):
    """Raised when the learner's loop calls a transaction far too often."""


class FakeTransaction:
    """Fails with ``error`` the first ``failures`` calls, then returns ``result``."""

    def __init__(self, failures: int, error: type = psycopg.errors.SerializationFailure,
                 result: str = "committed"):
        self.failures, self.error, self.result, self.calls = failures, error, result, 0

    def __call__(self):
        self.calls += 1
        if self.calls > 100:
            raise _Budget
        if self.calls <= self.failures:
            self.last_error = self.error(f"fake failure {self.calls} (SQLSTATE {self.error.sqlstate})")
            raise self.last_error
        return self.result


class _Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def _run(with_retries, txn, attempts, label):
    """Call the learner's wrapper; return (result or the exception raised, waits)."""
    sleeps = _Sleeps()
    try:
        with time_limit(2.0):
            return with_retries(txn, attempts, sleeps), sleeps
    except TimeLimit:
        raise NotYet(f"{label}: `with_retries` did not return within 2 s: look for a loop that "
                     "never ends.") from None
    except NotImplementedError:
        raise NotYet("`with_retries` is still the stub: replace `raise NotImplementedError` "
                     "with your code.") from None
    except _Budget:
        if txn.failures < 100:
            raise NotYet(f"{label}: your loop called the transaction more than 100 times, "
                         f"although call {txn.failures + 1} committed and returned: a transaction "
                         "that returned has committed, whatever its result.") from None
        raise NotYet(f"{label}: your loop called the transaction more than 100 times with "
                     f"max_attempts={attempts}: it should give up after max_attempts.") from None
    except Exception as exc:  # what the wrapper let through
        return exc, sleeps
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit and the like: feedback, not a traceback
        raise NotYet(f"{label}: your wrapper raised {type(exc).__name__}; let the transaction's "
                     "own error reach the caller instead.") from None


@checker
def check_with_retries(with_retries) -> str:
    expect(callable(with_retries), f"`with_retries` should be a function, but it is "
                                   f"{type(with_retries).__name__}.")
    # 1. two serialization failures, then success
    txn = FakeTransaction(2)
    got, sleeps = _run(with_retries, txn, 5, "40001 twice, then a commit")
    expect(not isinstance(got, BaseException),
           f"a transaction failing twice with SQLSTATE 40001, then committing: your wrapper "
           f"raised {type(got).__name__} instead of retrying.")
    expect(txn.calls == 3, f"a transaction failing twice with 40001, then committing: expected "
                           f"3 calls, got {txn.calls}.")
    expect(got == "committed", f"return the transaction's result; you returned {got!r}.")
    expect(len(sleeps) == 2, f"wait (call `sleep`) once before each retry: 2 retries, "
                             f"{len(sleeps)} calls to sleep.")
    expect(all(isinstance(s, (int, float)) and 0 <= s < 30 for s in sleeps),
           f"each wait should be a number of seconds from 0 up to 30, got {list(sleeps)}.")
    # 2. a commit whose result is None or 0: it committed, do not run it again
    for result in (None, 0):
        txn = FakeTransaction(0, result=result)
        got, _ = _run(with_retries, txn, 5, f"a commit returning {result!r}")
        expect(txn.calls == 1 and got is result,
               f"a transaction that commits on its first call and returns {result!r}: your wrapper "
               f"called it {txn.calls} times and returned {got!r:.60}: a transaction that returned "
               "has committed, whatever its result; running it again applies it again.")
    # 3. other errors: not retried, and passed on as they are
    for error, why in ((psycopg.errors.UniqueViolation, "a unique violation usually fails the "
                        "same way again"),
                       (psycopg.errors.StatementCompletionUnknown, "40003 means the outcome is "
                        "unknown, so the transaction may have committed, and a retry can apply "
                        "it twice")):
        txn = FakeTransaction(1, error=error)
        got, _ = _run(with_retries, txn, 5, f"SQLSTATE {error.sqlstate}")
        expect(txn.calls == 1, f"a transaction raising {error.__name__} (SQLSTATE "
                               f"{error.sqlstate}) was called {txn.calls} times: retry only "
                               f"SQLSTATE 40001 here: {why}.")
        expect(got is txn.last_error, f"a transaction raising {error.__name__}: let that error "
                                      f"reach the caller as it is, got {got!r:.80}.")
    # 4. always failing: give up after max_attempts, raising the last error
    txn = FakeTransaction(1000)
    got, sleeps = _run(with_retries, txn, 4, "40001 on every attempt")
    expect(txn.calls == 4, f"a transaction failing with 40001 on every attempt, max_attempts=4: "
                           f"expected 4 calls, got {txn.calls}.")
    expect(isinstance(got, psycopg.errors.SerializationFailure),
           f"after the last attempt, raise the last SerializationFailure to the caller; got "
           f"{got!r:.80}.")
    expect(got is txn.last_error, "after the last attempt, raise the transaction's own last "
                                  "SerializationFailure, not a new one: the caller needs its "
                                  "details (the message, the diagnostics).")
    expect(len(sleeps) == 3, f"a transaction failing with 40001 on every attempt, max_attempts=4: "
                             f"expected a wait before each of the 3 retries, got {len(sleeps)} calls "
                             "to sleep: a wait after the last attempt only delays the error.")
    # 5. the waits: in range, growing exponentially, and random (jitter)
    waits = [[], [], []]
    for _ in range(1000):
        _, sleeps = _run(with_retries, FakeTransaction(1000), 4, "40001 on every attempt")
        bad = [s for s in sleeps if not (isinstance(s, (int, float)) and 0 <= s < 30)]
        expect(not bad, f"each wait should be a number of seconds from 0 up to 30, got {bad[:3]} "
                        f"among the waits {list(sleeps)[:3]} (40001 on every attempt).")
        for k, s in enumerate(sleeps[:3]):
            waits[k].append(s)
    means = [sum(w) / len(w) if w else 0 for w in waits]
    said = ", ".join(f"{m:.4f} s" for m in means)
    expect(means[2] > 1.5 * means[0], "the waits should grow with the attempt number "
           f"(exponential backoff); mean waits before retries 1, 2, 3: {said}.")
    steps = means[1] - means[0], means[2] - means[1]
    expect(steps[0] > 0 and steps[1] > 1.5 * steps[0],
           f"the waits grow, but not exponentially: mean waits before retries 1, 2, 3: {said}; "
           "with exponential backoff each step is about twice the one before (a cap, if any, "
           "should come after the third wait).")
    expect(len(set(waits[0])) > 1, "every client waited the same time before its first retry: "
           "add random jitter, or clients that collided once collide again.")
    return ("it retried 40001 with exponentially growing, random waits, let other errors and "
            "results through at once, and gave up after max_attempts.")
