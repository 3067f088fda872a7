"""The course's settings: nbgrader's configuration, read the way nbgrader reads it, and mlmath's own
settings, which live in the same `course_config.py` under `c.Mlmath...` names."""

from __future__ import annotations

from traitlets import Bool, Dict, Integer, List, Unicode
from traitlets.config import Config, Configurable
from traitlets.config.loader import PyFileConfigLoader

from mlmath.course import Course


def load(course: Course) -> Config:
    """The configuration nbgrader sees at the course root (`nbgrader_config.py`, which loads course_config.py)."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()


class MlmathCollect(Configurable):
    """How `mlmath collect` recognises the student in a file name downloaded from an LMS."""

    filename_patterns = List(
        Unicode(),
        default_value=[
            # Canvas "Download Submissions": <sortable name, non-word characters removed, lower-cased>_[late_]
            # <Canvas user id>_<attachment id>_<file name as uploaded, "-1", "-2"... on a resubmission>, flat:
            # "doejane_123456_7890123_ch1_dot_products.ipynb", "doejane_late_123456_7890124_ch1_dot_products-1.ipynb"
            # (no name under anonymous grading: "123456_7890123_ch1_dot_products.ipynb").
            r"^(?:(?P<name>[^\W\d_][^\W_]*)_)?(?:(?i:late)_)?(?P<student>\d+)_\d+_[^/]+\.ipynb$",
            # Moodle "Download all submissions": <full name>_<participant id>_assignsubmission_file_, then the file's
            # name (flat) or "/" and the file's name ("Download submissions in folders", the default since 3.1):
            # "Jane Doe_4567_assignsubmission_file_ch1.ipynb", "Jane Doe_4567_assignsubmission_file_/ch1.ipynb"
            # ("Participant_4567_..." under blind marking, "Group A-Jane Doe_4567_..." for group submissions).
            r"^(?P<name>[^/]+?)_(?P<student>\d+)_assignsubmission_file_.+\.ipynb$",
        ],
        help="Regular expressions, each with a named group `student` (the id the student gets in submitted/ and "
        "the gradebook), tried in order on each downloaded file's path inside the download, its shortest "
        "trailing part first: the file name, then '<folder>/<file name>', and so on. Canvas's id is the Canvas "
        "user id; Moodle's is the participant id, which Moodle numbers per assignment. A plain '<id>.ipynb' "
        r"download needs a pattern of its own, e.g. '^(?P<student>s\d{7})\.ipynb$'.",
    ).tag(config=True)
    total_mb = Integer(2048, help="Most MiB of notebooks read from one download, all together; what is past it is "
                       "listed as not collected. Each notebook is read only up to c.MlmathLimits.notebook_mb.").tag(
        config=True)


class MlmathGrade(Configurable):
    """How `mlmath grade` runs."""

    jobs = Integer(0, help="Submissions graded at once; 0 means one per CPU core.").tag(config=True)
    cluster = Unicode("", help="The address of a Dask scheduler (e.g. 'tcp://grader1.example.org:8786') whose "
                      "workers grade the submissions (see README, 'Grading on a Dask cluster'); empty: grade on "
                      "this machine with `jobs` workers.").tag(config=True)
    cluster_timeout = Integer(30, help="Seconds `mlmath grade --cluster` tries to reach the Dask scheduler before "
                              "it gives up (exit status 2).").tag(config=True)
    due_dates = Dict(
        value_trait=Unicode(),
        help='Due date of each assignment, e.g. {"ch1_dot_products": "2027-02-01 23:59:00 UTC"}.',
    ).tag(config=True)


class MlmathLimits(Configurable):
    """What one submission may use while it is graded. A submission that reaches a limit is graded on what ran:
    the cells before keep their points, the cell that hit it and (where the kernel could not go on) the cells
    after it score 0, and the summary and report name the limit. The time limit per cell is nbgrader's own,
    `c.Execute.timeout`."""

    notebook_seconds = Integer(300, help="Wall-clock seconds for the whole notebook, kernel start excluded.").tag(
        config=True)
    cpu_seconds = Integer(240, help="CPU seconds of the kernel process (all its threads); the kernel is "
                          "stopped when it uses them up.").tag(config=True)
    memory_mb = Integer(2048, help="Address space of each process of the kernel, in MiB (RLIMIT_AS): "
                        "allocating past it raises MemoryError.").tag(config=True)
    processes = Integer(64, help="Processes and threads the kernel's user may run at once (RLIMIT_NPROC).").tag(
        config=True)
    file_mb = Integer(64, help="Largest file the kernel may write, in MiB; its private home and /tmp are each "
                      "this size in all.").tag(config=True)
    output_kb = Integer(1024, help="Output kept per cell, in KiB; the rest is dropped with a note.").tag(config=True)
    notebook_output_kb = Integer(4096, help="Output kept per notebook, in KiB (with at most 200 outputs per cell); "
                                 "the rest is dropped with a note, so a graded notebook stays small.").tag(config=True)
    notebook_mb = Integer(20, help="Largest submitted notebook file, in MiB: a bigger one is not graded.").tag(
        config=True)
    submission_entries = Integer(200, help="Files and folders a submission folder may hold (its notebook and "
                                 "timestamp.txt included): a submission with more is not graded.").tag(config=True)


class MlmathSandbox(Configurable):
    """How `mlmath grade` isolates each kernel (bubblewrap)."""

    bwrap = Unicode("bwrap", help="The bubblewrap program.").tag(config=True)
    render_figures = Bool(False, help="Draw the lessons' figures into the graded notebooks. Off by default: "
                          "grading kernels use matplotlib's non-interactive Agg backend, which saves about a "
                          "second per notebook, and no grade depends on a picture.").tag(config=True)


def settings(course: Course, cls: type[Configurable]) -> Configurable:
    """An instance of one of mlmath's settings classes, configured from the course's config."""
    return cls(config=load(course))
