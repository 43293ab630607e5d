"""Checkers for chapter 14, clean code and best practices.

- :func:`check_late_orders` gives the learner's ``LateOrders(repository, clock)`` a
  fake repository and a fake clock set in 2031 (so the computer's own date gives
  other answers), counts the calls each fake receives, moves the clock a day, then
  changes the repository's orders, between calls of ``overdue()``: the report must
  read both dependencies it was given, at the time of the call. A second shop, with
  other orders and another date, catches an answer written for the first one.
- :func:`check_date_range` checks the learner's ``DateRange(start, end)`` value
  object: equality and hashing by value, no change after creation, a refused empty
  or reversed range, and ``overlaps`` on ranges that touch, nest or are apart. The
  learner's ``__eq__``, ``__hash__`` and ``__setattr__`` run under the same 2 s limit
  as the other calls, so a loop that never ends becomes feedback.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coursekit.checks import NotYet, TimeLimit, TooSlow, call, checker, expect, time_limit


def _guarded(label: str, func, *args):
    """Run the learner's code under a 2 s limit: ``(result, None)`` or ``(None, exception)``.

    A loop that never ends and a ``BaseException`` (``SystemExit``, ``KeyboardInterrupt``)
    become feedback naming ``label``, not a hang or a traceback.
    """
    try:
        with time_limit(2):
            return func(*args), None
    except Exception as exc:
        return None, exc
    except TimeLimit:
        raise TooSlow(f"{label} did not finish within 2 s: look for a loop that never ends.", 2) from None
    except BaseException as exc:  # SystemExit, KeyboardInterrupt: feedback, not a traceback
        raise NotYet(f"{label} raised {type(exc).__name__}; return a result or raise an Exception.") from None


def _value(label: str, func, *args):
    """The result of the learner's code; an exception it raised becomes feedback."""
    result, exc = _guarded(label, func, *args)
    if exc is not None:
        raise NotYet(f"{label} raised {type(exc).__name__}: {exc}.")
    return result


# --- Exercise 1: inject the repository and the clock -------------------------

@dataclass(frozen=True)
class Placed:
    id: int
    placed_on: date
    paid: bool


class _Clock:
    def __init__(self, today: date):
        self.now, self.calls = today, 0

    def today(self) -> date:
        self.calls += 1
        return self.now


class _Repository:
    def __init__(self, orders):
        self.orders, self.calls = list(orders), 0

    def all(self):
        self.calls += 1
        return list(self.orders)


_TODAY = date(2031, 3, 10)
# (id, days before _TODAY, paid), listed out of id order on purpose
_ORDERS = [(41, 30, False), (7, 8, False), (23, 7, False), (15, 20, True), (3, 2, False),
           (58, 9, False), (12, 0, False)]
# a second shop, across a year boundary: a report that ignores all()'s answer fails here
_TODAY2 = date(2030, 1, 4)
_ORDERS2 = [(5, 8, False), (90, 40, False), (17, 1, False), (33, 15, True), (71, 10, False)]


def _shop(orders, today: date) -> _Repository:
    return _Repository(Placed(i, today - timedelta(days), paid) for i, days, paid in orders)


def _expected(repository: _Repository, today: date) -> list[int]:
    return sorted(o.id for o in repository.orders if not o.paid and (today - o.placed_on).days > 7)


def _ids(got, when: date) -> list:
    expect(isinstance(got, (list, tuple)), f"on {when}, overdue() returned {type(got).__name__}: "
                                           "return a list of order ids.")
    ids = _value(f"on {when}, reading the ids overdue() returned", list, got)
    odd = next((i for i in ids if not isinstance(i, int) or isinstance(i, bool)), None)
    expect(odd is None, f"on {when}, overdue() returned a list holding {type(odd).__name__} items: "
                        "return the ids (ints) of the late orders, not the records.")
    return ids


def _overdue(report, when: date) -> list:
    return _ids(call(report.overdue, name="overdue", seconds=2), when)


@checker
def check_late_orders(LateOrders):
    expect(isinstance(LateOrders, type), f"`LateOrders` should be a class, but it is "
                                         f"{type(LateOrders).__name__}.")
    repository, clock = _shop(_ORDERS, _TODAY), _Clock(_TODAY)
    report = call(LateOrders, repository, clock, name="LateOrders", seconds=2)
    expect(callable(_value("reading `overdue` on a LateOrders object", getattr, report, "overdue", None)),
           "a LateOrders object needs a method `overdue()`.")
    got = _overdue(report, _TODAY)
    expect(repository.calls > 0, "overdue() never called all() on the repository it was given: "
                                 "its orders must come from that repository.")
    expect(clock.calls > 0, f"with a clock whose today() is {_TODAY}, overdue() never asked the "
                            "clock it was given; a test cannot control the computer's own date.")
    expect(15 not in got, "order 15 is paid, and a paid order is not late.")
    expect(23 not in got, f"order 23 was placed exactly 7 days before {_TODAY}: 'more than 7 days' "
                          "leaves it out.")
    expected = _expected(repository, _TODAY)
    expect(sorted(got) == expected, f"with today {_TODAY}, expected {len(expected)} overdue orders, "
                                    f"got {len(got)}: {got}.")
    expect(got == expected, f"the ids should be sorted, got {got}.")
    clock.now = _TODAY + timedelta(days=1)
    moved = _overdue(report, clock.now)
    expect(moved == _expected(repository, clock.now), f"after the clock moved to {clock.now}, overdue() gave "
                                                      f"{moved}: it should read today's date at each call, "
                                                      "not once when the report was made.")
    repository.orders = [Placed(o.id, o.placed_on, True) if o.id == 41 else o for o in repository.orders]
    repository.orders.append(Placed(64, clock.now - timedelta(12), False))
    changed = _overdue(report, clock.now)
    expect(changed == _expected(repository, clock.now),
           f"after order 64 (placed {clock.now - timedelta(12)}, unpaid) was added and order 41 was paid, "
           f"overdue() gave {changed}: it should read the repository at each call, not keep the "
           "orders of an earlier one.")
    other, other_clock = _shop(_ORDERS2, _TODAY2), _Clock(_TODAY2)
    second = _overdue(call(LateOrders, other, other_clock, name="LateOrders", seconds=2), _TODAY2)
    want = _expected(other, _TODAY2)
    expect(second == want, f"with another repository ({len(_ORDERS2)} orders) and a clock at {_TODAY2}, "
                           f"expected {len(want)} overdue orders, got {len(second)}: {second}; the "
                           "result must come from the orders all() returns.")
    return (f"the report read the injected repository and clock: {len(got)} late orders on {_TODAY}, "
            f"{len(moved)} a day later, {len(changed)} after the repository changed, and "
            f"{len(second)} in another shop.")


# --- Exercise 2: a DateRange value object --------------------------------------

_START = date(2030, 5, 1)


def _range(DateRange, start, days):
    end = start + timedelta(days)
    made, exc = _guarded(f"DateRange({start}, {end})", DateRange, start, end)
    if isinstance(exc, NotImplementedError):
        raise NotYet("`DateRange` is still the stub: replace `raise NotImplementedError` with your code.")
    if isinstance(exc, ValueError):
        raise NotYet(f"DateRange({start}, {end}) raised ValueError, but that range is valid: its end "
                     f"is {days} day{'s' if days > 1 else ''} after its start.")
    if exc is not None:
        raise NotYet(f"calling `DateRange` with ({start}, {end}) raised {type(exc).__name__}: {exc}.")
    return made


def _refused(DateRange, start, end) -> bool:
    _, exc = _guarded(f"DateRange({start}, {end})", DateRange, start, end)
    if exc is not None and not isinstance(exc, ValueError):  # the wrong exception: say which
        raise NotYet(f"DateRange({start}, {end}) raised {type(exc).__name__}; raise a ValueError.")
    return exc is not None


@checker
def check_date_range(DateRange):
    expect(isinstance(DateRange, type), f"`DateRange` should be a class, but it is "
                                        f"{type(DateRange).__name__}.")
    week, same = _range(DateRange, _START, 7), _range(DateRange, _START, 7)
    dates = _value("reading `start` and `end`",
                   lambda: (getattr(week, "start", None), getattr(week, "end", None)))
    expect(dates == (_START, _START + timedelta(7)), "keep the dates in attributes `start` and `end`.")
    equal = lambda a, b: a == b                     # noqa: E731  (the learner's __eq__)
    expect(_value("comparing two DateRanges with ==", equal, week, same),
           f"DateRange({_START}, {_START + timedelta(7)}) built twice compared unequal: a value "
           "object is equal to another with the same values.")
    expect(not _value("comparing two DateRanges with ==", equal, week, _range(DateRange, _START, 8)),
           "two ranges with different ends compared equal.")
    for field in ("start", "end"):
        target = _range(DateRange, _START, 7)
        if _guarded(f"setting `{field}`", setattr, target, field, _START + timedelta(30))[1] is not None:
            continue
        raise NotYet(f"setting `{field}` on a DateRange worked: a value object cannot be changed "
                     "after it was created (everyone holding it would see the change).")
    members, exc = _guarded("putting two DateRanges in a set", lambda: len({week, same}))
    if isinstance(exc, TypeError):
        raise NotYet("a DateRange cannot go in a set or be a dict key (it is unhashable): "
                     "equal values need equal hashes.")
    if exc is not None:
        raise NotYet(f"putting two DateRanges in a set raised {type(exc).__name__}: {exc}.")
    expect(members == 1, "two equal ranges made two set members: their hashes differ.")
    expect(_refused(DateRange, _START, _START - timedelta(1)),
           f"DateRange({_START}, {_START - timedelta(1)}) was accepted: a range cannot end before it starts.")
    expect(_refused(DateRange, _START, _START),
           f"DateRange({_START}, {_START}) was accepted: its end must be after its start.")
    expect(callable(getattr(week, "overlaps", None)), "a DateRange needs a method `overlaps(other)`.")
    cases = [(0, 7, True, "the same range"), (6, 3, True, "a range sharing the last day"),
             (2, 1, True, "a range inside it"), (-30, 60, True, "a range around it"),
             (7, 3, False, "a range starting on its (excluded) end"),
             (-5, 5, False, "a range ending on its start"), (20, 3, False, "a later range")]
    for offset, days, want, what in cases:
        other = _range(DateRange, _START + timedelta(offset), days)
        for a, b, swapped in ((week, other, ""), (other, week, "; the same pair, the other way round")):
            got = call(a.overlaps, b, name="overlaps", seconds=2)
            expect(got is want or got == want and isinstance(got, bool),
                   f"{a.start}..{a.end} overlaps {b.start}..{b.end} ({what}{swapped}): expected {want}, "
                   f"got {got!r}.")
    return "equal by value, hashable, unchangeable, refusing empty ranges, and overlaps is right."
