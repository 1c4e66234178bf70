"""Plots: a framed plot region with round ticks (:class:`PlotFrame`, whose
:class:`~scenes.kit.coords.Coords` maps plotted coordinates to the screen), contour
plots, the log-scale loss axis, and the layout of a plot region (``fit_box``,
``clip_segment``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    MathTex,
    Rectangle,
    VGroup,
    VMobject,
)
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.contours import clip_span, contour_levels, contour_lines
from mlmath_viz.objectives import Objective
from scenes.kit.coords import Box, Coords
from scenes.kit.numbers import format_number, nice_ticks
from scenes.kit.style import (
    LABEL_SIZE,
    PALETTE,
    TICK_SIZE,
)

FloatArray = NDArray[np.float64]


@dataclass
class PlotFrame:
    """A rectangle of the screen showing the plot region ``box``.

    ``coords`` maps plotted coordinates to scene points and back (``c2p``/``p2c``);
    ``border`` and ``labels`` are what is drawn.
    """

    coords: Coords
    box: Box
    border: Rectangle
    labels: VGroup

    def c2p(self, points: ArrayLike) -> np.ndarray:
        """Scene points of plot points, shape (n, 2) -> (n, 3) (an affine map)."""
        out: np.ndarray = self.coords.c2p(np.asarray(points, dtype=float).reshape(-1, 2))
        return out

    def p2c(self, point: Sequence[float]) -> np.ndarray:
        """Plot coordinates of a scene point, (3,) -> (2,)."""
        out: np.ndarray = self.coords.p2c(np.asarray(point, dtype=float))
        return out

    @property
    def group(self) -> VGroup:
        """Border and labels."""
        return VGroup(self.border, self.labels)


def plot_frame(
    box: Box,
    width: float,
    height: float,
    centre: Sequence[float],
    *,
    x_ticks: int = 5,
    y_ticks: int = 5,
    y_tick_text: dict[float, str] | None = None,
    x_values: Sequence[float] | None = None,
    y_values: Sequence[float] | None = None,
) -> PlotFrame:
    """The plot region ``box`` shown in a ``width`` x ``height`` rectangle centred at
    ``centre``: a border and tick labels at round values.

    Tick labels sit outside the border (below it and to its left) at
    :data:`scenes.kit.style.TICK_SIZE` (labels with an exponent or index at ``LABEL_SIZE``);
    ``y_tick_text`` maps y values to LaTeX labels (for log scales).
    """
    (x0, x1), (y0, y1) = box
    coords = Coords.onto(box, centre[0] - width / 2, centre[1] - height / 2, width, height)
    border = Rectangle(width=width, height=height, stroke_color=PALETTE.muted, stroke_width=1.5)
    border.move_to(coords.c2p((0.5 * (x0 + x1), 0.5 * (y0 + y1))))
    labels = VGroup()
    xs = nice_ticks(x0, x1, x_ticks) if x_values is None else np.asarray(x_values, float)
    ys = nice_ticks(y0, y1, y_ticks) if y_values is None else np.asarray(y_values, float)
    for x in xs:
        label = MathTex(format_number(float(x)), font_size=TICK_SIZE, color=PALETTE.muted)
        label.next_to(coords.c2p((float(x), y0)), DOWN, buff=0.12)
        labels.add(label)
    for y in ys:
        text = y_tick_text[float(y)] if y_tick_text else format_number(float(y))
        # An exponent (10^{-2}) at TICK_SIZE is 11.9 px tall: set those at LABEL_SIZE.
        size = LABEL_SIZE if "^" in text or "_" in text else TICK_SIZE
        label = MathTex(text, font_size=size, color=PALETTE.muted)
        label.next_to(coords.c2p((x0, float(y))), LEFT, buff=0.12)
        labels.add(label)
    return PlotFrame(coords=coords, box=box, border=border, labels=labels)


def polyline(points: np.ndarray, color: str, width: float = 4.0, opacity: float = 1.0) -> VMobject:
    """A polyline through scene points (n, 3) as one VMobject."""
    vm = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
    if len(points) >= 2:
        vm.set_points_as_corners(np.asarray(points, dtype=float))
    return vm


def contour_group(
    frame: PlotFrame,
    objective: Objective,
    levels: np.ndarray | None = None,
    count: int = 11,
    resolution: int = 90,
) -> tuple[VGroup, np.ndarray]:
    """Level curves of ``objective`` over the frame's box, one VMobject per level.

    Lower levels are drawn brighter. Returns the group and the levels used.
    """
    (x0, x1), (y0, y1) = frame.box
    xs = np.linspace(x0, x1, resolution)
    ys = np.linspace(y0, y1, resolution)
    z = objective.grid(xs, ys)
    if levels is None:
        finite = z[np.isfinite(z)]
        lowest = float(finite.min()) if finite.size else objective.minimum
        levels = contour_levels(z, count, minimum=min(objective.minimum, lowest))
    group = VGroup()
    for k, level in enumerate(levels):
        opacity = 0.95 - 0.5 * k / max(1, len(levels) - 1)
        vm = VMobject(stroke_color=PALETTE.grid, stroke_width=2.0, stroke_opacity=opacity)
        for line in contour_lines(xs, ys, z, float(level)):
            pts = frame.c2p(line)
            vm.start_new_path(pts[0])
            vm.add_points_as_corners(pts[1:])
        group.add(vm)
    return group, np.asarray(levels, dtype=float)


def level_curve(frame: PlotFrame, objective: Objective, level: float, color: str) -> VMobject:
    """The level set ``f = level`` over the frame's box as one VMobject (fine grid)."""
    (x0, x1), (y0, y1) = frame.box
    xs = np.linspace(x0, x1, 161)
    ys = np.linspace(y0, y1, 161)
    vm = VMobject(stroke_color=color, stroke_width=4.0)
    for line in contour_lines(xs, ys, objective.grid(xs, ys), level):
        pts = frame.c2p(line)
        vm.start_new_path(pts[0])
        vm.add_points_as_corners(pts[1:])
    return vm


def curve_tangent_at(
    frame: PlotFrame, curve: VMobject, point: np.ndarray
) -> tuple[float, np.ndarray]:
    """Distance (plot units) from ``point`` to the drawn curve's nearest vertex, and the
    curve's unit tangent there (from its neighbouring vertices), in plot coordinates."""
    anchors = np.array([frame.p2c(p) for p in curve.get_anchors()])
    d = np.linalg.norm(anchors - point, axis=1)
    k = int(np.argmin(d))
    lo, hi = max(0, k - 2), min(len(anchors) - 1, k + 2)
    tangent = anchors[hi] - anchors[lo]
    return float(d[k]), tangent / np.linalg.norm(tangent)


def arrow_in_box(
    frame: PlotFrame, base: np.ndarray, direction: np.ndarray, length: float
) -> np.ndarray | None:
    """End point (plot units) of a segment from ``base`` along ``direction`` with screen
    length ``length``, cut at the frame's border; None when it has no room."""
    norm = float(np.linalg.norm(direction))
    if norm == 0 or not np.all(np.isfinite(direction)):
        return None
    unit = (frame.c2p(np.array([[1.0, 0.0]])) - frame.c2p(np.array([[0.0, 0.0]])))[0]
    plot_length = length / float(np.linalg.norm(unit))
    end = base + plot_length * direction / norm
    clipped = clip_segment(base, end, frame.box)
    if clipped is None or np.linalg.norm(clipped[1] - clipped[0]) < 0.2 * plot_length:
        return None
    return clipped[1]


def line_through(frame: PlotFrame, point: np.ndarray, slope: float) -> np.ndarray | None:
    """Scene end points of the line through ``point`` with ``slope``, cut to the frame."""
    (x0, x1), _ = frame.box
    far = 4 * (x1 - x0) + 4 * abs(slope) * (x1 - x0)
    a = np.array([point[0] - far, point[1] - slope * far])
    b = np.array([point[0] + far, point[1] + slope * far])
    clipped = clip_segment(a, b, frame.box)
    if clipped is None:
        return None
    return frame.c2p(np.array(clipped))


def fit_box(points: ArrayLike, base: Box, aspect: float, margin: float = 0.08) -> Box:
    """The smallest box with width/height = ``aspect`` holding ``base`` and ``points``.

    The union of ``base`` and the finite points' bounding box is padded by ``margin``
    of its size on each side and then widened (or heightened) about its centre to the
    aspect ratio, so one unit has the same length on both axes of a plot whose
    screen size has that aspect: right angles look right.
    """
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    p = p[np.all(np.isfinite(p), axis=1)]
    (x0, x1), (y0, y1) = base
    if len(p):
        x0, x1 = min(x0, float(p[:, 0].min())), max(x1, float(p[:, 0].max()))
        y0, y1 = min(y0, float(p[:, 1].min())), max(y1, float(p[:, 1].max()))
    w, h = x1 - x0, y1 - y0
    x0, x1, y0, y1 = x0 - margin * w, x1 + margin * w, y0 - margin * h, y1 + margin * h
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:
        extra = (aspect * h - w) / 2
        x0, x1 = x0 - extra, x1 + extra
    else:
        extra = (w / aspect - h) / 2
        y0, y1 = y0 - extra, y1 + extra
    return ((x0, x1), (y0, y1))


def clip_segment(p: ArrayLike, q: ArrayLike, box: Box) -> tuple[FloatArray, FloatArray] | None:
    """The part of the segment ``p``-``q`` inside ``box`` (Liang-Barsky), or None.

    Points :math:`p + t(q - p)` for :math:`t \\in [t_0, t_1] \\subseteq [0, 1]` with
    every coordinate inside the box.
    """
    a = np.asarray(p, dtype=float)[:2]
    b = np.asarray(q, dtype=float)[:2]
    span = clip_span(a, b, box)
    if span is None:
        return None
    t0, t1 = span
    return a + t0 * (b - a), a + t1 * (b - a)


#: Decades of loss shown by a log-scale loss plot of a converging run.
LOG_DECADES = 14


@dataclass(frozen=True)
class LogAxis:
    """A base-10 log scale for a loss plot: ``[low, high]`` in decades."""

    low: int
    high: int

    @staticmethod
    def for_losses(losses: np.ndarray, diverged: bool, log_decades: int = LOG_DECADES) -> LogAxis:
        positive = losses[losses > 0]
        if positive.size == 0:
            return LogAxis(-1, 1)
        high = math.ceil(math.log10(float(positive.max())))
        low = math.floor(math.log10(float(positive.min())))
        if not diverged:
            low = max(low, high - log_decades)
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
