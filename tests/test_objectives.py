"""Objectives: analytic gradients and Hessians against central finite differences."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import rosen, rosen_der, rosen_hess

from mlmath_viz import objectives as ob

OBJECTIVES = {
    "quadratic": ob.quadratic([[3.0, 1.0], [1.0, 2.0]]),
    "ill-conditioned quadratic": ob.quadratic([[20.0, 0.0], [0.0, 0.5]]),
    "rosenbrock": ob.rosenbrock(),
    "himmelblau": ob.himmelblau(),
    "beale": ob.beale(),
}
N_POINTS = 25
# Central differences have error O(h^2 f''') ~ 1e-10 relative at h = 1e-5.
H = 1e-5
RTOL = 1e-6


def central_gradient(f: ob.Objective, v: np.ndarray) -> np.ndarray:
    e = np.eye(2) * H
    return np.array([(f.value(v + e[k]) - f.value(v - e[k])) / (2 * H) for k in range(2)])


def central_hessian(f: ob.Objective, v: np.ndarray) -> np.ndarray:
    e = np.eye(2) * H
    return np.array([(f.gradient(v + e[k]) - f.gradient(v - e[k])) / (2 * H) for k in range(2)]).T


def random_points(f: ob.Objective, rng: np.random.Generator) -> np.ndarray:
    (x0, x1), (y0, y1) = f.view
    return np.column_stack([rng.uniform(x0, x1, N_POINTS), rng.uniform(y0, y1, N_POINTS)])


@pytest.mark.parametrize("name", list(OBJECTIVES))
def test_gradient_matches_central_differences(name: str, rng: np.random.Generator) -> None:
    f = OBJECTIVES[name]
    for v in random_points(f, rng):
        scale = max(1.0, float(np.abs(f.gradient(v)).max()))
        assert_allclose(
            f.gradient(v), central_gradient(f, v), rtol=RTOL, atol=RTOL * scale, err_msg=str(v)
        )


@pytest.mark.parametrize("name", list(OBJECTIVES))
def test_hessian_matches_central_differences(name: str, rng: np.random.Generator) -> None:
    f = OBJECTIVES[name]
    for v in random_points(f, rng):
        hess = f.hessian(v)
        scale = max(1.0, float(np.abs(hess).max()))
        assert_allclose(hess, central_hessian(f, v), rtol=RTOL, atol=RTOL * scale, err_msg=str(v))
        assert_allclose(hess, hess.T, rtol=0, atol=0)


@pytest.mark.parametrize("name", list(OBJECTIVES))
def test_known_minimizers_have_zero_gradient_and_the_minimum(name: str) -> None:
    f = OBJECTIVES[name]
    for m in f.minimizers:
        assert_allclose(f.gradient(m), [0.0, 0.0], atol=1e-9)
        assert_allclose(f.value(m), f.minimum, atol=1e-12)
        assert np.all(np.linalg.eigvalsh(f.hessian(m)) > 0), "a minimum curves upwards"


def test_rosenbrock_matches_scipy(rng: np.random.Generator) -> None:
    f = ob.rosenbrock()
    for v in rng.uniform(-2, 2, size=(20, 2)):
        assert_allclose(f.value(v), rosen(v), rtol=1e-12)
        assert_allclose(f.gradient(v), rosen_der(v), rtol=1e-12, atol=1e-9)
        assert_allclose(f.hessian(v), rosen_hess(v), rtol=1e-12, atol=1e-9)


def test_grid_values_agree_with_point_values(rng: np.random.Generator) -> None:
    f = ob.beale()
    xs, ys = np.linspace(-4, 4, 7), np.linspace(-3, 3, 5)
    grid = f.grid(xs, ys)
    assert grid.shape == (5, 7)
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            assert_allclose(grid[i, j], f.value((x, y)), rtol=1e-12)


@pytest.mark.parametrize(
    ("hessian", "spd"),
    [
        ([[1, 0], [0, 1]], True),
        ([[20, 0], [0, 0.5]], True),
        ([[2, 1], [1, 2]], True),
        ([[1, 0], [0, -1]], False),  # indefinite: a saddle
        ([[1, 2], [2, 1]], False),  # eigenvalues 3 and -1
        ([[0, 0], [0, 1]], False),  # semi-definite
        ([[2, 1], [0, 2]], False),  # not symmetric
        ([[-1, 0], [0, -1]], False),
    ],
)
def test_positive_definite_check(hessian: list[list[float]], spd: bool) -> None:
    assert ob.is_symmetric_positive_definite(hessian) is spd
    if spd:
        assert np.all(np.linalg.eigvalsh(np.array(hessian, float)) > 0)


def test_critical_learning_rate_is_two_over_the_largest_eigenvalue() -> None:
    h = np.array([[3.0, 1.0], [1.0, 2.0]])
    assert_allclose(ob.critical_learning_rate(h), 2 / np.linalg.eigvalsh(h).max(), rtol=1e-14)


def test_quadratic_rejects_a_non_symmetric_hessian() -> None:
    with pytest.raises(ValueError, match="symmetric"):
        ob.quadratic([[1, 2], [0, 1]])


def test_overflowing_value_is_infinite_not_an_error() -> None:
    assert ob.rosenbrock().value((1e200, 1e200)) == float("inf")


def test_by_name() -> None:
    assert ob.by_name("beale").name == "beale"
    assert_allclose(ob.by_name("quadratic", [[2, 0], [0, 1]]).hessian((0, 0)), [[2, 0], [0, 1]])
    with pytest.raises(ValueError, match="unknown objective"):
        ob.by_name("booth")


def test_nearest_minimizer_of_himmelblau() -> None:
    from mlmath_viz.objectives import himmelblau

    objective = himmelblau()
    point, distance = objective.nearest_minimizer([3.1, 1.9])
    np.testing.assert_allclose(point, (3.0, 2.0), atol=1e-6)
    np.testing.assert_allclose(distance, np.hypot(0.1, 0.1), atol=1e-6)


def test_verdicts_of_runs() -> None:
    from mlmath_viz import descent, optimizers
    from mlmath_viz.objectives import quadratic

    bowl = quadratic([[2.0, 0.0], [0.0, 1.0]])  # lambda_max = 2: 2/lambda_max = 1
    start = (2.0, 1.5)
    runs = {
        lr: descent.trajectory(bowl, optimizers.gradient_descent(lr), start, 200)
        for lr in (0.5, 1e-4, 1.02, 1e9)
    }
    assert descent.verdict(runs[0.5], bowl) == "converged"
    assert descent.verdict(runs[1e-4], bowl) == "still descending"
    assert descent.verdict(runs[1.02], bowl) in ("diverging", "diverged")
    assert descent.verdict(runs[1e9], bowl) == "diverged"


@pytest.mark.parametrize("lr", [0.05, 0.3, 0.49, 0.51, 0.7, 0.95, 1.05, 3.0])
def test_overshoots_iff_the_top_direction_changes_side_every_step(lr: float) -> None:
    # Oracle: plain descent on f = v^T H v / 2 simulated with numpy; along the eigenvector
    # of lambda_max = 2 (numpy's eigh) the error changes sign at every step exactly when
    # the run overshoots, and it still shrinks only below 2/lambda_max.
    from mlmath_viz import descent, optimizers

    h = np.array([[1.5, 0.5], [0.5, 1.5]])  # eigenvalues 1 and 2
    eigenvalues, eigenvectors = np.linalg.eigh(h)
    assert_allclose(ob.overshoot_learning_rate(h), 1 / eigenvalues[-1], rtol=1e-14)
    top = eigenvectors[:, -1]
    v = np.array([2.0, -1.0])
    along = []
    for _ in range(7):
        along.append(float(v @ top))
        v = v - lr * h @ v
    flips = all(a * b < 0 for a, b in itertools.pairwise(along))
    shrinks = abs(along[-1]) < abs(along[0])
    bowl = ob.quadratic(h)
    run = descent.trajectory(bowl, optimizers.gradient_descent(lr), (2.0, -1.0), 30)
    assert descent.overshoots(run, bowl, lr) is (flips and shrinks)
    assert (flips and shrinks) is (0.5 < lr < 1.0)


def test_gradient_norms_are_the_lengths_of_the_gradients() -> None:
    from mlmath_viz import descent, optimizers

    bowl = ob.quadratic([[3.0, 0.5], [0.5, 1.0]])
    run = descent.trajectory(bowl, optimizers.gradient_descent(0.1), (2.0, -1.0), 5)
    expected = [float(np.hypot(*bowl.gradient(p))) for p in run.points]
    assert_allclose(run.gradient_norms, expected, rtol=1e-14)
