"""Wrong and malformed answers for the exercises of 14-clean-code."""
from exercise_cases import Case

_LATE = ("class LateOrders:\n"
         "    def __init__(self, repository, clock):\n"
         "        self.repository, self.clock = repository, clock\n"
         "{init}"
         "    def overdue(self):\n"
         "        today = {today}\n"
         "        return {wrap}(o.id for o in {orders} if {cond})\n")


def _late(init="", today="self.clock.today()", wrap="sorted", orders="self.repository.all()",
          cond="not o.paid and (today - o.placed_on).days > 7"):
    return _LATE.format(init=init, today=today, wrap=wrap, orders=orders, cond=cond)


_RANGE = ("{decorator}"
          "class DateRange:\n"
          "    start: date\n"
          "    end: date\n"
          "    def __post_init__(self):\n"
          "        if {refuse}:\n"
          "            raise ValueError('not a range')\n"
          "    def overlaps(self, other):\n"
          "        return {overlap}\n")


def _range(decorator="@dataclass(frozen=True)\n", refuse="not self.end > self.start",
           overlap="self.start < other.end and other.start < self.end"):
    return _RANGE.format(decorator=decorator, refuse=refuse, overlap=overlap)


CASES = [
    Case(
        check="check_late_orders(LateOrders)",
        # misses the point: the clock is injected, but the report reads the computer's date
        wrong=_late(today="date.today()"),
        wrong_says="never asked the clock",
        malformed="LateOrders = 42\n",
        malformed_says="should be a class",
        more_wrong=(
            # the date read once, in the constructor: a test cannot move the clock afterwards
            (_late(init="        self.today = clock.today()\n", today="self.today"),
             "after the clock moved"),
            # the repository ignored: orders from somewhere else (here, none)
            (_late(orders="[]"), "never called all()"),
            # 7 days counted as late
            (_late(cond="not o.paid and (today - o.placed_on).days >= 7"), "exactly 7 days"),
            # paid orders listed too
            (_late(cond="(today - o.placed_on).days > 7"), "is paid"),
            # not sorted: the repository's order
            (_late(wrap="list"), "should be sorted"),
            # a set instead of a list
            (_late(wrap="set"), "return a list"),
            # a crash inside overdue()
            (_late(today="1 / 0"), "raised ZeroDivisionError"),
            # the orders read once, in the constructor: a stale snapshot of the repository
            (_late(init="        self.orders = repository.all()\n", orders="self.orders"),
             "read the repository at each call"),
            # the orders read on the first call, then cached
            (_late(init="        self.cache = None\n",
                   orders="(self.cache if self.cache is not None else "
                          "self.__dict__.update(cache=self.repository.all()) or self.cache)"),
             "read the repository at each call"),
            # all() called and ignored, the answer hard-coded from earlier feedback
            (_late(today="(self.repository.all(), self.clock.today())[1]",
                   wrap="(lambda ids: [7, 41, 58] if today == date(2031, 3, 10) else [7, 23, 41, 58])",
                   orders="[]"),
             "read the repository at each call"),
            # the records returned, sorted by id, instead of their ids
            ("class LateOrders:\n"
             "    def __init__(self, repository, clock):\n"
             "        self.repository, self.clock = repository, clock\n"
             "    def overdue(self):\n"
             "        today = self.clock.today()\n"
             "        return sorted((o for o in self.repository.all()\n"
             "                       if not o.paid and (today - o.placed_on).days > 7), key=lambda o: o.id)\n",
             "not the records"),
        ),
    ),
    Case(
        check="check_date_range(DateRange)",
        # misses the point of a value object: equality by identity
        wrong=("class DateRange:\n"
               "    def __init__(self, start, end):\n"
               "        if not end > start:\n"
               "            raise ValueError('not a range')\n"
               "        self.start, self.end = start, end\n"
               "    def overlaps(self, other):\n"
               "        return self.start < other.end and other.start < self.end\n"),
        wrong_says="compared unequal",
        malformed="DateRange = '2030-05-01/2030-05-08'\n",
        malformed_says="should be a class",
        more_wrong=(
            # equal by value, but it can be changed
            (_range(decorator="@dataclass\n"), "setting `start` on a DateRange worked"),
            # read-only and equal by value, but __eq__ without __hash__ makes it unhashable
            ("class DateRange:\n"
             "    def __init__(self, start, end):\n"
             "        if not end > start:\n"
             "            raise ValueError('not a range')\n"
             "        self._range = (start, end)\n"
             "    start = property(lambda self: self._range[0])\n"
             "    end = property(lambda self: self._range[1])\n"
             "    def __eq__(self, other):\n"
             "        return isinstance(other, DateRange) and self._range == other._range\n"
             "    def overlaps(self, other):\n"
             "        return self.start < other.end and other.start < self.end\n",
             "unhashable"),
            # no validation at all
            (_range(refuse="False"), "a range cannot end before it starts"),
            # an empty range accepted
            (_range(refuse="self.end < self.start"), "its end must be after its start"),
            # touching ranges counted as overlapping (the end treated as included)
            (_range(overlap="self.start <= other.end and other.start <= self.end"), "(excluded) end"),
            # the wrong exception
            (_range(refuse="not self.end > self.start").replace("ValueError", "TypeError"),
             "raise a ValueError"),
            # a valid one-day range refused
            (_range(refuse="(self.end - self.start).days <= 1"), "but that range is valid"),
            # a loop that never ends in __hash__, then in __eq__: feedback, not a hang
            (_range() + "    def __hash__(self):\n        while True:\n            pass\n",
             "did not finish within 2 s"),
            (_range() + "    def __eq__(self, other):\n        while True:\n            pass\n"
                        "    __hash__ = lambda self: 1\n", "did not finish within 2 s"),
            # __eq__ that calls itself
            (_range() + "    def __eq__(self, other):\n        return self == other\n"
                        "    __hash__ = lambda self: 1\n", "raised RecursionError"),
            # a BaseException from the learner's __eq__
            (_range() + "    def __eq__(self, other):\n        raise SystemExit(1)\n"
                        "    __hash__ = lambda self: 1\n", "raised SystemExit"),
        ),
    ),
]
