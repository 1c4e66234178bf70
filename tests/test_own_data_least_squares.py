"""LeastSquares on a user's CSV file (issue 21).

A CSV file written here (awkward column names with spaces, units and underscores, a few
empty cells) goes through the scene's checked build (conftest's ``built``); the numbers
in its sidecar are compared with numpy and scikit-learn computed on the same file read
by pandas (``pandas.read_csv`` with its defaults, the rows complete in the two columns).
``rows`` name data rows of the file (0-based, the header not counted), so the oracle
takes them with ``iloc`` from the whole file. The scene's own refusals (a dropped row, a
row past the end, columns the file lacks, three rows that span no plane or lie on one
line) go through the real command line: exit 2, one line naming the parameter, nothing
written. The ``exam-hours`` preset is checked against the same oracles on
data/exam_scores.csv.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import LinearRegression  # type: ignore[import-untyped]

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import tables
from scenes.linear_algebra.least_squares import LeastSquares
from scenes.linear_algebra.params import LeastSquaresParams
from scenes.parameters import build

#: Relative tolerance against the oracles: float64 on the same numbers, different
#: algorithms (QR against LAPACK's SVD-based gelsd and scikit-learn's lstsq).
RTOL = 1e-9
X_COL = "study time (h)"
Y_COL = "score_%"
#: Data rows of the file with an empty cell in a used column (and one in a column the
#: scene does not use, which drops nothing).
EMPTY_X, EMPTY_Y, EMPTY_OTHER = 3, 10, 5
#: Three data rows of the file, two of them after the dropped rows (their positions in
#: the table of complete rows are 0, 11 and 28).
ROWS = (0, 13, 30)


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 invented students: an id, the study time, a score in percent, a text group;
    three empty cells, two of them in the columns the scene uses."""
    rng = np.random.default_rng(2121)
    n = 40
    hours = rng.uniform(1.0, 12.0, n)
    score = 40.0 + 4.0 * hours + rng.normal(0.0, 6.0, n)
    frame = pd.DataFrame(
        {
            "student id": [f"s{i:02d}" for i in range(n)],
            X_COL: np.round(hours, 1),
            Y_COL: np.round(score, 1),
            "group": np.where(np.arange(n) % 3 == 0, "evening", "day"),
        }
    ).astype(object)
    frame.loc[EMPTY_X, X_COL] = None
    frame.loc[EMPTY_Y, Y_COL] = None
    frame.loc[EMPTY_OTHER, "group"] = None
    path = tmp_path_factory.mktemp("own-data-least-squares") / "study.csv"
    frame.to_csv(path, index=False)
    return path


def oracle(path: Path, x: str, y: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole file as pandas reads it, and its rows complete in ``x`` and ``y``."""
    whole = pd.read_csv(path)
    return whole, whole[[x, y]].dropna()


def check_against_oracles(data: dict[str, Any], path: Path, rows: tuple[int, int, int]) -> None:
    """The sidecar's three-row fit, its all-row fit and normal equations, from the file."""
    whole, complete = oracle(path, data["feature"], data["target"])
    x3 = whole[data["feature"]].iloc[list(rows)].to_numpy(dtype=float)
    y3 = whole[data["target"]].iloc[list(rows)].to_numpy(dtype=float)
    assert data["rows"] == list(rows)
    assert_allclose(data["x_rows"], x3, rtol=0, atol=0)
    assert_allclose(data["y_rows"], y3, rtol=0, atol=0)
    x3m = np.column_stack([np.ones(3), x3])
    beta3 = np.linalg.lstsq(x3m, y3, rcond=None)[0]
    assert_allclose(data["beta_rows"], beta3, rtol=RTOL, err_msg="three rows, numpy lstsq")
    assert_allclose(data["projection"], x3m @ beta3, rtol=RTOL)
    assert_allclose(data["residual"], y3 - x3m @ beta3, atol=RTOL * np.abs(y3).max())
    x = complete[data["feature"]].to_numpy(dtype=float)
    y = complete[data["target"]].to_numpy(dtype=float)
    model = LinearRegression().fit(x.reshape(-1, 1), y)
    assert data["n"] == len(complete)
    assert_allclose(
        data["beta"], [model.intercept_, model.coef_[0]], rtol=RTOL, err_msg="scikit-learn"
    )
    xm = np.column_stack([np.ones_like(x), x])
    assert_allclose(data["normal_matrix"], xm.T @ xm, rtol=1e-12)
    assert_allclose(data["normal_rhs"], xm.T @ y, rtol=1e-12)


@scene_group("LeastSquares")
def test_a_csv_through_the_scene_equals_numpy_and_scikit_learn(user_csv: Path, built: Any) -> None:
    params = build(
        "LeastSquares",
        LeastSquaresParams,
        {"data": str(user_csv), "feature": X_COL, "target": Y_COL, "rows": list(ROWS)},
    )
    report = built(LeastSquares, params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    scene = report.scene
    data = scene.data
    check_against_oracles(data, user_csv, ROWS)
    assert (data["feature"], data["target"]) == (X_COL, Y_COL)
    source = data["data_source"]
    assert source["path"] == str(user_csv)
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (38, 2)  # the group's gap drops none
    assert source["columns"] == [X_COL, Y_COL]
    # The names on screen and in the captions: underscores as spaces, no diabetes words.
    pic = scene.picture
    x_title, y_title = pic.axis_titles
    assert x_title[0].original_text == X_COL
    assert y_title.original_text == "score %"
    assert [m.original_text for m in pic.dropped] == ["2 rows dropped (missing values)"] or [
        m.original_text for m in pic.dropped
    ] == ["2 rows dropped", "(missing values)"]
    captions = {b.name: b.caption for b in scene.beats}
    assert "study.csv" in captions["patients"] and "score %" in captions["patients"]
    assert "2 of the file's 40 data rows have a missing value" in captions["patients"]
    assert "all 38 rows with both values (2 of the file's 40 dropped)" in captions["normal"]
    assert "study time (h)" in captions["plane"]
    assert not any("patient" in c or "diabetes" in c for c in captions.values())


@scene_group("LeastSquares")
def test_shipped_preset_exam_hours_equals_the_oracles(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["LeastSquares"]["exam-hours"]
    params = build("LeastSquares", LeastSquaresParams, overrides)
    report = built(LeastSquares, params)
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    exam = PROJECT_DIR / "data" / "exam_scores.csv"
    check_against_oracles(data, exam, (24, 49, 66))
    # The preset's comment: students S025, S050, S067; 93 of 96 rows; the two lines.
    whole = pd.read_csv(exam)
    assert list(whole["student"].iloc[[24, 49, 66]]) == ["S025", "S050", "S067"]
    assert (data["n"], data["data_source"]["rows_dropped"]) == (93, 3)
    assert_allclose(data["beta_rows"], [58.24, 2.69], atol=0.005)
    assert_allclose(data["residual_norm"], 26.1, atol=0.05)
    assert_allclose(data["beta"], [57.03, 2.49], atol=0.005)
    assert data["data_source"]["path"] == "data/exam_scores.csv"


def test_rows_map_to_the_table_of_complete_rows(user_csv: Path) -> None:
    """In process: each named file row's position among the complete rows."""
    params = build(
        "LeastSquares",
        LeastSquaresParams,
        {"data": str(user_csv), "feature": X_COL, "target": Y_COL, "rows": "0,13,30"},
    )
    tab, picked = params.sample()
    whole, complete = oracle(user_csv, X_COL, Y_COL)
    assert picked == tuple(list(complete.index).index(r) for r in ROWS) == (0, 11, 28)
    assert_allclose(tab.frame[X_COL].to_numpy()[list(picked)], whole[X_COL].iloc[list(ROWS)])


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "small.csv"
    path.write_text(text, encoding="utf-8")
    return path


SMALL = "id,x_val,y val\na,1,2\nb,,3\nc,2,5\nd,3,4\ne,4,9\nf,4,9\ng,4,9\nh,5,6\ni,6,7\n"


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"rows": "0,1,3"}, ["parameter 'rows' got [0, 1, 3]", "row 1", "'x_val'", "8 of its 9"]),
        ({"rows": "0,3,9"}, ["parameter 'rows' got [0, 3, 9]", "9 data rows", "row 9 is past"]),
        ({"rows": "4,5,6"}, ["parameter 'rows'", "not all equal"]),
        ({"rows": "0,2,3", "target": "x_val"}, ["parameter 'target'", "other than feature"]),
        ({"feature": "x val"}, ["parameter 'feature' got 'x val'", "columns: id, x_val, y val"]),
        ({"target": "why"}, ["parameter 'target' got 'why'", "no such column"]),
        ({"feature": "id"}, ["parameter 'data'", "column 'id' must be numeric", "line 2"]),
    ],
    ids=["dropped-row", "past-the-end", "equal-x", "same-column", "no-feature", "no-target",
         "text-feature"],
)  # fmt: skip
def test_bad_rows_and_columns_exit_2_naming_the_parameter(
    tmp_path: Path, settings: dict[str, str], words: list[str]
) -> None:
    path = _write(tmp_path, SMALL)
    base = {"data": str(path), "feature": "x_val", "target": "y val", "rows": "0,2,3"}
    sets = [f"{k}={v}" for k, v in {**base, **settings}.items()]
    line = rejected_render(tmp_path, "LeastSquares", *(a for s in sets for a in ("--set", s)))
    for word in words:
        assert word in line, line


def test_three_rows_on_one_line_exit_2(tmp_path: Path) -> None:
    path = _write(tmp_path, "x,y\n1,2\n2,4\n3,6\n4,1\n")
    line = rejected_render(
        tmp_path,
        "LeastSquares",
        *("--set", f"data={path}", "--set", "feature=x", "--set", "target=y"),
        *("--set", "rows=0,1,2"),
    )
    assert "parameter 'rows'" in line and "on one line" in line, line


def test_shipped_mode_still_refuses_rows_past_441(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, "LeastSquares", "--set", "rows=0,1,442")
    assert "parameter 'rows' got [0, 1, 442]" in line and "[0, 441]" in line, line
