"""Parameters of the calculus scenes, one frozen dataclass per scene in gallery order
(no Manim import: listing and validation stay fast)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlmath_viz.autodiff import ACTIVATIONS
from mlmath_viz.derivatives import FUNCTIONS
from scenes.parameters import ParamError, Vector2, parameter
from scenes.parameters.objective import ObjectiveParams, objective_parameter

#: The step h ends at this value: small enough that the slope readout (4 decimals)
#: has settled on f'(x) for every function in the set.
H_END = 1e-4

#: PartialDerivatives shows the middle of an objective's default view: the steep rim
#: would flatten every slice near the point.
SLICE_VIEW_FRACTION = 0.7


def slice_view(objective: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    """The square PartialDerivatives plots: the middle ``SLICE_VIEW_FRACTION`` of the
    objective's default view."""
    (x0, x1), (y0, y1) = objective.view
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    hx, hy = 0.5 * SLICE_VIEW_FRACTION * (x1 - x0), 0.5 * SLICE_VIEW_FRACTION * (y1 - y0)
    return ((cx - hx, cx + hx), (cy - hy, cy + hy))


@dataclass(frozen=True)
class DerivativeParams:
    """Parameters of :class:`scenes.calculus.derivative.Derivative`."""

    function: str = parameter("sine", "the function f", choices=tuple(FUNCTIONS))
    x: float = parameter(0.6, "where the slope is taken", low=-5.0, high=5.0)
    h_start: float = parameter(1.5, "the first step h of the secant", low=0.05, high=3.0)

    def check(self) -> None:
        lo, hi = FUNCTIONS[self.function].domain
        if not lo <= self.x <= hi:
            raise ParamError(
                f"parameter 'x' got {self.x:g} with function '{self.function}'; "
                f"allowed: a real number in [{lo:.4g}, {hi:.4g}]"
            )
        if self.x + self.h_start > hi:
            raise ParamError(
                f"parameter 'h_start' got {self.h_start:g} with x = {self.x:g}; allowed: "
                f"x + h_start <= {hi:.4g}, the end of the plotted interval"
            )


@dataclass(frozen=True)
class PartialDerivativesParams(ObjectiveParams):
    """Parameters of :class:`scenes.calculus.partial_derivatives.PartialDerivatives`."""

    objective: str = objective_parameter("quadratic", "the function f(x, y)")
    point: Vector2 = parameter(
        (0.5, 1.2), "the point P = (x, y) where f is sliced", low=-10.0, high=10.0
    )
    resolution: int = parameter(
        16,
        "surface patches along each side (render time grows with its square)",
        low=6,
        high=40,
    )

    def check(self) -> None:
        super().check()
        from mlmath_viz.objectives import by_name

        (x0, x1), (y0, y1) = slice_view(by_name(self.objective, self.hessian))
        x, y = self.point
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            raise ParamError(
                f"parameter 'point' got [{x:g}, {y:g}] with objective '{self.objective}'; "
                f"allowed: a point of the plotted square [{x0:g}, {x1:g}] x [{y0:g}, {y1:g}]"
            )


@dataclass(frozen=True)
class GradientFieldParams(ObjectiveParams):
    """Parameters of :class:`scenes.calculus.gradient_field.GradientField`."""

    objective: str = objective_parameter("quadratic", "the function f")
    levels: int = parameter(4, "contour lines that carry gradient arrows", low=1, high=8)
    arrows_per_level: int = parameter(8, "gradient arrows along each of them", low=2, high=16)


@dataclass(frozen=True)
class BackpropagationParams:
    """Parameters of :class:`scenes.calculus.backpropagation.Backpropagation`."""

    x: Vector2 = parameter((1.0, -0.5), "the input (x1, x2)", low=-5.0, high=5.0)
    target: float = parameter(0.8, "the target output y", low=-5.0, high=5.0)
    hidden: int = parameter(3, "hidden units", low=2, high=3)
    activation: str = parameter("tanh", "the hidden units' nonlinearity", choices=ACTIVATIONS)
    lr: float = parameter(0.5, "learning rate of the one gradient step", low=0.0, high=10.0)
    seed: int = parameter(
        0, "seed of the initial weights (uniform in [-1, 1])", low=0, high=2**31 - 1
    )


# -- ChainRule (scenes/calculus/chain_rule.py) ---------------------------------------


@dataclass(frozen=True)
class ChainRuleParams:
    """Parameters of :class:`scenes.calculus.chain_rule.ChainRule`."""

    outer: str = parameter("sine", "the outer function f of y = f(g(x))", choices=tuple(FUNCTIONS))
    inner: str = parameter(
        "square", "the inner function g of y = f(g(x))", choices=tuple(FUNCTIONS)
    )
    x: float = parameter(0.8, "where the composition is differentiated", low=-5.0, high=5.0)
    dx: float = parameter(0.2, "the nudge of x shown (small)", low=0.01, high=0.5)

    def check(self) -> None:
        from mlmath_viz.chain_rule import composition_domain, containing_interval

        def spans(intervals: list[tuple[float, float]]) -> str:
            return " or ".join(f"[{lo:.4g}, {hi:.4g}]" for lo, hi in intervals)

        allowed = composition_domain(FUNCTIONS[self.outer], FUNCTIONS[self.inner])
        where = f"with outer '{self.outer}' and inner '{self.inner}'"
        if not allowed:  # pragma: no cover - every pair of the set composes somewhere
            raise ParamError(f"parameter 'outer' got '{self.outer}' {where}: they never compose")
        interval = containing_interval(allowed, self.x)
        if interval is None:
            raise ParamError(
                f"parameter 'x' got {self.x:g} {where}; allowed: a real number in "
                f"{spans(allowed)}, where x is in the domain of {self.inner} and "
                f"{self.inner}(x) in the domain of {self.outer}"
            )
        if self.x + self.dx > interval[1]:
            raise ParamError(
                f"parameter 'dx' got {self.dx:g} with x = {self.x:g} {where}; allowed: "
                f"x + dx <= {interval[1]:.4g}, so that the nudged composition is defined"
            )


# -- TaylorSeries (issue 19) -------------------------------------------------------------
from mlmath_viz.taylor import MAX_ORDER  # noqa: E402


@dataclass(frozen=True)
class TaylorSeriesParams:
    """Parameters of :class:`scenes.calculus.taylor_series.TaylorSeries`."""

    function: str = parameter("sine", "the function f", choices=tuple(FUNCTIONS))
    x0: float = parameter(0.5, "the centre x0 of the series", low=-5.0, high=5.0)
    max_order: int = parameter(
        6, "the highest order n of the polynomials T_0..T_n drawn", low=1, high=MAX_ORDER
    )

    def check(self) -> None:
        lo, hi = FUNCTIONS[self.function].domain
        if not lo <= self.x0 <= hi:
            raise ParamError(
                f"parameter 'x0' got {self.x0:g} with function '{self.function}'; "
                f"allowed: a real number in [{lo:.4g}, {hi:.4g}], the plotted interval"
            )
