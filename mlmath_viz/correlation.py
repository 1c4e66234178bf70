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

References: K. Pearson (1895), *Notes on regression and inheritance in the case of two
parents*; any statistics text, e.g. Wasserman, *All of Statistics*, section 3.3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.datasets import WINE_FEATURES, wine_frame

FloatArray = NDArray[np.float64]

#: The ``y`` choice that means "the square of the mirrored x" (dependent, uncorrelated).
X_SQUARED = "x_squared"


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


def extreme_pairs(matrix: ArrayLike) -> tuple[tuple[int, int], tuple[int, int]]:
    """The (row, column) pairs, row < column, of the largest and the smallest
    off-diagonal entry of a symmetric matrix (the first in row-major order on a tie)."""
    m = np.asarray(matrix, dtype=np.float64)
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

    x_name: str  # a wine measurement
    y_name: str  # a wine measurement or X_SQUARED
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
    matrix: FloatArray  # 13 x 13 correlation matrix of the wine measurements

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
        strongest, weakest = extreme_pairs(self.matrix)
        pos = self.products[self.products > 0]
        neg = self.products[self.products < 0]
        return {
            "x": self.x_name,
            "y": self.y_name,
            "r": self.r,
            "covariance": self.covariance,
            "correlation_matrix": self.matrix.tolist(),
            "features": list(WINE_FEATURES),
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
            "strongest_pair": [WINE_FEATURES[k] for k in strongest],
            "strongest_r": float(self.matrix[strongest]),
            "most_negative_pair": [WINE_FEATURES[k] for k in weakest],
            "most_negative_r": float(self.matrix[weakest]),
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
    frame = wine_frame()
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
        matrix=correlation_matrix(frame),
    )


__all__ = [
    "X_SQUARED",
    "PairSummary",
    "correlation_matrix",
    "covariance",
    "extreme_pairs",
    "mirrored_square",
    "near_quantile",
    "pearson_r",
    "products",
    "quadrant_signs",
    "running_mean",
    "summarize",
    "z_scores",
]
