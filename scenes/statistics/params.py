"""Parameters of the statistics scenes, one frozen dataclass per scene in gallery order
(no Manim import: listing and validation stay fast)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scenes.parameters import ParamError, parameter
from scenes.parameters.data import Table, data_parameter, groups, table
from scenes.parameters.datasets import BREAST_CANCER_FEATURES, IRIS_FEATURES, IRIS_SPECIES

ALTERNATIVES = ("two-sided", "less", "greater")

#: Seeds are any 32-bit unsigned integer.
MAX_SEED = 2**32 - 1


@dataclass(frozen=True)
class BayesianCoinParams:
    """Parameters of :class:`scenes.statistics.bayesian_coin.BayesianCoin`."""

    flips: str = parameter(
        "HTHHHTHHTHHHTHTHHHTH",
        "the observed flips in order, as H/T letters (up to 200), or counts like 60H40T "
        "(up to 99999 each)",
        pattern=r"[HT]{1,200}|[0-9]{1,5}H[0-9]{1,5}T",
    )
    prior_a: float = parameter(
        1.0,
        "prior Beta(a, b): a, like a-1 heads seen before (>= 1: finite density)",
        low=1.0,
        high=100.0,
    )
    prior_b: float = parameter(
        1.0,
        "prior Beta(a, b): b, like b-1 tails seen before (>= 1: finite density)",
        low=1.0,
        high=100.0,
    )
    level: float = parameter(0.95, "probability inside the credible interval", low=0.5, high=0.99)


@dataclass(frozen=True)
class HypothesisTestParams:
    """Parameters of :class:`scenes.statistics.hypothesis_test.HypothesisTest`."""

    feature: str = parameter(
        "sepal_length",
        "the Iris measurement compared (cm); with data, a numeric column",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    group_a: str = parameter(
        "versicolor",
        "the first species; with data, a value of group_column",
        choices=IRIS_SPECIES,
        choices_unless="data",
    )
    group_b: str = parameter(
        "virginica",
        "the second species; with data, another value of group_column",
        choices=IRIS_SPECIES,
        choices_unless="data",
    )
    alternative: str = parameter(
        "two-sided",
        "H1: mean_a != mean_b (two-sided), mean_a < mean_b (less) or mean_a > mean_b (greater)",
        choices=ALTERNATIVES,
    )
    alpha: float = parameter(
        0.05, "significance level: reject H0 when p < alpha", low=0.001, high=0.5
    )
    equal_var: bool = parameter(
        False, "Student's pooled-variance test instead of Welch's (the default)"
    )
    data: str = data_parameter("Iris")
    group_column: str = parameter(
        "species",
        "the column whose values group_a and group_b name: the Iris species; with data, a "
        "column of the file",
        choices=("species",),
        choices_unless="data",
    )

    def check(self) -> None:
        if self.group_a == self.group_b:
            raise ParamError(
                f"parameter 'group_b' got {self.group_b!r}; allowed: a species other than "
                f"group_a ({self.group_a!r})"
            )
        if self.data:
            self.samples()

    def samples(self) -> tuple[Table, Any, Any]:
        """The table and the measured column of group a and group b, checked (the shipped
        Iris data when ``data`` is empty): each group needs 2 rows for its variance."""
        if self.feature == self.group_column:
            raise ParamError(
                f"parameter 'group_column' got {self.group_column!r}; allowed: a column "
                f"other than feature ({self.feature!r})"
            )
        tab = table(
            self.data,
            "iris",
            numeric=(self.feature,),
            categorical=(self.group_column,),
            min_rows=4,
            columns={self.feature: "feature", self.group_column: "group_column"},
        )
        a, b = groups(self.data, tab, self.group_column, (self.group_a, self.group_b), 2)
        return tab, a[self.feature].to_numpy(dtype=float), b[self.feature].to_numpy(dtype=float)


@dataclass(frozen=True)
class ConfidenceIntervalsParams:
    """Parameters of :class:`scenes.statistics.confidence_intervals.ConfidenceIntervals`."""

    intervals: int = parameter(
        100, "number of repeated samples (one interval each)", low=10, high=200
    )
    n: int = parameter(10, "size of each sample", low=2, high=1000)
    level: float = parameter(0.95, "confidence level of each t interval", low=0.5, high=0.999)
    distribution: str = parameter(
        "normal",
        "the population: normal N(0, 1) or skewed exponential(1) (small n under-covers)",
        choices=("normal", "exponential"),
    )
    seed: int = parameter(2026, "seed of the random samples", low=0, high=MAX_SEED)


@dataclass(frozen=True)
class TestPowerParams:
    """Parameters of :class:`scenes.statistics.test_power.TestPower`."""

    effect_size: float = parameter(
        0.5,
        "Cohen's d = (mean_a - mean_b) / sigma, the true difference in standard deviations "
        "(0: H1 is H0)",
        low=-2.0,
        high=2.0,
    )
    n: int = parameter(20, "group size: observations per group (each of two)", low=3, high=500)
    n_end: int = parameter(80, "the larger group size the last beat grows to", low=4, high=2000)
    alpha: float = parameter(
        0.05, "significance level: the test's chance of rejecting a true H0", low=0.001, high=0.5
    )
    alternative: str = parameter(
        "two-sided",
        "H1: mean_a != mean_b (two-sided), mean_a < mean_b (less) or mean_a > mean_b (greater)",
        choices=ALTERNATIVES,
    )

    __test__ = False  # not a pytest test class

    def check(self) -> None:
        if self.n_end <= self.n:
            raise ParamError(
                f"parameter 'n_end' got {self.n_end}; allowed: a group size larger than "
                f"n ({self.n}), up to 2000"
            )


#: The share of malignant tumours among the 569 of the breast-cancer data (a test checks
#: it against the data).
BREAST_CANCER_PREVALENCE = 212 / 569

from mlmath_viz import tables as _tables  # noqa: E402

#: The shipped data's label column and its condition value (``mlmath_viz.screening``'s
#: ``DIAGNOSIS_COLUMN`` and ``MALIGNANT``, repeated so that listing does not import it).
BREAST_CANCER_LABEL = "diagnosis"
BREAST_CANCER_POSITIVE = "malignant"
#: Most distinct values a label column may have (the rows not ``positive`` are pooled
#: as "without the condition"; a column with more values is an identifier, not a label).
MAX_LABEL_VALUES = 20


@dataclass(frozen=True)
class BayesTheoremParams:
    """Parameters of :class:`scenes.statistics.bayes_theorem.BayesTheorem`.

    The prevalence contract: ``prevalence`` is the share of the pictured population
    that has the condition. Its default, 212/569, is the shipped data's own share; with
    ``data`` that default stands for the file's own share (its rows with
    ``label_column == positive`` over the rows used), and any other value is used as
    given. :meth:`prevalence_used` resolves it; the sidecar's ``prevalence_source`` and
    the captions say which it is.
    """

    feature: str = parameter(
        "worst_radius",
        "the breast-cancer measurement the test reads (scikit-learn's name, underscores for "
        "spaces); with data, a numeric column of the file",
        choices=BREAST_CANCER_FEATURES,
        choices_unless="data",
    )
    threshold: float = parameter(
        16.8,
        "the test says malignant (positive) when the feature is above this (inside the "
        "feature's range on the data; with data, on the rows used)",
        low=-1e12,
        high=1e12,
    )
    prevalence: float = parameter(
        BREAST_CANCER_PREVALENCE,
        "share of the population that is malignant (default: the data's 212 of 569; with "
        "data, the default means the file's own share of positive rows, any other value is "
        "used as given)",
        low=0.001,
        high=0.999,
    )
    data: str = data_parameter("breast-cancer")
    label_column: str = parameter(
        BREAST_CANCER_LABEL,
        "the column that says who has the condition: the breast-cancer diagnosis; with data, "
        f"a column of the file (2 to {MAX_LABEL_VALUES} values)",
        choices=(BREAST_CANCER_LABEL,),
        choices_unless="data",
    )
    positive: str = parameter(
        BREAST_CANCER_POSITIVE,
        "the value of label_column that is the condition (the test should find it); with "
        "data, a value of that column (every other value: without the condition)",
        choices=(BREAST_CANCER_POSITIVE,),
        choices_unless="data",
    )

    def check(self) -> None:
        self.measurements()

    @property
    def prevalence_from_data(self) -> bool:
        """True when the prevalence is the data's own share (the default value)."""
        return self.prevalence == BREAST_CANCER_PREVALENCE

    def table(self) -> Table:
        """The feature and label columns, checked (the shipped breast-cancer data when
        ``data`` is empty)."""
        if self.data and self.feature == self.label_column:
            raise ParamError(
                f"parameter 'label_column' got {self.label_column!r}; allowed: a column "
                f"other than feature ({self.feature!r})"
            )
        columns = {self.feature: "feature", self.label_column: "label_column"}
        if self.data:
            return table(
                self.data,
                "breast-cancer",
                numeric=(self.feature,),
                categorical=(self.label_column,),
                min_rows=2,
                columns=columns,
            )
        from mlmath_viz.screening import breast_cancer_frame

        rows, source = _tables.prepare(
            breast_cancer_frame(),
            numeric=(self.feature,),
            categorical=(self.label_column,),
            name="breast_cancer",
        )
        return Table(rows, source)

    def measurements(self) -> tuple[Table, Any]:
        """The table and its :class:`mlmath_viz.screening.Measurements`, checked: a label
        column with 2 to :data:`MAX_LABEL_VALUES` values among them ``positive``, and a
        threshold inside the feature's range on the rows used."""
        from mlmath_viz import screening

        tab = self.table()
        labels = tab.frame[self.label_column]
        values = screening.label_values(labels)
        name = f"data {self.data!r}"
        if self.data and not 2 <= len(values) <= MAX_LABEL_VALUES:
            shown = ", ".join(repr(v) for v in values[:MAX_LABEL_VALUES])
            raise ParamError(
                f"parameter 'label_column' got {self.label_column!r}: {name} has "
                f"{len(values)} {'value' if len(values) == 1 else 'values'} in that column on "
                f"the rows used ({shown}{', ...' if len(values) > MAX_LABEL_VALUES else ''}); "
                f"allowed: a column with 2 to {MAX_LABEL_VALUES} values"
            )
        if self.positive not in values:
            raise ParamError(
                f"parameter 'positive' got {self.positive!r}: {name} has no row with "
                f"{self.label_column} = {self.positive!r}; values: "
                + ", ".join(repr(v) for v in values)
            )
        m = screening.measurements(self.feature, tab.frame[self.feature], labels, self.positive)
        lo, hi = float(m.values.min()), float(m.values.max())
        if not lo <= self.threshold < hi:
            where = "data" if not self.data else "rows used"
            nothing = "tumour" if not self.data else "row"
            raise ParamError(
                f"parameter 'threshold' got {self.threshold:g} with feature '{self.feature}'; "
                f"allowed: a value in [{lo:.4g}, {hi:.4g}), the feature's range on the {where} "
                f"(else no {nothing} tests positive)"
            )
        return tab, m

    def prevalence_used(self, m: Any) -> float:
        """The population's prevalence: the data's own share of ``m`` for the default
        with data, else ``prevalence`` as given (the shipped default is that share)."""
        if self.data and self.prevalence_from_data:
            return float(m.prevalence)
        return float(self.prevalence)


from scenes.parameters.group_rows import (  # noqa: E402
    distinct_at_least,
    group_column_parameter,
    group_parameter,
    group_rows,
)

#: Most rows Bootstrap reads from a file: each is a dot, and the resamples hold
#: resamples x rows draws (20,000 x 500 is 10 million).
BOOTSTRAP_MAX_ROWS = 500


@dataclass(frozen=True)
class BootstrapParams:
    """Parameters of :class:`scenes.statistics.bootstrap.Bootstrap`."""

    species: str = parameter(
        "setosa", "the Iris species: its 50 flowers (not used with data)", choices=IRIS_SPECIES
    )
    feature: str = parameter(
        "sepal_length",
        "the Iris measurement bootstrapped (cm); with data, a numeric column of the file",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    statistic: str = parameter("mean", "the statistic of each resample", choices=("mean", "median"))
    resamples: int = parameter(2000, "number of resamples with replacement", low=100, high=20000)
    level: float = parameter(0.95, "level of the percentile and t intervals", low=0.5, high=0.99)
    seed: int = parameter(2026, "seed of the resamples", low=0, high=MAX_SEED)
    data: str = data_parameter("Iris")
    group_column: str = group_column_parameter()
    group: str = group_parameter()

    def check(self) -> None:
        if self.data or self.group_column or self.group:
            self.table()

    def table(self) -> Table:
        """The rows bootstrapped (the species' flowers without data; with data the
        group's rows, 2 to :data:`BOOTSTRAP_MAX_ROWS` of them, with 2 distinct values)."""
        tab = group_rows(
            data=self.data,
            species=self.species,
            group_column=self.group_column,
            group=self.group,
            numeric=(self.feature,),
            columns={self.feature: "feature"},
            min_rows=2,
            max_rows=BOOTSTRAP_MAX_ROWS,
        )
        if self.data:
            distinct_at_least(
                self.data, tab, self.feature, 2, "the bootstrap needs at least 2 distinct values"
            )
        return tab


#: The prior's ranges for the Iris data, in cm (with data any units: |m| <= 1e6,
#: 0 < s <= 1e6).
IRIS_PRIOR_MEAN = (0.0, 10.0)
IRIS_PRIOR_SD = (0.01, 10.0)
#: Largest |prior_mean| and prior_sd for a file's units.
PRIOR_LIMIT = 1e6
#: Most rows MaximumLikelihood reads from a file (each is a dot on the data axis).
LIKELIHOOD_MAX_ROWS = 5000


@dataclass(frozen=True)
class MaximumLikelihoodParams:
    """Parameters of :class:`scenes.statistics.maximum_likelihood.MaximumLikelihood`."""

    species: str = parameter(
        "setosa",
        "the Iris species whose 50 flowers are fitted (not used with data)",
        choices=IRIS_SPECIES,
    )
    feature: str = parameter(
        "sepal_length",
        "the Iris measurement fitted by a normal N(mu, sigma^2) (cm); with data, a numeric "
        "column of the file",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    prior_mean: float = parameter(
        5.5,
        "mean m of the normal prior N(m, s^2) on mu (cm, 0 to 10 for the Iris data; with "
        "data in the column's units, |m| <= 1e6)",
        low=-PRIOR_LIMIT,
        high=PRIOR_LIMIT,
    )
    prior_sd: float = parameter(
        0.1,
        "standard deviation s of the prior on mu (cm, 0.01 to 10 for the Iris data; with "
        "data in the column's units, 0 < s <= 1e6; small: a strong prior)",
        low=0.0,
        high=PRIOR_LIMIT,
    )
    data: str = data_parameter("Iris")
    group_column: str = group_column_parameter()
    group: str = group_parameter()

    def check(self) -> None:
        if self.data:
            if not self.prior_sd > 0:
                raise ParamError(
                    f"parameter 'prior_sd' got {self.prior_sd:g}; allowed: a real number in "
                    f"(0, {PRIOR_LIMIT:g}]"
                )
        else:
            for name, (lo, hi) in (("prior_mean", IRIS_PRIOR_MEAN), ("prior_sd", IRIS_PRIOR_SD)):
                value = getattr(self, name)
                if not lo <= value <= hi:
                    raise ParamError(
                        f"parameter '{name}' got {value:g}; allowed: a real number in "
                        f"[{lo:g}, {hi:g}] (cm, the Iris data; with data, the column's units)"
                    )
        if self.data or self.group_column or self.group:
            self.table()

    def table(self) -> Table:
        """The rows fitted (the species' flowers without data; with data the group's
        rows, 2 to :data:`LIKELIHOOD_MAX_ROWS`, with 2 distinct values: sigma > 0)."""
        tab = group_rows(
            data=self.data,
            species=self.species,
            group_column=self.group_column,
            group=self.group,
            numeric=(self.feature,),
            columns={self.feature: "feature"},
            min_rows=2,
            max_rows=LIKELIHOOD_MAX_ROWS,
        )
        if self.data:
            distinct_at_least(
                self.data, tab, self.feature, 2, "a normal fit needs sigma > 0 (2 distinct values)"
            )
        return tab


from mlmath_viz.tables import MAX_ROWS  # noqa: E402
from scenes.parameters.data import DATA_PATTERN, numeric_columns  # noqa: E402
from scenes.parameters.datasets import WINE_FEATURES  # noqa: E402

#: The ``y`` choice for the dependent-but-uncorrelated case (``mlmath_viz.correlation``'s
#: ``X_SQUARED``, repeated so that validation does not import scikit-learn).
CORRELATION_X_SQUARED = "x_squared"
#: Most columns of the correlation matrix drawn with data (``mlmath_viz.correlation``'s
#: ``MAX_MATRIX_COLUMNS``, the wine data's 13; a test checks they agree).
CORRELATION_MAX_COLUMNS = 13
#: Rows a CSV file needs for the scatter (z-scores of a varying column).
CORRELATION_MIN_ROWS = 3


@dataclass(frozen=True)
class CorrelationParams:
    """Parameters of :class:`scenes.statistics.correlation.Correlation`."""

    x: str = parameter(
        "alcohol",
        "the wine measurement on the x axis (scikit-learn's name); with data, a numeric column",
        choices=WINE_FEATURES,
        choices_unless="data",
    )
    y: str = parameter(
        "proline",
        "the wine measurement on the y axis, or x_squared: x mirrored about its mean (exactly "
        "symmetric) against its square, dependent but uncorrelated; with data, a numeric "
        "column or x_squared",
        choices=(*WINE_FEATURES, CORRELATION_X_SQUARED),
        choices_unless="data",
    )
    standardize: bool = parameter(
        True,
        "draw z-scores (axes in 1/n standard deviations); false: the measurements in their "
        "units, with the means as crosshair lines",
    )
    data: str = parameter(
        "",
        "a CSV file (header row, one row per observation) whose numeric columns x and y "
        "name; empty: the shipped wine data. The matrix beat shows every numeric column of "
        f"the file (x, y and the others in file order, at most {CORRELATION_MAX_COLUMNS}); "
        "rows with a missing value in any of them are dropped and counted, so the pair's "
        f"cell is the scatter's r; at most {MAX_ROWS:,} rows",
        pattern=DATA_PATTERN,
    )

    def check(self) -> None:
        if self.data:
            self.table()

    def pair(self) -> list[str]:
        """The file's columns of the pair: x and y (x alone for x_squared or y = x)."""
        return list(dict.fromkeys(c for c in (self.x, self.y) if c != CORRELATION_X_SQUARED))

    def table(self) -> tuple[Table, list[str], dict[str, str]]:
        """The rows used, the matrix's columns (file order) and the numeric columns left
        out of the matrix with why; the shipped wine data's 13 measurements when ``data``
        is empty.

        With data the matrix holds x, y and the file's other numeric columns in file order,
        at most :data:`CORRELATION_MAX_COLUMNS`; the rows used are those complete in every
        one of them (the pair's cell is then the scatter's r), and a column constant over
        those rows is left out (its r is undefined) unless it is x or y (refused).
        """
        if not self.data:
            return table("", "wine", numeric=WINE_FEATURES), list(WINE_FEATURES), {}
        from mlmath_viz.correlation import matrix_columns

        pair = self.pair()
        names = {self.y: "y", self.x: "x"}
        # the pair alone first: a missing column names its parameter, a text cell its line
        table(self.data, "wine", numeric=pair, min_rows=CORRELATION_MIN_ROWS, columns=names)
        numeric = [c for c in numeric_columns(self.data) if c != CORRELATION_X_SQUARED]
        constant: list[str] = []
        while True:
            kept = [c for c in numeric if c not in constant]
            drawn, capped = matrix_columns(kept, self.x, self.y, CORRELATION_MAX_COLUMNS)
            tab = table(
                self.data, "wine", numeric=drawn, min_rows=CORRELATION_MIN_ROWS, columns=names
            )
            flat = [c for c in drawn if tab.frame[c].nunique() <= 1]
            for column in pair:
                if column in flat:
                    which = "x" if column == self.x else "y"
                    raise ParamError(
                        f"parameter '{which}' got {column!r}: data {self.data!r} has the same "
                        f"value in all {tab.source.rows} rows used; allowed: a numeric column "
                        "whose values vary"
                    )
            if not flat:
                break
            constant.extend(flat)
        left_out = {c: "constant over the rows used" for c in constant}
        left_out.update({c: f"more than {CORRELATION_MAX_COLUMNS} columns" for c in capped})
        return tab, drawn, {c: left_out[c] for c in numeric if c in left_out}
