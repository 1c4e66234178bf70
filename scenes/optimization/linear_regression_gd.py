"""Fitting a line by gradient descent.

Render it with plain Manim:
``manim -pql scenes/optimization/linear_regression_gd.py LinearRegressionGD``.
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
    Create,
    DashedLine,
    FadeIn,
    Line,
    MathTex,
    Text,
    ValueTracker,
    VGroup,
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
from scenes.kit.plots import LogAxis, PlotFrame, line_through, plot_frame
from scenes.kit.reveals import LossReveal
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
)
from scenes.optimization.common import PANEL_X, still_below
from scenes.optimization.params import LinearRegressionGDParams
from scenes.parameters.data import Table, dropped_note, screen_name

#: Significant figures of every slope and intercept, on screen and in the captions.
DIGITS = 4


def axis_name(name: str) -> VGroup:
    r"""An axis name with its unit: the words in Text, a unit such as ``(kg/m²)`` in
    LaTeX (``(\mathrm{kg/m^{2}})``)."""
    words, _, unit = name.partition(" (")
    group = VGroup(Text(words, font_size=TEXT_SIZE, color=PALETTE.muted))
    if unit:
        tex = unit.rstrip(")").replace("²", "^{2}").replace("³", "^{3}")
        group.add(MathTex(rf"(\mathrm{{{tex}}})", font_size=LABEL_SIZE, color=PALETTE.muted))
        group.arrange(RIGHT, buff=0.15)
        group[1].align_to(group[0], DOWN).shift(0.06 * DOWN)
    return group


@dataclass
class RegressionPicture:
    """What LinearRegressionGD draws, for its beats, invariants and tests."""

    dataset: regression.Dataset
    run: descent.Trajectory
    lines: list[tuple[float, float]]  # (slope, intercept) in original units, per step
    exact: tuple[float, float]  # the least-squares (slope, intercept)
    frame: PlotFrame  # the scatter plot
    points: VMobject  # the data dots
    x_name: VGroup  # the feature's words, and its unit in LaTeX
    y_name: Text
    fit: Line  # the line descent moves
    formula: MathTex
    z_def: MathTex
    lr_row: MathTex
    loss_title: Text
    loss_frame: PlotFrame
    log_axis: LogAxis
    loss: LossReveal  # the loss plot's dots
    gd_eq: MathTex
    ls_eq: MathTex
    warning: VGroup
    growing: bool  # is the loss growing (diverged or diverging)
    overshoots: bool  # does each step jump across the best line (eta > 1/lambda_max)
    overshoot_note: VGroup
    trail: Line  # the previous step's line, faint, while descent runs
    table: Table  # the rows used and where they came from (a CSV file or the shipped data)
    dropped: VGroup  # "n rows dropped (missing values)" (empty when none were)


class LinearRegressionGD(MathScene):
    """Fitting a line by gradient descent.

    A line fits real patient data by gradient descent on the mean squared error: it
    swings into place as the loss drops, and ends on the least-squares line.
    """

    params_type = LinearRegressionGDParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.tracker = ValueTracker(0.0)
        self.show_data()
        self.descend()
        self.closed_form()

    # -- the beats -------------------------------------------------------------------

    def show_data(self) -> None:
        """The viewer sees the data and the loss that descent will lower."""
        pic, data = self.picture, self.picture.dataset
        source = pic.table.source
        if pic.table.from_file:
            note = dropped_note(source)
            caption = (
                f"{len(data.x)} rows of {source.name}: {data.x_name} against {data.y_name}"
                + (f" ({note})." if note else ".")
            )
        else:
            caption = (
                f"{len(data.x)} patients from scikit-learn's diabetes data: {data.x_name} "
                "against disease progression one year later."
            )
        self.beat("data", caption)
        self.add(pic.frame.group)
        self.play(
            FadeIn(pic.points, lag_ratio=0.0),
            FadeIn(pic.x_name),
            FadeIn(pic.y_name),
            FadeIn(pic.dropped),
            run_time=1.2,
        )
        self.play(Write(pic.formula), FadeIn(pic.z_def), FadeIn(pic.lr_row), run_time=1.2)

    def descend(self) -> None:
        """Each step of descent moves the line, and the error falls with it."""
        pic, run = self.picture, self.picture.run
        self.beat(
            "descent",
            f"Starting from the line y = 0, each step of gradient descent on the mean squared "
            f"error moves the line; the error falls from {sig(float(run.losses[0]))} to "
            f"{sig(float(run.losses[-1]))} in {run.steps} steps.",
        )
        self.play(
            Create(pic.fit), FadeIn(pic.loss_title), FadeIn(pic.loss_frame.group), run_time=0.8
        )
        self.add(pic.loss.dots)
        tracker = self.tracker
        if pic.overshoots:
            self.add(pic.trail)
            pic.trail.add_updater(lambda m: self.place_trail(tracker.get_value()))
        pic.fit.add_updater(lambda m: self.place(tracker.get_value()))
        pic.loss.dots.add_updater(lambda m: pic.loss.set(tracker.get_value()))
        # The loss plot's title and frame never overlap the scatter plot the fit moves
        # in: drawn below it they stay in the still background, not redrawn every frame.
        still = [pic.loss_title, pic.loss_frame.border]
        if run.steps > 0:
            with still_below(self, still, pic.fit):
                self.play(
                    tracker.animate.set_value(float(run.steps)),
                    run_time=min(8.0, max(3.0, 0.15 * run.steps)),
                    rate_func=linear,
                )
        pic.fit.clear_updaters()
        pic.loss.dots.clear_updaters()
        pic.trail.clear_updaters()
        self.place(float(run.steps))
        pic.loss.set(float(run.steps))
        if pic.overshoots:
            self.remove(pic.trail)

    def closed_form(self) -> None:
        """Descent ends on the least-squares line (or, with too large a step, far from it)."""
        pic = self.picture
        exact_slope, exact_intercept = pic.exact
        self.beat("closed-form", self._closed_form_caption())
        exact_line = line_through(pic.frame, np.array([0.0, exact_intercept]), exact_slope)
        dashed = (
            DashedLine(exact_line[0], exact_line[1], color=PALETTE.accent, stroke_width=4)
            if exact_line is not None
            else VMobject()
        )
        self.play(FadeIn(pic.gd_eq), run_time=0.6)
        self.play(Create(dashed), FadeIn(pic.ls_eq), run_time=1.0)
        if pic.growing:
            self.play(FadeIn(pic.warning), run_time=0.6)
        elif pic.overshoots:
            self.play(FadeIn(pic.overshoot_note), run_time=0.6)
        self.wait(1.8)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> RegressionPicture:
        """The data, the run, the scatter plot with its line, and the panel (not shown)."""
        p: LinearRegressionGDParams = self.params
        tab = p.table()
        data = self.dataset(tab)
        scaler = regression.Standardiser.fit(data.x)
        z = scaler.transform(data.x)
        objective = regression.mse_objective(z, data.y)
        run = descent.trajectory(objective, optimizers.gradient_descent(p.lr), (0.0, 0.0), p.steps)
        lines = [scaler.line_in_original_units(float(b), float(w)) for b, w in run.points]
        exact_intercept, exact_slope = regression.least_squares(data.x, data.y)
        self._record(data, scaler, run, lines, float(exact_slope), float(exact_intercept))
        self.data["target"] = p.target
        self.data["data_source"] = tab.source.to_json()
        frame, points, x_name, y_name = self.build_scatter(data, tab.from_file)
        dropped = VGroup()
        if dropped_note(tab.source):
            dropped.add(Text(dropped_note(tab.source), font_size=TEXT_SIZE, color=PALETTE.muted))
            # Inside the plot's top margin, beside the y title when it fits, else under it.
            dropped.next_to(y_name, RIGHT, buff=0.4)
            if dropped.get_right()[0] > frame.border.get_right()[0] - 0.1:
                dropped.next_to(y_name, DOWN, buff=0.1, aligned_edge=LEFT)
        fit = Line(color=PALETTE.path, stroke_width=4)
        formula, z_def, lr_row, loss_title, loss_frame, log_axis = self.build_panel(
            data, scaler, run
        )
        loss = LossReveal(
            loss_frame, run.losses, log_axis, PALETTE.path, line_width=None, dot_radius=0.035
        )
        gd_eq, ls_eq = self.build_equations(
            lines[-1], (float(exact_slope), float(exact_intercept)), run.steps, loss_frame
        )
        lr_critical = objectives.critical_learning_rate(objective.hessian((0.0, 0.0)))
        self.data["lr_critical"] = lr_critical
        growing = descent.verdict(run, objective) in ("diverged", "diverging")

        def rate_note(words: str, limit_tex: str, limit: float, color: str) -> VGroup:
            """A sentence and, under it, eta against a limit: the panel's notes."""
            note = VGroup(
                Text(words, font_size=TEXT_SIZE, color=color),
                MathTex(
                    rf"\eta = {sig_tex(p.lr)} > {limit_tex} = {sig_tex(limit)}",
                    font_size=TICK_SIZE,
                    color=color,
                ),
            ).arrange(DOWN, buff=0.12, aligned_edge=LEFT)
            return note.next_to(ls_eq, DOWN, buff=0.3, aligned_edge=LEFT)

        warning = rate_note(
            f"{'diverged' if run.diverged else 'diverging'}: above the limit",
            r"2/\lambda_{\max}",
            lr_critical,
            PALETTE.rejected,
        )
        # Past 1/lambda_max a step lands beyond the minimum along the steepest direction:
        # the line jumps to the other side of the best fit.
        overshoots = descent.overshoots(run, objective, p.lr)
        overshoot_note = rate_note(
            "each step overshoots the best line",
            r"1/\lambda_{\max}",
            objectives.overshoot_learning_rate(objective.hessian((0.0, 0.0))),
            PALETTE.path,
        )
        self.data["overshoots"] = overshoots
        trail = Line(color=PALETTE.path, stroke_width=4, stroke_opacity=0.4)
        pic = RegressionPicture(
            data, run, lines, (float(exact_slope), float(exact_intercept)), frame, points,
            x_name, y_name, fit, formula, z_def, lr_row, loss_title, loss_frame, log_axis, loss,
            gd_eq, ls_eq, warning, growing, overshoots, overshoot_note, trail, tab, dropped,
        )  # fmt: skip
        self.picture = pic
        self.place(0.0)
        return pic

    def _record(
        self,
        data: regression.Dataset,
        scaler: regression.Standardiser,
        run: descent.Trajectory,
        lines: list[tuple[float, float]],
        exact_slope: float,
        exact_intercept: float,
    ) -> None:
        """The sidecar: the data's scaling, the run, its lines and the least-squares fit."""
        p: LinearRegressionGDParams = self.params
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
            "lstsq_slope": exact_slope,
            "lstsq_intercept": exact_intercept,
            "r_squared": regression.r_squared(data.x, data.y, exact_intercept, exact_slope),
        }

    def dataset(self, tab: Table) -> regression.Dataset:
        """The x and y columns of the table; the shipped diabetes data keeps its axis
        names with units, a CSV file's columns are named as in the file."""
        p: LinearRegressionGDParams = self.params
        x = tab.frame[p.feature].to_numpy(dtype=np.float64)
        y = tab.frame[p.target].to_numpy(dtype=np.float64)
        if tab.from_file:
            return regression.Dataset(
                x=x, y=y, x_name=screen_name(p.feature), y_name=screen_name(p.target)
            )
        return regression.Dataset(
            x=x,
            y=y,
            x_name=regression.DIABETES_FEATURES[p.feature],
            y_name="disease progression after one year",
        )

    @staticmethod
    def build_scatter(
        data: regression.Dataset, from_file: bool = False
    ) -> tuple[PlotFrame, VMobject, VGroup, Text]:
        """The scatter plot, with room for the starting line y = 0."""
        half_w = frame_half_width()
        x_lo, x_hi = float(data.x.min()), float(data.x.max())
        x_pad = 0.05 * (x_hi - x_lo)
        y_hi = max(float(data.y.max()) * 1.08, 0.0)
        y_lo = min(0.0, float(data.y.min()) * 1.08)  # the start y = 0 and every point
        if y_hi <= y_lo:
            y_hi = y_lo + 1.0
        box: Box = ((x_lo - x_pad, x_hi + x_pad), (y_lo, y_hi))
        width, height = 6.45, 6.0  # ends 0.15 left of the panel
        frame = plot_frame(box, width, height, (-half_w + FRAME_MARGIN + 0.8 + width / 2, 0.5))
        points = dot_cloud(
            frame.c2p(np.column_stack([data.x, data.y])), PALETTE.sample, radius=0.04
        )
        points.set_fill(opacity=0.75)
        x_name = (
            axis_name(data.x_name)
            if not from_file
            else VGroup(Text(data.x_name, font_size=TEXT_SIZE, color=PALETTE.muted))
        )
        x_name.next_to(frame.border, DOWN, buff=0.5)
        y_words = data.y_name if from_file else "progression"
        y_name = Text(y_words, font_size=TEXT_SIZE, color=PALETTE.muted)
        y_name.next_to(frame.border.get_corner(np.array([-1.0, 1.0, 0.0])), RIGHT, buff=0.15)
        y_name.shift(0.25 * DOWN)
        return frame, points, x_name, y_name

    def build_panel(
        self, data: regression.Dataset, scaler: regression.Standardiser, run: descent.Trajectory
    ) -> tuple[MathTex, MathTex, MathTex, Text, PlotFrame, LogAxis]:
        """The panel: the loss, the scaling, the learning rate and the loss plot."""
        p: LinearRegressionGDParams = self.params
        formula = MathTex(
            r"L(b, w) = \frac1n \sum_{k} \left(w z_k + b - y_k\right)^2",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        z_def = MathTex(
            rf"z = (x - {format_number(scaler.mean)}) / {format_number(scaler.std)}",
            font_size=TICK_SIZE,
            color=PALETTE.muted,
        )
        lr_row = MathTex(
            rf"\eta = {sig_tex(p.lr)},\quad n = {len(data.x)}",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        loss_title = Text("mean squared error, log scale", font_size=TEXT_SIZE, color=PALETTE.muted)
        loss_w, loss_h = self._panel_width() - 0.95 - 0.3, 1.6
        placeholder = VMobject().set_points_as_corners(
            [[0, 0, 0], [loss_w + 0.95, 0, 0], [loss_w + 0.95, -(loss_h + 0.4), 0]]
        )
        stack(
            [formula, z_def, lr_row, loss_title, placeholder],
            top=frame_half_height() - FRAME_MARGIN_Y - 0.05,
            left=PANEL_X,
            gap=0.22,
        )
        log_axis = LogAxis.for_losses(run.losses, run.diverged)
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
        return formula, z_def, lr_row, loss_title, loss_frame, log_axis

    def build_equations(
        self,
        final: tuple[float, float],
        exact: tuple[float, float],
        steps: int,
        loss_frame: PlotFrame,
    ) -> tuple[MathTex, MathTex]:
        """The final descent line's equation and the least-squares one, under the loss plot."""

        def equation(slope: float, intercept: float, label: str, colour: str) -> MathTex:
            sign = "-" if intercept < 0 else "+"
            tex = MathTex(
                rf"\text{{{label}}}\quad y = {sig_tex(slope, DIGITS)}\,x {sign} "
                rf"{sig_tex(abs(intercept), DIGITS)}",
                font_size=LABEL_SIZE,
                color=colour,
            )
            return tex

        gd_eq = equation(final[0], final[1], f"step {steps}:", PALETTE.path)
        ls_eq = equation(exact[0], exact[1], "least squares:", PALETTE.accent)
        panel_w = self._panel_width()
        for eq in (gd_eq, ls_eq):
            if eq.width > panel_w:
                eq.scale_to_fit_width(panel_w)
        readout_y = loss_frame.border.get_bottom()[1] - 0.65
        gd_eq.move_to([PANEL_X + gd_eq.width / 2, readout_y, 0])
        ls_eq.next_to(gd_eq, DOWN, buff=0.3, aligned_edge=LEFT)
        return gd_eq, ls_eq

    @staticmethod
    def _panel_width() -> float:
        return frame_half_width() - FRAME_MARGIN - PANEL_X

    # -- helpers ---------------------------------------------------------------------

    def place(self, t: float) -> None:
        """The fitted line at step ``t`` (between steps, between their lines)."""
        pic = self.picture
        k = min(pic.run.steps, math.floor(t))
        slope, intercept = pic.lines[k]
        if k < pic.run.steps and t > k:
            s2, c2 = pic.lines[k + 1]
            slope += (t - k) * (s2 - slope)
            intercept += (t - k) * (c2 - intercept)
        ends = line_through(pic.frame, np.array([0.0, intercept]), slope)
        if ends is None:
            pic.fit.set_opacity(0.0)
        else:
            pic.fit.put_start_and_end_on(ends[0], ends[1])
            pic.fit.set_opacity(1.0)

    def place_trail(self, t: float) -> None:
        """The faint line of the last step reached before ``t`` (none at step 0)."""
        pic = self.picture
        k = min(pic.run.steps, math.floor(t))
        k = k - 1 if float(k) == t else k
        if k < 0 or t <= 0:
            pic.trail.set_opacity(0.0)
            return
        slope, intercept = pic.lines[k]
        ends = line_through(pic.frame, np.array([0.0, intercept]), slope)
        if ends is None:
            pic.trail.set_opacity(0.0)
        else:
            pic.trail.put_start_and_end_on(ends[0], ends[1])
            pic.trail.set_stroke(opacity=0.4)

    def _closed_form_caption(self) -> str:
        pic, p = self.picture, self.params
        final_slope, final_intercept = pic.lines[-1]
        exact_slope, exact_intercept = pic.exact
        if pic.growing:
            return (
                f"With η = {sig(p.lr)} the steps overshoot: descent "
                f"{'diverged' if pic.run.diverged else 'is diverging'}, far from the "
                "least-squares line."
            )
        gap = abs(final_slope - exact_slope) / max(1e-12, abs(exact_slope))
        return (
            f"Descent ends at slope {sig(final_slope, DIGITS)} and intercept "
            f"{sig(final_intercept, DIGITS)}; the closed-form least-squares line has slope "
            f"{sig(exact_slope, DIGITS)} and intercept {sig(exact_intercept, DIGITS)} "
            f"(slopes differ by {sig(100 * gap)}%)."
            + (
                " Each step overshot the best line and landed on its other side, closer each time."
                if pic.overshoots
                else ""
            )
        )

    def invariants(self, beat: str) -> list[Invariant]:
        """The dots at the data, the drawn line at the last step's coefficients, and the
        loss plot's points at the losses."""
        checks: list[Invariant] = []
        pic = self.picture
        frame = pic.frame
        if beat == "data":
            data = pic.dataset
            centres = np.array([frame.p2c(c) for c in dot_centres(pic.points)])
            checks.append(
                Invariant(
                    "data dots at the data",
                    centres,
                    np.column_stack([data.x, data.y]),
                    atol=1e-6 * float(data.y.max()),
                )
            )
        if beat in ("descent", "closed-form") and pic.fit.get_stroke_opacity() > 0:
            a, b = frame.p2c(pic.fit.get_start()), frame.p2c(pic.fit.get_end())
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
            centres = np.array([pic.loss_frame.p2c(c) for c in dot_centres(pic.loss.dots)])
            losses = self.data["losses"]
            want = np.column_stack(
                [np.arange(len(losses)), [pic.log_axis.position(v) for v in losses]]
            )
            checks.append(Invariant("loss plot points equal the losses", centres, want, atol=1e-6))
        return checks
