"""Undoing a map.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/inverse.py Inverse``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    ApplyMatrix,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    MathTex,
    Mobject,
    Text,
    VGroup,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/inverse.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import linalg
from mlmath_viz.linalg import InverseStatus
from mlmath_viz.linear_maps import unit_square_image
from scenes.kit.builders import (
    math_label,
    panel_box,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.marks import keep_wide
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import fit_panel, matrix_entry, panel_stack
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.stage import (
    LABEL_ROOM,
    MAX_UNIT,
    LinearMapStage,
    basis_row,
    columns,
    pair_text,
)
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import InverseParams

#: An inverse whose entries would have to shrink below this fraction of the body size to
#: fit the panel is shown as adj(A) / det A instead (its entries grow like 1 / det A).
SHRINK_LIMIT = 0.9  # 32.4 of 36: the -1 of A^{-1} stays 12 px tall (the standard)


def _inverse_row(summary: linalg.InverseSummary) -> VGroup:
    """``A^{-1} = [...]``; when its entries are too long for the panel (they grow like
    1 / det A), ``A^{-1} = 1/det A`` over the adjugate on the next line instead."""
    inverse = summary.inverse
    assert inverse is not None
    row = basis_row("A^{-1} =", inverse, colour_columns=False)
    if row[1].get_columns()[0][0].font_size >= SHRINK_LIMIT * BODY_SIZE:
        return row
    fraction = MathTex(
        r"A^{-1} = \frac{1}{\det A}",  # det A is the panel's row above: shorter, unshrunk
        font_size=BODY_SIZE,
        color=PALETTE.text,
    )
    adj = basis_row("", summary.adjugate, colour_columns=False)[1]
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
        f"areas scale by |det A|{flip}",
        f"The determinant is {det_text}: every area is multiplied by {factor}"
        + (" and the plane flips over." if det < 0 else "."),
    )


def remark_rows(text: str) -> list[Mobject]:
    """The remark's rows: words in Text; a line holding ``|det A|`` in MathTex (its
    ``\text`` words and the symbol), so no math is set in the text font."""
    rows: list[Mobject] = []
    for line in text.split("\n"):
        if "|det A|" in line:
            words = line.replace("|det A|", "").rstrip()
            tail = "," if words.endswith(",") else ""
            words = words.rstrip(",").rstrip()
            rows.append(
                MathTex(
                    rf"\text{{{words} }} |\det A|{tail}", font_size=LABEL_SIZE, color=PALETTE.text
                )
            )
        else:
            rows.append(Text(line, font_size=TEXT_SIZE, color=PALETTE.text))
    return rows


#: How many rounded entries the panel writes out in full (the rest are summed up).
MAX_ROUNDED_ROWS = 2


def rounded_entry_rows(summary: linalg.InverseSummary) -> list[Mobject]:
    """For a numerically singular A only: the entries that A's row shows rounded,
    written as the shown value plus what the rounding hid (``a_{22} = 1 + 1.0 x
    10^{-12}``), so the matrix beside a non-zero det A does not look exactly singular."""
    if summary.status is not InverseStatus.NUMERICALLY_SINGULAR:
        return []
    rows: list[Mobject] = []
    hidden = 0
    for i, row in enumerate(summary.matrix):
        for j, x in enumerate(row):
            shown = float(matrix_entry(x))  # what basis_row writes
            rest = float(x) - shown
            if rest == 0.0:
                continue
            if len(rows) >= MAX_ROUNDED_ROWS:
                hidden += 1
                continue
            sign = "-" if rest < 0 else "+"
            rows.append(
                MathTex(
                    rf"a_{{{i + 1}{j + 1}}} = {latex_number(shown)} {sign} "
                    rf"{latex_number(abs(rest))}",
                    font_size=LABEL_SIZE,
                    color=PALETTE.muted,
                )
            )
    if rows:
        rows.insert(0, Text("entries shown rounded:", font_size=TEXT_SIZE, color=PALETTE.muted))
    if hidden:
        rows.append(Text(f"and {hidden} more", font_size=TEXT_SIZE, color=PALETTE.muted))
    for row in rows:
        fit_panel(row)
    return rows


def key_points(summary: linalg.InverseSummary) -> np.ndarray:
    """Points the picture must keep in view: the unit square, its image under A and, for
    a singular A, the two points with one image. Layout, so it lives with the scene
    rather than in mlmath_viz."""
    pts = [unit_square_image(np.eye(2)), unit_square_image(summary.matrix)]
    if summary.collapsing_pair is not None and summary.collapsed_image is not None:
        pts.append(np.array([*summary.collapsing_pair, summary.collapsed_image]))
    return np.concatenate(pts)


@dataclass
class InversePicture:
    """What Inverse draws, for its beats, invariants and tests."""

    summary: linalg.InverseSummary
    view: Coords
    stage: LinearMapStage
    box: VGroup
    row_a: VGroup
    det_block: VGroup
    remark_caption: str
    rows: list[Any]  # the panel, top to bottom
    points: VGroup  # p and q (empty unless A is singular)
    segment: DashedLine | None = None
    point_labels: VGroup | None = None
    image_label: MathTex | None = None


class Inverse(MathScene):
    """Undoing a map.

    Applying A and then its inverse returns every point, and the grid, to where it
    started; when det A = 0 the plane collapses and no map can undo it.
    """

    params_type = InverseParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_basis()  # the map, as where it sends e1 and e2 (and, if singular, p and q)
        self.apply_map()  # A moves the plane; det A says what happened to areas
        if self.picture.summary.inverse is None:
            self.show_no_inverse()  # p and q share an image, so nothing undoes A
            return
        self.show_inverse()  # A^-1 is adj(A) / det A
        self.undo()  # A^-1 after A puts every point back

    def build_picture(self) -> InversePicture:
        """The numbers from mlmath_viz, the view that fits every stage, the stage and the
        panel rows (placed, not yet shown)."""
        summary = linalg.summarize_inverse(self.params.matrix)
        self.data = summary.to_json()
        view = view_left_of_panel(key_points(summary), MAX_UNIT, LABEL_ROOM)
        self.data["unit_length"] = view.unit
        stage = LinearMapStage(self, view)
        keep_wide(stage.i_hat, stage.j_hat)
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        row_a = basis_row("A =", summary.matrix)
        remark_text, remark_caption = _determinant_remark(summary)
        det_block = VGroup(
            MathTex(
                rf"\det A = {latex_number(summary.determinant)}",
                font_size=BODY_SIZE,
                color=PALETTE.area,
            ),
            *remark_rows(remark_text),
            *rounded_entry_rows(summary),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        picture = InversePicture(
            summary,
            view,
            stage,
            box,
            row_a,
            det_block,
            remark_caption,
            [row_a, det_block],
            VGroup(),
        )
        if summary.collapsing_pair is not None:
            self.build_collapse(picture)
        else:
            self.build_inverse_rows(picture)
        panel_stack(picture.rows, left, gap=0.32)
        return picture

    def build_collapse(self, picture: InversePicture) -> None:
        """The two points with one image, drawn only when A is singular, and the panel's
        rank row and explanation."""
        summary, view = picture.summary, picture.view
        assert summary.collapsing_pair is not None
        (px, py), (qx, qy) = summary.collapsing_pair
        dot_p = Dot(view.c2p((px, py)), radius=0.07, color=PALETTE.accent)
        dot_q = Dot(view.c2p((qx, qy)), radius=0.07, color=PALETTE.accent)
        picture.segment = DashedLine(
            view.c2p((px, py)),
            view.c2p((qx, qy)),
            color=PALETTE.accent,
            stroke_width=LINE_WIDTH,
            dash_length=0.1,
        )
        label_p = math_label("p", PALETTE.accent)
        label_q = math_label("q", PALETTE.accent)
        for label, dot, (x, y) in ((label_p, dot_p, (px, py)), (label_q, dot_q, (qx, qy))):
            outward = np.array([x, y, 0.0]) / max(np.hypot(x, y), 1e-9)
            label.move_to(dot.get_center() + 0.32 * outward)
        picture.points = VGroup(dot_p, dot_q)
        picture.point_labels = VGroup(label_p, label_q)
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
        picture.rows += [rank_row, explain]

    def build_inverse_rows(self, picture: InversePicture) -> None:
        """The panel's A^-1 row, the ill-conditioning warning if any, and A^-1 A = I."""
        summary = picture.summary
        row_inv = _inverse_row(summary)
        check_row = MathTex(r"A^{-1} A = I", font_size=BODY_SIZE, color=PALETTE.text)
        picture.rows += [row_inv]
        if summary.status is InverseStatus.ILL_CONDITIONED:
            cond = format_number(summary.condition_number, digits=0)
            warn = Text(
                f"ill-conditioned: the\ninverse magnifies small\nerrors up to {cond} times",
                font_size=TEXT_SIZE,
                color=PALETTE.muted,
                line_spacing=0.8,
            )
            picture.rows.append(warn)
        picture.rows.append(check_row)

    def show_basis(self) -> None:
        # Where A sends e1 and e2; if A is singular, two different points p and q.
        pic = self.picture
        summary = pic.summary
        a_cols = columns(summary.matrix)
        self.beat(
            "basis",
            f"A sends e1 to {pair_text(a_cols[0])} and e2 to {pair_text(a_cols[1])}."
            + (
                f" Watch two different points, p = {pair_text(summary.collapsing_pair[0])} and "
                f"q = {pair_text(summary.collapsing_pair[1])}."
                if summary.collapsing_pair is not None
                else ""
            ),
        )
        pic.stage.show()
        self.add(pic.box)
        self.play(Write(pic.row_a), run_time=1.0)
        if summary.collapsing_pair is not None:
            assert pic.segment is not None and pic.point_labels is not None
            self.play(
                Create(pic.segment), FadeIn(pic.points), FadeIn(pic.point_labels), run_time=0.8
            )

    def apply_map(self) -> None:
        # A moves the whole plane; det A says how areas change (or that the plane collapses).
        pic = self.picture
        summary, view = pic.summary, pic.view
        self.beat("apply", f"Apply A. {pic.remark_caption}")
        moves = []
        if summary.collapsing_pair is not None and summary.collapsed_image is not None:
            assert pic.segment is not None and pic.point_labels is not None
            dot_p, dot_q = pic.points
            target = view.c2p(summary.collapsed_image)
            about = {"about_point": view.origin}
            moves = [
                dot_p.animate.move_to(target),
                dot_q.animate.move_to(target),
                ApplyMatrix(np.array(summary.matrix), pic.segment, **about),
                FadeOut(pic.point_labels),
            ]
        self.play(
            *pic.stage.apply(summary.matrix, summary.matrix, summary.determinant),
            *moves,
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        keep_wide(pic.stage.i_hat, pic.stage.j_hat)
        self.play(FadeIn(pic.det_block), run_time=0.8)

    def show_no_inverse(self) -> None:
        # A map sends each point to one point, so nothing sends A p = A q back to both.
        pic = self.picture
        image = pic.summary.collapsed_image
        assert image is not None
        self.beat(
            "no_inverse",
            f"p and q both land on {pair_text(image)}. A map sends each point to one "
            "point, so no map can send it back to both p and q: A has no inverse.",
        )
        shown = [FadeIn(pic.rows[2]), FadeIn(pic.rows[3]), Indicate(pic.points)]
        image_label = self._image_label(image)
        if image_label is not None:
            shown.append(FadeIn(image_label))
        self.play(*shown, run_time=1.2)
        self.wait(1.5)

    def show_inverse(self) -> None:
        # The inverse matrix: adj(A) / det A, and how much it magnifies errors.
        pic = self.picture
        summary = pic.summary
        assert summary.inverse is not None
        inv_cols = columns(summary.inverse)
        self.beat(
            "inverse",
            f"The inverse A^-1 sends e1 to {pair_text(inv_cols[0])} and e2 to "
            f"{pair_text(inv_cols[1])}: it is adj(A) divided by det A = "
            f"{format_number(summary.determinant)}."
            + (
                f" Its condition number is {format_number(summary.condition_number, 0)}: "
                "small errors in A are magnified that much in A^-1."
                if summary.status is InverseStatus.ILL_CONDITIONED
                else ""
            ),
        )
        self.play(FadeIn(VGroup(*pic.rows[2:-1])), run_time=1.0)

    def undo(self) -> None:
        # Applying A^-1 after A returns everything: A^-1 A = I.
        pic = self.picture
        summary = pic.summary
        self.beat(
            "undo",
            "Applying A^-1 after A puts every point back: i-hat returns to (1, 0), j-hat "
            "to (0, 1) and the square to area 1, because A^-1 A = I.",
        )
        roundtrip = summary.roundtrip
        assert roundtrip is not None and summary.inverse is not None
        self.play(
            *pic.stage.apply(summary.inverse, roundtrip, 1.0),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        keep_wide(pic.stage.i_hat, pic.stage.j_hat)
        self.play(FadeIn(pic.rows[-1]), run_time=0.8)
        self.wait(1.5)

    def _image_label(self, image: Sequence[float]) -> MathTex | None:
        """``Ap = Aq`` beside the shared image, on the side facing the plane's middle,
        or None where it would touch a basis label, an arrow tip or the frame's edge."""
        view, stage = self.picture.view, self.picture.stage
        label = math_label("Ap = Aq", PALETTE.accent)
        spot = view.c2p(image)
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
        self.picture.image_label = label
        return label

    def invariants(self, beat: str) -> list[Invariant]:
        """Before A, if singular: p and q drawn where they are. After A: tips at A's
        columns, area det A (and, if singular, p and q on one image). After A^-1: tips
        back at e1 and e2 and the square's area back to 1."""
        pic = self.picture
        s, stage = pic.summary, pic.stage
        if beat == "basis":
            pair = self.data["collapsing_pair"] or []
            return [
                Invariant(f"{name} drawn at {name}", pic.view.p2c(dot.get_center()), point)
                for name, dot, point in zip(("p", "q"), pic.points, pair, strict=False)
            ]
        if beat in ("apply", "inverse", "no_inverse"):
            checks = stage.basis_checks("A", s.matrix, s.determinant)
            for name, dot in zip(("p", "q"), pic.points, strict=False):
                checks.append(
                    Invariant(
                        f"A {name} = the shared image",
                        pic.view.p2c(dot.get_center()),
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
