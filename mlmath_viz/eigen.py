"""Real eigen-decomposition and diagonalization of 2x2 matrices.

The ``Eigenvectors`` and ``ChangeOfBasis`` scenes take their numbers from here. The
eigenvalues and the kind of eigen-structure come from :mod:`mlmath_viz.linear_maps`
(closed form); this module adds the eigenvectors in the project's sign convention
(:func:`mlmath_viz.signs.flip_sign`: unit length, largest-magnitude entry positive),
the diagonalization

.. math::

    A = P D P^{-1}, \\qquad P = (v_1 \\; v_2), \\quad D = \\mathrm{diag}(\\lambda_1, \\lambda_2),

with a check that it exists and is well conditioned, and the ring of unit vectors that
the ``Eigenvectors`` scene transforms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz import linear_maps
from mlmath_viz.linear_maps import ZERO_TOLERANCE, EigenStructure, as_matrix2
from mlmath_viz.signs import flip_sign

FloatArray = NDArray[np.float64]
Pair = tuple[float, float]
Matrix = tuple[Pair, Pair]

#: Largest 2-norm condition number :math:`\kappa(P) = \sigma_{max}/\sigma_{min}` accepted
#: for the eigenvector matrix. With unit columns at angle :math:`\theta`,
#: :math:`\kappa = \cot(\theta/2)` (for :math:`\theta \le 90^\circ`); 10 allows eigenvectors
#: down to about 11.4 degrees apart, where :math:`P^{-1}` has entries up to about 5.
#: Closer eigenvectors (a nearly defective matrix) would make :math:`P^{-1}` absurdly large.
MAX_CONDITION = 10.0

#: A ring direction closer than this fraction of the ring's spacing to an eigen-direction
#: is replaced by the eigen-direction instead of drawing both.
SNAP_FRACTION = 0.25


def _scale(a: FloatArray) -> float:
    """``max(1, max |a_ij|)``: the size used to make tolerances relative."""
    return max(1.0, float(np.max(np.abs(a))))


def _pair(v: ArrayLike) -> Pair:
    x, y = np.asarray(v, dtype=np.float64)
    return (float(x) + 0.0, float(y) + 0.0)


def _matrix(m: ArrayLike) -> Matrix:
    a = np.asarray(m, dtype=np.float64)
    return (_pair(a[0]), _pair(a[1]))


@dataclass(frozen=True)
class EigenPair:
    """A real eigenvalue and its unit eigenvector, :math:`A v = \\lambda v`, :math:`|v| = 1`.

    The vector's largest-magnitude entry is positive (:func:`~mlmath_viz.signs.flip_sign`).
    """

    value: float
    vector: Pair


def eigenpairs(matrix: ArrayLike) -> tuple[EigenPair, ...]:
    """Real eigenvalues with sign-fixed unit eigenvectors, one per eigen-line.

    Two pairs for :attr:`~mlmath_viz.linear_maps.EigenStructure.DISTINCT` (eigenvalues
    ascending, as :func:`mlmath_viz.linear_maps.eigenvalues` sorts them), one for
    ``DEFECTIVE`` (the single eigen-line of a shear-like matrix), none for ``COMPLEX``
    and, for ``SCALAR`` (:math:`A = \\lambda I`, every vector an eigenvector), the
    standard basis :math:`e_1, e_2` with :math:`\\lambda` twice.

    Each vector spans the null space of :math:`A - \\lambda I`
    (:func:`mlmath_viz.linear_maps.eigen_directions`), then is flipped so its
    largest-magnitude entry is positive (a tie, up to round-off, goes to the first entry).
    """
    return tuple(
        EigenPair(d.value, _pair(flip_sign(d.vector))) for d in linear_maps.eigen_directions(matrix)
    )


def is_zero_eigenvalue(value: float, matrix: ArrayLike) -> bool:
    """True when ``|value| <= ZERO_TOLERANCE * max(1, max |a_ij|)``: counts as zero."""
    return abs(value) <= ZERO_TOLERANCE * _scale(as_matrix2(matrix))


def inverse2(matrix: ArrayLike) -> FloatArray:
    """Inverse of an invertible 2x2 matrix by the adjugate.

    .. math::

        \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}^{-1}
        = \\frac{1}{ad - bc} \\begin{pmatrix} d & -b \\\\ -c & a \\end{pmatrix}

    Raises
    ------
    ValueError
        If the determinant is zero.
    """
    a = as_matrix2(matrix)
    det = linear_maps.determinant(a)
    if det == 0.0:
        raise ValueError("matrix is singular")
    inv: FloatArray = np.array([[a[1, 1], -a[0, 1]], [-a[1, 0], a[0, 0]]]) / det
    return inv


def condition_number(matrix: ArrayLike) -> float:
    """2-norm condition number :math:`\\kappa = \\sigma_{max} / \\sigma_{min}` (inf if singular).

    The singular values of a 2x2 matrix are the square roots of the eigenvalues of
    :math:`A^T A`: with :math:`s = \\|A\\|_F^2` and :math:`\\delta = |\\det A|`,
    :math:`\\sigma_{max,min}^2 = (s \\pm \\sqrt{s^2 - 4\\delta^2})/2`, so
    :math:`\\kappa = \\sigma_{max}^2 / \\delta`.
    """
    a = as_matrix2(matrix)
    det = abs(linear_maps.determinant(a))
    if det == 0.0:
        return math.inf
    s = float(np.sum(a * a))
    big = 0.5 * (s + math.sqrt(max(s * s - 4.0 * det * det, 0.0)))
    return max(1.0, big / det)


@dataclass(frozen=True)
class Diagonalizability:
    """Whether :math:`A = P D P^{-1}` can be drawn, and in words why not."""

    ok: bool
    reason: str  # "" when ok
    condition: float  # kappa(P); inf when there is no P


def diagonalizability(matrix: ArrayLike, max_condition: float = MAX_CONDITION) -> Diagonalizability:
    """Check that ``matrix`` has real eigenvalues with two independent eigenvectors.

    Uses :func:`mlmath_viz.linear_maps.eigen_structure` (relative tolerance
    ``ZERO_TOLERANCE`` on the discriminant :math:`(a-d)^2 + 4bc`): complex eigenvalues
    and a repeated eigenvalue with one eigen-line (defective) fail. A scalar matrix
    passes with :math:`P = I`. Two distinct eigenvalues pass only if the eigenvector
    matrix :math:`P` has :math:`\\kappa(P) \\le` ``max_condition``; a larger condition
    number means nearly parallel eigenvectors (a nearly defective matrix) and a huge
    :math:`P^{-1}`.
    """
    kind = linear_maps.eigen_structure(matrix)
    if kind is EigenStructure.COMPLEX:
        return Diagonalizability(False, "complex eigenvalues (no real eigenvectors)", math.inf)
    if kind is EigenStructure.DEFECTIVE:
        return Diagonalizability(
            False, "a repeated eigenvalue with only one eigenvector (defective)", math.inf
        )
    pairs = eigenpairs(matrix)
    p = np.array([pair.vector for pair in pairs]).T
    kappa = condition_number(p)
    if kappa > max_condition:
        return Diagonalizability(
            False,
            f"nearly parallel eigenvectors (condition number of P {kappa:.3g} > {max_condition:g})",
            kappa,
        )
    return Diagonalizability(True, "", kappa)


class NotDiagonalizableError(ValueError):
    """The matrix has no (well-conditioned) real eigenbasis."""


@dataclass(frozen=True)
class Diagonalization:
    """:math:`A = P D P^{-1}` with the sign-fixed unit eigenvectors as :math:`P`'s columns."""

    matrix: Matrix
    p: Matrix
    d: Matrix
    p_inv: Matrix
    pairs: tuple[EigenPair, EigenPair]
    condition: float

    def stage_matrices(self) -> tuple[FloatArray, FloatArray, FloatArray]:
        """The maps after each move: :math:`P^{-1}`, :math:`D P^{-1}`, :math:`P D P^{-1}`."""
        p, d, p_inv = (np.array(m) for m in (self.p, self.d, self.p_inv))
        return p_inv, d @ p_inv, p @ d @ p_inv

    def basis_stages(self) -> FloatArray:
        """Tips of :math:`e_1, e_2` after each move: shape (3, 2, 2), [move, vector, xy]."""
        return np.array([m.T for m in self.stage_matrices()])

    def eigenvector_stages(self) -> FloatArray:
        """Tips of :math:`v_1, v_2` after each move: :math:`e_k`, :math:`\\lambda_k e_k`,
        :math:`\\lambda_k v_k`; computed by applying the stage matrices."""
        v = np.array([pair.vector for pair in self.pairs])
        return np.array([v @ m.T for m in self.stage_matrices()])

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""
        ev = linear_maps.eigenvalues(self.matrix)
        return {
            "matrix": [list(row) for row in self.matrix],
            "eigenvalues": [[z.real, z.imag] for z in ev],
            "eigenvectors": [list(pair.vector) for pair in self.pairs],
            "eigen_pairs": [
                {"eigenvalue": pair.value, "vector": list(pair.vector)} for pair in self.pairs
            ],
            "eigen_structure": linear_maps.eigen_structure(self.matrix).value,
            "P": [list(row) for row in self.p],
            "D": [list(row) for row in self.d],
            "P_inv": [list(row) for row in self.p_inv],
            "condition_number": self.condition,
            "stage_matrices": [m.tolist() for m in self.stage_matrices()],
            "basis_stages": self.basis_stages().tolist(),
            "eigenvector_stages": self.eigenvector_stages().tolist(),
        }


def diagonalize(matrix: ArrayLike, max_condition: float = MAX_CONDITION) -> Diagonalization:
    """Diagonalize: :math:`A = P D P^{-1}` with eigenvectors in :math:`P`, eigenvalues in :math:`D`.

    :math:`P = (v_1\\; v_2)` and :math:`D = \\mathrm{diag}(\\lambda_1, \\lambda_2)`, where
    :math:`v_k` are the unit eigenvectors of :func:`eigenpairs` (largest entry
    positive), :math:`\\lambda_1 \\le \\lambda_2`; for :math:`A = \\lambda I`,
    :math:`P = I`. :math:`P^{-1}` is the adjugate over the determinant
    (:func:`inverse2`).

    Raises
    ------
    NotDiagonalizableError
        If :func:`diagonalizability` says no (complex, defective, or
        :math:`\\kappa(P) >` ``max_condition``).
    """
    a = as_matrix2(matrix)
    check = diagonalizability(a, max_condition)
    if not check.ok:
        raise NotDiagonalizableError(check.reason)
    pairs = eigenpairs(a)
    first, second = pairs
    p = np.array([first.vector, second.vector]).T
    d = np.diag([first.value, second.value])
    return Diagonalization(
        matrix=_matrix(a),
        p=_matrix(p),
        d=_matrix(d),
        p_inv=_matrix(inverse2(p)),
        pairs=(first, second),
        condition=check.condition,
    )


def _angle(v: FloatArray) -> float:
    return math.atan2(float(v[1]), float(v[0])) % (2 * math.pi)


def ring_directions(count: int, directions: Sequence[Pair] = ()) -> tuple[FloatArray, list[int]]:
    """Unit vectors around the circle, including every eigen-direction and its negative.

    Starts from ``count`` evenly spaced angles :math:`2\\pi k / n`; for each direction
    :math:`v_j` in ``directions`` the angles of :math:`v_j` and :math:`-v_j` are added,
    and an even angle closer than ``SNAP_FRACTION`` of the spacing to one of them is
    dropped (so an arrow is not drawn beside an eigen-arrow). Sorted by angle in
    :math:`[0, 2\\pi)`.

    Returns
    -------
    vectors : ndarray of shape (m, 2)
        The unit vectors :math:`(\\cos\\phi, \\sin\\phi)`; eigen-directions are the
        given vectors (or their negatives) exactly.
    labels : list of int
        For each vector, the index ``j`` of the eigen-direction it lies on, or -1.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    spacing = 2 * math.pi / count
    special: list[tuple[float, FloatArray, int]] = []
    for j, v in enumerate(directions):
        u = np.asarray(v, dtype=np.float64)
        u = u / np.linalg.norm(u)
        for w in (u, -u):
            special.append((_angle(w), w + 0.0, j))

    def gap(a: float, b: float) -> float:
        d = abs(a - b) % (2 * math.pi)
        return min(d, 2 * math.pi - d)

    entries: list[tuple[float, FloatArray, int]] = list(special)
    for k in range(count):
        phi = k * spacing
        if all(gap(phi, s[0]) >= SNAP_FRACTION * spacing for s in special):
            entries.append((phi, np.array([math.cos(phi), math.sin(phi)]), -1))
    entries.sort(key=lambda e: e[0])
    vectors = np.array([e[1] for e in entries], dtype=np.float64).reshape(-1, 2)
    return vectors, [e[2] for e in entries]


@dataclass(frozen=True)
class EigenvectorsSummary:
    """Every number the ``Eigenvectors`` scene shows about a matrix."""

    matrix: Matrix
    eigenvalues: tuple[complex, complex]
    structure: EigenStructure
    pairs: tuple[EigenPair, ...]
    zero_eigenvalue: bool  # some real eigenvalue is zero (within tolerance)
    negative_eigenvalue: bool  # some real eigenvalue is negative (and not zero)
    ring: tuple[Pair, ...]
    ring_images: tuple[Pair, ...]
    ring_eigen: tuple[int, ...]  # per ring vector: index into pairs, or -1

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""
        return {
            "matrix": [list(row) for row in self.matrix],
            "eigenvalues": [[z.real, z.imag] for z in self.eigenvalues],
            "eigenvectors": [list(p.vector) for p in self.pairs],
            "eigen_pairs": [{"eigenvalue": p.value, "vector": list(p.vector)} for p in self.pairs],
            "eigen_structure": self.structure.value,
            "zero_eigenvalue": self.zero_eigenvalue,
            "negative_eigenvalue": self.negative_eigenvalue,
            "ring": [list(v) for v in self.ring],
            "ring_images": [list(v) for v in self.ring_images],
            "ring_eigen": list(self.ring_eigen),
        }


def summarize_eigenvectors(matrix: ArrayLike, count: int = 12) -> EigenvectorsSummary:
    """Compute the :class:`EigenvectorsSummary` of a 2x2 matrix with ``count`` ring arrows.

    For a scalar matrix every ring vector is an eigenvector (label 0); otherwise the
    ring holds each real eigen-direction :math:`\\pm v_j` (see :func:`ring_directions`)
    and the images are :math:`A u` for every ring vector :math:`u`.
    """
    a = as_matrix2(matrix)
    ev = linear_maps.eigenvalues(a)
    kind = linear_maps.eigen_structure(a)
    pairs = eigenpairs(a)
    shown = [] if kind is EigenStructure.SCALAR else [p.vector for p in pairs]
    ring, labels = ring_directions(count, shown)
    if kind is EigenStructure.SCALAR:
        labels = [0] * len(ring)
    images = ring @ a.T
    zero = any(is_zero_eigenvalue(p.value, a) for p in pairs)
    negative = any(p.value < 0 and not is_zero_eigenvalue(p.value, a) for p in pairs)
    return EigenvectorsSummary(
        matrix=_matrix(a),
        eigenvalues=(complex(ev[0]), complex(ev[1])),
        structure=kind,
        pairs=pairs,
        zero_eigenvalue=zero,
        negative_eigenvalue=negative,
        ring=tuple(_pair(v) for v in ring),
        ring_images=tuple(_pair(v) for v in images),
        ring_eigen=tuple(labels),
    )
