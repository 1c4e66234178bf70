"""DiscreteDistributions: its own mobjects against its sidecar data and scipy.stats.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). The stems are read back with the plot's ``p2c`` and
compared with scipy's pmfs; the sample counts with numpy's own draws from the same seed;
the limit's distances with a direct sum over scipy's pmfs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from scenes.probability.params import DiscreteDistributionsParams

CASES = {
    "default": DiscreteDistributionsParams(),
    "poisson": DiscreteDistributionsParams(distribution="poisson", rate=4.0),
    "long-tail": DiscreteDistributionsParams(distribution="geometric", p=0.05, samples=100),
    "bernoulli": DiscreteDistributionsParams(n=1, p=0.5, n_end=50),
}


def oracle(p: DiscreteDistributionsParams) -> Any:
    return {
        "binomial": scipy.stats.binom(p.n, p.p),
        "poisson": scipy.stats.poisson(p.rate),
        "geometric": scipy.stats.geom(p.p),
    }[p.distribution]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("DiscreteDistributions", CASES[request.param])


@scene_group("DiscreteDistributions")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    name, report = case
    want = ["pmf", "samples"] + (["limit"] if CASES[name].distribution == "binomial" else [])
    assert [b.name for b in report.scene.beats] == want
    assert report.problems == [], "\n".join(report.problems)


@scene_group("DiscreteDistributions")
def test_the_numbers_are_scipys_and_numpys(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    dist = oracle(p)
    k = np.array(d["support"])
    assert_allclose(d["pmf"], dist.pmf(k), rtol=1e-10)
    assert_allclose([d["mean"], d["variance"]], [dist.mean(), dist.var()], rtol=1e-12)
    assert dist.cdf(k[-1]) >= 0.999 and dist.cdf(k[0] - 1) <= 0.001
    rng = np.random.default_rng(p.seed)  # the scene's generator is PCG64 from the seed
    draws = {
        "binomial": lambda: rng.binomial(p.n, p.p, size=p.samples),
        "poisson": lambda: rng.poisson(p.rate, size=p.samples),
        "geometric": lambda: rng.geometric(p.p, size=p.samples),
    }[p.distribution]()
    want = [int(np.sum(draws == v)) for v in k]
    assert d["counts"] == want
    assert d["counts_below_support"] + d["counts_above_support"] + sum(want) == p.samples
    assert_allclose(d["sample_mean"], draws.mean(), rtol=1e-12)
    if p.distribution == "binomial":
        lim = d["limit"]
        assert lim["n"][0] == p.n and lim["n"][-1] == p.n_end
        poisson = scipy.stats.poisson(p.n * p.p)
        j = np.arange(0, 3000)
        for n, q, tv in zip(lim["n"], lim["p"], lim["total_variation"], strict=True):
            assert_allclose(n * q, p.n * p.p, rtol=1e-12)
            direct = 0.5 * np.abs(scipy.stats.binom(n, q).pmf(j) - poisson.pmf(j)).sum()
            assert_allclose(tv, direct, atol=1e-9)
        assert lim["total_variation"][-1] < lim["total_variation"][0]


@scene_group("DiscreteDistributions")
def test_the_stems_and_bars_are_drawn_to_scale(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    pic = report.scene.picture
    plot = pic.plot
    k = np.array(d["support"])
    xs = np.array([plot.p2c(s.get_start())[0] for s in pic.stems])
    tops = np.array([plot.p2c(s.get_end())[1] for s in pic.stems])
    assert_allclose(xs, k, atol=1e-9)
    shown = pic.shown  # the last binomial of the limit, or the distribution itself
    if p.distribution == "binomial":
        assert shown.n == p.n_end
        assert_allclose(tops, scipy.stats.binom(p.n_end, p.n * p.p / p.n_end).pmf(k), atol=1e-6)
        rings = np.array([plot.p2c(r.get_center())[:2] for r in pic.limit_heads])
        assert_allclose(rings[:, 1], scipy.stats.poisson(p.n * p.p).pmf(k), atol=1e-6)
    else:
        assert_allclose(tops, oracle(p).pmf(k), atol=1e-6)
        heights = pic.bars.measured()[:, 2]
        assert_allclose(heights, np.array(d["counts"]) / p.samples, atol=1e-6)
    assert_allclose(plot.p2c(pic.mean_line.get_start())[0], d["mean"], atol=1e-9)


@pytest.mark.parametrize(
    "setting, words",
    [
        ("n_end=5", "parameter 'n_end' got 5"),
        ("p=1", "'p'"),
        ("rate=0", "'rate'"),
        ("distribution=normal", "'distribution'"),
        ("samples=5", "'samples'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, setting: str, words: str) -> None:
    message = rejected_render(tmp_path, "DiscreteDistributions", "--set", setting)
    assert words in message
