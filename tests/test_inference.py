"""mlmath_viz.inference against scipy.stats as the oracle."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from mlmath_viz import inference as inf

ALTERNATIVES = ("two-sided", "less", "greater")
RTOL = 1e-10  # same formulas, different code paths: agreement to ~1e-12 is expected


def test_running_mean_and_batch_means(rng: np.random.Generator) -> None:
    x = rng.normal(size=1000)
    expected = np.array([x[: k + 1].mean() for k in range(x.size)])
    assert_allclose(inf.running_mean(x), expected, rtol=1e-12)
    means = inf.batch_means(x, 7)
    assert means.shape == (1000 // 7,)
    assert_allclose(means, [x[7 * j : 7 * j + 7].mean() for j in range(142)], rtol=1e-12)
    assert_allclose(inf.batch_means(x, 1), x, rtol=0)
    with pytest.raises(ValueError):
        inf.batch_means(x, 0)


def test_histogram_density_integrates_to_inside_fraction(rng: np.random.Generator) -> None:
    x = rng.normal(size=5000)
    edges = np.linspace(-2, 2, 21)
    h = inf.histogram(x, edges)
    counts, _ = np.histogram(x, edges)
    assert_allclose(h.counts, counts, rtol=0)
    inside = np.mean((x >= -2) & (x <= 2))
    assert_allclose(np.sum(h.density * np.diff(edges)), inside, rtol=1e-12)
    assert h.outside == 5000 - counts.sum()
    assert_allclose(inf.histogram([], edges).density, 0.0)


@pytest.mark.parametrize("n", [5, 200, 3000])
def test_ks_test_matches_scipy_exact(n: int, rng: np.random.Generator) -> None:
    x = rng.exponential(size=n)
    for cdf in (scipy.stats.expon.cdf, scipy.stats.expon(scale=1.3).cdf):
        d, p = inf.ks_test(x, cdf)
        oracle = scipy.stats.kstest(x, cdf, method="exact")
        assert_allclose(d, oracle.statistic, rtol=1e-12)
        assert_allclose(p, oracle.pvalue, rtol=1e-8, atol=1e-300)


@pytest.mark.parametrize(
    ("flips", "heads", "tails"),
    [("HHTHT", 3, 2), ("", 0, 0), ("7H3T", 7, 3), ("0H0T", 0, 0), ("tth", 1, 2)],
)
def test_parse_flips(flips: str, heads: int, tails: int) -> None:
    parsed = inf.parse_flips(flips)
    assert (sum(parsed), len(parsed) - sum(parsed)) == (heads, tails)


def test_counts_are_evenly_mixed() -> None:
    flips = inf.parse_flips("7H3T")
    assert len(flips) == 10 and sum(flips) == 7
    assert np.all(np.abs(np.cumsum(flips) - 0.7 * np.arange(1, 11)) < 1.0)


@pytest.mark.parametrize("bad", ["HHXT", "3H", "H T", "7T3H"])
def test_parse_flips_rejects_other_text(bad: str) -> None:
    with pytest.raises(ValueError, match="flips"):
        inf.parse_flips(bad)


@pytest.mark.parametrize(("a", "b", "h", "t"), [(1, 1, 7, 3), (2, 2, 0, 0), (0.5, 0.5, 40, 60)])
def test_beta_binomial_update_and_credible_interval(a: float, b: float, h: int, t: int) -> None:
    post = inf.beta_binomial_update(inf.BetaPosterior(a, b), h, t)
    assert (post.a, post.b) == (a + h, b + t)
    oracle = scipy.stats.beta(a + h, b + t)
    assert_allclose(post.mean, oracle.mean(), rtol=1e-12)
    assert_allclose(post.variance, oracle.var(), rtol=1e-12)
    for level in (0.5, 0.9, 0.95, 0.99):
        lo, hi = post.credible_interval(level)
        assert_allclose([lo, hi], oracle.ppf([(1 - level) / 2, (1 + level) / 2]), rtol=1e-10)
    grid = np.linspace(0, 1, 101)
    assert_allclose(post.pdf(grid), oracle.pdf(grid), rtol=1e-10, atol=1e-300)


def test_posterior_path_counts_flips() -> None:
    path = inf.posterior_path(inf.BetaPosterior(1, 1), inf.parse_flips("HHT"))
    assert [(p.a, p.b) for p in path] == [(1, 1), (2, 1), (3, 1), (3, 2)]
    with pytest.raises(ValueError):
        inf.BetaPosterior(-1, 1)
    with pytest.raises(ValueError, match="level"):
        inf.BetaPosterior(1, 1).credible_interval(1.5)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_one_sample_t_matches_scipy(alternative: str, rng: np.random.Generator) -> None:
    for n in (2, 5, 40):
        x = rng.normal(0.3, 1.2, size=n)
        ours = inf.one_sample_t(x, 0.1, alternative)
        oracle = scipy.stats.ttest_1samp(x, 0.1, alternative=alternative)
        assert_allclose(ours.statistic, oracle.statistic, rtol=RTOL)
        assert_allclose(ours.df, oracle.df, rtol=RTOL)
        assert_allclose(ours.p_value, oracle.pvalue, rtol=1e-9)


@pytest.mark.parametrize("equal_var", [False, True], ids=["welch", "student"])
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_two_sample_t_matches_scipy(
    alternative: str, equal_var: bool, rng: np.random.Generator
) -> None:
    for n1, n2 in ((3, 8), (50, 50), (12, 200)):
        x = rng.normal(0.0, 1.0, size=n1)
        y = rng.normal(0.4, 2.5, size=n2)
        ours = inf.two_sample_t(x, y, equal_var=equal_var, alternative=alternative)
        oracle = scipy.stats.ttest_ind(x, y, equal_var=equal_var, alternative=alternative)
        assert_allclose(ours.statistic, oracle.statistic, rtol=RTOL)
        assert_allclose(ours.df, oracle.df, rtol=RTOL)
        assert_allclose(ours.p_value, oracle.pvalue, rtol=1e-9)


def test_two_sample_t_on_iris_versicolor_vs_virginica() -> None:
    from sklearn.datasets import load_iris

    iris = load_iris()
    x = iris.data[iris.target == 1, 0]
    y = iris.data[iris.target == 2, 0]
    ours = inf.two_sample_t(x, y)
    oracle = scipy.stats.ttest_ind(x, y, equal_var=False)
    assert_allclose(
        [ours.statistic, ours.df, ours.p_value],
        [oracle.statistic, oracle.df, oracle.pvalue],
        rtol=1e-9,
    )
    assert ours.statistic == pytest.approx(-5.629, abs=1e-3)


def test_constant_samples_are_rejected() -> None:
    with pytest.raises(ValueError, match="constant"):
        inf.two_sample_t([1, 1, 1], [2, 2])
    with pytest.raises(ValueError, match="at least 2"):
        inf.two_sample_t([1], [2, 3])


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_z_test_against_norm_cdf(alternative: str, rng: np.random.Generator) -> None:
    x = rng.normal(0.2, 2.0, size=30)
    ours = inf.z_test(x, 0.0, 2.0, alternative)
    z = x.mean() / (2.0 / math.sqrt(30))
    expected = {
        "two-sided": 2 * scipy.stats.norm.cdf(-abs(z)),
        "less": scipy.stats.norm.cdf(z),
        "greater": scipy.stats.norm.sf(z),
    }[alternative]
    assert_allclose(ours.statistic, z, rtol=1e-12)
    assert_allclose(ours.p_value, expected, rtol=1e-10)
    assert math.isinf(ours.df)


def test_t_density_quantiles_and_critical_values() -> None:
    t = np.linspace(-8, 8, 97)
    for df in (1.0, 3.5, 30.0, 197.7):
        assert_allclose(inf.t_pdf(t, df), scipy.stats.t.pdf(t, df), rtol=1e-10)
        assert_allclose(inf.t_cdf(t, df), scipy.stats.t.cdf(t, df), rtol=1e-10, atol=1e-300)
        assert_allclose(inf.t_quantile(0.975, df), scipy.stats.t.ppf(0.975, df), rtol=1e-10)
    assert_allclose(inf.t_pdf(t, math.inf), scipy.stats.norm.pdf(t), rtol=1e-12)
    lo, hi = inf.critical_values(20.0, 0.05, "two-sided")
    assert_allclose([lo, hi], [-scipy.stats.t.ppf(0.975, 20), scipy.stats.t.ppf(0.975, 20)])
    assert inf.critical_values(20.0, 0.05, "less")[1] == math.inf
    assert inf.critical_values(20.0, 0.05, "greater")[0] == -math.inf
    with pytest.raises(ValueError, match="alternative"):
        inf.p_value(1.0, 3.0, "sideways")


def test_confidence_intervals_match_scipy(rng: np.random.Generator) -> None:
    x = rng.normal(5.0, 2.0, size=25)
    for level in (0.9, 0.95, 0.99):
        oracle = scipy.stats.t.interval(level, 24, loc=x.mean(), scale=scipy.stats.sem(x))
        assert_allclose(inf.t_interval(x, level), oracle, rtol=1e-12)
        z = scipy.stats.norm.interval(level, loc=x.mean(), scale=2.0 / 5.0)
        assert_allclose(inf.z_interval(x, 2.0, level), z, rtol=1e-12)


def test_repeated_intervals_cover_about_level(rng: np.random.Generator) -> None:
    runs = inf.repeated_t_intervals(rng.normal(1.0, 1.0, size=(4000, 10)), 1.0, 0.95)
    # Binomial(4000, 0.95) has standard deviation 0.0034: allow 4 of them.
    assert abs(runs.coverage - 0.95) < 4 * 0.0035
    assert np.all(runs.lower < runs.means) and np.all(runs.means < runs.upper)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
@pytest.mark.parametrize("t", [-5.6, -0.3, 0.0, 2.1, 40.0])
def test_p_value_region_holds_the_p_value(alternative: str, t: float) -> None:
    df = 17.5
    mass = sum(inf.interval_mass(lo, hi, df) for lo, hi in inf.p_value_region(t, alternative))
    assert_allclose(mass, inf.p_value(t, df, alternative), rtol=1e-10, atol=1e-300)
    assert_allclose(
        inf.interval_mass(-1.0, 2.0, df), scipy.stats.t(df).cdf(2) - scipy.stats.t(df).cdf(-1)
    )
