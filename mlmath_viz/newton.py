"""Newton's method on an objective of the plane: each step jumps to the centre of the
local quadratic model.

At the iterate :math:`v_k` the second-order Taylor model of :math:`f` is

.. math::

    m_k(u) = f(v_k) + \\nabla f(v_k)^T (u - v_k)
             + \\tfrac12 (u - v_k)^T \\nabla^2 f(v_k) (u - v_k),

whose only stationary point (its *centre*, when the Hessian :math:`H_k` is invertible)
is :math:`c_k = v_k - H_k^{-1} \\nabla f(v_k)`. Newton's method steps there:
:math:`v_{k+1} = c_k` (Nocedal and Wright, *Numerical Optimization*, 2nd ed., 2006,
section 3.3; Boyd and Vandenberghe, *Convex Optimization*, 2004, section 9.5).

Policy for awkward Hessians (plain Newton, nothing modified):

- an **indefinite** Hessian is used as it is: the model is a saddle and its centre is
  its saddle point, so Newton heads for whatever critical point is near, a minimum, a
  saddle or a maximum. That is the lesson of the saddle objective, not a bug to hide.
- a **singular or nearly singular** Hessian
  (:math:`|\\lambda|_{\\min} \\le` ``SINGULAR_RCOND`` :math:`\\cdot \\max(1, |\\lambda|_{\\max})`)
  stops the run before the step, with status ``"singular"``: the model has no centre
  and the solve would divide by (almost) zero. Nothing is regularised silently.
- a step to a non-finite point, or past :math:`\\lVert v \\rVert >` ``DIVERGENCE_BOUND``,
  ends the run with status ``"diverged"`` (as :func:`mlmath_viz.descent.trajectory`).

The saddle objective, :func:`saddle`, is
:math:`f(x, y) = x^2 - y^2 + \\tfrac14 (x^4 + y^4)`: a saddle point at the origin with
Hessian :math:`\\mathrm{diag}(2, -2)`, and two minima at :math:`(0, \\pm\\sqrt2)` of value
:math:`-1`, where the Hessian is :math:`\\mathrm{diag}(2, 4)`. The quartic terms keep
:math:`f` bounded below so that gradient descent has somewhere to go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz import objectives
from mlmath_viz.descent import DIVERGENCE_BOUND, Trajectory
from mlmath_viz.objectives import Objective, hessian_eigenvalues

FloatArray = NDArray[np.float64]

#: A Hessian with :math:`|\lambda|_{\min} \le` this times :math:`\max(1, |\lambda|_{\max})`
#: is treated as singular: the run stops instead of dividing by (almost) zero.
SINGULAR_RCOND = 1e-8

#: Newton stops once :math:`\lVert \nabla f(v_k) \rVert \le` this (status ``"converged"``).
STOP_GRADIENT = 1e-10

#: A point is called critical (a minimum, saddle or maximum) when
#: :math:`\lVert \nabla f \rVert \le` this; otherwise :func:`classify` says ``"none"``.
CRITICAL_GRADIENT = 1e-6

#: The coefficient of the quartic terms of :func:`saddle`.
SADDLE_QUARTIC = 0.25

#: Where :func:`saddle` has its saddle point.
SADDLE_POINT = (0.0, 0.0)

#: The objectives Newton's scene can name: the shared ones and ``"saddle"``.
NAMED = (*objectives.NAMED, "saddle")

#: The words of :func:`classify`.
KINDS = ("minimum", "saddle", "maximum", "none")


# -- the saddle objective -----------------------------------------------------------------


def saddle(q: float = SADDLE_QUARTIC) -> Objective:
    """The saddle :math:`f = x^2 - y^2 + q(x^4 + y^4)`, by default :math:`q = 1/4`.

    .. math::

        \\nabla f = \\begin{pmatrix} 2x + 4qx^3 \\\\ -2y + 4qy^3 \\end{pmatrix},\\quad
        \\nabla^2 f = \\begin{pmatrix} 2 + 12qx^2 & 0 \\\\ 0 & -2 + 12qy^2 \\end{pmatrix}.

    Critical points: the saddle :math:`(0, 0)` (eigenvalues 2 and -2) and the minima
    :math:`(0, \\pm 1/\\sqrt{2q})` of value :math:`-1/(4q)`. The Hessian is singular on
    the lines :math:`y = \\pm 1/\\sqrt{6q}`, where the curvature along :math:`y` changes
    sign.

    Raises
    ------
    ValueError
        If ``q`` is not positive.
    """
    if not q > 0:
        raise ValueError(f"the quartic coefficient must be positive, got {q}")
    y_min = 1.0 / math.sqrt(2.0 * q)

    def f(x: FloatArray, y: FloatArray) -> FloatArray:
        return x * x - y * y + q * (x**4 + y**4)

    def grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        return 2 * x + 4 * q * x**3, -2 * y + 4 * q * y**3

    def hess(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        return 2 + 12 * q * x * x, np.zeros_like(x * y), -2 + 12 * q * y * y

    return Objective(
        name="saddle",
        latex=rf"f = x^2 - y^2 + {q:g}\,(x^4 + y^4)",
        f=f,
        grad=grad,
        hess=hess,
        minimizers=((0.0, y_min), (0.0, -y_min)),
        minimum=-1.0 / (4.0 * q),
        view=((-2.5, 2.5), (-2.5, 2.5)),
    )


def by_name(name: str, hessian: ArrayLike | None = None) -> Objective:
    """The objective called ``name`` (one of :data:`NAMED`); ``hessian`` is used by
    ``"quadratic"`` only (:func:`mlmath_viz.objectives.by_name`)."""
    if name == "saddle":
        return saddle()
    return objectives.by_name(name, hessian)


# -- the local quadratic model ---------------------------------------------------------


def is_singular(hessian: ArrayLike, rcond: float = SINGULAR_RCOND) -> bool:
    """True when the symmetric ``hessian`` is singular or nearly so:
    :math:`|\\lambda|_{\\min} \\le \\mathrm{rcond} \\cdot \\max(1, |\\lambda|_{\\max})`, or
    when it is not finite."""
    h = np.asarray(hessian, dtype=np.float64)
    if not np.all(np.isfinite(h)):
        return True
    size = np.abs(hessian_eigenvalues(h))
    return bool(size.min() <= rcond * max(1.0, float(size.max())))


def curvature_kind(eigenvalues: ArrayLike, rcond: float = SINGULAR_RCOND) -> str:
    """What the signs of a Hessian's eigenvalues make of a quadratic: ``"minimum"``
    (both positive, a bowl), ``"maximum"`` (both negative), ``"saddle"`` (mixed) or
    ``"singular"`` (one is zero to ``rcond``, as :func:`is_singular`)."""
    lam = np.asarray(eigenvalues, dtype=np.float64)
    size = np.abs(lam)
    if not np.all(np.isfinite(lam)) or size.min() <= rcond * max(1.0, float(size.max())):
        return "singular"
    if np.all(lam > 0):
        return "minimum"
    if np.all(lam < 0):
        return "maximum"
    return "saddle"


def curvature_signs(eigenvalues: ArrayLike, rcond: float = SINGULAR_RCOND) -> tuple[int, ...]:
    r"""The sign of each eigenvalue, 1, -1, or 0 for one that is zero to ``rcond``
    (:math:`|\lambda| \le \mathrm{rcond} \cdot \max(1, |\lambda|_{\max})`, as
    :func:`is_singular`)."""
    lam = np.asarray(eigenvalues, dtype=np.float64)
    floor = rcond * max(1.0, float(np.max(np.abs(lam))))
    return tuple(0 if abs(x) <= floor else (1 if x > 0 else -1) for x in lam)


@dataclass(frozen=True)
class QuadraticModel:
    """The second-order Taylor model of :math:`f` at ``at``:
    :math:`m(u) = f + g^T d + \\tfrac12 d^T H d` with :math:`d = u - v`.

    Attributes
    ----------
    at : ndarray (2,)
        The point :math:`v` it is taken at.
    value, gradient, hessian :
        :math:`f(v)`, :math:`g = \\nabla f(v)`, :math:`H = \\nabla^2 f(v)`.
    """

    at: FloatArray
    value: float
    gradient: FloatArray
    hessian: FloatArray

    @property
    def eigenvalues(self) -> FloatArray:
        """The Hessian's eigenvalues, ascending (:func:`numpy.linalg.eigvalsh`)."""
        return hessian_eigenvalues(self.hessian)

    @property
    def kind(self) -> str:
        """:func:`curvature_kind` of the Hessian: what the model's centre is."""
        return curvature_kind(self.eigenvalues)

    @property
    def step(self) -> FloatArray | None:
        """The Newton step :math:`-H^{-1} g` (solved, not inverted); None when the
        Hessian is singular (:func:`is_singular`)."""
        if is_singular(self.hessian):
            return None
        out: FloatArray = np.asarray(-np.linalg.solve(self.hessian, self.gradient), np.float64)
        return out

    @property
    def centre(self) -> FloatArray | None:
        """The model's stationary point :math:`c = v - H^{-1} g` (its minimum, saddle
        point or maximum by :attr:`kind`); None when the Hessian is singular."""
        s = self.step
        return None if s is None else self.at + s

    @property
    def centre_value(self) -> float | None:
        """:math:`m(c) = f(v) - \\tfrac12 g^T H^{-1} g` (None when singular)."""
        s = self.step
        return None if s is None else self.value + 0.5 * float(self.gradient @ s)

    def evaluate(self, x: ArrayLike, y: ArrayLike) -> FloatArray:
        """:math:`m` on arrays ``x``, ``y`` (broadcast together)."""
        dx = np.asarray(x, dtype=np.float64) - self.at[0]
        dy = np.asarray(y, dtype=np.float64) - self.at[1]
        (a, b), (_, c) = self.hessian
        g = self.gradient
        out: FloatArray = (
            self.value + g[0] * dx + g[1] * dy + 0.5 * (a * dx * dx + 2 * b * dx * dy + c * dy * dy)
        )
        return out

    def levels(self, count: int = 3) -> FloatArray:
        """Levels of the model to draw, the first through :math:`v` itself
        (:math:`m(v) = f(v)`).

        With :math:`D = f(v) - m(c) = \\tfrac12 g^T H^{-1} g`, the levels are
        :math:`m(c) + D\\,4^{-j}`, :math:`j = 0, \\dots,` ``count`` - 1: around a
        minimum or maximum, ellipses about :math:`c` scaled by :math:`2^{-j}`. For a
        saddle model the mirror levels :math:`m(c) - D\\,4^{-j}` are added (the conjugate
        hyperbolas), after the first ``count``. Empty when the Hessian is singular or
        :math:`D = 0` (:math:`v` is the centre, or lies on the saddle's asymptotes).
        """
        mc = self.centre_value
        if mc is None:
            return np.zeros(0)
        d = self.value - mc
        if d == 0 or not np.isfinite(d):
            return np.zeros(0)
        ratios = 4.0 ** -np.arange(count)
        out = mc + d * ratios
        if self.kind == "saddle":
            out = np.concatenate([out, mc - d * ratios])
        return np.asarray(out, dtype=np.float64)

    def as_objective(self) -> Objective:
        """The model as an :class:`~mlmath_viz.objectives.Objective` (for drawing its
        level sets with the same code as the function's); its ``minimizers`` hold the
        centre when the model is a bowl."""
        (a, b), (_, c) = self.hessian
        g = self.gradient
        v = self.at
        centre = self.centre

        def f(x: FloatArray, y: FloatArray) -> FloatArray:
            return self.evaluate(x, y)

        def grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
            dx, dy = x - v[0], y - v[1]
            return g[0] + a * dx + b * dy, g[1] + b * dx + c * dy

        def hess(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
            ones = np.ones_like(x * y)
            return a * ones, b * ones, c * ones

        bowl = self.kind == "minimum" and centre is not None
        return Objective(
            name="quadratic model",
            latex=r"m(u) = f + \nabla f^{\top} d + \tfrac12\, d^{\top} H d",
            f=f,
            grad=grad,
            hess=hess,
            minimizers=((float(centre[0]), float(centre[1])),)
            if bowl and centre is not None
            else (),
            minimum=float(self.centre_value)
            if bowl and self.centre_value is not None
            else -math.inf,
            view=((v[0] - 1.0, v[0] + 1.0), (v[1] - 1.0, v[1] + 1.0)),
        )


def local_model(objective: Objective, v: ArrayLike) -> QuadraticModel:
    """The quadratic model of ``objective`` at ``v`` (its value, gradient and Hessian)."""
    p = np.asarray(v, dtype=np.float64).reshape(2)
    return QuadraticModel(
        at=p,
        value=objective.value(p),
        gradient=objective.gradient(p),
        hessian=objective.hessian(p),
    )


# -- the run ---------------------------------------------------------------------------


def classify(objective: Objective, v: ArrayLike, grad_tol: float = CRITICAL_GRADIENT) -> str:
    """What ``v`` is: ``"minimum"``, ``"saddle"`` or ``"maximum"`` when
    :math:`\\lVert\\nabla f(v)\\rVert \\le` ``grad_tol`` and the Hessian's eigenvalues
    there are both positive, of mixed sign or both negative (second-order conditions);
    ``"none"`` when the gradient is larger, anything is non-finite, or the Hessian is
    singular there (a degenerate critical point the signs cannot classify)."""
    p = np.asarray(v, dtype=np.float64).reshape(2)
    g = objective.gradient(p)
    if not np.all(np.isfinite(p)) or not np.all(np.isfinite(g)):
        return "none"
    if float(np.linalg.norm(g)) > grad_tol:
        return "none"
    h = objective.hessian(p)
    if not np.all(np.isfinite(h)):
        return "none"
    kind = curvature_kind(hessian_eigenvalues(h))
    return "none" if kind == "singular" else kind


@dataclass(frozen=True)
class NewtonRun:
    """The result of :func:`newton`.

    Attributes
    ----------
    trajectory : Trajectory
        Points (start included), losses and gradients, as gradient descent's
        (:class:`mlmath_viz.descent.Trajectory`; ``diverged`` as there).
    hessians : ndarray (n + 1, 2, 2)
        :math:`\\nabla^2 f` at each point.
    eigenvalues : ndarray (n + 1, 2)
        Their eigenvalues, ascending.
    status : str
        ``"converged"`` (:math:`\\lVert\\nabla f\\rVert \\le` ``STOP_GRADIENT`` at the
        last point), ``"singular"`` (stopped: the Hessian at the last point is
        singular), ``"diverged"`` or ``"max_steps"`` (all steps taken, not converged).
    """

    trajectory: Trajectory
    hessians: FloatArray
    eigenvalues: FloatArray
    status: str

    @property
    def points(self) -> FloatArray:
        return self.trajectory.points

    @property
    def losses(self) -> FloatArray:
        return self.trajectory.losses

    @property
    def steps(self) -> int:
        """Steps taken."""
        return self.trajectory.steps

    def models(self, objective: Objective) -> list[QuadraticModel]:
        """The quadratic model at each point a step was taken from (``steps`` of them):
        model ``k``'s centre is point ``k + 1``."""
        return [local_model(objective, p) for p in self.points[: self.steps]]

    def to_json(self) -> dict[str, Any]:
        """``trajectory``, ``losses``, ``diverged``, ``hessian_eigenvalues``,
        ``hessians``, ``status``."""
        out = self.trajectory.to_json()
        out["hessian_eigenvalues"] = self.eigenvalues.tolist()
        out["hessians"] = self.hessians.tolist()
        out["status"] = self.status
        return out


def newton(
    objective: Objective,
    start: ArrayLike,
    steps: int,
    stop_gradient: float = STOP_GRADIENT,
    rcond: float = SINGULAR_RCOND,
    bound: float = DIVERGENCE_BOUND,
) -> NewtonRun:
    """Up to ``steps`` Newton steps :math:`v_{k+1} = v_k - H_k^{-1} \\nabla f(v_k)` from
    ``start`` (the module docstring gives the policy for awkward Hessians).

    Before each step: stop (``"converged"``) when
    :math:`\\lVert\\nabla f(v_k)\\rVert \\le` ``stop_gradient``, stop (``"singular"``)
    when :func:`is_singular` ``(H_k, rcond)``. After it: stop (``"diverged"``) on a
    non-finite point, value or gradient (not kept), or a point past ``bound`` (kept, so
    a picture can show it leaving). Never raises on a bad run.

    Raises
    ------
    ValueError
        If ``steps`` is negative or the start has no finite value and gradient.
    """
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    v = np.asarray(start, dtype=np.float64).reshape(-1)
    if v.shape != (2,):
        raise ValueError(f"expected a point of the plane, got shape {v.shape}")
    g, loss, h = objective.gradient(v), objective.value(v), objective.hessian(v)
    if not (np.all(np.isfinite(v)) and np.all(np.isfinite(g)) and np.isfinite(loss)):
        raise ValueError(f"the start {v!r} must be a finite point with a finite value")
    points, losses, gradients, hessians = [v], [loss], [g], [h]
    status = "max_steps"
    for _ in range(steps):
        if float(np.linalg.norm(g)) <= stop_gradient:
            status = "converged"
            break
        if is_singular(h, rcond):
            status = "singular"
            break
        with np.errstate(over="ignore", invalid="ignore"):
            v = v - np.linalg.solve(h, g)
        if not np.all(np.isfinite(v)):
            status = "diverged"
            break
        g, loss, h = objective.gradient(v), objective.value(v), objective.hessian(v)
        if not (np.all(np.isfinite(g)) and np.isfinite(loss) and np.all(np.isfinite(h))):
            status = "diverged"
            break
        points.append(v)
        losses.append(loss)
        gradients.append(g)
        hessians.append(h)
        if float(np.linalg.norm(v)) > bound:
            status = "diverged"
            break
    if status == "max_steps" and float(np.linalg.norm(g)) <= stop_gradient:
        status = "converged"
    hs = np.array(hessians, dtype=np.float64)
    return NewtonRun(
        trajectory=Trajectory(
            points=np.array(points, dtype=np.float64),
            losses=np.array(losses, dtype=np.float64),
            gradients=np.array(gradients, dtype=np.float64),
            diverged=status == "diverged",
            steps_requested=steps,
        ),
        hessians=hs,
        eigenvalues=np.array([hessian_eigenvalues(m) for m in hs], dtype=np.float64),
        status=status,
    )


def converged_to(run: NewtonRun | Trajectory, objective: Objective) -> str:
    """Where a run (Newton's or gradient descent's) ended: :func:`classify` of its last
    point, ``"none"`` if it diverged."""
    if run.trajectory.diverged if isinstance(run, NewtonRun) else run.diverged:
        return "none"
    return classify(objective, run.points[-1])
