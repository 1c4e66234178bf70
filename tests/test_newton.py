"""Newton's method, its quadratic models, the saddle objective and the classification,
against independent oracles: central finite differences, numpy.linalg.eigvalsh and
solve, scipy.optimize.minimize (trust-exact, Newton-CG) and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize

from mlmath_viz import newton as nw
from mlmath_viz import objectives as ob

# Central differences: error O(h^2 f''') ~ 1e-10 relative at h = 1e-5.
H = 1e-5
RTOL = 1e-6


def fd_gradient(f: ob.Objective, v: np.ndarray) -> np.ndarray:
    e = np.eye(2) * H
    return np.array([(f.value(v + e[k]) - f.value(v - e[k])) / (2 * H) for k in range(2)])


def fd_hessian(f: ob.Objective, v: np.ndarray) -> np.ndarray:
    """Second differences of the value only (not of the analytic gradient)."""
    h = 1e-4
    out = np.zeros((2, 2))
    e = np.eye(2) * h
    for i in range(2):
        for j in range(2):
            out[i, j] = (
                f.value(v + e[i] + e[j])
                - f.value(v + e[i] - e[j])
                - f.value(v - e[i] + e[j])
                + f.value(v - e[i] - e[j])
            ) / (4 * h * h)
    return out


def saddle_closed_form(x: float, y: float) -> float:
    return x * x - y * y + 0.25 * (x**4 + y**4)


# -- the saddle objective ------------------------------------------------------------


def test_saddle_value_gradient_hessian_against_closed_form_and_differences() -> None:
    f = nw.saddle()
    rng = np.random.default_rng(19)
    for v in rng.uniform(-2.5, 2.5, size=(25, 2)):
        assert f.value(v) == pytest.approx(saddle_closed_form(*v), rel=1e-14, abs=1e-14)
        assert_allclose(f.gradient(v), fd_gradient(f, v), rtol=RTOL, atol=1e-8)
        assert_allclose(f.hessian(v), fd_hessian(f, v), rtol=1e-5, atol=1e-5)


def test_saddle_critical_points_and_their_curvature() -> None:
    f = nw.saddle()
    # the origin: gradient 0, eigenvalues -2 and 2 (numpy)
    assert_allclose(f.gradient([0.0, 0.0]), [0.0, 0.0], atol=0)
    assert_allclose(np.linalg.eigvalsh(f.hessian([0.0, 0.0])), [-2.0, 2.0], atol=1e-15)
    # the minima (0, +-sqrt 2) of value -1: found by scipy from either side
    for sign in (1, -1):
        res = minimize(
            lambda v: f.value(v), [0.3, sign * 0.5], jac=f.gradient, hess=f.hessian,
            method="trust-exact",
        )  # fmt: skip
        assert_allclose(res.x, [0.0, sign * np.sqrt(2.0)], atol=1e-7)
        assert res.fun == pytest.approx(-1.0, abs=1e-12)
    assert_allclose(sorted(m[1] for m in f.minimizers), [-np.sqrt(2), np.sqrt(2)], rtol=1e-15)
    assert f.minimum == -1.0
    # the Hessian is singular on y = +-1/sqrt(1.5)
    assert nw.is_singular(f.hessian([0.7, 1 / np.sqrt(1.5)]))


def test_saddle_is_not_among_the_shared_objectives() -> None:
    assert "saddle" not in ob.NAMED
    assert nw.NAMED == (*ob.NAMED, "saddle")
    with pytest.raises(ValueError):
        ob.by_name("saddle")


# -- the quadratic model -------------------------------------------------------------

POINTS = {
    "rosenbrock": (ob.rosenbrock(), (-1.2, 1.0)),
    "himmelblau": (ob.himmelblau(), (0.4, -0.7)),
    "beale": (ob.beale(), (1.0, 1.0)),
    "saddle": (nw.saddle(), (1.5, 0.5)),
}


@pytest.mark.parametrize("name", list(POINTS))
def test_model_matches_f_to_second_order(name: str) -> None:
    """m(v + d) - f(v + d) = O(|d|^3): halving d divides the gap by about 8."""
    f, v = POINTS[name]
    m = nw.local_model(f, v)
    d = np.array([0.03, -0.02])
    gaps = [
        abs(m.evaluate(*(np.array(v) + t * d)) - f.value(np.array(v) + t * d)) for t in (1, 0.5)
    ]
    assert 5.0 < gaps[0] / gaps[1] < 11.0, gaps
    assert_allclose(m.gradient, fd_gradient(f, np.array(v)), rtol=RTOL)
    assert_allclose(m.hessian, fd_hessian(f, np.array(v)), rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("name", list(POINTS))
def test_model_centre_is_where_its_gradient_vanishes(name: str) -> None:
    f, v = POINTS[name]
    m = nw.local_model(f, v)
    g, hm = fd_gradient(f, np.array(v)), fd_hessian(f, np.array(v))
    expected = np.array(v) - np.linalg.solve(hm, g)  # from finite differences only
    assert m.centre is not None
    assert_allclose(m.centre, expected, rtol=1e-4, atol=1e-5)
    # the model's own gradient at its centre is zero (central differences of m)
    obj = m.as_objective()
    assert_allclose(fd_gradient(obj, m.centre), [0.0, 0.0], atol=1e-6 * max(1.0, abs(m.value)))
    # the model's value there: f - g^T H^-1 g / 2
    assert m.centre_value == pytest.approx(obj.value(m.centre), rel=1e-10, abs=1e-10)
    # what it is, from numpy's eigenvalues
    lam = np.linalg.eigvalsh(hm)
    want = "minimum" if lam.min() > 0 else ("maximum" if lam.max() < 0 else "saddle")
    assert m.kind == want
    assert_allclose(m.eigenvalues, lam, rtol=1e-5, atol=1e-4)


def test_model_levels_pass_through_the_iterate_and_nest() -> None:
    f, v = POINTS["rosenbrock"]
    m = nw.local_model(f, v)
    levels = m.levels(3)
    assert levels[0] == pytest.approx(f.value(v), rel=1e-12)
    mc = m.centre_value
    assert_allclose((levels - mc) / (levels[0] - mc), [1, 0.25, 0.0625], rtol=1e-12)
    saddle_levels = nw.local_model(*POINTS["saddle"]).levels(2)
    assert len(saddle_levels) == 4  # the mirrored levels of a saddle model


def test_singular_hessian_has_no_centre() -> None:
    m = nw.QuadraticModel(
        at=np.zeros(2),
        value=0.0,
        gradient=np.array([1.0, 1.0]),
        hessian=np.array([[1.0, 1.0], [1.0, 1.0]]),
    )
    assert np.linalg.matrix_rank(m.hessian) == 1
    assert m.kind == "singular"
    assert m.centre is None and m.step is None and len(m.levels()) == 0


# -- the run -------------------------------------------------------------------------


def test_one_step_on_a_quadratic_lands_on_its_minimizer() -> None:
    h = np.array([[4.0, 1.2], [1.2, 1.0]])
    f = ob.quadratic(h)
    start = np.array([-2.5, 2.0])
    run = nw.newton(f, start, 30)
    # closed form: v - H^-1 H v = 0
    assert_allclose(run.points[1], [0.0, 0.0], atol=1e-15)
    assert run.status == "converged"
    assert run.steps == 1
    assert nw.converged_to(run, f) == "minimum"


def test_minimum_of_rosenbrock_agrees_with_scipy_newton_cg() -> None:
    f = ob.rosenbrock()
    run = nw.newton(f, (-1.2, 1.0), 100)
    res = minimize(
        lambda v: f.value(v), [-1.2, 1.0], jac=f.gradient, hess=f.hessian,
        method="Newton-CG", options={"xtol": 1e-12},
    )  # fmt: skip
    assert res.success
    assert_allclose(run.points[-1], res.x, atol=1e-7)
    assert_allclose(run.points[-1], [1.0, 1.0], atol=1e-12)
    assert run.status == "converged"
    assert run.steps <= 8  # a handful, against gradient descent's hundreds
    assert nw.converged_to(run, f) == "minimum"


def test_error_ratio_is_bounded_near_a_minimum() -> None:
    """Quadratic convergence: e_{k+1} / e_k^2 stays bounded once near the minimum."""
    f = ob.himmelblau()
    run = nw.newton(f, (3.4, 2.4), 20)
    errors = np.linalg.norm(run.points - np.array([3.0, 2.0]), axis=1)
    near = [k for k in range(len(errors) - 1) if 1e-7 < errors[k] < 0.5 and errors[k + 1] > 0]
    assert len(near) >= 3
    ratios = errors[np.array(near) + 1] / errors[near] ** 2
    assert np.all(ratios < 5.0), ratios
    # and not merely linear: the last measured ratio e_{k+1}/e_k is tiny
    assert errors[near[-1] + 1] / errors[near[-1]] < 1e-3


def test_saddle_start_goes_to_the_saddle_point() -> None:
    f = nw.saddle()
    run = nw.newton(f, (1.5, 0.5), 60)
    assert_allclose(run.points[-1], nw.SADDLE_POINT, atol=1e-12)
    assert nw.converged_to(run, f) == "saddle"
    lam = np.linalg.eigvalsh(f.hessian(run.points[-1]))
    assert lam[0] < 0 < lam[1]
    # the eigenvalues recorded at every iterate are numpy's
    for hm, ev in zip(run.hessians, run.eigenvalues, strict=True):
        assert_allclose(ev, np.linalg.eigvalsh(hm), rtol=1e-12)


def test_himmelblau_from_the_origin_climbs_to_the_maximum() -> None:
    f = ob.himmelblau()
    run = nw.newton(f, (0.0, 0.0), 60)
    assert nw.converged_to(run, f) == "maximum"
    # the local maximum, found by scipy minimising -f
    res = minimize(lambda v: -f.value(v), [0.0, 0.0], jac=lambda v: -f.gradient(v), method="BFGS")
    assert_allclose(run.points[-1], res.x, atol=1e-5)


def test_a_singular_hessian_stops_the_run() -> None:
    f = nw.saddle()
    start = (1.0, 1.0 / np.sqrt(1.5))  # H = diag(5, 0)
    run = nw.newton(f, start, 10)
    assert run.status == "singular"
    assert run.steps == 0
    assert nw.converged_to(run, f) == "none"


def test_nearly_singular_hessian_jumps_far() -> None:
    f = nw.saddle()
    run = nw.newton(f, (1.0, 0.8), 60)
    # along y the step is y - f_y / f_yy = 2 y^3 / (3 y^2 - 2) (closed form)
    assert run.points[1][1] == pytest.approx(2 * 0.8**3 / (3 * 0.64 - 2), rel=1e-12)
    assert run.points[1][1] < -10
    assert nw.converged_to(run, f) == "minimum"


def test_zero_steps_and_bad_input() -> None:
    f = ob.rosenbrock()
    run = nw.newton(f, (0.0, 0.0), 0)
    assert run.steps == 0 and run.status == "max_steps"
    with pytest.raises(ValueError):
        nw.newton(f, (0.0, 0.0), -1)
    with pytest.raises(ValueError):
        nw.newton(f, (np.nan, 0.0), 3)


def test_classify_by_gradient_and_eigenvalue_signs() -> None:
    f = ob.quadratic([[2.0, 0.0], [0.0, 3.0]])
    assert nw.classify(f, (0.0, 0.0)) == "minimum"
    assert nw.classify(f, (1e-3, 0.0)) == "none"  # gradient 2e-3 > 1e-6
    g = ob.quadratic([[2.0, 0.0], [0.0, 3.0]])
    neg = ob.Objective(
        "neg", "", lambda x, y: -g.f(x, y), lambda x, y: tuple(-a for a in g.grad(x, y)),
        lambda x, y: tuple(-a for a in g.hess(x, y)), (), 0.0, g.view,
    )  # fmt: skip
    assert nw.classify(neg, (0.0, 0.0)) == "maximum"
    assert nw.classify(nw.saddle(), (0.0, 0.0)) == "saddle"


def test_to_json_holds_the_contract() -> None:
    run = nw.newton(nw.saddle(), (1.5, 0.5), 60)
    d = run.to_json()
    for key in ("trajectory", "losses", "hessian_eigenvalues", "status"):
        assert key in d
    assert len(d["trajectory"]) == len(d["losses"]) == len(d["hessian_eigenvalues"])
    assert d["trajectory"][0] == [1.5, 0.5]


def test_curvature_signs_mark_a_zero_eigenvalue() -> None:
    assert nw.curvature_signs([-2.0, 2.0]) == (-1, 1)
    assert nw.curvature_signs([1e-12, 5.0]) == (0, 1)
    assert nw.curvature_signs(np.linalg.eigvalsh([[1.0, 1.0], [1.0, 1.0]])) == (0, 1)
