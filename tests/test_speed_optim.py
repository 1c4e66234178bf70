"""The optimization scenes' fast paths against the slow way they replace (issue 24).

``still_below`` moves unchanging texts below a scene's first moving mobject for the
animations played inside it: the drawing order inside, the order put back after it, and
(for mobjects that do not overlap) the same pixels as the order Manim had."""

from __future__ import annotations

import numpy as np
from manim import Circle, MathTex, Scene, Square, VGroup, tempconfig

from scenes.optimization.common import still_below


def _frame(mobjects: list) -> np.ndarray:  # type: ignore[type-arg]
    from manim import Camera

    camera = Camera()
    camera.capture_mobjects(mobjects)
    return np.array(camera.pixel_array)


def test_still_below_orders_and_restores() -> None:
    with tempconfig({"pixel_width": 320, "pixel_height": 180, "dry_run": True}):
        scene = Scene()
        plot, marker = Square(2).shift(3 * np.array([-1, 0, 0])), Circle(0.2).shift([-3, 0, 0])
        label, border = MathTex("x = 1").shift(3 * np.array([1, 1, 0])), Square(1).shift([3, -1, 0])
        group = VGroup(border)  # added as a group; the border stands for it
        path = Circle(0.5).shift([-3, 0, 0])
        scene.add(plot, marker, label, group, path)
        before = list(scene.mobjects)
        with still_below(scene, [label, border], marker):
            assert scene.mobjects == [plot, label, group, marker, path]
            inside = _frame(scene.mobjects)
            late = Circle(0.1)
            scene.add(late)
        assert scene.mobjects == [*before, late]
        scene.remove(late)
        np.testing.assert_array_equal(inside, _frame(before), err_msg="pixels changed")
