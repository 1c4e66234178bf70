"""Pieces shared by several scenes (moved here from ``scenes/probability.py``)."""

from __future__ import annotations

import numpy as np
from manim import (
    Dot,
    Mobject,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    smooth,
)

from scenes.kit.plotting import (
    Plot,
)

#: Tolerance, in plotted units, for drawn geometry against the sidecar numbers.
GEOMETRY_ATOL = 1e-6


#: Points on a density curve.
CURVE_POINTS = 241


class _Bars(VGroup):
    """Histogram bars whose edges and heights change in place (no rebuild per frame)."""

    def __init__(self, plot: Plot, edges: np.ndarray, heights: np.ndarray, color: str) -> None:
        super().__init__()
        self.plot = plot.mapping  # not the Plot: animations copy the bars
        for _ in range(len(heights)):
            self.add(
                VMobject(stroke_color=color, stroke_width=1, fill_color=color, fill_opacity=0.5)
            )
        self.set_shape(edges, heights)

    def set_shape(self, edges: np.ndarray, heights: np.ndarray) -> _Bars:
        y_cap = self.plot.y_hi
        for k, bar in enumerate(self.submobjects):
            h = min(float(heights[k]), y_cap)
            corners = self.plot.points(
                [edges[k], edges[k + 1], edges[k + 1], edges[k], edges[k]], [0, 0, h, h, 0]
            )
            bar.set_points_as_corners(corners)
        return self

    def measured(self) -> np.ndarray:
        """Each bar's (left, right, height) in plotted coordinates."""
        out = []
        for bar in self.submobjects:
            c = self.plot.coords(bar.points)
            out.append((c[:, 0].min(), c[:, 0].max(), c[:, 1].max()))
        return np.array(out)


def _morph_bars(
    bars: _Bars,
    start: tuple[np.ndarray, np.ndarray],
    end: tuple[np.ndarray, np.ndarray],
    run_time: float,
) -> UpdateFromAlphaFunc:
    (e0, h0), (e1, h1) = start, end

    def update(m: Mobject, alpha: float) -> None:
        bars.set_shape((1 - alpha) * e0 + alpha * e1, (1 - alpha) * h0 + alpha * h1)

    return UpdateFromAlphaFunc(bars, update, run_time=run_time, rate_func=smooth)


def _stage_sizes(n: int) -> list[int]:
    """Draw counts shown one after another: 250, 1000, 10000 (each below n/3), then n."""
    sizes = [s for s in (250, 1000, 10_000) if s * 3 <= n]
    return [*sizes, n]


def _plain(label: str) -> str:
    """A LaTeX distribution label as plain caption text."""
    return (
        label.replace(r"\mathrm{", "").replace("}", "").replace("{", "").replace(r"\Gamma", "Gamma")
    )


def _cloud_points(cloud: VMobject) -> np.ndarray:
    """The centres of a dot cloud made by :func:`dot_cloud` (one per 4 points)."""
    if len(cloud.points) == 0:
        return np.zeros((0, 3))
    return cloud.points[0::4]


def _dot_swatch(color: str) -> Dot:
    return Dot(radius=0.07, color=color)
