"""LeastSquares: the least-squares fit as an orthogonal projection, then the normal equations.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/least_squares.py LeastSquares``.
"""

from __future__ import annotations

import itertools
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
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MathTex,
    Mobject,
    Polygon,
    Text,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import least_squares as lsq
from mlmath_viz.regression import DIABETES_FEATURES
from scenes.kit.builders import math_label, panel_box
from scenes.kit.labels import LabelPlacer
from scenes.kit.marks import dot_centres, dot_cloud
from scenes.kit.numbers import format_number, latex_number, nice_step
from scenes.kit.panel import matrix_row, panel_stack
from scenes.kit.panel_rows import formula, remark
from scenes.kit.plots import PlotFrame, clip_segment, plot_frame
from scenes.kit.scatter import dot_legend
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.space import Space, space_arrow, space_polygon
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    TICK_SIZE,
    UNDER_PANEL_Z,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import LeastSquaresParams
from scenes.parameters.data import Table, dropped_note, screen_name

#: The column arrows are drawn as round multiples k 1 and k x between these fractions
#: of y-hat's extent along 1.
COLUMN_RANGE = (0.35, 0.75)
#: Where they start: this far along 1 and this far across, beside y-hat's line
#: (fractions of y-hat's extent along 1).
COLUMN_BASE = (0.1, 0.4)
#: Room (scene units) kept free around the 3-D picture for its labels.
LABEL_ROOM = 0.75
#: Side of the right-angle mark on screen (scene units).
MARK_SIZE = 0.3
#: The axes run this far past the furthest point shown along them (a fraction).
AXIS_OVERSHOOT = 0.3
#: Target of |cos| of the angle between the view direction and the plane's normal:
#: 0.5 shows the plane tilted 60 degrees from edge-on and the residual at 87% length.
TARGET_TILT = 0.5
#: Decimals of the normal-equation entries: sums over 442 patients, shown whole (the
#: sidecar has them exactly).
NORMAL_DIGITS = 0


# The colour roles, one meaning each: y (the patients' progression, and the same
# patients in the scatter) the first series colour; the fit y-hat (and the
# least-squares line) the second; the residual the palette's residual; the columns 1 and x the
# i-hat and j-hat colours, as the columns a1, a2 of every linear-algebra scene.
def y_colour() -> str:
    return PALETTE.series[0]


def fit_colour() -> str:
    """The fit y-hat: the text colour, apart from the columns' green and vermillion and
    from y under colour-blind vision (as LinearSystem's closest point)."""
    return PALETTE.text


def residual_colour() -> str:
    return PALETTE.residual


def one_colour() -> str:
    return PALETTE.i_hat


def x_colour() -> str:
    return PALETTE.j_hat


def plane_colour() -> str:
    return PALETTE.grid


def defined(name: str, definition: str, value: str, colour: str) -> Mobject:
    """``name = definition = value`` on a panel row when it fits at full size, else
    ``name = value`` (the caption says the definition)."""
    whole = MathTex(rf"{name} = {definition} = {value}", font_size=LABEL_SIZE, color=colour)
    return whole if whole.width <= PANEL_WIDTH else formula(rf"{name} = {value}", colour)


def entry_text(x: float) -> str:
    """An entry of y, y-hat, r or x: two decimals, never in scientific form (a residual
    entry of 4.5e-13 is 0 at the size of y's entries, 25-346)."""
    return format_number(x, scientific=False)


def triple_tex(v: tuple[float, ...] | list[float]) -> str:
    """``(a,\\ b,\\ c)`` in LaTeX, each entry formatted for the screen."""
    return "(" + r",\ ".join(entry_text(x) for x in v) + ")"


def triple_text(v: tuple[float, ...] | list[float]) -> str:
    """``(a, b, c)`` for a caption."""
    return "(" + ", ".join(entry_text(x) for x in v) + ")"


def multiple_tex(k: float, column: str) -> str:
    """``k column`` in LaTeX, the column alone when k = 1."""
    return column if k == 1 else rf"{latex_number(k)}\,{column}"


def multiple_text(k: float, column: str) -> str:
    """``k·column`` for a caption, the column alone when k = 1."""
    return column if k == 1 else f"{format_number(k)}·{column}"


def rows_text(rows: tuple[int, int, int]) -> str:
    return f"{rows[0]}, {rows[1]} and {rows[2]}"


def column_scales(
    length: float, x: np.ndarray, azimuth: float, elevation: float
) -> tuple[float, float]:
    """Round factors (k1, kx) (1, 2 or 5 times a power of ten) for the direction
    arrows k1 1 and kx x, each between :data:`COLUMN_RANGE` times ``length`` (y-hat's
    extent along 1) long, whose tips are furthest apart on screen (layout: 1 and x point
    nearly the same way, so arrows of equal length would cover each other)."""
    probe = Space(np.zeros(3), 1.0, azimuth, elevation)
    lo, hi = COLUMN_RANGE

    def rounds(size: float) -> list[float]:
        out, k = [], nice_step(lo * length / size)
        while k * size <= hi * length:
            out.append(k)
            k = nice_step(k * 1.0001)
        return out or [nice_step(lo * length / size)]

    best: tuple[float, float, float] = (-np.inf, 1.0, 1.0)
    for k1 in rounds(float(np.sqrt(3))):
        for kx in rounds(float(np.linalg.norm(x))):
            tips = probe.c2p(np.array([k1 * np.ones(3), kx * x]))[:, :2]
            gap = float(np.hypot(*(tips[0] - tips[1])))
            if gap > best[0] + 1e-9:
                best = (gap, k1, kx)
    return best[1], best[2]


def choose_view(vectors: np.ndarray, normal: np.ndarray) -> tuple[float, float]:
    """(azimuth, elevation) from above (elevation 10-60 degrees) that shows the plane
    tilted by about :data:`TARGET_TILT`, keeps the direction the data points in (the
    mean of ``vectors``) long on screen, and draws the three axes apart; the first best
    on a 5-degree grid (layout, not mathematics: the numbers do not depend on it)."""
    mean = vectors.mean(axis=0)
    along = mean / np.linalg.norm(mean)
    best: tuple[float, float, float] = (-np.inf, 30.0, 25.0)
    for azimuth in range(0, 360, 5):
        for elevation in range(10, 65, 5):
            space = Space(np.zeros(3), 1.0, float(azimuth), float(elevation))
            t = space.toward
            tilt = 1 - 2 * abs(abs(float(t @ normal)) - TARGET_TILT)
            spread = float(np.sqrt(max(0.0, 1 - float(t @ along) ** 2)))
            drawn = [space.c2p(e)[:2] for e in np.eye(3)]
            lengths = [float(np.hypot(*d)) for d in drawn]
            angles = [
                float(np.degrees(np.arccos(np.clip(a @ b / (la * lb + 1e-12), -1, 1))))
                for (a, la), (b, lb) in itertools.combinations(zip(drawn, lengths, strict=True), 2)
            ]
            score = min(tilt, spread, min(angles) / 60, min(lengths) / 0.6)
            if score > best[0] + 1e-12:
                best = (score, float(azimuth), float(elevation))
    return best[1], best[2]


def feature_title(
    name: str, colour: str, width: float = PANEL_WIDTH, plain: bool = False
) -> VGroup:
    """The feature's name: its words in Text and its unit, if any, in LaTeX
    (``body mass index (kg/m²)`` gets ``(\\mathrm{kg/m^2})``); ``plain``: all of it in
    Text (a file's column name, whose brackets are not a unit)."""
    words, _, unit = (name, "", "") if plain else name.partition(" (")
    line = Text(words, font_size=TEXT_SIZE, color=colour)
    if line.width > width and " " in words:  # words wider than the panel: two lines
        spaces = [i for i, c in enumerate(words) if c == " "]
        cut = min(spaces, key=lambda i: abs(2 * i - len(words)))
        lines = [
            Text(w, font_size=TEXT_SIZE, color=colour) for w in (words[:cut], words[cut + 1 :])
        ]
        line = VGroup(*lines).arrange(DOWN, buff=0.1, aligned_edge=LEFT)
    title = VGroup(line)
    if unit:
        tex = unit.rstrip(")").replace("²", "^2").replace(" ", r"\ ")
        # LABEL_SIZE: the exponent of m^2 at TICK_SIZE is under 12 px at 480p
        title.add(MathTex(rf"(\mathrm{{{tex}}})", font_size=LABEL_SIZE, color=colour))
    title.arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
    if title.width > width:  # the unit under the words, never shrunk
        title.arrange(DOWN, buff=0.1, aligned_edge=LEFT)
    return title


@dataclass(frozen=True)
class Words:
    """How the scene names its data: the diabetes patients, or a file's rows and columns."""

    one: str  # "patient" or "row"
    many: str  # "patients" or "rows"
    source: str  # "the diabetes data" or the file's name
    feature: str  # the feature as captions name it
    target: str  # y as captions and the scatter's title name it
    from_file: bool  # names are a file's columns (no units to typeset)
    note: str  # "3 rows dropped (missing values)", or ""
    dropped: int  # rows left out for a missing value
    total: int  # data rows of the file (or the data set)

    @staticmethod
    def of(table: Table, feature: str, target: str) -> Words:
        src = table.source
        if not table.from_file:
            return Words(
                "patient", "patients", "the diabetes data", feature, "disease progression",
                False, "", 0, src.rows,
            )  # fmt: skip
        return Words(
            "row", "rows", src.name, screen_name(feature), screen_name(target), True,
            dropped_note(src), src.rows_dropped, src.rows + src.rows_dropped,
        )  # fmt: skip


@dataclass
class LeastSquaresPicture:
    """What LeastSquares draws, for its beats, invariants and tests."""

    summary: lsq.LeastSquaresSummary
    space: Space
    one_scale: float  # the arrow of 1 is drawn as one_scale * 1
    x_scale: float  # the arrow of x as x_scale * x
    plane_corners: np.ndarray  # (4, 3) plotted corners of the plane's patch
    mark_corners: np.ndarray  # (3, 3) plotted corners of the right-angle mark
    axes: VGroup  # the three half-axes
    axis_labels: VGroup
    plane: Polygon
    y_arrow: Arrow
    one_arrow: Arrow
    x_arrow: Arrow
    fit_arrow: Arrow
    residual_arrow: Arrow
    right_angle: VMobject
    labels: dict[str, Mobject]  # "y", "1", "x", "fit", "r" (an empty group where none fits)
    box: Mobject
    patients_rows: VGroup
    column_rows: VGroup
    fit_rows: VGroup
    dot_rows: VGroup
    frame: PlotFrame
    axis_titles: VGroup
    cloud: VMobject  # the 442 patients
    chosen: VGroup  # the three patients' dots
    line: Line  # the least-squares line on all patients
    normal_rows: VGroup
    table: Table  # the rows used and where they came from (a CSV file or the shipped data)
    words: Words
    dropped: VGroup  # "n rows dropped (missing values)" in the last panel (empty if none)


class LeastSquares(MathScene):
    """Least squares: the fit is the orthogonal projection of y onto the column plane.

    With three patients y is a point of R^3 and every line's predictions lie on the
    plane spanned by 1 and x; the fit is the foot of the perpendicular from y, so the
    residual is at right angles to both columns, and the same condition for all 442
    patients is the normal equations.
    """

    params_type = LeastSquaresParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_patients()  # three patients' progression is one point y of R^3
        self.show_plane()  # every line's predictions lie on the plane of 1 and x
        self.show_projection()  # the fit is the foot of the perpendicular from y
        self.show_residual()  # the residual is perpendicular to both columns
        self.show_normal_equations()  # all 442 patients: X^T X beta = X^T y, the same line

    # -- building -----------------------------------------------------------------

    def build_picture(self) -> LeastSquaresPicture:
        """The numbers from mlmath_viz, the 3-D view and its marks, the scatter plot and
        the panel (placed, not yet shown)."""
        p = self.params
        tab, picked = p.sample()
        words = Words.of(tab, p.feature, p.target)
        s = lsq.summarize_arrays(
            tab.frame[p.feature].to_numpy(dtype=np.float64),
            tab.frame[p.target].to_numpy(dtype=np.float64),
            p.rows,
            feature=p.feature,
            x_name=words.feature if tab.from_file else DIABETES_FEATURES[p.feature],
            picked=picked,
        )
        self.data = s.to_json()
        self.data["target"] = p.target
        self.data["data_source"] = tab.source.to_json()
        y, fit, x = np.array(s.y_rows), np.array(s.projection), np.array(s.x_rows)
        one = np.ones(3)
        y_len = float(np.linalg.norm(y))
        # An orthonormal basis of the plane: along 1, and x's part off 1.
        u1 = one / np.sqrt(3)
        off = x - (x @ u1) * u1
        u2 = off / np.linalg.norm(off)
        normal = np.cross(u1, u2)
        azimuth, elevation = choose_view(np.vstack([y, fit, x]), normal)
        # The columns as direction arrows from a point of the plane beside y-hat's line
        # (from the origin they would lie on y-hat: every vector here points near the
        # diagonal), on the side of the plane away from y-hat.
        s_fit, t_fit = float(fit @ u1), float(fit @ u2)
        side = -1.0 if t_fit > 0 else 1.0
        base = COLUMN_BASE[0] * s_fit * u1 + side * COLUMN_BASE[1] * s_fit * u2
        one_scale, x_scale = column_scales(s_fit, x, azimuth, elevation)
        tips = np.array([base + one_scale * one, base + x_scale * x])
        in_plane = np.array([[p @ u1, p @ u2] for p in (np.zeros(3), fit, base, *tips)])
        lo, hi = in_plane.min(axis=0), in_plane.max(axis=0)
        pad = 0.1 * float(hi[0] - lo[0])
        lo, hi = lo - pad, hi + pad
        corners = np.array(
            [
                a * u1 + b * u2
                for a, b in ((lo[0], lo[1]), (hi[0], lo[1]), (hi[0], hi[1]), (lo[0], hi[1]))
            ]
        )
        shown = np.vstack([np.zeros(3), y, fit, base, tips, corners])
        reach = (1 + AXIS_OVERSHOOT) * np.maximum(shown.max(axis=0), 0.05 * y_len)
        left = -frame_half_width() + FRAME_MARGIN + LABEL_ROOM
        right = panel_left() - 0.3 - LABEL_ROOM
        bottom = -frame_half_height() + FRAME_MARGIN_Y + LABEL_ROOM
        top = frame_half_height() - FRAME_MARGIN_Y - LABEL_ROOM
        space = Space.fitted(
            np.vstack([shown, np.diag(reach)]),
            left,
            bottom,
            right - left,
            top - bottom,
            azimuth,
            elevation,
        )
        self.data["view"] = {"azimuth": azimuth, "elevation": elevation, "unit": space.unit}
        self.data["column_scales"] = [one_scale, x_scale]
        self.data["column_base"] = [float(v) for v in base]

        axes, axis_labels = self.build_axes(space, reach, s.rows, words.one)
        plane = space_polygon(space, corners, plane_colour(), opacity=0.28)
        plane.set_z_index(UNDER_PANEL_Z - 1)
        origin = np.zeros(3)
        y_arrow = space_arrow(space, origin, y, y_colour())
        one_arrow = space_arrow(space, base, tips[0], one_colour())
        x_arrow = space_arrow(space, base, tips[1], x_colour())
        fit_arrow = space_arrow(space, origin, fit, fit_colour())
        residual_arrow = space_arrow(space, fit, y, residual_colour())
        mark = self.mark_corners(space, fit, y, normal)
        right_angle = VMobject(stroke_color=PALETTE.muted, stroke_width=LINE_WIDTH)
        right_angle.set_points_as_corners(space.c2p(mark))

        labels = self.place_labels(
            space,
            axis_labels,
            [y_arrow, one_arrow, x_arrow, fit_arrow, residual_arrow],
            one_scale,
            x_scale,
            (left - LABEL_ROOM, right + LABEL_ROOM, bottom - LABEL_ROOM, top + LABEL_ROOM),
            [space.c2p(r * e) for r, e in zip(reach, np.eye(3), strict=True)],
            space.c2p(mark),
        )
        patients_rows, column_rows, fit_rows, dot_rows = self.build_panel(
            s, one_scale, x_scale, words
        )
        frame, titles, cloud, chosen, line, normal_rows, dropped = self.build_scatter(s, words)
        return LeastSquaresPicture(
            summary=s,
            space=space,
            one_scale=one_scale,
            x_scale=x_scale,
            plane_corners=corners,
            mark_corners=mark,
            axes=axes,
            axis_labels=axis_labels,
            plane=plane,
            y_arrow=y_arrow,
            one_arrow=one_arrow,
            x_arrow=x_arrow,
            fit_arrow=fit_arrow,
            residual_arrow=residual_arrow,
            right_angle=right_angle,
            labels=labels,
            box=panel_box(panel_left() - 0.2, PANEL_WIDTH + 0.2),
            patients_rows=patients_rows,
            column_rows=column_rows,
            fit_rows=fit_rows,
            dot_rows=dot_rows,
            frame=frame,
            axis_titles=titles,
            cloud=cloud,
            chosen=chosen,
            line=line,
            normal_rows=normal_rows,
            table=tab,
            words=words,
            dropped=dropped,
        )

    @staticmethod
    def build_axes(
        space: Space, reach: np.ndarray, rows: tuple[int, int, int], word: str = "patient"
    ) -> tuple[VGroup, VGroup]:
        """The three half-axes from the origin (every number shown is positive or near
        it), each named by its patient (``word``: or row) past its end."""
        lines, labels = VGroup(), VGroup()
        for i in range(3):
            end = np.zeros(3)
            end[i] = reach[i]
            lines.add(
                Arrow(
                    space.origin,
                    space.c2p(end),
                    buff=0,
                    color=PALETTE.muted,
                    stroke_width=2,
                    tip_length=0.15,
                    max_tip_length_to_length_ratio=0.1,
                )
            )
            drawn = space.c2p(end) - space.origin
            direction = drawn / max(float(np.linalg.norm(drawn)), 1e-9)
            label = math_label(rf"\text{{{word} }}{rows[i]}", PALETTE.muted, TICK_SIZE)
            half = 0.5 * float(np.hypot(label.width * direction[0], label.height * direction[1]))
            label.move_to(space.c2p(end) + direction * (0.2 + half + 0.1))
            labels.add(label)
        lines.set_z_index(UNDER_PANEL_Z - 1)
        return lines, labels

    @staticmethod
    def mark_corners(
        space: Space, fit: np.ndarray, y: np.ndarray, normal: np.ndarray
    ) -> np.ndarray:
        """The right-angle mark at y-hat: one side along the residual, one along the
        plane's direction parallel to the screen (so the drawn angle is a right angle
        too), pointing away from the origin; sides :data:`MARK_SIZE` long on screen."""
        r = y - fit
        r_hat = r / np.linalg.norm(r)
        along = np.cross(normal, space.toward)
        along /= np.linalg.norm(along)
        if along @ fit < 0:
            along = -along
        a = MARK_SIZE / space.length(r_hat)
        b = MARK_SIZE / space.length(along)
        return np.array([fit + a * r_hat, fit + a * r_hat + b * along, fit + b * along])

    @staticmethod
    def place_labels(
        space: Space,
        axis_labels: VGroup,
        arrows: list[Arrow],
        one_scale: float,
        x_scale: float,
        bounds: tuple[float, float, float, float],
        axis_ends: list[np.ndarray],
        mark: np.ndarray,
    ) -> dict[str, Mobject]:
        """y, k 1, k x, y-hat and r beside their arrows, clear of the axis names, the
        tips and each other."""
        placer = LabelPlacer(bounds)
        placer.avoid_point(space.origin)
        for corner in mark:
            placer.avoid_point(corner)
        for end in axis_ends:
            placer.avoid_arrow(space.origin, end)
        for arrow in arrows:
            placer.avoid_arrow(arrow.get_start(), arrow.get_end())
        names = {
            "y": (r"y", y_colour()),
            "1": (multiple_tex(one_scale, r"\mathbf{1}"), one_colour()),
            "x": (multiple_tex(x_scale, "x"), x_colour()),
            "fit": (r"\hat y", fit_colour()),
            "r": (r"r", residual_colour()),
        }
        shown: dict[str, Mobject] = {}
        for (key, (tex, colour)), arrow in zip(names.items(), arrows, strict=True):
            label = math_label(tex, colour)
            start, end = arrow.get_start(), arrow.get_end()
            if key == "r":  # beside the middle of the residual
                anchor = (start + end) / 2
            else:
                anchor = end
            ok = placer.place(label, anchor, end - start, 1 if key in ("y", "x", "r") else -1)
            shown[key] = label if ok else VGroup()
        for k, label in enumerate(axis_labels):
            end = axis_ends[k]
            if not placer.place(label, end, end - space.origin, 1):
                label.move_to(end)  # the axis' own spot, past its end
        return shown

    @staticmethod
    def build_panel(
        s: lsq.LeastSquaresSummary, one_scale: float, x_scale: float, words: Words
    ) -> tuple[VGroup, VGroup, VGroup, VGroup]:
        """The panel of the 3-D beats, stacked once: the patients (or rows) and y; the
        columns and the arrows' scale; the fit; the residual's dot products."""
        patients = VGroup(
            remark(f"{words.many} {rows_text(s.rows)}"),
            formula(rf"y = {triple_tex(s.y_rows)}", y_colour()),
        )
        columns = VGroup(
            formula(r"\mathbf{1} = (1,\ 1,\ 1)", one_colour()),
            formula(rf"x = {triple_tex(s.x_rows)}", x_colour()),
            feature_title(s.x_name, PALETTE.muted, plain=words.from_file),
            formula(
                r"\text{arrows: } "
                + multiple_tex(one_scale, r"\mathbf{1}")
                + r",\ "
                + multiple_tex(x_scale, "x"),
                PALETTE.muted,
            ),
        )
        b0, b1 = (latex_number(v) for v in s.beta_rows)
        fit = VGroup(
            formula(rf"\hat\beta = ({b0},\ {b1})", fit_colour()),
            defined(r"\hat y", r"X\hat\beta", triple_tex(s.projection), fit_colour()),
            defined("r", r"y - \hat y", triple_tex(s.residual), residual_colour()),
        )
        d1, dx = (format_number(v, 2, mode="fixed") for v in s.residual_dot_columns)
        dots = VGroup(
            formula(rf"r \cdot \mathbf{{1}} = {d1}", residual_colour()),
            formula(rf"r \cdot x = {dx}", residual_colour()),
        )
        rows: list[Mobject] = [*patients, *columns, *fit, *dots]
        panel_stack(rows, left=panel_left(), gap=0.22)
        return patients, columns, fit, dots

    @staticmethod
    def build_scatter(
        s: lsq.LeastSquaresSummary, words: Words
    ) -> tuple[PlotFrame, VGroup, VMobject, VGroup, Line, VGroup, VGroup]:
        """All patients' (x, y), the three highlighted, the least-squares line, and the
        normal equations for the panel (with the dropped-rows note, if any)."""
        x_lo, x_hi = float(s.x_all.min()), float(s.x_all.max())
        x_pad = 0.05 * (x_hi - x_lo)
        y_hi = max(float(s.y_all.max()) * 1.08, 0.0)
        y_lo = min(0.0, float(s.y_all.min()) * 1.08)  # 0 for data that is never negative
        if y_hi <= y_lo:
            y_hi = y_lo + 1.0
        box = ((x_lo - x_pad, x_hi + x_pad), (y_lo, y_hi))
        left = -frame_half_width() + FRAME_MARGIN + 0.85
        right = panel_left() - 0.45
        bottom = -frame_half_height() + FRAME_MARGIN_Y + 1.3
        top = frame_half_height() - FRAME_MARGIN_Y - 0.55
        frame = plot_frame(
            box, right - left, top - bottom, ((left + right) / 2, (bottom + top) / 2)
        )
        x_title = feature_title(s.x_name, PALETTE.muted, right - left, plain=words.from_file)
        x_title.next_to(frame.border, DOWN, buff=0.42)
        y_title = Text(words.target, font_size=TEXT_SIZE, color=PALETTE.muted)
        y_title.next_to(frame.border, np.array([0.0, 1.0, 0.0]), buff=0.15).align_to(
            frame.border, LEFT
        )
        cloud = dot_cloud(
            frame.c2p(np.column_stack([s.x_all, s.y_all])), PALETTE.muted, radius=0.035
        )
        cloud.set_fill(opacity=0.7)
        chosen = VGroup(
            *(
                Dot(frame.c2p([(x, y)])[0], radius=0.09, color=y_colour())
                for x, y in zip(s.x_rows, s.y_rows, strict=True)
            )
        )
        b0, b1 = s.beta
        ends = clip_segment((box[0][0], b0 + b1 * box[0][0]), (box[0][1], b0 + b1 * box[0][1]), box)
        assert ends is not None  # the least-squares line passes through the mean
        line = Line(*frame.c2p(np.array(ends)), color=fit_colour(), stroke_width=LINE_WIDTH)

        def entry(v: float) -> str:
            return format_number(v, NORMAL_DIGITS, scientific=False)

        def matrix_rows(label: str, rows: list[list[float]]) -> list[Mobject]:
            """``label [matrix]`` on one row at full size, or the label above it."""
            spacing = {"size": LABEL_SIZE, "entry": entry, "fit": False, "h_buff": (0.7, 0.14)}
            whole = matrix_row(label, rows, **spacing)  # type: ignore[arg-type]
            if whole.width <= PANEL_WIDTH:
                return [whole]
            return [formula(label), matrix_row("", rows, **spacing)]  # type: ignore[arg-type]

        m, v = s.normal_matrix, s.normal_rhs
        dropped = VGroup()
        if words.note:  # on two lines when it is wider than the panel
            dropped.add(remark(words.note))
            if dropped.width > PANEL_WIDTH:
                words_part, _, why = words.note.partition(" (")
                dropped = VGroup(remark(words_part), remark(f"({why}"))
                dropped.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        normal_rows = VGroup(
            remark(f"all {s.n} {words.many}"),
            *([dropped] if words.note else []),
            formula(r"X^T X\,\hat\beta = X^T y"),
            *matrix_rows("X^T X =", [list(m[0]), list(m[1])]),
            *matrix_rows("X^T y =", [[v[0]], [v[1]]]),
            formula(rf"\hat\beta = ({latex_number(b0)},\ {latex_number(b1)})", fit_colour()),
            dot_legend(
                [
                    (y_colour(), f"the three {words.many}"),
                    (PALETTE.muted, f"every {words.one}"),
                ]
            ),
        )
        panel_stack(list(normal_rows), left=panel_left(), gap=0.3)
        return frame, VGroup(x_title, y_title), cloud, chosen, line, normal_rows, dropped

    # -- beats ----------------------------------------------------------------------

    def show_patients(self) -> None:
        # Three patients' progression is one point of R^3, one axis per patient.
        pic = self.picture
        self.beat("patients", self._patients_caption())
        self.add(pic.box)
        self.play(Create(pic.axes), FadeIn(pic.axis_labels), run_time=1.0)
        self.play(
            GrowArrow(pic.y_arrow),
            FadeIn(pic.labels["y"]),
            Write(pic.patients_rows),
            run_time=self.params.run_time,
        )
        self.wait(2.5)

    def show_plane(self) -> None:
        # Every line beta0 + beta1 x predicts a point of the plane spanned by 1 and x.
        pic = self.picture
        s = pic.summary
        self.beat(
            "plane",
            f"A line β0 + β1 x predicts β0·1 + β1·x for the three {pic.words.many}, with "
            f"1 = (1, 1, 1) and x = {triple_text(s.x_rows)}, their {pic.words.feature}: every "
            "line's "
            "predictions lie on the plane spanned by 1 and x. The two arrows show its "
            f"directions {multiple_text(pic.one_scale, '1')} and "
            f"{multiple_text(pic.x_scale, 'x')}, drawn from a point of the plane on the same "
            "scale as y.",
        )
        self.play(
            FadeIn(pic.plane),
            GrowArrow(pic.one_arrow),
            GrowArrow(pic.x_arrow),
            FadeIn(pic.labels["1"]),
            FadeIn(pic.labels["x"]),
            FadeIn(pic.column_rows),
            run_time=self.params.run_time,
        )
        self.wait(3.0)

    def show_projection(self) -> None:
        # The fit is the foot of the perpendicular from y to the plane.
        pic = self.picture
        s = pic.summary
        b0, b1 = (format_number(v) for v in s.beta_rows)
        self.beat(
            "projection",
            "The least-squares fit is the orthogonal projection of y onto the plane: "
            f"ŷ = Xβ̂ = {triple_text(s.projection)} with β̂ = ({b0}, {b1}) for these three "
            f"{pic.words.many}; the residual r = y − ŷ meets the plane at a right angle.",
        )
        self.play(
            GrowArrow(pic.fit_arrow), FadeIn(pic.labels["fit"]), run_time=self.params.run_time
        )
        self.play(
            GrowArrow(pic.residual_arrow),
            Create(pic.right_angle),
            FadeIn(pic.labels["r"]),
            FadeIn(pic.fit_rows),
            run_time=self.params.run_time,
        )
        self.wait(3.0)

    def show_residual(self) -> None:
        # The residual is perpendicular to both columns: X^T r = 0.
        pic = self.picture
        s = pic.summary
        d1, dx = (format_number(v, 2, mode="fixed") for v in s.residual_dot_columns)
        self.beat(
            "residual",
            f"The residual r = {triple_text(s.residual)} is perpendicular to both columns: "
            f"r·1 = {d1} and r·x = {dx} (to two decimals).",
        )
        self.play(FadeIn(pic.dot_rows), run_time=1.0)
        self.wait(3.0)

    def show_normal_equations(self) -> None:
        # X^T r = 0 for all 442 patients is the normal equations: the least-squares line.
        pic = self.picture
        s = pic.summary
        b0, b1 = (format_number(v) for v in s.beta)
        w = pic.words
        every = f"all {s.n} {w.many}" + (
            f" with both values ({w.dropped} of the file's {w.total} dropped)" if w.dropped else ""
        )
        self.beat(
            "normal",
            f"For {every}, a residual perpendicular to 1 and x means the normal "
            f"equations XᵀXβ̂ = Xᵀy, here in numbers; solving them gives β̂ = ({b0}, {b1}), "
            "the intercept and slope of the least-squares line drawn through the scatter "
            f"({w.many} {rows_text(s.rows)} highlighted).",
        )
        keep = {id(pic.box)}
        self.play(*(FadeOut(m) for m in self.mobjects if id(m) not in keep), run_time=0.8)
        self.play(
            FadeIn(pic.frame.group),
            FadeIn(pic.axis_titles),
            FadeIn(pic.cloud),
            run_time=1.0,
        )
        self.play(
            FadeIn(pic.chosen),
            Create(pic.line),
            FadeIn(pic.normal_rows),
            run_time=self.params.run_time,
        )
        self.wait(4.0)

    def _patients_caption(self) -> str:
        pic = self.picture
        s, w = pic.summary, pic.words
        y = f"y = {triple_text(s.y_rows)}"
        if not w.from_file:
            return (
                f"Three patients of the diabetes data, rows {rows_text(s.rows)}: their disease "
                f"progression {y} is one point of R³, one axis per patient."
            )
        left_out = (
            f" {w.dropped} of the file's {w.total} data rows have a missing value and are "
            "left out (row numbers count every data row)."
            if w.dropped
            else ""
        )
        return (
            f"Rows {rows_text(s.rows)} of {w.source}: their {w.target} {y} is one point of "
            f"R³, one axis per row.{left_out}"
        )

    # -- checks ---------------------------------------------------------------------

    def invariants(self, beat: str) -> list[Invariant]:
        """Every drawn arrow starts and ends at Space.c2p of the sidecar's vectors; the
        plane's corners and the mark lie in the plane of 1 and x; the residual is
        perpendicular to both columns; the scatter's line is beta and its highlighted
        dots the three patients; beta solves the normal equations."""
        pic, d = self.picture, self.data
        space = pic.space
        y = np.array(d["y_rows"])
        x = np.array(d["x_rows"])
        fit = np.array(d["projection"])
        one = np.ones(3)
        tol = 1e-9 * max(1.0, space.unit * float(np.abs(y).max()))  # scene units
        checks: list[Invariant] = []

        def ends(name: str, arrow: Arrow, tail: np.ndarray, tip: np.ndarray) -> None:
            checks.append(
                Invariant(f"{name} starts at c2p", arrow.get_start(), space.c2p(tail), tol)
            )
            checks.append(Invariant(f"{name} ends at c2p", arrow.get_end(), space.c2p(tip), tol))

        if beat in ("patients", "plane", "projection", "residual"):
            ends("y", pic.y_arrow, np.zeros(3), y)
        if beat in ("plane", "projection", "residual"):
            ones, xs = d["column_scales"]
            base = np.array(d["column_base"])
            ends("k 1", pic.one_arrow, base, base + ones * one)
            ends("k x", pic.x_arrow, base, base + xs * x)
            normal = np.cross(one, x)
            normal /= np.linalg.norm(normal)
            scale = float(np.abs(pic.plane_corners).max())
            checks.append(
                Invariant(
                    "plane corners in the plane of 1 and x",
                    pic.plane_corners @ normal / scale,
                    np.zeros(4),
                    1e-12,
                )
            )
            checks.append(
                Invariant(
                    "plane drawn at its corners",
                    pic.plane.get_vertices(),
                    space.c2p(pic.plane_corners),
                    tol,
                )
            )
        if beat in ("projection", "residual"):
            ends("y-hat", pic.fit_arrow, np.zeros(3), fit)
            ends("residual", pic.residual_arrow, fit, y)
            b0, b1 = d["beta_rows"]
            checks.append(
                Invariant(
                    "y-hat = b0 1 + b1 x", fit, b0 * one + b1 * x, 1e-9 * float(np.abs(y).max())
                )
            )
            r = np.array(d["residual"])
            checks.append(Invariant("r = y - y-hat", r, y - fit, 1e-9 * float(np.abs(y).max())))
            for name, col in (("1", one), ("x", x)):
                checks.append(
                    Invariant(
                        f"residual perpendicular to {name} (cosine)",
                        float(r @ col) / float(np.linalg.norm(r) * np.linalg.norm(col)),
                        0.0,
                        1e-9,
                    )
                )
            checks.append(
                Invariant(
                    "drawn right-angle mark at y-hat",
                    pic.right_angle.get_start(),
                    space.c2p(pic.mark_corners[0]),
                    tol,
                )
            )
        if beat == "normal":
            frame = pic.frame
            a, b = frame.p2c(pic.line.get_start()), frame.p2c(pic.line.get_end())
            slope = (b[1] - a[1]) / (b[0] - a[0])
            b0, b1 = d["beta"]
            checks += [
                Invariant("line slope is beta_1", slope, b1, 1e-6 * max(1.0, abs(b1))),
                Invariant(
                    "line intercept is beta_0", a[1] - slope * a[0], b0, 1e-5 * max(1.0, abs(b0))
                ),
                Invariant(
                    "highlighted dots at the three patients",
                    np.array([frame.p2c(dot.get_center()) for dot in pic.chosen]),
                    np.column_stack([x, y]),
                    1e-6 * float(np.abs(y).max()),
                ),
                Invariant(
                    "X^T X beta = X^T y",
                    np.array(d["normal_matrix"]) @ np.array(d["beta"]),
                    np.array(d["normal_rhs"]),
                    1e-8 * float(np.abs(d["normal_rhs"]).max()),
                ),
            ]
            centres = np.array([frame.p2c(c) for c in dot_centres(pic.cloud)])
            checks.append(
                Invariant(
                    "cloud has every patient",
                    centres,
                    np.column_stack([pic.summary.x_all, pic.summary.y_all]),
                    1e-6 * float(pic.summary.y_all.max()),
                )
            )
        return checks

    def colour_roles(self, beat: str) -> dict[str, str]:
        """The roles of each picture, for the colour check."""
        roles = {"y": y_colour()}
        if beat in ("plane", "projection", "residual"):
            roles |= {"column 1": one_colour(), "column x": x_colour()}
        if beat in ("projection", "residual", "normal"):
            roles["fit"] = fit_colour()
        if beat in ("projection", "residual"):
            roles["residual"] = residual_colour()
        return roles
