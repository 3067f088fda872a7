"""Grading the answer bank: plausible student answers, graded as submissions that are the reference solution
with answers in place of its functions (one answer per function; several only where no verdict can change,
see `grade`), by `mlmath grade` (nbgrader's own autograder in parallel workers, each
kernel sandboxed), exactly as a class is graded.

The bank lives in `tests/answers/<assignment>/<function>/`: `wrong_*.py` must lose points on that
function's tests, `right_*.py` must earn every autograded point of the notebook (graded with the other
functions' right answers, see `grade`).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mlmath import answer_packs, nbgrader_cli, notebooks, release
from mlmath.course import Course
from mlmath.grading import records
from mlmath.outcomes import Status


@dataclass(frozen=True)
class Answer:
    assignment: str
    function: str
    path: Path

    @property
    def wrong(self) -> bool:
        return self.path.name.startswith("wrong_")

    @property
    def student(self) -> str:
        """The id the answer is graded under: `<function>--<file stem>`."""
        return f"{self.function}--{self.path.stem}"


@dataclass(frozen=True)
class Verdict:
    answer: Answer
    function_score: float  # points earned on the function's own tests
    function_max: float
    lost: tuple[str, ...]  # every autograded test of the notebook that was not passed in full
    visible: tuple[str, ...] = ()  # the function's own visible tests (those a student runs before grading)
    elsewhere: tuple[str, ...] = ()  # the tests of the notebook's other functions (a bug charged twice if lost)
    graded: bool = True  # False: it could not be graded (`reason` says why)
    reason: str = ""  # what the grading records say about it (a limit it hit, why it was not graded)

    @property
    def ok(self) -> bool:
        """A wrong answer is caught by its function's tests; a right answer passes every test."""
        if not self.graded:
            return False
        if self.answer.wrong:
            return self.function_score < self.function_max
        return not self.lost

    @property
    def caught_visibly(self) -> bool:
        """A wrong answer fails at least one visible test of its own function."""
        return bool(set(self.lost) & set(self.visible))

    @property
    def charged_elsewhere(self) -> tuple[str, ...]:
        """The other functions' tests a wrong answer loses points on (it should be charged only to its own)."""
        return tuple(g for g in self.lost if g in self.elsewhere)


@dataclass(frozen=True)
class PointsSplit:
    """A chapter's autograded points: in all, and in the tests of input handling (errors, edges, inputs)."""

    total: float
    input_handling: float
    cells: tuple[str, ...]  # the input-handling test cells

    @property
    def share(self) -> float:
        return self.input_handling / self.total if self.total else 0.0


def points_split(nb) -> PointsSplit:
    """How a notebook's autograded points divide between mathematics and input handling (by grade_id aspect)."""
    tests = notebooks.test_cells(nb)
    handling = [c for c in tests if notebooks.tests_input_handling(c)]
    points = lambda cells: float(sum(c.metadata.nbgrader.points for c in cells))  # noqa: E731
    return PointsSplit(points(tests), points(handling), tuple(notebooks.grade_id(c) for c in handling))


def load(bank: Path, assignment: str) -> list[Answer]:
    """The answers of one assignment, sorted by function then file name."""
    folder = bank / assignment
    return [
        Answer(assignment, path.parent.name, path)
        for path in sorted(folder.glob("*/*.py"))
        if path.name.startswith(("wrong_", "right_"))
    ]


def submission_for(reference: Path, *answers: Answer):
    """The reference notebook with each answer's source in place of its function's solution cell, in nbgrader's
    cells only (`notebooks.read_nbgrader_cells`). Were a test to depend on a lesson cell, the bank's right answers
    would fail.
    """
    nb = notebooks.read_nbgrader_cells(reference)
    cells = notebooks.cells_by_id(nb)
    for answer in answers:
        cell = cells.get(answer.function)
        if cell is None or not notebooks.is_solution(cell):
            raise ValueError(f"{answer.path}: the notebook has no solution cell {answer.function!r}")
        cell.source = answer.path.read_text()
    return nb


def rounds(right: Iterable[Answer]) -> list[tuple[Answer, ...]]:
    """The right answers in rounds: round k holds the k-th right answer of every function that has one. A
    round is one submission: if it earns every point, each of its answers does with the others' right
    answers in place of the reference, which is more than the bank asks."""
    by_function: dict[str, list[Answer]] = {}
    for answer in right:
        by_function.setdefault(answer.function, []).append(answer)
    depth = max((len(a) for a in by_function.values()), default=0)
    return [tuple(a[k] for a in by_function.values() if k < len(a)) for k in range(depth)]


class BankError(RuntimeError):
    """The bank could not be graded at all (no sandbox, no such assignment): `mlmath grade` said why."""


def grade(course: Course, answers: Iterable[Answer], workdir: Path, jobs: int | None = None) -> list[Verdict]:
    """Grade one assignment's answers with `mlmath grade --jobs JOBS` on a scratch copy of `course`.

    What a wrong answer loses must be its own doing: wrong answers share a submission only in packs whose
    members cannot reach each other's tests (mlmath.answer_packs), each lost test charged to the one member it
    reaches. The right answers are graded together in rounds (see `rounds`). Whatever a shared submission leaves
    unclear (it hit a limit or could not be graded, a test was lost that reaches no member, a wrong answer was
    not caught, a round lost a point) is graded again one answer per submission, so that each verdict is about
    its own answer."""
    answers = list(answers)
    if not answers:
        return []
    assignment = answers[0].assignment
    scratch = course.scratch_copy(workdir, with_release=False)
    release.generate(scratch, assignment)  # nbgrader generate_assignment, in this process
    reference_nb = notebooks.read(scratch.source_notebook(assignment))
    dependencies = answer_packs.Dependencies.of(reference_nb)
    packs = dependencies.packs(a for a in answers if a.wrong)
    submissions = {(f"wrong--pack-{k + 1}" if len(group) > 1 else group[0].student): group
                   for k, group in enumerate(packs)}
    submissions |= {f"right--round-{k + 1}": group for k, group in enumerate(rounds(a for a in answers if not a.wrong))}
    verdicts, unclear = _graded(scratch, reference_nb, submissions, dependencies, jobs)
    unclear |= {a for a in answers if not verdicts[a].ok}
    alone = {a.student: (a,) for a in answers if a in unclear and len(_group_of(a, submissions)) > 1}
    if alone:
        again, _ = _graded(scratch, reference_nb, alone, dependencies, jobs)
        verdicts |= again
    return [verdicts[a] for a in answers]


def _group_of(answer: Answer, submissions: dict[str, tuple[Answer, ...]]) -> tuple[Answer, ...]:
    return next(group for group in submissions.values() if answer in group)


def _graded(scratch: Course, reference_nb, submissions: dict[str, tuple[Answer, ...]],
            dependencies: answer_packs.Dependencies, jobs: int | None) -> tuple[dict[Answer, Verdict], set[Answer]]:
    """Write the submissions into the scratch course, grade what is new with `mlmath grade`, read the verdicts;
    with them, the answers of the packs of wrong answers whose verdicts the run cannot tell apart."""
    assignment = next(iter(submissions.values()))[0].assignment
    reference = scratch.source_notebook(assignment)
    for student, group in submissions.items():
        notebooks.write(submission_for(reference, *group), scratch.submitted_notebook(student, assignment))
    command = [sys.executable, "-m", "mlmath", "grade", assignment, *(["--jobs", str(jobs)] if jobs else [])]
    run = subprocess.run(command, cwd=scratch.root, env=nbgrader_cli.environment(), capture_output=True, text=True)
    if run.returncode not in (0, 1):  # 1: some could not be graded; each verdict says which
        raise BankError(f"mlmath grade {assignment} exited {run.returncode}:\n{run.stderr[-3000:]}")

    known = records.load(scratch, assignment)
    test_ids = [notebooks.grade_id(c) for c in notebooks.test_cells(reference_nb)]
    visible = {notebooks.grade_id(c) for c in notebooks.test_cells(reference_nb) if notebooks.is_visible_test(c)}
    verdicts: dict[Answer, Verdict] = {}
    unclear: set[Answer] = set()
    for student, group in submissions.items():
        record = known.get(student)
        if record is None or record.status == Status.FAILED:
            reason = record.reason if record else "mlmath grade left no record of it"
            verdicts |= {a: Verdict(a, 0.0, 0.0, (), graded=False, reason=reason) for a in group}
            continue
        scores = nbgrader_cli.scores(scratch, assignment, student)
        lost = tuple(g for g in test_ids if (scores[g].score or 0) < scores[g].max_score)
        charged = {a: lost for a in group}
        if len(group) > 1 and group[0].wrong:  # a pack: each lost test to the one member it reaches
            authors = dependencies.authors({a.function: a.path.read_text() for a in group})
            charged = {a: tuple(g for g in lost if authors[g] == {a.function}) for a in group}
            if record.status != Status.GRADED or any(not authors[g] for g in lost):
                unclear |= set(group)
        for answer in group:
            own = notebooks.tests_of(answer.function, reference_nb)
            verdicts[answer] = Verdict(
                answer,
                sum(scores[g].score or 0 for g in own),
                sum(scores[g].max_score for g in own),
                charged[answer],
                visible=tuple(g for g in own if g in visible),
                elsewhere=tuple(g for g in test_ids if g not in own),
                reason=record.reason,
            )
    return verdicts, unclear


#: Goals of issue 11: wrong answers that a visible test catches, and input handling's share of the points.
VISIBLE_GOAL = 0.90
INPUT_HANDLING_GOAL = 0.15


def visible_coverage(verdicts: list[Verdict]) -> tuple[int, int]:
    """(wrong answers failing a visible test of their function, wrong answers graded)."""
    wrong = [v for v in verdicts if v.answer.wrong and v.graded]
    return sum(v.caught_visibly for v in wrong), len(wrong)


def table(assignment: str, verdicts: list[Verdict], split: PointsSplit | None = None) -> str:
    """Per function: answers tried, wrong ones caught (and by a visible test), right ones accepted; the
    chapter's visible coverage and points split; then every miss, invisible catch and double charge by name."""
    functions = sorted({v.answer.function for v in verdicts}, key=[v.answer.function for v in verdicts].index)
    lines = [assignment, f"  {'function':28} {'answers':>7} {'wrong caught':>13} {'visibly':>8} {'right accepted':>15}"]
    for function in functions:
        mine = [v for v in verdicts if v.answer.function == function]
        wrong = [v for v in mine if v.answer.wrong]
        right = [v for v in mine if not v.answer.wrong]
        lines.append(
            f"  {function:28} {len(mine):>7} {sum(v.ok for v in wrong):>6}/{len(wrong):<6} "
            f"{sum(v.caught_visibly for v in wrong):>4}/{len(wrong):<3} "
            f"{sum(v.ok for v in right):>7}/{len(right):<7}"
        )
    caught, wrong_count = visible_coverage(verdicts)
    if wrong_count:
        share = caught / wrong_count
        lines.append(f"  visible tests catch {caught}/{wrong_count} wrong answers ({share:.0%}; goal >= "
                     f"{VISIBLE_GOAL:.0%}){'' if share >= VISIBLE_GOAL else '  BELOW GOAL'}")
    if split is not None:
        lines.append(f"  input handling (errors, edges, inputs): {split.input_handling:g} of {split.total:g} "
                     f"autograded points ({split.share:.0%}; goal <= {INPUT_HANDLING_GOAL:.0%})"
                     f"{'' if split.share <= INPUT_HANDLING_GOAL else '  ABOVE GOAL'}")
    for v in verdicts:
        if v.answer.wrong and v.graded and not v.caught_visibly:
            lines.append(f"  only hidden tests catch {v.answer.function}/{v.answer.path.name}")
        if v.answer.wrong and v.charged_elsewhere:
            lines.append(f"  {v.answer.function}/{v.answer.path.name} also loses {list(v.charged_elsewhere)}")
    for v in verdicts:
        if not v.graded:
            lines.append(f"  MISS {v.answer.function}/{v.answer.path.name}: not graded ({v.reason})")
        elif not v.ok:
            what = "wrong answer not caught" if v.answer.wrong else f"right answer loses points on {list(v.lost)}"
            lines.append(f"  MISS {v.answer.function}/{v.answer.path.name}: {what}")
    return "\n".join(lines)
