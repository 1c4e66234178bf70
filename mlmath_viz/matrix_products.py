"""The matrix product read three ways: entry by entry, column by column, transposed.

For ``A`` (m x k) and ``B`` (k x n) the product ``C = AB`` is m x n with

.. math:: C_{ij} = \\sum_{t=1}^{k} A_{it} B_{tj},

the dot product of row ``i`` of ``A`` with column ``j`` of ``B`` (Strang, *Introduction
to Linear Algebra*, 5th ed., section 2.4). Column ``j`` of ``C`` is ``A`` times column
``j`` of ``B``, a combination of the columns of ``A`` weighted by that column of ``B``:

.. math:: C_{:,j} = \\sum_{t=1}^{k} B_{tj} A_{:,t},

and transposing reverses the order, :math:`(AB)^T = B^T A^T`.

Everything here is computed from the definition (products summed in order), not with
``numpy.matmul``, so that the tests can use NumPy as an independent oracle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def as_matrix(m: ArrayLike | Sequence[Sequence[float]], name: str = "matrix") -> FloatArray:
    """``m`` as a 2-D float array.

    Raises
    ------
    ValueError
        If ``m`` is not two-dimensional with at least one row and one column.
    """
    a = np.asarray(m, dtype=float)
    if a.ndim != 2 or a.shape[0] == 0 or a.shape[1] == 0:
        raise ValueError(f"{name} must be a non-empty 2-D matrix, got shape {a.shape}")
    return a


def shapes_match(left_shape: Sequence[int], right_shape: Sequence[int]) -> bool:
    """True when ``left`` (m x k) times ``right`` (k' x n) is defined: ``k == k'``."""
    return int(left_shape[1]) == int(right_shape[0])


def _checked(left: ArrayLike, right: ArrayLike) -> tuple[FloatArray, FloatArray]:
    a, b = as_matrix(left, "left"), as_matrix(right, "right")
    if not shapes_match(a.shape, b.shape):
        raise ValueError(
            f"inner sizes differ: left is {a.shape[0]}x{a.shape[1]}, "
            f"right is {b.shape[0]}x{b.shape[1]}"
        )
    return a, b


def entry_terms(left: ArrayLike, right: ArrayLike) -> FloatArray:
    """The k products behind every entry of ``AB``, in order.

    .. math:: T_{ijt} = A_{it} B_{tj}, \\qquad t = 1, \\dots, k

    Returns
    -------
    numpy.ndarray
        Shape ``(m, n, k)``: ``T[i, j]`` are the terms whose sum is ``(AB)[i, j]``.

    Raises
    ------
    ValueError
        If the inner sizes differ.
    """
    a, b = _checked(left, right)
    m, k = a.shape
    n = b.shape[1]
    terms = np.empty((m, n, k))
    for i in range(m):
        for j in range(n):
            terms[i, j] = a[i, :] * b[:, j]
    return terms


def matrix_product(left: ArrayLike, right: ArrayLike) -> FloatArray:
    """``AB`` from its definition, each entry a row of ``A`` dotted with a column of ``B``.

    .. math:: (AB)_{ij} = \\sum_{t=1}^{k} A_{it} B_{tj}

    The terms are added left to right (``t = 1`` first), as the scene shows them.

    Raises
    ------
    ValueError
        If the inner sizes differ.
    """
    terms = entry_terms(left, right)
    total = np.zeros(terms.shape[:2])
    for t in range(terms.shape[2]):
        total = total + terms[:, :, t]
    return total


def column_combination(left: ArrayLike, right: ArrayLike, j: int) -> tuple[FloatArray, FloatArray]:
    """Column ``j`` of ``AB`` as a combination of the columns of ``A``.

    .. math:: (AB)_{:,j} = A\\,b_j = \\sum_{t=1}^{k} B_{tj}\\, a_t

    where :math:`a_t` is column ``t`` of ``A`` and :math:`b_j` column ``j`` of ``B``.

    Returns
    -------
    (weights, column)
        ``weights`` (shape ``(k,)``) is column ``j`` of ``B``, the weight of each column
        of ``A``; ``column`` (shape ``(m,)``) is the combination, added in order.

    Raises
    ------
    ValueError
        If the inner sizes differ or ``j`` is not a column of ``B``.
    """
    a, b = _checked(left, right)
    if not 0 <= j < b.shape[1]:
        raise ValueError(f"column {j} out of range for {b.shape[1]} columns")
    weights = b[:, j].copy()
    column = np.zeros(a.shape[0])
    for t in range(a.shape[1]):
        column = column + weights[t] * a[:, t]
    return weights, column


@dataclass(frozen=True)
class ProductSummary:
    """The numbers of one product ``AB`` as the scene shows them.

    ``left`` (m x k), ``right`` (k x n), ``product`` (m x n), ``terms`` (m x n x k, see
    :func:`entry_terms`), ``column_weights[j]`` and ``columns[j]`` (see
    :func:`column_combination`), ``transpose_product`` = :math:`B^T A^T` computed from
    the transposes (n x m).
    """

    left: FloatArray
    right: FloatArray
    product: FloatArray
    terms: FloatArray
    column_weights: FloatArray  # (n, k): row j is column j of B
    columns: FloatArray  # (n, m): row j is column j of AB, built from A's columns
    transpose_product: FloatArray

    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``, the shape of ``AB``."""
        m, n = self.product.shape
        return int(m), int(n)

    @property
    def inner(self) -> int:
        """``k``: the columns of ``A``, the rows of ``B``, the terms of every entry."""
        return int(self.left.shape[1])

    def to_json(self) -> dict[str, Any]:
        """Plain lists for the sidecar (the contract keys of issue 18 and the rest)."""
        m, n = self.shape
        return {
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "product": self.product.tolist(),
            "shape": [m, n],
            "inner": self.inner,
            "entry_terms": self.terms.tolist(),
            "column_weights": self.column_weights.tolist(),
            "columns": self.columns.tolist(),
            "transpose_product": self.transpose_product.tolist(),
            "transpose_shape": [n, m],
        }


def summarize_product(left: ArrayLike, right: ArrayLike) -> ProductSummary:
    """Every number of the product ``AB``: entries with their terms, columns as
    combinations of ``A``'s columns, and :math:`B^T A^T`.

    Raises
    ------
    ValueError
        If the inner sizes differ.
    """
    a, b = _checked(left, right)
    n = b.shape[1]
    combos = [column_combination(a, b, j) for j in range(n)]
    return ProductSummary(
        left=a,
        right=b,
        product=matrix_product(a, b),
        terms=entry_terms(a, b),
        column_weights=np.array([w for w, _ in combos]),
        columns=np.array([c for _, c in combos]),
        transpose_product=matrix_product(b.T, a.T),
    )
