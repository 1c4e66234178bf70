"""The finite-difference oracle of the Backpropagation tests (test_calculus_scenes and
test_backpropagation_scene): the loss's gradient by central differences, for comparison
with the gradients a scene shows."""

from __future__ import annotations

from typing import Any

from numpy.testing import assert_allclose

#: Central-difference step.
H = 1e-6


def assert_shown_gradients_match_finite_differences(scene: Any) -> None:
    """The scene's sidecar gradients dL/dW and dL/dv equal the central differences of
    :func:`mlmath_viz.autodiff.loss_of` at its sidecar weights (rtol 1e-5, atol 1e-8)."""
    from mlmath_viz import autodiff

    d, p = scene.data, scene.params
    hidden = p.hidden
    flat = [x for row in d["weights"]["W"] for x in row] + [0.0] * hidden + d["weights"]["v"]
    flat += [0.0]
    numeric = []
    for k in range(len(flat)):
        up, down = list(flat), list(flat)
        up[k] += H
        down[k] -= H
        lu = autodiff.loss_of(up, p.x, p.target, hidden, p.activation)
        ld = autodiff.loss_of(down, p.x, p.target, hidden, p.activation)
        numeric.append((lu - ld) / (2 * H))
    shown = [x for row in d["gradients"]["W"] for x in row]
    assert_allclose(shown, numeric[: 2 * hidden], rtol=1e-5, atol=1e-8)
    assert_allclose(d["gradients"]["v"], numeric[3 * hidden : 4 * hidden], rtol=1e-5, atol=1e-8)
