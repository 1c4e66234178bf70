"""A counter that counts up every frame without deep-copying LaTeX glyphs.

Manim's :class:`~manim.Integer` rebuilds its digits on every ``set_value``: a deep copy
of a cached ``MathTex`` per character (tens of milliseconds a frame, most of a
``ChangeDecimalToValue`` at 60 fps). :class:`CountingInteger` is an ``Integer`` that
keeps the copies it has made, one pool a character, and on ``set_value`` takes them from
the pool with their points restored to the fresh copy's. The layout (``arrange``, the
comma's drop, the fixed left edge) is still Manim's own code, so the digits land where
``Integer`` puts them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import Integer, VMobject


class CountingInteger(Integer):  # type: ignore[misc]
    """:class:`~manim.Integer` with pooled glyphs: the same picture, cheap ``set_value``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        #: Each character's copies so far, and the points each copy had when made.
        self._pool: dict[str, list[tuple[VMobject, list[np.ndarray]]]] = {}
        self._taken: dict[str, int] = {}
        super().__init__(*args, **kwargs)

    def _set_submobjects_from_number(self, number: float) -> None:
        self._taken = {}
        super()._set_submobjects_from_number(number)

    def _string_to_mob(self, string: str, mob_class: Any = None, **kwargs: Any) -> VMobject:
        pool = self._pool.setdefault(string, [])
        k = self._taken.get(string, 0)
        self._taken[string] = k + 1
        if k == len(pool):
            mob = super()._string_to_mob(string, mob_class, **kwargs)
            pool.append((mob, [m.points.copy() for m in mob.get_family()]))
            return mob
        mob, points = pool[k]
        for m, p in zip(mob.get_family(), points, strict=True):
            m.points = p.copy()
        return mob

    def set_value(self, number: float) -> CountingInteger:
        """``DecimalNumber.set_value``, except that Manim's Cairo workaround (the old
        glyphs' points set to zero, since the renderer may still hold them) spares the
        pooled glyphs shown again."""
        old_family = self.get_family()
        old_font_size = self.font_size
        move_to_point = self.get_edge_center(self.edge_to_fix)
        old_submobjects = self.submobjects
        self._set_submobjects_from_number(number)
        self.font_size = old_font_size
        self.move_to(move_to_point, self.edge_to_fix)
        for new, old in zip(self.submobjects, old_submobjects, strict=False):
            if new is not old:
                new.match_style(old)
        shown = {id(m) for m in self.get_family()}
        for mob in old_family:
            if id(mob) not in shown:
                mob.points[:] = 0
        self.init_colors()
        return self
