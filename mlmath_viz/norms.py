"""Vector norms of the plane, their unit balls, and the closest point inside a ball.

Everything the ``Norms`` scene shows is computed here: the lengths
:math:`\\|x\\|_1, \\|x\\|_2, \\|x\\|_\\infty, \\|x\\|_p` of a vector, points on the unit
sphere :math:`\\{x : \\|x\\|_p = 1\\}` of any :math:`p \\ge 1`, and the Euclidean
projections of a point :math:`c` onto the balls :math:`\\{x : \\|x\\|_2 \\le r\\}` and
:math:`\\{x : \\|x\\|_1 \\le r\\}`. The projection onto the L1 ball is soft thresholding,
:math:`x_i = \\operatorname{sign}(c_i) \\max(|c_i| - \\theta, 0)`, which sets small
coordinates to exactly zero: the sparsity of the lasso. The projection onto the L2 ball
only rescales :math:`c`, so no coordinate becomes zero that was not zero already.

Reference: J. Duchi, S. Shalev-Shwartz, Y. Singer and T. Chandra, "Efficient
projections onto the l1-ball for learning in high dimensions", ICML 2008 (Figure 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: Points on a drawn unit sphere of a general p (every 45 degrees is among them, so the
#: corners of a ball with large p are drawn).
SPHERE_POINTS = 360

#: The keys of :func:`norms`, in the order the scene shows them.
NORM_KEYS = ("1", "2", "inf", "p")


def as_vector(x: ArrayLike) -> FloatArray:
    """``x`` as a finite 1-D float array.

    Raises
    ------
    ValueError
        If ``x`` is not one-dimensional or holds NaN or infinity.
    """
    a = np.asarray(x, dtype=np.float64)
    if a.ndim != 1:
        raise ValueError(f"expected a vector, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise ValueError("vector entries must be finite")
    return a


def check_p(p: float) -> float:
    """``p`` as a float, checked to be a norm's exponent: :math:`1 \\le p \\le \\infty`.

    Raises
    ------
    ValueError
        If ``p`` is NaN or below 1 (for :math:`p < 1` the unit ball is not convex and
        the triangle inequality fails: it is not a norm).
    """
    q = float(p)
    if math.isnan(q) or q < 1.0:
        raise ValueError(f"p must be at least 1 for a norm, got {p!r}")
    return q


def lp_norm(x: ArrayLike, p: float) -> float:
    """The :math:`L_p` norm :math:`\\|x\\|_p = (\\sum_i |x_i|^p)^{1/p}`, for
    :math:`1 \\le p \\le \\infty`; :math:`\\|x\\|_\\infty = \\max_i |x_i|`.

    Computed as :math:`m \\, (\\sum_i (|x_i|/m)^p)^{1/p}` with :math:`m = \\max_i |x_i|`,
    so that :math:`|x_i|^p` neither overflows nor underflows for large ``p``.
    ``p = 1`` and ``p = 2`` give the sum of magnitudes and ``math.hypot`` exactly.
    """
    a, q = np.abs(as_vector(x)), check_p(p)
    m = float(np.max(a, initial=0.0))
    if m == 0.0:
        return 0.0
    if q == 1.0:
        return float(math.fsum(float(v) for v in a))
    if q == 2.0:
        return math.hypot(*(float(v) for v in a))
    if math.isinf(q):
        return m
    ratios = a / m
    total = float(np.sum(ratios**q))
    return float(m * total ** (1.0 / q))


def norms(x: ArrayLike, p: float) -> dict[str, float]:
    """The lengths of ``x`` in the L1, L2, L-infinity and Lp norms, keyed
    ``"1"``, ``"2"``, ``"inf"`` and ``"p"`` (see :func:`lp_norm`).

    For every :math:`x`: :math:`\\|x\\|_\\infty \\le \\|x\\|_p \\le \\|x\\|_1` and, in
    :math:`\\mathbb{R}^n`, :math:`\\|x\\|_1 \\le \\sqrt{n}\\,\\|x\\|_2 \\le n \\|x\\|_\\infty`.
    """
    return {
        "1": lp_norm(x, 1.0),
        "2": lp_norm(x, 2.0),
        "inf": lp_norm(x, math.inf),
        "p": lp_norm(x, p),
    }


def unit_sphere(p: float, count: int = SPHERE_POINTS) -> FloatArray:
    """Points on the unit sphere :math:`\\{x \\in \\mathbb{R}^2 : \\|x\\|_p = 1\\}`,
    counter-clockwise from :math:`(1, 0)`, shape ``(n, 2)``.

    For ``p = 1`` (the diamond :math:`|x_1| + |x_2| = 1`) and ``p = inf`` (the square
    :math:`\\max(|x_1|, |x_2|) = 1`) they are the four corners. Otherwise each point is
    a direction :math:`d = (\\cos t, \\sin t)` divided by its length,
    :math:`d / \\|d\\|_p`, for ``count`` angles :math:`t` evenly spaced from 0 (a
    multiple of 8, so the diagonals, where a ball of large ``p`` has its corners, are
    among them). The curve is closed: the last point is followed by the first.
    """
    q = check_p(p)
    if q == 1.0:
        return np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    if math.isinf(q):
        return np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
    n = max(8, 8 * math.ceil(count / 8))
    t = 2.0 * math.pi * np.arange(n) / n
    directions = np.column_stack([np.cos(t), np.sin(t)])
    # the axis and diagonal directions exactly, not cos(pi/2) = 6e-17
    k = np.arange(n)
    directions[k % (n // 4) == 0] = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    lengths = np.array([lp_norm(d, q) for d in directions])
    result: FloatArray = directions / lengths[:, None]
    return result


def project_l2_ball(center: ArrayLike, radius: float) -> FloatArray:
    """The closest point to ``center`` in :math:`\\{x : \\|x\\|_2 \\le r\\}`.

    .. math:: P(c) = c \\quad \\text{if } \\|c\\|_2 \\le r, \\qquad
              P(c) = \\frac{r}{\\|c\\|_2}\\, c \\quad \\text{otherwise}

    A rescaling of ``c``: a coordinate is zero only if it was zero in ``c``.

    Raises
    ------
    ValueError
        If ``radius`` is not positive and finite.
    """
    c, r = as_vector(center), _check_radius(radius)
    length = lp_norm(c, 2.0)
    if length <= r:
        return c.copy()
    result: FloatArray = (r / length) * c
    return result


def l1_threshold(center: ArrayLike, radius: float) -> float:
    """The threshold :math:`\\theta \\ge 0` of the projection onto the L1 ball of radius
    :math:`r`: 0 when :math:`\\|c\\|_1 \\le r`, else the :math:`\\theta` with
    :math:`\\sum_i \\max(|c_i| - \\theta, 0) = r`.

    Duchi et al. (2008): sort :math:`u = |c|` in decreasing order, let
    :math:`\\rho = \\max\\{j : u_j - (\\sum_{i \\le j} u_i - r)/j > 0\\}`, then
    :math:`\\theta = (\\sum_{i \\le \\rho} u_i - r)/\\rho`.
    """
    c, r = as_vector(center), _check_radius(radius)
    u = np.sort(np.abs(c))[::-1]
    if float(np.sum(u)) <= r:
        return 0.0
    sums = np.cumsum(u)
    j = np.arange(1, len(u) + 1)
    rho = int(np.nonzero(u - (sums - r) / j > 0)[0][-1]) + 1
    return float((sums[rho - 1] - r) / rho)


def soft_threshold(center: ArrayLike, threshold: float) -> FloatArray:
    """Each coordinate moved ``threshold`` towards zero and stopped there:
    :math:`x_i = \\operatorname{sign}(c_i) \\max(|c_i| - \\theta, 0)` (the lasso's
    shrinkage operator)."""
    c = as_vector(center)
    result: FloatArray = np.sign(c) * np.maximum(np.abs(c) - float(threshold), 0.0) + 0.0
    return result


def soft_threshold_path(center: ArrayLike, threshold: float) -> FloatArray:
    """The path of :func:`soft_threshold` as its threshold grows from 0 to ``threshold``:
    the corners of a polyline from ``center``, shape ``(k, len(center))``.

    While :math:`t` grows every non-zero coordinate moves towards 0 at the same rate, so
    the path is straight until a coordinate reaches 0 (at :math:`t = |c_i|`), where it
    stays: the corners are :math:`S_t(c)` at :math:`t = 0`, at each :math:`|c_i|` below
    ``threshold`` (increasing), and at ``threshold``.
    """
    c, theta = as_vector(center), float(threshold)
    if not (math.isfinite(theta) and theta >= 0.0):
        raise ValueError(f"the threshold must be finite and non-negative, got {threshold!r}")
    stops = sorted({float(m) for m in np.abs(c) if 0.0 < m < theta})
    ts = [0.0, *stops] + ([theta] if theta > 0.0 else [])
    result: FloatArray = np.array([soft_threshold(c, t) for t in ts])
    return result


def project_l1_ball(center: ArrayLike, radius: float) -> FloatArray:
    """The closest point to ``center`` in :math:`\\{x : \\|x\\|_1 \\le r\\}`:
    ``center`` itself inside the ball, else
    :func:`soft_threshold` of it at :func:`l1_threshold`.

    Every coordinate with :math:`|c_i| \\le \\theta` becomes exactly 0. In the plane
    that happens when ``center`` lies in one of the four wedges at the corners
    (:func:`corner_of_projection`).
    """
    c = as_vector(center)
    theta = l1_threshold(c, radius)
    if theta == 0.0:
        return c.copy()
    return soft_threshold(c, theta)


def corner_of_projection(center: ArrayLike, radius: float) -> int | None:
    """Which corner of the L1 ball of radius :math:`r` in the plane is the closest point
    to ``center``: 0, 1, 2, 3 for :math:`(r, 0), (0, r), (-r, 0), (0, -r)`, or ``None``
    when the closest point is not a corner (on an edge, or ``center`` itself).

    The points whose closest point is the corner :math:`r e_k` form the wedge
    :math:`r e_k + \\{a (1, 1) + b (1, -1)\\}` turned to that corner: for :math:`(r, 0)`
    it is :math:`c_1 - r \\ge |c_2|` (the normal cone of the corner, between the normals
    of its two edges).
    """
    c, r = as_vector(center), _check_radius(radius)
    if c.shape != (2,):
        raise ValueError(f"expected a 2-vector, got shape {c.shape}")
    x, y = float(c[0]), float(c[1])
    if abs(x) + abs(y) <= r:
        return None
    for k, (along, across) in enumerate(((x, y), (y, -x), (-x, -y), (-y, x))):
        if along - r >= abs(across):
            return k
    return None


def corner_wedges(radius: float) -> list[tuple[FloatArray, FloatArray, FloatArray]]:
    """The four wedges of :func:`corner_of_projection`: for each corner
    :math:`(r, 0), (0, r), (-r, 0), (0, -r)` the corner and the unit directions of the
    wedge's two edges (the outward normals of the ball's two edges that meet there)."""
    r = _check_radius(radius)
    h = 1.0 / math.sqrt(2.0)
    out = []
    for corner, a, b in (
        ((r, 0.0), (h, h), (h, -h)),
        ((0.0, r), (-h, h), (h, h)),
        ((-r, 0.0), (-h, -h), (-h, h)),
        ((0.0, -r), (h, -h), (-h, -h)),
    ):
        out.append((np.array(corner), np.array(a), np.array(b)))
    return out


def _check_radius(radius: float) -> float:
    r = float(radius)
    if not (math.isfinite(r) and r > 0.0):
        raise ValueError(f"the radius must be positive and finite, got {radius!r}")
    return r


def _pair(a: FloatArray) -> tuple[float, float]:
    return (float(a[0]) + 0.0, float(a[1]) + 0.0)  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True)
class NormsSummary:
    """Every number the ``Norms`` scene shows.

    ``norms`` are the lengths of ``vector`` (keys of :data:`NORM_KEYS`);
    ``l2_solution`` and ``l1_solution`` the Euclidean projections of ``center`` onto the
    balls of ``radius``; ``l2_scale`` the factor :math:`\\min(1, r / \\|c\\|_2)` that
    maps ``center`` to ``l2_solution``; ``l1_threshold`` the soft threshold
    :math:`\\theta`; ``l1_corner`` the corner the L1 solution sits on (or ``None``);
    ``*_inside`` whether ``center`` is in that ball already; ``*_zeros`` the indices of
    the solutions' coordinates that are exactly zero.
    """

    vector: tuple[float, float]
    p: float
    norms: dict[str, float]
    center: tuple[float, float]
    radius: float
    center_norms: dict[str, float]
    l2_solution: tuple[float, float]
    l2_scale: float
    l2_inside: bool
    l1_solution: tuple[float, float]
    l1_threshold: float
    l1_inside: bool
    l1_corner: int | None
    l1_zeros: tuple[int, ...]
    l2_zeros: tuple[int, ...]
    center_zeros: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""
        return {
            "vector": list(self.vector),
            "p": self.p,
            "norms": dict(self.norms),
            "center": list(self.center),
            "radius": self.radius,
            "center_norms": dict(self.center_norms),
            "l2_solution": list(self.l2_solution),
            "l2_scale": self.l2_scale,
            "l2_inside": self.l2_inside,
            "l1_solution": list(self.l1_solution),
            "l1_threshold": self.l1_threshold,
            "l1_inside": self.l1_inside,
            "l1_corner": self.l1_corner,
            "l1_zeros": list(self.l1_zeros),
            "l2_zeros": list(self.l2_zeros),
            "center_zeros": list(self.center_zeros),
        }


def summarize(vector: ArrayLike, p: float, center: ArrayLike, radius: float) -> NormsSummary:
    """Compute the :class:`NormsSummary` of a 2-vector, an exponent ``p >= 1``, a centre
    and a radius ``> 0``.

    Raises
    ------
    ValueError
        If a vector is not a finite 2-vector, ``p < 1`` or ``radius`` is not positive.
    """
    v, c = as_vector(vector), as_vector(center)
    for name, a in (("vector", v), ("center", c)):
        if a.shape != (2,):
            raise ValueError(f"{name} must be a 2-vector, got shape {a.shape}")
    q, r = check_p(p), _check_radius(radius)
    l2 = project_l2_ball(c, r)
    l1 = project_l1_ball(c, r)
    c_norms = norms(c, q)
    return NormsSummary(
        vector=_pair(v),
        p=q,
        norms=norms(v, q),
        center=_pair(c),
        radius=r,
        center_norms=c_norms,
        l2_solution=_pair(l2),
        l2_scale=min(1.0, r / c_norms["2"]) if c_norms["2"] > 0 else 1.0,
        l2_inside=c_norms["2"] <= r,
        l1_solution=_pair(l1),
        l1_threshold=l1_threshold(c, r),
        l1_inside=c_norms["1"] <= r,
        l1_corner=corner_of_projection(c, r),
        l1_zeros=tuple(int(i) for i in np.nonzero(l1 == 0.0)[0]),
        l2_zeros=tuple(int(i) for i in np.nonzero(l2 == 0.0)[0]),
        center_zeros=tuple(int(i) for i in np.nonzero(c == 0.0)[0]),
    )
