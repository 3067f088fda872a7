"""Where the course's parts are: its root, its assignments and their notebooks, and scratch copies of it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

#: The files that make a course directory an nbgrader course.
CONFIG_FILES = ("course_config.py", "nbgrader_config.py")


def find_root(start: Path | None = None) -> Path:
    """Return the course root: the nearest folder at or above `start` holding `course_config.py`.

    Raises
    ------
    FileNotFoundError
        If no folder above `start` (default: the working directory) is a course.
    """
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "course_config.py").is_file():
            return folder
    raise FileNotFoundError(f"no course_config.py in {start} or any folder above it: not inside a course")


@dataclass(frozen=True)
class Course:
    """A course directory: `source/`, `release/`, `submitted/`, `autograded/`, the config and the gradebook."""

    root: Path

    @classmethod
    def here(cls) -> Course:
        return cls(find_root())

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def release(self) -> Path:
        return self.root / "release"

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / "autograded"

    @property
    def gradebook_url(self) -> str:
        return f"sqlite:///{self.root / 'gradebook.db'}"

    def assignments(self) -> list[str]:
        """The assignment ids: the folders of `source/` holding a notebook of the same name, sorted."""
        return sorted(p.parent.name for p in self.source.glob("*/*.ipynb") if p.stem == p.parent.name)

    def source_notebook(self, assignment: str) -> Path:
        return self.source / assignment / f"{assignment}.ipynb"

    def release_notebook(self, assignment: str) -> Path:
        return self.release / assignment / f"{assignment}.ipynb"

    def submitted_notebook(self, student: str, assignment: str) -> Path:
        return self.submitted / student / assignment / f"{assignment}.ipynb"

    def autograded_notebook(self, student: str, assignment: str) -> Path:
        return self.autograded / student / assignment / f"{assignment}.ipynb"

    def scratch_copy(self, dest: Path, *, with_release: bool = True) -> Course:
        """Copy the course's config, `source/` (and `release/`) to `dest`: a course to grade in freely.

        No gradebook, submissions or grades are copied, so the copy starts clean and the original is
        never touched.
        """
        dest.mkdir(parents=True, exist_ok=True)
        for name in CONFIG_FILES:
            shutil.copy2(self.root / name, dest / name)
        ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        shutil.copytree(self.source, dest / "source", ignore=ignore)
        if with_release and self.release.is_dir():
            shutil.copytree(self.release, dest / "release", ignore=ignore)
        (dest / "exchange").mkdir(exist_ok=True)  # as in a clone: c.Exchange.root, which nbgrader never creates
        return Course(dest)
