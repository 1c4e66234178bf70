"""Statistics scenes: their mobjects against their sidecar numbers, the sidecar numbers
against scipy.stats, layout, and hostile input (no video is encoded).

Each (scene, parameters) is the session's one checked build (conftest's ``built``),
shared with test_scene_checks and test_golden; tests carry ``scene_group``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose
from sklearn.datasets import load_iris

from conftest import PROJECT_DIR, assert_every_beat_passes, grouped, run_cli, scene_group
from scenes.kit.checking import layout_problems
from scenes.parameters import ParamError, build
from scenes.statistics.bayesian_coin import BayesianCoin
from scenes.statistics.confidence_intervals import ConfidenceIntervals
from scenes.statistics.hypothesis_test import HypothesisTest
from scenes.statistics.params import (
    BayesianCoinParams,
    ConfidenceIntervalsParams,
    HypothesisTestParams,
)

CASES: dict[str, tuple[type, Any]] = {
    "coin-default": (BayesianCoin, BayesianCoinParams()),
    "coin-one-flip": (BayesianCoin, BayesianCoinParams(flips="H")),
    "coin-no-flips": (BayesianCoin, BayesianCoinParams(flips="0H0T")),
    "coin-strong-prior": (BayesianCoin, BayesianCoinParams(prior_a=100, prior_b=1, level=0.5)),
    "coin-huge-even": (BayesianCoin, BayesianCoinParams(flips="99999H99999T")),
    "coin-200-flips": (BayesianCoin, BayesianCoinParams(flips="HT" * 100)),
    "test-default": (HypothesisTest, HypothesisTestParams()),
    "test-off-axis": (
        HypothesisTest,
        HypothesisTestParams(feature="petal_length", group_a="setosa", alternative="greater"),
    ),
    "test-not-rejected": (HypothesisTest, HypothesisTestParams(feature="sepal_width", alpha=0.001)),
    "test-less-student": (
        HypothesisTest,
        HypothesisTestParams(alternative="less", equal_var=True, alpha=0.5),
    ),
    "ci-default": (ConfidenceIntervals, ConfidenceIntervalsParams()),
    "ci-skewed-tiny": (
        ConfidenceIntervals,
        ConfidenceIntervalsParams(distribution="exponential", n=2, intervals=200, level=0.5),
    ),
    "ci-large-n": (
        ConfidenceIntervals,
        ConfidenceIntervalsParams(n=1000, intervals=10, level=0.999),
    ),
}


@pytest.fixture(params=grouped(CASES, lambda case: CASES[case][0].__name__))
def probed(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    """The session's checked build (conftest's ``built``) of the case: its report holds
    each beat's layout and invariant problems and how many invariants it declared."""
    return built(*CASES[request.param])


def test_invariants_hold_at_every_beat(probed: Any) -> None:
    assert_every_beat_passes(probed, min_invariants=3)


def test_texts_inside_the_frame_and_apart(probed: Any) -> None:
    scene = probed.scene
    assert layout_problems(scene) == []


def test_sidecar_matches_scipy(probed: Any) -> None:
    scene = probed.scene
    json.dumps(scene.data, allow_nan=False)
    p = scene.params
    if isinstance(scene, BayesianCoin):
        a, b = scene.data["posterior"]
        heads, tails = scene.data["heads"], scene.data["tails"]
        assert [a, b] == [p.prior_a + heads, p.prior_b + tails]
        level = p.level
        expected = scipy.stats.beta(a, b).ppf([(1 - level) / 2, (1 + level) / 2])
        assert_allclose(scene.data["credible_interval"], expected, rtol=1e-9)
        assert_allclose(scene.data["posterior_mean"], a / (a + b), rtol=1e-12)
        assert scene.data["prior"] == [p.prior_a, p.prior_b]
    elif isinstance(scene, ConfidenceIntervals):
        lower, upper = (
            np.asarray(scene.data["intervals_lower"]),
            np.asarray(scene.data["intervals_upper"]),
        )
        means = np.asarray(scene.data["sample_means"])
        half = upper - means
        assert_allclose(means - lower, half, rtol=1e-10)
        assert np.all(half > 0)
        truth = scene.data["true_mean"]
        covers = (lower <= truth) & (truth <= upper)
        assert scene.data["covers"] == covers.tolist()
        assert scene.data["covered"] == int(covers.sum())
        assert_allclose(scene.data["coverage"], covers.mean(), rtol=1e-12)
    else:
        iris = load_iris()
        names = list(iris.target_names)
        column = list(iris.feature_names).index(p.feature.replace("_", " ") + " (cm)")
        x = iris.data[iris.target == names.index(p.group_a), column]
        y = iris.data[iris.target == names.index(p.group_b), column]
        oracle = scipy.stats.ttest_ind(x, y, equal_var=p.equal_var, alternative=p.alternative)
        assert_allclose(scene.data["statistic"], oracle.statistic, rtol=1e-10)
        assert_allclose(scene.data["df"], oracle.df, rtol=1e-10)
        assert_allclose(scene.data["p_value"], oracle.pvalue, rtol=1e-8, atol=1e-300)
        assert scene.data["reject"] == bool(oracle.pvalue < p.alpha)
        assert scene.data["test"] == ("student" if p.equal_var else "welch")


@scene_group("HypothesisTest")
def test_default_hypothesis_test_is_welch_on_iris_sepal_length(built: Callable[..., Any]) -> None:
    scene = built(HypothesisTest, HypothesisTestParams()).scene
    assert scene.data["statistic"] == pytest.approx(-5.6292, abs=1e-4)
    assert scene.data["df"] == pytest.approx(94.0255, abs=1e-4)
    assert scene.data["reject"] is True


@pytest.mark.parametrize(
    ("scene", "params_type", "overrides", "fragment"),
    [
        ("HypothesisTest", HypothesisTestParams, {"alpha": "1.5"}, "in [0.001, 0.5]"),
        ("HypothesisTest", HypothesisTestParams, {"alpha": "0"}, "in [0.001, 0.5]"),
        ("HypothesisTest", HypothesisTestParams, {"alpha": "-0.05"}, "in [0.001, 0.5]"),
        ("HypothesisTest", HypothesisTestParams, {"alternative": "sideways"}, "one of"),
        ("HypothesisTest", HypothesisTestParams, {"feature": "beak_depth"}, "one of"),
        ("HypothesisTest", HypothesisTestParams, {"group_b": "versicolor"}, "other than"),
        ("BayesianCoin", BayesianCoinParams, {"flips": "HHXT"}, "text matching"),
        ("BayesianCoin", BayesianCoinParams, {"flips": "H" * 201}, "text matching"),
        ("BayesianCoin", BayesianCoinParams, {"flips": "-3H2T"}, "text matching"),
        ("BayesianCoin", BayesianCoinParams, {"prior_a": "-1"}, "in [1, 100]"),
        ("BayesianCoin", BayesianCoinParams, {"level": "1"}, "in [0.5, 0.99]"),
        ("ConfidenceIntervals", ConfidenceIntervalsParams, {"n": "1"}, "in [2, 1000]"),
        ("ConfidenceIntervals", ConfidenceIntervalsParams, {"intervals": "0"}, "in [10, 200]"),
        ("ConfidenceIntervals", ConfidenceIntervalsParams, {"level": "1.5"}, "in [0.5, 0.999]"),
        ("ConfidenceIntervals", ConfidenceIntervalsParams, {"distribution": "cauchy"}, "one of"),
    ],
)
def test_hostile_parameters_are_refused(
    scene: str, params_type: type, overrides: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(ParamError) as err:
        build(scene, params_type, overrides)
    assert str(err.value).startswith(f"{scene}: ")
    assert fragment in str(err.value)


def test_hostile_alpha_exits_2_on_the_command_line(tmp_path: Path) -> None:
    result = run_cli(
        "render", "HypothesisTest", "--set", "alpha=1.5", "--quality", "low", "--out", str(tmp_path)
    )
    assert result.returncode == 2
    assert "alpha" in result.stderr and "[0.001, 0.5]" in result.stderr
    assert not any(tmp_path.iterdir())


@scene_group("BayesianCoin")
def test_flip_grid_shows_every_flip_in_order(built: Callable[..., Any]) -> None:
    from scenes.kit.style import PALETTE

    flips = "HHTHTTTH"
    scene = built(BayesianCoin, BayesianCoinParams(flips=flips)).scene
    colours = [sq.get_fill_color().to_hex().lower() for sq in scene.picture.flip_grid]
    # heads Okabe-Ito bluish green, tails vermillion (issue 17: no longer the yellow of
    # the posterior and the cyan of the mean line)
    heads, tails = PALETTE.series[2].lower(), PALETTE.series[4].lower()
    assert colours == [heads if c == "H" else tails for c in flips]
    assert all(
        sq in scene.mobjects or any(sq in m.get_family() for m in scene.mobjects)
        for sq in scene.picture.flip_grid
    )


@scene_group("BayesianCoin")
def test_coin_colours_mean_one_thing(built: Callable[..., Any]) -> None:
    """Heads, tails, the posterior curve, the shaded interval and the mean line are five
    colours, pairwise at least 10 apart (CIEDE2000) in normal vision and under simulated
    deuteranopia and protanopia, read from the drawn mobjects."""
    from itertools import combinations

    from scenes.kit.standard import MIN_COLOUR_DISTANCE, VISIONS, colour_distance

    scene = built(BayesianCoin, BayesianCoinParams()).scene
    pic = scene.picture
    drawn = {
        "heads": next(
            sq.get_fill_color().to_hex()
            for sq, c in zip(pic.flip_grid, scene.params.flips, strict=True)
            if c == "H"
        ),
        "tails": next(
            sq.get_fill_color().to_hex()
            for sq, c in zip(pic.flip_grid, scene.params.flips, strict=True)
            if c == "T"
        ),
        "posterior": pic.curve.get_stroke_color().to_hex(),
        "interval": pic.shade.get_fill_color().to_hex(),
        "mean": pic.mean_line.get_stroke_color().to_hex(),
    }
    assert len({c.lower() for c in drawn.values()}) == 5, drawn
    for (ra, ca), (rb, cb) in combinations(drawn.items(), 2):
        for vision in VISIONS:
            assert colour_distance(ca, cb, vision) >= MIN_COLOUR_DISTANCE, (ra, rb, vision)


@scene_group("ConfidenceIntervals")
def test_confidence_intervals_match_scipy_t_interval(built: Callable[..., Any]) -> None:
    from mlmath_viz import distributions
    from mlmath_viz.random import generator

    p = ConfidenceIntervalsParams()
    scene = built(ConfidenceIntervals, p).scene
    samples = distributions.make("normal").sample(p.intervals * p.n, generator(p.seed))
    for k, row in enumerate(samples.reshape(p.intervals, p.n)):
        lo, hi = scipy.stats.t.interval(
            p.level, p.n - 1, loc=row.mean(), scale=scipy.stats.sem(row)
        )
        assert_allclose(
            [scene.data["intervals_lower"][k], scene.data["intervals_upper"][k]],
            [lo, hi],
            rtol=1e-10,
        )


@scene_group("ConfidenceIntervals")
def test_skewed_small_samples_are_said_to_under_cover(built: Callable[..., Any]) -> None:
    params = ConfidenceIntervalsParams(distribution="exponential", n=5)
    scene = built(ConfidenceIntervals, params).scene
    assert scene.data["coverage"] < 0.9
    captions = " ".join(b.caption for b in scene.beats)
    assert "below the promised 95%" in captions and "about 95" not in captions


def _hypothesis_cases() -> list[tuple[str, dict[str, Any]]]:
    from scenes import presets

    tables = presets.load().get("HypothesisTest", {})
    return [("default", {}), *sorted(tables.items())]


def _iris_oracle(p: HypothesisTestParams) -> Any:
    if p.data:  # a preset reading a CSV file: the same test on the file as pandas reads it
        import pandas as pd

        frame = pd.read_csv(PROJECT_DIR / p.data)[[p.feature, p.group_column]].dropna()
        groups = frame[p.group_column].astype(str)
        x = frame[groups == p.group_a][p.feature].to_numpy()
        y = frame[groups == p.group_b][p.feature].to_numpy()
        return scipy.stats.ttest_ind(x, y, equal_var=p.equal_var, alternative=p.alternative)
    iris = load_iris()
    names = list(iris.target_names)
    column = list(iris.feature_names).index(p.feature.replace("_", " ") + " (cm)")
    x = iris.data[iris.target == names.index(p.group_a), column]
    y = iris.data[iris.target == names.index(p.group_b), column]
    return scipy.stats.ttest_ind(x, y, equal_var=p.equal_var, alternative=p.alternative)


_FORBIDDEN = ("no evidence", "is true", "accept", "prove", "h0 holds", "h_0 holds")


@scene_group("HypothesisTest")
@pytest.mark.parametrize(("preset", "raw"), _hypothesis_cases(), ids=lambda v: str(v))
def test_hypothesis_verdict_words_match_scipy(
    built: Callable[..., Any], preset: str, raw: dict[str, Any]
) -> None:
    """Every preset's verdict, in the decision caption and the panel, says what the
    test decides (scipy's p against alpha) in true words, and no caption or panel row
    says "no evidence", "H0 is true" or "accept"."""
    p = build("HypothesisTest", HypothesisTestParams, raw)
    scene = built(HypothesisTest, p).scene
    oracle = _iris_oracle(p)
    reject = bool(oracle.pvalue < p.alpha)
    alpha = f"{p.alpha:g}"
    caption = next(b.caption for b in scene.beats if b.name == "decision")
    panel = " ".join(row.tex_string for row in scene.picture.decision)
    if reject:
        assert f"< alpha = {alpha}: significant at alpha = {alpha}, reject H0" in caption
        assert "not significant" not in caption
        assert rf"< \alpha = {alpha}" in panel
        assert rf"\text{{significant}} \text{{at }} \alpha = {alpha}{{:}}" in panel
        assert r"\text{reject } H_0" in panel
        assert "not" not in panel
    else:
        assert f"> alpha = {alpha}: not significant at alpha = {alpha}, H0 not rejected" in caption
        assert rf"> \alpha = {alpha}" in panel
        assert rf"\text{{not significant}} \text{{at }} \alpha = {alpha}{{:}}" in panel
        assert r"H_0 \text{ not rejected}" in panel
        assert "reject }" not in panel
    words = " ".join(b.caption for b in scene.beats).lower() + " " + panel.lower()
    for phrase in _FORBIDDEN:
        assert phrase not in words, phrase


@scene_group("HypothesisTest")
@pytest.mark.parametrize(("preset", "raw"), _hypothesis_cases(), ids=lambda v: str(v))
def test_hypothesis_shaded_areas_are_alpha_and_p(
    built: Callable[..., Any], preset: str, raw: dict[str, Any]
) -> None:
    """The drawn rejection region (plus its mass beyond the axis) integrates to alpha,
    and the inset's drawn p-value tail, rescaled by its power of ten (plus the p-value
    region's mass outside the inset), to scipy's p-value."""
    from scenes.kit.plotting import polygon_area

    p = build("HypothesisTest", HypothesisTestParams, raw)
    scene = built(HypothesisTest, p).scene
    pic = scene.picture
    oracle = _iris_oracle(p)
    dist = scipy.stats.t(oracle.df)

    def outside(region: list[tuple[float, float]], lo: float, hi: float) -> float:
        mass = 0.0
        for a, b in region:
            if a < lo:
                mass += dist.cdf(min(b, lo)) - dist.cdf(a)
            if b > hi:
                mass += dist.sf(max(a, hi)) - dist.sf(b)
        return mass

    drawn = sum(polygon_area(pic.null, r) for r in pic.reject_shade)
    total = drawn + outside(pic.reject_region, pic.null.x_lo, pic.null.x_hi)
    assert total == pytest.approx(p.alpha, rel=2e-3)
    assert len(pic.reject_shade) >= 1
    if pic.big:
        assert pic.inset is None
        return
    ins = pic.inset
    assert ins is not None
    lo, hi = ins.x_range
    assert lo <= oracle.statistic <= hi  # the inset holds the observed t
    drawn = sum(polygon_area(ins.plot, r) for r in ins.p_shade) * 10.0**ins.power
    assert drawn > 0
    assert drawn + outside(pic.p_region, lo, hi) == pytest.approx(oracle.pvalue, rel=2e-3)
    # the magnification: the inset's y axis is at most a few times the tail's height
    peak = float(scipy.stats.t.pdf(abs(oracle.statistic) - 0.3, oracle.df))
    assert ins.plot.y_hi * 10.0**ins.power == pytest.approx(1.1 * peak, rel=0.5)


@scene_group("HypothesisTest")
@pytest.mark.parametrize(("preset", "raw"), _hypothesis_cases(), ids=lambda v: str(v))
def test_hypothesis_t_label_and_inset_curve(
    built: Callable[..., Any], preset: str, raw: dict[str, Any]
) -> None:
    """The observed t's label keeps at least 0.1 units (6 px at 480p) from the inset's
    links, box and border and from the critical lines; the inset's curve runs to both
    ends of its x axis, or leaves through the top of its y axis (issue 17)."""
    from scenes.kit.plotting import curve_vertices
    from scenes.statistics.hypothesis_test import _hits, _segments

    p = build("HypothesisTest", HypothesisTestParams, raw)
    scene = built(HypothesisTest, p).scene
    pic = scene.picture
    if pic.big:
        assert pic.inset is None
        return
    ins = pic.inset
    assert ins is not None
    label = next(m for m in scene.mobjects if getattr(m, "tex_string", "").startswith("t = "))
    assert not _hits(label, _segments(ins.frame), 0.1)
    xy = ins.plot.p2c(curve_vertices(ins.curve))
    for end in (0, -1):
        at_axis_end = min(abs(xy[end, 0] - ins.plot.x_lo), abs(xy[end, 0] - ins.plot.x_hi))
        at_top = abs(xy[end, 1] - ins.plot.y_hi)
        assert min(at_axis_end, at_top) < 1e-6, (end, xy[end], ins.plot.x_lo, ins.plot.x_hi)
    assert xy[:, 1].max() <= ins.plot.y_hi + 1e-9


@scene_group("HypothesisTest")
def test_hypothesis_colours_mean_one_thing(built: Callable[..., Any]) -> None:
    """The two samples, the observed t, the null density, the rejection region and the
    p-value tail, read from the drawn mobjects, are pairwise distinct colours at least
    10 apart (CIEDE2000) in normal vision, deuteranopia and protanopia."""
    from itertools import combinations

    from scenes.kit.standard import MIN_COLOUR_DISTANCE, VISIONS, colour_distance

    scene = built(HypothesisTest, HypothesisTestParams()).scene
    pic = scene.picture
    drawn = {
        "t": pic.t_mark.get_stroke_color().to_hex(),
        "p-value": pic.p_shade[0].get_fill_color().to_hex(),
        "rejection": pic.reject_shade[0].get_fill_color().to_hex(),
        "density": pic.inset.curve.get_stroke_color().to_hex(),
    }
    from scenes.kit.standard import data_marks

    dots = sorted({m.get_stroke_color().to_hex() for k, m in data_marks(scene) if k == "point"})
    assert len(dots) == 2, dots  # the two samples' dot clouds
    drawn["sample a"], drawn["sample b"] = dots
    assert len({c.lower() for c in drawn.values()}) == 6, drawn
    for (ra, ca), (rb, cb) in combinations(drawn.items(), 2):
        for vision in VISIONS:
            assert colour_distance(ca, cb, vision) >= MIN_COLOUR_DISTANCE, (ra, rb, vision)


_CI_CASES = {
    "default": ConfidenceIntervalsParams(),
    "skewed-small-n": ConfidenceIntervalsParams(distribution="exponential", n=5),
}


@scene_group("ConfidenceIntervals")
@pytest.mark.parametrize("case", sorted(_CI_CASES))
def test_confidence_misses_clearly_miss(built: Callable[..., Any], case: str) -> None:
    """Every miss is red and has a triangle beside its row; between its nearer end and
    the true-mean line there are at least 2 px (480p) of background: its own gap, or the
    background halo drawn over the misses and under the line. Bars are at least 2 px
    thick and mean dots 3 px across (issue 17: 1 px bars, a miss that seemed to touch mu)."""
    from scenes.statistics.confidence_intervals import miss_colour

    scene = built(ConfidenceIntervals, _CI_CASES[case]).scene
    pic = scene.picture
    px = 60.0  # px per scene unit at 480p (8-unit frame)
    covers = np.array(scene.data["covers"])
    truth_x = pic.truth_line.get_start()[0]
    line_half = pic.truth_line.get_stroke_width() * 0.01 * px / 2
    halo_half = pic.halo.get_stroke_width() * 0.01 * px / 2
    assert pic.halo.z_index > max(b.z_index for b, c in zip(pic.bars, covers, strict=True) if not c)
    assert pic.truth_line.z_index > pic.halo.z_index
    assert len(pic.miss_marks) == int((~covers).sum()) > 0
    for k in np.flatnonzero(~covers):
        bar = pic.bars[k]
        assert bar.get_stroke_color().to_hex().lower() == miss_colour().lower()
        near = min(abs(bar.get_start()[0] - truth_x), abs(bar.get_end()[0] - truth_x)) * px
        assert max(near, halo_half) - line_half >= 2.0, (k, near)
    for bar in pic.bars:
        assert bar.get_stroke_width() * 0.01 * px >= 2.0
    assert pic.means.get_stroke_width() * 0.01 * px >= 3.0
    caption = next(b.caption for b in scene.beats if b.name == "intervals")
    assert "(red, with a triangle beside them)" in caption  # as the legend says


@scene_group("ConfidenceIntervals")
def test_skewed_preset_uses_the_plot(built: Callable[..., Any]) -> None:
    """With Exp(1) samples of 5 a few very long intervals used to stretch the axis to
    [-2, 8], leaving the right half nearly empty: the axis now spans the middle 90% of
    the interval ends with a margin, and longer bars are cut at its ends with an
    arrowhead (issue 17)."""
    scene = built(ConfidenceIntervals, _CI_CASES["skewed-small-n"]).scene
    pic = scene.picture
    lower = np.asarray(scene.data["intervals_lower"])
    upper = np.asarray(scene.data["intervals_upper"])
    middle = np.quantile(upper, 0.95) - np.quantile(lower, 0.05)
    assert middle / (pic.plot.x_hi - pic.plot.x_lo) >= 0.55
    assert upper.max() > pic.plot.x_hi  # some bars are cut ...
    assert len(pic.cut_tips) == int((upper > pic.plot.x_hi).sum() + (lower < pic.plot.x_lo).sum())


@scene_group("HypothesisTest")
@pytest.mark.parametrize(("preset", "raw"), _hypothesis_cases(), ids=lambda v: str(v))
def test_hypothesis_captions_write_powers_of_ten(
    built: Callable[..., Any], preset: str, raw: dict[str, Any]
) -> None:
    """Captions write a small p as the panel does (1.9 × 10⁻⁷), never as 1.9e-7."""
    from scenes.kit.standard import E_NOTATION

    p = build("HypothesisTest", HypothesisTestParams, raw)
    scene = built(HypothesisTest, p).scene
    for beat in scene.beats:
        assert not E_NOTATION.search(beat.caption), beat.caption
    if _iris_oracle(p).pvalue < 1e-4:
        assert "× 10⁻" in next(b.caption for b in scene.beats if b.name == "p-value")
