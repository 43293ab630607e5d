"""Wrong and malformed answers for the exercises of 13-system-design."""
from exercise_cases import Case

_BACKOFF = ('def backoff_delays(attempts, base, cap, rng):\n'
            '    return [{delay} for i in range(attempts)]\n')

_COMPARE = ('def compare(a, b):\n'
            '{body}')

CASES = [
    Case(
        check="check_backoff_delays(backoff_delays)",
        # misses the point: capped exponential backoff with no jitter
        wrong=_BACKOFF.format(delay="min(cap, base * 2 ** i)"),
        wrong_says="Add jitter",
        malformed="def backoff_delays(attempts, base, cap, rng):\n    return None\n",
        malformed_says="should return a list",
        more_wrong=(
            # no cap
            (_BACKOFF.format(delay="rng.uniform(0, base * 2 ** i)"), "above its ceiling"),
            # the module's random instead of the rng passed in
            ('import random as _r\n' + _BACKOFF.format(delay="_r.uniform(0, min(cap, base * 2 ** i))"),
             "same seed"),
            # jitter added on top of the exponential delay
            (_BACKOFF.format(delay="min(cap, base * 2 ** i) + rng.uniform(0, base)"), "above its ceiling"),
            # "equal jitter": half fixed, half random, so never near 0
            (_BACKOFF.format(delay="min(cap, base * 2 ** i) / 2 + rng.uniform(0, min(cap, base * 2 ** i) / 2)"),
             "whole range"),
            # jitter that does not grow: always up to base
            (_BACKOFF.format(delay="rng.uniform(0, base)"), "far below its ceiling"),
            # one delay too few
            (_BACKOFF.format(delay="rng.uniform(0, min(cap, base * 2 ** i))").replace(
                "range(attempts)", "range(attempts - 1)"), "one per attempt"),
            ('def backoff_delays(attempts, base, cap, rng):\n    raise SystemExit(1)\n', "raised SystemExit"),
            # the solve report's accepted-wrong answers, now rejected:
            # base and cap hard-coded to the values of the first call
            (_BACKOFF.format(delay="rng.uniform(0, min(2.0, 0.1 * 2 ** i))"), "attempts=3, base=1.0, cap=0.5"),
            # eight delays whatever `attempts` says
            (_BACKOFF.format(delay="rng.uniform(0, min(cap, base * 2 ** i))").replace(
                "range(attempts)", "range(8)"), "backoff_delays(0,"),
            # the first delay left uncapped: wrong when the cap is below the base
            (_BACKOFF.format(delay="rng.uniform(0, base if i == 0 else min(cap, base * 2 ** i))"),
             "above its ceiling of 0.5 s"),
            # a first delay even with no failed attempt
            ('def backoff_delays(attempts, base, cap, rng):\n'
             '    return [rng.uniform(0, min(cap, base))] + [rng.uniform(0, min(cap, base * 2 ** i))'
             ' for i in range(1, attempts)]\n', "expected one per attempt, 0"),
            # in range, with the right mean, but not uniform
            (_BACKOFF.format(delay="rng.triangular(0, min(cap, base * 2 ** i))"), "each fifth of the range"),
            # a generator of its own, ignoring the rng passed in
            ('import random as _r\n' + _BACKOFF.format(delay="_r.Random(13).uniform(0, min(cap, base * 2 ** i))"),
             "from the `rng` passed in"),
        ),
    ),
    Case(
        check="check_compare_clocks(compare)",
        # misses the point: compares the sums, as if vector clocks were Lamport timestamps
        wrong=_COMPARE.format(body=(
            '    sa, sb = sum(a.values()), sum(b.values())\n'
            '    return "equal" if sa == sb else "before" if sa < sb else "after"\n')),
        wrong_says="neither saw the other",
        malformed="def compare(a, b):\n    return sum(a.values()) < sum(b.values())\n",
        malformed_says="should return one of",
        more_wrong=(
            # a missing node raises KeyError
            (_COMPARE.format(body=(
                '    le = all(a[n] <= b[n] for n in a) and all(a[n] <= b[n] for n in b)\n'
                '    ge = all(a[n] >= b[n] for n in a) and all(a[n] >= b[n] for n in b)\n'
                '    return "equal" if le and ge else "before" if le else "after" if ge else "concurrent"\n')),
             "KeyError"),
            # looks only at the nodes of the first clock
            (_COMPARE.format(body=(
                '    le = all(v <= b.get(n, 0) for n, v in a.items())\n'
                '    ge = all(v >= b.get(n, 0) for n, v in a.items())\n'
                '    return "equal" if le and ge else "before" if le else "after" if ge else "concurrent"\n')),
             "missing from a clock counts as 0"),
            # equal clocks reported as "before"
            (_COMPARE.format(body=(
                '    nodes = set(a) | set(b)\n'
                '    le = all(a.get(n, 0) <= b.get(n, 0) for n in nodes)\n'
                '    ge = all(a.get(n, 0) >= b.get(n, 0) for n in nodes)\n'
                '    return "before" if le else "after" if ge else "concurrent"\n')),
             "returned 'before'"),
            # strict comparison on every node: an unchanged node makes it "concurrent"
            (_COMPARE.format(body=(
                '    nodes = set(a) | set(b)\n'
                '    if all(a.get(n, 0) == b.get(n, 0) for n in nodes): return "equal"\n'
                '    if all(a.get(n, 0) < b.get(n, 0) for n in nodes): return "before"\n'
                '    if all(a.get(n, 0) > b.get(n, 0) for n in nodes): return "after"\n'
                '    return "concurrent"\n')),
             "returned 'concurrent'"),
            ('def compare(a, b):\n    raise SystemExit(1)\n', "raised SystemExit"),
            # the solve report's accepted-wrong answers, now rejected:
            # min() over the nodes fails for two empty clocks
            (_COMPARE.format(body=(
                '    nodes = set(a) | set(b)\n'
                '    lo = min(b.get(n, 0) - a.get(n, 0) for n in nodes)\n'
                '    hi = max(b.get(n, 0) - a.get(n, 0) for n in nodes)\n'
                '    if lo == hi == 0: return "equal"\n'
                '    return "before" if lo >= 0 else "after" if hi <= 0 else "concurrent"\n')),
             "compare({}, {})"),
            # fills in missing nodes in the caller's dicts
            (_COMPARE.format(body=(
                '    for n in b: a.setdefault(n, 0)\n'
                '    for n in a: b.setdefault(n, 0)\n'
                '    le = all(a[n] <= b[n] for n in a)\n'
                '    ge = all(a[n] >= b[n] for n in a)\n'
                '    return "equal" if le and ge else "before" if le else "after" if ge else "concurrent"\n')),
             "changed the clocks it was given"),
            # before and after swapped
            (_COMPARE.format(body=(
                '    nodes = set(a) | set(b)\n'
                '    le = all(a.get(n, 0) <= b.get(n, 0) for n in nodes)\n'
                '    ge = all(a.get(n, 0) >= b.get(n, 0) for n in nodes)\n'
                '    return "equal" if le and ge else "after" if le else "before" if ge else "concurrent"\n')),
             "so it came first"),
        ),
    ),
]
