"""A tiny reverse-mode automatic differentiation over scalars, and a two-layer network.

A :class:`Value` records the operation that made it and the local derivative with
respect to each input, :math:`\\partial\\, \\text{out} / \\partial\\, \\text{in}`.
:meth:`Value.backward` visits the graph in reverse topological order and applies the
chain rule

.. math:: \\bar u = \\sum_{w\\,:\\,u \\to w} \\bar w\\, \\frac{\\partial w}{\\partial u},
    \\qquad \\bar u = \\frac{\\partial L}{\\partial u},

(the design of Karpathy's micrograd; Griewank and Walther, *Evaluating Derivatives*,
chapter 3). :func:`network_pass` builds the network of the ``Backpropagation`` scene
from these values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np


class Value:
    """A scalar in a computation graph, with its gradient :math:`\\partial L/\\partial v`."""

    __slots__ = ("_local", "_parents", "data", "grad", "label", "op")

    def __init__(
        self,
        data: float,
        parents: tuple[Value, ...] = (),
        local: tuple[float, ...] = (),
        op: str = "",
        label: str = "",
    ) -> None:
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents
        self._local = local  # d self / d parent, one per parent
        self.op = op
        self.label = label

    def __repr__(self) -> str:
        return f"Value({self.data:g}, grad={self.grad:g}, op={self.op!r})"

    @staticmethod
    def _wrap(other: Value | float) -> Value:
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other: Value | float) -> Value:
        o = self._wrap(other)
        return Value(self.data + o.data, (self, o), (1.0, 1.0), "+")

    def __radd__(self, other: float) -> Value:
        return self + other

    def __mul__(self, other: Value | float) -> Value:
        o = self._wrap(other)
        return Value(self.data * o.data, (self, o), (o.data, self.data), "*")

    def __rmul__(self, other: float) -> Value:
        return self * other

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        return self + (-self._wrap(other))

    def __rsub__(self, other: float) -> Value:
        return self._wrap(other) - self

    def __pow__(self, k: float) -> Value:
        """:math:`v^k` for a constant :math:`k`; local derivative :math:`k v^{k-1}`."""
        return Value(self.data**k, (self,), (k * self.data ** (k - 1),), f"^{k:g}")

    def tanh(self) -> Value:
        """:math:`\\tanh v`; local derivative :math:`1 - \\tanh^2 v`."""
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self) -> Value:
        """:math:`\\sigma(v) = 1/(1 + e^{-v})`; local derivative :math:`\\sigma(1 - \\sigma)`."""
        s = 0.5 * (1.0 + math.tanh(0.5 * self.data))
        return Value(s, (self,), (s * (1.0 - s),), "sigmoid")

    def relu(self) -> Value:
        """:math:`\\max(0, v)`; local derivative 1 for :math:`v > 0`, else 0."""
        return Value(max(0.0, self.data), (self,), (1.0 if self.data > 0 else 0.0,), "relu")

    def backward(self) -> None:
        """Set ``grad`` of every value this one depends on to :math:`\\partial self/\\partial v`.

        Gradients are reset first, so calling it twice gives the same result.
        """
        order: list[Value] = []
        seen: set[int] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:  # iterative post-order depth-first search
            node, done = stack.pop()
            if done:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((p, False) for p in node._parents if id(p) not in seen)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in zip(node._parents, node._local, strict=True):
                parent.grad += node.grad * local


ACTIVATIONS = ("tanh", "sigmoid", "relu")


def _activate(z: Value, activation: str) -> Value:
    if activation == "tanh":
        return z.tanh()
    if activation == "sigmoid":
        return z.sigmoid()
    if activation == "relu":
        return z.relu()
    raise ValueError(f"unknown activation {activation!r}; known: {', '.join(ACTIVATIONS)}")


@dataclass(frozen=True)
class Weights:
    """Parameters of the network :math:`\\hat y = v^T \\phi(W x + b) + c`.

    ``w`` has one row per hidden unit (``w[j][i]`` joins input ``i`` to unit ``j``),
    ``b`` the hidden biases, ``v`` the output weights, ``c`` the output bias.
    """

    w: tuple[tuple[float, ...], ...]
    b: tuple[float, ...]
    v: tuple[float, ...]
    c: float

    def to_json(self) -> dict[str, Any]:
        """Plain JSON: ``W`` (rows per hidden unit), ``b``, ``v``, ``c``."""
        return {"W": [list(r) for r in self.w], "b": list(self.b), "v": list(self.v), "c": self.c}

    def flat(self) -> list[float]:
        """All parameters in the order W (row-major), b, v, c."""
        return [x for r in self.w for x in r] + list(self.b) + list(self.v) + [self.c]

    @staticmethod
    def from_flat(values: list[float], hidden: int, inputs: int = 2) -> Weights:
        """Inverse of :meth:`flat`."""
        k = hidden * inputs
        w = tuple(tuple(values[j * inputs : (j + 1) * inputs]) for j in range(hidden))
        return Weights(
            w, tuple(values[k : k + hidden]), tuple(values[k + hidden : k + 2 * hidden]), values[-1]
        )


@dataclass(frozen=True)
class NetworkPass:
    """One forward and backward pass of the network on one example.

    Attributes
    ----------
    z, h : pre-activations :math:`z_j = \\sum_i W_{ji} x_i + b_j` and activations
        :math:`h_j = \\phi(z_j)` of the hidden units.
    y_hat, loss : the output :math:`\\hat y = \\sum_j v_j h_j + c` and the loss
        :math:`L = \\tfrac12 (\\hat y - y)^2`.
    grads : :class:`Weights` holding :math:`\\partial L / \\partial` each parameter.
    d_y_hat, d_h, d_z : :math:`\\partial L/\\partial \\hat y`, :math:`\\partial L/\\partial h_j`,
        :math:`\\partial L/\\partial z_j`.
    local_phi : the local factors :math:`\\phi'(z_j) = \\partial h_j / \\partial z_j`.
    """

    x: tuple[float, ...]
    y: float
    weights: Weights
    z: tuple[float, ...]
    h: tuple[float, ...]
    y_hat: float
    loss: float
    grads: Weights
    d_y_hat: float
    d_h: tuple[float, ...]
    d_z: tuple[float, ...]
    local_phi: tuple[float, ...]


def network_pass(x: tuple[float, ...], y: float, weights: Weights, activation: str) -> NetworkPass:
    """Forward and reverse-mode backward pass through the network, with :class:`Value`.

    .. math::

        z_j = \\sum_i W_{ji} x_i + b_j,\\quad h_j = \\phi(z_j),\\quad
        \\hat y = \\sum_j v_j h_j + c,\\quad L = \\tfrac12(\\hat y - y)^2.
    """
    xs = [Value(xi, label=f"x{i + 1}") for i, xi in enumerate(x)]
    w = [[Value(wji) for wji in row] for row in weights.w]
    b = [Value(bj) for bj in weights.b]
    v = [Value(vj) for vj in weights.v]
    c = Value(weights.c)
    zs: list[Value] = []
    hs: list[Value] = []
    for j, row in enumerate(w):
        z: Value = b[j]
        for wji, xi in zip(row, xs, strict=True):
            z = z + wji * xi
        zs.append(z)
        hs.append(_activate(z, activation))
    y_hat: Value = c
    for vj, hj in zip(v, hs, strict=True):
        y_hat = y_hat + vj * hj
    loss = 0.5 * (y_hat - y) ** 2
    loss.backward()
    grads = Weights(
        tuple(tuple(wji.grad for wji in row) for row in w),
        tuple(bj.grad for bj in b),
        tuple(vj.grad for vj in v),
        c.grad,
    )
    return NetworkPass(
        x=tuple(float(xi) for xi in x),
        y=float(y),
        weights=weights,
        z=tuple(zj.data for zj in zs),
        h=tuple(hj.data for hj in hs),
        y_hat=y_hat.data,
        loss=loss.data,
        grads=grads,
        d_y_hat=y_hat.grad,
        d_h=tuple(hj.grad for hj in hs),
        d_z=tuple(zj.grad for zj in zs),
        local_phi=tuple(hj._local[0] for hj in hs),
    )


def loss_of(
    flat: list[float], x: tuple[float, ...], y: float, hidden: int, activation: str
) -> float:
    """The loss as a plain function of the flat parameters (for finite differences)."""
    return network_pass(x, y, Weights.from_flat(flat, hidden, len(x)), activation).loss


def sgd_step(weights: Weights, grads: Weights, lr: float) -> Weights:
    """One gradient step on every parameter: :math:`\\theta \\leftarrow \\theta - \\eta\\,
    \\partial L/\\partial\\theta`."""
    new = [p - lr * g for p, g in zip(weights.flat(), grads.flat(), strict=True)]
    return Weights.from_flat(new, len(weights.b), len(weights.w[0]))


def initial_weights(
    rng: np.random.Generator, hidden: int, inputs: int = 2, digits: int = 2
) -> Weights:
    """Weights drawn uniformly from [-1, 1] and rounded to ``digits`` decimals (so the
    numbers on screen are the numbers used), with zero biases."""
    w = np.round(rng.uniform(-1.0, 1.0, size=(hidden, inputs)), digits) + 0.0  # no -0.0
    v = np.round(rng.uniform(-1.0, 1.0, size=hidden), digits) + 0.0
    return Weights(
        tuple(tuple(float(x) for x in row) for row in w),
        tuple(0.0 for _ in range(hidden)),
        tuple(float(x) for x in v),
        0.0,
    )


def sgd_step_weights_only(weights: Weights, grads: Weights, lr: float) -> Weights:
    """A gradient step on ``W`` and ``v`` only, biases kept: for a network drawn without
    bias terms, :math:`W \\leftarrow W - \\eta\\, \\partial L/\\partial W`,
    :math:`v \\leftarrow v - \\eta\\, \\partial L/\\partial v`."""
    w = tuple(
        tuple(p - lr * g for p, g in zip(row, grow, strict=True))
        for row, grow in zip(weights.w, grads.w, strict=True)
    )
    v = tuple(p - lr * g for p, g in zip(weights.v, grads.v, strict=True))
    return Weights(w, weights.b, v, weights.c)
