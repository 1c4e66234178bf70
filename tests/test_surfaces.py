"""Surface heights and their slopes against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz import objectives as ob
from mlmath_viz import surfaces
from scenes.kit.surfaces import height_scale


@pytest.mark.parametrize("name", ob.NAMED)
def test_height_gradient_matches_central_differences(name: str, rng: np.random.Generator) -> None:
    f = ob.by_name(name, [[4.0, 1.2], [1.2, 1.0]])
    (x0, x1), (y0, y1) = f.view
    h = 1e-6
    for p in np.column_stack([rng.uniform(x0, x1, 10), rng.uniform(y0, y1, 10)]):

        def z(q: np.ndarray) -> float:
            return float(surfaces.height(f, f.value(q), height_scale(f)))

        numeric = [(z(p + e) - z(p - e)) / (2 * h) for e in np.eye(2) * h]
        assert_allclose(
            surfaces.height_gradient(f, p, height_scale(f)), numeric, rtol=1e-5, atol=1e-7
        )


def test_log_height_is_zero_at_the_minimum() -> None:
    f = ob.himmelblau()
    assert surfaces.height(f, f.value((3.0, 2.0)), height_scale(f)) == pytest.approx(0.0, abs=1e-12)
    q = ob.quadratic(np.eye(2))
    assert surfaces.height(q, 2.0, height_scale(q)) == 2.0
