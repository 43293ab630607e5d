"""Exercise checkers that explain, and never crash.

A checker is a function decorated with :func:`checker`. It inspects the
learner's answer, raises :class:`NotYet` with a specific message when something
is wrong, and returns a short message when all is right::

    @checker
    def check_double(double):
        expect(callable(double), "define a function `double(x)`.")
        got = call(double, 21)
        expect(got == 42, f"double(21) should be 42, got {got!r}.")
        return "double works."

Calling the checker returns a :class:`Feedback`, shown in the notebook as
``✅ Correct: ...`` or ``❌ Not yet: ...``. An exception raised by the
learner's code is turned into a sentence that names it; the checker's caller
never sees a traceback.
"""
from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass
from typing import Any, Callable


WIDTH = 76


class NotYet(Exception):
    """Raised inside a checker: the answer is not right yet; the text says why."""


@dataclass(frozen=True)
class Feedback:
    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        text = ("✅ Correct: " if self.ok else "❌ Not yet: ") + self.message
        # wrapped to fit a notebook's output area and the book's column
        return textwrap.fill(text, width=WIDTH, subsequent_indent="   ",
                             break_long_words=False, break_on_hyphens=False)

    __str__ = __repr__


def expect(condition: Any, message: str) -> None:
    """Raise :class:`NotYet` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise NotYet(message)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def call(func: Any, *args: Any, name: str | None = None, **kwargs: Any) -> Any:
    """Call the learner's ``func``; turn any exception into a :class:`NotYet`.

    A function that still raises ``NotImplementedError`` is reported as an
    unfinished stub rather than as an error.
    """
    label = name or getattr(func, "__name__", "your function")
    if not callable(func):
        raise NotYet(f"`{label}` should be a function, but it is {type(func).__name__}: {func!r:.60}.")
    try:
        return func(*args, **kwargs)
    except NotImplementedError:
        raise NotYet(f"`{label}` is still the stub: replace `raise NotImplementedError` with your code.") from None
    except Exception as exc:  # the learner's bug, reported as feedback
        raise NotYet(f"calling `{label}` raised {_describe(exc)}.") from None


def checker(func: Callable[..., str | None]) -> Callable[..., Feedback]:
    """Make ``func`` a checker: its result or :class:`NotYet` becomes :class:`Feedback`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Feedback:
        try:
            message = func(*args, **kwargs)
        except NotYet as exc:
            return Feedback(False, str(exc))
        except Exception as exc:  # an answer of a shape the checker did not foresee
            return Feedback(False, f"your answer could not be checked ({_describe(exc)}); "
                                   "look at its type and shape against the task.")
        return Feedback(True, message or "well done.")

    return wrapper
