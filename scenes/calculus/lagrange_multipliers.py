"""LagrangeMultipliers: maximise w^T S w on the unit circle; the answer is PC1.

Render it with plain Manim:
``manim -pql scenes/calculus/lagrange_multipliers.py LagrangeMultipliers``.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    Mobject,
    Rectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import datasets, lagrange
from mlmath_viz import quadratic_forms as qf
from scenes.calculus.params import LagrangeMultipliersParams
from scenes.kit.builders import math_label, nice_step, readable_arrow
from scenes.kit.coords import Box, Coords
from scenes.kit.marks import dot_cloud
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import matrix_row, panel_stack
from scenes.kit.panel_rows import column_tex, formula, remark
from scenes.kit.plotting import cloud_points, curve_vertices, panel_title
from scenes.kit.scatter import ScatterFrame, dot_legend, scatter_frame
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    LINE_WIDTH,
    PALETTE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.parameters.data import dropped_note, screen_name

#: Half the height of the w-plane in plotted units.
VIEW_HALF_HEIGHT = 2.2

#: Level sets of f drawn, from lambda_2 to lambda_1.
LEVEL_COUNT = 5

#: Plotted length of the longer gradient arrow at its longest (2 lambda_1 |k|), or of
#: grad g (2 k) when lambda_1 < 1: both gradients share one scale k.
GRADIENT_REACH = 1.3

#: Shortest plotted length of grad g: below it (lambda_1 above 1.3 / 0.3 = 4.3, a file
#: whose variances are large; never the Iris data, whose lambda_1 is at most 3.66) grad g
#: is drawn at its own, larger scale and the panel says by how much.
GRADIENT_G_MIN = 0.3

#: The tour starts this far (radians) before the maximum, counter-clockwise towards it.
TOUR_SPAN = 0.75 * math.pi

#: Decimals of eigenvalues (and lambda) on screen: petals' lambda_2 is 0.036.
EIGEN_DIGITS = 3

#: Stroke width of one flower's dot in the last beat.
DOT_WIDTH = 7


def level_colour() -> str:
    """The level sets of f."""
    return PALETTE.series[1]


def constraint_colour() -> str:
    """The circle g = 0 and grad g."""
    return PALETTE.accent


def point_colour() -> str:
    """The point moving along the circle (the text colour, as w* and w_* where it stops:
    the path yellow is the level sets' orange in the light theme)."""
    return PALETTE.text


def maximum_colour() -> str:
    """The maximiser w* (text colour: the eigen purple was 5.0 from the constraint's
    blue in deuteranopia)."""
    return PALETTE.text


def minimum_colour() -> str:
    """The minimiser (the text colour: the eigen teal, the muted grey and the Okabe-Ito
    green were all under 10 from grad f's pink in deuteranopia); told apart from w* by
    its label."""
    return PALETTE.text


def species_colours() -> tuple[str, str, str]:
    return (PALETTE.series[1], PALETTE.series[2], PALETTE.series[5])


def eig(x: float) -> str:
    """An eigenvalue (or lambda) in a caption, as on screen."""
    return format_number(x, EIGEN_DIGITS)


def feature_text(name: str) -> str:
    return screen_name(name)


def view_region() -> tuple[float, float, float, float]:
    """left, bottom, width, height of the w-plane's rectangle, left of the panel."""
    left = -frame_half_width() + FRAME_MARGIN + 0.05
    right = panel_left() - 0.35
    bottom = -frame_half_height() + FRAME_MARGIN_Y + 0.05
    top = frame_half_height() - FRAME_MARGIN_Y - 0.05
    return left, bottom, right - left, top - bottom


def view_box() -> Box:
    _, _, width, height = view_region()
    half_w = VIEW_HALF_HEIGHT * width / height
    return ((-half_w, half_w), (-VIEW_HALF_HEIGHT, VIEW_HALF_HEIGHT))


def box_grid(view: Coords, box: Box) -> VGroup:
    """Faint grid lines at round steps inside ``box`` and the two axes."""
    step = nice_step(view.unit)
    (x0, x1), (y0, y1) = box
    lines = VGroup()
    for x in np.arange(np.ceil(x0 / step), np.floor(x1 / step) + 1) * step:
        colour, width = (PALETTE.muted, 2) if x == 0 else (PALETTE.grid_faint, 1.5)
        lines.add(Line(view.c2p((x, y0)), view.c2p((x, y1)), color=colour, stroke_width=width))
    for y in np.arange(np.ceil(y0 / step), np.floor(y1 / step) + 1) * step:
        colour, width = (PALETTE.muted, 2) if y == 0 else (PALETTE.grid_faint, 1.5)
        lines.add(Line(view.c2p((x0, y)), view.c2p((x1, y)), color=colour, stroke_width=width))
    return lines


def gradient_arrow(view: Coords, base: np.ndarray, vector: np.ndarray, colour: str) -> Arrow:
    """An arrow from ``base`` to ``base + vector`` (plotted), its tip ending there."""
    arrow = Arrow(
        view.c2p(base),
        view.c2p(base + vector),
        buff=0,
        color=colour,
        stroke_width=6,
        max_tip_length_to_length_ratio=0.25,
        max_stroke_width_to_length_ratio=10,
    )
    return readable_arrow(arrow)


@dataclass
class GradientPair:
    """The point on the circle and the two gradients drawn at it (one scale k)."""

    dot: Mobject
    objective: Mobject
    constraint: Mobject


@dataclass
class LagrangePicture:
    """What LagrangeMultipliers draws, for its beats, invariants and tests."""

    result: lagrange.LagrangeResult
    species: np.ndarray  # each row's group: the Iris species 0-2, or 0 for a file's rows
    groups: list[str]  # the legend's names of the groups
    view: Coords
    scale: float  # both gradients drawn k times their length
    scale_g: float  # grad g's scale: k, or larger when 2k would be too short to see
    border: Rectangle
    plane: VGroup
    levels: list[VMobject]
    level_values: list[float]
    level_labels: VGroup
    circle: VMobject
    circle_label: Mobject
    max_mark: Dot
    min_mark: Dot
    max_label: Mobject
    fragile_note: Mobject | None  # said in the plane when the eigenvalues are close
    min_label: Mobject
    title: Mobject
    rows_problem: VGroup
    rows_gradients: VGroup
    rows_max: VGroup
    rows_min: VGroup
    rows_pca: VGroup
    frame: ScatterFrame
    clouds: VGroup
    pc_line: DashedLine
    pc_arrow: Arrow
    pc_label: Mobject
    legend: VGroup
    dropped: Mobject | None  # the dropped-rows note in the w-plane (a file with gaps)


class LagrangeMultipliers(MathScene):
    """Lagrange multipliers: the most variance along a unit vector is the first principal
    component.

    On the unit circle the variance w^T S w of two Iris measurements is largest where its
    gradient is parallel to the circle's, grad f = lambda grad g, and lambda is then the
    largest eigenvalue of S: that w is the first principal component.
    """

    params_type = LagrangeMultipliersParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_problem()  # level sets of f = w^T S w and the constraint circle
        self.show_tour()  # along the circle the two gradients are not parallel
        self.show_maximum()  # at the maximum grad f = lambda grad g, lambda = lambda_1
        self.show_minimum()  # at the minimum too, with lambda = lambda_2
        self.show_pca()  # the optimum is PC1 of the flowers

    # -- building

    def build_picture(self) -> LagrangePicture:
        p: LagrangeMultipliersParams = self.params
        self.table = p.table()  # the Iris flowers, or the rows of a CSV file
        frame = self.table.frame
        x2 = frame[[p.x_feature, p.y_feature]].to_numpy(dtype=np.float64)
        if self.table.from_file:
            species = np.zeros(len(frame), dtype=np.int64)
            groups = [f"{len(frame)} rows"]
        else:
            species = np.array([datasets.IRIS_SPECIES.index(v) for v in frame["species"]])
            groups = [f"I. {n}" for n in datasets.IRIS_SPECIES]
        r = lagrange.solve(x2, p.standardize)
        lam = r.eigenvalues
        self.data = r.to_json()
        self.data["features"] = [p.x_feature, p.y_feature]
        self.data["data_source"] = self.table.source.to_json()
        left, bottom, width, height = view_region()
        box = view_box()
        view = Coords.onto(box, left, bottom, width, height)
        scale = GRADIENT_REACH / (2.0 * max(float(lam[0]), 1.0))
        scale_g = max(scale, GRADIENT_G_MIN / 2.0)
        levels = lagrange.contour_levels(lam, LEVEL_COUNT)
        self.data.update(
            {
                "unit_length": view.unit,
                "view_box": [list(box[0]), list(box[1])],
                "gradient_scale": scale,
                "gradient_scale_g": scale_g,
                "levels": levels,
            }
        )
        centre = view.c2p((0.0, 0.0))
        border = Rectangle(width=width, height=height, stroke_color=PALETTE.muted, stroke_width=2)
        border.move_to(centre)
        curves = [self._level_curve(view, r.covariance, c, box) for c in levels]
        circle = Circle(radius=view.unit, color=constraint_colour(), stroke_width=LINE_WIDTH)
        circle.move_to(centre)
        circle.set_z_index(1)  # over the level sets, which crowd it when S is nearly round
        circle_label = math_label(r"g(w) = 0", constraint_colour(), TICK_SIZE)
        # beside the circle, away from both extrema (their arrows and labels)
        candidates = [np.array(c) / math.hypot(*c) for c in ((-1, -1), (1, -1), (-1, 0), (0, -1))]
        corner = min(
            candidates, key=lambda c: round(max(abs(c @ r.optimum), abs(c @ r.minimizer)), 1)
        )
        circle_label.set_stroke(PALETTE.background, width=5, background=True)
        circle_label.move_to(view.c2p(corner * 1.0) + 0.75 * np.array([*corner, 0.0]))
        labels = VGroup()
        for name, vec in (
            (r"\lambda_2", r.minimizer),
            (r"\lambda_1", r.optimum),
        ):
            # on the level set where it touches the circle, just outside, on the far side
            label = math_label(rf"f = {name}", level_colour())
            label.set_stroke(PALETTE.background, width=5, background=True)
            out = -np.array([*vec, 0.0])
            reach = 0.2 + 0.5 * float(np.hypot(label.width, label.height))
            label.move_to(view.c2p(-vec) + reach * out)
            labels.add(label)
        max_mark = Dot(view.c2p(r.optimum), radius=0.09, color=maximum_colour()).set_z_index(3)
        min_mark = Dot(view.c2p(r.minimizer), radius=0.09, color=minimum_colour()).set_z_index(3)
        max_label = math_label(r"w^*", maximum_colour())
        max_label.set_stroke(PALETTE.background, width=5, background=True)
        side = np.array([-r.optimum[1], r.optimum[0], 0.0])
        max_label.move_to(view.c2p(r.optimum) + 0.45 * side)
        min_label = math_label(r"w_*", minimum_colour())
        min_label.set_stroke(PALETTE.background, width=5, background=True)
        side2 = np.array([-r.minimizer[1], r.minimizer[0], 0.0])
        min_label.move_to(view.c2p(r.minimizer) + 0.45 * side2)
        frame, clouds, pc_line, pc_arrow, pc_label, legend = self._build_scatter(r, species, groups)
        note = remark("eigenvalues nearly equal:\nnearly round level sets,\na fragile maximum")
        note.move_to([left + 0.2 + note.width / 2, bottom + height - 0.2 - note.height / 2, 0])
        note.set_stroke(PALETTE.background, width=5, background=True)
        dropped = None
        if dropped_note(self.table.source):  # rows left out: said in the plane's corner
            dropped = remark(dropped_note(self.table.source))
            dropped.move_to([left + 0.2 + dropped.width / 2, bottom + 0.2 + dropped.height / 2, 0])
            dropped.set_stroke(PALETTE.background, width=5, background=True)
        return LagrangePicture(
            result=r,
            species=species,
            groups=groups,
            view=view,
            scale=scale,
            scale_g=scale_g,
            border=border,
            plane=box_grid(view, box),
            levels=curves,
            level_values=levels,
            level_labels=labels,
            circle=circle,
            circle_label=circle_label,
            max_mark=max_mark,
            min_mark=min_mark,
            max_label=max_label,
            fragile_note=note if r.fragile else None,
            min_label=min_label,
            title=panel_title("Lagrange multipliers"),
            rows_problem=self._problem_rows(r),
            rows_gradients=VGroup(
                formula(r"\nabla f = 2 S w", PALETTE.gradient),
                formula(r"\nabla g = 2 w", constraint_colour()),
                self._scale_row(scale, scale_g),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.14),
            rows_max=self._extremum_rows(r, 0),
            rows_min=self._extremum_rows(r, 1),
            rows_pca=self._pca_rows(r),
            frame=frame,
            clouds=clouds,
            pc_line=pc_line,
            pc_arrow=pc_arrow,
            pc_label=pc_label,
            legend=legend,
            dropped=dropped,
        )

    @staticmethod
    def _level_curve(view: Coords, s: np.ndarray, level: float, box: Box) -> VMobject:
        vm = VMobject(stroke_color=level_colour(), stroke_width=LINE_WIDTH)
        for piece in qf.level_set(s, level, box):
            pts = view.c2p(piece)
            if len(pts) < 2:
                continue
            vm.start_new_path(pts[0])
            vm.add_points_as_corners(pts[1:])
        return vm

    @staticmethod
    def _scale_row(scale: float, scale_g: float) -> Mobject:
        """How the arrows are scaled: one scale, or grad g enlarged (a file's large
        variances would make it too short to see)."""
        if scale_g == scale:
            return remark("both arrows at one scale")
        ratio = scale_g / scale
        factor = format_number(ratio, 1 if ratio < 10 else 0)
        return formula(rf"\nabla g\ \text{{drawn {factor} times longer}}")

    def _problem_rows(self, r: lagrange.LagrangeResult) -> VGroup:
        s = r.covariance
        rows = VGroup(
            matrix_row(("S", "="), (tuple(s[0]), tuple(s[1])), size=BODY_SIZE, h_buff=(0.7, 0.12)),
            formula(r"\text{max } f(w) \text{ with } g(w) = 0"),
            formula(r"f(w) = w^T S w", level_colour()),
            formula(r"g(w) = w^T w - 1", constraint_colour()),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        return rows

    @staticmethod
    def _extremum_rows(r: lagrange.LagrangeResult, k: int) -> VGroup:
        w = r.eigenvectors[k]
        lam = float(r.eigenvalues[k])
        grad = lagrange.gradient_objective(r.covariance, w)
        name = "w^*" if k == 0 else "w_*"
        colour = maximum_colour() if k == 0 else minimum_colour()
        return VGroup(
            formula(rf"{name} = {column_tex(w)}", colour),
            formula(
                rf"\nabla f = {column_tex(grad)} = {latex_number(lam, EIGEN_DIGITS)}\,\nabla g",
                PALETTE.gradient,
            ),
            formula(rf"\lambda = {latex_number(lam, EIGEN_DIGITS)} = \lambda_{k + 1}(S)", colour),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.14)

    def _pca_rows(self, r: lagrange.LagrangeResult) -> VGroup:
        rows = VGroup(
            remark("w* is the first\nprincipal component:"),
            formula(
                rf"\mathrm{{var}}(X w^*) = {latex_number(r.multiplier, EIGEN_DIGITS)}",
                maximum_colour(),
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        if r.fragile:
            rows.add(
                formula(
                    r"\text{fragile: } \lambda_2 / \lambda_1 = " + latex_number(r.eigenvalue_ratio)
                )
            )
            rows.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        return rows

    def _build_scatter(
        self, r: lagrange.LagrangeResult, species: np.ndarray, groups: list[str]
    ) -> tuple[ScatterFrame, VGroup, DashedLine, Arrow, Mobject, VGroup]:
        p: LagrangeMultipliersParams = self.params
        unit = "z-score" if p.standardize else self._unit()
        units = f" ({unit})" if unit else ""
        pts = r.points
        reach = float(np.max(np.abs(pts @ r.optimum)))
        ends = np.array([-reach * r.optimum, reach * r.optimum]) * 1.05
        keys = np.vstack([pts, ends])
        left, _, bottom, top = (
            -frame_half_width() + FRAME_MARGIN,
            0.0,
            -frame_half_height() + FRAME_MARGIN_Y,
            frame_half_height() - FRAME_MARGIN_Y,
        )
        frame = scatter_frame(
            keys,
            f"{feature_text(p.x_feature)}, centred{units}",
            f"{feature_text(p.y_feature)}, centred{units}",
            box=(left, panel_left() - 0.35, bottom, top),
        )
        view = frame.view
        colours = species_colours()
        clouds = VGroup(
            *(
                dot_cloud(np.array([view.c2p(q) for q in pts[species == k]]), colours[k], DOT_WIDTH)
                for k in range(len(groups))
            )
        )
        pc_line = DashedLine(
            view.c2p(ends[0]),
            view.c2p(ends[1]),
            stroke_color=maximum_colour(),
            stroke_width=4,
            dash_length=0.12,
        ).set_z_index(2)
        length = math.sqrt(r.multiplier)  # one standard deviation along w*
        pc_arrow = gradient_arrow(view, np.zeros(2), length * r.optimum, maximum_colour())
        pc_arrow.set_stroke(width=7).set_z_index(3)
        pc_label = math_label(r"w^* = \mathrm{PC1}", maximum_colour())
        pc_label.set_stroke(PALETTE.background, width=5, background=True)
        normal = np.array([-r.optimum[1], r.optimum[0], 0.0])
        if normal[1] < 0:
            normal = -normal
        pc_label.move_to(
            view.c2p(ends[1] * 0.7)
            + normal * (0.25 + 0.5 * float(np.hypot(pc_label.width, pc_label.height)))
        ).set_z_index(3)
        legend = dot_legend(list(zip(colours[: len(groups)], groups, strict=True)))
        return frame, clouds, pc_line, pc_arrow, pc_label, legend

    def _unit(self) -> str:
        """The measurements' unit: cm for Iris, none for a file's columns."""
        return "" if self.table.from_file else "cm"

    def _rows_text(self) -> str:
        """What the data are, for captions: the 150 flowers, or a file's rows."""
        if self.table.from_file:
            note = dropped_note(self.table.source)
            rows = f"the {self.table.source.rows} rows of {self.table.source.name}"
            return rows + (f", {note}" if note else "")
        return "150 flowers"

    def gradient_pair(self, theta: float) -> GradientPair:
        """The point w(theta) and grad f, grad g there, k times their length."""
        pic = self.picture
        s = pic.result.covariance
        w = lagrange.on_circle(theta)
        dot = Dot(pic.view.c2p(w), radius=0.1, color=point_colour()).set_z_index(4)
        gf = gradient_arrow(
            pic.view, w, pic.scale * lagrange.gradient_objective(s, w), PALETTE.gradient
        )
        gg = gradient_arrow(
            pic.view, w, pic.scale_g * lagrange.gradient_constraint(w), constraint_colour()
        )
        # grad g over grad f: at the extrema it is the shorter of two parallel arrows
        gf.set_z_index(2)
        gg.set_z_index(3)
        return GradientPair(dot, gf, gg)

    # -- beats

    def show_problem(self) -> None:
        # f gives each direction w the variance along it; only unit vectors count.
        pic, p = self.picture, self.params
        r = pic.result
        lam = r.eigenvalues
        what = "z-scores" if p.standardize else self._unit()
        self.beat(
            "problem",
            f"S is the covariance of {feature_text(p.x_feature)} and "
            f"{feature_text(p.y_feature)}{f' ({what})' if what else ''} over "
            f"{self._rows_text()}. The orange ellipses "
            f"are level sets of the variance f(w) = wᵀSw, from {eig(lam[1])} to "
            f"{eig(lam[0])}; the blue circle is the constraint |w| = 1.",
        )
        panel_stack([pic.title, pic.rows_problem], left=panel_left(), gap=0.3)
        self.add(pic.plane, pic.border)
        if pic.dropped is not None:
            self.add(pic.dropped)
        self.play(FadeIn(pic.title), Write(pic.rows_problem), run_time=1.0)
        self.play(*(Create(c) for c in pic.levels), run_time=1.5)
        self.play(
            FadeIn(pic.level_labels), Create(pic.circle), FadeIn(pic.circle_label), run_time=1.0
        )
        self.wait(1.5)

    def show_tour(self) -> None:
        # A point moves along the circle: the gradients point different ways.
        pic = self.picture
        r = pic.result
        theta_max = lagrange.angle_of(r.optimum)
        start = theta_max - TOUR_SPAN
        half = start + 0.55 * TOUR_SPAN
        miss = math.degrees(lagrange.gradient_misalignment(r.covariance, lagrange.on_circle(half)))
        self.data["tour_start_angle"] = start
        self.data["tour_end_angle"] = half
        self.data["tour_end_misalignment_deg"] = miss
        self.beat(
            "tour",
            "A point moves along the circle with ∇f (pink) and ∇g (blue) drawn at it: they "
            f"point different ways (where it stops, {format_number(miss, 0)}° apart), so f "
            "still changes along the circle.",
        )
        pic.rows_gradients.next_to(pic.rows_problem, DOWN, buff=0.3, aligned_edge=LEFT)
        tracker = ValueTracker(start)
        first = self.gradient_pair(start)
        self.play(FadeIn(first.dot), FadeIn(pic.rows_gradients), run_time=0.6)
        self.play(GrowArrow(first.objective), GrowArrow(first.constraint), run_time=0.8)
        self.remove(first.dot, first.objective, first.constraint)
        self.tour_tracker = tracker
        self.moving = VGroup(
            always_redraw(lambda: self.gradient_pair(tracker.get_value()).constraint),
            always_redraw(lambda: self.gradient_pair(tracker.get_value()).objective),
            always_redraw(lambda: self.gradient_pair(tracker.get_value()).dot),
        )
        self.add(self.moving)
        self.play(tracker.animate.set_value(half), run_time=2.0, rate_func=linear)
        self.wait(1.0)
        self.freeze(half)

    def freeze(self, theta: float) -> None:
        """Replace the moving pair by a still one at ``theta`` (read by the invariants)."""
        self.remove(self.moving)
        self.current = self.gradient_pair(theta)
        self.current_angle = theta
        self.add(self.current.constraint, self.current.objective, self.current.dot)

    def move_to_angle(self, theta: float, run_time: float) -> None:
        tracker = ValueTracker(self.current_angle)
        self.remove(self.current.constraint, self.current.objective, self.current.dot)
        self.moving = VGroup(
            always_redraw(lambda: self.gradient_pair(tracker.get_value()).constraint),
            always_redraw(lambda: self.gradient_pair(tracker.get_value()).objective),
            always_redraw(lambda: self.gradient_pair(tracker.get_value()).dot),
        )
        self.add(self.moving)
        self.play(tracker.animate.set_value(theta), run_time=run_time)
        self.freeze(theta)

    def show_maximum(self) -> None:
        # At the maximum the gradients are parallel: grad f = lambda grad g.
        pic = self.picture
        r = pic.result
        lam = r.eigenvalues
        caption = (
            "At the maximum w* the two gradients are parallel: ∇f = λ∇g with "
            f"λ = {eig(lam[0])}, the largest eigenvalue of S, and f(w*) = λ: the "
            "level set f = λ1 touches the circle there."
        )
        if r.fragile:
            caption += (
                f" The eigenvalues {eig(lam[0])} and {eig(lam[1])} are "
                "close: the contours are nearly circles, so this maximum is defined but "
                "fragile."
            )
        self.beat("maximum", caption)
        self.move_to_angle(lagrange.angle_of(r.optimum), 1.5)
        panel_stack(
            [pic.title, pic.rows_problem, pic.rows_gradients, pic.rows_max],
            left=panel_left(),
            gap=0.3,
        )
        extra = [FadeIn(pic.fragile_note)] if pic.fragile_note is not None else []
        self.play(
            FadeIn(pic.max_mark), FadeIn(pic.max_label), FadeIn(pic.rows_max), *extra, run_time=0.8
        )
        self.wait(2.0)

    def show_minimum(self) -> None:
        # The minimum is a critical point too, with the smallest eigenvalue.
        pic = self.picture
        r = pic.result
        lam = r.eigenvalues
        self.beat(
            "minimum",
            "At the minimum, a quarter turn away, they are parallel too: ∇f = λ∇g with "
            f"λ = {eig(lam[1])}, the smaller eigenvalue; f = λ2 touches the circle "
            "there.",
        )
        theta = lagrange.angle_of(r.minimizer)
        here = self.current_angle
        # the nearer way round (the minimiser or its opposite are both minima)
        delta = (theta - here + math.pi) % (2 * math.pi) - math.pi
        target = here + delta
        self.data["minimum_angle"] = target
        self.play(FadeOut(pic.rows_max), run_time=0.4)
        self.move_to_angle(target, 1.2)
        panel_stack(
            [pic.title, pic.rows_problem, pic.rows_gradients, pic.rows_min],
            left=panel_left(),
            gap=0.3,
        )
        self.play(FadeIn(pic.min_mark), FadeIn(pic.min_label), FadeIn(pic.rows_min), run_time=0.8)
        self.wait(2.0)

    def show_pca(self) -> None:
        # The optimum is the direction of most variance of the flowers: PC1.
        pic, p = self.picture, self.params
        r = pic.result
        what = "standardized" if p.standardize else "centred"
        source = self.table.source
        rows = f"The {source.rows} rows of {source.name}" if source.path else "The 150 flowers"
        caption = (
            f"{rows}, {what}: projected onto w* their variance is "
            f"{eig(r.multiplier)}, more than along any other unit vector, so w* "
            "is the first principal component; this is how PCA is derived."
        )
        if r.fragile:
            caption += (
                " With eigenvalues this close, other directions keep nearly as much variance."
            )
        self.beat("pca", caption)
        w_plane = VGroup(
            pic.plane,
            pic.border,
            *pic.levels,
            pic.level_labels,
            pic.circle,
            pic.circle_label,
            pic.max_mark,
            pic.min_mark,
            pic.max_label,
            pic.min_label,
            self.current.constraint,
            self.current.objective,
            self.current.dot,
        )
        if pic.fragile_note is not None:
            w_plane.add(pic.fragile_note)
        if pic.dropped is not None:
            w_plane.add(pic.dropped)
        self.play(
            FadeOut(w_plane),
            FadeOut(pic.rows_gradients),
            FadeOut(pic.rows_min),
            run_time=0.6,
        )
        panel_stack(
            [pic.title, pic.rows_problem, pic.rows_pca, pic.legend], left=panel_left(), gap=0.3
        )
        self.play(
            FadeIn(pic.frame.group),
            *(FadeIn(c) for c in pic.clouds),
            FadeIn(pic.legend),
            run_time=1.2,
        )
        self.play(
            Create(pic.pc_line),
            GrowArrow(pic.pc_arrow),
            FadeIn(pic.pc_label),
            FadeIn(pic.rows_pca),
            run_time=1.0,
        )
        self.wait(2.5)

    # -- checks

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        if beat == "pca":
            colours = species_colours()
            if self.table.from_file:
                return {"rows": colours[0], "PC1": maximum_colour()}
            return {
                "setosa": colours[0],
                "versicolor": colours[1],
                "virginica": colours[2],
                "PC1": maximum_colour(),
            }
        roles = {"level sets of f": level_colour(), "constraint g": constraint_colour()}
        if beat in (None, "tour", "maximum", "minimum"):
            roles["grad f"] = PALETTE.gradient
            roles["point w, w* and w_*"] = point_colour()
        return roles

    def invariants(self, beat: str) -> list[Invariant]:
        """Level curves at f = c, the circle at |w| = 1, the point on the circle and the
        gradient arrows at k * 2 S w and k * 2 w; at the extrema, the point at the
        eigenvector and the arrows parallel; in the last beat the flowers at the centred
        data and the PC1 line along w*."""
        pic = self.picture
        view = pic.view
        s = np.array(self.data["covariance"])
        checks: list[Invariant] = []
        if beat != "pca":
            for c, curve in zip(pic.level_values, pic.levels, strict=True):
                pts = view.p2c(curve_vertices(curve))
                checks.append(
                    Invariant(
                        f"level {c:.3g}: f = c on the curve",
                        np.einsum("ni,ij,nj->n", pts, s, pts) / max(c, 1e-12),
                        np.ones(len(pts)),
                        atol=1e-6,
                    )
                )
            ring = view.p2c(pic.circle.get_anchors())
            checks.append(
                Invariant(
                    "circle |w| = 1", np.linalg.norm(ring, axis=1), np.ones(len(ring)), atol=1e-3
                )
            )
        if beat in ("tour", "maximum", "minimum"):
            cur = self.current
            w = view.p2c(cur.dot.get_center())
            checks.append(Invariant("point on the circle", float(np.linalg.norm(w)), 1.0))
            gf = view.p2c(cur.objective.get_end()) - view.p2c(cur.objective.get_start())
            gg = view.p2c(cur.constraint.get_end()) - view.p2c(cur.constraint.get_start())
            checks.append(
                Invariant(
                    "grad f arrow = k 2 S w", list(gf / pic.scale), list(2 * s @ w), atol=1e-5
                )
            )
            checks.append(
                Invariant("grad g arrow = k 2 w", list(gg / pic.scale_g), list(2 * w), atol=1e-5)
            )
            if beat == "maximum":
                checks.append(Invariant("point at the optimum", list(w), self.data["optimum"]))
                checks.append(
                    Invariant(
                        "grad f = lambda grad g at the optimum",
                        list(gf),
                        list(self.data["multiplier"] * gg * (pic.scale / pic.scale_g)),
                        atol=1e-5,
                    )
                )
            if beat == "minimum":
                v = np.array(self.data["minimizer"])
                checks.append(Invariant("point at +-the minimizer", abs(float(w @ v)), 1.0))
                checks.append(
                    Invariant(
                        "grad f = lambda_2 grad g at the minimum",
                        list(gf),
                        list(self.data["multiplier_min"] * gg * (pic.scale / pic.scale_g)),
                        atol=1e-5,
                    )
                )
        if beat == "pca":
            frame = pic.frame
            pts = pic.result.points
            for k in range(len(pic.groups)):
                drawn = np.array([frame.view.p2c(q) for q in cloud_points(pic.clouds[k])])
                checks.append(
                    Invariant(
                        f"species {k} at the centred data",
                        drawn,
                        pts[pic.species == k],
                        atol=GEOMETRY_ATOL,
                    )
                )
            d = frame.view.p2c(pic.pc_line.get_end()) - frame.view.p2c(pic.pc_line.get_start())
            w = np.array(self.data["optimum"])
            checks.append(
                Invariant(
                    "PC1 line along w*",
                    float(d[0] * w[1] - d[1] * w[0]) / float(np.linalg.norm(d)),
                    0.0,
                )
            )
        return checks
