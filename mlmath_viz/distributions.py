"""The one-dimensional distributions the probability scenes draw from.

A :class:`Distribution` knows its density, CDF and quantiles (from ``scipy.stats``,
the oracle), its mean and variance (``nan`` or ``inf`` when they do not exist, as for
the Cauchy), a range worth plotting, and how to sample itself with the samplers of
:mod:`mlmath_viz.sampling`:

==============  ===============================  =======================================
name            parameters                       sampler
==============  ===============================  =======================================
``normal``      ``mu``, ``sigma > 0``            Box-Muller
``exponential`` ``rate > 0``                     inverse transform
``uniform``     ``low < high``                   inverse transform
``beta``        ``a >= 1``, ``b >= 1``           rejection under a flat envelope
``gamma``       ``shape > 0``, ``scale > 0``     NumPy's ``Generator.gamma``
``cauchy``      ``loc``, ``scale > 0``           inverse transform
==============  ===============================  =======================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.stats  # type: ignore[import-untyped]
from numpy.typing import ArrayLike, NDArray

from mlmath_viz import sampling

FloatArray = NDArray[np.float64]

#: Names accepted by :func:`make`.
NAMES = ("normal", "exponential", "uniform", "beta", "gamma", "cauchy")

_PARAMETERS: dict[str, tuple[str, str]] = {
    "normal": ("mu", "sigma"),
    "exponential": ("rate", ""),
    "uniform": ("low", "high"),
    "beta": ("a", "b"),
    "gamma": ("shape", "scale"),
    "cauchy": ("loc", "scale"),
}


@dataclass(frozen=True)
class Distribution:
    """A named distribution with its parameters; make one with :func:`make`."""

    name: str
    p1: float
    p2: float = 0.0

    def _frozen(self) -> Any:
        n, a, b = self.name, self.p1, self.p2
        if n == "normal":
            return scipy.stats.norm(loc=a, scale=b)
        if n == "exponential":
            return scipy.stats.expon(scale=1.0 / a)
        if n == "uniform":
            return scipy.stats.uniform(loc=a, scale=b - a)
        if n == "beta":
            return scipy.stats.beta(a, b)
        if n == "gamma":
            return scipy.stats.gamma(a, scale=b)
        return scipy.stats.cauchy(loc=a, scale=b)

    def pdf(self, x: ArrayLike) -> FloatArray:
        """Density :math:`f(x)`."""
        return np.asarray(self._frozen().pdf(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    def cdf(self, x: ArrayLike) -> FloatArray:
        """Distribution function :math:`F(x) = P(X \\le x)`."""
        return np.asarray(self._frozen().cdf(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    def ppf(self, q: ArrayLike) -> FloatArray:
        """Quantile function :math:`F^{-1}(q)`."""
        return np.asarray(self._frozen().ppf(np.asarray(q, dtype=np.float64)), dtype=np.float64)

    @property
    def mean(self) -> float:
        """:math:`E[X]`; ``nan`` for the Cauchy, which has none."""
        return float(self._frozen().mean())

    @property
    def variance(self) -> float:
        """:math:`\\operatorname{Var}[X]`; ``nan`` for the Cauchy."""
        return float(self._frozen().var())

    @property
    def std(self) -> float:
        """:math:`\\sqrt{\\operatorname{Var}[X]}`; ``nan`` when the variance does not exist."""
        return math.sqrt(self.variance) if math.isfinite(self.variance) else float("nan")

    @property
    def has_finite_variance(self) -> bool:
        """False for the Cauchy: the central limit theorem does not apply to it."""
        return math.isfinite(self.variance)

    def plot_range(self, tail: float = 0.002) -> tuple[float, float]:
        """An x range worth plotting: the support where it is finite, else the
        ``tail`` and ``1 - tail`` quantiles (the Cauchy is cut at its 5% and 95%
        quantiles times three, since its tails never end)."""
        if self.name == "uniform":
            pad = 0.1 * (self.p2 - self.p1)
            return self.p1 - pad, self.p2 + pad
        if self.name == "beta":
            return 0.0, 1.0
        if self.name == "cauchy":
            return self.p1 - 10 * self.p2, self.p1 + 10 * self.p2
        lo = float(self.ppf(tail)) if self.name == "normal" else 0.0
        return lo, float(self.ppf(1 - tail))

    def mode(self) -> float:
        """Where the density peaks (the left end for the uniform and the flat Beta(1, 1)).

        Normal and Cauchy: the location; exponential: 0; gamma with :math:`k \\ge 1`:
        :math:`(k - 1)\\theta`; beta with :math:`a, b \\ge 1`:
        :math:`(a - 1)/(a + b - 2)` (0 when :math:`a = b = 1`).
        """
        a, b = self.p1, self.p2
        if self.name in ("normal", "cauchy", "uniform"):
            return a
        if self.name == "exponential":
            return 0.0
        if self.name == "gamma":
            return max(0.0, (a - 1.0) * b)
        return (a - 1.0) / (a + b - 2.0) if a + b > 2.0 else 0.0

    def density_peak(self) -> float:
        """Largest value of the density: :math:`f` at :meth:`mode`."""
        return float(self.pdf(self.mode()))

    def label(self) -> str:
        """The distribution in standard notation, as LaTeX: ``\\mathrm{Exp}(1)``."""
        a, b = _short(self.p1), _short(self.p2)
        return {
            "normal": rf"N({a}, {_short(self.p2**2)})",
            "exponential": rf"\mathrm{{Exp}}({a})",
            "uniform": rf"U({a}, {b})",
            "beta": rf"\mathrm{{Beta}}({a}, {b})",
            "gamma": rf"\Gamma({a}, {b})",
            "cauchy": rf"\mathrm{{Cauchy}}({a}, {b})",
        }[self.name]

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        """``n`` independent draws, by the sampler listed in the module docstring."""
        if n < 0:
            raise ValueError(f"number of draws must be >= 0, got {n}")
        a, b = self.p1, self.p2
        if self.name == "normal":
            return sampling.box_muller(n, rng, mu=a, sigma=b)
        if self.name == "exponential":
            return sampling.inverse_transform(
                lambda u: sampling.exponential_inverse_cdf(u, a), n, rng
            ).samples
        if self.name == "uniform":
            return sampling.inverse_transform(
                lambda u: sampling.uniform_inverse_cdf(u, a, b), n, rng
            ).samples
        if self.name == "cauchy":
            return sampling.inverse_transform(
                lambda u: sampling.cauchy_inverse_cdf(u, a, b), n, rng
            ).samples
        if self.name == "gamma":
            return np.asarray(rng.gamma(a, b, size=n), dtype=np.float64)
        return _beta_by_rejection(self, n, rng)


def _beta_by_rejection(dist: Distribution, n: int, rng: np.random.Generator) -> FloatArray:
    """Beta(a, b) with a, b >= 1 by rejection under the flat envelope :math:`M = f(mode)`."""
    m = dist.density_peak() * (1 + 1e-9)
    out: list[FloatArray] = []
    have = 0
    while have < n:
        want = int((n - have) * m * 1.1) + 16
        result = sampling.rejection_sample(
            dist.pdf, lambda k, g: g.random(k), np.ones_like, m, want, rng
        )
        out.append(result.samples)
        have += result.samples.size
    return np.concatenate(out)[:n] if out else np.empty(0)


def _short(x: float) -> str:
    text = f"{x:.3g}"
    return text


def make(name: str, p1: float | None = None, p2: float | None = None) -> Distribution:
    """Build a validated :class:`Distribution`; missing parameters take the standard
    values (``normal(0, 1)``, ``exponential(1)``, ``uniform(0, 1)``, ``beta(2, 5)``,
    ``gamma(2, 1)``, ``cauchy(0, 1)``).

    Raises
    ------
    ValueError
        For an unknown name or parameters outside the distribution's domain.
    """
    defaults = {
        "normal": (0.0, 1.0),
        "exponential": (1.0, 0.0),
        "uniform": (0.0, 1.0),
        "beta": (2.0, 5.0),
        "gamma": (2.0, 1.0),
        "cauchy": (0.0, 1.0),
    }
    if name not in defaults:
        raise ValueError(f"unknown distribution {name!r}; known: {', '.join(NAMES)}")
    a = defaults[name][0] if p1 is None else float(p1)
    b = defaults[name][1] if p2 is None else float(p2)
    if not (math.isfinite(a) and math.isfinite(b)):
        raise ValueError("distribution parameters must be finite")
    first, second = _PARAMETERS[name]
    if name in ("normal", "cauchy", "gamma") and b <= 0:
        raise ValueError(f"{name}: {second} must be > 0, got {b}")
    if name in ("exponential", "gamma") and a <= 0:
        raise ValueError(f"{name}: {first} must be > 0, got {a}")
    if name == "uniform" and not a < b:
        raise ValueError(f"uniform: need low < high, got [{a}, {b}]")
    if name == "beta" and (a < 1 or b < 1):
        raise ValueError(f"beta: a and b must be >= 1 (finite density), got ({a}, {b})")
    return Distribution(name, a, b)


def clt_ks_distance(means: ArrayLike, mu: float, sigma: float, n: int) -> float:
    """Kolmogorov-Smirnov distance between standardised means of n draws and N(0, 1).

    The central limit theorem predicts that the mean of n draws with mean
    :math:`\\mu` and standard deviation :math:`\\sigma` is close to
    :math:`N(\\mu, \\sigma^2/n)`. With :math:`z_i = (\\bar x_i - \\mu)/(\\sigma/\\sqrt n)`
    sorted as :math:`z_{(1)} \\le \\dots \\le z_{(m)}` and :math:`\\Phi` the standard
    normal CDF,

    .. math:: D = \\max_i \\max\\left(\\frac im - \\Phi(z_{(i)}),\\;
              \\Phi(z_{(i)}) - \\frac{i - 1}m\\right),

    the largest gap between the empirical CDF of the means and the predicted one
    (``scipy.stats.kstest(z, "norm").statistic``). 0 is a perfect match; for m means
    drawn from the normal itself D is about :math:`0.87/\\sqrt m`.

    Raises
    ------
    ValueError
        For no means, a non-finite mean or ``sigma``, ``sigma <= 0`` or ``n < 1``.
    """
    x = np.asarray(means, dtype=np.float64).ravel()
    if x.size == 0 or not np.all(np.isfinite(x)):
        raise ValueError("means must be a non-empty array of finite numbers")
    if not (math.isfinite(mu) and math.isfinite(sigma) and sigma > 0):
        raise ValueError(f"need a finite mu and a finite sigma > 0, got {mu}, {sigma}")
    if n < 1:
        raise ValueError(f"the batch size n must be >= 1, got {n}")
    z = np.sort((x - mu) / (sigma / math.sqrt(n)))
    phi = np.asarray(scipy.stats.norm.cdf(z), dtype=np.float64)
    i = np.arange(1, z.size + 1)
    return float(max(np.max(i / z.size - phi), np.max(phi - (i - 1) / z.size)))
