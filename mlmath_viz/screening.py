"""A screening test on real data and Bayes' theorem with base rates.

The data are scikit-learn's breast-cancer measurements (Wisconsin diagnostic data: 569
tumours, 212 malignant and 357 benign, 30 measurements each; ``load_breast_cancer``
reads a file installed with scikit-learn, nothing is downloaded), loaded as a pandas
DataFrame with ``as_frame=True`` and the column names written with underscores for
spaces (``worst radius`` -> ``worst_radius``).

A test "malignant if feature > threshold" has, measured on the data,

.. math:: \\text{sensitivity} = \\frac{TP}{TP + FN},\\qquad
          \\text{specificity} = \\frac{TN}{TN + FP},

and in a population where a share :math:`\\pi` (the prevalence) is malignant, Bayes'
theorem gives the positive and negative predictive values

.. math:: P(M \\mid +) = \\frac{s\\,\\pi}{s\\,\\pi + (1 - c)(1 - \\pi)},\\qquad
          P(\\bar M \\mid -) = \\frac{c\\,(1 - \\pi)}{c\\,(1 - \\pi) + (1 - s)\\,\\pi}

with s the sensitivity and c the specificity.

The same test on a user's table (issue 21): :func:`measurements` takes one numeric
column and a label column (arrays or pandas Series, as read by
:mod:`mlmath_viz.tables`), and a row has the condition when its label is the
``positive`` value; every other value is "without the condition".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: The 30 measurements, scikit-learn's names with underscores for spaces, in file order.
BREAST_CANCER_FEATURES = tuple(
    f"{kind}_{name}" if kind != "error" else f"{name}_error"
    for kind in ("mean", "error", "worst")
    for name in (
        "radius",
        "texture",
        "perimeter",
        "area",
        "smoothness",
        "compactness",
        "concavity",
        "concave_points",
        "symmetry",
        "fractal_dimension",
    )
)


@functools.cache
def _frame() -> Any:
    from sklearn.datasets import load_breast_cancer  # type: ignore[import-untyped]

    bunch = load_breast_cancer(as_frame=True)
    frame = bunch.frame.rename(columns=lambda c: str(c).replace(" ", "_"))
    names = np.asarray(bunch.target_names)
    frame["diagnosis"] = names[frame.pop("target").to_numpy()]
    return frame


def breast_cancer_frame() -> Any:
    """The 569 tumours as a DataFrame: the 30 measurements (underscored names) and a
    ``diagnosis`` column, ``"malignant"`` or ``"benign"`` (a copy)."""
    return _frame().copy()


#: The shipped data's label column and the value that is the condition.
DIAGNOSIS_COLUMN = "diagnosis"
MALIGNANT = "malignant"


@dataclass(frozen=True)
class Measurements:
    """One measurement of every tumour (or row) and whether it is malignant (has the
    condition), in file order."""

    feature: str
    values: FloatArray
    malignant: NDArray[np.bool_]

    @property
    def prevalence(self) -> float:
        """The share of rows with the condition (212/569 for the shipped data)."""
        return float(np.mean(self.malignant))

    @property
    def size(self) -> int:
        return int(self.values.size)


def label_values(labels: ArrayLike) -> list[str]:
    """The distinct values of a label column as text, in order of first appearance."""
    return list(dict.fromkeys(str(v) for v in np.asarray(labels, dtype=object).ravel()))


def measurements(feature: str, values: ArrayLike, labels: ArrayLike, positive: str) -> Measurements:
    """One numeric column of a table and whether each row has the condition,
    ``label == positive`` (labels compared as text).

    Raises
    ------
    ValueError
        When the columns differ in length, ``values`` is not finite, ``positive`` is not
        among the labels or every label is ``positive`` (no row without the condition).
    """
    x = np.asarray(values, dtype=np.float64).copy()
    text = np.array([str(v) for v in np.asarray(labels, dtype=object).ravel()], dtype=object)
    if x.ndim != 1 or x.shape != text.shape:
        raise ValueError("values and labels must be two columns of the same length")
    if not np.all(np.isfinite(x)):
        raise ValueError("values must be finite")
    condition = text == str(positive)
    if not condition.any():
        raise ValueError(f"no label is {positive!r}; labels: {', '.join(label_values(text))}")
    if condition.all():
        raise ValueError(f"every label is {positive!r}: no row without the condition")
    return Measurements(feature=feature, values=x, malignant=condition.astype(bool))


def breast_cancer(feature: str = "worst_radius") -> Measurements:
    """One column of :func:`breast_cancer_frame` with the diagnosis.

    Raises
    ------
    ValueError
        For a name that is not one of :data:`BREAST_CANCER_FEATURES`.
    """
    if feature not in BREAST_CANCER_FEATURES:
        raise ValueError(
            f"unknown breast-cancer feature {feature!r}; known: {', '.join(BREAST_CANCER_FEATURES)}"
        )
    frame = _frame()
    return measurements(feature, frame[feature], frame[DIAGNOSIS_COLUMN], MALIGNANT)


@dataclass(frozen=True)
class Confusion:
    """Counts of a test against the truth: true/false positives and negatives."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def sensitivity(self) -> float:
        """TP / (TP + FN): the share of malignant tumours the test calls malignant."""
        return self.tp / (self.tp + self.fn)

    @property
    def specificity(self) -> float:
        """TN / (TN + FP): the share of benign tumours the test calls benign."""
        return self.tn / (self.tn + self.fp)

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def as_dict(self) -> dict[str, int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}


def confusion(values: ArrayLike, malignant: ArrayLike, threshold: float) -> Confusion:
    """The counts of the test "positive if value > threshold" against ``malignant``.

    Raises
    ------
    ValueError
        When the arrays differ in length or either class is missing (no sensitivity or
        specificity then).
    """
    x = np.asarray(values, dtype=np.float64)
    m = np.asarray(malignant, dtype=bool)
    if x.shape != m.shape:
        raise ValueError("values and malignant must have the same length")
    if m.all() or not m.any():
        raise ValueError("both malignant and benign cases are needed")
    positive = x > threshold
    return Confusion(
        tp=int(np.sum(positive & m)),
        fp=int(np.sum(positive & ~m)),
        fn=int(np.sum(~positive & m)),
        tn=int(np.sum(~positive & ~m)),
    )


def _check_rates(sensitivity: float, specificity: float, prevalence: float) -> None:
    for name, v in (("sensitivity", sensitivity), ("specificity", specificity)):
        if not 0 <= v <= 1:
            raise ValueError(f"{name} must be in [0, 1], got {v!r}")
    if not 0 < prevalence < 1:
        raise ValueError(f"prevalence must be in (0, 1), got {prevalence!r}")


def positive_predictive_value(sensitivity: float, specificity: float, prevalence: float) -> float:
    """:math:`P(M \\mid +) = s\\pi / (s\\pi + (1 - c)(1 - \\pi))`; 0 when no one tests
    positive (s = 0 and c = 1)."""
    _check_rates(sensitivity, specificity, prevalence)
    true_pos = sensitivity * prevalence
    false_pos = (1 - specificity) * (1 - prevalence)
    return true_pos / (true_pos + false_pos) if true_pos + false_pos > 0 else 0.0


def negative_predictive_value(sensitivity: float, specificity: float, prevalence: float) -> float:
    """:math:`P(\\bar M \\mid -) = c(1 - \\pi) / (c(1 - \\pi) + (1 - s)\\pi)`; 0 when no
    one tests negative (s = 1 and c = 0)."""
    _check_rates(sensitivity, specificity, prevalence)
    true_neg = specificity * (1 - prevalence)
    false_neg = (1 - sensitivity) * prevalence
    return true_neg / (true_neg + false_neg) if true_neg + false_neg > 0 else 0.0


def population_shares(
    sensitivity: float, specificity: float, prevalence: float
) -> dict[str, float]:
    """The four cells of a population as shares of it (they sum to 1):
    ``tp`` = s pi, ``fn`` = (1 - s) pi, ``fp`` = (1 - c)(1 - pi), ``tn`` = c (1 - pi)."""
    _check_rates(sensitivity, specificity, prevalence)
    return {
        "tp": sensitivity * prevalence,
        "fn": (1 - sensitivity) * prevalence,
        "fp": (1 - specificity) * (1 - prevalence),
        "tn": specificity * (1 - prevalence),
    }


def data_prevalence() -> float:
    """The share of malignant tumours in the data, 212/569."""
    return float(np.mean(_frame()["diagnosis"] == "malignant"))


def population_counts(
    sensitivity: float, specificity: float, prevalence: float, size: int = 10_000
) -> dict[str, float]:
    """The expected number of people in each cell of a population of ``size``
    (:func:`population_shares` times ``size``; not rounded)."""
    return {k: v * size for k, v in population_shares(sensitivity, specificity, prevalence).items()}
