"""Bayesian updating of a coin's bias.

Render it with plain Manim: ``manim -pql scenes/statistics/bayesian_coin.py BayesianCoin``.
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
    Create,
    FadeIn,
    Line,
    Mobject,
    Square,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/bayesian_coin.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import inference
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    area_polygon,
    curve_vertices,
    formula_row,
    legend_row,
    panel_title,
    panel_top,
    plot_box,
    plot_curve,
    polygon_area,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import CURVE_POINTS, GEOMETRY_ATOL, PALETTE, panel_left
from scenes.statistics.params import BayesianCoinParams


def _beta_grid(post: inference.BetaPosterior) -> np.ndarray:
    """x values for a Beta density: an even grid plus a fine one around the peak."""
    sd = math.sqrt(post.variance)
    fine = np.linspace(max(0.0, post.mean - 6 * sd), min(1.0, post.mean + 6 * sd), CURVE_POINTS)
    return np.sort(np.concatenate([np.linspace(0.0, 1.0, CURVE_POINTS), fine]))


class BayesianCoin(MathScene):
    """Bayesian updating of a coin's bias.

    A Beta prior over the probability of heads is updated flip by flip into a
    Beta posterior that sharpens around the observed share of heads, and its
    credible interval is shaded at the end.
    """

    params_type = BayesianCoinParams

    def construct(self) -> None:
        p: BayesianCoinParams = self.params
        flips = inference.parse_flips(p.flips)
        prior = inference.BetaPosterior(p.prior_a, p.prior_b)
        path = inference.posterior_path(prior, flips)
        post = path[-1]
        lo, hi = post.credible_interval(p.level)
        heads = int(sum(flips))
        tails = len(flips) - heads
        self.data = {
            "prior": [prior.a, prior.b],
            "posterior": [post.a, post.b],
            "credible_interval": [lo, hi],
            "credible_level": p.level,
            "posterior_mean": post.mean,
            "heads": heads,
            "tails": tails,
            "flips": len(flips),
            "prior_mean": prior.mean,
        }
        self.posterior = post
        self.prior = prior

        # Steps: one per flip up to 20 flips, else 20 equal batches.
        n_steps = min(len(flips), 20)
        cuts = [round(k * len(flips) / n_steps) for k in range(n_steps + 1)] if flips else [0]

        # -- Layout.
        peak = max(float(np.max(b.pdf(_beta_grid(b)))) for b in (prior, *[path[c] for c in cuts]))
        plot = Plot(0.0, 1.0, 1.1 * peak, box=plot_box(), x_title=r"\theta", x_ticks=5)
        self.plot = plot

        def curve_for(b: inference.BetaPosterior, color: str, width: float = 4) -> VMobject:
            xs = _beta_grid(b)
            return plot_curve(plot, xs, b.pdf(xs), color, width)

        prior_curve = curve_for(prior, PALETTE.muted, 3)
        curve = curve_for(prior, PALETTE.density)
        self.prior_curve, self.curve = prior_curve, curve

        # -- Panel.
        left = panel_left()
        title = panel_title("Bayesian coin")
        prior_row = formula_row(
            rf"\text{{prior}}\ \mathrm{{Beta}}({latex_number(prior.a)}, {latex_number(prior.b)})",
            PALETTE.muted,
        )
        grid = VGroup()
        if flips and len(flips) <= 200:
            side, gap, per_row = 0.13, 0.05, 20
            for k, is_head in enumerate(flips):
                sq = Square(
                    side_length=side,
                    stroke_width=0,
                    fill_color=PALETTE.series[1] if is_head else PALETTE.series[0],
                    fill_opacity=1.0,
                )
                sq.move_to(
                    [
                        left + side / 2 + (k % per_row) * (side + gap),
                        -(k // per_row) * (side + gap),
                        0,
                    ]
                )
                grid.add(sq)
        self.flip_grid = grid
        key = VGroup(
            legend_row(_square_swatch(PALETTE.series[1]), "heads"),
            legend_row(_square_swatch(PALETTE.series[0]), "tails"),
        ).arrange(RIGHT, buff=0.4)

        def counts_row(h: int, t: int) -> VGroup:
            # Plain text, not LaTeX: up to 20 of these are made per render.
            b = inference.beta_binomial_update(prior, h, t)
            return VGroup(
                text_row(f"{h} {_plural(h, 'head')}, {t} {_plural(t, 'tail')}"),
                text_row(_posterior_label(b), PALETTE.density),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)

        readout = counts_row(heads, tails)
        level_pct = format_number(100 * p.level, 1)
        summary = VGroup(
            formula_row(rf"\text{{mean}} = {latex_number(post.mean, 3)}", PALETTE.accent),
            formula_row(
                rf"{level_pct}\%\ \text{{interval}}\ "
                rf"[{latex_number(lo, 3)}, {latex_number(hi, 3)}]",
                PALETTE.interval,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        parts = (
            [title, prior_row, key, grid, readout, summary]
            if len(grid)
            else [title, prior_row, readout, summary]
        )
        stack(parts, top=panel_top(), left=left, gap=0.3)
        anchor = readout.get_corner(UP + LEFT)
        readout = counts_row(0, 0).move_to(anchor, aligned_edge=UP + LEFT)

        # -- Beat 1: the prior.
        self.beat(
            "prior",
            f"Before any flip, the belief about the chance of heads is Beta("
            f"{format_number(prior.a)}, {format_number(prior.b)}), with mean "
            f"{format_number(prior.mean, 3)}.",
        )
        self.play(FadeIn(plot.group()), FadeIn(title), FadeIn(prior_row), run_time=1.0)
        self.play(Create(prior_curve), run_time=1.0)
        self.add(curve)
        self.play(FadeIn(readout), *([FadeIn(key)] if len(grid) else []), run_time=0.6)

        # -- Beat 2: each flip multiplies the density by theta or 1 - theta.
        self.beat(
            "update",
            f"Each head multiplies the density by theta, each tail by 1 - theta: after "
            f"{heads} heads and {tails} tails the posterior is Beta({format_number(post.a)}, "
            f"{format_number(post.b)}).",
        )
        step_time = max(0.25, min(0.6, 8.0 / max(1, n_steps)))
        for k in range(n_steps):
            start, end = path[cuts[k]], path[cuts[k + 1]]

            def morph(m: Mobject, alpha: float, s: Any = start, e: Any = end) -> None:
                b = inference.BetaPosterior(s.a + alpha * (e.a - s.a), s.b + alpha * (e.b - s.b))
                xs = _beta_grid(b)
                m.set_points_as_corners(plot.c2p(xs, np.minimum(b.pdf(xs), plot.y_hi)))

            new_squares = grid[cuts[k] : cuts[k + 1]] if len(grid) else VGroup()
            self.remove(readout)
            h = int(sum(flips[: cuts[k + 1]]))
            readout = counts_row(h, cuts[k + 1] - h).move_to(anchor, aligned_edge=UP + LEFT)
            self.add(readout)
            self.play(
                UpdateFromAlphaFunc(curve, morph, rate_func=smooth),
                *([FadeIn(new_squares)] if len(new_squares) else []),
                run_time=step_time,
            )
        if n_steps == 0:
            self.wait(0.5)

        # -- Beat 3: the credible interval.
        xs = np.linspace(lo, hi, 2 * CURVE_POINTS)
        shade = area_polygon(plot, xs, post.pdf(xs), PALETTE.interval, 0.55)
        mean_line = Line(
            plot.c2p(post.mean, 0.0),
            plot.c2p(post.mean, min(float(post.pdf(post.mean)), plot.y_hi)),
            stroke_color=PALETTE.accent,
            stroke_width=4,
        )
        self.shade, self.mean_line = shade, mean_line
        self.beat(
            "interval",
            f"The posterior mean is {format_number(post.mean, 3)}; with probability "
            f"{level_pct}% the coin's bias lies between {format_number(lo, 3)} and "
            f"{format_number(hi, 3)} (the shaded credible interval).",
        )
        self.add(shade)
        self.bring_to_front(curve)
        self.play(FadeIn(shade), Create(mean_line), FadeIn(summary), run_time=1.2)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """The curve is the prior (then the posterior) density; the shading spans the
        credible interval and holds its probability; the mean line is at the mean."""
        plot = self.plot
        pts = plot.p2c(curve_vertices(self.curve))
        belief = self.prior if beat == "prior" else self.posterior
        grid = _beta_grid(belief)
        checks = [
            Invariant("curve's grid", pts[:, 0], grid, atol=1e-9),
            Invariant(
                "curve = density",
                pts[:, 1],
                np.minimum(belief.pdf(grid), plot.y_hi),
                atol=1e-6 * max(1.0, plot.y_hi),
            ),
        ]
        if beat == "interval":
            c = plot.p2c(curve_vertices(self.shade))
            checks += [
                Invariant(
                    "shading spans the credible interval",
                    [c[:, 0].min(), c[:, 0].max()],
                    self.data["credible_interval"],
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "shaded area = credible level",
                    polygon_area(plot, self.shade),
                    self.data["credible_level"],
                    atol=2e-3,
                ),
                Invariant(
                    "mean line at the posterior mean",
                    plot.p2c(self.mean_line.get_start())[0],
                    self.data["posterior_mean"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        return checks


def _posterior_label(b: inference.BetaPosterior) -> str:
    label = f"Beta({format_number(b.a)}, {format_number(b.b)})"
    return f"posterior {label}" if len(label) <= 14 else f"posterior\n{label}"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _square_swatch(color: str) -> Square:
    return Square(side_length=0.18, stroke_width=0, fill_color=color, fill_opacity=1.0)
