"""The course's shape: TOC and notebooks agree, chapters follow the anatomy,
reading lists match book/roadmap.yml, and the environment pins agree."""
from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest

from conftest import (CHAPTERS, NOTEBOOKS, ROOT, chapter_id, chapter_params, read_notebook, roadmap,
                      toc_files)
from coursekit import load_quiz

KINDS = {"article", "video", "docs", "book", "talk", "repo", "paper"}
SECTION_IDS = ["internet", "os", "networks", "languages", "version-control", "relational", "nosql",
               "distributed-sql", "graph", "apis", "security", "data-engineering",
               "system-design", "clean-code"]
# Links per section in the roadmap (73 in all): book/roadmap.yml must hold every one.
LINKS_PER_SECTION = [8, 3, 5, 2, 2, 8, 8, 1, 4, 7, 12, 4, 5, 4]
ORDER = ["What you'll learn", "Read", "Setup", "Exercises", "Quiz", "Summary"]
INTERNAL = re.compile(r"\b(link|course link) (was )?lost\b|\b(TODO|FIXME|XXX)\b", re.I)
# A measurement printed as a bare boolean ("... faster: True") instead of its numbers.
BARE_VERDICT = re.compile(r"(faster|slower|speedup|quicker|more than \d+x)[^\n]*:\s*(True|False)\s*$", re.I | re.M)
LINK = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\) \*\((?P<kind>\w+)\)\*: (?P<why>.+)$")


def markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def sections(nb) -> dict[str, list]:
    """Cells grouped under their H2 heading (the heading's cell opens the group)."""
    groups, current = {}, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    current = line[3:].strip()
                    groups[current] = []
        if current is not None:
            groups[current].append(cell)
    return groups


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def section_of(chapter: str) -> dict:
    return next(s for s in roadmap()["sections"] if s["notebook"] == f"notebooks/{chapter}.ipynb")


# --- the book's files -------------------------------------------------------

def test_toc_and_notebooks_agree():
    listed = {f for f in toc_files() if f.startswith("notebooks/")}
    present = {f"notebooks/{p.stem}" for p in CHAPTERS}
    assert listed == present
    for f in toc_files():
        assert any((ROOT / f"{f}{ext}").exists() for ext in (".md", ".ipynb")), f


def test_roadmap_is_complete_and_well_formed():
    data = roadmap()["sections"]
    assert [s["id"] for s in data] == SECTION_IDS
    assert [len(s["links"]) for s in data] == LINKS_PER_SECTION
    urls = []
    for number, section in enumerate(data, 1):
        assert section["notebook"] == f"notebooks/{number:02d}-{section['id']}.ipynb"
        assert section["title"].strip()
        for link in section["links"]:
            assert set(link) == {"seed", "title", "url", "kind", "why"}, link
            assert link["url"].startswith("https://"), link["url"]
            assert link["kind"] in KINDS, link
            assert link["title"].strip() and link["seed"].strip()
            assert "\n" not in link["why"].strip() and 10 < len(link["why"]) < 200, link
            assert not INTERNAL.search(link["why"]), f"internal wording shown to readers: {link['why']}"
            urls.append(link["url"])
    assert len(urls) == len(set(urls)), "every roadmap URL is unique"


def test_binder_installs_the_same_pins():
    assert (ROOT / "binder" / "requirements.txt").read_text() == (ROOT / "requirements.txt").read_text()
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-"):
                # name==version, optionally with an environment marker (`; platform_system ...`)
                assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[^=\s;]+( ?;.+)?", line), f"{name}: {line}"
    pins = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^jupyter-book==1\.", pins, re.M), "Jupyter Book 1.x, not the 2.x line"


# --- each chapter -----------------------------------------------------------

@pytest.mark.parametrize("path", chapter_params())
def test_chapter_anatomy(path: Path):
    nb = read_notebook(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "an H1 title first"
    assert len([l for l in first.source.splitlines() if l.strip() and not l.startswith("#")]) >= 1
    groups = sections(nb)
    heads = list(groups)
    labs = [h for h in heads if re.match(r"Lab \d+: ", h)]
    assert 5 <= len(labs) <= 8, f"5-8 labs, found {len(labs)}"
    fixed = [h for h in heads if h in ORDER]
    assert fixed == ORDER, f"sections in order {ORDER}, found {fixed}"
    assert heads.index("Setup") < heads.index(labs[0]) and heads.index(labs[-1]) < heads.index("Exercises")
    learn = "".join(c.source for c in groups["What you'll learn"] if c.cell_type == "markdown")
    assert 3 <= len(re.findall(r"^- ", learn, re.M)) <= 6
    assert "**What you need:**" in learn and re.search(r"\*\*Time:\*\* about \d+", learn)
    setup_code = [c for c in groups["Setup"] if c.cell_type == "code"]
    assert len(setup_code) == 1, "exactly one Setup code cell"
    assert not re.search(r"^\s*[!%]\s*(pip|conda)|pip install", setup_code[0].source, re.M)


@pytest.mark.parametrize("path", chapter_params())
def test_reading_list_matches_roadmap(path: Path):
    nb = read_notebook(path)
    read = "".join(c.source for c in sections(nb)["Read"] if c.cell_type == "markdown")
    found = [m.groupdict() for line in read.splitlines() if (m := LINK.match(line.strip()))]
    expected = [{k: link[k] for k in ("title", "url", "kind", "why")}
                for link in section_of(chapter_id(path))["links"]]
    assert found == expected


@pytest.mark.parametrize("path", chapter_params())
def test_cells_are_small_and_clean(path: Path):
    nb = read_notebook(path)
    lengths = [len(c.source.strip().splitlines()) for c in nb.cells if c.cell_type == "code"]
    assert max(lengths) <= 25, f"a code cell has {max(lengths)} lines"
    assert statistics.median(lengths) <= 8
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None, f"cell {index} was never executed: run make refresh"
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors or "raises-exception" in tags(cell), f"cell {index} has an error output"
        assert not re.search(r"^\s*[!%]\s*(pip|conda)\b", cell.source, re.M), "no installs in cells"
        assert "hide-input" not in tags(cell) or "solution" in tags(cell), \
            f"cell {index}: only solutions hide their input (the toggle says so)"
    assert path.stat().st_size < 1_000_000


@pytest.mark.parametrize("path", chapter_params())
def test_exercises_have_stub_check_and_hidden_solution(path: Path):
    nb = read_notebook(path)
    groups = sections(nb)["Exercises"]
    titles = [l for c in groups if c.cell_type == "markdown" for l in c.source.splitlines()
              if l.startswith("### Exercise ")]
    code = [c for c in groups if c.cell_type == "code"]
    roles = [next((t for t in ("exercise", "check", "solution") if t in tags(c)), None) for c in code]
    assert 2 <= len(titles) <= 4
    assert roles == ["exercise", "check", "solution"] * len(titles), roles
    for stub, check, solution in zip(code[0::3], code[1::3], code[2::3]):
        assert "hide-input" in tags(solution) and solution.metadata.get("jupyter", {}).get("source_hidden")
        assert check.source.strip() in solution.source, "the solution ends with the same check"
        assert _text(check).startswith("❌ Not yet:"), "the stub's stored feedback says Not yet"
        assert _text(solution).startswith("✅ Correct:"), "the reference solution passes"


@pytest.mark.parametrize("path", chapter_params())
def test_measurements_are_printed_as_numbers(path: Path):
    """CONTRIBUTING's claims: a timed cell varies, so it is tagged; it prints numbers, not True."""
    nb = read_notebook(path)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        text = _text(cell)
        if "perf_counter" in cell.source and cell.outputs:
            assert "nbval-ignore-output" in tags(cell), f"cell {index} prints a timing: tag it nbval-ignore-output"
        if "nbval-ignore-output" in tags(cell) and cell.outputs:
            assert re.search(r"\d", text), f"cell {index} is tagged to vary but prints no number"
        assert not BARE_VERDICT.search(text), f"cell {index} prints a measurement as a bare boolean: {text[-120:]!r}"


def _text(cell) -> str:
    return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs).strip()


@pytest.mark.parametrize("path", chapter_params())
def test_quiz(path: Path):
    nb = read_notebook(path)
    quiz_cells = [c for c in sections(nb)["Quiz"] if c.cell_type == "code"]
    assert len(quiz_cells) == 1 and "remove-input" in tags(quiz_cells[0])
    assert quiz_cells[0].source.strip().endswith(f'show_quiz("{chapter_id(path)}")')
    questions = load_quiz(chapter_id(path))
    assert 3 <= len(questions) <= 6
    assert (NOTEBOOKS / "quizzes" / f"{chapter_id(path)}.json").exists()
    # jupyterquiz puts the text into the page as HTML: a literal <id> would vanish as a tag
    text = json.dumps(questions, ensure_ascii=False)
    assert not re.search(r"<[A-Za-z/]", text), f"raw HTML-like text in the quiz: {re.findall(r'<[^>]*>', text)}"


def test_no_stray_quizzes():
    quizzes = {p.stem for p in (NOTEBOOKS / "quizzes").glob("*.json")}
    assert quizzes == {p.stem for p in CHAPTERS}
    for p in (NOTEBOOKS / "quizzes").glob("*.json"):
        json.loads(p.read_text())
