"""Discrete distributions: the binomial, the Poisson and the geometric.

.. math::
    \\text{Binomial}(n, p):\\ P(X = k) = \\binom{n}{k} p^k (1-p)^{n-k},\\ k = 0..n;
    \\quad E X = np,\\ \\operatorname{Var} X = np(1-p)

    \\text{Poisson}(\\lambda):\\ P(X = k) = e^{-\\lambda} \\lambda^k / k!,\\ k = 0, 1, ...;
    \\quad E X = \\operatorname{Var} X = \\lambda

    \\text{Geometric}(p):\\ P(X = k) = (1-p)^{k-1} p,\\ k = 1, 2, ...
    \\ \\text{(trials up to the first success)};\\quad E X = 1/p,\\
    \\operatorname{Var} X = (1-p)/p^2

The pmfs are evaluated in log space (``gammaln``), so n in the thousands is fine. The
binomial with n p = lambda fixed tends to the Poisson(lambda) as n grows (the law of
rare events); :func:`total_variation` measures how close.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gammaln  # type: ignore[import-untyped]

from mlmath_viz.power import sample_sizes

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

DISTRIBUTIONS = ("binomial", "poisson", "geometric")


@dataclass(frozen=True)
class Discrete:
    """One discrete distribution with its closed-form moments."""

    name: str
    n: int = 0  # binomial
    p: float = 0.0  # binomial, geometric
    rate: float = 0.0  # poisson

    def pmf(self, k: ArrayLike) -> FloatArray:
        """P(X = k), 0 outside the support."""
        kk = np.asarray(k, dtype=np.float64)
        out = np.zeros_like(kk)
        if self.name == "binomial":
            inside = (kk >= 0) & (kk <= self.n) & (kk == np.round(kk))
            j = kk[inside]
            log = (
                gammaln(self.n + 1)
                - gammaln(j + 1)
                - gammaln(self.n - j + 1)
                + j * math.log(self.p)
                + (self.n - j) * math.log1p(-self.p)
            )
        elif self.name == "poisson":
            inside = (kk >= 0) & (kk == np.round(kk))
            j = kk[inside]
            log = -self.rate + j * math.log(self.rate) - gammaln(j + 1)
        else:
            inside = (kk >= 1) & (kk == np.round(kk))
            j = kk[inside]
            log = (j - 1) * math.log1p(-self.p) + math.log(self.p)
        out[inside] = np.exp(log)
        return out

    @property
    def mean(self) -> float:
        if self.name == "binomial":
            return self.n * self.p
        if self.name == "poisson":
            return self.rate
        return 1 / self.p

    @property
    def variance(self) -> float:
        if self.name == "binomial":
            return self.n * self.p * (1 - self.p)
        if self.name == "poisson":
            return self.rate
        return (1 - self.p) / self.p**2

    @property
    def sd(self) -> float:
        return math.sqrt(self.variance)

    def cdf(self, k: float) -> float:
        """P(X <= k), by summing the pmf from the support's start."""
        first = 1 if self.name == "geometric" else 0
        if k < first:
            return 0.0
        return float(self.pmf(np.arange(first, math.floor(k) + 1)).sum())

    def quantile(self, q: float) -> int:
        """The smallest k with P(X <= k) >= q."""
        first = 1 if self.name == "geometric" else 0
        k, total = first, float(self.pmf(np.array([first]))[0])
        while total < q and (self.name != "binomial" or k < self.n):
            k += 1
            total += float(self.pmf(np.array([k]))[0])
        return k

    def sample(self, size: int, rng: np.random.Generator) -> IntArray:
        """``size`` independent draws (numpy's binomial, poisson and geometric; numpy's
        geometric counts trials, as here)."""
        if self.name == "binomial":
            return rng.binomial(self.n, self.p, size=size).astype(np.int64)
        if self.name == "poisson":
            return rng.poisson(self.rate, size=size).astype(np.int64)
        return rng.geometric(self.p, size=size).astype(np.int64)


def make(name: str, n: int = 10, p: float = 0.3, rate: float = 3.0) -> Discrete:
    """The distribution ``name`` with its parameters (the others ignored).

    Raises
    ------
    ValueError
        For an unknown name, n < 1, p outside (0, 1) or a rate <= 0.
    """
    if name not in DISTRIBUTIONS:
        raise ValueError(f"unknown distribution {name!r}; known: {', '.join(DISTRIBUTIONS)}")
    if name == "binomial" and (int(n) != n or n < 1):
        raise ValueError(f"n must be a whole number >= 1, got {n!r}")
    if name in ("binomial", "geometric") and not 0 < p < 1:
        raise ValueError(f"p must be in (0, 1), got {p!r}")
    if name == "poisson" and not rate > 0:
        raise ValueError(f"rate must be > 0, got {rate!r}")
    return Discrete(name, n=int(n), p=float(p), rate=float(rate))


def shown_support(dist: Discrete, tail: float = 1e-3) -> IntArray:
    """The values k drawn: the support from its start (or the ``tail`` quantile, if
    later) to the ``1 - tail`` quantile."""
    first = 1 if dist.name == "geometric" else 0
    lo = max(first, dist.quantile(tail) if tail > 0 else first)
    if dist.cdf(lo - 1) < tail / 10:  # nothing to speak of below: start at the support
        lo = first if dist.cdf(lo - 1) == 0 else lo
    hi = dist.quantile(1 - tail)
    return np.arange(lo, hi + 1, dtype=np.int64)


def counts_on(samples: ArrayLike, support: ArrayLike) -> tuple[IntArray, int, int]:
    """How many samples equal each value of ``support`` (consecutive integers), and how
    many fall below and above it."""
    s = np.asarray(samples, dtype=np.int64)
    k = np.asarray(support, dtype=np.int64)
    counts = np.bincount(s[(s >= k[0]) & (s <= k[-1])] - k[0], minlength=k.size)
    return counts.astype(np.int64), int(np.sum(s < k[0])), int(np.sum(s > k[-1]))


def total_variation(a: Discrete, b: Discrete, upto: int) -> float:
    """:math:`\\tfrac12 \\sum_k |P_a(k) - P_b(k)|` over k = 0..``upto``, plus half the
    mass both leave beyond it."""
    k = np.arange(0, upto + 1)
    pa, pb = a.pmf(k), b.pmf(k)
    inside = 0.5 * float(np.abs(pa - pb).sum())
    return inside + 0.5 * abs((1 - float(pa.sum())) - (1 - float(pb.sum())))


def rare_event_sizes(n_start: int, n_end: int, count: int) -> list[int]:
    """``count`` whole n from ``n_start`` to ``n_end``, evenly in log scale, distinct
    (:func:`mlmath_viz.power.sample_sizes`, the same spacing of group sizes)."""
    return sample_sizes(n_start, n_end, count)
