"""The linear-map stage, in the spirit of Manim's ``LinearTransformationScene``: a
plane (grid over a faint background grid), the unit square and the basis vectors
i-hat and j-hat with their labels; :meth:`LinearMapStage.apply` maps the picture by a
matrix, :meth:`LinearMapStage.reset` brings it back, and :meth:`LinearMapStage.basis_checks`
reads the drawn tips and area back for the invariants. Shared by Composition and
Inverse (LinearMap, Eigenvectors and ChangeOfBasis still build theirs by hand).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ApplyMatrix,
    Create,
    FadeIn,
    GrowArrow,
    NumberPlane,
    Polygon,
    Transform,
    VGroup,
)

from mlmath_viz.linear_maps import parallelogram_area
from scenes.kit.builders import (
    grid,
    label_beside,
    math_label,
    vector_arrow,
)
from scenes.kit.coords import Coords
from scenes.kit.numbers import format_number
from scenes.kit.panel import matrix_entry, matrix_row, touching
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    HAT_SIZE,
    PALETTE,
    UNDER_PANEL_Z,
)

#: Room left around the plotted points for the labels beside arrow tips.
LABEL_ROOM = 0.6


#: Largest length of one unit on screen (keeps small matrices from looking huge).
MAX_UNIT = 1.4


Matrix2 = Sequence[Sequence[float]]


def pair_text(v: Sequence[float]) -> str:
    """A point as text, ``(1, -0.5)``."""
    return f"({format_number(v[0])}, {format_number(v[1])})"


def columns(m: Matrix2) -> tuple[tuple[float, float], tuple[float, float]]:
    """The columns of a 2x2 matrix given as rows: the images of e1 and e2."""
    return (m[0][0], m[1][0]), (m[0][1], m[1][1])


def basis_row(label_tex: str, m: Matrix2, colour_columns: bool = True) -> VGroup:
    """``label [matrix]`` for the panel in the stage's spacing, its columns in the
    i-hat and j-hat colours (or all entries in the text colour)."""
    return matrix_row(
        label_tex or r"\,",
        m,
        size=BODY_SIZE,
        colours=(PALETTE.i_hat, PALETTE.j_hat) if colour_columns else None,
        entry=matrix_entry,
        h_buff=(0.55, 0.16),
        v_buff=0.55,
    )


class LinearMapStage:
    """The moving picture shared by both scenes: grid, unit square, basis arrows, labels."""

    def __init__(self, scene: MathScene, view: Coords) -> None:
        self.view = view
        self.background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        self.plane: NumberPlane = grid(view, PALETTE.grid, opacity=0.8, stroke_width=1.5)
        self.background.set_z_index(UNDER_PANEL_Z - 2)
        self.plane.set_z_index(UNDER_PANEL_Z - 1)
        self.home = self.plane.copy()
        self.square = self.unit_square()
        self.i_hat = vector_arrow(view, (1, 0), PALETTE.i_hat)
        self.j_hat = vector_arrow(view, (0, 1), PALETTE.j_hat)
        i_hat = self.i_hat
        self.i_label = math_label(r"\hat{\imath}", PALETTE.i_hat, size=HAT_SIZE)
        self.j_label = math_label(r"\hat{\jmath}", PALETTE.j_hat, size=HAT_SIZE)
        self.i_label.add_updater(lambda m: label_beside(m, i_hat, side=-1, fallback=RIGHT))
        self.j_label.add_updater(lambda m: self.place_j_label())
        label_beside(self.i_label, i_hat, side=-1, fallback=RIGHT)
        self.place_j_label()
        self.scene = scene

    def place_j_label(self) -> None:
        """Put the j-hat label beside its tip, on the side or in the direction where it
        does not touch the i-hat label (both tips can be close, e.g. when a map sends
        one basis vector to almost nothing)."""
        label, other = self.j_label, self.i_label
        label_beside(other, self.i_hat, side=-1, fallback=RIGHT)
        tip = self.j_hat.get_end()
        reach = 0.3 + 0.5 * max(label.width, label.height)
        placements = [
            lambda: label_beside(label, self.j_hat, side=+1, fallback=UP),
            lambda: label_beside(label, self.j_hat, side=-1, fallback=UP),
            *(
                (lambda d=d: label.move_to(tip + reach * d))
                for d in (UP, LEFT, DOWN, RIGHT, UP + LEFT, DOWN + LEFT)
            ),
        ]
        for place in placements:
            place()
            if not touching(label, other):
                return
        placements[0]()

    def unit_square(self) -> Polygon:
        """The unit square, filled in the area colour."""
        return Polygon(
            *(self.view.c2p(p) for p in ((0, 0), (1, 0), (1, 1), (0, 1))),
            stroke_color=PALETTE.area,
            stroke_width=2,
            fill_color=PALETTE.area,
            fill_opacity=0.35,
        )

    def show(self) -> None:
        """Draw the grid, the square and the basis with its labels."""
        scene = self.scene
        scene.add(self.background)
        scene.play(Create(self.plane, lag_ratio=0.05), run_time=1.2)
        scene.play(FadeIn(self.square), GrowArrow(self.i_hat), GrowArrow(self.j_hat), run_time=1)
        scene.play(FadeIn(self.i_label), FadeIn(self.j_label), run_time=0.5)

    def apply(self, matrix: Matrix2, result: Matrix2, det: float) -> list:
        """Animations that apply ``matrix`` to the picture, whose basis then shows ``result``.

        The arrows are rebuilt at ``result``'s columns (the numbers from mlmath_viz);
        the grid and the square are mapped point by point, so their drawn positions
        are an independent check of those numbers.
        """
        m = np.array(matrix, dtype=float)
        about = {"about_point": self.view.origin}
        square_target = self.square.copy().apply_matrix(m, **about)
        colour = PALETTE.area_flipped if det < 0 else PALETTE.area
        square_target.set_fill(colour).set_stroke(colour)
        e1, e2 = columns(result)
        return [
            ApplyMatrix(m, self.plane, **about),
            Transform(self.square, square_target),
            Transform(self.i_hat, vector_arrow(self.view, e1, PALETTE.i_hat)),
            Transform(self.j_hat, vector_arrow(self.view, e2, PALETTE.j_hat)),
        ]

    def reset(self) -> list:
        """Animations that bring the grid, square and basis back to where they started."""
        return [
            Transform(self.plane, self.home.copy()),
            Transform(self.square, self.unit_square()),
            Transform(self.i_hat, vector_arrow(self.view, (1, 0), PALETTE.i_hat)),
            Transform(self.j_hat, vector_arrow(self.view, (0, 1), PALETTE.j_hat)),
        ]

    def tips(self) -> tuple[np.ndarray, np.ndarray]:
        """Plane coordinates of the drawn basis tips."""
        return self.view.p2c(self.i_hat.get_end()), self.view.p2c(self.j_hat.get_end())

    def area(self) -> float:
        """Signed area of the drawn square, in plane units."""
        return parallelogram_area([self.view.p2c(v) for v in self.square.get_vertices()])

    def basis_checks(self, what: str, result: Matrix2, det: float) -> list[Invariant]:
        """Basis tips at ``result``'s columns and the square's signed area at ``det``."""
        e1, e2 = columns(result)
        tip_i, tip_j = self.tips()
        return [
            Invariant(f"i-hat tip = {what} e1", tip_i, e1),
            Invariant(f"j-hat tip = {what} e2", tip_j, e2),
            Invariant(f"square's signed area = det {what}", self.area(), det),
        ]
