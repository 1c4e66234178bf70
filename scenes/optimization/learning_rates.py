"""Too small, about right, too large: three learning rates side by side.

Render it with plain Manim: ``manim -pql scenes/optimization/learning_rates.py LearningRates``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    Create,
    FadeIn,
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
):  # run as a file by plain `manim scenes/optimization/learning_rates.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import descent, objectives, optimizers
from scenes.kit.numbers import sig, sig_tex
from scenes.kit.plots import PlotFrame, contour_group, plot_frame
from scenes.kit.reveals import PathArt
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
from scenes.optimization.common import (
    DOT_RADIUS,
    exit_mark,
    exit_point,
    shared_box,
    shown_points,
    verdict_colour,
)
from scenes.optimization.params import (
    LearningRatesParams,
)

#: Side of each of the three square contour plots.
PANEL_SIZE = 3.5


@dataclass
class RatesPicture:
    """What LearningRates draws, for its beats and invariants."""

    rates: tuple[float, ...]
    runs: list[descent.Trajectory]
    words: list[str]  # each run's verdict
    lr_critical: float | None
    frames: list[PlotFrame] = field(default_factory=list)
    contour_sets: list[VGroup] = field(default_factory=list)
    arts: list[PathArt] = field(default_factory=list)
    rule: VMobject = field(default_factory=VMobject)
    header: VMobject = field(default_factory=VMobject)
    titles: VGroup = field(default_factory=VGroup)
    verdicts: VGroup = field(default_factory=VGroup)
    exits: VGroup = field(default_factory=VGroup)  # where a run leaves its panel


class LearningRates(MathScene):
    """Too small, about right, too large: three learning rates side by side.

    The same descent from the same start with three step sizes: one crawls, one
    converges, and one overshoots the valley until it oscillates or flies off.
    """

    params_type = LearningRatesParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.same_start()
        self.race()
        self.verdicts()

    # -- the beats -------------------------------------------------------------------

    def same_start(self) -> None:
        """One landscape, three learning rates: the viewer sees the same start thrice."""
        pic = self.picture
        rates_text = ", ".join(sig(lr) for lr in pic.rates)
        self.beat(
            "setup",
            f"The same function and the same start, with learning rates {rates_text}.",
        )
        self.add(*(f.group for f in pic.frames))
        self.play(
            *(Create(c, lag_ratio=0.1) for c in pic.contour_sets), Write(pic.rule), run_time=1.6
        )
        self.play(
            FadeIn(pic.header),
            FadeIn(pic.titles),
            *(FadeIn(a.marker) for a in pic.arts),
            run_time=0.8,
        )

    def race(self) -> None:
        """All three run at once: one crawls, one converges, one overshoots."""
        pic, p = self.picture, self.params
        self.beat("descent", self._race_caption(pic.rates, pic.runs, pic.words))
        for a in pic.arts:
            self.add(a.path, a.dots, a.marker)
        tracker = ValueTracker(0.0)
        for a in pic.arts:
            a.path.add_updater(lambda m, a=a: a.set(tracker.get_value()))
        if p.steps > 0:
            self.play(
                tracker.animate.set_value(float(p.steps)),
                run_time=min(9.0, max(3.0, 0.3 * p.steps)),
                rate_func=linear,
            )
        for a in pic.arts:
            a.path.clear_updaters()
            a.set(float(a.steps))
        if len(pic.exits.submobjects) and any(len(e.submobjects) for e in pic.exits):
            self.play(FadeIn(pic.exits), run_time=0.4)

    def verdicts(self) -> None:
        """What each learning rate did, and where stability ends."""
        pic = self.picture
        self.beat("verdicts", self._verdict_caption(pic.rates, pic.words, pic.lr_critical))
        self.play(FadeIn(pic.verdicts, shift=0.1 * DOWN), run_time=0.8)
        self.wait(2.0)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> RatesPicture:
        """The three runs, their panels and the header (nothing shown yet)."""
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
        pic = RatesPicture(rates, runs, words, lr_critical)
        self._panels(pic, objective)
        self._header(pic, objective)
        self._labels(pic)
        return pic

    @staticmethod
    def _panels(pic: RatesPicture, objective: objectives.Objective) -> None:
        """Three contour plots of one region side by side, a path on each."""
        size, gap = PANEL_SIZE, 0.65
        box = shared_box(objective, pic.runs, objective.view, reach_views=0.5)
        top = frame_half_height() - FRAME_MARGIN_Y - 1.3
        left = -frame_half_width() + FRAME_MARGIN + 0.75
        for k in range(3):
            cx = left + size / 2 + k * (size + gap)
            frame = plot_frame(box, size, size, (cx, top - size / 2), x_ticks=3, y_ticks=3)
            pic.frames.append(frame)
            pic.contour_sets.append(contour_group(frame, objective, count=9, resolution=70)[0])
            # A run that leaves the panel is drawn up to the edge and marked there.
            points = shown_points(pic.runs[k].points, box)
            art = PathArt(frame, points, PALETTE.path, radius=DOT_RADIUS)
            art.path.set_stroke(width=4.0)
            if np.ptp(points, axis=0).max() == 0:  # the point never moves: no line to draw
                art.path.set_stroke(opacity=0.0)
            pic.arts.append(art)
            pic.exits.add(exit_mark(frame, pic.runs[k].points, PALETTE.rejected))

    @staticmethod
    def _header(pic: RatesPicture, objective: objectives.Objective) -> None:
        """The rule and the objective (or the stability limit) across the top."""
        pic.rule = MathTex(
            r"v_{k+1} = v_k - \eta\, \nabla f(v_k)", font_size=BODY_SIZE, color=PALETTE.text
        )
        header_text = objective.latex
        if pic.lr_critical is not None:
            header_text = rf"2/\lambda_{{\max}} = {sig_tex(pic.lr_critical)}"
        pic.header = MathTex(header_text, font_size=LABEL_SIZE, color=PALETTE.muted)
        room = 2 * (frame_half_width() - FRAME_MARGIN) - 0.1 - pic.rule.width - 0.8
        if pic.header.width > room:  # never below the glyph rule: the rule's row is short
            pic.header.scale_to_fit_width(max(room, 0.8 * pic.header.width))
        VGroup(pic.rule, pic.header).arrange(RIGHT, buff=0.8).move_to(
            [0, frame_half_height() - FRAME_MARGIN_Y - 0.3, 0]
        )

    @staticmethod
    def _labels(pic: RatesPicture) -> None:
        """Each panel's learning rate above it and its verdict below it: the verdict's
        words in one colour per verdict (:func:`verdict_colour`), its loss in LaTeX."""
        for frame, lr, run, word in zip(pic.frames, pic.rates, pic.runs, pic.words, strict=True):
            title = MathTex(rf"\eta = {sig_tex(lr)}", font_size=LABEL_SIZE, color=PALETTE.text)
            title.next_to(frame.border, np.array([0.0, 1.0, 0.0]), buff=0.12)
            pic.titles.add(title)
            colour = verdict_colour(word)
            hit = exit_point(run.points, frame.box)
            if run.diverged:
                detail = f"at step {run.steps}"
            elif hit is not None:
                detail = f"leaves the plot at step {hit[0]}"
            else:
                detail = f"after {run.steps} steps"
            lines = [
                Text(word, font_size=TEXT_SIZE, color=colour),
                Text(detail, font_size=TEXT_SIZE, color=colour),
                MathTex(
                    rf"f = {sig_tex(float(run.losses[-1]))}", font_size=LABEL_SIZE, color=colour
                ),
            ]
            block = VGroup(*lines).arrange(DOWN, buff=0.1)
            block.next_to(frame.border, DOWN, buff=0.5)
            pic.verdicts.add(block)

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
        arts = self.picture.arts
        for k, (art, run) in enumerate(zip(arts, self.data["runs"], strict=True)):
            box = art.frame.box
            drawn = shown_points(np.array(run["trajectory"]), box)
            checks += art.invariants(f"panel {k + 1}", drawn)
        return checks
