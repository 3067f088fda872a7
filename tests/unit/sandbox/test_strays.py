"""What a kernel left running in its sandbox (mlmath.sandbox.strays): found on a process table, and killed on a
real process tree that stands in for a sandbox (an init, the kernel, what the kernel forked)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from mlmath.sandbox import strays
from mlmath.sandbox.strays import Process

# init 10 -> kernel 11 (oldest child) -> 12 -> 13; 14: an orphan re-parented to init; 20: the kernel's sibling
# sandbox elsewhere (not under init 10)
TABLE = {10: Process(1, 100), 11: Process(10, 101), 12: Process(11, 150), 13: Process(12, 160),
         14: Process(10, 170), 20: Process(1, 105), 21: Process(20, 106)}


def test_everything_under_the_sandbox_but_the_kernel_is_a_stray():
    assert strays.strays(TABLE, 10) == {12, 13, 14}


def test_the_kernel_is_the_oldest_child_not_the_lowest_id():
    table = {10: Process(1, 100), 30: Process(10, 101), 12: Process(10, 140)}  # ids wrap around
    assert strays.strays(table, 10) == {12}


def test_a_kernel_alone_or_no_sandbox_has_no_strays():
    assert strays.strays({10: Process(1, 100), 11: Process(10, 101)}, 10) == set()
    assert strays.strays(TABLE, 99) == set()


# A stand-in sandbox: this process's child is the "init"; its first child the "kernel", which forks three
# children that spin (as a fork bomb's copies do) and prints their ids.
TREE = r'''
import os, sys, time
if os.fork() == 0:          # the kernel
    for _ in range(3):
        if os.fork() == 0:
            while True:
                pass
    print("ready", flush=True)
    time.sleep(60)
    sys.exit(0)
time.sleep(60)              # the init
'''


def test_kill_strays_ends_what_the_kernel_forked_and_keeps_the_kernel():
    init = subprocess.Popen([sys.executable, "-c", TREE], stdout=subprocess.PIPE, text=True)
    try:
        assert init.stdout.readline().strip() == "ready"
        table = strays.process_table()
        kernel = next(pid for pid, p in table.items() if p.parent == init.pid)
        spinning = strays.strays(table, init.pid)
        assert len(spinning) == 3
        assert strays.kill_strays(init.pid) == 3
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(strays.read_process(pid) for pid in spinning):
            time.sleep(0.05)
        assert not any(strays.read_process(pid) for pid in spinning), "a stray still runs"  # gone, or a zombie
        assert strays.read_process(kernel) is not None, "the kernel was killed"
        assert strays.kill_strays(init.pid) == 0
    finally:
        init.kill()
        os.system(f"pkill -KILL -P {init.pid} 2>/dev/null")
        init.wait()

