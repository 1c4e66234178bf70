"""mlmath_viz.joint against independent oracles: numpy's histogram (edges and counts),
pandas' cut and crosstab (joint, marginals, conditionals), scipy's chi-squared
contingency (expected counts = n x product of the marginals), scikit-learn's mutual
information (nats) and closed forms on small tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import chi2_contingency
from sklearn.datasets import load_iris, load_wine
from sklearn.metrics import mutual_info_score

from mlmath_viz import joint

CASES = [
    ("iris", "petal_length", 4),
    ("iris", "sepal_width", 8),
    ("iris", "petal_width", 2),
    ("wine", "flavanoids", 5),
    ("wine", "ash", 4),
    ("wine", "proline", 8),
    ("wine", "magnesium", 3),
]


def raw(data_set: str, y: str) -> tuple[np.ndarray, np.ndarray]:
    """The measurement and the class names straight from scikit-learn's arrays."""
    if data_set == "iris":
        bunch = load_iris()
        names = [n.removesuffix(" (cm)").replace(" ", "_") for n in bunch.feature_names]
    else:
        bunch = load_wine()
        names = list(bunch.feature_names)
    return bunch.data[:, names.index(y)], np.asarray(bunch.target_names)[bunch.target]


def oracle_bins(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """pandas.cut into [e_k, e_k+1), the last bin open to the right (so it holds the
    maximum, as numpy's closed last bin does)."""
    cut = pd.cut(values, bins=np.r_[edges[:-1], np.inf], right=False, labels=False)
    return np.asarray(cut, dtype=int)


@pytest.mark.parametrize("data_set, y, bins", CASES)
def test_edges_and_counts_are_numpys_histogram(data_set: str, y: str, bins: int) -> None:
    t = joint.joint_table(data_set, y, bins)
    values, labels = raw(data_set, y)
    assert_allclose(t.edges, np.histogram_bin_edges(values, bins), rtol=0, atol=1e-12)
    for i, c in enumerate(t.classes):
        want, _ = np.histogram(values[labels == c], bins=np.histogram_bin_edges(values, bins))
        assert_array_equal(t.counts[i], want, err_msg=f"{data_set} {y} {c}")
    assert t.n == values.size


@pytest.mark.parametrize("data_set, y, bins", CASES)
def test_joint_marginals_and_conditionals_are_pandas_crosstabs(
    data_set: str, y: str, bins: int
) -> None:
    t = joint.joint_table(data_set, y, bins)
    values, labels = raw(data_set, y)
    frame = pd.DataFrame({"x": labels, "bin": oracle_bins(values, t.edges)})
    index = pd.Index(list(t.classes))
    columns = pd.Index(range(bins))
    full = pd.crosstab(frame.x, frame.bin, normalize="all")
    full = full.reindex(index=index, columns=columns, fill_value=0.0)
    assert_allclose(t.joint, full.to_numpy(), rtol=0, atol=1e-15)
    margins = pd.crosstab(frame.x, frame.bin, normalize="all", margins=True)
    assert_allclose(t.marginal_x, margins["All"].reindex(index).to_numpy(), atol=1e-15)
    column_sums = margins.loc["All"].drop("All").reindex(columns, fill_value=0.0)
    assert_allclose(t.marginal_y, column_sums.to_numpy(), atol=1e-15)
    rows = pd.crosstab(frame.x, frame.bin, normalize="index")
    rows = rows.reindex(index=index, columns=columns, fill_value=0.0)
    for c in t.classes:
        got = t.conditional(c)
        assert_allclose(got, rows.loc[c].to_numpy(), atol=1e-15, err_msg=c)
        assert_allclose(got.sum(), 1.0, rtol=1e-14)
    assert_allclose(t.joint.sum(), 1.0, rtol=1e-14)
    assert_allclose(t.marginal_x.sum(), 1.0, rtol=1e-14)
    assert_allclose(t.marginal_y.sum(), 1.0, rtol=1e-14)


@pytest.mark.parametrize("data_set, y, bins", CASES)
def test_product_of_marginals_is_chi2_contingencys_expected_counts(
    data_set: str, y: str, bins: int
) -> None:
    t = joint.joint_table(data_set, y, bins)
    keep = t.counts.sum(axis=0) > 0  # scipy refuses empty columns
    expected = chi2_contingency(t.counts[:, keep], correction=False).expected_freq
    n = t.n
    # an empty column has expected count 0, so dropping it leaves the others as they are
    assert_allclose(n * t.product[:, keep], expected, rtol=1e-12)
    assert_allclose(t.product[:, ~keep], 0.0, atol=0)
    assert_allclose(t.product.sum(), 1.0, rtol=1e-14)


@pytest.mark.parametrize("data_set, y, bins", CASES)
def test_mutual_information_is_scikit_learns_in_bits(data_set: str, y: str, bins: int) -> None:
    t = joint.joint_table(data_set, y, bins)
    values, labels = raw(data_set, y)
    nats = mutual_info_score(labels, oracle_bins(values, t.edges))
    assert_allclose(t.mutual_information, nats / np.log(2), rtol=1e-10, atol=1e-12)
    assert 0 <= t.mutual_information <= t.entropy_x + 1e-12
    h_x = scipy.stats.entropy(np.unique(labels, return_counts=True)[1], base=2)
    assert_allclose(t.entropy_x, h_x, rtol=1e-12)
    assert_allclose(t.dependence_share, nats / np.log(2) / h_x, rtol=1e-10, atol=1e-12)
    # total variation from its definition over the cells, written out
    tv = sum(abs(a - b) for a, b in zip(t.joint.ravel(), t.product.ravel(), strict=True)) / 2
    assert_allclose(t.total_variation, tv, rtol=1e-12)


def test_iris_species_depend_strongly_on_petal_length_and_wine_barely_on_ash() -> None:
    strong = joint.joint_table("iris", "petal_length", 4)
    weak = joint.joint_table("wine", "ash", 4)
    assert strong.mutual_information > 1.0  # of log2(3) = 1.58 bits
    assert weak.mutual_information < 0.15
    assert_allclose(strong.entropy_x, np.log2(3), rtol=1e-14)  # 50 flowers of each


def test_closed_forms_on_small_tables() -> None:
    independent = np.outer([0.25, 0.75], [0.4, 0.6])
    assert_allclose(joint.mutual_information(independent), 0.0, atol=1e-15)
    assert_allclose(joint.product_of_marginals(independent), independent, atol=1e-15)
    assert_allclose(joint.total_variation(independent, independent), 0.0, atol=0)
    diagonal = np.array([[0.5, 0.0], [0.0, 0.5]])  # y determines x: I = H(X) = 1 bit
    assert_allclose(joint.mutual_information(diagonal), 1.0, rtol=1e-14)
    assert_allclose(joint.entropy([0.5, 0.5]), 1.0, rtol=1e-14)
    assert_allclose(joint.total_variation(diagonal, joint.product_of_marginals(diagonal)), 0.5)
    assert_allclose(joint.conditional(np.array([[0.1, 0.3], [0.6, 0.0]]), 0), [0.25, 0.75])


def test_bins_follow_numpys_half_open_convention() -> None:
    edges = np.array([0.0, 1.0, 2.0, 3.0])
    values = np.array([0.0, 0.999, 1.0, 2.5, 3.0])
    assert_array_equal(joint.bin_index(values, edges), [0, 0, 1, 2, 2])
    assert_array_equal(
        np.histogram(values, edges)[0], np.bincount(joint.bin_index(values, edges), minlength=3)
    )
    assert_allclose(joint.bin_edges([2.0, 2.0], 2), np.histogram_bin_edges([2.0, 2.0], 2))


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="no measurement"):
        joint.joint_table("iris", "ash", 4)
    with pytest.raises(ValueError, match="unknown data set"):
        joint.joint_table("digits", "ash", 4)
    with pytest.raises(ValueError, match="probability 0"):
        joint.conditional(np.array([[0.0, 0.0], [0.5, 0.5]]), 0)
    with pytest.raises(ValueError, match="outside"):
        joint.bin_index([4.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="at least one bin"):
        joint.bin_edges([1.0, 2.0], 0)
    with pytest.raises(ValueError, match="not among"):
        joint.joint_counts(["a", "z"], [0.0, 1.0], ("a", "b"), [0.0, 0.5, 1.0])


def test_a_table_of_any_two_columns_is_numpys_histogram_per_label() -> None:
    """table_from_columns (a CSV file's columns) against numpy's histogram of each
    label's values on the common edges and scikit-learn's mutual information."""
    rng = np.random.default_rng(44)
    labels = rng.choice(["north", "south", "east"], size=200)
    values = rng.normal(size=200) + (labels == "east") * 1.5
    t = joint.table_from_columns(labels, values, 5, x="region", y="score")
    assert t.classes == ("east", "north", "south")
    edges = np.histogram_bin_edges(values, 5)
    assert_allclose(t.edges, edges, rtol=1e-15)
    want = np.array([np.histogram(values[labels == c], bins=edges)[0] for c in t.classes])
    assert_array_equal(t.counts, want)
    bins = oracle_bins(values, edges)
    assert_allclose(t.mutual_information, mutual_info_score(labels, bins) / np.log(2), rtol=1e-10)
    assert (t.x, t.y, t.data_set) == ("region", "score", "")
    with pytest.raises(ValueError, match="not among the classes"):
        joint.table_from_columns(labels, values, 3, classes=("east", "north"))
