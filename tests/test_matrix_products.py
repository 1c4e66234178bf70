"""mlmath_viz.matrix_products against independent oracles: numpy.matmul and einsum,
a worked example by hand, brute-force loops, and the transpose identity checked with
numpy's own transpose and product. Seeded; tolerances stated per test."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz.matrix_products import (
    column_combination,
    entry_terms,
    matrix_product,
    shapes_match,
    summarize_product,
)

# Sums of at most four products of entries below 10: round-off far below 1e-12 relative.
RTOL = 1e-12
SHAPES = list(itertools.product(range(1, 5), repeat=3))  # (m, k, n), every size 1-4


def _random_pair(rng: np.random.Generator, m: int, k: int, n: int) -> tuple[np.ndarray, ...]:
    return rng.uniform(-10, 10, size=(m, k)), rng.uniform(-10, 10, size=(k, n))


def test_worked_example_by_hand() -> None:
    # [[1, 2, 3], [4, 5, 6]] times [[7, 8], [9, 10], [11, 12]], worked out on paper:
    # 1*7 + 2*9 + 3*11 = 58, 1*8 + 2*10 + 3*12 = 64, 4*7 + 5*9 + 6*11 = 139, 4*8 + 5*10
    # + 6*12 = 154.
    left = [[1, 2, 3], [4, 5, 6]]
    right = [[7, 8], [9, 10], [11, 12]]
    assert_allclose(matrix_product(left, right), [[58, 64], [139, 154]], rtol=0)
    assert_allclose(entry_terms(left, right)[0, 0], [7, 18, 33], rtol=0)
    assert_allclose(entry_terms(left, right)[1, 1], [32, 50, 72], rtol=0)


@pytest.mark.parametrize(("m", "k", "n"), SHAPES)
def test_product_matches_numpy(m: int, k: int, n: int, rng: np.random.Generator) -> None:
    left, right = _random_pair(rng, m, k, n)
    assert_allclose(matrix_product(left, right), left @ right, rtol=RTOL, atol=1e-12)


@pytest.mark.parametrize(("m", "k", "n"), SHAPES)
def test_terms_match_einsum_and_sum_to_entries(
    m: int, k: int, n: int, rng: np.random.Generator
) -> None:
    left, right = _random_pair(rng, m, k, n)
    terms = entry_terms(left, right)
    assert terms.shape == (m, n, k)
    assert_allclose(terms, np.einsum("it,tj->ijt", left, right), rtol=RTOL)
    assert_allclose(terms.sum(axis=2), left @ right, rtol=RTOL, atol=1e-12)


def test_terms_brute_force_loops(rng: np.random.Generator) -> None:
    left, right = _random_pair(rng, 3, 4, 2)
    terms = entry_terms(left, right)
    for i in range(3):
        for j in range(2):
            for t in range(4):
                assert terms[i, j, t] == left[i, t] * right[t, j]  # one multiplication: exact


@pytest.mark.parametrize(("m", "k", "n"), SHAPES)
def test_columns_are_combinations_of_left_columns(
    m: int, k: int, n: int, rng: np.random.Generator
) -> None:
    left, right = _random_pair(rng, m, k, n)
    for j in range(n):
        weights, column = column_combination(left, right, j)
        assert_allclose(weights, right[:, j], rtol=0)
        assert_allclose(column, (left @ right)[:, j], rtol=RTOL, atol=1e-12)
        # the same column solved back: lstsq recovers the weights when A has full column rank
        if np.linalg.matrix_rank(left) == k:
            found = np.linalg.lstsq(left, column, rcond=None)[0]
            assert_allclose(found, right[:, j], rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize(("m", "k", "n"), SHAPES)
def test_transpose_reverses_order(m: int, k: int, n: int, rng: np.random.Generator) -> None:
    left, right = _random_pair(rng, m, k, n)
    summary = summarize_product(left, right)
    assert_allclose(summary.transpose_product, (left @ right).T, rtol=RTOL, atol=1e-12)
    assert summary.transpose_product.shape == (n, m)


def test_summary_json_contract(rng: np.random.Generator) -> None:
    left, right = _random_pair(rng, 2, 3, 4)
    data = summarize_product(left, right).to_json()
    assert data["shape"] == [2, 4]
    assert data["transpose_shape"] == [4, 2]
    assert_allclose(data["left"], left, rtol=0)
    assert_allclose(data["right"], right, rtol=0)
    assert_allclose(data["product"], left @ right, rtol=RTOL)
    assert np.shape(data["entry_terms"]) == (2, 4, 3)
    assert_allclose(data["columns"], (left @ right).T, rtol=RTOL)


def test_degenerate_products() -> None:
    # 1x1 times 1x1 is ordinary multiplication; a row times a column is a dot product;
    # a column times a row is the outer product (numpy.outer as oracle); zeros stay zero.
    assert_allclose(matrix_product([[3.0]], [[-2.5]]), [[-7.5]], rtol=0)
    row, col = np.array([1.0, -2.0, 3.5, 4.0]), np.array([2.0, 0.5, -1.0, 0.25])
    assert_allclose(matrix_product([row], col[:, None]), [[np.dot(row, col)]], rtol=RTOL)
    assert_allclose(matrix_product(col[:, None], [row]), np.outer(col, row), rtol=RTOL)
    assert_allclose(matrix_product(np.zeros((2, 3)), np.ones((3, 2))), np.zeros((2, 2)), rtol=0)


def test_mismatched_inner_sizes_are_refused() -> None:
    assert shapes_match((2, 3), (3, 4))
    assert not shapes_match((2, 3), (2, 3))
    with pytest.raises(ValueError, match="left is 2x3, right is 2x3"):
        matrix_product(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="out of range"):
        column_combination(np.ones((2, 2)), np.ones((2, 2)), 2)
    with pytest.raises(ValueError, match="2-D"):
        matrix_product([1.0, 2.0], [[1.0], [2.0]])
