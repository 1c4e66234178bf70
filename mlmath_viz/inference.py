"""Statistics behind the inference scenes: running means, batch means, histograms, the
Kolmogorov-Smirnov statistic, Beta-Binomial updating, t and z tests, and confidence
intervals.

The formulas are written out here; special functions come from ``scipy.special``
(Student's t CDF ``stdtr``, its inverse ``stdtrit``, the normal quantile ``ndtri``, the
inverse regularised incomplete beta ``betaincinv``). The tests compare every result
with the corresponding ``scipy.stats`` function (``ttest_ind``, ``ttest_1samp``,
``beta.ppf``, ``norm.cdf``, ``kstest``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.special  # type: ignore[import-untyped]
import scipy.stats  # type: ignore[import-untyped]
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: The three alternative hypotheses, as ``scipy.stats`` names them.
ALTERNATIVES = ("two-sided", "less", "greater")


def _vector(x: ArrayLike, name: str = "x", minimum: int = 1) -> FloatArray:
    a = np.asarray(x, dtype=np.float64).ravel()
    if a.size < minimum:
        raise ValueError(f"{name} needs at least {minimum} value(s), got {a.size}")
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be finite")
    return a


def _check_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level}")


# -- Means ------------------------------------------------------------------------------


def running_mean(x: ArrayLike) -> FloatArray:
    """The mean of the first :math:`k` values for every :math:`k`:
    :math:`\\bar x_k = \\frac1k \\sum_{i=1}^k x_i`."""
    a = np.asarray(x, dtype=np.float64).ravel()
    out: FloatArray = np.cumsum(a) / np.arange(1, a.size + 1)
    return out


def batch_means(x: ArrayLike, batch_size: int) -> FloatArray:
    """Means of consecutive batches of ``batch_size`` values (a leftover is dropped).

    With ``x`` of length :math:`m n`, returns :math:`\\bar x^{(j)} = \\frac1n
    \\sum_{i=1}^{n} x_{(j-1)n + i}` for :math:`j = 1..m`.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    a = np.asarray(x, dtype=np.float64).ravel()
    m = a.size // batch_size
    out: FloatArray = a[: m * batch_size].reshape(m, batch_size).mean(axis=1)
    return out


def standard_error(sigma: float, n: int) -> float:
    r"""Standard deviation of the mean of ``n`` independent draws: :math:`\sigma / \sqrt n`."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    return float(sigma / np.sqrt(n))


def normal_peak(sigma: float) -> float:
    r"""Height of the normal density at its mean: :math:`1 / (\sqrt{2\pi}\,\sigma)`."""
    return float(1.0 / (np.sqrt(2.0 * np.pi) * sigma))


def band_halfwidth(sigma: float, n: ArrayLike, z: float = 2.0) -> FloatArray:
    """Half-width :math:`z \\sigma / \\sqrt n` of the band the running mean stays in."""
    out: FloatArray = z * sigma / np.sqrt(np.asarray(n, dtype=np.float64))
    return out


# -- Histograms and goodness of fit -----------------------------------------------------


@dataclass(frozen=True)
class Histogram:
    """Counts of samples in bins, and the same counts normalised to a density.

    ``density[k] = counts[k] / (n * width_k)`` with :math:`n` the number of samples,
    *including* those outside the bins, so the bars estimate the density itself.
    """

    edges: FloatArray
    counts: NDArray[np.int64]
    n: int

    @property
    def density(self) -> FloatArray:
        """Normalised counts: bar heights that estimate the density."""
        widths = np.diff(self.edges)
        if self.n == 0:
            return np.zeros(self.counts.size)
        out: FloatArray = self.counts / (self.n * widths)
        return out

    @property
    def outside(self) -> int:
        """Samples that fell outside the bins."""
        return int(self.n - int(self.counts.sum()))


def histogram(x: ArrayLike, edges: ArrayLike) -> Histogram:
    """Count ``x`` into the bins ``[e_0, e_1), ..., [e_{k-1}, e_k]`` (numpy's rule)."""
    a = np.asarray(x, dtype=np.float64).ravel()
    e = np.asarray(edges, dtype=np.float64)
    if e.ndim != 1 or e.size < 2 or np.any(np.diff(e) <= 0):
        raise ValueError("edges must be increasing, with at least two of them")
    counts, _ = np.histogram(a, bins=e)
    return Histogram(edges=e, counts=counts.astype(np.int64), n=int(a.size))


def ks_test(x: ArrayLike, cdf: Callable[[FloatArray], FloatArray]) -> tuple[float, float]:
    """One-sample Kolmogorov-Smirnov statistic and its exact p-value.

    With the sorted sample :math:`x_{(1)} \\le \\dots \\le x_{(n)}`,

    .. math:: D_n = \\max_i \\max\\left(\\frac in - F(x_{(i)}),\\;
              F(x_{(i)}) - \\frac{i - 1}n\\right)

    and the p-value is :math:`P(D_n \\ge d)` under the null, from the exact
    distribution of :math:`D_n` (``scipy.stats.kstwo``), as
    ``scipy.stats.kstest(x, cdf, method="exact")`` computes.
    """
    a = np.sort(_vector(x))
    n = a.size
    f = np.asarray(cdf(a), dtype=np.float64)
    i = np.arange(1, n + 1)
    d = float(max(np.max(i / n - f), np.max(f - (i - 1) / n)))
    p = float(scipy.stats.kstwo.sf(d, n))
    return d, min(1.0, max(0.0, p))


# -- Beta-Binomial ----------------------------------------------------------------------


_COUNTS = re.compile(r"(\d+)H(\d+)T")


def parse_flips(flips: str) -> list[bool]:
    """Coin flips as booleans (``True`` = heads) from ``"HHTH"`` or counts ``"7H3T"``.

    Counts expand to an evenly mixed sequence (flip :math:`k` of :math:`N` is heads when
    :math:`\\lfloor k h / N \\rfloor > \\lfloor (k-1) h / N \\rfloor`), so the running
    share of heads stays near :math:`h/N` instead of all heads coming first.

    Raises
    ------
    ValueError
        For any other text.
    """
    text = flips.strip().upper()
    m = _COUNTS.fullmatch(text)
    if m is not None:
        h, n = int(m.group(1)), int(m.group(1)) + int(m.group(2))
        k = np.arange(1, n + 1)
        return [bool(x) for x in (k * h // n > (k - 1) * h // n)] if n else []
    if not re.fullmatch(r"[HT]*", text):
        raise ValueError(f"flips must be H/T letters or counts like 7H3T, got {flips!r}")
    return [c == "H" for c in text]


@dataclass(frozen=True)
class BetaPosterior:
    """A Beta(a, b) belief about a coin's probability of heads."""

    a: float
    b: float

    def __post_init__(self) -> None:
        if not (self.a > 0 and self.b > 0 and math.isfinite(self.a) and math.isfinite(self.b)):
            raise ValueError(f"Beta parameters must be positive and finite, got {self.a, self.b}")

    @property
    def mean(self) -> float:
        """:math:`a / (a + b)`."""
        return self.a / (self.a + self.b)

    @property
    def variance(self) -> float:
        """:math:`ab / ((a + b)^2 (a + b + 1))`."""
        s = self.a + self.b
        return self.a * self.b / (s * s * (s + 1))

    def pdf(self, x: ArrayLike) -> FloatArray:
        """:math:`p^{a-1} (1 - p)^{b-1} / B(a, b)`, computed in logs (0 outside [0, 1])."""
        p = np.asarray(x, dtype=np.float64)
        out = np.zeros_like(p)
        inside = (p > 0) & (p < 1)
        q = p[inside]
        log_pdf = (
            (self.a - 1) * np.log(q)
            + (self.b - 1) * np.log1p(-q)
            - scipy.special.betaln(self.a, self.b)
        )
        out[inside] = np.exp(log_pdf)
        for edge, power in ((0.0, self.a), (1.0, self.b)):
            if power == 1:  # the density is finite and non-zero at this end
                out[p == edge] = float(np.exp(-scipy.special.betaln(self.a, self.b)))
            elif power < 1:  # the density has a pole at this end
                out[p == edge] = math.inf
        return out

    def quantile(self, q: ArrayLike) -> FloatArray:
        """:math:`F^{-1}(q)`, the inverse regularised incomplete beta function
        :math:`I^{-1}_q(a, b)`."""
        return np.asarray(scipy.special.betaincinv(self.a, self.b, q), dtype=np.float64)

    def credible_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Equal-tailed credible interval: the :math:`(1 \\mp \\text{level})/2` quantiles."""
        _check_level(level)
        lo, hi = self.quantile([(1 - level) / 2, (1 + level) / 2])
        return float(lo), float(hi)

    def mode(self) -> float | None:
        """:math:`(a - 1)/(a + b - 2)` when :math:`a, b > 1`; ``None`` otherwise."""
        if self.a > 1 and self.b > 1:
            return (self.a - 1) / (self.a + self.b - 2)
        return None


def beta_binomial_update(prior: BetaPosterior, heads: int, tails: int) -> BetaPosterior:
    """Conjugate update: a Beta(a, b) prior and :math:`h` heads, :math:`t` tails give
    the posterior Beta(a + h, b + t)."""
    if heads < 0 or tails < 0:
        raise ValueError("counts of heads and tails must be >= 0")
    return BetaPosterior(prior.a + heads, prior.b + tails)


def posterior_path(prior: BetaPosterior, flips: list[bool]) -> list[BetaPosterior]:
    """The posterior after 0, 1, ..., len(flips) flips."""
    heads = np.concatenate([[0], np.cumsum(flips)]).astype(int)
    seen = np.arange(len(flips) + 1)
    return [
        beta_binomial_update(prior, int(h), int(k - h)) for h, k in zip(heads, seen, strict=True)
    ]


# -- Tests ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TestResult:
    """A test statistic, its degrees of freedom (``inf`` for a z-test) and p-value."""

    statistic: float
    df: float
    p_value: float
    alternative: str

    __test__ = False  # not a pytest test class


def _check_alternative(alternative: str) -> None:
    if alternative not in ALTERNATIVES:
        raise ValueError(
            f"alternative must be one of {', '.join(ALTERNATIVES)}, got {alternative!r}"
        )


def t_cdf(t: ArrayLike, df: float) -> FloatArray:
    """Student's t CDF, :math:`F_\\nu(t)` (``scipy.special.stdtr``); normal when
    :math:`\\nu = \\infty`."""
    x = np.asarray(t, dtype=np.float64)
    if math.isinf(df):
        return np.asarray(scipy.special.ndtr(x), dtype=np.float64)
    return np.asarray(scipy.special.stdtr(df, x), dtype=np.float64)


def t_pdf(t: ArrayLike, df: float) -> FloatArray:
    """Student's t density

    .. math:: f_\\nu(t) = \\frac{\\Gamma(\\frac{\\nu+1}2)}{\\sqrt{\\nu\\pi}\\,
              \\Gamma(\\frac\\nu2)} \\left(1 + \\frac{t^2}\\nu\\right)^{-\\frac{\\nu+1}2}

    (the standard normal density when :math:`\\nu = \\infty`).
    """
    x = np.asarray(t, dtype=np.float64)
    if math.isinf(df):
        out: FloatArray = np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
        return out
    log_c = (
        scipy.special.gammaln((df + 1) / 2)
        - scipy.special.gammaln(df / 2)
        - 0.5 * math.log(df * math.pi)
    )
    out = np.exp(log_c - (df + 1) / 2 * np.log1p(x * x / df))
    return out


def p_value(statistic: float, df: float, alternative: str = "two-sided") -> float:
    """p-value of a t (or, with ``df = inf``, z) statistic.

    ``less``: :math:`F(t)`; ``greater``: :math:`1 - F(t) = F(-t)`; ``two-sided``:
    :math:`2 F(-|t|)`.
    """
    _check_alternative(alternative)
    if alternative == "less":
        return float(t_cdf(statistic, df))
    if alternative == "greater":
        return float(t_cdf(-statistic, df))
    return float(min(1.0, 2.0 * float(t_cdf(-abs(statistic), df))))


def t_quantile(q: float, df: float) -> float:
    """:math:`F_\\nu^{-1}(q)` (``scipy.special.stdtrit``; ``ndtri`` when
    :math:`\\nu = \\infty`)."""
    if math.isinf(df):
        return float(scipy.special.ndtri(q))
    return float(scipy.special.stdtrit(df, q))


def critical_values(df: float, alpha: float, alternative: str) -> tuple[float, float]:
    """The rejection region's edges ``(lower, upper)``: reject when
    :math:`t \\le` lower or :math:`t \\ge` upper (``-inf``/``inf`` for a side that never
    rejects)."""
    _check_alternative(alternative)
    _check_level(alpha)
    if alternative == "less":
        return t_quantile(alpha, df), math.inf
    if alternative == "greater":
        return -math.inf, t_quantile(1 - alpha, df)
    c = t_quantile(1 - alpha / 2, df)
    return -c, c


def p_value_region(statistic: float, alternative: str) -> list[tuple[float, float]]:
    r"""The intervals of the statistic's axis whose null probability is the p-value.

    ``less``: :math:`(-\infty, t]`; ``greater``: :math:`[t, \infty)`; ``two-sided``:
    :math:`(-\infty, -|t|] \cup [|t|, \infty)`.
    """
    _check_alternative(alternative)
    if alternative == "less":
        return [(-math.inf, statistic)]
    if alternative == "greater":
        return [(statistic, math.inf)]
    return [(-math.inf, -abs(statistic)), (abs(statistic), math.inf)]


def interval_mass(lo: float, hi: float, df: float) -> float:
    r""":math:`F_\nu(hi) - F_\nu(lo)`, computed from the nearer tail to keep precision."""
    if hi <= lo:
        return 0.0
    if lo >= 0:  # both in the right tail: F(-lo) - F(-hi)
        return float(t_cdf(-lo, df) - t_cdf(-hi, df))
    return float(t_cdf(hi, df) - t_cdf(lo, df))


def one_sample_t(x: ArrayLike, mu0: float = 0.0, alternative: str = "two-sided") -> TestResult:
    """One-sample t-test of :math:`H_0: \\mu = \\mu_0`.

    .. math:: t = \\frac{\\bar x - \\mu_0}{s / \\sqrt n}, \\qquad \\nu = n - 1

    with :math:`s` the sample standard deviation (``ddof=1``). Same as
    ``scipy.stats.ttest_1samp``.
    """
    _check_alternative(alternative)
    a = _vector(x, minimum=2)
    n = a.size
    t = (a.mean() - mu0) / (a.std(ddof=1) / math.sqrt(n))
    df = float(n - 1)
    return TestResult(float(t), df, p_value(float(t), df, alternative), alternative)


@dataclass(frozen=True)
class TwoSampleSummary:
    """What the two-sample test uses of each sample: sizes, means and variances."""

    n1: int
    n2: int
    mean1: float
    mean2: float
    var1: float
    var2: float


def summarize_two(x: ArrayLike, y: ArrayLike) -> TwoSampleSummary:
    """Sizes, means and unbiased variances (``ddof=1``) of two samples."""
    a, b = _vector(x, "x", 2), _vector(y, "y", 2)
    return TwoSampleSummary(
        a.size, b.size, float(a.mean()), float(b.mean()), float(a.var(ddof=1)), float(b.var(ddof=1))
    )


def two_sample_t(
    x: ArrayLike, y: ArrayLike, equal_var: bool = False, alternative: str = "two-sided"
) -> TestResult:
    """Two-sample t-test of :math:`H_0: \\mu_x = \\mu_y`; Welch's test by default.

    Welch (``equal_var=False``):

    .. math:: t = \\frac{\\bar x - \\bar y}{\\sqrt{s_x^2/n_x + s_y^2/n_y}}, \\qquad
              \\nu = \\frac{(s_x^2/n_x + s_y^2/n_y)^2}
              {\\frac{(s_x^2/n_x)^2}{n_x - 1} + \\frac{(s_y^2/n_y)^2}{n_y - 1}}

    Student (``equal_var=True``): pooled variance
    :math:`s_p^2 = \\frac{(n_x-1)s_x^2 + (n_y-1)s_y^2}{n_x+n_y-2}`,
    :math:`t = (\\bar x - \\bar y)/(s_p\\sqrt{1/n_x + 1/n_y})`, :math:`\\nu = n_x+n_y-2`.
    Same as ``scipy.stats.ttest_ind(x, y, equal_var=..., alternative=...)``.

    Raises
    ------
    ValueError
        If both samples are constant (the statistic is undefined).
    """
    _check_alternative(alternative)
    s = summarize_two(x, y)
    if equal_var:
        df = float(s.n1 + s.n2 - 2)
        pooled = ((s.n1 - 1) * s.var1 + (s.n2 - 1) * s.var2) / df
        se2 = pooled * (1 / s.n1 + 1 / s.n2)
    else:
        v1, v2 = s.var1 / s.n1, s.var2 / s.n2
        se2 = v1 + v2
        if se2 > 0:
            df = se2 * se2 / (v1 * v1 / (s.n1 - 1) + v2 * v2 / (s.n2 - 1))
        else:
            df = float(s.n1 + s.n2 - 2)
    if not se2 > 0:
        raise ValueError("both samples are constant: the t statistic is undefined")
    t = (s.mean1 - s.mean2) / math.sqrt(se2)
    return TestResult(float(t), float(df), p_value(t, df, alternative), alternative)


def z_test(x: ArrayLike, mu0: float, sigma: float, alternative: str = "two-sided") -> TestResult:
    """z-test of :math:`H_0: \\mu = \\mu_0` with known :math:`\\sigma`:
    :math:`z = (\\bar x - \\mu_0)/(\\sigma/\\sqrt n)`, p-value from :math:`\\Phi`
    (``df`` is ``inf``)."""
    _check_alternative(alternative)
    if not sigma > 0:
        raise ValueError(f"sigma must be > 0, got {sigma}")
    a = _vector(x)
    z = (a.mean() - mu0) / (sigma / math.sqrt(a.size))
    return TestResult(float(z), math.inf, p_value(float(z), math.inf, alternative), alternative)


# -- Confidence intervals ---------------------------------------------------------------


def t_interval(x: ArrayLike, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval for the mean with unknown variance:
    :math:`\\bar x \\pm t_{n-1, (1+\\text{level})/2}\\, s/\\sqrt n`."""
    _check_level(level)
    a = _vector(x, minimum=2)
    half = t_quantile((1 + level) / 2, a.size - 1) * a.std(ddof=1) / math.sqrt(a.size)
    m = float(a.mean())
    return m - half, m + half


def z_interval(x: ArrayLike, sigma: float, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval for the mean with known :math:`\\sigma`:
    :math:`\\bar x \\pm z_{(1+\\text{level})/2}\\, \\sigma/\\sqrt n`."""
    _check_level(level)
    a = _vector(x)
    half = t_quantile((1 + level) / 2, math.inf) * sigma / math.sqrt(a.size)
    m = float(a.mean())
    return m - half, m + half


@dataclass(frozen=True)
class IntervalRuns:
    """Many confidence intervals from independent samples, and which cover the truth."""

    lower: FloatArray
    upper: FloatArray
    means: FloatArray
    truth: float

    @property
    def covers(self) -> NDArray[np.bool_]:
        """Whether each interval contains the true mean."""
        out: NDArray[np.bool_] = (self.lower <= self.truth) & (self.truth <= self.upper)
        return out

    @property
    def coverage(self) -> float:
        """Fraction of intervals that contain the true mean."""
        return float(np.mean(self.covers))


def repeated_t_intervals(samples: ArrayLike, truth: float, level: float = 0.95) -> IntervalRuns:
    """A t interval for each row of ``samples`` (shape ``(runs, n)``, ``n >= 2``)."""
    s = np.asarray(samples, dtype=np.float64)
    if s.ndim != 2 or s.shape[1] < 2:
        raise ValueError("samples must have shape (runs, n) with n >= 2")
    bounds = np.array([t_interval(row, level) for row in s]).reshape(-1, 2)
    return IntervalRuns(
        lower=bounds[:, 0], upper=bounds[:, 1], means=s.mean(axis=1), truth=float(truth)
    )
