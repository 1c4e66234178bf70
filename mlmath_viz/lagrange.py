"""Lagrange multipliers: the variance of the data along a unit vector, maximised.

For the centred data matrix :math:`X` (n rows, two measurements) with covariance

.. math:: S = \\frac{1}{n - 1} X^\\top X,

the variance of the data projected on a unit vector :math:`w` is
:math:`f(w) = w^\\top S w`, and the constraint is :math:`g(w) = w^\\top w - 1 = 0`.
At a constrained extremum the gradients are parallel,

.. math:: \\nabla f = 2 S w = \\lambda\\, \\nabla g = 2 \\lambda w,

so :math:`S w = \\lambda w`: :math:`w` is an eigenvector of :math:`S`, the value there is
:math:`f(w) = \\lambda`, and the maximum is the largest eigenvalue at the top eigenvector,
the first principal component (Deisenroth, Faisal & Ong, *Mathematics for Machine
Learning*, 2020, sections 7.2 and 10.2).

Standardized data are z-scores with the sample standard deviation (``ddof = 1``), so that
:math:`S` is exactly the correlation matrix. Eigenvectors follow :mod:`mlmath_viz.signs`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.signs import flip_sign

FloatArray = NDArray[np.float64]

#: Divisor n - ddof of the covariance (and of the z-scores' standard deviation).
COVARIANCE_DDOF = 1

#: Below this relative eigengap (lambda_1 - lambda_2) / lambda_1 the maximum is called
#: fragile: the contours are nearly circles, f barely changes along the circle, and a
#: small change of S turns the optimum a long way.
FRAGILE_GAP = 0.35

#: Points of the dense profile of f along the circle.
PROFILE_POINTS = 721


def prepare(x2: ArrayLike, standardized: bool) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Centre the two columns of ``x2`` and, if ``standardized``, divide each by its
    sample standard deviation:

    .. math:: z_{ij} = \\frac{x_{ij} - \\bar x_j}{s_j}, \\qquad
              s_j = \\sqrt{\\tfrac{1}{n-1} \\sum_i (x_{ij} - \\bar x_j)^2}

    Returns
    -------
    points, mean, scale : ndarrays of shapes (n, 2), (2,), (2,) (scale is 1 unstandardized)
    """
    data = np.asarray(x2, dtype=np.float64)
    if data.ndim != 2 or data.shape[1] != 2 or data.shape[0] < 2:
        raise ValueError(f"expected an (n, 2) array with n >= 2, got shape {data.shape}")
    if not np.all(np.isfinite(data)):
        raise ValueError("data must be finite")
    mean = data.mean(axis=0)
    scale = data.std(axis=0, ddof=COVARIANCE_DDOF) if standardized else np.ones(2)
    if np.any(scale <= 0):
        raise ValueError("a constant column cannot be standardized")
    return (data - mean) / scale, mean, scale


def covariance(points: ArrayLike) -> FloatArray:
    """The covariance of centred ``points``: :math:`S = X^\\top X / (n - 1)`
    (``numpy.cov(points, rowvar=False)`` for centred data), symmetrised."""
    x = np.asarray(points, dtype=np.float64)
    s: FloatArray = x.T @ x / (x.shape[0] - COVARIANCE_DDOF)
    return 0.5 * (s + s.T)


def objective(s: ArrayLike, w: ArrayLike) -> FloatArray:
    """:math:`f(w) = w^\\top S w` for one vector or each row of ``w``."""
    m = np.asarray(s, dtype=np.float64)
    v = np.atleast_2d(np.asarray(w, dtype=np.float64))
    out: FloatArray = np.einsum("ni,ij,nj->n", v, m, v)
    return out


def constraint(w: ArrayLike) -> FloatArray:
    """:math:`g(w) = w^\\top w - 1` for one vector or each row of ``w``."""
    v = np.atleast_2d(np.asarray(w, dtype=np.float64))
    out: FloatArray = np.einsum("ni,ni->n", v, v) - 1.0
    return out


def gradient_objective(s: ArrayLike, w: ArrayLike) -> FloatArray:
    """:math:`\\nabla f(w) = 2 S w` (S symmetric)."""
    out: FloatArray = 2.0 * np.asarray(s, dtype=np.float64) @ np.asarray(w, dtype=np.float64)
    return out


def gradient_constraint(w: ArrayLike) -> FloatArray:
    """:math:`\\nabla g(w) = 2 w`."""
    return 2.0 * np.asarray(w, dtype=np.float64)


def on_circle(theta: float | ArrayLike) -> FloatArray:
    """The unit vector :math:`w(\\theta) = (\\cos\\theta, \\sin\\theta)` (rows for an array)."""
    t = np.asarray(theta, dtype=np.float64)
    out: FloatArray = np.stack([np.cos(t), np.sin(t)], axis=-1)
    return out


def angle_of(w: ArrayLike) -> float:
    """The angle :math:`\\theta = \\operatorname{atan2}(w_2, w_1)` of ``w``."""
    v = np.asarray(w, dtype=np.float64)
    return float(math.atan2(v[1], v[0]))


def gradient_misalignment(s: ArrayLike, w: ArrayLike) -> float:
    """The angle in radians, in [0, pi], between :math:`\\nabla f(w)` and :math:`\\nabla g(w)`:
    0 where they point the same way (a constrained critical point with
    :math:`\\lambda > 0`), otherwise the amount by which they fail to be parallel."""
    a = gradient_objective(s, w)
    b = gradient_constraint(w)
    return float(math.atan2(abs(a[0] * b[1] - a[1] * b[0]), float(a @ b)))


def profile(s: ArrayLike, points: int = PROFILE_POINTS) -> tuple[FloatArray, FloatArray]:
    """f along the circle: angles :math:`\\theta \\in [0, 2\\pi]` and
    :math:`f(w(\\theta)) = S_{11} \\cos^2\\theta + 2 S_{12} \\sin\\theta\\cos\\theta +
    S_{22} \\sin^2\\theta`."""
    theta = np.linspace(0.0, 2.0 * np.pi, points)
    return theta, objective(s, on_circle(theta))


@dataclass(frozen=True)
class LagrangeResult:
    """The constrained problem max w^T S w subject to |w| = 1, solved."""

    covariance: FloatArray  # S (2, 2)
    eigenvalues: FloatArray  # descending
    eigenvectors: FloatArray  # rows, sign convention of mlmath_viz.signs
    points: FloatArray  # the centred (standardized) data, (n, 2)
    mean: FloatArray
    scale: FloatArray
    standardized: bool

    @property
    def optimum(self) -> FloatArray:
        """The constrained maximiser: the top eigenvector."""
        w: FloatArray = self.eigenvectors[0]
        return w

    @property
    def minimizer(self) -> FloatArray:
        """The constrained minimiser: the bottom eigenvector."""
        v: FloatArray = self.eigenvectors[1]
        return v

    @property
    def multiplier(self) -> float:
        """lambda at the maximum: the largest eigenvalue (= f there)."""
        return float(self.eigenvalues[0])

    @property
    def relative_gap(self) -> float:
        """:math:`(\\lambda_1 - \\lambda_2) / \\lambda_1`."""
        return float((self.eigenvalues[0] - self.eigenvalues[1]) / self.eigenvalues[0])

    @property
    def eigenvalue_ratio(self) -> float:
        """:math:`\\lambda_2 / \\lambda_1`: near 1, the level sets are nearly circles."""
        return float(self.eigenvalues[1] / self.eigenvalues[0])

    @property
    def fragile(self) -> bool:
        """True when the relative eigengap is below :data:`FRAGILE_GAP`."""
        return self.relative_gap < FRAGILE_GAP

    def to_json(self) -> dict[str, Any]:
        s = self.covariance
        w, v = self.optimum, self.minimizer
        theta, values = profile(s)
        return {
            "covariance": s.tolist(),
            "eigenvalues": self.eigenvalues.tolist(),
            "eigenvectors": self.eigenvectors.tolist(),
            "optimum": w.tolist(),
            "multiplier": self.multiplier,
            "gradient_objective": gradient_objective(s, w).tolist(),
            "gradient_constraint": gradient_constraint(w).tolist(),
            "objective_at_optimum": float(objective(s, w)[0]),
            "minimizer": v.tolist(),
            "multiplier_min": float(self.eigenvalues[1]),
            "gradient_objective_min": gradient_objective(s, v).tolist(),
            "gradient_constraint_min": gradient_constraint(v).tolist(),
            "relative_gap": self.relative_gap,
            "fragile": self.fragile,
            "eigenvalue_ratio": self.eigenvalue_ratio,
            "optimum_angle": angle_of(w),
            "profile_angles": theta.tolist(),
            "profile_values": values.tolist(),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "standardized": self.standardized,
            "n_samples": int(self.points.shape[0]),
            "covariance_ddof": COVARIANCE_DDOF,
        }


def solve(x2: ArrayLike, standardized: bool) -> LagrangeResult:
    """Maximise :math:`w^\\top S w` subject to :math:`w^\\top w = 1` for the covariance S
    of the two columns of ``x2`` (centred, standardized if asked): the Lagrange
    conditions :math:`2 S w = 2 \\lambda w` make the critical points S's eigenvectors,
    solved with ``numpy.linalg.eigh`` and sorted by decreasing eigenvalue."""
    points, mean, scale = prepare(x2, standardized)
    s = covariance(points)
    lam, vec = np.linalg.eigh(s)
    order = np.argsort(lam)[::-1]
    vectors = np.array([flip_sign(vec[:, k]) for k in order])
    return LagrangeResult(
        covariance=s,
        eigenvalues=lam[order].astype(np.float64),
        eigenvectors=vectors,
        points=points,
        mean=mean,
        scale=scale,
        standardized=standardized,
    )


def contour_levels(eigenvalues: ArrayLike, count: int = 5) -> list[float]:
    """Levels of f to draw: ``count`` values evenly from :math:`\\lambda_2` (the level set
    touching the circle at the minimum) to :math:`\\lambda_1` (touching it at the maximum);
    those between cross the circle at four points."""
    lam = np.asarray(eigenvalues, dtype=np.float64)
    return [float(v) for v in np.linspace(lam[1], lam[0], count)]
