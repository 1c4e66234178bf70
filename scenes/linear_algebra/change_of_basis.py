"""Diagonalization: A = P D P^-1 as three moves.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/change_of_basis.py ChangeOfBasis``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    ApplyMatrix,
    Arrow,
    Create,
    FadeIn,
    GrowArrow,
    Indicate,
    MathTex,
    Mobject,
    Text,
    Transform,
    VGroup,
    Write,
    smooth,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/linear_algebra/change_of_basis.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import eigen
from mlmath_viz.linear_maps import EigenStructure
from scenes.kit.builders import (
    grid,
    math_label,
    panel_box,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.numbers import format_number
from scenes.kit.panel import fit_panel
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    HAT_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.eigen_common import (
    _cross,
    _eigen_line,
    _line_direction,
    eigen_row,
)
from scenes.linear_algebra.params import ChangeOfBasisParams

#: Largest length of one unit on screen.
MAX_UNIT = 1.4


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
        a_row = eigen_row("A", a, (PALETTE.i_hat, PALETTE.j_hat))
        p_row = eigen_row("P", p, PALETTE.eigen)
        d_row = eigen_row("D", d, PALETTE.eigen)
        p_inv_row = eigen_row("P^{-1}", p_inv, (PALETTE.text, PALETTE.text))
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
            fit_panel(Text(t, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8))
            for t in steps
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
            Invariant("i-hat tip", view.p2c(self.i_hat.get_end()), basis[0]),
            Invariant("j-hat tip", view.p2c(self.j_hat.get_end()), basis[1]),
        ]
        for k, arrow in enumerate(self.eigen_arrows):
            checks.append(Invariant(f"v{k + 1} arrow tip", view.p2c(arrow.get_end()), vectors[k]))
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
                        f"v{k + 1} on axis {k + 1}, length 1", view.p2c(arrow.get_end()), axis
                    )
                )
        if stage == 2:
            columns = np.array(self.data["matrix"]).T.tolist()
            checks += [
                Invariant("i-hat tip = A e1", view.p2c(self.i_hat.get_end()), columns[0]),
                Invariant("j-hat tip = A e2", view.p2c(self.j_hat.get_end()), columns[1]),
            ]
        if beat == "compare":
            for k, g in enumerate(self.ghost_arrows):
                checks.append(
                    Invariant(
                        f"ghost of A e{k + 1} on the moved basis arrow",
                        view.p2c(g.get_end()),
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
