"""Pieces shared by several scenes (moved here from ``scenes/eigen.py``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DashedLine,
    Mobject,
    VGroup,
)

from scenes.kit.coords import Coords
from scenes.kit.panel import matrix_row
from scenes.kit.style import (
    LABEL_SIZE,
    frame_half_width,
)

#: Drawn coordinates are compared in plane units; far below a pixel.
ATOL = 1e-6


def eigen_row(
    name: str, rows: Sequence[Sequence[float]], colours: Sequence[str], size: float = LABEL_SIZE
) -> VGroup:
    """``name = (matrix)`` with coloured columns, in the eigen scenes' spacing."""
    return matrix_row((name, "="), rows, size=size, colours=colours)


def _eigen_line(view: Coords, vector: Sequence[float], colour: str) -> DashedLine:
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


def _line_direction(view: Coords, line: Mobject) -> np.ndarray:
    """Unit direction of a drawn line, in plane coordinates (zero if collapsed)."""
    d = view.p2c(line.get_end()) - view.p2c(line.get_start())
    length = float(np.linalg.norm(d))
    return d / length if length > 1e-9 else d


def _cross(u: Sequence[float], v: Sequence[float]) -> float:
    """The 2-D cross product u_x v_y - u_y v_x: zero when u and v are parallel."""
    return float(u[0] * v[1] - u[1] * v[0])
