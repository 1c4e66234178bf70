"""Marks drawn in bulk: many dots or segments as one VMobject (a Bezier point list)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from manim import Arrow, VMobject
from manim.constants import CapStyleType

from scenes.kit.style import LINE_WIDTH

#: Handle length of a cubic Bezier quarter circle: 4/3 (sqrt 2 - 1).
KAPPA = 4.0 / 3.0 * (math.sqrt(2.0) - 1.0)


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


def dot_cloud(
    points: np.ndarray, color: str, width: float = 3.0, *, radius: float | None = None
) -> VMobject:
    """Many dots as ONE VMobject, in one of two kinds:

    - with ``radius``: filled discs of that radius in scene units (16 Bezier points a
      dot), which grow and shrink with the picture; :func:`dot_centres` reads them back;
    - without: round-capped strokes of zero length, ``width`` pixels across whatever the
      zoom (4 points a dot), for clouds of thousands of samples.
    """
    if radius is not None:
        vm = VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0)
        pts = circle_curves(points, radius)
        if len(pts):
            vm.set_points(pts)
        return vm
    n = len(points)
    p = np.zeros((n, 4, 3))
    p[:, :, :] = np.asarray(points, dtype=float)[:, None, :]
    p[:, 2:, 0] += 1e-4
    cloud = VMobject(stroke_color=color, stroke_width=width, fill_opacity=0.0)
    if n:
        cloud.set_points(p.reshape(-1, 3))
    cloud.set_cap_style(CapStyleType.ROUND)
    return cloud


def dot_centres(vm: VMobject) -> np.ndarray:
    """Centres of the dots of a :func:`dot_cloud`: the mean of each circle's 4 anchors."""
    pts = np.asarray(vm.points, dtype=float)
    if len(pts) == 0:
        return np.zeros((0, 3))
    anchors = pts.reshape(-1, 4, 4, 3)[:, :, 0, :]
    out: np.ndarray = anchors.mean(axis=1)
    return out


# Manim thins an arrow's shaft with its length (``max_stroke_width_to_length_ratio``): a
# basis arrow that a map shrinks (a small or zero column) would be drawn under the
# visual standard's 2 px. These keep shafts and dashes at LINE_WIDTH.


def keep_wide(*arrows: Arrow, width: float = LINE_WIDTH) -> None:
    """Give each arrow's shaft at least ``width`` (its tip is left as it is)."""
    for arrow in arrows:
        if arrow.get_stroke_width() < width:
            arrow.set_stroke(width=width, family=False)


def wide_dashes(lines: VMobject, width: float = LINE_WIDTH) -> Any:
    """Dashed lines (and every dash in them) at ``width``."""
    lines.set_stroke(width=width)
    return lines


def wide_arrow_maker(make: Any) -> Any:
    """``make(view, tip, colour)`` whose arrows keep a full-width shaft however short."""

    def build(view: Any, tip: Any, colour: Any) -> Arrow:
        arrow = make(view, tip, colour)
        keep_wide(arrow)
        return arrow

    return build
