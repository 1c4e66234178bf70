"""Samplers written out step by step, so the scenes can show how they work.

- :func:`inverse_transform`: push uniforms through a closed-form inverse CDF
  (:func:`exponential_inverse_cdf`, :func:`uniform_inverse_cdf`,
  :func:`cauchy_inverse_cdf`, :func:`logistic_inverse_cdf`).
- :func:`box_muller`: two uniforms make two independent standard normals.
- :func:`rejection_sample`: propose from an envelope :math:`M g(x) \\ge f(x)`, keep
  the points under the target density.
- :func:`metropolis_hastings`: a random-walk Markov chain on a 2-D density.

Every function takes a ``numpy.random.Generator`` (see :mod:`mlmath_viz.random`).
References: Devroye, *Non-Uniform Random Variate Generation* (1986), ch. II and
II.3; Robert and Casella, *Monte Carlo Statistical Methods* (2004), ch. 2 and 7.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def _check_count(n: int) -> None:
    if n < 0:
        raise ValueError(f"number of draws must be >= 0, got {n}")


def _positive(name: str, value: float) -> None:
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value}")


# -- Closed-form inverse CDFs ---------------------------------------------------------


def exponential_inverse_cdf(u: ArrayLike, rate: float = 1.0) -> FloatArray:
    """Inverse CDF of the exponential distribution with rate :math:`\\lambda`.

    .. math:: F(x) = 1 - e^{-\\lambda x}, \\qquad F^{-1}(u) = -\\frac{\\log(1 - u)}{\\lambda}

    (``log1p`` keeps it accurate for small ``u``; scipy: ``expon.ppf(u, scale=1/rate)``.)
    """
    _positive("rate", rate)
    out: FloatArray = -np.log1p(-np.asarray(u, dtype=np.float64)) / rate
    return out


def uniform_inverse_cdf(u: ArrayLike, low: float = 0.0, high: float = 1.0) -> FloatArray:
    """Inverse CDF of the uniform distribution on :math:`[a, b]`: :math:`a + (b - a) u`."""
    if not high > low:
        raise ValueError(f"need low < high, got [{low}, {high}]")
    out: FloatArray = low + (high - low) * np.asarray(u, dtype=np.float64)
    return out


def cauchy_inverse_cdf(u: ArrayLike, loc: float = 0.0, scale: float = 1.0) -> FloatArray:
    """Inverse CDF of the Cauchy distribution.

    .. math:: F(x) = \\tfrac12 + \\tfrac1\\pi \\arctan\\frac{x - x_0}{\\gamma},
              \\qquad F^{-1}(u) = x_0 + \\gamma \\tan\\big(\\pi (u - \\tfrac12)\\big)
    """
    _positive("scale", scale)
    out: FloatArray = loc + scale * np.tan(np.pi * (np.asarray(u, dtype=np.float64) - 0.5))
    return out


def logistic_inverse_cdf(u: ArrayLike, loc: float = 0.0, scale: float = 1.0) -> FloatArray:
    """Inverse CDF of the logistic distribution.

    .. math:: F(x) = \\frac{1}{1 + e^{-(x - \\mu)/s}}, \\qquad
              F^{-1}(u) = \\mu + s \\log\\frac{u}{1 - u}
    """
    _positive("scale", scale)
    v = np.asarray(u, dtype=np.float64)
    out: FloatArray = loc + scale * (np.log(v) - np.log1p(-v))
    return out


@dataclass(frozen=True)
class InverseTransformDraw:
    """Uniforms :math:`u_i` and the samples :math:`x_i = F^{-1}(u_i)` they map to."""

    uniforms: FloatArray
    samples: FloatArray


def inverse_transform(
    inverse_cdf: Callable[[FloatArray], FloatArray], n: int, rng: np.random.Generator
) -> InverseTransformDraw:
    """Draw ``n`` samples by inverse-transform sampling.

    If :math:`U \\sim \\mathrm{Uniform}(0, 1)` then :math:`F^{-1}(U)` has CDF :math:`F`:
    :math:`P(F^{-1}(U) \\le x) = P(U \\le F(x)) = F(x)`.
    """
    _check_count(n)
    u = rng.random(n)
    return InverseTransformDraw(uniforms=u, samples=np.asarray(inverse_cdf(u), dtype=np.float64))


# -- Dice and coins ---------------------------------------------------------------------


def die_rolls(n: int, rng: np.random.Generator, faces: int = 6) -> FloatArray:
    """``n`` rolls of a fair die with faces :math:`1..m`, by inverse transform of the
    discrete uniform: :math:`X = \\lfloor m U \\rfloor + 1`.

    Mean :math:`(m + 1)/2`, variance :math:`(m^2 - 1)/12` (3.5 and 35/12 for a die).
    """
    _check_count(n)
    if faces < 2:
        raise ValueError(f"a die needs at least 2 faces, got {faces}")
    out: FloatArray = np.floor(faces * rng.random(n)) + 1.0
    return out


def coin_flips(n: int, rng: np.random.Generator, p: float = 0.5) -> FloatArray:
    """``n`` flips of a coin with :math:`P(\\text{heads}) = p`, as 1.0 (heads) or 0.0:
    :math:`X = [U < p]`. Mean :math:`p`, variance :math:`p(1 - p)`."""
    _check_count(n)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    out: FloatArray = (rng.random(n) < p).astype(np.float64)
    return out


# -- Box-Muller -------------------------------------------------------------------------


def box_muller(n: int, rng: np.random.Generator, mu: float = 0.0, sigma: float = 1.0) -> FloatArray:
    """``n`` draws from :math:`N(\\mu, \\sigma^2)` by the Box-Muller transform.

    From independent :math:`U_1, U_2 \\sim \\mathrm{Uniform}(0, 1)`,

    .. math:: R = \\sqrt{-2 \\log U_1}, \\quad \\Theta = 2 \\pi U_2, \\quad
              Z_1 = R \\cos\\Theta, \\quad Z_2 = R \\sin\\Theta

    are independent standard normals (Box and Muller, 1958). ``1 - U_1`` is used so
    the logarithm never sees zero.
    """
    _check_count(n)
    _positive("sigma", sigma)
    pairs = (n + 1) // 2
    u1 = 1.0 - rng.random(pairs)  # in (0, 1]
    u2 = rng.random(pairs)
    r = np.sqrt(-2.0 * np.log(u1))
    theta = 2.0 * np.pi * u2
    z = np.concatenate([r * np.cos(theta), r * np.sin(theta)])[:n]
    out: FloatArray = mu + sigma * z
    return out


# -- Rejection sampling -----------------------------------------------------------------


@dataclass(frozen=True)
class RejectionResult:
    """Every proposal of a rejection sampler and whether it was kept.

    ``heights[i]`` is :math:`u_i M g(x_i)`, the proposal's height under the envelope;
    it is accepted when that height is below :math:`f(x_i)`.
    """

    proposals: FloatArray
    heights: FloatArray
    accepted: BoolArray
    envelope_factor: float

    @property
    def samples(self) -> FloatArray:
        """The accepted proposals, in order."""
        out: FloatArray = self.proposals[self.accepted]
        return out

    @property
    def acceptance_rate(self) -> float:
        """Fraction of proposals accepted; it converges to :math:`1/M`."""
        return float(np.mean(self.accepted)) if self.accepted.size else float("nan")

    def running_acceptance(self) -> FloatArray:
        """Acceptance rate after each proposal: :math:`\\frac1k \\sum_{i \\le k} a_i`."""
        k = np.arange(1, self.accepted.size + 1, dtype=np.float64)
        out: FloatArray = np.cumsum(self.accepted) / k
        return out


def rejection_sample(
    target_pdf: Callable[[FloatArray], FloatArray],
    proposal_sample: Callable[[int, np.random.Generator], FloatArray],
    proposal_pdf: Callable[[FloatArray], FloatArray],
    envelope_factor: float,
    n_proposals: int,
    rng: np.random.Generator,
) -> RejectionResult:
    """Rejection sampling of a density :math:`f` under the envelope :math:`M g`.

    Draw :math:`x \\sim g` and :math:`u \\sim \\mathrm{Uniform}(0, 1)`; accept
    :math:`x` if :math:`u M g(x) \\le f(x)`. If :math:`f \\le M g` everywhere the
    accepted points have density :math:`f` and each proposal is accepted with
    probability :math:`1/M` (when :math:`f` and :math:`g` are normalised).

    Raises
    ------
    ValueError
        If the envelope dips below the target at one of the proposals (``M`` too small).
    """
    _check_count(n_proposals)
    _positive("envelope_factor", envelope_factor)
    x = np.asarray(proposal_sample(n_proposals, rng), dtype=np.float64)
    u = rng.random(n_proposals)
    envelope = envelope_factor * np.asarray(proposal_pdf(x), dtype=np.float64)
    target = np.asarray(target_pdf(x), dtype=np.float64)
    if np.any(target > envelope * (1 + 1e-12)):
        raise ValueError("the envelope M g(x) is below the target f(x): increase M")
    heights = u * envelope
    return RejectionResult(
        proposals=x, heights=heights, accepted=heights <= target, envelope_factor=envelope_factor
    )


# -- Metropolis-Hastings ----------------------------------------------------------------


@dataclass(frozen=True)
class MetropolisResult:
    """A random-walk Metropolis-Hastings run.

    ``chain[0]`` is the start and ``chain[k]`` the state after step ``k``;
    ``proposals[k]`` was proposed at step ``k + 1`` and ``accepted[k]`` says whether
    the chain moved there.
    """

    chain: FloatArray  # (n_steps + 1, 2)
    proposals: FloatArray  # (n_steps, 2)
    accepted: BoolArray  # (n_steps,)

    @property
    def acceptance_rate(self) -> float:
        """Fraction of proposals accepted."""
        return float(np.mean(self.accepted)) if self.accepted.size else float("nan")


def metropolis_hastings(
    log_density: Callable[[FloatArray], FloatArray],
    start: ArrayLike,
    step: float,
    n_steps: int,
    rng: np.random.Generator,
) -> MetropolisResult:
    """Random-walk Metropolis-Hastings on a 2-D (unnormalised) log-density.

    From the state :math:`x`, propose :math:`y = x + \\sigma \\varepsilon` with
    :math:`\\varepsilon \\sim N(0, I_2)` and move there with probability

    .. math:: \\alpha(x, y) = \\min\\left(1, \\frac{\\pi(y)}{\\pi(x)}\\right)

    (the Gaussian proposal is symmetric, so the Hastings ratio is the density ratio);
    otherwise stay at :math:`x`. The chain's stationary distribution is :math:`\\pi`.
    ``log_density`` takes an ``(m, 2)`` array and returns ``m`` values.
    """
    _check_count(n_steps)
    _positive("step", step)
    x = np.asarray(start, dtype=np.float64).reshape(2)
    noise = step * rng.standard_normal((n_steps, 2))
    log_u = np.log(1.0 - rng.random(n_steps))  # log of a uniform in (0, 1]
    chain = np.empty((n_steps + 1, 2))
    proposals = np.empty((n_steps, 2))
    accepted = np.zeros(n_steps, dtype=np.bool_)
    chain[0] = x
    log_px = float(log_density(x[None, :])[0])
    for k in range(n_steps):
        y = x + noise[k]
        log_py = float(log_density(y[None, :])[0])
        proposals[k] = y
        if log_u[k] <= log_py - log_px:
            x, log_px = y, log_py
            accepted[k] = True
        chain[k + 1] = x
    return MetropolisResult(chain=chain, proposals=proposals, accepted=accepted)


@dataclass(frozen=True)
class GaussianMixture2D:
    """A mixture of 2-D Gaussians: the target of the Metropolis-Hastings scene.

    .. math:: \\pi(x) = \\sum_k w_k \\, N(x; \\mu_k, \\Sigma_k)
    """

    weights: tuple[float, ...]
    means: tuple[tuple[float, float], ...]
    covariances: tuple[tuple[tuple[float, float], tuple[float, float]], ...]
    _inverses: FloatArray = field(init=False, repr=False, compare=False)
    _scales: FloatArray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        covs = np.asarray(self.covariances, dtype=np.float64).reshape(-1, 2, 2)
        if not (len(self.weights) == len(self.means) == covs.shape[0]):
            raise ValueError("weights, means and covariances must have the same length")
        dets = np.linalg.det(covs)
        if np.any(dets <= 0) or np.any(covs[:, 0, 0] <= 0):
            raise ValueError("covariances must be positive definite")
        object.__setattr__(self, "_inverses", np.linalg.inv(covs))
        object.__setattr__(self, "_scales", np.asarray(self.weights) / (2 * np.pi * np.sqrt(dets)))

    def density(self, points: ArrayLike) -> FloatArray:
        """:math:`\\pi(x)` at each row of ``points`` (shape ``(m, 2)``)."""
        p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        d = p[:, None, :] - np.asarray(self.means, dtype=np.float64)[None, :, :]  # (m, k, 2)
        quad = np.einsum("mki,kij,mkj->mk", d, self._inverses, d)
        out: FloatArray = np.exp(-0.5 * quad) @ self._scales
        return out

    def log_density(self, points: ArrayLike) -> FloatArray:
        """:math:`\\log \\pi(x)` (``-inf`` where the density underflows to zero)."""
        with np.errstate(divide="ignore"):
            out: FloatArray = np.log(self.density(points))
        return out


def die_moments(faces: int = 6) -> tuple[float, float]:
    """Mean and standard deviation of one roll of a fair die with ``faces`` faces.

    .. math:: \\mu = \frac{k + 1}{2}, \\qquad \\sigma^2 = \frac{k^2 - 1}{12}
    """
    return (faces + 1) / 2.0, float(np.sqrt((faces**2 - 1) / 12.0))


def coin_moments(p: float = 0.5) -> tuple[float, float]:
    r"""Mean and standard deviation of one flip (1 for heads): :math:`p`, :math:`\sqrt{p(1-p)}`."""
    return p, float(np.sqrt(p * (1.0 - p)))


def normal_cauchy_envelope() -> float:
    """Smallest M with :math:`\varphi(x) \\le M\\,\\mathrm{Cauchy}(x)` for all x.

    The ratio :math:`\varphi(x)/c(x) = \\sqrt{\\pi/2}\\,(1 + x^2)e^{-x^2/2}` peaks at
    :math:`x = \\pm 1`, giving :math:`M = \\sqrt{2\\pi/e}`.
    """
    return float(np.sqrt(2.0 * np.pi / np.e))
