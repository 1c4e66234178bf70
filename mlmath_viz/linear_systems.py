"""Linear systems :math:`Ax = b` of two equations in two unknowns.

Everything the ``LinearSystem`` scene shows is computed here. The system

.. math::

    \\begin{aligned} a_{11} x_1 + a_{12} x_2 &= b_1 \\\\ a_{21} x_1 + a_{22} x_2 &= b_2
    \\end{aligned}

is read two ways (Strang, *Introduction to Linear Algebra*, ch. 2): by rows, each
equation is a line in the :math:`(x_1, x_2)` plane and a solution is a point on both
lines; by columns, it asks for weights with :math:`x_1 a_1 + x_2 a_2 = b`, where
:math:`a_1, a_2` are the columns of :math:`A`. Through the SVD
:math:`A = \\sum_k \\sigma_k u_k v_k^T`:

* rank 2: one solution :math:`x = A^{-1} b`;
* rank :math:`r < 2` and :math:`b` in the column space (the span of
  :math:`u_1, \\dots, u_r`): infinitely many, :math:`x = x_p + \\text{null space}`, with the
  minimum-norm :math:`x_p = A^+ b = \\sum_{k \\le r} (u_k \\cdot b / \\sigma_k) v_k`;
* otherwise none; the least-squares solution :math:`\\hat x = A^+ b` (minimum norm)
  makes :math:`A\\hat x`, the orthogonal projection of :math:`b` onto the column space,
  the closest point to :math:`b`, and the residual :math:`b - A\\hat x` is perpendicular
  to every column.

"Zero" is relative, as in :mod:`mlmath_viz.linear_maps`: a singular value at most
``ZERO_TOLERANCE * max(1, max |a_ij|)`` counts as zero (the same rank as
:func:`mlmath_viz.linear_maps.rank`), and :math:`b` is in the column space when its
residual is at most ``ZERO_TOLERANCE * max(1, max |a_ij|, max |b_i|)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.linear_maps import ZERO_TOLERANCE, as_matrix2, determinant
from mlmath_viz.signs import flip_sign

FloatArray = NDArray[np.float64]
Pair = tuple[float, float]


class SystemStatus(StrEnum):
    """How many solutions :math:`Ax = b` has."""

    UNIQUE = "unique"
    INFINITELY_MANY = "infinitely-many"
    NONE = "none"


def as_vector2(vector: ArrayLike) -> FloatArray:
    """Return ``vector`` as a finite float array of shape (2,).

    Raises
    ------
    ValueError
        If the input is not a 2-vector or holds NaN or infinity.
    """
    v = np.asarray(vector, dtype=np.float64)
    if v.shape != (2,):
        raise ValueError(f"expected a 2-vector, got shape {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError("vector entries must be finite")
    return v


def _pair(v: ArrayLike) -> Pair:
    a = np.asarray(v, dtype=np.float64) + 0.0
    return (float(a[0]), float(a[1]))


def matrix_tolerance(matrix: ArrayLike) -> float:
    """``ZERO_TOLERANCE * max(1, max |a_ij|)``: below it a singular value or a row's
    length counts as zero."""
    a = as_matrix2(matrix)
    return ZERO_TOLERANCE * max(1.0, float(np.max(np.abs(a))))


def system_tolerance(matrix: ArrayLike, b: ArrayLike) -> float:
    """``ZERO_TOLERANCE * max(1, max |a_ij|, max |b_i|)``: a residual at most this long
    counts as zero (``b`` is in the column space)."""
    a, v = as_matrix2(matrix), as_vector2(b)
    return ZERO_TOLERANCE * max(1.0, float(np.max(np.abs(a))), float(np.max(np.abs(v))))


@dataclass(frozen=True)
class RowLine:
    """The points :math:`x` with :math:`r \\cdot x = \\beta` for a non-zero row :math:`r`.

    ``foot`` is the line's point closest to the origin, :math:`\\beta r / |r|^2`, and
    ``direction`` the unit vector along it, :math:`(-r_2, r_1) / |r|` with the sign
    convention of :func:`mlmath_viz.signs.flip_sign`.
    """

    foot: Pair
    direction: Pair


def row_line(row: ArrayLike, rhs: float, tolerance: float = 0.0) -> RowLine | None:
    """The line of the equation ``row . x = rhs``, or ``None`` when the row's length is
    at most ``tolerance`` (the equation reads ``0 = rhs``: every point or none).

    .. math:: \\text{foot} = \\frac{\\beta}{|r|^2}\\, r, \\qquad
        \\text{direction} = \\frac{(-r_2,\\ r_1)}{|r|}
    """
    r = as_vector2(row)
    length = float(np.hypot(r[0], r[1]))
    if length <= tolerance or length == 0.0:
        return None
    foot = (rhs / length) * (r / length)
    direction = flip_sign(np.array([-r[1], r[0]]) / length)
    return RowLine(foot=_pair(foot), direction=_pair(direction))


@dataclass(frozen=True)
class SystemSummary:
    """Every number the ``LinearSystem`` scene shows about :math:`Ax = b`."""

    matrix: tuple[Pair, Pair]
    b: Pair
    status: SystemStatus
    rank: int
    determinant: float
    solution: Pair | None  # unique only
    null_space: tuple[Pair, ...]  # unit vectors spanning it (empty for rank 2)
    particular_solution: Pair | None  # minimum-norm, infinitely-many only
    least_squares_solution: Pair | None  # minimum-norm, none only
    weights: Pair  # the x the column picture uses: A^+ b (the solution when unique)
    closest_point: Pair  # A x for those weights: b, or b's projection onto the column space
    residual: Pair  # b - closest_point
    residual_norm: float
    column_space: tuple[Pair, ...]  # unit vectors spanning it (u_1, ..., u_r, sign-fixed)
    rows: tuple[RowLine | None, RowLine | None]  # each equation's line (None: a zero row)

    @property
    def columns(self) -> tuple[Pair, Pair]:
        """The columns :math:`a_1 = A e_1` and :math:`a_2 = A e_2`."""
        (a11, a12), (a21, a22) = self.matrix
        return (a11, a21), (a12, a22)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""

        def listed(p: Pair | None) -> list[float] | None:
            return None if p is None else list(p)

        return {
            "matrix": [list(r) for r in self.matrix],
            "b": list(self.b),
            "status": self.status.value,
            "solution": listed(self.solution),
            "rank": self.rank,
            "determinant": self.determinant,
            "null_space": [list(v) for v in self.null_space],
            "particular_solution": listed(self.particular_solution),
            "least_squares_solution": listed(self.least_squares_solution),
            "residual_norm": self.residual_norm,
            "columns": [list(c) for c in self.columns],
            "weights": list(self.weights),
            "closest_point": list(self.closest_point),
            "residual": list(self.residual),
            "column_space": [list(v) for v in self.column_space],
            "row_lines": [
                None if r is None else {"foot": list(r.foot), "direction": list(r.direction)}
                for r in self.rows
            ],
        }


def minimum_norm_solution(matrix: ArrayLike, b: ArrayLike) -> FloatArray:
    """The minimum-norm least-squares solution :math:`A^+ b`.

    .. math:: A^+ b = \\sum_{k:\\ \\sigma_k > \\varepsilon} \\frac{u_k \\cdot b}{\\sigma_k}\\, v_k

    with :math:`\\varepsilon` = :func:`matrix_tolerance` (the singular values that count
    as zero are left out, as ``numpy.linalg.pinv`` does with its ``rcond``). It minimises
    :math:`|Ax - b|` and, among the minimisers, :math:`|x|`; for rank 2 it is
    :math:`A^{-1} b`.
    """
    a, v = as_matrix2(matrix), as_vector2(b)
    u, s, vt = np.linalg.svd(a)
    x = np.zeros(2)
    for k in range(2):
        if s[k] > matrix_tolerance(a):
            x += (u[:, k] @ v / s[k]) * vt[k]
    return x + 0.0


def solve_system(matrix: ArrayLike, b: ArrayLike) -> SystemSummary:
    """Classify and solve :math:`Ax = b` (see the module docstring).

    The rank and both spaces come from one SVD, :math:`A = U \\Sigma V^T`: the column
    space is spanned by the :math:`u_k` with :math:`\\sigma_k` above
    :func:`matrix_tolerance`, the null space by the other :math:`v_k`, each sign-fixed
    (:func:`mlmath_viz.signs.flip_sign`). A unique solution is solved directly
    (``numpy.linalg.solve``, LU with partial pivoting).
    """
    a, v = as_matrix2(matrix), as_vector2(b)
    u, s, vt = np.linalg.svd(a)
    keep = s > matrix_tolerance(a)
    rank = int(np.sum(keep))
    column_space = tuple(_pair(flip_sign(u[:, k])) for k in range(2) if keep[k])
    null_space = tuple(_pair(flip_sign(vt[k])) for k in range(2) if not keep[k])
    if rank == 2:
        weights = np.linalg.solve(a, v)
    else:
        weights = minimum_norm_solution(a, v)
    closest = a @ weights if rank == 2 else _project(v, column_space)
    residual = v - closest
    residual_norm = float(np.hypot(residual[0], residual[1]))
    if rank == 2:
        status = SystemStatus.UNIQUE
    elif residual_norm <= system_tolerance(a, v):
        status = SystemStatus.INFINITELY_MANY
    else:
        status = SystemStatus.NONE
    row_tol = matrix_tolerance(a)
    rows = (row_line(a[0], float(v[0]), row_tol), row_line(a[1], float(v[1]), row_tol))
    w = _pair(weights)
    return SystemSummary(
        matrix=(_pair(a[0]), _pair(a[1])),
        b=_pair(v),
        status=status,
        rank=rank,
        determinant=determinant(a),
        solution=w if status is SystemStatus.UNIQUE else None,
        null_space=null_space,
        particular_solution=w if status is SystemStatus.INFINITELY_MANY else None,
        least_squares_solution=w if status is SystemStatus.NONE else None,
        weights=w,
        closest_point=_pair(closest),
        residual=_pair(residual),
        residual_norm=residual_norm,
        column_space=column_space,
        rows=rows,
    )


def _project(v: FloatArray, basis: tuple[Pair, ...]) -> FloatArray:
    """The orthogonal projection of ``v`` onto the span of the orthonormal ``basis``:
    :math:`\\sum_k (u_k \\cdot v)\\, u_k` (the zero vector for an empty basis)."""
    p = np.zeros(2)
    for vec in basis:
        u = np.asarray(vec)
        p += (u @ v) * u
    return p + 0.0


def furthest_point(summary: SystemSummary) -> float:
    """The largest coordinate, in absolute value, of the points the row picture must
    show: the weights :math:`A^+ b` (the solution, the minimum-norm or the least-squares
    solution) and each row line's point closest to the origin.

    .. math:: \\max\\bigl(\\|A^+ b\\|_\\infty,\\ \\max_i \\|\\beta_i r_i / |r_i|^2\\|_\\infty\\bigr)
    """
    points = [summary.weights, *(r.foot for r in summary.rows if r is not None)]
    return float(max(max(abs(x), abs(y)) for x, y in points))
