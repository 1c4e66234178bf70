"""Numbers as they appear on screen: rounded once, here, the same way in every scene.

One formatter family, three ways of rounding (the ``mode`` of :func:`format_number`):

``"round"`` (the default)
    ``digits`` decimals, trailing zeros dropped, never ``-0``; values too small to show
    are written in scientific form (``3e-05 -> "3.0e-5"``). Tick labels, matrices,
    captions.
``"fixed"``
    exactly ``digits`` decimals, never ``-0.00`` (a live readout whose width must not
    jump: ``0.5 -> "0.50"``).
``"significant"``
    ``digits`` significant figures, scientific form below 1e-3 and from 1e5
    (``0.000123 -> "1.23e-4"``): losses spanning many decades.

:func:`caption_text` sets the numbers of a caption (plain text, read in a video
player) as the screen does: real minus signs and powers of ten, never ``-3`` or ``1e-9``.

:func:`latex_number` is the same text as LaTeX math (``1.23\\times10^{-4}``); :func:`sig`
and :func:`sig_tex` are the significant mode by name.

One tick rule: :func:`nice_step` picks the smallest round step (a mantissa from
``(1, 2, 5)`` by default times a power of ten) of at least a given size, and
:func:`nice_ticks` the round ticks inside an interval.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Mode = Literal["round", "fixed", "significant"]

#: Decimal places shown by default.
DEFAULT_DIGITS = 2


def format_number(
    x: float, digits: int = DEFAULT_DIGITS, *, scientific: bool = True, mode: Mode = "round"
) -> str:
    """``x`` as shown on screen; ``mode`` says how it is rounded (see the module
    docstring). The default rounds ``x`` to ``digits`` decimals and drops trailing zeros.

    ``2.0 -> "2"``, ``-0.5 -> "-0.5"``, ``1.23456 -> "1.23"``, and zero is ``"0"``
    (never ``"-0"``). Values too small to show at ``digits`` decimals but not zero are
    shown with two significant figures in scientific form, ``3e-05 -> "3.0e-5"``, so a
    nearly singular matrix never reads as exactly singular. With ``scientific=False``
    they round to ``"0"`` like any other value (for compact tables such as a matrix's
    entries, where the exact value is in the sidecar).

    ``mode="fixed"`` keeps all ``digits`` decimals (``-0.001 -> "0.00"``); with
    ``mode="significant"`` ``digits`` counts significant figures and a non-finite
    ``x`` is written ``"inf"``, ``"-inf"`` or ``"nan"``.

    Raises
    ------
    ValueError
        If ``x`` is NaN or infinite (except in the significant mode).
    """
    if mode == "significant":
        return _significant(x, digits)
    if mode == "fixed":
        shown = f"{x:.{digits}f}"
        if float(shown) == 0.0:
            shown = shown.lstrip("-")
        return shown
    if not math.isfinite(x):
        raise ValueError(f"cannot format non-finite number {x!r}")
    if scientific and x != 0 and abs(x) < 0.5 * 10.0**-digits:
        return f"{x:.1e}".replace("e-0", "e-")
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def latex_number(x: float, digits: int = DEFAULT_DIGITS, *, mode: Mode = "round") -> str:
    """:func:`format_number` as LaTeX math: ``"3.0e-5"`` becomes ``3.0\\times10^{-5}``."""
    text = format_number(x, digits, mode=mode)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa}\times10^{{{int(exponent)}}}"
    return text


def latex_complex(re: float, im: float, digits: int = DEFAULT_DIGITS) -> str:
    """A complex number :math:`a + bi` as LaTeX, ``"1 + 2i"``, ``"-0.5i"``, ``"3"``."""
    re_text = latex_number(re, digits)
    im_text = latex_number(abs(im), digits)
    if format_number(im, digits) == "0":
        return re_text
    sign = "-" if im < 0 else "+"
    imag = "i" if im_text == "1" else f"{im_text}i"
    if re_text == "0":
        return imag if sign == "+" else f"-{imag}"
    return f"{re_text} {sign} {imag}"


def _significant(x: float, digits: int) -> str:
    if not math.isfinite(x):
        return "inf" if x > 0 else ("-inf" if x < 0 else "nan")
    if x == 0:
        return "0"
    if abs(x) < 1e-3 or abs(x) >= 1e5:
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    text = f"{x:.{digits}g}"
    if "e" in text:  # e.g. 12345 with 3 digits
        text = f"{x:.0f}"
    return text


def sig(x: float, digits: int = 3) -> str:
    """``x`` with ``digits`` significant figures: ``format_number(x, digits,
    mode="significant")``. ``0.000123 -> "1.23e-4"``, ``12345678 -> "1.23e7"``,
    ``0.5 -> "0.5"``."""
    return format_number(x, digits, mode="significant")


def sig_tex(x: float, digits: int = 3) -> str:
    """:func:`sig` as LaTeX: ``1.23e-4`` becomes ``1.23\\times10^{-4}``."""
    return latex_number(x, digits, mode="significant")


#: Round-step mantissas: 1, 2, 5 times a power of ten (grid steps, contour ticks).
STEPS_125 = (1.0, 2.0, 5.0)
#: With 2.5 as well, and 10 written out (the histogram and scatter plots' ticks).
STEPS_1_2_25_5 = (1.0, 2.0, 2.5, 5.0, 10.0)


def _round_steps(exponent: int, mantissas: Sequence[float]) -> Iterator[float]:
    """``m * 10**k`` for ``k = exponent, exponent + 1, ...`` and each mantissa in order."""
    power = exponent
    while True:
        for m in mantissas:
            yield m * 10.0**power
        power += 1


def nice_step(
    at_least: float,
    *,
    unit: float = 1.0,
    mantissas: Sequence[float] = STEPS_125,
    smallest: float | None = None,
    rtol: float = 0.0,
) -> float:
    """The one tick rule: the smallest round step whose scene length ``step * unit`` is
    at least ``at_least * (1 - rtol)``, and at least ``smallest`` when given.

    Round steps are ``m * 10**k`` for ``m`` in ``mantissas``. Current uses:

    - a grid with lines at least 0.45 apart, never finer than 1:
      ``nice_step(0.45, unit=unit, smallest=1.0)`` (1, 2, 5, 10, 20, ...);
    - ``target`` ticks over ``span``: ``nice_step(span / target, mantissas=STEPS_1_2_25_5,
      rtol=1e-9)``.
    """
    if smallest is not None:
        exponent = math.floor(math.log10(smallest))
    else:
        exponent = math.floor(math.log10(at_least / unit))
    for step in _round_steps(exponent, mantissas):
        if smallest is not None and step < smallest:
            continue
        if step * unit >= at_least * (1 - rtol):
            return step
    raise AssertionError("unreachable")  # pragma: no cover


def nice_ticks(
    low: float, high: float, max_count: int = 5, *, mantissas: Sequence[float] = STEPS_125
) -> NDArray[np.float64]:
    """Round tick values inside ``[low, high]``: multiples of a round step (see
    :func:`nice_step`), the smallest step that gives at most ``max_count`` ticks."""
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low:
        return np.array([low], dtype=np.float64)
    span = high - low
    exponent = int(np.floor(np.log10(span / max_count)))
    candidates = _round_steps(exponent, mantissas)
    for _ in range(3 * len(mantissas)):
        step = next(candidates)
        first = np.ceil(low / step - 1e-9) * step
        ticks = np.arange(first, high + 1e-9 * step, step)
        if len(ticks) <= max_count:
            out: NDArray[np.float64] = np.round(ticks / step) * step + 0.0
            return out
    return np.array([low, high], dtype=np.float64)


def compact(x: float) -> str:
    """:func:`format_number`, with large values in short scientific form: ``2e+06 -> "2e6"``
    (moved here from the Vectors scene)."""
    if abs(x) < 1e5:
        return format_number(x)
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{format_number(float(mantissa))}e{int(exponent)}"


def percent(ratio: float, digits: int = 1) -> str:
    """A ratio as a percentage for plain text: ``0.9246`` -> ``"92.5%"``."""
    return format_number(100 * ratio, digits) + "%"


#: A number in the computer's scientific form (``6.94e-9``, ``1E+05``).
_E_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[eE]([+-]?)(\d+)(?!\w|\.\d)")
#: A hyphen used as a minus sign: before a number, not inside a word or a range.
_HYPHEN_MINUS = re.compile(r"(?<![\w)\]}'’])-(?=\.?\d)")
_SUPERSCRIPTS = str.maketrans("−0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def caption_text(text: str) -> str:
    """``text`` (a caption) with its numbers set as on screen: ``6.94e-9`` becomes
    ``6.94 × 10⁻⁹`` and a hyphen before a number a real minus sign (``-112.8 ->
    −112.8``). Hyphens inside words and ranges (``x-axis``, ``0-7``, ``1-D``) stay.
    """

    def power(match: re.Match[str]) -> str:
        mantissa, sign, exponent = match.groups()
        shown = ("−" if sign == "-" else "") + str(int(exponent))
        return f"{mantissa} × 10{shown.translate(_SUPERSCRIPTS)}"

    return _HYPHEN_MINUS.sub("−", _E_NUMBER.sub(power, text))
