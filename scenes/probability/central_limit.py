"""The central limit theorem.

Render it with plain Manim: ``manim -pql scenes/probability/central_limit.py CentralLimit``.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    FadeIn,
    Mobject,
    Text,
    VGroup,
    VMobject,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/probability/central_limit.py`
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
    formula_row,
    legend_row,
    line_swatch,
    panel_top,
    plot_box,
    plot_curve,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    CURVE_POINTS,
    GEOMETRY_ATOL,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    TICK_SIZE,
    panel_left,
)
from scenes.probability.common import plain_label
from scenes.probability.params import CentralLimitParams


def _batch_sizes(largest: int) -> list[int]:
    sizes = [s for s in (1, 2, 5, 10, 20, 50, 100, 200) if s < largest]
    return [*sizes, largest]


#: Finite variance: the means are drawn standardised, z = (mean - mu) / (sigma / sqrt n),
#: on this fixed z axis, so every stage fills the plot's width.
Z_RANGE = 4.0

#: Kolmogorov-Smirnov distance of the standardised means to N(0, 1) below which the
#: captions call the histogram close to normal (2000 normal means give D of about 0.02).
CLOSE_TO_NORMAL = 0.05

#: The visual standard's safe area, in scene units (90% of the frame).
SAFE_X, SAFE_Y = 6.35, 3.55


def _normal_curve(plot: Plot) -> VMobject:
    """N(0, 1), the limit of the standardised means, over the plot."""
    xs = np.linspace(plot.x_lo, plot.x_hi, 4 * CURVE_POINTS)
    return plot_curve(plot, xs, inference.t_pdf(xs, math.inf), PALETTE.density)


def normality_words(distance: float) -> str:
    """The caption's verdict on a KS distance to N(0, 1), by the stated threshold."""
    return "close to normal" if distance < CLOSE_TO_NORMAL else "not yet normal"


#: One batch size's means: n, the means of n draws, and their histogram.
Stage = tuple[int, np.ndarray, inference.Histogram]


@dataclass
class CltPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    curve: VMobject  # N(0, 1) for the standardised means, or the Cauchy density
    bars: Bars
    dist: distributions.Distribution
    histograms: list[inference.Histogram]  # one per batch size, in units of x
    scales: list[float]  # sigma/sqrt(n) per batch size (1 for the Cauchy, drawn raw)

    def drawn(self, i: int, mu: float) -> tuple[np.ndarray, np.ndarray]:
        """The i-th histogram's edges and heights as drawn: standardised by
        z = (x - mu) / s, density times s (the Cauchy: s = 1, mu = 0)."""
        h, s = self.histograms[i], self.scales[i]
        return (h.edges - mu) / s, h.density * s


@dataclass
class CltPanel:
    """The panel's rows; ``box`` is the readout of the current batch size at ``anchor``."""

    title: Mobject
    moments: Mobject
    legend: VGroup
    box: VGroup
    anchor: np.ndarray
    verdict: Text


class CentralLimit(MathScene):
    """The central limit theorem.

    Means of n draws from a skewed distribution pile into a histogram that narrows
    like sigma over root n and turns into the normal curve N(mu, sigma^2/n), unless the
    variance is infinite, as for the Cauchy, whose means never settle.
    """

    params_type = CentralLimitParams

    def construct(self) -> None:
        p: CentralLimitParams = self.params
        dist = distributions.make(p.distribution)
        sizes = _batch_sizes(p.largest_batch)
        stages = self.draw_means(dist, sizes)
        self.data = self.sidecar(dist, sizes, stages)
        base_curve = self.build_plot(dist, sizes, stages)
        panel = self.panel = self.build_panel(dist, sizes)
        self.show_distribution(dist, base_curve, panel)
        for i in range(1, len(sizes)):
            self.grow_batch(i, panel)
        self.give_verdict(panel)

    def draw_means(self, dist: distributions.Distribution, sizes: list[int]) -> list[Stage]:
        """For each batch size n, the means of ``means`` batches of n draws, binned
        around mu (over the whole plot range when the variance is infinite)."""
        p: CentralLimitParams = self.params
        rng = generator(p.seed)
        mu, sigma = dist.mean, dist.std
        lo, hi = dist.plot_range()
        stages = []
        for n in sizes:
            means = inference.batch_means(dist.sample(n * p.means, rng), n)
            if dist.has_finite_variance:
                spread = Z_RANGE * inference.standard_error(sigma, n)
                s_lo, s_hi = max(lo, mu - spread), mu + spread
            else:
                s_lo, s_hi = lo, hi
            edges = np.linspace(s_lo, s_hi, p.bins + 1)
            stages.append((n, means, inference.histogram(means, edges)))
        return stages

    def sidecar(
        self, dist: distributions.Distribution, sizes: list[int], stages: list[Stage]
    ) -> dict[str, Any]:
        finite = dist.has_finite_variance
        mu, sigma = dist.mean, dist.std
        return {
            "distribution": dist.name,
            "distribution_parameters": [dist.p1, dist.p2],
            "finite_variance": finite,
            "mu": mu if finite else None,
            "sigma": sigma if finite else None,
            "means_per_batch_size": self.params.means,
            "batch_sizes": sizes,
            "mean_of_means": [float(m.mean()) for _, m, _ in stages],
            "std_of_means": [float(m.std(ddof=1)) for _, m, _ in stages],
            "predicted_std": [
                inference.standard_error(sigma, n) if finite else None for n in sizes
            ],
            "iqr_of_means": [float(np.subtract(*np.percentile(m, [75, 25]))) for _, m, _ in stages],
            "plotted": "standardized means z = (mean - mu) / (sigma / sqrt n)"
            if finite
            else "means",
            "ks_distance_to_normal": [
                distributions.clt_ks_distance(m, mu, sigma, n) if finite else None
                for n, m, _ in stages
            ],
            "close_to_normal_threshold": CLOSE_TO_NORMAL,
            "histograms": [
                {"bin_edges": h.edges.tolist(), "counts": h.counts.tolist(), "outside": h.outside}
                for _, _, h in stages
            ],
        }

    def build_plot(
        self, dist: distributions.Distribution, sizes: list[int], stages: list[Stage]
    ) -> VMobject:
        """The plot with the bars (still empty) and the first curve, stored in
        ``self.picture``; returns the grey density of one draw."""
        finite = dist.has_finite_variance
        mu, sigma = (dist.mean, dist.std) if finite else (0.0, 1.0)
        scales = [inference.standard_error(sigma, n) if finite else 1.0 for n in sizes]
        peaks = [float(h.density.max()) * s for (_, _, h), s in zip(stages, scales, strict=True)]
        if finite:
            lo, hi = -Z_RANGE, Z_RANGE
            peaks.append(inference.normal_peak(1.0))
            x_title = "z"
        else:
            lo, hi = dist.plot_range()
            x_title = r"\bar x"
        peaks.append(dist.density_peak() * sigma)
        # The plot box pulled inside the safe area (|x| <= 6.4, |y| <= 3.6): tick labels
        # at the frame margin would overrun it.
        left, right, bottom, top = plot_box(bottom_room=0.08)
        box = (max(left, -SAFE_X), right, bottom, min(top, SAFE_Y))
        plot = Plot(lo, hi, 1.08 * max(peaks), box=box, x_title=x_title)
        xs = np.linspace(plot.x_lo, plot.x_hi, 4 * CURVE_POINTS)
        # One draw's density, standardised: sigma * f(mu + sigma z).
        one = sigma * dist.pdf(mu + sigma * xs)
        base_curve = plot_curve(plot, xs, one, PALETTE.muted, width=4)
        curve = _normal_curve(plot) if finite else plot_curve(plot, xs, one, PALETTE.density)
        self.picture = CltPicture(
            plot=plot,
            curve=curve,
            bars=Bars(plot, stages[0][2].edges, np.zeros(self.params.bins), PALETTE.sample),
            dist=dist,
            histograms=[h for _, _, h in stages],
            scales=scales,
        )
        self.picture.bars.set_shape(self.picture.drawn(0, mu)[0], np.zeros(self.params.bins))
        return base_curve

    def _mu(self) -> float:
        return float(self.data["mu"]) if self.data["finite_variance"] else 0.0

    def readout(self, i: int) -> VGroup:
        """The i-th batch size's n, mean and spread of its means, and (finite variance)
        the KS distance D of the standardised means to N(0, 1)."""
        n = self.data["batch_sizes"][i]
        rows = VGroup(
            formula_row(rf"n = {n}", PALETTE.accent, BODY_SIZE - 4),
            formula_row(
                rf"\text{{mean of means}} = {latex_number(self.data['mean_of_means'][i])}",
                size=LABEL_SIZE,
            ),
            formula_row(
                rf"\text{{sd of means}} = {latex_number(self.data['std_of_means'][i])}",
                size=LABEL_SIZE,
            ),
        )
        if self.data["finite_variance"]:
            se = inference.standard_error(self.data["sigma"], n)
            d = self.data["ks_distance_to_normal"][i]
            rows.add(
                formula_row(
                    rf"\sigma/\sqrt{{n}} = {latex_number(se)}", PALETTE.density, LABEL_SIZE
                ),
                formula_row(
                    rf"D = {latex_number(d, 3)}\ "
                    + (r"<" if d < CLOSE_TO_NORMAL else r"\ge")
                    + rf"\ {latex_number(CLOSE_TO_NORMAL)}",
                    PALETTE.text,
                    LABEL_SIZE,
                ),
            )
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)

    def build_panel(self, dist: distributions.Distribution, sizes: list[int]) -> CltPanel:
        finite = dist.has_finite_variance
        title = formula_row(rf"X \sim {dist.label()}", PALETTE.text, BODY_SIZE)
        if finite:
            moments: Mobject = VGroup(
                formula_row(
                    rf"\mu = {latex_number(dist.mean)},\ \sigma = {latex_number(dist.std)}",
                    PALETTE.muted,
                ),
                formula_row(r"z = \frac{\bar x - \mu}{\sigma/\sqrt{n}}", PALETTE.muted),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
            curve_text: str | Mobject = formula_row(r"N(0,\ 1)", PALETTE.text, LABEL_SIZE)
        else:
            moments = Text(
                "no finite mean\nor variance",
                font_size=TEXT_SIZE,
                color=PALETTE.muted,
                line_spacing=0.8,
            )
            curve_text = "Cauchy density"
        legend = VGroup(
            legend_row(
                bar_swatch(PALETTE.sample),
                formula_row(
                    r"\text{means of } n\text{, as } z"
                    if finite
                    else r"\text{means of } n \text{ draws}",
                    size=TICK_SIZE,
                ),
            ),
            legend_row(line_swatch(PALETTE.density), curve_text),
            legend_row(
                line_swatch(PALETTE.muted),
                formula_row(r"\text{one draw, as } z", size=TICK_SIZE) if finite else "one draw",
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        box = self.readout(len(sizes) - 1)  # the tallest readout holds the room
        if finite and self.data["ks_distance_to_normal"][-1] < CLOSE_TO_NORMAL:
            verdict_text = "the standardized means\nare close to normal"
        elif finite:
            verdict_text = "the standardized means\nare not yet normal"
        else:
            verdict_text = "infinite variance:\nthe CLT does not\napply and the\nmeans never settle"
        verdict = Text(verdict_text, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)
        stack(
            [title, moments, legend, box, verdict],
            top=min(panel_top(), SAFE_Y - 0.1),
            left=panel_left(),
            gap=0.35,
        )
        anchor = box.get_corner(UP + LEFT)
        box = self.readout(0).move_to(anchor, aligned_edge=UP + LEFT)
        return CltPanel(title, moments, legend, box, anchor, verdict)

    def show_distribution(
        self, dist: distributions.Distribution, base_curve: VMobject, panel: CltPanel
    ) -> None:
        # The viewer sees batches of one draw: the histogram is the distribution itself.
        p: CentralLimitParams = self.params
        pic = self.picture
        n0 = self.data["batch_sizes"][0]
        edges, heights = pic.drawn(0, self._mu())
        caption = (
            f"Batches of n = {n0}: the histogram of {p.means} single draws shows "
            f"{plain_label(dist.label())} itself"
        )
        if self.data["finite_variance"]:
            d = self.data["ks_distance_to_normal"][0]
            caption += (
                f", standardized to z = (x − μ)/σ; its KS distance to N(0, 1) is "
                f"D = {format_number(d, 3)}: {normality_words(d)}."
            )
        else:
            caption += "."
        self.beat("distribution", caption)
        self.play(
            FadeIn(pic.plot.group()),
            FadeIn(panel.title),
            FadeIn(panel.moments),
            FadeIn(panel.legend),
            run_time=1.0,
        )
        self.play(Create(base_curve), run_time=0.8)
        self.play(
            morph_bars(
                pic.bars,
                (edges, np.zeros(p.bins)),
                (edges, heights),
                run_time=1.5,
            ),
            Create(pic.curve),
            FadeIn(panel.box),
            run_time=1.5,
        )
        self.wait(0.4)

    def grow_batch(self, i: int, panel: CltPanel) -> None:
        # The viewer sees the means of bigger batches: the bars move in place and the
        # normal curve narrows like sigma over root n (a Cauchy's means never narrow).
        pic = self.picture
        finite = self.data["finite_variance"]
        n = self.data["batch_sizes"][i]
        sd_text = format_number(self.data["std_of_means"][i], 3)
        if finite:
            se = inference.standard_error(self.data["sigma"], n)
            d = self.data["ks_distance_to_normal"][i]
            caption = (
                f"Means of n = {n} draws: their sd is {sd_text}, close to "
                f"σ/√n = {format_number(se, 3)}. Standardized, their KS distance to "
                f"N(0, 1) is D = {format_number(d, 3)}, "
                f"{'below' if d < CLOSE_TO_NORMAL else 'not below'} "
                f"{format_number(CLOSE_TO_NORMAL)}: {normality_words(d)}."
            )
        else:
            caption = (
                f"Means of n = {n} Cauchy draws are again Cauchy(0, 1): the middle half "
                f"still spans {format_number(self.data['iqr_of_means'][i])}, as for one draw."
            )
        self.beat(f"batch-{n}", caption)
        self.remove(panel.box)  # readouts switch at once; the bars and curve move
        panel.box = self.readout(i).move_to(panel.anchor, aligned_edge=UP + LEFT)
        self.add(panel.box)
        mu = self._mu()
        self.play(morph_bars(pic.bars, pic.drawn(i - 1, mu), pic.drawn(i, mu), 1.6), run_time=1.6)
        self.wait(0.4)

    def give_verdict(self, panel: CltPanel) -> None:
        # The viewer learns the verdict: the means turn normal, unless the variance is
        # infinite.
        sizes = self.data["batch_sizes"]
        ds = self.data["ks_distance_to_normal"]
        finite_text = ""
        if not self.data["finite_variance"]:
            pass
        elif ds[-1] < CLOSE_TO_NORMAL:
            finite_text = (
                f"From n = 1 to n = {sizes[-1]} the KS distance of the standardized means to "
                f"N(0, 1) falls from {format_number(ds[0], 3)} to {format_number(ds[-1], 3)}: "
                f"the means are close to N({format_number(self.picture.dist.mean)}, σ²/n), "
                "as the central limit theorem says."
            )
        else:
            finite_text = (
                f"At n = {sizes[-1]} the KS distance of the standardized means to N(0, 1) is "
                f"still {format_number(ds[-1], 3)}: not yet normal; the central limit "
                "theorem promises normality only as n grows."
            )
        self.beat(
            "verdict",
            finite_text
            if self.data["finite_variance"]
            else (
                "The Cauchy distribution has no finite variance, so the central limit "
                "theorem does not apply: averaging does not make the means settle."
            ),
        )
        self.play(FadeIn(panel.verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Bars at the normalised counts of the current batch size's means, standardised
        (edges (x - mu)/s, heights density * s, s = sigma/sqrt n); the curve on N(0, 1)
        (or the Cauchy density, drawn raw)."""
        sizes = self.data["batch_sizes"]
        if beat == "distribution":
            i = 0
        elif beat.startswith("batch-"):
            i = sizes.index(int(beat.split("-")[1]))
        elif beat == "verdict":
            i = len(sizes) - 1
        else:
            return []
        pic = self.picture
        hist = pic.histograms[i]
        measured = pic.bars.measured()
        pts = pic.plot.p2c(curve_vertices(pic.curve))
        if self.data["finite_variance"]:
            mu, s = self.data["mu"], inference.standard_error(self.data["sigma"], sizes[i])
            expected = inference.t_pdf(pts[:, 0], math.inf)
        else:
            mu, s = 0.0, 1.0
            expected = pic.dist.pdf(pts[:, 0])
        side = self.data["histograms"][i]
        width = np.diff(side["bin_edges"])
        side_heights = np.asarray(side["counts"]) / (self.data["means_per_batch_size"] * width)
        return [
            Invariant(
                "bar heights = s x count / (means x width)",
                measured[:, 2],
                side_heights * s,
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "bar edges = this batch size's bins, standardised",
                np.concatenate([measured[:, 0], measured[-1:, 1]]),
                (np.asarray(side["bin_edges"]) - mu) / s,
                atol=GEOMETRY_ATOL,
            ),
            Invariant("curve = predicted density", pts[:, 1], expected, atol=1e-6),
            Invariant(
                "sidecar counts = drawn histogram",
                self.data["histograms"][i]["counts"],
                hist.counts.tolist(),
                atol=0,
            ),
        ]
