"""Vectors: adding, scaling, combining and the dot product.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/vectors.py Vectors``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Arc,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    MathTex,
    Mobject,
    Polygon,
    Text,
    Transform,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/vectors.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import vectors
from scenes.kit.builders import (
    grid,
    math_label,
    nice_step,
    panel_box,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.numbers import compact, format_number, latex_number
from scenes.kit.plotting import dot_cloud
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    HAT_SIZE,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import VectorsParams

#: Room left around the plotted points for the labels beside arrow tips.
LABEL_ROOM = 0.6


#: Largest length on screen of one grid unit, after the vectors are rescaled by a power
#: of ten (so 1e-6-sized vectors are drawn as large as 1-sized ones).
MAX_UNIT = 1.6


#: An arrow shorter than this on screen also gets a dot at its tip, so it stays visible.
SHORT_ARROW = 0.25


#: Smallest font size the checker accepts; panel rows never shrink below it.
MIN_FONT = 20.0


#: Clearance (scene units) between a label and other labels or the panel.
LABEL_GAP = 0.06


# The colour roles of this scene. i-hat and j-hat (green, red) are reserved for the
# basis; u and v take the first two series colours, combinations of them (u + v, the
# span) the fifth, and multiples of u (c u and the projection onto u) the sixth.
def u_colour() -> str:
    return PALETTE.series[0]


def v_colour() -> str:
    return PALETTE.series[1]


def combination_colour() -> str:
    return PALETTE.series[4]


def multiple_colour() -> str:
    return PALETTE.series[5]


def decade(x: float) -> float:
    """The power of ten at or below ``x`` (``x`` > 0): the scale the view is fitted at."""
    return float(10.0 ** math.floor(math.log10(x)))


def column(entries: Sequence[float]) -> str:
    """A column vector in LaTeX with every entry formatted for the screen."""
    a, b = (latex_number(x) for x in entries)
    return rf"\begin{{bmatrix}} {a} \\ {b} \end{{bmatrix}}"


def fit_row(m: Mobject, size: float) -> Mobject:
    """Shrink ``m`` to the panel's width if needed, never below font size 20."""
    if m.width > PANEL_WIDTH:
        m.scale(max(MIN_FONT / size, PANEL_WIDTH / m.width))
    return m


def formula(tex: str, colour: str | None = None, size: float = LABEL_SIZE) -> Mobject:
    return fit_row(MathTex(tex, font_size=size, color=colour or PALETTE.text), size)


def wrapped(pieces: Sequence[str], colour: str | None = None) -> list[Mobject]:
    """A formula made of ``pieces``, broken into as few panel-wide lines as it needs."""
    whole = MathTex(" ".join(pieces), font_size=LABEL_SIZE, color=colour or PALETTE.text)
    if whole.width <= PANEL_WIDTH:
        return [whole]
    lines: list[str] = []
    for piece in pieces:
        trial = f"{lines[-1]} {piece}" if lines else piece
        if lines and MathTex(trial, font_size=LABEL_SIZE).width <= PANEL_WIDTH:
            lines[-1] = trial
        else:
            lines.append(piece)
    return [formula(line, colour) for line in lines]


def remark(text: str) -> Mobject:
    return fit_row(
        Text(text, font_size=TEXT_SIZE, color=PALETTE.muted, line_spacing=0.8), TEXT_SIZE
    )


class LabelPlacer:
    """Puts labels beside arrow tips so that they never cover a tip or each other.

    Each label tries spots around its tip (beside the arrow first, then past its tip,
    then the diagonals, then twice as far) and takes the first spot that stays inside
    the plane's region, keeps clear of every label placed so far and of every tip,
    covering as few points of the arrows' shafts as possible. A label with no free
    spot is left out (the panel still names the vector in its colour).
    """

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        self.bounds = bounds  # left, right, bottom, top
        self.boxes: list[tuple[float, float, float, float]] = []
        self.tips: list[np.ndarray] = []
        self.shafts: list[np.ndarray] = []

    def avoid_arrow(self, start: np.ndarray, end: np.ndarray) -> None:
        self.tips.append(np.asarray(end, dtype=float))
        for t in np.linspace(0.05, 0.95, 12):
            self.shafts.append(start + t * (end - start))

    def avoid_axes(self, origin: np.ndarray) -> None:
        """Prefer spots off the coordinate axes through ``origin`` (a soft rule)."""
        left, right, bottom, top = self.bounds
        for x in np.arange(left, right, 0.1):
            self.shafts.append(np.array([x, origin[1], 0.0]))
        for y in np.arange(bottom, top, 0.1):
            self.shafts.append(np.array([origin[0], y, 0.0]))

    def avoid_point(self, p: np.ndarray) -> None:
        self.tips.append(np.asarray(p, dtype=float))

    def _box(self, label: Mobject, centre: np.ndarray) -> tuple[float, float, float, float]:
        w, h = label.width / 2 + LABEL_GAP, label.height / 2 + LABEL_GAP
        return (centre[0] - w, centre[0] + w, centre[1] - h, centre[1] + h)

    @staticmethod
    def _inside(box: tuple[float, float, float, float], p: np.ndarray) -> bool:
        return box[0] < p[0] < box[1] and box[2] < p[1] < box[3]

    def place(self, label: Mobject, anchor: np.ndarray, along: np.ndarray, side: int = 1) -> bool:
        """Move ``label`` near ``anchor`` (``along``: the arrow's screen direction)."""
        length = float(np.hypot(along[0], along[1]))
        d = along / length if length > 1e-9 else RIGHT
        n = np.array([-d[1], d[0], 0.0]) * side
        reach = 0.25 + 0.5 * max(label.width, label.height)
        directions = [n, d + n, d, -n, d - n, -d + n, -d - n, -d]
        spots = [
            anchor + k * reach * w / np.hypot(w[0], w[1])
            for k in (1.0, 1.6, 2.4)
            for w in directions
        ]
        left, right, bottom, top = self.bounds
        best: tuple[int, int] | None = None
        for index, spot in enumerate(spots):
            box = self._box(label, spot)
            if box[0] < left or box[1] > right or box[2] < bottom or box[3] > top:
                continue
            if any(
                box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3]
                for b in self.boxes
            ):
                continue
            if any(self._inside(box, p) for p in self.tips):
                continue
            hits = sum(self._inside(box, p) for p in self.shafts)
            if best is None or hits < best[1]:
                best = (index, hits)
            if hits == 0:
                break
        if best is None:
            return False
        spot = spots[best[0]]
        label.move_to(spot)
        self.boxes.append(self._box(label, spot))
        return True


@dataclass
class VectorsPicture:
    """What Vectors draws, for its beats, invariants and tests."""

    summary: vectors.VectorSummary
    view: Coords  # the plane at the vectors' own scale
    grid_step: float
    tolerance: float  # drawn coordinates match the data to this (relative to the vectors)
    plane: Mobject
    u_arrow: Arrow
    v_arrow: Arrow
    sum_arrow: Arrow
    ghost_v: Arrow  # v, moved tip to tail onto u's tip
    ghost_v_target: Arrow
    scaled_arrow: Arrow
    proj_arrow: Arrow
    parallelogram: Polygon
    plane_marks: VGroup  # dots on u's and v's tips when they are too short to see
    sum_dot: VGroup
    scaled_dot: VGroup
    proj_dot: VGroup
    labels: dict[str, Mobject]  # each arrow's label (an empty VGroup where none fits)
    arc: Arc
    u_line: DashedLine
    span_line: DashedLine
    span_dots: Mobject
    perpendicular: VGroup
    right_angle: VGroup
    box: Mobject
    top_row: VGroup
    add_section: VGroup
    scale_section: VGroup
    span_section: VGroup
    dot_section: VGroup
    extras: VGroup


class Vectors(MathScene):
    """Vectors: adding, scaling, combining and the dot product.

    Two vectors add tip to tail, a scalar stretches or flips one, their combinations
    sweep out the plane (or only a line when they are parallel), and the dot product
    projects one onto the other to measure the angle and the cosine similarity.
    """

    params_type = VectorsParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_addition()  # u + v, tip to tail
        self.show_scaling()  # c u stretches, or flips, u
        self.show_span()  # every a u + b v: the plane, or one line
        self.show_dot()  # u . v, the angle and the projection of v onto u

    def build_picture(self) -> VectorsPicture:
        """The numbers from mlmath_viz, the view at the vectors' own scale, the arrows,
        labels and lines (placed, not yet shown) and the panel."""
        p = self.params
        summary = vectors.summarize(p.u, p.v, p.scalar)
        self.data = summary.to_json()

        # -- Layout: fit every tip into the plane's region, at the vectors' own scale.
        key = summary.key_points()
        scale = decade(float(max(np.hypot(key[:, 0], key[:, 1]))))
        scaled_view = view_left_of_panel(key / scale, MAX_UNIT, LABEL_ROOM)
        origin, unit = scaled_view.origin, scaled_view.unit
        view = Coords.uniform(origin, unit / scale)
        grid_step = nice_step(unit) * scale
        self.data["unit_length"] = view.unit
        self.data["grid_step"] = grid_step
        #: Drawn coordinates are compared with the data to this (relative to the vectors).
        tolerance = 1e-6 * scale

        # -- Mobjects: the plane (grid lines every grid_step) and the vectors.
        plane = grid(Coords.uniform(origin, unit), PALETTE.grid, opacity=0.8)
        plane.set_z_index(UNDER_PANEL_Z - 2)
        u_tip, v_tip = view.c2p(summary.u), view.c2p(summary.v)
        u_arrow = vector_arrow(view, summary.u, u_colour())
        v_arrow = vector_arrow(view, summary.v, v_colour())
        sum_arrow = vector_arrow(view, summary.sum, combination_colour())
        ghost_v = vector_arrow(view, summary.v, v_colour()).set_opacity(0.6)
        ghost_v_target = ghost_v.copy().shift(u_tip - origin)
        scaled_arrow = vector_arrow(view, summary.scaled, multiple_colour())
        proj_arrow = vector_arrow(view, summary.projection, multiple_colour())
        parallelogram = Polygon(
            origin,
            u_tip,
            view.c2p(summary.sum),
            v_tip,
            stroke_width=0,
            fill_color=combination_colour(),
            fill_opacity=0.18,
        )

        def tip_dot(arrow: Arrow, colour: str) -> VGroup:
            """A dot marking the tip of an arrow too short to see (else nothing)."""
            if arrow.get_length() >= SHORT_ARROW:
                return VGroup()
            return VGroup(Dot(arrow.get_end(), radius=0.07, color=colour))

        u_dot, v_dot = tip_dot(u_arrow, u_colour()), tip_dot(v_arrow, v_colour())
        sum_dot = tip_dot(sum_arrow, combination_colour())
        scaled_dot = tip_dot(scaled_arrow, multiple_colour())
        proj_dot = tip_dot(proj_arrow, multiple_colour())

        # -- Labels, placed once so that none covers a tip or another label.
        placer = LabelPlacer(
            (
                -frame_half_width() + FRAME_MARGIN,
                panel_left() - 0.25,
                -frame_half_height() + FRAME_MARGIN,
                frame_half_height() - FRAME_MARGIN,
            )
        )
        placer.avoid_point(origin)
        placer.avoid_axes(origin)
        for arrow in (u_arrow, v_arrow, sum_arrow, ghost_v_target, scaled_arrow, proj_arrow):
            placer.avoid_arrow(arrow.get_start(), arrow.get_end())
        c_text = latex_number(summary.scalar)
        c_tex = {"1": "", "-1": "-"}.get(c_text, c_text + r"\,")
        labels = {
            "u": math_label("u", u_colour(), size=HAT_SIZE),
            "v": math_label("v", v_colour(), size=HAT_SIZE),
            "sum": math_label("u + v", combination_colour()),
            "scaled": math_label(c_tex + "u", multiple_colour()),
            "proj": math_label(r"\mathrm{proj}_u v", multiple_colour()),
        }
        arrows = {
            "u": u_arrow,
            "v": v_arrow,
            "sum": sum_arrow,
            "scaled": scaled_arrow,
            "proj": proj_arrow,
        }
        sides = {"u": -1, "v": 1, "sum": 1, "scaled": 1, "proj": -1}
        # The angle arc and its theta, which sit between u and v near the origin.
        u_dir = vectors.unit(summary.u)
        start_angle = math.atan2(u_dir[1], u_dir[0])
        sweep = math.radians(summary.signed_angle_deg)
        radius = float(np.clip(0.35 * min(u_arrow.get_length(), v_arrow.get_length()), 0.4, 0.8))
        arc = Arc(
            radius=radius,
            start_angle=start_angle,
            angle=sweep,
            arc_center=origin,
            color=PALETTE.text,
            stroke_width=3,
        )
        theta = math_label(r"\theta", PALETTE.text)
        middle = start_angle + sweep / 2
        bisector = np.array([math.cos(middle), math.sin(middle), 0.0])
        shown: dict[str, Mobject] = {}
        for name in ("u", "v", "sum", "scaled", "proj"):
            arrow = arrows[name]
            end, start = arrow.get_end(), arrow.get_start()
            if placer.place(labels[name], end, end - start, sides[name]):
                shown[name] = labels[name]
            else:
                shown[name] = VGroup()
        if placer.place(theta, origin + (radius - 0.1) * bisector, bisector):
            shown["theta"] = theta
        else:
            shown["theta"] = VGroup()

        # -- The line of u (for the projection) and the span line when u and v are parallel.
        reach = 2 * (frame_half_width() + abs(float(origin[0])) + frame_half_height())
        along_u = np.array([u_dir[0], u_dir[1], 0.0])
        u_line = DashedLine(
            origin - reach * along_u,
            origin + reach * along_u,
            color=PALETTE.muted,
            stroke_width=2,
            dash_length=0.12,
        ).set_z_index(UNDER_PANEL_Z)
        span_line = DashedLine(
            origin - reach * along_u,
            origin + reach * along_u,
            color=combination_colour(),
            stroke_width=3,
            dash_length=0.15,
        ).set_z_index(UNDER_PANEL_Z - 1)
        tips = np.array([view.c2p(t) for t in summary.span_tips])
        span_dots = dot_cloud(tips, combination_colour(), width=8)
        span_dots.set_z_index(UNDER_PANEL_Z)

        # The perpendicular from v's tip to its foot on u's line, and the right angle.
        foot = view.c2p(summary.projection)
        perpendicular = VGroup()
        right_angle = VGroup()
        drop = v_tip - foot
        drop_length = float(np.hypot(drop[0], drop[1]))
        if drop_length > 1e-6:
            perpendicular.add(
                DashedLine(v_tip, foot, color=PALETTE.muted, stroke_width=3, dash_length=0.1)
            )
            if drop_length > 0.3:
                side = 0.16
                back = -along_u if summary.projection_length > 0 else along_u
                up = drop / drop_length
                right_angle.add(
                    VMobject(color=PALETTE.muted, stroke_width=2.5).set_points_as_corners(
                        [foot + side * back, foot + side * (back + up), foot + side * up]
                    )
                )

        box, top_row, add_section, scale_section, span_section, dot_section, extras = (
            self.build_panel(summary, grid_step)
        )
        plane_marks = VGroup(u_dot, v_dot)
        return VectorsPicture(
            summary=summary,
            view=view,
            grid_step=grid_step,
            tolerance=tolerance,
            plane=plane,
            u_arrow=u_arrow,
            v_arrow=v_arrow,
            sum_arrow=sum_arrow,
            ghost_v=ghost_v,
            ghost_v_target=ghost_v_target,
            scaled_arrow=scaled_arrow,
            proj_arrow=proj_arrow,
            parallelogram=parallelogram,
            plane_marks=plane_marks,
            sum_dot=sum_dot,
            scaled_dot=scaled_dot,
            proj_dot=proj_dot,
            labels=shown,
            arc=arc,
            u_line=u_line,
            span_line=span_line,
            span_dots=span_dots,
            perpendicular=perpendicular,
            right_angle=right_angle,
            box=box,
            top_row=top_row,
            add_section=add_section,
            scale_section=scale_section,
            span_section=span_section,
            dot_section=dot_section,
            extras=extras,
        )

    def build_panel(self, summary: vectors.VectorSummary, grid_step: float) -> tuple[Mobject, ...]:
        """The panel: u and v on top, then one section per beat (and the grid step when
        it is not 1)."""
        # -- The panel: u and v on top, then one section per beat.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        u_row = MathTex(r"u = " + column(summary.u), font_size=LABEL_SIZE, color=u_colour())
        v_row = MathTex(r"v = " + column(summary.v), font_size=LABEL_SIZE, color=v_colour())
        top_row = VGroup(u_row, v_row).arrange(RIGHT, buff=0.5)
        if top_row.width > PANEL_WIDTH:
            top_row.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        for row in (u_row, v_row):
            fit_row(row, LABEL_SIZE)
        top = frame_half_height() - FRAME_MARGIN - 0.1
        stack([top_row], top=top, left=left)
        section_top = top - top_row.height - 0.45

        def section(rows: list[Mobject]) -> VGroup:
            group = VGroup(*rows)
            stack(rows, top=section_top, left=left, gap=0.25)
            return group

        s = summary
        add_section = section(
            [
                formula(r"u + v = " + column(s.sum), combination_colour()),
                remark("v starts where u ends:\nu + v is the diagonal\nof the parallelogram"),
            ]
        )
        if s.scalar < 0:
            scale_remark = f"a negative c flips u\nand stretches it by {format_number(-s.scalar)}"
        elif s.scalar == 0:
            scale_remark = "c = 0 shrinks u\nto the zero vector"
        else:
            scale_remark = f"a positive c keeps u's\ndirection, length x {format_number(s.scalar)}"
        scale_section = section(
            [
                formula(rf"c = {latex_number(s.scalar)}", multiple_colour()),
                formula(r"c\,u = " + column(s.scaled), multiple_colour()),
                remark(scale_remark),
            ]
        )
        if s.parallel:
            span_text = "u and v are parallel:\nevery a u + b v lies\non one line, the span"
        else:
            span_text = "u and v point different\nways: the combinations\na u + b v fill the plane"
        ea, eb = (compact(x) for x in s.span_extents)
        ranges = (
            f"a, b from -{ea} to {ea}"
            if ea == eb
            else f"a from -{ea} to {ea}\nb from -{eb} to {eb}"
        )
        span_section = section(
            [formula(r"a\,u + b\,v", combination_colour()), remark(ranges), remark(span_text)]
        )
        nu, nv, cos = (latex_number(x) for x in (s.norm_u, s.norm_v, s.cosine))
        factor = f"({cos})" if cos.startswith("-") else cos
        dot_section = section(
            [
                formula(r"u \cdot v = |u|\,|v| \cos\theta"),
                *wrapped([f"= {nu}", rf"\cdot {nv}", rf"\cdot {factor}"]),
                formula(rf"= {latex_number(s.dot)}"),
                formula(rf"\theta = {{{latex_number(s.angle_deg)}}}^\circ"),
                formula(rf"\cos\theta = {cos}"),
                remark("the cosine similarity\n(1 same way, -1 opposite)"),
                formula(r"\mathrm{proj}_u v = " + column(s.projection), multiple_colour()),
            ]
        )
        extras = VGroup()
        if grid_step != 1.0:
            note = remark(f"grid step {format_number(grid_step)}")
            note.move_to(
                [left + note.width / 2, -frame_half_height() + FRAME_MARGIN + note.height / 2, 0]
            )
            extras.add(note)
        return box, top_row, add_section, scale_section, span_section, dot_section, extras

    def shorter_in_front(self, *arrows: Arrow) -> None:
        """Bring arrows to the front, longest first, so none hides a shorter one."""
        pic = self.picture
        for arrow in sorted(arrows, key=lambda a: -a.get_length()):
            self.bring_to_front(arrow)
        for marks in (pic.plane_marks, pic.sum_dot, pic.scaled_dot, pic.proj_dot):
            if marks in self.mobjects:
                self.bring_to_front(marks)

    def show_addition(self) -> None:
        # Adding vectors tip to tail: u + v is the parallelogram's diagonal.
        pic = self.picture
        s, fmt = pic.summary, format_number
        self.beat(
            "addition",
            f"To add v to u, start v where u ends: u + v = ({fmt(s.sum[0])}, "
            f"{fmt(s.sum[1])}), the diagonal of the parallelogram on u and v.",
        )
        self.add(pic.plane, pic.box)
        self.play(
            GrowArrow(pic.u_arrow), GrowArrow(pic.v_arrow), FadeIn(pic.plane_marks), run_time=1
        )
        self.play(
            FadeIn(pic.labels["u"]), FadeIn(pic.labels["v"]), Write(pic.top_row), FadeIn(pic.extras)
        )
        self.play(Transform(pic.ghost_v, pic.ghost_v_target), run_time=1)
        self.play(
            GrowArrow(pic.sum_arrow),
            FadeIn(pic.sum_dot),
            FadeIn(pic.parallelogram),
            FadeIn(pic.labels["sum"]),
            FadeIn(pic.add_section),
            run_time=1,
        )
        self.shorter_in_front(pic.v_arrow, pic.u_arrow, pic.sum_arrow)
        self.wait(0.5)

    def show_scaling(self) -> None:
        # A scalar stretches u, and a negative one flips it.
        pic = self.picture
        s, fmt = pic.summary, format_number
        if s.scalar == 0:
            scale_caption = "Multiplying u by 0 shrinks it to the zero vector."
        elif s.scalar < 0:
            scale_caption = (
                f"Multiplying u by {fmt(s.scalar)} flips it and stretches it by "
                f"{fmt(-s.scalar)}: {fmt(s.scalar)}u = ({fmt(s.scaled[0])}, "
                f"{fmt(s.scaled[1])})."
            )
        else:
            scale_caption = (
                f"Multiplying u by {fmt(s.scalar)} keeps its direction and scales its "
                f"length: {fmt(s.scalar)}u = ({fmt(s.scaled[0])}, {fmt(s.scaled[1])})."
            )
        self.beat("scaling", scale_caption)
        self.play(
            FadeOut(pic.ghost_v),
            FadeOut(pic.sum_arrow),
            FadeOut(pic.sum_dot),
            FadeOut(pic.parallelogram),
            FadeOut(pic.labels["sum"]),
            FadeOut(pic.add_section),
            run_time=0.6,
        )
        grown = pic.u_arrow.copy().set_color(multiple_colour())
        self.play(Transform(grown, pic.scaled_arrow), FadeIn(pic.scale_section), run_time=1.2)
        self.remove(grown)
        self.add(pic.scaled_arrow)
        self.shorter_in_front(pic.v_arrow, pic.u_arrow, pic.scaled_arrow)
        self.play(FadeIn(pic.labels["scaled"]), FadeIn(pic.scaled_dot), run_time=0.5)
        self.wait(0.5)

    def show_span(self) -> None:
        # The combinations a u + b v sweep out the span: the plane, or a line.
        pic = self.picture
        s = pic.summary
        ea, eb = (compact(x) for x in s.span_extents)
        extent = (
            f"a and b from -{ea} to {ea}"
            if ea == eb
            else (f"a from -{ea} to {ea} and b from -{eb} to {eb}")
        )
        if s.parallel:
            span_caption = (
                "u and v are parallel, so every combination a u + b v lies on the line "
                "through u: their span is a line, not the plane."
            )
        else:
            span_caption = (
                f"The combinations a u + b v with {extent} "
                "cover a grid; letting a and b be any numbers reaches every point, so u "
                "and v span the whole plane."
            )
        self.beat("span", span_caption)
        self.play(
            FadeOut(pic.scaled_arrow),
            FadeOut(pic.scaled_dot),
            FadeOut(pic.labels["scaled"]),
            FadeOut(pic.scale_section),
            run_time=0.6,
        )
        line = [Create(pic.span_line)] if s.parallel else []
        self.play(Create(pic.span_dots), *line, FadeIn(pic.span_section), run_time=2)
        self.shorter_in_front(pic.v_arrow, pic.u_arrow)
        self.wait(0.5)

    def show_dot(self) -> None:
        # The dot product projects v onto u: |u||v|cos(theta), the cosine similarity.
        pic = self.picture
        s, fmt = pic.summary, format_number
        cos_text = f"({fmt(s.cosine)})" if s.cosine < 0 else fmt(s.cosine)
        if s.parallel:
            dot_remark = ": v lies on u's line, so it is its own projection."
        elif fmt(s.cosine) == "0":
            dot_remark = ": u and v are orthogonal, so the projection is the zero vector."
        else:
            dot_remark = "."
        self.beat(
            "dot",
            f"The dot product u·v = {fmt(s.dot)} is |u||v|cos θ = {fmt(s.norm_u)} · "
            f"{fmt(s.norm_v)} · {cos_text}: the angle is {fmt(s.angle_deg)}° and "
            f"the cosine similarity is {fmt(s.cosine)}. Projecting v onto u gives "
            f"({fmt(s.projection[0])}, {fmt(s.projection[1])}){dot_remark}",
        )
        span_out = [FadeOut(pic.span_line)] if s.parallel else []
        self.play(FadeOut(pic.span_dots), *span_out, FadeOut(pic.span_section), run_time=0.6)
        self.play(Create(pic.u_line), Create(pic.arc), FadeIn(pic.labels["theta"]), run_time=1)
        self.play(Create(pic.perpendicular), FadeIn(pic.dot_section), run_time=1)
        self.play(
            GrowArrow(pic.proj_arrow),
            FadeIn(pic.proj_dot),
            FadeIn(pic.right_angle),
            FadeIn(pic.labels["proj"]),
            run_time=1,
        )
        self.shorter_in_front(pic.v_arrow, pic.u_arrow, pic.proj_arrow)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Drawn tips at the sidecar's vectors; in the dot beat, a right angle at the
        projection's foot and an arc spanning the angle."""
        pic = self.picture
        view, data, tol = pic.view, self.data, pic.tolerance
        checks = [
            Invariant("u tip = u", view.p2c(pic.u_arrow.get_end()), data["u"], tol),
            Invariant("v tip = v", view.p2c(pic.v_arrow.get_end()), data["v"], tol),
        ]
        if beat == "addition":
            checks += [
                Invariant("u + v tip", view.p2c(pic.sum_arrow.get_end()), data["sum"], tol),
                Invariant(
                    "v tip to tail: starts at u",
                    view.p2c(pic.ghost_v.get_start()),
                    data["u"],
                    tol,
                ),
                Invariant(
                    "v tip to tail: ends at u + v",
                    view.p2c(pic.ghost_v.get_end()),
                    data["sum"],
                    tol,
                ),
            ]
        elif beat == "scaling":
            checks.append(
                Invariant(
                    "c u tip = scaled",
                    view.p2c(pic.scaled_arrow.get_end()),
                    data["scaled"],
                    tol,
                )
            )
        elif beat == "span":
            drawn = np.array([view.p2c(p) for p in pic.span_dots.points[::4]])
            checks.append(Invariant("span dots = a u + b v", drawn, data["span_tips"], tol))
        elif beat == "dot":
            checks.append(
                Invariant(
                    "projection tip",
                    view.p2c(pic.proj_arrow.get_end()),
                    data["projection"],
                    tol,
                )
            )
            for line in pic.perpendicular:
                start, end = view.p2c(line.get_start()), view.p2c(line.get_end())
                checks += [
                    Invariant("perpendicular starts at v", start, data["v"], tol),
                    Invariant("perpendicular's foot = projection", end, data["projection"], tol),
                    Invariant(
                        "perpendicular meets u's line at a right angle (cos = 0)",
                        vectors.cosine_similarity(start - end, data["u"]),
                        0.0,
                        1e-6,
                    ),
                ]
            arc, centre = pic.arc, pic.arc.arc_center
            start, end = (arc.get_start() - centre)[:2], (arc.get_end() - centre)[:2]
            checks += [
                Invariant(
                    "arc starts on u's direction (cos = 1)",
                    vectors.cosine_similarity(start, data["u"]),
                    1.0,
                    1e-9,
                ),
                Invariant(
                    "arc spans the angle (degrees)",
                    math.degrees(vectors.angle(start, end)),
                    data["angle_deg"],
                    1e-6,
                ),
            ]
        return checks
