"""mlmath_viz.eigen against numpy.linalg / scipy.linalg and closed forms.

Tolerances: eigenvalues and eigenvectors rtol/atol 1e-9 (times the matrix size for
residuals); reconstructions P D P^-1 = A atol 1e-9 * max(1, max |a_ij|).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
from numpy.testing import assert_allclose

from mlmath_viz import eigen
from mlmath_viz import linear_maps as lm
from mlmath_viz.linear_maps import EigenStructure

N_RANDOM = 200


def scale(a: np.ndarray) -> float:
    return max(1.0, float(np.abs(a).max()))


def random_real_spectrum(rng: np.random.Generator, n: int = N_RANDOM) -> list[np.ndarray]:
    """Random matrices with real, distinct eigenvalues: A = Q diag(l) Q^-1, Q well conditioned."""
    out = []
    while len(out) < n:
        q = rng.uniform(-1, 1, size=(2, 2))
        if np.linalg.cond(q) > 5:
            continue
        lam = rng.uniform(-5, 5, size=2)
        if abs(lam[0] - lam[1]) < 0.1:
            continue
        out.append(q @ np.diag(lam) @ np.linalg.inv(q))
    return out


def assert_largest_entry_positive(v: np.ndarray) -> None:
    k = int(np.argmax(np.abs(np.round(v, 12))))  # equal to 12 decimals: a tie, first wins
    assert v[k] > 0, v


def test_eigenpairs_match_numpy_eig_up_to_sign(rng: np.random.Generator) -> None:
    for a in random_real_spectrum(rng):
        pairs = eigen.eigenpairs(a)
        assert len(pairs) == 2
        values, vectors = np.linalg.eig(a)
        order = np.argsort(values.real)
        assert_allclose([p.value for p in pairs], values.real[order], rtol=1e-9, atol=1e-9)
        for pair, k in zip(pairs, order, strict=True):
            v = np.array(pair.vector)
            w = vectors[:, k].real / np.linalg.norm(vectors[:, k].real)
            assert_allclose(np.linalg.norm(v), 1.0, rtol=1e-12)
            assert_allclose(abs(v @ w), 1.0, rtol=1e-8, err_msg=str(a))  # same line
            assert_largest_entry_positive(v)
            assert_allclose(a @ v, pair.value * v, atol=1e-9 * scale(a) * 10)


def test_eigenpairs_match_scipy_eig(rng: np.random.Generator) -> None:
    for a in random_real_spectrum(rng, 50):
        values, vectors = scipy.linalg.eig(a)
        order = np.argsort(values.real)
        for pair, k in zip(eigen.eigenpairs(a), order, strict=True):
            assert_allclose(pair.value, values[k].real, rtol=1e-9, atol=1e-9)
            w = vectors[:, k].real
            assert_allclose(np.array(pair.vector), np.sign(w[np.argmax(np.abs(w))]) * w, atol=1e-8)


def test_symmetric_matrices_have_orthogonal_eigenvectors(rng: np.random.Generator) -> None:
    for _ in range(N_RANDOM):
        b = rng.uniform(-10, 10, size=(2, 2))
        a = b + b.T
        if lm.eigen_structure(a) is not EigenStructure.DISTINCT:
            continue
        v1, v2 = (np.array(p.vector) for p in eigen.eigenpairs(a))
        assert_allclose(v1 @ v2, 0.0, atol=1e-9)
        d = eigen.diagonalize(a)
        assert_allclose(np.array(d.p_inv), np.array(d.p).T, atol=1e-9)  # P orthogonal
        assert_allclose(d.condition, 1.0, atol=1e-9)
        expected = scipy.linalg.eigh(a, eigvals_only=True)  # ascending, like ours
        assert_allclose([p.value for p in d.pairs], expected, rtol=1e-9, atol=1e-9)


def test_diagonalization_reconstructs_the_matrix(rng: np.random.Generator) -> None:
    for a in random_real_spectrum(rng):
        d = eigen.diagonalize(a, max_condition=math.inf)
        p, dd, p_inv = (np.array(m) for m in (d.p, d.d, d.p_inv))
        assert_allclose(p @ dd @ p_inv, a, atol=1e-9 * scale(a))
        assert_allclose(p_inv, scipy.linalg.inv(p), rtol=1e-9, atol=1e-12)
        assert_allclose(np.linalg.norm(p, axis=0), [1.0, 1.0], rtol=1e-12)
        assert dd[0, 1] == 0 and dd[1, 0] == 0
        for k in range(2):
            assert_largest_entry_positive(p[:, k])


def test_stages_move_eigenvectors_to_axes_then_scale_then_back(rng: np.random.Generator) -> None:
    for a in random_real_spectrum(rng, 50):
        d = eigen.diagonalize(a, max_condition=math.inf)
        lam = [p.value for p in d.pairs]
        stages = d.eigenvector_stages()
        assert_allclose(stages[0], np.eye(2), atol=1e-9)  # after P^-1: v_k -> e_k
        assert_allclose(stages[1], np.diag(lam), atol=1e-9 * scale(a))  # after D: lambda_k e_k
        v = np.array([p.vector for p in d.pairs])
        assert_allclose(stages[2], np.array(lam)[:, None] * v, atol=1e-9 * scale(a))
        basis = d.basis_stages()
        assert_allclose(basis[2], a.T, atol=1e-9 * scale(a))  # rows: A e1, A e2
        assert_allclose(basis[0], np.linalg.inv(np.array(d.p)).T, rtol=1e-9, atol=1e-12)


def test_condition_number_matches_numpy_and_the_angle_formula(rng: np.random.Generator) -> None:
    for _ in range(100):
        m = rng.uniform(-10, 10, size=(2, 2))
        assert_allclose(eigen.condition_number(m), np.linalg.cond(m), rtol=1e-7)
    for theta in np.linspace(0.05, np.pi / 2, 20):
        p = np.array([[1.0, np.cos(theta)], [0.0, np.sin(theta)]])  # unit columns
        assert_allclose(eigen.condition_number(p), 1 / np.tan(theta / 2), rtol=1e-9)
    assert eigen.condition_number([[1, 2], [2, 4]]) == math.inf


def test_inverse2_matches_numpy(rng: np.random.Generator) -> None:
    for _ in range(100):
        m = rng.uniform(-10, 10, size=(2, 2))
        assert_allclose(eigen.inverse2(m), np.linalg.inv(m), rtol=1e-9, atol=1e-12)
    with pytest.raises(ValueError, match="singular"):
        eigen.inverse2([[1, 2], [2, 4]])


def test_shear_has_one_direction_along_x() -> None:
    (pair,) = eigen.eigenpairs([[1, 1], [0, 1]])
    assert pair.value == pytest.approx(1.0)
    assert_allclose(pair.vector, [1.0, 0.0], atol=1e-12)
    check = eigen.diagonalizability([[1, 1], [0, 1]])
    assert not check.ok and "defective" in check.reason


def test_scalar_matrix_every_direction_and_p_is_identity() -> None:
    pairs = eigen.eigenpairs([[3, 0], [0, 3]])
    assert [p.value for p in pairs] == [3.0, 3.0]
    assert_allclose([p.vector for p in pairs], np.eye(2), atol=0)
    d = eigen.diagonalize([[3, 0], [0, 3]])
    assert_allclose(np.array(d.p), np.eye(2), atol=0)
    assert_allclose(np.array(d.d), 3 * np.eye(2), atol=0)
    assert_allclose(np.array(d.p_inv), np.eye(2), atol=0)
    s = eigen.summarize_eigenvectors([[3, 0], [0, 3]], count=12)
    assert s.ring_eigen == (0,) * 12  # every ring arrow is an eigenvector
    assert_allclose(np.array(s.ring_images), 3 * np.array(s.ring), atol=1e-12)


def test_rotation_has_no_real_pairs_and_is_rejected() -> None:
    assert eigen.eigenpairs([[0, -1], [1, 0]]) == ()
    check = eigen.diagonalizability([[0, -1], [1, 0]])
    assert not check.ok and "complex" in check.reason
    with pytest.raises(eigen.NotDiagonalizableError, match="complex"):
        eigen.diagonalize([[0, -1], [1, 0]])


def test_nearly_defective_matrix_is_rejected_by_the_condition_limit() -> None:
    # Eigenvectors (1, 0) and (1, 0.001)/|.|: 0.057 degrees apart, cot(theta/2) ~ 2000.
    a = [[1.0, 1.0], [0.0, 1.001]]
    assert lm.eigen_structure(a) is EigenStructure.DISTINCT
    check = eigen.diagonalizability(a)
    assert not check.ok and "nearly parallel" in check.reason
    assert check.condition == pytest.approx(2000.0, rel=1e-3)
    assert eigen.diagonalizability([[2, 1], [0, 1]]).ok  # 45 degrees: cot(22.5) = 2.41


def test_zero_eigenvalue_is_diagonalizable_and_flagged() -> None:
    a = np.array([[1.0, 2.0], [2.0, 4.0]])  # eigenvalues 0 and 5
    d = eigen.diagonalize(a)
    assert_allclose([p.value for p in d.pairs], [0.0, 5.0], atol=1e-12)
    assert_allclose(np.array(d.p) @ np.array(d.d) @ np.array(d.p_inv), a, atol=1e-12)
    s = eigen.summarize_eigenvectors(a)
    assert s.zero_eigenvalue and not s.negative_eigenvalue
    assert eigen.is_zero_eigenvalue(1e-12, a) and not eigen.is_zero_eigenvalue(1e-6, a)


def test_sign_convention_closed_form() -> None:
    # [[1.5, 0.5], [1, 1]]: lambda 0.5 on (1, -2), lambda 2 on (1, 1). The largest entry
    # of (1, -2) is negative, so the convention gives (-1, 2)/sqrt(5).
    d = eigen.diagonalize([[1.5, 0.5], [1.0, 1.0]])
    assert_allclose([p.value for p in d.pairs], [0.5, 2.0], rtol=1e-12)
    assert_allclose(d.pairs[0].vector, np.array([-1.0, 2.0]) / np.sqrt(5), atol=1e-12)
    assert_allclose(d.pairs[1].vector, np.array([1.0, 1.0]) / np.sqrt(2), atol=1e-12)
    # [[1, 2], [2, -2]]: lambda -3 on (1, -2) -> (-1, 2)/sqrt(5); lambda 2 on (2, 1)/sqrt(5).
    s = eigen.summarize_eigenvectors([[1, 2], [2, -2]])
    assert s.negative_eigenvalue and not s.zero_eigenvalue
    assert_allclose(s.pairs[0].vector, np.array([-1.0, 2.0]) / np.sqrt(5), atol=1e-12)
    assert_allclose(s.pairs[1].vector, np.array([2.0, 1.0]) / np.sqrt(5), atol=1e-12)


@pytest.mark.parametrize(
    ("matrix", "value", "vector"),
    [
        ([[0.5, 1.5], [1.0, 0.0]], -1.0, [1.0, -1.0]),  # (A + I) = [[1.5, 1.5], [1, 1]]
        ([[2.0, 1.0], [1.0, 2.0]], 1.0, [1.0, -1.0]),
        ([[0.0, 1.0], [1.0, 0.0]], -1.0, [1.0, -1.0]),
        ([[3.0, -1.0], [-1.0, 3.0]], 2.0, [1.0, 1.0]),
    ],
)
def test_a_tie_between_entries_goes_to_the_first(
    matrix: list[list[float]], value: float, vector: list[float]
) -> None:
    # The computed vector's entries differ in the last bit; the convention must not
    # depend on that: equal magnitudes put the first entry positive, as flip_sign does.
    (pair,) = [p for p in eigen.eigenpairs(matrix) if abs(p.value - value) < 1e-12]
    assert_allclose(pair.vector, np.array(vector) / np.sqrt(2), rtol=1e-12)


@pytest.mark.parametrize("count", [8, 12, 16, 24])
def test_ring_holds_eigen_directions_and_even_spacing(count: int) -> None:
    directions = [
        (0.8944271909999159, 0.447213595499958),
        (0.7071067811865476, -0.7071067811865476),
    ]
    vectors, labels = eigen.ring_directions(count, directions)
    assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-12)
    angles = np.mod(np.arctan2(vectors[:, 1], vectors[:, 0]), 2 * np.pi)
    assert np.all(np.diff(angles) > 0)  # sorted, no duplicates
    for j, v in enumerate(directions):
        for sign in (1, -1):
            hits = [k for k, u in enumerate(vectors) if np.allclose(u, sign * np.array(v))]
            assert len(hits) == 1 and labels[hits[0]] == j
    assert labels.count(-1) >= count - 4  # at most one even angle dropped per eigen arrow
    assert labels.count(-1) + 4 >= count
    spacing = 2 * np.pi / count
    for k, lab in enumerate(labels):
        if lab == -1:
            assert_allclose(angles[k] / spacing, round(angles[k] / spacing), atol=1e-9)


def test_ring_snaps_a_nearby_even_angle() -> None:
    # An eigen-direction 1 degree off the x-axis replaces the arrow at angle 0.
    v = (math.cos(math.radians(1)), math.sin(math.radians(1)))
    vectors, labels = eigen.ring_directions(12, [v])
    assert len(vectors) == 12
    assert labels.count(0) == 2


def test_summary_images_and_eigen_arrows(rng: np.random.Generator) -> None:
    for a in [*random_real_spectrum(rng, 30), np.array([[1.0, 1.0], [0.0, 1.0]])]:
        s = eigen.summarize_eigenvectors(a, count=12)
        assert_allclose(np.array(s.ring_images), np.array(s.ring) @ a.T, atol=1e-12)
        for u, image, lab in zip(s.ring, s.ring_images, s.ring_eigen, strict=True):
            if lab >= 0:
                assert_allclose(image, s.pairs[lab].value * np.array(u), atol=1e-9 * scale(a))


def test_eigenvalues_json_as_in_linear_map(rng: np.random.Generator) -> None:
    for a in [*rng.uniform(-10, 10, size=(20, 2, 2)), np.array([[0.0, -1.0], [1.0, 0.0]])]:
        expected = lm.summarize(a).to_json()["eigenvalues"]
        assert eigen.summarize_eigenvectors(a).to_json()["eigenvalues"] == expected
