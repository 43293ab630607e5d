"""Wrong and malformed answers for the exercises of 09-graph."""
from exercise_cases import Case

_MUTUAL = ("mutual_follows = '''\n"
           "    MATCH (a:Person)-[:Follows]->(b:Person)-[:Follows]->(a)\n"
           "    {where}\n"
           "    RETURN a.name AS first, b.name AS second\n"
           "    ORDER BY {order}'''\n")

_RECOMMEND = ("recommend = '''\n"
              "    MATCH (me:Person {{name: {me}}})-[:{follows}]->(f:Person)-[:Likes]->(i:Item)\n"
              "    {where}\n"
              "    RETURN i.title AS title, {count} AS friends\n"
              "    ORDER BY {order}'''\n")

_EXCLUDE = "WHERE NOT EXISTS { MATCH (me)-[:Likes]->(i) }"


def _recommend(me="$me", follows="Follows", where=_EXCLUDE, count="count(DISTINCT f)",
               order="friends DESC, title"):
    return _RECOMMEND.format(me=me, follows=follows, where=where, count=count, order=order)


CASES = [
    Case(
        check="check_mutual_follows(mutual_follows)",
        # misses the point of "each pair once": every pair comes back in both orders
        wrong=_MUTUAL.format(where="", order="first, second"),
        wrong_says="appears twice",
        # a Cypher syntax error (the closing parenthesis of (b:Person is missing)
        malformed=("mutual_follows = 'MATCH (a:Person)-[:Follows]->(b:Person WHERE a.name < b.name "
                   "RETURN a.name AS first, b.name AS second'\n"),
        malformed_says="your Cypher did not parse",
        more_wrong=(
            # an undirected pattern: one-way follows count as mutual
            ("mutual_follows = '''\n"
             "    MATCH (a:Person)-[:Follows]-(b:Person) WHERE a.name < b.name\n"
             "    RETURN DISTINCT a.name AS first, b.name AS second ORDER BY first, second'''\n",
             "is not a mutual pair"),
            # the columns left unnamed
            ("mutual_follows = '''\n"
             "    MATCH (a:Person)-[:Follows]->(b:Person)-[:Follows]->(a) WHERE a.name < b.name\n"
             "    RETURN a.name, b.name ORDER BY a.name, b.name'''\n",
             "expected the columns ['first', 'second']"),
            # no ORDER BY, or the wrong one
            (_MUTUAL.format(where="WHERE a.name < b.name", order="second DESC"), "not sorted by first"),
            # the visible answer typed in: the hidden graph has other pairs
            ("mutual_follows = '''UNWIND [['Ben', 'Chloé'], ['Dev', 'Ivo'], ['Dev', 'Jun'], "
             "['Femi', 'Lea'], ['Kai', 'Lea']] AS p\n"
             "    RETURN p[1] AS first, p[2] AS second ORDER BY first, second'''\n",
             "on a hidden graph of 16 people"),
            # an unknown label: the binder refuses it
            (_MUTUAL.format(where="WHERE a.name < b.name", order="first, second")
             .replace("(b:Person)", "(b:User)"), "did not run: Binder exception"),
            # no ORDER BY: on the chapter's graph, id order happens to be name order
            (_MUTUAL.format(where="WHERE a.name < b.name", order="first, second")
             .replace("    ORDER BY first, second", ""), "not sorted by first"),
            # sorted by first alone: ties in first come back in id order
            (_MUTUAL.format(where="WHERE a.name < b.name", order="first"), "not sorted by first"),
            # ids compared instead of names: the hidden graph's names are not in id order
            (_MUTUAL.format(where="WHERE a.id < b.id", order="first, second"),
             "has the alphabetically larger name first"),
            # the larger name first
            (_MUTUAL.format(where="WHERE a.name > b.name", order="first, second"),
             "has the alphabetically larger name first"),
            # ids returned instead of names
            (_MUTUAL.format(where="WHERE a.name < b.name", order="first, second")
             .replace("a.name AS first, b.name AS second", "a.id AS first, b.id AS second"),
             "should hold names"),
            # a walk that grows out of hand: stopped by the time limit
            ("mutual_follows = '''\n"
             "    MATCH (a:Person)-[:Follows*1..14]->(b:Person), (b)-[:Follows]->(a) WHERE a.name < b.name\n"
             "    RETURN DISTINCT a.name AS first, b.name AS second ORDER BY first, second'''\n",
             "your query was stopped after"),
            ("mutual_follows = 42\n", "should be a string of Cypher"),
            ("mutual_follows = '   '\n", "query is empty"),
        ),
    ),
    Case(
        check="check_recommend(recommend)",
        # misses the point of a recommendation: items I already like are suggested again
        wrong=_recommend(where=""),
        wrong_says="already likes",
        malformed="recommend = 'MATCH (me:Person {name: $me}) RETRUN me.name'\n",
        malformed_says="your Cypher did not parse",
        more_wrong=(
            # counts likes, not friends: a friend who liked an item on two days counts twice
            (_recommend(count="count(*)"), "counted twice"),
            # friends of friends too
            (_recommend(follows="Follows*1..2"), "is not liked by anyone"),
            # the person written into the query
            (_recommend(me="'Ben'"), "use the parameter `$me`"),
            # sorted by title alone
            (_recommend(order="title"), "not sorted by friends"),
            # the columns named otherwise
            (_recommend().replace("AS friends", "AS likes").replace("friends DESC", "likes DESC"),
             "expected the columns ['title', 'friends']"),
            # a "top 3": the hidden graph's person has more than three items
            (_recommend(order="friends DESC, title LIMIT 3"), "some items are missing"),
            # the people who follow $me, not the people $me follows
            (_recommend().replace("-[:Follows]->(f:Person)", "<-[:Follows]-(f:Person)"),
             "which is not the number of people"),
            ("recommend = ['MATCH (me:Person {name: $me}) RETURN me.name']\n",
             "should be a string of Cypher"),
            # two statements in one string
            ("recommend = 'MATCH (me:Person {name: $me}) RETURN me.name AS title, 1 AS friends; "
             "MATCH (n) RETURN n'\n", "one Cypher query"),
        ),
    ),
]
