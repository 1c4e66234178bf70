"""Legend rows and their swatches: a bar, a line or a dot beside a label."""

from __future__ import annotations

from manim import LEFT, RIGHT, Dot, Line, Mobject, Rectangle, Text, VGroup

from scenes.kit.style import PALETTE, TEXT_SIZE


def legend_row(swatch: Mobject, text: str | Mobject) -> VGroup:
    """A swatch with its label to the right (plain text unless a mobject is given)."""
    label = Text(text, font_size=TEXT_SIZE, color=PALETTE.text) if isinstance(text, str) else text
    return VGroup(swatch, label).arrange(RIGHT, buff=0.2)


def bar_swatch(color: str) -> Rectangle:
    """A small filled box: the swatch of histogram bars."""
    return Rectangle(
        width=0.3,
        height=0.22,
        stroke_color=color,
        stroke_width=1,
        fill_color=color,
        fill_opacity=0.5,
    )


def line_swatch(color: str) -> Line:
    """A short stroke: the swatch of a curve."""
    return Line(LEFT * 0.15, RIGHT * 0.15, stroke_color=color, stroke_width=4)


def dot_swatch(color: str) -> Dot:
    """A dot: the swatch of a dot cloud."""
    return Dot(radius=0.07, color=color)
