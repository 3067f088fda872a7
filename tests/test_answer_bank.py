"""The hidden tests are proven on a bank of plausible student answers, graded by `mlmath grade` (the real
nbgrader in parallel workers, each kernel sandboxed): every wrong answer loses points on its function's
tests, every right answer earns every point."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, COURSE

from mlmath import answer_bank, answer_packs, notebooks

BANK = Path(__file__).parent / "answers"
MIN_WRONG, MIN_RIGHT = 4, 2


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """An assignment's bank graded by one `mlmath grade` run (one worker per core), when a test first asks for
    it: under pytest-xdist each assignment is graded once, by the process that runs its test."""
    graded = {}

    def of(assignment: str) -> list[answer_bank.Verdict]:
        if assignment not in graded:
            graded[assignment] = answer_bank.grade(COURSE, answer_bank.load(BANK, assignment),
                                                   tmp_path_factory.mktemp(f"bank-{assignment}"))
        return graded[assignment]

    return of


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_bank_covers_every_graded_function(assignment):
    functions = notebooks.graded_functions(notebooks.read(COURSE.source_notebook(assignment)))
    answers = answer_bank.load(BANK, assignment)
    for function in functions:
        mine = [a for a in answers if a.function == function]
        wrong = sum(a.wrong for a in mine)
        assert wrong >= MIN_WRONG, f"{function}: {wrong} wrong answers in the bank, want {MIN_WRONG}"
        assert len(mine) - wrong >= MIN_RIGHT, f"{function}: {len(mine) - wrong} right answers, want {MIN_RIGHT}"
    unknown = sorted({a.function for a in answers} - set(functions))
    assert not unknown, f"bank folders that name no graded function: {unknown}"


@pytest.mark.slow
@pytest.mark.bank
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_wrong_answer_is_caught_and_every_right_one_accepted(verdicts, assignment, capsys):
    results = verdicts(assignment)
    with capsys.disabled():
        split = answer_bank.points_split(notebooks.read(COURSE.source_notebook(assignment)))
        print("\n" + answer_bank.table(assignment, results, split))
    missed = [f"{v.answer.function}/{v.answer.path.name}" for v in results if not v.ok]
    assert not missed, f"hidden tests misjudge: {missed}"


@pytest.mark.slow
def test_wrong_answers_that_share_a_submission_get_the_verdicts_they_get_alone(tmp_path, monkeypatch):
    """The bank grades wrong answers together where no test can reach two of them (mlmath.answer_packs); the
    verdicts, down to each lost test, must be those of one answer per submission."""
    assignment = "ch1_dot_products"  # the quickest chapter to grade (its kernels import NumPy only)
    wrong = [a for a in answer_bank.load(BANK, assignment) if a.wrong]
    answers = [a for f in ("dot", "principal_components") for a in [b for b in wrong if b.function == f][:2]]
    packs = answer_packs.Dependencies.of(notebooks.read(COURSE.source_notebook(assignment))).packs(answers)
    assert len(packs) < len(answers), "these answers should share submissions"
    together = answer_bank.grade(COURSE, answers, tmp_path / "together")
    monkeypatch.setattr(answer_packs.Dependencies, "packs", lambda self, given, source=None: [(a,) for a in given])
    alone = answer_bank.grade(COURSE, answers, tmp_path / "alone")
    view = lambda v: (v.answer, v.function_score, v.function_max, sorted(v.lost), v.ok)  # noqa: E731
    assert [view(v) for v in together] == [view(v) for v in alone]
    assert all(v.ok for v in together)
