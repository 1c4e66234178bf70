"""Mini-batch SGD (mlmath_viz.sgd) against independent oracles.

Oracles: numpy formulas written out here (the MSE gradient 2/N X^T (X theta - y)),
central finite differences, the exact covariance over every subset of a small data set
(itertools.combinations), numpy.linalg.lstsq and scikit-learn's LinearRegression. The
statistical tests use fixed seeds and tolerances of a stated number of standard errors,
the standard errors computed from the samples themselves.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath_viz import descent, optimizers, regression, sgd
from mlmath_viz.random import generator

N_DIABETES = 442
#: Tolerance of a sample mean or sample covariance against its expectation, in standard
#: errors: a 5-sigma miss has probability below 1e-6 per entry (and the seeds are fixed).
SIGMAS = 5.0


def design(z: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones_like(z), z])


def numpy_per_example(theta: np.ndarray, z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """grad of (b + w z_i - y_i)^2, written out with numpy: 2 r_i x_i, x_i = (1, z_i)."""
    x = design(z)
    r = x @ theta - y
    return 2.0 * r[:, None] * x


@pytest.fixture(scope="module")
def bmi() -> tuple[np.ndarray, np.ndarray]:
    """The standardised BMI (population std) and the target, from scikit-learn directly."""
    from sklearn.datasets import load_diabetes

    bunch = load_diabetes(scaled=False)
    x = bunch.data[:, list(bunch.feature_names).index("bmi")].astype(float)
    z = (x - x.mean()) / x.std()
    return z, bunch.target.astype(float)


def test_per_example_gradients_are_finite_differences(bmi: tuple[np.ndarray, np.ndarray]) -> None:
    z, y = bmi
    theta = np.array([30.0, -7.0])
    got = sgd.per_example_gradients(theta, z, y)
    h = 1e-4
    for k in (0, 17, 441):

        def loss(t: np.ndarray, k: int = k) -> float:
            return float((t[0] + t[1] * z[k] - y[k]) ** 2)

        fd = [
            (loss(theta + h * e) - loss(theta - h * e)) / (2 * h) for e in np.eye(2)
        ]  # exact for a quadratic up to round-off
        assert_allclose(got[k], fd, rtol=1e-7, err_msg=f"example {k}")


def test_full_batch_gradient_is_the_mse_gradient(bmi: tuple[np.ndarray, np.ndarray]) -> None:
    z, y = bmi
    theta = np.array([12.0, 3.0])
    x = design(z)
    want = 2.0 / len(z) * x.T @ (x @ theta - y)
    assert_allclose(sgd.batch_gradient(theta, z, y), want, rtol=1e-12)
    assert_allclose(regression.mse_objective(z, y).gradient(theta), want, rtol=1e-12)
    batch = np.array([3, 5, 400])
    want_b = 2.0 / 3 * x[batch].T @ (x[batch] @ theta - y[batch])
    assert_allclose(sgd.batch_gradient(theta, z, y, batch), want_b, rtol=1e-12)


@pytest.mark.parametrize(("n", "b"), [(6, 1), (6, 2), (6, 3), (7, 4), (6, 6)])
def test_batch_covariance_is_exact_over_every_subset(n: int, b: int) -> None:
    """The closed form (N-B)/(B(N-1)) Sigma against the covariance over all C(N, B)
    equally likely subsets, computed by enumeration (exact, no sampling)."""
    rng = np.random.default_rng(7)
    z, y = rng.normal(size=n), rng.normal(3.0, 2.0, size=n)
    theta = np.array([0.5, -1.0])
    g = numpy_per_example(theta, z, y)
    means = np.array([g[list(s)].mean(axis=0) for s in itertools.combinations(range(n), b)])
    exact = (means - means.mean(axis=0)).T @ (means - means.mean(axis=0)) / len(means)
    assert_allclose(means.mean(axis=0), g.mean(axis=0), rtol=1e-12, atol=1e-12)
    assert_allclose(sgd.batch_covariance(theta, z, y, b), exact, rtol=1e-10, atol=1e-12)
    sigma = np.cov(g, rowvar=False, ddof=0)
    assert_allclose(sgd.per_example_covariance(theta, z, y), sigma, rtol=1e-12)
    assert sgd.batch_variance_factor(n, b) == pytest.approx((n - b) / (b * (n - 1)), rel=1e-15)


@pytest.mark.parametrize("b", [1, 4, 32, 200])
def test_many_minibatch_gradients_average_to_the_full_gradient(
    bmi: tuple[np.ndarray, np.ndarray], b: int
) -> None:
    """20000 batches at the start (0, 0): their mean is the full gradient within
    SIGMAS standard errors sqrt(Cov_B / m), and their covariance is the closed form
    (N-B)/(B(N-1)) Sigma within SIGMAS standard errors of each sample moment."""
    z, y = bmi
    theta = np.zeros(2)
    m = 20000
    batches = sgd.random_batches(len(z), b, m, generator(11 + b))
    assert batches.shape == (m, b)
    assert all(len(set(row)) == b for row in batches[:500]), "distinct within a batch"
    per = numpy_per_example(theta, z, y)
    samples = per[batches].mean(axis=1)
    assert_allclose(samples[:50], [sgd.batch_gradient(theta, z, y, s) for s in batches[:50]])
    full = per.mean(axis=0)
    sigma = np.cov(per, rowvar=False, ddof=0)
    closed = (N_DIABETES - b) / (b * (N_DIABETES - 1)) * sigma
    se_mean = np.sqrt(np.diag(closed) / m)
    assert np.all(np.abs(samples.mean(axis=0) - full) < SIGMAS * se_mean)
    d = samples - full  # deviations from the known mean
    for i, j in ((0, 0), (0, 1), (1, 1)):
        products = d[:, i] * d[:, j]
        se = products.std(ddof=1) / np.sqrt(m)
        assert abs(products.mean() - closed[i, j]) < SIGMAS * se, (i, j, b)
    # The spread shrinks like 1/sqrt(B) (times the finite-population factor).
    assert_allclose(
        sgd.spread(sgd.batch_covariance(theta, z, y, b)),
        np.sqrt(np.trace(sigma)) * np.sqrt((N_DIABETES - b) / (N_DIABETES - 1)) / np.sqrt(b),
        rtol=1e-12,
    )


def test_full_batch_gradients_have_no_spread(bmi: tuple[np.ndarray, np.ndarray]) -> None:
    z, y = bmi
    batches = sgd.random_batches(len(z), len(z), 5, generator(1))
    g = np.array([sgd.batch_gradient(np.zeros(2), z, y, s) for s in batches])
    assert_allclose(g, np.tile(g[0], (5, 1)), rtol=1e-12)
    assert sgd.batch_variance_factor(len(z), len(z)) == 0.0
    assert sgd.sample_spread(g) == pytest.approx(0.0, abs=1e-9)


def test_epoch_batches_partition_each_epoch_and_drop_the_rest() -> None:
    n, b = 10, 3  # 3 batches per epoch, 1 example dropped each epoch
    batches = sgd.epoch_batches(n, b, 7, generator(5))
    assert batches.shape == (7, 3)
    for epoch in range(2):
        seen = batches[3 * epoch : 3 * epoch + 3].ravel()
        assert len(set(seen)) == 9 and set(seen) <= set(range(n))
    # a different permutation each epoch
    assert not np.array_equal(batches[:3], batches[3:6])


def test_full_batch_path_is_plain_gradient_descent(bmi: tuple[np.ndarray, np.ndarray]) -> None:
    z, y = bmi
    objective = regression.mse_objective(z, y)
    lr, steps = 0.1, 40
    run = sgd.sgd(objective, z, y, len(z), lr, steps, (0.0, 0.0), generator(3))
    x = design(z)
    theta, want = np.zeros(2), [np.zeros(2)]
    for _ in range(steps):
        theta = theta - lr * 2.0 / len(z) * x.T @ (x @ theta - y)
        want.append(theta)
    assert_allclose(run.points, want, rtol=1e-12, atol=1e-10)
    gd = descent.trajectory(objective, optimizers.gradient_descent(lr), (0.0, 0.0), steps)
    assert_allclose(run.points, gd.points, rtol=1e-12, atol=1e-10)
    assert_allclose(run.losses, [np.mean((x @ t - y) ** 2) for t in want], rtol=1e-12)
    assert not run.diverged and run.steps == steps


def test_a_step_uses_its_batch(bmi: tuple[np.ndarray, np.ndarray]) -> None:
    z, y = bmi
    objective = regression.mse_objective(z, y)
    run = sgd.sgd(objective, z, y, 8, 0.05, 5, (1.0, 2.0), generator(9))
    x = design(z)
    for k, batch in enumerate(run.batches):
        t = run.points[k]
        grad = 2.0 / 8 * x[batch].T @ (x[batch] @ t - y[batch])
        assert_allclose(run.points[k + 1], t - 0.05 * grad, rtol=1e-12)
        assert_allclose(run.losses[k + 1], np.mean((x @ run.points[k + 1] - y) ** 2), rtol=1e-12)


def test_lstsq_is_numpys_and_sklearns(bmi: tuple[np.ndarray, np.ndarray]) -> None:
    from sklearn.linear_model import LinearRegression

    z, y = bmi
    e = sgd.experiment("bmi", [1, 442], 0.1, 3, 2026)
    coef, *_ = np.linalg.lstsq(design(z), y, rcond=None)
    assert_allclose(e.lstsq, coef, rtol=1e-10)
    fit = LinearRegression().fit(z[:, None], y)
    assert_allclose(e.lstsq, [fit.intercept_, fit.coef_[0]], rtol=1e-10)
    assert_allclose(e.z, z, rtol=1e-12)
    # the objective's minimum value is the least-squares residual mean square
    assert_allclose(e.to_json()["lstsq_loss"], np.mean((design(z) @ coef - y) ** 2), rtol=1e-12)


def test_same_seed_same_paths_other_seed_other_paths() -> None:
    a = sgd.experiment("bp", [1, 32, 442], 0.1, 20, 4)
    b = sgd.experiment("bp", [1, 32, 442], 0.1, 20, 4)
    c = sgd.experiment("bp", [1, 32, 442], 0.1, 20, 5)
    for size in (1, 32):
        assert_allclose(a.runs[size].points, b.runs[size].points, rtol=0)
        assert_allclose(a.samples[size], b.samples[size], rtol=0)
        assert not np.allclose(a.runs[size].points, c.runs[size].points)
        assert not np.allclose(a.samples[size], c.samples[size])
    # the full batch does not depend on the seed
    assert_allclose(a.runs[442].points, c.runs[442].points, rtol=1e-12, atol=1e-10)


def test_experiment_sidecar_keys_and_numbers() -> None:
    e = sgd.experiment("s5", [4, 1], 0.1, 10, 1)
    d = e.to_json()
    for key in ("batch_sizes", "gradient_samples", "full_gradient", "lstsq"):
        assert key in d
    assert d["batch_sizes"] == [1, 4]
    x = design(e.z)
    y = e.dataset.y
    assert_allclose(d["full_gradient"], 2.0 / len(y) * x.T @ (x @ np.zeros(2) - y), rtol=1e-12)
    for b in (1, 4):
        run = d[str(b)]
        assert len(run["trajectory"]) == len(run["losses"]) == 11
        assert len(d["gradient_samples"][str(b)]) == sgd.GRADIENT_SAMPLES
        pts = np.array(run["trajectory"])
        assert_allclose(run["losses"], [np.mean((x @ t - y) ** 2) for t in pts], rtol=1e-12)
        assert_allclose(run["sample_mean"], np.mean(d["gradient_samples"][str(b)], axis=0))
    with pytest.raises(ValueError, match="batch size"):
        sgd.experiment("bmi", [443], 0.1, 1, 1)


def test_a_large_step_on_single_examples_diverges_and_stops() -> None:
    e = sgd.experiment("bmi", [1], 1.5, 500, 2026)
    run = e.runs[1]
    assert run.diverged and run.steps < 500
    assert np.all(np.isfinite(run.points)) and np.all(np.isfinite(run.losses))


def test_experiment_on_any_data_is_the_diabetes_experiment_on_its_arrays() -> None:
    """experiment_on (issue 21) takes the arrays; experiment is it on the diabetes data,
    number for number; on other data the fit is numpy's lstsq on the standardised x."""
    from mlmath_viz import regression

    a = sgd.experiment("bp", (1, 8), 0.1, 5, 7).to_json()
    b = sgd.experiment_on(regression.diabetes("bp"), "bp", (1, 8), 0.1, 5, 7).to_json()
    assert a == b
    rng = np.random.default_rng(5)
    x = rng.uniform(-3.0, 9.0, 25)
    y = 1.0 - 0.5 * x + rng.normal(0.0, 0.3, 25)
    r = sgd.experiment_on(regression.Dataset(x, y, "x", "y"), "x", (25,), 0.2, 3, 1)
    z = (x - x.mean()) / x.std()
    coef = np.linalg.lstsq(np.column_stack([np.ones_like(z), z]), y, rcond=None)[0]
    np.testing.assert_allclose(r.lstsq, coef, rtol=1e-10)
    with pytest.raises(ValueError):
        sgd.experiment_on(regression.Dataset(x, y, "x", "y"), "x", (26,), 0.2, 3, 1)
