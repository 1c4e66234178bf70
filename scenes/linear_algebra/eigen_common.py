"""Pieces shared by several scenes (moved here from ``scenes/eigen.py``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    RIGHT,
    DashedLine,
    MathTex,
    Matrix,
    Mobject,
    VGroup,
)

from scenes.kit.builders import (
    PlaneView,
)
from scenes.kit.numbers import format_number
from scenes.kit.style import (
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    frame_half_width,
)

#: z-index of the grids and eigen-lines, which run under the right-hand panel (z 0).
UNDER_PANEL_Z = -1


#: Drawn coordinates are compared in plane units; far below a pixel.
ATOL = 1e-6


def _matrix_row(
    name: str, rows: Sequence[Sequence[float]], colours: Sequence[str], size: float = LABEL_SIZE
) -> VGroup:
    """``name = (matrix)`` with coloured columns, shrunk to the panel's width if needed."""
    entries = [[format_number(x, scientific=False) for x in row] for row in rows]
    matrix = Matrix(
        entries,
        element_to_mobject=lambda s: MathTex(s, font_size=size),
        h_buff=0.4 + 0.12 * max(len(e) for row in entries for e in row),
        v_buff=0.45,
    )
    for column, colour in zip(matrix.get_columns(), colours, strict=True):
        column.set_color(colour)
    matrix.get_brackets().set_color(PALETTE.text)
    row = VGroup(MathTex(name, "=", font_size=size, color=PALETTE.text), matrix)
    row.arrange(RIGHT, buff=0.2)
    if row.width > PANEL_WIDTH:
        row.scale_to_fit_width(PANEL_WIDTH)
    return row


def _fit(mob: Mobject) -> Mobject:
    """Shrink ``mob`` to the panel's width if it is wider."""
    if mob.width > PANEL_WIDTH:
        mob.scale_to_fit_width(PANEL_WIDTH)
    return mob


def _eigen_line(view: PlaneView, vector: Sequence[float], colour: str) -> DashedLine:
    """A dashed line through the origin along ``vector``, long enough to cross the frame."""
    reach = 2 * (frame_half_width() + abs(float(view.origin[0])))
    v = np.array([vector[0], vector[1], 0.0])
    v = v / np.linalg.norm(v)
    return DashedLine(
        view.origin - reach * v,
        view.origin + reach * v,
        color=colour,
        stroke_width=3,
        dash_length=0.15,
    )


def _line_direction(view: PlaneView, line: Mobject) -> np.ndarray:
    """Unit direction of a drawn line, in plane coordinates (zero if collapsed)."""
    d = view.coords(line.get_end()) - view.coords(line.get_start())
    length = float(np.linalg.norm(d))
    return d / length if length > 1e-9 else d


def _cross(u: Sequence[float], v: Sequence[float]) -> float:
    """The 2-D cross product u_x v_y - u_y v_x: zero when u and v are parallel."""
    return float(u[0] * v[1] - u[1] * v[0])
