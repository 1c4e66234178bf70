"""PCA by eigen-decomposition and by SVD, against scikit-learn, NumPy and closed forms.

Oracles: ``sklearn.decomposition.PCA`` (ratios to rtol 1e-10; components up to sign,
then exactly the same sign after the convention, to atol 1e-10), ``StandardScaler``,
``numpy.cov``, the closed form of 2x2 symmetric eigenvalues, and seeded synthetic data
with a known covariance.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.decomposition import PCA  # type: ignore[import-untyped]
from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

from mlmath_viz import datasets, pca

#: Absolute tolerance for components and scores from different solvers (float64
#: round-off on data of size ~10).
ATOL = 1e-10
RTOL = 1e-10


def _data_sets() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(20261125)
    iris, _ = datasets.iris()
    digits, _ = datasets.digits()
    return {
        "iris": iris,
        "iris-2": iris[:, [0, 2]],
        "digits": digits,
        "gaussian-5d": rng.normal(size=(300, 5)) @ rng.normal(size=(5, 5)),
        "wide-scales": rng.normal(size=(80, 3)) * np.array([100.0, 1.0, 0.01]),
    }


DATA = _data_sets()


def _sklearn(x: np.ndarray, standardized: bool, solver: str = "full") -> PCA:
    z = StandardScaler().fit_transform(x) if standardized else x
    return PCA(svd_solver=solver).fit(z)


def _significant(ratio: np.ndarray) -> int:
    """Components whose variance is clearly nonzero (digits has constant pixels: their
    zero-variance axes are arbitrary)."""
    return int(np.sum(ratio > 1e-12))


@pytest.mark.parametrize("name", list(DATA))
@pytest.mark.parametrize("standardized", [False, True])
@pytest.mark.parametrize("method", [pca.pca_eigh, pca.pca_svd], ids=["eigh", "svd"])
def test_matches_scikit_learn(name: str, standardized: bool, method: object) -> None:
    x = DATA[name]
    ours = method(x, standardized=standardized)  # type: ignore[operator]
    theirs = _sklearn(x, standardized)
    assert_allclose(
        ours.explained_variance_ratio, theirs.explained_variance_ratio_, rtol=RTOL, atol=1e-14
    )
    assert_allclose(ours.explained_variance, theirs.explained_variance_, rtol=1e-9, atol=1e-9)
    assert ours.n_samples == x.shape[0]
    k = _significant(theirs.explained_variance_ratio_)
    # Repeated eigenvalues (none in these data sets above the cut) would make axes
    # arbitrary; check the spectrum is simple where compared.
    gaps = np.diff(theirs.explained_variance_[:k])
    assert np.all(np.abs(gaps) > 1e-8 * theirs.explained_variance_[0])
    mine, sk = ours.components[:k], theirs.components_[:k]
    # Up to sign first (the geometry), then the same sign (the convention).
    dots = np.abs(np.sum(mine * sk, axis=1))
    assert_allclose(dots, 1.0, atol=1e-8, err_msg="not the same axes up to sign")
    tol = 1e-6 if name == "digits" else ATOL  # digits: tiny eigen-gaps deep in the spectrum
    assert_allclose(mine, sk, atol=tol, err_msg="same axes but a different sign")
    z = StandardScaler().fit_transform(x) if standardized else x
    assert_allclose(ours.transform(x)[:, :k], theirs.transform(z)[:, :k], atol=tol * 1e3)


@pytest.mark.parametrize("name", ["iris", "gaussian-5d", "wide-scales"])
@pytest.mark.parametrize("standardized", [False, True])
def test_same_sign_as_scikit_learn_covariance_eigh_solver(name: str, standardized: bool) -> None:
    x = DATA[name]
    theirs = _sklearn(x, standardized, solver="covariance_eigh")
    ours = pca.pca_eigh(x, standardized=standardized)
    assert_allclose(ours.components, theirs.components_, atol=1e-9)


@pytest.mark.parametrize("name", list(DATA))
@pytest.mark.parametrize("standardized", [False, True])
def test_eigh_and_svd_agree(name: str, standardized: bool) -> None:
    x = DATA[name]
    a = pca.pca_eigh(x, standardized=standardized)
    b = pca.pca_svd(x, standardized=standardized)
    assert_allclose(a.explained_variance_ratio, b.explained_variance_ratio, rtol=1e-9, atol=1e-14)
    k = _significant(a.explained_variance_ratio)
    tol = 1e-6 if name == "digits" else ATOL
    assert_allclose(a.components[:k], b.components[:k], atol=tol)
    assert_allclose(a.mean, b.mean, rtol=0, atol=0)
    assert_allclose(a.scale, b.scale, rtol=0, atol=0)


@pytest.mark.parametrize("name", list(DATA))
def test_standardization_is_standard_scaler(name: str) -> None:
    x = DATA[name]
    z, mean, scale = pca.standardize(x)
    scaler = StandardScaler().fit(x)
    assert_allclose(z, scaler.transform(x), rtol=1e-12, atol=1e-12)
    assert_allclose(mean, scaler.mean_, rtol=1e-14)
    assert_allclose(scale, scaler.scale_, rtol=1e-12)


def test_components_are_orthonormal_and_sign_fixed() -> None:
    for x in DATA.values():
        r = pca.pca_eigh(x)
        k = _significant(r.explained_variance_ratio)
        w = r.components[:k]
        assert_allclose(w @ w.T, np.eye(k), atol=1e-10)
        biggest = w[np.arange(k), np.argmax(np.abs(w), axis=1)]
        assert np.all(biggest > 0)


def test_ratios_sum_to_one_and_decrease() -> None:
    for x in DATA.values():
        r = pca.pca_svd(x)
        assert_allclose(r.explained_variance_ratio.sum(), 1.0, rtol=1e-12)
        assert np.all(np.diff(r.explained_variance) <= 1e-12)


def test_n_components_keeps_ratios_over_the_total() -> None:
    x = DATA["iris"]
    two = pca.pca_eigh(x, n_components=2)
    theirs = PCA(n_components=2).fit(x)
    assert two.components.shape == (2, 4)
    assert_allclose(two.explained_variance_ratio, theirs.explained_variance_ratio_, rtol=RTOL)
    assert_allclose(two.components, theirs.components_, atol=ATOL)
    with pytest.raises(ValueError, match="n_components"):
        pca.pca_eigh(x, n_components=5)


def test_known_covariance_is_recovered() -> None:
    # Axes at 30 degrees with standard deviations 3 and 0.5: 200,000 seeded draws give
    # eigenvalues within 1.5% and axes within 0.01 rad.
    rng = np.random.default_rng(11)
    angle = math.radians(30)
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    cov = rot @ np.diag([9.0, 0.25]) @ rot.T
    x = rng.multivariate_normal([1.0, -2.0], cov, size=200_000)
    r = pca.pca_svd(x)
    assert_allclose(r.explained_variance, [9.0, 0.25], rtol=0.015)
    assert_allclose(r.mean, [1.0, -2.0], atol=0.02)
    assert_allclose(r.components[0], [math.cos(angle), math.sin(angle)], atol=0.01)
    ellipse = pca.covariance_ellipse(r.mean, pca.covariance(x), 2.0)
    assert ellipse.angle == pytest.approx(angle, abs=0.01)
    assert_allclose(ellipse.semi_axes, [6.0, 1.0], rtol=0.01)


def test_covariance_is_numpy_cov() -> None:
    for x in DATA.values():
        assert_allclose(pca.covariance(x), np.cov(x, rowvar=False), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    "matrix",
    [
        [[0.6856935, 1.2743154], [1.2743154, 3.1162779]],
        [[2.0, 0.0], [0.0, 2.0]],
        [[1.0, 0.0], [0.0, 4.0]],
        [[1.0, -0.999], [-0.999, 1.0]],
        [[1e-8, 0.0], [0.0, 1e8]],
    ],
)
def test_2x2_closed_form_matches_eigvalsh(matrix: list[list[float]]) -> None:
    big, small = pca.symmetric_eigenvalues_2x2(matrix)
    expected = np.linalg.eigvalsh(np.array(matrix))[::-1]
    assert_allclose([big, small], expected, rtol=1e-9, atol=1e-12)


def test_ellipse_geometry() -> None:
    cov = np.array([[0.6856935, 1.2743154], [1.2743154, 3.1162779]])
    e = pca.covariance_ellipse([5.8, 3.8], cov, 2.0)
    l1, l2 = pca.symmetric_eigenvalues_2x2(cov)
    assert_allclose(e.semi_axes, [2 * math.sqrt(l1), 2 * math.sqrt(l2)], rtol=1e-12)
    # Each axis is an eigenvector: cov v = lambda v.
    assert_allclose(cov @ e.axes[0], l1 * e.axes[0], atol=1e-12)
    assert_allclose(cov @ e.axes[1], l2 * e.axes[1], atol=1e-12)
    pts = e.points(181)
    # Every point is at Mahalanobis distance k from the centre.
    d = pts - e.centre
    m = np.einsum("ij,jk,ik->i", d, np.linalg.inv(cov), d)
    assert_allclose(m, 4.0, rtol=1e-9)
    assert_allclose(pts[0], pts[-1], atol=1e-12)
    r = np.linalg.norm(d, axis=1)
    assert r.max() == pytest.approx(e.semi_axes[0], rel=1e-12)
    assert r.min() == pytest.approx(e.semi_axes[1], rel=1e-12)
    assert e.angle == pytest.approx(math.atan2(e.axes[0, 1], e.axes[0, 0]))
    with pytest.raises(ValueError):
        pca.covariance_ellipse([0, 0], cov, 0.0)


def test_projection_lands_on_the_line_and_is_orthogonal() -> None:
    rng = np.random.default_rng(3)
    p = rng.normal(size=(50, 2)) * 4
    origin, direction = np.array([1.0, 2.0]), np.array([3.0, -4.0])
    q = pca.project_onto_line(p, origin, direction)
    u = direction / 5.0
    normal = np.array([4.0, 3.0]) / 5.0
    assert_allclose((q - origin) @ normal, 0.0, atol=1e-12)
    assert_allclose((p - q) @ u, 0.0, atol=1e-12)


@pytest.mark.parametrize("standardized", [False, True])
def test_feature_view_axes_are_eigenvectors_of_what_is_drawn(standardized: bool) -> None:
    iris, _ = datasets.iris()
    x2 = iris[:, [0, 2]]
    v = pca.feature_view(x2, standardized=standardized, n_sd=2.0)
    drawn_cov = np.cov(v.points, rowvar=False)
    assert_allclose(v.covariance, drawn_cov, rtol=1e-12)
    values, _ = np.linalg.eigh(drawn_cov)
    assert_allclose(v.pca.explained_variance, values[::-1], rtol=1e-10)
    for lam, axis in zip(v.pca.explained_variance, v.pca.components, strict=True):
        assert_allclose(drawn_cov @ axis, lam * axis, atol=1e-10)
    assert_allclose(v.ellipse.axes, v.pca.components, atol=1e-12)
    assert_array_equal(v.ellipse.centre, v.mean)
    if standardized:
        assert_allclose(v.mean, 0.0, atol=1e-12)
        # z-scores with ddof=0: the ddof=1 covariance is n/(n-1) times the correlation.
        n = x2.shape[0]
        assert_allclose(v.covariance, np.corrcoef(x2, rowvar=False) * n / (n - 1), rtol=1e-12)
    else:
        assert_array_equal(v.points, x2)
    sk = PCA().fit(v.points)
    assert_allclose(v.pca.components, sk.components_, atol=ATOL)
    residual = v.projections - v.mean
    assert_allclose(residual @ v.pca.components[1], 0.0, atol=1e-12)


def test_bad_input_is_rejected() -> None:
    with pytest.raises(ValueError):
        pca.pca_eigh(np.zeros(5))
    with pytest.raises(ValueError):
        pca.pca_svd([[1.0, np.nan], [2.0, 3.0]])
    with pytest.raises(ValueError):
        pca.feature_view(np.zeros((5, 3)), standardized=False, n_sd=2.0)


def test_datasets_iris_and_digits() -> None:
    from sklearn.datasets import load_digits, load_iris  # type: ignore[import-untyped]

    x, y = datasets.iris()
    assert x.shape == (150, 4) and y.shape == (150,)
    assert_array_equal(x, load_iris().data)
    assert_array_equal(np.bincount(y), [50, 50, 50])
    for k, feature in enumerate(datasets.IRIS_FEATURES):
        assert_array_equal(x[y == 1, k], datasets.iris_sample(feature, "versicolor"))
    d, _ = datasets.digits()
    assert d.shape == (1797, 64) and d.min() == 0 and d.max() == 16
    assert_array_equal(d, load_digits().data)
    _, labels = datasets.digits((0, 1, 7))
    assert set(labels.tolist()) == {0, 1, 7}
    assert len(labels) == int(np.isin(load_digits().target, [0, 1, 7]).sum())
    x[0, 0] = -1.0  # a copy: the cache is untouched
    assert datasets.iris()[0][0, 0] == load_iris().data[0, 0]
    with pytest.raises(ValueError):
        datasets.digits((10,))
    with pytest.raises(ValueError):
        datasets.digits(())


def test_cumulative_ratio_and_components_needed() -> None:
    digits, _ = datasets.digits()
    theirs = PCA().fit(digits).explained_variance_ratio_
    c = pca.cumulative_ratio(pca.pca_eigh(digits).explained_variance_ratio)
    assert_allclose(c, np.cumsum(theirs), rtol=1e-10)
    # scikit-learn's PCA(n_components=0.9) picks the same count.
    assert pca.components_needed(theirs, 0.9) == PCA(n_components=0.9).fit(digits).n_components_
    assert pca.components_needed([0.5, 0.3, 0.2], 0.5) == 1
    assert pca.components_needed([0.5, 0.3, 0.2], 0.81) == 3
    assert pca.components_needed([0.5, 0.3, 0.2], 1.0) == 3
    with pytest.raises(ValueError):
        pca.components_needed([1.0], 0.0)


def test_standardized_pairs_have_diagonal_axes_with_a_stable_sign() -> None:
    # A 2x2 correlation matrix has eigenvectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2 whatever
    # the correlation; the first entry is the positive one in both.
    iris, _ = datasets.iris()
    h = 1 / math.sqrt(2)
    for i in range(4):
        for j in range(4):
            if i == j:
                continue
            v = pca.feature_view(iris[:, [i, j]], standardized=True, n_sd=2.0)
            r = np.corrcoef(iris[:, i], iris[:, j])[0, 1]
            pc1 = [h, h] if r > 0 else [h, -h]
            pc2 = [h, -h] if r > 0 else [h, h]
            assert_allclose(v.pca.components, [pc1, pc2], atol=1e-12)
