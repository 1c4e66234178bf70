"""A matrix as a map of the plane.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/linear_map.py LinearMap``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    ArcBetweenPoints,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    Matrix,
    Mobject,
    NumberPlane,
    Text,
    ValueTracker,
    VGroup,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/linear_map.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import linear_maps
from mlmath_viz.linear_maps import EigenStructure
from scenes.kit.builders import (
    grid,
    panel_box,
    path_tip,
    stack,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.marks import keep_wide, wide_arrow_maker, wide_dashes
from scenes.kit.numbers import format_number, latex_complex, latex_number
from scenes.kit.readouts import Readout
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.stage import (
    LABEL_ROOM,
    MAX_UNIT,
    LinearMapStage,
    eigen_lines,
    view_points,
)
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import LinearMapParams


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


#: Length (plane units) of the eigen arrows: longer than the unit basis arrows, so that
#: they do not pile up with i-hat, j-hat and the turning arc inside the unit square.
EIGEN_ARROW_LENGTH = 1.6

#: How much larger than the frame the moving grid is made, at most, so that a map that
#: shrinks the plane still covers the frame with grid (else its edge shows as a
#: staircase of line ends).
MAX_GRID_REACH = 5.0


def eigen_arrow_vector(vector: tuple[float, float]) -> tuple[float, float]:
    """The drawn eigen arrow along the unit eigenvector ``vector``."""
    return (EIGEN_ARROW_LENGTH * vector[0], EIGEN_ARROW_LENGTH * vector[1])


def key_points(summary: linear_maps.LinearMapSummary) -> np.ndarray:
    """Points the picture must keep in view: basis, square and eigenvector tips, and the
    drawn eigen arrows before and after the map (layout, so it lives with the scene
    rather than in mlmath_viz)."""
    eigen_tips = []
    for d in summary.directions:
        drawn = eigen_arrow_vector(d.vector)
        eigen_tips += [
            [list(d.vector), [d.value * d.vector[0], d.value * d.vector[1]]],
            [list(drawn), [d.value * drawn[0], d.value * drawn[1]]],
        ]
    return view_points(summary.basis_images, summary.square_image, *eigen_tips)


def covering_grid(view: Coords, a: np.ndarray) -> NumberPlane:
    """The stage's moving grid, made large enough that its image under ``a`` still
    covers the frame (up to :data:`MAX_GRID_REACH` times the frame, for maps that squash
    the plane: their image is a line anyway)."""
    smallest = float(np.linalg.svd(a, compute_uv=False)[-1])
    reach = min(MAX_GRID_REACH, 1.0 / smallest) if smallest > 0 else MAX_GRID_REACH
    reach = max(1.0, reach)
    # square, so that a turn does not bring the short side's edge into the frame
    half = reach * float(
        np.hypot(
            frame_half_width() + abs(float(view.origin[0])),
            frame_half_height() + abs(float(view.origin[1])),
        )
        + 1
    )
    return grid(view, PALETTE.grid, opacity=0.8, stroke_width=1.5, reach=(half, half))


def basis_caption(summary: linear_maps.LinearMapSummary) -> str:
    """The basis beat's caption: only what the frame shows then, A's columns in the
    panel (the basis arrows still sit at e1 and e2; they reach the columns only when
    the transform beat plays)."""
    (p, q), (r, s) = summary.basis_images
    return (
        f"The columns of A, ({format_number(p)}, {format_number(q)}) and "
        f"({format_number(r)}, {format_number(s)}), are where A will send the basis "
        "vectors e1 and e2."
    )


def _matrix_row(summary: linear_maps.LinearMapSummary) -> VGroup:
    """``A = [...]`` with the columns in the i-hat and j-hat colours, shrunk to fit."""
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
    row = VGroup(a_equals, matrix).arrange(RIGHT, buff=0.2)
    if row.width > PANEL_WIDTH:  # long entries such as -10.25: shrink to fit
        row.scale_to_fit_width(PANEL_WIDTH)
    return row


def _eigen_rows(summary: linear_maps.LinearMapSummary, coloured: bool) -> tuple[VGroup, str]:
    """The eigenvalue rows (in the eigen colours when ``coloured``) and the eigen caption."""
    eigen_tex, eigen_remark, eigen_caption = _eigen_panel_lines(summary)
    rows = VGroup()
    for k, tex in enumerate(eigen_tex):
        colour = PALETTE.eigen[k] if coloured else PALETTE.text
        rows.add(MathTex(tex, font_size=LABEL_SIZE, color=colour))
    if eigen_remark:
        rows.add(Text(eigen_remark, font_size=TEXT_SIZE, color=PALETTE.muted, line_spacing=0.8))
    rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
    return rows, eigen_caption


def _conclusion_block(summary: linear_maps.LinearMapSummary) -> tuple[VGroup, str]:
    """``det A = ...`` over what it says, and the closing caption."""
    conclusion_text, conclusion_caption = _conclusion(summary)
    det_row = MathTex(
        rf"\det A = {latex_number(summary.determinant)}",
        font_size=BODY_SIZE,
        color=PALETTE.text,
    )
    block = VGroup(
        det_row,
        Text(conclusion_text, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
    return block, conclusion_caption


@dataclass
class LinearMapPicture:
    """What LinearMap draws, for its beats, invariants and tests."""

    summary: linear_maps.LinearMapSummary
    a: np.ndarray  # the matrix A
    view: Coords
    stage: LinearMapStage  # plane, square, basis and labels; its vectors: the eigen arrows
    turn: ArcBetweenPoints
    turn_tip: Mobject
    eigen_lines: VGroup
    eigen_arrow_vectors: list[tuple[float, tuple[float, float]]]  # (lambda, v) per arrow
    box: Mobject
    matrix_row: VGroup
    progress: ValueTracker
    area_row: VGroup
    area_value: Readout
    eigen_rows: VGroup
    eigen_caption: str
    conclusion: VGroup
    conclusion_caption: str

    @property
    def eigen_arrows(self) -> VGroup:
        """The eigenvectors not along i-hat or j-hat, drawn as the stage's own vectors."""
        return self.stage.vectors

    def eigen_tips(self) -> list[tuple[float, float]]:
        """Where A sends each eigen arrow: lambda v."""
        return [(lam * v[0], lam * v[1]) for lam, v in self.eigen_arrow_vectors]


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
        """The numbers from mlmath_viz, the view, the stage (plane, basis, square, the
        turning arc and the eigen arrows), the eigen-lines and the panel (placed, not
        yet shown)."""
        a = np.array(self.params.matrix, dtype=float)
        summary = linear_maps.summarize(a)
        self.data = summary.to_json()
        # Layout: fit every point that will be drawn into the plane's region.
        view = view_left_of_panel(key_points(summary), MAX_UNIT, LABEL_ROOM)
        self.data["unit_length"] = view.unit
        stage = LinearMapStage(self, view, labels="beside")
        # The stage's grid covers the frame; after a shrinking map it would not.
        assert stage.plane is not None
        plane = covering_grid(view, a).set_z_index(stage.plane.z_index)
        stage.plane, stage.home = plane, plane.copy()
        keep_wide(stage.i_hat, stage.j_hat)  # a large A makes the unit arrows short
        turn = ArcBetweenPoints(
            view.c2p((0.62, 0.18)),
            view.c2p((0.18, 0.62)),
            angle=np.pi / 3,
            color=PALETTE.area,
            stroke_width=3,
        )
        turn_tip = path_tip(turn, PALETTE.area)
        turn_tip.add_updater(lambda m: path_tip(turn, PALETTE.area, tip=m))
        stage.carry(turn)
        lines, arrow_vectors = self.build_eigen(summary, stage)
        # The panel: matrix, live signed area, eigenvalues, conclusion.
        left = panel_left()
        progress = ValueTracker(0.0)
        area_label = MathTex(r"\text{signed area} =", font_size=LABEL_SIZE, color=PALETTE.area)
        area_value = Readout(1.0, decimals=2, font_size=LABEL_SIZE, color=PALETTE.area)
        area_value.add_updater(
            lambda m: m.set_value(linear_maps.interpolated_determinant(a, progress.get_value()))
        )
        matrix_row = _matrix_row(summary)
        area_row = VGroup(area_label, area_value)
        eigen_rows, eigen_caption = _eigen_rows(summary, coloured=bool(lines))
        conclusion, conclusion_caption = _conclusion_block(summary)
        area_value.place_after(area_label[0][-1])  # centred on the "=" sign
        rows = [matrix_row, area_row, eigen_rows, conclusion]
        stack(rows, top=frame_half_height() - FRAME_MARGIN - 0.1, left=left, gap=0.4)
        self.panel_texts = VGroup(*rows)
        return LinearMapPicture(
            summary=summary,
            a=a,
            view=view,
            stage=stage,
            turn=turn,
            turn_tip=turn_tip,
            eigen_lines=lines,
            eigen_arrow_vectors=arrow_vectors,
            box=panel_box(left - 0.2, PANEL_WIDTH + 0.2),
            matrix_row=matrix_row,
            progress=progress,
            area_row=area_row,
            area_value=area_value,
            eigen_rows=eigen_rows,
            eigen_caption=eigen_caption,
            conclusion=conclusion,
            conclusion_caption=conclusion_caption,
        )

    @staticmethod
    def build_eigen(
        summary: linear_maps.LinearMapSummary, stage: LinearMapStage
    ) -> tuple[VGroup, list[tuple[float, tuple[float, float]]]]:
        """The eigen-lines (for real eigen-directions) and, as the stage's vectors, an
        arrow for each eigenvector that i-hat or j-hat does not already show."""
        if summary.structure not in (EigenStructure.DISTINCT, EigenStructure.DEFECTIVE):
            return VGroup(), []
        lines = wide_dashes(eigen_lines(stage.view, [d.vector for d in summary.directions]))
        arrow_vectors = []
        for d, colour in zip(summary.directions, PALETTE.eigen, strict=False):
            if abs(d.vector[0]) > 1 - 1e-9 or abs(d.vector[1]) > 1 - 1e-9:
                continue  # i-hat or j-hat already shows this eigenvector
            drawn = eigen_arrow_vector(d.vector)
            stage.add_vector(drawn, colour, make=wide_arrow_maker(vector_arrow))
            arrow_vectors.append((d.value, drawn))
        return lines, arrow_vectors

    def show_basis(self) -> None:
        # The columns of A say where the basis vectors land.
        pic = self.picture
        self.beat("basis", basis_caption(pic.summary))
        # The panel is there from the start: A is written while the grid is drawn.
        stage = pic.stage
        assert stage.plane is not None
        self.add(stage.background, pic.box)
        self.play(Create(stage.plane, lag_ratio=0.05), Write(pic.matrix_row), run_time=1.2)
        self.play(*stage.appear(), FadeIn(pic.area_row), run_time=1)
        self.play(
            FadeIn(stage.i_label),
            FadeIn(stage.j_label),
            Create(pic.turn),
            FadeIn(pic.turn_tip),
            run_time=0.6,
        )

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
        stage = pic.stage
        self.bring_to_front(stage.i_hat, stage.j_hat, stage.i_label, stage.j_label)

    def transform(self) -> list[Animation]:
        # Applying A moves every grid line at once; the square becomes a parallelogram.
        pic = self.picture
        self.beat(
            "transform",
            "Applying A moves every grid line at once; the unit square becomes a "
            "parallelogram and its signed area changes as it goes.",
        )
        self.play(
            *pic.stage.apply(pic.a, det=pic.summary.determinant, tips=pic.eigen_tips()),
            pic.progress.animate.set_value(1.0),
            run_time=self.params.run_time,
            rate_func=smooth,
        )
        keep_wide(pic.stage.i_hat, pic.stage.j_hat)
        pic.area_value.clear_updaters()
        pic.area_value.set_value(pic.summary.determinant)
        pic.turn_tip.clear_updaters()
        collapsed = []
        if pic.summary.rank < 2:  # no orientation left to show: the square has no area
            self.add(Dot(pic.view.origin, radius=0.05, color=PALETTE.area))
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
        checks = pic.stage.basis_checks("A", pic.a, self.data["determinant"])
        checks.append(
            Invariant(
                "area readout = det A",
                pic.area_value.get_value(),
                self.data["determinant"],
                atol=1e-12,
            )
        )
        for tip, (value, vector) in zip(
            pic.stage.vector_tips(), pic.eigen_arrow_vectors, strict=True
        ):
            checks.append(
                Invariant(
                    f"eigen arrow tip = {value:g} v", tip, [value * vector[0], value * vector[1]]
                )
            )
        return checks
