"""The power of the two-sample t test with equal groups: the noncentral t.

Two groups of ``n`` each are drawn from normal populations with a common standard deviation
sigma and means mu_a, mu_b; Cohen's effect size is :math:`d = (\\mu_a - \\mu_b)/\\sigma`.
Student's pooled statistic

.. math:: t = \\frac{\\bar x_a - \\bar x_b}{s_p \\sqrt{2/n}}

follows Student's t with :math:`\\nu = 2n - 2` degrees of freedom when :math:`d = 0` (H0),
and the noncentral t with the same :math:`\\nu` and noncentrality
:math:`\\delta = d\\sqrt{n/2}` otherwise (H1). The test rejects H0 when t falls in the
rejection region of size alpha under H0 (:func:`mlmath_viz.inference.critical_values`); its
power is the probability of that region under H1, and :math:`\\beta = 1 - \\text{power}`.

On the scale of the *observed effect* :math:`\\hat d = (\\bar x_a - \\bar x_b)/s_p =
t\\sqrt{2/n}` both distributions sit near 0 and d and narrow like :math:`\\sqrt{2/n}` as n
grows; :func:`effect_density` gives their densities there.

Reference: J. Cohen, *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed.
(1988), ch. 2; the noncentral t is ``scipy.stats.nct``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.integrate  # type: ignore[import-untyped]
import scipy.stats  # type: ignore[import-untyped]
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.inference import ALTERNATIVES, critical_values, t_cdf, t_pdf

FloatArray = NDArray[np.float64]

#: The smallest group size: with n = 2 per group, nu = 2 and t has no variance.
MIN_N = 3


@dataclass(frozen=True)
class PowerResult:
    """The power of the equal-n two-sample t test for one design.

    ``critical_values`` are in t units, ``-inf``/``inf`` for a side that never rejects;
    ``critical_effects`` are the same edges on the observed-effect scale
    :math:`\\hat d = t\\sqrt{2/n}`.
    """

    effect_size: float
    n: int
    alpha: float
    alternative: str
    df: float
    noncentrality: float
    critical_values: tuple[float, float]
    critical_effects: tuple[float, float]
    power: float
    beta: float


def _check(effect_size: float, n: int, alpha: float, alternative: str) -> None:
    if not math.isfinite(effect_size):
        raise ValueError(f"effect_size must be finite, got {effect_size!r}")
    if int(n) != n or n < MIN_N:
        raise ValueError(f"n must be an integer >= {MIN_N}, got {n!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha!r}")
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {', '.join(ALTERNATIVES)}")


def effect_scale(n: int) -> float:
    """:math:`\\sqrt{2/n}`: the observed effect :math:`\\hat d` is t times this."""
    return math.sqrt(2.0 / n)


def rejection_probability(df: float, noncentrality: float, critical: tuple[float, float]) -> float:
    """:math:`P(T \\le c_{lo}) + P(T \\ge c_{hi})` for T noncentral t with ``df`` and
    ``noncentrality`` (central when it is 0)."""
    lo, hi = critical
    if noncentrality == 0:
        lower = float(t_cdf(lo, df)) if math.isfinite(lo) else 0.0
        upper = float(t_cdf(-hi, df)) if math.isfinite(hi) else 0.0
    else:
        lower = float(scipy.stats.nct.cdf(lo, df, noncentrality)) if math.isfinite(lo) else 0.0
        upper = float(scipy.stats.nct.sf(hi, df, noncentrality)) if math.isfinite(hi) else 0.0
    return lower + upper


def two_sample_power(
    effect_size: float, n: int, alpha: float = 0.05, alternative: str = "two-sided"
) -> PowerResult:
    """The power of Student's two-sample t test with ``n`` per group at effect size d.

    .. math:: \\nu = 2n - 2,\\quad \\delta = d\\sqrt{n/2},\\quad
              \\text{power} = P_{\\nu,\\delta}(T \\le c_{lo}) + P_{\\nu,\\delta}(T \\ge c_{hi})

    ``alternative`` as in :func:`mlmath_viz.inference.two_sample_t`: ``greater`` is
    H1: mu_a > mu_b (power grows with d > 0), ``less`` mu_a < mu_b. At d = 0 the power is
    alpha.

    Raises
    ------
    ValueError
        For a non-finite d, n < 3 or not whole, alpha outside (0, 1), or an unknown
        alternative.
    """
    _check(effect_size, n, alpha, alternative)
    df = 2.0 * n - 2.0
    nc = effect_size * math.sqrt(n / 2.0)
    crit = critical_values(df, alpha, alternative)
    power = min(1.0, rejection_probability(df, nc, crit))
    scale = effect_scale(n)
    return PowerResult(
        effect_size=float(effect_size),
        n=int(n),
        alpha=float(alpha),
        alternative=alternative,
        df=df,
        noncentrality=nc,
        critical_values=crit,
        critical_effects=(crit[0] * scale, crit[1] * scale),
        power=power,
        beta=1.0 - power,
    )


def power_curve(
    effect_size: float, ns: ArrayLike, alpha: float = 0.05, alternative: str = "two-sided"
) -> FloatArray:
    """The power at each group size of ``ns`` (:func:`two_sample_power`)."""
    return np.array(
        [two_sample_power(effect_size, int(n), alpha, alternative).power for n in np.ravel(ns)],
        dtype=np.float64,
    )


#: Points of the grid over s = sqrt(V/nu) in :func:`noncentral_t_pdf`'s integral.
MIXTURE_POINTS = 1601
#: Probability of V left off each end of that grid.
MIXTURE_TAIL = 1e-13


def noncentral_t_pdf(t: ArrayLike, df: float, noncentrality: float) -> FloatArray:
    r"""The noncentral t density, as a normal mixture over the scale:
    :math:`T = (Z + \delta)/S` with :math:`S = \sqrt{V/\nu}`, :math:`V \sim \chi^2_\nu`,

    .. math:: f(t) = \int_0^\infty s\,\varphi(t s - \delta)\, g_S(s)\, ds,\qquad
              g_S(s) = 2\nu s\, f_{\chi^2_\nu}(\nu s^2)

    integrated with Simpson's rule over the central :math:`1 - 2\cdot 10^{-13}` of S.
    ``scipy.stats.nct.pdf`` (scipy 1.17) overflows for :math:`\nu \gtrsim 340`; this has
    no such limit (the log-density of the chi-square uses ``gammaln``).
    """
    x = np.asarray(t, dtype=np.float64)
    s_lo, s_hi = np.sqrt(scipy.stats.chi2.ppf([MIXTURE_TAIL, 1 - MIXTURE_TAIL], df) / df)
    s = np.linspace(s_lo, s_hi, MIXTURE_POINTS)
    log_g = np.log(2 * df * s) + scipy.stats.chi2.logpdf(df * s * s, df)
    z = x.reshape(-1, 1) * s - noncentrality
    integrand = s * np.exp(log_g - 0.5 * z * z) / math.sqrt(2 * math.pi)
    out = scipy.integrate.simpson(integrand, x=s, axis=1)
    return np.asarray(out, dtype=np.float64).reshape(x.shape)


def effect_density(d_hat: ArrayLike, n: int, effect_size: float = 0.0) -> FloatArray:
    """Density of the observed effect :math:`\\hat d = t\\sqrt{2/n}`:

    .. math:: f_{\\hat d}(x) = f_T\\!\\left(x/\\sqrt{2/n}\\right) / \\sqrt{2/n}

    with :math:`f_T` Student's t density with :math:`2n - 2` degrees of freedom when
    ``effect_size`` is 0 (H0), and the noncentral t density with
    :math:`\\delta = d\\sqrt{n/2}` otherwise (H1).
    """
    scale = effect_scale(n)
    t = np.asarray(d_hat, dtype=np.float64) / scale
    df = 2.0 * n - 2.0
    if effect_size == 0:
        return np.asarray(t_pdf(t, df) / scale, dtype=np.float64)
    nc = effect_size * math.sqrt(n / 2.0)
    return noncentral_t_pdf(t, df, nc) / scale


def effect_mass(lo: float, hi: float, n: int, effect_size: float = 0.0) -> float:
    """:math:`P(lo \\le \\hat d \\le hi)` under H0 (``effect_size`` 0) or H1."""
    if hi <= lo:
        return 0.0
    scale = effect_scale(n)
    df = 2.0 * n - 2.0
    a, b = lo / scale, hi / scale
    if effect_size == 0:
        return float(t_cdf(b, df) - t_cdf(a, df))
    nc = effect_size * math.sqrt(n / 2.0)
    return float(scipy.stats.nct.cdf(b, df, nc) - scipy.stats.nct.cdf(a, df, nc))


def effect_quantile(q: float, n: int, effect_size: float = 0.0) -> float:
    """The ``q`` quantile of the observed effect :math:`\\hat d` under H0 or H1."""
    df = 2.0 * n - 2.0
    if effect_size == 0:
        t = float(scipy.stats.t.ppf(q, df))
    else:
        t = float(scipy.stats.nct.ppf(q, df, effect_size * math.sqrt(n / 2.0)))
    return t * effect_scale(n)


def sample_sizes(n_start: int, n_end: int, count: int) -> list[int]:
    """``count`` whole group sizes from ``n_start`` to ``n_end``, evenly in log scale,
    distinct and increasing (fewer when the range holds fewer whole numbers)."""
    raw = np.geomspace(n_start, n_end, count)
    return sorted({int(np.rint(v)) for v in raw} | {int(n_start), int(n_end)})
