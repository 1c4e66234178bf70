"""Least squares as an orthogonal projection, and the normal equations.

The straight-line model :math:`\\hat y = \\beta_0 + \\beta_1 x` for :math:`n` patients
is :math:`\\hat y = X\\beta` with the design matrix :math:`X = [\\mathbf 1, x]` (a column
of ones and the feature). Its predictions, for every :math:`\\beta`, fill the column
space of :math:`X`, the plane spanned by :math:`\\mathbf 1` and :math:`x` in
:math:`\\mathbb R^n`. The least-squares :math:`\\hat\\beta` minimises
:math:`\\|y - X\\beta\\|^2`; its prediction :math:`\\hat y = X\\hat\\beta` is the orthogonal
projection of :math:`y` onto that plane,

.. math:: \\hat y = P y,\\qquad P = X (X^T X)^{-1} X^T,

so the residual :math:`r = y - \\hat y` is perpendicular to both columns,
:math:`X^T r = 0`, which is the normal equations

.. math:: X^T X \\hat\\beta = X^T y,\\qquad
    X^T X = \\begin{bmatrix} n & \\sum x_k \\\\ \\sum x_k & \\sum x_k^2 \\end{bmatrix},\\quad
    X^T y = \\begin{bmatrix} \\sum y_k \\\\ \\sum x_k y_k \\end{bmatrix}

(Strang, *Introduction to Linear Algebra*, 5th ed., section 4.3). :math:`\\hat\\beta`
is computed from the QR factorisation :math:`X = QR` as :math:`R\\hat\\beta = Q^T y`
(forming :math:`X^T X` squares the condition number); the normal-equation numbers are
given beside it, for the screen. With three patients :math:`y` is a point of
:math:`\\mathbb R^3` and the plane can be drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.regression import diabetes

FloatArray = NDArray[np.float64]

#: Patients in scikit-learn's diabetes data.
DIABETES_ROWS = 442


def design_matrix(x: ArrayLike) -> FloatArray:
    """:math:`X = [\\mathbf 1, x]`, shape (n, 2): a column of ones and the feature."""
    xx = np.asarray(x, dtype=np.float64).reshape(-1)
    return np.column_stack([np.ones_like(xx), xx])


def spans_plane(x: ArrayLike) -> bool:
    """True when :math:`\\mathbf 1` and :math:`x` are independent (span a plane), i.e.
    when the values of :math:`x` are not all equal; equal values make
    :math:`x = x_1 \\mathbf 1` and the columns span only a line."""
    xx = np.asarray(x, dtype=np.float64).reshape(-1)
    return bool(len(xx) >= 2 and np.ptp(xx) > 0)


def fit(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """Least-squares :math:`\\hat\\beta = (\\beta_0, \\beta_1)` (intercept, slope) of
    :math:`y \\approx \\beta_0 + \\beta_1 x`, from :math:`X = QR`:
    :math:`R \\hat\\beta = Q^T y`.

    Raises
    ------
    ValueError
        If the values of ``x`` are all equal (no unique line).
    """
    if not spans_plane(x):
        raise ValueError("the values of x are all equal: 1 and x span only a line")
    q, r = np.linalg.qr(design_matrix(x))
    beta: FloatArray = np.linalg.solve(r, q.T @ np.asarray(y, dtype=np.float64))
    return beta


def normal_equations(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """:math:`(X^T X, X^T y)`: :math:`\\begin{bmatrix} n & \\sum x \\\\ \\sum x & \\sum
    x^2\\end{bmatrix}` and :math:`(\\sum y, \\sum x y)`."""
    xm = design_matrix(x)
    yy = np.asarray(y, dtype=np.float64).reshape(-1)
    return xm.T @ xm, xm.T @ yy


def projection(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """:math:`(\\hat y, r)`: the orthogonal projection :math:`\\hat y = X\\hat\\beta` of
    :math:`y` onto the span of :math:`\\mathbf 1` and :math:`x`, and the residual
    :math:`r = y - \\hat y`."""
    yy = np.asarray(y, dtype=np.float64).reshape(-1)
    fitted: FloatArray = design_matrix(x) @ fit(x, yy)
    return fitted, yy - fitted


def on_one_line(x: ArrayLike, y: ArrayLike, rtol: float = 1e-9) -> bool:
    """True when the points :math:`(x_k, y_k)` lie on one line: the residual of the
    least-squares line is zero, :math:`\\|r\\| \\le \\text{rtol}\\,\\|y\\|` (then :math:`y`
    is in the plane of :math:`\\mathbf 1` and :math:`x` and nothing is projected)."""
    yy = np.asarray(y, dtype=np.float64).reshape(-1)
    _, residual = projection(x, yy)
    return bool(np.linalg.norm(residual) <= rtol * np.linalg.norm(yy))


@dataclass(frozen=True, eq=False)
class LeastSquaresSummary:
    """Everything the ``LeastSquares`` scene shows: the fit on three rows (a picture in
    R^3) and on every row (the normal equations)."""

    feature: str
    x_name: str
    rows: tuple[int, int, int]
    x_rows: tuple[float, float, float]  # the feature of the three rows
    y_rows: tuple[float, float, float]  # their disease progression: y in R^3
    beta_rows: tuple[float, float]  # (intercept, slope) fitted to the three rows
    projection: tuple[float, float, float]  # y-hat = X beta_rows
    residual: tuple[float, float, float]  # y - y-hat
    residual_dot_columns: tuple[float, float]  # (r . 1, r . x) = X^T r, zero to rounding
    n: int  # rows of the whole data
    beta: tuple[float, float]  # (intercept, slope) fitted to every row
    normal_matrix: tuple[tuple[float, float], tuple[float, float]]  # X^T X, every row
    normal_rhs: tuple[float, float]  # X^T y, every row
    x_all: FloatArray  # the feature of every row
    y_all: FloatArray  # the target of every row

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field (without the 442 rows,
        which the data set holds)."""
        return {
            "feature": self.feature,
            "x_name": self.x_name,
            "rows": list(self.rows),
            "x_rows": list(self.x_rows),
            "y_rows": list(self.y_rows),
            "beta_rows": list(self.beta_rows),
            "projection": list(self.projection),
            "residual": list(self.residual),
            "residual_norm": float(np.linalg.norm(self.residual)),
            "residual_dot_columns": list(self.residual_dot_columns),
            "n": self.n,
            "beta": list(self.beta),
            "normal_matrix": [list(r) for r in self.normal_matrix],
            "normal_rhs": list(self.normal_rhs),
        }


def _floats(a: ArrayLike) -> tuple[float, ...]:
    return tuple(float(v) + 0.0 for v in np.asarray(a, dtype=np.float64).reshape(-1))


def summarize(feature: str, rows: tuple[int, int, int]) -> LeastSquaresSummary:
    """The least-squares fit of disease progression on ``feature`` (scikit-learn's
    diabetes data, original units) for the three ``rows`` and for all 442 rows.

    Raises
    ------
    ValueError
        If ``rows`` is not three distinct indices in 0..441, or the three rows' feature
        values are all equal.
    """
    if len(rows) != 3 or len(set(rows)) != 3:
        raise ValueError(f"rows must be three distinct indices, got {rows!r}")
    if any(not 0 <= r < DIABETES_ROWS for r in rows):
        raise ValueError(f"rows must be in 0..{DIABETES_ROWS - 1}, got {rows!r}")
    data = diabetes(feature)
    return summarize_arrays(data.x, data.y, rows, feature=feature, x_name=data.x_name)


def summarize_arrays(
    x: ArrayLike,
    y: ArrayLike,
    rows: tuple[int, int, int],
    *,
    feature: str,
    x_name: str,
    picked: tuple[int, int, int] | None = None,
) -> LeastSquaresSummary:
    """The least-squares fit of ``y`` on ``x`` (any data: columns of a table, one entry
    per row used) for three rows and for every row.

    ``picked`` are the three rows' positions in ``x`` and ``y`` (default ``rows``);
    ``rows`` is how they are named (e.g. their positions in a file whose rows with a
    missing value were left out of ``x`` and ``y``). ``feature`` and ``x_name`` name
    the column (for the sidecar and the screen).

    Raises
    ------
    ValueError
        If the picked positions are not three distinct positions in ``x``, or the three
        rows' values of ``x`` are all equal.
    """
    xa = np.asarray(x, dtype=np.float64).reshape(-1)
    ya = np.asarray(y, dtype=np.float64).reshape(-1)
    if xa.shape != ya.shape:
        raise ValueError(f"x and y must be of one length, got {xa.size} and {ya.size}")
    at = tuple(rows if picked is None else picked)
    if len(at) != 3 or len(set(at)) != 3 or len(rows) != 3:
        raise ValueError(f"rows must be three distinct indices, got {rows!r}")
    if any(not 0 <= r < len(xa) for r in at):
        raise ValueError(f"rows must be in 0..{len(xa) - 1}, got {at!r}")
    idx = np.array(at)
    x3, y3 = xa[idx], ya[idx]
    beta3 = fit(x3, y3)
    fitted, residual = projection(x3, y3)
    xtx, xty = normal_equations(xa, ya)
    b0, b1 = _floats(beta3)
    a0, a1 = _floats(fit(xa, ya))
    d0, d1 = _floats(design_matrix(x3).T @ residual)
    (m00, m01), (m10, m11) = (_floats(r) for r in xtx)
    v0, v1 = _floats(xty)
    px, py, pz = _floats(fitted)
    rx, ry, rz = _floats(residual)
    xa3, xb3, xc3 = _floats(x3)
    ya3, yb3, yc3 = _floats(y3)
    return LeastSquaresSummary(
        feature=feature,
        x_name=x_name,
        rows=(int(rows[0]), int(rows[1]), int(rows[2])),
        x_rows=(xa3, xb3, xc3),
        y_rows=(ya3, yb3, yc3),
        beta_rows=(b0, b1),
        projection=(px, py, pz),
        residual=(rx, ry, rz),
        residual_dot_columns=(d0, d1),
        n=len(xa),
        beta=(a0, a1),
        normal_matrix=((m00, m01), (m10, m11)),
        normal_rhs=(v0, v1),
        x_all=xa,
        y_all=ya,
    )
