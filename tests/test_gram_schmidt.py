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
