"""Solving A x = b, by rows and by columns.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/linear_system.py LinearSystem``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MathTex,
    Mobject,
    NumberPlane,
    VGroup,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz.linear_systems import SystemStatus, SystemSummary, solve_system
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
from scenes.kit.labels import LabelPlacer
from scenes.kit.marks import keep_wide
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel_rows import column_tex, fit_row, formula, remark
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.stage import pair_text
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.kit.vector_plane import perpendicular_drop, shorter_in_front
from scenes.linear_algebra.params import LinearSystemParams

#: Room left around the plotted points for labels.
LABEL_ROOM = 0.6
#: Largest length on screen of one plane unit.
MAX_UNIT = 1.2
#: An arrow shorter than this on screen (scene units) is not drawn (a zero weight or a
#: zero column); the panel still shows it.
MIN_ARROW = 0.08
#: How far (scene units) the weighted columns are drawn beside the column space when
#: the columns and b all lie on it.
WEIGHTED_SHIFT = 0.2
#: Dot radius of the solution, the minimum-norm solution and the closest point.
DOT_RADIUS = 0.08


# The colour roles. The two equations take the first two series colours (and the
# second is dashed, so coinciding lines show both); the columns a1 = A e1 and a2 = A e2
# the i-hat and j-hat colours, as in every linear-map scene; b the first series colour
# (the equations are gone by then), the solution and the closest point the sixth, the
# null-space direction the third.
def row_colours() -> tuple[str, str]:
    return PALETTE.series[0], PALETTE.series[1]


def solution_colour() -> str:
    return PALETTE.series[5]


def closest_colour() -> str:
    """The closest point p = A x-hat: the text colour, the one colour apart from a1, a2
    and b in both themes and under colour-blind vision (the light theme's series are
    not)."""
    return PALETTE.text


def null_colour() -> str:
    return PALETTE.series[2]


def b_colour() -> str:
    """b: the first series colour (the first equation's, which the column picture
    never shows beside it)."""
    return PALETTE.series[0]


def equation_tex(row: Sequence[float], rhs: float) -> str:
    """``a x_1 + b x_2 = c`` in LaTeX: unit coefficients written as the variable alone,
    exact zeros left out, and ``0 = c`` for a zero row."""
    terms: list[str] = []
    for coef, var in zip(row, ("x_1", "x_2"), strict=True):
        if coef == 0:
            continue
        size = latex_number(abs(coef))
        term = var if size == "1" else f"{size}{var}"
        if not terms:
            terms.append(f"-{term}" if coef < 0 else term)
        else:
            terms.append(f"- {term}" if coef < 0 else f"+ {term}")
    lhs = " ".join(terms) if terms else "0"
    return rf"{lhs} = {latex_number(rhs)}"


def equation_text(row: Sequence[float], rhs: float) -> str:
    """The same equation for a caption: ``2 x1 + x2 = 4``."""
    return (
        equation_tex(row, rhs)
        .replace("x_1", "x1")
        .replace("x_2", "x2")
        .replace(r"\times10^", " x 10^")
        .replace("{", "")
        .replace("}", "")
    )


Part = tuple[str, str]  # a piece of LaTeX and its colour


def _parts_tex(parts: Sequence[Part]) -> MathTex:
    tex = MathTex(*(t for t, _ in parts), font_size=LABEL_SIZE, color=PALETTE.text)
    for piece, (_, colour) in zip(tex, parts, strict=True):
        piece.set_color(colour)
    return tex


def panel_lines(parts: Sequence[Part]) -> list[Mobject]:
    """A formula made of coloured ``parts``, on one panel line when it fits at its full
    size, else broken between parts into as few lines as it needs (a tiny entry set as
    3.4 x 10^-246 makes a row long; shrinking it would make its indices unreadable)."""
    whole = _parts_tex(parts)
    if whole.width <= PANEL_WIDTH:
        return [whole]
    lines: list[list[Part]] = []
    current: list[Part] = []
    for part in parts:
        trial = [*current, part]
        if current and _parts_tex(trial).width > PANEL_WIDTH:
            lines.append(current)
            current = [part]
        else:
            current = trial
    lines.append(current)
    return [fit_row(_parts_tex(line), LABEL_SIZE) for line in lines]


def equation_parts(index: int, row: Sequence[float], rhs: float, colour: str) -> list[Part]:
    """``(i)  a x_1 + b x_2 = c`` as parts for :func:`panel_lines`, one per term."""
    terms = equation_tex(row, rhs).split(" = ")[0]
    pieces = [rf"({index})\quad"]
    for term in terms.replace(" + ", " |+ ").replace(" - ", " |- ").split(" |"):
        pieces.append(term)
    pieces.append(rf"= {latex_number(rhs)}")
    return [(p, colour) for p in pieces]


def row_key_points(s: SystemSummary) -> np.ndarray:
    """Points the row picture must show: the origin, a unit box around it, the weights
    (solution, minimum-norm or least-squares), each line's point nearest the origin,
    and the null-space arrow's tip."""
    pts = [(0.0, 0.0), (1.0, 1.0), (-1.0, -1.0), s.weights]
    pts += [r.foot for r in s.rows if r is not None]
    if s.status is SystemStatus.INFINITELY_MANY:
        for n in s.null_space[:1]:
            pts.append(tuple(np.add(s.weights, n)))
    return np.array(pts, dtype=float)


def column_key_points(s: SystemSummary) -> np.ndarray:
    """Points the column picture must show: the origin, both columns, b, the first
    weighted column x1 a1 and the closest point (b itself when there is a solution)."""
    a1, _ = s.columns
    first = tuple(s.weights[0] * np.array(a1))
    return np.array([(0.0, 0.0), *s.columns, s.b, first, s.closest_point], dtype=float)


def across_frame(
    centre: np.ndarray, direction: np.ndarray, colour: str, width: float, dash: float
) -> DashedLine:
    """A dashed line through the scene point ``centre`` along the unit ``direction``,
    just past the frame's corners both ways (the kit's ``line_through`` reaches much
    further, and every dash is a mobject that each fade copies)."""
    hw, hh = frame_half_width(), frame_half_height()
    corners = np.array([[x, y, 0.0] for x in (-hw, hw) for y in (-hh, hh)])
    reach = float(np.max(np.linalg.norm(corners - centre, axis=1))) + 0.5
    return DashedLine(
        centre - reach * direction,
        centre + reach * direction,
        color=colour,
        stroke_width=width,
        dash_length=dash,
    )


def plane_bounds() -> tuple[float, float, float, float]:
    """The plane's region for labels: left of the panel, inside the safe area."""
    return (
        -frame_half_width() + FRAME_MARGIN,
        panel_left() - 0.25,
        -frame_half_height() + FRAME_MARGIN,
        frame_half_height() - FRAME_MARGIN,
    )


def visible_point(view: Coords, foot: Sequence[float], direction: Sequence[float]) -> np.ndarray:
    """A scene point on the line through ``foot`` along ``direction``, inside the plane's
    region and as far from the region's centre as allowed (where its label goes)."""
    left, right, bottom, top = plane_bounds()
    inset = 0.5
    centre = np.array([(left + right) / 2, (bottom + top) / 2, 0.0])
    p0 = view.c2p(foot)
    d = view.c2p(np.add(foot, direction)) - p0
    d = d / np.linalg.norm(d)
    best = p0
    for sign in (1.0, -1.0):
        for t in np.linspace(0.0, 20.0, 401):
            p = p0 + sign * t * d
            if left + inset < p[0] < right - inset and bottom + inset < p[1] < top - inset:
                if np.linalg.norm(p - centre) > np.linalg.norm(best - centre):
                    best = p
    return best


def grid_note(view: Coords) -> VGroup:
    """``grid step 2`` for the panel when the grid's step is not 1 (else an empty
    group); :meth:`LinearSystem.build_panel` places it below its picture's rows."""
    step = nice_step(view.unit)
    return VGroup(remark(f"grid step {format_number(step)}")) if step != 1.0 else VGroup()


@dataclass
class LinearSystemPicture:
    """What LinearSystem draws, for its beats, invariants and tests."""

    summary: SystemSummary
    row_view: Coords
    column_view: Coords
    row_grid: NumberPlane
    column_grid: NumberPlane
    axis_labels: VGroup
    lines: list[Mobject | None]  # each equation's line (None for a zero row)
    line_labels: VGroup
    solution_dot: Dot | None  # the solution, or the minimum-norm solution
    solution_label: Mobject
    solution_line: Mobject | None  # the whole line of solutions (infinitely many)
    null_arrow: Arrow | None
    null_label: Mobject
    perpendicular: VGroup  # origin to the minimum-norm solution (infinitely many)
    column_arrows: list[Arrow | None]  # a1, a2 (None where too short to draw)
    b_arrow: Arrow | None
    column_labels: VGroup
    column_space: Mobject | None  # the line the columns span (rank 1)
    column_space_label: Mobject
    weighted: list[Arrow | None]  # x1 a1 from the origin, x2 a2 from its tip
    weighted_labels: VGroup
    closest_dot: Dot | None  # the closest point p (no solution)
    closest_label: Mobject
    residual: VGroup  # the residual b - p and its right-angle mark
    box: Mobject
    system_rows: VGroup
    row_section: VGroup
    column_form: Mobject
    column_section: VGroup
    notes: dict[str, VGroup] = field(default_factory=dict)  # the grid steps
    #: Scene vector the weighted columns are drawn shifted by (across the column space
    #: when it is a line, else zero); the invariants undo it.
    weighted_shift: np.ndarray = field(default_factory=lambda: np.zeros(3))


class LinearSystem(MathScene):
    """Solving A x = b, by rows and by columns.

    Each equation is a line and a solution is where the lines meet; read by columns the
    same system asks for the weights that combine A's columns into b, and when none do,
    least squares takes the closest point.
    """

    params_type = LinearSystemParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_rows()  # each equation is a line in the (x1, x2) plane
        self.show_row_solution()  # where the lines meet: a point, a whole line, or nowhere
        self.show_columns()  # the same equations read down the columns: x1 a1 + x2 a2 = b
        if self.picture.summary.status is SystemStatus.NONE:
            self.show_closest()  # b is off the columns' line: the closest point and residual
        else:
            self.show_combination()  # the solution's weights combine the columns into b

    # -- building -----------------------------------------------------------------

    def build_picture(self) -> LinearSystemPicture:
        """The numbers from mlmath_viz, the two views, the marks and the panel (placed,
        not yet shown)."""
        p = self.params
        s = solve_system(p.matrix, p.b)
        self.data = s.to_json()
        row_view = view_left_of_panel(row_key_points(s), MAX_UNIT, LABEL_ROOM)
        column_view = view_left_of_panel(column_key_points(s), MAX_UNIT, LABEL_ROOM)
        self.data["unit_length"] = {"rows": row_view.unit, "columns": column_view.unit}
        row_grid = grid(row_view, PALETTE.grid, opacity=0.5)
        column_grid = grid(column_view, PALETTE.grid, opacity=0.5)
        for g in (row_grid, column_grid):
            g.set_z_index(UNDER_PANEL_Z - 2)
        picture = LinearSystemPicture(
            summary=s,
            row_view=row_view,
            column_view=column_view,
            row_grid=row_grid,
            column_grid=column_grid,
            axis_labels=VGroup(),
            lines=[],
            line_labels=VGroup(),
            solution_dot=None,
            solution_label=VGroup(),
            solution_line=None,
            null_arrow=None,
            null_label=VGroup(),
            perpendicular=VGroup(),
            column_arrows=[],
            b_arrow=None,
            column_labels=VGroup(),
            column_space=None,
            column_space_label=VGroup(),
            weighted=[],
            weighted_labels=VGroup(),
            closest_dot=None,
            closest_label=VGroup(),
            residual=VGroup(),
            box=panel_box(panel_left() - 0.2, PANEL_WIDTH + 0.2),
            system_rows=VGroup(),
            row_section=VGroup(),
            column_form=VGroup(),
            column_section=VGroup(),
        )
        picture.notes = {"rows": grid_note(row_view), "columns": grid_note(column_view)}
        self.build_row_picture(picture)
        self.build_column_picture(picture)
        self.build_panel(picture)
        return picture

    def build_row_picture(self, pic: LinearSystemPicture) -> None:
        """The equations' lines (the second dashed), their labels, the axes' names and
        the solution: a dot, or the minimum-norm solution with the null direction."""
        s, view = pic.summary, pic.row_view
        placer = LabelPlacer(plane_bounds())
        placer.avoid_point(view.origin)
        placer.avoid_axes(view.origin)
        x_dot_spot = view.c2p(s.weights)
        if s.status is not SystemStatus.NONE:
            placer.avoid_point(x_dot_spot)
        left, right, bottom, top = plane_bounds()
        names = VGroup()
        for tex, spot in (
            ("x_1", np.array([right - 0.3, view.origin[1] + 0.3, 0.0])),
            ("x_2", np.array([view.origin[0] + 0.35, top - 0.25, 0.0])),
        ):
            label = math_label(tex, PALETTE.text)
            label.move_to(spot)
            if left < label.get_left()[0] and label.get_right()[0] < right:
                if bottom < label.get_bottom()[1] and label.get_top()[1] < top:
                    names.add(label)
                    placer.boxes.append(placer.box(label, label.get_center()))
        pic.axis_labels = names
        null = s.null_space[0] if s.status is SystemStatus.INFINITELY_MANY else None
        if null is not None:
            tip = view.c2p(np.add(s.weights, null))
            placer.avoid_arrow(x_dot_spot, tip)
        for i, (row_line, colour) in enumerate(zip(s.rows, row_colours(), strict=True)):
            if row_line is None:
                pic.lines.append(None)
                continue
            centre = view.c2p(row_line.foot)
            along = view.c2p(np.add(row_line.foot, row_line.direction)) - centre
            along = along / np.linalg.norm(along)
            if i == 0:
                reach = 2 * (frame_half_width() + abs(float(centre[0])) + frame_half_height())
                line: Mobject = Line(
                    centre - reach * along, centre + reach * along, color=colour
                ).set_stroke(width=LINE_WIDTH)
            else:
                line = across_frame(centre, along, colour, LINE_WIDTH, 0.25)
            line.set_z_index(UNDER_PANEL_Z)
            pic.lines.append(line)
            label = math_label(f"({i + 1})", colour)
            spot = visible_point(view, row_line.foot, row_line.direction)
            for t in np.linspace(-3.0, 3.0, 13):
                placer.shafts.append(spot + t * along)
            if placer.place(label, spot, along, side=1 if i == 0 else -1):
                pic.line_labels.add(label)
        for line in pic.lines:  # keep the solution's labels off the lines
            if line is not None:
                start, end = line.get_start(), line.get_end()
                placer.shafts.extend(start + t * (end - start) for t in np.linspace(0, 1, 2001))
        if s.status is SystemStatus.NONE:
            return
        pic.solution_dot = Dot(x_dot_spot, radius=DOT_RADIUS, color=solution_colour())
        name = "x" if s.status is SystemStatus.UNIQUE else "x_p"
        label = math_label(name, solution_colour())
        if placer.place(label, x_dot_spot, np.array([1.0, 1.0, 0.0]), side=1):
            pic.solution_label = label
        if null is not None:
            arrow = vector_arrow(view, null, null_colour()).shift(x_dot_spot - view.origin)
            keep_wide(arrow)
            pic.null_arrow = arrow
            n_label = math_label("n", null_colour())
            if placer.place(n_label, arrow.get_end(), arrow.get_end() - arrow.get_start()):
                pic.null_label = n_label
            direction = np.array([null[0], null[1], 0.0])
            pic.solution_line = across_frame(
                x_dot_spot, direction, solution_colour(), 4 * LINE_WIDTH, 0.4
            ).set_stroke(opacity=0.45)
            pic.solution_line.set_z_index(UNDER_PANEL_Z - 1)
            perpendicular, right_angle = perpendicular_drop(view.origin, x_dot_spot, direction)
            pic.perpendicular = VGroup(*perpendicular, *right_angle)

    def build_column_picture(self, pic: LinearSystemPicture) -> None:
        """The columns a1, a2 and b as arrows, the line they span (rank 1), the weighted
        columns tip to tail and, with no solution, the closest point and the residual."""
        s, view = pic.summary, pic.column_view
        placer = LabelPlacer(plane_bounds())
        placer.avoid_point(view.origin)
        placer.avoid_axes(view.origin)

        def arrow_to(tip: Sequence[float], colour: str, start: Sequence[float] = (0.0, 0.0)):
            begin, end = view.c2p(start), view.c2p(tip)
            if np.linalg.norm(end - begin) < MIN_ARROW:
                return None
            arrow = Arrow(
                begin,
                end,
                buff=0,
                color=colour,
                stroke_width=6,
                max_tip_length_to_length_ratio=0.3,
                max_stroke_width_to_length_ratio=8,
            )
            keep_wide(arrow)
            placer.avoid_arrow(begin, end)
            return arrow

        colours = (PALETTE.i_hat, PALETTE.j_hat)
        pic.column_arrows = [arrow_to(c, col) for c, col in zip(s.columns, colours, strict=True)]
        pic.b_arrow = arrow_to(s.b, b_colour())
        a1 = np.array(s.columns[0])
        first = s.weights[0] * a1
        pic.weighted = [
            arrow_to(first, colours[0]),
            arrow_to(s.closest_point, colours[1], start=first),
        ]
        if s.rank == 1:
            # Columns, b and the weighted columns all on one line: the weighted chain is
            # drawn beside it, shifted across the line, so it hides neither.
            u = s.column_space[0]
            across = np.array([-u[1], u[0], 0.0])
            if np.dot(across, view.c2p(s.b) - view.c2p(s.closest_point)) > 0:
                across = -across  # away from b and the residual
            pic.weighted_shift = WEIGHTED_SHIFT * across
            for arrow in pic.weighted:
                if arrow is not None:
                    arrow.shift(pic.weighted_shift)
        if s.status is SystemStatus.NONE:
            p_spot, b_spot = view.c2p(s.closest_point), view.c2p(s.b)
            placer.avoid_point(p_spot)
            pic.closest_dot = Dot(p_spot, radius=DOT_RADIUS, color=closest_colour())
            if s.column_space:
                u = s.column_space[0]
                back = np.array([u[0], u[1], 0.0])
                if np.dot(back, b_spot - view.origin) > 0:
                    back = -back
            else:
                back = np.array([1.0, 0.0, 0.0])
            drop, right_angle = perpendicular_drop(b_spot, p_spot, back)
            pic.residual = VGroup(*drop, *right_angle)
            if len(drop):
                placer.avoid_arrow(p_spot, b_spot)
        if s.rank == 1:
            u = s.column_space[0]
            pic.column_space = across_frame(
                view.origin, np.array([u[0], u[1], 0.0]), PALETTE.muted, 3, 0.2
            )
            pic.column_space.set_z_index(UNDER_PANEL_Z)
        texts = (("a_1", colours[0]), ("a_2", colours[1]))
        for arrow, (tex, colour), side in zip(pic.column_arrows, texts, (-1, 1), strict=True):
            if arrow is not None:
                label = math_label(tex, colour)
                if placer.place(label, arrow.get_end(), arrow.get_end() - arrow.get_start(), side):
                    pic.column_labels.add(label)
        if pic.b_arrow is not None:
            label = math_label("b", b_colour())
            end = pic.b_arrow.get_end()
            if placer.place(label, end, end - pic.b_arrow.get_start(), side=1):
                pic.column_labels.add(label)
        if pic.column_space is not None:
            label = math_label(r"C(A)", PALETTE.muted)
            u = s.column_space[0]
            along = np.array([u[0], u[1], 0.0])
            spot = visible_point(view, (0.0, 0.0), u)
            if placer.place(label, spot, along, side=-1):
                pic.column_space_label = label
        weights = [latex_number(w) for w in s.weights]
        for arrow, tex, colour in zip(
            pic.weighted, (rf"{weights[0]}\,a_1", rf"{weights[1]}\,a_2"), colours, strict=True
        ):
            if arrow is not None:
                label = math_label(tex, colour)
                mid = (arrow.get_start() + arrow.get_end()) / 2
                if placer.place(label, mid, arrow.get_end() - arrow.get_start(), side=1):
                    pic.weighted_labels.add(label)
        if pic.closest_dot is not None:
            label = math_label("p", closest_colour())
            spot = pic.closest_dot.get_center()
            if placer.place(label, spot, view.c2p(s.b) - spot, side=1):
                pic.closest_label = label

    def build_panel(self, pic: LinearSystemPicture) -> None:
        """The system on top; then the row picture's verdict, the column form and the
        column picture's result."""
        s = pic.summary
        left = panel_left()
        top = frame_half_height() - FRAME_MARGIN - 0.1
        bottom = -frame_half_height() + FRAME_MARGIN_Y
        equations: list[Mobject] = []
        for i, (row, rhs, colour) in enumerate(zip(s.matrix, s.b, row_colours(), strict=True)):
            lines = panel_lines(equation_parts(i + 1, row, rhs, colour))
            equations.append(VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.1))
        pic.system_rows = stack(equations, top=top, left=left, gap=0.2)
        section_top = pic.system_rows.get_bottom()[1] - 0.4

        def section(rows: list[Mobject]) -> VGroup:
            for gap in (0.25, 0.12):
                stack(rows, top=section_top, left=left, gap=gap)
                if rows[-1].get_bottom()[1] >= bottom:
                    break
            return VGroup(*rows)

        zero_rows = [
            remark(
                f"equation {i + 1} holds\nfor "
                + ("every point" if format_number(rhs) == "0" else "no point")
            )
            for i, (line, rhs) in enumerate(zip(s.rows, s.b, strict=True))
            if line is None
        ]
        if s.status is SystemStatus.UNIQUE:
            verdict = [
                remark("the lines meet at one point"),
                formula(r"x = " + column_tex(s.weights), solution_colour()),
            ]
        elif s.status is SystemStatus.INFINITELY_MANY:
            n = s.null_space[0]
            verdict = [
                remark("every point of the line\nsolves both equations"),
                formula(r"x = x_p + t\,n", solution_colour()),
                formula(r"x_p = " + column_tex(s.weights), solution_colour()),
                *panel_lines(
                    [(r"n = " + column_tex(n) + ",", null_colour()), (r"A n = 0", null_colour())]
                ),
            ]
        else:
            parallel = all(r is not None for r in s.rows)
            verdict = [
                remark(
                    "the lines are parallel:\nno solution"
                    if parallel
                    else "no point satisfies both\nequations: no solution"
                )
            ]
        pic.row_section = section([*zero_rows, *verdict])
        a1, a2 = s.columns
        lines = panel_lines(
            [
                ("x_1", PALETTE.text),
                (column_tex(a1), PALETTE.i_hat),
                ("+ x_2", PALETTE.text),
                (column_tex(a2), PALETTE.j_hat),
                ("=", PALETTE.text),
                (column_tex(s.b), b_colour()),
            ]
        )
        column_form = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        pic.column_form = column_form
        stack([column_form], top=section_top, left=left)
        result_top = column_form.get_bottom()[1] - 0.35
        w1, w2 = (latex_number(w) for w in s.weights)
        if s.status is SystemStatus.NONE:
            result = [
                remark("b is off the columns' line:\nno weights reach it"),
                formula(r"\hat x = " + column_tex(s.weights), closest_colour()),
                *panel_lines(
                    [
                        (r"p = A\hat x", closest_colour()),
                        ("= " + column_tex(s.closest_point), closest_colour()),
                    ]
                ),
                formula(rf"|b - p| = {latex_number(s.residual_norm)}", PALETTE.muted),
            ]
        else:
            result = panel_lines(
                [
                    (rf"{w1}\,a_1", PALETTE.i_hat),
                    (rf"+ {w2}\,a_2", PALETTE.j_hat),
                    ("= b", b_colour()),
                ]
            )
            if s.rank == 1:
                result.append(remark("both columns and b lie\non the column space line"))
        for gap in (0.25, 0.12):
            stack(result, top=result_top, left=left, gap=gap)
            if result[-1].get_bottom()[1] >= bottom:
                break
        pic.column_section = VGroup(*result)
        # Each grid's step below its own picture's rows (left out where they fill the
        # panel: the sidecar keeps unit_length).
        for name, above in (
            ("rows", VGroup(pic.system_rows, pic.row_section)),
            ("columns", VGroup(pic.system_rows, pic.column_form, pic.column_section)),
        ):
            note = pic.notes[name]
            if len(note):
                y = above.get_bottom()[1] - 0.3
                note.move_to([left + note.width / 2, y - note.height / 2, 0])
                if note.get_bottom()[1] < bottom:
                    pic.notes[name] = VGroup()

    # -- beats --------------------------------------------------------------------

    def show_rows(self) -> None:
        # Each equation is a line: the points (x1, x2) that satisfy it.
        pic = self.picture
        s = pic.summary
        described = []
        for i, (row, rhs, line) in enumerate(zip(s.matrix, s.b, s.rows, strict=True)):
            equation = f"equation {i + 1}, {equation_text(row, rhs)},"
            if line is not None:
                described.append(f"{equation} is the line marked ({i + 1})")
            else:
                who = "every point" if format_number(rhs) == "0" else "no point"
                described.append(f"{equation} draws no line: {who} satisfies it")
        self.beat(
            "rows",
            "Row picture: each equation is the set of points (x1, x2) that satisfy it; "
            + "; ".join(described)
            + ".",
        )
        self.add(pic.row_grid, pic.box, pic.notes["rows"])
        self.play(Write(pic.system_rows), FadeIn(pic.axis_labels), run_time=1.0)
        drawn = [Create(line) for line in pic.lines if line is not None]
        if drawn:
            self.play(*drawn, FadeIn(pic.line_labels), run_time=self.params.run_time)
        self.wait(2.5)

    def show_row_solution(self) -> None:
        # A solution is a point on both lines: one point, a whole line or none.
        pic = self.picture
        s = pic.summary
        if s.status is SystemStatus.UNIQUE:
            caption = (
                f"The two lines cross at one point, x = {pair_text(s.weights)}: the only "
                "solution of both equations."
            )
        elif s.status is SystemStatus.INFINITELY_MANY:
            caption = (
                (
                    "Both equations describe the same line"
                    if all(r is not None for r in s.rows)
                    else "One equation holds for every point"
                )
                + ", so every point on the line drawn is a "
                f"solution: x = x_p + t n, where x_p = {pair_text(s.weights)} is the "
                f"solution nearest the origin and n = {pair_text(s.null_space[0])} "
                "is the null-space direction (A n = 0)."
            )
        else:
            if all(r is not None for r in s.rows):
                rounding = " to within rounding" if s.determinant != 0 else ""
                why = f"The two lines are parallel{rounding} and never meet"
            else:
                why = "No x satisfies both equations"
            caption = f"{why}: the system has no solution."
        self.beat("row_solution", caption)
        shown: list[Mobject] = [pic.row_section]
        animations = []
        if pic.solution_line is not None:
            animations.append(Create(pic.solution_line))
        if pic.solution_dot is not None:
            shown += [pic.solution_dot, pic.solution_label, pic.perpendicular]
        animations += [FadeIn(m) for m in shown]
        if pic.null_arrow is not None:
            animations += [GrowArrow(pic.null_arrow), FadeIn(pic.null_label)]
        self.play(*animations, run_time=self.params.run_time)
        self.wait(3.0)

    def show_columns(self) -> None:
        # The same system read down the columns: weights x1, x2 that combine a1, a2 into b.
        pic = self.picture
        s = pic.summary
        a1, a2 = s.columns
        self.beat(
            "columns",
            "Column picture: read down the columns, the same system asks for weights with "
            f"x1 a1 + x2 a2 = b, where a1 = {pair_text(a1)} and a2 = {pair_text(a2)} are "
            f"the columns of A and b = {pair_text(s.b)}."
            + (" Both columns lie on one line, the column space C(A)." if s.rank == 1 else ""),
        )
        row_marks = [
            pic.axis_labels,
            pic.line_labels,
            pic.row_section,
            pic.solution_label,
            pic.perpendicular,
            pic.null_label,
            pic.notes["rows"],
            *(m for m in (*pic.lines, pic.solution_dot, pic.solution_line, pic.null_arrow) if m),
        ]
        self.play(*(FadeOut(m) for m in row_marks), run_time=0.8)
        # The plane becomes b's plane: the grids swap at once (fading two full grids
        # costs more than the rest of the scene, and the marks on them are gone).
        self.remove(pic.row_grid)
        self.add(pic.column_grid, pic.notes["columns"])
        self.play(FadeIn(pic.column_form), run_time=0.8)
        arrows = [a for a in (*pic.column_arrows, pic.b_arrow) if a is not None]
        extra = []
        if pic.column_space is not None:
            extra = [Create(pic.column_space), FadeIn(pic.column_space_label)]
        self.play(
            *(GrowArrow(a) for a in arrows),
            FadeIn(pic.column_labels),
            *extra,
            run_time=self.params.run_time,
        )
        shorter_in_front(self, arrows, [])
        self.wait(3.0)

    def show_combination(self) -> None:
        # The solution's weights stretch the columns; tip to tail they end exactly at b.
        pic = self.picture
        s = pic.summary
        w1, w2 = (format_number(w) for w in s.weights)
        which = (
            "the solution's weights"
            if s.status is SystemStatus.UNIQUE
            else "the weights of x_p, the solution nearest the origin,"
        )
        self.beat(
            "combination",
            f"With {which} x1 = {w1} and x2 = {w2}: {w1} a1, then {w2} a2 from its tip, "
            f"lands exactly on b = {pair_text(s.b)}.",
        )
        self.play_weighted()
        self.play(FadeIn(pic.column_section), run_time=0.8)
        self.wait(3.0)

    def show_closest(self) -> None:
        # No weights reach b; least squares takes the closest point p, residual at 90 degrees.
        pic = self.picture
        s = pic.summary
        where = "off the line the columns span" if s.rank == 1 else "not the zero vector"
        self.beat(
            "closest",
            f"b is {where}, so no weights reach it. The closest point is p = A x̂ = "
            f"{pair_text(s.closest_point)}, with the least-squares weights x̂ = "
            f"{pair_text(s.weights)}; the residual b − p, of length "
            f"{format_number(s.residual_norm)}, is perpendicular to the columns.",
        )
        dot = [FadeIn(pic.closest_dot), FadeIn(pic.closest_label)] if pic.closest_dot else []
        self.play(*dot, Create(pic.residual), run_time=self.params.run_time)
        self.play_weighted()
        self.play(FadeIn(pic.column_section), run_time=0.8)
        self.wait(3.0)

    def play_weighted(self) -> None:
        """x1 a1 from the origin, then x2 a2 from its tip (arrows too short are skipped)."""
        pic = self.picture
        originals = [a for a in pic.column_arrows if a is not None]
        self.play(*(a.animate.set_opacity(0.35) for a in originals), run_time=0.5)
        for arrow in pic.weighted:
            if arrow is not None:
                self.play(GrowArrow(arrow), run_time=0.8)
        if pic.b_arrow is not None:
            self.bring_to_front(pic.b_arrow)  # the chain ends on b's tip: keep b visible
        self.play(FadeIn(pic.weighted_labels), run_time=0.5)

    # -- checks -------------------------------------------------------------------

    def invariants(self, beat: str) -> list[Invariant]:
        """Each drawn line's ends satisfy its equation; the drawn solution solves the
        system; the null arrow is n; the column arrows end at a1, a2 and b; the
        weighted columns end at x1 a1 and at b (or p); the residual is perpendicular."""
        pic, data = self.picture, self.data
        s = pic.summary
        scale = max(1.0, float(np.max(np.abs(data["matrix"]))), float(np.max(np.abs(data["b"]))))
        tol = 1e-6 * scale
        row_view, col_view = pic.row_view, pic.column_view
        checks: list[Invariant] = []
        if beat in ("rows", "row_solution"):
            for i, line in enumerate(pic.lines):
                if line is None:
                    continue
                row = np.array(data["matrix"][i])
                for end, point in (("start", line.get_start()), ("end", line.get_end())):
                    checks.append(
                        Invariant(
                            f"line ({i + 1}) {end} satisfies equation {i + 1}",
                            float(row @ row_view.p2c(point)),
                            data["b"][i],
                            tol * 100,  # the ends are far out; relative error stays 1e-8
                        )
                    )
        if beat == "row_solution" and pic.solution_dot is not None:
            at = row_view.p2c(pic.solution_dot.get_center())
            key = "solution" if s.status is SystemStatus.UNIQUE else "particular_solution"
            checks += [
                Invariant(f"dot at the {key}", at, data[key], tol),
                Invariant("A x = b at the dot", np.array(data["matrix"]) @ at, data["b"], tol),
            ]
            if pic.null_arrow is not None:
                start = row_view.p2c(pic.null_arrow.get_start())
                end = row_view.p2c(pic.null_arrow.get_end())
                checks += [
                    Invariant("null arrow starts at x_p", start, data["particular_solution"], tol),
                    Invariant("null arrow is n", end - start, data["null_space"][0], tol),
                ]
        if beat in ("columns", "combination", "closest"):
            for name, arrow, tip in (
                ("a1", pic.column_arrows[0], data["columns"][0]),
                ("a2", pic.column_arrows[1], data["columns"][1]),
                ("b", pic.b_arrow, data["b"]),
            ):
                if arrow is not None:
                    checks.append(
                        Invariant(
                            f"{name} arrow ends at {name}", col_view.p2c(arrow.get_end()), tip, tol
                        )
                    )
        if beat in ("combination", "closest"):
            shift = pic.weighted_shift
            first = s.weights[0] * np.array(s.columns[0])
            target = data["b"] if beat == "combination" else data["closest_point"]
            one, two = pic.weighted
            if one is not None:
                checks.append(
                    Invariant(
                        "x1 a1 arrow ends at x1 a1", col_view.p2c(one.get_end() - shift), first, tol
                    )
                )
            if two is not None:
                checks += [
                    Invariant(
                        "x2 a2 starts at x1 a1's tip",
                        col_view.p2c(two.get_start() - shift),
                        first,
                        tol,
                    ),
                    Invariant(
                        "x1 a1 + x2 a2 ends at " + ("b" if beat == "combination" else "p"),
                        col_view.p2c(two.get_end() - shift),
                        target,
                        tol,
                    ),
                ]
        if beat == "closest" and pic.closest_dot is not None:
            p = col_view.p2c(pic.closest_dot.get_center())
            checks.append(Invariant("dot at p", p, data["closest_point"], tol))
            residual = np.array(data["b"]) - p
            checks.append(
                Invariant(
                    "|b - p| = residual_norm",
                    float(np.hypot(*residual)),
                    data["residual_norm"],
                    tol,
                )
            )
            for col in data["columns"]:
                checks.append(
                    Invariant(
                        "residual perpendicular to a column",
                        float(residual @ np.array(col)),
                        0.0,
                        tol * scale,
                    )
                )
        return checks

    def colour_roles(self, beat: str) -> dict[str, str]:
        """The roles of each picture, for the colour check."""
        if beat in ("rows", "row_solution"):
            one, two = row_colours()
            roles = {"equation 1": one, "equation 2": two, "solution": solution_colour()}
            if self.picture.null_arrow is not None:
                roles["null direction"] = null_colour()
            return roles
        roles = {"a1": PALETTE.i_hat, "a2": PALETTE.j_hat, "b": b_colour()}
        if self.picture.closest_dot is not None:
            roles["closest point"] = closest_colour()
        return roles
