"""Checkers for chapter 02, OS and basic machine usage skills.

Both checkers run the learner's code in real threads, under contention, with an
interleaving that they force rather than hope for:

- :func:`check_counter` hands ``Counter`` a ``pause`` hook, called between the
  read and the write of ``increment()``; during its first calls the hook holds a
  thread in that window until a second thread arrives (or a short timeout
  passes), so an answer that lets two threads in at once loses an update on
  every run;
- :func:`check_lock_order` runs two transfers in opposite directions, each
  holding its first lock until the other holds one too or waits for the one it
  holds (the accounts' locks report who waits for them), and gives up on the
  second lock after a timeout: a deadlock is reported, never waited for.
"""
from __future__ import annotations

import threading
import time

from ..checks import NotYet, call, checker, expect

_THREADS = 4
_INCREMENTS = 25


class _Window:
    """The ``pause`` hook: counts the threads between read and write, and holds the first ones there."""

    def __init__(self, hold: float = 0.2, held_calls: int = 2):
        self.counter = None                # set once the Counter exists: pause() reads its value
        self.seen = []
        self._lock = threading.Lock()
        self._met = threading.Event()      # set once two threads were inside at the same time
        self._hold, self._held_calls = hold, held_calls
        self.calls = 0
        self.inside = 0
        self.most = 0

    def __call__(self) -> None:
        with self._lock:
            self.seen.append(getattr(self.counter, "value", None))
            self.calls += 1
            self.inside += 1
            self.most = max(self.most, self.inside)
            if self.inside >= 2:
                self._met.set()
            hold = self.calls <= self._held_calls
        if hold:                           # wait for company; a correct answer pays the timeout a few times
            self._met.wait(self._hold)
        with self._lock:
            self.inside -= 1


def _in_threads(target, count: int, timeout: float, what: str) -> None:
    """Run ``target`` in ``count`` threads started together; report a hang or an error as NotYet.

    A thread that never returns (a lock never released, a plain Lock taken twice by one
    thread) is left behind as a daemon, and the learner is told to restart the kernel.
    """
    start, errors = threading.Barrier(count), []

    def run():
        try:
            start.wait(timeout=5)
            target()
        except Exception as exc:  # the learner's bug, reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, name=f"check-counter-{n}", daemon=True) for n in range(count)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    expect(not any(t.is_alive() for t in threads),
           f"{what} did not return within {timeout:.0f} s: a lock acquired and never released, or a plain "
           f"Lock taken a second time by the thread that holds it? (Restart the kernel to free the "
           f"stuck thread.)")
    expect(not errors, f"{what} raised {type(errors[0]).__name__}: {errors[0]}." if errors else "")


@checker
def check_counter(Counter):
    """``Counter(pause)`` with ``.value`` and a thread-safe ``.increment()``."""
    expect(isinstance(Counter, type),
           f"`Counter` should be a class, but it is {type(Counter).__name__}: {Counter!r:.60}.")
    window = _Window()
    counter = call(Counter, window, name="Counter")
    window.counter = counter
    expect(getattr(counter, "value", None) == 0,
           f"a new Counter(pause) should start with .value == 0, got {getattr(counter, 'value', None)!r}.")
    _in_threads(counter.increment, 1, timeout=3, what="one call to increment(), alone,")
    expect(window.calls == 1,
           f"one call to increment() should call pause() once, between its read and its write; "
           f"it called it {window.calls} times.")
    expect(window.seen == [0], "pause() ran after the write (the value had already changed): call it "
                               "between the read and the write.")
    expect(counter.value == 1, f"after one increment() in one thread, .value should be 1, got {counter.value!r}.")

    window = _Window()
    counter = Counter(window)
    window.counter = counter

    def work():
        for _ in range(_INCREMENTS):
            counter.increment()

    _in_threads(work, _THREADS, timeout=10, what=f"{_THREADS} threads calling increment()")
    expected = _THREADS * _INCREMENTS
    expect(window.calls == expected,
           f"{expected} increments should call pause() {expected} times, between each read and its "
           f"write; it was called {window.calls} times.")
    expect(counter.value == expected,
           f"{_THREADS} threads × {_INCREMENTS} increments should give {expected}, got fewer: updates "
           f"were lost while two threads were between the read and the write at the same time.")
    expect(window.most == 1,
           f"the total was right, but up to {window.most} threads were inside pause() at the same time: "
           f"the result was luck. Call pause() between the read and the write, with the lock held.")
    return (f"{_THREADS} threads × {_INCREMENTS} increments gave {expected}, one thread at a time "
            f"between the read and the write.")


class _Lock:
    """A ``threading.Lock`` that also tells which threads are waiting for it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.waiting = set()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        me = threading.get_ident()
        self.waiting.add(me)
        try:
            return self._lock.acquire(blocking, timeout)
        finally:
            self.waiting.discard(me)

    def release(self) -> None:
        self._lock.release()

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __repr__(self) -> str:
        return "<lock>"


class _Account:
    def __init__(self, number: int, balance: int):
        self.number = number
        self.balance = balance
        self.lock = _Lock()

    def __repr__(self) -> str:
        return f"Account(number={self.number}, balance={self.balance})"


def _locks(locks_in_order, a, b, label, alone=False):
    got = call(locks_in_order, a, b, name="locks_in_order")
    # called alone (no transfer running), an answer that took a lock is seen, and the lock freed
    held = [acc.number for acc in (a, b) if alone and acc.lock._lock.locked()]
    for number in held:
        (a if a.number == number else b).lock._lock.release()
    expect(not held, f"{label} acquired the lock of account {held[0] if held else ''}: it should only "
                     f"return the locks, in order; the transfer takes them.")
    expect(isinstance(got, (tuple, list)) and len(got) == 2,
           f"{label} should return a pair of locks, got {got!r:.80}.")
    expect(all(isinstance(lock, _Lock) for lock in got),
           f"{label} should return two locks (the accounts' .lock), got {got!r:.80}.")
    expect({id(lock) for lock in got} == {id(a.lock), id(b.lock)},
           f"{label} should return the two accounts' locks, each once.")
    return got


def _transfer(locks_in_order, source, target, results, key, meet=None):
    first, second = _locks(locks_in_order, source, target,
                           f"locks_in_order(account {source.number}, account {target.number})")
    with first:
        if meet:
            meet(key, first)
        if not second.acquire(timeout=0.3):
            results[key] = "gave up"
            return
        try:
            source.balance -= 1
            target.balance += 1
            results[key] = "done"
        finally:
            second.release()


class _Meeting:
    """Holds each transfer at its first lock until the other holds one too, or waits for ours."""

    def __init__(self):
        self.threads, self.holding = {}, set()

    def __call__(self, key, held):
        self.holding.add(key)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            others = [k for k in self.threads if k != key]
            if others and others[0] in self.holding:
                return                     # the other transfer holds its first lock too
            if others and self.threads[others[0]] in held.waiting:
                return                     # it waits for the lock we hold: no deadlock possible
            time.sleep(0.001)


@checker
def check_lock_order(locks_in_order):
    """``locks_in_order(a, b)`` -> the two accounts' locks, in an order that cannot deadlock."""
    expect(callable(locks_in_order),
           f"`locks_in_order` should be a function, but it is {type(locks_in_order).__name__}: "
           f"{locks_in_order!r:.60}.")
    for a, b in ((_Account(1, 100), _Account(2, 100)), (_Account(7, 50), _Account(3, 80))):
        orders = set()
        for round_ in range(8):            # balances move between calls, as transfers would
            a.balance, b.balance = (round_ * 37) % 101, (round_ * 53) % 97
            forward = _locks(locks_in_order, a, b, f"locks_in_order(account {a.number}, account {b.number})",
                             alone=True)
            backward = _locks(locks_in_order, b, a, f"locks_in_order(account {b.number}, account {a.number})",
                              alone=True)
            orders.add(tuple(id(lock) for lock in forward))
            orders.add(tuple(id(lock) for lock in backward))
        expect(len(orders) == 1,
               f"locks_in_order gave the locks of accounts {a.number} and {b.number} in different orders "
               f"from one call to another: the order must be the same whichever transfer asks, every "
               f"time, so it cannot depend on the argument order or on anything that changes, such as "
               f"a balance.")

    one, two = _Account(1, 100), _Account(2, 100)
    results = {}
    _transfer(locks_in_order, one, two, results, "alone")
    expect(results["alone"] == "done", "a single transfer from account 1 to account 2 could not take its second lock.")

    for a, b in ((_Account(1, 100), _Account(2, 100)), (_Account(7, 50), _Account(3, 80))):
        meeting, start_balances = _Meeting(), (a.balance, b.balance)
        results, errors = {}, []
        pair = (f"transfer(account {a.number} → account {b.number})",
                f"transfer(account {b.number} → account {a.number})")

        def run(source, target, key):
            meeting.threads[key] = threading.get_ident()
            try:
                _transfer(locks_in_order, source, target, results, key, meeting)
            except NotYet as exc:
                errors.append(str(exc))
            except Exception as exc:
                errors.append(f"it raised {type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=run, args=(a, b, pair[0]), name="check-lock-order-1"),
                   threading.Thread(target=run, args=(b, a, pair[1]), name="check-lock-order-2")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
        expect(not errors, errors[0] if errors else "")
        stuck = [key for key in pair if results.get(key) != "done"]
        expect(not stuck,
               f"{pair[0]} and {pair[1]}, run at the same time, each held one lock and waited for "
               f"the other: a deadlock (detected by a timeout).")
        expect((a.balance, b.balance) == start_balances,
               "both transfers ran, but the balances changed: return the locks, do not move money.")
    return "transfers in opposite directions took their locks in the same order and both finished."
