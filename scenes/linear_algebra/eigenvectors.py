"""Eigenvectors: the directions a matrix only stretches.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/eigenvectors.py Eigenvectors``.
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
    UP,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    GrowArrow,
    Indicate,
    MathTex,
    Mobject,
    Text,
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
    panel_box,
    stack,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.numbers import format_number, latex_complex, latex_number
from scenes.kit.panel import fit_panel
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.stage import (
    LinearMapStage,
    cross,
    eigen_lines,
    equation_row,
    line_direction,
)
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
from scenes.linear_algebra.params import EigenvectorsParams

#: Largest unit in the Eigenvectors scene: its ring of unit arrows needs room.
RING_MAX_UNIT = 2.0

#: Room left around the plotted points (the ring's arrows carry no labels).
RING_ROOM = 0.35

#: Stroke width of the dashed eigen-lines: 2.4 px at 480p (the standard's 2 px and more).
EIGEN_LINE_WIDTH = 4


def key_points(s: eigen.EigenvectorsSummary) -> np.ndarray:
    """Points the picture must keep in view (layout, so it lives with the scene): the
    ring, its images and the bounding box of the ellipse A makes of the unit circle,
    |x| <= |a_1.|, |y| <= |a_2.| (the rows' lengths)."""
    a = np.array(s.matrix)
    rx, ry = (float(np.linalg.norm(row)) for row in a)
    box = [[rx, 0.0], [-rx, 0.0], [0.0, ry], [0.0, -ry], [0.0, 0.0]]
    return np.array([*s.ring, *s.ring_images, *box], dtype=np.float64)


def _ring_arrow(view: Coords, tip_xy: Sequence[float], color: Any) -> Arrow:
    """A thinner arrow than :func:`~scenes.kit.builders.vector_arrow`, with a smaller head,
    so a ring of them does not crowd at the circle; its tip ends exactly at ``tip_xy``."""
    return Arrow(
        view.origin,
        view.c2p(tip_xy),
        buff=0,
        color=color,
        stroke_width=4,
        tip_length=0.22,
        max_tip_length_to_length_ratio=0.25,
        # the shaft keeps its width however short the arrow (at 8, arrows under 0.5
        # units, e.g. scaled by a small eigenvalue, were drawn under 2 px)
        max_stroke_width_to_length_ratio=1e6,
    )


def _eigen_row(tex: str, colour: str) -> Mobject:
    r"""An eigen row at LABEL_SIZE: on one line when it fits the panel, else split at
    its ``,\ `` (the eigenvalue over its eigenvector), never shrunk below the size."""
    row = MathTex(tex, font_size=LABEL_SIZE, color=colour)
    if row.width <= PANEL_WIDTH or r",\ " not in tex:
        return fit_panel(row)
    head, tail = tex.split(r",\ ", 1)
    parts = VGroup(
        MathTex(head + ",", font_size=LABEL_SIZE, color=colour),
        MathTex(tail, font_size=LABEL_SIZE, color=colour),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    parts[1].shift(0.3 * RIGHT)
    return parts


def _vec_tex(v: Sequence[float]) -> str:
    return rf"\begin{{pmatrix}} {latex_number(v[0])} \\ {latex_number(v[1])} \end{{pmatrix}}"


#: The panel's case remark: rows, each ``("math", tex)`` (set in MathTex) or
#: ``("text", words)`` (words only, in Text).
Remark = list[tuple[str, str]]

#: What the panel and captions say: eigen rows (LaTeX, colour), the panel's case remark,
#: the eigen caption and the caption of the transformation.
Story = tuple[list[tuple[str, str]], Remark, str, str]


def _eigen_story(s: eigen.EigenvectorsSummary) -> Story:
    """The :data:`Story` of ``s``'s kind of eigen-structure."""
    tell = {
        EigenStructure.COMPLEX: _complex_story,
        EigenStructure.SCALAR: _scalar_story,
        EigenStructure.DEFECTIVE: _defective_story,
    }.get(s.structure, _distinct_story)
    return tell(s)


def _complex_story(s: eigen.EigenvectorsSummary) -> Story:
    """Complex eigenvalues: no real eigen-direction."""
    z = s.eigenvalues[1]
    imag = latex_complex(0.0, abs(z.imag))
    real = latex_number(z.real)
    value = rf"\pm {imag}" if real == "0" else rf"{real} \pm {imag}"
    words = f"{format_number(z.real)} ± {format_number(abs(z.imag))}i"
    return (
        [(rf"\lambda = {value}", PALETTE.text)],
        [("text", "complex eigenvalues:\nno real eigen-direction,\nevery arrow turns")],
        f"The eigenvalues are complex ({words}): no direction is kept, so no arrow is highlighted.",
        "Applying A turns every arrow off its own line: with complex eigenvalues "
        "there is no real eigen-direction.",
    )


def _scalar_story(s: eigen.EigenvectorsSummary) -> Story:
    """A scalar matrix: every direction is an eigen-direction."""
    lam = s.pairs[0].value
    text = format_number(lam)
    remark: Remark
    if eigen.is_zero_eigenvalue(lam, s.matrix):
        remark = [("math", "A = 0:"), ("text", "every arrow collapses\nto the origin")]
        effect = "Applying A sends every arrow to the origin: the zero eigenvalue kills all."
    elif lam < 0:
        remark = [
            ("math", rf"A = {latex_number(lam)}\,I:"),
            ("text", "every arrow is an\neigenvector and\nflips through 0"),
        ]
        effect = (
            f"Applying A scales every arrow by {text}: each flips through the origin "
            "and stays on its own line."
        )
    else:
        remark = [
            ("math", rf"A = {latex_number(lam)}\,I:"),
            ("text", "every direction is\nan eigen-direction"),
        ]
        effect = f"Applying A scales every arrow by {text} and keeps it on its own line."
    return (
        [(rf"\lambda = {latex_number(lam)}\ (\text{{twice}})", PALETTE.eigen[0])],
        remark,
        f"A is {text} times the identity: every vector is an eigenvector with "
        f"eigenvalue {text}, so every arrow is highlighted.",
        effect,
    )


def _defective_story(s: eigen.EigenvectorsSummary) -> Story:
    """A repeated eigenvalue with one eigen-direction (a shear)."""
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
        [
            (
                "text",
                "repeated eigenvalue 0,\nonly one eigen-direction;\nits arrows collapse to 0"
                if s.zero_eigenvalue
                else "repeated eigenvalue,\nonly one eigen-direction\n(a shear)",
            )
        ],
        f"The eigenvalue {text} is repeated but has only one eigen-direction, "
        f"({format_number(pair.vector[0])}, {format_number(pair.vector[1])}): a shear.",
        f"Applying A: only the arrows on the one eigen-line stay on it, scaled by "
        f"{text}{zero}; every other arrow shears off its line.",
    )


def _distinct_story(s: eigen.EigenvectorsSummary) -> Story:
    """Two real eigen-directions, with notes on zero and negative eigenvalues."""
    rows = [
        (
            rf"\lambda_{k + 1} = {latex_number(p.value)},\ v_{k + 1} = {_vec_tex(p.vector)}",
            PALETTE.eigen[k],
        )
        for k, p in enumerate(s.pairs)
    ]
    # No "two eigen-directions" line: the two rows above say it, and a lone line of
    # words at the plane's mid-height read as a label of the x-axis.
    notes: Remark = []
    extra = []
    for p in s.pairs:
        if eigen.is_zero_eigenvalue(p.value, s.matrix):
            notes += [("math", r"\lambda = 0:"), ("text", "that line collapses\nto the origin")]
            extra.append(" The arrows on the eigenvalue-0 line collapse to the origin.")
        elif p.value < 0:
            notes += [
                ("math", rf"\lambda = {latex_number(p.value)} < 0:"),
                ("text", "those arrows flip\nthrough the origin"),
            ]
            extra.append(
                f" The arrows on the eigenvalue {format_number(p.value)} line flip "
                "through the origin."
            )
    l1, l2 = (format_number(p.value) for p in s.pairs)
    return (
        rows,
        notes,
        f"Two eigen-directions, with eigenvalues {l1} and {l2}; the arrows on them "
        "are highlighted.",
        f"Applying A: the arrows on the eigen-lines stay on them, scaled by {l1} and {l2}; "
        "every other arrow turns off its line." + "".join(extra),
    )


@dataclass
class EigenvectorsPicture:
    """What Eigenvectors draws, for its beats, invariants and tests."""

    summary: eigen.EigenvectorsSummary
    a: np.ndarray  # the matrix A
    view: Coords
    stage: LinearMapStage  # the background grid; its vectors: the ring of unit arrows
    circle: Circle
    eigen_lines: VGroup  # one per real eigen-direction
    box: Mobject
    matrix_row: VGroup
    eigen_rows: VGroup
    eigen_caption: str
    transform_caption: str
    conclusion: Mobject
    origin_dot: Dot  # marks the arrows A sends to the origin

    @property
    def ring(self) -> VGroup:
        """The ring of unit arrows (A moves each to A u)."""
        return self.stage.vectors

    def eigen_arrows(self) -> list[tuple[Mobject, str]]:
        """The ring arrows on an eigen-direction, with that direction's colour."""
        labels = self.summary.ring_eigen
        return [
            (arrow, PALETTE.eigen[lab])
            for arrow, lab in zip(self.ring, labels, strict=True)
            if lab >= 0
        ]


class Eigenvectors(MathScene):
    """Eigenvectors: the directions a matrix only stretches.

    A ring of unit vectors is transformed by a 2x2 matrix: the arrows on eigen-directions
    stay on their own line, stretched by their eigenvalue, while every other arrow turns.
    """

    params_type = EigenvectorsParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_ring()  # unit vectors all around the circle, and the matrix A
        self.show_eigen()  # the arrows that lie on eigen-directions
        self.transform()  # A moves every arrow at once; the circle becomes an ellipse
        self.conclude()  # the eigen arrows stayed on their lines, scaled by lambda

    def build_picture(self) -> EigenvectorsPicture:
        """The numbers from mlmath_viz, the view, the stage (background grid and ring),
        the unit circle, the eigen-lines and the panel (placed, not yet shown)."""
        a = np.array(self.params.matrix, dtype=float)
        s = eigen.summarize_eigenvectors(a, self.params.arrows)
        self.data = s.to_json()
        view = view_left_of_panel(key_points(s), RING_MAX_UNIT, RING_ROOM)
        self.data["unit_length"] = view.unit
        stage = LinearMapStage(self, view, plane=False, square=False, basis=False)
        circle = Circle(radius=view.unit, color=PALETTE.muted, stroke_width=2)
        circle.move_to(view.origin)
        stage.carry(circle)
        for u in s.ring:
            stage.add_vector(u, PALETTE.muted, make=_ring_arrow)
        real = s.structure in (EigenStructure.DISTINCT, EigenStructure.DEFECTIVE)
        lines = eigen_lines(view, [p.vector for p in s.pairs]) if real else VGroup()
        lines.set_stroke(width=EIGEN_LINE_WIDTH)
        # The panel: the matrix, the eigenvalues, the case, the conclusion.
        left = panel_left()
        matrix_row = equation_row("A", s.matrix, (PALETTE.i_hat, PALETTE.j_hat), BODY_SIZE)
        rows, remark, eigen_caption, transform_caption = _eigen_story(s)
        eigen_rows = VGroup(*(_eigen_row(t, c) for t, c in rows))
        for kind, content in remark:
            if kind == "math":
                eigen_rows.add(MathTex(content, font_size=LABEL_SIZE, color=PALETTE.muted))
            else:
                eigen_rows.add(
                    Text(content, font_size=TEXT_SIZE, color=PALETTE.muted, line_spacing=0.8)
                )
        eigen_rows.arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        conclusion = fit_panel(
            Text(_conclusion_text(s), font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)
        )
        stack(
            [matrix_row, eigen_rows, conclusion],
            top=frame_half_height() - FRAME_MARGIN - 0.1,
            left=left,
            gap=0.3,
        )
        return EigenvectorsPicture(
            summary=s,
            a=a,
            view=view,
            stage=stage,
            circle=circle,
            eigen_lines=lines,
            box=panel_box(left - 0.2, PANEL_WIDTH + 0.2),
            matrix_row=matrix_row,
            eigen_rows=eigen_rows,
            eigen_caption=eigen_caption,
            transform_caption=transform_caption,
            conclusion=conclusion,
            origin_dot=Dot(view.origin, radius=0.06, color=PALETTE.eigen[0]).set_z_index(2),
        )

    def show_ring(self) -> None:
        # A acts on every direction at once: a ring of unit vectors around the circle.
        pic = self.picture
        self.beat(
            "ring",
            f"{len(pic.summary.ring)} unit vectors around the circle: A will act on all "
            "of them at once.",
        )
        pic.stage.show_plane()
        self.play(Create(pic.circle), run_time=0.8)
        self.play(*(GrowArrow(arrow) for arrow in pic.ring), run_time=1.0)
        self.add(pic.box)
        self.play(Write(pic.matrix_row), run_time=1.0)

    def show_eigen(self) -> None:
        # Which arrows lie on eigen-directions: they are highlighted in the line's colour.
        pic = self.picture
        self.beat("eigen", pic.eigen_caption)
        highlighted = pic.eigen_arrows()
        self.play(
            *(Create(line) for line in pic.eigen_lines),
            *(arrow.animate.set_color(colour) for arrow, colour in highlighted),
            FadeIn(pic.eigen_rows),
            run_time=1.2,
        )
        for arrow, _ in highlighted:
            arrow.set_z_index(1)  # eigen arrows above the ordinary ones

    def transform(self) -> None:
        # A moves every arrow at once (a faded copy stays behind); the circle follows.
        pic = self.picture
        self.beat("transform", pic.transform_caption)
        self.add(pic.ring.copy().set_opacity(0.22).set_z_index(UNDER_PANEL_Z))
        self.play(
            *pic.stage.apply(pic.a, tips=pic.summary.ring_images),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        # Arrows A sends to the origin have no length left to draw: a dot marks them.
        collapsed = [arrow for arrow in pic.ring if arrow.get_length() < 1e-9]
        if collapsed:
            self.remove(*collapsed)
            self.add(pic.origin_dot)

    def conclude(self) -> None:
        # What stayed on its line: the eigen arrows, now at lambda times themselves.
        pic = self.picture
        self.beat("conclusion", _conclusion_caption(pic.summary))
        extra = []
        if pic.summary.zero_eigenvalue and pic.origin_dot not in self.mobjects:
            extra.append(FadeIn(pic.origin_dot))
        eigen_arrows = [a for a, _ in pic.eigen_arrows() if a.get_length() >= 1e-9]
        self.play(
            FadeIn(pic.conclusion, shift=0.2 * UP),
            *(Indicate(arrow, scale_factor=1.1) for arrow in eigen_arrows[:8]),
            *extra,
            run_time=1.2,
        )
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Ring tips on the unit circle before the map and at A u after it; eigen arrows
        at lambda v on their own span; eigen-lines along the eigenvectors."""
        pic = self.picture
        view = pic.view
        tips = pic.stage.vector_tips()
        checks = [
            Invariant(
                "eigen-line parallel to its eigenvector",
                cross(line_direction(view, line), vector),
                0.0,
            )
            for line, vector in zip(pic.eigen_lines, self.data["eigenvectors"], strict=False)
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
        return "every arrow stays on\nits own line, scaled\nby the eigenvalue"
    return "eigen arrows stay on\ntheir line, scaled by their\neigenvalue; others turn"


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
