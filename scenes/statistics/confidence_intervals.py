"""What 95% confidence means.

Render it with plain Manim:
``manim -pql scenes/statistics/confidence_intervals.py ConfidenceIntervals``.
"""

from __future__ import annotations

import math
import sys
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
    Text,
    VGroup,
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
        covers = runs.covers
        k_total = p.intervals
        self.data = {
            "distribution": dist.name,
            "true_mean": dist.mean,
            "n": p.n,
            "level": p.level,
            "intervals_lower": runs.lower.tolist(),
            "intervals_upper": runs.upper.tolist(),
            "sample_means": runs.means.tolist(),
            "covers": [bool(c) for c in covers],
            "covered": int(covers.sum()),
            "coverage": runs.coverage,
        }
        self.runs = runs

        # -- Layout: interval k is a horizontal bar at height k.
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
        self.plot = plot
        width = max(1.5, min(4.0, 240 / k_total))
        bars = VGroup()
        for k in range(k_total):
            color = PALETTE.interval if covers[k] else PALETTE.rejected
            bars.add(
                Line(
                    plot.c2p([runs.lower[k]], [k + 1])[0],
                    plot.c2p([runs.upper[k]], [k + 1])[0],
                    stroke_color=color,
                    stroke_width=width,
                )
            )
        self.bars = bars
        means = dot_cloud(
            plot.c2p(runs.means, np.arange(1, k_total + 1)), PALETTE.text, width=width + 2
        )
        truth_line = DashedLine(
            plot.c2p(dist.mean, 0.0),
            plot.c2p(dist.mean, k_total + 1),
            stroke_color=PALETTE.accent,
            stroke_width=3,
        )
        self.truth_line = truth_line

        # -- Panel.
        left = panel_left()
        pct = format_number(100 * p.level, 1)
        population = "N(0, 1)" if dist.name == "normal" else "Exp(1)"
        title = panel_title("Confidence intervals")
        setup = VGroup(
            text_row(f"{k_total} samples of n = {p.n}"),
            text_row(f"from {population}, mean μ = {format_number(dist.mean)}", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        formula = formula_row(rf"{pct}\%:\ \bar x \pm t_{{n-1}}\, s/\sqrt{{n}}", PALETTE.text)
        legend = VGroup(
            legend_row(line_swatch(PALETTE.interval), "interval covers μ"),
            legend_row(line_swatch(PALETTE.rejected), "misses μ"),
            legend_row(line_swatch(PALETTE.accent), "true mean μ"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)

        def readout(shown: int) -> Text:
            c = int(covers[:shown].sum())
            share = format_number(100 * c / shown, 1) if shown else "0"
            return text_row(f"covered: {c} of {shown} ({share}%)", PALETTE.interval)

        box = readout(k_total)
        got = format_number(100 * runs.coverage, 1)
        # Binomial noise: k_total intervals each cover with probability `level`.
        noise = 2.5 * math.sqrt(p.level * (1 - p.level) / k_total)
        consistent = abs(runs.coverage - p.level) <= noise
        if consistent:
            verdict_text = f"about {pct}% of intervals\ncover μ; each one either\ndoes or does not"
            close = f"close to {pct}%"
            meaning = (
                f"The {pct}% is a property of the recipe, not of one interval: about {pct} in "
                "100 intervals made this way cover the true mean."
            )
        elif dist.name == "exponential" and runs.coverage < p.level:
            verdict_text = (
                f"only {got}% cover μ: the\nt recipe assumes normal\ndata; Exp(1) is skewed"
            )
            close = f"well below the promised {pct}%"
            meaning = (
                f"The t interval's {pct}% assumes normal data; with samples of {p.n} from the "
                f"skewed Exp(1) only {got}% of the intervals cover the true mean."
            )
        else:
            verdict_text = f"{got}% cover μ this time;\nthe recipe promises {pct}%\non average"
            close = f"away from {pct}% by chance"
            meaning = (
                f"The {pct}% is an average over many repetitions of the recipe; this set of "
                f"{k_total} intervals happened to reach {got}%."
            )
        verdict = Text(verdict_text, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)
        stack([title, setup, formula, legend, box, verdict], top=panel_top(), left=left, gap=0.3)
        anchor = box.get_corner(UP + LEFT)

        # -- Beat 1: the recipe and the truth it tries to catch.
        self.beat(
            "recipe",
            f"Draw {k_total} samples of n = {p.n} from {population}; each gives the interval "
            f"sample mean ± t times s/√n, meant to catch the true mean {format_number(dist.mean)}"
            f" {pct}% of the time.",
        )
        self.play(FadeIn(plot.group()), FadeIn(title), FadeIn(setup), run_time=1.0)
        self.play(Create(truth_line), FadeIn(formula), FadeIn(legend), run_time=1.0)

        # -- Beat 2: intervals appear in batches; the coverage count follows.
        missed = k_total - self.data["covered"]
        self.beat(
            "intervals",
            f"{self.data['covered']} of {k_total} intervals cover the true mean and "
            f"{missed} miss it (red): coverage {got}%, {close}.",
        )
        batches = 10
        cuts = [round(j * k_total / batches) for j in range(batches + 1)]
        box = readout(0).move_to(anchor, aligned_edge=UP + LEFT)
        self.add(box)
        for j in range(batches):
            chunk = range(cuts[j], cuts[j + 1])
            self.remove(box)
            box = readout(cuts[j + 1]).move_to(anchor, aligned_edge=UP + LEFT)
            self.add(box)
            self.play(
                *(Create(bars[k]) for k in chunk),
                run_time=0.6,
            )
        self.play(FadeIn(means), run_time=0.6)

        # -- Beat 3: what the level means.
        self.beat(
            "meaning",
            meaning,
        )
        self.play(FadeIn(verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Each bar spans its interval and is red exactly when it misses the mean."""
        if beat not in ("intervals", "meaning"):
            return []
        plot = self.plot
        ends = np.array([[plot.p2c(b.get_start())[0], plot.p2c(b.get_end())[0]] for b in self.bars])
        red = np.array(
            [b.get_stroke_color().to_hex().lower() == PALETTE.rejected.lower() for b in self.bars]
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
                plot.p2c(self.truth_line.get_start())[0],
                self.data["true_mean"],
                atol=GEOMETRY_ATOL,
            ),
        ]
