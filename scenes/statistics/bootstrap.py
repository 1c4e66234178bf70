"""The bootstrap: resampling one sample to see how much its statistic could vary.

Render it with plain Manim: ``manim -pql scenes/statistics/bootstrap.py Bootstrap``.
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
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    Text,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    linear,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/bootstrap.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import bootstrap as boot
from mlmath_viz.random import generator
from scenes.kit.builders import stack
from scenes.kit.histogram import Bars
from scenes.kit.legends import bar_swatch, dot_swatch, legend_row, line_swatch
from scenes.kit.marks import dot_centres, dot_cloud
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel_rows import fit_row
from scenes.kit.plotting import Plot, formula_row, panel_title, panel_top, plot_box
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.standard import px_per_unit
from scenes.kit.style import GEOMETRY_ATOL, PALETTE, TEXT_SIZE, TICK_SIZE, panel_left
from scenes.parameters.data import dropped_note, screen_name, tex_text
from scenes.parameters.group_rows import group_json, items, unit_text
from scenes.statistics.params import BootstrapParams

#: Resamples shown one by one before all of them at once.
SHOWN = 4
#: Height of the strip (sample and one resample) in scene units; the histogram gets the rest.
STRIP_HEIGHT = 2.75
#: Scene units between the resample row's tallest pile and the sample row.
ROW_GAP = 0.45
#: Diameter of a flower's dot in 480p pixels (above the standard's 3 px).
DOT_PX = 7.0


def sample_colour() -> str:
    return PALETTE.sample


def undrawn_colour() -> str:
    return PALETTE.muted


def boot_colour() -> str:
    """Bootstrap statistics: the dropping dots and the histogram's bars."""
    return PALETTE.series[1]


def percentile_colour() -> str:
    """Vermillion: the house's interval purple is 5 from the samples' sky blue in
    deuteranopia, and the sample stays on screen beside the intervals."""
    return PALETTE.rejected


def t_colour() -> str:
    return PALETTE.series[2]


@dataclass
class Strip:
    """The sample (upper row) and the current resample (lower row) as stacked dot plots."""

    plot: Plot
    sample_base: float  # y of the sample row's first dot, in stack units
    pitch: float  # scene units between stacked dots
    radius: float
    label_sample: Text
    label_resample: Text
    estimate_tick: Line  # the sample's statistic on the sample row


@dataclass
class BootstrapPicture:
    """What the invariants read from the drawn picture."""

    strip: Strip
    sample_dots: VMobject  # every flower, in sample order of (value, tie rank)
    hist: Plot
    bars: Bars
    edges: np.ndarray
    drops: list[VMobject]  # one dot per shown resample, at its statistic on the histogram
    estimate_line: DashedLine
    percentile_bar: VGroup  # line (absent if the ends are equal) and two end ticks
    t_bar: VGroup
    percentile_y: float
    t_y: float


class Bootstrap(MathScene):
    """The bootstrap.

    Resampling the 50 flowers of one Iris species with replacement, again and again,
    shows how much their mean or median could vary: the resamples' statistics fill a
    histogram whose middle 95% is the percentile interval, set beside the t interval.
    """

    params_type = BootstrapParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: BootstrapParams = self.params
        self.table = p.table()  # the species' flowers, or the rows of a CSV file's group
        self.unit = unit_text(self.table)
        self.items = items(self.table)
        sample = self.table.frame[p.feature].to_numpy(dtype=float)
        self.result = boot.bootstrap(sample, p.statistic, p.resamples, p.level, generator(p.seed))
        self.edges = boot.histogram_edges(self.result.statistics)
        self.bins = boot.bin_index(self.result.statistics, self.edges)
        self.counts = boot.counts_of_first(self.bins, p.resamples, self.edges.size - 1)
        self.data = self.sidecar()
        self.picture = self.build_picture()
        self.panel = self.build_panel()
        self.show_sample()
        self.show_resamples()
        self.show_all()
        self.show_intervals()

    # ------------------------------------------------------------------ numbers

    def sidecar(self) -> dict[str, object]:
        p: BootstrapParams = self.params
        r = self.result
        return {
            "species": p.species,
            "feature": p.feature,
            "statistic": p.statistic,
            "estimate": r.estimate,
            "bootstrap_statistics": r.statistics.tolist(),
            "percentile_interval": list(r.percentile_interval),
            # the t interval is for the mean: null for the median (its t interval would
            # need the median's standard error); the mean's is in mean_t_interval
            "t_interval": list(r.t_interval) if p.statistic == "mean" else None,
            "mean_t_interval": list(r.t_interval),
            "sample_mean": float(r.sample.mean()),
            "resamples": r.resamples,
            "level": p.level,
            "seed": p.seed,
            "quantile_method": boot.QUANTILE_METHOD,
            "standard_error": r.standard_error,
            "n": int(r.sample.size),
            "sample": r.sample.tolist(),
            "shown_resamples": [r.indices[b].tolist() for b in range(SHOWN)],
            "shown_statistics": r.statistics[:SHOWN].tolist(),
            "bin_edges": self.edges.tolist(),
            "bin_counts": self.counts.astype(int).tolist(),
            "distinct_statistics": int(np.unique(np.round(r.statistics, 9)).size),
            **group_json(p.group_column, p.group),
            "data_source": self.table.source.to_json(),
        }

    # ------------------------------------------------------------------ picture

    def build_picture(self) -> BootstrapPicture:
        r = self.result
        strip = self.build_strip()
        sample_dots = self.row_dots(strip, r.sample, strip.sample_base, sample_colour())
        hist = self.build_histogram()
        bars = Bars(hist, self.edges, np.zeros(self.edges.size - 1), boot_colour())
        drops = []
        drop_ranks = boot.tie_ranks(self.bins[:SHOWN])
        unit = float(hist.c2p(0.0, 1.0)[1] - hist.c2p(0.0, 0.0)[1])
        for b in range(SHOWN):
            y = (drop_ranks[b] + 0.5) * 2.2 * strip.radius / unit
            drops.append(
                dot_cloud(hist.c2p([r.statistics[b]], [y]), boot_colour(), radius=strip.radius)
            )
        peak = float(self.counts.max())
        estimate_line = DashedLine(
            hist.c2p(r.estimate, 0.0),
            hist.c2p(r.estimate, 1.05 * peak),
            stroke_color=PALETTE.text,
            stroke_width=4,
        )
        py, ty = 1.17 * peak, 1.39 * peak
        return BootstrapPicture(
            strip=strip,
            sample_dots=sample_dots,
            hist=hist,
            bars=bars,
            edges=self.edges,
            drops=drops,
            estimate_line=estimate_line,
            percentile_bar=interval_bar(hist, r.percentile_interval, py, percentile_colour()),
            t_bar=interval_bar(hist, r.t_interval, ty, t_colour()),
            percentile_y=py,
            t_y=ty,
        )

    def build_strip(self) -> Strip:
        """The data axis with two stacked dot plots: the sample above, a resample below."""
        r = self.result
        tallest = int(boot.tie_ranks(r.sample).max()) + 1
        for b in range(SHOWN):
            tallest = max(tallest, int(boot.tie_ranks(r.resample(b)).max()) + 1)
        left, right, _bottom, top = plot_box()
        lo, hi = float(r.sample.min()), float(r.sample.max())
        pad = max(0.05 * (hi - lo), 0.05)
        # Stack units: a resample row, a gap of ROW_GAP scene units, the sample row (the
        # Plot's y axis is STRIP_HEIGHT + 0.45 - 0.95 units long).
        axis_h = STRIP_HEIGHT - 0.5
        y_hi = (2 * tallest + 0.3) / (1 - ROW_GAP / axis_h)
        sample_base = tallest + ROW_GAP * y_hi / axis_h
        plot = Plot(
            lo - pad,
            hi + pad,
            y_hi,
            box=(left + 1.55, right - 0.7, top - STRIP_HEIGHT, top + 0.45),
            show_y=False,
            x_ticks=8,
        )
        if self.unit:  # the unit beside the axis (a file's column is named in the panel)
            plot.titles.add(
                formula_row(rf"\text{{{self.unit}}}", PALETTE.muted).next_to(
                    plot.c2p(plot.x_hi, 0.0), RIGHT, buff=0.2, aligned_edge=DOWN
                )
            )
        pitch = float(plot.c2p(0.0, 1.0)[1] - plot.c2p(0.0, 0.0)[1])
        radius = min(0.075, max(0.5 * DOT_PX / px_per_unit(self), 0.5 * pitch))
        radius = min(radius, 0.5 * DOT_PX / px_per_unit(self))
        x0 = float(plot.c2p(plot.x_lo, 0.0)[0])
        label_sample = Text("sample", font_size=TEXT_SIZE, color=PALETTE.text)
        label_sample.next_to(np.array([x0, plot.c2p(0.0, sample_base + 0.5)[1], 0.0]), LEFT, 0.3)
        label_resample = Text("resample", font_size=TEXT_SIZE, color=PALETTE.text)
        label_resample.next_to(np.array([x0, plot.c2p(0.0, 0.5)[1], 0.0]), LEFT, 0.3)
        # Behind the dots, sticking out of the pile by a fixed length (a tall pile of
        # equal values would otherwise be hidden under it).
        pile = int(boot.tie_ranks(r.sample).max()) + 1
        tick = Line(
            plot.c2p(r.estimate, sample_base) + 0.15 * DOWN,
            plot.c2p(r.estimate, min(sample_base + pile + 0.2 / pitch, y_hi)),
            stroke_color=PALETTE.text,
            stroke_width=4,
        ).set_z_index(-1)
        return Strip(plot, sample_base, pitch, radius, label_sample, label_resample, tick)

    def row_dots(self, strip: Strip, values: np.ndarray, base: float, colour: str) -> VMobject:
        ranks = boot.tie_ranks(values)
        return dot_cloud(strip.plot.c2p(values, base + 0.5 + ranks), colour, radius=strip.radius)

    def build_histogram(self) -> Plot:
        r = self.result
        left, right, bottom, top = plot_box()
        ends = [
            float(self.edges[0]),
            float(self.edges[-1]),
            *r.percentile_interval,
            *r.t_interval,
            r.estimate,
        ]
        lo, hi = min(ends), max(ends)
        pad = 0.04 * (hi - lo)
        plot = Plot(
            lo - pad,
            hi + pad,
            1.6 * float(self.counts.max()),
            box=(left, right - 1.9, bottom, top - STRIP_HEIGHT - 0.15),
            y_title="resamples",
            x_ticks=6,
            y_ticks=4,
        )
        stat = r"\bar x^*" if self.params.statistic == "mean" else r"\tilde x^*"
        plot.titles.add(
            formula_row(stat + self.unit_tex(r"\ (\text{%s})"), PALETTE.muted).next_to(
                plot.c2p(plot.x_hi, 0.0), RIGHT, buff=0.2, aligned_edge=DOWN
            )
        )
        return plot

    def resample_rows(self, b: int) -> tuple[VMobject, VMobject, Line]:
        """Resample ``b``: its dots on the lower row, the sample's flowers it drew
        coloured (the others grey), and its statistic as a tick."""
        r, strip = self.result, self.picture.strip
        plot = strip.plot
        values = np.sort(r.resample(b))
        dots = self.row_dots(strip, values, 0.0, sample_colour())
        drawn = r.multiplicity(b) > 0
        ranks = boot.tie_ranks(r.sample)
        grey = dot_cloud(
            plot.c2p(r.sample[~drawn], strip.sample_base + 0.5 + ranks[~drawn]),
            undrawn_colour(),
            radius=strip.radius,
        )
        tallest = int(boot.tie_ranks(values).max()) + 1
        tick = Line(
            plot.c2p(r.statistics[b], 0.0) + 0.15 * DOWN,
            plot.c2p(r.statistics[b], tallest) + 0.2 * UP,
            stroke_color=boot_colour(),
            stroke_width=5,
        ).set_z_index(-1)
        return dots, grey, tick

    # ------------------------------------------------------------------ panel

    def build_panel(self) -> dict[str, Mobject]:
        p: BootstrapParams = self.params
        r = self.result
        stat = r"\bar x" if p.statistic == "mean" else r"\tilde x"
        pct = format_number(100 * p.level, 1)
        rows: dict[str, Mobject] = {
            "title": panel_title("The bootstrap"),
            "setup": VGroup(
                *self.setup_rows(),
                self.count_row(),
                _row(
                    rf"{stat} = {latex_number(r.estimate, 3)}" + self.unit_tex(r"\ \text{%s}"),
                    PALETTE.text,
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12),
            "recipe": VGroup(
                _row(
                    rf"\text{{draw }} n \text{{ of the }} n \text{{ {self.items}}}", PALETTE.muted
                ),
                _row(r"\text{with replacement}", PALETTE.muted),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12),
            "legend": VGroup(
                legend_row(dot_swatch(sample_colour()), _row(r"\text{drawn}")),
                legend_row(dot_swatch(undrawn_colour()), _row(r"\text{not drawn}")),
                legend_row(
                    bar_swatch(boot_colour()), _row(r"\text{resample " + p.statistic + "s}")
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12),
            "se": VGroup(
                _row(rf"B = {r.resamples}\ \text{{resamples}}"),
                _row(rf"\mathrm{{SE}}_{{\mathrm{{boot}}}} = {latex_number(r.standard_error, 3)}"),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12),
            "intervals": VGroup(
                legend_row(
                    line_swatch(percentile_colour()),
                    _row(rf"\text{{percentile {pct}\%}}", percentile_colour()),
                ),
                legend_row(
                    line_swatch(t_colour()),
                    _row(rf"t\text{{ interval {pct}\% (mean)}}", t_colour()),
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12),
        }
        stack(list(rows.values()), top=panel_top(), left=panel_left(), gap=0.3)
        return rows

    # ------------------------------------------------------------------ beats

    def show_sample(self) -> None:
        # The viewer sees the data: 50 flowers, stacked where they tie, and their statistic.
        p: BootstrapParams = self.params
        r = self.result
        pic, strip = self.picture, self.picture.strip
        self.beat(
            "sample",
            f"{self.whose()}, one dot each (equal values stacked); their {p.statistic} is "
            f"{self.amount(r.estimate)}. How much could it vary?{self.dropped_sentence()}",
        )
        self.play(
            FadeIn(strip.plot.group()),
            FadeIn(strip.label_sample),
            FadeIn(pic.sample_dots),
            FadeIn(self.panel["title"]),
            FadeIn(self.panel["setup"]),
            run_time=1.0,
        )
        self.play(Create(strip.estimate_tick), run_time=0.6)

    def show_resamples(self) -> None:
        # The viewer learns the recipe: n draws with replacement, so some flowers come
        # twice or more and some not at all; each resample's statistic drops below.
        p: BootstrapParams = self.params
        r = self.result
        pic = self.picture
        missing = [int((r.multiplicity(b) == 0).sum()) for b in range(SHOWN)]
        stats = ", ".join(format_number(float(s), 3) for s in r.statistics[:SHOWN])
        self.beat(
            "resamples",
            f"Each resample draws {r.sample.size} {self.items} with replacement: the last one "
            f"shown left out {missing[-1]} {self.items} (grey) and drew others twice or more. "
            f"Its {p.statistic} drops into the histogram; the first {SHOWN} give "
            f"{self.amount_text(stats)}.",
        )
        self.play(
            FadeIn(pic.hist.group()),
            FadeIn(pic.strip.label_resample),
            FadeIn(self.panel["recipe"]),
            FadeIn(self.panel["legend"]),
            run_time=0.8,
        )
        previous: list[Mobject] = []
        for b in range(SHOWN):
            dots, grey, tick = self.resample_rows(b)
            if previous:
                self.remove(*previous)
            self.play(FadeIn(dots), FadeIn(grey), run_time=0.6)
            self.play(Create(tick), run_time=0.3)
            start = tick.get_center()
            drop = pic.drops[b]
            target = drop.copy()
            drop.move_to(start)
            self.play(drop.animate.move_to(target.get_center()), run_time=0.6)
            previous = [dots, grey, tick]
        self.resample_marks = previous

    def show_all(self) -> None:
        # The viewer sees all the resamples at once: the histogram is the bootstrap
        # distribution, its spread the standard error.
        p: BootstrapParams = self.params
        r = self.result
        pic = self.picture
        caption = (
            f"All {r.resamples} resamples: their {p.statistic}s pile up around the sample's "
            f"{self.amount(r.estimate)} with standard deviation "
            f"{self.amount(r.standard_error)}, the bootstrap standard error."
        )
        distinct = self.data["distinct_statistics"]
        if distinct <= 12 and not self.table.from_file:
            caption += (
                f" The {p.statistic}s take only {distinct} values: the data are measured to 0.1 cm."
            )
        elif distinct <= 12:
            values = boot.distinct_count(r.sample)
            caption += (
                f" The {p.statistic}s take only {distinct} values: the {r.sample.size} "
                f"{self.items} hold {values} distinct values."
            )
        self.beat("all", caption)
        bars = pic.bars
        self.add(bars)
        shown = float(SHOWN)
        total = float(r.resamples)

        def grow(m: Mobject, alpha: float) -> None:
            k = round(shown * (total / shown) ** alpha)
            bars.set_shape(pic.edges, boot.counts_of_first(self.bins, k, pic.edges.size - 1))

        self.play(
            FadeOut(VGroup(*pic.drops)),
            UpdateFromAlphaFunc(bars, grow, run_time=3.0, rate_func=linear),
        )
        bars.set_shape(pic.edges, self.counts)
        self.play(Create(pic.estimate_line), FadeIn(self.panel["se"]), run_time=0.8)

    def show_intervals(self) -> None:
        # The viewer compares the percentile interval, read off the histogram, with the
        # t interval from the formula.
        pic = self.picture
        self.beat("intervals", self.compare_caption())
        labels = VGroup(
            interval_label(pic.hist, self.result.percentile_interval, pic.percentile_y),
            interval_label(pic.hist, self.result.t_interval, pic.t_y),
        )
        labels[0].set_color(percentile_colour())
        labels[1].set_color(t_colour())
        self.play(
            Create(pic.percentile_bar),
            Create(pic.t_bar),
            FadeIn(labels),
            FadeIn(self.panel["intervals"]),
            run_time=1.2,
        )
        self.wait(1.5)

    def compare_caption(self) -> str:
        p: BootstrapParams = self.params
        r = self.result
        pct = format_number(100 * p.level, 1)
        pi, ti = r.percentile_interval, r.t_interval
        wp, wt = boot.width(pi), boot.width(ti)

        def show(iv: tuple[float, float]) -> str:
            return f"[{format_number(iv[0], 3)}, {format_number(iv[1], 3)}]"

        if wp <= 1e-12:
            head = (
                f"The middle {pct}% of the resample {p.statistic}s is one value: the "
                f"percentile interval {show(pi)} has equal ends, at least {pct}% of the "
                f"resamples share that {p.statistic}."
            )
        else:
            head = (
                f"The {pct}% percentile interval {show(pi)} holds the middle {pct}% of the "
                f"resample {p.statistic}s."
            )
        ratio = wp / wt
        what = "the t interval" if p.statistic == "mean" else "the t interval for the mean"
        if abs(ratio - 1) < 0.1:
            tail = f" {what.capitalize()}, {show(ti)}, is nearly as wide"
        elif ratio < 1:
            tail = f" {what.capitalize()}, {show(ti)}, is wider"
        else:
            tail = f" {what.capitalize()}, {show(ti)}, is narrower"
        tail += f" ({self.amount(wt)} against {self.amount(wp)})."
        return head + tail

    # ------------------------------------------------------------------ words

    def amount(self, value: float) -> str:
        """A number of the measured column with its unit (cm for Iris, none for a file)."""
        return self.amount_text(format_number(value, 3))

    def amount_text(self, text: str) -> str:
        return f"{text} {self.unit}" if self.unit else text

    def unit_tex(self, template: str) -> str:
        """``template % unit`` in LaTeX for the Iris data; "" for a file (no unit)."""
        return template % self.unit if self.unit else ""

    def setup_rows(self) -> list[Mobject]:
        """The panel's first rows: what was measured on which rows (and the rows dropped)."""
        p: BootstrapParams = self.params
        if not self.table.from_file:
            return [_row(rf"\text{{{p.species} {_feature(p.feature)}}}")]
        name = screen_name(p.feature)
        if p.group_column:  # as "setosa sepal length": the group, then the column
            name = f"{screen_name(p.group_column)} {p.group}: {name}"
        return [fit_row(_row(rf"\text{{{tex_text(name)}}}"), TICK_SIZE)]

    def count_row(self) -> Mobject:
        """n and, for a file with rows left out, how many were dropped (the first
        caption says why: missing values)."""
        r = self.result
        dropped = self.table.source.rows_dropped
        if not dropped:
            return _row(rf"n = {r.sample.size}\ \text{{{self.items}}}")
        return fit_row(
            _row(rf"n = {r.sample.size}\ \text{{{self.items}, {dropped} dropped}}"), TICK_SIZE
        )

    def whose(self) -> str:
        """The sample in words: "The 50 setosa flowers' sepal length", "The 47 rows with
        section A: hours studied"."""
        p: BootstrapParams = self.params
        n = self.result.sample.size
        if not self.table.from_file:
            return f"The {n} {p.species} flowers' {_feature(p.feature)}"
        where = f" with {p.group_column} {p.group}" if p.group_column else ""
        return f"The {p.feature} of {n} rows{where} in {self.table.source.name}"

    def dropped_sentence(self) -> str:
        note = dropped_note(self.table.source)
        return f" {note}." if note else ""

    # ------------------------------------------------------------------ checks

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        roles = {"sample": sample_colour(), "estimate": PALETTE.text}
        if beat in ("resamples", "all", "intervals"):
            roles["not drawn"] = undrawn_colour()
            roles["bootstrap statistics"] = boot_colour()
        if beat == "intervals":
            roles["percentile interval"] = percentile_colour()
            roles["t interval"] = t_colour()
        return roles

    def invariants(self, beat: str) -> list[Invariant]:
        pic = self.picture
        d = self.data
        strip = pic.strip
        xs = strip.plot.p2c(dot_centres(pic.sample_dots))[:, 0]
        out = [
            Invariant(
                "a dot per flower at its value",
                np.sort(xs),
                np.sort(d["sample"]),
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "the estimate tick at the sample's statistic",
                float(strip.plot.p2c(strip.estimate_tick.get_start())[0]),
                d["estimate"],
                atol=GEOMETRY_ATOL,
            ),
        ]
        if beat == "resamples":
            dots, _grey, _tick = self.resample_marks
            values = strip.plot.p2c(dot_centres(dots))[:, 0]
            last = np.asarray(d["sample"])[d["shown_resamples"][-1]]
            out.append(
                Invariant(
                    "the resample row holds the last resample's values",
                    np.sort(values),
                    np.sort(last),
                    atol=GEOMETRY_ATOL,
                )
            )
            out.append(
                Invariant(
                    "dropped dots at the shown statistics",
                    [float(pic.hist.p2c(dot_centres(m))[0, 0]) for m in pic.drops],
                    d["shown_statistics"],
                    atol=GEOMETRY_ATOL,
                )
            )
        if beat in ("all", "intervals"):
            m = pic.bars.measured()
            out += [
                Invariant(
                    "bars' heights are the bin counts", m[:, 2], d["bin_counts"], atol=GEOMETRY_ATOL
                ),
                Invariant("bars' left edges", m[:, 0], d["bin_edges"][:-1], atol=GEOMETRY_ATOL),
                Invariant("bars' right edges", m[:, 1], d["bin_edges"][1:], atol=GEOMETRY_ATOL),
                Invariant(
                    "every resample counted",
                    float(m[:, 2].sum()),
                    d["resamples"],
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "estimate line",
                    float(pic.hist.p2c(pic.estimate_line.get_start())[0]),
                    d["estimate"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        if beat == "intervals":
            for name, bar, want in (
                ("percentile", pic.percentile_bar, d["percentile_interval"]),
                ("t", pic.t_bar, d["mean_t_interval"]),
            ):
                ends = sorted(float(pic.hist.p2c(t.get_center())[0]) for t in bar[-2:])
                out.append(Invariant(f"{name} interval's ends", ends, want, atol=GEOMETRY_ATOL))
        return out


def interval_bar(plot: Plot, iv: tuple[float, float], y: float, colour: str) -> VGroup:
    """An interval at height ``y``: a thick line (left out when the ends are equal) and
    an end tick at each end (so equal ends still show)."""
    a, b = plot.c2p(iv[0], y), plot.c2p(iv[1], y)
    group = VGroup()
    if np.linalg.norm(b - a) > 1e-9:
        group.add(Line(a, b, stroke_color=colour, stroke_width=7))
    for end in (a, b):
        group.add(Line(end + 0.13 * DOWN, end + 0.13 * UP, stroke_color=colour, stroke_width=5))
    return group


def interval_label(plot: Plot, iv: tuple[float, float], y: float) -> Mobject:
    """The interval's numbers beside its right end, or its left end if no room."""
    text = rf"[{latex_number(iv[0], 3)},\ {latex_number(iv[1], 3)}]"
    label = formula_row(text, PALETTE.text, size=TICK_SIZE)
    right = plot.c2p(iv[1], y)
    label.next_to(right, RIGHT, buff=0.15)
    limit = float(plot.c2p(plot.x_hi, 0.0)[0]) + 1.85
    if label.get_right()[0] > limit:
        label.next_to(plot.c2p(iv[0], y), LEFT, buff=0.15)
    return label


def _feature(name: str) -> str:
    return name.replace("_", " ")


def _row(tex: str, color: str | None = None) -> Mobject:
    """A panel row of words and math in LaTeX, at the size of small math."""
    return formula_row(tex, color or PALETTE.text, size=TICK_SIZE)
