"""Eigen scenes: the directions a matrix only stretches, and A = P D P^-1.

Render one with plain Manim: ``manim -pql scenes/eigen.py Eigenvectors``.
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
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    GrowArrow,
    Indicate,
    MathTex,
    Matrix,
    Mobject,
    Text,
    Transform,
    VGroup,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/eigen.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlmath_viz import eigen
from mlmath_viz.formatting import format_number, latex_complex, latex_number
from mlmath_viz.linear_maps import EigenStructure
from scenes.base import Invariant, MathScene
from scenes.builders import (
    PlaneView,
    grid,
    math_label,
    panel_box,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.parameters.eigen import ChangeOfBasisParams, EigenvectorsParams
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

#: z-index of the grids and eigen-lines, which run under the right-hand panel (z 0).
UNDER_PANEL_Z = -1
#: Largest length of one unit on screen.
MAX_UNIT = 1.4
#: Largest unit in the Eigenvectors scene: its ring of unit arrows needs room.
RING_MAX_UNIT = 2.0
#: Drawn coordinates are compared in plane units; far below a pixel.
ATOL = 1e-6


def _matrix_row(
    name: str, rows: Sequence[Sequence[float]], colours: Sequence[str], size: float = LABEL_SIZE
) -> VGroup:
    """``name = (matrix)`` with coloured columns, shrunk to the panel's width if needed."""
    entries = [[format_number(x, scientific=False) for x in row] for row in rows]
    matrix = Matrix(
        entries,
        element_to_mobject=lambda s: MathTex(s, font_size=size),
        h_buff=0.4 + 0.12 * max(len(e) for row in entries for e in row),
        v_buff=0.45,
    )
    for column, colour in zip(matrix.get_columns(), colours, strict=True):
        column.set_color(colour)
    matrix.get_brackets().set_color(PALETTE.text)
    row = VGroup(MathTex(name, "=", font_size=size, color=PALETTE.text), matrix)
    row.arrange(RIGHT, buff=0.2)
    if row.width > PANEL_WIDTH:
        row.scale_to_fit_width(PANEL_WIDTH)
    return row


def _ring_arrow(view: PlaneView, tip_xy: Sequence[float], color: Any) -> Arrow:
    """A thinner arrow than :func:`~scenes.builders.vector_arrow`, with a smaller head, so
    a ring of them does not crowd at the circle; its tip ends exactly at ``tip_xy``."""
    return Arrow(
        view.origin,
        view.point(tip_xy),
        buff=0,
        color=color,
        stroke_width=4,
        tip_length=0.22,
        max_tip_length_to_length_ratio=0.25,
        max_stroke_width_to_length_ratio=8,
    )


def _fit(mob: Mobject) -> Mobject:
    """Shrink ``mob`` to the panel's width if it is wider."""
    if mob.width > PANEL_WIDTH:
        mob.scale_to_fit_width(PANEL_WIDTH)
    return mob


def _eigen_line(view: PlaneView, vector: Sequence[float], colour: str) -> DashedLine:
    """A dashed line through the origin along ``vector``, long enough to cross the frame."""
    reach = 2 * (frame_half_width() + abs(float(view.origin[0])))
    v = np.array([vector[0], vector[1], 0.0])
    v = v / np.linalg.norm(v)
    return DashedLine(
        view.origin - reach * v,
        view.origin + reach * v,
        color=colour,
        stroke_width=3,
        dash_length=0.15,
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
        matrix_row = _matrix_row("A", s.matrix, (PALETTE.i_hat, PALETTE.j_hat), BODY_SIZE)
        rows, remark, eigen_caption, transform_caption = _eigen_story(s)
        eigen_rows = VGroup(*(_fit(MathTex(t, font_size=LABEL_SIZE, color=c)) for t, c in rows))
        eigen_rows.add(
            _fit(Text(remark, font_size=TEXT_SIZE, color=PALETTE.muted, line_spacing=0.8))
        )
        eigen_rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        conclusion = _fit(
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
        tips = [view.coords(arrow.get_end()) for arrow in self.ring]
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


def _line_direction(view: PlaneView, line: Mobject) -> np.ndarray:
    """Unit direction of a drawn line, in plane coordinates (zero if collapsed)."""
    d = view.coords(line.get_end()) - view.coords(line.get_start())
    length = float(np.linalg.norm(d))
    return d / length if length > 1e-9 else d


def _cross(u: Sequence[float], v: Sequence[float]) -> float:
    """The 2-D cross product u_x v_y - u_y v_x: zero when u and v are parallel."""
    return float(u[0] * v[1] - u[1] * v[0])


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


#: Distances (in multiples of the usual offset) tried for a label past an arrow's tip.
LABEL_REACHES = (1.0, 1.8, 2.6)


def _put_beside(
    label: Mobject, arrow: Arrow, side: int, fallback: np.ndarray, reach: float
) -> None:
    """:func:`~scenes.builders.label_beside` with the offset multiplied by ``reach``."""
    start, end = arrow.get_start(), arrow.get_end()
    direction = end - start
    length = float(np.linalg.norm(direction))
    along = direction / length if length > 1e-6 else fallback
    normal = side * np.array([-along[1], along[0], 0.0])
    offset = reach * (0.3 * along + 0.32 * normal)
    label.move_to(end + offset * max(1.0, 0.5 * (label.width + label.height)))


def _label_updater(
    label: Mobject,
    arrow: Arrow,
    side: int,
    fallback: np.ndarray,
    avoid: Any,
    optional: bool = False,
) -> Any:
    """An updater keeping ``label`` past ``arrow``'s tip, where it covers nothing.

    ``avoid(label)`` returns the points and mobjects the label must not cover. Beside
    the tip on its current side, then the other side, then further out
    (``LABEL_REACHES``); it keeps its place while that is free (so it does not
    flicker). The label must also stay left of the panel and inside the frame. If no
    place is free, an ``optional`` label is hidden (its arrow's colour still names it),
    any other stays in its first place.
    """
    state = {"side": side}
    x_max = panel_left() - 0.1
    y_max = frame_half_height() - 0.05
    x_min = -frame_half_width() + 0.05

    def covers(m: Mobject) -> bool:
        points, mobs = avoid(m)
        left, right = m.get_left()[0] - 0.05, m.get_right()[0] + 0.05
        bottom, top = m.get_bottom()[1] - 0.05, m.get_top()[1] + 0.05
        if left < x_min or right > x_max or bottom < -y_max or top > y_max:
            return True
        for p in points:
            if left < p[0] < right and bottom < p[1] < top:
                return True
        for o in mobs:
            if not _visible_label(o):
                continue
            if (
                o.get_left()[0] < right
                and left < o.get_right()[0]
                and o.get_bottom()[1] < top
                and bottom < o.get_top()[1]
            ):
                return True
        return False

    def update(m: Mobject) -> None:
        for reach in LABEL_REACHES:
            for s in (state["side"], -state["side"]):
                _put_beside(m, arrow, s, fallback, reach)
                if not covers(m):
                    state["side"] = s
                    if optional:
                        m.set_opacity(1.0)
                    return
        _put_beside(m, arrow, state["side"], fallback, 1.0)
        if optional:
            m.set_opacity(0.0)

    return update


def _visible_label(m: Mobject) -> bool:
    """True if any glyph of the label is drawn (a hidden label may be covered)."""
    return any(
        float(np.max(part.get_fill_opacities(), initial=0)) > 0.01
        for part in m.family_members_with_points()
    )


class ChangeOfBasis(MathScene):
    """Diagonalization: A = P D P^-1 as three moves.

    The plane moves to the eigenbasis (P^-1 sends the eigenvectors to the axes), is
    stretched along the axes by the eigenvalues (D) and moves back (P), ending on the same
    grid as A applied directly.
    """

    params_type = ChangeOfBasisParams

    def construct(self) -> None:
        a = np.array(self.params.matrix, dtype=float)
        dg = eigen.diagonalize(a)
        self.diag = dg
        self.data = dg.to_json()
        self.view = view = view_left_of_panel(dg.key_points(), MAX_UNIT, 0.6)
        self.data["unit_length"] = view.unit
        origin = view.origin
        about = {"about_point": origin}
        p, d, p_inv = (np.array(m) for m in (dg.p, dg.d, dg.p_inv))
        (l1, l2) = (pair.value for pair in dg.pairs)
        t1, t2 = format_number(l1), format_number(l2)
        scalar = self.data["eigen_structure"] == EigenStructure.SCALAR.value

        # -- Mobjects: grids, eigen-lines, basis and eigenvector arrows with labels.
        background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        plane = grid(view, PALETTE.grid, opacity=0.8, stroke_width=1.5)
        eigen_lines = VGroup()
        if not scalar:
            for pair, colour in zip(dg.pairs, PALETTE.eigen, strict=True):
                eigen_lines.add(_eigen_line(view, pair.vector, colour))
        self.eigen_lines = eigen_lines
        i_hat = vector_arrow(view, (1, 0), PALETTE.i_hat)
        j_hat = vector_arrow(view, (0, 1), PALETTE.j_hat)
        self.i_hat, self.j_hat = i_hat, j_hat
        arrows: list[Arrow] = [i_hat, j_hat]
        labels: list[tuple[Mobject, Arrow, int, np.ndarray]] = [
            (math_label(r"\hat{\imath}", PALETTE.i_hat, size=HAT_SIZE), i_hat, -1, RIGHT),
            (math_label(r"\hat{\jmath}", PALETTE.j_hat, size=HAT_SIZE), j_hat, +1, UP),
        ]
        # An eigenvector equal to e1 or e2 is drawn by that basis arrow.
        self.eigen_arrows: list[Arrow] = []
        new_arrows = []
        for k, pair in enumerate(dg.pairs):
            v = pair.vector
            if abs(v[0] - 1.0) < 1e-12:
                self.eigen_arrows.append(i_hat)
                continue
            if abs(v[1] - 1.0) < 1e-12:
                self.eigen_arrows.append(j_hat)
                continue
            arrow = vector_arrow(view, v, PALETTE.eigen[k])
            self.eigen_arrows.append(arrow)
            new_arrows.append(arrow)
            arrows.append(arrow)
            labels.append((math_label(f"v_{k + 1}", PALETTE.eigen[k]), arrow, +1 - 2 * k, DOWN))
        label_mobs = [m for m, *_ in labels]

        def avoid_for(label: Mobject) -> Any:
            def avoid(_: Mobject) -> tuple[list[np.ndarray], list[Mobject]]:
                own = next(arr for m, arr, *_ in labels if m is label)
                points = [arr.get_end() for arr in arrows if arr is not own] + [origin]
                before = label_mobs[: label_mobs.index(label)]
                return points, before

            return avoid

        # One updater places the labels in a fixed order (i-hat, j-hat, v1, v2), each
        # avoiding the arrow tips and the labels placed before it.
        placers = [
            (m, _label_updater(m, arrow, side, fallback, avoid_for(m), optional=n >= 2))
            for n, (m, arrow, side, fallback) in enumerate(labels)
        ]
        label_group = VGroup(*label_mobs)

        def place_labels(_: Mobject) -> None:
            for m, place in placers:
                place(m)

        label_group.add_updater(place_labels)
        label_group.update()

        # -- The panel: A = P D P^-1 with its numbers, and what the current move does.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        formula = MathTex("A", "=", "P", "D", "P^{-1}", font_size=BODY_SIZE, color=PALETTE.text)
        a_row = _matrix_row("A", a, (PALETTE.i_hat, PALETTE.j_hat))
        p_row = _matrix_row("P", p, PALETTE.eigen)
        d_row = _matrix_row("D", d, PALETTE.eigen)
        p_inv_row = _matrix_row("P^{-1}", p_inv, (PALETTE.text, PALETTE.text))
        steps = [
            "v₁, v₂: the eigenvectors,\nthe columns of P",
            "1. P⁻¹: the eigenvectors\ngo to the axes",
            f"2. D scales the axes:\nx by {_factor_words(dg, l1)},\ny by {_factor_words(dg, l2)}",
            "3. P: the axes go back\nto the eigen-lines",
            "A applied directly: the\nsame grid, so P D P⁻¹ = A",
        ]
        if scalar:
            steps[0] = f"A = {t1} I: every vector\nis an eigenvector, P = I"
        step_texts = [
            _fit(Text(t, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)) for t in steps
        ]
        panel = stack(
            [formula, a_row, p_row, d_row, p_inv_row, step_texts[0]],
            top=frame_half_height() - FRAME_MARGIN - 0.1,
            left=left,
            gap=0.22,
        )
        step_top = step_texts[0].get_top()[1]
        for t in step_texts[1:]:
            t.move_to([left + t.width / 2, step_top - t.height / 2, 0])
        step = step_texts[0]
        background.set_z_index(UNDER_PANEL_Z - 2)
        plane.set_z_index(UNDER_PANEL_Z - 1)
        eigen_lines.set_z_index(UNDER_PANEL_Z)

        # -- Beat 1: the grid, the basis, the eigenvectors and the factors.
        v1, v2 = (pair.vector for pair in dg.pairs)
        if scalar:
            setup_caption = (
                f"A is {t1} times the identity: every vector is an eigenvector, so P = I and D = A."
            )
        else:
            setup_caption = (
                f"A has eigenvalues {t1} and {t2} with unit eigenvectors v1 = "
                f"({format_number(v1[0])}, {format_number(v1[1])}) and v2 = "
                f"({format_number(v2[0])}, {format_number(v2[1])}); they are the columns of P."
            )
        self.beat("setup", setup_caption)
        self.add(background)
        self.play(Create(plane, lag_ratio=0.05), run_time=1.2)
        self.play(
            *(Create(line) for line in eigen_lines),
            *(GrowArrow(arrow) for arrow in arrows),
            FadeIn(label_group),
            run_time=1.0,
        )
        self.add(box)
        self.play(Write(panel), run_time=1.5)

        # -- Beats 2-4: the three moves, right to left: P^-1, then D, then P.
        moves = [
            (
                "to-eigenbasis",
                "First P^-1 moves the plane so that v1 lands on e1 and v2 on e2: "
                "the eigen-lines become the axes.",
                p_inv,
                4,
                p_inv_row,
            ),
            (
                "scale",
                f"Then D stretches along the axes: x by {t1} and y by {t2}."
                + _scale_remark(dg, (l1, l2)),
                d,
                3,
                d_row,
            ),
            (
                "back",
                f"Finally P carries the axes back to the eigen-lines: the stretched e1 and e2 "
                f"become {t1} v1 and {t2} v2, and i-hat and j-hat land on the columns of A.",
                p,
                2,
                p_row,
            ),
        ]
        basis_stages = dg.basis_stages()
        eigen_stages = dg.eigenvector_stages()
        previous: list[Mobject] = []
        for stage, (name, caption, m, index, row) in enumerate(moves):
            self.beat(name, caption)
            targets = [basis_stages[stage][0], basis_stages[stage][1]]
            colours = [PALETTE.i_hat, PALETTE.j_hat]
            for k, arrow in enumerate(self.eigen_arrows):
                if arrow in new_arrows:
                    targets.append(eigen_stages[stage][k])
                    colours.append(PALETTE.eigen[k])
            self.play(
                *(mob.animate.set_color(PALETTE.text) for mob in previous),
                formula[index].animate.set_color(PALETTE.accent),
                row[0].animate.set_color(PALETTE.accent),
                Transform(step, step_texts[stage + 1]),
                run_time=0.6,
            )
            previous = [formula[index], row[0]]
            self.play(
                ApplyMatrix(m, plane, **about),
                *(ApplyMatrix(m, line, **about) for line in eigen_lines),
                *(
                    Transform(arrow, vector_arrow(view, tip, colour))
                    for arrow, tip, colour in zip(arrows, targets, colours, strict=True)
                ),
                run_time=self.params.run_time,
                rate_func=smooth,
            )
            self.wait(0.3)

        # -- Beat 5: A applied directly lands on the same grid.
        self.beat(
            "compare",
            "A applied directly, in one move (the ghost), lands on exactly the same grid "
            "and basis arrows: P D P^-1 = A.",
        )
        ghost_plane = grid(view, PALETTE.accent, opacity=0.6, stroke_width=1)
        ghost_plane.set_stroke(color=PALETTE.accent, width=1.5, opacity=0.7)
        ghost_plane.set_z_index(UNDER_PANEL_Z - 0.5)
        ghosts = VGroup(
            *(
                vector_arrow(view, tip, PALETTE.accent).set_opacity(0.45).set_stroke(width=12)
                for tip in ((1, 0), (0, 1))
            )
        ).set_z_index(-0.5)
        self.ghost_arrows = ghosts
        self.play(
            *(mob.animate.set_color(PALETTE.text) for mob in previous),
            FadeIn(ghost_plane),
            FadeIn(ghosts),
            Transform(step, step_texts[4]),
            run_time=0.8,
        )
        ghost_targets = [
            vector_arrow(view, tip, PALETTE.accent).set_opacity(0.45).set_stroke(width=12)
            for tip in a.T
        ]
        self.play(
            ApplyMatrix(a, ghost_plane, **about),
            *(Transform(g, target) for g, target in zip(ghosts, ghost_targets, strict=True)),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        self.play(Indicate(formula), run_time=1.0)
        self.wait(1.0)

    def invariants(self, beat: str) -> list[Invariant]:
        """Basis and eigenvector tips after each move (e_k after P^-1, lambda_k e_k after
        D, A's columns and lambda_k v_k after P); eigen-lines along the moved eigenvectors;
        the ghost of A applied directly on A's columns."""
        stage = {"setup": -1, "to-eigenbasis": 0, "scale": 1, "back": 2, "compare": 2}[beat]
        view = self.view
        if stage < 0:
            basis = [[1.0, 0.0], [0.0, 1.0]]
            vectors = self.data["eigenvectors"]
        else:
            basis = self.data["basis_stages"][stage]
            vectors = self.data["eigenvector_stages"][stage]
        checks = [
            Invariant("i-hat tip", view.coords(self.i_hat.get_end()), basis[0]),
            Invariant("j-hat tip", view.coords(self.j_hat.get_end()), basis[1]),
        ]
        for k, arrow in enumerate(self.eigen_arrows):
            checks.append(
                Invariant(f"v{k + 1} arrow tip", view.coords(arrow.get_end()), vectors[k])
            )
        for k, line in enumerate(self.eigen_lines):
            checks.append(
                Invariant(
                    f"eigen-line {k + 1} along v{k + 1}'s image",
                    _cross(_line_direction(view, line), vectors[k]),
                    0.0,
                )
            )
        if stage == 0:
            for k, arrow in enumerate(self.eigen_arrows):
                axis = [1.0 - k, float(k)]
                checks.append(
                    Invariant(
                        f"v{k + 1} on axis {k + 1}, length 1", view.coords(arrow.get_end()), axis
                    )
                )
        if stage == 2:
            columns = np.array(self.data["matrix"]).T.tolist()
            checks += [
                Invariant("i-hat tip = A e1", view.coords(self.i_hat.get_end()), columns[0]),
                Invariant("j-hat tip = A e2", view.coords(self.j_hat.get_end()), columns[1]),
            ]
        if beat == "compare":
            for k, g in enumerate(self.ghost_arrows):
                checks.append(
                    Invariant(
                        f"ghost of A e{k + 1} on the moved basis arrow",
                        view.coords(g.get_end()),
                        columns[k],
                    )
                )
        return checks


def _factor_words(dg: eigen.Diagonalization, lam: float) -> str:
    """An eigenvalue as a factor along an axis, with what it does when not a stretch."""
    if eigen.is_zero_eigenvalue(lam, dg.matrix):
        return "0 (flattened)"
    if lam < 0:
        return f"{format_number(lam)} (a flip)"
    return format_number(lam)


def _scale_remark(dg: eigen.Diagonalization, values: tuple[float, float]) -> str:
    notes = []
    for axis, lam in zip("xy", values, strict=True):
        if eigen.is_zero_eigenvalue(lam, dg.matrix):
            notes.append(f" The factor 0 flattens the {axis}-axis onto the origin.")
        elif lam < 0:
            notes.append(f" The negative factor {format_number(lam)} flips the {axis}-axis.")
    return "".join(notes)
