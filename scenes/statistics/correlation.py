"""Correlation as the mean of products of z-scores, on scikit-learn's wine data or a CSV
file (``data``: x and y name its numeric columns; the matrix beat shows all of them).

Render it with plain Manim: ``manim -pql scenes/statistics/correlation.py Correlation``.
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
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    Rectangle,
    ShowIncreasingSubsets,
    Text,
    VGroup,
    VMobject,
    linear,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/correlation.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import correlation as corr
from scenes.kit.builders import stack
from scenes.kit.heat_map import HeatMap, colour_bar, diverging_scale
from scenes.kit.legends import dot_swatch, legend_row, line_swatch
from scenes.kit.marks import dot_centres, dot_cloud
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.palettes import contrast_ratio
from scenes.kit.panel_rows import formula, remark
from scenes.kit.plots import PlotFrame, plot_frame
from scenes.kit.plotting import curve_vertices, panel_title, panel_top, plot_box
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    PALETTE,
    TEXT_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.parameters.data import dropped_note, screen_name
from scenes.statistics.params import CorrelationParams

#: Radius of a wine's dot (scene units).
DOT_RADIUS = 0.05
#: Each sign's rectangle is drawn for the wine nearest this quantile of its |products|.
BOX_QUANTILE = 0.9
#: Largest side of a heat-map cell (scene units); narrower when the row names need room.
CELL = 0.46
#: The same for a CSV file's matrix (often a few columns: larger cells).
FILE_CELL = 0.95
#: Longest column name (characters) written on screen for a CSV file, and the longest
#: file name in the panel; a longer one is cut with an ellipsis (the sidecar and the
#: captions keep it whole).
SCREEN_CHARS = 22
FILE_CHARS = 16
#: A file's matrix: the row labels are cut shorter (down to MIN_CHARS characters) until
#: the cells are at least MIN_FILE_CELL wide, so two-digit column numbers stay apart.
MIN_FILE_CELL = 0.45
MIN_CHARS = 8
#: Room (scene units) kept between the heat map and the panel.
HEAT_GAP = 0.15
#: Short names of the 13 wine measurements for the heat map's rows (the sidecar keeps
#: scikit-learn's names).
SHORT_NAMES = {
    "alcohol": "alcohol",
    "malic_acid": "malic acid",
    "ash": "ash",
    "alcalinity_of_ash": "ash alcalinity",
    "magnesium": "magnesium",
    "total_phenols": "total phenols",
    "flavanoids": "flavanoids",
    "nonflavanoid_phenols": "nonflav. phenols",
    "proanthocyanins": "proanthocyanins",
    "color_intensity": "colour intensity",
    "hue": "hue",
    "od280/od315_of_diluted_wines": "OD280/OD315",
    "proline": "proline",
}


def clipped(text: str, limit: int = SCREEN_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def display_name(name: str) -> str:
    """A wine measurement's name on screen: underscores as spaces, the long
    ``od280/od315_of_diluted_wines`` as ``OD280/OD315 of diluted wines``."""
    if name.startswith("od280"):
        return "OD280/OD315 of diluted wines"
    return name.replace("_", " ")


# The colour roles: a positive product (and a positive correlation) the diverging
# scale's positive end (orange), a negative one its negative end (blue): the heat map's
# colours, so one colour means one sign in every beat. The running mean is the text
# colour, pandas' r the muted one.
def positive_colour() -> str:
    return diverging_scale(1.0).colour(1.0)


def negative_colour() -> str:
    return diverging_scale(1.0).colour(-1.0)


def ink(colour: str) -> str:
    """The colour of text (signs, legend rows) meant to be read in ``colour``: itself if
    it meets WCAG AA (4.5:1) on the background, else the text colour (the light theme's
    vermillion end is 3.9:1 on white; its swatch still shows the colour)."""
    return colour if contrast_ratio(colour, PALETTE.background) >= 4.5 else PALETTE.text


def zero_colour() -> str:
    return PALETTE.muted


def mean_colour() -> str:
    return PALETTE.text


@dataclass
class CorrelationPicture:
    """What the invariants and tests read from the drawn picture."""

    scatter: PlotFrame
    scatter_titles: VGroup
    dots: dict[str, VMobject]  # "positive", "negative", "zero": one cloud per sign
    indices: dict[str, np.ndarray]  # the wines of each cloud, in order
    crosshair: tuple[Line, Line]  # vertical at mean x, horizontal at mean y
    quadrant_signs: VGroup
    boxes: dict[str, Rectangle]  # "positive", "negative": the largest |product| of each sign
    box_index: dict[str, int]
    products_frame: PlotFrame
    stems: VGroup  # one line per wine, from 0 to its product
    mean_frame: PlotFrame
    mean_curve: VMobject  # (k, mean of the first k products)
    pandas_line: DashedLine
    product_titles: VGroup
    heat: HeatMap
    highlight: VGroup  # outlines of the pair's cells (or of x's row for x_squared)
    bar: VGroup


class Correlation(MathScene):
    """Correlation: r is the mean of the products of z-scores.

    Two wine measurements in z-scores split into four quadrants about their means; each
    wine's product z_x z_y is positive in two of them and negative in the others, the
    mean of the products is Pearson's r, and the 13 x 13 correlation matrix shows every
    pair of measurements at once.
    """

    params_type = CorrelationParams

    def construct(self) -> None:
        p: CorrelationParams = self.params
        # the wine data, or the rows of a CSV file complete in every matrix column
        self.tab, features, self.left_out = p.table()
        self.s = corr.summarize_frame(self.tab.frame, p.x, p.y, features)
        self.data = self.sidecar()
        self.picture = self.build_picture()
        self.show_scatter()  # four quadrants about the means, each product's sign
        self.show_products()  # r is the mean of the products, pandas agrees
        self.show_matrix()  # every pair of the 13 measurements at once

    # ------------------------------------------------------------------ numbers

    def sidecar(self) -> dict[str, object]:
        p: CorrelationParams = self.params
        d = self.s.to_json()
        d["standardize"] = p.standardize
        i, j = self.cell_index()
        d["highlighted_cell"] = [i, j]
        d["highlighted_value"] = None if self.s.dependent else float(self.s.matrix[i, j])
        boxes = self.box_points()
        d["boxed_wines"] = {k: int(v) for k, v in boxes.items()}
        d["boxed_products"] = {k: float(self.s.products[v]) for k, v in boxes.items()}
        d["features_left_out"] = dict(self.left_out)
        d["data_source"] = self.tab.source.to_json()
        return d

    # ------------------------------------------------------------------ words

    def noun(self, plural: bool = False) -> str:
        """What a point is: a wine, or a row of the file."""
        word = "row" if self.tab.from_file else "wine"
        return word + "s" if plural else word

    def name(self, column: str) -> str:
        """A column's name in titles and captions (underscores as spaces)."""
        return screen_name(column) if self.tab.from_file else display_name(column)

    def short(self, column: str) -> str:
        """A column's name in a heat-map row label and the panel."""
        return clipped(screen_name(column)) if self.tab.from_file else SHORT_NAMES[column]

    def cell_index(self) -> tuple[int, int]:
        """Row and column of the pair in the matrix (x's diagonal cell for x_squared)."""
        p: CorrelationParams = self.params
        i = self.s.features.index(p.x)
        j = i if self.s.dependent else self.s.features.index(p.y)
        return i, j

    def box_points(self) -> dict[str, int]:
        """For each sign, the wine whose |product| is nearest the 90th percentile of that
        sign's |products| (large but not the extreme, whose rectangle would cover the
        picture; the first in file order on a tie); a sign with no product is left out."""
        prods = self.s.products
        out = {}
        for key, mask in (("positive", prods > 0), ("negative", prods < 0)):
            if np.any(mask):
                out[key] = corr.near_quantile(prods, mask, BOX_QUANTILE)
        return out

    def plotted(self) -> tuple[np.ndarray, np.ndarray, float, float]:
        """The coordinates drawn (z-scores, or the values in their units) and the
        crosshair (0, or the means)."""
        p: CorrelationParams = self.params
        s = self.s
        if p.standardize:
            return s.z_x, s.z_y, 0.0, 0.0
        return s.x, s.y, s.mean_x, s.mean_y

    # ------------------------------------------------------------------ building

    def build_picture(self) -> CorrelationPicture:
        scatter, titles = self.scatter_frame()
        dots, indices = self.scatter_dots(scatter)
        crosshair = self.crosshair(scatter)
        boxes, box_index = self.boxes(scatter)
        products_frame, stems, mean_frame, curve, pandas_line, product_titles = self.product_plots()
        heat, highlight, bar = self.heat_map()
        return CorrelationPicture(
            scatter=scatter,
            scatter_titles=titles,
            dots=dots,
            indices=indices,
            crosshair=crosshair,
            quadrant_signs=self.quadrant_signs(scatter),
            boxes=boxes,
            box_index=box_index,
            products_frame=products_frame,
            stems=stems,
            mean_frame=mean_frame,
            mean_curve=curve,
            pandas_line=pandas_line,
            product_titles=product_titles,
            heat=heat,
            highlight=highlight,
            bar=bar,
        )

    def axis_names(self) -> tuple[str, str]:
        p: CorrelationParams = self.params
        if self.s.dependent:
            x = f"{self.name(p.x)} minus its mean, mirrored"
            y = "its square"
        else:
            x, y = self.name(p.x), self.name(p.y)
        if p.standardize:
            return f"z-score of {x}", f"z-score of {y}"
        return x, y

    def scatter_frame(self) -> tuple[PlotFrame, VGroup]:
        """The scatter's frame round the plotted points, with room for the tick labels
        and both axis names inside the safe area."""
        xs, ys, _, _ = self.plotted()
        left, right, bottom, top = plot_box()
        left, bottom, top = left + 1.0, bottom + 0.85, top - 0.45
        box = []
        for v in (xs, ys):
            lo, hi = float(v.min()), float(v.max())
            pad = 0.06 * (hi - lo)
            box.append((lo - pad, hi + pad))
        frame = plot_frame(
            ((box[0][0], box[0][1]), (box[1][0], box[1][1])),
            right - left,
            top - bottom,
            ((left + right) / 2, (bottom + top) / 2),
            x_ticks=6,
            y_ticks=5,
        )
        x_name, y_name = self.axis_names()
        x_title = Text(x_name, font_size=TEXT_SIZE, color=PALETTE.muted)
        x_title.next_to(frame.border, DOWN, buff=0.5).align_to(frame.border, RIGHT)
        y_title = Text(y_name, font_size=TEXT_SIZE, color=PALETTE.muted)
        y_title.next_to(frame.border, UP, buff=0.12).align_to(frame.border, LEFT)
        return frame, VGroup(x_title, y_title)

    def scatter_dots(self, frame: PlotFrame) -> tuple[dict[str, VMobject], dict[str, np.ndarray]]:
        """One dot cloud per sign of the product, each wine in its colour."""
        xs, ys, _, _ = self.plotted()
        sign = np.sign(self.s.products)
        dots, indices = {}, {}
        for key, value, colour in (
            ("positive", 1, positive_colour()),
            ("negative", -1, negative_colour()),
            ("zero", 0, zero_colour()),
        ):
            idx = np.flatnonzero(sign == value)
            points = (
                frame.c2p(np.column_stack([xs[idx], ys[idx]])) if idx.size else np.zeros((0, 3))
            )
            dots[key] = dot_cloud(points, colour, radius=DOT_RADIUS)
            indices[key] = idx
        return dots, indices

    def crosshair(self, frame: PlotFrame) -> tuple[Line, Line]:
        """Dashed lines through the means (0 in z-scores) across the frame."""
        _, _, cx, cy = self.plotted()
        (x0, x1), (y0, y1) = frame.box
        style = {"stroke_color": PALETTE.text, "stroke_width": 4, "dash_length": 0.12}
        vertical = DashedLine(frame.c2p((cx, y0))[0], frame.c2p((cx, y1))[0], **style)
        horizontal = DashedLine(frame.c2p((x0, cy))[0], frame.c2p((x1, cy))[0], **style)
        return vertical, horizontal

    def quadrant_signs(self, frame: PlotFrame) -> VGroup:
        """A + or − in each quadrant's outer corner, in its sign's colour."""
        signs = VGroup()
        border = frame.border
        for corner, tex, colour in (
            (UP + RIGHT, "+", positive_colour()),
            (DOWN + LEFT, "+", positive_colour()),
            (UP + LEFT, "-", negative_colour()),
            (DOWN + RIGHT, "-", negative_colour()),
        ):
            sign = formula(tex, ink(colour))
            sign.move_to(border.get_corner(corner) - corner * 0.25)
            signs.add(sign)
        return signs

    def boxes(self, frame: PlotFrame) -> tuple[dict[str, Rectangle], dict[str, int]]:
        """The rectangle from the crosshair to a wine: its area is |product| in z units
        (|x - mean x| |y - mean y| in raw units), for the two extreme wines."""
        xs, ys, cx, cy = self.plotted()
        boxes = {}
        index = self.box_points()
        for key, i in index.items():
            colour = positive_colour() if key == "positive" else negative_colour()
            a = frame.c2p((cx, cy))[0]
            b = frame.c2p((xs[i], ys[i]))[0]
            rect = Rectangle(
                width=max(abs(b[0] - a[0]), 1e-6),
                height=max(abs(b[1] - a[1]), 1e-6),
                stroke_color=colour,
                stroke_width=4,
                fill_color=colour,
                fill_opacity=0.25,
            )
            rect.move_to((a + b) / 2)
            boxes[key] = rect
        return boxes, index

    def product_plots(
        self,
    ) -> tuple[PlotFrame, VGroup, PlotFrame, VMobject, DashedLine, VGroup]:
        """Above: each wine's product z_x z_y as a stem at its place in the file; below:
        the mean of the first k products, ending at r, with pandas' r dashed."""
        s = self.s
        left, right, bottom, top = plot_box()
        left = left + 1.0
        n = s.n
        x_box = (0.0, float(n + 1))
        prods = s.products
        lo, hi = min(0.0, float(prods.min())), max(0.0, float(prods.max()))
        pad = 0.08 * (hi - lo)
        upper_top = top - 0.45
        upper_bottom = 0.45
        products_frame = plot_frame(
            (x_box, (lo - pad, hi + pad)),
            right - left,
            upper_top - upper_bottom,
            ((left + right) / 2, (upper_top + upper_bottom) / 2),
            x_ticks=5,
            y_ticks=4,
        )
        # the upper frame's x tick labels are the lower's: keep only its y labels
        products_frame.labels.remove(
            *[m for m in products_frame.labels if m.get_center()[1] < upper_bottom]
        )
        stems = VGroup()
        i = np.arange(1, n + 1, dtype=float)
        for k in range(n):
            colour = (
                positive_colour()
                if prods[k] > 0
                else negative_colour()
                if prods[k] < 0
                else zero_colour()
            )
            a, b = products_frame.c2p(np.array([[i[k], 0.0], [i[k], prods[k]]]))
            stems.add(Line(a, b, stroke_color=colour, stroke_width=4))
        running = s.running_mean
        m_lo = min(float(running.min()), s.r_pandas, 0.0)
        m_hi = max(float(running.max()), s.r_pandas, 0.0)
        m_pad = max(0.1 * (m_hi - m_lo), 0.05)
        lower_top = upper_bottom - 0.5
        lower_bottom = bottom + 0.85
        mean_frame = plot_frame(
            (x_box, (m_lo - m_pad, m_hi + m_pad)),
            right - left,
            lower_top - lower_bottom,
            ((left + right) / 2, (lower_top + lower_bottom) / 2),
            x_ticks=5,
            y_ticks=3,
        )
        curve = VMobject(stroke_color=mean_colour(), stroke_width=4)
        curve.set_points_as_corners(mean_frame.c2p(np.column_stack([i, running])))
        pandas_line = DashedLine(
            mean_frame.c2p((x_box[0], s.r_pandas))[0],
            mean_frame.c2p((x_box[1], s.r_pandas))[0],
            stroke_color=PALETTE.muted,
            stroke_width=4,
            dash_length=0.1,
        )
        upper_title = Text(
            f"each {self.noun()}'s product", font_size=TEXT_SIZE, color=PALETTE.muted
        )
        upper_title.next_to(products_frame.border, UP, buff=0.12).align_to(
            products_frame.border, LEFT
        )
        lower_title = Text("mean of the first k products", font_size=TEXT_SIZE, color=PALETTE.muted)
        lower_title.next_to(mean_frame.border, UP, buff=0.1).align_to(mean_frame.border, LEFT)
        x_name = (
            f"k: the {self.noun(True)}, then their mirror images"
            if s.dependent
            else f"{self.noun()} k, in file order"
        )
        x_title = Text(x_name, font_size=TEXT_SIZE, color=PALETTE.muted)
        x_title.next_to(mean_frame.border, DOWN, buff=0.5).align_to(mean_frame.border, RIGHT)
        titles = VGroup(upper_title, lower_title, x_title)
        return products_frame, stems, mean_frame, curve, pandas_line, titles

    def heat_map(self) -> tuple[HeatMap, VGroup, VGroup]:
        """The correlation matrix (13 x 13 for the wine data): rows named by number and
        short name, columns by number; the pair's two cells outlined (x's row for
        x_squared)."""
        s = self.s
        left, _, bottom, top = plot_box()
        names = [f"{k + 1} {self.short(f)}" for k, f in enumerate(s.features)]
        for limit in range(SCREEN_CHARS, MIN_CHARS - 1, -1):
            if self.tab.from_file:
                names = [
                    f"{k + 1} {clipped(screen_name(f), limit)}" for k, f in enumerate(s.features)
                ]
            label_width = max(Text(t, font_size=TEXT_SIZE).width for t in names) + 0.12
            room = panel_left() - HEAT_GAP - left - label_width
            if not self.tab.from_file or room / len(names) >= MIN_FILE_CELL:
                break
        cell = min(FILE_CELL if self.tab.from_file else CELL, room / len(names))
        heat = HeatMap(
            s.matrix,
            diverging_scale(1.0),
            cell,
            row_labels=names,
            column_labels=[str(k + 1) for k in range(len(names))],
        )
        # row labels flush left (a ragged right edge beside the cells reads badly)
        left_edge = min(label.get_left()[0] for label in heat.row_labels)
        for label in heat.row_labels:
            label.align_to([left_edge, 0, 0], LEFT)
        heat.shift(
            np.array([left - heat.get_left()[0], (top + bottom) / 2 - heat.get_center()[1], 0.0])
        )
        i, j = self.cell_index()
        highlight = VGroup()
        if s.dependent:
            row = heat.row(i)
            outline = Rectangle(
                width=row.width, height=row.height, stroke_color=PALETTE.text, stroke_width=6
            ).move_to(row)
            highlight.add(outline)
        else:
            for a, b in sorted({(i, j), (j, i)}):
                cell = heat.cell(a, b)
                highlight.add(
                    Rectangle(
                        width=cell.width,
                        height=cell.height,
                        stroke_color=PALETTE.text,
                        stroke_width=6,
                    ).move_to(cell)
                )
        bar = colour_bar(diverging_scale(1.0), 2.6, [-1.0, -0.5, 0.0, 0.5, 1.0], digits=1)
        return heat, highlight, bar

    # ------------------------------------------------------------------ panel

    def panel_rows(self) -> dict[str, VGroup]:
        p: CorrelationParams = self.params
        s = self.s
        counts = s.quadrant_counts()
        rows: dict[str, VGroup] = {}
        intro = VGroup(remark(f"{s.n} wines (scikit-learn)"))
        if self.tab.from_file:
            # the file's name without its suffix, underscores as spaces (as PCA's title:
            # plain text with "_" reads as math): exam_scores.csv gives "exam scores"
            name = clipped(screen_name(Path(self.tab.source.name).stem), FILE_CHARS)
            intro = VGroup(remark(f"{s.n} rows of {name}"))
        if s.dependent:
            intro = VGroup(
                remark(f"{s.n // 2} {self.noun(True)}, mirrored"),
                formula(rf"n = {s.n},\ y = x^2", PALETTE.text),
            )
        rows["intro"] = intro
        note = dropped_note(self.tab.source)
        # rows with a missing value were left out: said under the count (the products
        # beat hides it when the panel would run out of the frame)
        rows["note"] = VGroup(remark(note.replace(" (", "\n(", 1))) if note else VGroup()
        z_rows = VGroup(
            formula(r"z_x = (x - \bar{x}) / s_x"),
            formula(r"s_x^2 = \frac{1}{n} \sum_i (x_i - \bar{x})^2"),
        )
        if not p.standardize:
            z_rows.add(
                formula(
                    rf"\bar{{x}} = {latex_number(s.mean_x)},\ \bar{{y}} = {latex_number(s.mean_y)}"
                )
            )
        rows["z"] = z_rows
        legend = VGroup(
            legend_row(
                dot_swatch(positive_colour()),
                formula(rf"z_x z_y > 0:\ {counts['positive']}", ink(positive_colour())),
            ),
            legend_row(
                dot_swatch(negative_colour()),
                formula(rf"z_x z_y < 0:\ {counts['negative']}", ink(negative_colour())),
            ),
        )
        rows["legend"] = legend
        r_text = format_number(s.r, mode="fixed")
        mean_rows = VGroup(
            formula(r"r = \frac{1}{n} \sum_{i=1}^{n} z_{x,i}\, z_{y,i}"),
            legend_row(line_swatch(mean_colour()), formula(rf"r = {r_text}", mean_colour())),
            legend_row(
                dashed_swatch(PALETTE.muted),
                formula(
                    rf"\text{{pandas:}}\ r = {format_number(s.r_pandas, mode='fixed')}",
                    PALETTE.muted,
                ),
            ),
            formula(rf"\mathrm{{cov}}(x, y) = {latex_number(s.covariance, 3)}"),
            remark("covariance with 1/(n - 1)"),
        )
        if s.dependent:
            mean_rows.add(remark("y is a function of x, but"))
            mean_rows.add(remark("no straight-line trend"))
        rows["mean"] = mean_rows
        i, j = self.cell_index()
        if s.dependent:
            cell_rows = VGroup(
                remark(f"outlined: row {i + 1}, {self.short(p.x)}"),
                remark("x squared is not a column"),
                formula(rf"r(x, x^2) = {format_number(s.r, mode='fixed')}", mean_colour()),
            )
        else:
            cell_rows = VGroup(
                remark(
                    f"outlined: rows {i + 1} and {j + 1}"
                    if i != j
                    else f"outlined: cell ({i + 1}, {j + 1})"
                ),
                formula(
                    rf"r = {format_number(float(s.matrix[i, j]), mode='fixed')}", mean_colour()
                ),
                remark("the mean of the products"),
            )
        rows["cell"] = cell_rows
        return rows

    # ------------------------------------------------------------------ beats

    def show_scatter(self) -> None:
        # The viewer sees the wines split by the mean lines into four quadrants: a
        # product z_x z_y is positive in two of them and negative in the other two.
        p: CorrelationParams = self.params
        pic = self.picture
        s = self.s
        counts = s.quadrant_counts()
        self.rows = self.panel_rows()
        self.title = panel_title("Correlation")
        panel = [
            self.title,
            *self.rows["intro"],
            *self.rows["note"],
            *self.rows["z"],
            *self.rows["legend"],
        ]
        stack(panel, top=panel_top(), left=panel_left(), gap=0.2)
        where = "z-scores (1/n standard deviations)" if p.standardize else "their own units"
        wines, wine = self.noun(True), self.noun()
        pair = (
            f"{_upper_first(self.name(p.x))} minus its mean, mirrored, against its square "
            f"for {s.n // 2} {wines} and their {s.n // 2} mirror images"
            if s.dependent
            else f"{_upper_first(self.name(p.y))} against {self.name(p.x)} for {s.n} {wines}"
        )
        note = dropped_note(self.tab.source)
        if self.tab.from_file:
            pair += f" of {self.tab.source.name}"
        area = (
            f"Each shaded rectangle, from the means to a {wine}, has area |z_x z_y|."
            if p.standardize
            else f"Each shaded rectangle, from the means to a {wine}, has area "
            "|x - mean x| |y - mean y|, its product times s_x s_y."
        )
        self.beat(
            "scatter",
            f"{pair}, in {where}. The dashed lines through the means cut the "
            f"plane into four quadrants: {counts['positive']} {wines} have z_x z_y > 0 (upper "
            f"right, lower left) and {counts['negative']} have z_x z_y < 0. {area}"
            + (f" {note}." if note else ""),
        )
        self.play(
            FadeIn(pic.scatter.group),
            FadeIn(pic.scatter_titles),
            FadeIn(self.title),
            FadeIn(self.rows["intro"]),
            FadeIn(self.rows["note"]),
            run_time=0.8,
        )
        self.play(*(FadeIn(d) for d in pic.dots.values()), FadeIn(self.rows["z"]), run_time=1.0)
        self.play(*(Create(line) for line in pic.crosshair), run_time=0.8)
        self.play(
            FadeIn(pic.quadrant_signs),
            *(FadeIn(b) for b in pic.boxes.values()),
            FadeIn(self.rows["legend"]),
            run_time=1.0,
        )
        self.wait(0.8)

    def show_products(self) -> None:
        # The viewer sees the products pile up one wine at a time: their running mean
        # ends at r, where pandas' value is.
        pic = self.picture
        s = self.s
        counts = s.quadrant_counts()
        mean_rows = self.rows["mean"]
        r_text = format_number(s.r, mode="fixed")
        verdict = (
            f" y is a function of x, yet r = 0: each {self.noun()}'s product is cancelled by "
            "its mirror image's, so r sees no straight-line trend."
            if s.dependent
            else ""
        )
        self.beat(
            "products",
            f"Each {self.noun()}'s product z_x z_y, positive for {counts['positive']} and "
            f"negative for {counts['negative']}, and the mean of the first k of them: after "
            f"all {s.n} the mean is r = (1/n) Σ z_x z_y = {r_text}, pandas' corr gives "
            f"{format_number(s.r_pandas, mode='fixed')} (dashed), and the covariance (with "
            f"1/(n - 1)) is {format_number(s.covariance, 3)}.{verdict}",
        )
        note = self.rows["note"]
        moving = [*self.rows["legend"], *mean_rows]
        top = self.rows["intro"][-1].get_bottom()[1] - 0.2
        self.note_hidden = bool(len(note)) and not fits(moving, note[-1].get_bottom()[1] - 0.2)
        if len(note) and not self.note_hidden:
            top = note[-1].get_bottom()[1] - 0.2
        self.play(
            FadeOut(
                VGroup(
                    pic.scatter.group,
                    pic.scatter_titles,
                    *pic.dots.values(),
                    *pic.crosshair,
                    pic.quadrant_signs,
                    *pic.boxes.values(),
                )
            ),
            FadeOut(self.rows["z"]),
            *([FadeOut(note)] if self.note_hidden else []),
            run_time=0.8,
        )
        moves = restack(list(self.rows["legend"]), list(mean_rows), top=top)
        self.play(
            FadeIn(pic.products_frame.group),
            FadeIn(pic.mean_frame.group),
            FadeIn(pic.product_titles),
            FadeIn(pic.pandas_line),
            *moves,
            FadeIn(mean_rows[0]),
            run_time=0.8,
        )
        self.play(
            ShowIncreasingSubsets(pic.stems, rate_func=linear),
            Create(pic.mean_curve, rate_func=linear),
            run_time=3.0,
        )
        self.play(FadeIn(mean_rows[1:]), run_time=0.8)
        self.wait(1.0)

    def show_matrix(self) -> None:
        # The viewer sees every pair of the 13 measurements at once, the pair just seen
        # outlined with its r.
        p: CorrelationParams = self.params
        pic = self.picture
        s = self.s
        i, j = self.cell_index()
        note = list(self.rows["note"])
        hidden = note if self.note_hidden else []  # back under the count, faded in
        keep = [self.title, *self.rows["intro"], *([] if self.note_hidden else note)]
        cell_rows = self.rows["cell"]
        moves = restack(keep, [*hidden, *cell_rows], top=panel_top())
        pic.bar.next_to(cell_rows, DOWN, buff=0.35).align_to(cell_rows, LEFT)
        strongest = self.extremes_said()
        if s.dependent:
            said = (
                f"x squared is not one of them: {self.name(p.x)}'s row is outlined, its "
                "diagonal cell r = 1."
            )
        elif i == j:
            said = (
                f"The outlined diagonal cell of row {i + 1} holds r = "
                f"{format_number(float(s.matrix[i, j]), mode='fixed')}: "
                f"{self.name(p.x)} against itself."
            )
        else:
            said = (
                f"The outlined cells, rows {i + 1} and {j + 1}, hold r = "
                f"{format_number(float(s.matrix[i, j]), mode='fixed')} for "
                f"{self.name(p.x)} and {self.name(p.y)}."
            )
        self.beat(
            "matrix",
            f"{self.matrix_said()}, blue for negative, orange for positive, 1 on the "
            f"diagonal.{self.left_out_said() if self.tab.from_file else ''} {said}{strongest}",
        )
        old = list(self.rows["mean"])
        self.play(
            FadeOut(
                VGroup(
                    pic.products_frame.group,
                    pic.mean_frame.group,
                    pic.product_titles,
                    pic.pandas_line,
                    pic.stems,
                    pic.mean_curve,
                    self.rows["legend"],
                    *old,
                )
            ),
            run_time=0.8,
        )
        self.play(
            *moves,
            # its parts, not the HeatMap: its ``scale`` attribute hides Mobject.scale
            FadeIn(VGroup(pic.heat.cells, pic.heat.row_labels, pic.heat.column_labels)),
            *(FadeIn(m) for m in hidden),
            run_time=1.0,
        )
        self.play(FadeIn(pic.bar), Create(pic.highlight), FadeIn(cell_rows), run_time=1.0)
        self.wait(1.5)

    def extremes_said(self) -> str:
        """The strongest and the most negative pair, for the matrix's caption (one pair:
        that pair; one column: nothing)."""
        d = self.data
        if d["strongest_pair"] is None:
            return ""
        (a, b), (c, e) = d["strongest_pair"], d["most_negative_pair"]
        if len(self.s.features) == 2:
            return (
                f" The only pair is {self.name(a)} and {self.name(b)} "
                f"(r = {format_number(d['strongest_r'], mode='fixed')})."
            )
        # "most negative" only when it is negative (a file's pairs may all be positive)
        least = "the most negative" if d["most_negative_r"] < 0 else "the smallest r"
        return (
            f" The strongest pair is {self.name(a)} and {self.name(b)} "
            f"(r = {format_number(d['strongest_r'], mode='fixed')}), {least} "
            f"{self.name(c)} and {self.name(e)} "
            f"(r = {format_number(d['most_negative_r'], mode='fixed')})."
        )

    def matrix_said(self) -> str:
        """What the matrix is: the 13 wine measurements, or the file's numeric columns
        over the rows used (and which were left out)."""
        if not self.tab.from_file:
            return "The correlation matrix of all 13 wine measurements (pandas DataFrame.corr)"
        k, n = len(self.s.features), self.tab.source.rows
        rows = "rows" if n != 1 else "row"
        what = f"all {k} numeric columns" if not self.left_out else f"{k} numeric columns"
        said = (
            f"The correlation matrix of {what} of {self.tab.source.name} over the {n} {rows} "
            "complete in all of them (pandas DataFrame.corr)"
        )
        return said

    def left_out_said(self) -> str:
        """Which of a file's numeric columns the matrix leaves out, and why ("" if none)."""
        out = self.left_out
        capped = [c for c, why in out.items() if why.startswith("more than")]
        flat = [c for c, why in out.items() if not why.startswith("more than")]
        said = ""
        if capped:
            said += (
                f" At most {corr.MAX_MATRIX_COLUMNS} columns are drawn (x, y and the first "
                f"others in file order): {_listed([self.name(c) for c in capped])} "
                f"{'is' if len(capped) == 1 else 'are'} left out."
            )
        if flat:
            said += (
                f" {_upper_first(_listed([self.name(c) for c in flat]))} "
                f"{'is' if len(flat) == 1 else 'are'} constant over these rows and left out."
            )
        return said

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        roles = {"positive": positive_colour(), "negative": negative_colour()}
        if beat == "products":
            roles["running mean"] = mean_colour()
        return roles

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The dots are the wines in the plotted coordinates, coloured by their product's
        sign; the crosshair at the means; the rectangles from the crosshair to the
        extreme wines; the stems are the products and the curve their running mean,
        ending at r; the heat map's cells are the correlation matrix's colours."""
        pic, d = self.picture, self.data
        p: CorrelationParams = self.params
        if beat == "scatter":
            xs, ys, cx, cy = self.plotted()
            out = []
            for key, cloud in pic.dots.items():
                idx = pic.indices[key]
                drawn = pic.scatter.coords.p2c(dot_centres(cloud)) if idx.size else np.zeros((0, 2))
                out.append(
                    Invariant(
                        f"{key} dots are those wines",
                        drawn,
                        np.column_stack([xs[idx], ys[idx]]),
                        atol=GEOMETRY_ATOL,
                    )
                )
                sign = {"positive": 1.0, "negative": -1.0, "zero": 0.0}[key]
                out.append(
                    Invariant(
                        f"{key} dots have products of that sign",
                        np.sign(np.asarray(d["products"])[idx]),
                        np.full(idx.size, sign),
                    )
                )
            out.append(
                Invariant(
                    "crosshair at the means",
                    [
                        float(pic.scatter.p2c(pic.crosshair[0].get_start())[0]),
                        float(pic.scatter.p2c(pic.crosshair[1].get_start())[1]),
                    ],
                    [0.0, 0.0] if p.standardize else [d["x_mean"], d["y_mean"]],
                    atol=GEOMETRY_ATOL,
                )
            )
            for key, rect in pic.boxes.items():
                i = pic.box_index[key]
                corners = np.array(
                    [pic.scatter.p2c(rect.get_corner(c)) for c in (DOWN + LEFT, UP + RIGHT)]
                )
                want = np.array(
                    [[min(cx, xs[i]), min(cy, ys[i])], [max(cx, xs[i]), max(cy, ys[i])]]
                )
                out.append(
                    Invariant(f"{key} rectangle spans the crosshair to its wine", corners, want)
                )
                if p.standardize:
                    w, h = corners[1] - corners[0]
                    out.append(
                        Invariant(
                            f"{key} rectangle's area is |z_x z_y|",
                            float(w * h),
                            abs(d["boxed_products"][key]),
                        )
                    )
            return out
        if beat == "products":
            tops = np.array([pic.products_frame.p2c(stem.get_end()) for stem in pic.stems])
            bottoms = np.array([pic.products_frame.p2c(stem.get_start()) for stem in pic.stems])
            curve = pic.mean_frame.coords.p2c(curve_vertices(pic.mean_curve))
            n = d["n"]
            return [
                Invariant("stems reach the products", tops[:, 1], np.array(d["products"])),
                Invariant("stems start at 0", bottoms[:, 1], np.zeros(n)),
                Invariant("stems at k = 1..n", tops[:, 0], np.arange(1, n + 1, dtype=float)),
                Invariant("curve is the running mean", curve[:, 1], np.array(d["running_mean"])),
                Invariant("curve ends at r", float(curve[-1, 1]), d["r"]),
                Invariant(
                    "dashed line at pandas' r",
                    float(pic.mean_frame.p2c(pic.pandas_line.get_start())[1]),
                    d["r_pandas"],
                ),
            ]
        heat = pic.heat
        scale = diverging_scale(1.0)
        matrix = np.array(d["correlation_matrix"])
        want = np.vectorize(scale.colour)(matrix)
        i, j = d["highlighted_cell"]
        centres = [h.get_center() for h in pic.highlight]
        target = [heat.row(i).get_center()] if self.s.dependent else [heat.cell(i, j).get_center()]
        return [
            Invariant(
                "cells are the matrix's colours",
                float(np.mean(heat.cell_colours() == want)),
                1.0,
            ),
            Invariant(
                "the outline sits on the pair's cell",
                float(min(np.linalg.norm(c - target[0]) for c in centres)),
                0.0,
            ),
        ]


def dashed_swatch(colour: str) -> DashedLine:
    """A short dashed stroke: the swatch of pandas' r (as :func:`line_swatch`)."""
    return DashedLine(LEFT * 0.2, RIGHT * 0.2, stroke_color=colour, stroke_width=4, dash_length=0.1)


def _listed(names: list[str], most: int = 6) -> str:
    """Names joined by commas and "and", at most ``most`` of them then "and k more"."""
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def _upper_first(text: str) -> str:
    """``text`` with its first letter a capital (the rest as it is: OD280 stays)."""
    return text[:1].upper() + text[1:]


def fits(rows: list[Mobject], top: float) -> bool:
    """Whether ``rows`` stacked as panel rows from ``top`` end inside the safe area."""
    copies = [m.copy() for m in rows]
    stack(copies, top=top, left=panel_left(), gap=0.2)
    return min(m.get_bottom()[1] for m in copies) >= -frame_half_height() + FRAME_MARGIN_Y


def restack(moving: list[Mobject], new: list[Mobject], top: float) -> list[Animation]:
    """Stack ``moving`` then ``new`` as panel rows from ``top``: ``new`` is placed at
    once (it is faded in), ``moving`` gets the animations that take it there."""
    targets = [m.copy() for m in moving]
    stack([*targets, *new], top=top, left=panel_left(), gap=0.2)
    return [m.animate.move_to(t) for m, t in zip(moving, targets, strict=True)]


__all__ = ["Correlation"]
