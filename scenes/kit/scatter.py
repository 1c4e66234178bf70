"""Scatter plots with one unit length on both axes: a frame fitted around the points
and a legend of dot swatches (principal components, clusters, any plane of data)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Dot,
    Line,
    Text,
    VGroup,
)

from scenes.kit.coords import Coords
from scenes.kit.numbers import latex_number
from scenes.kit.plotting import (
    formula_row,
    plot_box,
    tick_step,
    tick_values,
)
from scenes.kit.style import (
    PALETTE,
    TEXT_SIZE,
)
from scenes.kit.viewport import fit_view

#: Largest screen length of one plotted unit.
MAX_UNIT = 3.0


#: Screen room (scene units) left of the axes box for the vertical tick labels.
Y_LABEL_ROOM = 0.8


#: Room below the box for the horizontal tick labels and title.
X_LABEL_ROOM = 0.95


#: Room above the box for the vertical axis' title.
TOP_ROOM = 0.45


@dataclass(frozen=True)
class ScatterFrame:
    """A plane drawn with equal units on both axes, framed by axes along its box's edges."""

    view: Coords
    lo: np.ndarray  # plane coordinates of the box's lower-left corner
    hi: np.ndarray  # and upper-right corner
    group: VGroup  # grid, axes, ticks, tick labels and titles


def scatter_frame(
    key_points: np.ndarray,
    x_title: str,
    y_title: str,
    box: tuple[float, float, float, float] | None = None,
) -> ScatterFrame:
    """Axes with one unit length for both coordinates, fitted around ``key_points``.

    The plot fills its box: the coordinate with the smaller span gets extra room rather
    than a stretched unit, so right angles and circles look right.
    """
    left, right, bottom, top = box or plot_box()
    left, bottom, top = left + Y_LABEL_ROOM, bottom + X_LABEL_ROOM, top - TOP_ROOM
    pad = 0.3
    unit, centre = fit_view(key_points, right - left - 2 * pad, top - bottom - 2 * pad, MAX_UNIT)
    box_centre = np.array([(left + right) / 2, (bottom + top) / 2, 0.0])
    view = Coords.uniform(box_centre - unit * np.array([centre[0], centre[1], 0.0]), unit)
    lo = view.p2c([left, bottom, 0.0])
    hi = view.p2c([right, top, 0.0])
    step = tick_step(float(max(hi - lo)), 8)
    digits = max(0, -math.floor(math.log10(step) + 1e-9) + 1)
    grid_lines, axes, labels = VGroup(), VGroup(), VGroup()
    corner_room = 0.35 / unit  # no tick label right at the corner, where both would meet
    axis_style = {"stroke_color": PALETTE.muted, "stroke_width": 2}
    axes.add(Line(view.c2p(lo), view.c2p((hi[0], lo[1])), **axis_style))
    axes.add(Line(view.c2p(lo), view.c2p((lo[0], hi[1])), **axis_style))
    first = np.ceil(lo / step - 1e-9) * step
    for axis in (0, 1):
        values = tick_values(float(first[axis]), float(hi[axis]), step)
        for v in values:
            if v > hi[axis] + 1e-9 or v < lo[axis] + corner_room:
                continue
            if axis == 0:
                a, b = view.c2p((v, lo[1])), view.c2p((v, hi[1]))
                direction = DOWN
            else:
                a, b = view.c2p((lo[0], v)), view.c2p((hi[0], v))
                direction = LEFT
            grid_lines.add(Line(a, b, stroke_color=PALETTE.grid_faint, stroke_width=1))
            axes.add(Line(a, a - 0.08 * direction, **axis_style))
            labels.add(
                formula_row(latex_number(v, digits), PALETTE.muted).next_to(a, direction, buff=0.14)
            )
    x_label = Text(x_title, font_size=TEXT_SIZE, color=PALETTE.muted)
    x_label.next_to(view.c2p((hi[0], lo[1])), DOWN, buff=0.55).align_to(
        view.c2p((hi[0], lo[1])), RIGHT
    )
    y_label = Text(y_title, font_size=TEXT_SIZE, color=PALETTE.muted)
    y_label.next_to(view.c2p((lo[0], hi[1])), UP, buff=0.12).align_to(
        view.c2p((lo[0], hi[1])), LEFT
    )
    grid_lines.set_z_index(-2)
    return ScatterFrame(view, lo, hi, VGroup(grid_lines, axes, labels, x_label, y_label))


def dot_legend(entries: list[tuple[str, str]], columns: int = 1) -> VGroup:
    """A dot of each colour beside its name, in one column or ``columns`` columns."""
    rows = VGroup()
    for colour, name in entries:
        swatch = Dot(radius=0.09, color=colour)
        rows.add(VGroup(swatch, Text(name, font_size=TEXT_SIZE, color=PALETTE.text)))
        rows[-1].arrange(RIGHT, buff=0.15)
    if columns == 1:
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
    return rows.arrange_in_grid(cols=columns, buff=(0.3, 0.14), cell_alignment=LEFT)
