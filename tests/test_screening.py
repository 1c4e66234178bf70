"""mlmath_viz.screening against scikit-learn's arrays and metrics, counting, and a
simulated population."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import confusion_matrix

from mlmath_viz import screening
from scenes.parameters.datasets import BREAST_CANCER_FEATURES


def test_the_feature_names_are_scikit_learns_with_underscores() -> None:
    names = [n.replace(" ", "_") for n in load_breast_cancer().feature_names]
    assert list(screening.BREAST_CANCER_FEATURES) == names
    assert tuple(BREAST_CANCER_FEATURES) == screening.BREAST_CANCER_FEATURES


@pytest.mark.parametrize("feature", ["worst_radius", "mean_texture", "concave_points_error"])
def test_a_column_is_the_raw_array_and_target_0_is_malignant(feature: str) -> None:
    bunch = load_breast_cancer()
    column = [n.replace(" ", "_") for n in bunch.feature_names].index(feature)
    got = screening.breast_cancer(feature)
    assert_allclose(got.values, bunch.data[:, column], rtol=0, atol=0)
    assert bunch.target_names[0] == "malignant"
    assert np.array_equal(got.malignant, bunch.target == 0)
    assert got.malignant.sum() == 212 and got.values.size == 569


@pytest.mark.parametrize("threshold", [12.0, 16.8, 25.0])
def test_the_confusion_counts_are_scikit_learns(threshold: float) -> None:
    data = screening.breast_cancer("worst_radius")
    got = screening.confusion(data.values, data.malignant, threshold)
    # labels [True, False]: rows truth malignant/benign, columns predicted
    (tp, fn), (fp, tn) = confusion_matrix(
        data.malignant, data.values > threshold, labels=[True, False]
    )
    assert got.as_dict() == {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
    assert got.total == 569
    assert_allclose(got.sensitivity, tp / 212)
    assert_allclose(got.specificity, tn / 357)


def test_at_the_datas_own_prevalence_bayes_is_counting() -> None:
    data = screening.breast_cancer("worst_radius")
    c = screening.confusion(data.values, data.malignant, 16.8)
    prev = screening.data_prevalence()
    assert_allclose(prev, 212 / 569, rtol=1e-15)
    ppv = screening.positive_predictive_value(c.sensitivity, c.specificity, prev)
    npv = screening.negative_predictive_value(c.sensitivity, c.specificity, prev)
    assert_allclose(ppv, c.tp / (c.tp + c.fp), rtol=1e-12)
    assert_allclose(npv, c.tn / (c.tn + c.fn), rtol=1e-12)


@pytest.mark.parametrize("prevalence", [0.01, 0.2, 0.6])
def test_the_predictive_values_match_a_simulated_population(prevalence: float) -> None:
    rng = np.random.default_rng(3)
    sens, spec, size = 0.84, 0.97, 2_000_000
    sick = rng.random(size) < prevalence
    positive = np.where(sick, rng.random(size) < sens, rng.random(size) > spec)
    ppv = sick[positive].mean()
    npv = (~sick[~positive]).mean()
    assert_allclose(screening.positive_predictive_value(sens, spec, prevalence), ppv, atol=0.01)
    assert_allclose(screening.negative_predictive_value(sens, spec, prevalence), npv, atol=0.002)
    shares = screening.population_shares(sens, spec, prevalence)
    assert_allclose(sum(shares.values()), 1.0, rtol=1e-14)
    assert_allclose(shares["tp"], np.mean(sick & positive), atol=0.002)
    assert_allclose(shares["fp"], np.mean(~sick & positive), atol=0.002)


def test_a_rare_condition_makes_most_positives_false() -> None:
    ppv = screening.positive_predictive_value(0.844, 0.969, 0.01)
    assert_allclose(ppv, 0.00844 / (0.00844 + 0.031 * 0.99), rtol=1e-3)
    assert ppv < 0.5


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown breast-cancer feature"):
        screening.breast_cancer("worst radius")
    with pytest.raises(ValueError, match="prevalence"):
        screening.positive_predictive_value(0.9, 0.9, 1.0)
    with pytest.raises(ValueError, match="both"):
        screening.confusion([1.0, 2.0], [True, True], 1.5)


def test_measurements_of_a_table_match_the_shipped_loader_and_pandas() -> None:
    """The table entry point (issue 21) on the shipped frame gives the arrays of
    :func:`screening.breast_cancer`; the condition is ``label == positive`` as text."""
    frame = screening.breast_cancer_frame()
    got = screening.measurements(
        "worst_radius", frame["worst_radius"], frame["diagnosis"], "malignant"
    )
    want = screening.breast_cancer("worst_radius")
    assert_allclose(got.values, want.values, rtol=0, atol=0)
    assert np.array_equal(got.malignant, want.malignant)
    assert got.prevalence == float(np.mean(want.malignant)) and got.size == 569
    labels = ["1", "0", "01", "1", "2"]
    m = screening.measurements("x", [1.0, 2.0, 3.0, 4.0, 5.0], labels, "1")
    assert m.malignant.tolist() == [True, False, False, True, False]  # "01" is not "1"
    assert screening.label_values(labels) == ["1", "0", "01", "2"]


@pytest.mark.parametrize(
    ("values", "labels", "positive", "words"),
    [
        ([1.0, 2.0], ["a", "b"], "c", "no label is 'c'"),
        ([1.0, 2.0], ["a", "a"], "a", "every label is 'a'"),
        ([1.0, 2.0], ["a"], "a", "same length"),
        ([1.0, float("nan")], ["a", "b"], "a", "finite"),
    ],
)
def test_measurements_refuse_unusable_columns(
    values: list[float], labels: list[str], positive: str, words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        screening.measurements("x", values, labels, positive)
