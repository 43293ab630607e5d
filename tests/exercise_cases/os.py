"""Wrong and malformed answers for the exercises of 02-os."""
from exercise_cases import Case

# Counter(pause): {init} adds to __init__, {body} is the body of increment().
_COUNTER = ('class Counter:\n'
            '    def __init__(self, pause):\n'
            '        self.value = 0\n'
            '        self.pause = pause\n'
            '{init}'
            '    def increment(self):\n'
            '{body}')

_LOCKED_BODY = ('        with self.lock:\n'
                '            current = self.value\n'
                '            self.pause()\n'
                '            self.value = current + 1\n')


def _counter(body, init=""):
    return _COUNTER.format(init=init, body=body)


_SHARED_LOCK = '        self.lock = threading.Lock()\n'

CASES = [
    Case(
        check="check_counter(Counter)",
        # "thread-safe" by luck: a new lock at every call, so no thread ever waits for another
        wrong=_counter('        with threading.Lock():\n'
                       '            current = self.value\n'
                       '            self.pause()\n'
                       '            self.value = current + 1\n'),
        wrong_says="updates were lost",
        malformed="Counter = 42\n",
        malformed_says="should be a class",
        more_wrong=(
            # the lock covers the write, not the read: the read-modify-write still interleaves
            (_counter('        current = self.value\n'
                      '        self.pause()\n'
                      '        with self.lock:\n'
                      '            self.value = current + 1\n', init=_SHARED_LOCK), "updates were lost"),
            # a lock per thread (threading.local): each thread excludes only itself
            (_counter('        if not hasattr(self.mine, "lock"):\n'
                      '            self.mine.lock = threading.Lock()\n'
                      '        with self.mine.lock:\n'
                      '            current = self.value\n'
                      '            self.pause()\n'
                      '            self.value = current + 1\n',
                      init='        self.mine = threading.local()\n'), "updates were lost"),
            # drops the read and the pause: `+=` under a lock, never calling pause()
            (_counter('        with self.lock:\n'
                      '            self.value += 1\n', init=_SHARED_LOCK), "should call pause() once"),
            # pause() after the write: nothing is held between the read and the write
            (_counter('        with self.lock:\n'
                      '            current = self.value\n'
                      '            self.value = current + 1\n'
                      '            self.pause()\n', init=_SHARED_LOCK), "after the write"),
            # forgets the + 1
            (_counter(_LOCKED_BODY.replace("current + 1", "current"), init=_SHARED_LOCK),
             "should be 1, got 0"),
        ),
    ),
    Case(
        check="check_lock_order(locks_in_order)",
        # the order of the arguments: transfers in opposite directions take opposite orders
        wrong=('def locks_in_order(a, b):\n'
               '    return a.lock, b.lock\n'),
        wrong_says="in different orders",
        malformed='locks_in_order = "by account number"\n',
        malformed_says="should be a function",
        more_wrong=(
            # ordered by balance: two accounts with the same balance fall back to argument order
            ('def locks_in_order(a, b):\n'
             '    first, second = sorted((a, b), key=lambda account: account.balance)\n'
             '    return first.lock, second.lock\n', "such as a balance"),
            # by balance, ties broken by number: consistent at one moment, not as balances move
            ('def locks_in_order(a, b):\n'
             '    first, second = sorted((a, b), key=lambda account: (account.balance, account.number))\n'
             '    return first.lock, second.lock\n', "such as a balance"),
            # a coin toss
            ('import random\n'
             'def locks_in_order(a, b):\n'
             '    pair = [a.lock, b.lock]\n'
             '    random.shuffle(pair)\n'
             '    return tuple(pair)\n', "in different orders"),
            # takes the locks as well as ordering them
            ('def locks_in_order(a, b):\n'
             '    first, second = sorted((a, b), key=lambda account: account.number)\n'
             '    first.lock.acquire()\n'
             '    return first.lock, second.lock\n', "should only return the locks"),
            # the accounts in order, not their locks
            ('def locks_in_order(a, b):\n'
             '    return tuple(sorted((a, b), key=lambda account: account.number))\n',
             "should return two locks"),
            # one lock twice
            ('def locks_in_order(a, b):\n'
             '    first = min((a, b), key=lambda account: account.number)\n'
             '    return first.lock, first.lock\n', "each once"),
            # only the first lock
            ('def locks_in_order(a, b):\n'
             '    return min((a, b), key=lambda account: account.number).lock\n', "a pair of locks"),
        ),
    ),
]
