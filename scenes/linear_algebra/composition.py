"""Composing two maps.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/composition.py Composition``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    Indicate,
    MathTex,
    Text,
    VGroup,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/composition.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import linalg
from scenes.kit.builders import (
    panel_box,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import panel_stack
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
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    panel_left,
)
from scenes.linear_algebra.params import CompositionParams

#: Opacity of the faded copy of the first order's result kept for comparison.
GHOST_OPACITY = 0.4


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


class Composition(MathScene):
    """Composing two maps.

    Applying A and then B moves i-hat and j-hat to the columns of the single matrix BA,
    and doing B first ends somewhere else unless the two maps commute.
    """

    params_type = CompositionParams

    def construct(self) -> None:
        self.set_up()
        self.show_basis()  # the two maps, as where they send e1 and e2
        self.apply_first()  # A moves the basis to A's columns
        self.apply_second()  # B moves A's picture: the tips land on BA's columns
        self.name_product()  # those tips are the columns of the one matrix BA
        self.other_order_first()  # from the start, B first (BA's result stays faded)
        self.other_order_second()  # then A: the basis ends at AB's columns
        self.conclude()  # AB and BA land on the same place or not

    def set_up(self) -> None:
        """The numbers from mlmath_viz, the view that fits every stage, the stage and the
        panel rows (placed, not yet shown)."""
        p = self.params
        summary = linalg.summarize_composition(p.first, p.second)
        self.summary = summary
        self.data = summary.to_json()
        view = view_left_of_panel(summary.key_points(), MAX_UNIT, LABEL_ROOM)
        self.view = view
        self.data["unit_length"] = view.unit
        self.stage = LinearMapStage(self, view)
        self.ghosts = VGroup()
        self.dets = self.data["determinants"]
        left = panel_left()
        self.box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        self.row_a = basis_row("A =", summary.first)
        self.row_b = basis_row("B =", summary.second)
        self.row_ba = basis_row("BA =", summary.product)
        self.det_row = _det_product_row(self.dets)
        self.row_ab = basis_row("AB =", summary.reverse_product)
        verdict_tex = r"AB = BA" if summary.commute else r"AB \ne BA"
        verdict_text = "they commute" if summary.commute else "order matters"
        self.verdict = VGroup(
            MathTex(verdict_tex, font_size=LABEL_SIZE, color=PALETTE.text),
            Text(verdict_text, font_size=TEXT_SIZE, color=PALETTE.text),
        ).arrange(RIGHT, buff=0.3)
        rows = [self.row_a, self.row_b, self.row_ba, self.det_row, self.row_ab, self.verdict]
        panel_stack(rows, left)
        self.panel_texts = VGroup(*rows)
        self.a_cols = columns(summary.first)
        self.b_cols = columns(summary.second)
        self.ba_cols = columns(summary.product)
        self.ab_cols = columns(summary.reverse_product)

    def _apply(self, matrix: Any, result: Any, det: float) -> None:
        """Play the stage's map by ``matrix``, its basis ending at ``result``'s columns."""
        self.play(
            *self.stage.apply(matrix, result, det),
            run_time=self.params.run_time,
            rate_func=smooth,
        )

    def show_basis(self) -> None:
        a_cols, b_cols = self.a_cols, self.b_cols
        self.beat(
            "basis",
            f"A is applied first: it sends e1 to {pair_text(a_cols[0])} and e2 to "
            f"{pair_text(a_cols[1])}. B is applied second: it sends e1 to {pair_text(b_cols[0])} "
            f"and e2 to {pair_text(b_cols[1])}.",
        )
        self.stage.show()
        self.add(self.box)
        self.play(Write(self.row_a), Write(self.row_b), run_time=1.2)

    def apply_first(self) -> None:
        a_cols = self.a_cols
        self.beat(
            "first",
            f"First A: i-hat lands on {pair_text(a_cols[0])} and j-hat on {pair_text(a_cols[1])}.",
        )
        self._apply(self.summary.first, self.summary.first, self.dets["first"])

    def apply_second(self) -> None:
        ba_cols = self.ba_cols
        self.beat(
            "second",
            f"Then B moves the whole picture again: i-hat ends at {pair_text(ba_cols[0])} and "
            f"j-hat at {pair_text(ba_cols[1])}.",
        )
        self._apply(self.summary.second, self.summary.product, self.dets["product"])

    def name_product(self) -> None:
        dets, stage, row_ba = self.dets, self.stage, self.row_ba
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
            FadeIn(self.det_row),
            run_time=0.8,
        )

    def other_order_first(self) -> None:
        stage, view, ba_cols, b_cols = self.stage, self.view, self.ba_cols, self.b_cols
        ghost_square = stage.square.copy().set_fill(opacity=0.12).set_stroke(opacity=GHOST_OPACITY)
        ghost_i = vector_arrow(view, ba_cols[0], PALETTE.i_hat).set_opacity(GHOST_OPACITY)
        ghost_j = vector_arrow(view, ba_cols[1], PALETTE.j_hat).set_opacity(GHOST_OPACITY)
        self.ghosts = VGroup(ghost_i, ghost_j)
        self.beat(
            "other_first",
            f"Now the other order, from the start: first B, which sends e1 to "
            f"{pair_text(b_cols[0])} and e2 to {pair_text(b_cols[1])}.",
        )
        self.add(ghost_square, ghost_i, ghost_j)
        self.bring_to_front(stage.square, stage.i_hat, stage.j_hat, stage.i_label, stage.j_label)
        self.play(*stage.reset(), run_time=1.0)
        self._apply(self.summary.second, self.summary.second, self.dets["second"])

    def other_order_second(self) -> None:
        ab_cols = self.ab_cols
        self.beat(
            "other_second",
            f"Then A: i-hat ends at {pair_text(ab_cols[0])} and j-hat at {pair_text(ab_cols[1])}, "
            f"the columns of AB.",
        )
        self._apply(self.summary.first, self.summary.reverse_product, self.dets["reverse_product"])
        self.play(Write(self.row_ab), run_time=1.0)

    def conclude(self) -> None:
        ab_cols, ba_cols = self.ab_cols, self.ba_cols
        if self.summary.commute:
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
        self.play(FadeIn(self.verdict, shift=0.2 * UP), run_time=1.0)
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
                    self.view.p2c(ghost_i.get_end()),
                    self.data["basis_images"][0],
                ),
                Invariant(
                    "faded j-hat tip = BA e2",
                    self.view.p2c(ghost_j.get_end()),
                    self.data["basis_images"][1],
                ),
            ]
            return checks
        return []
