"""Shared builders: a plane drawn at a given origin and scale, grids, labelled vectors, panels."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import (
    Arrow,
    MathTex,
    Mobject,
    NumberPlane,
    Rectangle,
    ThreeDAxes,
    Triangle,
    VGroup,
    VMobject,
)

from scenes.kit import numbers
from scenes.kit.coords import Coords
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    PALETTE,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.kit.viewport import fit_view


def view_left_of_panel(
    key_points: np.ndarray,
    max_unit: float,
    label_room: float,
    label_room_x: float | None = None,
) -> Coords:
    """The plane's view that fits ``key_points`` (every point drawn at any stage) into the
    region left of the right-hand panel, keeping ``label_room`` clear at its edges for
    labels (``label_room_x`` at the left and right edges, when it differs).

    One unit is at most ``max_unit`` long, so small figures do not look huge.
    """
    room_x = label_room if label_room_x is None else label_room_x
    region_left = -frame_half_width() + FRAME_MARGIN + room_x
    region_right = panel_left() - room_x
    region_half_h = frame_half_height() - FRAME_MARGIN_Y - label_room
    unit, centre = fit_view(key_points, region_right - region_left, 2 * region_half_h, max_unit)
    box_centre = np.array([(region_left + region_right) / 2, 0.0, 0.0])
    return Coords.uniform(box_centre - unit * np.array([centre[0], centre[1], 0.0]), unit)


def nice_step(unit: float, min_spacing: float = 0.45) -> float:
    """Grid step from 1, 2, 5, 10, 20, ... whose lines are at least ``min_spacing`` apart
    (the kit's one tick rule, :func:`scenes.kit.numbers.nice_step`)."""
    return numbers.nice_step(min_spacing, unit=unit, smallest=1.0)


def grid(
    view: Coords,
    color: str,
    opacity: float = 1.0,
    stroke_width: float = 1.5,
    reach: tuple[float, float] | None = None,
) -> NumberPlane:
    """A square grid over the whole frame around ``view.origin``, one line per nice step;
    ``reach`` (half-width, half-height in scene units) makes it larger."""
    step = nice_step(view.unit)
    if reach is None:
        reach = (
            frame_half_width() + abs(float(view.origin[0])) + 1,
            frame_half_height() + abs(float(view.origin[1])) + 1,
        )
    reach_x, reach_y = reach
    nx = math.ceil(reach_x / (view.unit * step)) * step
    ny = math.ceil(reach_y / (view.unit * step)) * step
    plane = NumberPlane(
        x_range=(-nx, nx, step),
        y_range=(-ny, ny, step),
        x_length=2 * nx * view.unit,
        y_length=2 * ny * view.unit,
        background_line_style={
            "stroke_color": color,
            "stroke_width": stroke_width,
            "stroke_opacity": opacity,
        },
        axis_config={"stroke_color": PALETTE.text, "stroke_opacity": opacity, "stroke_width": 2},
        faded_line_ratio=1,
    )
    plane.shift(view.origin - plane.c2p(0, 0))
    return plane


def vector_arrow(view: Coords, tip_xy: Sequence[float], color: str) -> Arrow:
    """An arrow from the plane's origin to ``tip_xy`` whose tip ends exactly there."""
    return Arrow(
        view.origin,
        view.c2p(tip_xy),
        buff=0,
        color=color,
        stroke_width=6,
        max_tip_length_to_length_ratio=0.3,
        max_stroke_width_to_length_ratio=8,
    )


def label_beside(label: Mobject, arrow: Arrow, side: int, fallback: np.ndarray) -> Mobject:
    """Place ``label`` past the arrow's tip, to its right (side=-1) or left (side=+1).

    ``fallback`` is the direction used when the arrow has collapsed to a point.
    """
    start, end = arrow.get_start(), arrow.get_end()
    direction = end - start
    length = float(np.linalg.norm(direction))
    along = direction / length if length > 1e-6 else fallback
    normal = side * np.array([-along[1], along[0], 0.0])
    offset = 0.3 * along + 0.32 * normal
    label.move_to(end + offset * max(1.0, 0.5 * (label.width + label.height)))
    return label


def math_label(tex: str, color: str, size: float = LABEL_SIZE) -> MathTex:
    """A formula label with a dark halo so it reads over grid lines."""
    label = MathTex(tex, color=color, font_size=size)
    label.set_stroke(PALETTE.background, width=5, background=True)
    return label


def panel_box(left: float, width: float) -> Rectangle:
    """The opaque background of the right-hand panel, full frame height."""
    box = Rectangle(
        width=width + FRAME_MARGIN,
        height=2 * frame_half_height() + 0.1,
        fill_color=PALETTE.panel,
        fill_opacity=1.0,
        stroke_width=0,
    )
    box.move_to([left + (width + FRAME_MARGIN) / 2, 0, 0])
    return box


def stack(mobjects: Sequence[Mobject], top: float, left: float, gap: float = 0.35) -> VGroup:
    """Stack mobjects downwards from ``top``, left-aligned at ``left``."""
    group = VGroup(*mobjects)
    y = top
    for m in mobjects:
        m.move_to([left + m.width / 2, y - m.height / 2, 0])
        y -= m.height + gap
    return group


def path_tip(
    path: VMobject, color: str, size: float = 0.16, tip: Triangle | None = None
) -> Triangle:
    """An arrowhead at the end of ``path``, pointing along its last stretch.

    Used as an updater so a path can be mapped by any matrix while its head keeps its
    shape. When the path has collapsed to a point the head becomes invisible.
    """
    end = path.get_end()
    before = path.point_from_proportion(0.9)
    direction = end - before
    length = float(np.linalg.norm(direction[:2]))
    head = Triangle(fill_color=color, fill_opacity=1.0, stroke_width=0)
    head.scale_to_fit_height(size)
    if length < 1e-4:
        head.set_opacity(0.0)
    else:
        head.rotate(float(np.arctan2(direction[1], direction[0])) - np.pi / 2)
    head.move_to(end)
    if tip is None:
        return head
    tip.become(head)
    return tip


def freeze_axis_shading(axes: ThreeDAxes) -> ThreeDAxes:
    """Compute the shading gradient of 3-D axes once, not for every piece on every frame.

    Under Cairo, ``ThreeDAxes`` cuts each axis into pieces and shades every piece with a
    gradient running between the axis's edge centres toward and away from the light.
    Manim recomputes those two points from the whole axis's bounding box for every piece
    on every frame: about a quarter of a 3-D scene's render time. The axes never move
    once placed (the camera does), so the points are constants. Call this after the axes
    are placed; the picture is the same.
    """
    light = np.asarray(axes.light_source, dtype=float)
    for axis in axes:
        ends = (axis.get_edge_center(-light), axis.get_edge_center(light))
        for piece in axis.family_members_with_points():
            piece.get_gradient_start_and_end_points = lambda ends=ends: (
                ends[0].copy(),
                ends[1].copy(),
            )
    return axes


#: Smallest stroke width for a data line: 2 px at 480p is 3.4 (0.6 px per unit), the
#: visual standard's :data:`scenes.kit.standard.MIN_LINE_PX` with a little to spare.
MIN_LINE_STROKE = 3.4


def readable_arrow(arrow: Arrow) -> Arrow:
    """``arrow`` with its shaft at least :data:`MIN_LINE_STROKE` wide: a short
    :func:`vector_arrow` (under 0.43 units, e.g. a unit vector in a view fitted to
    eigenvalues of 10) is thinned by Manim's stroke-to-length ratio below 2 px."""
    if arrow.get_stroke_width() < MIN_LINE_STROKE:
        arrow.set_stroke(width=MIN_LINE_STROKE, family=False)
    return arrow
