"""mlmath_viz.gaussian against independent oracles.

numpy.cov and pandas DataFrame.cov for the covariance, scipy.stats.multivariate_normal
for the density, scipy.stats.chi2 for the mass inside an ellipse, the conditional by
normalising scipy's density along a slice with scipy.integrate.quad, the slope by
numpy.polyfit, and the ellipse's boundary by its Mahalanobis distance (computed here
with an explicit inverse).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import scipy.integrate
import scipy.stats
from numpy.testing import assert_allclose

from mlmath_viz import gaussian
from mlmath_viz.datasets import IRIS_FEATURES, IRIS_SPECIES, iris

PAIRS = [
    ("setosa", "sepal_length", "sepal_width"),
    ("versicolor", "petal_length", "petal_width"),
    ("setosa", "sepal_length", "petal_width"),
    ("virginica", "sepal_width", "petal_length"),
]


def _frame(species: str, xf: str, yf: str) -> pd.DataFrame:
    """The oracle's own copy of the two columns, from the whole Iris table."""
    x, target = iris()
    rows = x[target == IRIS_SPECIES.index(species)]
    return pd.DataFrame({f: rows[:, IRIS_FEATURES.index(f)] for f in (xf, yf)}, columns=[xf, yf])


@pytest.mark.parametrize("species, xf, yf", PAIRS)
def test_fit_against_numpy_and_pandas(species: str, xf: str, yf: str) -> None:
    frame = gaussian.iris_pair(species, xf, yf)
    want = _frame(species, xf, yf)
    assert list(frame.columns) == [xf, yf]
    pd.testing.assert_frame_equal(frame, want)
    g = gaussian.fit(frame)
    assert g.names == (xf, yf)
    assert g.n == 50
    assert_allclose(g.mean, want.mean().to_numpy(), rtol=1e-14)
    assert_allclose(g.covariance, np.cov(want.to_numpy(), rowvar=False), rtol=1e-12)
    assert_allclose(g.covariance, want.cov().to_numpy(), rtol=1e-12)
    assert_allclose(g.correlation, want.corr().iloc[0, 1], rtol=1e-12)


@pytest.mark.parametrize("species, xf, yf", PAIRS)
def test_density_is_scipys(species: str, xf: str, yf: str, rng: np.random.Generator) -> None:
    g = gaussian.fit(gaussian.iris_pair(species, xf, yf))
    pts = g.mean + rng.normal(size=(200, 2)) * np.sqrt(np.diag(g.covariance)) * 2
    want = scipy.stats.multivariate_normal(g.mean, g.covariance).pdf(pts)
    assert_allclose(g.density(pts), want, rtol=1e-11)


def test_mahalanobis_against_an_explicit_inverse(rng: np.random.Generator) -> None:
    cov = np.array([[2.0, 0.7], [0.7, 0.5]])
    mean = np.array([1.0, -2.0])
    pts = rng.normal(size=(50, 2))
    inv = np.linalg.inv(cov)
    want = np.sqrt(np.einsum("ij,jk,ik->i", pts - mean, inv, pts - mean))
    assert_allclose(gaussian.mahalanobis(pts, mean, cov), want, rtol=1e-12)


@pytest.mark.parametrize("k", [0.5, 1.0, 2.0, 3.0, 4.5])
def test_mass_inside_the_ellipse_is_chi2(k: float) -> None:
    assert_allclose(gaussian.ellipse_mass(k), scipy.stats.chi2.cdf(k**2, 2), rtol=1e-13)


def test_the_named_masses() -> None:
    assert_allclose(gaussian.ellipse_mass([1, 2, 3]), [0.3935, 0.8647, 0.9889], atol=5e-5)


def test_mass_by_monte_carlo(rng: np.random.Generator) -> None:
    """Independent of the chi-squared argument: the share of 200,000 draws of scipy's
    normal inside each ellipse (3 standard errors, about 0.0033)."""
    g = gaussian.fit(gaussian.iris_pair("versicolor", "petal_length", "petal_width"))
    draws = scipy.stats.multivariate_normal(g.mean, g.covariance).rvs(200_000, random_state=rng)
    inv = np.linalg.inv(g.covariance)
    d = np.sqrt(np.einsum("ij,jk,ik->i", draws - g.mean, inv, draws - g.mean))
    for k in (1, 2, 3):
        assert abs(np.mean(d <= k) - float(gaussian.ellipse_mass(k))) < 0.0035


@pytest.mark.parametrize("species, xf, yf", PAIRS)
@pytest.mark.parametrize("k", gaussian.SIGMA_LEVELS)
def test_ellipse_boundary_is_at_distance_k(species: str, xf: str, yf: str, k: float) -> None:
    g = gaussian.fit(gaussian.iris_pair(species, xf, yf))
    e = g.ellipse(k)
    inv = np.linalg.inv(g.covariance)
    pts = e.points(181)
    d = np.sqrt(np.einsum("ij,jk,ik->i", pts - g.mean, inv, pts - g.mean))
    assert_allclose(d, k, rtol=1e-10)
    # semi-axes from numpy's eigenvalues, the major axis along the top eigenvector
    lam, vec = np.linalg.eigh(g.covariance)
    assert_allclose(e.semi_axes, k * np.sqrt(lam[::-1]), rtol=1e-12)
    assert_allclose(abs(np.cos(e.angle) * vec[0, 1] + np.sin(e.angle) * vec[1, 1]), 1, atol=1e-12)
    assert_allclose(e.centre, g.mean, rtol=1e-15)


def test_marginals_are_the_columns_normals() -> None:
    frame = _frame("setosa", "sepal_length", "sepal_width")
    g = gaussian.fit(frame)
    for axis, col in enumerate(frame.columns):
        m, v = g.marginal(axis)
        assert_allclose(m, frame[col].mean(), rtol=1e-14)
        assert_allclose(v, frame[col].var(ddof=1), rtol=1e-12)
    # integrating scipy's 2-D density over y gives the x marginal
    mvn = scipy.stats.multivariate_normal(g.mean, g.covariance)
    sx = np.sqrt(g.covariance[0, 0])
    sy = np.sqrt(g.covariance[1, 1])
    for x0 in g.mean[0] + sx * np.array([-1.5, 0.0, 0.7]):
        got, _ = scipy.integrate.quad(
            lambda y, x0=x0: mvn.pdf([x0, y]), g.mean[1] - 12 * sy, g.mean[1] + 12 * sy
        )
        want = scipy.stats.norm.pdf(x0, g.mean[0], sx)
        assert_allclose(got, want, rtol=1e-8)


@pytest.mark.parametrize("species, xf, yf", PAIRS)
def test_conditional_from_scipys_slice(species: str, xf: str, yf: str) -> None:
    """Normalise scipy's density along y at x = x0 with quad; its mean and variance."""
    g = gaussian.fit(gaussian.iris_pair(species, xf, yf))
    mvn = scipy.stats.multivariate_normal(g.mean, g.covariance)
    sx, sy = np.sqrt(np.diag(g.covariance))
    lo, hi = g.mean[1] - 15 * sy, g.mean[1] + 15 * sy
    for x0 in g.mean[0] + sx * np.array([-2.0, -0.3, 0.0, 1.1, 2.5]):
        z, _ = scipy.integrate.quad(lambda y, x0=x0: mvn.pdf([x0, y]), lo, hi, epsabs=0)
        m1, _ = scipy.integrate.quad(lambda y, x0=x0: y * mvn.pdf([x0, y]), lo, hi, epsabs=0)
        mean = m1 / z
        m2, _ = scipy.integrate.quad(
            lambda y, x0=x0, mean=mean: (y - mean) ** 2 * mvn.pdf([x0, y]), lo, hi, epsabs=0
        )
        c = g.conditional(float(x0))
        assert_allclose(c.mean, mean, rtol=1e-8, atol=1e-10)
        assert_allclose(c.variance, m2 / z, rtol=1e-7)
        assert c.given_x == x0
        # the slice normalised is the normal N(mean, variance)
        for y in mean + np.sqrt(m2 / z) * np.array([-1.0, 0.4, 2.0]):
            assert_allclose(
                mvn.pdf([x0, y]) / z,
                gaussian.normal_pdf(y, c.mean, c.variance),
                rtol=1e-7,
            )


@pytest.mark.parametrize("species, xf, yf", PAIRS)
def test_slope_is_polyfits(species: str, xf: str, yf: str) -> None:
    frame = _frame(species, xf, yf)
    g = gaussian.fit(frame)
    slope, intercept = np.polyfit(frame[xf], frame[yf], 1)
    assert_allclose(g.regression_slope, slope, rtol=1e-10)
    # the conditional mean is the fitted line at every x0
    for x0 in (frame[xf].min(), frame[xf].mean(), frame[xf].max()):
        assert_allclose(g.conditional(float(x0)).mean, intercept + slope * x0, rtol=1e-11)


def test_conditional_variance_does_not_depend_on_x0() -> None:
    g = gaussian.fit(gaussian.iris_pair("versicolor", "petal_length", "petal_width"))
    r = g.correlation
    variances = {g.conditional(x0).variance for x0 in (3.0, 4.2, 5.1)}
    assert len(variances) == 1
    # closed form: S_yy (1 - r^2)
    assert_allclose(variances.pop(), g.covariance[1, 1] * (1 - r**2), rtol=1e-12)


def test_sds_and_the_conditional_ratio_are_pandas() -> None:
    frame = gaussian.iris_pair("setosa", "petal_length", "sepal_width")
    g = gaussian.fit(frame)
    sx, sy = frame.std(ddof=1)
    assert_allclose([g.marginal_sd(0), g.marginal_sd(1)], [sx, sy], rtol=1e-12)
    r = frame.corr().iloc[0, 1]
    assert_allclose(g.conditional_sd_ratio, np.sqrt(1 - r**2), rtol=1e-12)
    assert_allclose(g.conditional_sd_ratio, g.conditional(1.5).sd / sy, rtol=1e-12)


def test_normal_pdf_is_scipys() -> None:
    x = np.linspace(-3, 5, 41)
    assert_allclose(
        gaussian.normal_pdf(x, 1.2, 0.49), scipy.stats.norm.pdf(x, 1.2, 0.7), rtol=1e-13
    )


def test_fit_an_array_with_default_names(rng: np.random.Generator) -> None:
    z = rng.normal(size=(30, 2)) @ np.array([[1.0, 0.5], [0.0, 0.8]])
    g = gaussian.fit(z)
    assert g.names == ("x", "y")
    assert_allclose(g.covariance, np.cov(z, rowvar=False), rtol=1e-12)
    json = g.to_json()
    assert json["covariance_ddof"] == 1
    assert_allclose(json["covariance"], np.cov(z, rowvar=False), rtol=1e-12)


@pytest.mark.parametrize(
    "bad, words",
    [
        (np.ones((10, 2)), "singular"),
        (np.column_stack([np.arange(5.0), 2 * np.arange(5.0)]), "singular"),
        (np.zeros((2, 2)), "at least 3"),
        (np.zeros((5, 3)), "shape"),
        (np.array([[0.0, 1.0], [1.0, np.nan], [2.0, 0.0]]), "finite"),
    ],
)
def test_fit_refuses_bad_data(bad: np.ndarray, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        gaussian.fit(bad)


def test_iris_pair_refuses_bad_names() -> None:
    with pytest.raises(ValueError, match="differ"):
        gaussian.iris_pair("setosa", "sepal_length", "sepal_length")
    with pytest.raises(ValueError, match="species"):
        gaussian.iris_pair("rose", "sepal_length", "sepal_width")
    with pytest.raises(ValueError, match="feature"):
        gaussian.iris_pair("setosa", "sepal_length", "petal")


@pytest.mark.parametrize(
    "species, pair", list(itertools.product(IRIS_SPECIES, itertools.combinations(IRIS_FEATURES, 2)))
)
def test_every_iris_pair_fits(species: str, pair: tuple[str, str]) -> None:
    g = gaussian.fit(gaussian.iris_pair(species, *pair))
    assert np.linalg.det(g.covariance) > 0
    assert 0 < g.conditional(float(g.mean[0])).variance <= g.covariance[1, 1]


def test_ties_against_pandas_value_counts() -> None:
    frame = _frame("setosa", "sepal_length", "petal_width")
    unique, counts = gaussian.ties(frame.to_numpy())
    want = frame.value_counts()
    assert counts.sum() == 50
    assert len(unique) == len(want)
    for (a, b), c in zip(unique, counts, strict=True):
        assert want[(a, b)] == c


def test_count_inside_against_an_explicit_inverse() -> None:
    frame = _frame("versicolor", "petal_length", "petal_width")
    z = frame.to_numpy()
    mean, cov = z.mean(axis=0), np.cov(z, rowvar=False)
    inv = np.linalg.inv(cov)
    d = np.sqrt(np.einsum("ij,jk,ik->i", z - mean, inv, z - mean))
    for k in (1.0, 2.0, 3.0):
        assert gaussian.count_inside(z, mean, cov, k) == int(np.sum(d <= k))


@pytest.mark.parametrize("species, xf, yf", PAIRS)
def test_ellipse_extent_is_the_boundarys(species: str, xf: str, yf: str) -> None:
    """The bounding box against a dense sampling of the boundary (4001 points: within
    about 1e-6 of the true extreme, relative)."""
    g = gaussian.fit(gaussian.iris_pair(species, xf, yf))
    for k in gaussian.SIGMA_LEVELS:
        pts = g.ellipse(k).points(4001)
        lo, hi = gaussian.ellipse_extent(g.mean, g.covariance, k)
        assert_allclose(lo, pts.min(axis=0), rtol=1e-6)
        assert_allclose(hi, pts.max(axis=0), rtol=1e-6)
        assert np.all(pts.min(axis=0) >= lo - 1e-12)
        assert np.all(pts.max(axis=0) <= hi + 1e-12)
