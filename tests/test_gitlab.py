"""coursekit.gitlab: real git in a throwaway folder, with a fixed environment."""
from __future__ import annotations

import hashlib
import os

import pytest

from coursekit import gitlab
from coursekit.gitlab import HAVE_GIT, GitError, Sandbox, skip_transform

needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")


def test_sandbox_is_a_temporary_folder_removed_on_close():
    with Sandbox() as box:
        root = box.root
        assert root.is_dir() and box.repo.is_dir() and box.config.read_text() == ""
        box.write("sub/file.txt", "one\ntwo\n")
        assert (box.repo / "sub" / "file.txt").read_bytes() == b"one\ntwo\n"
    assert not root.exists()
    box.close()                                   # a second close is harmless


def test_environment_is_fixed_and_hides_the_callers_git_settings(monkeypatch):
    monkeypatch.setenv("GIT_DIR", "/somewhere/else")
    with Sandbox() as box:
        env = box.env()
        assert "GIT_DIR" not in env
        assert env["GIT_CONFIG_GLOBAL"] == str(box.config) and env["GIT_CONFIG_NOSYSTEM"] == "1"
        assert env["HOME"].startswith(str(box.root)) and env["LC_ALL"] == "C"
        assert env["GIT_AUTHOR_DATE"] == env["GIT_COMMITTER_DATE"] == f"{gitlab.EPOCH} +0000"
        assert env["GIT_TERMINAL_PROMPT"] == "0" and env["GIT_PAGER"] == "cat"
        assert os.environ["GIT_DIR"] == "/somewhere/else"          # the caller's own is untouched


@needs_git
def test_commit_ids_are_the_same_in_every_sandbox():
    ids = []
    for _ in range(2):
        with Sandbox() as box:
            box.git("init", "-q")
            box.write("a.txt", "hello\n")
            box.git("add", "a.txt")
            box.git("commit", "-q", "-m", "first")
            box.write("a.txt", "hello again\n")
            box.git("commit", "-q", "-am", "second")
            ids.append(box.git("rev-parse", "HEAD").strip())
            assert box.git("symbolic-ref", "HEAD").strip() == "refs/heads/main"
            dates = box.git("log", "--format=%ct").split()
            assert dates == [str(gitlab.EPOCH + 120), str(gitlab.EPOCH + 60)]   # a minute per commit
    assert ids[0] == ids[1]


@needs_git
def test_git_returns_text_run_returns_bytes_and_input_is_passed():
    with Sandbox() as box:
        data = bytes(range(256))
        got = box.git("hash-object", "--stdin", input=data, cwd=box.root).strip()
        assert got == hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        assert box.run("hash-object", "--stdin", input="é", cwd=box.root).stdout.strip() == \
            hashlib.sha1(b"blob 2\0" + "é".encode()).hexdigest().encode()


@needs_git
def test_a_failing_command_raises_git_error_unless_check_is_false():
    with Sandbox() as box:
        box.git("init", "-q")
        with pytest.raises(GitError, match="exited with 128"):
            box.git("rev-parse", "no-such-branch")
        assert box.run("rev-parse", "no-such-branch", check=False).returncode == 128


def test_without_git_cells_that_use_it_are_skipped():
    assert skip_transform(['git("init")\n']) == [gitlab.SKIPPED]
    assert skip_transform(["print(lab.root)\n"]) == [gitlab.SKIPPED]
    assert skip_transform(["x = by_git[:2]\n"]) == [gitlab.SKIPPED]
    assert skip_transform(["check_blob_id(blob_id)\n"]) == ["check_blob_id(blob_id)\n"]
    assert skip_transform(['show_quiz("05-version-control")\n']) == ['show_quiz("05-version-control")\n']
    assert skip_transform(["lab.close()\n"]) == ["lab.close()\n"]     # the clean-up still runs


def test_without_git_run_raises_a_clear_error(monkeypatch):
    monkeypatch.setattr(gitlab, "HAVE_GIT", False)
    with Sandbox() as box:
        with pytest.raises(GitError, match="git is not installed"):
            box.git("status")


def test_hash_and_ref_format_are_pinned_against_future_defaults():
    with Sandbox() as box:
        env = box.env()
        assert env["GIT_DEFAULT_HASH"] == "sha1" and env["GIT_DEFAULT_REF_FORMAT"] == "files"


@needs_git
def test_a_new_sandbox_repository_uses_sha1_and_ref_files():
    with Sandbox() as box:
        box.git("init", "-q")
        box.write("a.txt", "hello\n")
        box.git("add", "a.txt")
        box.git("commit", "-q", "-m", "first")
        assert len(box.git("rev-parse", "HEAD").strip()) == 40
        assert (box.repo / ".git" / "refs" / "heads" / "main").read_text().strip() == \
            box.git("rev-parse", "HEAD").strip()


def test_an_old_git_counts_as_missing_with_a_clear_reason(monkeypatch):
    assert gitlab.MINIMUM == (2, 28)
    if HAVE_GIT:
        assert gitlab.GIT_VERSION >= gitlab.MINIMUM and gitlab.NO_GIT == ""
    monkeypatch.setattr(gitlab, "NO_GIT", "git 2.25 found; the labs need 2.28 or later")
    monkeypatch.setattr(gitlab, "HAVE_GIT", False)
    assert gitlab.skip_cells_without_git(None).startswith("git 2.25 found; the labs need 2.28 or later")
    with Sandbox() as box:
        with pytest.raises(GitError, match="need 2.28 or later"):
            box.git("status")


def test_the_version_is_read_from_git_version(monkeypatch):
    class Done:
        stdout = "git version 2.25.1\n"
    monkeypatch.setattr(gitlab.shutil, "which", lambda name: "/usr/bin/git")
    monkeypatch.setattr(gitlab.subprocess, "run", lambda *a, **k: Done())
    assert gitlab._git_version() == (2, 25)
    monkeypatch.setattr(gitlab.shutil, "which", lambda name: None)
    assert gitlab._git_version() is None
