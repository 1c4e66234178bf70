"""A counter that counts up every frame without deep-copying LaTeX glyphs.

Manim's :class:`~manim.Integer` rebuilds its digits on every ``set_value``: a deep copy
of a cached ``MathTex`` per character, then ``arrange``, ``move_to`` and ``match_style``
over the new family (tens of milliseconds a frame, most of a ``ChangeDecimalToValue``
at 60 fps). :class:`CountingInteger` is an ``Integer`` that keeps the copies it has
made, one pool a character, and on ``set_value`` places them with numpy: the same
translations ``DecimalNumber`` makes (each glyph after the last, bottoms aligned, the
whole centred, a comma dropped by half its height, a minus raised to the digits, the
left edge kept where it was), computed from each glyph's anchors as Manim's bounding
boxes are. The points agree with ``Integer``'s to rounding (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import Integer, VMobject


@dataclass
class _Glyph:
    """A pooled copy of one character: the mobject, its members with points, their
    points as first made, and the box of those points' anchors."""

    mob: VMobject
    members: list[VMobject]
    points: list[np.ndarray]
    lo: np.ndarray
    hi: np.ndarray


def _anchor_box(members: list[VMobject]) -> tuple[np.ndarray, np.ndarray]:
    anchors = np.concatenate([np.asarray(m.get_anchors()).reshape(-1, 3) for m in members])
    return anchors.min(axis=0), anchors.max(axis=0)


class CountingInteger(Integer):  # type: ignore[misc]
    """:class:`~manim.Integer` with pooled glyphs placed by numpy: the same picture,
    a cheap ``set_value`` (no unit, ellipsis or background rectangle)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        #: Each character's copies so far.
        self._pool: dict[str, list[_Glyph]] = {}
        self._taken: dict[str, int] = {}
        super().__init__(*args, **kwargs)
        if self.show_ellipsis or self.unit is not None or self.include_background_rectangle:
            raise ValueError("CountingInteger shows digits only")

    def _glyph(self, string: str) -> _Glyph:
        pool = self._pool.setdefault(string, [])
        k = self._taken.get(string, 0)
        self._taken[string] = k + 1
        if k == len(pool):
            mob = super()._string_to_mob(string)
            members = mob.family_members_with_points()
            lo, hi = _anchor_box(members)
            pool.append(_Glyph(mob, members, [m.points.copy() for m in members], lo, hi))
        return pool[k]

    def _string_to_mob(self, string: str, mob_class: Any = None, **kwargs: Any) -> VMobject:
        # Only Manim's first build comes here (``__init__``): its glyphs join the pool.
        glyph = self._glyph(string)
        for m, p in zip(glyph.members, glyph.points, strict=True):
            m.points = p.copy()
        return glyph.mob

    def _set_submobjects_from_number(self, number: float) -> None:
        self._taken = {}
        super()._set_submobjects_from_number(number)

    def _box(self) -> tuple[np.ndarray, np.ndarray]:
        members = self.family_members_with_points()
        return _anchor_box(members) if members else (np.zeros(3), np.zeros(3))

    def set_value(self, number: float) -> CountingInteger:
        """Show ``number`` as ``DecimalNumber.set_value`` would: the left edge (its
        centre) stays, the font size is kept, the colours are the number's own."""
        old_family = self.get_family()
        lo, hi = self._box()
        old_font_size = (hi[1] - lo[1]) / self.initial_height * self._font_size
        keep = np.array([lo[0], (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2])
        self.number = number
        shown = self._get_num_string(number)
        self._taken = {}
        glyphs = [self._glyph(ch) for ch in shown]
        # arrange(buff, aligned_edge=DOWN): each glyph's left at the last one's right plus
        # buff, bottoms level; then the whole box centred on the origin.
        buff = self.digit_buff_per_font_unit * self._font_size
        offsets = np.zeros((len(glyphs), 3))
        for k in range(1, len(glyphs)):
            a, b = glyphs[k - 1], glyphs[k]
            offsets[k, 0] = a.hi[0] + offsets[k - 1, 0] + buff - b.lo[0]
            offsets[k, 1] = a.lo[1] + offsets[k - 1, 1] - b.lo[1]
            offsets[k, 2] = a.lo[2] + offsets[k - 1, 2] - b.lo[2]
        los = np.array([g.lo for g in glyphs]) + offsets
        his = np.array([g.hi for g in glyphs]) + offsets
        offsets -= (los.min(axis=0) + his.max(axis=0)) / 2
        # A minus rises to the top of the next glyph, then drops by half its height; a
        # comma drops by half its own height.
        for k, ch in enumerate(shown):
            g = glyphs[k]
            if ch == "-" and k + 1 < len(shown):
                nxt = glyphs[k + 1]
                top = nxt.hi[1] + offsets[k + 1, 1]
                offsets[k, 1] += top - (g.hi[1] + offsets[k, 1])
                offsets[k, 1] -= (nxt.hi[1] - nxt.lo[1]) / 2
            elif ch == ",":
                offsets[k, 1] -= (g.hi[1] - g.lo[1]) / 2
        los = np.array([g.lo for g in glyphs]) + offsets
        his = np.array([g.hi for g in glyphs]) + offsets
        box_lo, box_hi = los.min(axis=0), his.max(axis=0)
        self.initial_height = float(box_hi[1] - box_lo[1])
        # The old font size kept (a scale about the box's centre), then the left edge.
        factor = old_font_size / self._font_size
        centre = (box_lo + box_hi) / 2
        if factor != 1.0:
            box_lo = centre + factor * (box_lo - centre)
            box_hi = centre + factor * (box_hi - centre)
        shift = keep - np.array(
            [box_lo[0], (box_lo[1] + box_hi[1]) / 2, (box_lo[2] + box_hi[2]) / 2]
        )
        for g, off in zip(glyphs, offsets, strict=True):
            for m, p in zip(g.members, g.points, strict=True):
                q = p + off
                m.points = q if factor == 1.0 else centre + factor * (q - centre)
                m.points += shift
        self.submobjects = [g.mob for g in glyphs]
        # Manim's Cairo workaround: the renderer may still hold glyphs no longer shown.
        now = {id(m) for m in self.get_family()}
        for mob in old_family:
            if id(mob) not in now:
                mob.points[:] = 0
        self.init_colors()
        return self
