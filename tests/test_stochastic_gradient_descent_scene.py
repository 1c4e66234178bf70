"""StochasticGradientDescent: its own mobjects against its sidecar data and oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). The sidecar's numbers are recomputed here with numpy
from scikit-learn's raw diabetes data (the MSE gradient 2/N X^T(X theta - y), the
closed-form covariance of a batch mean without replacement, plain gradient descent,
numpy.linalg.lstsq) and the random draws are re-made with a fresh generator from the
seed by the documented recipe; the drawn tips, arrows, paths and loss lines are read
back with the plots' ``p2c``; bad parameters exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from scenes.kit.marks import dot_centres
from scenes.optimization.params import StochasticGradientDescentParams as Params

CASES = {
    "default": Params(),
    "large-lr": Params(batch_sizes=(4, 32, 442), lr=0.4, steps=80),
    "whole-data": Params(batch_sizes=(442,), steps=1),
    "diverging, blood pressure": Params(feature="bp", batch_sizes=(1, 2), lr=1.5, steps=200),
    # found by fuzzing: a three-digit lr made the update rule's row too wide (11 px digits)
    "fuzz: lr 0.169": Params(batch_sizes=(442,), lr=0.16906513011549776, steps=21, seed=1858272),
    # found by fuzzing: with lr = 0 the path is one point, its line a 2.4 px dot
    "fuzz: lr 0": Params(batch_sizes=(442,), lr=0.0, seed=21),
}
BEATS = ["landscape", "gradients", "paths", "result"]
CONTRACT = ("batch_sizes", "gradient_samples", "full_gradient", "lstsq")
#: Sample means of the 1000 gradients within this many standard errors of the full one.
SIGMAS = 5.0


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("StochasticGradientDescent", CASES[request.param])


def data_of(feature: str) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_diabetes

    bunch = load_diabetes(scaled=False)
    x = bunch.data[:, list(bunch.feature_names).index(feature)].astype(float)
    return (x - x.mean()) / x.std(), bunch.target.astype(float)


def numpy_gradient(theta: np.ndarray, z: np.ndarray, y: np.ndarray) -> np.ndarray:
    x = np.column_stack([np.ones_like(z), z])
    return 2.0 / len(z) * x.T @ (x @ theta - y)


@scene_group("StochasticGradientDescent")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert sum(m["invariants"] for m in report.measured.values()) >= 6
    assert report.problems == [], "\n".join(report.problems)


@scene_group("StochasticGradientDescent")
def test_sidecar_numbers_against_numpy(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    for key in CONTRACT:
        assert key in d, key
    z, y = data_of(p.feature)
    n = len(y)
    x = np.column_stack([np.ones_like(z), z])
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    assert_allclose(d["lstsq"], coef, rtol=1e-10)
    assert d["batch_sizes"] == list(p.batch_sizes)
    start = np.zeros(2)
    assert_allclose(d["full_gradient"], numpy_gradient(start, z, y), rtol=1e-12)
    per = 2.0 * (x @ start - y)[:, None] * x
    sigma = np.cov(per, rowvar=False, ddof=0)
    assert_allclose(d["per_example_spread"], np.sqrt(np.trace(sigma)), rtol=1e-12)
    best = np.mean((x @ coef - y) ** 2)
    for b in p.batch_sizes:
        run = d[str(b)]
        closed = (n - b) / (b * (n - 1)) * sigma
        assert_allclose(run["predicted_covariance"], closed, rtol=1e-12, atol=1e-9)
        samples = np.array(d["gradient_samples"][str(b)])
        se = np.sqrt(np.diag(closed) / len(samples))
        gap = np.abs(samples.mean(axis=0) - d["full_gradient"])
        assert np.all(gap <= SIGMAS * se + 1e-9), (b, gap, se)
        assert_allclose(run["sample_spread"], np.sqrt(np.trace(np.cov(samples.T))), atol=1e-9)
        pts = np.array(run["trajectory"])
        assert_allclose(pts[0], start)
        losses = np.array([np.mean((x @ t - y) ** 2) for t in pts])
        assert_allclose(run["losses"], losses, rtol=1e-12)
        assert_allclose(d["excess_losses"][str(b)], losses - best, rtol=1e-9, atol=1e-6)
        assert_allclose(run["final_distance"], np.linalg.norm(pts[-1] - coef), rtol=1e-9, atol=1e-9)
    if n in p.batch_sizes:  # the full batch is plain gradient descent
        theta, want = start, [start]
        for _ in range(len(d[str(n)]["trajectory"]) - 1):
            theta = theta - p.lr * numpy_gradient(theta, z, y)
            want.append(theta)
        assert_allclose(d[str(n)]["trajectory"], want, rtol=1e-11, atol=1e-9)
        assert d[str(n)]["sample_spread"] == 0.0


@scene_group("StochasticGradientDescent")
def test_draws_are_the_documented_recipe(case: tuple[str, Any]) -> None:
    """A fresh PCG64 from the seed: for each batch size, smallest first, 1000 batches of
    rng.permutation(N)[:B], then one permutation per epoch cut into batches of B."""
    name, report = case
    p, d = CASES[name], report.scene.data
    z, y = data_of(p.feature)
    n = len(y)
    x = np.column_stack([np.ones_like(z), z])
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(p.seed)))
    for b in p.batch_sizes:
        samples = []
        for _ in range(len(d["gradient_samples"][str(b)])):
            s = rng.permutation(n)[:b]
            samples.append(2.0 / b * x[s].T @ (x[s] @ np.zeros(2) - y[s]))
        assert_allclose(d["gradient_samples"][str(b)], samples, rtol=1e-9, atol=1e-9)
        theta, want = np.zeros(2), [np.zeros(2)]
        per_epoch = n // b
        order = np.zeros(0, dtype=int)
        taken = len(d[str(b)]["trajectory"]) - 1
        for k in range(p.steps):
            if k % per_epoch == 0:
                order = rng.permutation(n)
            s = order[(k % per_epoch) * b : (k % per_epoch + 1) * b]
            if k < taken:
                theta = theta - p.lr * 2.0 / b * x[s].T @ (x[s] @ theta - y[s])
                want.append(theta)
        assert_allclose(d[str(b)]["trajectory"], want, rtol=1e-9, atol=1e-6)


@scene_group("StochasticGradientDescent")
def test_the_drawn_picture_is_the_sidecar(case: tuple[str, Any]) -> None:
    _, report = case
    scene = report.scene
    pic, d = scene.picture, scene.data
    frame = pic.frame
    (x0, x1), (y0, y1) = frame.box
    atol = 1e-6 * (x1 - x0)
    assert_allclose(frame.p2c(pic.star.get_center()), d["lstsq"], atol=atol)
    k = d["arrow_scale"]
    assert 0 < k * np.linalg.norm(d["full_gradient"]) <= 0.3 * d["start_distance"] + 1e-9
    bold = frame.p2c(pic.full_arrow.get_end()) - frame.p2c(pic.full_arrow.get_start())
    assert_allclose(bold, -k * np.array(d["full_gradient"]), atol=atol)
    for art in pic.batches:
        samples = np.array(d["gradient_samples"][str(art.size)])
        tips = -k * samples  # the start is (0, 0)
        inside = (tips[:, 0] >= x0) & (tips[:, 0] <= x1) & (tips[:, 1] >= y0) & (tips[:, 1] <= y1)
        drawn = np.array([frame.p2c(c) for c in dot_centres(art.tips)]).reshape(-1, 2)
        assert_allclose(drawn, tips[inside], atol=atol)
        assert d["tips_drawn"][str(art.size)] == int(inside.sum())
        assert len(art.arrows) == (0 if art.size == d["n"] else min(6, int(inside.sum())))
        # the path's dots at the trajectory's points inside the plot, after the last beat
        pts = np.array(d[str(art.size)]["trajectory"])
        keep = (pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1)
        centres = np.array([frame.p2c(c) for c in dot_centres(art.path.dots)]).reshape(-1, 2)
        assert_allclose(centres, pts[keep], atol=atol)
    for inv in scene.invariants("result"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


@scene_group("StochasticGradientDescent")
def test_the_table_and_captions_say_the_numbers_shown(case: tuple[str, Any]) -> None:
    from scenes.kit.numbers import sig, sig_tex

    _, report = case
    scene = report.scene
    d = scene.data
    captions = {b.name: b.caption for b in scene.beats}
    for art in scene.picture.batches:
        run = d[str(art.size)]
        measured, theory = art.row[2], art.row[3]
        assert measured.tex_string == sig_tex(run["sample_spread"], 3)
        assert theory.tex_string == sig_tex(run["predicted_spread"], 3)
        text = f"B = {art.size}: spread {sig(run['sample_spread'], 3)}"
        assert text.replace("-", "−") in captions["gradients"] or text in captions["gradients"]
        if run["diverged"]:
            shown = r"\text{diverged}"
        elif run["final_distance"] < 1e-3:
            shown = r"{<}\,10^{-3}"
        else:
            shown = sig_tex(run["final_distance"], 3)
        assert art.end_cell.tex_string == shown
        if run["diverged"]:
            assert f"B = {art.size} diverged" in captions["result"]
    assert d["diverged_batch_sizes"] == [b for b in d["batch_sizes"] if d[str(b)]["diverged"]]


@scene_group("StochasticGradientDescent")
def test_large_lr_says_small_batches_keep_bouncing(built: Any) -> None:
    scene = built("StochasticGradientDescent", CASES["large-lr"]).scene
    d = scene.data
    assert "keep bouncing around the optimum" in scene.beats[-1].caption
    assert "on the fit" in scene.beats[-1].caption
    # what the caption claims: B = 4 and 32 came near the fit and ended away from it,
    # the full batch ended on it
    for b in (4, 32):
        assert d[str(b)]["closest_distance"] < 0.25 * d["start_distance"]
        assert d[str(b)]["final_distance"] > 0.05 * d["start_distance"]
    assert d["442"]["final_distance"] < 1e-6


@pytest.mark.parametrize(
    "setting, words",
    [
        ("batch_sizes=0,2", "'batch_sizes'"),
        ("batch_sizes=1,443", "'batch_sizes'"),
        ("batch_sizes=32,4", "strictly increasing"),
        ("batch_sizes=4,4", "strictly increasing"),
        ("batch_sizes=1,2,3,4,5", "'batch_sizes'"),
        ("lr=-1", "'lr'"),
        ("feature=age", "'feature'"),
        ("seed=-3", "'seed'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, setting: str, words: str) -> None:
    message = rejected_render(tmp_path, "StochasticGradientDescent", "--set", setting)
    assert words in message
