"""Checkers for chapter 10, APIs and authentication.

``check_status_codes`` compares a dict of requests to status codes with RFC 9110's
meanings; ``check_verify_token`` runs the learner's JWT verifier on a valid token and on
forgeries it makes itself (with its own secret), and says which one got through.
"""
from __future__ import annotations

import base64
import json
import secrets
import time
import warnings

from ..checks import Escaped, NotYet, TooSlow, call, checker, expect

# -- Exercise 1: the right status code --------------------------------------------------

_STATUS = {
    "POST /books with a valid new book": 201,
    "POST /books with a body that is not JSON": 400,
    "POST /books with JSON that lacks the title": 422,
    "POST /books with an ISBN another book has": 409,
    "GET /books/8": 404,
    'PUT /books/7 with If-Match: "v1"': 412,
    "DELETE /books/7": 204,
}

# Why a code does not fit a request, without naming the right one.
_HINTS = {
    ("POST /books with a valid new book", 200): "200 says nothing was created; a creation has its own code, with the new URL in Location (RFC 9110 §15.3).",
    ("POST /books with a body that is not JSON", 422): "422 is for content the server could parse but not accept; this body cannot even be parsed.",
    ("POST /books with JSON that lacks the title", 400): "the JSON parsed fine; there is a more specific code for well-formed content that fails validation (RFC 9110 §15.5).",
    ('PUT /books/7 with If-Match: "v1"', 409): "409 is a conflict with the resource's state found while doing the request; here a condition the client sent in a header was false (RFC 9110 §13).",
    ('PUT /books/7 with If-Match: "v1"', 200): "the book's ETag is \"v2\", so the condition If-Match: \"v1\" is false: the write must not happen.",
    ("DELETE /books/7", 200): "200 is allowed, but this API answers a deletion with no body; pick the code that says so.",
    ("POST /books with an ISBN another book has", 400): "the request is well formed; it clashes with the current state of the collection.",
    ("POST /books with an ISBN another book has", 422): "the book is valid on its own; it clashes with another book already stored.",
    ("POST /books with a body that is not JSON", 415): "415 is for a media type the server does not support; the request said JSON, which this API takes, and the body itself did not parse.",
    ('PUT /books/7 with If-Match: "v1"', 428): "428 Precondition Required (RFC 6585) is for a write that sent no condition; this one sent If-Match, and its condition was false.",
}


@checker
def check_status_codes(status_codes):
    """``status_codes``: request description -> int status code."""
    expect(isinstance(status_codes, dict),
           f"`status_codes` should be a dict of request -> status code, got {type(status_codes).__name__}.")
    missing = [k for k in _STATUS if k not in status_codes]
    unknown = [k for k in status_codes if k not in _STATUS]
    expect(not missing, f"the entry {missing[0]!r} is missing: keep every key of the stub"
           + (f" (your dict has {unknown[0]!r}, which is not one of them)." if unknown else ".") if missing else "")
    for request, code in _STATUS.items():
        got = status_codes[request]
        expect(got is not ..., f"{request!r} still holds `...`: put a status code there.")
        expect(isinstance(got, int) and not isinstance(got, bool),
               f"{request!r}: give the code as an int, got {got!r} ({type(got).__name__}).")
        expect(100 <= got <= 599, f"{request!r}: {got} is not an HTTP status code (100-599).")
        if got != code:
            hint = _HINTS.get((request, got))
            if hint is None:
                kind = {2: "a success", 4: "a client error", 5: "a server error"}.get(got // 100, "not a final answer")
                right = {2: "a success", 4: "a client error"}[code // 100]
                hint = (f"{got} is {kind}, and this request is {right}." if got // 100 != code // 100
                        else f"{got} does not mean what happened here; look up the {code // 100}xx codes in RFC 9110 §15.")
            raise NotYet(f"for {request!r} you answered {got}: {hint}")
    return f"all {len(_STATUS)} requests get the code RFC 9110 gives their outcome."


# -- Exercise 2: a token verifier ----------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _tokens(secret: bytes) -> list[tuple[str, str, bool]]:
    """(description, token, should be accepted), made with PyJWT and by hand."""
    import jwt

    with warnings.catch_warnings():           # PyJWT warns about HMAC keys shorter than the hash
        warnings.simplefilter("ignore")
        return _make_tokens(jwt, secret)


def _make_tokens(jwt, secret: bytes) -> list[tuple[str, str, bool]]:
    now = int(time.time())
    good = {"sub": "alice", "aud": "orders-api", "iat": now, "exp": now + 300}
    sign = lambda claims, key=secret, alg="HS256": jwt.encode(claims, key, algorithm=alg)  # noqa: E731
    valid = sign(good)
    head, body, sig = valid.split(".")
    edited = ".".join([head, _b64(json.dumps({**good, "sub": "admin"}).encode()), sig])
    return [
        ("a valid token", valid, True),
        ("a token whose payload was edited after signing (sub changed to admin)", edited, False),
        ("a token with alg none and no signature", jwt.encode({**good, "sub": "admin"}, None, algorithm="none"), False),
        ("a token that expired a minute ago", sign({**good, "exp": now - 60}), False),
        ("a token for the audience billing-api", sign({**good, "aud": "billing-api"}), False),
        ("a token for the audience orders-api-staging", sign({**good, "aud": "orders-api-staging"}), False),
        ("a token signed with another secret", sign(good, key=secrets.token_bytes(64)), False),
        ("a token with no exp claim", sign({k: v for k, v in good.items() if k != "exp"}), False),
        ("a token with no aud claim", sign({k: v for k, v in good.items() if k != "aud"}), False),
        ("a token signed with HS512 and the same secret", sign(good, alg="HS512"), False),
        ("the string 'not-a-token'", "not-a-token", False),
    ]


@checker
def check_verify_token(verify_token):
    """``verify_token(token, secret) -> claims``, raising on anything but a valid token."""
    expect(callable(verify_token), f"`verify_token` should be a function, got {type(verify_token).__name__}.")
    secret = secrets.token_bytes(64)
    for description, token, accept in _tokens(secret):
        if accept:
            try:
                claims = call(verify_token, token, secret, seconds=5)
            except (TooSlow, Escaped):
                raise
            except NotYet as exc:
                if "still the stub" in str(exc):
                    raise
                hint = (" The checker signs with its own secret: verify with the `secret` argument."
                        if "InvalidSignatureError" in str(exc) else "")
                raise NotYet(f"for {description}: {exc}{hint}") from None
            expect(isinstance(claims, dict), f"for {description}, return the claims as a dict, got {type(claims).__name__}.")
            expect(claims.get("sub") == "alice", f"for {description}, the claims should have sub 'alice', got {claims!r:.80}.")
            continue
        try:
            got = call(verify_token, token, secret, seconds=5)
        except (TooSlow, Escaped):
            raise
        except NotYet as exc:
            if "still the stub" in str(exc):
                raise
            continue                                  # raised: rejected, as it should be
        if not got:                                   # None, {} or "": a refusal returned, not raised
            raise NotYet(f"{description} was not refused: your function returned {got!r} instead of raising. "
                         "A returned value counts as accepting the token: let the exception out, or raise one.")
        returned = (f"claims with sub {got.get('sub')!r}" if isinstance(got, dict) else f"{got!r:.60}")
        raise NotYet(f"{description} was accepted (your function returned {returned}); "
                     "it must raise. " + _why(description))
    return "the valid token passed, and every forgery, expired, misaddressed or malformed token was refused."


def _why(description: str) -> str:
    if "edited" in description or "another secret" in description:
        return "Is the signature checked with the secret?"
    if "alg none" in description:
        return "Which algorithms does your verifier allow?"
    if "HS512" in description:
        return "Pin the one algorithm this API uses (RFC 8725 §3.1)."
    if "expired" in description:
        return "Is the expiry checked?"
    if "no exp" in description:
        return "A token without an expiry would be valid for ever: require the claim."
    if "no aud" in description:
        return "A token that names no audience was not issued for this API: require the claim."
    if "orders-api-staging" in description:
        return "Is the audience compared as a whole value, not as a part of it?"
    if "audience" in description:
        return "Is the audience checked?"
    return "Anything that is not a JWT must be refused."
