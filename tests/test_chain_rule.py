"""mlmath_viz.chain_rule against independent oracles: central finite differences of the
composition, closed-form derivatives of named compositions, and a dense grid for the
composition's domain."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz.chain_rule import (
    chain_rule,
    composition_domain,
    containing_interval,
    zoom_factor,
)
from mlmath_viz.derivatives import FUNCTIONS

PAIRS = list(itertools.product(FUNCTIONS, FUNCTIONS))


def _sigmoid(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t))


#: d/dx f(g(x)) worked out by hand for named compositions (outer, inner).
CLOSED_FORMS = {
    ("sine", "square"): lambda x: 2 * x * math.cos(x * x),
    ("sigmoid", "square"): lambda x: 2 * x * _sigmoid(x * x) * (1 - _sigmoid(x * x)),
    ("exp", "square"): lambda x: 2 * x * math.exp(x * x),
    ("cubic", "sine"): lambda x: -(math.cos(x) ** 3),  # (sin^2 x - 1) cos x
    ("square", "exp"): lambda x: 2 * math.exp(2 * x),
    ("square", "cubic"): lambda x: 2 * (x**3 / 3 - x) * (x * x - 1),
    ("exp", "sine"): lambda x: math.cos(x) * math.exp(math.sin(x)),
}


def _points(outer: str, inner: str, count: int, seed: int) -> np.ndarray:
    """``count`` points drawn uniformly inside the composition's domain (fixed seed),
    away from its ends by 0.05 so that x +- h stays inside."""
    rng = np.random.default_rng(seed)
    intervals = composition_domain(FUNCTIONS[outer], FUNCTIONS[inner])
    lo, hi = intervals[0]
    return rng.uniform(lo + 0.05, hi - 0.05, count)


@pytest.mark.parametrize(("outer", "inner"), PAIRS, ids=[f"{o}-of-{i}" for o, i in PAIRS])
def test_derivative_matches_a_central_difference(outer: str, inner: str) -> None:
    f, g = FUNCTIONS[outer], FUNCTIONS[inner]
    h = 1e-5
    for x in _points(outer, inner, 7, seed=19):
        n = chain_rule(f, g, float(x), 0.1)
        composed = lambda t: float(f.f(g.f(np.array([t])))[0])  # noqa: E731
        central = (composed(x + h) - composed(x - h)) / (2 * h)
        # central difference error h^2/6 f''' ~ 1e-10 times the third derivative (< 1e3)
        assert_allclose(n.derivative, central, rtol=1e-6, atol=1e-7, err_msg=f"x = {x}")
        assert_allclose(n.inner_derivative, (g.value(x + h) - g.value(x - h)) / (2 * h),
                        rtol=1e-6, atol=1e-8)  # fmt: skip
        u = n.inner_value
        assert_allclose(n.outer_derivative, (f.value(u + h) - f.value(u - h)) / (2 * h),
                        rtol=1e-6, atol=1e-8)  # fmt: skip


@pytest.mark.parametrize("pair", list(CLOSED_FORMS), ids=[f"{o}-of-{i}" for o, i in CLOSED_FORMS])
def test_derivative_matches_the_closed_form(pair: tuple[str, str]) -> None:
    outer, inner = pair
    for x in _points(outer, inner, 9, seed=7):
        n = chain_rule(FUNCTIONS[outer], FUNCTIONS[inner], float(x), 0.1)
        assert_allclose(n.derivative, CLOSED_FORMS[pair](float(x)), rtol=1e-12, atol=1e-14)


def test_nudged_values_and_linear_predictions() -> None:
    """sin(x^2) at x = 0.8, dx = 0.2: by hand, with math's own functions."""
    n = chain_rule(FUNCTIONS["sine"], FUNCTIONS["square"], 0.8, 0.2)
    assert_allclose(n.inner_value, 0.64, rtol=1e-15)
    assert_allclose(n.inner_derivative, 1.6, rtol=1e-15)
    assert_allclose(n.outer_derivative, math.cos(0.64), rtol=1e-15)
    assert_allclose(n.nudged_inner, 1.0, rtol=1e-15)
    assert_allclose(n.nudged_outer, math.sin(1.0), rtol=1e-15)
    assert_allclose(n.inner_change, 0.36, rtol=1e-14)
    assert_allclose(n.outer_change, math.sin(1.0) - math.sin(0.64), rtol=1e-14)
    assert_allclose(n.inner_prediction, 0.32, rtol=1e-15)
    assert_allclose(n.outer_prediction, math.cos(0.64) * 1.6 * 0.2, rtol=1e-15)
    assert_allclose(n.difference_quotient, (math.sin(1.0) - math.sin(0.64)) / 0.2, rtol=1e-13)
    assert_allclose(n.gap, n.difference_quotient - n.derivative, rtol=1e-12)


def test_gap_shrinks_like_dx() -> None:
    """Delta y / dx - f'(g(x)) g'(x) = (f o g)''(x) dx / 2 + O(dx^2): halving dx halves
    the gap (to 2%), for sigma(x^2) at 1.5 whose second derivative is not 0."""
    f, g = FUNCTIONS["sigmoid"], FUNCTIONS["square"]
    gaps = [chain_rule(f, g, 1.5, dx).gap for dx in (1e-2, 5e-3, 2.5e-3)]
    assert_allclose(gaps[0] / gaps[1], 2.0, rtol=2e-2)
    assert_allclose(gaps[1] / gaps[2], 2.0, rtol=2e-2)


def test_zero_inner_slope_gives_a_zero_derivative() -> None:
    n = chain_rule(FUNCTIONS["exp"], FUNCTIONS["square"], 0.0, 0.2)
    assert n.inner_derivative == 0 and n.derivative == 0 and n.outer_prediction == 0
    assert_allclose(n.inner_change, 0.04, rtol=1e-14)
    assert_allclose(n.outer_change, math.expm1(0.04), rtol=1e-12)


def test_zero_dx_is_refused() -> None:
    with pytest.raises(ValueError, match="dx"):
        chain_rule(FUNCTIONS["sine"], FUNCTIONS["square"], 0.5, 0.0)


@pytest.mark.parametrize(("outer", "inner"), PAIRS, ids=[f"{o}-of-{i}" for o, i in PAIRS])
def test_composition_domain_against_a_dense_grid(outer: str, inner: str) -> None:
    f, g = FUNCTIONS[outer], FUNCTIONS[inner]
    intervals = composition_domain(f, g)
    (lo, hi), (a, b) = g.domain, f.domain
    xs = np.linspace(lo, hi, 100_003)  # not the module's grid
    gx = g.f(xs)
    inside = (gx >= a) & (gx <= b)
    claimed = np.zeros_like(inside)
    for s, e in intervals:
        claimed |= (xs >= s) & (xs <= e)
    assert np.array_equal(inside, claimed), (outer, inner, intervals)
    for s, e in intervals:
        for end, domain_end in ((s, lo), (e, hi)):
            # each end is the inner domain's end or where g reaches a or b
            gap = min(abs(end - domain_end), abs(g.value(end) - a), abs(g.value(end) - b))
            assert gap < 1e-9, (outer, inner, end)


def test_composition_domain_closed_forms() -> None:
    """e^(x^2) needs x^2 <= 1.8 (the exp's plotted domain): |x| <= sqrt(1.8); the square of
    e^x needs e^x <= 2.5: x <= ln 2.5."""
    (only,) = composition_domain(FUNCTIONS["exp"], FUNCTIONS["square"])
    assert_allclose(only, (-math.sqrt(1.8), math.sqrt(1.8)), rtol=1e-12)
    (only,) = composition_domain(FUNCTIONS["square"], FUNCTIONS["exp"])
    assert_allclose(only, (-2.5, math.log(2.5)), rtol=1e-12)
    assert containing_interval([(0.0, 1.0), (2.0, 3.0)], 2.5) == (2.0, 3.0)
    assert containing_interval([(0.0, 1.0), (2.0, 3.0)], 1.5) is None


@pytest.mark.parametrize(
    ("length", "shortest", "expected"),
    [(0.5, 0.45, 1.0), (0.0, 0.45, 1.0), (0.3, 0.45, 2.0), (0.15, 0.45, 5.0),
     (0.045, 0.45, 10.0), (0.044, 0.45, 20.0), (1e-3, 0.45, 500.0)],
)  # fmt: skip
def test_zoom_factor(length: float, shortest: float, expected: float) -> None:
    assert zoom_factor(length, shortest) == expected


def test_zoom_factor_is_the_smallest_round_factor() -> None:
    rng = np.random.default_rng(3)
    rounds = sorted(m * 10.0**k for k in range(0, 7) for m in (1, 2, 5))
    for length in 10.0 ** rng.uniform(-5, 0.5, 200):
        z = zoom_factor(float(length), 0.45)
        if length >= 0.45:
            assert z == 1.0
            continue
        assert z * length >= 0.45 * (1 - 1e-12)
        smaller = [r for r in rounds if r < z]
        assert all(r * length < 0.45 for r in smaller)
        assert z * length <= 2.5 * 0.45 + 1e-12
