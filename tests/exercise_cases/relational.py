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
            # LIMIT without ORDER BY: three real revenues, not the top 3
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="", limit="LIMIT 3")
             .replace("ORDER BY revenue", ""), "no ORDER BY"),
            # sorted by name: real revenues, not the top 3
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="", limit="LIMIT 3")
             .replace("ORDER BY revenue", "ORDER BY c.name"), "not the top 3"),
            # the right rows by luck: QUALIFY keeps the top 3, but nothing orders them
            ('top_customers_sql = """\n'
             '    SELECT c.name, sum(oi.quantity * p.price) AS revenue\n'
             '    FROM customers AS c JOIN orders AS o ON o.customer_id = c.id\n'
             '    JOIN order_items AS oi ON oi.order_id = o.id JOIN products AS p ON p.id = oi.product_id\n'
             '    WHERE o.status <> \'cancelled\'\n'
             '    GROUP BY c.name QUALIFY rank() OVER (ORDER BY revenue DESC) <= 3\n'
             '"""\n', "no ORDER BY"),
            # the answer typed in, not computed
            ('top_customers_sql = """SELECT * FROM (VALUES (\'Gus\', 1479.30), (\'Dev\', 1144.25),\n'
             '    (\'Ana\', 848.40)) AS t(name, revenue) ORDER BY revenue DESC"""\n', "second shop"),
            # deletes the cancelled orders' items first
            ('top_customers_sql = "DELETE FROM order_items; " + ' + repr(
                "SELECT c.name, sum(oi.quantity * p.price) AS revenue FROM customers AS c "
                "JOIN orders AS o ON o.customer_id = c.id JOIN order_items AS oi ON oi.order_id = o.id "
                "JOIN products AS p ON p.id = oi.product_id GROUP BY c.name ORDER BY revenue DESC LIMIT 3")
             + '\n', "one SELECT statement"),
            # revenue formatted as text
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="DESC", limit="LIMIT 3")
             .replace("sum(oi.quantity * p.price) AS", "printf('%.2f', sum(oi.quantity * p.price)) AS"),
             "revenue should be a number"),
            ('top_customers_sql = ""\n', "query is empty"),
            # grouped by name alone: two customers who share a name are added together
            (_TOP.format(where="WHERE o.status <> 'cancelled'", direction="DESC", limit="LIMIT 3"),
             "both named Ana"),
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
            # money as float
            (_PAGE.format(loader="selectinload", order=".order_by(Customer.id)", unique="", open="[",
                          close="]").replace("sum(o.total for o in c.orders)",
                                             "float(sum(o.total for o in c.orders))"), "is a float"),
            # ordered by name, not by id
            (_PAGE.format(loader="selectinload", order=".order_by(Customer.name)", unique="", open="[",
                          close="]"), "first 10 customers by id"),
            # a wasted count query on top of selectinload: 3 statements
            ('def customer_page(session):\n'
             '    session.scalar(select(func.count()).select_from(Customer))\n'
             '    stmt = select(Customer).options(selectinload(Customer.orders)).order_by(Customer.id).limit(10)\n'
             '    return [(c.name, len(c.orders), sum(o.total for o in c.orders)) for c in session.scalars(stmt)]\n',
             "asks for 2 or fewer"),
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
            # refuses a transfer of the whole balance (<= where < belongs)
            (_atomic().replace("rows[0][0] < amount", "rows[0][0] <= amount"), "should move 10"),
            # checks the balance before the transaction: stale by the time of the debit
            ('def transfer(con, source, target, amount):\n'
             '    if amount <= 0:\n'
             '        raise ValueError("the amount must be positive")\n'
             '    rows = con.execute("SELECT balance FROM accounts WHERE id = ?", [source]).fetchall()\n'
             '    if not rows or rows[0][0] < amount:\n'
             '        raise ValueError("unknown source or insufficient funds")\n'
             '    con.execute("BEGIN")\n'
             '    try:\n'
             '        con.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, source])\n'
             '        [(n,)] = con.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?",\n'
             '                             [amount, target]).fetchall()\n'
             '        if n != 1:\n'
             '            raise ValueError("unknown target")\n'
             '        con.execute("COMMIT")\n'
             '    except Exception:\n'
             '        con.execute("ROLLBACK")\n'
             '        raise\n', "overdrew account 2"),
            # no transaction: a refund is meant to undo the debit if the credit fails
            ('def transfer(con, source, target, amount):\n'
             '    if amount <= 0:\n'
             '        raise ValueError("the amount must be positive")\n'
             '    [(n,)] = con.execute("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?",\n'
             '                         [amount, source, amount]).fetchall()\n'
             '    if n != 1:\n'
             '        raise ValueError("unknown source or insufficient funds")\n'
             '    try:\n'
             '        [(n,)] = con.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?",\n'
             '                             [amount, target]).fetchall()\n'
             '        if n != 1:\n'
             '            raise ValueError("unknown target")\n'
             '    except BaseException:\n'
             '        con.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, source])\n'
             '        raise\n', "a partial write"),
            # turns the crash into a refusal
            (_atomic(caught="duckdb.IOException", reraise="raise ValueError('transfer failed')"),
             "A ValueError says the transfer was refused"),
            # checks the target, then the balance, both before BEGIN
            (_atomic().replace('    con.execute("BEGIN")\n    try:\n'
                               '        rows = con.execute("SELECT balance FROM accounts WHERE id = ?", [source]).fetchall()\n'
                               '        if not rows or rows[0][0] < amount:\n'
                               '            raise ValueError("unknown source or insufficient funds")\n',
                               '    rows = con.execute("SELECT balance FROM accounts WHERE id = ?", [source]).fetchall()\n'
                               '    if not rows or rows[0][0] < amount:\n'
                               '        raise ValueError("unknown source or insufficient funds")\n'
                               '    con.execute("BEGIN")\n    try:\n'), "overdrew account 2"),
        ),
    ),
]
