"""The power of a t test.

Render it with plain Manim: ``manim -pql scenes/statistics/test_power.py TestPower``.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    Mobject,
    Transform,
    VGroup,
    VMobject,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/test_power.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import power
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number, percent
from scenes.kit.panel_rows import formula
from scenes.kit.plotting import (
    Plot,
    area_polygon,
    formula_row,
    panel_title,
    panel_top,
    plot_box,
    plot_curve,
    polygon_area,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    CURVE_POINTS,
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    PALETTE,
    PANEL_WIDTH,
    TICK_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.statistics.params import TestPowerParams

#: Probability left outside the main plot's x axis in each tail, for each curve at the
#: smallest n (the widest): the shaded areas then equal alpha, power and beta to 0.002.
TAIL_OUTSIDE = 0.001
#: Group sizes the last beat steps through (from n to n_end, evenly in log scale).
STEPS = 6
#: The power a study is usually planned for (Cohen 1988): marked on the power plot.
PLANNED_POWER = 0.8
#: Points of each shaded region's boundary (the same at every n, for the transforms).
SHADE_POINTS = 2 * CURVE_POINTS


# The colour roles: H0 and the density curves' yellow; its rejection region (probability
# alpha) the rejected colour; H1 a series colour, its rejected part (the power) in the
# same colour; beta, H1's part the test does not reject, the interval colour.
def null_colour() -> str:
    return PALETTE.density


def alpha_colour() -> str:
    return PALETTE.rejected


def alternative_colour() -> str:
    return PALETTE.series[2]


def beta_colour() -> str:
    return PALETTE.interval


@dataclass
class Design:
    """One group size's picture: the two curves, the shaded regions and the critical
    lines, all on the main plot; rebuilt per n and transformed into."""

    n: int
    result: power.PowerResult
    null_curve: VMobject
    alt_curve: VMobject
    null_label: Mobject
    alt_label: Mobject
    alpha_shade: VGroup
    power_shade: VGroup
    beta_shade: VGroup
    crit_lines: VGroup
    rejection: list[tuple[float, float]]  # the rejection region, clipped to the axis
    acceptance: tuple[float, float]  # the rest of the axis


@dataclass
class PowerPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    design: Design  # the design on screen (its mobjects are the drawn ones)
    n_plot: Plot
    n_curve: VMobject  # the power against n, drawn up to the design's n
    n_dot: Dot
    panel_rows: VGroup
    guide: VGroup = field(default_factory=VGroup)


class TestPower(MathScene):
    """The power of a t test.

    Under H0 the t statistic follows Student's t and the test rejects with probability
    alpha; under a true effect it follows the noncentral t, and the share of it beyond the
    critical values is the power, which grows as the groups get larger.
    """

    __test__ = False  # not a pytest test class
    params_type = TestPowerParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: TestPowerParams = self.params
        self.sizes = power.sample_sizes(p.n, p.n_end, STEPS)
        self.results = [
            power.two_sample_power(p.effect_size, n, p.alpha, p.alternative) for n in self.sizes
        ]
        curve_n = np.arange(p.n, p.n_end + 1)
        self.curve_n = curve_n
        self.curve_power = power.power_curve(p.effect_size, curve_n, p.alpha, p.alternative)
        self.data = self.sidecar()
        plot = self.main_plot()
        first = self.design(plot, p.n)
        n_plot = self.power_plot()
        self.picture = PowerPicture(
            plot=plot,
            design=first,
            n_plot=n_plot,
            n_curve=self.traced_curve(n_plot, p.n),
            n_dot=Dot(n_plot.c2p(p.n, first.result.power), radius=0.07, color=alternative_colour()),
            panel_rows=self.panel_rows(first.result),
        )
        self.show_null()
        self.show_alternative()
        self.show_power()
        self.grow_groups()

    # ------------------------------------------------------------------ numbers

    def sidecar(self) -> dict[str, object]:
        p: TestPowerParams = self.params
        first, last = self.results[0], self.results[-1]
        reached = np.flatnonzero(self.curve_power >= PLANNED_POWER)
        return {
            "effect_size": p.effect_size,
            "n": p.n,
            "n_end": p.n_end,
            "alpha": p.alpha,
            "alternative": p.alternative,
            "test": "student",
            "df": first.df,
            "noncentrality": first.noncentrality,
            "critical_values": _finite(first.critical_values),
            "critical_effects": _finite(first.critical_effects),
            "power": first.power,
            "beta": first.beta,
            "sample_sizes": list(self.sizes),
            "powers": [r.power for r in self.results],
            "power_at_n_end": last.power,
            "critical_effects_at_n_end": _finite(last.critical_effects),
            "power_curve": {
                "n": self.curve_n.tolist(),
                "power": self.curve_power.tolist(),
            },
            "n_for_planned_power": int(self.curve_n[reached[0]]) if reached.size else None,
            "planned_power": PLANNED_POWER,
        }

    # ------------------------------------------------------------------ building

    def main_plot(self) -> Plot:
        """The observed-effect axis, holding both curves but TAIL_OUTSIDE of each tail at
        the smallest n, and the tallest curve of any n."""
        p: TestPowerParams = self.params
        d = p.effect_size
        lo = min(power.effect_quantile(TAIL_OUTSIDE, p.n, e) for e in (0.0, d))
        hi = max(power.effect_quantile(1 - TAIL_OUTSIDE, p.n, e) for e in (0.0, d))
        grid = np.linspace(lo, hi, 4 * CURVE_POINTS)
        peak = max(
            float(power.effect_density(grid, n, e).max()) for n in self.sizes for e in (0.0, d)
        )
        left, right, bottom, top = plot_box()
        return Plot(
            lo,
            hi,
            1.18 * peak,  # room for the curves' names above the tallest
            box=(left, right, bottom, top - 0.1),  # the y title inside the safe area
            x_title=r"\hat d",
            x_ticks=8,
        )

    def design(self, plot: Plot, n: int) -> Design:
        """The curves, shades and critical lines for groups of ``n``."""
        p: TestPowerParams = self.params
        d = p.effect_size
        result = self.results[self.sizes.index(n)]
        x = np.linspace(plot.x_lo, plot.x_hi, 4 * CURVE_POINTS)
        null_y = power.effect_density(x, n)
        alt_y = power.effect_density(x, n, d)
        null_curve = plot_curve(plot, x, null_y, null_colour(), width=7 if d == 0 else 4)
        alt_curve = plot_curve(plot, x, alt_y, alternative_colour(), width=4)
        lo, hi = result.critical_effects
        rejection = [
            (plot.x_lo, min(lo, plot.x_hi)) if math.isfinite(lo) else (plot.x_lo, plot.x_lo),
            (max(hi, plot.x_lo), plot.x_hi) if math.isfinite(hi) else (plot.x_hi, plot.x_hi),
        ]
        acceptance = (max(lo, plot.x_lo), min(hi, plot.x_hi))

        def shade(
            intervals: list[tuple[float, float]], effect: float, colour: str, opacity: float
        ) -> VGroup:
            group = VGroup()
            for a, b in intervals:
                xs = np.linspace(a, max(a, b), SHADE_POINTS)
                group.add(
                    area_polygon(plot, xs, power.effect_density(xs, n, effect), colour, opacity)
                )
            return group

        alpha_shade = shade(rejection, 0.0, alpha_colour(), 0.55)
        power_shade = shade(rejection, d, alternative_colour(), 0.45)
        beta_shade = shade([acceptance], d, beta_colour(), 0.35)
        line_top = 0.3 * plot.y_hi
        crit_lines = VGroup(
            *(
                DashedLine(
                    plot.c2p(c, 0.0),
                    plot.c2p(c, line_top),
                    stroke_color=alpha_colour(),
                    stroke_width=4,
                )
                for c in (lo, hi)
                if math.isfinite(c) and plot.x_lo < c < plot.x_hi
            )
        )
        null_label, alt_label = self.curve_labels(plot, n)
        return Design(
            n,
            result,
            null_curve,
            alt_curve,
            null_label,
            alt_label,
            alpha_shade,
            power_shade,
            beta_shade,
            crit_lines,
            rejection,
            acceptance,
        )

    def curve_labels(self, plot: Plot, n: int) -> tuple[Mobject, Mobject]:
        """H0 and H1 above their curves' peaks, each on its outer side (one label
        ``H_0 = H_1`` when the effect is 0)."""
        d = self.params.effect_size
        x = np.linspace(plot.x_lo, plot.x_hi, 4 * CURVE_POINTS)
        labels = []
        for effect, name, colour, side in (
            (0.0, "H_0", null_colour(), LEFT if d >= 0 else RIGHT),
            (d, "H_1", alternative_colour(), RIGHT if d >= 0 else LEFT),
        ):
            y = power.effect_density(x, n, effect)
            k = int(np.argmax(y))
            text = r"H_0 = H_1" if d == 0 else name
            label = formula_row(text, colour)
            label.next_to(plot.c2p(x[k], y[k]), UP + side, buff=0.08)
            labels.append(label)
        if d == 0:
            labels[1].move_to(labels[0])
            labels[1].set_opacity(0.0)  # one name for the one curve
        return labels[0], labels[1]

    def power_plot(self) -> Plot:
        """Power against the group size, under the panel's numbers."""
        p: TestPowerParams = self.params
        bottom = -frame_half_height() + FRAME_MARGIN_Y
        return Plot(
            p.n,
            p.n_end,
            1.0,
            # room on the right for the axis' name, clear of a dot at the axis' end
            box=(panel_left(), panel_left() + PANEL_WIDTH - 0.4, bottom, bottom + 2.7),
            y_title="power",
            x_ticks=4,
            y_ticks=2,
        )

    def traced_curve(self, n_plot: Plot, up_to: int) -> VMobject:
        """The power curve from n to ``up_to`` (always CURVE_POINTS points, for the
        transforms)."""
        stop = int(np.searchsorted(self.curve_n, up_to)) + 1
        ns = self.curve_n[:stop].astype(float)
        ps = self.curve_power[:stop]
        xs = np.linspace(ns[0], ns[-1], CURVE_POINTS)
        return plot_curve(n_plot, xs, np.interp(xs, ns, ps), alternative_colour(), width=4)

    def panel_rows(self, r: power.PowerResult) -> VGroup:
        """The design and its power, for groups of ``r.n``."""
        p: TestPowerParams = self.params
        h1 = {"two-sided": r"\ne", "less": "<", "greater": ">"}[p.alternative]
        rows = VGroup(
            formula(rf"n = {r.n}\ \text{{per group}},\ \alpha = {latex_number(p.alpha, 3)}"),
            formula(
                rf"H_1:\ \mu_a {h1} \mu_b,\ d = {latex_number(p.effect_size)}", alternative_colour()
            ),
            formula(rf"\nu = 2n - 2 = {format_number(r.df)}"),
            formula(rf"\delta = d\sqrt{{n/2}} = {latex_number(r.noncentrality)}"),
            formula(rf"\text{{reject if}}\ {_rejection_tex(r)}", alpha_colour()),
            formula(_power_tex(r.power), alternative_colour()),
            formula(_beta_tex(r.beta, r.power), beta_colour()),
        )
        stack(list(rows), top=panel_top() - 0.6, left=panel_left(), gap=0.17)
        return rows

    # ------------------------------------------------------------------ beats

    def show_null(self) -> None:
        # The viewer learns the null distribution and what alpha is on this scale.
        p: TestPowerParams = self.params
        pic, r = self.picture, self.picture.design.result
        title = panel_title("Power of a t test")
        title.move_to([panel_left() + title.width / 2, panel_top() - title.height / 2, 0])
        self.beat(
            "null",
            f"With no difference between the groups (H0), t for two groups of {p.n} follows "
            f"Student's t with {format_number(r.df)} degrees of freedom; on the scale of the "
            f"observed effect d̂ = t·√(2/n) the test rejects when {_rejection_text(r)}: "
            f"probability α = {format_number(p.alpha, 3)} under H0 (shaded).",
        )
        rows = pic.panel_rows
        self.play(FadeIn(pic.plot.group()), FadeIn(title), FadeIn(rows[0]), run_time=1.0)
        design = pic.design
        self.play(Create(design.null_curve), FadeIn(design.null_label), run_time=1.2)
        self.play(
            FadeIn(design.alpha_shade),
            Create(design.crit_lines),
            FadeIn(rows[4]),
            run_time=1.0,
        )
        self.wait(0.5)

    def show_alternative(self) -> None:
        # The viewer sees where t lies when the effect is real: the noncentral t.
        p: TestPowerParams = self.params
        pic, r = self.picture, self.picture.design.result
        design = pic.design
        if p.effect_size == 0:
            caption = (
                "With d = 0 there is no effect: H1's curve is H0's, the noncentral t with "
                "δ = 0 is Student's t."
            )
        else:
            caption = (
                f"If the true effect is d = {format_number(p.effect_size)} standard deviations "
                f"(H1), t follows the noncentral t with δ = d·√(n/2) = "
                f"{format_number(r.noncentrality)}; on this scale its curve lies near "
                f"d = {format_number(p.effect_size)}."
            )
        self.beat("alternative", caption)
        rows = pic.panel_rows
        self.play(
            Create(design.alt_curve),
            FadeIn(design.alt_label),
            FadeIn(VGroup(rows[1], rows[2], rows[3])),
            run_time=1.4,
        )
        self.wait(0.5)

    def show_power(self) -> None:
        # The viewer reads the power as an area: H1's probability of rejecting.
        pic, r = self.picture, self.picture.design.result
        design = pic.design
        self.beat("power", self.power_caption(r))
        rows = pic.panel_rows
        self.play(
            FadeIn(design.beta_shade),
            FadeIn(design.power_shade),
            design.alpha_shade.animate.set_fill(opacity=0.25),
            FadeIn(VGroup(rows[5], rows[6])),
            run_time=1.2,
        )
        self.wait(1.0)

    def grow_groups(self) -> None:
        # The viewer watches larger groups narrow both curves and the power change.
        pic = self.picture
        last = self.results[-1]
        self.beat("sample_size", self.growth_caption())
        guide = self.planned_guide()
        pic.guide = guide
        n_title = formula_row("n", PALETTE.muted)
        n_title.next_to(pic.n_plot.c2p(pic.n_plot.x_hi, 0.0), RIGHT, buff=0.15)
        self.play(
            FadeIn(pic.n_plot.group()),
            FadeIn(n_title),
            Create(pic.n_curve),
            FadeIn(pic.n_dot),
            FadeIn(guide),
            run_time=1.0,
        )
        plot = pic.plot
        for n in self.sizes[1:]:
            new = self.design(plot, n)
            new.alpha_shade.set_fill(opacity=0.25)
            old = pic.design
            new_rows = self.panel_rows(new.result)
            self.play(
                *(
                    Transform(getattr(old, name), getattr(new, name))
                    for name in (
                        "null_curve",
                        "alt_curve",
                        "null_label",
                        "alt_label",
                        "alpha_shade",
                        "power_shade",
                        "beta_shade",
                        "crit_lines",
                    )
                ),
                Transform(pic.n_curve, self.traced_curve(pic.n_plot, n)),
                pic.n_dot.animate.move_to(pic.n_plot.c2p(n, new.result.power)),
                run_time=1.0,
            )
            # the numbers change when the curves stop (morphing glyphs are unreadable)
            self.remove(*pic.panel_rows)
            self.add(*new_rows)
            pic.panel_rows = new_rows
            # the drawn mobjects stay the old ones (transformed); their numbers are new
            old.n, old.result = n, new.result
            old.rejection, old.acceptance = new.rejection, new.acceptance
        assert pic.design.result is last
        self.wait(1.5)

    def planned_guide(self) -> VGroup:
        """A dashed line at the planned power (80%) across the power plot, named."""
        n_plot = self.picture.n_plot
        line = DashedLine(
            n_plot.c2p(n_plot.x_lo, PLANNED_POWER),
            n_plot.c2p(n_plot.x_hi, PLANNED_POWER),
            stroke_color=PALETTE.muted,
            stroke_width=3,
        )
        label = formula_row(r"80\%", PALETTE.muted, size=TICK_SIZE)
        # above or below the line, at its left or right end: where the power curve is
        # farthest from the label
        curve = n_plot.c2p(self.curve_n.astype(float), self.curve_power)
        spots = []
        for end, corner in (
            (line.get_start(), UP + RIGHT),
            (line.get_start(), DOWN + RIGHT),
            (line.get_end(), UP + LEFT),
            (line.get_end(), DOWN + LEFT),
        ):
            label.next_to(end, corner, buff=0.08)
            gap = float(np.min(np.linalg.norm(curve - label.get_center(), axis=1)))
            spots.append((gap, label.get_center().copy()))
        label.move_to(max(spots, key=lambda s: s[0])[1])
        return VGroup(line, label)

    # ------------------------------------------------------------------ words

    def power_caption(self, r: power.PowerResult) -> str:
        p: TestPowerParams = self.params
        power_text = format_number(r.power)
        if p.effect_size == 0:
            return (
                f"With no effect the test rejects only as often as α: power = α = "
                f"{format_number(p.alpha, 3)}; every rejection is a false alarm."
            )
        wrong = (p.alternative == "less" and p.effect_size > 0) or (
            p.alternative == "greater" and p.effect_size < 0
        )
        if wrong:
            return (
                f"H1 looks for the other direction ({_h1_words(p.alternative)}), so this "
                f"effect is almost never found: power = {power_text}, below α = "
                f"{format_number(p.alpha, 3)}."
            )
        return (
            f"The power is H1's area beyond the critical values: 1 − β = {power_text}. With "
            f"{p.n} per group a true effect of d = {format_number(p.effect_size)} is missed "
            f"{percent(r.beta, 0)} of the time (β)."
        )

    def growth_caption(self) -> str:
        p: TestPowerParams = self.params
        first, last = self.results[0], self.results[-1]
        reached = self.data["n_for_planned_power"]
        change = (
            "rises"
            if last.power > first.power + 5e-3
            else ("falls" if last.power < first.power - 5e-3 else "stays")
        )
        words = (
            f"With {p.n_end} per group both curves narrow like √(2/n), the test rejects when "
            f"{_rejection_text(last)}, and the power {change} from {format_number(first.power)} "
            f"to {format_number(last.power)}"
        )
        if reached is not None and first.power < PLANNED_POWER:
            words += f"; it reaches 80% at n = {reached} per group."
        elif first.power >= PLANNED_POWER and p.effect_size != 0:
            words += "; it was above 80% already."
        else:
            words += f"; 80% is not reached by n = {p.n_end}."
        return words

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        """The roles on screen at ``beat``'s end, one colour each."""
        roles = {"H0": null_colour(), "alpha": alpha_colour()}
        if beat in ("alternative", "power", "sample_size"):
            roles["H1 and power"] = alternative_colour()
        if beat in ("power", "sample_size"):
            roles["beta"] = beta_colour()
        return roles

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The curves are the densities of the design on screen, the critical lines at
        its critical effects, and the shaded areas its alpha, power and beta."""
        pic = self.picture
        design, plot = pic.design, pic.plot
        n, r = design.n, design.result
        d = self.params.effect_size
        checks = [
            Invariant(
                "the H0 curve is the density of d-hat under H0",
                _curve_error(plot, design.null_curve, n, 0.0),
                0.0,
                atol=1e-6,
            ),
            Invariant(
                "critical lines at the critical effects",
                sorted(float(plot.p2c(line.get_start())[0]) for line in design.crit_lines),
                sorted(c for c in r.critical_effects if plot.x_lo < c < plot.x_hi),
                atol=GEOMETRY_ATOL,
            ),
            Invariant(
                "the alpha shade's area is alpha (up to the tails off the axis)",
                sum(polygon_area(plot, m) for m in design.alpha_shade),
                r.alpha,
                atol=2.5 * TAIL_OUTSIDE,
            ),
        ]
        if beat == "null":
            return checks
        checks.append(
            Invariant(
                "the H1 curve is the density of d-hat under H1",
                _curve_error(plot, design.alt_curve, n, d),
                0.0,
                atol=1e-6,
            )
        )
        if beat == "alternative":
            return checks
        checks += [
            Invariant(
                "the power shade's area is the power",
                sum(polygon_area(plot, m) for m in design.power_shade),
                r.power,
                atol=2.5 * TAIL_OUTSIDE,
            ),
            Invariant(
                "the beta shade's area is beta",
                sum(polygon_area(plot, m) for m in design.beta_shade),
                r.beta,
                atol=2.5 * TAIL_OUTSIDE,
            ),
        ]
        if beat == "sample_size":
            n_plot = pic.n_plot
            checks += [
                Invariant(
                    "the dot is the power at the last group size",
                    n_plot.p2c(pic.n_dot.get_center())[:2].tolist(),
                    [float(self.params.n_end), self.data["power_at_n_end"]],
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "the power curve ends at the dot",
                    n_plot.p2c(pic.n_curve.points[-1])[:2].tolist(),
                    [float(self.params.n_end), self.data["power_at_n_end"]],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        return checks


def _curve_error(plot: Plot, curve: VMobject, n: int, effect: float) -> float:
    """Largest gap between a drawn curve's vertices and the density they should follow
    (in plotted units), over the vertices below the plot's top."""
    xy = plot.p2c(np.vstack([curve.points[0::4], curve.points[-1:]]))
    want = np.minimum(power.effect_density(xy[:, 0], n, effect), plot.y_hi)
    return float(np.max(np.abs(xy[:, 1] - want)))


def _finite(pair: tuple[float, float]) -> list[float | None]:
    return [None if math.isinf(v) else v for v in pair]


def _rejection_tex(r: power.PowerResult) -> str:
    lo, hi = r.critical_effects
    if r.alternative == "two-sided":
        return rf"|\hat d| \ge {latex_number(hi)}"
    if r.alternative == "greater":
        return rf"\hat d \ge {latex_number(hi)}"
    return rf"\hat d \le {latex_number(lo)}"


def _rejection_text(r: power.PowerResult) -> str:
    lo, hi = r.critical_effects
    if r.alternative == "two-sided":
        return f"|d̂| ≥ {format_number(hi)}"
    if r.alternative == "greater":
        return f"d̂ ≥ {format_number(hi)}"
    return f"d̂ ≤ {format_number(lo)}"


def _beta_tex(beta: float, power: float) -> str:
    """``beta = value``; a beta that rounds to 1 but is not 1 (a power in scientific
    form) is written ``1 - power``, so the panel never claims the effect is always
    missed."""
    shown = latex_number(beta)
    if shown == "1" and beta < 1:
        return rf"\beta = 1 - {latex_number(power)}"
    return rf"\beta = {shown}"


def _power_tex(value: float) -> str:
    """``power = 1 - beta = value``, without ``1 - beta`` when that is too wide (a
    power in scientific form)."""
    whole = rf"\text{{power}} = 1 - \beta = {latex_number(value)}"
    if formula_row(whole).width <= PANEL_WIDTH:
        return whole
    return rf"\text{{power}} = {latex_number(value)}"


def _h1_words(alternative: str) -> str:
    return {"less": "mean a < mean b", "greater": "mean a > mean b"}.get(
        alternative, "mean a ≠ mean b"
    )


__all__ = ["TestPower"]
