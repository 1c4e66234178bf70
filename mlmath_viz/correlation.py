"""Pearson's correlation as the mean of products of z-scores, on the wine data.

Conventions (fixed here, said on screen):

- A z-score uses the **1/n** (population) standard deviation,
  ``z = (v - mean(v)) / sd(v)`` with ``sd(v)^2 = (1/n) sum (v_i - mean(v))^2``. With that
  choice Pearson's r is *literally the mean* of the products,
  ``r = (1/n) sum_i z_x,i z_y,i``. (With the 1/(n-1) deviation, as in
  ``numpy.corrcoef``'s derivation, the same r is ``sum z_x z_y / (n - 1)``: r does not
  depend on the choice, only the formula written beside it does.)
- The covariance is the sample covariance with **1/(n-1)**,
  ``cov(x, y) = sum (x_i - mean x)(y_i - mean y) / (n - 1)`` (pandas ``DataFrame.cov``,
  ``numpy.cov``), so ``r = cov / (s_x s_y)`` with the 1/(n-1) deviations.
- Each product's sign is its quadrant's about the means: positive in the upper right and
  lower left, negative in the other two, zero on a crosshair line.

The symmetric case (dependent but uncorrelated) mirrors one wine measurement about its
mean: ``u = (x - mean x, -(x - mean x))`` (2n values, exactly symmetric about 0) and
``y = u^2``. Then ``sum u_i (y_i - mean y) = sum u_i^3 - mean(y) sum u_i = 0`` because
every term has its mirror image with the opposite sign, so r = 0 (to round-off) though y
is a function of u.

Own data (a CSV file, issue 21): :func:`summarize_frame` takes any DataFrame of numbers
(the rows used, no missing values) and the columns of its matrix. The rows are the same
for the pair and the matrix (rows with a missing value in any of the matrix's columns are
dropped before), so the pair's cell of the matrix is the scatter's r. The matrix holds at
most :data:`MAX_MATRIX_COLUMNS` columns, chosen by :func:`matrix_columns`: x and y, then
the file's other numeric columns in file order, drawn in file order; a column constant
over the rows used is left out (its r is undefined).

References: K. Pearson (1895), *Notes on regression and inheritance in the case of two
parents*; any statistics text, e.g. Wasserman, *All of Statistics*, section 3.3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.datasets import WINE_FEATURES, wine_frame

FloatArray = NDArray[np.float64]

#: The ``y`` choice that means "the square of the mirrored x" (dependent, uncorrelated).
X_SQUARED = "x_squared"
#: Most columns of a correlation matrix drawn (the wine data's 13 measurements).
MAX_MATRIX_COLUMNS = 13


def _vector(values: ArrayLike) -> FloatArray:
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    if v.size < 2:
        raise ValueError(f"need at least 2 values, got {v.size}")
    if not np.all(np.isfinite(v)):
        raise ValueError("values must be finite")
    return v


def z_scores(values: ArrayLike) -> FloatArray:
    """Standardized values with the 1/n standard deviation.

    ``z_i = (v_i - mean v) / sd(v)``, ``sd(v) = sqrt((1/n) sum (v_i - mean v)^2)``, so
    ``mean z = 0`` and ``mean z^2 = 1``.

    Raises
    ------
    ValueError
        For fewer than two values, non-finite values or a constant sample (sd = 0).
    """
    v = _vector(values)
    sd = float(np.std(v))
    if sd == 0.0:
        raise ValueError("a constant sample has no z-scores (its standard deviation is 0)")
    out: FloatArray = (v - v.mean()) / sd
    return out


def products(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """Each point's product of z-scores ``z_x,i z_y,i`` (1/n standard deviations)."""
    zx, zy = z_scores(x), z_scores(y)
    if zx.shape != zy.shape:
        raise ValueError(f"x and y differ in length: {zx.size} and {zy.size}")
    out: FloatArray = zx * zy
    return out


def pearson_r(x: ArrayLike, y: ArrayLike) -> float:
    """Pearson's correlation as the mean of the products of z-scores:
    ``r = (1/n) sum_i z_x,i z_y,i`` (1/n standard deviations)."""
    return float(np.mean(products(x, y)))


def covariance(x: ArrayLike, y: ArrayLike) -> float:
    """The sample covariance ``sum (x_i - mean x)(y_i - mean y) / (n - 1)``."""
    a, b = _vector(x), _vector(y)
    if a.shape != b.shape:
        raise ValueError(f"x and y differ in length: {a.size} and {b.size}")
    return float(np.sum((a - a.mean()) * (b - b.mean())) / (a.size - 1))


def running_mean(values: ArrayLike) -> FloatArray:
    """The mean of the first k values for k = 1..n: ``m_k = (1/k) sum_{i<=k} v_i``."""
    v = _vector(values)
    out: FloatArray = np.cumsum(v) / np.arange(1, v.size + 1)
    return out


def quadrant_signs(x: ArrayLike, y: ArrayLike) -> NDArray[np.int64]:
    """The sign (+1, -1, 0) of each point's product of deviations from the means: +1 in
    the upper-right and lower-left quadrants, -1 in the other two, 0 on a mean line."""
    a, b = _vector(x), _vector(y)
    out: NDArray[np.int64] = np.sign((a - a.mean()) * (b - b.mean())).astype(np.int64)
    return out


def mirrored_square(values: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """The symmetric sample and its square: ``u = (v - mean v, -(v - mean v))`` (2n
    values, symmetric about 0) and ``u^2``; their correlation is 0 (see the module)."""
    v = _vector(values)
    d = v - v.mean()
    u: FloatArray = np.concatenate([d, -d])
    return u, u * u


def correlation_matrix(frame: Any, columns: tuple[str, ...] = WINE_FEATURES) -> FloatArray:
    """Pearson correlations of ``columns`` of a pandas DataFrame (``DataFrame.corr``), as
    a square array in ``columns`` order."""
    out: FloatArray = frame[list(columns)].corr(method="pearson").to_numpy(dtype=np.float64)
    return out


def matrix_columns(
    numeric: Sequence[str], x: str, y: str, cap: int = MAX_MATRIX_COLUMNS
) -> tuple[list[str], list[str]]:
    """The columns of a file's correlation matrix and those left out by the cap.

    ``numeric`` are the file's numeric columns in file order. The matrix holds ``x`` and
    ``y`` (``y`` unless it is :data:`X_SQUARED`), then the other columns of ``numeric``
    in file order until there are ``cap``; the result keeps file order (``x`` and ``y``
    first when they are not in ``numeric``).

    Raises
    ------
    ValueError
        For a ``cap`` below 2.
    """
    if cap < 2:
        raise ValueError(f"a matrix needs room for 2 columns, got cap {cap}")
    pair = list(dict.fromkeys(c for c in (x, y) if c != X_SQUARED))
    chosen = set(pair)
    for name in numeric:
        if len(chosen) >= cap:
            break
        chosen.add(name)
    order = list(dict.fromkeys([*[c for c in pair if c not in numeric], *numeric]))
    drawn = [c for c in order if c in chosen]
    return drawn, [c for c in numeric if c not in chosen]


def extreme_pairs(matrix: ArrayLike) -> tuple[tuple[int, int], tuple[int, int]]:
    """The (row, column) pairs, row < column, of the largest and the smallest
    off-diagonal entry of a symmetric matrix (the first in row-major order on a tie).

    Raises
    ------
    ValueError
        For a matrix with fewer than 2 rows (no pair).
    """
    m = np.asarray(matrix, dtype=np.float64)
    if m.shape[0] < 2:
        raise ValueError("a matrix of fewer than 2 columns has no pair")
    rows, cols = np.triu_indices(m.shape[0], 1)
    upper = m[rows, cols]
    hi, lo = int(np.argmax(upper)), int(np.argmin(upper))
    return (int(rows[hi]), int(cols[hi])), (int(rows[lo]), int(cols[lo]))


def near_quantile(values: ArrayLike, mask: ArrayLike, q: float) -> int:
    """The index, among those where ``mask`` holds, of the value whose absolute size is
    nearest the ``q`` quantile (numpy's linear method) of their absolute sizes (the
    first on a tie).

    Raises
    ------
    ValueError
        When ``mask`` selects nothing.
    """
    v = np.abs(np.asarray(values, dtype=np.float64))
    keep = np.asarray(mask, dtype=bool)
    if not np.any(keep):
        raise ValueError("no value selected")
    target = float(np.quantile(v[keep], q))
    return int(np.argmin(np.where(keep, np.abs(v - target), np.inf)))


@dataclass(frozen=True)
class PairSummary:
    """Everything the Correlation scene shows about one pair of variables."""

    x_name: str  # a wine measurement (a column of the file)
    y_name: str  # a wine measurement (a column) or X_SQUARED
    x: FloatArray  # the values drawn on the x axis (raw units; mirrored deviations for X_SQUARED)
    y: FloatArray
    mean_x: float
    mean_y: float
    sd_x: float  # 1/n standard deviations
    sd_y: float
    z_x: FloatArray
    z_y: FloatArray
    products: FloatArray  # z_x z_y
    running_mean: FloatArray  # mean of the first k products
    r: float  # mean of the products
    covariance: float  # 1/(n-1)
    r_pandas: float  # pandas Series.corr of the same two columns
    matrix: FloatArray  # correlation matrix of ``features`` (13 x 13 for the wine data)
    features: tuple[str, ...] = WINE_FEATURES  # the matrix's columns, in order

    @property
    def n(self) -> int:
        return int(self.x.size)

    @property
    def dependent(self) -> bool:
        """True when y is the square of the mirrored x."""
        return self.y_name == X_SQUARED

    def quadrant_counts(self) -> dict[str, int]:
        """Points with a positive, negative and zero product."""
        s = np.sign(self.products)
        return {
            "positive": int(np.sum(s > 0)),
            "negative": int(np.sum(s < 0)),
            "zero": int(np.sum(s == 0)),
        }

    def to_json(self) -> dict[str, Any]:
        counts = self.quadrant_counts()
        pos = self.products[self.products > 0]
        neg = self.products[self.products < 0]
        names = list(self.features)
        if len(names) >= 2:
            strongest, weakest = extreme_pairs(self.matrix)
            extremes: dict[str, Any] = {
                "strongest_pair": [names[k] for k in strongest],
                "strongest_r": float(self.matrix[strongest]),
                "most_negative_pair": [names[k] for k in weakest],
                "most_negative_r": float(self.matrix[weakest]),
            }
        else:  # one column: no pair
            extremes = dict.fromkeys(
                ("strongest_pair", "strongest_r", "most_negative_pair", "most_negative_r")
            )
        return {
            "x": self.x_name,
            "y": self.y_name,
            "r": self.r,
            "covariance": self.covariance,
            "correlation_matrix": self.matrix.tolist(),
            "features": names,
            "n": self.n,
            "x_values": self.x.tolist(),
            "y_values": self.y.tolist(),
            "x_mean": self.mean_x,
            "y_mean": self.mean_y,
            "x_sd": self.sd_x,
            "y_sd": self.sd_y,
            "sd_ddof": 0,
            "covariance_ddof": 1,
            "z_x": self.z_x.tolist(),
            "z_y": self.z_y.tolist(),
            "products": self.products.tolist(),
            "running_mean": self.running_mean.tolist(),
            "r_pandas": self.r_pandas,
            "positive_count": counts["positive"],
            "negative_count": counts["negative"],
            "zero_count": counts["zero"],
            "positive_sum": float(pos.sum()),
            "negative_sum": float(neg.sum()),
            "dependent": self.dependent,
            **extremes,
        }


def summarize(x_name: str, y_name: str) -> PairSummary:
    """The wine pair (``x_name``, ``y_name``): scikit-learn's wine data through pandas;
    ``y_name = X_SQUARED`` takes the mirrored x and its square instead.

    Raises
    ------
    ValueError
        For a name that is not a wine measurement (or ``X_SQUARED`` for y).
    """
    if x_name not in WINE_FEATURES:
        raise ValueError(f"unknown wine measurement {x_name!r}")
    if y_name not in WINE_FEATURES and y_name != X_SQUARED:
        raise ValueError(f"unknown wine measurement {y_name!r}")
    return summarize_frame(wine_frame(), x_name, y_name, WINE_FEATURES)


def summarize_frame(
    frame: Any, x_name: str, y_name: str, columns: Sequence[str] | None = None
) -> PairSummary:
    """The pair (``x_name``, ``y_name``) of a pandas DataFrame of numbers (the rows used:
    no missing values) and the correlation matrix of ``columns`` (default: the pair) over
    the same rows, so the pair's cell is the pair's r; ``y_name = X_SQUARED`` takes the
    mirrored x and its square instead.

    Raises
    ------
    ValueError
        For a column the frame lacks, fewer than 2 rows or a constant x or y.
    """
    names = list(columns) if columns is not None else [x_name]
    if columns is None and y_name != X_SQUARED and y_name != x_name:
        names.append(y_name)
    for name in dict.fromkeys([x_name, *([] if y_name == X_SQUARED else [y_name]), *names]):
        if name not in frame.columns:
            raise ValueError(f"the frame has no column {name!r}")
    raw_x = frame[x_name].to_numpy(dtype=np.float64)
    if y_name == X_SQUARED:
        x, y = mirrored_square(raw_x)
        series = type(frame[x_name])  # pandas.Series (pandas ships no type stubs here)
        r_pandas = float(series(x).corr(series(y)))
    else:
        x, y = raw_x, frame[y_name].to_numpy(dtype=np.float64)
        r_pandas = float(frame[x_name].corr(frame[y_name]))
    prods = products(x, y)
    return PairSummary(
        x_name=x_name,
        y_name=y_name,
        x=x,
        y=y,
        mean_x=float(x.mean()),
        mean_y=float(y.mean()),
        sd_x=float(np.std(x)),
        sd_y=float(np.std(y)),
        z_x=z_scores(x),
        z_y=z_scores(y),
        products=prods,
        running_mean=running_mean(prods),
        r=float(np.mean(prods)),
        covariance=covariance(x, y),
        r_pandas=r_pandas,
        matrix=correlation_matrix(frame, tuple(names)),
        features=tuple(names),
    )


__all__ = [
    "MAX_MATRIX_COLUMNS",
    "X_SQUARED",
    "PairSummary",
    "correlation_matrix",
    "covariance",
    "extreme_pairs",
    "matrix_columns",
    "mirrored_square",
    "near_quantile",
    "pearson_r",
    "products",
    "quadrant_signs",
    "running_mean",
    "summarize",
    "summarize_frame",
    "z_scores",
]
