"""mlmath_viz.formatting: the numbers shown on screen."""

from __future__ import annotations

import pytest

from scenes.kit.numbers import format_number, latex_complex, latex_number


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
