"""Norms: the unit balls of L1, L2, L-infinity and Lp, and why an L1 budget gives zeros.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/norms.py Norms``.
"""

from __future__ import annotations

import itertools
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Arrow,
    Create,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    MathTex,
    Mobject,
    MoveAlongPath,
    Polygon,
    ReplacementTransform,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/norms.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import norms
from scenes.kit.builders import grid, math_label, panel_box, stack, vector_arrow, view_left_of_panel
from scenes.kit.coords import Coords
from scenes.kit.labels import LabelPlacer
from scenes.kit.marks import keep_wide
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import matrix_entry
from scenes.kit.panel_rows import formula, remark
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    HAT_SIZE,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.kit.vector_plane import tip_dot
from scenes.linear_algebra.params import NormsParams

#: Room left around the plotted points for the labels beside them.
LABEL_ROOM = 0.55
#: Largest length on screen of one plane unit.
MAX_UNIT = 1.6
#: Radius of the centre and closest-point dots (scene units).
DOT_RADIUS = 0.08
#: v's balls are drawn when v's largest coordinate is at least this long on screen
#: (scene units); smaller ones would be a dot of dashes, and v's tip dot marks v.
MIN_GROWN = 0.05
#: Fill opacity of the wedges whose points have a corner as their closest point.
WEDGE_OPACITY = 0.2
#: Drawn points of a unit ball off the ball by at most this, relative to its size: the
#: dashes of the Lp curve run along chords between its 360 points.
CHORD_RTOL = 2e-3

#: The norms in the order they are drawn and listed, with their LaTeX subscripts.
KEYS = norms.NORM_KEYS


# The colour roles: one series colour per norm (its ball, its closest point, its rows),
# the vector v another, the centre c the text colour.
def ball_colours() -> dict[str, str]:
    s = PALETTE.series
    return {"1": s[1], "2": s[0], "inf": s[2], "p": s[5]}


def vector_colour() -> str:
    return PALETTE.series[3]


def subscript(key: str, p: float) -> str:
    """The LaTeX subscript of a norm: ``1``, ``2``, ``\\infty`` or the value of p."""
    return {"1": "1", "2": "2", "inf": r"\infty"}.get(key, "{" + p_text(p) + "}")


def p_text(p: float) -> str:
    """The exponent p as shown: up to four decimals where two would hide it (1.0001
    is not shown as 1, which would read as the L1 norm)."""
    return matrix_entry(p)


def pair_tex(x: tuple[float, float] | list[float]) -> str:
    """A point as ``(a,\\ b)`` in LaTeX, each coordinate formatted for the screen."""
    return rf"({latex_number(x[0])},\ {latex_number(x[1])})"


def pair_text(x: tuple[float, float] | list[float]) -> str:
    """A point as ``(a, b)`` for a caption."""
    return f"({format_number(x[0])}, {format_number(x[1])})"


def closed_polyline(view: Coords, points: np.ndarray, colour: str) -> VMobject:
    """The closed polygon through ``points`` (plotted coordinates), as one stroke."""
    corners = view.c2p(np.vstack([points, points[:1]]))
    curve = VMobject(stroke_color=colour, stroke_width=LINE_WIDTH, fill_opacity=0.0)
    curve.set_points_as_corners(corners)
    return curve


def clip_to_box(polygon: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The convex ``polygon`` (rows of plotted points) cut to the rectangle ``box``
    (x0, x1, y0, y1), by Sutherland-Hodgman: layout, so that a wedge's shading ends at
    the plane's edge instead of running off the frame."""
    x0, x1, y0, y1 = box
    edges = ((0, x0, 1), (0, x1, -1), (1, y0, 1), (1, y1, -1))  # axis, bound, inward sign
    points = [np.asarray(p, dtype=float) for p in polygon]
    for axis, bound, sign in edges:
        if not points:
            break
        kept: list[np.ndarray] = []
        for k, current in enumerate(points):
            previous = points[k - 1]
            inside_now = sign * (current[axis] - bound) >= 0
            inside_before = sign * (previous[axis] - bound) >= 0
            if inside_now != inside_before:
                t = (bound - previous[axis]) / (current[axis] - previous[axis])
                kept.append(previous + t * (current - previous))
            if inside_now:
                kept.append(current)
        points = kept
    return np.array(points).reshape(-1, 2)


@dataclass
class NormsPicture:
    """What Norms draws, for its beats, invariants and tests."""

    summary: norms.NormsSummary
    length_view: Coords  # the plane of the unit balls and of v
    budget_view: Coords  # the plane of c and the balls of radius r
    length_plane: Mobject
    budget_plane: Mobject
    unit_balls: dict[str, VMobject]  # by norm key; the Lp one dashed
    grown_balls: dict[str, VMobject]  # each unit ball grown to reach v (empty if v = 0)
    vector_arrow: Arrow
    vector_dot: VGroup  # a dot on v's tip when the arrow is too short to see
    vector_label: Mobject
    l2_ball: VMobject
    l1_ball: VMobject
    wedges: VGroup  # where the closest point in the L1 ball is a corner
    wedge_corners: list[np.ndarray]  # the corner (plotted) of each drawn wedge
    center_dot: Dot
    center_label: Mobject
    l2_dot: Dot
    l1_dot: Dot
    l2_path: VMobject  # c scaled towards 0 (a straight line), to the L2 solution
    l1_path: VMobject  # soft thresholding from c to the L1 solution
    solution_labels: dict[str, Mobject]  # "1", "2": P_1(c), P_2(c) (empty where none fits)
    box: Mobject
    vector_row: Mobject
    definitions: VGroup
    lengths: VGroup
    budget_row: Mobject
    l2_section: VGroup
    l1_section: VGroup


def plane_bounds() -> tuple[float, float, float, float]:
    """The plane's region in scene coordinates (left, right, bottom, top): left of the
    panel, inside the title-safe area."""
    return (
        -frame_half_width() + FRAME_MARGIN,
        panel_left() - 0.25,
        -frame_half_height() + FRAME_MARGIN_Y,
        frame_half_height() - FRAME_MARGIN_Y,
    )


def ball_points(view: Coords, curve: VMobject) -> np.ndarray:
    """The plotted coordinates of a drawn curve's points (every dash's, when dashed)."""
    pts = np.vstack([m.points for m in curve.family_members_with_points()])
    return view.p2c(pts)


def path_invariant(
    name: str, view: Coords, path: VMobject, corners: list[list[float]], atol: float
) -> Invariant:
    """The drawn path's corners (plotted) are ``corners``; a path with no points stands
    for c not moving, so every corner must then be c."""
    expected = np.array(corners, dtype=float)
    if not path.has_points():
        return Invariant(
            name + " (c stays)", expected, np.repeat(expected[:1], len(expected), 0), atol
        )
    anchors = view.p2c(path.get_anchors())
    distinct = [anchors[0]] + [a for prev, a in itertools.pairwise(anchors) if np.any(a != prev)]
    kept = [expected[0]] + [e for prev, e in itertools.pairwise(expected) if np.any(e != prev)]
    return Invariant(name, np.array(distinct), np.array(kept), atol)


class Norms(MathScene):
    """Norms: the unit balls of L1, L2, L-infinity and Lp, and the lasso's exact zeros.

    Each norm measures length its own way, so each has its own unit ball; the closest
    point to c inside an L1 ball often sits on a corner, where a coordinate is exactly
    zero, while the L2 ball only shrinks c towards the origin.
    """

    params_type = NormsParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_unit_balls()  # four norms, four shapes of "length 1"
        self.show_lengths()  # v's length in each norm: the ball grown to reach v
        self.show_l2_budget()  # the closest point in the L2 ball: c shrunk
        self.show_l1_budget()  # the closest point in the L1 ball: a corner, an exact 0

    # -- Building

    def build_picture(self) -> NormsPicture:
        """The numbers from mlmath_viz, the two planes, the balls, dots and paths, the
        labels and the panel (placed, not yet shown)."""
        p = self.params
        s = norms.summarize(p.vector, p.p, p.center, p.radius)
        self.data = s.to_json()
        colours = ball_colours()
        spheres = {
            "1": norms.unit_sphere(1.0),
            "2": norms.unit_sphere(2.0),
            "inf": norms.unit_sphere(math.inf),
            "p": norms.unit_sphere(s.p),
        }
        # The plane of the lengths: the unit balls and every ball grown to reach v.
        reach = max(1.0, s.norms["1"])
        length_keys = np.array(
            [(0, 0), (reach, 0), (-reach, 0), (0, reach), (0, -reach), s.vector], dtype=float
        )
        length_view = view_left_of_panel(length_keys, MAX_UNIT, LABEL_ROOM)
        unit_balls: dict[str, VMobject] = {}
        grown_balls: dict[str, VMobject] = {}
        for key in KEYS:
            curve = closed_polyline(length_view, spheres[key], colours[key])
            unit_balls[key] = self.dashed(curve) if key == "p" else curve
            if s.norms["inf"] * length_view.unit >= MIN_GROWN:
                grown = closed_polyline(length_view, s.norms[key] * spheres[key], colours[key])
                grown_balls[key] = self.dashed(grown) if key == "p" else grown
        arrow = vector_arrow(length_view, s.vector, vector_colour())
        keep_wide(arrow)
        vector_dot = tip_dot(arrow, vector_colour())
        if s.norms["inf"] == 0:  # the zero vector: a dot at the origin, no arrow to see
            vector_dot = VGroup(Dot(length_view.origin, radius=DOT_RADIUS, color=vector_colour()))

        # The plane of the budgets: c and the balls of radius r.
        r, c = s.radius, np.array(s.center)
        budget_keys = np.array([(0, 0), (r, 0), (-r, 0), (0, r), (0, -r), s.center], dtype=float)
        budget_view = view_left_of_panel(budget_keys, MAX_UNIT, LABEL_ROOM)
        l2_ball = closed_polyline(budget_view, r * spheres["2"], colours["2"])
        l1_ball = closed_polyline(budget_view, r * spheres["1"], colours["1"])
        wedges, wedge_corners = self.build_wedges(budget_view, r, colours["1"])
        center_dot = Dot(budget_view.c2p(s.center), radius=DOT_RADIUS, color=PALETTE.text)
        l2_dot = Dot(budget_view.c2p(s.l2_solution), radius=DOT_RADIUS, color=colours["2"])
        l1_dot = Dot(budget_view.c2p(s.l1_solution), radius=DOT_RADIUS, color=colours["1"])
        l2_path = self.path(budget_view, np.array([c, s.l2_solution]), colours["2"])
        l1_path = self.path(budget_view, norms.soft_threshold_path(c, s.l1_threshold), colours["1"])
        self.data["l1_path"] = norms.soft_threshold_path(c, s.l1_threshold).tolist()

        labels = self.place_labels(s, length_view, budget_view, arrow, unit_balls, grown_balls)
        box, vector_row, definitions, lengths, budget_row, l2_section, l1_section = (
            self.build_panel(s)
        )
        length_plane = grid(length_view, PALETTE.grid, opacity=0.8)
        budget_plane = grid(budget_view, PALETTE.grid, opacity=0.8)
        for plane in (length_plane, budget_plane):
            plane.set_z_index(UNDER_PANEL_Z - 2)
        wedges.set_z_index(UNDER_PANEL_Z - 1)
        return NormsPicture(
            summary=s,
            length_view=length_view,
            budget_view=budget_view,
            length_plane=length_plane,
            budget_plane=budget_plane,
            unit_balls=unit_balls,
            grown_balls=grown_balls,
            vector_arrow=arrow,
            vector_dot=vector_dot,
            vector_label=labels["v"],
            l2_ball=l2_ball,
            l1_ball=l1_ball,
            wedges=wedges,
            wedge_corners=wedge_corners,
            center_dot=center_dot,
            center_label=labels["c"],
            l2_dot=l2_dot,
            l1_dot=l1_dot,
            l2_path=l2_path,
            l1_path=l1_path,
            solution_labels={"1": labels["P1"], "2": labels["P2"]},
            box=box,
            vector_row=vector_row,
            definitions=definitions,
            lengths=lengths,
            budget_row=budget_row,
            l2_section=l2_section,
            l1_section=l1_section,
        )

    @staticmethod
    def dashed(curve: VMobject) -> VMobject:
        """The Lp curve dashed, so that a ball under it (p = 1 or 2 draws the L1 or L2
        ball again) still shows."""
        dashes = DashedVMobject(curve, num_dashes=40, dashed_ratio=0.55)
        dashes.set_stroke(width=LINE_WIDTH)
        return dashes

    @staticmethod
    def path(view: Coords, points: np.ndarray, colour: str) -> VMobject:
        """A polyline through ``points`` (plotted), the way a dot moves from c; no points
        when c does not move (it is inside the ball)."""
        line = VMobject(stroke_color=colour, stroke_width=3.5, fill_opacity=0.0)
        if len(points) >= 2 and np.any(points[1:] != points[0]):
            line.set_points_as_corners(view.c2p(points))
        return line

    def move_along(self, path: VMobject, colour: str) -> None:
        """Draw ``path`` while a copy of c's dot runs along it (nothing when c stays)."""
        if not path.has_points():
            return
        mover = self.picture.center_dot.copy().set_color(colour)
        self.play(Create(path), MoveAlongPath(mover, path.copy()), run_time=1.5)
        self.remove(mover)

    @staticmethod
    def build_wedges(view: Coords, radius: float, colour: str) -> tuple[VGroup, list[np.ndarray]]:
        """The four wedges at the L1 ball's corners, each cut to the plane's region, and
        the corner of each."""
        left, right, bottom, top = plane_bounds()
        (x0, y0), (x1, y1) = view.p2c(np.array([[left, bottom, 0.0], [right, top, 0.0]]))
        far = 4 * (abs(x0) + abs(x1) + abs(y0) + abs(y1) + radius)
        wedges, corners = VGroup(), []
        for corner, a, b in norms.corner_wedges(radius):
            cut = clip_to_box(
                np.array([corner, corner + far * a, corner + far * b]), (x0, x1, y0, y1)
            )
            if len(cut) >= 3:
                wedges.add(
                    Polygon(
                        *view.c2p(cut),
                        stroke_width=0,
                        fill_color=colour,
                        fill_opacity=WEDGE_OPACITY,
                    )
                )
                corners.append(corner)
        return wedges, corners

    def place_labels(
        self,
        s: norms.NormsSummary,
        length_view: Coords,
        budget_view: Coords,
        arrow: Arrow,
        unit_balls: dict[str, VMobject],
        grown_balls: dict[str, VMobject],
    ) -> dict[str, Mobject]:
        """ "v" beside v's tip (clear of the balls' edges where it can be), and "c",
        "P_2(c)", "P_1(c)" beside their dots (an empty group where none fits)."""
        colours = ball_colours()
        shown: dict[str, Mobject] = {}
        # The lengths' plane.
        placer = LabelPlacer(plane_bounds())
        origin = length_view.origin
        placer.avoid_point(origin)
        placer.avoid_arrow(arrow.get_start(), arrow.get_end())
        for curve in (*unit_balls.values(), *grown_balls.values()):
            placer.shafts.extend(np.asarray(curve.get_all_points()[::3]))
        label = math_label("v", vector_colour(), size=HAT_SIZE)
        end = arrow.get_end()
        along = end - origin if np.linalg.norm(end - origin) > 1e-9 else RIGHT
        shown["v"] = label if placer.place(label, end, along, 1) else VGroup()
        # The budgets' plane.
        placer = LabelPlacer(plane_bounds())
        view = budget_view
        c, p2, p1 = (view.c2p(x) for x in (s.center, s.l2_solution, s.l1_solution))
        for point in (view.origin, c, p2, p1):
            placer.avoid_point(point)
        placer.avoid_axes(view.origin)
        for pts in (
            s.radius * norms.unit_sphere(2.0, 90),
            s.radius * norms.unit_sphere(1.0),
        ):
            placer.shafts.extend(view.c2p(pts))
        for a, b in ((c, p2), (c, p1)):
            for t in np.linspace(0.05, 0.95, 10):
                placer.shafts.append(a + t * (b - a))
        centre_out = c - view.origin if np.linalg.norm(c - view.origin) > 1e-9 else RIGHT
        label = math_label("c", PALETTE.text, size=HAT_SIZE)
        shown["c"] = label if placer.place(label, c, centre_out, 1) else VGroup()
        for key, point, solution in (("P2", p2, s.l2_solution), ("P1", p1, s.l1_solution)):
            norm_key = key[1]
            if np.allclose(solution, s.center, atol=0):  # c is its own closest point
                shown[key] = VGroup()
                continue
            label = math_label(rf"P_{norm_key}(c)", colours[norm_key])
            out = point - view.origin if np.linalg.norm(point - view.origin) > 1e-9 else RIGHT
            side = 1 if key == "P2" else -1
            shown[key] = label if placer.place(label, point, out, side) else VGroup()
        return shown

    @staticmethod
    def top_row(first: str, second: str, colour: str) -> Mobject:
        """``first, second`` on the panel's top row, or on two rows when that is wider
        than the panel (a coordinate like 1.0 x 10^-300)."""
        one = MathTex(rf"{first},\quad {second}", font_size=LABEL_SIZE, color=colour)
        if one.width <= PANEL_WIDTH:
            return one
        rows = VGroup(formula(first, colour), formula(second, colour))
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)

    def build_panel(self, s: norms.NormsSummary) -> tuple[Mobject, ...]:
        """The panel: v and p on top with the definitions, then v's lengths; for the
        budgets c and r on top, then the L2 and the L1 closest points."""
        colours = ball_colours()
        left = panel_left()
        box = panel_box(left - 0.2, PANEL_WIDTH + 0.2)
        top = frame_half_height() - FRAME_MARGIN - 0.1
        p_tex = p_text(s.p)
        vector_row = self.top_row(rf"v = {pair_tex(s.vector)}", rf"p = {p_tex}", vector_colour())
        stack([vector_row], top=top, left=left)
        section_top = top - vector_row.height - 0.4

        definitions = VGroup(
            formula(r"\|x\|_1 = |x_1| + |x_2|", colours["1"]),
            formula(r"\|x\|_2 = \sqrt{x_1^2 + x_2^2}", colours["2"]),
            formula(r"\|x\|_\infty = \max(|x_1|, |x_2|)", colours["inf"]),
            formula(r"\|x\|_p = (|x_1|^p + |x_2|^p)^{1/p}", colours["p"]),
            remark("each curve: the points\nat length 1 in its norm"),
        )
        stack(list(definitions), top=section_top, left=left, gap=0.25)
        lengths = VGroup(
            *(
                formula(rf"\|v\|_{subscript(k, s.p)} = {latex_number(s.norms[k])}", colours[k])
                for k in KEYS
            ),
            remark(
                "the zero vector: length 0\nin every norm"
                if s.norms["inf"] == 0
                else "each unit ball scaled until\nits edge reaches v"
            ),
        )
        stack(list(lengths), top=section_top, left=left, gap=0.25)

        r_tex = latex_number(s.radius)
        budget_row = self.top_row(rf"c = {pair_tex(s.center)}", rf"r = {r_tex}", PALETTE.text)
        stack([budget_row], top=top, left=left)
        if s.l2_inside:
            l2_words = "c is inside already:\nit is its own closest point"
        elif s.center_zeros:
            l2_words = "c scaled towards 0: only\nits zero coordinate is 0"
        else:
            l2_words = "c scaled towards 0:\nno coordinate becomes 0"
        l2_rows: list[Mobject] = [
            formula(rf"\|x\|_2 \le {r_tex}", colours["2"]),
            formula(rf"P_2(c) = {pair_tex(s.l2_solution)}", colours["2"]),
            remark(l2_words),
        ]
        stack(l2_rows, top=section_top, left=left, gap=0.2)
        l2_section = VGroup(*l2_rows)
        theta = format_number(s.l1_threshold)
        if s.l1_inside:
            l1_words = "c is inside already:\nit is its own closest point"
        elif s.l1_corner is not None:
            if s.l1_zeros and set(s.l1_zeros) <= set(s.center_zeros):
                l1_words = f"each coordinate moves\n{theta} towards 0; the one\nthat was 0 stays 0"
            else:
                axis = "second" if s.l1_corner in (0, 2) else "first"
                l1_words = (
                    f"each coordinate moves {theta}\ntowards 0 or stops there:\n"
                    f"the {axis} is exactly 0"
                )
        else:
            l1_words = f"each coordinate moves\n{theta} towards 0: an edge,\nno coordinate is 0"
        l1_rows: list[Mobject] = [
            formula(rf"\|x\|_1 \le {r_tex}", colours["1"]),
            formula(rf"P_1(c) = {pair_tex(s.l1_solution)}", colours["1"]),
            remark(l1_words),
        ]
        stack(l1_rows, top=l2_section.get_bottom()[1] - 0.35, left=left, gap=0.2)
        l1_section = VGroup(*l1_rows)
        return box, vector_row, definitions, lengths, budget_row, l2_section, l1_section

    # -- Beats

    def show_unit_balls(self) -> None:
        # Four norms, four unit balls: the diamond, the circle, the square and Lp between.
        pic = self.picture
        p = p_text(pic.summary.p)
        if pic.summary.p == 1:
            extra = "; p = 1 is the L1 norm again, its dashes on the diamond"
        elif pic.summary.p == 2:
            extra = "; p = 2 is the L2 norm again, its dashes on the circle"
        elif pic.summary.p < 2:
            extra = f", and for p = {p} a ball between the diamond and the circle"
        else:
            extra = f", and for p = {p} a ball between the circle and the square"
        self.beat(
            "balls",
            "Each norm has its own unit ball, the points at length 1: |x1| + |x2| = 1 is a "
            "diamond (L1), x1² + x2² = 1 a circle (L2), max(|x1|, |x2|) = 1 a square (L∞)"
            f"{extra}.",
        )
        self.add(pic.length_plane, pic.box)
        self.play(Write(pic.vector_row), FadeIn(pic.definitions), run_time=1)
        self.play(*(Create(pic.unit_balls[k]) for k in KEYS), run_time=2)
        self.wait(2.5)

    def show_lengths(self) -> None:
        # The length of v in a norm is how far that norm's ball must grow to reach v.
        pic = self.picture
        s = pic.summary
        values = ", ".join(
            f"{format_number(s.norms[k])} in L{label}"
            for k, label in (("1", "1"), ("2", "2"), ("inf", "∞"), ("p", p_text(s.p)))
        )
        small = "" if pic.grown_balls else " (balls this small are not drawn; a dot marks v)"
        if s.norms["inf"] == 0:
            caption = "v = (0, 0) has length 0 in every norm: no ball has to grow to reach it."
        else:
            caption = (
                f"The length of v = {pair_text(s.vector)} in a norm is the factor its unit "
                f"ball must be scaled by to reach v: {values}{small}."
            )
        self.beat("lengths", caption)
        shown = [GrowArrow(pic.vector_arrow)] if s.norms["inf"] > 0 else []
        self.play(*shown, FadeIn(pic.vector_dot), FadeIn(pic.vector_label), run_time=1)
        grown = [
            ReplacementTransform(pic.unit_balls[k].copy(), pic.grown_balls[k])
            for k in pic.grown_balls
        ]
        faded = [pic.unit_balls[k].animate.set_stroke(opacity=0.35) for k in KEYS]
        self.play(*grown, *faded, FadeOut(pic.definitions), FadeIn(pic.lengths), run_time=2)
        self.bring_to_front(pic.vector_arrow, pic.vector_dot, pic.vector_label)
        self.wait(3)

    def show_l2_budget(self) -> None:
        # With a budget ||x||_2 <= r the closest point to c is c scaled towards 0.
        pic = self.picture
        s = pic.summary
        r = format_number(s.radius)
        if s.l2_inside:
            caption = (
                f"c = {pair_text(s.center)} lies inside the L2 ball of radius {r}: the closest "
                "point of the ball is c itself."
            )
        else:
            zero = (
                " only the coordinate that was 0 in c is 0"
                if s.center_zeros
                else " both coordinates shrink, neither becomes 0"
            )
            caption = (
                f"The closest point to c = {pair_text(s.center)} inside the L2 ball of radius "
                f"{r} is c scaled by {format_number(s.l2_scale)}: P2(c) = "
                f"{pair_text(s.l2_solution)};{zero}."
            )
        self.beat("l2", caption)
        # The lengths' marks fade; the grid changes to the budgets' scale in one cut
        # (fading two whole grids would copy every line of both, for nothing).
        marks = [m for m in self.mobjects if m not in (pic.box, pic.length_plane)]
        self.play(*(FadeOut(m) for m in marks), run_time=0.8)
        self.remove(pic.length_plane)
        self.add(pic.budget_plane)
        self.bring_to_front(pic.box)
        self.play(
            Write(pic.budget_row),
            Create(pic.l2_ball),
            FadeIn(pic.center_dot),
            FadeIn(pic.center_label),
            run_time=1.2,
        )
        self.move_along(pic.l2_path, ball_colours()["2"])
        self.add(pic.l2_dot)
        self.bring_to_front(pic.center_dot)  # on top: where c is its own closest point
        self.play(FadeIn(pic.solution_labels["2"]), FadeIn(pic.l2_section), run_time=0.8)
        self.wait(2.5)

    def show_l1_budget(self) -> None:
        # With ||x||_1 <= r the closest point is often a corner: an exact zero.
        pic = self.picture
        s = pic.summary
        r = format_number(s.radius)
        l2 = pair_text(s.l2_solution)
        if s.l1_inside:
            caption = (
                f"c lies inside the L1 ball of radius {r} too, so it is its own closest "
                "point; a budget that c already meets changes nothing. The shaded wedges "
                "are where the closest point would be a corner."
            )
        elif s.l1_corner is not None:
            axis = "second" if s.l1_corner in (0, 2) else "first"
            stops = (
                f"the {axis} was 0 already and stays 0"
                if set(s.l1_zeros) <= set(s.center_zeros)
                else f"the {axis} stops at exactly 0"
            )
            caption = (
                f"Inside the L1 ball of radius {r} the closest point is the corner P1(c) = "
                f"{pair_text(s.l1_solution)}: each coordinate moves "
                f"{format_number(s.l1_threshold)} towards 0 and {stops}. "
                "Every c in the shaded wedges lands on a corner: the lasso's zeros. "
                f"L2 gave {l2}, only shrunk."
            )
        else:
            caption = (
                f"Inside the L1 ball of radius {r} the closest point is P1(c) = "
                f"{pair_text(s.l1_solution)} on an edge: each coordinate moves "
                f"{format_number(s.l1_threshold)} towards 0, and c is outside the shaded "
                "wedges, so no coordinate reaches 0. From inside a wedge it would."
            )
        self.beat("l1", caption)
        self.play(Create(pic.l1_ball), FadeIn(pic.wedges), run_time=1.2)
        self.move_along(pic.l1_path, ball_colours()["1"])
        self.add(pic.l1_dot)
        self.bring_to_front(pic.l2_dot, pic.l1_dot, pic.center_dot)
        self.play(FadeIn(pic.solution_labels["1"]), FadeIn(pic.l1_section), run_time=0.8)
        self.wait(4.5)

    # -- Truths

    def invariants(self, beat: str) -> list[Invariant]:
        """Every drawn ball at its norm's length (1, then v's lengths, then r), v's tip,
        c and the closest points at the sidecar's numbers, the paths from c to them."""
        pic, d = self.picture, self.data
        checks: list[Invariant] = []
        if beat in ("balls", "lengths"):
            view = pic.length_view
            for key in KEYS:
                q = d["p"] if key == "p" else {"1": 1.0, "2": 2.0, "inf": math.inf}[key]
                pts = ball_points(view, pic.unit_balls[key])
                drawn = [norms.lp_norm(x, q) for x in pts]
                checks.append(
                    Invariant(f"unit ball {key} at length 1", drawn, [1.0] * len(pts), CHORD_RTOL)
                )
        if beat == "lengths":
            view = pic.length_view
            scale = max(1.0, d["norms"]["1"])
            checks.append(
                Invariant(
                    "v's tip",
                    view.p2c(pic.vector_arrow.get_end()),
                    d["vector"],
                    1e-9 * scale,
                )
            )
            for key, curve in pic.grown_balls.items():
                q = d["p"] if key == "p" else {"1": 1.0, "2": 2.0, "inf": math.inf}[key]
                pts = ball_points(view, curve)
                drawn = [norms.lp_norm(x, q) for x in pts]
                expected = [d["norms"][key]] * len(pts)
                checks.append(
                    Invariant(
                        f"ball {key} grown to v's length", drawn, expected, CHORD_RTOL * scale
                    )
                )
        if beat in ("l2", "l1"):
            view = pic.budget_view
            r = d["radius"]
            tol = 1e-9 * max(1.0, r, float(np.abs(d["center"]).max()))
            checks += [
                Invariant("c", view.p2c(pic.center_dot.get_center()), d["center"], tol),
                Invariant("P2(c)", view.p2c(pic.l2_dot.get_center()), d["l2_solution"], tol),
                Invariant(
                    "L2 ball of radius r",
                    [math.hypot(*x) for x in ball_points(view, pic.l2_ball)],
                    [r] * len(ball_points(view, pic.l2_ball)),
                    CHORD_RTOL * r,
                ),
                path_invariant(
                    "L2 path: c scaled towards 0, to P2(c)",
                    view,
                    pic.l2_path,
                    [d["center"], d["l2_solution"]],
                    tol,
                ),
            ]
        if beat == "l1":
            view = pic.budget_view
            r = d["radius"]
            tol = 1e-9 * max(1.0, r, float(np.abs(d["center"]).max()))
            corners = view.p2c(pic.l1_ball.get_anchors())
            checks += [
                Invariant("P1(c)", view.p2c(pic.l1_dot.get_center()), d["l1_solution"], tol),
                Invariant(
                    "L1 ball: every corner at |x1| + |x2| = r",
                    np.abs(corners).sum(axis=1),
                    np.full(len(corners), r),
                    tol,
                ),
                path_invariant(
                    "L1 path: soft thresholding from c to P1(c)",
                    view,
                    pic.l1_path,
                    d["l1_path"],
                    tol,
                ),
            ]
            for wedge, corner in zip(pic.wedges, pic.wedge_corners, strict=True):
                vertices = view.p2c(wedge.get_vertices())
                nearest = vertices[np.argmin(np.linalg.norm(vertices - corner, axis=1))]
                checks.append(Invariant("a wedge has its apex at a corner", nearest, corner, tol))
                checks.append(
                    Invariant("a wedge's corner is on the L1 sphere", np.abs(corner).sum(), r, tol)
                )
        return checks
