"""Probability scenes: draws pile into histograms that settle onto densities.

Render one with plain Manim: ``manim -pql scenes/probability.py SamplingHistogram``.
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
    RIGHT,
    UP,
    Arrow,
    ChangeDecimalToValue,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Integer,
    Line,
    Mobject,
    Rectangle,
    Text,
    Transform,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/probability.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlmath_viz import distributions, inference, sampling
from mlmath_viz.contours import contour_lines
from mlmath_viz.formatting import format_number, latex_number
from mlmath_viz.random import generator, generators
from scenes.base import Invariant, MathScene
from scenes.builders import stack
from scenes.parameters.probability import (
    CentralLimitParams,
    InverseTransformParams,
    LawOfLargeNumbersParams,
    MetropolisHastingsParams,
    RejectionSamplingParams,
    SamplingHistogramParams,
)
from scenes.plotting import (
    Plot,
    PlotMapping,
    bar_swatch,
    curve_vertices,
    dot_cloud,
    formula_row,
    legend_row,
    line_swatch,
    panel_top,
    plot_box,
    plot_curve,
    text_row,
)
from scenes.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    panel_left,
)

#: Tolerance, in plotted units, for drawn geometry against the sidecar numbers.
GEOMETRY_ATOL = 1e-6
#: Points on a density curve.
CURVE_POINTS = 241


# -- Private builders (candidates for scenes/builders.py) -------------------------------


class _Bars(VGroup):
    """Histogram bars whose edges and heights change in place (no rebuild per frame)."""

    def __init__(self, plot: Plot, edges: np.ndarray, heights: np.ndarray, color: str) -> None:
        super().__init__()
        self.plot = plot.mapping  # not the Plot: animations copy the bars
        for _ in range(len(heights)):
            self.add(
                VMobject(stroke_color=color, stroke_width=1, fill_color=color, fill_opacity=0.5)
            )
        self.set_shape(edges, heights)

    def set_shape(self, edges: np.ndarray, heights: np.ndarray) -> _Bars:
        y_cap = self.plot.y_hi
        for k, bar in enumerate(self.submobjects):
            h = min(float(heights[k]), y_cap)
            corners = self.plot.points(
                [edges[k], edges[k + 1], edges[k + 1], edges[k], edges[k]], [0, 0, h, h, 0]
            )
            bar.set_points_as_corners(corners)
        return self

    def measured(self) -> np.ndarray:
        """Each bar's (left, right, height) in plotted coordinates."""
        out = []
        for bar in self.submobjects:
            c = self.plot.coords(bar.points)
            out.append((c[:, 0].min(), c[:, 0].max(), c[:, 1].max()))
        return np.array(out)


def _morph_bars(
    bars: _Bars,
    start: tuple[np.ndarray, np.ndarray],
    end: tuple[np.ndarray, np.ndarray],
    run_time: float,
) -> UpdateFromAlphaFunc:
    (e0, h0), (e1, h1) = start, end

    def update(m: Mobject, alpha: float) -> None:
        bars.set_shape((1 - alpha) * e0 + alpha * e1, (1 - alpha) * h0 + alpha * h1)

    return UpdateFromAlphaFunc(bars, update, run_time=run_time, rate_func=smooth)


def _density_points(dist: distributions.Distribution, lo: float, hi: float) -> np.ndarray:
    """x values for a density curve: a fine grid plus exact jumps at a uniform's ends."""
    xs = np.linspace(lo, hi, CURVE_POINTS)
    if dist.name == "uniform":
        eps = 1e-9 * (dist.p2 - dist.p1)
        jumps = [dist.p1 - eps, dist.p1, dist.p2, dist.p2 + eps]
        xs = np.unique(np.concatenate([xs, jumps]))
    return xs


def _stage_sizes(n: int) -> list[int]:
    """Draw counts shown one after another: 250, 1000, 10000 (each below n/3), then n."""
    sizes = [s for s in (250, 1000, 10_000) if s * 3 <= n]
    return [*sizes, n]


# -- Scenes -----------------------------------------------------------------------------


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
        lo, hi = dist.plot_range()
        edges = np.linspace(lo, hi, p.bins + 1)
        sizes = _stage_sizes(p.n)
        stages = []
        for k in sizes:
            h = inference.histogram(draws[:k], edges)
            d, pv = inference.ks_test(draws[:k], dist.cdf)
            stages.append((k, h, d, pv))
        final = stages[-1][1]
        d_final, p_final = stages[-1][2], stages[-1][3]
        self.data = {
            "distribution": p.distribution,
            "distribution_parameters": list(p.distribution_args()),
            "n": p.n,
            "bin_edges": edges.tolist(),
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
        self.stage_heights = {k: h.density for k, h, _, _ in stages}
        self.edges = edges
        self.dist = dist

        # -- Layout: the plot with a strip of dots under it, the panel on the right.
        strip_h = 0.5
        y_top = 1.1 * max(dist.density_peak(), *(float(h.density.max()) for _, h, _, _ in stages))
        plot = Plot(lo, hi, y_top, box=plot_box(bottom_room=strip_h + 0.15), x_title="x")
        self.plot = plot
        strip_y0 = -frame_half_height() + FRAME_MARGIN
        strip_x = plot.points(draws, np.zeros_like(draws))[:, 0]
        k_idx = np.arange(p.n)
        jitter = strip_y0 + 0.05 + (strip_h - 0.1) * ((k_idx * 0.6180339887498949) % 1.0)
        inside = (draws >= plot.x_lo) & (draws <= plot.x_hi)
        strip_points = np.stack([strip_x, jitter, np.zeros(p.n)], axis=1)
        clouds = []
        previous = 0
        for k in sizes:
            chosen = np.arange(previous, k)
            chosen = chosen[inside[previous:k]]
            clouds.append(dot_cloud(strip_points[chosen], PALETTE.sample, width=3))
            previous = k
        xs = _density_points(dist, plot.x_lo, plot.x_hi)
        curve = plot_curve(plot, xs, dist.pdf(xs), PALETTE.density)
        self.curve_x = xs
        self.curve = curve
        zero = np.zeros(p.bins)
        bars = _Bars(plot, edges, zero, PALETTE.sample)
        self.bars = bars

        # -- Panel.
        left = panel_left()
        title = formula_row(rf"X \sim {dist.label()}", PALETTE.density, BODY_SIZE)
        n_label = formula_row(r"n =", PALETTE.text)
        n_value = Integer(0, font_size=LABEL_SIZE, color=PALETTE.text)
        n_row = VGroup(n_label, n_value).arrange(RIGHT, buff=0.15)
        n_value.add_updater(lambda m: m.next_to(n_label, RIGHT, buff=0.15))

        def ks_rows(d: float, pv: float) -> VGroup:
            return VGroup(
                text_row(f"KS distance D = {format_number(d, 3)}"),
                text_row(f"p-value = {format_number(pv, 3)}", PALETTE.muted),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)

        ks = ks_rows(1.0, 0.0)
        legend = VGroup(
            legend_row(bar_swatch(PALETTE.sample), "count / (n × bar width)"),
            legend_row(line_swatch(PALETTE.density), "density f(x)"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        verdict = Text(
            "the bars settle onto\nthe density as n grows",
            font_size=TEXT_SIZE,
            color=PALETTE.text,
            line_spacing=0.8,
        )
        stack([title, legend, n_row, ks, verdict], top=panel_top(), left=left, gap=0.4)
        ks_anchor = ks.get_corner(UP + LEFT)

        # -- Beat 1: the target density.
        self.beat(
            "density",
            f"The target is {_plain(dist.label())}; its density is the yellow curve, with "
            f"mean {format_number(dist.mean)}.",
        )
        self.play(FadeIn(plot.group()), FadeIn(title), FadeIn(legend), run_time=1.0)
        self.play(Create(curve), run_time=1.2)
        self.add(bars, n_row)

        # -- Beats 2..: more and more draws; bars grow in place.
        heights = zero
        shown = []
        for i, (k, h, d, pv) in enumerate(stages):
            self.beat(
                f"draws-{k}",
                f"{k} draws: each bar is its count divided by n times its width; "
                f"the largest gap between the sample's CDF and the true CDF is "
                f"D = {format_number(d, 3)}.",
            )
            new_ks = ks_rows(d, pv)
            new_ks.move_to(ks_anchor, aligned_edge=UP + LEFT)
            # The dots fade in quickly, then stay still while the bars grow: a still
            # cloud is drawn once per animation, not once per frame.
            self.play(FadeIn(clouds[i]), run_time=0.5)
            self.bring_to_back(clouds[i])  # Manim redraws everything above a moving mobject
            self.play(
                _morph_bars(bars, (edges, heights), (edges, h.density), run_time=1.6),
                ChangeDecimalToValue(n_value, k, run_time=1.6),
                run_time=1.6,
            )
            self.remove(ks)  # the statistic of all k draws, shown once they are in
            ks = new_ks
            self.add(ks)
            shown.append(clouds[i])
            heights = h.density
            n_value.set_value(k)
            self.wait(0.5)

        # -- Last beat: the verdict.
        n_value.clear_updaters()
        self.beat(
            "verdict",
            f"With n = {p.n} the histogram follows the density: D = "
            f"{format_number(d_final, 3)} and the KS p-value {format_number(p_final, 2)} "
            f"gives no reason to doubt the draws come from {_plain(dist.label())}.",
        )
        self.play(FadeIn(verdict, shift=0.2 * UP), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Bars at the normalised counts of the draws so far; the curve on the density."""
        if not beat.startswith("draws-") and beat != "verdict":
            return []
        k = self.params.n if beat == "verdict" else int(beat.split("-")[1])
        measured = self.bars.measured()
        checks = [
            Invariant(
                "bar heights = count / (n width)",
                measured[:, 2],
                self.stage_heights[k],
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
            pts = self.plot.coords(curve_vertices(self.curve))
            checks.append(Invariant("curve's x grid", pts[:, 0], self.curve_x, atol=1e-9))
            checks.append(
                Invariant("curve = density", pts[:, 1], self.dist.pdf(self.curve_x), atol=1e-6)
            )
        return checks


def _plain(label: str) -> str:
    """A LaTeX distribution label as plain caption text."""
    return (
        label.replace(r"\mathrm{", "").replace("}", "").replace("{", "").replace(r"\Gamma", "Gamma")
    )


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
        bars = _Bars(plot, first_edges, np.zeros(p.bins), PALETTE.sample)
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
            f"{_plain(dist.label())} itself.",
        )
        self.play(
            FadeIn(plot.group()), FadeIn(title), FadeIn(moments), FadeIn(legend), run_time=1.0
        )
        self.play(Create(base_curve), run_time=0.8)
        self.play(
            _morph_bars(
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
                _morph_bars(bars, (prev.edges, prev.density), (h.edges, h.density), 1.6),
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
        pts = self.plot.coords(curve_vertices(self.curve))
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


class LawOfLargeNumbers(MathScene):
    """The law of large numbers.

    Running means of several independent runs of die rolls (or coin flips) wander at
    first and then settle on the expectation, inside a band that narrows like one over
    the square root of the number of draws.
    """

    params_type = LawOfLargeNumbersParams

    def construct(self) -> None:
        p: LawOfLargeNumbersParams = self.params
        if p.experiment == "die":
            (mu, sigma), y_top, what = sampling.die_moments(6), 6.0, "rolls"
            draw = sampling.die_rolls
        else:
            (mu, sigma), y_top, what = sampling.coin_moments(0.5), 1.0, "flips"
            draw = sampling.coin_flips
        means = [inference.running_mean(draw(p.n, g)) for g in generators(p.seed, p.runs)]
        ks = np.unique(np.round(np.logspace(0, math.log10(p.n), 400)).astype(int))
        checkpoints = [k for k in (1, 10, 100, 1000, 10_000, 100_000) if k <= p.n]
        if checkpoints[-1] != p.n:
            checkpoints.append(p.n)
        half_end = float(inference.band_halfwidth(sigma, p.n))
        finals = [float(m[-1]) for m in means]
        self.data = {
            "experiment": p.experiment,
            "expectation": mu,
            "sigma": sigma,
            "n": p.n,
            "runs": p.runs,
            "final_means": finals,
            "band_halfwidth_at_n": half_end,
            "runs_inside_band_at_n": int(sum(abs(f - mu) <= half_end for f in finals)),
            "checkpoints": checkpoints,
            "means_at_checkpoints": [[float(m[k - 1]) for k in checkpoints] for m in means],
        }
        self.ks, self.means = ks, means

        # -- Layout: x is log10 of the number of draws.
        log_n = math.log10(p.n)
        plot = Plot(
            0.0,
            log_n,
            y_top,
            box=plot_box(),
            y_title="running mean",
            x_title=r"n",
            x_ticks=max(1, math.ceil(log_n)),
            x_format=_power_of_ten,
        )
        self.plot = plot
        x = np.log10(ks)
        band_x = np.linspace(0.0, log_n, CURVE_POINTS)
        half = inference.band_halfwidth(sigma, 10.0**band_x)
        upper = np.minimum(mu + half, plot.y_hi)
        lower = np.maximum(mu - half, 0.0)
        band = VMobject(stroke_width=0, fill_color=PALETTE.interval, fill_opacity=0.25)
        band.set_points_as_corners(
            plot.points(
                np.concatenate([band_x, band_x[::-1], band_x[:1]]),
                np.concatenate([upper, lower[::-1], upper[:1]]),
            )
        )
        self.band = band
        expectation = DashedLine(
            plot.points([0.0], [mu])[0],
            plot.points([plot.x_hi], [mu])[0],
            stroke_color=PALETTE.density,
            stroke_width=3,
        )
        self.expectation = expectation
        reach = ValueTracker(0.0)
        curves = VGroup()
        for i, m in enumerate(means):
            y = m[ks - 1]
            curve = VMobject(stroke_color=PALETTE.series[i % len(PALETTE.series)], stroke_width=3)
            curve.set_points_as_corners(plot.points(x[:2], y[:2]))

            def grow(c: Mobject, y: np.ndarray = y) -> None:
                upto = max(2, int(np.searchsorted(x, reach.get_value(), side="right")))
                c.set_points_as_corners(plot.points(x[:upto], y[:upto]))

            curve.add_updater(grow)
            curves.add(curve)
        self.curves = curves

        # -- Panel.
        left = panel_left()
        title = Text("Law of large numbers", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        thing = "a fair die" if p.experiment == "die" else "a fair coin (heads = 1)"
        facts = VGroup(
            text_row(f"{p.runs} runs of {p.n} {what} of"),
            text_row(thing),
            formula_row(
                rf"\mu = {latex_number(mu)},\ \sigma = {latex_number(sigma)}", PALETTE.muted
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        legend = VGroup(
            legend_row(line_swatch(PALETTE.series[0]), "running mean of a run"),
            legend_row(line_swatch(PALETTE.density), "expectation μ"),
            legend_row(bar_swatch(PALETTE.interval), "μ ± 2σ/√n"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        finals_rows = VGroup(
            text_row(f"after {p.n} {what}:"),
            *(
                text_row(f"run {i + 1}: {format_number(f, 3)}", PALETTE.series[i % 6])
                for i, f in enumerate(finals)
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        stack([title, facts, legend, finals_rows], top=panel_top(), left=left, gap=0.3)

        # -- Beat 1: the expectation and the band.
        self.beat(
            "expectation",
            f"The expectation of {thing} is {format_number(mu)}; the shaded band, "
            f"μ ± 2σ/√n, narrows as the number of {what} n grows (x axis in powers of ten).",
        )
        self.play(FadeIn(plot.group()), FadeIn(title), FadeIn(facts), FadeIn(legend), run_time=1.0)
        self.play(FadeIn(band), Create(expectation), run_time=1.0)

        # -- Beat 2: the runs.
        spread = max(abs(f - mu) for f in finals)
        self.beat(
            "runs",
            f"Each run's running mean wanders early on, then settles: after {p.n} {what} "
            f"every run is within {format_number(spread, 3)} of {format_number(mu)}.",
        )
        self.add(curves)
        self.play(reach.animate.set_value(log_n), run_time=6.0, rate_func=linear)
        for c in curves:
            c.clear_updaters()
        grow_all = [c for c in curves]
        for c, m in zip(grow_all, means, strict=True):
            c.set_points_as_corners(plot.points(x, m[ks - 1]))

        # -- Beat 3: the readout.
        inside = self.data["runs_inside_band_at_n"]
        self.beat(
            "verdict",
            f"After {p.n} {what} the means are "
            + ", ".join(format_number(f, 3) for f in finals)
            + f"; {inside} of {p.runs} lie inside μ ± 2σ/√n = {format_number(mu)} ± "
            f"{format_number(half_end, 3)}.",
        )
        self.play(FadeIn(finals_rows), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Each curve ends at its run's mean after n draws and follows its running mean;
        the band's edge at n is 2 sigma / sqrt(n) from the expectation."""
        plot = self.plot
        checks = [
            Invariant(
                "expectation line",
                plot.coords(self.expectation.get_start())[0, 1],
                self.data["expectation"],
                atol=GEOMETRY_ATOL,
            ),
        ]
        if beat in ("runs", "verdict"):
            for i, (curve, m) in enumerate(zip(self.curves, self.means, strict=True)):
                pts = plot.coords(curve_vertices(curve))
                checks.append(
                    Invariant(
                        f"run {i + 1} follows its running mean",
                        pts[:, 1],
                        m[self.ks - 1],
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
            band = plot.coords(curve_vertices(self.band))
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


class InverseTransform(MathScene):
    """Inverse-transform sampling.

    Uniform numbers on the vertical axis go across to the CDF and down to the
    horizontal axis, and the values they land on pile into a histogram that matches
    the target density.
    """

    params_type = InverseTransformParams

    def construct(self) -> None:
        p: InverseTransformParams = self.params
        if p.distribution == "exponential":
            dist = distributions.make("exponential", p.rate)

            def inverse(u: np.ndarray) -> np.ndarray:
                return sampling.exponential_inverse_cdf(u, p.rate)

            formula_tex = r"F^{-1}(u) = -\ln(1-u)/\lambda"
        else:
            dist = distributions.make("cauchy")

            def inverse(u: np.ndarray) -> np.ndarray:
                return sampling.cauchy_inverse_cdf(u)

            formula_tex = r"F^{-1}(u) = \tan\big(\pi (u - \tfrac12)\big)"
        draw = sampling.inverse_transform(inverse, p.n, generator(p.seed))
        lo, hi = dist.plot_range()
        edges = np.linspace(lo, hi, p.bins + 1)
        hist = inference.histogram(draw.samples, edges)
        d, pv = inference.ks_test(draw.samples, dist.cdf)
        inside = np.flatnonzero((draw.samples >= lo) & (draw.samples <= hi))
        followed = inside[: p.shown]
        self.data = {
            "distribution": dist.name,
            "distribution_parameters": [dist.p1, dist.p2],
            "n": p.n,
            "followed_uniforms": draw.uniforms[followed].tolist(),
            "followed_samples": draw.samples[followed].tolist(),
            "bin_edges": edges.tolist(),
            "counts": hist.counts.tolist(),
            "outside_bins": hist.outside,
            "ks_statistic": d,
            "ks_pvalue": pv,
        }
        self.hist, self.dist = hist, dist

        # -- Layout: the CDF on top, the histogram of F^-1(u) below, same x range.
        l0, r0, b0, t0 = plot_box()
        split = -0.55
        cdf_plot = Plot(
            lo, hi, 1.0, box=(l0, r0, split, t0), y_title="F(x)", x_title="x", y_ticks=2
        )
        peak = max(dist.density_peak(), float(hist.density.max()))
        pdf_plot = Plot(
            lo, hi, 1.1 * peak, box=(l0, r0, b0, split - 0.25), y_title="density", y_ticks=3
        )
        self.cdf_plot, self.pdf_plot = cdf_plot, pdf_plot
        xs = np.linspace(cdf_plot.x_lo, cdf_plot.x_hi, 4 * CURVE_POINTS)
        cdf_curve = plot_curve(cdf_plot, xs, dist.cdf(xs), PALETTE.density)
        pdf_curve = plot_curve(pdf_plot, xs, dist.pdf(xs), PALETTE.density)
        self.pdf_curve, self.curve_x = pdf_curve, xs
        bars = _Bars(pdf_plot, edges, np.zeros(p.bins), PALETTE.sample)
        self.bars = bars
        paths = VGroup()
        for k in followed:
            u, x = float(draw.uniforms[k]), float(draw.samples[k])
            across = Line(
                cdf_plot.points([cdf_plot.x_lo], [u])[0],
                cdf_plot.points([x], [u])[0],
                stroke_color=PALETTE.accent,
                stroke_width=3,
            )
            down = Arrow(
                cdf_plot.points([x], [u])[0],
                cdf_plot.points([x], [0.0])[0],
                buff=0,
                stroke_width=3,
                color=PALETTE.accent,
                max_tip_length_to_length_ratio=0.08,
                tip_length=0.15,
            )
            paths.add(VGroup(across, down))
        self.paths = paths
        u_x = cdf_plot.points([cdf_plot.x_lo], [0.0])[0][0]
        u_points = np.stack(
            [
                np.full(p.n, u_x + 0.12),
                cdf_plot.points(np.zeros(p.n), draw.uniforms)[:, 1],
                np.zeros(p.n),
            ],
            axis=1,
        )
        u_cloud = dot_cloud(u_points, PALETTE.sample, width=3)

        # -- Panel.
        left = panel_left()
        title = Text("Inverse transform", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        target = formula_row(rf"X \sim {dist.label()}", PALETTE.density)
        steps = VGroup(
            formula_row(r"u \sim U(0, 1)", PALETTE.sample),
            formula_row(formula_tex, PALETTE.accent),
            formula_row(r"\Rightarrow\ F^{-1}(u) \sim X", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        result = VGroup(
            text_row(f"{p.n} draws"),
            text_row(f"KS distance D = {format_number(d, 3)}"),
            text_row(f"p-value = {format_number(pv, 3)}", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        stack([title, target, steps, result], top=panel_top(), left=left, gap=0.35)

        # -- Beat 1: the CDF.
        self.beat(
            "cdf",
            f"The CDF F of {_plain(dist.label())} climbs from 0 to 1; reading it backwards "
            "turns a height u into a value x.",
        )
        self.play(
            FadeIn(cdf_plot.group()),
            FadeIn(pdf_plot.group()),
            FadeIn(title),
            FadeIn(target),
            run_time=1.0,
        )
        self.play(Create(cdf_curve), FadeIn(steps), run_time=1.2)

        # -- Beat 2: a few uniforms, followed across and down.
        first_u = format_number(self.data["followed_uniforms"][0], 3)
        first_x = format_number(self.data["followed_samples"][0], 3)
        self.beat(
            "follow",
            f"A uniform u goes across to the curve and down: u = {first_u} becomes "
            f"x = F^-1(u) = {first_x}.",
        )
        for path in paths:
            self.play(Create(path[0]), run_time=0.35)
            self.play(Create(path[1]), run_time=0.35)

        # -- Beat 3: all of them at once.
        self.beat(
            "histogram",
            f"All {p.n} uniforms, pushed through F^-1, pile into a histogram that follows "
            f"the density: KS distance D = {format_number(d, 3)}.",
        )
        self.play(FadeIn(u_cloud), paths.animate.set_opacity(0.35), run_time=0.8)
        self.add(bars)
        self.play(
            _morph_bars(bars, (edges, np.zeros(p.bins)), (edges, hist.density), run_time=1.8),
            run_time=1.8,
        )
        self.play(Create(pdf_curve), FadeIn(result), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Each followed path meets the CDF at (x, u) and lands at x; the bars are the
        normalised counts; the lower curve is the density."""
        checks = []
        if beat in ("follow", "histogram"):
            us = self.data["followed_uniforms"]
            xs = self.data["followed_samples"]
            ends = [self.cdf_plot.coords(path[0].get_end())[0] for path in self.paths]
            lands = [self.cdf_plot.coords(path[1].get_end())[0] for path in self.paths]
            checks += [
                Invariant(
                    "paths meet the CDF at (F^-1(u), u)",
                    ends,
                    np.stack([xs, us], axis=1),
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "F(x) = u where the path turns", self.dist.cdf(np.asarray(xs)), us, atol=1e-9
                ),
                Invariant(
                    "arrows land on x",
                    lands,
                    np.stack([xs, np.zeros(len(xs))], axis=1),
                    atol=GEOMETRY_ATOL,
                ),
            ]
        if beat == "histogram":
            measured = self.bars.measured()
            pts = self.pdf_plot.coords(curve_vertices(self.pdf_curve))
            checks += [
                Invariant(
                    "bar heights = count / (n width)",
                    measured[:, 2],
                    self.hist.density,
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "curve = density",
                    pts[:, 1],
                    np.minimum(self.dist.pdf(self.curve_x), self.pdf_plot.y_hi),
                    atol=1e-6,
                ),
            ]
        return checks


class RejectionSampling(MathScene):
    """Rejection sampling.

    Proposals are scattered uniformly under an envelope M g(x) that lies above the
    target density; the points under the target are kept and the rest fade, and the
    share accepted settles at one over M.
    """

    params_type = RejectionSamplingParams

    def construct(self) -> None:
        p: RejectionSamplingParams = self.params
        if p.target == "beta":
            target = distributions.make("beta", p.a, p.b)
            proposal = distributions.make("uniform", 0.0, 1.0)
            m_tight = target.density_peak()
            envelope_tex = rf"M \cdot U(0, 1),\ M = {latex_number(p.looseness * m_tight)}"

            def propose(k: int, g: np.random.Generator) -> np.ndarray:
                return g.random(k)

            lo, hi = 0.0, 1.0
        else:
            target = distributions.make("normal", 0.0, 1.0)
            proposal = distributions.make("cauchy", 0.0, 1.0)
            m_tight = sampling.normal_cauchy_envelope()
            envelope_tex = (
                rf"M \cdot \mathrm{{Cauchy}}(0, 1),\ M = {latex_number(p.looseness * m_tight)}"
            )

            def propose(k: int, g: np.random.Generator) -> np.ndarray:
                return sampling.cauchy_inverse_cdf(g.random(k))

            lo, hi = -4.0, 4.0
        m = p.looseness * m_tight * (1 + 1e-12)
        result = sampling.rejection_sample(
            target.pdf, propose, proposal.pdf, m, p.proposals, generator(p.seed)
        )
        running = result.running_acceptance()
        sizes = _stage_sizes(p.proposals)
        kept = result.samples
        d, pv = inference.ks_test(kept, target.cdf) if kept.size else (float("nan"), float("nan"))
        self.data = {
            "target": p.target,
            "target_parameters": [target.p1, target.p2],
            "envelope_factor": m,
            "expected_acceptance": 1.0 / m,
            "proposals": p.proposals,
            "accepted": int(result.accepted.sum()),
            "acceptance_rate": result.acceptance_rate,
            "stages": [
                {
                    "proposals": k,
                    "accepted": int(result.accepted[:k].sum()),
                    "acceptance_rate": float(running[k - 1]),
                }
                for k in sizes
            ],
            "ks_statistic": None if math.isnan(d) else d,
            "ks_pvalue": None if math.isnan(pv) else pv,
        }
        self.result, self.target, self.proposal, self.m = result, target, proposal, m

        # -- Layout.
        xs = np.linspace(lo, hi, 4 * CURVE_POINTS)
        env = m * proposal.pdf(xs)
        plot = Plot(lo, hi, 1.05 * float(env.max()), box=plot_box(), x_title="x", x_ticks=8)
        self.plot = plot
        self.curve_x = xs
        envelope = plot_curve(plot, xs, env, PALETTE.muted, width=3)
        density = plot_curve(plot, xs, target.pdf(xs), PALETTE.density)
        self.envelope, self.density = envelope, density
        in_view = (result.proposals >= plot.x_lo) & (result.proposals <= plot.x_hi)
        self.in_view = in_view
        pts = plot.points(np.where(in_view, result.proposals, 0.0), result.heights)
        acc_clouds, rej_clouds = [], []
        previous = 0
        for k in sizes:
            idx = np.arange(previous, k)
            idx = idx[in_view[previous:k]]
            a_idx = idx[result.accepted[idx]]
            r_idx = idx[~result.accepted[idx]]
            acc_clouds.append(dot_cloud(pts[a_idx], PALETTE.accepted, width=4))
            rej_clouds.append(dot_cloud(pts[r_idx], PALETTE.rejected, width=4))
            previous = k
        self.acc_clouds, self.rej_clouds = acc_clouds, rej_clouds

        # -- Panel.
        left = panel_left()
        title = Text("Rejection sampling", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        rows = VGroup(
            formula_row(rf"f = {target.label()}", PALETTE.density),
            formula_row(envelope_tex, PALETTE.muted),
            formula_row(r"\text{keep } x \text{ if } u\,M g(x) \le f(x)", PALETTE.text),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        for row in rows:
            if row.width > PANEL_WIDTH:
                row.scale_to_fit_width(PANEL_WIDTH)
        legend = VGroup(
            legend_row(_dot_swatch(PALETTE.accepted), "accepted"),
            legend_row(_dot_swatch(PALETTE.rejected), "rejected"),
        ).arrange(RIGHT, buff=0.4)

        def readout(k: int) -> VGroup:
            acc = int(result.accepted[:k].sum())
            return VGroup(
                text_row(f"accepted {acc} of {k}"),
                text_row(
                    f"rate {format_number(acc / k, 3)}, 1/M = {format_number(1 / m, 3)}",
                    PALETTE.accent,
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)

        box = readout(p.proposals)
        verdict = Text(
            "the kept points are\ndraws from f",
            font_size=TEXT_SIZE,
            color=PALETTE.text,
            line_spacing=0.8,
        )
        stack([title, rows, legend, box, verdict], top=panel_top(), left=left, gap=0.35)
        anchor = box.get_corner(UP + LEFT)

        # -- Beat 1: target and envelope.
        self.beat(
            "envelope",
            f"The target density f lies under the envelope M g(x) with M = "
            f"{format_number(m, 3)}: proposals come from g, heights uniformly up to M g(x).",
        )
        self.play(FadeIn(plot.group()), FadeIn(title), run_time=0.8)
        self.play(Create(envelope), Create(density), FadeIn(rows), FadeIn(legend), run_time=1.4)

        # -- Beats 2..: more proposals; the acceptance rate settles.
        box = readout(1).move_to(anchor, aligned_edge=UP + LEFT)
        for i, k in enumerate(sizes):
            rate = float(running[k - 1])
            self.beat(
                f"proposals-{k}",
                f"{k} proposals: points under f are kept (green), the others rejected (red); "
                f"the acceptance rate is {format_number(rate, 3)}, near 1/M = "
                f"{format_number(1 / m, 3)}.",
            )
            self.remove(box)
            box = readout(k).move_to(anchor, aligned_edge=UP + LEFT)
            self.add(box)
            # A short fade, then the still clouds are drawn once per animation.
            self.play(FadeIn(acc_clouds[i]), FadeIn(rej_clouds[i]), run_time=0.6)
            self.bring_to_back(acc_clouds[i], rej_clouds[i])
            self.wait(1.0)

        # -- Last beat: the rejected fade, the accepted remain.
        self.beat(
            "accepted",
            f"The rejected proposals fade; the {self.data['accepted']} accepted points fill "
            f"the area under f uniformly, so their x values are draws from f.",
        )
        self.play(*(c.animate.set_stroke(opacity=0.12) for c in rej_clouds), run_time=0.6)
        self.play(FadeIn(verdict, shift=0.2 * UP), run_time=0.8)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Curves at f and M g; every drawn green point lies under f and every red one
        above it; the drawn points are all the in-view proposals so far."""
        plot = self.plot
        checks = [
            Invariant(
                "envelope = M g",
                plot.coords(curve_vertices(self.envelope))[:, 1],
                np.minimum(self.m * self.proposal.pdf(self.curve_x), plot.y_hi),
                atol=1e-6,
            ),
            Invariant(
                "density = f",
                plot.coords(curve_vertices(self.density))[:, 1],
                np.minimum(self.target.pdf(self.curve_x), plot.y_hi),
                atol=1e-6,
            ),
        ]
        if beat.startswith("proposals-") or beat == "accepted":
            k = self.data["proposals"] if beat == "accepted" else int(beat.split("-")[1])
            shown = [i for i, s in enumerate(self.data["stages"]) if s["proposals"] <= k]
            acc = np.vstack([_cloud_points(self.acc_clouds[i]) for i in shown])
            rej = np.vstack([_cloud_points(self.rej_clouds[i]) for i in shown])
            acc_xy, rej_xy = plot.coords(acc), plot.coords(rej)
            f_acc = self.target.pdf(acc_xy[:, 0])
            f_rej = self.target.pdf(rej_xy[:, 0])
            checks += [
                Invariant(
                    "green points under f", float(np.all(acc_xy[:, 1] <= f_acc + 1e-9)), 1.0, atol=0
                ),
                Invariant(
                    "red points above f", float(np.all(rej_xy[:, 1] > f_rej - 1e-9)), 1.0, atol=0
                ),
                Invariant(
                    "all in-view proposals drawn",
                    len(acc_xy) + len(rej_xy),
                    int(self.in_view[:k].sum()),
                    atol=0,
                ),
                Invariant(
                    "green count = accepted in view",
                    len(acc_xy),
                    int((self.result.accepted[:k] & self.in_view[:k]).sum()),
                    atol=0,
                ),
            ]
        return checks


def _cloud_points(cloud: VMobject) -> np.ndarray:
    """The centres of a dot cloud made by :func:`dot_cloud` (one per 4 points)."""
    if len(cloud.points) == 0:
        return np.zeros((0, 3))
    return cloud.points[0::4]


def _dot_swatch(color: str) -> Dot:
    return Dot(radius=0.07, color=color)


#: The 2-D targets of the Metropolis-Hastings scene.
MH_TARGETS = {
    "two-bumps": sampling.GaussianMixture2D(
        (0.5, 0.5),
        ((-1.5, -1.0), (1.5, 1.0)),
        (((0.5, 0.25), (0.25, 0.5)), ((0.5, -0.2), (-0.2, 0.5))),
    ),
    "correlated": sampling.GaussianMixture2D((1.0,), ((0.0, 0.0),), (((1.0, 0.8), (0.8, 1.0)),)),
}
#: Half-width of the square the chain is drawn in.
MH_HALF = 4.0


class MetropolisHastings(MathScene):
    """Metropolis-Hastings on a 2-D density.

    A random walk proposes a step, moves there if the density is higher and otherwise
    only sometimes, and its visited points fill the density's contour plot.
    """

    params_type = MetropolisHastingsParams

    def construct(self) -> None:
        p: MetropolisHastingsParams = self.params
        target = MH_TARGETS[p.target]
        run = sampling.metropolis_hastings(
            target.log_density, p.start, p.step, p.steps, generator(p.seed)
        )
        mean_true = np.asarray(target.means, dtype=float).T @ np.asarray(target.weights)
        chain_mean = run.chain[1:].mean(axis=0)
        shown = p.shown
        self.data = {
            "target": p.target,
            "step": p.step,
            "steps": p.steps,
            "start": list(p.start),
            "acceptance_rate": run.acceptance_rate,
            "accepted": int(run.accepted.sum()),
            "chain_mean": chain_mean.tolist(),
            "target_mean": mean_true.tolist(),
            "final_state": run.chain[-1].tolist(),
            "shown_proposals": run.proposals[:shown].tolist(),
            "shown_accepted": [bool(a) for a in run.accepted[:shown]],
        }
        self.run = run

        # -- Layout: a square view of [-4, 4]^2 with equal units.
        l0, r0, b0, t0 = plot_box()
        side = min(r0 - l0 - 0.8, t0 - b0 - 0.6)
        unit = side / (2 * MH_HALF)
        centre = np.array([l0 + 0.8 + side / 2, b0 + 0.6 + side / 2, 0.0])
        view = PlotMapping(
            origin=centre,
            ex=np.array([unit, 0.0, 0.0]),
            ey=np.array([0.0, unit, 0.0]),
            y_hi=MH_HALF,
        )
        self.view = view
        frame = Rectangle(width=side, height=side, stroke_color=PALETTE.muted, stroke_width=2)
        frame.move_to(centre)
        ticks = VGroup()
        for v in (-MH_HALF, 0.0, MH_HALF):
            ticks.add(
                formula_row(format_number(v), PALETTE.muted).next_to(
                    view.points([v], [-MH_HALF])[0], DOWN, buff=0.12
                )
            )
            if v != -MH_HALF:
                ticks.add(
                    formula_row(format_number(v), PALETTE.muted).next_to(
                        view.points([-MH_HALF], [v])[0], LEFT, buff=0.12
                    )
                )
        grid = np.linspace(-MH_HALF, MH_HALF, 121)
        gx, gy = np.meshgrid(grid, grid)
        dens = target.density(np.stack([gx.ravel(), gy.ravel()], axis=1)).reshape(gx.shape)
        contours = VGroup()
        for frac in (0.1, 0.3, 0.5, 0.7, 0.9):
            for line in contour_lines(grid, grid, dens, frac * float(dens.max())):
                c = VMobject(
                    stroke_color=PALETTE.density, stroke_width=2, stroke_opacity=0.4 + 0.5 * frac
                )
                c.set_points_as_corners(view.points(line[:, 0], line[:, 1]))
                contours.add(c)

        def in_view(pts: np.ndarray) -> np.ndarray:
            out: np.ndarray = np.all(np.abs(pts) <= MH_HALF, axis=1)
            return out

        # -- Panel.
        left = panel_left()
        title = Text("Metropolis-Hastings", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        rule = VGroup(
            formula_row(rf"y = x + {latex_number(p.step)}\,\varepsilon", PALETTE.accent),
            formula_row(r"\text{move if } u \le \pi(y)/\pi(x)", PALETTE.text),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        legend = VGroup(
            legend_row(_dot_swatch(PALETTE.accepted), "accepted move"),
            legend_row(_dot_swatch(PALETTE.rejected), "rejected proposal"),
            legend_row(_dot_swatch(PALETTE.sample), "visited states"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        readout = VGroup(
            text_row(f"{p.steps} steps, {format_number(100 * run.acceptance_rate, 1)}% accepted"),
            text_row(
                f"chain mean ({format_number(chain_mean[0])}, {format_number(chain_mean[1])})",
                PALETTE.sample,
            ),
            text_row(
                f"target mean ({format_number(mean_true[0])}, {format_number(mean_true[1])})",
                PALETTE.density,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        stack([title, rule, legend, readout], top=panel_top(), left=left, gap=0.35)

        # -- Beat 1: the target's contours.
        self.beat(
            "target",
            "The target density π is drawn as contour lines; the chain starts at ("
            f"{format_number(p.start[0])}, {format_number(p.start[1])}), far from its mass.",
        )
        marker = Dot(
            view.points([p.start[0]], [p.start[1]])[0], radius=0.08, color=PALETTE.accepted
        )
        self.marker = marker
        self.play(FadeIn(frame), FadeIn(ticks), FadeIn(title), run_time=0.8)
        self.play(Create(contours), FadeIn(rule), FadeIn(legend), run_time=1.4)
        self.play(FadeIn(marker), run_time=0.4)

        # -- Beat 2: the first steps one by one.
        path = VMobject(stroke_color=PALETTE.accepted, stroke_width=3)
        path.set_points_as_corners(view.points([p.start[0]] * 2, [p.start[1]] * 2))
        self.path = path
        self.add(path)
        n_acc = int(run.accepted[:shown].sum())
        self.beat(
            "walk",
            f"Each step proposes a jump (dashed); it is taken if the density rises, and with "
            f"probability π(y)/π(x) if it falls: {n_acc} of the first {shown} were taken.",
        )
        visited = [run.chain[0]]
        pace = min(0.45, 7.0 / max(1, shown))  # seconds per step: at most 7 s in all
        for k in range(shown):
            x0, y1 = run.chain[k], run.proposals[k]
            ok = bool(run.accepted[k])
            a, b = _clip_to_square(x0, y1)
            proposal = DashedLine(
                view.points([a[0]], [a[1]])[0],
                view.points([b[0]], [b[1]])[0],
                stroke_color=PALETTE.accepted if ok else PALETTE.rejected,
                stroke_width=3,
                dash_length=0.08,
            )
            self.play(Create(proposal), run_time=0.45 * pace)
            if ok:
                visited.append(y1)
                v = np.array(visited)
                self.play(
                    marker.animate.move_to(view.points([y1[0]], [y1[1]])[0]),
                    FadeOut(proposal),
                    run_time=0.55 * pace,
                )
                path.set_points_as_corners(view.points(v[:, 0], v[:, 1]))
            else:
                self.play(FadeOut(proposal), run_time=0.45 * pace)
        self.visited = np.array(visited)

        # -- Beat 3: the whole chain.
        states = run.chain[1:]
        keep = in_view(states)
        half_way = len(states) // 4
        clouds = [
            dot_cloud(
                view.points(
                    states[:half_way][keep[:half_way], 0], states[:half_way][keep[:half_way], 1]
                ),
                PALETTE.sample,
                width=3,
            ),
            dot_cloud(
                view.points(
                    states[half_way:][keep[half_way:], 0], states[half_way:][keep[half_way:], 1]
                ),
                PALETTE.sample,
                width=3,
            ),
        ]
        self.clouds, self.cloud_keep = clouds, keep
        self.beat(
            "cloud",
            f"After {p.steps} steps ({format_number(100 * run.acceptance_rate, 1)}% accepted) "
            + (
                "the visited states fill the density: their mean is ("
                if float(np.linalg.norm(chain_mean - mean_true)) <= 0.3
                else "the chain has not yet explored the whole density: its mean is ("
            )
            + f"{format_number(chain_mean[0])}, {format_number(chain_mean[1])}) against the "
            f"target's ({format_number(mean_true[0])}, {format_number(mean_true[1])}).",
        )
        final = run.chain[-1]
        self.play(FadeIn(clouds[0]), path.animate.set_stroke(opacity=0.3), run_time=0.6)
        self.wait(0.4)
        self.play(FadeIn(clouds[1]), run_time=0.6)
        self.bring_to_front(marker)  # Manim redraws everything above a moving mobject
        self.play(marker.animate.move_to(view.points([final[0]], [final[1]])[0]), run_time=0.8)
        self.play(FadeIn(readout), run_time=0.8)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """The marker sits on the chain's current state; the path joins the states
        visited so far; the cloud holds every later state inside the view."""
        view = self.view
        checks = []
        if beat == "walk":
            shown = self.params.shown
            checks += [
                Invariant(
                    "marker at the chain's state",
                    view.coords(self.marker.get_center())[0],
                    self.run.chain[shown],
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "path through the visited states",
                    view.coords(curve_vertices(self.path))[-1],
                    self.visited[-1],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        if beat == "cloud":
            drawn = np.vstack([view.coords(_cloud_points(c)) for c in self.clouds])
            expected = self.run.chain[1:][self.cloud_keep]
            checks += [
                Invariant("cloud = the chain's states", drawn, expected, atol=GEOMETRY_ATOL),
                Invariant(
                    "marker at the final state",
                    view.coords(self.marker.get_center())[0],
                    self.data["final_state"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        return checks


def _clip_to_square(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The segment a-b shortened to the view square (a is inside it or on it)."""
    a = np.clip(a, -MH_HALF, MH_HALF)
    d = b - a
    t = 1.0
    for i in range(2):
        if d[i] > 0:
            t = min(t, (MH_HALF - a[i]) / d[i])
        elif d[i] < 0:
            t = min(t, (-MH_HALF - a[i]) / d[i])
    return a, a + max(0.0, t) * d
