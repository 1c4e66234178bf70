"""The sign convention for eigenvectors, singular vectors and principal components.

An eigenvector, singular vector or principal component is only defined up to sign;
left to the solver, the sign can change between library versions and the picture
would flip. Every such vector in :mod:`mlmath_viz` is flipped so that its
largest-magnitude entry is positive, as scikit-learn's ``svd_flip`` does for PCA.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def flip_sign(vector: ArrayLike) -> FloatArray:
    """Return ``vector`` or ``-vector``, whichever has a positive largest-magnitude entry.

    .. math::

        s = \\operatorname{sign}(v_k), \\quad k = \\arg\\max_i |v_i|, \\qquad v \\mapsto s\\,v

    Ties between entries of equal magnitude go to the first one (``numpy.argmax``).
    The zero vector is returned unchanged. ``-0.0`` entries come back as ``0.0``.
    """
    v = np.asarray(vector, dtype=np.float64)
    if v.ndim != 1:
        raise ValueError(f"expected a 1-D vector, got shape {v.shape}")
    k = int(np.argmax(np.abs(v)))
    flipped: FloatArray = -v if v[k] < 0 else v.copy()
    return flipped + 0.0


def flip_rows(vectors: ArrayLike) -> FloatArray:
    """Apply :func:`flip_sign` to each row of a 2-D array (vectors stored as rows)."""
    rows = np.asarray(vectors, dtype=np.float64)
    if rows.ndim != 2:
        raise ValueError(f"expected a 2-D array of row vectors, got shape {rows.shape}")
    return np.array([flip_sign(row) for row in rows]).reshape(rows.shape)


def flip_columns(vectors: ArrayLike) -> FloatArray:
    """Apply :func:`flip_sign` to each column of a 2-D array (vectors stored as columns)."""
    return flip_rows(np.asarray(vectors, dtype=np.float64).T).T
