"""Calculus scenes: derivatives as limits of secants, gradients and their fields.

Render one with plain Manim: ``manim -pql scenes/calculus.py Derivative``.

The drawing helpers at the top (plot frames with equal units, contour lines, many dots
as one mobject) are shared with :mod:`scenes.optimization`.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    IN,
    LEFT,
    RIGHT,
    Arrow,
    Axes,
    ChangeDecimalToValue,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    MathTex,
    Polygon,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    Surface,
    Text,
    ThreeDAxes,
    ThreeDScene,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlmath_viz import autodiff, derivatives, objectives
from mlmath_viz.contours import (
    Box,
    angle_degrees,
    clip_segment,
    contour_levels,
    contour_lines,
    fit_box,
    nice_ticks,
    points_along,
    polyline_length,
)
from mlmath_viz.formatting import format_number
from mlmath_viz.objectives import Objective
from scenes.base import Invariant, MathScene
from scenes.builders import Readout, freeze_axis_shading, stack
from scenes.parameters.calculus import (
    H_END,
    BackpropagationParams,
    DerivativeParams,
    GradientFieldParams,
    PartialDerivativesParams,
    slice_view,
)
from scenes.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    frame_half_height,
    frame_half_width,
)

# -- shared helpers ---------------------------------------------------------------------

#: Handle length of a cubic Bezier quarter circle: 4/3 (sqrt 2 - 1).
KAPPA = 4.0 / 3.0 * (math.sqrt(2.0) - 1.0)


def sig(x: float, digits: int = 3) -> str:
    """``x`` with ``digits`` significant figures; scientific form when very small or big.

    ``0.000123 -> "1.23e-4"``, ``12345678 -> "1.23e7"``, ``0.5 -> "0.5"``.
    """
    if not math.isfinite(x):
        return "inf" if x > 0 else ("-inf" if x < 0 else "nan")
    if x == 0:
        return "0"
    if abs(x) < 1e-3 or abs(x) >= 1e5:
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    text = f"{x:.{digits}g}"
    if "e" in text:  # e.g. 12345 with 3 digits
        text = f"{x:.0f}"
    return text


def sig_tex(x: float, digits: int = 3) -> str:
    """:func:`sig` as LaTeX: ``1.23e-4`` becomes ``1.23\\times10^{-4}``."""
    text = sig(x, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa}\times10^{{{exponent}}}"
    return text


@dataclass
class PlotFrame:
    """A rectangle of the screen showing the plot region ``box`` with equal-unit axes.

    ``axes`` is an invisible Manim ``Axes`` used for the mapping both ways
    (``axes.c2p`` and ``axes.p2c``); ``border`` and ``labels`` are what is drawn.
    """

    axes: Axes
    box: Box
    border: Rectangle
    labels: VGroup

    def to_scene(self, points: np.ndarray) -> np.ndarray:
        """Scene points of plot points, shape (n, 2) -> (n, 3) (an affine map)."""
        p = np.asarray(points, dtype=float).reshape(-1, 2)
        (x0, x1), (y0, y1) = self.box
        o = self.axes.c2p(x0, y0)
        ex = (self.axes.c2p(x1, y0) - o) / (x1 - x0)
        ey = (self.axes.c2p(x0, y1) - o) / (y1 - y0)
        out: np.ndarray = o + np.outer(p[:, 0] - x0, ex) + np.outer(p[:, 1] - y0, ey)
        return out

    def to_plot(self, point: Sequence[float]) -> np.ndarray:
        """Plot coordinates of a scene point (Manim's ``p2c``)."""
        return np.array(self.axes.p2c(np.asarray(point, dtype=float))[:2], dtype=float)

    @property
    def group(self) -> VGroup:
        """Border and labels."""
        return VGroup(self.border, self.labels)


def plot_frame(
    box: Box,
    width: float,
    height: float,
    centre: Sequence[float],
    *,
    x_ticks: int = 5,
    y_ticks: int = 5,
    y_tick_text: dict[float, str] | None = None,
    x_values: Sequence[float] | None = None,
    y_values: Sequence[float] | None = None,
) -> PlotFrame:
    """An invisible ``Axes`` over ``box``, a border, and tick labels at round values.

    Tick labels sit outside the border (below it and to its left) at
    :data:`scenes.style.TEXT_SIZE`; ``y_tick_text`` maps y values to LaTeX labels (for
    log scales).
    """
    (x0, x1), (y0, y1) = box
    axes = Axes(
        x_range=(x0, x1, x1 - x0),
        y_range=(y0, y1, y1 - y0),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"include_ticks": False, "stroke_opacity": 0.0, "stroke_width": 0},
    )
    axes.move_to([centre[0], centre[1], 0.0])
    border = Rectangle(width=width, height=height, stroke_color=PALETTE.muted, stroke_width=1.5)
    border.move_to(axes.c2p(0.5 * (x0 + x1), 0.5 * (y0 + y1)))
    labels = VGroup()
    xs = nice_ticks(x0, x1, x_ticks) if x_values is None else np.asarray(x_values, float)
    ys = nice_ticks(y0, y1, y_ticks) if y_values is None else np.asarray(y_values, float)
    for x in xs:
        label = MathTex(format_number(float(x)), font_size=TEXT_SIZE, color=PALETTE.muted)
        label.next_to(axes.c2p(float(x), y0), DOWN, buff=0.12)
        labels.add(label)
    for y in ys:
        text = y_tick_text[float(y)] if y_tick_text else format_number(float(y))
        label = MathTex(text, font_size=TEXT_SIZE, color=PALETTE.muted)
        label.next_to(axes.c2p(x0, float(y)), LEFT, buff=0.12)
        labels.add(label)
    return PlotFrame(axes=axes, box=box, border=border, labels=labels)


def polyline(points: np.ndarray, color: str, width: float = 3.0, opacity: float = 1.0) -> VMobject:
    """A polyline through scene points (n, 3) as one VMobject."""
    vm = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
    if len(points) >= 2:
        vm.set_points_as_corners(np.asarray(points, dtype=float))
    return vm


def line_curves(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Bezier points (4 per segment) of straight segments, for ``VMobject.set_points``."""
    a = np.asarray(starts, dtype=float).reshape(-1, 3)
    b = np.asarray(ends, dtype=float).reshape(-1, 3)
    out = np.stack([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b], axis=1)
    return out.reshape(-1, 3)


def circle_curves(centres: np.ndarray, radius: float) -> np.ndarray:
    """Bezier points (16 per circle) of small circles: many dots as one VMobject."""
    c = np.asarray(centres, dtype=float).reshape(-1, 3)
    if len(c) == 0:
        return np.zeros((0, 3))
    quarter = []
    for k in range(4):
        a0, a1 = k * math.pi / 2, (k + 1) * math.pi / 2
        p0 = np.array([math.cos(a0), math.sin(a0), 0.0])
        p3 = np.array([math.cos(a1), math.sin(a1), 0.0])
        t0 = np.array([-math.sin(a0), math.cos(a0), 0.0])
        t1 = np.array([-math.sin(a1), math.cos(a1), 0.0])
        quarter.extend([p0, p0 + KAPPA * t0, p3 - KAPPA * t1, p3])
    unit = np.array(quarter)  # (16, 3)
    out: np.ndarray = (c[:, None, :] + radius * unit[None, :, :]).reshape(-1, 3)
    return out


def dot_cloud(centres: np.ndarray, radius: float, color: str) -> VMobject:
    """Filled dots at scene points, all in one VMobject (16 Bezier points per dot)."""
    vm = VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0)
    pts = circle_curves(centres, radius)
    if len(pts):
        vm.set_points(pts)
    return vm


def dot_centres(vm: VMobject) -> np.ndarray:
    """Centres of the dots of a :func:`dot_cloud`: the mean of each circle's 4 anchors."""
    pts = np.asarray(vm.points, dtype=float)
    if len(pts) == 0:
        return np.zeros((0, 3))
    anchors = pts.reshape(-1, 4, 4, 3)[:, :, 0, :]
    out: np.ndarray = anchors.mean(axis=1)
    return out


def contour_group(
    frame: PlotFrame,
    objective: Objective,
    levels: np.ndarray | None = None,
    count: int = 11,
    resolution: int = 90,
) -> tuple[VGroup, np.ndarray]:
    """Level curves of ``objective`` over the frame's box, one VMobject per level.

    Lower levels are drawn brighter. Returns the group and the levels used.
    """
    (x0, x1), (y0, y1) = frame.box
    xs = np.linspace(x0, x1, resolution)
    ys = np.linspace(y0, y1, resolution)
    z = objective.grid(xs, ys)
    if levels is None:
        finite = z[np.isfinite(z)]
        lowest = float(finite.min()) if finite.size else objective.minimum
        levels = contour_levels(z, count, minimum=min(objective.minimum, lowest))
    group = VGroup()
    for k, level in enumerate(levels):
        opacity = 0.95 - 0.5 * k / max(1, len(levels) - 1)
        vm = VMobject(stroke_color=PALETTE.grid, stroke_width=2.0, stroke_opacity=opacity)
        for line in contour_lines(xs, ys, z, float(level)):
            pts = frame.to_scene(line)
            vm.start_new_path(pts[0])
            vm.add_points_as_corners(pts[1:])
        group.add(vm)
    return group, np.asarray(levels, dtype=float)


def level_curve(frame: PlotFrame, objective: Objective, level: float, color: str) -> VMobject:
    """The level set ``f = level`` over the frame's box as one VMobject (fine grid)."""
    (x0, x1), (y0, y1) = frame.box
    xs = np.linspace(x0, x1, 161)
    ys = np.linspace(y0, y1, 161)
    vm = VMobject(stroke_color=color, stroke_width=3.0)
    for line in contour_lines(xs, ys, objective.grid(xs, ys), level):
        pts = frame.to_scene(line)
        vm.start_new_path(pts[0])
        vm.add_points_as_corners(pts[1:])
    return vm


def curve_tangent_at(
    frame: PlotFrame, curve: VMobject, point: np.ndarray
) -> tuple[float, np.ndarray]:
    """Distance (plot units) from ``point`` to the drawn curve's nearest vertex, and the
    curve's unit tangent there (from its neighbouring vertices), in plot coordinates."""
    anchors = np.array([frame.to_plot(p) for p in curve.get_anchors()])
    d = np.linalg.norm(anchors - point, axis=1)
    k = int(np.argmin(d))
    lo, hi = max(0, k - 2), min(len(anchors) - 1, k + 2)
    tangent = anchors[hi] - anchors[lo]
    return float(d[k]), tangent / np.linalg.norm(tangent)


def arrow_in_box(
    frame: PlotFrame, base: np.ndarray, direction: np.ndarray, length: float
) -> np.ndarray | None:
    """End point (plot units) of a segment from ``base`` along ``direction`` with screen
    length ``length``, cut at the frame's border; None when it has no room."""
    from mlmath_viz.contours import clip_segment

    norm = float(np.linalg.norm(direction))
    if norm == 0 or not np.all(np.isfinite(direction)):
        return None
    unit = (frame.to_scene(np.array([[1.0, 0.0]])) - frame.to_scene(np.array([[0.0, 0.0]])))[0]
    plot_length = length / float(np.linalg.norm(unit))
    end = base + plot_length * direction / norm
    clipped = clip_segment(base, end, frame.box)
    if clipped is None or np.linalg.norm(clipped[1] - clipped[0]) < 0.2 * plot_length:
        return None
    return clipped[1]


def line_through(frame: PlotFrame, point: np.ndarray, slope: float) -> np.ndarray | None:
    """Scene end points of the line through ``point`` with ``slope``, cut to the frame."""
    (x0, x1), _ = frame.box
    far = 4 * (x1 - x0) + 4 * abs(slope) * (x1 - x0)
    a = np.array([point[0] - far, point[1] - slope * far])
    b = np.array([point[0] + far, point[1] + slope * far])
    clipped = clip_segment(a, b, frame.box)
    if clipped is None:
        return None
    return frame.to_scene(np.array(clipped))


# -- Derivative -------------------------------------------------------------------------


class Derivative(MathScene):
    """The derivative as the limit of secant slopes.

    A secant through two points of the curve turns into the tangent as the gap h
    shrinks, and its slope, read out live, settles on the derivative f'(x).
    """

    params_type = DerivativeParams

    def construct(self) -> None:
        p: DerivativeParams = self.params
        fn = derivatives.FUNCTIONS[p.function]
        x, h0 = p.x, p.h_start
        fx, slope = fn.value(x), fn.derivative(x)
        hs = derivatives.shrinking_steps(h0, H_END, 9)
        self.data = {
            "function": fn.name,
            "x": x,
            "f_x": fx,
            "derivative": slope,
            "h_start": h0,
            "h_end": H_END,
            "h_values": hs.tolist(),
            "secant_slopes": [derivatives.secant_slope(fn, x, float(h)) for h in hs],
        }

        # -- The plot: the function over its interval.
        lo, hi = fn.domain
        xs = np.linspace(lo, hi, 240)
        ys = fn.f(xs)
        y_lo, y_hi = float(ys.min()), float(ys.max())
        pad = 0.12 * (y_hi - y_lo)
        box: Box = ((lo, hi), (y_lo - pad, y_hi + pad))
        half_w, half_h = frame_half_width(), frame_half_height()
        width, height = 7.3, 6.7
        frame = plot_frame(box, width, height, (-half_w + FRAME_MARGIN + 0.7 + width / 2, 0.25))
        self.frame = frame
        curve = polyline(frame.to_scene(np.column_stack([xs, ys])), PALETTE.text, 3.5)

        s = ValueTracker(0.0)

        def h_now() -> float:
            return derivatives.h_at(h0, H_END, s.get_value())

        p_dot = Dot(frame.to_scene(np.array([[x, fx]]))[0], radius=0.08, color=PALETTE.accent)
        q_dot = Dot(radius=0.08, color=PALETTE.path)
        secant = Line(color=PALETTE.accent, stroke_width=4)
        run_line = DashedLine(color=PALETTE.muted, stroke_width=2)
        rise_line = DashedLine(color=PALETTE.muted, stroke_width=2)
        self.p_dot, self.q_dot, self.secant = p_dot, q_dot, secant

        def place(_: object = None) -> None:
            h = h_now()
            q = np.array([x + h, fn.value(x + h)])
            q_dot.move_to(frame.to_scene(q[None, :])[0])
            ends = line_through(frame, np.array([x, fx]), derivatives.secant_slope(fn, x, h))
            if ends is not None:
                secant.put_start_and_end_on(ends[0], ends[1])
            corner = frame.to_scene(np.array([[x + h, fx]]))[0]
            run_line.become(
                DashedLine(p_dot.get_center(), corner, color=PALETTE.muted, stroke_width=2)
            )
            rise_line.become(
                DashedLine(corner, q_dot.get_center(), color=PALETTE.muted, stroke_width=2)
            )

        place()

        # -- The panel: the formulas and the live readouts.
        panel_x = 1.75
        title = MathTex(fn.latex, font_size=BODY_SIZE, color=PALETTE.text)
        quotient = MathTex(
            r"m(h) = \frac{f(x + h) - f(x)}{h}", font_size=LABEL_SIZE, color=PALETTE.accent
        )
        at_x = MathTex(rf"x = {format_number(x)}", font_size=LABEL_SIZE, color=PALETTE.text)
        h_label = MathTex("h =", font_size=LABEL_SIZE, color=PALETTE.path)
        # Readouts, not DecimalNumber: they change on every frame of the shrink beat, and
        # DecimalNumber re-typesets its digits each time (a fifth of the render at 480p).
        h_value = Readout(h0, decimals=4, font_size=LABEL_SIZE, color=PALETTE.path)
        h_value.place_after(h_label)
        h_row = VGroup(h_label, h_value)
        m_label = MathTex("m(h) =", font_size=LABEL_SIZE, color=PALETTE.accent)
        m_value = Readout(
            derivatives.secant_slope(fn, x, h0),
            decimals=4,
            font_size=LABEL_SIZE,
            color=PALETTE.accent,
        )
        m_value.place_after(m_label)
        m_row = VGroup(m_label, m_value)
        m_value.add_updater(lambda m: m.set_value(derivatives.secant_slope(fn, x, h_now())))
        h_value.add_updater(lambda m: m.set_value(h_now()))
        self.m_value = m_value
        derivative_tex = MathTex(fn.derivative_latex, font_size=LABEL_SIZE, color=PALETTE.gradient)
        exact = MathTex(
            rf"f'({format_number(x)}) = {format_number(slope, 4)}",
            font_size=LABEL_SIZE,
            color=PALETTE.gradient,
        )
        legend = VGroup(
            Line([0, 0, 0], [0.5, 0, 0], color=PALETTE.accent, stroke_width=4),
            Text("secant", font_size=TEXT_SIZE, color=PALETTE.accent),
            Line([0, 0, 0], [0.5, 0, 0], color=PALETTE.gradient, stroke_width=4),
            Text("tangent", font_size=TEXT_SIZE, color=PALETTE.gradient),
        ).arrange(RIGHT, buff=0.15)
        legend[2].shift(0.3 * RIGHT)
        legend[3].shift(0.3 * RIGHT)
        stack(
            [title, at_x, quotient, h_row, m_row, legend, derivative_tex, exact],
            top=half_h - FRAME_MARGIN - 0.1,
            left=panel_x,
            gap=0.32,
        )
        for m in (title, quotient, derivative_tex):
            if m.get_right()[0] > half_w - FRAME_MARGIN:
                m.scale_to_fit_width(half_w - FRAME_MARGIN - panel_x).align_to(at_x, LEFT)

        # -- Beat 1: the function and the point.
        self.beat(
            "function",
            f"The graph of {fn.name} f; we look for its slope at x = {format_number(x)}, "
            f"where f(x) = {format_number(fx, 4)}.",
        )
        self.add(frame.group)
        self.play(Create(curve), Write(title), run_time=1.5)
        self.play(FadeIn(p_dot), FadeIn(at_x), run_time=0.6)

        # -- Beat 2: one secant.
        m0 = derivatives.secant_slope(fn, x, h0)
        self.beat(
            "secant",
            f"The secant through x and x + h with h = {format_number(h0, 4)} has slope "
            f"m(h) = {format_number(m0, 4)}: rise over run.",
        )
        self.play(
            FadeIn(q_dot),
            Create(secant),
            Create(run_line),
            Create(rise_line),
            FadeIn(quotient),
            FadeIn(legend[:2]),
            run_time=1.2,
        )
        self.play(FadeIn(h_row), FadeIn(m_row), run_time=0.6)
        self.wait(0.5)

        # -- Beat 3: h shrinks; the secant turns and its slope settles.
        m_end = derivatives.secant_slope(fn, x, H_END)
        self.beat(
            "shrink",
            f"As h shrinks to {format_number(H_END, 4)} the secant turns into the tangent and "
            f"its slope settles at m = {format_number(m_end, 4)}.",
        )
        for m in (q_dot, secant, run_line, rise_line):
            m.add_updater(place)
        self.play(s.animate.set_value(1.0), run_time=5.0, rate_func=smooth)
        for m in (q_dot, secant, run_line, rise_line, h_value, m_value):
            m.clear_updaters()
        place()
        h_value.set_value(H_END)
        m_value.set_value(m_end)

        # -- Beat 4: the limit is the derivative.
        ends = line_through(frame, np.array([x, fx]), slope)
        tangent = (
            Line(ends[0], ends[1], color=PALETTE.gradient, stroke_width=4)
            if ends is not None
            else VMobject()
        )
        self.tangent = tangent
        self.beat(
            "tangent",
            f"The limit of the secant slopes is the derivative: f'({format_number(x)}) = "
            f"{format_number(slope, 4)}, the slope of the tangent.",
        )
        self.play(Create(tangent), FadeIn(legend[2:]), FadeIn(derivative_tex), run_time=1.0)
        self.play(FadeIn(exact), Indicate(m_row), run_time=1.0)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Q on the curve at x + h, the drawn secant's slope equal to m(h), P at (x, f(x)),
        and at the end the drawn tangent's slope equal to f'(x)."""
        if beat not in ("shrink", "tangent"):
            return []
        frame = self.frame
        d = self.data
        fn = derivatives.FUNCTIONS[d["function"]]
        x_end = d["x"] + d["h_end"]
        a, b = frame.to_plot(self.secant.get_start()), frame.to_plot(self.secant.get_end())
        checks = [
            Invariant("P at (x, f(x))", frame.to_plot(self.p_dot.get_center()), [d["x"], d["f_x"]]),
            Invariant(
                "Q at (x + h, f(x + h))",
                frame.to_plot(self.q_dot.get_center()),
                [x_end, fn.value(x_end)],
            ),
            Invariant(
                "drawn secant slope = m(h)",
                (b[1] - a[1]) / (b[0] - a[0]),
                d["secant_slopes"][-1],
                atol=1e-6 * max(1.0, abs(d["derivative"])),
            ),
            Invariant(
                "slope readout = m(h)", self.m_value.get_value(), d["secant_slopes"][-1], atol=1e-12
            ),
        ]
        if beat == "tangent":
            a, b = frame.to_plot(self.tangent.get_start()), frame.to_plot(self.tangent.get_end())
            checks.append(
                Invariant(
                    "drawn tangent slope = f'(x)",
                    (b[1] - a[1]) / (b[0] - a[0]),
                    d["derivative"],
                    atol=1e-6 * max(1.0, abs(d["derivative"])),
                )
            )
        return checks


# -- PartialDerivatives -----------------------------------------------------------------


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


# -- GradientField ----------------------------------------------------------------------

#: Contour grid resolution: fine enough that drawn level sets meet the gradient at
#: right angles to within a few degrees even on Himmelblau's small loops.
FIELD_RESOLUTION = 161


def _arrow(start: np.ndarray, end: np.ndarray, color: str) -> Arrow:
    return Arrow(
        start,
        end,
        buff=0,
        color=color,
        stroke_width=4,
        max_tip_length_to_length_ratio=0.35,
        tip_length=0.16,
    )


class GradientField(MathScene):
    """The gradient is perpendicular to the contour lines.

    Arrows of the gradient stand at right angles to the level sets and point uphill,
    longer where the function is steeper; flipped, the negative gradient points
    straight downhill.
    """

    params_type = GradientFieldParams

    def construct(self) -> None:
        p: GradientFieldParams = self.params
        objective = objectives.by_name(p.objective, p.hessian)
        half_w, half_h = frame_half_width(), frame_half_height()
        size = 6.7
        box = fit_box(np.zeros((0, 2)), objective.view, aspect=1.0, margin=0.0)
        frame = plot_frame(box, size, size, (-half_w + FRAME_MARGIN + 0.65 + size / 2, 0.25))
        self.frame = frame
        contours, levels = contour_group(frame, objective, resolution=FIELD_RESOLUTION)
        chosen = sorted({round(k) for k in np.linspace(3, len(levels) - 2, p.levels)})

        # -- Arrow bases: spread evenly along the chosen level sets (same grid as drawn).
        (x0, x1), (y0, y1) = box
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
        grads = np.array([objective.gradient(b) for b in bases]).reshape(-1, 2)
        norms = np.linalg.norm(grads, axis=1)
        g_max = float(norms.max()) if len(norms) else 1.0
        arrows = VGroup()
        kept: list[int] = []
        for i, (b, g, n) in enumerate(zip(bases, grads, norms, strict=True)):
            if n == 0:
                continue
            length = 0.3 + 0.4 * math.sqrt(n / g_max)
            end = arrow_in_box(frame, np.asarray(b), g, length)
            if end is None:
                continue
            ends = frame.to_scene(np.array([b, end]))
            arrows.add(_arrow(ends[0], ends[1], PALETTE.gradient))
            kept.append(i)
        self.arrows = arrows
        self.arrow_bases = [np.asarray(bases[i]) for i in kept]
        self.arrow_owner = [owners[i] for i in kept]
        self.contours = contours

        # -- One arrow up close: the tangent of its contour and the right angle.
        middle = chosen[len(chosen) // 2]
        candidates = [j for j, i in enumerate(kept) if owners[i] == middle] or list(
            range(len(kept))
        )
        centre = np.array([0.5 * (x0 + x1), 0.5 * (y0 + y1)])
        pick = min(candidates, key=lambda j: float(np.abs(self.arrow_bases[j] - centre).max()))
        base = self.arrow_bases[pick]
        tangent = np.asarray(tangents[kept[pick]])
        g_pick = grads[kept[pick]]
        angle = angle_degrees(g_pick, tangent)
        self.pick = pick
        b_scene = frame.to_scene(base[None, :])[0]
        t_scene = np.array([tangent[0], tangent[1], 0.0])
        tangent_line = Line(
            b_scene - 0.8 * t_scene, b_scene + 0.8 * t_scene, color=PALETTE.accent, stroke_width=4
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
        self.data = {
            "objective": objective.name,
            "contour_levels": levels.tolist(),
            "arrow_levels": [float(levels[k]) for k in chosen],
            "arrow_bases": [b.tolist() for b in self.arrow_bases],
            "gradients": [grads[i].tolist() for i in kept],
            "highlight": {
                "point": base.tolist(),
                "gradient": g_pick.tolist(),
                "contour_tangent": tangent.tolist(),
                "angle_deg": angle,
            },
        }

        # -- The panel.
        panel_x = 1.05
        formula = MathTex(objective.latex, font_size=LABEL_SIZE, color=PALETTE.text)
        grad_def = MathTex(
            r"\nabla f = \left(\tfrac{\partial f}{\partial x},\ "
            r"\tfrac{\partial f}{\partial y}\right)",
            font_size=BODY_SIZE,
            color=PALETTE.gradient,
        )
        point_tex = MathTex(
            rf"p = ({format_number(base[0])},\ {format_number(base[1])})",
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
        uphill = Text(
            "∇f points uphill,\nlonger where f is steeper",
            font_size=TEXT_SIZE,
            color=PALETTE.gradient,
            line_spacing=0.8,
        )
        downhill = Text(
            "−∇f points downhill:\nthe steepest descent",
            font_size=TEXT_SIZE,
            color=PALETTE.path,
            line_spacing=0.8,
        )
        stack(
            [formula, grad_def, uphill, point_tex, grad_tex, angle_tex, downhill],
            top=half_h - FRAME_MARGIN - 0.1,
            left=panel_x,
            gap=0.3,
        )
        if formula.get_right()[0] > half_w - FRAME_MARGIN:
            formula.scale_to_fit_width(half_w - FRAME_MARGIN - panel_x).align_to(grad_def, LEFT)

        # -- Beat 1: contour lines.
        self.beat(
            "contours",
            "Each contour line joins the points where f takes one value; "
            f"the lowest drawn here is f = {sig(float(levels[0]))}.",
        )
        self.add(frame.group)
        self.play(Create(contours, lag_ratio=0.1), FadeIn(formula), run_time=2.0)

        # -- Beat 2: the gradient field on the contours.
        self.beat(
            "gradient",
            "The gradient at each point is perpendicular to the contour through it and "
            "points uphill, towards higher levels; it is longer where f is steeper.",
        )
        self.play(FadeIn(grad_def), run_time=0.6)
        self.play(*(GrowArrow(a) for a in arrows), FadeIn(uphill), run_time=1.5)
        self.wait(0.5)

        # -- Beat 3: one of them up close.
        self.beat(
            "right-angle",
            f"At p = ({format_number(base[0])}, {format_number(base[1])}) the gradient is "
            f"({sig(g_pick[0])}, {sig(g_pick[1])}); it meets the contour's tangent at "
            f"{angle:.1f} degrees.",
        )
        others = [a for j, a in enumerate(arrows) if j != pick]
        self.play(
            *(a.animate.set_opacity(0.25) for a in others), Create(tangent_line), run_time=0.8
        )
        self.play(
            Create(right_angle),
            FadeIn(point_tex),
            FadeIn(grad_tex),
            FadeIn(angle_tex),
            run_time=1.0,
        )
        self.wait(1.0)

        # -- Beat 4: the negative gradient points downhill.
        self.beat(
            "downhill",
            "Flipped, the negative gradient points downhill: the direction of steepest "
            "descent, the step gradient descent takes.",
        )
        flipped = [
            _arrow(a.get_start(), 2 * a.get_start() - a.get_end(), PALETTE.path) for a in arrows
        ]
        self.play(
            FadeOut(tangent_line),
            FadeOut(right_angle),
            *(Transform(a, f) for a, f in zip(arrows, flipped, strict=True)),
            FadeIn(downhill),
            run_time=1.5,
        )
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Every arrow starts on its drawn contour, runs along +grad f (or -grad f after
        the flip) and is perpendicular to the drawn contour's tangent."""
        if beat not in ("gradient", "right-angle", "downhill"):
            return []
        sign = -1.0 if beat == "downhill" else 1.0
        frame = self.frame
        (x0, x1), _ = frame.box
        checks: list[Invariant] = []
        for j, arrow in enumerate(self.arrows):
            base = frame.to_plot(arrow.get_start())
            tip = frame.to_plot(arrow.get_end())
            d = (tip - base) / np.linalg.norm(tip - base)
            g = np.array(self.data["gradients"][j])
            contour = self.contours[int(self.arrow_owner[j])]
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


# -- Backpropagation --------------------------------------------------------------------

NODE_W, NODE_H = 1.25, 0.85
COLUMN_X = {"input": -5.5, "hidden": -1.5, "output": 2.3, "loss": 5.35}
GRAPH_Y = 1.15
ACTIVATION_TEX = {"tanh": r"\tanh z_j", "sigmoid": r"\sigma(z_j)", "relu": r"\max(0, z_j)"}
LOCAL_TEX = {"tanh": r"1 - h_1^2", "sigmoid": r"h_1(1 - h_1)", "relu": r"[z_1 > 0]"}


def _number(value: float, color: str, digits: int = 2) -> DecimalNumber:
    d = DecimalNumber(value, num_decimal_places=digits, font_size=TEXT_SIZE, color=color)
    d.set_stroke(PALETTE.background, width=5, background=True)
    return d


class Backpropagation(MathScene):
    """Backpropagation: the chain rule, edge by edge.

    A small network computes its output and loss left to right; the gradients then flow
    right to left, each edge multiplying by its local derivative, and one gradient step
    on the weights lowers the loss.
    """

    params_type = BackpropagationParams

    def construct(self) -> None:
        p: BackpropagationParams = self.params
        rng = np.random.default_rng(p.seed)
        weights = autodiff.initial_weights(rng, p.hidden)
        before = autodiff.network_pass(p.x, p.target, weights, p.activation)
        new_weights = autodiff.sgd_step_weights_only(weights, before.grads, p.lr)
        after = autodiff.network_pass(p.x, p.target, new_weights, p.activation)
        self.before, self.after = before, after
        self.data = {
            "weights": {"W": [list(r) for r in weights.w], "v": list(weights.v)},
            "activations": {
                "x": list(before.x),
                "z": list(before.z),
                "h": list(before.h),
                "y_hat": before.y_hat,
                "y": before.y,
                "loss": before.loss,
            },
            "gradients": {
                "W": [list(r) for r in before.grads.w],
                "v": list(before.grads.v),
                "y_hat": before.d_y_hat,
                "h": list(before.d_h),
                "z": list(before.d_z),
                "local_phi": list(before.local_phi),
            },
            "loss_before": before.loss,
            "loss_after": after.loss,
            "weights_after": {"W": [list(r) for r in new_weights.w], "v": list(new_weights.v)},
            "activations_after": {"h": list(after.h), "y_hat": after.y_hat},
            "lr": p.lr,
            "activation": p.activation,
        }

        # -- Nodes: name on top, value below; gradients appear under them later.
        spread = 1.1 if p.hidden == 2 else 1.65
        hidden_y = [GRAPH_Y + spread * (0.5 * (p.hidden - 1) - j) for j in range(p.hidden)]
        positions = {
            ("x", 0): (COLUMN_X["input"], GRAPH_Y + 1.0),
            ("x", 1): (COLUMN_X["input"], GRAPH_Y - 1.0),
            **{("h", j): (COLUMN_X["hidden"], y) for j, y in enumerate(hidden_y)},
            ("y", 0): (COLUMN_X["output"], GRAPH_Y),
            ("L", 0): (COLUMN_X["loss"], GRAPH_Y),
        }
        names = {"x": "x_{%d}", "h": "h_{%d}", "y": r"\hat y", "L": "L"}
        colours = {
            "x": PALETTE.muted,
            "h": PALETTE.accent,
            "y": PALETTE.path,
            "L": PALETTE.interval,
        }
        boxes, values, grads_text = {}, {}, {}
        node_group = VGroup()
        for key, (cx, cy) in positions.items():
            kind, j = key
            box = RoundedRectangle(
                corner_radius=0.15,
                width=NODE_W,
                height=NODE_H,
                color=colours[kind],
                stroke_width=3,
                fill_color=PALETTE.background,
                fill_opacity=1.0,
            ).move_to([cx, cy, 0])
            name = names[kind] % (j + 1) if "%" in names[kind] else names[kind]
            label = MathTex(name, font_size=TEXT_SIZE + 2, color=colours[kind])
            label.move_to([cx, cy + 0.19, 0])
            value = _number(0.0, PALETTE.text)
            value.move_to([cx, cy - 0.2, 0])
            boxes[key], values[key] = box, value
            node_group.add(box, label)
        self.values = values

        def edge(a: tuple[str, int], b: tuple[str, int]) -> Line:
            ax, ay = positions[a]
            bx, by = positions[b]
            return Line(
                [ax + NODE_W / 2, ay, 0],
                [bx - NODE_W / 2, by, 0],
                color=PALETTE.muted,
                stroke_width=2.5,
            )

        edges: list[tuple[str, int, int, Line, DecimalNumber]] = []
        for j in range(p.hidden):
            for i in range(2):
                line = edge(("x", i), ("h", j))
                label = _number(weights.w[j][i], PALETTE.text)
                label.move_to(line.point_from_proportion(0.3))
                edges.append(("W", j, i, line, label))
        for j in range(p.hidden):
            line = edge(("h", j), ("y", 0))
            label = _number(weights.v[j], PALETTE.text)
            label.move_to(line.point_from_proportion(0.45))
            edges.append(("v", j, 0, line, label))
        loss_edge = edge(("y", 0), ("L", 0))
        self.edges = edges
        pads = VGroup()
        for *_, label in edges:
            pad = Rectangle(
                width=0.62,
                height=0.3,
                fill_color=PALETTE.background,
                fill_opacity=1.0,
                stroke_width=0,
            )
            pads.add(pad.move_to(label.get_center()))
        target = MathTex(
            rf"y = {format_number(p.target)}", font_size=TEXT_SIZE + 2, color=PALETTE.muted
        )
        target.next_to(boxes[("L", 0)], DOWN, buff=0.15)

        # Gradient readouts under the output and hidden nodes.
        grad_labels = {
            ("y", 0): r"\tfrac{\partial L}{\partial \hat y} =",
            **{("h", j): rf"\tfrac{{\partial L}}{{\partial h_{j + 1}}} =" for j in range(p.hidden)},
        }
        grad_values = {
            ("y", 0): before.d_y_hat,
            **{("h", j): before.d_h[j] for j in range(p.hidden)},
        }
        for key, tex in grad_labels.items():
            row = VGroup(
                MathTex(tex, font_size=TEXT_SIZE, color=PALETTE.gradient),
                _number(grad_values[key], PALETTE.gradient),
            ).arrange(RIGHT, buff=0.1)
            row.next_to(boxes[key], DOWN, buff=0.1)
            grads_text[key] = row
        self.grads_text = grads_text

        # -- The formulas under the graph.
        band_top = -1.85
        act = ACTIVATION_TEX[p.activation]
        forward_tex = MathTex(
            rf"z_j = \textstyle\sum_i w_{{ji}} x_i,\quad h_j = {act},\quad "
            r"\hat y = \textstyle\sum_j v_j h_j,\quad L = \tfrac12(\hat y - y)^2",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        a, b = before.d_y_hat, weights.v[0]
        c, d = before.local_phi[0], before.x[0]
        e = before.grads.w[0][0]
        chain = MathTex(
            r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial \hat y}"
            r"\cdot\frac{\partial \hat y}{\partial h_1}\cdot\frac{\partial h_1}{\partial z_1}"
            r"\cdot\frac{\partial z_1}{\partial w_{11}}",
            font_size=LABEL_SIZE,
            color=PALETTE.gradient,
        )
        chain_numbers = MathTex(
            rf"= ({sig_tex(a)})\cdot({sig_tex(b)})\cdot({sig_tex(c)})\cdot({sig_tex(d)})"
            rf" = {sig_tex(e)}",
            font_size=LABEL_SIZE,
            color=PALETTE.gradient,
        )
        chain_names = MathTex(
            rf"\hat y - y,\quad v_1,\quad {LOCAL_TEX[p.activation]},\quad x_1",
            font_size=TEXT_SIZE,
            color=PALETTE.muted,
        )
        update_tex = MathTex(
            rf"w \leftarrow w - \eta\,\frac{{\partial L}}{{\partial w}},\quad "
            rf"\eta = {sig_tex(p.lr)}"
            rf"\qquad L:\ {sig_tex(before.loss)} \to {sig_tex(after.loss)}",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        for m in (forward_tex, chain, chain_numbers, update_tex):
            if m.width > 13.4:
                m.scale_to_fit_width(13.4)
        forward_tex.move_to([0, band_top - 0.35, 0])
        chain.move_to([0, band_top - 0.45, 0])
        chain_numbers.next_to(chain, DOWN, buff=0.2)
        chain_names.next_to(chain_numbers, DOWN, buff=0.15)
        update_tex.move_to([0, band_top - 0.4, 0])
        self.chain_numbers = chain_numbers

        # -- Beat 1: the network and its weights.
        self.beat(
            "network",
            f"A network with 2 inputs, {p.hidden} {p.activation} hidden units and one output; "
            "the numbers on the edges are its weights.",
        )
        self.play(*(Create(e_[3]) for e_ in edges), Create(loss_edge), run_time=1.0)
        self.add(pads)
        self.play(
            FadeIn(node_group), *(FadeIn(e_[4]) for e_ in edges), FadeIn(target), run_time=1.0
        )

        # -- Beat 2: forward pass, left to right.
        self.beat(
            "forward",
            f"Forward pass: x = ({format_number(p.x[0])}, {format_number(p.x[1])}) gives "
            f"ŷ = {sig(before.y_hat)} and the loss L = ½(ŷ − y)² = {sig(before.loss)} for the "
            f"target y = {format_number(p.target)}.",
        )
        self.play(FadeIn(forward_tex), run_time=0.6)
        steps = [
            [("x", 0), ("x", 1)],
            [("h", j) for j in range(p.hidden)],
            [("y", 0)],
            [("L", 0)],
        ]
        numbers = {
            ("x", 0): before.x[0],
            ("x", 1): before.x[1],
            ("y", 0): before.y_hat,
            ("L", 0): before.loss,
            **{("h", j): before.h[j] for j in range(p.hidden)},
        }
        for group in steps:
            for key in group:
                values[key].set_value(numbers[key])
            self.play(*(FadeIn(values[k], shift=0.15 * RIGHT) for k in group), run_time=0.5)
        self.wait(0.4)

        # -- Beat 3: backward pass, right to left, with the chain rule.
        self.beat(
            "backward",
            f"Backward pass: ∂L/∂ŷ = ŷ − y = {sig(before.d_y_hat)} flows back; each edge "
            f"multiplies by its local derivative, so ∂L/∂w11 = ({sig(a)})({sig(b)})({sig(c)})"
            f"({sig(d)}) = {sig(e)}.",
        )
        self.play(
            FadeOut(forward_tex),
            loss_edge.animate.set_color(PALETTE.gradient),
            FadeIn(grads_text[("y", 0)]),
            run_time=0.7,
        )
        v_edges = [e_ for e_ in edges if e_[0] == "v"]
        w_edges = [e_ for e_ in edges if e_[0] == "W"]

        def relabel(
            kind_wanted: str | None, value_of: dict[tuple[str, int, int], float], colour: str
        ) -> list[ReplacementTransform]:
            """Swap edge labels for new numbers (kept in self.edges so they can be read)."""
            anims = []
            for k, (kind, j, i, line, label) in enumerate(self.edges):
                if kind_wanted is not None and kind != kind_wanted:
                    continue
                new = _number(value_of[(kind, j, i)], colour).move_to(label.get_center())
                anims.append(ReplacementTransform(label, new))
                self.edges[k] = (kind, j, i, line, new)
            return anims

        grads_by_edge = {("v", j, 0): before.grads.v[j] for j in range(p.hidden)}
        grads_by_edge.update(
            {("W", j, i): before.grads.w[j][i] for j in range(p.hidden) for i in range(2)}
        )
        new_by_edge = {("v", j, 0): new_weights.v[j] for j in range(p.hidden)}
        new_by_edge.update(
            {("W", j, i): new_weights.w[j][i] for j in range(p.hidden) for i in range(2)}
        )
        self.play(
            *(e_[3].animate.set_color(PALETTE.gradient) for e_ in v_edges),
            *(FadeIn(grads_text[("h", j)]) for j in range(p.hidden)),
            *relabel("v", grads_by_edge, PALETTE.gradient),
            run_time=1.0,
        )
        self.play(
            *(e_[3].animate.set_color(PALETTE.gradient) for e_ in w_edges),
            *relabel("W", grads_by_edge, PALETTE.gradient),
            FadeIn(chain),
            run_time=1.0,
        )
        self.play(FadeIn(chain_numbers), FadeIn(chain_names), run_time=0.8)
        self.wait(1.2)

        # -- Beat 4: one gradient step; the loss drops.
        change = "drops" if after.loss < before.loss else "rises"
        self.beat(
            "update",
            f"One gradient step w ← w − {sig(p.lr)}·∂L/∂w changes every weight; "
            f"run forward again, the loss {change} from {sig(before.loss)} to {sig(after.loss)}.",
        )
        self.play(
            FadeOut(chain),
            FadeOut(chain_numbers),
            FadeOut(chain_names),
            *(FadeOut(g) for g in grads_text.values()),
            run_time=0.6,
        )
        self.play(
            *(e_[3].animate.set_color(PALETTE.muted) for e_ in edges),
            loss_edge.animate.set_color(PALETTE.muted),
            *relabel(None, new_by_edge, PALETTE.text),
            FadeIn(update_tex),
            run_time=1.0,
        )
        new_numbers = {
            ("y", 0): after.y_hat,
            ("L", 0): after.loss,
            **{("h", j): after.h[j] for j in range(p.hidden)},
        }
        self.play(
            *(ChangeDecimalToValue(values[k], v) for k, v in new_numbers.items()),
            Indicate(boxes[("L", 0)]),
            run_time=1.2,
        )
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Node readouts equal the activations, edge labels equal the weights (or their
        gradients during the backward pass) and sit on their edges."""
        if beat not in ("forward", "backward", "update"):
            return []
        d = self.data
        checks: list[Invariant] = []
        act = (
            d["activations"]
            if beat != "update"
            else {
                **d["activations"],
                "h": d["activations_after"]["h"],
                "y_hat": d["activations_after"]["y_hat"],
                "loss": d["loss_after"],
            }
        )
        for j, h in enumerate(act["h"]):
            checks.append(
                Invariant(f"h{j + 1} readout", self.values[("h", j)].get_value(), h, atol=1e-12)
            )
        checks.append(
            Invariant("y_hat readout", self.values[("y", 0)].get_value(), act["y_hat"], atol=1e-12)
        )
        checks.append(
            Invariant("loss readout", self.values[("L", 0)].get_value(), act["loss"], atol=1e-12)
        )
        if beat == "forward":
            source = {
                ("W", j, i): d["weights"]["W"][j][i]
                for j in range(len(d["weights"]["v"]))
                for i in range(2)
            }
            source.update({("v", j, 0): v for j, v in enumerate(d["weights"]["v"])})
        elif beat == "backward":
            source = {
                ("W", j, i): d["gradients"]["W"][j][i]
                for j in range(len(d["weights"]["v"]))
                for i in range(2)
            }
            source.update({("v", j, 0): v for j, v in enumerate(d["gradients"]["v"])})
            checks.append(
                Invariant(
                    "dL/dy_hat readout",
                    self.grads_text[("y", 0)][1].get_value(),
                    d["gradients"]["y_hat"],
                    atol=1e-12,
                )
            )
            for j, g in enumerate(d["gradients"]["h"]):
                checks.append(
                    Invariant(
                        f"dL/dh{j + 1} readout",
                        self.grads_text[("h", j)][1].get_value(),
                        g,
                        atol=1e-12,
                    )
                )
        else:
            source = {
                ("W", j, i): d["weights_after"]["W"][j][i]
                for j in range(len(d["weights"]["v"]))
                for i in range(2)
            }
            source.update({("v", j, 0): v for j, v in enumerate(d["weights_after"]["v"])})
        for kind, j, i, line, label in self.edges:
            shown = label.get_value()
            name = f"{kind}[{j + 1}{'' if kind == 'v' else i + 1}]"
            checks.append(Invariant(f"edge {name} label", shown, source[(kind, j, i)], atol=1e-12))
            a, b = line.get_start(), line.get_end()
            c = label.get_center()
            t = float(np.clip((c - a) @ (b - a) / ((b - a) @ (b - a)), 0, 1))
            checks.append(
                Invariant(
                    f"edge {name} label sits on its edge",
                    float(np.linalg.norm(a + t * (b - a) - c)),
                    0.0,
                    atol=1e-6,
                )
            )
        return checks


__all__ = [
    "Backpropagation",
    "Derivative",
    "GradientField",
    "PartialDerivatives",
    "PlotFrame",
    "arrow_in_box",
    "circle_curves",
    "contour_group",
    "curve_tangent_at",
    "dot_centres",
    "dot_cloud",
    "level_curve",
    "line_curves",
    "plot_frame",
    "polyline",
    "sig",
    "sig_tex",
]
