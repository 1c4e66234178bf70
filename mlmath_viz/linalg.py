"""Composition and inversion of linear maps of the plane.

Everything the ``Composition`` and ``Inverse`` scenes show about 2x2 matrices is
computed here. Applying :math:`A` first and :math:`B` second is the single map

.. math:: x \\mapsto B(Ax) = (BA)x,

so the product :math:`BA` (read right to left) is the composition, and its columns are
where the basis vectors land after both maps. The inverse of

.. math::

    A = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}
    \\quad\\text{is}\\quad
    A^{-1} = \\frac{1}{ad - bc} \\begin{pmatrix} d & -b \\\\ -c & a \\end{pmatrix},

which exists exactly when :math:`\\det A \\ne 0`. Numerically, "zero" uses the same
relative tolerance as :mod:`mlmath_viz.linear_maps`
(:data:`~mlmath_viz.linear_maps.ZERO_TOLERANCE`, scaled by ``max(1, max |a_ij|)``), so a
matrix is singular here exactly when :func:`mlmath_viz.linear_maps.rank` is below 2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.linear_maps import (
    ZERO_TOLERANCE,
    as_matrix2,
    basis_images,
    determinant,
    rank,
)
from mlmath_viz.signs import flip_sign

FloatArray = NDArray[np.float64]

#: Condition number from which an invertible matrix counts as ill-conditioned: its
#: inverse magnifies relative errors in ``A`` (or in a vector) up to this many times,
#: so about ``log10(cond)`` of the ~16 significant digits of a float are lost.
ILL_CONDITIONED = 1e4

Matrix2Tuple = tuple[tuple[float, float], tuple[float, float]]


def _scale(a: FloatArray) -> float:
    """``max(1, max |a_ij|)``: the size that makes tolerances relative (as in linear_maps)."""
    return max(1.0, float(np.max(np.abs(a))))


def _as_tuple(a: FloatArray) -> Matrix2Tuple:
    return ((float(a[0, 0]), float(a[0, 1])), (float(a[1, 0]), float(a[1, 1])))


def compose(first: ArrayLike, second: ArrayLike) -> FloatArray:
    """The single map that applies ``first`` (A), then ``second`` (B): :math:`BA`.

    .. math:: (BA)_{ij} = \\sum_k B_{ik} A_{kj}, \\qquad (BA)x = B(Ax)

    Column ``j`` of :math:`BA` is :math:`B` applied to column ``j`` of :math:`A`: where
    :math:`e_j` lands after both maps.
    """
    a = as_matrix2(first)
    b = as_matrix2(second)
    product: FloatArray = b @ a
    return product


def commute(first: ArrayLike, second: ArrayLike) -> bool:
    """True when :math:`AB = BA` to within the relative tolerance.

    The test is :math:`\\max_{ij} |(AB - BA)_{ij}| \\le \\varepsilon\\,s^2` with
    :math:`\\varepsilon` = ``ZERO_TOLERANCE`` and :math:`s = \\max(1, \\max|a_{ij}|,
    \\max|b_{ij}|)` (a product's entries scale with :math:`s^2`).
    """
    a = as_matrix2(first)
    b = as_matrix2(second)
    s = max(_scale(a), _scale(b))
    return bool(np.max(np.abs(a @ b - b @ a)) <= ZERO_TOLERANCE * s * s)


def singular_values(matrix: ArrayLike) -> FloatArray:
    """Singular values :math:`\\sigma_1 \\ge \\sigma_2 \\ge 0` of a 2x2 matrix (numpy's SVD)."""
    values = np.linalg.svd(as_matrix2(matrix), compute_uv=False)
    return np.asarray(values, dtype=np.float64)


def condition_number(matrix: ArrayLike) -> float:
    """The 2-norm condition number :math:`\\kappa(A) = \\sigma_1 / \\sigma_2`.

    It is how many times :math:`A^{-1}` can magnify a relative error (numpy calls it
    ``cond``). Computed as :math:`\\sigma_1^2 / |\\det A|` (since
    :math:`\\sigma_1 \\sigma_2 = |\\det A|`), which stays accurate for nearly singular
    matrices, where the SVD's :math:`\\sigma_2` is mostly rounding error. Infinite when
    :math:`\\det A = 0` exactly (including the zero matrix); 1 for rotations and for
    multiples of the identity.
    """
    a = as_matrix2(matrix)
    det = abs(determinant(a))
    if det == 0.0:
        return math.inf
    s1 = float(singular_values(a)[0])
    return s1 * s1 / det


class InverseStatus(StrEnum):
    """Whether a 2x2 matrix can be undone, and how safely."""

    INVERTIBLE = "invertible"  # rank 2, condition number below ILL_CONDITIONED
    ILL_CONDITIONED = "ill_conditioned"  # rank 2, but cond(A) >= ILL_CONDITIONED
    NUMERICALLY_SINGULAR = "numerically_singular"  # det != 0 but rank < 2 at the tolerance
    SINGULAR = "singular"  # det = 0 exactly


def inverse_status(matrix: ArrayLike) -> InverseStatus:
    """Classify ``matrix`` (see :class:`InverseStatus`).

    Singular when the smallest singular value is at most
    ``ZERO_TOLERANCE * max(1, max |a_ij|)``, the rule of
    :func:`mlmath_viz.linear_maps.rank`; *numerically* singular when, in addition, the
    determinant is not exactly zero (e.g. ``det = 1e-12``: zero to within rounding, and
    an "inverse" would be dominated by rounding error).
    """
    a = as_matrix2(matrix)
    if rank(a) < 2:
        if determinant(a) == 0.0:
            return InverseStatus.SINGULAR
        return InverseStatus.NUMERICALLY_SINGULAR
    if condition_number(a) >= ILL_CONDITIONED:
        return InverseStatus.ILL_CONDITIONED
    return InverseStatus.INVERTIBLE


def adjugate(matrix: ArrayLike) -> FloatArray:
    """The adjugate :math:`\\operatorname{adj} A = \\begin{pmatrix} d & -b \\\\ -c & a
    \\end{pmatrix}`, with :math:`A \\operatorname{adj} A = (\\det A) I`."""
    a = as_matrix2(matrix)
    adj: FloatArray = np.array([[a[1, 1], -a[0, 1]], [-a[1, 0], a[0, 0]]]) + 0.0
    return adj


def inverse(matrix: ArrayLike) -> FloatArray | None:
    """:math:`A^{-1} = \\operatorname{adj} A / \\det A`, or ``None`` when ``A`` is singular.

    "Singular" includes numerically singular matrices (see :func:`inverse_status`):
    for them the formula would return huge entries made mostly of rounding error.
    Ill-conditioned but invertible matrices do get their inverse. Agrees with
    ``numpy.linalg.inv`` and ``scipy.linalg.inv``.
    """
    a = as_matrix2(matrix)
    if rank(a) < 2:
        return None
    inv: FloatArray = adjugate(a) / determinant(a)
    return inv


def null_direction(matrix: ArrayLike) -> FloatArray | None:
    """A unit vector :math:`n` with :math:`An \\approx 0`, or ``None`` when rank is 2.

    The right singular vector of the smallest singular value, with the project's sign
    convention (:func:`mlmath_viz.signs.flip_sign`). For the zero matrix it is
    :math:`e_2`.
    """
    a = as_matrix2(matrix)
    if rank(a) == 2:
        return None
    _, _, vt = np.linalg.svd(a)
    return flip_sign(vt[1])


def collapsing_pair(matrix: ArrayLike, along: float = 1.5) -> tuple[FloatArray, FloatArray]:
    """Two distinct points :math:`p \\ne q` with the same image :math:`Ap = Aq`.

    With :math:`v` the right singular vector of the largest singular value and
    :math:`n` the null direction (both unit, orthogonal),
    :math:`p = \\text{along}\\,v + n` and :math:`q = \\text{along}\\,v - n`, so
    :math:`p - q = 2n` and :math:`A(p - q) \\approx 0`. ``along > 1`` puts the common
    image :math:`\\text{along}\\,\\sigma_1 u_1` beyond both basis images on the line that
    the plane collapses onto (:math:`|v \\cdot e_k| \\le 1`).

    Raises
    ------
    ValueError
        If the matrix has rank 2 (no two points share an image).
    """
    a = as_matrix2(matrix)
    n = null_direction(a)
    if n is None:
        raise ValueError("an invertible matrix sends distinct points to distinct points")
    v = flip_sign(np.array([n[1], -n[0]]))
    return along * v + n, along * v - n


@dataclass(frozen=True)
class CompositionSummary:
    """Every number the ``Composition`` scene shows about :math:`A` then :math:`B`."""

    first: Matrix2Tuple  # A, applied first
    second: Matrix2Tuple  # B, applied second
    product: Matrix2Tuple  # BA: A then B
    reverse_product: Matrix2Tuple  # AB: B then A
    commute: bool
    det_first: float
    det_second: float
    det_product: float
    det_reverse: float

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""
        product = np.array(self.product)
        reverse = np.array(self.reverse_product)
        return {
            "first": [list(r) for r in self.first],
            "second": [list(r) for r in self.second],
            "product": [list(r) for r in self.product],
            "reverse_product": [list(r) for r in self.reverse_product],
            "commute": self.commute,
            "basis_images": basis_images(product).tolist(),
            "reverse_basis_images": basis_images(reverse).tolist(),
            "determinants": {
                "first": self.det_first,
                "second": self.det_second,
                "product": self.det_product,
                "reverse_product": self.det_reverse,
            },
        }


def summarize_composition(first: ArrayLike, second: ArrayLike) -> CompositionSummary:
    """Compute the :class:`CompositionSummary` of applying ``first``, then ``second``."""
    a = as_matrix2(first)
    b = as_matrix2(second)
    return CompositionSummary(
        first=_as_tuple(a),
        second=_as_tuple(b),
        product=_as_tuple(compose(a, b)),
        reverse_product=_as_tuple(compose(b, a)),
        commute=commute(a, b),
        det_first=determinant(a),
        det_second=determinant(b),
        det_product=determinant(compose(a, b)),
        det_reverse=determinant(compose(b, a)),
    )


@dataclass(frozen=True)
class InverseSummary:
    """Every number the ``Inverse`` scene shows about a matrix and its inverse."""

    matrix: Matrix2Tuple
    determinant: float
    status: InverseStatus
    rank: int
    condition_number: float  # may be infinite
    inverse: Matrix2Tuple | None
    adjugate: Matrix2Tuple
    roundtrip: Matrix2Tuple | None  # A^-1 A, computed in floating point
    collapsing_pair: tuple[tuple[float, float], tuple[float, float]] | None
    collapsed_image: tuple[float, float] | None  # A p (= A q)

    @property
    def invertible(self) -> bool:
        """True when the scene undoes the map (invertible or ill-conditioned)."""
        return self.inverse is not None

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field (an infinite condition
        number is written as ``null``)."""
        cond = self.condition_number
        return {
            "matrix": [list(r) for r in self.matrix],
            "determinant": self.determinant,
            "invertible": self.invertible,
            "status": self.status.value,
            "inverse": None if self.inverse is None else [list(r) for r in self.inverse],
            "rank": self.rank,
            "condition_number": cond if math.isfinite(cond) else None,
            "adjugate": [list(r) for r in self.adjugate],
            "basis_images": basis_images(self.matrix).tolist(),
            "roundtrip": None if self.roundtrip is None else [list(r) for r in self.roundtrip],
            "collapsing_pair": (
                None if self.collapsing_pair is None else [list(p) for p in self.collapsing_pair]
            ),
            "collapsed_image": (
                None if self.collapsed_image is None else list(self.collapsed_image)
            ),
        }


def summarize_inverse(matrix: ArrayLike) -> InverseSummary:
    """Compute the :class:`InverseSummary` of a 2x2 matrix."""
    a = as_matrix2(matrix)
    inv = inverse(a)
    pair = None
    image = None
    if inv is None:
        p, q = collapsing_pair(a)
        pair = ((float(p[0]), float(p[1])), (float(q[0]), float(q[1])))
        ap = a @ p
        image = (float(ap[0]), float(ap[1]))
    return InverseSummary(
        matrix=_as_tuple(a),
        determinant=determinant(a),
        status=inverse_status(a),
        rank=rank(a),
        condition_number=condition_number(a),
        inverse=None if inv is None else _as_tuple(inv),
        adjugate=_as_tuple(adjugate(a)),
        roundtrip=None if inv is None else _as_tuple(inv @ a),
        collapsing_pair=pair,
        collapsed_image=image,
    )
