"""Copies of formulas and texts without copying their parsed SVG.

Manim copies a mobject with ``copy.deepcopy`` of every attribute, and each glyph of a
``MathTex`` or ``Text`` (a ``VMobjectFromSVGPath``) keeps the ``svgelements`` path it
was parsed from (``path_obj``): hundreds of ``Point`` and ``CubicBezier`` objects per
glyph, read once, when the glyph's points are made in ``__init__``, and never again.
Every animation copies what it animates (``Transform``, ``FadeIn``, ``Write`` make a
starting copy and a target), so in a build that copying was most of the time spent
(Vectors: 88,935 of 129,570 objects rebuilt by ``deepcopy`` were SVG points).

:func:`install` makes a copy share the parsed path with its original instead: the
path is never changed after parsing, and the copy's own points, colours and
submobjects are still copied as before, so every picture is the same. Imported by
:mod:`scenes.kit.scene`, so every scene gets it (Manim is pinned to 0.21.0, whose
``VMobjectFromSVGPath`` this relies on; a test checks the behaviour).
"""

from __future__ import annotations

from typing import Any

from manim import Mobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath


def _deepcopy_sharing_path(self: VMobjectFromSVGPath, memo: dict[int, Any]) -> Any:
    path = self.__dict__.get("path_obj")
    if path is not None:
        memo[id(path)] = path  # deepcopy hands back what the memo holds: the same path
    return Mobject.__deepcopy__(self, memo)


def install() -> None:
    """Make copies of SVG glyphs share their parsed path (idempotent)."""
    VMobjectFromSVGPath.__deepcopy__ = _deepcopy_sharing_path  # type: ignore[method-assign]
