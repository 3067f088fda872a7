"""What stopped a cell, read from the error outputs it left: the one place that knows the names of time limits,
other limits and kernel crashes (written by `mlmath.sandbox.execute`, read by the grader and the reports)."""

from __future__ import annotations

LIMIT = "LimitExceeded"  # ename of a cell stopped by a limit, and of the cells not run after it
KERNEL_DIED = "KernelDied"  # ename of the cell whose kernel died, and of the cells not run after it
CELL_TIMEOUT = "CellTimeoutError"  # nbgrader's own, for the time limit per cell
NOT_RUN = "not run: "  # evalue prefix of the cells after the kernel stopped
OUTPUT_NOTE = "[the output limit"  # start of the note that replaces output past the output limit

INTERRUPTED = (CELL_TIMEOUT, "KeyboardInterrupt", "TimeoutError")  # a cell interrupted at the time limit

TIME = "time limit"
OTHER_LIMIT = "limit"
CRASH = "crash"


def kind(ename: str, evalue: str = "") -> str | None:
    """TIME, OTHER_LIMIT or CRASH for an error that a limit or a crash caused; None for an ordinary error."""
    if ename in INTERRUPTED:
        return TIME
    if ename in (LIMIT, KERNEL_DIED):
        if "time limit per" in evalue:
            return TIME
        return OTHER_LIMIT if "limit" in evalue else CRASH
    if ename == "MemoryError":
        return OTHER_LIMIT
    if "Resource temporarily unavailable" in evalue or "can't start new thread" in evalue:
        return OTHER_LIMIT  # the process limit refused a fork or a thread
    return None


def describe(ename: str, evalue: str) -> str:
    """The limit or crash in a few words, for the summary and the report."""
    if ename in INTERRUPTED:
        return "the time limit per cell"
    if ename == "MemoryError":
        return "the memory limit"
    if ename in (LIMIT, KERNEL_DIED):
        return evalue.removeprefix(NOT_RUN)
    return "the process limit"


def cell_name(cell, index: int) -> str:
    """A cell as a person finds it: its grade_id, or its position."""
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"


def first_stop(cells: list) -> tuple[str, str] | None:
    """(kind, "what, in which cell") of the first cell of a graded notebook that a limit or crash stopped."""
    for index, cell in enumerate(cells):
        name = cell_name(cell, index)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found = kind(output.get("ename", ""), output.get("evalue", ""))
                if found:
                    return found, f"{describe(output.get('ename', ''), output.get('evalue', ''))} in {name}"
            elif output.get("output_type") == "stream" and output.get("text", "").startswith(OUTPUT_NOTE):
                return OTHER_LIMIT, f"the output limit in {name}"
    return None
