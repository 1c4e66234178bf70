"""A 2-D Cairo camera that keeps each mobject's path while its points do not change.

Every scene built on :class:`scenes.kit.scene.MathScene` draws with it
(:func:`use_path_cache_camera`, called as the scene is made); 3-D scenes keep their own
cameras. Tested frame by frame against Manim's ``Camera`` in tests/test_kit_path_cache.py.
"""

from __future__ import annotations

from typing import Any

import cairo
import numpy as np
from manim import Camera, VMobject

#: Largest change of a coordinate (scene units) for which a kept path is appended again:
#: 1e-9 is 2e-7 px at 1080p, far under Cairo's fixed-point step of 1/256 px. Manim's
#: animations move still points by rounding noise (``(1 - a) x + a x`` is not always
#: ``x``), so a fading formula or dot cloud would otherwise be rebuilt every frame.
SAME_POINTS_ATOL = 1e-9


def _same_points(kept: np.ndarray, points: np.ndarray) -> bool:
    if kept is points:
        return True
    with np.errstate(invalid="ignore"):
        return bool(np.max(np.abs(kept - points)) <= SAME_POINTS_ATOL)


#: A kept path: its mobject, the points it was built from, the context's matrix, the path.
_KeptPath = tuple[VMobject, np.ndarray, tuple[float, ...], cairo.Path]


class PathCacheCamera(Camera):  # type: ignore[misc]
    """Manim's Cairo :class:`~manim.Camera`, keeping each vectorised mobject's Cairo path
    and appending it again while the mobject's points are unchanged.

    Manim builds every drawn mobject's path again on every frame, in Python (subpath
    splits, then one ``curve_to`` a Bezier curve): about two thirds of the drawing time
    of a 2-D frame, most of it for still glyphs, ticks and dot clouds redrawn because
    they sit above a moving mobject. A path kept from the previous capture is the same
    path (``copy_path`` / ``append_path`` give back Cairo's own fixed-point coordinates),
    so the pixels are Manim's; points are compared by value (to within
    :data:`SAME_POINTS_ATOL`), so a mobject changed in place is rebuilt. Paths not drawn
    in a capture are dropped after it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[int, _KeptPath] = {}
        self._drawn: dict[int, _KeptPath] = {}

    def capture_mobjects(self, mobjects: Any, **kwargs: Any) -> None:
        self._drawn = {}
        try:
            super().capture_mobjects(mobjects, **kwargs)
        finally:
            self._kept = self._drawn

    def set_cairo_context_path(self, ctx: cairo.Context, vmobject: VMobject) -> PathCacheCamera:
        points = vmobject.points
        if len(points) == 0:
            super().set_cairo_context_path(ctx, vmobject)
            return self
        key = id(vmobject)
        matrix = tuple(ctx.get_matrix())
        kept = self._kept.get(key)
        if (
            kept is not None
            and kept[0] is vmobject
            and kept[2] == matrix
            and kept[1].shape == points.shape
            and _same_points(kept[1], points)
        ):
            ctx.new_path()
            ctx.append_path(kept[3])
        else:
            super().set_cairo_context_path(ctx, vmobject)
            kept = (vmobject, points.copy(), matrix, ctx.copy_path())
        self._drawn[key] = kept
        return self


def use_path_cache_camera(scene: Any) -> None:
    """Give ``scene``'s Cairo renderer a :class:`PathCacheCamera` in place of its plain
    2-D ``Camera`` (call it in the scene's ``__init__``, inside the configuration the
    renderer was made in: the new camera is built from it, as the old one was)."""
    renderer = getattr(scene, "renderer", None)
    camera = getattr(renderer, "camera", None)
    if type(camera) is Camera:
        renderer.camera = PathCacheCamera()
