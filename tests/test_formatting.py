"""mlmath_viz.formatting: the numbers shown on screen."""

from __future__ import annotations

import pytest

from scenes.kit.numbers import caption_text, format_number, latex_complex, latex_number


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (2.0, "2"),
        (-0.5, "-0.5"),
        (1.23456, "1.23"),
        (-0.0, "0"),
        (0.0, "0"),
        (-0.001, "-1.0e-3"),
        (3e-5, "3.0e-5"),
        (10.0, "10"),
        (0.005, "0.01"),
    ],
)
def test_format_number(x: float, text: str) -> None:
    assert format_number(x) == text


def test_format_number_round_trips_within_half_a_digit(rng) -> None:  # type: ignore[no-untyped-def]
    for x in rng.uniform(-100, 100, size=500):
        assert abs(float(format_number(x)) - x) <= 0.005 + 1e-12


def test_without_scientific_tiny_values_round_to_zero() -> None:
    assert format_number(-5e-324, scientific=False) == "0"
    assert format_number(-0.004, scientific=False) == "0"
    assert format_number(0.006, scientific=False) == "0.01"


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError):
        format_number(float("nan"))


@pytest.mark.parametrize(
    ("re", "im", "tex"),
    [(0, 1, "i"), (0, -1, "-i"), (1, 2, "1 + 2i"), (-0.5, -1, "-0.5 - i"), (3, 0, "3")],
)
def test_latex_complex(re: float, im: float, tex: str) -> None:
    assert latex_complex(re, im) == tex


def test_latex_number_scientific() -> None:
    assert latex_number(3e-5) == r"3.0\times10^{-5}"


# The formatter family's other modes, against hand-checked strings.


@pytest.mark.parametrize(
    ("x", "digits", "text"),
    [
        (0.000123, 3, "1.23e-4"),
        (12345678.0, 3, "1.23e7"),
        (0.5, 3, "0.5"),
        (0.0, 3, "0"),
        (12345.0, 3, "12345"),
        (-2.0e-7, 3, "-2e-7"),
        (1.0e5, 3, "1e5"),
        (99999.0, 3, "99999"),
        (3.14159, 3, "3.14"),
        (3.14159, 2, "3.1"),
        (float("inf"), 3, "inf"),
        (float("-inf"), 3, "-inf"),
        (float("nan"), 3, "nan"),
    ],
)
def test_significant_mode(x: float, digits: int, text: str) -> None:
    from scenes.kit.numbers import sig

    assert format_number(x, digits, mode="significant") == text
    assert sig(x, digits) == text


@pytest.mark.parametrize(
    ("x", "text"),
    [(0.000123, r"1.23\times10^{-4}"), (12345678.0, r"1.23\times10^{7}"), (0.5, "0.5")],
)
def test_significant_mode_as_latex(x: float, text: str) -> None:
    from scenes.kit.numbers import sig_tex

    assert sig_tex(x) == text
    assert latex_number(x, 3, mode="significant") == text


@pytest.mark.parametrize(
    ("x", "digits", "text"),
    [
        (0.5, 2, "0.50"),
        (-0.001, 2, "0.00"),
        (-1.25, 2, "-1.25"),
        (3.0, 0, "3"),
        (-0.4, 0, "0"),
        (12.3456, 3, "12.346"),
    ],
)
def test_fixed_mode(x: float, digits: int, text: str) -> None:
    assert format_number(x, digits, mode="fixed") == text


def test_fixed_mode_is_what_a_readout_shows() -> None:
    from scenes.kit.readouts import Readout

    readout = Readout(0.0, decimals=2)
    for x in (0.5, -0.001, -1.25, 1234.5678, -0.005):
        assert readout.text(x) == format_number(x, 2, mode="fixed")


# The one tick rule, against the three rules it replaces (written out here as oracles).


def _grid_step_oracle(unit: float, min_spacing: float = 0.45) -> float:
    step = 1.0
    while step * unit < min_spacing:
        for factor in (2.0, 2.5, 2.0):
            step *= factor
            if step * unit >= min_spacing:
                break
    return step


def _tick_step_oracle(span: float, target: int) -> float:
    import math

    raw = span / max(1, target)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * magnitude >= raw * (1 - 1e-9):
            return m * magnitude
    return 10.0 * magnitude


@pytest.mark.parametrize("unit", [0.003, 0.02, 0.1, 0.2, 0.225, 0.3, 0.45, 0.9, 1.0, 2.5, 40.0])
def test_nice_step_reproduces_the_grid_step(unit: float) -> None:
    from scenes.kit.numbers import nice_step

    assert nice_step(0.45, unit=unit, smallest=1.0) == _grid_step_oracle(unit)


@pytest.mark.parametrize(
    ("span", "target"),
    [(1.0, 5), (7.3, 4), (0.013, 6), (250.0, 5), (1000.0, 10), (3.0, 0), (0.7, 7), (12.0, 3)],
)
def test_nice_step_reproduces_the_plot_tick_step(span: float, target: int) -> None:
    from scenes.kit.numbers import STEPS_1_2_25_5, nice_step

    step = nice_step(span / max(1, target), mantissas=STEPS_1_2_25_5, rtol=1e-9)
    assert step == _tick_step_oracle(span, target)


@pytest.mark.parametrize(
    ("low", "high", "count", "ticks"),
    [
        (0.0, 1.0, 5, [0.0, 0.5, 1.0]),
        (-2.0, 3.0, 5, [-2.0, 0.0, 2.0]),
        (-14.0, 2.0, 4, [-10.0, -5.0, 0.0]),
        (0.0, 30.0, 5, [0.0, 10.0, 20.0, 30.0]),
        (0.13, 0.17, 5, [0.13, 0.14, 0.15, 0.16, 0.17]),
        (3.0, 3.0, 5, [3.0]),
    ],
)
def test_nice_ticks(low: float, high: float, count: int, ticks: list[float]) -> None:
    from numpy.testing import assert_allclose

    from scenes.kit.numbers import nice_ticks

    out = nice_ticks(low, high, count)
    assert len(out) <= count
    assert_allclose(out, ticks, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("f = 6.94e-9 at step 40", "f = 6.94 × 10⁻⁹ at step 40"),
        ("slope -112.8, intercept 152.1", "slope −112.8, intercept 152.1"),
        ("e1 goes to (2, -1) and [-0.5, 3]", "e1 goes to (2, −1) and [−0.5, 3]"),
        ("n = 1E+05 draws", "n = 1 × 10⁵ draws"),
        ("eta=-.5", "eta=−.5"),
        # Hyphens in words, ranges and names stay hyphens.
        ("the x-axis from 0-7, a 1-D slice, x1-x2", "the x-axis from 0-7, a 1-D slice, x1-x2"),
        ("already typeset: p = 1.9 × 10⁻⁷", "already typeset: p = 1.9 × 10⁻⁷"),
        # At the end of a sentence too (the full stop is not a decimal point).
        ("the gradient is 2.64e-6.", "the gradient is 2.64 × 10⁻⁶."),
        ("not a number: 2.64e-6.5", "not a number: 2.64e-6.5"),
    ],
)
def test_captions_use_real_minus_signs_and_powers_of_ten(text: str, shown: str) -> None:
    assert caption_text(text) == shown
