"""Checkers for chapter 05, Version control systems.

Both checkers use real git in their own :class:`coursekit.gitlab.Sandbox`,
removed before they return, so the chapter's repositories cannot confuse them.
"""
from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
import zlib

from ..checks import NotYet, TooSlow, call, checker, expect
from .. import gitlab
from ..gitlab import HAVE_GIT, GitError, Sandbox

# -- Running the learner's code: a deadline, no programs, no escaping exceptions --

DEADLINE = 2.0                  # seconds for one call of the learner's function


class _RanAProgram(Exception):
    """Raised inside the learner's code when it starts a program (git) instead of computing."""


def _no_programs(*_args, **_kwargs):
    raise _RanAProgram("blob_id started a program; the exercise asks for hashlib, without git")


def _guarded_call(func, *args, name: str, seconds: float = DEADLINE):
    """``call(func, *args, seconds=seconds)`` (a deadline, ``SystemExit``/``KeyboardInterrupt``
    turned into feedback: see :func:`coursekit.checks.call`), with programs blocked."""
    saved = subprocess.Popen, os.system
    subprocess.Popen, os.system = _no_programs, _no_programs
    try:
        return call(func, *args, name=name, seconds=seconds)
    except TooSlow:
        raise NotYet(f"`{name}` did not return within {seconds:.0f} s: an endless loop?") from None
    except NotYet as exc:
        if "_RanAProgram" in str(exc):
            raise NotYet(f"`{name}` started a program (git?): compute the id with hashlib, "
                         "without git, as the exercise asks.") from None
        raise
    finally:
        subprocess.Popen, os.system = saved


# -- Exercise 1: a blob's id ---------------------------------------------------

_BLOBS = [
    b"hello\n",
    b"",
    "café ☕ naïve\n".encode("utf-8"),          # non-ASCII: more bytes than characters
    bytes(range(256)),                           # binary, NUL bytes included
    b"line one\r\nline two\r\n",
]


def _git_ids(blobs: list[bytes]) -> list[str]:
    """What ``git hash-object --stdin`` says for each blob (hashlib's answer where git is missing)."""
    if not HAVE_GIT:
        return [hashlib.sha1(b"blob %d\0" % len(b) + b).hexdigest() for b in blobs]
    with Sandbox() as box:
        return [box.git("hash-object", "--stdin", input=b, cwd=box.root).strip() for b in blobs]


def _near_misses(data: bytes) -> dict[str, str]:
    """Plausible wrong ids for ``data``, each with what it gets wrong."""
    sha = lambda b: hashlib.sha1(b).hexdigest()          # noqa: E731
    misses = {sha(data): "is the SHA-1 of the content alone: git hashes the object, "
                         "which is more than the file's bytes"}
    misses[sha(b"blob %d" % len(data) + data)] = ("has a header that does not end the way git's does: "
                                                   "look at the byte between the length and the content")
    misses[sha(b"blob %d\n" % len(data) + data)] = misses[sha(b"blob %d" % len(data) + data)]
    misses[sha(b"blob %d \0" % len(data) + data)] = misses[sha(b"blob %d" % len(data) + data)]
    for off in (-1, 1):
        misses[sha(b"blob %d\0" % (len(data) + off) + data)] = ("has a header whose length is off by "
                                                                  "one: it is the content's length in bytes")
    misses[sha(b"blob %x\0" % len(data) + data)] = ("has the length in hexadecimal: git writes it in "
                                                     "decimal digits")
    misses[sha(zlib.compress(b"blob %d\0" % len(data) + data))] = (
        "hashes the compressed object: git hashes the header and content before compressing them")
    try:
        chars = len(data.decode("utf-8"))
    except UnicodeDecodeError:
        chars = None
    if chars is not None and chars != len(data):
        misses[sha(b"blob %d\0" % chars + data)] = ("has the wrong length in its header: it counts "
                                                     "characters, not bytes")
    return misses


def _hidden_blobs() -> list[bytes]:
    """Random inputs the feedback never prints in full, so a table of the visible ones fails."""
    rng = random.Random()
    return [rng.randbytes(rng.randrange(10, 300)) for _ in range(3)]


@checker
def check_blob_id(blob_id):
    expect(blob_id is not ..., "`blob_id` is still `...`: define a function `blob_id(data)`.")
    expect(callable(blob_id), f"`blob_id` should be a function, but it is {type(blob_id).__name__}: "
                              f"{blob_id!r:.60}.")
    hidden = _hidden_blobs()
    blobs = _BLOBS + hidden
    ids = _git_ids(blobs)
    for data, want in zip(blobs, ids):
        if any(data is h for h in hidden):
            shown = f"<a random input of {len(data)} bytes, starting {data[:4]!r}>"
        else:
            shown = repr(data) if len(data) <= 24 else repr(data[:16])[:-1] + f"...' ({len(data)} bytes)"
        got = _guarded_call(blob_id, data, name=f"blob_id({shown})")
        if isinstance(got, (bytes, bytearray)) and len(got) == 20:
            raise NotYet(f"blob_id({shown}) returned 20 raw bytes: return the id as git prints it, "
                         "40 hex digits in a str.")
        expect(isinstance(got, str), f"blob_id({shown}) should return a str of 40 hex digits, "
                                     f"got {type(got).__name__}.")
        got = str.__str__(got)          # a plain str: a subclass cannot bend == or strip()
        expect(got == got.strip() or not re.fullmatch(r"[0-9a-f]{40}", got.strip()),
               f"blob_id({shown}) returned {got!r}: the 40 hex digits have whitespace around them; "
               "return the digits alone.")
        if re.fullmatch(r"[0-9a-f]{64}", got):
            raise NotYet(f"blob_id({shown}) returned 64 hex digits: that is a SHA-256 digest; "
                         "git ids here are SHA-1, 40 hex digits.")
        expect(re.fullmatch(r"[0-9a-f]{40}", got),
               f"blob_id({shown}) returned {got[:50]!r}{'...' if len(got) > 50 else ''} "
               f"({len(got)} characters): expected 40 lowercase hex digits.")
        if got != want:
            why = _near_misses(data).get(got, "differs from git's")
            raise NotYet(f"blob_id({shown}) {why} (git hash-object gives {want[:7]}..., "
                         f"you gave {got[:7]}...).")
    source = "`git hash-object`" if HAVE_GIT else f"git's recipe ({gitlab.NO_GIT}, so git was not asked)"
    return (f"your ids match {source} on {len(blobs)} inputs, empty, binary, non-ASCII and "
            "random ones included.")


# -- Exercise 2: resolve a conflict --------------------------------------------

BASE = '''def total(prices, tax=0.0):
    """The bill for `prices`, with `tax` added (0.2 is 20 %)."""
    return round(sum(prices) * (1 + tax), 2)
'''
OURS = '''def total(prices, tax=0.0, discount=0.0):
    """The bill for `prices`, `discount` off (0.5 is half price), then `tax` added."""
    return round(sum(prices) * (1 - discount) * (1 + tax), 2)
'''
THEIRS = '''def total(prices, tax=0.0, currency="EUR"):
    """The bill for `prices`, with `tax` added, as text with its currency."""
    return f"{sum(prices) * (1 + tax):.2f} {currency}"
'''
TEST = '''import os, re, sys
from price import total
cases = [((10, 20), {}, "30.00 EUR"), ((10, 20), {"tax": 0.1}, "33.00 EUR"),
         ((10, 20), {"discount": 0.5}, "15.00 EUR"),
         ((10, 20), {"tax": 0.1, "discount": 0.5, "currency": "USD"}, "16.50 USD")]
for args, kwargs, want in cases:
    shown = ", ".join([repr(list(args))] + [f"{k}={v!r}" for k, v in kwargs.items()])
    try:
        got = total(list(args), **kwargs)
    except Exception as exc:
        sys.exit(f"total({shown}) raised {type(exc).__name__}: {exc}")
    if got != want:
        sys.exit(f"total({shown}) returned {got!r}, the test expects {want!r}")
'''
# Appended by the checker only: cases the learner never sees, then the line that proves the
# test ran to its end (a price.py that exits during its import never prints it).
HIDDEN = '''for prices, kwargs in {hidden!r}:
    try:
        got = total(list(prices), **kwargs)
    except Exception as exc:
        sys.exit(f"total() raised {{type(exc).__name__}} on a hidden case (other prices, tax, discount "
                 "and currency)")
    bill = sum(prices) * (1 - kwargs["discount"]) * (1 + kwargs["tax"])
    shape = isinstance(got, str) and re.fullmatch(r"-?[0-9]+[.][0-9]{{2}} [A-Z]{{3}}", got)
    if not (shape and got.endswith(" " + kwargs["currency"]) and abs(float(got.split()[0]) - bill) < 0.0101):
        sys.exit(f"total() returned {{got!r:.40}} on a hidden case (other prices, tax, discount and "
                 "currency), not the bill: compute it from the arguments, not from a table")
print(os.environ["TEST_DONE"])
'''


def _hidden_cases() -> list[tuple[tuple[int, ...], dict]]:
    rng = random.Random()
    return [(tuple(rng.randrange(1, 100) for _ in range(rng.randrange(1, 5))),
             {"tax": rng.choice((0.05, 0.07, 0.2, 0.25)), "discount": rng.choice((0.1, 0.15, 0.3, 0.75)),
              "currency": rng.choice(("GBP", "CHF", "JPY", "SEK"))}) for _ in range(3)]


# git's markers are 7 characters at the start of a line. In a notebook cell, IPython strips a
# leading ">>> " (a pasted prompt) even inside a string, so ">>>>>>> currency" arrives as
# ">>>> currency": lines of 4 or more <, > or | followed by a space or the line's end count too.
MARKER = re.compile(r"^(?:={7}|[<>|]{7}|[<>|]{4,}(?= |$))", re.M)


def conflicted_merge(box: Sandbox) -> str:
    """Build the exercise's history in ``box``, merge `currency` into `main`; return the conflicted file."""
    git = box.git
    git("init", "-q")
    box.write("price.py", BASE)
    box.write("test_price.py", TEST)
    git("add", ".")
    git("commit", "-q", "-m", "Add total() and its test")
    git("checkout", "-q", "-b", "currency")
    box.write("price.py", THEIRS)
    git("commit", "-q", "-am", "Show the currency")
    git("checkout", "-q", "main")
    box.write("price.py", OURS)
    git("commit", "-q", "-am", "Add a discount")
    merge = box.run("merge", "-m", "Merge currency", "currency", check=False)
    if merge.returncode == 0:
        raise GitError(("merge",), 0, "the merge did not conflict")
    return (box.repo / "price.py").read_text(encoding="utf-8")


def conflict_text() -> str:
    """The conflicted ``price.py`` the exercise starts from, as git writes it."""
    if not HAVE_GIT:
        return "(git is not installed: the conflicted file cannot be made here)"
    with Sandbox() as box:
        return conflicted_merge(box)


@checker
def check_resolution(resolved):
    expect(resolved is not ..., "`resolved_price_py` is still `...`: set it to the text of the resolved file.")
    expect(isinstance(resolved, str), f"`resolved_price_py` should be a str (the whole file), "
                                      f"got {type(resolved).__name__}.")
    found = MARKER.search(resolved)
    if found:
        line = resolved.count("\n", 0, found.start()) + 1
        raise NotYet(f"your file still holds conflict markers (<<<<<<<, =======, >>>>>>>), on line {line} "
                     "first: a resolved file has none of them.")
    text = resolved.strip()
    expect(text != OURS.strip(), "that is main's side only: taking one side drops the `currency` "
                                 "branch's change, and the test needs both.")
    expect(text != THEIRS.strip(), "that is the `currency` branch's side only: taking one side drops "
                                   "main's discount, and the test needs both.")
    try:
        compile(resolved, "price.py", "exec")
    except SyntaxError as exc:
        raise NotYet(f"your price.py does not compile: SyntaxError on line {exc.lineno}: {exc.msg}.") from None
    expect(HAVE_GIT, f"{gitlab.NO_GIT}, so the merge cannot be completed and tested here.")
    with Sandbox() as box:
        conflicted_merge(box)
        box.write("price.py", resolved if resolved.endswith("\n") else resolved + "\n")
        box.git("add", "price.py")
        box.git("commit", "-q", "-m", "Merge currency")
        parents = box.git("rev-list", "--parents", "-n", "1", "HEAD").split()[1:]
        expect(len(parents) == 2, f"the merge commit should have 2 parents, it has {len(parents)}.")
        box.write("test_price.py", TEST + HIDDEN.format(hidden=_hidden_cases()))   # after the commit
        done = f"test finished {random.randrange(10**12)}"
        try:
            test = subprocess.run([sys.executable, "-B", "test_price.py"], cwd=box.repo, capture_output=True,
                                  text=True, timeout=10, env={**os.environ, "TEST_DONE": done})
        except subprocess.TimeoutExpired:
            raise NotYet("test_price.py did not finish within 10 s: does importing your price.py "
                         "run an endless loop?") from None
    if test.returncode == 0 and done not in test.stdout:
        raise NotYet("test_price.py stopped before its last check, with exit status 0: something in "
                     "your price.py ends the program (sys.exit() or os._exit()?) while the test imports it.")
    if test.returncode != 0:
        reason = (test.stderr.strip().splitlines() or ["no message"])[-1]
        reason = reason.replace(str(box.root), "<sandbox>")
        raise NotYet(f"the merge completed, but test_price.py failed: {reason[:200]}.")
    return "the merge commit has both parents, no markers, and test_price.py passes."
