"""Discrete distributions and their samples.

Render it with plain Manim:
``manim -pql scenes/probability/discrete_distributions.py DiscreteDistributions``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Circle,
    Create,
    DashedLine,
    DoubleArrow,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    Transform,
    VGroup,
    VMobject,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/probability/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import discrete
from mlmath_viz.random import generator
from scenes.kit.builders import stack
from scenes.kit.histogram import Bars
from scenes.kit.legends import bar_swatch, dot_swatch, legend_row
from scenes.kit.marks import dot_cloud, keep_wide
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel_rows import formula
from scenes.kit.plotting import Plot, cloud_points, panel_title, panel_top, plot_box
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import GEOMETRY_ATOL, PALETTE, TEXT_SIZE, panel_left
from scenes.probability.params import DiscreteDistributionsParams

#: Sample sizes shown on the way to ``samples`` (those below it, then ``samples``).
STAGES = (10, 100, 1000, 10_000)
#: Group sizes the binomial's n steps through towards n_end.
LIMIT_STEPS = 5
#: The most stems that get a dot on top (more would run together).
MAX_HEADS = 40
#: Width of a sample bar, in k units.
BAR_WIDTH = 0.7


# The colour roles: the pmf the density colour (stems and dots), the samples' relative
# frequencies the sample colour, the Poisson limit a series colour apart from both, the
# mean and its standard deviation the text colour.
def pmf_colour() -> str:
    return PALETTE.density


def sample_colour() -> str:
    return PALETTE.sample


def limit_colour() -> str:
    return PALETTE.series[2]


@dataclass
class DiscretePicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    support: np.ndarray  # the k drawn
    stems: VGroup  # one stem per k, from 0 to the pmf
    heads: VMobject  # one dot per k at the pmf
    bars: Bars  # relative frequencies of the samples
    mean_line: DashedLine
    spread: DoubleArrow  # mean +- sd
    shown: discrete.Discrete  # the distribution whose pmf the stems show now
    limit_heads: VMobject | None = None  # the Poisson pmf, binomial only


class DiscreteDistributions(MathScene):
    """Discrete distributions and their samples.

    The probability mass function of a binomial, Poisson or geometric distribution with
    its mean and standard deviation; samples pile up against it; and a binomial with
    more and more trials at the same mean becomes the Poisson.
    """

    params_type = DiscreteDistributionsParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: DiscreteDistributionsParams = self.params
        dist = discrete.make(p.distribution, n=p.n, p=p.p, rate=p.rate)
        draws = dist.sample(p.samples, generator(p.seed))
        self.dist = dist
        self.stages = [s for s in STAGES if s < p.samples] + [p.samples]
        self.limits = self.limit_sequence(dist)
        support = self.support(dist)
        self.data = self.sidecar(dist, draws, support)
        self.picture = self.build(dist, support)
        self.panel_rows = self.build_panel(dist)
        self.show_pmf()
        self.show_samples()
        if self.limits:
            self.show_limit()

    # ------------------------------------------------------------------ numbers

    def limit_sequence(self, dist: discrete.Discrete) -> list[discrete.Discrete]:
        """Binomials with more trials and the same mean, n to n_end (binomial only)."""
        p: DiscreteDistributionsParams = self.params
        if dist.name != "binomial":
            return []
        mean = dist.mean
        return [
            discrete.make("binomial", n=n, p=mean / n)
            for n in discrete.rare_event_sizes(p.n, p.n_end, LIMIT_STEPS)
        ]

    def support(self, dist: discrete.Discrete) -> np.ndarray:
        """The k drawn: the distribution's shown support, and for the binomial also
        those of the limit's binomials and of the Poisson."""
        ks = [discrete.shown_support(dist)]
        if self.limits:
            ks += [discrete.shown_support(d) for d in self.limits]
            ks.append(discrete.shown_support(discrete.make("poisson", rate=dist.mean)))
        lo = min(int(k[0]) for k in ks)
        hi = max(int(k[-1]) for k in ks)
        return np.arange(lo, hi + 1, dtype=np.int64)

    def sidecar(
        self, dist: discrete.Discrete, draws: np.ndarray, support: np.ndarray
    ) -> dict[str, object]:
        p: DiscreteDistributionsParams = self.params
        counts, below, above = discrete.counts_on(draws, support)
        data: dict[str, object] = {
            "distribution": dist.name,
            "parameters": {
                "binomial": {"n": p.n, "p": p.p},
                "poisson": {"rate": p.rate},
                "geometric": {"p": p.p},
            }[dist.name],
            "support": support.tolist(),
            "pmf": dist.pmf(support).tolist(),
            "mean": dist.mean,
            "variance": dist.variance,
            "sd": dist.sd,
            "samples": p.samples,
            "seed": p.seed,
            "counts": counts.tolist(),
            "counts_below_support": below,
            "counts_above_support": above,
            "sample_mean": float(np.mean(draws)),
            "sample_variance": float(np.var(draws, ddof=1)) if draws.size > 1 else 0.0,
            "stages": list(self.stages),
            "stage_counts": [
                discrete.counts_on(draws[:s], support)[0].tolist() for s in self.stages
            ],
            "stage_means": [float(np.mean(draws[:s])) for s in self.stages],
        }
        if self.limits:
            poisson = discrete.make("poisson", rate=dist.mean)
            upto = int(support[-1]) + 200
            data["limit"] = {
                "n": [d.n for d in self.limits],
                "p": [d.p for d in self.limits],
                "poisson_rate": dist.mean,
                "poisson_pmf": poisson.pmf(support).tolist(),
                "total_variation": [
                    discrete.total_variation(d, poisson, upto) for d in self.limits
                ],
            }
        return data

    # ------------------------------------------------------------------ building

    def build(self, dist: discrete.Discrete, support: np.ndarray) -> DiscretePicture:
        d = self.data
        stage_peak = max(max(c) / s for c, s in zip(d["stage_counts"], self.stages, strict=True))
        pmf_peak = max(
            [float(dist.pmf(support).max())] + [float(x.pmf(support).max()) for x in self.limits]
        )
        if self.limits:
            pmf_peak = max(pmf_peak, max(d["limit"]["poisson_pmf"]))
        left, right, bottom, top = plot_box()
        plot = Plot(
            float(support[0]) - 0.6,
            float(support[-1]) + 0.6,
            1.15 * max(pmf_peak, stage_peak),
            box=(left, right, bottom, top - 0.1),  # the y title inside the safe area
            y_title="probability",
            x_title="k",
            x_ticks=min(10, support.size),
            x_format=lambda v: format_number(v, 0) if abs(v - round(v)) < 1e-9 else "",
        )
        stems, heads = self.lollipops(plot, support, dist.pmf(support), pmf_colour())
        edges = np.column_stack([support - BAR_WIDTH / 2, support + BAR_WIDTH / 2])
        bars = GappedBars(plot, edges, np.zeros(support.size), sample_colour())
        mean_line = DashedLine(
            plot.c2p(dist.mean, 0.0),
            plot.c2p(dist.mean, 0.92 * plot.y_hi),
            stroke_color=PALETTE.text,
            stroke_width=4,
        )
        y = min(0.9 * plot.y_hi, 1.1 * float(dist.pmf(support).max()) + 0.05 * plot.y_hi)
        spread = DoubleArrow(
            plot.c2p(dist.mean - dist.sd, y),
            plot.c2p(dist.mean + dist.sd, y),
            buff=0,
            stroke_width=4,
            color=PALETTE.text,
            tip_length=0.15,
        )
        keep_wide(spread)  # a short arrow's shaft is thinned by Manim
        return DiscretePicture(plot, support, stems, heads, bars, mean_line, spread, dist)

    @staticmethod
    def lollipops(
        plot: Plot, support: np.ndarray, pmf: np.ndarray, colour: str
    ) -> tuple[VGroup, VMobject]:
        stems = VGroup(
            *(
                Line(plot.c2p(k, 0.0), plot.c2p(k, v), stroke_color=colour, stroke_width=4)
                for k, v in zip(support, pmf, strict=True)
            )
        )
        # a dot per stem while they stand apart; past MAX_HEADS stems the dots would merge
        shown = support.size <= MAX_HEADS
        heads = dot_cloud(plot.points(support, pmf), colour, width=12) if shown else VMobject()
        return stems, heads

    def build_panel(self, dist: discrete.Discrete) -> VGroup:
        p: DiscreteDistributionsParams = self.params
        if dist.name == "binomial":
            name = rf"X \sim \mathrm{{Bin}}({p.n},\ {latex_number(p.p)})"
            law = r"P(X = k) = \binom{n}{k} p^k q^{n-k}"
            moments = (
                rf"q = 1 - p,\ E X = np = {latex_number(dist.mean)}",
                rf"\mathrm{{Var}}\,X = npq = {latex_number(dist.variance)}",
            )
        elif dist.name == "poisson":
            name = rf"X \sim \mathrm{{Poisson}}({latex_number(p.rate)})"
            law = r"P(X = k) = e^{-\lambda} \lambda^k / k!"
            moments = (
                rf"E X = \lambda = {latex_number(dist.mean)}",
                rf"\mathrm{{Var}}\,X = \lambda = {latex_number(dist.variance)}",
            )
        else:
            name = rf"X \sim \mathrm{{Geometric}}({latex_number(p.p)})"
            law = r"P(X = k) = (1 - p)^{k - 1} p"
            moments = (
                rf"E X = 1/p = {latex_number(dist.mean)}",
                rf"\mathrm{{Var}}\,X = (1 - p)/p^2 = {latex_number(dist.variance)}",
            )
        rows = VGroup(
            panel_title("Discrete distributions"),
            formula(name, pmf_colour()),
            formula(law),
            formula(moments[0]),
            formula(moments[1]),
            formula(rf"\sigma = {latex_number(dist.sd)}"),
            legend_row(dot_swatch(pmf_colour()), formula(r"\text{pmf}\ P(X = k)")),
            legend_row(bar_swatch(sample_colour()), _words("share of the samples")),
        )
        stack(list(rows), top=panel_top(), left=panel_left(), gap=0.2)
        return rows

    def moment_rows(self, dist: discrete.Discrete) -> list[Mobject]:
        """The binomial's mean, variance and sd rows for ``dist``, where the panel's are."""
        rows = [
            formula(rf"q = 1 - p,\ E X = np = {latex_number(dist.mean)}"),
            formula(rf"\mathrm{{Var}}\,X = npq = {latex_number(dist.variance)}"),
            formula(rf"\sigma = {latex_number(dist.sd)}"),
        ]
        for new, old in zip(rows, self.panel_rows[3:6], strict=True):
            new.move_to(old, aligned_edge=LEFT)
        return rows

    def mean_readout(self, shown: int, mean: float) -> Mobject:
        row = formula(
            rf"{shown}\ \text{{samples:}}\ \bar x = {latex_number(mean)}", sample_colour()
        )
        row.next_to(self.panel_rows[-1], DOWN, buff=0.3).align_to(self.panel_rows[-1], LEFT)
        return row

    # ------------------------------------------------------------------ beats

    def show_pmf(self) -> None:
        # The viewer sees the pmf as stems and its mean and spread.
        dist, pic = self.dist, self.picture
        self.beat(
            "pmf",
            f"{self.words(dist)}: each stem is P(X = k); the mean is "
            f"{format_number(dist.mean)} (dashed) and the standard deviation "
            f"{format_number(dist.sd)} (the arrow spans mean ± σ).",
        )
        rows = self.panel_rows
        self.play(
            FadeIn(pic.plot.group()),
            FadeIn(rows[0]),
            FadeIn(rows[1]),
            FadeIn(rows[2]),
            run_time=1.0,
        )
        self.play(Create(pic.stems), FadeIn(pic.heads), FadeIn(rows[6]), run_time=1.2)
        self.play(Create(pic.mean_line), Create(pic.spread), FadeIn(rows[3:6]), run_time=1.0)
        self.wait(0.5)

    def show_samples(self) -> None:
        # The viewer watches the samples' shares settle on the pmf.
        p: DiscreteDistributionsParams = self.params
        pic, d = self.picture, self.data
        self.beat(
            "samples",
            f"{p.samples} draws (seed {p.seed}): the share of samples at each k (bars) "
            f"settles on P(X = k), and the sample mean is "
            f"{format_number(d['sample_mean'])} against {format_number(self.dist.mean)}.",
        )
        self.add(pic.bars)
        self.play(FadeIn(self.panel_rows[7]), run_time=0.5)
        heights = np.zeros(pic.support.size)
        readout = None
        for shown, counts, mean in zip(
            self.stages, d["stage_counts"], d["stage_means"], strict=True
        ):
            new = np.asarray(counts, dtype=float) / shown
            new_readout = self.mean_readout(shown, mean)
            self.play(
                pic.bars.grow(heights, new, run_time=1.0),
                *([Transform(readout, new_readout)] if readout else [FadeIn(new_readout)]),
            )
            readout = readout or new_readout
            heights = new
        self.readout = readout
        self.wait(0.8)

    def show_limit(self) -> None:
        # The viewer sees the binomial with many trials and the same mean become the
        # Poisson: the law of rare events.
        pic, d = self.picture, self.data
        lim = d["limit"]
        rate = lim["poisson_rate"]
        poisson = discrete.make("poisson", rate=rate)
        plot = pic.plot
        rings = VGroup(
            *(
                Circle(radius=0.11, stroke_color=limit_colour(), stroke_width=4).move_to(point)
                for point in plot.points(pic.support, poisson.pmf(pic.support))
            )
        )
        pic.limit_heads = rings
        first, last = self.limits[0], self.limits[-1]
        self.beat(
            "limit",
            f"Keep the mean n p = {format_number(rate)} and raise n from {first.n} to "
            f"{last.n}: the binomial's stems move onto the Poisson({format_number(rate)}) pmf "
            f"(rings); the total variation distance falls from "
            f"{format_number(lim['total_variation'][0], 3)} to "
            f"{format_number(lim['total_variation'][-1], 3)}.",
        )
        ring = Circle(radius=0.09, stroke_color=limit_colour(), stroke_width=4)
        legend = legend_row(ring, _words(f"Poisson({format_number(rate)})"))
        legend.move_to(self.panel_rows[7], aligned_edge=LEFT)
        self.play(
            FadeOut(pic.bars),
            FadeOut(self.readout),
            FadeOut(pic.spread),
            FadeOut(pic.mean_line),
            FadeOut(self.panel_rows[7]),
            FadeIn(rings),
            FadeIn(legend),
            run_time=1.0,
        )
        tv_row = None
        for dist, tv in zip(self.limits[1:], lim["total_variation"][1:], strict=True):
            stems, heads = self.lollipops(plot, pic.support, dist.pmf(pic.support), pmf_colour())
            new_name = formula(
                rf"X \sim \mathrm{{Bin}}({dist.n},\ {latex_number(dist.p, 3)})",
                pmf_colour(),
            ).move_to(self.panel_rows[1], aligned_edge=LEFT)
            moments = self.moment_rows(dist)
            new_tv = formula(rf"\mathrm{{TV}} = {latex_number(tv, 3)}", limit_colour())
            new_tv.next_to(legend, DOWN, buff=0.25).align_to(legend, LEFT)
            self.play(
                Transform(pic.stems, stems),
                Transform(pic.heads, heads),
                Transform(self.panel_rows[1], new_name),
                *(Transform(a, b) for a, b in zip(self.panel_rows[3:6], moments, strict=True)),
                *([Transform(tv_row, new_tv)] if tv_row else [FadeIn(new_tv)]),
                run_time=1.0,
            )
            tv_row = tv_row or new_tv
            pic.shown = dist
        self.wait(1.2)

    # ------------------------------------------------------------------ words

    @staticmethod
    def words(dist: discrete.Discrete) -> str:
        if dist.name == "binomial":
            return (
                f"Binomial(n = {dist.n}, p = {format_number(dist.p)}): the number of "
                f"successes in {dist.n} trials"
            )
        if dist.name == "poisson":
            return (
                f"Poisson(λ = {format_number(dist.rate)}): counts of events at rate "
                f"{format_number(dist.rate)}"
            )
        return (
            f"Geometric(p = {format_number(dist.p)}): the number of trials up to the first success"
        )

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        roles = {"pmf": pmf_colour()}
        if beat == "samples":
            roles["samples"] = sample_colour()
        if beat == "limit":
            roles["Poisson"] = limit_colour()
        return roles

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The stems reach the pmf of the distribution shown; the bars are the samples'
        shares; the mean line at the mean."""
        pic, d = self.picture, self.data
        plot = pic.plot
        tops = np.array([plot.p2c(s.get_end())[1] for s in pic.stems])
        checks = [
            Invariant(
                "stems reach the pmf shown",
                tops,
                pic.shown.pmf(pic.support),
                atol=1e-6,
            ),
        ]
        if pic.support.size <= MAX_HEADS:
            checks.append(
                Invariant(
                    "dots sit on the stems' tops",
                    plot.coords(cloud_points(pic.heads))[:, 1],
                    pic.shown.pmf(pic.support),
                    atol=1e-6,
                )
            )
        if beat in ("pmf", "samples"):
            checks.append(
                Invariant(
                    "mean line at the mean",
                    float(plot.p2c(pic.mean_line.get_start())[0]),
                    d["mean"],
                    atol=GEOMETRY_ATOL,
                )
            )
        if beat == "samples":
            checks.append(
                Invariant(
                    "bars are the shares of all the samples",
                    pic.bars.measured()[:, 2],
                    np.asarray(d["counts"], dtype=float) / d["samples"],
                    atol=1e-6,
                )
            )
        return checks


class GappedBars(Bars):
    """Bars with a gap between neighbours (one bar per value k of a discrete variable):
    ``edges`` has a (left, right) row per bar."""

    def __init__(self, plot: Plot, edges: np.ndarray, heights: np.ndarray, color: str) -> None:
        self.pairs = np.asarray(edges, dtype=float)
        super().__init__(plot, np.append(self.pairs[:, 0], self.pairs[-1, 1]), heights, color)
        self.set_gapped(heights)

    def set_gapped(self, heights: np.ndarray) -> GappedBars:
        for k, bar in enumerate(self.submobjects):
            h = min(float(heights[k]), self.y_cap)
            a, b = self.pairs[k]
            bar.set_points_as_corners(self.coords.c2p([a, b, b, a, a], [0, 0, h, h, 0]))
        return self

    def grow(self, start: np.ndarray, end: np.ndarray, run_time: float) -> Mobject:
        from manim import UpdateFromAlphaFunc, smooth

        def update(m: Mobject, alpha: float) -> None:
            self.set_gapped((1 - alpha) * start + alpha * end)

        return UpdateFromAlphaFunc(self, update, run_time=run_time, rate_func=smooth)


def _words(text: str, color: str | None = None) -> Mobject:
    from manim import Text

    return Text(text, font_size=TEXT_SIZE, color=color or PALETTE.text)


__all__ = ["DiscreteDistributions"]
