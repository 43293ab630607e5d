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

``call(func, ..., seconds=2)`` also puts a time limit on the learner's code (see
:func:`time_limit`): an endless loop ends with a :class:`TooSlow` message
instead of a cell that never returns, and ``SystemExit`` or
``KeyboardInterrupt`` raised by the learner's code becomes an :class:`Escaped`
message. Both are :class:`NotYet`, so a checker may pass them on as they are or
catch them to word the feedback its own way.
"""
from __future__ import annotations

import contextlib
import functools
import os
import sys
import sysconfig
import textwrap
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator


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


class TimeLimit(BaseException):
    """Raised inside the learner's code by :func:`time_limit` once its time is up.

    A ``BaseException``, so that the learner's ``except Exception`` cannot swallow it.
    """


class TooSlow(NotYet):
    """:func:`call` with ``seconds``: the learner's function did not return in time."""

    def __init__(self, message: str, seconds: float):
        super().__init__(message)
        self.seconds = seconds


class Escaped(NotYet):
    """:func:`call` with ``seconds``: the learner's function raised ``SystemExit``,
    ``KeyboardInterrupt`` or another ``BaseException``; ``exc`` is that exception."""

    def __init__(self, message: str, exc: BaseException):
        super().__init__(message)
        self.exc = exc


# Code in these folders is not the learner's: the time limit does not trace it, so
# libraries (boto3, moto, psycopg, ...) and coursekit itself run at full speed.
_LIBRARIES = tuple({os.path.join(path, "") for path in (
    sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"],
    sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
    os.path.dirname(os.path.abspath(__file__)))})


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimit` in the learner's Python code once ``seconds`` have passed.

    A ``sys.settrace`` function checks the clock at each opcode of the learner's
    own frames (opcodes, not lines: ``while True: pass`` sends no line events).
    Frames of the standard library, of installed packages and of coursekit are not
    traced. A loop inside C code, or inside a library, is not interrupted. The trace
    function in place before (a debugger's, coverage's) is restored on the way out.
    """
    deadline = time.monotonic() + seconds
    previous = sys.gettrace()

    def tracer(frame, event, arg):
        if event == "call":
            if frame.f_code.co_filename.startswith(_LIBRARIES):
                return None
            frame.f_trace_opcodes = True
        if time.monotonic() > deadline:
            raise TimeLimit
        return tracer

    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)


def call(func: Any, *args: Any, name: str | None = None, seconds: float | None = None,
         **kwargs: Any) -> Any:
    """Call the learner's ``func``; turn any exception into a :class:`NotYet`.

    A function that still raises ``NotImplementedError`` is reported as an
    unfinished stub rather than as an error.

    With ``seconds``, the call runs under :func:`time_limit`: a call still running
    after ``seconds`` raises :class:`TooSlow`, and a ``BaseException`` that is not an
    ``Exception`` (``SystemExit``, ``KeyboardInterrupt``) raises :class:`Escaped`,
    both :class:`NotYet` with a message for the learner. Without ``seconds`` these
    pass through unchanged.
    """
    label = name or getattr(func, "__name__", "your function")
    if not callable(func):
        raise NotYet(f"`{label}` should be a function, but it is {type(func).__name__}: {func!r:.60}.")
    limit = contextlib.nullcontext() if seconds is None else time_limit(seconds)
    try:
        with limit:
            return func(*args, **kwargs)
    except NotImplementedError:
        raise NotYet(f"`{label}` is still the stub: replace `raise NotImplementedError` with your code.") from None
    except Exception as exc:  # the learner's bug, reported as feedback
        raise NotYet(f"calling `{label}` raised {_describe(exc)}.") from None
    except TimeLimit:
        if seconds is None:   # someone else's limit: theirs to report
            raise
        raise TooSlow(f"`{label}` did not return within {seconds:.0f} s: look for a loop that "
                      "never ends.", seconds) from None
    except BaseException as exc:  # SystemExit, KeyboardInterrupt: feedback, not a traceback
        if seconds is None:
            raise
        raise Escaped(f"calling `{label}` raised {_describe(exc)}; a function should return "
                      "its result.", exc) from None


def call_as(label: str, func: Any, *args: Any, seconds: float = 2.0,
            on_escape: str = "return the result instead.") -> Any:
    """:func:`call` under a time limit, its feedback prefixed with ``label`` (which input
    failed, e.g. ``"for key 'a'"``); a stub's feedback stays as it is."""
    try:
        return call(func, *args, seconds=seconds)
    except Escaped as exc:
        raise NotYet(f"{label}: calling `{getattr(func, '__name__', 'your function')}` raised "
                     f"{type(exc.exc).__name__}; {on_escape}") from None
    except NotYet as exc:
        if "still the stub" in str(exc):
            raise
        raise NotYet(f"{label}: {exc}") from None


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
