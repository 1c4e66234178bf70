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


# -- Jacobian (scenes/calculus/jacobian.py)

from scenes.parameters import Matrix2  # noqa: E402

#: Largest |coordinate| of the point p (and largest radius r for polar).
JACOBIAN_POINT_LIMIT = 3.0
#: Largest |entry| of the tanh layer's W and c.
JACOBIAN_ENTRY_LIMIT = 4.0
#: Smallest radius r of p for polar: at r = 0 a whole theta-segment maps to the origin
#: (det J = 0), so the small square about p would fold over it.
JACOBIAN_MIN_RADIUS = 0.1
#: Smallest stretch (largest singular value) of J the zoom can show: a layer saturated
#: further than this at p sends the zoom window to a speck thousands of times smaller.
JACOBIAN_MIN_STRETCH = 1e-3
#: Largest ratio of J's two stretches (its condition number) for an invertible J: a layer
#: saturated along one direction only squashes the window into a sliver too thin to draw
#: (a singular J, whose image is a line, is drawn as that line).
JACOBIAN_MAX_CONDITION = 1e3


@dataclass(frozen=True)
class JacobianParams:
    """Parameters of :class:`scenes.calculus.jacobian.Jacobian`."""

    map: str = parameter(
        "polar",
        "the map F: polar (r, theta) -> (r cos theta, r sin theta); swirl, a turn by "
        "(pi/2) exp(-|v|^2/2) about the origin; tanh-layer, tanh(W v + c)",
        choices=("polar", "swirl", "tanh-layer"),
    )
    point: Vector2 = parameter(
        (1.2, 0.8),
        "the point p zoomed in on ((r, theta) for polar, r >= 0.1: det J = r)",
        low=-JACOBIAN_POINT_LIMIT - 0.2,
        high=JACOBIAN_POINT_LIMIT + 0.2,
    )
    weights: Matrix2 = parameter(
        ((1.5, -1.0), (0.5, 1.0)),
        "the tanh layer's weight matrix W, row-major (tanh-layer only)",
        low=-JACOBIAN_ENTRY_LIMIT,
        high=JACOBIAN_ENTRY_LIMIT,
    )
    bias: Vector2 = parameter(
        (0.2, -0.1),
        "the tanh layer's bias c (tanh-layer only)",
        low=-JACOBIAN_ENTRY_LIMIT,
        high=JACOBIAN_ENTRY_LIMIT,
    )

    def check(self) -> None:
        from mlmath_viz import jacobians

        x, y = self.point
        if self.map == "polar":
            if not JACOBIAN_MIN_RADIUS <= x <= JACOBIAN_POINT_LIMIT:
                raise ParamError(
                    f"parameter 'point' got [{x:g}, {y:g}] with map 'polar'; allowed: "
                    f"(r, theta) with r in [{JACOBIAN_MIN_RADIUS:g}, {JACOBIAN_POINT_LIMIT:g}] "
                    "(at r = 0 det J = 0: a whole theta-segment maps to the origin)"
                )
        elif max(abs(x), abs(y)) > JACOBIAN_POINT_LIMIT:
            raise ParamError(
                f"parameter 'point' got [{x:g}, {y:g}] with map '{self.map}'; allowed: "
                f"coordinates in [{-JACOBIAN_POINT_LIMIT:g}, {JACOBIAN_POINT_LIMIT:g}]"
            )
        if self.map != "tanh-layer":
            return
        if all(w == 0 for row in self.weights for w in row):
            raise ParamError(
                "parameter 'weights' got [[0, 0], [0, 0]]; allowed: a non-zero matrix "
                "(W = 0 sends the whole plane to the point tanh(c))"
            )
        m = jacobians.plane_map(self.map, self.weights, self.bias)
        jac = jacobians.jacobian(m, self.point)
        size = jacobians.stretch(jac)
        if size < JACOBIAN_MIN_STRETCH:
            raise ParamError(
                f"parameter 'point' got [{x:g}, {y:g}], where the tanh layer is saturated "
                f"(J stretches by at most {size:.2g}); allowed: a point where J stretches "
                f"some direction by at least {JACOBIAN_MIN_STRETCH:g}"
            )
        thinnest = jacobians.thinnest_stretch(jac)
        if thinnest < size / JACOBIAN_MAX_CONDITION:
            raise ParamError(
                f"parameter 'point' got [{x:g}, {y:g}], where the tanh layer is saturated "
                f"along one direction (J stretches by {size:.2g} and by {thinnest:.2g}); "
                f"allowed: a point where J's smaller stretch is at least 1/"
                f"{JACOBIAN_MAX_CONDITION:g} of its larger one, or W singular"
            )


# -- LagrangeMultipliers (scenes/calculus/lagrange_multipliers.py)
from scenes.parameters.data import Table, data_parameter, table  # noqa: E402
from scenes.parameters.datasets import IRIS_FEATURES  # noqa: E402

#: Below this ratio lambda_2 / lambda_1 a file's two columns count as collinear: S is
#: singular, f vanishes along a whole direction and its lowest level set is a line.
LAGRANGE_MIN_RATIO = 1e-9


@dataclass(frozen=True)
class LagrangeMultipliersParams:
    """Parameters of :class:`scenes.calculus.lagrange_multipliers.LagrangeMultipliers`."""

    x_feature: str = parameter(
        "petal_length",
        "the first Iris measurement (w's first coordinate); with data, a numeric column of "
        "the file",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    y_feature: str = parameter(
        "sepal_width",
        "the second Iris measurement (w's second coordinate); with data, another numeric "
        "column of the file",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    standardize: bool = parameter(
        False,
        "divide each measurement by its standard deviation first (z-scores): S becomes the "
        "correlation matrix",
    )
    data: str = data_parameter("Iris")

    def check(self) -> None:
        if self.x_feature == self.y_feature:
            raise ParamError(
                f"parameter 'y_feature' got {self.y_feature!r}; allowed: a feature other "
                f"than x_feature ({self.x_feature!r})"
            )
        if self.data:
            self.table()

    def table(self) -> Table:
        """The two columns, checked (the shipped Iris data, with its species, when
        ``data`` is empty): with data at least 3 rows, neither column constant and the
        two not collinear (S must have two positive eigenvalues)."""
        import numpy as np

        from mlmath_viz import lagrange

        tab = table(
            self.data,
            "iris",
            numeric=(self.x_feature, self.y_feature),
            categorical=() if self.data else ("species",),
            min_rows=3,
            columns={self.x_feature: "x_feature", self.y_feature: "y_feature"},
        )
        if not self.data:
            return tab
        for name, column in (("x_feature", self.x_feature), ("y_feature", self.y_feature)):
            if tab.frame[column].nunique() < 2:
                raise ParamError(
                    f"parameter '{name}' got {column!r}: data {self.data!r} has one value in "
                    "that column on the rows used; allowed: a column that varies (a constant "
                    "has no variance to maximise)"
                )
        x2 = tab.frame[[self.x_feature, self.y_feature]].to_numpy(dtype=np.float64)
        lam = lagrange.solve(x2, self.standardize).eigenvalues
        if not lam[1] > LAGRANGE_MIN_RATIO * lam[0]:
            raise ParamError(
                f"parameter 'data' got {self.data!r}: columns {self.x_feature!r} and "
                f"{self.y_feature!r} are collinear on the rows used (lambda_2 / lambda_1 = "
                f"{lam[1] / lam[0]:.2g}, S is singular); allowed: two columns not on one line"
            )
        return tab
