"""A window of the real line drawn as a horizontal number line: :class:`LocalLine`.

The line shows the values ``[centre - half, centre + half]`` (``half`` = half the screen
length over the unit) with round ticks (the kit's one tick rule,
:func:`scenes.kit.numbers.nice_ticks`) labelled with as many decimals as the tick step
needs, so a narrow window (a zoomed-in line) never shows two ticks with the same label.
``c2p`` / ``p2c`` convert between values and scene points, as the kit's planes do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import DOWN, Line, MathTex, VGroup

from scenes.kit.numbers import format_number, nice_ticks
from scenes.kit.style import PALETTE, TICK_SIZE

#: Height of a tick mark, scene units.
TICK_LENGTH = 0.16


def tick_decimals(ticks: np.ndarray) -> int:
    """Decimals that tell round ``ticks`` apart: those of their step (1, 2 or 5 times a
    power of ten), and none for whole steps."""
    if len(ticks) < 2:
        return 2
    step = float(np.min(np.diff(ticks)))
    return max(0, -math.floor(math.log10(step) + 1e-9))


@dataclass
class LocalLine:
    """A number line at height ``y`` from screen x ``left`` to ``right``: the value
    ``centre`` sits at the middle and one value unit is ``unit`` scene units."""

    y: float
    left: float
    right: float
    centre: float
    unit: float
    line: Line
    ticks: VGroup  # tick marks
    labels: VGroup  # their values, below them

    @property
    def middle(self) -> float:
        """Screen x of the line's middle."""
        return 0.5 * (self.left + self.right)

    def c2p(self, value: float) -> np.ndarray:
        """The scene point of ``value`` on the line."""
        return np.array([self.middle + (value - self.centre) * self.unit, self.y, 0.0])

    def p2c(self, point: np.ndarray) -> float:
        """The value at a scene point's x (its y is ignored)."""
        return float(self.centre + (float(point[0]) - self.middle) / self.unit)

    @property
    def span(self) -> tuple[float, float]:
        """The values at the line's two ends."""
        return self.p2c(np.array([self.left, 0.0])), self.p2c(np.array([self.right, 0.0]))

    @property
    def group(self) -> VGroup:
        """The line, its ticks and their labels."""
        return VGroup(self.line, self.ticks, self.labels)


def local_line(
    y: float, left: float, right: float, centre: float, unit: float, *, max_ticks: int = 7
) -> LocalLine:
    """The number line of ``[left, right]`` at height ``y`` with ``centre`` in the middle
    and ``unit`` scene units per value, ticks at round values (at most ``max_ticks``,
    kept a little inside the ends so their labels do not hang over)."""
    line = Line([left, y, 0.0], [right, y, 0.0], color=PALETTE.muted, stroke_width=2.5)
    lo = centre - (0.5 * (right - left) - 0.25) / unit
    hi = centre + (0.5 * (right - left) - 0.25) / unit
    values = nice_ticks(lo, hi, max_ticks)
    digits = tick_decimals(values)
    out = LocalLine(y, left, right, centre, unit, line, VGroup(), VGroup())
    for v in values:
        foot = out.c2p(float(v))
        tick = Line(
            foot + 0.5 * TICK_LENGTH * DOWN,
            foot - 0.5 * TICK_LENGTH * DOWN,
            color=PALETTE.muted,
            stroke_width=2.5,
        )
        label = MathTex(format_number(float(v), digits), font_size=TICK_SIZE, color=PALETTE.muted)
        label.next_to(tick, DOWN, buff=0.08)
        out.ticks.add(tick)
        out.labels.add(label)
    return out
