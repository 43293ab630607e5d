"""Checkers for chapter 06, relational databases and ORMs.

Each checker builds its own fresh in-memory database, so it gives the same
answer whatever state the learner's notebook is in (and after the notebook has
closed its own connections):

- :func:`check_top_customers` runs the learner's SQL on a copy of the chapter's
  shop (the same schema and seed data as Lab 1) and compares the rows;
- :func:`check_customer_page` seeds a small shop through the learner's own ORM
  models, calls their page function and counts the statements it sends;
- :func:`check_transfer` tries the learner's transfer function on a small
  accounts table: a valid transfer, the same transfer with a crash simulated
  from its second write on (see :class:`CrashingConnection`), the same with another
  transfer committed just before its first write (see
  :class:`RacingConnection`), transfers that must be refused with ``ValueError``,
  and one of a whole balance; each from the same starting balances, it checks the
  invariants: total unchanged, no negative balance, no partial write, no
  transaction left open.
"""
from __future__ import annotations

import json
from decimal import Decimal

import duckdb

from coursekit.checks import NotYet, call, checker, expect

# The chapter's shop, exactly as Lab 1 creates and fills it.
SHOP = """
CREATE TABLE customers (
    id      INTEGER PRIMARY KEY,
    email   VARCHAR NOT NULL UNIQUE,
    name    VARCHAR NOT NULL,
    country VARCHAR NOT NULL CHECK (length(country) = 2)
);
CREATE TABLE products (
    id    INTEGER PRIMARY KEY,
    name  VARCHAR NOT NULL UNIQUE,
    price DECIMAL(8, 2) NOT NULL CHECK (price > 0)
);
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    ordered_on  DATE NOT NULL,
    status      VARCHAR NOT NULL CHECK (status IN ('paid', 'shipped', 'cancelled'))
);
CREATE TABLE order_items (
    order_id   INTEGER REFERENCES orders (id),
    product_id INTEGER REFERENCES products (id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
INSERT INTO customers VALUES
    (1, 'ana@example.com', 'Ana', 'PT'),     (2, 'ben@example.com', 'Ben', 'GB'),
    (3, 'chloe@example.com', 'Chloé', 'FR'), (4, 'dev@example.com', 'Dev', 'IN'),
    (5, 'emma@example.com', 'Emma', 'DE'),   (6, 'femi@example.com', 'Femi', 'NG'),
    (7, 'gus@example.com', 'Gus', 'AR'),     (8, 'hana@example.com', 'Hana', 'JP');
INSERT INTO products VALUES
    (1, 'keyboard', 49.00), (2, 'mouse', 19.50),   (3, 'monitor', 189.00),
    (4, 'usb cable', 6.25), (5, 'headset', 79.90), (6, 'webcam', 54.00);
INSERT INTO orders
SELECT i, 1 + (i * 3) % 7, DATE '2024-01-01' + CAST(11 * i AS INTEGER),
       CASE WHEN i % 6 = 0 THEN 'cancelled' WHEN i < 16 THEN 'shipped' ELSE 'paid' END
FROM range(1, 25) AS t(i);
INSERT INTO order_items
SELECT o.id, 1 + (o.id * 5 + 2 * k) % 6, 1 + (o.id * k + o.id // 5) % 4
FROM orders AS o, range(1, 4) AS r(k)
WHERE k <= 1 + o.id % 3;
"""

_REVENUE = """
SELECT c.name, sum(oi.quantity * p.price) AS revenue
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
JOIN order_items AS oi ON oi.order_id = o.id
JOIN products AS p ON p.id = oi.product_id
{where}
GROUP BY c.id, c.name
ORDER BY revenue DESC, c.name
"""

# A second shop: the same customers with other prices and statuses, and two of them named
# Ana, so that a query that lists the answer instead of computing it, or that groups by
# name alone, gives other rows than the ranking.
OTHER_SHOP = """
UPDATE products SET price = price * (1 + id % 3);
UPDATE orders SET status = 'cancelled' WHERE id IN (2, 8);
UPDATE orders SET status = 'paid' WHERE id IN (6, 12);
UPDATE customers SET name = 'Ana' WHERE id = 2;
"""


def _shop(other: bool = False):
    con = duckdb.connect()          # in memory: nothing on disk, gone when closed
    for statement in duckdb.extract_statements(SHOP + (OTHER_SHOP if other else "")):
        con.execute(statement.query)
    return con


def _plan_operators(con, sql: str) -> list[str]:
    """The names of the physical operators DuckDB plans for ``sql``."""
    tree = json.loads(con.execute("EXPLAIN (FORMAT JSON) " + sql).fetchall()[0][1])
    names = []

    def walk(node):
        names.append(node.get("name") or node.get("type"))
        for child in node.get("children", []):
            walk(child)

    for root in tree:
        walk(root)
    return names


def _run_query(sql: str, other: bool):
    """(expected ranking, ranking with cancelled orders, columns, rows, ordered?) on one shop."""
    con = _shop(other)
    try:
        ranking = con.execute(_REVENUE.format(where="WHERE o.status <> 'cancelled'")).fetchall()
        with_cancelled = con.execute(_REVENUE.format(where="")).fetchall()
        try:
            ordered = any(op in ("ORDER_BY", "TOP_N") for op in _plan_operators(con, sql))
            cursor = con.execute(sql)
        except duckdb.Error as exc:
            raise NotYet("your SQL did not run on the shop: " + str(exc).strip().splitlines()[0]) from None
        columns = [d[0] for d in cursor.description]
        return ranking, with_cancelled, columns, cursor.fetchall(), ordered
    finally:
        con.close()


def _show(row) -> str:
    """A row as the learner would write it: ('Dev', 1420.20)."""
    return "(" + ", ".join(repr(v) if isinstance(v, str) else str(v) for v in row) + ")"


def _same(a, b) -> bool:
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.005")
    return a == b


def _same_row(a, b) -> bool:
    return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))


# --- Exercise 1: a SQL query checked against the expected rows ---------------

@checker
def check_top_customers(sql):
    """The top 3 customers by revenue (non-cancelled orders): columns name, revenue."""
    expect(sql is not ..., "write your query as a string: `top_customers_sql = \"SELECT ...\"`.")
    expect(isinstance(sql, str), f"`top_customers_sql` should be a string of SQL, "
                                 f"but it is {type(sql).__name__}.")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise NotYet("your SQL did not parse: " + str(exc).strip().splitlines()[0]) from None
    expect(statements, "your query is empty: write one SELECT statement.")
    kinds = [statement.type.name for statement in statements]
    expect(kinds == ["SELECT"], f"write one SELECT statement and nothing else; yours has {', '.join(kinds)}: "
                                "a report reads the data, it never changes it.")
    ranking, with_cancelled, columns, rows, ordered = _run_query(sql, other=False)
    expected, revenue_of = ranking[:3], dict(ranking)
    expect(columns == ["name", "revenue"],
           f"expected the columns ['name', 'revenue'], exactly, in this order, got {columns}: name them with AS.")
    expect(len(rows) == len(expected), f"expected {len(expected)} rows, got {len(rows)}"
           + (": the task asks for the top 3 only." if len(rows) > len(expected) else "."))
    texts = [row[1] for row in rows if isinstance(row[1], str)]
    expect(not texts, f"revenue should be a number, but your query returns text, such as {texts[0]!r}: "
                      "leave the sum as a number." if texts else "")
    real = all(row and row[0] in revenue_of and _same(row[1], revenue_of[row[0]]) for row in rows)
    lowest = sorted(ranking, key=lambda row: row[1])[:3]
    if all(map(_same_row, rows, lowest)):
        raise NotYet("your rows are the three lowest revenues, lowest first: the task asks for the top 3, "
                     "highest revenue first.")
    if all(any(_same_row(r, e) for e in expected) for r in rows) and not all(map(_same_row, rows, expected)):
        raise NotYet("the right three customers in the wrong order: the task asks for the highest revenue first.")
    if real and not all(map(_same_row, rows, expected)):
        raise NotYet("each revenue is right for its customer, but these are not the top 3: "
                     + ("your query has no ORDER BY, and without one SQL promises no order, so LIMIT "
                        "keeps whichever rows come first." if not ordered else
                        "sort by revenue, highest first, before keeping 3."))
    for number, (got, want) in enumerate(zip(rows, expected), 1):
        if _same_row(got, want):
            continue
        name = got[0] if got else None
        if any(_same_row(got, w) for w in with_cancelled):
            why = "it looks like cancelled orders were counted"
        elif name in revenue_of:
            why = (f"{name}'s revenue is not {got[1]}: revenue is the sum of quantity * price "
                   f"over the items of their orders that were not cancelled")
        else:
            why = "it is not the customer in that place by revenue"
        raise NotYet(f"row {number} is {_show(got)}: {why}.")
    expect(ordered, "the right rows, but your query has no ORDER BY: without one, SQL promises no order, "
                    "so this order is luck. Sort by revenue, highest first.")
    other_ranking, _, _, other_rows, _ = _run_query(sql, other=True)
    by_name = _shop(other=True)
    try:
        merged = by_name.execute(_REVENUE.format(where="WHERE o.status <> 'cancelled'")
                                 .replace("GROUP BY c.id, c.name", "GROUP BY c.name")).fetchall()
    finally:
        by_name.close()
    expect(not (len(other_rows) == 3 and all(map(_same_row, other_rows, merged[:3]))),
           "on a second shop, where two different customers are both named Ana, your query added their "
           "revenues together: group by the customer's id as well as the name.")
    expect(len(other_rows) == 3 and all(map(_same_row, other_rows, other_ranking[:3])),
           "your query gave the right rows on the chapter's shop, but not on a second shop with other "
           "prices and statuses: it must compute the ranking from the tables, not list it.")
    return f"the top 3 are {', '.join(name for name, _ in expected)}, and the ranking also held on a second shop."


# --- Exercise 2: the N+1 fix, checked by statement count ---------------------

PAGE_SIZE = 10
# The customers' ids, in the order the checker inserts them: not the id order, so
# that a page without an explicit order (rows as stored) differs from "by id".
INSERT_ORDER = [(7 * i + 5) % 15 + 1 for i in range(15)]


# Names in no alphabetical relation to the ids, so sorting by name is not sorting by id.
_NAMES = ["Oskar", "Beatriz", "Yusuf", "Mei", "Ana", "Tomás", "Ingrid", "Kofi", "Rhea", "Dmitri",
          "Zainab", "Luca", "Freya", "Chidi", "Nora"]


def _shopper(i: int) -> str:
    return _NAMES[i - 1]


def _orders_of(i: int) -> list[Decimal]:
    """Totals with cents, as money has: a float sum of them is not exact."""
    return [Decimal(10 * i + j) + Decimal("0.10") * (j + 1) for j in range(i % 4)]


@checker
def check_customer_page(customer_page, Customer):
    """`customer_page(session)` -> [(name, orders, total)] for the first 10 customers by id, in <= 2 statements."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from coursekit.sql import count_statements

    expect(callable(customer_page), "define a function `customer_page(session)`.")
    expect(hasattr(Customer, "orders") and hasattr(Customer, "metadata"),
           "pass the chapter's `Customer` model as the second argument.")
    Order = Customer.orders.property.mapper.class_
    engine = create_engine("duckdb:///:memory:")
    try:
        Customer.metadata.create_all(engine)
        with Session(engine) as session:
            for i in INSERT_ORDER:          # 15 customers with 0 to 3 orders each, ids out of order
                session.add(Customer(id=i, name=_shopper(i), email=f"shopper{i}@example.com",
                                     country="FR" if i % 2 else "DE",
                                     orders=[Order(total=total) for total in _orders_of(i)]))
            session.commit()
        with engine.connect() as conn:      # warm up, so only the page's statements are counted
            conn.execute(text("SELECT 1"))
        with Session(engine) as session, count_statements(engine) as counter:
            try:
                page = call(customer_page, session)
            except NotYet as exc:
                if "unique()" in str(exc):
                    raise NotYet(f"{exc} With joinedload, a collection comes back as one row per order, "
                                 f"so each customer appears once per order: SQLAlchemy 2 asks you to call "
                                 f".unique() on the result.") from None
                raise
            expect(isinstance(page, (list, tuple)),
                   f"`customer_page` returned a value of type {type(page).__name__}: return a list of "
                   f"(name, number of orders, total) tuples, built while the session is open"
                   + (" (a generator runs only when read, after the session has closed)."
                      if hasattr(page, "__next__") else "."))
            try:
                rows = [tuple(row) for row in page]
            except TypeError:
                raise NotYet("return a list of (name, number of orders, total) tuples; "
                             f"its items are {type(page[0]).__name__}.") from None
    finally:
        engine.dispose()
    ids = list(range(1, PAGE_SIZE + 1))
    expected = [(_shopper(i), len(_orders_of(i)), sum(_orders_of(i))) for i in ids]
    expect(len(rows) == len(expected), f"expected {len(expected)} rows (the first page), got {len(rows)}.")
    stored = [_shopper(i) for i in INSERT_ORDER[:PAGE_SIZE]]
    names = [row[0] if row else None for row in rows]
    expect(names != stored, f"your page lists the customers in the order the shop stored them "
                            f"({', '.join(stored[:3])}, ...), not the first 10 by id: this test shop "
                            f"inserted its customers out of id order, and a query promises no order "
                            f"unless it asks for one.")
    known = set(_NAMES)
    expect(all(row and row[0] in known for row in rows),
           f"your page returned {rows[0][0] if rows and rows[0] else None!r}, a customer the checker's shop "
           f"does not have: read through the `session` argument, not a session or engine of your own.")
    for number, (got, want) in enumerate(zip(rows, expected), 1):
        expect(_same_row(got, want), f"row {number} should be {_show(want)}, got {_show(got)}"
               + (": the page holds the first 10 customers by id." if got and got[0] != want[0] else "."))
        expect(not isinstance(got[2], float),
               f"row {number}: the total {got[2]!r} is a float; money stays Decimal (a float cannot hold "
               f"0.10 exactly, so sums drift): keep the Decimal values the model gives you.")
    n = counter.count
    expect(n >= 1, "your page sent no statement through the checker's engine: load the customers and "
                   "their orders with the `session` argument.")
    if n == 1 + PAGE_SIZE:
        expect(False, f"your page ran {n} statements: one for the customers and one more per customer "
                      f"for their orders (the N+1 pattern). Load the orders with the customers "
                      f"(selectinload, or joinedload with .unique() on the result) to need 2 or fewer.")
    expect(n <= 2, f"your page ran {n} statements; the task asks for 2 or fewer: one for the customers "
                   f"and at most one for all their orders.")
    return f"the page is right and took {n} statement{'s' if n != 1 else ''}."


# --- Exercise 3: an atomic money transfer, checked by its invariants ---------

class SimulatedCrash(duckdb.IOException):
    """What :class:`CrashingConnection` raises in place of a write: as if the disk failed there."""


_WRITES = {duckdb.StatementType.INSERT, duckdb.StatementType.UPDATE, duckdb.StatementType.DELETE,
           duckdb.StatementType.MERGE_INTO}


class CrashingConnection:
    """A DuckDB connection that fails from the second data-changing statement on.

    It forwards everything (``execute``, ``sql``, ``begin``, ``commit``,
    ``rollback``, ``fetchall`` ...) to the real connection, with DuckDB's own
    semantics, except that the second ``INSERT``, ``UPDATE``, ``DELETE`` or
    ``MERGE`` it is asked to run, and every one after it, raises
    :class:`SimulatedCrash` instead of running (so a compensating write cannot
    hide a partial one). A batch of several statements in one string is run one statement
    at a time, and ``executemany`` one parameter set at a time, as DuckDB
    does. Cursors made from it share its count.
    """

    def __init__(self, con, state=None):
        self._con = con
        self._state = state if state is not None else {"writes": 0, "crashed": False, "cursors": []}

    @property
    def crashed(self) -> bool:
        return self._state["crashed"]

    @property
    def cursors(self) -> list:
        return self._state["cursors"]

    def _wrap(self, result):
        return self if result is self._con else result

    def _send(self, method, query, *args, **kwargs):
        try:
            statements = duckdb.extract_statements(query) if isinstance(query, str) else []
        except duckdb.Error:
            statements = []                 # not valid SQL: DuckDB reports it below
        if len(statements) > 1 and not args and not kwargs:
            for statement in statements[:-1]:
                self._send("execute", statement.query)
            return self._send(method, statements[-1].query)
        if any(statement.type in _WRITES for statement in statements):
            self._state["writes"] += 1
            if self._state["writes"] >= 2:      # a failed disk stays failed
                self._state["crashed"] = True
                raise SimulatedCrash("IO Error: simulated crash from the second write on "
                                     "(the checker's test of atomicity)")
        return self._wrap(getattr(self._con, method)(query, *args, **kwargs))

    def execute(self, query, *args, **kwargs):
        return self._send("execute", query, *args, **kwargs)

    def sql(self, query, *args, **kwargs):
        return self._send("sql", query, *args, **kwargs)

    def executemany(self, query, parameters=(), **kwargs):
        """One write per parameter set, as DuckDB runs them (each committed in auto-commit mode)."""
        try:
            statements = duckdb.extract_statements(query) if isinstance(query, str) else []
        except duckdb.Error:
            statements = []
        if len(statements) == 1 and statements[0].type in _WRITES and not kwargs:
            for params in parameters:
                self._send("execute", query, params)
            return self
        return self._wrap(self._con.executemany(query, parameters, **kwargs))

    query = sql

    def cursor(self):
        cursor = CrashingConnection(self._con.cursor(), self._state)
        self._state["cursors"].append(cursor._con)
        return cursor

    def __getattr__(self, name):
        attr = getattr(self._con, name)
        if not callable(attr):
            return attr

        def forward(*args, **kwargs):
            return self._wrap(attr(*args, **kwargs))
        return forward

    def __enter__(self):
        self._con.__enter__()
        return self

    def __exit__(self, *exc):
        return self._con.__exit__(*exc)


class RacingConnection(CrashingConnection):
    """A connection on which another transfer commits just before the learner's first write.

    Right before the first ``INSERT``, ``UPDATE`` or ``DELETE`` the learner runs, a
    competing transfer commits on another connection to the same database, as a
    concurrent request would. A balance read outside the transaction (or not at
    all) is then stale; a balance read inside the transaction belongs to its
    snapshot, and DuckDB reports a write conflict when the learner writes that row.
    """

    def __init__(self, con, competitor):
        super().__init__(con, {"writes": -10**9, "crashed": False, "cursors": [], "raced": False})
        self._competitor = competitor       # a function of a fresh cursor: the other transfer

    def _send(self, method, query, *args, **kwargs):
        try:
            kinds = [st.type for st in duckdb.extract_statements(query)] if isinstance(query, str) else []
        except duckdb.Error:
            kinds = []
        if len(kinds) == 1 and kinds[0] in _WRITES and not self._state["raced"]:
            self._state["raced"] = True
            other = self._con.cursor()
            try:
                self._competitor(other)
            finally:
                other.close()
        return super()._send(method, query, *args, **kwargs)

    def cursor(self):
        cursor = RacingConnection(self._con.cursor(), self._competitor)
        cursor._state = self._state
        self._state["cursors"].append(cursor._con)
        return cursor


def _take(source, target, amount):
    """The competing transfer, committed on its own connection."""
    def run(other):
        other.execute("BEGIN")
        other.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, source])
        other.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, target])
        other.execute("COMMIT")
    return run


def _expect_no_race(transfer, con):
    """Account 2 can pay 60 when checked; another transfer takes 40 of it just before the debit."""
    before = _balances(con)
    racing = RacingConnection(con, _take(2, 1, 40))
    error, left_open = _attempt(transfer, con, 2, 3, 60, given=racing)
    after = _balances(con)
    if not racing._state["raced"]:          # it wrote nothing: it refused a transfer it could make
        expect(False, f"transfer(con, 2, 3, 60) should move 60 from account 2 (which holds {before[2]}) to "
                      f"account 3, but it wrote nothing" + (f" and raised {type(error).__name__}: {error}."
                                                            if error else "."))
    where = ("transfer(con, 2, 3, 60), while another transfer moved 40 out of account 2 and committed "
             f"just before your first write (account 2 held {before[2]}, then {before[2] - 40})")
    expect(not left_open, f"{where}, left its transaction open: ROLLBACK when a statement fails.")
    stale = ("Read the balance inside the same transaction as the writes, and compare it with the amount "
             "on every attempt, so that the database reports the conflict (Lab 4).")
    expect(min(after.values()) >= 0, f"{where}, went through and overdrew account 2: the balances went from "
                                     f"{before} to {after}. {stale}")
    expect(sum(after.values()) == sum(before.values()),
           f"{where}, wrote balances computed from a stale read: the balances went from {before} to {after}, "
           f"and the total from {sum(before.values())} to {sum(after.values())}: a lost update. {stale}")
    expect(after[3] == before[3], f"{where}, went through on a balance that no longer covered it: the "
                                  f"balances went from {before} to {after}. {stale}")
    expect(error is not None, f"{where}, returned normally, but the transfer did not happen: raise "
                              f"an error (the database's conflict error, or a ValueError) so the caller knows.")


_START = {1: 100, 2: 80, 3: 10}


def _balances(con) -> dict[int, int]:
    return dict(con.execute("SELECT id, balance FROM accounts ORDER BY id").fetchall())


def _was_left_open(con, is_cursor=False) -> bool:
    """True if a transaction is still open (or aborted) on `con`; it is rolled back either way."""
    try:
        con.execute("BEGIN")
    except duckdb.ConnectionException:
        if is_cursor:                       # a cursor the learner closed: nothing is left open on it
            return False
        raise NotYet("your function closed the connection `con`: leave it open, the caller owns it.") from None
    except duckdb.Error:
        con.execute("ROLLBACK")
        return True
    con.execute("ROLLBACK")
    return False


def _attempt(transfer, con, source, target, amount, given=None):
    """Call the learner's transfer with `given` (or `con`); return (the exception raised or None, left open)."""
    error = None
    try:
        transfer(given if given is not None else con, source, target, amount)
    except NotImplementedError:
        raise NotYet("`transfer` is still the stub: replace `raise NotImplementedError` with your code.") from None
    except Exception as exc:  # a refusal or a failure, judged by the caller
        error = exc
    left_open = _was_left_open(con)
    if given is not None:
        left_open = any([_was_left_open(cursor, is_cursor=True) for cursor in given.cursors]) or left_open
    return error, left_open


def _call_text(source, target, amount) -> str:
    return f"transfer(con, {source}, {target}, {amount})"


def _moved(before, source, target, amount) -> dict[int, int]:
    after = dict(before)
    after[source] -= amount
    after[target] += amount
    return after


def _expect_success(transfer, con, source, target, amount, given=None, note=""):
    before, call_text = _balances(con), _call_text(source, target, amount)
    error, left_open = _attempt(transfer, con, source, target, amount, given)
    ids_note = (" (`source` and `target` are account ids, the `id` column.)"
                if isinstance(error, (duckdb.ConversionException, duckdb.BinderException)) else "")
    expect(error is None, f"{call_text} should move {amount} from account {source} to account {target}, "
                          f"but it raised {type(error).__name__}: {error}.{ids_note}{note}")
    expect(not left_open, f"{call_text} worked but left its transaction open: end it with COMMIT.")
    got, want = _balances(con), _moved(before, source, target, amount)
    expect(got == want, f"after {call_text} the balances should be {want}, got {got}.")


def _expect_atomic(transfer, con, source, target, amount) -> bool:
    """The crash test; True if the learner's transfer made two writes (and so met the crash)."""
    crashing = CrashingConnection(con)
    before, call_text = _balances(con), _call_text(source, target, amount)
    error, left_open = _attempt(transfer, con, source, target, amount, given=crashing)
    if not crashing.crashed:                # one write or none: judged as a plain transfer
        expect(error is None, f"{call_text} should move {amount} from account {source} to account "
                              f"{target}, but it raised {type(error).__name__}: {error}.")
        expect(not left_open, f"{call_text} worked but left its transaction open: end it with COMMIT.")
        got, want = _balances(con), _moved(before, source, target, amount)
        expect(got == want, f"after {call_text} the balances should be {want}, got {got}.")
        return False
    where = (f"{call_text}, with a crash simulated just before its second write (the checker's "
             f"connection failed that statement)")
    expect(not left_open, f"{where}, left the transaction open: ROLLBACK when a statement fails.")
    after = _balances(con)
    expect(after == before, f"{where}, left a partial write: the balances went from {before} to {after}, "
                            f"so money {'vanished' if sum(after.values()) < sum(before.values()) else 'appeared'}. "
                            f"Both writes must happen in one transaction, rolled back when a statement fails.")
    expect(error is not None, f"{where}, returned normally, as if the transfer had happened: after the "
                              f"ROLLBACK, let the error propagate (re-raise it) so the caller knows.")
    expect(not isinstance(error, ValueError),
           f"{where}, raised ValueError: {error}. A ValueError says the transfer was refused; this was a "
           f"failure: re-raise the database's own error, so the caller can tell the two apart.")
    return True


_REFUSALS = (
    (3, 1, 50, "insufficient", "account 3 holds only 10"),
    (1, 99, 20, "target", "account 99 does not exist"),
    (99, 1, 20, "source", "account 99 does not exist"),
    (2, 1, -40, "amount", "a negative amount would move money backwards"),
    (2, 1, 0, "amount", "the task refuses a non-positive amount"),
)


def _expect_refusal(transfer, con, source, target, amount, kind, why):
    before, call_text = _balances(con), _call_text(source, target, amount)
    error, left_open = _attempt(transfer, con, source, target, amount)
    after = _balances(con)
    if after != before:
        no_row = ("an UPDATE whose WHERE matches no row raises no error: it changes 0 rows "
                  "(DuckDB returns that count, as in Lab 4)")
        if kind == "target" and after[source] == before[source] - amount:
            raise NotYet(f"{call_text} must be refused ({why}), but account {source} was debited {amount} "
                         f"and no account was credited: {no_row}. Check, before COMMIT, that the credit changed one row.")
        if kind == "source" and after[target] == before[target] + amount:
            raise NotYet(f"{call_text} must be refused ({why}), but account {target} was credited {amount} "
                         f"from an account that does not exist: {no_row}. Check that the source exists.")
        if kind == "insufficient":
            raise NotYet(f"{call_text} must be refused ({why}), but it went through: the balances went "
                         f"from {before} to {after}. Compare the balance with the amount before debiting.")
        raise NotYet(f"{call_text} must be refused ({why}), but the balances went from {before} to {after}.")
    expect(error is not None, f"{call_text} must be refused ({why}): raise a ValueError, "
                              f"but it returned normally.")
    expect(isinstance(error, ValueError), f"{call_text} raised {type(error).__name__}: {error}; "
                                          f"the task asks for a ValueError for every refusal ({why}).")
    expect(not left_open, f"{call_text} refused the transfer but left its transaction open: "
                          f"ROLLBACK before raising.")


@checker
def check_transfer(transfer):
    """`transfer(con, source, target, amount)`: all or nothing, refusals as ValueError, total unchanged."""
    expect(callable(transfer), f"`transfer` should be a function, but it is {type(transfer).__name__}.")
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner VARCHAR NOT NULL, "
                    "balance INTEGER NOT NULL)")   # no CHECK here: your function keeps the rules
        con.execute("INSERT INTO accounts VALUES (1, 'ana', 100), (2, 'ben', 80), (3, 'cy', 10)")
        total = sum(_START.values())
        scenarios = [lambda: _expect_success(transfer, con, 1, 2, 30),
                     lambda: _expect_atomic(transfer, con, 2, 3, 25),
                     lambda: _expect_no_race(transfer, con),
                     *(lambda refusal=refusal: _expect_refusal(transfer, con, *refusal) for refusal in _REFUSALS),
                     lambda: _expect_success(transfer, con, 3, 2, 10,       # the whole balance: allowed
                                             note=" Account 3 holds exactly 10: moving a whole balance is allowed.")]
        results = []
        for scenario in scenarios:          # each from the same starting balances
            for account, balance in _START.items():
                con.execute("UPDATE accounts SET balance = ? WHERE id = ?", [balance, account])
            results.append(scenario())
            got = _balances(con)
            expect(min(got.values()) >= 0, f"a balance went negative: {got}.")
            expect(sum(got.values()) == total, f"the total changed from {total} to {sum(got.values())}.")
        two_writes = results[1]
    finally:
        con.close()
    how = ("a crash between your two writes left no trace" if two_writes else
           "your transfer writes with one statement, which is atomic on its own")
    return (f"{how}; a transfer that raced another one did not overdraw; the refusals raised ValueError "
            f"and changed nothing; the total stayed {total} and no balance went negative.")
