"""A joint distribution, its marginals, a conditional and independence, on real data
(scikit-learn's iris or wine, or a CSV file: ``data``, x a column of 2-5 values, y a
numeric column).

Render it with plain Manim:
``manim -pql scenes/probability/joint_distribution.py JointDistribution``.
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
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    SurroundingRectangle,
    Text,
    Transform,
    VGroup,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/probability/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import joint
from scenes.kit.builders import stack
from scenes.kit.heat_map import ColourScale, HeatMap, colour_bar, readable_on, sequential_scale
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.palettes import contrast_ratio
from scenes.kit.panel_rows import MIN_FONT, formula, remark
from scenes.kit.plotting import panel_title, panel_top
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    PALETTE,
    TEXT_SIZE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.parameters.data import dropped_note, screen_name, tex_text
from scenes.probability.params import JointDistributionParams

#: Height of a table row (scene units); a cell is MIN_CELL to MAX_CELL wide (a number
#: written to 2 decimals is 0.56 wide): the P(x) bars' scale gives way to the cells.
ROW_HEIGHT = 0.6
MAX_CELL = 0.95
MIN_CELL = 0.68
#: With more than TALL_ROWS rows (a CSV file's column of up to 5 values) the rows share
#: the height of TALL_ROWS rows, so both tables and the bars between them still fit.
TALL_ROWS = 3
#: How much closer the panel's rows sit when its head says that rows were dropped.
PANEL_SQUEEZE = 0.06
#: Longest class name or file name (characters) written on screen for a CSV file; a
#: longer one is cut with an ellipsis (the sidecar and captions keep it whole).
SCREEN_CHARS = 16
#: The narrowest room left of a table for its row labels: the table's name fits there.
CORNER_ROOM = 1.5
#: Decimals of the probabilities written in the cells and beside the bars.
DIGITS = 2
#: The longest marginal bar (scene units), across (P(x)) and down (P(y)): one scale
#: for both, set by whichever is longer.
MAX_ACROSS = 1.1
MAX_DOWN = 1.35
#: Room above the joint table for the bin edges (two staggered rows) and the titles.
TITLE_ROOM = 1.15
#: The colour bar's height at most (it runs down beside the product table).
COLOUR_BAR_HEIGHT = 2.6
#: Gap between a table and its marginal bars, and between a bar and its number.
BAR_GAP = 0.15
#: Thickness of a marginal bar as a share of its row's height or its column's width.
BAR_FILL = 0.62
#: The dependence verdict: "nearly independent" below this share of H(X), "strongly
#: dependent" above STRONG (the caption says which, with the numbers).
WEAK = 0.1
STRONG = 0.5


# The colour roles: the tables are viridis (sequential, one scale for every table of
# the scene); the marginal bars are the accent blue; the row conditioned on is framed in
# orange, and its formulas are orange too.
def marginal_colour() -> str:
    return PALETTE.accent


def given_colour() -> str:
    return PALETTE.series[1]


@dataclass
class JointPicture:
    """What the invariants read from the drawn picture."""

    scale: ColourScale
    table: HeatMap  # the joint, later the given row as conditionals
    numbers: VGroup  # the table's numbers, row-major
    across: VGroup  # the P(x) bars, one per row, growing to the right
    down: VGroup  # the P(y) bars, one per column, growing downwards
    unit: float  # scene units per unit of probability of both bar sets
    frame: Mobject  # the box around the given row
    product: HeatMap  # P(x) P(y)
    product_numbers: VGroup
    edges: VGroup  # the bin edges' labels, one per column boundary, left to right


def cell_tex(value: float) -> str:
    """A probability as written in a cell: exactly zero as 0, anything else to 2 fixed
    decimals (so an empty cell reads apart from one that rounds to 0.00)."""
    return "0" if value == 0 else latex_number(value, DIGITS, mode="fixed")


def cell_text(value: float) -> str:
    """:func:`cell_tex` for a caption."""
    return "0" if value == 0 else format_number(value, DIGITS, mode="fixed")


def shown(name: str) -> str:
    """A column or class name as written on screen: underscores as spaces."""
    return name.replace("_", " ")


def clipped(text: str, limit: int = SCREEN_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def edge_digits(width: float) -> int:
    """Decimals of the bin edges: none for bins 10 wide or more, one from 2, else two."""
    return 0 if width >= 10 else 1 if width >= 2 else 2


class JointDistribution(MathScene):
    """A joint distribution, its marginals, a conditional and independence.

    Real flowers or wines counted by class and by a measurement cut into bins give a
    joint probability table: its row and column sums are the marginals, one row divided
    by its sum is a conditional, and the product of the marginals shows what the table
    would be if the two were independent.
    """

    params_type = JointDistributionParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: JointDistributionParams = self.params
        # the shipped data set, or a CSV file's rows complete in x and y
        self.tab, classes = p.table()
        if self.tab.from_file:
            frame = self.tab.frame
            self.table = joint.table_from_columns(
                frame[p.x], frame[p.y], p.bins, classes=classes, x=p.x, y=p.y
            )
        else:
            self.table = joint.joint_table(p.data_set, p.y, p.bins)
        self.given_row = self.table.classes.index(p.given)
        self.cond = self.table.conditional(p.given)
        self.data = self.sidecar()
        self.picture = self.build()
        self.show_joint()
        self.show_marginals()
        self.show_conditional()
        self.show_independence()

    # ------------------------------------------------------------------ numbers

    def sidecar(self) -> dict[str, object]:
        p: JointDistributionParams = self.params
        t = self.table
        return {
            "data_set": None if self.tab.from_file else p.data_set,
            "data_set_used": not self.tab.from_file,  # False: data names a CSV file
            "data_source": self.tab.source.to_json(),
            "x": t.x,
            "y": t.y,
            "bins": p.bins,
            "given": p.given,
            "classes": list(t.classes),
            "n": t.n,
            "bin_edges": t.edges.tolist(),
            "counts": t.counts.tolist(),
            "joint": t.joint.tolist(),
            "marginal_x": t.marginal_x.tolist(),
            "marginal_y": t.marginal_y.tolist(),
            "conditional": self.cond.tolist(),
            "given_probability": float(t.marginal_x[self.given_row]),
            "product_of_marginals": t.product.tolist(),
            "mutual_information_bits": t.mutual_information,
            "entropy_x_bits": t.entropy_x,
            "dependence_share": t.dependence_share,
            "total_variation": t.total_variation,
            "verdict": self.verdict(),
            "colour_scale_high": self.scale_high(),
        }

    def verdict(self) -> str:
        share = self.table.dependence_share
        if share < WEAK:
            return "nearly independent"
        if share > STRONG:
            return "strongly dependent"
        return "dependent"

    def scale_high(self) -> float:
        """The colour scale's top: the largest probability any table shows (joint,
        conditional row, product), rounded up to a tenth."""
        t = self.table
        top = max(float(t.joint.max()), float(self.cond.max()), float(t.product.max()))
        return math.ceil(top * 10 - 1e-9) / 10

    # ------------------------------------------------------------------ words

    def things(self) -> str:
        """What a row of the data is: flowers, wines, or rows of a file."""
        if self.tab.from_file:
            return "rows"
        return "flowers" if self.params.data_set == "iris" else "wines"

    def name(self, column: str) -> str:
        """A column's name in titles and captions (underscores as spaces)."""
        return screen_name(column) if self.tab.from_file else column

    def label(self, value: str) -> str:
        """A class (a value of x) as a row label."""
        return clipped(shown(value)) if self.tab.from_file else shown(value)

    def gap(self, shipped: float) -> float:
        """A gap between panel rows: as shipped, or closer when the panel's head holds a
        file's name and dropped rows (two more lines)."""
        return shipped - PANEL_SQUEEZE if dropped_note(self.tab.source) else shipped

    def row_height(self) -> float:
        """:data:`ROW_HEIGHT`, or less for more than :data:`TALL_ROWS` rows."""
        rows = len(self.table.classes)
        return ROW_HEIGHT if rows <= TALL_ROWS else ROW_HEIGHT * TALL_ROWS / rows

    # ------------------------------------------------------------------ building

    def layout(self) -> tuple[float, float, float]:
        """(cell width, the joint table's left edge, the bar unit): the cells share the
        width left of the panel with the row labels and the P(x) bars."""
        t = self.table
        left = -frame_half_width() + FRAME_MARGIN
        labels = max(Text(self.label(c), font_size=TEXT_SIZE).width for c in t.classes) + 0.15
        labels = max(labels, CORNER_ROOM)
        number = MathTex("0.00", font_size=TICK_SIZE).width
        fixed = 2 * BAR_GAP + number  # the gaps and the number beside a P(x) bar
        region = panel_left() - 0.4 - (left + labels)
        bins = t.edges.size - 1
        px, py = float(t.marginal_x.max()), float(t.marginal_y.max())
        unit = min(MAX_ACROSS / px, MAX_DOWN / py, (region - bins * MIN_CELL - fixed) / px)
        cell = min(MAX_CELL, (region - fixed - unit * px) / bins)
        return cell, left + labels, unit

    def build(self) -> JointPicture:
        t = self.table
        cell, table_left, unit = self.layout()
        scale = sequential_scale(self.scale_high())
        top = frame_half_height() - FRAME_MARGIN_Y - TITLE_ROOM
        table = self.heat_map(t.joint, scale, cell, table_left, top)
        numbers = self.cell_numbers(table, t.joint)
        across, down = self.marginal_bars(table, unit)
        frame = SurroundingRectangle(
            table.row(self.given_row), buff=0.04, stroke_color=given_colour(), stroke_width=6
        )
        rows = len(t.classes)
        product_top = -frame_half_height() + FRAME_MARGIN_Y + 0.25 + rows * self.row_height()
        product = self.heat_map(t.product, scale, cell, table_left, product_top)
        product_numbers = self.cell_numbers(product, t.product)
        edges = self.edge_labels(table)
        return JointPicture(
            scale, table, numbers, across, down, unit, frame, product, product_numbers, edges
        )

    def heat_map(
        self, values: np.ndarray, scale: ColourScale, cell: float, left: float, top: float
    ) -> HeatMap:
        """A table of ``values`` with the classes as row labels, its cells' top-left
        corner at (left, top)."""
        names = [self.label(c) for c in self.table.classes]
        heat = HeatMap(values, scale, cell, self.row_height(), row_labels=names)
        corner = heat.cells.get_corner(UP + LEFT)
        heat.shift(np.array([left, top, 0.0]) - corner)
        return heat

    @staticmethod
    def cell_numbers(heat: HeatMap, values: np.ndarray) -> VGroup:
        """Each value written in its cell, in the colour that reads best on the cell."""
        rows, cols = values.shape
        return VGroup(
            *(
                MathTex(
                    cell_tex(float(values[i, j])),
                    font_size=TICK_SIZE,
                    color=readable_on(heat.colour_scale.colour(float(values[i, j]))),
                ).move_to(heat.cell(i, j))
                for i in range(rows)
                for j in range(cols)
            )
        )

    def marginal_bars(self, table: HeatMap, unit: float) -> tuple[VGroup, VGroup]:
        """P(x) as bars to the right of the rows and P(y) as bars under the columns,
        ``unit`` scene units per unit of probability for both."""
        t = self.table
        right = table.cells.get_right()[0] + BAR_GAP
        bottom = table.cells.get_bottom()[1] - BAR_GAP
        across = VGroup()
        for i, share in enumerate(t.marginal_x):
            row = table.cell(i, 0)
            bar = _bar(max(unit * float(share), 1e-9), BAR_FILL * self.row_height())
            across.add(bar.move_to([right + bar.width / 2, row.get_center()[1], 0]))
        down = VGroup()
        for j, share in enumerate(t.marginal_y):
            column = table.cell(0, j)
            bar = _bar(BAR_FILL * table.cell_width, max(unit * float(share), 1e-9))
            down.add(bar.move_to([column.get_center()[0], bottom - bar.height / 2, 0]))
        return across, down

    def edge_labels(self, table: HeatMap) -> VGroup:
        """The bin edges above the column boundaries, every other one raised when they
        would crowd each other."""
        t = self.table
        digits = edge_digits(float(t.edges[1] - t.edges[0]))
        labels = [
            MathTex(latex_number(float(e), digits, mode="fixed"), font_size=TICK_SIZE)
            for e in t.edges
        ]
        stagger = max(m.width for m in labels) > table.cell_width - 0.12
        top = table.cells.get_top()[1]
        group = VGroup()
        for k, label in enumerate(labels):
            x = table.cells.get_left()[0] + k * table.cell_width
            raise_by = (label.height + 0.08) if stagger and k % 2 else 0.0
            label.set_color(PALETTE.muted)
            label.move_to([x, top + 0.12 + label.height / 2 + raise_by, 0])
            group.add(label)
        return group

    def edge_ticks(self) -> VGroup:
        """Short ticks at the column boundaries, joining the edge labels to the table."""
        table = self.picture.table
        top = table.cells.get_top()[1]
        return VGroup(
            *(
                Line(
                    [table.cells.get_left()[0] + k * table.cell_width, top, 0],
                    [table.cells.get_left()[0] + k * table.cell_width, top + 0.08, 0],
                    stroke_color=PALETTE.muted,
                    stroke_width=2,
                )
                for k in range(self.table.edges.size)
            )
        )

    def titles(self, edges: VGroup) -> VGroup:
        """The measurement's name over the columns, the class column's over the rows,
        and the table's name P(x, y) in the corner."""
        t = self.table
        table = self.picture.table
        unit = " (cm)" if t.data_set == "iris" and not self.tab.from_file else ""
        y_name = _words(f"y: {shown(t.y)}{unit} in {t.edges.size - 1} bins")
        y_name.next_to(edges, UP, buff=0.12)
        y_name.align_to(table.cells, LEFT)
        x_name = _words(f"x: {self.name(t.x)},")
        x_name.next_to(y_name, LEFT, buff=0.15).align_to(y_name, DOWN)
        line = VGroup(x_name, y_name)
        room = panel_left() - 0.3 - (-frame_half_width() + FRAME_MARGIN)
        if line.width > room:  # a long measurement name: narrowed, never below size 20
            line.scale(max(MIN_FONT / TEXT_SIZE, room / line.width))
        line.shift((-frame_half_width() + FRAME_MARGIN - line.get_left()[0]) * RIGHT)
        corner = MathTex("P(x, y)", font_size=TICK_SIZE, color=PALETTE.text)
        corner.move_to([-frame_half_width() + FRAME_MARGIN + corner.width / 2, edges[0].get_y(), 0])
        return VGroup(x_name, y_name, corner)

    def bar_numbers(self) -> tuple[VGroup, VGroup]:
        """The marginal probabilities at the ends of their bars."""
        pic = self.picture
        t = self.table
        across = VGroup(
            *(
                _number(float(v)).next_to(bar, RIGHT, buff=BAR_GAP)
                for v, bar in zip(t.marginal_x, pic.across, strict=True)
            )
        )
        down = VGroup(
            *(
                _number(float(v)).next_to(bar, DOWN, buff=0.1)
                for v, bar in zip(t.marginal_y, pic.down, strict=True)
            )
        )
        return across, down

    def marginal_names(self) -> VGroup:
        pic = self.picture
        px = MathTex("P(x)", font_size=TICK_SIZE, color=marginal_colour())
        px.next_to(pic.across, UP, buff=0.18).align_to(pic.across, LEFT)
        px.shift(max(0.0, pic.edges[-1].get_right()[0] + 0.15 - px.get_left()[0]) * RIGHT)
        py = MathTex("P(y)", font_size=TICK_SIZE, color=marginal_colour())
        py.next_to(pic.table.cells, LEFT, buff=0.15).align_to(pic.down, UP).shift(0.05 * DOWN)
        return VGroup(px, py)

    # ------------------------------------------------------------------ panel

    def panel_head(self) -> VGroup:
        p: JointDistributionParams = self.params
        t = self.table
        head = remark(f"{p.data_set}: {t.n} {self.things()}")
        if self.tab.from_file:
            note = dropped_note(self.tab.source)
            # the file's name without its suffix, underscores as spaces (as PCA's title:
            # plain text with "_" reads as math): exam_scores.csv gives "exam scores"
            words = f"{clipped(screen_name(Path(self.tab.source.name).stem))}: {t.n} rows"
            # the dropped rows said beside the count, on a line of its own
            head = remark(words + ("\n" + note.replace(" (", "\n(", 1) if note else ""))
        return VGroup(
            panel_title("Joint distribution"),
            head,
            formula(r"P(x, y) = n_{xy} / n"),
        )

    def marginal_rows(self) -> VGroup:
        return VGroup(
            formula(r"P(x) = \textstyle\sum_y P(x, y)", marginal_colour()),
            formula(r"\textstyle\sum_x P(x) = \sum_y P(y) = 1", marginal_colour()),
        )

    def conditional_rows(self) -> VGroup:
        p: JointDistributionParams = self.params
        share = float(self.table.marginal_x[self.given_row])
        name = tex_text(self.label(p.given)) if self.tab.from_file else shown(p.given)
        value = latex_number(share, DIGITS, mode="fixed")
        return VGroup(
            formula(r"P(y \mid x) = P(x, y) / P(x)", given_colour()),
            formula(rf"P(x = \text{{{name}}}) = {value}", given_colour()),
            formula(r"\textstyle\sum_y P(y \mid x) = 1", given_colour()),
        )

    def dependence_rows(self) -> VGroup:
        t = self.table
        mi = latex_number(t.mutual_information, DIGITS, mode="fixed")
        h = latex_number(t.entropy_x, DIGITS, mode="fixed")
        return VGroup(
            formula(r"I(X; Y) = \textstyle\sum P(x, y)\,\times"),
            formula(r"\log_2 \dfrac{P(x, y)}{P(x)\, P(y)}"),
            formula(rf"= {mi}\ \text{{bits}} \le H(X) = {h}"),
        )

    # ------------------------------------------------------------------ beats

    def show_joint(self) -> None:
        # The viewer sees the data counted into a table of shares that sum to 1.
        p: JointDistributionParams = self.params
        pic = self.picture
        t = self.table
        edges = pic.edges
        ticks = self.edge_ticks()
        titles = self.titles(edges)
        # the colour bar right of the P(y) bars, under the P(x) bars, beside both tables
        top = pic.table.cells.get_bottom()[1] - 0.4
        height = min(COLOUR_BAR_HEIGHT, top - pic.product.cells.get_bottom()[1])
        marks = [0.0, pic.scale.high / 2, pic.scale.high]
        bar = colour_bar(pic.scale, height, marks, digits=DIGITS)
        bar.move_to([pic.table.cells.get_right()[0] + 0.35 + bar.width / 2, 0, 0])
        bar.align_to([0, top, 0], UP)
        self.colour_legend = bar
        self.panel = self.panel_head()
        stack(list(self.panel), top=panel_top(), left=panel_left(), gap=self.gap(0.22))
        # The cell numbers sit on their cells, not on the background the checker's
        # contrast rule reads: the invariants check them against their own cells.
        self.layout_exempt.extend([pic.numbers])
        where = f"scikit-learn's {p.data_set} data"
        note = ""
        if self.tab.from_file:
            where = self.tab.source.name
            note = dropped_note(self.tab.source)
        self.beat(
            "joint",
            f"The {t.n} {self.things()} of {where} counted by {self.name(t.x)} (rows) "
            f"and by {shown(t.y)} cut into {p.bins} equal-width bins (edges above "
            f"the columns): each cell is the share P(x, y) of all {t.n}, and the "
            f"{t.joint.size} cells sum to 1." + (f" {note}." if note else ""),
        )
        self.play(
            FadeIn(pic.table.row_labels),
            FadeIn(edges),
            FadeIn(ticks),
            FadeIn(titles),
            FadeIn(self.panel[:2]),
            run_time=0.8,
        )
        self.play(
            FadeIn(pic.table.cells),
            FadeIn(pic.numbers),
            FadeIn(self.colour_legend),
            FadeIn(self.panel[2]),
            run_time=1.0,
        )
        self.wait(0.8)

    def show_marginals(self) -> None:
        # The viewer sees each row and each column summed into a marginal, to scale.
        pic = self.picture
        t = self.table
        across_numbers, down_numbers = self.bar_numbers()
        names = self.marginal_names()
        rows = self.marginal_rows()
        top = self.panel[-1].get_bottom()[1] - self.gap(0.26)
        stack(rows, top=top, left=panel_left(), gap=self.gap(0.18))
        self.panel.add(*rows)
        px = ", ".join(format_number(float(v), DIGITS, mode="fixed") for v in t.marginal_x)
        self.beat(
            "marginals",
            f"Summing each row gives the marginal P(x) of the {self.name(t.x)}, {px} (bars on the "
            f"right); summing each column gives P(y) of each bin (bars below, on the same "
            f"scale). Each marginal sums to 1.",
        )
        self.play(
            *(GrowFromEdge(bar, LEFT) for bar in pic.across),
            FadeIn(across_numbers),
            FadeIn(names[0]),
            FadeIn(rows[0]),
            run_time=1.0,
        )
        self.play(
            *(GrowFromEdge(bar, UP) for bar in pic.down),
            FadeIn(down_numbers),
            FadeIn(names[1]),
            run_time=1.0,
        )
        self.play(FadeIn(rows[1]), run_time=0.6)
        self.wait(0.8)

    def show_conditional(self) -> None:
        # The viewer sees one row renormalised: a conditional is a row over its sum.
        p: JointDistributionParams = self.params
        pic = self.picture
        t = self.table
        values = t.joint.copy()
        values[self.given_row] = self.cond
        target = pic.table.recoloured(values)
        cols = values.shape[1]
        row_numbers = VGroup(*pic.numbers[self.given_row * cols : (self.given_row + 1) * cols])
        new_numbers = self.cell_numbers(target, values)[self.given_row * cols :][:cols]
        rows = self.conditional_rows()
        top = self.panel[-1].get_bottom()[1] - self.gap(0.26)
        stack(rows, top=top, left=panel_left(), gap=self.gap(0.18))
        self.panel.add(*rows)
        readout = ", ".join(cell_text(float(v)) for v in self.cond)
        share = format_number(float(t.marginal_x[self.given_row]), DIGITS, mode="fixed")
        self.beat(
            "conditional",
            f"Conditioning on {self.name(t.x)} = {shown(p.given)} keeps its row (framed) and "
            f"divides it by its sum P(x) = {share}: the row now reads P(y | x) = {readout}, "
            "which sums to 1.",
        )
        self.play(Create(pic.frame), FadeIn(rows[:2]), run_time=0.8)
        self.play(
            Transform(pic.table.cells, target.cells),
            *(Transform(a, b) for a, b in zip(row_numbers, new_numbers, strict=True)),
            run_time=1.2,
        )
        self.play(FadeIn(rows[2]), run_time=0.6)
        self.wait(0.8)

    def show_independence(self) -> None:
        # The viewer compares the joint with the product of the marginals: far apart
        # means dependent, and the mutual information says how far.
        pic = self.picture
        t = self.table
        cols = t.joint.shape[1]
        back = pic.table.recoloured(t.joint)
        row_numbers = VGroup(*pic.numbers[self.given_row * cols : (self.given_row + 1) * cols])
        old_numbers = self.cell_numbers(back, t.joint)[self.given_row * cols :][:cols]
        corner = MathTex(r"P(x)\, P(y)", font_size=TICK_SIZE, color=PALETTE.text)
        corner.next_to(pic.product.cells, UP, buff=0.18)
        corner.set_x(-frame_half_width() + FRAME_MARGIN + corner.width / 2)
        self.layout_exempt.append(pic.product_numbers)
        rows = self.dependence_rows()
        top = self.panel[-1].get_bottom()[1] - self.gap(0.26)
        stack(rows, top=top, left=panel_left(), gap=self.gap(0.16))
        self.panel.add(*rows)
        mi = format_number(t.mutual_information, DIGITS, mode="fixed")
        h = format_number(t.entropy_x, DIGITS, mode="fixed")
        verdict = {
            "nearly independent": "close to it: nearly independent",
            "dependent": "different from it: dependent",
            "strongly dependent": "far from it: strongly dependent",
        }[self.verdict()]
        self.beat(
            "independence",
            f"Were {self.name(t.x)} and {shown(t.y)} independent, the table would be the "
            f"product of the marginals P(x) P(y) (below, same colours). The joint is "
            f"{verdict}, with mutual information I = {mi} bits of at most H(X) = {h}.",
        )
        self.play(
            FadeOut(pic.frame),
            Transform(pic.table.cells, back.cells),
            *(Transform(a, b) for a, b in zip(row_numbers, old_numbers, strict=True)),
            run_time=0.8,
        )
        self.play(
            FadeIn(pic.product.row_labels),
            FadeIn(corner),
            FadeIn(pic.product.cells),
            FadeIn(pic.product_numbers),
            run_time=1.0,
        )
        self.play(FadeIn(rows), run_time=0.8)
        self.wait(1.5)

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The cells are coloured by the table shown; the bars are the marginals to
        one scale; the given row holds the conditional; the product is the bars'
        outer product; every number reads on its cell."""
        pic = self.picture
        d = self.data
        table = np.array(d["joint"])
        if beat == "conditional":
            table[self.given_row] = d["conditional"]
        out = [
            Invariant(
                "the cells are coloured by the table shown",
                _colours(pic.table),
                _expected_colours(pic.scale, table),
                atol=1.5 / 255,
            ),
            Invariant(
                "the numbers read on their cells (contrast >= 4.5)",
                min(1.0, self.worst_contrast(pic.table, pic.numbers) / 4.5),
                1.0,
                atol=0,
            ),
            Invariant(
                "the numbers sit inside their cells",
                _inside(pic.table, pic.numbers),
                1.0,
                atol=0,
            ),
        ]
        if beat in ("marginals", "conditional", "independence"):
            across = np.array([b.width for b in pic.across]) / pic.unit
            down = np.array([b.height for b in pic.down]) / pic.unit
            out += [
                Invariant("the P(x) bars are the row sums", across, d["marginal_x"], atol=1e-6),
                Invariant("the P(y) bars are the column sums", down, d["marginal_y"], atol=1e-6),
                Invariant("each marginal sums to 1", [across.sum(), down.sum()], [1, 1], 1e-6),
            ]
        if beat == "conditional":
            out.append(
                Invariant(
                    "the given row sums to 1",
                    float(np.sum(d["conditional"])),
                    1.0,
                    atol=1e-12,
                )
            )
        if beat == "independence":
            across = np.array([b.width for b in pic.across]) / pic.unit
            down = np.array([b.height for b in pic.down]) / pic.unit
            out += [
                Invariant(
                    "the product's cells are coloured by P(x) P(y) of the drawn bars",
                    _colours(pic.product),
                    _expected_colours(pic.scale, np.outer(across, down)),
                    atol=1.5 / 255,
                ),
                Invariant(
                    "the product's numbers read on their cells",
                    min(1.0, self.worst_contrast(pic.product, pic.product_numbers) / 4.5),
                    1.0,
                    atol=0,
                ),
            ]
        return out

    @staticmethod
    def worst_contrast(heat: HeatMap, numbers: VGroup) -> float:
        """The lowest contrast between a cell's number and the cell's drawn fill."""
        worst = math.inf
        for cell, number in zip(heat.cells, numbers, strict=True):
            fill = cell.get_fill_color().to_hex()
            for part in number.family_members_with_points():
                ink = part.get_fill_color().to_hex()
                worst = min(worst, contrast_ratio(ink, fill))
        return worst

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        roles = {"marginal": marginal_colour()}
        if beat == "conditional":
            roles["given"] = given_colour()
        return roles


def _bar(width: float, height: float) -> Rectangle:
    return Rectangle(
        width=width,
        height=height,
        stroke_color=marginal_colour(),
        stroke_width=2,
        fill_color=marginal_colour(),
        fill_opacity=0.6,
    )


def _number(value: float) -> MathTex:
    return MathTex(cell_tex(value), font_size=TICK_SIZE, color=PALETTE.text)


def _words(text: str, color: str | None = None) -> Text:
    return Text(text, font_size=TEXT_SIZE, color=color or PALETTE.text)


def _colours(heat: HeatMap) -> np.ndarray:
    """The cells' drawn fills as RGB in [0, 1], rows x columns x 3."""
    rgb = [cell.get_fill_color().to_rgb() for cell in heat.cells]
    return np.array(rgb, dtype=float).reshape((*heat.shape, 3))


def _expected_colours(scale: ColourScale, values: np.ndarray) -> np.ndarray:
    out = np.zeros((*values.shape, 3))
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            c = scale.colour(float(values[i, j])).lstrip("#")
            out[i, j] = [int(c[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    return out


def _inside(heat: HeatMap, numbers: VGroup) -> float:
    """1 when every number's box lies inside its cell, else 0."""
    for cell, number in zip(heat.cells, numbers, strict=True):
        if (
            number.get_left()[0] < cell.get_left()[0]
            or number.get_right()[0] > cell.get_right()[0]
            or number.get_bottom()[1] < cell.get_bottom()[1]
            or number.get_top()[1] > cell.get_top()[1]
        ):
            return 0.0
    return 1.0


__all__ = ["JointDistribution"]
