"""Packaging: `pip install .` (not editable) must give a whole, working `mlmath`: the wheel holds every
package under mlmath/, and every package mlmath imports is declared."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import packages_distributions

import pytest
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PACKAGE = ROOT / "mlmath"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel `pip wheel .` builds, offline, from a copy of the project (the build writes into its tree)."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = tmp / "project"
    project.mkdir()
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copytree(PACKAGE, project / "mlmath", ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                           "-w", str(tmp / "dist"), str(project)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = (tmp / "dist").glob("mlmath-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_the_wheel_holds_every_subpackage_and_module(wheel):
    names = set(wheel.namelist())
    packages = [p.parent for p in PACKAGE.rglob("__init__.py") if "__pycache__" not in p.parts]
    assert len(packages) >= 5, packages  # mlmath, grading, intake, reporting, sandbox, ...
    for package in packages:
        assert f"{package.relative_to(ROOT).as_posix()}/__init__.py" in names, f"{package.name} is not in the wheel"
    for module in PACKAGE.rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in names, f"{module} is not in the wheel"
    for template in (PACKAGE / "formgrader" / "templates").rglob("*.*"):
        assert template.relative_to(ROOT).as_posix() in names, f"{template} is not in the wheel"


def imported_distributions() -> dict[str, str]:
    """Every distribution mlmath's code imports (at module level or inside a function), with a module of it."""
    provided = packages_distributions()
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "mlmath" or top.startswith("__") \
                        or (path.parent / f"{top}.py").is_file():
                    continue  # __future__; a module the grader installs in a kernel, or the one beside a script
                assert top in provided, f"{path.name} imports {top}, which no installed distribution provides"
                found.setdefault(canonicalize_name(provided[top][0]), f"{path.name}: {name}")
    return found


def test_every_imported_package_is_declared(wheel):
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    declared = {canonicalize_name(Requirement(line.split(":", 1)[1]).name)
                for line in wheel.read(metadata).decode().splitlines() if line.startswith("Requires-Dist:")}
    imported = imported_distributions()
    assert {"nbgrader", "matplotlib", "tqdm"} <= set(imported)  # the scan sees imports inside functions too
    missing = {dist: where for dist, where in imported.items() if dist not in declared}
    assert not missing, f"imported but not in pyproject.toml's dependencies: {missing}"
