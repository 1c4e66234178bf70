"""Norms' own mobjects against its sidecar numbers and against numpy and scipy.

Each case reads the session's checked build of the scene (conftest's ``built``: the
defaults and the presets, the same builds test_scene_checks and test_golden use, so no
extra build is made). Drawn balls, dots and paths are read back into plane coordinates
with the picture's ``Coords.p2c``. Oracles: ``np.linalg.norm(x, ord)`` for every length,
scipy's SLSQP and the brute force over the diamond's edges of ``test_norms`` for the
closest points. Bad input goes through the real command line.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose
from test_norms import l1_oracle, l2_oracle

from conftest import rejected_render, scene_group
from scenes import presets
from scenes.linear_algebra.params import NormsParams
from scenes.parameters import build

CASES: dict[str, dict[str, Any]] = {
    "default": {},
    **{name: dict(values) for name, values in presets.load()["Norms"].items()},
}
ORDS = {"1": 1, "2": 2, "inf": np.inf}


@pytest.fixture(scope="module", params=list(CASES))
def scene(request: pytest.FixtureRequest, built: Any) -> Any:
    return built("Norms", build("Norms", NormsParams, CASES[request.param])).scene


def curve_points(view: Any, curve: Any) -> np.ndarray:
    """Plotted coordinates of every point of a drawn curve (each dash's, if dashed)."""
    return view.p2c(np.vstack([m.points for m in curve.family_members_with_points()]))


@scene_group("Norms")
def test_sidecar_keys_are_the_contract(scene: Any) -> None:
    assert set(scene.data["norms"]) == {"1", "2", "inf", "p"}
    assert len(scene.data["l1_solution"]) == len(scene.data["l2_solution"]) == 2


@scene_group("Norms")
def test_sidecar_numbers_match_numpy_and_scipy(scene: Any) -> None:
    p, d = scene.params, scene.data
    v, c = np.array(p.vector), np.array(p.center)
    for key, order in {**ORDS, "p": p.p}.items():
        assert_allclose(d["norms"][key], np.linalg.norm(v, ord=order), rtol=1e-12, err_msg=key)
    assert_allclose(d["l2_solution"], l2_oracle(c, p.radius), atol=1e-6)
    assert_allclose(d["l1_solution"], l1_oracle(c, p.radius), atol=1e-12)


@scene_group("Norms")
def test_unit_balls_are_drawn_at_length_one_and_grown_to_v(scene: Any) -> None:
    pic, p = scene.picture, scene.params
    for key, order in {**ORDS, "p": p.p}.items():
        pts = curve_points(pic.length_view, pic.unit_balls[key])
        # dashes run along chords of the 360-point curve: 2e-3 of its size
        assert_allclose(np.linalg.norm(pts, ord=order, axis=1), 1.0, atol=2e-3, err_msg=key)
        if key in pic.grown_balls:
            pts = curve_points(pic.length_view, pic.grown_balls[key])
            length = np.linalg.norm(p.vector, ord=order)
            assert_allclose(np.linalg.norm(pts, ord=order, axis=1), length, rtol=2e-3)
    if np.any(p.vector):
        assert set(pic.grown_balls) == {"1", "2", "inf", "p"}
        tip = pic.length_view.p2c(pic.vector_arrow.get_end())
        assert_allclose(tip, p.vector, atol=1e-9)
    else:
        assert pic.grown_balls == {}
        assert_allclose(pic.length_view.p2c(pic.vector_dot[0].get_center()), [0, 0], atol=1e-12)


@scene_group("Norms")
def test_closest_points_and_balls_are_drawn_where_the_oracles_put_them(scene: Any) -> None:
    pic, p = scene.picture, scene.params
    view, c, r = pic.budget_view, np.array(p.center), p.radius
    assert_allclose(view.p2c(pic.center_dot.get_center()), c, atol=1e-9)
    assert_allclose(view.p2c(pic.l2_dot.get_center()), l2_oracle(c, r), atol=1e-6)
    assert_allclose(view.p2c(pic.l1_dot.get_center()), l1_oracle(c, r), atol=1e-9)
    assert_allclose(np.hypot(*curve_points(view, pic.l2_ball).T), r, rtol=2e-3)
    diamond = curve_points(view, pic.l1_ball)
    assert_allclose(np.abs(diamond).sum(axis=1), r, rtol=1e-9)


@scene_group("Norms")
def test_the_l1_path_is_soft_thresholding_and_ends_at_the_projection(scene: Any) -> None:
    pic, p = scene.picture, scene.params
    c = np.array(p.center)
    target = l1_oracle(c, p.radius)
    if np.array_equal(target, c):  # inside: c does not move, nothing is drawn
        assert not pic.l1_path.has_points()
        return
    anchors = pic.budget_view.p2c(pic.l1_path.get_anchors())
    assert_allclose(anchors[0], c, atol=1e-9)
    assert_allclose(anchors[-1], target, atol=1e-9)
    # every drawn corner is c with each coordinate moved the same t towards 0, stopped at 0
    for corner in anchors:
        t = float(np.max(np.abs(c) - np.abs(corner)))
        assert_allclose(corner, np.sign(c) * np.maximum(np.abs(c) - t, 0), atol=1e-9)


@scene_group("Norms")
def test_exact_zeros_come_from_the_l1_corners_only(scene: Any) -> None:
    d, c = scene.data, np.array(scene.params.center)
    l1, l2 = np.array(d["l1_solution"]), np.array(d["l2_solution"])
    # L2 rescales c: a zero only where c has one
    assert set(np.nonzero(l2 == 0)[0]) == set(np.nonzero(c == 0)[0])
    if d["l1_corner"] is not None:
        assert np.count_nonzero(l1) == 1 and np.abs(l1).sum() == pytest.approx(d["radius"])
        caption = scene.beats[-1].caption
        assert "stops at exactly 0" in caption or "was 0 already and stays 0" in caption
        for wedge, corner in zip(scene.picture.wedges, scene.picture.wedge_corners, strict=True):
            vertices = scene.picture.budget_view.p2c(wedge.get_vertices())
            assert np.min(np.linalg.norm(vertices - corner, axis=1)) < 1e-9
    elif not d["l1_inside"]:
        assert np.count_nonzero(l1) == 2 and "no coordinate reaches 0" in scene.beats[-1].caption


@scene_group("Norms")
def test_captions_carry_the_numbers_shown(scene: Any) -> None:
    from scenes.kit.numbers import caption_text, format_number

    d = scene.data
    captions = {b.name: b.caption for b in scene.beats}
    assert list(captions) == ["balls", "lengths", "l2", "l1"]
    if any(scene.params.vector):
        for key in ("1", "2", "inf"):
            assert caption_text(format_number(d["norms"][key])) in captions["lengths"]
    for key, beat in (("l2_solution", "l2"), ("l1_solution", "l1")):
        x = d[key]
        shown = caption_text(f"({format_number(x[0])}, {format_number(x[1])})")
        if not (d["l2_inside"] if beat == "l2" else d["l1_inside"]):
            assert shown in captions[beat], (shown, captions[beat])


def test_the_defaults_are_the_lasso_picture() -> None:
    # The canonical video: the L1 point is a corner with an exact zero, the L2 point is not.
    from mlmath_viz.norms import summarize

    p = NormsParams()
    s = summarize(p.vector, p.p, p.center, p.radius)
    assert s.l1_solution == (1.0, 0.0) and s.l1_corner == 0
    assert all(x != 0 for x in s.l2_solution)
    assert_allclose(s.norms["p"], 9 ** (1 / 3), rtol=1e-15)
    assert math.isclose(s.norms["2"], math.sqrt(5))


BAD_INPUTS = [
    (["--set", "p=0.5"], "parameter 'p' got '0.5'; allowed: a real number in [1, 100]"),
    (["--set", "radius=0"], "parameter 'radius'"),
    (["--set", "center=5,0", "--set", "radius=0.5"], "radius' got 0.5; allowed: at least 0.625"),
    (["--set", "vector=nan,1"], "parameter 'vector'"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    line = rejected_render(tmp_path, "Norms", *args)
    assert line.startswith("error: Norms: ")
    assert fragment in line
