"""Low-rank approximation of a data set by its first principal components (Eckart-Young).

Each row :math:`x_i` of an ``(n, d)`` data set is rebuilt from its first ``k``
principal components,

.. math:: \\hat x_i^{(k)} = \\mu + (x_i - \\mu) W_k^\\top W_k,

with :math:`\\mu` the column means and :math:`W_k` the first ``k`` unit eigenvectors
(rows) of the covariance :math:`C = \\tfrac{1}{n} (X - \\bar X)^\\top (X - \\bar X)`.
The mean over the rows of the squared error summed over the ``d`` columns equals the sum
of the eigenvalues left out,

.. math:: \\frac{1}{n} \\sum_i \\lVert x_i - \\hat x_i^{(k)} \\rVert^2
          = \\sum_{j > k} \\lambda_j ,

and no rank-``k`` affine reconstruction does better (Eckart-Young-Mirsky theorem;
Eckart and Young, Psychometrika 1, 1936). The covariance here divides by ``n`` (not
``n - 1`` as :mod:`mlmath_viz.pca` and scikit-learn's ``explained_variance_``), so that
the eigenvalues are exactly the mean squared errors. The components are those of
:func:`mlmath_viz.pca.pca_eigh` (the same axes: the factor does not change them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz import pca

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class LowRankResult:
    """The principal axes of a data set and its rank-k reconstruction errors.

    Attributes
    ----------
    mean : ndarray of shape (d,)
        Column means :math:`\\mu`.
    components : ndarray of shape (d, d)
        Unit principal axes as rows, largest eigenvalue first, sign-fixed as in
        :mod:`mlmath_viz.pca`.
    eigenvalues : ndarray of shape (d,)
        Eigenvalues :math:`\\lambda_1 \\ge \\dots \\ge \\lambda_d \\ge 0` of the covariance
        with :math:`1/n`.
    ranks : tuple of int
        The ``k`` values of the errors below.
    reconstruction_error : ndarray of shape (len(ranks),)
        For each ``k``: :math:`\\tfrac1n \\sum_i \\lVert x_i - \\hat x_i^{(k)} \\rVert^2`,
        measured on the reconstructions.
    discarded_eigenvalue_sum : ndarray of shape (len(ranks),)
        For each ``k``: :math:`\\sum_{j > k} \\lambda_j`.
    explained_variance_ratio_cumulative : ndarray of shape (len(ranks),)
        For each ``k``: :math:`\\sum_{j \\le k} \\lambda_j / \\sum_j \\lambda_j`.
    """

    mean: FloatArray
    components: FloatArray
    eigenvalues: FloatArray
    ranks: tuple[int, ...]
    reconstruction_error: FloatArray
    discarded_eigenvalue_sum: FloatArray
    explained_variance_ratio_cumulative: FloatArray

    def reconstruct(self, x: ArrayLike, k: int) -> FloatArray:
        """Rows of ``x`` rebuilt from the first ``k`` components.

        .. math:: \\hat x = \\mu + (x - \\mu) W_k^\\top W_k
        """
        return reconstruct(x, self.mean, self.components, k)


def reconstruct(x: ArrayLike, mean: ArrayLike, components: ArrayLike, k: int) -> FloatArray:
    """Rows of ``x`` rebuilt from the first ``k`` rows of ``components`` (orthonormal).

    .. math:: \\hat x = \\mu + (x - \\mu) W_k^\\top W_k
    """
    axes = np.asarray(components, dtype=np.float64)
    _check_rank(k, axes.shape[0])
    mu = np.asarray(mean, dtype=np.float64)
    w = axes[:k]
    rebuilt: FloatArray = mu + (np.asarray(x, dtype=np.float64) - mu) @ w.T @ w
    return rebuilt


def _check_rank(k: int, d: int) -> None:
    if not 0 <= k <= d:
        raise ValueError(f"rank k must be in [0, {d}], got {k}")


def discarded_sums(eigenvalues: ArrayLike) -> FloatArray:
    """Sum of the eigenvalues left out by each rank ``k = 0..d``.

    .. math:: r_k = \\sum_{j > k} \\lambda_j, \\qquad r_0 = \\sum_j \\lambda_j, \\; r_d = 0

    Summed from the smallest up (a reverse cumulative sum), so that small tails are
    not lost to cancellation against the total.
    """
    values = np.asarray(eigenvalues, dtype=np.float64)
    tail: FloatArray = np.concatenate([np.cumsum(values[::-1])[::-1], [0.0]])
    return tail


def low_rank_approximation(x: ArrayLike, ranks: tuple[int, ...]) -> LowRankResult:
    """Principal axes of ``x`` (``(n, d)``) and, for each ``k`` in ``ranks``, the mean
    squared error of the rank-``k`` reconstructions, measured and as the discarded
    eigenvalue sum (see the module docstring).

    Raises
    ------
    ValueError
        If ``x`` is not a finite 2-D array of at least 2 rows, or a rank is outside
        ``[0, d]``.
    """
    fitted = pca.pca_eigh(x)
    data = np.asarray(x, dtype=np.float64)
    n, d = data.shape
    for k in ranks:
        _check_rank(k, d)
    # pca_eigh's eigenvalues divide by n - 1; these are those of the 1/n covariance.
    eigenvalues = fitted.explained_variance * (n - pca.COVARIANCE_DDOF) / n
    tails = discarded_sums(eigenvalues)
    total = float(tails[0])
    errors = [
        float(
            np.mean(np.sum((data - reconstruct(data, fitted.mean, fitted.components, k)) ** 2, 1))
        )
        for k in ranks
    ]
    return LowRankResult(
        mean=fitted.mean,
        components=fitted.components,
        eigenvalues=eigenvalues,
        ranks=tuple(int(k) for k in ranks),
        reconstruction_error=np.array(errors),
        discarded_eigenvalue_sum=np.array([tails[k] for k in ranks]),
        explained_variance_ratio_cumulative=np.array(
            [min(1.0, (total - tails[k]) / total) if total > 0 else 1.0 for k in ranks]
        ),
    )


def display_intensity(pixels: ArrayLike, white: float) -> FloatArray:
    """Grey levels as drawn: clipped to ``[0, white]``, rounded to a whole level, over
    ``white``.

    .. math:: o = \\operatorname{round}\\big(\\min(w, \\max(0, v))\\big) / w

    The digits' pixels are whole numbers 0..16, so an image is drawn exactly and a
    reconstruction at the data set's own 17 grey levels; one that dips below 0 or rises
    above ``white`` shows as black or full white (the sidecar keeps the true values).
    Halves round to even (``numpy.round``).
    """
    if not white > 0:
        raise ValueError(f"white must be positive, got {white!r}")
    clipped = np.clip(np.asarray(pixels, dtype=np.float64), 0.0, white)
    shown: FloatArray = np.round(clipped) / white
    return shown
