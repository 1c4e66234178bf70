"""Classical Gram-Schmidt: orthonormal columns Q and upper-triangular R with A = QR."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: A remainder shorter than this times the column's length counts as zero: the column
#: lies in the span of the earlier ones (the columns are dependent).
DEPENDENT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class GramSchmidtResult:
    """The steps of Gram-Schmidt on the columns a_1, ..., a_n of A.

    ``projections[j][i]`` is the component of a_j along q_i that step j subtracts,
    ``(q_i . a_j) q_i`` (i < j); ``remainders[j]`` is
    ``w_j = a_j - sum_i (q_i . a_j) q_i``; ``q`` holds ``q_j = w_j / |w_j|`` as columns
    and ``r`` is upper triangular with ``r_ij = q_i . a_j`` and ``r_jj = |w_j|``.
    ``dependent[j]`` is true when ``|w_j| <= DEPENDENT_TOLERANCE |a_j|``; then q_j is
    left zero (a NaN-free picture) and ``r_jj = 0``, so A = QR still holds.
    """

    a: NDArray[np.float64]
    q: NDArray[np.float64]
    r: NDArray[np.float64]
    projections: list[list[NDArray[np.float64]]]
    remainders: list[NDArray[np.float64]]
    dependent: list[bool]

    def to_json(self) -> dict[str, object]:
        """The sidecar's numbers: ``q``, ``r``, ``projections``, ``remainders``,
        ``dependent``."""
        return {
            "a": self.a.tolist(),
            "q": self.q.tolist(),
            "r": self.r.tolist(),
            "projections": [[p.tolist() for p in step] for step in self.projections],
            "remainders": [w.tolist() for w in self.remainders],
            "dependent": list(self.dependent),
        }


def gram_schmidt(a: ArrayLike) -> GramSchmidtResult:
    """Gram-Schmidt on the columns of ``a`` (m x n).

    Parameters
    ----------
    a : array_like, shape (m, n)
        The vectors a_j as columns.

    Returns
    -------
    GramSchmidtResult
        For j = 1..n: ``r_ij = q_i . a_j`` (i < j), ``w_j = a_j - sum_i r_ij q_i``,
        ``r_jj = |w_j|``, ``q_j = w_j / r_jj``; so A = QR, Q^T Q = I on the independent
        columns and R upper triangular with a positive diagonal when A has full
        column rank.
    """
    matrix = np.asarray(a, dtype=np.float64)
    m, n = matrix.shape
    q = np.zeros((m, n))
    r = np.zeros((n, n))
    projections: list[list[NDArray[np.float64]]] = []
    remainders: list[NDArray[np.float64]] = []
    dependent: list[bool] = []
    for j in range(n):
        column = matrix[:, j]
        step: list[NDArray[np.float64]] = []
        remainder = column.copy()
        for i in range(j):
            r[i, j] = float(q[:, i] @ column)
            component = r[i, j] * q[:, i]
            step.append(component)
            remainder = remainder - component
        length = float(np.linalg.norm(remainder))
        is_dependent = length <= DEPENDENT_TOLERANCE * max(float(np.linalg.norm(column)), 1e-300)
        if is_dependent:
            remainder = np.zeros(m)
        else:
            r[j, j] = length
            q[:, j] = remainder / length
        projections.append(step)
        remainders.append(remainder)
        dependent.append(is_dependent)
    return GramSchmidtResult(matrix, q, r, projections, remainders, dependent)


@dataclass(frozen=True)
class GramSchmidtSummary:
    """Gram-Schmidt on the columns of A, as a scene shows it and its sidecar records it.

    Only the independent columns give a direction: ``q`` is m x rank (the orthonormal
    columns q_1, ..., q_rank in the order found), ``r`` is rank x n (the rows of the
    square R for those steps; the zero rows of the dependent steps are left out), so
    ``A = Q R`` and ``Q^T Q = I`` hold with matching shapes, and ``r`` is in echelon
    form with a positive entry ``r[k, sources[k]]`` where row k starts. ``r_square`` is
    the n x n R of :func:`gram_schmidt` (zero rows kept).

    Step j (0-based) subtracts ``projections[j][k] = coefficients[j][k] q_k``, one for
    every direction found before it (``coefficients[j][k] = q_k . a_j``); what is left
    is ``remainders[j]`` (exactly zero when ``dependent[j]``), of length
    ``remainder_norms[j]``; ``relative_remainders[j]`` is ``|a_j - sum_k projections|
    / |a_j|`` before the zeroing (0 for a zero column), the number the tolerance
    :data:`DEPENDENT_TOLERANCE` is compared with.
    """

    vectors: NDArray[np.float64]  # A, m x n: the columns a_j
    q: NDArray[np.float64]  # m x rank
    r: NDArray[np.float64]  # rank x n
    r_square: NDArray[np.float64]  # n x n
    sources: list[int]  # q's column k came from the column a_{sources[k]}
    coefficients: list[list[float]]
    projections: list[list[NDArray[np.float64]]]
    projection_sums: list[NDArray[np.float64]]  # p_j = sum_k projections[j][k]
    remainders: list[NDArray[np.float64]]
    remainder_norms: list[float]
    relative_remainders: list[float]
    dependent: list[bool]

    @property
    def rank(self) -> int:
        """The number of independent columns: the columns of Q."""
        return len(self.sources)

    def to_json(self) -> dict[str, object]:
        """The sidecar's numbers (plain lists, columns of ``vectors`` as lists)."""
        return {
            "vectors": [col.tolist() for col in self.vectors.T],
            "q": self.q.tolist(),
            "r": self.r.tolist(),
            "r_square": self.r_square.tolist(),
            "rank": self.rank,
            "dependent": list(self.dependent),
            "sources": list(self.sources),
            "coefficients": [list(c) for c in self.coefficients],
            "projections": [[p.tolist() for p in step] for step in self.projections],
            "projection_sums": [p.tolist() for p in self.projection_sums],
            "remainders": [w.tolist() for w in self.remainders],
            "remainder_norms": list(self.remainder_norms),
            "relative_remainders": list(self.relative_remainders),
            "tolerance": DEPENDENT_TOLERANCE,
        }


def summarize(a: ArrayLike) -> GramSchmidtSummary:
    """The steps of :func:`gram_schmidt` on the columns of ``a`` (m x n), kept for the
    directions actually found.

    Parameters
    ----------
    a : array_like, shape (m, n)
        The vectors a_j as columns; the first must be non-zero.

    Returns
    -------
    GramSchmidtSummary
        With ``w_j = a_j - sum_{k: q_k found before j} (q_k . a_j) q_k``; a_j is
        dependent when ``|w_j| <= DEPENDENT_TOLERANCE |a_j|`` (it lies in the span of
        the earlier columns up to rounding), and then gives no q and no row of ``r``.
        Reference: Trefethen & Bau, *Numerical Linear Algebra*, lecture 7 (classical
        Gram-Schmidt, the reduced QR factorisation).
    """
    full = gram_schmidt(a)
    matrix = full.a
    sources = [j for j, dep in enumerate(full.dependent) if not dep]
    coefficients: list[list[float]] = []
    projections: list[list[NDArray[np.float64]]] = []
    sums: list[NDArray[np.float64]] = []
    norms: list[float] = []
    relative: list[float] = []
    for j in range(matrix.shape[1]):
        earlier = [k for k in sources if k < j]
        coefficients.append([float(full.r[k, j]) for k in earlier])
        step = [full.r[k, j] * full.q[:, k] for k in earlier]
        projections.append(step)
        total = np.sum(step, axis=0) if step else np.zeros(matrix.shape[0])
        sums.append(total)
        norms.append(float(np.linalg.norm(full.remainders[j])))
        length = float(np.linalg.norm(matrix[:, j]))
        left = float(np.linalg.norm(matrix[:, j] - total))
        relative.append(left / length if length > 0 else 0.0)
    return GramSchmidtSummary(
        vectors=matrix,
        q=full.q[:, sources],
        r=full.r[sources, :],
        r_square=full.r,
        sources=sources,
        coefficients=coefficients,
        projections=projections,
        projection_sums=sums,
        remainders=list(full.remainders),
        remainder_norms=norms,
        relative_remainders=relative,
        dependent=list(full.dependent),
    )
