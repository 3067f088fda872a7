"""What happened to a submission and to its cells, as data: the vocabulary that grading, the sandbox and the
reports share (this module imports neither of them).

- `Status`: a submission's outcome, kept in the grading records (`mlmath.grading.records`).
- `Stop`: what stopped a cell (a time limit, another limit, the kernel dying), written by the grading kernel's
  executor (`mlmath.sandbox.execute`) into the graded notebook, in the metadata of the cell it stopped and of
  every cell it kept from running (`cell.metadata["mlmath"]["stop"]`). The grader and the reports read it
  from there.
  The error output that scores such a cell 0 is still written (nbgrader scores from it), but its words are
  for people: nothing reads a stop back from message text.
- `LABELS`: the one table of the words each status is shown with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

METADATA_KEY = "mlmath"  # cell.metadata[METADATA_KEY]: what the grader recorded about the cell (only the grader)
STOP_KEY = "stop"  # cell.metadata[METADATA_KEY][STOP_KEY]: the cell's Stop


class Status(str, Enum):
    """A submission's outcome. The values are what the grading records file holds."""

    GRADED = "graded"  # nbgrader graded it; its scores are in the gradebook
    FAILED = "failed"  # it could not be graded (bad file, nbgrader error); the reason says why
    TIMED_OUT = "timed_out"  # graded on what ran: a cell was stopped by a time limit
    LIMITED = "limit"  # graded on what ran: a cell hit another limit (CPU, memory, processes, output, file size)
    CRASHED = "crashed"  # graded on what ran: the kernel died (os._exit, a segfault...)

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def label(self) -> str:
        return LABELS[self]


#: The words a status is shown with, in summaries, progress lines and reports; in this order.
LABELS: dict[Status, str] = {
    Status.GRADED: "graded",
    Status.FAILED: "failed to grade",
    Status.TIMED_OUT: "timed out",
    Status.LIMITED: "hit a limit",
    Status.CRASHED: "crashed",
}
STOPPED = (Status.TIMED_OUT, Status.LIMITED, Status.CRASHED)  # graded, but a person should look at why


class StopKind(str, Enum):
    """What stopped a cell."""

    CELL_TIME = "cell_time"  # the time limit per cell (c.Execute.timeout)
    NOTEBOOK_TIME = "notebook_time"  # the time limit per notebook (c.MlmathLimits.notebook_seconds)
    LIMIT = "limit"  # another limit: CPU, memory, processes, output, file size
    KERNEL_DIED = "kernel_died"  # the kernel ended (os._exit, a segfault, a signal that is not a limit's)

    def __str__(self) -> str:
        return self.value

    @property
    def status(self) -> Status:
        return STATUS_OF_STOP[self]


#: The status of a submission whose first stopped cell was stopped by this kind.
STATUS_OF_STOP: dict[StopKind, Status] = {
    StopKind.CELL_TIME: Status.TIMED_OUT,
    StopKind.NOTEBOOK_TIME: Status.TIMED_OUT,
    StopKind.LIMIT: Status.LIMITED,
    StopKind.KERNEL_DIED: Status.CRASHED,
}


@dataclass(frozen=True)
class Stop:
    """What stopped a cell: `kind`, `detail` in words for a person ("the time limit per cell (60 s)", "killed by
    SIGSEGV"), `cell` where it happened (a grade_id or "cell 7"). `ran` is False on the cells that were not
    run because the kernel could not go on after it (they carry the stop of the cell that stopped it)."""

    kind: StopKind
    detail: str
    cell: str
    ran: bool = True

    @property
    def status(self) -> Status:
        return self.kind.status

    @property
    def timed(self) -> bool:
        return self.kind in (StopKind.CELL_TIME, StopKind.NOTEBOOK_TIME)

    def describe(self) -> str:
        """The stop in a sentence for a person: "the time limit per cell (60 s) in norm__hidden"."""
        return f"{self.detail} in {self.cell}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "detail": self.detail, "cell": self.cell, "ran": self.ran}

    @classmethod
    def from_json(cls, data: Any) -> Stop | None:
        """The stop recorded as `data` (None for anything that is not one)."""
        if not isinstance(data, Mapping):
            return None
        try:
            kind = StopKind(data.get("kind"))
        except ValueError:
            return None
        return cls(kind, str(data.get("detail", "")), str(data.get("cell", "")), bool(data.get("ran", True)))


def cell_name(cell: Mapping, index: int) -> str:
    """A cell as a person finds it: its grade_id, or its position."""
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"


def record(cell: Any, stop: Stop) -> None:
    """Write `stop` into the cell's metadata (the first stop of a cell is kept: it is what stopped it)."""
    if stop_of(cell) is None:
        metadata = cell.setdefault("metadata", {})
        if not isinstance(metadata.get(METADATA_KEY), Mapping):
            metadata[METADATA_KEY] = {}
        metadata[METADATA_KEY][STOP_KEY] = stop.to_json()


def forget(cells: Iterable[Any]) -> None:
    """Remove mlmath's metadata from the cells: a submitted notebook's is the student's, never the grader's."""
    for cell in cells:
        cell.get("metadata", {}).pop(METADATA_KEY, None)


def stop_of(cell: Mapping) -> Stop | None:
    """The stop recorded in a graded cell's metadata (None if nothing stopped it)."""
    recorded = cell.get("metadata", {}).get(METADATA_KEY)
    return Stop.from_json(recorded.get(STOP_KEY)) if isinstance(recorded, Mapping) else None


def first_stop(cells: Iterable[Mapping]) -> Stop | None:
    """The stop of the first stopped cell of a graded notebook: what stopped the submission."""
    return next((stop for stop in map(stop_of, cells) if stop is not None), None)


def status_of(stop: Stop | None) -> Status:
    """The status of a graded submission whose first stop is `stop`."""
    return Status.GRADED if stop is None else stop.status


def reason_of(stop: Stop | None) -> str:
    """The reason recorded with the status, for a person ("" when nothing stopped it)."""
    return "" if stop is None else f"graded on what ran: {stop.describe()}"


# --- what the kernel raised ---------------------------------------------------------------------------------
# A limit that only raises (MemoryError, a refused fork) does not stop the kernel; the executor, the one place
# that sees the kernel's own error, records it as a stop of kind LIMIT when it happens.


PROCESS_LIMIT = "the process limit"
MEMORY_LIMIT = "the memory limit"


def raised_limit(ename: str, evalue: str) -> str | None:
    """Which limit the kernel's error `ename: evalue` shows it ran into (None for an ordinary error)."""
    if ename == "MemoryError":
        return MEMORY_LIMIT
    if "Resource temporarily unavailable" in evalue or "can't start new thread" in evalue:
        return PROCESS_LIMIT  # the process limit refused a fork or a thread
    return None


# --- error outputs: the words the executor writes for people ------------------------------------------------

LIMIT_ENAME = "LimitExceeded"  # ename of a cell stopped by a limit, and of the cells not run after it
KERNEL_DIED_ENAME = "KernelDied"  # ename of the cell whose kernel died, and of the cells not run after it
CELL_TIMEOUT_ENAME = "CellTimeoutError"  # nbgrader's own, for the time limit per cell
NOT_RUN = "not run: "  # evalue prefix of the cells after the kernel stopped
OUTPUT_NOTE = "[the output limit"  # start of the note that replaces output past the output limit
