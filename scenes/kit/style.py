"""The house style: one palette, one set of sizes, one layout grid for every scene.

A colour means the same thing everywhere: i-hat is always ``PALETTE.i_hat``, j-hat
always ``PALETTE.j_hat``, eigen-directions ``PALETTE.eigen``. Scenes never name colours or
font sizes directly, so a theme (:mod:`scenes.palettes`) is one palette swap away.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields

from manim import TexTemplate, VMobject, config

from scenes.kit.palettes import DARK, DEFAULT_THEME, THEMES, Palette

#: The palette of the current theme; every scene reads its colours from here.
PALETTE = Palette(**{f.name: getattr(DARK, f.name) for f in fields(Palette)})


def use_theme(name: str) -> None:
    """Make ``name`` (``"dark"`` or ``"light"``) the theme of every scene built from now on.

    Copies the theme's colours into :data:`PALETTE`. In the light theme it also makes
    the theme's text colour Manim's default for any mobject built without a colour
    (Manim's own default, white, is invisible on white); the dark theme restores Manim's
    defaults.
    """
    theme = THEMES[name]
    for f in fields(Palette):
        setattr(PALETTE, f.name, getattr(theme, f.name))
    VMobject.set_default()  # Manim's own defaults (calls do not stack)
    if name != DEFAULT_THEME:
        VMobject.set_default(color=theme.text)


@contextmanager
def theme(name: str) -> Iterator[None]:
    """Build scenes in theme ``name`` inside the block; the default theme after it."""
    use_theme(name)
    try:
        yield
    finally:
        use_theme(DEFAULT_THEME)


#: The LaTeX of every formula. Sub- and superscripts at 90% of the text size and
#: second-level ones at 75% (LaTeX's own 70% and 50% draw a subscript digit 9 px tall
#: at 480p in a label of size 30), so that an index or exponent is as readable from
#: the back of a hall as the symbol it belongs to.
MATH_TEMPLATE = TexTemplate()
MATH_TEMPLATE.add_to_preamble(r"\DeclareMathSizes{10}{10}{9}{7.5}")
config.tex_template = MATH_TEMPLATE

# Font sizes, in Manim's units (48 is MathTex's default). The visual standard
# (:mod:`scenes.kit.standard`) asks every digit and capital to be drawn at least 12 px
# tall at 480p: MathTex draws a digit 0.415 px per unit of font size (a sub- or
# superscript 0.37), Text 0.61. So math is never set under TICK_SIZE, and formulas with
# indices are set at LABEL_SIZE or larger; TEXT_SIZE is for words in Text only.
TITLE_SIZE = 40
BODY_SIZE = 36
LABEL_SIZE = 34
TICK_SIZE = 32  # tick labels and small math: digits 13 px, exponents 12 px at 480p
TEXT_SIZE = 22  # Text (words): capitals 13 px at 480p
HAT_SIZE = 40  # the hat labels of basis vectors

# Layout: everything that carries text or data stays inside the title-safe area, the
# inner 90% of the frame (:data:`scenes.kit.standard.SAFE_FRACTION`): 0.72 units from
# the left and right edges and 0.42 from the top and bottom, with a few hundredths to
# spare. The right-hand panel holds formulas and readouts; the plane gets the rest.
FRAME_MARGIN = 0.72  # left and right
FRAME_MARGIN_Y = 0.42  # top and bottom
PANEL_WIDTH = 3.9


def frame_half_width() -> float:
    """Half the frame's width in scene units (about 7.1 at 16:9)."""
    return float(config.frame_width) / 2


def frame_half_height() -> float:
    """Half the frame's height in scene units (4 at Manim's default)."""
    return float(config.frame_height) / 2


def panel_left() -> float:
    """x of the panel's left edge."""
    return frame_half_width() - FRAME_MARGIN - PANEL_WIDTH


#: Stroke width of lines that carry data (curves, paths, arrows' shafts): 2.4 px at
#: 480p, where the visual standard asks 2 px.
LINE_WIDTH = 4.0

# Plots: tolerance, in plotted units, for drawn geometry against the sidecar numbers,
# and the number of points on a density curve.
GEOMETRY_ATOL = 1e-6
CURVE_POINTS = 241


#: z-index of grids, eigen-lines and other plane pieces that run under the right-hand
#: panel (the panel is at z 0). Defined once; the linear-algebra scenes use it.
UNDER_PANEL_Z = -1
