"""Pieces shared by several scenes (moved here from ``scenes/calculus.py``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Axes,
    MathTex,
    Rectangle,
    VGroup,
    VMobject,
)

from mlmath_viz.contours import (
    Box,
    clip_segment,
    contour_levels,
    contour_lines,
    nice_ticks,
)
from mlmath_viz.objectives import Objective
from scenes.kit.numbers import format_number
from scenes.kit.style import (
    PALETTE,
    TEXT_SIZE,
)

#: Handle length of a cubic Bezier quarter circle: 4/3 (sqrt 2 - 1).
KAPPA = 4.0 / 3.0 * (math.sqrt(2.0) - 1.0)


def sig(x: float, digits: int = 3) -> str:
    """``x`` with ``digits`` significant figures; scientific form when very small or big.

    ``0.000123 -> "1.23e-4"``, ``12345678 -> "1.23e7"``, ``0.5 -> "0.5"``.
    """
    if not math.isfinite(x):
        return "inf" if x > 0 else ("-inf" if x < 0 else "nan")
    if x == 0:
        return "0"
    if abs(x) < 1e-3 or abs(x) >= 1e5:
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    text = f"{x:.{digits}g}"
    if "e" in text:  # e.g. 12345 with 3 digits
        text = f"{x:.0f}"
    return text


def sig_tex(x: float, digits: int = 3) -> str:
    """:func:`sig` as LaTeX: ``1.23e-4`` becomes ``1.23\\times10^{-4}``."""
    text = sig(x, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa}\times10^{{{exponent}}}"
    return text


@dataclass
class PlotFrame:
    """A rectangle of the screen showing the plot region ``box`` with equal-unit axes.

    ``axes`` is an invisible Manim ``Axes`` used for the mapping both ways
    (``axes.c2p`` and ``axes.p2c``); ``border`` and ``labels`` are what is drawn.
    """

    axes: Axes
    box: Box
    border: Rectangle
    labels: VGroup

    def to_scene(self, points: np.ndarray) -> np.ndarray:
        """Scene points of plot points, shape (n, 2) -> (n, 3) (an affine map)."""
        p = np.asarray(points, dtype=float).reshape(-1, 2)
        (x0, x1), (y0, y1) = self.box
        o = self.axes.c2p(x0, y0)
        ex = (self.axes.c2p(x1, y0) - o) / (x1 - x0)
        ey = (self.axes.c2p(x0, y1) - o) / (y1 - y0)
        out: np.ndarray = o + np.outer(p[:, 0] - x0, ex) + np.outer(p[:, 1] - y0, ey)
        return out

    def to_plot(self, point: Sequence[float]) -> np.ndarray:
        """Plot coordinates of a scene point (Manim's ``p2c``)."""
        return np.array(self.axes.p2c(np.asarray(point, dtype=float))[:2], dtype=float)

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
    """An invisible ``Axes`` over ``box``, a border, and tick labels at round values.

    Tick labels sit outside the border (below it and to its left) at
    :data:`scenes.style.TEXT_SIZE`; ``y_tick_text`` maps y values to LaTeX labels (for
    log scales).
    """
    (x0, x1), (y0, y1) = box
    axes = Axes(
        x_range=(x0, x1, x1 - x0),
        y_range=(y0, y1, y1 - y0),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"include_ticks": False, "stroke_opacity": 0.0, "stroke_width": 0},
    )
    axes.move_to([centre[0], centre[1], 0.0])
    border = Rectangle(width=width, height=height, stroke_color=PALETTE.muted, stroke_width=1.5)
    border.move_to(axes.c2p(0.5 * (x0 + x1), 0.5 * (y0 + y1)))
    labels = VGroup()
    xs = nice_ticks(x0, x1, x_ticks) if x_values is None else np.asarray(x_values, float)
    ys = nice_ticks(y0, y1, y_ticks) if y_values is None else np.asarray(y_values, float)
    for x in xs:
        label = MathTex(format_number(float(x)), font_size=TEXT_SIZE, color=PALETTE.muted)
        label.next_to(axes.c2p(float(x), y0), DOWN, buff=0.12)
        labels.add(label)
    for y in ys:
        text = y_tick_text[float(y)] if y_tick_text else format_number(float(y))
        label = MathTex(text, font_size=TEXT_SIZE, color=PALETTE.muted)
        label.next_to(axes.c2p(x0, float(y)), LEFT, buff=0.12)
        labels.add(label)
    return PlotFrame(axes=axes, box=box, border=border, labels=labels)


def polyline(points: np.ndarray, color: str, width: float = 3.0, opacity: float = 1.0) -> VMobject:
    """A polyline through scene points (n, 3) as one VMobject."""
    vm = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
    if len(points) >= 2:
        vm.set_points_as_corners(np.asarray(points, dtype=float))
    return vm


def line_curves(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Bezier points (4 per segment) of straight segments, for ``VMobject.set_points``."""
    a = np.asarray(starts, dtype=float).reshape(-1, 3)
    b = np.asarray(ends, dtype=float).reshape(-1, 3)
    out = np.stack([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b], axis=1)
    return out.reshape(-1, 3)


def circle_curves(centres: np.ndarray, radius: float) -> np.ndarray:
    """Bezier points (16 per circle) of small circles: many dots as one VMobject."""
    c = np.asarray(centres, dtype=float).reshape(-1, 3)
    if len(c) == 0:
        return np.zeros((0, 3))
    quarter = []
    for k in range(4):
        a0, a1 = k * math.pi / 2, (k + 1) * math.pi / 2
        p0 = np.array([math.cos(a0), math.sin(a0), 0.0])
        p3 = np.array([math.cos(a1), math.sin(a1), 0.0])
        t0 = np.array([-math.sin(a0), math.cos(a0), 0.0])
        t1 = np.array([-math.sin(a1), math.cos(a1), 0.0])
        quarter.extend([p0, p0 + KAPPA * t0, p3 - KAPPA * t1, p3])
    unit = np.array(quarter)  # (16, 3)
    out: np.ndarray = (c[:, None, :] + radius * unit[None, :, :]).reshape(-1, 3)
    return out


def dot_cloud(centres: np.ndarray, radius: float, color: str) -> VMobject:
    """Filled dots at scene points, all in one VMobject (16 Bezier points per dot)."""
    vm = VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0)
    pts = circle_curves(centres, radius)
    if len(pts):
        vm.set_points(pts)
    return vm


def dot_centres(vm: VMobject) -> np.ndarray:
    """Centres of the dots of a :func:`dot_cloud`: the mean of each circle's 4 anchors."""
    pts = np.asarray(vm.points, dtype=float)
    if len(pts) == 0:
        return np.zeros((0, 3))
    anchors = pts.reshape(-1, 4, 4, 3)[:, :, 0, :]
    out: np.ndarray = anchors.mean(axis=1)
    return out


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
            pts = frame.to_scene(line)
            vm.start_new_path(pts[0])
            vm.add_points_as_corners(pts[1:])
        group.add(vm)
    return group, np.asarray(levels, dtype=float)


def level_curve(frame: PlotFrame, objective: Objective, level: float, color: str) -> VMobject:
    """The level set ``f = level`` over the frame's box as one VMobject (fine grid)."""
    (x0, x1), (y0, y1) = frame.box
    xs = np.linspace(x0, x1, 161)
    ys = np.linspace(y0, y1, 161)
    vm = VMobject(stroke_color=color, stroke_width=3.0)
    for line in contour_lines(xs, ys, objective.grid(xs, ys), level):
        pts = frame.to_scene(line)
        vm.start_new_path(pts[0])
        vm.add_points_as_corners(pts[1:])
    return vm


def curve_tangent_at(
    frame: PlotFrame, curve: VMobject, point: np.ndarray
) -> tuple[float, np.ndarray]:
    """Distance (plot units) from ``point`` to the drawn curve's nearest vertex, and the
    curve's unit tangent there (from its neighbouring vertices), in plot coordinates."""
    anchors = np.array([frame.to_plot(p) for p in curve.get_anchors()])
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
    from mlmath_viz.contours import clip_segment

    norm = float(np.linalg.norm(direction))
    if norm == 0 or not np.all(np.isfinite(direction)):
        return None
    unit = (frame.to_scene(np.array([[1.0, 0.0]])) - frame.to_scene(np.array([[0.0, 0.0]])))[0]
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
    return frame.to_scene(np.array(clipped))
