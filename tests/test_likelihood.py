"""mlmath_viz.likelihood against scipy.stats.norm (fit, logpdf sums), scipy.optimize
and closed forms, on every Iris species and feature."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import scipy.optimize
import scipy.stats
from numpy.testing import assert_allclose

from mlmath_viz import likelihood
from mlmath_viz.datasets import IRIS_FEATURES, IRIS_SPECIES, iris_sample

SAMPLES = list(itertools.product(IRIS_SPECIES, IRIS_FEATURES))


@pytest.mark.parametrize("species, feature", SAMPLES)
def test_the_mle_is_scipys_norm_fit(species: str, feature: str) -> None:
    x = iris_sample(feature, species)
    fit = likelihood.fit_normal(x, 5.0, 1.0)
    loc, scale = scipy.stats.norm.fit(x)
    assert fit.n == 50
    assert_allclose(fit.mle_mean, loc, rtol=1e-12)
    assert_allclose(fit.mle_std, scale, rtol=1e-10)
    assert_allclose(fit.mle_std, np.std(x, ddof=0), rtol=1e-12)
    want = float(np.sum(scipy.stats.norm.logpdf(x, loc, scale)))
    assert_allclose(fit.log_likelihood_at_mle, want, rtol=1e-12)


@pytest.mark.parametrize("species, feature", SAMPLES[::3])
def test_the_log_likelihood_is_a_sum_of_logpdfs(species: str, feature: str) -> None:
    x = iris_sample(feature, species)
    rng = np.random.default_rng(7)
    mus = rng.uniform(x.min() - 1, x.max() + 1, 20)
    sigmas = rng.uniform(0.05, 2.0, 20)
    want = [
        float(np.sum(scipy.stats.norm.logpdf(x, m, s))) for m, s in zip(mus, sigmas, strict=True)
    ]
    assert_allclose(likelihood.log_likelihood(x, mus, sigmas), want, rtol=1e-11)
    nll = likelihood.negative_log_likelihood(x, mus, sigmas)
    sse = np.array([np.sum((x - m) ** 2) for m in mus])
    closed = 0.5 * 50 * np.log(2 * np.pi * sigmas**2) + sse / (2 * sigmas**2)
    assert_allclose(nll, closed, rtol=1e-11)
    assert_allclose(likelihood.sse(x, mus), sse, rtol=1e-11)


@pytest.mark.parametrize("species, feature", SAMPLES[::2])
def test_minimize_scalar_finds_the_mle_in_mu_and_in_sigma(species: str, feature: str) -> None:
    x = iris_sample(feature, species)
    fit = likelihood.fit_normal(x, 0.0, 1.0)
    mu = scipy.optimize.minimize_scalar(
        lambda m: float(likelihood.negative_log_likelihood(x, m, fit.mle_std)),
        bounds=(x.min(), x.max()),
        method="bounded",
        options={"xatol": 1e-10},
    ).x
    assert_allclose(mu, fit.mle_mean, atol=1e-7)
    sigma = scipy.optimize.minimize_scalar(
        lambda s: float(likelihood.negative_log_likelihood(x, fit.mle_mean, s)),
        bounds=(0.2 * fit.mle_std, 5 * fit.mle_std),
        method="bounded",
        options={"xatol": 1e-10},
    ).x
    assert_allclose(sigma, fit.mle_std, rtol=1e-6)


@pytest.mark.parametrize(
    "species, feature, m, s",
    [
        ("setosa", "sepal_length", 5.5, 0.1),
        ("setosa", "sepal_length", 5.5, 0.02),
        ("virginica", "petal_length", 0.0, 10.0),
        ("setosa", "petal_width", 1.0, 0.05),
        ("versicolor", "sepal_width", 9.0, 0.5),
    ],
)
def test_the_map_maximises_the_log_posterior(
    species: str, feature: str, m: float, s: float
) -> None:
    x = iris_sample(feature, species)
    fit = likelihood.fit_normal(x, m, s)
    lo, hi = min(m, x.min()) - 1, max(m, x.max()) + 1
    found = scipy.optimize.minimize_scalar(
        lambda mu: -float(likelihood.log_posterior(x, mu, fit.mle_std, m, s)),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-11},
    ).x
    assert_allclose(found, fit.map_mean, atol=1e-7)
    # the closed form of the brief, and the posterior sd by the curvature (finite differences)
    sig2 = fit.mle_std**2
    want = (m / s**2 + 50 * x.mean() / sig2) / (1 / s**2 + 50 / sig2)
    assert_allclose(fit.map_mean, want, rtol=1e-12)
    h = 1e-3 * fit.posterior_sd
    f = [
        float(likelihood.log_posterior(x, fit.map_mean + k * h, fit.mle_std, m, s))
        for k in (-1, 0, 1)
    ]
    curvature = -(f[0] - 2 * f[1] + f[2]) / h**2
    assert_allclose(1 / math.sqrt(curvature), fit.posterior_sd, rtol=1e-4)
    assert min(m, x.mean()) <= fit.map_mean <= max(m, x.mean())
    assert_allclose(fit.map_mean, fit.data_weight * x.mean() + (1 - fit.data_weight) * m)
    # the precisions the caption weighs: n over numpy's 1/n variance, and 1/s^2
    assert_allclose(fit.data_precision, 50 / np.var(x), rtol=1e-12)
    assert_allclose(fit.prior_precision, 1 / s**2, rtol=1e-12)
    assert_allclose(fit.data_weight, fit.data_precision / (fit.data_precision + 1 / s**2))


def test_relative_log_density_is_logpdf_minus_its_peak() -> None:
    mu = np.linspace(-2, 3, 11)
    want = scipy.stats.norm.logpdf(mu, 0.4, 0.7) - scipy.stats.norm.logpdf(0.4, 0.4, 0.7)
    assert_allclose(likelihood.relative_log_density(mu, 0.4, 0.7), want, atol=1e-12)
    assert_allclose(likelihood.normal_pdf(mu, 0.4, 0.7), scipy.stats.norm.pdf(mu, 0.4, 0.7))


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="prior_sd"):
        likelihood.fit_normal([1.0, 2.0], 0.0, 0.0)
    with pytest.raises(ValueError, match="equal"):
        likelihood.fit_normal([1.0, 1.0], 0.0, 1.0)
    with pytest.raises(ValueError, match="sigma"):
        likelihood.log_likelihood([1.0, 2.0], 0.0, -1.0)
