"""Samplers of mlmath_viz.sampling and mlmath_viz.distributions against scipy.stats.

Goodness of fit: each sampler draws N_FIT values at the fixed seed of the ``rng``
fixture and must pass a Kolmogorov-Smirnov test (``scipy.stats.kstest``) against the
target distribution with p-value above P_MIN. The seed is fixed, so each test is
deterministic; a wrong sampler (wrong rate, wrong transform) fails with p < 1e-10 at
this n.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from mlmath_viz import distributions, sampling
from mlmath_viz.random import generator, generators

N_FIT = 50_000
P_MIN = 0.01


def test_generator_is_reproducible() -> None:
    a = generator(7).random(5)
    b = generator(7).random(5)
    assert_allclose(a, b, rtol=0, atol=0)
    runs = generators(7, 3)
    first = [g.random(3) for g in runs]
    again = [g.random(3) for g in generators(7, 5)[:3]]
    assert_allclose(first, again, rtol=0, atol=0)
    assert not np.allclose(first[0], first[1])
    with pytest.raises(ValueError, match="seed"):
        generator(-1)


@pytest.mark.parametrize(
    ("inverse_cdf", "oracle"),
    [
        (lambda u: sampling.exponential_inverse_cdf(u, 2.5), scipy.stats.expon(scale=1 / 2.5)),
        (lambda u: sampling.uniform_inverse_cdf(u, -1.0, 3.0), scipy.stats.uniform(-1.0, 4.0)),
        (lambda u: sampling.cauchy_inverse_cdf(u, 1.0, 0.5), scipy.stats.cauchy(1.0, 0.5)),
        (lambda u: sampling.logistic_inverse_cdf(u, -2.0, 1.5), scipy.stats.logistic(-2.0, 1.5)),
    ],
    ids=["exponential", "uniform", "cauchy", "logistic"],
)
def test_inverse_cdfs_match_scipy_ppf_and_pass_ks(
    inverse_cdf: object, oracle: object, rng: np.random.Generator
) -> None:
    q = np.linspace(0.001, 0.999, 101)
    assert_allclose(inverse_cdf(q), oracle.ppf(q), rtol=1e-12, atol=1e-12)  # type: ignore[attr-defined,operator]
    draw = sampling.inverse_transform(inverse_cdf, N_FIT, rng)  # type: ignore[arg-type]
    assert draw.samples.shape == draw.uniforms.shape == (N_FIT,)
    assert scipy.stats.kstest(draw.samples, oracle.cdf).pvalue > P_MIN  # type: ignore[attr-defined]


def test_box_muller_is_normal(rng: np.random.Generator) -> None:
    x = sampling.box_muller(N_FIT, rng, mu=1.5, sigma=2.0)
    assert x.shape == (N_FIT,)
    assert scipy.stats.kstest(x, scipy.stats.norm(1.5, 2.0).cdf).pvalue > P_MIN
    odd = sampling.box_muller(7, rng)
    assert odd.shape == (7,)
    assert sampling.box_muller(0, rng).shape == (0,)


def test_box_muller_pairs_are_uncorrelated(rng: np.random.Generator) -> None:
    z = sampling.box_muller(2 * N_FIT, rng)
    cos_half, sin_half = z[:N_FIT], z[N_FIT:]
    # |r| < 4/sqrt(n) holds for independent normals with probability ~ 1 - 6e-5.
    assert abs(np.corrcoef(cos_half, sin_half)[0, 1]) < 4 / np.sqrt(N_FIT)


def test_rejection_sampling_beta_and_acceptance_rate(rng: np.random.Generator) -> None:
    target = scipy.stats.beta(2.0, 5.0)
    m = float(target.pdf(1 / 5)) * 1.0001  # the mode (a-1)/(a+b-2) = 0.2
    result = sampling.rejection_sample(
        target.pdf, lambda n, g: g.random(n), np.ones_like, m, N_FIT * 3, rng
    )
    assert scipy.stats.kstest(result.samples, target.cdf).pvalue > P_MIN
    # Acceptance is Binomial(N, 1/M): 5 standard errors of slack.
    se = np.sqrt((1 / m) * (1 - 1 / m) / (N_FIT * 3))
    assert abs(result.acceptance_rate - 1 / m) < 5 * se
    running = result.running_acceptance()
    assert running[-1] == pytest.approx(result.acceptance_rate)
    assert np.all(result.heights[result.accepted] <= target.pdf(result.samples))


def test_rejection_sampling_normal_under_cauchy_envelope(rng: np.random.Generator) -> None:
    # f = N(0,1), g = Cauchy(0,1): f/g peaks at x = +-1 with M = sqrt(2 pi / e).
    m = np.sqrt(2 * np.pi / np.e) * 1.0001
    result = sampling.rejection_sample(
        scipy.stats.norm.pdf,
        lambda n, g: sampling.cauchy_inverse_cdf(g.random(n)),
        scipy.stats.cauchy.pdf,
        m,
        N_FIT * 2,
        rng,
    )
    assert scipy.stats.kstest(result.samples, scipy.stats.norm.cdf).pvalue > P_MIN


def test_rejection_refuses_an_envelope_below_the_target(rng: np.random.Generator) -> None:
    with pytest.raises(ValueError, match="increase M"):
        sampling.rejection_sample(
            scipy.stats.beta(2, 5).pdf, lambda n, g: g.random(n), np.ones_like, 1.0, 1000, rng
        )


def test_metropolis_hastings_marginals_match_a_correlated_gaussian(
    rng: np.random.Generator,
) -> None:
    cov = ((1.0, 0.6), (0.6, 2.0))
    target = sampling.GaussianMixture2D((1.0,), ((1.0, -1.0),), (cov,))
    oracle = scipy.stats.multivariate_normal([1.0, -1.0], cov)
    pts = rng.normal(size=(20, 2))
    assert_allclose(target.density(pts), oracle.pdf(pts), rtol=1e-12)
    n_steps, burn, thin = 60_000, 1_000, 15
    result = sampling.metropolis_hastings(target.log_density, (4.0, 4.0), 1.2, n_steps, rng)
    assert result.chain.shape == (n_steps + 1, 2)
    assert 0.2 < result.acceptance_rate < 0.8
    kept = result.chain[burn::thin]  # 3934 nearly independent draws
    assert scipy.stats.kstest(kept[:, 0], scipy.stats.norm(1.0, 1.0).cdf).pvalue > P_MIN
    assert scipy.stats.kstest(kept[:, 1], scipy.stats.norm(-1.0, np.sqrt(2.0)).cdf).pvalue > P_MIN
    moved = np.any(result.chain[1:] != result.chain[:-1], axis=1)
    assert_allclose(moved, result.accepted, rtol=0, atol=0)


@pytest.mark.parametrize(
    ("name", "p1", "p2", "oracle"),
    [
        ("normal", 2.0, 0.5, scipy.stats.norm(2.0, 0.5)),
        ("exponential", 0.5, None, scipy.stats.expon(scale=2.0)),
        ("uniform", -2.0, 1.0, scipy.stats.uniform(-2.0, 3.0)),
        ("beta", 2.0, 5.0, scipy.stats.beta(2.0, 5.0)),
        ("beta", 1.0, 1.0, scipy.stats.beta(1.0, 1.0)),
        ("gamma", 3.0, 2.0, scipy.stats.gamma(3.0, scale=2.0)),
        ("cauchy", 0.0, 2.0, scipy.stats.cauchy(0.0, 2.0)),
    ],
)
def test_distributions_sample_and_describe_themselves(
    name: str, p1: float, p2: float | None, oracle: object, rng: np.random.Generator
) -> None:
    d = distributions.make(name, p1, p2)
    x = d.sample(N_FIT, rng)
    assert x.shape == (N_FIT,)
    assert scipy.stats.kstest(x, oracle.cdf).pvalue > P_MIN  # type: ignore[attr-defined]
    grid = np.linspace(*d.plot_range(), 57)
    assert_allclose(d.pdf(grid), oracle.pdf(grid), rtol=1e-12)  # type: ignore[attr-defined]
    assert_allclose(d.cdf(grid), oracle.cdf(grid), rtol=1e-12)  # type: ignore[attr-defined]
    assert_allclose(d.mean, oracle.mean(), rtol=1e-12)  # type: ignore[attr-defined]
    if name == "cauchy":
        assert not d.has_finite_variance
    else:
        assert_allclose(d.variance, oracle.var(), rtol=1e-12)  # type: ignore[attr-defined]
        assert d.density_peak() == pytest.approx(float(np.max(oracle.pdf(grid))), rel=0.05)  # type: ignore[attr-defined]


def test_same_seed_gives_the_same_draws() -> None:
    for name in distributions.NAMES:
        d = distributions.make(name)
        assert_allclose(d.sample(100, generator(3)), d.sample(100, generator(3)), rtol=0, atol=0)


@pytest.mark.parametrize(
    ("name", "p1", "p2", "fragment"),
    [
        ("poisson", 1.0, 1.0, "unknown distribution"),
        ("normal", 0.0, -1.0, "sigma must be > 0"),
        ("exponential", -2.0, None, "rate must be > 0"),
        ("gamma", -1.0, 1.0, "shape must be > 0"),
        ("uniform", 1.0, 1.0, "low < high"),
        ("beta", -1.0, 2.0, "a and b must be >= 1"),
        ("normal", float("nan"), 1.0, "finite"),
    ],
)
def test_bad_distributions_are_rejected(
    name: str, p1: float, p2: float | None, fragment: str
) -> None:
    with pytest.raises(ValueError, match=fragment):
        distributions.make(name, p1, p2)


def test_samplers_reject_negative_counts(rng: np.random.Generator) -> None:
    with pytest.raises(ValueError):
        sampling.box_muller(-1, rng)
    with pytest.raises(ValueError):
        distributions.make("normal").sample(-5, rng)


def test_die_rolls_and_coin_flips_are_fair(rng: np.random.Generator) -> None:
    # Chi-square goodness of fit on N_FIT rolls (5 degrees of freedom), p > P_MIN.
    rolls = sampling.die_rolls(N_FIT, rng)
    counts = np.bincount(rolls.astype(int), minlength=7)[1:]
    assert counts.sum() == N_FIT
    assert scipy.stats.chisquare(counts).pvalue > P_MIN
    flips = sampling.coin_flips(N_FIT, rng, 0.3)
    assert set(np.unique(flips)) <= {0.0, 1.0}
    assert scipy.stats.binomtest(int(flips.sum()), N_FIT, 0.3).pvalue > P_MIN
    with pytest.raises(ValueError):
        sampling.coin_flips(3, rng, 1.5)


def test_die_and_coin_moments_match_scipy() -> None:
    from scipy import stats

    from mlmath_viz.sampling import coin_moments, die_moments

    die = stats.randint(1, 7)
    np.testing.assert_allclose(die_moments(6), (die.mean(), die.std()), rtol=1e-12)
    coin = stats.bernoulli(0.3)
    np.testing.assert_allclose(coin_moments(0.3), (coin.mean(), coin.std()), rtol=1e-12)


def test_normal_cauchy_envelope_is_the_tight_bound() -> None:
    from scipy import stats

    from mlmath_viz.sampling import normal_cauchy_envelope

    x = np.linspace(-10, 10, 200_001)
    ratio = stats.norm.pdf(x) / stats.cauchy.pdf(x)
    np.testing.assert_allclose(normal_cauchy_envelope(), ratio.max(), rtol=1e-9)


def test_standard_error_and_normal_peak() -> None:
    from scipy import stats

    from mlmath_viz.inference import normal_peak, standard_error

    np.testing.assert_allclose(standard_error(2.0, 16), 0.5, rtol=1e-15)
    np.testing.assert_allclose(normal_peak(0.3), stats.norm(0, 0.3).pdf(0), rtol=1e-12)


@pytest.mark.parametrize(("name", "n"), [("exponential", 1), ("exponential", 5), ("gamma", 30)])
def test_clt_ks_distance_matches_scipy_kstest(name: str, n: int) -> None:
    dist = distributions.make(name)
    means = dist.sample(n * 1500, generator(11)).reshape(1500, n).mean(axis=1)
    z = (means - dist.mean) / (dist.std / np.sqrt(n))
    expected = scipy.stats.kstest(z, scipy.stats.norm.cdf).statistic
    assert_allclose(
        distributions.clt_ks_distance(means, dist.mean, dist.std, n), expected, rtol=1e-12
    )


def test_clt_ks_distance_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="sigma"):
        distributions.clt_ks_distance([1.0, 2.0], 0.0, 0.0, 3)
    with pytest.raises(ValueError, match="non-empty"):
        distributions.clt_ks_distance([], 0.0, 1.0, 3)
    with pytest.raises(ValueError, match="n must"):
        distributions.clt_ks_distance([1.0], 0.0, 1.0, 0)
