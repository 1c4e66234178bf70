"""Pieces shared by several scenes (moved here from ``scenes/statistics.py``)."""

from __future__ import annotations

import numpy as np
from manim import (
    Text,
    VMobject,
)

from mlmath_viz.linear_maps import parallelogram_area
from scenes.kit.plotting import (
    Plot,
    curve_vertices,
)
from scenes.kit.style import BODY_SIZE, PALETTE, PANEL_WIDTH

#: Tolerance, in plotted units, for drawn geometry against the sidecar numbers.
GEOMETRY_ATOL = 1e-6


#: Points on a density curve.
CURVE_POINTS = 241


def _title(text: str) -> Text:
    """The panel's title, narrowed to the panel's width if needed."""
    title = Text(text, font_size=BODY_SIZE, color=PALETTE.text)
    if title.width > PANEL_WIDTH:
        title.scale_to_fit_width(PANEL_WIDTH)
    return title


def _area_polygon(plot: Plot, x: np.ndarray, y: np.ndarray, color: str, opacity: float) -> VMobject:
    """The region between a curve and the x axis over ``x``, as one filled polygon."""
    xs = np.concatenate([[x[0]], x, [x[-1]], [x[0]]])
    ys = np.concatenate([[0.0], np.minimum(y, plot.y_hi), [0.0], [0.0]])
    region = VMobject(stroke_width=0, fill_color=color, fill_opacity=opacity)
    region.set_points_as_corners(plot.points(xs, ys))
    return region


def _polygon_area(plot: Plot, region: VMobject) -> float:
    """Area of a drawn polygon in plotted units (shoelace over its corners)."""
    if len(region.points) == 0:
        return 0.0
    return abs(parallelogram_area(plot.coords(curve_vertices(region))[:-1]))


def _species_label(name: str) -> str:
    return name
