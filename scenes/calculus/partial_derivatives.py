"""Partial derivatives as slopes of slices.

Render it with plain Manim:
``manim -pql scenes/calculus/partial_derivatives.py PartialDerivatives``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DEGREES,
    IN,
    OUT,
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    GrowArrow,
    Line,
    MathTex,
    ThreeDAxes,
    ThreeDScene,
    VGroup,
    VMobject,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/calculus/partial_derivatives.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import objectives
from scenes.calculus.params import PartialDerivativesParams, slice_view
from scenes.kit.builders import freeze_axis_shading, stack
from scenes.kit.fast_surface import FastSurface, use_surface_camera
from scenes.kit.numbers import format_number, latex_number, sig, sig_tex
from scenes.kit.plots import polyline
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    PALETTE,
    frame_half_height,
    frame_half_width,
)

#: The surface's fill while a slice or the floor gradient is shown: faint enough that
#: the slice in front of it, or the arrows on the floor under it, read through it.
FADED_SURFACE = 0.18
#: The surface's fill when it is the subject.
SURFACE_OPACITY = 0.55


@dataclass
class PartialsPicture:
    """What PartialDerivatives draws, for its beats, invariants and tests."""

    objective: objectives.Objective
    value: float  # f(P)
    slopes: tuple[float, float]  # (df/dx, df/dy) at P
    axes: ThreeDAxes
    surface: FastSurface
    p_dot: Dot
    floor_dot: Dot
    drop: DashedLine
    x_curve: VMobject  # the slice along x, y fixed
    y_curve: VMobject  # the slice along y, x fixed
    x_tangent: Line
    y_tangent: Line
    x_part: Arrow  # the gradient's x component on the floor
    y_part: Arrow  # and its y component
    grad_arrow: Arrow
    formula: MathTex
    point_tex: MathTex
    dx_tex: MathTex
    dy_tex: MathTex
    grad_tex: MathTex
    axis_labels: VGroup  # x, y and f at the ends of the 3-D axes


class PartialDerivatives(MathScene, ThreeDScene):
    """Partial derivatives as slopes of slices.

    A surface z = f(x, y) is cut along x and along y through one point; each slice is a
    curve whose tangent slope is a partial derivative, and the two slopes together make
    the gradient.
    """

    params_type = PartialDerivativesParams

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_surface_camera(self)  # the surface's patches drawn with numpy, not one by one

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_surface()
        self.x_slice()
        self.y_slice()
        self.gradient()

    # -- the beats -------------------------------------------------------------------

    def show_surface(self) -> None:
        """The viewer sees the surface and the point P on it."""
        pic, (px, py) = self.picture, self.params.point
        self.set_camera_orientation(phi=65 * DEGREES, theta=-60 * DEGREES, zoom=1.0)
        self.beat(
            "surface",
            f"The surface z = f(x, y) and the point P = ({format_number(px)}, "
            f"{format_number(py)}) on it, at height f(P) = {sig(pic.value)}.",
        )
        self.add_fixed_orientation_mobjects(*pic.axis_labels)  # facing the camera
        self.remove(*pic.axis_labels)
        self.play(Create(pic.axes), FadeIn(pic.axis_labels), run_time=0.8)
        self.play(FadeIn(pic.surface), FadeIn(pic.formula), run_time=1.4)
        self.add_fixed_orientation_mobjects(pic.p_dot, pic.floor_dot)  # discs facing the camera
        self.remove(pic.p_dot, pic.floor_dot)
        self.play(
            FadeIn(pic.p_dot),
            FadeIn(pic.floor_dot),
            Create(pic.drop),
            FadeIn(pic.point_tex),
            run_time=0.8,
        )

    def x_slice(self) -> None:
        """Holding y fixed slices out a curve in x; its tangent's slope is df/dx."""
        pic, py = self.picture, self.params.point[1]
        self.beat(
            "x-slice",
            f"Hold y = {format_number(py)} fixed: the slice is a curve in x whose tangent at P "
            f"has slope ∂f/∂x = {sig(pic.slopes[0])}.",
        )
        # Seen from the -y side, x runs left to right and the slice's rise is seen in
        # profile; the surface fades so the part in front of the slice does not hide it.
        self.move_camera(
            phi=75 * DEGREES,
            theta=-90 * DEGREES,
            run_time=1.5,
            added_anims=[
                Create(pic.x_curve),
                pic.surface.animate.set_fill(opacity=FADED_SURFACE),
                pic.axis_labels[1].animate.set_opacity(0.0),  # y, end-on, would sit on P
            ],
        )
        self.play(Create(pic.x_tangent), FadeIn(pic.dx_tex), run_time=1.0)
        self.bring_to_front(pic.p_dot)
        self.wait(0.6)

    def y_slice(self) -> None:
        """Holding x fixed slices out a curve in y; its tangent's slope is df/dy."""
        pic, px = self.picture, self.params.point[0]
        self.beat(
            "y-slice",
            f"Hold x = {format_number(px)} fixed: the slice in y has tangent slope "
            f"∂f/∂y = {sig(pic.slopes[1])}.",
        )
        # Seen from the +x side, y runs left to right: the y-slice in profile. The x-slice
        # (now end-on) dims so it does not cross the y-slice's tangent.
        self.move_camera(
            phi=75 * DEGREES,
            theta=0.0,
            run_time=1.5,
            added_anims=[
                Create(pic.y_curve),
                pic.x_curve.animate.set_stroke(opacity=0.35),
                pic.x_tangent.animate.set_stroke(opacity=0.35),
                pic.axis_labels[1].animate.set_opacity(1.0),
            ],
        )
        self.play(Create(pic.y_tangent), FadeIn(pic.dy_tex), run_time=1.0)
        self.bring_to_front(pic.p_dot)
        self.wait(0.6)

    def gradient(self) -> None:
        """The two slopes side by side are the gradient, pointing the way f rises fastest."""
        pic, (fx, fy) = self.picture, self.picture.slopes
        self.beat(
            "gradient",
            f"Side by side the two slopes make the gradient ∇f(P) = ({sig(fx)}, {sig(fy)}), "
            "drawn on the floor: it points the way f rises fastest.",
        )
        # The surface stays faded: the arrows lie on the floor under it, seen through it.
        self.move_camera(
            phi=50 * DEGREES,
            theta=-60 * DEGREES,
            run_time=1.5,
            added_anims=[
                pic.x_curve.animate.set_stroke(opacity=1.0),
                pic.x_tangent.animate.set_stroke(opacity=1.0),
            ],
        )
        if math.hypot(fx, fy) > 0:
            self.play(GrowArrow(pic.x_part), run_time=0.7)
            self.play(GrowArrow(pic.y_part), run_time=0.7)
            self.play(GrowArrow(pic.grad_arrow), FadeIn(pic.grad_tex), run_time=0.9)
        else:
            self.play(FadeIn(pic.grad_tex), run_time=0.6)
        self.wait(1.5)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> PartialsPicture:
        """The surface, P, the two slices with their tangents, the gradient's arrows and
        the texts (nothing shown yet)."""
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
        axes = self.build_axes(objective, z_lo, z_hi)

        def c2p(x: float, y: float, z: float) -> np.ndarray:
            return np.asarray(axes.c2p(x, y, z))

        def surface_height(u: np.ndarray, v: np.ndarray) -> np.ndarray:
            with np.errstate(over="ignore", invalid="ignore"):
                f = objective.f(u, v)
            return np.where(np.isfinite(f), f, np.inf)  # as Objective.value

        surface = FastSurface.over_axes(
            axes,
            surface_height,
            u_range=(x0, x1),
            v_range=(y0, y1),
            resolution=p.resolution,
            fill_color=PALETTE.grid,
            fill_opacity=SURFACE_OPACITY,
            stroke_width=0.4,
            stroke_color=PALETTE.grid_faint,
        )
        p_dot = Dot(c2p(px, py, fp), radius=0.12, color=PALETTE.accent)
        floor_dot = Dot(c2p(px, py, z_lo), radius=0.06, color=PALETTE.muted)
        drop = DashedLine(c2p(px, py, z_lo), c2p(px, py, fp), color=PALETTE.muted, stroke_width=2)
        x_curve, y_curve, x_tangent, y_tangent = self.build_slices(objective, c2p)
        x_part, y_part, grad_arrow = self.build_gradient_arrows(c2p, z_lo)
        formula, point_tex, dx_tex, dy_tex, grad_tex = self.build_texts(objective)
        return PartialsPicture(
            objective, fp, (fx, fy), axes, surface, p_dot, floor_dot, drop, x_curve, y_curve,
            x_tangent, y_tangent, x_part, y_part, grad_arrow, formula, point_tex, dx_tex,
            dy_tex, grad_tex, self.build_axis_labels(axes),
        )  # fmt: skip

    @staticmethod
    def build_axis_labels(axes: ThreeDAxes) -> VGroup:
        """x, y and f just past the ends of their axes, so x cannot be taken for y."""
        labels = VGroup()
        for axis, name, away in zip(axes[:3], "xyf", (RIGHT, UP, OUT), strict=True):
            label = MathTex(name, font_size=LABEL_SIZE + 6, color=PALETTE.text)
            label.move_to(axis.get_end() + 0.55 * away)
            labels.add(label)
        return labels

    @staticmethod
    def build_axes(objective: objectives.Objective, z_lo: float, z_hi: float) -> ThreeDAxes:
        """The 3-D axes over the slices' view, sunk so the surface sits mid-frame."""
        (x0, x1), (y0, y1) = slice_view(objective)
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
        return axes

    def build_slices(
        self, objective: objectives.Objective, c2p: Callable[[float, float, float], np.ndarray]
    ) -> tuple[VMobject, VMobject, Line, Line]:
        """The slices: curves along x (y fixed) and along y (x fixed), with tangents."""
        (x0, x1), (y0, y1) = slice_view(objective)
        px, py = self.params.point
        fp = objective.value(self.params.point)
        fx, fy = (float(g) for g in objective.gradient(self.params.point))
        ts = np.linspace(x0, x1, 80)
        x_curve = polyline(
            np.array([c2p(t, py, objective.value((t, py))) for t in ts]), PALETTE.i_hat, 4.0
        )
        ts = np.linspace(y0, y1, 80)
        y_curve = polyline(
            np.array([c2p(px, t, objective.value((px, t))) for t in ts]), PALETTE.j_hat, 4.0
        )
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
        return x_curve, y_curve, x_tangent, y_tangent

    def build_gradient_arrows(
        self, c2p: Callable[[float, float, float], np.ndarray], z_lo: float
    ) -> tuple[Arrow, Arrow, Arrow]:
        """The gradient on the floor, built from its two components."""
        p: PartialDerivativesParams = self.params
        (x0, x1), _ = slice_view(objectives.by_name(p.objective, p.hessian))
        px, py = p.point
        fx, fy = self.data["df_dx"], self.data["df_dy"]
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
        return x_part, y_part, grad_arrow

    def build_texts(
        self, objective: objectives.Objective
    ) -> tuple[MathTex, MathTex, MathTex, MathTex, MathTex]:
        """The fixed texts: f and P on the left, the partials and the gradient on the right."""
        px, py = self.params.point
        fp, fx, fy = self.data["f"], self.data["df_dx"], self.data["df_dy"]
        # \tfrac sets 1/2 in script size: \frac keeps its digits at the 12 px rule.
        formula = MathTex(
            objective.latex.replace(r"\tfrac", r"\frac"), font_size=LABEL_SIZE, color=PALETTE.text
        )
        if formula.width > 6.0:
            formula.scale_to_fit_width(6.0)
        point_tex = MathTex(
            rf"P = ({latex_number(px)},\ {latex_number(py)}),\quad f(P) = {sig_tex(fp)}",
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
            list(left_col), top=half_h - FRAME_MARGIN_Y - 0.05, left=-half_w + FRAME_MARGIN, gap=0.2
        )
        right_col = [dx_tex, dy_tex]
        top = half_h - FRAME_MARGIN_Y - 0.05
        for m in right_col:
            m.move_to([half_w - FRAME_MARGIN - m.width / 2, top - m.height / 2, 0])
            top -= m.height + 0.25
        # The gradient in the lower right corner: under the partials it touched the
        # surface's far edge, which rises into the top right in the gradient's view.
        grad_tex.move_to(
            [
                half_w - FRAME_MARGIN - grad_tex.width / 2,
                -half_h + FRAME_MARGIN_Y + 0.05 + grad_tex.height / 2,
                0,
            ]
        )
        right_col.append(grad_tex)
        texts = [formula, point_tex, *right_col]
        for m in texts:
            self.add_fixed_in_frame_mobjects(m)
            self.remove(m)
        return formula, point_tex, dx_tex, dy_tex, grad_tex

    def invariants(self, beat: str) -> list[Invariant]:
        """P on the surface; each drawn tangent's slope equals its partial derivative; the
        slices lie on the surface; the gradient arrow runs along (df/dx, df/dy)."""
        pic = self.picture
        axes = pic.axes
        d = self.data
        px, py = d["point"]
        objective = objectives.by_name(self.params.objective, self.params.hessian)
        scale = max(1.0, abs(d["f"]), abs(d["df_dx"]), abs(d["df_dy"]))
        checks = [
            Invariant(
                "P on the surface",
                axes.p2c(pic.p_dot.get_center()),
                [px, py, d["f"]],
                atol=1e-6 * scale,
            ),
        ]
        if beat in ("x-slice", "y-slice", "gradient"):
            a = axes.p2c(pic.x_tangent.get_start())
            b = axes.p2c(pic.x_tangent.get_end())
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
            pts = np.array([axes.p2c(q) for q in pic.x_curve.get_anchors()])
            heights = [objective.value(q[:2]) for q in pts]
            checks.append(
                Invariant("x-slice lies on the surface", pts[:, 2], heights, atol=1e-6 * scale)
            )
        if beat in ("y-slice", "gradient"):
            a = axes.p2c(pic.y_tangent.get_start())
            b = axes.p2c(pic.y_tangent.get_end())
            checks.append(
                Invariant(
                    "y-tangent slope = df/dy",
                    (b[2] - a[2]) / (b[1] - a[1]),
                    d["df_dy"],
                    atol=1e-6 * scale,
                )
            )
        if beat == "gradient" and math.hypot(d["df_dx"], d["df_dy"]) > 0:
            a = axes.p2c(pic.grad_arrow.get_start())
            b = axes.p2c(pic.grad_arrow.get_end())
            direction = (b[:2] - a[:2]) / np.linalg.norm(b[:2] - a[:2])
            g = np.array(d["gradient"]) / math.hypot(d["df_dx"], d["df_dy"])
            checks.append(
                Invariant("gradient arrow starts below P", a[:2], [px, py], atol=1e-6 * scale)
            )
            checks.append(Invariant("gradient arrow along (df/dx, df/dy)", direction, g, atol=1e-6))
        return checks
