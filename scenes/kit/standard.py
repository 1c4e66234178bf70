"""The visual standard of issue 17, as checks measured on a scene's drawn mobjects.

Five rules, each a function of the scene as it is on screen now (call them at a beat's
end, e.g. from :func:`scenes.kit.checking.build_checked`'s ``observer``, or all at once
with :func:`standard_problems`). Each returns problem lines like the scene checker's,
each starting with the rule's name (``glyph:``, ``safe:``, ``typography:``, ``colour:``,
``marks:``) so that a report can count them per rule. They are not yet enforced on the
gallery; :mod:`scenes.pipeline.cli`'s ``standard`` command reports them.

Pixels are pixels of a 480-line frame (``--quality low``), whatever the build's size:
every length is measured in scene units and scaled by ``480 / frame height`` (the frame
is 8 units high, so 1 unit = 60 px). The frame is the camera's (its centre, width and
height), and points of a 3-D scene are projected by the camera
(``camera.transform_points_pre_display``) unless fixed in the frame.

1. **Glyph height** (:func:`glyph_problems`): every digit and capital letter is drawn at
   least :data:`MIN_GLYPH_FRACTION` (2.5%) of the frame height, 12 px at 480p, measured
   on the glyph's drawn outline (its bounding box on screen after every scaling), not
   on the declared ``font_size``. Which glyph is a digit or capital:

   - Pango text (``Text``, ``MarkupText``, ``Paragraph``): Manim makes one submobject
     per non-whitespace character of the string (markup removed), in order, so the
     string says which glyph is which.
   - LaTeX (``MathTex``, ``Tex``, ``Integer``, ``DecimalNumber``, the kit's ``Readout``
     and anything else made of LaTeX outlines): each glyph outline is matched exactly
     (same number of Bezier points, same shape after normalising position and height,
     to 1e-6) against reference outlines of the digits and capitals typeset once by the same LaTeX
     template, in math italic, ``\\mathrm`` (also ``Tex`` text and every number),
     ``\\mathbf`` and ``\\mathcal``, each at text, script (sub/superscript) and
     scriptscript size. Manim typesets every formula at one LaTeX size and scales the
     outlines afterwards, so a glyph has exactly its reference's outline up to scale
     and position.

   Limits: a glyph in a font or style outside the reference set (``\\mathbb``,
   ``\\mathsf``, ``\\boldsymbol``, ``\\textit``, a different template) is not recognised
   and not judged; a round glyph (``0``, ``O``) is measured with its overshoot and
   ``Q`` with its tail (a little taller than the cap height); rotated text is measured
   by its screen height (a vertical label's capitals by their width, so they pass
   easily).

2. **Safe area** (:func:`safe_area_problems`): every text and every data mark (dots,
   point clouds, arrows, plotted curves, paths, lines outside axes, histogram bars;
   see :func:`data_marks`) lies inside the inner :data:`SAFE_FRACTION` (90%) of the
   frame's width and height. Mobjects in ``scene.layout_exempt`` are not judged, nor
   is a line drawn through the whole frame (past two opposite edges of the frame: a
   whole line, such as an eigen-direction, that the frame cuts).

3. **One math typography** (:func:`typography_problems`): plain Pango text holds words
   only: flagged are math symbols (``= < > ^ _ | ± × · √ ∑ ∫ ∂ ∇ ∞ → ≤ ≥ ≈ ≠ ∈ −`` and
   other Unicode math), Unicode sub/superscripts, Greek letters, math words written as
   text (``grad``, ``sqrt``, ``lambda``, ``sigma``, ``det``, ``argmin`` ...), a function
   applied (``log(1 + f)``, ``exp(``; the word in "log scale" is fine), a letter
   and digit as a variable (``x1``, ``e1``, ``H0``), ``f(x)``-style calls, and a
   hyphen-minus before a digit (``-3``; a real minus belongs in LaTeX). In any text,
   LaTeX included, scientific notation must be ``1.0 \\times 10^{-4}``, never
   ``1.0e-4``.

4. **Colour meaning** (:func:`colour_distance_problems`, :func:`colour_problems`):
   the colours of a frame's series or roles are pairwise at least
   :data:`MIN_COLOUR_DISTANCE` apart in CIEDE2000 (:func:`ciede2000`), in normal vision
   and under simulated deuteranopia and protanopia (Machado, Oliveira and Fernandes
   2009, severity 1, on linear sRGB: :data:`MACHADO_2009`). A scene can name its roles
   (``scene.colour_roles(beat) -> {role: colour}``); two roles in one colour are then
   flagged too. Without it, the distinct colours of the frame's data marks are
   compared (identical colours are taken as one role: only near-identical ones are
   flagged).

5. **Marks readable** (:func:`mark_problems`): points (``Dot``, dot clouds) at least
   :data:`MIN_POINT_PX` (3 px) across and lines (curves, paths, arrows, segments) at
   least :data:`MIN_LINE_PX` (2 px) wide at 480p. Cairo strokes a VMobject with a line
   width of ``stroke_width * 0.01`` scene units (``Camera.cairo_line_width_multiple``;
   the ``frame_width / frame_width`` factor in ``Camera.apply_stroke`` is 1), so a
   stroke is ``stroke_width * 0.01 * pixel_height / frame_height`` px: 0.6 px per unit
   of ``stroke_width`` at 480p (Manim's default 4 is 2.4 px), 1.35 px at 1080p; the
   tests measure this on a rendered frame. A pen-dot cloud
   (:func:`scenes.kit.marks.dot_cloud` without ``radius``) is a round-capped stroke of
   zero length, so its dots are that stroke width across.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

#: Digits and capitals must be at least this fraction of the frame height (12 px at 480p).
MIN_GLYPH_FRACTION = 0.025
#: Texts and data marks stay inside this fraction of the frame's width and height.
SAFE_FRACTION = 0.90
#: The frame height the pixel numbers refer to (``--quality low``).
REFERENCE_LINES = 480
#: Smallest point (dot) diameter, in pixels at 480p.
MIN_POINT_PX = 3.0
#: Smallest line (stroke) width, in pixels at 480p.
MIN_LINE_PX = 2.0
#: Smallest CIEDE2000 distance between two series or roles of one frame, in normal
#: vision and under each simulated deficiency. Every pair of the Okabe-Ito set (without
#: black) is at least 11.6 apart under all three (the tests check that), while a
#: just-noticeable difference is about 1-2: 10 keeps sets of that quality and rejects
#: the near-twins the issue lists.
MIN_COLOUR_DISTANCE = 10.0
#: Cairo line width per unit of ``stroke_width``, in scene units.
CAIRO_LINE_WIDTH_MULTIPLE = 0.01

RULES = ("glyph", "safe", "typography", "colour", "marks")

#: Machado, Oliveira and Fernandes (2009), severity 1.0, on linear sRGB.
MACHADO_2009: dict[str, np.ndarray] = {
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
}
VISIONS = ("normal", *MACHADO_2009)

#: The Okabe-Ito colour-blind-safe set (Okabe and Ito 2008), without black.
OKABE_ITO = (
    "#e69f00",  # orange
    "#56b4e9",  # sky blue
    "#009e73",  # bluish green
    "#f0e442",  # yellow
    "#0072b2",  # blue
    "#d55e00",  # vermillion
    "#cc79a7",  # reddish purple
)


# --------------------------------------------------------------------------- frame


def _frame(scene: Any) -> tuple[np.ndarray, float, float]:
    camera = scene.camera
    centre = np.asarray(getattr(camera, "frame_center", np.zeros(3)), dtype=float)
    return centre, float(camera.frame_width), float(camera.frame_height)


def px_per_unit(scene: Any) -> float:
    """Pixels of a 480-line frame per scene unit (60 for the usual 8-unit frame)."""
    return REFERENCE_LINES / _frame(scene)[2]


def screen_points(scene: Any, mob: Any) -> np.ndarray:
    """``mob``'s own points where the camera draws them (3-D scenes: projected)."""
    points = np.asarray(mob.points, dtype=float)
    if len(points) == 0:
        return points
    transform = getattr(scene.camera, "transform_points_pre_display", None)
    if transform is None:
        return points
    return np.asarray(transform(mob, points), dtype=float)


def _screen_box(scene: Any, mob: Any) -> tuple[float, float, float, float] | None:
    """(left, right, bottom, top) on screen of ``mob`` and its family, or None."""
    parts = [screen_points(scene, m) for m in mob.family_members_with_points()]
    parts = [p for p in parts if len(p) and np.all(np.isfinite(p))]
    if not parts:
        return None
    pts = np.concatenate(parts)
    return (
        float(pts[:, 0].min()),
        float(pts[:, 0].max()),
        float(pts[:, 1].min()),
        float(pts[:, 1].max()),
    )


def _describe(mob: Any) -> str:
    from scenes.kit.checking import _describe as describe
    from scenes.kit.readouts import Readout

    if isinstance(mob, Readout):
        try:
            return f"Readout({mob.drawn_text()!r})"
        except ValueError:
            return "Readout"
    plain = _plain_string(mob)
    if plain is not None:
        return f"{type(mob).__name__}({' '.join(plain.split())[:40]!r})"
    return describe(mob)


def _exempt(scene: Any) -> set[int]:
    return {id(m) for e in getattr(scene, "layout_exempt", []) for m in e.get_family()}


def _texts(scene: Any, exempt: set[int] | None = None) -> list[Any]:
    from scenes.kit.checking import _outermost_texts

    return _outermost_texts(scene.mobjects, exempt or set())


# --------------------------------------------------------------------------- 1. glyphs


def _pango_types() -> tuple[type, ...]:
    from manim import MarkupText, Paragraph, Text

    return (Text, MarkupText, Paragraph)


def _pango_chars(mob: Any) -> tuple[str, list[Any]] | None:
    """The characters of a Pango text and their glyph mobjects, one each, or None."""
    from manim import MarkupText, Paragraph

    if isinstance(mob, Paragraph):
        chars = "".join(mob.lines_text.text.split())
        glyphs = [g for line in mob.submobjects for g in line.submobjects]
    elif isinstance(mob, MarkupText):
        chars = "".join(html.unescape(re.sub(r"<[^>]*>", "", mob.text)).split())
        glyphs = list(mob.submobjects)
    else:
        chars = "".join(mob.text.split())
        glyphs = list(mob.submobjects)
    if len(chars) != len(glyphs):
        return None
    return chars, glyphs


def _normalised(points: np.ndarray) -> np.ndarray | None:
    p = np.asarray(points, dtype=float)[:, :2]
    height = float(np.ptp(p[:, 1])) if len(p) else 0.0
    if height <= 0:
        return None
    out: np.ndarray = (p - p.min(axis=0)) / height
    return out


#: The LaTeX the reference glyphs are typeset in: (style, body with {} for the
#: characters, how many glyphs come before the characters).
_REFERENCE_STYLES = (
    ("math", "{}", 0),
    ("math script", "x_{{{}}}", 1),
    ("math scriptscript", "x_{{x_{{{}}}}}", 2),
    ("roman", r"\mathrm{{{}}}", 0),
    ("roman script", r"x_{{\mathrm{{{}}}}}", 1),
    ("roman scriptscript", r"x_{{x_{{\mathrm{{{}}}}}}}", 2),
    ("bold", r"\mathbf{{{}}}", 0),
    ("bold script", r"x_{{\mathbf{{{}}}}}", 1),
    ("calligraphic", r"\mathcal{{{}}}", 0),
)
DIGITS = "0123456789"
CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@functools.cache
def _reference_glyphs(template_key: str) -> dict[int, list[tuple[np.ndarray, str]]]:
    """Normalised outlines of the digits and capitals, by number of points."""
    from manim import MathTex, config

    del template_key  # the cache key: one table per LaTeX template
    table: dict[int, list[tuple[np.ndarray, str]]] = {}
    for style, body, skip in _REFERENCE_STYLES:
        chars = CAPITALS if style == "calligraphic" else DIGITS + CAPITALS
        tex = MathTex(body.format(chars), tex_template=config.tex_template)
        glyphs = tex.family_members_with_points()[skip:]
        if len(glyphs) != len(chars):  # a template that joins or splits glyphs
            continue
        for char, glyph in zip(chars, glyphs, strict=True):
            shape = _normalised(glyph.points)
            if shape is not None:
                table.setdefault(len(glyph.points), []).append((shape, char))
    return table


def reference_table() -> dict[int, list[tuple[np.ndarray, str]]]:
    """The reference outlines for the current LaTeX template (typeset once, cached)."""
    from manim import config

    return _reference_glyphs(config.tex_template.body)


@functools.cache
def _reference_stacks(template_key: str) -> dict[int, tuple[np.ndarray, tuple[str, ...]]]:
    """:func:`_reference_glyphs` as one array of outlines per number of points."""
    return {
        count: (np.stack([shape for shape, _ in refs]), tuple(char for _, char in refs))
        for count, refs in _reference_glyphs(template_key).items()
    }


def identify_glyph(points: np.ndarray) -> str | None:
    """The digit or capital whose LaTeX outline ``points`` is (up to scale and
    position), or None: the first reference outline with as many points whose every
    coordinate is within 1e-6 of the normalised ``points``."""
    from manim import config

    found = _reference_stacks(config.tex_template.body).get(len(points))
    if found is None:
        return None
    shape = _normalised(points)
    if shape is None:
        return None
    refs, chars = found
    close = np.flatnonzero(np.all(np.abs(refs - shape) <= 1e-6, axis=(1, 2)))
    return chars[close[0]] if close.size else None


def _labelled_glyphs(text: Any) -> list[tuple[str, Any]]:
    """(character, glyph mobject) for the digits and capitals of one outermost text."""
    from manim import VMobject

    found: list[tuple[str, Any]] = []

    def walk(mob: Any) -> None:
        if isinstance(mob, _pango_types()):
            mapped = _pango_chars(mob)
            if mapped is not None:
                found.extend(
                    (c, g) for c, g in zip(*mapped, strict=True) if c.isdigit() or c.isupper()
                )
            return
        if isinstance(mob, VMobject) and len(mob.points) and not mob.submobjects:
            char = identify_glyph(mob.points)
            if char is not None:
                found.append((char, mob))
            return
        for sub in mob.submobjects:
            walk(sub)

    walk(text)
    return found


def glyph_heights(scene: Any, text: Any) -> list[tuple[str, float]]:
    """Each digit and capital of ``text`` with its drawn height in px at 480p."""
    scale = px_per_unit(scene)
    out = []
    for char, glyph in _labelled_glyphs(text):
        box = _screen_box(scene, glyph)
        if box is not None:
            out.append((char, (box[3] - box[2]) * scale))
    return out


def glyph_problems(scene: Any) -> list[str]:
    """Texts whose smallest digit or capital is drawn under 2.5% of the frame height."""
    least = MIN_GLYPH_FRACTION * REFERENCE_LINES
    problems = []
    for text in _texts(scene):
        heights = glyph_heights(scene, text)
        if not heights:
            continue
        char, h = min(heights, key=lambda ch: ch[1])
        if h < least - 0.05:
            problems.append(
                f"glyph: {_describe(text)}: {char!r} is {h:.1f} px tall at 480p "
                f"(< {least:.0f} px, {MIN_GLYPH_FRACTION:.1%} of the frame height)"
            )
    return problems


# --------------------------------------------------------------------------- marks


def is_pen_cloud(mob: Any) -> bool:
    """A :func:`scenes.kit.marks.dot_cloud` of pen dots: zero-length stroked pieces."""
    pts = np.asarray(mob.points, dtype=float)
    if len(pts) == 0 or len(pts) % 4 or mob.get_stroke_width() <= 0:
        return False
    pieces = pts.reshape(-1, 4, 3)
    return bool(np.all(np.ptp(pieces, axis=1) < 1e-3))


def is_disc_cloud(mob: Any) -> bool:
    """A :func:`scenes.kit.marks.dot_cloud` of filled discs: unstroked and filled, 16
    points a disc, each disc's four quarter-curves starting on one circle round their
    mean (so a filled polygon whose point count happens to be a multiple of 16 is not
    taken for dots)."""
    pts = np.asarray(mob.points, dtype=float)
    if len(pts) == 0 or len(pts) % 16 or mob.get_stroke_width() > 0:
        return False
    if float(np.max(mob.get_fill_opacities(), initial=0)) <= 0.01:
        return False
    anchors = pts.reshape(-1, 4, 4, 3)[:, :, 0, :2]  # (discs, 4 quarter starts, xy)
    centres = anchors.mean(axis=1, keepdims=True)
    radii = np.linalg.norm(anchors - centres, axis=2)
    closed = np.linalg.norm(pts.reshape(-1, 16, 3)[:, 0] - pts.reshape(-1, 16, 3)[:, -1], axis=1)
    r = radii.mean(axis=1)
    return bool(
        np.all(r > 0)
        and np.all(np.ptp(radii, axis=1) <= 1e-6 + 1e-3 * r)
        and np.all(closed <= 1e-6 + 1e-3 * r)
    )


def _stroked(mob: Any) -> bool:
    opacity = float(np.max(mob.get_stroke_opacities(), initial=0))
    return bool(mob.get_stroke_width() > 0 and opacity > 0.01)


def furniture_colours() -> set[str]:
    """The theme's colours for axes, ticks, grids and guides (``muted``, ``grid``,
    ``grid_faint``): a mark drawn in one of them is furniture, not data."""
    from scenes.kit.style import PALETTE

    return {_hex(PALETTE.muted), _hex(PALETTE.grid), _hex(PALETTE.grid_faint)}


def _mark_colour(kind: str, mob: Any) -> str:
    """The colour a data mark is seen in: lines and pen dots by stroke, the rest by fill."""
    from manim import PMobject

    if isinstance(mob, PMobject):
        return _hex(mob.get_color())
    if kind == "line" or is_pen_cloud(mob):
        return _hex(mob.get_stroke_color())
    return _hex(mob.get_fill_color())


def data_marks(scene: Any) -> list[tuple[str, Any]]:
    """The marks that carry data, as (kind, mobject), kind ``point``, ``line`` or ``bar``.

    Points: ``Dot`` (and subclasses), point clouds (``PMobject``) and dot clouds. Lines:
    arrows (with their tips), plotted curves (``ParametricFunction``), plain
    ``VMobject`` paths and ``Line`` / ``DashedLine`` segments. Bars: the bars of
    :class:`scenes.kit.histogram.Bars`. Not marks: texts, axes, number lines and planes
    (their ticks and grids), shapes (rectangles, circles, polygons, surfaces: panels
    and areas), anything drawn in the theme's furniture colours
    (:func:`furniture_colours`: the kit's own axis lines and ticks, guides), and
    ``scene.layout_exempt``.
    """
    from manim import (
        Arrow,
        CoordinateSystem,
        DashedLine,
        Dot,
        Line,
        NumberLine,
        ParametricFunction,
        PMobject,
        VMobject,
    )

    from scenes.kit.checking import _text_types, _visible
    from scenes.kit.histogram import Bars

    text_types = _text_types()
    exempt = _exempt(scene)
    furniture = furniture_colours()
    found: list[tuple[str, Any]] = []

    def walk(mob: Any) -> None:
        if id(mob) in exempt or isinstance(mob, (*text_types, CoordinateSystem, NumberLine)):
            return
        if isinstance(mob, Bars):
            found.extend(("bar", b) for b in mob.submobjects if _visible(b))
            return
        kind = None
        if isinstance(mob, Dot | PMobject):
            kind = "point"
        elif isinstance(mob, Arrow | ParametricFunction) or type(mob) in (Line, DashedLine):
            kind = "line"
        elif type(mob) is VMobject and len(mob.points):
            if is_pen_cloud(mob) or is_disc_cloud(mob):
                kind = "point"
            elif _stroked(mob):
                kind = "line"
            else:  # a filled area without an outline (area_polygon): a shape
                return
        if kind is not None:
            if _visible(mob) and _mark_colour(kind, mob) not in furniture:
                found.append((kind, mob))
            return
        for sub in mob.submobjects:
            walk(sub)

    for mob in scene.mobjects:
        walk(mob)
    return found


# --------------------------------------------------------------------------- 2. safe area


def _outside(
    box: tuple[float, float, float, float], centre: np.ndarray, half_w: float, half_h: float
) -> tuple[float, str]:
    """How far (scene units) and on which side a box leaves the safe area."""
    left, right, bottom, top = box
    sides = {
        "left": (centre[0] - half_w) - left,
        "right": right - (centre[0] + half_w),
        "bottom": (centre[1] - half_h) - bottom,
        "top": top - (centre[1] + half_h),
    }
    side = max(sides, key=lambda s: sides[s])
    return sides[side], side


def _spans_frame(
    box: tuple[float, float, float, float], centre: np.ndarray, frame_w: float, frame_h: float
) -> bool:
    """True for a line drawn through the whole frame (past two opposite edges): a whole
    line (an eigen-direction, a span) that the frame cuts, not a mark that ends
    near the edge."""
    left, right, bottom, top = box
    across = left < centre[0] - frame_w / 2 and right > centre[0] + frame_w / 2
    up = bottom < centre[1] - frame_h / 2 and top > centre[1] + frame_h / 2
    return bool(across or up)


def safe_area_problems(scene: Any) -> list[str]:
    """Texts and data marks that reach outside the inner 90% of the frame."""
    centre, frame_w, frame_h = _frame(scene)
    half_w, half_h = SAFE_FRACTION * frame_w / 2, SAFE_FRACTION * frame_h / 2
    scale = px_per_unit(scene)
    exempt = _exempt(scene)
    problems = []
    items = [("text", t) for t in _texts(scene, exempt)] + data_marks(scene)
    for kind, mob in items:
        box = _screen_box(scene, mob)
        if box is None or (kind == "line" and _spans_frame(box, centre, frame_w, frame_h)):
            continue
        by, side = _outside(box, centre, half_w, half_h)
        if by * scale > 0.5:
            what = _describe(mob) if kind == "text" else f"{type(mob).__name__} ({kind})"
            problems.append(
                f"safe: {what} is {by * scale:.0f} px outside the safe area at the {side} "
                f"(x [{box[0]:.2f}, {box[1]:.2f}], y [{box[2]:.2f}, {box[3]:.2f}]; safe: "
                f"|x| <= {half_w:.2f}, |y| <= {half_h:.2f})"
            )
    return problems


# --------------------------------------------------------------------------- 3. typography

_GREEK = r"\u0370-\u03ff\u1f00-\u1fff"
_SUPER_SUB = r"\u00b2\u00b3\u00b9\u2070-\u209f"
_MATH_SYMBOLS = r"=<>^_|±×÷·⋅√∑∏∫∂∇∞→←↦⇒⇔≤≥≈≠≡∈∉⊂⊆∪∩∘′″−ℝ⊤"
_MATH_WORDS = (
    "grad",
    "sqrt",
    "lambda",
    "sigma",
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "theta",
    "mu",
    "nabla",
    "det",
    "argmin",
    "argmax",
)
#: (what, pattern) pairs that mark math written as plain text.
TYPOGRAPHY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a Greek letter", re.compile(f"[{_GREEK}]")),
    ("a Unicode sub/superscript", re.compile(f"[{_SUPER_SUB}]")),
    ("a math symbol", re.compile(f"[{re.escape(_MATH_SYMBOLS)}]")),
    ("a math word", re.compile(r"\b(?:" + "|".join(_MATH_WORDS) + r")\b", re.IGNORECASE)),
    ("a math function", re.compile(r"\b(?:log|exp|ln|sin|cos|tan)\s*\(")),
    ("a variable with an index", re.compile(r"\b[A-Za-z][0-9]\b")),
    ("a function call", re.compile(r"\b[A-Za-z]\s?\([^)]*\)")),
    ("a hyphen-minus before a digit", re.compile(r"(?:^|(?<=[\s(\[,;:]))-(?=\.?\d)")),
)
#: ``1.0e-4`` or ``3E+05``: scientific notation in the computer style.
E_NOTATION = re.compile(r"\d(?:\.\d*)?(?:\\mathrm\{)?[eE]\}?[+\-−]?\d")


def _plain_string(mob: Any) -> str | None:
    from manim import MarkupText, Paragraph, Text

    if isinstance(mob, Paragraph):
        return str(getattr(mob.lines_text, "original_text", mob.lines_text.text))
    if isinstance(mob, MarkupText):
        return html.unescape(re.sub(r"<[^>]*>", "", str(mob.original_text)))
    if isinstance(mob, Text):
        return str(mob.original_text)
    return None


def _any_string(mob: Any) -> str | None:
    from scenes.kit.readouts import Readout

    if isinstance(mob, Readout):
        try:
            return str(mob.drawn_text())
        except ValueError:
            return None
    for attr in ("tex_string", "num_string"):
        value = getattr(mob, attr, None)
        if isinstance(value, str):
            return value
    return _plain_string(mob)


def plain_text_math(text: str) -> list[str]:
    """What in ``text`` (a plain-text string) is math: each as ``what "match"``."""
    found = []
    for what, pattern in TYPOGRAPHY_PATTERNS:
        match = pattern.search(text)
        if match:
            found.append(f'{what} "{match.group(0).strip()}"')
    return found


def typography_problems(scene: Any) -> list[str]:
    """Plain texts holding math, and any text in ``1.0e-4`` notation."""
    problems = []
    for text in _texts(scene):
        plain = _plain_string(text)
        if plain is not None:
            found = plain_text_math(plain)
            if found:
                problems.append(
                    f"typography: {_describe(text)} is plain text with math: "
                    f"{', '.join(found)} (set it in MathTex)"
                )
        shown = _any_string(text)
        if shown is not None and E_NOTATION.search(shown):
            problems.append(
                f"typography: {_describe(text)} writes {E_NOTATION.search(shown).group(0)!r}: "
                r"scientific notation is a \times 10^{k}"
            )
    return problems


# --------------------------------------------------------------------------- 4. colour


def _srgb(color: str) -> np.ndarray:
    h = color.lstrip("#")[:6]
    return np.array([int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)], dtype=float)


def _linear(c: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return out


def linear_rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65 white) of a linear sRGB colour (IEC 61966-2-1 primaries)."""
    m = np.array(
        [
            [0.4124564, 0.3575761, 0.1804375],
            [0.2126729, 0.7151522, 0.0721750],
            [0.0193339, 0.1191920, 0.9503041],
        ]
    )
    xyz = m @ np.asarray(rgb, dtype=float)
    white = m @ np.ones(3)
    t = xyz / white
    d = 6 / 29
    f = np.where(t > d**3, np.cbrt(t), t / (3 * d * d) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(color: str, vision: str = "normal") -> np.ndarray:
    """CIELAB of ``color`` (``#rrggbb``) as seen in ``vision`` (normal, deuteranopia or
    protanopia, the latter two simulated with :data:`MACHADO_2009`)."""
    rgb = _linear(_srgb(color))
    if vision != "normal":
        rgb = np.clip(MACHADO_2009[vision] @ rgb, 0.0, 1.0)
    return linear_rgb_to_lab(rgb)


def ciede2000(lab1: Sequence[float], lab2: Sequence[float]) -> float:
    """The CIEDE2000 colour difference (kL = kC = kH = 1), as in Sharma, Wu and Dalal
    (2005), "The CIEDE2000 color-difference formula: implementation notes"."""
    l1, a1, b1 = (float(v) for v in lab1)
    l2, a2, b2 = (float(v) for v in lab2)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360 if c2p else 0.0
    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)
    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_mean = (h1p + h2p + 360) / 2
    else:
        hp_mean = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(hp_mean - 30))
        + 0.24 * np.cos(np.radians(2 * hp_mean))
        + 0.32 * np.cos(np.radians(3 * hp_mean + 6))
        - 0.20 * np.cos(np.radians(4 * hp_mean - 63))
    )
    d_theta = 30 * np.exp(-(((hp_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return float(
        np.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dc / s_c) * (dH / s_h))
    )


def colour_distance(a: str, b: str, vision: str = "normal") -> float:
    """CIEDE2000 distance of two ``#rrggbb`` colours as seen in ``vision``."""
    return ciede2000(seen(a, vision), seen(b, vision))


def colour_distance_problems(
    colours: Mapping[str, str] | Sequence[str],
    *,
    threshold: float = MIN_COLOUR_DISTANCE,
    visions: Iterable[str] = VISIONS,
    where: str = "",
) -> list[str]:
    """Pairs of series or role colours closer than ``threshold`` (CIEDE2000) in any of
    ``visions``; ``colours`` maps role names to colours (or is a list of colours).
    Two roles in the same colour are always a problem."""
    named = (
        dict(colours)
        if isinstance(colours, Mapping)
        else {f"series {i}": c for i, c in enumerate(colours)}
    )
    hexes = {role: _hex(c) for role, c in named.items()}
    visions = tuple(visions)
    prefix = f"{where}: " if where else ""
    problems = []
    for (ra, ca), (rb, cb) in itertools.combinations(hexes.items(), 2):
        if ca == cb:
            problems.append(f"colour: {prefix}{ra} and {rb} are both {ca}")
            continue
        close = [(v, colour_distance(ca, cb, v)) for v in visions]
        close = [(v, d) for v, d in close if d < threshold]
        if close:
            said = ", ".join(f"{d:.1f} apart in {v} vision" for v, d in close)
            problems.append(
                f"colour: {prefix}{ra} ({ca}) and {rb} ({cb}) are {said} "
                f"(CIEDE2000 < {threshold:g})"
            )
    return problems


def _hex(color: Any) -> str:
    if isinstance(color, str) and re.fullmatch(r"#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?", color):
        return color[:7].lower()
    from manim import ManimColor

    return str(ManimColor.parse(color).to_hex())[:7].lower()


def mark_colours(scene: Any) -> dict[str, str]:
    """The distinct colours of the frame's data marks: ``{colour: first mark drawn in it}``
    (lines and pen dots by stroke, the rest by fill)."""
    found: dict[str, str] = {}
    for kind, mob in data_marks(scene):
        found.setdefault(_mark_colour(kind, mob), f"{type(mob).__name__} ({kind})")
    return found


def colour_problems(scene: Any, beat: str | None = None) -> list[str]:
    """The frame's roles (``scene.colour_roles(beat)``, if the scene declares them) or
    else its data marks' distinct colours, checked by :func:`colour_distance_problems`."""
    roles = getattr(scene, "colour_roles", None)
    if callable(roles):
        return colour_distance_problems(roles(beat))
    named: dict[str, str] = {}
    for color, what in mark_colours(scene).items():
        role, k = what, 1
        while role in named:
            k += 1
            role = f"{what} #{k}"
        named[role] = color
    return colour_distance_problems(named)


# --------------------------------------------------------------------------- 5. marks


def mark_size_px(scene: Any, kind: str, mob: Any) -> float:
    """A data mark's drawn size in px at 480p: a point's diameter, a line's stroke width,
    a bar's width."""
    from manim import Dot, PMobject

    scale = px_per_unit(scene)
    if isinstance(mob, PMobject):
        # Cairo draws each point as a square of stroke_width pixels (of the real frame).
        return float(mob.stroke_width) * REFERENCE_LINES / _pixel_height(scene)
    if kind == "bar" or isinstance(mob, Dot) or (kind == "point" and is_disc_cloud(mob)):
        pts = screen_points(scene, mob)
        if kind == "point" and not isinstance(mob, Dot):
            pts = pts[:16]
        width = float(np.ptp(pts[:, 0])) if len(pts) else 0.0
        return width * scale
    return float(mob.get_stroke_width()) * CAIRO_LINE_WIDTH_MULTIPLE * scale


def _pixel_height(scene: Any) -> float:
    return float(getattr(scene.camera, "pixel_height", REFERENCE_LINES))


def mark_problems(scene: Any) -> list[str]:
    """Points under 3 px across and lines under 2 px wide at 480p. Marks of one type,
    kind and size are one problem (``12 x Line (line), the first at (x, y), are ...``),
    so a hundred thin interval bars do not read as a hundred faults."""
    groups: dict[tuple[str, str, float], list[Any]] = {}
    for kind, mob in data_marks(scene):
        size = mark_size_px(scene, kind, mob)
        least = MIN_POINT_PX if kind == "point" else MIN_LINE_PX
        if size < least - 0.01:
            groups.setdefault((type(mob).__name__, kind, round(size, 1)), []).append(mob)
    problems = []
    for (name, kind, size), mobs in groups.items():
        least = MIN_POINT_PX if kind == "point" else MIN_LINE_PX
        what = "across" if kind == "point" else "wide"
        box = _screen_box(scene, mobs[0])
        at = f"({(box[0] + box[1]) / 2:.2f}, {(box[2] + box[3]) / 2:.2f})" if box else "?"
        if len(mobs) == 1:
            head = f"{name} ({kind}) at {at} is"
        else:
            head = f"{len(mobs)} x {name} ({kind}), the first at {at}, are"
        problems.append(f"marks: {head} {size:.1f} px {what} at 480p (< {least:g} px)")
    return problems


# --------------------------------------------------------------------------- all


def standard_problems(scene: Any, beat: str | None = None) -> list[str]:
    """Every rule's problems for the picture now, rule by rule (see :data:`RULES`)."""
    return (
        glyph_problems(scene)
        + safe_area_problems(scene)
        + typography_problems(scene)
        + colour_problems(scene, beat)
        + mark_problems(scene)
    )


def rule_of(line: str) -> str:
    """The rule a problem line belongs to (``[beat] glyph: ...`` -> ``glyph``)."""
    body = line.split("] ", 1)[1] if line.startswith("[") else line
    return body.split(":", 1)[0]


def check_standard(
    scene_class: type,
    params: Any = None,
    *,
    theme: str = "dark",
    tex_dir: Any = None,
) -> list[str]:
    """Build ``scene_class(params)`` once without video (no frames, no contrast check)
    and return the standard's problems at every beat's end, each ``[beat] rule: ...``;
    a scene that does not build gives one ``[build] error: ...`` line."""
    from scenes.kit.checking import build_checked

    found: list[str] = []

    def observe(scene: Any, beat: Any) -> None:
        found.extend(f"[{beat.name}] {p}" for p in standard_problems(scene, beat.name))

    try:
        build_checked(
            scene_class,
            params,
            theme=theme,
            capture_frames=False,
            min_contrast=None,
            tex_dir=tex_dir,
            observer=observe,
        )
    except Exception as err:  # a report goes on to the next scene
        found.append(f"[build] error: {type(err).__name__}: {err}")
    return found


def distinct_problems(lines: Iterable[str]) -> dict[str, list[str]]:
    """Problem lines by rule, each problem once (the first beat it appears in): a text
    too small in four beats is one problem."""
    by_rule: dict[str, list[str]] = {}
    seen_bodies: set[str] = set()
    for line in lines:
        body = line.split("] ", 1)[1] if line.startswith("[") else line
        if body in seen_bodies:
            continue
        seen_bodies.add(body)
        by_rule.setdefault(rule_of(line), []).append(line)
    return by_rule
