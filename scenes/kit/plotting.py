"""Shared 2-D plotting pieces of the probability and statistics scenes.

A plot with round ticks and its own coordinate mapping, curves and dot clouds as single
mobjects, legend rows and swatches, and the panel text styles.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    Text,
    VGroup,
    VMobject,
)
from manim.constants import CapStyleType

from scenes.kit.numbers import format_number
from scenes.kit.style import (
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)


def tick_step(span: float, target: int) -> float:
    """A tick step from 1, 2, 2.5, 5 x 10^k giving at most about ``target`` steps."""
    raw = span / max(1, target)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * magnitude >= raw * (1 - 1e-9):
            return m * magnitude
    return 10.0 * magnitude


def tick_values(lo: float, hi: float, step: float) -> list[float]:
    count = round((hi - lo) / step)
    return [lo + k * step for k in range(count + 1)]


@dataclass(frozen=True)
class PlotMapping:
    """The affine map from plotted coordinates to the screen (cheap to copy)."""

    origin: np.ndarray
    ex: np.ndarray
    ey: np.ndarray
    y_hi: float

    def points(
        self, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray
    ) -> np.ndarray:
        """Scene points of plotted coordinates (vectorised ``c2p``), shape ``(m, 3)``."""
        xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return self.origin + xa[:, None] * self.ex + ya[:, None] * self.ey

    def coords(self, points: np.ndarray) -> np.ndarray:
        """Plotted coordinates of scene points (vectorised ``p2c``), shape ``(m, 2)``."""
        d = np.asarray(points, dtype=float).reshape(-1, 3) - self.origin
        return np.stack([d[:, 0] / self.ex[0], d[:, 1] / self.ey[1]], axis=1)


class Plot:
    """Axes with readable tick labels in a screen box, and vectorised coordinates.

    ``x`` and ``y`` spans are widened to whole tick steps; y starts at 0.
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
            titles.add(
                MathTex(x_title, font_size=LABEL_SIZE, color=PALETTE.muted).next_to(
                    self.axes.c2p(self.x_hi, 0.0), UP + LEFT, buff=0.12
                )
            )
        self.titles = titles
        origin = np.asarray(self.axes.c2p(0.0, 0.0), dtype=float)
        self.mapping = PlotMapping(
            origin=origin,
            ex=np.asarray(self.axes.c2p(1.0, 0.0), dtype=float) - origin,
            ey=np.asarray(self.axes.c2p(0.0, 1.0), dtype=float) - origin,
            y_hi=self.y_hi,
        )

    def points(
        self, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray
    ) -> np.ndarray:
        """Scene points of plotted coordinates, shape ``(m, 3)``."""
        return self.mapping.points(x, y)

    def coords(self, points: np.ndarray) -> np.ndarray:
        """Plotted coordinates of scene points, shape ``(m, 2)``."""
        return self.mapping.coords(points)

    def group(self) -> VGroup:
        """Everything to draw: x axis, left y axis, tick labels and titles."""
        return VGroup(self.axes.x_axis, self.y_axis, self.tick_labels, self.titles)


def plot_curve(plot: Plot, x: np.ndarray, y: np.ndarray, color: str, width: float = 4) -> VMobject:
    """A polyline through plotted points; callers size the axes to fit its peak."""
    curve = VMobject(stroke_color=color, stroke_width=width)
    curve.set_points_as_corners(plot.points(x, np.minimum(y, plot.y_hi)))
    return curve


def curve_vertices(curve: VMobject) -> np.ndarray:
    """The corners of a polyline made by ``set_points_as_corners``, in order."""
    return np.vstack([curve.points[0::4], curve.points[-1:]])


def dot_cloud(points: np.ndarray, color: str, width: float = 3.0) -> VMobject:
    """Many dots as ONE VMobject: each dot is a round-capped stroke of zero length."""
    n = len(points)
    p = np.zeros((n, 4, 3))
    p[:, :, :] = np.asarray(points, dtype=float)[:, None, :]
    p[:, 2:, 0] += 1e-4
    cloud = VMobject(stroke_color=color, stroke_width=width, fill_opacity=0.0)
    if n:
        cloud.set_points(p.reshape(-1, 3))
    cloud.set_cap_style(CapStyleType.ROUND)
    return cloud


def legend_row(swatch: Mobject, text: str | Mobject) -> VGroup:
    label = Text(text, font_size=TEXT_SIZE, color=PALETTE.text) if isinstance(text, str) else text
    return VGroup(swatch, label).arrange(RIGHT, buff=0.2)


def bar_swatch(color: str) -> Rectangle:
    return Rectangle(
        width=0.3,
        height=0.22,
        stroke_color=color,
        stroke_width=1,
        fill_color=color,
        fill_opacity=0.5,
    )


def line_swatch(color: str) -> Line:
    return Line(LEFT * 0.15, RIGHT * 0.15, stroke_color=color, stroke_width=4)


def plot_box(bottom_room: float = 0.0) -> tuple[float, float, float, float]:
    """The plot's screen box (left, right, bottom, top), left of the panel."""
    return (
        -frame_half_width() + FRAME_MARGIN,
        panel_left() - 0.35,
        -frame_half_height() + FRAME_MARGIN + bottom_room,
        frame_half_height() - FRAME_MARGIN,
    )


def panel_top() -> float:
    return frame_half_height() - FRAME_MARGIN - 0.1


def text_row(text: str, color: str | None = None) -> Text:
    """A readout line set in plain text (fast: no LaTeX run), narrowed to the panel's
    width if needed (never below font size 20)."""
    line = Text(text, font_size=TEXT_SIZE, color=color or PALETTE.text)
    if line.width > PANEL_WIDTH:
        line.scale(max(20 / TEXT_SIZE, PANEL_WIDTH / line.width))
    return line


def formula_row(tex: str, color: str | None = None, size: float = LABEL_SIZE) -> MathTex:
    return MathTex(tex, font_size=size, color=color or PALETTE.text)
