"""Regression by gradient descent against numpy.linalg.lstsq."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz import descent, optimizers
from mlmath_viz import regression as rg


def test_closed_form_matches_lstsq(rng: np.random.Generator) -> None:
    x = rng.normal(3, 2, 50)
    y = 1.5 * x - 2 + rng.normal(0, 0.5, 50)
    coef, *_ = np.linalg.lstsq(np.column_stack([np.ones_like(x), x]), y, rcond=None)
    assert_allclose(rg.least_squares(x, y), coef, rtol=1e-10)


@pytest.mark.parametrize("feature", list(rg.DIABETES_FEATURES))
def test_gradient_descent_reaches_the_least_squares_line(feature: str) -> None:
    data = rg.diabetes(feature)
    assert data.x.shape == data.y.shape == (442,)
    scaler = rg.Standardiser.fit(data.x)
    objective = rg.mse_objective(scaler.transform(data.x), data.y)
    run = descent.trajectory(objective, optimizers.gradient_descent(0.1), (0.0, 0.0), 200)
    b, w = run.points[-1]
    slope, intercept = scaler.line_in_original_units(b, w)
    design = np.column_stack([np.ones_like(data.x), data.x])
    (c0, c1), *_ = np.linalg.lstsq(design, data.y, rcond=None)
    # Standardised, the loss's Hessian is 2I: lr = 0.1 shrinks the error by 0.8 a step,
    # so 200 steps leave 0.8^200 ~ 4e-20 of it.
    assert_allclose([intercept, slope], [c0, c1], rtol=1e-9)
    assert np.all(np.diff(run.losses) <= 1e-9), "the loss never rises"


def test_mse_objective_value_gradient_and_hessian(rng: np.random.Generator) -> None:
    z = rng.normal(size=30)
    y = rng.normal(size=30)
    f = rg.mse_objective(z, y)
    for b, w in rng.normal(size=(5, 2)):
        residual = w * z + b - y
        assert_allclose(f.value((b, w)), np.mean(residual**2), rtol=1e-12)
        grad = [2 * np.mean(residual), 2 * np.mean(residual * z)]
        assert_allclose(f.gradient((b, w)), grad, rtol=1e-10, atol=1e-12)
        design = np.column_stack([np.ones_like(z), z])
        assert_allclose(f.hessian((b, w)), 2 * design.T @ design / 30, rtol=1e-12)


def test_r_squared_of_a_perfect_line() -> None:
    x = np.arange(5.0)
    assert_allclose(rg.r_squared(x, 2 * x + 1, 1.0, 2.0), 1.0)


def test_constant_feature_is_rejected() -> None:
    with pytest.raises(ValueError, match="constant"):
        rg.Standardiser.fit(np.ones(4))
