"""Diagonalization: A = P D P^-1 as three moves.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/change_of_basis.py ChangeOfBasis``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
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
    DashedLine,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    Mobject,
    NumberPlane,
    Tex,
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
    readable_arrow,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import fit_panel
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.stage import (
    LABEL_ROOM,
    MAX_UNIT,
    LinearMapStage,
    cross,
    equation_row,
    line_direction,
    view_points,
)
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN_Y,
    PALETTE,
    PANEL_WIDTH,
    TICK_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.kit.vector_plane import one_path
from scenes.linear_algebra.params import ChangeOfBasisParams

#: Where each beat leaves the picture: -1 before the moves, else the move just made.
STAGE_OF_BEAT = {"setup": -1, "to-eigenbasis": 0, "scale": 1, "back": 2, "compare": 2}


def key_points(dg: eigen.Diagonalization) -> np.ndarray:
    """Every arrow tip drawn at any stage, and the origin, e1 and e2 (layout, so it
    lives with the scene rather than in mlmath_viz)."""
    v = [pair.vector for pair in dg.pairs]
    return view_points(v, *dg.basis_stages(), *dg.eigenvector_stages(), square=False)


#: Font size of formulas with an index (v_1, P^{-1}): the 90% index of a 44 formula is
#: 12.7 px at 480p (at 34 it is 9.8 px, under the standard's 12).
INDEX_SIZE = 44

#: Distances (in multiples of the usual offset) tried for a label past an arrow's tip.
LABEL_REACHES = (1.0, 1.8, 2.6)


#: A label's box: left, right, bottom, top.
Box = tuple[float, float, float, float]


def _beside(
    size: tuple[float, float],
    ends: tuple[np.ndarray, np.ndarray],
    side: int,
    fallback: np.ndarray,
    reach: float,
) -> np.ndarray:
    """Where :func:`~scenes.builders.label_beside` puts the centre of a label of this
    ``(width, height)`` past an arrow with these ``(start, end)``, with the offset
    multiplied by ``reach``."""
    start, end = ends
    direction = end - start
    length = float(np.linalg.norm(direction))
    along = direction / length if length > 1e-6 else fallback
    normal = side * np.array([-along[1], along[0], 0.0])
    offset = reach * (0.3 * along + 0.32 * normal)
    return end + offset * max(1.0, 0.5 * (size[0] + size[1]))


def _box_at(centre: np.ndarray, size: tuple[float, float]) -> Box:
    """The box of a label of this ``(width, height)`` centred at ``centre``."""
    w, h = size[0] / 2, size[1] / 2
    return (centre[0] - w, centre[0] + w, centre[1] - h, centre[1] + h)


def _box(m: Mobject) -> Box:
    """A mobject's bounding box, from one pass over its points."""
    points = np.concatenate([f.points for f in m.family_members_with_points()])
    low, high = points.min(axis=0), points.max(axis=0)
    return (low[0], high[0], low[1], high[1])


def _label_updater(
    label: Mobject,
    arrow: Arrow,
    side: int,
    fallback: np.ndarray,
    avoid: Any,
    boxes: dict[int, Box],
    optional: bool = False,
) -> Any:
    """An updater keeping ``label`` past ``arrow``'s tip, where it covers nothing.

    ``avoid(label)`` returns the points and mobjects the label must not cover. Beside
    the tip on its current side, then the other side, then further out
    (``LABEL_REACHES``); it keeps its place while that is free (so it does not
    flicker). The label must also stay left of the panel and inside the frame. If no
    place is free, an ``optional`` label is hidden (its arrow's colour still names it),
    any other stays in its first place.

    The label only moves, so its size is measured once and each candidate place is
    tried as a box; the label is moved once, to the place chosen, whose box goes into
    ``boxes`` (by the label's id) for the labels placed after it.
    """
    state: dict[str, Any] = {"side": side, "shown": None}
    size = (label.width, label.height)
    x_max = panel_left() - 0.1
    y_max = frame_half_height() - 0.05
    x_min = -frame_half_width() + 0.05

    def covers(box: Box, points: list[np.ndarray], others: list[Box]) -> bool:
        left, right = box[0] - 0.05, box[1] + 0.05
        bottom, top = box[2] - 0.05, box[3] + 0.05
        if left < x_min or right > x_max or bottom < -y_max or top > y_max:
            return True
        for p in points:
            if left < p[0] < right and bottom < p[1] < top:
                return True
        for o_left, o_right, o_bottom, o_top in others:
            if o_left < right and left < o_right and o_bottom < top and bottom < o_top:
                return True
        return False

    def show(m: Mobject, shown: bool) -> None:
        if optional and state["shown"] is not shown:
            m.set_opacity(1.0 if shown else 0.0)
            state["shown"] = shown

    def update(m: Mobject) -> None:
        # Nothing else moves while this label is placed: read the arrow, the points to
        # keep clear and the boxes of the visible labels placed before it once.
        ends = (arrow.get_start(), arrow.get_end())
        points, mobs = avoid(label)
        others = [boxes.get(id(o)) or _box(o) for o in mobs if _visible_label(o)]
        for reach in LABEL_REACHES:
            for s in (state["side"], -state["side"]):
                centre = _beside(size, ends, s, fallback, reach)
                box = _box_at(centre, size)
                if not covers(box, points, others):
                    m.move_to(centre)
                    boxes[id(m)] = box
                    state["side"] = s
                    show(m, True)
                    return
        centre = _beside(size, ends, state["side"], fallback, 1.0)
        m.move_to(centre)
        boxes[id(m)] = _box_at(centre, size)
        show(m, False)

    return update


def _visible_label(m: Mobject) -> bool:
    """True if any glyph of the label is drawn (a hidden label may be covered)."""
    return any(
        float(np.max(part.get_fill_opacities(), initial=0)) > 0.01
        for part in m.family_members_with_points()
    )


@dataclass
class Move:
    """One of the three moves: its beat, caption, matrix, part of the formula and row."""

    name: str
    caption: str
    matrix: np.ndarray
    term: Mobject  # its factor in A = P D P^-1
    row: VGroup  # its row in the panel


@dataclass
class Panel:
    """The right-hand panel, four items: A = P D P^-1, A's matrix, the matrix of the
    factor at work (P at the start and the end, P^-1, then D), and the step line."""

    box: Mobject
    formula: MathTex  # A, =, P, D, P^-1
    rows: dict[str, VGroup]  # "A", "P", "D", "P^-1": name = (matrix), the factor rows
    group: VGroup  # everything written in the first beat (formula, A, P, step)
    step: Mobject  # the line saying what the current move does
    step_texts: list[Mobject]  # its text before the moves, after each, at the end
    factor_of_stage: list[str]  # the factor row shown before the moves, after each

    def items(self, stage: int) -> list[Mobject]:
        """What the panel shows after move ``stage`` (-1: before the moves)."""
        panel_rows = self.rows
        return [
            self.formula,
            panel_rows["A"],
            panel_rows[self.factor_of_stage[stage + 1]],
            self.step,
        ]


@dataclass
class ChangeOfBasisPicture:
    """What ChangeOfBasis draws, for its beats, invariants and tests."""

    diag: eigen.Diagonalization
    a: np.ndarray  # the matrix A
    view: Coords
    stage: LinearMapStage  # plane and basis; its vectors: eigenvectors off the axes
    eigen_lines: VGroup  # carried by the stage (empty for a scalar matrix)
    eigen_arrows: list[Arrow]  # v1, v2 as drawn (i-hat or j-hat when along e1 or e2)
    labels: VGroup  # i-hat, j-hat, v1, v2, placed by one updater
    setup_caption: str
    panel: Panel
    moves: list[Move]
    ghost_plane: NumberPlane  # A applied directly, in one move
    ghost_arrows: VGroup


class ChangeOfBasis(MathScene):
    """Diagonalization: A = P D P^-1 as three moves.

    The plane moves to the eigenbasis (P^-1 sends the eigenvectors to the axes), is
    stretched along the axes by the eigenvalues (D) and moves back (P), ending on the same
    grid as A applied directly.
    """

    params_type = ChangeOfBasisParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_setup()  # the grid, the basis, the eigenvectors and the factors
        self.move(0)  # P^-1: the eigenvectors go to the axes
        self.move(1)  # D: the axes stretch by the eigenvalues
        self.move(2)  # P: the axes go back to the eigen-lines, the basis to A's columns
        self.compare()  # A applied directly lands on the same grid

    def build_picture(self) -> ChangeOfBasisPicture:
        """The numbers from mlmath_viz, the view, the stage (plane, basis, eigenvector
        arrows and eigen-lines), the labels, the panel and the ghost (not yet shown)."""
        a = np.array(self.params.matrix, dtype=float)
        dg = eigen.diagonalize(a)
        self.data = dg.to_json()
        view = view_left_of_panel(key_points(dg), MAX_UNIT, LABEL_ROOM)
        self.data["unit_length"] = view.unit
        scalar = self.data["eigen_structure"] == EigenStructure.SCALAR.value
        stage = LinearMapStage(self, view, square=False, labels="scene")
        lines = VGroup() if scalar else _eigen_lines(view, dg)
        stage.carry(*lines)
        eigen_arrows, labels = self.build_eigen_arrows(dg, stage)
        panel = self.build_panel(dg, a, scalar)
        ghost_plane, ghost_arrows = _ghost(view)
        return ChangeOfBasisPicture(
            diag=dg,
            a=a,
            view=view,
            stage=stage,
            eigen_lines=lines,
            eigen_arrows=eigen_arrows,
            labels=labels,
            setup_caption=_setup_caption(dg, scalar),
            ghost_plane=ghost_plane,
            ghost_arrows=ghost_arrows,
            panel=panel,
            moves=_moves(dg, panel),
        )

    @staticmethod
    def build_eigen_arrows(
        dg: eigen.Diagonalization, stage: LinearMapStage
    ) -> tuple[list[Arrow], VGroup]:
        """v1 and v2 as arrows (the stage's vectors; an eigenvector equal to e1 or e2 is
        drawn by that basis arrow) and every arrow's label, placed by one updater in a
        fixed order (i-hat, j-hat, v1, v2), each avoiding the arrow tips and the labels
        placed before it."""
        i_hat, j_hat = stage.i_hat, stage.j_hat
        labels: list[tuple[Mobject, Arrow, int, np.ndarray]] = [
            (stage.i_label, i_hat, -1, RIGHT),
            (stage.j_label, j_hat, +1, UP),
        ]
        eigen_arrows: list[Arrow] = []
        for k, pair in enumerate(dg.pairs):
            v = pair.vector
            if abs(v[0] - 1.0) < 1e-12:
                eigen_arrows.append(i_hat)
                continue
            if abs(v[1] - 1.0) < 1e-12:
                eigen_arrows.append(j_hat)
                continue
            arrow = stage.add_vector(v, PALETTE.eigen[k])
            eigen_arrows.append(arrow)
            labels.append(
                (math_label(f"v_{k + 1}", PALETTE.eigen[k], INDEX_SIZE), arrow, +1 - 2 * k, DOWN)
            )
        arrows = [i_hat, j_hat, *stage.vectors]
        for arrow in arrows:
            readable_arrow(arrow)
        label_mobs = [m for m, *_ in labels]
        origin = stage.view.origin

        def avoid_for(label: Mobject) -> Any:
            def avoid(_: Mobject) -> tuple[list[np.ndarray], list[Mobject]]:
                own = next(arr for m, arr, *_ in labels if m is label)
                points = [arr.get_end() for arr in arrows if arr is not own] + [origin]
                before = label_mobs[: label_mobs.index(label)]
                return points, before

            return avoid

        boxes: dict[int, Box] = {}
        placers = [
            (m, _label_updater(m, arrow, side, fallback, avoid_for(m), boxes, optional=n >= 2))
            for n, (m, arrow, side, fallback) in enumerate(labels)
        ]
        label_group = VGroup(*label_mobs)

        def place_labels(_: Mobject) -> None:
            for m, place in placers:
                place(m)

        label_group.add_updater(place_labels)
        label_group.update()
        return eigen_arrows, label_group

    @staticmethod
    def build_panel(dg: eigen.Diagonalization, a: np.ndarray, scalar: bool) -> Panel:
        """A = P D P^-1, A's matrix, one factor's matrix at a time and the step lines
        (one shown at a time), placed in the panel."""
        (l1, l2) = (pair.value for pair in dg.pairs)
        left = panel_left()
        formula = MathTex("A", "=", "P", "D", "P^{-1}", font_size=INDEX_SIZE, color=PALETTE.text)
        rows = {
            "A": equation_row("A", a, (PALETTE.i_hat, PALETTE.j_hat), size=BODY_SIZE),
            "P": equation_row("P", dg.p, PALETTE.eigen, size=BODY_SIZE),
            "D": equation_row("D", dg.d, PALETTE.eigen, size=BODY_SIZE),
            "P^-1": equation_row("P^{-1}", dg.p_inv, (PALETTE.text, PALETTE.text), size=BODY_SIZE),
        }
        # No indices here: at TICK_SIZE an index is 9 px; the formula above names the
        # factors (P^{-1} at INDEX_SIZE) and lights up the one at work.
        steps = [
            r"The two eigenvectors are\\ the columns of $P$",
            r"1. The inverse of $P$ sends\\ the eigenvectors to the axes",
            rf"2. $D$ scales the axes:\\ $x$ by {_factor_words(dg, l1)},\\ "
            rf"$y$ by {_factor_words(dg, l2)}",
            r"3. $P$ carries the axes back\\ to the eigen-lines",
            r"$A$ applied directly: the same\\ grid, so the three moves are $A$",
        ]
        if scalar:
            steps[0] = rf"$A = {latex_number(l1)}\,I$: every vector\\ is an eigenvector, $P = I$"
        for row in rows.values():  # the name (P^{-1}) large enough for its index
            row[0].scale(INDEX_SIZE / BODY_SIZE)
            row.arrange(RIGHT, buff=0.2)
            fit_panel(row)
        step_texts = [fit_panel(step_tex(t)) for t in steps]
        factor_rows = [rows[k] for k in ("P", "P^-1", "D")]
        slot_height = max(r.height for r in factor_rows)
        top = frame_half_height() - FRAME_MARGIN_Y - 0.15
        stack([formula, rows["A"], rows["P"]], top=top, left=left, gap=0.35)
        slot_top = rows["P"].get_top()[1]
        for r in factor_rows:
            r.move_to([left + r.width / 2, slot_top - r.height / 2, 0])
        step_top = slot_top - slot_height - 0.4
        for t in step_texts:
            t.move_to([left + t.width / 2, step_top - t.height / 2, 0])
        group = VGroup(formula, rows["A"], rows["P"], step_texts[0])
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        return Panel(box, formula, rows, group, step_texts[0], step_texts, ["P", "P^-1", "D", "P"])

    def highlighted(self, stage: int) -> list[Mobject]:
        """The formula's factor and panel row lit up by move ``stage`` (none before)."""
        if stage < 0:
            return []
        move = self.picture.moves[stage]
        return [move.term, move.row[0]]

    def show_setup(self) -> None:
        # The grid, the basis, the eigenvectors and the factors of A = P D P^-1.
        pic = self.picture
        self.beat("setup", pic.setup_caption)
        pic.stage.show_plane()
        self.play(
            *(Create(line) for line in pic.eigen_lines),
            *pic.stage.appear(),
            *(GrowArrow(arrow) for arrow in pic.stage.vectors),
            FadeIn(pic.labels),
            run_time=1.0,
        )
        self.merge_eigen_lines()
        self.add(pic.panel.box)
        self.play(Write(pic.panel.group), run_time=1.5)

    def merge_eigen_lines(self) -> None:
        """Once drawn (dash by dash), each eigen-line becomes one path
        (:func:`~scenes.kit.vector_plane.one_path`) in its place on screen, in the
        picture and on the stage: the same picture, one mobject to draw and move instead
        of a few hundred dashes."""
        pic = self.picture
        for k, line in enumerate(list(pic.eigen_lines)):
            path = one_path(line)
            self.replace(line, path)  # Manim's replace keeps the drawing order
            pic.eigen_lines.submobjects[k] = path
            carried = pic.stage.carried
            carried[carried.index(line)] = path

    def move(self, stage: int) -> None:
        # One factor at a time, right to left: its formula part and row light up, the
        # plane, the eigen-lines and every arrow move by it.
        pic, move = self.picture, self.picture.moves[stage]
        self.beat(move.name, move.caption)
        panel = pic.panel
        before, after = panel.factor_of_stage[stage], panel.factor_of_stage[stage + 1]
        swap = [FadeOut(panel.rows[before]), FadeIn(panel.rows[after])] if before != after else []
        for mob in self.highlighted(stage - 1):
            mob.set_color(PALETTE.text)
        move.row[0].set_color(PALETTE.accent)
        self.play(
            move.term.animate.set_color(PALETTE.accent),
            *swap,
            Transform(panel.step, panel.step_texts[stage + 1]),
            run_time=0.6,
        )
        eigen_stages = pic.diag.eigenvector_stages()[stage]
        tips = [
            eigen_stages[k]
            for k, arrow in enumerate(pic.eigen_arrows)
            if arrow in pic.stage.vectors
        ]
        self.play(
            *_readable(pic.stage.apply(move.matrix, pic.diag.stage_matrices()[stage], tips=tips)),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        self.wait(0.3)

    def compare(self) -> None:
        # A applied directly, in one move (the ghost), lands on the same grid: P D P^-1 = A.
        pic = self.picture
        self.beat(
            "compare",
            "A applied directly, in one move (the yellow ghost grid and arrows), lands on "
            "exactly the same grid and basis arrows: P D P^-1 = A.",
        )
        self.play(
            *(mob.animate.set_color(PALETTE.text) for mob in self.highlighted(2)),
            FadeIn(pic.ghost_plane),
            FadeIn(pic.ghost_arrows),
            Transform(pic.panel.step, pic.panel.step_texts[4]),
            run_time=0.8,
        )
        targets = [_ghost_arrow(pic.view, tip) for tip in pic.a.T]
        self.play(
            ApplyMatrix(pic.a, pic.ghost_plane, about_point=pic.view.origin),
            *(Transform(g, t) for g, t in zip(pic.ghost_arrows, targets, strict=True)),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        self.play(Indicate(pic.panel.formula), run_time=1.0)
        self.wait(1.0)

    def invariants(self, beat: str) -> list[Invariant]:
        """Basis and eigenvector tips after each move (e_k after P^-1, lambda_k e_k after
        D, A's columns and lambda_k v_k after P); eigen-lines along the moved eigenvectors;
        the ghost of A applied directly on A's columns."""
        stage = STAGE_OF_BEAT[beat]
        pic = self.picture
        view = pic.view
        if stage < 0:
            basis = [[1.0, 0.0], [0.0, 1.0]]
            vectors = self.data["eigenvectors"]
        else:
            basis = self.data["basis_stages"][stage]
            vectors = self.data["eigenvector_stages"][stage]
        tip_i, tip_j = pic.stage.tips()
        checks = [Invariant("i-hat tip", tip_i, basis[0]), Invariant("j-hat tip", tip_j, basis[1])]
        for k, arrow in enumerate(pic.eigen_arrows):
            checks.append(Invariant(f"v{k + 1} arrow tip", view.p2c(arrow.get_end()), vectors[k]))
        for k, line in enumerate(pic.eigen_lines):
            checks.append(
                Invariant(
                    f"eigen-line {k + 1} along v{k + 1}'s image",
                    cross(line_direction(view, line), vectors[k]),
                    0.0,
                )
            )
        if stage == 0:
            for k, arrow in enumerate(pic.eigen_arrows):
                axis = [1.0 - k, float(k)]
                checks.append(
                    Invariant(
                        f"v{k + 1} on axis {k + 1}, length 1", view.p2c(arrow.get_end()), axis
                    )
                )
        if stage == 2:
            columns = np.array(self.data["matrix"]).T.tolist()
            checks += [
                Invariant("i-hat tip = A e1", tip_i, columns[0]),
                Invariant("j-hat tip = A e2", tip_j, columns[1]),
            ]
        if beat == "compare":
            for k, g in enumerate(pic.ghost_arrows):
                checks.append(
                    Invariant(
                        f"ghost of A e{k + 1} on the moved basis arrow",
                        view.p2c(g.get_end()),
                        columns[k],
                    )
                )
        return checks


def _moves(dg: eigen.Diagonalization, panel: Panel) -> list[Move]:
    """The three moves, right to left: P^-1, then D, then P."""
    (l1, l2) = (pair.value for pair in dg.pairs)
    t1, t2 = format_number(l1), format_number(l2)
    p, d, p_inv = (np.array(m) for m in (dg.p, dg.d, dg.p_inv))
    formula, rows = panel.formula, panel.rows
    return [
        Move(
            "to-eigenbasis",
            "First P^-1 moves the plane so that v1 lands on e1 and v2 on e2: "
            "the eigen-lines become the axes.",
            p_inv,
            formula[4],
            rows["P^-1"],
        ),
        Move(
            "scale",
            f"Then D stretches along the axes: x by {t1} and y by {t2}."
            + _scale_remark(dg, (l1, l2)),
            d,
            formula[3],
            rows["D"],
        ),
        Move(
            "back",
            f"Finally P carries the axes back to the eigen-lines: the stretched e1 and e2 "
            f"become {t1} v1 and {t2} v2, and i-hat and j-hat land on the columns of A.",
            p,
            formula[2],
            rows["P"],
        ),
    ]


def _ghost_arrow(view: Coords, tip: Any) -> Arrow:
    """A broad solid yellow arrow under the basis arrows: where A applied directly sends
    a basis vector (once it lands, a yellow rim around the moved arrow)."""
    arrow = vector_arrow(view, tip, PALETTE.area)
    arrow.set_stroke(width=14)
    arrow.tip.scale(1.45, about_point=arrow.get_end())
    return arrow


def _ghost(view: Coords) -> tuple[NumberPlane, VGroup]:
    """The ghost of A applied directly: a yellow grid and basis, under the moving ones."""
    ghost_plane = grid(view, PALETTE.area, opacity=0.8, stroke_width=2)
    ghost_plane.set_z_index(UNDER_PANEL_Z - 0.5)
    ghosts = VGroup(*(_ghost_arrow(view, tip) for tip in ((1, 0), (0, 1)))).set_z_index(-0.5)
    return ghost_plane, ghosts


def _readable(moves: list[Any]) -> list[Any]:
    """The stage's moves with every arrow they end on at least 2 px wide."""
    for move in moves:
        target = getattr(move, "target_mobject", None)
        if isinstance(target, Arrow):
            readable_arrow(target)
    return moves


def _eigen_lines(view: Coords, dg: eigen.Diagonalization) -> VGroup:
    """The kit's eigen-lines, long enough to cross the whole frame even after D shrinks
    line k by |lambda_k| (a zero eigenvalue's line collapses to the origin, as it
    should), 4 wide (2.4 px at 480p); dashes grow with the length so that a long line
    stays a few hundred dashes."""
    reach = 2 * (frame_half_width() + abs(float(view.origin[0])))
    lines = []
    for pair, colour in zip(dg.pairs, PALETTE.eigen, strict=True):
        lam = abs(pair.value)
        stretch = 1.0 if eigen.is_zero_eigenvalue(pair.value, dg.matrix) else max(1.0, 1.1 / lam)
        v = np.array([pair.vector[0], pair.vector[1], 0.0])
        v = v / np.linalg.norm(v)
        length = reach * stretch
        lines.append(
            DashedLine(
                view.origin - length * v,
                view.origin + length * v,
                color=colour,
                stroke_width=4,
                dash_length=0.15 * max(1.0, stretch / 6),
            )
        )
    group = VGroup(*lines)
    group.set_z_index(UNDER_PANEL_Z)
    return group


def step_tex(text: str) -> Tex:
    """A panel step line: words with their math in LaTeX, left-aligned, at TICK_SIZE."""
    return Tex(text, font_size=TICK_SIZE, color=PALETTE.text, tex_environment="flushleft")


def _setup_caption(dg: eigen.Diagonalization, scalar: bool) -> str:
    """The first beat's caption: the eigenvalues and eigenvectors, the columns of P."""
    (l1, l2) = (pair.value for pair in dg.pairs)
    t1, t2 = format_number(l1), format_number(l2)
    if scalar:
        return f"A is {t1} times the identity: every vector is an eigenvector, so P = I and D = A."
    v1, v2 = (pair.vector for pair in dg.pairs)
    return (
        f"A has eigenvalues {t1} and {t2} with unit eigenvectors v1 = "
        f"({format_number(v1[0])}, {format_number(v1[1])}) and v2 = "
        f"({format_number(v2[0])}, {format_number(v2[1])}); they are the columns of P."
    )


def _factor_words(dg: eigen.Diagonalization, lam: float) -> str:
    """An eigenvalue as a factor along an axis (LaTeX words), with what it does when
    not a stretch."""
    if eigen.is_zero_eigenvalue(lam, dg.matrix):
        return "$0$ (flattened)"
    if lam < 0:
        return f"${latex_number(lam)}$ (a flip)"
    return f"${latex_number(lam)}$"


def _scale_remark(dg: eigen.Diagonalization, values: tuple[float, float]) -> str:
    notes = []
    for axis, lam in zip("xy", values, strict=True):
        if eigen.is_zero_eigenvalue(lam, dg.matrix):
            notes.append(f" The factor 0 flattens the {axis}-axis onto the origin.")
        elif lam < 0:
            notes.append(f" The negative factor {format_number(lam)} flips the {axis}-axis.")
    return "".join(notes)
