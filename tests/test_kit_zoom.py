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


@pytest.mark.parametrize(
    ("factor", "tex", "text"),
    [
        (20.0, "20", "20"),
        (5000.0, "5000", "5000"),
        (2e5, r"2\cdot10^{5}", "2e5"),
        (1e7, "10^{7}", "1e7"),
    ],
)
def test_factor_is_written_whole_then_as_a_power(factor: float, tex: str, text: str) -> None:
    from scenes.kit.numbers import caption_text
    from scenes.kit.zoom import factor_tex, factor_text

    assert factor_tex(factor) == tex
    assert factor_text(factor) == text
    if factor >= 1e4:
        assert "10" in caption_text(f"x {factor_text(factor)} y") and "e" not in caption_text(
            factor_text(factor)
        )
