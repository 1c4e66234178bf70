"""Composing two maps.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/composition.py Composition``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Dot,
    FadeIn,
    Indicate,
    MathTex,
    Mobject,
    Text,
    VGroup,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/composition.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import linalg
from mlmath_viz.linear_maps import unit_square_image
from scenes.kit.builders import (
    math_label,
    panel_box,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.marks import keep_wide
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import panel_stack, touching
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
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import CompositionParams

#: Opacity of the faded copy of the first order's result kept for comparison.
GHOST_OPACITY = 0.4


def ghost_colour() -> str:
    """The colour of BA's faded parallelogram and its label: not the area colour that
    the live square (then AB's) is drawn in, so the two read as two things."""
    return PALETTE.series[5]


def parallelogram_label(
    tex: str, colour: str, view: Coords, columns_: Any, avoid: list[Mobject]
) -> Mobject:
    """``tex`` just past the far corner (the image of (1, 1)) of the parallelogram on
    ``columns_``, away from the origin; an empty group where it would touch one of
    ``avoid`` or leave the plane's region."""
    (a, b), (c, d) = columns_
    corner = np.array([a + c, b + d])
    label = math_label(tex, colour, size=LABEL_SIZE)
    spot = view.c2p(corner)
    out = spot - view.origin
    length = float(np.hypot(out[0], out[1]))
    if length < 1e-6:  # the whole square collapsed to the origin
        return VGroup()
    out = out / length
    if abs(a * d - b * c) <= 1e-9 * max(1.0, a * a + b * b + c * c + d * d):
        # a flattened square is a segment on a line through the origin: beside the
        # line, not along it (there it would sit on the basis arrows)
        out = np.array([-out[1], out[0], 0.0])
    label.move_to(spot + out * (0.25 + 0.5 * max(label.width, label.height)))
    inside = (
        label.get_left()[0] > -frame_half_width() + FRAME_MARGIN
        and label.get_right()[0] < panel_left() - 0.25
        and label.get_bottom()[1] > -frame_half_height() + FRAME_MARGIN_Y
        and label.get_top()[1] < frame_half_height() - FRAME_MARGIN_Y
    )
    if not inside or any(touching(label, m, margin=0.08) for m in avoid if len(m.get_family())):
        return VGroup()
    return label


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
    f2, f1 = _factor(dets["second"]), _factor(dets["first"])
    short = VGroup(
        MathTex(rf"\det BA = {f2} \cdot {f1}", font_size=LABEL_SIZE, color=PALETTE.area),
        MathTex(rf"= {latex_number(dets['product'])}", font_size=LABEL_SIZE, color=PALETTE.area),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    if lines.width > PANEL_WIDTH and short.width <= PANEL_WIDTH:
        return short  # two lines, without the rule's own line (the panel is full)
    if lines.width > PANEL_WIDTH:  # long factors (1e-256): the product on its own line
        lines = VGroup(
            lines[0],
            MathTex(
                rf"= {_factor(dets['second'])} \cdot {_factor(dets['first'])}",
                font_size=LABEL_SIZE,
                color=PALETTE.area,
            ),
            MathTex(
                rf"= {latex_number(dets['product'])}", font_size=LABEL_SIZE, color=PALETTE.area
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    if lines.width > PANEL_WIDTH:
        lines.scale_to_fit_width(PANEL_WIDTH)
    return lines


def key_points(summary: linalg.CompositionSummary) -> np.ndarray:
    """Points the picture must keep in view: the unit square and its image after every
    stage, A, BA, B and AB (basis tips are corners of those images). Layout, so it lives
    with the scene rather than in mlmath_viz."""
    stages = (summary.first, summary.product, summary.second, summary.reverse_product)
    pts = [unit_square_image(np.eye(2)), *(unit_square_image(m) for m in stages)]
    return np.concatenate(pts)


@dataclass
class CompositionPicture:
    """What Composition draws, for its beats, invariants and tests."""

    summary: linalg.CompositionSummary
    view: Coords
    stage: LinearMapStage
    dets: dict[str, float]  # det A, det B, det BA, det AB (the sidecar's determinants)
    box: Mobject
    row_a: VGroup
    row_b: VGroup
    row_ba: VGroup
    det_row: VGroup
    row_ab: VGroup
    verdict: VGroup
    rows: VGroup  # the panel, top to bottom
    ghosts: VGroup  # faded i-hat and j-hat at BA's columns, kept while AB plays
    a_cols: tuple[tuple[float, float], tuple[float, float]]
    b_cols: tuple[tuple[float, float], tuple[float, float]]
    ba_cols: tuple[tuple[float, float], tuple[float, float]]
    ab_cols: tuple[tuple[float, float], tuple[float, float]]
    # "BA" past the far corner of BA's faded parallelogram, "AB" past AB's
    ghost_label: Mobject = field(default_factory=VGroup)
    live_label: Mobject = field(default_factory=VGroup)


class Composition(MathScene):
    """Composing two maps.

    Applying A and then B moves i-hat and j-hat to the columns of the single matrix BA,
    and doing B first ends somewhere else unless the two maps commute.
    """

    params_type = CompositionParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_basis()  # the two maps, as where they send e1 and e2
        self.apply_first()  # A moves the basis to A's columns
        self.apply_second()  # B moves A's picture: the tips land on BA's columns
        self.name_product()  # those tips are the columns of the one matrix BA
        self.other_order_first()  # from the start, B first (BA's result stays faded)
        self.other_order_second()  # then A: the basis ends at AB's columns
        self.conclude()  # AB and BA land on the same place or not

    def build_picture(self) -> CompositionPicture:
        """The numbers from mlmath_viz, the view that fits every stage, the stage, the
        faded copy of BA's basis and the panel rows (placed, not yet shown)."""
        p = self.params
        summary = linalg.summarize_composition(p.first, p.second)
        self.data = summary.to_json()
        view = view_left_of_panel(key_points(summary), MAX_UNIT, LABEL_ROOM)
        self.data["unit_length"] = view.unit
        dets = self.data["determinants"]
        left = panel_left()
        row_a = basis_row("A =", summary.first)
        row_b = basis_row("B =", summary.second)
        row_ba = basis_row("BA =", summary.product)
        det_row = _det_product_row(dets)
        row_ab = basis_row("AB =", summary.reverse_product)
        verdict_tex = r"AB = BA" if summary.commute else r"AB \ne BA"
        verdict_text = "they commute" if summary.commute else "order matters"
        verdict = VGroup(
            MathTex(verdict_tex, font_size=LABEL_SIZE, color=PALETTE.text),
            Text(verdict_text, font_size=TEXT_SIZE, color=PALETTE.text),
        ).arrange(RIGHT, buff=0.2)
        if verdict.width > PANEL_WIDTH:  # the safe area ends at the panel's width
            verdict.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        rows = [row_a, row_b, row_ba, det_row, row_ab, verdict]
        panel_stack(rows, left)
        bottom = -frame_half_height() + FRAME_MARGIN_Y
        if rows[-1].get_bottom()[1] < bottom:  # very long entries: closer rows than 0.1
            top = rows[0].get_top()[1]
            gap = (top - bottom - sum(r.height for r in rows)) / (len(rows) - 1)
            stack(rows, top=top, left=left, gap=max(0.03, gap - 0.01))
        ba_cols = columns(summary.product)
        ghosts = VGroup(
            *(
                vector_arrow(view, col, colour).set_opacity(GHOST_OPACITY)
                for col, colour in zip(ba_cols, (PALETTE.i_hat, PALETTE.j_hat), strict=True)
            )
        )
        keep_wide(*ghosts)
        stage = LinearMapStage(self, view)
        keep_wide(stage.i_hat, stage.j_hat)
        return CompositionPicture(
            summary=summary,
            view=view,
            stage=stage,
            dets=dets,
            box=panel_box(left - 0.2, PANEL_WIDTH + 0.2),
            row_a=row_a,
            row_b=row_b,
            row_ba=row_ba,
            det_row=det_row,
            row_ab=row_ab,
            verdict=verdict,
            rows=VGroup(*rows),
            ghosts=ghosts,
            a_cols=columns(summary.first),
            b_cols=columns(summary.second),
            ba_cols=ba_cols,
            ab_cols=columns(summary.reverse_product),
        )

    def _apply(self, matrix: Any, result: Any, det: float) -> None:
        """Play the stage's map by ``matrix``, its basis ending at ``result``'s columns."""
        stage = self.picture.stage
        self.play(
            *stage.apply(matrix, result, det), run_time=self.params.run_time, rate_func=smooth
        )
        keep_wide(stage.i_hat, stage.j_hat)

    def show_basis(self) -> None:
        # The two maps, as where they send e1 and e2.
        pic = self.picture
        a_cols, b_cols = pic.a_cols, pic.b_cols
        self.beat(
            "basis",
            f"A is applied first: it sends e1 to {pair_text(a_cols[0])} and e2 to "
            f"{pair_text(a_cols[1])}. B is applied second: it sends e1 to {pair_text(b_cols[0])} "
            f"and e2 to {pair_text(b_cols[1])}.",
        )
        pic.stage.show()
        self.add(pic.box)
        self.play(Write(pic.row_a), Write(pic.row_b), run_time=1.2)

    def apply_first(self) -> None:
        # A moves the basis to A's columns.
        pic = self.picture
        a_cols = pic.a_cols
        self.beat(
            "first",
            f"First A: i-hat lands on {pair_text(a_cols[0])} and j-hat on {pair_text(a_cols[1])}.",
        )
        self._apply(pic.summary.first, pic.summary.first, pic.dets["first"])

    def apply_second(self) -> None:
        # B moves A's picture: the tips land on BA's columns.
        pic = self.picture
        ba_cols = pic.ba_cols
        self.beat(
            "second",
            f"Then B moves the whole picture again: i-hat ends at {pair_text(ba_cols[0])} and "
            f"j-hat at {pair_text(ba_cols[1])}.",
        )
        self._apply(pic.summary.second, pic.summary.product, pic.dets["product"])

    def name_product(self) -> None:
        # Those tips are the columns of the one matrix BA, and det BA = det B det A.
        pic = self.picture
        dets, stage, row_ba = pic.dets, pic.stage, pic.row_ba
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
            FadeIn(pic.det_row),
            run_time=0.8,
        )

    def other_order_first(self) -> None:
        # From the start, B first; BA's result stays faded for comparison.
        pic = self.picture
        stage, b_cols = pic.stage, pic.b_cols
        ghost_square = (
            stage.square.copy()
            .set_fill(ghost_colour(), opacity=0.15)
            .set_stroke(ghost_colour(), width=3, opacity=0.8)
        )
        self.beat(
            "other_first",
            f"Now the other order, from the start: first B, which sends e1 to "
            f"{pair_text(b_cols[0])} and e2 to {pair_text(b_cols[1])}.",
        )
        self.add(ghost_square, *pic.ghosts)
        tips = [VGroup(Dot(a.get_end(), radius=0.15)) for a in (stage.i_hat, stage.j_hat)]
        pic.ghost_label = parallelogram_label(
            "BA", ghost_colour(), pic.view, pic.ba_cols, [stage.i_label, stage.j_label, *tips]
        )
        self.add(pic.ghost_label)
        self.bring_to_front(stage.square, stage.i_hat, stage.j_hat, stage.i_label, stage.j_label)
        self.play(*stage.reset(), run_time=1.0)
        keep_wide(stage.i_hat, stage.j_hat)
        self._apply(pic.summary.second, pic.summary.second, pic.dets["second"])

    def other_order_second(self) -> None:
        # Then A: the basis ends at AB's columns.
        pic = self.picture
        ab_cols = pic.ab_cols
        self.beat(
            "other_second",
            f"Then A: i-hat ends at {pair_text(ab_cols[0])} and j-hat at {pair_text(ab_cols[1])}, "
            f"the columns of AB.",
        )
        self._apply(pic.summary.first, pic.summary.reverse_product, pic.dets["reverse_product"])
        stage = pic.stage
        if pic.summary.commute:
            pic.live_label = VGroup()  # it lands on BA's, which is labelled
        else:
            tips = [VGroup(Dot(a.get_end(), radius=0.15)) for a in (stage.i_hat, stage.j_hat)]
            tips += [VGroup(Dot(a.get_end(), radius=0.15)) for a in pic.ghosts]
            pic.live_label = parallelogram_label(
                "AB",
                PALETTE.area,
                pic.view,
                pic.ab_cols,
                [stage.i_label, stage.j_label, pic.ghost_label, *tips],
            )
        self.play(Write(pic.row_ab), FadeIn(pic.live_label), run_time=1.0)

    def conclude(self) -> None:
        # AB and BA land on the same place (they commute) or not (order matters).
        pic = self.picture
        ab_cols, ba_cols = pic.ab_cols, pic.ba_cols
        if pic.summary.commute:
            caption = (
                "AB equals BA: the basis lands exactly on the faded result of the first "
                "order, so these two maps commute and the order does not matter."
            )
        else:
            caption = (
                f"AB is not BA: i-hat ends at {pair_text(ab_cols[0])} instead of "
                f"{pair_text(ba_cols[0])} and j-hat at {pair_text(ab_cols[1])} instead of "
                f"{pair_text(ba_cols[1])}, so the order matters."
            )
        self.beat("conclusion", caption)
        self.play(FadeIn(pic.verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Basis tips at the columns of the matrix each stage shows (A, BA, B, AB), the
        square's signed area at its determinant, and the faded tips at BA's columns."""
        pic = self.picture
        s, dets, stage = pic.summary, self.data["determinants"], pic.stage
        if beat == "first":
            return stage.basis_checks("A", s.first, dets["first"])
        if beat in ("second", "product"):
            return stage.basis_checks("BA", s.product, dets["product"])
        if beat == "other_first":
            return stage.basis_checks("B", s.second, dets["second"])
        if beat in ("other_second", "conclusion"):
            checks = stage.basis_checks("AB", s.reverse_product, dets["reverse_product"])
            ghost_i, ghost_j = pic.ghosts
            checks += [
                Invariant(
                    "faded i-hat tip = BA e1",
                    pic.view.p2c(ghost_i.get_end()),
                    self.data["basis_images"][0],
                ),
                Invariant(
                    "faded j-hat tip = BA e2",
                    pic.view.p2c(ghost_j.get_end()),
                    self.data["basis_images"][1],
                ),
            ]
            return checks
        return []
