"""Stochastic gradient descent: mini-batch gradients are noisy, and so are their paths.

Render it with plain Manim:
``manim -pql scenes/optimization/stochastic_gradient_descent.py StochasticGradientDescent``.
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
    UP,
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MathTex,
    Mobject,
    Star,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/optimization/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import regression, sgd
from mlmath_viz.contours import inside
from scenes.kit.builders import stack
from scenes.kit.marks import dot_centres, dot_cloud
from scenes.kit.numbers import format_number, latex_number, sig, sig_tex
from scenes.kit.plots import LogAxis, PlotFrame, contour_group, fit_box, plot_frame
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
from scenes.optimization.common import PANEL_X, PLOT_SIZE, placed_plot
from scenes.optimization.params import StochasticGradientDescentParams
from scenes.parameters.data import Table, dropped_note, screen_name, tex_text

#: The full gradient's arrow reaches at most this fraction of the way from the start to
#: the least-squares point (its scale k is the largest round number that keeps it so).
FAN_REACH = 0.3
#: Mini-batch gradients drawn as arrows per batch size (all samples are drawn as tips).
FAN_ARROWS = 6
#: The plot holds the path points within this many start-to-optimum distances of the
#: least-squares point; a path bouncing further leaves the plot (drawn clipped).
VIEW_REACH = 1.35
#: Radius of a sample tip's dot and of a path's step dots (scene units; 3.6 px at 480p).
TIP_RADIUS = 0.03
#: Decades the loss plot shows below its top.
LOSS_DECADES = 8
#: A run ends "on the fit" within this fraction of the start's distance from it.
NEAR = 1e-3
#: A run "bounces around the optimum" when it came this close (fraction of the start's
#: distance) and ends no closer than NEAR.
BOUNCE_NEAR = 0.25
#: Distances from the fit below this are shown as "< 10^-3" in the table.
END_FLOOR = 1e-3
#: Significant figures of spreads and distances on screen.
DIGITS = 3


def batch_colours(count: int) -> list[str]:
    """One Okabe-Ito series colour per batch size, smallest batch first."""
    return list(PALETTE.series[:count])


def full_colour() -> str:
    """The full gradient's bold arrow: the text colour, as the exact optimum and the start
    (the house's gradient pink is 2.7 from the light theme's green for deuteranopes)."""
    return PALETTE.text


def round_down(x: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``x`` (> 0)."""
    e = math.floor(math.log10(x))
    for m in (5.0, 2.0, 1.0):
        if m * 10.0**e <= x * (1 + 1e-12):
            return m * 10.0**e
    return 10.0 ** (e - 1) * 5.0


def end_tex(distance: float, diverged: bool) -> str:
    """A run's distance from the fit at its end, as the table shows it: 3 significant
    figures, "< 10^-3" below a thousandth, "diverged" for a diverged run (its last
    point is past the divergence bound)."""
    if diverged:
        return r"\text{diverged}"
    if distance < END_FLOOR:
        return rf"{{<}}\,10^{{{round(math.log10(END_FLOOR))}}}"
    return sig_tex(distance, DIGITS)


@dataclass
class BatchArt:
    """What is drawn for one batch size."""

    size: int
    colour: str
    tips: VMobject  # every sample's tip -k g_S inside the plot, one cloud
    tip_index: list[int]  # which samples those tips are
    arrows: VGroup  # FAN_ARROWS of them as arrows
    arrow_index: list[int]
    path: PathArt
    loss: LossReveal
    row: VGroup  # the table row: swatch, B, spread, theory
    end_cell: MathTex  # distance at the end (last beat)


@dataclass
class SGDPicture:
    """What StochasticGradientDescent draws, for its beats, invariants and tests."""

    result: sgd.SGDExperiment
    frame: PlotFrame
    contours: VGroup
    levels: np.ndarray
    star: Star
    star_label: MathTex
    start_dot: Dot
    axis_names: VGroup
    scale: float  # arrows are -scale * gradient, in plotted units
    full_arrow: Arrow
    batches: list[BatchArt]
    formula: MathTex
    units: VGroup
    rule: MathTex
    header: VGroup
    arrows_row: VGroup
    theory_row: VGroup
    loss_title: MathTex
    loss_frame: PlotFrame
    log_axis: LogAxis
    end_header: MathTex
    table: Table  # the rows used and where they came from (a CSV file or the shipped data)


class StochasticGradientDescent(MathScene):
    """Stochastic gradient descent.

    Each mini-batch gives a noisy gradient that is right on average, its spread
    shrinking like one over the square root of the batch size; so small batches take
    noisy paths that keep bouncing around the optimum, and the full batch walks straight
    to the least-squares fit.
    """

    params_type = StochasticGradientDescentParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.tracker = ValueTracker(0.0)
        self.show_landscape()  # the loss of a line over (b, w), the optimum, the start
        self.show_gradients()  # mini-batch gradients scatter around the full gradient
        self.show_paths()  # one path per batch size, and the loss they reach
        self.show_result()  # how far each ends from the least-squares fit

    # -- the beats -------------------------------------------------------------------

    def show_landscape(self) -> None:
        # The loss of every line y = b + w z is a bowl over (b, w); its bottom is lstsq.
        pic = self.picture
        r = pic.result
        b0, w0 = r.lstsq
        source = pic.table.source
        if pic.table.from_file:
            dropped = source.rows_dropped
            over = (
                f"{r.n} rows of {source.name}"
                + (f" ({dropped} dropped for a missing value)" if dropped else "")
                + f", z the standardised {screen_name(r.feature)} and y the "
                f"{screen_name(self.params.target)}"
            )
        else:
            over = f"{r.n} patients of scikit-learn's diabetes data, z the standardised {r.feature}"
        self.beat(
            "landscape",
            f"The mean squared error of the line y = b + w z over {over}: its contours "
            f"are circles (standardising makes the Hessian 2I) around the least-squares "
            f"fit b = {sig(float(b0), 4)}, w = {sig(float(w0), 4)} (the star); every run "
            "starts at b = w = 0.",
        )
        self.add(pic.frame.group)
        self.play(
            Create(pic.contours),
            FadeIn(pic.axis_names),
            FadeIn(pic.formula),
            FadeIn(pic.units),
            run_time=1.4,
        )
        self.play(
            FadeIn(pic.star),
            FadeIn(pic.star_label),
            FadeIn(pic.start_dot),
            FadeIn(pic.rule),
            run_time=0.8,
        )
        self.wait(1.0)

    def show_gradients(self) -> None:
        # A batch's gradient is a random estimate of the full one, right on average,
        # its spread shrinking like 1/sqrt(B).
        pic = self.picture
        self.beat("gradients", self._gradients_caption())
        self.play(FadeIn(pic.header), FadeIn(pic.arrows_row), run_time=0.6)
        for art in pic.batches:
            self.play(
                FadeIn(art.tips),
                *(GrowArrow(a) for a in art.arrows),
                FadeIn(art.row),
                run_time=0.9,
            )
        self.play(GrowArrow(pic.full_arrow), run_time=0.7)
        self.play(FadeIn(pic.theory_row), run_time=0.6)
        self.wait(2.0)

    def show_paths(self) -> None:
        # Small batches take noisy steps; the full batch takes gradient descent's.
        pic, p = self.picture, self.params
        self.beat("paths", self._paths_caption())
        fan: list[Mobject] = [pic.full_arrow]
        for art in pic.batches:
            fan += [art.tips, art.arrows]
        self.play(*(FadeOut(m) for m in fan), FadeOut(pic.arrows_row), FadeOut(pic.theory_row))
        self.play(FadeIn(pic.loss_title), FadeIn(pic.loss_frame.group), run_time=0.6)
        # One group holds every piece that moves, so Manim redraws them on each frame.
        moving = VGroup()
        for art in pic.batches:
            moving.add(art.path.path, art.path.dots, art.path.marker, art.loss.line)
        tracker = self.tracker
        moving.add_updater(lambda m: self.show_run(tracker.get_value()))
        self.add(moving)
        if p.steps > 0:
            self.play(
                tracker.animate.set_value(float(p.steps)),
                run_time=min(9.0, max(3.0, 0.08 * p.steps)),
                rate_func=linear,
            )
        moving.clear_updaters()
        self.show_run(float(p.steps))
        self.wait(0.8)

    def show_result(self) -> None:
        # Where each run ends: the full batch on the fit, small batches near it.
        pic = self.picture
        self.beat("result", self._result_caption())
        cells = [art.end_cell for art in pic.batches]
        self.play(FadeIn(pic.end_header), *(FadeIn(c) for c in cells), run_time=0.8)
        self.wait(2.5)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> SGDPicture:
        p: StochasticGradientDescentParams = self.params
        tab = p.table()
        data = regression.Dataset(
            x=tab.frame[p.feature].to_numpy(dtype=np.float64),
            y=tab.frame[p.target].to_numpy(dtype=np.float64),
            x_name=screen_name(p.feature),
            y_name=screen_name(p.target) if tab.from_file else "disease progression",
        )
        r = sgd.experiment_on(data, p.feature, p.batch_sizes, p.lr, p.steps, p.seed)
        self.data = r.to_json()
        self.data["target"] = p.target
        self.data["data_source"] = tab.source.to_json()
        frame = self._contour_frame(r)
        contours, levels = contour_group(frame, r.objective, count=9)
        box = frame.box
        self.data["plot_box"] = [list(box[0]), list(box[1])]
        self.data["contour_levels"] = levels.tolist()
        star = Star(5, outer_radius=0.13, color=PALETTE.text, fill_opacity=1.0)
        star.move_to(frame.c2p(r.lstsq[None, :])[0]).set_z_index(3)
        start_dot = Dot(frame.c2p(r.start[None, :])[0], radius=0.08, color=PALETTE.text)
        start_dot.set_z_index(3)
        star_label = MathTex(r"\theta^*", font_size=LABEL_SIZE, color=PALETTE.text)
        star_label.set_stroke(PALETTE.background, width=5, background=True)
        # up and to the right of the star, or straight up when the star is near the
        # plot's right edge (the panel's formulas start just past it)
        near_right = frame.border.get_right()[0] - star.get_center()[0] < 0.8
        star_label.next_to(star, UP if near_right else UP + RIGHT, buff=0.06)
        axis_names = self._axis_names(frame)
        scale = self._arrow_scale(r)
        self.data["arrow_scale"] = scale
        full_arrow = self._full_arrow(frame, r, scale)
        colours = batch_colours(len(r.batch_sizes))
        formula, units, rule = self._panel_top(r, tab)
        header, rows, end_header, end_cells = self._table(r, colours)
        arrows_row = self._arrows_row(colours[0], scale)
        sigma_tex = sig_tex(self.data["per_example_spread"], DIGITS)
        theory_row = VGroup(
            MathTex(
                r"\text{theory: } \sigma\sqrt{(N-B)/(B(N-1))}",
                font_size=TICK_SIZE,
                color=PALETTE.muted,
            ),
            MathTex(
                rf"\approx \sigma/\sqrt{{B}} \text{{ for }} B \ll N,\ \sigma = {sigma_tex}",
                font_size=TICK_SIZE,
                color=PALETTE.muted,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        log_axis, excess = self._loss_axis(r)
        loss_title = MathTex(
            self._loss_title_tex(excess, log_axis), font_size=TICK_SIZE, color=PALETTE.muted
        )
        width = frame_half_width() - FRAME_MARGIN - PANEL_X
        if loss_title.width > width:
            loss_title.scale_to_fit_width(width)
        top = frame_half_height() - FRAME_MARGIN_Y - 0.05
        stack([formula, units, rule, header, *rows], top=top, left=PANEL_X, gap=0.16)
        table_bottom = rows[-1].get_bottom()[1]
        stack([arrows_row, theory_row], top=table_bottom - 0.25, left=PANEL_X, gap=0.2)
        loss_title.move_to([PANEL_X + loss_title.width / 2, table_bottom - 0.25 - 0.2, 0])
        loss_frame = self._loss_frame(log_axis, loss_title.get_bottom()[1] - 0.2)
        self._place_end_cells(header, rows, end_header, end_cells)
        batches = []
        tips_drawn: dict[str, int] = {}
        for k, b in enumerate(r.batch_sizes):
            tips, tip_index, arrows, arrow_index = self._fan(frame, r, b, scale, colours[k])
            tips_drawn[str(b)] = len(tip_index)
            run = r.runs[b]
            path = PathArt(frame, run.points, colours[k], TIP_RADIUS, marker_radius=0.08)
            path.marker.set_z_index(2)
            if np.ptp(run.points, axis=0).max() == 0:  # it never moves: no line, only dots
                path.path.set_stroke(opacity=0.0)
            loss = LossReveal(loss_frame, excess[b], log_axis, colours[k], line_width=4.0)
            batches.append(
                BatchArt(
                    b, colours[k], tips, tip_index, arrows, arrow_index, path, loss, rows[k],
                    end_cells[k],
                )
            )  # fmt: skip
        self.data["tips_drawn"] = tips_drawn
        self.data["excess_losses"] = {str(b): excess[b].tolist() for b in r.batch_sizes}
        self.data["diverged_batch_sizes"] = [b for b in r.batch_sizes if r.runs[b].diverged]
        return SGDPicture(
            r, frame, contours, levels, star, star_label, start_dot, axis_names, scale,
            full_arrow, batches, formula, units, rule, header, arrows_row,
            theory_row, loss_title, loss_frame, log_axis, end_header, tab,
        )  # fmt: skip

    @staticmethod
    def _contour_frame(r: sgd.SGDExperiment) -> PlotFrame:
        """A square plot holding the start, the optimum and the paths near them."""
        reach = VIEW_REACH * float(np.linalg.norm(r.lstsq - r.start))
        keys = [r.start, r.lstsq]
        for run in r.runs.values():
            keys += [q for q in run.points if np.linalg.norm(q - r.lstsq) <= reach]
        lo = np.minimum(r.start, r.lstsq)
        hi = np.maximum(r.start, r.lstsq)
        base = ((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])))
        box = fit_box(np.array(keys), base, aspect=1.0)
        return placed_plot(box, PLOT_SIZE, PANEL_X - 0.15, 0.2)

    @staticmethod
    def _axis_names(frame: PlotFrame) -> VGroup:
        """ "intercept b" inside the plot's lower right corner, "slope w" in its upper left."""
        border = frame.border
        x_name = MathTex(r"\text{intercept } b", font_size=TICK_SIZE, color=PALETTE.muted)
        y_name = MathTex(r"\text{slope } w", font_size=TICK_SIZE, color=PALETTE.muted)
        for m in (x_name, y_name):
            m.set_stroke(PALETTE.background, width=5, background=True)
        x_name.next_to(border.get_corner(DOWN + RIGHT), UP + LEFT, buff=0.12)
        y_name.next_to(border.get_corner(UP + LEFT), DOWN + RIGHT, buff=0.12)
        return VGroup(x_name, y_name)

    @staticmethod
    def _arrow_scale(r: sgd.SGDExperiment) -> float:
        """k: the full gradient arrow -k grad L reaches FAN_REACH of the way to the optimum."""
        reach = FAN_REACH * float(np.linalg.norm(r.lstsq - r.start))
        return round_down(reach / float(np.linalg.norm(r.full_gradient)))

    @staticmethod
    def _full_arrow(frame: PlotFrame, r: sgd.SGDExperiment, scale: float) -> Arrow:
        """The bold arrow -k grad L from the start (the panel's legend names it)."""
        a, b = frame.c2p(np.array([r.start, r.start - scale * r.full_gradient]))
        return Arrow(
            a,
            b,
            buff=0,
            color=full_colour(),
            stroke_width=9,
            max_tip_length_to_length_ratio=0.3,
            max_stroke_width_to_length_ratio=100,
        ).set_z_index(2)

    @staticmethod
    def _fan(
        frame: PlotFrame, r: sgd.SGDExperiment, b: int, scale: float, colour: str
    ) -> tuple[VMobject, list[int], VGroup, list[int]]:
        """The tips -k g_S of every sample of batch size ``b`` that land inside the plot,
        and the first FAN_ARROWS of those as arrows (none for the full batch: its
        gradient is the bold arrow)."""
        tips = r.start - scale * r.samples[b]
        index = [i for i, q in enumerate(tips) if inside(q, frame.box)]
        cloud = dot_cloud(frame.c2p(tips[index]), colour, radius=TIP_RADIUS)
        cloud.set_fill(opacity=0.8)
        arrows = VGroup()
        chosen: list[int] = []
        if b < r.n:
            start = frame.c2p(r.start[None, :])[0]
            for i in index[:FAN_ARROWS]:
                end = frame.c2p(tips[i][None, :])[0]
                arrow = Arrow(
                    start,
                    end,
                    buff=0,
                    color=colour,
                    stroke_width=4,
                    tip_length=0.16,
                    max_tip_length_to_length_ratio=0.25,
                    max_stroke_width_to_length_ratio=100,
                )
                arrows.add(arrow.set_z_index(1))  # over every batch size's tips
                chosen.append(i)
        return cloud, index, arrows, chosen

    def _panel_top(self, r: sgd.SGDExperiment, tab: Table) -> tuple[MathTex, VGroup, MathTex]:
        """The loss, what z and y are (and the rows dropped from a file), the update rule."""
        p: StochasticGradientDescentParams = self.params
        formula = MathTex(
            r"L(b, w) = \frac{1}{N} \sum_i (b + w z_i - y_i)^2",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        rule = MathTex(
            rf"\theta_{{t+1}} = \theta_t - \eta\, g_{{S_t}},\ \eta = {sig_tex(p.lr)}",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        width = frame_half_width() - FRAME_MARGIN - PANEL_X
        if tab.from_file:
            units = self._file_units(r, tab, width)
            for m in (formula, rule):
                if m.width > width:
                    m.scale_to_fit_width(width)
            return formula, units, rule
        z_def = MathTex(
            rf"z = (\text{{{r.feature}}} - {format_number(r.scaler.mean)})"
            rf" / {format_number(r.scaler.std)},\ N = {r.n}",
            font_size=TICK_SIZE,
            color=PALETTE.muted,
        )
        y_words = Text(
            "y: progression in the data's own units",
            font_size=TEXT_SIZE,
            color=PALETTE.muted,
        )
        for m in (formula, z_def, y_words, rule):
            if m.width > width:
                m.scale_to_fit_width(width)
        units = VGroup(z_def, y_words).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        return formula, units, rule

    def _file_units(self, r: sgd.SGDExperiment, tab: Table, width: float) -> VGroup:
        """With a file: z's definition, y's column and N (beside z when the line fits),
        and the dropped-rows note when rows were dropped."""
        p: StochasticGradientDescentParams = self.params

        def line(tex: str) -> MathTex:
            return MathTex(tex, font_size=TICK_SIZE, color=PALETTE.muted)

        z_tex = (
            rf"z = (\text{{{tex_text(screen_name(r.feature))}}} - "
            rf"{format_number(r.scaler.mean)}) / {format_number(r.scaler.std)}"
        )
        y_tex = rf"y\text{{: {tex_text(screen_name(p.target))}}}"
        n_tex = rf",\ N = {r.n}"
        z_def = line(z_tex + n_tex)
        if z_def.width <= width:
            lines: list[Mobject] = [z_def, line(y_tex)]
        else:
            lines = [line(z_tex), line(y_tex + n_tex)]
        note = dropped_note(tab.source)
        if note:
            lines.append(Text(note, font_size=TEXT_SIZE, color=PALETTE.muted))
        for m in lines:  # only a very long column name is wider than the panel
            if m.width > width:
                m.scale_to_fit_width(width)
        return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.1)

    def _table(
        self, r: sgd.SGDExperiment, colours: list[str]
    ) -> tuple[VGroup, list[VGroup], MathTex, list[MathTex]]:
        """One row per batch size: its swatch, B, the spread of its 1000 sampled
        gradients and the closed form; the end distance cells come in the last beat."""
        header = VGroup(
            MathTex(r"B = |S_t|", font_size=TICK_SIZE, color=PALETTE.muted),
            Text("spread", font_size=TEXT_SIZE, color=PALETTE.muted),
            Text("theory", font_size=TEXT_SIZE, color=PALETTE.muted),
        )
        columns = [0.0, 1.4, 2.6]  # left edges, from the panel's left
        for m, x in zip(header, columns, strict=True):
            m.move_to([x + m.width / 2, 0, 0])
        rows = []
        cells = []
        for k, b in enumerate(r.batch_sizes):
            d = self.data[str(b)]
            swatch = Line(LEFT * 0.2, RIGHT * 0.2, stroke_color=colours[k], stroke_width=6)
            size = MathTex(str(b), font_size=TICK_SIZE, color=colours[k])
            measured = MathTex(sig_tex(d["sample_spread"], DIGITS), font_size=TICK_SIZE)
            theory = MathTex(sig_tex(d["predicted_spread"], DIGITS), font_size=TICK_SIZE)
            measured.set_color(PALETTE.text)
            theory.set_color(PALETTE.muted)
            row = VGroup(swatch, size, measured, theory)
            swatch.move_to([0.2, 0, 0])
            size.move_to([0.55 + size.width / 2, 0, 0])
            measured.move_to([columns[1] + measured.width / 2, 0, 0])
            theory.move_to([columns[2] + theory.width / 2, 0, 0])
            rows.append(row)
            tex = end_tex(d["final_distance"], d["diverged"])
            end = MathTex(tex, font_size=LABEL_SIZE if "^" in tex else TICK_SIZE)
            end.set_color(colours[k])
            cells.append(end)
        end_header = MathTex(r"|\theta_T - \theta^*|", font_size=TICK_SIZE, color=PALETTE.muted)
        return header, rows, end_header, cells

    @staticmethod
    def _place_end_cells(
        header: VGroup, rows: list[VGroup], end_header: MathTex, cells: list[MathTex]
    ) -> None:
        x = PANEL_X + 3.8
        end_header.move_to([x + end_header.width / 2, header.get_center()[1], 0])
        for row, cell in zip(rows, cells, strict=True):
            cell.move_to([x + cell.width / 2, row[2].get_center()[1], 0])

    @staticmethod
    def _arrows_row(colour: str, scale: float) -> VGroup:
        """The fan's legend: the full gradient bold, a batch's gradient thin, one scale."""
        bold = Arrow(
            [0, 0, 0], [0.5, 0, 0], buff=0, color=full_colour(), stroke_width=9,
            max_tip_length_to_length_ratio=0.4, max_stroke_width_to_length_ratio=100,
        )  # fmt: skip
        thin = Arrow(
            [0, 0, 0], [0.5, 0, 0], buff=0, color=colour, stroke_width=4, tip_length=0.16,
            max_tip_length_to_length_ratio=0.4, max_stroke_width_to_length_ratio=100,
        )  # fmt: skip
        row = VGroup(
            bold,
            MathTex(r"-k\nabla L", font_size=TICK_SIZE, color=full_colour()),
            thin,
            MathTex(
                rf"-k\,g_S,\ k = {latex_number(scale, 6)}",
                font_size=TICK_SIZE,
                color=PALETTE.text,
            ),
        ).arrange(RIGHT, buff=0.15)
        row[2].shift(0.2 * RIGHT)
        row[3].shift(0.2 * RIGHT)
        return row

    def _loss_axis(self, r: sgd.SGDExperiment) -> tuple[LogAxis, dict[int, np.ndarray]]:
        """Each run's loss above the minimum; the axis tops out at 10x the start's."""
        best = r.objective.value(r.lstsq)
        excess = {b: r.runs[b].losses - best for b in r.batch_sizes}
        first = float(excess[r.batch_sizes[0]][0])
        cap = 10.0 * first
        values = np.concatenate([np.minimum(e, cap) for e in excess.values()])
        axis = LogAxis.for_losses(values, False, log_decades=LOSS_DECADES)
        self.data["loss_clipped_above"] = bool(
            any(np.any(e > 10.0**axis.high) for e in excess.values())
        )
        return axis, excess

    @staticmethod
    def _loss_title_tex(excess: dict[int, np.ndarray], axis: LogAxis) -> str:
        """The loss plot's title; it says so when losses lie below its floor."""
        if any(np.any(e < 10.0**axis.low) for e in excess.values()):
            return (
                rf"L - L(\theta^*)\text{{, log; }} {{<}}\,10^{{{axis.low}}} \text{{ on the floor}}"
            )
        return r"L - L(\theta^*)\text{, log scale}"

    def _loss_frame(self, axis: LogAxis, top: float) -> PlotFrame:
        p: StochasticGradientDescentParams = self.params
        width = frame_half_width() - FRAME_MARGIN - PANEL_X - 1.0 - 0.3
        bottom = -frame_half_height() + FRAME_MARGIN_Y + 0.45
        height = min(1.8, top - bottom)
        y_values, y_text = axis.ticks()
        # a few steps: one tick per whole step (never a tick at step 0.5)
        x_values = list(range(max(1, p.steps) + 1)) if p.steps <= 4 else None
        return plot_frame(
            ((0.0, float(max(1, p.steps))), (float(axis.low), float(axis.high))),
            width,
            height,
            (PANEL_X + 1.0 + width / 2, top - height / 2),
            x_ticks=4,
            x_values=x_values,
            y_values=y_values,
            y_tick_text=y_text,
        )

    # -- helpers ---------------------------------------------------------------------

    def show_run(self, t: float) -> None:
        for art in self.picture.batches:
            art.path.set(t)
            art.loss.set(t)

    def _gradients_caption(self) -> str:
        r, d = self.picture.result, self.data
        sizes = r.batch_sizes
        parts = [
            f"B = {b}: spread {sig(d[str(b)]['sample_spread'], DIGITS)} "
            f"(theory {sig(d[str(b)]['predicted_spread'], DIGITS)})"
            for b in sizes
        ]
        text = (
            f"At the start, {sgd.GRADIENT_SAMPLES} mini-batches of each size B drawn without "
            "replacement: their gradients (arrows −k g_S, tips as dots) scatter around the "
            "full gradient (bold), their expected value; the spread shrinks like 1/√B: "
            + "; ".join(parts)
            + "."
        )
        hidden = [b for b in sizes if self.data["tips_drawn"][str(b)] < sgd.GRADIENT_SAMPLES]
        if hidden:
            text += (
                " Tips beyond the plot are not drawn ("
                + ", ".join(
                    f"{sgd.GRADIENT_SAMPLES - self.data['tips_drawn'][str(b)]} for B = {b}"
                    for b in hidden
                )
                + ")."
            )
        return text

    def _paths_caption(self) -> str:
        p, r = self.params, self.picture.result
        if p.steps == 0:
            return "With steps = 0 no run moves from the start."
        sizes = ", ".join(str(b) for b in r.batch_sizes)
        steps = "1 step" if p.steps == 1 else f"{p.steps} steps"
        each = "for each batch size" if len(r.batch_sizes) > 1 else "with batch size"
        return (
            f"{steps} of SGD with η = {sig(p.lr)} {each} ({sizes}), each step on a fresh "
            "batch (a new shuffle every epoch); the loss plot shows the full-data loss "
            "above its minimum."
        )

    def _result_caption(self) -> str:
        p, r, d = self.params, self.picture.result, self.data
        parts = []
        for b in r.batch_sizes:
            if r.runs[b].diverged:
                parts.append(f"B = {b} diverged")
            else:
                parts.append(
                    f"B = {b} ends {sig(d[str(b)]['final_distance'], DIGITS)} from the fit"
                )
        text = "After the last step (|θ_T − θ*| in the table): " + "; ".join(parts) + "."
        far = d["start_distance"]
        full = r.n in r.batch_sizes and not r.runs[r.n].diverged
        if p.steps > 0 and full:
            on_fit = d[str(r.n)]["final_distance"] < NEAR * far
            text += f" The full batch (B = {r.n}) is plain gradient descent" + (
                ", on the fit." if on_fit else "."
            )
        small = [b for b in r.batch_sizes if b < r.n and not r.runs[b].diverged]
        # "Bouncing" only for runs that came near the optimum and are no longer at it.
        bouncing = [
            b
            for b in small
            if d[str(b)]["closest_distance"] < BOUNCE_NEAR * far
            and d[str(b)]["final_distance"] >= NEAR * far
        ]
        if p.steps >= 10 and bouncing and bouncing == small:
            text += (
                " The smaller batches keep bouncing around the optimum: their noise "
                "shrinks with B or η, not with more steps."
            )
        return text

    # -- checks ----------------------------------------------------------------------

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        roles = {
            f"B = {b}": c
            for b, c in zip(
                self.params.batch_sizes, batch_colours(len(self.params.batch_sizes)), strict=True
            )
        }
        roles["optimum, start and full gradient"] = PALETTE.text
        return roles

    def invariants(self, beat: str) -> list[Invariant]:
        """The star at lstsq and the start at (0, 0); in the gradients beat every tip at
        start - k g_S of its sample, every arrow from the start to its tip, the bold
        arrow at -k grad L; in the later beats each path's dots at its trajectory
        (inside the plot) and each loss line at its excess losses."""
        pic = self.picture
        frame = pic.frame
        d = self.data
        span = float(frame.box[0][1] - frame.box[0][0])
        atol = 1e-6 * span
        checks = [
            Invariant("star at lstsq", frame.p2c(pic.star.get_center()), d["lstsq"], atol=atol),
            Invariant("start dot", frame.p2c(pic.start_dot.get_center()), d["start"], atol=atol),
        ]
        start = np.array(d["start"])
        k = pic.scale
        if beat == "gradients":
            arrow = pic.full_arrow
            checks.append(
                Invariant(
                    "full arrow = -k grad L",
                    frame.p2c(arrow.get_end()) - frame.p2c(arrow.get_start()),
                    -k * np.array(d["full_gradient"]),
                    atol=atol,
                )
            )
            for art in pic.batches:
                samples = np.array(d["gradient_samples"][str(art.size)])
                drawn = np.array([frame.p2c(c) for c in dot_centres(art.tips)]).reshape(-1, 2)
                checks.append(
                    Invariant(
                        f"B = {art.size}: tips at start - k g_S",
                        drawn,
                        (start - k * samples[art.tip_index]).reshape(-1, 2),
                        atol=atol,
                    )
                )
                for a, i in zip(art.arrows, art.arrow_index, strict=True):
                    checks.append(
                        Invariant(
                            f"B = {art.size}: arrow {i} = -k g_S",
                            frame.p2c(a.get_end()) - frame.p2c(a.get_start()),
                            -k * samples[i],
                            atol=atol,
                        )
                    )
        if beat in ("paths", "result"):
            for art in pic.batches:
                run = d[str(art.size)]
                checks += art.path.invariants(f"B = {art.size}", np.array(run["trajectory"]))
                line = art.loss.line.points
                if len(line):
                    pts = np.array([pic.loss_frame.p2c(q) for q in line[::4]])
                    losses = d["excess_losses"][str(art.size)]
                    want = np.column_stack(
                        [np.arange(len(losses)), [pic.log_axis.position(x) for x in losses]]
                    )[: len(pts)]
                    checks.append(
                        Invariant(f"B = {art.size}: loss line at the excess losses", pts, want)
                    )
        return checks
