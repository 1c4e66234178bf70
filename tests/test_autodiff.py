"""Reverse-mode autodiff against central finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz import autodiff as ad
from mlmath_viz.autodiff import Value

H = 1e-6


def test_value_ops_gradients_match_finite_differences(rng: np.random.Generator) -> None:
    def expr(a: Value | float, b: Value | float) -> Value:
        a = a if isinstance(a, Value) else Value(a)
        b = b if isinstance(b, Value) else Value(b)
        return (a * b + 2.0 - b) ** 2 * (a - 3.0).tanh() + (a * 0.5).sigmoid() * b - (-a)

    for a0, b0 in rng.uniform(-2, 2, size=(20, 2)):
        a, b = Value(a0), Value(b0)
        out = expr(a, b)
        out.backward()
        da = (expr(a0 + H, b0).data - expr(a0 - H, b0).data) / (2 * H)
        db = (expr(a0, b0 + H).data - expr(a0, b0 - H).data) / (2 * H)
        assert_allclose([a.grad, b.grad], [da, db], rtol=1e-6, atol=1e-8)


def test_shared_node_accumulates_and_backward_is_repeatable() -> None:
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1 = 7
    y.backward()
    assert x.grad == 7.0
    y.backward()
    assert x.grad == 7.0


def test_relu_gradient() -> None:
    for x0, want in ((2.0, 1.0), (-2.0, 0.0)):
        x = Value(x0)
        x.relu().backward()
        assert x.grad == want


WEIGHTS_2 = ad.Weights(((0.5, -0.3), (0.8, 0.2)), (0.1, -0.1), (1.2, -0.7), 0.05)


@pytest.mark.parametrize("activation", ad.ACTIVATIONS)
@pytest.mark.parametrize("hidden", [2, 3])
def test_network_gradients_match_finite_differences(
    activation: str, hidden: int, rng: np.random.Generator
) -> None:
    for _ in range(5):
        flat = list(rng.uniform(-1.5, 1.5, hidden * 2 + 2 * hidden + 1))
        x = tuple(rng.uniform(-2, 2, 2))
        y = float(rng.uniform(-1, 1))
        weights = ad.Weights.from_flat(flat, hidden)
        result = ad.network_pass(x, y, weights, activation)
        numeric = []
        for k in range(len(flat)):
            up, down = list(flat), list(flat)
            up[k] += H
            down[k] -= H
            numeric.append(
                (
                    ad.loss_of(up, x, y, hidden, activation)
                    - ad.loss_of(down, x, y, hidden, activation)
                )
                / (2 * H)
            )
        assert_allclose(result.grads.flat(), numeric, rtol=1e-5, atol=1e-8)


def test_network_forward_values_by_hand() -> None:
    x, y = (1.0, 1.5), 1.0
    r = ad.network_pass(x, y, WEIGHTS_2, "tanh")
    z1 = 0.5 * 1 - 0.3 * 1.5 + 0.1
    z2 = 0.8 * 1 + 0.2 * 1.5 - 0.1
    h1, h2 = math.tanh(z1), math.tanh(z2)
    y_hat = 1.2 * h1 - 0.7 * h2 + 0.05
    assert_allclose(r.z, [z1, z2], rtol=1e-14)
    assert_allclose(r.h, [h1, h2], rtol=1e-14)
    assert_allclose(r.y_hat, y_hat, rtol=1e-14)
    assert_allclose(r.loss, 0.5 * (y_hat - y) ** 2, rtol=1e-14)
    # The chain rule by hand: dL/dy_hat = y_hat - y; dL/dz_j = (y_hat - y) v_j (1 - h_j^2).
    assert_allclose(r.d_y_hat, y_hat - y, rtol=1e-14)
    assert_allclose(r.d_z, [(y_hat - y) * 1.2 * (1 - h1**2), (y_hat - y) * -0.7 * (1 - h2**2)])
    assert_allclose(r.grads.w[0], [r.d_z[0] * 1.0, r.d_z[0] * 1.5], rtol=1e-14)
    assert_allclose(r.local_phi, [1 - h1**2, 1 - h2**2], rtol=1e-14)


def test_a_small_gradient_step_lowers_the_loss() -> None:
    x, y = (1.0, 2.0), 1.0
    before = ad.network_pass(x, y, WEIGHTS_2, "tanh")
    after = ad.network_pass(x, y, ad.sgd_step(WEIGHTS_2, before.grads, 0.1), "tanh")
    assert after.loss < before.loss
    assert ad.Weights.from_flat(WEIGHTS_2.flat(), 2) == WEIGHTS_2


def test_initial_weights_are_seeded_and_rounded() -> None:
    a = ad.initial_weights(np.random.default_rng(3), 3)
    b = ad.initial_weights(np.random.default_rng(3), 3)
    assert a == b
    assert all(round(x, 2) == x and -1 <= x <= 1 for x in a.flat())
    assert a.b == (0.0, 0.0, 0.0) and a.c == 0.0


def test_weights_only_step_keeps_biases_and_lowers_the_loss() -> None:
    x, y = (1.0, -0.5), 0.8
    w0 = ad.initial_weights(np.random.default_rng(7), 3)
    before = ad.network_pass(x, y, w0, "tanh")
    w1 = ad.sgd_step_weights_only(w0, before.grads, 0.1)
    assert w1.b == w0.b and w1.c == w0.c
    assert_allclose(w1.w[0][1], w0.w[0][1] - 0.1 * before.grads.w[0][1], rtol=1e-15)
    assert ad.network_pass(x, y, w1, "tanh").loss < before.loss
