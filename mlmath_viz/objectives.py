"""Objective functions of the plane with value, analytic gradient and Hessian.

Each :class:`Objective` evaluates on whole grids (for contour plots) and at single
points (for optimizers). The test-function formulas follow the standard references
(Rosenbrock 1960; Himmelblau 1972; Beale 1958; see also
https://www.sfu.ca/~ssurjano/optimization.html and
:func:`scipy.optimize.rosen`, whose value, gradient and Hessian the tests compare with).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: Value on a grid: ``f(x, y)`` with ``x`` and ``y`` broadcast together.
ValueFn = Callable[[FloatArray, FloatArray], FloatArray]
#: Gradient on a grid: ``(df/dx, df/dy)``.
GradientFn = Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]
#: Hessian on a grid: ``(d2f/dx2, d2f/dxdy, d2f/dy2)``.
HessianFn = Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray, FloatArray]]

Range = tuple[float, float]


@dataclass(frozen=True)
class Objective:
    """A smooth function :math:`f: \\mathbb{R}^2 \\to \\mathbb{R}` with its derivatives.

    Attributes
    ----------
    name : str
        Short name, e.g. ``"rosenbrock"``.
    latex : str
        The formula as LaTeX, for the scene's panel.
    f, grad, hess : callables
        Vectorised value, gradient and Hessian over arrays ``x``, ``y``.
    minimizers : tuple of points
        The known global (or all local) minimizers.
    minimum : float
        The minimum value.
    view : ((x0, x1), (y0, y1))
        The region a plot of the function shows by default.
    """

    name: str
    latex: str
    f: ValueFn
    grad: GradientFn
    hess: HessianFn
    minimizers: tuple[tuple[float, float], ...]
    minimum: float
    view: tuple[Range, Range]

    def nearest_minimizer(self, v: ArrayLike) -> tuple[tuple[float, float], float]:
        """The known minimizer :math:`m` closest to ``v``, and the distance :math:`|v - m|`."""
        p = _point(v)
        distances = [float(np.linalg.norm(p - np.asarray(m))) for m in self.minimizers]
        k = int(np.argmin(distances))
        return self.minimizers[k], distances[k]

    def value(self, v: ArrayLike) -> float:
        """:math:`f(v)` at one point; ``inf`` when it overflows."""
        p = _point(v)
        with np.errstate(over="ignore", invalid="ignore"):
            out = float(self.f(p[0:1], p[1:2])[0])
        return out if np.isfinite(out) else float("inf")

    def gradient(self, v: ArrayLike) -> FloatArray:
        """:math:`\\nabla f(v) = (\\partial f/\\partial x, \\partial f/\\partial y)`."""
        p = _point(v)
        with np.errstate(over="ignore", invalid="ignore"):
            gx, gy = self.grad(p[0:1], p[1:2])
        return np.array([gx[0], gy[0]], dtype=np.float64)

    def hessian(self, v: ArrayLike) -> FloatArray:
        """The symmetric matrix of second derivatives :math:`\\nabla^2 f(v)`."""
        p = _point(v)
        with np.errstate(over="ignore", invalid="ignore"):
            hxx, hxy, hyy = self.hess(p[0:1], p[1:2])
        return np.array([[hxx[0], hxy[0]], [hxy[0], hyy[0]]], dtype=np.float64)

    def grid(self, xs: ArrayLike, ys: ArrayLike) -> FloatArray:
        """Values on the grid ``xs`` x ``ys``: row ``i`` is ``y = ys[i]``."""
        gx, gy = np.meshgrid(np.asarray(xs, float), np.asarray(ys, float))
        with np.errstate(over="ignore", invalid="ignore"):
            out: FloatArray = np.asarray(self.f(gx, gy), dtype=np.float64)
        return out


def _point(v: ArrayLike) -> FloatArray:
    p = np.asarray(v, dtype=np.float64).reshape(-1)
    if p.shape != (2,):
        raise ValueError(f"expected a point of the plane, got shape {p.shape}")
    return p


# -- quadratic -------------------------------------------------------------------------


def is_symmetric_positive_definite(hessian: ArrayLike, tol: float = 1e-12) -> bool:
    """True when ``hessian`` is symmetric and both its eigenvalues are positive.

    For a symmetric 2x2 matrix this is Sylvester's criterion: :math:`a > 0` and
    :math:`\\det H = ac - b^2 > 0`. Symmetry is checked to ``tol`` relative to the
    largest entry.
    """
    h = np.asarray(hessian, dtype=np.float64)
    if h.shape != (2, 2) or not np.all(np.isfinite(h)):
        return False
    scale = max(1.0, float(np.max(np.abs(h))))
    if abs(h[0, 1] - h[1, 0]) > tol * scale:
        return False
    return bool(h[0, 0] > 0 and h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0] > 0)


def hessian_eigenvalues(hessian: ArrayLike) -> FloatArray:
    """Eigenvalues of a symmetric 2x2 matrix, ascending (:func:`numpy.linalg.eigvalsh`)."""
    h = np.asarray(hessian, dtype=np.float64)
    out: FloatArray = np.asarray(np.linalg.eigvalsh(0.5 * (h + h.T)), dtype=np.float64)
    return out


def critical_learning_rate(hessian: ArrayLike) -> float:
    """The stability limit of gradient descent on a quadratic, :math:`2/\\lambda_{max}`.

    On :math:`f(v) = \\tfrac12 v^T H v` a step is :math:`v \\leftarrow (I - \\eta H) v`;
    along the eigenvector of :math:`\\lambda` the error is multiplied by
    :math:`1 - \\eta\\lambda`, so descent converges iff
    :math:`|1 - \\eta\\lambda_{max}| < 1`, i.e. :math:`0 < \\eta < 2/\\lambda_{max}`.
    """
    return 2.0 / float(hessian_eigenvalues(hessian)[-1])


def overshoot_learning_rate(hessian: ArrayLike) -> float:
    r"""The rate past which gradient descent on a quadratic overshoots, :math:`1/\lambda_{max}`.

    Along the eigenvector of :math:`\lambda_{max}` a step multiplies the error by
    :math:`1 - \eta\lambda_{max}`, which is negative for :math:`\eta > 1/\lambda_{max}`:
    each step lands on the other side of the minimum (still converging, oscillating,
    while :math:`\eta < 2/\lambda_{max}`, :func:`critical_learning_rate`).
    """
    return 1.0 / float(hessian_eigenvalues(hessian)[-1])


def quadratic(hessian: ArrayLike) -> Objective:
    """The quadratic bowl :math:`f(v) = \\tfrac12 v^T H v`.

    With :math:`H = \\begin{pmatrix} a & b \\\\ b & c \\end{pmatrix}`,
    :math:`f = \\tfrac12(a x^2 + 2bxy + c y^2)`, :math:`\\nabla f = H v` and
    :math:`\\nabla^2 f = H`. The minimizer is the origin when :math:`H` is positive
    definite.

    Raises
    ------
    ValueError
        If ``hessian`` is not a finite, symmetric 2x2 matrix.
    """
    h = np.asarray(hessian, dtype=np.float64)
    if h.shape != (2, 2) or not np.all(np.isfinite(h)):
        raise ValueError(f"expected a finite 2x2 matrix, got {h!r}")
    if abs(h[0, 1] - h[1, 0]) > 1e-12 * max(1.0, float(np.max(np.abs(h)))):
        raise ValueError("the Hessian of a quadratic must be symmetric")
    a, b, c = float(h[0, 0]), float(h[0, 1]), float(h[1, 1])

    def f(x: FloatArray, y: FloatArray) -> FloatArray:
        return 0.5 * (a * x * x + 2 * b * x * y + c * y * y)

    def grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        return a * x + b * y, b * x + c * y

    def hess(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        ones = np.ones_like(x * y)
        return a * ones, b * ones, c * ones

    return Objective(
        name="quadratic",
        latex=r"f(v) = \tfrac12\, v^{\top} H v",
        f=f,
        grad=grad,
        hess=hess,
        minimizers=((0.0, 0.0),),
        minimum=0.0,
        view=((-3.0, 3.0), (-3.0, 3.0)),
    )


# -- Rosenbrock -------------------------------------------------------------------------


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Objective:
    """Rosenbrock's banana valley :math:`f = (a - x)^2 + b (y - x^2)^2`.

    .. math::

        \\nabla f = \\begin{pmatrix} -2(a - x) - 4bx(y - x^2) \\\\ 2b(y - x^2)
        \\end{pmatrix},\\quad
        \\nabla^2 f = \\begin{pmatrix} 2 - 4b(y - x^2) + 8bx^2 & -4bx \\\\ -4bx & 2b
        \\end{pmatrix}

    The minimum 0 is at :math:`(a, a^2)`, at the end of a long, flat, curved valley.
    """

    def f(x: FloatArray, y: FloatArray) -> FloatArray:
        return (a - x) ** 2 + b * (y - x * x) ** 2

    def grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        r = y - x * x
        return -2 * (a - x) - 4 * b * x * r, 2 * b * r

    def hess(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        return 2 - 4 * b * (y - x * x) + 8 * b * x * x, -4 * b * x, 2 * b * np.ones_like(x * y)

    return Objective(
        name="rosenbrock",
        latex=rf"f = ({a:g} - x)^2 + {b:g}\,(y - x^2)^2",
        f=f,
        grad=grad,
        hess=hess,
        minimizers=((a, a * a),),
        minimum=0.0,
        view=((-2.0, 2.0), (-1.0, 3.0)),
    )


# -- Himmelblau ---------------------------------------------------------------------------

#: Himmelblau's four minimizers (value 0), from solving grad f = 0 numerically.
HIMMELBLAU_MINIMIZERS = (
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.283185991286170),
    (3.584428340330492, -1.848126526964404),
)


def himmelblau() -> Objective:
    """Himmelblau's function :math:`f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2`.

    With :math:`A = x^2 + y - 11` and :math:`B = x + y^2 - 7`:
    :math:`\\nabla f = (4xA + 2B,\\ 2A + 4yB)` and
    :math:`\\nabla^2 f = \\begin{pmatrix} 4A + 8x^2 + 2 & 4(x + y) \\\\ 4(x + y) &
    4B + 8y^2 + 2 \\end{pmatrix}`. Four minima of value 0.
    """

    def f(x: FloatArray, y: FloatArray) -> FloatArray:
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2

    def grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        big_a, big_b = x * x + y - 11, x + y * y - 7
        return 4 * x * big_a + 2 * big_b, 2 * big_a + 4 * y * big_b

    def hess(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        big_a, big_b = x * x + y - 11, x + y * y - 7
        return 4 * big_a + 8 * x * x + 2, 4 * (x + y), 4 * big_b + 8 * y * y + 2

    return Objective(
        name="himmelblau",
        latex=r"f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        f=f,
        grad=grad,
        hess=hess,
        minimizers=HIMMELBLAU_MINIMIZERS,
        minimum=0.0,
        view=((-5.0, 5.0), (-5.0, 5.0)),
    )


# -- Beale -------------------------------------------------------------------------------

_BEALE_C = (1.5, 2.25, 2.625)


def beale() -> Objective:
    """Beale's function :math:`f = \\sum_{i=1}^{3} (c_i - x + x y^i)^2`, ``c = (1.5, 2.25, 2.625)``.

    With :math:`t_i = c_i - x + xy^i`:
    :math:`\\nabla f = \\sum_i 2 t_i \\nabla t_i`, :math:`\\nabla t_i = (y^i - 1,\\ i x y^{i-1})`,
    and :math:`\\nabla^2 f = \\sum_i 2(\\nabla t_i \\nabla t_i^T + t_i \\nabla^2 t_i)` with
    :math:`\\nabla^2 t_i = \\begin{pmatrix} 0 & i y^{i-1} \\\\ i y^{i-1} & i(i-1) x y^{i-2}
    \\end{pmatrix}`. The minimum 0 is at :math:`(3, 0.5)`, in a narrow flat valley.
    """

    def f(x: FloatArray, y: FloatArray) -> FloatArray:
        out = np.zeros_like(x * y)
        for i, c in enumerate(_BEALE_C, start=1):
            out = out + (c - x + x * y**i) ** 2
        return out

    def grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        gx = np.zeros_like(x * y)
        gy = np.zeros_like(x * y)
        for i, c in enumerate(_BEALE_C, start=1):
            t = c - x + x * y**i
            gx = gx + 2 * t * (y**i - 1)
            gy = gy + 2 * t * (i * x * y ** (i - 1))
        return gx, gy

    def hess(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        hxx = np.zeros_like(x * y)
        hxy = np.zeros_like(x * y)
        hyy = np.zeros_like(x * y)
        for i, c in enumerate(_BEALE_C, start=1):
            t = c - x + x * y**i
            tx, ty = y**i - 1, i * x * y ** (i - 1)
            txy = i * y ** (i - 1)
            tyy = i * (i - 1) * x * y ** (i - 2) if i >= 2 else np.zeros_like(x * y)
            hxx = hxx + 2 * tx * tx
            hxy = hxy + 2 * (tx * ty + t * txy)
            hyy = hyy + 2 * (ty * ty + t * tyy)
        return hxx, hxy, hyy

    return Objective(
        name="beale",
        latex=r"f = \sum_{i=1}^{3} (c_i - x + x y^i)^2",
        f=f,
        grad=grad,
        hess=hess,
        minimizers=((3.0, 0.5),),
        minimum=0.0,
        view=((-4.5, 4.5), (-4.5, 4.5)),
    )


#: The objectives a scene can name, by name (the quadratic needs its Hessian).
NAMED = ("quadratic", "rosenbrock", "himmelblau", "beale")


def by_name(name: str, hessian: ArrayLike | None = None) -> Objective:
    """The objective called ``name``; ``hessian`` is used by ``"quadratic"`` only."""
    if name == "quadratic":
        return quadratic(np.eye(2) if hessian is None else hessian)
    if name == "rosenbrock":
        return rosenbrock()
    if name == "himmelblau":
        return himmelblau()
    if name == "beale":
        return beale()
    raise ValueError(f"unknown objective {name!r}; known: {', '.join(NAMED)}")
