"""Optimization scenes: gradient descent and its relatives on contour plots.

Render one with plain Manim: ``manim -pql scenes/optimization.py GradientDescent``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    IN,
    LEFT,
    RIGHT,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MathTex,
    Star,
    Surface,
    Text,
    ThreeDAxes,
    ThreeDScene,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/optimization.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlmath_viz import descent, objectives, optimizers, regression, surfaces
from mlmath_viz.contours import Box, clip_segment, fit_box, inside, nice_ticks
from mlmath_viz.formatting import format_number
from scenes.base import Invariant, MathScene
from scenes.builders import Readout, freeze_axis_shading, stack
from scenes.calculus import (
    PlotFrame,
    arrow_in_box,
    circle_curves,
    contour_group,
    curve_tangent_at,
    dot_centres,
    dot_cloud,
    level_curve,
    line_curves,
    line_through,
    plot_frame,
    sig,
    sig_tex,
)
from scenes.parameters.optimization import (
    GradientDescentParams,
    LearningRatesParams,
    LinearRegressionGDParams,
    OptimizerRaceParams,
    SurfaceDescentParams,
)
from scenes.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
)

#: Screen size of the square contour plot and where the right-hand panel starts.
PLOT_SIZE = 6.7
PANEL_X = 1.05
#: Screen length of a drawn gradient arrow (its direction is what matters).
ARROW_LENGTH = 0.9
#: Radius of the path's dots.
DOT_RADIUS = 0.05
#: How far past the default view a path may go and still be framed (times its size).
FRAME_REACH = 3.0
#: Decades of loss shown by a log-scale loss plot of a converging run.
LOG_DECADES = 14


def contour_box(objective: objectives.Objective, points: np.ndarray, diverged: bool) -> Box:
    """The square plot region: the default view, the start and every path point that
    stays within ``FRAME_REACH`` views of it (a diverging tail runs off the plot)."""
    (x0, x1), (y0, y1) = objective.view
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    reach = FRAME_REACH * max(x1 - x0, y1 - y0)
    keep = [points[0]]
    for p in points[1:]:
        if diverged and max(abs(p[0] - cx), abs(p[1] - cy)) > reach:
            break
        keep.append(p)
    return fit_box(np.array(keep), objective.view, aspect=1.0)


class StepReadout(VGroup):
    """``step k   f(v_k) = loss``: a descent run's live readout, typeset once.

    A ``Text`` rebuilt for every step costs a Pango layout each time (about 0.1 s, a
    sixth of GradientDescent's render at 1080p60). Here the labels are typeset once and
    only the two numbers change, through :class:`~scenes.builders.Readout`. Room is kept
    for the run's longest step number and loss, so the labels never move; the digits sit
    on the labels' baseline.
    """

    GAP = 0.14  # between a label and its number
    SPACE = 0.45  # between the step number and the loss label

    def __init__(self, losses: Sequence[float], font_size: float, color: str) -> None:
        self.losses = [float(x) for x in losses]
        shown = [sig(x) for x in self.losses]
        last_step = str(len(self.losses) - 1)
        step_label = MathTex(r"\text{step}", font_size=font_size, color=color)
        loss_label = MathTex(r"f(v_k) =", font_size=font_size, color=color)
        self.step_number = Readout(
            0, decimals=0, font_size=font_size, color=color, max_chars=len(last_step)
        )
        self.loss_value = Readout(
            self.losses[0],
            font_size=font_size,
            color=color,
            max_chars=max(len(t) for t in shown),
            formatter=sig,
            extra_chars="e",
        )
        baseline = step_label[0][0].get_bottom()[1]  # "s" sits on the baseline
        self.step_number.place(np.array([step_label.get_right()[0] + self.GAP, baseline, 0.0]))
        loss_left = (
            step_label.get_right()[0]
            + self.GAP
            + self.step_number.width_of("0" * len(last_step))
            + self.SPACE
        )
        loss_label.shift(
            [loss_left - loss_label.get_left()[0], baseline - loss_label[0][2].get_bottom()[1], 0]
        )  # glyph 2 is the "v", on the baseline
        self.loss_value.place(np.array([loss_label.get_right()[0] + self.GAP, baseline, 0.0]))
        widest_loss = max(self.loss_value.width_of(t) for t in shown)
        #: From the left edge to the right end of the widest loss of the run.
        self.full_width = (
            loss_label.get_right()[0] + self.GAP + widest_loss - step_label.get_left()[0]
        )
        super().__init__(step_label, self.step_number, loss_label, self.loss_value)
        self.step_label, self.loss_label = step_label, loss_label
        self.index = 0

    def show(self, k: int) -> StepReadout:
        """Show step ``k`` and its loss (nothing to do if already shown)."""
        if k != self.index:
            self.step_number.set_value(k)
            self.loss_value.set_value(self.losses[k])
            self.index = k
        return self

    def left_edge(self) -> float:
        return float(self.step_label.get_left()[0])


@dataclass(frozen=True)
class LogAxis:
    """A base-10 log scale for a loss plot: ``[low, high]`` in decades."""

    low: int
    high: int

    @staticmethod
    def for_losses(losses: np.ndarray, diverged: bool) -> LogAxis:
        positive = losses[losses > 0]
        if positive.size == 0:
            return LogAxis(-1, 1)
        high = math.ceil(math.log10(float(positive.max())))
        low = math.floor(math.log10(float(positive.min())))
        if not diverged:
            low = max(low, high - LOG_DECADES)
        if high - low < 2:
            low, high = low - 1, high + 1
        return LogAxis(low, high)

    def position(self, loss: float) -> float:
        """Where a loss is drawn: :math:`\\log_{10}` clipped to the axis."""
        if loss <= 0:
            return float(self.low)
        return float(min(max(math.log10(loss), self.low), self.high))

    def ticks(self) -> tuple[np.ndarray, dict[float, str]]:
        values = nice_ticks(self.low, self.high, 4)
        values = values[np.isclose(values, np.round(values))]
        return values, {float(v): rf"10^{{{round(v)}}}" for v in values}


class GradientDescent(MathScene):
    """Gradient descent on a contour plot.

    Each step moves against the gradient, which stands perpendicular to the contour
    lines; the loss falls step by step beside it, or the path flies off and the run
    is marked as diverged when the learning rate is too large.
    """

    params_type = GradientDescentParams

    def construct(self) -> None:
        p: GradientDescentParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        run = descent.trajectory(objective, optimizers.gradient_descent(p.lr), p.start, p.steps)
        self.run = run
        self.objective = objective
        self.data = run.to_json()
        lr_critical = (
            objectives.critical_learning_rate(p.hessian) if p.objective == "quadratic" else None
        )
        if lr_critical is not None:
            self.data["lr_critical"] = lr_critical
        self.data["gradients"] = run.gradients.tolist()
        self.data["steps_taken"] = run.steps
        self.data["verdict"] = descent.verdict(run, objective)

        # -- The contour plot, framed to hold the path (not a diverging tail).
        box = contour_box(objective, run.points, run.diverged)
        half_w, half_h = frame_half_width(), frame_half_height()
        centre = (-half_w + FRAME_MARGIN + 0.65 + PLOT_SIZE / 2, 0.25)
        frame = plot_frame(box, PLOT_SIZE, PLOT_SIZE, centre)
        self.frame = frame
        self.data["plot_box"] = [list(box[0]), list(box[1])]
        contours, levels = contour_group(frame, objective)
        self.data["contour_levels"] = levels.tolist()
        minima = VGroup(
            *(
                Star(5, outer_radius=0.11, color=PALETTE.text, fill_opacity=1.0).move_to(
                    frame.to_scene(np.array(m))[0]
                )
                for m in objective.minimizers
                if inside(m, box)
            )
        )

        # -- The drawn path: segments clipped to the plot, dots at the points inside.
        pts = run.points
        scene_pts = frame.to_scene(pts)
        shown = [k for k in range(len(pts)) if inside(pts[k], box)]
        self.shown = shown
        self.data["drawn_points"] = shown

        def segment(k: int, fraction: float = 1.0) -> np.ndarray | None:
            a, b = pts[k], pts[k] + fraction * (pts[k + 1] - pts[k])
            clipped = clip_segment(a, b, box)
            if clipped is None:
                return None
            ends = frame.to_scene(np.array(clipped))
            return line_curves(ends[0], ends[1])

        full_segments = [segment(k) for k in range(len(pts) - 1)]

        def path_points(t: float) -> np.ndarray:
            whole = math.floor(t)
            parts = [s for s in full_segments[:whole] if s is not None]
            if whole < len(pts) - 1 and t > whole:
                part = segment(whole, t - whole)
                if part is not None:
                    parts.append(part)
            return np.concatenate(parts) if parts else np.zeros((0, 3))

        path = VMobject(stroke_color=PALETTE.path, stroke_width=3.0)
        dots = dot_cloud(np.zeros((0, 3)), DOT_RADIUS, PALETTE.path)
        all_dot_points = circle_curves(scene_pts[shown], DOT_RADIUS)
        shown_before = np.searchsorted(np.array(shown), np.arange(len(pts) + 1))

        def set_path(t: float) -> None:
            path.set_points(path_points(t))
            count = int(shown_before[min(len(pts), math.floor(t) + 1)])
            dots.set_points(all_dot_points[: 16 * count])

        set_path(0.0)
        self.path, self.dots = path, dots
        marker = Dot(scene_pts[0], radius=0.09, color=PALETTE.accent)
        self.marker = marker

        # -- The panel: the rule, the objective, the learning rate, the loss plot.
        rule = MathTex(
            r"v_{k+1} = v_k - \eta\, \nabla f(v_k)", font_size=BODY_SIZE, color=PALETTE.text
        )
        objective_tex = objective.latex
        if p.objective == "quadratic":
            (a, b), (_, c) = p.hessian
            matrix = (
                rf"\begin{{pmatrix}} {format_number(a)} & {format_number(b)} \\ "
                rf"{format_number(b)} & {format_number(c)} \end{{pmatrix}}"
            )
            objective_tex += rf",\ H = {matrix}"
        formula = MathTex(objective_tex, font_size=LABEL_SIZE, color=PALETTE.text)
        panel_width = half_w - FRAME_MARGIN - PANEL_X
        if formula.width > panel_width:
            formula.scale_to_fit_width(panel_width)
        lr_tex = rf"\eta = {sig_tex(p.lr)}"
        if lr_critical is not None:
            lr_tex += rf",\quad 2/\lambda_{{\max}} = {sig_tex(lr_critical)}"
        lr_row = MathTex(lr_tex, font_size=LABEL_SIZE, color=PALETTE.text)
        legend = VGroup(
            Arrow(
                [0, 0, 0],
                [0.55, 0, 0],
                buff=0,
                color=PALETTE.gradient,
                stroke_width=5,
                max_tip_length_to_length_ratio=0.4,
            ),
            MathTex(r"\nabla f \text{ (uphill)}", font_size=TEXT_SIZE, color=PALETTE.gradient),
            Line([0, 0, 0], [0.55, 0, 0], color=PALETTE.path, stroke_width=4),
            MathTex(r"\text{step } {-\eta}\nabla f", font_size=TEXT_SIZE, color=PALETTE.path),
        ).arrange(RIGHT, buff=0.15)
        legend[2].shift(0.25 * RIGHT)
        legend[3].shift(0.25 * RIGHT)

        steps_axis = max(1, p.steps)
        log_axis = LogAxis.for_losses(run.losses, run.diverged)
        self.log_axis = log_axis
        y_values, y_text = log_axis.ticks()
        loss_title = Text("loss f(vₖ), log scale", font_size=TEXT_SIZE, color=PALETTE.muted)
        loss_w, loss_h = panel_width - 0.95, 2.2
        # Placed after the stack is laid out (below), then the frame is built there.
        placeholder = VMobject().set_points_as_corners(
            [[0, 0, 0], [loss_w + 0.95, 0, 0], [loss_w + 0.95, -(loss_h + 0.45), 0]]
        )
        stack(
            [rule, formula, lr_row, legend, loss_title, placeholder],
            top=half_h - FRAME_MARGIN - 0.05,
            left=PANEL_X,
            gap=0.24,
        )
        loss_centre = (
            PANEL_X + 0.95 + loss_w / 2,
            placeholder.get_top()[1] - loss_h / 2,
        )
        loss_frame = plot_frame(
            ((0.0, float(steps_axis)), (float(log_axis.low), float(log_axis.high))),
            loss_w,
            loss_h,
            loss_centre,
            x_ticks=4,
            y_values=y_values,
            y_tick_text=y_text,
        )
        self.loss_frame = loss_frame
        loss_pts = loss_frame.to_scene(
            np.column_stack(
                [np.arange(len(run.losses)), [log_axis.position(x) for x in run.losses]]
            )
        )
        loss_line = VMobject(stroke_color=PALETTE.path, stroke_width=2.5)
        loss_dots = dot_cloud(np.zeros((0, 3)), 0.04, PALETTE.path)
        loss_dot_points = circle_curves(loss_pts, 0.04)
        loss_segments = line_curves(loss_pts[:-1], loss_pts[1:]) if len(loss_pts) > 1 else None

        def set_loss(t: float) -> None:
            whole = min(len(loss_pts) - 1, math.floor(t))
            loss_dots.set_points(loss_dot_points[: 16 * (whole + 1)])
            parts = [] if loss_segments is None else [loss_segments[: 4 * whole]]
            if whole < len(loss_pts) - 1 and t > whole:
                a = loss_pts[whole]
                b = a + (t - whole) * (loss_pts[whole + 1] - a)
                parts.append(line_curves(a, b))
            pts_ = np.concatenate(parts) if parts else np.zeros((0, 3))
            loss_line.set_points(pts_)

        set_loss(0.0)
        self.loss_dots = loss_dots
        readout_y = loss_frame.border.get_bottom()[1] - 0.75

        readout = StepReadout(run.losses, TEXT_SIZE, PALETTE.text)
        readout.shift([PANEL_X - readout.left_edge(), readout_y - readout.get_center()[1], 0])
        self.readout = readout

        # -- Beat 1: the landscape and the start.
        f0 = float(run.losses[0])
        start_text = f"({format_number(p.start[0])}, {format_number(p.start[1])})"
        self.beat(
            "landscape",
            f"The contour lines are level sets of f; gradient descent starts at {start_text}, "
            f"where f = {sig(f0)}.",
        )
        self.add(frame.group)
        self.play(Create(contours, lag_ratio=0.1), FadeIn(minima), run_time=1.6)
        self.play(
            FadeIn(marker),
            Write(rule),
            FadeIn(formula),
            FadeIn(lr_row),
            run_time=1.0,
        )

        # -- Beat 2: the gradient stands perpendicular to the level set; step against it.
        g0 = run.gradients[0]
        level = level_curve(frame, objective, f0, PALETTE.accent) if inside(pts[0], box) else None
        self.level = level
        end0 = arrow_in_box(frame, pts[0], g0, ARROW_LENGTH) if inside(pts[0], box) else None
        gradient_arrow = Arrow(
            scene_pts[0],
            scene_pts[0] + RIGHT,
            buff=0,
            color=PALETTE.gradient,
            stroke_width=5,
            max_tip_length_to_length_ratio=0.3,
        )
        self.arrow_index: int | None = None
        self.gradient_arrow = gradient_arrow

        def place_arrow(k: int) -> None:
            end = arrow_in_box(frame, pts[k], run.gradients[k], ARROW_LENGTH)
            if end is None or not inside(pts[k], box):
                gradient_arrow.set_opacity(0.0)
                self.arrow_index = None
                return
            gradient_arrow.put_start_and_end_on(scene_pts[k], frame.to_scene(end)[0])
            gradient_arrow.set_opacity(1.0)
            self.arrow_index = k

        if run.steps >= 1:
            x1 = run.points[1]
            step_text = f"v1 = v0 − {sig(p.lr)} ∇f(v0) = ({sig(float(x1[0]))}, {sig(float(x1[1]))})"
        else:
            step_text = "no step is taken (steps = 0)"
        g_text = f"({sig(float(g0[0]))}, {sig(float(g0[1]))})"
        self.beat(
            "gradient",
            f"The gradient ∇f(v0) = {g_text} is perpendicular to the level set through v0 "
            f"and points uphill; the step goes the other way: {step_text}.",
        )
        self.play(FadeIn(legend), FadeIn(loss_title), FadeIn(loss_frame.group), run_time=0.6)
        self.add(loss_line, loss_dots)
        if level is not None:
            self.play(Create(level), run_time=0.8)
        if end0 is not None:
            place_arrow(0)
            self.play(GrowArrow(gradient_arrow), run_time=0.7)
        else:
            place_arrow(0)
        self.add(readout)
        tracker = ValueTracker(0.0)
        first = min(1, run.steps)
        if first:
            self.add(path, dots)
            path.add_updater(lambda m: set_path(tracker.get_value()))
            loss_line.add_updater(lambda m: set_loss(tracker.get_value()))
            marker.add_updater(lambda m: self._move_marker(m, tracker.get_value()))
            self.play(tracker.animate.set_value(1.0), run_time=1.0, rate_func=linear)
            readout.show(1)
            self.wait(0.4)

        # -- Beat 3: the rest of the run.
        final = float(run.losses[-1])
        if run.diverged:
            caption = (
                f"The steps grow instead of shrinking: after {run.steps} steps |v| passes "
                f"10^6 and the run has diverged (f = {sig(final)})."
            )
        elif run.steps == 0:
            caption = "With steps = 0 the point stays at the start."
        else:
            caption = f"After {run.steps} steps f has gone from {sig(f0)} to {sig(final)}."
        self.beat("descent", caption)
        if level is not None:
            self.remove(level)
        if run.steps > 1:
            gradient_arrow.add_updater(lambda m: place_arrow(self._index(tracker.get_value())))
            readout.add_updater(lambda m: m.show(self._index(tracker.get_value())))
            sweep = min(8.0, max(2.5, 0.25 * (run.steps - 1)))
            self.play(tracker.animate.set_value(float(run.steps)), run_time=sweep, rate_func=linear)
        for m in (path, loss_line, marker, gradient_arrow, readout):
            m.clear_updaters()
        set_path(float(run.steps))
        set_loss(float(run.steps))
        self._move_marker(marker, float(run.steps))
        place_arrow(run.steps)
        readout.show(run.steps)
        self.wait(0.3)

        # -- Beat 4: what happened, and why.
        verdict, sentence = self._verdict(run, p.lr, lr_critical, objective)
        conclusion = Text(verdict, font_size=TEXT_SIZE, color=PALETTE.accent, line_spacing=0.8)
        conclusion.next_to(readout, DOWN, buff=0.3, aligned_edge=LEFT)
        self.conclusion = conclusion
        self.beat("result", sentence)
        fade = [FadeOut(gradient_arrow)] if self.arrow_index is not None else []
        self.play(FadeIn(conclusion, shift=0.1 * LEFT), *fade, run_time=0.8)
        self.arrow_index = None
        self.wait(1.6)

    # -- helpers ---------------------------------------------------------------------

    def _index(self, t: float) -> int:
        return min(self.run.steps, math.floor(t + 1e-9))

    def _move_marker(self, marker: Dot, t: float) -> None:
        pts = self.run.points
        whole = self._index(t)
        point = pts[whole]
        if whole < len(pts) - 1 and t > whole:
            point = point + (t - whole) * (pts[whole + 1] - point)
        if inside(point, self.frame.box):
            marker.move_to(self.frame.to_scene(point)[0])
            marker.set_opacity(1.0)
        else:
            marker.set_opacity(0.0)

    @staticmethod
    def _verdict(
        run: descent.Trajectory,
        lr: float,
        lr_critical: float | None,
        objective: objectives.Objective,
    ) -> tuple[str, str]:
        """Short text for the panel and the caption's sentence."""
        eta = sig(lr)
        if run.diverged:
            why = ""
            if lr_critical is not None:
                why = f"η = {eta} > 2/λmax = {sig(lr_critical)}"
            plural = "" if run.steps == 1 else "s"
            return (
                f"diverged after {run.steps} step{plural}" + (f"\n{why}" if why else ""),
                f"The run diverged: with η = {eta} every step overshoots"
                + (f", because η is above 2/λmax = {sig(lr_critical)}." if why else "."),
            )
        if run.steps > 0 and run.losses[-1] > run.losses[0]:
            why = f"η = {eta} > 2/λmax = {sig(lr_critical)}" if lr_critical is not None else ""
            return (
                f"diverging: f rose to {sig(float(run.losses[-1]))}" + (f"\n{why}" if why else ""),
                f"The run is diverging: with η = {eta} f grows from {sig(float(run.losses[0]))} "
                f"to {sig(float(run.losses[-1]))}"
                + (f", because η is above 2/λmax = {sig(lr_critical)}." if why else "."),
            )
        end = run.points[-1]
        where = f"({sig(float(end[0]))}, {sig(float(end[1]))})"
        nearest, _ = objective.nearest_minimizer(end)
        minimum = f"({sig(nearest[0])}, {sig(nearest[1])})"
        if lr == 0:
            return "η = 0: the point never moves", "With η = 0 no step moves the point."
        if run.steps == 0:
            return "no steps taken", "No steps were taken."
        if descent.verdict(run, objective) == "converged":
            text = f"converged to the minimum\n{minimum}"
            sentence = f"Gradient descent with η = {eta} converged to the minimum {minimum}"
            if lr_critical is not None:
                sentence += f"; η is below 2/λmax = {sig(lr_critical)}."
            else:
                sentence += "."
            return text, sentence
        return (
            f"still descending at\n{where}",
            f"After {run.steps} steps with η = {eta} the point is at {where}, "
            "not yet at a minimum: more steps or a larger η would help.",
        )

    def invariants(self, beat: str) -> list[Invariant]:
        """Path dots at the trajectory's points, loss dots at the losses, the gradient
        arrow at its iterate along the gradient and perpendicular to the level set."""
        checks: list[Invariant] = []
        frame = self.frame
        traj = np.array(self.data["trajectory"])
        if beat == "gradient" and self.arrow_index == 0:
            arrow = self.gradient_arrow
            base = frame.to_plot(arrow.get_start())
            tip = frame.to_plot(arrow.get_end())
            direction = (tip - base) / np.linalg.norm(tip - base)
            g = np.array(self.data["gradients"][0])
            checks.append(Invariant("gradient arrow starts at v0", base, traj[0]))
            checks.append(
                Invariant(
                    "gradient arrow points along grad f(v0)", direction, g / np.linalg.norm(g)
                )
            )
            if self.level is not None and len(self.level.points):
                distance, tangent = curve_tangent_at(frame, self.level, base)
                checks.append(
                    Invariant(
                        "level set passes through v0", distance, 0.0, atol=0.05 * _span(frame)
                    )
                )
                checks.append(
                    Invariant(
                        "gradient arrow is perpendicular to the level set",
                        float(abs(direction @ tangent)),
                        0.0,
                        atol=0.06,
                    )
                )
        if beat in ("descent", "result"):
            centres = np.array([frame.to_plot(c) for c in dot_centres(self.dots)])
            expected = traj[self.data["drawn_points"]]
            checks.append(
                Invariant(
                    "path dots sit at the trajectory's points",
                    centres.reshape(-1, 2),
                    expected.reshape(-1, 2),
                    atol=1e-6 * _span(frame),
                )
            )
            loss_centres = np.array(
                [self.loss_frame.to_plot(c) for c in dot_centres(self.loss_dots)]
            )
            losses = self.data["losses"]
            want = np.column_stack(
                [np.arange(len(losses)), [self.log_axis.position(x) for x in losses]]
            )
            checks.append(
                Invariant("loss plot points equal the losses", loss_centres, want, atol=1e-6)
            )
            last = len(traj) - 1
            if self.marker.get_fill_opacity() > 0:
                checks.append(
                    Invariant(
                        "marker at the last point",
                        frame.to_plot(self.marker.get_center()),
                        traj[last],
                        atol=1e-6 * _span(frame),
                    )
                )
        return checks


def _span(frame: PlotFrame) -> float:
    (x0, x1), _ = frame.box
    return x1 - x0


# -- shared by the scenes below -----------------------------------------------------------


class PathArt:
    """A trajectory drawn on a plot frame, revealed step by step.

    The line is the path's segments clipped to the plot; the dots mark the points that
    lie inside it; the marker follows the current point. ``set(t)`` shows the first
    ``t`` steps (fractional ``t`` draws part of the next segment).
    """

    def __init__(
        self, frame: PlotFrame, points: np.ndarray, color: str, radius: float = DOT_RADIUS
    ) -> None:
        self.frame = frame
        self.points = np.asarray(points, dtype=float)
        box = frame.box
        self.shown = [k for k in range(len(self.points)) if inside(self.points[k], box)]
        self.path = VMobject(stroke_color=color, stroke_width=3.0)
        self.dots = dot_cloud(np.zeros((0, 3)), radius, color)
        self.marker = Dot(frame.to_scene(self.points[:1])[0], radius=0.085, color=color)
        scene_pts = frame.to_scene(self.points)
        self._dot_points = circle_curves(scene_pts[self.shown], radius)
        self._shown_before = np.searchsorted(np.array(self.shown), np.arange(len(points) + 1))
        self._segments = [self._segment(k) for k in range(len(self.points) - 1)]
        self.set(0.0)

    def _segment(self, k: int, fraction: float = 1.0) -> np.ndarray | None:
        a = self.points[k]
        b = a + fraction * (self.points[k + 1] - a)
        clipped = clip_segment(a, b, self.frame.box)
        if clipped is None:
            return None
        ends = self.frame.to_scene(np.array(clipped))
        return line_curves(ends[0], ends[1])

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    def set(self, t: float) -> None:
        """Show the path up to step ``t`` (clamped to the steps taken)."""
        t = min(max(t, 0.0), float(self.steps))
        whole = math.floor(t)
        parts = [s for s in self._segments[:whole] if s is not None]
        point = self.points[whole]
        if whole < self.steps and t > whole:
            part = self._segment(whole, t - whole)
            if part is not None:
                parts.append(part)
            point = point + (t - whole) * (self.points[whole + 1] - point)
        self.path.set_points(np.concatenate(parts) if parts else np.zeros((0, 3)))
        count = int(self._shown_before[min(len(self.points), whole + 1)])
        self.dots.set_points(self._dot_points[: 16 * count])
        if inside(point, self.frame.box):
            self.marker.move_to(self.frame.to_scene(point[None, :])[0])
            self.marker.set_opacity(1.0)
        else:
            self.marker.set_opacity(0.0)

    def invariants(self, label: str, expected: np.ndarray) -> list[Invariant]:
        """Dots at the expected trajectory's points that lie inside the plot."""
        (x0, x1), _ = self.frame.box
        centres = np.array([self.frame.to_plot(c) for c in dot_centres(self.dots)]).reshape(-1, 2)
        exp = np.asarray(expected, dtype=float)
        inside_rows = [k for k in range(len(exp)) if inside(exp[k], self.frame.box)]
        return [
            Invariant(
                f"{label}: path dots sit at the trajectory's points",
                centres,
                exp[inside_rows].reshape(-1, 2),
                atol=1e-6 * (x1 - x0),
            )
        ]


def shared_box(
    objective: objectives.Objective,
    runs: list[descent.Trajectory],
    base: Box,
    reach_views: float = FRAME_REACH,
) -> Box:
    """A square region holding ``base`` and every run's path; a run whose loss grows
    is followed only while it stays within ``reach_views`` default views."""
    (x0, x1), (y0, y1) = objective.view
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    reach = reach_views * max(x1 - x0, y1 - y0)
    keep = []
    for run in runs:
        keep.append(run.points[0])
        growing = run.diverged or (run.steps > 0 and run.losses[-1] > run.losses[0])
        for p in run.points[1:]:
            if growing and max(abs(p[0] - cx), abs(p[1] - cy)) > reach:
                break
            keep.append(p)
    return fit_box(np.array(keep), base, aspect=1.0)


# -- LearningRates ------------------------------------------------------------------------


class LearningRates(MathScene):
    """Too small, about right, too large: three learning rates side by side.

    The same descent from the same start with three step sizes: one crawls, one
    converges, and one overshoots the valley until it oscillates or flies off.
    """

    params_type = LearningRatesParams

    def construct(self) -> None:
        p: LearningRatesParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        rates = (p.lr_small, p.lr_good, p.lr_large)
        runs = [
            descent.trajectory(objective, optimizers.gradient_descent(lr), p.start, p.steps)
            for lr in rates
        ]
        lr_critical = (
            objectives.critical_learning_rate(p.hessian) if p.objective == "quadratic" else None
        )
        words = [descent.verdict(run, objective) for run in runs]
        self.data = {
            "runs": [
                {"lr": lr, **run.to_json(), "verdict": word}
                for lr, run, word in zip(rates, runs, words, strict=True)
            ]
        }
        if lr_critical is not None:
            self.data["lr_critical"] = lr_critical

        half_w, half_h = frame_half_width(), frame_half_height()
        size, gap = 3.95, 0.62
        box = shared_box(objective, runs, objective.view, reach_views=0.5)
        top = half_h - FRAME_MARGIN - 1.35
        left = -half_w + FRAME_MARGIN + 0.55
        frames, arts, contour_sets = [], [], []
        for k in range(3):
            cx = left + size / 2 + k * (size + gap)
            frame = plot_frame(box, size, size, (cx, top - size / 2), x_ticks=3, y_ticks=3)
            frames.append(frame)
            contour_sets.append(contour_group(frame, objective, count=9, resolution=70)[0])
            arts.append(PathArt(frame, runs[k].points, PALETTE.path))
        self.frames, self.arts = frames, arts

        rule = MathTex(
            r"v_{k+1} = v_k - \eta\, \nabla f(v_k)", font_size=BODY_SIZE, color=PALETTE.text
        )
        header_text = objective.latex
        if lr_critical is not None:
            header_text = rf"2/\lambda_{{\max}} = {sig_tex(lr_critical)}"
        header = MathTex(header_text, font_size=LABEL_SIZE, color=PALETTE.muted)
        if header.width > 6.0:
            header.scale_to_fit_width(6.0)
        VGroup(rule, header).arrange(RIGHT, buff=0.8).move_to([0, half_h - FRAME_MARGIN - 0.3, 0])
        titles, verdicts = VGroup(), VGroup()
        colours = {
            "diverged": PALETTE.rejected,
            "diverging": PALETTE.rejected,
            "converged": PALETTE.accepted,
        }
        for frame, lr, run, word in zip(frames, rates, runs, words, strict=True):
            title = MathTex(rf"\eta = {sig_tex(lr)}", font_size=LABEL_SIZE, color=PALETTE.text)
            title.next_to(frame.border, np.array([0.0, 1.0, 0.0]), buff=0.12)
            titles.add(title)
            detail = f"after {run.steps} steps" if not run.diverged else f"at step {run.steps}"
            text = Text(
                f"{word}\n{detail}: f = {sig(float(run.losses[-1]))}",
                font_size=TEXT_SIZE,
                color=colours.get(word, PALETTE.path),
                line_spacing=0.8,
            )
            text.next_to(frame.border, DOWN, buff=0.5)
            verdicts.add(text)
        self.verdicts = verdicts

        # -- Beat 1: one landscape, three learning rates.
        rates_text = ", ".join(sig(lr) for lr in rates)
        self.beat(
            "setup",
            f"The same function and the same start, with learning rates {rates_text}.",
        )
        self.add(*(f.group for f in frames))
        self.play(*(Create(c, lag_ratio=0.1) for c in contour_sets), Write(rule), run_time=1.6)
        self.play(FadeIn(header), FadeIn(titles), *(FadeIn(a.marker) for a in arts), run_time=0.8)

        # -- Beat 2: all three run at once.
        self.beat("descent", self._race_caption(rates, runs, words))
        for a in arts:
            self.add(a.path, a.dots, a.marker)
        tracker = ValueTracker(0.0)
        for a in arts:
            a.path.add_updater(lambda m, a=a: a.set(tracker.get_value()))
        if p.steps > 0:
            self.play(
                tracker.animate.set_value(float(p.steps)),
                run_time=min(9.0, max(3.0, 0.3 * p.steps)),
                rate_func=linear,
            )
        for a in arts:
            a.path.clear_updaters()
            a.set(float(a.steps))

        # -- Beat 3: the verdicts.
        self.beat("verdicts", self._verdict_caption(rates, words, lr_critical))
        self.play(FadeIn(verdicts, shift=0.1 * DOWN), run_time=0.8)
        self.wait(2.0)

    @staticmethod
    def _race_caption(
        rates: tuple[float, ...], runs: list[descent.Trajectory], words: list[str]
    ) -> str:
        parts = []
        for lr, run, word in zip(rates, runs, words, strict=True):
            if word == "diverged":
                parts.append(f"η = {sig(lr)} diverges within {run.steps} steps")
            elif word == "diverging":
                parts.append(
                    f"η = {sig(lr)} overshoots more each step, f = {sig(float(run.losses[-1]))}"
                )
            else:
                parts.append(f"η = {sig(lr)} reaches f = {sig(float(run.losses[-1]))}")
        return "Each run takes its steps: " + "; ".join(parts) + "."

    @staticmethod
    def _verdict_caption(
        rates: tuple[float, ...], words: list[str], lr_critical: float | None
    ) -> str:
        text = "; ".join(f"η = {sig(lr)}: {w}" for lr, w in zip(rates, words, strict=True))
        if lr_critical is not None:
            text += (
                f". Descent on this quadratic is stable only for η < 2/λmax = {sig(lr_critical)}"
            )
        return text + "."

    def invariants(self, beat: str) -> list[Invariant]:
        """Each panel's dots sit at its run's trajectory points."""
        if beat not in ("descent", "verdicts"):
            return []
        checks: list[Invariant] = []
        for k, (art, run) in enumerate(zip(self.arts, self.data["runs"], strict=True)):
            checks += art.invariants(f"panel {k + 1}", np.array(run["trajectory"]))
        return checks


# -- OptimizerRace ------------------------------------------------------------------------


class OptimizerRace(MathScene):
    """Six optimizers race on one surface.

    Gradient descent, momentum, Nesterov, AdaGrad, RMSProp and Adam start together on
    the same function, each path in its own colour, with their losses on one log-scale
    plot.
    """

    params_type = OptimizerRaceParams

    def construct(self) -> None:
        p: OptimizerRaceParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        rates = p.learning_rates()
        names = list(rates)
        runs = {
            name: descent.trajectory(objective, optimizers.by_name(name, lr), p.start, p.steps)
            for name, lr in rates.items()
        }
        self.runs = runs
        self.data = {name: {**runs[name].to_json(), "lr": rates[name]} for name in names}
        self.data["order"] = names
        colours = dict(zip(names, PALETTE.series, strict=True))

        half_w, half_h = frame_half_width(), frame_half_height()
        # Frame the paths themselves (and the minimizer), not the whole default view.
        all_runs = list(runs.values())
        tight = shared_box(objective, all_runs, _bounds(objective.minimizers[:1]))
        box = tight
        centre = (-half_w + FRAME_MARGIN + 0.65 + PLOT_SIZE / 2, 0.25)
        frame = plot_frame(box, PLOT_SIZE, PLOT_SIZE, centre)
        self.frame = frame
        contours, _ = contour_group(frame, objective, count=12)
        minima = VGroup(
            *(
                Star(5, outer_radius=0.11, color=PALETTE.text, fill_opacity=1.0).move_to(
                    frame.to_scene(np.array(m))[0]
                )
                for m in objective.minimizers
                if inside(m, box)
            )
        )
        arts = {
            name: PathArt(frame, runs[name].points, colours[name], radius=0.035) for name in names
        }
        for art in arts.values():
            art.path.set_stroke(width=2.5)
        self.arts = arts

        # -- The legend and the shared loss plot.
        panel_w = half_w - FRAME_MARGIN - PANEL_X
        rows = VGroup()
        finals = {}
        for name in names:
            swatch = Line([0, 0, 0], [0.3, 0, 0], color=colours[name], stroke_width=5)
            label = Text(optimizers.LABELS[name], font_size=TEXT_SIZE, color=colours[name])
            eta = Text(f"η = {sig(rates[name])}", font_size=TEXT_SIZE, color=PALETTE.muted)
            run = runs[name]
            final = "diverged" if run.diverged else f"f = {sig(float(run.losses[-1]))}"
            result = Text(final, font_size=TEXT_SIZE, color=colours[name])
            finals[name] = result
            rows.add(VGroup(swatch, label, eta, result))
        label_w = max(row[1].width for row in rows)
        eta_w = max(row[2].width for row in rows)
        legend_x = PANEL_X - 0.3
        for row in rows:
            swatch, label, eta, result = row
            swatch.move_to([legend_x + 0.15, 0, 0])
            label.move_to([legend_x + 0.45 + label.width / 2, 0, 0])
            eta_left = legend_x + 0.45 + label_w + 0.15
            eta.move_to([eta_left + eta.width / 2, 0, 0])
            result.move_to([eta_left + eta_w + 0.2 + result.width / 2, 0, 0])
        right = max(row.get_right()[0] for row in rows)
        limit = half_w - FRAME_MARGIN
        if right > limit:  # long numbers: shrink the legend (fonts stay >= 20)
            factor = max(20 / TEXT_SIZE, (limit - legend_x) / (right - legend_x))
            for row in rows:
                row.scale(factor, about_point=np.array([legend_x, 0.0, 0.0]))
        self.finals = finals
        top = half_h - FRAME_MARGIN - 0.05
        for k, row in enumerate(rows):
            row.shift((top - 0.2 - 0.4 * k) * np.array([0.0, 1.0, 0.0]))
        losses = np.concatenate([r.losses for r in all_runs])
        log_axis = LogAxis.for_losses(losses, any(r.diverged for r in all_runs))
        self.log_axis = log_axis
        y_values, y_text = log_axis.ticks()
        loss_w, loss_h = panel_w - 0.95, 2.3
        loss_title = Text("loss f(vₖ), log scale", font_size=TEXT_SIZE, color=PALETTE.muted)
        loss_title.move_to([PANEL_X + loss_title.width / 2, rows.get_bottom()[1] - 0.4, 0])
        loss_frame = plot_frame(
            ((0.0, float(max(1, p.steps))), (float(log_axis.low), float(log_axis.high))),
            loss_w,
            loss_h,
            (PANEL_X + 0.95 + loss_w / 2, loss_title.get_bottom()[1] - 0.2 - loss_h / 2),
            x_ticks=4,
            y_values=y_values,
            y_tick_text=y_text,
        )
        self.loss_frame = loss_frame
        loss_lines = {}
        for name in names:
            pts = loss_frame.to_scene(
                np.column_stack(
                    [
                        np.arange(len(runs[name].losses)),
                        [log_axis.position(x) for x in runs[name].losses],
                    ]
                )
            )
            loss_lines[name] = (pts, VMobject(stroke_color=colours[name], stroke_width=2.5))
        self.loss_lines = loss_lines

        def set_losses(t: float) -> None:
            for pts, line in loss_lines.values():
                whole = min(len(pts) - 1, math.floor(t))
                parts = [line_curves(pts[:whole], pts[1 : whole + 1])] if whole else []
                if whole < len(pts) - 1 and t > whole:
                    parts.append(
                        line_curves(
                            pts[whole], pts[whole] + (t - whole) * (pts[whole + 1] - pts[whole])
                        )
                    )
                line.set_points(np.concatenate(parts) if parts else np.zeros((0, 3)))

        set_losses(0.0)

        # -- Beat 1: the surface and the start.
        start = f"({format_number(p.start[0])}, {format_number(p.start[1])})"
        self.beat(
            "setup",
            f"Six optimizers start together at {start} on the {objective.name} function, "
            "each with its own learning rate.",
        )
        self.add(frame.group)
        self.play(Create(contours, lag_ratio=0.1), FadeIn(minima), run_time=1.5)
        self.play(
            *(FadeIn(VGroup(*row[:3])) for row in rows),
            FadeIn(loss_title),
            FadeIn(loss_frame.group),
            FadeIn(arts[names[0]].marker),
            run_time=1.0,
        )

        # -- Beat 2: the race.
        self.beat("race", self._race_caption(runs))
        for name in names:
            self.add(arts[name].path, arts[name].dots, arts[name].marker, loss_lines[name][1])
        tracker = ValueTracker(0.0)
        for art in arts.values():
            art.path.add_updater(lambda m, art=art: art.set(tracker.get_value()))
        driver = loss_lines[names[0]][1]
        driver.add_updater(lambda m: set_losses(tracker.get_value()))
        if p.steps > 0:
            self.play(
                tracker.animate.set_value(float(p.steps)),
                run_time=min(10.0, max(3.0, 0.04 * p.steps + 3)),
                rate_func=linear,
            )
        for art in arts.values():
            art.path.clear_updaters()
            art.set(float(art.steps))
        driver.clear_updaters()
        set_losses(float(p.steps))

        # -- Beat 3: the results.
        self.beat("results", self._result_caption(runs))
        self.play(*(FadeIn(row[3]) for row in rows), run_time=0.8)
        self.wait(2.0)

    @staticmethod
    def _race_caption(runs: dict[str, descent.Trajectory]) -> str:
        best = min(
            (n for n in runs if not runs[n].diverged),
            key=lambda n: float(runs[n].losses[-1]),
            default=None,
        )
        if best is None:
            return "Every optimizer diverges with these learning rates."
        steps = runs[best].steps
        return (
            f"After {steps} steps {optimizers.LABELS[best]} is lowest, at "
            f"f = {sig(float(runs[best].losses[-1]))}."
        )

    @staticmethod
    def _result_caption(runs: dict[str, descent.Trajectory]) -> str:
        parts = [
            f"{optimizers.LABELS[n]} "
            + ("diverged" if r.diverged else f"f = {sig(float(r.losses[-1]))}")
            for n, r in runs.items()
        ]
        return "Final losses: " + "; ".join(parts) + "."

    def invariants(self, beat: str) -> list[Invariant]:
        """Each path's dots at its trajectory; each loss line's vertices at its losses."""
        if beat not in ("race", "results"):
            return []
        checks: list[Invariant] = []
        for name in self.data["order"]:
            traj = np.array(self.data[name]["trajectory"])
            checks += self.arts[name].invariants(name, traj)
            line = self.loss_lines[name][1]
            losses = self.data[name]["losses"]
            want = np.column_stack(
                [np.arange(len(losses)), [self.log_axis.position(x) for x in losses]]
            )
            pts = np.asarray(line.points)
            if len(losses) > 1:
                vertices = np.vstack([pts[0::4], pts[-1:]])
                drawn = np.array([self.loss_frame.to_plot(v) for v in vertices])
                checks.append(
                    Invariant(f"{name}: loss line vertices at the losses", drawn, want, atol=1e-6)
                )
        return checks


def _bounds(points: Any) -> Box:
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    return (
        (float(p[:, 0].min()), float(p[:, 0].max())),
        (float(p[:, 1].min()), float(p[:, 1].max())),
    )


# -- LinearRegressionGD -------------------------------------------------------------------


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
        points = dot_cloud(frame.to_scene(np.column_stack([data.x, data.y])), 0.04, PALETTE.sample)
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
        loss_pts = loss_frame.to_scene(
            np.column_stack(
                [np.arange(len(run.losses)), [log_axis.position(v) for v in run.losses]]
            )
        )
        loss_dots = dot_cloud(np.zeros((0, 3)), 0.035, PALETTE.path)
        loss_dot_points = circle_curves(loss_pts, 0.035)
        self.loss_dots = loss_dots

        def set_loss(t: float) -> None:
            k = min(run.steps, math.floor(t))
            loss_dots.set_points(loss_dot_points[: 16 * (k + 1)])

        set_loss(0.0)
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
        growing = run.diverged or (run.steps > 0 and run.losses[-1] > run.losses[0])
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
        if run.diverged or (run.steps > 0 and run.losses[-1] > run.losses[0]):
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
            centres = np.array([frame.to_plot(c) for c in dot_centres(self.points)])
            checks.append(
                Invariant(
                    "data dots at the data",
                    centres,
                    np.column_stack([data.x, data.y]),
                    atol=1e-6 * float(data.y.max()),
                )
            )
        if beat in ("descent", "closed-form") and self.fit.get_stroke_opacity() > 0:
            a, b = frame.to_plot(self.fit.get_start()), frame.to_plot(self.fit.get_end())
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
            centres = np.array([self.loss_frame.to_plot(c) for c in dot_centres(self.loss_dots)])
            losses = self.data["losses"]
            want = np.column_stack(
                [np.arange(len(losses)), [self.log_axis.position(v) for v in losses]]
            )
            checks.append(Invariant("loss plot points equal the losses", centres, want, atol=1e-6))
        return checks


# -- SurfaceDescent ---------------------------------------------------------------------


class SurfaceDescent(MathScene, ThreeDScene):
    """Gradient descent on a surface in 3-D.

    The loss becomes a landscape; the descent path runs downhill on it, point by point,
    while the camera circles around so the valley's shape shows.
    """

    params_type = SurfaceDescentParams

    def construct(self) -> None:
        p: SurfaceDescentParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        run = descent.trajectory(objective, optimizers.gradient_descent(p.lr), p.start, p.steps)
        self.run = run
        box = contour_box(objective, run.points, run.diverged)
        (x0, x1), (y0, y1) = box
        xs = np.linspace(x0, x1, 60)
        ys = np.linspace(y0, y1, 60)
        grid_h = surfaces.height(objective, objective.grid(xs, ys))
        path_h = surfaces.height(objective, run.losses)
        z_top = float(max(np.nanmax(grid_h[np.isfinite(grid_h)]), path_h.max()))
        z_top = z_top if z_top > 0 else 1.0
        scale = surfaces.HEIGHT_SCALE.get(objective.name, "linear")
        self.data = {
            **run.to_json(),
            "heights": path_h.tolist(),
            "height_scale": "f" if scale == "linear" else "log(1 + f - f_min)",
            "plot_box": [list(box[0]), list(box[1])],
        }
        if p.objective == "quadratic":
            self.data["lr_critical"] = objectives.critical_learning_rate(p.hessian)

        axes = ThreeDAxes(
            x_range=(x0, x1, (x1 - x0) / 4),
            y_range=(y0, y1, (y1 - y0) / 4),
            z_range=(0.0, z_top, z_top / 4),
            x_length=6.0,
            y_length=6.0,
            z_length=3.2,
            axis_config={"stroke_color": PALETTE.muted, "stroke_width": 2, "include_tip": False},
        )
        axes.shift(1.2 * IN)  # the surface rises above the axes: centre it in the frame
        freeze_axis_shading(axes)
        self.axes = axes

        def surface_point(u: float, v: float) -> np.ndarray:
            z = float(surfaces.height(objective, objective.value((u, v))))
            return np.asarray(axes.c2p(u, v, min(z, z_top)))

        surface = Surface(
            surface_point,
            u_range=(x0, x1),
            v_range=(y0, y1),
            resolution=(p.resolution, p.resolution),
            fill_opacity=0.75,
            stroke_width=0.4,
            stroke_color=PALETTE.grid_faint,
            checkerboard_colors=[PALETTE.grid, PALETTE.grid],
        )
        surface.set_fill_by_value(
            axes=axes, colorscale=[(PALETTE.grid, 0.0), (PALETTE.accent, z_top)], axis=2
        )
        pts3 = np.array(
            [axes.c2p(x, y, min(h, z_top)) for (x, y), h in zip(run.points, path_h, strict=True)]
        )
        shown = [k for k in range(len(run.points)) if inside(run.points[k], box)]
        self.shown = shown
        path = VMobject(stroke_color=PALETTE.path, stroke_width=4)
        dots = dot_cloud(np.zeros((0, 3)), 0.05, PALETTE.path)
        all_dots = circle_curves(pts3[shown], 0.05)
        before = np.searchsorted(np.array(shown), np.arange(len(run.points) + 1))
        ball = Dot(pts3[0], radius=0.1, color=PALETTE.accent)
        self.dots, self.ball = dots, ball

        def set_path(t: float) -> None:
            whole = min(run.steps, math.floor(t))
            visible = [k for k in shown if k <= whole]
            corners = [pts3[k] for k in visible]
            point = pts3[whole]
            if whole < run.steps and t > whole and (whole + 1) in shown:
                point = point + (t - whole) * (pts3[whole + 1] - point)
                corners.append(point)
            if len(corners) >= 2:
                path.set_points_as_corners(np.array(corners))
            else:
                path.set_points(np.zeros((0, 3)))
            dots.set_points(all_dots[: 16 * int(before[whole + 1])])
            if whole in shown:
                ball.move_to(point)
                ball.set_opacity(1.0)
            else:
                ball.set_opacity(0.0)

        set_path(0.0)

        # -- Fixed texts: the rule and the live readout.
        half_w, half_h = frame_half_width(), frame_half_height()
        rule = MathTex(
            r"v_{k+1} = v_k - \eta\, \nabla f(v_k)", font_size=BODY_SIZE, color=PALETTE.text
        )
        rule.to_corner(np.array([-1.0, 1.0, 0.0]), buff=FRAME_MARGIN + 0.05)
        eta = MathTex(rf"\eta = {sig_tex(p.lr)}", font_size=LABEL_SIZE, color=PALETTE.text)
        eta.next_to(rule, DOWN, buff=0.2, aligned_edge=LEFT)
        height_note = Text(
            "height: f" if scale == "linear" else "height: log(1 + f)",
            font_size=TEXT_SIZE,
            color=PALETTE.muted,
        )
        height_note.next_to(eta, DOWN, buff=0.2, aligned_edge=LEFT)

        readout = StepReadout(run.losses, TEXT_SIZE, PALETTE.text)
        corner = FRAME_MARGIN + 0.05  # the widest loss of the run ends at the margin
        readout.shift(
            [
                half_w - corner - readout.full_width - readout.left_edge(),
                half_h - corner - readout.get_top()[1],
                0,
            ]
        )
        self.readout = readout
        for m in (rule, eta, height_note, readout):
            self.add_fixed_in_frame_mobjects(m)
            m.set_opacity(0.0)

        # -- Beat 1: the landscape.
        self.set_camera_orientation(phi=62 * DEGREES, theta=-55 * DEGREES, zoom=0.95)
        start = f"({format_number(p.start[0])}, {format_number(p.start[1])})"
        self.beat(
            "surface",
            f"The {objective.name} function as a landscape; descent starts at {start}, "
            f"where f = {sig(float(run.losses[0]))}.",
        )
        self.play(Create(axes), run_time=0.8)
        self.play(FadeIn(surface), run_time=1.5)
        self.add(path, dots)
        self.add_fixed_orientation_mobjects(ball)  # a disc that always faces the camera
        self.play(
            rule.animate.set_opacity(1.0),
            eta.animate.set_opacity(1.0),
            height_note.animate.set_opacity(1.0),
            readout.animate.set_opacity(1.0),
            FadeIn(ball),
            run_time=0.8,
        )

        # -- Beat 2: rolling downhill while the camera circles.
        final = float(run.losses[-1])
        if run.diverged:
            caption = (
                f"The steps grow: the run leaves the landscape and diverges after "
                f"{run.steps} steps."
            )
        else:
            end = run.points[-1]
            caption = (
                f"Step by step the point runs downhill to ({sig(float(end[0]))}, "
                f"{sig(float(end[1]))}), where f = {sig(final)}."
            )
        self.beat("descent", caption)
        tracker = ValueTracker(0.0)
        path.add_updater(lambda m: set_path(tracker.get_value()))

        readout.add_updater(lambda m: m.show(min(run.steps, math.floor(tracker.get_value()))))
        self.begin_ambient_camera_rotation(rate=0.25)
        self.play(
            tracker.animate.set_value(float(run.steps)),
            run_time=min(6.0, max(3.0, 0.12 * run.steps)),
            rate_func=linear,
        )
        self.stop_ambient_camera_rotation()
        path.clear_updaters()
        readout.clear_updaters()
        set_path(float(run.steps))
        readout.show(run.steps)

        # -- Beat 3: the view from above.
        word = descent.verdict(run, objective)
        end_pt = run.points[-1]
        verdict_text = (
            word
            if run.diverged
            else f"{word} at ({sig(float(end_pt[0]))}, {sig(float(end_pt[1]))})"
        )
        self.beat(
            "from-above",
            "Seen from above the path is the one on the contour plot: "
            + (
                "it diverged."
                if run.diverged
                else f"it ends at f = {sig(final)} after {run.steps} steps."
            ),
        )
        note = Text(verdict_text, font_size=TEXT_SIZE, color=PALETTE.accent)
        note.next_to(readout, DOWN, buff=0.2, aligned_edge=RIGHT)
        self.add_fixed_in_frame_mobjects(note)
        self.move_camera(phi=0.0, theta=-90 * DEGREES, zoom=0.8, run_time=2.0)
        self.play(FadeIn(note), run_time=0.6)
        self.wait(1.2)
        _ = (half_w, half_h)

    def invariants(self, beat: str) -> list[Invariant]:
        """The path's dots sit at (x_k, y_k, height(f(x_k, y_k))) in the axes' coordinates."""
        if beat not in ("descent", "from-above"):
            return []
        traj = np.array(self.data["trajectory"])
        heights = np.array(self.data["heights"])
        (x0, x1), _ = self.data["plot_box"]
        z_top = self.axes.z_range[1]
        want = np.column_stack([traj, np.minimum(heights, z_top)])[self.shown]
        centres = np.array([self.axes.p2c(c) for c in dot_centres(self.dots)]).reshape(-1, 3)
        return [
            Invariant(
                "path dots on the surface at the trajectory's points",
                centres,
                want.reshape(-1, 3),
                atol=1e-6 * max(1.0, x1 - x0, z_top),
            )
        ]
