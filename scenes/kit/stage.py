"""The linear-map stage, in the spirit of Manim's ``LinearTransformationScene``: a
plane (grid over a faint background grid), the unit square and the basis vectors
i-hat and j-hat with their labels; :meth:`LinearMapStage.apply` maps the picture by a
matrix, :meth:`LinearMapStage.reset` brings it back, and :meth:`LinearMapStage.basis_checks`
reads the drawn tips and area back for the invariants.

As in ``LinearTransformationScene`` the parts are options (no plane, no square, no
basis, labels the scene places itself), and a scene can add its own vectors
(:meth:`LinearMapStage.add_vector`, moved to the tips it gives each :meth:`apply`) and
mobjects mapped point by point with the plane (:meth:`LinearMapStage.carry`). Shared by
LinearMap, Composition, Inverse, Eigenvectors and ChangeOfBasis; the eigen-lines, the
``name = (matrix)`` rows and the points a view must fit live here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    ApplyMatrix,
    Arrow,
    Create,
    DashedLine,
    FadeIn,
    GrowArrow,
    Mobject,
    NumberPlane,
    Polygon,
    Transform,
    VGroup,
)

from mlmath_viz.linear_maps import determinant, parallelogram_area
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
    LABEL_SIZE,
    PALETTE,
    UNDER_PANEL_Z,
    frame_half_width,
)

#: Room left around the plotted points for the labels beside arrow tips.
LABEL_ROOM = 0.6


#: Largest length of one unit on screen (keeps small matrices from looking huge).
MAX_UNIT = 1.4


Matrix2 = Sequence[Sequence[float]]

#: How the stage places the basis labels: ``"dodge"`` beside the tips, the j-hat label
#: moving where it does not touch the i-hat label; ``"beside"`` each beside its own tip
#: only; ``"scene"`` not at all (the scene places them).
LABEL_PLACEMENTS = ("dodge", "beside", "scene")


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


def equation_row(
    name: str, rows: Matrix2, colours: Sequence[str], size: float = LABEL_SIZE
) -> VGroup:
    """``name = (matrix)`` with coloured columns, in the eigen scenes' spacing."""
    return matrix_row((name, "="), rows, size=size, colours=colours)


def eigen_line(view: Coords, vector: Sequence[float], colour: str) -> DashedLine:
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


def eigen_lines(view: Coords, vectors: Sequence[Sequence[float]]) -> VGroup:
    """:func:`eigen_line` along each vector, in the eigen colours, just under the panel
    (they cross the whole frame)."""
    lines = VGroup(*(eigen_line(view, v, c) for v, c in zip(vectors, PALETTE.eigen, strict=False)))
    lines.set_z_index(UNDER_PANEL_Z)
    return lines


def line_direction(view: Coords, line: Mobject) -> np.ndarray:
    """Unit direction of a drawn line, in plane coordinates (zero if collapsed)."""
    d = view.p2c(line.get_end()) - view.p2c(line.get_start())
    length = float(np.linalg.norm(d))
    return d / length if length > 1e-9 else d


def cross(u: Sequence[float], v: Sequence[float]) -> float:
    """The 2-D cross product u_x v_y - u_y v_x: zero when u and v are parallel."""
    return float(u[0] * v[1] - u[1] * v[0])


def view_points(*tips: Any, square: bool = True) -> np.ndarray:
    """The points a stage's view must fit: the origin, e1 and e2 (and (1, 1), the unit
    square's far corner, with ``square``), then every tip in ``tips`` (each a point or
    an array of points) drawn at any stage."""
    base = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]] + ([[1.0, 1.0]] if square else [])
    pts = [np.array(base), *(np.asarray(t, dtype=np.float64).reshape(-1, 2) for t in tips)]
    return np.concatenate(pts).astype(np.float64)


class LinearMapStage:
    """The moving picture of a linear map: grid, unit square, basis arrows, labels, and
    the scene's own vectors and carried mobjects.

    ``plane``, ``square`` and ``basis`` leave those parts out when false (the faint
    background grid is always there); ``labels`` is one of :data:`LABEL_PLACEMENTS`.
    """

    def __init__(
        self,
        scene: MathScene,
        view: Coords,
        *,
        plane: bool = True,
        square: bool = True,
        basis: bool = True,
        labels: str = "dodge",
    ) -> None:
        if labels not in LABEL_PLACEMENTS:
            raise ValueError(f"labels must be one of {LABEL_PLACEMENTS}, got {labels!r}")
        self.view = view
        self.scene = scene
        self.background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        self.background.set_z_index(UNDER_PANEL_Z - 2)
        self.plane: NumberPlane | None = None
        self.home: NumberPlane | None = None
        if plane:
            self.plane = grid(view, PALETTE.grid, opacity=0.8, stroke_width=1.5)
            self.plane.set_z_index(UNDER_PANEL_Z - 1)
            self.home = self.plane.copy()
        self.square: Polygon | None = self.unit_square() if square else None
        #: The scene's own arrows (:meth:`add_vector`), moved by :meth:`apply`.
        self.vectors = VGroup()
        self.vector_makers: list[Callable[[Coords, Sequence[float], Any], Arrow]] = []
        #: Mobjects mapped point by point with the plane (:meth:`carry`).
        self.carried: list[Mobject] = []
        #: Whether the stage draws i-hat and j-hat (and has ``i_hat``, ``j_label``, ...).
        self.has_basis = basis
        if basis:
            self.add_basis(labels)

    def add_basis(self, labels: str) -> None:
        """The basis arrows at e1 and e2 and their labels, placed as ``labels`` says."""
        view = self.view
        self.i_hat = vector_arrow(view, (1, 0), PALETTE.i_hat)
        self.j_hat = vector_arrow(view, (0, 1), PALETTE.j_hat)
        i_hat, j_hat = self.i_hat, self.j_hat
        self.i_label = math_label(r"\hat{\imath}", PALETTE.i_hat, size=HAT_SIZE)
        self.j_label = math_label(r"\hat{\jmath}", PALETTE.j_hat, size=HAT_SIZE)
        if labels == "scene":
            return
        self.i_label.add_updater(lambda m: label_beside(m, i_hat, side=-1, fallback=RIGHT))
        label_beside(self.i_label, i_hat, side=-1, fallback=RIGHT)
        if labels == "beside":
            self.j_label.add_updater(lambda m: label_beside(m, j_hat, side=+1, fallback=UP))
            label_beside(self.j_label, j_hat, side=+1, fallback=UP)
            return
        self.j_label.add_updater(lambda m: self.place_j_label())
        self.place_j_label()

    def add_vector(
        self,
        tip: Sequence[float],
        colour: Any,
        make: Callable[[Coords, Sequence[float], Any], Arrow] = vector_arrow,
    ) -> Arrow:
        """An arrow from the origin to ``tip`` made by ``make(view, tip, colour)``
        (default :func:`~scenes.kit.builders.vector_arrow`); :meth:`apply` moves it to
        the tip it is given. Not shown: the scene grows it when its story needs it."""
        arrow = make(self.view, tip, colour)
        self.vectors.add(arrow)
        self.vector_makers.append(make)
        return arrow

    def carry(self, *mobjects: Mobject) -> None:
        """Map ``mobjects`` point by point with the plane in every :meth:`apply`."""
        self.carried.extend(mobjects)

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

    def show_plane(self) -> None:
        """Lay down the background grid and draw the plane over it."""
        self.scene.add(self.background)
        if self.plane is not None:
            self.scene.play(Create(self.plane, lag_ratio=0.05), run_time=1.2)

    def appear(self) -> list[Animation]:
        """Animations that bring in the square and the basis arrows (not the labels)."""
        shown: list[Animation] = [] if self.square is None else [FadeIn(self.square)]
        if self.has_basis:
            shown += [GrowArrow(self.i_hat), GrowArrow(self.j_hat)]
        return shown

    def show(self, *with_labels: Animation, label_time: float = 0.5) -> None:
        """Draw the grid, the square and the basis, then its labels together with
        ``with_labels`` (in ``label_time`` seconds)."""
        self.show_plane()
        self.scene.play(*self.appear(), run_time=1)
        self.scene.play(
            FadeIn(self.i_label), FadeIn(self.j_label), *with_labels, run_time=label_time
        )

    def apply(
        self,
        matrix: Matrix2,
        result: Matrix2 | None = None,
        det: float | None = None,
        tips: Sequence[Sequence[float]] = (),
    ) -> list[Animation]:
        """Animations that apply ``matrix`` to the picture, whose basis then shows
        ``result``'s columns (default: ``matrix``'s) and whose square has signed area
        ``det`` (its colour says the sign), the scene's vectors ending at ``tips``.

        The arrows are rebuilt at those tips (the numbers from mlmath_viz); the grid,
        the square and the carried mobjects are mapped point by point, so their drawn
        positions are an independent check of those numbers.
        """
        m = np.array(matrix, dtype=float)
        about = {"about_point": self.view.origin}
        moves: list[Animation] = []
        if self.plane is not None:
            moves.append(ApplyMatrix(m, self.plane, **about))
        moves += [ApplyMatrix(m, mob, **about) for mob in self.carried]
        if self.square is not None:
            square_target = self.square.copy().apply_matrix(m, **about)
            signed = determinant(m) if det is None else det
            colour = PALETTE.area_flipped if signed < 0 else PALETTE.area
            square_target.set_fill(colour).set_stroke(colour)
            moves.append(Transform(self.square, square_target))
        if self.has_basis:
            e1, e2 = columns(matrix if result is None else result)
            moves += [
                Transform(self.i_hat, vector_arrow(self.view, e1, PALETTE.i_hat)),
                Transform(self.j_hat, vector_arrow(self.view, e2, PALETTE.j_hat)),
            ]
        for arrow, make, tip in zip(self.vectors, self.vector_makers, tips, strict=True):
            target = make(self.view, tip, arrow.get_color())
            target.set_z_index(arrow.z_index)
            moves.append(Transform(arrow, target))
        return moves

    def reset(self) -> list[Animation]:
        """Animations that bring the grid, square and basis back to where they started."""
        assert self.plane is not None and self.home is not None and self.square is not None
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
        assert self.square is not None
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

    def vector_tips(self) -> list[np.ndarray]:
        """Plane coordinates of the drawn tips of the scene's vectors."""
        return [self.view.p2c(arrow.get_end()) for arrow in self.vectors]
