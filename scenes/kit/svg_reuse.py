"""Parsed SVG reused: copies of formulas and texts share it, and a Text is parsed once.

Manim copies a mobject with ``copy.deepcopy`` of every attribute, and each glyph of a
``MathTex`` or ``Text`` (a ``VMobjectFromSVGPath``) keeps the ``svgelements`` path it
was parsed from (``path_obj``): hundreds of ``Point`` and ``CubicBezier`` objects per
glyph, read once, when the glyph's points are made in ``__init__``, and never again.
Every animation copies what it animates (``Transform``, ``FadeIn``, ``Write`` make a
starting copy and a target), so in a build that copying was most of the time spent
(Vectors: 88,935 of 129,570 objects rebuilt by ``deepcopy`` were SVG points).

:func:`install` makes a copy share the parsed path with its original instead: the
path is never changed after parsing, and the copy's own points, colours and
submobjects are still copied as before, so every picture is the same.

It also lets ``Text`` use Manim's cache of parsed SVGs (``SVG_HASH_TO_MOB_MAP``), as
``MathTex`` does by default: a readout row set again and again (BayesianCoin's counts
after each flip) was parsed with svgelements each time. That is safe because a Text's
SVG file is named by the hash of its string and every setting that shapes it (font,
slant, weight, colour, size, spacing, per-range styles), and the glyph post-processing
runs on each new Text as before. A caller's explicit ``use_svg_cache`` wins.

Imported by :mod:`scenes.kit.scene`, so every scene gets it (Manim is pinned to 0.21.0,
whose ``VMobjectFromSVGPath`` and ``Text`` this relies on; a test checks the behaviour).
"""

from __future__ import annotations

from typing import Any

from manim import Mobject, Text
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

_TEXT_INIT = Text.__init__


def _deepcopy_sharing_path(self: VMobjectFromSVGPath, memo: dict[int, Any]) -> Any:
    path = self.__dict__.get("path_obj")
    if path is not None:
        memo[id(path)] = path  # deepcopy hands back what the memo holds: the same path
    return Mobject.__deepcopy__(self, memo)


def _text_init_cached(self: Text, *args: Any, use_svg_cache: bool = True, **kwargs: Any) -> None:
    _TEXT_INIT(self, *args, use_svg_cache=use_svg_cache, **kwargs)


def install() -> None:
    """Make copies of SVG glyphs share their parsed path and Text parse each SVG file
    once (idempotent)."""
    VMobjectFromSVGPath.__deepcopy__ = _deepcopy_sharing_path  # type: ignore[method-assign]
    Text.__init__ = _text_init_cached  # type: ignore[method-assign]
