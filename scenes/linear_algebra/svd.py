"""The singular value decomposition: a turn, a stretch and a turn.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/svd.py SVD``.
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
    Rotate,
    SurroundingRectangle,
    Tex,
    Transform,
    VGroup,
    VMobject,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/svd.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import svd
from scenes.kit.builders import (
    grid,
    math_label,
    panel_box,
    readable_arrow,
    vector_arrow,
    view_left_of_panel,
)
from scenes.kit.coords import Coords
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import matrix_row, panel_stack, touching
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    PALETTE,
    PANEL_WIDTH,
    TICK_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import SVDParams

#: Room left around the plotted points for the labels beside arrow tips: above and
#: below, and (wider, for labels such as sigma_1 u_1 past a tip pointing sideways)
#: left and right.
LABEL_ROOM = 0.7


LABEL_ROOM_X = 1.6  # a sigma_1 u_1 label at INDEX_SIZE (1.0 wide) and its gap, plus PANEL_GAP


#: Largest length of one unit on screen (keeps small matrices from looking huge).
MAX_UNIT = 1.4


#: Font size of the three factors' matrices (smaller than A's, so all four fit).
FACTOR_SIZE = 30


#: Font size of the arrows' labels (sigma_1 u_1): the 90% index of a 44 formula is
#: 12.7 px at 480p (at 40 it is 11.5 px, under the standard's 12).
INDEX_SIZE = 44

#: Room between the arrows' labels and the panel's text (scene units, 30 px): a label level
#: with a panel line must not read as the end of that line.
PANEL_GAP = 0.5

#: Gap between an arrow's tip and the nearest edge of its label (scene units).
LABEL_GAP = 0.12


def _degrees(angle_deg: float) -> str:
    return f"{format_number(angle_deg, 1)}°"


def _tex_degrees(angle_deg: float) -> str:
    """An angle as LaTeX math, with a real minus: ``$-41.4^{\\circ}$``."""
    return rf"${latex_number(angle_deg, 1)}^{{\circ}}$"


def _move_text(factor: dict[str, Any], wrap: bool = False, again: bool = False) -> str:
    """'rotates by 30°' or 'reflects in the 15° line' (no subject, LaTeX words);
    ``wrap`` gives the reflection on two lines; ``again`` says it is the second
    reflection."""
    angle = _tex_degrees(factor["angle_deg"])
    if factor["kind"] == "reflection":
        verb = "reflects again" if again else "reflects"
        if wrap or again:
            return rf"{verb}, in the line\\ at {angle}"
        return f"{verb} in the {angle} line"
    return f"rotates by {angle}"


def _remark(text: str, colour: str) -> Tex:
    """A panel remark: words with their math in LaTeX, left-aligned, at TICK_SIZE."""
    return Tex(text, font_size=TICK_SIZE, color=colour, tex_environment="flushleft")


def _svd_row(name: str, rows: Sequence[Sequence[float]], size: float, after: str = "") -> VGroup:
    """``name = [matrix] after`` in the SVD panel's spacing, entries rounded."""
    return matrix_row(
        (name, "="),
        rows,
        size=size,
        h_buff=(0.4, 0.13),
        bracket_h_buff=0.12,
        after=after,
        buff=0.15,
        fit=False,
    )


def _sigma_text(data: dict[str, Any], s1: float) -> str:
    """What Sigma does, for the panel (LaTeX words)."""
    if data["equal_singular_values"]:
        return f"stretches evenly by ${latex_number(s1)}$"
    if data["rank"] == 2:
        return "stretches along the axes"
    return "flattens $y$: a segment"


def _factor_rows(data: dict[str, Any]) -> list[VGroup]:
    """V^T, Sigma and U, each with what it does below it (on two lines if too wide)."""
    s1, s2 = data["singular_values"]
    vt_factor, u_factor = data["vt_factor"], data["u_factor"]
    both = data["reflection"] == "both"
    sigma_row = MathTex(
        rf"\Sigma = \operatorname{{diag}}({latex_number(s1)},\ {latex_number(s2)})",
        font_size=FACTOR_SIZE,
        color=PALETTE.text,
    )
    sigma_text = _sigma_text(data, s1)
    vt_text = _move_text(vt_factor)
    if data["equal_singular_values"]:
        vt_text = "$V = I$: nothing to turn"
    factor_rows = []
    for row, text, wrapped in (
        (
            _svd_row(r"V^{\top}", data["Vt"], FACTOR_SIZE),
            vt_text,
            _move_text(vt_factor, wrap=True),
        ),
        (sigma_row, sigma_text, sigma_text),
        (
            _svd_row("U", data["U"], FACTOR_SIZE),
            _move_text(u_factor, again=both),
            _move_text(u_factor, wrap=True, again=both),
        ),
    ):
        remark = _remark(text, PALETTE.muted)
        if remark.width > PANEL_WIDTH:  # a long mirror-line angle: two lines
            remark = _remark(wrapped, PALETTE.muted)
        remark.text = text  # what it says, for the tests
        group = VGroup(row, remark)
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        factor_rows.append(group)
    return factor_rows


def _curve(view: Coords, points: np.ndarray, colour: str, width: float, fill: float) -> VMobject:
    """A closed smooth curve through ``points`` (plane coordinates)."""
    scene_points = [view.c2p(p) for p in points]
    curve = VMobject(stroke_color=colour, stroke_width=width)
    curve.set_points_smoothly([*scene_points, scene_points[0]])
    curve.set_fill(colour, opacity=fill)
    return curve


def _panel(
    decomposition: svd.SVDDecomposition, data: dict[str, Any]
) -> tuple[VMobject, VGroup, list[VGroup], Tex]:
    """The panel, stacked in place: its box, A = U Sigma V^T, each factor with what it
    does, and the closing remark."""
    left = panel_left()
    box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
    header = _svd_row("A", data["matrix"], BODY_SIZE, after=r"= U\,\Sigma\,V^{\top}")
    factor_rows = _factor_rows(data)
    if decomposition.rank == 2:
        ending = r"A sends the circle\\ to the same ellipse"
        if data["reflection"] == "both":  # three short lines: the panel is full
            ending = (
                r"The same ellipse; the two\\ reflections cancel:\\ "
                rf"$\det A = {latex_number(decomposition.determinant)}$"
            )
    else:
        ending = (
            r"A flattens the circle\\ to a segment of\\ half-length "
            f"${latex_number(decomposition.singular_values[0])}$"
        )
    conclusion = _remark(ending, PALETTE.text)
    panel_items = [header, *factor_rows, conclusion]
    for item in panel_items:
        if item.width > PANEL_WIDTH:
            item.scale_to_fit_width(PANEL_WIDTH)
    panel_stack(panel_items, left=left, gap=0.3)
    return box, header, factor_rows, conclusion


def _frame_around(row: Mobject) -> SurroundingRectangle:
    """The highlight around the factor being applied."""
    return SurroundingRectangle(row, color=PALETTE.accent, buff=0.06, stroke_width=2.5)


def key_points(decomposition: svd.SVDDecomposition, n: int = svd.CIRCLE_POINTS) -> np.ndarray:
    """Every point the picture draws at any stage, for fitting the view: the circle's
    images (``n`` samples) and the arrows' tips."""
    return np.concatenate(
        [
            decomposition.stage_points(decomposition.circle(n)).reshape(-1, 2),
            decomposition.stage_vectors().reshape(-1, 2),
        ]
    )


#: The arrows' labels at each stage (see :data:`mlmath_viz.svd.STAGES`).
STAGE_LABELS = (
    (r"v_1", r"v_2"),
    (r"e_1", r"e_2"),
    (r"\sigma_1", r"\sigma_2"),
    (r"\sigma_1 u_1", r"\sigma_2 u_2"),
)


def _tip_labels(
    view: Coords,
    bounds: tuple[float, float, float, float],
    texts: Sequence[str],
    vectors: np.ndarray,
    show: tuple[bool, bool] = (True, True),
) -> VGroup:
    """Labels past the tips of the two arrows, each leaning away from the other, inside
    ``bounds`` (left, right, bottom, top).

    ``vectors`` are the arrows' tips in plane coordinates; a zero-length arrow
    (a zero singular value) gets no label (``show``). If two labels would touch
    (short arrows), the second moves further out along its arrow.
    """
    group = VGroup()
    for k in range(2):
        if not show[k]:
            continue
        label = math_label(texts[k], PALETTE.eigen[k], size=INDEX_SIZE)
        tip, other = np.asarray(vectors[k]), np.asarray(vectors[1 - k])
        _place_label(view, bounds, label, tip, other, extra=0.0)
        extra = 0.0
        while group.submobjects and touching(label, group[0]) and extra < 3.0:
            extra += 0.05
            _place_label(view, bounds, label, tip, other, extra=extra)
        group.add(label)
    return group


def _place_label(
    view: Coords,
    bounds: tuple[float, float, float, float],
    label: Mobject,
    tip: np.ndarray,
    other: np.ndarray,
    extra: float,
) -> None:
    """Put ``label`` just beyond ``tip`` (``extra`` further out), beside the arrow's
    line on the side away from the ``other`` vector, then inside ``bounds``.

    The label's box stays beyond the line through the tip perpendicular to the
    arrow, which is the tangent of the circle or ellipse there (the tips sit at the
    axes' ends), so a label never covers the curve.
    """
    length = float(np.hypot(*tip))
    along = tip / length if length > 1e-12 else np.array([1.0, 0.0])
    normal = np.array([-along[1], along[0]])
    if float(normal @ other) > 0:
        normal = -normal
    reach = abs(along[0]) * label.width / 2 + abs(along[1]) * label.height / 2
    # Sideways by the label's half-extent across the arrow, so the label sits beside
    # the arrow's line (often a grid axis) rather than on it.
    side = abs(normal[0]) * label.width / 2 + abs(normal[1]) * label.height / 2 + 0.04
    offset = (LABEL_GAP + reach + extra) * along + side * normal
    label.move_to(view.c2p(tip) + np.array([offset[0], offset[1], 0.0]))
    x0, x1, y0, y1 = bounds
    shift = np.zeros(3)
    shift[0] = max(0.0, x0 - label.get_left()[0]) - max(0.0, label.get_right()[0] - x1)
    shift[1] = max(0.0, y0 - label.get_bottom()[1]) - max(0.0, label.get_top()[1] - y1)
    label.shift(shift)


@dataclass
class SVDPicture:
    """What SVD draws, for its beats, invariants and tests."""

    decomposition: svd.SVDDecomposition
    view: Coords
    label_bounds: tuple[float, float, float, float]  # left, right, bottom, top for labels
    background: VGroup  # the grid
    reference: VMobject  # the unit circle, left in place
    curve: VMobject  # the circle that the three factors move
    arrows: list[Arrow]  # v1 and v2, moved with it
    ghost: VMobject  # the circle again, which A moves in one step
    box: VMobject  # the panel's background
    header: VGroup  # A = [..] = U Sigma V^T
    factor_rows: list[VGroup]  # V^T, Sigma and U, each with what it does
    conclusion: Tex
    highlight: SurroundingRectangle  # around the factor being applied
    labels: list[VGroup]  # the arrows' labels at each stage


class SVD(MathScene):
    """The singular value decomposition: a turn, a stretch and a turn.

    The unit circle and two orthogonal vectors go through V^T (a rotation or a
    reflection that puts them on the axes), Sigma (a stretch into an ellipse whose
    semi-axes are the singular values) and U (a turn into place), ending exactly where
    A sends them in one step.
    """

    params_type = SVDParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_circle()  # the unit circle and the orthogonal right singular vectors
        self.apply_vt()  # V^T turns (or mirrors) v1 and v2 onto the axes
        self.apply_sigma()  # Sigma stretches along the axes by the singular values
        self.apply_u()  # U turns (or mirrors) the ellipse into place
        self.compare()  # A in one step lands on the same curve

    def build_picture(self) -> SVDPicture:
        """The numbers from mlmath_viz, the view that fits every stage and every
        mobject, placed, not yet shown."""
        a = np.array(self.params.matrix, dtype=float)
        decomposition = svd.svd2(a)
        self.data = data = decomposition.to_json()
        stage_points = np.array(data["stage_points"])
        stage_vectors = np.array(data["stage_vectors"])
        rank2 = decomposition.rank == 2
        view = view_left_of_panel(key_points(decomposition), MAX_UNIT, LABEL_ROOM, LABEL_ROOM_X)
        data["unit_length"] = view.unit
        label_bounds = (
            -frame_half_width() + FRAME_MARGIN,
            panel_left() - PANEL_GAP,
            -frame_half_height() + FRAME_MARGIN_Y + 0.05,
            frame_half_height() - FRAME_MARGIN_Y - 0.05,
        )
        background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        background.set_z_index(UNDER_PANEL_Z - 1)
        reference = _curve(view, stage_points[0], PALETTE.muted, width=2, fill=0.0)
        reference.set_stroke(opacity=0.6)
        curve = _curve(view, stage_points[0], PALETTE.area, width=4, fill=0.18)
        arrows = [
            readable_arrow(vector_arrow(view, stage_vectors[0][k], PALETTE.eigen[k]))
            for k in range(2)
        ]
        # A broad solid vermillion band under the curve (the one colour of the palette
        # apart from the curve's yellow, both eigen colours and the muted reference in
        # every vision): once it lands, a rim around the three-step curve.
        ghost = reference.copy().set_stroke(PALETTE.series[4], width=12, opacity=1.0)

        box, header, factor_rows, conclusion = _panel(decomposition, data)
        return SVDPicture(
            decomposition,
            view,
            label_bounds,
            background,
            reference,
            curve,
            arrows,
            ghost,
            box,
            header,
            factor_rows,
            conclusion,
            _frame_around(factor_rows[0]),
            [
                _tip_labels(view, label_bounds, texts, stage_vectors[k], (True, k < 2 or rank2))
                for k, texts in enumerate(STAGE_LABELS)
            ],
        )

    def moving(self) -> VGroup:
        """The curve and the arrows, which the three factors move together."""
        return VGroup(self.picture.curve, *self.picture.arrows)

    def stage_vectors(self, stage: int) -> np.ndarray:
        """The arrows' tips at ``stage`` (see :data:`mlmath_viz.svd.STAGES`)."""
        return np.array(self.data["stage_vectors"][stage])

    def show_circle(self) -> None:
        """The unit circle, v1 and v2, and the panel."""
        pic = self.picture
        v1, v2 = self.stage_vectors(0)
        self.beat(
            "circle",
            f"Start with the unit circle and the right singular vectors v1 = "
            f"({format_number(v1[0])}, {format_number(v1[1])}) and v2 = "
            f"({format_number(v2[0])}, {format_number(v2[1])}), which are orthogonal; "
            f"A = U Σ Vᵀ moves them in three steps.",
        )
        self.add(pic.background)
        self.add(pic.box)
        self.play(Create(pic.reference), Create(pic.curve), run_time=1.0)
        self.play(*(GrowArrow(arrow) for arrow in pic.arrows), FadeIn(pic.labels[0]), run_time=0.8)
        self.play(Write(pic.header), FadeIn(VGroup(*pic.factor_rows)), run_time=1.2)

    def apply_vt(self) -> None:
        """V^T turns (or mirrors) the plane, carrying v1 and v2 onto the axes."""
        pic, data = self.picture, self.data
        self.beat("vt", self._vt_caption(data["vt_factor"], data["equal_singular_values"]))
        self.play(Create(pic.highlight), FadeOut(pic.labels[0]), run_time=0.5)
        self._orthogonal_move(np.array(data["Vt"]), data["vt_factor"], self.moving())
        self.play(FadeIn(pic.labels[1]), run_time=0.5)

    def apply_sigma(self) -> None:
        """Sigma stretches along the axes: the semi-axes are the singular values."""
        pic = self.picture
        s1, s2 = pic.decomposition.singular_values
        rank = pic.decomposition.rank
        if rank == 2:
            caption = (
                f"Σ stretches along the axes, x by σ1 = {format_number(s1)} and y by "
                f"σ2 = {format_number(s2)}: the circle becomes an ellipse with semi-axes "
                f"{format_number(s1)} and {format_number(s2)}."
            )
        else:
            caption = (
                f"Σ stretches x by σ1 = {format_number(s1)} and squashes y to σ2 = "
                f"{format_number(s2)}: the circle collapses onto a segment of half-length "
                f"{format_number(s1)}."
            )
        self.beat("sigma", caption)
        self.play(
            Transform(pic.highlight, _frame_around(pic.factor_rows[1])),
            FadeOut(pic.labels[1]),
            run_time=0.5,
        )
        tips = self.stage_vectors(2)
        self.play(
            ApplyMatrix(np.diag([s1, s2]), pic.curve, about_point=pic.view.origin),
            *(Transform(pic.arrows[k], self._sigma_arrow(tips[k], k, rank)) for k in range(2)),
            run_time=self.params.step_time,
            rate_func=smooth,
        )
        self.play(FadeIn(pic.labels[2]), run_time=0.5)

    def apply_u(self) -> None:
        """U turns (or mirrors) the ellipse into place: the images A v1 and A v2."""
        pic, data = self.picture, self.data
        d = pic.decomposition
        self.beat("u", self._u_caption(data["u_factor"], data["reflection"], d.determinant, d.rank))
        self.play(
            Transform(pic.highlight, _frame_around(pic.factor_rows[2])),
            FadeOut(pic.labels[2]),
            run_time=0.5,
        )
        self._orthogonal_move(np.array(data["U"]), data["u_factor"], self.moving())
        self.play(FadeIn(pic.labels[3]), run_time=0.5)

    def compare(self) -> None:
        """A applied in one step to the circle lands on the three-step curve."""
        pic = self.picture
        s1, s2 = pic.decomposition.singular_values
        shape = "ellipse" if pic.decomposition.rank == 2 else "segment"
        self.beat(
            "compare",
            f"Applying A to the circle in one step gives the same {shape}: "
            f"A = U Σ Vᵀ, with singular values {format_number(s1)} and {format_number(s2)}.",
        )
        a = np.array(self.params.matrix, dtype=float)
        self.play(FadeOut(pic.highlight), FadeIn(pic.ghost), run_time=0.5)
        self.play(
            ApplyMatrix(a, pic.ghost, about_point=pic.view.origin),
            run_time=self.params.step_time,
            rate_func=smooth,
        )
        self.bring_to_front(pic.curve, *pic.arrows)
        self.play(FadeIn(pic.conclusion, shift=0.2 * DOWN), Indicate(pic.header), run_time=1.0)
        self.wait(1.5)

    # -- Pieces ---------------------------------------------------------------------

    def _sigma_arrow(self, tip: np.ndarray, k: int, rank: int) -> Arrow:
        """Arrow ``k`` after Sigma; sigma_2 = 0 leaves v2's arrow at the origin, a zero
        vector, which is not drawn (Manim would draw a zero-width stub)."""
        arrow = readable_arrow(vector_arrow(self.picture.view, tip, PALETTE.eigen[k]))
        if rank < 2 and k == 1:
            arrow.set_opacity(0.0)
        return arrow

    def _orthogonal_move(self, q: np.ndarray, factor: dict[str, Any], moving: VGroup) -> None:
        """Turn ``moving`` by the rotation, or flip it over the mirror line, of ``q``."""
        origin = self.picture.view.origin
        if factor["kind"] == "rotation":
            self.play(
                Rotate(moving, angle=np.radians(factor["angle_deg"]), about_point=origin),
                run_time=self.params.step_time,
                rate_func=smooth,
            )
            return
        # A reflection: show the mirror line, then flip the plane over it.
        angle = np.radians(factor["angle_deg"])
        reach = 2 * (frame_half_width() + abs(float(origin[0])))
        d = np.array([np.cos(angle), np.sin(angle), 0.0])
        mirror = DashedLine(
            origin - reach * d, origin + reach * d, color=PALETTE.accent, stroke_width=4
        )
        mirror.set_z_index(UNDER_PANEL_Z)
        self.play(Create(mirror), run_time=0.6)
        self.play(
            ApplyMatrix(q, moving, about_point=origin),
            run_time=self.params.step_time,
            rate_func=smooth,
        )
        self.play(FadeOut(mirror), run_time=0.4)

    @staticmethod
    def _vt_caption(factor: dict[str, Any], equal: bool) -> str:
        if factor["kind"] == "reflection":
            return (
                f"Vᵀ reflects the plane in the line at {_degrees(factor['angle_deg'])} "
                "(its determinant is -1), carrying v1 and v2 onto the axes e1 and e2; "
                "the circle stays a circle."
            )
        if equal:
            return (
                "σ1 = σ2: every direction is stretched alike, so V = I and Vᵀ leaves the "
                "circle and the axes where they are."
            )
        return (
            f"Vᵀ rotates the plane by {_degrees(factor['angle_deg'])}, carrying v1 and v2 "
            "onto the axes e1 and e2; the circle stays a circle."
        )

    @staticmethod
    def _u_caption(factor: dict[str, Any], reflection: str, det: float, rank: int) -> str:
        move = "reflects" if factor["kind"] == "reflection" else "rotates"
        where = (
            f"in the line at {_degrees(factor['angle_deg'])}"
            if move == "reflects"
            else f"by {_degrees(factor['angle_deg'])}"
        )
        if rank < 2:
            return (
                f"U {move} the segment {where}, putting it in place: the arrow ends at "
                f"σ1 u1 = A v1, while A v2 = 0. det A = {format_number(det)}"
                f"{'' if det == 0 else ' ≈ 0'}: the image has no area, so no orientation "
                "is left to keep or flip."
            )
        caption = (
            f"U {move} the ellipse {where}, putting it in place: the arrows end at σ1 u1 and "
            "σ2 u2, the images A v1 and A v2."
        )
        if reflection == "both":
            caption += (
                f" Two reflections cancel, so orientation is kept: det A = {format_number(det)}."
            )
        elif reflection in ("U", "Vt"):
            caption += (
                f" One factor reflects, so A flips orientation: det A = {format_number(det)}."
            )
        return caption

    # -- Checks ---------------------------------------------------------------------

    def drawn_points(self, mob: VMobject) -> np.ndarray:
        """Plane coordinates of a curve's anchors (the sampled circle points)."""
        return np.array([self.picture.view.p2c(p) for p in mob.get_start_anchors()])

    def drawn_vectors(self) -> np.ndarray:
        """Plane coordinates of the two arrows' tips (their tails are at the origin)."""
        return np.array([self.picture.view.p2c(arrow.get_end()) for arrow in self.picture.arrows])

    def _image_check(self, points: np.ndarray, atol: float) -> Invariant:
        """After U: the curve is the image ellipse |A^-1 x| = 1, or (rank one) the
        segment along u1 of half-length sigma_1."""
        d = self.picture.decomposition
        if d.rank == 2:
            return Invariant(
                "curve on the image ellipse |A^-1 x| = 1",
                svd.inverse_image_norms(d, points),
                np.ones(len(points)),
                atol=1e-6 * max(1.0, d.condition_number * 1e-6),
            )
        coords = svd.principal_coordinates(d, points)
        return Invariant(
            "curve on the segment along u1 of half-length sigma_1",
            [float(np.abs(coords[:, 0]).max()), float(np.abs(coords[:, 1]).max())],
            list(d.singular_values),
            atol=atol,
        )

    def invariants(self, beat: str) -> list[Invariant]:
        """At each stage: the curve and the arrow tips where the data says; after Sigma
        the curve's largest and smallest radii are sigma_1 and sigma_2; after U the curve
        is the image ellipse |A^-1 x| = 1 (or the segment along u1); arrows orthogonal."""
        stage = {"circle": 0, "vt": 1, "sigma": 2, "u": 3, "compare": 3}.get(beat)
        if stage is None:
            return []
        d = self.picture.decomposition
        scale = max(1.0, d.singular_values[0])
        atol = 1e-6 * scale
        points = self.drawn_points(self.picture.curve)
        tips = self.drawn_vectors()
        checks = [
            Invariant(
                f"curve at stage {svd.STAGES[stage]}",
                points,
                self.data["stage_points"][stage],
                atol=atol,
            ),
            Invariant(
                f"arrow tips at stage {svd.STAGES[stage]}",
                tips,
                self.data["stage_vectors"][stage],
                atol=atol,
            ),
        ]
        lengths = np.hypot(tips[:, 0], tips[:, 1])
        if np.all(lengths > 1e-9 * scale):
            cosine = float(tips[0] @ tips[1]) / float(lengths[0] * lengths[1])
            checks.append(Invariant("arrows orthogonal", cosine, 0.0, atol=1e-6))
        if stage == 2:
            radii = np.hypot(points[:, 0], points[:, 1])
            checks.append(
                Invariant(
                    "semi-axes = singular values",
                    [radii.max(), radii.min()],
                    self.data["singular_values"],
                    atol=atol,
                )
            )
        if stage == 3:
            checks.append(self._image_check(points, atol))
        if beat == "compare":
            checks.append(
                Invariant(
                    "A x (one step) = U Sigma V^T x (three steps)",
                    self.drawn_points(self.picture.ghost),
                    points,
                    atol=atol,
                )
            )
        return checks
