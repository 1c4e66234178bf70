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

#: Entries whose magnitudes differ by less than this, relative to the largest, tie for
#: largest (round-off in a solver's output is about 1e-16; real data differ far more).
TIE_RTOL = 1e-9


def flip_sign(vector: ArrayLike) -> FloatArray:
    """Return ``vector`` or ``-vector``, whichever has a positive largest-magnitude entry.

    .. math::

        s = \\operatorname{sign}(v_k), \\quad k = \\arg\\max_i |v_i|, \\qquad v \\mapsto s\\,v

    Entries whose magnitudes agree to a relative ``TIE_RTOL`` tie for largest, and a tie
    goes to the first of them: the axes :math:`(1, \\pm 1)/\\sqrt 2` of a symmetric matrix
    or of two standardized features come out of a solver as, say,
    ``(0.70710678118654746, -0.70710678118654757)``, and without the tolerance the sign
    would follow the last bit of round-off and the picture could flip between machines.
    The zero vector is returned unchanged. ``-0.0`` entries come back as ``0.0``.
    """
    v = np.asarray(vector, dtype=np.float64)
    if v.ndim != 1:
        raise ValueError(f"expected a 1-D vector, got shape {v.shape}")
    magnitude = np.abs(v)
    k = int(np.argmax(magnitude >= magnitude.max() * (1.0 - TIE_RTOL)))
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
