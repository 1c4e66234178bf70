"""Probability scenes: their mobjects against their sidecar numbers, layout, hostile input.

Each (scene, parameters) is the session's one checked build (conftest's ``built``, no
video; the smoke test renders them), shared with test_scene_checks and test_golden; its
report holds each beat's layout and invariant problems. Tests carry ``scene_group``.
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

from conftest import assert_every_beat_passes, grouped, run_cli, scene_group
from scenes.kit.checking import layout_problems
from scenes.parameters import ParamError, build
from scenes.probability.central_limit import CentralLimit
from scenes.probability.inverse_transform import InverseTransform
from scenes.probability.law_of_large_numbers import LawOfLargeNumbers
from scenes.probability.metropolis_hastings import MetropolisHastings
from scenes.probability.params import (
    CentralLimitParams,
    InverseTransformParams,
    LawOfLargeNumbersParams,
    MetropolisHastingsParams,
    RejectionSamplingParams,
    SamplingHistogramParams,
)
from scenes.probability.rejection_sampling import RejectionSampling
from scenes.probability.sampling_histogram import SamplingHistogram

# -- Probability scenes ---------------------------------------------------------------

CASES: dict[str, tuple[type, Any]] = {
    "histogram-default": (SamplingHistogram, SamplingHistogramParams()),
    "histogram-one-draw": (SamplingHistogram, SamplingHistogramParams(n=1)),
    "histogram-uniform": (
        SamplingHistogram,
        SamplingHistogramParams(distribution="uniform", low=-3, high=-1, n=400, bins=5),
    ),
    "histogram-beta": (
        SamplingHistogram,
        SamplingHistogramParams(distribution="beta", a=1, b=1, n=20_000, bins=80),
    ),
    "histogram-normal": (
        SamplingHistogram,
        SamplingHistogramParams(distribution="normal", mu=-40, sigma=0.01),
    ),
    "inverse-default": (InverseTransform, InverseTransformParams()),
    "inverse-cauchy-one": (InverseTransform, InverseTransformParams(distribution="cauchy", n=1)),
    "inverse-fast-rate": (
        InverseTransform,
        InverseTransformParams(rate=100.0, n=20_000, shown=12, bins=80),
    ),
    "rejection-default": (RejectionSampling, RejectionSamplingParams()),
    "rejection-normal-loose-one": (
        RejectionSampling,
        RejectionSamplingParams(target="normal", looseness=5.0, proposals=1),
    ),
    "rejection-flat-max": (
        RejectionSampling,
        RejectionSamplingParams(a=1.0, b=1.0, proposals=20_000),
    ),
    "mh-default": (MetropolisHastings, MetropolisHastingsParams()),
    "mh-correlated-none-shown": (
        MetropolisHastings,
        MetropolisHastingsParams(target="correlated", shown=0, steps=10),
    ),
    "mh-huge-steps": (
        MetropolisHastings,
        MetropolisHastingsParams(step=5.0, shown=40, start=(3.5, -3.5), steps=20_000),
    ),
    "lln-default": (LawOfLargeNumbers, LawOfLargeNumbersParams()),
    "lln-coin-tiny": (LawOfLargeNumbers, LawOfLargeNumbersParams(experiment="coin", n=10, runs=1)),
    "lln-max": (LawOfLargeNumbers, LawOfLargeNumbersParams(n=100_000, runs=6)),
    "clt-default": (CentralLimit, CentralLimitParams()),
    "clt-cauchy": (CentralLimit, CentralLimitParams(distribution="cauchy", largest_batch=100)),
}


@pytest.fixture(params=grouped(CASES, lambda case: CASES[case][0].__name__))
def probed(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    """The session's checked build (conftest's ``built``) of the case: its report holds
    each beat's layout and invariant problems and how many invariants it declared."""
    return built(*CASES[request.param])


def test_invariants_hold_at_every_beat(probed: Any) -> None:
    assert_every_beat_passes(probed, min_invariants=4)


def test_texts_inside_the_frame_and_apart(probed: Any) -> None:
    scene = probed.scene
    assert layout_problems(scene) == []


def test_sidecar_is_plain_json_with_the_issue_keys(probed: Any) -> None:
    scene = probed.scene
    json.dumps(scene.data, allow_nan=False)
    if isinstance(scene, SamplingHistogram | InverseTransform):
        keys = {"bin_edges", "counts", "ks_statistic", "ks_pvalue"}
    elif isinstance(scene, RejectionSampling):
        keys = {"envelope_factor", "acceptance_rate", "expected_acceptance", "stages"}
    elif isinstance(scene, MetropolisHastings):
        keys = {"acceptance_rate", "chain_mean", "target_mean", "shown_accepted"}
    elif isinstance(scene, LawOfLargeNumbers):
        keys = {"expectation", "final_means", "band_halfwidth_at_n", "means_at_checkpoints"}
    else:
        keys = {"batch_sizes", "mean_of_means", "std_of_means"}
    assert keys <= set(scene.data)
    for beat in scene.beats:
        assert beat.caption and beat.end is not None


@scene_group("SamplingHistogram")
def test_histogram_numbers_match_numpy_and_scipy(built: Callable[..., Any]) -> None:
    from mlmath_viz import distributions
    from mlmath_viz.random import generator

    params = SamplingHistogramParams()
    scene = built(SamplingHistogram, params).scene
    draws = distributions.make("exponential", 1.0).sample(params.n, generator(params.seed))
    counts, _ = np.histogram(draws, bins=np.asarray(scene.data["bin_edges"]))
    assert_allclose(scene.data["counts"], counts, rtol=0, atol=0)
    ks = scipy.stats.kstest(draws, scipy.stats.expon.cdf, method="exact")
    assert_allclose(scene.data["ks_statistic"], ks.statistic, rtol=1e-12)
    assert_allclose(scene.data["ks_pvalue"], ks.pvalue, rtol=1e-8)
    assert sum(scene.data["counts"]) + scene.data["outside_bins"] == params.n


@scene_group("CentralLimit")
def test_clt_spread_follows_sigma_over_root_n(built: Callable[..., Any]) -> None:
    scene = built(CentralLimit, CentralLimitParams()).scene
    sd = np.asarray(scene.data["std_of_means"])
    predicted = 1.0 / np.sqrt(scene.data["batch_sizes"])
    # The sd of 2000 means is within 5% of sigma/sqrt(n) (its own relative sd is about
    # 1.6% for the normal limit and 3.2% for single exponential draws).
    assert_allclose(sd, predicted, rtol=0.05)
    assert_allclose(scene.data["mean_of_means"], 1.0, atol=5 * max(predicted) / np.sqrt(2000))


def test_same_parameters_give_identical_sidecar_data(build_scene: Callable[..., Any]) -> None:
    # Two fresh builds (conftest's ``build_scene``), not a shared one.
    small = LawOfLargeNumbersParams(n=50, runs=2)
    a = build_scene(LawOfLargeNumbers, small)
    b = build_scene(LawOfLargeNumbers, small)
    assert json.dumps(a.data, sort_keys=True) == json.dumps(b.data, sort_keys=True)
    c = build_scene(LawOfLargeNumbers, LawOfLargeNumbersParams(n=50, runs=2, seed=1))
    assert c.data["final_means"] != a.data["final_means"]


@pytest.mark.parametrize(
    ("scene", "params_type", "overrides", "fragment"),
    [
        ("SamplingHistogram", SamplingHistogramParams, {"n": "0"}, "an integer in [1, 100000]"),
        ("SamplingHistogram", SamplingHistogramParams, {"n": "1e9"}, "an integer in [1, 100000]"),
        ("SamplingHistogram", SamplingHistogramParams, {"n": 10**9}, "an integer in [1, 100000]"),
        ("SamplingHistogram", SamplingHistogramParams, {"a": "-2"}, "in [1, 100]"),
        ("SamplingHistogram", SamplingHistogramParams, {"sigma": "-1"}, "in [0.01, 100]"),
        ("SamplingHistogram", SamplingHistogramParams, {"rate": "0"}, "in [0.01, 100]"),
        ("SamplingHistogram", SamplingHistogramParams, {"shape": "-3"}, "in [1, 100]"),
        ("SamplingHistogram", SamplingHistogramParams, {"distribution": "poisson"}, "one of"),
        (
            "SamplingHistogram",
            SamplingHistogramParams,
            {"distribution": "uniform", "low": "2", "high": "1"},
            "above low",
        ),
        ("CentralLimit", CentralLimitParams, {"distribution": "lognormal"}, "one of"),
        ("LawOfLargeNumbers", LawOfLargeNumbersParams, {"runs": "0"}, "in [1, 6]"),
        ("InverseTransform", InverseTransformParams, {"n": "0"}, "in [1, 100000]"),
        ("RejectionSampling", RejectionSamplingParams, {"looseness": "0.5"}, "in [1, 5]"),
        ("MetropolisHastings", MetropolisHastingsParams, {"step": "0"}, "in [0.05, 5]"),
        ("MetropolisHastings", MetropolisHastingsParams, {"start": "9,0"}, "in [-3.5, 3.5]"),
        (
            "MetropolisHastings",
            MetropolisHastingsParams,
            {"steps": "10", "shown": "20"},
            "at most steps",
        ),
        ("RejectionSampling", RejectionSamplingParams, {"a": "-1"}, "in [1, 20]"),
        ("RejectionSampling", RejectionSamplingParams, {"proposals": "0"}, "in [1, 100000]"),
        ("InverseTransform", InverseTransformParams, {"rate": "-1"}, "in [0.01, 100]"),
        ("InverseTransform", InverseTransformParams, {"distribution": "normal"}, "one of"),
        ("LawOfLargeNumbers", LawOfLargeNumbersParams, {"n": "1e9"}, "in [10, 100000]"),
        ("LawOfLargeNumbers", LawOfLargeNumbersParams, {"experiment": "dice"}, "one of"),
        ("CentralLimit", CentralLimitParams, {"largest_batch": "1"}, "in [2, 200]"),
        ("CentralLimit", CentralLimitParams, {"means": "nan"}, "an integer"),
    ],
)
def test_hostile_parameters_are_refused(
    scene: str, params_type: type, overrides: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(ParamError) as err:
        build(scene, params_type, overrides)
    assert str(err.value).startswith(f"{scene}: ")
    assert fragment in str(err.value)


def test_hostile_n_exits_2_on_the_command_line(tmp_path: Path) -> None:
    result = run_cli(
        "render", "SamplingHistogram", "--set", "n=1e9", "--quality", "low", "--out", str(tmp_path)
    )
    assert result.returncode == 2
    assert "n" in result.stderr and "100000" in result.stderr
    assert not any(tmp_path.iterdir())


@scene_group("LawOfLargeNumbers")
def test_law_of_large_numbers_numbers(built: Callable[..., Any]) -> None:
    from mlmath_viz import sampling
    from mlmath_viz.random import generators

    p = LawOfLargeNumbersParams()
    scene = built(LawOfLargeNumbers, p).scene
    for g, final, at in zip(
        generators(p.seed, p.runs),
        scene.data["final_means"],
        scene.data["means_at_checkpoints"],
        strict=True,
    ):
        rolls = sampling.die_rolls(p.n, g)
        assert_allclose(final, rolls.mean(), rtol=1e-12)
        assert_allclose(at, [rolls[:k].mean() for k in (1, 10, 100, 1000, p.n)], rtol=1e-12)
    assert_allclose(scene.data["band_halfwidth_at_n"], 2 * np.sqrt(35 / 12) / np.sqrt(p.n))


@scene_group("RejectionSampling")
def test_rejection_rate_converges_to_one_over_m(built: Callable[..., Any]) -> None:
    p = RejectionSamplingParams(proposals=30_000, looseness=2.0)
    scene = built(RejectionSampling, p).scene
    m = scene.data["envelope_factor"]
    assert_allclose(m, 2.0 * scipy.stats.beta(2, 5).pdf(0.2), rtol=1e-9)
    rate = scene.data["acceptance_rate"]
    # Binomial(30000, 1/M): 5 standard errors.
    assert abs(rate - 1 / m) < 5 * np.sqrt((1 / m) * (1 - 1 / m) / 30_000)
    assert scene.data["ks_pvalue"] > 0.01


@scene_group("MetropolisHastings")
def test_metropolis_hastings_chain_matches_the_sampler(built: Callable[..., Any]) -> None:
    from mlmath_viz import sampling
    from mlmath_viz.random import generator
    from scenes.probability.metropolis_hastings import MH_TARGETS

    p = MetropolisHastingsParams()
    scene = built(MetropolisHastings, p).scene
    run = sampling.metropolis_hastings(
        MH_TARGETS["two-bumps"].log_density, p.start, p.step, p.steps, generator(p.seed)
    )
    assert_allclose(scene.data["final_state"], run.chain[-1], rtol=0, atol=0)
    assert_allclose(scene.data["acceptance_rate"], run.accepted.mean(), rtol=0)
    assert scene.data["shown_accepted"] == run.accepted[: p.shown].tolist()


def _clt_cases() -> list[tuple[str, CentralLimitParams]]:
    from scenes import presets

    tables = presets.load().get("CentralLimit", {})
    return [("default", CentralLimitParams())] + [
        (name, CentralLimitParams(**values)) for name, values in sorted(tables.items())
    ]


@scene_group("CentralLimit")
@pytest.mark.parametrize(("name", "params"), _clt_cases(), ids=lambda v: str(v)[:20])
def test_clt_caption_wording_follows_the_ks_distance(
    built: Callable[..., Any], name: str, params: CentralLimitParams
) -> None:
    """Each beat's words about normality agree with the KS distance of the standardised
    means to N(0, 1), recomputed here with scipy from the same draws."""
    from mlmath_viz import distributions
    from mlmath_viz.random import generator
    from scenes.kit.numbers import format_number
    from scenes.probability.central_limit import CLOSE_TO_NORMAL

    scene = built(CentralLimit, params).scene
    dist = distributions.make(params.distribution)
    rng = generator(params.seed)
    captions = {beat.name: beat.caption for beat in scene.beats}
    sizes = scene.data["batch_sizes"]
    distances = []
    for i, n in enumerate(sizes):
        means = dist.sample(n * params.means, rng).reshape(params.means, n).mean(axis=1)
        assert_allclose(scene.data["std_of_means"][i], means.std(ddof=1), rtol=1e-12)
        caption = captions["distribution" if i == 0 else f"batch-{n}"]
        if not dist.has_finite_variance:
            assert scene.data["ks_distance_to_normal"][i] is None
            assert "normal" not in caption
            continue
        z = (means - dist.mean) / (dist.std / np.sqrt(n))
        d = scipy.stats.kstest(z, scipy.stats.norm.cdf).statistic
        distances.append(d)
        assert_allclose(scene.data["ks_distance_to_normal"][i], d, rtol=1e-12)
        close = d < CLOSE_TO_NORMAL
        assert ("close to normal" in caption) == close, caption
        assert ("not yet normal" in caption) == (not close), caption
        assert f"D = {format_number(d, 3)}" in caption, caption
        assert "matches the normal" not in caption
    verdict = captions["verdict"]
    if distances:
        assert ("close to N(" in verdict) == (distances[-1] < CLOSE_TO_NORMAL), verdict
        assert ("not yet normal" in verdict) == (distances[-1] >= CLOSE_TO_NORMAL), verdict
    assert scene.data["close_to_normal_threshold"] == CLOSE_TO_NORMAL


@scene_group("CentralLimit")
def test_clt_every_stage_fills_the_axis(built: Callable[..., Any]) -> None:
    """Issue 17: on the old fixed 0-7 axis the n = 30 histogram took about 15% of the
    width. Drawn standardised, the middle 95% of every stage's means spans at least 40%
    of the x axis; the drawn bars stay count / (means x width) scaled by sigma/sqrt(n)."""
    scene = built(CentralLimit, CentralLimitParams()).scene
    pic, data = scene.picture, scene.data
    width = pic.plot.x_hi - pic.plot.x_lo
    for i, n in enumerate(data["batch_sizes"]):
        edges, heights = pic.drawn(i, data["mu"])
        s = data["sigma"] / np.sqrt(n)
        side = data["histograms"][i]
        assert_allclose(edges, (np.asarray(side["bin_edges"]) - data["mu"]) / s, atol=1e-12)
        raw = np.asarray(side["counts"]) / (
            data["means_per_batch_size"] * np.diff(side["bin_edges"])
        )
        assert_allclose(heights, raw * s, rtol=1e-12)
        mass = np.cumsum(heights * np.diff(edges))
        lo, hi = edges[1:][np.searchsorted(mass, 0.025)], edges[1:][np.searchsorted(mass, 0.975)]
        assert (hi - lo) / width >= 0.4, (n, lo, hi, width)


# -- Issue 17: the pictures' own points ----------------------------------------------


@scene_group("SamplingHistogram")
def test_histogram_readouts_change_with_the_bars(built: Callable[..., Any]) -> None:
    """Issue 17: "n = 3,000" was shown beside the n = 1,000 KS statistic. No KS readout
    is on screen while the bars grow, and at every rest the n readout, the KS readout
    and the bars all describe the same draws."""
    scene = built(SamplingHistogram, SamplingHistogramParams()).scene
    pic = scene.picture
    sizes = [s["n"] for s in scene.data["stages"]]
    growing = [(n, ks) for phase, n, ks in pic.readouts if phase == "growing"]
    still = [(n, ks) for phase, n, ks in pic.readouts if phase == "still"]
    assert [n for n, _ in growing] == sizes and [n for n, _ in still] == sizes
    assert all(ks is None for _, ks in growing)
    assert all(n == ks for n, ks in still)
    # At the end the KS rows read the final statistic, set in LaTeX.
    from scenes.kit.numbers import latex_number

    assert latex_number(scene.data["ks_statistic"], 3) in scene.panel.ks[0].get_tex_string()


@scene_group("SamplingHistogram")
def test_histogram_density_curve_drawn_over_the_bars(built: Callable[..., Any]) -> None:
    """Issue 17: the growing bars covered the density curve; the curve is drawn above."""
    scene = built(SamplingHistogram, SamplingHistogramParams()).scene
    pic = scene.picture
    order = scene.mobjects
    assert pic.curve.z_index > pic.bars.z_index
    assert order.index(pic.bars) < order.index(pic.curve)


@scene_group("InverseTransform")
def test_inverse_rug_is_a_thinned_jittered_scatter(built: Callable[..., Any]) -> None:
    """Issue 17: 3,000 uniforms on one vertical line merged into a solid bar. The rug
    shows at most 400 of them (every k-th), spread over a strip at least 0.25 wide, each
    at its own u, 3 px across."""
    from scenes.kit.plotting import cloud_points
    from scenes.kit.standard import px_per_unit

    p = InverseTransformParams()
    scene = built(InverseTransform, p).scene
    pic = scene.picture
    pts = cloud_points(pic.u_cloud)
    assert 0 < len(pts) <= 400 and len(pts) == len(pic.u_rug)
    assert np.ptp(pts[:, 0]) >= 0.25
    assert_allclose(pic.cdf_plot.p2c(pts)[:, 1], pic.u_rug, atol=1e-9)
    assert pic.u_cloud.get_stroke_width() * 0.01 * px_per_unit(scene) >= 3.0
    # Neighbours in u are apart in x: no two consecutive rug dots on one vertical line.
    order = np.argsort(pic.u_rug)
    assert np.median(np.abs(np.diff(pts[order, 0]))) > 0.05


@scene_group("InverseTransform")
def test_inverse_caption_numbers_are_on_screen(built: Callable[..., Any]) -> None:
    """Issue 17: the follow caption's u -> x numbers were never drawn. The panel row
    shows exactly them, from the sidecar, and the caption quotes the same numbers."""
    from scenes.kit.numbers import format_number, latex_number

    scene = built(InverseTransform, InverseTransformParams()).scene
    u, x = scene.data["followed_uniforms"][0], scene.data["followed_samples"][0]
    row = scene.panel.first.get_tex_string()
    assert f"u = {latex_number(u, 3)}" in row and f"x = {latex_number(x, 3)}" in row
    caption = {b.name: b.caption for b in scene.beats}["follow"]
    assert f"u = {format_number(u, 3)}" in caption and f"= {format_number(x, 3)}." in caption
    assert scene.panel.first in scene.mobjects


@scene_group("RejectionSampling")
def test_rejection_accept_and_reject_differ_by_more_than_hue(
    built: Callable[..., Any],
) -> None:
    """Issue 17: accept/reject was red/green only. Accepted proposals are filled sky-blue
    dots, rejected ones hollow vermillion rings (6 px across); dots at least 3 px and rings
    at least 2 px wide; the legend's swatches match; the rate readout is LaTeX."""
    from manim import MathTex

    from scenes.kit.palettes import DARK
    from scenes.kit.standard import is_pen_cloud, px_per_unit

    scene = built(RejectionSampling, RejectionSamplingParams()).scene
    pic = scene.picture
    px = px_per_unit(scene)
    assert (DARK.accepted, DARK.rejected) == ("#56b4e9", "#d55e00")
    for acc, rej in zip(pic.acc_clouds, pic.rej_clouds, strict=True):
        assert acc.get_stroke_color().to_hex().lower() == DARK.accepted
        assert rej.get_stroke_color().to_hex().lower() == DARK.rejected
        assert is_pen_cloud(acc) and acc.get_stroke_width() * 0.01 * px >= 3.0
        # Hollow: no fill, a stroked ring per proposal, 16 Bezier points each.
        assert rej.get_fill_opacity() == 0 and len(rej.points) % 16 == 0
        assert rej.get_stroke_width() * 0.01 * px >= 2.0
        pts = rej.points.reshape(-1, 16, 3)
        if len(pts):
            diameter = np.ptp(pts[0, :, 0]) * px
            assert diameter >= 5.5  # a 2 px ring round a hole: hollow at 480p
    dot, ring = (row[0] for row in scene.panel.legend)
    assert dot.get_fill_opacity() == 1 and ring.get_fill_opacity() == 0
    rate_row = scene.panel.box[1]
    assert isinstance(rate_row, MathTex) and "1/M" in rate_row.get_tex_string()
    caption = {b.name: b.caption for b in scene.beats}["proposals-250"]
    assert "filled" in caption and "hollow" in caption
    assert "green" not in caption and "red" not in caption


@scene_group("LawOfLargeNumbers")
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_lln_expectation_has_its_own_colour(built: Callable[..., Any], theme: str) -> None:
    """Issue 17: a run was the same yellow as the expectation line. The expectation line
    and its legend swatch share one colour, which is at least 10 CIEDE2000 from every
    run's colour in normal, deuteranopic and protanopic vision; the runs are distinct."""
    from scenes.kit.standard import MIN_COLOUR_DISTANCE, VISIONS, colour_distance

    scene = built(LawOfLargeNumbers, LawOfLargeNumbersParams(runs=6), theme=theme).scene
    pic = scene.picture
    line = pic.expectation.get_stroke_color().to_hex().lower()
    runs = [c.get_stroke_color().to_hex().lower() for c in pic.curves]
    assert len(set(runs)) == 6 and line not in runs
    for run in runs:
        assert min(colour_distance(line, run, v) for v in VISIONS) >= MIN_COLOUR_DISTANCE
    swatch = scene.panel.legend[1][0].get_stroke_color().to_hex().lower()
    assert swatch == line


@scene_group("MetropolisHastings")
def test_mh_walk_is_zoomed_counted_and_paced(built: Callable[..., Any]) -> None:
    """Issue 17: 16 proposals sat in a one-unit corner of the 8-unit square at 0.3 s
    each, one outside the box, with no counter. The walk is drawn in a view zoomed onto
    its steps: every drawn proposal lies inside that window and the shown states span at
    least 40% of it; the counter ends at the shown proposals and their acceptances (as
    the sidecar has them); each step takes at least 0.5 s."""
    p = MetropolisHastingsParams()
    scene = built(MetropolisHastings, p).scene
    pic, data = scene.picture, scene.data
    cx, cy, h = pic.walk_window
    assert h < 0.75 * 4.0  # zoomed
    lo, hi = np.array([cx - h, cy - h]), np.array([cx + h, cy + h])
    assert len(pic.proposals_drawn) == p.shown
    for a, b in pic.proposals_drawn:
        for q in (a, b):
            assert np.all(q >= lo - 1e-9) and np.all(q <= hi + 1e-9)
    states = np.asarray(pic.chain[: p.shown + 1])
    assert np.max(np.ptp(states, axis=0)) >= 0.4 * 2 * h
    assert pic.counted == (p.shown, sum(data["shown_accepted"]))
    rows = [row.original_text for row in scene.panel.counter]
    assert rows == [
        f"proposals: {p.shown} of {p.shown}",
        f"accepted: {sum(data['shown_accepted'])}",
    ]
    walk = next(b for b in scene.beats if b.name == "walk")
    assert (walk.end - walk.start) / p.shown >= 0.5


@scene_group("CentralLimit")
def test_clt_legend_math_is_latex(built: Callable[..., Any]) -> None:
    """Issue 17: the legend's "means of n, as z" set n and z in plain text. Its rows
    with a variable are LaTeX, with n and z as math."""
    from manim import MathTex

    scene = built(CentralLimit, CentralLimitParams()).scene
    labels = [row[1] for row in scene.panel.legend]
    assert all(isinstance(m, MathTex) for m in labels)
    texts = [m.get_tex_string() for m in labels]
    assert texts[0] == r"\text{means of } n\text{, as } z"
    assert texts[2] == r"\text{one draw, as } z"
