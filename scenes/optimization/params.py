"""Parameters of the optimization scenes, one frozen dataclass per scene in gallery order
(no Manim import: listing and validation stay fast)."""

from __future__ import annotations

from dataclasses import dataclass

from mlmath_viz.optimizers import NAMES as OPTIMIZERS
from mlmath_viz.regression import DIABETES_FEATURES
from scenes.parameters import Vector2, parameter
from scenes.parameters.data import Table, data_parameter, feature_target_table
from scenes.parameters.objective import ObjectiveParams, objective_parameter

#: Longest run a scene draws: 500 steps already take a full sweep of the animation.
MAX_STEPS = 500

#: Largest learning rate accepted: far past divergence on every objective, so a
#: lecturer can show what a wild value does; the scene reports it as diverged.
MAX_LR = 1e9

#: Start points further out than this are rejected (the view must still show the
#: minimum as more than a pixel).
MAX_START = 1000.0

DIABETES_CHOICES = tuple(DIABETES_FEATURES)


@dataclass(frozen=True)
class GradientDescentParams(ObjectiveParams):
    """Parameters of :class:`scenes.optimization.gradient_descent.GradientDescent`."""

    lr: float = parameter(0.35, "learning rate eta", low=0.0, high=MAX_LR)
    start: Vector2 = parameter((-2.5, 2.0), "start point (x, y)", low=-MAX_START, high=MAX_START)
    steps: int = parameter(30, "number of descent steps", low=0, high=MAX_STEPS)


@dataclass(frozen=True)
class LearningRatesParams(ObjectiveParams):
    """Parameters of :class:`scenes.optimization.learning_rates.LearningRates`."""

    start: Vector2 = parameter((-2.5, 2.0), "start point (x, y)", low=-MAX_START, high=MAX_START)
    steps: int = parameter(25, "number of descent steps", low=0, high=MAX_STEPS)
    lr_small: float = parameter(0.03, "the left run's learning rate", low=0.0, high=MAX_LR)
    lr_good: float = parameter(0.3, "the middle run's learning rate", low=0.0, high=MAX_LR)
    lr_large: float = parameter(0.47, "the right run's learning rate", low=0.0, high=MAX_LR)


@dataclass(frozen=True)
class OptimizerRaceParams(ObjectiveParams):
    """Parameters of :class:`scenes.optimization.optimizer_race.OptimizerRace`."""

    objective: str = objective_parameter("rosenbrock")
    start: Vector2 = parameter((-1.5, 2.0), "start point (x, y)", low=-MAX_START, high=MAX_START)
    steps: int = parameter(300, "number of steps of every optimizer", low=0, high=MAX_STEPS)
    lr_gd: float = parameter(1.8e-3, "learning rate of gradient descent", low=0.0, high=MAX_LR)
    lr_momentum: float = parameter(
        1e-3, "learning rate of momentum (beta = 0.9)", low=0.0, high=MAX_LR
    )
    lr_nesterov: float = parameter(
        1e-3, "learning rate of Nesterov momentum (beta = 0.9)", low=0.0, high=MAX_LR
    )
    lr_adagrad: float = parameter(1.5, "learning rate of AdaGrad", low=0.0, high=MAX_LR)
    lr_rmsprop: float = parameter(
        0.02, "learning rate of RMSProp (decay 0.9)", low=0.0, high=MAX_LR
    )
    lr_adam: float = parameter(
        0.2, "learning rate of Adam (beta1 0.9, beta2 0.999)", low=0.0, high=MAX_LR
    )

    def learning_rates(self) -> dict[str, float]:
        """Each optimizer's learning rate, by short name, in legend order."""
        return {name: float(getattr(self, f"lr_{name}")) for name in OPTIMIZERS}


@dataclass(frozen=True)
class SurfaceDescentParams(ObjectiveParams):
    """Parameters of :class:`scenes.optimization.surface_descent.SurfaceDescent`."""

    objective: str = objective_parameter("himmelblau")
    lr: float = parameter(0.01, "learning rate eta", low=0.0, high=MAX_LR)
    start: Vector2 = parameter((0.0, 0.0), "start point (x, y)", low=-MAX_START, high=MAX_START)
    steps: int = parameter(40, "number of descent steps", low=0, high=MAX_STEPS)
    resolution: int = parameter(
        20,
        "surface patches along each side (render time grows with its square)",
        low=6,
        high=40,
    )


@dataclass(frozen=True)
class LinearRegressionGDParams:
    """Parameters of :class:`scenes.optimization.linear_regression_gd.LinearRegressionGD`."""

    feature: str = parameter(
        "bmi",
        "feature of scikit-learn's diabetes data on the x axis; with data, a numeric column",
        choices=DIABETES_CHOICES,
        choices_unless="data",
    )
    lr: float = parameter(
        0.1, "learning rate on the standardised feature (stable below 1)", low=0.0, high=10.0
    )
    steps: int = parameter(40, "number of descent steps", low=0, high=MAX_STEPS)
    data: str = data_parameter("diabetes")
    target: str = parameter(
        "target",
        "the y column: the diabetes data's target (disease progression); with data, a "
        "numeric column",
        choices=("target",),
        choices_unless="data",
    )

    def check(self) -> None:
        if self.data:
            self.table()

    def table(self) -> Table:
        """The x and y columns, checked (the shipped diabetes data when ``data`` is empty);
        a constant x cannot be standardised, so at least 2 distinct values."""
        return feature_target_table(
            self.data,
            self.feature,
            self.target,
            constant="a line needs at least 2 distinct x values",
        )


# -- StochasticGradientDescent (imports here: this block is appended to the file)
from scenes.parameters import Ints, ParamError  # noqa: E402

#: Rows of scikit-learn's diabetes data: the largest batch (the full batch).
DIABETES_ROWS = 442
#: Most batch sizes StochasticGradientDescent compares (one colour each).
MAX_BATCH_SIZES = 4
#: Largest seed (the seeds of mlmath_viz.random.generator).
SGD_MAX_SEED = 2**32 - 1


# StochasticGradientDescent reads a CSV file too (issue 21): batch sizes up to its rows.
from mlmath_viz.tables import MAX_ROWS as _MAX_TABLE_ROWS  # noqa: E402


@dataclass(frozen=True)
class StochasticGradientDescentParams:
    """Parameters of
    :class:`scenes.optimization.stochastic_gradient_descent.StochasticGradientDescent`.

    ``check`` refuses (exit 2) batch sizes that are not strictly increasing, and batch
    sizes above the rows used: 442 for the diabetes data, with ``data`` the rows of the
    file with both values.
    """

    feature: str = parameter(
        "bmi",
        "feature of scikit-learn's diabetes data (standardised); with data, a numeric column",
        choices=DIABETES_CHOICES,
        choices_unless="data",
    )
    batch_sizes: Ints = parameter(
        (1, 32, DIABETES_ROWS),
        f"mini-batch sizes, increasing, each in 1..{DIABETES_ROWS} (the diabetes rows; "
        f"{DIABETES_ROWS} is the full batch), at most {MAX_BATCH_SIZES}; with data, each "
        "at most the rows used (that many is the full batch)",
        low=1,
        high=_MAX_TABLE_ROWS,
        max_shape=(MAX_BATCH_SIZES,),
    )
    lr: float = parameter(
        0.1,
        "learning rate on the standardised feature (the full batch is stable below 1)",
        low=0.0,
        high=2.0,
    )
    steps: int = parameter(60, "number of SGD steps of every batch size", low=0, high=MAX_STEPS)
    seed: int = parameter(2026, "seed of the batches", low=0, high=SGD_MAX_SEED)
    data: str = data_parameter("diabetes")
    target: str = parameter(
        "target",
        "the y column: the diabetes data's target (disease progression); with data, a "
        "numeric column",
        choices=("target",),
        choices_unless="data",
    )

    def check(self) -> None:
        shown = ",".join(str(k) for k in self.batch_sizes)
        if not self.data and max(self.batch_sizes) > DIABETES_ROWS:
            raise ParamError(
                f"parameter 'batch_sizes' got [{shown}]; allowed: 1-{MAX_BATCH_SIZES} "
                f"comma-separated whole numbers each in [1, {DIABETES_ROWS}] (the diabetes "
                "data's rows)"
            )
        if any(b <= a for a, b in zip(self.batch_sizes, self.batch_sizes[1:], strict=False)):
            most = "the rows used" if self.data else str(DIABETES_ROWS)
            raise ParamError(
                f"parameter 'batch_sizes' got [{shown}]; allowed: strictly increasing batch "
                f"sizes in 1..{most} (each at most once, smallest first)"
            )
        if self.data:
            tab = self.table()
            n = tab.source.rows
            if max(self.batch_sizes) > n:
                dropped = tab.source.rows_dropped
                why = f", {dropped} dropped for a missing value" if dropped else ""
                raise ParamError(
                    f"parameter 'batch_sizes' got [{shown}]: data {self.data!r} has {n} "
                    f"usable rows{why}; allowed: batch sizes in 1..{n} ({n} is the full batch)"
                )

    def table(self) -> Table:
        """The x and y columns, checked (the shipped diabetes data when ``data`` is empty);
        a constant x cannot be standardised, so at least 2 distinct values."""
        return feature_target_table(
            self.data,
            self.feature,
            self.target,
            constant="it cannot be standardised (SGD needs at least 2 distinct x values)",
        )


# NewtonMethod's objectives: the shared ones and its own saddle (not in objectives.NAMED,
# which would change the other scenes' choices).
from mlmath_viz.newton import NAMED as NEWTON_OBJECTIVES  # noqa: E402


@dataclass(frozen=True)
class NewtonMethodParams(ObjectiveParams):
    """Parameters of :class:`scenes.optimization.newton_method.NewtonMethod`."""

    objective: str = parameter(
        "rosenbrock",
        "the function to minimise (saddle: x^2 - y^2 + (x^4 + y^4)/4)",
        choices=NEWTON_OBJECTIVES,
    )
    start: Vector2 = parameter(
        (-1.2, 1.0), "start point (x, y) of both methods", low=-MAX_START, high=MAX_START
    )
    steps: int = parameter(
        500, "most steps of each method (Newton stops once |grad f| < 1e-10)", low=0, high=MAX_STEPS
    )
    lr: float = parameter(
        1.8e-3, "learning rate eta of the gradient-descent comparison", low=0.0, high=MAX_LR
    )
