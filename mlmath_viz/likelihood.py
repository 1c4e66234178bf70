"""Maximum likelihood and MAP estimation for a normal model of one sample.

The model is x_i ~ N(mu, sigma^2) independently. Its log-likelihood is

    l(mu, sigma) = sum_i log N(x_i; mu, sigma^2)
                 = -(n/2) log(2 pi sigma^2) - SSE(mu) / (2 sigma^2),
    SSE(mu) = sum_i (x_i - mu)^2,

so the negative log-likelihood is (n/2) log(2 pi sigma^2) + SSE(mu) / (2 sigma^2): in mu
it is least squares. Its maximum is at the sample mean and the 1/n standard deviation.
With a normal prior mu ~ N(m, s^2) and sigma known, the posterior of mu is normal with
precision 1/s^2 + n/sigma^2 (precisions add) and mean (the MAP estimate)

    mu_MAP = (m / s^2 + n xbar / sigma^2) / (1 / s^2 + n / sigma^2).

Reference: Deisenroth, Faisal & Ong, *Mathematics for Machine Learning*, sections 8.3
(parameter estimation) and 6.6 (conjugacy); Murphy, *Probabilistic Machine Learning*, 4.2
and 4.6.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

LOG_2PI = math.log(2.0 * math.pi)


class NormalFit(NamedTuple):
    """The maximum-likelihood and MAP estimates of one sample's normal model."""

    n: int
    mle_mean: float  # the sample mean xbar
    mle_std: float  # sqrt(SSE(xbar) / n), the 1/n standard deviation
    log_likelihood_at_mle: float  # l(xbar, mle_std) = -(n/2)(log(2 pi mle_std^2) + 1)
    prior_mean: float
    prior_sd: float
    map_mean: float  # the posterior mean of mu, sigma known = mle_std
    posterior_sd: float  # (1/s^2 + n/sigma^2)^(-1/2)
    data_weight: float  # (n/sigma^2) / (1/s^2 + n/sigma^2): mu_MAP = w xbar + (1-w) m
    data_precision: float  # n / sigma^2, the data's weight on mu
    prior_precision: float  # 1 / s^2, the prior's weight on mu


def _sample(x: ArrayLike) -> FloatArray:
    arr = np.asarray(x, dtype=float).reshape(-1)
    if arr.size < 2:
        raise ValueError("a normal fit needs at least two values")
    return arr


def sse(x: ArrayLike, mu: ArrayLike) -> FloatArray:
    """The squared error SSE(mu) = sum_i (x_i - mu)^2 at each ``mu``.

    Computed as n (xbar - mu)^2 + SSE(xbar), exact in real arithmetic and without an
    n x len(mu) array.
    """
    arr = _sample(x)
    xbar = float(arr.mean())
    s0 = float(np.sum((arr - xbar) ** 2))
    m = np.asarray(mu, dtype=float)
    out: FloatArray = arr.size * (xbar - m) ** 2 + s0
    return out


def log_likelihood(x: ArrayLike, mu: ArrayLike, sigma: ArrayLike) -> FloatArray:
    """l(mu, sigma) = -(n/2) log(2 pi sigma^2) - SSE(mu) / (2 sigma^2), broadcast over
    ``mu`` and ``sigma`` (sigma > 0)."""
    arr = _sample(x)
    s = np.asarray(sigma, dtype=float)
    if np.any(s <= 0):
        raise ValueError("sigma must be positive")
    n = arr.size
    out: FloatArray = -0.5 * n * (LOG_2PI + 2.0 * np.log(s)) - sse(arr, mu) / (2.0 * s**2)
    return out


def negative_log_likelihood(x: ArrayLike, mu: ArrayLike, sigma: ArrayLike) -> FloatArray:
    """-l(mu, sigma) = (n/2) log(2 pi sigma^2) + SSE(mu) / (2 sigma^2)."""
    out: FloatArray = -log_likelihood(x, mu, sigma)
    return out


def normal_logpdf(x: ArrayLike, mean: float, sd: float) -> FloatArray:
    """log N(x; mean, sd^2) = -log(sd sqrt(2 pi)) - (x - mean)^2 / (2 sd^2)."""
    xs = np.asarray(x, dtype=float)
    out: FloatArray = -math.log(sd) - 0.5 * LOG_2PI - (xs - mean) ** 2 / (2.0 * sd * sd)
    return out


def normal_pdf(x: ArrayLike, mean: float, sd: float) -> FloatArray:
    """N(x; mean, sd^2), the normal density."""
    out: FloatArray = np.exp(normal_logpdf(x, mean, sd))
    return out


def log_posterior(
    x: ArrayLike, mu: ArrayLike, sigma: float, prior_mean: float, prior_sd: float
) -> FloatArray:
    """The unnormalised log-posterior of mu: l(mu, sigma) + log N(mu; m, s^2).

    It differs from log p(mu | x) by the constant log p(x), so it peaks at the MAP.
    """
    out: FloatArray = log_likelihood(x, mu, sigma) + normal_logpdf(mu, prior_mean, prior_sd)
    return out


def fit_normal(x: ArrayLike, prior_mean: float, prior_sd: float) -> NormalFit:
    """The MLE (xbar, 1/n std), l at the MLE and the MAP mean of mu under the prior
    N(prior_mean, prior_sd^2) with sigma known, equal to the MLE std."""
    if not prior_sd > 0:
        raise ValueError("prior_sd must be positive")
    arr = _sample(x)
    n = arr.size
    xbar = float(arr.mean())
    std = float(np.sqrt(np.mean((arr - xbar) ** 2)))
    if std == 0.0:
        raise ValueError("all values are equal: the 1/n standard deviation is 0")
    ll = -0.5 * n * (LOG_2PI + 2.0 * math.log(std) + 1.0)
    data_precision = n / std**2
    prior_precision = 1.0 / prior_sd**2
    precision = data_precision + prior_precision
    w = data_precision / precision
    map_mean = (prior_precision * prior_mean + data_precision * xbar) / precision
    return NormalFit(
        n=n,
        mle_mean=xbar,
        mle_std=std,
        log_likelihood_at_mle=ll,
        prior_mean=float(prior_mean),
        prior_sd=float(prior_sd),
        map_mean=float(map_mean),
        posterior_sd=float(1.0 / math.sqrt(precision)),
        data_weight=float(w),
        data_precision=float(data_precision),
        prior_precision=float(prior_precision),
    )


def relative_log_density(mu: ArrayLike, centre: float, sd: float) -> FloatArray:
    """log of a normal density in mu minus its maximum: -(mu - centre)^2 / (2 sd^2).

    The likelihood in mu (sigma fixed) is this with centre xbar and sd sigma/sqrt(n); the
    prior with centre m and sd s; the posterior with centre mu_MAP and the posterior sd.
    """
    m = np.asarray(mu, dtype=float)
    out: FloatArray = -((m - centre) ** 2) / (2.0 * sd * sd)
    return out


__all__ = [
    "NormalFit",
    "fit_normal",
    "log_likelihood",
    "log_posterior",
    "negative_log_likelihood",
    "normal_logpdf",
    "normal_pdf",
    "relative_log_density",
    "sse",
]
