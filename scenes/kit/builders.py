"""Shared builders: a plane drawn at a given origin and scale, grids, labelled vectors, panels."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import ClassVar

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
from manim.mobject.text.tex_mobject import SingleStringMathTex

from scenes.kit.coords import Coords
from scenes.kit.style import (
    FRAME_MARGIN,
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
    region_half_h = frame_half_height() - FRAME_MARGIN - label_room
    unit, centre = fit_view(key_points, region_right - region_left, 2 * region_half_h, max_unit)
    box_centre = np.array([(region_left + region_right) / 2, 0.0, 0.0])
    return Coords.uniform(box_centre - unit * np.array([centre[0], centre[1], 0.0]), unit)


# NOTE(ticks): nice_step is one of three tick rules (with plotting.tick_step and
# contours.nice_ticks); the lead unifies them after the merge. Its grid spacing is frozen
# by the linear-algebra golden frames.
def nice_step(unit: float, min_spacing: float = 0.45) -> float:
    """Grid step from 1, 2, 5, 10, 20, ... whose lines are at least ``min_spacing`` apart."""
    step = 1.0
    while step * unit < min_spacing:
        for factor in (2.0, 2.5, 2.0):  # 1 -> 2 -> 5 -> 10
            step *= factor
            if step * unit >= min_spacing:
                break
    return step


def grid(view: Coords, color: str, opacity: float = 1.0, stroke_width: float = 1.5) -> NumberPlane:
    """A square grid over the whole frame around ``view.origin``, one line per nice step."""
    step = nice_step(view.unit)
    reach_x = frame_half_width() + abs(float(view.origin[0])) + 1
    reach_y = frame_half_height() + abs(float(view.origin[1])) + 1
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


class Readout(VMobject):
    """A live number with fixed decimals, cheap enough to update every frame.

    ``DecimalNumber`` rebuilds its digits from deep-copied LaTeX glyphs on every
    ``set_value`` (tens of milliseconds a frame at 60 fps). A ``Readout`` typesets each
    character once and on ``set_value`` only moves outlines into a fixed set of slots.
    It grows to the right from its left edge, on the baseline of its digits.
    """

    CHARS = "0123456789.-"
    #: How a character other than a digit, point or minus is typeset (upright, not
    #: math italic): ``e`` is the exponent marker of ``1.23e-4``.
    TEX: ClassVar[dict[str, str]] = {"e": r"\mathrm{e}"}

    def __init__(
        self,
        value: float,
        decimals: int = 2,
        font_size: float = 30,
        color: str = "#ffffff",
        max_chars: int = 12,
        formatter: Callable[[float], str] | None = None,
        extra_chars: str = "",
    ) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0)
        self.decimals = decimals
        self.font_size = font_size
        self.formatter = formatter
        self._value = 0.0
        digit_height = SingleStringMathTex("0", font_size=font_size).height
        self._gap = 0.12 * digit_height
        self._glyphs: dict[str, tuple[np.ndarray, float]] = {}
        for ch in self.CHARS + extra_chars:
            tex = SingleStringMathTex(self.TEX.get(ch, ch), font_size=font_size)
            points = np.concatenate([m.points for m in tex.family_members_with_points()])
            left, bottom = points[:, 0].min(), points[:, 1].min()
            if ch == "-":  # a minus sits at mid-digit height
                bottom = bottom - (digit_height - tex.height) / 2
            self._glyphs[ch] = (points - [left, bottom, 0.0], float(tex.width))
        self._slots = [
            VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0) for _ in range(max_chars)
        ]
        # An invisible zero-length curve marks the anchor, so moving or scaling the
        # readout (with its group) also moves where later digits are placed.
        self._anchor_mark = VMobject(stroke_width=0, fill_opacity=0)
        self._anchor_mark.points = np.zeros((4, 3))
        self.add(self._anchor_mark, *self._slots)
        self.set_value(value)

    def text(self, value: float) -> str:
        """The characters shown for ``value``: the formatter's, else fixed decimals
        (never ``-0.00``)."""
        if self.formatter is not None:
            return self.formatter(value)
        shown = f"{value:.{self.decimals}f}"
        if float(shown) == 0.0:
            shown = shown.lstrip("-")
        return shown

    def set_value(self, value: float) -> Readout:
        """Show ``value``; the left edge and baseline stay where they are."""
        self._value = float(value)
        shown = self.text(value)
        if len(shown) > len(self._slots):
            raise ValueError(f"{shown} does not fit in {len(self._slots)} characters")
        unknown = set(shown) - set(self._glyphs)
        if unknown:
            raise ValueError(f"{shown} has characters without a glyph: {sorted(unknown)}")
        x = 0.0
        anchor = self._anchor_mark.points[0]
        for k, slot in enumerate(self._slots):
            if k < len(shown):
                points, width = self._glyphs[shown[k]]
                slot.points = points + anchor + [x, 0.0, 0.0]
                x += width + self._gap
            else:
                slot.points = np.zeros((0, 3))
        return self

    def get_value(self) -> float:
        """The value last set."""
        return self._value

    def width_of(self, shown: str) -> float:
        """The width ``shown`` would take, so neighbours can leave room for it."""
        widths = [self._glyphs[ch][1] for ch in shown]
        return sum(widths) + self._gap * max(0, len(widths) - 1)

    def place(self, left_bottom: np.ndarray) -> Readout:
        """Put the left end of the baseline at ``left_bottom``."""
        self._anchor_mark.points = np.tile(np.asarray(left_bottom, dtype=float), (4, 1))
        return self.set_value(self._value)

    def place_after(self, mob: Mobject, buff: float = 0.15) -> Readout:
        """Put the number right of ``mob``, its digits centred on ``mob``'s centre line."""
        digit_height = float(np.ptp(self._glyphs["0"][0][:, 1]))
        return self.place(mob.get_right() + np.array([buff, -digit_height / 2, 0.0]))


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
