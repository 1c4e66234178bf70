"""mlmath_viz.norms against numpy, scipy, brute force and closed forms.

Oracles: ``np.linalg.norm(x, ord=p)`` and ``scipy.spatial.distance.minkowski`` for the
lengths; for the projection onto the L2 ball scipy's SLSQP on the smooth constraint
``r^2 - x.x >= 0``; for the L1 ball the nearest of the closest points on its four edges
(segment projections, brute force) and the variational inequality
``(c - x).(y - x) <= 0`` at every corner ``y`` (which characterises the projection onto
a polytope). Fixed seed (conftest's ``rng``); tolerances stated at each assertion.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize
from scipy.spatial.distance import minkowski

from mlmath_viz import norms as nm

N_RANDOM = 200


def random_vectors(rng: np.random.Generator, n: int = N_RANDOM, dim: int = 2) -> np.ndarray:
    """Vectors with entries in [-5, 5], a quarter rounded to integers (exact cases)."""
    x = rng.uniform(-5, 5, size=(n, dim))
    x[: n // 4] = np.round(x[: n // 4])
    return x


# -- Lengths.


def test_lp_norm_matches_numpy_and_scipy(rng: np.random.Generator) -> None:
    ps = np.concatenate([[1.0, 1.5, 2.0, 3.0, 4.0, 10.0, 50.0, 100.0], rng.uniform(1, 20, 12)])
    for x in random_vectors(rng, dim=3):
        for p in ps:
            expected = np.linalg.norm(x, ord=p)
            assert_allclose(nm.lp_norm(x, p), expected, rtol=1e-12, err_msg=f"{x} {p}")
            assert_allclose(nm.lp_norm(x, p), minkowski(x, np.zeros(3), p), rtol=1e-12)
        assert_allclose(nm.lp_norm(x, math.inf), np.linalg.norm(x, ord=np.inf), rtol=0)


@pytest.mark.parametrize(
    ("x", "p", "expected"),
    [
        ([3.0, -4.0], 1.0, 7.0),
        ([3.0, -4.0], 2.0, 5.0),
        ([3.0, -4.0], math.inf, 4.0),
        ([1.0, 1.0], 3.0, 2.0 ** (1 / 3)),
        ([0.0, 0.0], 7.0, 0.0),
        ([0.0, -2.5], 4.0, 2.5),
        # |x_i|^p would overflow: 1e300 * 2^(1/50) in closed form
        ([1e300, -1e300], 50.0, 1e300 * 2.0 ** (1 / 50)),
        # and underflow
        ([1e-300, 1e-300], 50.0, 1e-300 * 2.0 ** (1 / 50)),
    ],
)
def test_lp_norm_closed_forms(x: list[float], p: float, expected: float) -> None:
    assert_allclose(nm.lp_norm(x, p), expected, rtol=1e-14)


def test_norms_keys_and_the_order_of_the_lengths(rng: np.random.Generator) -> None:
    for x in random_vectors(rng):
        for p in (1.0, 1.3, 2.0, 3.0, 25.0):
            n = nm.norms(x, p)
            assert tuple(n) == nm.NORM_KEYS
            assert_allclose(n["p"], np.linalg.norm(x, ord=p), rtol=1e-12)
            tol = 1e-12 * n["1"]
            # ||x||_inf <= ||x||_p <= ||x||_q <= ||x||_1 for q <= p; ||x||_1 <= sqrt(2) ||x||_2
            assert n["inf"] <= n["p"] + tol and n["p"] <= n["1"] + tol
            assert n["inf"] <= n["2"] + tol and n["2"] <= n["1"] + tol
            assert n["1"] <= math.sqrt(2) * n["2"] + tol
            if p >= 2:
                assert n["p"] <= n["2"] + tol
            else:
                assert n["p"] >= n["2"] - tol


@pytest.mark.parametrize("p", [0.5, 0.0, -1.0, float("nan")])
def test_exponents_below_one_are_not_norms(p: float) -> None:
    with pytest.raises(ValueError, match="p must be at least 1"):
        nm.lp_norm([1.0, 2.0], p)


# -- Unit spheres.


@pytest.mark.parametrize("p", [1.0, 1.2, 2.0, 3.0, 7.5, 100.0, math.inf])
def test_unit_sphere_points_have_length_one_and_go_round_once(p: float) -> None:
    points = nm.unit_sphere(p)
    ord_ = np.inf if math.isinf(p) else p
    assert_allclose(np.linalg.norm(points, ord=ord_, axis=1), 1.0, rtol=1e-12)
    angles = np.unwrap(np.arctan2(points[:, 1], points[:, 0]))
    assert np.all(np.diff(angles) > 0), "counter-clockwise"
    assert angles[-1] - angles[0] < 2 * math.pi and angles[-1] - angles[0] > math.pi
    if not (p == 1.0 or math.isinf(p)):
        # the axis points exactly, and the diagonal corner (1, 1) / 2^(1/p)
        for axis in ([1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]):
            assert np.any(np.all(points == axis, axis=1)), axis
        corner = np.full(2, 2.0 ** (-1.0 / p))
        assert np.min(np.linalg.norm(points - corner, axis=1)) < 1e-12


def test_diamond_and_square_are_their_corners() -> None:
    assert_allclose(nm.unit_sphere(1.0), [[1, 0], [0, 1], [-1, 0], [0, -1]], atol=0)
    assert_allclose(nm.unit_sphere(math.inf), [[1, 1], [-1, 1], [-1, -1], [1, -1]], atol=0)


# -- Projections onto the balls.


def l2_oracle(c: np.ndarray, r: float) -> np.ndarray:
    """argmin |x - c|^2 subject to r^2 - x.x >= 0, by SLSQP from the origin."""
    result = minimize(
        lambda x: float(np.sum((x - c) ** 2)),
        np.zeros_like(c),
        jac=lambda x: 2 * (x - c),
        constraints=[{"type": "ineq", "fun": lambda x: r * r - x @ x, "jac": lambda x: -2 * x}],
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 200},
    )
    return np.asarray(result.x)


def segment_closest(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    t = float(np.clip(np.dot(c - a, b - a) / np.dot(b - a, b - a), 0.0, 1.0))
    return a + t * (b - a)


def l1_oracle(c: np.ndarray, r: float) -> np.ndarray:
    """c if it is inside the diamond, else the nearest of the closest points on its
    four edges (brute force over the edges)."""
    if abs(c[0]) + abs(c[1]) <= r:
        return c.copy()
    corners = [np.array(v, dtype=float) * r for v in ([1, 0], [0, 1], [-1, 0], [0, -1])]
    candidates = [segment_closest(c, corners[k], corners[(k + 1) % 4]) for k in range(4)]
    return min(candidates, key=lambda x: float(np.linalg.norm(x - c)))


def radii(rng: np.random.Generator) -> np.ndarray:
    return np.concatenate([[0.25, 1.0, 2.0, 4.0], rng.uniform(0.25, 4, N_RANDOM - 4)])


def test_l2_projection_matches_slsqp(rng: np.random.Generator) -> None:
    for c, r in zip(random_vectors(rng), radii(rng), strict=True):
        x = nm.project_l2_ball(c, r)
        assert_allclose(x, l2_oracle(c, r), atol=1e-6, err_msg=f"c={c} r={r}")
        assert np.linalg.norm(x) <= r * (1 + 1e-12)
        # a rescaling: parallel to c, and a zero coordinate only where c had one
        assert abs(x[0] * c[1] - x[1] * c[0]) <= 1e-12 * (1 + np.abs(c).max() ** 2)
        assert set(np.nonzero(x == 0)[0]) == set(np.nonzero(c == 0)[0])


def test_l1_projection_matches_brute_force_over_the_edges(rng: np.random.Generator) -> None:
    for c, r in zip(random_vectors(rng), radii(rng), strict=True):
        x = nm.project_l1_ball(c, r)
        assert_allclose(x, l1_oracle(c, r), atol=1e-12, err_msg=f"c={c} r={r}")


def test_l1_projection_satisfies_the_variational_inequality_in_four_dimensions(
    rng: np.random.Generator,
) -> None:
    # x is the projection onto a polytope iff x is in it and (c - x).(y - x) <= 0 at
    # every vertex y; the L1 ball's vertices are +-r e_i.
    vertices = np.vstack([np.eye(4), -np.eye(4)])
    for c, r in zip(random_vectors(rng, dim=4), radii(rng), strict=True):
        x = nm.project_l1_ball(c, r)
        assert np.abs(x).sum() <= r * (1 + 1e-12)
        worst = float(np.max((r * vertices - x) @ (c - x)))
        assert worst <= 1e-9 * (1 + np.abs(c).sum()), (c, r, worst)
        if np.abs(c).sum() > r:  # outside: on the sphere, and theta solves sum max(|c| - t, 0) = r
            theta = nm.l1_threshold(c, r)
            assert_allclose(np.maximum(np.abs(c) - theta, 0).sum(), r, rtol=1e-12)


@pytest.mark.parametrize(
    ("c", "r", "expected", "theta", "corner"),
    [
        ([2.0, 0.5], 1.0, [1.0, 0.0], 1.0, 0),  # in the wedge of (1, 0): c1 - r >= |c2|
        ([1.5, 1.2], 1.0, [0.65, 0.35], 0.85, None),  # on the edge: both move 0.85
        ([0.3, -0.2], 1.0, [0.3, -0.2], 0.0, None),  # inside: itself
        ([-0.5, -3.0], 2.0, [0.0, -2.0], 1.0, 3),  # the wedge of (0, -r)
        ([3.0, 1.0], 2.0, [2.0, 0.0], 1.0, 0),  # on the wedge's edge: c1 - r = |c2|
        ([-2.0, 2.0], 1.0, [-0.5, 0.5], 1.5, None),  # the middle of an edge
    ],
)
def test_l1_projection_closed_forms(
    c: list[float], r: float, expected: list[float], theta: float, corner: int | None
) -> None:
    assert_allclose(nm.project_l1_ball(c, r), expected, atol=1e-15)
    assert_allclose(nm.l1_threshold(c, r), theta, atol=1e-15)
    assert nm.corner_of_projection(c, r) == corner


def test_corner_of_projection_agrees_with_the_brute_force_projection(
    rng: np.random.Generator,
) -> None:
    for c, r in zip(random_vectors(rng), radii(rng), strict=True):
        x = l1_oracle(c, r)
        corners = [np.array(v, dtype=float) * r for v in ([1, 0], [0, 1], [-1, 0], [0, -1])]
        at = [k for k, v in enumerate(corners) if np.allclose(x, v, atol=1e-12)]
        outside = abs(c[0]) + abs(c[1]) > r
        expected = at[0] if (at and outside) else None
        assert nm.corner_of_projection(c, r) == expected, (c, r)
        if expected is not None:  # an exact zero off the corner's axis
            assert nm.project_l1_ball(c, r)[1 - expected % 2] == 0.0


def test_corner_wedges_point_out_along_the_edges_normals() -> None:
    for corner, a, b in nm.corner_wedges(1.5):
        assert_allclose(np.linalg.norm(corner, ord=1), 1.5, rtol=1e-15)
        for d in (a, b):
            assert_allclose(np.linalg.norm(d), 1.0, rtol=1e-15)
            assert np.dot(d, corner) > 0  # outward
        # a point inside the wedge projects onto this corner
        c = corner + 0.7 * a + 0.4 * b
        assert_allclose(nm.project_l1_ball(c, 1.5), corner, atol=1e-12)


def test_soft_threshold_path_passes_through_every_threshold(rng: np.random.Generator) -> None:
    # Oracle: S_t(c) = sign(c) max(|c| - t, 0) sampled densely in t lies on the polyline,
    # which starts at c and ends at the projection.
    for c, r in zip(random_vectors(rng, n=40), radii(rng)[:40], strict=True):
        theta = nm.l1_threshold(c, r)
        path = nm.soft_threshold_path(c, theta)
        assert_allclose(path[0], c, atol=0)
        assert_allclose(path[-1], nm.project_l1_ball(c, r), atol=1e-15)
        for t in np.linspace(0, theta, 50):
            s = np.sign(c) * np.maximum(np.abs(c) - t, 0)
            gaps = [
                np.linalg.norm(segment_closest(s, a, b) - s) if np.any(a != b) else 1.0
                for a, b in itertools.pairwise(path)
            ]
            assert min(gaps, default=0.0) <= 1e-12 or np.allclose(s, path[0]), (c, r, t)


def test_soft_threshold_path_of_the_default_turns_where_the_small_coordinate_stops() -> None:
    assert_allclose(nm.soft_threshold_path([2.0, 0.5], 1.0), [[2, 0.5], [1.5, 0], [1, 0]])
    assert_allclose(nm.soft_threshold_path([1.5, 1.2], 0.85), [[1.5, 1.2], [0.65, 0.35]])
    assert_allclose(nm.soft_threshold_path([0.3, 0.2], 0.0), [[0.3, 0.2]])


@pytest.mark.parametrize("r", [0.0, -1.0, float("inf"), float("nan")])
def test_radius_must_be_positive(r: float) -> None:
    with pytest.raises(ValueError, match="radius"):
        nm.project_l1_ball([1.0, 1.0], r)
    with pytest.raises(ValueError, match="radius"):
        nm.project_l2_ball([1.0, 1.0], r)


def test_summary_holds_the_contract_keys_and_the_oracles_numbers() -> None:
    s = nm.summarize((2.0, 1.0), 3.0, (2.0, 0.5), 1.0)
    data = s.to_json()
    assert set(data["norms"]) == {"1", "2", "inf", "p"}
    assert_allclose(
        [data["norms"][k] for k in ("1", "2", "inf")],
        [3.0, math.sqrt(5), 2.0],
        rtol=1e-15,
    )
    assert_allclose(data["norms"]["p"], np.linalg.norm([2.0, 1.0], ord=3), rtol=1e-14)
    assert_allclose(data["l1_solution"], l1_oracle(np.array([2.0, 0.5]), 1.0), atol=1e-15)
    assert_allclose(data["l2_solution"], np.array([2.0, 0.5]) / math.hypot(2, 0.5), rtol=1e-15)
    assert data["l1_zeros"] == [1] and data["l2_zeros"] == [] and data["l1_corner"] == 0
