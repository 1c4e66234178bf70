"""The kit's heat map: its colour scales (anchors, interpolation, lightness, colour-blind
distances), the cells' places and colours, the numbers' contrast and the colour bar."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.kit.heat_map import (
    VIRIDIS,
    ColourScale,
    HeatMap,
    colour_bar,
    diverging_scale,
    readable_on,
    sequential_scale,
)
from scenes.kit.palettes import contrast_ratio, relative_luminance
from scenes.kit.standard import MIN_COLOUR_DISTANCE, colour_distance
from scenes.kit.style import PALETTE, theme


def _rgb(c: str) -> np.ndarray:
    return np.array([int(c[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def test_a_scale_passes_through_its_anchors_and_interpolates_in_srgb() -> None:
    scale = ColourScale(("#000000", "#ff0000", "#ffffff"), -2.0, 2.0)
    assert [scale.colour(v) for v in (-2.0, 0.0, 2.0)] == ["#000000", "#ff0000", "#ffffff"]
    # a quarter of the way: halfway between the first two anchors, channel by channel
    assert_allclose(_rgb(scale.colour(-1.0)), [127.5, 0, 0], atol=0.5)
    assert_allclose(_rgb(scale.colour(1.5)), [255, 191.25, 191.25], atol=0.5)
    assert scale.colour(-9.0) == "#000000" and scale.colour(9.0) == "#ffffff"  # clipped
    with pytest.raises(ValueError):
        scale.colour(float("nan"))
    with pytest.raises(ValueError):
        ColourScale(("#000000", "#ffffff"), 1.0, 1.0)


def test_sequential_scale_is_viridis_and_its_lightness_rises() -> None:
    scale = sequential_scale(10.0)
    assert scale.colour(0.0) == VIRIDIS[0] and scale.colour(10.0) == VIRIDIS[-1]
    luminance = [relative_luminance(scale.colour(v)) for v in np.linspace(0, 10, 41)]
    assert np.all(np.diff(luminance) > 0)


@pytest.mark.parametrize("name", ["dark", "light"])
def test_diverging_scale_is_neutral_at_zero_and_its_ends_stay_apart(name: str) -> None:
    with theme(name):
        scale = diverging_scale(1.0)
        middle = scale.colour(0.0)
        # the middle is the neutral grey closest to the background's lightness side
        assert contrast_ratio(middle, PALETTE.background) < 1.5
        for vision in ("normal", "deuteranopia", "protanopia"):
            for v in (0.5, 1.0):
                gap = colour_distance(scale.colour(-v), scale.colour(v), vision)
                assert gap >= MIN_COLOUR_DISTANCE, (vision, v, gap)
        # equal |value|: equally far from the middle (within the sRGB path's bend)
        for v in (0.25, 0.5, 1.0):
            d_neg = colour_distance(middle, scale.colour(-v))
            d_pos = colour_distance(middle, scale.colour(v))
            assert d_neg > 0 and d_pos > 0
            assert 0.5 < d_neg / d_pos < 2.0


@pytest.mark.parametrize("name", ["dark", "light"])
def test_numbers_in_cells_are_readable_on_every_colour(name: str) -> None:
    with theme(name):
        for scale in (sequential_scale(1.0), diverging_scale(1.0)):
            for v in np.linspace(scale.low, scale.high, 33):
                fill = scale.colour(v)
                assert contrast_ratio(readable_on(fill), fill) >= 4.5, (name, v, fill)


def test_cells_sit_row_by_row_from_the_top_in_their_colours() -> None:
    values = np.array([[0.0, 0.5, 1.0], [0.25, 0.75, 0.1]])
    scale = sequential_scale(1.0)
    heat = HeatMap(
        values, scale, 0.5, 0.4, digits=2, row_labels=["a", "b"], column_labels=["x", "y", "z"]
    )
    assert heat.shape == (2, 3) and len(heat.cells) == 6 and len(heat.numbers) == 6
    centres = np.array([[heat.cell(i, j).get_center()[:2] for j in range(3)] for i in range(2)])
    assert_allclose(centres[0, :, 1] - centres[1, :, 1], 0.4)  # row 0 above row 1
    assert_allclose(np.diff(centres[:, :, 0], axis=1), 0.5)  # columns left to right
    assert_allclose([heat.cell(0, 0).width, heat.cell(0, 0).height], [0.5, 0.4])
    expected = np.vectorize(scale.colour)(values)
    assert (heat.cell_colours() == expected).all()
    for k, number in enumerate(heat.numbers):
        assert_allclose(number.get_center(), heat.cells[k].get_center(), atol=1e-9)
    # labels beside their row and above their column
    for i, label in enumerate(heat.row_labels):
        assert label.get_right()[0] < heat.cell(i, 0).get_left()[0]
        assert label.get_center()[1] == pytest.approx(heat.cell(i, 0).get_center()[1], abs=1e-6)
    for j, label in enumerate(heat.column_labels):
        assert label.get_bottom()[1] > heat.cell(0, j).get_top()[1]


def test_recoloured_keeps_the_place_and_takes_the_new_values() -> None:
    heat = HeatMap([[0.2, 0.8], [0.5, 0.1]], sequential_scale(1.0), 0.6, digits=1)
    heat.shift([1.0, -2.0, 0.0])
    new = np.array([[1.0, 0.0], [0.3, 0.7]])
    target = heat.recoloured(new)
    assert (target.cell_colours() == np.vectorize(heat.colour_scale.colour)(new)).all()
    assert (heat.cell_colours() == np.vectorize(heat.colour_scale.colour)(heat.values)).all()
    for a, b in zip(heat.cells, target.cells, strict=True):
        assert_allclose(a.get_center(), b.get_center())
    for k, number in enumerate(target.numbers):
        assert_allclose(number.get_center(), target.cells[k].get_center(), atol=1e-9)
    with pytest.raises(ValueError):
        heat.recoloured(np.zeros((3, 2)))


def test_colour_bar_runs_from_low_at_the_bottom_to_high_at_the_top() -> None:
    scale = diverging_scale(1.0)
    bar = colour_bar(scale, 3.0, [-1.0, 0.0, 1.0])
    bands = bar.bands
    assert len(bands) == 48
    assert bands[0].get_center()[1] < bands[-1].get_center()[1]
    assert bands[0].get_fill_color().to_hex().lower() == scale.colour(-1 + 1 / 48)
    ys = [label.get_center()[1] for label in bar.labels]
    assert_allclose(ys, [-1.5, 0.0, 1.5], atol=1e-9)


def test_a_heat_map_is_a_mobject_that_scales_and_fades() -> None:
    from manim import FadeIn

    heat = HeatMap([[0.2, 0.8]], sequential_scale(1.0), 0.5)
    width = heat.width
    heat.scale(2)  # Mobject.scale, not shadowed by the colour scale
    assert heat.width == pytest.approx(2 * width)
    FadeIn(heat).begin()
