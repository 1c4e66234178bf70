"""The kit's FastSurface and SurfaceCamera against Manim's own Surface and ThreeDCamera.

The oracle is Manim: the same surface built as ``manim.Surface`` (one mobject a patch)
and drawn by ``manim.ThreeDCamera``. FastSurface must hold the same points and colours,
and SurfaceCamera must draw the same picture (same projection, depth order among the
axes' pieces, shading and gradients), at several camera angles and opacities.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.kit.fast_surface import FastSurface, SurfaceCamera, use_surface_camera

SIZE = {"pixel_width": 320, "pixel_height": 180, "frame_rate": 15}
COLORS = [("#000000", 0.0), ("#4477AA", 0.6), ("#EE7733", 2.4)]


def height(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """A tilted saddle with a bump: every patch is curved and differently lit."""
    return 1.2 + 0.3 * u * v + 0.8 * np.exp(-(u**2 + (v - 0.5) ** 2))


def axes() -> Any:
    from manim import IN, ThreeDAxes

    from scenes.kit.builders import freeze_axis_shading

    a = ThreeDAxes(
        x_range=(-2, 2, 1),
        y_range=(-2, 2, 1),
        z_range=(0, 2.4, 0.6),
        x_length=5.0,
        y_length=5.0,
        z_length=3.0,
        axis_config={"stroke_width": 2, "include_tip": False},
    )
    a.shift(1.2 * IN)
    freeze_axis_shading(a)
    return a


def manim_surface(a: Any, resolution: int, **style: Any) -> Any:
    from manim import Surface

    return Surface(
        lambda u, v: a.c2p(u, v, float(height(np.array(u), np.array(v)))),
        u_range=(-2, 2),
        v_range=(-2, 2),
        resolution=(resolution, resolution),
        checkerboard_colors=[style["fill_color"], style["fill_color"]],
        **style,
    )


def fast_surface(a: Any, resolution: int, **style: Any) -> FastSurface:
    return FastSurface.over_axes(a, height, (-2, 2), (-2, 2), resolution, **style)


STYLE = {
    "fill_color": "#4477AA",
    "fill_opacity": 0.7,
    "stroke_color": "#BBBBBB",
    "stroke_width": 0.4,
}


def test_points_are_manims_surface_points_patch_by_patch() -> None:
    a = axes()
    reference = manim_surface(a, 7, **STYLE)
    fast = fast_surface(a, 7, **STYLE)
    faces = reference.family_members_with_points()
    assert fast.patch_count == len(faces) == 49
    assert_allclose(fast.patch_points(), np.array([f.points for f in faces]), rtol=0, atol=1e-12)
    mids = np.array([f.get_midpoint() for f in faces])
    assert_allclose(fast.patch_midpoints(), mids, rtol=0, atol=1e-9)


def test_fill_by_value_gives_manims_colours() -> None:
    a = axes()
    reference = manim_surface(a, 9, **STYLE)
    reference.set_fill_by_value(axes=a, colorscale=COLORS, axis=2)
    fast = fast_surface(a, 9, **STYLE).set_fill_by_value(a, COLORS, axis=2)
    faces = reference.family_members_with_points()
    assert_allclose(fast.fill_rgbas, np.array([f.fill_rgbas[0] for f in faces]), atol=1e-12)
    assert_allclose(fast.stroke_rgbas, np.array([f.stroke_rgbas[0] for f in faces]), atol=1e-12)


def draw(camera_class: type, mobjects: list[Any], phi: float, theta: float, zoom: float) -> Any:
    from manim import DEGREES

    camera = camera_class(background_color="#111111")
    camera.set_phi(phi * DEGREES)
    camera.set_theta(theta * DEGREES)
    camera.set_zoom(zoom)
    camera.capture_mobjects(mobjects)
    return np.asarray(camera.get_image().convert("RGB"), dtype=np.int16)


@pytest.mark.parametrize(
    ("phi", "theta", "zoom", "opacity", "stroke_width"),
    [
        (62, -55, 0.95, 0.75, 0.0),  # SurfaceDescent's first view
        (75, -90, 1.0, 0.18, 0.4),  # PartialDerivatives' faded x-slice view
        (40, 30, 1.2, 1.0, 0.4),  # opaque, from the other side: occlusion by depth order
        (0, -90, 0.8, 0.4, 0.0),  # straight down
    ],
)
def test_surface_camera_draws_what_three_d_camera_draws(
    phi: float, theta: float, zoom: float, opacity: float, stroke_width: float
) -> None:
    from manim import Dot, Line, ThreeDCamera, tempconfig

    with tempconfig(SIZE):
        a = axes()
        style = {**STYLE, "fill_opacity": opacity, "stroke_width": stroke_width}
        reference = manim_surface(a, 12, **style).set_fill_by_value(axes=a, colorscale=COLORS)
        fast = fast_surface(a, 12, **style).set_fill_by_value(a, COLORS)
        # Flat marks drawn after (in front of) the surface, as the scenes' paths are.
        marks = [Line(a.c2p(-1, -1, 1), a.c2p(1, 1, 2), color="#EE3377"), Dot(a.c2p(0, 0, 2))]
        want = draw(ThreeDCamera, [a, reference, *marks], phi, theta, zoom)
        got = draw(SurfaceCamera, [a, fast, *marks], phi, theta, zoom)
    diff = np.abs(got - want)
    assert float(diff.mean()) < 0.05, float(diff.mean())
    assert float((diff.max(axis=2) > 8).mean()) < 0.001


def test_animating_the_surface_interpolates_its_arrays() -> None:
    """FadeIn and animate.set_fill run on one mobject's arrays, patch colours kept."""
    from manim import FadeIn

    a = axes()
    fast = fast_surface(a, 5, **STYLE).set_fill_by_value(a, COLORS)
    colours = fast.fill_rgbas[:, :3].copy()
    target = fast.copy().set_fill(opacity=0.2)
    assert_allclose(target.fill_rgbas[:, 3], 0.2)
    assert_allclose(target.fill_rgbas[:, :3], colours)
    anim = FadeIn(fast)
    anim.begin()
    anim.interpolate(0.5)
    assert_allclose(fast.fill_rgbas[:, 3], 0.5 * STYLE["fill_opacity"], atol=1e-12)
    assert_allclose(fast.fill_rgbas[:, :3], colours)
    anim.finish()
    assert_allclose(fast.fill_rgbas[:, 3], STYLE["fill_opacity"])


def test_use_surface_camera_keeps_a_three_d_camera() -> None:
    from manim import Camera, ThreeDCamera, ThreeDScene, tempconfig

    with tempconfig(SIZE):
        scene = ThreeDScene()
        use_surface_camera(scene)
        assert isinstance(scene.renderer.camera, SurfaceCamera)
        assert isinstance(scene.renderer.camera, ThreeDCamera)
        assert scene.renderer.camera.pixel_width == SIZE["pixel_width"]
        from manim import Scene

        flat = Scene()
        use_surface_camera(flat)
        assert type(flat.renderer.camera) is Camera


def test_kept_paths_and_shades_follow_changes() -> None:
    """The kept Cairo paths (fixed in the frame) and shaded colours (3-D pieces) are
    redrawn when the mobject moves or changes colour: frame for frame, ThreeDCamera's."""
    from manim import RIGHT, UP, Square, ThreeDCamera, tempconfig

    with tempconfig(SIZE):
        frames: dict[str, list[Any]] = {}
        for name, cls in (("manim", ThreeDCamera), ("kit", SurfaceCamera)):
            a = axes()
            label = Square(0.6, fill_color="#EE7733", fill_opacity=1.0).to_corner(UP + RIGHT)
            camera = cls(background_color="#111111")
            camera.add_fixed_in_frame_mobjects(label)
            frames[name] = []
            for step in range(3):
                camera.reset()
                camera.capture_mobjects([a, label])
                frames[name].append(np.asarray(camera.get_image().convert("RGB"), np.int16))
                label.shift(0.4 * (UP if step == 0 else RIGHT * -1))
                a.x_axis.set_stroke(color="#33BBEE" if step == 0 else "#CC3311")
        for want, got in zip(frames["manim"], frames["kit"], strict=True):
            assert int(np.abs(got - want).max()) == 0
        assert np.abs(frames["kit"][0] - frames["kit"][1]).max() > 0


def test_family_walk_is_manims_even_with_repeats() -> None:
    """The camera's one-pass family walk lists what ``Camera.get_mobjects_to_display``
    lists, in Manim's order, when a mobject is in the list twice or shared by groups."""
    from manim import Camera, Circle, Dot, Square, VGroup, VMobject, tempconfig

    with tempconfig(SIZE):
        a, b, c, d = Square(), Circle(), Dot(), Square().shift(1)
        empty = VMobject()
        inner = VGroup(b, c)
        outer = VGroup(a, inner, d, empty)
        cases = [
            [outer],
            [outer, inner],  # inner's family listed again after the group
            [c, outer, a],
            [VGroup(inner, inner), d, outer],
        ]
        camera = SurfaceCamera()
        for mobjects in cases:
            want = Camera.get_mobjects_to_display(camera, mobjects)
            got = camera.family_with_points(mobjects)
            assert [id(m) for m in got] == [id(m) for m in want]


def _pixel(camera: Any, point: np.ndarray) -> tuple[int, int]:
    """The pixel (row, column) where ``camera`` draws the scene ``point``."""
    x, y = camera.project_point(np.asarray(point, dtype=float))[:2]
    col = int((x / camera.frame_width + 0.5) * camera.pixel_width)
    row = int((0.5 - y / camera.frame_height) * camera.pixel_height)
    return row, col


@pytest.mark.parametrize("theta", [0, 180])  # the ridge seen from either side
def test_marks_on_the_surface_are_hidden_by_the_ridge_in_front(theta: float) -> None:
    """A dot on the surface behind an opaque ridge is hidden; one in front shows. As a
    plain mark (drawn last, as ThreeDCamera draws it) the hidden one would show."""
    from manim import DEGREES, Dot, tempconfig

    def ridge(u: np.ndarray, v: np.ndarray) -> np.ndarray:
        return 0.1 + 2.2 * np.exp(-6 * np.asarray(u) ** 2) + 0 * np.asarray(v)

    mark = np.array([238, 51, 119])  # #EE3377
    with tempconfig({**SIZE, "pixel_width": 640, "pixel_height": 360}):
        a = axes()
        surface = FastSurface.over_axes(
            a, ridge, (-2, 2), (-2, 2), 16, fill_color="#4477AA", fill_opacity=1.0, stroke_width=0
        )
        dots = [
            Dot(
                a.c2p(u, 0.0, float(ridge(np.array(u), np.array(0.0)))), radius=0.1, color="#EE3377"
            )
            for u in (-1.6, 1.6)
        ]
        images = {}
        for registered in (True, False):
            camera = SurfaceCamera(background_color="#111111")
            camera.set_phi(82 * DEGREES)
            camera.set_theta(theta * DEGREES)
            camera.set_zoom(0.9)
            if registered:
                camera.add_surface_marks(surface, *dots)
            camera.capture_mobjects([a, surface, *dots])
            images[registered] = np.asarray(camera.get_image().convert("RGB"), dtype=int)
        depth = [float(d.get_center() @ camera.generate_rotation_matrix()[2]) for d in dots]
        near, far = (dots[1], dots[0]) if depth[1] > depth[0] else (dots[0], dots[1])
        at_near, at_far = _pixel(camera, near.get_center()), _pixel(camera, far.get_center())

    def is_mark(image: np.ndarray, at: tuple[int, int]) -> bool:
        return bool(np.abs(image[at] - mark).max() < 40)

    assert is_mark(images[True], at_near), "the dot in front of the ridge is drawn"
    assert not is_mark(images[True], at_far), "the dot behind the ridge is hidden"
    assert is_mark(images[False], at_far), "drawn plainly (last), it would show"


@pytest.mark.parametrize(("phi", "theta", "opacity"), [(62, -55, 0.75), (40, 30, 1.0)])
def test_flat_patches_move_pixels_by_one_level_each(
    monkeypatch: pytest.MonkeyPatch, phi: float, theta: float, opacity: float
) -> None:
    """A patch whose gradient stops nearly agree is filled with their mean colour: the
    frame is within one level in 255 a flat patch of the frame with every patch a
    gradient (Manim's way), and at these views some patches are flat, so the rule is
    exercised."""
    from manim import tempconfig

    import scenes.kit.fast_surface as fast_surface_module

    with tempconfig(SIZE):
        a = axes()
        style = {**STYLE, "fill_opacity": opacity, "stroke_width": 0.4}
        fast = fast_surface(a, 12, **style).set_fill_by_value(a, COLORS)
        got = draw(SurfaceCamera, [a, fast], phi, theta, 0.95)
        flat = []
        original = fast_surface_module._flat_stops

        def counted(stops: np.ndarray) -> Any:
            found = original(stops)
            flat.append(sum(found[0]))
            return found

        monkeypatch.setattr(fast_surface_module, "_flat_stops", counted)
        draw(SurfaceCamera, [a, fast], phi, theta, 0.95)
        monkeypatch.setattr(fast_surface_module, "FLAT_STEP", -1.0)  # every patch a gradient
        want = draw(SurfaceCamera, [a, fast], phi, theta, 0.95)
    assert max(flat) > 10, flat
    diff = np.abs(got - want).max(axis=2)
    # One level a flat fill or stroke drawn over the pixel: a corner of the grid lies
    # under four patches' outline strokes, a fold of a translucent surface under two
    # fills; nearly every pixel is under one.
    assert int(diff.max()) <= 4
    assert float((diff > 1).mean()) < 0.001


def test_flat_stops_compare_the_premultiplied_colours() -> None:
    from scenes.kit.fast_surface import FLAT_STEP, _flat_stops

    step = FLAT_STEP
    stops = np.array(
        [
            [0.5, 0.5, 0.5, 1.0, 0.5 + 0.9 * step, 0.5, 0.5, 1.0],  # within: flat
            [0.5, 0.5, 0.5, 1.0, 0.5 + 1.1 * step, 0.5, 0.5, 1.0],  # beyond: a gradient
            [0.5, 0.5, 0.5, 0.5, 0.5 + 1.8 * step, 0.5, 0.5, 0.5],  # halved by alpha: flat
            [0.5, 0.5, 0.5, 1.0, 0.5, 0.5, 0.5, 1.0 - 1.1 * step],  # alpha differs: gradient
        ]
    )
    flat, mean = _flat_stops(stops)
    assert flat == [True, False, True, False]
    assert_allclose(mean[0], [0.5 + 0.45 * step, 0.5, 0.5, 1.0])
