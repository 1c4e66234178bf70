"""Gradient descent on a contour plot.

Render it with plain Manim:
``manim -pql scenes/optimization/gradient_descent.py GradientDescent``.
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
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MathTex,
    Star,
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
):  # run as a file by plain `manim scenes/optimization/gradient_descent.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import descent, objectives, optimizers
from mlmath_viz.contours import inside
from scenes.kit.builders import stack
from scenes.kit.marks import circle_curves, dot_centres, dot_cloud, line_curves
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.plots import (
    LogAxis,
    PlotFrame,
    arrow_in_box,
    clip_segment,
    contour_group,
    curve_tangent_at,
    level_curve,
    plot_frame,
)
from scenes.kit.readouts import StepReadout
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
from scenes.optimization.common import DOT_RADIUS, PANEL_X, PLOT_SIZE, contour_box
from scenes.optimization.params import GradientDescentParams

#: Screen length of a drawn gradient arrow (its direction is what matters).
ARROW_LENGTH = 0.9


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
                    frame.c2p(np.array(m))[0]
                )
                for m in objective.minimizers
                if inside(m, box)
            )
        )

        # -- The drawn path: segments clipped to the plot, dots at the points inside.
        pts = run.points
        scene_pts = frame.c2p(pts)
        shown = [k for k in range(len(pts)) if inside(pts[k], box)]
        self.shown = shown
        self.data["drawn_points"] = shown

        def segment(k: int, fraction: float = 1.0) -> np.ndarray | None:
            a, b = pts[k], pts[k] + fraction * (pts[k + 1] - pts[k])
            clipped = clip_segment(a, b, box)
            if clipped is None:
                return None
            ends = frame.c2p(np.array(clipped))
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
        loss_pts = loss_frame.c2p(
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
            gradient_arrow.put_start_and_end_on(scene_pts[k], frame.c2p(end)[0])
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
            marker.move_to(self.frame.c2p(point)[0])
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
        word = descent.verdict(run, objective)
        if word == "diverged":
            why = ""
            if lr_critical is not None:
                why = f"η = {eta} > 2/λmax = {sig(lr_critical)}"
            plural = "" if run.steps == 1 else "s"
            return (
                f"diverged after {run.steps} step{plural}" + (f"\n{why}" if why else ""),
                f"The run diverged: with η = {eta} every step overshoots"
                + (f", because η is above 2/λmax = {sig(lr_critical)}." if why else "."),
            )
        if word == "diverging":
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
            base = frame.p2c(arrow.get_start())
            tip = frame.p2c(arrow.get_end())
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
            centres = np.array([frame.p2c(c) for c in dot_centres(self.dots)])
            expected = traj[self.data["drawn_points"]]
            checks.append(
                Invariant(
                    "path dots sit at the trajectory's points",
                    centres.reshape(-1, 2),
                    expected.reshape(-1, 2),
                    atol=1e-6 * _span(frame),
                )
            )
            loss_centres = np.array([self.loss_frame.p2c(c) for c in dot_centres(self.loss_dots)])
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
                        frame.p2c(self.marker.get_center()),
                        traj[last],
                        atol=1e-6 * _span(frame),
                    )
                )
        return checks


def _span(frame: PlotFrame) -> float:
    (x0, x1), _ = frame.box
    return x1 - x0
