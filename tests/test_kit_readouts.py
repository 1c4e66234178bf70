"""SciStepReadout: the exponent of a loss in scientific notation is drawn whenever
``× 10`` is (the SurfaceDescent fault: a readout faded in from opacity 0 at a step
without an exponent later showed "6.94 × 10" with none), and its split into still and
live parts covers the group exactly."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit.readouts import SciStepReadout

LOSSES = [3.26, 0.5, 6.94e-5, 0.02, 1.5e-12]


@pytest.fixture(scope="module")
def readout() -> SciStepReadout:
    return SciStepReadout(LOSSES, 24, "#ffffff")


def _drawn_opacity(mob) -> float:  # type: ignore[no-untyped-def]
    """The largest fill opacity of the parts with points (what Cairo fills)."""
    parts = [m for m in mob.get_family() if len(m.points)]
    return max((float(m.get_fill_opacity()) for m in parts), default=0.0)


@pytest.mark.parametrize("faded_in", [False, True])
def test_exponent_is_drawn_with_times_ten(readout: SciStepReadout, faded_in: bool) -> None:
    if faded_in:  # as SurfaceDescent: all hidden, then the visible parts of step 0 raised
        readout.show(0)
        readout.set_opacity(0.0)
        for part in readout.visible_parts():
            part.set_opacity(1.0)
    for k, loss in enumerate(LOSSES):
        readout.show(k)
        assert readout.shown_loss() == pytest.approx(loss, rel=5e-3)
        if "e" in readout.shown_text():
            assert _drawn_opacity(readout.times) == 1.0, k
            assert _drawn_opacity(readout.exponent) == 1.0, k
            # raised: the exponent's digits start above the mantissa's middle
            assert readout.exponent.get_bottom()[1] > readout.mantissa.get_center()[1]
            assert readout.exponent.get_left()[0] > readout.times.get_right()[0]
        else:
            assert _drawn_opacity(readout.times) == 0.0, k
            assert _drawn_opacity(readout.exponent) == 0.0, k


def test_hidden_readout_stays_hidden(readout: SciStepReadout) -> None:
    readout.show(0)
    readout.set_opacity(0.0)
    readout.show(2)  # needs x 10^-5, but the readout is not faded in yet
    assert _drawn_opacity(readout) == 0.0
    readout.set_opacity(1.0)


def test_still_and_live_parts_are_the_group(readout: SciStepReadout) -> None:
    parts = [*readout.still_parts(), *readout.live_parts()]
    assert sorted(map(id, parts)) == sorted(map(id, readout.submobjects))
    before = [m.points.copy() for m in readout.still_parts()[0].get_family()]
    for k in range(len(LOSSES)):
        readout.show(k)
    after = [m.points for m in readout.still_parts()[0].get_family()]
    for a, b in zip(before, after, strict=True):
        np.testing.assert_array_equal(a, b)
