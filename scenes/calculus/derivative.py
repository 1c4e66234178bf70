"""The derivative as the limit of secant slopes.

Render it with plain Manim: ``manim -pql scenes/calculus/derivative.py Derivative``.
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
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MathTex,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus/derivative.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import derivatives
from mlmath_viz.contours import Box
from scenes.calculus.params import H_END, DerivativeParams
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plots import PlotFrame, line_through, plot_frame, polyline
from scenes.kit.readouts import Readout
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
)


def function_symbol(fn: derivatives.Function1D, *, tex: bool = False) -> str:
    """The function's own name as its formula writes it: f, or sigma for the sigmoid
    (LaTeX with ``tex``, else the character for captions)."""
    name = fn.latex.split("(", 1)[0].strip()
    return name if tex else name.replace("\\sigma", "\u03c3")


def axis_mark(frame: PlotFrame, x: float, tex: str) -> VGroup:
    """A tick on the plot's bottom border at ``x`` and its label just above it, inside."""
    (_, _), (y0, _) = frame.box
    foot = frame.c2p(np.array([[x, y0]]))[0]
    tick = Line(foot, foot + 0.18 * UP, color=PALETTE.path, stroke_width=4)
    label = MathTex(tex, font_size=LABEL_SIZE, color=PALETTE.path)
    label.next_to(tick, UP, buff=0.08)
    return VGroup(tick, label)


@dataclass
class DerivativePicture:
    """What Derivative draws, for its beats, invariants and tests."""

    fn: derivatives.Function1D
    frame: PlotFrame
    curve: VMobject
    shrink: ValueTracker  # 0 at h = h_start, 1 at h = H_END
    p_dot: Dot
    q_dot: Dot
    secant: Line
    run_line: DashedLine
    rise_line: DashedLine
    title: MathTex
    quotient: MathTex
    at_x: MathTex
    h_row: VGroup
    m_row: VGroup
    h_value: Readout
    m_value: Readout
    derivative_tex: MathTex
    exact: MathTex
    legend: VGroup
    x_mark: VGroup  # the tick and label x on the bottom border, under P
    xh_mark: VGroup  # the tick and label x + h, under Q (secant beat only)
    h_label: MathTex  # h beside the run line (secant beat only)
    tangent: VMobject | None = None  # once drawn


class Derivative(MathScene):
    """The derivative as the limit of secant slopes.

    A secant through two points of the curve turns into the tangent as the gap h
    shrinks, and its slope, read out live, settles on the derivative f'(x).
    """

    params_type = DerivativeParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.function()
        self.secant()
        self.shrink()
        self.tangent()

    # -- the beats -------------------------------------------------------------------

    def function(self) -> None:
        """The viewer sees the graph and the point whose slope we want."""
        pic, x = self.picture, self.params.x
        self.beat(
            "function",
            f"The graph of {pic.fn.name} {function_symbol(pic.fn)}; we look for its slope at "
            f"x = {format_number(x)}, where {function_symbol(pic.fn)}(x) = "
            f"{format_number(pic.fn.value(x), 4)}.",
        )
        self.add(pic.frame.group)
        self.play(Create(pic.curve), Write(pic.title), run_time=1.5)
        self.play(FadeIn(pic.p_dot), FadeIn(pic.at_x), FadeIn(pic.x_mark), run_time=0.6)

    def secant(self) -> None:
        """One secant: its slope is rise over run."""
        pic, x, h0 = self.picture, self.params.x, self.params.h_start
        m0 = derivatives.secant_slope(pic.fn, x, h0)
        self.beat(
            "secant",
            f"The secant through x and x + h with h = {format_number(h0, 4)} has slope "
            f"m(h) = {format_number(m0, 4)}: rise over run.",
        )
        self.play(
            FadeIn(pic.q_dot),
            Create(pic.secant),
            Create(pic.run_line),
            Create(pic.rise_line),
            FadeIn(pic.quotient),
            FadeIn(pic.legend[:2]),
            FadeIn(pic.xh_mark),
            FadeIn(pic.h_label),
            run_time=1.2,
        )
        self.play(FadeIn(pic.h_row), FadeIn(pic.m_row), run_time=0.6)
        self.wait(0.5)

    def shrink(self) -> None:
        """As h shrinks the secant turns into the tangent and its slope settles."""
        pic = self.picture
        m_end = derivatives.secant_slope(pic.fn, self.params.x, H_END)
        self.beat(
            "shrink",
            f"As h shrinks to {format_number(H_END, 4)} the secant turns into the tangent and "
            f"its slope settles at m = {format_number(m_end, 4)}.",
        )
        # x + h and h would pile onto x and P as the gap closes: the readout carries h now.
        self.play(FadeOut(pic.xh_mark), FadeOut(pic.h_label), run_time=0.4)
        moving = (pic.q_dot, pic.secant, pic.run_line, pic.rise_line)
        for m in moving:
            m.add_updater(self.place)
        self.play(pic.shrink.animate.set_value(1.0), run_time=5.0, rate_func=smooth)
        for m in (*moving, pic.h_value, pic.m_value):
            m.clear_updaters()
        self.place()
        pic.h_value.set_value(H_END)
        pic.m_value.set_value(m_end)

    def tangent(self) -> None:
        """The limit of the secant slopes is the derivative, the tangent's slope."""
        pic, x = self.picture, self.params.x
        fx, slope = pic.fn.value(x), pic.fn.derivative(x)
        ends = line_through(pic.frame, np.array([x, fx]), slope)
        tangent = (
            Line(ends[0], ends[1], color=PALETTE.gradient, stroke_width=4)
            if ends is not None
            else VMobject()
        )
        pic.tangent = tangent
        self.beat(
            "tangent",
            f"The limit of the secant slopes is the derivative: "
            f"{function_symbol(pic.fn)}'({format_number(x)}) = "
            f"{format_number(slope, 4)}, the slope of the tangent.",
        )
        self.play(Create(tangent), FadeIn(pic.legend[2:]), FadeIn(pic.derivative_tex), run_time=1.0)
        self.play(FadeIn(pic.exact), Indicate(pic.m_row), run_time=1.0)
        self.wait(1.5)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> DerivativePicture:
        """The plot with P, Q and the secant, and the panel with its live readouts."""
        p: DerivativeParams = self.params
        fn = derivatives.FUNCTIONS[p.function]
        x, h0 = p.x, p.h_start
        fx, slope = fn.value(x), fn.derivative(x)
        hs = derivatives.shrinking_steps(h0, H_END, 9)
        self.data = {
            "function": fn.name,
            "x": x,
            "f_x": fx,
            "derivative": slope,
            "h_start": h0,
            "h_end": H_END,
            "h_values": hs.tolist(),
            "secant_slopes": [derivatives.secant_slope(fn, x, float(h)) for h in hs],
        }
        frame, curve = self.build_plot(fn)
        p_dot = Dot(frame.c2p(np.array([[x, fx]]))[0], radius=0.08, color=PALETTE.accent)
        q_dot = Dot(radius=0.08, color=PALETTE.path)
        secant = Line(color=PALETTE.accent, stroke_width=4)
        run_line = DashedLine(color=PALETTE.muted, stroke_width=2)
        rise_line = DashedLine(color=PALETTE.muted, stroke_width=2)
        shrink = ValueTracker(0.0)
        panel = self.build_panel(fn)
        x_mark = axis_mark(frame, x, "x")
        xh_mark = axis_mark(frame, x + h0, "x + h")
        h_label = MathTex("h", font_size=LABEL_SIZE, color=PALETTE.path)
        rises = fn.value(x + h0) >= fx  # h sits on the side of the run away from Q
        h_label.next_to(
            frame.c2p(np.array([[x + h0 / 2, fx]]))[0], DOWN if rises else UP, buff=0.12
        )
        self.picture = DerivativePicture(
            fn, frame, curve, shrink, p_dot, q_dot, secant, run_line, rise_line, *panel,
            x_mark, xh_mark, h_label,
        )  # fmt: skip
        self.place()
        h_value, m_value = self.picture.h_value, self.picture.m_value
        m_value.add_updater(lambda m: m.set_value(derivatives.secant_slope(fn, x, self.h_now())))
        h_value.add_updater(lambda m: m.set_value(self.h_now()))
        return self.picture

    @staticmethod
    def build_plot(fn: derivatives.Function1D) -> tuple[PlotFrame, VMobject]:
        """The plot: the function over its interval."""
        lo, hi = fn.domain
        xs = np.linspace(lo, hi, 240)
        ys = fn.f(xs)
        y_lo, y_hi = float(ys.min()), float(ys.max())
        pad = 0.12 * (y_hi - y_lo)
        box: Box = ((lo, hi), (y_lo - pad, y_hi + pad))
        width, height = 7.1, 6.7
        centre = (-frame_half_width() + FRAME_MARGIN + 0.9 + width / 2, 0.25)
        frame = plot_frame(box, width, height, centre)
        curve = polyline(frame.c2p(np.column_stack([xs, ys])), PALETTE.text, 3.5)
        return frame, curve

    def build_panel(
        self, fn: derivatives.Function1D
    ) -> tuple[
        MathTex, MathTex, MathTex, VGroup, VGroup, Readout, Readout, MathTex, MathTex, VGroup
    ]:
        """The panel: the formulas and the live readouts of h and m(h)."""
        p: DerivativeParams = self.params
        x, h0 = p.x, p.h_start
        half_w, half_h = frame_half_width(), frame_half_height()
        panel_x = 1.75
        name = function_symbol(fn, tex=True)
        title = MathTex(fn.latex, font_size=BODY_SIZE, color=PALETTE.text)
        quotient = MathTex(
            rf"m(h) = \frac{{{name}(x + h) - {name}(x)}}{{h}}",
            font_size=LABEL_SIZE,
            color=PALETTE.accent,
        )
        at_x = MathTex(rf"x = {latex_number(x)}", font_size=LABEL_SIZE, color=PALETTE.text)
        h_label = MathTex("h =", font_size=LABEL_SIZE, color=PALETTE.path)
        # Readouts, not DecimalNumber: they change on every frame of the shrink beat, and
        # DecimalNumber re-typesets its digits each time (a fifth of the render at 480p).
        h_value = Readout(h0, decimals=4, font_size=LABEL_SIZE, color=PALETTE.path)
        h_value.place_after(h_label)
        h_row = VGroup(h_label, h_value)
        m_label = MathTex("m(h) =", font_size=LABEL_SIZE, color=PALETTE.accent)
        m_value = Readout(
            derivatives.secant_slope(fn, x, h0),
            decimals=4,
            font_size=LABEL_SIZE,
            color=PALETTE.accent,
        )
        m_value.place_after(m_label)
        m_row = VGroup(m_label, m_value)
        derivative_tex = MathTex(fn.derivative_latex, font_size=LABEL_SIZE, color=PALETTE.gradient)
        exact = MathTex(
            rf"{function_symbol(fn, tex=True)}'({latex_number(x)}) = "
            rf"{latex_number(fn.derivative(x), 4)}",
            font_size=LABEL_SIZE,
            color=PALETTE.gradient,
        )
        legend = VGroup(
            Line([0, 0, 0], [0.5, 0, 0], color=PALETTE.accent, stroke_width=4),
            Text("secant", font_size=TEXT_SIZE, color=PALETTE.accent),
            Line([0, 0, 0], [0.5, 0, 0], color=PALETTE.gradient, stroke_width=4),
            Text("tangent", font_size=TEXT_SIZE, color=PALETTE.gradient),
        ).arrange(RIGHT, buff=0.15)
        legend[2].shift(0.3 * RIGHT)
        legend[3].shift(0.3 * RIGHT)
        stack(
            [title, at_x, quotient, h_row, m_row, legend, derivative_tex, exact],
            top=half_h - FRAME_MARGIN_Y - 0.1,
            left=panel_x,
            gap=0.32,
        )
        for m in (title, quotient, derivative_tex):
            if m.get_right()[0] > half_w - FRAME_MARGIN:
                m.scale_to_fit_width(half_w - FRAME_MARGIN - panel_x).align_to(at_x, LEFT)
        return (
            title, quotient, at_x, h_row, m_row, h_value, m_value, derivative_tex, exact, legend
        )  # fmt: skip

    # -- helpers ---------------------------------------------------------------------

    def h_now(self) -> float:
        """The gap h at the shrink tracker's value."""
        return derivatives.h_at(self.params.h_start, H_END, self.picture.shrink.get_value())

    def place(self, _: object = None) -> None:
        """Q, the secant and the run and rise lines for the current h."""
        pic, fn, x = self.picture, self.picture.fn, self.params.x
        fx, frame = fn.value(x), pic.frame
        h = self.h_now()
        q = np.array([x + h, fn.value(x + h)])
        pic.q_dot.move_to(frame.c2p(q[None, :])[0])
        ends = line_through(frame, np.array([x, fx]), derivatives.secant_slope(fn, x, h))
        if ends is not None:
            pic.secant.put_start_and_end_on(ends[0], ends[1])
        corner = frame.c2p(np.array([[x + h, fx]]))[0]
        pic.run_line.become(
            DashedLine(pic.p_dot.get_center(), corner, color=PALETTE.muted, stroke_width=2)
        )
        pic.rise_line.become(
            DashedLine(corner, pic.q_dot.get_center(), color=PALETTE.muted, stroke_width=2)
        )

    def invariants(self, beat: str) -> list[Invariant]:
        """Q on the curve at x + h, the drawn secant's slope equal to m(h), P at (x, f(x)),
        and at the end the drawn tangent's slope equal to f'(x)."""
        if beat not in ("shrink", "tangent"):
            return []
        pic = self.picture
        frame = pic.frame
        d = self.data
        fn = derivatives.FUNCTIONS[d["function"]]
        x_end = d["x"] + d["h_end"]
        a, b = frame.p2c(pic.secant.get_start()), frame.p2c(pic.secant.get_end())
        checks = [
            Invariant("P at (x, f(x))", frame.p2c(pic.p_dot.get_center()), [d["x"], d["f_x"]]),
            Invariant(
                "Q at (x + h, f(x + h))",
                frame.p2c(pic.q_dot.get_center()),
                [x_end, fn.value(x_end)],
            ),
            Invariant(
                "drawn secant slope = m(h)",
                (b[1] - a[1]) / (b[0] - a[0]),
                d["secant_slopes"][-1],
                atol=1e-6 * max(1.0, abs(d["derivative"])),
            ),
            Invariant(
                "slope readout = m(h)", pic.m_value.get_value(), d["secant_slopes"][-1], atol=1e-12
            ),
        ]
        if beat == "tangent":
            a, b = frame.p2c(pic.tangent.get_start()), frame.p2c(pic.tangent.get_end())
            checks.append(
                Invariant(
                    "drawn tangent slope = f'(x)",
                    (b[1] - a[1]) / (b[0] - a[0]),
                    d["derivative"],
                    atol=1e-6 * max(1.0, abs(d["derivative"])),
                )
            )
        return checks
