"""Composing two maps.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/composition.py Composition``.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
        p = self.params
        summary = linalg.summarize_composition(p.first, p.second)
        self.summary = summary
        self.data = summary.to_json()
        view = view_left_of_panel(summary.key_points(), MAX_UNIT, LABEL_ROOM)
        self.view = view
        self.data["unit_length"] = view.unit
        stage = LinearMapStage(self, view)
        self.stage = stage
        self.ghosts = VGroup()
        dets = self.data["determinants"]

        # -- The panel: A, B, then BA with its determinant, then AB and the verdict.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
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
        ).arrange(RIGHT, buff=0.3)
        panel_stack([row_a, row_b, row_ba, det_row, row_ab, verdict], left)
        self.panel_texts = VGroup(row_a, row_b, row_ba, det_row, row_ab, verdict)

        a_cols = columns(summary.first)
        b_cols = columns(summary.second)
        ba_cols = columns(summary.product)
        ab_cols = columns(summary.reverse_product)
        run_time = p.run_time

        # -- Beat 1: the basis, and the two matrices.
        self.beat(
            "basis",
            f"A is applied first: it sends e1 to {pair_text(a_cols[0])} and e2 to "
            f"{pair_text(a_cols[1])}. B is applied second: it sends e1 to {pair_text(b_cols[0])} "
            f"and e2 to {pair_text(b_cols[1])}.",
        )
        stage.show()
        self.add(box)
        self.play(Write(row_a), Write(row_b), run_time=1.2)

        # -- Beat 2: apply A.
        self.beat(
            "first",
            f"First A: i-hat lands on {pair_text(a_cols[0])} and j-hat on {pair_text(a_cols[1])}.",
        )
        self.play(
            *stage.apply(summary.first, summary.first, dets["first"]),
            run_time=run_time,
            rate_func=smooth,
        )

        # -- Beat 3: apply B to the picture A left.
        self.beat(
            "second",
            f"Then B moves the whole picture again: i-hat ends at {pair_text(ba_cols[0])} and "
            f"j-hat at {pair_text(ba_cols[1])}.",
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
            f"{pair_text(b_cols[0])} and e2 to {pair_text(b_cols[1])}.",
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
            f"Then A: i-hat ends at {pair_text(ab_cols[0])} and j-hat at {pair_text(ab_cols[1])}, "
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
                f"AB is not BA: i-hat ends at {pair_text(ab_cols[0])} instead of "
                f"{pair_text(ba_cols[0])} and j-hat at {pair_text(ab_cols[1])} instead of "
                f"{pair_text(ba_cols[1])}, so the order matters."
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
