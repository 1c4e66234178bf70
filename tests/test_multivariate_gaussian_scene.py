"""MultivariateGaussian: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``). Drawn points are read
back with the scene's own frames (``p2c``) and compared with the Iris columns (pandas),
numpy's covariance, Mahalanobis distances with an explicit inverse, scipy's normal
densities, scipy's multivariate normal normalised along the slice by quad, and
numpy.polyfit's regression line; none of it through mlmath_viz.gaussian.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.integrate
import scipy.stats
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz.datasets import IRIS_FEATURES, IRIS_SPECIES, iris
from scenes.kit.marks import dot_centres
from scenes.kit.plotting import curve_vertices
from scenes.probability.params import MultivariateGaussianParams

CASES = {
    "default": MultivariateGaussianParams(),
    "petals": MultivariateGaussianParams(
        species="versicolor", x_feature="petal_length", y_feature="petal_width", given_x=4.5
    ),
    "weak-correlation": MultivariateGaussianParams(
        x_feature="petal_length", y_feature="sepal_width", given_x=1.7
    ),
    "edge-ties": MultivariateGaussianParams(
        x_feature="sepal_length", y_feature="petal_width", given_x=5.8
    ),
    # Found by trying every pair at both ends: petal width (0.1 cm steps) on x read back
    # as 0.0999999 and 0.1000001 sorted the tied dots out of the sidecar's order.
    "petal-width-on-x": MultivariateGaussianParams(
        x_feature="petal_width", y_feature="sepal_length", given_x=0.1
    ),
}

BEATS = ["data", "ellipses", "marginals", "conditional", "sweep"]
CONTRACT = (
    "mean",
    "covariance",
    "conditional_mean",
    "conditional_variance",
    "given_x",
    "regression_slope",
)


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("MultivariateGaussian", CASES[request.param])


def columns(p: MultivariateGaussianParams) -> pd.DataFrame:
    x, target = iris()
    rows = x[target == IRIS_SPECIES.index(p.species)]
    return pd.DataFrame(
        {f: rows[:, IRIS_FEATURES.index(f)] for f in (p.x_feature, p.y_feature)},
        columns=[p.x_feature, p.y_feature],
    )


def distance(points: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    inv = np.linalg.inv(cov)
    z = points - mean
    return np.sqrt(np.einsum("ij,jk,ik->i", z, inv, z))


@scene_group("MultivariateGaussian")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("MultivariateGaussian")
def test_the_sidecar_numbers_against_numpy_scipy_and_pandas(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    for key in CONTRACT:
        assert key in d, key
    frame = columns(p)
    z = frame.to_numpy()
    mean, cov = z.mean(axis=0), np.cov(z, rowvar=False)
    assert d["features"] == [p.x_feature, p.y_feature]
    assert_allclose(d["mean"], mean, rtol=1e-14)
    assert_allclose(d["covariance"], cov, rtol=1e-12)
    assert_allclose(d["covariance"], frame.cov().to_numpy(), rtol=1e-12)
    assert d["covariance_ddof"] == 1
    assert d["given_x"] == p.given_x
    slope, intercept = np.polyfit(z[:, 0], z[:, 1], 1)
    assert_allclose(d["regression_slope"], slope, rtol=1e-10)
    assert_allclose(d["regression_intercept"], intercept, rtol=1e-10, atol=1e-12)
    # the conditional: scipy's density along the slice x = given_x, normalised by quad
    mvn = scipy.stats.multivariate_normal(mean, cov)
    sy = np.sqrt(cov[1, 1])
    lo, hi = mean[1] - 15 * sy, mean[1] + 15 * sy
    x0 = p.given_x
    total, _ = scipy.integrate.quad(lambda y: mvn.pdf([x0, y]), lo, hi, epsabs=0)
    first, _ = scipy.integrate.quad(lambda y: y * mvn.pdf([x0, y]), lo, hi, epsabs=0)
    m = first / total
    second, _ = scipy.integrate.quad(lambda y: (y - m) ** 2 * mvn.pdf([x0, y]), lo, hi, epsabs=0)
    assert_allclose(d["conditional_mean"], m, rtol=1e-8)
    assert_allclose(d["conditional_variance"], second / total, rtol=1e-7)
    assert_allclose(d["conditional_mean"], intercept + slope * x0, rtol=1e-10)
    # the masses and the flowers inside each ellipse
    assert d["sigma_levels"] == [1.0, 2.0, 3.0]
    assert_allclose(d["ellipse_mass"], scipy.stats.chi2.cdf(np.array([1, 4, 9]), 2), rtol=1e-12)
    dist = distance(z, mean, cov)
    assert d["flowers_inside"] == [int(np.sum(dist <= k)) for k in (1, 2, 3)]
    # ties, as pandas counts them
    counts = frame.value_counts()
    assert sorted(d["tie_counts"]) == sorted(counts.tolist())
    assert sum(d["tie_counts"]) == 50
    # the sweep visits both ends of the data and returns, with no leg of length zero
    path = d["sweep_x"]
    assert path[0] == path[-1] == x0
    assert min(path) == z[:, 0].min() and max(path) == z[:, 0].max()
    assert all(a != b for a, b in itertools.pairwise(path))
    assert len(path) == (3 if x0 in (z[:, 0].min(), z[:, 0].max()) else 4)


@scene_group("MultivariateGaussian")
def test_the_drawn_flowers_ellipses_and_marginals(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    pic = report.scene.picture
    z = columns(p).to_numpy()
    mean, cov = z.mean(axis=0), np.cov(z, rowvar=False)
    centres = pic.plane.coords.p2c(dot_centres(pic.dots))
    drawn = {tuple(np.round(c, 9)) for c in centres}
    assert drawn == {tuple(np.round(q, 9)) for q in z}
    assert len(centres) == len(drawn)  # one dot per distinct flower
    for k, ellipse in zip((1, 2, 3), pic.ellipses, strict=True):
        pts = pic.plane.coords.p2c(curve_vertices(ellipse))
        assert_allclose(distance(pts, mean, cov), k, rtol=1e-9)
    bottom = pic.bottom.coords.p2c(curve_vertices(pic.marginals[0]))
    want = scipy.stats.norm.pdf(bottom[:, 0], mean[0], np.sqrt(cov[0, 0]))
    assert_allclose(bottom[:, 1], want, atol=1e-9)
    left = pic.left.coords.p2c(curve_vertices(pic.marginals[1]))
    want = scipy.stats.norm.pdf(left[:, 1], mean[1], np.sqrt(cov[1, 1]))
    assert_allclose(left[:, 0], want, atol=1e-9)
    # both curves span the plane's range
    (x0, x1), (y0, y1) = pic.plane.box
    assert_allclose([bottom[0, 0], bottom[-1, 0]], [x0, x1], atol=1e-9)
    assert_allclose([left[0, 1], left[-1, 1]], [y0, y1], atol=1e-9)
    # the 3-sigma ellipse and every flower are inside the plane
    outer = pic.plane.coords.p2c(curve_vertices(pic.ellipses[-1]))
    for pts in (outer, z):
        assert np.all((pts[:, 0] >= x0) & (pts[:, 0] <= x1))
        assert np.all((pts[:, 1] >= y0) & (pts[:, 1] <= y1))
    assert d["n"] == 50


@scene_group("MultivariateGaussian")
def test_the_drawn_conditional(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    pic = report.scene.picture
    z = columns(p).to_numpy()
    slope, intercept = np.polyfit(z[:, 0], z[:, 1], 1)
    m = intercept + slope * p.given_x
    r = np.corrcoef(z, rowvar=False)[0, 1]
    sd = np.sqrt(np.var(z[:, 1], ddof=1) * (1 - r**2))
    curve = pic.plane.coords.p2c(curve_vertices(pic.conditional))
    height = (curve[:, 0] - p.given_x) / pic.cond_scale
    assert_allclose(height, scipy.stats.norm.pdf(curve[:, 1], m, sd), rtol=1e-9, atol=1e-12)
    # it peaks at the conditional mean and sits right of the slice, inside the plane
    assert_allclose(curve[np.argmax(height), 1], m, atol=1e-9)
    (_, x1), (y0, y1) = pic.plane.box
    assert np.all(curve[:, 0] >= p.given_x - 1e-12)
    assert curve[:, 0].max() <= x1
    assert np.all((curve[:, 1] >= y0 - 1e-12) & (curve[:, 1] <= y1 + 1e-12))
    dot = pic.plane.coords.p2c(pic.cond_dot.get_center())
    assert_allclose(dot, [p.given_x, m], atol=1e-9)
    line = pic.plane.coords.p2c(np.array([pic.regression.get_start(), pic.regression.get_end()]))
    assert_allclose(line[:, 1], intercept + slope * line[:, 0], atol=1e-9)
    assert_allclose(d["conditional_sd"], sd, rtol=1e-10)
    # y's marginal drawn beside it at the same scale: wider and lower
    marg = pic.plane.coords.p2c(curve_vertices(pic.marginal_at_slice))
    height = (marg[:, 0] - p.given_x) / pic.cond_scale
    want = scipy.stats.norm.pdf(marg[:, 1], z[:, 1].mean(), z[:, 1].std(ddof=1))
    assert_allclose(height, want, rtol=1e-9, atol=1e-12)
    assert marg[:, 0].max() < curve[:, 0].max()


def test_the_captions_say_what_the_numbers_say(built: Any) -> None:
    captions = {
        name: {b.name: b.caption for b in built("MultivariateGaussian", CASES[name]).scene.beats}
        for name in CASES
    }
    assert "39%, 86% and 99%" in captions["default"]["ellipses"]
    assert "r = 0.74" in captions["default"]["data"]
    assert "does not depend on x" in captions["default"]["sweep"]
    assert "x moves 5.5 → 4.3 → 5.8 → 5.5 cm" in captions["default"]["sweep"]
    assert "x moves 5.8 → 4.3 → 5.8 cm" in captions["edge-ties"]["sweep"]
    assert "nearly the marginal" in captions["weak-correlation"]["sweep"]
    assert "nearly as wide as the marginal" in captions["weak-correlation"]["conditional"]
    assert "narrower than the marginal of petal width" in captions["petals"]["conditional"]
    assert "nearly the marginal" not in captions["petals"]["sweep"]
    assert "below 0 cm in petal width" in captions["edge-ties"]["ellipses"]
    assert "below 0 cm" not in captions["default"]["ellipses"]
    assert "x = 5.8 cm" in captions["edge-ties"]["conditional"]


@pytest.mark.parametrize(
    "settings, words",
    [
        (("given_x=6.5",), "[4.3, 5.8]"),
        (("species=versicolor", "x_feature=petal_length", "given_x=2"), "[3, 5.1]"),
        (("y_feature=sepal_length",), "'y_feature'"),
        (("species=rose",), "'species'"),
        (("given_x=-1",), "'given_x'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(
    tmp_path: Path, settings: tuple[str, ...], words: str
) -> None:
    args = [a for s in settings for a in ("--set", s)]
    message = rejected_render(tmp_path, "MultivariateGaussian", *args)
    assert words in message
