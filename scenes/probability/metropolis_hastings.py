"""Metropolis-Hastings on a 2-D density.

Render it with plain Manim:
``manim -pql scenes/probability/metropolis_hastings.py MetropolisHastings``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Mobject,
    Rectangle,
    Text,
    VGroup,
    VMobject,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/probability/metropolis_hastings.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import sampling
from mlmath_viz.contours import contour_lines
from mlmath_viz.random import generator
from scenes.kit.builders import stack
from scenes.kit.coords import Coords
from scenes.kit.legends import dot_swatch
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.plotting import (
    cloud_points,
    curve_vertices,
    dot_cloud,
    formula_row,
    legend_row,
    panel_top,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    GEOMETRY_ATOL,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    TICK_SIZE,
    panel_left,
)
from scenes.probability.common import (
    POINT_WIDTH,
    safe_plot_box,
)
from scenes.probability.params import MetropolisHastingsParams

#: The 2-D targets of the Metropolis-Hastings scene.
MH_TARGETS = {
    "two-bumps": sampling.GaussianMixture2D(
        (0.5, 0.5),
        ((-1.5, -1.0), (1.5, 1.0)),
        (((0.5, 0.25), (0.25, 0.5)), ((0.5, -0.2), (-0.2, 0.5))),
    ),
    "correlated": sampling.GaussianMixture2D((1.0,), ((0.0, 0.0),), (((1.0, 0.8), (0.8, 1.0)),)),
}


#: Half-width of the square the chain is drawn in.
MH_HALF = 4.0


@dataclass
class ChainPicture:
    """What the invariants read from the drawn picture."""

    view: Coords  # the square view of [-MH_HALF, MH_HALF]^2
    walk_view: Coords  # the same square zoomed onto the first steps (or ``view``)
    walk_window: tuple[float, float, float]  # its centre x, y and half-width
    full: VGroup  # the full view's ticks and contours
    zoomed: VGroup  # the walk view's ticks and contours (empty if not zoomed)
    marker: Dot  # the chain's current state
    path: VMobject  # the walk through the visited states
    chain: np.ndarray  # every state of the run, the start first
    visited: np.ndarray  # the states the shown steps moved to, the start first
    clouds: list[VMobject]  # the later states inside the view, in two pieces
    cloud_keep: np.ndarray  # which of chain[1:] lie inside the view
    #: each shown proposal's segment as drawn (clipped to the walk window)
    proposals_drawn: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    counted: tuple[int, int] = (0, 0)  # the counter's last (proposals, accepted)


@dataclass
class ChainPanel:
    """The panel's rows: title, proposal rule, legend and the final readout."""

    title: Text
    rule: VGroup
    legend: VGroup
    readout: VGroup
    counter: Mobject  # proposals and acceptances so far in the walk


class MetropolisHastings(MathScene):
    """Metropolis-Hastings on a 2-D density.

    A random walk proposes a step, moves there if the density is higher and otherwise
    only sometimes, and its visited points fill the density's contour plot.
    """

    params_type = MetropolisHastingsParams

    def construct(self) -> None:
        p: MetropolisHastingsParams = self.params
        target = MH_TARGETS[p.target]
        run = sampling.metropolis_hastings(
            target.log_density, p.start, p.step, p.steps, generator(p.seed)
        )
        mean_true = np.asarray(target.means, dtype=float).T @ np.asarray(target.weights)
        chain_mean = run.chain[1:].mean(axis=0)
        self.data = self.sidecar(run, chain_mean, mean_true)
        frame, ticks, contours = self.build_view(target, run)
        panel = self.panel = self.build_panel(run, chain_mean, mean_true)
        self.show_target(frame, ticks, contours, panel)
        self.walk(run, panel)
        self.fill_cloud(run, chain_mean, mean_true, panel)

    def sidecar(
        self, run: sampling.MetropolisResult, chain_mean: np.ndarray, mean_true: np.ndarray
    ) -> dict[str, object]:
        p: MetropolisHastingsParams = self.params
        return {
            "target": p.target,
            "step": p.step,
            "steps": p.steps,
            "start": list(p.start),
            "acceptance_rate": run.acceptance_rate,
            "accepted": int(run.accepted.sum()),
            "chain_mean": chain_mean.tolist(),
            "target_mean": mean_true.tolist(),
            "final_state": run.chain[-1].tolist(),
            "shown_proposals": run.proposals[: p.shown].tolist(),
            "shown_accepted": [bool(a) for a in run.accepted[: p.shown]],
        }

    def build_view(
        self, target: sampling.GaussianMixture2D, run: sampling.MetropolisResult
    ) -> tuple[Rectangle, VGroup, VGroup]:
        """A square view of [-4, 4]^2 with equal units: its frame, ticks and the
        target's contours; the marker, path and clouds go into ``self.picture``, with a
        zoomed view of the first steps (issue 17: 16 proposals in a one-unit corner)."""
        p: MetropolisHastingsParams = self.params
        l0, r0, b0, t0 = safe_plot_box()
        side = min(r0 - l0 - 0.8, t0 - b0 - 0.75)
        unit = side / (2 * MH_HALF)
        centre = np.array([l0 + 0.8 + side / 2, b0 + 0.6 + side / 2, 0.0])
        view = Coords.uniform(centre, unit)
        frame = Rectangle(width=side, height=side, stroke_color=PALETTE.muted, stroke_width=2)
        frame.move_to(centre)
        window = walk_window(run, p.shown)
        wx, wy, wh = window
        zoomed = wh < 0.75 * MH_HALF
        walk_view = (
            Coords.uniform(centre - np.array([wx, wy, 0.0]) * side / (2 * wh), side / (2 * wh))
            if zoomed
            else view
        )
        grid = np.linspace(-MH_HALF, MH_HALF, 121)
        gx, gy = np.meshgrid(grid, grid)
        peak = float(target.density(np.stack([gx.ravel(), gy.ravel()], axis=1)).max())
        ticks = _ticks(view, (0.0, 0.0, MH_HALF))
        contours = _contours(target, view, (0.0, 0.0, MH_HALF), peak)
        zoom_group = VGroup()
        if zoomed:
            zoom_group.add(_ticks(walk_view, window), _contours(target, walk_view, window, peak))
        marker = Dot(
            walk_view.c2p([p.start[0]], [p.start[1]])[0], radius=0.08, color=PALETTE.accepted
        )
        path = VMobject(stroke_color=PALETTE.accepted, stroke_width=PATH_WIDTH)
        path.set_points_as_corners(walk_view.c2p([p.start[0]] * 2, [p.start[1]] * 2))
        states = run.chain[1:]
        keep: np.ndarray = np.all(np.abs(states) <= MH_HALF, axis=1)
        half_way = len(states) // 4
        clouds = [
            dot_cloud(
                view.c2p(
                    states[:half_way][keep[:half_way], 0], states[:half_way][keep[:half_way], 1]
                ),
                states_colour(),
                width=POINT_WIDTH,
            ),
            dot_cloud(
                view.c2p(
                    states[half_way:][keep[half_way:], 0], states[half_way:][keep[half_way:], 1]
                ),
                states_colour(),
                width=POINT_WIDTH,
            ),
        ]
        self.picture = ChainPicture(
            view=view,
            walk_view=walk_view,
            walk_window=window,
            full=VGroup(ticks, contours),
            zoomed=zoom_group,
            marker=marker,
            path=path,
            chain=run.chain,
            visited=run.chain[:1],
            clouds=clouds,
            cloud_keep=keep,
        )
        return frame, ticks, contours

    def build_panel(
        self, run: sampling.MetropolisResult, chain_mean: np.ndarray, mean_true: np.ndarray
    ) -> ChainPanel:
        p: MetropolisHastingsParams = self.params
        title = Text("Metropolis-Hastings", font_size=BODY_SIZE, color=PALETTE.text)
        if title.width > PANEL_WIDTH:
            title.scale_to_fit_width(PANEL_WIDTH)
        rule = VGroup(
            formula_row(rf"y = x + {latex_number(p.step)}\,\varepsilon", PALETTE.accent),
            formula_row(r"\text{move if } u \le \pi(y)/\pi(x)", PALETTE.text),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        legend = VGroup(
            legend_row(dot_swatch(PALETTE.accepted), "accepted move"),
            legend_row(dot_swatch(PALETTE.rejected), "rejected proposal"),
            legend_row(dot_swatch(states_colour()), "visited states"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        readout = VGroup(
            text_row(f"{p.steps} steps in all,"),
            text_row(f"{format_number(100 * run.acceptance_rate, 1)}% of them accepted"),
            formula_row(
                rf"\text{{chain mean }} ({latex_number(chain_mean[0])}, "
                rf"{latex_number(chain_mean[1])})",
                states_colour(),
                TICK_SIZE,
            ),
            formula_row(
                rf"\text{{target mean }} ({latex_number(mean_true[0])}, "
                rf"{latex_number(mean_true[1])})",
                PALETTE.density,
                TICK_SIZE,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        counter = _counter(0, 0, p.shown)
        stack([title, rule, legend, counter, readout], top=panel_top(), left=panel_left(), gap=0.35)
        return ChainPanel(title, rule, legend, readout, counter)

    def show_target(
        self, frame: Rectangle, ticks: VGroup, contours: VGroup, panel: ChainPanel
    ) -> None:
        # The viewer sees the target's contours and where the chain starts.
        p: MetropolisHastingsParams = self.params
        self.beat(
            "target",
            "The target density π is drawn as contour lines; the chain starts at ("
            f"{format_number(p.start[0])}, {format_number(p.start[1])}), far from its mass.",
        )
        self.play(FadeIn(frame), FadeIn(ticks), FadeIn(panel.title), run_time=0.8)
        self.play(Create(contours), FadeIn(panel.rule), FadeIn(panel.legend), run_time=1.4)
        self.play(FadeIn(self.picture.marker), run_time=0.4)

    def walk(self, run: sampling.MetropolisResult, panel: ChainPanel) -> None:
        # The viewer follows the first steps one by one: a proposal, then a move or not,
        # in a view zoomed onto them, with a counter of proposals and acceptances.
        shown = self.params.shown
        pic = self.picture
        view, marker, path = pic.walk_view, pic.marker, pic.path
        n_acc = int(run.accepted[:shown].sum())
        zoomed = len(pic.zoomed) > 0
        wx, wy, wh = pic.walk_window
        self.beat(
            "walk",
            f"Each step proposes a jump (dashed); it is taken if the density rises, and with "
            f"probability π(y)/π(x) if it falls: {n_acc} of the first {shown} were taken"
            + (
                f" (the view zoomed in on x and y within {format_number(wh, 2)} of "
                f"({format_number(wx, 2)}, {format_number(wy, 2)}))."
                if zoomed
                else "."
            ),
        )
        if zoomed:
            self.play(
                *(FadeOut(m) for m in pic.full),
                FadeIn(pic.zoomed),
                marker.animate.move_to(view.c2p([run.chain[0][0]], [run.chain[0][1]])[0]),
                run_time=1.2,
            )
        self.add(path)
        self.bring_to_front(marker)
        self.add(panel.counter)
        visited = [run.chain[0]]
        pace = min(0.8, 10.0 / max(1, shown))  # seconds per step: at most 10 s in all
        accepted = 0
        lo = np.array([wx - wh, wy - wh])
        hi = np.array([wx + wh, wy + wh])
        for k in range(shown):
            x0, y1 = run.chain[k], run.proposals[k]
            ok = bool(run.accepted[k])
            a, b = _clip_to_box(x0, y1, lo, hi)
            proposal = DashedLine(
                view.c2p([a[0]], [a[1]])[0],
                view.c2p([b[0]], [b[1]])[0],
                stroke_color=PALETTE.accepted if ok else PALETTE.rejected,
                stroke_width=LINE_WIDTH,
                dash_length=0.08,
            )
            pic.proposals_drawn.append((a, b))
            self.play(Create(proposal), run_time=0.45 * pace)
            accepted += ok
            counter = _counter(k + 1, accepted, shown).move_to(
                panel.counter.get_corner(UP + LEFT), aligned_edge=UP + LEFT
            )
            self.remove(panel.counter)
            panel.counter = counter
            self.add(counter)
            if ok:
                visited.append(y1)
                v = np.array(visited)
                self.play(
                    marker.animate.move_to(view.c2p([y1[0]], [y1[1]])[0]),
                    FadeOut(proposal),
                    run_time=0.55 * pace,
                )
                path.set_points_as_corners(view.c2p(v[:, 0], v[:, 1]))
            else:
                self.play(FadeOut(proposal), run_time=0.55 * pace)
        pic.visited = np.array(visited)
        pic.counted = (shown, accepted)
        self.wait(0.6)

    def zoom_out(self) -> None:
        """Back from the walk's zoomed view to the whole square (if it was zoomed)."""
        pic = self.picture
        path, marker = pic.path, pic.marker
        if len(pic.zoomed):
            v = pic.visited
            full_path = path.copy().set_points_as_corners(pic.view.c2p(v[:, 0], v[:, 1]))
            here = v[-1]
            self.play(
                FadeOut(pic.zoomed),
                *(FadeIn(m) for m in pic.full),
                path.animate.become(full_path),
                marker.animate.move_to(pic.view.c2p([here[0]], [here[1]])[0]),
                run_time=1.0,
            )

    def fill_cloud(
        self,
        run: sampling.MetropolisResult,
        chain_mean: np.ndarray,
        mean_true: np.ndarray,
        panel: ChainPanel,
    ) -> None:
        # The viewer sees the whole chain fill the density (or not yet, if it mixes badly).
        p: MetropolisHastingsParams = self.params
        pic = self.picture
        self.beat(
            "cloud",
            f"After {p.steps} steps ({format_number(100 * run.acceptance_rate, 1)}% accepted) "
            + (
                "the visited states fill the density: their mean is ("
                if float(np.linalg.norm(chain_mean - mean_true)) <= 0.3
                else "the chain has not yet explored the whole density: its mean is ("
            )
            + f"{format_number(chain_mean[0])}, {format_number(chain_mean[1])}) against the "
            f"target's ({format_number(mean_true[0])}, {format_number(mean_true[1])}).",
        )
        self.zoom_out()
        final = run.chain[-1]
        self.play(FadeIn(pic.clouds[0]), pic.path.animate.set_stroke(opacity=0.3), run_time=0.6)
        self.wait(0.4)
        self.play(FadeIn(pic.clouds[1]), run_time=0.6)
        self.bring_to_front(pic.marker)  # Manim redraws everything above a moving mobject
        self.play(pic.marker.animate.move_to(pic.view.c2p([final[0]], [final[1]])[0]), run_time=0.8)
        self.play(FadeIn(panel.readout), run_time=0.8)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """The marker sits on the chain's current state; the path joins the states
        visited so far; the cloud holds every later state inside the view."""
        pic = self.picture
        view = pic.view
        checks = []
        if beat == "walk":
            shown = self.params.shown
            view = pic.walk_view
            checks += [
                Invariant(
                    "marker at the chain's state",
                    view.p2c(pic.marker.get_center()),
                    pic.chain[shown],
                    atol=GEOMETRY_ATOL,
                ),
                Invariant(
                    "path through the visited states",
                    view.p2c(curve_vertices(pic.path))[-1],
                    pic.visited[-1],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        if beat == "cloud":
            drawn = np.vstack([view.p2c(cloud_points(c)) for c in pic.clouds])
            expected = pic.chain[1:][pic.cloud_keep]
            checks += [
                Invariant("cloud = the chain's states", drawn, expected, atol=GEOMETRY_ATOL),
                Invariant(
                    "marker at the final state",
                    view.p2c(pic.marker.get_center()),
                    self.data["final_state"],
                    atol=GEOMETRY_ATOL,
                ),
            ]
        return checks


def states_colour() -> str:
    """The cloud of visited states: bluish green, apart from the sky-blue accepted moves
    and marker (the palette's ``sample`` is that same sky blue)."""
    return PALETTE.series[2]


#: Stroke width of the chain's path: 3 px at 480p (also when it is still one point).
PATH_WIDTH = 5.0


def walk_window(run: sampling.MetropolisResult, shown: int) -> tuple[float, float, float]:
    """Centre x, y and half-width of a square holding the start, the first ``shown``
    proposals and states with a margin: half-width at least 0.4 (ticks 0.4 apart
    still differ at one decimal) and at most MH_HALF."""
    pts = np.vstack([run.chain[: shown + 1], run.proposals[:shown]])
    pts = np.clip(pts, -MH_HALF, MH_HALF)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    half = min(MH_HALF, max(0.4, 0.5 * float(np.max(hi - lo)) * 1.15 + 0.25))
    centre = np.clip((lo + hi) / 2, -MH_HALF + half, MH_HALF - half)
    return float(centre[0]), float(centre[1]), half


def _ticks(view: Coords, window: tuple[float, float, float]) -> VGroup:
    """Tick labels at the window's two ends and middle, under and left of the square."""
    cx, cy, h = window
    ticks = VGroup()
    for i, (vx, vy) in enumerate(zip((cx - h, cx, cx + h), (cy - h, cy, cy + h), strict=True)):
        ticks.add(
            formula_row(latex_number(vx, 1), PALETTE.muted, TICK_SIZE).next_to(
                view.c2p(vx, cy - h), DOWN, buff=0.12
            )
        )
        if i > 0:
            ticks.add(
                formula_row(latex_number(vy, 1), PALETTE.muted, TICK_SIZE).next_to(
                    view.c2p(cx - h, vy), LEFT, buff=0.12
                )
            )
    return ticks


def _contours(
    target: sampling.GaussianMixture2D,
    view: Coords,
    window: tuple[float, float, float],
    peak: float,
) -> VGroup:
    """The target's contours at 10, 30, ..., 90% of its peak, inside the window."""
    cx, cy, h = window
    gx1 = np.linspace(cx - h, cx + h, 121)
    gy1 = np.linspace(cy - h, cy + h, 121)
    gx, gy = np.meshgrid(gx1, gy1)
    dens = target.density(np.stack([gx.ravel(), gy.ravel()], axis=1)).reshape(gx.shape)
    contours = VGroup()
    for frac in (0.1, 0.3, 0.5, 0.7, 0.9):
        for line in contour_lines(gx1, gy1, dens, frac * peak):
            c = VMobject(
                stroke_color=PALETTE.density,
                stroke_width=LINE_WIDTH,
                stroke_opacity=0.4 + 0.5 * frac,
            )
            c.set_points_as_corners(view.c2p(line[:, 0], line[:, 1]))
            contours.add(c)
    return contours


def _counter(proposed: int, accepted: int, shown: int) -> Mobject:
    """The walk's counter: proposals so far out of those shown, and how many were taken."""
    return VGroup(
        text_row(f"proposals: {proposed} of {shown}", PALETTE.accent),
        text_row(f"accepted: {accepted}", PALETTE.accent),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)


def _clip_to_box(
    a: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The segment a-b shortened to the box [lo, hi] (a is inside it or on it)."""
    a = np.clip(a, lo, hi)
    d = b - a
    t = 1.0
    for i in range(2):
        if d[i] > 0:
            t = min(t, (hi[i] - a[i]) / d[i])
        elif d[i] < 0:
            t = min(t, (lo[i] - a[i]) / d[i])
    return a, a + max(0.0, t) * d
