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
