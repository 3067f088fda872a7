"""The grading workers are forked from multiprocessing's fork server with nbgrader's API and mlmath's
preprocessors already imported (mlmath.grading.batch.WORKER_MODULES), not each importing them again."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

from mlmath.grading import batch


def _loaded(names: tuple[str, ...]) -> dict[str, bool]:
    """In a worker, before it imports anything itself: which of `names` are already imported."""
    return {name: name in sys.modules for name in names}


def test_this_module_imports_no_grading_module_itself():
    """A worker imports this module to run `_loaded`: if it imported them, the check below could not fail."""
    code = f"import sys, {__name__}; print(any(m in sys.modules for m in {batch.WORKER_MODULES!r}[:2]))"
    probe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert probe.stdout.strip() == "False", probe.stdout + probe.stderr


def test_a_worker_starts_with_the_grading_modules_imported(tmp_path):
    with ProcessPoolExecutor(max_workers=1, mp_context=batch._ForkServerWritingTo(str(tmp_path / "run.log"))) as pool:
        pid, loaded = pool.submit(os.getpid).result(timeout=120), pool.submit(_loaded, batch.WORKER_MODULES).result()
    assert pid != os.getpid()
    assert loaded == dict.fromkeys(batch.WORKER_MODULES, True), loaded
