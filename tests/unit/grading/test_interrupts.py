"""How a grading run takes Ctrl-C, and where its workers' first words go: real signals and processes, no kernel."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from mlmath import runlog
from mlmath.grading import batch


@pytest.fixture(autouse=True)
def python_takes_ctrl_c():
    """Python's own Ctrl-C handler, whatever the suite inherited: a shell starts a background job (`make test &`)
    with SIGINT ignored, and Python then leaves it ignored."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_ctrl_c_inside_is_recorded_not_raised():
    with batch._ctrl_c_recorded() as pressed:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # Python runs the handler at the next instruction
            if pressed.is_set():
                break
    assert pressed.is_set()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # as before on the way out


def test_ctrl_c_outside_raises_as_usual():
    with batch._ctrl_c_recorded():
        pass
    try:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):
            pass
    except KeyboardInterrupt:
        return
    raise AssertionError("Ctrl-C after the run did not raise KeyboardInterrupt")


def test_a_started_process_writes_to_the_log_and_this_one_to_the_terminal_again(tmp_path, capfd):
    log = tmp_path / "run.log"
    with runlog.output_to(log):
        subprocess.run([sys.executable, "-c", "import sys; print('child out'); print('child err', file=sys.stderr)"],
                       check=True)
    print("after")
    out, err = capfd.readouterr()
    assert "child" not in out + err
    assert "after" in out
    assert "child out" in log.read_text() and "child err" in log.read_text()


def test_without_a_log_nothing_is_redirected(capfd):
    with runlog.output_to(None):
        subprocess.run([sys.executable, "-c", "print('child out')"], check=True)
    assert "child out" in capfd.readouterr().out
