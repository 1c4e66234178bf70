"""mlmath_viz.linear_maps against numpy's linear algebra as the oracle."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz import linear_maps as lm
from mlmath_viz.linear_maps import EigenStructure

N_RANDOM = 200


def random_matrices(rng: np.random.Generator, n: int = N_RANDOM) -> np.ndarray:
    """Random 2x2 matrices with entries in [-10, 10], some rounded to integers."""
    mats = rng.uniform(-10, 10, size=(n, 2, 2))
    mats[: n // 4] = np.round(mats[: n // 4])  # integer matrices hit the edge cases
    return mats


def test_determinant_matches_numpy(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        assert_allclose(lm.determinant(a), np.linalg.det(a), rtol=1e-10, atol=1e-10)


def test_eigenvalues_match_numpy_sorted(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        expected = np.linalg.eigvals(a)
        expected = expected[np.lexsort((expected.imag, expected.real))]
        assert_allclose(lm.eigenvalues(a), expected, rtol=1e-9, atol=1e-9, err_msg=str(a))


@pytest.mark.parametrize(
    ("matrix", "expected"),
    [
        ([[1e8, 1], [0, 1e-8]], [1e-8, 1e8]),  # cancellation-prone: roots 1e-8 and 1e8
        ([[0, 0], [0, 0]], [0, 0]),
        ([[0, -1], [1, 0]], [-1j, 1j]),
        ([[1, 1], [0, 1]], [1, 1]),
    ],
)
def test_eigenvalues_closed_cases(matrix: list[list[float]], expected: list[complex]) -> None:
    assert_allclose(lm.eigenvalues(matrix), expected, rtol=1e-12, atol=1e-15)


def test_eigen_directions_are_unit_eigenvectors(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        for d in lm.eigen_directions(a):
            v = np.array(d.vector)
            assert_allclose(np.linalg.norm(v), 1.0, rtol=1e-12)
            assert_allclose(a @ v, d.value * v, atol=1e-8 * max(1, np.abs(a).max()))
            assert v[0] > 0 or (v[0] == 0 and v[1] > 0)


@pytest.mark.parametrize(
    ("matrix", "structure", "n_directions"),
    [
        ([[0, -1], [1, 0]], EigenStructure.COMPLEX, 0),  # rotation by 90 degrees
        ([[1, 1], [0, 1]], EigenStructure.DEFECTIVE, 1),  # shear
        ([[2, 0], [0, 2]], EigenStructure.SCALAR, 2),
        ([[0, 0], [0, 0]], EigenStructure.SCALAR, 2),
        ([[1, 0], [0, -1]], EigenStructure.DISTINCT, 2),  # reflection
        ([[1, 2], [2, 4]], EigenStructure.DISTINCT, 2),  # singular
        ([[2, 1], [1, 2]], EigenStructure.DISTINCT, 2),
    ],
)
def test_eigen_structure_of_classic_maps(
    matrix: list[list[float]], structure: EigenStructure, n_directions: int
) -> None:
    assert lm.eigen_structure(matrix) is structure
    assert len(lm.eigen_directions(matrix)) == n_directions


def test_complex_structure_iff_numpy_eigenvalues_are_complex(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        complex_numpy = bool(np.any(np.abs(np.linalg.eigvals(a).imag) > 1e-6))
        assert (lm.eigen_structure(a) is EigenStructure.COMPLEX) == complex_numpy, a


def test_shear_direction_is_the_x_axis() -> None:
    (d,) = lm.eigen_directions([[1, 1], [0, 1]])
    assert d.value == pytest.approx(1.0)
    assert_allclose(d.vector, [1.0, 0.0], atol=1e-12)


def test_rank_matches_numpy(rng: np.random.Generator) -> None:
    mats = random_matrices(rng, 50)
    mats[::5, 1] = 3 * mats[::5, 0]  # every fifth matrix singular
    mats[1] = 0
    for a in mats:
        assert lm.rank(a) == np.linalg.matrix_rank(a), a


def test_basis_images_are_columns(rng: np.random.Generator) -> None:
    for a in random_matrices(rng, 20):
        images = lm.basis_images(a)
        assert_allclose(images[0], a @ [1, 0], rtol=0, atol=0)
        assert_allclose(images[1], a @ [0, 1], rtol=0, atol=0)


def test_unit_square_image_area_is_determinant(rng: np.random.Generator) -> None:
    for a in random_matrices(rng):
        area = lm.parallelogram_area(lm.unit_square_image(a))
        assert_allclose(area, np.linalg.det(a), rtol=1e-9, atol=1e-9)


def test_interpolated_determinant(rng: np.random.Generator) -> None:
    for a in random_matrices(rng, 20):
        assert lm.interpolated_determinant(a, 0.0) == pytest.approx(1.0)
        assert_allclose(lm.interpolated_determinant(a, 1.0), np.linalg.det(a), atol=1e-9)
        t = rng.uniform()
        assert_allclose(
            lm.interpolated_determinant(a, t),
            np.linalg.det((1 - t) * np.eye(2) + t * a),
            rtol=1e-9,
            atol=1e-9,
        )


def test_reflection_area_passes_through_zero() -> None:
    # (1-t) I + t diag(1, -1) = diag(1, 1 - 2t): signed area 1 - 2t, zero at t = 1/2.
    a = [[1, 0], [0, -1]]
    for t in np.linspace(0, 1, 11):
        assert lm.interpolated_determinant(a, t) == pytest.approx(1 - 2 * t)


@pytest.mark.parametrize(
    "bad", [[[1, 2, 3], [4, 5, 6]], [1, 2, 3, 4], [[np.nan, 0], [0, 1]], [[np.inf, 0], [0, 1]]]
)
def test_bad_matrices_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="matrix"):
        lm.as_matrix2(bad)


def test_summary_json_is_consistent(rng: np.random.Generator) -> None:
    a = rng.uniform(-5, 5, size=(2, 2))
    data = lm.summarize(a).to_json()
    assert_allclose(data["matrix"], a)
    assert_allclose(data["determinant"], np.linalg.det(a), rtol=1e-12)
    assert_allclose(data["basis_images"], a.T)
    ev = np.array([complex(re, im) for re, im in data["eigenvalues"]])
    expected = np.linalg.eigvals(a)
    assert_allclose(ev, expected[np.lexsort((expected.imag, expected.real))], atol=1e-9)
