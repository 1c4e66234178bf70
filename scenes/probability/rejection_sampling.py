"""Rejection sampling.

Render it with plain Manim:
``manim -pql scenes/probability/rejection_sampling.py RejectionSampling``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
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
    Text,
    VGroup,
    VMobject,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/probability/rejection_sampling.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import distributions, inference, sampling
from mlmath_viz.random import generator
from scenes.kit.builders import stack
from scenes.kit.legends import dot_swatch
from scenes.kit.marks import circle_curves, dot_centres
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    cloud_points,
    curve_vertices,
    dot_cloud,
    formula_row,
    legend_row,
    panel_top,
    plot_curve,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    CURVE_POINTS,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    TICK_SIZE,
    panel_left,
)
from scenes.probability.common import (
    safe_plot_box,
    stage_sizes,
)
from scenes.probability.params import (
    RejectionSamplingParams,
)


@dataclass
class RejectionSetup:
    """The target f, the proposal g with its sampler, the tight M and the view."""

    target: distributions.Distribution
    proposal: distributions.Distribution
    propose: Callable[[int, np.random.Generator], np.ndarray]
    m_tight: float
    proposal_tex: str  # the proposal g as LaTeX
    lo: float
    hi: float


@dataclass
class RejectionPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot
    envelope: VMobject  # M g over ``curve_x``
    density: VMobject  # f over ``curve_x``
    curve_x: np.ndarray
    target: distributions.Distribution
    proposal: distributions.Distribution
    m: float
    accepted: np.ndarray  # per proposal: kept or not
    in_view: np.ndarray  # per proposal: inside the plot's x range
    acc_clouds: list[VMobject]  # one per stage
    rej_clouds: list[VMobject]  # one per stage


@dataclass
class RejectionPanel:
    """The panel's rows; ``box`` is the current readout, kept at ``anchor``."""

    title: Text
    rows: VGroup
    legend: VGroup
    box: VGroup
    anchor: np.ndarray
    verdict: VGroup


#: Accepted proposals: filled pen dots of stroke width 6, 3.6 px across at 480p.
ACCEPTED_WIDTH = 6.0
#: Rejected proposals: hollow rings of this radius (scene units; 6 px across at
#: 480p) drawn 2 px wide, so that they differ from the accepted dots by fill, not
#: only by hue (issue 17: red/green only).
RING_RADIUS = 0.05
RING_WIDTH = 3.4


def ring_cloud(points: np.ndarray, color: str) -> VMobject:
    """Many hollow rings as one VMobject (16 Bezier points a ring)."""
    rings = VMobject(stroke_color=color, stroke_width=RING_WIDTH, fill_opacity=0.0)
    pts = circle_curves(points, RING_RADIUS)
    if len(pts):
        rings.set_points(pts)
    return rings


def ring_swatch(color: str) -> Circle:
    """The legend swatch of a rejected proposal: a hollow ring."""
    return Circle(radius=0.075, stroke_color=color, stroke_width=RING_WIDTH, fill_opacity=0.0)


class RejectionSampling(MathScene):
    """Rejection sampling.

    Proposals are scattered uniformly under an envelope M g(x) that lies above the
    target density; the points under the target are kept and the rest fade, and the
    share accepted settles at one over M.
    """

    params_type = RejectionSamplingParams

    def construct(self) -> None:
        p: RejectionSamplingParams = self.params
        setup = self.choose_target()
        m = p.looseness * setup.m_tight * (1 + 1e-12)
        result = sampling.rejection_sample(
            setup.target.pdf, setup.propose, setup.proposal.pdf, m, p.proposals, generator(p.seed)
        )
        sizes = stage_sizes(p.proposals)
        self.data = self.sidecar(setup.target, m, result, sizes)
        self.picture = self.build_plot(setup, m, result, sizes)
        panel = self.panel = self.build_panel(setup)
        self.show_envelope(panel)
        for i, k in enumerate(sizes):
            self.propose_more(i, k, float(result.running_acceptance()[k - 1]), panel)
        self.keep_accepted(panel)

    def choose_target(self) -> RejectionSetup:
        """Beta under a uniform envelope, or a normal under a Cauchy one."""
        p: RejectionSamplingParams = self.params
        if p.target == "beta":
            target = distributions.make("beta", p.a, p.b)
            m_tight = target.density_peak()

            def propose(k: int, g: np.random.Generator) -> np.ndarray:
                return g.random(k)

            return RejectionSetup(
                target,
                distributions.make("uniform", 0.0, 1.0),
                propose,
                m_tight,
                r"U(0, 1)",
                0.0,
                1.0,
            )
        m_tight = sampling.normal_cauchy_envelope()

        def propose_cauchy(k: int, g: np.random.Generator) -> np.ndarray:
            return sampling.cauchy_inverse_cdf(g.random(k))

        return RejectionSetup(
            distributions.make("normal", 0.0, 1.0),
            distributions.make("cauchy", 0.0, 1.0),
            propose_cauchy,
            m_tight,
            r"\mathrm{Cauchy}(0, 1)",
            -4.0,
            4.0,
        )

    def sidecar(
        self,
        target: distributions.Distribution,
        m: float,
        result: sampling.RejectionResult,
        sizes: list[int],
    ) -> dict[str, object]:
        p: RejectionSamplingParams = self.params
        running = result.running_acceptance()
        kept = result.samples
        d, pv = inference.ks_test(kept, target.cdf) if kept.size else (float("nan"), float("nan"))
        return {
            "target": p.target,
            "target_parameters": [target.p1, target.p2],
            "envelope_factor": m,
            "expected_acceptance": 1.0 / m,
            "proposals": p.proposals,
            "accepted": int(result.accepted.sum()),
            "acceptance_rate": result.acceptance_rate,
            "stages": [
                {
                    "proposals": k,
                    "accepted": int(result.accepted[:k].sum()),
                    "acceptance_rate": float(running[k - 1]),
                }
                for k in sizes
            ],
            "ks_statistic": None if math.isnan(d) else d,
            "ks_pvalue": None if math.isnan(pv) else pv,
        }

    def build_plot(
        self,
        setup: RejectionSetup,
        m: float,
        result: sampling.RejectionResult,
        sizes: list[int],
    ) -> RejectionPicture:
        """The plot with f and M g, and per stage one cloud of filled accepted dots and
        one of hollow rejected rings."""
        xs = np.linspace(setup.lo, setup.hi, 4 * CURVE_POINTS)
        env = m * setup.proposal.pdf(xs)
        plot = Plot(
            setup.lo,
            setup.hi,
            1.05 * float(env.max()),
            box=safe_plot_box(),
            x_title="x",
            x_ticks=8,
            x_title_beside=True,  # M g's heavy tails are still high at the plot's ends
        )
        envelope = plot_curve(plot, xs, env, PALETTE.muted, width=LINE_WIDTH)
        density = plot_curve(plot, xs, setup.target.pdf(xs), PALETTE.density)
        in_view = (result.proposals >= plot.x_lo) & (result.proposals <= plot.x_hi)
        pts = plot.c2p(np.where(in_view, result.proposals, 0.0), result.heights)
        acc_clouds, rej_clouds = [], []
        previous = 0
        for k in sizes:
            idx = np.arange(previous, k)
            idx = idx[in_view[previous:k]]
            a_idx = idx[result.accepted[idx]]
            r_idx = idx[~result.accepted[idx]]
            acc_clouds.append(dot_cloud(pts[a_idx], PALETTE.accepted, width=ACCEPTED_WIDTH))
            rej_clouds.append(ring_cloud(pts[r_idx], PALETTE.rejected))
            previous = k
        return RejectionPicture(
            plot=plot,
            envelope=envelope,
            density=density,
            curve_x=xs,
            target=setup.target,
            proposal=setup.proposal,
            m=m,
            accepted=result.accepted,
            in_view=in_view,
            acc_clouds=acc_clouds,
            rej_clouds=rej_clouds,
        )

    def readout(self, k: int) -> VGroup:
        """How many of the first k proposals were kept, against 1/M."""
        acc = int(self.picture.accepted[:k].sum())
        return VGroup(
            text_row(f"accepted {acc} of {k}"),
            formula_row(
                rf"\text{{rate }} {latex_number(acc / k, 3)},\quad "
                rf"1/M = {latex_number(1 / self.picture.m, 3)}",
                PALETTE.accent,
                TICK_SIZE,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)

    def build_panel(self, setup: RejectionSetup) -> RejectionPanel:
        title = Text("Rejection sampling", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        rows = VGroup(
            formula_row(rf"f = {setup.target.label()}", PALETTE.density),
            formula_row(rf"M g,\ g = {setup.proposal_tex}", PALETTE.muted),
            formula_row(rf"M = {latex_number(self.picture.m, 3)}", PALETTE.muted),
            formula_row(r"\text{keep } x \text{ if } u\,M g(x) \le f(x)", PALETTE.text),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        # Accepted and rejected differ by fill as well as hue: filled dots, hollow rings.
        legend = VGroup(
            legend_row(dot_swatch(PALETTE.accepted), "accepted"),
            legend_row(ring_swatch(PALETTE.rejected), "rejected"),
        ).arrange(RIGHT, buff=0.4)
        box = self.readout(self.params.proposals)
        # The verdict names f, so it is set in LaTeX like the rows above it.
        verdict = VGroup(
            formula_row(r"\text{the kept points are}", PALETTE.text, TICK_SIZE),
            formula_row(r"\text{draws from } f", PALETTE.text, TICK_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        stack([title, rows, legend, box, verdict], top=panel_top(), left=panel_left(), gap=0.35)
        anchor = box.get_corner(UP + LEFT)
        return RejectionPanel(title, rows, legend, box, anchor, verdict)

    def show_envelope(self, panel: RejectionPanel) -> None:
        # The viewer learns the set-up: the target f under the envelope M g.
        pic = self.picture
        self.beat(
            "envelope",
            f"The target density f lies under the envelope M g(x) with M = "
            f"{format_number(pic.m, 3)}: proposals come from g, heights uniformly up to M g(x).",
        )
        self.play(FadeIn(pic.plot.group()), FadeIn(panel.title), run_time=0.8)
        self.play(
            Create(pic.envelope),
            Create(pic.density),
            FadeIn(panel.rows),
            FadeIn(panel.legend),
            run_time=1.4,
        )
        panel.box = self.readout(1).move_to(panel.anchor, aligned_edge=UP + LEFT)

    def propose_more(self, i: int, k: int, rate: float, panel: RejectionPanel) -> None:
        # The viewer sees more proposals: filled dots under f kept, hollow rings above
        # rejected, and the acceptance rate settling at 1/M.
        pic = self.picture
        self.beat(
            f"proposals-{k}",
            f"{k} proposals: points under f are kept (filled blue dots), the others "
            f"rejected (hollow rings); "
            f"the acceptance rate is {format_number(rate, 3)}, near 1/M = "
            f"{format_number(1 / pic.m, 3)}.",
        )
        self.remove(panel.box)
        panel.box = self.readout(k).move_to(panel.anchor, aligned_edge=UP + LEFT)
        self.add(panel.box)
        # A short fade, then the still clouds are drawn once per animation.
        self.play(FadeIn(pic.acc_clouds[i]), FadeIn(pic.rej_clouds[i]), run_time=0.6)
        self.bring_to_back(pic.acc_clouds[i], pic.rej_clouds[i])
        self.wait(1.0)

    def keep_accepted(self, panel: RejectionPanel) -> None:
        # The viewer learns the result: the kept points are draws from f.
        self.beat(
            "accepted",
            f"The rejected proposals fade; the {self.data['accepted']} accepted points fill "
            f"the area under f uniformly, so their x values are draws from f.",
        )
        self.play(
            *(c.animate.set_stroke(opacity=0.12) for c in self.picture.rej_clouds), run_time=0.6
        )
        self.play(FadeIn(panel.verdict, shift=0.2 * UP), run_time=0.8)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Curves at f and M g; every drawn accepted dot lies under f and every rejected
        ring above it; the drawn points are all the in-view proposals so far."""
        pic = self.picture
        plot = pic.plot
        checks = [
            Invariant(
                "envelope = M g",
                plot.p2c(curve_vertices(pic.envelope))[:, 1],
                np.minimum(pic.m * pic.proposal.pdf(pic.curve_x), plot.y_hi),
                atol=1e-6,
            ),
            Invariant(
                "density = f",
                plot.p2c(curve_vertices(pic.density))[:, 1],
                np.minimum(pic.target.pdf(pic.curve_x), plot.y_hi),
                atol=1e-6,
            ),
        ]
        if beat.startswith("proposals-") or beat == "accepted":
            k = self.data["proposals"] if beat == "accepted" else int(beat.split("-")[1])
            shown = [i for i, s in enumerate(self.data["stages"]) if s["proposals"] <= k]
            acc = np.vstack([cloud_points(pic.acc_clouds[i]) for i in shown])
            rej = np.vstack([dot_centres(pic.rej_clouds[i]) for i in shown])
            acc_xy, rej_xy = plot.p2c(acc), plot.p2c(rej)
            f_acc = pic.target.pdf(acc_xy[:, 0])
            f_rej = pic.target.pdf(rej_xy[:, 0])
            checks += [
                Invariant(
                    "accepted dots under f",
                    float(np.all(acc_xy[:, 1] <= f_acc + 1e-9)),
                    1.0,
                    atol=0,
                ),
                Invariant(
                    "rejected rings above f",
                    float(np.all(rej_xy[:, 1] > f_rej - 1e-9)),
                    1.0,
                    atol=0,
                ),
                Invariant(
                    "all in-view proposals drawn",
                    len(acc_xy) + len(rej_xy),
                    int(pic.in_view[:k].sum()),
                    atol=0,
                ),
                Invariant(
                    "accepted dots = accepted in view",
                    len(acc_xy),
                    int((pic.accepted[:k] & pic.in_view[:k]).sum()),
                    atol=0,
                ),
            ]
        return checks
