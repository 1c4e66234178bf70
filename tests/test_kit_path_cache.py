"""The kit's PathCacheCamera against Manim's own Cairo Camera.

The oracle is Manim: the same mobjects captured frame after frame by ``manim.Camera``.
Some stay still or move by rounding noise only (their kept paths are appended
again), some move or change shape in
place (their paths must be rebuilt), one loses its points and one is dropped and drawn
again later; every frame must be the same pixels, exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.testing import assert_array_equal

from scenes.kit.path_cache import PathCacheCamera, use_path_cache_camera

SIZE = {"pixel_width": 320, "pixel_height": 180, "frame_rate": 15}


def mobjects() -> dict[str, Any]:
    from manim import Circle, MathTex, Square

    from scenes.kit.marks import dot_cloud

    rng = np.random.default_rng(3)
    cloud_points = np.column_stack(
        [rng.uniform(-6, 6, 400), rng.uniform(-3, 3, 400), np.zeros(400)]
    )
    return {
        "glyphs": MathTex(r"\bar x = 1.25", font_size=48).move_to([-3.0, 2.0, 0.0]),
        "cloud": dot_cloud(cloud_points, "#0072B2", width=5.0),
        "disc": Circle(radius=0.8, fill_color="#E69F00", fill_opacity=0.6),
        "square": Square(side_length=1.0, fill_color="#CC79A7", fill_opacity=1.0),
    }


def frame_plan(m: dict[str, Any], k: int) -> list[Any]:
    """Frame k: the glyphs get an animation's rounding noise, the disc moves, the
    square changes shape in place, the cloud is left out of frame 3 and its points are
    emptied from frame 5."""
    for glyph in m["glyphs"].family_members_with_points():  # a fade's rounding noise
        a = 0.1 + 0.1 * k
        glyph.points = (1 - a) * glyph.points + a * glyph.points
    m["disc"].shift([0.3, 0.0, 0.0])
    m["square"].points[0] += [0.05 * k, 0.0, 0.0]
    if k == 5:
        m["cloud"].clear_points()
    drawn = [m["cloud"], m["disc"], m["square"], *m["glyphs"].family_members_with_points()]
    return [mob for mob in drawn if not (k == 3 and mob is m["cloud"])]


def test_path_cache_camera_draws_manims_pixels_frame_by_frame() -> None:
    from manim import Camera, tempconfig

    with tempconfig(SIZE):
        a, b = mobjects(), mobjects()
        plain, cached = Camera(), PathCacheCamera()
        for k in range(8):
            images = []
            for camera, m in ((plain, a), (cached, b)):
                camera.reset()
                camera.capture_mobjects(frame_plan(m, k))
                images.append(np.asarray(camera.get_image()))
            assert_array_equal(images[1], images[0], err_msg=f"frame {k}")
            assert images[0][..., :3].max() > 0


def test_still_mobjects_reuse_their_paths_and_moved_ones_do_not() -> None:
    from manim import Camera, tempconfig

    built: list[Any] = []
    original = Camera.set_cairo_context_path

    class Counting(PathCacheCamera):
        pass

    def counting_build(self: Any, ctx: Any, vmobject: Any) -> Any:
        built.append(vmobject)
        return original(self, ctx, vmobject)

    with tempconfig(SIZE):
        m = mobjects()
        camera = Counting()
        Camera.set_cairo_context_path = counting_build  # the path PathCacheCamera skips
        try:
            for k in range(3):
                built.clear()
                camera.reset()
                camera.capture_mobjects(frame_plan(m, k))
        finally:
            Camera.set_cairo_context_path = original
    assert {id(x) for x in built} == {id(m["disc"]), id(m["square"])}, "only moved ones rebuilt"


def test_use_path_cache_camera_swaps_only_a_plain_camera() -> None:
    from manim import Camera, ThreeDCamera, tempconfig

    class Holder:
        def __init__(self, camera: Any) -> None:
            self.renderer = type("R", (), {"camera": camera})()

    with tempconfig(SIZE):
        flat, deep = Holder(Camera()), Holder(ThreeDCamera())
        use_path_cache_camera(flat)
        use_path_cache_camera(deep)
        assert type(flat.renderer.camera) is PathCacheCamera
        assert flat.renderer.camera.pixel_width == 320
        assert type(deep.renderer.camera) is ThreeDCamera
