"""Maximum likelihood and MAP estimation of a normal model on Iris data.

Render it with plain Manim: ``manim -pql scenes/statistics/maximum_likelihood.py
MaximumLikelihood``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Mobject,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/statistics/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import likelihood
from scenes.kit.builders import stack
from scenes.kit.marks import dot_centres, dot_cloud
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel_rows import formula, remark
from scenes.kit.plots import PlotFrame, plot_frame
from scenes.kit.plotting import (
    Plot,
    curve_vertices,
    formula_row,
    panel_title,
    panel_top,
    plot_box,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    CURVE_POINTS,
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    PALETTE,
    TICK_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.parameters.data import dropped_note, screen_name
from scenes.parameters.group_rows import group_json, items, subject, unit_text
from scenes.statistics.params import MaximumLikelihoodParams

#: The sigma beat sweeps sigma over [SIGMA_LO, SIGMA_HI] times the MLE std.
SIGMA_LO, SIGMA_HI = 0.6, 2.4
#: The prior beat shows each log density down to DROP below its peak.
DROP = 6.0
#: Height of the bottom plot's frame and the gap above it for the peak labels.
LOWER_HEIGHT = 2.3
LABEL_ROW = 0.40
LABEL_ROWS = 3


def data_colour() -> str:
    return PALETTE.sample


def model_colour() -> str:
    return PALETTE.density


def likelihood_colour() -> str:
    return PALETTE.series[4]


def prior_colour() -> str:
    return PALETTE.series[2]


def posterior_colour() -> str:
    return PALETTE.series[5]


@dataclass
class Lower:
    """The plot under the data: one per beat (l of mu, l of sigma, the relative log
    densities of mu), with its curves and peak marks."""

    frame: PlotFrame
    titles: VGroup
    curves: dict[str, VMobject] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)  # role -> x of its mark
    marks: VGroup = field(default_factory=VGroup)


@dataclass
class LikelihoodPicture:
    """What the invariants read from the drawn picture."""

    plot: Plot  # the measurement axis with the data and the model density
    dots: VMobject
    model: VMobject  # N(mu, sigma^2) on the data's axis
    model_at: tuple[float, float]  # the (mu, sigma) the model curve is drawn at
    lower: Lower
    panel: VGroup = field(default_factory=VGroup)


class MaximumLikelihood(MathScene):
    """Maximum likelihood and MAP estimation of a normal model.

    A normal curve slides over fifty measured flowers: the log-likelihood peaks at the
    sample mean and the 1/n standard deviation, its negative is squared error, and a
    normal prior moves the peak to the MAP estimate between the prior mean and the data.
    """

    params_type = MaximumLikelihoodParams

    def construct(self) -> None:
        p: MaximumLikelihoodParams = self.params
        self.table = p.table()  # the species' flowers, or the rows of a CSV file's group
        self.unit = unit_text(self.table)
        self.items = items(self.table)
        self.x = self.table.frame[p.feature].to_numpy(dtype=float)
        self.fit = likelihood.fit_normal(self.x, p.prior_mean, p.prior_sd)
        plot = self.data_plot()
        self.mu_grid = np.linspace(plot.x_lo, plot.x_hi, CURVE_POINTS)
        self.sigma_grid = np.linspace(
            SIGMA_LO * self.fit.mle_std, SIGMA_HI * self.fit.mle_std, CURVE_POINTS
        )
        self.data = self.sidecar()
        self.picture = LikelihoodPicture(
            plot=plot,
            dots=self.data_dots(plot),
            model=VMobject(stroke_color=model_colour(), stroke_width=4),
            model_at=(plot.x_lo, self.fit.mle_std),
            lower=self.mu_plot(plot),
        )
        self.set_model(plot.x_lo, self.fit.mle_std)
        self.slide_mean()
        self.vary_sigma()
        self.add_prior()

    # ------------------------------------------------------------------ numbers

    def sidecar(self) -> dict[str, object]:
        p: MaximumLikelihoodParams = self.params
        f = self.fit
        return {
            "species": p.species,
            "feature": p.feature,
            "n": f.n,
            "values": self.x.tolist(),
            "mle_mean": f.mle_mean,
            "mle_std": f.mle_std,
            "log_likelihood_at_mle": f.log_likelihood_at_mle,
            "sse_at_mle": float(likelihood.sse(self.x, f.mle_mean)),
            "prior_mean": p.prior_mean,
            "prior_sd": p.prior_sd,
            "map_mean": f.map_mean,
            "posterior_sd": f.posterior_sd,
            "data_weight": f.data_weight,
            "data_precision": f.data_precision,
            "prior_precision": f.prior_precision,
            "map_equals_mle_to_2_decimals": _same(f.map_mean, f.mle_mean),
            "profile_mu": {
                "mu": self.mu_grid.tolist(),
                "log_likelihood": likelihood.log_likelihood(
                    self.x, self.mu_grid, f.mle_std
                ).tolist(),
            },
            "profile_sigma": {
                "sigma": self.sigma_grid.tolist(),
                "log_likelihood": likelihood.log_likelihood(
                    self.x, f.mle_mean, self.sigma_grid
                ).tolist(),
            },
            **group_json(p.group_column, p.group),
            "data_source": self.table.source.to_json(),
        }

    # ------------------------------------------------------------------ building

    def data_plot(self) -> Plot:
        """The measurement axis (cm) over the data, tall enough for the narrowest model
        density of the sigma beat."""
        left, right, _, top = plot_box()
        bottom = self.lower_top() + LABEL_ROWS * LABEL_ROW + 0.1
        lo, hi = float(self.x.min()), float(self.x.max())
        pad = 0.1 * (hi - lo)
        peak = float(likelihood.normal_pdf(0.0, 0.0, SIGMA_LO * self.fit.mle_std))
        p: MaximumLikelihoodParams = self.params
        return Plot(
            lo - pad,
            hi + pad,
            1.08 * peak,
            box=(left + 0.6, right, bottom, top - 0.1),  # room for the lower plot's y labels
            y_title=f"density of {screen_name(p.feature)}"
            + (f" ({self.unit})" if self.unit else ""),
            x_ticks=7,
            y_ticks=3,
        )

    def lower_top(self) -> float:
        return -frame_half_height() + FRAME_MARGIN_Y + 0.45 + LOWER_HEIGHT

    def data_dots(self, plot: Plot) -> VMobject:
        """The 50 values as a dot strip above the axis; tied values stack upwards."""
        values, counts = np.unique(self.x, return_counts=True)
        room = 0.7 * (plot.c2p(0.0, plot.y_hi)[1] - plot.c2p(0.0, 0.0)[1])
        step = min(0.13, room / max(1, int(counts.max())))
        radius = max(0.03, min(0.055, 0.48 * step))  # at least 3 px across at 480p
        step = max(step, 2.1 * radius)
        pts = []
        for v, c in zip(values, counts, strict=True):
            base = plot.c2p(float(v), 0.0)
            for k in range(int(c)):
                pts.append(base + (radius + 0.03 + k * step) * UP)
        return dot_cloud(np.array(pts), data_colour(), radius=radius)

    def frame_under(
        self, plot: Plot, x_lo: float, x_hi: float, y_lo: float, y_hi: float
    ) -> PlotFrame:
        """A framed plot of ``[x_lo, x_hi] x [y_lo, y_hi]`` under the data, its left and
        right edges those of the data axis."""
        left = float(plot.c2p(plot.x_lo, 0.0)[0])
        right = float(plot.c2p(plot.x_hi, 0.0)[0])
        top = self.lower_top()
        return plot_frame(
            ((x_lo, x_hi), (y_lo, y_hi)),
            right - left,
            LOWER_HEIGHT,
            ((left + right) / 2, top - LOWER_HEIGHT / 2),
            x_ticks=6,
            y_ticks=3,
        )

    def titled(self, frame: PlotFrame, y_title: str) -> VGroup:
        """The lower plot's name, above its top-left corner."""
        (x0, _), (_, y1) = frame.box
        y_label = formula_row(y_title, PALETTE.muted, size=TICK_SIZE)
        y_label.next_to(frame.c2p([(x0, y1)])[0], UP + RIGHT, buff=0.08)
        y_label.shift(0.08 * LEFT)
        return VGroup(y_label)

    def mu_plot(self, plot: Plot) -> Lower:
        """l(mu) at sigma = the MLE std, over the data axis' range."""
        ll = likelihood.log_likelihood(self.x, self.mu_grid, self.fit.mle_std)
        lo, hi = float(ll.min()), float(ll.max())
        frame = self.frame_under(
            plot, plot.x_lo, plot.x_hi, lo - 0.05 * (hi - lo), hi + 0.12 * (hi - lo)
        )
        return Lower(frame, self.titled(frame, r"\ell(\mu)"))

    def sigma_plot(self, plot: Plot) -> Lower:
        """l(sigma) at mu = the sample mean."""
        ll = likelihood.log_likelihood(self.x, self.fit.mle_mean, self.sigma_grid)
        lo, hi = float(ll.min()), float(ll.max())
        left = float(plot.c2p(plot.x_lo, 0.0)[0])
        right = float(plot.c2p(plot.x_hi, 0.0)[0])
        top = self.lower_top()
        frame = plot_frame(
            (
                (float(self.sigma_grid[0]), float(self.sigma_grid[-1])),
                (lo - 0.05 * (hi - lo), hi + 0.12 * (hi - lo)),
            ),
            right - left,
            LOWER_HEIGHT,
            ((left + right) / 2, top - LOWER_HEIGHT / 2),
            x_ticks=6,
            y_ticks=3,
        )
        return Lower(frame, self.titled(frame, r"\ell(\sigma)"))

    def posterior_plot(self, plot: Plot) -> Lower:
        """The log-likelihood, log-prior and log-posterior of mu, each minus its peak,
        down to DROP: three parabolas whose curvatures (precisions) add."""
        f = self.fit
        reach = np.sqrt(2 * DROP)
        like_sd = f.mle_std / np.sqrt(f.n)
        xs = [
            f.mle_mean - reach * like_sd,
            f.mle_mean + reach * like_sd,
            f.map_mean - reach * f.posterior_sd,
            f.map_mean + reach * f.posterior_sd,
            f.prior_mean,
        ]
        lo, hi = min(xs), max(xs)
        pad = 0.08 * (hi - lo)
        frame = self.frame_under(plot, lo - pad, hi + pad, -DROP, 0.0)
        return Lower(frame, self.titled(frame, r"\log p(\mu) - \max"))

    def set_model(self, mu: float, sigma: float) -> None:
        """Draw the model density N(mu, sigma^2) on the data axis."""
        pic = self.picture
        plot = pic.plot
        y = likelihood.normal_pdf(self.mu_grid, mu, sigma)
        pic.model.set_points_as_corners(plot.c2p(self.mu_grid, np.minimum(y, plot.y_hi)))
        pic.model_at = (mu, sigma)

    def trace(self, lower: Lower, xs: np.ndarray, ys: np.ndarray, colour: str) -> VMobject:
        """A curve on the lower frame (at least two points)."""
        curve = VMobject(stroke_color=colour, stroke_width=4)
        if len(xs) < 2:
            xs = np.array([xs[0], xs[0] + 1e-9]) if len(xs) else np.array([0.0, 1e-9])
            ys = np.array([ys[0], ys[0]]) if len(ys) else np.zeros(2)
        curve.set_points_as_corners(lower.frame.c2p(np.column_stack([xs, ys])))
        return curve

    def peak_marks(self, lower: Lower, peaks: list[tuple[str, float, str, str]]) -> VGroup:
        """A dashed line at each peak from the frame's bottom to its top and a label
        above the frame; labels that would overlap go one row higher."""
        _, (y0, y1) = lower.frame.box
        marks = VGroup()
        placed: list[Mobject] = list(lower.titles)
        for role, x, tex, colour in peaks:
            lower.peaks[role] = x
            line = DashedLine(
                lower.frame.c2p([(x, y0)])[0],
                lower.frame.c2p([(x, y1)])[0],
                stroke_color=colour,
                stroke_width=4,
            )
            label = formula_row(tex, colour, size=TICK_SIZE)
            clashes = []
            for row in range(LABEL_ROWS):
                label.next_to(line.get_end(), UP, buff=0.08 + row * LABEL_ROW)
                _keep_inside(label, lower.frame)
                clashes.append(sum(_overlap(label, other) for other in placed))
                if clashes[-1] == 0:
                    break
            best = int(np.argmin(clashes))
            label.next_to(line.get_end(), UP, buff=0.08 + best * LABEL_ROW)
            _keep_inside(label, lower.frame)
            placed.append(label)
            marks.add(VGroup(line, label))
        return marks

    def panel_head(self) -> VGroup:
        title = panel_title("Maximum likelihood")
        rows = [
            title,
            *self.head_rows(),
            formula(r"\ell = \textstyle\sum_i \log \mathcal{N}(x_i;\mu,\sigma^2)"),
        ]
        return stack(rows, top=panel_top(), left=panel_left(), gap=0.2)

    # ------------------------------------------------------------------ beats

    def slide_mean(self) -> None:
        # The viewer sees l(mu) traced as the curve slides, highest where it sits on the data.
        pic, f = self.picture, self.fit
        plot, lower = pic.plot, pic.lower
        head = self.panel_head()
        self.beat(
            "mean",
            f"A normal curve with σ = {format_number(f.mle_std)} slides along μ over the "
            f"{self.rows_text()}; the log-likelihood ℓ(μ) below is highest at the sample mean "
            f"μ̂ = x̄ = {self.amount(f.mle_mean)}.{self.dropped_sentence()}",
        )
        self.play(FadeIn(plot.group()), FadeIn(pic.dots), FadeIn(head), run_time=1.0)
        self.play(FadeIn(lower.frame.group), FadeIn(lower.titles), run_time=0.6)
        mu = ValueTracker(plot.x_lo)
        ll = likelihood.log_likelihood(self.x, self.mu_grid, f.mle_std)
        traced = self.trace(lower, self.mu_grid[:1], ll[:1], likelihood_colour())
        dot = Dot(
            lower.frame.c2p([(self.mu_grid[0], ll[0])])[0], radius=0.07, color=likelihood_colour()
        )

        def follow(_: Mobject) -> None:
            m = mu.get_value()
            self.set_model(m, f.mle_std)
            k = int(np.searchsorted(self.mu_grid, m, side="right"))
            xs = np.append(self.mu_grid[:k], m)
            ys = likelihood.log_likelihood(self.x, xs, f.mle_std)
            traced.set_points_as_corners(lower.frame.c2p(np.column_stack([xs, ys])))
            dot.move_to(lower.frame.c2p([(m, float(ys[-1]))])[0])

        pic.model.add_updater(follow)
        self.add(pic.model, traced, dot)
        self.play(mu.animate.set_value(plot.x_hi), run_time=3.0, rate_func=linear)
        pic.model.remove_updater(follow)
        # the whole curve, and the model back at the peak
        full = self.trace(lower, self.mu_grid, ll, likelihood_colour())
        self.remove(traced)
        self.add(full)
        lower.curves["likelihood"] = full
        self.play(
            dot.animate.move_to(lower.frame.c2p([(f.mle_mean, f.log_likelihood_at_mle)])[0]),
            run_time=0.8,
        )
        self.set_model(f.mle_mean, f.mle_std)
        lower.marks = self.peak_marks(
            lower,
            [("mle", f.mle_mean, rf"\bar x = {latex_number(f.mle_mean)}", likelihood_colour())],
        )
        self.lower_dot = dot
        row = formula(rf"\hat\mu = \bar x = {latex_number(f.mle_mean)}", likelihood_colour())
        pic.panel = VGroup(head, row)
        stack([row], top=head.get_bottom()[1] - 0.25, left=panel_left())
        self.play(Create(lower.marks), FadeIn(row), run_time=0.8)
        self.wait(0.8)

    def vary_sigma(self) -> None:
        # The viewer sees l(sigma) peak at the 1/n standard deviation, and -l as squared error.
        pic, f = self.picture, self.fit
        plot = pic.plot
        old = pic.lower
        lower = self.sigma_plot(plot)
        self.beat(
            "sigma",
            f"At μ = x̄ the log-likelihood in σ peaks at σ̂ = {self.amount(f.mle_std)}, "
            f"the standard deviation with 1/n; −ℓ is (n/2)·log(2πσ²) plus the squared error "
            f"over 2σ², so maximising ℓ in μ is least squares.",
        )
        self.play(
            FadeOut(
                VGroup(old.frame.group, old.titles, old.marks, self.lower_dot, *old.curves.values())
            ),
            run_time=0.6,
        )
        pic.lower = lower
        self.play(FadeIn(lower.frame.group), FadeIn(lower.titles), run_time=0.6)
        sigma = ValueTracker(float(self.sigma_grid[0]))
        ll = likelihood.log_likelihood(self.x, f.mle_mean, self.sigma_grid)
        traced = self.trace(lower, self.sigma_grid[:1], ll[:1], likelihood_colour())

        def follow(_: Mobject) -> None:
            s = sigma.get_value()
            self.set_model(f.mle_mean, s)
            k = int(np.searchsorted(self.sigma_grid, s, side="right"))
            xs = np.append(self.sigma_grid[:k], s)
            ys = likelihood.log_likelihood(self.x, f.mle_mean, xs)
            traced.set_points_as_corners(lower.frame.c2p(np.column_stack([xs, ys])))

        pic.model.add_updater(follow)
        self.add(traced)
        self.play(
            sigma.animate.set_value(float(self.sigma_grid[-1])), run_time=2.5, rate_func=linear
        )
        pic.model.remove_updater(follow)
        full = self.trace(lower, self.sigma_grid, ll, likelihood_colour())
        self.remove(traced)
        self.add(full)
        lower.curves["likelihood"] = full
        self.set_model(f.mle_mean, f.mle_std)
        lower.marks = self.peak_marks(
            lower,
            [
                (
                    "mle_std",
                    f.mle_std,
                    rf"\hat\sigma = {latex_number(f.mle_std)}",
                    likelihood_colour(),
                )
            ],
        )
        rows = [
            formula(r"\hat\sigma^2 = \textstyle\sum_i (x_i - \bar x)^2 / n"),
            formula(rf"\hat\sigma = {latex_number(f.mle_std)}", likelihood_colour()),
            formula(r"-\ell = (n/2) \log(2\pi\sigma^2)"),
            formula(r"\quad + \textstyle\sum_i (x_i - \mu)^2 / (2\sigma^2)"),
            formula(rf"\ell(\hat\mu, \hat\sigma) = {latex_number(f.log_likelihood_at_mle)}"),
            formula(r"\text{best } \mu\text{: least } \textstyle\sum_i (x_i - \mu)^2"),
        ]
        stack(rows, top=pic.panel.get_bottom()[1] - 0.2, left=panel_left(), gap=0.16)
        self.play(Create(lower.marks), FadeIn(VGroup(*rows)), run_time=0.9)
        pic.panel.add(*rows)
        self.wait(1.0)

    def add_prior(self) -> None:
        # The viewer sees the prior's and the data's log densities add: the MAP sits between.
        pic, f = self.picture, self.fit
        p: MaximumLikelihoodParams = self.params
        old = pic.lower
        lower = self.posterior_plot(pic.plot)
        self.beat("prior", self.prior_caption())
        self.play(
            FadeOut(VGroup(old.frame.group, old.titles, old.marks, *old.curves.values())),
            FadeOut(VGroup(*pic.panel[2:])),
            run_time=0.6,
        )
        pic.panel = VGroup(*pic.panel[:2])
        pic.lower = lower
        (x0, x1), _ = lower.frame.box
        grid = np.linspace(x0, x1, 4 * CURVE_POINTS)
        roles = (
            ("likelihood", f.mle_mean, f.mle_std / np.sqrt(f.n), likelihood_colour()),
            ("prior", f.prior_mean, f.prior_sd, prior_colour()),
            ("posterior", f.map_mean, f.posterior_sd, posterior_colour()),
        )
        for role, centre, sd, colour in roles:
            xs = _span(grid, centre, sd)
            lower.curves[role] = self.trace(
                lower, xs, likelihood.relative_log_density(xs, centre, sd), colour
            )
        peaks = [("mle", f.mle_mean, r"\bar x", likelihood_colour())]
        if not _same(f.prior_mean, f.mle_mean):
            peaks.append(("prior", f.prior_mean, "m", prior_colour()))
        if _same(f.map_mean, f.mle_mean):
            peaks[0] = ("mle", f.mle_mean, r"\hat\mu_{\mathrm{MAP}} = \bar x", likelihood_colour())
            lower.peaks["map"] = f.map_mean
        elif _same(f.map_mean, f.prior_mean):
            peaks[-1] = ("prior", f.prior_mean, r"\hat\mu_{\mathrm{MAP}} = m", prior_colour())
            lower.peaks["map"] = f.map_mean
        else:
            peaks.append(("map", f.map_mean, r"\hat\mu_{\mathrm{MAP}}", posterior_colour()))
        lower.marks = self.peak_marks(lower, peaks)
        rows = [
            formula(r"\text{prior } \mu \sim \mathcal N(m, s^2)", prior_colour()),
            formula(
                rf"m = {latex_number(p.prior_mean)},\ s = {latex_number(p.prior_sd)}",
                prior_colour(),
            ),
            formula(r"\hat\mu_{\mathrm{MAP}} = w\,\bar x + (1 - w)\,m"),
            formula(r"w = (n/\hat\sigma^2) / (n/\hat\sigma^2 + 1/s^2)"),
            formula(
                rf"\hat\mu_{{\mathrm{{MAP}}}} = {latex_number(f.map_mean)}", posterior_colour()
            ),
            formula(rf"w = {latex_number(f.data_weight)}"),
            formula(rf"\text{{posterior sd}} = {latex_number(f.posterior_sd)}", posterior_colour()),
        ]
        stack(rows, top=pic.panel.get_bottom()[1] - 0.2, left=panel_left(), gap=0.16)
        self.play(FadeIn(lower.frame.group), FadeIn(lower.titles), run_time=0.6)
        self.play(Create(lower.curves["likelihood"]), run_time=0.8)
        self.play(Create(lower.curves["prior"]), FadeIn(VGroup(*rows[:2])), run_time=0.8)
        self.play(Create(lower.curves["posterior"]), FadeIn(VGroup(*rows[2:])), run_time=1.0)
        self.play(Create(lower.marks), run_time=0.8)
        pic.panel.add(*rows)
        self.wait(1.5)

    # ------------------------------------------------------------------ words

    def prior_caption(self) -> str:
        f = self.fit
        w = f.data_weight
        why = (
            f"n/σ̂² = {format_number(f.data_precision)} against 1/s² = "
            f"{format_number(f.prior_precision)}"
        )
        if _same(f.map_mean, f.mle_mean):
            return (
                f"The prior N({format_number(f.prior_mean)}, {format_number(f.prior_sd)}²) is "
                f"too wide to matter ({why}): the MAP equals the MLE, "
                f"{self.amount(f.map_mean)}, to 2 decimals."
            )
        closer = "the sample mean" if w > 0.5 else "the prior mean"
        reason = (
            f"the {f.n} {self.items} outweigh the prior"
            if w > 0.5
            else "the narrow prior outweighs the data"
        )
        return (
            f"Adding the log-prior, the log-posterior peaks at μ̂_MAP = "
            f"{self.amount(f.map_mean)}, between m = {format_number(f.prior_mean)} and "
            f"x̄ = {format_number(f.mle_mean)}, closer to {closer}: {reason} ({why})."
        )

    def amount(self, value: float) -> str:
        """A value of the fitted column with its unit (cm for Iris, none for a file)."""
        text = format_number(value)
        return f"{text} {self.unit}" if self.unit else text

    def head_rows(self) -> list[Mobject]:
        """The panel's rows under the title: which rows, which column (and the rows
        dropped for a missing value, for a file)."""
        p: MaximumLikelihoodParams = self.params
        if not self.table.from_file:
            return [
                remark(f"{self.fit.n} {p.species} flowers:"),
                remark(f"{p.feature.replace('_', ' ')} in cm"),
            ]
        rows = [
            remark(f"{subject(self.table, p.species, p.group_column, p.group, self.fit.n)}:"),
            remark(screen_name(p.feature)),
        ]
        note = dropped_note(self.table.source)
        if note:  # on two lines: one is wider than the panel
            rows.append(remark(note.replace(" (", "\n(")))
        return rows

    def rows_text(self) -> str:
        """The rows fitted, with their count: "50 flowers", "46 rows with section B"."""
        p: MaximumLikelihoodParams = self.params
        if not self.table.from_file:
            return f"{self.fit.n} flowers"
        return subject(self.table, p.species, p.group_column, p.group, self.fit.n)

    def dropped_sentence(self) -> str:
        note = dropped_note(self.table.source)
        return f" {note}." if note else ""

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        roles = {"data": data_colour(), "model": model_colour(), "likelihood": likelihood_colour()}
        if beat == "prior":
            roles["prior"] = prior_colour()
            roles["posterior"] = posterior_colour()
        return roles

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The dots are the data, the model curve the fitted normal, the lower curves the
        log densities of the sidecar, and the marks at their peaks."""
        pic, f = self.picture, self.fit
        plot, lower = pic.plot, pic.lower
        dots_x = np.sort(plot.p2c(dot_centres(pic.dots))[:, 0])
        model = plot.p2c(curve_vertices(pic.model))
        checks = [
            Invariant(
                "the dots are the 50 values", dots_x.tolist(), np.sort(self.x).tolist(), atol=1e-9
            ),
            Invariant(
                "the model is drawn at the MLE",
                list(pic.model_at),
                [f.mle_mean, f.mle_std],
                atol=1e-12,
            ),
            Invariant(
                "the model curve is N(mle_mean, mle_std^2)",
                float(
                    np.max(
                        np.abs(
                            model[:, 1]
                            - np.minimum(
                                likelihood.normal_pdf(model[:, 0], f.mle_mean, f.mle_std), plot.y_hi
                            )
                        )
                    )
                ),
                0.0,
                atol=1e-6,
            ),
        ]
        xy = _frame_coords(lower.frame, lower.curves["likelihood"])
        if beat == "mean":
            want = likelihood.log_likelihood(self.x, xy[:, 0], f.mle_std)
            checks += [
                Invariant(
                    "the curve is l(mu)", float(np.max(np.abs(xy[:, 1] - want))), 0.0, atol=1e-6
                ),
                Invariant(
                    "the mark is at the sample mean",
                    lower.peaks["mle"],
                    self.data["mle_mean"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        elif beat == "sigma":
            want = likelihood.log_likelihood(self.x, f.mle_mean, xy[:, 0])
            checks += [
                Invariant(
                    "the curve is l(sigma)", float(np.max(np.abs(xy[:, 1] - want))), 0.0, atol=1e-6
                ),
                Invariant(
                    "the mark is at the MLE std",
                    lower.peaks["mle_std"],
                    self.data["mle_std"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        else:
            for role, centre, sd in (
                ("likelihood", f.mle_mean, f.mle_std / np.sqrt(f.n)),
                ("prior", f.prior_mean, f.prior_sd),
                ("posterior", f.map_mean, f.posterior_sd),
            ):
                xy = _frame_coords(lower.frame, lower.curves[role])
                want = likelihood.relative_log_density(xy[:, 0], centre, sd)
                checks.append(
                    Invariant(
                        f"the {role} curve", float(np.max(np.abs(xy[:, 1] - want))), 0.0, atol=1e-6
                    )
                )
            checks.append(
                Invariant(
                    "the MAP mark", lower.peaks["map"], self.data["map_mean"], atol=GEOMETRY_ATOL
                )
            )
        return checks


def _same(a: float, b: float) -> bool:
    """Equal when both are shown to 2 decimals."""
    return f"{a:.2f}" == f"{b:.2f}"


def _span(grid: np.ndarray, centre: float, sd: float) -> np.ndarray:
    """The grid points where -(x - centre)^2 / (2 sd^2) >= -DROP, with the two ends of
    that interval (cut to the grid) and the centre itself, sorted."""
    reach = sd * np.sqrt(2 * DROP)
    a, b = max(grid[0], centre - reach), min(grid[-1], centre + reach)
    if a >= b:
        return np.array([a, a + 1e-9])
    inner = grid[(grid > a) & (grid < b)]
    extra = [a, b] + ([centre] if a < centre < b else [])
    return np.unique(np.concatenate([inner, extra]))


def _frame_coords(frame: PlotFrame, curve: VMobject) -> np.ndarray:
    pts = curve_vertices(curve)
    return np.array([frame.p2c(q) for q in pts])


def _overlap(a: Mobject, b: Mobject) -> bool:
    return bool(
        a.get_left()[0] < b.get_right()[0] + 0.08
        and b.get_left()[0] < a.get_right()[0] + 0.08
        and a.get_bottom()[1] < b.get_top()[1] + 0.04
        and b.get_bottom()[1] < a.get_top()[1] + 0.04
    )


def _keep_inside(label: Mobject, frame: PlotFrame) -> None:
    """Slide ``label`` sideways to stay over the frame."""
    left = frame.border.get_left()[0]
    right = frame.border.get_right()[0]
    if label.get_left()[0] < left:
        label.shift((left - label.get_left()[0]) * RIGHT)
    if label.get_right()[0] > right:
        label.shift((label.get_right()[0] - right) * LEFT)


__all__ = ["MaximumLikelihood"]
