"""MultivariateGaussian on a user's CSV file (issue 21): one group of rows, two columns.

The scene is built (no video) from a CSV file written here (awkward column names, a text
group column, missing cells) and from the ``exam-midterm-final`` preset, and the sidecar's
numbers are compared with pandas, numpy, scipy and scikit-learn computed on the same
file read by ``pandas.read_csv``. The refusals particular to this scene go through the
real command line (exit 2, one line naming the parameter, nothing written).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from numpy.testing import assert_allclose
from sklearn.linear_model import LinearRegression  # type: ignore[import-untyped]

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import tables
from scenes.parameters import ParamError, build
from scenes.probability.multivariate_gaussian import MultivariateGaussian
from scenes.probability.params import MultivariateGaussianParams

#: Both sides are float64 sums over the same numbers.
RTOL = 1e-9
EXAM = PROJECT_DIR / "data" / "exam_scores.csv"
SCENE = "MultivariateGaussian"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 plants: awkward names (spaces, _, a unit in brackets), a text group column
    (shade/sun alternating) and missing cells: two in the sun group's used columns, one
    in the group column, one in a column this scene does not use."""
    rng = np.random.default_rng(2121)
    n = 60
    light = rng.uniform(2.0, 14.0, n)
    plot = np.where(np.arange(n) % 2 == 0, "shade", "sun")
    height = 5.0 + 1.7 * light + np.where(plot == "sun", 2.5, 0.0) + rng.normal(0, 2.0, n)
    frame = pd.DataFrame(
        {
            "plant id": [f"p{i:02d}" for i in range(n)],
            "light hours": np.round(light, 1),
            "height_cm": np.round(height, 1),
            "leaf width (mm)": np.round(rng.normal(30.0, 4.0, n), 1),
            "plot": plot,
        }
    ).astype(object)
    frame.loc[5, "height_cm"] = None  # sun
    frame.loc[13, "light hours"] = None  # sun
    frame.loc[30, "plot"] = None  # in no group
    frame.loc[7, "leaf width (mm)"] = None  # sun, a column not used here
    path = tmp_path_factory.mktemp("own-data-mvn") / "plants.csv"
    frame.to_csv(path, index=False)
    return path


def group_frame(path: Path, columns: list[str], column: str, value: str) -> tuple[Any, int]:
    """The group's rows as pandas reads the file, complete in ``columns``, and how many
    of the group's rows were dropped for a missing value."""
    raw = pd.read_csv(path)
    rows = raw[raw[column].astype(str) == value]
    kept = rows[columns].dropna()
    return kept, len(rows) - len(kept)


def check_fit(data: dict[str, Any], frame: Any, x0: float) -> None:
    """The sidecar's fit against numpy/pandas (moments) and scikit-learn (the
    regression of y on x, whose residual variance with 1/(n - 1) is the conditional's)."""
    z = frame.to_numpy(dtype=float)
    assert data["n"] == len(z)
    assert_allclose(data["mean"], z.mean(axis=0), rtol=RTOL)
    assert_allclose(data["covariance"], np.cov(z, rowvar=False), rtol=RTOL)
    assert_allclose(data["covariance"], frame.cov().to_numpy(), rtol=RTOL)
    assert_allclose(data["correlation"], frame.corr().to_numpy()[0, 1], rtol=RTOL)
    reg = LinearRegression().fit(z[:, :1], z[:, 1])
    assert_allclose(data["regression_slope"], reg.coef_[0], rtol=RTOL)
    assert_allclose(data["conditional_mean"], reg.predict([[x0]])[0], rtol=RTOL)
    resid = z[:, 1] - reg.predict(z[:, :1])
    assert_allclose(data["conditional_variance"], resid @ resid / (len(z) - 1), rtol=1e-8)
    inv = np.linalg.inv(np.cov(z, rowvar=False))
    d = np.sqrt(np.einsum("ij,jk,ik->i", z - z.mean(0), inv, z - z.mean(0)))
    assert data["flowers_inside"] == [int(np.sum(d <= k)) for k in (1, 2, 3)]
    assert_allclose(data["ellipse_mass"], scipy.stats.chi2.cdf([1, 4, 9], 2), rtol=1e-12)


@scene_group(SCENE)
def test_one_group_of_a_csv_equals_pandas_and_scikit_learn(user_csv: Path, built: Any) -> None:
    cols = ["light hours", "height_cm"]
    frame, dropped = group_frame(user_csv, cols, "plot", "sun")
    x0 = float(np.round(frame["light hours"].median(), 1))
    params = build(
        SCENE,
        MultivariateGaussianParams,
        {
            "data": str(user_csv),
            "x_feature": "light hours",
            "y_feature": "height_cm",
            "group_column": "plot",
            "group": "sun",
            "given_x": str(x0),
        },
    )
    report = built(MultivariateGaussian, params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    data = report.scene.data
    check_fit(data, frame, x0)
    assert data["features"] == cols
    assert (data["group_column"], data["group"]) == ("plot", "sun")
    source = data["data_source"]
    assert source["path"] == str(user_csv)
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (len(frame), dropped) == (28, 2)
    assert source["columns"] == [*cols, "plot"]
    captions = [b.caption for b in report.scene.beats]
    assert "28 rows with plot sun of plants.csv" in captions[0]
    assert "2 rows dropped (missing values)" in captions[0]
    for caption in captions:  # a file's columns have no unit ("height cm" is a name)
        assert "(cm)" not in caption and not re.search(r"\d cm\b", caption), caption


@scene_group(SCENE)
def test_every_row_of_the_file_without_a_group_column(user_csv: Path) -> None:
    p = build(
        SCENE,
        MultivariateGaussianParams,
        {"data": str(user_csv), "x_feature": "light hours", "y_feature": "leaf width (mm)"},
    )
    tab = p.table()
    want = pd.read_csv(user_csv)[["light hours", "leaf width (mm)"]].dropna()
    assert_allclose(tab.frame.to_numpy(), want.to_numpy(), rtol=0, atol=0)
    assert (tab.source.rows, tab.source.rows_dropped) == (58, 2)


@scene_group(SCENE)
def test_preset_exam_midterm_final_equals_pandas(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0][SCENE]["exam-midterm-final"]
    report = built(SCENE, build(SCENE, MultivariateGaussianParams, overrides))
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    frame = pd.read_csv(EXAM)[["midterm", "final"]].dropna()
    check_fit(data, frame, 80.0)
    # the numbers the preset's comment states
    assert data["n"] == 94 and data["data_source"]["rows_dropped"] == 2
    assert f"{data['correlation']:.2f}" == "0.72"
    assert f"{data['regression_slope']:.2f}" == "0.72"
    assert f"{data['conditional_mean']:.2f}" == "83.31"
    assert f"{data['conditional_sd']:.2f}" == "7.89"
    assert f"{data['marginal_y']['sd']:.2f}" == "11.44"
    assert data["data_source"]["path"] == "data/exam_scores.csv"


XY = ("x_feature=light hours", "y_feature=height_cm")


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (("x_feature=light", "y_feature=height_cm"), "parameter 'x_feature' got 'light'"),
        ((*XY, "group_column=plot", "group=rain"), "parameter 'group' got 'rain'"),
        ((*XY, "group_column=plot", "group=sun", "given_x=30"), "parameter 'given_x' got 30"),
    ],
)
def test_bad_columns_groups_and_slices_exit_2_naming_them(
    tmp_path: Path, user_csv: Path, settings: tuple[str, ...], words: str
) -> None:
    args = [a for s in (f"data={user_csv}", *settings) for a in ("--set", s)]
    line = rejected_render(tmp_path, SCENE, *args)
    assert words in line, line
    if "given_x" in words:
        assert "the range of 'light hours' in the rows used with plot sun" in line
    if "'group'" in words:
        assert "values: 'shade', 'sun'" in line


def test_group_column_and_group_need_data(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, SCENE, "--set", "group_column=species")
    assert "parameter 'group_column' got 'species'; allowed only with data" in line


@pytest.mark.parametrize(
    ("text", "settings", "message"),
    [
        ("x,y\n1,2\n2,4\n3,6\n4,8\n", {}, "singular covariance"),
        ("x,y\n1,2\n2,5\n", {}, "has 2 usable rows; the scene needs at least 3"),
        (
            "x,y,g\n1,2,a\n2,5,a\n3,1,b\n4,4,a\n",
            {"group_column": "g", "group": "b"},
            "has 1 usable row with g = 'b'; the scene needs at least 3",
        ),
        ("x,y,g\n1,2,a\n2,5,a\n3,1,b\n", {"group": "a"}, "parameter 'group' got 'a'"),
        ("x,y,g\n1,2,a\n2,5,a\n3,1,b\n", {"group_column": "g"}, "parameter 'group' got ''"),
        ("x,y,g\n1,2,a\n2,5,a\n3,1,b\n", {"group_column": "x", "group": "1"}, "'group_column'"),
    ],
)
def test_refusals_in_process(
    tmp_path: Path, text: str, settings: dict[str, str], message: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    overrides = {"data": str(path), "x_feature": "x", "y_feature": "y", "given_x": "1"}
    with pytest.raises(ParamError, match=re.escape(message)):
        build(SCENE, MultivariateGaussianParams, {**overrides, **settings})
