"""Functions of one variable with their derivatives, secant slopes and tangent lines.

The ``Derivative`` scene shows the difference quotient

.. math:: m(h) = \\frac{f(x + h) - f(x)}{h}

tending to :math:`f'(x)` as :math:`h \\to 0`; for smooth :math:`f` the error is
:math:`m(h) - f'(x) = \\tfrac12 f''(x)\\, h + O(h^2)` (Taylor).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Function1D:
    """A smooth function of one variable with its first and second derivatives.

    ``f``, ``df`` and ``d2f`` are vectorised over numpy arrays; ``domain`` is the
    interval a plot shows and a scene's ``x`` and ``x + h`` must stay in.
    """

    name: str
    latex: str
    derivative_latex: str
    f: Callable[[FloatArray], FloatArray]
    df: Callable[[FloatArray], FloatArray]
    d2f: Callable[[FloatArray], FloatArray]
    domain: tuple[float, float]

    def value(self, x: float) -> float:
        """:math:`f(x)`."""
        return float(self.f(np.array([x], dtype=np.float64))[0])

    def derivative(self, x: float) -> float:
        """:math:`f'(x)`, in closed form."""
        return float(self.df(np.array([x], dtype=np.float64))[0])

    def second_derivative(self, x: float) -> float:
        """:math:`f''(x)`, in closed form."""
        return float(self.d2f(np.array([x], dtype=np.float64))[0])


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1 / (1 + e^-x), without overflow
    return out


FUNCTIONS: dict[str, Function1D] = {
    f.name: f
    for f in (
        Function1D(
            "square",
            r"f(x) = x^2",
            r"f'(x) = 2x",
            lambda x: x * x,
            lambda x: 2 * x,
            lambda x: 2 * np.ones_like(x),
            (-2.5, 2.5),
        ),
        Function1D(
            "cubic",
            r"f(x) = \frac{1}{3} x^3 - x",
            r"f'(x) = x^2 - 1",
            lambda x: x**3 / 3 - x,
            lambda x: x * x - 1,
            lambda x: 2 * x,
            (-2.5, 2.5),
        ),
        Function1D(
            "sine",
            r"f(x) = \sin x",
            r"f'(x) = \cos x",
            np.sin,
            np.cos,
            lambda x: -np.sin(x),
            (-math.pi, math.pi),
        ),
        Function1D(
            "exp",
            r"f(x) = e^{x}",
            r"f'(x) = e^{x}",
            np.exp,
            np.exp,
            np.exp,
            (-2.5, 1.8),
        ),
        Function1D(
            "sigmoid",
            r"\sigma(x) = \frac{1}{1 + e^{-x}}",
            r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x))",
            _sigmoid,
            lambda x: _sigmoid(x) * (1 - _sigmoid(x)),
            lambda x: _sigmoid(x) * (1 - _sigmoid(x)) * (1 - 2 * _sigmoid(x)),
            (-5.0, 5.0),
        ),
    )
}


def secant_slope(fn: Function1D, x: float, h: float) -> float:
    """The difference quotient :math:`m(h) = (f(x + h) - f(x)) / h`, for :math:`h \\ne 0`.

    Raises
    ------
    ValueError
        If ``h`` is zero.
    """
    if h == 0:
        raise ValueError("the secant needs h != 0")
    return (fn.value(x + h) - fn.value(x)) / h


def shrinking_steps(h_start: float, h_end: float, count: int) -> FloatArray:
    """``count`` values of :math:`h` from ``h_start`` to ``h_end``, evenly in log scale:
    :math:`h_k = h_0 (h_1/h_0)^{k/(n-1)}`."""
    if h_start <= 0 or h_end <= 0:
        raise ValueError("h values must be positive")
    out: FloatArray = np.geomspace(h_start, h_end, count)
    return out


def tangent_line(fn: Function1D, x: float, at: ArrayLike) -> FloatArray:
    """The tangent at ``x`` evaluated at ``at``: :math:`f(x) + f'(x)(t - x)`."""
    t = np.asarray(at, dtype=np.float64)
    out: FloatArray = fn.value(x) + fn.derivative(x) * (t - x)
    return out


def h_at(h_start: float, h_end: float, s: float) -> float:
    """The step at animation progress ``s`` in [0, 1], shrinking geometrically:
    :math:`h(s) = h_0\\, (h_1/h_0)^s`."""
    return float(h_start * (h_end / h_start) ** s)
