"""Stochastic (mini-batch) gradient descent on the mean squared error of a line.

The model is :math:`\\hat y = b + w z` on one standardised feature :math:`z` (see
:mod:`mlmath_viz.regression`), :math:`\\theta = (b, w)`, and the loss over the
:math:`N` examples is

.. math:: L(\\theta) = \\frac1N \\sum_{i=1}^N \\ell_i(\\theta), \\qquad
   \\ell_i(\\theta) = (b + w z_i - y_i)^2 .

A mini-batch :math:`S` of :math:`B` distinct examples gives the gradient estimate

.. math:: g_S(\\theta) = \\frac1B \\sum_{i \\in S} \\nabla \\ell_i(\\theta)
   = \\frac2B \\sum_{i \\in S} (b + w z_i - y_i)\\,(1, z_i) .

**Sampling.** Batches are drawn *without replacement within an epoch*: each epoch
shuffles the :math:`N` examples (``rng.permutation``) and cuts the shuffled order into
consecutive batches of :math:`B`; the last :math:`N \\bmod B` examples of the epoch are
dropped (PyTorch's ``drop_last=True``), so every step uses exactly :math:`B` examples and
each batch is, on its own, a uniformly random :math:`B`-subset. For such a subset
:math:`E[g_S] = \\nabla L` and (the finite-population correction of sampling without
replacement, e.g. Cochran, *Sampling Techniques*, 1977, thm. 2.2)

.. math:: \\operatorname{Cov}[g_S] = \\frac{N - B}{B\\,(N - 1)}\\, \\Sigma, \\qquad
   \\Sigma = \\frac1N \\sum_i (\\nabla\\ell_i - \\nabla L)(\\nabla\\ell_i - \\nabla L)^T,

which is :math:`\\Sigma / B` for :math:`B \\ll N` (the spread shrinks like
:math:`1/\\sqrt B`) and zero for :math:`B = N`: the full batch is plain gradient descent.

Randomness only through the ``numpy.random.Generator`` passed in (one generator from
the scene's seed, :func:`mlmath_viz.random.generator`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz import regression
from mlmath_viz.descent import DIVERGENCE_BOUND
from mlmath_viz.objectives import Objective
from mlmath_viz.random import generator

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: How batches are drawn (said in the sidecar and on screen).
SAMPLING = "without replacement within an epoch (shuffle, cut into batches, drop the rest)"


def _xy(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    xx = np.asarray(x, dtype=np.float64).reshape(-1)
    yy = np.asarray(y, dtype=np.float64).reshape(-1)
    if xx.shape != yy.shape or xx.size == 0:
        raise ValueError(f"x and y must be non-empty and of one length, got {xx.size}, {yy.size}")
    return xx, yy


def per_example_gradients(theta: ArrayLike, x: ArrayLike, y: ArrayLike) -> FloatArray:
    """:math:`\\nabla\\ell_i(\\theta) = 2 (b + w x_i - y_i)(1, x_i)` for every example,
    shape ``(N, 2)``."""
    b, w = np.asarray(theta, dtype=np.float64).reshape(2)
    xx, yy = _xy(x, y)
    residual = 2.0 * (b + w * xx - yy)
    out: FloatArray = np.column_stack([residual, residual * xx])
    return out


def batch_gradient(
    theta: ArrayLike, x: ArrayLike, y: ArrayLike, batch: ArrayLike | None = None
) -> FloatArray:
    """The mini-batch gradient :math:`g_S = \\frac2B \\sum_{i\\in S}(b + w x_i - y_i)(1, x_i)`
    over the examples ``batch`` (indices; all of them when ``None``)."""
    xx, yy = _xy(x, y)
    if batch is not None:
        # Sorted, so that the same set of examples sums in the same order: a full batch
        # gives exactly the full gradient whatever the shuffle.
        idx = np.sort(np.asarray(batch, dtype=np.int64).reshape(-1))
        xx, yy = xx[idx], yy[idx]
    out: FloatArray = per_example_gradients(theta, xx, yy).mean(axis=0)
    return out


def per_example_covariance(theta: ArrayLike, x: ArrayLike, y: ArrayLike) -> FloatArray:
    """:math:`\\Sigma = \\frac1N\\sum_i (\\nabla\\ell_i - \\nabla L)(\\nabla\\ell_i - \\nabla L)^T`,
    the (population, ``ddof=0``) covariance of the per-example gradients, 2 x 2."""
    g = per_example_gradients(theta, x, y)
    d = g - g.mean(axis=0)
    out: FloatArray = d.T @ d / len(g)
    return out


def batch_variance_factor(n: int, batch_size: int) -> float:
    """:math:`(N - B) / (B (N - 1))`: the covariance of a mini-batch gradient over
    :math:`\\Sigma` when the :math:`B` examples are drawn without replacement (0 when
    :math:`B = N`, also for :math:`N = 1`)."""
    _check_batch(n, batch_size)
    if n == 1:
        return 0.0
    return (n - batch_size) / (batch_size * (n - 1))


def batch_covariance(theta: ArrayLike, x: ArrayLike, y: ArrayLike, batch_size: int) -> FloatArray:
    """The closed-form covariance of :func:`batch_gradient` over a uniformly random
    :math:`B`-subset: :math:`\\frac{N-B}{B(N-1)}\\Sigma`."""
    xx, _ = _xy(x, y)
    out: FloatArray = batch_variance_factor(len(xx), batch_size) * per_example_covariance(
        theta, x, y
    )
    return out


def spread(covariance: ArrayLike) -> float:
    """The spread of a random 2-vector about its mean, :math:`\\sqrt{\\operatorname{tr}
    \\operatorname{Cov}}`: the root-mean-square distance from the mean."""
    c = np.asarray(covariance, dtype=np.float64)
    return float(np.sqrt(max(0.0, float(np.trace(c)))))


def sample_spread(samples: ArrayLike) -> float:
    """The spread of sampled 2-vectors about their own mean:
    :math:`\\sqrt{\\frac1{m-1}\\sum_k |g_k - \\bar g|^2}` (0 for one sample)."""
    s = np.asarray(samples, dtype=np.float64).reshape(-1, 2)
    if len(s) < 2 or not np.any(np.ptp(s, axis=0)):
        return 0.0  # equal samples (a full batch): exactly no spread, not round-off
    return spread(np.cov(s, rowvar=False, ddof=1))


def _check_batch(n: int, batch_size: int) -> None:
    if not 1 <= batch_size <= n:
        raise ValueError(f"batch size must be in 1..{n}, got {batch_size}")


def random_batches(n: int, batch_size: int, count: int, rng: np.random.Generator) -> IntArray:
    """``count`` independent batches, each ``batch_size`` distinct indices of ``0..n-1``
    (a uniformly random subset: the first ``batch_size`` of ``rng.permutation(n)``),
    shape ``(count, batch_size)``."""
    _check_batch(n, batch_size)
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    out = np.empty((count, batch_size), dtype=np.int64)
    for k in range(count):
        out[k] = rng.permutation(n)[:batch_size]
    return out


def epoch_batches(n: int, batch_size: int, steps: int, rng: np.random.Generator) -> IntArray:
    """The batches of ``steps`` steps, shape ``(steps, batch_size)``: each epoch is
    ``rng.permutation(n)`` cut into ``n // batch_size`` consecutive batches, the last
    ``n % batch_size`` indices dropped (a new permutation each epoch)."""
    _check_batch(n, batch_size)
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    per_epoch = n // batch_size
    out = np.empty((steps, batch_size), dtype=np.int64)
    order: IntArray = np.zeros(0, dtype=np.int64)
    for k in range(steps):
        j = k % per_epoch
        if j == 0:
            order = np.asarray(rng.permutation(n), dtype=np.int64)
        out[k] = order[j * batch_size : (j + 1) * batch_size]
    return out


@dataclass(frozen=True)
class SGDRun:
    """One run of mini-batch SGD (like :class:`mlmath_viz.descent.Trajectory`).

    Attributes
    ----------
    batch_size : int
    points : ndarray of shape (k + 1, 2)
        The start and every iterate :math:`\\theta_t = \\theta_{t-1} - \\eta\\, g_{S_t}`
        computed, all finite (a diverging run stops at the first point past
        :data:`mlmath_viz.descent.DIVERGENCE_BOUND`).
    losses : ndarray of shape (k + 1,)
        The full-data loss :math:`L(\\theta_t)` at each point.
    batches : ndarray of shape (k, batch_size)
        The examples of each step.
    diverged : bool
    """

    batch_size: int
    points: FloatArray
    losses: FloatArray
    batches: IntArray
    diverged: bool

    @property
    def steps(self) -> int:
        return len(self.points) - 1


def sgd(
    objective: Objective,
    x: ArrayLike,
    y: ArrayLike,
    batch_size: int,
    lr: float,
    steps: int,
    start: ArrayLike,
    rng: np.random.Generator,
) -> SGDRun:
    """Mini-batch SGD from ``start``: :math:`\\theta_t = \\theta_{t-1} - \\eta\\,
    g_{S_t}(\\theta_{t-1})` with the batches :math:`S_t` of :func:`epoch_batches`;
    ``objective`` (:func:`mlmath_viz.regression.mse_objective` of the same data) gives
    the full-data loss of each iterate. Stops early, ``diverged=True``, when a point is
    non-finite or leaves :data:`mlmath_viz.descent.DIVERGENCE_BOUND`."""
    xx, yy = _xy(x, y)
    theta = np.asarray(start, dtype=np.float64).reshape(2)
    batches = epoch_batches(len(xx), batch_size, steps, rng)
    points, losses = [theta], [objective.value(theta)]
    diverged = False
    for batch in batches:
        with np.errstate(over="ignore", invalid="ignore"):
            theta = theta - lr * batch_gradient(theta, xx, yy, batch)
            loss = objective.value(theta)
        if not (np.all(np.isfinite(theta)) and np.isfinite(loss)):
            diverged = True
            break
        points.append(theta)
        losses.append(loss)
        if float(np.linalg.norm(theta)) > DIVERGENCE_BOUND:
            diverged = True
            break
    return SGDRun(
        batch_size=batch_size,
        points=np.array(points, dtype=np.float64),
        losses=np.array(losses, dtype=np.float64),
        batches=batches[: len(points) - 1],
        diverged=diverged,
    )


#: Mini-batch gradients drawn at the start for each batch size.
GRADIENT_SAMPLES = 1000


@dataclass(frozen=True)
class SGDExperiment:
    """Mini-batch SGD on one feature (of the diabetes data or a table) for several batch
    sizes, from one seed.

    The feature is standardised (:class:`mlmath_viz.regression.Standardiser`), the target
    kept in the data's units. ``samples[B]`` are :data:`GRADIENT_SAMPLES` mini-batch
    gradients at ``start``; ``runs[B]`` the SGD run. The generator is used in this order:
    for each batch size, smallest first, its gradient samples and then its run.
    """

    feature: str
    dataset: regression.Dataset
    scaler: regression.Standardiser
    z: FloatArray
    objective: Objective
    lstsq: FloatArray  # (intercept, slope) on z
    start: FloatArray
    lr: float
    batch_sizes: tuple[int, ...]
    full_gradient: FloatArray  # at the start
    per_example_covariance: FloatArray  # Sigma at the start
    samples: dict[int, FloatArray]
    runs: dict[int, SGDRun]

    @property
    def n(self) -> int:
        return len(self.z)

    def predicted_covariance(self, batch_size: int) -> FloatArray:
        """The closed-form covariance of a batch's gradient at the start."""
        out: FloatArray = batch_variance_factor(self.n, batch_size) * self.per_example_covariance
        return out

    def predicted_spread(self, batch_size: int) -> float:
        return spread(self.predicted_covariance(batch_size))

    def to_json(self) -> dict[str, Any]:
        """The issue's sidecar keys and more (every number the scene shows)."""
        out: dict[str, Any] = {
            "feature": self.feature,
            "n": self.n,
            "x_mean": self.scaler.mean,
            "x_std": self.scaler.std,
            "lr": self.lr,
            "start": self.start.tolist(),
            "sampling": SAMPLING,
            "batch_sizes": list(self.batch_sizes),
            "lstsq": self.lstsq.tolist(),
            "lstsq_loss": self.objective.value(self.lstsq),
            "start_distance": float(np.linalg.norm(self.start - self.lstsq)),
            "full_gradient": self.full_gradient.tolist(),
            "per_example_covariance": self.per_example_covariance.tolist(),
            "per_example_spread": spread(self.per_example_covariance),
            "gradient_samples": {str(b): self.samples[b].tolist() for b in self.batch_sizes},
        }
        for b in self.batch_sizes:
            run, s = self.runs[b], self.samples[b]
            out[str(b)] = {
                "trajectory": run.points.tolist(),
                "losses": run.losses.tolist(),
                "diverged": run.diverged,
                "steps_taken": run.steps,
                "final_distance": float(np.linalg.norm(run.points[-1] - self.lstsq)),
                "closest_distance": float(np.min(np.linalg.norm(run.points - self.lstsq, axis=1))),
                "sample_mean": s.mean(axis=0).tolist(),
                "sample_spread": sample_spread(s),
                "predicted_spread": self.predicted_spread(b),
                "predicted_covariance": self.predicted_covariance(b).tolist(),
                "variance_factor": batch_variance_factor(self.n, b),
            }
        return out


def experiment(
    feature: str,
    batch_sizes: Sequence[int],
    lr: float,
    steps: int,
    seed: int,
    start: ArrayLike = (0.0, 0.0),
    samples: int = GRADIENT_SAMPLES,
) -> SGDExperiment:
    """Run :func:`sgd` for each batch size (sorted, distinct) on the diabetes feature
    ``feature``, and draw ``samples`` mini-batch gradients at ``start`` for each."""
    return experiment_on(
        regression.diabetes(feature), feature, batch_sizes, lr, steps, seed, start, samples
    )


def experiment_on(
    data: regression.Dataset,
    feature: str,
    batch_sizes: Sequence[int],
    lr: float,
    steps: int,
    seed: int,
    start: ArrayLike = (0.0, 0.0),
    samples: int = GRADIENT_SAMPLES,
) -> SGDExperiment:
    """:func:`experiment` on any data: ``data.x`` (standardised here) against ``data.y``,
    e.g. two columns of a CSV file; ``feature`` names the x column.

    Raises
    ------
    ValueError
        If a batch size is not in 1..N (N = ``len(data.x)``) or ``data.x`` is constant.
    """
    sizes = tuple(sorted(set(int(b) for b in batch_sizes)))
    scaler = regression.Standardiser.fit(data.x)
    z = scaler.transform(data.x)
    objective = regression.mse_objective(z, data.y)
    theta0 = np.asarray(start, dtype=np.float64).reshape(2)
    n = len(z)
    for b in sizes:
        _check_batch(n, b)
    rng = generator(seed)
    drawn: dict[int, FloatArray] = {}
    runs: dict[int, SGDRun] = {}
    for b in sizes:
        batches = random_batches(n, b, samples, rng)
        drawn[b] = np.array([batch_gradient(theta0, z, data.y, s) for s in batches])
        runs[b] = sgd(objective, z, data.y, b, lr, steps, theta0, rng)
    return SGDExperiment(
        feature=feature,
        dataset=data,
        scaler=scaler,
        z=z,
        objective=objective,
        lstsq=regression.least_squares(z, data.y),
        start=theta0,
        lr=lr,
        batch_sizes=sizes,
        full_gradient=objective.gradient(theta0),
        per_example_covariance=per_example_covariance(theta0, z, data.y),
        samples=drawn,
        runs=runs,
    )
