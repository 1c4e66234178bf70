"""1-D functions: closed-form derivatives against central differences; secants."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz import derivatives as dv


@pytest.mark.parametrize("name", list(dv.FUNCTIONS))
def test_derivatives_match_central_differences(name: str, rng: np.random.Generator) -> None:
    fn = dv.FUNCTIONS[name]
    h = 1e-5
    for x in rng.uniform(*fn.domain, 30):
        fd1 = (fn.value(x + h) - fn.value(x - h)) / (2 * h)
        fd2 = (fn.derivative(x + h) - fn.derivative(x - h)) / (2 * h)
        assert_allclose(fn.derivative(x), fd1, rtol=1e-7, atol=1e-8, err_msg=f"{name} at {x}")
        assert_allclose(fn.second_derivative(x), fd2, rtol=1e-7, atol=1e-8)


@pytest.mark.parametrize("name", list(dv.FUNCTIONS))
def test_secant_slope_error_is_half_h_times_second_derivative(
    name: str, rng: np.random.Generator
) -> None:
    fn = dv.FUNCTIONS[name]
    for x in rng.uniform(fn.domain[0], fn.domain[1] - 0.1, 10):
        for h in (1e-2, 1e-3):
            err = dv.secant_slope(fn, x, h) - fn.derivative(x)
            # Taylor: m(h) - f'(x) = h f''(x)/2 + O(h^2); the remainder is below 2 h^2 here.
            assert abs(err - 0.5 * h * fn.second_derivative(x)) < 2 * h * h


def test_secant_of_the_square_is_exact() -> None:
    # (x+h)^2 - x^2 = 2xh + h^2, so m(h) = 2x + h exactly.
    sq = dv.FUNCTIONS["square"]
    assert_allclose(dv.secant_slope(sq, 1.5, 0.5), 3.5, rtol=1e-14)
    with pytest.raises(ValueError):
        dv.secant_slope(sq, 1.0, 0.0)


def test_shrinking_steps_and_tangent() -> None:
    hs = dv.shrinking_steps(1.0, 1e-3, 4)
    assert_allclose(hs, [1.0, 0.1, 0.01, 0.001], rtol=1e-12)
    fn = dv.FUNCTIONS["cubic"]
    assert_allclose(dv.tangent_line(fn, 2.0, [2.0, 3.0]), [2 / 3, 2 / 3 + 3.0], rtol=1e-12)


def test_sigmoid_does_not_overflow() -> None:
    fn = dv.FUNCTIONS["sigmoid"]
    assert fn.value(-800.0) == 0.0 and fn.value(800.0) == 1.0
