"""Real git in a throwaway folder, for chapter 05 (version control).

The lesson's git commands stay in the notebook; this module holds only the
plumbing that makes them safe and repeatable:

- :class:`Sandbox`: a temporary folder with a ``repo/`` directory to work in,
  removed by :meth:`Sandbox.close` (or at the end of a ``with`` block);
- :meth:`Sandbox.git`: run ``git`` there through :mod:`subprocess` (no shell),
  with a fixed environment: an empty global configuration inside the sandbox,
  no system configuration, ``HOME`` inside the sandbox, a fixed author and
  committer, and a clock that starts at a fixed date and advances one minute
  per command that writes commits, so commit ids are the same on every run;
- :data:`HAVE_GIT`: whether a ``git`` program, version 2.28 or later, is on the
  ``PATH`` (:data:`NO_GIT` says why not when it is false).
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

MINIMUM = (2, 28)              # init.defaultBranch, which the sandbox sets to main, came in 2.28


def _git_version() -> tuple[int, ...] | None:
    """The installed git's version, as (major, minor), or None when there is no usable git."""
    if shutil.which("git") is None:
        return None
    try:
        out = subprocess.run(["git", "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"(\d+)\.(\d+)", out)
    return (int(found[1]), int(found[2])) if found else None


GIT_VERSION = _git_version()
HAVE_GIT = GIT_VERSION is not None and GIT_VERSION >= MINIMUM
if GIT_VERSION is None:
    NO_GIT = "git is not installed (no `git` on the PATH)"
elif not HAVE_GIT:
    NO_GIT = (f"git {GIT_VERSION[0]}.{GIT_VERSION[1]} found; the labs need "
              f"{MINIMUM[0]}.{MINIMUM[1]} or later")
else:
    NO_GIT = ""
EPOCH = 1_700_000_000          # 2023-11-14 22:13:20 UTC, the sandbox clock's first tick
# Commands that may write commits or annotated tags: each one advances the clock by a minute.
WRITES = {"commit", "merge", "rebase", "revert", "cherry-pick", "tag", "pull", "stash"}
OPTIONS = ("-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", "-c", "core.abbrev=7",
           "-c", "advice.detachedHead=false", "-c", "color.ui=false")


class GitError(RuntimeError):
    """A git command failed; the message holds the command, its exit status and its stderr."""

    def __init__(self, args: tuple[str, ...], returncode: int, stderr: str):
        self.returncode, self.stderr = returncode, stderr
        super().__init__(f"git {' '.join(args)} exited with {returncode}: {stderr.strip()[:300]}")


def _remove(root: Path) -> None:
    def writable(func, path, _exc):     # git makes its object files read-only (a Windows rmtree trap)
        os.chmod(path, stat.S_IWRITE)
        func(path)
    if sys.version_info >= (3, 12):      # onerror is deprecated from 3.12 on
        shutil.rmtree(root, onexc=writable)
    else:
        shutil.rmtree(root, onerror=writable)


class Sandbox:
    """A temporary folder for git labs: ``root``, with an empty working folder ``repo``."""

    def __init__(self, name: str = "repo"):
        self.root = Path(tempfile.mkdtemp(prefix="git-lab-"))
        self.repo = self.root / name
        self.repo.mkdir()
        (self.root / "home").mkdir()
        self.config = self.root / "home" / "gitconfig"
        self.config.write_text("")
        self.clock = EPOCH

    # -- the environment -------------------------------------------------------
    def env(self) -> dict[str, str]:
        """The process environment for git: the caller's, minus its GIT_* variables, plus ours."""
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith("GIT_")}
        date = f"{self.clock} +0000"
        home = str(self.root / "home")
        env.update({
            "GIT_CONFIG_GLOBAL": str(self.config), "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": home, "USERPROFILE": home, "XDG_CONFIG_HOME": home,
            "GIT_AUTHOR_NAME": "Ada Lovelace", "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_COMMITTER_NAME": "Ada Lovelace", "GIT_COMMITTER_EMAIL": "ada@example.com",
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
            "LC_ALL": "C", "LANG": "C", "GIT_PAGER": "cat", "PAGER": "cat",
            "GIT_TERMINAL_PROMPT": "0", "GIT_EDITOR": "true", "GIT_SEQUENCE_EDITOR": "true",
            # pinned against future defaults (git 3.0 plans SHA-256 and reftable); older git ignores them
            "GIT_DEFAULT_HASH": "sha1", "GIT_DEFAULT_REF_FORMAT": "files",
        })
        return env

    # -- running git -----------------------------------------------------------
    def run(self, *args: str, cwd: str | Path | None = None, input: str | bytes | None = None,
            check: bool = True) -> subprocess.CompletedProcess:
        """Run ``git *args`` in ``cwd`` (default: ``repo``); stdout and stderr as bytes."""
        if not HAVE_GIT:
            raise GitError(args, 127, NO_GIT or "git is not installed (no `git` on the PATH)")
        if args and args[0] in WRITES:
            self.clock += 60
        data = input.encode("utf-8") if isinstance(input, str) else input
        done = subprocess.run(["git", *OPTIONS, *map(str, args)], cwd=str(cwd or self.repo),
                              input=data, capture_output=True, env=self.env())
        if check and done.returncode != 0:
            raise GitError(tuple(map(str, args)), done.returncode, done.stderr.decode("utf-8", "replace"))
        return done

    def git(self, *args: str, cwd: str | Path | None = None, input: str | bytes | None = None,
            check: bool = True) -> str:
        """Run ``git *args`` and return its standard output as text."""
        return self.run(*args, cwd=cwd, input=input, check=check).stdout.decode("utf-8", "replace")

    def write(self, name: str, text: str, cwd: str | Path | None = None) -> Path:
        """Write ``text`` to the file ``name`` of the working folder (``\\n`` line ends kept)."""
        path = Path(cwd or self.repo) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return path

    # -- cleaning up -----------------------------------------------------------
    def close(self) -> None:
        """Remove the sandbox folder and everything in it (safe to call twice)."""
        if self.root.exists():
            _remove(self.root)

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- without git ---------------------------------------------------------------
SKIPPED = "print('(skipped: no usable git)')\n"
# Cells that still run without git: the blob exercise (hashlib only), the quiz, the clean-up.
RUNS_WITHOUT_GIT = ("blob_id", "show_quiz(", "lab.close()")


def skip_transform(lines: list[str]) -> list[str]:
    """An IPython input transformer: a cell becomes one line saying it was skipped.

    Once git is found missing, every later lab cell depends on it, directly or through the
    names earlier cells defined; only the cells of :data:`RUNS_WITHOUT_GIT` run as written.
    """
    source = "".join(lines)
    return lines if any(word in source for word in RUNS_WITHOUT_GIT) else [SKIPPED]


def skip_cells_without_git(shell) -> str:
    """Make the notebook's git cells print that they are skipped; return the line to show once."""
    if shell is not None and skip_transform not in shell.input_transformers_post:
        shell.input_transformers_post.append(skip_transform)
    return (f"{NO_GIT}: the cells below are skipped, except Exercise 1 and the quiz. Install git "
            "2.28 or later (see the Git documentation in Read) and restart the kernel to run them.")
