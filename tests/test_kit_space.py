"""The kit's projected 3-D space against an independent camera: numpy's rotation of R^3
onto the screen, from the azimuth and elevation by rotation matrices."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.kit.space import Space, box_corners, parallelogram


def rotation_z(degrees: float) -> np.ndarray:
    t = np.radians(degrees)
    return np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])


def rotation_x(degrees: float) -> np.ndarray:
    t = np.radians(degrees)
    return np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])


def camera_frame(azimuth: float, elevation: float) -> np.ndarray:
    """Rows: screen right, screen up, toward the camera, by rotating a camera that looks
    down -y (right = x, up = z) by elevation about x, then by azimuth + 90 about z."""
    base = np.array([[1.0, 0, 0], [0, 0, 1.0], [0, -1.0, 0]])  # right, up, toward
    turn = rotation_z(azimuth + 90) @ rotation_x(-elevation)
    return (turn @ base.T).T


@pytest.mark.parametrize("azimuth, elevation", [(30, 20), (-60, 35), (120, 5), (0, 89)])
def test_projection_matches_a_rotated_camera(azimuth: float, elevation: float) -> None:
    rng = np.random.default_rng(7)
    points = rng.normal(size=(20, 3))
    space = Space(np.array([0.5, -1.0, 0.0]), 1.7, azimuth, elevation)
    right, up, toward = camera_frame(azimuth, elevation)
    expected = np.array([0.5, -1.0]) + 1.7 * np.stack([points @ right, points @ up], axis=1)
    drawn = space.c2p(points)
    assert_allclose(drawn[:, :2], expected, atol=1e-12)
    assert_allclose(drawn[:, 2], 0.0)
    assert_allclose(space.depth(points), points @ toward, atol=1e-12)
    # a single point gives one point
    assert_allclose(space.c2p(points[0]), drawn[0], atol=1e-12)


def test_orientation_reads_as_a_textbook_picture() -> None:
    """Seen from azimuth 30, elevation 25: x comes toward the viewer and left, y goes
    right, z goes straight up."""
    space = Space(np.zeros(3), 1.0)
    x, y, z = space.c2p(np.eye(3))
    assert x[0] < 0 and y[0] > 0 and abs(z[0]) < 1e-12 and z[1] > 0
    assert space.depth([1, 0, 0]) > space.depth([-1, 0, 0])


def test_fitted_puts_every_corner_in_the_rectangle_and_touches_two_sides() -> None:
    corners = box_corners([-1, -2, 0], [3, 2, 4])
    space = Space.fitted(corners, -6.0, -3.0, 7.0, 5.0, azimuth=40, elevation=25)
    drawn = space.c2p(corners)[:, :2]
    assert (drawn[:, 0] >= -6 - 1e-9).all() and (drawn[:, 0] <= 1 + 1e-9).all()
    assert (drawn[:, 1] >= -3 - 1e-9).all() and (drawn[:, 1] <= 2 + 1e-9).all()
    span = drawn.max(axis=0) - drawn.min(axis=0)
    assert np.isclose(span[0], 7.0) or np.isclose(span[1], 5.0)
    # centred
    assert_allclose((drawn.max(axis=0) + drawn.min(axis=0)) / 2, [-2.5, -0.5], atol=1e-9)


def test_parallel_lengths_keep_one_scale_and_patches_close() -> None:
    space = Space(np.zeros(3), 2.0, 25, 30)
    u = np.array([1.0, 2.0, -0.5])
    assert np.isclose(space.length(3 * u), 3 * space.length(u))
    a, b, c, d = space.c2p(parallelogram([1, 1, 1], u, [0, 1, 1]))
    assert_allclose(a + c, b + d, atol=1e-12)  # a parallelogram's diagonals bisect
    assert len(box_corners([0, 0, 0], [1, 1, 1])) == 8
