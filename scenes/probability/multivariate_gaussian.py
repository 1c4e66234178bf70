"""The bivariate normal fitted to two Iris measurements: ellipses, marginals, conditionals.

Render it with plain Manim:
``manim -pql scenes/probability/multivariate_gaussian.py MultivariateGaussian``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    ReplacementTransform,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    rush_into,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/probability/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import gaussian
from scenes.kit.builders import stack
from scenes.kit.legends import dot_swatch, legend_row, line_swatch
from scenes.kit.marks import dot_centres, dot_cloud
from scenes.kit.numbers import format_number, latex_number, nice_ticks
from scenes.kit.panel_rows import formula, remark
from scenes.kit.plots import PlotFrame, line_through, plot_frame
from scenes.kit.plotting import curve_vertices, formula_row, panel_title, panel_top, plot_box
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    CURVE_POINTS,
    GEOMETRY_ATOL,
    LINE_WIDTH,
    PALETTE,
    TEXT_SIZE,
    TICK_SIZE,
    panel_left,
)
from scenes.parameters.data import dropped_note
from scenes.parameters.group_rows import group_json, items, subject, unit_text
from scenes.probability.params import MultivariateGaussianParams

#: Screen room left of the left strip for the y tick labels.
Y_LABEL_ROOM = 0.75
#: Screen room under the bottom strip for the x tick labels and the x title.
X_LABEL_ROOM = 0.85
#: Screen room above the plots for the y title.
TOP_ROOM = 0.45
#: Thickness of the strips holding the marginal densities, and their gap to the plane.
STRIP = 1.0
STRIP_GAP = 0.12
#: Screen width of the conditional density's peak, drawn sideways from the slice.
COND_PEAK = 0.95
#: The conditional density is drawn out to this many of its sds (cut to the plane).
COND_REACH = 3.5
#: Radius of a dot of one flower (4 px across at 480p); a tie of c flowers has c times
#: its area.
DOT_RADIUS = 0.055
#: Points on each drawn ellipse (count - 1 divisible by 4: the axes' ends are vertices).
ELLIPSE_POINTS = 181
#: Stroke opacity of the ellipses once the slice is drawn (the slice's curves in front).
ELLIPSE_DIM = 0.4
#: Decimals of the covariance entries (setosa petal width's variance is 0.011).
COV_DIGITS = 3
#: The conditional sd within this share of the marginal's counts as "nearly the marginal".
NEARLY = 0.05


def data_colour() -> str:
    return PALETTE.sample


def density_colour() -> str:
    """The fitted density: its ellipses and its marginals."""
    return PALETTE.density


def regression_colour() -> str:
    return PALETTE.series[2]


def conditional_colour() -> str:
    return PALETTE.series[5]


def feature_text(name: str) -> str:
    return name.replace("_", " ")


def pct(mass: float) -> str:
    """A probability as a whole percentage (39, 86, 99)."""
    return format_number(100 * mass, 0)


@dataclass
class GaussianPicture:
    """What MultivariateGaussian draws, for its beats, invariants and tests."""

    plane: PlotFrame  # the two measurements (cm)
    bottom: PlotFrame  # x and the density of its marginal
    left: PlotFrame  # the density of y's marginal and y
    furniture: VGroup  # borders, tick labels, grid, titles
    dots: VMobject  # one disc per distinct flower, area proportional to its count
    centre: Dot  # the mean
    ellipses: list[VMobject]  # the 1, 2, 3 sigma ellipses
    ellipse_labels: VGroup
    marginals: list[VMobject] = field(default_factory=list)  # x along the bottom, y on the left
    slice_line: VMobject = field(default_factory=VMobject)
    regression: VMobject = field(default_factory=VMobject)
    conditional: VMobject = field(default_factory=VMobject)  # sideways from the slice
    cond_dot: Dot = field(default_factory=Dot)
    marginal_at_slice: VMobject = field(default_factory=VMobject)  # y's marginal, sideways
    cond_scale: float = 1.0  # plotted x per unit of conditional density
    drawn_x: float = float("nan")  # the x0 the slice is drawn at
    panel: VGroup = field(default_factory=VGroup)  # the rows shown (not itself in the scene)


class MultivariateGaussian(MathScene):
    """The bivariate normal: ellipses, marginals and the conditional.

    A normal fitted to two measurements of fifty flowers has nested ellipses holding 39,
    86 and 99 percent of its probability, normal marginals on the axes, and at each x a
    normal slice whose mean runs along the regression line and whose width never changes.
    """

    params_type = MultivariateGaussianParams

    def construct(self) -> None:
        p: MultivariateGaussianParams = self.params
        self.table = p.table()  # the species' flowers, or the rows of a CSV file's group
        self.unit = unit_text(self.table)
        self.items = items(self.table)
        self.frame = self.table.frame[[p.x_feature, p.y_feature]]
        self.points = self.frame.to_numpy(dtype=float)
        self.fit = gaussian.fit(self.frame)
        self.cond = self.fit.conditional(p.given_x)
        self.data = self.sidecar()
        self.picture = self.build_picture()
        self.show_data()  # the flowers, their mean and covariance
        self.show_ellipses()  # the k-sigma ellipses and the probability inside each
        self.show_marginals()  # the marginals fall onto the axes
        self.show_conditional()  # the slice at x0 is a normal centred on the regression line
        self.sweep()  # moving x0: the mean slides along the line, the width stays

    # ------------------------------------------------------------------ numbers

    def sidecar(self) -> dict[str, object]:
        p: MultivariateGaussianParams = self.params
        g, c = self.fit, self.cond
        x = self.points[:, 0]
        unique, counts = gaussian.ties(self.points)
        levels = list(gaussian.SIGMA_LEVELS)
        (mx, vx), (my, vy) = g.marginal(0), g.marginal(1)
        return {
            **g.to_json(),
            "species": p.species,
            "x_feature": p.x_feature,
            "y_feature": p.y_feature,
            "points": self.points.tolist(),
            "distinct_points": unique.tolist(),
            "tie_counts": counts.tolist(),
            "given_x": p.given_x,
            "conditional_mean": c.mean,
            "conditional_variance": c.variance,
            "conditional_sd": c.sd,
            "marginal_x": {"mean": mx, "variance": vx, "sd": g.marginal_sd(0)},
            "marginal_y": {"mean": my, "variance": vy, "sd": g.marginal_sd(1)},
            "conditional_sd_over_marginal_sd": g.conditional_sd_ratio,
            "sigma_levels": levels,
            "ellipse_mass": gaussian.ellipse_mass(levels).tolist(),
            "ellipses": [g.ellipse(k).to_json() for k in levels],
            "flowers_inside": [
                gaussian.count_inside(self.points, g.mean, g.covariance, k) for k in levels
            ],
            "outer_ellipse_box": [
                a.tolist() for a in gaussian.ellipse_extent(g.mean, g.covariance, levels[-1])
            ],
            "sweep_x": _path(p.given_x, float(x.min()), float(x.max())),
            "regression_intercept": g.conditional(0.0).mean,
            **group_json(p.group_column, p.group),
            "data_source": self.table.source.to_json(),
        }

    # ------------------------------------------------------------------ building

    def build_picture(self) -> GaussianPicture:
        """Every mobject, placed, not yet shown."""
        plane, bottom, left = self.frames()
        furniture = self.furniture(plane, bottom, left)
        ellipses = [
            _polyline(plane.c2p(self.fit.ellipse(k).points(ELLIPSE_POINTS)), density_colour())
            for k in gaussian.SIGMA_LEVELS
        ]
        centre = Dot(plane.c2p(self.fit.mean.reshape(1, 2))[0], radius=0.07, color=PALETTE.text)
        centre.set_z_index(3)
        pic = GaussianPicture(
            plane=plane,
            bottom=bottom,
            left=left,
            furniture=furniture,
            dots=self.flower_dots(plane),
            centre=centre,
            ellipses=ellipses,
            ellipse_labels=self.ellipse_labels(plane, ellipses),
        )
        return pic

    def frames(self) -> tuple[PlotFrame, PlotFrame, PlotFrame]:
        """The plane of the two measurements, the strip under it (x's marginal) and the
        strip left of it (y's marginal), sharing the plane's x and y scales."""
        g = self.fit
        outer = self.fit.ellipse(gaussian.SIGMA_LEVELS[-1]).points(ELLIPSE_POINTS)
        keys = np.vstack([self.points, outer])
        lo, hi = keys.min(axis=0), keys.max(axis=0)
        pad = 0.04 * (hi - lo)
        lo, hi = lo - pad, hi + pad
        left_edge, right_edge, bottom_edge, top_edge = plot_box()
        plane_left = left_edge + Y_LABEL_ROOM + STRIP + STRIP_GAP
        plane_bottom = bottom_edge + X_LABEL_ROOM + STRIP + STRIP_GAP
        width = right_edge - plane_left
        height = top_edge - TOP_ROOM - plane_bottom
        # Room right of the largest x for the conditional drawn sideways: the plotted
        # right end x1 with (x1 - x_max) * width / (x1 - x0) >= COND_PEAK + 0.1.
        need = (COND_PEAK + 0.1) / width
        x_max = float(self.points[:, 0].max())
        hi[0] = max(hi[0], (x_max - need * lo[0]) / (1 - need))
        box = ((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])))
        plane = plot_frame(
            box,
            width,
            height,
            (plane_left + width / 2, plane_bottom + height / 2),
            x_values=[],
            y_values=[],
        )
        (mx, vx), (my, vy) = g.marginal(0), g.marginal(1)
        peak_x = float(gaussian.normal_pdf(mx, mx, vx))
        peak_y = float(gaussian.normal_pdf(my, my, vy))
        bottom = plot_frame(
            (box[0], (0.0, 1.12 * peak_x)),
            width,
            STRIP,
            (plane_left + width / 2, plane_bottom - STRIP_GAP - STRIP / 2),
            x_ticks=6,
            y_values=[],
        )
        left = plot_frame(
            ((0.0, 1.12 * peak_y), box[1]),
            STRIP,
            height,
            (plane_left - STRIP_GAP - STRIP / 2, plane_bottom + height / 2),
            y_ticks=6,
            x_values=[],
        )
        return plane, bottom, left

    def furniture(self, plane: PlotFrame, bottom: PlotFrame, left: PlotFrame) -> VGroup:
        """Borders, tick labels, the plane's faint grid at the ticks, the axis titles."""
        (x0, x1), (y0, y1) = plane.box
        grid = VGroup()
        for x in nice_ticks(x0, x1, 6):
            a, b = plane.c2p([(x, y0), (x, y1)])
            grid.add(Line(a, b, stroke_color=PALETTE.grid_faint, stroke_width=1.5))
        for y in nice_ticks(y0, y1, 6):
            a, b = plane.c2p([(x0, y), (x1, y)])
            grid.add(Line(a, b, stroke_color=PALETTE.grid_faint, stroke_width=1.5))
        grid.set_z_index(-2)
        x_title = Text(
            self.with_unit(feature_text(self.fit.names[0])),
            font_size=TEXT_SIZE,
            color=PALETTE.muted,
        )
        x_title.next_to(bottom.border, DOWN, buff=0.5).align_to(bottom.border, RIGHT)
        y_title = Text(
            self.with_unit(feature_text(self.fit.names[1])),
            font_size=TEXT_SIZE,
            color=PALETTE.muted,
        )
        y_title.next_to(left.border, UP, buff=0.12).align_to(left.border, LEFT)
        out = VGroup(grid, plane.group, bottom.group, left.group, x_title, y_title)
        note = dropped_note(self.table.source)
        if note:  # rows with a missing value were left out: say so above the data
            dropped = Text(note, font_size=TEXT_SIZE, color=PALETTE.muted)
            dropped.next_to(plane.border, UP, buff=0.12).align_to(plane.border, RIGHT)
            out.add(dropped)
        return out

    def flower_dots(self, plane: PlotFrame) -> VMobject:
        """One disc per distinct (x, y); a tie of c flowers has c times the area."""
        unique, counts = gaussian.ties(self.points)
        centres = plane.c2p(unique)
        pts = [
            dot_cloud(centres[i : i + 1], data_colour(), radius=DOT_RADIUS * np.sqrt(c)).points
            for i, c in enumerate(counts)
        ]
        dots = VMobject(fill_color=data_colour(), fill_opacity=0.85, stroke_width=0)
        dots.set_points(np.vstack(pts))
        dots.set_z_index(1)
        return dots

    def ellipse_labels(self, plane: PlotFrame, ellipses: list[VMobject]) -> VGroup:
        """Each ellipse's probability, just inside it where the ellipses are furthest
        apart on screen (along the on-screen major axis), on the end with fewer flowers."""
        centre = plane.c2p(self.fit.mean.reshape(1, 2))[0]
        inner = curve_vertices(ellipses[0])
        reach = np.linalg.norm(inner - centre, axis=1)
        far = inner[int(np.argmax(reach))] - centre
        flowers = plane.c2p(self.points)
        best: VGroup | None = None
        best_cover = None
        for side in (1.0, -1.0):
            labels = VGroup()
            masses = gaussian.ellipse_mass(gaussian.SIGMA_LEVELS)
            for k, mass in zip(gaussian.SIGMA_LEVELS, masses, strict=True):
                label = formula_row(rf"{pct(float(mass))}\%", density_colour(), size=TICK_SIZE)
                label.set_stroke(PALETTE.background, width=6, background=True)
                u = side * far / np.linalg.norm(far)
                depth = abs(u[0]) * label.width / 2 + abs(u[1]) * label.height / 2 + 0.06
                label.move_to(centre + k * side * far - depth * u)
                labels.add(label)
            cover = sum(
                int(np.sum(np.all(np.abs(flowers[:, :2] - lab.get_center()[:2]) < 0.3, axis=1)))
                for lab in labels
            )
            if best_cover is None or cover < best_cover:
                best, best_cover = labels, cover
        assert best is not None
        best.set_z_index(4)
        return best

    def marginal_curves(self) -> list[VMobject]:
        """x's marginal density along the bottom, y's sideways along the left."""
        pic, g = self.picture, self.fit
        (x0, x1), (y0, y1) = pic.plane.box
        xs = np.linspace(x0, x1, CURVE_POINTS)
        ys = np.linspace(y0, y1, CURVE_POINTS)
        (mx, vx), (my, vy) = g.marginal(0), g.marginal(1)
        bottom = pic.bottom.c2p(np.column_stack([xs, gaussian.normal_pdf(xs, mx, vx)]))
        left = pic.left.c2p(np.column_stack([gaussian.normal_pdf(ys, my, vy), ys]))
        return [_polyline(bottom, density_colour()), _polyline(left, density_colour())]

    def draw_conditional(self, x0: float) -> None:
        """The slice at x0, the conditional density sideways from it (cut to the plane's
        y range) and its mean on the regression line."""
        pic = self.picture
        (_, _), (y0, y1) = pic.plane.box
        c = self.fit.conditional(x0)
        lo, hi = max(y0, c.mean - COND_REACH * c.sd), min(y1, c.mean + COND_REACH * c.sd)
        ys = np.linspace(lo, hi, CURVE_POINTS)
        ys = np.unique(np.concatenate([ys, [c.mean] if lo < c.mean < hi else []]))
        xs = x0 + pic.cond_scale * gaussian.normal_pdf(ys, c.mean, c.variance)
        pic.conditional.set_points_as_corners(pic.plane.c2p(np.column_stack([xs, ys])))
        pic.slice_line.set_x(float(pic.plane.c2p([(x0, y0)])[0][0]))  # vertical: move it
        pic.cond_dot.move_to(pic.plane.c2p([(x0, c.mean)])[0])
        my, vy = self.fit.marginal(1)
        sy = float(np.sqrt(vy))
        lo, hi = max(y0, my - COND_REACH * sy), min(y1, my + COND_REACH * sy)
        ys = np.unique(np.concatenate([np.linspace(lo, hi, CURVE_POINTS), [my]]))
        xs = x0 + pic.cond_scale * gaussian.normal_pdf(ys, my, vy)
        pic.marginal_at_slice.set_points_as_corners(pic.plane.c2p(np.column_stack([xs, ys])))
        pic.drawn_x = x0

    def panel_head(self) -> VGroup:
        g = self.fit
        s = g.covariance
        cov = (
            rf"\Sigma = \begin{{bmatrix}} {latex_number(s[0, 0], COV_DIGITS)} & "
            rf"{latex_number(s[0, 1], COV_DIGITS)} \\ {latex_number(s[1, 0], COV_DIGITS)} & "
            rf"{latex_number(s[1, 1], COV_DIGITS)} \end{{bmatrix}}"
        )
        _, counts = gaussian.ties(self.points)
        tie_note = f"dot area: ties (up to {int(counts.max())})" if counts.max() > 1 else "no ties"
        rows = [
            panel_title("Bivariate normal"),
            *self.head_rows(),
            legend_row(dot_swatch(data_colour()), remark(tie_note)),
            formula(rf"\mu = ({latex_number(g.mean[0])},\ {latex_number(g.mean[1])})"),
            formula(cov),
            formula(
                rf"\Sigma \text{{ over }} n - 1 = {g.n - 1},\ \ r = {latex_number(g.correlation)}"
            ),
        ]
        return stack(rows, top=panel_top(), left=panel_left(), gap=0.16)

    # ------------------------------------------------------------------ beats

    def show_data(self) -> None:
        # The viewer sees the flowers as a tilted cloud and its mean and covariance.
        pic, g = self.picture, self.fit
        nx, ny = (feature_text(n) for n in g.names)
        self.beat(
            "data",
            f"{self.whose()} {nx} against {ny}{self.unit_note()}: mean "
            f"({format_number(g.mean[0])}, {format_number(g.mean[1])}) and covariance Σ "
            f"with 1/(n − 1), correlation r = {format_number(g.correlation)}."
            f"{self.dropped_sentence()}",
        )
        pic.panel = self.panel_head()
        self.play(FadeIn(pic.furniture), FadeIn(pic.dots), run_time=1.0)
        self.play(FadeIn(pic.centre), *(FadeIn(r) for r in pic.panel), run_time=0.8)
        self.wait(0.8)

    def show_ellipses(self) -> None:
        # The viewer sees the density's level sets as nested ellipses with their masses.
        pic = self.picture
        mass = self.data["ellipse_mass"]
        inside = self.data["flowers_inside"]
        assert isinstance(mass, list) and isinstance(inside, list)
        self.beat(
            "ellipses",
            f"The fitted normal's 1, 2 and 3 sigma ellipses (Mahalanobis distance k) hold "
            f"{pct(mass[0])}%, {pct(mass[1])}% and {pct(mass[2])}% of its probability; "
            f"{inside[0]}, {inside[1]} and {inside[2]} of the {self.fit.n} {self.items} lie inside "
            f"them.{self.below_zero_note()}",
        )
        row = VGroup(
            formula(r"P(d \le k) =", density_colour()),
            formula(r"\quad 1 - \exp(-k^2/2)", density_colour()),
        )
        self.mass_row = row
        stack(list(row), top=pic.panel.get_bottom()[1] - 0.16, left=panel_left(), gap=0.14)
        self.play(*(Create(e) for e in pic.ellipses), run_time=1.4)
        self.play(FadeIn(pic.ellipse_labels), FadeIn(row), run_time=0.6)
        pic.panel.add(row)
        self.wait(0.8)

    def show_marginals(self) -> None:
        # The viewer sees the 2-D density collapse onto each axis as a normal curve.
        pic, g = self.picture, self.fit
        (mx, vx), (my, vy) = g.marginal(0), g.marginal(1)
        nx, ny = (feature_text(n) for n in g.names)
        self.beat(
            "marginals",
            f"Its marginals fall onto the axes: {nx} ~ N({format_number(mx)}, "
            f"{format_number(np.sqrt(vx))}²) along the bottom, {ny} ~ N({format_number(my)}, "
            f"{format_number(np.sqrt(vy))}²) along the left.",
        )
        pic.marginals = self.marginal_curves()
        # Each curve first appears over the cloud, its baseline through the mean, then
        # falls (accelerating) onto its axis: x's down, y's to the left.
        centre = pic.plane.c2p(g.mean.reshape(1, 2))[0]
        bottom_base = pic.bottom.c2p(np.array([[mx, 0.0]]))[0]
        left_base = pic.left.c2p(np.array([[0.0, my]]))[0]
        lifts = [(centre[1] - bottom_base[1]) * UP, (centre[0] - left_base[0]) * RIGHT]
        falling = [m.copy().shift(lift) for m, lift in zip(pic.marginals, lifts, strict=True)]
        self.play(*(FadeIn(f) for f in falling), run_time=0.7)
        self.play(
            *(ReplacementTransform(f, m) for f, m in zip(falling, pic.marginals, strict=True)),
            run_time=1.0,
            rate_func=rush_into,
        )
        self.wait(0.8)

    def show_conditional(self) -> None:
        # The viewer sees one vertical slice of the density: a normal centred on the line.
        pic, g, c = self.picture, self.fit, self.cond
        p: MultivariateGaussianParams = self.params
        ny = feature_text(g.names[1])
        (_, _), (y0, y1) = pic.plane.box
        peak = float(gaussian.normal_pdf(c.mean, c.mean, c.variance))
        pic.cond_scale = COND_PEAK / pic.plane.coords.unit / peak
        pic.slice_line = DashedLine(
            pic.plane.c2p([(p.given_x, y0)])[0],
            pic.plane.c2p([(p.given_x, y1)])[0],
            stroke_color=PALETTE.muted,
            stroke_width=LINE_WIDTH,
        )
        pic.conditional = VMobject(
            stroke_color=conditional_colour(),
            stroke_width=LINE_WIDTH,
            fill_color=conditional_colour(),
            fill_opacity=0.25,
        )
        pic.cond_dot = Dot(radius=0.1, color=conditional_colour())
        pic.marginal_at_slice = VMobject(
            stroke_color=density_colour(), stroke_width=LINE_WIDTH, stroke_opacity=0.9
        )
        pic.marginal_at_slice.set_z_index(1)
        pic.cond_dot.set_z_index(3)
        pic.conditional.set_z_index(2)
        self.draw_conditional(p.given_x)
        ends = line_through(pic.plane, g.mean, g.regression_slope)
        assert ends is not None
        pic.regression = Line(ends[0], ends[1], stroke_color=regression_colour(), stroke_width=5)
        self.beat(
            "conditional",
            f"The slice at x = {self.amount(p.given_x)}, normalised, is the conditional "
            f"normal of {ny}, N({format_number(c.mean)}, {format_number(c.sd)}²): its mean "
            f"lies on the regression line, slope β = S_xy/S_xx = "
            f"{format_number(g.regression_slope)}, and it is {self.width_words()} the "
            f"marginal of {ny} drawn beside it (sd {format_number(c.sd)} against "
            f"{format_number(np.sqrt(g.covariance[1, 1]))}).",
        )
        key = VGroup(
            legend_row(line_swatch(regression_colour()), remark("regression")),
            VGroup(
                legend_row(
                    line_swatch(conditional_colour()),
                    formula_row(r"p(y \mid x_0)", conditional_colour(), size=TICK_SIZE),
                ),
                legend_row(
                    line_swatch(density_colour()),
                    formula_row(r"p(y)", density_colour(), size=TICK_SIZE),
                ),
            ).arrange(RIGHT, buff=0.35),
        ).arrange(DOWN, buff=0.14, aligned_edge=LEFT)
        rows = [
            key,
            formula(r"\mu_{y|x} = \mu_y + \beta\,(x_0 - \mu_x)"),
            formula(rf"\beta = S_{{xy}} / S_{{xx}} = {latex_number(g.regression_slope)}"),
            formula(r"\sigma^2_{y|x} = S_{yy} - S_{xy}^2 / S_{xx}"),
            formula(rf"\quad = {latex_number(c.variance, COV_DIGITS)} \text{{ for every }} x_0"),
        ]
        self.at_x0 = formula(
            rf"x_0 = {latex_number(p.given_x)}:\ \mu_{{y|x}} = {latex_number(c.mean)}",
            conditional_colour(),
        )
        pic.panel.remove(self.mass_row)
        stack(
            [*rows, self.at_x0], top=pic.panel.get_bottom()[1] - 0.16, left=panel_left(), gap=0.14
        )
        self.play(
            FadeOut(pic.ellipse_labels),
            *(e.animate.set_stroke(opacity=ELLIPSE_DIM) for e in pic.ellipses),
            FadeOut(self.mass_row),
            Create(pic.slice_line),
            run_time=0.8,
        )
        self.play(Create(pic.regression), FadeIn(VGroup(*rows[:1])), run_time=0.8)
        self.play(
            Create(pic.conditional),
            Create(pic.marginal_at_slice),
            FadeIn(pic.cond_dot),
            FadeIn(VGroup(*rows[1:], self.at_x0)),
            run_time=1.2,
        )
        pic.panel.add(*rows, self.at_x0)
        self.wait(1.0)

    def sweep(self) -> None:
        # The viewer sees the conditional slide with x0: its mean rides the regression line
        # and its width never changes.
        pic = self.picture
        p: MultivariateGaussianParams = self.params
        path = list(self.data["sweep_x"])  # type: ignore[call-overload]
        self.beat("sweep", self.sweep_caption(path))
        x0 = ValueTracker(p.given_x)

        def follow(_: Mobject) -> None:
            self.draw_conditional(x0.get_value())

        def moving(_: Mobject) -> None:
            """Marks the slice and the dot as moving: the renderer then redraws them
            each frame instead of keeping them in its static background."""

        pic.conditional.add_updater(follow)
        pic.slice_line.add_updater(moving)
        pic.cond_dot.add_updater(moving)
        pic.marginal_at_slice.add_updater(moving)
        self.play(FadeOut(self.at_x0), run_time=0.4)
        pic.panel.remove(self.at_x0)
        span = max(path) - min(path)
        for target in path[1:]:
            run = 0.6 + 2.2 * abs(target - x0.get_value()) / max(span, 1e-9)
            self.play(x0.animate.set_value(target), run_time=run, rate_func=smooth)
        pic.conditional.remove_updater(follow)
        pic.slice_line.remove_updater(moving)
        pic.cond_dot.remove_updater(moving)
        pic.marginal_at_slice.remove_updater(moving)
        self.draw_conditional(p.given_x)
        self.play(FadeIn(self.at_x0), run_time=0.4)
        pic.panel.add(self.at_x0)
        self.wait(1.0)

    # ------------------------------------------------------------------ words

    def below_zero_note(self) -> str:
        """Said when the 3-sigma ellipse reaches below 0 cm (a length cannot)."""
        if self.table.from_file:  # a file's columns may well be negative
            return ""
        lo = self.data["outer_ellipse_box"][0]  # type: ignore[index]
        below = [feature_text(n) for n, v in zip(self.fit.names, lo, strict=True) if v < 0]
        if not below:
            return ""
        return (
            f" The 3 sigma ellipse reaches below 0 cm in {' and '.join(below)}: the normal "
            f"model gives some probability to negative measurements."
        )

    def amount(self, value: float) -> str:
        """A value of x with its unit (cm for Iris, none for a file)."""
        return self.amount_text(format_number(value))

    def amount_text(self, text: str) -> str:
        return f"{text} {self.unit}" if self.unit else text

    def with_unit(self, name: str) -> str:
        """An axis title: the column's name and the unit in brackets (none for a file)."""
        return f"{name} ({self.unit})" if self.unit else name

    def unit_note(self) -> str:
        return f" ({self.unit})" if self.unit else ""

    def whose(self) -> str:
        """The rows in words, before the columns: "The 50 setosa flowers'", "The 48 rows
        with section A of scores.csv,"."""
        p: MultivariateGaussianParams = self.params
        if not self.table.from_file:
            return f"The {self.fit.n} {p.species} flowers'"
        rows = subject(self.table, p.species, p.group_column, p.group, self.fit.n)
        return f"The {rows} of {self.table.source.name},"

    def head_rows(self) -> list[Mobject]:
        """The panel's row under the title: which rows (the dropped ones are noted above
        the plane)."""
        p: MultivariateGaussianParams = self.params
        return [remark(subject(self.table, p.species, p.group_column, p.group, self.fit.n))]

    def dropped_sentence(self) -> str:
        note = dropped_note(self.table.source)
        return f" {note}." if note else ""

    def width_words(self) -> str:
        ratio = self.data["conditional_sd_over_marginal_sd"]
        assert isinstance(ratio, float)
        return "nearly as wide as" if ratio > 1 - NEARLY else "narrower than"

    def sweep_caption(self, path: list[float]) -> str:
        g, c = self.fit, self.cond
        ratio = self.data["conditional_sd_over_marginal_sd"]
        assert isinstance(ratio, float)
        text = (
            f"As x moves {self.amount_text(' → '.join(format_number(v) for v in path))}, the "
            f"conditional mean slides along the regression line and the width stays fixed: "
            f"the variance S_yy − S_xy²/S_xx = {format_number(c.variance, COV_DIGITS)} does "
            f"not depend on x."
        )
        if ratio > 1 - NEARLY:
            text += (
                f" With r = {format_number(g.correlation)} the conditional sd "
                f"{format_number(c.sd)} is {format_number(100 * ratio, 0)}% of the marginal's "
                f"{format_number(np.sqrt(g.covariance[1, 1]))}: the conditional is nearly the "
                f"marginal, knowing x barely narrows y."
            )
        return text

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        roles = {"data": data_colour(), "density": density_colour(), "mean": PALETTE.text}
        if beat in ("conditional", "sweep"):
            roles["regression"] = regression_colour()
            roles["conditional"] = conditional_colour()
        return roles

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The dots are the flowers (ties as areas), the ellipses at Mahalanobis distance
        k, the marginals and the conditional the sidecar's normals, its mean on the line."""
        pic, g = self.picture, self.fit
        plane = pic.plane
        unique = np.array(self.data["distinct_points"])
        counts = np.array(self.data["tie_counts"])
        centres = plane.coords.p2c(dot_centres(pic.dots))
        radii = _radii(pic.dots)
        # sorted as the sidecar's (lexicographically), after rounding away the round-off
        # of reading back (0.1 read as 0.0999999 sorted before another 0.1)
        rounded = np.round(centres, 6)
        order = np.lexsort((rounded[:, 1], rounded[:, 0]))
        checks = [
            Invariant(
                "the dots are the distinct flowers",
                centres[order].tolist(),
                unique.tolist(),
                atol=1e-9,
            ),
            Invariant(
                "a dot's area counts its flowers",
                ((radii[order] / DOT_RADIUS) ** 2).tolist(),
                counts.astype(float).tolist(),
                atol=1e-6,
            ),
            Invariant(
                "the centre dot is the mean",
                plane.coords.p2c(pic.centre.get_center()).tolist(),
                list(self.data["mean"]),  # type: ignore[call-overload]
                atol=GEOMETRY_ATOL,
            ),
        ]
        if beat == "data":
            return checks
        for k, ellipse in zip(gaussian.SIGMA_LEVELS, pic.ellipses, strict=True):
            d = g.mahalanobis(plane.coords.p2c(curve_vertices(ellipse)))
            checks.append(
                Invariant(f"the {k:g}-sigma ellipse is at distance {k:g}", float(np.ptp(d)), 0.0)
            )
            checks.append(Invariant(f"the {k:g}-sigma ellipse's distance", float(d[0]), k))
        if beat == "ellipses":
            return checks
        (mx, vx), (my, vy) = g.marginal(0), g.marginal(1)
        bx = pic.bottom.coords.p2c(curve_vertices(pic.marginals[0]))
        ly = pic.left.coords.p2c(curve_vertices(pic.marginals[1]))
        checks += [
            Invariant(
                "the bottom curve is x's marginal",
                float(np.max(np.abs(bx[:, 1] - gaussian.normal_pdf(bx[:, 0], mx, vx)))),
                0.0,
            ),
            Invariant(
                "the left curve is y's marginal",
                float(np.max(np.abs(ly[:, 0] - gaussian.normal_pdf(ly[:, 1], my, vy)))),
                0.0,
            ),
        ]
        if beat == "marginals":
            return checks
        x0 = float(self.data["given_x"])  # type: ignore[arg-type]
        cond = plane.coords.p2c(curve_vertices(pic.conditional))
        dens = (cond[:, 0] - x0) / pic.cond_scale
        slice_x = plane.coords.p2c(np.array([pic.slice_line.get_start(), pic.slice_line.get_end()]))
        dot = plane.coords.p2c(pic.cond_dot.get_center())
        marg = plane.coords.p2c(curve_vertices(pic.marginal_at_slice))
        marg_dens = (marg[:, 0] - x0) / pic.cond_scale
        reg = plane.coords.p2c(np.array([pic.regression.get_start(), pic.regression.get_end()]))
        reg_slope = (reg[1, 1] - reg[0, 1]) / (reg[1, 0] - reg[0, 0])
        checks += [
            Invariant("the slice is drawn at given_x", pic.drawn_x, x0, atol=1e-12),
            Invariant("the slice line is vertical at x0", slice_x[:, 0].tolist(), [x0, x0]),
            Invariant(
                "the sideways curve is the conditional normal",
                float(
                    np.max(
                        np.abs(
                            dens
                            - gaussian.normal_pdf(
                                cond[:, 1],
                                float(self.data["conditional_mean"]),  # type: ignore[arg-type]
                                float(self.data["conditional_variance"]),  # type: ignore[arg-type]
                            )
                        )
                    )
                ),
                0.0,
            ),
            Invariant(
                "the yellow curve at the slice is y's marginal",
                float(np.max(np.abs(marg_dens - gaussian.normal_pdf(marg[:, 1], my, vy)))),
                0.0,
            ),
            Invariant(
                "the dot is the conditional mean",
                dot.tolist(),
                [x0, self.data["conditional_mean"]],
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "the line has the regression slope",
                float(reg_slope),
                self.data["regression_slope"],
                atol=1e-6,
            ),
            Invariant(
                "the dot lies on the line",
                float(reg[0, 1] + reg_slope * (dot[0] - reg[0, 0])),
                float(dot[1]),
                atol=GEOMETRY_ATOL,
            ),
        ]
        return checks


def _path(given: float, lo: float, hi: float) -> list[float]:
    """The sweep of x0: from ``given`` to the smallest x, the largest and back, without
    legs of length zero (``given`` at an end of the data)."""
    path = [given]
    for target in (lo, hi, given):
        if target != path[-1]:
            path.append(target)
    return path


def _polyline(points: np.ndarray, colour: str) -> VMobject:
    curve = VMobject(stroke_color=colour, stroke_width=LINE_WIDTH)
    curve.set_points_as_corners(points)
    return curve


def _radii(dots: VMobject) -> np.ndarray:
    """The radius of each disc of a dot cloud: its first anchor's distance from its
    centre."""
    pts = np.asarray(dots.points, dtype=float).reshape(-1, 16, 3)
    centres = dot_centres(dots)
    out: np.ndarray = np.linalg.norm(pts[:, 0, :] - centres, axis=1)
    return out


__all__ = ["MultivariateGaussian"]
