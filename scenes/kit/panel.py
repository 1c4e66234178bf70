"""Panel pieces: matrix rows, a fit-to-panel helper, the panel's row stack and a
bounding-box overlap test.

One :func:`matrix_row` serves every scene; the scenes used to hold four copies with
different spacings, and those spacings are parameters here (each call site passes its
old values, so the pictures are unchanged).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from manim import RIGHT, MathTex, Matrix, Mobject, VGroup

from scenes.kit.builders import stack
from scenes.kit.numbers import format_number
from scenes.kit.style import FRAME_MARGIN_Y, PALETTE, PANEL_WIDTH, frame_half_height

Rows = Sequence[Sequence[float]]


def matrix_entry(x: float) -> str:
    """A matrix entry: two decimals, or up to four when that shows it exactly (so
    1.0001 is not shown as 1, which would make an invertible matrix look singular)."""
    for digits in (2, 3, 4):
        text = format_number(x, digits, scientific=False)
        if float(text) == x:
            return text
    return format_number(x, scientific=False)


def rounded_entry(x: float) -> str:
    """A matrix entry rounded for the panel (``format_number`` without exponents)."""
    return format_number(x, scientific=False)


def matrix_row(
    label: str | Sequence[str],
    rows: Rows,
    *,
    size: float,
    colours: Sequence[str] | None = None,
    entry: Callable[[float], str] = rounded_entry,
    h_buff: tuple[float, float] = (0.4, 0.12),
    v_buff: float = 0.45,
    bracket_h_buff: float | None = None,
    after: str = "",
    buff: float = 0.2,
    fit: bool = True,
) -> VGroup:
    """``label [matrix] after`` for the panel.

    ``label`` is one TeX string or several (typeset as parts of one ``MathTex``);
    ``colours`` colours the matrix's columns (``None``: entries in the text colour);
    the column gap is ``h_buff[0] + h_buff[1] * (longest entry's length)``; ``fit``
    shrinks the row to the panel's width when it is wider.
    """
    entries = [[entry(x) for x in row] for row in rows]
    longest = max(len(e) for row in entries for e in row)
    extra: dict[str, Any] = {}
    if bracket_h_buff is not None:
        extra["bracket_h_buff"] = bracket_h_buff
    matrix = Matrix(
        entries,
        element_to_mobject=lambda s: MathTex(s, font_size=size),
        h_buff=h_buff[0] + h_buff[1] * longest,
        v_buff=v_buff,
        **extra,
    )
    if colours is None:
        matrix.get_entries().set_color(PALETTE.text)
    else:
        for column, colour in zip(matrix.get_columns(), colours, strict=True):
            column.set_color(colour)
    matrix.get_brackets().set_color(PALETTE.text)
    parts = [label] if isinstance(label, str) else list(label)
    row = VGroup(MathTex(*parts, font_size=size, color=PALETTE.text), matrix)
    if after:
        row.add(MathTex(after, font_size=size, color=PALETTE.text))
    row.arrange(RIGHT, buff=buff)
    if fit:
        fit_panel(row)
    return row


def fit_panel(mob: Mobject) -> Mobject:
    """Shrink ``mob`` to the panel's width if it is wider."""
    if mob.width > PANEL_WIDTH:
        mob.scale_to_fit_width(PANEL_WIDTH)
    return mob


def touching(a: Any, b: Any, margin: float = 0.05) -> bool:
    """True when the bounding boxes of ``a`` and ``b`` come within ``margin``."""
    return bool(
        a.get_left()[0] < b.get_right()[0] + margin
        and b.get_left()[0] < a.get_right()[0] + margin
        and a.get_bottom()[1] < b.get_top()[1] + margin
        and b.get_bottom()[1] < a.get_top()[1] + margin
    )


def panel_stack(rows: Sequence[Any], left: float, gap: float = 0.25) -> None:
    """Stack the panel's rows from the top; the gaps shrink (to 0.1) so the last row
    stays above the frame's bottom margin."""
    top = frame_half_height() - FRAME_MARGIN_Y - 0.05
    room = top - (-frame_half_height() + FRAME_MARGIN_Y)
    filled = sum(r.height for r in rows)
    if len(rows) > 1 and filled + gap * (len(rows) - 1) > room:
        gap = max(0.1, (room - filled) / (len(rows) - 1))
    stack(rows, top=top, left=left, gap=gap)
