"""Gradient descent on a contour plot.

Render it with plain Manim:
``manim -pql scenes/optimization/gradient_descent.py GradientDescent``.
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
    Arrow,
    Create,
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
from scenes.kit.marks import dot_centres
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.plots import (
    LogAxis,
    PlotFrame,
    arrow_in_box,
    contour_group,
    curve_tangent_at,
    level_curve,
    plot_frame,
)
from scenes.kit.readouts import SciStepReadout
from scenes.kit.reveals import LossReveal, PathArt
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
)
from scenes.optimization.common import (
    DOT_RADIUS,
    PANEL_X,
    PLOT_SIZE,
    contour_box,
    exit_mark,
    first_exit,
    placed_plot,
    shown_points,
    still_below,
    verdict_colour,
)
from scenes.optimization.params import GradientDescentParams

#: Screen length of a drawn gradient arrow (its direction is what matters).
ARROW_LENGTH = 0.9

#: Of each step's time on screen, the share the marker spends moving; it rests at the
#: new point for the rest, with the readout already showing that point's loss.
MOVE_SHARE = 0.7

#: Decades a converging run's loss plot may span before its smallest losses are drawn
#: on the floor (and the plot says so).
LOSS_DECADES = 36


def stepped(s: float) -> float:
    """The step shown at animation time ``s``: each step moves during the first
    ``MOVE_SHARE`` of its unit of time and rests at its point for the rest, so the
    readout (which shows ``floor``) changes when the marker arrives."""
    k = math.floor(s)
    return k + min(1.0, (s - k) / MOVE_SHARE)


@dataclass
class DescentPicture:
    """What GradientDescent draws, for its beats, invariants and tests."""

    run: descent.Trajectory
    objective: objectives.Objective
    lr_critical: float | None
    frame: PlotFrame  # the contour plot
    contours: VGroup
    minima: VGroup
    path: PathArt  # the path, its dots and the moving marker
    rule: MathTex
    formula: MathTex
    lr_row: MathTex
    legend: VGroup
    loss_title: MathTex
    loss_frame: PlotFrame
    log_axis: LogAxis
    loss: LossReveal  # the loss plot's line and dots
    readout: SciStepReadout
    gradient_arrow: Arrow
    exit: VGroup  # the mark where the path leaves the plot (empty if it stays in)
    level: VMobject | None = None  # the level set through v0, while shown
    arrow_index: int | None = None  # the iterate the gradient arrow is drawn at
    conclusion: Text | None = None  # the verdict's words
    conclusion_math: VGroup | None = None  # its numbers, in LaTeX


class GradientDescent(MathScene):
    """Gradient descent on a contour plot.

    Each step moves against the gradient, which stands perpendicular to the contour
    lines; the loss falls step by step beside it, or the path flies off and the run
    is marked as diverged when the learning rate is too large.
    """

    params_type = GradientDescentParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.tracker = ValueTracker(0.0)
        self.landscape()
        self.gradient()
        self.descent()
        self.result()

    # -- the beats -------------------------------------------------------------------

    def landscape(self) -> None:
        """The viewer sees the level sets of f and where descent starts."""
        pic, p = self.picture, self.params
        f0 = float(pic.run.losses[0])
        start_text = f"({format_number(p.start[0])}, {format_number(p.start[1])})"
        self.beat(
            "landscape",
            f"The contour lines are level sets of f; gradient descent starts at {start_text}, "
            f"where f = {sig(f0)}.",
        )
        self.add(pic.frame.group)
        self.play(Create(pic.contours, lag_ratio=0.1), FadeIn(pic.minima), run_time=1.6)
        self.play(
            FadeIn(pic.path.marker),
            Write(pic.rule),
            FadeIn(pic.formula),
            FadeIn(pic.lr_row),
            run_time=1.0,
        )

    def gradient(self) -> None:
        """The gradient stands perpendicular to the level set and points uphill; the
        first step goes the other way."""
        pic, run = self.picture, self.picture.run
        v0_inside = inside(run.points[0], pic.frame.box)
        f0 = float(run.losses[0])
        pic.level = level_curve(pic.frame, pic.objective, f0, PALETTE.accent) if v0_inside else None
        end0 = arrow_in_box(pic.frame, run.points[0], run.gradients[0], ARROW_LENGTH)
        self.beat("gradient", self._gradient_caption())
        self.play(
            FadeIn(pic.legend), FadeIn(pic.loss_title), FadeIn(pic.loss_frame.group), run_time=0.6
        )
        self.add(pic.loss.line, pic.loss.dots)
        if pic.level is not None:
            self.play(Create(pic.level), run_time=0.8)
        self.place_arrow(0)
        if v0_inside and end0 is not None:
            self.play(GrowArrow(pic.gradient_arrow), run_time=0.7)
        self.add(*pic.readout.still_parts(), *pic.readout.live_parts())
        if run.steps >= 1:
            self.add(pic.path.path, pic.path.dots)

            # Each moving piece has its own updater, so Manim redraws it every frame.
            def t() -> float:
                return stepped(self.tracker.get_value())

            pic.path.path.add_updater(lambda m: pic.path.set_path(t()))
            pic.loss.line.add_updater(lambda m: pic.loss.set(t()))
            pic.path.marker.add_updater(lambda m: pic.path.set_marker(t()))
            with self.still_panel():
                self.play(self.tracker.animate.set_value(1.0), run_time=1.0, rate_func=linear)
            pic.readout.show(1)
            self.wait(0.4)

    def descent(self) -> None:
        """The rest of the run: the path, the loss and the readout move together."""
        pic, run = self.picture, self.picture.run
        self.beat("descent", self._descent_caption())
        if pic.level is not None:
            self.remove(pic.level)
        if run.steps > 1:
            pic.gradient_arrow.add_updater(
                lambda m: self.place_arrow(self._index(stepped(self.tracker.get_value())))
            )
            pic.readout.mantissa.add_updater(
                lambda m: pic.readout.show(self._index(stepped(self.tracker.get_value())))
            )
            sweep = min(8.0, max(2.5, 0.25 * (run.steps - 1)))
            with self.still_panel():
                self.play(
                    self.tracker.animate.set_value(float(run.steps)),
                    run_time=sweep,
                    rate_func=linear,
                )
        moving = (pic.path.path, pic.loss.line, pic.path.marker, pic.gradient_arrow)
        for m in (*moving, pic.readout.mantissa):
            m.clear_updaters()
        self.show_run(float(run.steps))
        self.place_arrow(run.steps)
        pic.readout.show(run.steps)
        if len(pic.exit.submobjects):
            self.play(FadeIn(pic.exit), run_time=0.4)
        self.wait(0.3)

    def result(self) -> None:
        """What happened, and why."""
        pic, p = self.picture, self.params
        verdict, maths, sentence = self._verdict(pic.run, p.lr, pic.lr_critical, pic.objective)
        colour = verdict_colour(descent.verdict(pic.run, pic.objective))
        if p.lr == 0 or pic.run.steps == 0:
            colour = PALETTE.muted
        conclusion = Text(verdict, font_size=TEXT_SIZE, color=colour)
        conclusion.next_to(pic.readout, DOWN, buff=0.25)
        conclusion.align_to(np.array([PANEL_X, 0.0, 0.0]), LEFT)
        math_rows = VGroup(*(MathTex(m, font_size=LABEL_SIZE, color=colour) for m in maths))
        if len(math_rows):
            first, rest = math_rows[0], math_rows[1:]
            beside = conclusion.get_right()[0] + 0.2 + first.width
            if beside <= frame_half_width() - FRAME_MARGIN - 0.05:
                first.next_to(conclusion, RIGHT, buff=0.2)
                under: VMobject = conclusion
            else:
                first.next_to(conclusion, DOWN, buff=0.14, aligned_edge=LEFT)
                under = first
            for row in rest:
                row.next_to(under, DOWN, buff=0.14)
                row.align_to(conclusion, LEFT)
                under = row
        pic.conclusion, pic.conclusion_math = conclusion, math_rows
        self.beat("result", sentence)
        fade = [FadeOut(pic.gradient_arrow)] if pic.arrow_index is not None else []
        self.play(FadeIn(VGroup(conclusion, math_rows), shift=0.1 * LEFT), *fade, run_time=0.8)
        pic.arrow_index = None
        self.wait(1.6)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> DescentPicture:
        """The run, the contour plot with its path, and the panel (nothing shown yet)."""
        p: GradientDescentParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        run = descent.trajectory(objective, optimizers.gradient_descent(p.lr), p.start, p.steps)
        lr_critical = (
            objectives.critical_learning_rate(p.hessian) if p.objective == "quadratic" else None
        )
        frame = self._contour_frame(objective, run)
        contours, levels = contour_group(frame, objective)
        self._record(run, objective, lr_critical, frame, levels)
        minima = VGroup(
            *(
                Star(5, outer_radius=0.11, color=PALETTE.text, fill_opacity=1.0).move_to(
                    frame.c2p(np.array(m))[0]
                )
                for m in objective.minimizers
                if inside(m, frame.box)
            )
        )
        path = PathArt(
            frame,
            shown_points(run.points, frame.box),
            PALETTE.path,
            DOT_RADIUS,
            marker_radius=0.09,
            marker_color=PALETTE.accent,
        )
        if np.ptp(run.points, axis=0).max() == 0:  # the point never moves: no line to draw
            path.path.set_stroke(opacity=0.0)
        start = frame.c2p(run.points[:1])[0]
        gradient_arrow = Arrow(
            start,
            start + RIGHT,
            buff=0,
            color=PALETTE.gradient,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.3,
            max_stroke_width_to_length_ratio=100,
        )
        rule, formula, lr_row, legend = self._panel_rows(objective, lr_critical)
        log_axis = LogAxis.for_losses(run.losses, run.diverged, log_decades=LOSS_DECADES)
        loss_title = MathTex(
            self._loss_title_tex(run.losses, log_axis), font_size=TICK_SIZE, color=PALETTE.muted
        )
        loss_frame = self._loss_frame(rule, formula, lr_row, legend, loss_title, log_axis)
        loss = LossReveal(
            loss_frame, run.losses, log_axis, PALETTE.path, line_width=4.0, dot_radius=0.04
        )
        readout = SciStepReadout(run.losses, TICK_SIZE, PALETTE.text)
        readout_y = loss_frame.border.get_bottom()[1] - 0.62
        readout.shift([PANEL_X - readout.left_edge(), readout_y - readout.get_center()[1], 0])
        return DescentPicture(
            run, objective, lr_critical, frame, contours, minima, path, rule, formula, lr_row,
            legend, loss_title, loss_frame, log_axis, loss, readout, gradient_arrow,
            exit_mark(frame, run.points, PALETTE.rejected),
        )  # fmt: skip

    def _record(
        self,
        run: descent.Trajectory,
        objective: objectives.Objective,
        lr_critical: float | None,
        frame: PlotFrame,
        levels: np.ndarray,
    ) -> None:
        """The sidecar: the run, the plot region and the levels drawn."""
        self.data = run.to_json()
        if lr_critical is not None:
            self.data["lr_critical"] = lr_critical
        self.data["gradients"] = run.gradients.tolist()
        self.data["steps_taken"] = run.steps
        self.data["verdict"] = descent.verdict(run, objective)
        box = frame.box
        self.data["plot_box"] = [list(box[0]), list(box[1])]
        self.data["contour_levels"] = levels.tolist()
        # Points drawn: those inside the plot up to the first that leaves it.
        leaves = first_exit(run.points, box)
        last = len(run.points) if leaves is None else leaves
        self.data["drawn_points"] = [k for k in range(last) if inside(run.points[k], box)]
        self.data["leaves_plot_at"] = leaves

    @staticmethod
    def _contour_frame(objective: objectives.Objective, run: descent.Trajectory) -> PlotFrame:
        """The contour plot, framed to hold the path (not a diverging tail)."""
        box = contour_box(objective, run.points, run.diverged)
        return placed_plot(box, PLOT_SIZE, PANEL_X - 0.1, 0.25)

    def _panel_rows(
        self, objective: objectives.Objective, lr_critical: float | None
    ) -> tuple[MathTex, MathTex, MathTex, VGroup]:
        """The rule, the objective, the learning rate and the legend."""
        p: GradientDescentParams = self.params
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
        if formula.width > self._panel_width():
            formula.scale_to_fit_width(self._panel_width())
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
                stroke_width=6,
                max_tip_length_to_length_ratio=0.4,
                max_stroke_width_to_length_ratio=100,
            ),
            MathTex(r"\nabla f \text{ (uphill)}", font_size=TICK_SIZE, color=PALETTE.gradient),
            Line([0, 0, 0], [0.55, 0, 0], color=PALETTE.path, stroke_width=4),
            MathTex(r"\text{step } {-\eta}\nabla f", font_size=TICK_SIZE, color=PALETTE.path),
        ).arrange(RIGHT, buff=0.15)
        legend[2].shift(0.25 * RIGHT)
        legend[3].shift(0.25 * RIGHT)
        return rule, formula, lr_row, legend

    @staticmethod
    def _panel_width() -> float:
        return frame_half_width() - FRAME_MARGIN - PANEL_X

    def _loss_frame(
        self,
        rule: MathTex,
        formula: MathTex,
        lr_row: MathTex,
        legend: VGroup,
        loss_title: MathTex,
        log_axis: LogAxis,
    ) -> PlotFrame:
        """Stacks the panel's rows and builds the loss plot under them."""
        loss_w, loss_h = self._panel_width() - 0.95 - 0.3, 1.6
        # Room for the loss plot in the stack; the frame is built there once laid out.
        placeholder = VMobject().set_points_as_corners(
            [[0, 0, 0], [loss_w + 0.95, 0, 0], [loss_w + 0.95, -(loss_h + 0.45), 0]]
        )
        stack(
            [rule, formula, lr_row, legend, loss_title, placeholder],
            top=frame_half_height() - FRAME_MARGIN_Y - 0.05,
            left=PANEL_X,
            gap=0.2,
        )
        loss_centre = (PANEL_X + 0.95 + loss_w / 2, placeholder.get_top()[1] - loss_h / 2)
        y_values, y_text = log_axis.ticks()
        steps_axis = max(1, self.params.steps)
        return plot_frame(
            ((0.0, float(steps_axis)), (float(log_axis.low), float(log_axis.high))),
            loss_w,
            loss_h,
            loss_centre,
            x_ticks=4,
            y_values=y_values,
            y_tick_text=y_text,
        )

    # -- helpers ---------------------------------------------------------------------

    @staticmethod
    def _loss_title_tex(losses: np.ndarray, axis: LogAxis) -> str:
        """The loss plot's title; it says so when the smallest losses lie below the
        axis and are drawn on its floor."""
        title = r"\text{loss } f(v_k) \text{, log scale}"
        if np.any(np.asarray(losses) < 10.0**axis.low):
            title += rf"\text{{; }} {{<}}\,10^{{{axis.low}}} \text{{ on the floor}}"
        return title

    def still_panel(self):  # type: ignore[no-untyped-def]
        """While the path moves, the panel's unchanging rows are drawn below the marker:
        they never overlap the plot, so they stay in the still background instead of
        being redrawn with the moving path on every frame."""
        pic = self.picture
        panel = [pic.rule, pic.formula, pic.lr_row, pic.legend, pic.loss_title]
        panel += [pic.loss_frame.border, *pic.readout.still_parts()]
        return still_below(self, panel, pic.path.marker)

    def show_run(self, t: float) -> None:
        """The path, its marker and the loss plot at step ``t``."""
        self.picture.path.set(t)
        self.picture.loss.set(t)

    def place_arrow(self, k: int) -> None:
        """The gradient arrow at iterate ``k`` (hidden when it has no room)."""
        pic, run = self.picture, self.picture.run
        if k == pic.arrow_index:  # already drawn there (the descent's updater asks every
            return  # frame; rebuilding an arrow's tip took a third of each frame)
        end = arrow_in_box(pic.frame, run.points[k], run.gradients[k], ARROW_LENGTH)
        leaves = self.data.get("leaves_plot_at")
        gone = leaves is not None and k >= leaves
        if end is None or gone or not inside(run.points[k], pic.frame.box):
            pic.gradient_arrow.set_opacity(0.0)
            pic.arrow_index = None
            return
        start = pic.frame.c2p(run.points[k : k + 1])[0]
        pic.gradient_arrow.put_start_and_end_on(start, pic.frame.c2p(end)[0])
        pic.gradient_arrow.set_opacity(1.0)
        pic.arrow_index = k

    def _index(self, t: float) -> int:
        return min(self.picture.run.steps, math.floor(t + 1e-9))

    def _gradient_caption(self) -> str:
        run, lr = self.picture.run, self.params.lr
        g0 = run.gradients[0]
        if run.steps >= 1:
            x1 = run.points[1]
            step_text = f"v1 = v0 − {sig(lr)} ∇f(v0) = ({sig(float(x1[0]))}, {sig(float(x1[1]))})"
        else:
            step_text = "no step is taken (steps = 0)"
        g_text = f"({sig(float(g0[0]))}, {sig(float(g0[1]))})"
        return (
            f"The gradient ∇f(v0) = {g_text} is perpendicular to the level set through v0 "
            f"and points uphill; the step goes the other way: {step_text}."
        )

    def _descent_caption(self) -> str:
        run = self.picture.run
        f0, final = float(run.losses[0]), float(run.losses[-1])
        if run.diverged:
            return (
                f"The steps grow instead of shrinking: after {run.steps} steps |v| passes "
                f"10^6 and the run has diverged (f = {sig(final)})."
            )
        if run.steps == 0:
            return "With steps = 0 the point stays at the start."
        return f"After {run.steps} steps f has gone from {sig(f0)} to {sig(final)}."

    @staticmethod
    def _verdict(
        run: descent.Trajectory,
        lr: float,
        lr_critical: float | None,
        objective: objectives.Objective,
    ) -> tuple[str, list[str], str]:
        """The panel's words, its formulas (LaTeX rows) and the caption's sentence."""
        eta = sig(lr)
        word = descent.verdict(run, objective)
        why_tex = (
            [rf"\eta = {sig_tex(lr)} > 2/\lambda_{{\max}} = {sig_tex(lr_critical)}"]
            if lr_critical is not None
            else []
        )
        if word == "diverged":
            plural = "" if run.steps == 1 else "s"
            return (
                f"diverged after {run.steps} step{plural}",
                why_tex,
                f"The run diverged: with η = {eta} every step overshoots"
                + (f", because η is above 2/λmax = {sig(lr_critical)}." if why_tex else "."),
            )
        if word == "diverging":
            return (
                "diverging",
                [rf"f(v_{{{run.steps}}}) = {sig_tex(float(run.losses[-1]))}", *why_tex],
                f"The run is diverging: with η = {eta} f grows from {sig(float(run.losses[0]))} "
                f"to {sig(float(run.losses[-1]))}"
                + (f", because η is above 2/λmax = {sig(lr_critical)}." if why_tex else "."),
            )
        end = run.points[-1]
        where = f"({sig(float(end[0]))}, {sig(float(end[1]))})"
        where_tex = rf"({sig_tex(float(end[0]))},\ {sig_tex(float(end[1]))})"
        nearest, _ = objective.nearest_minimizer(end)
        minimum = f"({sig(nearest[0])}, {sig(nearest[1])})"
        minimum_tex = rf"({sig_tex(nearest[0])},\ {sig_tex(nearest[1])})"
        if lr == 0:
            return (
                "the point never moves",
                [r"\eta = 0"],
                "With η = 0 no step moves the point.",
            )
        if run.steps == 0:
            return "no steps taken", [], "No steps were taken."
        if word == "converged":
            sentence = f"Gradient descent with η = {eta} converged to the minimum {minimum}"
            if lr_critical is not None:
                sentence += f"; η is below 2/λmax = {sig(lr_critical)}."
            else:
                sentence += "."
            return "converged to the minimum", [minimum_tex], sentence
        return (
            "still descending at",
            [where_tex],
            f"After {run.steps} steps with η = {eta} the point is at {where}, "
            "not yet at a minimum: more steps or a larger η would help.",
        )

    def invariants(self, beat: str) -> list[Invariant]:
        """Path dots at the trajectory's points, loss dots at the losses, the gradient
        arrow at its iterate along the gradient and perpendicular to the level set."""
        checks: list[Invariant] = []
        pic = self.picture
        frame = pic.frame
        traj = np.array(self.data["trajectory"])
        if beat == "gradient" and pic.arrow_index == 0:
            arrow = pic.gradient_arrow
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
            if pic.level is not None and len(pic.level.points):
                distance, tangent = curve_tangent_at(frame, pic.level, base)
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
            centres = np.array([frame.p2c(c) for c in dot_centres(pic.path.dots)])
            expected = traj[self.data["drawn_points"]]
            checks.append(
                Invariant(
                    "path dots sit at the trajectory's points",
                    centres.reshape(-1, 2),
                    expected.reshape(-1, 2),
                    atol=1e-6 * _span(frame),
                )
            )
            loss_centres = np.array([pic.loss_frame.p2c(c) for c in dot_centres(pic.loss.dots)])
            losses = self.data["losses"]
            want = np.column_stack(
                [np.arange(len(losses)), [pic.log_axis.position(x) for x in losses]]
            )
            checks.append(
                Invariant("loss plot points equal the losses", loss_centres, want, atol=1e-6)
            )
            last = len(traj) - 1
            marker = pic.path.marker
            if marker.get_fill_opacity() > 0:
                checks.append(
                    Invariant(
                        "marker at the last point",
                        frame.p2c(marker.get_center()),
                        traj[last],
                        atol=1e-6 * _span(frame),
                    )
                )
        return checks


def _span(frame: PlotFrame) -> float:
    (x0, x1), _ = frame.box
    return x1 - x0
