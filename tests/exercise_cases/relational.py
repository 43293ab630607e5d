"""Wrong and malformed answers for the exercises of 06-relational."""
from exercise_cases import Case

CASES = [
    Case(
        check="check_top_customers(top_customers_sql)",
        # forgets LIMIT
        wrong=('top_customers_sql = """\n'
               '    SELECT c.name, sum(oi.quantity * p.price) AS revenue\n'
               '    FROM customers AS c JOIN orders AS o ON o.customer_id = c.id\n'
               '    JOIN order_items AS oi ON oi.order_id = o.id JOIN products AS p ON p.id = oi.product_id\n'
               '    WHERE o.status <> \'cancelled\'\n'
               '    GROUP BY c.name ORDER BY revenue DESC\n'
               '"""\n'),
        wrong_says="expected 3 rows, got 7",
        malformed="top_customers_sql = 42\n",
        malformed_says="should be a string",
    ),
    Case(
        check="check_customer_page(customer_page, Customer)",
        # joinedload without .unique(): SQLAlchemy 2.x refuses to return duplicated parents
        wrong=('def customer_page(session):\n'
               '    stmt = select(Customer).options(joinedload(Customer.orders)).order_by(Customer.id).limit(10)\n'
               '    return [(c.name, len(c.orders), sum(o.total for o in c.orders))\n'
               '            for c in session.scalars(stmt).all()]\n'),
        wrong_says="unique()",
        malformed=('def customer_page(session):\n'
                   '    return len(session.scalars(select(Customer)).all())\n'),
        malformed_says="return a list of (name, number of orders, total) tuples",
    ),
    Case(
        check="check_transfer(transfer)",
        # not atomic: debits first, then finds out the target does not exist
        wrong=('def transfer(con, source, target, amount):\n'
               '    if amount <= 0:\n'
               '        raise ValueError("amount")\n'
               '    [(balance,)] = con.execute("SELECT balance FROM accounts WHERE id = ?", [source]).fetchall() or [(0,)]\n'
               '    if balance < amount:\n'
               '        raise ValueError("insufficient funds")\n'
               '    con.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, source])\n'
               '    [(n,)] = con.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, target]).fetchall()\n'
               '    if n != 1:\n'
               '        raise ValueError("unknown target")\n'),
        wrong_says="a partial write",
        malformed='transfer = "move 30 from ana to ben"\n',
        malformed_says="should be a function",
    ),
]
