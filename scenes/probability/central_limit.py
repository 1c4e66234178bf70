"""The central limit theorem.

Render it with plain Manim: ``manim -pql scenes/probability/central_limit.py CentralLimit``.
"""

from __future__ import annotations

import math
import sys
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
    Transform,
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
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import BODY_SIZE, CURVE_POINTS, GEOMETRY_ATOL, PALETTE, TEXT_SIZE, panel_left
from scenes.probability.common import plain_label
from scenes.probability.params import CentralLimitParams


def _batch_sizes(largest: int) -> list[int]:
    sizes = [s for s in (1, 2, 5, 10, 20, 50, 100, 200) if s < largest]
    return [*sizes, largest]


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
        rng = generator(p.seed)
        finite = dist.has_finite_variance
        mu, sigma = dist.mean, dist.std
        lo, hi = dist.plot_range()
        stages = []
        for n in sizes:
            means = inference.batch_means(dist.sample(n * p.means, rng), n)
            if finite:
                spread = 4.5 * inference.standard_error(sigma, n)
                s_lo, s_hi = max(lo, mu - spread), min(hi, mu + spread)
            else:
                s_lo, s_hi = lo, hi
            edges = np.linspace(s_lo, s_hi, p.bins + 1)
            stages.append((n, means, inference.histogram(means, edges)))
        self.data = {
            "distribution": dist.name,
            "distribution_parameters": [dist.p1, dist.p2],
            "finite_variance": finite,
            "mu": mu if finite else None,
            "sigma": sigma if finite else None,
            "means_per_batch_size": p.means,
            "batch_sizes": sizes,
            "mean_of_means": [float(m.mean()) for _, m, _ in stages],
            "std_of_means": [float(m.std(ddof=1)) for _, m, _ in stages],
            "predicted_std": [
                inference.standard_error(sigma, n) if finite else None for n in sizes
            ],
            "iqr_of_means": [float(np.subtract(*np.percentile(m, [75, 25]))) for _, m, _ in stages],
            "histograms": [
                {"bin_edges": h.edges.tolist(), "counts": h.counts.tolist(), "outside": h.outside}
                for _, _, h in stages
            ],
        }
        self.stages = stages
        self.dist = dist

        # -- Layout.
        peaks = [float(h.density.max()) for _, _, h in stages]
        if finite:
            peaks.append(inference.normal_peak(inference.standard_error(sigma, sizes[-1])))
        peaks.append(dist.density_peak())
        plot = Plot(lo, hi, 1.08 * max(peaks), box=plot_box(), x_title=r"\bar x")
        self.plot = plot
        xs = np.linspace(plot.x_lo, plot.x_hi, 4 * CURVE_POINTS)

        def normal_curve(n: int) -> VMobject:
            sd = inference.standard_error(sigma, n)
            return plot_curve(
                plot, xs, inference.t_pdf((xs - mu) / sd, math.inf) / sd, PALETTE.density
            )

        base_curve = plot_curve(plot, xs, dist.pdf(xs), PALETTE.muted, width=3)
        curve = (
            normal_curve(sizes[0])
            if finite
            else plot_curve(plot, xs, dist.pdf(xs), PALETTE.density)
        )
        self.curve = curve
        first_edges = stages[0][2].edges
        bars = Bars(plot, first_edges, np.zeros(p.bins), PALETTE.sample)
        self.bars = bars

        # -- Panel.
        left = panel_left()
        title = formula_row(rf"X \sim {dist.label()}", PALETTE.text, BODY_SIZE)
        if finite:
            moments = formula_row(
                rf"\mu = {latex_number(mu)},\ \sigma = {latex_number(sigma)}", PALETTE.muted
            )
            curve_text: str | Mobject = formula_row(r"N(\mu,\ \sigma^2/n)", PALETTE.text)
        else:
            moments = Text(
                "no finite mean\nor variance",
                font_size=TEXT_SIZE,
                color=PALETTE.muted,
                line_spacing=0.8,
            )
            curve_text = "Cauchy(0, 1) density"
        legend = VGroup(
            legend_row(bar_swatch(PALETTE.sample), "means of n draws"),
            legend_row(line_swatch(PALETTE.density), curve_text),
            legend_row(line_swatch(PALETTE.muted), "density of one draw"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)

        def readout(i: int) -> VGroup:
            # Plain text, not LaTeX: one readout per batch size.
            n = sizes[i]
            rows = VGroup(
                Text(f"n = {n}", font_size=BODY_SIZE - 4, color=PALETTE.accent),
                text_row(f"mean of means = {format_number(self.data['mean_of_means'][i])}"),
                text_row(f"sd of means = {format_number(self.data['std_of_means'][i])}"),
            )
            if finite:
                rows.add(
                    text_row(
                        f"σ/√n = {format_number(inference.standard_error(sigma, n))}",
                        PALETTE.density,
                    )
                )
            return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)

        box = readout(len(sizes) - 1)
        if finite:
            verdict_text = "the means narrow like\nσ/√n and turn normal"
        else:
            verdict_text = "infinite variance: the\nCLT does not apply and\nthe means never settle"
        verdict = Text(verdict_text, font_size=TEXT_SIZE, color=PALETTE.text, line_spacing=0.8)
        stack([title, moments, legend, box, verdict], top=panel_top(), left=left, gap=0.35)
        anchor = box.get_corner(UP + LEFT)
        box = readout(0).move_to(anchor, aligned_edge=UP + LEFT)

        # -- Beat 1: one draw at a time: the distribution itself.
        n0 = sizes[0]
        self.beat(
            "distribution",
            f"Batches of n = {n0}: the histogram of {p.means} single draws shows "
            f"{plain_label(dist.label())} itself.",
        )
        self.play(
            FadeIn(plot.group()), FadeIn(title), FadeIn(moments), FadeIn(legend), run_time=1.0
        )
        self.play(Create(base_curve), run_time=0.8)
        self.play(
            morph_bars(
                bars,
                (first_edges, np.zeros(p.bins)),
                (first_edges, stages[0][2].density),
                run_time=1.5,
            ),
            Create(curve),
            FadeIn(box),
            run_time=1.5,
        )
        self.wait(0.4)

        # -- One beat per batch size: bars move in place, the normal curve narrows.
        for i in range(1, len(sizes)):
            n = sizes[i]
            prev = stages[i - 1][2]
            h = stages[i][2]
            sd_text = format_number(self.data["std_of_means"][i], 3)
            if finite:
                caption = (
                    f"Means of n = {n} draws: their spread is {sd_text}, close to "
                    f"σ/√n = {format_number(inference.standard_error(sigma, n), 3)}, and the "
                    "histogram matches the normal curve."
                )
            else:
                caption = (
                    f"Means of n = {n} Cauchy draws are again Cauchy(0, 1): the middle half "
                    f"still spans {format_number(self.data['iqr_of_means'][i])}, as for one draw."
                )
            self.beat(f"batch-{n}", caption)
            self.remove(box)  # readouts switch at once; the bars and curve move
            box = readout(i).move_to(anchor, aligned_edge=UP + LEFT)
            self.add(box)
            anims: list[Any] = [
                morph_bars(bars, (prev.edges, prev.density), (h.edges, h.density), 1.6),
            ]
            if finite:
                anims.append(Transform(curve, normal_curve(n)))
            self.play(*anims, run_time=1.6)
            self.wait(0.4)

        # -- Verdict.
        self.beat(
            "verdict",
            (
                f"From n = 1 to n = {sizes[-1]} the sample means lose the skew: they are "
                f"close to N({format_number(mu)}, σ²/n), as the central limit theorem says."
            )
            if finite
            else (
                "The Cauchy distribution has no finite variance, so the central limit "
                "theorem does not apply: averaging does not make the means settle."
            ),
        )
        self.play(FadeIn(verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Bars at the normalised counts of the current batch size's means; the curve on
        N(mu, sigma^2/n) (or the Cauchy density)."""
        sizes = self.data["batch_sizes"]
        if beat == "distribution":
            i = 0
        elif beat.startswith("batch-"):
            i = sizes.index(int(beat.split("-")[1]))
        elif beat == "verdict":
            i = len(sizes) - 1
        else:
            return []
        hist = self.stages[i][2]
        measured = self.bars.measured()
        pts = self.plot.p2c(curve_vertices(self.curve))
        if self.data["finite_variance"]:
            sd = inference.standard_error(self.data["sigma"], sizes[i])
            expected = inference.t_pdf((pts[:, 0] - self.data["mu"]) / sd, math.inf) / sd
        else:
            expected = self.dist.pdf(pts[:, 0])
        return [
            Invariant(
                "bar heights = count / (means x width)",
                measured[:, 2],
                hist.density,
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "bar edges = this batch size's bins",
                np.concatenate([measured[:, 0], measured[-1:, 1]]),
                hist.edges,
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
