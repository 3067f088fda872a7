"""The course checks itself: on a scratch copy, the reference solutions must earn every autograded point
and the student version must earn none.  Used by `mlmath check` and by the test suite."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from mlmath import nbgrader_cli, notebooks, release
from mlmath.course import Course

REFERENCE = "reference"  # a "student" whose submission is the source notebook: the reference solutions
BLANK = "blank"  # a "student" who submitted the release unchanged


@dataclass
class SelfCheck:
    assignment: str
    reference: dict[str, nbgrader_cli.CellScore]
    blank: dict[str, nbgrader_cli.CellScore]
    functions: list[str]
    seconds: float

    def autograded_ids(self) -> list[str]:
        return [g for g, s in self.reference.items() if s.autograded]

    def reference_misses(self) -> list[str]:
        """Autograded tests the reference solution does not pass in full."""
        return [g for g in self.autograded_ids() if self.reference[g].score != self.reference[g].max_score]

    def blank_passes(self) -> list[str]:
        """Autograded tests that an untouched student notebook passes, even partly."""
        return [g for g in self.autograded_ids() if (self.blank[g].score or 0) > 0]

    @property
    def ok(self) -> bool:
        return not self.reference_misses() and not self.blank_passes()


def submit(course: Course, student: str, assignment: str, notebook: Path) -> None:
    """Place `notebook` as `student`'s submission of `assignment` (as `nbgrader collect` would)."""
    dest = course.submitted_notebook(student, assignment)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(notebook, dest)


def check_assignment(course: Course, assignment: str, workdir: Path) -> SelfCheck:
    """Generate `assignment`'s release on a scratch copy of `course`, then autograde the reference solution
    and the blank release with the real nbgrader CLI and return both students' scores."""
    started = time.perf_counter()
    scratch = course.scratch_copy(workdir, with_release=False)
    release.generate(scratch, assignment)  # nbgrader generate_assignment, in this process
    submit(scratch, REFERENCE, assignment, scratch.source_notebook(assignment))
    submit(scratch, BLANK, assignment, scratch.release_notebook(assignment))
    nbgrader_cli.run(scratch, "autograde", assignment, "--force")
    return SelfCheck(
        assignment,
        nbgrader_cli.scores(scratch, assignment, REFERENCE),
        nbgrader_cli.scores(scratch, assignment, BLANK),
        notebooks.graded_functions(notebooks.read(scratch.source_notebook(assignment))),
        time.perf_counter() - started,
    )


def format_check(check: SelfCheck) -> str:
    """A table of one assignment's self-check: each graded cell's points for the reference and the blank."""
    lines = [f"{check.assignment}  ({check.seconds:.1f} s)", f"  {'cell':40} {'reference':>10} {'blank':>8}"]
    for gid, ref in check.reference.items():
        blank = check.blank[gid]
        kind = "" if ref.autograded else "  (manual)"
        fmt = lambda s: "-" if s.score is None else f"{s.score:g}/{s.max_score:g}"  # noqa: E731
        lines.append(f"  {gid:40} {fmt(ref):>10} {fmt(blank):>8}{kind}")
    lines.append(f"  graded functions: {', '.join(check.functions)}")
    if check.reference_misses():
        lines.append(f"  FAIL reference solution misses points on: {', '.join(check.reference_misses())}")
    if check.blank_passes():
        lines.append(f"  FAIL blank student notebook earns points on: {', '.join(check.blank_passes())}")
    lines.append("  ok" if check.ok else "  NOT OK")
    return "\n".join(lines)

