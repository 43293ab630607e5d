"""Wrong and malformed answers for the exercises of 03-networks."""
from exercise_cases import Case

# A subnet planner; each wrong answer below changes one part of it.
_PLAN = ('import ipaddress\n'
         'def plan_subnets(vpc, needs):\n'
         '    vpc = ipaddress.ip_network(vpc)\n'
         '    plan = []\n'
         '    for need in needs:\n'
         '        prefix = {start}\n'
         '        while 2 ** (32 - prefix) - {reserved} < need:\n'
         '            prefix -= 1\n'
         '        plan.append({pick})\n'
         '    return plan\n')
_FIRST_FREE = 'next(s for s in vpc.subnets(new_prefix=prefix) if not any(s.overlaps(p) for p in plan))'


def _plan(start="28", reserved="5", pick=_FIRST_FREE):
    return _PLAN.format(start=start, reserved=reserved, pick=pick)


CASES = [
    Case(
        check="check_decode_frames(decode_frames)",
        # misses the point: one recv is taken for one message
        wrong=('def decode_frames(chunks):\n'
               '    return [chunk[4:] for chunk in chunks]\n'),
        wrong_says="merged",
        malformed='def decode_frames(chunks):\n    return b"".join(chunks)\n',
        malformed_says="should return a list",
        more_wrong=(
            # handles several frames per chunk, but drops what is left of a chunk
            ('import struct\n'
             'def decode_frames(chunks):\n'
             '    out = []\n'
             '    for chunk in chunks:\n'
             '        while len(chunk) >= 4:\n'
             '            n = struct.unpack("!I", chunk[:4])[0]\n'
             '            out.append(chunk[4:4 + n])\n'
             '            chunk = chunk[4 + n:]\n'
             '    return out\n',
             "split across chunks"),
            # the length read little-endian
            ('import struct\n'
             'def decode_frames(chunks):\n'
             '    buf, out = b"".join(chunks), []\n'
             '    while len(buf) >= 4:\n'
             '        n = struct.unpack("<I", buf[:4])[0]\n'
             '        if len(buf) < 4 + n:\n'
             '            break\n'
             '        out.append(buf[4:4 + n])\n'
             '        buf = buf[4 + n:]\n'
             '    return out\n',
             "one chunk per frame"),
            # a half-received last frame returned as if complete
            ('import struct\n'
             'def decode_frames(chunks):\n'
             '    buf, out = b"".join(chunks), []\n'
             '    while len(buf) >= 4:\n'
             '        n = struct.unpack("!I", buf[:4])[0]\n'
             '        out.append(buf[4:4 + n])\n'
             '        buf = buf[4 + n:]\n'
             '    return out\n',
             "not complete yet"),
            # the header kept in each payload
            ('import struct\n'
             'def decode_frames(chunks):\n'
             '    buf, out = b"".join(chunks), []\n'
             '    while len(buf) >= 4:\n'
             '        n = struct.unpack("!I", buf[:4])[0]\n'
             '        if len(buf) < 4 + n:\n'
             '            break\n'
             '        out.append(buf[:4 + n])\n'
             '        buf = buf[4 + n:]\n'
             '    return out\n',
             "length header"),
            # "> 4" where ">= 4" belongs: an empty last frame is dropped
            ('import struct\n'
             'def decode_frames(chunks):\n'
             '    buf, out = b"".join(chunks), []\n'
             '    while len(buf) > 4:\n'
             '        n = struct.unpack("!I", buf[:4])[0]\n'
             '        if len(buf) < 4 + n:\n'
             '            break\n'
             '        out.append(buf[4:4 + n])\n'
             '        buf = buf[4 + n:]\n'
             '    return out\n',
             "an empty frame last"),
            # reads a header that has not fully arrived
            ('import struct\n'
             'def decode_frames(chunks):\n'
             '    buf, out, pos = b"".join(chunks), [], 0\n'
             '    while pos < len(buf):\n'
             '        n = struct.unpack("!I", buf[pos:pos + 4])[0]\n'
             '        if len(buf) < pos + 4 + n:\n'
             '            break\n'
             '        out.append(buf[pos + 4:pos + 4 + n])\n'
             '        pos += 4 + n\n'
             '    return out\n',
             "raised error"),
            # keeps the leftover bytes in a global, across calls
            ('import struct\n'
             '_left = b""\n'
             'def decode_frames(chunks):\n'
             '    global _left\n'
             '    buf, out = _left + b"".join(chunks), []\n'
             '    while len(buf) >= 4:\n'
             '        n = struct.unpack("!I", buf[:4])[0]\n'
             '        if len(buf) < 4 + n:\n'
             '            break\n'
             '        out.append(buf[4:4 + n])\n'
             '        buf = buf[4 + n:]\n'
             '    _left = buf\n'
             '    return out\n',
             "keep no bytes from one call to the next"),
        ),
    ),
    Case(
        check="check_plan_subnets(plan_subnets)",
        # misses the point: counts 2 reserved addresses (network and broadcast), not AWS's 5
        wrong=_plan(reserved="2"),
        wrong_says="AWS reserves 5",
        malformed='def plan_subnets(vpc, needs):\n    return {"public": vpc}\n',
        malformed_says="should return a list",
        more_wrong=(
            # every subnet taken from the start of the VPC: they overlap
            (_plan(pick="next(iter(vpc.subnets(new_prefix=prefix)))"), "overlap"),
            # a /24 for everything: fits, but wastes the VPC
            (_plan(start="24"), "larger than it needs"),
            # no /28 floor: a /29 for 3 hosts
            (_plan(start="30"), "smallest subnet AWS allows"),
            # subnets outside the VPC
            (_plan(pick='ipaddress.ip_network(f"192.168.{len(plan)}.0/{prefix}", strict=False)'),
             "not inside the VPC"),
            # the answer typed in for the first VPC
            ('def plan_subnets(vpc, needs):\n'
             '    return ["10.0.0.0/24", "10.0.1.0/27", "10.0.1.32/28", "10.0.1.64/27", "10.0.1.48/28",\n'
             '            "10.0.1.128/25"]\n',
             "should return 3 subnets"),
            # biggest first, returned in that order
            (_plan().replace("    for need in needs:", "    for need in sorted(needs, reverse=True):"),
             "not in the order of `needs`"),
            # a running cursor that walks past the end of the VPC
            ('import ipaddress\n'
             'def plan_subnets(vpc, needs):\n'
             '    vpc, plan = ipaddress.ip_network(vpc), []\n'
             '    cursor = int(vpc.network_address)\n'
             '    for need in needs:\n'
             '        prefix = 28\n'
             '        while 2 ** (32 - prefix) - 5 < need:\n'
             '            prefix -= 1\n'
             '        size = 2 ** (32 - prefix)\n'
             '        cursor = -(-cursor // size) * size\n'
             '        plan.append(ipaddress.ip_network((cursor, prefix)))\n'
             '        cursor += size\n'
             '    return plan\n',
             "not inside the VPC 172.16.8.0/22"),
        ),
    ),
]
