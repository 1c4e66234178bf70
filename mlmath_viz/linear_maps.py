"""Linear maps of the plane: determinant, eigen-structure and the images of the basis.

Everything the ``LinearMap`` scene shows about a 2x2 matrix

.. math::

    A = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}

is computed here, in closed form where one exists, so the numbers on screen and in the
JSON sidecar come from one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: Relative tolerance under which a quantity counts as zero (scaled by the matrix size).
ZERO_TOLERANCE = 1e-9


def as_matrix2(matrix: ArrayLike) -> FloatArray:
    """Return ``matrix`` as a finite 2x2 float array.

    Raises
    ------
    ValueError
        If the input is not 2x2 or holds NaN or infinity.
    """
    a = np.asarray(matrix, dtype=np.float64)
    if a.shape != (2, 2):
        raise ValueError(f"expected a 2x2 matrix, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise ValueError("matrix entries must be finite")
    return a


def _scale(a: FloatArray) -> float:
    """Size of the matrix used to make tolerances relative: ``max(1, max |a_ij|)``."""
    return max(1.0, float(np.max(np.abs(a))))


def determinant(matrix: ArrayLike) -> float:
    """Determinant of a 2x2 matrix, :math:`\\det A = ad - bc`.

    It is the signed area of the image of the unit square: negative when the map
    reverses orientation, zero when it collapses the plane onto a line or a point.
    """
    a = as_matrix2(matrix)
    return float(a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0])


def eigenvalues(matrix: ArrayLike) -> NDArray[np.complex128]:
    """Eigenvalues of a 2x2 matrix, sorted by real part, then imaginary part.

    The roots of :math:`\\lambda^2 - \\tau\\lambda + \\delta = 0` with trace
    :math:`\\tau = a + d` and determinant :math:`\\delta = ad - bc`:

    .. math::

        \\lambda_{1,2} = \\frac{\\tau}{2} \\pm \\frac{1}{2}\\sqrt{(a - d)^2 + 4bc}.

    The discriminant is written as :math:`(a-d)^2 + 4bc` (equal to
    :math:`\\tau^2 - 4\\delta`) because it does not cancel catastrophically for
    nearly equal diagonal entries.
    """
    a = as_matrix2(matrix)
    half_trace = 0.5 * (a[0, 0] + a[1, 1])
    disc = (a[0, 0] - a[1, 1]) ** 2 + 4.0 * a[0, 1] * a[1, 0]
    if disc >= 0.0:
        root = 0.5 * math.sqrt(disc)
        # Larger-magnitude root by addition, the other from the product (Vieta):
        # avoids cancellation when |half_trace| is close to root.
        big = half_trace + math.copysign(root, half_trace) if half_trace != 0 else root
        other = determinant(a) / big if big != 0.0 else half_trace - root
        values = np.array([big, other], dtype=np.complex128)
    else:
        root = 0.5 * math.sqrt(-disc)
        values = np.array([complex(half_trace, -root), complex(half_trace, root)])
    order = np.lexsort((values.imag, values.real))
    return values[order]


class EigenStructure(StrEnum):
    """What kind of real eigen-directions a 2x2 matrix has."""

    DISTINCT = "distinct"  # two real eigenvalues, two eigen-lines
    DEFECTIVE = "defective"  # one repeated eigenvalue, a single eigen-line (a shear)
    SCALAR = "scalar"  # A = lambda I: every direction is an eigen-direction
    COMPLEX = "complex"  # no real eigenvalue: no direction is kept (a rotation)


@dataclass(frozen=True)
class EigenDirection:
    """A real eigenvalue with a unit eigenvector: :math:`A v = \\lambda v`, :math:`|v| = 1`."""

    value: float
    vector: tuple[float, float]


def _canonical_direction(v: FloatArray) -> FloatArray:
    """Unit vector along ``v``, pointing right (or straight up when vertical)."""
    v = v / np.linalg.norm(v)
    if v[0] < -ZERO_TOLERANCE or (abs(v[0]) <= ZERO_TOLERANCE and v[1] < 0):
        v = -v
    return v + 0.0  # turns -0.0 into 0.0


def eigen_structure(matrix: ArrayLike) -> EigenStructure:
    """Classify the real eigen-directions of ``matrix`` (see :class:`EigenStructure`)."""
    a = as_matrix2(matrix)
    scale = _scale(a)
    disc = (a[0, 0] - a[1, 1]) ** 2 + 4.0 * a[0, 1] * a[1, 0]
    if disc < -ZERO_TOLERANCE * scale**2:
        return EigenStructure.COMPLEX
    if disc > ZERO_TOLERANCE * scale**2:
        return EigenStructure.DISTINCT
    lam = 0.5 * (a[0, 0] + a[1, 1])
    if np.max(np.abs(a - lam * np.eye(2))) <= ZERO_TOLERANCE * scale:
        return EigenStructure.SCALAR
    return EigenStructure.DEFECTIVE


def eigen_directions(matrix: ArrayLike) -> tuple[EigenDirection, ...]:
    """Real eigenvalues with unit eigenvectors spanning the distinct eigen-lines.

    Returns two directions for :attr:`EigenStructure.DISTINCT`, one for
    :attr:`~EigenStructure.DEFECTIVE`, none for :attr:`~EigenStructure.COMPLEX`, and
    the two basis vectors for :attr:`~EigenStructure.SCALAR` (where every direction
    is an eigen-direction). Each vector spans the null space of
    :math:`A - \\lambda I`, found as the right singular vector of its smallest
    singular value, and points to the right (or up when vertical).
    """
    a = as_matrix2(matrix)
    kind = eigen_structure(a)
    if kind is EigenStructure.COMPLEX:
        return ()
    if kind is EigenStructure.SCALAR:
        lam = 0.5 * float(a[0, 0] + a[1, 1])
        return (EigenDirection(lam, (1.0, 0.0)), EigenDirection(lam, (0.0, 1.0)))
    values = eigenvalues(a).real
    if kind is EigenStructure.DEFECTIVE:
        values = np.array([0.5 * (a[0, 0] + a[1, 1])])
    found = []
    for lam in values:
        _, _, vt = np.linalg.svd(a - lam * np.eye(2))
        v = _canonical_direction(vt[-1])
        found.append(EigenDirection(float(lam), (float(v[0]), float(v[1]))))
    return tuple(found)


def rank(matrix: ArrayLike) -> int:
    """Rank of a 2x2 matrix: 2 (invertible), 1 (onto a line) or 0 (onto the origin).

    Singular values below ``ZERO_TOLERANCE * max(1, max |a_ij|)`` count as zero.
    """
    a = as_matrix2(matrix)
    singular = np.linalg.svd(a, compute_uv=False)
    return int(np.sum(singular > ZERO_TOLERANCE * _scale(a)))


def basis_images(matrix: ArrayLike) -> FloatArray:
    """Images of the standard basis, :math:`A e_1` and :math:`A e_2`, as rows.

    They are the columns of :math:`A`: row ``k`` of the result is column ``k``.
    """
    return as_matrix2(matrix).T.copy()


def interpolated_matrix(matrix: ArrayLike, t: float) -> FloatArray:
    """The matrix :math:`M(t) = (1 - t) I + t A` that maps the plane at time ``t``.

    Moving every point on a straight line from :math:`p` to :math:`Ap` (as an
    animation does) applies :math:`M(t)` to the plane: :math:`(1-t)p + tAp = M(t)p`.
    """
    return (1.0 - t) * np.eye(2) + t * as_matrix2(matrix)


def interpolated_determinant(matrix: ArrayLike, t: float) -> float:
    """Signed area of the unit square's image at time ``t``: :math:`\\det M(t)`.

    It runs from 1 at ``t = 0`` to :math:`\\det A` at ``t = 1`` and passes through
    zero where the square flips over when :math:`\\det A < 0`.
    """
    return determinant(interpolated_matrix(matrix, t))


def parallelogram_area(corners: ArrayLike) -> float:
    """Signed area of a polygon by the shoelace formula.

    .. math:: S = \\tfrac12 \\sum_k (x_k y_{k+1} - x_{k+1} y_k)
    """
    p = np.asarray(corners, dtype=np.float64)
    x, y = p[:, 0], p[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def unit_square_image(matrix: ArrayLike) -> FloatArray:
    """Corners of the image of the unit square, counter-clockwise from the origin.

    Rows are :math:`0, Ae_1, A(e_1 + e_2), Ae_2`.
    """
    a = as_matrix2(matrix)
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    image: FloatArray = square @ a.T
    return image


@dataclass(frozen=True)
class LinearMapSummary:
    """Every number the ``LinearMap`` scene shows about a matrix."""

    matrix: tuple[tuple[float, float], tuple[float, float]]
    determinant: float
    eigenvalues: tuple[complex, complex]
    structure: EigenStructure
    directions: tuple[EigenDirection, ...]
    rank: int
    basis_images: tuple[tuple[float, float], tuple[float, float]]
    square_image: tuple[tuple[float, float], ...]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""
        return {
            "matrix": [list(row) for row in self.matrix],
            "determinant": self.determinant,
            "eigenvalues": [[z.real, z.imag] for z in self.eigenvalues],
            "basis_images": [list(v) for v in self.basis_images],
            "eigen_structure": self.structure.value,
            "eigen_directions": [
                {"eigenvalue": d.value, "vector": list(d.vector)} for d in self.directions
            ],
            "rank": self.rank,
            "square_image": [list(p) for p in self.square_image],
        }


def summarize(matrix: ArrayLike) -> LinearMapSummary:
    """Compute the :class:`LinearMapSummary` of a 2x2 matrix."""
    a = as_matrix2(matrix)
    ev = eigenvalues(a)
    images = basis_images(a)
    return LinearMapSummary(
        matrix=((float(a[0, 0]), float(a[0, 1])), (float(a[1, 0]), float(a[1, 1]))),
        determinant=determinant(a),
        eigenvalues=(complex(ev[0]), complex(ev[1])),
        structure=eigen_structure(a),
        directions=eigen_directions(a),
        rank=rank(a),
        basis_images=(
            (float(images[0, 0]), float(images[0, 1])),
            (float(images[1, 0]), float(images[1, 1])),
        ),
        square_image=tuple((float(x), float(y)) for x, y in unit_square_image(a)),
    )
