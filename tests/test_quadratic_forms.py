"""mlmath_viz.quadratic_forms against independent oracles: numpy.linalg.eigh for the
principal axes, scipy.linalg.ldl/inertia by Sylvester's law for the classification,
brute-force evaluation of x^T A x for the level sets. Seeded; tolerances stated."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from numpy.testing import assert_allclose

from mlmath_viz import quadratic_forms as qf

BOX = ((-2.4, 2.4), (-2.0, 2.0))

#: (matrix, expected class by hand from the signs of the eigenvalues)
CASES = {
    "bowl": ([[2.0, 1.0], [1.0, 2.0]], "positive definite"),
    "saddle": ([[1.0, 2.0], [2.0, -2.0]], "indefinite"),
    "trough": ([[1.0, 2.0], [2.0, 4.0]], "positive semidefinite"),
    "ridge": ([[-1.0, 2.0], [2.0, -4.0]], "negative semidefinite"),
    "dome": ([[-0.1, 0.0], [0.0, -10.0]], "negative definite"),
    "circle": ([[3.0, 0.0], [0.0, 3.0]], "positive definite"),
    "axis-saddle": ([[0.0, 1.0], [1.0, 0.0]], "indefinite"),
    "large": ([[10.0, -10.0], [-10.0, 10.0]], "positive semidefinite"),
}


def random_symmetric(rng: np.random.Generator, n: int) -> list[np.ndarray]:
    out = []
    for _ in range(n):
        m = rng.uniform(-10, 10, size=(2, 2))
        out.append(0.5 * (m + m.T))
    return out


def test_eigenvalues_and_vectors_match_numpy_eigh(rng: np.random.Generator) -> None:
    for a in random_symmetric(rng, 200) + [np.array(m) for m, _ in CASES.values()]:
        axes = qf.principal_axes(a)
        values, vectors = np.linalg.eigh(a)  # ascending
        assert_allclose(axes.eigenvalues, values, atol=1e-9 * max(1, np.abs(a).max()))
        v = np.array(axes.eigenvectors)
        assert_allclose(v @ v.T, np.eye(2), atol=1e-12)  # orthonormal
        for k in range(2):
            assert_allclose(a @ v[k], values[k] * v[k], atol=1e-9 * max(1, np.abs(a).max()))
            # sign convention: largest-magnitude entry positive (ties to the first)
            big = np.abs(v[k])
            first = int(np.argmax(big >= big.max() * (1 - 1e-9)))
            assert v[k][first] > 0
            if abs(values[1] - values[0]) > 1e-6:  # same line as numpy's eigenvector
                assert abs(v[k] @ vectors[:, k]) == pytest.approx(1.0, abs=1e-9)


def _inertia_class(a: np.ndarray) -> str:
    """The class from the inertia of an LDL^T factorisation (Sylvester's law), an oracle
    that never computes an eigenvalue."""
    _, d, _ = scipy.linalg.ldl(a)
    diag = np.linalg.eigvalsh(d) if d.shape == (2, 2) and d[0, 1] != 0 else np.diag(d)
    tol = 1e-9 * max(1, np.abs(a).max())
    pos, neg = int(np.sum(diag > tol)), int(np.sum(diag < -tol))
    if pos == 2:
        return "positive definite"
    if neg == 2:
        return "negative definite"
    if pos and neg:
        return "indefinite"
    return "positive semidefinite" if pos or not neg else "negative semidefinite"


@pytest.mark.parametrize("name", list(CASES))
def test_definiteness_of_the_table(name: str) -> None:
    matrix, expected = CASES[name]
    assert qf.definiteness(matrix) == expected
    assert _inertia_class(np.array(matrix)) == expected
    assert qf.SHAPES[expected] in (
        "bowl",
        "trough",
        "saddle",
        "upside-down bowl",
        "upside-down trough",
    )


def test_definiteness_matches_sylvester_inertia(rng: np.random.Generator) -> None:
    for a in random_symmetric(rng, 300):
        assert qf.definiteness(a) == _inertia_class(a)


def test_form_is_x_transpose_a_x(rng: np.random.Generator) -> None:
    a = random_symmetric(rng, 1)[0]
    pts = rng.normal(size=(50, 2))
    brute = np.array(
        [
            p[0] * (a[0, 0] * p[0] + a[0, 1] * p[1]) + p[1] * (a[1, 0] * p[0] + a[1, 1] * p[1])
            for p in pts
        ]
    )
    assert_allclose(qf.quadratic_form(a, pts), brute, rtol=1e-12, atol=1e-12)


def test_numerically_zero_eigenvalues_are_zero() -> None:
    # eigvalsh gives about -1.4e-45 here; shown and classified as 0
    a = [[-1.401298464324817e-45, -1.401298464324817e-45], [0.0, -0.45652903687102686]]
    assert qf.principal_axes(a).eigenvalues[1] == 0.0
    assert qf.definiteness(a) == "negative semidefinite"


def test_symmetry_check() -> None:
    assert qf.is_symmetric([[1, 2], [2, 1]])
    assert not qf.is_symmetric([[1, 2], [2.001, 1]])
    assert not qf.is_symmetric([[0, 1], [0, 0]])


@pytest.mark.parametrize("name", list(CASES))
def test_level_sets_lie_on_the_level_and_in_the_box(name: str) -> None:
    matrix, _ = CASES[name]
    a = np.array(matrix)
    levels = qf.form_levels(a, 1.8, 3)
    assert levels == sorted(levels) and 0 not in levels
    for c in [*levels, 0.0]:
        for piece in qf.level_set(a, c, BOX):
            q = np.einsum("ni,ij,nj->n", piece, a, piece)  # brute force
            assert_allclose(q, c, atol=1e-9 * max(1, abs(c)), err_msg=f"{name} level {c}")
            (x0, x1), (y0, y1) = BOX
            assert np.all(piece[:, 0] >= x0 - 1e-12) and np.all(piece[:, 0] <= x1 + 1e-12)
            assert np.all(piece[:, 1] >= y0 - 1e-12) and np.all(piece[:, 1] <= y1 + 1e-12)


def test_level_sets_reach_the_border_when_cut() -> None:
    # A saddle's hyperbolas are unbounded: every piece starts and ends on the border.
    a = np.array(CASES["saddle"][0])
    (x0, x1), (y0, y1) = BOX
    for c in qf.form_levels(a, 1.8, 3):
        for piece in qf.level_set(a, c, BOX):
            for end in (piece[0], piece[-1]):
                gap = min(abs(end[0] - x0), abs(end[0] - x1), abs(end[1] - y0), abs(end[1] - y1))
                assert gap < 1e-9


def test_level_set_kinds_by_brute_force_grid() -> None:
    # Sign changes of q - c on a fine grid: an ellipse is crossed by every ray from the
    # origin, parallel lines only off the null direction, an empty level nowhere.
    t = np.linspace(0, 2 * np.pi, 73)
    # plus, worked out by hand, the trough's null direction (2, -1) and the saddle's
    # falling axis (-1, 2) (eigenvalue -3), rays along which q never reaches c > 0
    rays = np.vstack([np.stack([np.cos(t), np.sin(t)], axis=1), [[2, -1], [-1, 2]]])
    rays /= np.linalg.norm(rays, axis=1)[:, None]
    r = np.linspace(0, 50, 5001)
    for name, c, kind in (
        ("bowl", 1.0, "ellipse"),
        ("bowl", -1.0, "empty"),
        ("trough", 1.0, "parallel lines"),
        ("saddle", 1.0, "hyperbola"),
    ):
        a = np.array(CASES[name][0])
        assert qf.level_kind(a, c) == kind
        crossed = []
        for d in rays:
            q = (r**2) * (d @ a @ d) - c
            crossed.append(bool(np.any(np.sign(q[:-1]) != np.sign(q[1:]))))
        if kind == "ellipse":
            assert all(crossed)
        elif kind == "empty":
            assert not any(crossed)
        else:
            assert any(crossed) and not all(crossed)


def test_ellipse_semi_axes_are_sqrt_c_over_lambda() -> None:
    # Closed form: the ellipse q = c meets v_k at distance sqrt(c / lambda_k).
    a = np.array(CASES["bowl"][0])  # eigenvalues 1, 3 along (1, -1), (1, 1)
    (piece,) = qf.level_set(a, 1.2, BOX, samples=20001)
    radii = np.linalg.norm(piece, axis=1)
    assert radii.max() == pytest.approx(np.sqrt(1.2 / 1.0), rel=1e-6)
    assert radii.min() == pytest.approx(np.sqrt(1.2 / 3.0), rel=1e-6)
    far = piece[np.argmax(radii)]
    assert abs(far @ np.array([1, 1])) < 1e-2  # on the (1, -1) axis


def test_round_level_step() -> None:
    assert qf.round_level_step(0.36) == 0.3
    assert qf.round_level_step(1.08) == 1.0
    assert qf.round_level_step(7.9) == 6.0
    assert qf.round_level_step(8.0) == 8.0
    assert qf.round_level_step(0.0009) == 0.0008


def test_summary_json_contract() -> None:
    s = qf.summarize(CASES["saddle"][0], BOX, 1.8).to_json()
    assert s["eigenvalues"] == sorted(s["eigenvalues"])
    assert s["definiteness"] in qf.DEFINITENESS
    assert len(s["eigenvectors"]) == 2
    assert s["zero_level_kind"] == "crossing lines"


def test_border_crossings_stay_on_the_level_set_when_an_entry_is_nearly_zero() -> None:
    # Fuzzing found [[10, 10], [10, 8e-13]]: the textbook quadratic formula lost the
    # border crossing to cancellation and the curve's ends were 0.3% off q = c.
    a = np.array([[10.0, 10.0], [10.0, 7.995248090078326e-13]])
    box = ((-3.0, 3.0), (-2.0, 2.0))
    for level in (-18.0, 20.0, 45.0):
        pieces = qf.level_set(a, level, box)
        assert pieces
        for piece in pieces:
            q = np.einsum("ni,ij,nj->n", piece, a, piece)  # numpy's x^T A x, row by row
            assert_allclose(q, level, rtol=1e-9)
