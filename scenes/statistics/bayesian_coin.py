"""Bayesian updating of a coin's bias.

Render it with plain Manim: ``manim -pql scenes/statistics/bayesian_coin.py BayesianCoin``.
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
from scenes.kit.style import (
    CURVE_POINTS,
    FRAME_MARGIN,
    GEOMETRY_ATOL,
    LABEL_SIZE,
    PALETTE,
    TICK_SIZE,
    frame_half_width,
    panel_left,
)
from scenes.statistics.params import BayesianCoinParams


def heads_colour() -> str:
    """Heads: Okabe-Ito bluish green (not the yellow of the density curves)."""
    return PALETTE.series[2]


def tails_colour() -> str:
    """Tails: Okabe-Ito vermillion (not the purple-blue pair of the interval)."""
    return PALETTE.series[4]


def mean_colour() -> str:
    """The posterior mean line, in the colour of means in every statistics scene."""
    return PALETTE.text


def _panel_room() -> float:
    """The panel's width inside the title-safe area, a little to spare."""
    return frame_half_width() - FRAME_MARGIN - 0.05 - panel_left()


def _fit(row: Mobject, least: float = TICK_SIZE / LABEL_SIZE) -> Mobject:
    """``row`` narrowed to the panel's room, never below ``least`` of its size."""
    if row.width > _panel_room():
        row.scale(max(least, _panel_room() / row.width))
    return row


def _beta_grid(post: inference.BetaPosterior) -> np.ndarray:
    """x values for a Beta density: an even grid plus a fine one around the peak."""
    sd = math.sqrt(post.variance)
    fine = np.linspace(max(0.0, post.mean - 6 * sd), min(1.0, post.mean + 6 * sd), CURVE_POINTS)
    return np.sort(np.concatenate([np.linspace(0.0, 1.0, CURVE_POINTS), fine]))


@dataclass
class CoinPicture:
    """What the invariants and tests read from the drawn picture."""

    plot: Plot
    prior_curve: VMobject  # the prior, drawn grey and left in place
    curve: VMobject  # the belief: the prior, morphing into the posterior
    prior: inference.BetaPosterior
    posterior: inference.BetaPosterior
    flip_grid: VGroup  # one square per flip, in order (empty past 200 flips)
    shade: VMobject  # the credible interval under the posterior
    mean_line: Line  # at the posterior mean


@dataclass
class CoinPanel:
    """The panel's rows; ``readout`` is the current counts row, kept at ``anchor``."""

    title: Mobject
    prior_row: Mobject
    key: VGroup
    readout: VGroup
    anchor: np.ndarray
    summary: VGroup


class BayesianCoin(MathScene):
    """Bayesian updating of a coin's bias.

    A Beta prior over the probability of heads is updated flip by flip into a
    Beta posterior that sharpens around the observed share of heads, and its
    credible interval is shaded at the end.
    """

    params_type = BayesianCoinParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: BayesianCoinParams = self.params
        flips = inference.parse_flips(p.flips)
        prior = inference.BetaPosterior(p.prior_a, p.prior_b)
        path = inference.posterior_path(prior, flips)
        # Steps: one per flip up to 20 flips, else 20 equal batches.
        n_steps = min(len(flips), 20)
        cuts = [round(k * len(flips) / n_steps) for k in range(n_steps + 1)] if flips else [0]
        self.data = self.sidecar(prior, path[-1], flips)
        self.picture = self.build_picture(prior, path, cuts, flips)
        panel = self.build_panel(flips)
        self.show_prior(panel)
        self.update_by_flips(path, cuts, flips, panel)
        self.show_interval(panel)

    def sidecar(
        self,
        prior: inference.BetaPosterior,
        post: inference.BetaPosterior,
        flips: list[bool],
    ) -> dict[str, object]:
        lo, hi = post.credible_interval(self.params.level)
        heads = int(sum(flips))
        return {
            "prior": [prior.a, prior.b],
            "posterior": [post.a, post.b],
            "credible_interval": [lo, hi],
            "credible_level": self.params.level,
            "posterior_mean": post.mean,
            "heads": heads,
            "tails": len(flips) - heads,
            "flips": len(flips),
            "prior_mean": prior.mean,
        }

    def build_picture(
        self,
        prior: inference.BetaPosterior,
        path: list[inference.BetaPosterior],
        cuts: list[int],
        flips: list[bool],
    ) -> CoinPicture:
        """The plot, the prior's curves, the flip grid and the credible interval."""
        post = path[-1]
        peak = max(float(np.max(b.pdf(_beta_grid(b)))) for b in (prior, *[path[c] for c in cuts]))
        left, right, bottom, top = plot_box()
        # the y title sits above the box's top: lower the box to keep it title-safe
        box = (left, right, bottom, top - 0.08)
        plot = Plot(0.0, 1.0, 1.1 * peak, box=box, x_title=r"\theta", x_ticks=5)

        def curve_for(b: inference.BetaPosterior, color: str, width: float = 4) -> VMobject:
            xs = _beta_grid(b)
            return plot_curve(plot, xs, b.pdf(xs), color, width)

        lo, hi = self.data["credible_interval"]
        xs = np.linspace(lo, hi, 2 * CURVE_POINTS)
        return CoinPicture(
            plot=plot,
            prior_curve=curve_for(prior, PALETTE.muted, 3),
            curve=curve_for(prior, PALETTE.density),
            prior=prior,
            posterior=post,
            flip_grid=_flip_grid(flips),
            shade=area_polygon(plot, xs, post.pdf(xs), PALETTE.interval, 0.55),
            mean_line=Line(
                plot.c2p(post.mean, 0.0),
                plot.c2p(post.mean, min(float(post.pdf(post.mean)), plot.y_hi)),
                stroke_color=mean_colour(),
                stroke_width=4,
            ),
        )

    def counts_row(self, h: int, t: int) -> VGroup:
        """The counts so far (plain text: words and counts) and their posterior (LaTeX:
        a distribution's name is math), one row each, the posterior on two rows when
        it would not fit the panel."""
        b = inference.beta_binomial_update(self.picture.prior, h, t)
        rows = VGroup(text_row(f"{h} {_plural(h, 'head')}, {t} {_plural(t, 'tail')}"))
        label = formula_row(rf"\text{{posterior}}\ {_beta_tex(b)}", PALETTE.density)
        if label.width > _panel_room():
            label = VGroup(
                formula_row(r"\text{posterior}", PALETTE.density),
                _fit(formula_row(_beta_tex(b), PALETTE.density)),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        rows.add(label)
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)

    def build_panel(self, flips: list[bool]) -> CoinPanel:
        p: BayesianCoinParams = self.params
        prior, post = self.picture.prior, self.picture.posterior
        grid = self.picture.flip_grid
        lo, hi = self.data["credible_interval"]
        title = panel_title("Bayesian coin")
        prior_row = _fit(formula_row(rf"\text{{prior}}\ {_beta_tex(prior)}", PALETTE.muted))
        key = VGroup(
            legend_row(_square_swatch(heads_colour()), "heads"),
            legend_row(_square_swatch(tails_colour()), "tails"),
        ).arrange(RIGHT, buff=0.4)
        readout = self.counts_row(self.data["heads"], self.data["tails"])
        level_pct = format_number(100 * p.level, 1)
        summary = VGroup(
            _fit(formula_row(rf"\text{{mean}} = {latex_number(post.mean, 3)}", mean_colour())),
            _fit(
                formula_row(
                    rf"{level_pct}\%\ \text{{interval}}\ "
                    rf"[{latex_number(lo, 3)}, {latex_number(hi, 3)}]",
                    PALETTE.interval,
                )
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        parts = (
            [title, prior_row, key, grid, readout, summary]
            if len(grid)
            else [title, prior_row, readout, summary]
        )
        stack(parts, top=panel_top(), left=panel_left(), gap=0.3)
        anchor = readout.get_corner(UP + LEFT)
        readout = self.counts_row(0, 0).move_to(anchor, aligned_edge=UP + LEFT)
        return CoinPanel(title, prior_row, key, readout, anchor, summary)

    def show_prior(self, panel: CoinPanel) -> None:
        # The viewer learns the belief before any flip: the prior density.
        pic = self.picture
        prior = pic.prior
        self.beat(
            "prior",
            f"Before any flip, the belief about the chance of heads is Beta("
            f"{format_number(prior.a)}, {format_number(prior.b)}), with mean "
            f"{format_number(prior.mean, 3)}.",
        )
        self.play(
            FadeIn(pic.plot.group()), FadeIn(panel.title), FadeIn(panel.prior_row), run_time=1.0
        )
        self.play(Create(pic.prior_curve), run_time=1.0)
        self.add(pic.curve)
        self.play(
            FadeIn(panel.readout),
            *([FadeIn(panel.key)] if len(pic.flip_grid) else []),
            run_time=0.6,
        )

    def update_by_flips(
        self,
        path: list[inference.BetaPosterior],
        cuts: list[int],
        flips: list[bool],
        panel: CoinPanel,
    ) -> None:
        # The viewer sees each flip multiply the density by theta or 1 - theta.
        pic = self.picture
        plot, grid, post = pic.plot, pic.flip_grid, pic.posterior
        n_steps = len(cuts) - 1
        self.beat(
            "update",
            f"Each head multiplies the density by theta, each tail by 1 - theta: after "
            f"{self.data['heads']} heads and {self.data['tails']} tails the posterior is "
            f"Beta({format_number(post.a)}, {format_number(post.b)}).",
        )
        step_time = max(0.25, min(0.6, 8.0 / max(1, n_steps)))
        for k in range(n_steps):
            start, end = path[cuts[k]], path[cuts[k + 1]]

            def morph(m: Mobject, alpha: float, s: Any = start, e: Any = end) -> None:
                b = inference.BetaPosterior(s.a + alpha * (e.a - s.a), s.b + alpha * (e.b - s.b))
                xs = _beta_grid(b)
                m.set_points_as_corners(plot.c2p(xs, np.minimum(b.pdf(xs), plot.y_hi)))

            new_squares = grid[cuts[k] : cuts[k + 1]] if len(grid) else VGroup()
            self.remove(panel.readout)
            h = int(sum(flips[: cuts[k + 1]]))
            panel.readout = self.counts_row(h, cuts[k + 1] - h).move_to(
                panel.anchor, aligned_edge=UP + LEFT
            )
            self.add(panel.readout)
            self.play(
                UpdateFromAlphaFunc(pic.curve, morph, rate_func=smooth),
                *([FadeIn(new_squares)] if len(new_squares) else []),
                run_time=step_time,
            )
        if n_steps == 0:
            self.wait(0.5)

    def show_interval(self, panel: CoinPanel) -> None:
        # The viewer learns the summary: the posterior mean and its credible interval.
        pic = self.picture
        post = pic.posterior
        lo, hi = self.data["credible_interval"]
        level_pct = format_number(100 * self.params.level, 1)
        self.beat(
            "interval",
            f"The posterior mean is {format_number(post.mean, 3)}; with probability "
            f"{level_pct}% the coin's bias lies between {format_number(lo, 3)} and "
            f"{format_number(hi, 3)} (the shaded credible interval).",
        )
        self.add(pic.shade)
        self.bring_to_front(pic.curve)
        self.play(FadeIn(pic.shade), Create(pic.mean_line), FadeIn(panel.summary), run_time=1.2)
        self.wait(1.5)

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        """The roles on screen at ``beat``'s end, one colour each."""
        roles = {"prior": PALETTE.muted, "belief (prior, then posterior)": PALETTE.density}
        if len(self.picture.flip_grid):
            roles |= {"heads": heads_colour(), "tails": tails_colour()}
        if beat == "interval":
            roles |= {"credible interval": PALETTE.interval, "posterior mean": mean_colour()}
        return roles

    def invariants(self, beat: str) -> list[Invariant]:
        """The curve is the prior (then the posterior) density; the shading spans the
        credible interval and holds its probability; the mean line is at the mean."""
        pic = self.picture
        plot = pic.plot
        pts = plot.p2c(curve_vertices(pic.curve))
        belief = pic.prior if beat == "prior" else pic.posterior
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
            c = plot.p2c(curve_vertices(pic.shade))
            checks += [
                Invariant(
                    "shading spans the credible interval",
                    [c[:, 0].min(), c[:, 0].max()],
                    self.data["credible_interval"],
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "shaded area = credible level",
                    polygon_area(plot, pic.shade),
                    self.data["credible_level"],
                    atol=2e-3,
                ),
                Invariant(
                    "mean line at the posterior mean",
                    plot.p2c(pic.mean_line.get_start())[0],
                    self.data["posterior_mean"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        return checks


def _beta_tex(b: inference.BetaPosterior) -> str:
    return rf"\mathrm{{Beta}}({latex_number(b.a)}, {latex_number(b.b)})"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _square_swatch(color: str) -> Square:
    return Square(side_length=0.18, stroke_width=0, fill_color=color, fill_opacity=1.0)


def _flip_grid(flips: list[bool]) -> VGroup:
    """One square per flip, 20 to a row, heads and tails in their colours; empty when
    there are no flips or more than 200."""
    grid = VGroup()
    if flips and len(flips) <= 200:
        left = panel_left()
        side, gap, per_row = 0.13, 0.05, 20
        for k, is_head in enumerate(flips):
            sq = Square(
                side_length=side,
                stroke_width=0,
                fill_color=heads_colour() if is_head else tails_colour(),
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
    return grid
