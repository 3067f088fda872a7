"""nbgrader's CheckCellMetadata, with its JSON schema compiled once per process instead of once per cell.

nbgrader checks every nbgrader cell's metadata with `jsonschema.validate(metadata, schema)`, which first checks the
*schema itself* against the JSON-Schema meta-schema: the same constant file, checked again for every cell of every
notebook, twice per graded notebook (before and after execution). That was 0.35-0.4 CPU-seconds of each ch4
notebook's grading (cProfile of a grading worker), more than the tests of a whole exercise. The checks and errors
are nbgrader's own: the same validator class, the same `best_match` error, the same errors for a schema version
too old or too new (left to nbgrader), and nbgrader's further checks (grade ids, points, cell types) unchanged.
"""

from __future__ import annotations

import functools
import json
import os
import traceback

import jsonschema
from jsonschema.exceptions import best_match
from nbformat.notebooknode import NotebookNode
from nbgrader.nbgraderformat import MetadataValidator as NbgraderMetadataValidator
from nbgrader.nbgraderformat import ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.nbgraderformat.common import root as nbgraderformat_root
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata


@functools.cache
def compiled_schema(version: int) -> jsonschema.protocols.Validator:
    """A validator for nbgrader's cell-metadata schema of `version` (the file nbgrader's validators read), checked
    against its meta-schema once, as `jsonschema.validate` would for every cell."""
    with open(os.path.join(nbgraderformat_root, f"v{version:d}.json")) as file:
        schema = json.load(file)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class _SchemaCheckedOnce(BaseMetadataValidator):
    """The schema part of nbgrader's `BaseMetadataValidator.validate_cell`, with the compiled schema."""

    def validate_cell(self, cell: NotebookNode) -> None:
        meta = cell.metadata.get("nbgrader")
        if meta is None or meta.get("schema_version", 0) != self.schema_version:
            super().validate_cell(cell)  # nothing to check, or nbgrader's own error for the schema's version
            return
        error = best_match(compiled_schema(self.schema_version).iter_errors(meta))
        if error is not None:
            raise error


class MetadataValidator(NbgraderMetadataValidator, _SchemaCheckedOnce):
    """nbgrader's current validator; its call to the base class's schema check lands in `_SchemaCheckedOnce`."""


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's preprocessor with `MetadataValidator` above: the same checks, the same error."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        try:
            MetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources
