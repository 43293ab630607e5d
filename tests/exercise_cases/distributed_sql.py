"""Wrong and malformed answers for the exercises of 08-distributed-sql."""
from exercise_cases import Case

_LATENCY = ('def commit_latency(rtt, leaseholder):\n'
            '    others = sorted(ms for r, ms in rtt[leaseholder].items() if r != leaseholder)\n'
            '    return {pick}\n')

# A retry loop; {catch}, {attempts} and {wait} vary between the cases.
_RETRY = ('def with_retries(txn, max_attempts, sleep):\n'
          '    for attempt in range(1, {attempts}):\n'
          '        try:\n'
          '            return txn()\n'
          '        except {catch}:\n'
          '            if attempt == max_attempts:\n'
          '                raise\n'
          '            sleep({wait})\n')


def _retry(catch="psycopg.errors.SerializationFailure", attempts="max_attempts + 1",
           wait="random.uniform(0, 0.01 * 2 ** attempt)"):
    return _RETRY.format(catch=catch, attempts=attempts, wait=wait)


CASES = [
    Case(
        check="check_commit_latency(commit_latency)",
        # misses the point of a quorum: waits for every replica
        wrong=_LATENCY.format(pick="others[-1]"),
        wrong_says="does not wait for every replica",
        malformed='def commit_latency(rtt, leaseholder):\n    return "62 ms"\n',
        malformed_says="should return a number",
        more_wrong=(
            # only the nearest reply: not a majority of 5
            (_LATENCY.format(pick="others[0]"), "not a majority"),
            # forgets the leaseholder's own vote
            (_LATENCY.format(pick="others[len(rtt) // 2]"), "own copy counts as one vote"),
            # an average of round trips
            (_LATENCY.format(pick="sum(others) / len(others)"), "not an average"),
            # exits the interpreter instead of returning (a BaseException, not an Exception)
            ('def commit_latency(rtt, leaseholder):\n    raise SystemExit(1)\n', "raised SystemExit"),
            # an endless loop: ends with a message, not a hung cell (solve report)
            (('def commit_latency(rtt, leaseholder):\n'
             '    while True:\n'
             '        pass\n'),
             'did not return within 2 s'),
            # half a round trip (one way)
            (('def commit_latency(rtt, leaseholder):\n'
             '    others = sorted(ms for r, ms in rtt[leaseholder].items() if r != leaseholder)\n'
             '    return others[len(rtt) // 2 - 1] / 2\n'),
             'half a round trip'),
            # indexes the matrix like the lab's RTT_MS: the error names the case
            (('def commit_latency(rtt, leaseholder):\n'
             '    return rtt[(leaseholder, "us-east")]\n'),
             'leaseholder in eu-west: calling `commit_latency` raised KeyError'),
        ),
    ),
    Case(
        check="check_with_retries(with_retries)",
        # misses the point: retries every error, a unique violation included
        wrong=_retry(catch="Exception"),
        wrong_says="retry only SQLSTATE 40001",
        malformed="with_retries = 3\n",
        malformed_says="should be a function",
        more_wrong=(
            # never gives up
            ('def with_retries(txn, max_attempts, sleep):\n'
             '    while True:\n'
             '        try:\n'
             '            return txn()\n'
             '        except psycopg.errors.SerializationFailure:\n'
             '            sleep(0.01)\n', "give up after max_attempts"),
            # swallows the last error
            (_retry(attempts="max_attempts + 1").replace("                raise\n",
                                                          "                return None\n"),
             "raise the last SerializationFailure"),
            # a fixed wait: no backoff
            (_retry(wait="0.01"), "exponential backoff"),
            # backoff without jitter
            (_retry(wait="0.01 * 2 ** attempt"), "add random jitter"),
            # no wait at all
            (_retry(wait="0").replace("            sleep(0)\n", ""), "once before each retry"),
            # waits after the last attempt too, before raising
            ('def with_retries(txn, max_attempts, sleep):\n'
             '    for attempt in range(1, max_attempts + 1):\n'
             '        try:\n'
             '            return txn()\n'
             '        except psycopg.errors.SerializationFailure:\n'
             '            sleep(random.uniform(0, 0.01 * 2 ** attempt))\n'
             '            if attempt == max_attempts:\n'
             '                raise\n', "a wait after the last attempt"),
            # exits instead of letting the error through (a BaseException)
            ('def with_retries(txn, max_attempts, sleep):\n    raise SystemExit(1)\n',
             "raised SystemExit"),
            # reruns a transaction that committed and returned None (solve report)
            (('def with_retries(txn, max_attempts, sleep):\n'
             '    result = None\n'
             '    attempt = 0\n'
             '    while result is None:\n'
             '        attempt += 1\n'
             '        try:\n'
             '            result = txn()\n'
             '        except psycopg.errors.SerializationFailure:\n'
             '            if attempt >= max_attempts:\n'
             '                raise\n'
             '            sleep(random.uniform(0, 0.01 * 2 ** attempt))\n'
             '    return result\n'),
             'although call 1 committed'),
            # treats a falsy result as a failure: reruns a committed transaction
            (('def with_retries(txn, max_attempts, sleep):\n'
             '    for attempt in range(1, max_attempts + 1):\n'
             '        try:\n'
             '            result = txn()\n'
             '            if result:\n'
             '                return result\n'
             '        except psycopg.errors.SerializationFailure:\n'
             '            if attempt == max_attempts:\n'
             '                raise\n'
             '            sleep(random.uniform(0, 0.01 * 2 ** attempt))\n'),
             'whatever its result'),
            # linear growth, not exponential
            (('def with_retries(txn, max_attempts, sleep):\n'
             '    for attempt in range(max_attempts):\n'
             '        try:\n'
             '            return txn()\n'
             '        except psycopg.errors.SerializationFailure:\n'
             '            if attempt == max_attempts - 1:\n'
             '                raise\n'
             '            sleep(random.uniform(0, 0.05 * (attempt + 1)))\n'),
             'not exponentially'),
            # catches OperationalError: also retries 40003, whose outcome is unknown
            (('def with_retries(txn, max_attempts, sleep):\n'
             '    for attempt in range(1, max_attempts + 1):\n'
             '        try:\n'
             '            return txn()\n'
             '        except psycopg.OperationalError:\n'
             '            if attempt == max_attempts:\n'
             '                raise\n'
             '            sleep(random.uniform(0, 0.01 * 2 ** attempt))\n'),
             '40003 means the outcome is unknown'),
            # retries every SQLSTATE of class 40, 40003 included
            (('def with_retries(txn, max_attempts, sleep):\n'
             '    for attempt in range(1, max_attempts + 1):\n'
             '        try:\n'
             '            return txn()\n'
             '        except psycopg.Error as exc:\n'
             '            if not (exc.sqlstate or "").startswith("40") or attempt == max_attempts:\n'
             '                raise\n'
             '            sleep(random.uniform(0, 0.01 * 2 ** attempt))\n'),
             'SQLSTATE 40003'),
            # +/- jitter: some waits are negative
            (('def with_retries(txn, max_attempts, sleep):\n'
             '    for attempt in range(1, max_attempts + 1):\n'
             '        try:\n'
             '            return txn()\n'
             '        except psycopg.errors.SerializationFailure:\n'
             '            if attempt == max_attempts:\n'
             '                raise\n'
             '            sleep(0.01 * 2 ** attempt + random.uniform(-0.05, 0.05))\n'),
             'from 0 up to 30'),
            # raises a new SerializationFailure instead of the transaction's own
            (('def with_retries(txn, max_attempts, sleep):\n'
             '    for attempt in range(1, max_attempts + 1):\n'
             '        try:\n'
             '            return txn()\n'
             '        except psycopg.errors.SerializationFailure as exc:\n'
             '            if attempt == max_attempts:\n'
             '                raise psycopg.errors.SerializationFailure(str(exc))\n'
             '            sleep(random.uniform(0, 0.01 * 2 ** attempt))\n'),
             'not a new one'),
        ),
    ),
]
