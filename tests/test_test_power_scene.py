"""TestPower: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). The drawn curves are read back with the plot's
``p2c`` and compared with scipy's t and noncentral t densities (scaled to the observed
effect d-hat = t sqrt(2/n)); the shaded areas with the power from simulated t tests and
scipy; bad parameters exit 2.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from scenes.kit.plotting import polygon_area
from scenes.statistics.params import TestPowerParams

CASES = {
    "default": TestPowerParams(),
    "one-sided": TestPowerParams(
        effect_size=0.3, n=30, n_end=200, alpha=0.01, alternative="greater"
    ),
    "no-effect": TestPowerParams(effect_size=0.0),
    "wrong-direction": TestPowerParams(effect_size=0.5, alternative="less"),
}

BEATS = ["null", "alternative", "power", "sample_size"]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("TestPower", CASES[request.param])


def scipy_power(d: float, n: int, alpha: float, alternative: str) -> float:
    """Power from scipy.stats.t / nct directly (statsmodels' TTestIndPower formula)."""
    df, nc = 2 * n - 2, d * math.sqrt(n / 2)
    if alternative == "greater":
        return float(scipy.stats.nct.sf(scipy.stats.t.ppf(1 - alpha, df), df, nc))
    if alternative == "less":
        return float(scipy.stats.nct.cdf(scipy.stats.t.ppf(alpha, df), df, nc))
    c = scipy.stats.t.ppf(1 - alpha / 2, df)
    return float(scipy.stats.nct.sf(c, df, nc) + scipy.stats.nct.cdf(-c, df, nc))


def t_density(t: np.ndarray, df: float, nc: float) -> np.ndarray:
    """scipy's t or noncentral t density; past df 300, where scipy's nct.pdf overflows,
    the central difference of its cdf."""
    if nc == 0:
        return scipy.stats.t.pdf(t, df)
    if df <= 300:
        return scipy.stats.nct.pdf(t, df, nc)
    h = 1e-4
    return (scipy.stats.nct.cdf(t + h, df, nc) - scipy.stats.nct.cdf(t - h, df, nc)) / (2 * h)


@scene_group("TestPower")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("TestPower")
def test_the_sidecar_numbers_are_scipys(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    assert d["df"] == 2 * p.n - 2
    assert_allclose(d["noncentrality"], p.effect_size * math.sqrt(p.n / 2), rtol=1e-14)
    assert_allclose(d["power"], scipy_power(p.effect_size, p.n, p.alpha, p.alternative), rtol=1e-9)
    assert_allclose(d["beta"], 1 - d["power"], atol=1e-15)
    for n, got in zip(d["sample_sizes"], d["powers"], strict=True):
        assert_allclose(got, scipy_power(p.effect_size, n, p.alpha, p.alternative), rtol=1e-9)
    assert d["sample_sizes"][0] == p.n and d["sample_sizes"][-1] == p.n_end
    curve = np.array(d["power_curve"]["power"])
    assert d["power_curve"]["n"] == list(range(p.n, p.n_end + 1))
    if d["n_for_planned_power"] is not None:
        k = d["n_for_planned_power"] - p.n
        assert curve[k] >= 0.8 and (k == 0 or curve[k - 1] < 0.8)
    else:
        assert curve.max() < 0.8
    if p.alternative == "two-sided":
        c = scipy.stats.t.ppf(1 - p.alpha / 2, 2 * p.n - 2)
        assert_allclose(d["critical_values"], [-c, c], rtol=1e-10)
        assert_allclose(d["critical_effects"], [-c * math.sqrt(2 / p.n), c * math.sqrt(2 / p.n)])
    elif p.alternative == "greater":
        assert d["critical_values"][0] is None
    else:
        assert d["critical_values"][1] is None


@scene_group("TestPower")
def test_the_drawn_curves_are_the_densities_at_n_end(case: tuple[str, Any]) -> None:
    name, report = case
    p = CASES[name]
    pic = report.scene.picture
    plot, design = pic.plot, pic.design
    assert design.n == p.n_end
    scale = math.sqrt(2 / p.n_end)
    df, nc = 2 * p.n_end - 2, p.effect_size * math.sqrt(p.n_end / 2)
    for curve, effect in ((design.null_curve, 0.0), (design.alt_curve, nc)):
        xy = plot.p2c(curve.points[0::4])
        want = t_density(xy[:, 0] / scale, df, effect) / scale
        known = np.isfinite(want)
        assert known.mean() > 0.8
        assert_allclose(xy[known, 1], want[known], atol=1e-6)


@scene_group("TestPower")
def test_the_shaded_areas_are_alpha_power_and_beta(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    pic = report.scene.picture
    plot, design = pic.plot, pic.design
    areas = {
        key: sum(polygon_area(plot, m) for m in getattr(design, f"{key}_shade"))
        for key in ("alpha", "power", "beta")
    }
    # the axis leaves out at most 0.001 of each curve in each tail
    assert_allclose(areas["alpha"], p.alpha, atol=0.0025)
    assert_allclose(areas["power"], d["power_at_n_end"], atol=0.0025)
    assert_allclose(areas["beta"], 1 - d["power_at_n_end"], atol=0.0025)
    # the critical lines stand at the critical effects of n_end
    xs = sorted(float(plot.p2c(line.get_start())[0]) for line in design.crit_lines)
    want = sorted(c for c in d["critical_effects_at_n_end"] if c is not None)
    assert_allclose(xs, want, atol=1e-9)


@scene_group("TestPower")
def test_the_power_plot_ends_at_the_power_at_n_end(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    pic = report.scene.picture
    at = pic.n_plot.p2c(pic.n_dot.get_center())
    assert_allclose(at[:2], [p.n_end, d["power_at_n_end"]], atol=1e-9)
    # and the simulated rejection rate agrees (an oracle independent of scipy's nct)
    rng = np.random.default_rng(11)
    a = rng.normal(p.effect_size, 1.0, size=(20_000, p.n_end))
    b = rng.normal(0.0, 1.0, size=(20_000, p.n_end))
    rate = np.mean(scipy.stats.ttest_ind(a, b, axis=1, alternative=p.alternative).pvalue < p.alpha)
    se = math.sqrt(max(d["power_at_n_end"] * (1 - d["power_at_n_end"]), 1e-4) / 20_000)
    assert abs(rate - d["power_at_n_end"]) < 4.5 * se + 1e-4


def test_the_captions_say_the_numbers_shown(built: Any) -> None:
    report = built("TestPower", CASES["default"])
    captions = {b.name: b.caption for b in report.scene.beats}
    assert "38 degrees of freedom" in captions["null"]
    assert "|d̂| ≥ 0.64" in captions["null"]
    assert "δ = d·√(n/2) = 1.58" in captions["alternative"]
    assert "1 − β = 0.34" in captions["power"] and "66%" in captions["power"]
    assert "from 0.34 to 0.88" in captions["sample_size"]
    assert "n = 64" in captions["sample_size"]


@pytest.mark.parametrize(
    "setting, words",
    [
        ("n_end=20", "parameter 'n_end' got 20"),
        ("n=2", "'n'"),
        ("effect_size=3", "'effect_size'"),
        ("alpha=0", "'alpha'"),
        ("alternative=both", "'alternative'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, setting: str, words: str) -> None:
    message = rejected_render(tmp_path, "TestPower", "--set", setting)
    assert words in message


def test_a_beta_that_rounds_to_one_is_written_as_one_minus_the_power() -> None:
    from scenes.statistics.test_power import _beta_tex

    assert _beta_tex(0.9993, 0.0007) == r"\beta = 1 - 7.0\times10^{-4}"
    assert _beta_tex(0.2, 0.8) == r"\beta = 0.2"
    assert _beta_tex(1.0, 0.0) == r"\beta = 1"
