"""Correlation: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). The dots are read back through the scatter's
``p2c`` and compared with scipy's z-scores of scikit-learn's raw wine arrays, the stems
and the running-mean curve with products and cumulative means computed here, r with
scipy.stats.pearsonr and pandas, and the heat map's cells with pandas' DataFrame.corr
through the kit's diverging scale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from sklearn.datasets import load_wine

from conftest import rejected_render, scene_group
from scenes.kit.heat_map import diverging_scale
from scenes.kit.marks import dot_centres
from scenes.kit.plotting import curve_vertices
from scenes.statistics.params import CorrelationParams

CASES = {
    "default": CorrelationParams(),
    "strong": CorrelationParams(x="total_phenols", y="flavanoids"),
    "dependent-uncorrelated": CorrelationParams(x="alcohol", y="x_squared"),
    "raw-units": CorrelationParams(x="hue", y="proline", standardize=False),
    "same-measurement": CorrelationParams(x="flavanoids", y="flavanoids"),
}

BEATS = ["scatter", "products", "matrix"]
WINE = load_wine()


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("Correlation", CASES[request.param])


def raw(p: CorrelationParams) -> tuple[np.ndarray, np.ndarray]:
    """The plotted values, from scikit-learn's arrays (not from mlmath_viz)."""
    names = list(WINE.feature_names)
    x = WINE.data[:, names.index(p.x)]
    if p.y == "x_squared":
        d = x - x.mean()
        u = np.concatenate([d, -d])
        return u, u**2
    return x, WINE.data[:, names.index(p.y)]


@scene_group("Correlation")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("Correlation")
def test_the_numbers_are_scipys_numpys_and_pandas(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    x, y = raw(p)
    r = stats.pearsonr(x, y).statistic
    assert_allclose(d["r"], r, atol=1e-12)
    assert_allclose(d["r_pandas"], r, atol=1e-12)
    assert_allclose(d["r"], np.corrcoef(x, y)[0, 1], atol=1e-12)
    assert_allclose(d["covariance"], np.cov(x, y, ddof=1)[0, 1], rtol=1e-12, atol=1e-12)
    zx, zy = stats.zscore(x), stats.zscore(y)
    assert_allclose(d["products"], zx * zy, atol=1e-12)
    assert_allclose(np.mean(d["products"]), r, atol=1e-12)  # r is the mean on screen
    assert_allclose(d["running_mean"], np.cumsum(zx * zy) / np.arange(1, x.size + 1), atol=1e-12)
    frame = pd.DataFrame(WINE.data, columns=WINE.feature_names)
    assert_allclose(d["correlation_matrix"], frame.corr().to_numpy(), atol=1e-13)
    assert d["features"] == list(WINE.feature_names)
    assert d["x"] == p.x and d["y"] == p.y
    assert d["positive_count"] == int(np.sum(zx * zy > 0))
    assert d["negative_count"] == int(np.sum(zx * zy < 0))
    if p.y == "x_squared":
        assert abs(d["r"]) < 1e-12
    if p.x == p.y:
        assert_allclose(d["r"], 1.0, atol=1e-14)
        assert d["negative_count"] == 0


@scene_group("Correlation")
def test_the_scatter_is_the_wines_in_their_quadrants(case: tuple[str, Any]) -> None:
    name, report = case
    p, scene = CASES[name], report.scene
    pic = scene.picture
    x, y = raw(p)
    xs, ys = (stats.zscore(x), stats.zscore(y)) if p.standardize else (x, y)
    cx, cy = (0.0, 0.0) if p.standardize else (x.mean(), y.mean())
    seen = 0
    for key, sign in (("positive", 1), ("negative", -1), ("zero", 0)):
        idx = pic.indices[key]
        seen += idx.size
        assert np.all(np.sign((xs[idx] - cx) * (ys[idx] - cy)) == sign), key
        if idx.size:
            drawn = pic.scatter.coords.p2c(dot_centres(pic.dots[key]))
            assert_allclose(drawn, np.column_stack([xs[idx], ys[idx]]), atol=1e-6, err_msg=key)
    assert seen == x.size
    assert_allclose(pic.scatter.p2c(pic.crosshair[0].get_start())[0], cx, atol=1e-6)
    assert_allclose(pic.scatter.p2c(pic.crosshair[1].get_start())[1], cy, atol=1e-6)
    for key, rect in pic.boxes.items():
        i = pic.box_index[key]
        a = pic.scatter.p2c(rect.get_corner(np.array([-1.0, -1.0, 0.0])))
        b = pic.scatter.p2c(rect.get_corner(np.array([1.0, 1.0, 0.0])))
        area = (b[0] - a[0]) * (b[1] - a[1])
        assert_allclose(area, abs((xs[i] - cx) * (ys[i] - cy)), rtol=1e-6, err_msg=key)
    if p.x == p.y:
        assert "negative" not in pic.boxes


@scene_group("Correlation")
def test_the_stems_are_the_products_and_the_curve_ends_at_r(case: tuple[str, Any]) -> None:
    name, report = case
    p, pic = CASES[name], report.scene.picture
    x, y = raw(p)
    prods = stats.zscore(x) * stats.zscore(y)
    tops = np.array([pic.products_frame.p2c(s.get_end()) for s in pic.stems])
    assert_allclose(tops[:, 1], prods, atol=1e-6)
    assert_allclose(tops[:, 0], np.arange(1, x.size + 1), atol=1e-6)
    curve = pic.mean_frame.coords.p2c(curve_vertices(pic.mean_curve))
    assert_allclose(curve[:, 1], np.cumsum(prods) / np.arange(1, x.size + 1), atol=1e-6)
    assert_allclose(curve[-1, 1], stats.pearsonr(x, y).statistic, atol=1e-6)
    assert_allclose(
        pic.mean_frame.p2c(pic.pandas_line.get_start())[1],
        pd.Series(x).corr(pd.Series(y)),
        atol=1e-6,
    )


@scene_group("Correlation")
def test_the_heat_map_is_pandas_corr_with_the_pair_outlined(case: tuple[str, Any]) -> None:
    name, report = case
    p, scene = CASES[name], report.scene
    heat = scene.picture.heat
    frame = pd.DataFrame(WINE.data, columns=WINE.feature_names)
    want = frame.corr().to_numpy()
    scale = diverging_scale(1.0)
    colours = heat.cell_colours()
    for i in range(13):
        for j in range(13):
            assert colours[i, j] == scale.colour(want[i, j]), (i, j)
    names = list(WINE.feature_names)
    i = names.index(p.x)
    outlines = [o.get_center() for o in scene.picture.highlight]
    if p.y == "x_squared":
        assert_allclose(outlines[0], heat.row(i).get_center(), atol=1e-9)
        assert "x squared is not one of them" in scene.beats[-1].caption
    else:
        j = names.index(p.y)
        cells = {(i, j), (j, i)}
        assert len(outlines) == len(cells)
        for (a, b), centre in zip(sorted(cells), outlines, strict=True):
            assert_allclose(centre, heat.cell(a, b).get_center(), atol=1e-9)
        assert_allclose(scene.data["highlighted_value"], want[i, j], atol=1e-13)


def test_the_dependent_case_says_r_is_0_though_y_is_a_function_of_x(built: Any) -> None:
    report = built("Correlation", CASES["dependent-uncorrelated"])
    captions = {b.name: b.caption for b in report.scene.beats}
    assert "function of x, yet r = 0" in captions["products"]
    assert "0.00" in captions["products"]


@pytest.mark.parametrize(
    "setting, words",
    [
        ("x=x_squared", "'x'"),
        ("y=alcohol content", "'y'"),
        ("standardize=maybe", "'standardize'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, setting: str, words: str) -> None:
    message = rejected_render(tmp_path, "Correlation", "--set", setting)
    assert words in message
