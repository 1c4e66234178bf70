"""Panel rows that fit the panel's width without shrinking below the checker's smallest
font: formulas, muted remarks, formulas broken over lines, column vectors in LaTeX."""

from __future__ import annotations

from collections.abc import Sequence

from manim import MathTex, Mobject, Text

from scenes.kit.numbers import latex_number
from scenes.kit.style import LABEL_SIZE, PALETTE, PANEL_WIDTH, TEXT_SIZE

#: Smallest font size the checker accepts; panel rows never shrink below it.
MIN_FONT = 20.0


def column_tex(entries: Sequence[float]) -> str:
    """A column 2-vector in LaTeX with every entry formatted for the screen."""
    a, b = (latex_number(x) for x in entries)
    return rf"\begin{{bmatrix}} {a} \\ {b} \end{{bmatrix}}"


def fit_row(m: Mobject, size: float) -> Mobject:
    """Shrink ``m`` (set at font ``size``) to the panel's width if needed, never below
    :data:`MIN_FONT`."""
    if m.width > PANEL_WIDTH:
        m.scale(max(MIN_FONT / size, PANEL_WIDTH / m.width))
    return m


def formula(tex: str, colour: str | None = None, size: float = LABEL_SIZE) -> Mobject:
    """A LaTeX row in ``colour`` (the text colour by default), fitted to the panel."""
    return fit_row(MathTex(tex, font_size=size, color=colour or PALETTE.text), size)


def wrapped(pieces: Sequence[str], colour: str | None = None) -> list[Mobject]:
    """A formula made of ``pieces``, broken into as few panel-wide lines as it needs."""
    whole = MathTex(" ".join(pieces), font_size=LABEL_SIZE, color=colour or PALETTE.text)
    if whole.width <= PANEL_WIDTH:
        return [whole]
    lines: list[str] = []
    for piece in pieces:
        trial = f"{lines[-1]} {piece}" if lines else piece
        if lines and MathTex(trial, font_size=LABEL_SIZE).width <= PANEL_WIDTH:
            lines[-1] = trial
        else:
            lines.append(piece)
    return [formula(line, colour) for line in lines]


def remark(text: str) -> Mobject:
    """Plain words in the muted colour, fitted to the panel."""
    return fit_row(
        Text(text, font_size=TEXT_SIZE, color=PALETTE.muted, line_spacing=0.8), TEXT_SIZE
    )
