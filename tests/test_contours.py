"""Marching squares, contour levels, square views and segment clipping."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from mlmath_viz import contours as ct
from mlmath_viz import objectives as ob


def test_circle_level_set_lies_on_the_circle() -> None:
    xs = ys = np.linspace(-2, 2, 81)
    gx, gy = np.meshgrid(xs, ys)
    lines = ct.contour_lines(xs, ys, gx**2 + gy**2, 1.0)
    assert len(lines) == 1, "one closed curve"
    line = lines[0]
    assert_allclose(line[0], line[-1], rtol=0)
    # Linear interpolation of r^2 on a 0.05 grid: radius error below h^2/4 = 6.3e-4.
    assert_allclose(np.hypot(line[:, 0], line[:, 1]), 1.0, atol=7e-4)
    assert len(line) > 60


def test_contour_points_have_the_level_value_on_an_ellipse(rng: np.random.Generator) -> None:
    f = ob.quadratic([[3.0, 1.0], [1.0, 2.0]])
    xs = ys = np.linspace(-3, 3, 61)
    z = f.grid(xs, ys)
    for level in rng.uniform(0.5, 5, 4):
        for line in ct.contour_lines(xs, ys, z, level):
            values = f.f(line[:, 0], line[:, 1])
            assert_allclose(values, level, rtol=0.02)


def test_open_curves_end_on_the_border() -> None:
    xs = ys = np.linspace(0, 1, 11)
    gx, _ = np.meshgrid(xs, ys)
    lines = ct.contour_lines(xs, ys, gx, 0.55)  # the vertical line x = 0.55
    assert len(lines) == 1
    assert_allclose(lines[0][:, 0], 0.55, atol=1e-12)
    assert_allclose(sorted([lines[0][0, 1], lines[0][-1, 1]]), [0.0, 1.0])


def test_two_minima_give_two_loops() -> None:
    f = ob.himmelblau()
    xs = ys = np.linspace(-5, 5, 101)
    lines = ct.contour_lines(xs, ys, f.grid(xs, ys), 5.0)
    assert len(lines) == 4  # one small loop around each of the four minima
    for line in lines:
        assert_allclose(line[0], line[-1])


def test_level_outside_the_values_gives_nothing() -> None:
    xs = ys = np.linspace(-1, 1, 5)
    assert ct.contour_lines(xs, ys, np.zeros((5, 5)), 1.0) == []


def test_levels_are_increasing_from_near_the_minimum() -> None:
    z = np.linspace(0, 100, 1000)
    levels = ct.contour_levels(z, 8, minimum=0.0)
    assert np.all(np.diff(levels) > 0) and levels[0] > 0
    assert_allclose(levels[-1], np.quantile(z, 0.8))
    assert_allclose(levels[1:] / levels[:-1], levels[1] / levels[0])


def test_points_along_a_square_are_evenly_spaced_with_tangents() -> None:
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float)
    points, tangents = ct.points_along(square, 4)
    assert_allclose(points, [[0.5, 0], [1, 0.5], [0.5, 1], [0, 0.5]], atol=1e-12)
    assert_allclose(tangents, [[1, 0], [0, 1], [-1, 0], [0, -1]], atol=1e-12)
    assert ct.polyline_length(square) == 4.0


def test_gradient_is_perpendicular_to_contour_tangents(rng: np.random.Generator) -> None:
    from mlmath_viz import objectives as ob

    f = ob.himmelblau()
    xs = ys = np.linspace(-5, 5, 121)
    z = f.grid(xs, ys)
    for level in (20.0, 80.0):
        for line in ct.contour_lines(xs, ys, z, level):
            points, tangents = ct.points_along(line, 6)
            for p, t in zip(points, tangents, strict=True):
                # Within the grid's resolution (0.083 here; marching squares interpolates
                # linearly) the contour runs at right angles to grad f, to a few degrees.
                assert abs(ct.angle_degrees(f.gradient(p), t) - 90.0) < 5.0


def test_angle_degrees() -> None:
    assert_allclose(ct.angle_degrees([1, 0], [0, 2]), 90.0)
    assert_allclose(ct.angle_degrees([1, 0], [-1, 0]), 180.0)
