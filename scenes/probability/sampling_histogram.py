"""Draws pile into a histogram.

Render it with plain Manim:
``manim -pql scenes/probability/sampling_histogram.py SamplingHistogram``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ChangeDecimalToValue,
    Create,
    FadeIn,
    FadeOut,
    Integer,
    Mobject,
    VGroup,
    VMobject,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/probability/sampling_histogram.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import distributions, inference
from mlmath_viz.random import generator
from scenes.kit.builders import stack
from scenes.kit.histogram import Bars, morph_bars
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    bar_swatch,
    curve_vertices,
    dot_cloud,
    formula_row,
    legend_row,
    line_swatch,
    panel_top,
    plot_curve,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    CURVE_POINTS,
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    LABEL_SIZE,
    PALETTE,
    TICK_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.probability.common import (
    POINT_WIDTH,
    plain_label,
    safe_plot_box,
    stage_sizes,
)
from scenes.probability.counter import CountingInteger
from scenes.probability.params import SamplingHistogramParams


def _density_points(dist: distributions.Distribution, lo: float, hi: float) -> np.ndarray:
    """x values for a density curve: a fine grid plus exact jumps at a uniform's ends."""
    xs = np.linspace(lo, hi, CURVE_POINTS)
    if dist.name == "uniform":
        eps = 1e-9 * (dist.p2 - dist.p1)
        jumps = [dist.p1 - eps, dist.p1, dist.p2, dist.p2 + eps]
        xs = np.unique(np.concatenate([xs, jumps]))
    return xs


#: One stage of the pile: the first ``n`` draws, their histogram and KS test.
Stage = tuple[int, inference.Histogram, float, float]


@dataclass
class HistogramPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    curve: VMobject  # the density over ``curve_x``
    curve_x: np.ndarray
    bars: Bars
    density: Callable[[np.ndarray], np.ndarray]
    stage_heights: dict[int, np.ndarray]  # bar heights after each stage's draws
    #: (phase, n, KS shown): at each bar growth the draw count it grows to and the
    #: count of the KS readout then on screen (None: none), and at each rest the n
    #: readout and the KS readout's count.
    readouts: list[tuple[str, int, int | None]] = field(default_factory=list)


@dataclass
class HistogramPanel:
    """The panel's rows: title, legend, the count n, the KS readout and the verdict."""

    title: Mobject
    legend: VGroup
    n_label: Mobject
    n_value: Integer
    n_row: VGroup
    ks: VGroup
    verdict: VGroup
    ks_n: int | None = None  # the draw count whose KS statistic ``ks`` shows


def _ks_rows(d: float, pv: float) -> VGroup:
    return VGroup(
        formula_row(rf"\text{{KS distance }} D = {latex_number(d, 3)}", size=TICK_SIZE),
        formula_row(rf"p\text{{-value}} = {latex_number(pv, 3)}", PALETTE.muted, TICK_SIZE),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)


class SamplingHistogram(MathScene):
    """Draws pile into a histogram.

    Random draws from a distribution are counted into bars scaled by n times the bar
    width, and as n grows the bars settle onto the density curve drawn over them.
    """

    params_type = SamplingHistogramParams

    def construct(self) -> None:
        p: SamplingHistogramParams = self.params
        dist = distributions.make(p.distribution, *p.distribution_args())
        draws = dist.sample(p.n, generator(p.seed))
        stages = self.count_stages(dist, draws)
        self.data = self.sidecar(dist, draws, stages)
        clouds = self.build_plot(dist, draws, stages)
        panel = self.panel = self.build_panel(dist)
        self.show_density(dist, panel)
        self.pile_up(stages, clouds, panel)
        self.give_verdict(dist, stages[-1], panel)

    def count_stages(self, dist: distributions.Distribution, draws: np.ndarray) -> list[Stage]:
        """The histogram and KS test of the first 250, 1000, ... and all draws."""
        edges = np.linspace(*dist.plot_range(), self.params.bins + 1)
        stages = []
        for k in stage_sizes(self.params.n):
            d, pv = inference.ks_test(draws[:k], dist.cdf)
            stages.append((k, inference.histogram(draws[:k], edges), d, pv))
        return stages

    def sidecar(
        self, dist: distributions.Distribution, draws: np.ndarray, stages: list[Stage]
    ) -> dict[str, object]:
        p: SamplingHistogramParams = self.params
        _, final, d_final, p_final = stages[-1]
        return {
            "distribution": p.distribution,
            "distribution_parameters": list(p.distribution_args()),
            "n": p.n,
            "bin_edges": final.edges.tolist(),
            "counts": final.counts.tolist(),
            "density_heights": final.density.tolist(),
            "outside_bins": final.outside,
            "ks_statistic": d_final,
            "ks_pvalue": p_final,
            "sample_mean": float(draws.mean()),
            "true_mean": dist.mean,
            "stages": [
                {"n": k, "counts": h.counts.tolist(), "ks_statistic": d, "ks_pvalue": pv}
                for k, h, d, pv in stages
            ],
        }

    def build_plot(
        self, dist: distributions.Distribution, draws: np.ndarray, stages: list[Stage]
    ) -> list[VMobject]:
        """The plot with the density and empty bars, and one dot cloud per stage in a
        strip under it (the clouds are returned; the rest goes into ``self.picture``)."""
        p: SamplingHistogramParams = self.params
        lo, hi = dist.plot_range()
        edges = stages[-1][1].edges
        strip_h = 0.5
        y_top = 1.1 * max(dist.density_peak(), *(float(h.density.max()) for _, h, _, _ in stages))
        plot = Plot(lo, hi, y_top, box=safe_plot_box(bottom_room=strip_h + 0.15), x_title="x")
        strip_y0 = -frame_half_height() + FRAME_MARGIN_Y
        strip_x = plot.c2p(draws, np.zeros_like(draws))[:, 0]
        k_idx = np.arange(p.n)
        jitter = strip_y0 + 0.05 + (strip_h - 0.1) * ((k_idx * 0.6180339887498949) % 1.0)
        inside = (draws >= plot.x_lo) & (draws <= plot.x_hi)
        strip_points = np.stack([strip_x, jitter, np.zeros(p.n)], axis=1)
        clouds = []
        previous = 0
        for k, _, _, _ in stages:
            chosen = np.arange(previous, k)
            chosen = chosen[inside[previous:k]]
            clouds.append(dot_cloud(strip_points[chosen], PALETTE.sample, width=POINT_WIDTH))
            previous = k
        xs = _density_points(dist, plot.x_lo, plot.x_hi)
        self.picture = HistogramPicture(
            plot=plot,
            curve=plot_curve(plot, xs, dist.pdf(xs), PALETTE.density),
            curve_x=xs,
            bars=Bars(plot, edges, np.zeros(p.bins), PALETTE.sample),
            density=dist.pdf,
            stage_heights={k: h.density for k, h, _, _ in stages},
        )
        return clouds

    def build_panel(self, dist: distributions.Distribution) -> HistogramPanel:
        title = formula_row(rf"X \sim {dist.label()}", PALETTE.density, BODY_SIZE)
        n_label = formula_row(r"n =", PALETTE.text)
        n_value = CountingInteger(0, font_size=LABEL_SIZE, color=PALETTE.text)
        n_row = VGroup(n_label, n_value).arrange(RIGHT, buff=0.15)
        n_value.add_updater(lambda m: m.next_to(n_label, RIGHT, buff=0.15))
        ks = _ks_rows(1.0, 0.0)
        legend = VGroup(
            legend_row(
                bar_swatch(PALETTE.sample),
                formula_row(r"\frac{\text{count}}{n \times \text{bar width}}", size=TICK_SIZE),
            ),
            legend_row(
                line_swatch(PALETTE.density), formula_row(r"\text{density } f(x)", size=TICK_SIZE)
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        # The verdict names n, so it is set in LaTeX like the readouts above it.
        verdict = VGroup(
            formula_row(r"\text{the bars settle onto}", PALETTE.text, TICK_SIZE),
            formula_row(r"\text{the density as } n \text{ grows}", PALETTE.text, TICK_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        stack([title, legend, n_row, ks, verdict], top=panel_top(), left=panel_left(), gap=0.4)
        return HistogramPanel(title, legend, n_label, n_value, n_row, ks, verdict)

    def show_density(self, dist: distributions.Distribution, panel: HistogramPanel) -> None:
        # The viewer learns the target: its density curve, before any draw.
        self.beat(
            "density",
            f"The target is {plain_label(dist.label())}; its density is the yellow curve, with "
            f"mean {format_number(dist.mean)}.",
        )
        pic = self.picture
        self.play(FadeIn(pic.plot.group()), FadeIn(panel.title), FadeIn(panel.legend), run_time=1.0)
        # The bars grow under the density curve, so the curve stays visible over them.
        self.add(pic.bars)
        pic.curve.set_z_index(1)
        self.play(Create(pic.curve), run_time=1.2)
        self.add(panel.n_row)

    def pile_up(self, stages: list[Stage], clouds: list[VMobject], panel: HistogramPanel) -> None:
        # The viewer sees more and more draws: bars (count / (n width)) grow in place
        # towards the density and the KS distance shrinks. The readouts describe the
        # draws in the picture: the old KS statistic leaves as the new dots arrive, n
        # counts up while the bars grow, and the new statistic appears once the bars
        # show all k draws (issue 17: "n = 3,000" was shown beside the n = 1,000 KS).
        ks_anchor = panel.ks.get_corner(UP + LEFT)
        heights = np.zeros(self.params.bins)
        pic = self.picture
        for i, (k, h, d, pv) in enumerate(stages):
            self.beat(
                f"draws-{k}",
                f"{k} draws: each bar is its count divided by n times its width; "
                f"the largest gap between the sample's CDF and the true CDF is "
                f"D = {format_number(d, 3)}.",
            )
            new_ks = _ks_rows(d, pv)
            new_ks.move_to(ks_anchor, aligned_edge=UP + LEFT)
            # The dots fade in quickly, then stay still while the bars grow: a still
            # cloud is drawn once per animation, not once per frame.
            arrivals = [FadeIn(clouds[i])]
            if panel.ks in self.mobjects:
                arrivals.append(FadeOut(panel.ks))
            self.play(*arrivals, run_time=0.5)
            self.remove(panel.ks)
            panel.ks_n = None
            self.bring_to_back(clouds[i])  # Manim redraws everything above a moving mobject
            pic.readouts.append(("growing", k, panel.ks_n if panel.ks in self.mobjects else None))
            self.play(
                morph_bars(pic.bars, (h.edges, heights), (h.edges, h.density), 1.6),
                ChangeDecimalToValue(panel.n_value, k, run_time=1.6),
                run_time=1.6,
            )
            heights = h.density
            panel.n_value.set_value(k)
            panel.ks = new_ks
            panel.ks_n = k
            self.play(FadeIn(panel.ks), run_time=0.4)
            pic.readouts.append(("still", int(panel.n_value.get_value()), panel.ks_n))
            self.wait(0.5)

    def give_verdict(
        self, dist: distributions.Distribution, final: Stage, panel: HistogramPanel
    ) -> None:
        # The viewer learns the verdict: with all n draws the KS test finds no misfit.
        _, _, d_final, p_final = final
        panel.n_value.clear_updaters()
        self.beat(
            "verdict",
            f"With n = {self.params.n} the histogram follows the density: D = "
            f"{format_number(d_final, 3)} and the KS p-value {format_number(p_final, 2)} "
            f"gives no reason to doubt the draws come from {plain_label(dist.label())}.",
        )
        self.play(FadeIn(panel.verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Bars at the normalised counts of the draws so far; the curve on the density."""
        if not beat.startswith("draws-") and beat != "verdict":
            return []
        k = self.params.n if beat == "verdict" else int(beat.split("-")[1])
        pic = self.picture
        measured = pic.bars.measured()
        checks = [
            Invariant(
                "bar heights = count / (n width)",
                measured[:, 2],
                pic.stage_heights[k],
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "bar edges = bin_edges",
                np.concatenate([measured[:, 0], measured[-1:, 1]]),
                np.asarray(self.data["bin_edges"]),
                atol=GEOMETRY_ATOL,
            ),
        ]
        if beat == "verdict":
            counts = np.asarray(self.data["counts"], dtype=float)
            widths = np.diff(np.asarray(self.data["bin_edges"]))
            checks.append(
                Invariant(
                    "final bars = sidecar counts",
                    measured[:, 2],
                    counts / (self.data["n"] * widths),
                    atol=GEOMETRY_ATOL,
                )
            )
            pts = pic.plot.p2c(curve_vertices(pic.curve))
            checks.append(Invariant("curve's x grid", pts[:, 0], pic.curve_x, atol=1e-9))
            checks.append(
                Invariant("curve = density", pts[:, 1], pic.density(pic.curve_x), atol=1e-6)
            )
        return checks
