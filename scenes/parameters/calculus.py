"""Parameters of the calculus scenes."""

from __future__ import annotations

from dataclasses import dataclass

from mlmath_viz.autodiff import ACTIVATIONS
from mlmath_viz.derivatives import FUNCTIONS
from mlmath_viz.objectives import NAMED
from scenes.parameters import Matrix2, ParamError, Vector2, parameter
from scenes.parameters.optimization import DEFAULT_HESSIAN, check_hessian

#: The step h ends at this value: small enough that the slope readout (4 decimals)
#: has settled on f'(x) for every function in the set.
H_END = 1e-4


@dataclass(frozen=True)
class DerivativeParams:
    """Parameters of :class:`scenes.calculus.Derivative`."""

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
class GradientFieldParams:
    """Parameters of :class:`scenes.calculus.GradientField`."""

    objective: str = parameter("quadratic", "the function f", choices=NAMED)
    hessian: Matrix2 = parameter(
        DEFAULT_HESSIAN,
        "H of the quadratic f = v^T H v / 2 (symmetric positive definite, row-major)",
        low=-100.0,
        high=100.0,
    )
    levels: int = parameter(4, "contour lines that carry gradient arrows", low=1, high=8)
    arrows_per_level: int = parameter(8, "gradient arrows along each of them", low=2, high=16)

    def check(self) -> None:
        check_hessian(self.objective, self.hessian)


#: The calculus scenes, in gallery order, with their parameter types.
SCENE_PARAMS: dict[str, type] = {
    "Derivative": DerivativeParams,
    "GradientField": GradientFieldParams,
}


@dataclass(frozen=True)
class BackpropagationParams:
    """Parameters of :class:`scenes.calculus.Backpropagation`."""

    x: Vector2 = parameter((1.0, -0.5), "the input (x1, x2)", low=-5.0, high=5.0)
    target: float = parameter(0.8, "the target output y", low=-5.0, high=5.0)
    hidden: int = parameter(3, "hidden units", low=2, high=3)
    activation: str = parameter("tanh", "the hidden units' nonlinearity", choices=ACTIVATIONS)
    lr: float = parameter(0.5, "learning rate of the one gradient step", low=0.0, high=10.0)
    seed: int = parameter(
        0, "seed of the initial weights (uniform in [-1, 1])", low=0, high=2**31 - 1
    )


SCENE_PARAMS["Backpropagation"] = BackpropagationParams
