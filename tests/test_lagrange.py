"""mlmath_viz.lagrange against independent oracles: numpy.cov and corrcoef,
numpy.linalg.eigh, scipy's SLSQP with the equality constraint from several starts, a
dense scan of the angle, sklearn's PCA and central finite differences."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.optimize
from numpy.testing import assert_allclose
from sklearn.decomposition import PCA

from mlmath_viz import datasets, lagrange

FEATURES = datasets.IRIS_FEATURES
PAIRS = [(a, b, z) for a, b in itertools.permutations(FEATURES, 2) for z in (False, True)]


def columns(a: str, b: str) -> np.ndarray:
    x, _ = datasets.iris()
    return x[:, [FEATURES.index(a), FEATURES.index(b)]]


@pytest.mark.parametrize(("a", "b", "z"), PAIRS)
def test_covariance_is_numpy_cov_or_corrcoef(a: str, b: str, z: bool) -> None:
    x2 = columns(a, b)
    r = lagrange.solve(x2, z)
    expected = np.corrcoef(x2, rowvar=False) if z else np.cov(x2, rowvar=False)
    assert_allclose(r.covariance, expected, rtol=1e-12, atol=1e-14)
    assert r.points.shape == (150, 2)


@pytest.mark.parametrize(("a", "b", "z"), PAIRS)
def test_optimum_against_slsqp_from_several_starts(a: str, b: str, z: bool) -> None:
    r = lagrange.solve(columns(a, b), z)
    s = r.covariance
    rng = np.random.default_rng(19)
    best = None
    for start in rng.normal(size=(6, 2)):
        res = scipy.optimize.minimize(
            lambda w: -(w @ s @ w),
            start,
            jac=lambda w: -2 * s @ w,
            method="SLSQP",
            constraints=[{"type": "eq", "fun": lambda w: w @ w - 1, "jac": lambda w: 2 * w}],
            options={"ftol": 1e-12, "maxiter": 500},  # 1e-14 cycled for one start
        )
        assert res.success, res.message
        if best is None or res.fun < best.fun:
            best = res
    assert best is not None
    assert_allclose(-best.fun, r.multiplier, rtol=1e-8, err_msg="max of f on the circle")
    w = best.x / np.linalg.norm(best.x)
    assert_allclose(abs(w @ r.optimum), 1.0, atol=1e-5 if r.relative_gap > 0.1 else 1e-4)


@pytest.mark.parametrize(("a", "b", "z"), PAIRS)
def test_eigen_against_eigh_scan_and_pca(a: str, b: str, z: bool) -> None:
    x2 = columns(a, b)
    r = lagrange.solve(x2, z)
    s = np.cov(r.points, rowvar=False)
    lam, vec = np.linalg.eigh(s)
    assert_allclose(r.eigenvalues, lam[::-1], rtol=1e-12)
    # sign convention: the largest-magnitude entry is positive, a tie (standardized:
    # (1, +-1)/sqrt 2) going to the first entry
    for v in r.eigenvectors:
        k = 0 if abs(v[0]) >= abs(v[1]) * (1 - 1e-9) else 1
        assert v[k] > 0
    assert_allclose(abs(r.optimum @ vec[:, 1]), 1.0, atol=1e-12)
    # dense scan of the angle: f's max and min on the circle and where they are
    theta = np.linspace(0, 2 * np.pi, 200001)
    f = np.cos(theta) ** 2 * s[0, 0] + 2 * np.sin(theta) * np.cos(theta) * s[0, 1]
    f += np.sin(theta) ** 2 * s[1, 1]
    # a grid step of 3.1e-5 rad misses an extremum by at most (l1 - l2) step^2 / 8
    assert_allclose([f.max(), f.min()], r.eigenvalues, rtol=0, atol=1e-9 * (1 + lam[1]))
    w_scan = np.array([np.cos(theta[f.argmax()]), np.sin(theta[f.argmax()])])
    assert_allclose(abs(w_scan @ r.optimum), 1.0, atol=1e-6)
    # sklearn's first component (up to sign), on the same prepared data
    pc = PCA(n_components=2).fit(r.points)
    assert_allclose(abs(pc.components_[0] @ r.optimum), 1.0, atol=1e-12)
    assert_allclose(pc.explained_variance_, r.eigenvalues, rtol=1e-10)


@pytest.mark.parametrize(("a", "b", "z"), PAIRS[:6])
def test_lagrange_conditions_and_gradients(a: str, b: str, z: bool) -> None:
    r = lagrange.solve(columns(a, b), z)
    d = r.to_json()
    s = np.array(d["covariance"])
    w = np.array(d["optimum"])
    # grad f = lambda grad g, g(w) = 0
    assert_allclose(
        d["gradient_objective"],
        d["multiplier"] * np.array(d["gradient_constraint"]),
        rtol=1e-10,
        atol=1e-12,
    )
    assert_allclose(w @ w, 1.0, rtol=1e-12)
    # gradients by central differences of f(w) = w^T S w and g(w) = w^T w - 1
    h = 1e-6
    fd_f = [
        ((w + h * e) @ s @ (w + h * e) - (w - h * e) @ s @ (w - h * e)) / (2 * h) for e in np.eye(2)
    ]
    fd_g = [((w + h * e) @ (w + h * e) - (w - h * e) @ (w - h * e)) / (2 * h) for e in np.eye(2)]
    assert_allclose(d["gradient_objective"], fd_f, rtol=1e-7, atol=1e-9)
    assert_allclose(d["gradient_constraint"], fd_g, rtol=1e-7, atol=1e-9)
    v = np.array(d["minimizer"])
    assert_allclose(2 * s @ v, d["multiplier_min"] * 2 * v, atol=1e-12)
    assert lagrange.gradient_misalignment(s, w) < 1e-7
    assert lagrange.gradient_misalignment(s, v) < 1e-7
    # not parallel half-way between: 45 degrees from v1
    mid = (w + v) / np.sqrt(2)
    assert lagrange.gradient_misalignment(s, mid) > 1e-3


def test_profile_and_levels() -> None:
    r = lagrange.solve(columns("petal_length", "petal_width"), False)
    theta, values = lagrange.profile(r.covariance)
    w = np.column_stack([np.cos(theta), np.sin(theta)])
    assert_allclose(values, np.einsum("ni,ij,nj->n", w, r.covariance, w), rtol=1e-12)
    levels = lagrange.contour_levels(r.eigenvalues, 5)
    assert_allclose([levels[0], levels[-1]], r.eigenvalues[::-1], rtol=1e-12)
    assert lagrange.constraint(r.optimum)[0] == pytest.approx(0, abs=1e-12)


def test_awkward_sepals_standardized_are_nearly_round() -> None:
    r = lagrange.solve(columns("sepal_length", "sepal_width"), True)
    rho = np.corrcoef(columns("sepal_length", "sepal_width"), rowvar=False)[0, 1]
    assert_allclose(r.eigenvalues, [1 + abs(rho), 1 - abs(rho)], rtol=1e-12)
    assert_allclose(r.eigenvalues, [1.12, 0.88], atol=0.005)
    assert r.fragile
    assert not lagrange.solve(columns("petal_length", "petal_width"), False).fragile


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        lagrange.prepare(np.zeros((5, 3)), False)
    with pytest.raises(ValueError):
        lagrange.prepare(np.ones((5, 2)), True)
