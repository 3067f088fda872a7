"""matplotlib's font list for the grading kernels, built once per environment instead of once per kernel.

A grading kernel's home starts empty, so on its first `import matplotlib` every kernel scanned the system's
fonts (fc-list and the font folders) to write the font list into its matplotlib folder: about 0.3 CPU-seconds
of every kernel whose notebook draws a figure, thrown away with the sandbox. The list is built here once, by a
process that sees the fonts as a kernel does (an empty home, the same system and Python), and kept in the
grader's cache folder; each kernel gets it read-only, and the launcher copies it into the kernel's own
matplotlib folder (MPLCONFIGDIR), where matplotlib reads it as its own (and, were a font to vanish, rebuilds it
as it always would). Without matplotlib, or when the list cannot be built, kernels build their own, as before.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import subprocess
import sys
import tempfile
from pathlib import Path

#: Where matplotlib keeps its settings and caches inside the sandbox (bubblewrap.environment sets MPLCONFIGDIR).
MATPLOTLIB_FOLDER = ".config/matplotlib"


def cache_folder() -> Path:
    """The grader's cache folder for this environment's font list (one per Python environment and matplotlib)."""
    version = importlib.metadata.version("matplotlib")
    key = hashlib.sha256(f"{os.path.realpath(sys.prefix)}\0{version}".encode()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "mlmath" / f"matplotlib-{version}-{key}"


@functools.cache
def font_list() -> Path | None:
    """This environment's matplotlib font list, built on first use; None without matplotlib or if it cannot be
    built (each kernel then builds its own)."""
    try:
        folder = cache_folder()
    except importlib.metadata.PackageNotFoundError:
        return None
    built = sorted(folder.glob("fontlist-*.json"))
    if built:
        return built[-1]
    try:
        return _build(folder)
    except (OSError, subprocess.SubprocessError):
        return None


def _build(folder: Path) -> Path | None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        home, config = Path(scratch, "home"), Path(scratch, "matplotlib")
        home.mkdir()
        config.mkdir()
        env = {"HOME": str(home), "MPLCONFIGDIR": str(config), "MPLBACKEND": "agg", "LANG": "C.UTF-8",
               "PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin"}
        subprocess.run([sys.executable, "-I", "-c", "import matplotlib.font_manager"], env=env, check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        made = sorted(config.glob("fontlist-*.json"))
        if not made:
            return None
        target = folder / made[-1].name
        os.replace(made[-1], target)  # whole or not at all, should two graders build it at once
        return target
