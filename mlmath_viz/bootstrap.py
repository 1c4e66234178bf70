"""The nonparametric bootstrap of a mean or a median (Efron 1979).

A sample :math:`x_1, \\dots, x_n` is resampled with replacement :math:`B` times: resample
:math:`b` draws indices :math:`i_{b1}, \\dots, i_{bn}` uniformly from :math:`1..n`, and its
statistic is :math:`\\hat\\theta^*_b = T(x_{i_{b1}}, \\dots, x_{i_{bn}})`. The spread of the
:math:`\\hat\\theta^*_b` stands in for the sampling distribution of :math:`\\hat\\theta = T(x)`
(Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993, ch. 6 and 13).

Randomness only through the ``numpy.random.Generator`` passed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.inference import t_interval

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: The statistics the bootstrap here knows.
STATISTICS = ("mean", "median")

#: numpy's quantile method for the percentile interval: ``"linear"`` (numpy's default,
#: Hyndman & Fan's type 7: the ``q (B - 1)``-th order statistic, interpolated).
QUANTILE_METHOD = "linear"


def statistic_of(values: ArrayLike, statistic: str, axis: int = -1) -> FloatArray:
    """``statistic`` (``"mean"`` or ``"median"``) of ``values`` along ``axis``.

    The median of an even count is the mean of the two middle values.

    Raises
    ------
    ValueError
        For an unknown statistic.
    """
    a = np.asarray(values, dtype=np.float64)
    if statistic == "mean":
        return np.asarray(a.mean(axis=axis), dtype=np.float64)
    if statistic == "median":
        return np.asarray(np.median(a, axis=axis), dtype=np.float64)
    raise ValueError(f"unknown statistic {statistic!r}; known: {', '.join(STATISTICS)}")


def resample_indices(n: int, resamples: int, rng: np.random.Generator) -> IntArray:
    """Indices of ``resamples`` resamples of ``n`` items with replacement, shape
    ``(resamples, n)``: each entry uniform on ``0..n-1``, independent
    (``rng.integers(0, n, size=(resamples, n))``)."""
    if n < 1 or resamples < 1:
        raise ValueError(f"need n >= 1 and resamples >= 1, got n={n}, resamples={resamples}")
    return np.asarray(rng.integers(0, n, size=(resamples, n)), dtype=np.int64)


def percentile_interval(statistics: ArrayLike, level: float) -> tuple[float, float]:
    """The bootstrap percentile interval: the quantiles :math:`(1-\\text{level})/2` and
    :math:`(1+\\text{level})/2` of the bootstrap statistics, by numpy's ``"linear"``
    method (:data:`QUANTILE_METHOD`).

    Raises
    ------
    ValueError
        If ``level`` is not in (0, 1) or there are no statistics.
    """
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level}")
    s = np.asarray(statistics, dtype=np.float64).reshape(-1)
    if s.size == 0:
        raise ValueError("no bootstrap statistics")
    lo, hi = np.quantile(s, [(1 - level) / 2, (1 + level) / 2], method="linear")
    return float(lo), float(hi)


def standard_error(statistics: ArrayLike) -> float:
    """The bootstrap standard error: the standard deviation of the bootstrap statistics,
    :math:`\\sqrt{\\sum_b (\\hat\\theta^*_b - \\bar\\theta^*)^2 / (B - 1)}`. For the mean it
    estimates :math:`\\hat\\sigma/\\sqrt n` with the 1/n variance,
    :math:`s/\\sqrt n \\cdot \\sqrt{(n-1)/n}`."""
    s = np.asarray(statistics, dtype=np.float64).reshape(-1)
    if s.size < 2:
        raise ValueError("need at least 2 bootstrap statistics")
    return float(s.std(ddof=1))


@dataclass(frozen=True)
class BootstrapResult:
    """A bootstrap of one statistic of one sample.

    ``indices[b]`` are the items drawn by resample ``b``; ``statistics[b]`` its statistic.
    ``t_interval`` is the t interval of the sample mean (whatever ``statistic``).
    """

    sample: FloatArray
    statistic: str
    level: float
    indices: IntArray
    statistics: FloatArray
    estimate: float
    percentile_interval: tuple[float, float]
    standard_error: float
    t_interval: tuple[float, float]

    @property
    def resamples(self) -> int:
        return int(self.statistics.size)

    def resample(self, b: int) -> FloatArray:
        """The values of resample ``b``."""
        out: FloatArray = self.sample[self.indices[b]]
        return out

    def multiplicity(self, b: int) -> IntArray:
        """How many times resample ``b`` drew each item of the sample (sums to n)."""
        return np.bincount(self.indices[b], minlength=self.sample.size).astype(np.int64)


def bootstrap(
    sample: ArrayLike, statistic: str, resamples: int, level: float, rng: np.random.Generator
) -> BootstrapResult:
    """Bootstrap ``statistic`` of ``sample`` with ``resamples`` resamples from ``rng``.

    Raises
    ------
    ValueError
        For an unknown statistic, fewer than 2 values or resamples, or a level outside
        (0, 1).
    """
    x = np.asarray(sample, dtype=np.float64).reshape(-1)
    if x.size < 2:
        raise ValueError(f"need at least 2 values, got {x.size}")
    if resamples < 2:
        raise ValueError(f"need at least 2 resamples, got {resamples}")
    estimate = float(statistic_of(x, statistic))
    indices = resample_indices(x.size, resamples, rng)
    stats = statistic_of(x[indices], statistic, axis=1)
    return BootstrapResult(
        sample=x,
        statistic=statistic,
        level=level,
        indices=indices,
        statistics=stats,
        estimate=estimate,
        percentile_interval=percentile_interval(stats, level),
        standard_error=standard_error(stats),
        t_interval=t_interval(x, level),
    )


def histogram_edges(statistics: ArrayLike, bins: int = 40) -> FloatArray:
    """Bin edges for a histogram of bootstrap statistics.

    If the statistics take few distinct values (at most ``bins``, e.g. medians of data
    measured to 0.1), one bin of width ``g`` centred on each point of their grid, where
    ``g`` is the smallest gap between distinct values; otherwise ``bins`` equal bins over
    their range. A single value gets one bin of width 1% of its size (or 0.01).
    """
    s = np.asarray(statistics, dtype=np.float64).reshape(-1)
    values = np.unique(np.round(s, 10))
    if values.size == 1:
        half = 0.005 * max(abs(float(values[0])), 1.0)
        return np.array([values[0] - half, values[0] + half])
    if values.size <= bins:
        gap = float(np.diff(values).min())
        count = round((values[-1] - values[0]) / gap) + 1
        if count <= 4 * bins:
            centres = values[0] + gap * np.arange(count)
            return np.concatenate([centres - gap / 2, [centres[-1] + gap / 2]])
    return np.linspace(float(s.min()), float(s.max()), bins + 1)


def bin_index(statistics: ArrayLike, edges: ArrayLike) -> IntArray:
    """The bin of each statistic (bins closed on the left, the last also on the right)."""
    s = np.asarray(statistics, dtype=np.float64).reshape(-1)
    e = np.asarray(edges, dtype=np.float64)
    k = np.searchsorted(e, s, side="right") - 1
    return np.clip(k, 0, e.size - 2).astype(np.int64)


def counts_of_first(bins: IntArray, k: int, nbins: int) -> FloatArray:
    """Histogram counts of the first ``k`` statistics, given their ``bins``."""
    k = max(0, min(int(k), bins.size))
    return np.bincount(bins[:k], minlength=nbins).astype(np.float64)


def mean_se_closed_form(sample: ArrayLike) -> float:
    """The exact bootstrap standard error of the mean,
    :math:`\\hat\\sigma/\\sqrt n = s/\\sqrt n \\cdot \\sqrt{(n-1)/n}` (1/n variance)."""
    x = np.asarray(sample, dtype=np.float64).reshape(-1)
    return float(x.std(ddof=0) / math.sqrt(x.size))


def tie_ranks(values: ArrayLike, decimals: int = 9) -> IntArray:
    """For each value, how many earlier values equal it (after rounding to ``decimals``):
    its height in a dot plot that stacks equal values, ``0`` for the first of each."""
    v = np.round(np.asarray(values, dtype=np.float64).reshape(-1), decimals)
    out = np.zeros(v.size, dtype=np.int64)
    seen: dict[float, int] = {}
    for k, x in enumerate(v.tolist()):
        out[k] = seen.get(x, 0)
        seen[x] = out[k] + 1
    return out


def distinct_count(values: ArrayLike, decimals: int = 9) -> int:
    """How many distinct values there are, after rounding to ``decimals`` (so 0.1 read
    twice with round-off counts once)."""
    v = np.round(np.asarray(values, dtype=np.float64).reshape(-1), decimals)
    return int(np.unique(v).size)


def width(interval: tuple[float, float]) -> float:
    """The length :math:`b - a` of an interval ``(a, b)``."""
    return float(interval[1] - interval[0])
