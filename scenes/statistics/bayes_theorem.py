"""Bayes' theorem with base rates.

Render it with plain Manim: ``manim -pql scenes/statistics/bayes_theorem.py BayesTheorem``.
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
    Arrow,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Rectangle,
    Text,
    VGroup,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/bayes_theorem.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import inference, screening
from scenes.kit.builders import stack
from scenes.kit.histogram import Bars
from scenes.kit.legends import bar_swatch, legend_row
from scenes.kit.numbers import format_number, latex_number, percent
from scenes.kit.panel_rows import formula
from scenes.kit.plotting import Plot, formula_row, panel_title, panel_top, plot_box
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    PALETTE,
    TEXT_SIZE,
    TICK_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.parameters.data import Table, dropped_note, screen_name, tex_text
from scenes.statistics.params import BayesTheoremParams

#: Bins of the two histograms (shared edges over the feature's range).
BINS = 30
#: The population square's cells: a positive cell is filled strongly, a negative faintly.
POSITIVE_OPACITY = 0.85
NEGATIVE_OPACITY = 0.25
#: Side of the population square (scene units).
SQUARE_SIDE = 5.6


# The colour roles: malignant tumours the vermillion of the series, benign the blue;
# the threshold the text colour. In the square a cell's colour is its condition and its
# fill says the test result (strong: positive, faint: negative).
def malignant_colour() -> str:
    return PALETTE.series[4]


def benign_colour() -> str:
    return PALETTE.series[0]


def threshold_colour() -> str:
    return PALETTE.text


@dataclass(frozen=True)
class ConditionNames:
    """How the two groups are called: malignant and benign tumours for the shipped data,
    ``label value`` for a file's rows (``condition yes`` and ``condition no``)."""

    positive: str  # legend and column heading
    negative: str
    positive_tex: str  # in P(. | +)
    negative_tex: str
    items: str  # what a row is: tumours, rows

    @staticmethod
    def of(p: BayesTheoremParams, tab: Table, values: list[str]) -> ConditionNames:
        if not tab.from_file:
            return ConditionNames("malignant", "benign", "M", r"B", "tumours")
        # names and values on screen with underscores as spaces (plain text reads _ as math)
        label, positive = screen_name(p.label_column), screen_name(p.positive)
        others = [screen_name(v) for v in values if v != p.positive]
        short = others[0] if len(others) == 1 else f"not {positive}"
        return ConditionNames(
            f"{label} {positive}",
            f"{label} {short}",
            rf"\text{{{tex_text(positive)}}}",
            rf"\text{{{tex_text(short)}}}",
            "rows",
        )


@dataclass
class BayesPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    malignant_bars: Bars
    benign_bars: Bars
    threshold_line: DashedLine
    square: Rectangle  # the whole population
    cells: dict[str, Rectangle]  # tp, fn, fp, tn
    shares: dict[str, float]  # each cell's share of the population


class BayesTheorem(MathScene):
    """Bayes' theorem with base rates.

    A screening test that calls a tumour malignant above a threshold is measured on 569
    real tumours; a population square split by condition and by test result, areas to
    scale, turns its sensitivity and specificity and the prevalence into the chance that
    a positive is malignant.
    """

    params_type = BayesTheoremParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: BayesTheoremParams = self.params
        # the breast-cancer data, or a file's feature and label columns
        self.table, data = p.measurements()
        self.measured = data
        self.conditions = ConditionNames.of(
            p, self.table, screening.label_values(self.table.frame[p.label_column])
        )
        self.prevalence = p.prevalence_used(data)
        counts = screening.confusion(data.values, data.malignant, p.threshold)
        self.counts = counts
        self.ppv = screening.positive_predictive_value(
            counts.sensitivity, counts.specificity, self.prevalence
        )
        self.npv = screening.negative_predictive_value(
            counts.sensitivity, counts.specificity, self.prevalence
        )
        shares = screening.population_shares(
            counts.sensitivity, counts.specificity, self.prevalence
        )
        self.data = self.sidecar(data, shares)
        plot, malignant_bars, benign_bars, line = self.histograms(data)
        square, cells = self.population(shares)
        self.picture = BayesPicture(plot, malignant_bars, benign_bars, line, square, cells, shares)
        self.show_data(data)
        self.show_rates()
        self.show_population()
        self.show_posterior()

    # ------------------------------------------------------------------ numbers

    def sidecar(self, data: screening.Measurements, shares: dict[str, float]) -> dict[str, object]:
        p: BayesTheoremParams = self.params
        c = self.counts
        return {
            "feature": p.feature,
            "threshold": p.threshold,
            "sensitivity": c.sensitivity,
            "specificity": c.specificity,
            "prevalence": self.prevalence,
            "posterior": self.ppv,
            "negative_predictive_value": self.npv,
            "confusion": c.as_dict(),
            "data_prevalence": data.prevalence,
            "tumours": data.size,
            "population_shares": shares,
            "population_per_10000": screening.population_counts(
                c.sensitivity, c.specificity, self.prevalence, 10_000
            ),
            "bin_edges": self.edges(data).tolist(),
            "label_column": p.label_column,
            "positive": p.positive,
            "positives": int(data.malignant.sum()),
            "prevalence_source": "data" if p.prevalence_from_data else "given",
            "data_source": self.table.source.to_json(),
        }

    @staticmethod
    def edges(data: screening.Measurements) -> np.ndarray:
        return np.linspace(float(data.values.min()), float(data.values.max()), BINS + 1)

    # ------------------------------------------------------------------ building

    def histograms(self, data: screening.Measurements) -> tuple[Plot, Bars, Bars, DashedLine]:
        """Counts of malignant and benign tumours per bin, overlaid, and the threshold."""
        p: BayesTheoremParams = self.params
        edges = self.edges(data)
        malignant = inference.histogram(data.values[data.malignant], edges).counts
        benign = inference.histogram(data.values[~data.malignant], edges).counts
        left, right, bottom, top = plot_box(bottom_room=0.45)  # the x title under the ticks
        plot = Plot(
            float(edges[0]),
            float(edges[-1]),
            1.3 * float(max(malignant.max(), benign.max())),  # room for the legend on top
            box=(left, right, bottom, top - 0.1),  # the y title inside the safe area
            y_title=self.conditions.items,
            x_ticks=7,
        )
        mal_bars = Bars(plot, edges, malignant, malignant_colour())
        ben_bars = Bars(plot, edges, benign, benign_colour())
        line = DashedLine(
            plot.c2p(p.threshold, 0.0),
            plot.c2p(p.threshold, plot.y_hi),
            stroke_color=threshold_colour(),
            stroke_width=4,
        )
        return plot, mal_bars, ben_bars, line

    def population(self, shares: dict[str, float]) -> tuple[Rectangle, dict[str, Rectangle]]:
        """The unit square of the population: the malignant column on the left (width =
        prevalence), each column split at its positive share (positives on top)."""
        left = plot_box()[0] + 1.0  # room for the names of thin cells on the left
        bottom = -frame_half_height() + FRAME_MARGIN_Y + 0.2
        side = SQUARE_SIDE
        square = Rectangle(width=side, height=side, stroke_color=PALETTE.muted, stroke_width=2)
        square.move_to([left + side / 2, bottom + side / 2, 0])
        sens, spec = self.counts.sensitivity, self.counts.specificity
        cells = {}
        columns = (
            ("tp", "fn", 0.0, self.prevalence, sens, malignant_colour()),
            ("fp", "tn", self.prevalence, 1.0, 1 - spec, benign_colour()),
        )
        for pos_key, neg_key, x0, x1, positive_share, colour in columns:
            for key, y0, y1, opacity in (
                (pos_key, 1 - positive_share, 1.0, POSITIVE_OPACITY),
                (neg_key, 0.0, 1 - positive_share, NEGATIVE_OPACITY),
            ):
                cell = Rectangle(
                    width=max((x1 - x0) * side, 1e-9),  # an empty cell: no area to speak of
                    height=max((y1 - y0) * side, 1e-9),
                    stroke_width=0,
                    fill_color=colour,
                    fill_opacity=opacity,
                )
                cell.move_to([left + (x0 + x1) / 2 * side, bottom + (y0 + y1) / 2 * side, 0])
                cells[key] = cell
        return square, cells

    def square_point(self, u: float, v: float) -> np.ndarray:
        """The scene point at (u, v) in the unit square's coordinates."""
        sq = self.picture.square
        corner = sq.get_corner(DOWN + LEFT)
        return corner + np.array([u * sq.width, v * sq.height, 0.0])

    def square_unit(self, point: np.ndarray) -> np.ndarray:
        """(u, v) of a scene point in the unit square's coordinates."""
        sq = self.picture.square
        corner = sq.get_corner(DOWN + LEFT)
        return (np.asarray(point) - corner)[:2] / np.array([sq.width, sq.height])

    def column_labels(self) -> VGroup:
        """The two conditions above the square with their shares: malignant flush left,
        benign flush right (a thin column's name never sits on the other's)."""
        sq = self.picture.square
        n = self.conditions
        mal = _words(f"{n.positive} {percent(self.prevalence)}", malignant_colour())
        ben = _words(f"{n.negative} {percent(1 - self.prevalence)}", benign_colour())
        mal.next_to(sq.get_corner(UP + LEFT), UP, buff=0.15).align_to(sq, LEFT)
        ben.next_to(sq.get_corner(UP + RIGHT), UP, buff=0.15).align_to(sq, RIGHT)
        if mal.get_right()[0] + 0.5 > ben.get_left()[0]:  # long names: one above the other
            ben.next_to(sq.get_corner(UP + RIGHT), UP, buff=0.15).align_to(sq, RIGHT)
            mal.next_to(ben, UP, buff=0.1).align_to(sq, LEFT)
        return VGroup(mal, ben)

    def cell_labels(self) -> VGroup:
        """Each cell's name inside it where it fits, else beside the square (malignant
        cells on the left, benign on the right) with an arrow to the cell."""
        sq = self.picture.square
        labels = VGroup()
        names = {"tp": "TP", "fn": "FN", "fp": "FP", "tn": "TN"}
        for key, cell in self.picture.cells.items():
            if self.picture.shares[key] == 0:
                continue  # an empty cell (no false negatives, say): the panel says 0
            label = formula_row(rf"\mathrm{{{names[key]}}}", PALETTE.text, size=TICK_SIZE)
            if cell.width > label.width + 0.2 and cell.height > label.height + 0.2:
                labels.add(label.move_to(cell))
                continue
            side = LEFT if key in ("tp", "fn") else RIGHT
            label.next_to(sq, side, buff=0.45).set_y(cell.get_center()[1])
            # a thin row's name away from the other row's (both can be thin)
            label.shift((0.3 if key in ("tp", "fp") else -0.3) * UP)
            # and never below or above the square (it sits inside the safe area)
            half = label.height / 2
            label.set_y(min(max(label.get_y(), sq.get_bottom()[1] + half), sq.get_top()[1] - half))
            edge = cell.get_edge_center(side) if cell.width > 0.2 else cell.get_center()
            arrow = Arrow(
                label.get_edge_center(-side),
                edge,
                buff=0.06,
                stroke_width=3,
                max_tip_length_to_length_ratio=0.35,
                color=PALETTE.muted,
            )
            labels.add(VGroup(label, arrow))
        return labels

    # ------------------------------------------------------------------ panel

    def counts_rows(self) -> VGroup:
        p: BayesTheoremParams = self.params
        return VGroup(formula(rf"\text{{positive: }} x > {latex_number(p.threshold, 4)}"))

    def rate_rows(self) -> VGroup:
        c = self.counts
        return VGroup(
            formula(rf"{c.tp}\ \text{{of}}\ {c.tp + c.fn}\ \text{{above}}", malignant_colour()),
            formula(rf"{c.fp}\ \text{{of}}\ {c.tn + c.fp}\ \text{{above}}", benign_colour()),
            formula(
                rf"\text{{sensitivity}}\ s = {latex_number(c.sensitivity)}", malignant_colour()
            ),
            formula(rf"\text{{specificity}}\ c = {latex_number(c.specificity)}", benign_colour()),
        )

    def bayes_rows(self) -> VGroup:
        people = self.data["population_per_10000"]
        tp, fp, fn, tn = (format_number(people[k], 0) for k in ("tp", "fp", "fn", "tn"))
        n = self.conditions
        return VGroup(
            formula(rf"\text{{prevalence}}\ \pi = {latex_number(self.prevalence, 3)}"),
            formula(r"\text{of 10{,}000 people:}"),
            formula(rf"\mathrm{{TP}} = {tp},\ \mathrm{{FN}} = {fn}", malignant_colour()),
            formula(rf"\mathrm{{FP}} = {fp},\ \mathrm{{TN}} = {tn}", benign_colour()),
            formula(rf"P({n.positive_tex} \mid +) = {latex_number(self.ppv)}", malignant_colour()),
            formula(rf"P({n.negative_tex} \mid -) = {latex_number(self.npv, 3)}", benign_colour()),
        )

    # ------------------------------------------------------------------ beats

    def show_data(self, data: screening.Measurements) -> None:
        # The viewer sees the two groups of tumours and where the test cuts.
        p: BayesTheoremParams = self.params
        pic = self.picture
        n_mal = int(data.malignant.sum())
        self.title = panel_title("Bayes' theorem")
        self.title.move_to(
            [panel_left() + self.title.width / 2, panel_top() - self.title.height / 2, 0]
        )
        x_name = _words(f"x: {screen_name(p.feature)}", PALETTE.muted)
        x_name.next_to(pic.plot.tick_labels, DOWN, buff=0.15)
        x_name.set_x(pic.plot.c2p((pic.plot.x_lo + pic.plot.x_hi) / 2, 0.0)[0])
        threshold_name = formula_row(
            rf"x = {latex_number(p.threshold, 4)}", threshold_colour(), size=TICK_SIZE
        )
        # the legend in the top corner away from the line, the line's name on its far side
        middle = (pic.plot.x_lo + pic.plot.x_hi) / 2
        legend_right = p.threshold < middle
        threshold_name.next_to(
            pic.threshold_line.get_end(), LEFT if legend_right else RIGHT, buff=0.12
        )
        left_end = float(pic.plot.c2p(pic.plot.x_lo, 0.0)[0])
        right_end = float(pic.plot.c2p(pic.plot.x_hi, 0.0)[0])
        if threshold_name.get_left()[0] < left_end or threshold_name.get_right()[0] > right_end:
            # no room on that side (a line at the axis' end): the other side
            threshold_name.next_to(
                pic.threshold_line.get_end(), RIGHT if legend_right else LEFT, buff=0.12
            )
        threshold_name.align_to(pic.threshold_line, UP)
        self.x_name = VGroup(x_name, threshold_name)
        names = self.conditions
        legend = VGroup(
            legend_row(bar_swatch(malignant_colour()), _words(f"{names.positive} ({n_mal})")),
            legend_row(
                bar_swatch(benign_colour()), _words(f"{names.negative} ({data.size - n_mal})")
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        note = dropped_note(self.table.source)
        if note:  # rows with a missing value were left out: said under the legend
            legend.add(_words(note, PALETTE.muted))
            legend.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        # inside the plot, top right: the bars there are a few tumours high at most
        corner = pic.plot.c2p(pic.plot.x_hi if legend_right else pic.plot.x_lo, pic.plot.y_hi)
        legend.next_to(corner, DOWN + (LEFT if legend_right else RIGHT), buff=0.15)
        self.legend = legend
        if self.table.from_file:
            caption = (
                f"The {data.size} rows of {self.table.source.name}"
                + (f", {note}" if note else "")
                + f": {screen_name(p.feature)} of the {n_mal} with {names.positive} and the "
                f"{data.size - n_mal} with {names.negative}. The test calls a row positive "
                f"when it is above {format_number(p.threshold, 4)}."
            )
        else:
            caption = (
                f"The {data.values.size} tumours of scikit-learn's breast-cancer data: "
                f"{p.feature.replace('_', ' ')} of the {n_mal} malignant and "
                f"{data.values.size - n_mal} benign ones. The test calls a tumour malignant "
                f"(positive) when it is above {format_number(p.threshold, 4)}."
            )
        self.beat("data", caption)
        self.panel = VGroup(self.title, self.counts_rows())
        stack(list(self.panel), top=panel_top(), left=panel_left(), gap=0.25)
        self.play(
            FadeIn(pic.plot.group()),
            FadeIn(x_name),
            FadeIn(self.title),
            FadeIn(legend),
            run_time=1.0,
        )
        self.play(FadeIn(pic.benign_bars), FadeIn(pic.malignant_bars), run_time=1.0)
        self.play(
            Create(pic.threshold_line),
            FadeIn(self.x_name[1]),
            FadeIn(self.panel[1][0]),
            run_time=0.8,
        )
        self.wait(0.5)

    def show_rates(self) -> None:
        # The viewer reads the test's two rates off the counts on each side of the line.
        c = self.counts
        rates = self.rate_rows()
        rows = self.panel[1]
        stack([*rows, *rates], top=rows[0].get_top()[1], left=panel_left(), gap=0.14)
        self.rates = rates
        if self.table.from_file:
            n = self.conditions
            caption = (
                f"Above the line: {c.tp} of the {c.tp + c.fn} rows with {n.positive} "
                f"(sensitivity {format_number(c.sensitivity)}) and {c.fp} of the {c.tn + c.fp} "
                f"with {n.negative}: the rest of those test negative (specificity "
                f"{format_number(c.specificity)})."
            )
        else:
            caption = (
                f"Above the line: {c.tp} of {c.tp + c.fn} malignant tumours (sensitivity "
                f"{format_number(c.sensitivity)}) and {c.fp} of {c.tn + c.fp} benign ones: the "
                f"rest of the benign ones test negative (specificity "
                f"{format_number(c.specificity)})."
            )
        self.beat("rates", caption)
        self.play(FadeIn(rates[0:2]), run_time=0.8)
        self.play(FadeIn(rates[2:4]), run_time=0.8)
        self.wait(0.8)

    def show_population(self) -> None:
        # The viewer sees a whole population: areas are shares of people.
        p: BayesTheoremParams = self.params
        pic = self.picture
        c = self.counts
        heading = self.column_labels()
        names = self.cell_labels()
        self.names = names
        bayes = self.bayes_rows()
        stack(
            [*bayes],
            top=self.rates[-1].get_bottom()[1] - 0.25,
            left=panel_left(),
            gap=0.14,
        )
        self.bayes = bayes
        if self.table.from_file:
            n = self.conditions
            d = self.data
            own = (
                f"the file's own prevalence of {percent(self.prevalence)} ({d['positives']} of "
                f"{d['tumours']} rows) with {n.positive}"
                if p.prevalence_from_data
                else f"a given prevalence of {percent(self.prevalence)} with {n.positive} "
                f"(the file's own: {percent(d['data_prevalence'])})"
            )
            caption = (
                f"A population with {own}, as a square: the {n.positive} column is "
                f"{percent(self.prevalence)} of it and {percent(c.sensitivity)} of that column "
                f"tests positive; {percent(1 - c.specificity)} of the {n.negative} column tests "
                "positive too (strong colours: positive)."
            )
        else:
            own = abs(p.prevalence - self.data["data_prevalence"]) < 5e-4
            where = "the data's own" if own else "a"
            caption = (
                f"A population with {where} prevalence of {percent(p.prevalence)} malignant, as "
                f"a square: the malignant column is {percent(p.prevalence)} of it and "
                f"{percent(c.sensitivity)} of that column tests positive; "
                f"{percent(1 - c.specificity)} of the benign column tests positive too (strong "
                "colours: positive)."
            )
        self.beat("population", caption)
        self.play(
            FadeOut(
                VGroup(
                    pic.plot.group(),
                    pic.malignant_bars,
                    pic.benign_bars,
                    pic.threshold_line,
                    self.x_name,
                    self.legend,
                )
            ),
            run_time=0.8,
        )
        self.play(Create(pic.square), FadeIn(heading), FadeIn(bayes[0]), run_time=0.8)
        self.play(*(FadeIn(cell) for cell in pic.cells.values()), run_time=1.0)
        self.play(FadeIn(names), FadeIn(bayes[1:4]), run_time=0.8)
        self.wait(0.8)

    def show_posterior(self) -> None:
        # The viewer sees that a positive result lands in the strong cells only: Bayes'
        # theorem is the malignant share of them.
        pic = self.picture
        ppv = self.ppv
        people = self.data["population_per_10000"]
        tp, fp = (format_number(people[k], 0) for k in ("tp", "fp"))
        most = ppv < 0.5
        if self.table.from_file:
            n = self.conditions
            verdict = (
                f"most positives are false: {percent(1 - ppv)} of them have {n.negative}"
                if most
                else f"{percent(ppv)} of positives have {n.positive}"
            )
            caption = (
                f"A positive result is one of the strong cells, TP or FP: of 10,000 people "
                f"P({n.positive} | positive) = TP/(TP + FP) = {tp}/({tp} + {fp}) = "
                f"{format_number(ppv)}, so {verdict}. A negative has {n.negative} with "
                f"probability {format_number(self.npv, 3)}."
            )
        else:
            verdict = (
                f"most positives are false: {percent(1 - ppv)} of them are benign"
                if most
                else f"{percent(ppv)} of positives are malignant"
            )
            caption = (
                f"A positive result is one of the strong cells, TP or FP: of 10,000 people "
                f"P(malignant | positive) = TP/(TP + FP) = {tp}/({tp} + {fp}) = "
                f"{format_number(ppv)}, so {verdict}. A negative is benign with probability "
                f"{format_number(self.npv, 3)}."
            )
        self.beat("posterior", caption)
        self.play(
            pic.cells["fn"].animate.set_fill(opacity=0.1),
            pic.cells["tn"].animate.set_fill(opacity=0.1),
            FadeIn(self.bayes[4]),
            run_time=1.0,
        )
        self.play(FadeIn(self.bayes[5]), run_time=0.8)
        self.wait(1.5)

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        return {"malignant": malignant_colour(), "benign": benign_colour()}

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The histograms are the counts per bin; the threshold line at the threshold;
        the square's cells are the population shares, to scale."""
        pic = self.picture
        d = self.data
        if beat in ("data", "rates"):
            edges = np.array(d["bin_edges"])
            data = self.measured
            mal = inference.histogram(data.values[data.malignant], edges).counts
            ben = inference.histogram(data.values[~data.malignant], edges).counts
            return [
                Invariant(
                    "malignant bars are the counts per bin",
                    pic.malignant_bars.measured()[:, 2],
                    mal.astype(float),
                    atol=1e-6,
                ),
                Invariant(
                    "benign bars are the counts per bin",
                    pic.benign_bars.measured()[:, 2],
                    ben.astype(float),
                    atol=1e-6,
                ),
                Invariant(
                    "threshold line",
                    float(pic.plot.p2c(pic.threshold_line.get_start())[0]),
                    d["threshold"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        side = pic.square.width
        areas = {k: cell.width * cell.height / side**2 for k, cell in pic.cells.items()}
        shares = d["population_shares"]
        return [
            Invariant(
                f"cell {k} has its share of the square",
                areas[k],
                shares[k],
                atol=1e-6,
            )
            for k in ("tp", "fn", "fp", "tn")
        ] + [
            Invariant(
                "the positive cells' malignant share is the posterior",
                areas["tp"] / (areas["tp"] + areas["fp"]),
                d["posterior"],
                atol=1e-6,
            )
        ]


def _words(text: str, color: str | None = None) -> Text:
    return Text(text, font_size=TEXT_SIZE, color=color or PALETTE.text)


__all__ = ["BayesTheorem"]
