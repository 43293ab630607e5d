"""Quizzes that work without a kernel: jupyterquiz, fed from ``quizzes/``.

``show_quiz("01-internet")`` displays ``notebooks/quizzes/01-internet.json``.
jupyterquiz renders the quiz with JavaScript that is stored in the cell's
output, so the same quiz answers clicks in JupyterLab and in the static book.
Its container id is random; it is drawn here from a generator seeded with the
chapter name so that the stored output is the same at every run (nbval
compares it).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

QUIZ_DIR = Path(__file__).resolve().parent.parent / "quizzes"
QUESTION_TYPES = {"multiple_choice", "many_choice", "numeric"}


class QuizError(ValueError):
    pass


def load_quiz(chapter: str) -> list[dict]:
    """Read and validate the quiz of ``chapter`` (e.g. ``"01-internet"``)."""
    path = QUIZ_DIR / f"{chapter}.json"
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuizError(f"no quiz file {path.name} in {QUIZ_DIR}") from None
    except json.JSONDecodeError as exc:
        raise QuizError(f"{path.name} is not valid JSON: {exc}") from None
    if not isinstance(questions, list) or not questions:
        raise QuizError(f"{path.name} must hold a non-empty list of questions")
    for number, q in enumerate(questions, 1):
        where = f"{path.name}, question {number}"
        if not isinstance(q, dict) or not str(q.get("question", "")).strip():
            raise QuizError(f"{where}: needs a 'question' text")
        if q.get("type") not in QUESTION_TYPES:
            raise QuizError(f"{where}: 'type' must be one of {sorted(QUESTION_TYPES)}")
        answers = q.get("answers")
        if not isinstance(answers, list) or not answers:
            raise QuizError(f"{where}: needs a list of 'answers'")
        if any(not isinstance(a, dict) or not a.get("feedback") for a in answers):
            raise QuizError(f"{where}: every answer needs a 'feedback' text")
        if q["type"] != "numeric" and any("answer" not in a or "correct" not in a for a in answers):
            raise QuizError(f"{where}: every choice needs an 'answer' and 'correct'")
        correct = sum(bool(a.get("correct")) for a in answers)
        if q["type"] == "multiple_choice" and correct != 1:
            raise QuizError(f"{where}: a multiple_choice question has exactly one correct answer, not {correct}")
        if correct < 1:
            raise QuizError(f"{where}: no answer is marked correct")
    return questions


def show_quiz(chapter: str) -> None:
    """Display the chapter's quiz (answers in file order, feedback on each click)."""
    from jupyterquiz import display_quiz

    questions = load_quiz(chapter)
    state = random.getstate()
    random.seed(chapter)
    try:
        display_quiz(questions, shuffle_answers=False)
    finally:
        random.setstate(state)
