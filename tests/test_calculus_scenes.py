"""The calculus scenes' own mobjects against their sidecar numbers (no video).

Each (scene, parameters) is the session's one checked build (conftest's ``built``),
shared with test_scene_checks and test_golden; its tests carry ``scene_group``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from backprop_oracle import assert_shown_gradients_match_finite_differences
from numpy.testing import assert_allclose

from conftest import grouped, scene_group
from mlmath_viz import derivatives
from scenes.calculus.derivative import Derivative
from scenes.calculus.params import H_END, DerivativeParams
from scenes.parameters import ParamError, build

DERIVATIVE_CASES = {
    "default": {},
    "exp near the right end": {"function": "exp", "x": 1.5, "h_start": 0.3},
    "sigmoid, flat tail, widest h": {"function": "sigmoid", "x": -4.9, "h_start": 3.0},
    "cubic at its minimum": {"function": "cubic", "x": 1.0},
}


@pytest.fixture(params=grouped(DERIVATIVE_CASES, "Derivative"))
def derivative(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    """The session's checked build (conftest's ``built``) of the case's Derivative."""
    return built(Derivative, DerivativeParams(**DERIVATIVE_CASES[request.param])).scene


def test_derivative_numbers(derivative: Any) -> None:
    d = derivative.data
    fn = derivatives.FUNCTIONS[d["function"]]
    h = 1e-6
    central = (fn.value(d["x"] + h) - fn.value(d["x"] - h)) / (2 * h)
    assert_allclose(d["derivative"], central, rtol=1e-7, atol=1e-9)
    slopes = np.array(d["secant_slopes"])
    errors = np.abs(slopes - d["derivative"])
    assert errors[-1] < 1e-3 and errors[-1] <= errors[0] + 1e-12
    assert d["h_values"][0] == derivative.params.h_start and d["h_values"][-1] == H_END


def test_drawn_secant_and_tangent(derivative: Any) -> None:
    frame = derivative.picture.frame
    d = derivative.data
    a, b = (
        frame.p2c(derivative.picture.secant.get_start()),
        frame.p2c(derivative.picture.secant.get_end()),
    )
    assert_allclose((b[1] - a[1]) / (b[0] - a[0]), d["secant_slopes"][-1], rtol=1e-6, atol=1e-9)
    a, b = (
        frame.p2c(derivative.picture.tangent.get_start()),
        frame.p2c(derivative.picture.tangent.get_end()),
    )
    assert_allclose((b[1] - a[1]) / (b[0] - a[0]), d["derivative"], rtol=1e-6, atol=1e-9)
    # The tangent passes through P.
    t = (d["x"] - a[0]) / (b[0] - a[0])
    assert_allclose(a[1] + t * (b[1] - a[1]), d["f_x"], atol=1e-6)
    for inv in derivative.invariants("tangent"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


def test_x_and_x_plus_h_marked_on_the_axis(derivative: Any) -> None:
    """Issue 17: x, x + h and h are marked, each under or beside what it names."""
    pic, d = derivative.picture, derivative.data
    frame = pic.frame
    (_, _), (y0, _) = frame.box
    for mark, at in ((pic.x_mark, d["x"]), (pic.xh_mark, d["x"] + d["h_start"])):
        tick, label = mark
        foot = frame.p2c(tick.get_start())
        assert_allclose(foot, [at, y0], atol=1e-9)
        assert_allclose(label.get_center()[0], tick.get_center()[0], atol=1e-9)
    assert pic.x_mark[1].tex_string == "x" and pic.xh_mark[1].tex_string == "x + h"
    mid = frame.c2p(np.array([[d["x"] + d["h_start"] / 2, d["f_x"]]]))[0]
    assert_allclose(pic.h_label.get_center()[0], mid[0], atol=1e-9)
    assert abs(pic.h_label.get_center()[1] - mid[1]) < 0.5


def test_sigmoid_derivative_named_sigma_prime(derivative: Any) -> None:
    """Issue 17: the sigmoid is sigma and its derivative sigma' everywhere, never f'."""
    pic = derivative.picture
    captions = " ".join(b.caption for b in derivative.beats)
    if derivative.data["function"] == "sigmoid":
        assert pic.exact.tex_string.startswith(r"\sigma'(")
        assert "f'" not in captions and "f(" not in captions and "σ'(" in captions
        assert "f(" not in pic.quotient.tex_string
    else:
        assert pic.exact.tex_string.startswith("f'(") and "f'(" in captions


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"x": "4"}, "parameter 'x'"),  # outside sine's interval [-pi, pi]
        ({"function": "exp", "x": "1.5", "h_start": "1"}, "parameter 'h_start'"),
        ({"h_start": "0"}, "parameter 'h_start'"),
        ({"function": "log"}, "parameter 'function'"),
    ],
)
def test_derivative_rejects_bad_input(overrides: dict[str, str], fragment: str) -> None:
    with pytest.raises(ParamError, match=fragment):
        build("Derivative", DerivativeParams, overrides)


@scene_group("Derivative")
def test_scene_checker_passes_derivative(built: Callable[..., Any]) -> None:
    report = built(Derivative, DerivativeParams())
    assert report.beats
    assert report.problems == []


@pytest.fixture(params=grouped(["quadratic", "himmelblau"], "GradientField"))
def field(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    from scenes.calculus.gradient_field import GradientField
    from scenes.calculus.params import GradientFieldParams

    return built(GradientField, GradientFieldParams(objective=request.param)).scene


def test_field_arrows_point_downhill_after_the_flip(field: Any) -> None:
    from mlmath_viz import objectives

    f = objectives.by_name(field.params.objective, field.params.hessian)
    assert len(field.picture.arrows) >= 8
    for arrow, base in zip(field.picture.arrows, field.data["arrow_bases"], strict=True):
        start = field.picture.frame.p2c(arrow.get_start())
        tip = field.picture.frame.p2c(arrow.get_end())
        assert_allclose(start, base, atol=1e-6)
        step = 1e-4 * (tip - start) / np.linalg.norm(tip - start)
        assert f.value(start + step) < f.value(start), "-grad f points downhill"
    for inv in field.invariants("downhill"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


def test_field_bases_lie_on_their_level_sets(field: Any) -> None:
    from mlmath_viz import objectives

    f = objectives.by_name(field.params.objective, field.params.hessian)
    levels = field.data["contour_levels"]
    for base, owner in zip(field.data["arrow_bases"], field.picture.arrow_owner, strict=True):
        # Marching squares interpolates linearly between grid nodes: a few percent.
        assert_allclose(f.value(base), levels[owner], rtol=0.05)
    assert abs(field.data["highlight"]["angle_deg"] - 90.0) < 5.0


def test_field_rejects_an_indefinite_hessian() -> None:
    from scenes.calculus.params import GradientFieldParams

    with pytest.raises(ParamError, match="symmetric positive definite"):
        build("GradientField", GradientFieldParams, {"hessian": "1,0,0,-1"})


BACKPROP_CASES = {"default": {}, "relu, two hidden units": {"hidden": 2, "activation": "relu"}}


@pytest.fixture(params=grouped(BACKPROP_CASES, "Backpropagation"))
def backprop(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    from scenes.calculus.backpropagation import Backpropagation
    from scenes.calculus.params import BackpropagationParams

    return built(Backpropagation, BackpropagationParams(**BACKPROP_CASES[request.param])).scene


def test_backprop_gradients_match_finite_differences(backprop: Any) -> None:
    d = backprop.data
    assert_shown_gradients_match_finite_differences(backprop)
    # The chain rule line: dL/dw11 = (y_hat - y) v1 phi'(z1) x1.
    product = d["gradients"]["y_hat"] * d["weights"]["v"][0] * d["gradients"]["local_phi"][0]
    assert_allclose(product * d["activations"]["x"][0], d["gradients"]["W"][0][0], rtol=1e-12)
    assert d["loss_after"] < d["loss_before"]


def test_backprop_readouts_and_edge_labels(backprop: Any) -> None:
    for inv in backprop.invariants("update"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)
    # After the step each edge label shows the updated weight w - lr dL/dw.
    d = backprop.data
    for kind, j, i, _, label in backprop.picture.edges:
        old = d["weights"]["v"][j] if kind == "v" else d["weights"]["W"][j][i]
        grad = d["gradients"]["v"][j] if kind == "v" else d["gradients"]["W"][j][i]
        assert_allclose(label.get_value(), old - d["lr"] * grad, rtol=1e-12, atol=1e-15)


@pytest.fixture
def partials(built: Callable[..., Any]) -> Any:
    from scenes.calculus.params import PartialDerivativesParams
    from scenes.calculus.partial_derivatives import PartialDerivatives

    return built(PartialDerivatives, PartialDerivativesParams()).scene


@scene_group("PartialDerivatives")
def test_partial_derivatives_are_the_slices_slopes(partials: Any) -> None:
    from mlmath_viz import objectives

    p = partials.params
    f = objectives.by_name(p.objective, p.hessian)
    h = 1e-6
    x, y = p.point
    fx = (f.value((x + h, y)) - f.value((x - h, y))) / (2 * h)
    fy = (f.value((x, y + h)) - f.value((x, y - h))) / (2 * h)
    assert_allclose([partials.data["df_dx"], partials.data["df_dy"]], [fx, fy], rtol=1e-7)
    assert_allclose(partials.data["gradient"], [fx, fy], rtol=1e-7)
    for inv in partials.invariants("gradient"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


def test_partial_derivatives_rejects_a_point_off_the_plot() -> None:
    from scenes.calculus.params import PartialDerivativesParams

    with pytest.raises(ParamError, match="parameter 'point'"):
        build("PartialDerivatives", PartialDerivativesParams, {"point": "2.5,0"})


@scene_group("PartialDerivatives")
def test_partial_derivatives_axes_labelled_and_floor_gradient_under_a_faded_surface(
    partials: Any,
) -> None:
    """Issue 17: the 3-D axes carry x, y and f past their ends; the floor gradient is
    shown under a faded surface, not painted over an opaque one."""
    from scenes.calculus.partial_derivatives import FADED_SURFACE

    pic = partials.picture
    assert [m.tex_string for m in pic.axis_labels] == ["x", "y", "f"]
    for axis, label in zip(pic.axes[:3], pic.axis_labels, strict=True):
        start, end = axis.get_start(), axis.get_end()
        along = (end - start) / np.linalg.norm(end - start)
        beyond = float(np.dot(label.get_center() - end, along))
        assert 0.3 < beyond < 0.8, (label.tex_string, beyond)
        glyphs = label.family_members_with_points()
        assert min(g.get_fill_opacity() for g in glyphs) == pytest.approx(1.0), label.tex_string
    faces = pic.surface.family_members_with_points()
    assert max(face.get_fill_opacity() for face in faces) <= FADED_SURFACE + 1e-9
