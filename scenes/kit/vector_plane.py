"""A plane for vectors of any size, and the marks drawn on it.

:func:`fit_at_own_scale` fits the view at the vectors' own power of ten (so 1e-6-sized
vectors are drawn as large as 1-sized ones, on a grid whose step is a round number at
that scale); :func:`tip_dot` keeps an arrow too short to see visible; :func:`angle_arc`,
:func:`perpendicular_drop` and :func:`line_through` draw an angle between two directions,
the perpendicular from a point to its foot on a line with its right-angle mark, and a
line through a point across the whole frame; :func:`shorter_in_front` keeps short arrows
visible over long ones; :func:`one_path` makes a dashed line one mobject (its dashes the
subpaths of one path), the same picture at a fraction of the cost to draw and move.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from manim import Arc, Arrow, DashedLine, Dot, Mobject, Scene, VGroup, VMobject

from scenes.kit.builders import nice_step, view_left_of_panel
from scenes.kit.coords import Coords
from scenes.kit.style import PALETTE, frame_half_height, frame_half_width

#: An arrow shorter than this on screen also gets a dot at its tip, so it stays visible.
SHORT_ARROW = 0.25


def decade(x: float) -> float:
    """The power of ten at or below ``x`` (``x`` > 0): the scale the view is fitted at."""
    return float(10.0 ** math.floor(math.log10(x)))


@dataclass(frozen=True)
class ScaledView:
    """A view fitted at the points' own decade ``scale``: ``view`` maps the data's
    coordinates, ``drawn`` the same plane in units of ``scale`` (where the grid is
    laid out), ``grid_step`` is the grid's step in data units."""

    view: Coords
    drawn: Coords
    scale: float
    grid_step: float


def fit_at_own_scale(key_points: np.ndarray, max_unit: float, label_room: float) -> ScaledView:
    """The view left of the panel that fits ``key_points`` (not all zero) rescaled by
    their decade, so one drawn unit is at most ``max_unit`` at any size."""
    scale = decade(float(max(np.hypot(key_points[:, 0], key_points[:, 1]))))
    drawn = view_left_of_panel(key_points / scale, max_unit, label_room)
    origin, unit = drawn.origin, drawn.unit
    return ScaledView(
        view=Coords.uniform(origin, unit / scale),
        drawn=Coords.uniform(origin, unit),
        scale=scale,
        grid_step=nice_step(unit) * scale,
    )


def tip_dot(arrow: Arrow, colour: str) -> VGroup:
    """A dot marking the tip of an arrow too short to see (else an empty group)."""
    if arrow.get_length() >= SHORT_ARROW:
        return VGroup()
    return VGroup(Dot(arrow.get_end(), radius=0.07, color=colour))


def angle_arc(
    centre: np.ndarray, start_angle: float, sweep: float, radius: float
) -> tuple[Arc, np.ndarray]:
    """The arc at ``centre`` from ``start_angle`` through ``sweep`` (radians,
    counter-clockwise when positive), and the unit vector along its bisector (where
    its label goes)."""
    arc = Arc(
        radius=radius,
        start_angle=start_angle,
        angle=sweep,
        arc_center=centre,
        color=PALETTE.text,
        stroke_width=3,
    )
    middle = start_angle + sweep / 2
    return arc, np.array([math.cos(middle), math.sin(middle), 0.0])


def perpendicular_drop(
    point: np.ndarray, foot: np.ndarray, back: np.ndarray
) -> tuple[VGroup, VGroup]:
    """The dashed perpendicular from ``point`` to its ``foot`` on a line, and the
    right-angle mark at the foot on the side ``back`` (a unit vector along the line).
    Each is an empty group where it would be too short to draw."""
    perpendicular, right_angle = VGroup(), VGroup()
    drop = point - foot
    drop_length = float(np.hypot(drop[0], drop[1]))
    if drop_length > 1e-6:
        perpendicular.add(
            DashedLine(point, foot, color=PALETTE.muted, stroke_width=3, dash_length=0.1)
        )
        if drop_length > 0.3:
            side = 0.16
            up = drop / drop_length
            right_angle.add(
                VMobject(color=PALETTE.muted, stroke_width=2.5).set_points_as_corners(
                    [foot + side * back, foot + side * (back + up), foot + side * up]
                )
            )
    return perpendicular, right_angle


def line_through(
    centre: np.ndarray, direction: np.ndarray, colour: str, stroke_width: float, dash: float
) -> DashedLine:
    """A dashed line through ``centre`` along the unit ``direction``, past the frame's
    edges both ways."""
    reach = 2 * (frame_half_width() + abs(float(centre[0])) + frame_half_height())
    return DashedLine(
        centre - reach * direction,
        centre + reach * direction,
        color=colour,
        stroke_width=stroke_width,
        dash_length=dash,
    )


def one_path(dashed: VMobject) -> VMobject:
    """The dashes of ``dashed`` (a :class:`~manim.DashedLine` or
    :class:`~manim.DashedVMobject`: one mobject a dash) as one :class:`~manim.VMobject`
    whose subpaths are the dashes, in their order, with their style and z-index.

    Cairo strokes the subpaths of one path as it strokes the dashes one by one (they do
    not overlap), so the picture is the same; but drawing it is one path instead of a
    few hundred, and a transform (``ApplyMatrix``) interpolates one points array instead
    of copying and interpolating every dash. ``get_start`` / ``get_end`` are the first
    dash's start and the last dash's end, as ``DashedLine``'s.
    """
    dashes = dashed.family_members_with_points()
    if not dashes:
        raise ValueError("one_path needs a dashed mobject with at least one dash")
    first = dashes[0]
    path = VMobject()
    path.set_points(np.concatenate([d.points for d in dashes]))
    path.match_style(first, family=False)
    path.joint_type, path.cap_style = first.joint_type, first.cap_style
    path.z_index = first.z_index
    return path


def shorter_in_front(scene: Scene, arrows: Iterable[Arrow], marks: Iterable[Mobject]) -> None:
    """Bring ``arrows`` to the front of ``scene``, longest first, so none hides a
    shorter one; then the ``marks`` already on screen (dots on short arrows' tips)."""
    for arrow in sorted(arrows, key=lambda a: -a.get_length()):
        scene.bring_to_front(arrow)
    for mark in marks:
        if mark in scene.mobjects:
            scene.bring_to_front(mark)
