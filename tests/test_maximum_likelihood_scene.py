"""MaximumLikelihood: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``). The dots are read back
with the data plot's ``p2c`` and compared with the Iris values; the model curve with
scipy's normal density at ``scipy.stats.norm.fit``; the lower curves with sums of
``norm.logpdf``; the peak marks with ``minimize_scalar`` on -l and on the log-posterior.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.optimize
import scipy.stats
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz.datasets import iris_sample
from scenes.kit.marks import dot_centres
from scenes.kit.plotting import curve_vertices
from scenes.statistics.params import MaximumLikelihoodParams

CASES = {
    "default": MaximumLikelihoodParams(),
    "strong-prior": MaximumLikelihoodParams(prior_sd=0.02),
    "far-wide-prior": MaximumLikelihoodParams(
        species="virginica", feature="petal_length", prior_mean=0.0, prior_sd=10.0
    ),
    "petal-width": MaximumLikelihoodParams(feature="petal_width", prior_mean=0.5, prior_sd=0.05),
}

BEATS = ["mean", "sigma", "prior"]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("MaximumLikelihood", CASES[request.param])


def _coords(frame: Any, curve: Any) -> np.ndarray:
    return np.array([frame.p2c(q) for q in curve_vertices(curve)])


@scene_group("MaximumLikelihood")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("MaximumLikelihood")
def test_the_sidecar_numbers_are_scipys(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    x = iris_sample(p.feature, p.species)
    loc, scale = scipy.stats.norm.fit(x)
    assert d["n"] == 50
    assert_allclose(d["mle_mean"], loc, rtol=1e-12)
    assert_allclose(d["mle_std"], scale, rtol=1e-10)
    want = np.sum(scipy.stats.norm.logpdf(x, loc, scale))
    assert_allclose(d["log_likelihood_at_mle"], want, rtol=1e-12)
    found = scipy.optimize.minimize_scalar(
        lambda mu: (
            -(
                np.sum(scipy.stats.norm.logpdf(x, mu, scale))
                + scipy.stats.norm.logpdf(mu, p.prior_mean, p.prior_sd)
            )
        ),
        bounds=(min(p.prior_mean, x.min()) - 1, max(p.prior_mean, x.max()) + 1),
        method="bounded",
        options={"xatol": 1e-11},
    ).x
    assert_allclose(d["map_mean"], found, atol=1e-7)
    assert min(p.prior_mean, loc) <= d["map_mean"] <= max(p.prior_mean, loc)
    grid = np.array(d["profile_mu"]["mu"])
    profile = [np.sum(scipy.stats.norm.logpdf(x, m, scale)) for m in grid[::40]]
    assert_allclose(d["profile_mu"]["log_likelihood"][::40], profile, rtol=1e-11)


@scene_group("MaximumLikelihood")
def test_the_drawn_data_model_and_posterior(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    pic = report.scene.picture
    x = iris_sample(p.feature, p.species)
    dots = pic.plot.p2c(dot_centres(pic.dots))
    assert_allclose(np.sort(dots[:, 0]), np.sort(x), atol=1e-9)
    model = pic.plot.p2c(curve_vertices(pic.model))
    want = np.minimum(scipy.stats.norm.pdf(model[:, 0], d["mle_mean"], d["mle_std"]), pic.plot.y_hi)
    assert_allclose(model[:, 1], want, atol=1e-6)
    lower = pic.lower
    post = _coords(lower.frame, lower.curves["posterior"])
    # the posterior curve is log N(mu; map, posterior_sd^2) minus its peak
    sd = d["posterior_sd"]
    want = scipy.stats.norm.logpdf(post[:, 0], d["map_mean"], sd) - scipy.stats.norm.logpdf(
        0, 0, sd
    )
    assert_allclose(post[:, 1], want, atol=1e-6)
    assert post[:, 1].max() == pytest.approx(0.0, abs=1e-6)
    assert_allclose(lower.peaks["map"], d["map_mean"], atol=1e-9)
    assert_allclose(lower.peaks["mle"], d["mle_mean"], atol=1e-9)


def test_the_captions_say_which_is_closer(built: Any) -> None:
    captions = {
        name: {b.name: b.caption for b in built("MaximumLikelihood", CASES[name]).scene.beats}
        for name in ("default", "strong-prior", "far-wide-prior")
    }
    assert "x̄ = 5.01" in captions["default"]["mean"]
    assert "σ̂ = 0.35" in captions["default"]["sigma"]
    assert "closer to the sample mean" in captions["default"]["prior"]
    assert "closer to the prior mean" in captions["strong-prior"]["prior"]
    assert "MAP equals the MLE, 5.55 cm, to 2 decimals" in captions["far-wide-prior"]["prior"]


@pytest.mark.parametrize(
    "setting, words",
    [
        ("prior_sd=0", "'prior_sd'"),
        ("species=rose", "'species'"),
        ("feature=petal", "'feature'"),
        ("prior_mean=-5", "'prior_mean'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, setting: str, words: str) -> None:
    message = rejected_render(tmp_path, "MaximumLikelihood", "--set", setting)
    assert words in message
