"""Wrong and malformed answers for the exercises of 10-apis."""
from exercise_cases import Case

_CODES = {
    "POST /books with a valid new book": 201,
    "POST /books with a body that is not JSON": 400,
    "POST /books with JSON that lacks the title": 422,
    "POST /books with an ISBN another book has": 409,
    "GET /books/8": 404,
    'PUT /books/7 with If-Match: "v1"': 412,
    "DELETE /books/7": 204,
}


def _codes(**changes):
    """The right answer with some entries changed, as code defining ``status_codes``."""
    names = {"create": "POST /books with a valid new book", "not_json": "POST /books with a body that is not JSON",
             "no_title": "POST /books with JSON that lacks the title", "isbn": "POST /books with an ISBN another book has",
             "missing": "GET /books/8", "stale": 'PUT /books/7 with If-Match: "v1"', "delete": "DELETE /books/7"}
    codes = dict(_CODES)
    for short, value in changes.items():
        codes[names[short]] = value
    return f"status_codes = {codes!r}\n"


# a hand-written HS256 verifier that checks the signature and exp, then the audience as below
_MANUAL = """import base64, hashlib, hmac, json, time
def _part(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
def verify_token(token, secret):
    h, b, s = token.split(".")
    if json.loads(_part(h)).get("alg") != "HS256":
        raise ValueError("alg")
    if not hmac.compare_digest(hmac.new(secret, (h + "." + b).encode(), hashlib.sha256).digest(), _part(s)):
        raise ValueError("signature")
    claims = json.loads(_part(b))
    if not isinstance(claims.get("exp"), (int, float)) or claims["exp"] <= time.time():
        raise ValueError("exp")
"""


def _verifier(body):
    return "import jwt\ndef verify_token(token, secret):\n    return " + body + "\n"


CASES = [
    Case(
        check="check_status_codes(status_codes)",
        # misses the point: a stale If-Match treated as a plain conflict
        wrong=_codes(stale=409),
        wrong_says="a condition the client sent in a header was false",
        malformed='status_codes = ["201", "400"]\n',
        malformed_says="should be a dict",
        more_wrong=(
            (_codes(create=200), "a creation has its own code"),
            (_codes(no_title=400), "well-formed content that fails validation"),
            (_codes(not_json=422), "cannot even be parsed"),
            (_codes(isbn=400), "clashes with the current state"),
            (_codes(stale=200), "the write must not happen"),
            (_codes(delete=200), "with no body"),
            (_codes(missing=410), "does not mean what happened here"),
            (_codes(missing=500), "is a server error"),
            (_codes(stale="412"), "as an int"),
            ("status_codes = {'GET /books/8': 404}\n", "is missing"),
            # from the blind solve: Unsupported Media Type for a body that does not parse
            (_codes(not_json=415), "the body itself did not parse"),
            # from the blind solve: Precondition Required (RFC 6585) for a false condition
            (_codes(stale=428), "RFC 6585"),
        ),
    ),
    Case(
        check="check_verify_token(verify_token)",
        # misses the point: reads the claims without checking the signature
        wrong=_verifier('jwt.decode(token, options={"verify_signature": False})'),
        wrong_says="payload was edited after signing",
        malformed="def verify_token(token):\n    return {}\n",
        malformed_says="raised TypeError",
        more_wrong=(
            # no audience given: PyJWT then refuses every token that has an aud claim, the valid one too
            (_verifier('jwt.decode(token, secret, algorithms=["HS256"])'), "for a valid token"),
            # the audience check switched off
            (_verifier('jwt.decode(token, secret, algorithms=["HS256"], options={"verify_aud": False})'),
             "audience billing-api was accepted"),
            # the expiry check switched off
            (_verifier('jwt.decode(token, secret, algorithms=["HS256"], audience="orders-api", '
                       'options={"verify_exp": False})'), "expired a minute ago was accepted"),
            # exp not required
            (_verifier('jwt.decode(token, secret, algorithms=["HS256"], audience="orders-api")'),
             "no exp claim was accepted"),
            # every HMAC algorithm allowed
            (_verifier('jwt.decode(token, secret, algorithms=["HS256", "HS384", "HS512"], audience="orders-api", '
                       'options={"require": ["exp"]})'), "HS512"),
            # the claims split out by hand
            ("import base64, json\ndef verify_token(token, secret):\n"
             "    body = token.split('.')[1]\n"
             "    return json.loads(base64.urlsafe_b64decode(body + '=' * (-len(body) % 4)))\n",
             "edited after signing"),
            # from the blind solve (accepted before): aud checked only when the token has one
            (_MANUAL + '    if "aud" in claims and claims["aud"] != "orders-api":\n        raise ValueError("aud")\n'
             "    return claims\n", "no aud claim was accepted"),
            # from the blind solve (accepted before): a substring test on the audience
            (_MANUAL + '    if "orders-api" not in claims.get("aud", ""):\n        raise ValueError("aud")\n'
             "    return claims\n", "orders-api-staging was accepted"),
            (_MANUAL + '    if "orders-api" not in str(claims.get("aud")):\n        raise ValueError("aud")\n'
             "    return claims\n", "as a whole value"),
            # from the blind solve: the refusal returned instead of raised
            ("import jwt\ndef verify_token(token, secret):\n    try:\n"
             '        return jwt.decode(token, secret, algorithms=["HS256"], audience="orders-api", options={"require": ["exp"]})\n'
             "    except jwt.InvalidTokenError:\n        return None\n", "instead of raising"),
            # a BaseException from the learner's code becomes feedback
            ("import sys\ndef verify_token(token, secret):\n    sys.exit(1)\n", "SystemExit"),
            # a string instead of the claims
            (_verifier('str(jwt.decode(token, secret, algorithms=["HS256"], audience="orders-api", '
                       'options={"require": ["exp"]}))'), "as a dict"),
        ),
    ),
]
