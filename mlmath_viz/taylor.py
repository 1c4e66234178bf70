"""Taylor polynomials of the 1-D functions of :mod:`mlmath_viz.derivatives`.

The Taylor polynomial of order :math:`n` of :math:`f` about :math:`x_0` is

.. math:: T_n(x) = \\sum_{k=0}^{n} c_k\\, (x - x_0)^k, \\qquad
          c_k = \\frac{f^{(k)}(x_0)}{k!},

and by Taylor's theorem with the Lagrange remainder, for some :math:`\\xi` between
:math:`x_0` and :math:`x`,

.. math:: f(x) - T_n(x) = \\frac{f^{(n+1)}(\\xi)}{(n+1)!}\\, (x - x_0)^{n+1}.

The derivatives here are closed forms, up to :data:`MAX_ORDER` and beyond (the
recursions hold for every order):

- ``square`` :math:`x^2` and ``cubic`` :math:`x^3/3 - x`: polynomials, whose derivatives
  vanish past their degree, so :math:`T_n = f` from :math:`n = \\deg f`;
- ``sine``: :math:`\\sin^{(k)} x = \\sin(x + k\\pi/2)`;
- ``exp``: :math:`\\exp^{(k)} = \\exp`;
- ``sigmoid``: :math:`\\sigma^{(k)} = P_k(\\sigma)` with :math:`P_0(s) = s` and
  :math:`P_{k+1}(s) = P_k'(s)\\, s (1 - s)`, from :math:`\\sigma' = \\sigma(1 - \\sigma)`
  and the chain rule :math:`\\tfrac{d}{dx} P(\\sigma) = P'(\\sigma)\\, \\sigma'`.

The series of ``square``, ``cubic``, ``sine`` and ``exp`` converge on the whole real
line (entire functions). The sigmoid :math:`1/(1 + e^{-z})` has poles where
:math:`e^{-z} = -1`, at :math:`z = i\\pi(2m + 1)`; the nearest to a real :math:`x_0` are
:math:`\\pm i\\pi`, so its series about :math:`x_0` converges only for
:math:`|x - x_0| < \\sqrt{x_0^2 + \\pi^2}` (the radius of convergence is the distance to
the nearest singularity; Ahlfors, *Complex Analysis*, ch. 5) and diverges beyond it.

Reference: Apostol, *Calculus* vol. 1, sec. 7.5-7.7 (Taylor's formula with remainder).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.polynomial import Polynomial
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.derivatives import FUNCTIONS, Function1D

FloatArray = NDArray[np.float64]

#: The highest order the scene draws.
MAX_ORDER = 8

#: Points of the dense grid on which the error :math:`|f - T_n|` is measured: evenly
#: spaced over the plotted interval, both ends included (the grid step is the
#: interval's length / 4000; the error of every function here varies on a scale much
#: larger than that, so the maximum on the grid is the maximum on the interval to
#: about one part in 10^5, see the tests).
ERROR_GRID = 4001

#: The tolerance of "the series helps here": :math:`|f - T_n| <` this fraction of the
#: range of :math:`f` on the plotted interval.
TOLERANCE_FRACTION = 0.02


def _sigmoid_polynomials(order: int) -> list[Polynomial]:
    """:math:`P_0, \\dots, P_{order}` with :math:`\\sigma^{(k)} = P_k(\\sigma)`:
    :math:`P_0(s) = s`, :math:`P_{k+1}(s) = P_k'(s)\\, s(1 - s)`."""
    ds = Polynomial([0.0, 1.0, -1.0])  # s (1 - s) = sigma'
    out = [Polynomial([0.0, 1.0])]
    for _ in range(order):
        out.append(out[-1].deriv() * ds)
    return out


def sigmoid_polynomial(k: int) -> FloatArray:
    """Coefficients (lowest power first) of :math:`P_k`, :math:`\\sigma^{(k)} = P_k(\\sigma)`.

    ``P_1 = s - s^2``, ``P_2 = s - 3 s^2 + 2 s^3``.
    """
    if k < 0:
        raise ValueError("the order k must be >= 0")
    coef: FloatArray = np.asarray(_sigmoid_polynomials(k)[-1].coef, dtype=np.float64)
    return coef


def derivative(name: str, k: int, x: ArrayLike) -> FloatArray:
    """The k-th derivative :math:`f^{(k)}(x)` of ``FUNCTIONS[name]`` in closed form
    (see the module docstring), vectorised over ``x``.

    Raises
    ------
    ValueError
        If ``k`` is negative or ``name`` is not a function of the set.
    """
    if k < 0:
        raise ValueError("the order k must be >= 0")
    t = np.asarray(x, dtype=np.float64)
    if name == "square":
        poly = Polynomial([0.0, 0.0, 1.0]).deriv(k) if k else Polynomial([0.0, 0.0, 1.0])
        out: FloatArray = poly(t) + 0.0 * t
    elif name == "cubic":
        base = Polynomial([0.0, -1.0, 0.0, 1.0 / 3.0])
        out = (base.deriv(k) if k else base)(t) + 0.0 * t
    elif name == "sine":
        # sin, cos, -sin, -cos: sin(x + k pi/2) without the rounding of k pi/2
        sign = -1.0 if k % 4 >= 2 else 1.0
        out = sign * (np.sin(t) if k % 2 == 0 else np.cos(t))
    elif name == "exp":
        out = np.exp(t)
    elif name == "sigmoid":
        s = FUNCTIONS["sigmoid"].f(t)
        out = _sigmoid_polynomials(k)[-1](s)
    else:
        raise ValueError(f"no closed-form derivatives for {name!r}")
    return np.asarray(out, dtype=np.float64)


def coefficients(name: str, x0: float, order: int) -> FloatArray:
    """The Taylor coefficients :math:`c_k = f^{(k)}(x_0) / k!`, ``k = 0..order``."""
    return np.array(
        [float(derivative(name, k, x0)) / math.factorial(k) + 0.0 for k in range(order + 1)],
        dtype=np.float64,
    )


def polynomial(coefs: ArrayLike, x0: float, x: ArrayLike) -> FloatArray:
    """:math:`T_n(x) = \\sum_k c_k (x - x_0)^k` for ``coefs`` = :math:`c_0..c_n`
    (Horner's rule), vectorised over ``x``."""
    c = np.asarray(coefs, dtype=np.float64)
    u = np.asarray(x, dtype=np.float64) - x0
    out: FloatArray = np.zeros_like(u)
    for ck in c[::-1]:
        out = out * u + ck
    return out


def radius_of_convergence(name: str, x0: float) -> float:
    """The radius of convergence of ``name``'s Taylor series about real ``x0``:
    :math:`\\infty` for the entire functions, :math:`\\sqrt{x_0^2 + \\pi^2}` (the distance
    to the poles :math:`\\pm i\\pi`) for the sigmoid."""
    if name == "sigmoid":
        return math.hypot(x0, math.pi)
    if name in ("square", "cubic", "sine", "exp"):
        return math.inf
    raise ValueError(f"unknown function {name!r}")


def error_grid(interval: tuple[float, float], x0: float | None = None) -> FloatArray:
    """The :data:`ERROR_GRID` evenly spaced points of ``interval`` (ends included), with
    ``x0`` added when given (so that the error 0 at :math:`x_0` is on the grid)."""
    lo, hi = interval
    grid = np.linspace(lo, hi, ERROR_GRID)
    if x0 is not None:
        grid = np.unique(np.append(grid, x0))
    out: FloatArray = grid
    return out


def tolerance(fn: Function1D, interval: tuple[float, float]) -> float:
    """The tolerance of :func:`good_interval`: :data:`TOLERANCE_FRACTION` times the range
    :math:`\\max f - \\min f` over ``interval`` (on the error grid)."""
    ys = fn.f(error_grid(interval))
    return TOLERANCE_FRACTION * float(ys.max() - ys.min())


@dataclass(frozen=True)
class TaylorSeries:
    """The Taylor polynomials of one function about ``x0`` on the plotted ``interval``.

    ``coefficients[k]`` is :math:`c_k`; ``max_errors[n]`` is
    :math:`\\max |f - T_n|` over the error grid of ``interval``; ``good_intervals[n]`` is
    the largest grid interval containing ``x0`` on which :math:`|f - T_n| <`
    ``tolerance``; ``exact_from`` is the first order with ``T_n = f`` (a polynomial's
    degree) or None; ``radius`` the radius of convergence.
    """

    function: str
    x0: float
    interval: tuple[float, float]
    coefficients: FloatArray
    max_errors: FloatArray
    argmax_errors: FloatArray
    tolerance: float
    good_intervals: FloatArray  # (n + 1, 2)
    exact_from: int | None
    radius: float

    def values(self, order: int, x: ArrayLike) -> FloatArray:
        """:math:`T_{order}(x)`."""
        return polynomial(self.coefficients[: order + 1], self.x0, x)


#: Below this relative size a maximum error is rounding: T_n = f exactly.
EXACT_RTOL = 1e-12


def good_interval(x: FloatArray, error: FloatArray, x0: float, tol: float) -> tuple[float, float]:
    """The largest interval ``[x[i], x[j]]`` of the sorted grid ``x`` that contains ``x0``
    with ``error < tol`` at every grid point in it (``(x0, x0)`` if none)."""
    i0 = int(np.argmin(np.abs(x - x0)))
    if not error[i0] < tol:
        return (x0, x0)
    bad = ~(error < tol)
    left = np.nonzero(bad[:i0])[0]
    right = np.nonzero(bad[i0:])[0]
    i = int(left[-1]) + 1 if left.size else 0
    j = i0 + int(right[0]) - 1 if right.size else len(x) - 1
    return (float(x[i]), float(x[j]))


def taylor_series(name: str, x0: float, order: int) -> TaylorSeries:
    """The Taylor polynomials :math:`T_0..T_{order}` of ``FUNCTIONS[name]`` about ``x0``
    on its plotted interval (``Function1D.domain``), with their errors.

    Raises
    ------
    ValueError
        If ``order`` is negative or ``x0`` lies outside the interval.
    """
    fn = FUNCTIONS[name]
    lo, hi = fn.domain
    if order < 0:
        raise ValueError("the order must be >= 0")
    if not lo <= x0 <= hi:
        raise ValueError(f"x0 = {x0} lies outside [{lo}, {hi}]")
    c = coefficients(name, x0, order)
    x = error_grid(fn.domain, x0)
    fx = fn.f(x)
    scale = max(1.0, float(np.abs(fx).max()))
    tol = tolerance(fn, fn.domain)
    errors, where, good = [], [], []
    exact_from: int | None = None
    for n in range(order + 1):
        e = np.abs(fx - polynomial(c[: n + 1], x0, x))
        k = int(np.argmax(e))
        m = float(e[k])
        if m <= EXACT_RTOL * scale:
            m = 0.0
            if exact_from is None:
                exact_from = n
        errors.append(m)
        where.append(float(x[k]))
        good.append(good_interval(x, e, x0, tol))
    return TaylorSeries(
        function=name,
        x0=float(x0),
        interval=(float(lo), float(hi)),
        coefficients=c,
        max_errors=np.array(errors),
        argmax_errors=np.array(where),
        tolerance=tol,
        good_intervals=np.array(good),
        exact_from=exact_from,
        radius=radius_of_convergence(name, x0),
    )
