"""The chain rule: a nudge passes through a composition, stretched by each local slope.

Render it with plain Manim: ``manim -pql scenes/calculus/chain_rule.py ChainRule``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    Dot,
    FadeIn,
    GrowArrow,
    Indicate,
    MathTex,
    Mobject,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus/chain_rule.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import chain_rule, derivatives
from scenes.calculus.params import ChainRuleParams
from scenes.kit.legends import legend_row, line_swatch
from scenes.kit.marks import keep_wide
from scenes.kit.number_lines import LocalLine, local_line
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.panel import panel_stack
from scenes.kit.panel_rows import formula, wrapped
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    frame_half_width,
    panel_left,
)

#: Screen length of the longest nudge (before any line is zoomed), scene units.
LONGEST = 4.0
#: A line whose nudges would be drawn shorter than this is zoomed in (1, 2, 5, 10, ...).
SHORTEST = 0.35
#: Heights of the predicted and the actual nudge's arrows above their line.
PREDICTED_LIFT, ACTUAL_LIFT = 0.36, 0.82
#: The three lines' heights (x, u, y) and the room left of them for their names.
LINE_YS = (2.35, 0.1, -2.15)
NAME_ROOM = 0.7
#: A drawn nudge shorter than this is a dot (an arrow needs a length).
DOT_BELOW = 0.03


def rhs(tex: str) -> str:
    """The right-hand side of a formula ``name(x) = ...``."""
    return tex.split("=", 1)[1].strip()


def named(letter: str, fn: derivatives.Function1D) -> str:
    """The function's formula under the scene's ``letter`` (f or g): ``g(x) = x^2``, or
    ``f(x) = \\sigma(x) = ...`` when the set calls it by its own name."""
    own = fn.latex.split("(", 1)[0].strip()
    head = f"{letter}(x) = " if own == "f" else f"{letter}(x) = {own}(x) = "
    # the panel is short of height: 1/3 as a text-style fraction (digits 12.7 px at 480p)
    return head + rhs(fn.latex).replace(r"\frac{1}{3}", r"\tfrac{1}{3}")


def factor_tex(value: float) -> str:
    """A factor of a product in LaTeX, in parentheses when negative."""
    return f"({sig_tex(value)})" if value < 0 else sig_tex(value)


def in_u(tex: str) -> str:
    """A formula in x rewritten in u (the outer function's variable). The set's LaTeX
    uses no command with an x in its name, so every x is the variable."""
    return tex.replace("x", "u")


@dataclass
class Nudge:
    """One nudge drawn above a number line: an arrow from ``start`` by ``change`` (a dot
    when too short to draw), with its label beyond the tip."""

    start: float
    change: float
    mark: Mobject  # Arrow, or Dot when the drawn length is under DOT_BELOW
    label: MathTex

    @property
    def group(self) -> VGroup:
        return VGroup(self.mark, self.label)


@dataclass
class ChainRulePicture:
    """What ChainRule draws, for its beats, invariants and tests."""

    numbers: chain_rule.ChainRuleNumbers
    lines: tuple[LocalLine, LocalLine, LocalLine]  # x, u = g(x), y = f(u)
    zoom: tuple[float, float, float]  # each line's magnification (1: the common scale)
    names: VGroup  # x, u, y at the lines' left ends
    points: tuple[Dot, Dot, Dot]  # x, g(x), f(g(x))
    dx_nudge: Nudge  # on the x line
    inner_predicted: Nudge  # g'(x) dx on the u line
    inner_actual: Nudge  # g(x + dx) - g(x)
    outer_predicted: Nudge  # f'(u) g'(x) dx on the y line
    outer_actual: Nudge  # f(g(x + dx)) - f(g(x))
    inner_factor: MathTex  # x g'(x) = ..., between the x and u lines
    outer_factor: MathTex  # x f'(u) = ..., between the u and y lines
    zoom_notes: VGroup  # "zoomed in m x" under each zoomed line
    setup_rows: list[Mobject]
    inner_rows: list[Mobject]
    outer_rows: list[Mobject]
    product_rows: list[Mobject]
    legend: VGroup
    product_box: SurroundingRectangle


class ChainRule(MathScene):
    """The chain rule: slopes multiply along a composition.

    A small nudge dx of x moves u = g(x) by g'(x) dx and then y = f(u) by f'(g(x)) g'(x)
    dx, so the derivative of f(g(x)) is the product of the two local slopes.
    """

    params_type = ChainRuleParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.composition()
        self.inner()
        self.outer()
        self.product()

    # -- the beats -------------------------------------------------------------------

    def composition(self) -> None:
        """The viewer sees the composition as three linked lines: x, u = g(x), y = f(u)."""
        pic, n, p = self.picture, self.picture.numbers, self.params
        self.beat(
            "composition",
            f"y = f(g(x)) with inner g = {p.inner} and outer f = {p.outer}: "
            f"x = {format_number(n.x, 4)} goes to u = g(x) = {sig(n.inner_value)} "
            f"and then to y = f(u) = {sig(n.outer_value)}{self.zoom_remark(0)}.",
        )
        self.play(
            *[Create(line.group) for line in pic.lines],
            FadeIn(pic.names),
            *[Write(r) for r in pic.setup_rows],
            run_time=1.5,
        )
        self.play(*[FadeIn(d) for d in pic.points], FadeIn(pic.zoom_notes), run_time=0.6)
        self.wait(0.5)

    def inner(self) -> None:
        """The nudge dx is stretched by g'(x) on the u line (and flipped when g' < 0)."""
        pic, n = self.picture, self.picture.numbers
        g1 = n.inner_derivative
        if g1 == 0:
            how = "g'(x) = 0, so to first order the nudge vanishes"
        elif g1 < 0:
            how = f"g'(x) = {sig(g1)} is negative, so the nudge flips direction"
        else:
            how = f"the inner slope g'(x) = {sig(g1)} is the stretch factor"
        self.beat(
            "inner",
            f"A nudge dx = {format_number(n.dx, 4)} of x moves u by g'(x) dx = "
            f"{sig(n.inner_prediction)}: {how} (the actual change is {sig(n.inner_change)})"
            f"{self.zoom_remark(1)}.",
        )
        self.play(GrowArrow(pic.dx_nudge.mark), FadeIn(pic.dx_nudge.label), run_time=0.8)
        self.play(
            TransformFromCopy(pic.dx_nudge.mark, pic.inner_predicted.mark),
            FadeIn(pic.inner_predicted.label),
            FadeIn(pic.inner_factor),
            FadeIn(pic.legend[0]),
            *[FadeIn(r) for r in pic.inner_rows],
            run_time=1.4,
        )
        self.play(FadeIn(pic.inner_actual.group), FadeIn(pic.legend[1]), run_time=0.7)
        self.wait(0.6)

    def outer(self) -> None:
        """That nudge of u is stretched again, by f'(u), on the y line."""
        pic, n = self.picture, self.picture.numbers
        f1 = n.outer_derivative
        flip = " (negative: it flips the nudge)" if f1 < 0 else ""
        zoomed = self.zoom_remark(2)
        self.beat(
            "outer",
            f"That nudge of u moves y by f'(u) times it: f'({sig(n.inner_value)}) = "
            f"{sig(f1)}{flip}, so y moves by f'(u) g'(x) dx = {sig(n.outer_prediction)} "
            f"(the actual change is {sig(n.outer_change)}){zoomed}.",
        )
        self.play(
            TransformFromCopy(pic.inner_predicted.mark, pic.outer_predicted.mark),
            FadeIn(pic.outer_predicted.label),
            FadeIn(pic.outer_factor),
            *[FadeIn(r) for r in pic.outer_rows],
            run_time=1.4,
        )
        self.play(FadeIn(pic.outer_actual.group), run_time=0.7)
        self.wait(0.6)

    def product(self) -> None:
        """The stretch factors multiply: the derivative of the composition is their
        product, and the nudged composition agrees."""
        pic, n = self.picture, self.picture.numbers
        zero = ": the derivative is 0" if n.derivative == 0 else ""
        g1 = n.inner_derivative
        second = f"({sig(g1)})" if g1 < 0 else sig(g1)
        self.beat(
            "product",
            f"The stretch factors multiply: d/dx f(g(x)) = f'(g(x)) g'(x) = "
            f"{sig(n.outer_derivative)} × {second} = {sig(n.derivative)}{zero}; the nudged "
            f"composition gives Δy/dx = {sig(n.difference_quotient)}, off by "
            f"{sig(abs(n.gap))}, a gap that shrinks with dx.",
        )
        self.play(*[FadeIn(r) for r in pic.product_rows], run_time=1.0)
        self.play(Create(pic.product_box), Indicate(pic.inner_factor), Indicate(pic.outer_factor))
        self.wait(1.5)

    def zoom_remark(self, k: int) -> str:
        """``; the u line is zoomed in 5×`` for a zoomed line ``k`` (0, 1, 2: x, u, y)."""
        z = self.picture.zoom[k]
        return f"; the {'xuy'[k]} line is zoomed in {format_number(z)}×" if z != 1 else ""

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> ChainRulePicture:
        """The three number lines with their points and nudges, and the panel."""
        p: ChainRuleParams = self.params
        outer, inner = derivatives.FUNCTIONS[p.outer], derivatives.FUNCTIONS[p.inner]
        n = chain_rule.chain_rule(outer, inner, p.x, p.dx)
        starts = (n.x, n.inner_value, n.outer_value)
        changes = (
            (n.dx, n.dx),
            (n.inner_prediction, n.inner_change),
            (n.outer_prediction, n.outer_change),
        )
        biggest = [max(abs(a), abs(b)) for a, b in changes]
        base = LONGEST / max(biggest)
        zoom = tuple(chain_rule.zoom_factor(b * base, SHORTEST) for b in biggest)
        labels = (
            ("dx", "dx"),
            (r"g'(x)\,dx", r"\Delta u"),
            (r"f'(u)\,g'(x)\,dx", r"\Delta y"),
        )
        left = -frame_half_width() + FRAME_MARGIN + NAME_ROOM
        right = panel_left() - 0.3
        lines = []
        nudges: list[tuple[Nudge, Nudge]] = []
        for y, start, (pred, actual), (pred_tex, actual_tex), z in zip(
            LINE_YS, starts, changes, labels, zoom, strict=True
        ):
            unit = base * z
            if abs(pred) * unit < DOT_BELOW:  # drawn as a dot: say it is nothing
                pred_tex += " = 0" if pred == 0 else rf" = {sig_tex(pred)}"
            pred_label = MathTex(pred_tex, font_size=LABEL_SIZE, color=PALETTE.path)
            actual_label = MathTex(actual_tex, font_size=LABEL_SIZE, color=PALETTE.accent)
            # Centre the nudges and the labels beyond their tips on the line.
            ends = (0.0, pred, actual)
            lo, hi = min(ends), max(ends)
            sign = 1.0 if (pred if pred != 0 else actual) >= 0 else -1.0
            room = (max(pred_label.width, actual_label.width) + 0.15) / unit
            centre = start + 0.5 * (lo + hi) + 0.5 * sign * room
            line = local_line(y, left, right, centre, unit)
            lines.append(line)
            nudges.append(
                (
                    self.nudge(line, start, pred, PREDICTED_LIFT, PALETTE.path, pred_label),
                    self.nudge(line, start, actual, ACTUAL_LIFT, PALETTE.accent, actual_label),
                )
            )
        x_line, u_line, y_line = lines
        names = VGroup()
        for line, tex in zip(lines, ("x", "u", "y"), strict=True):
            name = MathTex(tex, font_size=BODY_SIZE, color=PALETTE.text)
            name.next_to(line.line, LEFT, buff=0.25)
            names.add(name)
        points = tuple(
            Dot(line.c2p(v), radius=0.08, color=PALETTE.text)
            for line, v in zip(lines, starts, strict=True)
        )
        inner_factor = self.factor(r"g'(x)", n.inner_derivative, x_line, u_line)
        outer_factor = self.factor(r"f'(u)", n.outer_derivative, u_line, y_line)
        zoom_notes = VGroup()
        for line, z, tex in zip(lines, zoom, "xuy", strict=True):
            if z != 1:
                note = MathTex(
                    rf"{tex}\text{{ zoomed in }} {format_number(z)}\times",
                    font_size=LABEL_SIZE,
                    color=PALETTE.muted,
                )
                note.next_to(line.labels, DOWN, buff=0.12).align_to(line.line, RIGHT)
                zoom_notes.add(note)
        self.data = {
            "outer": outer.name,
            "inner": inner.name,
            "x": n.x,
            "dx": n.dx,
            "inner_value": n.inner_value,
            "inner_derivative": n.inner_derivative,
            "outer_value": n.outer_value,
            "outer_derivative": n.outer_derivative,
            "derivative": n.derivative,
            "nudged_inner": n.nudged_inner,
            "nudged_outer": n.nudged_outer,
            "inner_change": n.inner_change,
            "outer_change": n.outer_change,
            "inner_prediction": n.inner_prediction,
            "outer_prediction": n.outer_prediction,
            "difference_quotient": n.difference_quotient,
            "gap": n.gap,
            "zoom": list(zoom),
            "scene_units_per_unit": base,
        }
        rows = self.build_panel(outer, inner, n)
        legend = rows[4]
        under = min([y_line.labels.get_bottom()[1]] + [m.get_bottom()[1] for m in zoom_notes])
        legend.next_to([0, under, 0], DOWN, buff=0.14).align_to(y_line.line, LEFT)
        return ChainRulePicture(
            n, (x_line, u_line, y_line), zoom, names, points,  # type: ignore[arg-type]
            nudges[0][0], nudges[1][0], nudges[1][1], nudges[2][0], nudges[2][1],
            inner_factor, outer_factor, zoom_notes, *rows,
        )  # fmt: skip

    @staticmethod
    def nudge(
        line: LocalLine, start: float, change: float, lift: float, colour: str, label: MathTex
    ) -> Nudge:
        """An arrow above ``line`` from ``start`` to ``start + change`` (a dot when
        shorter than DOT_BELOW), ``label`` just beyond its tip."""
        a = line.c2p(start) + lift * UP
        b = line.c2p(start + change) + lift * UP
        mark: Mobject
        if abs(b[0] - a[0]) < DOT_BELOW:
            mark = Dot(a, radius=0.07, color=colour)
            label.next_to(mark, RIGHT, buff=0.12)
        else:
            mark = Arrow(
                a,
                b,
                buff=0,
                color=colour,
                stroke_width=6,
                tip_length=0.2,
                max_tip_length_to_length_ratio=0.4,
            )
            keep_wide(mark)
            label.next_to(b, RIGHT if b[0] > a[0] else LEFT, buff=0.12)
        return Nudge(start, change, mark, label)

    @staticmethod
    def factor(name: str, slope: float, above: LocalLine, below: LocalLine) -> MathTex:
        """The stretch factor between two lines: ``x name = slope``, in the gap."""
        flips = r"\ \text{(flips)}" if slope < 0 else ""
        tex = MathTex(
            rf"\downarrow\ \times\, {name} = {sig_tex(slope)}{flips}",
            font_size=LABEL_SIZE,
            color=PALETTE.gradient,
        )
        top = above.labels.get_bottom()[1]
        bottom = below.y + ACTUAL_LIFT + 0.2
        tex.move_to([0, 0.5 * (top + bottom), 0]).align_to(above.line, LEFT)
        return tex

    def build_panel(
        self,
        outer: derivatives.Function1D,
        inner: derivatives.Function1D,
        n: chain_rule.ChainRuleNumbers,
    ) -> tuple[
        list[Mobject], list[Mobject], list[Mobject], list[Mobject], VGroup, SurroundingRectangle
    ]:
        """The panel: the composition, then each slope with its value, then the product
        and the actual change."""
        setup = [
            formula("y = f(g(x))", PALETTE.text, BODY_SIZE),
            formula(named("g", inner)),
            formula(in_u(named("f", outer))),
            formula(rf"x = {format_number(n.x, 4)},\ dx = {format_number(n.dx, 4)}"),
            formula(rf"u = g(x) = {sig_tex(n.inner_value)}"),
        ]
        inner_rows = wrapped(
            [rf"g'(x) = {rhs(inner.derivative_latex)}", rf"= {sig_tex(n.inner_derivative)}"],
            PALETTE.gradient,
        )
        outer_rows = wrapped(
            [
                rf"f'(u) = {in_u(rhs(outer.derivative_latex))}",
                rf"= {sig_tex(n.outer_derivative)}",
            ],
            PALETTE.gradient,
        )
        rule = formula(r"\frac{dy}{dx} = f'(g(x))\,g'(x)", PALETTE.text)
        product = wrapped(
            [
                rf"= {factor_tex(n.outer_derivative)} \times {factor_tex(n.inner_derivative)}",
                rf"= {sig_tex(n.derivative)}",
            ],
            PALETTE.text,
        )
        actual = formula(rf"\Delta y / dx = {sig_tex(n.difference_quotient)}", PALETTE.accent)
        product_rows = [rule, *product, actual]
        legend = VGroup(
            legend_row(line_swatch(PALETTE.path), "linear prediction"),
            legend_row(line_swatch(PALETTE.accent), "actual change"),
        ).arrange(RIGHT, buff=0.6)  # under the y line (build_picture places it)
        rows = [*setup, *inner_rows, *outer_rows, *product_rows]
        panel_stack(rows, panel_left(), gap=0.22)
        box = SurroundingRectangle(VGroup(*product), color=PALETTE.text, buff=0.08, stroke_width=2)
        return setup, inner_rows, outer_rows, product_rows, legend, box

    # -- checks ------------------------------------------------------------------------

    def invariants(self, beat: str) -> list[Invariant]:
        """The dots at x, g(x), f(g(x)) and every drawn nudge from its start to its
        start + change, read back with each line's p2c."""
        pic, d = self.picture, self.data
        x_line, u_line, y_line = pic.lines
        checks = [
            Invariant(f"{name} dot on its line", line.p2c(dot.get_center()), value)
            for name, line, dot, value in zip(
                ("x", "g(x)", "f(g(x))"),
                pic.lines,
                pic.points,
                (d["x"], d["inner_value"], d["outer_value"]),
                strict=True,
            )
        ]
        shown = {"composition": 0, "inner": 3, "outer": 5, "product": 5}[beat]
        nudges = [
            ("dx", x_line, pic.dx_nudge, d["dx"]),
            ("g'(x) dx", u_line, pic.inner_predicted, d["inner_prediction"]),
            ("actual change of u", u_line, pic.inner_actual, d["inner_change"]),
            ("f'(u) g'(x) dx", y_line, pic.outer_predicted, d["outer_prediction"]),
            ("actual change of y", y_line, pic.outer_actual, d["outer_change"]),
        ][:shown]
        start_of = {"dx": d["x"]}
        for name, line, nudge, change in nudges:
            start = start_of.get(name, d["inner_value"] if line is u_line else d["outer_value"])
            mark = nudge.mark
            if isinstance(mark, Arrow):
                checks.append(Invariant(f"{name}: tail", line.p2c(mark.get_start()), start))
                checks.append(Invariant(f"{name}: tip", line.p2c(mark.get_end()), start + change))
            else:
                checks.append(Invariant(f"{name}: dot", line.p2c(mark.get_center()), start))
                checks.append(
                    Invariant(
                        f"{name}: too short to draw",
                        abs(change) * line.unit < DOT_BELOW,
                        True,
                    )
                )
        return checks
