"""The kit's plot layout: fitting a plot region, clipping to it, and the plot frame's
coordinate map (checked against Manim's own ``Axes``, the map it replaced)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.kit.plots import clip_segment, fit_box, plot_frame


def test_fit_box_has_the_aspect_and_holds_everything() -> None:
    box = fit_box([[10.0, 0.0], [np.nan, 1.0]], ((-1.0, 1.0), (-1.0, 1.0)), aspect=1.5)
    (x0, x1), (y0, y1) = box
    assert_allclose((x1 - x0) / (y1 - y0), 1.5)
    assert x0 <= -1 and x1 >= 10 and y0 <= -1 and y1 >= 1


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        ((0, 0), (0.5, 0.5), ((0, 0), (0.5, 0.5))),
        ((0, 0), (4, 0), ((0, 0), (1, 0))),
        ((-3, 0.5), (3, 0.5), ((-1, 0.5), (1, 0.5))),
        ((2, 2), (3, 3), None),
        ((0, 0), (1e9, 1e9), ((0, 0), (1, 1))),
    ],
)
def test_clip_segment(p: tuple, q: tuple, expected: tuple | None) -> None:
    out = clip_segment(p, q, ((-1.0, 1.0), (-1.0, 1.0)))
    if expected is None:
        assert out is None
    else:
        assert out is not None
        assert_allclose(out[0], expected[0], atol=1e-12)
        assert_allclose(out[1], expected[1], atol=1e-9)


@pytest.mark.parametrize(
    ("box", "width", "height", "centre"),
    [
        (((-2.0, 3.0), (-1.0, 4.0)), 6.7, 6.7, (-3.2, -0.1)),
        (((0.0, 30.0), (-14.0, 2.0)), 5.1, 2.6, (3.55, -2.0)),
        (((-1.3e-3, 7.7e-2), (1e3, 5e4)), 4.0, 3.0, (0.0, 0.0)),
    ],
)
def test_plot_frame_maps_like_manims_axes(
    box: tuple, width: float, height: float, centre: tuple
) -> None:
    from manim import Axes

    (x0, x1), (y0, y1) = box
    axes = Axes(
        x_range=(x0, x1, x1 - x0),
        y_range=(y0, y1, y1 - y0),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"include_ticks": False, "stroke_opacity": 0.0, "stroke_width": 0},
    )
    axes.move_to([centre[0], centre[1], 0.0])
    frame = plot_frame(box, width, height, centre)
    rng = np.random.default_rng(3)
    points = np.column_stack([rng.uniform(x0, x1, 20), rng.uniform(y0, y1, 20)])
    expected = np.array([axes.c2p(x, y) for x, y in points])
    scale = max(width, height)
    assert_allclose(frame.c2p(points), expected, rtol=0, atol=1e-12 * scale)
    back = np.array([frame.p2c(p) for p in expected])
    span = np.array([x1 - x0, y1 - y0])
    assert_allclose(back, points, rtol=0, atol=1e-12 * span.max())


@pytest.mark.parametrize("beside", [False, True])
def test_x_title_inside_over_the_axis_end_or_past_it(beside: bool) -> None:
    """``Plot``'s x title: by default inside the plot, left of and above the axis's right
    end; with ``x_title_beside`` past that end at the axis's height, clear of the last
    tick label (a heavy-tailed curve is still high over the axis's end)."""
    from scenes.kit.plotting import Plot

    plot = Plot(-4.0, 4.0, 1.2, box=(-6.5, 2.5, -3.5, 3.3), x_title="x", x_title_beside=beside)
    (title,) = [t for t in plot.titles if t.get_center()[1] < plot.c2p(0.0, 0.5)[1]]
    end = plot.c2p(plot.x_hi, 0.0)
    last_tick = min(plot.tick_labels, key=lambda m: np.linalg.norm(m.get_top() - end))
    if beside:
        assert title.get_left()[0] > end[0]
        assert title.get_bottom()[1] < end[1] < title.get_top()[1]
        assert title.get_left()[0] > last_tick.get_right()[0]
    else:
        assert title.get_right()[0] < end[0]
        assert title.get_bottom()[1] > end[1]
