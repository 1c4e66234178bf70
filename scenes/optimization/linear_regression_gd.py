"""Fitting a line by gradient descent.

Render it with plain Manim:
``manim -pql scenes/optimization/linear_regression_gd.py LinearRegressionGD``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    DashedLine,
    FadeIn,
    Line,
    MathTex,
    Text,
    ValueTracker,
    VMobject,
    Write,
    linear,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/optimization/linear_regression_gd.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import descent, objectives, optimizers, regression
from mlmath_viz.contours import Box
from scenes.kit.builders import stack
from scenes.kit.marks import dot_centres, dot_cloud
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.plots import LogAxis, line_through, plot_frame
from scenes.kit.reveals import LossReveal
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
)
from scenes.optimization.common import PANEL_X
from scenes.optimization.params import LinearRegressionGDParams


class LinearRegressionGD(MathScene):
    """Fitting a line by gradient descent.

    A line fits real patient data by gradient descent on the mean squared error: it
    swings into place as the loss drops, and ends on the least-squares line.
    """

    params_type = LinearRegressionGDParams

    def construct(self) -> None:
        p: LinearRegressionGDParams = self.params
        data = regression.diabetes(p.feature)
        scaler = regression.Standardiser.fit(data.x)
        z = scaler.transform(data.x)
        objective = regression.mse_objective(z, data.y)
        run = descent.trajectory(objective, optimizers.gradient_descent(p.lr), (0.0, 0.0), p.steps)
        lines = [scaler.line_in_original_units(float(b), float(w)) for b, w in run.points]
        exact_intercept, exact_slope = regression.least_squares(data.x, data.y)
        final_slope, final_intercept = lines[-1]
        self.data = {
            "feature": p.feature,
            "n": len(data.x),
            "x_mean": scaler.mean,
            "x_std": scaler.std,
            **run.to_json(),
            "lines": [[s, c] for s, c in lines],
            "slope": final_slope,
            "intercept": final_intercept,
            "lstsq_slope": float(exact_slope),
            "lstsq_intercept": float(exact_intercept),
            "r_squared": regression.r_squared(data.x, data.y, exact_intercept, exact_slope),
        }
        self.lines = lines

        # -- The scatter plot, with room for the starting line y = 0.
        half_w, half_h = frame_half_width(), frame_half_height()
        x_lo, x_hi = float(data.x.min()), float(data.x.max())
        x_pad = 0.05 * (x_hi - x_lo)
        y_hi = float(data.y.max()) * 1.08
        box: Box = ((x_lo - x_pad, x_hi + x_pad), (0.0, y_hi))
        width, height = 7.0, 6.3
        frame = plot_frame(box, width, height, (-half_w + FRAME_MARGIN + 0.75 + width / 2, 0.45))
        self.frame = frame
        points = dot_cloud(frame.c2p(np.column_stack([data.x, data.y])), 0.04, PALETTE.sample)
        points.set_fill(opacity=0.75)
        self.points = points
        x_name = Text(data.x_name, font_size=TEXT_SIZE, color=PALETTE.muted)
        x_name.next_to(frame.border, DOWN, buff=0.5)
        y_name = Text("progression", font_size=TEXT_SIZE, color=PALETTE.muted)
        y_name.next_to(frame.border.get_corner(np.array([-1.0, 1.0, 0.0])), RIGHT, buff=0.15)
        y_name.shift(0.25 * DOWN)

        fit = Line(color=PALETTE.path, stroke_width=4)
        self.fit = fit

        def place(t: float) -> None:
            k = min(run.steps, math.floor(t))
            slope, intercept = lines[k]
            if k < run.steps and t > k:
                s2, c2 = lines[k + 1]
                slope += (t - k) * (s2 - slope)
                intercept += (t - k) * (c2 - intercept)
            ends = line_through(frame, np.array([0.0, intercept]), slope)
            if ends is None:
                fit.set_opacity(0.0)
            else:
                fit.put_start_and_end_on(ends[0], ends[1])
                fit.set_opacity(1.0)

        place(0.0)

        # -- The panel: the loss, its plot and the line's equation.
        formula = MathTex(
            r"L(b, w) = \frac1n \sum_{k} \left(w z_k + b - y_k\right)^2",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        z_def = MathTex(
            rf"z = (x - {format_number(scaler.mean)}) / {format_number(scaler.std)}",
            font_size=TEXT_SIZE + 4,
            color=PALETTE.muted,
        )
        lr_row = MathTex(
            rf"\eta = {sig_tex(p.lr)},\quad n = {len(data.x)}",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        loss_title = Text("mean squared error, log scale", font_size=TEXT_SIZE, color=PALETTE.muted)
        panel_w = half_w - FRAME_MARGIN - PANEL_X
        loss_w, loss_h = panel_w - 0.95, 2.0
        placeholder = VMobject().set_points_as_corners(
            [[0, 0, 0], [loss_w + 0.95, 0, 0], [loss_w + 0.95, -(loss_h + 0.4), 0]]
        )
        stack(
            [formula, z_def, lr_row, loss_title, placeholder],
            top=half_h - FRAME_MARGIN - 0.05,
            left=PANEL_X,
            gap=0.22,
        )
        log_axis = LogAxis.for_losses(run.losses, run.diverged)
        self.log_axis = log_axis
        y_values, y_text = log_axis.ticks()
        loss_frame = plot_frame(
            ((0.0, float(max(1, p.steps))), (float(log_axis.low), float(log_axis.high))),
            loss_w,
            loss_h,
            (PANEL_X + 0.95 + loss_w / 2, placeholder.get_top()[1] - loss_h / 2),
            x_ticks=4,
            y_values=y_values,
            y_tick_text=y_text,
        )
        self.loss_frame = loss_frame
        loss = LossReveal(
            loss_frame, run.losses, log_axis, PALETTE.path, line_width=None, dot_radius=0.035
        )
        loss_dots = loss.dots
        self.loss_dots = loss_dots
        set_loss = loss.set
        readout_y = loss_frame.border.get_bottom()[1] - 0.75

        def equation(slope: float, intercept: float, label: str, colour: str) -> MathTex:
            sign = "-" if intercept < 0 else "+"
            tex = MathTex(
                rf"\text{{{label}}}\quad y = {sig_tex(slope, 4)}\,x {sign} "
                rf"{sig_tex(abs(intercept), 4)}",
                font_size=LABEL_SIZE,
                color=colour,
            )
            return tex

        gd_eq = equation(final_slope, final_intercept, f"descent, step {run.steps}:", PALETTE.path)
        ls_eq = equation(
            float(exact_slope), float(exact_intercept), "least squares:", PALETTE.accent
        )
        for eq in (gd_eq, ls_eq):
            if eq.width > panel_w:
                eq.scale_to_fit_width(panel_w)
        gd_eq.move_to([PANEL_X + gd_eq.width / 2, readout_y, 0])
        ls_eq.next_to(gd_eq, DOWN, buff=0.3, aligned_edge=LEFT)
        self.ls_eq = ls_eq
        lr_critical = objectives.critical_learning_rate(objective.hessian((0.0, 0.0)))
        self.data["lr_critical"] = lr_critical
        word = descent.verdict(run, objective)
        growing = word in ("diverged", "diverging")
        warning = Text(
            f"{'diverged' if run.diverged else 'diverging'}: η = {sig(p.lr)} is above "
            f"2/λmax = {sig(lr_critical)}",
            font_size=TEXT_SIZE,
            color=PALETTE.rejected,
        )
        warning.next_to(ls_eq, DOWN, buff=0.3, aligned_edge=LEFT)

        # -- Beat 1: the data.
        self.beat(
            "data",
            f"{len(data.x)} patients from scikit-learn's diabetes data: {data.x_name} against "
            "disease progression one year later.",
        )
        self.add(frame.group)
        self.play(FadeIn(points, lag_ratio=0.0), FadeIn(x_name), FadeIn(y_name), run_time=1.2)
        self.play(Write(formula), FadeIn(z_def), FadeIn(lr_row), run_time=1.2)

        # -- Beat 2: descent moves the line.
        self.beat(
            "descent",
            f"Starting from the line y = 0, each step of gradient descent on the mean squared "
            f"error moves the line; the error falls from {sig(float(run.losses[0]))} to "
            f"{sig(float(run.losses[-1]))} in {run.steps} steps.",
        )
        self.play(Create(fit), FadeIn(loss_title), FadeIn(loss_frame.group), run_time=0.8)
        self.add(loss_dots)
        tracker = ValueTracker(0.0)
        fit.add_updater(lambda m: place(tracker.get_value()))
        loss_dots.add_updater(lambda m: set_loss(tracker.get_value()))
        if run.steps > 0:
            self.play(
                tracker.animate.set_value(float(run.steps)),
                run_time=min(8.0, max(3.0, 0.15 * run.steps)),
                rate_func=linear,
            )
        fit.clear_updaters()
        loss_dots.clear_updaters()
        place(float(run.steps))
        set_loss(float(run.steps))

        # -- Beat 3: it ends on the least-squares line.
        if growing:
            sentence = (
                f"With η = {sig(p.lr)} the steps overshoot: descent "
                f"{'diverged' if run.diverged else 'is diverging'}, far from the "
                "least-squares line."
            )
        else:
            gap = abs(final_slope - float(exact_slope)) / max(1e-12, abs(float(exact_slope)))
            sentence = (
                f"Descent ends at slope {sig(final_slope)} and intercept {sig(final_intercept)}; "
                f"the closed-form least-squares line has slope {sig(float(exact_slope))} and "
                f"intercept {sig(float(exact_intercept))} (slopes differ by {sig(100 * gap)}%)."
            )
        self.beat("closed-form", sentence)
        exact_line = line_through(
            frame, np.array([0.0, float(exact_intercept)]), float(exact_slope)
        )
        dashed = (
            DashedLine(exact_line[0], exact_line[1], color=PALETTE.accent, stroke_width=3)
            if exact_line is not None
            else VMobject()
        )
        self.play(FadeIn(gd_eq), run_time=0.6)
        self.play(Create(dashed), FadeIn(ls_eq), run_time=1.0)
        if growing:
            self.play(FadeIn(warning), run_time=0.6)
        self.wait(1.8)

    def invariants(self, beat: str) -> list[Invariant]:
        """The dots at the data, the drawn line at the last step's coefficients, and the
        loss plot's points at the losses."""
        checks: list[Invariant] = []
        frame = self.frame
        if beat == "data":
            data = regression.diabetes(self.data["feature"])
            centres = np.array([frame.p2c(c) for c in dot_centres(self.points)])
            checks.append(
                Invariant(
                    "data dots at the data",
                    centres,
                    np.column_stack([data.x, data.y]),
                    atol=1e-6 * float(data.y.max()),
                )
            )
        if beat in ("descent", "closed-form") and self.fit.get_stroke_opacity() > 0:
            a, b = frame.p2c(self.fit.get_start()), frame.p2c(self.fit.get_end())
            slope = (b[1] - a[1]) / (b[0] - a[0])
            intercept = a[1] - slope * a[0]
            checks += [
                Invariant(
                    "drawn line slope",
                    slope,
                    self.data["slope"],
                    atol=1e-6 * max(1.0, abs(self.data["slope"])),
                ),
                Invariant(
                    "drawn line intercept",
                    intercept,
                    self.data["intercept"],
                    atol=1e-5 * max(1.0, abs(self.data["intercept"])),
                ),
            ]
            centres = np.array([self.loss_frame.p2c(c) for c in dot_centres(self.loss_dots)])
            losses = self.data["losses"]
            want = np.column_stack(
                [np.arange(len(losses)), [self.log_axis.position(v) for v in losses]]
            )
            checks.append(Invariant("loss plot points equal the losses", centres, want, atol=1e-6))
        return checks
