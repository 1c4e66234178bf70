"""The derivative as the limit of secant slopes.

Render it with plain Manim: ``manim -pql scenes/calculus/derivative.py Derivative``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    Create,
    DashedLine,
    Dot,
    FadeIn,
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
from scenes.kit.numbers import format_number
from scenes.kit.plots import line_through, plot_frame, polyline
from scenes.kit.readouts import Readout
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
)


class Derivative(MathScene):
    """The derivative as the limit of secant slopes.

    A secant through two points of the curve turns into the tangent as the gap h
    shrinks, and its slope, read out live, settles on the derivative f'(x).
    """

    params_type = DerivativeParams

    def construct(self) -> None:
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

        # -- The plot: the function over its interval.
        lo, hi = fn.domain
        xs = np.linspace(lo, hi, 240)
        ys = fn.f(xs)
        y_lo, y_hi = float(ys.min()), float(ys.max())
        pad = 0.12 * (y_hi - y_lo)
        box: Box = ((lo, hi), (y_lo - pad, y_hi + pad))
        half_w, half_h = frame_half_width(), frame_half_height()
        width, height = 7.3, 6.7
        frame = plot_frame(box, width, height, (-half_w + FRAME_MARGIN + 0.7 + width / 2, 0.25))
        self.frame = frame
        curve = polyline(frame.c2p(np.column_stack([xs, ys])), PALETTE.text, 3.5)

        s = ValueTracker(0.0)

        def h_now() -> float:
            return derivatives.h_at(h0, H_END, s.get_value())

        p_dot = Dot(frame.c2p(np.array([[x, fx]]))[0], radius=0.08, color=PALETTE.accent)
        q_dot = Dot(radius=0.08, color=PALETTE.path)
        secant = Line(color=PALETTE.accent, stroke_width=4)
        run_line = DashedLine(color=PALETTE.muted, stroke_width=2)
        rise_line = DashedLine(color=PALETTE.muted, stroke_width=2)
        self.p_dot, self.q_dot, self.secant = p_dot, q_dot, secant

        def place(_: object = None) -> None:
            h = h_now()
            q = np.array([x + h, fn.value(x + h)])
            q_dot.move_to(frame.c2p(q[None, :])[0])
            ends = line_through(frame, np.array([x, fx]), derivatives.secant_slope(fn, x, h))
            if ends is not None:
                secant.put_start_and_end_on(ends[0], ends[1])
            corner = frame.c2p(np.array([[x + h, fx]]))[0]
            run_line.become(
                DashedLine(p_dot.get_center(), corner, color=PALETTE.muted, stroke_width=2)
            )
            rise_line.become(
                DashedLine(corner, q_dot.get_center(), color=PALETTE.muted, stroke_width=2)
            )

        place()

        # -- The panel: the formulas and the live readouts.
        panel_x = 1.75
        title = MathTex(fn.latex, font_size=BODY_SIZE, color=PALETTE.text)
        quotient = MathTex(
            r"m(h) = \frac{f(x + h) - f(x)}{h}", font_size=LABEL_SIZE, color=PALETTE.accent
        )
        at_x = MathTex(rf"x = {format_number(x)}", font_size=LABEL_SIZE, color=PALETTE.text)
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
        m_value.add_updater(lambda m: m.set_value(derivatives.secant_slope(fn, x, h_now())))
        h_value.add_updater(lambda m: m.set_value(h_now()))
        self.m_value = m_value
        derivative_tex = MathTex(fn.derivative_latex, font_size=LABEL_SIZE, color=PALETTE.gradient)
        exact = MathTex(
            rf"f'({format_number(x)}) = {format_number(slope, 4)}",
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
            top=half_h - FRAME_MARGIN - 0.1,
            left=panel_x,
            gap=0.32,
        )
        for m in (title, quotient, derivative_tex):
            if m.get_right()[0] > half_w - FRAME_MARGIN:
                m.scale_to_fit_width(half_w - FRAME_MARGIN - panel_x).align_to(at_x, LEFT)

        # -- Beat 1: the function and the point.
        self.beat(
            "function",
            f"The graph of {fn.name} f; we look for its slope at x = {format_number(x)}, "
            f"where f(x) = {format_number(fx, 4)}.",
        )
        self.add(frame.group)
        self.play(Create(curve), Write(title), run_time=1.5)
        self.play(FadeIn(p_dot), FadeIn(at_x), run_time=0.6)

        # -- Beat 2: one secant.
        m0 = derivatives.secant_slope(fn, x, h0)
        self.beat(
            "secant",
            f"The secant through x and x + h with h = {format_number(h0, 4)} has slope "
            f"m(h) = {format_number(m0, 4)}: rise over run.",
        )
        self.play(
            FadeIn(q_dot),
            Create(secant),
            Create(run_line),
            Create(rise_line),
            FadeIn(quotient),
            FadeIn(legend[:2]),
            run_time=1.2,
        )
        self.play(FadeIn(h_row), FadeIn(m_row), run_time=0.6)
        self.wait(0.5)

        # -- Beat 3: h shrinks; the secant turns and its slope settles.
        m_end = derivatives.secant_slope(fn, x, H_END)
        self.beat(
            "shrink",
            f"As h shrinks to {format_number(H_END, 4)} the secant turns into the tangent and "
            f"its slope settles at m = {format_number(m_end, 4)}.",
        )
        for m in (q_dot, secant, run_line, rise_line):
            m.add_updater(place)
        self.play(s.animate.set_value(1.0), run_time=5.0, rate_func=smooth)
        for m in (q_dot, secant, run_line, rise_line, h_value, m_value):
            m.clear_updaters()
        place()
        h_value.set_value(H_END)
        m_value.set_value(m_end)

        # -- Beat 4: the limit is the derivative.
        ends = line_through(frame, np.array([x, fx]), slope)
        tangent = (
            Line(ends[0], ends[1], color=PALETTE.gradient, stroke_width=4)
            if ends is not None
            else VMobject()
        )
        self.tangent = tangent
        self.beat(
            "tangent",
            f"The limit of the secant slopes is the derivative: f'({format_number(x)}) = "
            f"{format_number(slope, 4)}, the slope of the tangent.",
        )
        self.play(Create(tangent), FadeIn(legend[2:]), FadeIn(derivative_tex), run_time=1.0)
        self.play(FadeIn(exact), Indicate(m_row), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Q on the curve at x + h, the drawn secant's slope equal to m(h), P at (x, f(x)),
        and at the end the drawn tangent's slope equal to f'(x)."""
        if beat not in ("shrink", "tangent"):
            return []
        frame = self.frame
        d = self.data
        fn = derivatives.FUNCTIONS[d["function"]]
        x_end = d["x"] + d["h_end"]
        a, b = frame.p2c(self.secant.get_start()), frame.p2c(self.secant.get_end())
        checks = [
            Invariant("P at (x, f(x))", frame.p2c(self.p_dot.get_center()), [d["x"], d["f_x"]]),
            Invariant(
                "Q at (x + h, f(x + h))",
                frame.p2c(self.q_dot.get_center()),
                [x_end, fn.value(x_end)],
            ),
            Invariant(
                "drawn secant slope = m(h)",
                (b[1] - a[1]) / (b[0] - a[0]),
                d["secant_slopes"][-1],
                atol=1e-6 * max(1.0, abs(d["derivative"])),
            ),
            Invariant(
                "slope readout = m(h)", self.m_value.get_value(), d["secant_slopes"][-1], atol=1e-12
            ),
        ]
        if beat == "tangent":
            a, b = frame.p2c(self.tangent.get_start()), frame.p2c(self.tangent.get_end())
            checks.append(
                Invariant(
                    "drawn tangent slope = f'(x)",
                    (b[1] - a[1]) / (b[0] - a[0]),
                    d["derivative"],
                    atol=1e-6 * max(1.0, abs(d["derivative"])),
                )
            )
        return checks
