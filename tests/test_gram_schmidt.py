"""Gram-Schmidt against numpy.linalg.qr (an independent Householder QR) and closed forms."""

from __future__ import annotations

import numpy as np

from mlmath_viz.gram_schmidt import gram_schmidt


def test_matches_numpy_qr_up_to_signs(rng: np.random.Generator) -> None:
    for shape in ((2, 2), (3, 2), (3, 3)):
        for _ in range(20):
            a = rng.normal(size=shape)
            result = gram_schmidt(a)
            q_np, r_np = np.linalg.qr(a)
            signs = np.sign(np.diag(r_np))  # numpy's R may have a negative diagonal
            np.testing.assert_allclose(result.q, q_np * signs, atol=1e-10)
            np.testing.assert_allclose(result.r, r_np * signs[:, None], atol=1e-10)
            assert np.all(np.diag(result.r) > 0)
            np.testing.assert_allclose(result.q.T @ result.q, np.eye(shape[1]), atol=1e-10)
            np.testing.assert_allclose(result.q @ result.r, a, atol=1e-10)


def test_closed_form_2x2() -> None:
    # a1 = (3, 4): q1 = (0.6, 0.8); a2 = (1, 0): q1.a2 = 0.6, w2 = (1, 0) - 0.6 (0.6, 0.8)
    # = (0.64, -0.48), |w2| = 0.8, q2 = (0.8, -0.6).
    result = gram_schmidt([[3.0, 1.0], [4.0, 0.0]])
    np.testing.assert_allclose(result.q, [[0.6, 0.8], [0.8, -0.6]], atol=1e-12)
    np.testing.assert_allclose(result.r, [[5.0, 0.6], [0.0, 0.8]], atol=1e-12)
    np.testing.assert_allclose(result.projections[1][0], [0.36, 0.48], atol=1e-12)
    np.testing.assert_allclose(result.remainders[1], [0.64, -0.48], atol=1e-12)
    assert result.projections[0] == []
    assert result.dependent == [False, False]


def test_dependent_column_has_zero_remainder() -> None:
    a = np.array([[1.0, -2.0], [2.0, -4.0]])  # a2 = -2 a1
    result = gram_schmidt(a)
    assert result.dependent == [False, True]
    np.testing.assert_allclose(result.remainders[1], [0.0, 0.0], atol=1e-12)
    assert result.r[1, 1] == 0.0
    np.testing.assert_allclose(result.r[0, 1], -2.0 * np.sqrt(5.0), atol=1e-12)
    np.testing.assert_allclose(result.q @ result.r, a, atol=1e-12)
    assert np.linalg.matrix_rank(a) == 1


# -- summarize: the steps the scene draws and the sidecar records ----------------------

from mlmath_viz.gram_schmidt import DEPENDENT_TOLERANCE, summarize  # noqa: E402


def _positive_qr(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """numpy's Householder QR with the signs fixed so that R's diagonal is positive."""
    q_np, r_np = np.linalg.qr(a)
    signs = np.sign(np.diag(r_np))
    return q_np * signs, r_np * signs[:, None]


def test_summary_matches_numpy_qr_on_full_rank(rng: np.random.Generator) -> None:
    for shape in ((2, 2), (3, 2), (3, 3)):
        for _ in range(20):
            a = rng.normal(size=shape) * 3
            s = summarize(a)
            q_np, r_np = _positive_qr(a)
            assert s.rank == shape[1] and s.sources == list(range(shape[1]))
            np.testing.assert_allclose(s.q, q_np, atol=1e-10)
            np.testing.assert_allclose(s.r, r_np, atol=1e-10)
            np.testing.assert_allclose(s.r, np.triu(s.r), atol=0)
            assert np.all(np.diag(s.r) > 0)
            np.testing.assert_allclose(s.q.T @ s.q, np.eye(shape[1]), atol=1e-10)
            np.testing.assert_allclose(s.q @ s.r, a, atol=1e-10)


def test_projections_are_the_orthogonal_projections_onto_earlier_columns(
    rng: np.random.Generator,
) -> None:
    # Oracle: numpy's least squares, p_j = A_<j x with x = argmin |A_<j x - a_j|.
    for shape in ((2, 2), (3, 2), (3, 3)):
        for _ in range(10):
            a = rng.normal(size=shape)
            s = summarize(a)
            for j in range(1, shape[1]):
                before = a[:, :j]
                x = np.linalg.lstsq(before, a[:, j], rcond=None)[0]
                np.testing.assert_allclose(s.projection_sums[j], before @ x, atol=1e-10)
                np.testing.assert_allclose(
                    np.sum(s.projections[j], axis=0), s.projection_sums[j], atol=1e-12
                )
                w = s.remainders[j]
                np.testing.assert_allclose(w, a[:, j] - before @ x, atol=1e-10)
                np.testing.assert_allclose(s.q[:, :j].T @ w, 0.0, atol=1e-10)
                np.testing.assert_allclose(s.coefficients[j], s.q[:, :j].T @ a[:, j], atol=1e-12)
                np.testing.assert_allclose(
                    s.relative_remainders[j],
                    np.linalg.norm(a[:, j] - before @ x) / np.linalg.norm(a[:, j]),
                    rtol=1e-8,
                )
            assert s.projections[0] == [] and s.relative_remainders[0] == 1.0


def test_dependent_column_drops_from_q_and_r() -> None:
    # a3 = 2 a1 - a2 in R^3: rank 2 (numpy's matrix_rank agrees); Q is 3x2, R 2x3.
    a1, a2 = np.array([1.0, 2.0, 0.5]), np.array([-1.0, 0.5, 2.0])
    a = np.column_stack([a1, a2, 2 * a1 - a2])
    s = summarize(a)
    assert s.dependent == [False, False, True] and s.rank == np.linalg.matrix_rank(a) == 2
    assert s.sources == [0, 1]
    q_np, r_np = _positive_qr(a[:, :2])  # the independent columns alone
    np.testing.assert_allclose(s.q, q_np, atol=1e-12)
    np.testing.assert_allclose(s.r[:, :2], r_np, atol=1e-12)
    np.testing.assert_allclose(s.q @ s.r, a, atol=1e-12)
    np.testing.assert_allclose(s.q.T @ s.q, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(s.remainders[2], 0.0, atol=0)
    assert s.remainder_norms[2] == 0.0 and s.relative_remainders[2] <= DEPENDENT_TOLERANCE
    np.testing.assert_allclose(s.r_square[2], 0.0, atol=0)
    np.testing.assert_allclose(s.projection_sums[2], a[:, 2], atol=1e-12)


def test_dependent_middle_column_gives_no_direction() -> None:
    # Three in R^2 with a2 = -3 a1: a2 is dependent and a3 is not, so q = [q1, q3] and
    # step 3 subtracts only along q1 (q1 . a3 = 2 / sqrt(2)).
    a = np.array([[1.0, -3.0, 0.0], [1.0, -3.0, 2.0]])
    s = summarize(a)
    assert s.dependent == [False, True, False] and s.sources == [0, 2]
    assert len(s.projections[2]) == 1 and len(s.coefficients[2]) == 1
    np.testing.assert_allclose(s.coefficients[2], [np.sqrt(2.0)], atol=1e-12)
    np.testing.assert_allclose(s.q, [[np.sqrt(0.5), -np.sqrt(0.5)], [np.sqrt(0.5), np.sqrt(0.5)]])
    np.testing.assert_allclose(s.q @ s.r, a, atol=1e-12)
    assert s.r.shape == (2, 3) and s.r[1, 0] == 0.0 and s.r[1, 1] == 0.0 and s.r[1, 2] > 0


def test_nearly_parallel_is_not_dependent() -> None:
    # Closed form: a1 = (1, 0), a2 = (1, e): q1 = e1, r12 = 1, w2 = (0, e), r22 = e.
    e = 1e-6
    s = summarize([[1.0, 1.0], [0.0, e]])
    assert s.dependent == [False, False]
    np.testing.assert_allclose(s.remainders[1], [0.0, e], atol=1e-18)
    np.testing.assert_allclose(s.r, [[1.0, 1.0], [0.0, e]], atol=1e-18)
    np.testing.assert_allclose(s.relative_remainders[1], e / np.hypot(1, e), rtol=1e-9)


def test_zero_later_column_is_dependent() -> None:
    s = summarize([[2.0, 0.0], [0.0, 0.0]])
    assert s.dependent == [False, True] and s.relative_remainders[1] == 0.0
    np.testing.assert_allclose(s.q @ s.r, [[2.0, 0.0], [0.0, 0.0]], atol=0)


def test_summary_json_round_trips() -> None:
    import json

    s = summarize([[3.0, 1.0], [4.0, 0.0]])
    d = json.loads(json.dumps(s.to_json()))
    assert d["vectors"] == [[3.0, 4.0], [1.0, 0.0]] and d["rank"] == 2
    np.testing.assert_allclose(d["q"], [[0.6, 0.8], [0.8, -0.6]], atol=1e-12)
    np.testing.assert_allclose(d["projections"][1][0], [0.36, 0.48], atol=1e-12)
