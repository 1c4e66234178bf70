"""Scatter plots with one unit length on both axes: a frame fitted around the points
and a legend of dot swatches (principal components, clusters, any plane of data); and
:class:`PathCacheCamera`, the 2-D camera that draws many marks (dot clouds, glyphs,
ticks) without rebuilding their Cairo paths every frame."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import cairo
import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Camera,
    Dot,
    Line,
    Text,
    VGroup,
    VMobject,
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


#: Largest change of a coordinate (scene units) for which a kept path is appended again:
#: 1e-9 is 2e-7 px at 1080p, far under Cairo's fixed-point step of 1/256 px. Manim's
#: animations move still points by rounding noise (``(1 - a) x + a x`` is not always
#: ``x``), so a fading formula or dot cloud would otherwise be rebuilt every frame.
SAME_POINTS_ATOL = 1e-9


def _same_points(kept: np.ndarray, points: np.ndarray) -> bool:
    if kept is points:
        return True
    with np.errstate(invalid="ignore"):
        return bool(np.max(np.abs(kept - points)) <= SAME_POINTS_ATOL)


#: A kept path: its mobject, the points it was built from, the context's matrix, the path.
_KeptPath = tuple[VMobject, np.ndarray, tuple[float, ...], cairo.Path]


class PathCacheCamera(Camera):  # type: ignore[misc]
    """Manim's Cairo :class:`~manim.Camera`, keeping each vectorised mobject's Cairo path
    and appending it again while the mobject's points are unchanged.

    Manim builds every drawn mobject's path again on every frame, in Python (subpath
    splits, then one ``curve_to`` a Bezier curve): about two thirds of the drawing time
    of a 2-D frame, most of it for still glyphs, ticks and dot clouds redrawn because
    they sit above a moving mobject. A path kept from the previous capture is the same
    path (``copy_path`` / ``append_path`` give back Cairo's own fixed-point coordinates),
    so the pixels are Manim's; points are compared by value (to within
    :data:`SAME_POINTS_ATOL`), so a mobject changed in place is rebuilt. Paths not drawn
    in a capture are dropped after it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[int, _KeptPath] = {}
        self._drawn: dict[int, _KeptPath] = {}

    def capture_mobjects(self, mobjects: Any, **kwargs: Any) -> None:
        self._drawn = {}
        try:
            super().capture_mobjects(mobjects, **kwargs)
        finally:
            self._kept = self._drawn

    def set_cairo_context_path(self, ctx: cairo.Context, vmobject: VMobject) -> PathCacheCamera:
        points = vmobject.points
        if len(points) == 0:
            super().set_cairo_context_path(ctx, vmobject)
            return self
        key = id(vmobject)
        matrix = tuple(ctx.get_matrix())
        kept = self._kept.get(key)
        if (
            kept is not None
            and kept[0] is vmobject
            and kept[2] == matrix
            and kept[1].shape == points.shape
            and _same_points(kept[1], points)
        ):
            ctx.new_path()
            ctx.append_path(kept[3])
        else:
            super().set_cairo_context_path(ctx, vmobject)
            kept = (vmobject, points.copy(), matrix, ctx.copy_path())
        self._drawn[key] = kept
        return self


def use_path_cache_camera(scene: Any) -> None:
    """Give ``scene``'s Cairo renderer a :class:`PathCacheCamera` in place of its plain
    2-D ``Camera`` (call it in the scene's ``__init__``, inside the configuration the
    renderer was made in: the new camera is built from it, as the old one was)."""
    renderer = getattr(scene, "renderer", None)
    camera = getattr(renderer, "camera", None)
    if type(camera) is Camera:
        renderer.camera = PathCacheCamera()
