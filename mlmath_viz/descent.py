"""Running an optimizer on an objective: the trajectory, its losses, divergence.

:func:`trajectory` never raises on a bad run: a step that leaves the bound
:math:`\\lVert v \\rVert > 10^6` or produces NaN or infinity ends the run and sets
``diverged``, so a scene can always draw what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.objectives import Objective, overshoot_learning_rate
from mlmath_viz.optimizers import Optimizer

FloatArray = NDArray[np.float64]

#: A run whose point leaves this distance from the origin has diverged.
DIVERGENCE_BOUND = 1e6


@dataclass(frozen=True)
class Trajectory:
    """The result of :func:`trajectory` (like scipy's ``OptimizeResult``).

    Attributes
    ----------
    points : ndarray of shape (n + 1, 2)
        The start and each iterate that was computed, all finite. When the run
        diverged, the last point is the first one past the bound (if it is finite).
    losses : ndarray of shape (n + 1,)
        :math:`f` at each point; finite.
    gradients : ndarray of shape (n + 1, 2)
        :math:`\\nabla f` at each point; finite.
    diverged : bool
        True when the run left the bound or hit NaN/infinity before ``steps`` steps.
    steps_requested : int
        How many steps were asked for.
    """

    points: FloatArray
    losses: FloatArray
    gradients: FloatArray
    diverged: bool
    steps_requested: int

    @property
    def gradient_norms(self) -> FloatArray:
        """:math:`\\lVert \\nabla f \\rVert_2` at each point, shape (n + 1,)."""
        norms: FloatArray = np.linalg.norm(self.gradients, axis=1)
        return norms

    @property
    def steps(self) -> int:
        """Steps actually taken (``len(points) - 1``)."""
        return len(self.points) - 1

    def to_json(self) -> dict[str, Any]:
        """``trajectory`` (list of [x, y], start included), ``losses``, ``diverged``."""
        return {
            "trajectory": self.points.tolist(),
            "losses": self.losses.tolist(),
            "diverged": self.diverged,
        }


def _finite(*arrays: Any) -> bool:
    return all(bool(np.all(np.isfinite(a))) for a in arrays)


def trajectory(
    objective: Objective,
    optimizer: Optimizer,
    start: ArrayLike,
    steps: int,
    bound: float = DIVERGENCE_BOUND,
) -> Trajectory:
    """Run ``optimizer`` on ``objective`` from ``start`` for up to ``steps`` steps.

    Each step computes :math:`g_t = \\nabla f(\\theta_{t-1})` and
    ``optimizer.update(g_t, state, theta)``. The run stops early, with
    ``diverged=True``, when a new point is non-finite, its value or gradient is
    non-finite, or :math:`\\lVert\\theta_t\\rVert > ` ``bound``; a finite point past the
    bound is kept as the last point so the picture can show the path leaving.

    Raises
    ------
    ValueError
        If ``steps`` is negative or the start is not a finite point with a finite
        value and gradient.
    """
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    theta = np.asarray(start, dtype=np.float64).reshape(-1)
    g = objective.gradient(theta)
    loss = objective.value(theta)
    if theta.shape != (2,) or not _finite(theta, g, loss):
        raise ValueError(f"the start {theta!r} must be a finite point with a finite value")
    points, losses, gradients = [theta], [loss], [g]
    state = optimizer.init(theta)
    diverged = False
    for _ in range(steps):
        with np.errstate(over="ignore", invalid="ignore"):
            theta, state = optimizer.update(g, state, theta)
        if not _finite(theta):
            diverged = True
            break
        g = objective.gradient(theta)
        loss = objective.value(theta)
        if not _finite(g, loss):
            diverged = True
            break
        points.append(theta)
        losses.append(loss)
        gradients.append(g)
        if float(np.linalg.norm(theta)) > bound:
            diverged = True
            break
    return Trajectory(
        points=np.array(points, dtype=np.float64),
        losses=np.array(losses, dtype=np.float64),
        gradients=np.array(gradients, dtype=np.float64),
        diverged=diverged,
        steps_requested=steps,
    )


#: A run "converged" when it ends within this fraction of the plotted view's larger side
#: from a known minimizer.
CONVERGED_FRACTION = 1e-2


def verdict(run: Trajectory, objective: Objective) -> str:
    """One phrase for a run: ``diverged``, ``diverging``, ``converged`` or ``still descending``.

    Diverged: the run left the bound or overflowed. Diverging: its last loss is above its
    first. Converged: it ends within ``CONVERGED_FRACTION`` of the view's larger side
    from a known minimizer. Otherwise it is still descending.
    """
    if run.diverged:
        return "diverged"
    if run.steps > 0 and run.losses[-1] > run.losses[0]:
        return "diverging"
    _, gap = objective.nearest_minimizer(run.points[-1])
    (x0, x1), (y0, y1) = objective.view
    if gap < CONVERGED_FRACTION * max(x1 - x0, y1 - y0):
        return "converged"
    return "still descending"


def overshoots(run: Trajectory, objective: Objective, lr: float) -> bool:
    """Whether gradient descent at rate ``lr`` overshoots without growing: each step lands
    beyond the minimum along the steepest direction, and the run still descends.

    True when the run's :func:`verdict` is neither ``diverged`` nor ``diverging`` and
    :math:`\\eta > 1/\\lambda_{max}` of the Hessian at the run's start
    (:func:`mlmath_viz.objectives.overshoot_learning_rate`; on a quadratic the error along
    the top eigenvector is multiplied by :math:`1 - \\eta\\lambda_{max} < 0` each step).
    """
    if verdict(run, objective) in ("diverged", "diverging"):
        return False
    return lr > overshoot_learning_rate(objective.hessian(tuple(run.points[0])))
