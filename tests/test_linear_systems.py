"""mlmath_viz.linear_systems against independent oracles.

Oracles: closed forms worked by hand (Cramer's rule, the foot of a perpendicular, the
projection onto a line), SciPy's ``lstsq`` (LAPACK gelsd, minimum-norm) and
``null_space``, and NumPy's ``pinv``; random cases come from one seeded generator.
Tolerances are stated per comparison (entries are at most 10, so 1e-12 absolute is a
few hundred ulps).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import scipy.linalg
from numpy.testing import assert_allclose

from mlmath_viz import linear_systems as ls
from mlmath_viz.linear_systems import SystemStatus

ATOL = 1e-12
ROOT5 = math.sqrt(5.0)

# (matrix, b, status, rank, x (solution / particular / least squares), residual_norm,
#  null space), every answer worked by hand.
CASES = {
    "unique": ([[2, 1], [1, 1]], [3, 2], "unique", 2, [1, 1], 0.0, []),
    "unique-negative": ([[1, -1], [1, 1]], [0, 2], "unique", 2, [1, 1], 0.0, []),
    # x1 + 2 x2 = 3 twice: the foot of the perpendicular from 0 is 3 (1, 2) / 5.
    "infinitely-many": (
        [[1, 2], [2, 4]],
        [3, 6],
        "infinitely-many",
        1,
        [0.6, 1.2],
        0.0,
        [[2 / ROOT5, -1 / ROOT5]],
    ),
    # b = (3, 1) projects onto the line of (1, 2) at (1, 2); residual (2, -1), length
    # sqrt 5; the minimum-norm x with x1 + 2 x2 = 1 is (1, 2) / 5.
    "none": ([[1, 2], [2, 4]], [3, 1], "none", 1, [0.2, 0.4], ROOT5, [[2 / ROOT5, -1 / ROOT5]]),
    "zero-row-consistent": ([[1, 0], [0, 0]], [2, 0], "infinitely-many", 1, [2, 0], 0.0, [[0, 1]]),
    "zero-row-inconsistent": ([[1, 0], [0, 0]], [2, 3], "none", 1, [2, 0], 3.0, [[0, 1]]),
    "zero-matrix-zero-b": ([[0, 0], [0, 0]], [0, 0], "infinitely-many", 0, [0, 0], 0.0, None),
    "zero-matrix": ([[0, 0], [0, 0]], [3, 4], "none", 0, [0, 0], 5.0, None),
    # det = 1e-12: rank 1 at the tolerance; b = (1, 2) is 1/sqrt 2 off the line of (1, 1).
    "numerically-singular": (
        [[1, 1], [1, 1 + 1e-12]],
        [1, 2],
        "none",
        1,
        [0.75, 0.75],
        1 / math.sqrt(2),
        [[1 / math.sqrt(2), -1 / math.sqrt(2)]],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hand_worked_systems(name: str) -> None:
    matrix, b, status, rank, x, residual, null = CASES[name]
    s = ls.solve_system(matrix, b)
    assert s.status is SystemStatus(status)
    assert s.rank == rank
    assert_allclose(s.weights, x, atol=1e-9, err_msg=name)
    assert_allclose(s.residual_norm, residual, atol=1e-9, err_msg=name)
    if null is None:  # rank 0: the whole plane; any orthonormal pair, here e1 and e2
        assert_allclose(np.abs(np.array(s.null_space)), np.eye(2), atol=ATOL)
    else:
        assert_allclose(s.null_space, null, atol=1e-9, err_msg=name)
    assert (s.solution is not None) == (status == "unique")
    assert (s.particular_solution is not None) == (status == "infinitely-many")
    assert (s.least_squares_solution is not None) == (status == "none")


def test_status_names_are_the_sidecar_contract() -> None:
    assert {s.value for s in SystemStatus} == {"unique", "infinitely-many", "none"}


def test_random_invertible_systems_match_cramers_rule_and_scipy(
    rng: np.random.Generator,
) -> None:
    for _ in range(200):
        a = rng.uniform(-10, 10, (2, 2))
        b = rng.uniform(-10, 10, 2)
        det = a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0]
        if abs(det) < 0.5:
            continue
        cramer = np.array(
            [(b[0] * a[1, 1] - a[0, 1] * b[1]) / det, (a[0, 0] * b[1] - b[0] * a[1, 0]) / det]
        )
        s = ls.solve_system(a, b)
        assert s.status is SystemStatus.UNIQUE and s.rank == 2
        assert_allclose(s.solution, cramer, rtol=1e-9, atol=1e-9)
        assert_allclose(s.solution, scipy.linalg.solve(a, b), rtol=1e-9, atol=1e-9)
        assert s.null_space == ()
        assert s.residual_norm <= 1e-9


def _rank_one(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    u, v = rng.uniform(-3, 3, 2), rng.uniform(-3, 3, 2)
    return np.outer(u, v), u, v


def test_random_rank_one_consistent_systems_use_the_minimum_norm_solution(
    rng: np.random.Generator,
) -> None:
    for _ in range(200):
        a, _u, v = _rank_one(rng)
        y = rng.uniform(-3, 3, 2)
        b = a @ y  # in the column space
        s = ls.solve_system(a, b)
        assert s.status is SystemStatus.INFINITELY_MANY and s.rank == 1
        # A = u v^T, b = u (v . y): the shortest x with v . x = v . y is v (v . y) / |v|^2.
        expected = v * (v @ y) / (v @ v)
        assert_allclose(s.particular_solution, expected, rtol=1e-9, atol=1e-9)
        lstsq, *_ = scipy.linalg.lstsq(a, b)
        assert_allclose(s.particular_solution, lstsq, rtol=1e-7, atol=1e-9)


def test_random_rank_one_inconsistent_systems_project_b_onto_the_column_line(
    rng: np.random.Generator,
) -> None:
    for _ in range(200):
        a, u, _v = _rank_one(rng)
        b = rng.uniform(-10, 10, 2)
        s = ls.solve_system(a, b)
        unit_u = u / np.linalg.norm(u)
        projection = (b @ unit_u) * unit_u
        off = float(np.linalg.norm(b - projection))
        if off < 1e-6:
            continue
        assert s.status is SystemStatus.NONE
        assert_allclose(s.closest_point, projection, atol=1e-9)
        assert_allclose(s.residual_norm, off, rtol=1e-9)
        assert_allclose(s.least_squares_solution, np.linalg.pinv(a) @ b, rtol=1e-7, atol=1e-9)
        assert_allclose(s.column_space, [np.sign(unit_u[np.argmax(np.abs(unit_u))]) * unit_u])
        # The residual is perpendicular to both columns: A^T r = 0.
        assert_allclose(a.T @ np.array(s.residual), 0.0, atol=1e-9)


def test_null_space_spans_scipys_and_follows_the_sign_convention(
    rng: np.random.Generator,
) -> None:
    for _ in range(100):
        a, _, _ = _rank_one(rng)
        s = ls.solve_system(a, rng.uniform(-1, 1, 2))
        (n,) = s.null_space
        oracle = scipy.linalg.null_space(a, rcond=1e-9)[:, 0]
        assert_allclose(abs(float(np.dot(n, oracle))), 1.0, atol=1e-9)  # the same line
        assert_allclose(np.linalg.norm(n), 1.0, atol=ATOL)
        assert_allclose(a @ np.array(n), 0.0, atol=1e-9)
        assert n[int(np.argmax(np.abs(n)))] > 0  # largest-magnitude entry positive


def test_row_lines_hold_their_equation_and_foot_is_closest_to_the_origin(
    rng: np.random.Generator,
) -> None:
    for _ in range(200):
        r = rng.uniform(-10, 10, 2)
        beta = float(rng.uniform(-10, 10))
        line = ls.row_line(r, beta)
        assert line is not None
        foot, direction = np.array(line.foot), np.array(line.direction)
        # Brute force: the closest point to 0 of points on the line, sampled finely.
        t = np.linspace(-50, 50, 200001)
        points = foot + t[:, None] * direction
        assert_allclose(points @ r, beta, atol=1e-9)
        nearest = points[int(np.argmin(np.hypot(points[:, 0], points[:, 1])))]
        assert_allclose(nearest, foot, atol=1e-3)
        assert_allclose(direction @ r, 0.0, atol=1e-9)
        assert direction[int(np.argmax(np.abs(direction)))] > 0


def test_a_zero_row_has_no_line() -> None:
    assert ls.row_line([0.0, 0.0], 3.0) is None
    assert ls.row_line([1e-12, 0.0], 3.0, tolerance=1e-9) is None
    s = ls.solve_system([[1, 0], [0, 0]], [2, 3])
    assert s.rows[1] is None and s.rows[0] is not None


def test_minimum_norm_solution_matches_pinv(rng: np.random.Generator) -> None:
    for _ in range(100):
        a = rng.uniform(-5, 5, (2, 2))
        if rng.random() < 0.5:
            a[1] = rng.uniform(-2, 2) * a[0]  # rank one
        b = rng.uniform(-5, 5, 2)
        assert_allclose(
            ls.minimum_norm_solution(a, b), np.linalg.pinv(a, rcond=1e-9) @ b, rtol=1e-7, atol=1e-9
        )


def test_furthest_point_covers_the_solution_and_the_row_feet() -> None:
    # x1 + x2 = 0 and 1e-3 x1 + 1e-3 x2 = 1 are parallel; the second is 707 from 0.
    s = ls.solve_system([[1, 1], [1e-3, 1e-3]], [0, 1])
    assert s.status is SystemStatus.NONE
    assert ls.furthest_point(s) == pytest.approx(500.0, rel=1e-9)  # its foot (500, 500)
    # Solution (1, 1); feet 3 (2, 1) / 5 = (1.2, 0.6) and (1, 1).
    assert ls.furthest_point(ls.solve_system([[2, 1], [1, 1]], [3, 2])) == pytest.approx(1.2)


def test_to_json_has_the_contract_keys_and_is_plain_json() -> None:
    data = ls.solve_system([[1, 2], [2, 4]], [3, 6]).to_json()
    for key in (
        "status",
        "solution",
        "rank",
        "null_space",
        "particular_solution",
        "least_squares_solution",
        "residual_norm",
    ):
        assert key in data
    assert data["solution"] is None and data["least_squares_solution"] is None
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize("bad", [[[1, 2], [3, 4], [5, 6]], [[np.nan, 0], [0, 1]]])
def test_bad_matrices_are_refused(bad: list[list[float]]) -> None:
    with pytest.raises(ValueError):
        ls.solve_system(bad, [1, 1])


@pytest.mark.parametrize("bad", [[1, 2, 3], [np.inf, 0]])
def test_bad_vectors_are_refused(bad: list[float]) -> None:
    with pytest.raises(ValueError):
        ls.solve_system([[1, 0], [0, 1]], bad)
