"""scenes.kit.clipped: graphs cut at a plot's border, never drawn outside it."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from scenes.kit.clipped import clipped_graph, inside_runs
from scenes.kit.plots import plot_frame


def test_a_parabola_is_cut_where_it_leaves_the_box() -> None:
    """y = x^2 on [-3, 3] inside y <= 4 is one run from x = -2 to x = 2 (ends on the
    border, at the crossings sqrt(4) = 2 up to the chord's interpolation)."""
    x = np.linspace(-3, 3, 601)
    runs = inside_runs(x, x**2, (-1.0, 4.0))
    assert len(runs) == 1
    run = runs[0]
    assert_allclose(run[[0, -1], 1], [4.0, 4.0], atol=1e-12)
    assert_allclose(run[[0, -1], 0], [-2.0, 2.0], atol=1e-4)  # chord error h^2/8-ish
    assert np.all((run[:, 1] >= -1.0) & (run[:, 1] <= 4.0))
    assert np.all(np.diff(run[:, 0]) > 0)


def test_a_curve_that_leaves_and_comes_back_makes_two_runs() -> None:
    x = np.linspace(0, 2 * np.pi, 400)
    runs = inside_runs(x, 2 * np.sin(x), (-1.0, 1.0))
    # sin crosses |y| = 1/2 ... inside below 1, out, back in, out below -1, back in
    assert len(runs) == 3
    for run in runs:
        assert np.all(np.abs(run[:, 1]) <= 1.0 + 1e-12)


def test_a_segment_jumping_over_the_box_keeps_its_crossing_part() -> None:
    runs = inside_runs([0.0, 1.0], [-10.0, 10.0], (-1.0, 1.0))
    assert len(runs) == 1
    assert_allclose(runs[0], [[0.45, -1.0], [0.55, 1.0]], atol=1e-12)


def test_nothing_inside_is_an_empty_mobject() -> None:
    frame = plot_frame(((0.0, 1.0), (0.0, 1.0)), 4.0, 3.0, (0.0, 0.0))
    x = np.linspace(0, 1, 11)
    assert inside_runs(x, x + 5, (0.0, 1.0)) == []
    assert len(clipped_graph(frame, x, x + 5, "#ffffff").points) == 0
    assert inside_runs(x, np.full_like(x, np.nan), (0.0, 1.0)) == []


def test_drawn_points_stay_on_the_screen_inside_the_border() -> None:
    frame = plot_frame(((-2.0, 2.0), (-1.0, 1.0)), 6.0, 4.0, (-1.0, 0.5))
    x = np.linspace(-2, 2, 201)
    vm = clipped_graph(frame, x, x**3, "#ffffff")
    pts = np.array([frame.p2c(p) for p in vm.points])
    assert np.all(np.abs(pts[:, 1]) <= 1 + 1e-9) and np.all(np.abs(pts[:, 0]) <= 2 + 1e-9)
    border = frame.border
    assert vm.get_top()[1] <= border.get_top()[1] + 1e-9
    assert vm.get_bottom()[1] >= border.get_bottom()[1] - 1e-9
