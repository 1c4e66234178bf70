"""Eigenvectors: the directions a matrix only stretches.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/eigenvectors.py Eigenvectors``.
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
    UP,
    ApplyMatrix,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    GrowArrow,
    Indicate,
    MathTex,
    Text,
    Transform,
    VGroup,
    Write,
    smooth,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/linear_algebra/eigenvectors.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import eigen
from mlmath_viz.linear_maps import EigenStructure
from scenes.kit.builders import (
    grid,
    panel_box,
    stack,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.numbers import format_number, latex_complex, latex_number
from scenes.kit.panel import fit_panel
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    panel_left,
)
from scenes.linear_algebra.eigen_common import (
    _cross,
    _eigen_line,
    _line_direction,
    eigen_row,
)
from scenes.linear_algebra.params import EigenvectorsParams

#: Largest unit in the Eigenvectors scene: its ring of unit arrows needs room.
RING_MAX_UNIT = 2.0


def _ring_arrow(view: Coords, tip_xy: Sequence[float], color: Any) -> Arrow:
    """A thinner arrow than :func:`~scenes.builders.vector_arrow`, with a smaller head, so
    a ring of them does not crowd at the circle; its tip ends exactly at ``tip_xy``."""
    return Arrow(
        view.origin,
        view.c2p(tip_xy),
        buff=0,
        color=color,
        stroke_width=4,
        tip_length=0.22,
        max_tip_length_to_length_ratio=0.25,
        max_stroke_width_to_length_ratio=8,
    )


def _vec_tex(v: Sequence[float]) -> str:
    return rf"\begin{{pmatrix}} {latex_number(v[0])} \\ {latex_number(v[1])} \end{{pmatrix}}"


def _eigen_story(s: eigen.EigenvectorsSummary) -> tuple[list[tuple[str, str]], str, str, str]:
    """Eigen rows (LaTeX, colour), the panel's case remark, the eigen caption and the
    caption of the transformation."""
    kind = s.structure
    if kind is EigenStructure.COMPLEX:
        z = s.eigenvalues[1]
        imag = latex_complex(0.0, abs(z.imag))
        real = latex_number(z.real)
        value = rf"\pm {imag}" if real == "0" else rf"{real} \pm {imag}"
        words = f"{format_number(z.real)} ± {format_number(abs(z.imag))}i"
        return (
            [(rf"\lambda = {value}", PALETTE.text)],
            "complex eigenvalues:\nno real eigen-direction,\nevery arrow turns",
            f"The eigenvalues are complex ({words}): no direction is kept, "
            "so no arrow is highlighted.",
            "Applying A turns every arrow off its own line: with complex eigenvalues "
            "there is no real eigen-direction.",
        )
    if kind is EigenStructure.SCALAR:
        lam = s.pairs[0].value
        text = format_number(lam)
        if eigen.is_zero_eigenvalue(lam, s.matrix):
            remark = "A = 0: every arrow\ncollapses to the origin"
            effect = "Applying A sends every arrow to the origin: the zero eigenvalue kills all."
        elif lam < 0:
            remark = f"A = {text} I: every arrow\nis an eigenvector and\nflips through 0"
            effect = (
                f"Applying A scales every arrow by {text}: each flips through the origin "
                "and stays on its own line."
            )
        else:
            remark = f"A = {text} I: every\ndirection is an\neigen-direction"
            effect = f"Applying A scales every arrow by {text} and keeps it on its own line."
        return (
            [(rf"\lambda = {latex_number(lam)}\ (\text{{twice}})", PALETTE.eigen[0])],
            remark,
            f"A is {text} times the identity: every vector is an eigenvector with "
            f"eigenvalue {text}, so every arrow is highlighted.",
            effect,
        )
    if kind is EigenStructure.DEFECTIVE:
        (pair,) = s.pairs
        text = format_number(pair.value)
        zero = " and shrink to the origin" if s.zero_eigenvalue else ""
        return (
            [
                (
                    rf"\lambda = {latex_number(pair.value)}\ (\text{{twice}}),\ "
                    rf"v = {_vec_tex(pair.vector)}",
                    PALETTE.eigen[0],
                )
            ],
            (
                "repeated eigenvalue 0,\nonly one eigen-direction;\nits arrows collapse to 0"
                if s.zero_eigenvalue
                else "repeated eigenvalue,\nonly one eigen-direction\n(a shear)"
            ),
            f"The eigenvalue {text} is repeated but has only one eigen-direction, "
            f"({format_number(pair.vector[0])}, {format_number(pair.vector[1])}): a shear.",
            f"Applying A: only the arrows on the one eigen-line stay on it, scaled by "
            f"{text}{zero}; every other arrow shears off its line.",
        )
    rows = [
        (
            rf"\lambda_{k + 1} = {latex_number(p.value)},\ v_{k + 1} = {_vec_tex(p.vector)}",
            PALETTE.eigen[k],
        )
        for k, p in enumerate(s.pairs)
    ]
    notes = []
    extra = []
    for p in s.pairs:
        if eigen.is_zero_eigenvalue(p.value, s.matrix):
            notes.append("λ = 0: that line\ncollapses to the origin")
            extra.append(" The arrows on the eigenvalue-0 line collapse to the origin.")
        elif p.value < 0:
            notes.append(f"λ = {format_number(p.value)} < 0: those\narrows flip through 0")
            extra.append(
                f" The arrows on the eigenvalue {format_number(p.value)} line flip "
                "through the origin."
            )
    l1, l2 = (format_number(p.value) for p in s.pairs)
    remark = "\n".join(["two eigen-directions", *notes])
    return (
        rows,
        remark,
        f"Two eigen-directions, with eigenvalues {l1} and {l2}; the arrows on them "
        "are highlighted.",
        f"Applying A: the arrows on the eigen-lines stay on them, scaled by {l1} and {l2}; "
        "every other arrow turns off its line." + "".join(extra),
    )


class Eigenvectors(MathScene):
    """Eigenvectors: the directions a matrix only stretches.

    A ring of unit vectors is transformed by a 2x2 matrix: the arrows on eigen-directions
    stay on their own line, stretched by their eigenvalue, while every other arrow turns.
    """

    params_type = EigenvectorsParams

    def construct(self) -> None:
        a = np.array(self.params.matrix, dtype=float)
        s = eigen.summarize_eigenvectors(a, self.params.arrows)
        self.summary = s
        self.data = s.to_json()
        self.view = view = view_left_of_panel(s.key_points(), RING_MAX_UNIT, 0.35)
        self.data["unit_length"] = view.unit
        origin = view.origin

        # -- Mobjects: a faint grid, the unit circle, the ring, the eigen-lines.
        background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        circle = Circle(radius=view.unit, color=PALETTE.muted, stroke_width=2).move_to(origin)
        ring = VGroup(*(_ring_arrow(view, u, PALETTE.muted) for u in s.ring))
        self.ring = ring
        eigen_lines = VGroup()
        if s.structure in (EigenStructure.DISTINCT, EigenStructure.DEFECTIVE):
            for p, colour in zip(s.pairs, PALETTE.eigen, strict=False):
                eigen_lines.add(_eigen_line(view, p.vector, colour))
        self.eigen_lines = eigen_lines

        # -- The panel: the matrix, the eigenvalues, the case, the conclusion.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        matrix_row = eigen_row("A", s.matrix, (PALETTE.i_hat, PALETTE.j_hat), BODY_SIZE)
        rows, remark, eigen_caption, transform_caption = _eigen_story(s)
        eigen_rows = VGroup(
            *(fit_panel(MathTex(t, font_size=LABEL_SIZE, color=c)) for t, c in rows)
        )
        eigen_rows.add(
            fit_panel(Text(remark, font_size=TEXT_SIZE, color=PALETTE.muted, line_spacing=0.8))
        )
        eigen_rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        conclusion = fit_panel(
            Text(_conclusion_text(s), font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)
        )
        stack(
            [matrix_row, eigen_rows, conclusion],
            top=frame_half_height() - FRAME_MARGIN - 0.1,
            left=left,
            gap=0.4,
        )
        background.set_z_index(UNDER_PANEL_Z - 2)
        eigen_lines.set_z_index(UNDER_PANEL_Z)

        # -- Beat 1: the ring of unit vectors.
        n = len(s.ring)
        self.beat(
            "ring",
            f"{n} unit vectors around the circle: A will act on all of them at once.",
        )
        self.add(background)
        self.play(Create(circle), run_time=0.8)
        self.play(*(GrowArrow(arrow) for arrow in ring), run_time=1.0)
        self.add(box)
        self.play(Write(matrix_row), run_time=1.0)

        # -- Beat 2: which arrows lie on eigen-directions.
        self.beat("eigen", eigen_caption)
        highlighted = [
            (arrow, PALETTE.eigen[lab])
            for arrow, lab in zip(ring, s.ring_eigen, strict=True)
            if lab >= 0
        ]
        self.play(
            *(Create(line) for line in eigen_lines),
            *(arrow.animate.set_color(colour) for arrow, colour in highlighted),
            FadeIn(eigen_rows),
            run_time=1.2,
        )
        for arrow, _ in highlighted:
            arrow.set_z_index(1)  # eigen arrows above the ordinary ones

        # -- Beat 3: apply A to every arrow at once.
        self.beat("transform", transform_caption)
        ghost = ring.copy().set_opacity(0.22).set_z_index(UNDER_PANEL_Z)
        self.add(ghost)
        targets = VGroup()
        for arrow, image in zip(ring, s.ring_images, strict=True):
            target = _ring_arrow(view, image, arrow.get_color())
            target.set_z_index(arrow.z_index)
            targets.add(target)
        self.play(
            Transform(ring, targets),
            ApplyMatrix(a, circle, about_point=origin),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        extra = []
        if s.zero_eigenvalue:
            extra.append(FadeIn(Dot(origin, radius=0.06, color=PALETTE.eigen[0])))

        # -- Beat 4: what stayed on its line.
        self.beat("conclusion", _conclusion_caption(s))
        eigen_arrows = [arrow for arrow, lab in zip(ring, s.ring_eigen, strict=True) if lab >= 0]
        self.play(
            FadeIn(conclusion, shift=0.2 * UP),
            *(Indicate(arrow, scale_factor=1.1) for arrow in eigen_arrows[:8]),
            *extra,
            run_time=1.2,
        )
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Ring tips on the unit circle before the map and at A u after it; eigen arrows
        at lambda v on their own span; eigen-lines along the eigenvectors."""
        view = self.view
        tips = [view.p2c(arrow.get_end()) for arrow in self.ring]
        checks = [
            Invariant(
                "eigen-line parallel to its eigenvector",
                _cross(_line_direction(view, line), vector),
                0.0,
            )
            for line, vector in zip(self.eigen_lines, self.data["eigenvectors"], strict=False)
        ]
        if beat in ("ring", "eigen"):
            checks.append(Invariant("ring tips on the unit circle", tips, self.data["ring"]))
            return checks
        checks.append(Invariant("ring tips at A u", tips, self.data["ring_images"]))
        pairs = self.data["eigen_pairs"]
        for k, (tip, u, lab) in enumerate(
            zip(tips, self.data["ring"], self.data["ring_eigen"], strict=True)
        ):
            if lab < 0:
                continue
            lam = pairs[lab]["eigenvalue"]
            checks.append(
                Invariant(f"eigen arrow {k} tip = {lam:g} u", tip, [lam * u[0], lam * u[1]])
            )
            checks.append(
                Invariant(
                    f"eigen arrow {k} on its span",
                    float(tip[0] * u[1] - tip[1] * u[0]),
                    0.0,
                )
            )
        return checks


def _conclusion_text(s: eigen.EigenvectorsSummary) -> str:
    """The panel's last lines: which arrows kept their line."""
    if s.structure is EigenStructure.COMPLEX:
        return "no arrow keeps\nits direction"
    if s.structure is EigenStructure.SCALAR:
        if s.zero_eigenvalue:
            return "every arrow ends\nat the origin"
        return "every arrow: tip at λv,\non its own line"
    return "eigen arrows: tip at λv,\non their own line;\nthe others turn"


def _conclusion_caption(s: eigen.EigenvectorsSummary) -> str:
    """The caption of the last beat: which arrows kept their line, with the numbers."""
    if s.structure is EigenStructure.COMPLEX:
        z = s.eigenvalues[1]
        return (
            f"No arrow kept its direction: with eigenvalues {format_number(z.real)} ± "
            f"{format_number(abs(z.imag))}i the map turns every vector."
        )
    if s.structure is EigenStructure.SCALAR:
        lam = format_number(s.pairs[0].value)
        return f"Every arrow ended at {lam} times itself: every vector is an eigenvector."
    if s.structure is EigenStructure.DEFECTIVE:
        lam = format_number(s.pairs[0].value)
        return (
            f"Only the arrows on one line ended at {lam} times themselves: a repeated "
            "eigenvalue with a single eigenvector."
        )
    l1, l2 = (format_number(p.value) for p in s.pairs)
    return (
        f"The highlighted arrows ended at {l1} and {l2} times themselves, on their own "
        "lines: they are the eigenvectors."
    )
