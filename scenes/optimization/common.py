"""What several optimization scenes share: the contour plot's size and place, and the
plot region a descent run is framed in."""

from __future__ import annotations

import numpy as np

from mlmath_viz import descent, objectives
from scenes.kit.coords import Box
from scenes.kit.plots import fit_box

#: Screen size of the square contour plot and where the right-hand panel starts.
PLOT_SIZE = 6.7


PANEL_X = 1.05


#: Radius of the path's dots.
DOT_RADIUS = 0.05


#: How far past the default view a path may go and still be framed (times its size).
FRAME_REACH = 3.0


def contour_box(objective: objectives.Objective, points: np.ndarray, diverged: bool) -> Box:
    """The square plot region: the default view, the start and every path point that
    stays within ``FRAME_REACH`` views of it (a diverging tail runs off the plot)."""
    (x0, x1), (y0, y1) = objective.view
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    reach = FRAME_REACH * max(x1 - x0, y1 - y0)
    keep = [points[0]]
    for p in points[1:]:
        if diverged and max(abs(p[0] - cx), abs(p[1] - cy)) > reach:
            break
        keep.append(p)
    return fit_box(np.array(keep), objective.view, aspect=1.0)


def shared_box(
    objective: objectives.Objective,
    runs: list[descent.Trajectory],
    base: Box,
    reach_views: float = FRAME_REACH,
) -> Box:
    """A square region holding ``base`` and every run's path; a run whose loss grows
    is followed only while it stays within ``reach_views`` default views."""
    (x0, x1), (y0, y1) = objective.view
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    reach = reach_views * max(x1 - x0, y1 - y0)
    keep = []
    for run in runs:
        keep.append(run.points[0])
        growing = descent.verdict(run, objective) in ("diverged", "diverging")
        for p in run.points[1:]:
            if growing and max(abs(p[0] - cx), abs(p[1] - cy)) > reach:
                break
            keep.append(p)
    return fit_box(np.array(keep), base, aspect=1.0)
