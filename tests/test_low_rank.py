"""mlmath_viz.low_rank against independent oracles: numpy.linalg.eigh of the 1/n
covariance, scikit-learn's PCA (inverse_transform) and brute force on seeded data.

Tolerances: errors and eigenvalue sums agree to rtol 1e-9 (atol 1e-8 for the near-zero
tails of rank-deficient data), reconstructions to atol 1e-9 (pixel values up to 16).
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits  # type: ignore[import-untyped]
from sklearn.decomposition import PCA as SkPCA  # type: ignore[import-untyped]

from mlmath_viz.low_rank import (
    discarded_sums,
    display_intensity,
    low_rank_approximation,
    reconstruct,
)

DIGIT_RANKS = (0, 1, 2, 5, 10, 20, 40, 63, 64)


@pytest.fixture(scope="module")
def digits() -> np.ndarray:
    return np.asarray(load_digits().data, dtype=float)


@pytest.fixture(scope="module")
def digit_result(digits: np.ndarray):  # type: ignore[no-untyped-def]
    return low_rank_approximation(digits, DIGIT_RANKS)


def test_eigenvalues_are_those_of_the_1_over_n_covariance(digits: np.ndarray, digit_result) -> None:  # type: ignore[no-untyped-def]
    centred = digits - digits.mean(axis=0)
    cov = centred.T @ centred / len(digits)
    oracle = np.sort(np.linalg.eigvalsh(cov))[::-1]
    assert_allclose(digit_result.eigenvalues, np.maximum(oracle, 0), rtol=1e-9, atol=1e-9)
    # Their sum is the total variance with ddof 0 (numpy.var), not numpy.cov's n - 1.
    assert_allclose(digit_result.eigenvalues.sum(), np.var(digits, axis=0).sum(), rtol=1e-12)


def test_error_equals_discarded_eigenvalue_sum_numpy(digits: np.ndarray, digit_result) -> None:  # type: ignore[no-untyped-def]
    centred = digits - digits.mean(axis=0)
    values = np.sort(np.linalg.eigvalsh(centred.T @ centred / len(digits)))[::-1]
    oracle = [values[k:].sum() for k in DIGIT_RANKS]
    assert_allclose(digit_result.discarded_eigenvalue_sum, oracle, rtol=1e-9, atol=1e-8)
    assert_allclose(digit_result.reconstruction_error, oracle, rtol=1e-9, atol=1e-8)
    # k = 0 is the total variance (mean squared distance to the mean).
    assert_allclose(
        digit_result.reconstruction_error[0],
        np.mean(np.sum(centred**2, axis=1)),
        rtol=1e-12,
    )


@pytest.mark.parametrize("k", [1, 2, 5, 10, 20, 40, 63])
def test_reconstruction_is_sklearn_inverse_transform(
    digits: np.ndarray,
    digit_result,  # type: ignore[no-untyped-def]
    k: int,
) -> None:
    sk = SkPCA(n_components=k, svd_solver="full").fit(digits)
    oracle = sk.inverse_transform(sk.transform(digits))
    mine = digit_result.reconstruct(digits, k)
    assert_allclose(mine, oracle, atol=1e-9)
    measured = np.mean(np.sum((digits - oracle) ** 2, axis=1))
    i = DIGIT_RANKS.index(k)
    assert_allclose(digit_result.reconstruction_error[i], measured, rtol=1e-9, atol=1e-8)
    # sklearn's explained_variance_ divides by n - 1.
    n = len(digits)
    kept = sk.explained_variance_.sum() * (n - 1) / n
    total = np.var(digits, axis=0).sum()
    assert_allclose(digit_result.discarded_eigenvalue_sum[i], total - kept, rtol=1e-9, atol=1e-8)
    assert_allclose(
        digit_result.explained_variance_ratio_cumulative[i],
        sk.explained_variance_ratio_.sum(),
        rtol=1e-9,
    )


def test_full_rank_rebuilds_exactly(digits: np.ndarray, digit_result) -> None:  # type: ignore[no-untyped-def]
    assert_allclose(digit_result.reconstruct(digits, 64), digits, atol=1e-9)
    assert digit_result.explained_variance_ratio_cumulative[-1] == 1.0
    assert digit_result.discarded_eigenvalue_sum[-1] == 0.0


def test_rank_zero_is_the_mean(digits: np.ndarray, digit_result) -> None:  # type: ignore[no-untyped-def]
    assert_allclose(digit_result.reconstruct(digits[:3], 0), np.tile(digits.mean(0), (3, 1)))


def test_no_rank_k_projection_does_better_than_pca(rng: np.random.Generator) -> None:
    # Eckart-Young by brute force: random k-dimensional subspaces through the mean
    # never beat the principal one on seeded, correlated data.
    x = rng.normal(size=(200, 6)) @ rng.normal(size=(6, 6))
    res = low_rank_approximation(x, (1, 2, 3))
    mu = x.mean(axis=0)
    for i, k in enumerate((1, 2, 3)):
        for _ in range(50):
            q, _ = np.linalg.qr(rng.normal(size=(6, k)))
            other = mu + (x - mu) @ q @ q.T
            assert np.mean(np.sum((x - other) ** 2, axis=1)) >= res.reconstruction_error[i] - 1e-9


def test_discarded_sums_closed_form() -> None:
    assert_allclose(discarded_sums([3.0, 2.0, 1.0]), [6.0, 3.0, 1.0, 0.0])
    # Summed from the small end: a tiny tail survives next to a huge total.
    assert discarded_sums([1e16, 1.0])[1] == 1.0


def test_reconstruct_rejects_a_rank_out_of_range() -> None:
    with pytest.raises(ValueError, match="rank k"):
        reconstruct(np.zeros((2, 3)), np.zeros(3), np.eye(3), 4)
    with pytest.raises(ValueError, match="rank k"):
        low_rank_approximation(np.eye(3), (5,))


def test_display_intensity_clips_and_rounds_to_whole_levels() -> None:
    shown = display_intensity([-1.0, 0.0, 0.4, 7.6, 8.0, 16.0, 17.0], 16.0)
    assert_allclose(shown, [0, 0, 0, 8 / 16, 0.5, 1, 1])
    digits = np.asarray(load_digits().data[:5])  # whole levels: drawn exactly
    assert_allclose(display_intensity(digits, 16.0), digits / 16.0)
    with pytest.raises(ValueError):
        display_intensity([1.0], 0.0)
