"""Optimizers and trajectories: hand-computed first steps, known minimizers, stability."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz import descent
from mlmath_viz import objectives as ob
from mlmath_viz import optimizers as op

THETA0 = np.array([1.0, 2.0])
G1 = np.array([0.5, -1.0])
G2 = np.array([1.0, 1.0])

# (optimizer, theta_1, theta_2), worked by hand from each textbook rule with lr = 0.1
# and default hyper-parameters, for gradients G1 then G2 (eps = 1e-8 changes the
# values below 1e-8).
FIRST_STEPS = {
    # theta - 0.1 g
    "gd": ([0.95, 2.1], [0.85, 2.0]),
    # b1 = g1; b2 = 0.9 b1 + g2 = (1.45, 0.1); theta -= 0.1 b
    "momentum": ([0.95, 2.1], [0.805, 2.09]),
    # b as above; theta -= 0.1 (g + 0.9 b): (0.95, -1.9) then (2.305, 1.09)
    "nesterov": ([0.905, 2.19], [0.6745, 2.081]),
    # G1 = (0.25, 1): step 0.1 g/sqrt(G) = (0.1, -0.1); G2 = (1.25, 2)
    "adagrad": ([0.9, 2.1], [0.9 - 0.1 / math.sqrt(1.25), 2.1 - 0.1 / math.sqrt(2.0)]),
    # r1 = 0.1 g1^2 = (0.025, 0.1); r2 = 0.9 r1 + 0.1 g2^2 = (0.1225, 0.19)
    "rmsprop": (
        [1 - 0.1 * 0.5 / math.sqrt(0.025), 2 + 0.1 / math.sqrt(0.1)],
        [
            1 - 0.1 * 0.5 / math.sqrt(0.025) - 0.1 / math.sqrt(0.1225),
            2 + 0.1 / math.sqrt(0.1) - 0.1 / math.sqrt(0.19),
        ],
    ),
    # step 1: m_hat = g, v_hat = g^2, so theta -= 0.1 sign(g).
    # step 2: m = (0.145, 0.01), v = (0.00124975, 0.001999), m_hat = m / 0.19,
    # v_hat = v / 0.001999
    "adam": (
        [0.9, 2.1],
        [
            0.9 - 0.1 * (0.145 / 0.19) / math.sqrt(0.00124975 / 0.001999),
            2.1 - 0.1 * (0.01 / 0.19) / math.sqrt(0.001999 / 0.001999),
        ],
    ),
}


@pytest.mark.parametrize("name", op.NAMES)
def test_first_two_steps_equal_hand_computed_values(name: str) -> None:
    opt = op.by_name(name, 0.1)
    state = opt.init(THETA0)
    theta1, state = opt.update(G1, state, THETA0)
    theta2, state = opt.update(G2, state, theta1)
    want1, want2 = FIRST_STEPS[name]
    assert_allclose(theta1, want1, rtol=1e-7, err_msg=f"{name} step 1")
    assert_allclose(theta2, want2, rtol=1e-7, err_msg=f"{name} step 2")


@pytest.mark.parametrize("name", op.NAMES)
def test_update_is_pure(name: str) -> None:
    opt = op.by_name(name, 0.1)
    params = THETA0.copy()
    state = opt.init(params)
    before = [np.array(s, copy=True) for s in state]
    new_params, new_state = opt.update(G1, state, params)
    assert_allclose(params, THETA0, rtol=0)
    for old, kept in zip(before, state, strict=True):
        assert_allclose(np.asarray(kept), old, rtol=0)
    again, _ = opt.update(G1, state, params)
    assert_allclose(again, new_params, rtol=0)
    assert isinstance(new_state, tuple)


# Every optimizer reaches the minimizer: (lr, steps, atol) per objective.
QUADRATIC = ob.quadratic([[3.0, 1.0], [1.0, 2.0]])
ROSENBROCK = ob.rosenbrock()
CONVERGENCE = [
    (QUADRATIC, "gd", 0.2, 500, 1e-8),
    (QUADRATIC, "momentum", 0.05, 1000, 1e-8),
    (QUADRATIC, "nesterov", 0.05, 1000, 1e-8),
    (QUADRATIC, "adagrad", 0.5, 1000, 1e-8),
    (QUADRATIC, "rmsprop", 1e-3, 5000, 1e-3),  # sign-like steps hover within ~lr
    (QUADRATIC, "adam", 0.05, 1000, 1e-8),
    (ROSENBROCK, "gd", 1.5e-3, 10000, 3e-3),
    (ROSENBROCK, "momentum", 1e-3, 5000, 1e-6),
    (ROSENBROCK, "nesterov", 1e-3, 5000, 1e-6),
    (ROSENBROCK, "adagrad", 1.0, 20000, 1e-3),
    (ROSENBROCK, "rmsprop", 5e-4, 20000, 2e-3),
    (ROSENBROCK, "adam", 0.02, 5000, 1e-6),
]


@pytest.mark.parametrize(
    ("objective", "name", "lr", "steps", "atol"),
    CONVERGENCE,
    ids=[f"{c[0].name}-{c[1]}" for c in CONVERGENCE],
)
def test_reaches_the_known_minimizer(
    objective: ob.Objective, name: str, lr: float, steps: int, atol: float
) -> None:
    start = (2.0, -1.5) if objective.name == "quadratic" else (-1.5, 2.0)
    run = descent.trajectory(objective, op.by_name(name, lr), start, steps)
    assert not run.diverged
    assert_allclose(run.points[-1], objective.minimizers[0], atol=atol)


HESSIANS = [
    [[1.0, 0.0], [0.0, 1.0]],
    [[3.0, 1.0], [1.0, 2.0]],
    [[20.0, 0.0], [0.0, 0.5]],
    [[5.0, -2.0], [-2.0, 1.0]],
    [[0.3, 0.1], [0.1, 0.2]],
]


@pytest.mark.parametrize("hessian", HESSIANS)
def test_gradient_descent_stability_boundary(hessian: list[list[float]]) -> None:
    f = ob.quadratic(hessian)
    critical = 2 / np.linalg.eigvalsh(np.array(hessian)).max()
    assert_allclose(ob.critical_learning_rate(hessian), critical, rtol=1e-12)
    start = (1.0, 1.0)  # has a component along every eigenvector of these matrices
    below = descent.trajectory(f, op.gradient_descent(0.95 * critical), start, 3000)
    above = descent.trajectory(f, op.gradient_descent(1.05 * critical), start, 3000)
    assert not below.diverged
    assert below.losses[-1] < 1e-12 * max(1.0, below.losses[0])
    assert above.diverged
    assert np.linalg.norm(above.points[-1]) > descent.DIVERGENCE_BOUND


def test_trajectory_records_start_points_losses_and_gradients() -> None:
    run = descent.trajectory(QUADRATIC, op.gradient_descent(0.1), (2.0, -1.5), 5)
    assert run.points.shape == (6, 2) and run.losses.shape == (6,)
    assert_allclose(run.points[0], [2.0, -1.5], rtol=0)
    for p, loss, g in zip(run.points, run.losses, run.gradients, strict=True):
        assert_allclose(loss, QUADRATIC.value(p), rtol=1e-15)
        assert_allclose(g, QUADRATIC.gradient(p), rtol=1e-15)
    for k in range(5):  # each step is exactly -lr * gradient
        assert_allclose(run.points[k + 1], run.points[k] - 0.1 * run.gradients[k], rtol=1e-15)
    data = run.to_json()
    assert set(data) == {"trajectory", "losses", "diverged"}
    assert data["trajectory"][0] == [2.0, -1.5]


def test_zero_steps_and_zero_learning_rate() -> None:
    none = descent.trajectory(QUADRATIC, op.gradient_descent(0.1), (1.0, 1.0), 0)
    assert none.points.shape == (1, 2) and not none.diverged
    still = descent.trajectory(QUADRATIC, op.gradient_descent(0.0), (1.0, 1.0), 4)
    assert_allclose(still.points, np.ones((5, 2)), rtol=0)


@pytest.mark.parametrize("lr", [1e9, 1e300])
def test_huge_learning_rate_stops_as_diverged_without_warnings(lr: float) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = descent.trajectory(ROSENBROCK, op.gradient_descent(lr), (-1.5, 2.0), 100)
    assert run.diverged
    assert run.steps <= 2
    assert np.all(np.isfinite(run.points)) and np.all(np.isfinite(run.losses))


def test_negative_steps_rejected() -> None:
    with pytest.raises(ValueError, match="steps"):
        descent.trajectory(QUADRATIC, op.gradient_descent(0.1), (1.0, 1.0), -1)
