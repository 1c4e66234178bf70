"""Jacobian: a nonlinear map of the plane, zoomed in on one point, is its Jacobian.

Render it with plain Manim: ``manim -pql scenes/calculus/jacobian.py Jacobian``.
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
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    MathTex,
    Mobject,
    Polygon,
    Text,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    Write,
    smooth,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus/jacobian.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import jacobians
from scenes.calculus.params import JacobianParams
from scenes.kit.builders import grid, math_label, panel_box, readable_arrow, view_left_of_panel
from scenes.kit.coords import Coords
from scenes.kit.numbers import format_number, sig, sig_tex
from scenes.kit.panel import matrix_row, panel_stack
from scenes.kit.panel_rows import formula, remark
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.stage import LABEL_ROOM, MAX_UNIT
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)

#: Samples along each grid line of the whole plane (drawn as a dense polyline, so the
#: warped line is the curve F draws, not a straight chord).
SAMPLES = 121
#: Samples along each line of the zoom window's grid and of the small square's sides.
LOCAL_SAMPLES = 41
#: The zoom window's grid: this many steps either side of p (spacing l / LOCAL_STEPS).
LOCAL_STEPS = 4
#: The small square is p +- h with h = this many of the window's grid steps.
SQUARE_STEPS = 2
#: The plane's grid has at most this many lines each way.
MAX_LINES = 10
#: The domain reaches at least this far from the centre of the picture (plane units).
DOMAIN_REACH = 2.0
#: ... and this much past the point p.
DOMAIN_MARGIN = 0.6
#: The zoomed picture is this fraction of the plane's region (room for labels).
ZOOM_FILL = 0.9


def domain_box(name: str, p: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The part of the plane whose grid is drawn: for polar r in [0, R] and theta within a
    half turn of p's (its image a half disc facing p), else a square about the origin
    reaching past p."""
    if name == "polar":
        reach = max(DOMAIN_REACH, float(p[0]) + DOMAIN_MARGIN)
        return ((0.0, reach), (float(p[1]) - math.pi / 2, float(p[1]) + math.pi / 2))
    reach = max(DOMAIN_REACH, float(np.max(np.abs(p))) + DOMAIN_MARGIN)
    return ((-reach, reach), (-reach, reach))


def grid_step(box: tuple[tuple[float, float], tuple[float, float]]) -> float:
    """The plane grid's spacing: the smallest of 0.25, 0.5, 1, 2 giving at most
    :data:`MAX_LINES` lines across the longer side."""
    span = max(box[0][1] - box[0][0], box[1][1] - box[1][0])
    return next(s for s in (0.25, 0.5, 1.0, 2.0) if span / s <= MAX_LINES)


def polyline(view: Coords, points: np.ndarray, colour: str, width: float) -> VMobject:
    """A dense polyline through plane points."""
    line = VMobject(stroke_color=colour, stroke_width=width)
    line.set_points_as_corners(view.c2p(points))
    return line


def map_formula(params: JacobianParams) -> list[str]:
    """The map F as panel rows (LaTeX)."""
    if params.map == "polar":
        return [r"F(r, \theta) = (r\cos\theta,\ r\sin\theta)"]
    if params.map == "swirl":
        return [
            r"F(v) = R_{\varphi(|v|)}\, v",
            r"\varphi(\rho) = \frac{\pi}{2} \exp\!\left(-\frac{\rho^2}{2}\right)",
        ]
    return [r"F(v) = \tanh(W v + c)"]


def pair_tex(v: np.ndarray) -> str:
    """A point as LaTeX, ``(1.2,\\ 0.8)``."""
    a, b = (format_number(float(x), scientific=False) for x in v)
    return rf"({a},\ {b})"


def orientation_words(summary: jacobians.JacobianSummary) -> tuple[str, str]:
    """What det J says about orientation: a short panel remark and the caption's clause."""
    if summary.singular:
        return (
            "J squashes the plane\nonto a line",
            "det J = 0, so J squashes the window onto a line",
        )
    if summary.flips:
        return (
            "F flips orientation\nnear p",
            "det J is negative, so F flips orientation near p: the square's image "
            "runs clockwise (orange)",
        )
    return ("F keeps orientation\nnear p", "det J is positive, so F keeps orientation near p")


def sign_tex(summary: jacobians.JacobianSummary) -> str:
    """`` > 0`` or `` < 0`` after det J (nothing when J is singular)."""
    if summary.singular:
        return ""
    return r" < 0" if summary.flips else r" > 0"


def det_tex(summary: jacobians.JacobianSummary) -> str:
    """det J for the panel: three significant figures and its sign, or 0 when J is
    singular (rounding leaves 1e-17 where the exact value is 0)."""
    if summary.singular:
        return "0"
    return sig_tex(summary.determinant) + sign_tex(summary)


def zoom_note(factor: float) -> Mobject:
    """``zoomed in N times`` in the top left corner, above the zoomed picture (in the
    room the view keeps for labels)."""
    note = Text(f"zoomed in {sig(factor, 2)} times", font_size=TEXT_SIZE, color=PALETTE.muted)
    note.move_to(
        [
            -frame_half_width() + FRAME_MARGIN + note.width / 2,
            frame_half_height() - FRAME_MARGIN_Y - 0.05 - note.height / 2,
            0.0,
        ]
    )
    return note


def axis_names(name: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The axes' names before and after the map (LaTeX): polar's domain is the
    (r, theta) plane, its image the (x, y) plane."""
    if name == "polar":
        return (("r", r"\theta"), ("x", "y"))
    return (("x", "y"), ("x", "y"))


def axis_labels(view: Coords, names: tuple[str, str]) -> VGroup:
    """The axes' names at their positive ends, inside the plane's region."""
    right = panel_left() - 0.45
    top = frame_half_height() - FRAME_MARGIN_Y - 0.3
    x_label = math_label(names[0], PALETTE.text)
    x_label.move_to([right, float(view.origin[1]) + 0.32, 0.0])
    y_label = math_label(names[1], PALETTE.text)
    y_label.move_to([float(view.origin[0]) + 0.32, top, 0.0])
    return VGroup(x_label, y_label)


#: A measured area ratio under this times |J|^2, where J is singular, is rounding: shown 0.
ROUNDING_AREA = 1e-6


def measured_zero(summary: jacobians.JacobianSummary) -> bool:
    """Whether the measured ratio is rounding around the exact 0 of a singular J."""
    size = jacobians.stretch(summary.jacobian)
    return summary.singular and summary.measured.ratio < ROUNDING_AREA * size**2


def ratio_tex(summary: jacobians.JacobianSummary) -> str:
    """The measured area ratio for the panel (``0`` where it is rounding)."""
    return "0" if measured_zero(summary) else sig_tex(summary.measured.ratio)


def ratio_words(summary: jacobians.JacobianSummary) -> str:
    """The measured area ratio for the caption."""
    if measured_zero(summary):
        return f"0 (to rounding: {sig(summary.measured.ratio, 2)})"
    return sig(summary.measured.ratio)


RATIO_TEX = r"\frac{\text{area of } F(\text{square})}{\text{area of square}}"


def ratio_row(summary: jacobians.JacobianSummary, colour: str) -> Mobject:
    """The measured area ratio, ``fraction = value`` on one line when it fits the panel
    at full size, else the value on a second line."""
    value = ratio_tex(summary)
    whole = MathTex(rf"{RATIO_TEX} = {value}", font_size=LABEL_SIZE, color=colour)
    if whole.width <= PANEL_WIDTH:
        return whole
    return VGroup(
        formula(RATIO_TEX, colour), formula(rf"= {value}", colour, size=BODY_SIZE)
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)


@dataclass
class JacobianPicture:
    """What Jacobian draws, for its beats, invariants and tests."""

    summary: jacobians.JacobianSummary
    view: Coords  # the whole plane
    zoom: Coords  # the zoomed view: ``view`` scaled by ``zoom_factor`` about F(p)
    zoom_factor: float
    half_width: float  # l: the zoom window is p +- l
    square_half: float  # h: the small square is p +- h
    background: Mobject
    plane_lines: VGroup  # the plane's grid, warped by the homotopy
    plane_coords: list[np.ndarray]  # plane coordinates of each line's points, unwarped
    window: VMobject  # the image of the window p +- l under F
    local_lines: VGroup  # the window's grid under F (shown in the zoom)
    local_domain: list[np.ndarray]  # the window's grid lines before the map
    local_coords: list[np.ndarray]
    linear_lines: VGroup  # the window's grid under p -> F(p) + J (v - p), dashed
    linear_domain: list[np.ndarray]  # the window's grid line each dashed line maps
    columns: VGroup  # the arrows F(p) -> F(p) + h J e_k (k in column_index)
    column_index: list[int]  # which of J's columns have an arrow (all but zero ones)
    square: Polygon  # F(small square), filled: its boundary mapped densely
    dot: Dot
    dot_coords: np.ndarray
    p_label: Mobject
    fp_label: Mobject
    box: Mobject
    rows: dict[str, VGroup]
    zoom_note: Mobject  # "zoomed in N times", top left
    domain_axes: VGroup  # the axes' names before the map
    image_axes: VGroup  # ... and after it


class Jacobian(MathScene):
    """The Jacobian: a nonlinear map looks linear close up.

    A nonlinear map bends the whole grid, but zoomed in on one point the bent grid is
    straight again: it is the grid of the Jacobian J, and a small square's area is
    multiplied by |det J|.
    """

    params_type = JacobianParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_grid()  # the plane's grid and the point p
        self.warp()  # F bends every grid line
        self.zoom_in()  # close to F(p) the bent grid is straight
        self.show_linear()  # ... and it is J's grid
        self.show_area()  # a small square's area scales by |det J|

    # ------------------------------------------------------------------ building

    def build_picture(self) -> JacobianPicture:
        """Numbers from mlmath_viz; both views; the grids, the window, the square and
        the panel rows (placed, not yet shown)."""
        params = self.params
        m = jacobians.plane_map(params.map, params.weights, params.bias)
        p = np.array(params.point, dtype=float)
        half_width = jacobians.local_half_width(m, p)
        local_step = half_width / LOCAL_STEPS
        square_half = SQUARE_STEPS * local_step
        summary = jacobians.summarize(m, p, square_half)
        fp, jac = summary.image_point, summary.jacobian

        # The whole plane: its grid and the grid's image must both fit.
        box = domain_box(params.map, p)
        lines = jacobians.grid_lines(box, grid_step(box), SAMPLES, through=p)
        bounds = jacobians.image_bounds(m, lines)
        view = view_left_of_panel(bounds, MAX_UNIT, LABEL_ROOM)

        # The zoom window p +- l, its grid under F and under the linearization.
        window_box = (
            (p[0] - half_width, p[0] + half_width),
            (p[1] - half_width, p[1] + half_width),
        )
        local = jacobians.grid_lines(window_box, local_step, LOCAL_SAMPLES, through=p)
        local_images = [m(line) for line in local]
        linear_images = [jacobians.linearization(m, p, line[[0, -1]]) for line in local]
        seen = np.concatenate(local_images + linear_images)
        unit = view_left_of_panel(seen, 1e12, LABEL_ROOM).unit * ZOOM_FILL
        # fit the zoomed picture's box centre, at the unit found
        fitted = view_left_of_panel(seen, unit, LABEL_ROOM)
        zoom_factor = fitted.unit / view.unit
        zoom = fitted

        self.data = summary.to_json()
        self.data.update(
            {
                "window_half_width": half_width,
                "zoom_factor": zoom_factor,
                "linearization_error": jacobians.linearization_error(m, p, np.concatenate(local)),
                "domain": [list(box[0]), list(box[1])],
                "image_bounds": bounds.tolist(),
                "unit_length": view.unit,
            }
        )

        background = grid(view, PALETTE.grid_faint, opacity=1.0, stroke_width=1)
        background.set_z_index(UNDER_PANEL_Z - 2)
        plane_lines = VGroup(*(polyline(view, line, PALETTE.grid, 2.5) for line in lines))
        plane_coords = [view.p2c(line.points) for line in plane_lines]
        window_pts = jacobians.square_boundary(p, half_width, LOCAL_SAMPLES)
        window_image = m(np.vstack([window_pts, window_pts[:1]]))
        window = polyline(view, window_image, PALETTE.text, LINE_WIDTH)

        local_lines = VGroup(*(polyline(zoom, im, PALETTE.grid, LINE_WIDTH) for im in local_images))
        local_coords = [zoom.p2c(line.points) for line in local_lines]
        n_vertical = sum(1 for line in local if line[0, 0] == line[-1, 0])
        # J's columns too short to draw (a singular J with a zero column sends its
        # direction to the point F(p)) get neither lines nor an arrow
        lengths = np.hypot(jac[0], jac[1])
        drawn = [k for k in (0, 1) if lengths[k] > 1e-6 * float(lengths.max())]
        linear_lines = VGroup()
        linear_domain = []
        for k, ends in enumerate(linear_images):
            # vertical lines of the window run along e2: their images along J e2
            column = 1 if k < n_vertical else 0
            if column not in drawn:
                continue
            colour = PALETTE.j_hat if column == 1 else PALETTE.i_hat
            seg = VMobject(stroke_color=colour, stroke_width=LINE_WIDTH)
            seg.set_points_as_corners(zoom.c2p(ends))
            linear_lines.add(DashedVMobject(seg, num_dashes=12, dashed_ratio=0.5))
            linear_domain.append(local[k])
        hat = (PALETTE.i_hat, PALETTE.j_hat)
        columns = VGroup(
            *(
                readable_arrow(
                    Arrow(
                        zoom.c2p(fp),
                        zoom.c2p(fp + square_half * jac[:, k]),
                        buff=0,
                        color=hat[k],
                        stroke_width=6,
                        max_tip_length_to_length_ratio=0.25,
                        max_stroke_width_to_length_ratio=8,
                    )
                )
                for k in drawn
            )
        )
        colour = PALETTE.area_flipped if summary.flips else PALETTE.area
        square = Polygon(
            *zoom.c2p(summary.measured.image),
            stroke_color=colour,
            stroke_width=LINE_WIDTH,
            fill_color=colour,
            fill_opacity=0.45,
        )
        dot = Dot(view.c2p(p), radius=0.08, color=PALETTE.text)
        p_label = math_label("p", PALETTE.text)
        p_label.next_to(dot, DOWN + LEFT, buff=0.1)
        fp_label = math_label("F(p)", PALETTE.text)

        # The panel: what F is, p and F(p), then J, det J and the measured area ratio.
        rows: dict[str, VGroup] = {}
        rows["map"] = VGroup(*(formula(t) for t in map_formula(params))).arrange(
            DOWN, aligned_edge=LEFT, buff=0.15
        )
        if params.map == "tanh-layer":
            rows["map"].add(
                matrix_row("W =", summary.map.weights.tolist(), size=LABEL_SIZE),
                formula(rf"c = {pair_tex(summary.map.bias)}"),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        rows["point"] = VGroup(
            formula(rf"p = {pair_tex(p)}"), formula(rf"F(p) = {pair_tex(fp)}")
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        rows["jacobian"] = matrix_row(
            "J =",
            jac.tolist(),
            size=LABEL_SIZE,
            colours=(PALETTE.i_hat, PALETTE.j_hat),
        )
        words, _ = orientation_words(summary)
        rows["area"] = VGroup(
            formula(rf"\det J = {det_tex(summary)}", size=BODY_SIZE),
            ratio_row(summary, colour),
            remark(words),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        panel_stack(list(rows.values()), left=panel_left(), gap=0.35)
        return JacobianPicture(
            summary=summary,
            view=view,
            zoom=zoom,
            zoom_factor=zoom_factor,
            half_width=half_width,
            square_half=square_half,
            background=background,
            plane_lines=plane_lines,
            plane_coords=plane_coords,
            window=window,
            local_lines=local_lines,
            local_coords=local_coords,
            local_domain=local,
            linear_lines=linear_lines,
            linear_domain=linear_domain,
            columns=columns,
            column_index=drawn,
            square=square,
            dot=dot,
            dot_coords=p,
            p_label=p_label,
            fp_label=fp_label,
            box=panel_box(panel_left() - 0.2, PANEL_WIDTH + 0.2),
            rows=rows,
            zoom_note=zoom_note(zoom_factor),
            domain_axes=axis_labels(view, axis_names(params.map)[0]),
            image_axes=axis_labels(view, axis_names(params.map)[1]),
        )

    # ------------------------------------------------------------------ beats

    def show_grid(self) -> None:
        # The plane's grid and the point p where we shall zoom in.
        pic = self.picture
        what = "the (r, theta) plane" if self.params.map == "polar" else "the plane"
        self.beat(
            "grid",
            f"A grid of {what} and the point p = ({format_number(pic.dot_coords[0])}, "
            f"{format_number(pic.dot_coords[1])}).",
        )
        self.add(pic.background, pic.box)
        self.play(Create(pic.plane_lines, lag_ratio=0.05), Write(pic.rows["map"]), run_time=1.5)
        self.play(
            FadeIn(pic.dot),
            FadeIn(pic.p_label),
            FadeIn(pic.domain_axes),
            FadeIn(pic.rows["point"][0]),
            run_time=0.6,
        )

    def warp(self) -> None:
        # F bends every grid line: each point slides from v to F(v).
        pic = self.picture
        m, view = pic.summary.map, pic.view
        self.beat("warp", self.warp_caption())

        def slide(group: Mobject, t: float) -> None:
            for line, coords in zip(pic.plane_lines, pic.plane_coords, strict=True):
                line.points = view.c2p(jacobians.homotopy(m, coords, t))
            pic.dot.move_to(view.c2p(jacobians.homotopy(m, pic.dot_coords, t)))

        renamed = self.params.map == "polar"
        self.play(
            FadeOut(pic.p_label),
            *([FadeOut(pic.domain_axes), FadeIn(pic.image_axes)] if renamed else []),
            run_time=0.5 if renamed else 0.3,
        )
        if not renamed:  # the same names: keep the ones on screen
            pic.image_axes = pic.domain_axes
        self.play(UpdateFromAlphaFunc(pic.plane_lines, slide), run_time=3.0, rate_func=smooth)
        self.place_fp_label(pic.view)
        self.play(FadeIn(pic.fp_label), FadeIn(pic.rows["point"][1]), run_time=0.6)

    def warp_caption(self) -> str:
        name = self.params.map
        if name == "polar":
            return (
                "The polar map bends the grid: lines of constant r become arcs of circles "
                "about the origin, lines of constant theta become rays from it."
            )
        if name == "swirl":
            return (
                "The swirl turns each circle about the origin by an angle that fades "
                "with the radius, so the straight grid lines twist into curves."
            )
        return "The tanh layer bends the grid and squeezes it into the square from -1 to 1."

    def place_fp_label(self, view: Coords) -> None:
        pic = self.picture
        pic.fp_label.next_to(pic.dot, DOWN + LEFT, buff=0.1)

    def zoom_in(self) -> None:
        # Zoom in on F(p): the window around p, warped, becomes a grid of parallelograms.
        pic = self.picture
        view, zoom = pic.view, pic.zoom
        self.beat(
            "zoom",
            f"Zoomed in {sig(pic.zoom_factor, 2)} times on F(p), the image of a small "
            "window around p: there the bent grid is nearly straight.",
        )
        self.play(Create(pic.window), FadeOut(pic.image_axes), run_time=0.8)
        fp_big = view.c2p(pic.summary.image_point)
        fp_zoom = zoom.c2p(pic.summary.image_point)
        big = VGroup(pic.plane_lines, pic.window, pic.background)
        homes = [(mob, mob.points.copy()) for mob in big.family_members_with_points()]
        pic.local_lines.set_stroke(opacity=0)
        local_homes = [
            (line, view.c2p(coords))
            for line, coords in zip(pic.local_lines, pic.local_coords, strict=True)
        ]
        log_factor = math.log(pic.zoom_factor)

        def move(group: Mobject, s: float) -> None:
            k = math.exp(s * log_factor)
            centre = fp_big + s * (fp_zoom - fp_big)
            for mob, home in homes:
                mob.points = centre + k * (home - fp_big)
            for line, home in local_homes:
                line.points = centre + k * (home - fp_big)
            fade = max(0.0, 1 - 2 * s)
            pic.plane_lines.set_stroke(opacity=fade)
            pic.window.set_stroke(opacity=fade)
            pic.background.set_stroke(opacity=fade)
            pic.local_lines.set_stroke(opacity=min(1.0, 2 * s))

        self.add(pic.local_lines)
        self.bring_to_front(pic.dot)
        self.play(
            UpdateFromAlphaFunc(big, move),
            pic.dot.animate.move_to(fp_zoom),
            FadeOut(pic.fp_label),
            run_time=2.5,
            rate_func=smooth,
        )
        self.remove(pic.plane_lines, pic.window, pic.background)
        # beside the dot, on the side away from both of J's columns (the arrows to come)
        pic.fp_label.move_to(self.label_spot(pic))
        self.play(FadeIn(pic.fp_label), FadeIn(pic.zoom_note), run_time=0.4)

    @staticmethod
    def label_spot(pic: JacobianPicture) -> np.ndarray:
        """Where F(p)'s label goes in the zoom: past the dot, opposite the mean direction
        of J's two columns (straight down if they cancel)."""
        directions = [a.get_end() - a.get_start() for a in pic.columns]
        units = [d / max(1e-9, float(np.linalg.norm(d))) for d in directions]
        away = -np.sum(units, axis=0) if units else np.zeros(3)
        norm = float(np.linalg.norm(away))
        away = away / norm if norm > 0.2 else np.array(DOWN, dtype=float)
        reach = 0.2 + 0.5 * max(pic.fp_label.width, pic.fp_label.height)
        return np.asarray(pic.dot.get_center() + reach * away)

    def show_linear(self) -> None:
        # J's grid (dashed) lies on the warped grid: F(p + d) is nearly F(p) + J d.
        pic = self.picture
        err = self.data["linearization_error"]
        scale = pic.half_width * jacobians.thinnest_stretch(pic.summary.jacobian)
        self.beat(
            "linear",
            "The grid of the Jacobian J (dashed) lies on the bent grid: close to p, "
            f"F(p + d) is F(p) + J d, off by at most {sig(100 * err / scale, 2)}% of the "
            "window's size.",
        )
        self.play(
            Create(pic.linear_lines, lag_ratio=0.05),
            FadeIn(pic.rows["jacobian"]),
            run_time=1.5,
        )
        self.play(*(GrowArrow(a) for a in pic.columns), run_time=0.8)
        self.bring_to_front(pic.dot, pic.fp_label)

    def show_area(self) -> None:
        # A small square's image: its area is |det J| times the square's.
        pic = self.picture
        s = pic.summary
        _, clause = orientation_words(s)
        self.beat(
            "area",
            f"The small square around p (side {sig(2 * pic.square_half, 2)}) maps to this "
            f"shape; measured, its area is {ratio_words(s)} times the square's, "
            f"and |det J| = {sig(abs(s.determinant))}: {clause}.{self.area_remark()}",
        )
        self.play(FadeIn(pic.square), FadeIn(pic.rows["area"]), run_time=1.2)
        self.bring_to_front(pic.columns, pic.dot, pic.fp_label)
        self.wait(1.5)

    def area_remark(self) -> str:
        """What the area beat adds for the swirl: its det J is 1 everywhere."""
        if self.params.map == "swirl":
            return (
                " The swirl has det J = 1 at every point: it twists the grid but keeps every area."
            )
        return ""

    # ------------------------------------------------------------------ checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The dot at F(p) (after the warp); J's dashed lines at F(p) + J (v - p) and the
        arrows at F(p) + h J e_k, from the sidecar's jacobian; the drawn square's shoelace
        area over (2h)^2 at the sidecar's signed area ratio."""
        pic = self.picture
        d = self.data
        checks: list[Invariant] = []
        if beat == "warp":
            checks.append(
                Invariant("dot at F(p)", pic.view.p2c(pic.dot.get_center()), d["image_point"])
            )
        if beat in ("zoom", "linear", "area"):
            checks.append(
                Invariant(
                    "dot at F(p) (zoomed)",
                    pic.zoom.p2c(pic.dot.get_center()),
                    d["image_point"],
                    atol=1e-9,
                )
            )
        if beat in ("linear", "area"):
            jac, fp, p = np.array(d["jacobian"]), np.array(d["image_point"]), np.array(d["point"])
            h = d["square_half_side"]
            for k, arrow in zip(pic.column_index, pic.columns, strict=True):
                checks.append(
                    Invariant(
                        f"arrow {k + 1} at F(p) + h J e{k + 1}",
                        pic.zoom.p2c(arrow.get_end()),
                        fp + h * jac[:, k],
                        atol=1e-9,
                    )
                )
            for k, (line, domain) in enumerate(
                zip(pic.linear_lines, pic.linear_domain, strict=True)
            ):
                ends = pic.zoom.p2c(np.array([line[0].get_start(), line[-1].get_end()]))
                checks.append(
                    Invariant(
                        f"J's line {k + 1} from F(p) + J (v - p) to F(p) + J (w - p)",
                        ends,
                        fp + (domain[[0, -1]] - p) @ jac.T,
                        atol=1e-9,
                    )
                )
        if beat == "area":
            corners = pic.zoom.p2c(pic.square.get_vertices())
            h = d["square_half_side"]
            checks.append(
                Invariant(
                    "drawn square's area / (2h)^2 = signed area ratio",
                    jacobians.shoelace(corners) / (2 * h) ** 2,
                    d["signed_area_ratio"],
                    atol=1e-6 * max(1.0, abs(d["signed_area_ratio"])),
                )
            )
        return checks
