"""mlmath_viz.discrete against scipy.stats' pmfs and moments, numpy's samplers and
the law of rare events."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from mlmath_viz import discrete

CASES = [
    (discrete.make("binomial", n=10, p=0.3), scipy.stats.binom(10, 0.3)),
    (discrete.make("binomial", n=2000, p=0.001), scipy.stats.binom(2000, 0.001)),
    (discrete.make("poisson", rate=3.0), scipy.stats.poisson(3.0)),
    (discrete.make("poisson", rate=45.5), scipy.stats.poisson(45.5)),
    (discrete.make("geometric", p=0.2), scipy.stats.geom(0.2)),
]


@pytest.mark.parametrize("dist, oracle", CASES, ids=lambda c: getattr(c, "name", ""))
def test_pmf_and_moments_are_scipys(dist: discrete.Discrete, oracle: object) -> None:
    k = np.arange(-2, 120)
    assert_allclose(dist.pmf(k), oracle.pmf(k), rtol=1e-10, atol=1e-300)  # type: ignore[attr-defined]
    assert_allclose(dist.mean, oracle.mean(), rtol=1e-12)  # type: ignore[attr-defined]
    assert_allclose(dist.variance, oracle.var(), rtol=1e-12)  # type: ignore[attr-defined]
    for q in (0.001, 0.5, 0.999):
        assert dist.quantile(q) == int(oracle.ppf(q))  # type: ignore[attr-defined]
    assert_allclose(dist.cdf(5.0), oracle.cdf(5), rtol=1e-10)  # type: ignore[attr-defined]


@pytest.mark.parametrize("dist, oracle", CASES, ids=lambda c: getattr(c, "name", ""))
def test_samples_follow_the_pmf(dist: discrete.Discrete, oracle: object) -> None:
    rng = np.random.default_rng(5)
    s = dist.sample(200_000, rng)
    assert_allclose(s.mean(), dist.mean, atol=5 * dist.sd / np.sqrt(s.size))
    support = discrete.shown_support(dist)
    counts, below, above = discrete.counts_on(s, support)
    assert counts.sum() + below + above == s.size
    assert_allclose(counts / s.size, dist.pmf(support), atol=0.005)
    assert (below + above) / s.size < 0.004  # the shown support holds all but the tails


def test_the_binomial_tends_to_the_poisson() -> None:
    poisson = discrete.make("poisson", rate=3.0)
    tv = [
        discrete.total_variation(discrete.make("binomial", n=n, p=3.0 / n), poisson, 400)
        for n in (5, 10, 50, 300)
    ]
    assert all(a > b for a, b in itertools.pairwise(tv))
    # Le Cam's inequality: TV(Bin(n, p), Poisson(np)) <= n p^2
    for n, d in zip((5, 10, 50, 300), tv, strict=True):
        assert d <= n * (3.0 / n) ** 2 + 1e-12


def test_total_variation_is_half_the_l1_distance() -> None:
    a, b = discrete.make("poisson", rate=2.0), discrete.make("poisson", rate=2.5)
    k = np.arange(0, 200)
    want = 0.5 * np.abs(scipy.stats.poisson(2.0).pmf(k) - scipy.stats.poisson(2.5).pmf(k)).sum()
    assert_allclose(discrete.total_variation(a, b, 199), want, rtol=1e-10)


def test_sizes_and_bad_input() -> None:
    assert discrete.rare_event_sizes(10, 100, 4) == [10, 22, 46, 100]
    with pytest.raises(ValueError, match="p must"):
        discrete.make("geometric", p=1.0)
    with pytest.raises(ValueError, match="unknown"):
        discrete.make("negative-binomial")
