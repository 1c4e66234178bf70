"""The kit's one_path against the dashed line it replaces.

The oracle is Manim: a ``DashedLine`` (one mobject a dash), drawn and transformed the
slow way. The one path must hold the same points in the same order, start and end where
the line does, move the same way under ``ApplyMatrix``, and draw the same pixels.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.kit.vector_plane import one_path

SIZE = {"pixel_width": 854, "pixel_height": 480, "frame_rate": 15}
#: A map like ChangeOfBasis's moves: a shear with a stretch, and one that shrinks a
#: direction tenfold (its dashes nearly touch).
MATRICES = [np.array([[1.5, 0.6], [-0.4, 0.9]]), np.array([[0.1, 0.0], [0.3, 1.2]])]


def dashed(**style: Any) -> Any:
    from manim import DashedLine

    return DashedLine(
        np.array([-6.0, -2.5, 0.0]),
        np.array([5.0, 3.0, 0.0]),
        color="#CC6677",
        stroke_width=4,
        dash_length=0.15,
        **style,
    ).set_z_index(3)


def draw(mobjects: list[Any]) -> np.ndarray:
    from manim import Camera

    camera = Camera()
    camera.capture_mobjects(mobjects)
    return np.asarray(camera.get_image().convert("RGB"), dtype=np.int16)


def test_points_order_ends_and_style_are_the_dashes() -> None:
    line = dashed()
    path = one_path(line)
    dashes = line.family_members_with_points()
    assert len(dashes) > 30
    assert_allclose(path.points, np.concatenate([d.points for d in dashes]), rtol=0, atol=0)
    assert_allclose(path.get_start(), line.get_start(), rtol=0, atol=0)
    assert_allclose(path.get_end(), line.get_end(), rtol=0, atol=0)
    assert path.get_stroke_width() == dashes[0].get_stroke_width() == 4
    assert_allclose(path.get_stroke_rgbas(), dashes[0].get_stroke_rgbas(), rtol=0, atol=0)
    assert path.get_fill_opacity() == 0
    assert path.z_index == 3
    # one subpath a dash: Cairo strokes the same pieces
    assert len(path.get_subpath_split_indices_from_points(path.points)) == len(dashes)


def test_refuses_a_mobject_without_dashes() -> None:
    from manim import VGroup

    with pytest.raises(ValueError, match="at least one dash"):
        one_path(VGroup())


@pytest.mark.parametrize("matrix", MATRICES, ids=["shear", "shrink"])
def test_apply_matrix_moves_it_as_the_dashes(matrix: np.ndarray) -> None:
    from manim import ApplyMatrix, tempconfig

    with tempconfig(SIZE):
        line = dashed()
        path = one_path(line)
        about = np.array([-1.0, 0.5, 0.0])
        slow, fast = (
            ApplyMatrix(matrix, line, about_point=about),
            ApplyMatrix(matrix, path, about_point=about),
        )
        for anim in (slow, fast):
            anim.begin()
        for alpha in (0.3, 0.75, 1.0):
            slow.interpolate(alpha)
            fast.interpolate(alpha)
            moved = np.concatenate([d.points for d in line.family_members_with_points()])
            assert_allclose(path.points, moved, rtol=0, atol=1e-12, err_msg=f"alpha={alpha}")


@pytest.mark.parametrize("matrix", [np.eye(2), *MATRICES], ids=["identity", "shear", "shrink"])
def test_draws_the_same_pixels(matrix: np.ndarray) -> None:
    """At 480p, over a dark background and crossing another line: identical except where
    the antialiased ends of two dashes share a pixel (dashes nearly touching after the
    shrink), there within a few levels."""
    from manim import Line, tempconfig

    with tempconfig(SIZE):
        line = dashed()
        line.apply_matrix(matrix, about_point=np.array([-1.0, 0.5, 0.0]))
        under = Line(np.array([-6.0, 2.0, 0.0]), np.array([6.0, -2.0, 0.0]), color="#DDCC77")
        slow = draw([under, line])
        fast = draw([under, one_path(line)])
    diff = np.abs(slow - fast)
    assert slow.max() > 100, "nothing was drawn"
    assert diff.max() <= 8, f"max difference {diff.max()}"
    assert (diff.max(axis=2) > 0).mean() < 1e-3, "more than 0.1% of pixels differ"
