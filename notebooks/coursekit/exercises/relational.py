"""Checkers for chapter 06, relational databases and ORMs.

Each checker builds its own fresh in-memory database, so it gives the same
answer whatever state the learner's notebook is in (and after the notebook has
closed its own connections):

- :func:`check_top_customers` runs the learner's SQL on a copy of the chapter's
  shop (the same schema and seed data as Lab 1) and compares the rows;
- :func:`check_customer_page` seeds a small shop through the learner's own ORM
  models, calls their page function and counts the statements it sends;
- :func:`check_transfer` tries the learner's transfer function on a small
  accounts table, including transfers that must fail, and checks the
  invariants: total unchanged, no negative balance, no partial write, no
  transaction left open.
"""
from __future__ import annotations

from decimal import Decimal

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
GROUP BY c.name
ORDER BY revenue DESC, c.name
"""


def _shop():
    import duckdb

    con = duckdb.connect()          # in memory: nothing on disk, gone when closed
    for statement in SHOP.split(";"):
        if statement.strip():
            con.execute(statement)
    return con


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
    import duckdb

    expect(sql is not ..., "write your query as a string: `top_customers_sql = \"SELECT ...\"`.")
    expect(isinstance(sql, str), f"`top_customers_sql` should be a string of SQL, "
                                 f"but it is {type(sql).__name__}.")
    con = _shop()
    try:
        expected = con.execute(_REVENUE.format(where="WHERE o.status <> 'cancelled'") + "LIMIT 3").fetchall()
        with_cancelled = con.execute(_REVENUE.format(where="")).fetchall()
        try:
            cursor = con.execute(sql)
        except duckdb.Error as exc:
            raise NotYet("your SQL did not run on the shop: "
                         + str(exc).strip().splitlines()[0]) from None
        expect(cursor.description is not None, "your SQL returned no result set: write a SELECT.")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    finally:
        con.close()
    expect(columns == ["name", "revenue"],
           f"expected the columns ['name', 'revenue'], got {columns}: name them with AS.")
    expect(len(rows) == len(expected), f"expected {len(expected)} rows, got {len(rows)}"
           + (": keep only the top 3 with LIMIT." if len(rows) > len(expected) else "."))
    if all(any(_same_row(r, e) for e in expected) for r in rows) and not all(map(_same_row, rows, expected)):
        raise NotYet("the right rows in the wrong order: sort by revenue, highest first "
                     "(ORDER BY revenue DESC).")
    for number, (got, want) in enumerate(zip(rows, expected), 1):
        if not _same_row(got, want):
            hint = ""
            if any(_same_row(got, w) for w in with_cancelled):
                hint = ": it looks like cancelled orders were counted"
            raise NotYet(f"row {number} should be {_show(want)}, got {_show(got)}{hint}.")
    return f"the top 3 are {', '.join(name for name, _ in expected)}."


# --- Exercise 2: the N+1 fix, checked by statement count ---------------------

PAGE_SIZE = 10


@checker
def check_customer_page(customer_page, Customer):
    """`customer_page(session)` -> [(name, orders, total)] for the first 10 customers, in <= 2 statements."""
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
            for i in range(1, 16):      # 15 customers with 0 to 3 orders each
                session.add(Customer(name=f"Shopper {i:02d}", email=f"shopper{i}@example.com",
                                     country="FR" if i % 2 else "DE",
                                     orders=[Order(total=Decimal(10 * i + j)) for j in range(i % 4)]))
            session.commit()
        expected = [(f"Shopper {i:02d}", i % 4, sum(Decimal(10 * i + j) for j in range(i % 4)))
                    for i in range(1, PAGE_SIZE + 1)]
        with engine.connect() as conn:      # warm up, so only the page's statements are counted
            conn.execute(text("SELECT 1"))
        with Session(engine) as session, count_statements(engine) as counter:
            page = call(customer_page, session)
    finally:
        engine.dispose()
    try:
        rows = [tuple(row) for row in page]
    except TypeError:
        raise NotYet(f"return a list of (name, number of orders, total) tuples, "
                     f"not {type(page).__name__}.") from None
    expect(len(rows) == len(expected), f"expected {len(expected)} rows (the first page), got {len(rows)}.")
    for number, (got, want) in enumerate(zip(rows, expected), 1):
        expect(_same_row(got, want), f"row {number} should be {_show(want)}, got {_show(got)}.")
    n = counter.count
    expect(n <= 2, f"your page ran {n} statements: one for the customers and one more per customer "
                   f"for their orders (the N+1 pattern). Load the orders with the customers "
                   f"(selectinload or joinedload) to need 2 or fewer.")
    return f"the page is right and took {n} statement{'s' if n != 1 else ''}."


# --- Exercise 3: an atomic money transfer, checked by its invariants ---------

_ACCOUNTS = {1: 100, 2: 80, 3: 10}


def _balances(con) -> dict[int, int]:
    return dict(con.execute("SELECT id, balance FROM accounts ORDER BY id").fetchall())


def _no_open_transaction(con, what: str) -> None:
    import duckdb

    try:
        con.execute("BEGIN")
    except duckdb.Error:
        raise NotYet(f"after {what} your function left a transaction open (or aborted): "
                     f"end it with COMMIT, or ROLLBACK when something fails.") from None
    con.execute("ROLLBACK")


def _attempt(transfer, con, source, target, amount):
    """Call the learner's transfer; return the exception it raised, or None."""
    what = f"transfer(con, {source}, {target}, {amount})"
    try:
        transfer(con, source, target, amount)
    except NotImplementedError:
        raise NotYet("`transfer` is still the stub: replace `raise NotImplementedError` with your code.") from None
    except Exception as exc:  # a refusal, which some cases expect
        return exc
    finally:
        _no_open_transaction(con, what)
    return None


@checker
def check_transfer(transfer):
    """`transfer(con, source, target, amount)`: all or nothing, never negative, total unchanged."""
    import duckdb

    expect(callable(transfer), f"`transfer` should be a function, but it is {type(transfer).__name__}.")
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner VARCHAR NOT NULL, "
                    "balance INTEGER NOT NULL)")   # no CHECK here: your function keeps the rules
        con.execute("INSERT INTO accounts VALUES (1, 'ana', 100), (2, 'ben', 80), (3, 'cy', 10)")
        total = sum(_balances(con).values())
        error = _attempt(transfer, con, 1, 2, 30)
        expect(error is None, f"transfer(con, 1, 2, 30) should succeed, but it raised "
                              f"{type(error).__name__}: {error}.")
        got = _balances(con)
        expect(got == {1: 70, 2: 110, 3: 10}, f"after moving 30 from account 1 to 2 the balances "
                                              f"should be {{1: 70, 2: 110, 3: 10}}, got {got}.")
        for source, target, amount, why in ((3, 1, 50, "account 3 holds only 10"),
                                            (1, 99, 20, "account 99 does not exist"),
                                            (99, 1, 20, "account 99 does not exist"),
                                            (2, 1, -40, "a negative amount would move money backwards")):
            before = _balances(con)
            error = _attempt(transfer, con, source, target, amount)
            after = _balances(con)
            call_text = f"transfer(con, {source}, {target}, {amount})"
            if after != before and sum(after.values()) != sum(before.values()):
                raise NotYet(f"{call_text} must change nothing ({why}), but the balances went from "
                             f"{before} to {after}: a partial write, money appeared or vanished. "
                             f"Do both updates in one transaction and ROLLBACK on failure.")
            expect(after == before, f"{call_text} must be refused ({why}), but it went through: "
                                    f"the balances went from {before} to {after}.")
            expect(error is not None, f"{call_text} should refuse by raising an exception "
                                      f"(ValueError is a good choice): {why}.")
        got = _balances(con)
        expect(min(got.values()) >= 0, f"a balance went negative: {got}.")
        expect(sum(got.values()) == total, f"the total changed from {total} to {sum(got.values())}.")
    finally:
        con.close()
    return "every transfer was all or nothing, the total stayed 190 and no balance went negative."
