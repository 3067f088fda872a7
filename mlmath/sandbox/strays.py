"""What a kernel left running in its sandbox: the processes besides the kernel itself, killed once the kernel
ran into the process limit.

A fork bomb stops at the process limit, but its copies of the kernel go on spinning until the notebook ends
(measured: one such submission kept both cores busy for its 20 s, 33 CPU-seconds, slowing every other
student's grading). Inside its sandbox (bubblewrap's own PID namespace) the kernel is the first child of the
namespace's first process; everything else in that tree was started by the student's code.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Process:
    parent: int
    started: int  # clock ticks since boot (/proc/PID/stat, field 22): orders siblings by age


def read_process(pid: int) -> Process | None:
    """A process's parent and start time (None if it has ended, a zombie included: it runs nothing)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return None if fields[0] in ("Z", "X") else Process(parent=int(fields[1]), started=int(fields[19]))
    except (OSError, IndexError, ValueError):
        return None


def process_table() -> dict[int, Process]:
    """Every process of the machine (that can still be read) by id."""
    table = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (process := read_process(int(entry.name))) is not None:
            table[int(entry.name)] = process
    return table


def strays(table: Mapping[int, Process], sandbox: int) -> set[int]:
    """The processes under the sandbox's first process `sandbox` other than the kernel (its oldest child)."""
    children: dict[int, list[int]] = {}
    for pid, process in table.items():
        children.setdefault(process.parent, []).append(pid)
    top = children.get(sandbox, [])
    if not top:
        return set()
    kernel = min(top, key=lambda pid: (table[pid].started, pid))
    found, todo = set(), [pid for pid in top if pid != kernel] + children.get(kernel, [])
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    return found


def kill_strays(sandbox: int, rounds: int = 50) -> int:
    """Kill every process in the sandbox but the kernel, again until none is left (a survivor may fork while the
    others die); the number of processes killed."""
    killed: set[tuple[int, Process]] = set()
    for _ in range(rounds):
        table = process_table()
        found = strays(table, sandbox)
        if not found:
            break
        killed |= {(pid, table[pid]) for pid in found if _kill(pid, table[pid])}
        time.sleep(0.01)  # SIGKILL takes effect on the way back to user space
    return len(killed)


def _kill(pid: int, seen: Process) -> bool:
    """SIGKILL the process `pid` if it is still the one seen (a pidfd pins it: an id reused meanwhile by another
    process is left alone)."""
    try:
        handle = os.pidfd_open(pid)
    except OSError:
        return False  # ended meanwhile
    try:
        if read_process(pid) != seen:
            return False
        signal.pidfd_send_signal(handle, signal.SIGKILL)
        return True
    except OSError:
        return False
    finally:
        os.close(handle)
