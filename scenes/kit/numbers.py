"""Numbers as they appear on screen: rounded once, here, the same way in every scene."""

from __future__ import annotations

import math

#: Decimal places shown by default.
DEFAULT_DIGITS = 2


def format_number(x: float, digits: int = DEFAULT_DIGITS, *, scientific: bool = True) -> str:
    """Round ``x`` to ``digits`` decimals and drop trailing zeros.

    ``2.0 -> "2"``, ``-0.5 -> "-0.5"``, ``1.23456 -> "1.23"``, and zero is ``"0"``
    (never ``"-0"``). Values too small to show at ``digits`` decimals but not zero are
    shown with two significant figures in scientific form, ``3e-05 -> "3.0e-5"``, so a
    nearly singular matrix never reads as exactly singular. With ``scientific=False``
    they round to ``"0"`` like any other value (for compact tables such as a matrix's
    entries, where the exact value is in the sidecar).

    Raises
    ------
    ValueError
        If ``x`` is NaN or infinite.
    """
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


def latex_number(x: float, digits: int = DEFAULT_DIGITS) -> str:
    """:func:`format_number` as LaTeX math: ``"3.0e-5"`` becomes ``3.0\\times10^{-5}``."""
    text = format_number(x, digits)
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


def compact(x: float) -> str:
    """:func:`format_number`, with large values in short scientific form: ``2e+06 -> "2e6"``
    (moved here from the Vectors scene)."""
    if abs(x) < 1e5:
        return format_number(x)
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{format_number(float(mantissa))}e{int(exponent)}"
