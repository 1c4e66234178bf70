"""A user's CSV file through each data scene (issue 21), and the cache key.

Each scene is built (no video) from a CSV file written here, and the numbers in its
sidecar data are compared with numpy, scipy and scikit-learn computed on the same file
read by pandas. The cache-key test renders twice for real: editing the CSV re-renders the
render that reads it and not the one that does not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from conftest import PROJECT_DIR, run_cli, scene_group
from mlmath_viz import tables
from scenes.optimization.linear_regression_gd import LinearRegressionGD
from scenes.optimization.params import LinearRegressionGDParams
from scenes.parameters import build
from scenes.statistics.hypothesis_test import HypothesisTest
from scenes.statistics.params import HypothesisTestParams

#: Relative tolerance against the oracles: both sides are float64 on the same numbers.
RTOL = 1e-9


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CSV file of 80 plants with awkward column names (spaces, %, _), a text group
    column, and three missing cells."""
    rng = np.random.default_rng(21)
    n = 80
    light = rng.uniform(2.0, 14.0, n)
    group = np.where(np.arange(n) % 2 == 0, "shade", "sun")
    height = 5.0 + 1.7 * light + np.where(group == "sun", 2.5, 0.0) + rng.normal(0, 2.0, n)
    water = rng.normal(40.0, 8.0, n)
    frame = pd.DataFrame(
        {
            "plant id": [f"p{i}" for i in range(n)],
            "light hours": np.round(light, 2),
            "height_cm": np.round(height, 2),
            "water (%)": np.round(water, 1),
            "plot": group,
        }
    )
    frame = frame.astype(object)
    frame.loc[5, "height_cm"] = None
    frame.loc[12, "light hours"] = None
    frame.loc[30, "plot"] = None
    path = tmp_path_factory.mktemp("own-data") / "plants.csv"
    frame.to_csv(path, index=False)
    return path


def oracle_frame(path: Path, columns: list[str]) -> pd.DataFrame:
    """The file as pandas reads it by default, the rows complete in ``columns``."""
    return pd.read_csv(path)[columns].dropna()


@scene_group("LinearRegressionGD")
def test_regression_on_a_csv_equals_numpy_lstsq(user_csv: Path, built: Any) -> None:
    params = build(
        "LinearRegressionGD",
        LinearRegressionGDParams,
        {"data": str(user_csv), "feature": "light hours", "target": "height_cm", "steps": "60"},
    )
    report = built(LinearRegressionGD, params)
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    want = oracle_frame(user_csv, ["light hours", "height_cm"])
    x, y = want["light hours"].to_numpy(), want["height_cm"].to_numpy()
    (intercept, slope), *_ = np.linalg.lstsq(np.column_stack([np.ones_like(x), x]), y)
    assert data["n"] == len(want) == 78
    assert_allclose(data["lstsq_slope"], slope, rtol=RTOL)
    assert_allclose(data["lstsq_intercept"], intercept, rtol=RTOL)
    assert_allclose(data["x_mean"], x.mean(), rtol=RTOL)
    source = data["data_source"]
    assert source["path"] == str(user_csv)
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (78, 2)
    assert source["columns"] == ["light hours", "height_cm"]
    assert "2 rows dropped (missing values)" in report.scene.beats[0].caption
    assert "light hours" in report.scene.beats[0].caption


@scene_group("HypothesisTest")
@pytest.mark.parametrize("equal_var", [False, True])
def test_t_test_on_a_csv_equals_scipy(user_csv: Path, built: Any, equal_var: bool) -> None:
    params = build(
        "HypothesisTest",
        HypothesisTestParams,
        {
            "data": str(user_csv),
            "feature": "height_cm",
            "group_column": "plot",
            "group_a": "shade",
            "group_b": "sun",
            "equal_var": str(equal_var).lower(),
        },
    )
    report = built(HypothesisTest, params)
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    want = oracle_frame(user_csv, ["height_cm", "plot"])
    a = want[want["plot"] == "shade"]["height_cm"].to_numpy()
    b = want[want["plot"] == "sun"]["height_cm"].to_numpy()
    result = scipy.stats.ttest_ind(a, b, equal_var=equal_var)
    assert data["n"] == [len(a), len(b)]
    assert_allclose(data["statistic"], result.statistic, rtol=RTOL)
    assert_allclose(data["p_value"], result.pvalue, rtol=1e-7)
    assert_allclose(data["df"], result.df, rtol=RTOL)
    assert_allclose(data["means"], [a.mean(), b.mean()], rtol=RTOL)
    source = data["data_source"]
    assert (source["rows"], source["rows_dropped"]) == (78, 2)
    assert source["columns"] == ["height_cm", "plot"]
    assert data["groups"] == ["shade", "sun"] and data["group_column"] == "plot"


@scene_group("HypothesisTest")
def test_shipped_preset_exam_sections_matches_scipy(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["HypothesisTest"]["exam-sections"]
    params = build("HypothesisTest", HypothesisTestParams, overrides)
    report = built(HypothesisTest, params)
    assert report.problems == [], "\n".join(report.problems)
    frame = oracle_frame(PROJECT_DIR / "data" / "exam_scores.csv", ["final", "section"])
    a, b = (frame[frame["section"] == g]["final"].to_numpy() for g in ("A", "B"))
    result = scipy.stats.ttest_ind(a, b, equal_var=False)
    assert_allclose(report.scene.data["statistic"], result.statistic, rtol=RTOL)
    assert report.scene.data["data_source"]["path"] == "data/exam_scores.csv"


def test_the_input_hash_covers_the_csv_only_for_renders_that_read_it(tmp_path: Path) -> None:
    """Plan level: the digest of the file enters only the hash of the render naming it."""
    from scenes.pipeline.plan import plan

    path = tmp_path / "xy.csv"
    path.write_text("x,y\n1,2\n2,4.5\n3,5.5\n4,8\n", encoding="utf-8")
    sets_csv = [f"data={path}", "feature=x", "target=y"]

    def hashes() -> tuple[str, str]:
        with_csv = plan(["LinearRegressionGD"], sets=sets_csv)[0].input_hash
        without = plan(["LinearRegressionGD"], sets=["steps=3"])[0].input_hash
        return with_csv, without

    before = hashes()
    path.write_text("x,y\n1,2\n2,4.5\n3,5.5\n4,8.5\n", encoding="utf-8")
    after = hashes()
    assert after[0] != before[0]
    assert after[1] == before[1]


@pytest.mark.render
@pytest.mark.xdist_group("render-own-data")
def test_editing_the_csv_rerenders_exactly_the_render_that_reads_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = tmp_path / "xy.csv"
    path.write_text("x,y\n1,2\n2,4.5\n3,5.5\n4,8\n5,9\n", encoding="utf-8")
    reads = ["--set", f"data={path}", "--set", "feature=x", "--set", "target=y"]
    common = ["--quality", "low", "--out", str(out), "--set", "steps=2", "--jobs", "1"]

    def render(*extra: str) -> str:
        result = run_cli("render", "LinearRegressionGD", *common, *extra, cache=out)
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert "1 rendered" in render(*reads)
    assert "1 rendered" in render()
    sidecars = sorted((out / "low").glob("*.json"))
    assert len(sidecars) == 2
    stamps = {p: p.stat().st_mtime_ns for p in sidecars}
    assert "0 rendered, 1 up to date" in render(*reads)
    assert "0 rendered, 1 up to date" in render()
    path.write_text("x,y\n1,2\n2,4.5\n3,5.5\n4,8\n5,9.5\n", encoding="utf-8")
    assert "0 rendered, 1 up to date" in render()  # the render without data: untouched
    assert "1 rendered, 0 up to date" in render(*reads)
    changed = {p for p in sidecars if p.stat().st_mtime_ns != stamps[p]}
    assert len(changed) == 1
    (reader,) = changed
    sidecar = json.loads(reader.read_text(encoding="utf-8"))
    assert sidecar["data_source"]["sha256"] == tables.file_sha256(path)
    assert sidecar["params"]["data"] == str(path)


@scene_group("PCA")
@pytest.mark.parametrize("standardize", [False, True])
def test_pca_on_a_csv_equals_scikit_learn(user_csv: Path, built: Any, standardize: bool) -> None:
    from sklearn.decomposition import PCA as SkPCA  # type: ignore[import-untyped]
    from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

    from scenes.linear_algebra.params import PCAParams
    from scenes.linear_algebra.pca import PCA

    params = build(
        "PCA",
        PCAParams,
        {
            "data": str(user_csv),
            "x_feature": "light hours",
            "y_feature": "height_cm",
            "group": "plot",
            "standardize": str(standardize).lower(),
        },
    )
    report = built(PCA, params)
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    # Every numeric column of the file (not the ids, not the group), in file order.
    features = ["light hours", "height_cm", "water (%)"]
    assert data["features_all"] == features
    want = oracle_frame(user_csv, [*features, "plot"])
    x = want[features].to_numpy()
    if standardize:
        x = StandardScaler().fit_transform(x)
    sk = SkPCA().fit(x)
    assert data["n_samples"] == len(want) == 77
    assert_allclose(data["explained_variance_ratio"], sk.explained_variance_ratio_, rtol=1e-9)
    assert_allclose(data["explained_variance"], sk.explained_variance_, rtol=1e-9)
    dots = np.abs(np.sum(np.array(data["components"]) * sk.components_, axis=1))
    assert_allclose(dots, 1.0, atol=1e-9, err_msg="components equal up to sign")
    assert data["groups"] == ["shade", "sun"]
    source = data["data_source"]
    assert (source["rows"], source["rows_dropped"]) == (77, 3)
    assert source["columns"] == [*features, "plot"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"features": "x,y,g"}, "column 'g' must be numeric"),
        ({"features": "x,w", "y_feature": "y"}, "parameter 'y_feature' got 'y'"),
        ({"features": "x,y,a,b,c,d"}, "at most 5"),
        ({"group": "id", "features": "x,y"}, "has 6 values in that column; allowed: at most 5"),
        ({"group": "nope", "features": "x,y"}, "parameter 'group' got 'nope'"),
    ],
)
def test_pca_refuses_bad_columns(tmp_path: Path, overrides: dict[str, str], message: str) -> None:
    from scenes.linear_algebra.params import PCAParams
    from scenes.parameters import ParamError

    path = tmp_path / "t.csv"
    rows = [f"{i},{i * 2 % 7},{i % 3},{i},{i},{i},{i},k{i},w{i % 2}" for i in range(6)]
    path.write_text("x,y,w,a,b,c,d,id,g\n" + "\n".join(rows) + "\n", encoding="utf-8")
    settings = {"data": str(path), "x_feature": "x", "y_feature": "y", **overrides}
    with pytest.raises(ParamError, match=re.escape(message)):
        build("PCA", PCAParams, settings)


def test_pca_features_and_group_need_data() -> None:
    from scenes.linear_algebra.params import PCAParams
    from scenes.parameters import ParamError

    with pytest.raises(ParamError, match="parameter 'group' got 'species'; allowed: empty"):
        build("PCA", PCAParams, {"group": "species"})
