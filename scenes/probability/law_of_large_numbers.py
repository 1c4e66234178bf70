"""The law of large numbers.

Render it with plain Manim:
``manim -pql scenes/probability/law_of_large_numbers.py LawOfLargeNumbers``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Create,
    DashedLine,
    FadeIn,
    Mobject,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/probability/law_of_large_numbers.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import inference, sampling
from mlmath_viz.random import generators
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    bar_swatch,
    curve_vertices,
    formula_row,
    legend_row,
    line_swatch,
    panel_top,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    CURVE_POINTS,
    GEOMETRY_ATOL,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    TICK_SIZE,
    panel_left,
)
from scenes.probability.common import safe_plot_box
from scenes.probability.params import LawOfLargeNumbersParams


@dataclass(frozen=True)
class Experiment:
    """A fair die or a fair coin: its moments, the plot's top and how to say it."""

    mu: float
    sigma: float
    y_top: float
    what: str  # "rolls" or "flips"
    thing: str  # "a fair die", ... (words only: the panel sets it in plain text)
    draw: Callable[[int, np.random.Generator], np.ndarray]


@dataclass
class RunsPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot  # x is log10 of the number of draws
    band: VMobject  # mu +- 2 sigma / sqrt(n)
    expectation: DashedLine
    curves: VGroup  # one running mean per run, grown by ``reach``
    reach: ValueTracker  # how far (in log10 n) the curves are drawn
    ks: np.ndarray  # the numbers of draws the curves are sampled at
    means: list[np.ndarray]  # each run's running mean after 1..n draws


@dataclass
class RunsPanel:
    """The panel's rows: title, facts, legend and the final means."""

    title: Text
    facts: VGroup
    legend: VGroup
    finals_rows: VGroup


def run_colour(i: int) -> str:
    """Run i's colour: the Okabe-Ito series, in order."""
    return PALETTE.series[i % len(PALETTE.series)]


def expectation_colour() -> str:
    """The expectation line's colour: the theme's text colour, at least 17 CIEDE2000
    from every series colour in both themes and all three visions."""
    return PALETTE.text


class LawOfLargeNumbers(MathScene):
    """The law of large numbers.

    Running means of several independent runs of die rolls (or coin flips) wander at
    first and then settle on the expectation, inside a band that narrows like one over
    the square root of the number of draws.
    """

    params_type = LawOfLargeNumbersParams

    def construct(self) -> None:
        p: LawOfLargeNumbersParams = self.params
        exp = self.choose_experiment()
        means = [inference.running_mean(exp.draw(p.n, g)) for g in generators(p.seed, p.runs)]
        self.data = self.sidecar(exp, means)
        self.picture = self.build_plot(exp, means)
        panel = self.panel = self.build_panel(exp)
        self.show_expectation(exp, panel)
        self.run_means(exp)
        self.give_verdict(exp, panel)

    def choose_experiment(self) -> Experiment:
        if self.params.experiment == "die":
            mu, sigma = sampling.die_moments(6)
            return Experiment(mu, sigma, 6.0, "rolls", "a fair die", sampling.die_rolls)
        mu, sigma = sampling.coin_moments(0.5)
        return Experiment(
            mu,
            sigma,
            1.0,
            "flips",
            "a fair coin (1 for heads)",
            sampling.coin_flips,
        )

    def sidecar(self, exp: Experiment, means: list[np.ndarray]) -> dict[str, object]:
        p: LawOfLargeNumbersParams = self.params
        checkpoints = [k for k in (1, 10, 100, 1000, 10_000, 100_000) if k <= p.n]
        if checkpoints[-1] != p.n:
            checkpoints.append(p.n)
        half_end = float(inference.band_halfwidth(exp.sigma, p.n))
        finals = [float(m[-1]) for m in means]
        return {
            "experiment": p.experiment,
            "expectation": exp.mu,
            "sigma": exp.sigma,
            "n": p.n,
            "runs": p.runs,
            "final_means": finals,
            "band_halfwidth_at_n": half_end,
            "runs_inside_band_at_n": int(sum(abs(f - exp.mu) <= half_end for f in finals)),
            "checkpoints": checkpoints,
            "means_at_checkpoints": [[float(m[k - 1]) for k in checkpoints] for m in means],
        }

    def build_plot(self, exp: Experiment, means: list[np.ndarray]) -> RunsPicture:
        """The log-n plot with the band, the expectation line and the growing curves."""
        p: LawOfLargeNumbersParams = self.params
        mu, sigma = exp.mu, exp.sigma
        ks = np.unique(np.round(np.logspace(0, math.log10(p.n), 400)).astype(int))
        log_n = math.log10(p.n)
        plot = Plot(
            0.0,
            log_n,
            exp.y_top,
            box=safe_plot_box(),
            y_title="running mean",
            x_title=r"n",
            x_ticks=max(1, math.ceil(log_n)),
            x_format=_power_of_ten,
        )
        x = np.log10(ks)
        band_x = np.linspace(0.0, log_n, CURVE_POINTS)
        half = inference.band_halfwidth(sigma, 10.0**band_x)
        upper = np.minimum(mu + half, plot.y_hi)
        lower = np.maximum(mu - half, 0.0)
        band = VMobject(stroke_width=0, fill_color=PALETTE.interval, fill_opacity=0.25)
        band.set_points_as_corners(
            plot.c2p(
                np.concatenate([band_x, band_x[::-1], band_x[:1]]),
                np.concatenate([upper, lower[::-1], upper[:1]]),
            )
        )
        # The expectation is drawn in the text colour, outside the runs' series colours
        # (issue 17: it was the same yellow as the fourth run).
        expectation = DashedLine(
            plot.c2p(0.0, mu),
            plot.c2p(plot.x_hi, mu),
            stroke_color=expectation_colour(),
            stroke_width=LINE_WIDTH,
        )
        reach = ValueTracker(0.0)
        curves = VGroup()
        for i, m in enumerate(means):
            y = m[ks - 1]
            curve = VMobject(stroke_color=run_colour(i), stroke_width=LINE_WIDTH)
            curve.set_points_as_corners(plot.c2p(x[:2], y[:2]))

            def grow(c: Mobject, y: np.ndarray = y) -> None:
                upto = max(2, int(np.searchsorted(x, reach.get_value(), side="right")))
                c.set_points_as_corners(plot.c2p(x[:upto], y[:upto]))

            curve.add_updater(grow)
            curves.add(curve)
        return RunsPicture(plot, band, expectation, curves, reach, ks, means)

    def build_panel(self, exp: Experiment) -> RunsPanel:
        p: LawOfLargeNumbersParams = self.params
        title = Text("Law of large numbers", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        facts = VGroup(
            text_row(f"{p.runs} runs of {p.n} {exp.what} of"),
            text_row(exp.thing),
            formula_row(
                rf"\mu = {latex_number(exp.mu)},\ \sigma = {latex_number(exp.sigma)}",
                PALETTE.muted,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        legend = VGroup(
            legend_row(line_swatch(run_colour(0)), "running mean"),
            legend_row(
                line_swatch(expectation_colour()),
                formula_row(r"\text{expectation } \mu", size=TICK_SIZE),
            ),
            legend_row(
                bar_swatch(PALETTE.interval),
                formula_row(r"\mu \pm 2\sigma/\sqrt{n}", size=TICK_SIZE),
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        finals_rows = VGroup(
            text_row(f"after {p.n} {exp.what}:"),
            *(
                text_row(f"run {i + 1}: {format_number(f, 3)}", run_colour(i))
                for i, f in enumerate(self.data["final_means"])
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        stack([title, facts, legend, finals_rows], top=panel_top(), left=panel_left(), gap=0.3)
        return RunsPanel(title, facts, legend, finals_rows)

    def show_expectation(self, exp: Experiment, panel: RunsPanel) -> None:
        # The viewer learns the target: the expectation, and a band that narrows with n.
        pic = self.picture
        self.beat(
            "expectation",
            f"The expectation of {exp.thing} is {format_number(exp.mu)}; the shaded band, "
            f"μ ± 2σ/√n, narrows as the number of {exp.what} n grows (x axis in powers of ten).",
        )
        self.play(
            FadeIn(pic.plot.group()),
            FadeIn(panel.title),
            FadeIn(panel.facts),
            FadeIn(panel.legend),
            run_time=1.0,
        )
        self.play(FadeIn(pic.band), Create(pic.expectation), run_time=1.0)

    def run_means(self, exp: Experiment) -> None:
        # The viewer watches each run's running mean wander early on, then settle.
        p: LawOfLargeNumbersParams = self.params
        pic = self.picture
        spread = max(abs(f - exp.mu) for f in self.data["final_means"])
        self.beat(
            "runs",
            f"Each run's running mean wanders early on, then settles: after {p.n} {exp.what} "
            f"every run is within {format_number(spread, 3)} of {format_number(exp.mu)}.",
        )
        self.add(pic.curves)
        self.play(pic.reach.animate.set_value(math.log10(p.n)), run_time=6.0, rate_func=linear)
        for c in pic.curves:
            c.clear_updaters()
        x = np.log10(pic.ks)
        for c, m in zip(pic.curves, pic.means, strict=True):
            c.set_points_as_corners(pic.plot.c2p(x, m[pic.ks - 1]))

    def give_verdict(self, exp: Experiment, panel: RunsPanel) -> None:
        # The viewer reads the final means and how many lie inside the band.
        p: LawOfLargeNumbersParams = self.params
        inside = self.data["runs_inside_band_at_n"]
        self.beat(
            "verdict",
            f"After {p.n} {exp.what} the means are "
            + ", ".join(format_number(f, 3) for f in self.data["final_means"])
            + f"; {inside} of {p.runs} lie inside μ ± 2σ/√n = {format_number(exp.mu)} ± "
            f"{format_number(self.data['band_halfwidth_at_n'], 3)}.",
        )
        self.play(FadeIn(panel.finals_rows), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Each curve ends at its run's mean after n draws and follows its running mean;
        the band's edge at n is 2 sigma / sqrt(n) from the expectation."""
        pic = self.picture
        plot = pic.plot
        checks = [
            Invariant(
                "expectation line",
                plot.p2c(pic.expectation.get_start())[1],
                self.data["expectation"],
                atol=GEOMETRY_ATOL,
            ),
        ]
        if beat in ("runs", "verdict"):
            for i, (curve, m) in enumerate(zip(pic.curves, pic.means, strict=True)):
                pts = plot.p2c(curve_vertices(curve))
                checks.append(
                    Invariant(
                        f"run {i + 1} follows its running mean",
                        pts[:, 1],
                        m[pic.ks - 1],
                        atol=GEOMETRY_ATOL,
                    )
                )
                checks.append(
                    Invariant(
                        f"run {i + 1} ends at its final mean",
                        pts[-1],
                        [math.log10(self.data["n"]), self.data["final_means"][i]],
                        atol=GEOMETRY_ATOL,
                    )
                )
            band = plot.p2c(curve_vertices(pic.band))
            at_n = band[np.isclose(band[:, 0], math.log10(self.data["n"]))][:, 1]
            mu, half = self.data["expectation"], self.data["band_halfwidth_at_n"]
            checks.append(
                Invariant(
                    "band at n = mu +- 2 sigma / sqrt(n)",
                    [at_n.max(), at_n.min()],
                    [min(mu + half, plot.y_hi), max(mu - half, 0.0)],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks


def _power_of_ten(v: float) -> str:
    k = round(v)
    return {0: "1", 1: "10", 2: "100", 3: "1000"}.get(k, rf"10^{{{k}}}")
