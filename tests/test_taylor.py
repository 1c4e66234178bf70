"""mlmath_viz.taylor against independent oracles.

- finite differences of ``Function1D.f`` for orders 1-3 (central differences);
- Cauchy's integral formula for every order up to 8: :math:`c_k = \\frac{1}{2\\pi i}
  \\oint f(z) (z - x_0)^{-k-1} dz` on the circle :math:`|z - x_0| = r`, by the
  trapezoid rule (an FFT of f at N points of the circle, spectrally accurate), with f
  written out again for complex z (numpy's complex sin and exp);
- the closed-form series of sin and exp, and the sigmoid's at 0;
- the Lagrange remainder bound for sin and exp;
- the errors on a ten times finer grid (the dense-grid claim);
- the root test on high-order Cauchy coefficients for the sigmoid's radius of
  convergence.

No mpmath or sympy in the environment (checked): scipy's ``factorial`` and numpy's
FFT are the tools.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import factorial

from mlmath_viz import taylor
from mlmath_viz.derivatives import FUNCTIONS

#: f for complex arguments, written independently of the module under test.
COMPLEX: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "square": lambda z: z * z,
    "cubic": lambda z: z**3 / 3 - z,
    "sine": np.sin,
    "exp": np.exp,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
}

#: Centres tried for each function: the middle, both ends and points between.
CENTRES = {
    name: [fn.domain[0], 0.5 * fn.domain[0], 0.0, 0.37, fn.domain[1]]
    for name, fn in FUNCTIONS.items()
}
CASES = [(name, x0) for name, xs in CENTRES.items() for x0 in xs]


def cauchy_coefficients(name: str, x0: float, count: int, r: float, n: int = 128) -> np.ndarray:
    """:math:`c_0..c_{count-1}` by the trapezoid rule on :math:`|z - x_0| = r`:
    :math:`c_k \\approx r^{-k} \\frac{1}{N} \\sum_j f(x_0 + r e^{i\\theta_j}) e^{-ik\\theta_j}`."""
    theta = 2 * np.pi * np.arange(n) / n
    values = COMPLEX[name](x0 + r * np.exp(1j * theta))
    spectrum = np.fft.fft(values) / n
    return np.real(spectrum[:count]) / r ** np.arange(count)


@pytest.mark.parametrize(("name", "x0"), CASES)
def test_low_order_derivatives_match_finite_differences(name: str, x0: float) -> None:
    f = FUNCTIONS[name].f
    x = np.array([x0])
    steps = {1: 1e-5, 2: 1e-4, 3: 1e-3}
    for k, h in steps.items():
        if k == 1:
            fd = (f(x + h) - f(x - h)) / (2 * h)
        elif k == 2:
            fd = (f(x + h) - 2 * f(x) + f(x - h)) / h**2
        else:
            fd = (f(x + 2 * h) - 2 * f(x + h) + 2 * f(x - h) - f(x - 2 * h)) / (2 * h**3)
        scale = max(1.0, float(np.abs(f(x)).max()))
        # truncation O(h^2) times f^(k+2) and rounding eps * scale / h^k
        assert_allclose(
            taylor.derivative(name, k, x), fd, rtol=1e-5, atol=1e-5 * scale, err_msg=f"k={k}"
        )


@pytest.mark.parametrize(("name", "x0"), CASES)
def test_coefficients_match_cauchy_integral(name: str, x0: float) -> None:
    """Every order up to MAX_ORDER: r = 1 is well inside the sigmoid's radius
    (at least pi), so 128 points leave an aliasing error under pi^-128."""
    expected = cauchy_coefficients(name, x0, taylor.MAX_ORDER + 1, r=1.0)
    actual = taylor.coefficients(name, x0, taylor.MAX_ORDER)
    scale = max(1.0, abs(float(FUNCTIONS[name].f(np.array([x0]))[0])))
    assert_allclose(actual, expected, rtol=1e-9, atol=1e-13 * scale)


def test_closed_form_series() -> None:
    k = np.arange(taylor.MAX_ORDER + 1)
    sine = np.where(k % 2 == 1, (-1.0) ** ((k - 1) // 2) / factorial(k), 0.0)
    assert_allclose(taylor.coefficients("sine", 0.0, taylor.MAX_ORDER), sine, rtol=1e-14, atol=0)
    for x0 in (-2.5, 0.0, 1.3):
        assert_allclose(
            taylor.coefficients("exp", x0, taylor.MAX_ORDER),
            math.exp(x0) / factorial(k),
            rtol=1e-14,
        )
    # sigma(x) = 1/2 + x/4 - x^3/48 + x^5/480 - 17 x^7/80640 + ...
    sigmoid = [0.5, 0.25, 0, -1 / 48, 0, 1 / 480, 0, -17 / 80640, 0]
    assert_allclose(
        taylor.coefficients("sigmoid", 0.0, taylor.MAX_ORDER), sigmoid, rtol=1e-13, atol=1e-17
    )
    # polynomials: their own coefficients about x0, nothing past the degree
    x0 = 0.7
    assert_allclose(taylor.coefficients("square", x0, 4), [x0**2, 2 * x0, 1, 0, 0], rtol=1e-15)
    cubic = [x0**3 / 3 - x0, x0**2 - 1, x0, 1 / 3, 0]
    assert_allclose(taylor.coefficients("cubic", x0, 4), cubic, rtol=1e-15)


def test_sigmoid_polynomials() -> None:
    """sigma' = s - s^2, sigma'' = s - 3 s^2 + 2 s^3, sigma''' = s - 7 s^2 + 12 s^3 - 6 s^4
    (by hand from sigma' = sigma (1 - sigma))."""
    assert_allclose(taylor.sigmoid_polynomial(0), [0, 1])
    assert_allclose(taylor.sigmoid_polynomial(1), [0, 1, -1])
    assert_allclose(taylor.sigmoid_polynomial(2), [0, 1, -3, 2])
    assert_allclose(taylor.sigmoid_polynomial(3), [0, 1, -7, 12, -6])
    with pytest.raises(ValueError):
        taylor.sigmoid_polynomial(-1)


@pytest.mark.parametrize("name", ["sine", "exp"])
@pytest.mark.parametrize("x0", [-1.0, 0.0, 0.5])
def test_errors_within_the_lagrange_bound(name: str, x0: float) -> None:
    """|f(x) - T_n(x)| <= max|f^(n+1)| |x - x0|^(n+1) / (n+1)! on the plotted interval,
    the maximum taken between x0 and x: 1 for sin, e^max(x, x0) for exp."""
    fn = FUNCTIONS[name]
    x = np.linspace(*fn.domain, 2001)
    c = taylor.coefficients(name, x0, taylor.MAX_ORDER)
    for n in range(taylor.MAX_ORDER + 1):
        error = np.abs(fn.f(x) - taylor.polynomial(c[: n + 1], x0, x))
        m = np.ones_like(x) if name == "sine" else np.exp(np.maximum(x, x0))
        bound = m * np.abs(x - x0) ** (n + 1) / math.factorial(n + 1)
        assert np.all(error <= bound * (1 + 1e-9) + 1e-13), f"n={n}"


def test_polynomial_is_horner_of_the_coefficients() -> None:
    rng = np.random.default_rng(7)
    c = rng.normal(size=6)
    x = rng.uniform(-3, 3, size=50)
    expected = np.polynomial.polynomial.polyval(x - 0.4, c)
    assert_allclose(taylor.polynomial(c, 0.4, x), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("name", "x0"), CASES)
def test_max_errors_on_a_finer_grid(name: str, x0: float) -> None:
    """The grid's maximum is the interval's to 1e-4 relative: against a grid ten times
    finer (holding the coarse one), with numpy's polyval as the polynomial."""
    s = taylor.taylor_series(name, x0, taylor.MAX_ORDER)
    fn = FUNCTIONS[name]
    x = np.linspace(*fn.domain, 10 * (taylor.ERROR_GRID - 1) + 1)
    for n in range(taylor.MAX_ORDER + 1):
        fine = np.abs(fn.f(x) - np.polynomial.polynomial.polyval(x - x0, s.coefficients[: n + 1]))
        assert s.max_errors[n] <= fine.max() * (1 + 1e-12) + 1e-12
        assert_allclose(s.max_errors[n], fine.max(), rtol=1e-4, atol=1e-11, err_msg=f"n={n}")


def test_polynomials_are_exact_from_their_degree() -> None:
    for name, degree in (("square", 2), ("cubic", 3)):
        for x0 in CENTRES[name]:
            s = taylor.taylor_series(name, x0, taylor.MAX_ORDER)
            assert s.exact_from == degree
            assert np.all(s.max_errors[degree:] == 0) and np.all(s.max_errors[:degree] > 0)
            assert_allclose(s.good_intervals[degree], FUNCTIONS[name].domain)
    for name in ("sine", "exp", "sigmoid"):
        assert taylor.taylor_series(name, 0.3, taylor.MAX_ORDER).exact_from is None


@pytest.mark.parametrize(("name", "x0"), CASES)
def test_good_interval_is_where_the_error_is_below_tolerance(name: str, x0: float) -> None:
    s = taylor.taylor_series(name, x0, taylor.MAX_ORDER)
    fn = FUNCTIONS[name]
    ys = fn.f(np.linspace(*fn.domain, 100001))
    assert_allclose(s.tolerance, taylor.TOLERANCE_FRACTION * (ys.max() - ys.min()), rtol=1e-6)
    grid = taylor.error_grid(fn.domain, x0)
    step = grid[1] - grid[0]
    lo, hi = fn.domain
    for n, (a, b) in enumerate(s.good_intervals):
        assert a <= x0 <= b
        inside = grid[(grid >= a) & (grid <= b)]
        error = np.abs(fn.f(inside) - s.values(n, inside))
        assert np.all(error < s.tolerance), n
        for edge, out in ((a, a - step), (b, b + step)):
            if lo <= out <= hi and edge not in (lo, hi):
                assert abs(fn.value(out) - float(s.values(n, np.array([out]))[0])) >= (
                    s.tolerance * (1 - 1e-3)
                ), (n, edge)


@pytest.mark.parametrize("x0", [0.0, 1.0, -2.0])
def test_sigmoid_radius_by_the_root_test(x0: float) -> None:
    """Cauchy-Hadamard: 1/R = limsup |c_k|^(1/k), here from Cauchy coefficients of order
    60-80 on a circle of radius 2.5 (inside R): within 3% of sqrt(x0^2 + pi^2)."""
    c = cauchy_coefficients("sigmoid", x0, 81, r=2.5, n=512)
    k = np.arange(60, 81)
    estimate = 1 / np.max(np.abs(c[k]) ** (1 / k))
    assert_allclose(estimate, taylor.radius_of_convergence("sigmoid", x0), rtol=0.03)
    for name in ("square", "cubic", "sine", "exp"):
        assert taylor.radius_of_convergence(name, x0) == math.inf


def test_sigmoid_series_diverges_beyond_the_radius() -> None:
    """Far from x0 (beyond R) the largest error grows with the order; inside it shrinks."""
    s = taylor.taylor_series("sigmoid", 1.0, taylor.MAX_ORDER)
    assert s.max_errors[-1] > 10 * s.max_errors[1]
    fn = FUNCTIONS["sigmoid"]
    near = np.linspace(1.0 - 1.5, 1.0 + 1.5, 301)  # well inside R = 3.30
    errs = [np.abs(fn.f(near) - s.values(n, near)).max() for n in range(taylor.MAX_ORDER + 1)]
    assert errs[-1] < errs[4] < errs[0] and errs[-1] < 1e-2 * errs[0]


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        taylor.taylor_series("sine", 4.0, 3)
    with pytest.raises(ValueError):
        taylor.taylor_series("sine", 0.0, -1)
    with pytest.raises(ValueError):
        taylor.derivative("sine", -1, 0.0)
    with pytest.raises(ValueError):
        taylor.derivative("log", 1, 0.0)
