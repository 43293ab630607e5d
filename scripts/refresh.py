"""Re-execute chapter notebooks in place, storing fresh outputs (``make refresh``).

    python scripts/refresh.py                      # every notebook in notebooks/
    python scripts/refresh.py notebooks/01-internet.ipynb

Each notebook runs top to bottom in a new kernel whose working directory is
``notebooks/`` (as in JupyterLab, on Binder and under nbval). Widget state is
stored in the notebook so the static book can show widget snapshots. A cell
that raises without the ``raises-exception`` tag stops the run and leaves the
file untouched.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def chapters() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path, timeout: int = 60) -> tuple[nbformat.NotebookNode, list[float]]:
    """Run ``path`` in a fresh kernel; return the executed notebook and each code cell's seconds."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=True, record_timing=True)
    client.execute()
    seconds = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            t = cell.metadata.get("execution", {})
            start, end = t.get("iopub.execute_input"), t.get("shell.execute_reply")
            seconds.append(_seconds(start, end))
    return nb, seconds


def _seconds(start: str | None, end: str | None) -> float:
    from datetime import datetime
    if not start or not end:
        return 0.0
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(start)).total_seconds()


def strip_volatile(nb: nbformat.NotebookNode) -> None:
    """Drop per-run metadata (timings) so that a refresh changes only what changed."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or chapters()
    for path in paths:
        start = time.perf_counter()
        nb, seconds = execute(path)
        strip_volatile(nb)
        nbformat.write(nb, path)
        print(f"{path.name}: {time.perf_counter() - start:.1f} s, "
              f"slowest cell {max(seconds, default=0):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
