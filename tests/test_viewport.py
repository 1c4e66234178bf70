"""mlmath_viz.viewport: every point lands inside the box, and the fit is tight."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit.viewport import fit_view


def test_points_fit_and_one_side_is_tight(rng: np.random.Generator) -> None:
    for _ in range(100):
        pts = rng.normal(scale=rng.uniform(0.1, 30), size=(rng.integers(1, 12), 2))
        width, height = rng.uniform(2, 10, size=2)
        unit, centre = fit_view(pts, width, height, max_unit=1e9)
        drawn = unit * (pts - centre)
        assert np.all(np.abs(drawn[:, 0]) <= width / 2 + 1e-9)
        assert np.all(np.abs(drawn[:, 1]) <= height / 2 + 1e-9)
        if len(pts) > 1:
            used = np.ptp(drawn, axis=0) / [width, height]
            assert max(used) == pytest.approx(1.0)


def test_max_unit_caps_the_scale() -> None:
    unit, centre = fit_view([[0, 0], [1, 1]], 10, 10, max_unit=1.5)
    assert unit == 1.5
    np.testing.assert_allclose(centre, [0.5, 0.5])


def test_non_finite_points_are_rejected() -> None:
    with pytest.raises(ValueError):
        fit_view([[np.nan, 0]], 1, 1, 1)
