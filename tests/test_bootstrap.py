"""mlmath_viz.bootstrap against numpy, scipy.stats and closed forms (fixed seeds)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from mlmath_viz import bootstrap as bs
from mlmath_viz.datasets import iris_sample
from mlmath_viz.random import generator


@pytest.mark.parametrize("statistic", ["mean", "median"])
def test_statistics_are_numpys_over_the_drawn_indices(statistic: str) -> None:
    x = iris_sample("sepal_length", "setosa")
    r = bs.bootstrap(x, statistic, 500, 0.95, generator(3))
    fn = np.mean if statistic == "mean" else np.median
    want = np.array([fn(x[idx]) for idx in r.indices])
    assert_allclose(r.statistics, want, rtol=1e-14)
    assert r.indices.shape == (500, 50) and r.indices.min() >= 0 and r.indices.max() <= 49
    assert r.estimate == pytest.approx(float(fn(x)), rel=1e-14)
    assert r.multiplicity(0).sum() == 50
    assert_allclose(np.sort(r.resample(0)), np.sort(np.repeat(x, r.multiplicity(0))))


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    x = iris_sample("petal_length", "virginica")
    a = bs.bootstrap(x, "mean", 200, 0.9, generator(7))
    b = bs.bootstrap(x, "mean", 200, 0.9, generator(7))
    c = bs.bootstrap(x, "mean", 200, 0.9, generator(8))
    assert np.array_equal(a.statistics, b.statistics)
    assert not np.array_equal(a.statistics, c.statistics)


@pytest.mark.parametrize("level", [0.5, 0.9, 0.95, 0.99])
def test_percentile_interval_is_numpy_quantile(level: float) -> None:
    x = iris_sample("sepal_width", "versicolor")
    r = bs.bootstrap(x, "median", 1000, level, generator(11))
    want = np.quantile(r.statistics, [(1 - level) / 2, (1 + level) / 2])  # numpy's linear
    assert_allclose(r.percentile_interval, want, rtol=0, atol=0)
    # and by hand: order statistics at q (B - 1), linearly interpolated (type 7)
    s = np.sort(r.statistics)
    for q, got in zip(((1 - level) / 2, (1 + level) / 2), r.percentile_interval, strict=True):
        h = q * (s.size - 1)
        lo = math.floor(h)
        hand = s[lo] + (h - lo) * (s[min(lo + 1, s.size - 1)] - s[lo])
        assert_allclose(got, hand, rtol=1e-13)


def test_bootstrap_se_of_the_mean_is_the_plug_in_se() -> None:
    # B = 20000 resamples: the SE estimate's own relative error is about 1/sqrt(2B) = 0.5%;
    # tolerance 2.5%, five of those.
    for feature in ("sepal_length", "petal_width"):
        x = iris_sample(feature, "setosa")
        r = bs.bootstrap(x, "mean", 20_000, 0.95, generator(2026))
        n = x.size
        want = x.std(ddof=1) / math.sqrt(n) * math.sqrt((n - 1) / n)
        assert_allclose(r.standard_error, want, rtol=0.025)
        assert_allclose(bs.mean_se_closed_form(x), want, rtol=1e-13)
        assert_allclose(r.standard_error, np.std(r.statistics, ddof=1), rtol=1e-14)


@pytest.mark.parametrize("statistic", ["mean", "median"])
def test_percentile_interval_agrees_with_scipy_bootstrap(statistic: str) -> None:
    # Different generators, so only within Monte Carlo error: with B = 10000, the 2.5% and
    # 97.5% quantiles of the bootstrap distribution move by about 0.02 cm from seed to seed
    # for sepal length; tolerance 0.05 cm (the medians' lattice step is 0.05 cm).
    x = iris_sample("sepal_length", "versicolor")
    fn = np.mean if statistic == "mean" else np.median
    ours = bs.bootstrap(x, statistic, 10_000, 0.95, generator(5)).percentile_interval
    ref = scipy.stats.bootstrap(
        (x,),
        fn,
        n_resamples=10_000,
        confidence_level=0.95,
        method="percentile",
        random_state=np.random.default_rng(99),
    ).confidence_interval
    assert_allclose(ours, [ref.low, ref.high], atol=0.05)


def test_t_interval_is_scipys() -> None:
    for level in (0.5, 0.95, 0.99):
        x = iris_sample("petal_length", "setosa")
        r = bs.bootstrap(x, "median", 100, level, generator(1))
        want = scipy.stats.t.interval(level, x.size - 1, loc=x.mean(), scale=scipy.stats.sem(x))
        assert_allclose(r.t_interval, want, rtol=1e-12)


def test_discrete_medians_take_few_values_and_the_bins_sit_on_them() -> None:
    x = iris_sample("petal_width", "setosa")  # measured to 0.1 cm
    r = bs.bootstrap(x, "median", 2000, 0.95, generator(2026))
    values = np.unique(np.round(r.statistics, 10))
    assert values.size <= 6
    edges = bs.histogram_edges(r.statistics)
    centres = (edges[:-1] + edges[1:]) / 2
    for v in values:  # every value is the centre of a bin
        assert np.min(np.abs(centres - v)) < 1e-9
    k = bs.bin_index(r.statistics, edges)
    assert_allclose(centres[k], r.statistics, atol=1e-9)
    counts = bs.counts_of_first(k, r.resamples, edges.size - 1)
    want, _ = np.histogram(r.statistics, edges)
    assert_allclose(counts, want, atol=0)
    assert bs.counts_of_first(k, 10, edges.size - 1).sum() == 10


def test_continuous_statistics_get_equal_bins_like_numpy_histogram() -> None:
    x = iris_sample("sepal_length", "setosa")
    r = bs.bootstrap(x, "mean", 3000, 0.95, generator(4))
    edges = bs.histogram_edges(r.statistics, bins=40)
    assert edges.size == 41
    want, np_edges = np.histogram(r.statistics, bins=40)
    assert_allclose(edges, np_edges, rtol=1e-13)
    got = bs.counts_of_first(bs.bin_index(r.statistics, edges), r.resamples, 40)
    assert_allclose(got, want, atol=0)


def test_bad_input_is_refused() -> None:
    x = iris_sample("sepal_length", "setosa")
    with pytest.raises(ValueError, match="statistic"):
        bs.bootstrap(x, "mode", 10, 0.95, generator(1))
    with pytest.raises(ValueError, match="level"):
        bs.percentile_interval([1.0, 2.0], 1.0)
    with pytest.raises(ValueError, match="resamples"):
        bs.bootstrap(x, "mean", 1, 0.95, generator(1))


def test_tie_ranks_count_earlier_equal_values() -> None:
    v = np.array([0.2, 0.1, 0.2, 0.30000000000000004, 0.3, 0.2])
    assert bs.tie_ranks(v).tolist() == [0, 0, 1, 0, 1, 2]
    x = iris_sample("petal_width", "setosa")
    r = bs.tie_ranks(x)
    _, counts = np.unique(x, return_counts=True)
    assert r.max() + 1 == counts.max()
    assert bs.width((1.5, 2.0)) == 0.5


def test_distinct_count_is_pandas_nunique_of_the_rounded_values() -> None:
    import pandas as pd

    from mlmath_viz.bootstrap import distinct_count

    rng = np.random.default_rng(7)
    x = np.round(rng.normal(5.0, 1.0, 200), 1)
    assert distinct_count(x) == pd.Series(x).nunique()
    assert distinct_count([0.1, 0.1 + 1e-12, 0.3 - 0.2]) == 1  # round-off counts once
