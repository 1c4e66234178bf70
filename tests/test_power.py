"""mlmath_viz.power against simulated t tests (scipy.stats.ttest_ind), the normal
approximation, quadrature of the densities and closed-form facts."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.integrate
import scipy.stats
from numpy.testing import assert_allclose

from mlmath_viz import power

DESIGNS = [
    (0.5, 20, 0.05, "two-sided"),
    (0.8, 10, 0.01, "greater"),
    (-0.3, 50, 0.1, "less"),
    (1.2, 5, 0.05, "two-sided"),
    (0.5, 20, 0.05, "less"),  # the wrong direction: power far below alpha
]


def simulated_power(d: float, n: int, alpha: float, alternative: str, seed: int) -> float:
    """Share of 40,000 simulated experiments whose Student t test rejects H0."""
    rng = np.random.default_rng(seed)
    reps = 40_000
    a = rng.normal(d, 1.0, size=(reps, n))
    b = rng.normal(0.0, 1.0, size=(reps, n))
    p = scipy.stats.ttest_ind(a, b, axis=1, equal_var=True, alternative=alternative).pvalue
    return float(np.mean(p < alpha))


@pytest.mark.parametrize("d, n, alpha, alternative", DESIGNS)
def test_power_is_the_rejection_rate_of_simulated_t_tests(
    d: float, n: int, alpha: float, alternative: str
) -> None:
    got = power.two_sample_power(d, n, alpha, alternative)
    seen = simulated_power(d, n, alpha, alternative, seed=2026)
    se = math.sqrt(max(got.power * (1 - got.power), 1e-4) / 40_000)
    assert abs(seen - got.power) < 4.5 * se + 1e-4, (seen, got.power)
    assert_allclose(got.beta, 1 - got.power, atol=1e-15)


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.2])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_with_no_effect_the_power_is_alpha(alpha: float, alternative: str) -> None:
    got = power.two_sample_power(0.0, 17, alpha, alternative)
    assert_allclose(got.power, alpha, rtol=1e-10)


def test_the_design_numbers_are_the_textbook_ones() -> None:
    # Cohen (1988) table 2.4.1: d = 0.5, n = 64 per group, alpha = 0.05 two-sided: 0.80.
    got = power.two_sample_power(0.5, 64, 0.05, "two-sided")
    assert got.df == 126
    assert_allclose(got.noncentrality, 0.5 * math.sqrt(32), rtol=1e-14)
    assert_allclose(got.power, 0.80, atol=0.005)
    crit = scipy.stats.t.ppf(0.975, 126)
    assert_allclose(got.critical_values, (-crit, crit), rtol=1e-12)
    scale = math.sqrt(2 / 64)  # d-hat = t sqrt(2/n)
    assert_allclose(got.critical_effects, (-crit * scale, crit * scale), rtol=1e-12)


@pytest.mark.parametrize("n", [200, 800])
def test_for_large_n_the_power_is_the_normal_approximation(n: int) -> None:
    d, alpha = 0.2, 0.05
    z = scipy.stats.norm.ppf(1 - alpha / 2)
    delta = d * math.sqrt(n / 2)
    normal = scipy.stats.norm.cdf(delta - z) + scipy.stats.norm.cdf(-delta - z)
    assert_allclose(power.two_sample_power(d, n, alpha).power, normal, atol=2e-3)


def test_one_sided_power_mirrors_and_two_sided_sits_between() -> None:
    greater = power.two_sample_power(0.6, 15, 0.05, "greater").power
    less = power.two_sample_power(-0.6, 15, 0.05, "less").power
    assert_allclose(greater, less, rtol=1e-12)
    two = power.two_sample_power(0.6, 15, 0.05, "two-sided").power
    assert power.two_sample_power(0.6, 15, 0.025, "greater").power < two < greater


def test_the_power_curve_rises_with_n() -> None:
    ns = power.sample_sizes(5, 200, 12)
    curve = power.power_curve(0.4, ns)
    assert np.all(np.diff(curve) > 0)
    assert_allclose(curve[-1], power.two_sample_power(0.4, 200).power, rtol=1e-14)


@pytest.mark.parametrize("d", [0.0, 0.7])
def test_the_effect_density_integrates_to_the_masses(d: float) -> None:
    n = 12
    res = power.two_sample_power(d if d else 0.7, n)
    lo, hi = res.critical_effects

    def f(x: float) -> float:
        return float(power.effect_density(np.array([x]), n, d)[0])

    total = scipy.integrate.quad(f, -np.inf, np.inf)[0]
    assert_allclose(total, 1.0, atol=1e-7)
    inside = scipy.integrate.quad(f, lo, hi)[0]
    assert_allclose(inside, power.effect_mass(lo, hi, n, d), atol=1e-8)
    if d:
        assert_allclose(1 - inside, res.power, atol=1e-8)
    else:
        assert_allclose(1 - inside, 0.05, atol=1e-8)


def test_the_effect_quantiles_match_simulated_observed_effects() -> None:
    # d-hat = (mean_a - mean_b) / pooled sd, simulated directly.
    rng = np.random.default_rng(7)
    n, d = 8, 0.9
    a = rng.normal(d, 1.0, size=(60_000, n))
    b = rng.normal(0.0, 1.0, size=(60_000, n))
    sp = np.sqrt((a.var(axis=1, ddof=1) + b.var(axis=1, ddof=1)) / 2)
    d_hat = (a.mean(axis=1) - b.mean(axis=1)) / sp
    for q in (0.05, 0.5, 0.95):
        assert_allclose(power.effect_quantile(q, n, d), np.quantile(d_hat, q), atol=0.02)


def test_sample_sizes_are_whole_increasing_and_span_the_range() -> None:
    assert power.sample_sizes(20, 80, 5) == [20, 28, 40, 57, 80]
    assert power.sample_sizes(3, 4, 6) == [3, 4]


@pytest.mark.parametrize(
    "args, word",
    [
        ((math.nan, 10), "effect_size"),
        ((0.5, 2), "n"),
        ((0.5, 10.5), "n"),
        ((0.5, 10, 1.0), "alpha"),
        ((0.5, 10, 0.05, "sideways"), "alternative"),
    ],
)
def test_bad_designs_are_refused(args: tuple, word: str) -> None:
    with pytest.raises(ValueError, match=word):
        power.two_sample_power(*args)


@pytest.mark.parametrize("df, nc", [(4.0, 0.5), (38.0, 1.58), (198.0, -3.0), (120.0, 6.0)])
def test_the_noncentral_t_density_is_scipys_where_scipy_works(df: float, nc: float) -> None:
    t = np.linspace(nc - 8, nc + 8, 401)
    ours = power.noncentral_t_pdf(t, df, nc)
    theirs = scipy.stats.nct.pdf(t, df, nc)
    known = np.isfinite(theirs)  # scipy 1.17 gives nan at some points for df ~ 200
    assert np.all(np.isfinite(ours)) and known.mean() > 0.8
    assert_allclose(ours[known], theirs[known], rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("df", [398.0, 3998.0])
def test_the_noncentral_t_density_for_large_df_is_the_derivative_of_the_cdf(df: float) -> None:
    # scipy's nct.pdf overflows here, its cdf does not: a central difference of the cdf
    nc = 0.3 * math.sqrt((df + 2) / 4)
    t = np.linspace(nc - 4, nc + 4, 41)
    h = 1e-4
    slope = (scipy.stats.nct.cdf(t + h, df, nc) - scipy.stats.nct.cdf(t - h, df, nc)) / (2 * h)
    assert_allclose(power.noncentral_t_pdf(t, df, nc), slope, rtol=1e-5, atol=1e-9)
    total = scipy.integrate.quad(
        lambda x: float(power.noncentral_t_pdf(np.array([x]), df, nc)[0]), nc - 12, nc + 12
    )[0]
    assert_allclose(total, 1.0, atol=1e-8)
