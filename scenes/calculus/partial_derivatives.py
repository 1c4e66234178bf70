"""Partial derivatives as slopes of slices.

Render it with plain Manim:
``manim -pql scenes/calculus/partial_derivatives.py PartialDerivatives``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from manim import (
    DEGREES,
    IN,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    GrowArrow,
    Line,
    MathTex,
    Surface,
    ThreeDAxes,
    ThreeDScene,
    VGroup,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/calculus/partial_derivatives.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import objectives
from scenes.calculus.params import PartialDerivativesParams, slice_view
from scenes.kit.builders import freeze_axis_shading, stack
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.plots import polyline
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import FRAME_MARGIN, LABEL_SIZE, PALETTE, frame_half_height, frame_half_width


class PartialDerivatives(MathScene, ThreeDScene):
    """Partial derivatives as slopes of slices.

    A surface z = f(x, y) is cut along x and along y through one point; each slice is a
    curve whose tangent slope is a partial derivative, and the two slopes together make
    the gradient.
    """

    params_type = PartialDerivativesParams

    def construct(self) -> None:
        p: PartialDerivativesParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        (x0, x1), (y0, y1) = slice_view(objective)
        px, py = p.point
        fp = objective.value(p.point)
        fx, fy = (float(g) for g in objective.gradient(p.point))
        grid = objective.grid(np.linspace(x0, x1, 60), np.linspace(y0, y1, 60))
        z_lo, z_hi = float(np.min(grid)), float(np.max(grid))
        self.data = {
            "objective": objective.name,
            "point": [px, py],
            "f": fp,
            "df_dx": fx,
            "df_dy": fy,
            "gradient": [fx, fy],
        }
        axes = ThreeDAxes(
            x_range=(x0, x1, (x1 - x0) / 4),
            y_range=(y0, y1, (y1 - y0) / 4),
            z_range=(z_lo, z_hi, (z_hi - z_lo) / 4),
            x_length=6.0,
            y_length=6.0,
            z_length=4.2,
            axis_config={"stroke_color": PALETTE.muted, "stroke_width": 2, "include_tip": False},
        )
        axes.shift(1.6 * IN)
        freeze_axis_shading(axes)
        self.axes = axes

        def c2p(x: float, y: float, z: float) -> np.ndarray:
            return np.asarray(axes.c2p(x, y, z))

        surface = Surface(
            lambda u, v: c2p(u, v, objective.value((u, v))),
            u_range=(x0, x1),
            v_range=(y0, y1),
            resolution=(p.resolution, p.resolution),
            fill_opacity=0.55,
            stroke_width=0.4,
            stroke_color=PALETTE.grid_faint,
            checkerboard_colors=[PALETTE.grid, PALETTE.grid],
        )
        p_dot = Dot(c2p(px, py, fp), radius=0.12, color=PALETTE.accent)
        floor_dot = Dot(c2p(px, py, z_lo), radius=0.06, color=PALETTE.muted)
        drop = DashedLine(c2p(px, py, z_lo), c2p(px, py, fp), color=PALETTE.muted, stroke_width=2)
        self.p_dot = p_dot

        # The slices: curves along x (y fixed) and along y (x fixed), with tangents.
        ts = np.linspace(x0, x1, 80)
        x_curve = polyline(
            np.array([c2p(t, py, objective.value((t, py))) for t in ts]), PALETTE.i_hat, 4.0
        )
        ts = np.linspace(y0, y1, 80)
        y_curve = polyline(
            np.array([c2p(px, t, objective.value((px, t))) for t in ts]), PALETTE.j_hat, 4.0
        )
        self.x_curve, self.y_curve = x_curve, y_curve
        d = 0.22 * (x1 - x0)
        x_tangent = Line(
            c2p(px - d, py, fp - fx * d),
            c2p(px + d, py, fp + fx * d),
            color=PALETTE.i_hat,
            stroke_width=6,
        )
        y_tangent = Line(
            c2p(px, py - d, fp - fy * d),
            c2p(px, py + d, fp + fy * d),
            color=PALETTE.j_hat,
            stroke_width=6,
        )
        self.x_tangent, self.y_tangent = x_tangent, y_tangent

        # The gradient on the floor, built from its two components.
        g_norm = math.hypot(fx, fy)
        reach = 0.3 * (x1 - x0)
        s_ = reach / g_norm if g_norm > 0 else 0.0
        self.data["gradient_arrow_scale"] = s_
        base = c2p(px, py, z_lo)
        x_part = Arrow(
            base, c2p(px + s_ * fx, py, z_lo), buff=0, color=PALETTE.i_hat, stroke_width=5
        )
        y_part = Arrow(
            c2p(px + s_ * fx, py, z_lo),
            c2p(px + s_ * fx, py + s_ * fy, z_lo),
            buff=0,
            color=PALETTE.j_hat,
            stroke_width=5,
        )
        grad_arrow = Arrow(
            base,
            c2p(px + s_ * fx, py + s_ * fy, z_lo),
            buff=0,
            color=PALETTE.gradient,
            stroke_width=6,
        )
        self.grad_arrow = grad_arrow

        # -- Fixed texts.
        formula = MathTex(objective.latex, font_size=LABEL_SIZE, color=PALETTE.text)
        if formula.width > 6.0:
            formula.scale_to_fit_width(6.0)
        point_tex = MathTex(
            rf"P = ({format_number(px)},\ {format_number(py)}),\quad f(P) = {sig_tex(fp)}",
            font_size=LABEL_SIZE,
            color=PALETTE.accent,
        )
        dx_tex = MathTex(
            rf"\frac{{\partial f}}{{\partial x}}(P) = {sig_tex(fx)}",
            font_size=LABEL_SIZE,
            color=PALETTE.i_hat,
        )
        dy_tex = MathTex(
            rf"\frac{{\partial f}}{{\partial y}}(P) = {sig_tex(fy)}",
            font_size=LABEL_SIZE,
            color=PALETTE.j_hat,
        )
        grad_tex = MathTex(
            rf"\nabla f(P) = ({sig_tex(fx)},\ {sig_tex(fy)})",
            font_size=LABEL_SIZE,
            color=PALETTE.gradient,
        )
        half_w, half_h = frame_half_width(), frame_half_height()
        left_col = VGroup(formula, point_tex)
        stack(
            list(left_col), top=half_h - FRAME_MARGIN - 0.05, left=-half_w + FRAME_MARGIN, gap=0.2
        )
        right_col = [dx_tex, dy_tex, grad_tex]
        top = half_h - FRAME_MARGIN - 0.05
        for m in right_col:
            m.move_to([half_w - FRAME_MARGIN - m.width / 2, top - m.height / 2, 0])
            top -= m.height + 0.25
        texts = [formula, point_tex, *right_col]
        for m in texts:
            self.add_fixed_in_frame_mobjects(m)
            self.remove(m)

        # -- Beat 1: the surface and the point.
        self.set_camera_orientation(phi=65 * DEGREES, theta=-60 * DEGREES, zoom=1.0)
        self.beat(
            "surface",
            f"The surface z = f(x, y) and the point P = ({format_number(px)}, "
            f"{format_number(py)}) on it, at height f(P) = {sig(fp)}.",
        )
        self.play(Create(axes), run_time=0.8)
        self.play(FadeIn(surface), FadeIn(formula), run_time=1.4)
        self.add_fixed_orientation_mobjects(p_dot, floor_dot)  # discs that face the camera
        self.remove(p_dot, floor_dot)
        self.play(FadeIn(p_dot), FadeIn(floor_dot), Create(drop), FadeIn(point_tex), run_time=0.8)

        # -- Beat 2: slice along x.
        self.beat(
            "x-slice",
            f"Hold y = {format_number(py)} fixed: the slice is a curve in x whose tangent at P "
            f"has slope ∂f/∂x = {sig(fx)}.",
        )
        self.move_camera(
            phi=80 * DEGREES, theta=-90 * DEGREES, run_time=1.5, added_anims=[Create(x_curve)]
        )
        self.play(Create(x_tangent), FadeIn(dx_tex), run_time=1.0)
        self.bring_to_front(p_dot)
        self.wait(0.6)

        # -- Beat 3: slice along y.
        self.beat(
            "y-slice",
            f"Hold x = {format_number(px)} fixed: the slice in y has tangent slope "
            f"∂f/∂y = {sig(fy)}.",
        )
        self.move_camera(phi=80 * DEGREES, theta=0.0, run_time=1.5, added_anims=[Create(y_curve)])
        self.play(Create(y_tangent), FadeIn(dy_tex), run_time=1.0)
        self.bring_to_front(p_dot)
        self.wait(0.6)

        # -- Beat 4: the gradient assembles from the two slopes.
        self.beat(
            "gradient",
            f"Side by side the two slopes make the gradient ∇f(P) = ({sig(fx)}, {sig(fy)}), "
            "drawn on the floor: it points the way f rises fastest.",
        )
        self.move_camera(phi=50 * DEGREES, theta=-60 * DEGREES, run_time=1.5)
        if g_norm > 0:
            self.play(GrowArrow(x_part), run_time=0.7)
            self.play(GrowArrow(y_part), run_time=0.7)
            self.play(GrowArrow(grad_arrow), FadeIn(grad_tex), run_time=0.9)
        else:
            self.play(FadeIn(grad_tex), run_time=0.6)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """P on the surface; each drawn tangent's slope equals its partial derivative; the
        slices lie on the surface; the gradient arrow runs along (df/dx, df/dy)."""
        axes = self.axes
        d = self.data
        px, py = d["point"]
        objective = objectives.by_name(self.params.objective, self.params.hessian)
        scale = max(1.0, abs(d["f"]), abs(d["df_dx"]), abs(d["df_dy"]))
        checks = [
            Invariant(
                "P on the surface",
                axes.p2c(self.p_dot.get_center()),
                [px, py, d["f"]],
                atol=1e-6 * scale,
            ),
        ]
        if beat in ("x-slice", "y-slice", "gradient"):
            a = axes.p2c(self.x_tangent.get_start())
            b = axes.p2c(self.x_tangent.get_end())
            checks.append(
                Invariant(
                    "x-tangent slope = df/dx",
                    (b[2] - a[2]) / (b[0] - a[0]),
                    d["df_dx"],
                    atol=1e-6 * scale,
                )
            )
            checks.append(
                Invariant("x-tangent stays at y = y_P", [a[1], b[1]], [py, py], atol=1e-6 * scale)
            )
            pts = np.array([axes.p2c(q) for q in self.x_curve.get_anchors()])
            heights = [objective.value(q[:2]) for q in pts]
            checks.append(
                Invariant("x-slice lies on the surface", pts[:, 2], heights, atol=1e-6 * scale)
            )
        if beat in ("y-slice", "gradient"):
            a = axes.p2c(self.y_tangent.get_start())
            b = axes.p2c(self.y_tangent.get_end())
            checks.append(
                Invariant(
                    "y-tangent slope = df/dy",
                    (b[2] - a[2]) / (b[1] - a[1]),
                    d["df_dy"],
                    atol=1e-6 * scale,
                )
            )
        if beat == "gradient" and math.hypot(d["df_dx"], d["df_dy"]) > 0:
            a = axes.p2c(self.grad_arrow.get_start())
            b = axes.p2c(self.grad_arrow.get_end())
            direction = (b[:2] - a[:2]) / np.linalg.norm(b[:2] - a[:2])
            g = np.array(d["gradient"]) / math.hypot(d["df_dx"], d["df_dy"])
            checks.append(
                Invariant("gradient arrow starts below P", a[:2], [px, py], atol=1e-6 * scale)
            )
            checks.append(Invariant("gradient arrow along (df/dx, df/dy)", direction, g, atol=1e-6))
        return checks
