"""Level sets and plot geometry: marching squares, contour levels, views, clipping.

:func:`contour_lines` is marching squares (Lorensen and Cline 1987, in two
dimensions) with linear interpolation along cell edges and the saddle cells resolved
by the cell-centre average, as in scikit-image's ``find_contours``; the segments are
joined into polylines so a level set draws as a few smooth curves.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

Box = tuple[tuple[float, float], tuple[float, float]]


def contour_lines(
    xs: ArrayLike, ys: ArrayLike, values: ArrayLike, level: float
) -> list[FloatArray]:
    """Polylines of the level set :math:`\\{(x, y): f(x, y) = c\\}` on a grid.

    Parameters
    ----------
    xs, ys : 1-D arrays
        Increasing grid coordinates.
    values : array of shape (len(ys), len(xs))
        :math:`f` on the grid; row ``i`` is ``y = ys[i]``. Non-finite values count as
        very large.
    level : float
        The level :math:`c`.

    Returns
    -------
    list of arrays of shape (k, 2)
        Each polyline's points; a closed curve repeats its first point at the end.
        Every point lies on a grid edge where :math:`f` crosses :math:`c`, found by
        linear interpolation: :math:`x = x_j + (x_{j+1} - x_j)\\,
        \\frac{f_j - c}{f_j - f_{j+1}}`.
    """
    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    z = np.asarray(values, dtype=np.float64)
    ny, nx = z.shape
    if (ny, nx) != (len(y), len(x)) or nx < 2 or ny < 2:
        raise ValueError("values must have shape (len(ys), len(xs)), at least 2x2")
    big = np.finfo(np.float64).max / 4
    s = np.where(np.isfinite(z), z, big) - level
    above = s > 0
    bottom_left, bottom_right = above[:-1, :-1], above[:-1, 1:]
    top_left, top_right = above[1:, :-1], above[1:, 1:]
    crosses_bottom = bottom_left != bottom_right
    crosses_right = bottom_right != top_right
    crosses_top = top_left != top_right
    crosses_left = bottom_left != top_left
    # Where each crossed edge meets the level (computed for every edge, read for the
    # crossed ones; the same floating-point operations as the formula per edge).
    with np.errstate(divide="ignore", invalid="ignore"):
        t_h = s[:, :-1] / (s[:, :-1] - s[:, 1:])  # edge (i, j)-(i, j+1)
        t_v = s[:-1, :] / (s[:-1, :] - s[1:, :])  # edge (i, j)-(i+1, j)
        h_x = x[:-1] + t_h * (x[1:] - x[:-1])
        v_y = y[:-1, None] + t_v * (y[1:] - y[:-1])[:, None]

    offset = nx * ny
    neighbours: dict[int, list[int]] = defaultdict(list)
    where: dict[int, tuple[float, float]] = {}
    crossed_cells = crosses_bottom | crosses_right | crosses_top | crosses_left
    for i, j in zip(*np.nonzero(crossed_cells), strict=True):
        i, j = int(i), int(j)
        crossed = []
        if crosses_bottom[i, j]:
            crossed.append(("b", i * nx + j))
        if crosses_right[i, j]:
            crossed.append(("r", offset + i * nx + j + 1))
        if crosses_top[i, j]:
            crossed.append(("t", (i + 1) * nx + j))
        if crosses_left[i, j]:
            crossed.append(("l", offset + i * nx + j))
        for side, edge in crossed:
            if edge not in where:
                if side == "b":
                    where[edge] = (h_x[i, j], y[i])
                elif side == "t":
                    where[edge] = (h_x[i + 1, j], y[i + 1])
                elif side == "r":
                    where[edge] = (x[j + 1], v_y[i, j + 1])
                else:
                    where[edge] = (x[j], v_y[i, j])
        ids = dict(crossed)
        if len(crossed) == 2:
            pairs = [(crossed[0][1], crossed[1][1])]
        else:  # a saddle: all four edges crossed
            centre = 0.25 * (s[i, j] + s[i, j + 1] + s[i + 1, j] + s[i + 1, j + 1])
            if (centre > 0) == bottom_left[i, j]:  # bl and tr joined through the centre
                pairs = [(ids["b"], ids["r"]), (ids["t"], ids["l"])]
            else:
                pairs = [(ids["l"], ids["b"]), (ids["r"], ids["t"])]
        for a, b in pairs:
            neighbours[a].append(b)
            neighbours[b].append(a)

    lines: list[FloatArray] = []
    visited: set[int] = set()

    def walk(first: int) -> list[int]:
        chain = [first]
        visited.add(first)
        current = first
        while True:
            nxt = [n for n in neighbours[current] if n not in visited]
            if not nxt:
                if len(chain) > 2 and first in neighbours[current]:
                    chain.append(first)  # closed curve
                return chain
            current = nxt[0]
            visited.add(current)
            chain.append(current)

    ends = sorted(e for e, ns in neighbours.items() if len(ns) == 1)
    for start in ends + sorted(neighbours):
        if start not in visited:
            chain = walk(start)
            if len(chain) >= 2:
                lines.append(np.array([where[e] for e in chain], dtype=np.float64))
    return lines


def contour_levels(
    values: ArrayLike, count: int, minimum: float, lowest: float = 0.01, quantile: float = 0.8
) -> FloatArray:
    """``count`` levels spaced geometrically above ``minimum``.

    .. math:: c_k = m + (q - m)\\, r^{1 - k/(n-1)},\\quad k = 0, \\dots, n-1

    with :math:`m` the minimum, :math:`q` the ``quantile`` of the finite grid values
    and :math:`r` = ``lowest``: dense near the minimum, where descent ends, and sparse
    on the steep walls. For a quadratic the level ellipses' sizes then grow by a
    constant factor.
    """
    z = np.asarray(values, dtype=np.float64)
    finite = z[np.isfinite(z)]
    top = float(np.quantile(finite, quantile)) if finite.size else minimum + 1.0
    if not top > minimum:
        top = minimum + 1.0
    ratios = np.geomspace(lowest, 1.0, count) if count > 1 else np.array([1.0])
    out: FloatArray = minimum + (top - minimum) * ratios
    return out


def inside(point: ArrayLike, box: Box) -> bool:
    """True when ``point`` lies in the closed ``box``."""
    x, y = np.asarray(point, dtype=np.float64)[:2]
    (x0, x1), (y0, y1) = box
    return bool(x0 <= x <= x1 and y0 <= y <= y1)


def points_along(line: ArrayLike, count: int) -> tuple[FloatArray, FloatArray]:
    """``count`` points spread evenly by arc length along a polyline, with unit tangents.

    Point :math:`k` sits at arc length :math:`(k + \\tfrac12) L / n` (so a closed curve
    gets no duplicate at its seam); its tangent is the direction of the polyline
    segment it lies on.

    Returns
    -------
    points, tangents : arrays of shape (count, 2)
    """
    p = np.asarray(line, dtype=np.float64).reshape(-1, 2)
    seg = np.diff(p, axis=0)
    lengths = np.linalg.norm(seg, axis=1)
    keep = lengths > 0
    seg, lengths, starts = seg[keep], lengths[keep], p[:-1][keep]
    if count <= 0 or len(seg) == 0:
        return np.zeros((0, 2)), np.zeros((0, 2))
    cumulative = np.concatenate([[0.0], np.cumsum(lengths)])
    targets = (np.arange(count) + 0.5) * cumulative[-1] / count
    index = np.clip(np.searchsorted(cumulative, targets, side="right") - 1, 0, len(seg) - 1)
    t = (targets - cumulative[index]) / lengths[index]
    points: FloatArray = starts[index] + t[:, None] * seg[index]
    tangents: FloatArray = seg[index] / lengths[index, None]
    return points, tangents


def polyline_length(line: ArrayLike) -> float:
    """Total length :math:`\\sum_k \\lVert p_{k+1} - p_k \\rVert` of a polyline."""
    p = np.asarray(line, dtype=np.float64).reshape(-1, 2)
    return float(np.linalg.norm(np.diff(p, axis=0), axis=1).sum())


def angle_degrees(u: ArrayLike, v: ArrayLike) -> float:
    """The angle between two non-zero vectors in degrees, in [0, 180]:
    :math:`\\arccos\\frac{u \\cdot v}{\\lVert u\\rVert \\lVert v\\rVert}`."""
    a = np.asarray(u, dtype=np.float64)
    b = np.asarray(v, dtype=np.float64)
    cos = float(a @ b) / (float(np.linalg.norm(a)) * float(np.linalg.norm(b)))
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))


def clip_span(
    p: NDArray[np.float64],
    q: NDArray[np.float64],
    box: tuple[tuple[float, float], tuple[float, float]],
) -> tuple[float, float] | None:
    r"""Parameters ``t0 <= t1`` in [0, 1] of the part of the segment ``p + t (q - p)``
    inside the axis-aligned ``box`` ``((x0, x1), (y0, y1))``, or None if it misses.

    Liang-Barsky: each of the four sides :math:`p_k t \le q_k` cuts the interval,
    entering sides (:math:`p_k < 0`) raise :math:`t_0`, leaving sides lower :math:`t_1`.
    """
    d = q - p
    t0, t1 = 0.0, 1.0
    (x0, x1), (y0, y1) = box
    for pk, qk in ((-d[0], p[0] - x0), (d[0], x1 - p[0]), (-d[1], p[1] - y0), (d[1], y1 - p[1])):
        if pk == 0:
            if qk < 0:
                return None
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0, t1
