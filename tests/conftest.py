"""Shared fixtures and paths for the course's tests."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CHAPTERS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def chapter_id(path: Path) -> str:
    """``notebooks/01-internet.ipynb`` -> ``01-internet``."""
    return path.stem


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def roadmap() -> dict:
    return yaml.safe_load((ROOT / "book" / "roadmap.yml").read_text(encoding="utf-8"))


def toc_files() -> list[str]:
    """Every page of _toc.yml, root first, as paths without their extension."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [chapter["file"] for part in toc.get("parts", []) for chapter in part["chapters"]]


def chapter_params():
    return [pytest.param(p, id=chapter_id(p)) for p in CHAPTERS]
