"""Gradient descent on a surface in 3-D.

Render it with plain Manim: ``manim -pql scenes/optimization/surface_descent.py SurfaceDescent``.
"""

from __future__ import annotations

import itertools as it
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    IN,
    LEFT,
    RIGHT,
    CapStyleType,
    Create,
    Dot,
    FadeIn,
    MathTex,
    ThreeDAxes,
    ThreeDScene,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

if __package__ in (
    None,
    "",
):  # run as a file by plain `manim scenes/optimization/surface_descent.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import descent, objectives, optimizers, surfaces
from mlmath_viz.contours import Box, contour_levels, contour_lines, inside
from scenes.kit.builders import freeze_axis_shading
from scenes.kit.fast_surface import FastSurface, draw_on_surface, use_surface_camera
from scenes.kit.marks import circle_curves, dot_centres, dot_cloud
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.readouts import SciStepReadout
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    frame_half_height,
    frame_half_width,
)
from scenes.kit.surfaces import height_scale
from scenes.optimization.common import contour_box
from scenes.optimization.params import SurfaceDescentParams

#: The contour plot's level sets (as :func:`scenes.kit.plots.contour_group` draws them).
CONTOUR_COUNT = 11
CONTOUR_GRID = 90


@dataclass
class SurfacePicture:
    """What SurfaceDescent draws, for its beats, invariants and tests."""

    run: descent.Trajectory
    objective: objectives.Objective
    axes: ThreeDAxes
    surface: FastSurface
    path: VMobject  # the path so far, on the surface
    dots: VMobject  # its dots at the points inside the plot
    ball: Dot  # the moving point
    shown: list[int]  # the steps inside the plot (the ones drawn)
    points3: np.ndarray  # each step's point on the surface, in scene coordinates
    lifted: (
        np.ndarray
    )  # the path's corners: the plane's segments between the shown steps, on the surface
    lifted_at: np.ndarray  # the corner of each shown step (by its place in ``shown``)
    dot_points: np.ndarray  # the dots' curves, for the shown steps
    shown_before: np.ndarray  # how many shown steps come before each step
    rule: MathTex
    eta: MathTex
    height_note: MathTex
    readout: SciStepReadout
    contours: VGroup  # the level sets of the contour plot, lifted onto the surface
    note: MathTex | None = None  # the verdict, once shown


class SurfaceDescent(MathScene, ThreeDScene):
    """Gradient descent on a surface in 3-D.

    The loss becomes a landscape; the descent path runs downhill on it, point by point,
    while the camera circles around so the valley's shape shows.
    """

    params_type = SurfaceDescentParams

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_surface_camera(self)  # the surface's patches drawn with numpy, not one by one

    def construct(self) -> None:
        self.picture = self.build_picture()
        pic = self.picture
        # Drawn in the surface's depth order: the ridges in front hide the path and the ball.
        draw_on_surface(self, pic.surface, pic.path, pic.dots, pic.ball)
        self.tracker = ValueTracker(0.0)
        self.landscape()
        self.roll_downhill()
        self.from_above()

    # -- the beats -------------------------------------------------------------------

    def landscape(self) -> None:
        """The viewer sees the loss as a landscape and where descent starts."""
        pic, p = self.picture, self.params
        self.set_camera_orientation(phi=62 * DEGREES, theta=-55 * DEGREES, zoom=0.95)
        start = f"({format_number(p.start[0])}, {format_number(p.start[1])})"
        self.beat(
            "surface",
            f"The {pic.objective.name} function as a landscape; descent starts at {start}, "
            f"where f = {sig(float(pic.run.losses[0]))}.",
        )
        self.play(Create(pic.axes), run_time=0.8)
        self.play(FadeIn(pic.surface), run_time=1.5)
        self.add(pic.path, pic.dots)
        self.add_fixed_orientation_mobjects(pic.ball)  # a disc that always faces the camera
        self.play(
            pic.rule.animate.set_opacity(1.0),
            pic.eta.animate.set_opacity(1.0),
            pic.height_note.animate.set_opacity(1.0),
            *(part.animate.set_opacity(1.0) for part in pic.readout.visible_parts()),
            FadeIn(pic.ball),
            run_time=0.8,
        )

    def roll_downhill(self) -> None:
        """Step by step the point runs downhill while the camera circles the valley."""
        pic, run, tracker = self.picture, self.picture.run, self.tracker
        if run.diverged:
            caption = (
                f"The steps grow: the run leaves the landscape and diverges after "
                f"{run.steps} steps."
            )
        else:
            end = run.points[-1]
            caption = (
                f"Step by step the point runs downhill to ({sig(float(end[0]))}, "
                f"{sig(float(end[1]))}), where f = {sig(float(run.losses[-1]))}."
            )
        self.beat("descent", caption)
        pic.path.add_updater(lambda m: self.set_path(tracker.get_value()))

        pic.readout.add_updater(lambda m: m.show(min(run.steps, math.floor(tracker.get_value()))))
        self.begin_ambient_camera_rotation(rate=0.25)
        self.play(
            tracker.animate.set_value(float(run.steps)),
            run_time=min(6.0, max(3.0, 0.12 * run.steps)),
            rate_func=linear,
        )
        self.stop_ambient_camera_rotation()
        pic.path.clear_updaters()
        pic.readout.clear_updaters()
        self.set_path(float(run.steps))
        pic.readout.show(run.steps)

    def from_above(self) -> None:
        """Seen from above, the path is the one on the contour plot."""
        pic, run = self.picture, self.picture.run
        final = float(run.losses[-1])
        word = descent.verdict(run, pic.objective)
        end_pt = run.points[-1]
        verdict_text = (
            rf"\text{{{word}}}"
            if run.diverged
            else rf"\text{{{word} at }}({sig_tex(float(end_pt[0]))},\ {sig_tex(float(end_pt[1]))})"
        )
        self.beat(
            "from-above",
            "Seen from above, with the level sets of f drawn on the surface, the path is the "
            "one on the contour plot: "
            + (
                "it diverged."
                if run.diverged
                else f"it ends at f = {sig(final)} after {run.steps} steps."
            ),
        )
        note = MathTex(verdict_text, font_size=LABEL_SIZE, color=PALETTE.accent)
        note.next_to(pic.readout, DOWN, buff=0.2, aligned_edge=RIGHT)
        pic.note = note
        self.add_fixed_in_frame_mobjects(note)
        self.move_camera(
            phi=0.0,
            theta=-90 * DEGREES,
            zoom=0.8,
            run_time=2.0,
            # The faded fill lets the level sets, not the patches' flat shades, carry the
            # valleys: the minima read as the innermost rings, as on the contour plot.
            added_anims=[FadeIn(pic.contours), pic.surface.animate.set_fill(opacity=0.4)],
        )
        self.play(FadeIn(note), run_time=0.6)
        self.wait(1.2)

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> SurfacePicture:
        """The run, the landscape with its path, and the fixed texts (nothing shown yet)."""
        p: SurfaceDescentParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        run = descent.trajectory(objective, optimizers.gradient_descent(p.lr), p.start, p.steps)
        box = contour_box(objective, run.points, run.diverged)
        (x0, x1), (y0, y1) = box
        xs = np.linspace(x0, x1, 60)
        ys = np.linspace(y0, y1, 60)
        scale = height_scale(objective)
        grid_h = surfaces.height(objective, objective.grid(xs, ys), scale)
        path_h = surfaces.height(objective, run.losses, scale)
        z_top = float(max(np.nanmax(grid_h[np.isfinite(grid_h)]), path_h.max()))
        z_top = z_top if z_top > 0 else 1.0
        self.data = {
            **run.to_json(),
            "heights": path_h.tolist(),
            "height_scale": "f" if scale == "linear" else "log(1 + f - f_min)",
            "plot_box": [list(box[0]), list(box[1])],
        }
        if p.objective == "quadratic":
            self.data["lr_critical"] = objectives.critical_learning_rate(p.hessian)
        axes = self.build_axes(box, z_top)
        surface = self.build_surface(objective, axes, box, scale, z_top)
        pts3 = np.array(
            [axes.c2p(x, y, min(h, z_top)) for (x, y), h in zip(run.points, path_h, strict=True)]
        )
        shown = [k for k in range(len(run.points)) if inside(run.points[k], box)]
        lifted, lifted_at = self.lift_path(objective, axes, run.points, shown, pts3, scale, z_top)
        # Round ends: the path is stroked in pieces, between the ridges that hide it.
        path = VMobject(stroke_color=PALETTE.path, stroke_width=4, cap_style=CapStyleType.ROUND)
        dots = dot_cloud(np.zeros((0, 3)), PALETTE.path, radius=0.05)
        all_dots = circle_curves(pts3[shown], 0.05)
        before = np.searchsorted(np.array(shown), np.arange(len(run.points) + 1))
        ball = Dot(pts3[0], radius=0.1, color=PALETTE.accent)
        rule, eta, height_note, readout = self.build_texts(run, scale)
        contours, levels = self.build_contours(objective, axes, box, scale, z_top)
        self.data["contour_levels"] = levels.tolist()
        self.picture = SurfacePicture(
            run, objective, axes, surface, path, dots, ball, shown, pts3, lifted, lifted_at,
            all_dots, before, rule, eta, height_note, readout, contours,
        )  # fmt: skip
        self.set_path(0.0)
        for m in (rule, eta, height_note, readout):
            self.add_fixed_in_frame_mobjects(m)
            m.set_opacity(0.0)
        return self.picture

    def lift_path(
        self,
        objective: objectives.Objective,
        axes: ThreeDAxes,
        points: np.ndarray,
        shown: list[int],
        pts3: np.ndarray,
        scale: str,
        z_top: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The path's corners on the surface: each segment of the plane between shown
        steps cut into pieces under half a patch long and lifted to the surface's height
        (as the surface: clipped at the top), the steps themselves at ``pts3``; and the
        corner of each shown step."""
        (x0, x1), (y0, y1) = self.data["plot_box"]
        cell = min(x1 - x0, y1 - y0) / self.params.resolution
        corners = [pts3[shown[0]]] if shown else []
        at = [0] if shown else []
        for a, b in it.pairwise(shown):
            pa, pb = np.asarray(points[a], dtype=float), np.asarray(points[b], dtype=float)
            n = max(1, math.ceil(float(np.hypot(*(pb - pa))) / (0.5 * cell)))
            ts = np.arange(1, n) / n
            xy = pa + ts[:, None] * (pb - pa)
            with np.errstate(over="ignore", invalid="ignore"):
                f = objective.f(xy[:, 0], xy[:, 1])
            f = np.where(np.isfinite(f), f, np.inf)
            h = np.minimum(surfaces.height(objective, f, scale), z_top)
            corners.extend(axes.c2p(x, y, z) for (x, y), z in zip(xy, h, strict=True))
            corners.append(pts3[b])
            at.append(len(corners) - 1)
        return np.array(corners, dtype=float).reshape(-1, 3), np.array(at, dtype=int)

    @staticmethod
    def build_axes(box: Box, z_top: float) -> ThreeDAxes:
        """The 3-D axes over the plot box, up to the landscape's top."""
        (x0, x1), (y0, y1) = box
        axes = ThreeDAxes(
            x_range=(x0, x1, (x1 - x0) / 4),
            y_range=(y0, y1, (y1 - y0) / 4),
            z_range=(0.0, z_top, z_top / 4),
            x_length=6.0,
            y_length=6.0,
            z_length=3.2,
            axis_config={"stroke_color": PALETTE.muted, "stroke_width": 2, "include_tip": False},
        )
        axes.shift(1.2 * IN)  # the surface rises above the axes: centre it in the frame
        freeze_axis_shading(axes)
        return axes

    def build_surface(
        self,
        objective: objectives.Objective,
        axes: ThreeDAxes,
        box: Box,
        scale: str,
        z_top: float,
    ) -> FastSurface:
        """The landscape: height of f (clipped at the top), coloured by height."""
        (x0, x1), (y0, y1) = box

        def surface_height(u: np.ndarray, v: np.ndarray) -> np.ndarray:
            with np.errstate(over="ignore", invalid="ignore"):
                f = objective.f(u, v)
            f = np.where(np.isfinite(f), f, np.inf)  # as Objective.value: inf on overflow
            return np.minimum(surfaces.height(objective, f, scale), z_top)

        surface = FastSurface.over_axes(
            axes,
            surface_height,
            u_range=(x0, x1),
            v_range=(y0, y1),
            resolution=self.params.resolution,
            fill_color=PALETTE.grid,
            fill_opacity=0.75,
            stroke_width=0.0,  # no seams: the quilt of patch edges hid the valleys
            stroke_color=PALETTE.grid_faint,
        )
        surface.set_fill_by_value(
            axes,
            [
                (PALETTE.background, 0.0),
                (PALETTE.grid, 0.25 * z_top),
                (PALETTE.accent, z_top),
            ],
            axis=2,
        )
        return surface

    @staticmethod
    def build_contours(
        objective: objectives.Objective, axes: ThreeDAxes, box: Box, scale: str, z_top: float
    ) -> tuple[VGroup, np.ndarray]:
        """The contour plot's level sets (the levels of :func:`scenes.kit.plots.contour_group`),
        each at its own height on the surface, lower levels brighter."""
        (x0, x1), (y0, y1) = box
        xs, ys = np.linspace(x0, x1, CONTOUR_GRID), np.linspace(y0, y1, CONTOUR_GRID)
        z = objective.grid(xs, ys)
        finite = z[np.isfinite(z)]
        lowest = float(finite.min()) if finite.size else objective.minimum
        levels = contour_levels(z, CONTOUR_COUNT, minimum=min(objective.minimum, lowest))
        group = VGroup()
        for k, level in enumerate(levels):
            h = min(float(surfaces.height(objective, float(level), scale)), z_top)
            opacity = 0.95 - 0.5 * k / max(1, len(levels) - 1)
            vm = VMobject(stroke_color=PALETTE.text, stroke_width=3.4, stroke_opacity=opacity)
            for line in contour_lines(xs, ys, z, float(level)):
                pts = np.array([axes.c2p(x, y, h) for x, y in line])
                vm.start_new_path(pts[0])
                vm.add_points_as_corners(pts[1:])
            group.add(vm)
        return group, np.asarray(levels, dtype=float)

    def build_texts(
        self, run: descent.Trajectory, scale: str
    ) -> tuple[MathTex, MathTex, MathTex, SciStepReadout]:
        """Fixed texts: the rule, the learning rate, the height's meaning and the readout."""
        half_w, half_h = frame_half_width(), frame_half_height()
        rule = MathTex(
            r"v_{k+1} = v_k - \eta\, \nabla f(v_k)", font_size=BODY_SIZE, color=PALETTE.text
        )
        rule.to_corner(np.array([-1.0, 1.0, 0.0]), buff=FRAME_MARGIN + 0.05)
        eta = MathTex(
            rf"\eta = {sig_tex(self.params.lr)}", font_size=LABEL_SIZE, color=PALETTE.text
        )
        eta.next_to(rule, DOWN, buff=0.2, aligned_edge=LEFT)
        height_note = MathTex(
            r"\text{height: } f" if scale == "linear" else r"\text{height: } \log(1 + f)",
            font_size=LABEL_SIZE,
            color=PALETTE.muted,
        )
        height_note.next_to(eta, DOWN, buff=0.2, aligned_edge=LEFT)
        readout = SciStepReadout(list(run.losses), LABEL_SIZE, PALETTE.text)
        corner = FRAME_MARGIN + 0.05  # the widest loss of the run ends at the margin
        readout.shift(
            [
                half_w - corner - readout.full_width - readout.left_edge(),
                half_h - corner - readout.get_top()[1],
                0,
            ]
        )
        return rule, eta, height_note, readout

    # -- helpers ---------------------------------------------------------------------

    def set_path(self, t: float) -> None:
        """The path, its dots and the ball at step ``t`` (points off the plot hidden): the
        path's points are a prefix of the lifted corners, the ball on the surface."""
        pic, steps = self.picture, self.picture.run.steps
        pts3, shown = pic.points3, pic.shown
        whole = min(steps, math.floor(t))
        done = int(pic.shown_before[whole + 1])  # shown steps up to ``whole``
        point = pts3[whole]
        end = int(pic.lifted_at[done - 1]) + 1 if done else 0
        corners = pic.lifted[:end]
        if (
            done
            and whole < steps
            and t > whole
            and shown[done - 1] == whole
            and done < len(shown)
            and shown[done] == whole + 1
        ):
            a, b = int(pic.lifted_at[done - 1]), int(pic.lifted_at[done])
            u = (t - whole) * (b - a)
            m = min(int(u), b - a - 1)
            point = pic.lifted[a + m] + (u - m) * (pic.lifted[a + m + 1] - pic.lifted[a + m])
            corners = np.concatenate([pic.lifted[: a + m + 1], point[None]])
        if len(corners) >= 2:
            pic.path.set_points_as_corners(corners)
        else:
            pic.path.set_points(np.zeros((0, 3)))
        pic.dots.set_points(pic.dot_points[: 16 * done])
        if whole in shown:
            pic.ball.move_to(point)
            pic.ball.set_opacity(1.0)
        else:
            pic.ball.set_opacity(0.0)

    def invariants(self, beat: str) -> list[Invariant]:
        """The path's dots sit at (x_k, y_k, height(f(x_k, y_k))) in the axes' coordinates."""
        if beat not in ("descent", "from-above"):
            return []
        pic = self.picture
        traj = np.array(self.data["trajectory"])
        heights = np.array(self.data["heights"])
        (x0, x1), _ = self.data["plot_box"]
        z_top = pic.axes.z_range[1]
        want = np.column_stack([traj, np.minimum(heights, z_top)])[pic.shown]
        centres = np.array([pic.axes.p2c(c) for c in dot_centres(pic.dots)]).reshape(-1, 3)
        return [
            Invariant(
                "path dots on the surface at the trajectory's points",
                centres,
                want.reshape(-1, 3),
                atol=1e-6 * max(1.0, x1 - x0, z_top),
            )
        ]
