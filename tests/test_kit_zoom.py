"""The kit's zoom inset: its map, window, round factor and placement (closed forms)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.kit.zoom import Zoom, inset_centre, zoom_factor


def test_zoom_maps_its_centre_and_scales_by_the_factor() -> None:
    z = Zoom(np.array([2.0, 1.0]), 20.0, 0.5, np.array([-3.0, 1.0, 0.0]), 1.0)
    assert z.unit == 10.0
    assert_allclose(z.c2p(np.array([2.0, 1.0])), [-3.0, 1.0, 0.0])
    assert_allclose(
        z.c2p(np.array([[2.1, 1.0], [2.0, 0.9]])), [[-2.0, 1.0, 0.0], [-3.0, 0.0, 0.0]], atol=1e-12
    )
    (x0, x1), (y0, y1) = z.window()
    assert_allclose([x0, x1, y0, y1], [1.9, 2.1, 0.9, 1.1], atol=1e-12)
    corners = z.c2p(np.array([[x0, y0], [x1, y1]]))
    assert_allclose(corners[:, :2], [[-4.0, 0.0], [-2.0, 2.0]], atol=1e-12)  # the inset's corners


@pytest.mark.parametrize(
    ("length", "target", "factor"),
    [(0.09, 1.0, 20.0), (0.1, 1.0, 10.0), (0.3, 1.0, 5.0), (2.0, 1.0, 1.0), (1e-4, 1.0, 1e4)],
)
def test_zoom_factor_is_the_smallest_round_one(length: float, target: float, factor: float) -> None:
    assert zoom_factor(length, target) == pytest.approx(factor)
    assert zoom_factor(length, target) * length >= target * (1 - 1e-12)


def test_inset_centre_takes_the_emptiest_candidate() -> None:
    obstacles = np.array([[0.0, 0.0, 0.0], [0.2, 0.1, 0.0], [5.0, 5.0, 0.0]])
    candidates = [np.array([0.0, 0.0, 0.0]), np.array([5.0, 5.0, 0.0]), np.array([9.0, 0.0, 0.0])]
    assert_allclose(inset_centre(candidates, obstacles, 1.0), [9.0, 0.0, 0.0])
    assert_allclose(inset_centre(candidates[:2], obstacles, 1.0), [5.0, 5.0, 0.0])
