"""Small images (an 8x8 digit) drawn as pixel grids: Manim 0.21's ``ImageMobject``
fails with this Pillow, and a grid of vector squares stays sharp at every quality.

A grid is one filled :class:`VMobject` per grey level (a digit has at most 16), whose
subpaths are the squares of that level's pixels, so a digit is a handful of mobjects
rather than 64.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import UL, VGroup, VMobject

from scenes.kit.style import PALETTE


def square_outlines(top_left: np.ndarray, cell: float) -> np.ndarray:
    """Bezier points of closed squares of side ``cell`` with these top-left corners
    (``(m, 3)``), one subpath (4 straight cubic segments, 16 points) each."""
    offsets = np.array([[0.0, 0.0, 0.0], [cell, 0.0, 0.0], [cell, -cell, 0.0], [0.0, -cell, 0.0]])
    corners = top_left[:, None, :] + offsets[None, :, :]
    nxt = np.roll(corners, -1, axis=1)
    t = np.array([0.0, 1 / 3, 2 / 3, 1.0])[None, None, :, None]
    points: np.ndarray = corners[:, :, None, :] + t * (nxt - corners)[:, :, None, :]
    return points.reshape(-1, 3)


def pixel_grid(opacities: np.ndarray, height: float, colour: Any = None) -> VGroup:
    """A square image of side ``height`` centred on the origin: ``opacities`` (a square
    array, or its row-major flattening, values in [0, 1]) as filled squares in
    ``colour`` (default the text colour). Transparent pixels are not drawn."""
    values = np.asarray(opacities, dtype=float).reshape(-1)
    side = round(np.sqrt(values.size))
    if side * side != values.size:
        raise ValueError(f"pixel_grid needs a square image, got {values.size} pixels")
    cell = height / side
    grid = VGroup()
    for level in np.unique(values[values > 0]):
        rows, cols = np.divmod(np.nonzero(values == level)[0], side)
        top_left = np.column_stack(
            [-height / 2 + cols * cell, height / 2 - rows * cell, np.zeros(len(rows))]
        )
        patch = VMobject(
            fill_color=colour or PALETTE.text, fill_opacity=float(level), stroke_width=0
        )
        patch.set_points(square_outlines(top_left, cell))
        grid.add(patch)
    return grid


def grid_opacities(grid: VGroup, frame: Any, side: int) -> np.ndarray:
    """The ``side * side`` drawn opacities of a :func:`pixel_grid` placed in ``frame``
    (a mobject of the image's size), row by row from the top left (0 where no square
    is drawn), read back from the squares' centres."""
    cell = frame.width / side
    corner = frame.get_corner(UL)
    opacities = np.zeros(side * side)
    for patch in grid:
        centres = patch.points.reshape(-1, 16, 3).mean(axis=1)
        cols = np.floor((centres[:, 0] - corner[0]) / cell).astype(int)
        rows = np.floor((corner[1] - centres[:, 1]) / cell).astype(int)
        opacities[rows * side + cols] = patch.get_fill_opacity()
    return opacities
