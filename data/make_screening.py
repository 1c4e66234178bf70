"""Write data/screening.csv: 300 invented patients screened with a blood marker.

Invented data (no real patients): a seeded numpy Generator draws whether each patient
has the condition (about 1 in 8) and a marker level, log-normal, higher with the
condition, with overlap so that no threshold separates the two groups. Two marker cells
and one condition cell are left empty (missing values, dropped by the scene and
counted). Run from the repository root:

    .venv/bin/python data/make_screening.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SEED = 2121
PATIENTS = 300
#: Chance that an invented patient has the condition.
CONDITION_SHARE = 0.12
#: Median marker level (ng/mL) and spread of its logarithm, without and with the condition.
WITHOUT = (2.6, 0.45)
WITH = (6.5, 0.45)
#: Rows (0-based) whose marker or condition cell is left empty.
EMPTY_MARKER = (41, 188)
EMPTY_CONDITION = (230,)

OUT = Path(__file__).resolve().parent / "screening.csv"


def rows(seed: int = SEED) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    condition = rng.random(PATIENTS) < CONDITION_SHARE
    median = np.where(condition, WITH[0], WITHOUT[0])
    spread = np.where(condition, WITH[1], WITHOUT[1])
    marker = median * np.exp(spread * rng.standard_normal(PATIENTS))
    age = rng.integers(40, 76, PATIENTS)
    out = []
    for i in range(PATIENTS):
        level = "" if i in EMPTY_MARKER else f"{marker[i]:.2f}"
        has = "" if i in EMPTY_CONDITION else ("yes" if condition[i] else "no")
        out.append([f"P{i + 1:03d}", str(age[i]), level, has])
    return out


def main() -> None:
    with open(OUT, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["patient", "age", "marker (ng/mL)", "condition"])
        writer.writerows(rows())


if __name__ == "__main__":
    main()
