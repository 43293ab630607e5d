"""Checkers for chapter 07, NoSQL databases.

- :func:`check_orders_of` builds its own DynamoDB table in moto (the chapter's
  single-table schema, with other customers and orders than Lab 2's), calls the
  learner's ``orders_of(ddb, customer)`` and counts the requests it sends through
  botocore's event hooks: the right order ids, newest first, from one ``Query``.
- :func:`check_replicas_for` builds its own consistent-hashing ring of virtual
  nodes and compares the learner's ``replicas_for(ring, key, n)`` with the rule
  of Dynamo's preference list (the first n distinct nodes clockwise), on keys
  that include a token past the ring's last one (the wrap-around), one on a
  virtual node's token and one whose next virtual nodes repeat a node.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import os
import random

from coursekit.checks import NotYet, call_as, checker, expect


def _guarded(func, *args, label: str, seconds: float = 5.0):
    """:func:`coursekit.checks.call_as` with this module's time limit."""
    return call_as(label, func, *args, seconds=seconds)


# --- Exercise 1: a DynamoDB access pattern -----------------------------------

def _dummy_credentials() -> None:
    """moto needs credentials and a region to exist; these are not real ones."""
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_SESSION_TOKEN", "testing"), ("AWS_DEFAULT_REGION", "us-east-1")):
        os.environ.setdefault(name, value)


# (customer, order id, status): inserted out of order on purpose.
_ORDERS = [("cust-b", "1042", "paid"), ("cust-a", "1003", "shipped"), ("cust-b", "1007", "shipped"),
           ("cust-c", "1011", "paid"), ("cust-b", "1019", "cancelled"), ("cust-a", "1025", "paid")]
_LINES = [("1042", "kb"), ("1042", "mouse"), ("1007", "cable"), ("1019", "kb"), ("1003", "kb")]


def _table(ddb, orders) -> None:
    s = {"AttributeType": "S"}
    ddb.create_table(
        TableName="shop",
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "PK", **s}, {"AttributeName": "SK", **s}],
        GlobalSecondaryIndexes=[{
            "IndexName": "inverted",
            "KeySchema": [{"AttributeName": "SK", "KeyType": "HASH"},
                          {"AttributeName": "PK", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"}}],
        BillingMode="PAY_PER_REQUEST")
    for customer in sorted({c for c, _, _ in orders} | {"cust-bb"}):
        ddb.put_item(TableName="shop", Item={"PK": {"S": f"CUSTOMER#{customer}"},
                                             "SK": {"S": "PROFILE"}, "name": {"S": customer}})
    for customer, order, status in orders:
        ddb.put_item(TableName="shop", Item={"PK": {"S": f"CUSTOMER#{customer}"},
                                             "SK": {"S": f"ORDER#{order}"}, "status": {"S": status}})
    for order, sku in _LINES:
        ddb.put_item(TableName="shop", Item={"PK": {"S": f"ORDER#{order}"},
                                             "SK": {"S": f"LINE#{sku}"}, "qty": {"N": "1"}})


def _expected(orders, customer: str) -> list[str]:
    return sorted((o for c, o, _ in orders if c == customer), reverse=True)


@checker
def check_orders_of(orders_of):
    expect(callable(orders_of), "define a function `orders_of(ddb, customer)`.")
    _dummy_credentials()
    import boto3
    from moto import mock_aws

    # one more customer, with a name and order ids drawn at random, so answers cannot be learnt
    rng = random.Random()
    extra = f"cust-{rng.randrange(100, 1000)}"
    orders = _ORDERS + [(extra, str(o), "paid") for o in rng.sample(range(1100, 1999), 3)]
    items = len({c for c, _, _ in orders} | {"cust-bb"}) + len(orders) + len(_LINES)
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        _table(ddb, orders)
        sent: list[str] = []
        asked: list[str] = []          # the parameters of each request, as JSON
        scanned: list[int] = []        # ScannedCount of each response
        ddb.meta.events.register("before-call.dynamodb", lambda model, **_: sent.append(model.name))
        ddb.meta.events.register("provide-client-params.dynamodb",
                                 lambda params, **_: asked.append(json.dumps(params, default=str)))
        ddb.meta.events.register("after-call.dynamodb",
                                 lambda parsed, **_: scanned.append(parsed.get("ScannedCount", 0)))
        for customer in ("cust-b", "cust-a", "cust-c", "cust-bb", extra):
            sent.clear(), asked.clear(), scanned.clear()
            what = f"orders_of(ddb, {customer!r})"
            if customer == "cust-bb":
                what += " (a customer with a profile and no orders)"
            got = _guarded(orders_of, ddb, customer, label=what)
            expect(isinstance(got, list), f"{what} should return a list of "
                                          f"order ids, got {type(got).__name__}: {got!r:.60}.")
            expect(all(isinstance(o, str) for o in got),
                   f"{what} should return order ids as strings such as "
                   f"'1042', got {got!r:.80}.")
            expect("Scan" not in sent,
                   f"{what} called Scan: a Scan reads every item of the table "
                   f"(here all {items}) and filters afterwards, so its cost grows with the table, not "
                   "with one customer's orders. Ask for the customer's partition with a key condition.")
            expect(len(sent) == 1, f"{what} sent {len(sent)} requests "
                                   f"({', '.join(sent) or 'none'}) through the client it was given; "
                                   "the access pattern needs one, sent with the `ddb` passed in.")
            expect(sent == ["Query"], f"{what} sent {sent[0]}; "
                                      "one request should return all of a customer's orders.")
            want = _expected(orders, customer)
            full = next((o for o in got if o.startswith("ORDER#")), None)
            expect(full is None, f"{what} returned sort keys such as {full!r}; "
                                 "the task asks for the order ids alone, such as '1042'.")
            expect(not any(o in ("PROFILE", "") or not o.isdigit() for o in got),
                   f"{what} returned {got!r}: an item of that partition "
                   "that is not an order got in (the key condition can say which sort keys to read).")
            expect(sorted(got) == sorted(want),
                   f"{what} returned {len(got)} order ids, {got}; "
                   f"that customer has {len(want)} orders in the checker's table.")
            expect(got == want, f"{what} returned {got}: the right orders, "
                                "but not newest first (the highest order id first).")
            expect(f"CUSTOMER#{customer}" in asked[0],
                   f"{what} returned the right ids, but its Query did not name that customer's "
                   "partition: the result must come from the Query's answer.")
            expect(scanned[0] == len(want),
                   f"{what} read {scanned[0]} items to return {len(want)}: the key condition can "
                   "select the orders alone, so that the Query reads nothing else (a filter, in "
                   "the request or in Python, reads first and discards afterwards).")
    return ("each customer's orders came back newest first, from one Query that read only "
            "the customer's orders.")


# --- Exercise 2: a consistent-hashing lookup ---------------------------------

def token(key: str) -> int:
    """Lab 3's hash: the first 8 bytes of the key's MD5, as an integer."""
    return int.from_bytes(hashlib.md5(key.encode()).digest()[:8], "big")


def _ring(nodes, vnodes):
    return sorted((token(f"{node}#{v}"), node) for node in nodes for v in range(vnodes))


def _replicas(ring, key, n):
    start = bisect.bisect_left(ring, (token(key),))
    chosen = []
    for step in range(len(ring)):
        node = ring[(start + step) % len(ring)][1]
        if node not in chosen:
            chosen.append(node)
        if len(chosen) == n:
            break
    return chosen


def _lopsided():
    """A ring where red holds long runs of consecutive tokens, and a key that must walk far."""
    ring = sorted(_ring(["red"], 60) + _ring(["blue", "green", "amber"], 1))

    def walk(key):                 # how many tokens from the key's to the first node not red
        start = bisect.bisect_left(ring, (token(key),))
        return next(s for s in range(len(ring)) if ring[(start + s) % len(ring)][1] != "red")

    return ring, max((f"far-{i}" for i in range(200)), key=walk)


@checker
def check_replicas_for(replicas_for):
    expect(callable(replicas_for), "define a function `replicas_for(ring, key, n)`.")
    ring = _ring(["red", "green", "blue", "amber"], 8)
    last = ring[-1][0]
    keys = [f"key-{i}" for i in range(300)]
    past = next(k for k in keys if token(k) > last)
    crowded = next(k for k in keys
                   if len({node for _, node in ring[bisect.bisect_left(ring, (token(k),)):][:3]}) < 3)
    # a virtual node's own label: its token is on the ring, and the next token is another node's
    on_vnode = next(f"{node}#{v}" for v in range(8) for node in ("blue", "red", "green", "amber")
                    if ring[(ring.index((token(f"{node}#{v}"), node)) + 1) % len(ring)][1] != node)
    cases = [(ring, crowded, 3, "a key whose next virtual nodes clockwise include one node twice"),
             (ring, past, 3, f"a key whose token is past the last token on the ring ({last})"),
             (ring, on_vnode, 2, "a key whose token equals a virtual node's token")]
    cases += [(ring, k, 3, "") for k in keys[:40]] + [(ring, k, 1, "") for k in keys[40:50]]
    cases += [(ring, k, 4, "every node of the ring") for k in keys[50:55]]
    lopsided, far = _lopsided()
    cases += [(lopsided, far, 4, "a ring where one node holds long runs of consecutive tokens")]
    # a ring drawn at random on each run, so answers cannot be learnt
    rng = random.Random()
    names = rng.sample(["ash", "elm", "fir", "oak", "yew", "pine", "teak"], 5)
    shuffled = _ring(names, rng.randrange(3, 9))
    cases += [(shuffled, f"item-{rng.randrange(10**6)}", rng.randrange(1, 6), "a ring drawn at random")
              for _ in range(20)]
    try:                           # an unfinished stub is reported before any key is named
        _guarded(replicas_for, [(0, "red")], "probe", 1, label="on a ring of one token", seconds=3)
    except NotYet as exc:
        if "still the stub" in str(exc) or "did not return" in str(exc):
            raise
    for ring_used, key, n, note in cases:
        where = f" ({note})" if note else ""
        nodes = {node for _, node in ring_used}
        got = _guarded(replicas_for, list(ring_used), key, n, label=f"for key {key!r}{where}", seconds=3)
        expect(isinstance(got, list) and all(isinstance(x, str) for x in got),
               f"replicas_for(ring, {key!r}, {n}) should return a list of node names such as "
               f"['red', 'blue'], got {type(got).__name__}: {got!r:.60}.")
        expect(set(got) <= nodes, f"replicas_for(ring, {key!r}, {n}) returned {got}{where}: "
                                  f"{sorted(set(got) - nodes)} are not nodes of the ring it was given.")
        expect(len(set(got)) == len(got),
               f"replicas_for(ring, {key!r}, {n}) returned {got}{where}: a node appears twice, so "
               f"the key would have fewer than {n} distinct replicas.")
        expect(len(got) == n, f"replicas_for(ring, {key!r}, {n}) returned {len(got)} nodes, "
                              f"expected {n}{where}.")
        want = _replicas(ring_used, key, n)
        expect(got == want, f"replicas_for(ring, {key!r}, {n}) returned {got}{where}; the "
                            "replicas are the first distinct nodes met going clockwise from the "
                            "key's token (at or after it), in that order.")
    return (f"{len(cases)} keys got their distinct replicas in ring order, including the wrap-around, "
            "a key on a virtual node's token, a key whose next virtual nodes repeat a node and "
            "rings drawn at random.")

