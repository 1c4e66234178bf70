"""A two-sample t-test on real data.

Render it with plain Manim: ``manim -pql scenes/statistics/hypothesis_test.py HypothesisTest``.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

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
    Text,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/hypothesis_test.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import datasets, inference
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    area_polygon,
    dot_cloud,
    formula_row,
    panel_title,
    panel_top,
    plot_box,
    plot_curve,
    polygon_area,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import CURVE_POINTS, GEOMETRY_ATOL, PALETTE, TEXT_SIZE, panel_left
from scenes.statistics.params import HypothesisTestParams


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


def _t_marker(null: Plot, t: float, peak: float, big: bool) -> tuple[Mobject, Mobject]:
    """The observed t: a line at t with its label, or an arrow off the axis' end."""
    if big:
        side = RIGHT if t > 0 else LEFT
        edge = null.c2p(null.x_hi if t > 0 else null.x_lo, 0.6 * peak)
        edge = edge - 0.25 * side  # keep clear of the axis and its tick labels
        t_mark: Mobject = Arrow(
            edge - 1.3 * side, edge, buff=0, color=PALETTE.accent, stroke_width=5
        )
        t_label = formula_row(rf"t = {latex_number(t)}\ \text{{(off the axis)}}", PALETTE.accent)
        t_label.next_to(t_mark, UP, buff=0.15)
        t_label.align_to(t_mark, RIGHT if t > 0 else LEFT)
    else:
        t_mark = Line(
            null.c2p(t, 0.0),
            null.c2p(t, 0.9 * null.y_hi),
            stroke_color=PALETTE.accent,
            stroke_width=5,
        )
        t_label = formula_row(rf"t = {latex_number(t)}", PALETTE.accent)
        t_label.next_to(t_mark, UP, buff=0.1)
        if t > 0:
            t_label.align_to(t_mark, RIGHT).shift(0.1 * LEFT)
        else:
            t_label.align_to(t_mark, LEFT).shift(0.1 * RIGHT)
    return t_mark, t_label


#: Where the samples' strip ends and the null distribution's plot begins (frame y).
_SPLIT = 0.35


@dataclass
class TTestPicture:
    """What the invariants read from the drawn picture."""

    strip: Plot  # the two samples' strip on top
    mean_marks: VGroup  # one tick per sample at its mean
    null: Plot  # the null distribution's plot below
    p_shade: VGroup  # the drawn part of the p-value region
    p_region: list[tuple[float, float]]  # the whole p-value region in t
    t_mark: Mobject  # a line at t, or an arrow when t is off the axis
    big: bool  # the observed t lies off the drawn axis


@dataclass
class SamplesRows:
    """The top strip's dot clouds, mean ticks and row labels."""

    clouds: VGroup
    mean_marks: VGroup
    row_labels: VGroup


@dataclass
class NullPieces:
    """The null distribution: its curve, rejection region, critical lines and t mark."""

    curve: VMobject
    reject_shade: VGroup
    crit_lines: VGroup
    p_shade: VGroup
    t_mark: Mobject
    t_label: Mobject


@dataclass
class TTestPanel:
    """The panel's rows: title, hypotheses, formula, value, p-value and decision."""

    title: Mobject
    hypotheses: VGroup
    formula: Mobject
    value: Mobject
    p_row: Mobject
    decision: Text


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
        crit = inference.critical_values(test.df, p.alpha, p.alternative)
        self.data = self.sidecar(test, s, crit)
        strip, rows = self.samples_picture(xa, xb, s)
        null, pieces = self.null_picture(test, crit)
        self.picture = TTestPicture(
            strip=strip,
            mean_marks=rows.mean_marks,
            null=null,
            p_shade=pieces.p_shade,
            p_region=inference.p_value_region(test.statistic, p.alternative),
            t_mark=pieces.t_mark,
            big=self.is_big(test),
        )
        panel = self.build_panel(test)
        self.show_samples(s, rows, panel)
        self.show_statistic(test, panel)
        self.show_null(test, crit, pieces)
        self.show_p_value(test, pieces, panel)
        self.decide(test, panel)

    def sidecar(
        self,
        test: inference.TestResult,
        s: inference.TwoSampleSummary,
        crit: tuple[float, float],
    ) -> dict[str, object]:
        p: HypothesisTestParams = self.params
        crit_lo, crit_hi = crit
        return {
            "statistic": test.statistic,
            "df": test.df,
            "p_value": test.p_value,
            "reject": bool(test.p_value < p.alpha),
            "alpha": p.alpha,
            "alternative": p.alternative,
            "test": "student" if p.equal_var else "welch",
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

    @staticmethod
    def is_big(test: inference.TestResult) -> bool:
        """Whether the observed t is drawn as an arrow off the axis' end."""
        return abs(test.statistic) > 9.0

    def samples_picture(
        self, xa: np.ndarray, xb: np.ndarray, s: inference.TwoSampleSummary
    ) -> tuple[Plot, SamplesRows]:
        """The two samples as dot rows on a strip, with a tick and a label at each mean."""
        p: HypothesisTestParams = self.params
        l0, r0, _, t0 = plot_box()
        values = np.concatenate([xa, xb])
        pad = 0.1 * (values.max() - values.min() + 1e-9)
        strip = Plot(
            float(values.min() - pad),
            float(values.max() + pad),
            2.4,
            box=(l0, r0, _SPLIT, t0),
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
            clouds.add(dot_cloud(strip.c2p(xs, jitter), colors[key], width=7))
            mean_marks.add(
                Line(
                    strip.c2p([mean], [rows[key] - 0.38])[0],
                    strip.c2p([mean], [rows[key] + 0.38])[0],
                    stroke_color=PALETTE.text,
                    stroke_width=5,
                )
            )
            label = formula_row(
                rf"\text{{{key}: {name}}},\ \bar x_{key} = {latex_number(mean)}", colors[key]
            )
            label.move_to(strip.c2p([strip.x_lo], [rows[key] + 0.6])[0], aligned_edge=LEFT)
            label.shift(0.15 * RIGHT)
            row_labels.add(label)
        return strip, SamplesRows(clouds, mean_marks, row_labels)

    def null_picture(
        self, test: inference.TestResult, crit: tuple[float, float]
    ) -> tuple[Plot, NullPieces]:
        """The t density under H0 with its rejection region, p-value tail and t mark."""
        p: HypothesisTestParams = self.params
        crit_lo, crit_hi = crit
        t = test.statistic
        l0, r0, b0, _ = plot_box()
        big = self.is_big(test)
        half = 5.0 if big else max(4.0, abs(t) + 1.0)
        peak = float(inference.t_pdf(0.0, test.df))
        null = Plot(
            -half,
            half,
            1.12 * peak,
            box=(l0, r0, b0, _SPLIT - 0.3),
            y_title="density of t under H0",
            x_title="t",
            x_ticks=8,
        )
        grid = np.linspace(null.x_lo, null.x_hi, 4 * CURVE_POINTS)
        null_curve = plot_curve(null, grid, inference.t_pdf(grid, test.df), PALETTE.density)

        def shaded(intervals: list[tuple[float, float]], color: str, opacity: float) -> VGroup:
            group = VGroup()
            for lo, hi in intervals:
                a, b = max(lo, null.x_lo), min(hi, null.x_hi)
                if b - a <= 1e-12:
                    continue
                xs = np.linspace(a, b, 2 * CURVE_POINTS)
                group.add(area_polygon(null, xs, inference.t_pdf(xs, test.df), color, opacity))
            return group

        reject_region = [(-math.inf, crit_lo), (crit_hi, math.inf)]
        reject_shade = shaded(reject_region, PALETTE.rejected, 0.25)
        crit_lines = VGroup(
            *(
                DashedLine(
                    null.c2p(c, 0.0),
                    null.c2p(c, null.y_hi * 0.8),
                    stroke_color=PALETTE.rejected,
                    stroke_width=3,
                )
                for c in (crit_lo, crit_hi)
                if math.isfinite(c) and null.x_lo < c < null.x_hi
            )
        )
        p_shade = shaded(inference.p_value_region(t, p.alternative), PALETTE.interval, 0.85)
        t_mark, t_label = _t_marker(null, t, peak, big)
        return null, NullPieces(null_curve, reject_shade, crit_lines, p_shade, t_mark, t_label)

    def build_panel(self, test: inference.TestResult) -> TTestPanel:
        p: HypothesisTestParams = self.params
        name = "Student's t-test" if p.equal_var else "Welch's t-test"
        title = panel_title(name)
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
            rf"t = {latex_number(test.statistic)},\ \ \nu = {latex_number(test.df, 1)}",
            PALETTE.accent,
        )
        p_row = formula_row(_p_text(test.p_value), PALETTE.interval)
        alpha_text = format_number(p.alpha, 3)
        if test.p_value < p.alpha:
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
            left=panel_left(),
            gap=0.32,
        )
        return TTestPanel(title, hypotheses, formula, value, p_row, decision)

    def show_samples(
        self, s: inference.TwoSampleSummary, rows: SamplesRows, panel: TTestPanel
    ) -> None:
        # The viewer meets the data: two species' measurements and their means.
        p: HypothesisTestParams = self.params
        unit = "cm"
        feature = p.feature.replace("_", " ")
        self.beat(
            "samples",
            f"The {feature} of {s.n1} {p.group_a} and {s.n2} {p.group_b} flowers: mean "
            f"{format_number(s.mean1)} {unit} against {format_number(s.mean2)} {unit}.",
        )
        self.play(
            FadeIn(self.picture.strip.group()),
            FadeIn(panel.title),
            FadeIn(panel.hypotheses),
            run_time=1.0,
        )
        self.play(FadeIn(rows.clouds), run_time=1.2)
        self.play(Create(rows.mean_marks), FadeIn(rows.row_labels), run_time=0.8)

    def show_statistic(self, test: inference.TestResult, panel: TTestPanel) -> None:
        # The viewer learns the statistic: the mean difference over its standard error.
        self.beat(
            "statistic",
            f"The difference of the means in units of its standard error: t = "
            f"{format_number(test.statistic)}"
            + ("" if self.params.equal_var else " (Welch, unequal variances)")
            + ".",
        )
        self.play(Write(panel.formula), run_time=1.0)
        self.play(FadeIn(panel.value), run_time=0.6)

    def show_null(
        self, test: inference.TestResult, crit: tuple[float, float], pieces: NullPieces
    ) -> None:
        # The viewer learns what t looks like if H0 holds, and where alpha's region lies.
        p: HypothesisTestParams = self.params
        crit_lo, crit_hi = crit
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
            f"(light red) happen with probability alpha = {format_number(p.alpha, 3)}.",
        )
        self.play(FadeIn(self.picture.null.group()), Create(pieces.curve), run_time=1.2)
        self.play(FadeIn(pieces.reject_shade), Create(pieces.crit_lines), run_time=0.8)

    def show_p_value(
        self, test: inference.TestResult, pieces: NullPieces, panel: TTestPanel
    ) -> None:
        # The viewer learns the p-value: the null's mass at least as extreme as t.
        self.beat(
            "p-value",
            f"The p-value is the probability, under H0, of a t at least as extreme as "
            f"{format_number(test.statistic)}: {_pplain_label(test.p_value)} ("
            + (
                "the tail lies far beyond the drawn axis"
                if self.picture.big
                else "the purple tail" + (", too thin to see" if test.p_value < 1e-3 else "")
            )
            + ").",
        )
        self.play(Create(pieces.t_mark), FadeIn(pieces.t_label), run_time=0.8)
        self.play(FadeIn(pieces.p_shade), FadeIn(panel.p_row), run_time=1.0)

    def decide(self, test: inference.TestResult, panel: TTestPanel) -> None:
        # The viewer learns the decision: compare p with alpha.
        alpha_text = format_number(self.params.alpha, 3)
        self.beat(
            "decision",
            (
                f"{_pplain_label(test.p_value)} is below alpha = {alpha_text}: reject the "
                "hypothesis of equal means."
            )
            if test.p_value < self.params.alpha
            else (
                f"{_pplain_label(test.p_value)} is not below alpha = {alpha_text}: the data give "
                "no evidence against equal means."
            ),
        )
        self.play(FadeIn(panel.decision, shift=0.2 * UP), run_time=0.8)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Mean marks at the sample means; the shaded tails (plus any tail beyond the
        axis) hold exactly the p-value; the observed t mark sits at the statistic."""
        pic = self.picture
        checks = []
        if beat in ("samples", "decision"):
            marks = [pic.strip.p2c(m.get_start())[0] for m in pic.mean_marks]
            checks.append(
                Invariant(
                    "mean marks at the sample means", marks, self.data["means"], atol=GEOMETRY_ATOL
                )
            )
        if beat in ("p-value", "decision"):
            null = pic.null
            drawn = sum(polygon_area(null, region) for region in pic.p_shade)
            df = self.data["df"]
            undrawn = 0.0
            for lo, hi in pic.p_region:  # parts of the region beyond the axis' ends
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
            if not pic.big:
                checks.append(
                    Invariant(
                        "t mark at the statistic",
                        null.p2c(pic.t_mark.get_start())[0],
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


def _pplain_label(p: float) -> str:
    if p <= 0.0:
        return "p < 1e-300"
    mantissa, exponent = _p_digits(p)
    return f"p = {mantissa}" if exponent is None else f"p = {mantissa}e{exponent}"
