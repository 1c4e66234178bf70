"""Parameters of the probability scenes, one frozen dataclass per scene in gallery order
(no Manim import: listing and validation stay fast)."""

from __future__ import annotations

from dataclasses import dataclass

from scenes.parameters import ParamError, Vector2, parameter

#: Largest number of draws a sampling scene accepts: 100,000 points still render at
#: low quality in seconds and already pin a 30-bin histogram to the density.
MAX_DRAWS = 100_000

#: Seeds are any 32-bit unsigned integer.
MAX_SEED = 2**32 - 1

SAMPLING_DISTRIBUTIONS = ("normal", "exponential", "uniform", "beta", "gamma")

CLT_DISTRIBUTIONS = ("exponential", "uniform", "beta", "gamma", "cauchy")


@dataclass(frozen=True)
class SamplingHistogramParams:
    """Parameters of :class:`scenes.probability.sampling_histogram.SamplingHistogram`."""

    distribution: str = parameter(
        "exponential", "the distribution to draw from", choices=SAMPLING_DISTRIBUTIONS
    )
    n: int = parameter(
        5000, "number of draws (the maximum keeps renders fast)", low=1, high=MAX_DRAWS
    )
    mu: float = parameter(0.0, "normal: the mean", low=-100.0, high=100.0)
    sigma: float = parameter(1.0, "normal: the standard deviation", low=0.01, high=100.0)
    rate: float = parameter(
        1.0, "exponential: the rate lambda (mean 1/lambda)", low=0.01, high=100.0
    )
    low: float = parameter(0.0, "uniform: the left end of the interval", low=-100.0, high=100.0)
    high: float = parameter(1.0, "uniform: the right end (> low)", low=-100.0, high=100.0)
    a: float = parameter(2.0, "beta: shape a (>= 1 keeps the density finite)", low=1.0, high=100.0)
    b: float = parameter(5.0, "beta: shape b (>= 1 keeps the density finite)", low=1.0, high=100.0)
    shape: float = parameter(
        2.0, "gamma: shape k (>= 1 keeps the density finite)", low=1.0, high=100.0
    )
    scale: float = parameter(1.0, "gamma: scale theta (mean k theta)", low=0.01, high=100.0)
    bins: int = parameter(30, "number of histogram bars", low=5, high=80)
    seed: int = parameter(2026, "seed of the random draws", low=0, high=MAX_SEED)

    def check(self) -> None:
        if self.distribution == "uniform" and not self.low < self.high:
            raise ParamError(
                f"parameter 'high' got {self.high:g}; allowed: a number above low ({self.low:g})"
            )

    def distribution_args(self) -> tuple[float, float]:
        """The two parameters of the chosen distribution, in ``mlmath_viz`` order."""
        return {
            "normal": (self.mu, self.sigma),
            "exponential": (self.rate, 0.0),
            "uniform": (self.low, self.high),
            "beta": (self.a, self.b),
            "gamma": (self.shape, self.scale),
        }[self.distribution]


@dataclass(frozen=True)
class InverseTransformParams:
    """Parameters of :class:`scenes.probability.inverse_transform.InverseTransform`."""

    distribution: str = parameter(
        "exponential",
        "the target: exponential(rate), F^-1(u) = -ln(1-u)/rate, or cauchy(0, 1), "
        "F^-1(u) = tan(pi (u - 1/2))",
        choices=("exponential", "cauchy"),
    )
    rate: float = parameter(1.0, "exponential: the rate lambda", low=0.01, high=100.0)
    n: int = parameter(3000, "number of uniforms pushed through F^-1", low=1, high=MAX_DRAWS)
    shown: int = parameter(6, "uniforms followed one by one with arrows", low=1, high=12)
    bins: int = parameter(30, "number of histogram bars", low=5, high=80)
    seed: int = parameter(2026, "seed of the uniforms", low=0, high=MAX_SEED)


@dataclass(frozen=True)
class RejectionSamplingParams:
    """Parameters of :class:`scenes.probability.rejection_sampling.RejectionSampling`."""

    target: str = parameter(
        "beta",
        "the target density: beta(a, b) under a flat envelope, or normal N(0, 1) under a "
        "Cauchy envelope",
        choices=("beta", "normal"),
    )
    a: float = parameter(2.0, "beta: shape a (>= 1 keeps the density finite)", low=1.0, high=20.0)
    b: float = parameter(5.0, "beta: shape b (>= 1 keeps the density finite)", low=1.0, high=20.0)
    looseness: float = parameter(
        1.0,
        "the envelope's factor M over the smallest that works (1 = tight); a looser "
        "envelope wastes more proposals",
        low=1.0,
        high=5.0,
    )
    proposals: int = parameter(3000, "number of proposals drawn", low=1, high=MAX_DRAWS)
    seed: int = parameter(2026, "seed of the proposals", low=0, high=MAX_SEED)


@dataclass(frozen=True)
class LawOfLargeNumbersParams:
    """Parameters of :class:`scenes.probability.law_of_large_numbers.LawOfLargeNumbers`."""

    experiment: str = parameter(
        "die",
        "what is repeated: a fair die (mean 3.5) or a fair coin, 1 for heads (mean 0.5)",
        choices=("die", "coin"),
    )
    n: int = parameter(5000, "rolls or flips in each run", low=10, high=MAX_DRAWS)
    runs: int = parameter(4, "independent runs drawn side by side", low=1, high=6)
    seed: int = parameter(2026, "seed of the random draws", low=0, high=MAX_SEED)


@dataclass(frozen=True)
class CentralLimitParams:
    """Parameters of :class:`scenes.probability.central_limit.CentralLimit`."""

    distribution: str = parameter(
        "exponential",
        "the distribution averaged: exponential(1), uniform(0, 1), beta(2, 5), gamma(2, 1) "
        "or cauchy(0, 1) (infinite variance: no central limit)",
        choices=CLT_DISTRIBUTIONS,
    )
    largest_batch: int = parameter(
        30,
        "the largest batch size n (the scene steps 1, 2, 5, 10, 20, 50, ... up to it)",
        low=2,
        high=200,
    )
    means: int = parameter(2000, "number of batch means in each histogram", low=50, high=10_000)
    bins: int = parameter(40, "number of histogram bars", low=10, high=80)
    seed: int = parameter(2026, "seed of the random draws", low=0, high=MAX_SEED)


@dataclass(frozen=True)
class MetropolisHastingsParams:
    """Parameters of :class:`scenes.probability.metropolis_hastings.MetropolisHastings`."""

    target: str = parameter(
        "two-bumps",
        "the 2-D target: two-bumps (a mixture of two Gaussians) or correlated (one "
        "Gaussian with correlation 0.8)",
        choices=("two-bumps", "correlated"),
    )
    step: float = parameter(
        0.9, "standard deviation of the random-walk proposal", low=0.05, high=5.0
    )
    steps: int = parameter(4000, "length of the chain", low=10, high=20_000)
    shown: int = parameter(16, "first steps shown one by one with their proposal", low=0, high=40)
    start: Vector2 = parameter((-3.0, 3.0), "where the chain starts", low=-3.5, high=3.5)
    seed: int = parameter(
        2026, "seed of the proposals and the accept/reject draws", low=0, high=MAX_SEED
    )

    def check(self) -> None:
        if self.shown > self.steps:
            raise ParamError(
                f"parameter 'shown' got {self.shown}; allowed: at most steps ({self.steps})"
            )


@dataclass(frozen=True)
class DiscreteDistributionsParams:
    """Parameters of :class:`scenes.probability.discrete_distributions.DiscreteDistributions`."""

    distribution: str = parameter(
        "binomial",
        "binomial(n, p), poisson(rate) or geometric(p) (trials up to the first success)",
        choices=("binomial", "poisson", "geometric"),
    )
    n: int = parameter(10, "binomial: number of trials", low=1, high=200)
    p: float = parameter(0.3, "binomial and geometric: the chance of success", low=0.05, high=0.95)
    rate: float = parameter(3.0, "poisson: the rate lambda (its mean)", low=0.1, high=50.0)
    samples: int = parameter(1000, "number of draws", low=10, high=100_000)
    n_end: int = parameter(
        100,
        "binomial: the number of trials the last beat grows to, n p kept fixed",
        low=2,
        high=2000,
    )
    seed: int = parameter(2026, "seed of the random draws", low=0, high=MAX_SEED)

    def check(self) -> None:
        if self.distribution == "binomial" and self.n_end <= self.n:
            raise ParamError(
                f"parameter 'n_end' got {self.n_end}; allowed: more trials than n ({self.n}), "
                "up to 2000"
            )


# -- MultivariateGaussian (scenes/probability/multivariate_gaussian.py)
from scenes.parameters.data import Table, data_parameter  # noqa: E402
from scenes.parameters.datasets import IRIS_FEATURES, IRIS_SPECIES  # noqa: E402
from scenes.parameters.group_rows import (  # noqa: E402
    group_column_parameter,
    group_parameter,
    group_rows,
)

#: Most rows MultivariateGaussian reads from a file (each distinct pair is a dot).
GAUSSIAN_MAX_ROWS = 5000
#: given_x's declared limits: any file's x range fits; check() keeps it inside the rows'.
GIVEN_X_LIMIT = 1e6


@dataclass(frozen=True)
class MultivariateGaussianParams:
    """Parameters of :class:`scenes.probability.multivariate_gaussian.MultivariateGaussian`."""

    species: str = parameter(
        "setosa",
        "the Iris species whose 50 flowers are fitted (not used with data)",
        choices=IRIS_SPECIES,
    )
    x_feature: str = parameter(
        "sepal_length",
        "the Iris measurement on the horizontal axis (cm); with data, a numeric column of the file",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    y_feature: str = parameter(
        "sepal_width",
        "the Iris measurement on the vertical axis (cm), the one predicted from x; with "
        "data, a numeric column of the file",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    given_x: float = parameter(
        5.5,
        "x0 (absolute, in x_feature's units: cm for Iris): where the slice is taken and the "
        "sweep returns to; it must lie within the x range of the rows used (setosa sepal "
        "length: 4.3 to 5.8)",
        low=-GIVEN_X_LIMIT,
        high=GIVEN_X_LIMIT,
    )
    data: str = data_parameter("Iris")
    group_column: str = group_column_parameter()
    group: str = group_parameter()

    def check(self) -> None:
        if self.x_feature == self.y_feature:
            raise ParamError(
                f"parameter 'y_feature' got {self.y_feature!r}; allowed: a feature other "
                f"than x_feature ({self.x_feature!r})"
            )
        tab = self.table()
        values = tab.frame[self.x_feature].to_numpy(dtype=float)
        lo, hi = float(values.min()), float(values.max())
        if not lo <= self.given_x <= hi:
            if tab.from_file:
                where = f" with {self.group_column} {self.group}" if self.group_column else ""
                raise ParamError(
                    f"parameter 'given_x' got {self.given_x:g} with data {self.data!r}; "
                    f"allowed: a value in [{lo:g}, {hi:g}], the range of {self.x_feature!r} "
                    f"in the rows used{where}"
                )
            raise ParamError(
                f"parameter 'given_x' got {self.given_x:g} with {self.species} "
                f"{self.x_feature}; allowed: a value in [{lo:g}, {hi:g}] cm, the range of "
                "the data on the x axis"
            )

    def table(self) -> Table:
        """The two columns of the rows fitted (the species' flowers without data; with
        data the group's rows, 3 to :data:`GAUSSIAN_MAX_ROWS`, not on one line)."""
        tab = group_rows(
            data=self.data,
            species=self.species,
            group_column=self.group_column,
            group=self.group,
            numeric=(self.x_feature, self.y_feature),
            columns={self.x_feature: "x_feature", self.y_feature: "y_feature"},
            min_rows=3,
            max_rows=GAUSSIAN_MAX_ROWS,
        )
        if tab.from_file:
            from mlmath_viz import gaussian

            try:
                gaussian.fit(tab.frame[[self.x_feature, self.y_feature]])
            except ValueError:
                raise ParamError(
                    f"parameter 'data' got {self.data!r}: columns {self.x_feature!r} and "
                    f"{self.y_feature!r} of the rows used have a singular covariance (a "
                    "constant column, or every row on one line); a bivariate normal needs "
                    "spread in two directions"
                ) from None
        return tab


from scenes.parameters.data import data_parameter, table  # noqa: E402
from scenes.parameters.datasets import (  # noqa: E402
    IRIS_FEATURES,
    IRIS_SPECIES,
    WINE_CLASSES,
    WINE_FEATURES,
)

#: The data sets of JointDistribution: each one's class column (x), measurements (y)
#: and classes (given), as ``mlmath_viz.joint.DATA_SETS`` has them (a test checks).
JOINT_DATA_SETS = {
    "iris": ("species", IRIS_FEATURES, IRIS_SPECIES),
    "wine": ("cultivar", WINE_FEATURES, WINE_CLASSES),
}
#: Most values of a CSV file's x column: one table row each, and the joint table and the
#: product of the marginals (as many rows) must fit one above the other.
JOINT_MAX_CLASSES = 5


@dataclass(frozen=True)
class JointDistributionParams:
    """Parameters of :class:`scenes.probability.joint_distribution.JointDistribution`."""

    data_set: str = parameter(
        "iris",
        "scikit-learn's iris (150 flowers, x = species) or wine (178 wines, x = cultivar); "
        "not used with data",
        choices=tuple(JOINT_DATA_SETS),
    )
    x: str = parameter(
        "species",
        "the categorical column: the data set's class column (species for iris, cultivar for "
        f"wine); with data, a column of the file with 2 to {JOINT_MAX_CLASSES} distinct values",
        choices=tuple(v[0] for v in JOINT_DATA_SETS.values()),
        choices_unless="data",
    )
    y: str = parameter(
        "petal_length",
        "the measurement cut into bins (one of the data set's columns, scikit-learn's names); "
        "with data, a numeric column of the file",
        choices=tuple(dict.fromkeys((*IRIS_FEATURES, *WINE_FEATURES))),
        choices_unless="data",
    )
    bins: int = parameter(
        4, "number of equal-width bins of y over its range on the data", low=2, high=8
    )
    given: str = parameter(
        "versicolor",
        "the value of x conditioned on (one of the data set's classes); with data, a value "
        "of the x column",
        choices=(*IRIS_SPECIES, *WINE_CLASSES),
        choices_unless="data",
    )
    data: str = data_parameter("iris or wine (data_set)")

    def check(self) -> None:
        if self.data:
            self.table()
            return
        column, measurements, classes = JOINT_DATA_SETS[self.data_set]
        if self.x != column:
            raise ParamError(
                f"parameter 'x' got '{self.x}' with data_set '{self.data_set}'; allowed: "
                f"{column} (the data set's class column)"
            )
        if self.y not in measurements:
            raise ParamError(
                f"parameter 'y' got '{self.y}' with data_set '{self.data_set}'; allowed: "
                f"{', '.join(measurements)}"
            )
        if self.given not in classes:
            raise ParamError(
                f"parameter 'given' got '{self.given}' with data_set '{self.data_set}'; "
                f"allowed: {', '.join(classes)}"
            )

    def table(self) -> tuple[Table, tuple[str, ...]]:
        """The rows (x as text, y as numbers; rows missing either dropped) and the classes
        in table order, checked: the shipped data set when ``data`` is empty, else the
        CSV file (``data_set`` is then not used)."""
        if not self.data:
            column, _, classes = JOINT_DATA_SETS[self.data_set]
            tab = table("", self.data_set, numeric=(self.y,), categorical=(column,))
            return tab, classes
        if self.x == self.y:
            raise ParamError(
                f"parameter 'y' got {self.y!r}; allowed: a numeric column other than x ({self.x!r})"
            )
        tab = table(
            self.data,
            "iris",
            numeric=(self.y,),
            categorical=(self.x,),
            min_rows=2,
            columns={self.x: "x", self.y: "y"},
        )
        from mlmath_viz.joint import class_order

        classes = class_order(tab.frame[self.x])
        if not 2 <= len(classes) <= JOINT_MAX_CLASSES:
            shown = ", ".join(classes[: JOINT_MAX_CLASSES + 1])
            more = ", ..." if len(classes) > JOINT_MAX_CLASSES + 1 else ""
            raise ParamError(
                f"parameter 'x' got {self.x!r}: data {self.data!r} has {len(classes)} "
                f"distinct {'value' if len(classes) == 1 else 'values'} in that column "
                f"({shown}{more}); allowed: a column of 2 to {JOINT_MAX_CLASSES} values (one "
                "table row each)"
            )
        if self.given not in classes:
            raise ParamError(
                f"parameter 'given' got {self.given!r}: data {self.data!r} has no row with "
                f"{self.x} = {self.given!r}; allowed: {', '.join(classes)}"
            )
        return tab, classes
