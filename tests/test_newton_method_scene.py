"""NewtonMethod: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). Drawn points are read back through the plots'
``p2c``; the sidecar's numbers are compared with central finite differences of the
objective's value, numpy's ``eigvalsh`` and ``solve``, and a plain gradient-descent loop,
not with mlmath_viz.newton's code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import grouped, rejected_render, scene_group
from mlmath_viz import newton as nw
from mlmath_viz.contours import inside
from scenes import presets
from scenes.kit.marks import dot_centres
from scenes.kit.numbers import sig_tex
from scenes.kit.style import PALETTE
from scenes.optimization.params import NewtonMethodParams
from scenes.parameters import build

PRESETS = presets.load()["NewtonMethod"]
CASES = ["default", *PRESETS]
BEATS = ["landscape", "model", "newton", "descent", "result"]
CONTRACT = ("trajectory", "losses", "hessian_eigenvalues", "gd_trajectory", "converged_to")

#: Where each case's runs end, by the second-order conditions (the oracle below).
EXPECTED = {
    "default": ("minimum", "none"),
    "quadratic": ("minimum", "none"),
    "saddle": ("saddle", "none"),
    "himmelblau-maximum": ("maximum", "none"),
    "nearly-singular": ("minimum", "none"),
}

H = 1e-4


def params_of(name: str) -> NewtonMethodParams:
    if name == "default":
        return NewtonMethodParams()
    out: NewtonMethodParams = build("NewtonMethod", NewtonMethodParams, PRESETS[name])
    return out


@pytest.fixture(params=grouped(CASES, "NewtonMethod"))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("NewtonMethod", params_of(request.param))


def fd_gradient(f: Any, v: np.ndarray) -> np.ndarray:
    e = np.eye(2) * 1e-6
    return np.array([(f.value(v + e[k]) - f.value(v - e[k])) / 2e-6 for k in range(2)])


def fd_hessian(f: Any, v: np.ndarray) -> np.ndarray:
    out = np.zeros((2, 2))
    e = np.eye(2) * H
    for i in range(2):
        for j in range(2):
            out[i, j] = (
                f.value(v + e[i] + e[j])
                - f.value(v + e[i] - e[j])
                - f.value(v - e[i] + e[j])
                + f.value(v - e[i] - e[j])
            ) / (4 * H * H)
    return out


def objective_of(scene: Any) -> Any:
    p = scene.params
    return nw.by_name(p.objective, p.hessian)


def span(frame: Any) -> float:
    (x0, x1), _ = frame.box
    return float(x1 - x0)


@scene_group("NewtonMethod")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("NewtonMethod")
def test_sidecar_holds_the_contract_and_newton_steps_solve_the_fd_model(
    case: tuple[str, Any],
) -> None:
    _, report = case
    scene, d = report.scene, report.scene.data
    for key in CONTRACT:
        assert key in d, key
    f = objective_of(scene)
    traj = np.array(d["trajectory"])
    assert_allclose(traj[0], scene.params.start, rtol=0)
    assert_allclose(d["losses"], [f.value(v) for v in traj], rtol=1e-14)
    for k, v in enumerate(traj):
        hm = fd_hessian(f, v)
        scale = max(1.0, float(np.abs(hm).max()))
        assert_allclose(
            d["hessian_eigenvalues"][k], np.linalg.eigvalsh(hm), atol=1e-5 * scale, rtol=1e-5
        )
    for k in range(len(traj) - 1):
        v = traj[k]
        jump = -np.linalg.solve(fd_hessian(f, v), fd_gradient(f, v))
        assert_allclose(traj[k + 1], v + jump, rtol=1e-4, atol=1e-4 * (1 + np.abs(jump).max()))
        assert_allclose(d["model_centres"][k], traj[k + 1], rtol=0, atol=0)


@scene_group("NewtonMethod")
def test_gradient_descent_is_a_plain_loop(case: tuple[str, Any]) -> None:
    _, report = case
    scene, d = report.scene, report.scene.data
    f = objective_of(scene)
    v = np.array(scene.params.start, dtype=float)
    expected = [v]
    for _ in range(len(d["gd_trajectory"]) - 1):
        v = v - scene.params.lr * fd_gradient(f, v)
        expected.append(v)
    assert_allclose(d["gd_trajectory"], expected, rtol=1e-5, atol=1e-6)


@scene_group("NewtonMethod")
def test_where_each_run_ended_by_the_second_order_conditions(case: tuple[str, Any]) -> None:
    name, report = case
    scene, d = report.scene, report.scene.data
    f = objective_of(scene)

    def kind(v: np.ndarray) -> str:
        if np.linalg.norm(fd_gradient(f, v)) > 1e-5:
            return "none"
        lam = np.linalg.eigvalsh(fd_hessian(f, v))
        return "minimum" if lam[0] > 0 else ("maximum" if lam[1] < 0 else "saddle")

    newton_end = np.array(d["trajectory"][-1])
    gd_end = np.array(d["gd_trajectory"][-1])
    assert (d["converged_to"], d["gd_converged_to"]) == EXPECTED[name]
    assert kind(newton_end) == d["converged_to"]
    if d["gd_converged_to"] != "none":
        assert kind(gd_end) == d["gd_converged_to"]
    else:
        assert np.linalg.norm(f.gradient(gd_end)) > d["critical_gradient"]


@scene_group("NewtonMethod")
def test_drawn_paths_sit_at_the_trajectories(case: tuple[str, Any]) -> None:
    _, report = case
    scene, d = report.scene, report.scene.data
    pic = scene.picture
    for art, key in ((pic.newton_path, "trajectory"), (pic.gd_path, "gd_trajectory")):
        pts = np.array(d[key])
        if key == "gd_trajectory":
            pts = pts[: d["gd_drawn_points"]]
        want = pts[[inside(q, art.frame.box) for q in pts]]
        drawn = np.array([art.frame.p2c(c) for c in dot_centres(art.dots)]).reshape(-1, 2)
        assert_allclose(drawn, want.reshape(-1, 2), atol=1e-6 * span(art.frame))
    # both plots show one region
    assert pic.left.box == pic.right.box


@scene_group("NewtonMethod")
def test_model_level_sets_are_the_fd_taylor_model(case: tuple[str, Any]) -> None:
    """Each drawn model's vertices, read back through p2c, lie on its levels of the
    second-order Taylor model built from finite differences at the iterate; the first
    level passes through the iterate; its ring sits at the next iterate."""
    _, report = case
    scene, d = report.scene, report.scene.data
    pic, f = scene.picture, objective_of(scene)
    traj = np.array(d["trajectory"])
    (x0, x1), (y0, y1) = pic.left.box
    grid = max(x1 - x0, y1 - y0) / 160
    drawn_any = False
    for k, curves in enumerate(pic.model_sets):
        v = traj[k]
        g, hm = fd_gradient(f, v), fd_hessian(f, v)
        lam = float(np.abs(np.linalg.eigvalsh(hm)).max())
        for j, (curve, level) in enumerate(zip(curves, d["model_levels"][k], strict=True)):
            if not len(curve.points):
                continue
            drawn_any = True
            uv = np.array([pic.left.p2c(q) for q in curve.get_anchors()])
            dv = uv - v
            m = f.value(v) + dv @ g + 0.5 * np.einsum("ni,ij,nj->n", dv, hm, dv)
            tol = 0.25 * lam * grid**2 + 1e-4 * (1 + abs(level)) * (1 + np.abs(dv).max() ** 2)
            assert np.abs(m - level).max() <= tol, (k, j)
            if j == 0:
                assert level == pytest.approx(f.value(v), rel=1e-12)
                if inside(v, pic.left.box):
                    assert np.linalg.norm(uv - v, axis=1).min() < 0.03 * span(pic.left)
        ring = pic.centres[k]
        if ring.get_stroke_opacity() > 0:
            assert_allclose(
                pic.left.p2c(ring.get_center()), traj[k + 1], atol=1e-6 * span(pic.left)
            )
    if len(traj) > 1:
        assert drawn_any


@scene_group("NewtonMethod")
def test_eigenvalue_readouts_are_numpys_in_their_signs_colours(case: tuple[str, Any]) -> None:
    _, report = case
    scene, d = report.scene, report.scene.data
    pic, f = scene.picture, objective_of(scene)
    assert set(pic.readouts) == {*range(min(6, len(d["trajectory"]) - 1)), d["steps_taken"]}
    for k, readout in pic.readouts.items():
        v = d["trajectory"][k]
        lam = np.linalg.eigvalsh(fd_hessian(f, np.array(v)))
        lo, hi = d["hessian_eigenvalues"][k]
        assert_allclose([lo, hi], lam, rtol=1e-4, atol=1e-4 * max(1.0, float(np.abs(lam).max())))
        assert readout[0].tex_string == rf"\lambda(H(v_{{{k}}})) ="
        assert readout[1].tex_string == sig_tex(lo)
        assert readout[3].tex_string == sig_tex(hi)
        for part, x in ((readout[3], hi), (readout[1], lo)):
            if abs(x) > 1e-6:
                want = PALETTE.accepted if x > 0 else PALETTE.rejected
                assert part.get_color().to_hex().lower() == want.lower()
    # the last readout is the one on screen at the end
    assert pic.shown_readout == len(d["trajectory"]) - 1


@scene_group("NewtonMethod")
def test_captions_say_what_happened(case: tuple[str, Any]) -> None:
    name, report = case
    captions = {b.name: b.caption for b in report.scene.beats}
    words = {"minimum": "minimum", "saddle": "saddle point", "maximum": "maximum"}
    to = report.scene.data["converged_to"]
    assert words[to] in captions["result"]
    if name == "saddle":
        assert "mixed sign" in captions["model"]
        assert "slides away from the saddle point" in captions["result"]
    if name == "himmelblau-maximum":
        assert "both negative" in captions["model"]
        assert "not minima" in captions["result"]
    if name == "nearly-singular":
        assert "−0.08" in captions["model"]
    if name == "default":
        assert "still at" in captions["result"]
    verdicts = report.scene.picture.verdicts
    assert words[to].replace(" ", "") in verdicts[0][0].text  # Text drops spaces


def test_presets_in_scenes_toml() -> None:
    assert {"saddle", "quadratic", "nearly-singular"} <= set(PRESETS)
    assert PRESETS["saddle"]["objective"] == "saddle"


def test_saddle_is_a_choice_here_only() -> None:
    from scenes.optimization.params import GradientDescentParams
    from scenes.parameters import ParamError

    build("NewtonMethod", NewtonMethodParams, {"objective": "saddle"})
    with pytest.raises(ParamError):
        build("GradientDescent", GradientDescentParams, {"objective": "saddle"})


def test_hessian_without_the_quadratic_exits_2(tmp_path: Path) -> None:
    line = rejected_render(
        tmp_path, "NewtonMethod", "--set", "objective=saddle", "--set", "hessian=2,0,0,2"
    )
    assert "parameter 'hessian'" in line, line
