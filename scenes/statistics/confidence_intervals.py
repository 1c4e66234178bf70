"""What 95% confidence means.

Render it with plain Manim:
``manim -pql scenes/statistics/confidence_intervals.py ConfidenceIntervals``.
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
    DashedLine,
    FadeIn,
    Line,
    Mobject,
    Polygon,
    Text,
    VGroup,
    VMobject,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/statistics/confidence_intervals.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import distributions, inference
from mlmath_viz.random import generator
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    dot_cloud,
    formula_row,
    legend_row,
    line_swatch,
    panel_title,
    panel_top,
    plot_box,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.standard import MIN_LINE_PX, MIN_POINT_PX, px_per_unit
from scenes.kit.style import (
    GEOMETRY_ATOL,
    PALETTE,
    TICK_SIZE,
    panel_left,
)
from scenes.statistics.params import ConfidenceIntervalsParams


def truth_colour() -> str:
    """The true mean's line: Okabe-Ito bluish green, apart from the intervals' purple
    in every vision (sky blue is 5 from it in deuteranopia)."""
    return PALETTE.series[2]


def miss_colour() -> str:
    return PALETTE.rejected


def cover_colour() -> str:
    return PALETTE.interval


#: Pixels (480p) of background left on each side of the true-mean line: a miss that
#: ends closer than that to the line is seen to stop short of it.
HALO_PX = 2.5


@dataclass
class IntervalsPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    bars: VGroup  # interval k is a horizontal bar at height k + 1, cut at the axis' ends
    means: VMobject  # the sample means on the axis, one dot per bar
    truth_line: DashedLine  # at the true mean
    halo: Line  # the background under the true-mean line, over the misses
    miss_marks: VGroup  # a triangle left of each miss, one per miss in order
    cut_tips: VGroup  # an arrowhead at each end cut at the axis (the bar goes on)
    cut: list[tuple[bool, bool]]  # per bar: lower end cut, upper end cut


@dataclass(frozen=True)
class CoverageStory:
    """What the coverage means this time: the panel's verdict and the captions' words."""

    verdict: str  # LaTeX rows separated by |
    close: str  # how the coverage compares with the level
    meaning: str  # the last beat's caption


@dataclass
class IntervalsPanel:
    """The panel's rows; ``box`` is the current coverage count, kept at ``anchor``."""

    title: Mobject
    setup: VGroup
    formula: Mobject
    legend: VGroup
    box: Text
    anchor: np.ndarray
    verdict: VGroup


class ConfidenceIntervals(MathScene):
    """What 95% confidence means.

    One hundred samples from the same population each give a t interval for the
    mean; most of them cover the true mean, the ones that miss it turn red, and the
    share that covers it settles near the confidence level.
    """

    params_type = ConfidenceIntervalsParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: ConfidenceIntervalsParams = self.params
        dist = distributions.make(p.distribution)
        samples = dist.sample(p.intervals * p.n, generator(p.seed)).reshape(p.intervals, p.n)
        runs = inference.repeated_t_intervals(samples, dist.mean, p.level)
        self.data = self.sidecar(dist, runs)
        self.picture = self.build_plot(dist, runs)
        story = self.tell_coverage(dist, runs)
        panel = self.build_panel(dist, story)
        self.show_recipe(dist, panel)
        self.show_intervals(runs, story, panel)
        self.explain_level(story, panel)

    def sidecar(
        self, dist: distributions.Distribution, runs: inference.IntervalRuns
    ) -> dict[str, object]:
        p: ConfidenceIntervalsParams = self.params
        return {
            "distribution": dist.name,
            "true_mean": dist.mean,
            "n": p.n,
            "level": p.level,
            "intervals_lower": runs.lower.tolist(),
            "intervals_upper": runs.upper.tolist(),
            "sample_means": runs.means.tolist(),
            "covers": [bool(c) for c in runs.covers],
            "covered": int(runs.covers.sum()),
            "coverage": runs.coverage,
        }

    def build_plot(
        self, dist: distributions.Distribution, runs: inference.IntervalRuns
    ) -> IntervalsPicture:
        """Interval k as a horizontal bar at height k + 1, red when it misses the mean."""
        k_total = self.params.intervals
        lo, hi = axis_span(runs.lower, runs.upper, dist.mean)
        pad = 0.05 * (hi - lo)
        left, right, bottom, top = plot_box()
        plot = Plot(
            lo - pad,
            hi + pad,
            k_total + 1,
            box=(left + 0.22, right, bottom, top),  # room for the miss marks on the left
            show_y=False,
            x_title=r"\mu",
            x_ticks=8,
        )
        # Bars as thick as a row allows (at least 2 px at 480p); mean dots a little wider.
        scale = px_per_unit(self)
        pitch_px = float(plot.c2p(0.0, 1.0)[1] - plot.c2p(0.0, 0.0)[1]) * scale
        stroke_px = min(3.0, max(MIN_LINE_PX + 0.05, 0.65 * pitch_px))
        width = stroke_px / (0.01 * scale)
        dot_width = max(MIN_POINT_PX + 0.3, stroke_px + 1.2) / (0.01 * scale)
        bars, tips, cut = VGroup(), VGroup(), []
        for k in range(k_total):
            color = cover_colour() if runs.covers[k] else miss_colour()
            a = min(max(float(runs.lower[k]), plot.x_lo), plot.x_hi)
            b = min(max(float(runs.upper[k]), plot.x_lo), plot.x_hi)
            bar = Line(
                plot.c2p([a], [k + 1])[0],
                plot.c2p([b], [k + 1])[0],
                stroke_color=color,
                stroke_width=width,
            )
            bar.set_z_index(2 if runs.covers[k] else 0)
            bars.add(bar)
            cut.append((bool(runs.lower[k] < plot.x_lo), bool(runs.upper[k] > plot.x_hi)))
            for end, side, is_cut in ((a, LEFT, cut[-1][0]), (b, RIGHT, cut[-1][1])):
                if is_cut:
                    tips.add(_tip(plot.c2p([end], [k + 1])[0], side, color, bar.z_index))
        on_axis = (runs.means >= plot.x_lo) & (runs.means <= plot.x_hi)
        rows = np.arange(1, k_total + 1)
        means = dot_cloud(
            plot.c2p(runs.means[on_axis], rows[on_axis]), PALETTE.text, width=dot_width
        )
        means.set_z_index(3)
        y0, y1 = plot.c2p(dist.mean, 0.0), plot.c2p(dist.mean, k_total + 1)
        line_w = 4.0
        truth_line = DashedLine(y0, y1, stroke_color=truth_colour(), stroke_width=line_w)
        truth_line.set_z_index(4)
        halo = Line(
            y0,
            y1,
            stroke_color=PALETTE.background,
            stroke_width=line_w + 2 * HALO_PX / (0.01 * scale),
        )
        halo.set_z_index(1)
        marks = VGroup()
        x_mark = float(plot.c2p(plot.x_lo, 0.0)[0]) - 0.14
        size = min(0.14, 0.9 * (plot.c2p(0.0, 1.0)[1] - plot.c2p(0.0, 0.0)[1]) + 0.06)
        for k in np.flatnonzero(~runs.covers):
            y = float(plot.c2p(0.0, k + 1)[1])
            marks.add(_tip(np.array([x_mark + size, y, 0.0]), RIGHT, miss_colour(), 0, size))
        return IntervalsPicture(plot, bars, means, truth_line, halo, marks, tips, cut)

    def tell_coverage(
        self, dist: distributions.Distribution, runs: inference.IntervalRuns
    ) -> CoverageStory:
        """Whether the coverage is the level up to binomial noise, short of it because
        the data are skewed, or off by chance."""
        p: ConfidenceIntervalsParams = self.params
        k_total = p.intervals
        pct = format_number(100 * p.level, 1)
        got = format_number(100 * runs.coverage, 1)
        # Binomial noise: k_total intervals each cover with probability `level`.
        noise = 2.5 * math.sqrt(p.level * (1 - p.level) / k_total)
        if abs(runs.coverage - p.level) <= noise:
            return CoverageStory(
                rf"\text{{about {pct}\% of intervals}}"
                r"|\text{cover}\ \mu\text{; each one either}|\text{does or does not}",
                f"close to {pct}%",
                f"The {pct}% is a property of the recipe, not of one interval: about {pct} in "
                "100 intervals made this way cover the true mean.",
            )
        if dist.name == "exponential" and runs.coverage < p.level:
            return CoverageStory(
                rf"\text{{only {got}\% cover}}\ \mu\text{{: the}}\ t"
                r"|\text{recipe assumes normal}|\text{data;}\ \mathrm{Exp}(1)\ \text{is skewed}",
                f"well below the promised {pct}%",
                f"The t interval's {pct}% assumes normal data; with samples of {p.n} from the "
                f"skewed Exp(1) only {got}% of the intervals cover the true mean.",
            )
        return CoverageStory(
            rf"\text{{{got}\% cover}}\ \mu\ \text{{this time;}}"
            rf"|\text{{the recipe promises {pct}\%}}|\text{{on average}}",
            f"away from {pct}% by chance",
            f"The {pct}% is an average over many repetitions of the recipe; this set of "
            f"{k_total} intervals happened to reach {got}%.",
        )

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        """The roles on screen at ``beat``'s end, one colour each."""
        roles = {"covers": cover_colour(), "misses": miss_colour(), "true mean": truth_colour()}
        if beat in ("intervals", "meaning"):
            roles["sample means"] = PALETTE.text
        return roles

    def readout(self, shown: int) -> Text:
        """How many of the first ``shown`` intervals cover the mean."""
        c = sum(self.data["covers"][:shown])
        share = format_number(100 * c / shown, 1) if shown else "0"
        # "covered: 188 of 200 (94.5%)" would be wider than the title-safe room
        return text_row(f"{c} of {shown} cover ({share}%)", PALETTE.interval)

    def build_panel(self, dist: distributions.Distribution, story: CoverageStory) -> IntervalsPanel:
        p: ConfidenceIntervalsParams = self.params
        pct = format_number(100 * p.level, 1)
        title = panel_title("Confidence intervals")
        setup = VGroup(
            _row(rf"{p.intervals}\ \text{{samples of}}\ n = {p.n}"),
            _row(
                rf"\text{{from}}\ {_population_tex(dist)},\ \text{{mean}}\ "
                rf"\mu = {latex_number(dist.mean)}",
                PALETTE.muted,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        formula = formula_row(rf"{pct}\%:\ \bar x \pm t_{{n-1}}\, s/\sqrt{{n}}", PALETTE.text)
        miss_swatch = VGroup(
            _tip(np.array([0.0, 0.0, 0.0]), RIGHT, miss_colour(), 0, 0.14),
            line_swatch(miss_colour()),
        ).arrange(RIGHT, buff=0.08)
        legend = VGroup(
            legend_row(line_swatch(cover_colour()), _row(r"\text{interval covers}\ \mu")),
            legend_row(miss_swatch, _row(r"\text{misses}\ \mu")),
            legend_row(
                DashedLine(LEFT * 0.15, RIGHT * 0.15, stroke_color=truth_colour(), stroke_width=4),
                _row(r"\text{true mean}\ \mu"),
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        box = self.readout(p.intervals)
        verdict = VGroup(*(_row(line) for line in story.verdict.split("|"))).arrange(
            DOWN, aligned_edge=LEFT, buff=0.1
        )
        stack(
            [title, setup, formula, legend, box, verdict],
            top=panel_top(),
            left=panel_left(),
            gap=0.3,
        )
        anchor = box.get_corner(UP + LEFT)
        return IntervalsPanel(title, setup, formula, legend, box, anchor, verdict)

    def show_recipe(self, dist: distributions.Distribution, panel: IntervalsPanel) -> None:
        # The viewer learns the recipe and the true mean it tries to catch.
        p: ConfidenceIntervalsParams = self.params
        pct = format_number(100 * p.level, 1)
        pic = self.picture
        self.beat(
            "recipe",
            f"Draw {p.intervals} samples of n = {p.n} from {_population(dist)}; each gives the "
            f"interval sample mean ± t times s/√n, meant to catch the true mean, "
            f"{format_number(dist.mean)}, {pct}% of the time.",
        )
        self.play(FadeIn(pic.plot.group()), FadeIn(panel.title), FadeIn(panel.setup), run_time=1.0)
        self.add(pic.halo)
        self.play(Create(pic.truth_line), FadeIn(panel.formula), FadeIn(panel.legend), run_time=1.0)

    def show_intervals(
        self, runs: inference.IntervalRuns, story: CoverageStory, panel: IntervalsPanel
    ) -> None:
        # The viewer sees the intervals arrive in batches, the misses in red, and the
        # coverage count follow.
        k_total = self.params.intervals
        pic = self.picture
        got = format_number(100 * runs.coverage, 1)
        missed = k_total - self.data["covered"]
        self.beat(
            "intervals",
            f"{self.data['covered']} of {k_total} intervals cover the true mean and "
            f"{missed} miss it (red, with a triangle beside them): coverage {got}%, "
            f"{story.close}.",
        )
        batches = 10
        cuts = [round(j * k_total / batches) for j in range(batches + 1)]
        panel.box = self.readout(0).move_to(panel.anchor, aligned_edge=UP + LEFT)
        self.add(panel.box)
        for j in range(batches):
            chunk = range(cuts[j], cuts[j + 1])
            self.remove(panel.box)
            panel.box = self.readout(cuts[j + 1]).move_to(panel.anchor, aligned_edge=UP + LEFT)
            self.add(panel.box)
            misses = [int(m) for m in np.flatnonzero(~np.array(self.data["covers"]))]
            new_marks = [pic.miss_marks[misses.index(k)] for k in chunk if k in misses]
            new_tips = [
                tip for tip, k in zip(pic.cut_tips, _cut_rows(pic.cut), strict=True) if k in chunk
            ]
            self.play(
                *(Create(pic.bars[k]) for k in chunk),
                *(FadeIn(m) for m in new_marks + new_tips),
                run_time=0.6,
            )
        self.play(FadeIn(pic.means), run_time=0.6)

    def explain_level(self, story: CoverageStory, panel: IntervalsPanel) -> None:
        # The viewer learns what the level means: a property of the recipe.
        self.beat(
            "meaning",
            story.meaning,
        )
        self.play(FadeIn(panel.verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Each bar spans its interval (cut at the axis' ends, with an arrowhead there)
        and is red, with a mark beside it, exactly when it misses the mean."""
        if beat not in ("intervals", "meaning"):
            return []
        pic = self.picture
        plot = pic.plot
        ends = np.array([[plot.p2c(b.get_start())[0], plot.p2c(b.get_end())[0]] for b in pic.bars])
        red = np.array(
            [b.get_stroke_color().to_hex().lower() == miss_colour().lower() for b in pic.bars]
        )
        lower = np.asarray(self.data["intervals_lower"])
        upper = np.asarray(self.data["intervals_upper"])
        cut = np.array(pic.cut, dtype=bool).reshape(-1, 2)
        mark_rows = [round(float(plot.p2c(m.get_center())[1])) - 1 for m in pic.miss_marks]
        return [
            Invariant(
                "bars start at the lower ends (or the axis' left end)",
                ends[:, 0],
                np.clip(lower, plot.x_lo, plot.x_hi),
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "bars end at the upper ends (or the axis' right end)",
                ends[:, 1],
                np.clip(upper, plot.x_lo, plot.x_hi),
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "a cut end is an end beyond the axis",
                cut.astype(float),
                np.column_stack([lower < plot.x_lo, upper > plot.x_hi]).astype(float),
                atol=0,
            ),
            Invariant("an arrowhead at every cut end", len(pic.cut_tips), int(cut.sum()), atol=0),
            Invariant(
                "a miss mark beside every miss",
                mark_rows,
                np.flatnonzero(~np.array(self.data["covers"])).tolist(),
                atol=0,
            ),
            Invariant(
                "red = misses the mean",
                red.astype(float),
                (~np.array(self.data["covers"])).astype(float),
                atol=0,
            ),
            Invariant(
                "true-mean line",
                plot.p2c(pic.truth_line.get_start())[0],
                self.data["true_mean"],
                atol=GEOMETRY_ATOL,
            ),
        ]


def _population(dist: distributions.Distribution) -> str:
    return "N(0, 1)" if dist.name == "normal" else "Exp(1)"


def _population_tex(dist: distributions.Distribution) -> str:
    return r"N(0, 1)" if dist.name == "normal" else r"\mathrm{Exp}(1)"


def _row(tex: str, color: str | None = None) -> Mobject:
    """A panel row of words and math in LaTeX, at the size of small math."""
    return formula_row(tex, color or PALETTE.text, size=TICK_SIZE)


def _tip(at: np.ndarray, side: np.ndarray, color: str, z: int, size: float = 0.12) -> Polygon:
    """A filled triangle with its point at ``at``, pointing to ``side``."""
    back, across = -side * size, UP * size * 0.55
    tip = Polygon(at, at + back + across, at + back - across, stroke_width=0)
    tip.set_fill(color, opacity=1.0).set_z_index(z)
    return tip


def _cut_rows(cut: list[tuple[bool, bool]]) -> list[int]:
    """The bar of each arrowhead, in the order they are made."""
    return [k for k, ends in enumerate(cut) for is_cut in ends if is_cut]


def axis_span(lower: np.ndarray, upper: np.ndarray, truth: float) -> tuple[float, float]:
    """The span of the x axis: every interval end, unless a few long intervals would
    squeeze the rest (skewed data): then the middle 90% of the ends and a margin of 15%
    of that, the longer bars cut at the axis' ends. Always holds the true mean."""
    lo_all, hi_all = float(lower.min()), float(upper.max())
    lo_b, hi_b = float(np.quantile(lower, 0.05)), float(np.quantile(upper, 0.95))
    margin = 0.15 * (hi_b - lo_b)
    lo, hi = max(lo_all, lo_b - margin), min(hi_all, hi_b + margin)
    return min(lo, truth), max(hi, truth)
