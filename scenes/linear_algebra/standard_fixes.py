"""Helpers that keep Vectors, LinearMap, Composition, Inverse and Eigenvectors to the
visual standard (scenes/kit/standard.py) whatever their parameters.

:func:`use_math_template`: ``scenes.kit.style`` sets ``config.tex_template =
MATH_TEMPLATE`` (indices at 90%) when it is first imported. When that first import
happens inside Manim's ``tempconfig`` (the checker's and the renderer's builds), leaving
the block restores Manim's default template, so every later build in the same process
set its indices at 70%: 9.8 px digits at LABEL_SIZE, under the standard's 12 px.
Setting it at the start of ``construct`` makes a build independent of what was built
before it.

:func:`keep_wide`: Manim thins an arrow's shaft with its length
(``max_stroke_width_to_length_ratio``); a basis arrow the map shrinks (a small or zero
column) would be drawn under the standard's 2 px.
"""

from __future__ import annotations

from typing import Any

from manim import Arrow, VMobject, config

from scenes.kit.style import MATH_TEMPLATE

#: Stroke width of lines that carry data: 2.4 px at 480p (the standard asks 2 px).
LINE_WIDTH = 4.0


def use_math_template() -> None:
    """Make the kit's MATH_TEMPLATE the template of the MathTex built from now on."""
    config.tex_template = MATH_TEMPLATE


def keep_wide(*arrows: Arrow, width: float = LINE_WIDTH) -> None:
    """Give each arrow's shaft at least ``width`` (its tip is left as it is)."""
    for arrow in arrows:
        if arrow.get_stroke_width() < width:
            arrow.set_stroke(width=width, family=False)


def wide_dashes(lines: VMobject, width: float = LINE_WIDTH) -> Any:
    """Dashed lines (and every dash in them) at ``width``."""
    lines.set_stroke(width=width)
    return lines


def wide_arrow_maker(make: Any) -> Any:
    """``make(view, tip, colour)`` whose arrows keep a full-width shaft however short."""

    def build(view: Any, tip: Any, colour: Any) -> Arrow:
        arrow = make(view, tip, colour)
        keep_wide(arrow)
        return arrow

    return build
