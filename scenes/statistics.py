"""Statistics scenes: Bayesian updating of a coin's bias, a two-sample t-test on real
data, and what the confidence of a confidence interval means.

Render one with plain Manim: ``manim -pql scenes/statistics.py HypothesisTest``.
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
    Create,
    DashedLine,
    FadeIn,
    Line,
    Mobject,
    Square,
    Text,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlmath_viz import datasets, distributions, inference
from mlmath_viz.formatting import format_number, latex_number
from mlmath_viz.linear_maps import parallelogram_area
from mlmath_viz.random import generator
from scenes.base import Invariant, MathScene
from scenes.builders import stack
from scenes.parameters.statistics import (
    BayesianCoinParams,
    ConfidenceIntervalsParams,
    HypothesisTestParams,
)
from scenes.plotting import (
    Plot,
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
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    panel_left,
)

#: Tolerance, in plotted units, for drawn geometry against the sidecar numbers.
GEOMETRY_ATOL = 1e-6
#: Points on a density curve.
CURVE_POINTS = 241


# -- Private builders (candidates for scenes/builders.py) -------------------------------


def _title(text: str) -> Text:
    """The panel's title, narrowed to the panel's width if needed."""
    title = Text(text, font_size=BODY_SIZE, color=PALETTE.text)
    if title.width > PANEL_WIDTH:
        title.scale_to_fit_width(PANEL_WIDTH)
    return title


def _area_polygon(plot: Plot, x: np.ndarray, y: np.ndarray, color: str, opacity: float) -> VMobject:
    """The region between a curve and the x axis over ``x``, as one filled polygon."""
    xs = np.concatenate([[x[0]], x, [x[-1]], [x[0]]])
    ys = np.concatenate([[0.0], np.minimum(y, plot.y_hi), [0.0], [0.0]])
    region = VMobject(stroke_width=0, fill_color=color, fill_opacity=opacity)
    region.set_points_as_corners(plot.points(xs, ys))
    return region


def _polygon_area(plot: Plot, region: VMobject) -> float:
    """Area of a drawn polygon in plotted units (shoelace over its corners)."""
    if len(region.points) == 0:
        return 0.0
    return abs(parallelogram_area(plot.coords(curve_vertices(region))[:-1]))


def _p_digits(p: float) -> tuple[str, int | None]:
    """A p-value to two significant figures: the mantissa and the power of ten (None
    when printed as a plain decimal, from 0.0001 up)."""
    if p >= 0.01:
        return format_number(p, 3), None
    if p >= 1e-4:
        return f"{p:.2g}", None
    mantissa, exponent = f"{p:.1e}".split("e")
    return mantissa, int(exponent)


def _p_text(p: float) -> str:
    """A p-value as LaTeX, never printed as a bare 0."""
    if p <= 0.0:
        return r"p < 10^{-300}"
    mantissa, exponent = _p_digits(p)
    if exponent is None:
        return rf"p = {mantissa}"
    return rf"p = {mantissa}\times10^{{{exponent}}}"


# -- Scenes -----------------------------------------------------------------------------


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
        title = _title("Bayesian coin")
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
                m.set_points_as_corners(plot.points(xs, np.minimum(b.pdf(xs), plot.y_hi)))

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
        shade = _area_polygon(plot, xs, post.pdf(xs), PALETTE.interval, 0.55)
        mean_line = Line(
            plot.points([post.mean], [0.0])[0],
            plot.points([post.mean], [min(float(post.pdf(post.mean)), plot.y_hi)])[0],
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
        pts = plot.coords(curve_vertices(self.curve))
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
            c = plot.coords(curve_vertices(self.shade))
            checks += [
                Invariant(
                    "shading spans the credible interval",
                    [c[:, 0].min(), c[:, 0].max()],
                    self.data["credible_interval"],
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "shaded area = credible level",
                    _polygon_area(plot, self.shade),
                    self.data["credible_level"],
                    atol=2e-3,
                ),
                Invariant(
                    "mean line at the posterior mean",
                    plot.coords(self.mean_line.get_start())[0, 0],
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


def _species_label(name: str) -> str:
    return name


class HypothesisTest(MathScene):
    """A two-sample t-test on real data.

    Two Iris species' measurements give a t statistic; under the null hypothesis of
    equal means it follows Student's t distribution, and the shaded tail beyond the
    observed value is the p-value, compared with alpha to decide.
    """

    params_type = HypothesisTestParams

    def construct(self) -> None:
        p: HypothesisTestParams = self.params
        xa = datasets.iris_sample(p.feature, p.group_a)
        xb = datasets.iris_sample(p.feature, p.group_b)
        test = inference.two_sample_t(xa, xb, equal_var=p.equal_var, alternative=p.alternative)
        s = inference.summarize_two(xa, xb)
        crit_lo, crit_hi = inference.critical_values(test.df, p.alpha, p.alternative)
        reject = test.p_value < p.alpha
        variant = "student" if p.equal_var else "welch"
        self.data = {
            "statistic": test.statistic,
            "df": test.df,
            "p_value": test.p_value,
            "reject": bool(reject),
            "alpha": p.alpha,
            "alternative": p.alternative,
            "test": variant,
            "scipy_equivalent": (
                f"scipy.stats.ttest_ind(a, b, equal_var={p.equal_var}, "
                f"alternative='{p.alternative}')"
            ),
            "critical_values": [
                None if math.isinf(crit_lo) else crit_lo,
                None if math.isinf(crit_hi) else crit_hi,
            ],
            "feature": p.feature,
            "groups": [p.group_a, p.group_b],
            "n": [s.n1, s.n2],
            "means": [s.mean1, s.mean2],
            "variances": [s.var1, s.var2],
        }
        self.test = test
        t = test.statistic

        # -- Layout: the two samples on top, the null distribution below.
        l0, r0, b0, t0 = plot_box()
        split = 0.35
        values = np.concatenate([xa, xb])
        pad = 0.1 * (values.max() - values.min() + 1e-9)
        strip = Plot(
            float(values.min() - pad),
            float(values.max() + pad),
            2.4,
            box=(l0, r0, split, t0),
            show_y=False,
            x_title=r"\text{cm}",
            x_ticks=7,
        )
        rows = {"a": 1.55, "b": 0.45}
        clouds, mean_marks, row_labels = VGroup(), VGroup(), VGroup()
        colors = {"a": PALETTE.series[0], "b": PALETTE.series[5]}
        for key, xs, mean, name in (("a", xa, s.mean1, p.group_a), ("b", xb, s.mean2, p.group_b)):
            k = np.arange(xs.size)
            jitter = rows[key] + 0.55 * (((k * 0.6180339887498949) % 1.0) - 0.5)
            clouds.add(dot_cloud(strip.points(xs, jitter), colors[key], width=7))
            mean_marks.add(
                Line(
                    strip.points([mean], [rows[key] - 0.38])[0],
                    strip.points([mean], [rows[key] + 0.38])[0],
                    stroke_color=PALETTE.text,
                    stroke_width=5,
                )
            )
            label = formula_row(
                rf"\text{{{key}: {name}}},\ \bar x_{key} = {latex_number(mean)}", colors[key]
            )
            label.move_to(strip.points([strip.x_lo], [rows[key] + 0.6])[0], aligned_edge=LEFT)
            label.shift(0.15 * RIGHT)
            row_labels.add(label)
        self.strip, self.mean_marks = strip, mean_marks

        big = abs(t) > 9.0  # the observed t is drawn as an arrow off the axis' end
        half = 5.0 if big else max(4.0, abs(t) + 1.0)
        peak = float(inference.t_pdf(0.0, test.df))
        null = Plot(
            -half,
            half,
            1.12 * peak,
            box=(l0, r0, b0, split - 0.3),
            y_title="density of t under H0",
            x_title="t",
            x_ticks=8,
        )
        self.null = null
        grid = np.linspace(null.x_lo, null.x_hi, 4 * CURVE_POINTS)
        null_curve = plot_curve(null, grid, inference.t_pdf(grid, test.df), PALETTE.density)

        def shaded(intervals: list[tuple[float, float]], color: str, opacity: float) -> VGroup:
            group = VGroup()
            for lo, hi in intervals:
                a, b = max(lo, null.x_lo), min(hi, null.x_hi)
                if b - a <= 1e-12:
                    continue
                xs = np.linspace(a, b, 2 * CURVE_POINTS)
                group.add(_area_polygon(null, xs, inference.t_pdf(xs, test.df), color, opacity))
            return group

        reject_region = [(-math.inf, crit_lo), (crit_hi, math.inf)]
        reject_shade = shaded(reject_region, PALETTE.rejected, 0.25)
        crit_lines = VGroup(
            *(
                DashedLine(
                    null.points([c], [0.0])[0],
                    null.points([c], [null.y_hi * 0.8])[0],
                    stroke_color=PALETTE.rejected,
                    stroke_width=3,
                )
                for c in (crit_lo, crit_hi)
                if math.isfinite(c) and null.x_lo < c < null.x_hi
            )
        )
        region = inference.p_value_region(t, p.alternative)
        p_shade = shaded(region, PALETTE.interval, 0.85)
        self.p_shade, self.p_region = p_shade, region
        if big:
            side = RIGHT if t > 0 else LEFT
            edge = null.points([null.x_hi if t > 0 else null.x_lo], [0.6 * peak])[0]
            edge = edge - 0.25 * side  # keep clear of the axis and its tick labels
            t_mark: Mobject = Arrow(
                edge - 1.3 * side, edge, buff=0, color=PALETTE.accent, stroke_width=5
            )
            t_label = formula_row(
                rf"t = {latex_number(t)}\ \text{{(off the axis)}}", PALETTE.accent
            )
            t_label.next_to(t_mark, UP, buff=0.15)
            t_label.align_to(t_mark, RIGHT if t > 0 else LEFT)
        else:
            t_mark = Line(
                null.points([t], [0.0])[0],
                null.points([t], [0.9 * null.y_hi])[0],
                stroke_color=PALETTE.accent,
                stroke_width=5,
            )
            t_label = formula_row(rf"t = {latex_number(t)}", PALETTE.accent)
            t_label.next_to(t_mark, UP, buff=0.1)
            if t > 0:
                t_label.align_to(t_mark, RIGHT).shift(0.1 * LEFT)
            else:
                t_label.align_to(t_mark, LEFT).shift(0.1 * RIGHT)
        self.t_mark, self.big = t_mark, big

        # -- Panel.
        left = panel_left()
        name = "Student's t-test" if p.equal_var else "Welch's t-test"
        title = _title(name)
        relation = {"two-sided": r"\ne", "less": "<", "greater": ">"}[p.alternative]
        hypotheses = VGroup(
            formula_row(r"H_0:\ \mu_a = \mu_b", PALETTE.muted),
            formula_row(rf"H_1:\ \mu_a {relation} \mu_b", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        if p.equal_var:
            formula = formula_row(
                r"t = \frac{\bar x_a - \bar x_b}{s_p \sqrt{1/n_a + 1/n_b}}", PALETTE.text
            )
        else:
            formula = formula_row(
                r"t = \frac{\bar x_a - \bar x_b}{\sqrt{s_a^2/n_a + s_b^2/n_b}}", PALETTE.text
            )
        value = formula_row(
            rf"t = {latex_number(t)},\ \ \nu = {latex_number(test.df, 1)}", PALETTE.accent
        )
        p_row = formula_row(_p_text(test.p_value), PALETTE.interval)
        alpha_text = format_number(p.alpha, 3)
        if reject:
            decision_text = f"p < α = {alpha_text}:\nreject H0"
            decision_color = PALETTE.rejected
        else:
            decision_text = f"p ≥ α = {alpha_text}:\nno evidence\nagainst H0"
            decision_color = PALETTE.accepted
        decision = Text(
            decision_text, font_size=TEXT_SIZE + 4, color=decision_color, line_spacing=0.8
        )
        stack(
            [title, hypotheses, formula, value, p_row, decision],
            top=panel_top(),
            left=left,
            gap=0.32,
        )

        # -- Beat 1: the two samples.
        unit = "cm"
        feature = p.feature.replace("_", " ")
        self.beat(
            "samples",
            f"The {feature} of {s.n1} {p.group_a} and {s.n2} {p.group_b} flowers: mean "
            f"{format_number(s.mean1)} {unit} against {format_number(s.mean2)} {unit}.",
        )
        self.play(FadeIn(strip.group()), FadeIn(title), FadeIn(hypotheses), run_time=1.0)
        self.play(FadeIn(clouds), run_time=1.2)
        self.play(Create(mean_marks), FadeIn(row_labels), run_time=0.8)

        # -- Beat 2: the statistic.
        self.beat(
            "statistic",
            f"The difference of the means in units of its standard error: t = "
            f"{format_number(t)}" + ("" if p.equal_var else " (Welch, unequal variances)") + ".",
        )
        self.play(Write(formula), run_time=1.0)
        self.play(FadeIn(value), run_time=0.6)

        # -- Beat 3: the null distribution and the rejection region.
        if p.alternative == "two-sided":
            crit_text = f"beyond ±{format_number(crit_hi)}"
        elif p.alternative == "less":
            crit_text = f"below {format_number(crit_lo)}"
        else:
            crit_text = f"above {format_number(crit_hi)}"
        self.beat(
            "null",
            f"If the means were equal, t would follow Student's t with "
            f"{format_number(test.df, 1)} degrees of freedom; values {crit_text} "
            f"(light red) happen with probability alpha = {alpha_text}.",
        )
        self.play(FadeIn(null.group()), Create(null_curve), run_time=1.2)
        self.play(FadeIn(reject_shade), Create(crit_lines), run_time=0.8)

        # -- Beat 4: the observed t and its p-value.
        self.beat(
            "p-value",
            f"The p-value is the probability, under H0, of a t at least as extreme as "
            f"{format_number(t)}: {_p_plain(test.p_value)} ("
            + (
                "the tail lies far beyond the drawn axis"
                if big
                else "the purple tail" + (", too thin to see" if test.p_value < 1e-3 else "")
            )
            + ").",
        )
        self.play(Create(t_mark), FadeIn(t_label), run_time=0.8)
        self.play(FadeIn(p_shade), FadeIn(p_row), run_time=1.0)

        # -- Beat 5: the decision.
        self.beat(
            "decision",
            (
                f"{_p_plain(test.p_value)} is below alpha = {alpha_text}: reject the "
                "hypothesis of equal means."
            )
            if reject
            else (
                f"{_p_plain(test.p_value)} is not below alpha = {alpha_text}: the data give "
                "no evidence against equal means."
            ),
        )
        self.play(FadeIn(decision, shift=0.2 * UP), run_time=0.8)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Mean marks at the sample means; the shaded tails (plus any tail beyond the
        axis) hold exactly the p-value; the observed t mark sits at the statistic."""
        checks = []
        if beat in ("samples", "decision"):
            marks = [self.strip.coords(m.get_start())[0, 0] for m in self.mean_marks]
            checks.append(
                Invariant(
                    "mean marks at the sample means", marks, self.data["means"], atol=GEOMETRY_ATOL
                )
            )
        if beat in ("p-value", "decision"):
            null = self.null
            drawn = sum(_polygon_area(null, region) for region in self.p_shade)
            df = self.data["df"]
            undrawn = 0.0
            for lo, hi in self.p_region:  # parts of the region beyond the axis' ends
                undrawn += inference.interval_mass(lo, min(hi, null.x_lo), df)
                undrawn += inference.interval_mass(max(lo, null.x_hi), hi, df)
            p_value = self.data["p_value"]
            checks.append(
                Invariant(
                    "shaded area + tail beyond the axis = p-value",
                    drawn + undrawn,
                    p_value,
                    atol=1e-4,
                )
            )
            if p_value > 0:
                checks.append(
                    Invariant("same, relative to p", (drawn + undrawn) / p_value, 1.0, atol=2e-3)
                )
            if not self.big:
                checks.append(
                    Invariant(
                        "t mark at the statistic",
                        null.coords(self.t_mark.get_start())[0, 0],
                        self.data["statistic"],
                        atol=GEOMETRY_ATOL,
                    )
                )
            checks.append(
                Invariant(
                    "decision = (p < alpha)",
                    float(self.data["reject"]),
                    float(p_value < self.data["alpha"]),
                    atol=0,
                )
            )
        return checks


def _p_plain(p: float) -> str:
    if p <= 0.0:
        return "p < 1e-300"
    mantissa, exponent = _p_digits(p)
    return f"p = {mantissa}" if exponent is None else f"p = {mantissa}e{exponent}"


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
                    plot.points([runs.lower[k]], [k + 1])[0],
                    plot.points([runs.upper[k]], [k + 1])[0],
                    stroke_color=color,
                    stroke_width=width,
                )
            )
        self.bars = bars
        means = dot_cloud(
            plot.points(runs.means, np.arange(1, k_total + 1)), PALETTE.text, width=width + 2
        )
        truth_line = DashedLine(
            plot.points([dist.mean], [0.0])[0],
            plot.points([dist.mean], [k_total + 1])[0],
            stroke_color=PALETTE.accent,
            stroke_width=3,
        )
        self.truth_line = truth_line

        # -- Panel.
        left = panel_left()
        pct = format_number(100 * p.level, 1)
        population = "N(0, 1)" if dist.name == "normal" else "Exp(1)"
        title = _title("Confidence intervals")
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
        ends = np.array(
            [[plot.coords(b.get_start())[0, 0], plot.coords(b.get_end())[0, 0]] for b in self.bars]
        )
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
                plot.coords(self.truth_line.get_start())[0, 0],
                self.data["true_mean"],
                atol=GEOMETRY_ATOL,
            ),
        ]
