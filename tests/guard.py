"""Code injected into a notebook's kernel before it runs: loopback only, and a leak census.

The audit hook refuses, before it happens, any connection, datagram, bind or
name lookup that is not for the loopback interface (127.0.0.0/8, ::1,
"localhost"), and records it, so that a notebook that caught the refusal still
fails the test. Nothing leaves the machine even when a notebook misbehaves.
"""

INSTALL = r'''
def _coursekit_guard():
    import ipaddress, socket, sys, threading
    import psutil

    blocked = []

    def loopback(host):
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host is None or host in ("localhost", "localhost.", "ip6-localhost"):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def refuse(event, target):
        blocked.append(f"{event} {target!r}")
        raise ConnectionRefusedError(f"blocked by the course's test guard: {event} to {target!r} is not loopback")

    def hook(event, args):
        if event in ("socket.connect", "socket.sendto", "socket.bind"):
            sock, address = args[0], args[1]
            if getattr(sock, "family", None) in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
                if not loopback(address[0]):
                    refuse(event, address)
        elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                       "socket.gethostbyaddr", "socket.getnameinfo"):
            target = args[0]
            if isinstance(target, tuple):
                target = target[0]
            if not loopback(target):
                refuse(event, target)

    sys.addaudithook(hook)
    me = psutil.Process()

    def infrastructure(child):
        # multiprocessing's resource tracker: started by the first "spawn" or "forkserver"
        # child on POSIX, it lives as long as the kernel and ends with it, by design (the
        # multiprocessing docs); it is the standard library's, not a process a lab left behind
        try:
            return "multiprocessing.resource_tracker" in " ".join(child.cmdline())
        except psutil.Error:
            return False

    def census():
        return {
            # distributed's offload pool (distributed.utils._offload_executor, threads named
            # "Dask-Offload"): the library starts one thread the first time a scheduler in this
            # process offloads work and keeps it for the life of the process, with no public way
            # to stop it; Dask's own test suite treats it as infrastructure too (utils_test.py)
            "threads": {t.ident: t.name for t in threading.enumerate()
                        if not t.name.startswith("Dask-Offload")},
            "children": sorted(f"{p.pid} {p.name()}" for p in me.children(recursive=True)
                               if not infrastructure(p)),
            "listening": sorted(f"{c.laddr.ip}:{c.laddr.port}" for c in me.net_connections("inet")
                                if c.status == psutil.CONN_LISTEN),
        }

    return blocked, census

_guard_blocked, _guard_census = _coursekit_guard()
del _coursekit_guard
_guard_baseline = _guard_census()
'''

# Evaluated after the notebook: what it left behind, as a dict printed with repr().
LEFTOVERS = r'''
import gc as _gc, time as _time
_gc.collect()
for _ in range(50):                       # give stopping threads a moment to finish
    _now = _guard_census()
    _left = {
        "threads": sorted(n for i, n in _now["threads"].items() if i not in _guard_baseline["threads"]),
        "children": sorted(set(_now["children"]) - set(_guard_baseline["children"])),
        "listening": sorted(set(_now["listening"]) - set(_guard_baseline["listening"])),
        "blocked": list(_guard_blocked),
    }
    if not any(_left.values()):
        break
    _time.sleep(0.1)
print(repr(_left))
'''
