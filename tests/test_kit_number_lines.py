"""scenes.kit.number_lines: values to points and back, ticks inside the line, labels with
the decimals their step needs."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.kit.number_lines import local_line, tick_decimals


@pytest.mark.parametrize(
    ("ticks", "digits"),
    [([0.0, 1.0, 2.0], 0), ([0.2, 0.4], 1), ([0.6, 0.65, 0.7], 2), ([10.0, 20.0], 0),
     ([0.001, 0.002], 3), ([0.5], 2)],
)  # fmt: skip
def test_tick_decimals(ticks: list[float], digits: int) -> None:
    assert tick_decimals(np.array(ticks)) == digits


@pytest.mark.parametrize(("centre", "unit"), [(0.7, 6.0), (-0.527, 50.0), (1000.0, 0.01)])
def test_values_round_trip_and_ticks_are_distinct(centre: float, unit: float) -> None:
    line = local_line(1.5, -5.0, 2.0, centre, unit)
    assert_allclose(line.c2p(centre), [-1.5, 1.5, 0.0], atol=1e-12)
    for v in (centre - 0.3 / unit, centre + 2.0 / unit):
        assert_allclose(line.p2c(line.c2p(v)), v, rtol=1e-12, atol=1e-12)
    assert_allclose(line.c2p(centre + 1.0)[0] - line.c2p(centre)[0], unit, rtol=1e-12)
    lo, hi = line.span
    assert_allclose((hi - lo) * unit, 7.0, rtol=1e-12)
    labels = [m.tex_string for m in line.labels]
    assert len(labels) >= 2 and len(set(labels)) == len(labels), labels
    for tick, label in zip(line.ticks, line.labels, strict=True):
        x = tick.get_center()[0]
        assert -5.0 < x < 2.0
        assert_allclose(float(label.tex_string), line.p2c(tick.get_center()), atol=1e-9)
        assert label.get_top()[1] < 1.5
