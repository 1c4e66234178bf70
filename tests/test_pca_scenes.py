"""PCA and PCADigits: their own mobjects, beat by beat, against independent oracles.

The drawn geometry is read back in plotted coordinates at the end of each beat and
compared with scikit-learn (``PCA``, ``StandardScaler``) and NumPy (``cov``, ``eigh``)
computed here from the data set, not with the numbers the scene computed. Distances
are in plotted units; ``ATOL`` = 1e-6 is far below a pixel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits, load_iris  # type: ignore[import-untyped]
from sklearn.decomposition import PCA as SkPCA  # type: ignore[import-untyped]
from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

from conftest import rejected_render, render_without_video, shared_tex_dir
from scenes.linear_algebra.params import IRIS_FEATURES, PCADigitsParams, PCAParams
from scenes.parameters import ParamError, build

ATOL = 1e-6

PCA_CASES: dict[str, dict[str, Any]] = {
    "default": {},
    "standardized": {"standardize": True},
    "sepal": {"x_feature": "sepal_length", "y_feature": "sepal_width"},
    # Standardized pairs have axes (1, +-1)/sqrt 2: entries tied in magnitude.
    "sepal-standardized-tie": {
        "x_feature": "sepal_width",
        "y_feature": "sepal_length",
        "standardize": True,
    },
    "wide-ellipse": {"x_feature": "petal_width", "y_feature": "sepal_width", "ellipse_sd": 3.0},
    # Petal length and width correlate at 0.96: a very thin ellipse, a short PC2 arrow.
    "thin-ellipse": {"x_feature": "petal_length", "y_feature": "petal_width", "ellipse_sd": 0.5},
}
DIGITS_CASES: dict[str, dict[str, Any]] = {
    "default": {},
    "zero-one-seven": {"digits": "0,1,7"},
    "one-class": {"digits": "3"},
    "standardized": {"standardize": True},
}


def _run(scene_class: type, params: Any, tmp: Path, tex: Path) -> tuple[Any, dict[str, Any]]:
    """Render without video; snapshot what each beat shows as it ends."""
    from scenes.kit.plotting import cloud_points, curve_vertices

    snapshots: dict[str, Any] = {}

    def observe(scene: Any, beat: Any) -> None:
        shot: dict[str, Any] = {
            "clouds": [c.points[0::4].copy() for c in scene.clouds],
        }
        if hasattr(scene, "arrows"):
            shot["arrows"] = [(a.get_start().copy(), a.get_end().copy()) for a in scene.arrows]
            shot["ellipse"] = curve_vertices(scene.ellipse_line).copy()
            shot["bars"] = [(b.get_bottom()[1], b.get_top()[1]) for b in scene.bars]
        assert all(len(cloud_points(c)) for c in scene.clouds)
        snapshots[beat.name] = shot

    scene = render_without_video(scene_class, params, tmp / "media", tex, observe)
    return scene, snapshots


@pytest.fixture(scope="module", params=list(PCA_CASES))
def iris_scene(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Any, dict[str, Any]]:
    from scenes.linear_algebra.pca import PCA

    params = build("PCA", PCAParams, PCA_CASES[request.param])
    tmp = tmp_path_factory.mktemp("pca")
    return _run(PCA, params, tmp, shared_tex_dir(tmp_path_factory))


@pytest.fixture(scope="module", params=list(DIGITS_CASES))
def digits_scene(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Any, dict[str, Any]]:
    from scenes.linear_algebra.pca_digits import PCADigits

    params = build("PCADigits", PCADigitsParams, DIGITS_CASES[request.param])
    tmp = tmp_path_factory.mktemp("pca-digits")
    return _run(PCADigits, params, tmp, shared_tex_dir(tmp_path_factory))


def _iris_columns(params: PCAParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(all four columns as analysed, the two shown columns as drawn, species)."""
    iris = load_iris()
    x = iris.data
    full = StandardScaler().fit_transform(x) if params.standardize else x
    cols = [IRIS_FEATURES.index(params.x_feature), IRIS_FEATURES.index(params.y_feature)]
    two = x[:, cols]
    shown = StandardScaler().fit_transform(two) if params.standardize else two
    return full, shown, iris.target


def _coords(view: Any, points: np.ndarray) -> np.ndarray:
    return np.array([view.p2c(p) for p in points])


def _same_axes(mine: np.ndarray, oracle: np.ndarray) -> None:
    """Rows equal up to sign, then exactly in sign by the largest-entry convention."""
    assert_allclose(np.abs(np.sum(mine * oracle, axis=1)), 1.0, atol=1e-9)
    for row in mine:
        big = np.abs(row)
        first = int(np.nonzero(big >= big.max() * (1 - 1e-9))[0][0])
        assert row[first] > 0


def test_dots_are_the_flowers(iris_scene: tuple[Any, dict[str, Any]]) -> None:
    scene, shots = iris_scene
    _, shown, species = _iris_columns(scene.params)
    for k in range(3):
        drawn = _coords(scene.frame1.view, shots["data"]["clouds"][k])
        assert_allclose(drawn, shown[species == k], atol=ATOL)
    assert sum(len(c) for c in shots["data"]["clouds"]) == 150


def test_arrows_are_the_eigenvectors_of_the_drawn_covariance(
    iris_scene: tuple[Any, dict[str, Any]],
) -> None:
    scene, shots = iris_scene
    _, shown, _ = _iris_columns(scene.params)
    cov = np.cov(shown, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    oracle = vectors[:, ::-1].T
    view = scene.frame1.view
    directions, lengths = [], []
    for start, end in shots["axes"]["arrows"]:
        d = view.p2c(end) - view.p2c(start)
        lengths.append(np.linalg.norm(d))
        directions.append(d / np.linalg.norm(d))
        assert_allclose(view.p2c(start), shown.mean(axis=0), atol=ATOL)
    directions_arr = np.array(directions)
    _same_axes(directions_arr, oracle)
    assert_allclose(directions_arr, scene.data["components_2d"], atol=ATOL)
    k = scene.params.ellipse_sd
    assert_allclose(lengths, k * np.sqrt(values[::-1]), atol=ATOL)
    # The sidecar's 2-D components are scikit-learn's PCA of the shown columns.
    assert_allclose(
        np.abs(np.sum(directions_arr * SkPCA().fit(shown).components_, axis=1)), 1, atol=1e-9
    )


def test_arrows_meet_at_a_right_angle_on_screen(iris_scene: tuple[Any, dict[str, Any]]) -> None:
    # Equal units on both axes: perpendicular in the data is perpendicular on screen.
    _, shots = iris_scene
    (s1, e1), (s2, e2) = shots["axes"]["arrows"]
    d1, d2 = (e1 - s1)[:2], (e2 - s2)[:2]
    assert abs(d1 @ d2) / (np.linalg.norm(d1) * np.linalg.norm(d2)) < 1e-9


def test_ellipse_is_k_standard_deviations_out(iris_scene: tuple[Any, dict[str, Any]]) -> None:
    scene, shots = iris_scene
    _, shown, _ = _iris_columns(scene.params)
    cov = np.cov(shown, rowvar=False)
    vertices = _coords(scene.frame1.view, shots["covariance"]["ellipse"])
    d = vertices - shown.mean(axis=0)
    mahalanobis = np.sqrt(np.einsum("ij,jk,ik->i", d, np.linalg.inv(cov), d))
    assert_allclose(mahalanobis, scene.params.ellipse_sd, rtol=1e-6)
    r = np.linalg.norm(d, axis=1)
    semi = scene.params.ellipse_sd * np.sqrt(np.linalg.eigvalsh(cov)[::-1])
    assert_allclose([r.max(), r.min()], semi, atol=ATOL)
    assert_allclose(scene.data["ellipse"]["semi_axes"], semi, rtol=1e-10)


def test_projected_dots_lie_on_the_pc1_line(iris_scene: tuple[Any, dict[str, Any]]) -> None:
    scene, shots = iris_scene
    _, shown, species = _iris_columns(scene.params)
    mean = shown.mean(axis=0)
    u = SkPCA().fit(shown).components_[0]
    normal = np.array([-u[1], u[0]])
    for k in range(3):
        drawn = _coords(scene.frame1.view, shots["project"]["clouds"][k])
        assert np.max(np.abs((drawn - mean) @ normal)) < ATOL
        feet = mean + np.outer((shown[species == k] - mean) @ u, u)
        assert_allclose(drawn, feet, atol=ATOL)


def test_bars_are_the_explained_variance_ratios(iris_scene: tuple[Any, dict[str, Any]]) -> None:
    scene, shots = iris_scene
    full, _, _ = _iris_columns(scene.params)
    ratios = SkPCA().fit(full).explained_variance_ratio_
    heights = np.array([top - bottom for bottom, top in shots["variance"]["bars"]])
    assert_allclose(heights / scene.bar_scale, ratios, atol=1e-5)
    assert_allclose(scene.data["explained_variance_ratio"], ratios, rtol=1e-10)


def test_last_view_is_the_pc1_pc2_scores(iris_scene: tuple[Any, dict[str, Any]]) -> None:
    scene, shots = iris_scene
    full, _, species = _iris_columns(scene.params)
    sk = SkPCA().fit(full)
    scores = sk.transform(full)[:, :2]
    for k in range(3):
        drawn = _coords(scene.frame2.view, shots["scores"]["clouds"][k])
        assert_allclose(drawn, scores[species == k], atol=ATOL)
    assert_allclose(scene.data["components"], sk.components_, atol=1e-10)


def test_iris_sidecar_is_small_and_complete(iris_scene: tuple[Any, dict[str, Any]]) -> None:
    scene, _ = iris_scene
    text = json.dumps(scene.data)
    assert len(text) < 4000
    for key in (
        "explained_variance_ratio",
        "components",
        "n_samples",
        "features",
        "mean",
        "covariance_2d",
        "components_2d",
        "explained_variance_ratio_2d",
        "ellipse",
    ):
        assert key in scene.data
    assert scene.data["n_samples"] == 150
    assert scene.data["features"] == [scene.params.x_feature, scene.params.y_feature]
    assert len(scene.data["explained_variance_ratio"]) == 4


def _digits(params: PCADigitsParams) -> tuple[np.ndarray, np.ndarray]:
    bunch = load_digits()
    keep = np.isin(bunch.target, params.classes())
    x = bunch.data[keep]
    return (StandardScaler().fit_transform(x) if params.standardize else x), bunch.target[keep]


def test_digit_dots_are_the_scores(digits_scene: tuple[Any, dict[str, Any]]) -> None:
    scene, shots = digits_scene
    x, target = _digits(scene.params)
    sk = SkPCA().fit(x)
    scores = sk.transform(x)[:, :2]
    assert len(shots["variance"]["clouds"]) == len(scene.params.classes())
    for c, cloud in zip(scene.params.classes(), shots["variance"]["clouds"], strict=True):
        assert_allclose(_coords(scene.frame.view, cloud), scores[target == c], atol=ATOL)
    assert scene.data["n_samples"] == len(target)
    ratios = sk.explained_variance_ratio_
    assert_allclose(scene.data["explained_variance_ratio"], ratios[:2], rtol=1e-10)
    assert_allclose(
        scene.data["cumulative_variance_ratio"],
        np.minimum(np.cumsum(sk.explained_variance_ratio_), 1.0),
        rtol=1e-10,
    )
    assert scene.data["components_for_90_percent"] == SkPCA(0.9).fit(x).n_components_


def test_digits_drawn_as_one_mobject_per_class(digits_scene: tuple[Any, dict[str, Any]]) -> None:
    from manim import Dot

    scene, _ = digits_scene
    assert len(scene.clouds) == len(scene.params.classes())
    assert not any(isinstance(m, Dot) for c in scene.clouds for m in c.get_family())
    assert len(json.dumps(scene.data)) < 4000


def test_cumulative_curve_and_marker(digits_scene: tuple[Any, dict[str, Any]]) -> None:
    from scenes.kit.plotting import curve_vertices

    scene, _ = digits_scene
    x, _ = _digits(scene.params)
    cumulative = np.cumsum(SkPCA().fit(x).explained_variance_ratio_)
    drawn = scene.plot.coords(curve_vertices(scene.curve))
    assert_allclose(drawn[:, 1], np.minimum(cumulative, 1.0), atol=ATOL)
    marker = scene.plot.coords(scene.marker.get_center())[0]
    assert_allclose(marker, [2, cumulative[1]], atol=ATOL)


@pytest.mark.parametrize(
    ("scene", "overrides", "fragment"),
    [
        ("PCA", {"x_feature": "petal_length", "y_feature": "petal_length"}, "y_feature"),
        ("PCA", {"y_feature": "sepal_length"}, "a feature other than x_feature"),
        ("PCA", {"ellipse_sd": "nan"}, "ellipse_sd"),
        ("PCADigits", {"digits": "1,1"}, "distinct digits"),
        ("PCADigits", {"digits": "0,12"}, "digits"),
    ],
)
def test_cross_field_rules(scene: str, overrides: dict[str, Any], fragment: str) -> None:
    params_type = {"PCA": PCAParams, "PCADigits": PCADigitsParams}[scene]
    with pytest.raises(ParamError, match=fragment):
        build(scene, params_type, overrides)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["PCA", "--set", "ellipse_sd=nan"], "parameter 'ellipse_sd'"),
        (["PCA", "--set", "ellipse_sd=inf"], "parameter 'ellipse_sd'"),
        (["PCA", "--set", "ellipse_sd=10"], "in [0.5, 3]"),
        (["PCA", "--set", "ellipse_sd=1,2"], "parameter 'ellipse_sd'"),
        (["PCA", "--set", "standardize=maybe"], "true or false"),
        (["PCA", "--set", "x_feature=petal_colour"], "one of sepal_length"),
        (["PCA", "--set", "y_feature=sepal_length"], "a feature other than x_feature"),
        (["PCADigits", "--set", "digits=0,0"], "distinct digits"),
        (["PCADigits", "--set", "digits=0-9"], "text matching"),
        (["PCADigits", "--set", "digits=nan"], "text matching"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    line = rejected_render(tmp_path, *args)
    assert fragment in line, line


# Module-scoped scene builds: keep this file on one test worker so each builds once.
pytestmark = pytest.mark.xdist_group("test_pca_scenes")
