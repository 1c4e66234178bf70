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
    UP,
    Create,
    DashedLine,
    FadeIn,
    Line,
    Mobject,
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
from scenes.kit.numbers import format_number
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
from scenes.kit.style import GEOMETRY_ATOL, PALETTE, TEXT_SIZE, panel_left
from scenes.statistics.params import ConfidenceIntervalsParams


@dataclass
class IntervalsPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    bars: VGroup  # interval k is a horizontal bar at height k + 1
    means: VMobject  # the sample means, one dot per bar
    truth_line: DashedLine  # at the true mean


@dataclass(frozen=True)
class CoverageStory:
    """What the coverage means this time: the panel's verdict and the captions' words."""

    verdict: str
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
    verdict: Text


class ConfidenceIntervals(MathScene):
    """What 95% confidence means.

    One hundred samples from the same population each give a t interval for the
    mean; most of them cover the true mean, the ones that miss it turn red, and the
    share that covers it settles near the confidence level.
    """

    params_type = ConfidenceIntervalsParams

    def construct(self) -> None:
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
        lo, hi = float(runs.lower.min()), float(runs.upper.max())
        pad = 0.05 * (hi - lo)
        plot = Plot(
            lo - pad,
            hi + pad,
            k_total + 1,
            box=plot_box(),
            show_y=False,
            x_title=r"\mu",
            x_ticks=6,
        )
        width = max(1.5, min(4.0, 240 / k_total))
        bars = VGroup()
        for k in range(k_total):
            color = PALETTE.interval if runs.covers[k] else PALETTE.rejected
            bars.add(
                Line(
                    plot.c2p([runs.lower[k]], [k + 1])[0],
                    plot.c2p([runs.upper[k]], [k + 1])[0],
                    stroke_color=color,
                    stroke_width=width,
                )
            )
        means = dot_cloud(
            plot.c2p(runs.means, np.arange(1, k_total + 1)), PALETTE.text, width=width + 2
        )
        truth_line = DashedLine(
            plot.c2p(dist.mean, 0.0),
            plot.c2p(dist.mean, k_total + 1),
            stroke_color=PALETTE.accent,
            stroke_width=3,
        )
        return IntervalsPicture(plot, bars, means, truth_line)

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
                f"about {pct}% of intervals\ncover μ; each one either\ndoes or does not",
                f"close to {pct}%",
                f"The {pct}% is a property of the recipe, not of one interval: about {pct} in "
                "100 intervals made this way cover the true mean.",
            )
        if dist.name == "exponential" and runs.coverage < p.level:
            return CoverageStory(
                f"only {got}% cover μ: the\nt recipe assumes normal\ndata; Exp(1) is skewed",
                f"well below the promised {pct}%",
                f"The t interval's {pct}% assumes normal data; with samples of {p.n} from the "
                f"skewed Exp(1) only {got}% of the intervals cover the true mean.",
            )
        return CoverageStory(
            f"{got}% cover μ this time;\nthe recipe promises {pct}%\non average",
            f"away from {pct}% by chance",
            f"The {pct}% is an average over many repetitions of the recipe; this set of "
            f"{k_total} intervals happened to reach {got}%.",
        )

    def readout(self, shown: int) -> Text:
        """How many of the first ``shown`` intervals cover the mean."""
        c = sum(self.data["covers"][:shown])
        share = format_number(100 * c / shown, 1) if shown else "0"
        return text_row(f"covered: {c} of {shown} ({share}%)", PALETTE.interval)

    def build_panel(self, dist: distributions.Distribution, story: CoverageStory) -> IntervalsPanel:
        p: ConfidenceIntervalsParams = self.params
        pct = format_number(100 * p.level, 1)
        title = panel_title("Confidence intervals")
        setup = VGroup(
            text_row(f"{p.intervals} samples of n = {p.n}"),
            text_row(
                f"from {_population(dist)}, mean μ = {format_number(dist.mean)}", PALETTE.muted
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        formula = formula_row(rf"{pct}\%:\ \bar x \pm t_{{n-1}}\, s/\sqrt{{n}}", PALETTE.text)
        legend = VGroup(
            legend_row(line_swatch(PALETTE.interval), "interval covers μ"),
            legend_row(line_swatch(PALETTE.rejected), "misses μ"),
            legend_row(line_swatch(PALETTE.accent), "true mean μ"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        box = self.readout(p.intervals)
        verdict = Text(story.verdict, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)
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
            f"interval sample mean ± t times s/√n, meant to catch the true mean "
            f"{format_number(dist.mean)} {pct}% of the time.",
        )
        self.play(FadeIn(pic.plot.group()), FadeIn(panel.title), FadeIn(panel.setup), run_time=1.0)
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
            f"{missed} miss it (red): coverage {got}%, {story.close}.",
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
            self.play(
                *(Create(pic.bars[k]) for k in chunk),
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
        """Each bar spans its interval and is red exactly when it misses the mean."""
        if beat not in ("intervals", "meaning"):
            return []
        pic = self.picture
        plot = pic.plot
        ends = np.array([[plot.p2c(b.get_start())[0], plot.p2c(b.get_end())[0]] for b in pic.bars])
        red = np.array(
            [b.get_stroke_color().to_hex().lower() == PALETTE.rejected.lower() for b in pic.bars]
        )
        return [
            Invariant(
                "bars start at the lower ends",
                ends[:, 0],
                self.data["intervals_lower"],
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "bars end at the upper ends",
                ends[:, 1],
                self.data["intervals_upper"],
                atol=GEOMETRY_ATOL,
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
