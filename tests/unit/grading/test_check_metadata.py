"""mlmath's CheckCellMetadata decides exactly as nbgrader's (same notebooks accepted, same errors) while checking
nbgrader's schema against the meta-schema once per process instead of once per cell."""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator as NbgradersValidator
from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError, ValidationError
from nbgrader.preprocessors import CheckCellMetadata as NbgradersCheck

from mlmath.grading import check_metadata
from mlmath.grading.check_metadata import CheckCellMetadata, MetadataValidator


def notebook() -> nbformat.NotebookNode:
    answer = nbformat.v4.new_code_cell("def dot(u, v):\n    return 0.0")
    answer.metadata["nbgrader"] = {"grade_id": "dot", "grade": False, "solution": True, "locked": False,
                                   "schema_version": 3, "task": False}
    test = nbformat.v4.new_code_cell("assert dot([1], [1]) == 1")
    test.metadata["nbgrader"] = {"grade_id": "dot__visible", "grade": True, "solution": False, "locked": True,
                                 "points": 1, "schema_version": 3, "task": False}
    plain = nbformat.v4.new_markdown_cell("Some lesson text.")
    return nbformat.v4.new_notebook(cells=[plain, answer, test])


def corrupt(change) -> nbformat.NotebookNode:
    nb = notebook()
    change(nb.cells[2].metadata["nbgrader"])
    return nb


CORRUPTIONS = {
    "points as text": lambda m: m.update(points="one"),
    "grade as a number": lambda m: m.update(grade=1),
    "an unknown key": lambda m: m.update(extra=True),
    "no grade id": lambda m: m.pop("grade_id"),
    "an empty grade id": lambda m: m.update(grade_id=""),
    "no points": lambda m: m.pop("points"),
    "a grade id of the wrong type": lambda m: m.update(grade_id=7),
}


CORRUPTED = "Notebook failed to validate; the nbgrader metadata may be corrupted."


def outcome(validator_check, nb):
    try:
        validator_check(copy.deepcopy(nb))
    except Exception as error:  # noqa: BLE001 -- the error itself is what is compared
        return type(error), str(error)
    return None


def test_a_good_notebook_passes_both():
    nb = notebook()
    assert outcome(MetadataValidator().validate_nb, nb) is None
    assert CheckCellMetadata().preprocess(nb, {})[0] is nb


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_each_corruption_gets_nbgraders_own_error(name):
    nb = corrupt(CORRUPTIONS[name])
    ours = outcome(MetadataValidator().validate_nb, nb)
    theirs = outcome(NbgradersValidator().validate_nb, nb)
    assert theirs is not None, f"nbgrader accepts {name}: the case does not test anything"
    assert ours == theirs
    assert outcome(lambda n: CheckCellMetadata().preprocess(n, {}), nb) == outcome(
        lambda n: NbgradersCheck().preprocess(n, {}), nb) == (ValidationError, CORRUPTED)


@pytest.mark.parametrize(("version", "error"), [(2, SchemaTooOldError), (4, SchemaTooNewError)])
def test_a_schema_version_other_than_nbgraders_is_its_error(version, error):
    nb = corrupt(lambda m: m.update(schema_version=version))
    with pytest.raises(error):
        MetadataValidator().validate_nb(nb)


def test_the_schema_is_checked_once_for_every_cell_of_every_notebook():
    check_metadata.compiled_schema.cache_clear()
    for _ in range(3):
        MetadataValidator().validate_nb(notebook())
    info = check_metadata.compiled_schema.cache_info()
    assert info.misses == 1 and info.hits == 3 * 2 - 1  # two nbgrader cells in each of three notebooks

