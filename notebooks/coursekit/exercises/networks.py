"""Checkers for chapter 03, Networks and communication.

Each checker tries the learner's function on a few inputs and returns
:class:`coursekit.Feedback` that says what is wrong and for which input,
without spelling out the code that fixes it.
"""
from __future__ import annotations

import ipaddress
import struct

from ..checks import NotYet, call, checker, expect


def _frame(payload: bytes) -> bytes:
    return struct.pack("!I", len(payload)) + payload


def _short(value: object, width: int = 90) -> str:
    text = repr(value)
    return text if len(text) <= width else text[:width - 3] + "..."


# -- Exercise 1: a length-prefix frame decoder -------------------------------------

_MESSAGES = [b"hello", b"", b"order 42 paid", b"x" * 300]
_STREAM = b"".join(_frame(m) for m in _MESSAGES)


def _cut(data: bytes, sizes: list[int]) -> list[bytes]:
    """``data`` cut into chunks of the given sizes, repeated; the last chunk takes the rest."""
    chunks, i, k = [], 0, 0
    while i < len(data):
        chunks.append(data[i:i + sizes[k % len(sizes)]])
        i += sizes[k % len(sizes)]
        k += 1
    return chunks


_FEEDS = [
    ("one chunk per frame", [_frame(m) for m in _MESSAGES], _MESSAGES),
    ("all frames merged into one chunk", [_STREAM], _MESSAGES),
    ("two frames per chunk", [_frame(b"hello") + _frame(b""), _frame(b"order 42 paid") + _frame(b"x" * 300)],
     _MESSAGES),
    ("a frame split across chunks", [_STREAM[:7], _STREAM[7:]], _MESSAGES),
    ("a length header split across chunks", [_STREAM[:2], _STREAM[2:11], _STREAM[11:]], _MESSAGES),
    ("chunks of 1, 2 and 3 bytes", _cut(_STREAM, [1, 2, 3]), _MESSAGES),
    ("an empty frame last", [_frame(b"hi") + _frame(b"")], [b"hi", b""]),
    # each incomplete feed is followed by a new connection: a decoder that keeps bytes from one
    # call to the next fails there
    ("a last frame not complete yet", [_frame(b"hello"), _frame(b"order 42 paid")[:6]], [b"hello"]),
    ("a new connection after an incomplete frame", [_frame(b"again")], [b"again"]),
    ("a length header cut short at the end", [_frame(b"hi") + b"\x00\x00"], [b"hi"]),
    ("a new connection after a cut header", [_frame(b"once more")], [b"once more"]),
]


def _payloads(payloads: list) -> str:
    """Payloads as a learner can compare them: long ones by their length and start."""
    shown = [repr(p) if len(p) <= 16 else f"<{len(p)} bytes: {p[:8]!r}...>" for p in payloads]
    return "[" + ", ".join(shown) + "]"


def _hint(label: str) -> str:
    if label == "one chunk per frame":
        return (" Each chunk here holds exactly one frame: check how you read the 4-byte length "
                "(big-endian, network byte order) and that an empty payload is kept.")
    if label.startswith("a new connection"):
        return (" Each call is a new connection: keep no bytes from one call to the next (the call "
                "before ended with an incomplete frame or header).")
    if "end" in label or "last" in label:
        return " Look at how your decoder ends: keep every complete frame, and only those."
    return " TCP keeps no message boundaries: a recv may hold part of a frame, or several."


@checker
def check_decode_frames(decode_frames):
    """``decode_frames(chunks) -> [payload, ...]`` for 4-byte big-endian length prefixes."""
    for label, chunks, expected in _FEEDS:
        got = call(decode_frames, [bytes(c) for c in chunks], name="decode_frames")
        expect(isinstance(got, list),
               f"decode_frames should return a list of payloads (bytes), got {type(got).__name__}: {_short(got)}.")
        expect(all(isinstance(p, bytes) for p in got),
               f"each payload should be bytes; for {label} got {_short(got)}.")
        if got != expected and any(_frame(m) in got for m in expected if m):
            raise NotYet(f"for {label}, the payloads still carry their 4-byte length header: {_short(got)}.")
        expect(got == expected,
               f"for {label} (chunk sizes {[len(c) for c in chunks][:12]}), expected "
               f"{len(expected)} payload{'s' if len(expected) != 1 else ''} {_payloads(expected)}, "
               f"got {len(got)}: {_payloads(got)}." + _hint(label))
    return ("every payload recovered whether the frames came one per chunk, merged, split in the "
            "header or the body, or in chunks of 1-3 bytes; an incomplete last frame or header waits, "
            "and an empty last frame counts.")


# -- Exercise 2: plan subnets in a VPC --------------------------------------------

AWS_RESERVED = 5            # the first four addresses and the last one of each subnet
_PLANS = [("10.0.0.0/20", [250, 12, 11, 27, 3, 100]),
          ("172.16.8.0/22", [60, 500, 5])]          # not at 10.0.0.0, and not in size order
_TOO_MANY = ("10.0.0.0/24", [100, 100, 100])         # three /25s do not fit in a /24


def _smallest_prefix(need: int) -> int:
    prefix = 28
    while 2 ** (32 - prefix) - AWS_RESERVED < need:
        prefix -= 1
    return prefix


def _as_network(item, label: str):
    if isinstance(item, (ipaddress.IPv4Address, int)):
        raise NotYet(f"{label} returned an address, {item}, where a subnet goes: return networks such as "
                     "'10.0.1.0/24' (an address with its prefix length).")
    try:
        return ipaddress.IPv4Network(item)
    except (ValueError, TypeError) as exc:
        raise NotYet(f"{label}: each subnet should be an IPv4 network such as '10.0.1.0/24', got "
                     f"{_short(item, 40)} ({exc}).") from None


def _check_plan(plan_subnets, vpc_text: str, needs: list[int]) -> list:
    label = f"plan_subnets({vpc_text!r}, {needs})"
    got = call(plan_subnets, vpc_text, list(needs), name="plan_subnets")
    expect(isinstance(got, (list, tuple)),
           f"{label} should return a list of subnets, got {type(got).__name__}: {_short(got)}.")
    expect(len(got) == len(needs), f"{label} should return {len(needs)} subnets, one per need, got {len(got)}.")
    nets = [_as_network(item, label) for item in got]
    vpc = ipaddress.IPv4Network(vpc_text)
    sizes = sorted(net.prefixlen for net in nets)
    if sizes == sorted(_smallest_prefix(n) for n in needs) and \
            [net.prefixlen for net in nets] != [_smallest_prefix(n) for n in needs]:
        raise NotYet(f"{label}: the sizes are right, but not in the order of `needs`: the i-th subnet "
                     "is for the i-th need.")
    for need, net in zip(needs, nets):
        expect(net.subnet_of(vpc), f"{label}: the subnet {net} for {need} hosts is not inside the VPC {vpc}.")
        expect(net.prefixlen <= 28,
               f"{label}: {net} (for {need} hosts) is smaller than a /28, the smallest subnet AWS allows.")
        usable = net.num_addresses - AWS_RESERVED
        expect(usable >= need,
               f"{label}: {net} has {net.num_addresses} addresses, but AWS reserves {AWS_RESERVED} in each "
               f"subnet, which leaves {usable}, fewer than the {need} hosts asked.")
        expect(net.prefixlen == _smallest_prefix(need),
               f"{label}: {net} for {need} hosts is larger than it needs to be: pick the smallest block "
               "that fits, and keep the VPC's space for later.")
    for i, a in enumerate(nets):
        for b in nets[i + 1:]:
            expect(not a.overlaps(b), f"{label}: the subnets {a} and {b} overlap.")
    return nets


@checker
def check_plan_subnets(plan_subnets):
    """``plan_subnets(vpc, needs) -> [subnet, ...]``, one per need, in order; ValueError if they do not fit."""
    for vpc_text, needs in _PLANS:
        _check_plan(plan_subnets, vpc_text, needs)
    vpc_text, needs = _TOO_MANY
    label = f"plan_subnets({vpc_text!r}, {needs})"
    try:
        got = plan_subnets(vpc_text, list(needs))
    except ValueError:
        got = None
    except Exception as exc:  # the learner's bug, reported
        raise NotYet(f"{label} raised {type(exc).__name__}: {exc}; three /25s do not fit in a /24, and "
                     "the task asks for a ValueError when the subnets do not fit.") from None
    expect(got is None, f"{label} returned {_short(got, 60)}, but three /25s do not fit in a /24: "
                        "raise a ValueError when the subnets do not fit.")
    return ("each plan inside its VPC, none overlapping, each subnet the smallest block that holds its "
            "hosts after AWS's 5 reserved addresses, in the order asked; and a ValueError when they "
            "cannot fit.")
