"""The gradient is perpendicular to the contour lines.

Render it with plain Manim: ``manim -pql scenes/calculus/gradient_field.py GradientField``.
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
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MathTex,
    Polygon,
    Text,
    Transform,
    VGroup,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus/gradient_field.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import objectives
from mlmath_viz.contours import angle_degrees, contour_lines, points_along, polyline_length
from scenes.calculus.params import GradientFieldParams
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number, sig, sig_tex
from scenes.kit.plots import (
    PlotFrame,
    contour_group,
    curve_tangent_at,
    fit_box,
    plot_frame,
)
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

#: Contour grid resolution: fine enough that drawn level sets meet the gradient at
#: right angles to within a few degrees even on Himmelblau's small loops.
FIELD_RESOLUTION = 161

#: Drawn length (scene units) of the longest arrow: lengths are ARROW_MAX * |grad f| / g_max,
#: g_max the largest gradient among the drawn arrows, so length is proportional to |grad f|.
ARROW_MAX = 0.7
#: Shorter than this (scene units) an arrow is unreadable: its base gets a dot instead.
ARROW_MIN = 0.15
#: The arrow shown up close is at least this long (scene units) when one on its level is.
PICK_MIN = 0.4
#: Half the length (scene units) of the drawn tangent at the highlighted point.
TANGENT_HALF = 0.8
#: Radius of the dot marking a base whose gradient is too small to draw as an arrow.
FLAT_DOT_RADIUS = 0.045


def _arrow(start: np.ndarray, end: np.ndarray, color: str) -> Arrow:
    return Arrow(
        start,
        end,
        buff=0,
        color=color,
        stroke_width=4,
        max_stroke_width_to_length_ratio=100,
        max_tip_length_to_length_ratio=0.35,
        tip_length=0.16,
    )


def _rows(lines: list[str], color: str) -> VGroup:
    """Panel words with math in them, one MathTex per line, left-aligned."""
    rows = VGroup(*(MathTex(line, font_size=TEXT_SIZE + 4, color=color) for line in lines))
    return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)


def _room(
    box: tuple[tuple[float, float], tuple[float, float]], base: np.ndarray, g: np.ndarray
) -> float:
    """How far (plot units) one can go from ``base`` along +g and along -g and stay in
    ``box``: the smaller of the two (an arrow and its flipped twin must both fit)."""
    norm = float(np.linalg.norm(g))
    if norm == 0 or not np.all(np.isfinite(g)):
        return 0.0
    u = np.asarray(g, dtype=float) / norm
    best = math.inf
    for d in (u, -u):
        for k, (lo, hi) in enumerate(box):
            if d[k] > 0:
                best = min(best, (hi - base[k]) / d[k])
            elif d[k] < 0:
                best = min(best, (lo - base[k]) / d[k])
    return max(best, 0.0)


@dataclass
class FieldPicture:
    """What GradientField draws, for its beats, invariants and tests."""

    frame: PlotFrame  # the contour plot
    contours: VGroup  # one curve per level
    levels: np.ndarray
    arrows: VGroup  # the gradient arrows (flipped in the last beat)
    flat_dots: VGroup  # bases whose gradient is too small for a readable arrow
    flat_points: list[np.ndarray]  # where each dot sits, in plot coordinates
    arrow_bases: list[np.ndarray]  # where each arrow starts, in plot coordinates
    arrow_owner: list[int]  # the contour each arrow's base lies on
    pick: int  # the arrow shown up close
    highlight_point: np.ndarray
    highlight_gradient: np.ndarray
    angle: float  # between the highlighted gradient and its contour's tangent
    tangent_line: Line
    right_angle: Polygon
    formula: MathTex
    grad_def: MathTex
    point_tex: MathTex
    grad_tex: MathTex
    angle_tex: Text
    uphill: VGroup
    downhill: VGroup


class GradientField(MathScene):
    """The gradient is perpendicular to the contour lines.

    Arrows of the gradient stand at right angles to the level sets and point uphill,
    longer where the function is steeper; flipped, the negative gradient points
    straight downhill.
    """

    params_type = GradientFieldParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.contours()
        self.gradient()
        self.right_angle()
        self.downhill()

    # -- the beats -------------------------------------------------------------------

    def contours(self) -> None:
        """The viewer sees the level sets of f."""
        pic = self.picture
        self.beat(
            "contours",
            "Each contour line joins the points where f takes one value; "
            f"the lowest drawn here is f = {sig(float(pic.levels[0]))}.",
        )
        self.add(pic.frame.group)
        self.play(Create(pic.contours, lag_ratio=0.1), FadeIn(pic.formula), run_time=2.0)

    def gradient(self) -> None:
        """The gradient field stands perpendicular to the contours and points uphill."""
        pic = self.picture
        dots = (
            " A dot marks a point where the gradient is too small to draw as an arrow."
            if len(pic.flat_points)
            else ""
        )
        self.beat(
            "gradient",
            "The gradient at each point is perpendicular to the contour through it and "
            "points uphill, towards higher levels; each arrow's length is proportional to "
            f"the size of the gradient, so it is longer where f is steeper.{dots}",
        )
        self.play(FadeIn(pic.grad_def), run_time=0.6)
        self.play(
            *(GrowArrow(a) for a in pic.arrows),
            FadeIn(pic.flat_dots),
            FadeIn(pic.uphill),
            run_time=1.5,
        )
        self.wait(0.5)

    def right_angle(self) -> None:
        """One arrow up close: it meets its contour's tangent at a right angle."""
        pic = self.picture
        base, g_pick, angle = pic.highlight_point, pic.highlight_gradient, pic.angle
        self.beat(
            "right-angle",
            f"At p = ({format_number(base[0])}, {format_number(base[1])}) the gradient is "
            f"({sig(g_pick[0])}, {sig(g_pick[1])}); it meets the contour's tangent at "
            f"{angle:.1f} degrees, a right angle.",
        )
        others = [a for j, a in enumerate(pic.arrows) if j != pic.pick] + list(pic.flat_dots)
        self.play(
            *(a.animate.set_opacity(0.25) for a in others), Create(pic.tangent_line), run_time=0.8
        )
        self.play(
            Create(pic.right_angle),
            FadeIn(pic.point_tex),
            FadeIn(pic.grad_tex),
            FadeIn(pic.angle_tex),
            run_time=1.0,
        )
        self.wait(1.0)

    def downhill(self) -> None:
        """Flipped, the negative gradient points downhill: the step descent takes."""
        pic = self.picture
        self.beat(
            "downhill",
            "Flipped, the negative gradient points downhill: the direction of steepest "
            "descent, the step gradient descent takes.",
        )
        flipped = [
            _arrow(a.get_start(), 2 * a.get_start() - a.get_end(), PALETTE.path) for a in pic.arrows
        ]
        self.play(
            FadeOut(pic.tangent_line),
            FadeOut(pic.right_angle),
            *(Transform(a, f) for a, f in zip(pic.arrows, flipped, strict=True)),
            *(d.animate.set_opacity(1.0) for d in pic.flat_dots),
            FadeIn(pic.downhill),
            run_time=1.5,
        )
        self.wait(1.5)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> FieldPicture:
        """The contour plot, the arrows on the chosen level sets, the highlighted arrow's
        tangent and right angle, and the panel (nothing shown yet)."""
        p: GradientFieldParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        size = 6.6
        box = fit_box(np.zeros((0, 2)), objective.view, aspect=1.0, margin=0.0)
        frame = plot_frame(
            box, size, size, (-frame_half_width() + FRAME_MARGIN + 1.0 + size / 2, 0.12)
        )
        contours, levels = contour_group(frame, objective, resolution=FIELD_RESOLUTION)
        chosen = sorted({round(k) for k in np.linspace(3, len(levels) - 2, p.levels)})
        bases, _chord_tangents, owners = self._bases(objective, frame, levels, chosen)
        grads = np.array([objective.gradient(b) for b in bases]).reshape(-1, 2)
        arrows, kept, flat, scale = self.build_arrows(frame, bases, grads)
        flat_points = [np.asarray(bases[i]) for i in flat]
        flat_dots = VGroup(
            *(
                Dot(frame.c2p(b[None, :])[0], radius=FLAT_DOT_RADIUS, color=PALETTE.gradient)
                for b in flat_points
            )
        )
        arrow_bases = [np.asarray(bases[i]) for i in kept]
        arrow_owner = [owners[i] for i in kept]

        # One arrow up close: the tangent of its contour and the right angle.
        middle = chosen[len(chosen) // 2]
        # Long enough to stand clear of the right-angle mark, with room for the whole
        # tangent: on the middle level if one is, else on any level.
        unit = size / (box[0][1] - box[0][0])

        def clear(j: int) -> bool:
            g = grads[kept[j]]
            t = np.array([-g[1], g[0]]) / float(np.linalg.norm(g))
            ends = arrow_bases[j] + np.outer([-1.0, 1.0], TANGENT_HALF / unit * t)
            inside = bool(
                np.all((ends >= [box[0][0], box[1][0]]) & (ends <= [box[0][1], box[1][1]]))
            )
            return inside and scale * float(np.linalg.norm(g)) >= PICK_MIN

        on_middle = [j for j, i in enumerate(kept) if owners[i] == middle]
        candidates = (
            [j for j in on_middle if clear(j)]
            or [j for j in range(len(kept)) if clear(j)]
            or on_middle
            or list(range(len(kept)))
        )
        (x0, x1), (y0, y1) = box
        centre = np.array([0.5 * (x0 + x1), 0.5 * (y0 + y1)])
        pick = min(candidates, key=lambda j: float(np.abs(arrow_bases[j] - centre).max()))
        base = arrow_bases[pick]
        g_pick = grads[kept[pick]]
        # The exact tangent of the level set at p: perpendicular to the analytic gradient
        # (not a chord of the drawn contour), so the angle shown is the true one, 90.
        tangent = np.array([-g_pick[1], g_pick[0]]) / float(np.linalg.norm(g_pick))
        angle = angle_degrees(g_pick, tangent)
        tangent_line, right_angle = self.build_right_angle(frame, base, tangent, g_pick)
        self.data = {
            "objective": objective.name,
            "contour_levels": levels.tolist(),
            "arrow_levels": [float(levels[k]) for k in chosen],
            "arrow_bases": [b.tolist() for b in arrow_bases],
            "gradients": [grads[i].tolist() for i in kept],
            "arrow_lengths": [scale * float(np.linalg.norm(grads[i])) for i in kept],
            "length_per_gradient": scale,
            "flat_points": [b.tolist() for b in flat_points],
            "flat_gradients": [grads[i].tolist() for i in flat],
            "dropped_at_border": len(bases) - len(kept) - len(flat),
            "highlight": {
                "point": base.tolist(),
                "gradient": g_pick.tolist(),
                "contour_tangent": tangent.tolist(),
                "angle_deg": angle,
            },
        }
        formula, grad_def, point_tex, grad_tex, angle_tex, uphill, downhill = self.build_panel(
            objective, base, g_pick, angle, bool(flat_points)
        )
        return FieldPicture(
            frame, contours, levels, arrows, flat_dots, flat_points, arrow_bases, arrow_owner,
            pick, base, g_pick,
            angle, tangent_line, right_angle, formula, grad_def, point_tex, grad_tex,
            angle_tex, uphill, downhill,
        )  # fmt: skip

    def _bases(
        self,
        objective: objectives.Objective,
        frame: PlotFrame,
        levels: np.ndarray,
        chosen: list[int],
    ) -> tuple[list[np.ndarray], list[np.ndarray], list[int]]:
        """Arrow bases spread evenly along the chosen level sets (same grid as drawn), with
        the contour's tangent at each and the level each belongs to."""
        p: GradientFieldParams = self.params
        (x0, x1), (y0, y1) = frame.box
        xs = np.linspace(x0, x1, FIELD_RESOLUTION)
        ys = np.linspace(y0, y1, FIELD_RESOLUTION)
        z = objective.grid(xs, ys)
        bases, tangents, owners = [], [], []
        for k in chosen:
            lines = contour_lines(xs, ys, z, float(levels[k]))
            total = sum(polyline_length(line) for line in lines)
            for line in lines:
                share = p.arrows_per_level * polyline_length(line) / total
                count = max(1, round(share)) if share > 0.35 else 0
                pts, tans = points_along(line, count)
                bases.extend(pts)
                tangents.extend(tans)
                owners.extend([k] * len(pts))
        return bases, tangents, owners

    @staticmethod
    def build_arrows(
        frame: PlotFrame, bases: list[np.ndarray], grads: np.ndarray
    ) -> tuple[VGroup, list[int], list[int], float]:
        """The gradient arrows, which bases got one, which got a dot, and the scale.

        Drawn length is ``scale * |grad f|`` (scene units), the same ``scale`` for every
        arrow, so a longer arrow always means a steeper f. No arrow is ever cut: an arrow
        that would leave the plot (it or its flipped twin of the last beat) is not drawn,
        and ``scale`` is chosen, ARROW_MAX over the largest gradient among the arrows that
        fit, by dropping such arrows until the rest all fit. Bases whose arrow would be
        shorter than ARROW_MIN get a dot instead.
        """
        norms = np.linalg.norm(grads, axis=1)
        unit = float(
            np.linalg.norm(frame.c2p(np.array([[1.0, 0.0]])) - frame.c2p(np.zeros((1, 2))))
        )
        room = np.array(
            [unit * _room(frame.box, b, g) for b, g in zip(bases, grads, strict=True)]
        ).reshape(-1)
        alive = [i for i in range(len(bases)) if np.isfinite(norms[i]) and norms[i] > 0]
        scale = 0.0
        while alive:
            scale = ARROW_MAX / float(max(norms[i] for i in alive))
            fits = [i for i in alive if scale * norms[i] <= room[i]]
            if len(fits) == len(alive):
                break
            alive = fits
        kept = [i for i in alive if scale * norms[i] >= ARROW_MIN]
        flat = [
            i
            for i in range(len(bases))
            if i not in kept and np.isfinite(norms[i]) and scale * norms[i] < ARROW_MIN
        ]
        arrows = VGroup()
        for i in kept:
            b = np.asarray(bases[i])
            end = b + (scale * norms[i] / unit) * grads[i] / norms[i]
            ends = frame.c2p(np.array([b, end]))
            arrows.add(_arrow(ends[0], ends[1], PALETTE.gradient))
        return arrows, kept, flat, scale

    @staticmethod
    def build_right_angle(
        frame: PlotFrame, base: np.ndarray, tangent: np.ndarray, g_pick: np.ndarray
    ) -> tuple[Line, Polygon]:
        """The contour's tangent at the highlighted base and the right-angle mark."""
        b_scene = frame.c2p(base[None, :])[0]
        t_scene = np.array([tangent[0], tangent[1], 0.0])
        tangent_line = Line(
            b_scene - TANGENT_HALF * t_scene,
            b_scene + TANGENT_HALF * t_scene,
            color=PALETTE.accent,
            stroke_width=4,
        )
        n_scene = np.array([g_pick[0], g_pick[1], 0.0]) / float(np.linalg.norm(g_pick))
        sq = 0.17
        right_angle = Polygon(
            b_scene,
            b_scene + sq * t_scene,
            b_scene + sq * (t_scene + n_scene),
            b_scene + sq * n_scene,
            color=PALETTE.text,
            stroke_width=2,
        )
        return tangent_line, right_angle

    @staticmethod
    def build_panel(
        objective: objectives.Objective,
        base: np.ndarray,
        g_pick: np.ndarray,
        angle: float,
        dots: bool = False,
    ) -> tuple[MathTex, MathTex, MathTex, MathTex, Text, VGroup, VGroup]:
        """The panel: f, the gradient's definition, the highlighted point and the verdicts."""
        half_w, half_h = frame_half_width(), frame_half_height()
        panel_x = 1.05
        formula = MathTex(objective.latex, font_size=LABEL_SIZE, color=PALETTE.text)
        grad_def = MathTex(
            r"\nabla f = \left(\tfrac{\partial f}{\partial x},\ "
            r"\tfrac{\partial f}{\partial y}\right)",
            font_size=BODY_SIZE,
            color=PALETTE.gradient,
        )
        point_tex = MathTex(
            rf"p = ({latex_number(base[0])},\ {latex_number(base[1])})",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        grad_tex = MathTex(
            rf"\nabla f(p) = ({sig_tex(g_pick[0])},\ {sig_tex(g_pick[1])})",
            font_size=LABEL_SIZE,
            color=PALETTE.gradient,
        )
        angle_tex = Text(
            f"angle to the contour: {angle:.1f}°", font_size=TEXT_SIZE, color=PALETTE.accent
        )
        uphill = _rows(
            [
                r"\nabla f \text{ points uphill, longer where}",
                r"f \text{ is steeper: length} \propto |\nabla f|",
                *([r"\text{(a dot: too short to draw)}"] if dots else []),
            ],
            PALETTE.gradient,
        )
        downhill = _rows(
            [r"-\nabla f \text{ points downhill:}", r"\text{the steepest descent}"],
            PALETTE.path,
        )
        stack(
            [formula, grad_def, uphill, point_tex, grad_tex, angle_tex, downhill],
            top=half_h - FRAME_MARGIN_Y - 0.2,
            left=panel_x,
            gap=0.3,
        )
        if formula.get_right()[0] > half_w - FRAME_MARGIN:
            formula.scale_to_fit_width(half_w - FRAME_MARGIN - panel_x).align_to(grad_def, LEFT)
        return formula, grad_def, point_tex, grad_tex, angle_tex, uphill, downhill

    def invariants(self, beat: str) -> list[Invariant]:
        """Every arrow starts on its drawn contour, runs along +grad f (or -grad f after
        the flip), is perpendicular to the drawn contour's tangent, has length
        proportional to |grad f| and stays inside the plot; each dot sits at its base;
        the drawn tangent meets the highlighted arrow at 90 degrees."""
        if beat not in ("gradient", "right-angle", "downhill"):
            return []
        sign = -1.0 if beat == "downhill" else 1.0
        pic = self.picture
        frame = pic.frame
        (x0, x1), (y0, y1) = frame.box
        checks: list[Invariant] = []
        lo = frame.c2p(np.array([[x0, y0]]))[0]
        hi = frame.c2p(np.array([[x1, y1]]))[0]
        for j, arrow in enumerate(pic.arrows):
            tip = arrow.get_end()
            outside = max(0.0, *(lo[:2] - tip[:2]), *(tip[:2] - hi[:2]))
            checks += [
                Invariant(
                    f"arrow {j} has length proportional to |grad f|",
                    float(np.linalg.norm(tip - arrow.get_start())),
                    self.data["arrow_lengths"][j],
                    atol=1e-6,
                ),
                Invariant(f"arrow {j} stays inside the plot", outside, 0.0, atol=1e-9),
            ]
        for k, dot in enumerate(pic.flat_dots):
            checks.append(
                Invariant(
                    f"dot {k} sits at its base",
                    frame.p2c(dot.get_center()),
                    self.data["flat_points"][k],
                    atol=1e-6 * (x1 - x0),
                )
            )
        if beat == "right-angle":
            arrow = pic.arrows[pic.pick]
            d_arrow = arrow.get_end() - arrow.get_start()
            d_tangent = pic.tangent_line.get_end() - pic.tangent_line.get_start()
            checks.append(
                Invariant(
                    "the drawn tangent meets the highlighted arrow at 90 degrees",
                    angle_degrees(d_arrow[:2], d_tangent[:2]),
                    90.0,
                    atol=1e-6,
                )
            )
        for j, arrow in enumerate(pic.arrows):
            base = frame.p2c(arrow.get_start())
            tip = frame.p2c(arrow.get_end())
            d = (tip - base) / np.linalg.norm(tip - base)
            g = np.array(self.data["gradients"][j])
            contour = pic.contours[int(pic.arrow_owner[j])]
            distance, tangent = curve_tangent_at(frame, contour, base)
            checks += [
                Invariant(
                    f"arrow {j} starts at its base",
                    base,
                    self.data["arrow_bases"][j],
                    atol=1e-6 * (x1 - x0),
                ),
                Invariant(
                    f"arrow {j} runs along {'-' if sign < 0 else '+'}grad f",
                    d,
                    sign * g / np.linalg.norm(g),
                    atol=1e-6,
                ),
                Invariant(
                    f"arrow {j} base lies on its drawn contour",
                    distance,
                    0.0,
                    atol=0.02 * (x1 - x0),
                ),
                Invariant(
                    f"arrow {j} is perpendicular to its contour",
                    abs(float(d @ tangent)),
                    0.0,
                    atol=0.09,
                ),
            ]
        return checks
