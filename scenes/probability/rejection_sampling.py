"""Rejection sampling.

Render it with plain Manim:
``manim -pql scenes/probability/rejection_sampling.py RejectionSampling``.
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
    UP,
    Create,
    FadeIn,
    Text,
    VGroup,
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
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    Plot,
    cloud_points,
    curve_vertices,
    dot_cloud,
    formula_row,
    legend_row,
    panel_top,
    plot_box,
    plot_curve,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    CURVE_POINTS,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    panel_left,
)
from scenes.probability.common import stage_sizes
from scenes.probability.params import (
    RejectionSamplingParams,
)


class RejectionSampling(MathScene):
    """Rejection sampling.

    Proposals are scattered uniformly under an envelope M g(x) that lies above the
    target density; the points under the target are kept and the rest fade, and the
    share accepted settles at one over M.
    """

    params_type = RejectionSamplingParams

    def construct(self) -> None:
        p: RejectionSamplingParams = self.params
        if p.target == "beta":
            target = distributions.make("beta", p.a, p.b)
            proposal = distributions.make("uniform", 0.0, 1.0)
            m_tight = target.density_peak()
            envelope_tex = rf"M \cdot U(0, 1),\ M = {latex_number(p.looseness * m_tight)}"

            def propose(k: int, g: np.random.Generator) -> np.ndarray:
                return g.random(k)

            lo, hi = 0.0, 1.0
        else:
            target = distributions.make("normal", 0.0, 1.0)
            proposal = distributions.make("cauchy", 0.0, 1.0)
            m_tight = sampling.normal_cauchy_envelope()
            envelope_tex = (
                rf"M \cdot \mathrm{{Cauchy}}(0, 1),\ M = {latex_number(p.looseness * m_tight)}"
            )

            def propose(k: int, g: np.random.Generator) -> np.ndarray:
                return sampling.cauchy_inverse_cdf(g.random(k))

            lo, hi = -4.0, 4.0
        m = p.looseness * m_tight * (1 + 1e-12)
        result = sampling.rejection_sample(
            target.pdf, propose, proposal.pdf, m, p.proposals, generator(p.seed)
        )
        running = result.running_acceptance()
        sizes = stage_sizes(p.proposals)
        kept = result.samples
        d, pv = inference.ks_test(kept, target.cdf) if kept.size else (float("nan"), float("nan"))
        self.data = {
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
        self.result, self.target, self.proposal, self.m = result, target, proposal, m

        # -- Layout.
        xs = np.linspace(lo, hi, 4 * CURVE_POINTS)
        env = m * proposal.pdf(xs)
        plot = Plot(lo, hi, 1.05 * float(env.max()), box=plot_box(), x_title="x", x_ticks=8)
        self.plot = plot
        self.curve_x = xs
        envelope = plot_curve(plot, xs, env, PALETTE.muted, width=3)
        density = plot_curve(plot, xs, target.pdf(xs), PALETTE.density)
        self.envelope, self.density = envelope, density
        in_view = (result.proposals >= plot.x_lo) & (result.proposals <= plot.x_hi)
        self.in_view = in_view
        pts = plot.c2p(np.where(in_view, result.proposals, 0.0), result.heights)
        acc_clouds, rej_clouds = [], []
        previous = 0
        for k in sizes:
            idx = np.arange(previous, k)
            idx = idx[in_view[previous:k]]
            a_idx = idx[result.accepted[idx]]
            r_idx = idx[~result.accepted[idx]]
            acc_clouds.append(dot_cloud(pts[a_idx], PALETTE.accepted, width=4))
            rej_clouds.append(dot_cloud(pts[r_idx], PALETTE.rejected, width=4))
            previous = k
        self.acc_clouds, self.rej_clouds = acc_clouds, rej_clouds

        # -- Panel.
        left = panel_left()
        title = Text("Rejection sampling", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        rows = VGroup(
            formula_row(rf"f = {target.label()}", PALETTE.density),
            formula_row(envelope_tex, PALETTE.muted),
            formula_row(r"\text{keep } x \text{ if } u\,M g(x) \le f(x)", PALETTE.text),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        for row in rows:
            if row.width > PANEL_WIDTH:
                row.scale_to_fit_width(PANEL_WIDTH)
        legend = VGroup(
            legend_row(dot_swatch(PALETTE.accepted), "accepted"),
            legend_row(dot_swatch(PALETTE.rejected), "rejected"),
        ).arrange(RIGHT, buff=0.4)

        def readout(k: int) -> VGroup:
            acc = int(result.accepted[:k].sum())
            return VGroup(
                text_row(f"accepted {acc} of {k}"),
                text_row(
                    f"rate {format_number(acc / k, 3)}, 1/M = {format_number(1 / m, 3)}",
                    PALETTE.accent,
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)

        box = readout(p.proposals)
        verdict = Text(
            "the kept points are\ndraws from f",
            font_size=TEXT_SIZE,
            color=PALETTE.text,
            line_spacing=0.8,
        )
        stack([title, rows, legend, box, verdict], top=panel_top(), left=left, gap=0.35)
        anchor = box.get_corner(UP + LEFT)

        # -- Beat 1: target and envelope.
        self.beat(
            "envelope",
            f"The target density f lies under the envelope M g(x) with M = "
            f"{format_number(m, 3)}: proposals come from g, heights uniformly up to M g(x).",
        )
        self.play(FadeIn(plot.group()), FadeIn(title), run_time=0.8)
        self.play(Create(envelope), Create(density), FadeIn(rows), FadeIn(legend), run_time=1.4)

        # -- Beats 2..: more proposals; the acceptance rate settles.
        box = readout(1).move_to(anchor, aligned_edge=UP + LEFT)
        for i, k in enumerate(sizes):
            rate = float(running[k - 1])
            self.beat(
                f"proposals-{k}",
                f"{k} proposals: points under f are kept (green), the others rejected (red); "
                f"the acceptance rate is {format_number(rate, 3)}, near 1/M = "
                f"{format_number(1 / m, 3)}.",
            )
            self.remove(box)
            box = readout(k).move_to(anchor, aligned_edge=UP + LEFT)
            self.add(box)
            # A short fade, then the still clouds are drawn once per animation.
            self.play(FadeIn(acc_clouds[i]), FadeIn(rej_clouds[i]), run_time=0.6)
            self.bring_to_back(acc_clouds[i], rej_clouds[i])
            self.wait(1.0)

        # -- Last beat: the rejected fade, the accepted remain.
        self.beat(
            "accepted",
            f"The rejected proposals fade; the {self.data['accepted']} accepted points fill "
            f"the area under f uniformly, so their x values are draws from f.",
        )
        self.play(*(c.animate.set_stroke(opacity=0.12) for c in rej_clouds), run_time=0.6)
        self.play(FadeIn(verdict, shift=0.2 * UP), run_time=0.8)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Curves at f and M g; every drawn green point lies under f and every red one
        above it; the drawn points are all the in-view proposals so far."""
        plot = self.plot
        checks = [
            Invariant(
                "envelope = M g",
                plot.p2c(curve_vertices(self.envelope))[:, 1],
                np.minimum(self.m * self.proposal.pdf(self.curve_x), plot.y_hi),
                atol=1e-6,
            ),
            Invariant(
                "density = f",
                plot.p2c(curve_vertices(self.density))[:, 1],
                np.minimum(self.target.pdf(self.curve_x), plot.y_hi),
                atol=1e-6,
            ),
        ]
        if beat.startswith("proposals-") or beat == "accepted":
            k = self.data["proposals"] if beat == "accepted" else int(beat.split("-")[1])
            shown = [i for i, s in enumerate(self.data["stages"]) if s["proposals"] <= k]
            acc = np.vstack([cloud_points(self.acc_clouds[i]) for i in shown])
            rej = np.vstack([cloud_points(self.rej_clouds[i]) for i in shown])
            acc_xy, rej_xy = plot.p2c(acc), plot.p2c(rej)
            f_acc = self.target.pdf(acc_xy[:, 0])
            f_rej = self.target.pdf(rej_xy[:, 0])
            checks += [
                Invariant(
                    "green points under f", float(np.all(acc_xy[:, 1] <= f_acc + 1e-9)), 1.0, atol=0
                ),
                Invariant(
                    "red points above f", float(np.all(rej_xy[:, 1] > f_rej - 1e-9)), 1.0, atol=0
                ),
                Invariant(
                    "all in-view proposals drawn",
                    len(acc_xy) + len(rej_xy),
                    int(self.in_view[:k].sum()),
                    atol=0,
                ),
                Invariant(
                    "green count = accepted in view",
                    len(acc_xy),
                    int((self.result.accepted[:k] & self.in_view[:k]).sum()),
                    atol=0,
                ),
            ]
        return checks
