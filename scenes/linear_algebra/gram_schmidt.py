"""GramSchmidt: orthonormal directions from the columns of A, one step at a time, and A = QR.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/gram_schmidt.py GramSchmidt``.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    Mobject,
    Polygon,
    ReplacementTransform,
    VGroup,
    VMobject,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz.gram_schmidt import GramSchmidtSummary, summarize
from scenes.kit.builders import grid, math_label, panel_box, readable_arrow, view_left_of_panel
from scenes.kit.coords import Coords
from scenes.kit.labels import LabelPlacer
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import matrix_row, panel_stack
from scenes.kit.panel_rows import formula, remark
from scenes.kit.plots import clip_segment
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.space import Space, space_axes, space_polygon
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    PALETTE,
    PANEL_WIDTH,
    TICK_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.kit.vector_plane import shorter_in_front, tip_dot
from scenes.kit.zoom import Zoom, factor_tex, factor_text, inset_centre, zoom_factor
from scenes.linear_algebra.params import GramSchmidtParams

#: Room (scene units) kept free around the picture for labels.
LABEL_ROOM = 0.6
#: Largest scene length of one plotted unit in R^2 (small vectors do not look huge).
MAX_UNIT = 1.6
#: An arrow shorter than this on screen is not drawn (the panel still has its number).
MIN_ARROW = 0.04
#: A remainder drawn shorter than this (scene units) in R^2 gets a zoom inset.
ZOOM_BELOW = 0.45
#: Half the zoom inset's side (scene units) and the remainder's least length in it.
ZOOM_HALF = 1.15
ZOOM_TARGET = 0.8
#: Side of the right-angle mark on screen (scene units).
MARK_SIZE = 0.22
#: The axes of R^3 run this far past the furthest point shown along them (a fraction).
AXIS_OVERSHOOT = 0.25

NAMES = ("a_1", "a_2", "a_3")


# The colour roles, one meaning each: the columns a1, a2 in the i-hat and j-hat colours
# (as every linear-algebra scene), a3 the first series colour; the orthonormal q's the
# text colour; the subtracted projections the area colour (the one palette colour apart
# from all of these in both themes and for colour-blind eyes); the remainders w_j the
# palette's residual (what is left over after the projection).
def column_colour(j: int) -> str:
    return (PALETTE.i_hat, PALETTE.j_hat, PALETTE.series[0])[j]


def q_colour() -> str:
    return PALETTE.text


def projection_colour() -> str:
    return PALETTE.area


def remainder_colour() -> str:
    return PALETTE.residual


def vector_tex(v: Any) -> str:
    """``(a,\\ b)`` in LaTeX, each entry formatted for the screen."""
    return "(" + r",\ ".join(latex_number(float(x)) for x in v) + ")"


def vector_text(v: Any) -> str:
    """``(a, b)`` for a caption."""
    return "(" + ", ".join(format_number(float(x)) for x in v) + ")"


def names_text(indices: list[int], letter: str = "a") -> str:
    """``a1``, ``a1 and a2``, ``a1, a2 and a3``."""
    names = [f"{letter}{i + 1}" for i in indices]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def names_tex(indices: list[int], letter: str = "a") -> str:
    """``q_1,\\ q_2`` in LaTeX."""
    return r",\ ".join(f"{letter}_{i + 1}" for i in indices)


def plane_corners(vectors: np.ndarray, q1: np.ndarray, q2: np.ndarray) -> np.ndarray:
    """Plotted corners (4, 3) of a patch of the plane of ``q1`` and ``q2`` (orthonormal)
    around the origin, the directions and the columns' shadows on it, with a margin."""
    pts = np.vstack([np.zeros(3), *vectors.T, q1, q2])
    coords = np.column_stack([pts @ q1, pts @ q2])
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    pad = 0.1 * float(np.max(hi - lo))
    lo, hi = lo - pad, hi + pad
    return np.array(
        [
            x * q1 + y * q2
            for x, y in ((lo[0], lo[1]), (hi[0], lo[1]), (hi[0], hi[1]), (lo[0], hi[1]))
        ]
    )


def choose_view(directions: np.ndarray, normal: np.ndarray | None) -> tuple[float, float]:
    """(azimuth, elevation) from above (10-60 degrees) that draws the ``directions``
    (rows: the columns and the new directions) long and apart on screen, the three axes
    apart, and the plane with ``normal`` (if any) well away from edge-on: the first best
    on a 5-degree grid (layout: the numbers do not depend on it)."""
    lengths = np.linalg.norm(directions, axis=1, keepdims=True)
    units = directions[lengths[:, 0] > 0] / lengths[lengths[:, 0] > 0]  # not a zero column
    pairs = [
        (i, k)
        for i, k in itertools.combinations(range(len(units)), 2)
        if abs(float(units[i] @ units[k])) < 0.999  # parallel pairs cannot be apart
    ]

    def angle(u: np.ndarray, v: np.ndarray) -> float:
        cos = u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-12)
        return float(np.degrees(np.arccos(np.clip(cos, -1, 1))))

    best: tuple[float, float, float] = (-np.inf, 30.0, 25.0)
    for azimuth in range(0, 360, 5):
        for elevation in range(10, 65, 5):
            space = Space(np.zeros(3), 1.0, float(azimuth), float(elevation))
            drawn = space.c2p(units)[:, :2]
            axes = space.c2p(np.eye(3))[:, :2]
            terms = [
                float(np.hypot(drawn[:, 0], drawn[:, 1]).min()) / 0.8,
                float(np.hypot(axes[:, 0], axes[:, 1]).min()) / 0.5,
                min(angle(a, b) for a, b in itertools.combinations(axes, 2)) / 60,
            ]
            if pairs:
                terms.append(min(angle(drawn[i], drawn[k]) for i, k in pairs) / 25)
            if normal is not None:
                terms.append(abs(float(space.toward @ normal)) / 0.4)
            score = min(terms)
            if score > best[0] + 1e-12:
                best = (score, float(azimuth), float(elevation))
    return best[1], best[2]


@dataclass
class Step:
    """What step j (0-based, j >= 1) draws: the projections tip to tail, the remainder
    from their end to a_j's tip (or a dot at the origin), its right-angle mark, q_j."""

    j: int
    projection_arrows: list[Arrow | None]  # one per earlier direction (None: too short)
    projection_labels: VGroup
    span: Mobject  # the line (R^2) or plane (R^3) of the earlier q's
    drop: Mobject  # dashed a_j tip to the projections' end
    remainder: Arrow | None
    remainder_label: Mobject
    zero_dot: Dot | None  # the zero remainder, at the origin (dependent)
    right_angle: VMobject | None
    mark_corners: np.ndarray | None  # plotted corners of the mark
    q_arrow: Arrow | None
    q_label: Mobject
    zoom: Zoom | None = None
    zoom_group: VGroup = field(default_factory=VGroup)  # frame, source square, content
    zoom_remainder: Arrow | None = None
    panel_rows: dict[str, VGroup] = field(default_factory=dict)  # project, remainder, q


@dataclass
class GramSchmidtPicture:
    """What GramSchmidt draws, for its beats, invariants and tests."""

    summary: GramSchmidtSummary
    view: Coords | Space
    backdrop: Mobject  # the grid (R^2) or the axes (R^3)
    column_arrows: list[Arrow | None]  # None: a zero column, or too short (a dot)
    column_dots: VGroup  # dots on columns too short to see
    column_labels: list[Mobject]
    q_arrows: dict[int, Arrow]  # by the column j it came from
    q_labels: dict[int, Mobject]
    steps: dict[int, Step]
    box: Mobject
    header: VGroup  # A's matrix on the panel
    first_rows: VGroup
    qr_rows: VGroup

    @property
    def drawn_columns(self) -> list[Arrow]:
        """The columns' arrows that are drawn."""
        return [a for a in self.column_arrows if a is not None]

    def at(self, v: Any) -> np.ndarray:
        """Scene point of a plotted vector (R^2 or R^3)."""
        return self.view.c2p(np.asarray(v, dtype=float))


class GramSchmidt(MathScene):
    """Gram-Schmidt: orthonormal directions from the columns, one projection at a time.

    Each vector loses its projections onto the directions found before it, what is left
    is at right angles to them and, scaled to length 1, is the next direction; together
    they are Q, the lengths and projections are R, and A = QR.

    A column in the span of the earlier ones (its remainder is shorter than
    :data:`mlmath_viz.gram_schmidt.DEPENDENT_TOLERANCE` times its length) is drawn with
    its zero remainder, a dot at the origin; the caption says it depends on the earlier
    columns and the scene carries on: it gives no direction, so Q has one column fewer
    and R (rank x n) no row for it, and A = QR still holds.
    """

    params_type = GramSchmidtParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        s = self.picture.summary
        self.show_vectors()  # the columns of A as arrows
        self.show_first()  # q1: a1 scaled to length 1
        for j in range(1, s.vectors.shape[1]):
            self.show_projections(j)  # a_j's components along the directions so far
            self.show_remainder(j)  # subtracted: what is left is at right angles (or zero)
            if not s.dependent[j]:
                self.show_direction(j)  # the remainder scaled to length 1 is q_j
        self.show_qr()  # the q's are Q, the numbers R, and A = QR

    # -- building -----------------------------------------------------------------

    def build_picture(self) -> GramSchmidtPicture:
        """The numbers from mlmath_viz, the view, every arrow and the panel (placed,
        not yet shown)."""
        s = summarize(np.array(self.params.vectors, dtype=float))
        self.data = s.to_json()
        a = s.vectors
        m, n = a.shape
        shown = [np.zeros(m), *a.T, *s.q.T, *s.projection_sums]
        for step in s.projections:  # the tip-to-tail chain's corners
            shown += list(np.cumsum(step, axis=0)) if step else []
        key = np.array(shown)
        view: Coords | Space
        if m == 2:
            view = view_left_of_panel(
                np.vstack([key, [[1.0, 1.0], [-1.0, -1.0]]]), MAX_UNIT, LABEL_ROOM
            )
            backdrop: Mobject = grid(view, PALETTE.grid, opacity=0.5)
            backdrop.set_z_index(UNDER_PANEL_Z - 2)
            self.data["view"] = {"unit": view.unit, "origin": [float(x) for x in view.origin]}
        else:
            normal = np.cross(s.q[:, 0], s.q[:, 1]) if s.rank >= 2 else None
            azimuth, elevation = choose_view(np.vstack([a.T, s.q[:, 1:].T]), normal)
            reach = (1 + AXIS_OVERSHOOT) * np.maximum(
                np.abs(key).max(axis=0), 0.3 * float(np.abs(key).max())
            )
            left = -frame_half_width() + FRAME_MARGIN + LABEL_ROOM
            right = panel_left() - 0.3 - LABEL_ROOM
            bottom = -frame_half_height() + FRAME_MARGIN_Y + LABEL_ROOM
            top = frame_half_height() - FRAME_MARGIN_Y - LABEL_ROOM
            corners = np.vstack([key, np.diag(reach), -np.diag(reach)])
            if s.rank >= 2:  # the plane of q1 and q2 is drawn at step 3: keep it in view
                corners = np.vstack([corners, plane_corners(a, s.q[:, 0], s.q[:, 1])])
            view = Space.fitted(
                corners, left, bottom, right - left, top - bottom, azimuth, elevation
            )
            backdrop = space_axes(view, reach)
            self.data["view"] = {"azimuth": azimuth, "elevation": elevation, "unit": view.unit}
        pic = GramSchmidtPicture(
            summary=s,
            view=view,
            backdrop=backdrop,
            column_arrows=[],
            column_dots=VGroup(),
            column_labels=[],
            q_arrows={},
            q_labels={},
            steps={},
            box=panel_box(panel_left() - 0.2, PANEL_WIDTH + 0.2),
            header=VGroup(),
            first_rows=VGroup(),
            qr_rows=VGroup(),
        )
        self.placer = LabelPlacer(self.bounds())
        self.placer.avoid_point(pic.at(np.zeros(m)))
        if m == 2:
            self.placer.avoid_axes(pic.at(np.zeros(m)))
        if m == 3:
            for label in backdrop[1]:
                self.placer.boxes.append(self.placer.box(label, label.get_center()))
        self.build_arrows(pic)
        for j in range(1, n):
            pic.steps[j] = self.build_step(pic, j)
        self.place_labels(pic)
        self.build_panel(pic)
        self.data["zoom"] = {
            str(j + 1): {"factor": st.zoom.factor, "centre": [float(x) for x in st.zoom.centre]}
            for j, st in pic.steps.items()
            if st.zoom is not None
        }
        return pic

    @staticmethod
    def bounds() -> tuple[float, float, float, float]:
        """The picture's region for labels: left of the panel, inside the safe area."""
        return (
            -frame_half_width() + FRAME_MARGIN,
            panel_left() - 0.25,
            -frame_half_height() + FRAME_MARGIN_Y,
            frame_half_height() - FRAME_MARGIN_Y,
        )

    def arrow(self, pic: GramSchmidtPicture, tail: Any, tip: Any, colour: str) -> Arrow | None:
        """An arrow from plotted ``tail`` to plotted ``tip`` ending exactly there, or
        None when it would be shorter than :data:`MIN_ARROW` on screen."""
        start, end = pic.at(tail), pic.at(tip)
        if float(np.linalg.norm(end - start)) < MIN_ARROW:
            return None
        arrow = Arrow(
            start,
            end,
            buff=0,
            color=colour,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.3,
            max_stroke_width_to_length_ratio=8,
        )
        self.placer.avoid_arrow(start, end)
        return readable_arrow(arrow)

    def build_arrows(self, pic: GramSchmidtPicture) -> None:
        """The columns a_j and the directions q_k, from the origin."""
        s = pic.summary
        origin = np.zeros(s.vectors.shape[0])
        for j, col in enumerate(s.vectors.T):
            arrow = self.arrow(pic, origin, col, column_colour(j))
            pic.column_arrows.append(arrow)
            if arrow is None:  # a zero column (dependent) or one too short to draw
                pic.column_dots.add(Dot(pic.at(col), radius=0.07, color=column_colour(j)))
            else:
                pic.column_dots.add(*tip_dot(arrow, column_colour(j)))
        for k, j in enumerate(s.sources):
            q = self.arrow(pic, origin, s.q[:, k], q_colour())
            assert q is not None
            q.set_z_index(1)  # over the column it lies along
            pic.q_arrows[j] = q

    def build_step(self, pic: GramSchmidtPicture, j: int) -> Step:
        """Step j's marks: the projections tip to tail, the span of the earlier q's,
        the remainder (or the zero dot) with its right-angle mark, and the zoom."""
        s = pic.summary
        m = s.vectors.shape[0]
        a_j = s.vectors[:, j]
        earlier = [k for k in s.sources if k < j]
        arrows: list[Arrow | None] = []
        corner = np.zeros(m)
        for component in s.projections[j]:
            arrows.append(self.arrow(pic, corner, corner + component, projection_colour()))
            corner = corner + component
        p = s.projection_sums[j]
        qs = [s.q[:, s.sources.index(k)] for k in earlier]
        span = self.span_of(pic, qs)
        drop: Mobject = VGroup()
        if float(np.linalg.norm(pic.at(a_j) - pic.at(p))) > 1e-6:
            drop = DashedLine(pic.at(a_j), pic.at(p), color=PALETTE.muted, stroke_width=3)
        step = Step(
            j=j,
            projection_arrows=arrows,
            projection_labels=VGroup(),
            span=span,
            drop=drop,
            remainder=None,
            remainder_label=VGroup(),
            zero_dot=None,
            right_angle=None,
            mark_corners=None,
            q_arrow=pic.q_arrows.get(j),
            q_label=VGroup(),
        )
        if s.dependent[j]:
            step.zero_dot = Dot(pic.at(np.zeros(m)), radius=0.09, color=remainder_colour())
            step.zero_dot.set_z_index(2)
            return step
        step.remainder = self.arrow(pic, p, a_j, remainder_colour())
        w = s.remainders[j]
        back = -p if float(np.linalg.norm(p)) > 1e-12 else qs[0]
        # The mark's side along the span: toward the origin (or along q1 if p = 0).
        back = back / float(np.linalg.norm(back))
        w_unit = w / float(np.linalg.norm(w))
        on_screen = float(np.linalg.norm(pic.at(a_j) - pic.at(p)))
        side = min(MARK_SIZE, 0.4 * on_screen) / self.unit(pic)
        if on_screen >= 2.5 * MARK_SIZE and side > 0:
            corners = np.array([p + side * back, p + side * (back + w_unit), p + side * w_unit])
            step.mark_corners = corners
            mark = VMobject(stroke_color=PALETTE.muted, stroke_width=2.5)
            mark.set_points_as_corners(pic.at(corners))
            step.right_angle = mark
        if m == 2 and on_screen < ZOOM_BELOW:
            self.build_zoom(pic, step)
        return step

    @staticmethod
    def unit(pic: GramSchmidtPicture) -> float:
        return pic.view.unit

    def span_of(self, pic: GramSchmidtPicture, qs: list[np.ndarray]) -> Mobject:
        """The line of one q (R^2 or R^3) or the plane of two (R^3), faint, under the
        arrows; a whole plane in R^2 is not drawn (it is the picture)."""
        m = pic.summary.vectors.shape[0]
        if len(qs) == 1:
            reach = 3.0 * float(np.abs(pic.summary.vectors).max()) + 1
            ends = (pic.at(-reach * qs[0]), pic.at(reach * qs[0]))
            if m == 2:
                left, right, bottom, top = self.bounds()
                view = pic.view
                assert isinstance(view, Coords)
                box = (
                    tuple(view.p2c(np.array([[left, bottom, 0.0], [right, top, 0.0]]))[:, 0]),
                    tuple(view.p2c(np.array([[left, bottom, 0.0], [right, top, 0.0]]))[:, 1]),
                )
                clipped = clip_segment(-reach * qs[0], reach * qs[0], box)  # type: ignore[arg-type]
                if clipped is None:
                    return VGroup()
                ends = (pic.at(clipped[0]), pic.at(clipped[1]))
            else:
                r = float(np.abs(pic.summary.vectors).max()) * 1.2
                ends = (pic.at(-r * qs[0]), pic.at(r * qs[0]))
            line = Line(*ends, color=PALETTE.muted, stroke_width=2.5).set_stroke(opacity=0.8)
            line.set_z_index(UNDER_PANEL_Z - 1)
            return line
        if m == 3 and len(qs) == 2:
            corners = plane_corners(pic.summary.vectors, qs[0], qs[1])
            assert isinstance(pic.view, Space)
            plane: Polygon = space_polygon(pic.view, corners, PALETTE.grid, opacity=0.25)
            plane.set_z_index(UNDER_PANEL_Z - 1)
            return plane
        return VGroup()

    def build_zoom(self, pic: GramSchmidtPicture, step: Step) -> None:
        """The inset that magnifies a remainder too short to see: a_j's and the
        projection's ends near it, the remainder and its right angle, in a corner of the
        picture that covers the fewest of its marks."""
        s = pic.summary
        view = pic.view
        assert isinstance(view, Coords)
        j = step.j
        a_j, p = s.vectors[:, j], s.projection_sums[j]
        on_screen = float(np.linalg.norm(pic.at(a_j) - pic.at(p)))
        factor = zoom_factor(on_screen, ZOOM_TARGET)
        left, right, bottom, top = self.bounds()
        pad = ZOOM_HALF + 0.15
        candidates = [
            np.array([x, y, 0.0])
            for y in (top - pad, bottom + pad)
            for x in (left + pad, right - pad)
        ]
        obstacles = [pic.at(np.zeros(2))]
        for arrow in (*pic.drawn_columns, *pic.q_arrows.values()):
            start, end = arrow.get_start(), arrow.get_end()
            obstacles += [start + t * (end - start) for t in np.linspace(0, 1, 40)]
        centre = inset_centre(candidates, np.array(obstacles), ZOOM_HALF + 0.2)
        zoom = Zoom((a_j + p) / 2, factor, view.unit, centre, ZOOM_HALF)
        step.zoom = zoom
        window = zoom.window(margin=0.05)
        content = VGroup()
        for tip, colour in ((a_j, column_colour(j)), (p, projection_colour())):
            clipped = clip_segment(np.zeros(2), tip, window)
            if clipped is not None:
                content.add(Line(*zoom.c2p(np.array(clipped)), color=colour, stroke_width=6))
        line = clip_segment(-(20.0 * p if np.linalg.norm(p) else a_j), 20.0 * p, window)
        if line is not None and np.linalg.norm(p) > 0:
            content.add(Line(*zoom.c2p(np.array(line)), color=PALETTE.muted, stroke_width=2.5))
        remainder = Arrow(
            zoom.c2p(p),
            zoom.c2p(a_j),
            buff=0,
            color=remainder_colour(),
            stroke_width=6,
            max_tip_length_to_length_ratio=0.25,
        )
        readable_arrow(remainder)
        step.zoom_remainder = remainder
        w = s.remainders[j]
        back = -p / float(np.linalg.norm(p)) if np.linalg.norm(p) > 0 else s.q[:, 0]
        side = MARK_SIZE / zoom.unit
        w_unit = w / float(np.linalg.norm(w))
        mark = VMobject(stroke_color=PALETTE.muted, stroke_width=2.5)
        mark.set_points_as_corners(
            zoom.c2p(np.array([p + side * back, p + side * (back + w_unit), p + side * w_unit]))
        )
        title = math_label(rf"\times {factor_tex(factor)}", PALETTE.muted, TICK_SIZE)
        # The factor in the inset's corner farthest from what it draws.
        drawn = [
            m.get_start() + t * (m.get_end() - m.get_start())
            for m in (*content, remainder)
            for t in np.linspace(0, 1, 21)
        ]
        dx, dy = ZOOM_HALF - 0.12 - title.width / 2, ZOOM_HALF - 0.12 - title.height / 2
        spots = [centre + np.array([sx * dx, sy * dy, 0.0]) for sy in (1, -1) for sx in (-1, 1)]
        title.move_to(max(spots, key=lambda c: min(float(np.linalg.norm(c - p)) for p in drawn)))
        w_label = math_label(f"w_{j + 1}", remainder_colour())
        mid = (remainder.get_start() + remainder.get_end()) / 2
        d = remainder.get_end() - remainder.get_start()
        normal = np.array([-d[1], d[0], 0.0]) / float(np.linalg.norm(d[:2]))
        if np.dot(normal, zoom.c2p(np.zeros(2)) - mid) > 0:
            normal = -normal  # away from the origin's side, off the lines
        w_label.move_to(mid + normal * (0.25 + 0.5 * max(w_label.width, w_label.height)))
        source = zoom.source_square(view.origin)
        step.zoom_group = VGroup(zoom.frame(), source, content, mark, remainder, title, w_label)
        for mob in step.zoom_group:
            mob.set_z_index(3)
        source.set_z_index(2)
        self.placer.boxes.append(
            (
                centre[0] - ZOOM_HALF,
                centre[0] + ZOOM_HALF,
                centre[1] - ZOOM_HALF,
                centre[1] + ZOOM_HALF,
            )
        )

    def place_labels(self, pic: GramSchmidtPicture) -> None:
        """Names beside the tips: a_j, q_j, the projections' coefficients, w_j."""
        s = pic.summary
        placer = self.placer
        for j, arrow in enumerate(pic.column_arrows):
            label = math_label(NAMES[j], column_colour(j))
            if arrow is None:
                end, along = pic.at(s.vectors[:, j]), np.array([1.0, 1.0, 0.0])
            else:
                end, along = arrow.get_end(), arrow.get_end() - arrow.get_start()
            ok = placer.place(label, end, along, -1 if j == 0 else 1)
            pic.column_labels.append(label if ok else VGroup())
        for k, j in enumerate(s.sources):
            arrow = pic.q_arrows[j]
            label = math_label(f"q_{j + 1}", q_colour())
            end = arrow.get_end()
            ok = placer.place(label, end, end - arrow.get_start(), 1 if k == 0 else -1)
            pic.q_labels[j] = label if ok else VGroup()
        # Each step's labels keep clear of the columns' and directions' labels, not of
        # the earlier steps' (those are gone by then).
        lasting = list(placer.boxes)
        for j, step in pic.steps.items():
            placer.boxes = list(lasting)
            earlier = [k for k in s.sources if k < j]
            for arrow, k, c in zip(step.projection_arrows, earlier, s.coefficients[j], strict=True):
                if arrow is None:
                    continue
                label = math_label(rf"{latex_number(c)}\,q_{k + 1}", projection_colour())
                mid = (arrow.get_start() + arrow.get_end()) / 2
                along = arrow.get_end() - arrow.get_start()
                ok = placer.place(label, mid, along, -1)
                reach = 0.25 + 0.5 * max(label.width, label.height)
                if ok and np.linalg.norm(label.get_center() - mid) > 1.05 * reach:
                    # Far from its arrow it reads as another arrow's label: the first
                    # free spot near it instead, even over another shaft.
                    placer.boxes.pop()
                    shafts, placer.shafts = placer.shafts, []
                    ok = placer.place(label, mid, along, -1)
                    placer.shafts = shafts
                if ok:
                    step.projection_labels.add(label)
            if step.remainder is not None and step.zoom is None:
                label = math_label(f"w_{j + 1}", remainder_colour())
                start, end = step.remainder.get_start(), step.remainder.get_end()
                if placer.place(label, (start + end) / 2, end - start, 1):
                    step.remainder_label = label
            if step.zero_dot is not None:
                label = math_label(f"w_{j + 1} = 0", remainder_colour())
                at = step.zero_dot.get_center()
                if placer.place(label, at, np.array([1.0, -1.0, 0.0]), 1):
                    step.remainder_label = label
            if step.q_arrow is not None:
                step.q_label = pic.q_labels[j]

    def build_panel(self, pic: GramSchmidtPicture) -> None:
        """A's columns at the top; under it each step's rows in turn (each step's rows
        replace the last one's); at the end Q, R and A = QR."""
        s = pic.summary
        left = panel_left()
        m, n = s.vectors.shape
        a_row = matrix_row(
            "A =",
            s.vectors.tolist(),
            size=TICK_SIZE,
            colours=[column_colour(j) for j in range(n)],
            entry=lambda x: format_number(x, scientific=False),
        )
        pic.header = VGroup(a_row)
        r11 = float(s.r[0, 0])
        pic.first_rows = VGroup(
            formula(rf"|a_1| = {latex_number(r11)}", column_colour(0)),
            formula(r"q_1 = a_1 / |a_1|", q_colour()),
            formula(rf"= {vector_tex(s.q[:, 0])}", q_colour()),
        )
        panel_stack([a_row, *pic.first_rows], left=left, gap=0.25)
        for j, step in pic.steps.items():
            earlier = [k for k in s.sources if k < j]
            project = VGroup(
                *(
                    formula(rf"q_{k + 1} \cdot a_{j + 1} = {latex_number(c)}", projection_colour())
                    for k, c in zip(earlier, s.coefficients[j], strict=True)
                )
            )
            subtract = "".join(
                rf" - {latex_number(c)}\,q_{k + 1}"
                if c >= 0
                else rf" + {latex_number(-c)}\,q_{k + 1}"
                for k, c in zip(earlier, s.coefficients[j], strict=True)
            )
            if s.dependent[j]:
                rest = VGroup(
                    formula(rf"w_{j + 1} = a_{j + 1}{subtract}", remainder_colour()),
                    formula(r"= 0", remainder_colour()),
                    formula(
                        rf"a_{j + 1} \in \mathrm{{span}}({names_tex(earlier, 'q')})",
                        column_colour(j),
                    ),
                    remark("dependent:\nno new direction"),
                )
                new = VGroup()
            else:
                w = s.remainders[j]
                rest = VGroup(
                    formula(rf"w_{j + 1} = a_{j + 1}{subtract}", remainder_colour()),
                    formula(rf"= {vector_tex(w)}", remainder_colour()),
                    formula(
                        rf"|w_{j + 1}| = {latex_number(s.remainder_norms[j])}", remainder_colour()
                    ),
                )
                k = s.sources.index(j)
                new = VGroup(
                    formula(rf"q_{j + 1} = w_{j + 1} / |w_{j + 1}|", q_colour()),
                    formula(rf"= {vector_tex(s.q[:, k])}", q_colour()),
                )
            panel_stack([a_row.copy(), *project, *rest, *new], left=left, gap=0.25)
            step.panel_rows = {"project": project, "remainder": rest, "q": new}
        q_row = matrix_row(
            "Q =", s.q.tolist(), size=TICK_SIZE, entry=lambda x: format_number(x, scientific=False)
        )
        r_row = matrix_row(
            "R =", s.r.tolist(), size=TICK_SIZE, entry=lambda x: format_number(x, scientific=False)
        )
        rows: list[Mobject] = [q_row, r_row, formula(r"A = QR,\quad Q^T Q = I")]
        if s.rank < n:
            rows.append(
                formula(rf"Q:\ {m}\times{s.rank},\quad R:\ {s.rank}\times{n}", PALETTE.muted)
            )
            rows.append(remark("a dependent column adds\nno column to Q and\nno row to R"))
        panel_stack([a_row.copy(), *rows], left=left, gap=0.3)
        pic.qr_rows = VGroup(*rows)

    # -- beats ----------------------------------------------------------------------

    def show_vectors(self) -> None:
        # The columns of A are the vectors to make orthonormal.
        pic = self.picture
        s = pic.summary
        m, n = s.vectors.shape
        listed = "; ".join(f"a{j + 1} = {vector_text(c)}" for j, c in enumerate(s.vectors.T))
        self.beat(
            "vectors",
            f"Gram-Schmidt on the {n} columns of A, vectors of R{'²' if m == 2 else '³'}: "
            f"{listed}.",
        )
        self.add(pic.backdrop, pic.box)
        self.play(FadeIn(pic.header), run_time=0.8)
        self.play(
            *(GrowArrow(a) for a in pic.drawn_columns),
            FadeIn(VGroup(*pic.column_labels)),
            FadeIn(pic.column_dots),
            run_time=self.params.run_time,
        )
        shorter_in_front(self, pic.drawn_columns, [pic.column_dots])
        self.wait(2.0)

    def show_first(self) -> None:
        # The first direction is a1 scaled to length 1.
        pic = self.picture
        s = pic.summary
        self.beat(
            "normalise_1",
            f"The first direction is a1 scaled to length 1: |a1| = {format_number(s.r[0, 0])}, "
            f"so q1 = a1/|a1| = {vector_text(s.q[:, 0])}.",
        )
        self.play(FadeIn(pic.first_rows), run_time=0.8)
        self.play(
            GrowArrow(pic.q_arrows[0]), FadeIn(pic.q_labels[0]), run_time=self.params.run_time
        )
        self.wait(2.0)

    def show_projections(self, j: int) -> None:
        # a_j's component along each direction found so far: (q_k . a_j) q_k.
        pic = self.picture
        s = pic.summary
        step = pic.steps[j]
        earlier = [k for k in s.sources if k < j]
        parts = ", ".join(
            f"q{k + 1}·a{j + 1} = {format_number(c)}"
            for k, c in zip(earlier, s.coefficients[j], strict=True)
        )
        qs = names_text(earlier, "q")
        if len(earlier) == 1:
            where = f"the line of {qs}"
        elif s.vectors.shape[0] == 3:
            where = f"the plane of {qs}"
        else:
            where = f"{qs} (they span the whole plane)"
        self.beat(
            f"project_{j + 1}",
            f"Next a{j + 1}: its projection onto {where} is drawn along "
            f"{'it' if len(earlier) == 1 else 'them, tip to tail'}: {parts}, so the part "
            f"of a{j + 1} along the earlier directions is {vector_text(s.projection_sums[j])}.",
        )
        # the previous step's panel rows and marks go; the directions stay
        self.clear_step(j)
        panel = step.panel_rows["project"]
        self.play(FadeIn(step.span), FadeIn(panel), run_time=0.8)
        arrows = [a for a in step.projection_arrows if a is not None]
        for arrow in arrows:
            self.play(GrowArrow(arrow), run_time=self.params.run_time * 0.6)
        self.play(FadeIn(step.projection_labels), Create(step.drop), run_time=0.6)
        self.wait(2.0)

    def clear_step(self, j: int) -> None:
        """Fade the previous step's marks and panel rows (the q's and a's stay)."""
        pic = self.picture
        gone: list[Mobject] = [pic.first_rows] if j == 1 else []
        if j - 1 in pic.steps:
            prev = pic.steps[j - 1]
            gone += [
                *(a for a in prev.projection_arrows if a is not None),
                prev.projection_labels,
                prev.span,
                prev.drop,
                prev.remainder_label,
                prev.zoom_group,
                *prev.panel_rows.values(),
            ]
            gone += [m for m in (prev.remainder, prev.zero_dot, prev.right_angle) if m is not None]
        gone = [m for m in gone if m in self.mobjects]
        if gone:
            self.play(*(FadeOut(m) for m in gone), run_time=0.6)

    def show_remainder(self, j: int) -> None:
        # Subtracting the projections leaves the part of a_j at right angles to them.
        pic = self.picture
        s = pic.summary
        step = pic.steps[j]
        earlier = [k for k in s.sources if k < j]
        if s.dependent[j]:
            caption = (
                f"Subtracting leaves w{j + 1} = a{j + 1} − {vector_text(s.projection_sums[j])} = 0 "
                f"(the dot at the origin): a{j + 1} lies in the span of "
                f"{names_text(earlier, 'q')}, so it depends on {names_text(list(range(j)))} "
                "and gives no new direction; Gram-Schmidt carries on without it."
            )
        else:
            zoom = (
                f" The inset magnifies it {factor_text(step.zoom.factor)} times: it is only "
                f"{format_number(s.relative_remainders[j], 3, scientific=True)} of "
                f"a{j + 1}'s length."
                if step.zoom is not None
                else ""
            )
            caption = (
                f"Subtracting the projection leaves w{j + 1} = {vector_text(s.remainders[j])}, "
                f"of length {format_number(s.remainder_norms[j])}, at right angles to "
                f"{names_text(earlier, 'q')}.{zoom}"
            )
        self.beat(f"remainder_{j + 1}", caption)
        shown: list[Any] = [FadeIn(step.panel_rows["remainder"])]
        if step.remainder is not None:
            shown.append(GrowArrow(step.remainder))
        if step.zero_dot is not None:
            shown.append(FadeIn(step.zero_dot))
        if step.right_angle is not None:
            shown.append(Create(step.right_angle))
        shown.append(FadeIn(step.remainder_label))
        self.play(*shown, run_time=self.params.run_time)
        if len(step.zoom_group):
            self.play(FadeIn(step.zoom_group), run_time=0.8)
        self.wait(2.5)

    def show_direction(self, j: int) -> None:
        # The remainder scaled to length 1 is the next direction q_j.
        pic = self.picture
        s = pic.summary
        step = pic.steps[j]
        k = s.sources.index(j)
        self.beat(
            f"normalise_{j + 1}",
            f"Scaled to length 1 the remainder is the next direction, drawn from the origin: "
            f"q{j + 1} = w{j + 1}/|w{j + 1}| = {vector_text(s.q[:, k])}.",
        )
        q = step.q_arrow
        assert q is not None
        self.play(FadeIn(step.panel_rows["q"]), run_time=0.6)
        if step.remainder is not None:
            ghost = step.remainder.copy().set_z_index(1)
            self.play(
                ReplacementTransform(ghost, q), FadeIn(step.q_label), run_time=self.params.run_time
            )
        else:
            self.play(GrowArrow(q), FadeIn(step.q_label), run_time=self.params.run_time)
        self.wait(2.0)

    def show_qr(self) -> None:
        # The directions are the columns of Q; the lengths and projections fill R.
        pic = self.picture
        s = pic.summary
        n = s.vectors.shape[1]
        extra = ""
        if s.rank < n:
            dropped = [j for j in range(n) if s.dependent[j]]
            extra = (
                f" {names_text(dropped)} gave no direction, so Q has {s.rank} columns and R "
                f"{s.rank} rows; still A = QR."
            )
        self.beat(
            "qr",
            f"The directions {names_text(s.sources, 'q')} are the orthonormal columns of Q; "
            "R holds each |w| on its diagonal and each q·a above it, so A = QR with QᵀQ = I."
            + extra,
        )
        self.clear_step(n)
        self.play(FadeIn(pic.qr_rows), run_time=self.params.run_time)
        self.wait(3.0)

    # -- checks ---------------------------------------------------------------------

    def invariants(self, beat: str) -> list[Invariant]:
        """Every drawn arrow starts and ends at the view's c2p of the sidecar's vectors
        (the zoom's arrow at the inset's c2p); each remainder is perpendicular to the
        earlier q's; Q's columns are orthonormal and QR = A."""
        pic, d = self.picture, self.data
        a = np.array(d["vectors"]).T
        m = a.shape[0]
        scale = max(1.0, float(np.abs(a).max()))
        tol = 1e-9 * scale * pic.view.unit
        checks: list[Invariant] = []
        zero = np.zeros(m)

        def ends(name: str, arrow: Arrow | None, tail: Any, tip: Any) -> None:
            if arrow is None:
                return
            checks.append(Invariant(f"{name} starts at c2p", arrow.get_start(), pic.at(tail), tol))
            checks.append(Invariant(f"{name} ends at c2p", arrow.get_end(), pic.at(tip), tol))

        for j, arrow in enumerate(pic.column_arrows):
            ends(f"a{j + 1}", arrow, zero, a[:, j])
        q = np.array(d["q"]).reshape(m, -1)
        for k, j in enumerate(d["sources"]):
            arrow = pic.q_arrows[j]
            if arrow in self.mobjects:
                ends(f"q{j + 1}", arrow, zero, q[:, k])
        for j, step in pic.steps.items():
            if not beat.endswith(f"_{j + 1}"):
                continue
            corner = zero
            for i, (arrow, comp) in enumerate(
                zip(step.projection_arrows, d["projections"][j], strict=True)
            ):
                ends(f"projection {i + 1} of a{j + 1}", arrow, corner, corner + np.array(comp))
                corner = corner + np.array(comp)
            checks.append(
                Invariant(
                    f"projections of a{j + 1} add up", corner, d["projection_sums"][j], 1e-9 * scale
                )
            )
            if beat.startswith(("remainder", "normalise")):
                w = np.array(d["remainders"][j])
                ends(f"w{j + 1}", step.remainder, d["projection_sums"][j], a[:, j])
                for k, i in enumerate(d["sources"]):
                    if i < j:
                        checks.append(
                            Invariant(
                                f"w{j + 1} perpendicular to q{i + 1}",
                                float(q[:, k] @ w),
                                0.0,
                                1e-9 * scale,
                            )
                        )
                if step.zero_dot is not None:
                    checks.append(
                        Invariant(
                            f"w{j + 1} = 0 at the origin",
                            step.zero_dot.get_center(),
                            pic.at(zero),
                            tol,
                        )
                    )
                    checks.append(Invariant(f"w{j + 1} is zero", w, zero, 0.0))
                if step.zoom is not None and step.zoom_remainder is not None:
                    z = step.zoom
                    checks.append(
                        Invariant(
                            f"zoomed w{j + 1} starts at p",
                            step.zoom_remainder.get_start(),
                            z.c2p(d["projection_sums"][j]),
                            1e-6,
                        )
                    )
                    checks.append(
                        Invariant(
                            f"zoomed w{j + 1} ends at a{j + 1}",
                            step.zoom_remainder.get_end(),
                            z.c2p(a[:, j]),
                            1e-6,
                        )
                    )
        if beat == "qr":
            r = np.array(d["r"]).reshape(-1, a.shape[1])
            checks.append(Invariant("Q^T Q = I", q.T @ q, np.eye(q.shape[1]), 1e-9))
            checks.append(Invariant("A = QR", q @ r, a, 1e-9 * scale))
        return checks

    def colour_roles(self, beat: str) -> dict[str, str]:
        """The roles of each picture, for the colour check."""
        n = len(self.picture.column_arrows)
        roles = {f"a{j + 1}": column_colour(j) for j in range(n)}
        if beat != "vectors":
            roles["q"] = q_colour()
        if beat.startswith(("project", "remainder", "normalise_2", "normalise_3")):
            roles["projection"] = projection_colour()
        if beat.startswith(("remainder", "normalise_2", "normalise_3")):
            roles["remainder"] = remainder_colour()
        return roles
