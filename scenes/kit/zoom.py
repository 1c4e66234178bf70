"""A zoom inset: a square of the frame showing a small window of a plane magnified.

"A zoom where what matters is too thin to see" (the visual standard): a
:class:`Zoom` maps plotted points near ``centre`` into a square of side ``2 * half``
at ``screen_centre``, ``factor`` times larger than the main view (whose scene length of
one plotted unit is ``view_unit``); :func:`zoom_factor` picks a round factor and
:func:`inset_centre` the candidate spot that covers the fewest of the picture's points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import Rectangle, Square, VGroup
from numpy.typing import ArrayLike

from scenes.kit.numbers import format_number, nice_step
from scenes.kit.style import PALETTE


@dataclass(frozen=True, eq=False)
class Zoom:
    """Scene point of plotted ``p`` = ``screen_centre + factor * view_unit * (p - centre)``."""

    centre: np.ndarray  # plotted point at the inset's centre, shape (2,)
    factor: float  # magnification over the main view
    view_unit: float  # the main view's scene length of one plotted unit
    screen_centre: np.ndarray  # shape (3,)
    half: float  # half the inset's side, scene units

    @property
    def unit(self) -> float:
        """Scene length of one plotted unit inside the inset."""
        return self.factor * self.view_unit

    def c2p(self, points: ArrayLike) -> np.ndarray:
        """Scene points of plotted points: ``(2,) -> (3,)``, ``(n, 2) -> (n, 3)``."""
        p = np.asarray(points, dtype=float)
        single = p.ndim == 1
        d = p.reshape(-1, 2) - self.centre
        out: np.ndarray = self.screen_centre + self.unit * np.column_stack([d, np.zeros(len(d))])
        return out[0] if single else out

    def window(self, margin: float = 0.0) -> tuple[tuple[float, float], tuple[float, float]]:
        """The plotted box the inset shows, ``((x0, x1), (y0, y1))``, shrunk by
        ``margin`` scene units on every side."""
        r = (self.half - margin) / self.unit
        (x, y) = self.centre
        return (x - r, x + r), (y - r, y + r)

    def source_square(self, main_origin: ArrayLike, min_side: float = 0.12) -> Square:
        """The outline, in the main view, of the window the inset magnifies (at least
        ``min_side`` scene units wide, so it shows at the main view's size)."""
        side = max(2 * self.half / self.factor, min_side)
        o = np.asarray(main_origin, dtype=float)
        centre = o + self.view_unit * np.array([self.centre[0], self.centre[1], 0.0])
        square = Square(side_length=side, color=PALETTE.muted, stroke_width=2.5)
        return square.move_to(centre)

    def frame(self) -> VGroup:
        """The inset's opaque background square and its border."""
        back = Rectangle(
            width=2 * self.half,
            height=2 * self.half,
            fill_color=PALETTE.background,
            fill_opacity=1.0,
            stroke_color=PALETTE.muted,
            stroke_width=2.5,
        )
        return VGroup(back.move_to(self.screen_centre))


def zoom_factor(length: float, target: float) -> float:
    """The smallest round factor (1, 2 or 5 times a power of ten), at least 1, that
    draws a scene ``length`` at least ``target`` long."""
    if length <= 0:
        raise ValueError("zoom_factor needs a positive length")
    return max(1.0, nice_step(target / length))


def inset_centre(candidates: Sequence[ArrayLike], obstacles: ArrayLike, half: float) -> np.ndarray:
    """The first of ``candidates`` (scene points) whose square of half-side ``half``
    holds the fewest of the scene points ``obstacles`` (shape (n, 3))."""
    pts = np.asarray(obstacles, dtype=float).reshape(-1, 3)
    best, best_hits = np.asarray(candidates[0], dtype=float), None
    for c in candidates:
        c = np.asarray(c, dtype=float)
        inside = (np.abs(pts[:, 0] - c[0]) < half) & (np.abs(pts[:, 1] - c[1]) < half)
        hits = int(inside.sum())
        if best_hits is None or hits < best_hits:
            best, best_hits = c, hits
    return best


def _mantissa_exponent(factor: float) -> tuple[float, int]:
    exponent = int(np.floor(np.log10(factor) + 1e-12))
    return round(factor / 10.0**exponent, 6), exponent


def factor_tex(factor: float) -> str:
    """A zoom's factor in LaTeX: ``20``, ``5000``, then ``2\\cdot10^{5}``, ``10^{7}``."""
    if factor < 1e4:
        return format_number(factor, 0)
    mantissa, exponent = _mantissa_exponent(factor)
    power = rf"10^{{{exponent}}}"
    return power if mantissa == 1 else rf"{mantissa:g}\cdot{power}"


def factor_text(factor: float) -> str:
    """The same for a caption, in the form :func:`scenes.kit.numbers.caption_text`
    sets as ``2 × 10⁵``."""
    if factor < 1e4:
        return format_number(factor, 0)
    mantissa, exponent = _mantissa_exponent(factor)
    return f"{mantissa:g}e{exponent}"
