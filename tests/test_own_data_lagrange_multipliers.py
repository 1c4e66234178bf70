"""LagrangeMultipliers on a user's CSV file (issue 21): max w^T S w on |w| = 1 for two
columns of the file.

The scene is built (no video) from a CSV file written here (column names with spaces,
units and underscores, a few empty cells); S, its eigenvalues and the optimum in the
sidecar are compared with ``numpy.cov`` / ``numpy.corrcoef``, ``numpy.linalg.eigvalsh`` and
scikit-learn's PCA on the same file read by pandas. The scene's own refusals (a constant
column, collinear columns) go through the real command line; the shipped preset
``exam-midterm-final`` is checked against numpy on ``data/exam_scores.csv``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import tables
from scenes.calculus.params import LagrangeMultipliersParams
from scenes.parameters import ParamError, build

#: Relative tolerance against the oracles (float64 on the same numbers, a 2x2 eigenproblem).
RTOL = 1e-10

X, Y = "height (cm)", "arm_span cm"
EXAM = PROJECT_DIR / "data" / "exam_scores.csv"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """70 invented people: height and arm span (cm, variances in the tens: grad g is
    drawn enlarged), a weight; two empty cells in the used columns, one elsewhere."""
    rng = np.random.default_rng(33)
    n = 70
    height = rng.normal(172, 9, n)
    span = height + rng.normal(1.5, 4, n)
    frame = pd.DataFrame(
        {
            "name": [f"n{i}" for i in range(n)],
            X: np.round(height, 1),
            Y: np.round(span, 1),
            "weight kg": np.round(rng.normal(70, 10, n), 1),
        }
    ).astype(object)
    frame.loc[4, X] = None
    frame.loc[50, Y] = None
    frame.loc[10, "weight kg"] = None
    path = tmp_path_factory.mktemp("own-data-lagrange") / "people.csv"
    frame.to_csv(path, index=False)
    return path


def oracle(path: Path, x: str, y: str) -> np.ndarray:
    return pd.read_csv(path)[[x, y]].dropna().to_numpy(dtype=float)


@scene_group("LagrangeMultipliers")
@pytest.mark.parametrize("standardize", [False, True])
def test_the_optimum_on_a_csv_is_numpys_top_eigenvector_and_pc1(
    user_csv: Path, built: Any, standardize: bool
) -> None:
    from sklearn.decomposition import PCA  # type: ignore[import-untyped]
    from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

    params = build(
        "LagrangeMultipliers",
        LagrangeMultipliersParams,
        {"data": str(user_csv), "x_feature": X, "y_feature": Y,
         "standardize": str(standardize).lower()},
    )  # fmt: skip
    report = built("LagrangeMultipliers", params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    d = report.scene.data
    x = oracle(user_csv, X, Y)
    s = np.corrcoef(x, rowvar=False) if standardize else np.cov(x, rowvar=False)
    assert_allclose(d["covariance"], s, rtol=RTOL)
    lam = np.linalg.eigvalsh(s)[::-1]
    assert_allclose(d["eigenvalues"], lam, rtol=RTOL)
    assert_allclose(d["multiplier"], lam[0], rtol=RTOL)
    # scikit-learn's PCA of the same rows: PC1 is the optimum (up to sign), its
    # explained variance the multiplier
    n = len(x)
    z = StandardScaler().fit_transform(x) * np.sqrt((n - 1) / n) if standardize else x
    pca = PCA().fit(z)
    assert_allclose(abs(np.dot(d["optimum"], pca.components_[0])), 1.0, atol=1e-10)
    assert_allclose(pca.explained_variance_, lam, rtol=1e-9)
    w = np.array(d["optimum"])
    assert_allclose(np.array(d["gradient_objective"]), 2 * s @ w, rtol=1e-9)
    assert d["n_samples"] == len(x) == 68
    source = d["data_source"]
    assert source["path"] == str(user_csv)
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (68, 2)
    assert source["columns"] == [X, Y]
    caption = report.scene.beats[0].caption
    assert "68 rows of people.csv, 2 rows dropped (missing values)" in caption
    if standardize:
        assert d["gradient_scale_g"] == d["gradient_scale"]
    else:  # variances in the tens: grad g is drawn at its own, larger scale
        assert d["gradient_scale_g"] > d["gradient_scale"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"x_feature": "height"}, "parameter 'x_feature' got 'height': data "),
        ({"y_feature": "weight"}, "columns: name, height (cm), arm_span cm, weight kg"),
        ({"y_feature": "name"}, "column 'name' must be numeric but line 2 holds 'n0'"),
        ({"y_feature": X}, "parameter 'y_feature' got 'height (cm)'; allowed: a feature other"),
    ],
)
def test_bad_columns_are_refused_in_process(
    user_csv: Path, overrides: dict[str, str], message: str
) -> None:
    base = {"data": str(user_csv), "x_feature": X, "y_feature": Y}
    with pytest.raises(ParamError) as err:
        build("LagrangeMultipliers", LagrangeMultipliersParams, {**base, **overrides})
    assert message in str(err.value), str(err.value)


def test_a_constant_column_exits_2_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "flat.csv"
    path.write_text("a,b\n1,5\n2,5\n3,5\n4,\n", encoding="utf-8")
    line = rejected_render(
        tmp_path, "LagrangeMultipliers", "--set", f"data={path}", "--set", "x_feature=a",
        "--set", "y_feature=b",
    )  # fmt: skip
    assert "parameter 'y_feature' got 'b'" in line and "has one value in that column" in line


def test_collinear_columns_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    path.write_text("a,b\n1,3\n2,5\n3,7\n4,9\n", encoding="utf-8")
    line = rejected_render(
        tmp_path, "LagrangeMultipliers", "--set", f"data={path}", "--set", "x_feature=a",
        "--set", "y_feature=b",
    )  # fmt: skip
    assert f"parameter 'data' got '{path}'" in line and "collinear on the rows used" in line


def test_too_few_rows_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text("a,b\n1,3\n2,1\n,4\n", encoding="utf-8")
    line = rejected_render(
        tmp_path, "LagrangeMultipliers", "--set", f"data={path}", "--set", "x_feature=a",
        "--set", "y_feature=b",
    )  # fmt: skip
    assert "has 2 usable rows after dropping 1 with missing values" in line


def test_the_column_parameters_keep_their_choices_without_data(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, "LagrangeMultipliers", "--set", "x_feature=midterm")
    assert "parameter 'x_feature' got 'midterm'" in line and "any column with data set" in line


@scene_group("LagrangeMultipliers")
def test_the_exam_preset_matches_numpy(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["LagrangeMultipliers"][
        "exam-midterm-final"
    ]
    params = build("LagrangeMultipliers", LagrangeMultipliersParams, overrides)
    report = built("LagrangeMultipliers", params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    x = oracle(EXAM, "midterm", "final")
    s = np.cov(x, rowvar=False)
    lam, vec = np.linalg.eigh(s)
    top = vec[:, 1] * np.sign(vec[0, 1])
    assert len(x) == 94 and d["data_source"]["rows_dropped"] == 2
    assert_allclose(d["covariance"], s, rtol=RTOL)
    assert_allclose(d["eigenvalues"], lam[::-1], rtol=RTOL)
    assert_allclose(np.abs(d["optimum"]), np.abs(top), rtol=1e-9)
    # the numbers the preset's comment in scenes.toml quotes
    assert_allclose(np.round(s, 1), [[133.1, 95.5], [95.5, 130.8]], rtol=0, atol=1e-9)
    assert_allclose(np.round(lam[::-1], 1), [227.5, 36.4], rtol=0, atol=1e-9)
    assert_allclose(np.round(np.abs(top), 3), [0.711, 0.703], rtol=0, atol=1e-9)
    assert d["gradient_scale_g"] > d["gradient_scale"]
