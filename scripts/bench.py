"""Measure the course against COURSE.md's budgets (``make bench``).

Executes every chapter notebook in a fresh kernel (as ``make refresh`` does,
without writing), then times nbval over all notebooks and an HTML build of the
book from the committed outputs, and prints one table. Exit status 1 if a
budget is exceeded. Figures are wall-clock seconds on this machine.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from refresh import NOTEBOOKS, ROOT, chapters, execute  # noqa: E402

NOTEBOOK_BUDGET, CELL_BUDGET, NBVAL_BUDGET, BUILD_BUDGET = 10.0, 3.0, 90.0, 60.0
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
    return time.perf_counter() - start, result.returncode


def main() -> int:
    rows, over = [], False
    total = 0.0
    for path in chapters():
        start = time.perf_counter()
        _, seconds = execute(path)
        elapsed = time.perf_counter() - start
        total += elapsed
        slowest = max(seconds, default=0.0)
        ok = elapsed <= NOTEBOOK_BUDGET and slowest <= CELL_BUDGET
        over |= not ok
        rows.append((path.name, f"{elapsed:.1f}", f"{slowest:.2f}",
                     f"<= {NOTEBOOK_BUDGET:.0f} s, cell <= {CELL_BUDGET:.0f} s", "ok" if ok else "OVER"))
    rows.append(("all notebooks, executed", f"{total:.1f}", "", "", ""))

    nbval, code = timed([str(BIN / "python"), "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile",
                         str(NOTEBOOKS.relative_to(ROOT))])
    ok = code == 0 and nbval <= NBVAL_BUDGET
    over |= not ok
    rows.append(("all notebooks under nbval (-n 2)", f"{nbval:.1f}", "", f"<= {NBVAL_BUDGET:.0f} s",
                 "ok" if ok else ("FAILED" if code else "OVER")))

    with tempfile.TemporaryDirectory() as out:
        build, code = timed([str(BIN / "jupyter-book"), "build", ".", "--path-output", out,
                             "-W", "-n", "--keep-going"])
        pages = sorted((Path(out) / "_build" / "html" / "notebooks").glob("*.html"))
        biggest = max((p.stat().st_size for p in pages), default=0)
    ok = code == 0 and build <= BUILD_BUDGET
    over |= not ok
    rows.append(("book HTML build", f"{build:.1f}", "", f"<= {BUILD_BUDGET:.0f} s",
                 "ok" if ok else ("FAILED" if code else "OVER")))
    rows.append(("largest chapter page (KB)", f"{biggest / 1024:.0f}", "", "<= 1024 KB",
                 "ok" if biggest < 1_000_000 else "OVER"))

    header = ("what", "seconds", "slowest cell", "budget", "")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(5)]
    for row in [header, tuple("-" * w for w in widths)] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
