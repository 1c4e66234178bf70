"""Composition scenes: one map after another is their product, and undoing a map.

Render one with plain Manim: ``manim -pql scenes/composition.py Composition``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ApplyMatrix,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    Matrix,
    NumberPlane,
    Polygon,
    Text,
    Transform,
    VGroup,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/composition.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlmath_viz import linalg
from mlmath_viz.formatting import format_number, latex_number
from mlmath_viz.linalg import InverseStatus
from mlmath_viz.linear_maps import parallelogram_area
from scenes.base import Invariant, MathScene
from scenes.builders import (
    PlaneView,
    grid,
    label_beside,
    math_label,
    panel_box,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.parameters.composition import CompositionParams, InverseParams
from scenes.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    HAT_SIZE,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)

#: Room left around the plotted points for the labels beside arrow tips.
LABEL_ROOM = 0.6
#: z-index of the grids, which run under the right-hand panel (z 0).
UNDER_PANEL_Z = -1
#: Largest length of one unit on screen (keeps small matrices from looking huge).
MAX_UNIT = 1.4
#: Opacity of the faded copy of the first order's result kept for comparison.
GHOST_OPACITY = 0.4
#: An inverse whose entries would have to shrink below this fraction of the body size to
#: fit the panel is shown as adj(A) / det A instead (its entries grow like 1 / det A).
SHRINK_LIMIT = 0.8

Matrix2 = Sequence[Sequence[float]]


def _pair(v: Sequence[float]) -> str:
    """A point as text, ``(1, -0.5)``."""
    return f"({format_number(v[0])}, {format_number(v[1])})"


def _columns(m: Matrix2) -> tuple[tuple[float, float], tuple[float, float]]:
    """The columns of a 2x2 matrix given as rows: the images of e1 and e2."""
    return (m[0][0], m[1][0]), (m[0][1], m[1][1])


def _entry(x: float) -> str:
    """A matrix entry: two decimals, or up to four when that shows it exactly (so
    1.0001 is not shown as 1, which would make an invertible matrix look singular)."""
    for digits in (2, 3, 4):
        text = format_number(x, digits, scientific=False)
        if float(text) == x:
            return text
    return format_number(x, scientific=False)


def _matrix_row(label_tex: str, m: Matrix2, colour_columns: bool = True) -> VGroup:
    """``label [matrix]`` for the panel, its columns in the i-hat and j-hat colours."""
    entries = [[_entry(x) for x in row] for row in m]
    matrix = Matrix(
        entries,
        element_to_mobject=lambda s: MathTex(s, font_size=BODY_SIZE),
        h_buff=0.55 + 0.16 * max(len(e) for row in entries for e in row),
        v_buff=0.55,
    )
    if colour_columns:
        columns = matrix.get_columns()
        columns[0].set_color(PALETTE.i_hat)
        columns[1].set_color(PALETTE.j_hat)
    else:
        matrix.get_entries().set_color(PALETTE.text)
    matrix.get_brackets().set_color(PALETTE.text)
    label = MathTex(label_tex or r"\,", font_size=BODY_SIZE, color=PALETTE.text)
    row = VGroup(label, matrix).arrange(RIGHT, buff=0.2)
    if row.width > PANEL_WIDTH:
        row.scale_to_fit_width(PANEL_WIDTH)
    return row


def _factor(x: float) -> str:
    """A number as a LaTeX factor: negative numbers in parentheses."""
    text = latex_number(x)
    return f"({text})" if text.startswith("-") else text


def _det_product_row(dets: dict[str, float]) -> VGroup:
    """``det BA = det B . det A = value`` with the numbers, on two lines if too wide."""
    factors = (
        rf"{_factor(dets['second'])} \cdot {_factor(dets['first'])} "
        rf"= {latex_number(dets['product'])}"
    )
    one_line = MathTex(rf"\det BA = {factors}", font_size=LABEL_SIZE, color=PALETTE.area)
    if one_line.width <= PANEL_WIDTH:
        return VGroup(one_line)
    lines = VGroup(
        MathTex(r"\det BA = \det B \cdot \det A", font_size=LABEL_SIZE, color=PALETTE.area),
        MathTex(rf"= {factors}", font_size=LABEL_SIZE, color=PALETTE.area),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    if lines.width > PANEL_WIDTH:
        lines.scale_to_fit_width(PANEL_WIDTH)
    return lines


def _touching(a: Any, b: Any, margin: float = 0.05) -> bool:
    """True when the bounding boxes of ``a`` and ``b`` come within ``margin``."""
    return bool(
        a.get_left()[0] < b.get_right()[0] + margin
        and b.get_left()[0] < a.get_right()[0] + margin
        and a.get_bottom()[1] < b.get_top()[1] + margin
        and b.get_bottom()[1] < a.get_top()[1] + margin
    )


def _panel_stack(rows: Sequence[Any], left: float, gap: float = 0.25) -> None:
    """Stack the panel's rows from the top; the gaps shrink (to 0.1) so the last row
    stays above the frame's bottom margin."""
    top = frame_half_height() - FRAME_MARGIN - 0.05
    room = top - (-frame_half_height() + FRAME_MARGIN)
    filled = sum(r.height for r in rows)
    if len(rows) > 1 and filled + gap * (len(rows) - 1) > room:
        gap = max(0.1, (room - filled) / (len(rows) - 1))
    stack(rows, top=top, left=left, gap=gap)


class _Stage:
    """The moving picture shared by both scenes: grid, unit square, basis arrows, labels."""

    def __init__(self, scene: MathScene, view: PlaneView) -> None:
        self.view = view
        self.background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        self.plane: NumberPlane = grid(view, PALETTE.grid, opacity=0.8, stroke_width=1.5)
        self.background.set_z_index(UNDER_PANEL_Z - 2)
        self.plane.set_z_index(UNDER_PANEL_Z - 1)
        self.home = self.plane.copy()
        self.square = self.unit_square()
        self.i_hat = vector_arrow(view, (1, 0), PALETTE.i_hat)
        self.j_hat = vector_arrow(view, (0, 1), PALETTE.j_hat)
        i_hat = self.i_hat
        self.i_label = math_label(r"\hat{\imath}", PALETTE.i_hat, size=HAT_SIZE)
        self.j_label = math_label(r"\hat{\jmath}", PALETTE.j_hat, size=HAT_SIZE)
        self.i_label.add_updater(lambda m: label_beside(m, i_hat, side=-1, fallback=RIGHT))
        self.j_label.add_updater(lambda m: self.place_j_label())
        label_beside(self.i_label, i_hat, side=-1, fallback=RIGHT)
        self.place_j_label()
        self.scene = scene

    def place_j_label(self) -> None:
        """Put the j-hat label beside its tip, on the side or in the direction where it
        does not touch the i-hat label (both tips can be close, e.g. when a map sends
        one basis vector to almost nothing)."""
        label, other = self.j_label, self.i_label
        label_beside(other, self.i_hat, side=-1, fallback=RIGHT)
        tip = self.j_hat.get_end()
        reach = 0.3 + 0.5 * max(label.width, label.height)
        placements = [
            lambda: label_beside(label, self.j_hat, side=+1, fallback=UP),
            lambda: label_beside(label, self.j_hat, side=-1, fallback=UP),
            *(
                (lambda d=d: label.move_to(tip + reach * d))
                for d in (UP, LEFT, DOWN, RIGHT, UP + LEFT, DOWN + LEFT)
            ),
        ]
        for place in placements:
            place()
            if not _touching(label, other):
                return
        placements[0]()

    def unit_square(self) -> Polygon:
        """The unit square, filled in the area colour."""
        return Polygon(
            *(self.view.point(p) for p in ((0, 0), (1, 0), (1, 1), (0, 1))),
            stroke_color=PALETTE.area,
            stroke_width=2,
            fill_color=PALETTE.area,
            fill_opacity=0.35,
        )

    def show(self) -> None:
        """Draw the grid, the square and the basis with its labels."""
        scene = self.scene
        scene.add(self.background)
        scene.play(Create(self.plane, lag_ratio=0.05), run_time=1.2)
        scene.play(FadeIn(self.square), GrowArrow(self.i_hat), GrowArrow(self.j_hat), run_time=1)
        scene.play(FadeIn(self.i_label), FadeIn(self.j_label), run_time=0.5)

    def apply(self, matrix: Matrix2, result: Matrix2, det: float) -> list:
        """Animations that apply ``matrix`` to the picture, whose basis then shows ``result``.

        The arrows are rebuilt at ``result``'s columns (the numbers from mlmath_viz);
        the grid and the square are mapped point by point, so their drawn positions
        are an independent check of those numbers.
        """
        m = np.array(matrix, dtype=float)
        about = {"about_point": self.view.origin}
        square_target = self.square.copy().apply_matrix(m, **about)
        colour = PALETTE.area_flipped if det < 0 else PALETTE.area
        square_target.set_fill(colour).set_stroke(colour)
        e1, e2 = _columns(result)
        return [
            ApplyMatrix(m, self.plane, **about),
            Transform(self.square, square_target),
            Transform(self.i_hat, vector_arrow(self.view, e1, PALETTE.i_hat)),
            Transform(self.j_hat, vector_arrow(self.view, e2, PALETTE.j_hat)),
        ]

    def reset(self) -> list:
        """Animations that bring the grid, square and basis back to where they started."""
        return [
            Transform(self.plane, self.home.copy()),
            Transform(self.square, self.unit_square()),
            Transform(self.i_hat, vector_arrow(self.view, (1, 0), PALETTE.i_hat)),
            Transform(self.j_hat, vector_arrow(self.view, (0, 1), PALETTE.j_hat)),
        ]

    def tips(self) -> tuple[np.ndarray, np.ndarray]:
        """Plane coordinates of the drawn basis tips."""
        return self.view.coords(self.i_hat.get_end()), self.view.coords(self.j_hat.get_end())

    def area(self) -> float:
        """Signed area of the drawn square, in plane units."""
        return parallelogram_area([self.view.coords(v) for v in self.square.get_vertices()])

    def basis_checks(self, what: str, result: Matrix2, det: float) -> list[Invariant]:
        """Basis tips at ``result``'s columns and the square's signed area at ``det``."""
        e1, e2 = _columns(result)
        tip_i, tip_j = self.tips()
        return [
            Invariant(f"i-hat tip = {what} e1", tip_i, e1),
            Invariant(f"j-hat tip = {what} e2", tip_j, e2),
            Invariant(f"square's signed area = det {what}", self.area(), det),
        ]


class Composition(MathScene):
    """Composing two maps.

    Applying A and then B moves i-hat and j-hat to the columns of the single matrix BA,
    and doing B first ends somewhere else unless the two maps commute.
    """

    params_type = CompositionParams

    def construct(self) -> None:
        p = self.params
        summary = linalg.summarize_composition(p.first, p.second)
        self.summary = summary
        self.data = summary.to_json()
        view = view_left_of_panel(summary.key_points(), MAX_UNIT, LABEL_ROOM)
        self.view = view
        self.data["unit_length"] = view.unit
        stage = _Stage(self, view)
        self.stage = stage
        self.ghosts = VGroup()
        dets = self.data["determinants"]

        # -- The panel: A, B, then BA with its determinant, then AB and the verdict.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        row_a = _matrix_row("A =", summary.first)
        row_b = _matrix_row("B =", summary.second)
        row_ba = _matrix_row("BA =", summary.product)
        det_row = _det_product_row(dets)
        row_ab = _matrix_row("AB =", summary.reverse_product)
        verdict_tex = r"AB = BA" if summary.commute else r"AB \ne BA"
        verdict_text = "they commute" if summary.commute else "order matters"
        verdict = VGroup(
            MathTex(verdict_tex, font_size=LABEL_SIZE, color=PALETTE.text),
            Text(verdict_text, font_size=TEXT_SIZE, color=PALETTE.text),
        ).arrange(RIGHT, buff=0.3)
        _panel_stack([row_a, row_b, row_ba, det_row, row_ab, verdict], left)
        self.panel_texts = VGroup(row_a, row_b, row_ba, det_row, row_ab, verdict)

        a_cols = _columns(summary.first)
        b_cols = _columns(summary.second)
        ba_cols = _columns(summary.product)
        ab_cols = _columns(summary.reverse_product)
        run_time = p.run_time

        # -- Beat 1: the basis, and the two matrices.
        self.beat(
            "basis",
            f"A is applied first: it sends e1 to {_pair(a_cols[0])} and e2 to "
            f"{_pair(a_cols[1])}. B is applied second: it sends e1 to {_pair(b_cols[0])} "
            f"and e2 to {_pair(b_cols[1])}.",
        )
        stage.show()
        self.add(box)
        self.play(Write(row_a), Write(row_b), run_time=1.2)

        # -- Beat 2: apply A.
        self.beat(
            "first",
            f"First A: i-hat lands on {_pair(a_cols[0])} and j-hat on {_pair(a_cols[1])}.",
        )
        self.play(
            *stage.apply(summary.first, summary.first, dets["first"]),
            run_time=run_time,
            rate_func=smooth,
        )

        # -- Beat 3: apply B to the picture A left.
        self.beat(
            "second",
            f"Then B moves the whole picture again: i-hat ends at {_pair(ba_cols[0])} and "
            f"j-hat at {_pair(ba_cols[1])}.",
        )
        self.play(
            *stage.apply(summary.second, summary.product, dets["product"]),
            run_time=run_time,
            rate_func=smooth,
        )

        # -- Beat 4: those tips are the columns of the one matrix BA.
        self.beat(
            "product",
            f"Those are the columns of the product BA: applying A and then B is the "
            f"single map BA, read right to left. Its determinant is det B times det A = "
            f"{format_number(dets['second'])} × {format_number(dets['first'])} = "
            f"{format_number(dets['product'])}.",
        )
        self.play(Write(row_ba), run_time=1.0)
        self.play(
            Indicate(row_ba[1].get_columns()[0], color=PALETTE.i_hat),
            Indicate(stage.i_hat, color=PALETTE.i_hat),
            run_time=0.8,
        )
        self.play(
            Indicate(row_ba[1].get_columns()[1], color=PALETTE.j_hat),
            Indicate(stage.j_hat, color=PALETTE.j_hat),
            FadeIn(det_row),
            run_time=0.8,
        )

        # -- Beat 5: the other order, B first. A faded copy keeps BA's result in view.
        ghost_square = stage.square.copy().set_fill(opacity=0.12).set_stroke(opacity=GHOST_OPACITY)
        ghost_i = vector_arrow(view, ba_cols[0], PALETTE.i_hat).set_opacity(GHOST_OPACITY)
        ghost_j = vector_arrow(view, ba_cols[1], PALETTE.j_hat).set_opacity(GHOST_OPACITY)
        self.ghosts = VGroup(ghost_i, ghost_j)
        self.beat(
            "other_first",
            f"Now the other order, from the start: first B, which sends e1 to "
            f"{_pair(b_cols[0])} and e2 to {_pair(b_cols[1])}.",
        )
        self.add(ghost_square, ghost_i, ghost_j)
        self.bring_to_front(stage.square, stage.i_hat, stage.j_hat, stage.i_label, stage.j_label)
        self.play(*stage.reset(), run_time=1.0)
        self.play(
            *stage.apply(summary.second, summary.second, dets["second"]),
            run_time=run_time,
            rate_func=smooth,
        )

        # -- Beat 6: then A: the basis ends at AB's columns.
        self.beat(
            "other_second",
            f"Then A: i-hat ends at {_pair(ab_cols[0])} and j-hat at {_pair(ab_cols[1])}, "
            f"the columns of AB.",
        )
        self.play(
            *stage.apply(summary.first, summary.reverse_product, dets["reverse_product"]),
            run_time=run_time,
            rate_func=smooth,
        )
        self.play(Write(row_ab), run_time=1.0)

        # -- Beat 7: same place or not.
        if summary.commute:
            caption = (
                "AB equals BA: the basis lands exactly on the faded result of the first "
                "order, so these two maps commute and the order does not matter."
            )
        else:
            caption = (
                f"AB is not BA: i-hat ends at {_pair(ab_cols[0])} instead of "
                f"{_pair(ba_cols[0])} and j-hat at {_pair(ab_cols[1])} instead of "
                f"{_pair(ba_cols[1])}, so the order matters."
            )
        self.beat("conclusion", caption)
        self.play(FadeIn(verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Basis tips at the columns of the matrix each stage shows (A, BA, B, AB), the
        square's signed area at its determinant, and the faded tips at BA's columns."""
        s, dets = self.summary, self.data["determinants"]
        stage = self.stage
        if beat == "first":
            return stage.basis_checks("A", s.first, dets["first"])
        if beat in ("second", "product"):
            return stage.basis_checks("BA", s.product, dets["product"])
        if beat == "other_first":
            return stage.basis_checks("B", s.second, dets["second"])
        if beat in ("other_second", "conclusion"):
            checks = stage.basis_checks("AB", s.reverse_product, dets["reverse_product"])
            ghost_i, ghost_j = self.ghosts
            checks += [
                Invariant(
                    "faded i-hat tip = BA e1",
                    self.view.coords(ghost_i.get_end()),
                    self.data["basis_images"][0],
                ),
                Invariant(
                    "faded j-hat tip = BA e2",
                    self.view.coords(ghost_j.get_end()),
                    self.data["basis_images"][1],
                ),
            ]
            return checks
        return []


def _inverse_row(summary: linalg.InverseSummary) -> VGroup:
    """``A^{-1} = [...]``; when its entries are too long for the panel (they grow like
    1 / det A), ``A^{-1} = 1/det A`` over the adjugate on the next line instead."""
    inverse = summary.inverse
    assert inverse is not None
    row = _matrix_row("A^{-1} =", inverse, colour_columns=False)
    if row[1].get_columns()[0][0].font_size >= SHRINK_LIMIT * BODY_SIZE:
        return row
    fraction = MathTex(
        rf"A^{{-1}} = \frac{{1}}{{{latex_number(summary.determinant)}}}",
        font_size=BODY_SIZE,
        color=PALETTE.text,
    )
    adj = _matrix_row("", summary.adjugate, colour_columns=False)[1]
    group = VGroup(fraction, adj).arrange(RIGHT, buff=0.15)
    if group.width > PANEL_WIDTH:
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        adj.shift(0.4 * RIGHT)
    if group.width > PANEL_WIDTH:
        group.scale_to_fit_width(PANEL_WIDTH)
    return group


def _determinant_remark(summary: linalg.InverseSummary) -> tuple[str, str]:
    """What det A says, for the panel (short lines) and for the caption."""
    det = summary.determinant
    det_text = format_number(det)
    status = summary.status
    if summary.rank == 0 and status is InverseStatus.SINGULAR:
        return (
            "the whole plane\ncollapses to a point",
            f"The determinant is {det_text}: A sends the whole plane to the origin.",
        )
    if status is InverseStatus.SINGULAR:
        return (
            "the plane collapses\nonto a line",
            f"The determinant is {det_text}: A squashes the whole plane onto a line.",
        )
    if status is InverseStatus.NUMERICALLY_SINGULAR:
        return (
            "zero to within rounding:\nthe plane collapses\nonto a line",
            f"The determinant is {det_text}, zero to within rounding: numerically, A "
            "squashes the plane onto a line.",
        )
    factor = format_number(abs(det))
    flip = ",\norientation flips" if det < 0 else ""
    return (
        f"areas scale by {factor}{flip}",
        f"The determinant is {det_text}: every area is multiplied by {factor}"
        + (" and the plane flips over." if det < 0 else "."),
    )


class Inverse(MathScene):
    """Undoing a map.

    Applying A and then its inverse returns every point, and the grid, to where it
    started; when det A = 0 the plane collapses and no map can undo it.
    """

    params_type = InverseParams

    def construct(self) -> None:
        p = self.params
        summary = linalg.summarize_inverse(p.matrix)
        self.summary = summary
        self.data = summary.to_json()
        view = view_left_of_panel(summary.key_points(), MAX_UNIT, LABEL_ROOM)
        self.view = view
        self.data["unit_length"] = view.unit
        stage = _Stage(self, view)
        self.stage = stage
        run_time = p.run_time
        a_cols = _columns(summary.matrix)

        # -- The panel.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        row_a = _matrix_row("A =", summary.matrix)
        remark_text, remark_caption = _determinant_remark(summary)
        det_block = VGroup(
            MathTex(
                rf"\det A = {latex_number(summary.determinant)}",
                font_size=BODY_SIZE,
                color=PALETTE.area,
            ),
            Text(remark_text, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        rows = [row_a, det_block]

        # The two points with one image, drawn only when A is singular.
        self.points = VGroup()
        if summary.collapsing_pair is not None:
            (px, py), (qx, qy) = summary.collapsing_pair
            dot_p = Dot(view.point((px, py)), radius=0.07, color=PALETTE.accent)
            dot_q = Dot(view.point((qx, qy)), radius=0.07, color=PALETTE.accent)
            segment = DashedLine(
                view.point((px, py)),
                view.point((qx, qy)),
                color=PALETTE.accent,
                stroke_width=3,
                dash_length=0.1,
            )
            label_p = math_label("p", PALETTE.accent)
            label_q = math_label("q", PALETTE.accent)
            for label, dot, (x, y) in ((label_p, dot_p, (px, py)), (label_q, dot_q, (qx, qy))):
                outward = np.array([x, y, 0.0]) / max(np.hypot(x, y), 1e-9)
                label.move_to(dot.get_center() + 0.32 * outward)
            self.points = VGroup(dot_p, dot_q)
            point_labels = VGroup(label_p, label_q)
            cond_text = (
                "p and q land on the\nsame point, so no map\ncan send it back to\n"
                "both: A has no inverse"
            )
            explain = Text(cond_text, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)
            rank_row = MathTex(
                rf"\operatorname{{rank}} A = {summary.rank}",
                font_size=LABEL_SIZE,
                color=PALETTE.text,
            )
            rows += [rank_row, explain]
        else:
            row_inv = _inverse_row(summary)
            check_row = MathTex(r"A^{-1} A = I", font_size=BODY_SIZE, color=PALETTE.text)
            rows += [row_inv]
            if summary.status is InverseStatus.ILL_CONDITIONED:
                cond = format_number(summary.condition_number, digits=0)
                warn = Text(
                    f"ill-conditioned: the\ninverse magnifies small\nerrors up to {cond} times",
                    font_size=TEXT_SIZE,
                    color=PALETTE.muted,
                    line_spacing=0.8,
                )
                rows.append(warn)
            rows.append(check_row)
        _panel_stack(rows, left, gap=0.32)
        self.panel_texts = VGroup(*rows)

        # -- Beat 1: the basis and the matrix.
        self.beat(
            "basis",
            f"A sends e1 to {_pair(a_cols[0])} and e2 to {_pair(a_cols[1])}."
            + (
                f" Watch two different points, p = {_pair(summary.collapsing_pair[0])} and "
                f"q = {_pair(summary.collapsing_pair[1])}."
                if summary.collapsing_pair is not None
                else ""
            ),
        )
        stage.show()
        self.add(box)
        self.play(Write(row_a), run_time=1.0)
        if summary.collapsing_pair is not None:
            self.play(Create(segment), FadeIn(self.points), FadeIn(point_labels), run_time=0.8)

        # -- Beat 2: apply A.
        self.beat("apply", f"Apply A. {remark_caption}")
        moves = []
        if summary.collapsing_pair is not None and summary.collapsed_image is not None:
            target = view.point(summary.collapsed_image)
            about = {"about_point": view.origin}
            moves = [
                dot_p.animate.move_to(target),
                dot_q.animate.move_to(target),
                ApplyMatrix(np.array(summary.matrix), segment, **about),
                FadeOut(point_labels),
            ]
        self.play(
            *stage.apply(summary.matrix, summary.matrix, summary.determinant),
            *moves,
            run_time=run_time,
            rate_func=smooth,
        )
        self.play(FadeIn(det_block), run_time=0.8)

        if summary.inverse is None:
            # -- Beat 3: why nothing undoes a collapse.
            image = summary.collapsed_image
            assert image is not None
            self.beat(
                "no_inverse",
                f"p and q both land on {_pair(image)}. A map sends each point to one "
                "point, so no map can send it back to both p and q: A has no inverse.",
            )
            shown = [FadeIn(rows[2]), FadeIn(rows[3]), Indicate(self.points)]
            image_label = self._image_label(image)
            if image_label is not None:
                shown.append(FadeIn(image_label))
            self.play(*shown, run_time=1.2)
            self.wait(1.5)
            return

        # -- Beat 3: the inverse matrix.
        inv_cols = _columns(summary.inverse)
        self.beat(
            "inverse",
            f"The inverse A^-1 sends e1 to {_pair(inv_cols[0])} and e2 to "
            f"{_pair(inv_cols[1])}: it is adj(A) divided by det A = "
            f"{format_number(summary.determinant)}."
            + (
                f" Its condition number is {format_number(summary.condition_number, 0)}: "
                "small errors in A are magnified that much in A^-1."
                if summary.status is InverseStatus.ILL_CONDITIONED
                else ""
            ),
        )
        self.play(FadeIn(VGroup(*rows[2:-1])), run_time=1.0)

        # -- Beat 4: apply A^-1 after A: everything returns.
        self.beat(
            "undo",
            "Applying A^-1 after A puts every point back: i-hat returns to (1, 0), j-hat "
            "to (0, 1) and the square to area 1, because A^-1 A = I.",
        )
        roundtrip = summary.roundtrip
        assert roundtrip is not None
        self.play(
            *stage.apply(summary.inverse, roundtrip, 1.0),
            run_time=run_time,
            rate_func=smooth,
        )
        self.play(FadeIn(rows[-1]), run_time=0.8)
        self.wait(1.5)

    def _image_label(self, image: Sequence[float]) -> MathTex | None:
        """``Ap = Aq`` beside the shared image, on the side facing the plane's middle,
        or None where it would touch a basis label, an arrow tip or the frame's edge."""
        view, stage = self.view, self.stage
        label = math_label("Ap = Aq", PALETTE.accent)
        spot = view.point(image)
        along = spot - view.origin
        length = float(np.linalg.norm(along))
        along = along / length if length > 1e-6 else RIGHT
        normal = np.array([-along[1], along[0], 0.0])
        middle = np.array([(-frame_half_width() + panel_left()) / 2, 0.0, 0.0])
        if np.dot(normal, middle - spot) < 0:
            normal = -normal
        label.move_to(spot + normal * (0.3 + 0.5 * max(label.width, label.height)))
        margin = 0.08

        def box(m: Any) -> tuple[float, float, float, float]:
            return (m.get_left()[0], m.get_right()[0], m.get_bottom()[1], m.get_top()[1])

        left, right, bottom, top = box(label)
        if left < -frame_half_width() + FRAME_MARGIN or right > panel_left() - margin:
            return None
        if bottom < -frame_half_height() + FRAME_MARGIN or top > frame_half_height() - FRAME_MARGIN:
            return None
        for other in (stage.i_label, stage.j_label):
            ol, o_r, ob, ot = box(other)
            if (
                left < o_r + margin
                and ol < right + margin
                and bottom < ot + margin
                and (ob < top + margin)
            ):
                return None
        for tip in (stage.i_hat.get_end(), stage.j_hat.get_end(), spot):
            if left - margin < tip[0] < right + margin and bottom - margin < tip[1] < top + margin:
                return None
        self.image_label = label
        return label

    def invariants(self, beat: str) -> list[Invariant]:
        """After A: tips at A's columns, area det A (and, if singular, p and q on one
        image). After A^-1: tips back at e1 and e2 and the square's area back to 1."""
        s = self.summary
        stage = self.stage
        if beat in ("apply", "inverse", "no_inverse"):
            checks = stage.basis_checks("A", s.matrix, s.determinant)
            for name, dot in zip(("p", "q"), self.points, strict=False):
                checks.append(
                    Invariant(
                        f"A {name} = the shared image",
                        self.view.coords(dot.get_center()),
                        self.data["collapsed_image"],
                    )
                )
            return checks
        if beat == "undo":
            tip_i, tip_j = stage.tips()
            return [
                Invariant("i-hat back at e1", tip_i, [1.0, 0.0]),
                Invariant("j-hat back at e2", tip_j, [0.0, 1.0]),
                Invariant("square's signed area back to 1", stage.area(), 1.0),
            ]
        return []
