"""Fast paths of the probability and statistics scenes against the Manim way they replace.

The oracle is Manim: :class:`~manim.Integer` counted through the same values must hold
the same points (to 1e-9 scene units: CountingInteger makes the same translations in
another order) and colours as :class:`CountingInteger`, and a Cairo camera holding the
family captured at an animation's start (as the renderer does) must draw the same
pixels for both.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.testing import assert_allclose, assert_array_equal

from scenes.probability.counter import CountingInteger

SIZE = {"pixel_width": 320, "pixel_height": 180, "frame_rate": 15}
#: Up, down, past a comma, back to one digit, negative, and a value repeated.
VALUES = [0, 7, 250, 999, 1000, 1000, 12_345, 3, -5, -1250, 250, 100_000, 42]


def drawn(mob: Any) -> tuple[np.ndarray, np.ndarray]:
    members = mob.family_members_with_points()
    points = np.concatenate([m.points for m in members])
    colours = np.concatenate([m.get_fill_rgbas() for m in members])
    return points, colours


def pair(**kwargs: Any) -> tuple[Any, CountingInteger]:
    from manim import Integer

    a = Integer(0, **kwargs).shift([2.0, 1.0, 0.0])
    b = CountingInteger(0, **kwargs).shift([2.0, 1.0, 0.0])
    return a, b


def test_counting_integer_holds_integers_points_and_colours() -> None:
    a, b = pair(font_size=36, color="#EE7733")
    for v in VALUES:
        a.set_value(v)
        b.set_value(v)
        (pa, ca), (pb, cb) = drawn(a), drawn(b)
        assert pa.shape == pb.shape, f"{v}: different glyph points"
        assert_allclose(pb, pa, atol=1e-9, err_msg=f"points at {v}")
        assert_allclose(cb, ca, atol=0, err_msg=f"colours at {v}")
        assert b.get_value() == a.get_value() == v


def test_counting_integer_after_scaling_and_moving_matches_integer() -> None:
    a, b = pair(font_size=30)
    for m in (a, b):
        m.scale(1.7).move_to([-3.0, -2.0, 0.0]).set_color("#4477AA")
    for v in VALUES:
        a.set_value(v)
        b.set_value(v)
        assert_allclose(drawn(b)[0], drawn(a)[0], atol=1e-9, err_msg=f"points at {v}")


def test_camera_draws_the_same_pixels_while_counting() -> None:
    """The renderer keeps drawing the family it captured when the count began; glyphs
    no longer shown must draw nothing, and glyphs shown again must be drawn."""
    from manim import Camera, tempconfig

    with tempconfig(SIZE):
        a, b = pair(font_size=48)
        captured = {id(a): a.get_family(), id(b): b.get_family()}
        for v in VALUES:
            images = []
            for m in (a, b):
                m.set_value(v)
                camera = Camera()
                camera.capture_mobjects([*captured[id(m)], m])
                images.append(camera.get_image())
            assert_array_equal(np.asarray(images[1]), np.asarray(images[0]), err_msg=f"{v}")
            assert np.asarray(images[0])[..., :3].max() > 0, "nothing drawn"
