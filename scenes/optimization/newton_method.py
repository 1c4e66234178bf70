"""Newton's method beside gradient descent, from the same start.

Render it with plain Manim:
``manim -pql scenes/optimization/newton_method.py NewtonMethod``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    MathTex,
    Mobject,
    Star,
    Text,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/optimization/newton_method.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import descent, optimizers
from mlmath_viz import newton as nw
from mlmath_viz.contours import inside
from mlmath_viz.objectives import Objective
from scenes.kit.coords import Box
from scenes.kit.numbers import (
    STEPS_1_2_25_5,
    caption_text,
    format_number,
    nice_ticks,
    sig,
    sig_tex,
)
from scenes.kit.plots import (
    PlotFrame,
    contour_group,
    curve_tangent_at,
    fit_box,
    level_curve,
    plot_frame,
)
from scenes.kit.readouts import SciStepReadout
from scenes.kit.reveals import PathArt
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    TEXT_SIZE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
)
from scenes.optimization.common import DOT_RADIUS, exit_mark, shown_points, still_below
from scenes.optimization.params import NewtonMethodParams

#: Screen side of each of the two square contour plots, the room between them (beyond
#: the right plot's tick labels) and the height of their centres.
PANEL_SIZE = 4.3
PANEL_GAP = 1.1

#: The plots shrink no further than this to make room for long readouts.
MIN_PANEL = 2.5

#: Height kept under the plots for their tick labels, the readouts and the verdicts.
BELOW_PLOTS = 1.5

#: Newton steps drawn one by one with their quadratic model; later ones (tiny by then)
#: are drawn together.
MODEL_STEPS = 6

#: Levels of each quadratic model drawn (twice as many for a saddle model).
MODEL_LEVELS = 3

#: The plot follows the runs while they stay within this many views of the view's centre
#: (Newton's jump from a nearly singular Hessian lands far away and is cut at the edge).
REACH_VIEWS = 1.25

#: Where the caption and the panel call a point of each kind.
KIND_WORDS = {"minimum": "minimum", "saddle": "saddle point", "maximum": "maximum"}

#: What the quadratic model is, by the signs of its Hessian's eigenvalues.
MODEL_WORDS = {"minimum": "bowl", "saddle": "saddle", "maximum": "hill", "singular": "flat"}


def model_colour() -> str:
    """The local quadratic models' level sets and centres."""
    return PALETTE.series[2]


def sign_colour(x: float) -> str:
    """An eigenvalue by its sign (:func:`mlmath_viz.newton.curvature_signs`): positive
    (curving up) and negative (down) are the colour-blind-safe accepted/rejected pair;
    zero is muted."""
    if x > 0:
        return PALETTE.accepted
    if x < 0:
        return PALETTE.rejected
    return PALETTE.muted


def kind_colour(kind: str) -> str:
    """A final verdict: a minimum in the positive colour, a saddle or maximum in the
    negative one (Newton's method stopped somewhere that is not a minimum), none muted."""
    if kind == "minimum":
        return PALETTE.accepted
    if kind in ("saddle", "maximum"):
        return PALETTE.rejected
    return PALETTE.muted


def safe_right() -> float:
    """x of the right edge of the safe area (with a few hundredths to spare)."""
    return frame_half_width() - FRAME_MARGIN - 0.05


def say(x: float) -> str:
    """A number in a caption, 3 significant figures as on screen (``2.64 × 10⁻⁶``; set
    here because the caption's own pass skips a power of ten before a full stop)."""
    return caption_text(sig(x))


def point_text(v: np.ndarray) -> str:
    """A point as in :func:`point_tex`, for captions."""
    x, y = (format_number(float(c), scientific=False) for c in v)
    return f"({x}, {y})"


def point_tex(v: np.ndarray) -> str:
    """A point to 2 decimals (a converged run's 1e-17 is 0 on screen; the sidecar keeps
    the digits)."""
    x, y = (format_number(float(c), scientific=False) for c in v)
    return rf"({x},\ {y})"


@dataclass
class NewtonPicture:
    """What NewtonMethod draws, for its beats, invariants and tests."""

    objective: Objective
    run: nw.NewtonRun
    gd: descent.Trajectory
    models: list[nw.QuadraticModel]  # the model at each point a step was taken from
    left: PlotFrame  # Newton
    right: PlotFrame  # gradient descent
    contours: VGroup  # both plots' level sets of f
    minima: VGroup
    header: Mobject
    titles: VGroup  # the two rules over the plots
    newton_path: PathArt
    gd_path: PathArt
    model_sets: list[VGroup]  # level sets of model k (drawn for k < MODEL_STEPS)
    centres: list[Mobject]  # a ring at model k's centre
    readouts: dict[int, MathTex]  # the Hessian's eigenvalues at the iterates shown
    gd_readout: SciStepReadout
    exits: VGroup  # where a path leaves its plot
    verdicts: VGroup = field(default_factory=VGroup)
    shown_model: int | None = None  # the model on screen
    shown_readout: int | None = None  # the iterate whose eigenvalues are shown
    newton_shown: int = 0  # Newton steps drawn so far


class NewtonMethod(MathScene):
    """Newton's method against gradient descent.

    Each Newton step jumps to the centre of the local quadratic model, the paraboloid
    that matches f's value, gradient and Hessian at the iterate: a few jumps reach the
    minimum where gradient descent zig-zags for hundreds of steps, but where the Hessian
    has mixed signs the model is a saddle and Newton heads for a saddle point.
    """

    params_type = NewtonMethodParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.landscape()  # one function, one start, two methods
        self.first_model()  # the quadratic model at v0 and the jump to its centre
        self.newton_steps()  # the rest of Newton's jumps, a model at each
        self.descent()  # gradient descent from the same start
        self.result()  # where each one ended

    # -- the beats -------------------------------------------------------------------

    def landscape(self) -> None:
        """The viewer sees one function, one start and the two update rules."""
        pic, p = self.picture, self.params
        self.beat(
            "landscape",
            f"The same function and the same start {point_text(np.array(p.start))}, "
            f"where f = {sig(float(pic.run.losses[0]))}: Newton's method on the left, "
            f"gradient descent with η = {sig(p.lr)} on the right.",
        )
        self.add(pic.left.group, pic.right.group)
        self.play(Create(pic.contours, lag_ratio=0.05), FadeIn(pic.minima), run_time=1.6)
        self.play(
            FadeIn(pic.header),
            Write(pic.titles),
            FadeIn(pic.newton_path.marker),
            FadeIn(pic.gd_path.marker),
            run_time=1.0,
        )

    def first_model(self) -> None:
        """At v0 the quadratic model matches f; Newton jumps to its centre."""
        pic = self.picture
        self.beat("model", self._model_caption())
        self.show_readout(0)
        if pic.run.steps >= 1:
            self.add(pic.newton_path.path, pic.newton_path.dots)
            self.newton_step(0)
        self.wait(0.6)

    def newton_steps(self) -> None:
        """The rest of the jumps: each to the centre of the model at the new iterate."""
        pic, run = self.picture, self.picture.run
        self.beat("newton", self._newton_caption())
        for k in range(1, min(run.steps, MODEL_STEPS)):
            self.newton_step(k)
        if run.steps > MODEL_STEPS:
            self.hide_model()
            self.sweep(pic.newton_path, MODEL_STEPS, run.steps, 1.5)
            pic.newton_shown = run.steps
            self.show_readout(run.steps)
        elif run.steps >= 1:
            self.play(*self._model_fade(), run_time=0.4)
            self.hide_model()
            self.show_readout(run.steps)
        if len(pic.exits[0].submobjects):
            self.play(FadeIn(pic.exits[0]), run_time=0.4)
        self.wait(0.6)

    def descent(self) -> None:
        """Gradient descent from the same start, step by step."""
        pic = self.picture
        self.beat("descent", self._descent_caption())
        readout = pic.gd_readout
        self.add(pic.gd_path.path, pic.gd_path.dots, *readout.still_parts(), *readout.live_parts())
        if pic.gd.steps >= 1:
            readout.mantissa.add_updater(
                lambda m: readout.show(min(pic.gd.steps, int(self._gd_t.get_value() + 1e-9)))
            )
            sweep = min(7.0, max(2.0, 0.25 * pic.gd.steps))
            self.sweep(pic.gd_path, 0, pic.gd.steps, sweep, still=readout.still_parts())
            readout.mantissa.clear_updaters()
        pic.gd_readout.show(pic.gd.steps)
        if len(pic.exits[1].submobjects):
            self.play(FadeIn(pic.exits[1]), run_time=0.4)
        self.wait(0.4)

    def result(self) -> None:
        """Where each method ended: a minimum, a saddle point, a maximum or nowhere yet."""
        pic = self.picture
        self.beat("result", self._result_caption())
        self.play(FadeIn(pic.verdicts, shift=0.1 * UP), run_time=0.8)
        self.wait(2.0)

    # -- animation helpers -------------------------------------------------------------

    def newton_step(self, k: int) -> None:
        """The readout shows the Hessian's eigenvalues at iterate ``k``, model ``k``
        appears around it (the previous one fading), and the path jumps to its centre."""
        pic = self.picture
        fade = self._model_fade()
        previous = pic.shown_model
        self.show_readout(k)
        self.play(*fade, Create(pic.model_sets[k]), FadeIn(pic.centres[k]), run_time=0.9)
        if previous is not None:
            self.remove(pic.model_sets[previous], pic.centres[previous])
        pic.shown_model = k
        self.sweep(pic.newton_path, k, k + 1, 0.8)
        pic.newton_shown = k + 1
        self.wait(0.3)

    def _model_fade(self) -> list[FadeOut]:
        pic = self.picture
        k = pic.shown_model
        if k is None:
            return []
        return [FadeOut(pic.model_sets[k]), FadeOut(pic.centres[k])]

    def hide_model(self) -> None:
        """Take the model on screen (if any) off it."""
        pic = self.picture
        if pic.shown_model is not None:
            self.remove(pic.model_sets[pic.shown_model], pic.centres[pic.shown_model])
        pic.shown_model = None

    def sweep(
        self, art: PathArt, start: int, end: int, run_time: float, still: Sequence[Mobject] = ()
    ) -> None:
        """Reveal ``art`` from step ``start`` to ``end`` (its marker moving along).

        Newton's eigenvalue readout under the left plot and ``still`` (texts beside the
        plots, which no path overlaps) are drawn below the path meanwhile, so they stay
        in the still background instead of being redrawn on every frame."""
        pic = self.picture
        tracker = ValueTracker(float(start))
        if art is pic.gd_path:
            self._gd_t = tracker
        # The marker moves by its own updater: a mobject without one, added before the
        # path, would stay in the still background, frozen at the sweep's start.
        art.path.add_updater(lambda m: art.set_path(tracker.get_value()))
        art.marker.add_updater(lambda m: art.set_marker(tracker.get_value()))
        texts = [*still]
        if art is pic.newton_path and pic.shown_readout is not None:
            texts.append(pic.readouts[pic.shown_readout])
        with still_below(self, texts, art.path):
            self.play(tracker.animate.set_value(float(end)), run_time=run_time, rate_func=linear)
        art.path.clear_updaters()
        art.marker.clear_updaters()
        art.set(float(end))

    def show_readout(self, k: int) -> None:
        """The Hessian's eigenvalues at Newton's iterate ``k`` under the left plot."""
        pic = self.picture
        if pic.shown_readout is not None:
            self.remove(pic.readouts[pic.shown_readout])
        self.add(pic.readouts[k])
        pic.shown_readout = k

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> NewtonPicture:
        """Both runs, both plots with their paths, the models and the readouts."""
        p: NewtonMethodParams = self.params
        objective = nw.by_name(p.objective, p.hessian)
        run = nw.newton(objective, p.start, p.steps)
        gd = descent.trajectory(objective, optimizers.gradient_descent(p.lr), p.start, p.steps)
        models = run.models(objective)
        box = self._box(objective, [run.points, gd.points])
        self._record(objective, run, gd, models, box)
        header, titles = self._header(objective)
        # the iterates whose eigenvalues are shown: each drawn model's and the last
        shown = sorted({*range(min(run.steps, MODEL_STEPS)), run.steps})
        readouts = {k: self._eigen_readout(k, run.eigenvalues[k]) for k in shown}
        gd_readout = SciStepReadout(gd.losses, TICK_SIZE, PALETTE.text)
        verdicts = self._verdict_rows(run, gd)
        widths = (
            titles[0].width,
            titles[1].width,
            max([r.width for r in readouts.values()] + [verdicts[0].width]),
            max(gd_readout.full_width, verdicts[1].width),
        )
        left, right = self._frames(box, titles[0].get_bottom()[1] - 0.18, widths)
        self._place_titles(titles, (left, right))
        self._place_rows(readouts, gd_readout, verdicts, (left, right), widths[3])
        contours = VGroup(
            contour_group(left, objective, count=9, resolution=70)[0],
            contour_group(right, objective, count=9, resolution=70)[0],
        )
        levels = contour_group(left, objective, count=9, resolution=70)[1]
        minima = VGroup(
            *(
                Star(5, outer_radius=0.1, color=PALETTE.text, fill_opacity=1.0).move_to(
                    frame.c2p(np.array(m))[0]
                )
                for frame in (left, right)
                for m in objective.minimizers
                if inside(m, box)
            )
        )
        newton_path = PathArt(left, run.points, PALETTE.path, DOT_RADIUS, marker_radius=0.08)
        gd_path = PathArt(
            right, shown_points(gd.points, box), PALETTE.path, DOT_RADIUS, marker_radius=0.08
        )
        for art in (newton_path, gd_path):
            art.path.set_stroke(width=LINE_WIDTH)
        model_sets, centres, model_levels = self._models(left, models)
        exits = VGroup(
            exit_mark(left, run.points, PALETTE.rejected),
            exit_mark(right, gd.points, PALETTE.rejected),
        )
        self.data["contour_levels"] = levels.tolist()
        self.data["model_levels"] = model_levels
        return NewtonPicture(
            objective, run, gd, models, left, right, contours, minima, header, titles,
            newton_path, gd_path, model_sets, centres, readouts, gd_readout, exits, verdicts,
        )  # fmt: skip

    def _record(
        self,
        objective: Objective,
        run: nw.NewtonRun,
        gd: descent.Trajectory,
        models: list[nw.QuadraticModel],
        box: Box,
    ) -> None:
        """The sidecar: both runs, the models and where each run ended."""
        p: NewtonMethodParams = self.params
        self.data = run.to_json()
        self.data["start"] = list(p.start)
        self.data["lr"] = p.lr
        self.data["steps_requested"] = p.steps
        self.data["gradients"] = run.trajectory.gradients.tolist()
        self.data["steps_taken"] = run.steps
        self.data["converged_to"] = nw.converged_to(run, objective)
        self.data["model_centres"] = [
            None if m.centre is None else m.centre.tolist() for m in models
        ]
        self.data["model_kinds"] = [m.kind for m in models]
        self.data["gd_trajectory"] = gd.points.tolist()
        self.data["gd_losses"] = gd.losses.tolist()
        self.data["gd_gradients"] = gd.gradients.tolist()
        self.data["gd_diverged"] = gd.diverged
        self.data["gd_steps_taken"] = gd.steps
        self.data["gd_converged_to"] = nw.converged_to(gd, objective)
        self.data["gd_verdict"] = descent.verdict(gd, objective)
        self.data["gd_nearest_minimizer"] = list(objective.nearest_minimizer(gd.points[-1])[0])
        self.data["critical_gradient"] = nw.CRITICAL_GRADIENT
        self.data["plot_box"] = [list(box[0]), list(box[1])]
        self.data["gd_drawn_points"] = len(shown_points(gd.points, box))

    @staticmethod
    def _box(objective: Objective, paths: list[np.ndarray]) -> Box:
        """One square region for both plots: the default view, the start, and every point
        of both runs within ``REACH_VIEWS`` views of the view's centre."""
        (x0, x1), (y0, y1) = objective.view
        cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
        reach = REACH_VIEWS * max(x1 - x0, y1 - y0)
        keep = [np.asarray(paths[0])[0]] + [
            q
            for pts in paths
            for q in np.asarray(pts)
            if max(abs(q[0] - cx), abs(q[1] - cy)) <= reach
        ]
        return fit_box(np.array(keep).reshape(-1, 2), objective.view, aspect=1.0)

    @staticmethod
    def _frames(
        box: Box, top: float, widths: tuple[float, float, float, float]
    ) -> tuple[PlotFrame, PlotFrame]:
        """The two plots side by side below ``top``, Newton's left of gradient descent's,
        centred as a pair inside the safe area (each with its tick labels to its left),
        with room below for the tick labels, the readouts and the verdicts.

        ``widths`` are those of the rules (Newton's, descent's) and of the columns under
        the plots (left, right): the gap between the plots grows, and if need be the
        plots shrink, until the two rules and the two columns clear each other."""
        (x0, x1), (y0, y1) = box
        # round ticks, at most 5 a side: with 2.5 among the steps a span of 9.6 gets
        # five ticks, not the lone 0 that steps of 1, 2 and 5 leave
        ticks_at = {
            "x_values": nice_ticks(x0, x1, 5, mantissas=STEPS_1_2_25_5),
            "y_values": nice_ticks(y0, y1, 5, mantissas=STEPS_1_2_25_5),
        }
        probe = plot_frame(box, PANEL_SIZE, PANEL_SIZE, (0.0, 0.0), **ticks_at)
        ticks = max(probe.border.get_left()[0] - m.get_left()[0] for m in probe.labels)
        overhang = max(
            0.0, max(m.get_right()[0] - probe.border.get_right()[0] for m in probe.labels)
        )
        room = 2 * safe_right() - overhang
        bottom = -frame_half_height() + FRAME_MARGIN_Y + 0.05 + BELOW_PLOTS
        side = min(PANEL_SIZE, 0.5 * (room - 2 * ticks - PANEL_GAP), top - bottom)
        gap = PANEL_GAP
        rule_left, rule_right, column_left, column_right = widths
        for _ in range(40):
            total = 2 * (ticks + side) + gap
            left_edge = -0.5 * total + ticks  # the left plot's border
            right_edge = left_edge + side + gap + ticks  # the right plot's border
            right_column = min(right_edge, safe_right() - column_right)
            short = max(
                rule_left + 0.4 + rule_right - (right_edge + side - left_edge),
                left_edge + column_left + 0.3 - right_column,
            )
            if short <= 1e-9:
                break
            if total + short <= room:
                gap += short
            else:
                gap = max(PANEL_GAP, room - 2 * (ticks + side))
                side = max(MIN_PANEL, side - 0.5 * short)
        total = 2 * (ticks + side) + gap
        first = -0.5 * total + ticks + 0.5 * side
        second = first + side + gap + ticks
        return tuple(  # type: ignore[return-value]
            plot_frame(box, side, side, (x, top - side / 2), **ticks_at) for x in (first, second)
        )

    @staticmethod
    def _models(
        frame: PlotFrame, models: list[nw.QuadraticModel]
    ) -> tuple[list[VGroup], list[Mobject], list[list[float]]]:
        """Each model's level sets (the first through its iterate) and a ring at its
        centre; the levels drawn, for the sidecar."""
        sets: list[VGroup] = []
        rings: list[Mobject] = []
        all_levels: list[list[float]] = []
        for k, m in enumerate(models):
            levels = m.levels(MODEL_LEVELS) if k < MODEL_STEPS else np.zeros(0)
            all_levels.append(levels.tolist())
            as_f = m.as_objective()
            group = VGroup()
            for j, level in enumerate(levels):
                curve = level_curve(frame, as_f, float(level), model_colour())
                curve.set_stroke(width=LINE_WIDTH, opacity=1.0 if j == 0 else 0.75)
                group.add(curve)
            sets.append(group)
            ring = Circle(radius=0.1, color=model_colour(), stroke_width=5)
            centre = m.centre
            if centre is not None and inside(centre, frame.box):
                ring.move_to(frame.c2p(centre)[0])
            else:
                ring.set_stroke(opacity=0.0).move_to(frame.border.get_center())
            rings.append(ring)
        return sets, rings, all_levels

    def _header(self, objective: Objective) -> tuple[Mobject, VGroup]:
        """The objective and descent's learning rate across the top, and each method's
        update rule under it (placed over its plot by :meth:`_place_titles`)."""
        p: NewtonMethodParams = self.params
        tex = objective.latex
        if p.objective == "quadratic":
            (a, b), (_, c) = p.hessian
            tex = (
                r"f = \frac{1}{2}\, v^{\top} H v,\ H = \begin{pmatrix} "
                rf"{format_number(a)} & {format_number(b)} \\ "
                rf"{format_number(b)} & {format_number(c)} \end{{pmatrix}}"
            )
        tex += rf",\qquad \eta = {sig_tex(p.lr)} \text{{ for descent}}"
        header = MathTex(tex, font_size=LABEL_SIZE, color=PALETTE.text)
        room = 2 * (frame_half_width() - FRAME_MARGIN - 0.05)
        if header.width > room:  # never below the glyph rule
            header.scale_to_fit_width(max(room, 0.85 * header.width))
        top = frame_half_height() - FRAME_MARGIN_Y - 0.05
        header.move_to([0.0, top - header.height / 2, 0.0])
        rules = VGroup(
            MathTex(
                r"\text{Newton: } v_{k+1} = v_k - H_k^{-1}\, \nabla f(v_k)",
                font_size=LABEL_SIZE,
                color=PALETTE.text,
            ),
            MathTex(
                r"\text{descent: } v_{k+1} = v_k - \eta\, \nabla f(v_k)",
                font_size=LABEL_SIZE,
                color=PALETTE.text,
            ),
        )
        for rule in rules:
            rule.move_to([0.0, header.get_bottom()[1] - 0.18 - rule.height / 2, 0.0])
        rules[1].align_to(rules[0], DOWN)
        return header, rules

    @staticmethod
    def _place_titles(rules: VGroup, frames: tuple[PlotFrame, PlotFrame]) -> None:
        """Newton's rule over the left plot (from its left edge), descent's over the
        right plot (to its right edge)."""
        left, right = frames
        rules[0].align_to(left.border, LEFT)
        rules[1].align_to(right.border, RIGHT)

    def _eigen_readout(self, k: int, eigenvalues: np.ndarray) -> MathTex:
        """``lambda(H(v_k)) = a, b: bowl`` with each eigenvalue in its sign's colour."""
        lo, hi = (float(x) for x in eigenvalues)
        kind = nw.curvature_kind(eigenvalues)
        readout = MathTex(
            rf"\lambda(H(v_{{{k}}})) =",
            sig_tex(lo),
            r",\ ",
            sig_tex(hi),
            rf"\text{{: {MODEL_WORDS[kind]}}}",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        for part, sign in zip(
            (readout[1], readout[3]), nw.curvature_signs(eigenvalues), strict=True
        ):
            part.set_color(sign_colour(sign))
        return readout

    @staticmethod
    def _place_rows(
        readouts: dict[int, MathTex],
        gd_readout: SciStepReadout,
        verdicts: VGroup,
        frames: tuple[PlotFrame, PlotFrame],
        right_width: float,
    ) -> None:
        """The readouts under the plots' tick labels and the verdicts under them: the
        left column from the left plot's left edge, the right one from the right plot's
        left edge, or ending at the safe area's edge when it is wider than that allows."""
        left, right = frames
        top = min(f.labels.get_bottom()[1] for f in frames) - 0.2
        right_start = min(right.border.get_left()[0], safe_right() - right_width)
        y = top - max(r.height for r in readouts.values()) / 2
        for r in readouts.values():
            r.move_to([0.0, y, 0.0]).align_to(left.border, LEFT)
        gd_readout.shift([right_start - gd_readout.left_edge(), y - gd_readout.get_center()[1], 0])
        below = y - max(r.height for r in readouts.values()) / 2 - 0.22
        for row, x in zip(verdicts, (left.border.get_left()[0], right_start), strict=True):
            row.shift([x - row.get_left()[0], below - row.get_top()[1], 0])

    def _verdict_rows(self, run: nw.NewtonRun, gd: descent.Trajectory) -> VGroup:
        """One line for each method, unplaced: where it ended."""
        rows = VGroup()
        for words, maths, colour in (self._newton_verdict(run), self._gd_verdict(gd)):
            row = VGroup(Text(words, font_size=TEXT_SIZE, color=colour))
            if maths:
                tex = MathTex(maths, font_size=LABEL_SIZE, color=colour)
                tex.next_to(row[0], RIGHT, buff=0.15)
                row.add(tex)
            rows.add(row)
        return rows

    # -- words -------------------------------------------------------------------------

    def _newton_verdict(self, run: nw.NewtonRun) -> tuple[str, str, str]:
        """Newton's line: words, their formula, their colour."""
        to = self.data["converged_to"]
        end = run.points[-1]
        plural = "" if run.steps == 1 else "s"
        if to != "none":
            return f"{KIND_WORDS[to]} in {run.steps} step{plural}:", point_tex(end), kind_colour(to)
        if run.status == "singular":
            return "stopped, singular Hessian at", point_tex(end), PALETTE.muted
        if run.status == "diverged":
            return f"diverged after {run.steps} step{plural}", "", PALETTE.rejected
        if run.steps == 0:
            return "no steps taken", "", PALETTE.muted
        return "no critical point yet:", point_tex(end), PALETTE.muted

    def _gd_verdict(self, gd: descent.Trajectory) -> tuple[str, str, str]:
        """Gradient descent's line."""
        d = self.data
        end = gd.points[-1]
        to = d["gd_converged_to"]
        if to != "none":
            return f"{KIND_WORDS[to]}:", point_tex(end), kind_colour(to)
        if gd.diverged:
            plural = "" if gd.steps == 1 else "s"
            return f"diverged after {gd.steps} step{plural}", "", PALETTE.rejected
        if d["gd_verdict"] == "converged":
            return "near the minimum:", point_tex(end), PALETTE.accepted
        if gd.steps == 0:
            return "no steps taken", "", PALETTE.muted
        return "still descending at", point_tex(end), PALETTE.muted

    def _model_caption(self) -> str:
        run = self.picture.run
        lo, hi = (float(x) for x in run.eigenvalues[0])
        kind = nw.curvature_kind(run.eigenvalues[0])
        signs = {
            "minimum": "both positive, so the quadratic model is a bowl",
            "maximum": "both negative, so the quadratic model is a hill, its centre a maximum",
            "saddle": "of mixed sign, so the quadratic model is a saddle, its centre a "
            "saddle point",
            "singular": "one of them (almost) zero, so the quadratic model has no centre",
        }[kind]
        text = f"At v0 the Hessian's eigenvalues are {say(lo)} and {say(hi)}: {signs}"
        if run.steps == 0:
            if run.status == "singular":
                return text + "; Newton's method stops before its first step."
            if run.status == "converged":
                return text + "; v0 is already a critical point, Newton takes no step."
            return text + "; no step is taken (steps = 0)."
        v1, f1 = point_text(run.points[1]), say(float(run.losses[1]))
        return text + f"; Newton jumps to its centre v1 = {v1}, where f = {f1}."

    def _newton_caption(self) -> str:
        run, to = self.picture.run, self.data["converged_to"]
        g = run.trajectory.gradient_norms
        plural = "" if run.steps == 1 else "s"
        if run.steps == 0:
            return "Newton's method takes no step."
        if run.status == "diverged":
            return (
                f"Newton's jumps grow: after {run.steps} step{plural} |v| passes 10⁶ and "
                "the run has diverged."
            )
        head = (
            f"After {run.steps} Newton step{plural} |∇f| has gone from {say(float(g[0]))} "
            f"to {say(float(g[-1]))}"
        )
        end = point_text(run.points[-1])
        lo, hi = (say(float(x)) for x in run.eigenvalues[-1])
        if to == "minimum":
            return head + f": Newton has reached the minimum {end}, eigenvalues {lo} and {hi}."
        if to == "saddle":
            return head + (
                f": Newton has gone to the saddle point {end}, where the eigenvalues are {lo} "
                f"and {hi}; it looks for ∇f = 0, not for a minimum."
            )
        if to == "maximum":
            return head + (
                f": Newton has climbed to the maximum {end}, where both eigenvalues, {lo} and "
                f"{hi}, are negative; it looks for ∇f = 0, not for a minimum."
            )
        if run.status == "singular":
            return head + (
                f": at {end} the Hessian is singular (eigenvalues {lo} and {hi}), the model "
                "has no centre and Newton stops."
            )
        return head + f", but it has not reached a critical point: it ends at {end}."

    def _descent_caption(self) -> str:
        gd = self.picture.gd
        if gd.steps == 0:
            return "Gradient descent takes no step."
        g = gd.gradient_norms
        if gd.diverged:
            return (
                f"Gradient descent from the same start diverges: after {gd.steps} "
                f"step{'' if gd.steps == 1 else 's'} |v| passes 10⁶."
            )
        return (
            f"Gradient descent from the same start: after {gd.steps} steps f has gone from "
            f"{say(float(gd.losses[0]))} to {say(float(gd.losses[-1]))} and |∇f| from "
            f"{say(float(g[0]))} to {say(float(g[-1]))}."
        )

    def _result_caption(self) -> str:
        d, pic = self.data, self.picture
        run, gd = pic.run, pic.gd
        to, gd_to = d["converged_to"], d["gd_converged_to"]
        end, gd_end = point_text(run.points[-1]), point_text(gd.points[-1])
        if to != "none":
            first = f"Newton's method ended at the {KIND_WORDS[to]} {end} in {run.steps} steps"
        elif run.status == "singular":
            first = f"Newton's method stopped at {end}, where the Hessian is singular"
        elif run.status == "diverged":
            first = "Newton's method diverged"
        else:
            first = f"Newton's method ended at {end}, not a critical point"
        if gd_to != "none":
            second = f"gradient descent at the {KIND_WORDS[gd_to]} {gd_end} after {gd.steps} steps"
        elif gd.diverged:
            second = "gradient descent diverged"
        elif d["gd_verdict"] == "converged":
            near = point_text(np.array(d["gd_nearest_minimizer"]))
            gnorm = say(float(gd.gradient_norms[-1]))
            second = (
                f"gradient descent is near the minimum {near} after {gd.steps} steps, "
                f"|∇f| = {gnorm}"
            )
        else:
            second = f"gradient descent is still at {gd_end} after {gd.steps} steps"
        text = f"{first}; {second}."
        if to == "saddle" and gd_to != "saddle" and not gd.diverged and gd.steps > 0:
            text += (
                " Gradient descent slides away from the saddle point; Newton's method is "
                "drawn to it."
            )
        if to == "maximum":
            text += " Plain Newton finds critical points, not minima."
        return text

    # -- checks ------------------------------------------------------------------------

    def colour_roles(self, beat: str | None = None) -> dict[str, str]:
        """The roles of the picture's colours (the function's contours are grid furniture)."""
        return {
            "path": PALETTE.path,
            "quadratic model": model_colour(),
            "positive eigenvalue": PALETTE.accepted,
            "negative eigenvalue": PALETTE.rejected,
            "text": PALETTE.text,
        }

    def invariants(self, beat: str) -> list[Invariant]:
        """Path dots at the runs' points, the shown model's ring at its centre (the next
        iterate), its first level set through its iterate and its level sets on its
        levels, the readout at the eigenvalues of the iterate shown."""
        pic, d = self.picture, self.data
        traj = np.array(d["trajectory"])
        checks: list[Invariant] = []
        if beat == "landscape":
            for art, name in ((pic.newton_path, "Newton"), (pic.gd_path, "descent")):
                checks.append(
                    Invariant(
                        f"{name} marker at the start",
                        art.frame.p2c(art.marker.get_center()),
                        np.array(self.params.start, dtype=float),
                        atol=1e-6 * _span(art.frame),
                    )
                )
        if beat in ("model", "newton", "result"):
            checks += pic.newton_path.invariants("Newton", traj[: pic.newton_shown + 1])
        k = pic.shown_model
        if k is not None:
            model = pic.models[k]
            ring = pic.centres[k]
            if ring.get_stroke_opacity() > 0:
                checks.append(
                    Invariant(
                        f"model {k}'s ring at its centre, Newton's next iterate",
                        pic.left.p2c(ring.get_center()),
                        traj[k + 1],
                        atol=1e-6 * _span(pic.left),
                    )
                )
            curves = pic.model_sets[k]
            if len(curves) and len(curves[0].points):
                distance, _ = curve_tangent_at(pic.left, curves[0], traj[k])
                checks.append(
                    Invariant(
                        f"model {k}'s first level set passes through v{k}",
                        distance,
                        0.0,
                        atol=0.03 * _span(pic.left),
                    )
                )
            for j, (curve, level) in enumerate(zip(curves, d["model_levels"][k], strict=True)):
                if not len(curve.points):
                    continue
                uv = np.array([pic.left.p2c(q) for q in curve.get_anchors()])
                values = model.evaluate(uv[:, 0], uv[:, 1])
                checks.append(
                    Invariant(
                        f"model {k}'s level set {j} is at its level",
                        values,
                        np.full(len(values), level),
                        atol=self._level_tolerance(model, level),
                    )
                )
        if pic.shown_readout is not None:
            checks.append(
                Invariant(
                    "the eigenvalue readout is at the model's iterate, or the last one",
                    float(pic.shown_readout),
                    float(pic.newton_shown if k is None else k),
                    atol=0.0,
                )
            )
        if beat in ("descent", "result"):
            checks += pic.gd_path.invariants(
                "descent", np.array(d["gd_trajectory"])[: d["gd_drawn_points"]]
            )
        return checks

    def _level_tolerance(self, model: nw.QuadraticModel, level: float) -> float:
        """Contour vertices are interpolated linearly along edges of a 161-point grid:
        the model's value there is off by at most |lambda|max h^2 / 8, h the grid step."""
        (x0, x1), (y0, y1) = self.picture.left.box
        h = max(x1 - x0, y1 - y0) / 160
        lam = float(np.max(np.abs(model.eigenvalues)))
        return 0.25 * lam * h * h + 1e-9 * max(1.0, abs(level))


def _span(frame: PlotFrame) -> float:
    (x0, x1), _ = frame.box
    return x1 - x0
