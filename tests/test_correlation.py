"""mlmath_viz.correlation against scipy.stats.pearsonr, numpy.corrcoef and numpy.cov,
pandas' DataFrame.corr and scikit-learn's raw wine arrays, and closed forms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from sklearn.datasets import load_wine

from mlmath_viz import correlation as corr
from mlmath_viz.datasets import WINE_FEATURES

WINE = load_wine()
PAIRS = [
    ("alcohol", "proline"),
    ("total_phenols", "flavanoids"),
    ("malic_acid", "hue"),
    ("hue", "proline"),
    ("flavanoids", "flavanoids"),
    ("od280/od315_of_diluted_wines", "ash"),
]


def column(name: str) -> np.ndarray:
    return np.asarray(WINE.data[:, list(WINE.feature_names).index(name)], dtype=float)


def test_z_scores_use_the_1_over_n_deviation() -> None:
    rng = np.random.default_rng(20)
    v = rng.normal(3.0, 2.0, size=57)
    z = corr.z_scores(v)
    assert_allclose(z, stats.zscore(v, ddof=0), rtol=1e-13)
    assert_allclose(z.mean(), 0.0, atol=1e-14)
    assert_allclose(np.mean(z**2), 1.0, rtol=1e-13)
    with pytest.raises(ValueError, match="constant"):
        corr.z_scores(np.full(5, 2.0))
    with pytest.raises(ValueError):
        corr.z_scores([1.0])


@pytest.mark.parametrize("x_name, y_name", PAIRS)
def test_r_is_the_mean_of_products_and_agrees_with_scipy_numpy_pandas(
    x_name: str, y_name: str
) -> None:
    x, y = column(x_name), column(y_name)
    r = corr.pearson_r(x, y)
    assert_allclose(r, stats.pearsonr(x, y).statistic, atol=1e-13)
    assert_allclose(r, np.corrcoef(x, y)[0, 1], atol=1e-13)
    assert_allclose(r, pd.Series(x).corr(pd.Series(y)), atol=1e-13)
    # with the 1/(n-1) deviations the same r is sum z z / (n - 1)
    zx1 = (x - x.mean()) / x.std(ddof=1)
    zy1 = (y - y.mean()) / y.std(ddof=1)
    assert_allclose(r, np.sum(zx1 * zy1) / (x.size - 1), atol=1e-13)
    assert_allclose(corr.covariance(x, y), np.cov(x, y, ddof=1)[0, 1], rtol=1e-12)
    assert_allclose(corr.covariance(x, y) / (x.std(ddof=1) * y.std(ddof=1)), r, atol=1e-13)


def test_the_same_measurement_has_r_1_and_no_negative_product() -> None:
    x = column("flavanoids")
    s = corr.summarize("flavanoids", "flavanoids")
    assert_allclose(s.r, 1.0, atol=1e-14)
    assert np.all(s.products >= 0)
    assert_allclose(s.covariance, np.var(x, ddof=1), rtol=1e-12)


def test_products_have_the_sign_of_their_quadrant() -> None:
    x, y = column("malic_acid"), column("hue")
    prods = corr.products(x, y)
    right, up = x > x.mean(), y > y.mean()
    want = np.where(right == up, 1, -1)
    assert np.array_equal(np.sign(prods).astype(int), want)
    assert np.array_equal(corr.quadrant_signs(x, y), want)


def test_running_mean_is_the_mean_of_the_first_k() -> None:
    rng = np.random.default_rng(4)
    v = rng.normal(size=40)
    m = corr.running_mean(v)
    assert_allclose(m, [v[: k + 1].mean() for k in range(v.size)], rtol=1e-13)


def test_mirrored_square_is_dependent_but_uncorrelated() -> None:
    x = column("alcohol")
    u, y = corr.mirrored_square(x)
    assert u.size == 2 * x.size
    assert_allclose(np.sort(u), np.sort(-u), atol=0)  # exactly symmetric about 0
    assert_allclose(y, u**2, rtol=0)  # a function of u
    assert abs(stats.pearsonr(u, y).statistic) < 1e-12
    assert abs(corr.pearson_r(u, y)) < 1e-12
    # closed form: sum u (y - mean y) = sum u^3 - mean(y) sum u = 0 by symmetry
    assert abs(np.sum(u**3)) < 1e-9
    # and y is far from independent of u: |u| predicts y exactly
    assert abs(stats.pearsonr(np.abs(u), y).statistic) > 0.9


def test_the_correlation_matrix_is_pandas_and_numpys() -> None:
    frame = pd.DataFrame(WINE.data, columns=WINE.feature_names)
    m = corr.correlation_matrix(frame)
    assert m.shape == (13, 13)
    assert_allclose(m, frame.corr().to_numpy(), atol=1e-14)
    assert_allclose(m, np.corrcoef(WINE.data, rowvar=False), atol=1e-13)
    assert_allclose(np.diag(m), 1.0, atol=1e-15)
    assert_allclose(m, m.T, atol=0)
    assert tuple(WINE.feature_names) == WINE_FEATURES


@pytest.mark.parametrize("x_name, y_name", [*PAIRS, ("alcohol", corr.X_SQUARED)])
def test_summary_agrees_with_independent_computations(x_name: str, y_name: str) -> None:
    s = corr.summarize(x_name, y_name)
    x = column(x_name)
    if y_name == corr.X_SQUARED:
        d = x - x.mean()
        want_x = np.concatenate([d, -d])
        want_y = want_x**2
    else:
        want_x, want_y = x, column(y_name)
    assert_allclose(s.x, want_x, rtol=1e-15)
    assert_allclose(s.y, want_y, rtol=1e-15)
    assert s.n == want_x.size
    assert_allclose(s.z_x, stats.zscore(want_x), atol=1e-12)
    assert_allclose(s.z_y, stats.zscore(want_y), atol=1e-12)
    assert_allclose(s.products, stats.zscore(want_x) * stats.zscore(want_y), atol=1e-12)
    r = stats.pearsonr(want_x, want_y).statistic
    assert_allclose(s.r, r, atol=1e-13)
    assert_allclose(s.r_pandas, r, atol=1e-13)
    assert_allclose(s.running_mean[-1], s.r, atol=1e-13)
    assert_allclose(s.covariance, np.cov(want_x, want_y)[0, 1], rtol=1e-12, atol=1e-12)
    d = s.to_json()
    for key in ("x", "y", "r", "covariance", "correlation_matrix", "features"):
        assert key in d
    assert d["features"] == list(WINE.feature_names)
    c = s.quadrant_counts()
    assert c["positive"] + c["negative"] + c["zero"] == s.n
    assert_allclose(d["positive_sum"] + d["negative_sum"], s.n * s.r, atol=1e-9)


def test_strong_and_negative_pairs_are_as_the_presets_say() -> None:
    frame = pd.DataFrame(WINE.data, columns=WINE.feature_names)
    c = frame.corr()
    assert_allclose(corr.summarize("total_phenols", "flavanoids").r, 0.8646, atol=1e-4)
    off = c.where(np.triu(np.ones(c.shape, dtype=bool), 1)).stack()
    assert off.idxmax() == ("total_phenols", "flavanoids")
    assert off.idxmin() == ("malic_acid", "hue")


def test_unknown_names_are_refused() -> None:
    with pytest.raises(ValueError):
        corr.summarize("alcohol content", "hue")
    with pytest.raises(ValueError):
        corr.summarize(corr.X_SQUARED, "hue")


def test_extreme_pairs_are_pandas_idxmax_and_idxmin_of_the_upper_triangle() -> None:
    frame = pd.DataFrame(WINE.data, columns=WINE.feature_names)
    c = frame.corr()
    off = c.where(np.triu(np.ones(c.shape, dtype=bool), 1)).stack()
    hi, lo = corr.extreme_pairs(c.to_numpy())
    names = list(WINE.feature_names)
    assert (names[hi[0]], names[hi[1]]) == off.idxmax()
    assert (names[lo[0]], names[lo[1]]) == off.idxmin()
    d = corr.summarize("alcohol", "hue").to_json()
    assert tuple(d["strongest_pair"]) == off.idxmax()
    assert_allclose(d["strongest_r"], off.max(), atol=1e-14)
    assert tuple(d["most_negative_pair"]) == off.idxmin()
    assert_allclose(d["most_negative_r"], off.min(), atol=1e-14)


def test_near_quantile_picks_the_value_nearest_the_quantile_of_its_sign() -> None:
    values = np.array([-5.0, 1.0, 2.0, 3.0, -1.0, 4.0, 10.0])
    positive = values > 0
    # |positives| 1, 2, 3, 4, 10: the 0.5 quantile is 3 (index 3); the 0.9 is 7.6 (10)
    assert corr.near_quantile(values, positive, 0.5) == 3
    assert corr.near_quantile(values, positive, 0.9) == 6
    assert corr.near_quantile(values, values < 0, 1.0) == 0
    rng = np.random.default_rng(9)
    v = rng.normal(size=101)
    k = corr.near_quantile(v, v > 0, 0.9)
    sizes = np.abs(v[v > 0])
    assert v[k] > 0
    assert np.abs(v[k] - np.quantile(sizes, 0.9)) == np.min(np.abs(sizes - np.quantile(sizes, 0.9)))
    with pytest.raises(ValueError):
        corr.near_quantile(v, np.zeros(v.size, dtype=bool), 0.5)


# -- a DataFrame of any columns (a CSV file's rows), issue 21 ---------------------------


def test_summarize_frame_on_the_wine_frame_is_summarize() -> None:
    """The file path and the shipped path are one computation."""
    from mlmath_viz.datasets import wine_frame

    for x_name, y_name in [("alcohol", "proline"), ("hue", corr.X_SQUARED)]:
        a = corr.summarize(x_name, y_name)
        b = corr.summarize_frame(wine_frame(), x_name, y_name, WINE_FEATURES)
        assert a.to_json() == b.to_json()


def test_summarize_frame_on_a_small_frame_against_scipy_and_pandas() -> None:
    rng = np.random.default_rng(31)
    frame = pd.DataFrame(
        {"a b": rng.normal(size=25), "c (%)": rng.normal(size=25), "d": rng.normal(size=25)}
    )
    frame["e"] = 2 * frame["a b"] - frame["d"] + rng.normal(0, 0.1, 25)
    s = corr.summarize_frame(frame, "e", "a b", ["a b", "c (%)", "d", "e"])
    assert_allclose(s.r, stats.pearsonr(frame["e"], frame["a b"]).statistic, atol=1e-13)
    assert_allclose(s.matrix, frame.corr().to_numpy(), atol=1e-14)
    d = s.to_json()
    assert d["features"] == ["a b", "c (%)", "d", "e"]
    off = frame.corr().where(np.triu(np.ones((4, 4), dtype=bool), 1)).stack()
    assert tuple(d["strongest_pair"]) == off.idxmax()
    assert tuple(d["most_negative_pair"]) == off.idxmin()
    # default columns: the pair alone; one column (x_squared): no pair to name
    assert corr.summarize_frame(frame, "d", "e").features == ("d", "e")
    one = corr.summarize_frame(frame, "d", corr.X_SQUARED).to_json()
    assert one["features"] == ["d"] and one["strongest_pair"] is None
    assert abs(one["r"]) < 1e-12
    with pytest.raises(ValueError, match="no column"):
        corr.summarize_frame(frame, "d", "zz")
    with pytest.raises(ValueError, match="constant"):
        corr.summarize_frame(frame.assign(k=1.0), "k", "d")


def test_matrix_columns_keep_x_and_y_then_file_order_up_to_the_cap() -> None:
    names = [f"c{k}" for k in range(20)]
    drawn, left = corr.matrix_columns(names, "c19", "c5")
    assert len(drawn) == corr.MAX_MATRIX_COLUMNS == 13
    assert drawn == [*(f"c{k}" for k in range(12)), "c19"]  # c5 among the first 12
    assert left == [f"c{k}" for k in range(12, 19)]
    assert corr.matrix_columns(names[:4], "c2", corr.X_SQUARED) == (names[:4], [])
    assert corr.matrix_columns(names, "c3", "c3", cap=2) == (["c0", "c3"], names[1:3] + names[4:])
    with pytest.raises(ValueError):
        corr.matrix_columns(names, "c0", "c1", cap=1)
