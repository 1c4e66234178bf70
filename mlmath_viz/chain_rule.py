"""The chain rule for a composition of two functions of one variable.

For :math:`y = f(u)` with :math:`u = g(x)`, a nudge :math:`dx` of the input moves the
inner value by :math:`g'(x)\\,dx` to first order, and that nudge of :math:`u` moves the
output by :math:`f'(u)` times it, so

.. math:: \\frac{d}{dx} f(g(x)) = f'(g(x))\\, g'(x),

the product of the two local slopes (stretch factors). The actual changes
:math:`\\Delta u = g(x + dx) - g(x)` and :math:`\\Delta y = f(g(x + dx)) - f(g(x))` differ
from the linear predictions by :math:`O(dx^2)` (Taylor). Reference: Deisenroth, Faisal &
Ong, *Mathematics for Machine Learning*, section 5.2.

The two functions come from :data:`mlmath_viz.derivatives.FUNCTIONS`; the composition is
defined where :math:`x` is in the inner function's domain and :math:`g(x)` in the outer
function's (:func:`composition_domain`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq  # type: ignore[import-untyped]

from mlmath_viz.derivatives import Function1D

#: Samples of the inner domain used to find where g(x) enters or leaves the outer domain.
DOMAIN_SAMPLES = 4001


@dataclass(frozen=True)
class ChainRuleNumbers:
    """Every number of one chain-rule picture: :math:`y = f(g(x))` nudged by ``dx``.

    ``inner_change`` and ``outer_change`` are the actual changes of :math:`u` and
    :math:`y`; ``inner_prediction`` :math:`= g'(x)\\,dx` and ``outer_prediction``
    :math:`= f'(g(x))\\,g'(x)\\,dx` the linear ones; ``difference_quotient`` is
    :math:`\\Delta y / dx` and ``gap`` its distance from the derivative,
    :math:`\\tfrac12 (f \\circ g)''(x)\\,dx + O(dx^2)`.
    """

    x: float
    dx: float
    inner_value: float  # u = g(x)
    inner_derivative: float  # g'(x)
    outer_value: float  # y = f(g(x))
    outer_derivative: float  # f'(g(x))
    derivative: float  # f'(g(x)) g'(x)
    nudged_inner: float  # g(x + dx)
    nudged_outer: float  # f(g(x + dx))
    inner_change: float  # g(x + dx) - g(x)
    outer_change: float  # f(g(x + dx)) - f(g(x))
    inner_prediction: float  # g'(x) dx
    outer_prediction: float  # f'(g(x)) g'(x) dx
    difference_quotient: float  # (f(g(x + dx)) - f(g(x))) / dx
    gap: float  # difference_quotient - derivative: O(dx), it shrinks with the nudge


def chain_rule(outer: Function1D, inner: Function1D, x: float, dx: float) -> ChainRuleNumbers:
    """The chain rule's numbers for :math:`f(g(x))` with ``outer`` :math:`f` and
    ``inner`` :math:`g`, at ``x`` nudged by ``dx``.

    .. math:: u = g(x),\\quad \\frac{dy}{dx} = f'(u)\\, g'(x),\\quad
              \\Delta u = g(x + dx) - g(x),\\quad \\Delta y = f(g(x + dx)) - f(u).

    Derivatives are the functions' closed forms; nothing is differenced except the
    actual changes.

    Raises
    ------
    ValueError
        If ``dx`` is zero.
    """
    if dx == 0:
        raise ValueError("the nudge needs dx != 0")
    u = inner.value(x)
    g1 = inner.derivative(x)
    f1 = outer.derivative(u)
    u_nudged = inner.value(x + dx)
    y = outer.value(u)
    y_nudged = outer.value(u_nudged)
    return ChainRuleNumbers(
        x=x,
        dx=dx,
        inner_value=u,
        inner_derivative=g1,
        outer_value=y,
        outer_derivative=f1,
        derivative=f1 * g1,
        nudged_inner=u_nudged,
        nudged_outer=y_nudged,
        inner_change=u_nudged - u,
        outer_change=y_nudged - y,
        inner_prediction=g1 * dx,
        outer_prediction=f1 * g1 * dx,
        difference_quotient=(y_nudged - y) / dx,
        gap=(y_nudged - y) / dx - f1 * g1,
    )


def composition_domain(outer: Function1D, inner: Function1D) -> list[tuple[float, float]]:
    """The closed intervals of :math:`x` where :math:`f(g(x))` is defined:
    :math:`\\{x \\in D_g : g(x) \\in D_f\\}`, in increasing order.

    :math:`g` is sampled at :data:`DOMAIN_SAMPLES` points of its domain; each place
    where :math:`g(x) - a` or :math:`g(x) - b` (:math:`D_f = [a, b]`) changes sign is
    refined to machine precision by Brent's method.
    """
    lo, hi = inner.domain
    a, b = outer.domain
    xs = np.linspace(lo, hi, DOMAIN_SAMPLES)
    gs = inner.f(xs)
    inside = (gs >= a) & (gs <= b)
    intervals: list[tuple[float, float]] = []
    start: float | None = None
    for k in range(len(xs)):
        if inside[k] and start is None:
            start = lo if k == 0 else _edge(inner, float(xs[k - 1]), float(xs[k]), a, b)
        if start is not None and (k == len(xs) - 1 or not inside[k + 1]):
            end = hi if k == len(xs) - 1 else _edge(inner, float(xs[k]), float(xs[k + 1]), a, b)
            intervals.append((start, end))
            start = None
    return intervals


def _edge(inner: Function1D, left: float, right: float, a: float, b: float) -> float:
    """Where :math:`g` crosses ``a`` or ``b`` between ``left`` and ``right`` (one side
    inside :math:`[a, b]`, the other outside)."""
    g_left, g_right = inner.value(left), inner.value(right)
    level = a if min(g_left, g_right) < a else b
    if (g_left - level) * (g_right - level) > 0:  # pragma: no cover - sampling guarantees
        return 0.5 * (left + right)
    return float(brentq(lambda t: inner.value(t) - level, left, right, xtol=1e-14))


def containing_interval(
    intervals: list[tuple[float, float]], x: float
) -> tuple[float, float] | None:
    """The interval of ``intervals`` that holds ``x``, or None."""
    for lo, hi in intervals:
        if lo <= x <= hi:
            return (lo, hi)
    return None


def zoom_factor(length: float, shortest: float, cap: float = 1e6) -> float:
    """The round factor :math:`m \\in \\{1, 2, 5, 10, 20, \\dots\\}` (at most ``cap``)
    that magnifies a drawn ``length`` to at least ``shortest``: the smallest such
    :math:`m` with :math:`m \\cdot \\mathrm{length} \\ge \\mathrm{shortest}`, and 1 when
    ``length`` is already long enough or zero (nothing to magnify).

    A length within a factor 2.5 of ``shortest`` after zooming stays readable and
    never grows past :math:`2.5\\,\\mathrm{shortest}` (for ``length < shortest``).
    """
    if length <= 0 or length >= shortest:
        return 1.0
    power = math.floor(math.log10(shortest / length))
    for k in (power, power + 1):
        for m in (1.0, 2.0, 5.0):
            factor = m * 10.0**k
            if factor >= 1.0 and factor * length >= shortest * (1 - 1e-12):
                return min(factor, cap)
    return cap  # pragma: no cover - the loop above always returns
