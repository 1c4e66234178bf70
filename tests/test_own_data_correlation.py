"""Correlation on a user's CSV file (issue 21) against scipy, numpy and pandas.

The scene is built (no video, every beat checked with the visual standard) from CSV files
written here with awkward column names (spaces, units, ``%``, underscores), a text
column, a constant column and a few missing cells. The oracle reads the same file with
``pandas.read_csv`` (its own dtype inference, not the scene's loader): the numeric columns
are those pandas reads as numbers, the rows those complete in every one of them, and r,
the covariance, the z-score products and the correlation matrix come from
``scipy.stats.pearsonr``, ``numpy.cov``, ``scipy.stats.zscore`` and ``DataFrame.corr``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import correlation as corr
from mlmath_viz import tables
from scenes.parameters import build
from scenes.statistics.correlation import Correlation
from scenes.statistics.params import CORRELATION_MAX_COLUMNS, CorrelationParams

#: Relative tolerance against the oracles: float64 on the same numbers, summed in other
#: orders (pandas' corr, scipy's pearsonr).
RTOL = 1e-9
#: Absolute tolerance for r and matrix entries near 0.
ATOL = 1e-12

EXAM = PROJECT_DIR / "data" / "exam_scores.csv"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """70 invented runners: an id, a text club, four numeric columns with awkward names,
    a constant column (left out of the matrix) and three missing cells in three columns."""
    rng = np.random.default_rng(2121)
    n = 70
    km = rng.uniform(5.0, 60.0, n)
    pace = 6.5 - 0.03 * km + rng.normal(0, 0.4, n)
    sleep = rng.normal(7.2, 0.8, n)
    rest = 48 + 0.5 * sleep * 10 - 0.2 * km + rng.normal(0, 4.0, n)
    frame = pd.DataFrame(
        {
            "runner": [f"r{i:03d}" for i in range(n)],
            "club": np.where(np.arange(n) % 3 == 0, "north", "south"),
            "weekly km": np.round(km, 1),
            "pace (min/km)": np.round(pace, 2),
            "sleep_hours": np.round(sleep, 2),
            "resting HR %": np.round(rest, 1),
            "season": 2025,
        }
    ).astype(object)
    frame.loc[4, "pace (min/km)"] = None
    frame.loc[19, "weekly km"] = None
    frame.loc[33, "sleep_hours"] = None  # not in the pair: dropped for the matrix
    path = tmp_path_factory.mktemp("own-data-correlation") / "runners.csv"
    frame.to_csv(path, index=False)
    return path


def oracle(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """The file as pandas reads it: its varying numeric columns (file order) and the rows
    complete in all of them."""
    frame = pd.read_csv(path)
    numeric = [
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c]) and frame[c].nunique() > 1
    ]
    return frame[numeric].dropna().reset_index(drop=True), numeric


def settings(path: Path, **more: str) -> dict[str, str]:
    return {"data": str(path), **more}


@scene_group("Correlation")
@pytest.mark.parametrize("standardize", ["true", "false"])
def test_the_pair_and_the_matrix_equal_scipy_numpy_and_pandas(
    user_csv: Path, built: Any, standardize: str
) -> None:
    params = build(
        "Correlation",
        CorrelationParams,
        settings(user_csv, x="weekly km", y="pace (min/km)", standardize=standardize),
    )
    report = built(Correlation, params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    rows, numeric = oracle(user_csv)
    assert numeric == ["weekly km", "pace (min/km)", "sleep_hours", "resting HR %"]
    x, y = rows["weekly km"].to_numpy(), rows["pace (min/km)"].to_numpy()
    r = stats.pearsonr(x, y).statistic
    assert d["n"] == len(rows) == 67  # three rows with a missing cell dropped
    assert_allclose(d["r"], r, rtol=RTOL, atol=ATOL)
    assert_allclose(d["r_pandas"], r, rtol=RTOL, atol=ATOL)
    assert_allclose(d["covariance"], np.cov(x, y, ddof=1)[0, 1], rtol=RTOL)
    assert_allclose(d["products"], stats.zscore(x) * stats.zscore(y), rtol=RTOL, atol=ATOL)
    assert_allclose(d["x_mean"], x.mean(), rtol=RTOL)
    assert_allclose(d["y_sd"], y.std(ddof=0), rtol=RTOL)
    assert d["features"] == numeric
    assert_allclose(d["correlation_matrix"], rows.corr().to_numpy(), rtol=RTOL, atol=ATOL)
    # the pair's cell is the scatter's r: the same rows
    assert d["highlighted_cell"] == [0, 1]
    assert_allclose(d["highlighted_value"], d["r"], rtol=0, atol=ATOL)
    upper = rows.corr().where(np.triu(np.ones((4, 4), dtype=bool), 1)).stack()
    assert d["strongest_pair"] == list(upper.idxmax())
    assert d["most_negative_pair"] == list(upper.idxmin())
    assert d["features_left_out"] == {"season": "constant over the rows used"}
    source = d["data_source"]
    assert source["path"] == str(user_csv) and source["name"] == "runners.csv"
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (67, 3)
    assert source["columns"] == numeric
    captions = {b.name: b.caption for b in report.scene.beats}
    assert "3 rows dropped (missing values)" in captions["scatter"]
    assert "Pace (min/km) against weekly km for 67 rows of runners.csv" in captions["scatter"]
    assert "4 numeric columns of runners.csv over the 67 rows" in captions["matrix"]
    assert "Season is constant over these rows and left out." in captions["matrix"]


@scene_group("Correlation")
def test_x_squared_keeps_its_meaning_with_data(user_csv: Path, built: Any) -> None:
    params = build(
        "Correlation", CorrelationParams, settings(user_csv, x="sleep_hours", y="x_squared")
    )
    report = built(Correlation, params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    rows, numeric = oracle(user_csv)
    v = rows["sleep_hours"].to_numpy()
    u = np.concatenate([v - v.mean(), -(v - v.mean())])
    assert d["n"] == 2 * len(rows)
    assert_allclose(d["x_values"], u, rtol=RTOL, atol=ATOL)
    assert_allclose(d["y_values"], u**2, rtol=RTOL, atol=ATOL)
    assert abs(d["r"]) < 1e-12  # closed form: every product cancels its mirror image's
    assert_allclose(d["r"], stats.pearsonr(u, u**2).statistic, atol=1e-12)
    assert d["features"] == numeric  # the matrix: the file's columns, x's row outlined
    assert d["highlighted_cell"] == [2, 2] and d["highlighted_value"] is None


@scene_group("Correlation")
def test_more_columns_than_the_cap_draws_x_y_and_the_first_others(
    tmp_path: Path, built: Any
) -> None:
    """17 numeric columns with long names: 13 drawn (x, y and the first 11 others in file
    order), the rest left out and said; the matrix is pandas' over the drawn ones."""
    assert CORRELATION_MAX_COLUMNS == corr.MAX_MATRIX_COLUMNS == 13
    rng = np.random.default_rng(17)
    n = 40
    base = rng.normal(size=n)
    columns = {
        f"measurement_number_{k:02d}_long_name": np.round(
            base * (k % 4 - 1.5) + rng.normal(size=n), 3
        )
        for k in range(17)
    }
    frame = pd.DataFrame(columns).astype(object)
    frame.loc[7, "measurement_number_15_long_name"] = None  # left out: drops nothing
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    names = list(columns)
    x, y = names[16], names[2]
    params = build("Correlation", CorrelationParams, {"data": str(path), "x": x, "y": y})
    report = built(Correlation, params, keep=False)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    drawn = [c for c in names if c in {x, y, *[c for c in names if c not in (x, y)][:11]}]
    assert len(drawn) == 13 and d["features"] == drawn
    assert list(d["features_left_out"]) == [c for c in names if c not in drawn]
    want = pd.read_csv(path)[drawn].dropna()
    assert d["n"] == len(want) == n  # the one missing cell is in a column left out
    assert_allclose(d["correlation_matrix"], want.corr().to_numpy(), rtol=RTOL, atol=ATOL)
    assert_allclose(d["r"], stats.pearsonr(want[x], want[y]).statistic, rtol=RTOL, atol=ATOL)
    i, j = d["highlighted_cell"]
    assert (drawn[i], drawn[j]) == (x, y)
    assert "At most 13 columns are drawn" in report.scene.beats[-1].caption


@scene_group("Correlation")
@pytest.mark.parametrize("preset", ["exam-midterm-final", "exam-hours-final"])
def test_the_exam_presets_match_pandas_and_scipy(built: Any, preset: str) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["Correlation"][preset]
    params = build("Correlation", CorrelationParams, overrides)
    report = built(Correlation, params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    rows, numeric = oracle(EXAM)
    assert numeric == ["hours_studied", "attendance_pct", "midterm", "final"]
    x, y = rows[params.x].to_numpy(), rows[params.y].to_numpy()
    assert d["n"] == len(rows) == 93 and d["data_source"]["rows_dropped"] == 3
    assert_allclose(d["r"], stats.pearsonr(x, y).statistic, rtol=RTOL)
    assert_allclose(d["correlation_matrix"], rows.corr().to_numpy(), rtol=RTOL)
    # the numbers the presets' comments quote
    if preset == "exam-midterm-final":
        assert round(d["r"], 2) == 0.73
        assert d["strongest_pair"] == ["midterm", "final"]
        assert d["most_negative_pair"] == ["attendance_pct", "final"]
        assert round(d["most_negative_r"], 2) == 0.36
        assert "the smallest r attendance pct and final" in report.scene.beats[-1].caption
    else:
        assert round(d["r"], 2) == 0.68
        assert (round(d["x_mean"], 1), round(d["y_mean"], 1)) == (6.9, 74.1)
    assert d["data_source"]["path"] == "data/exam_scores.csv"


def test_the_shipped_data_goes_through_the_same_path() -> None:
    """Without data: the wine data's 13 measurements, nothing dropped, no file."""
    tab, features, left_out = CorrelationParams().table()
    assert tab.source.to_json()["path"] == "" and tab.source.name == "wine"
    assert (tab.source.rows, tab.source.rows_dropped) == (178, 0)
    assert features == list(corr.WINE_FEATURES) and left_out == {}


# -- refusals through the command line: one line, exit 2, nothing written ---------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "sets", "words"),
    [
        (
            "a,b,label\n1,2,u\n2,4,v\n3,5,w\n",
            ["x=a", "y=bb"],
            ["parameter 'y' got 'bb'", "has no such column; columns: a, b, label"],
        ),
        (
            "a,b,label\n1,2,u\n2,4,v\n3,5,w\n",
            ["x=label", "y=a"],
            ["parameter 'data'", "column 'label' must be numeric but line 2 holds 'u'"],
        ),
        (
            "a,b,c\n1,2,5\n2,4,5\n3,5,5\n",
            ["x=c", "y=a"],
            ["parameter 'x' got 'c'", "same value in all 3 rows used"],
        ),
        (
            "a,b\n1,2\n2,\n3,5\n",
            ["x=a", "y=b"],
            ["parameter 'data'", "2 usable rows after dropping 1", "at least 3"],
        ),
    ],
)
def test_bad_columns_exit_2_naming_the_parameter(
    tmp_path: Path, text: str, sets: list[str], words: list[str]
) -> None:
    path = write(tmp_path, text)
    args = ["--set", f"data={path}", *(a for s in sets for a in ("--set", s))]
    message = rejected_render(tmp_path, "Correlation", *args)
    for word in words:
        assert word in message, message
