"""Graphs y = g(x) cut to a plot's box: a curve that leaves the plot (a Taylor polynomial
far from its centre) is drawn only inside the border, never across the frame.

:func:`inside_runs` cuts a sampled graph into the runs that lie inside the box's y-range,
each ending exactly on the border where the graph crosses it (linear interpolation
between the two samples either side); :func:`clipped_graph` draws those runs as one
VMobject with one sub-path per run.
"""

from __future__ import annotations

import numpy as np
from manim import VMobject
from numpy.typing import ArrayLike, NDArray

from scenes.kit.plots import PlotFrame

FloatArray = NDArray[np.float64]


def inside_runs(xs: ArrayLike, ys: ArrayLike, y_range: tuple[float, float]) -> list[FloatArray]:
    """The parts of the polyline through ``(xs, ys)`` with ``y`` in ``y_range``, each an
    (m, 2) array of plot points, m >= 2, in order of x.

    Where the polyline crosses ``y = low`` or ``y = high`` between two samples, the run
    ends (or starts) at the crossing; a segment that jumps over the whole range is left
    kept as the segment between its two crossings.
    """
    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    lo, hi = y_range
    runs: list[FloatArray] = []
    current: list[tuple[float, float]] = []

    def finish() -> None:
        if len(current) >= 2:
            runs.append(np.array(current, dtype=np.float64))
        current.clear()

    def inside(v: float) -> bool:
        return bool(np.isfinite(v) and lo <= v <= hi)

    for i in range(len(x)):
        if i > 0:
            xa, ya, xb, yb = x[i - 1], y[i - 1], x[i], y[i]
            if np.isfinite(ya) and np.isfinite(yb) and ya != yb:
                # crossings of the border levels strictly between the two samples,
                # in order along the segment
                ts = sorted(
                    t for t in ((lo - ya) / (yb - ya), (hi - ya) / (yb - ya)) if 0.0 < t < 1.0
                )
                for t in ts:
                    level = ya + t * (yb - ya)
                    point = (
                        float(xa + t * (xb - xa)),
                        float(lo if abs(level - lo) < abs(level - hi) else hi),
                    )
                    if current:  # leaving the box
                        current.append(point)
                        finish()
                    else:  # entering it
                        current.append(point)
            elif not (np.isfinite(ya) and np.isfinite(yb)):
                finish()
        if inside(float(y[i])):
            current.append((float(x[i]), float(y[i])))
        else:
            finish()
    finish()
    return runs


def clipped_graph(
    frame: PlotFrame,
    xs: ArrayLike,
    ys: ArrayLike,
    colour: str,
    width: float = 4.0,
    opacity: float = 1.0,
) -> VMobject:
    """The graph through ``(xs, ys)`` drawn only inside ``frame``'s box (one sub-path
    per run of :func:`inside_runs`); an empty VMobject when none of it is inside."""
    (_, _), y_range = frame.box
    vm = VMobject(stroke_color=colour, stroke_width=width, stroke_opacity=opacity)
    for run in inside_runs(xs, ys, y_range):
        pts = frame.c2p(run)
        vm.start_new_path(pts[0])
        vm.add_points_as_corners(pts[1:])
    return vm
