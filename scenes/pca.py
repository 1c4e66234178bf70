"""PCA scenes: principal components of the Iris measurements and of the 8x8 digits.

Render one with plain Manim: ``manim -pql scenes/pca.py PCA``.
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
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromPoint,
    Line,
    Rectangle,
    Text,
    Transform,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/pca.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlmath_viz import datasets, pca
from mlmath_viz.formatting import format_number, latex_number
from mlmath_viz.viewport import fit_view
from scenes.base import Invariant, MathScene
from scenes.builders import PlaneView, label_beside, math_label, stack
from scenes.parameters.pca import PCADigitsParams, PCAParams
from scenes.plotting import (
    Plot,
    curve_vertices,
    dot_cloud,
    formula_row,
    panel_top,
    plot_box,
    plot_curve,
    text_row,
    tick_step,
    tick_values,
)
from scenes.style import (
    BODY_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    panel_left,
)

#: Tolerance, in plotted units, for drawn geometry against the computed numbers
#: (Manim keeps float64 points; 1e-6 of a unit is far below a pixel).
GEOMETRY_ATOL = 1e-6
#: Points on the drawn covariance ellipse (count - 1 divisible by 4: both axes' ends
#: are vertices, so the largest and smallest distances from the centre are the
#: semi-axes exactly).
ELLIPSE_POINTS = 181
#: Largest screen length of one plotted unit.
MAX_UNIT = 3.0
#: Screen room (scene units) for tick labels left of and below the axes box, and for
#: the vertical axis' title above it.
Y_LABEL_ROOM = 0.8
X_LABEL_ROOM = 0.95
TOP_ROOM = 0.45
#: Stroke width of one dot of a point cloud.
DOT_WIDTH = 7
#: Largest height on screen of a bar for a ratio of 1.
BAR_SCALE = 3.2


def _percent(ratio: float) -> str:
    return format_number(100 * ratio, 1) + "%"


def _feature_text(name: str) -> str:
    return name.replace("_", " ")


def _digit_colours() -> tuple[str, ...]:
    """Ten distinct colours for the ten digit classes, all from the palette.

    The palette's ``series`` has six, and its last (orange in the dark theme) is the
    same brown as the second in the light theme, so five of them, then the eigen teal,
    the gradient pink, the grid blue, the muted grey and the text colour (a ten-colour
    categorical list would belong in :mod:`scenes.palettes`).
    """
    return (
        *PALETTE.series[:5],
        PALETTE.eigen[1],
        PALETTE.gradient,
        PALETTE.grid,
        PALETTE.muted,
        PALETTE.text,
    )


def _species_colours() -> tuple[str, str, str]:
    """The three Iris species: away from the eigen colours used by the principal axes."""
    return (PALETTE.series[1], PALETTE.series[2], PALETTE.series[3])


def cloud_points(cloud: VMobject) -> np.ndarray:
    """Scene points of the dots of a :func:`scenes.plotting.dot_cloud` (4 points a dot)."""
    points: np.ndarray = cloud.points[0::4]
    return points


@dataclass(frozen=True)
class ScatterFrame:
    """A plane drawn with equal units on both axes, framed by axes along its box's edges."""

    view: PlaneView
    lo: np.ndarray  # plane coordinates of the box's lower-left corner
    hi: np.ndarray  # and upper-right corner
    group: VGroup  # grid, axes, ticks, tick labels and titles


def scatter_frame(
    key_points: np.ndarray,
    x_title: str,
    y_title: str,
    box: tuple[float, float, float, float] | None = None,
) -> ScatterFrame:
    """Axes with one unit length for both coordinates, fitted around ``key_points``.

    The plot fills its box: the coordinate with the smaller span gets extra room rather
    than a stretched unit, so right angles and circles look right.
    """
    left, right, bottom, top = box or plot_box()
    left, bottom, top = left + Y_LABEL_ROOM, bottom + X_LABEL_ROOM, top - TOP_ROOM
    pad = 0.3
    unit, centre = fit_view(key_points, right - left - 2 * pad, top - bottom - 2 * pad, MAX_UNIT)
    box_centre = np.array([(left + right) / 2, (bottom + top) / 2, 0.0])
    view = PlaneView(origin=box_centre - unit * np.array([centre[0], centre[1], 0.0]), unit=unit)
    lo = view.coords([left, bottom, 0.0])
    hi = view.coords([right, top, 0.0])
    step = tick_step(float(max(hi - lo)), 8)
    digits = max(0, -math.floor(math.log10(step) + 1e-9) + 1)
    grid_lines, axes, labels = VGroup(), VGroup(), VGroup()
    corner_room = 0.35 / unit  # no tick label right at the corner, where both would meet
    axis_style = {"stroke_color": PALETTE.muted, "stroke_width": 2}
    axes.add(Line(view.point(lo), view.point((hi[0], lo[1])), **axis_style))
    axes.add(Line(view.point(lo), view.point((lo[0], hi[1])), **axis_style))
    first = np.ceil(lo / step - 1e-9) * step
    for axis in (0, 1):
        values = tick_values(float(first[axis]), float(hi[axis]), step)
        for v in values:
            if v > hi[axis] + 1e-9 or v < lo[axis] + corner_room:
                continue
            if axis == 0:
                a, b = view.point((v, lo[1])), view.point((v, hi[1]))
                direction = DOWN
            else:
                a, b = view.point((lo[0], v)), view.point((hi[0], v))
                direction = LEFT
            grid_lines.add(Line(a, b, stroke_color=PALETTE.grid_faint, stroke_width=1))
            axes.add(Line(a, a - 0.08 * direction, **axis_style))
            labels.add(
                formula_row(latex_number(v, digits), PALETTE.muted).next_to(a, direction, buff=0.14)
            )
    x_label = Text(x_title, font_size=TEXT_SIZE, color=PALETTE.muted)
    x_label.next_to(view.point((hi[0], lo[1])), DOWN, buff=0.55).align_to(
        view.point((hi[0], lo[1])), RIGHT
    )
    y_label = Text(y_title, font_size=TEXT_SIZE, color=PALETTE.muted)
    y_label.next_to(view.point((lo[0], hi[1])), UP, buff=0.12).align_to(
        view.point((lo[0], hi[1])), LEFT
    )
    grid_lines.set_z_index(-2)
    return ScatterFrame(view, lo, hi, VGroup(grid_lines, axes, labels, x_label, y_label))


def _legend(entries: list[tuple[str, str]], columns: int = 1) -> VGroup:
    rows = VGroup()
    for colour, name in entries:
        swatch = Dot(radius=0.09, color=colour)
        rows.add(VGroup(swatch, Text(name, font_size=TEXT_SIZE, color=PALETTE.text)))
        rows[-1].arrange(RIGHT, buff=0.15)
    if columns == 1:
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
    return rows.arrange_in_grid(cols=columns, buff=(0.3, 0.14), cell_alignment=LEFT)


def _segments(starts: np.ndarray, ends: np.ndarray, colour: str) -> VMobject:
    """Many straight segments as ONE VMobject (one cubic curve each)."""
    n = len(starts)
    p = np.zeros((n, 4, 3))
    for k, t in enumerate((0.0, 1 / 3, 2 / 3, 1.0)):
        p[:, k, :] = starts + t * (ends - starts)
    lines = VMobject(stroke_color=colour, stroke_width=1.5, stroke_opacity=0.6, fill_opacity=0)
    if n:
        lines.set_points(p.reshape(-1, 3))
    return lines


def _title(text: str) -> Text:
    title = Text(text, font_size=BODY_SIZE, color=PALETTE.text)
    if title.width > PANEL_WIDTH:
        title.scale_to_fit_width(PANEL_WIDTH)
    return title


class PCA(MathScene):
    """Principal components of the Iris measurements.

    Two measurements of 150 Iris flowers form a tilted cloud whose covariance ellipse
    has the eigenvectors of the covariance matrix as its axes; projecting onto the first
    axis keeps most of the spread, and PCA of all four measurements ranks the components
    by the variance they explain.
    """

    params_type = PCAParams

    def construct(self) -> None:
        p: PCAParams = self.params
        x, species = datasets.iris()
        columns = [datasets.IRIS_FEATURES.index(f) for f in (p.x_feature, p.y_feature)]
        full = pca.pca_eigh(x, standardized=p.standardize)
        view2 = pca.feature_view(x[:, columns], standardized=p.standardize, n_sd=p.ellipse_sd)
        scores = full.transform(x)[:, :2]
        self.full, self.view2, self.scores, self.species = full, view2, scores, species
        unit_name = "z-score" if p.standardize else "cm"
        self.data = {
            "n_samples": full.n_samples,
            "standardize": p.standardize,
            "features_all": list(datasets.IRIS_FEATURES),
            "explained_variance_ratio": full.explained_variance_ratio.tolist(),
            "explained_variance": full.explained_variance.tolist(),
            "components": full.components.tolist(),
            "mean_all": full.mean.tolist(),
            "scale_all": full.scale.tolist(),
            "scale_ddof": pca.SCALE_DDOF,
            "covariance_ddof": pca.COVARIANCE_DDOF,
            "features": [p.x_feature, p.y_feature],
            "units_2d": unit_name,
            **view2.to_json(),
            "pc12_variance_ratio": float(full.explained_variance_ratio[:2].sum()),
        }
        ellipse = view2.ellipse
        axes2 = view2.pca.components
        a, b = ellipse.semi_axes
        mean2 = view2.mean

        # -- The 2-feature view: every point, the ellipse and the PC1 line must fit.
        line_ends = np.array([mean2 - 1.25 * a * axes2[0], mean2 + 1.25 * a * axes2[0]])
        keys = np.vstack([view2.points, ellipse.points(ELLIPSE_POINTS), line_ends])
        frame1 = scatter_frame(
            keys,
            f"{_feature_text(p.x_feature)} ({unit_name})",
            f"{_feature_text(p.y_feature)} ({unit_name})",
        )
        view = frame1.view
        self.frame1 = frame1
        colours = _species_colours()
        clouds = VGroup()
        for k in range(3):
            pts = view2.points[species == k]
            clouds.add(dot_cloud(np.array([view.point(q) for q in pts]), colours[k], DOT_WIDTH))
        self.clouds = clouds
        ellipse_line = VMobject(stroke_color=PALETTE.text, stroke_width=3)
        ellipse_line.set_points_as_corners([view.point(q) for q in ellipse.points(ELLIPSE_POINTS)])
        self.ellipse_line = ellipse_line
        centre_dot = Dot(view.point(mean2), radius=0.07, color=PALETTE.text)
        arrows = VGroup(
            *(
                Arrow(
                    view.point(mean2),
                    view.point(mean2 + s * axes2[i]),
                    buff=0,
                    color=PALETTE.eigen[i],
                    stroke_width=6,
                    max_tip_length_to_length_ratio=0.3,
                    max_stroke_width_to_length_ratio=8,
                )
                for i, s in enumerate((a, b))
            )
        )
        self.arrows = arrows
        # PC1's label sits beside its tip on the side away from PC2, off the dashed PC1
        # line drawn later; PC2's label sits past its tip.
        pc1_label = math_label(r"\mathrm{PC1}", PALETTE.eigen[0])
        away = -np.array([axes2[1][0], axes2[1][1], 0.0])
        pc1_label.move_to(
            arrows[0].get_end()
            + away * (0.15 + 0.5 * math.hypot(pc1_label.width, pc1_label.height))
        )
        arrow_labels = VGroup(
            pc1_label,
            label_beside(math_label(r"\mathrm{PC2}", PALETTE.eigen[1]), arrows[1], +1, UP),
        )
        pc1_line = DashedLine(
            view.point(line_ends[0]),
            view.point(line_ends[1]),
            stroke_color=PALETTE.eigen[0],
            stroke_width=3,
            dash_length=0.12,
        )
        projected = VGroup()
        segments = VGroup()
        for k in range(3):
            mask = species == k
            start = np.array([view.point(q) for q in view2.points[mask]])
            end = np.array([view.point(q) for q in view2.projections[mask]])
            projected.add(dot_cloud(end, colours[k], DOT_WIDTH))
            segments.add(_segments(start, end, colours[k]))

        # -- The panel.
        left = panel_left()
        title = _title("PCA of the Iris data")
        subtitle = text_row(
            "standardized: z-scores" if p.standardize else "raw measurements in cm",
            PALETTE.muted,
        )
        legend = _legend([(colours[k], datasets.IRIS_SPECIES[k]) for k in range(3)])
        cov = view2.covariance
        sigma = formula_row(
            r"\Sigma = \begin{pmatrix} "
            + rf"{latex_number(cov[0, 0])} & {latex_number(cov[0, 1])} \\ "
            + rf"{latex_number(cov[1, 0])} & {latex_number(cov[1, 1])} \end{{pmatrix}}"
        )
        lam = view2.pca.explained_variance
        ratio2 = view2.pca.explained_variance_ratio
        eigen_rows = VGroup(
            formula_row(rf"\lambda_1 = {latex_number(lam[0])}", PALETTE.eigen[0]),
            formula_row(rf"\lambda_2 = {latex_number(lam[1])}", PALETTE.eigen[1]),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        keep_row = text_row(f"PC1 keeps {_percent(ratio2[0])}", PALETTE.eigen[0])
        top_part = stack([title, subtitle, legend], top=panel_top(), left=left, gap=0.25)
        lower = stack(
            [sigma, eigen_rows, keep_row],
            top=top_part.get_bottom()[1] - 0.35,
            left=left,
            gap=0.3,
        )

        # The bar chart of all four components, in the panel once the 2-D details go.
        ratios = full.explained_variance_ratio
        chart_title = text_row("variance explained, all 4", PALETTE.text)
        chart_title.move_to([left + chart_title.width / 2, lower.get_top()[1] - 0.2, 0])
        base_y = -frame_half_height() + 0.25 + 0.45
        self.bar_base_y = base_y
        # The tallest possible bar (ratio 1) with its label fits under the chart's title.
        bar_scale = min(BAR_SCALE, chart_title.get_bottom()[1] - 0.55 - base_y)
        self.bar_scale = bar_scale
        slot = PANEL_WIDTH / 4
        bars, bar_labels, value_labels = VGroup(), VGroup(), VGroup()
        for i, r in enumerate(ratios):
            cx = left + slot * (i + 0.5)
            height = bar_scale * float(r)
            bar = Rectangle(
                width=0.55,
                height=max(height, 1e-6),
                stroke_width=0,
                fill_color=PALETTE.accent,
                fill_opacity=0.85,
            )
            bar.move_to([cx, base_y + height / 2, 0])
            bars.add(bar)
            bar_labels.add(
                Text(f"PC{i + 1}", font_size=TEXT_SIZE, color=PALETTE.muted).move_to(
                    [cx, base_y - 0.25, 0]
                )
            )
            value_labels.add(
                Text(_percent(float(r)), font_size=TEXT_SIZE, color=PALETTE.text).next_to(
                    [cx, base_y + height, 0], UP, buff=0.1
                )
            )
        baseline = Line(
            [left, base_y, 0], [left + PANEL_WIDTH, base_y, 0], stroke_color=PALETTE.muted
        )
        self.bars = bars

        # -- The PC1/PC2 view of all four measurements.
        frame2 = scatter_frame(
            scores,
            "PC1 of all 4 measurements",
            "PC2",
        )
        self.frame2 = frame2
        score_clouds = VGroup(
            *(
                dot_cloud(
                    np.array([frame2.view.point(q) for q in scores[species == k]]),
                    colours[k],
                    DOT_WIDTH,
                )
                for k in range(3)
            )
        )

        # -- Beat 1: the data.
        self.beat(
            "data",
            f"{full.n_samples} Iris flowers: {_feature_text(p.x_feature)} against "
            f"{_feature_text(p.y_feature)} ({'z-scores' if p.standardize else 'cm'}, equal "
            "units on both axes), coloured by species.",
        )
        self.play(FadeIn(frame1.group), FadeIn(title), FadeIn(subtitle), run_time=1.0)
        self.play(*(FadeIn(c) for c in clouds), FadeIn(legend, lag_ratio=0.2), run_time=1.2)

        # -- Beat 2: the covariance matrix and its ellipse.
        self.beat(
            "covariance",
            f"The covariance matrix has variances {format_number(cov[0, 0])} and "
            f"{format_number(cov[1, 1])} and covariance {format_number(cov[0, 1])}; the "
            f"ellipse reaches {format_number(p.ellipse_sd)} standard deviations along "
            "each principal axis.",
        )
        self.play(FadeIn(centre_dot), Write(sigma), run_time=1.0)
        self.play(Create(ellipse_line), run_time=1.2)

        # -- Beat 3: the principal axes are the covariance matrix's eigenvectors.
        v1 = axes2[0]
        self.beat(
            "axes",
            f"The principal axes are the eigenvectors of the covariance matrix: PC1 along "
            f"({format_number(v1[0])}, {format_number(v1[1])}) with variance "
            f"{format_number(lam[0])}, PC2 at right angles with variance "
            f"{format_number(lam[1])}.",
        )
        self.play(*(GrowArrow(arrow) for arrow in arrows), FadeIn(eigen_rows), run_time=1.2)
        self.play(FadeIn(arrow_labels), run_time=0.5)

        # -- Beat 4: project every flower onto PC1.
        self.beat(
            "project",
            f"Projecting every flower onto the PC1 line keeps {_percent(ratio2[0])} of the "
            f"variance of these two measurements; the {_percent(ratio2[1])} across it is "
            "lost.",
        )
        # The arrows step back so the projected dots on PC1 stay visible.
        self.play(Create(pc1_line), arrows.animate.set_opacity(0.35), run_time=0.8)
        self.play(Create(segments), run_time=0.8)
        self.play(
            *(Transform(c, t) for c, t in zip(clouds, projected, strict=True)),
            FadeIn(keep_row),
            run_time=1.6,
        )
        self.play(segments.animate.set_stroke(opacity=0.25), run_time=0.4)

        # -- Beat 5: the explained variance of all four components.
        self.beat(
            "variance",
            "PCA of all four measurements: PC1 to PC4 explain "
            + ", ".join(_percent(float(r)) for r in ratios)
            + " of the variance"
            + (" of the standardized data." if p.standardize else "."),
        )
        self.play(FadeOut(VGroup(sigma, eigen_rows, keep_row)), run_time=0.5)
        self.play(FadeIn(chart_title), Create(baseline), FadeIn(bar_labels), run_time=0.6)
        self.play(
            *(GrowFromPoint(bar, [bar.get_x(), base_y, 0]) for bar in bars),
            FadeIn(value_labels),
            run_time=1.2,
        )

        # -- Beat 6: all four measurements seen in the PC1/PC2 plane.
        self.beat(
            "scores",
            "Each flower's four measurements projected onto PC1 and PC2, which together "
            f"keep {_percent(self.data['pc12_variance_ratio'])} of the variance.",
        )
        self.play(
            FadeOut(
                VGroup(
                    frame1.group,
                    ellipse_line,
                    centre_dot,
                    arrows,
                    arrow_labels,
                    pc1_line,
                    segments,
                )
            ),
            run_time=0.6,
        )
        self.play(
            FadeIn(frame2.group),
            *(Transform(c, t) for c, t in zip(clouds, score_clouds, strict=True)),
            run_time=2.0,
        )
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Clouds at the data, projections on the PC1 line, the ellipse's semi-axes, the
        PC arrows along the computed 2-D components, bar heights at the ratios, and the
        last cloud at the PC1/PC2 scores."""
        checks: list[Invariant] = []
        view = self.frame1.view
        v2 = self.view2
        ellipse = self.data["ellipse"]
        components_2d = np.array(self.data["components_2d"])
        if beat in ("data", "covariance", "axes"):
            for k in range(3):
                checks.append(
                    Invariant(
                        f"species {k} dots at the data",
                        [view.coords(q) for q in cloud_points(self.clouds[k])],
                        v2.points[self.species == k],
                        atol=GEOMETRY_ATOL,
                    )
                )
        if beat in ("covariance", "axes", "project", "variance"):
            vertices = np.array([view.coords(q) for q in curve_vertices(self.ellipse_line)])
            r = np.linalg.norm(vertices - np.array(ellipse["centre"]), axis=1)
            checks.append(
                Invariant(
                    "ellipse semi-axes = k sqrt(lambda)",
                    [r.max(), r.min()],
                    ellipse["semi_axes"],
                    atol=GEOMETRY_ATOL,
                )
            )
        if beat in ("axes", "project", "variance"):
            for i, arrow in enumerate(self.arrows):
                start, end = view.coords(arrow.get_start()), view.coords(arrow.get_end())
                checks.append(
                    Invariant(f"PC{i + 1} arrow starts at the mean", start, self.data["mean"])
                )
                checks.append(
                    Invariant(
                        f"PC{i + 1} arrow along component {i + 1}",
                        (end - start) / np.linalg.norm(end - start),
                        components_2d[i],
                        atol=GEOMETRY_ATOL,
                    )
                )
                checks.append(
                    Invariant(
                        f"PC{i + 1} arrow reaches the ellipse",
                        np.linalg.norm(end - start),
                        ellipse["semi_axes"][i],
                        atol=GEOMETRY_ATOL,
                    )
                )
        if beat in ("project", "variance"):
            mean = np.array(self.data["mean"])
            for k in range(3):
                drawn = np.array([view.coords(q) for q in cloud_points(self.clouds[k])])
                checks.append(
                    Invariant(
                        f"species {k} projections lie on the PC1 line",
                        (drawn - mean) @ components_2d[1],
                        np.zeros(len(drawn)),
                        atol=GEOMETRY_ATOL,
                    )
                )
                checks.append(
                    Invariant(
                        f"species {k} projections at the feet of the points",
                        drawn,
                        v2.projections[self.species == k],
                        atol=GEOMETRY_ATOL,
                    )
                )
        if beat in ("variance", "scores"):
            heights = [(bar.get_top()[1] - self.bar_base_y) / self.bar_scale for bar in self.bars]
            checks.append(
                Invariant(
                    "bar heights = explained variance ratios",
                    heights,
                    self.data["explained_variance_ratio"],
                    atol=1e-5,  # bars of zero height are drawn 1e-6 high
                )
            )
        if beat == "scores":
            frame2 = self.frame2.view
            for k in range(3):
                checks.append(
                    Invariant(
                        f"species {k} dots at their PC1/PC2 scores",
                        [frame2.coords(q) for q in cloud_points(self.clouds[k])],
                        self.scores[self.species == k],
                        atol=GEOMETRY_ATOL,
                    )
                )
        return checks


def _squares(corners: np.ndarray) -> np.ndarray:
    """Bezier points of closed squares, one subpath each; ``corners`` is (m, 4, 3)."""
    nxt = np.roll(corners, -1, axis=1)
    t = np.array([0.0, 1 / 3, 2 / 3, 1.0])[None, None, :, None]
    points: np.ndarray = corners[:, :, None, :] + t * (nxt - corners)[:, :, None, :]
    return points.reshape(-1, 3)


def _digit_image(pixels: np.ndarray, height: float) -> VGroup:
    """An 8x8 digit as filled squares in the text colour, opacity = grey level / 16.

    One VMobject per grey level (at most 16), plus a thin frame: no ImageMobject (Manim
    0.21's image drawing fails with Pillow 13).
    """
    side = datasets.DIGIT_SIDE
    grey = np.asarray(pixels, dtype=float).reshape(side, side)
    cell = height / side
    group = VGroup(
        Rectangle(width=height, height=height, stroke_color=PALETTE.muted, stroke_width=1)
    )
    offsets = np.array([[0.0, 0.0, 0.0], [cell, 0.0, 0.0], [cell, -cell, 0.0], [0.0, -cell, 0.0]])
    for level in np.unique(grey[grey > 0]):
        rows, cols = np.nonzero(grey == level)
        top_left = np.column_stack(
            [-height / 2 + cols * cell, height / 2 - rows * cell, np.zeros(len(rows))]
        )
        patch = VMobject(fill_color=PALETTE.text, fill_opacity=float(level) / 16.0, stroke_width=0)
        patch.set_points(_squares(top_left[:, None, :] + offsets[None, :, :]))
        group.add(patch)
    return group


class PCADigits(MathScene):
    """PCA of the 8x8 handwritten digits.

    Each image is a point in 64 dimensions; projected onto its first two principal
    components the 1797 digits form clusters by class, although two components keep
    only a small share of the variance.
    """

    params_type = PCADigitsParams

    def construct(self) -> None:
        p: PCADigitsParams = self.params
        classes = p.classes()
        x, target = datasets.digits(classes)
        result = pca.pca_eigh(x, standardized=p.standardize)
        scores = result.transform(x)[:, :2]
        cumulative = pca.cumulative_ratio(result.explained_variance_ratio)
        need90 = pca.components_needed(result.explained_variance_ratio, 0.9)
        self.scores, self.target, self.classes = scores, target, classes
        self.data = {
            "n_samples": result.n_samples,
            "n_features": int(x.shape[1]),
            "classes": list(classes),
            "standardize": p.standardize,
            "explained_variance_ratio": result.explained_variance_ratio[:2].tolist(),
            "cumulative_variance_ratio": cumulative.tolist(),
            "components_for_90_percent": need90,
            "score_min": scores.min(axis=0).tolist(),
            "score_max": scores.max(axis=0).tolist(),
        }

        frame = scatter_frame(scores, "PC1", "PC2")
        self.frame = frame
        view = frame.view
        colours = _digit_colours()
        clouds = VGroup()
        for c in classes:
            pts = scores[target == c]
            clouds.add(dot_cloud(np.array([view.point(q) for q in pts]), colours[c], 5))
        self.clouds = clouds
        origin = view.point((0.0, 0.0))

        # -- Sample images: the first of each class, in up to two rows of five.
        l0, r0, _, _ = plot_box()
        per_row = min(5, len(classes))
        size = min(1.4, (r0 - l0) / (1.4 * per_row))
        samples = VGroup()
        for c in classes:
            image = _digit_image(x[np.argmax(target == c)], size)
            label = Text(str(c), font_size=TEXT_SIZE + 4, color=PALETTE.text)
            samples.add(VGroup(image, label.next_to(image, DOWN, buff=0.15)))
        samples.arrange_in_grid(cols=per_row, buff=(0.35 * size, 0.4))
        samples.move_to([(l0 + r0) / 2, 0.0, 0])

        # -- Panel.
        left = panel_left()
        title = _title("PCA of 8x8 digits")
        subtitle = text_row(
            f"{result.n_samples} images, " + ("pixels z-scored" if p.standardize else "64 pixels"),
            PALETTE.muted,
        )
        legend = _legend([(colours[c], str(c)) for c in classes], columns=5)
        ratio = result.explained_variance_ratio
        ratio_rows = VGroup(
            text_row(f"PC1 explains {_percent(ratio[0])}", PALETTE.text),
            text_row(f"PC2 explains {_percent(ratio[1])}", PALETTE.text),
            text_row(f"together {_percent(cumulative[1])}", PALETTE.accent),
            text_row(f"90% needs {need90} of {len(cumulative)}", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        top_part = stack([title, subtitle, legend, ratio_rows], top=panel_top(), left=left, gap=0.3)
        n_comp = len(cumulative)
        curve_top = top_part.get_bottom()[1] - 0.3
        plot = Plot(
            0.0,
            float(n_comp),
            1.0,
            box=(left - 0.1, left + PANEL_WIDTH, -frame_half_height() + 0.25, curve_top),
            y_title="cumulative share",
            x_title=r"k",
            x_ticks=4,
            y_ticks=2,
        )
        self.plot = plot
        ks = np.arange(1, n_comp + 1, dtype=float)
        curve = plot_curve(plot, ks, cumulative, PALETTE.density, width=3)
        self.curve = curve
        marker = Dot(plot.points([2.0], [cumulative[1]])[0], radius=0.08, color=PALETTE.accent)
        self.marker = marker

        # -- Beat 1: images are vectors.
        shown = (
            "all ten digits"
            if len(classes) == 10
            else "the digits " + ", ".join(str(c) for c in classes)
        )
        self.beat(
            "images",
            f"{result.n_samples} handwritten images of {shown}, 8 by 8 pixels each: every "
            "image is a point in 64 dimensions.",
        )
        self.play(FadeIn(title), FadeIn(subtitle), run_time=0.6)
        self.play(FadeIn(samples, lag_ratio=0.1), run_time=1.2)

        # -- Beat 2: the projection onto PC1 and PC2.
        self.beat(
            "projection",
            (
                "Projected onto the first two principal components, images of the same "
                "digit land near each other; each dot is one image."
            )
            if len(classes) > 1
            else (
                f"Projected onto the first two principal components of the images of "
                f"{classes[0]}: each dot is one image, spread along the two directions in "
                "which they vary most."
            ),
        )
        self.play(FadeOut(samples), FadeIn(frame.group), run_time=0.8)
        self.play(
            *(GrowFromPoint(cloud, origin) for cloud in clouds),
            FadeIn(legend, lag_ratio=0.1),
            run_time=2.0,
        )

        # -- Beat 3: how much two components keep.
        self.beat(
            "variance",
            f"PC1 and PC2 explain {_percent(ratio[0])} and {_percent(ratio[1])} of the "
            f"variance, {_percent(cumulative[1])} together; {need90} components are "
            "needed for 90%.",
        )
        self.play(FadeIn(ratio_rows), run_time=0.6)
        self.play(FadeIn(plot.group()), Create(curve), run_time=1.2)
        self.play(FadeIn(marker), run_time=0.4)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Every digit's dot at its PC1/PC2 score; the cumulative curve and its marker
        at the computed shares."""
        checks: list[Invariant] = []
        if beat in ("projection", "variance"):
            view = self.frame.view
            for c, cloud in zip(self.classes, self.clouds, strict=True):
                checks.append(
                    Invariant(
                        f"digit {c} dots at their scores",
                        [view.coords(q) for q in cloud_points(cloud)],
                        self.scores[self.target == c],
                        atol=GEOMETRY_ATOL,
                    )
                )
        if beat == "variance":
            drawn = self.plot.coords(curve_vertices(self.curve))
            cumulative = self.data["cumulative_variance_ratio"]
            checks.append(
                Invariant(
                    "cumulative curve at the cumulative ratios",
                    drawn,
                    np.column_stack([np.arange(1, len(cumulative) + 1), cumulative]),
                    atol=GEOMETRY_ATOL,
                )
            )
            checks.append(
                Invariant(
                    "marker at two components",
                    self.plot.coords(self.marker.get_center())[0],
                    [2.0, cumulative[1]],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks
