"""Inverse-transform sampling.

Render it with plain Manim:
``manim -pql scenes/probability/inverse_transform.py InverseTransform``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Arrow,
    Create,
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
):  # run as a file by plain `manim scenes/probability/inverse_transform.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import distributions, inference, sampling
from mlmath_viz.random import generator
from scenes.kit.builders import stack
from scenes.kit.histogram import Bars, morph_bars
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    curve_vertices,
    dot_cloud,
    formula_row,
    panel_top,
    plot_curve,
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
from scenes.probability.common import (
    POINT_WIDTH,
    plain_label,
    safe_plot_box,
)
from scenes.probability.params import (
    InverseTransformParams,
)


@dataclass
class InversePicture:
    """What the invariants read from the drawn picture (and the pieces the beats play)."""

    cdf_plot: Plot  # the CDF on top
    pdf_plot: Plot  # the histogram of F^-1(u) below, same x range
    cdf_curve: VMobject
    pdf_curve: VMobject  # the density over ``curve_x``
    curve_x: np.ndarray
    bars: Bars
    paths: VGroup  # per followed uniform: across to the CDF, then an arrow down
    u_cloud: VMobject  # the rug: up to RUG_DOTS uniforms, as dots by the vertical axis
    u_rug: np.ndarray  # the uniforms the rug shows
    cdf_title: Mobject
    dist: distributions.Distribution
    hist: inference.Histogram


@dataclass
class InversePanel:
    """The panel's rows: title, target, the recipe's steps and the KS result."""

    title: Text
    target: Mobject
    steps: VGroup
    first: Mobject  # u -> x of the first followed uniform
    result: VGroup


#: Largest number of uniforms in the rug, and the rug's width in scene units.
RUG_DOTS = 400
RUG_WIDTH = 0.3


def rug_indices(n: int) -> np.ndarray:
    """Every k-th of ``n`` draws, at most :data:`RUG_DOTS` of them."""
    return np.arange(0, n, max(1, -(-n // RUG_DOTS)))


class InverseTransform(MathScene):
    """Inverse-transform sampling.

    Uniform numbers on the vertical axis go across to the CDF and down to the
    horizontal axis, and the values they land on pile into a histogram that matches
    the target density.
    """

    params_type = InverseTransformParams

    def construct(self) -> None:
        p: InverseTransformParams = self.params
        dist, inverse, formula_tex = self.choose_target()
        draw = sampling.inverse_transform(inverse, p.n, generator(p.seed))
        lo, hi = dist.plot_range()
        hist = inference.histogram(draw.samples, np.linspace(lo, hi, p.bins + 1))
        inside = np.flatnonzero((draw.samples >= lo) & (draw.samples <= hi))
        followed = inside[: p.shown]
        self.data = self.sidecar(dist, draw, hist, followed)
        self.picture = self.build_plots(dist, draw, hist, followed)
        panel = self.panel = self.build_panel(formula_tex)
        self.show_cdf(panel)
        self.follow_uniforms(panel)
        self.pile_up(panel)

    def choose_target(
        self,
    ) -> tuple[distributions.Distribution, Callable[[np.ndarray], np.ndarray], str]:
        """The target, its inverse CDF and that inverse as LaTeX."""
        p: InverseTransformParams = self.params
        if p.distribution == "exponential":

            def inverse(u: np.ndarray) -> np.ndarray:
                return sampling.exponential_inverse_cdf(u, p.rate)

            return (
                distributions.make("exponential", p.rate),
                inverse,
                r"F^{-1}(u) = -\ln(1-u)/\lambda",
            )

        def inverse_cauchy(u: np.ndarray) -> np.ndarray:
            return sampling.cauchy_inverse_cdf(u)

        return (
            distributions.make("cauchy"),
            inverse_cauchy,
            r"F^{-1}(u) = \tan\big(\pi (u - \tfrac12)\big)",
        )

    def sidecar(
        self,
        dist: distributions.Distribution,
        draw: sampling.InverseTransformDraw,
        hist: inference.Histogram,
        followed: np.ndarray,
    ) -> dict[str, object]:
        d, pv = inference.ks_test(draw.samples, dist.cdf)
        return {
            "distribution": dist.name,
            "distribution_parameters": [dist.p1, dist.p2],
            "n": self.params.n,
            "followed_uniforms": draw.uniforms[followed].tolist(),
            "followed_samples": draw.samples[followed].tolist(),
            "bin_edges": hist.edges.tolist(),
            "counts": hist.counts.tolist(),
            "outside_bins": hist.outside,
            "ks_statistic": d,
            "ks_pvalue": pv,
        }

    def build_plots(
        self,
        dist: distributions.Distribution,
        draw: sampling.InverseTransformDraw,
        hist: inference.Histogram,
        followed: np.ndarray,
    ) -> InversePicture:
        """The CDF on top, the histogram of F^-1(u) below, same x range; the followed
        uniforms' paths and the cloud of all uniforms."""
        p: InverseTransformParams = self.params
        lo, hi = dist.plot_range()
        l0, r0, b0, t0 = safe_plot_box()
        split = -0.55
        cdf_plot = Plot(lo, hi, 1.0, box=(l0, r0, split, t0), y_title="", x_title="x", y_ticks=2)
        # The CDF's title is math, so it is set in LaTeX where the plot puts its titles.
        cdf_title = formula_row("F(x)", PALETTE.muted, TICK_SIZE).next_to(
            cdf_plot.axes.c2p(cdf_plot.x_lo, cdf_plot.y_hi), UP, buff=0.15, aligned_edge=LEFT
        )
        peak = max(dist.density_peak(), float(hist.density.max()))
        pdf_plot = Plot(
            lo, hi, 1.1 * peak, box=(l0, r0, b0, split - 0.25), y_title="density", y_ticks=3
        )
        xs = np.linspace(cdf_plot.x_lo, cdf_plot.x_hi, 4 * CURVE_POINTS)
        cdf_curve = plot_curve(cdf_plot, xs, dist.cdf(xs), PALETTE.density)
        pdf_curve = plot_curve(pdf_plot, xs, dist.pdf(xs), PALETTE.density)
        bars = Bars(pdf_plot, hist.edges, np.zeros(p.bins), PALETTE.sample)
        paths = VGroup()
        for k in followed:
            u, x = float(draw.uniforms[k]), float(draw.samples[k])
            across = Line(
                cdf_plot.c2p(cdf_plot.x_lo, u),
                cdf_plot.c2p(x, u),
                stroke_color=PALETTE.accent,
                stroke_width=LINE_WIDTH,
            )
            down = Arrow(
                cdf_plot.c2p(x, u),
                cdf_plot.c2p(x, 0.0),
                buff=0,
                stroke_width=LINE_WIDTH,
                color=PALETTE.accent,
                max_tip_length_to_length_ratio=0.08,
                max_stroke_width_to_length_ratio=1000,
                tip_length=0.15,
            )
            paths.add(VGroup(across, down))
        # The rug of uniforms by the vertical axis: at most RUG_DOTS of them (every
        # k-th), spread across a strip by a golden-ratio jitter so that they read as a
        # flat scatter, not one solid line (issue 17: 3,000 dots merged into a line).
        u_x = cdf_plot.c2p(cdf_plot.x_lo, 0.0)[0]
        rug = rug_indices(p.n)
        u_points = np.stack(
            [
                u_x + 0.08 + RUG_WIDTH * ((np.arange(len(rug)) * 0.6180339887498949) % 1.0),
                cdf_plot.c2p(np.zeros(len(rug)), draw.uniforms[rug])[:, 1],
                np.zeros(len(rug)),
            ],
            axis=1,
        )
        return InversePicture(
            cdf_plot=cdf_plot,
            pdf_plot=pdf_plot,
            cdf_curve=cdf_curve,
            pdf_curve=pdf_curve,
            curve_x=xs,
            bars=bars,
            paths=paths,
            u_cloud=dot_cloud(u_points, PALETTE.sample, width=POINT_WIDTH),
            u_rug=draw.uniforms[rug],
            cdf_title=cdf_title,
            dist=dist,
            hist=hist,
        )

    def build_panel(self, formula_tex: str) -> InversePanel:
        title = Text("Inverse transform", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        target = formula_row(rf"X \sim {self.picture.dist.label()}", PALETTE.density)
        steps = VGroup(
            formula_row(r"u \sim U(0, 1)", PALETTE.sample),
            formula_row(formula_tex, PALETTE.accent),
            formula_row(r"\Rightarrow\ F^{-1}(u) \sim X", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        # The first followed uniform's numbers, as the follow beat's caption gives them.
        first = formula_row(
            rf"u = {latex_number(self.data['followed_uniforms'][0], 3)} \;\mapsto\; "
            rf"x = {latex_number(self.data['followed_samples'][0], 3)}",
            PALETTE.accent,
            TICK_SIZE,
        )
        result = VGroup(
            formula_row(rf"n = {self.params.n}", size=TICK_SIZE),
            formula_row(
                rf"\text{{KS distance }} D = {latex_number(self.data['ks_statistic'], 3)}",
                size=TICK_SIZE,
            ),
            formula_row(
                rf"p\text{{-value}} = {latex_number(self.data['ks_pvalue'], 3)}",
                PALETTE.muted,
                TICK_SIZE,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        stack([title, target, steps, first, result], top=panel_top(), left=panel_left(), gap=0.3)
        return InversePanel(title, target, steps, first, result)

    def show_cdf(self, panel: InversePanel) -> None:
        # The viewer learns the CDF, and that reading it backwards turns heights into values.
        pic = self.picture
        self.beat(
            "cdf",
            f"The CDF F of {plain_label(pic.dist.label())} climbs from 0 to 1; reading it "
            "backwards turns a height u into a value x.",
        )
        self.play(
            FadeIn(pic.cdf_plot.group()),
            FadeIn(pic.pdf_plot.group()),
            FadeIn(pic.cdf_title),
            FadeIn(panel.title),
            FadeIn(panel.target),
            run_time=1.0,
        )
        self.play(Create(pic.cdf_curve), FadeIn(panel.steps), run_time=1.2)

    def follow_uniforms(self, panel: InversePanel) -> None:
        # The viewer follows a few uniforms across to the CDF and down to their values.
        first_u = format_number(self.data["followed_uniforms"][0], 3)
        first_x = format_number(self.data["followed_samples"][0], 3)
        self.beat(
            "follow",
            f"A uniform u goes across to the curve and down: u = {first_u} becomes "
            f"x = F^-1(u) = {first_x}.",
        )
        for i, path in enumerate(self.picture.paths):
            self.play(Create(path[0]), run_time=0.35)
            if i == 0:  # the numbers the caption gives, as the first arrow lands
                self.play(Create(path[1]), FadeIn(panel.first), run_time=0.5)
            else:
                self.play(Create(path[1]), run_time=0.35)

    def pile_up(self, panel: InversePanel) -> None:
        # The viewer sees all the uniforms pushed through F^-1 pile into the density.
        p: InverseTransformParams = self.params
        pic = self.picture
        edges = pic.hist.edges
        self.beat(
            "histogram",
            f"All {p.n} uniforms (a rug of {len(pic.u_rug)} of them by the axis), "
            f"pushed through F^-1, pile into a histogram that follows "
            f"the density: KS distance D = {format_number(self.data['ks_statistic'], 3)}.",
        )
        self.play(FadeIn(pic.u_cloud), pic.paths.animate.set_opacity(0.35), run_time=0.8)
        self.add(pic.bars)
        self.play(
            morph_bars(
                pic.bars, (edges, np.zeros(p.bins)), (edges, pic.hist.density), run_time=1.8
            ),
            run_time=1.8,
        )
        self.play(Create(pic.pdf_curve), FadeIn(panel.result), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Each followed path meets the CDF at (x, u) and lands at x; the bars are the
        normalised counts; the lower curve is the density."""
        pic = self.picture
        checks = []
        if beat in ("follow", "histogram"):
            us = self.data["followed_uniforms"]
            xs = self.data["followed_samples"]
            ends = [pic.cdf_plot.p2c(path[0].get_end()) for path in pic.paths]
            lands = [pic.cdf_plot.p2c(path[1].get_end()) for path in pic.paths]
            checks += [
                Invariant(
                    "paths meet the CDF at (F^-1(u), u)",
                    ends,
                    np.stack([xs, us], axis=1),
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "F(x) = u where the path turns", pic.dist.cdf(np.asarray(xs)), us, atol=1e-9
                ),
                Invariant(
                    "arrows land on x",
                    lands,
                    np.stack([xs, np.zeros(len(xs))], axis=1),
                    atol=GEOMETRY_ATOL,
                ),
            ]
        if beat == "histogram":
            measured = pic.bars.measured()
            pts = pic.pdf_plot.p2c(curve_vertices(pic.pdf_curve))
            checks += [
                Invariant(
                    "bar heights = count / (n width)",
                    measured[:, 2],
                    pic.hist.density,
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "curve = density",
                    pts[:, 1],
                    np.minimum(pic.dist.pdf(pic.curve_x), pic.pdf_plot.y_hi),
                    atol=1e-6,
                ),
            ]
        return checks
