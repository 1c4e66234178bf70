"""The kit's one coordinate system against Manim's own Axes.c2p / p2c."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Axes
from numpy.testing import assert_allclose

from scenes.kit.coords import Coords

BOX = ((-3.0, 5.0), (0.5, 2.5))


@pytest.fixture
def axes_and_coords() -> tuple[Axes, Coords]:
    axes = Axes(x_range=(-3, 5, 8), y_range=(0.5, 2.5, 2), x_length=6.0, y_length=3.0)
    axes.shift(np.array([-1.0, 0.3, 0.0]) - axes.c2p(-3.0, 0.5))
    return axes, Coords.onto(BOX, left=-1.0, bottom=0.3, width=6.0, height=3.0)


def test_c2p_matches_manim_axes(axes_and_coords: tuple[Axes, Coords], rng: np.random.Generator):
    axes, coords = axes_and_coords
    points = np.column_stack([rng.uniform(-3, 5, 20), rng.uniform(0.5, 2.5, 20)])
    expected = np.array([axes.c2p(x, y) for x, y in points])
    assert_allclose(coords.c2p(points), expected, atol=1e-12)
    assert_allclose(coords.c2p(points[:, 0], points[:, 1]), expected, atol=1e-12)
    assert_allclose(coords.c2p(points[3]), expected[3], atol=1e-12)
    assert_allclose(coords.c2p(float(points[3, 0]), float(points[3, 1])), expected[3], atol=1e-12)


def test_p2c_inverts_c2p_and_matches_manim(
    axes_and_coords: tuple[Axes, Coords], rng: np.random.Generator
) -> None:
    axes, coords = axes_and_coords
    scene_points = np.column_stack([rng.uniform(-7, 7, 15), rng.uniform(-4, 4, 15), np.zeros(15)])
    expected = np.array([axes.p2c(p)[:2] for p in scene_points])
    assert_allclose(coords.p2c(scene_points), expected, atol=1e-12)
    assert_allclose(coords.p2c(coords.c2p(expected)), expected, atol=1e-12)
    assert coords.p2c(scene_points[0]).shape == (2,)


def test_uniform_plane_has_one_unit_on_both_axes() -> None:
    plane = Coords.uniform((1.0, -0.5, 0.0), 0.8)
    assert_allclose(plane.c2p((2.0, -1.0)), [1.0 + 1.6, -0.5 - 0.8, 0.0], atol=1e-15)
    assert plane.unit == 0.8
    assert plane.length(2.5) == pytest.approx(2.0, abs=1e-15)
    assert_allclose(plane.shifted((1.0, 1.0, 0.0)).c2p((0.0, 0.0)), [2.0, 0.5, 0.0])
