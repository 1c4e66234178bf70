"""PCA and PCADigits: their own mobjects, beat by beat, against independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with the
scene checks and golden frames). The drawn geometry is read back from the scene's
picture record in plotted coordinates, in the final state where it still shows what
its beat drew (arrows, ellipse and bars only fade later; a cloud's transform targets
keep the points it took), and compared with scikit-learn (``PCA``,
``StandardScaler``) and NumPy (``cov``, ``eigh``) computed here from the data set, not
with the numbers the scene computed. The clouds' points at the end of "data" are gone
by the final state: there the checker's report (no problem at that beat) says the
drawn dots matched the scene's points, which are compared with the oracle. Distances
are in plotted units; ``ATOL`` = 1e-6 is far below a pixel.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits, load_iris  # type: ignore[import-untyped]
from sklearn.decomposition import PCA as SkPCA  # type: ignore[import-untyped]
from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

from conftest import rejected_render, scene_group
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


@pytest.fixture(params=list(PCA_CASES))
def iris(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    """The session's checked build of PCA with the case's parameters (a CheckReport)."""
    return built("PCA", build("PCA", PCAParams, PCA_CASES[request.param]))


@pytest.fixture(params=list(DIGITS_CASES))
def digits(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    """The session's checked build of PCADigits with the case's parameters."""
    return built("PCADigits", build("PCADigits", PCADigitsParams, DIGITS_CASES[request.param]))


def _beat_holds(report: Any, beat: str, names: list[str]) -> list[Any]:
    """The scene's invariants ``names`` for ``beat``, after checking that the build passed
    the checker at that beat (so each held on the drawn mobjects then) within ``ATOL``."""
    assert report.beats and beat in report.beats
    assert [p for p in report.problems if p.startswith(f"[{beat}]")] == []
    found = {inv.name: inv for inv in report.scene.invariants(beat)}
    for name in names:
        assert name in found, (beat, name, list(found))
        assert found[name].atol <= ATOL
    return [found[name] for name in names]


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


def _arrow_ends(scene: Any) -> list[tuple[np.ndarray, np.ndarray]]:
    """Where PC1's and PC2's arrows start and end (scene units)."""
    return [(a.get_start(), a.get_end()) for a in scene.picture.plane.arrows]


def _same_axes(mine: np.ndarray, oracle: np.ndarray) -> None:
    """Rows equal up to sign, then exactly in sign by the largest-entry convention."""
    assert_allclose(np.abs(np.sum(mine * oracle, axis=1)), 1.0, atol=1e-9)
    for row in mine:
        big = np.abs(row)
        first = int(np.nonzero(big >= big.max() * (1 - 1e-9))[0][0])
        assert row[first] > 0


@scene_group("PCA")
def test_dots_are_the_flowers(iris: Any) -> None:
    # The clouds move on after "data", so the build's final state no longer holds them:
    # the checker found the drawn dots at the scene's points within ATOL at the end of
    # "data" (its invariants), and those points are the flowers to ATOL / 1000.
    from scenes.kit.plotting import cloud_points

    scene = iris.scene
    _, shown, species = _iris_columns(scene.params)
    names = [f"species {k} dots at the data" for k in range(3)]
    for k, inv in enumerate(_beat_holds(iris, "data", names)):
        assert_allclose(inv.expected, shown[species == k], atol=ATOL / 1000)
        assert np.shape(inv.actual) == np.shape(inv.expected)
    assert sum(len(cloud_points(c)) for c in scene.picture.plane.clouds) == 150


@scene_group("PCA")
def test_arrows_are_the_eigenvectors_of_the_drawn_covariance(iris: Any) -> None:
    # The arrows only fade after "axes": their ends in the final state are those drawn.
    scene = iris.scene
    _, shown, _ = _iris_columns(scene.params)
    cov = np.cov(shown, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    oracle = vectors[:, ::-1].T
    view = scene.picture.plane.frame.view
    directions, lengths = [], []
    for start, end in _arrow_ends(scene):
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


@scene_group("PCA")
def test_arrows_meet_at_a_right_angle_on_screen(iris: Any) -> None:
    # Equal units on both axes: perpendicular in the data is perpendicular on screen.
    (s1, e1), (s2, e2) = _arrow_ends(iris.scene)
    d1, d2 = (e1 - s1)[:2], (e2 - s2)[:2]
    assert abs(d1 @ d2) / (np.linalg.norm(d1) * np.linalg.norm(d2)) < 1e-9


@scene_group("PCA")
def test_ellipse_is_k_standard_deviations_out(iris: Any) -> None:
    # Drawn in "covariance", the ellipse only fades later: its final vertices are those.
    from scenes.kit.plotting import curve_vertices

    scene = iris.scene
    plane = scene.picture.plane
    _, shown, _ = _iris_columns(scene.params)
    cov = np.cov(shown, rowvar=False)
    vertices = _coords(plane.frame.view, curve_vertices(plane.ellipse_line))
    d = vertices - shown.mean(axis=0)
    mahalanobis = np.sqrt(np.einsum("ij,jk,ik->i", d, np.linalg.inv(cov), d))
    assert_allclose(mahalanobis, scene.params.ellipse_sd, rtol=1e-6)
    r = np.linalg.norm(d, axis=1)
    semi = scene.params.ellipse_sd * np.sqrt(np.linalg.eigvalsh(cov)[::-1])
    assert_allclose([r.max(), r.min()], semi, atol=ATOL)
    assert_allclose(scene.data["ellipse"]["semi_axes"], semi, rtol=1e-10)


@scene_group("PCA")
def test_projected_dots_lie_on_the_pc1_line(iris: Any) -> None:
    # In "project" each cloud is transformed into its target, which keeps its points;
    # the checker found the drawn clouds there at the end of "project".
    from scenes.kit.plotting import cloud_points

    scene = iris.scene
    plane = scene.picture.plane
    _beat_holds(
        iris, "project", [f"species {k} projections at the feet of the points" for k in range(3)]
    )
    _, shown, species = _iris_columns(scene.params)
    mean = shown.mean(axis=0)
    u = SkPCA().fit(shown).components_[0]
    normal = np.array([-u[1], u[0]])
    for k in range(3):
        drawn = _coords(plane.frame.view, cloud_points(plane.projected[k]))
        assert np.max(np.abs((drawn - mean) @ normal)) < ATOL
        feet = mean + np.outer((shown[species == k] - mean) @ u, u)
        assert_allclose(drawn, feet, atol=ATOL)


@scene_group("PCA")
def test_bars_are_the_explained_variance_ratios(iris: Any) -> None:
    # The bars grow in "variance" and stay: their final heights are those.
    scene = iris.scene
    chart = scene.picture.chart
    full, _, _ = _iris_columns(scene.params)
    ratios = SkPCA().fit(full).explained_variance_ratio_
    heights = np.array([b.get_top()[1] - b.get_bottom()[1] for b in chart.bars])
    assert_allclose(heights / chart.scale, ratios, atol=1e-5)
    assert_allclose(scene.data["explained_variance_ratio"], ratios, rtol=1e-10)


@scene_group("PCA")
def test_last_view_is_the_pc1_pc2_scores(iris: Any) -> None:
    from scenes.kit.plotting import cloud_points

    scene = iris.scene
    pic = scene.picture
    assert iris.beats[-1] == "scores"
    full, _, species = _iris_columns(scene.params)
    sk = SkPCA().fit(full)
    scores = sk.transform(full)[:, :2]
    for k in range(3):
        drawn = _coords(pic.frame2.view, cloud_points(pic.plane.clouds[k]))
        assert_allclose(drawn, scores[species == k], atol=ATOL)
    assert_allclose(scene.data["components"], sk.components_, atol=1e-10)


@scene_group("PCA")
def test_last_view_shows_where_the_two_measurements_point(iris: Any) -> None:
    # Issue 17: the last frame (the poster) of `sepal` was the default's, as the PC1/PC2
    # plane of all four measurements does not depend on the two shown. Two arrows now
    # give the two shown measurements' loadings on PC1 and PC2 (sklearn's components),
    # each named by its measurement.
    from scenes.linear_algebra.params import IRIS_FEATURES as FEATURES

    scene = iris.scene
    pic = scene.picture
    full, _, _ = _iris_columns(scene.params)
    sk = SkPCA().fit(full)
    features = [scene.params.x_feature, scene.params.y_feature]
    view = pic.frame2.view
    for arrow, label, feature in zip(pic.loadings, pic.loading_labels, features, strict=True):
        j = list(FEATURES).index(feature)
        drawn = (view.p2c(arrow.get_end()) - view.p2c(arrow.get_start())) / pic.loading_scale
        assert_allclose(drawn, sk.components_[:2, j], atol=ATOL)
        assert_allclose(view.p2c(arrow.get_start()), [0.0, 0.0], atol=ATOL)  # the mean
        assert label.original_text == feature.replace("_", " ")


@scene_group("PCA")
def test_iris_sidecar_is_small_and_complete(iris: Any) -> None:
    scene = iris.scene
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


@scene_group("PCA")
def test_the_plot_is_fitted_to_the_data_at_equal_units(iris: Any) -> None:
    # Issue 17: at equal units the tall default cloud sat in a box 12 cm wide, 60% of
    # it empty. The box now has the data's shape: along each axis the plotted range
    # exceeds what the points, ellipse and PC1 line span by no more than the frame's
    # padding (0.3 screen units each side), unless the box is at its minimum size
    # (kept for the axis titles).
    from scenes.kit.scatter import MAX_UNIT

    frame = iris.scene.picture.plane.frame
    unit_x, unit_y = frame.view.ex[0], frame.view.ey[1]
    assert_allclose(unit_x, unit_y, rtol=1e-12)  # equal units
    plane = iris.scene.picture.plane
    # The flowers as data (at the end the clouds have moved to the scores' plane), the
    # ellipse and the PC1 line as drawn.
    drawn = np.concatenate(
        [
            _iris_columns(iris.scene.params)[1],
            *(
                _coords(frame.view, part.points)
                for m in (plane.ellipse_line, plane.pc1_line)
                for part in m.family_members_with_points()
            ),
        ]
    )
    shown = frame.hi - frame.lo
    span = np.ptp(drawn, axis=0)
    for axis in (0, 1):
        empty = (shown[axis] - span[axis]) * unit_x  # screen units
        at_minimum = shown[axis] * unit_x < (3.6 if axis == 0 else 3.0)
        assert empty <= 2 * 0.3 + 0.05 or at_minimum or unit_x >= MAX_UNIT - 1e-9, (axis, empty)


@scene_group("PCA")
def test_pc_arrows_are_drawn_over_the_dots_and_segments_are_thick(iris: Any) -> None:
    # Issue 17: PC1 was under the 150 dots; the projection segments were 0.9 px.
    plane = iris.scene.picture.plane
    above = min(m.z_index for m in plane.arrows)
    assert above > max(c.z_index for c in plane.clouds)
    assert above > max(s.z_index for s in plane.segments)
    for segment in plane.segments:
        assert segment.get_stroke_width() * 0.6 >= 3.0  # px at 480p


@scene_group("PCADigits")
def test_each_colour_marks_one_digit_or_two_far_apart_and_labelled(digits: Any) -> None:
    # Issue 17: digits 0/5/7 were all blues and 8/9 grey and white. The clusters now
    # use seven colours pairwise at least 10 apart (CIEDE2000, all three visions);
    # with more than seven classes a colour goes to two clusters, never neighbours
    # (each shared pair is further apart than any cluster from its nearest other),
    # and every cluster carries its digit at its centroid.
    from scenes.kit.standard import colour_distance_problems

    scene = digits.scene
    pic = scene.picture
    classes = scene.params.classes()
    x, target = _digits(scene.params)
    scores = SkPCA().fit(x).transform(x)[:, :2]
    centroid = {c: scores[target == c].mean(axis=0) for c in classes}
    groups = pic.colour_groups
    assert sorted(c for g in groups for c in g) == sorted(classes)
    assert len(groups) == min(len(classes), 7)
    group_colours = [pic.colours[g[0]] for g in groups]
    assert all(pic.colours[c] == pic.colours[g[0]] for g in groups for c in g)
    assert colour_distance_problems(group_colours) == []
    for g in groups:
        assert len(g) <= 2
        if len(g) == 2:
            a, b = g
            apart = np.linalg.norm(centroid[a] - centroid[b])
            nearest = min(np.linalg.norm(centroid[a] - centroid[c]) for c in classes if c != a)
            assert apart > nearest
    # The digit of each class at its centroid (moved at most a few label heights).
    for c, label in zip(classes, pic.centroid_labels, strict=True):
        assert label.get_tex_string() == str(c)
        where = _coords(pic.frame.view, [label.get_center()])[0]
        off = np.linalg.norm(where - centroid[c])
        assert off * pic.frame.view.ex[0] < 4 * label.height, (c, off)


@scene_group("PCADigits")
def test_digit_dots_are_the_scores(digits: Any) -> None:
    # "variance" is the last beat: the final state is what it shows.
    from scenes.kit.plotting import cloud_points

    scene = digits.scene
    pic = scene.picture
    assert digits.beats[-1] == "variance"
    x, target = _digits(scene.params)
    sk = SkPCA().fit(x)
    scores = sk.transform(x)[:, :2]
    assert len(pic.clouds) == len(scene.params.classes())
    for c, cloud in zip(scene.params.classes(), pic.clouds, strict=True):
        assert len(cloud_points(cloud))
        assert_allclose(
            _coords(pic.frame.view, cloud_points(cloud)), scores[target == c], atol=ATOL
        )
    assert scene.data["n_samples"] == len(target)
    ratios = sk.explained_variance_ratio_
    assert_allclose(scene.data["explained_variance_ratio"], ratios[:2], rtol=1e-10)
    assert_allclose(
        scene.data["cumulative_variance_ratio"],
        np.minimum(np.cumsum(sk.explained_variance_ratio_), 1.0),
        rtol=1e-10,
    )
    assert scene.data["components_for_90_percent"] == SkPCA(0.9).fit(x).n_components_


@scene_group("PCADigits")
def test_digits_drawn_as_one_mobject_per_class(digits: Any) -> None:
    from manim import Dot

    scene = digits.scene
    clouds = scene.picture.clouds
    assert len(clouds) == len(scene.params.classes())
    assert not any(isinstance(m, Dot) for c in clouds for m in c.get_family())
    assert len(json.dumps(scene.data)) < 4000


@scene_group("PCADigits")
def test_cumulative_curve_and_marker(digits: Any) -> None:
    from scenes.kit.plotting import curve_vertices

    scene = digits.scene
    pic = scene.picture
    x, _ = _digits(scene.params)
    cumulative = np.cumsum(SkPCA().fit(x).explained_variance_ratio_)
    drawn = pic.plot.coords(curve_vertices(pic.curve))
    assert_allclose(drawn[:, 1], np.minimum(cumulative, 1.0), atol=ATOL)
    marker = pic.plot.coords(pic.marker.get_center())[0]
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
