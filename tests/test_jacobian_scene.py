"""Jacobian: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden for the default and the presets). Drawn points are read
back with the scene's own views (``p2c``) and compared with the sidecar; the sidecar's
numbers are compared with formulas written out here (numpy), central finite differences
and scipy's integral of det J over the small square.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.integrate
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from scenes.calculus.params import JacobianParams
from scenes.kit.standard import SAFE_FRACTION
from scenes.kit.style import frame_half_height, frame_half_width, panel_left

CASES = {
    "default": JacobianParams(),
    "tanh-flip": JacobianParams(
        map="tanh-layer",
        point=(0.2, -0.3),
        weights=((0.5, 1.5), (1.2, -0.4)),
        bias=(0.0, 0.1),
    ),
    "near-origin": JacobianParams(map="polar", point=(0.15, 0.5)),
    "saturated": JacobianParams(map="tanh-layer", point=(2.0, 1.5)),
    "swirl": JacobianParams(map="swirl", point=(0.6, 0.5)),
    # W singular with a zero column: J squashes the plane onto a line, J e2 = 0
    "singular": JacobianParams(
        map="tanh-layer", point=(0.3, 0.1), weights=((1.0, 0.0), (1.0, 0.0))
    ),
}

BEATS = ["grid", "warp", "zoom", "linear", "area"]
CONTRACT = ("point", "jacobian", "determinant", "area_ratio", "image_point")


def oracle_map(d: dict[str, Any], v: np.ndarray) -> np.ndarray:
    """F written out again from its definition (not mlmath_viz's code)."""
    v = np.atleast_2d(v)
    x, y = v[:, 0], v[:, 1]
    if d["map"] == "polar":
        return np.column_stack([x * np.cos(y), x * np.sin(y)])
    if d["map"] == "swirl":
        phi = np.pi / 2 * np.exp(-(x**2 + y**2) / 2)
        return np.column_stack(
            [np.cos(phi) * x - np.sin(phi) * y, np.sin(phi) * x + np.cos(phi) * y]
        )
    w, c = np.array(d["weights"]), np.array(d["bias"])
    return np.tanh(v @ w.T + c)


def oracle_det(d: dict[str, Any], x: float, y: float) -> float:
    """det J by central differences of :func:`oracle_map` (step 1e-5)."""
    h = 1e-5
    p = np.array([x, y])
    cols = [(oracle_map(d, p + h * e) - oracle_map(d, p - h * e))[0] / (2 * h) for e in np.eye(2)]
    return float(np.linalg.det(np.column_stack(cols)))


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("Jacobian", CASES[request.param])


@scene_group("Jacobian")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("Jacobian")
def test_sidecar_numbers_against_oracles(case: tuple[str, Any]) -> None:
    _, report = case
    d = report.scene.data
    assert all(k in d for k in CONTRACT)
    p = np.array(d["point"])
    assert_allclose(d["image_point"], oracle_map(d, p)[0], rtol=1e-13, atol=1e-15)
    # the Jacobian against central differences: truncation h^2/6 |F'''| ~ 1e-10, atol 1e-8
    h = 1e-5
    fd = np.column_stack(
        [(oracle_map(d, p + h * e) - oracle_map(d, p - h * e))[0] / (2 * h) for e in np.eye(2)]
    )
    assert_allclose(d["jacobian"], fd, atol=1e-8)
    assert_allclose(d["determinant"], np.linalg.det(fd), atol=1e-8)
    if d["map"] == "polar":
        assert d["determinant"] == p[0]  # det J = r
    if d["map"] == "swirl":
        assert d["determinant"] == 1.0


@scene_group("Jacobian")
def test_area_ratio_is_measured_and_near_abs_det(case: tuple[str, Any]) -> None:
    """The measured ratio is the mean of det J over the square (change of variables,
    scipy's double integral of the finite-difference det; the polygon's O(1/256^2)
    boundary error and the differences' 1e-8 give rtol 1e-5), and within rtol 1e-3 of
    |det J|: the gap is O(h^2) with h <= 0.025 (measured at most 1.4e-4 relative over the
    presets)."""
    _, report = case
    d = report.scene.data
    (x, y), h = d["point"], d["square_half_side"]
    exact, _ = scipy.integrate.dblquad(
        lambda b, a: oracle_det(d, a, b), x - h, x + h, y - h, y + h, epsabs=1e-14, epsrel=1e-10
    )
    # atol 1e-12: where det J = 0 (singular W) both sides are rounding about 0
    assert_allclose(d["signed_area_ratio"], exact / (2 * h) ** 2, rtol=1e-5, atol=1e-12)
    assert_allclose(d["area_ratio"], abs(d["determinant"]), rtol=1e-3, atol=1e-12)
    assert d["area_ratio"] == abs(d["signed_area_ratio"])


@scene_group("Jacobian")
def test_drawn_marks_sit_at_the_sidecar_numbers(case: tuple[str, Any]) -> None:
    _, report = case
    scene = report.scene
    pic, d = scene.picture, scene.data
    zoom = pic.zoom
    jac, fp, p = np.array(d["jacobian"]), np.array(d["image_point"]), np.array(d["point"])
    scale = max(1.0, float(np.abs(fp).max()))
    assert_allclose(zoom.p2c(pic.dot.get_center()), fp, atol=1e-9 * scale)
    # the square's drawn boundary is F of the square's boundary, point by point
    h = d["square_half_side"]
    drawn = zoom.p2c(pic.square.get_vertices())
    corners = drawn[np.argmin(np.sum((drawn - oracle_map(d, p - h)[0]) ** 2, axis=1))]
    assert_allclose(corners, oracle_map(d, p - h)[0], atol=1e-9 * scale)
    on_curve = oracle_map(d, np.array([p[0] + h, p[1]]))[0]  # the right side's midpoint
    assert np.min(np.hypot(*(drawn - on_curve).T)) < 1e-9 * scale
    # J's columns: arrows from F(p) to F(p) + h J e_k
    for k, arrow in zip(pic.column_index, pic.columns, strict=True):
        assert_allclose(zoom.p2c(arrow.get_start()), fp, atol=1e-9 * scale)
        assert_allclose(zoom.p2c(arrow.get_end()), fp + h * jac[:, k], atol=1e-9 * scale)
    # every dashed line of J's grid lies on the line F(p) + J (v - p) through its ends
    for line, domain in zip(pic.linear_lines, pic.linear_domain, strict=True):
        ends = zoom.p2c(np.array([line[0].get_start(), line[-1].get_end()]))
        assert_allclose(ends, fp + (domain[[0, -1]] - p) @ jac.T, atol=1e-9 * scale)


@scene_group("Jacobian")
def test_pictures_fit_the_safe_area_left_of_the_panel(case: tuple[str, Any]) -> None:
    """The whole warped grid (every homotopy stage lies in the bounding box of the grid
    and its image) and the zoomed window stay inside the title-safe area, left of the
    panel."""
    _, report = case
    pic, d = report.scene.picture, report.scene.data
    half_w, half_h = SAFE_FRACTION * frame_half_width(), SAFE_FRACTION * frame_half_height()
    boxes = [pic.view.c2p(np.array(d["image_bounds"]))]
    boxes.append(np.concatenate([line.points for line in pic.local_lines]))
    for pts in boxes:
        assert pts[:, 0].min() >= -half_w and pts[:, 0].max() <= panel_left()
        assert np.abs(pts[:, 1]).max() <= half_h


@scene_group("Jacobian")
def test_orientation_is_said_and_coloured(case: tuple[str, Any]) -> None:
    from scenes.kit.style import PALETTE

    name, report = case
    scene = report.scene
    d = scene.data
    area = {b.name: b.caption for b in scene.beats}["area"]
    if name == "singular":
        assert d["determinant"] == 0 and d["orientation"] == "collapsed"
        assert "squashes the window onto a line" in area
        assert scene.picture.column_index == [0]  # J e2 = 0 has no arrow
    elif name == "tanh-flip":
        assert d["determinant"] < 0 and d["signed_area_ratio"] < 0
        assert d["orientation"] == "flipped" and "flips orientation" in area
        assert scene.picture.square.get_fill_color().to_hex().lower() == PALETTE.area_flipped
    else:
        assert d["determinant"] > 0 and d["orientation"] == "kept"
        assert "keeps orientation" in area


def test_presets_in_scenes_toml() -> None:
    """At least polar, tanh-layer and the awkward ones (near-origin, saturated), and the
    saturated preset's layer really is saturated at p."""
    from scenes import presets

    table = presets.load()["Jacobian"]
    assert {"polar", "tanh-layer", "near-origin", "saturated", "swirl", "tanh-flip"} <= set(table)
    sat = table["saturated"]
    z = np.array(sat["weights"]) @ np.array(sat["point"]) + np.array(sat["bias"])
    assert np.all(1 - np.tanh(z) ** 2 < 0.15)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("map=polar", "point=0,0.5"), "parameter 'point'"),
        (("map=polar", "point=-1,0.5"), "parameter 'point'"),
        (("map=tanh-layer", "weights=0,0,0,0"), "parameter 'weights'"),
        (("map=tanh-layer", "point=3,3", "weights=4,4,4,4", "bias=4,4"), "saturated"),
        (("map=spiral",), "parameter 'map'"),
        # found by fuzzing: J stretches by 0.004 one way and 6e-11 the other
        (
            ("map=tanh-layer", "point=-3,0", "weights=3,4,0,-3", "bias=-4,-4"),
            "along one direction",
        ),
    ],
    ids=[
        "polar-origin",
        "polar-negative-r",
        "zero-weights",
        "saturated",
        "unknown-map",
        "one-direction-saturated",
    ],
)
def test_bad_input_exits_2(tmp_path: Path, args: tuple[str, ...], fragment: str) -> None:
    sets = [a for arg in args for a in ("--set", arg)]
    line = rejected_render(tmp_path, "Jacobian", *sets)
    assert fragment in line, line
