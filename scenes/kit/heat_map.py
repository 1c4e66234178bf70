"""Heat maps: a table of numbers drawn as coloured cells, with a colour scale and its bar.

A :class:`ColourScale` maps a value to a colour by linear interpolation in sRGB between
evenly spaced anchor colours (as matplotlib's ``LinearSegmentedColormap`` does). Two
scales cover the tables of this project:

- :func:`sequential_scale` for counts and probabilities (0 to the largest): viridis
  (van der Walt and Smith 2015), whose lightness rises monotonically, so it reads in
  grey and for colour-blind viewers.
- :func:`diverging_scale` for signed values such as correlations (-limit to +limit):
  blue through a neutral middle to orange, the Okabe-Ito pair that stays apart under
  deuteranopia and protanopia. The middle is the theme's: dark grey on the dark theme
  (zero fades into the background, as in matplotlib's dark-centred "berlin"), light grey
  on the light one.

:class:`HeatMap` draws the cells (``Rectangle``: shapes, so the checker's colour rule
judges them as areas, not as series), optional numbers in the cells, written in
whichever of the theme's text and background colours contrasts more with the cell, and
row and column labels. :func:`colour_bar` draws a scale's legend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import LEFT, RIGHT, UP, MathTex, Mobject, Rectangle, Text, VGroup
from numpy.typing import ArrayLike

from scenes.kit.numbers import latex_number
from scenes.kit.palettes import contrast_ratio, relative_luminance
from scenes.kit.style import PALETTE, TEXT_SIZE, TICK_SIZE

#: viridis at 9 evenly spaced points (matplotlib's ``_viridis_data`` at 0, 1/8, ..., 1).
VIRIDIS = (
    "#440154",
    "#472d7b",
    "#3b528b",
    "#2c728e",
    "#21918c",
    "#28ae80",
    "#5ec962",
    "#addc30",
    "#fde725",
)
#: Ends of the diverging scale on each theme: (negative, positive), Okabe-Ito blues and
#: oranges (sky blue and orange on the dark background, blue and vermillion on light).
DIVERGING_ENDS = {"dark": ("#56b4e9", "#e69f00"), "light": ("#0072b2", "#d55e00")}
#: The diverging scale's neutral middle on each theme.
DIVERGING_MIDDLE = {"dark": "#252b38", "light": "#f2f2f2"}


def _rgb(colour: str) -> np.ndarray:
    h = colour.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)], dtype=float) / 255


def _hex(rgb: np.ndarray) -> str:
    r, g, b = (round(255 * float(c)) for c in np.clip(rgb, 0.0, 1.0))
    return f"#{r:02x}{g:02x}{b:02x}"


def _theme() -> str:
    """The current theme's name, read off the palette's background."""
    return "dark" if relative_luminance(PALETTE.background) < 0.5 else "light"


@dataclass(frozen=True)
class ColourScale:
    """Values from ``low`` to ``high`` mapped onto ``anchors`` (evenly spaced colours,
    interpolated linearly in sRGB); values outside are clipped to the ends."""

    anchors: tuple[str, ...]
    low: float
    high: float

    def __post_init__(self) -> None:
        if len(self.anchors) < 2:
            raise ValueError("a colour scale needs at least two anchor colours")
        if not self.high > self.low:
            raise ValueError(f"a colour scale needs low < high, got {self.low}, {self.high}")

    def position(self, value: float) -> float:
        """Where ``value`` falls on the scale, 0 at ``low`` and 1 at ``high`` (clipped)."""
        return float(np.clip((value - self.low) / (self.high - self.low), 0.0, 1.0))

    def colour(self, value: float) -> str:
        """The ``#rrggbb`` colour of ``value``."""
        if not np.isfinite(value):
            raise ValueError(f"cannot colour non-finite value {value!r}")
        t = self.position(value) * (len(self.anchors) - 1)
        i = min(int(np.floor(t)), len(self.anchors) - 2)
        a, b = _rgb(self.anchors[i]), _rgb(self.anchors[i + 1])
        return _hex(a + (t - i) * (b - a))


def sequential_scale(high: float, low: float = 0.0) -> ColourScale:
    """viridis from ``low`` (dark purple) to ``high`` (yellow)."""
    return ColourScale(VIRIDIS, low, high)


def diverging_scale(limit: float = 1.0) -> ColourScale:
    """From ``-limit`` (blue) through the theme's neutral middle (at 0) to ``+limit``
    (orange), on the current theme."""
    negative, positive = DIVERGING_ENDS[_theme()]
    middle = DIVERGING_MIDDLE[_theme()]
    a, m, b = _rgb(negative), _rgb(middle), _rgb(positive)
    # Five anchors per half, so that the sRGB path bends through the middle evenly.
    half = [_hex(a + s * (m - a)) for s in (0.0, 0.25, 0.5, 0.75)]
    other = [_hex(m + s * (b - m)) for s in (0.25, 0.5, 0.75, 1.0)]
    return ColourScale((*half, _hex(m), *other), -limit, limit)


def readable_on(fill: str) -> str:
    """The colour a number inside a cell of ``fill`` is written in: the theme's text or
    background colour, or black or white, whichever contrasts most with ``fill``
    (black or white always reach 4.58:1, above WCAG AA's 4.5:1)."""
    candidates = (PALETTE.text, PALETTE.background, "#000000", "#ffffff")
    return max(candidates, key=lambda c: contrast_ratio(c, fill))


class HeatMap(VGroup):
    """A ``rows x columns`` table of ``values`` as cells of ``cell_width`` by
    ``cell_height`` (default square), coloured by ``scale``, row 0 at the top.

    ``digits``: write each value in its cell with :func:`latex_number` to that many
    decimals (``None``: no numbers). ``row_labels`` (left of the rows) and
    ``column_labels`` (above the columns, turned upright when ``upright_columns``) are
    words, set in Pango text. The submobjects are ``cells`` (row-major), ``numbers``
    (row-major, empty without ``digits``), ``row_labels`` and ``column_labels``.
    """

    def __init__(
        self,
        values: ArrayLike,
        scale: ColourScale,
        cell_width: float,
        cell_height: float | None = None,
        *,
        digits: int | None = None,
        number_size: float = TICK_SIZE,
        row_labels: Sequence[str] = (),
        column_labels: Sequence[str] = (),
        upright_columns: bool = False,
        label_size: float = TEXT_SIZE,
    ) -> None:
        super().__init__()
        table = np.asarray(values, dtype=float)
        if table.ndim != 2 or table.size == 0:
            raise ValueError(f"a heat map needs a non-empty 2-D table, got shape {table.shape}")
        n_rows, n_cols = table.shape
        if row_labels and len(row_labels) != n_rows:
            raise ValueError(f"{len(row_labels)} row labels for {n_rows} rows")
        if column_labels and len(column_labels) != n_cols:
            raise ValueError(f"{len(column_labels)} column labels for {n_cols} columns")
        self.values = table
        self.colour_scale = scale
        self.digits = digits
        self.number_size = number_size
        self.cell_width = cell_width
        self.cell_height = cell_width if cell_height is None else cell_height
        self.shape = (n_rows, n_cols)

        self.cells = VGroup()
        for i in range(n_rows):
            for j in range(n_cols):
                cell = Rectangle(
                    width=self.cell_width,
                    height=self.cell_height,
                    stroke_color=PALETTE.grid_faint,
                    stroke_width=1.5,
                    fill_color=scale.colour(table[i, j]),
                    fill_opacity=1.0,
                )
                cell.move_to(
                    [
                        (j - (n_cols - 1) / 2) * self.cell_width,
                        ((n_rows - 1) / 2 - i) * self.cell_height,
                        0,
                    ]
                )
                self.cells.add(cell)
        self.numbers = VGroup(*(self._number(i, j) for i in range(n_rows) for j in range(n_cols)))
        if digits is None:
            self.numbers = VGroup()
        self.row_labels = VGroup(
            *(
                Text(text, font_size=label_size, color=PALETTE.text).next_to(
                    self.cell(i, 0), LEFT, buff=0.12
                )
                for i, text in enumerate(row_labels)
            )
        )
        self.column_labels = VGroup()
        for j, text in enumerate(column_labels):
            label = Text(text, font_size=label_size, color=PALETTE.text)
            if upright_columns:
                label.rotate(np.pi / 2)
            self.column_labels.add(label.next_to(self.cell(0, j), UP, buff=0.12))
        self.add(self.cells, self.numbers, self.row_labels, self.column_labels)

    def _number(self, i: int, j: int) -> Mobject:
        value = float(self.values[i, j])
        if self.digits is None:
            return VGroup()
        colour = readable_on(self.colour_scale.colour(value))
        return MathTex(
            latex_number(value, self.digits), color=colour, font_size=self.number_size
        ).move_to(self.cell(i, j))

    def cell(self, i: int, j: int) -> Rectangle:
        """The cell of row ``i``, column ``j``."""
        cell: Rectangle = self.cells[i * self.shape[1] + j]
        return cell

    def row(self, i: int) -> VGroup:
        """The cells of row ``i``, left to right."""
        return VGroup(*(self.cell(i, j) for j in range(self.shape[1])))

    def column(self, j: int) -> VGroup:
        """The cells of column ``j``, top to bottom."""
        return VGroup(*(self.cell(i, j) for i in range(self.shape[0])))

    def cell_colours(self) -> np.ndarray:
        """The drawn fill colours (``#rrggbb``), as a ``rows x columns`` array."""
        colours = [c.get_fill_color().to_hex().lower() for c in self.cells]
        return np.array(colours).reshape(self.shape)

    def recoloured(self, values: ArrayLike) -> HeatMap:
        """A heat map of new ``values`` (same shape, scale, sizes and labels) in this one's
        place: the target of a ``Transform`` that recolours the cells and rewrites the
        numbers (e.g. a joint table turned into a conditional one)."""
        table = np.asarray(values, dtype=float)
        if table.shape != self.shape:
            raise ValueError(f"recoloured needs shape {self.shape}, got {table.shape}")
        target = self.copy()
        target.values = table
        for i in range(self.shape[0]):
            for j in range(self.shape[1]):
                target.cell(i, j).set_fill(self.colour_scale.colour(table[i, j]), opacity=1.0)
        if self.digits is not None:
            numbers = VGroup(
                *(target._number(i, j) for i in range(self.shape[0]) for j in range(self.shape[1]))
            )
            target.numbers.become(numbers)
        return target


def colour_bar(
    scale: ColourScale,
    height: float,
    ticks: Sequence[float],
    *,
    width: float = 0.3,
    digits: int = 2,
    steps: int = 48,
) -> VGroup:
    """A vertical bar of ``scale`` from ``low`` (bottom) to ``high`` (top), ``height``
    tall, drawn as ``steps`` bands, with ``ticks`` written to its right. The submobjects
    are ``bands`` and ``labels``."""
    bands = VGroup()
    band = height / steps
    for k in range(steps):
        value = scale.low + (k + 0.5) / steps * (scale.high - scale.low)
        bands.add(
            Rectangle(
                width=width,
                height=band,
                stroke_width=0,
                fill_color=scale.colour(value),
                fill_opacity=1.0,
            ).move_to([0, -height / 2 + (k + 0.5) * band, 0])
        )
    outline = Rectangle(width=width, height=height, stroke_color=PALETTE.muted, stroke_width=2)
    labels = VGroup()
    for t in ticks:
        y = -height / 2 + scale.position(t) * height
        label = MathTex(latex_number(t, digits), color=PALETTE.text, font_size=TICK_SIZE)
        labels.add(label.next_to([width / 2, y, 0], RIGHT, buff=0.12))
    bar = VGroup(bands, outline, labels)
    bar.bands, bar.labels = bands, labels  # type: ignore[attr-defined]
    return bar
