"""The sign convention: largest-magnitude entry positive, as scikit-learn's svd_flip."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.utils.extmath import svd_flip  # type: ignore[import-untyped]

from mlmath_viz.signs import flip_columns, flip_rows, flip_sign


@pytest.mark.parametrize(
    ("vector", "expected"),
    [
        ([0.6, -0.8], [-0.6, 0.8]),
        ([-0.6, 0.8], [-0.6, 0.8]),
        ([-3.0, 1.0, 2.0], [3.0, -1.0, -2.0]),
        ([0.0, 0.0], [0.0, 0.0]),
        ([-1.0, 1.0], [1.0, -1.0]),  # a tie goes to the first entry
    ],
)
def test_flip_sign_makes_the_largest_entry_positive(
    vector: list[float], expected: list[float]
) -> None:
    assert_array_equal(flip_sign(vector), expected)


def test_flip_sign_leaves_no_negative_zero() -> None:
    assert not np.signbit(flip_sign([-0.0, -2.0])).any()


def test_rows_agree_with_scikit_learn_svd_flip() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        data = rng.normal(size=(9, 4))
        u, _, vt = np.linalg.svd(data, full_matrices=False)
        _u, vt_sklearn = svd_flip(u, vt, u_based_decision=False)
        assert_array_equal(flip_rows(vt), vt_sklearn)
        assert_array_equal(flip_columns(vt.T), vt_sklearn.T)


def test_shapes_are_checked() -> None:
    with pytest.raises(ValueError, match="1-D"):
        flip_sign([[1.0]])
    with pytest.raises(ValueError, match="2-D"):
        flip_rows([1.0, 2.0])


@pytest.mark.parametrize("eps", [0.0, 1e-15, -1e-15, 1e-12, -1e-12])
def test_a_near_tie_goes_to_the_first_entry_like_an_exact_tie(eps: float) -> None:
    # (1, -1)/sqrt(2) as a solver returns it: the entries differ in the last bits only.
    h = 1 / math.sqrt(2)
    for row in ([h, -h - eps], [-h, h + eps], [-h - eps, h]):
        assert_allclose(flip_sign(row), [h, -h], atol=2e-12)
        assert_allclose(flip_rows([row])[0], [h, -h], atol=2e-12)


def test_entries_further_apart_than_the_tolerance_are_not_a_tie() -> None:
    # 1e-6 apart is a real difference (data, not round-off): the larger entry decides.
    assert_array_equal(flip_sign([0.5, -0.5000005]), [-0.5, 0.5000005])
