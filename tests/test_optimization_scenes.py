"""The optimization scenes' own mobjects against their sidecar numbers (no video).

Each (scene, parameters) is the session's one checked build (conftest's ``built``),
shared with test_scene_checks and test_golden; its tests carry ``scene_group``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import grouped, run_cli, scene_group
from mlmath_viz import descent, objectives, optimizers
from scenes.kit.marks import dot_centres
from scenes.optimization.gradient_descent import GradientDescent
from scenes.optimization.params import GradientDescentParams
from scenes.parameters import ParamError, build

# Drawn coordinates come back through Manim's p2c; 1e-6 of the plot's width is far
# below a pixel.
REL_ATOL = 1e-6


GD_CASES = {
    "default": {},
    "diverging lr=1e9": {"lr": 1e9},
    "steps=0": {"steps": 0},
    "lr=0": {"lr": 0.0},
    "lr just above 2/lambda_max, not yet past the bound": {"lr": 0.47},
    "start far outside the view": {"start": (900.0, -900.0)},
    "himmelblau: f falls to 8e-31, below the old 1e-10 floor": {
        "objective": "himmelblau",
        "lr": 0.01,
        "start": (-1.0, -1.0),
        "steps": 60,
    },
}


@pytest.fixture(params=grouped(GD_CASES, "GradientDescent"))
def gd(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    """The session's checked build (conftest's ``built``) of the case's GradientDescent."""
    return built(GradientDescent, GradientDescentParams(**GD_CASES[request.param])).scene


def span(scene: Any) -> float:
    (x0, x1), _ = scene.picture.frame.box
    return float(x1 - x0)


def test_sidecar_matches_an_independent_run(gd: Any) -> None:
    p = gd.params
    f = objectives.by_name(p.objective, p.hessian)
    run = descent.trajectory(f, optimizers.gradient_descent(p.lr), p.start, p.steps)
    assert_allclose(gd.data["trajectory"], run.points, rtol=0)
    assert_allclose(gd.data["losses"], run.losses, rtol=0)
    assert gd.data["diverged"] is run.diverged
    assert gd.data["trajectory"][0] == list(p.start)
    if p.objective == "quadratic":
        lam = np.linalg.eigvalsh(np.array(p.hessian))
        assert_allclose(gd.data["lr_critical"], 2 / lam.max(), rtol=1e-12)


def test_path_dots_sit_at_the_trajectory_points(gd: Any) -> None:
    centres = np.array(
        [gd.picture.frame.p2c(c) for c in dot_centres(gd.picture.path.dots)]
    ).reshape(-1, 2)
    traj = np.array(gd.data["trajectory"])
    (x0, x1), (y0, y1) = gd.picture.frame.box
    inside = (traj[:, 0] >= x0) & (traj[:, 0] <= x1) & (traj[:, 1] >= y0) & (traj[:, 1] <= y1)
    # The path is drawn up to where it first leaves the plot (issue 17: a diverging run
    # re-entering the box drew a bar of clipped segments); nothing after that.
    leaves = int(np.argmin(inside)) if not inside.all() else len(traj)
    assert gd.data["leaves_plot_at"] == (None if inside.all() else leaves)
    drawn = inside & (np.arange(len(traj)) < leaves)
    assert_allclose(centres, traj[drawn], atol=REL_ATOL * span(gd))
    assert inside[0], "the start is always in view"


def test_a_run_leaving_the_plot_is_marked_on_its_edge(gd: Any) -> None:
    leaves = gd.data["leaves_plot_at"]
    if leaves is None:
        assert len(gd.picture.exit.submobjects) == 0
        return
    (x0, x1), (y0, y1) = gd.picture.frame.box
    mark = gd.picture.exit.submobjects[0]
    x, y = gd.picture.frame.p2c(mark.get_center())
    size = 0.05 * (x1 - x0)
    on_edge = min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1))
    assert on_edge < size, "the exit mark sits on the plot's edge"
    assert gd.picture.exit in gd.mobjects


def test_verdict_colours_are_the_learning_rates_scenes(gd: Any) -> None:
    from scenes.kit.style import PALETTE

    word = gd.data["verdict"]
    colour = gd.picture.conclusion.submobjects[0].get_fill_color().to_hex().lower()
    if gd.params.lr == 0 or gd.params.steps == 0:
        assert colour == PALETTE.muted.lower()
    elif word == "converged":
        assert colour == PALETTE.accepted.lower()
    elif word in ("diverged", "diverging"):
        assert colour == PALETTE.rejected.lower()
    else:
        assert colour == PALETTE.muted.lower()


def test_the_marker_rests_at_each_point_while_the_readout_shows_it() -> None:
    from scenes.optimization.gradient_descent import MOVE_SHARE, stepped

    assert stepped(3.0) == 3.0
    assert stepped(3.0 + MOVE_SHARE / 2) == pytest.approx(3.5)
    # From arrival to the next departure the marker is at the point the readout shows.
    for s in (3.0 + MOVE_SHARE, 3.0 + 0.5 * (1 + MOVE_SHARE), 3.999):
        assert stepped(s) == 4.0


def test_path_line_stays_inside_the_plot(gd: Any) -> None:
    (x0, x1), (y0, y1) = gd.picture.frame.box
    eps = 1e-6 * span(gd)
    for point in gd.picture.path.path.points:
        x, y = gd.picture.frame.p2c(point)
        assert x0 - eps <= x <= x1 + eps and y0 - eps <= y <= y1 + eps


def test_loss_plot_points_equal_the_losses(gd: Any) -> None:
    centres = np.array([gd.picture.loss_frame.p2c(c) for c in dot_centres(gd.picture.loss.dots)])
    losses = np.array(gd.data["losses"])
    assert len(centres) == len(losses)
    assert_allclose(centres[:, 0], np.arange(len(losses)), atol=1e-9)
    axis = gd.picture.log_axis
    shown = np.clip(np.log10(np.maximum(losses, 1e-300)), axis.low, axis.high)
    assert_allclose(centres[:, 1], shown, atol=1e-6)
    inside = (losses > 0) & (np.log10(np.maximum(losses, 1e-300)) >= axis.low)
    assert_allclose(10 ** centres[inside, 1], losses[inside], rtol=1e-5)


def test_declared_invariants_hold_at_the_end(gd: Any) -> None:
    for inv in gd.invariants("result"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


def test_conclusion_says_what_happened(gd: Any) -> None:
    text = gd.picture.conclusion.original_text
    losses = gd.data["losses"]
    if gd.data["diverged"]:
        assert text.startswith("diverged")
        assert "diverged" in gd.beats[-1].caption
    elif losses[-1] > losses[0]:
        assert text.startswith("diverging")
        assert "diverging" in gd.beats[-1].caption
    else:
        assert "diverg" not in text


def read_digits(readout: Any) -> str:
    """The characters a Readout draws, decoded from its outlines: each non-empty slot
    must be exactly one glyph's outline, moved."""
    try:
        return str(readout.drawn_text())
    except ValueError as error:
        raise AssertionError(str(error)) from error


def test_step_readout_shows_the_last_step_and_loss(gd: Any) -> None:
    """GradientDescent's readout writes the loss as m x 10^e (one scientific notation):
    the last step and its loss to 3 significant figures, on the labels' baseline,
    inside the frame."""
    from scenes.kit.style import FRAME_MARGIN, frame_half_width

    readout, losses = gd.picture.readout, gd.data["losses"]
    assert read_digits(readout.step_number) == str(len(losses) - 1)
    shown = readout.shown_text()
    assert float(shown) == pytest.approx(losses[-1], rel=5e-3, abs=1e-300)
    baseline = readout.step_label[0][0].get_bottom()[1]  # the "k" of "k ="
    for number in (readout.step_number, readout.mantissa):
        assert number.characters[0].get_bottom()[1] == pytest.approx(baseline, abs=0.02)
    assert (readout.times.get_fill_opacity() > 0) == ("e" in shown)
    right = readout.left_edge() + readout.full_width
    assert readout.get_right()[0] <= right + 1e-9
    assert right <= frame_half_width() - FRAME_MARGIN


def test_loss_plot_says_when_losses_lie_below_its_floor(gd: Any) -> None:
    losses = np.array(gd.data["losses"])
    below = bool(np.any(losses < 10.0**gd.picture.log_axis.low))
    assert ("on the floor" in gd.picture.loss_title.tex_string) == below


@scene_group("GradientDescent")
def test_gradient_arrow_is_perpendicular_to_the_drawn_level_set(
    built: Callable[..., Any],
) -> None:
    report = built(GradientDescent, GradientDescentParams())
    assert report.problems == []
    assert report.beats == ["landscape", "gradient", "descent", "result"]


def test_level_set_invariant_checks_geometry(build_scene: Callable[..., Any]) -> None:
    # Its own build (conftest's ``build_scene``): the test moves the arrow.
    scene = build_scene(GradientDescent, GradientDescentParams(steps=1))
    scene.picture.arrow_index = 0  # as at the end of the gradient beat
    scene.picture.gradient_arrow.set_opacity(1.0)
    scene.picture.gradient_arrow.put_start_and_end_on(
        scene.picture.frame.c2p(np.array([scene.data["trajectory"][0]]))[0],
        scene.picture.frame.c2p(np.array([[-2.5 + 0.3, 2.0]]))[0],  # a wrong direction
    )
    failed = [
        inv.name
        for inv in scene.invariants("gradient")
        if not np.allclose(inv.actual, inv.expected, atol=inv.atol)
    ]
    assert "gradient arrow points along grad f(v0)" in failed


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"lr": "-0.1"}, "parameter 'lr'"),
        ({"steps": "10000000"}, "parameter 'steps'"),
        ({"steps": "-1"}, "parameter 'steps'"),
        ({"hessian": "1,0,0,-1"}, "symmetric positive definite"),
        ({"hessian": "1,2,0,1"}, "symmetric positive definite"),
        ({"objective": "rosenbrock", "hessian": "2,0,0,2"}, "only with objective quadratic"),
        ({"start": "1e6,0"}, "parameter 'start'"),
        ({"objective": "booth"}, "parameter 'objective'"),
    ],
)
def test_hostile_parameters_are_rejected(overrides: dict[str, str], fragment: str) -> None:
    with pytest.raises(ParamError, match=fragment) as err:
        build("GradientDescent", GradientDescentParams, overrides)
    assert str(err.value).startswith("GradientDescent: ")


def test_cli_rejects_negative_lr_with_exit_2(tmp_path: Path) -> None:
    result = run_cli(
        "render", "GradientDescent", "--set", "lr=-1", "--quality", "low", "--out", str(tmp_path)
    )
    assert result.returncode == 2
    assert "'lr'" in result.stderr
    assert not any(tmp_path.iterdir())


@pytest.fixture
def rates(built: Callable[..., Any]) -> Any:
    from scenes.optimization.learning_rates import LearningRates
    from scenes.optimization.params import LearningRatesParams

    return built(LearningRates, LearningRatesParams()).scene


@scene_group("LearningRates")
def test_learning_rates_runs_and_verdicts(rates: Any) -> None:
    p = rates.params
    f = objectives.by_name(p.objective, p.hessian)
    critical = rates.data["lr_critical"]
    for run, lr in zip(rates.data["runs"], (p.lr_small, p.lr_good, p.lr_large), strict=True):
        independent = descent.trajectory(f, optimizers.gradient_descent(lr), p.start, p.steps)
        assert_allclose(run["trajectory"], independent.points, rtol=0)
        assert run["lr"] == lr
        if lr > critical:  # above 2/lambda_max the loss must grow
            assert run["verdict"] in ("diverging", "diverged")
            assert run["losses"][-1] > run["losses"][0]
        else:
            assert run["verdict"] in ("converged", "still descending")
    assert [r["verdict"] for r in rates.data["runs"]] == [
        "still descending",
        "converged",
        "diverging",
    ]
    for inv in rates.invariants("verdicts"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


@scene_group("LearningRates")
def test_learning_rates_cuts_a_run_at_the_edge_and_colours_verdicts(rates: Any) -> None:
    from scenes.kit.style import PALETTE
    from scenes.optimization.common import verdict_colour

    assert verdict_colour("converged") == PALETTE.accepted
    assert verdict_colour("diverging") == verdict_colour("diverged") == PALETTE.rejected
    pic = rates.picture
    for art, run, block, exit_group in zip(
        pic.arts, rates.data["runs"], pic.verdicts, pic.exits, strict=True
    ):
        words = block.submobjects[0].submobjects[0]  # the verdict's first letter
        assert words.get_fill_color().to_hex().lower() == verdict_colour(run["verdict"]).lower()
        (x0, x1), (y0, y1) = art.frame.box
        traj = np.array(run["trajectory"])
        inside = (traj[:, 0] >= x0) & (traj[:, 0] <= x1) & (traj[:, 1] >= y0) & (traj[:, 1] <= y1)
        if inside.all():
            assert len(exit_group.submobjects) == 0
            continue
        # Drawn only up to the first point outside: the diverging run is no bar of clipped
        # segments, and a mark sits on the edge where it leaves.
        leaves = int(np.argmin(inside))
        assert art.steps == leaves
        assert len(exit_group.submobjects) == 1
        mx, my = art.frame.p2c(exit_group.submobjects[0].get_center())
        assert min(abs(mx - x0), abs(mx - x1), abs(my - y0), abs(my - y1)) < 0.05 * (x1 - x0)
    assert "leaves the plot" in pic.verdicts[2].submobjects[1].original_text


RACE_CASES = {
    "rosenbrock": {},
    "ill-conditioned quadratic, one optimizer diverging": {
        "objective": "quadratic",
        "hessian": ((20.0, 0.0), (0.0, 0.5)),
        "start": (-2.5, 2.0),
        "steps": 60,
        "lr_gd": 0.13,  # above 2/20 = 0.1: |1 - 20 lr| = 1.6, past 1e6 within 60 steps
        "lr_momentum": 0.03,
        "lr_nesterov": 0.03,
        "lr_adagrad": 1.0,
        "lr_rmsprop": 0.05,
        "lr_adam": 0.1,
    },
}


@pytest.fixture(params=grouped(RACE_CASES, "OptimizerRace"))
def race(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    from scenes.optimization.optimizer_race import OptimizerRace
    from scenes.optimization.params import OptimizerRaceParams

    return built(OptimizerRace, OptimizerRaceParams(**RACE_CASES[request.param])).scene


def test_race_data_per_optimizer(race: Any) -> None:
    p = race.params
    f = objectives.by_name(p.objective, p.hessian)
    assert race.data["order"] == list(optimizers.NAMES)
    for name in optimizers.NAMES:
        entry = race.data[name]
        assert {"trajectory", "losses", "diverged"} <= set(entry)
        run = descent.trajectory(f, optimizers.by_name(name, entry["lr"]), p.start, p.steps)
        assert_allclose(entry["trajectory"], run.points, rtol=0)
        assert entry["diverged"] is run.diverged
    if p.objective == "quadratic":
        assert race.data["gd"]["diverged"]
        assert race.picture.finals["gd"].original_text == "diverged"


def test_race_series_are_told_apart_by_colour_and_shape(race: Any) -> None:
    from scenes.kit.style import PALETTE

    pic = race.picture
    colours = [pic.arts[n].path.get_stroke_color().to_hex().lower() for n in pic.names]
    assert len(set(colours)) == 6
    assert colours == [c.lower() for c in PALETTE.series]  # Okabe-Ito, in legend order

    def outline(mob: Any) -> tuple[float, ...]:
        pts = mob.points[:, :2] - mob.get_center()[:2]
        return (len(pts), *np.round(pts / np.abs(pts).max(), 2).flatten()[:8].tolist())

    kinds = [outline(pic.arts[n].marker) for n in pic.names]
    assert len(set(kinds)) == 6  # six marker shapes
    for n in pic.names:
        assert pic.arts[n].path.get_stroke_width() >= 3.4
        assert pic.loss_reveals[n].line.get_stroke_width() >= 3.4


def test_race_legend_is_math_and_inside_the_safe_area(race: Any) -> None:
    from manim import MathTex

    pic = race.picture
    for row in pic.rows:
        assert isinstance(row[2], MathTex)  # the learning rate
        assert row.get_right()[0] <= 6.40
    assert isinstance(pic.loss_title, MathTex)
    assert pic.loss_frame.group.get_right()[0] <= 6.40


def test_race_paths_and_loss_lines_match_the_data(race: Any) -> None:
    checks = race.invariants("results")
    assert len(checks) >= 6
    for inv in checks:
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


REGRESSION_CASES = {"bmi": {}, "blood pressure, diverging lr": {"feature": "bp", "lr": 1.5}}


@pytest.fixture(params=grouped(REGRESSION_CASES, "LinearRegressionGD"))
def regression_scene(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    from scenes.optimization.linear_regression_gd import LinearRegressionGD
    from scenes.optimization.params import LinearRegressionGDParams

    params = LinearRegressionGDParams(**REGRESSION_CASES[request.param])
    return built(LinearRegressionGD, params).scene


def test_regression_ends_on_the_lstsq_line(regression_scene: Any) -> None:
    from mlmath_viz.regression import diabetes

    d = regression_scene.data
    data = diabetes(d["feature"])
    design = np.column_stack([np.ones_like(data.x), data.x])
    (c0, c1), *_ = np.linalg.lstsq(design, data.y, rcond=None)
    assert_allclose([d["lstsq_intercept"], d["lstsq_slope"]], [c0, c1], rtol=1e-10)
    if regression_scene.params.lr < 1.0:  # the Hessian of the standardised loss is 2I
        # 0.8^40 ~ 1.3e-4 of the initial error is left after 40 steps at lr 0.1.
        assert not d["diverged"]
        assert_allclose([d["intercept"], d["slope"]], [c0, c1], rtol=1e-3)
    else:
        assert d["losses"][-1] > d["losses"][0]
    for beat in ("data", "closed-form"):
        for inv in regression_scene.invariants(beat):
            assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


def test_regression_numbers_have_one_precision_and_units_are_math(regression_scene: Any) -> None:
    from manim import MathTex

    from scenes.kit.numbers import sig, sig_tex
    from scenes.optimization.linear_regression_gd import DIGITS

    d, pic = regression_scene.data, regression_scene.picture
    caption = regression_scene.beats[-1].caption
    if not pic.growing:
        assert f"slope {sig(d['lstsq_slope'], DIGITS)}" in caption
        assert sig_tex(d["lstsq_slope"], DIGITS) in pic.ls_eq.tex_string
        assert sig_tex(d["slope"], DIGITS) in pic.gd_eq.tex_string
    if "(" in pic.dataset.x_name:
        assert isinstance(pic.x_name[1], MathTex)
        assert "²" not in pic.x_name[0].original_text


@scene_group("LinearRegressionGD")
def test_overshoot_preset_shows_and_says_it_overshoots(built: Callable[..., Any]) -> None:
    from scenes.optimization.linear_regression_gd import LinearRegressionGD
    from scenes.optimization.params import LinearRegressionGDParams

    scene = built(LinearRegressionGD, LinearRegressionGDParams(lr=0.95, steps=30)).scene
    assert scene.data["overshoots"]
    assert "overshot" in scene.beats[-1].caption
    assert scene.picture.overshoot_note in scene.mobjects
    # The slope really alternates sides of the least-squares slope.
    gaps = np.array([s for s, _ in scene.data["lines"]]) - scene.data["lstsq_slope"]
    assert np.all(np.sign(gaps[1:6]) == -np.sign(gaps[:5]))


SURFACE_CASES = {
    "himmelblau": {},
    "quadratic diverging": {"objective": "quadratic", "lr": 0.5, "start": (-2.5, 2.0)},
}


@pytest.fixture(params=grouped(SURFACE_CASES, "SurfaceDescent"))
def surface(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    from scenes.optimization.params import SurfaceDescentParams
    from scenes.optimization.surface_descent import SurfaceDescent

    return built(SurfaceDescent, SurfaceDescentParams(**SURFACE_CASES[request.param])).scene


def test_surface_scene_uses_a_3d_camera_and_puts_the_path_on_the_surface(surface: Any) -> None:
    from manim import ThreeDCamera

    from mlmath_viz import surfaces
    from scenes.kit.surfaces import height_scale

    assert isinstance(surface.camera, ThreeDCamera)
    p = surface.params
    f = objectives.by_name(p.objective, p.hessian)
    run = descent.trajectory(f, optimizers.gradient_descent(p.lr), p.start, p.steps)
    assert_allclose(surface.data["trajectory"], run.points, rtol=0)
    assert_allclose(
        surface.data["heights"], surfaces.height(f, run.losses, height_scale(f)), rtol=1e-12
    )
    assert surface.data["diverged"] is run.diverged
    for inv in surface.invariants("from-above"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)


def test_surface_readout_shows_the_last_step_and_loss(surface: Any) -> None:
    """The readout shows the last step and its loss to 3 significant figures in
    scientific notation (mantissa, times 10, raised exponent; issue 17: never 6.94e-9),
    read back from the drawn outlines, on the labels' baseline, inside the frame."""
    from scenes.kit.style import FRAME_MARGIN, frame_half_width

    readout, losses = surface.picture.readout, surface.data["losses"]
    assert read_digits(readout.step_number) == str(len(losses) - 1)
    assert readout.shown_loss() == pytest.approx(losses[-1], rel=5e-3, abs=1e-300)
    assert "e" not in read_digits(readout.mantissa)
    if abs(losses[-1]) < 1e-3 and losses[-1] != 0:
        assert readout.times.get_fill_opacity() > 0
        assert readout.exponent.get_bottom()[1] > readout.mantissa.get_bottom()[1] + 0.05
    baseline = readout.step_label[0][0].get_bottom()[1]  # the "k" of "k ="
    assert readout.step_number.characters[0].get_bottom()[1] == pytest.approx(baseline, abs=0.02)
    right = readout.left_edge() + readout.full_width
    assert max(readout.mantissa.get_right()[0], readout.exponent.get_right()[0]) <= right + 1e-9
    assert right <= frame_half_width() - FRAME_MARGIN


def test_surface_contours_are_level_sets_at_their_heights(surface: Any) -> None:
    """Issue 17: seen from above the surface carries the contour plot's level sets, each
    drawn at its own height on the surface (so the path reads against them)."""
    from mlmath_viz import surfaces
    from scenes.kit.surfaces import height_scale

    p, pic = surface.params, surface.picture
    f = objectives.by_name(p.objective, p.hessian)
    levels = surface.data["contour_levels"]
    assert len(pic.contours) == len(levels) >= 5
    z_top = pic.axes.z_range[1]
    drawn = 0
    for vm, level in zip(pic.contours, levels, strict=True):
        if len(vm.points) == 0:
            continue
        drawn += 1
        pts = np.array([pic.axes.p2c(q) for q in vm.points[::4]])
        values = np.array([f.value(q[:2]) for q in pts])
        slopes = np.array([np.linalg.norm(f.gradient(q[:2])) for q in pts])
        # Marching squares on the 90-point grid puts each drawn point within one grid
        # cell's diagonal of the true level set, so |f - level| <= |grad f| * h * sqrt 2
        # (to first order; a tenth of the level on top covers the curvature).
        (x0, x1), (y0, y1) = surface.data["plot_box"]
        h = max(x1 - x0, y1 - y0) / (90 - 1)
        assert np.all(np.abs(values - level) <= slopes * h * np.sqrt(2) + 0.1 * level + 1e-9)
        want = min(float(surfaces.height(f, level, height_scale(f))), z_top)
        assert_allclose(pts[:, 2], want, atol=1e-9 * max(1.0, z_top))
        assert float(vm.get_stroke_opacity()) > 0.4
    assert drawn >= 3
    assert pic.surface.family_members_with_points()[0].get_stroke_width() == 0


@scene_group("OptimizerRace")
def test_race_runs_that_never_move_draw_no_zero_length_line(built: Callable[..., Any]) -> None:
    """Fuzzing found it: with lr = 0 a path was a pile of zero-length segments, which
    the standard reads as a 2 px point."""
    from scenes.optimization.optimizer_race import OptimizerRace
    from scenes.optimization.params import OptimizerRaceParams

    params = OptimizerRaceParams(
        objective="quadratic", steps=500, lr_nesterov=1e9, lr_adam=1e9,
        lr_adagrad=0.0, lr_rmsprop=0.0,
    )  # fmt: skip
    report = built(OptimizerRace, params)
    assert report.problems == []
    assert report.standard == []
