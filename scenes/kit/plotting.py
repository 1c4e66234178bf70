"""Shared 2-D plotting pieces: a plot with round ticks on a :class:`Coords`, density
curves, shaded areas under curves and dot clouds as single mobjects, and the panel text
styles (titles, text and formula rows). Legend rows live in :mod:`scenes.kit.legends`
(re-exported here), histogram bars in :mod:`scenes.kit.histogram`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Line,
    MathTex,
    Text,
    VGroup,
    VMobject,
)
from numpy.typing import ArrayLike

from mlmath_viz.linear_maps import parallelogram_area
from scenes.kit.coords import Coords
from scenes.kit.legends import bar_swatch, dot_swatch, legend_row, line_swatch
from scenes.kit.marks import dot_cloud
from scenes.kit.numbers import STEPS_1_2_25_5, format_number, nice_step
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)


def tick_step(span: float, target: int) -> float:
    """A tick step from 1, 2, 2.5, 5 x 10^k giving at most about ``target`` steps (the
    kit's one tick rule, :func:`scenes.kit.numbers.nice_step`)."""
    return nice_step(span / max(1, target), mantissas=STEPS_1_2_25_5, rtol=1e-9)


def tick_values(lo: float, hi: float, step: float) -> list[float]:
    count = round((hi - lo) / step)
    return [lo + k * step for k in range(count + 1)]


class Plot:
    """Axes with readable tick labels in a screen box, and vectorised coordinates.

    ``x`` and ``y`` spans are widened to whole tick steps; y starts at 0. The x title
    sits inside the plot over the axis's right end, or past that end with
    ``x_title_beside`` (for a curve that is still high there, a heavy tail).
    """

    def __init__(
        self,
        x_lo: float,
        x_hi: float,
        y_hi: float,
        *,
        box: tuple[float, float, float, float],
        y_title: str = "density",
        x_title: str = "",
        x_ticks: int = 8,
        y_ticks: int = 5,
        show_y: bool = True,
        x_format: Callable[[float], str] | None = None,
        x_title_beside: bool = False,
    ) -> None:
        left, right, bottom, top = box
        xs = tick_step(x_hi - x_lo, x_ticks)
        ys = tick_step(y_hi, y_ticks)
        self.x_lo = math.floor(x_lo / xs + 1e-9) * xs
        self.x_hi = math.ceil(x_hi / xs - 1e-9) * xs
        self.y_hi = math.ceil(y_hi / ys - 1e-9) * ys if show_y else y_hi
        digits = max(0, -math.floor(math.log10(min(xs, ys)) + 1e-9) + 1)
        y_values = tick_values(0.0, self.y_hi, ys) if show_y else []
        y_labels = [
            MathTex(format_number(v, digits), font_size=LABEL_SIZE, color=PALETTE.muted)
            for v in y_values
        ]
        label_w = max((m.width for m in y_labels), default=0.0) + 0.2
        title_h = 0.45
        self.axes = Axes(
            x_range=(self.x_lo, self.x_hi, xs),
            y_range=(0.0, self.y_hi, ys),
            x_length=right - left - label_w - 0.3,
            y_length=top - bottom - 0.5 - title_h,
            tips=False,
            axis_config={"color": PALETTE.muted, "stroke_width": 2, "tick_size": 0.05},
        )
        self.axes.shift(
            np.array([left + label_w, bottom + 0.5, 0.0]) - self.axes.c2p(self.x_lo, 0.0)
        )
        labels = VGroup()
        for v in tick_values(self.x_lo, self.x_hi, xs):
            labels.add(
                MathTex(
                    x_format(v) if x_format else format_number(v, digits),
                    font_size=LABEL_SIZE,
                    color=PALETTE.muted,
                ).next_to(self.axes.c2p(v, 0.0), DOWN, buff=0.14)
            )
        # The y axis is drawn at the left edge (Axes would put it at x = 0).
        self.y_axis = VGroup()
        if show_y:
            self.y_axis.add(
                Line(
                    self.axes.c2p(self.x_lo, 0.0),
                    self.axes.c2p(self.x_lo, self.y_hi),
                    stroke_color=PALETTE.muted,
                    stroke_width=2,
                )
            )
        for v, m in zip(y_values, y_labels, strict=True):
            tick = self.axes.c2p(self.x_lo, v)
            self.y_axis.add(
                Line(
                    tick + 0.05 * LEFT,
                    tick + 0.05 * RIGHT,
                    stroke_color=PALETTE.muted,
                    stroke_width=2,
                )
            )
            labels.add(m.next_to(tick, LEFT, buff=0.12))
        self.tick_labels = labels
        titles = VGroup()
        if y_title and show_y:
            titles.add(
                Text(y_title, font_size=TEXT_SIZE, color=PALETTE.muted).next_to(
                    self.axes.c2p(self.x_lo, self.y_hi), UP, buff=0.2, aligned_edge=LEFT
                )
            )
        if x_title:
            x_label = MathTex(x_title, font_size=LABEL_SIZE, color=PALETTE.muted)
            end = self.axes.c2p(self.x_hi, 0.0)
            if x_title_beside:  # past the axis's end, where no curve runs
                x_label.next_to(end, RIGHT, buff=0.15)
            else:  # inside the plot, over the axis's end
                x_label.next_to(end, UP + LEFT, buff=0.12)
            titles.add(x_label)
        self.titles = titles
        origin = np.asarray(self.axes.c2p(0.0, 0.0), dtype=float)
        #: The plot's coordinate system (plotted units <-> scene points).
        self.mapping = Coords(
            origin,
            np.asarray(self.axes.c2p(1.0, 0.0), dtype=float) - origin,
            np.asarray(self.axes.c2p(0.0, 1.0), dtype=float) - origin,
        )

    def c2p(self, x: ArrayLike, y: ArrayLike | None = None) -> np.ndarray:
        """Scene points of plotted coordinates (:meth:`Coords.c2p`)."""
        return self.mapping.c2p(x, y)

    def p2c(self, points: ArrayLike) -> np.ndarray:
        """Plotted coordinates of scene points (:meth:`Coords.p2c`)."""
        return self.mapping.p2c(points)

    def points(
        self, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray
    ) -> np.ndarray:
        """Scene points of plotted coordinates, shape ``(m, 3)`` (always a row per point)."""
        return self.mapping.c2p(
            np.asarray(x, dtype=float).reshape(-1), y=np.asarray(y, dtype=float).reshape(-1)
        )

    def coords(self, points: np.ndarray) -> np.ndarray:
        """Plotted coordinates of scene points, shape ``(m, 2)`` (always a row per point)."""
        return self.mapping.p2c(np.asarray(points, dtype=float).reshape(-1, 3))

    def group(self) -> VGroup:
        """Everything to draw: x axis, left y axis, tick labels and titles."""
        return VGroup(self.axes.x_axis, self.y_axis, self.tick_labels, self.titles)


def plot_curve(plot: Plot, x: np.ndarray, y: np.ndarray, color: str, width: float = 4) -> VMobject:
    """A polyline through plotted points; callers size the axes to fit its peak."""
    curve = VMobject(stroke_color=color, stroke_width=width)
    curve.set_points_as_corners(plot.c2p(x, np.minimum(y, plot.y_hi)))
    return curve


def curve_vertices(curve: VMobject) -> np.ndarray:
    """The corners of a polyline made by ``set_points_as_corners``, in order."""
    return np.vstack([curve.points[0::4], curve.points[-1:]])


def plot_box(bottom_room: float = 0.0) -> tuple[float, float, float, float]:
    """The plot's screen box (left, right, bottom, top), left of the panel."""
    return (
        -frame_half_width() + FRAME_MARGIN,
        panel_left() - 0.35,
        -frame_half_height() + FRAME_MARGIN_Y + bottom_room,
        frame_half_height() - FRAME_MARGIN_Y,
    )


def panel_top() -> float:
    return frame_half_height() - FRAME_MARGIN_Y - 0.1


def text_row(text: str, color: str | None = None) -> Text:
    """A readout line set in plain text (fast: no LaTeX run), narrowed to the panel's
    width if needed (never below font size 20)."""
    line = Text(text, font_size=TEXT_SIZE, color=color or PALETTE.text)
    if line.width > PANEL_WIDTH:
        line.scale(max(20 / TEXT_SIZE, PANEL_WIDTH / line.width))
    return line


def formula_row(tex: str, color: str | None = None, size: float = LABEL_SIZE) -> MathTex:
    return MathTex(tex, font_size=size, color=color or PALETTE.text)


def area_polygon(plot: Plot, x: np.ndarray, y: np.ndarray, color: str, opacity: float) -> VMobject:
    """The region between a curve and the x axis over ``x``, as one filled polygon
    (a :class:`FilledArea`)."""
    xs = np.concatenate([[x[0]], x, [x[-1]], [x[0]]])
    ys = np.concatenate([[0.0], np.minimum(y, plot.y_hi), [0.0], [0.0]])
    region = FilledArea(stroke_width=0, fill_color=color, fill_opacity=opacity)
    region.set_points_as_corners(plot.c2p(xs, ys))
    return region


def polygon_area(plot: Plot, region: VMobject) -> float:
    """Area of a drawn polygon in plotted units (shoelace over its corners)."""
    if len(region.points) == 0:
        return 0.0
    return abs(parallelogram_area(plot.p2c(curve_vertices(region))[:-1]))


def cloud_points(cloud: VMobject) -> np.ndarray:
    """The centres of a dot cloud made by :func:`dot_cloud` (one per 4 points)."""
    if len(cloud.points) == 0:
        return np.zeros((0, 3))
    return np.asarray(cloud.points[0::4])


def panel_title(text: str) -> Text:
    """The panel's title, narrowed to the panel's width if needed."""
    title = Text(text, font_size=BODY_SIZE, color=PALETTE.text)
    if title.width > PANEL_WIDTH:
        title.scale_to_fit_width(PANEL_WIDTH)
    return title


__all__ = [
    "FilledArea",
    "Plot",
    "area_polygon",
    "bar_swatch",
    "cloud_points",
    "curve_vertices",
    "dot_cloud",
    "dot_swatch",
    "formula_row",
    "legend_row",
    "line_swatch",
    "panel_title",
    "panel_top",
    "plot_box",
    "plot_curve",
    "polygon_area",
    "text_row",
    "tick_step",
    "tick_values",
]


class FilledArea(VMobject):
    """A filled region under a curve (:func:`area_polygon`): a shape, not a data mark."""
