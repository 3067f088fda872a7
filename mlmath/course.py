"""Where the course's parts are: its root, its assignments and their notebooks, and scratch copies of it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

#: The files that make a course directory an nbgrader course.
CONFIG_FILES = ("course_config.py", "nbgrader_config.py")
#: The default gradebook (nbgrader's): SQLite in this file at the course root.
GRADEBOOK_FILE = "gradebook.db"


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
        """The gradebook nbgrader uses: `c.CourseDirectory.db_url` of the course's config (any SQLAlchemy URL,
        e.g. PostgreSQL), else the default, SQLite in `gradebook.db` at the root. A relative SQLite path is
        taken from the root, where mlmath runs nbgrader."""
        from sqlalchemy.engine import make_url

        configured = configured_db_url(self.root)
        if not configured:
            return f"sqlite:///{self.root / GRADEBOOK_FILE}"
        url = make_url(configured)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" and not (
                url.database.startswith("file:") or Path(url.database).is_absolute()):
            return url.set(database=str(self.root / url.database)).render_as_string(hide_password=False)
        return configured

    @property
    def gradebook_file(self) -> Path | None:
        """The SQLite file of the gradebook (None when it is a database server, e.g. PostgreSQL)."""
        from sqlalchemy.engine import make_url

        url = make_url(self.gradebook_url)
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        return Path(url.database.removeprefix("file:").split("?")[0])

    @property
    def gradebook_name(self) -> str:
        """Where the gradebook is, for messages: its file, or its URL without the password."""
        from sqlalchemy.engine import make_url

        file = self.gradebook_file
        return str(file) if file else make_url(self.gradebook_url).render_as_string(hide_password=True)

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

    def scratch_copy(self, dest: Path, *, with_release: bool = True, db_url: str | None = None) -> Course:
        """Copy the course's config, `source/` (and `release/`) to `dest`: a course to grade in freely.

        No gradebook, submissions or grades are copied, so the copy starts clean and the original is
        never touched. The copy's gradebook is its own: `db_url` if given (an empty database), else SQLite in
        `dest`, also when the course's config points at a database server (a PostgreSQL gradebook is never
        shared with a scratch copy: `mlmath check`, the answer bank and the demo would write into it).
        """
        dest.mkdir(parents=True, exist_ok=True)
        for name in CONFIG_FILES:
            shutil.copy2(self.root / name, dest / name)
        if db_url is not None or configured_db_url(self.root):
            with open(dest / "course_config.py", "a") as config:
                config.write("\n# --- A scratch copy of the course (mlmath/course.py): a gradebook of its own ---\n"
                             f"c.CourseDirectory.db_url = {(db_url or f'sqlite:///{dest / GRADEBOOK_FILE}')!r}\n")
        ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        shutil.copytree(self.source, dest / "source", ignore=ignore)
        if with_release and self.release.is_dir():
            shutil.copytree(self.release, dest / "release", ignore=ignore)
        (dest / "exchange").mkdir(exist_ok=True)  # as in a clone: c.Exchange.root, which nbgrader never creates
        return Course(dest)


def configured_db_url(root: Path) -> str:
    """`c.CourseDirectory.db_url` as the course's config at `root` sets it ("" when it leaves nbgrader's
    default), read as nbgrader reads it: `nbgrader_config.py`, which loads `course_config.py`."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    return config.CourseDirectory.get("db_url", "") if "CourseDirectory" in config else ""
