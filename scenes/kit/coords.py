"""One coordinate system for every plane and plot: an affine map between plotted
coordinates ``(x, y)`` and scene points, with Manim's names ``c2p`` and ``p2c``.

A plane drawn at an origin with one unit length (the linear-algebra scenes) and a plot
box mapped onto a screen rectangle (every plot) are the same thing, so both are a
:class:`Coords`; scenes and kit pieces convert with it in both directions, and the
invariants read drawn mobjects back with :meth:`Coords.p2c`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

Box = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True, eq=False)
class Coords:
    """Scene point of ``(x, y)`` = ``origin + x * ex + y * ey`` (``ex``, ``ey`` axis-aligned)."""

    origin: np.ndarray  # scene point of the plotted (0, 0), shape (3,)
    ex: np.ndarray  # scene vector of one unit along x, shape (3,)
    ey: np.ndarray  # scene vector of one unit along y, shape (3,)

    @classmethod
    def uniform(cls, origin: ArrayLike, unit: float) -> Coords:
        """Equal units on both axes: ``unit`` scene lengths per plotted unit."""
        o = np.asarray(origin, dtype=float).reshape(3)
        return cls(o, np.array([unit, 0.0, 0.0]), np.array([0.0, unit, 0.0]))

    @classmethod
    def onto(cls, box: Box, left: float, bottom: float, width: float, height: float) -> Coords:
        """The plot region ``box = ((x0, x1), (y0, y1))`` shown in the screen rectangle
        whose lower-left corner is ``(left, bottom)``."""
        (x0, x1), (y0, y1) = box
        sx, sy = width / (x1 - x0), height / (y1 - y0)
        origin = np.array([left - sx * x0, bottom - sy * y0, 0.0])
        return cls(origin, np.array([sx, 0.0, 0.0]), np.array([0.0, sy, 0.0]))

    @property
    def unit(self) -> float:
        """Scene length of one x unit (of either unit, when they are equal)."""
        return float(self.ex[0])

    def c2p(self, x: ArrayLike, y: ArrayLike | None = None) -> np.ndarray:
        """Scene points of plotted coordinates.

        ``c2p((x, y))`` gives one point, shape ``(3,)``; ``c2p(points)`` with points of
        shape ``(n, 2)``, or ``c2p(xs, ys)`` with two sequences, gives shape ``(n, 3)``.
        """
        if y is None:
            p = np.asarray(x, dtype=float)
            single = p.ndim == 1
            p = p.reshape(-1, p.shape[-1])
            xs, ys = p[:, 0], p[:, 1]
        else:
            xs = np.atleast_1d(np.asarray(x, dtype=float))
            ys = np.atleast_1d(np.asarray(y, dtype=float))
            single = np.ndim(x) == 0
        out: np.ndarray = self.origin + xs[:, None] * self.ex + ys[:, None] * self.ey
        return out[0] if single else out

    def p2c(self, points: ArrayLike) -> np.ndarray:
        """Plotted coordinates of scene points: ``(3,) -> (2,)``, ``(n, 3) -> (n, 2)``."""
        p = np.asarray(points, dtype=float)
        single = p.ndim == 1
        d = p.reshape(-1, 3) - self.origin
        out = np.stack([d[:, 0] / self.ex[0], d[:, 1] / self.ey[1]], axis=1)
        return out[0] if single else out

    def length(self, plotted: float) -> float:
        """Scene length of ``plotted`` units along x."""
        return float(plotted * self.ex[0])

    def shifted(self, offset: Sequence[float]) -> Coords:
        """The same map moved by a scene vector."""
        return Coords(self.origin + np.asarray(offset, dtype=float), self.ex, self.ey)
