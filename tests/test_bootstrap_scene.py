"""Bootstrap: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). The sidecar's statistics are recomputed with numpy
from the sidecar's own sample and shown resamples and re-drawn with a fresh generator; the
intervals against numpy.quantile and scipy.stats.t; the drawn bars, dots and interval ends
read back with the plots' ``p2c``; bad parameters exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz.datasets import iris_sample
from scenes.kit.marks import dot_centres
from scenes.statistics.params import BootstrapParams

CASES = {
    "default": BootstrapParams(),
    "median": BootstrapParams(statistic="median", species="versicolor"),
    "discrete-median": BootstrapParams(statistic="median", feature="petal_width"),
    "few-resamples": BootstrapParams(
        resamples=100, level=0.99, species="virginica", feature="petal_length"
    ),
}

BEATS = ["sample", "resamples", "all", "intervals"]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("Bootstrap", CASES[request.param])


@scene_group("Bootstrap")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("Bootstrap")
def test_the_sidecar_numbers_are_numpys_and_scipys(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    x = iris_sample(p.feature, p.species)
    fn = np.mean if p.statistic == "mean" else np.median
    assert_allclose(d["sample"], x, rtol=0)
    assert d["statistic"] == p.statistic and d["resamples"] == p.resamples
    assert len(d["bootstrap_statistics"]) == p.resamples
    assert_allclose(d["estimate"], fn(x), rtol=1e-14)
    # the shown resamples are the first resamples: their statistics recomputed by numpy
    for idx, got in zip(d["shown_resamples"], d["bootstrap_statistics"][:4], strict=True):
        assert_allclose(got, fn(x[np.asarray(idx)]), rtol=1e-14)
    # all of them, drawn again with a fresh PCG64 from the seed (the documented recipe)
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(p.seed)))
    idx = rng.integers(0, x.size, size=(p.resamples, x.size))
    assert_allclose(d["bootstrap_statistics"], fn(x[idx], axis=1), rtol=1e-14)
    stats = np.asarray(d["bootstrap_statistics"])
    q = np.quantile(stats, [(1 - p.level) / 2, (1 + p.level) / 2], method="linear")
    assert d["quantile_method"] == "linear"
    assert_allclose(d["percentile_interval"], q, rtol=0, atol=0)
    assert_allclose(d["standard_error"], stats.std(ddof=1), rtol=1e-12)
    t = scipy.stats.t.interval(p.level, x.size - 1, loc=x.mean(), scale=scipy.stats.sem(x))
    assert_allclose(d["mean_t_interval"], t, rtol=1e-12)
    if p.statistic == "mean":
        assert_allclose(d["t_interval"], t, rtol=1e-12)
    else:
        assert d["t_interval"] is None  # documented: the t interval is for the mean
    counts, _ = np.histogram(stats, np.asarray(d["bin_edges"]))
    assert d["bin_counts"] == counts.tolist()


@scene_group("Bootstrap")
def test_the_drawn_picture_is_the_sidecar(case: tuple[str, Any]) -> None:
    _name, report = case
    d = report.scene.data
    pic = report.scene.picture
    m = pic.bars.measured()
    assert_allclose(m[:, 2], d["bin_counts"], atol=1e-9)
    assert_allclose(m[:, 0], d["bin_edges"][:-1], atol=1e-9)
    assert_allclose(m[:, 1], d["bin_edges"][1:], atol=1e-9)
    xs = pic.strip.plot.p2c(dot_centres(pic.sample_dots))[:, 0]
    assert_allclose(np.sort(xs), np.sort(d["sample"]), atol=1e-9)
    for bar, want, y in (
        (pic.percentile_bar, d["percentile_interval"], pic.percentile_y),
        (pic.t_bar, d["mean_t_interval"], pic.t_y),
    ):
        ends = np.array([pic.hist.p2c(tick.get_center()) for tick in bar[-2:]])
        assert_allclose(sorted(ends[:, 0]), want, atol=1e-9)
        assert_allclose(ends[:, 1], [y, y], atol=1e-9)
    # the intervals sit above the tallest bar
    assert min(pic.percentile_y, pic.t_y) > max(d["bin_counts"])
    assert_allclose(pic.hist.p2c(pic.estimate_line.get_start())[0], d["estimate"], atol=1e-9)


def test_the_captions_say_the_numbers_shown(built: Any) -> None:
    report = built("Bootstrap", CASES["default"])
    c = {b.name: b.caption for b in report.scene.beats}
    assert "mean is 5.006 cm" in c["sample"]
    assert "standard deviation 0.05 cm" in c["all"]
    assert "[4.906, 5.102]" in c["intervals"] and "nearly as wide" in c["intervals"]
    awkward = built("Bootstrap", CASES["discrete-median"])
    c = {b.name: b.caption for b in awkward.scene.beats}
    assert awkward.scene.data["percentile_interval"] == [0.2, 0.2]
    assert "equal ends" in c["intervals"] and "for the mean" in c["intervals"]
    assert "only 3 values" in c["all"]
    # at least 95% of the medians really are 0.2 (what the caption claims)
    stats = np.asarray(awkward.scene.data["bootstrap_statistics"])
    assert np.mean(np.isclose(stats, 0.2)) >= 0.95


@pytest.mark.parametrize(
    "setting, words",
    [
        ("statistic=mode", "'statistic'"),
        ("resamples=10", "'resamples'"),
        ("level=1", "'level'"),
        ("species=rose", "'species'"),
        ("feature=height", "'feature'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, setting: str, words: str) -> None:
    message = rejected_render(tmp_path, "Bootstrap", "--set", setting)
    assert words in message
