"""TaylorSeries: Taylor polynomials of growing order hug a function around x0.

Render it with plain Manim: ``manim -pql scenes/calculus/taylor_series.py TaylorSeries``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    ReplacementTransform,
    Transform,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus/taylor_series.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import taylor
from mlmath_viz.contours import Box
from mlmath_viz.derivatives import FUNCTIONS, Function1D
from scenes.calculus.params import TaylorSeriesParams
from scenes.kit.clipped import clipped_graph
from scenes.kit.numbers import format_number, latex_number, percent, sig, sig_tex
from scenes.kit.plots import PlotFrame, plot_frame, polyline
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
)

#: Samples of each drawn curve over the plotted interval.
CURVE_SAMPLES = 481
#: The plot's y-range: f's range padded by this fraction of it above and below
#: (polynomials that leave it are cut at the border).
Y_PAD = 0.3
#: Plot size and the panel's left edge (scene units).
PLOT_WIDTH, PLOT_HEIGHT = 6.4, 6.2
PLOT_CENTRE_Y = -0.1
PANEL_GAP = 0.35
#: Columns of the panel's table: where c_k and the error start, right of k's column.
COEF_COLUMN, ERROR_COLUMN = 0.45, 2.85
#: Stroke of the polynomials: wider than f's, drawn under it, so that f shows inside T_n
#: where they agree.
POLY_WIDTH = 1.8 * LINE_WIDTH
#: Height of the bar |f - T_n| < tol above the plot's bottom, a fraction of the plot's.
BAR_HEIGHT = 0.045
#: Smallest font of a panel row: an index or exponent still 12 px tall at 480p.
MIN_ROW_FONT = 33.0
#: Vertical pitch of the table's rows.
ROW_PITCH = 0.395


def symbol(fn: Function1D) -> str:
    """The function's name as its formula writes it: f, or sigma (LaTeX)."""
    return fn.latex.split("(", 1)[0].strip()


def plain_symbol(fn: Function1D) -> str:
    """:func:`symbol` for a caption: f, or the character sigma."""
    return symbol(fn).replace("\\sigma", "\u03c3")


def centre_tex(x0: float | None) -> str:
    """``(x - x0)`` in LaTeX, ``x`` alone when x0 = 0 and ``x + a`` for negative x0;
    ``(x - x_0)`` when ``x0`` is None."""
    if x0 is None:
        return "(x - x_0)"
    if x0 == 0:
        return "x"
    sign = "-" if x0 > 0 else "+"
    return rf"(x {sign} {latex_number(abs(x0))})"


def term_tex(k: int, x0: float | None) -> str:
    """The k-th term :math:`c_k (x - x_0)^k` in LaTeX."""
    if k == 0:
        return "c_0"
    power = "" if k == 1 else f"^{{{k}}}"
    return rf"c_{{{k}}}\,{centre_tex(x0)}{power}"


def polynomial_colour() -> str:
    return PALETTE.accent


def function_colour() -> str:
    return PALETTE.text


def reach_colour() -> str:
    """The bar where |f - T_n| is small: the residual's colour (what the fit leaves)."""
    return PALETTE.residual


@dataclass
class TaylorPicture:
    """What TaylorSeries draws, for its beats, invariants and tests."""

    series: taylor.TaylorSeries
    fn: Function1D
    frame: PlotFrame
    curve: VMobject  # f
    centre_dot: Dot  # (x0, f(x0))
    centre_mark: VGroup  # the tick and label x0 on the bottom border
    polynomials: list[VMobject]  # T_0..T_n, each cut to the plot's box
    title: MathTex
    sum_row: MathTex
    coef_row: MathTex
    terms: list[MathTex]  # "T_k = T_{k-1} + c_k (x - x0)^k", one per order
    header: VGroup
    k_cells: list[MathTex]
    c_cells: list[MathTex]
    error_cells: list[MathTex]
    reach_bars: list[VGroup]  # per order: the interval where |f - T_k| < tol, end ticks
    reach_rows: list[MathTex]  # per order: "|f - T_k| < tol on [a, b]"
    radius_lines: VGroup  # x0 +- R where inside the plot (sigmoid)
    radius_labels: VGroup  # "x_0 + R = ..." above each, outside the top border
    exact_label: MathTex | None  # "T_m = f" beside a polynomial's exact series
    shown: VMobject  # the polynomial on screen (a copy of polynomials[shown_order])
    shown_order: int = -1


class TaylorSeries(MathScene):
    """Taylor polynomials of growing order hug a function around x0.

    Each added term c_k (x - x0)^k makes the polynomial follow the function more
    closely near x0; far away the error can stay large, and for the sigmoid the series
    stops converging beyond the distance to its complex poles.
    """

    params_type = TaylorSeriesParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.function()
        self.polynomials()
        self.errors()
        self.reach()

    # -- the beats -------------------------------------------------------------------

    def function(self) -> None:
        """The viewer sees the graph and the centre x0 of the series."""
        pic, x0 = self.picture, self.params.x0
        name = plain_symbol(pic.fn)
        lo, hi = pic.series.interval
        self.beat(
            "function",
            f"The graph of {pic.fn.name} {name} on [{format_number(lo)}, {format_number(hi)}]; "
            f"its Taylor series is centred at x0 = {format_number(x0)}, where "
            f"{name}(x0) = {sig(pic.fn.value(x0))}.",
        )
        self.add(pic.frame.group)
        self.play(Create(pic.curve), Write(pic.title), run_time=1.2)
        self.play(
            FadeIn(pic.centre_dot),
            FadeIn(pic.centre_mark),
            FadeIn(pic.sum_row),
            FadeIn(pic.coef_row),
            run_time=0.8,
        )

    def polynomials(self) -> None:
        """T_0, T_1, ... drawn one after another, each adding one term c_k (x - x0)^k."""
        pic, n = self.picture, self.params.max_order
        exact = pic.series.exact_from
        name = plain_symbol(pic.fn)
        tail = (
            f" T_{exact} = {name} exactly: a polynomial of degree {exact} is its own "
            f"series, and every later c_k is 0."
            if exact is not None
            else f" Near x0 the error {name} − T_n is of order |x − x0|^(n+1)."
        )
        c = pic.series.coefficients
        zeros = [k for k in range(1, n + 1) if c[k] == 0 and (exact is None or k <= exact)]
        if zeros:
            same = " and ".join(f"T_{k} = T_{k - 1}" for k in zeros)
            tail += f" Where c_k = 0 nothing changes: {same}."
        orders = "T_0 and T_1 are" if n == 1 else f"T_0 to T_{n} are"
        self.beat(
            "polynomials",
            f"{orders} drawn one after another, each adding the term c_k (x − x0)^k "
            f"with c_k = {name}^(k)(x0)/k!.{tail}",
        )
        self.play(FadeIn(pic.header[:2]), run_time=0.5)
        term_shown: MathTex | None = None
        for k in range(n + 1):
            anims = [FadeIn(pic.k_cells[k]), FadeIn(pic.c_cells[k])]
            anims.append(
                ReplacementTransform(term_shown, pic.terms[k])
                if term_shown is not None
                else FadeIn(pic.terms[k])
            )
            term_shown = pic.terms[k]
            new = pic.polynomials[k]
            redraw = exact is None or k <= exact  # past T_exact = f nothing new is drawn
            if not redraw:
                pass
            elif pic.shown_order >= 0 and len(pic.shown.points) and len(new.points):
                anims.append(Transform(pic.shown, new))
            else:
                if pic.shown_order >= 0:
                    anims.append(FadeOut(pic.shown))
                pic.shown = new.copy()
                anims.append(Create(pic.shown))
            if exact is not None and k == exact and pic.exact_label is not None:
                anims.append(FadeIn(pic.exact_label))
            self.play(*anims, run_time=1.0)
            if redraw:
                # the polynomial exactly as drawn, not Transform's resampled points
                self.remove(pic.shown)
                pic.shown = new.copy()
                pic.shown_order = k
                self.add(pic.shown)
                self.add(pic.curve, pic.centre_dot)  # f on top: it shows inside a hugging T_k
            self.wait(0.4)

    def errors(self) -> None:
        """The largest error on the plotted interval, order by order."""
        pic, n = self.picture, self.params.max_order
        s = pic.series
        name = plain_symbol(pic.fn)
        e = s.max_errors
        if s.exact_from is not None:
            trend = f"; it is 0 from n = {s.exact_from} on, where T_n = {name}"
        elif np.all(np.diff(e) <= 0):
            trend = "; it falls at every order"
        else:
            trend = (
                f"; it does not fall at every order: far from x0 a polynomial can be further "
                f"off than a lower one (largest for n = {int(np.argmax(e))}, "
                f"smallest for n = {int(np.argmin(e))})"
            )
        self.beat(
            "errors",
            f"The largest error |{name} − T_n| on the plotted interval (a grid of "
            f"{taylor.ERROR_GRID} points) is {sig(e[0])} for n = 0 and {sig(e[n])} for "
            f"n = {n}{trend}.",
        )
        self.play(FadeIn(pic.header[2]), *[FadeIn(c) for c in pic.error_cells], run_time=1.0)
        self.wait(1.0)

    def reach(self) -> None:
        """Where the series helps: the interval around x0 with |f - T_n| < tol."""
        pic, n = self.picture, self.params.max_order
        s = pic.series
        name = plain_symbol(pic.fn)
        a0, b0 = s.good_intervals[0]
        a, b = s.good_intervals[n]
        if np.isfinite(s.radius):
            e, at = s.max_errors, s.argmax_errors
            best = int(np.argmin(e))
            worse = (
                f"; beyond it the series diverges, and T_{n} is off by {sig(e[n])} at "
                f"x = {format_number(at[n])}, against {sig(e[best])} at most for n = {best}"
                if len(pic.radius_lines) and e[n] > e[best] and abs(at[n] - s.x0) > s.radius
                else ""
            )
            why = (
                f" The series converges only for |x − x0| < R = {sig(s.radius)}, the "
                f"distance to the poles at ±iπ"
                + (
                    f" (dashed line{'s' if len(pic.radius_lines) > 1 else ''})"
                    if len(pic.radius_lines)
                    else ""
                )
                + f"{worse}."
            )
        elif s.exact_from is not None:
            why = f" From n = {s.exact_from} it is the whole plot: T_n = {name}."
        elif (a, b) == s.interval:
            first = next(k for k, ab in enumerate(s.good_intervals) if tuple(ab) == s.interval)
            why = f" From n = {first} on that is the whole plot: the series converges for every x."
        else:
            why = " The series converges for every x, so more terms would widen it further."
        share = percent(taylor.TOLERANCE_FRACTION, 0)
        self.beat(
            "reach",
            f"|{name} − T_n| < {sig(s.tolerance)} ({share} of {name}'s range here) holds on "
            f"[{format_number(a)}, {format_number(b)}] for n = {n} (the bar, drawn for "
            f"n = 0, 1, ... in turn), against "
            f"[{format_number(a0)}, {format_number(b0)}] for n = 0.{why}",
        )
        self.play(FadeOut(pic.terms[n]), run_time=0.4)
        extra = (
            [FadeIn(pic.radius_lines), FadeIn(pic.radius_labels)] if len(pic.radius_lines) else []
        )
        bar, row = pic.reach_bars[0].copy(), pic.reach_rows[0].copy()
        self.play(FadeIn(bar), FadeIn(row), *extra, run_time=0.8)
        for k in range(1, n + 1):  # the interval order by order: where it grows, stops
            self.play(
                Transform(bar, pic.reach_bars[k]), Transform(row, pic.reach_rows[k]), run_time=0.45
            )
        self.remove(bar, row)
        self.add(pic.reach_bars[n], pic.reach_rows[n])  # exactly as built, for the checks
        self.wait(1.5)

    @property
    def reach_bar(self) -> Line:
        """The bar of the highest order, on screen at the end."""
        line: Line = self.picture.reach_bars[self.params.max_order][0]
        return line

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> TaylorPicture:
        """The plot with f, x0 and the polynomials, and the panel's formulas and table."""
        p: TaylorSeriesParams = self.params
        fn = FUNCTIONS[p.function]
        s = taylor.taylor_series(p.function, p.x0, p.max_order)
        self.data = {
            "function": fn.name,
            "x0": s.x0,
            "max_order": p.max_order,
            "coefficients": s.coefficients.tolist(),
            "max_errors": s.max_errors.tolist(),
            "max_error_at": s.argmax_errors.tolist(),
            "interval": list(s.interval),
            "error_grid_points": taylor.ERROR_GRID,
            "tolerance": s.tolerance,
            "good_intervals": s.good_intervals.tolist(),
            "exact_from": s.exact_from,
            "radius_of_convergence": s.radius if np.isfinite(s.radius) else None,
            "f_x0": fn.value(p.x0),
        }
        frame = self.build_frame(fn)
        xs = np.linspace(*s.interval, CURVE_SAMPLES)
        curve = polyline(frame.c2p(np.column_stack([xs, fn.f(xs)])), function_colour(), LINE_WIDTH)
        polys = []
        for k in range(p.max_order + 1):
            vm = clipped_graph(frame, xs, s.values(k, xs), polynomial_colour(), POLY_WIDTH)
            if s.exact_from is not None and k >= s.exact_from and len(vm.points):
                # T_k = f: dashes on f's own curve say so without a second, hidden curve
                vm = DashedVMobject(vm, num_dashes=40, dashed_ratio=0.5)
            polys.append(vm)
        fx0 = fn.value(p.x0)
        centre_dot = Dot(frame.c2p(np.array([[p.x0, fx0]]))[0], radius=0.08, color=PALETTE.path)
        centre_mark = self.axis_mark(
            frame, p.x0, "x_0" if self.x0_in_title(fn) else rf"x_0 = {latex_number(p.x0)}"
        )
        (_, _), (y0, y1) = frame.box
        bar_y = y0 + BAR_HEIGHT * (y1 - y0)  # under the x0 label, over its tick
        reach_bars = []
        for a, b in s.good_intervals:
            ends_pts = frame.c2p(np.array([[a, bar_y], [b, bar_y]]))
            reach_bars.append(
                VGroup(
                    Line(ends_pts[0], ends_pts[1], color=reach_colour(), stroke_width=8),
                    *[
                        Line(q + 0.12 * DOWN, q + 0.12 * UP, color=reach_colour(), stroke_width=4)
                        for q in ends_pts
                    ],
                )
            )
        radius_lines, radius_labels = VGroup(), VGroup()
        (x_lo, x_hi), _ = frame.box
        if np.isfinite(s.radius):
            edges = [e for e in (p.x0 - s.radius, p.x0 + s.radius) if x_lo < e < x_hi]
            for edge in edges:
                bottom, top = frame.c2p(np.array([[edge, y0], [edge, y1]]))
                radius_lines.add(
                    DashedLine(bottom, top, color=PALETTE.muted, stroke_width=3, dash_length=0.15)
                )
            radius_labels = self.radius_labels(frame, p.x0, edges, with_values=True)
            if (
                len(radius_labels) == 2
                and radius_labels[0].get_right()[0] + 0.2 > (radius_labels[1].get_left()[0])
            ):
                radius_labels = self.radius_labels(frame, p.x0, edges, with_values=False)
        panel = self.build_panel(fn, s)
        exact_label = None
        if s.exact_from is not None and s.exact_from <= p.max_order:
            exact_label = MathTex(
                rf"T_{{{s.exact_from}}} = {symbol(fn)}",
                font_size=LABEL_SIZE,
                color=polynomial_colour(),
            )
            # inside the plot, top centre: clear of the curve for both polynomials
            exact_label.next_to(frame.border.get_top(), DOWN, buff=0.2)
        return TaylorPicture(
            series=s,
            fn=fn,
            frame=frame,
            curve=curve,
            centre_dot=centre_dot,
            centre_mark=centre_mark,
            polynomials=polys,
            reach_bars=reach_bars,
            radius_lines=radius_lines,
            radius_labels=radius_labels,
            shown=VMobject(),
            exact_label=exact_label,
            **panel,
        )

    @staticmethod
    def build_frame(fn: Function1D) -> PlotFrame:
        """The plot: f's interval, and f's range padded by :data:`Y_PAD` each way."""
        lo, hi = fn.domain
        ys = fn.f(np.linspace(lo, hi, CURVE_SAMPLES))
        y_lo, y_hi = float(ys.min()), float(ys.max())
        pad = Y_PAD * (y_hi - y_lo)
        box: Box = ((lo, hi), (y_lo - pad, y_hi + pad))
        centre = (-frame_half_width() + FRAME_MARGIN + 0.9 + PLOT_WIDTH / 2, PLOT_CENTRE_Y)
        return plot_frame(box, PLOT_WIDTH, PLOT_HEIGHT, centre)

    def x0_in_title(self, fn: Function1D) -> bool:
        """Whether ``f(x) = ..., x_0 = ...`` fits the panel's width at the title's size."""
        tex = rf"{fn.latex},\quad x_0 = {latex_number(self.params.x0)}"
        return bool(MathTex(tex, font_size=BODY_SIZE).width <= self.panel_width())

    @staticmethod
    def panel_left() -> float:
        return -frame_half_width() + FRAME_MARGIN + 0.9 + PLOT_WIDTH + PANEL_GAP

    def panel_width(self) -> float:
        return frame_half_width() - FRAME_MARGIN - self.panel_left()

    @staticmethod
    def radius_labels(
        frame: PlotFrame, x0: float, edges: list[float], *, with_values: bool
    ) -> VGroup:
        """``x_0 - R = ...`` and ``x_0 + R = ...`` above the plot's top border over the
        dashed lines at ``edges``: the left one on its outer side when it stays in the
        safe area, the right one on its inner side (the panel is to the right)."""
        (_, _), (_, y1) = frame.box
        out = VGroup()
        for edge in edges:
            sign = "-" if edge < x0 else "+"
            value = rf" = {latex_number(float(edge))}" if with_values else ""
            label = MathTex(rf"x_0 {sign} R{value}", font_size=LABEL_SIZE, color=PALETTE.muted)
            top = frame.c2p(np.array([[edge, y1]]))[0]
            label.next_to(top, UP, buff=0.1)
            half = label.width / 2 + 0.1
            outer_room = top[0] - 2 * half > -frame_half_width() + FRAME_MARGIN
            leftward = (edge < x0 and outer_room) or edge > x0
            label.shift(half * (LEFT if leftward else RIGHT))
            out.add(label)
        return out

    @staticmethod
    def axis_mark(frame: PlotFrame, x: float, tex: str) -> VGroup:
        """A tick on the plot's bottom border at ``x`` and its label above it, inside."""
        (_, _), (y0, _) = frame.box
        foot = frame.c2p(np.array([[x, y0]]))[0]
        tick = Line(foot, foot + 0.18 * UP, color=PALETTE.path, stroke_width=4)
        label = MathTex(tex, font_size=LABEL_SIZE, color=PALETTE.path)
        label.next_to(tick, UP, buff=0.3)  # room for the bar between them
        # kept inside the border (x0 at an end of the interval: clear of the y ticks)
        left, right = frame.border.get_left()[0] + 0.08, frame.border.get_right()[0] - 0.08
        label.shift(max(0.0, left - label.get_left()[0]) * RIGHT)
        label.shift(min(0.0, right - label.get_right()[0]) * RIGHT)
        return VGroup(tick, label)

    def build_panel(self, fn: Function1D, s: taylor.TaylorSeries) -> dict[str, object]:
        """The panel: f and x0, the series' formula, the term being added, and the
        table of k, c_k and the largest error of T_k (f in f's colour and the series in
        the polynomials' colour: the formulas are the legend)."""
        p: TaylorSeriesParams = self.params
        n = p.max_order
        f = symbol(fn)
        left = -frame_half_width() + FRAME_MARGIN + 0.9 + PLOT_WIDTH + PANEL_GAP
        width = frame_half_width() - FRAME_MARGIN - left
        top = frame_half_height() - FRAME_MARGIN_Y - 0.05

        def row(tex: str, colour: str, size: float = LABEL_SIZE) -> MathTex:
            m = MathTex(tex, font_size=size, color=colour)
            if m.width > width:  # never below the size whose indices are 12 px tall
                m.scale(max(MIN_ROW_FONT / size, width / m.width))
            return m

        def fits(tex: str, size: float) -> bool:
            return bool(MathTex(tex, font_size=size).width <= width)

        both = rf"{fn.latex},\quad x_0 = {latex_number(p.x0)}"
        coef = rf"c_k = {f}^{{(k)}}(x_0) / k!"
        # x0 beside f, or when that is too wide (a long number), under the plot at x0's
        # mark (see centre_label)
        title = row(both if self.x0_in_title(fn) else fn.latex, function_colour(), BODY_SIZE)
        sum_row = row(r"T_n(x) = \textstyle\sum_{k=0}^{n} c_k\,(x - x_0)^k", polynomial_colour())
        coef_row = row(coef, PALETTE.text)
        terms = []
        for k in range(n + 1):
            # the centre as a number when it fits, else as x_0 (its value is shown above)
            for centre in (p.x0, None):
                rhs = term_tex(k, centre) if k == 0 else rf"T_{{{k - 1}}} + {term_tex(k, centre)}"
                tex = rf"T_{{{k}}} = {rhs}"
                if centre is None or fits(tex, LABEL_SIZE):
                    break
            terms.append(row(tex, polynomial_colour()))
        header = VGroup(
            MathTex("k", font_size=LABEL_SIZE, color=PALETTE.muted),
            MathTex("c_k", font_size=LABEL_SIZE, color=PALETTE.muted),
            MathTex(rf"\max |{f} - T_k|", font_size=LABEL_SIZE, color=PALETTE.muted),
        )

        def cell(x: float) -> MathTex:
            # a power of ten's exponent at TICK_SIZE is 11.9 px tall: set those larger
            tex = sig_tex(x)
            size = LABEL_SIZE if "^" in tex else TICK_SIZE
            return MathTex(tex, font_size=size, color=PALETTE.text)

        k_cells = [MathTex(str(k), font_size=TICK_SIZE, color=PALETTE.text) for k in range(n + 1)]
        c_cells = [cell(float(c)) for c in s.coefficients]
        e_cells = [cell(float(e)) for e in s.max_errors]
        y = top
        for m in (title, sum_row, coef_row):
            m.move_to([left + m.width / 2, y - m.height / 2, 0])
            y -= m.height + 0.15
        term_top = y
        term_height = max(t.height for t in terms)
        for t in terms:
            t.move_to([left + t.width / 2, term_top - term_height / 2, 0])
        y = term_top - term_height - 0.2
        # the errors' column moves right past the widest c_k (long exponents)
        widest_error = max(header[2].width, *(e.width for e in e_cells))
        error_at = min(
            max(ERROR_COLUMN, COEF_COLUMN + max(c.width for c in c_cells) + 0.3),
            width - widest_error,
        )
        columns = (left, left + COEF_COLUMN, left + error_at)
        for cell, x in zip(header, columns, strict=True):
            cell.move_to([x + cell.width / 2, y - ROW_PITCH / 2, 0])
        y -= ROW_PITCH + 0.05
        for k in range(n + 1):
            for cell, x in zip((k_cells[k], c_cells[k], e_cells[k]), columns, strict=True):
                cell.move_to([x + cell.width / 2, y - ROW_PITCH / 2, 0])
            y -= ROW_PITCH
        reach_rows = []
        for k, (a, b) in enumerate(s.good_intervals):
            reach_row = row(
                rf"|{f} - T_{{{k}}}| < {sig_tex(s.tolerance)}\ \text{{on}}\ "
                rf"[{latex_number(float(a))},\ {latex_number(float(b))}]",
                reach_colour(),
            )
            reach_row.move_to([left + reach_row.width / 2, term_top - term_height / 2, 0])
            reach_rows.append(reach_row)
        return {
            "title": title,
            "sum_row": sum_row,
            "coef_row": coef_row,
            "terms": terms,
            "header": header,
            "k_cells": k_cells,
            "c_cells": c_cells,
            "error_cells": e_cells,
            "reach_rows": reach_rows,
        }

    # -- checks ----------------------------------------------------------------------

    def invariants(self, beat: str) -> list[Invariant]:
        """The drawn f and polynomials on their sidecar values, every drawn point of a
        polynomial inside the plot's box, and the bar on the sidecar's interval."""
        pic, d = self.picture, self.data
        frame = pic.frame
        fn = FUNCTIONS[d["function"]]
        (x_lo, x_hi), (y_lo, y_hi) = frame.box
        checks = [
            Invariant(
                "x0 dot at (x0, f(x0))",
                frame.p2c(pic.centre_dot.get_center()),
                [d["x0"], d["f_x0"]],
            )
        ]
        pts = np.array([frame.p2c(q) for q in pic.curve.get_anchors()])
        checks.append(Invariant("f drawn on f", pts[:, 1], fn.f(pts[:, 0]), atol=1e-6))
        if beat in ("polynomials", "errors", "reach"):
            for k, vm in enumerate(pic.polynomials):
                if not len(vm.points):
                    continue
                q = np.array([frame.p2c(r) for r in vm.get_anchors()])
                inside = bool(
                    (q[:, 0] >= x_lo - 1e-6).all()
                    and (q[:, 0] <= x_hi + 1e-6).all()
                    and (q[:, 1] >= y_lo - 1e-6).all()
                    and (q[:, 1] <= y_hi + 1e-6).all()
                )
                checks.append(Invariant(f"T_{k} inside the plot", float(inside), 1.0, atol=0))
                if not isinstance(vm, DashedVMobject):
                    # the drawn heights are T_k's values, away from the border (where a
                    # run ends on the border by linear interpolation)
                    c = np.array(d["coefficients"][: k + 1])
                    exact = taylor.polynomial(c, d["x0"], q[:, 0])
                    interior = (q[:, 1] > y_lo + 1e-9) & (q[:, 1] < y_hi - 1e-9)
                    checks.append(
                        Invariant(f"T_{k} drawn on T_{k}", q[interior, 1], exact[interior])
                    )
            # on screen: the highest order drawn (past T_m = f nothing new is drawn)
            last = (
                d["max_order"] if d["exact_from"] is None else min(d["max_order"], d["exact_from"])
            )
            checks.append(Invariant("T_n on screen", pic.shown_order, last, atol=0))
            checks.append(
                Invariant(
                    "the shown curve is T_n",
                    pic.shown.points,
                    pic.polynomials[pic.shown_order].points,
                    atol=1e-9,
                )
            )
        if beat == "reach":
            n = d["max_order"]
            bar = self.reach_bar
            a, b = frame.p2c(bar.get_start())[0], frame.p2c(bar.get_end())[0]
            checks.append(Invariant("bar on the good interval", [a, b], d["good_intervals"][n]))
        return checks
