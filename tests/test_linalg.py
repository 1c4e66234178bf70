"""mlmath_viz.linalg against numpy.linalg and scipy.linalg as oracles, plus seeded
property cases: (BA)x = B(Ax), det(BA) = det(B) det(A), inv(A) A = I."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import scipy.linalg
from numpy.testing import assert_allclose

from mlmath_viz import linalg
from mlmath_viz.linalg import InverseStatus
from mlmath_viz.linear_maps import ZERO_TOLERANCE, rank

N_RANDOM = 200


def random_matrices(rng: np.random.Generator, n: int = N_RANDOM) -> np.ndarray:
    """Random 2x2 matrices with entries in [-10, 10], a quarter rounded to integers."""
    mats = rng.uniform(-10, 10, size=(n, 2, 2))
    mats[: n // 4] = np.round(mats[: n // 4])
    return mats


# -- Composition -------------------------------------------------------------------


def test_compose_is_second_times_first(rng: np.random.Generator) -> None:
    for a, b in zip(random_matrices(rng), random_matrices(rng), strict=True):
        assert_allclose(linalg.compose(a, b), b @ a, rtol=1e-14, atol=1e-14)


def test_composition_applies_first_then_second(rng: np.random.Generator) -> None:
    # (BA)x = B(Ax) for random x: the product is the single map "A, then B".
    for a, b in zip(random_matrices(rng), random_matrices(rng), strict=True):
        x = rng.normal(size=2)
        assert_allclose(linalg.compose(a, b) @ x, b @ (a @ x), rtol=1e-12, atol=1e-10)


def test_determinant_of_a_composition_is_the_product(rng: np.random.Generator) -> None:
    for a, b in zip(random_matrices(rng), random_matrices(rng), strict=True):
        s = linalg.summarize_composition(a, b)
        assert_allclose(s.det_product, np.linalg.det(b) * np.linalg.det(a), rtol=1e-9, atol=1e-9)
        assert_allclose(s.det_product, s.det_second * s.det_first, rtol=1e-9, atol=1e-9)
        assert_allclose(s.det_reverse, s.det_product, rtol=1e-9, atol=1e-9)


def test_composition_columns_are_where_the_basis_lands(rng: np.random.Generator) -> None:
    for a, b in zip(random_matrices(rng, 20), random_matrices(rng, 20), strict=True):
        data = linalg.summarize_composition(a, b).to_json()
        e1, e2 = np.eye(2)
        assert_allclose(data["basis_images"], [b @ (a @ e1), b @ (a @ e2)], rtol=1e-12)
        assert_allclose(data["reverse_basis_images"], [a @ (b @ e1), a @ (b @ e2)], rtol=1e-12)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([[0, -1], [1, 0]], [[1, 1], [0, 1]], False),  # rotation and shear
        ([[2, 0], [0, 0.5]], [[-1, 0], [0, 3]], True),  # diagonal matrices
        ([[0, -1], [1, 0]], [[0.7071, -0.7071], [0.7071, 0.7071]], True),  # two rotations
        ([[0, -1], [1, 0]], [[3, 0], [0, 3]], True),  # anything and a scalar matrix
        ([[1, 0], [0, 0]], [[0, 0], [1, 0]], False),  # two projections-like maps
        ([[1, 2], [3, 4]], [[1, 2], [3, 4]], True),  # a matrix commutes with itself
    ],
)
def test_commute_cases(a: list[list[float]], b: list[list[float]], expected: bool) -> None:
    assert linalg.commute(a, b) is expected
    oracle = np.allclose(np.array(a) @ np.array(b), np.array(b) @ np.array(a), atol=1e-12)
    assert oracle is expected


def test_commute_matches_numpy_on_random_pairs(rng: np.random.Generator) -> None:
    # Random pairs almost never commute; a matrix and a polynomial in it always do.
    for a, b in zip(random_matrices(rng, 50), random_matrices(rng, 50), strict=True):
        scale = max(1.0, np.abs(a).max(), np.abs(b).max()) ** 2
        expected = np.max(np.abs(a @ b - b @ a)) <= ZERO_TOLERANCE * scale
        assert linalg.commute(a, b) is bool(expected)
        assert linalg.commute(a, 2 * a @ a - 3 * a + np.eye(2))


def test_composition_json_is_plain_and_named_as_documented() -> None:
    data = linalg.summarize_composition([[0, -1], [1, 0]], [[1, 1], [0, 1]]).to_json()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["first"] == [[0.0, -1.0], [1.0, 0.0]]
    assert data["second"] == [[1.0, 1.0], [0.0, 1.0]]
    # BA: rotate by 90 degrees, then shear; AB the other way round (hand-computed).
    assert data["product"] == [[1.0, -1.0], [1.0, 0.0]]
    assert data["reverse_product"] == [[0.0, -1.0], [1.0, 1.0]]
    assert data["commute"] is False
    assert data["basis_images"] == [[1.0, 1.0], [-1.0, 0.0]]
    assert data["determinants"] == {
        "first": 1.0,
        "second": 1.0,
        "product": 1.0,
        "reverse_product": 1.0,
    }


# -- Inverse -----------------------------------------------------------------------


def test_inverse_matches_numpy_and_scipy(rng: np.random.Generator) -> None:
    checked = 0
    for a in random_matrices(rng):
        inv = linalg.inverse(a)
        if np.linalg.matrix_rank(a) < 2:
            continue
        assert inv is not None
        assert_allclose(inv, np.linalg.inv(a), rtol=1e-9, atol=1e-12, err_msg=str(a))
        assert_allclose(inv, scipy.linalg.inv(a), rtol=1e-9, atol=1e-12, err_msg=str(a))
        checked += 1
    assert checked > N_RANDOM // 2


def test_inverse_undoes_the_map(rng: np.random.Generator) -> None:
    # inv(A) A = I = A inv(A), to a tolerance that grows with the condition number.
    for a in random_matrices(rng):
        inv = linalg.inverse(a)
        if inv is None:
            continue
        tol = 1e-13 * np.linalg.cond(a)
        assert_allclose(inv @ a, np.eye(2), atol=tol, err_msg=str(a))
        assert_allclose(a @ inv, np.eye(2), atol=tol, err_msg=str(a))
        s = linalg.summarize_inverse(a)
        assert_allclose(s.roundtrip, np.eye(2), atol=tol)


def test_adjugate_gives_det_times_identity(rng: np.random.Generator) -> None:
    for a in random_matrices(rng, 50):
        assert_allclose(
            a @ linalg.adjugate(a), np.linalg.det(a) * np.eye(2), rtol=1e-12, atol=1e-11
        )


def test_condition_number_matches_numpy(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        expected = np.linalg.cond(a)
        got = linalg.condition_number(a)
        if math.isinf(expected) or expected > 1e15:
            continue
        assert_allclose(got, expected, rtol=1e-8, err_msg=str(a))


@pytest.mark.parametrize(
    ("matrix", "cond"),
    [
        ([[0, -1], [1, 0]], 1.0),  # rotation: orthogonal
        ([[3, 0], [0, 3]], 1.0),  # scalar
        ([[2, 0], [0, 0.5]], 4.0),  # diagonal: ratio of the entries
        ([[1, 2], [2, 4]], math.inf),  # rank 1, det exactly 0
        ([[0, 0], [0, 0]], math.inf),
    ],
)
def test_condition_number_closed_cases(matrix: list[list[float]], cond: float) -> None:
    assert linalg.condition_number(matrix) == pytest.approx(cond, rel=1e-12)


@pytest.mark.parametrize(
    ("matrix", "status", "rank_"),
    [
        ([[2, 1], [1, 2]], InverseStatus.INVERTIBLE, 2),
        ([[0, -1], [1, 0]], InverseStatus.INVERTIBLE, 2),
        ([[1e-5, 0], [0, 1e-5]], InverseStatus.INVERTIBLE, 2),  # tiny but a scaling
        ([[1, 1], [1, 1.0001]], InverseStatus.ILL_CONDITIONED, 2),  # cond ~ 4e4
        ([[1, 1], [1, 1 + 1e-12]], InverseStatus.NUMERICALLY_SINGULAR, 1),  # det ~ 1e-12
        ([[1, 2], [2, 4]], InverseStatus.SINGULAR, 1),
        ([[0, 0], [0, 0]], InverseStatus.SINGULAR, 0),
    ],
)
def test_inverse_status_cases(matrix: list[list[float]], status: InverseStatus, rank_: int) -> None:
    assert linalg.inverse_status(matrix) is status
    assert rank(matrix) == rank_
    # numpy's own rank with the same relative tolerance agrees.
    tol = ZERO_TOLERANCE * max(1.0, np.abs(np.array(matrix, dtype=float)).max())
    assert np.linalg.matrix_rank(np.array(matrix, dtype=float), tol=tol) == rank_
    assert (linalg.inverse(matrix) is None) == (rank_ < 2)


def test_singular_is_exactly_rank_below_two_and_ill_conditioning_is_cond(
    rng: np.random.Generator,
) -> None:
    # Matrices pushed towards singularity by a shrinking second singular value.
    for k in range(60):
        q1, _ = np.linalg.qr(rng.normal(size=(2, 2)))
        q2, _ = np.linalg.qr(rng.normal(size=(2, 2)))
        s2 = 10.0 ** -rng.uniform(0, 14)
        a = q1 @ np.diag([3.0, 3.0 * s2]) @ q2
        status = linalg.inverse_status(a)
        tol = ZERO_TOLERANCE * max(1.0, np.abs(a).max())
        numpy_rank = np.linalg.matrix_rank(a, tol=tol)
        assert (status in (InverseStatus.SINGULAR, InverseStatus.NUMERICALLY_SINGULAR)) == (
            numpy_rank < 2
        ), (k, a)
        if numpy_rank == 2:
            ill = np.linalg.cond(a) >= linalg.ILL_CONDITIONED
            assert (status is InverseStatus.ILL_CONDITIONED) == ill, (k, a)


def test_collapsing_pair_shares_one_image() -> None:
    for m in ([[1, 2], [2, 4]], [[1, 0], [0, 0]], [[0, 0], [3, -1]], [[0, 0], [0, 0]]):
        a = np.array(m, dtype=float)
        p, q = linalg.collapsing_pair(a)
        assert np.linalg.norm(p - q) > 1.0  # distinct points, well apart
        assert_allclose(a @ p, a @ q, atol=1e-12)
        # numpy's null space direction (scipy.linalg.null_space) is along p - q.
        basis = scipy.linalg.null_space(a)
        d = (p - q) / np.linalg.norm(p - q)
        assert_allclose(np.linalg.norm(basis.T @ d), 1.0, rtol=1e-12)
        # The shared image lies beyond both basis images on the collapse line.
        image = a @ p
        for col in a.T:
            assert np.linalg.norm(image) >= np.linalg.norm(col) - 1e-12


def test_collapsing_pair_rejects_an_invertible_matrix() -> None:
    with pytest.raises(ValueError, match="invertible"):
        linalg.collapsing_pair([[2, 1], [1, 2]])


def test_inverse_json_for_invertible_and_singular() -> None:
    data = linalg.summarize_inverse([[0, -1], [1, 0]]).to_json()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["invertible"] is True
    assert data["inverse"] == [[0.0, 1.0], [-1.0, 0.0]]  # rotation back by 90 degrees
    assert data["condition_number"] == pytest.approx(1.0)
    assert data["collapsing_pair"] is None

    data = linalg.summarize_inverse([[1, 2], [2, 4]]).to_json()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["invertible"] is False
    assert data["inverse"] is None
    assert data["roundtrip"] is None
    assert data["status"] == "singular"
    assert data["rank"] == 1
    assert data["condition_number"] is None  # infinite
    for point in np.array(data["collapsing_pair"]):
        assert_allclose(np.array([[1, 2], [2, 4]]) @ point, data["collapsed_image"], atol=1e-12)

    near = linalg.summarize_inverse([[1, 1], [1, 1 + 1e-12]]).to_json()
    assert near["status"] == "numerically_singular"
    assert near["determinant"] != 0.0
    assert near["condition_number"] > 1e11


def test_bad_matrices_are_rejected() -> None:
    for bad in ([[1, 2, 3], [4, 5, 6]], [[np.nan, 0], [0, 1]], [[np.inf, 0], [0, 1]]):
        with pytest.raises(ValueError):
            linalg.summarize_inverse(bad)
        with pytest.raises(ValueError):
            linalg.summarize_composition(bad, np.eye(2))
