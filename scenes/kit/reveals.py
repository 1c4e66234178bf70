"""Reveals: what a scene draws a little more of on each frame. :class:`PathArt` is a
trajectory on a plot frame revealed step by step."""

from __future__ import annotations

import math

import numpy as np
from manim import Dot, VMobject

from mlmath_viz.contours import inside
from scenes.kit.marks import circle_curves, dot_centres, dot_cloud, line_curves
from scenes.kit.plots import PlotFrame, clip_segment
from scenes.kit.scene import Invariant


class PathArt:
    """A trajectory drawn on a plot frame, revealed step by step.

    The line is the path's segments clipped to the plot; the dots mark the points that
    lie inside it; the marker follows the current point. ``set(t)`` shows the first
    ``t`` steps (fractional ``t`` draws part of the next segment).
    """

    def __init__(
        self, frame: PlotFrame, points: np.ndarray, color: str, radius: float = 0.05
    ) -> None:
        self.frame = frame
        self.points = np.asarray(points, dtype=float)
        box = frame.box
        self.shown = [k for k in range(len(self.points)) if inside(self.points[k], box)]
        self.path = VMobject(stroke_color=color, stroke_width=3.0)
        self.dots = dot_cloud(np.zeros((0, 3)), radius, color)
        self.marker = Dot(frame.c2p(self.points[:1])[0], radius=0.085, color=color)
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
        t = min(max(t, 0.0), float(self.steps))
        whole = math.floor(t)
        parts = [s for s in self._segments[:whole] if s is not None]
        point = self.points[whole]
        if whole < self.steps and t > whole:
            part = self._segment(whole, t - whole)
            if part is not None:
                parts.append(part)
            point = point + (t - whole) * (self.points[whole + 1] - point)
        self.path.set_points(np.concatenate(parts) if parts else np.zeros((0, 3)))
        count = int(self._shown_before[min(len(self.points), whole + 1)])
        self.dots.set_points(self._dot_points[: 16 * count])
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
