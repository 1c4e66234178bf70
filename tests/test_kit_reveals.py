"""The kit's reveals: a path and a loss plot shown up to a step, against the points
they should draw (computed here from the plot's coordinate map)."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from scenes.kit.marks import dot_centres
from scenes.kit.plots import LogAxis, plot_frame
from scenes.kit.reveals import LossReveal, PathArt

BOX = ((-2.0, 2.0), (-2.0, 2.0))


def test_path_art_shows_the_dots_inside_and_the_marker_part_way() -> None:
    frame = plot_frame(BOX, 4.0, 4.0, (0.0, 0.0))
    points = np.array([[-1.0, -1.0], [0.0, 1.0], [5.0, 1.0], [1.0, 0.0]])
    art = PathArt(frame, points, "#ffffff")
    art.set(1.5)
    centres = frame.coords.p2c(dot_centres(art.dots))
    assert_allclose(centres, points[:2], atol=1e-9)
    halfway = 0.5 * (points[1] + points[2])  # (2.5, 1): outside, so the marker hides
    assert halfway[0] > BOX[0][1] and art.marker.get_fill_opacity() == 0.0
    art.set(3.0)
    assert_allclose(frame.p2c(art.marker.get_center()), points[3], atol=1e-9)
    assert_allclose(frame.coords.p2c(dot_centres(art.dots)), points[[0, 1, 3]], atol=1e-9)
    for inv in art.invariants("path", points):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


def test_loss_reveal_draws_the_losses_on_the_log_axis() -> None:
    losses = np.array([100.0, 10.0, 1.0, 0.1])
    axis = LogAxis.for_losses(losses, diverged=False)
    frame = plot_frame(((0.0, 3.0), (float(axis.low), float(axis.high))), 3.0, 2.0, (0, 0))
    reveal = LossReveal(frame, losses, axis, "#ffffff", dot_radius=0.04)
    want = np.column_stack([np.arange(4), np.log10(losses)])
    reveal.set(1.5)
    assert len(dot_centres(reveal.dots)) == 2
    vertices = frame.coords.p2c(np.asarray(reveal.line.points))
    assert_allclose(vertices[0], want[0], atol=1e-9)
    assert_allclose(vertices[-1], 0.5 * (want[1] + want[2]), atol=1e-9)
    reveal.set(3.0)
    for inv in reveal.invariants("loss", losses):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)
