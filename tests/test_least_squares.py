"""mlmath_viz.least_squares against independent oracles.

Oracles: numpy.linalg.lstsq (LAPACK gelsd, SVD-based), scikit-learn's LinearRegression,
scipy.stats.linregress, the closed form slope = cov(x, y) / var(x), and the projection
matrix P = X (X^T X)^-1 X^T formed with numpy.linalg.inv (symmetric, idempotent, P y the
fit). Data: scikit-learn's diabetes data (no download) and random cases from one seeded
generator. Tolerances are relative and stated per comparison: the diabetes sums reach
2e6, so 1e-9 relative is thousands of ulps of room and still far below what is shown.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose
from sklearn.linear_model import LinearRegression  # type: ignore[import-untyped]

from mlmath_viz import least_squares as lsq
from mlmath_viz.regression import DIABETES_FEATURES, diabetes

RTOL = 1e-9


def oracle_projection(x: np.ndarray) -> np.ndarray:
    """P = X (X^T X)^-1 X^T, formed directly (fine for the small cases here)."""
    xm = np.column_stack([np.ones_like(x), x])
    out: np.ndarray = xm @ np.linalg.inv(xm.T @ xm) @ xm.T
    return out


@pytest.mark.parametrize("feature", list(DIABETES_FEATURES))
def test_beta_on_all_patients_matches_four_oracles(feature: str) -> None:
    d = diabetes(feature)
    beta = lsq.fit(d.x, d.y)
    xm = np.column_stack([np.ones_like(d.x), d.x])
    assert_allclose(beta, np.linalg.lstsq(xm, d.y, rcond=None)[0], rtol=RTOL, err_msg="lstsq")
    model = LinearRegression().fit(d.x.reshape(-1, 1), d.y)
    assert_allclose(beta, [model.intercept_, model.coef_[0]], rtol=RTOL, err_msg="sklearn")
    lr = scipy.stats.linregress(d.x, d.y)
    assert_allclose(beta, [lr.intercept, lr.slope], rtol=RTOL, err_msg="linregress")
    slope = np.cov(d.x, d.y)[0, 1] / np.var(d.x, ddof=1)
    assert_allclose(beta[1], slope, rtol=RTOL, err_msg="cov / var")
    assert_allclose(beta[0], d.y.mean() - slope * d.x.mean(), rtol=RTOL, err_msg="mean")


def test_normal_equations_are_the_sums() -> None:
    d = diabetes("bmi")
    m, v = lsq.normal_equations(d.x, d.y)
    expected_m = [[len(d.x), d.x.sum()], [d.x.sum(), (d.x**2).sum()]]
    assert_allclose(m, expected_m, rtol=1e-12)
    assert_allclose(v, [d.y.sum(), (d.x * d.y).sum()], rtol=1e-12)
    # and the QR beta solves them
    assert_allclose(m @ lsq.fit(d.x, d.y), v, rtol=RTOL)


def test_projection_of_three_rows_is_p_times_y(rng: np.random.Generator) -> None:
    for _ in range(20):
        x = rng.uniform(18, 42, 3)
        y = rng.uniform(25, 346, 3)
        fitted, residual = lsq.projection(x, y)
        p = oracle_projection(x)
        assert_allclose(p, p.T, atol=1e-12, err_msg="P symmetric")
        assert_allclose(p @ p, p, atol=1e-10, err_msg="P idempotent")
        assert_allclose(fitted, p @ y, rtol=RTOL, atol=1e-9 * np.abs(y).max())
        assert_allclose(residual, y - p @ y, atol=1e-9 * np.abs(y).max())
        xm = np.column_stack([np.ones(3), x])
        # X^T r = 0, relative to the sizes multiplied
        scale = np.abs(xm).max() * np.abs(y).max()
        assert_allclose(xm.T @ residual, 0.0, atol=1e-10 * scale)


def test_summary_of_the_default_rows_by_hand() -> None:
    s = lsq.summarize("bmi", (0, 3, 20))
    d = diabetes("bmi")
    idx = [0, 3, 20]
    assert s.x_rows == tuple(d.x[idx]) and s.y_rows == tuple(d.y[idx])
    # three points: beta from numpy's lstsq on the 3x2 system
    xm = np.column_stack([np.ones(3), d.x[idx]])
    beta3 = np.linalg.lstsq(xm, d.y[idx], rcond=None)[0]
    assert_allclose(s.beta_rows, beta3, rtol=RTOL)
    assert_allclose(s.projection, oracle_projection(d.x[idx]) @ d.y[idx], rtol=RTOL)
    assert_allclose(np.add(s.projection, s.residual), s.y_rows, rtol=1e-12)
    assert_allclose(s.residual_dot_columns, 0.0, atol=1e-9)
    lr = scipy.stats.linregress(d.x, d.y)
    assert_allclose(s.beta, [lr.intercept, lr.slope], rtol=RTOL)
    assert s.n == 442
    data = s.to_json()
    assert json.loads(json.dumps(data)) == data
    for key in (
        "feature",
        "rows",
        "beta",
        "beta_rows",
        "projection",
        "residual",
        "residual_dot_columns",
        "normal_matrix",
        "normal_rhs",
    ):
        assert key in data, key


def test_equal_feature_values_span_only_a_line() -> None:
    assert not lsq.spans_plane([25.3, 25.3, 25.3])
    assert lsq.spans_plane([25.3, 25.3, 25.4])
    with pytest.raises(ValueError, match="all equal"):
        lsq.fit([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])


def test_points_on_one_line_have_no_residual() -> None:
    assert lsq.on_one_line([1.0, 2.0, 4.0], [3.0, 5.0, 9.0])  # y = 2x + 1
    assert not lsq.on_one_line([1.0, 2.0, 4.0], [3.0, 5.0, 10.0])


@pytest.mark.parametrize("rows", [(1, 1, 2), (0, 1, 442), (-1, 2, 3)])
def test_bad_rows_are_refused(rows: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="rows"):
        lsq.summarize("bmi", rows)


def test_summarize_arrays_names_rows_apart_from_their_positions() -> None:
    """Any data (issue 21): the three rows picked by position, named as given, against
    numpy lstsq; the old diabetes entry point is the same computation."""
    rng = np.random.default_rng(21)
    x = rng.uniform(0.0, 10.0, 30)
    y = 3.0 + 2.0 * x + rng.normal(0.0, 1.0, 30)
    s = lsq.summarize_arrays(x, y, (5, 17, 40), feature="f", x_name="f", picked=(2, 9, 25))
    idx = [2, 9, 25]
    x3m = np.column_stack([np.ones(3), x[idx]])
    assert s.rows == (5, 17, 40)
    assert_allclose(s.x_rows, x[idx], rtol=0, atol=0)
    assert_allclose(s.beta_rows, np.linalg.lstsq(x3m, y[idx], rcond=None)[0], rtol=RTOL)
    model = LinearRegression().fit(x.reshape(-1, 1), y)
    assert_allclose(s.beta, [model.intercept_, model.coef_[0]], rtol=RTOL)
    assert s.n == 30
    with pytest.raises(ValueError):
        lsq.summarize_arrays(x, y, (0, 1, 2), feature="f", x_name="f", picked=(0, 1, 30))
    d = diabetes("bp")
    old = lsq.summarize("bp", (0, 1, 19)).to_json()
    new = lsq.summarize_arrays(d.x, d.y, (0, 1, 19), feature="bp", x_name=d.x_name).to_json()
    assert json.dumps(old) == json.dumps(new)
