"""Wrong and malformed answers for every exercise, one module per chapter.

Each chapter module (named after the chapter id, ``internet.py`` for
``01-internet``) defines ``CASES``: one :class:`Case` per exercise, in the
order of the notebook's cells tagged ``solution``. ``tests/test_robustness.py``
runs the notebook in a kernel, then for each case executes, in that kernel:

- the notebook's own solution cell, then ``check``: the feedback must start
  with "✅ Correct";
- ``wrong`` (the plausible mistake that misses the exercise's point: the
  transfer with no transaction, the page with no ORDER BY), then ``check``:
  "❌ Not yet", and the message must contain ``wrong_says``;
- each of ``more_wrong``, pairs of (code, fragment): other plausible mistakes
  a learner makes, each rejected with a message containing its fragment;
- ``malformed`` (an answer of the wrong shape or one that crashes), then
  ``check``: "❌ Not yet", containing ``malformed_says``, and no traceback.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    check: str            # the expression the notebook's check cell evaluates
    wrong: str            # code defining a plausible wrong answer
    wrong_says: str       # a fragment the feedback must contain
    malformed: str        # code defining a malformed or crashing answer
    malformed_says: str
    more_wrong: tuple[tuple[str, str], ...] = ()   # (code, fragment) pairs


def cases_for(chapter: str) -> list[Case]:
    """``cases_for("01-internet")`` -> the ``CASES`` of ``internet.py``."""
    module = importlib.import_module(f"exercise_cases.{chapter.split('-', 1)[1].replace('-', '_')}")
    return module.CASES
