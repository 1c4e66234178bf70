"""Vectors: adding, scaling, combining and the dot product.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/vectors.py Vectors``.
"""

from __future__ import annotations

import math
import sys
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
    FadeIn,
    FadeOut,
    GrowArrow,
    MathTex,
    Mobject,
    Polygon,
    Transform,
    VGroup,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/vectors.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import vectors
from scenes.kit.builders import (
    grid,
    math_label,
    panel_box,
    stack,
    vector_arrow,
)
from scenes.kit.coords import Coords
from scenes.kit.labels import LabelPlacer, covered_by
from scenes.kit.marks import keep_wide
from scenes.kit.numbers import compact, format_number, latex_number
from scenes.kit.panel import touching
from scenes.kit.panel_rows import column_tex, fit_row, formula, remark, wrapped
from scenes.kit.plotting import dot_cloud
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    HAT_SIZE,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.kit.vector_plane import (
    angle_arc,
    fit_at_own_scale,
    line_through,
    perpendicular_drop,
    shorter_in_front,
    tip_dot,
)
from scenes.linear_algebra.params import VectorsParams

#: Room left around the plotted points for the labels beside arrow tips.
LABEL_ROOM = 0.6


#: Largest length on screen of one grid unit, after the vectors are rescaled by a power
#: of ten (so 1e-6-sized vectors are drawn as large as 1-sized ones).
MAX_UNIT = 1.6


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


def projection_colour() -> str:
    """proj_u v: not c u's colour (a colour means one thing per picture)."""
    return PALETTE.series[2]


#: The span sweep's coefficients run over [-SPAN_EXTENT, SPAN_EXTENT] (scaled for
#: vectors of different lengths): 1, so that every combination is drawn inside the
#: view (at mlmath_viz's default 2 the grid ran 300-900 px off the frame).
SPAN_EXTENT = 1.0
#: No span dot is drawn this near the u and v labels (scene units, beyond the 8 px dot).
SPAN_DOT_CLEARANCE = 0.15


def key_points(summary: vectors.VectorSummary) -> np.ndarray:
    """Points the picture must keep in view: the origin and every drawn vector's tip
    (layout, so it lives with the scene rather than in mlmath_viz)."""
    s = summary
    pts = [(0.0, 0.0), s.u, s.v, s.sum, s.scaled, s.projection]
    # the span grid's corners +-A u +-B v (every combination lies inside them)
    ea, eb = s.span_extents
    u, v = np.array(s.u), np.array(s.v)
    corners = [sa * ea * u + sb * eb * v for sa in (-1, 1) for sb in (-1, 1)]
    return np.array([*pts, *(tuple(c) for c in corners)], dtype=np.float64)


def angle_rows(angle: str, cos: str) -> list[Mobject]:
    """``theta = ..., cos theta = ...`` on one panel row when it fits, else two."""
    both = rf"\theta = {{{angle}}}^\circ,\quad \cos\theta = {cos}"
    one = MathTex(both, font_size=LABEL_SIZE, color=PALETTE.text)
    if one.width <= PANEL_WIDTH:
        return [one]
    return [formula(rf"\theta = {{{angle}}}^\circ"), formula(rf"\cos\theta = {cos}")]


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
    span_drawn: np.ndarray  # which span tips are drawn (those clear of the u, v labels)
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
        summary = vectors.summarize(p.u, p.v, p.scalar, span_extent=SPAN_EXTENT)
        self.data = summary.to_json()
        # Fit every tip into the plane's region, at the vectors' own scale.
        fitted = fit_at_own_scale(key_points(summary), MAX_UNIT, LABEL_ROOM)
        view, origin = fitted.view, fitted.view.origin
        self.data["unit_length"] = view.unit
        self.data["grid_step"] = fitted.grid_step
        plane = grid(fitted.drawn, PALETTE.grid, opacity=0.8)
        plane.set_z_index(UNDER_PANEL_Z - 2)
        arrows = self.build_arrows(summary, view)
        ghost_v = vector_arrow(view, summary.v, v_colour()).set_opacity(0.6)
        ghost_v_target = ghost_v.copy().shift(view.c2p(summary.u) - origin)
        parallelogram = Polygon(
            *(view.c2p(t) for t in ((0.0, 0.0), summary.u, summary.sum, summary.v)),
            stroke_width=0,
            fill_color=combination_colour(),
            fill_opacity=0.18,
        )
        dots = {name: tip_dot(arrows[name], colour) for name, colour in self.colours().items()}
        # The angle arc between u and v near the origin.
        u_dir = vectors.unit(summary.u)
        u_length, v_length = arrows["u"].get_length(), arrows["v"].get_length()
        radius = float(np.clip(0.35 * min(u_length, v_length), 0.4, 0.8))
        arc, bisector = angle_arc(
            origin,
            math.atan2(u_dir[1], u_dir[0]),
            math.radians(summary.signed_angle_deg),
            radius,
        )
        theta_spot = (origin + (radius - 0.1) * bisector, bisector)
        tips = np.array([view.c2p(t) for t in summary.span_tips])
        labels = self.place_labels(summary, arrows, ghost_v_target, origin, theta_spot, tips)
        # The line of u (for the projection) and the span line when u and v are parallel.
        along_u = np.array([u_dir[0], u_dir[1], 0.0])
        u_line = line_through(origin, along_u, PALETTE.muted, 2, 0.12)
        u_line.set_z_index(UNDER_PANEL_Z)
        span_line = line_through(origin, along_u, combination_colour(), LINE_WIDTH, 0.15)
        span_line.set_z_index(UNDER_PANEL_Z - 1)
        # A dot just beside "u" read as "u.": the dots under or next to the u and v
        # labels are left out (the sidecar keeps every tip; the invariant the drawn ones).
        span_drawn = ~covered_by(tips, [labels["u"], labels["v"]], SPAN_DOT_CLEARANCE)
        span_dots = dot_cloud(tips[span_drawn], combination_colour(), width=8)
        span_dots.set_z_index(UNDER_PANEL_Z)
        # The perpendicular from v's tip to its foot on u's line, and the right angle.
        back = -along_u if summary.projection_length > 0 else along_u
        perpendicular, right_angle = perpendicular_drop(
            view.c2p(summary.v), view.c2p(summary.projection), back
        )
        box, top_row, add_section, scale_section, span_section, dot_section, extras = (
            self.build_panel(summary, fitted.grid_step)
        )
        return VectorsPicture(
            summary=summary,
            view=view,
            grid_step=fitted.grid_step,
            tolerance=1e-6 * fitted.scale,
            plane=plane,
            u_arrow=arrows["u"],
            v_arrow=arrows["v"],
            sum_arrow=arrows["sum"],
            ghost_v=ghost_v,
            ghost_v_target=ghost_v_target,
            scaled_arrow=arrows["scaled"],
            proj_arrow=arrows["proj"],
            parallelogram=parallelogram,
            plane_marks=VGroup(dots["u"], dots["v"]),
            sum_dot=dots["sum"],
            scaled_dot=dots["scaled"],
            proj_dot=dots["proj"],
            labels=labels,
            arc=arc,
            u_line=u_line,
            span_line=span_line,
            span_dots=span_dots,
            span_drawn=span_drawn,
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

    @staticmethod
    def colours() -> dict[str, str]:
        """Each drawn vector's colour: u, v, u + v, c u and the projection of v onto u."""
        return {
            "u": u_colour(),
            "v": v_colour(),
            "sum": combination_colour(),
            "scaled": multiple_colour(),
            "proj": projection_colour(),
        }

    def build_arrows(self, s: vectors.VectorSummary, view: Coords) -> dict[str, Arrow]:
        """The arrows of u, v, u + v, c u and the projection, from the origin (shafts
        full width however short; a tip dot marks the short ones)."""
        tips = {"u": s.u, "v": s.v, "sum": s.sum, "scaled": s.scaled, "proj": s.projection}
        arrows = {name: vector_arrow(view, tips[name], c) for name, c in self.colours().items()}
        keep_wide(*arrows.values())
        return arrows

    def place_labels(
        self,
        s: vectors.VectorSummary,
        arrows: dict[str, Arrow],
        ghost_v_target: Arrow,
        origin: np.ndarray,
        theta_spot: tuple[np.ndarray, np.ndarray],
        span_points: np.ndarray,
    ) -> dict[str, Mobject]:
        """Each arrow's label beside its tip and theta beside the angle arc
        (``theta_spot``: its anchor and direction), placed once so that none covers a
        tip or another label (an empty group where none fits)."""
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
        order = ("u", "v", "sum", "scaled", "proj")
        for arrow in (arrows["u"], arrows["v"], arrows["sum"], ghost_v_target):
            placer.avoid_arrow(arrow.get_start(), arrow.get_end())
        for name in ("scaled", "proj"):
            placer.avoid_arrow(arrows[name].get_start(), arrows[name].get_end())
        # Prefer spots clear of the span's dots: a dot just after "u" read as "u.".
        placer.shafts.extend(np.asarray(p, dtype=float) for p in span_points)
        c_text = latex_number(s.scalar)
        c_tex = {"1": "", "-1": "-"}.get(c_text, c_text + r"\,")
        colours = self.colours()
        texts = {
            "u": "u",
            "v": "v",
            "sum": "u + v",
            "scaled": c_tex + "u",
            "proj": r"\mathrm{proj}_u v",
        }
        sides = {"u": -1, "v": 1, "sum": 1, "scaled": 1, "proj": -1}
        shown: dict[str, Mobject] = {}
        for name in order:
            size = HAT_SIZE if name in ("u", "v") else LABEL_SIZE
            label = math_label(texts[name], colours[name], size=size)
            end, start = arrows[name].get_end(), arrows[name].get_start()
            shown[name] = label if placer.place(label, end, end - start, sides[name]) else VGroup()
        theta = math_label(r"\theta", PALETTE.text)
        shown["theta"] = theta if placer.place(theta, *theta_spot) else VGroup()
        return shown

    def build_panel(self, summary: vectors.VectorSummary, grid_step: float) -> tuple[Mobject, ...]:
        """The panel: u and v on top, then one section per beat (and the grid step when
        it is not 1)."""
        # -- The panel: u and v on top, then one section per beat.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        u_row = MathTex(r"u = " + column_tex(summary.u), font_size=LABEL_SIZE, color=u_colour())
        v_row = MathTex(r"v = " + column_tex(summary.v), font_size=LABEL_SIZE, color=v_colour())
        top_row = VGroup(u_row, v_row).arrange(RIGHT, buff=0.5)
        if top_row.width > PANEL_WIDTH:
            top_row.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        for row in (u_row, v_row):
            fit_row(row, LABEL_SIZE)
        top = frame_half_height() - FRAME_MARGIN - 0.1
        stack([top_row], top=top, left=left)
        section_top = top - top_row.height - 0.45

        bottom = -frame_half_height() + FRAME_MARGIN_Y

        def section(rows: list[Mobject], optional: tuple[Mobject, ...] = ()) -> VGroup:
            """The rows from ``section_top``; when they run past the safe area's bottom
            (long numbers), closer together and then without the ``optional`` rows."""
            for gap in (0.25, 0.12):
                stack(rows, top=section_top, left=left, gap=gap)
                if rows[-1].get_bottom()[1] >= bottom:
                    return VGroup(*rows)
            rows = [r for r in rows if r not in optional]
            stack(rows, top=section_top, left=left, gap=0.12)
            return VGroup(*rows)

        s = summary
        add_section = section(
            [
                formula(r"u + v = " + column_tex(s.sum), combination_colour()),
                remark("v starts where u ends:\nu + v is the diagonal\nof the parallelogram"),
            ]
        )
        if s.scalar < 0:
            scale_remark = f"a negative c flips u\nand stretches it by {format_number(-s.scalar)}"
        elif s.scalar == 0:
            scale_remark = "a zero c shrinks u\nto the zero vector"
        else:
            factor = format_number(s.scalar)
            scale_remark = f"a positive c keeps u's\ndirection, its length\nscaled by {factor}"
        scale_section = section(
            [
                formula(rf"c = {latex_number(s.scalar)}", multiple_colour()),
                formula(r"c\,u = " + column_tex(s.scaled), multiple_colour()),
                remark(scale_remark),
            ]
        )
        if s.parallel:
            span_text = "u and v are parallel:\nevery combination lies\non one line, the span"
        else:
            span_text = "u and v point different\nways: their combinations\nfill the plane"
        ea, eb = (compact(x) for x in s.span_extents)
        la, lb = (latex_number(x) for x in s.span_extents)
        ranges = (
            [formula(rf"-{la} \le a, b \le {la}", PALETTE.muted)]
            if ea == eb
            else [
                formula(rf"-{la} \le a \le {la}", PALETTE.muted),
                formula(rf"-{lb} \le b \le {lb}", PALETTE.muted),
            ]
        )
        span_section = section(
            [formula(r"a\,u + b\,v", combination_colour()), *ranges, remark(span_text)]
        )
        nu, nv, cos = (latex_number(x) for x in (s.norm_u, s.norm_v, s.cosine))
        factor = f"({cos})" if cos.startswith("-") else cos
        similarity = [
            remark("the cosine similarity:"),
            formula(r"1\ \text{same way},\ -1\ \text{opposite}", PALETTE.muted),
        ]
        dot_section = section(
            [
                formula(r"u \cdot v = |u|\,|v| \cos\theta"),
                *wrapped([f"= {nu}", rf"\cdot {nv}", rf"\cdot {factor}"]),
                formula(rf"= {latex_number(s.dot)}"),
                *angle_rows(latex_number(s.angle_deg), cos),
                *similarity,
                formula(r"\mathrm{proj}_u v = " + column_tex(s.projection), projection_colour()),
            ],
            optional=tuple(similarity),
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
        """The arrows in front, longest first, then the dots on short arrows' tips."""
        pic = self.picture
        marks = (pic.plane_marks, pic.sum_dot, pic.scaled_dot, pic.proj_dot)
        shorter_in_front(self, arrows, marks)

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
        if len(pic.extras) and touching(pic.extras, pic.dot_section):
            span_out.append(FadeOut(pic.extras))  # a long dot section needs its row
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
            drawn = np.array([view.p2c(p) for p in pic.span_dots.points[::4]]).reshape(-1, 2)
            shown_tips = np.asarray(data["span_tips"], dtype=float)[pic.span_drawn]
            checks.append(Invariant("span dots = a u + b v", drawn, shown_tips, tol))
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
