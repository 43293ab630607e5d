"""Wrong and malformed answers for the exercises of 07-nosql."""
from exercise_cases import Case

# One Query on the customer's partition; {condition}, {values} and {forward} vary.
_QUERY = ('def orders_of(ddb, customer):\n'
          '    response = ddb.query(TableName="shop", KeyConditionExpression="{condition}",\n'
          '        ExpressionAttributeValues={{":pk": {{"S": f"CUSTOMER#{{customer}}"}}{values}}},\n'
          '        ScanIndexForward={forward})\n'
          '    return [item["SK"]["S"].removeprefix("ORDER#") for item in response["Items"]]\n')

_RING = ('def replicas_for(ring, key, n):\n'
         '    start = bisect.bisect_left(ring, (token(key),))\n'
         '    chosen = []\n'
         '    for step in range(len(ring)):\n'
         '        node = ring[{index}][1]\n'
         '        if node not in chosen:\n'
         '            chosen.append(node)\n'
         '            if len(chosen) == n:\n'
         '                break\n'
         '    return {result}\n')

CASES = [
    Case(
        check="check_orders_of(orders_of)",
        # misses the point: the right answer, from a Scan of the whole table
        wrong=('def orders_of(ddb, customer):\n'
               '    response = ddb.scan(TableName="shop",\n'
               '        FilterExpression="PK = :pk AND begins_with(SK, :o)",\n'
               '        ExpressionAttributeValues={":pk": {"S": f"CUSTOMER#{customer}"}, ":o": {"S": "ORDER#"}})\n'
               '    ids = [item["SK"]["S"].removeprefix("ORDER#") for item in response["Items"]]\n'
               '    return sorted(ids, reverse=True)\n'),
        wrong_says="called Scan",
        malformed="def orders_of(ddb, customer):\n    return None\n",
        malformed_says="should return a list",
        more_wrong=(
            # the default ascending order
            (_QUERY.format(condition="PK = :pk AND begins_with(SK, :o)",
                           values=', ":o": {"S": "ORDER#"}', forward="True"), "not newest first"),
            # no sort-key condition: the PROFILE item comes back too
            (_QUERY.format(condition="PK = :pk", values="", forward="False"), "not an order"),
            # two requests: check the profile exists, then query
            ('def orders_of(ddb, customer):\n'
             '    ddb.get_item(TableName="shop", Key={"PK": {"S": f"CUSTOMER#{customer}"}, "SK": {"S": "PROFILE"}})\n'
             + _QUERY.format(condition="PK = :pk AND begins_with(SK, :o)",
                             values=', ":o": {"S": "ORDER#"}', forward="False").split("\n", 1)[1],
             "sent 2 requests"),
            # the full sort keys instead of the ids
            (_QUERY.format(condition="PK = :pk AND begins_with(SK, :o)", values=', ":o": {"S": "ORDER#"}',
                           forward="False").replace('.removeprefix("ORDER#")', ""), "order ids alone"),
            # a wrong partition key format
            (_QUERY.format(condition="PK = :pk AND begins_with(SK, :o)", values=', ":o": {"S": "ORDER#"}',
                           forward="False").replace("CUSTOMER#{customer}", "{customer}"), "returned 0 order ids"),
            # accepted before: the partition's key condition with a filter expression (reads the profile too)
            (_QUERY.format(condition="PK = :pk", values=', ":o": {"S": "ORDER#"}', forward="False").replace(
                'ScanIndexForward=False', 'FilterExpression="begins_with(SK, :o)", ScanIndexForward=False'),
             "read 4 items to return 3"),
            # accepted before: the whole partition, the profile dropped in Python
            (_QUERY.format(condition="PK = :pk", values="", forward="False").replace(
                'for item in response["Items"]]', 'for item in response["Items"] if item["SK"]["S"] != "PROFILE"]'),
             "read 4 items to return 3"),
            # accepted before: fails (IndexError) for a customer without orders
            (_QUERY.format(condition="PK = :pk AND begins_with(SK, :o)", values=', ":o": {"S": "ORDER#"}',
                           forward="False").replace('    return', '    response["Items"][0]\n    return'),
             "a customer with a profile and no orders"),
            # accepted before: answers learnt from the checker's fixed table, with one Query for show
            ('def orders_of(ddb, customer):\n'
             '    ddb.query(TableName="shop", KeyConditionExpression="PK = :pk",\n'
             '              ExpressionAttributeValues={":pk": {"S": "nothing"}})\n'
             '    return {"cust-b": ["1042", "1019", "1007"], "cust-a": ["1025", "1003"],\n'
             '            "cust-c": ["1011"], "cust-bb": []}[customer]\n',
             "did not name that customer's partition"),
            # SystemExit from the learner's code is feedback, not a traceback
            ('def orders_of(ddb, customer):\n    raise SystemExit("no idea")\n', "raised SystemExit"),
        ),
    ),
    Case(
        check="check_replicas_for(replicas_for)",
        # misses the point: the next n virtual nodes, so one node can be chosen twice
        wrong=('def replicas_for(ring, key, n):\n'
               '    start = bisect.bisect_left(ring, (token(key),))\n'
               '    return [ring[(start + step) % len(ring)][1] for step in range(n)]\n'),
        wrong_says="a node appears twice",
        malformed="def replicas_for(ring, key, n):\n    return ','.join(node for _, node in ring[:n])\n",
        malformed_says="should return a list of node names",
        more_wrong=(
            # no wrap-around: IndexError past the last token
            (_RING.format(index="start + step", result="chosen"), "past the last token"),
            # distinct nodes, but sorted by name rather than in ring order
            (_RING.format(index="(start + step) % len(ring)", result="sorted(chosen)"), "in that order"),
            # the first token strictly after the key's (bisect_right on the tokens)
            (_RING.format(index="(start + step) % len(ring)", result="chosen").replace(
                "bisect.bisect_left(ring, (token(key),))",
                "bisect.bisect_right([t for t, _ in ring], token(key))"), "equals a virtual node's token"),
            # walking counter-clockwise
            (_RING.format(index="(start - step) % len(ring)", result="chosen"), "going clockwise"),
            # accepted before: looks only 2n+1 virtual nodes ahead
            (_RING.format(index="(start + step) % len(ring)", result="chosen").replace(
                "range(len(ring))", "range(2 * n + 1)"), "long runs of consecutive tokens"),
            # accepted before: answers learnt from the checker's fixed ring (here: only its first case)
            ('def replicas_for(ring, key, n):\n    return {"probe": ["red"]}.get(key, ["red", "blue", "green"][:n])\n',
             "returned"),
            # SystemExit from the learner's code is feedback, not a traceback
            ('def replicas_for(ring, key, n):\n    raise SystemExit(0)\n', "raised SystemExit"),
        ),
    ),
]
