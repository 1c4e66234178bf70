"""Pieces shared by several scenes (moved here from ``scenes/optimization.py``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    Dot,
    MathTex,
    VGroup,
    VMobject,
)

from mlmath_viz import descent, objectives
from mlmath_viz.contours import Box, clip_segment, fit_box, inside, nice_ticks
from scenes.kit.builders import Readout
from scenes.kit.plot_frame import PlotFrame, circle_curves, dot_centres, dot_cloud, line_curves, sig
from scenes.kit.scene import Invariant

#: Screen size of the square contour plot and where the right-hand panel starts.
PLOT_SIZE = 6.7


PANEL_X = 1.05


#: Radius of the path's dots.
DOT_RADIUS = 0.05


#: How far past the default view a path may go and still be framed (times its size).
FRAME_REACH = 3.0


#: Decades of loss shown by a log-scale loss plot of a converging run.
LOG_DECADES = 14


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


class StepReadout(VGroup):
    """``step k   f(v_k) = loss``: a descent run's live readout, typeset once.

    A ``Text`` rebuilt for every step costs a Pango layout each time (about 0.1 s, a
    sixth of GradientDescent's render at 1080p60). Here the labels are typeset once and
    only the two numbers change, through :class:`~scenes.builders.Readout`. Room is kept
    for the run's longest step number and loss, so the labels never move; the digits sit
    on the labels' baseline.
    """

    GAP = 0.14  # between a label and its number
    SPACE = 0.45  # between the step number and the loss label

    def __init__(self, losses: Sequence[float], font_size: float, color: str) -> None:
        self.losses = [float(x) for x in losses]
        shown = [sig(x) for x in self.losses]
        last_step = str(len(self.losses) - 1)
        step_label = MathTex(r"\text{step}", font_size=font_size, color=color)
        loss_label = MathTex(r"f(v_k) =", font_size=font_size, color=color)
        self.step_number = Readout(
            0, decimals=0, font_size=font_size, color=color, max_chars=len(last_step)
        )
        self.loss_value = Readout(
            self.losses[0],
            font_size=font_size,
            color=color,
            max_chars=max(len(t) for t in shown),
            formatter=sig,
            extra_chars="e",
        )
        baseline = step_label[0][0].get_bottom()[1]  # "s" sits on the baseline
        self.step_number.place(np.array([step_label.get_right()[0] + self.GAP, baseline, 0.0]))
        loss_left = (
            step_label.get_right()[0]
            + self.GAP
            + self.step_number.width_of("0" * len(last_step))
            + self.SPACE
        )
        loss_label.shift(
            [loss_left - loss_label.get_left()[0], baseline - loss_label[0][2].get_bottom()[1], 0]
        )  # glyph 2 is the "v", on the baseline
        self.loss_value.place(np.array([loss_label.get_right()[0] + self.GAP, baseline, 0.0]))
        widest_loss = max(self.loss_value.width_of(t) for t in shown)
        #: From the left edge to the right end of the widest loss of the run.
        self.full_width = (
            loss_label.get_right()[0] + self.GAP + widest_loss - step_label.get_left()[0]
        )
        super().__init__(step_label, self.step_number, loss_label, self.loss_value)
        self.step_label, self.loss_label = step_label, loss_label
        self.index = 0

    def show(self, k: int) -> StepReadout:
        """Show step ``k`` and its loss (nothing to do if already shown)."""
        if k != self.index:
            self.step_number.set_value(k)
            self.loss_value.set_value(self.losses[k])
            self.index = k
        return self

    def left_edge(self) -> float:
        return float(self.step_label.get_left()[0])


@dataclass(frozen=True)
class LogAxis:
    """A base-10 log scale for a loss plot: ``[low, high]`` in decades."""

    low: int
    high: int

    @staticmethod
    def for_losses(losses: np.ndarray, diverged: bool) -> LogAxis:
        positive = losses[losses > 0]
        if positive.size == 0:
            return LogAxis(-1, 1)
        high = math.ceil(math.log10(float(positive.max())))
        low = math.floor(math.log10(float(positive.min())))
        if not diverged:
            low = max(low, high - LOG_DECADES)
        if high - low < 2:
            low, high = low - 1, high + 1
        return LogAxis(low, high)

    def position(self, loss: float) -> float:
        """Where a loss is drawn: :math:`\\log_{10}` clipped to the axis."""
        if loss <= 0:
            return float(self.low)
        return float(min(max(math.log10(loss), self.low), self.high))

    def ticks(self) -> tuple[np.ndarray, dict[float, str]]:
        values = nice_ticks(self.low, self.high, 4)
        values = values[np.isclose(values, np.round(values))]
        return values, {float(v): rf"10^{{{round(v)}}}" for v in values}


class PathArt:
    """A trajectory drawn on a plot frame, revealed step by step.

    The line is the path's segments clipped to the plot; the dots mark the points that
    lie inside it; the marker follows the current point. ``set(t)`` shows the first
    ``t`` steps (fractional ``t`` draws part of the next segment).
    """

    def __init__(
        self, frame: PlotFrame, points: np.ndarray, color: str, radius: float = DOT_RADIUS
    ) -> None:
        self.frame = frame
        self.points = np.asarray(points, dtype=float)
        box = frame.box
        self.shown = [k for k in range(len(self.points)) if inside(self.points[k], box)]
        self.path = VMobject(stroke_color=color, stroke_width=3.0)
        self.dots = dot_cloud(np.zeros((0, 3)), radius, color)
        self.marker = Dot(frame.to_scene(self.points[:1])[0], radius=0.085, color=color)
        scene_pts = frame.to_scene(self.points)
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
        ends = self.frame.to_scene(np.array(clipped))
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
            self.marker.move_to(self.frame.to_scene(point[None, :])[0])
            self.marker.set_opacity(1.0)
        else:
            self.marker.set_opacity(0.0)

    def invariants(self, label: str, expected: np.ndarray) -> list[Invariant]:
        """Dots at the expected trajectory's points that lie inside the plot."""
        (x0, x1), _ = self.frame.box
        centres = np.array([self.frame.to_plot(c) for c in dot_centres(self.dots)]).reshape(-1, 2)
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
        growing = run.diverged or (run.steps > 0 and run.losses[-1] > run.losses[0])
        for p in run.points[1:]:
            if growing and max(abs(p[0] - cx), abs(p[1] - cy)) > reach:
                break
            keep.append(p)
    return fit_box(np.array(keep), base, aspect=1.0)
