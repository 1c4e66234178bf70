"""First-order optimizers as pure ``init``/``update`` pairs with immutable state.

In the style of optax: ``state = opt.init(params)`` and
``new_params, new_state = opt.update(grad, state, params)``, where ``grad`` is
:math:`g_t = \\nabla f(\\theta_{t-1})`, the gradient at the current parameters.
Nothing is mutated; every state is a :class:`typing.NamedTuple` of arrays.

The update rules are the textbook ones, in the same conventions as PyTorch's
``torch.optim`` and optax (the formulas are in each factory's docstring):

- plain gradient descent (Cauchy 1847),
- heavy-ball momentum (Polyak 1964),
- Nesterov's accelerated gradient in the form of Sutskever et al. (2013), as in
  ``torch.optim.SGD(nesterov=True)`` and ``optax.sgd(nesterov=True)``,
- AdaGrad (Duchi, Hazan and Singer 2011),
- RMSProp (Tieleman and Hinton 2012),
- Adam with bias correction (Kingma and Ba 2015, Algorithm 1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


class EmptyState(NamedTuple):
    """Plain gradient descent keeps no state."""


class MomentumState(NamedTuple):
    """The running sum of gradients :math:`b_t` (the velocity, up to a factor -eta)."""

    velocity: FloatArray


class AdaGradState(NamedTuple):
    """The running sum of squared gradients :math:`G_t`."""

    sum_of_squares: FloatArray


class RMSPropState(NamedTuple):
    """The exponential moving average of squared gradients :math:`r_t`."""

    mean_square: FloatArray


class AdamState(NamedTuple):
    """Step number :math:`t` and the first and second moment estimates :math:`m_t, v_t`."""

    step: int
    mu: FloatArray
    nu: FloatArray


@dataclass(frozen=True)
class Optimizer:
    """A named ``init``/``update`` pair.

    ``update(grad, state, params) -> (new_params, new_state)``.
    """

    name: str
    init: Callable[[FloatArray], Any]
    update: Callable[[FloatArray, Any, FloatArray], tuple[FloatArray, Any]]


def _arr(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def gradient_descent(lr: float) -> Optimizer:
    """Plain gradient descent: :math:`\\theta_t = \\theta_{t-1} - \\eta\\, g_t`."""

    def init(params: FloatArray) -> EmptyState:
        return EmptyState()

    def update(grad: FloatArray, state: EmptyState, params: FloatArray) -> tuple[FloatArray, Any]:
        return _arr(params) - lr * _arr(grad), state

    return Optimizer("gradient descent", init, update)


def momentum(lr: float, beta: float = 0.9) -> Optimizer:
    """Heavy-ball momentum (Polyak), in the form of ``torch.optim.SGD(momentum=beta)``:

    .. math::

        b_t = \\beta\\, b_{t-1} + g_t, \\qquad \\theta_t = \\theta_{t-1} - \\eta\\, b_t,

    with :math:`b_0 = 0`. Equivalently
    :math:`\\theta_t = \\theta_{t-1} - \\eta g_t + \\beta(\\theta_{t-1} - \\theta_{t-2})`.
    """

    def init(params: FloatArray) -> MomentumState:
        return MomentumState(np.zeros_like(_arr(params)))

    def update(
        grad: FloatArray, state: MomentumState, params: FloatArray
    ) -> tuple[FloatArray, Any]:
        b = beta * state.velocity + _arr(grad)
        return _arr(params) - lr * b, MomentumState(b)

    return Optimizer("momentum", init, update)


def nesterov(lr: float, beta: float = 0.9) -> Optimizer:
    """Nesterov's accelerated gradient, as ``torch.optim.SGD(momentum=beta, nesterov=True)``:

    .. math::

        b_t = \\beta\\, b_{t-1} + g_t, \\qquad
        \\theta_t = \\theta_{t-1} - \\eta\\, (g_t + \\beta\\, b_t),

    with :math:`b_0 = 0`: the step looks ahead along the momentum (Sutskever et al. 2013,
    rewritten so that the gradient is taken at the current parameters).
    """

    def init(params: FloatArray) -> MomentumState:
        return MomentumState(np.zeros_like(_arr(params)))

    def update(
        grad: FloatArray, state: MomentumState, params: FloatArray
    ) -> tuple[FloatArray, Any]:
        g = _arr(grad)
        b = beta * state.velocity + g
        return _arr(params) - lr * (g + beta * b), MomentumState(b)

    return Optimizer("Nesterov", init, update)


def adagrad(lr: float, eps: float = 1e-8) -> Optimizer:
    """AdaGrad: each coordinate's step is divided by its accumulated gradient size.

    .. math::

        G_t = G_{t-1} + g_t^2, \\qquad
        \\theta_t = \\theta_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{G_t} + \\epsilon},

    element-wise, with :math:`G_0 = 0` (as ``torch.optim.Adagrad``).
    """

    def init(params: FloatArray) -> AdaGradState:
        return AdaGradState(np.zeros_like(_arr(params)))

    def update(grad: FloatArray, state: AdaGradState, params: FloatArray) -> tuple[FloatArray, Any]:
        g = _arr(grad)
        s = state.sum_of_squares + g * g
        return _arr(params) - lr * g / (np.sqrt(s) + eps), AdaGradState(s)

    return Optimizer("AdaGrad", init, update)


def rmsprop(lr: float, decay: float = 0.9, eps: float = 1e-8) -> Optimizer:
    """RMSProp: divide by a moving root-mean-square of recent gradients.

    .. math::

        r_t = \\rho\\, r_{t-1} + (1 - \\rho)\\, g_t^2, \\qquad
        \\theta_t = \\theta_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{r_t} + \\epsilon},

    element-wise, with :math:`r_0 = 0` and :math:`\\rho` = ``decay`` (as
    ``torch.optim.RMSprop(alpha=decay)``).
    """

    def init(params: FloatArray) -> RMSPropState:
        return RMSPropState(np.zeros_like(_arr(params)))

    def update(grad: FloatArray, state: RMSPropState, params: FloatArray) -> tuple[FloatArray, Any]:
        g = _arr(grad)
        r = decay * state.mean_square + (1 - decay) * g * g
        return _arr(params) - lr * g / (np.sqrt(r) + eps), RMSPropState(r)

    return Optimizer("RMSProp", init, update)


def adam(lr: float, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    """Adam with bias correction (Kingma and Ba 2015, Algorithm 1).

    .. math::

        m_t &= \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g_t, \\qquad
        v_t = \\beta_2 v_{t-1} + (1 - \\beta_2)\\, g_t^2, \\\\
        \\hat m_t &= \\frac{m_t}{1 - \\beta_1^t}, \\qquad
        \\hat v_t = \\frac{v_t}{1 - \\beta_2^t}, \\qquad
        \\theta_t = \\theta_{t-1} - \\alpha\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\epsilon},

    element-wise, with :math:`m_0 = v_0 = 0`; :math:`\\epsilon` is added to the square
    root in the denominator, exactly as in the paper.
    """

    def init(params: FloatArray) -> AdamState:
        zeros = np.zeros_like(_arr(params))
        return AdamState(0, zeros, zeros.copy())

    def update(grad: FloatArray, state: AdamState, params: FloatArray) -> tuple[FloatArray, Any]:
        g = _arr(grad)
        t = state.step + 1
        m = b1 * state.mu + (1 - b1) * g
        v = b2 * state.nu + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        return _arr(params) - lr * m_hat / (np.sqrt(v_hat) + eps), AdamState(t, m, v)

    return Optimizer("Adam", init, update)


#: The optimizers of the race, in legend order, by short name.
NAMES = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")

#: Names for people.
LABELS = {
    "gd": "gradient descent",
    "momentum": "momentum",
    "nesterov": "Nesterov",
    "adagrad": "AdaGrad",
    "rmsprop": "RMSProp",
    "adam": "Adam",
}


def by_name(name: str, lr: float) -> Optimizer:
    """The optimizer called ``name`` (one of :data:`NAMES`) with learning rate ``lr``
    and its other hyper-parameters at their textbook defaults."""
    factories: dict[str, Callable[[float], Optimizer]] = {
        "gd": gradient_descent,
        "momentum": momentum,
        "nesterov": nesterov,
        "adagrad": adagrad,
        "rmsprop": rmsprop,
        "adam": adam,
    }
    if name not in factories:
        raise ValueError(f"unknown optimizer {name!r}; known: {', '.join(NAMES)}")
    return factories[name](lr)
