"""scenes.kit.svg_reuse: a copy of a formula shares only the parsed SVG path; its
points, colours and submobjects are its own, as with Manim's plain deepcopy."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
from manim import MathTex, Text, VMobject, tempconfig
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

import scenes.kit.scene  # noqa: F401  (installs svg_reuse, as every scene does)
from scenes.kit import svg_reuse


def glyphs(m: VMobject) -> list[VMobjectFromSVGPath]:
    return [g for g in m.get_family() if isinstance(g, VMobjectFromSVGPath)]


def test_copies_share_the_parsed_path_and_nothing_else(tmp_path: Path, tex_cache: Path) -> None:
    svg_reuse.install()
    with tempconfig({"media_dir": str(tmp_path), "tex_dir": str(tex_cache)}):
        for original in (MathTex(r"x^2 + \beta", font_size=40), Text("Ab", font_size=30)):
            clone = original.copy()
            pairs = list(zip(glyphs(original), glyphs(clone), strict=True))
            assert pairs, "no glyphs parsed"
            for a, b in pairs:
                assert b is not a
                assert b.path_obj is a.path_obj
                assert b.points is not a.points
                np.testing.assert_array_equal(b.points, a.points)
            # the copy is independent: moving and recolouring it leaves the original
            before = original.get_all_points().copy()
            clone.shift(np.array([1.0, 2.0, 0.0])).set_color("#ff0000")
            np.testing.assert_array_equal(original.get_all_points(), before)
            assert original[0].get_color() != clone[0].get_color()
            # and it equals what plain deepcopy (the path copied too) gives
            plain = glyphs(original)[0]
            memo: dict[int, object] = {}
            full = VMobject.__deepcopy__(plain, memo)  # Mobject's own, path deep-copied
            assert full.path_obj is not plain.path_obj
            np.testing.assert_array_equal(full.points, copy.deepcopy(plain).points)


def test_text_parses_each_file_once_and_each_text_is_its_own(
    tmp_path: Path, tex_cache: Path
) -> None:
    from manim.mobject.svg import svg_mobject

    svg_reuse.install()
    with tempconfig({"media_dir": str(tmp_path), "tex_dir": str(tex_cache)}):
        first = Text("7 heads, 3 tails", font_size=22, color="#ffffff")
        cached = len(svg_mobject.SVG_HASH_TO_MOB_MAP)
        second = Text("7 heads, 3 tails", font_size=22, color="#ffffff")
        assert len(svg_mobject.SVG_HASH_TO_MOB_MAP) == cached  # no second entry
        np.testing.assert_array_equal(second.get_all_points(), first.get_all_points())
        assert all(a is not b for a, b in zip(glyphs(first), glyphs(second), strict=True))
        first.set_color("#ff0000").shift(np.array([1.0, 0.0, 0.0]))
        assert second[0].get_color() != first[0].get_color()
        # another colour, size or string is another file, parsed on its own
        other = Text("7 heads, 3 tails", font_size=30, color="#ffffff")
        assert other.height > second.height * 1.2
        plain = Text("7 heads, 3 tails", font_size=22, color="#ffffff", use_svg_cache=False)
        np.testing.assert_allclose(plain.get_all_points(), second.get_all_points(), atol=1e-12)
