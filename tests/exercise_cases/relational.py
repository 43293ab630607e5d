"""Wrong and malformed answers for the exercises of 06-relational."""
from exercise_cases import Case

_TOP = ('top_customers_sql = """\n'
        '    SELECT c.name, sum(oi.quantity * p.price) AS revenue\n'
        '    FROM customers AS c JOIN orders AS o ON o.customer_id = c.id\n'
        '    JOIN order_items AS oi ON oi.order_id = o.id JOIN products AS p ON p.id = oi.product_id\n'
        '    {where}\n'
        '    GROUP BY c.name ORDER BY revenue {direction} {limit}\n'
        '"""\n')

_PAGE = ('def customer_page(session):\n'
         '    stmt = select(Customer).options({loader}(Customer.orders)){order}.limit(10)\n'
         '    customers = session.scalars(stmt){unique}\n'
         '    return {open}(c.name, len(c.orders), sum(o.total for o in c.orders)) for c in customers{close}\n')

# A transfer in one transaction; {check_target} and {refuse} vary between the cases.
_ATOMIC = ('def transfer(con, source, target, amount):\n'
           '    if amount <= 0:\n'
           '        raise {refuse}("the amount must be positive")\n'
           '    con.execute("BEGIN")\n'
           '    try:\n'
           '        rows = con.execute("SELECT balance FROM accounts WHERE id = ?", [source]).fetchall()\n'
           '        if not rows or rows[0][0] < amount:\n'
           '            raise {refuse}("unknown source or insufficient funds")\n'
           '        con.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, source])\n'
           '        [(n,)] = con.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?",\n'
           '                             [amount, target]).fetchall()\n'
           '        if {check_target}n != 1:\n'
           '            raise {refuse}("unknown target")\n'
           '        con.execute("COMMIT")\n'
           '    except {caught}:\n'
           '        con.execute("ROLLBACK")\n'
           '        {reraise}\n')


def _atomic(refuse="ValueError", check_target="", caught="Exception", reraise="raise"):
    return _ATOMIC.format(refuse=refuse, check_target=check_target, caught=caught, reraise=reraise)


CASES = [
    Case(
        check="check_top_customers(top_customers_sql)",
        # misses the point of the filter: cancelled orders are counted as revenue
        wrong=_TOP.format(where="", direction="DESC", limit="LIMIT 3"),
        wrong_says="cancelled orders were counted",
        malformed="top_customers_sql = 42\n",
        malformed_says="should be a string",
        more_wrong=(
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="ASC", limit="LIMIT 3"),
             "highest revenue first"),
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="DESC", limit=""),
             "expected 3 rows, got 7"),
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="DESC", limit="LIMIT 3")
             .replace("revenue", "total"), "expected the columns ['name', 'revenue']"),
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="DESC", limit="LIMIT 3")
             .replace("oi.quantity * p.price", "p.price"), "revenue is the sum of quantity * price"),
        ),
    ),
    Case(
        check="check_customer_page(customer_page, Customer)",
        # misses the point of a page: no ORDER BY, so the rows come back as stored
        wrong=_PAGE.format(loader="selectinload", order="", unique="", open="[", close="]"),
        wrong_says="not the first 10 by id",
        malformed=('def customer_page(session):\n'
                   '    return len(session.scalars(select(Customer)).all())\n'),
        malformed_says="return a list of (name, number of orders, total) tuples",
        more_wrong=(
            # joinedload on a collection without .unique(): SQLAlchemy 2 refuses
            (_PAGE.format(loader="joinedload", order=".order_by(Customer.id)", unique=".all()",
                          open="[", close="]"), "call .unique() on the result"),
            # a generator: it would run after the session has closed
            (_PAGE.format(loader="selectinload", order=".order_by(Customer.id)", unique="",
                          open="(", close=")"), "return a list"),
            # still lazy: the N+1 statements
            ('def customer_page(session):\n'
             '    customers = session.scalars(select(Customer).order_by(Customer.id).limit(10)).all()\n'
             '    return [(c.name, len(c.orders), sum(o.total for o in c.orders)) for c in customers]\n',
             "the N+1 pattern"),
        ),
    ),
    Case(
        check="check_transfer(transfer)",
        # no transaction at all: it checks first, then sends two auto-commit UPDATEs
        wrong=('def transfer(con, source, target, amount):\n'
               '    if amount <= 0:\n'
               '        raise ValueError("the amount must be positive")\n'
               '    found = dict(con.execute("SELECT id, balance FROM accounts WHERE id IN (?, ?)",\n'
               '                             [source, target]).fetchall())\n'
               '    if source not in found or target not in found:\n'
               '        raise ValueError("unknown account")\n'
               '    if found[source] < amount:\n'
               '        raise ValueError("insufficient funds")\n'
               '    con.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, source])\n'
               '    con.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, target])\n'),
        wrong_says="a partial write",
        malformed='transfer = "move 30 from ana to ben"\n',
        malformed_says="should be a function",
        more_wrong=(
            # atomic, but refuses with RuntimeError where the task asks for ValueError
            (_atomic(refuse="RuntimeError"), "asks for a ValueError"),
            # atomic, but never checks that the credit found its account
            (_atomic(check_target="False and "), "matches no row"),
            # swallows the failure: the caller cannot tell the transfer did not happen
            (_atomic(caught="duckdb.Error", reraise="return"), "returned normally"),
            # takes owner names, as Lab 4 did: every valid transfer fails
            (_atomic().replace("WHERE id = ?", "WHERE owner = ?"), "account ids"),
            # no try/except: a failing statement leaves its transaction open
            ('def transfer(con, source, target, amount):\n'
             '    if amount <= 0:\n'
             '        raise ValueError("the amount must be positive")\n'
             '    con.execute("BEGIN")\n'
             '    rows = con.execute("SELECT balance FROM accounts WHERE id = ?", [source]).fetchall()\n'
             '    if not rows or rows[0][0] < amount:\n'
             '        raise ValueError("unknown source or insufficient funds")\n'
             '    con.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, source])\n'
             '    con.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, target])\n'
             '    con.execute("COMMIT")\n', "left the transaction open"),
        ),
    ),
]
