"""What several optimization scenes share: the contour plot's size and place, and the
plot region a descent run is framed in."""

from __future__ import annotations

from contextlib import contextmanager

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


def verdict_colour(word: str) -> str:
    """One colour per verdict in every optimization scene: converged is
    ``PALETTE.accepted``, diverged or diverging ``PALETTE.rejected``, anything else
    (still descending, no steps) the muted text colour."""
    from scenes.kit.style import PALETTE

    if word == "converged":
        return PALETTE.accepted
    if word in ("diverged", "diverging"):
        return PALETTE.rejected
    return PALETTE.muted


def first_exit(points: np.ndarray, box: Box) -> int | None:
    """The index of the first point of a path outside ``box`` (None if it stays in)."""
    from mlmath_viz.contours import inside

    for k, p in enumerate(np.asarray(points, dtype=float)):
        if not inside(p, box):
            return k
    return None


def shown_points(points: np.ndarray, box: Box) -> np.ndarray:
    """The part of a path a plot draws: up to and including its first point outside
    ``box`` (the segment to it is clipped at the edge), nothing after it, so that a
    run leaving the plot is not drawn as a bar of clipped segments along the edge."""
    k = first_exit(points, box)
    pts = np.asarray(points, dtype=float)
    return pts if k is None else pts[: k + 1]


def exit_point(points: np.ndarray, box: Box) -> tuple[int, np.ndarray] | None:
    """Where a path first leaves ``box``: the step k of the first point outside it and
    the point on the box's edge the segment from step k - 1 crosses (None if the path
    stays inside or starts outside)."""
    from scenes.kit.plots import clip_segment

    k = first_exit(points, box)
    if k is None or k == 0:
        return None
    clipped = clip_segment(points[k - 1], points[k], box)
    if clipped is None:
        return None
    return k, np.asarray(clipped[1], dtype=float)


def exit_mark(frame, points: np.ndarray, colour: str, size: float = 0.16):  # type: ignore[no-untyped-def]
    """A filled triangle on the plot's edge where the path leaves it, pointing the way
    the path goes (an empty VGroup if it never leaves)."""
    from manim import Triangle, VGroup

    hit = exit_point(points, frame.box)
    if hit is None:
        return VGroup()
    k, edge = hit
    a, b = frame.c2p(np.array([points[k - 1], points[k]]))
    direction = (b - a) / max(float(np.linalg.norm(b - a)), 1e-12)
    tri = Triangle(color=colour, fill_opacity=1.0, stroke_width=0).scale(size)
    angle = float(np.arctan2(direction[1], direction[0])) - np.pi / 2
    tri.rotate(angle)
    tip = frame.c2p(edge[None, :])[0]
    tri.move_to(tip - 0.5 * size * direction)
    return VGroup(tri)


def placed_plot(
    box: Box,
    size: float,
    right: float,
    centre_y: float,
    **ticks,  # type: ignore[no-untyped-def]
):  # type: ignore[no-untyped-def]
    """A square plot of ``box`` whose left tick labels start at the title-safe left edge
    and whose border ends at ``right`` at most: long tick labels (``-1000``) shrink the
    plot instead of leaving the safe area."""
    from scenes.kit.plots import plot_frame
    from scenes.kit.style import FRAME_MARGIN, frame_half_width

    probe = plot_frame(box, size, size, (0.0, centre_y), **ticks)
    border_left = probe.border.get_left()[0]
    widest = max((border_left - m.get_left()[0] for m in probe.labels), default=0.0)
    border_right = probe.border.get_right()[0]
    overhang = max(0.0, max((m.get_right()[0] - border_right for m in probe.labels), default=0.0))
    left = -frame_half_width() + FRAME_MARGIN + 0.04 + widest
    side = min(size, right - left - overhang)
    return plot_frame(box, side, side, (left + side / 2, centre_y), **ticks)


@contextmanager
def still_below(scene, static, first_moving):  # type: ignore[no-untyped-def]
    """For the animations played inside: the scene's top-level mobjects that hold
    ``static`` (in that order) are drawn just below ``first_moving``; the drawing
    order is put back on leaving.

    Manim's Cairo renderer redraws, on every frame of an animation, each mobject from
    the first moving one (animated or with an updater) to the top of the drawing
    order; all below it are drawn once into a still background. A panel of formulas
    added after a path's marker is thus redrawn on every frame although it never
    changes. Only for mobjects that do not overlap those they move below: then the
    frames are the same, pixel for pixel, and only the work per frame drops. (The
    order is put back because the scene checker's beat-end frame draws the still
    background twice, so what is in it shows in the golden frames.)

    A mobject in ``static`` may be a part of what was added (a plot frame's border
    stands for the group of border and labels that was faded in).
    """
    mobjects = scene.mobjects
    before = list(mobjects)
    moved = []
    for mob in static:
        for top in mobjects:
            if top is not first_moving and top not in moved and mob in top.get_family():
                moved.append(top)
    for top in moved:
        mobjects.remove(top)
    at = mobjects.index(first_moving)
    mobjects[at:at] = moved
    try:
        yield
    finally:
        now = set(map(id, scene.mobjects))
        kept = [m for m in before if id(m) in now]
        added = [m for m in scene.mobjects if id(m) not in set(map(id, before))]
        scene.mobjects[:] = kept + added
