"""Principal component analysis, two ways, and the geometry the PCA scenes draw.

PCA is computed by the eigen-decomposition of the sample covariance matrix
(:func:`pca_eigh`) and by the singular value decomposition of the centred data
(:func:`pca_svd`); the two agree (tests check it, and both against
``sklearn.decomposition.PCA``). Components are rows, flipped by
:func:`mlmath_viz.signs.flip_rows` so that each row's largest-magnitude entry is
positive: the convention of scikit-learn's ``svd_flip(..., u_based_decision=False)``
(its PCA since 1.5), so ``components`` equals ``PCA().components_`` entry by entry
(except that entries tied up to round-off count as tied, see ``flip_sign``).

Conventions
-----------
- Covariance uses ``ddof = 1`` (divides by :math:`n - 1`), as ``numpy.cov`` and
  scikit-learn's ``PCA.explained_variance_``.
- Standardizing divides each centred column by its standard deviation with
  ``ddof = 0`` (divides by :math:`n`), as ``sklearn.preprocessing.StandardScaler``; a
  constant column keeps scale 1 (StandardScaler does the same). The covariance of
  standardized data is therefore :math:`n/(n-1)` times the correlation matrix; the
  explained variance *ratios* and the components do not depend on that factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.signs import flip_rows

FloatArray = NDArray[np.float64]

#: Degrees of freedom removed by the sample covariance: divide by n - 1.
COVARIANCE_DDOF = 1
#: Degrees of freedom removed by the standardizing scale: divide by n (StandardScaler).
SCALE_DDOF = 0


@dataclass(frozen=True)
class PCAResult:
    """Principal components of a data set, largest variance first.

    Attributes
    ----------
    components : ndarray of shape (k, d)
        Unit principal axes as rows, sign-fixed (largest-magnitude entry positive).
    explained_variance : ndarray of shape (k,)
        Variance of the data along each axis: the covariance eigenvalues
        :math:`\\lambda_i = s_i^2 / (n - 1)`.
    explained_variance_ratio : ndarray of shape (k,)
        :math:`\\lambda_i / \\sum_{j=1}^{d} \\lambda_j` (the total is over all ``d``
        axes, as in scikit-learn, even when fewer are kept).
    mean : ndarray of shape (d,)
        Column means of the original data.
    scale : ndarray of shape (d,)
        Column standard deviations (``ddof = 0``) when standardized, else ones.
    n_samples : int
        Number of rows.
    standardized : bool
        Whether the columns were divided by ``scale`` before the decomposition.
    """

    components: FloatArray
    explained_variance: FloatArray
    explained_variance_ratio: FloatArray
    mean: FloatArray
    scale: FloatArray
    n_samples: int
    standardized: bool

    def prepare(self, x: ArrayLike) -> FloatArray:
        """The data the axes describe: ``x`` centred, and divided by ``scale`` if standardized.

        .. math:: z = (x - \\mu) / \\sigma
        """
        z: FloatArray = (np.asarray(x, dtype=np.float64) - self.mean) / self.scale
        return z

    def transform(self, x: ArrayLike) -> FloatArray:
        """Scores: coordinates of the rows of ``x`` along the principal axes.

        .. math:: t = \\frac{x - \\mu}{\\sigma} \\, W^\\top

        with :math:`W` the ``components`` (rows). Same as scikit-learn's
        ``PCA.transform`` (without whitening), after a ``StandardScaler`` if standardized.
        """
        scores: FloatArray = self.prepare(x) @ self.components.T
        return scores


def _as_data(x: ArrayLike) -> FloatArray:
    data = np.asarray(x, dtype=np.float64)
    if data.ndim != 2:
        raise ValueError(f"expected a 2-D array (samples x features), got shape {data.shape}")
    if data.shape[0] < 2 or data.shape[1] < 1:
        raise ValueError(f"need at least 2 samples and 1 feature, got shape {data.shape}")
    if not np.all(np.isfinite(data)):
        raise ValueError("data must be finite")
    return data


def standardize(x: ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Centre each column and divide it by its standard deviation (``ddof = 0``).

    .. math:: z_{ij} = \\frac{x_{ij} - \\bar x_j}{\\sigma_j}, \\qquad
              \\sigma_j = \\sqrt{\\tfrac{1}{n} \\sum_i (x_{ij} - \\bar x_j)^2}

    As ``sklearn.preprocessing.StandardScaler``: a column whose standard deviation is
    below ``10 * eps`` (constant) keeps scale 1.

    Returns
    -------
    z, mean, scale : ndarrays of shapes (n, d), (d,), (d,)
    """
    data = _as_data(x)
    mean = data.mean(axis=0)
    scale = data.std(axis=0, ddof=SCALE_DDOF)
    scale = np.where(scale < 10 * np.finfo(np.float64).eps, 1.0, scale)
    return (data - mean) / scale, mean, scale


def _prepared(x: ArrayLike, standardized: bool) -> tuple[FloatArray, FloatArray, FloatArray]:
    if standardized:
        return standardize(x)
    data = _as_data(x)
    mean = data.mean(axis=0)
    return data - mean, mean, np.ones(data.shape[1])


def covariance(x: ArrayLike) -> FloatArray:
    """Sample covariance matrix of the columns of ``x`` (``ddof = 1``).

    .. math:: \\Sigma = \\frac{1}{n - 1} (X - \\bar X)^\\top (X - \\bar X)

    Same as ``numpy.cov(x, rowvar=False)``.
    """
    centred, _, _ = _prepared(x, False)
    cov: FloatArray = centred.T @ centred / (centred.shape[0] - COVARIANCE_DDOF)
    return 0.5 * (cov + cov.T)


def _result(
    components: FloatArray,
    variances: FloatArray,
    mean: FloatArray,
    scale: FloatArray,
    n: int,
    standardized: bool,
    n_components: int | None,
) -> PCAResult:
    variances = np.maximum(variances, 0.0)  # round-off can make a zero eigenvalue -1e-17
    total = float(variances.sum())
    ratio = variances / total if total > 0 else np.zeros_like(variances)
    k = len(variances) if n_components is None else n_components
    if not 1 <= k <= len(variances):
        raise ValueError(f"n_components must be in [1, {len(variances)}], got {k}")
    return PCAResult(
        components=flip_rows(components[:k]),
        explained_variance=variances[:k].copy(),
        explained_variance_ratio=ratio[:k].copy(),
        mean=mean,
        scale=scale,
        n_samples=n,
        standardized=standardized,
    )


def pca_eigh(
    x: ArrayLike, *, standardized: bool = False, n_components: int | None = None
) -> PCAResult:
    """PCA by the eigen-decomposition of the sample covariance matrix.

    .. math:: \\Sigma = \\frac{1}{n-1} Z^\\top Z = W^\\top \\Lambda W, \\qquad
              Z = (X - \\bar X) / \\sigma

    The rows of :math:`W` (eigenvectors, by ``numpy.linalg.eigh``) sorted by
    decreasing eigenvalue :math:`\\lambda_1 \\ge \\dots \\ge \\lambda_d` are the
    components; the eigenvalues are the explained variances. Reference: scikit-learn's
    ``PCA(svd_solver="covariance_eigh")``.
    """
    z, mean, scale = _prepared(x, standardized)
    cov = z.T @ z / (z.shape[0] - COVARIANCE_DDOF)
    values, vectors = np.linalg.eigh(0.5 * (cov + cov.T))
    order = np.argsort(values)[::-1]
    return _result(
        vectors[:, order].T, values[order], mean, scale, z.shape[0], standardized, n_components
    )


def pca_svd(
    x: ArrayLike, *, standardized: bool = False, n_components: int | None = None
) -> PCAResult:
    """PCA by the singular value decomposition of the centred (and scaled) data.

    .. math:: Z = U S V^\\top, \\qquad \\lambda_i = \\frac{s_i^2}{n - 1}

    The rows of :math:`V^\\top` are the components. With fewer samples than features
    only :math:`\\min(n, d)` components exist. Reference: scikit-learn's
    ``PCA(svd_solver="full")``.
    """
    z, mean, scale = _prepared(x, standardized)
    _, s, vt = np.linalg.svd(z, full_matrices=False)
    variances = s**2 / (z.shape[0] - COVARIANCE_DDOF)
    return _result(vt, variances, mean, scale, z.shape[0], standardized, n_components)


def symmetric_eigenvalues_2x2(cov: ArrayLike) -> tuple[float, float]:
    """Eigenvalues of a symmetric 2x2 matrix, larger first, in closed form.

    .. math:: \\lambda_{1,2} = \\frac{a + c}{2} \\pm
              \\sqrt{\\left(\\frac{a - c}{2}\\right)^2 + b^2}
              \\quad\\text{for}\\quad \\begin{pmatrix} a & b \\\\ b & c \\end{pmatrix}

    The root of smaller magnitude is computed as :math:`(ac - b^2) / \\lambda` from the
    other (the product of the roots is the determinant), avoiding cancellation.
    """
    m = np.asarray(cov, dtype=np.float64)
    if m.shape != (2, 2):
        raise ValueError(f"expected a 2x2 matrix, got shape {m.shape}")
    a, b, c = float(m[0, 0]), 0.5 * float(m[0, 1] + m[1, 0]), float(m[1, 1])
    mid, radius = 0.5 * (a + c), math.hypot(0.5 * (a - c), b)
    det = a * c - b * b
    # The root of larger magnitude from the formula, the other as det / it: the
    # difference of two nearly equal numbers would lose the small one (1e-8 next to 1e8).
    if mid >= 0:
        big = mid + radius
        return big, (det / big if big != 0 else 0.0)
    small = mid - radius
    return det / small, small


@dataclass(frozen=True)
class CovarianceEllipse:
    """The ellipse :math:`(x - \\mu)^\\top \\Sigma^{-1} (x - \\mu) = k^2` of a 2x2 covariance.

    Attributes
    ----------
    centre : ndarray of shape (2,)
        The mean :math:`\\mu`.
    axes : ndarray of shape (2, 2)
        Unit eigenvectors of :math:`\\Sigma` as rows, larger eigenvalue first, sign-fixed.
    semi_axes : ndarray of shape (2,)
        :math:`k \\sqrt{\\lambda_1} \\ge k \\sqrt{\\lambda_2}`, along ``axes``.
    angle : float
        Angle of the major axis from the x axis, radians, ``atan2(v_y, v_x)``.
    n_sd : float
        :math:`k`, the number of standard deviations.
    """

    centre: FloatArray
    axes: FloatArray
    semi_axes: FloatArray
    angle: float
    n_sd: float

    def points(self, count: int = 181) -> FloatArray:
        """``count`` points around the ellipse, closed (first = last), starting on the
        major axis.

        .. math:: p(t) = \\mu + a \\cos t \\, v_1 + b \\sin t \\, v_2,
                  \\quad t \\in [0, 2\\pi]

        With ``count - 1`` divisible by 4 the ends of both axes are among the points.
        """
        t = np.linspace(0.0, 2 * np.pi, count)
        a, b = self.semi_axes
        pts: FloatArray = (
            self.centre
            + (a * np.cos(t))[:, None] * self.axes[0]
            + (b * np.sin(t))[:, None] * self.axes[1]
        )
        return pts

    def to_json(self) -> dict[str, Any]:
        """Plain numbers for a sidecar."""
        return {
            "centre": self.centre.tolist(),
            "semi_axes": self.semi_axes.tolist(),
            "angle_rad": self.angle,
            "angle_deg": math.degrees(self.angle),
            "n_sd": self.n_sd,
        }


def covariance_ellipse(mean: ArrayLike, cov: ArrayLike, n_sd: float) -> CovarianceEllipse:
    """The ``n_sd``-standard-deviation ellipse of a 2x2 covariance matrix.

    Semi-axes :math:`k\\sqrt{\\lambda_i}` along the eigenvectors :math:`v_i` of
    :math:`\\Sigma` (``numpy.linalg.eigh``, sign-fixed with :func:`~mlmath_viz.signs.flip_rows`).
    """
    centre = np.asarray(mean, dtype=np.float64).reshape(2)
    m = np.asarray(cov, dtype=np.float64)
    if m.shape != (2, 2):
        raise ValueError(f"expected a 2x2 covariance, got shape {m.shape}")
    if not (math.isfinite(n_sd) and n_sd > 0):
        raise ValueError(f"n_sd must be a positive number, got {n_sd!r}")
    values, vectors = np.linalg.eigh(0.5 * (m + m.T))
    order = np.argsort(values)[::-1]
    axes = flip_rows(vectors[:, order].T)
    semi = n_sd * np.sqrt(np.maximum(values[order], 0.0))
    return CovarianceEllipse(
        centre=centre,
        axes=axes,
        semi_axes=semi,
        angle=math.atan2(float(axes[0, 1]), float(axes[0, 0])),
        n_sd=float(n_sd),
    )


def project_onto_line(points: ArrayLike, origin: ArrayLike, direction: ArrayLike) -> FloatArray:
    """Orthogonal projections of ``points`` onto the line through ``origin`` along
    ``direction``.

    .. math:: \\hat p = o + \\big((p - o) \\cdot u\\big)\\, u, \\qquad u = d / \\lVert d \\rVert
    """
    p = np.asarray(points, dtype=np.float64)
    o = np.asarray(origin, dtype=np.float64)
    d = np.asarray(direction, dtype=np.float64)
    norm = float(np.linalg.norm(d))
    if norm == 0:
        raise ValueError("direction must be non-zero")
    u = d / norm
    projected: FloatArray = o + ((p - o) @ u)[:, None] * u
    return projected


@dataclass(frozen=True)
class FeatureView:
    """Two features of a data set as drawn: points, covariance, axes, ellipse, projections.

    ``points`` are the two columns as plotted: raw, or z-scores when standardized (then
    the mean is 0). Every number describes ``points`` themselves, so the drawn axes are
    the eigenvectors of the covariance of what is drawn.
    """

    points: FloatArray  # (n, 2)
    mean: FloatArray  # (2,)
    covariance: FloatArray  # (2, 2), ddof = 1
    pca: PCAResult  # of the two columns (standardized like ``points``)
    ellipse: CovarianceEllipse
    projections: FloatArray  # (n, 2): each point's foot on the PC1 line

    def to_json(self) -> dict[str, Any]:
        return {
            "mean": self.mean.tolist(),
            "covariance_2d": self.covariance.tolist(),
            "components_2d": self.pca.components.tolist(),
            "explained_variance_2d": self.pca.explained_variance.tolist(),
            "explained_variance_ratio_2d": self.pca.explained_variance_ratio.tolist(),
            "ellipse": self.ellipse.to_json(),
        }


def feature_view(x2: ArrayLike, *, standardized: bool, n_sd: float) -> FeatureView:
    """The 2-feature picture of PCA for an ``(n, 2)`` array.

    ``points`` = ``x2`` (or its z-scores, see :func:`standardize`); ``mean`` and
    ``covariance`` (``ddof = 1``) are those of ``points``; ``pca`` is :func:`pca_eigh`
    of ``x2``; the ellipse has semi-axes :math:`k\\sqrt{\\lambda_i}`; ``projections``
    are the feet of the points on the line through the mean along PC1.
    """
    data = _as_data(x2)
    if data.shape[1] != 2:
        raise ValueError(f"expected two columns, got shape {data.shape}")
    result = pca_eigh(data, standardized=standardized)
    points = standardize(data)[0] if standardized else data.copy()
    mean = points.mean(axis=0)
    cov = covariance(points)
    ellipse = covariance_ellipse(mean, cov, n_sd)
    return FeatureView(
        points=points,
        mean=mean,
        covariance=cov,
        pca=result,
        ellipse=ellipse,
        projections=project_onto_line(points, mean, result.components[0]),
    )


def cumulative_ratio(ratios: ArrayLike) -> FloatArray:
    """Share of the variance kept by the first ``k`` components, for ``k = 1..d``.

    .. math:: c_k = \\sum_{i \\le k} \\lambda_i \\Big/ \\sum_{j} \\lambda_j
    """
    r = np.asarray(ratios, dtype=np.float64)
    c: FloatArray = np.minimum(np.cumsum(r), 1.0)
    return c


def components_needed(ratios: ArrayLike, share: float) -> int:
    """The fewest leading components whose cumulative ratio reaches ``share``.

    Compared with a relative slack of ``1e-12`` so that a cumulative sum that rounds to
    just below 1 still reaches ``share = 1``.
    """
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share!r}")
    c = cumulative_ratio(ratios)
    reached = np.nonzero(c >= share * (1 - 1e-12))[0]
    return int(reached[0]) + 1 if reached.size else len(c)
