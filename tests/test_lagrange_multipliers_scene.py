"""LagrangeMultipliers: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). Drawn points are read back with the scene's own views
(``p2c``); the sidecar's numbers are compared with numpy (cov, corrcoef, eigh) on the raw
Iris columns, not with mlmath_viz's code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz import datasets
from scenes.calculus.params import LagrangeMultipliersParams
from scenes.kit.plotting import cloud_points

CASES = {
    "default": LagrangeMultipliersParams(),
    "petals": LagrangeMultipliersParams(x_feature="petal_length", y_feature="petal_width"),
    "sepals-standardized": LagrangeMultipliersParams(
        x_feature="sepal_length", y_feature="sepal_width", standardize=True
    ),
}

BEATS = ["problem", "tour", "maximum", "minimum", "pca"]
CONTRACT = (
    "covariance",
    "optimum",
    "multiplier",
    "gradient_objective",
    "gradient_constraint",
    "eigenvalues",
)


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("LagrangeMultipliers", CASES[request.param])


def raw(d: dict[str, Any]) -> np.ndarray:
    x, _ = datasets.iris()
    return x[:, [datasets.IRIS_FEATURES.index(f) for f in d["features"]]]


@scene_group("LagrangeMultipliers")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("LagrangeMultipliers")
def test_sidecar_numbers_against_numpy(case: tuple[str, Any]) -> None:
    _, report = case
    d = report.scene.data
    for key in CONTRACT:
        assert key in d, key
    x2 = raw(d)
    s = np.corrcoef(x2, rowvar=False) if d["standardized"] else np.cov(x2, rowvar=False)
    assert_allclose(d["covariance"], s, rtol=1e-12, atol=1e-14)
    lam, vec = np.linalg.eigh(s)
    assert_allclose(d["eigenvalues"], lam[::-1], rtol=1e-12)
    assert_allclose(d["multiplier"], lam[-1], rtol=1e-12)
    w = np.array(d["optimum"])
    assert_allclose(abs(w @ vec[:, -1]), 1.0, atol=1e-12)
    assert_allclose(d["gradient_objective"], 2 * s @ w, rtol=1e-12, atol=1e-14)
    assert_allclose(d["gradient_constraint"], 2 * w, rtol=1e-12)
    assert_allclose(
        d["gradient_objective"], lam[-1] * np.array(d["gradient_constraint"]), atol=1e-12
    )
    # the profile along the circle peaks at lambda_1 (grid of 721 angles: within 2e-4)
    assert max(d["profile_values"]) == pytest.approx(lam[-1], rel=2e-4)
    assert min(d["profile_values"]) == pytest.approx(lam[0], rel=2e-4, abs=1e-4)


@scene_group("LagrangeMultipliers")
def test_drawn_marks_at_the_sidecar_numbers(case: tuple[str, Any]) -> None:
    _, report = case
    scene = report.scene
    pic, d = scene.picture, scene.data
    view = pic.view
    assert_allclose(view.p2c(pic.max_mark.get_center()), d["optimum"], atol=1e-6)
    assert_allclose(abs(view.p2c(pic.min_mark.get_center()) @ d["minimizer"]), 1.0, atol=1e-6)
    # the point ends the minimum beat on the circle at +-the minimizer
    w = view.p2c(scene.current.dot.get_center())
    assert_allclose(abs(w @ np.array(d["minimizer"])), 1.0, atol=1e-6)
    # the flowers of the last beat at the centred (standardized) data
    x2 = raw(d)
    centred = x2 - x2.mean(axis=0)
    if d["standardized"]:
        centred = centred / x2.std(axis=0, ddof=1)
    drawn = np.vstack([[pic.frame.view.p2c(q) for q in cloud_points(c)] for c in pic.clouds])
    expected = np.vstack([centred[pic.species == k] for k in range(3)])
    assert_allclose(drawn, expected, atol=1e-6)
    # the PC1 arrow along the optimum, one standard deviation long
    tip = pic.frame.view.p2c(pic.pc_arrow.get_end()) - pic.frame.view.p2c(pic.pc_arrow.get_start())
    assert_allclose(tip, np.sqrt(d["multiplier"]) * np.array(d["optimum"]), atol=1e-6)


@scene_group("LagrangeMultipliers")
def test_fragile_optimum_is_said(case: tuple[str, Any]) -> None:
    name, report = case
    d = report.scene.data
    captions = {b.name: b.caption for b in report.scene.beats}
    assert d["fragile"] == (name == "sepals-standardized")
    if d["fragile"]:
        assert "fragile" in captions["maximum"]
        assert_allclose(d["eigenvalues"], [1.12, 0.88], atol=0.005)
    else:
        assert "fragile" not in captions["maximum"]


def test_presets_in_scenes_toml() -> None:
    from scenes import presets

    table = presets.load()["LagrangeMultipliers"]
    assert {"petals", "sepals-standardized"} <= set(table)
    assert table["sepals-standardized"]["standardize"] is True


def test_same_feature_exits_2(tmp_path: Path) -> None:
    line = rejected_render(
        tmp_path,
        "LagrangeMultipliers",
        "--set",
        "x_feature=petal_width",
        "--set",
        "y_feature=petal_width",
    )
    assert "parameter 'y_feature'" in line, line
