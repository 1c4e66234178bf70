"""mlmath_viz.svd against numpy.linalg.svd, scipy.linalg.svd and closed forms.

Tolerances: factors of well-conditioned random matrices agree with the oracles to
1e-10 relative to the matrix's largest entry; reconstructions U S Vt = A to 1e-12
relative (1e-8 where a singular value sits at the rank threshold); the sampled-circle
semi-axes to 1e-7 relative (20 000 samples: a half step of pi/20000 changes |Ax| by at
most sigma_1 (pi/20000)^2 / 2 = 1.2e-8 sigma_1).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
from numpy.testing import assert_allclose

from mlmath_viz import svd as sv
from mlmath_viz.linear_maps import ZERO_TOLERANCE
from mlmath_viz.signs import flip_sign

N_RANDOM = 300


def random_matrices(rng: np.random.Generator, n: int = N_RANDOM) -> np.ndarray:
    """Random matrices in [-10, 10]: some integer, some rank one, some with det < 0."""
    mats = rng.uniform(-10, 10, size=(n, 2, 2))
    mats[: n // 5] = np.round(mats[: n // 5])
    for k in range(n // 5, 2 * n // 5):  # rank one: outer products
        mats[k] = np.outer(rng.uniform(-3, 3, 2), rng.uniform(-3, 3, 2))
    for k in range(2 * n // 5, 3 * n // 5):  # det < 0 for sure: swap the rows if needed
        if np.linalg.det(mats[k]) > 0:
            mats[k] = mats[k][::-1]
    return mats


def factors(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = sv.svd2(a)
    return np.array(d.u), np.array(d.singular_values), np.array(d.vt)


def scale_of(a: np.ndarray) -> float:
    return max(1.0, float(np.abs(a).max()))


def test_singular_values_match_numpy_and_scipy(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        _, s, _ = factors(a)
        tol = 1e-12 * scale_of(a)
        assert_allclose(s, np.linalg.svd(a, compute_uv=False), rtol=1e-12, atol=tol, err_msg=a)
        assert_allclose(s, scipy.linalg.svd(a, compute_uv=False), rtol=1e-12, atol=tol)
        assert s[0] >= s[1] >= 0


def test_singular_vectors_match_numpy_up_to_sign(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        u, _, vt = factors(a)
        u_np, s_np, vt_np = np.linalg.svd(a)
        if s_np[1] <= 1e-6 * s_np[0] or s_np[0] - s_np[1] <= 1e-6 * s_np[0]:
            continue  # u2 (rank one) or V (equal values) is not unique
        for k in range(2):
            assert_allclose(abs(vt[k] @ vt_np[k]), 1.0, rtol=1e-10, err_msg=a)
            assert_allclose(abs(u[:, k] @ u_np[:, k]), 1.0, rtol=1e-10, err_msg=a)
        _, _, vt_sp = scipy.linalg.svd(a)
        assert_allclose(np.abs(vt @ vt_sp.T), np.eye(2), atol=1e-9)


def test_factors_reconstruct_the_matrix_and_are_orthonormal(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        u, s, vt = factors(a)
        atol = 1e-12 * scale_of(a) if sv.svd2(a).rank == 2 else 1e-8 * scale_of(a)
        assert_allclose(u @ np.diag(s) @ vt, a, rtol=0, atol=atol, err_msg=a)
        assert_allclose(u.T @ u, np.eye(2), atol=1e-13)
        assert_allclose(vt @ vt.T, np.eye(2), atol=1e-13)


def test_sign_convention_largest_entry_of_each_right_vector_is_positive(
    rng: np.random.Generator,
) -> None:
    for a in random_matrices(rng):
        _, _, vt = factors(a)
        for row in vt:
            assert row[np.argmax(np.abs(row))] > 0
            assert_allclose(row, flip_sign(row), atol=0)


def test_left_vectors_follow_from_a_v_equals_sigma_u(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        u, s, vt = factors(a)
        for k in range(2):
            if s[k] > 1e-6 * scale_of(a):
                assert_allclose(a @ vt[k], s[k] * u[:, k], atol=1e-11 * scale_of(a), err_msg=a)


def test_determinant_signs_multiply_to_the_sign_of_det_a(rng: np.random.Generator) -> None:
    seen = set()
    for a in random_matrices(rng):
        d = sv.svd2(a)
        if d.rank < 2:
            continue
        u, _, vt = factors(a)
        assert_allclose(np.linalg.det(u) * np.linalg.det(vt), np.sign(np.linalg.det(a)))
        seen.add(d.reflection)
        if np.linalg.det(a) < 0:
            assert d.reflection in ("U", "Vt")
        else:
            assert d.reflection in ("none", "both")
    assert seen == {"none", "U", "Vt", "both"}


def test_rank_agrees_with_numpy_matrix_rank(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        expected = np.linalg.matrix_rank(a, tol=ZERO_TOLERANCE * scale_of(a))
        assert sv.svd2(a).rank == expected, a


def test_semi_axes_of_the_image_ellipse_by_sampling_the_circle(rng: np.random.Generator) -> None:
    n = 20_000
    circle = sv.circle_points(n, start=0.123)  # not aligned with any singular vector
    half_step = np.pi / n
    for a in random_matrices(rng, 60):
        squared = np.sum((circle @ a.T) ** 2, axis=1)
        s1, s2 = sv.svd2(a).singular_values
        # |Ax|^2 = s1^2 cos^2 d + s2^2 sin^2 d at an angle d from v1: sampling misses the
        # extremes by at most (s1^2 - s2^2) d^2 with d <= half_step.
        atol = s1**2 * half_step**2 + 1e-12 * s1**2
        assert_allclose(squared.max(), s1**2, rtol=0, atol=atol, err_msg=a)
        assert_allclose(squared.min(), s2**2, rtol=0, atol=atol, err_msg=a)


@pytest.mark.parametrize(
    "diagonal", [(3.0, 1.0), (1.0, 3.0), (-2.0, 0.5), (0.0, -4.0), (2.0, 2.0), (-1.0, -1.0)]
)
def test_diagonal_matrix_singular_values_are_sorted_absolute_entries(
    diagonal: tuple[float, float],
) -> None:
    d = sv.svd2(np.diag(diagonal))
    assert_allclose(d.singular_values, sorted(np.abs(diagonal), reverse=True), rtol=0, atol=0)


@pytest.mark.parametrize(
    ("matrix", "sigma"),
    [
        ([[1, 1], [0, 1]], ((1 + 5**0.5) / 2, (5**0.5 - 1) / 2)),  # golden ratio shear
        ([[0, -2], [2, 0]], (2.0, 2.0)),  # scaled rotation
        ([[1, 2], [2, 4]], (5.0, 0.0)),  # rank one: |(1,2)| |(1,2)|
        ([[3, 4], [0, 0]], (5.0, 0.0)),
    ],
)
def test_closed_form_singular_values(matrix: list[list[float]], sigma: tuple[float, float]) -> None:
    assert_allclose(sv.svd2(matrix).singular_values, sigma, rtol=1e-14, atol=1e-15)


def test_equal_singular_values_take_v_equal_to_identity() -> None:
    c, s = math.cos(0.7), math.sin(0.7)
    for a in ([[c, -s], [s, c]], [[2 * c, 2 * s], [2 * s, -2 * c]], [[-3, 0], [0, -3]]):
        d = sv.svd2(a)
        assert d.equal_singular_values
        assert_allclose(d.vt, np.eye(2), atol=0)
        assert_allclose(np.array(d.u) * d.singular_values[0], a, atol=1e-15)


def test_distinct_singular_values_are_not_flagged_equal(rng: np.random.Generator) -> None:
    for a in random_matrices(rng, 100):
        s = np.linalg.svd(a, compute_uv=False)
        if s[0] - s[1] > 1e-6 * s[0]:
            assert not sv.svd2(a).equal_singular_values, a


def test_rank_one_completes_u_with_the_sign_rule() -> None:
    d = sv.svd2([[1, 2], [2, 4]])  # image: the line through (1, 2)
    assert d.rank == 1
    u = np.array(d.u)
    assert_allclose(u[:, 0], np.array([1, 2]) / 5**0.5, rtol=1e-15)
    assert_allclose(u[:, 1], flip_sign([-2 / 5**0.5, 1 / 5**0.5]), rtol=1e-15)
    assert d.condition_number == math.inf and d.to_json()["condition_number"] is None


def test_zero_matrix_has_identity_factors() -> None:
    d = sv.svd2([[0, 0], [0, 0]])
    assert d.rank == 0 and d.singular_values == (0.0, 0.0)
    assert_allclose(d.u, np.eye(2)) and assert_allclose(d.vt, np.eye(2))


def test_nearly_singular_matrix_keeps_its_small_singular_value() -> None:
    tiny = 2.0**-40  # exactly representable: det A = 2^-40 exactly, about 9.1e-13
    a = np.array([[1.0, 1.0], [1.0, 1.0 + tiny]])
    d = sv.svd2(a)
    s1, s2 = d.singular_values
    # Closed forms: s1 s2 = |det A| and s1^2 + s2^2 = |A|_F^2 = 3 + (1 + tiny)^2.
    assert_allclose(s1 * s2, tiny, rtol=1e-12)
    assert_allclose(s1**2 + s2**2, 3 + (1 + tiny) ** 2, rtol=1e-15)
    # LAPACK is backward stable, so it agrees to about eps * |A| in absolute terms only.
    assert_allclose(d.singular_values, scipy.linalg.svd(a, compute_uv=False), atol=1e-15)
    assert d.rank == 1  # 9.1e-13 is below the rank threshold 1e-9
    u, s, vt = factors(a)
    assert_allclose(u @ np.diag(s) @ vt, a, atol=1e-11)


@pytest.mark.filterwarnings("ignore:overflow encountered")  # det A itself is inf here
def test_large_and_tiny_entries_do_not_overflow_or_underflow() -> None:
    for a in ([[1e200, 1e200], [0, 1e200]], [[1e-200, 0], [1e-200, 3e-200]]):
        a = np.array(a)
        s = sv.svd2(a).singular_values
        assert_allclose(s, np.linalg.svd(a, compute_uv=False), rtol=1e-12)


@pytest.mark.parametrize("bad", [[[1, np.nan], [0, 1]], [[np.inf, 0], [0, 1]], [1, 2, 3]])
def test_bad_input_is_rejected(bad: object) -> None:
    with pytest.raises(ValueError):
        sv.svd2(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("q", "reflects", "degrees"),
    [
        ([[0, -1], [1, 0]], False, 90.0),
        ([[-1, 0], [0, -1]], False, 180.0),
        ([[1, 0], [0, -1]], True, 0.0),  # mirror in the x axis
        ([[0, 1], [1, 0]], True, 45.0),  # mirror in y = x
        ([[-1, 0], [0, 1]], True, 90.0),  # mirror in the y axis
    ],
)
def test_orthogonal_factor_angles(q: list[list[float]], reflects: bool, degrees: float) -> None:
    f = sv.orthogonal_factor(q)
    assert f.reflects is reflects
    assert_allclose(f.angle_degrees, degrees, atol=1e-12)


def test_orthogonal_factor_rebuilds_the_matrix(rng: np.random.Generator) -> None:
    for a in random_matrices(rng, 100):
        d = sv.svd2(a)
        for q, f in ((d.u, d.u_factor), (d.vt, d.vt_factor)):
            c, s = math.cos(f.angle), math.sin(f.angle)
            if f.reflects:  # mirror line along (c, s): 2 n n^T - I
                n = np.array([c, s])
                rebuilt = 2 * np.outer(n, n) - np.eye(2)
            else:
                rebuilt = np.array([[c, -s], [s, c]])
            assert_allclose(rebuilt, q, atol=1e-12)
            assert (np.linalg.det(q) < 0) == f.reflects


def test_stages_map_the_circle_step_by_step(rng: np.random.Generator) -> None:
    for a in random_matrices(rng, 50):
        d = sv.svd2(a)
        x = d.circle()
        stages = d.stage_points(x)
        _, s, vt = factors(a)
        assert_allclose(stages[0], x, atol=0)
        assert_allclose(stages[1], x @ vt.T, atol=1e-15)
        assert_allclose(np.linalg.norm(stages[1], axis=1), 1.0, rtol=1e-14)
        assert_allclose(stages[3], x @ a.T, atol=1e-8 * scale_of(a))
        radii = np.linalg.norm(stages[2], axis=1)
        assert_allclose([radii.max(), radii.min()], s, rtol=1e-14, atol=1e-15)
        vectors = d.stage_vectors()
        assert_allclose(vectors[3], (a @ vt.T).T, atol=1e-8 * scale_of(a))
        for stage in vectors:
            assert abs(stage[0] @ stage[1]) <= 1e-12 * scale_of(a) ** 2


def test_inverse_image_norms_match_numpy_solve(rng: np.random.Generator) -> None:
    for a in random_matrices(rng, 50):
        d = sv.svd2(a)
        pts = rng.normal(size=(10, 2))
        if d.rank < 2:
            with pytest.raises(ValueError):
                sv.inverse_image_norms(d, pts)
            continue
        expected = np.linalg.norm(np.linalg.solve(a, pts.T), axis=0)
        assert_allclose(sv.inverse_image_norms(d, pts), expected, rtol=1e-9)
        assert_allclose(sv.inverse_image_norms(d, d.circle() @ a.T), 1.0, rtol=1e-9)


def test_json_has_the_contract_keys() -> None:
    data = sv.svd2([[2, 1], [0, 1]]).to_json()
    for key in ("singular_values", "U", "Vt", "matrix", "rank", "reflection", "stage_points"):
        assert key in data
    assert np.array(data["stage_points"]).shape == (4, sv.CIRCLE_POINTS, 2)
