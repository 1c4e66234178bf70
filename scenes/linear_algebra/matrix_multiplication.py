"""Multiplying two matrices.

Render it with plain Manim:
``manim -pql scenes/linear_algebra/matrix_multiplication.py MatrixMultiplication``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    MathTex,
    Mobject,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
    VMobject,
    Write,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/...`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz.matrix_products import ProductSummary, summarize_product
from scenes.kit.coords import Coords
from scenes.kit.panel import rounded_entry
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN,
    FRAME_MARGIN_Y,
    LABEL_SIZE,
    LINE_WIDTH,
    PALETTE,
    TICK_SIZE,
    frame_half_height,
    frame_half_width,
)
from scenes.linear_algebra.params import MatrixMultiplicationParams

# Layout of the product scheme (scene units). A sits bottom left, B top right and AB
# below B and right of A, so entry (i, j) of AB is in A's row i and B's column j.
ROW_PITCH = 0.55  # between the centres of two rows
COLUMN_GAP = 0.32  # between the widest entries of two neighbouring columns
BRACKET_PAD_X = 0.24  # from a bracket to its widest entry (a highlight fits between)
BRACKET_PAD_Y = 0.14
HIGHLIGHT_BUFF = 0.06  # from a highlighted row, column or entry to its box
BRACKET_ARM = 0.1  # the short horizontal strokes of a bracket
BLOCK_GAP = 0.4  # between the left and the right block, and the top and bottom band
LABEL_GAP = 0.18  # from a matrix label to its bracket
#: Font size of the entries at scale 1, and the height of a digit's box there.
ENTRY_SIZE = TICK_SIZE
ENTRY_HEIGHT = 0.25
#: Largest enlargement of the scheme when it has room (small matrices read larger).
MAX_SCALE = 1.4
#: Room kept at the bottom of the frame for the formula strip (three lines).
STRIP_HEIGHT = 1.75
STRIP_LINE_GAP = 0.12
#: Room allowed between two pieces of a strip formula when measuring a line.
PIECE_SPACE = 0.12
#: Digits shown for entries, terms and sums (two decimals, as every matrix panel).
shown = rounded_entry


def safe_left() -> float:
    return -frame_half_width() + FRAME_MARGIN


def safe_width() -> float:
    return 2 * (frame_half_width() - FRAME_MARGIN)


def column_colours(count: int) -> list[str]:
    """One colour per column of the left factor in the column picture: Okabe-Ito
    colours other than the highlight's (the accent is series 0)."""
    return [PALETTE.series[i] for i in (1, 2, 3, 5)][:count]


def factor(x: float) -> str:
    """An entry as a factor or a term after a plus sign (on screen and in captions):
    negative numbers in parentheses."""
    text = shown(x)
    return f"({text})" if text.startswith("-") else text


@dataclass
class Block:
    """One matrix of the scheme: its entries (row by row), its brackets, and the grid
    that puts entry (r, c) at plotted (c, r)."""

    values: np.ndarray
    entries: list[list[MathTex]]
    brackets: VGroup
    grid: Coords

    @property
    def group(self) -> VGroup:
        return VGroup(*(e for row in self.entries for e in row), self.brackets)

    def column(self, c: int) -> VGroup:
        return VGroup(*(row[c] for row in self.entries))

    def row(self, r: int) -> VGroup:
        return VGroup(*self.entries[r])


@dataclass
class Scheme:
    """The product laid out: ``left`` times ``top`` is ``product``, with labels."""

    left: Block
    top: Block
    product: Block
    left_label: MathTex
    top_label: MathTex
    product_label: MathTex

    @property
    def group(self) -> VGroup:
        return VGroup(
            self.left.group,
            self.top.group,
            self.product.group,
            self.left_label,
            self.top_label,
            self.product_label,
        )


def brackets(left: float, right: float, top: float, bottom: float, arm: float) -> VGroup:
    """Square brackets from ``left`` to ``right`` spanning ``top`` to ``bottom``."""

    def bracket(x: float, reach: float) -> VMobject:
        line = VMobject(stroke_color=PALETTE.text, stroke_width=LINE_WIDTH)
        line.set_points_as_corners(
            [[x + reach, top, 0.0], [x, top, 0.0], [x, bottom, 0.0], [x + reach, bottom, 0.0]]
        )
        return line

    return VGroup(bracket(left, arm), bracket(right, -arm))


def entry_tex(x: float, size: float = ENTRY_SIZE) -> MathTex:
    """One matrix entry as the screen shows it."""
    return MathTex(shown(x), font_size=size, color=PALETTE.text)


def block(values: np.ndarray, grid: Coords, widest: float, scale: float) -> Block:
    """``values`` with entry (r, c) centred on ``grid``'s (c, r), in brackets."""
    rows, cols = values.shape
    size = ENTRY_SIZE * scale
    entries = [
        [entry_tex(values[r, c], size).move_to(grid.c2p((c, r))) for c in range(cols)]
        for r in range(rows)
    ]
    first, last = grid.c2p((0, 0)), grid.c2p((cols - 1, rows - 1))
    pad_x, pad_y = BRACKET_PAD_X * scale, BRACKET_PAD_Y * scale
    half_height = ENTRY_HEIGHT * scale / 2
    frame = brackets(
        first[0] - widest / 2 - pad_x,
        last[0] + widest / 2 + pad_x,
        first[1] + half_height + pad_y,
        last[1] - half_height - pad_y,
        BRACKET_ARM * scale,
    )
    return Block(values=values, entries=entries, brackets=frame, grid=grid)


def label(tex: str, scale: float = 1.0) -> MathTex:
    """A matrix's name beside it."""
    return MathTex(tex, font_size=LABEL_SIZE * scale, color=PALETTE.text)


@functools.cache
def _tex_width(tex: str, size: float) -> float:
    """Width of ``tex`` typeset at ``size`` (widths are looked up, not typeset again)."""
    return float(MathTex(tex, font_size=size).width)


def _widest(values: Sequence[np.ndarray]) -> float:
    return max(_tex_width(shown(x), ENTRY_SIZE) for v in values for x in np.ravel(v))


def scheme_size(
    left: np.ndarray, top: np.ndarray, product: np.ndarray, names: tuple[str, str, str]
) -> tuple[float, float]:
    """Width and height of the scheme (labels included) at scale 1."""
    m, k = left.shape
    n = top.shape[1]
    left_w = k * (_widest([left]) + COLUMN_GAP) - COLUMN_GAP + 2 * BRACKET_PAD_X
    right_w = n * (_widest([top, product]) + COLUMN_GAP) - COLUMN_GAP + 2 * BRACKET_PAD_X
    lead = label(names[0]).width + LABEL_GAP
    width = max(lead + left_w + BLOCK_GAP + right_w, label(names[2]).width)
    band = ENTRY_HEIGHT + 2 * BRACKET_PAD_Y
    height = (k + m - 2) * ROW_PITCH + 2 * band + BLOCK_GAP + LABEL_GAP + label(names[2]).height
    return width, height


def scheme_region() -> tuple[float, float]:
    """Top and bottom of the frame's part above the formula strip."""
    top = frame_half_height() - FRAME_MARGIN_Y - 0.05
    return top, -frame_half_height() + FRAME_MARGIN_Y + STRIP_HEIGHT


def layout_scheme(
    left: np.ndarray,
    top: np.ndarray,
    product: np.ndarray,
    names: tuple[str, str, str],
    scale: float | None = None,
) -> Scheme:
    """``left`` (m x k) bottom left, ``top`` (k x n) top right and ``product`` (m x n)
    bottom right, labelled ``names``, centred above the formula strip; ``scale``
    (default: as large as fits, between 1 and :data:`MAX_SCALE`) multiplies every size."""
    if scale is None:
        width, height = scheme_size(left, top, product, names)
        region_top, region_bottom = scheme_region()
        scale = min(MAX_SCALE, safe_width() / width, (region_top - region_bottom - 0.2) / height)
        scale = max(1.0, scale)
    m, k = left.shape
    n = top.shape[1]
    left_widest = _widest([left]) * scale
    right_widest = _widest([top, product]) * scale
    gap, pad_x, pad_y = COLUMN_GAP * scale, BRACKET_PAD_X * scale, BRACKET_PAD_Y * scale
    row_pitch, block_gap = ROW_PITCH * scale, BLOCK_GAP * scale
    left_label, top_label, product_label = (label(t, scale) for t in names)
    left_w = k * (left_widest + gap) - gap + 2 * pad_x
    right_w = n * (right_widest + gap) - gap + 2 * pad_x
    lead = left_label.width + LABEL_GAP * scale
    x0 = -(lead + left_w + block_gap + right_w) / 2 + lead  # the left block's left bracket
    band = ENTRY_HEIGHT * scale + 2 * pad_y
    top_h = (k - 1) * row_pitch + band
    bottom_h = (m - 1) * row_pitch + band
    total_h = top_h + block_gap + bottom_h + LABEL_GAP * scale + product_label.height
    region_top, region_bottom = scheme_region()
    y_top = min(region_top, (region_top + region_bottom) / 2 + total_h / 2)
    first_top_row = y_top - pad_y - ENTRY_HEIGHT * scale / 2
    first_bottom_row = first_top_row - top_h - block_gap
    right_x0 = x0 + left_w + block_gap  # the right block's left bracket

    def grid(x_first: float, y_first: float, col_pitch: float) -> Coords:
        return Coords(
            np.array([x_first, y_first, 0.0]),
            np.array([col_pitch, 0.0, 0.0]),
            np.array([0.0, -row_pitch, 0.0]),
        )

    left_grid = grid(x0 + pad_x + left_widest / 2, first_bottom_row, left_widest + gap)
    right_first = right_x0 + pad_x + right_widest / 2
    left_block = block(left, left_grid, left_widest, scale)
    top_block = block(
        top, grid(right_first, first_top_row, right_widest + gap), right_widest, scale
    )
    product_block = block(
        product, grid(right_first, first_bottom_row, right_widest + gap), right_widest, scale
    )
    left_label.next_to(left_block.brackets, LEFT, buff=LABEL_GAP * scale)
    top_label.next_to(top_block.brackets, LEFT, buff=LABEL_GAP * scale)
    product_label.next_to(product_block.brackets, DOWN, buff=LABEL_GAP * scale)
    keep_inside(product_label)
    return Scheme(left_block, top_block, product_block, left_label, top_label, product_label)


def keep_inside(mob: Mobject) -> None:
    """Shift ``mob`` sideways into the title-safe width."""
    lo, hi = safe_left(), safe_left() + safe_width()
    if mob.get_right()[0] > hi:
        mob.shift((hi - mob.get_right()[0]) * RIGHT)
    if mob.get_left()[0] < lo:
        mob.shift((lo - mob.get_left()[0]) * RIGHT)


def strip(pieces: Sequence[str], colours: Sequence[str | None] | None = None) -> VGroup:
    """A formula of ``pieces`` (each coloured by ``colours``), broken into as few lines
    of the safe width as it needs, stacked and centred at the bottom of the frame."""
    colours = list(colours) if colours is not None else [None] * len(pieces)
    whole = MathTex(*pieces, font_size=LABEL_SIZE, color=PALETTE.text)  # one LaTeX run
    widths = [part.width for part in whole]
    lines: list[list[int]] = []
    for index in range(len(pieces)):
        trial = [*lines[-1], index] if lines else [index]
        # the pieces' own widths and a thin space between them: a slight overestimate
        width = sum(widths[i] for i in trial) + PIECE_SPACE * (len(trial) - 1)
        if lines and width <= safe_width():
            lines[-1] = trial
        else:
            lines.append([index])
    if len(lines) == 1:
        lines_tex = [whole]
    else:
        lines_tex = [
            MathTex(*(pieces[i] for i in line), font_size=LABEL_SIZE, color=PALETTE.text)
            for line in lines
        ]
    rows = VGroup()
    for line, tex in zip(lines, lines_tex, strict=True):
        for part, i in zip(tex, line, strict=True):
            if colours[i] is not None:
                part.set_color(colours[i])
        rows.add(tex)
    rows.arrange(DOWN, aligned_edge=LEFT, buff=STRIP_LINE_GAP)
    top = -frame_half_height() + FRAME_MARGIN_Y + STRIP_HEIGHT - 0.1
    rows.move_to([0.0, top - rows.height / 2, 0.0])
    return rows


def detailed_entries(m: int, n: int) -> list[tuple[int, int]]:
    """The entries worked out term by term: (1, 1), (1, 2) and (m, n), when they exist."""
    chosen: list[tuple[int, int]] = [(0, 0)]
    for cell in ((0, 1), (m - 1, n - 1)):
        if cell[0] < m and cell[1] < n and cell not in chosen:
            chosen.append(cell)
    return chosen


@dataclass
class ProductPicture:
    """What MatrixMultiplication draws, for its beats, invariants and tests."""

    summary: ProductSummary
    scheme: Scheme  # A, B and AB
    detailed: list[tuple[int, int]]  # entries worked out term by term, in order
    shown_entries: set[tuple[int, int]] = field(default_factory=set)  # of AB, drawn so far
    strip: VGroup = field(default_factory=VGroup)  # the formula at the bottom
    # the entry worked out at this beat: (i, j), and the row/column/entry highlights
    focus: tuple[int, int] | None = None
    highlights: VGroup = field(default_factory=VGroup)
    column: int | None = None  # the column of AB shown as a combination of A's columns
    strip_numbers: list[float] = field(default_factory=list)  # the strip's numbers, in order
    transposed: Scheme | None = None  # B^T, A^T and (AB)^T, after the last beat


class MatrixMultiplication(MathScene):
    """Multiplying two matrices.

    Each entry of AB is a row of A dotted with a column of B, each column of AB is A
    times a column of B, a combination of A's columns, and transposing reverses the
    order: (AB)^T = B^T A^T.
    """

    params_type = MatrixMultiplicationParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_factors()  # A and B placed so that AB's entries sit where rows meet columns
        for i, j in self.picture.detailed:
            self.work_out_entry(i, j)  # row i of A dotted with column j of B
        self.fill_in()  # the other entries, the same way
        for j in range(self.picture.summary.shape[1]):
            self.column_picture(j)  # column j of AB = A times column j of B
        self.transpose()  # (AB)^T = B^T A^T

    def build_picture(self) -> ProductPicture:
        """The numbers from mlmath_viz and the scheme (placed, not shown)."""
        p = self.params
        summary = summarize_product(p.left, p.right)
        self.data = summary.to_json()
        m, n = summary.shape
        detailed = detailed_entries(m, n)
        self.data["detailed_entries"] = [list(cell) for cell in detailed]
        scheme = layout_scheme(summary.left, summary.right, summary.product, ("A", "B", "AB"))
        return ProductPicture(summary=summary, scheme=scheme, detailed=detailed)

    def show_factors(self) -> None:
        # A and B placed so that each entry of AB sits where a row of A meets a column of B.
        pic = self.picture
        s, scheme = pic.summary, pic.scheme
        (m, k), n = s.left.shape, s.shape[1]
        self.beat(
            "factors",
            f"A is {m}x{k} and B is {k}x{n}: a row of A and a column of B both have {k} "
            f"entries, so AB is defined, with {m} rows and {n} columns.",
        )
        pic.strip = strip(
            [rf"{m}\times {k}", r"\text{ times }", rf"{k}\times {n}", rf"\;\to\; {m}\times {n}"]
        )
        self.play(
            Write(scheme.left.group),
            Write(scheme.top.group),
            FadeIn(scheme.left_label, scheme.top_label),
            run_time=1.2,
        )
        self.play(
            FadeIn(scheme.product.brackets, scheme.product_label), FadeIn(pic.strip), run_time=0.8
        )

    def _highlight(self, i: int, j: int) -> VGroup:
        scheme = self.picture.scheme
        return VGroup(
            SurroundingRectangle(scheme.left.row(i), color=PALETTE.accent, buff=HIGHLIGHT_BUFF),
            SurroundingRectangle(scheme.top.column(j), color=PALETTE.accent, buff=HIGHLIGHT_BUFF),
            SurroundingRectangle(
                scheme.product.entries[i][j], color=PALETTE.accent, buff=HIGHLIGHT_BUFF
            ),
        )

    def work_out_entry(self, i: int, j: int) -> None:
        # Entry (i, j) of AB: row i of A dotted with column j of B, term by term.
        pic = self.picture
        s = pic.summary
        a_row, b_col = s.left[i], s.right[:, j]
        terms, value = s.terms[i, j], s.product[i, j]
        products = " + ".join(
            f"{factor(a)} × {factor(b)}" for a, b in zip(a_row, b_col, strict=True)
        )
        self.beat(
            f"entry_{i + 1}_{j + 1}",
            f"Entry ({i + 1}, {j + 1}) of AB is row {i + 1} of A dotted with column {j + 1} "
            f"of B: {products} = {shown(value)}.",
        )
        pieces = [rf"(AB)_{{{i + 1}{j + 1}}} ="]
        pieces += [
            ("" if t == 0 else "+ ") + rf"{factor(a)} \cdot {factor(b)}"
            for t, (a, b) in enumerate(zip(a_row, b_col, strict=True))
        ]
        numbers = [float(x) for pair in zip(a_row, b_col, strict=True) for x in pair]
        if len(terms) > 1:
            pieces += [("= " if t == 0 else "+ ") + factor(x) for t, x in enumerate(terms)]
            numbers += [float(x) for x in terms]
        pieces.append(rf"= {shown(value)}")
        numbers.append(float(value))
        new_strip = strip(pieces)
        new_highlights = self._highlight(i, j)
        entry = pic.scheme.product.entries[i][j]
        old = [m for m in (pic.strip, pic.highlights) if len(m.submobjects)]
        self.play(
            *(FadeOut(m) for m in old),
            FadeIn(new_highlights),
            FadeIn(new_strip),
            run_time=self.params.step_time,
        )
        self.play(FadeIn(entry, shift=0.2 * UP), run_time=0.6)
        pic.strip, pic.highlights, pic.focus = new_strip, new_highlights, (i, j)
        pic.strip_numbers = numbers
        pic.shown_entries.add((i, j))

    def fill_in(self) -> None:
        # The other entries, each a row of A dotted with a column of B.
        pic = self.picture
        m, n = pic.summary.shape
        rest = [(i, j) for i in range(m) for j in range(n) if (i, j) not in pic.shown_entries]
        if not rest:
            return
        if len(rest) == 1:
            ((i, j),) = rest
            what = f"The last entry, ({i + 1}, {j + 1}), is"
        else:
            what = f"The other {len(rest)} entries are"
        self.beat(
            "fill",
            f"{what} filled in the same way: row i of A dotted with column j of B gives "
            f"entry (i, j) of AB.",
        )
        self.play(
            FadeOut(pic.highlights),
            FadeOut(pic.strip),
            *(FadeIn(pic.scheme.product.entries[i][j]) for i, j in rest),
            run_time=self.params.step_time,
        )
        pic.highlights, pic.strip, pic.focus = VGroup(), VGroup(), None
        pic.strip_numbers = []
        pic.shown_entries.update(rest)

    def column_picture(self, j: int) -> None:
        # Column j of AB is A times column j of B: B's entries weight A's columns.
        pic = self.picture
        s, scheme = pic.summary, pic.scheme
        k = s.inner
        colours = column_colours(k)
        weights, column = s.column_weights[j], s.columns[j]
        combination = " plus ".join(
            f"{factor(w)} times column {t + 1} of A" for t, w in enumerate(weights)
        )
        column_text = ", ".join(shown(x) for x in column)
        if len(column) > 1:
            column_text = f"({column_text})"
        self.beat(
            f"column_{j + 1}",
            f"Column {j + 1} of AB is A times column {j + 1} of B: {combination} is {column_text}.",
        )
        pieces = [rf"\text{{column }} {j + 1} \text{{ of }} AB ="]
        piece_colours: list[str | None] = [None]
        for t, w in enumerate(weights):
            pieces += [(r"" if t == 0 else "+ ") + factor(w), rf"a_{{{t + 1}}}"]
            piece_colours += [colours[t], colours[t]]
        if len(column) == 1:  # a 1x1 column is a number
            pieces.append(rf"= {shown(column[0])}")
        else:
            pieces.append(r"= (" + r",\ ".join(shown(x) for x in column) + r")^{\mathsf T}")
        piece_colours.append(None)
        pieces.append(r",\quad a_t = \text{column } t \text{ of } A")
        piece_colours.append(None)
        new_strip = strip(pieces, piece_colours)
        new_highlights = VGroup(
            SurroundingRectangle(
                scheme.product.column(j), color=PALETTE.accent, buff=HIGHLIGHT_BUFF
            )
        )
        # B's column j takes the colours of the columns of A it weights (set at once:
        # animating the colour of every entry costs a copy of each)
        for t in range(k):
            scheme.left.column(t).set_color(colours[t])
        for col in range(s.shape[1]):
            for t in range(k):
                scheme.top.entries[t][col].set_color(colours[t] if col == j else PALETTE.text)
        old = [m for m in (pic.strip, pic.highlights) if len(m.submobjects)]
        self.play(
            *(FadeOut(m) for m in old),
            FadeIn(new_highlights),
            FadeIn(new_strip),
            run_time=self.params.step_time,
        )
        self.wait(0.5)
        pic.strip, pic.highlights, pic.column = new_strip, new_highlights, j
        pic.focus = None
        pic.strip_numbers = [*map(float, weights), *map(float, column)]

    def transpose(self) -> None:
        # Transposing: B^T on the left, A^T on top, and their product is (AB)^T.
        pic = self.picture
        s, old = pic.summary, pic.scheme
        (m, k), n = s.left.shape, s.shape[1]
        self.beat(
            "transpose",
            f"Transposing reverses the order: (AB)^T = B^T A^T. B^T ({n}x{k}) times A^T "
            f"({k}x{m}) is the {n}x{m} matrix whose entry (i, j) is entry (j, i) of AB.",
        )
        new = layout_scheme(
            s.right.T,
            s.left.T,
            s.transpose_product,
            (r"B^{\mathsf T}", r"A^{\mathsf T}", r"B^{\mathsf T}A^{\mathsf T} = (AB)^{\mathsf T}"),
        )
        moves = []
        for i in range(m):
            for t in range(k):
                moves.append(ReplacementTransform(old.left.entries[i][t], new.top.entries[t][i]))
        for t in range(k):
            for j in range(n):
                moves.append(ReplacementTransform(old.top.entries[t][j], new.left.entries[j][t]))
        for i in range(m):
            for j in range(n):
                moves.append(
                    ReplacementTransform(old.product.entries[i][j], new.product.entries[j][i])
                )
        moves += [
            ReplacementTransform(old.left.brackets, new.top.brackets),
            ReplacementTransform(old.top.brackets, new.left.brackets),
            ReplacementTransform(old.product.brackets, new.product.brackets),
        ]
        rule = strip(
            [
                r"(AB)^{\mathsf T}_{ij} = (AB)_{ji}",
                r",\qquad (AB)^{\mathsf T} = B^{\mathsf T}A^{\mathsf T}",
            ]
        )
        self.play(
            FadeOut(pic.strip),
            FadeOut(pic.highlights),
            FadeOut(old.left_label, old.top_label, old.product_label),
            *moves,
            run_time=2.0,
        )
        self.play(FadeIn(new.left_label, new.top_label, new.product_label), FadeIn(rule))
        self.wait(1.0)
        pic.strip, pic.highlights, pic.column, pic.transposed = rule, VGroup(), None, new
        pic.strip_numbers = []

    # -- invariants ---------------------------------------------------------------------

    def _block_checks(
        self, name: str, blk: Block, expected: np.ndarray, cells=None
    ) -> list[Invariant]:
        """Each entry of ``blk`` (or those in ``cells``) drawn in its grid cell and showing
        ``expected`` rounded as the screen rounds it."""
        rows, cols = expected.shape
        cells = cells if cells is not None else [(r, c) for r in range(rows) for c in range(cols)]
        checks = []
        for r, c in sorted(cells):
            entry = blk.entries[r][c]
            checks.append(
                Invariant(
                    f"{name}[{r + 1},{c + 1}] in row {r + 1}, column {c + 1}",
                    blk.grid.p2c(entry.get_center()),
                    [c, r],
                )
            )
            checks.append(
                Invariant(
                    f"{name}[{r + 1},{c + 1}] shows the value",
                    float(entry.get_tex_string()),
                    float(expected[r, c]),
                    atol=0.005 + 1e-9,
                )
            )
        return checks

    def invariants(self, beat: str) -> list[Invariant]:
        """The drawn entries of A, B and AB in their cells showing ``data``'s numbers;
        the highlights on the row and column being multiplied; after the last beat the
        transposed scheme's entries showing AB's entries transposed."""
        pic = self.picture
        data = self.data
        left, right = np.array(data["left"]), np.array(data["right"])
        product = np.array(data["product"])
        if beat == "transpose" and pic.transposed is not None:
            t = pic.transposed
            return (
                self._block_checks("B^T", t.left, right.T)
                + self._block_checks("A^T", t.top, left.T)
                + self._block_checks("(AB)^T", t.product, product.T)
            )
        scheme = pic.scheme
        checks = self._block_checks("A", scheme.left, left) + self._block_checks(
            "B", scheme.top, right
        )
        checks += self._block_checks("AB", scheme.product, product, pic.shown_entries)
        if pic.focus is not None:
            i, j = pic.focus
            row_box, col_box, _ = pic.highlights
            checks.append(
                Invariant("highlighted row of A", scheme.left.grid.p2c(row_box.get_center())[1], i)
            )
            checks.append(
                Invariant(
                    "highlighted column of B", scheme.top.grid.p2c(col_box.get_center())[0], j
                )
            )
            terms = np.array(data["entry_terms"])[i, j]
            expected = [x for pair in zip(left[i], right[:, j], strict=True) for x in pair]
            if len(terms) > 1:
                expected += list(terms)
            expected.append(product[i, j])
            checks.append(
                Invariant("strip: factors, terms and their sum", pic.strip_numbers, expected)
            )
        if pic.column is not None:
            j = pic.column
            (box,) = pic.highlights
            checks.append(
                Invariant(
                    "highlighted column of AB", scheme.product.grid.p2c(box.get_center())[0], j
                )
            )
            checks.append(
                Invariant(
                    "strip: weights and column",
                    pic.strip_numbers,
                    [*right[:, j], *np.array(data["columns"])[j]],
                )
            )
            checks.append(
                Invariant(
                    "the column combines A's columns to AB's column",
                    np.array(data["columns"])[j],
                    product[:, j],
                    atol=1e-9,
                )
            )
        return checks
