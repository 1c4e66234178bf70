"""QuadraticForm: the level sets of x^T A x, their principal axes and the classification.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/quadratic_form.py QuadraticForm``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
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
    GrowArrow,
    Indicate,
    Line,
    Mobject,
    Rectangle,
    Text,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import quadratic_forms as qf
from scenes.kit.builders import (
    label_beside,
    math_label,
    nice_step,
    panel_box,
    readable_arrow,
    vector_arrow,
)
from scenes.kit.coords import Box, Coords
from scenes.kit.numbers import format_number, latex_number
from scenes.kit.panel import fit_panel, panel_stack, touching
from scenes.kit.panel_rows import column_tex, formula, wrapped
from scenes.kit.plots import clip_segment
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.stage import equation_row
from scenes.kit.style import (
    BODY_SIZE,
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LINE_WIDTH,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
    panel_left,
)
from scenes.linear_algebra.params import QuadraticFormParams

#: Half the height of the view in plotted units: the plane shows |x2| <= 2.
VIEW_HALF_HEIGHT = 2.0

#: The outermost level set crosses its principal axis within this distance (plotted).
LEVEL_REACH = 1.8

#: Level sets drawn for each sign of q.
LEVEL_COUNT = 3


def positive_colour() -> str:
    """Level sets with q > 0 (a series colour, apart from the eigen colours)."""
    return PALETTE.series[1]


def negative_colour() -> str:
    """Level sets with q < 0."""
    return PALETTE.series[2]


def zero_colour() -> str:
    """The level set q = 0 (crossing lines, the trough's floor, or the origin)."""
    return PALETTE.series[4]


def level_colour(level: float) -> str:
    if level > 0:
        return positive_colour()
    return negative_colour() if level < 0 else zero_colour()


def view_region() -> tuple[float, float, float, float]:
    """left, bottom, width, height of the plane's rectangle, left of the panel."""
    left = -frame_half_width() + FRAME_MARGIN + 0.05
    right = panel_left() - 0.35
    bottom = -frame_half_height() + FRAME_MARGIN_Y + 0.05
    top = frame_half_height() - FRAME_MARGIN_Y - 0.05
    return left, bottom, right - left, top - bottom


def view_box() -> Box:
    """The plotted region: |x2| <= VIEW_HALF_HEIGHT, as wide as the rectangle allows
    with equal units on both axes."""
    _, _, width, height = view_region()
    half_w = VIEW_HALF_HEIGHT * width / height
    return ((-half_w, half_w), (-VIEW_HALF_HEIGHT, VIEW_HALF_HEIGHT))


def box_grid(view: Coords, box: Box) -> VGroup:
    """Faint grid lines at round steps inside ``box`` and the two axes, cut at its border."""
    step = nice_step(view.unit)
    (x0, x1), (y0, y1) = box
    lines = VGroup()
    for x in np.arange(np.ceil(x0 / step), np.floor(x1 / step) + 1) * step:
        colour, width = (PALETTE.muted, 2) if x == 0 else (PALETTE.grid_faint, 1.5)
        lines.add(Line(view.c2p((x, y0)), view.c2p((x, y1)), color=colour, stroke_width=width))
    for y in np.arange(np.ceil(y0 / step), np.floor(y1 / step) + 1) * step:
        colour, width = (PALETTE.muted, 2) if y == 0 else (PALETTE.grid_faint, 1.5)
        lines.add(Line(view.c2p((x0, y)), view.c2p((x1, y)), color=colour, stroke_width=width))
    return lines


def _term(coefficient: float, monomial: str, first: bool) -> str:
    if coefficient == 0:
        return ""
    sign = "-" if coefficient < 0 else ("" if first else "+")
    size = abs(coefficient)
    number = "" if size == 1 else latex_number(size) + r"\,"
    return f"{sign} {number}{monomial} "


def poly_terms(coefficients: list[float], monomials: list[str]) -> list[str]:
    """The terms ``c m`` of a polynomial in LaTeX, zero terms left out, each after the
    first with its sign."""
    out: list[str] = []
    for c, m in zip(coefficients, monomials, strict=True):
        term = _term(c, m, not out).strip()
        if term:
            out.append(term)
    return out or ["0"]


def polynomial_tex(coefficients: list[float], monomials: list[str]) -> str:
    """``c1 m1 + c2 m2 + ...`` in LaTeX, zero terms left out, real minus signs."""
    return " ".join(poly_terms(coefficients, monomials))


def level_anchors(s: qf.QuadraticFormSummary, level: float) -> list[np.ndarray]:
    """Where a level's label may sit, best first: where the level set crosses a
    principal axis whose eigenvalue has the level's sign, the flatter axis first (its
    crossings are further apart), on the axis's negative side (the eigen arrows are on
    the positive side)."""
    lam = s.axes.eigenvalues
    same = [k for k in (0, 1) if lam[k] * level > 0 and not qf.is_zero(lam[k], s.matrix)]
    same.sort(key=lambda i: abs(lam[i]))
    return [-float(np.sqrt(level / lam[k])) * np.array(s.axes.eigenvectors[k]) for k in same]


@dataclass
class QuadraticFormPicture:
    """What QuadraticForm draws, for its beats, invariants and tests."""

    summary: qf.QuadraticFormSummary
    view: Coords
    border: Rectangle
    plane: Mobject
    levels: list[VMobject]  # one per level of summary.levels
    level_labels: VGroup
    zero_level: Mobject  # the set q = 0: lines, or a dot at the origin
    axis_lines: list[DashedLine]  # along v1, v2, cut to the view
    axis_arrows: list[Mobject]  # v1, v2 from the origin
    axis_labels: VGroup
    box: Rectangle
    matrix_row: VGroup
    form_row: Mobject
    eigen_rows: VGroup
    class_text: Mobject


class QuadraticForm(MathScene):
    """Quadratic forms: level sets, principal axes and the bowl, saddle or trough.

    The level sets of q(x) = x^T A x are ellipses, hyperbolas or parallel lines whose
    principal axes are the eigenvectors of A; the signs of the eigenvalues say whether
    q is a bowl, a saddle or a trough.
    """

    params_type = QuadraticFormParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_form()  # the matrix and its form: a number at every point
        self.show_levels()  # the level sets q = c, labelled with c
        self.show_axes()  # the eigenvectors are the level sets' principal axes
        self.classify()  # the signs of the eigenvalues: bowl, saddle or trough

    def build_picture(self) -> QuadraticFormPicture:
        s = qf.summarize(self.params.matrix, view_box(), LEVEL_REACH, LEVEL_COUNT)
        self.data = s.to_json()
        left, bottom, width, height = view_region()
        view = Coords.onto(s.box, left, bottom, width, height)
        self.data["unit_length"] = view.unit
        centre = view.c2p((0.0, 0.0))
        border = Rectangle(width=width, height=height, stroke_color=PALETTE.muted, stroke_width=2)
        border.move_to(centre)
        plane = box_grid(view, s.box)
        levels = [self._level_curve(view, s, c) for c in s.levels]
        labels = VGroup()
        for c in s.levels:
            label = math_label(latex_number(c), level_colour(c), TICK_SIZE)
            for anchor in level_anchors(s, c):
                if not _inside(anchor, s.box, 0.2):
                    continue
                # beside the crossing, along the level set (off the dashed axis)
                k = int(np.argmax(np.abs(np.array(s.axes.eigenvectors) @ anchor)))
                along = np.array([*s.axes.eigenvectors[1 - k], 0.0])
                if along[0] < 0:
                    along = -along
                reach = 0.25 + 0.5 * float(np.hypot(label.width, label.height))
                label.move_to(view.c2p(anchor) + reach * along)
                if not any(touching(label, other, 0.08) for other in labels):
                    labels.add(label)
                    break
        if s.zero_level_kind == "point":
            zero: Mobject = Dot(centre, radius=0.08, color=zero_colour())
        else:
            zero = self._level_curve(view, s, 0.0)
        lines, arrows, names = [], [], VGroup()
        for k, v in enumerate(s.axes.eigenvectors):
            ends = clip_segment(-10 * np.array(v), 10 * np.array(v), s.box)
            assert ends is not None
            line = DashedLine(
                view.c2p(ends[0]), view.c2p(ends[1]), color=PALETTE.eigen[k], dash_length=0.15
            )
            line.set_stroke(width=LINE_WIDTH)
            lines.append(line)
            arrow = readable_arrow(vector_arrow(view, v, PALETTE.eigen[k]))
            arrows.append(arrow)
            name = math_label(f"v_{k + 1}", PALETTE.eigen[k])
            names.add(label_beside(name, arrow, 1 if k == 0 else -1, UP))
        # The panel.
        a = s.matrix
        matrix_row = equation_row("A", a, (PALETTE.text, PALETTE.text), BODY_SIZE)
        poly = polynomial_tex([a[0][0], 2 * a[0][1], a[1][1]], ["x_1^2", "x_1 x_2", "x_2^2"])
        form_row = formula(rf"q(x) = x^T A x = {poly}")
        if form_row.width >= PANEL_WIDTH - 1e-9:
            # broken over lines at its terms, never shrunk below the label size
            terms = poly_terms([a[0][0], 2 * a[0][1], a[1][1]], ["x_1^2", "x_1 x_2", "x_2^2"])
            form_row = VGroup(formula(r"q(x) = x^T A x"), *wrapped(["=", *terms])).arrange(
                DOWN, aligned_edge=LEFT, buff=0.15
            )
        lam = s.axes.eigenvalues
        eigen_rows = VGroup(
            *(
                formula(
                    rf"\lambda_{k + 1} = {latex_number(lam[k])},\ "
                    rf"v_{k + 1} = {column_tex(s.axes.eigenvectors[k])}",
                    PALETTE.eigen[k],
                )
                for k in (0, 1)
            ),
            formula("q = " + polynomial_tex([lam[0], lam[1]], ["u_1^2", "u_2^2"])),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        class_text = fit_panel(
            Text(
                f"{s.definiteness}:\n{_article(s.shape)} {s.shape}",
                font_size=TEXT_SIZE,
                color=PALETTE.text,
            )
        )
        panel_stack([matrix_row, form_row, eigen_rows, class_text], left=panel_left(), gap=0.3)
        return QuadraticFormPicture(
            summary=s,
            view=view,
            border=border,
            plane=plane,
            levels=levels,
            level_labels=labels,
            zero_level=zero,
            axis_lines=lines,
            axis_arrows=arrows,
            axis_labels=names,
            box=panel_box(left + width + 0.02, panel_left() - left - width - 0.02 + PANEL_WIDTH),
            matrix_row=matrix_row,
            form_row=form_row,
            eigen_rows=eigen_rows,
            class_text=class_text,
        )

    @staticmethod
    def _level_curve(view: Coords, s: qf.QuadraticFormSummary, level: float) -> VMobject:
        vm = VMobject(stroke_color=level_colour(level), stroke_width=LINE_WIDTH)
        for piece in qf.level_set(s.matrix, level, s.box):
            pts = view.c2p(piece)
            vm.start_new_path(pts[0])
            vm.add_points_as_corners(pts[1:])
        return vm

    def show_form(self) -> None:
        # q gives every point of the plane a number; A holds its coefficients.
        pic = self.picture
        poly = _caption_polynomial(pic.summary.matrix)
        self.beat(
            "form",
            f"The quadratic form of the symmetric matrix A: q(x) = x^T A x = {poly}, "
            "a number at every point of the plane.",
        )
        self.add(pic.plane, pic.border, pic.box)
        self.play(Write(pic.matrix_row), run_time=0.8)
        self.play(FadeIn(pic.form_row), run_time=0.8)
        self.wait(2.0)

    def show_levels(self) -> None:
        # The points where q takes one value c: ellipses, hyperbolas or parallel lines.
        pic = self.picture
        self.beat("levels", _levels_caption(pic.summary))
        self.play(
            *(Create(curve) for curve in pic.levels),
            Create(pic.zero_level)
            if isinstance(pic.zero_level, VMobject)
            else FadeIn(pic.zero_level),
            run_time=self.params.draw_time,
        )
        self.play(FadeIn(pic.level_labels), run_time=0.6)
        self.wait(3.0)

    def show_axes(self) -> None:
        # The eigenvectors of A are the axes of symmetry of every level set.
        pic = self.picture
        self.beat("axes", _axes_caption(pic.summary))
        self.play(*(Create(line) for line in pic.axis_lines), run_time=1.0)
        self.play(
            *(GrowArrow(arrow) for arrow in pic.axis_arrows),
            FadeIn(pic.axis_labels),
            FadeIn(pic.eigen_rows),
            run_time=1.0,
        )
        self.add_foreground_mobjects(pic.level_labels)
        self.wait(3.0)

    def classify(self) -> None:
        # The signs of the eigenvalues name the surface z = q(x).
        pic = self.picture
        self.beat("classification", _class_caption(pic.summary))
        self.play(FadeIn(pic.class_text, shift=0.2 * UP), run_time=0.8)
        self.play(Indicate(pic.eigen_rows[2], scale_factor=1.05), run_time=1.0)
        self.wait(3.0)

    def colour_roles(self, beat: str | None) -> dict[str, str]:
        s = self.picture.summary
        roles: dict[str, str] = {}
        if beat in (None, "form"):
            return roles
        if any(c > 0 for c in s.levels):
            roles["levels q > 0"] = positive_colour()
        if any(c < 0 for c in s.levels):
            roles["levels q < 0"] = negative_colour()
        roles["level q = 0"] = zero_colour()
        if beat != "levels":
            roles["v1"] = PALETTE.eigen[0]
            roles["v2"] = PALETTE.eigen[1]
        return roles

    def invariants(self, beat: str) -> list[Invariant]:
        """Every drawn vertex of a level curve satisfies x^T A x = c and lies in the view;
        the eigen arrows end at v1, v2 and the dashed axes run along them."""
        pic = self.picture
        view = pic.view
        a = np.array(self.data["matrix"])
        (x0, x1), (y0, y1) = self.data["view_box"]
        checks: list[Invariant] = []
        if beat == "form":
            return checks
        curves = list(zip(self.data["levels"], pic.levels, strict=True))
        if isinstance(pic.zero_level, VMobject) and not isinstance(pic.zero_level, Dot):
            curves.append((0.0, pic.zero_level))
        for c, curve in curves:
            pts = view.p2c(curve.get_anchors())
            q = np.einsum("ni,ij,nj->n", pts, a, pts)
            checks.append(
                Invariant(
                    f"level {c:g}: q = c on the curve",
                    q / max(1, abs(c)),
                    np.full(len(q), c / max(1, abs(c))),
                )
            )
            outside = np.maximum.reduce(
                [x0 - pts[:, 0], pts[:, 0] - x1, y0 - pts[:, 1], pts[:, 1] - y1, np.zeros(len(pts))]
            )
            checks.append(Invariant(f"level {c:g} inside the view", outside, np.zeros(len(pts))))
        if beat in ("axes", "classification"):
            for k, (arrow, line) in enumerate(zip(pic.axis_arrows, pic.axis_lines, strict=True)):
                v = self.data["eigenvectors"][k]
                checks.append(Invariant(f"v{k + 1} arrow tip", view.p2c(arrow.get_end()), v))
                d = view.p2c(line.get_end()) - view.p2c(line.get_start())
                checks.append(
                    Invariant(f"axis {k + 1} along v{k + 1}", float(d[0] * v[1] - d[1] * v[0]), 0.0)
                )
                lam = self.data["eigenvalues"][k]
                checks.append(
                    Invariant(
                        f"A v{k + 1} = lambda v{k + 1}", list(a @ v), [lam * v[0], lam * v[1]]
                    )
                )
        return checks


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _inside(point: np.ndarray, box: Box, margin: float) -> bool:
    (x0, x1), (y0, y1) = box
    return bool(x0 + margin <= point[0] <= x1 - margin and y0 + margin <= point[1] <= y1 - margin)


def _caption_polynomial(m: tuple[tuple[float, float], tuple[float, float]]) -> str:
    return _caption_terms([m[0][0], 2 * m[0][1], m[1][1]], ["x1²", "x1 x2", "x2²"])


def _caption_terms(coefficients: list[float], monomials: list[str]) -> str:
    """``c1 m1 + c2 m2 ...`` in plain text, zero terms left out, minus signs as signs."""
    out = ""
    for c, mono in zip(coefficients, monomials, strict=True):
        if c == 0:
            continue
        sign = "−" if c < 0 else ("+" if out else "")
        number = "" if abs(c) == 1 else format_number(abs(c)) + " "
        out += f" {sign} {number}{mono}" if out else f"{sign}{number}{mono}"
    return out or "0"


def _join(values: list[float]) -> str:
    texts = [format_number(v) for v in values]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def _levels_caption(s: qf.QuadraticFormSummary) -> str:
    pos = [c for c in s.levels if c > 0]
    neg = [c for c in s.levels if c < 0]
    cut = not all(s.closed)
    if s.definiteness in ("positive definite", "negative definite"):
        values = pos or neg
        extreme = "minimum" if pos else "maximum"
        tail = " (the outer ones run past the edge of the view)" if cut else ""
        return (
            f"The level sets q = {_join(values)} are ellipses around the origin{tail}; "
            f"q = 0 only at the origin, its {extreme}."
        )
    if s.definiteness == "indefinite":
        return (
            f"The level sets are hyperbolas: q = {_join(pos)} on one pair of opposite sides, "
            f"q = {_join(neg)} on the other, and q = 0 on the two crossing lines between them."
        )
    values = pos or neg
    return (
        f"The level sets q = {_join(values)} are pairs of parallel lines, either side of "
        "the line where q = 0."
    )


def _axes_caption(s: qf.QuadraticFormSummary) -> str:
    l1, l2 = (format_number(x) for x in s.axes.eigenvalues)
    form = _caption_terms(list(s.axes.eigenvalues), ["u1²", "u2²"])
    return (
        f"The eigenvectors v1 and v2 of A are the principal axes of every level set: "
        f"in their coordinates q = {form} (eigenvalues {l1} and {l2})."
    )


def _class_caption(s: qf.QuadraticFormSummary) -> str:
    l1, l2 = (format_number(x) for x in s.axes.eigenvalues)
    kind = s.definiteness
    if kind == "positive definite":
        return (
            f"Both eigenvalues are positive ({l1} and {l2}): q is positive definite, "
            "a bowl with its minimum at the origin."
        )
    if kind == "negative definite":
        return (
            f"Both eigenvalues are negative ({l1} and {l2}): q is negative definite, "
            "an upside-down bowl with its maximum at the origin."
        )
    if kind == "indefinite":
        return (
            f"The eigenvalues have opposite signs ({l1} and {l2}): q is indefinite, a saddle "
            "that rises along v2 and falls along v1."
        )
    zero, other, name = (
        ("v1", l2, "v2") if qf.is_zero(s.axes.eigenvalues[0], s.matrix) else ("v2", l1, "v1")
    )
    sign = "positive" if kind.startswith("positive") else "negative"
    moves = "rising" if sign == "positive" else "falling"
    return (
        f"One eigenvalue is 0 and the other, {other}, is {sign}: q is {kind}, "
        f"{_article(s.shape)} {s.shape}, 0 along the whole line through {zero} and "
        f"{moves} along {name}."
    )
