"""Three-dimensional pictures on the flat frame: R^3 seen from a fixed direction.

A :class:`Space` is an orthographic projection of plotted ``(x, y, z)`` onto the frame
(parallel lines stay parallel, lengths along one direction keep one scale), seen from
``azimuth`` degrees around the z axis and ``elevation`` degrees above the x-y plane.
It draws vectors, planes and points in R^3 on a plain 2-D scene, so labels and panels
stay flat and readable, every point is where :meth:`Space.c2p` says (the invariants
read them back with it) and a frame costs what a 2-D frame costs (Manim's
``ThreeDCamera`` re-projects and depth-sorts every patch in Python on every frame).
Depth (:meth:`Space.depth`) orders what is drawn in front.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import Arrow, Polygon, VGroup
from numpy.typing import ArrayLike

from scenes.kit.builders import math_label, readable_arrow
from scenes.kit.style import LABEL_SIZE, PALETTE


@dataclass(frozen=True, eq=False)
class Space:
    """Scene point of ``(x, y, z)`` = ``origin + unit * (p . right, p . up, 0)``.

    ``right`` and ``up`` are the screen's directions in R^3: the camera looks along
    ``-toward`` with ``toward = (cos e cos a, cos e sin a, sin e)``, ``right =
    (-sin a, cos a, 0)``, ``up = toward x right`` (a = azimuth, e = elevation).
    """

    origin: np.ndarray  # scene point of the plotted (0, 0, 0), shape (3,)
    unit: float  # scene length of one plotted unit (in any direction facing the camera)
    azimuth: float = 30.0  # degrees around z, from the x axis toward the y axis
    elevation: float = 25.0  # degrees above the x-y plane

    @property
    def toward(self) -> np.ndarray:
        """Unit vector from the origin toward the camera."""
        a, e = np.radians(self.azimuth), np.radians(self.elevation)
        return np.array([np.cos(e) * np.cos(a), np.cos(e) * np.sin(a), np.sin(e)])

    @property
    def right(self) -> np.ndarray:
        """Unit vector of R^3 drawn pointing right on the screen."""
        a = np.radians(self.azimuth)
        return np.array([-np.sin(a), np.cos(a), 0.0])

    @property
    def up(self) -> np.ndarray:
        """Unit vector of R^3 drawn pointing up on the screen."""
        return np.cross(self.toward, self.right)

    def c2p(self, points: ArrayLike) -> np.ndarray:
        """Scene points of plotted points: ``(3,) -> (3,)``, ``(n, 3) -> (n, 3)``."""
        p = np.asarray(points, dtype=float)
        single = p.ndim == 1
        p = p.reshape(-1, 3)
        screen = np.stack([p @ self.right, p @ self.up, np.zeros(len(p))], axis=1)
        out: np.ndarray = self.origin + self.unit * screen
        return out[0] if single else out

    def depth(self, points: ArrayLike) -> np.ndarray | float:
        """Distance toward the camera (larger is nearer): draw nearer things later."""
        p = np.asarray(points, dtype=float)
        d = p.reshape(-1, 3) @ self.toward
        return float(d[0]) if p.ndim == 1 else d

    def length(self, vector: ArrayLike) -> float:
        """Drawn length of a plotted vector (shorter than its length when it points
        toward or away from the camera)."""
        v = np.asarray(vector, dtype=float)
        return float(self.unit * np.hypot(v @ self.right, v @ self.up))

    @classmethod
    def fitted(
        cls,
        points: ArrayLike,
        left: float,
        bottom: float,
        width: float,
        height: float,
        azimuth: float = 30.0,
        elevation: float = 25.0,
    ) -> Space:
        """The largest space, seen from (azimuth, elevation), in which every plotted
        point of ``points`` (shape (n, 3); give the corners of what must show) lands in
        the screen rectangle whose lower-left corner is ``(left, bottom)``; centred in
        it."""
        probe = cls(np.zeros(3), 1.0, azimuth, elevation)
        drawn = probe.c2p(np.asarray(points, dtype=float).reshape(-1, 3))
        lo, hi = drawn[:, :2].min(axis=0), drawn[:, :2].max(axis=0)
        span = np.maximum(hi - lo, 1e-12)
        unit = float(min(width / span[0], height / span[1]))
        centre = np.array([left + width / 2, bottom + height / 2])
        origin = centre - unit * (lo + hi) / 2
        return cls(np.array([origin[0], origin[1], 0.0]), unit, azimuth, elevation)


def box_corners(lo: ArrayLike, hi: ArrayLike) -> np.ndarray:
    """The 8 corners of the axis-aligned box from ``lo`` to ``hi`` (each (3,))."""
    lo_, hi_ = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    return np.array(
        [
            [(lo_, hi_)[i][0], (lo_, hi_)[j][1], (lo_, hi_)[k][2]]
            for i in (0, 1)
            for j in (0, 1)
            for k in (0, 1)
        ]
    )


def parallelogram(corner: ArrayLike, u: ArrayLike, v: ArrayLike) -> np.ndarray:
    """Plotted corners ``corner, corner + u, corner + u + v, corner + v`` (shape (4, 3)):
    a patch of the plane through ``corner`` spanned by ``u`` and ``v``."""
    c, a, b = (np.asarray(x, dtype=float) for x in (corner, u, v))
    return np.array([c, c + a, c + a + b, c + b])


def space_arrow(space: Space, tail: ArrayLike, tip: ArrayLike, color: str) -> Arrow:
    """An arrow from plotted ``tail`` to plotted ``tip`` whose tip ends exactly there
    (the 3-D :func:`scenes.kit.builders.vector_arrow`; shaft at least
    :data:`scenes.kit.builders.MIN_LINE_STROKE` wide)."""
    arrow = Arrow(
        space.c2p(tail),
        space.c2p(tip),
        buff=0,
        color=color,
        stroke_width=6,
        max_tip_length_to_length_ratio=0.3,
        max_stroke_width_to_length_ratio=8,
    )
    return readable_arrow(arrow)


def space_polygon(
    space: Space, corners: ArrayLike, color: str, opacity: float = 0.25, stroke_width: float = 2
) -> Polygon:
    """A flat patch with plotted ``corners`` (shape (n, 3)), filled at ``opacity``."""
    return Polygon(
        *space.c2p(corners),
        color=color,
        fill_color=color,
        fill_opacity=opacity,
        stroke_width=stroke_width,
    )


def space_axes(
    space: Space,
    reach: ArrayLike,
    names: tuple[str, str, str] = ("x_1", "x_2", "x_3"),
    color: str | None = None,
) -> VGroup:
    """The three coordinate axes from ``-reach[i]`` to ``+reach[i]`` (plotted), each a
    thin arrow with its name in LaTeX past the positive end. ``VGroup(lines, labels)``."""
    colour = PALETTE.muted if color is None else color
    r = np.asarray(reach, dtype=float)
    lines, labels = VGroup(), VGroup()
    for i in range(3):
        end = np.zeros(3)
        end[i] = r[i]
        line = Arrow(
            space.c2p(-end),
            space.c2p(end),
            buff=0,
            color=colour,
            stroke_width=2,
            tip_length=0.15,
            max_tip_length_to_length_ratio=0.1,
        )
        lines.add(line)
        drawn = space.c2p(end) - space.origin
        direction = drawn / max(float(np.linalg.norm(drawn)), 1e-9)
        label = math_label(names[i], colour, LABEL_SIZE)  # subscripts >= 12 px
        label.move_to(space.c2p(end) + direction * (0.2 + 0.5 * max(label.width, label.height)))
        labels.add(label)
    return VGroup(lines, labels)
