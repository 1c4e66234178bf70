"""Principal components of the Iris measurements.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/pca.py PCA``.
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

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/pca.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pandas as pd

from mlmath_viz import pca
from scenes.kit.builders import label_beside, math_label, readable_arrow, stack
from scenes.kit.coords import Coords
from scenes.kit.marks import line_curves
from scenes.kit.numbers import format_number, latex_number, percent
from scenes.kit.panel import touching
from scenes.kit.plotting import (
    cloud_points,
    curve_vertices,
    dot_cloud,
    formula_row,
    panel_title,
    panel_top,
    plot_box,
    text_row,
)
from scenes.kit.scatter import MAX_UNIT as SCATTER_MAX_UNIT
from scenes.kit.scatter import (
    TOP_ROOM,
    X_LABEL_ROOM,
    Y_LABEL_ROOM,
    ScatterFrame,
    dot_legend,
    scatter_frame,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.linear_algebra.params import PCAParams
from scenes.parameters.data import Table, dropped_note, screen_name

#: Font size of formulas with an index (lambda_1): the 90% index is 12.7 px at 480p.
INDEX_SIZE = 44

#: The padding :func:`scenes.kit.scatter.scatter_frame` keeps inside its box.
SCATTER_PAD = 0.3

#: Points on the drawn covariance ellipse (count - 1 divisible by 4: both axes' ends
#: are vertices, so the largest and smallest distances from the centre are the
#: semi-axes exactly).
ELLIPSE_POINTS = 181


#: Stroke width of one dot of a point cloud.
DOT_WIDTH = 7


#: Stroke width of the projection segments: 3 px at 480p (they were 0.9 px).
SEGMENT_WIDTH = 5


#: Largest height on screen of a bar for a ratio of 1.
BAR_SCALE = 3.2


def fitted_box(
    keys: np.ndarray, min_width: float = 3.6, min_height: float = 3.0
) -> tuple[float, float, float, float]:
    """A screen box (left, right, bottom, top) for :func:`scatter_frame` shaped like
    the points' bounding box at equal units, centred in the kit's plot box: the unit
    is the largest that fits, and the coordinate with the smaller span gets no more
    room than it needs (at equal units a tall cloud in the whole plot box left 60%
    of the plot empty). ``min_width`` and ``min_height`` keep room for the axis
    titles."""
    left, right, bottom, top = plot_box()
    room_x = Y_LABEL_ROOM + 2 * SCATTER_PAD
    room_y = X_LABEL_ROOM + TOP_ROOM + 2 * SCATTER_PAD
    span = np.ptp(np.asarray(keys, dtype=float).reshape(-1, 2), axis=0)
    span = np.maximum(span, 1e-9)
    unit = min(
        SCATTER_MAX_UNIT, (right - left - room_x) / span[0], (top - bottom - room_y) / span[1]
    )
    width = min(right - left, max(min_width, unit * span[0] + room_x))
    height = min(top - bottom, max(min_height, unit * span[1] + room_y))
    cx, cy = (left + right) / 2, (bottom + top) / 2
    return (cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2)


def _feature_text(name: str) -> str:
    return name.replace("_", " ")


def _species_colours(count: int = 3) -> tuple[str, ...]:
    """The groups (the three Iris species): away from the eigen colours used by the
    principal axes."""
    return tuple(PALETTE.series[1 : 1 + count])


def _segments(starts: np.ndarray, ends: np.ndarray, colour: str) -> VMobject:
    """Many straight segments as ONE VMobject (one cubic curve each)."""
    lines = VMobject(
        stroke_color=colour, stroke_width=SEGMENT_WIDTH, stroke_opacity=0.6, fill_opacity=0
    )
    if len(starts):
        lines.set_points(line_curves(starts, ends))
    return lines


def _species_clouds(view: Coords, points: np.ndarray, species: np.ndarray) -> VGroup:
    """One dot cloud per species at ``points`` (plane coordinates)."""
    count = int(species.max()) + 1 if len(species) else 1
    colours = _species_colours(count)
    return VGroup(
        *(
            dot_cloud(np.array([view.c2p(q) for q in points[species == k]]), colours[k], DOT_WIDTH)
            for k in range(count)
        )
    )


def _pc_arrows(view: Coords, view2: pca.FeatureView) -> tuple[VGroup, VGroup]:
    """PC1 and PC2 of the two measurements as arrows from the mean to the ellipse, and
    their labels."""
    axes2 = view2.pca.components
    a, b = view2.ellipse.semi_axes
    mean2 = view2.mean
    arrows = VGroup(
        *(
            Arrow(
                view.c2p(mean2),
                view.c2p(mean2 + s * axes2[i]),
                buff=0,
                color=PALETTE.eigen[i],
                stroke_width=6,
                max_tip_length_to_length_ratio=0.3,
                max_stroke_width_to_length_ratio=8,
            )
            for i, s in enumerate((a, b))
        )
    )
    # PC1's label sits beside its tip on the side away from PC2, off the dashed PC1
    # line drawn later; PC2's label sits past its tip.
    pc1_label = math_label(r"\mathrm{PC1}", PALETTE.eigen[0])
    away = -np.array([axes2[1][0], axes2[1][1], 0.0])
    pc1_label.move_to(
        arrows[0].get_end() + away * (0.15 + 0.5 * math.hypot(pc1_label.width, pc1_label.height))
    )
    arrow_labels = VGroup(
        pc1_label,
        label_beside(math_label(r"\mathrm{PC2}", PALETTE.eigen[1]), arrows[1], +1, UP),
    )
    return arrows, arrow_labels


def _loading_arrows(
    frame: ScatterFrame, loadings: np.ndarray, features: list[str]
) -> tuple[VGroup, VGroup, float]:
    """The two shown measurements as arrows in the PC1/PC2 plane of all four (a
    biplot): from the mean, along (loading on PC1, loading on PC2), a loading of 1
    drawn ``scale`` plotted units long; each named past its tip."""
    half = 0.5 * (frame.hi - frame.lo)
    centre = 0.5 * (frame.hi + frame.lo)
    scale = 0.8 * float(min(half[0] - abs(centre[0]), half[1] - abs(centre[1])))
    scale = max(scale, 0.5 * float(min(half)))
    view = frame.view
    arrows, labels = VGroup(), VGroup()
    outward: list[np.ndarray] = []
    for load, feature in zip(loadings, features, strict=True):
        tip = scale * np.asarray(load, dtype=float)
        arrow = Arrow(
            view.c2p((0.0, 0.0)),
            view.c2p(tip),
            buff=0,
            color=PALETTE.text,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.3,
            max_stroke_width_to_length_ratio=8,
        )
        readable_arrow(arrow)
        arrows.add(arrow)
        label = Text(feature, font_size=TEXT_SIZE, color=PALETTE.text)
        label.set_stroke(PALETTE.background, width=5, background=True)
        d = view.c2p(tip) - view.c2p((0.0, 0.0))
        norm = float(np.linalg.norm(d))
        d = d / norm if norm > 1e-9 else np.array([1.0, 0.0, 0.0])
        reach = abs(d[0]) * label.width / 2 + abs(d[1]) * label.height / 2 + 0.12
        label.move_to(view.c2p(tip) + reach * d)
        if labels.submobjects and touching(label, labels[0], 0.05):
            label.next_to(labels[0], DOWN if d[1] < 0 else UP, buff=0.08)
        labels.add(label)
        outward.append(d)
    # A label over the other arrow's tip moves on outwards along its own arrow (the Iris
    # pairs never need it; a file's columns can point almost the same way).
    for k, label in enumerate(labels):
        for j, arrow in enumerate(arrows):
            for _ in range(8):
                if j == k or not touching(label, arrow.get_tip(), 0.03):
                    break
                label.shift(0.15 * outward[k])
    arrows.set_z_index(2)
    labels.set_z_index(3)
    return arrows, labels, scale


@dataclass
class VarianceChart:
    """The bar chart of the variance each of the four components explains."""

    title: Text
    baseline: Line
    bars: VGroup
    bar_labels: VGroup
    value_labels: VGroup
    base_y: float  # screen height of the bars' feet
    scale: float  # screen height of a bar for a ratio of 1


@dataclass
class IrisPlane:
    """The two shown measurements' plane and what is drawn on it."""

    frame: ScatterFrame
    clouds: VGroup  # one per species: at the data, then projected, then at the scores
    centre_dot: Dot
    ellipse_line: VMobject
    arrows: VGroup  # PC1 and PC2 of the two measurements, from the mean
    arrow_labels: VGroup
    pc1_line: DashedLine
    projected: VGroup  # the clouds' targets, on the PC1 line
    segments: VGroup  # from each flower to its foot on the PC1 line


@dataclass
class IrisPanel:
    """The panel's rows before the bar chart takes their place."""

    title: Text
    subtitle: Text
    legend: VGroup
    sigma: VMobject  # the 2x2 covariance matrix
    eigen_rows: VGroup
    keep_row: Text

    def details(self) -> VGroup:
        """The 2-D rows the bar chart replaces."""
        return VGroup(self.sigma, self.eigen_rows, self.keep_row)


@dataclass
class PCAPicture:
    """What PCA draws, for its beats, invariants and tests."""

    table: Table  # the rows used and where they came from (a CSV file or the Iris data)
    features: list[str]  # the full PCA's columns
    groups: list[str]  # the values that colour the points (the species), in order
    full: pca.PCAResult  # PCA of all four measurements
    view2: pca.FeatureView  # the two shown measurements: covariance, ellipse, projections
    scores: np.ndarray  # every flower's PC1/PC2 scores from all four measurements
    species: np.ndarray
    plane: IrisPlane
    panel: IrisPanel
    chart: VarianceChart
    frame2: ScatterFrame  # the PC1/PC2 plane of all four measurements
    score_clouds: VGroup  # the clouds' targets, at the scores
    loadings: VGroup  # the two shown measurements' directions in the PC1/PC2 plane
    loading_labels: VGroup
    loading_scale: float  # plotted length of a loading of 1


class PCA(MathScene):
    """Principal components of the Iris measurements.

    Two measurements of 150 Iris flowers form a tilted cloud whose covariance ellipse
    has the eigenvectors of the covariance matrix as its axes; projecting onto the first
    axis keeps most of the spread, and PCA of all four measurements ranks the components
    by the variance they explain.
    """

    params_type = PCAParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_data()  # two measurements of 150 flowers, coloured by species
        self.show_covariance()  # the covariance matrix and its ellipse
        self.show_axes()  # the ellipse's axes are the covariance matrix's eigenvectors
        self.project()  # projecting onto PC1 keeps most of the variance
        self.show_variance()  # PCA of all four measurements ranks the components
        self.show_scores()  # every flower in the PC1/PC2 plane of all four

    def build_picture(self) -> PCAPicture:
        """The numbers from mlmath_viz and every mobject, placed, not yet shown."""
        p: PCAParams = self.params
        tab, features, group = p.table()  # the Iris data, or the columns of a CSV file
        self.table, self.features = tab, features
        x = tab.frame[features].to_numpy(dtype=np.float64)
        if group:
            codes, names = pd.factorize(tab.frame[group])  # in order of appearance
            species, self.groups = np.asarray(codes, dtype=np.int64), [str(n) for n in names]
        else:
            species, self.groups = np.zeros(len(x), dtype=np.int64), []
        columns = [features.index(f) for f in (p.x_feature, p.y_feature)]
        full = pca.pca_eigh(x, standardized=p.standardize)
        view2 = pca.feature_view(x[:, columns], standardized=p.standardize, n_sd=p.ellipse_sd)
        scores = full.transform(x)[:, :2]
        unit_name = "z-score" if p.standardize else ("" if tab.from_file else "cm")
        self.data = {
            "n_samples": full.n_samples,
            "standardize": p.standardize,
            "features_all": list(features),
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
        self.data["loadings_2d"] = full.components[:2, columns].T.tolist()
        self.data["group"] = group
        self.data["groups"] = list(self.groups)
        self.data["data_source"] = tab.source.to_json()
        panel = self.build_panel(view2)
        frame2 = scatter_frame(
            scores,
            f"PC1 of all {len(features)} {self._what()}",
            "PC2",
            box=fitted_box(scores, min_width=4.6),
        )
        loadings, loading_labels, loading_scale = _loading_arrows(
            frame2,
            np.array(self.data["loadings_2d"]),
            [self._name(p.x_feature), self._name(p.y_feature)],
        )
        return PCAPicture(
            tab,
            features,
            list(self.groups),
            full,
            view2,
            scores,
            species,
            self.build_plane(view2, species, unit_name),
            panel,
            self.build_chart(full.explained_variance_ratio, panel.details().get_top()[1]),
            frame2,
            _species_clouds(frame2.view, scores, species),
            loadings,
            loading_labels,
            loading_scale,
        )

    def build_plane(self, view2: pca.FeatureView, species: np.ndarray, unit: str) -> IrisPlane:
        """The two measurements' plane: every point, the ellipse and the PC1 line fit."""
        p: PCAParams = self.params
        ellipse = view2.ellipse
        axes2 = view2.pca.components
        a = ellipse.semi_axes[0]
        mean2 = view2.mean
        # The PC1 line spans the ellipse's axis and every foot of a projection, a little
        # past both (not further: its ends set the view).
        along = (view2.projections - mean2) @ axes2[0]
        t0, t1 = min(-a, float(along.min())), max(a, float(along.max()))
        pad = 0.06 * (t1 - t0)
        line_ends = np.array([mean2 + (t0 - pad) * axes2[0], mean2 + (t1 + pad) * axes2[0]])
        keys = np.vstack([view2.points, ellipse.points(ELLIPSE_POINTS), line_ends])
        frame1 = scatter_frame(
            keys,
            self._axis_title(p.x_feature, unit),
            self._axis_title(p.y_feature, unit),
            box=fitted_box(keys),
        )
        view = frame1.view
        # The ellipse is a guide (k standard deviations), in the guides' colour: white
        # was 9.2 from PC2's teal under protanopia.
        ellipse_line = VMobject(stroke_color=PALETTE.muted, stroke_width=4)
        ellipse_line.set_points_as_corners([view.c2p(q) for q in ellipse.points(ELLIPSE_POINTS)])
        arrows, arrow_labels = _pc_arrows(view, view2)
        # PC1 and PC2 over the flowers (they were under the dots, half hidden).
        arrows.set_z_index(2)
        arrow_labels.set_z_index(3)
        pc1_line = DashedLine(
            view.c2p(line_ends[0]),
            view.c2p(line_ends[1]),
            stroke_color=PALETTE.eigen[0],
            stroke_width=4,
            dash_length=0.12,
        )
        count = max(1, len(self.groups))
        colours = _species_colours(count)
        segments = VGroup()
        for k in range(count):
            mask = species == k
            start = np.array([view.c2p(q) for q in view2.points[mask]])
            end = np.array([view.c2p(q) for q in view2.projections[mask]])
            segments.add(_segments(start, end, colours[k]))
        return IrisPlane(
            frame1,
            _species_clouds(view, view2.points, species),
            # The mean, a reference point: in the guides' colour, apart from the data.
            Dot(view.c2p(mean2), radius=0.08, color=PALETTE.muted).set_z_index(2),
            ellipse_line,
            arrows,
            arrow_labels,
            pc1_line,
            _species_clouds(view, view2.projections, species),
            segments,
        )

    def build_panel(self, view2: pca.FeatureView) -> IrisPanel:
        """The panel's title, legend, covariance matrix, eigenvalues and PC1's share."""
        tab = self.table
        colours = _species_colours(max(1, len(self.groups)))
        # A file's title is its name without the suffix, underscores as spaces (plain text
        # with "_" reads as math): exam_scores.csv gives "PCA of exam scores".
        name = screen_name(Path(tab.source.name).stem)
        title = panel_title(f"PCA of {name}" if tab.from_file else "PCA of the Iris data")
        raw = "raw values" if tab.from_file else "raw measurements in cm"
        subtitle = text_row(
            "standardized: z-scores" if self.params.standardize else raw, PALETTE.muted
        )
        if self.groups:
            legend = dot_legend(
                [(colours[k], name) for k, name in enumerate(self.groups)],
                columns=2 if len(self.groups) > 3 else 1,
            )
        else:
            legend = dot_legend([(colours[0], f"{tab.source.rows} rows")])
        if tab.source.rows_dropped:  # rows with missing values were left out: say so
            n = tab.source.rows_dropped
            note = text_row(f"{n} {'row' if n == 1 else 'rows'} dropped", PALETTE.muted)
            why = text_row("(missing values)", PALETTE.muted)
            subtitle = VGroup(subtitle, note, why)
            subtitle.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        cov = view2.covariance
        sigma = formula_row(
            r"\Sigma = \begin{pmatrix} "
            + rf"{latex_number(cov[0, 0])} & {latex_number(cov[0, 1])} \\ "
            + rf"{latex_number(cov[1, 0])} & {latex_number(cov[1, 1])} \end{{pmatrix}}"
        )
        lam = view2.pca.explained_variance
        eigen_rows = VGroup(
            formula_row(rf"\lambda_1 = {latex_number(lam[0])}", PALETTE.eigen[0], INDEX_SIZE),
            formula_row(rf"\lambda_2 = {latex_number(lam[1])}", PALETTE.eigen[1], INDEX_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        ratio2 = view2.pca.explained_variance_ratio
        keep_row = text_row(f"PC1 keeps {percent(ratio2[0])}", PALETTE.eigen[0])
        left = panel_left()
        top_part = stack([title, subtitle, legend], top=panel_top(), left=left, gap=0.25)
        stack(
            [sigma, eigen_rows, keep_row],
            top=top_part.get_bottom()[1] - 0.35,
            left=left,
            gap=0.3,
        )
        return IrisPanel(title, subtitle, legend, sigma, eigen_rows, keep_row)

    def build_chart(self, ratios: np.ndarray, lower_top: float) -> VarianceChart:
        """The bar chart of all four components, in the panel once the 2-D details go:
        its title just under ``lower_top``, where their rows began."""
        left = panel_left()
        chart_title = text_row(f"variance explained, all {len(ratios)}", PALETTE.text)
        chart_title.move_to([left + chart_title.width / 2, lower_top - 0.2, 0])
        base_y = -frame_half_height() + FRAME_MARGIN_Y + 0.5
        # The tallest possible bar (ratio 1) with its label fits under the chart's title.
        bar_scale = min(BAR_SCALE, chart_title.get_bottom()[1] - 0.55 - base_y)
        slot = PANEL_WIDTH / max(4, len(ratios))
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
                Text(percent(float(r)), font_size=TEXT_SIZE, color=PALETTE.text).next_to(
                    [cx, base_y + height, 0], UP, buff=0.1
                )
            )
        baseline = Line(
            [left, base_y, 0], [left + PANEL_WIDTH, base_y, 0], stroke_color=PALETTE.muted
        )
        return VarianceChart(
            chart_title, baseline, bars, bar_labels, value_labels, base_y, bar_scale
        )

    def show_data(self) -> None:
        """The two measurements, equal units on both axes, coloured by species."""
        pic, p = self.picture, self.params
        plane, panel = pic.plane, pic.panel
        if pic.table.from_file:
            note = dropped_note(pic.table.source)
            units = "z-scores, " if p.standardize else ""
            coloured = f", coloured by {self._name(self.data['group'])}" if self.groups else ""
            caption = (
                f"{pic.full.n_samples} rows of {pic.table.source.name}: "
                f"{self._name(p.x_feature)} against {self._name(p.y_feature)} "
                f"({units}equal units on both axes){coloured}" + (f" ({note})." if note else ".")
            )
        else:
            caption = (
                f"{pic.full.n_samples} Iris flowers: {_feature_text(p.x_feature)} against "
                f"{_feature_text(p.y_feature)} ({'z-scores' if p.standardize else 'cm'}, equal "
                "units on both axes), coloured by species."
            )
        self.beat("data", caption)
        self.play(
            FadeIn(plane.frame.group), FadeIn(panel.title), FadeIn(panel.subtitle), run_time=1.0
        )
        self.play(
            *(FadeIn(c) for c in plane.clouds), FadeIn(panel.legend, lag_ratio=0.2), run_time=1.2
        )

    def show_covariance(self) -> None:
        """The covariance matrix and the ellipse k standard deviations out."""
        pic = self.picture
        plane, panel = pic.plane, pic.panel
        cov = pic.view2.covariance
        self.beat(
            "covariance",
            f"The covariance matrix has variances {format_number(cov[0, 0])} and "
            f"{format_number(cov[1, 1])} and covariance {format_number(cov[0, 1])}; the "
            f"ellipse reaches {format_number(self.params.ellipse_sd)} standard deviations "
            "along each principal axis.",
        )
        self.play(FadeIn(plane.centre_dot), Write(panel.sigma), run_time=1.0)
        self.play(Create(plane.ellipse_line), run_time=1.2)

    def show_axes(self) -> None:
        """The principal axes are the covariance matrix's eigenvectors."""
        pic = self.picture
        plane, panel = pic.plane, pic.panel
        v1 = pic.view2.pca.components[0]
        lam = pic.view2.pca.explained_variance
        self.beat(
            "axes",
            f"The principal axes are the eigenvectors of the covariance matrix: PC1 along "
            f"({format_number(v1[0])}, {format_number(v1[1])}) with variance "
            f"{format_number(lam[0])}, PC2 at right angles with variance "
            f"{format_number(lam[1])}.",
        )
        self.play(
            *(GrowArrow(arrow) for arrow in plane.arrows), FadeIn(panel.eigen_rows), run_time=1.2
        )
        self.play(FadeIn(plane.arrow_labels), run_time=0.5)

    def project(self) -> None:
        """Every flower moves to its foot on the PC1 line."""
        pic = self.picture
        plane, panel = pic.plane, pic.panel
        ratio2 = pic.view2.pca.explained_variance_ratio
        self.beat(
            "project",
            f"Projecting every {self._item()} onto the PC1 line keeps {percent(ratio2[0])} of the "
            f"variance of these two measurements; the {percent(ratio2[1])} across it is "
            "lost.",
        )
        # The arrows step back so the projected dots on PC1 stay visible.
        self.play(Create(plane.pc1_line), plane.arrows.animate.set_opacity(0.35), run_time=0.8)
        self.play(Create(plane.segments), run_time=0.8)
        self.play(
            *(Transform(c, t) for c, t in zip(plane.clouds, plane.projected, strict=True)),
            FadeIn(panel.keep_row),
            run_time=1.6,
        )
        self.play(plane.segments.animate.set_stroke(opacity=0.25), run_time=0.4)

    def show_variance(self) -> None:
        """The 2-D details give way to the bars of all four components."""
        pic, chart = self.picture, self.picture.chart
        self.beat(
            "variance",
            f"PCA of all {self._count_words()} {self._what()}: PC1 to PC{len(self.features)} "
            "explain "
            + ", ".join(percent(float(r)) for r in pic.full.explained_variance_ratio)
            + " of the variance"
            + (" of the standardized data." if self.params.standardize else "."),
        )
        self.play(FadeOut(pic.panel.details()), run_time=0.5)
        self.play(
            FadeIn(chart.title), Create(chart.baseline), FadeIn(chart.bar_labels), run_time=0.6
        )
        self.play(
            *(GrowFromPoint(bar, [bar.get_x(), chart.base_y, 0]) for bar in chart.bars),
            FadeIn(chart.value_labels),
            run_time=1.2,
        )

    def show_scores(self) -> None:
        """The two measurements' plane gives way to the PC1/PC2 plane of all four."""
        pic = self.picture
        plane = pic.plane
        self.beat(
            "scores",
            f"Each {self._item()}'s {self._count_words()} {self._what()} projected onto PC1 and "
            "PC2, which together "
            f"keep {percent(self.data['pc12_variance_ratio'])} of the variance; the arrows "
            f"show where {self._name(self.params.x_feature)} and "
            f"{self._name(self.params.y_feature)} point in that plane (their loadings).",
        )
        self.play(
            FadeOut(
                VGroup(
                    plane.frame.group,
                    plane.ellipse_line,
                    plane.centre_dot,
                    plane.arrows,
                    plane.arrow_labels,
                    plane.pc1_line,
                    plane.segments,
                )
            ),
            run_time=0.6,
        )
        self.play(
            FadeIn(pic.frame2.group),
            *(Transform(c, t) for c, t in zip(plane.clouds, pic.score_clouds, strict=True)),
            run_time=2.0,
        )
        self.play(*(GrowArrow(a) for a in pic.loadings), FadeIn(pic.loading_labels), run_time=0.8)
        self.wait(1.5)

    def _what(self) -> str:
        return "columns" if self.table.from_file else "measurements"

    def _item(self) -> str:
        return "row" if self.table.from_file else "flower"

    def _count_words(self) -> str:
        k = len(self.features)
        return str(k) if self.table.from_file else {4: "four"}.get(k, str(k))

    def _name(self, column: str) -> str:
        """A column as the screen shows it: underscores as spaces."""
        return screen_name(column) if self.table.from_file else _feature_text(column)

    def _axis_title(self, column: str, unit: str) -> str:
        return f"{self._name(column)} ({unit})" if unit else self._name(column)

    def invariants(self, beat: str) -> list[Invariant]:
        """Clouds at the data, projections on the PC1 line, the ellipse's semi-axes, the
        PC arrows along the computed 2-D components, bar heights at the ratios, and the
        last cloud at the PC1/PC2 scores."""
        checks: list[Invariant] = []
        pic = self.picture
        if beat in ("data", "covariance", "axes"):
            checks += self._cloud_checks("dots at the data", pic.plane.frame, pic.view2.points)
        if beat in ("covariance", "axes", "project", "variance"):
            checks += self._ellipse_checks()
        if beat in ("axes", "project", "variance"):
            checks += self._arrow_checks()
        if beat in ("project", "variance"):
            checks += self._projection_checks()
        if beat in ("variance", "scores"):
            chart = pic.chart
            heights = [(bar.get_top()[1] - chart.base_y) / chart.scale for bar in chart.bars]
            checks.append(
                Invariant(
                    "bar heights = explained variance ratios",
                    heights,
                    self.data["explained_variance_ratio"],
                    atol=1e-5,  # bars of zero height are drawn 1e-6 high
                )
            )
        if beat == "scores":
            checks += self._cloud_checks("dots at their PC1/PC2 scores", pic.frame2, pic.scores)
            view = pic.frame2.view
            for k, arrow in enumerate(pic.loadings):
                checks.append(
                    Invariant(
                        f"loading arrow {k + 1} at its PC1/PC2 loadings",
                        (view.p2c(arrow.get_end()) - view.p2c(arrow.get_start()))
                        / pic.loading_scale,
                        self.data["loadings_2d"][k],
                        atol=GEOMETRY_ATOL,
                    )
                )
        return checks

    def _cloud_checks(self, what: str, frame: ScatterFrame, points: np.ndarray) -> list[Invariant]:
        """Each species' drawn dots, read back through ``frame``, at its ``points``."""
        pic = self.picture
        return [
            Invariant(
                f"species {k} {what}",
                [frame.view.p2c(q) for q in cloud_points(pic.plane.clouds[k])],
                points[pic.species == k],
                atol=GEOMETRY_ATOL,
            )
            for k in range(max(1, len(pic.groups)))
        ]

    def _ellipse_checks(self) -> list[Invariant]:
        """The drawn ellipse's largest and smallest radii are its semi-axes."""
        plane, ellipse = self.picture.plane, self.data["ellipse"]
        vertices = np.array([plane.frame.view.p2c(q) for q in curve_vertices(plane.ellipse_line)])
        r = np.linalg.norm(vertices - np.array(ellipse["centre"]), axis=1)
        return [
            Invariant(
                "ellipse semi-axes = k sqrt(lambda)",
                [r.max(), r.min()],
                ellipse["semi_axes"],
                atol=GEOMETRY_ATOL,
            )
        ]

    def _arrow_checks(self) -> list[Invariant]:
        """Each PC arrow from the mean, along its component, out to the ellipse."""
        plane, data = self.picture.plane, self.data
        components_2d = np.array(data["components_2d"])
        checks: list[Invariant] = []
        for i, arrow in enumerate(plane.arrows):
            start = plane.frame.view.p2c(arrow.get_start())
            end = plane.frame.view.p2c(arrow.get_end())
            checks.append(Invariant(f"PC{i + 1} arrow starts at the mean", start, data["mean"]))
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
                    data["ellipse"]["semi_axes"][i],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks

    def _projection_checks(self) -> list[Invariant]:
        """Each species' projected dots on the PC1 line, at the feet of its points."""
        pic = self.picture
        mean = np.array(self.data["mean"])
        normal = np.array(self.data["components_2d"])[1]
        checks: list[Invariant] = []
        for k in range(max(1, len(pic.groups))):
            drawn = np.array(
                [pic.plane.frame.view.p2c(q) for q in cloud_points(pic.plane.clouds[k])]
            )
            checks.append(
                Invariant(
                    f"species {k} projections lie on the PC1 line",
                    (drawn - mean) @ normal,
                    np.zeros(len(drawn)),
                    atol=GEOMETRY_ATOL,
                )
            )
            checks.append(
                Invariant(
                    f"species {k} projections at the feet of the points",
                    drawn,
                    pic.view2.projections[pic.species == k],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks
