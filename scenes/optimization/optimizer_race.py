"""Six optimizers race on one surface.

Render it with plain Manim: ``manim -pql scenes/optimization/optimizer_race.py OptimizerRace``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    PI,
    Circle,
    Create,
    FadeIn,
    Line,
    MathTex,
    RegularPolygon,
    Square,
    Star,
    Text,
    Triangle,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/optimization/optimizer_race.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import descent, objectives, optimizers
from mlmath_viz.contours import Box, inside
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.plots import LogAxis, PlotFrame, contour_group, plot_frame
from scenes.kit.reveals import LossReveal, PathArt
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
from scenes.optimization.common import (
    PANEL_X,
    shared_box,
)
from scenes.optimization.params import (
    OptimizerRaceParams,
)

#: The contour plot's side and the panel's left edge (a smaller plot than the other
#: optimization scenes': the legend has four columns).
RACE_PLOT_SIZE = 6.3
RACE_PANEL_X = PANEL_X - 0.3

#: Size of the end marker of each path (the step marks are 0.7 of it).
SHAPE_SIZE = 0.2

#: How many marks, evenly spaced in steps, each path carries besides its end marker.
STEP_MARKS = 6


def shape(k: int, colour: str, size: float = SHAPE_SIZE) -> VMobject:
    """Optimizer ``k``'s marker: circle, square, triangle, diamond, star, hexagon, so
    that paths in one band can be told apart by shape as well as colour."""
    makers = [
        lambda: Circle(radius=0.5),
        lambda: Square(side_length=0.85),
        lambda: Triangle().scale(0.62),
        lambda: Square(side_length=0.75).rotate(PI / 4),
        lambda: Star(5, outer_radius=0.6),
        lambda: RegularPolygon(6).scale(0.55),
    ]
    mob = makers[k % len(makers)]()
    mob.set_fill(colour, opacity=1.0).set_stroke(PALETTE.background, width=1.5)
    return mob.scale(size)


@dataclass
class RacePicture:
    """What OptimizerRace draws, for its beats, invariants and tests."""

    objective: objectives.Objective
    names: list[str]  # the optimizers, in legend order
    runs: dict[str, descent.Trajectory]
    frame: PlotFrame  # the contour plot
    contours: VGroup
    minima: VGroup
    arts: dict[str, PathArt]  # each run's path, dots and marker
    rows: VGroup  # the legend
    finals: dict[str, VMobject]  # each row's final loss
    loss_title: MathTex
    loss_frame: PlotFrame
    log_axis: LogAxis
    loss_reveals: dict[str, LossReveal]
    marks: dict[str, list[tuple[int, VMobject]]]  # each path's step marks, by step
    headers: VGroup  # the legend's column heads

    def set_marks(self, t: float) -> None:
        """The step marks of the steps taken by ``t``."""
        for marks in self.marks.values():
            for k, mob in marks:
                mob.set_opacity(1.0 if k <= t else 0.0)

    def set_losses(self, t: float) -> None:
        """Every loss line up to step ``t``."""
        for reveal in self.loss_reveals.values():
            reveal.set(t)


class OptimizerRace(MathScene):
    """Six optimizers race on one surface.

    Gradient descent, momentum, Nesterov, AdaGrad, RMSProp and Adam start together on
    the same function, each path in its own colour, with their losses on one log-scale
    plot.
    """

    params_type = OptimizerRaceParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.start()
        self.race()
        self.results()

    # -- the beats -------------------------------------------------------------------

    def start(self) -> None:
        """Six optimizers, one surface, one start."""
        pic, p = self.picture, self.params
        start = f"({format_number(p.start[0])}, {format_number(p.start[1])})"
        self.beat(
            "setup",
            f"Six optimizers start together at {start} on the {pic.objective.name} function, "
            "each with its own learning rate.",
        )
        self.add(pic.frame.group)
        self.play(Create(pic.contours, lag_ratio=0.1), FadeIn(pic.minima), run_time=1.5)
        self.play(
            *(FadeIn(VGroup(*row[:3])) for row in pic.rows),
            FadeIn(pic.headers[0]),
            FadeIn(pic.loss_title),
            FadeIn(pic.loss_frame.group),
            *(FadeIn(pic.arts[name].marker) for name in pic.names),
            run_time=1.0,
        )

    def race(self) -> None:
        """They run together: the paths and their losses show who gets lowest."""
        pic, p = self.picture, self.params
        arts, loss_reveals = pic.arts, pic.loss_reveals
        self.beat("race", self._race_caption(pic.runs))
        for name in pic.names:
            self.add(arts[name].path, arts[name].dots, loss_reveals[name].line)
        for name in pic.names:
            self.add(*(mob for _, mob in pic.marks[name]))
        pic.set_marks(0.0)
        for name in pic.names:
            self.add(arts[name].marker)
        tracker = ValueTracker(0.0)
        for art in arts.values():
            art.path.add_updater(lambda m, art=art: art.set(tracker.get_value()))
        driver = loss_reveals[pic.names[0]].line
        driver.add_updater(lambda m: pic.set_losses(tracker.get_value()))
        driver.add_updater(lambda m: pic.set_marks(tracker.get_value()))
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
        pic.set_losses(float(p.steps))
        pic.set_marks(float(p.steps))

    def results(self) -> None:
        """Each optimizer's final loss."""
        pic = self.picture
        self.beat("results", self._result_caption(pic.runs))
        self.play(*(FadeIn(row[3]) for row in pic.rows), FadeIn(pic.headers[1]), run_time=0.8)
        self.wait(2.0)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> RacePicture:
        """The runs, the contour plot with their paths, the legend and the loss plot."""
        p: OptimizerRaceParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        rates = p.learning_rates()
        names = list(rates)
        runs = {
            name: descent.trajectory(objective, optimizers.by_name(name, lr), p.start, p.steps)
            for name, lr in rates.items()
        }
        self.data = {name: {**runs[name].to_json(), "lr": rates[name]} for name in names}
        self.data["order"] = names
        colours = dict(zip(names, PALETTE.series, strict=True))

        half_w = frame_half_width()
        # Frame the paths themselves (and the minimizer), not the whole default view.
        all_runs = list(runs.values())
        tight = shared_box(objective, all_runs, _bounds(objective.minimizers[:1]))
        box = tight
        # Long final losses (3.37 x 10^-7) widen the legend: the plot gives way.
        self.panel_x = RACE_PANEL_X
        rows, _, headers = self._legend(names, rates, runs, colours, p.steps, self.panel_x)
        right = max(VGroup(rows, headers).get_right()[0], 0.0)
        shortfall = max(0.0, right - (half_w - FRAME_MARGIN - 0.04))
        self.panel_x = RACE_PANEL_X - shortfall
        size = RACE_PLOT_SIZE - shortfall
        centre = (-half_w + FRAME_MARGIN + 0.65 + size / 2, 0.2)
        frame = plot_frame(box, size, size, centre)
        contours, _ = contour_group(frame, objective, count=12)
        minima = VGroup(
            *(
                Star(5, outer_radius=0.11, color=PALETTE.text, fill_opacity=1.0).move_to(
                    frame.c2p(np.array(m))[0]
                )
                for m in objective.minimizers
                if inside(m, box)
            )
        )
        arts = {
            name: PathArt(frame, runs[name].points, colours[name], radius=0.03) for name in names
        }
        marks: dict[str, list[tuple[int, VMobject]]] = {}
        every = max(1, p.steps // STEP_MARKS)
        for i, (name, art) in enumerate(arts.items()):
            art.path.set_stroke(width=3.5)
            if np.ptp(runs[name].points, axis=0).max() == 0:  # never moves: no line to draw
                art.path.set_stroke(opacity=0.0)
            end = shape(i, colours[name])
            end.move_to(art.marker.get_center())
            art.marker = end
            art.set(0.0)
            marks[name] = [
                (k, shape(i, colours[name], 0.7 * SHAPE_SIZE).move_to(frame.c2p(pt[None, :])[0]))
                for k in range(every, runs[name].steps, every)
                for pt in [runs[name].points[k]]
                if inside(pt, box)
            ]

        rows, finals, headers = self._legend(names, rates, runs, colours, p.steps, self.panel_x)
        loss_title, loss_frame, log_axis = self._loss_plot(all_runs, rows)
        loss_reveals = {
            name: LossReveal(loss_frame, runs[name].losses, log_axis, colours[name], line_width=4.0)
            for name in names
        }
        return RacePicture(
            objective, names, runs, frame, contours, minima, arts, rows, finals,
            loss_title, loss_frame, log_axis, loss_reveals, marks, headers,
        )  # fmt: skip

    @staticmethod
    def _legend(
        names: list[str],
        rates: dict[str, float],
        runs: dict[str, descent.Trajectory],
        colours: dict[str, str],
        steps: int,
        panel_x: float,
    ) -> tuple[VGroup, dict[str, VMobject], VGroup]:
        """One row per optimizer: its marker on a swatch, name, learning rate and (later)
        final loss, under two column heads (eta, and the final loss)."""
        half_h = frame_half_height()
        rows = VGroup()
        finals: dict[str, VMobject] = {}
        for i, name in enumerate(names):
            line = Line([0, 0, 0], [0.4, 0, 0], color=colours[name], stroke_width=4)
            swatch = VGroup(line, shape(i, colours[name]).move_to(line.get_center()))
            label = Text(optimizers.LABELS[name], font_size=TEXT_SIZE, color=colours[name])
            eta = MathTex(sig_tex(rates[name]), font_size=LABEL_SIZE, color=PALETTE.muted)
            run = runs[name]
            if run.diverged:
                result: VMobject = Text("diverged", font_size=TEXT_SIZE, color=colours[name])
            else:
                result = MathTex(
                    sig_tex(float(run.losses[-1])), font_size=LABEL_SIZE, color=colours[name]
                )
            finals[name] = result
            rows.add(VGroup(swatch, label, eta, result))
        headers = VGroup(
            MathTex(r"\eta", font_size=TICK_SIZE, color=PALETTE.muted),
            MathTex(rf"f(v_{{{steps}}})", font_size=LABEL_SIZE, color=PALETTE.muted),
        )
        label_w = max(row[1].width for row in rows)
        eta_w = max(max(row[2].width for row in rows), headers[0].width)
        legend_x = panel_x - 0.05
        eta_left = legend_x + 0.6 + label_w + 0.2
        result_left = eta_left + eta_w + 0.3
        top = half_h - FRAME_MARGIN_Y - 0.05
        headers[0].move_to([eta_left + headers[0].width / 2, top - 0.18, 0])
        headers[1].move_to([result_left + headers[1].width / 2, top - 0.18, 0])
        for k, row in enumerate(rows):
            swatch, label, eta, result = row
            y = top - 0.62 - 0.42 * k
            swatch.move_to([legend_x + 0.2, y, 0])
            label.move_to([legend_x + 0.6 + label.width / 2, y, 0])
            eta.move_to([eta_left + eta.width / 2, y, 0])
            result.move_to([result_left + result.width / 2, y, 0])
        return rows, finals, headers

    def _loss_plot(
        self, all_runs: list[descent.Trajectory], rows: VGroup
    ) -> tuple[MathTex, PlotFrame, LogAxis]:
        """The shared log-scale loss plot under the legend."""
        p: OptimizerRaceParams = self.params
        panel_w = frame_half_width() - FRAME_MARGIN - self.panel_x
        losses = np.concatenate([r.losses for r in all_runs])
        log_axis = LogAxis.for_losses(losses, any(r.diverged for r in all_runs))
        y_values, y_text = log_axis.ticks()
        loss_w, loss_h = panel_w - 0.95 - 0.35, 2.1
        loss_title = MathTex(
            r"\text{loss } f(v_k) \text{, log scale}", font_size=TICK_SIZE, color=PALETTE.muted
        )
        loss_title.move_to([self.panel_x + loss_title.width / 2, rows.get_bottom()[1] - 0.35, 0])
        loss_frame = plot_frame(
            ((0.0, float(max(1, p.steps))), (float(log_axis.low), float(log_axis.high))),
            loss_w,
            loss_h,
            (self.panel_x + 0.95 + loss_w / 2, loss_title.get_bottom()[1] - 0.2 - loss_h / 2),
            x_ticks=4,
            y_values=y_values,
            y_tick_text=y_text,
        )
        return loss_title, loss_frame, log_axis

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
            checks += self.picture.arts[name].invariants(name, traj)
            line = self.picture.loss_reveals[name].line
            losses = self.data[name]["losses"]
            want = np.column_stack(
                [np.arange(len(losses)), [self.picture.log_axis.position(x) for x in losses]]
            )
            pts = np.asarray(line.points)
            if len(losses) > 1:
                vertices = np.vstack([pts[0::4], pts[-1:]])
                drawn = np.array([self.picture.loss_frame.p2c(v) for v in vertices])
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
