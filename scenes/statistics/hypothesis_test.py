"""A two-sample t-test on real data.

Render it with plain Manim: ``manim -pql scenes/statistics/hypothesis_test.py HypothesisTest``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
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
    Rectangle,
    Text,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/hypothesis_test.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import inference
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
from scenes.kit.style import (
    CURVE_POINTS,
    GEOMETRY_ATOL,
    PALETTE,
    TEXT_SIZE,
    frame_half_width,
    panel_left,
)
from scenes.parameters.data import dropped_note, screen_name, tex_text
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


def verdict_plain(p: float, alpha: float) -> str:
    """The decision in words true to the test: p against alpha, significant or not at
    alpha, H0 rejected or not rejected (never "no evidence", never "H0 is true")."""
    a = format_number(alpha, 3)
    if p < alpha:
        return f"{_pplain_label(p)} < alpha = {a}: significant at alpha = {a}, reject H0"
    rel = ">" if p > alpha else "="
    return f"{_pplain_label(p)} {rel} alpha = {a}: not significant at alpha = {a}, H0 not rejected"


def verdict_tex(p: float, alpha: float) -> tuple[str, ...]:
    """The decision as MathTex lines: the comparison, significance at alpha, the verdict."""
    a = format_number(alpha, 3)
    # the p-value row just above shows p; repeat it here only without a power of ten
    lhs = _p_text(p) if _p_digits(p)[1] is None and p > 0 else "p"
    if p < alpha:
        return (
            rf"{lhs} < \alpha = {a}",
            r"\text{significant}",
            rf"\text{{at }} \alpha = {a}{{:}}",
            r"\text{reject } H_0",
        )
    rel = ">" if p > alpha else "="
    return (
        rf"{lhs} {rel} \alpha = {a}",
        r"\text{not significant}",
        rf"\text{{at }} \alpha = {a}{{:}}",
        r"H_0 \text{ not rejected}",
    )


def group_colours() -> tuple[str, str]:
    """Samples a and b: Okabe-Ito bluish green and reddish purple, apart from the
    density's yellow, the rejection region's vermillion and the p-value's purple in
    every vision (sky blue and the p-value's purple are 5 apart in deuteranopia)."""
    return PALETTE.series[2], PALETTE.series[5]


def observed_colour() -> str:
    """What the data gave, drawn over the picture: the sample means and the observed t."""
    return PALETTE.text


def _t_marker(
    null: Plot, t: float, peak: float, big: bool, low: bool = False
) -> tuple[Mobject, Mobject]:
    """The observed t: a line at t with its label, or an arrow off the axis' end."""
    if big:
        side = RIGHT if t > 0 else LEFT
        edge = null.c2p(null.x_hi if t > 0 else null.x_lo, 0.6 * peak)
        edge = edge - 0.25 * side  # keep clear of the axis and its tick labels
        t_mark: Mobject = Arrow(
            edge - 1.3 * side, edge, buff=0, color=observed_colour(), stroke_width=5
        )
        t_label = formula_row(rf"t = {latex_number(t)}\ \text{{(off the axis)}}", observed_colour())
        t_label.next_to(t_mark, UP, buff=0.15)
        t_label.align_to(t_mark, RIGHT if t > 0 else LEFT)
    else:
        top = 0.4 if low else 0.9  # low: keep clear of the inset above the tail
        t_mark = Line(
            null.c2p(t, 0.0),
            null.c2p(t, top * null.y_hi),
            stroke_color=observed_colour(),
            stroke_width=5,
        )
        t_label = formula_row(rf"t = {latex_number(t)}", observed_colour())
        t_label.next_to(t_mark, UP, buff=0.1)
        if low:  # beside the mark: inwards when the curve there is flat, else outwards
            inward = abs(t) > 4.5
            side = (LEFT if t > 0 else RIGHT) if inward else (RIGHT if t > 0 else LEFT)
            t_label.next_to(t_mark, side, buff=0.12).align_to(t_mark, UP)
        elif t > 0:
            t_label.align_to(t_mark, RIGHT).shift(0.1 * LEFT)
        else:
            t_label.align_to(t_mark, LEFT).shift(0.1 * RIGHT)
    return t_mark, t_label


#: Font size of rows with subscripts (H_0): their subscript glyphs measure >= 12 px at 480p.
_SUB_SIZE = 42


def _inside_top(f: Callable[[float], float], plot: Plot, side: float) -> tuple[float, float]:
    """The stretch of the plot's x axis over which the tail density ``f`` (falling
    away from 0 on ``side``) stays under the top of the y axis, as (left, right)."""
    lo, hi = plot.x_lo, plot.x_hi
    inner, outer = (lo, hi) if side > 0 else (hi, lo)
    if f(inner) <= plot.y_hi:
        return lo, hi
    a, b = inner, outer  # f(a) > y_hi >= f(b): bisect for the crossing
    for _ in range(80):
        m = (a + b) / 2
        a, b = (m, b) if f(m) > plot.y_hi else (a, m)
    return (b, hi) if side > 0 else (lo, b)


def _segments(mob: Mobject) -> list[tuple[np.ndarray, np.ndarray]]:
    """The straight edges of a line or rectangle (a dashed line: start to end)."""
    if isinstance(mob, Line):
        return [(mob.get_start(), mob.get_end())]
    if isinstance(mob, Rectangle):
        c = [mob.get_corner(d) for d in (UP + LEFT, UP + RIGHT, DOWN + RIGHT, DOWN + LEFT)]
        return [(c[k], c[(k + 1) % 4]) for k in range(4)]
    return [seg for sub in mob.submobjects for seg in _segments(sub)]


def _hits(mob: Mobject, segments: list[tuple[np.ndarray, np.ndarray]], margin: float) -> bool:
    """Whether any segment passes within ``margin`` of ``mob``'s bounding box."""
    left, bottom = mob.get_corner(DOWN + LEFT)[:2] - margin
    right, top = mob.get_corner(UP + RIGHT)[:2] + margin
    for a, b in segments:
        pts = np.linspace(a, b, 200)
        inside = (
            (pts[:, 0] >= left) & (pts[:, 0] <= right) & (pts[:, 1] >= bottom) & (pts[:, 1] <= top)
        )
        if inside.any():
            return True
    return False


def place_clear(
    label: Mobject,
    mark: Line,
    segments: list[tuple[np.ndarray, np.ndarray]],
    x_range: tuple[float, float],
    sides: tuple[np.ndarray, ...],
    margin: float = 0.1,
) -> bool:
    """Put ``label`` beside ``mark``: on one of ``sides`` (in order of preference) level
    with its top or its middle, else just above it (centred or a little to a side), at
    the first place at least
    ``margin`` from every segment and inside ``x_range`` (screen x). Returns whether
    one was found (if not, the label is at the first place tried)."""
    places = []
    for side in sides:
        for level in ("top", "middle"):
            label.next_to(mark, side, buff=0.12)
            if level == "top":
                label.align_to(mark, UP)
            places.append(label.get_center().copy())
    for shift in (0.0, 0.15, -0.15, 0.3, -0.3):
        label.next_to(mark, UP, buff=0.1).shift(shift * RIGHT)
        places.append(label.get_center().copy())
    for place in places:
        label.move_to(place)
        inside = x_range[0] <= label.get_left()[0] and label.get_right()[0] <= x_range[1]
        if inside and not _hits(label, segments, margin):
            return True
    label.move_to(places[0])
    return False


def _panel_room() -> float:
    """The panel's width inside the safe area (|x| <= 0.9 of the half width)."""
    return 0.9 * frame_half_width() - 0.05 - panel_left()


def _plot_box() -> tuple[float, float, float, float]:
    """The kit's plot box with its left edge moved into the safe area (tick labels)."""
    left, right, bottom, top = plot_box()
    return max(left, -0.9 * frame_half_width() + 0.3), right, bottom, top


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
    reject_shade: VGroup  # the drawn part of the rejection region (main plot)
    reject_region: list[tuple[float, float]]  # the whole rejection region in t
    inset: TailInset | None  # the magnified tail (None when t is off the axis)
    decision: VGroup | None = None  # the panel's verdict rows (MathTex)


@dataclass
class TailInset:
    """A magnified copy of the density over the tail beyond t, linked to its box."""

    plot: Plot  # its own axes: t across, density / 10**power up
    power: int  # the plotted y is density / 10**power
    x_range: tuple[float, float]  # the t interval it magnifies
    curve: VMobject
    reject_shade: VGroup
    p_shade: VGroup
    t_mark: Line
    frame: VGroup  # background, border, the marked box on the main plot and links
    labels: VGroup  # its y title: the unit of its y ticks, a power of ten


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
    inset: TailInset | None
    y_title: Mobject


@dataclass
class TTestPanel:
    """The panel's rows: title, hypotheses, formula, value, p-value and decision."""

    title: Mobject
    hypotheses: VGroup
    formula: Mobject
    value: Mobject
    p_row: Mobject
    decision: VGroup


class HypothesisTest(MathScene):
    """A two-sample t-test on real data.

    Two Iris species' measurements give a t statistic; under the null hypothesis of
    equal means it follows Student's t distribution, and the shaded tail beyond the
    observed value is the p-value, compared with alpha to decide.
    """

    params_type = HypothesisTestParams

    def construct(self) -> None:  # tempconfig drops the house template (see there)
        p: HypothesisTestParams = self.params
        self.table, xa, xb = p.samples()  # the Iris species, or two groups of a CSV file
        test = inference.two_sample_t(xa, xb, equal_var=p.equal_var, alternative=p.alternative)
        s = inference.summarize_two(xa, xb)
        crit = inference.critical_values(test.df, p.alpha, p.alternative)
        self.data = self.sidecar(test, s, crit)
        self.data["group_column"] = p.group_column
        self.data["data_source"] = self.table.source.to_json()
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
            reject_shade=pieces.reject_shade,
            reject_region=[(-math.inf, crit[0]), (crit[1], math.inf)],
            inset=pieces.inset,
        )
        panel = self.build_panel(test)
        self.picture.decision = panel.decision
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
        l0, r0, _, t0 = _plot_box()
        values = np.concatenate([xa, xb])
        pad = 0.1 * (values.max() - values.min() + 1e-9)
        strip = Plot(
            float(values.min() - pad),
            float(values.max() + pad),
            2.4,
            box=(l0, r0, _SPLIT, t0),
            show_y=False,
            x_title=rf"\text{{{self._unit_tex()}}}",
            x_ticks=7,
        )
        rows = {"a": 1.55, "b": 0.45}
        clouds, mean_marks, row_labels = VGroup(), VGroup(), VGroup()
        colors = dict(zip("ab", group_colours(), strict=True))
        for key, xs, mean, name in (("a", xa, s.mean1, p.group_a), ("b", xb, s.mean2, p.group_b)):
            k = np.arange(xs.size)
            jitter = rows[key] + 0.55 * (((k * 0.6180339887498949) % 1.0) - 0.5)
            clouds.add(dot_cloud(strip.c2p(xs, jitter), colors[key], width=7))
            mean_marks.add(
                Line(
                    strip.c2p([mean], [rows[key] - 0.38])[0],
                    strip.c2p([mean], [rows[key] + 0.38])[0],
                    stroke_color=observed_colour(),
                    stroke_width=5,
                )
            )
            label = formula_row(
                rf"\text{{{key}: {self._group_tex(name)}}},\ \bar x_{key} = {latex_number(mean)}",
                colors[key],
            )
            label.move_to(strip.c2p([strip.x_lo], [rows[key] + 0.6])[0], aligned_edge=LEFT)
            label.shift(0.15 * RIGHT)
            row_labels.add(label)
        note = dropped_note(self.table.source)
        if note:  # rows with a missing value were left out: say so beside the data
            dropped = Text(note, font_size=TEXT_SIZE, color=PALETTE.muted)
            dropped.next_to(row_labels[0], UP, buff=0.12, aligned_edge=LEFT)
            row_labels.add(dropped)
        return strip, SamplesRows(clouds, mean_marks, row_labels)

    def _unit_tex(self) -> str:
        """The strip's axis title: cm for Iris, the measured column's name for a file."""
        return tex_text(screen_name(self.params.feature)) if self.table.from_file else "cm"

    def _group_tex(self, value: str) -> str:
        """A group's name in a row label: the species, or ``column value`` for a file."""
        if self.table.from_file:
            return tex_text(f"{screen_name(self.params.group_column)} {value}")
        return value

    def null_picture(
        self, test: inference.TestResult, crit: tuple[float, float]
    ) -> tuple[Plot, NullPieces]:
        """The t density under H0 with its rejection region, p-value tail and t mark."""
        p: HypothesisTestParams = self.params
        crit_lo, crit_hi = crit
        t = test.statistic
        l0, r0, b0, _ = _plot_box()
        big = self.is_big(test)
        half = 5.0 if big else max(4.0, abs(t) + 1.0)
        peak = float(inference.t_pdf(0.0, test.df))
        null = Plot(
            -half,
            half,
            1.12 * peak,
            box=(l0, r0, b0, _SPLIT - 0.3),
            y_title="",
            x_title="t",
            x_ticks=8,
        )
        grid = np.linspace(null.x_lo, null.x_hi, 4 * CURVE_POINTS)
        null_curve = plot_curve(null, grid, inference.t_pdf(grid, test.df), PALETTE.density)

        def shaded(
            intervals: list[tuple[float, float]],
            color: str,
            opacity: float,
            plot: Plot = null,
            scale: float = 1.0,
            bounds: tuple[float, float] | None = None,
        ) -> VGroup:
            x_lo, x_hi = bounds or (plot.x_lo, plot.x_hi)
            group = VGroup()
            for lo, hi in intervals:
                a, b = max(lo, x_lo), min(hi, x_hi)
                if b - a <= 1e-12:
                    continue
                xs = np.linspace(a, b, 2 * CURVE_POINTS)
                ys = inference.t_pdf(xs, test.df) / scale
                group.add(area_polygon(plot, xs, ys, color, opacity))
            return group

        reject_region = [(-math.inf, crit_lo), (crit_hi, math.inf)]
        reject_shade = shaded(reject_region, PALETTE.rejected, 0.45)
        crit_top = 0.25 if not big else 0.8  # below the inset when there is one
        crit_lines = VGroup(
            *(
                DashedLine(
                    null.c2p(c, 0.0),
                    null.c2p(c, null.y_hi * crit_top),
                    stroke_color=PALETTE.rejected,
                    stroke_width=4,
                )
                for c in (crit_lo, crit_hi)
                if math.isfinite(c) and null.x_lo < c < null.x_hi
            )
        )
        p_region = inference.p_value_region(t, p.alternative)
        p_shade = shaded(p_region, PALETTE.interval, 0.85)
        t_mark, t_label = _t_marker(null, t, peak, big, low=not big)
        inset = None
        if not big:
            inset = self.tail_inset(null, test, crit, reject_region, p_region, shaded)
            # beside the mark, clear of the inset's links and box and the critical lines
            inward = abs(t) > 4.5  # inwards first where the curve is flat
            out = RIGHT if t > 0 else LEFT
            segments = _segments(inset.frame) + _segments(crit_lines)
            segments.append((null.c2p(null.x_lo, 0.0), null.c2p(null.x_hi, 0.0)))
            x_range = (float(null.c2p(null.x_lo, 0.0)[0]), float(null.c2p(null.x_hi, 0.0)[0]))
            sides = (-out, out) if inward else (out, -out)
            foot = null.c2p(t, 0.0)
            for top in np.linspace(0.4, 0.2, 9):  # a shorter mark leaves room above it
                t_mark.put_start_and_end_on(foot, null.c2p(t, top * null.y_hi))
                if place_clear(t_label, t_mark, segments, x_range, sides):
                    break
            else:
                t_mark.put_start_and_end_on(foot, null.c2p(t, 0.4 * null.y_hi))
                place_clear(t_label, t_mark, segments, x_range, sides)
        y_title = formula_row(
            r"\text{density of } t \text{ under } H_0", PALETTE.muted, size=_SUB_SIZE
        )
        corner = null.c2p(null.x_hi if (inset and t < 0) else null.x_lo, null.y_hi)
        y_title.next_to(corner, UP, buff=0.2)
        y_title.align_to(corner, RIGHT if (inset and t < 0) else LEFT)
        return null, NullPieces(
            null_curve, reject_shade, crit_lines, p_shade, t_mark, t_label, inset, y_title
        )

    def tail_inset(
        self,
        null: Plot,
        test: inference.TestResult,
        crit: tuple[float, float],
        reject_region: list[tuple[float, float]],
        p_region: list[tuple[float, float]],
        shaded: Callable[..., VGroup],
    ) -> TailInset:
        """The tail beyond t magnified: the same density on its own axes (y in units of
        a power of ten) in the plot's upper corner on t's side, linked by lines to a
        marked box over that tail on the main plot."""
        t = test.statistic
        side = 1.0 if t > 0 else -1.0
        c = crit[1] if t > 0 else -crit[0]
        near = abs(t) - 0.3  # the inset starts just inside t ...
        far = max(abs(t), c if math.isfinite(c) else abs(t)) + 1.2  # ... and holds crit
        lo, hi = sorted((side * near, side * far))
        y_max = float(inference.t_pdf(side * near, test.df))
        power = math.floor(math.log10(y_max))
        scale = 10.0**power
        # Screen box: from the plot's outer edge to 1.3 (in t) inwards, above 0.45 y_hi.
        outer = null.c2p(null.x_hi if t > 0 else null.x_lo, 0.0)[0] - side * 0.1
        inner = null.c2p(side * 1.3, 0.0)[0]
        left, right = sorted((float(outer), float(inner)))
        bottom = float(null.c2p(0.0, 0.47 * null.y_hi)[1])
        top = _SPLIT - 0.3
        plot = Plot(
            lo,
            hi,
            1.1 * y_max / scale,
            box=(left, right, bottom, top),
            y_title="",
            x_ticks=2,  # tick labels with minus signs: three fit the inset's width
            y_ticks=3,
        )
        # The axis runs to whole ticks, a little past [lo, hi]: the curve and its shades
        # run over all of it, and where the density climbs past the top of the y axis
        # (towards the centre) the curve leaves through the top.
        lo, hi = plot.x_lo, plot.x_hi
        x_in, x_out = _inside_top(lambda x: inference.t_pdf(x, test.df) / scale, plot, side)
        grid = np.linspace(x_in, x_out, 2 * CURVE_POINTS)
        curve = plot_curve(plot, grid, inference.t_pdf(grid, test.df) / scale, PALETTE.density)
        rej = shaded(reject_region, PALETTE.rejected, 0.45, plot, scale, (lo, hi))
        psh = shaded(p_region, PALETTE.interval, 0.85, plot, scale, (lo, hi))
        crit_marks = VGroup(
            *(
                DashedLine(
                    plot.c2p(x, 0.0),
                    plot.c2p(x, 0.8 * plot.y_hi),
                    stroke_color=PALETTE.rejected,
                    stroke_width=4,
                )
                for x in crit
                if math.isfinite(x) and lo < x < hi
            )
        )
        rej.add(*crit_marks)
        mark = Line(
            plot.c2p(t, 0.0),
            plot.c2p(t, 0.9 * plot.y_hi),
            stroke_color=observed_colour(),
            stroke_width=4,
        )
        background = Rectangle(
            width=right - left,
            height=top - bottom,
            stroke_color=PALETTE.muted,
            stroke_width=2,
            fill_color=PALETTE.background,
            fill_opacity=1.0,
        ).move_to([(left + right) / 2, (bottom + top) / 2, 0.0])
        # The marked box over the magnified interval on the main plot, and its links.
        b_lo = null.c2p(max(plot.x_lo, null.x_lo), 0.0)
        b_hi = null.c2p(min(plot.x_hi, null.x_hi), 0.06 * null.y_hi)
        box = Rectangle(
            width=float(b_hi[0] - b_lo[0]),
            height=float(b_hi[1] - b_lo[1]) + 0.1,
            stroke_color=PALETTE.text,
            stroke_width=3,
        ).move_to((b_lo + b_hi) / 2 + 0.05 * UP)
        links = VGroup(
            DashedLine(
                box.get_corner(UP + LEFT),
                background.get_corner(DOWN + LEFT),
                stroke_color=PALETTE.muted,
                stroke_width=2,
            ),
            DashedLine(
                box.get_corner(UP + RIGHT),
                background.get_corner(DOWN + RIGHT),
                stroke_color=PALETTE.muted,
                stroke_width=2,
            ),
        )
        title = formula_row(rf"\times 10^{{{power}}}", PALETTE.muted, size=_SUB_SIZE)
        title.next_to(plot.c2p(plot.x_lo, plot.y_hi), UP + RIGHT, buff=0.05)
        if title.get_right()[0] > right - 0.05:
            title.shift((right - 0.05 - title.get_right()[0]) * RIGHT)
        if title.get_top()[1] > top - 0.04:
            title.shift((top - 0.04 - title.get_top()[1]) * UP)
        frame = VGroup(background, box, links)
        return TailInset(plot, power, (lo, hi), curve, rej, psh, mark, frame, VGroup(title))

    def build_panel(self, test: inference.TestResult) -> TTestPanel:
        p: HypothesisTestParams = self.params
        name = "Student's t-test" if p.equal_var else "Welch's t-test"
        title = panel_title(name)
        relation = {"two-sided": r"\ne", "less": "<", "greater": ">"}[p.alternative]
        hypotheses = VGroup(
            formula_row(r"H_0:\ \mu_a = \mu_b", PALETTE.muted, size=_SUB_SIZE),
            formula_row(rf"H_1:\ \mu_a {relation} \mu_b", PALETTE.muted, size=_SUB_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        if p.equal_var:
            formula = formula_row(
                r"t = \dfrac{\bar x_a - \bar x_b}{s_p \sqrt{1/n_a + 1/n_b}}", PALETTE.text
            )
        else:
            formula = formula_row(
                r"t = \dfrac{\bar x_a - \bar x_b}{\sqrt{s_a^2/n_a + s_b^2/n_b}}", PALETTE.text
            )
        value = formula_row(
            rf"t = {latex_number(test.statistic)},\ \ \nu = {latex_number(test.df, 1)}",
            observed_colour(),
        )
        p_row = formula_row(_p_text(test.p_value), PALETTE.interval, size=_SUB_SIZE)
        rows = verdict_tex(test.p_value, p.alpha)
        decision_color = PALETTE.rejected if test.p_value < p.alpha else PALETTE.accepted
        decision = VGroup(
            *(formula_row(row, decision_color) for row in rows[:-1]),
            formula_row(rows[-1], decision_color, size=_SUB_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        for row in decision:
            if row.width > _panel_room():
                row.scale_to_fit_width(_panel_room())
        decision.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        for row in (title, hypotheses, formula, value, p_row):
            if row.width > _panel_room():
                row.scale_to_fit_width(_panel_room())
        stack(
            [title, hypotheses, formula, value, p_row, decision],
            top=panel_top() - 0.06,
            left=panel_left(),
            gap=0.32,
        )
        return TTestPanel(title, hypotheses, formula, value, p_row, decision)

    def show_samples(
        self, s: inference.TwoSampleSummary, rows: SamplesRows, panel: TTestPanel
    ) -> None:
        # The viewer meets the data: two species' measurements and their means.
        p: HypothesisTestParams = self.params
        if self.table.from_file:
            note = dropped_note(self.table.source)
            caption = (
                f"The {screen_name(p.feature)} of {s.n1} rows with "
                f"{screen_name(p.group_column)} {p.group_a} and {s.n2} with "
                f"{screen_name(p.group_column)} {p.group_b} in {self.table.source.name}: mean "
                f"{format_number(s.mean1)} against {format_number(s.mean2)}"
                + (f" ({note})." if note else ".")
            )
        else:
            unit = "cm"
            feature = p.feature.replace("_", " ")
            caption = (
                f"The {feature} of {s.n1} {p.group_a} and {s.n2} {p.group_b} flowers: mean "
                f"{format_number(s.mean1)} {unit} against {format_number(s.mean2)} {unit}."
            )
        self.beat("samples", caption)
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
            f"{_minus(format_number(test.statistic))}"
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
            crit_text = f"below {_minus(format_number(crit_lo))}"
        else:
            crit_text = f"above {format_number(crit_hi)}"
        self.beat(
            "null",
            f"If the means were equal, t would follow Student's t with "
            f"{format_number(test.df, 1)} degrees of freedom; values {crit_text} "
            f"(light red) happen with probability alpha = {format_number(p.alpha, 3)}.",
        )
        self.play(
            FadeIn(self.picture.null.group()),
            FadeIn(pieces.y_title),
            Create(pieces.curve),
            run_time=1.2,
        )
        self.play(FadeIn(pieces.reject_shade), Create(pieces.crit_lines), run_time=0.8)

    def show_p_value(
        self, test: inference.TestResult, pieces: NullPieces, panel: TTestPanel
    ) -> None:
        # The viewer learns the p-value: the null's mass at least as extreme as t.
        self.beat(
            "p-value",
            f"The p-value is the probability, under H0, of a t at least as extreme as "
            f"{_minus(format_number(test.statistic))}: {_pplain_label(test.p_value)} ("
            + (
                "the tail lies far beyond the drawn axis"
                if self.picture.big
                else "the purple tail, magnified in the inset"
            )
            + ").",
        )
        self.play(Create(pieces.t_mark), FadeIn(pieces.t_label), run_time=0.8)
        self.play(FadeIn(pieces.p_shade), FadeIn(panel.p_row), run_time=1.0)
        if pieces.inset is not None:
            inset = pieces.inset
            self.play(
                FadeIn(inset.frame),
                FadeIn(inset.plot.group()),
                FadeIn(inset.labels),
                run_time=0.8,
            )
            self.play(
                Create(inset.curve),
                FadeIn(inset.reject_shade),
                FadeIn(inset.p_shade),
                Create(inset.t_mark),
                run_time=1.0,
            )

    def decide(self, test: inference.TestResult, panel: TTestPanel) -> None:
        # The viewer learns the decision: compare p with alpha.
        self.beat("decision", verdict_plain(test.p_value, self.params.alpha) + ".")
        self.play(FadeIn(panel.decision, shift=0.2 * UP), run_time=0.8)
        self.wait(1.5)

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        """The roles on screen at ``beat``'s end, one colour each."""
        a, b = group_colours()
        roles = {
            "sample a": a,
            "sample b": b,
            "observed (means, t)": observed_colour(),
        }
        if beat in ("null", "p-value", "decision"):
            roles |= {"null density": PALETTE.density, "rejection region": PALETTE.rejected}
        if beat in ("p-value", "decision"):
            roles |= {"p-value": PALETTE.interval}
        return roles

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
            checks.extend(self.shade_invariants())
            checks.append(
                Invariant(
                    "decision = (p < alpha)",
                    float(self.data["reject"]),
                    float(p_value < self.data["alpha"]),
                    atol=0,
                )
            )
        return checks

    def shade_invariants(self) -> list[Invariant]:
        """The rejection region's drawn area plus its mass beyond the axis is alpha; in
        the inset, the drawn p-value tail (rescaled by its power of ten) plus the
        p-value region's mass outside the inset's t interval is the p-value."""
        pic = self.picture
        df = self.data["df"]

        def outside(region: list[tuple[float, float]], lo: float, hi: float) -> float:
            mass = 0.0
            for a, b in region:
                mass += inference.interval_mass(a, min(b, lo), df) if a < lo else 0.0
                mass += inference.interval_mass(max(a, hi), b, df) if b > hi else 0.0
            return mass

        null = pic.null
        alpha = self.data["alpha"]
        drawn = sum(polygon_area(null, r) for r in pic.reject_shade)
        total = drawn + outside(pic.reject_region, null.x_lo, null.x_hi)
        checks = [
            Invariant("rejection shade + tail beyond the axis = alpha", total, alpha, atol=1e-4),
            Invariant("same, relative to alpha", total / alpha, 1.0, atol=2e-3),
        ]
        if pic.inset is not None:
            ins = pic.inset
            p_value = self.data["p_value"]
            drawn = sum(polygon_area(ins.plot, r) for r in ins.p_shade) * 10.0**ins.power
            total = drawn + outside(pic.p_region, *ins.x_range)
            checks.append(
                Invariant("inset: p shade + tail outside it = p-value", total, p_value, atol=1e-4)
            )
            checks.append(Invariant("inset: same, relative to p", total / p_value, 1.0, atol=2e-3))
            checks.append(
                Invariant(
                    "inset: t mark at the statistic",
                    ins.plot.p2c(ins.t_mark.get_start())[0],
                    self.data["statistic"],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks


def _minus(number: str) -> str:
    """A number for a caption, with a real minus sign."""
    return number.replace("-", "−")


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _pplain_label(p: float) -> str:
    """A p-value for captions, its power of ten written as on screen (1.9 × 10⁻⁷),
    never in the computer's 1.9e-7."""
    if p <= 0.0:
        return "p < 10⁻³⁰⁰"
    mantissa, exponent = _p_digits(p)
    if exponent is None:
        return f"p = {mantissa}"
    return f"p = {mantissa} × 10{str(exponent).translate(_SUPERSCRIPT)}"
