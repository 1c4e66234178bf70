"""Histogram bars on a plot, reshaped in place and morphed between two histograms."""

from __future__ import annotations

import numpy as np
from manim import Mobject, UpdateFromAlphaFunc, VGroup, VMobject, smooth

from scenes.kit.plotting import Plot


class Bars(VGroup):
    """Histogram bars whose edges and heights change in place (no rebuild per frame).

    Heights above the plot's top are cut at the top.
    """

    def __init__(self, plot: Plot, edges: np.ndarray, heights: np.ndarray, color: str) -> None:
        super().__init__()
        self.coords = plot.mapping  # not the Plot: animations copy the bars
        self.y_cap = plot.y_hi
        for _ in range(len(heights)):
            self.add(
                VMobject(stroke_color=color, stroke_width=1, fill_color=color, fill_opacity=0.5)
            )
        self.set_shape(edges, heights)

    def set_shape(self, edges: np.ndarray, heights: np.ndarray) -> Bars:
        for k, bar in enumerate(self.submobjects):
            h = min(float(heights[k]), self.y_cap)
            corners = self.coords.c2p(
                [edges[k], edges[k + 1], edges[k + 1], edges[k], edges[k]], [0, 0, h, h, 0]
            )
            bar.set_points_as_corners(corners)
        return self

    def measured(self) -> np.ndarray:
        """Each bar's (left, right, height) in plotted coordinates."""
        out = []
        for bar in self.submobjects:
            c = self.coords.p2c(bar.points)
            out.append((c[:, 0].min(), c[:, 0].max(), c[:, 1].max()))
        return np.array(out)


def morph_bars(
    bars: Bars,
    start: tuple[np.ndarray, np.ndarray],
    end: tuple[np.ndarray, np.ndarray],
    run_time: float,
) -> UpdateFromAlphaFunc:
    """Grow the bars from histogram ``start`` to ``end`` (each ``(edges, heights)``)."""
    (e0, h0), (e1, h1) = start, end

    def update(m: Mobject, alpha: float) -> None:
        bars.set_shape((1 - alpha) * e0 + alpha * e1, (1 - alpha) * h0 + alpha * h1)

    return UpdateFromAlphaFunc(bars, update, run_time=run_time, rate_func=smooth)
