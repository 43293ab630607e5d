"""Every chapter, run for real in a kernel: twice, loopback only, nothing left behind,
and every exercise checker tried on its reference, a wrong and a malformed answer."""
from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT, chapter_id, chapter_params, read_notebook
from exercise_cases import cases_for
from guard import INSTALL, LEFTOVERS
from kernel import Kernel

SKIP_DIRS = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def tree(root: Path) -> dict[str, int]:
    """Every file under the repository with its modification time, to spot writes."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for name in filenames:
            path = Path(dirpath, name)
            found[str(path.relative_to(root))] = path.stat().st_mtime_ns
    return found


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


@pytest.fixture(scope="module", params=chapter_params())
def executed(request, tmp_path_factory):
    """The chapter run twice in one guarded kernel whose TMPDIR is a fresh, empty folder."""
    path = request.param
    tmp = tmp_path_factory.mktemp(f"{chapter_id(path)}-tmp")
    before = tree(ROOT)
    kernel = Kernel(NOTEBOOKS, env={"TMPDIR": str(tmp), "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    failures = []
    try:
        assert kernel.run(INSTALL).ok
        nb = read_notebook(path)
        for run in (1, 2):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                result = kernel.run(cell.source)
                expected_error = "raises-exception" in cell.metadata.get("tags", [])
                if result.ok == expected_error:
                    failures.append(f"run {run}, cell {index}: "
                                    + (result.error or "expected an exception, none was raised"))
        leftovers = ast.literal_eval(kernel.run(LEFTOVERS).text.strip().splitlines()[-1])
        yield dict(path=path, nb=nb, kernel=kernel, failures=failures, leftovers=leftovers,
                   tmp=tmp, before=before, after=tree(ROOT))
    finally:
        kernel.close()


def test_runs_twice_in_one_kernel(executed):
    assert executed["failures"] == []


def test_loopback_only(executed):
    assert executed["leftovers"]["blocked"] == [], "a cell tried to reach beyond loopback"


def test_leaves_no_threads_processes_or_ports(executed):
    left = executed["leftovers"]
    assert (left["threads"], left["children"], left["listening"]) == ([], [], [])


def test_writes_no_files_outside_a_temporary_directory(executed):
    before, after = executed["before"], executed["after"]
    changed = sorted(k for k in after if before.get(k) != after[k])
    assert changed == [], "the notebook wrote into the repository"
    assert sorted(p.name for p in executed["tmp"].iterdir()) == [], \
        "temporary files or folders were left behind"


def test_exercise_checkers(executed):
    """Reference passes, a plausible wrong answer and a malformed one get clear feedback."""
    nb, kernel = executed["nb"], executed["kernel"]
    solutions = [c for c in code_cells(nb) if "solution" in c.metadata.get("tags", [])]
    cases = cases_for(chapter_id(executed["path"]))
    assert len(cases) == len(solutions), "one exercise case per solution cell"
    assert 2 <= len(solutions) <= 4
    for number, (case, solution) in enumerate(zip(cases, solutions), 1):
        reference = kernel.run(solution.source)
        assert reference.ok and "✅ Correct" in reference.text, f"exercise {number}: {reference.text}"
        answers = [("wrong", case.wrong, case.wrong_says),
                   *((f"wrong #{k}", code, says) for k, (code, says) in enumerate(case.more_wrong, 2)),
                   ("malformed", case.malformed, case.malformed_says)]
        for label, code, says in answers:
            assert kernel.run(code).ok, f"exercise {number}: the {label} answer itself did not run"
            result = kernel.run(case.check)
            assert result.ok, f"exercise {number}, {label}: the checker raised {result.error}"
            feedback = " ".join(result.text.split())     # unwrapped
            assert feedback.startswith("❌ Not yet:"), f"exercise {number}, {label}: {feedback}"
            assert says in feedback, f"exercise {number}, {label}: {feedback!r} lacks {says!r}"
            assert "Traceback" not in feedback
