"""Reveals: what a scene draws a little more of on each frame. :class:`PathArt` is a
trajectory on a plot frame revealed step by step; :class:`LossReveal` is a loss plot's
line and dots revealed with it."""

from __future__ import annotations

import math

import numpy as np
from manim import Dot, VMobject

from mlmath_viz.contours import inside
from scenes.kit.marks import circle_curves, dot_centres, dot_cloud, line_curves
from scenes.kit.plots import LogAxis, PlotFrame, clip_segment
from scenes.kit.scene import Invariant


class PathArt:
    """A trajectory drawn on a plot frame, revealed step by step.

    The line is the path's segments clipped to the plot; the dots mark the points that
    lie inside it; the marker follows the current point. ``set(t)`` shows the first
    ``t`` steps (fractional ``t`` draws part of the next segment).
    """

    def __init__(
        self,
        frame: PlotFrame,
        points: np.ndarray,
        color: str,
        radius: float = 0.05,
        *,
        marker_radius: float = 0.085,
        marker_color: str | None = None,
    ) -> None:
        self.frame = frame
        self.points = np.asarray(points, dtype=float)
        box = frame.box
        self.shown = [k for k in range(len(self.points)) if inside(self.points[k], box)]
        self.path = VMobject(stroke_color=color, stroke_width=4.0)
        self.dots = dot_cloud(np.zeros((0, 3)), color, radius=radius)
        self.marker = Dot(
            frame.c2p(self.points[:1])[0], radius=marker_radius, color=marker_color or color
        )
        scene_pts = frame.c2p(self.points)
        self._dot_points = circle_curves(scene_pts[self.shown], radius)
        self._shown_before = np.searchsorted(np.array(self.shown), np.arange(len(points) + 1))
        self._segments = [self._segment(k) for k in range(len(self.points) - 1)]
        self.set(0.0)

    def _segment(self, k: int, fraction: float = 1.0) -> np.ndarray | None:
        a = self.points[k]
        b = a + fraction * (self.points[k + 1] - a)
        clipped = clip_segment(a, b, self.frame.box)
        if clipped is None:
            return None
        ends = self.frame.c2p(np.array(clipped))
        return line_curves(ends[0], ends[1])

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    def set(self, t: float) -> None:
        """Show the path up to step ``t`` (clamped to the steps taken)."""
        self.set_path(t)
        self.set_marker(t)

    def _clamp(self, t: float) -> tuple[float, int]:
        t = min(max(t, 0.0), float(self.steps))
        return t, math.floor(t)

    def set_path(self, t: float) -> None:
        """The line and the dots up to step ``t``."""
        t, whole = self._clamp(t)
        parts = [s for s in self._segments[:whole] if s is not None]
        if whole < self.steps and t > whole:
            part = self._segment(whole, t - whole)
            if part is not None:
                parts.append(part)
        self.path.set_points(np.concatenate(parts) if parts else np.zeros((0, 3)))
        count = int(self._shown_before[min(len(self.points), whole + 1)])
        self.dots.set_points(self._dot_points[: 16 * count])

    def set_marker(self, t: float) -> None:
        """The marker at step ``t``, hidden outside the plot."""
        t, whole = self._clamp(t)
        point = self.points[whole]
        if whole < self.steps and t > whole:
            point = point + (t - whole) * (self.points[whole + 1] - point)
        if inside(point, self.frame.box):
            self.marker.move_to(self.frame.c2p(point[None, :])[0])
            self.marker.set_opacity(1.0)
        else:
            self.marker.set_opacity(0.0)

    def invariants(self, label: str, expected: np.ndarray) -> list[Invariant]:
        """Dots at the expected trajectory's points that lie inside the plot."""
        (x0, x1), _ = self.frame.box
        centres = np.array([self.frame.p2c(c) for c in dot_centres(self.dots)]).reshape(-1, 2)
        exp = np.asarray(expected, dtype=float)
        inside_rows = [k for k in range(len(exp)) if inside(exp[k], self.frame.box)]
        return [
            Invariant(
                f"{label}: path dots sit at the trajectory's points",
                centres,
                exp[inside_rows].reshape(-1, 2),
                atol=1e-6 * (x1 - x0),
            )
        ]


class LossReveal:
    """A run's losses on a (log-scale) loss plot, revealed step by step.

    ``line`` joins the losses (when ``line_width`` is given) and ``dots`` marks them
    (when ``dot_radius`` is given); ``set(t)`` shows the first ``t`` steps (fractional
    ``t`` draws part of the next segment of the line).
    """

    def __init__(
        self,
        frame: PlotFrame,
        losses: np.ndarray,
        axis: LogAxis,
        color: str,
        *,
        line_width: float | None = 2.5,
        dot_radius: float | None = None,
    ) -> None:
        self.frame, self.axis = frame, axis
        steps = np.arange(len(losses))
        self.points = frame.c2p(np.column_stack([steps, [axis.position(x) for x in losses]]))
        self.line = VMobject(stroke_color=color, stroke_width=line_width or 0.0)
        self.dots = dot_cloud(np.zeros((0, 3)), color, radius=dot_radius or 0.0)
        self.has_line, self.has_dots = line_width is not None, dot_radius is not None
        pts = self.points
        self._segments = line_curves(pts[:-1], pts[1:]) if len(pts) > 1 else np.zeros((0, 3))
        self._dot_points = circle_curves(pts, dot_radius) if dot_radius else np.zeros((0, 3))
        self.set(0.0)

    def set(self, t: float) -> None:
        """Show the losses up to step ``t``."""
        pts = self.points
        whole = min(len(pts) - 1, math.floor(t))
        if self.has_dots:
            self.dots.set_points(self._dot_points[: 16 * (whole + 1)])
        if self.has_line:
            parts = [self._segments[: 4 * whole]]
            if whole < len(pts) - 1 and t > whole:
                a = pts[whole]
                parts.append(line_curves(a, a + (t - whole) * (pts[whole + 1] - a)))
            self.line.set_points(np.concatenate(parts))

    def invariants(self, label: str, losses: np.ndarray) -> list[Invariant]:
        """The loss dots at (step, log-scale loss)."""
        centres = np.array([self.frame.p2c(c) for c in dot_centres(self.dots)]).reshape(-1, 2)
        want = np.column_stack([np.arange(len(losses)), [self.axis.position(x) for x in losses]])
        return [Invariant(f"{label}: loss plot points equal the losses", centres, want, atol=1e-6)]
