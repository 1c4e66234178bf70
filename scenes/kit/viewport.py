"""Framing: the largest scale and the centre at which a set of points fits a box."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def fit_view(
    points: ArrayLike, width: float, height: float, max_unit: float
) -> tuple[float, NDArray[np.float64]]:
    """Scale and centre that fit every point into a ``width`` x ``height`` box.

    With :math:`[x_0, x_1] \\times [y_0, y_1]` the points' bounding box, the unit
    length is

    .. math:: u = \\min\\left(u_{max}, \\frac{w}{x_1 - x_0}, \\frac{h}{y_1 - y_0}\\right)

    and the box's centre shows the bounding box's centre
    :math:`c = ((x_0 + x_1)/2, (y_0 + y_1)/2)`: a point :math:`p` is drawn at
    ``box_centre + u * (p - c)``.

    Returns
    -------
    unit : float
        Screen length of one unit.
    centre : ndarray of shape (2,)
        The plane point shown at the box's centre.
    """
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if p.size == 0 or not np.all(np.isfinite(p)):
        raise ValueError("fit_view needs at least one finite point")
    low, high = p.min(axis=0), p.max(axis=0)
    span = high - low
    unit = max_unit
    if span[0] > 0:
        unit = min(unit, width / span[0])
    if span[1] > 0:
        unit = min(unit, height / span[1])
    centre: NDArray[np.float64] = 0.5 * (low + high)
    return unit, centre
