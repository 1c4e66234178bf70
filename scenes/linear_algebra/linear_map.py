"""A matrix as a map of the plane.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/linear_map.py LinearMap``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    ApplyMatrix,
    ArcBetweenPoints,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    Matrix,
    Mobject,
    Polygon,
    Text,
    Transform,
    ValueTracker,
    VGroup,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/linear_map.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import linear_maps
from mlmath_viz.linear_maps import EigenStructure, parallelogram_area
from scenes.kit.builders import (
    grid,
    label_beside,
    math_label,
    panel_box,
    path_tip,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.numbers import format_number, latex_complex, latex_number
from scenes.kit.readouts import Readout
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    HAT_SIZE,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import LinearMapParams

#: Room left around the plotted points for the labels beside arrow tips.
LABEL_ROOM = 0.6


#: Largest length of one unit on screen (keeps small matrices from looking huge).
MAX_UNIT = 1.4


def _conclusion(summary: linear_maps.LinearMapSummary) -> tuple[str, str]:
    """The closing sentence for the panel (short lines) and for the caption."""
    det = summary.determinant
    det_text = format_number(det)
    if summary.rank == 0:
        return (
            "the whole plane\ncollapses to a point",
            f"The determinant is {det_text}: A sends the whole plane to the origin.",
        )
    if summary.rank == 1:
        return (
            "the plane collapses\nonto a line",
            f"The determinant is {det_text}: A squashes the plane onto a line, "
            "so areas become zero.",
        )
    factor = format_number(abs(det))
    if det < 0:
        return (
            f"areas scale by {factor},\norientation flips",
            f"The determinant is {det_text}: areas scale by {factor} and the plane "
            "flips over, so e1 and e2 swap their turning order.",
        )
    return (
        f"areas scale by {factor}",
        f"The determinant is {det_text}: every area is multiplied by {factor}.",
    )


def _eigen_panel_lines(summary: linear_maps.LinearMapSummary) -> tuple[list[str], str, str]:
    """Eigenvalue formulas (LaTeX), a short remark for the panel, and the caption."""
    kind = summary.structure
    if kind is EigenStructure.COMPLEX:
        z = summary.eigenvalues[1]
        imag = latex_complex(0.0, abs(z.imag))
        real = latex_number(z.real)
        value = rf"\pm {imag}" if real == "0" else rf"{real} \pm {imag}"
        return (
            [rf"\lambda = {value}"],
            "no real eigenvectors:\nevery direction turns",
            f"The eigenvalues are complex ({format_number(z.real)} ± "
            f"{format_number(abs(z.imag))}i): no direction stays on its own line.",
        )
    if kind is EigenStructure.SCALAR:
        lam = format_number(summary.directions[0].value)
        return (
            [rf"\lambda = {latex_number(summary.directions[0].value)}\ (\text{{twice}})"],
            "every vector is\nan eigenvector",
            f"A is {lam} times the identity: every vector is scaled by {lam} "
            "and keeps its direction.",
        )
    if kind is EigenStructure.DEFECTIVE:
        lam = summary.directions[0].value
        return (
            [rf"\lambda = {latex_number(lam)}\ (\text{{twice}})"],
            "only one\neigen-direction",
            f"The eigenvalue {format_number(lam)} is repeated but has a single "
            "eigen-direction: vectors on that line stay on it.",
        )
    l1, l2 = (d.value for d in summary.directions)
    return (
        [rf"\lambda_1 = {latex_number(l1)}", rf"\lambda_2 = {latex_number(l2)}"],
        "",
        f"Two eigen-directions: vectors on them only stretch, by "
        f"{format_number(l1)} and by {format_number(l2)}.",
    )


def key_points(summary: linear_maps.LinearMapSummary) -> np.ndarray:
    """Points the picture must keep in view: basis, square and eigenvector tips (layout,
    so it lives with the scene rather than in mlmath_viz)."""
    pts = [
        [0.0, 0.0],
        [1.0, 0.0],
        [0.0, 1.0],
        [1.0, 1.0],
        *summary.basis_images,
        *summary.square_image,
    ]
    for d in summary.directions:
        pts.append(list(d.vector))
        pts.append([d.value * d.vector[0], d.value * d.vector[1]])
    return np.array(pts, dtype=np.float64)


@dataclass
class LinearMapPicture:
    """What LinearMap draws, for its beats, invariants and tests."""

    summary: linear_maps.LinearMapSummary
    a: np.ndarray  # the matrix A
    view: Coords
    origin: np.ndarray
    background: Mobject
    plane: Mobject
    square: Polygon
    turn: ArcBetweenPoints
    turn_tip: Mobject
    i_hat: Arrow
    j_hat: Arrow
    i_label: MathTex
    j_label: MathTex
    eigen_lines: VGroup
    eigen_arrows: VGroup  # eigenvectors not along i-hat or j-hat
    eigen_arrow_vectors: list[tuple[float, tuple[float, float]]]  # their (lambda, v)
    eigen_targets: list[Any]  # (arrow, image, colour)
    box: Mobject
    matrix_row: VGroup
    progress: ValueTracker
    area_row: VGroup
    area_value: Readout
    eigen_rows: VGroup
    eigen_caption: str
    conclusion: VGroup
    conclusion_caption: str


class LinearMap(MathScene):
    """A matrix as a map of the plane.

    The grid, i-hat and j-hat move to their images under a 2x2 matrix; the unit square
    becomes a parallelogram whose signed area is the determinant, and eigen-directions
    stay put.
    """

    params_type = LinearMapParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_basis()  # the grid, i-hat, j-hat and the matrix A
        self.show_eigen()  # the lines A maps onto themselves
        collapsed = self.transform()  # A moves the whole plane; the area readout follows
        self.show_determinant(collapsed)  # what det A says

    def build_picture(self) -> LinearMapPicture:
        """The numbers from mlmath_viz, the view, the plane, basis, square and eigen-lines,
        and the panel (placed, not yet shown)."""
        a = np.array(self.params.matrix, dtype=float)
        summary = linear_maps.summarize(a)
        self.data = summary.to_json()

        # -- Layout: fit every point that will be drawn into the plane's region.
        view = view_left_of_panel(key_points(summary), MAX_UNIT, LABEL_ROOM)
        origin, unit = view.origin, view.unit
        self.data["unit_length"] = unit

        # -- Mobjects.
        background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        plane = grid(view, PALETTE.grid, opacity=0.8, stroke_width=1.5)
        square = Polygon(
            *(view.c2p(p) for p in ((0, 0), (1, 0), (1, 1), (0, 1))),
            stroke_color=PALETTE.area,
            stroke_width=2,
            fill_color=PALETTE.area,
            fill_opacity=0.35,
        )
        turn = ArcBetweenPoints(
            view.c2p((0.62, 0.18)),
            view.c2p((0.18, 0.62)),
            angle=np.pi / 3,
            color=PALETTE.area,
            stroke_width=3,
        )
        turn_tip = path_tip(turn, PALETTE.area)
        turn_tip.add_updater(lambda m: path_tip(turn, PALETTE.area, tip=m))
        i_hat = vector_arrow(view, (1, 0), PALETTE.i_hat)
        j_hat = vector_arrow(view, (0, 1), PALETTE.j_hat)
        i_label = math_label(r"\hat{\imath}", PALETTE.i_hat, size=HAT_SIZE)
        j_label = math_label(r"\hat{\jmath}", PALETTE.j_hat, size=HAT_SIZE)
        i_label.add_updater(lambda m: label_beside(m, i_hat, side=-1, fallback=RIGHT))
        j_label.add_updater(lambda m: label_beside(m, j_hat, side=+1, fallback=UP))
        label_beside(i_label, i_hat, side=-1, fallback=RIGHT)
        label_beside(j_label, j_hat, side=+1, fallback=UP)

        eigen_lines = VGroup()
        eigen_arrow_vectors: list[tuple[float, tuple[float, float]]] = []
        eigen_arrows = VGroup()
        eigen_targets = []
        if summary.structure in (EigenStructure.DISTINCT, EigenStructure.DEFECTIVE):
            reach = 2 * (frame_half_width() + abs(float(origin[0])))
            for d, colour in zip(summary.directions, PALETTE.eigen, strict=False):
                v = np.array([*d.vector, 0.0])
                eigen_lines.add(
                    DashedLine(
                        origin - reach * v,
                        origin + reach * v,
                        color=colour,
                        stroke_width=3,
                        dash_length=0.15,
                    )
                )
                parallel_to_basis = abs(d.vector[0]) > 1 - 1e-9 or abs(d.vector[1]) > 1 - 1e-9
                if parallel_to_basis:
                    continue  # i-hat or j-hat already shows this eigenvector
                arrow = vector_arrow(view, d.vector, colour)
                eigen_arrows.add(arrow)
                eigen_arrow_vectors.append((d.value, d.vector))
                image = (d.value * d.vector[0], d.value * d.vector[1])
                eigen_targets.append((arrow, image, colour))

        # -- The panel: matrix, live signed area, eigenvalues, conclusion.
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        entries = [[format_number(x, scientific=False) for x in row] for row in summary.matrix]
        matrix = Matrix(
            entries,
            element_to_mobject=lambda s: MathTex(s, font_size=BODY_SIZE),
            h_buff=0.55 + 0.16 * max(len(e) for row in entries for e in row),
            v_buff=0.7,
        )
        columns = matrix.get_columns()
        columns[0].set_color(PALETTE.i_hat)
        columns[1].set_color(PALETTE.j_hat)
        matrix.get_brackets().set_color(PALETTE.text)
        a_equals = MathTex("A =", font_size=BODY_SIZE, color=PALETTE.text)
        matrix_row = VGroup(a_equals, matrix).arrange(RIGHT, buff=0.2)
        if matrix_row.width > PANEL_WIDTH:  # long entries such as -10.25: shrink to fit
            matrix_row.scale_to_fit_width(PANEL_WIDTH)

        progress = ValueTracker(0.0)
        area_label = MathTex(r"\text{signed area} =", font_size=LABEL_SIZE, color=PALETTE.area)
        area_value = Readout(1.0, decimals=2, font_size=LABEL_SIZE, color=PALETTE.area)
        area_row = VGroup(area_label, area_value)
        area_value.add_updater(
            lambda m: m.set_value(linear_maps.interpolated_determinant(a, progress.get_value()))
        )

        eigen_tex, eigen_remark, eigen_caption = _eigen_panel_lines(summary)
        eigen_rows = VGroup()
        for k, tex in enumerate(eigen_tex):
            colour = PALETTE.eigen[k] if eigen_lines else PALETTE.text
            eigen_rows.add(MathTex(tex, font_size=LABEL_SIZE, color=colour))
        if eigen_remark:
            eigen_rows.add(
                Text(eigen_remark, font_size=TEXT_SIZE, color=PALETTE.muted, line_spacing=0.8)
            )
        eigen_rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)

        conclusion_text, conclusion_caption = _conclusion(summary)
        det_row = MathTex(
            rf"\det A = {latex_number(summary.determinant)}",
            font_size=BODY_SIZE,
            color=PALETTE.text,
        )
        conclusion = VGroup(
            det_row,
            Text(conclusion_text, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        area_value.place_after(area_label[0][-1])  # centred on the "=" sign
        stack(
            [matrix_row, area_row, eigen_rows, conclusion],
            top=frame_half_height() - FRAME_MARGIN - 0.1,
            left=left,
            gap=0.4,
        )
        self.panel_texts = VGroup(matrix_row, area_row, eigen_rows, conclusion)
        # Lines that run across the whole frame stay under the panel.
        background.set_z_index(UNDER_PANEL_Z - 2)
        plane.set_z_index(UNDER_PANEL_Z - 1)
        eigen_lines.set_z_index(UNDER_PANEL_Z)

        return LinearMapPicture(
            summary=summary,
            a=a,
            view=view,
            origin=origin,
            background=background,
            plane=plane,
            square=square,
            turn=turn,
            turn_tip=turn_tip,
            i_hat=i_hat,
            j_hat=j_hat,
            i_label=i_label,
            j_label=j_label,
            eigen_lines=eigen_lines,
            eigen_arrows=eigen_arrows,
            eigen_arrow_vectors=eigen_arrow_vectors,
            eigen_targets=eigen_targets,
            box=box,
            matrix_row=matrix_row,
            progress=progress,
            area_row=area_row,
            area_value=area_value,
            eigen_rows=eigen_rows,
            eigen_caption=eigen_caption,
            conclusion=conclusion,
            conclusion_caption=conclusion_caption,
        )

    def show_basis(self) -> None:
        # The columns of A say where the basis vectors land.
        pic = self.picture
        (p, q), (r, s) = pic.summary.basis_images
        self.beat(
            "basis",
            f"The columns of A say where the basis vectors land: e1 goes to "
            f"({format_number(p)}, {format_number(q)}) and e2 to "
            f"({format_number(r)}, {format_number(s)}).",
        )
        self.add(pic.background)
        self.play(Create(pic.plane, lag_ratio=0.05), run_time=1.2)
        self.play(FadeIn(pic.square), GrowArrow(pic.i_hat), GrowArrow(pic.j_hat), run_time=1)
        self.play(
            FadeIn(pic.i_label),
            FadeIn(pic.j_label),
            Create(pic.turn),
            FadeIn(pic.turn_tip),
            run_time=0.6,
        )
        self.add(pic.box)
        self.play(Write(pic.matrix_row), FadeIn(pic.area_row), run_time=1.2)

    def show_eigen(self) -> None:
        # Eigen-directions: the lines that A maps onto themselves.
        pic = self.picture
        self.beat("eigen", pic.eigen_caption)
        self.play(
            *(Create(line) for line in pic.eigen_lines),
            *(GrowArrow(arrow) for arrow in pic.eigen_arrows),
            FadeIn(pic.eigen_rows),
            run_time=1.2,
        )
        self.bring_to_front(pic.i_hat, pic.j_hat, pic.i_label, pic.j_label)

    def transform(self) -> list[Animation]:
        # Applying A moves every grid line at once; the square becomes a parallelogram.
        pic = self.picture
        self.beat(
            "transform",
            "Applying A moves every grid line at once; the unit square becomes a "
            "parallelogram and its signed area changes as it goes.",
        )
        about = {"about_point": pic.origin}
        square_target = pic.square.copy().apply_matrix(pic.a, **about)
        if pic.summary.determinant < 0:
            square_target.set_fill(PALETTE.area_flipped).set_stroke(PALETTE.area_flipped)
        self.play(
            ApplyMatrix(pic.a, pic.plane, **about),
            ApplyMatrix(pic.a, pic.turn, **about),
            Transform(pic.square, square_target),
            Transform(
                pic.i_hat, vector_arrow(pic.view, pic.summary.basis_images[0], PALETTE.i_hat)
            ),
            Transform(
                pic.j_hat, vector_arrow(pic.view, pic.summary.basis_images[1], PALETTE.j_hat)
            ),
            *(
                Transform(arrow, vector_arrow(pic.view, image, colour))
                for arrow, image, colour in pic.eigen_targets
            ),
            pic.progress.animate.set_value(1.0),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        pic.area_value.clear_updaters()
        pic.area_value.set_value(pic.summary.determinant)
        pic.turn_tip.clear_updaters()
        collapsed = []
        if pic.summary.rank < 2:  # no orientation left to show: the square has no area
            self.add(Dot(pic.origin, radius=0.05, color=PALETTE.area))
            collapsed = [FadeOut(pic.turn), FadeOut(pic.turn_tip)]

        return collapsed

    def show_determinant(self, collapsed: list[Animation]) -> None:
        # What det A says: how areas scale, whether the plane flips or collapses.
        pic = self.picture
        self.beat("determinant", pic.conclusion_caption)
        self.play(
            FadeIn(pic.conclusion, shift=0.2 * UP), Indicate(pic.area_row), *collapsed, run_time=1.2
        )
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """After the map: basis tips at A's columns, the square's area at det A, eigen
        arrows at lambda v, and the readout showing det A."""
        if beat not in ("transform", "determinant"):
            return []
        pic = self.picture
        view = pic.view
        checks = [
            Invariant(
                "i-hat tip = A e1", view.p2c(pic.i_hat.get_end()), self.data["basis_images"][0]
            ),
            Invariant(
                "j-hat tip = A e2", view.p2c(pic.j_hat.get_end()), self.data["basis_images"][1]
            ),
            Invariant(
                "square's signed area = det A",
                parallelogram_area([view.p2c(v) for v in pic.square.get_vertices()]),
                self.data["determinant"],
            ),
            Invariant(
                "area readout = det A",
                pic.area_value.get_value(),
                self.data["determinant"],
                atol=1e-12,
            ),
        ]
        for arrow, (value, vector) in zip(pic.eigen_arrows, pic.eigen_arrow_vectors, strict=True):
            checks.append(
                Invariant(
                    f"eigen arrow tip = {value:g} v",
                    view.p2c(arrow.get_end()),
                    [value * vector[0], value * vector[1]],
                )
            )
        return checks
