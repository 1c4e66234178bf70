"""LeastSquares: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden for the default and the presets). The 3-D arrows are
read back as scene points and compared with ``Space.c2p`` of the sidecar's vectors
(orthographic: a drawn point has no depth to read back); the scatter's line is read
back with the plot's ``p2c`` and compared with scipy's linregress; the perpendicular
residual is checked in the data against numpy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz.regression import diabetes
from scenes.linear_algebra.params import LeastSquaresParams

CASES = {
    "default": LeastSquaresParams(),
    "nearly-parallel": LeastSquaresParams(rows=(220, 221, 305)),
    # found by fuzzing: the panel's "log of serum triglycerides" ran 4 px past the safe area
    "fuzz: s5 title": LeastSquaresParams(feature="s5", rows=(413, 161, 441)),
}

BEATS = ["patients", "plane", "projection", "residual", "normal"]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("LeastSquares", CASES[request.param])


@scene_group("LeastSquares")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)


@scene_group("LeastSquares")
def test_arrows_end_at_the_sidecar_vectors(case: tuple[str, Any]) -> None:
    _, report = case
    scene = report.scene
    pic, d = scene.picture, scene.data
    space = pic.space
    y, fit, x = (np.array(d[k]) for k in ("y_rows", "projection", "x_rows"))
    k1, kx = d["column_scales"]
    base = np.array(d["column_base"])
    atol = 1e-9 * space.unit * np.abs(y).max()
    for name, arrow, tail, tip in (
        ("y", pic.y_arrow, np.zeros(3), y),
        ("y-hat", pic.fit_arrow, np.zeros(3), fit),
        ("residual", pic.residual_arrow, fit, y),
        ("k 1", pic.one_arrow, base, base + k1 * np.ones(3)),
        ("k x", pic.x_arrow, base, base + kx * x),
    ):
        assert_allclose(arrow.get_start(), space.c2p(tail), atol=atol, err_msg=name)
        assert_allclose(arrow.get_end(), space.c2p(tip), atol=atol, err_msg=name)
    # the arrows start on the plane of 1 and x, and the scales are round (1, 2 or 5
    # times a power of ten)
    normal = np.cross(np.ones(3), x)
    assert abs(base @ normal) < 1e-9 * np.linalg.norm(base) * np.linalg.norm(normal)
    for k in (k1, kx):
        mantissa = k / 10 ** np.floor(np.log10(k))
        assert min(abs(mantissa - m) for m in (1, 2, 5)) < 1e-9, k


@scene_group("LeastSquares")
def test_residual_is_perpendicular_to_both_columns(case: tuple[str, Any]) -> None:
    _, report = case
    d = report.scene.data
    rows = list(d["rows"])
    data = diabetes(d["feature"])
    x, y = data.x[rows], data.y[rows]
    xm = np.column_stack([np.ones(3), x])
    beta = np.linalg.lstsq(xm, y, rcond=None)[0]  # the oracle, not the module
    assert_allclose(d["beta_rows"], beta, rtol=1e-7)
    r = np.array(d["residual"])
    assert_allclose(r, y - xm @ beta, atol=1e-9 * np.abs(y).max())
    assert_allclose(xm.T @ r, 0.0, atol=1e-9 * np.abs(xm).max() * np.abs(y).max())
    assert_allclose(d["residual_dot_columns"], xm.T @ r, atol=1e-8 * np.abs(y).max())


@scene_group("LeastSquares")
def test_right_angle_mark_looks_square(case: tuple[str, Any]) -> None:
    """The mark's two drawn sides meet at 90 degrees on screen too (one side lies in
    the plane parallel to the screen), and one side runs along the drawn residual."""
    _, report = case
    pic = report.scene.picture
    a, corner, b = (np.asarray(p) for p in pic.space.c2p(pic.mark_corners))
    start = pic.residual_arrow.get_start()
    side_r, side_p = a - start, b - start
    cos = side_r[:2] @ side_p[:2] / (np.linalg.norm(side_r) * np.linalg.norm(side_p))
    assert abs(cos) < 1e-9
    drawn_r = pic.residual_arrow.get_end() - start
    cross = side_r[0] * drawn_r[1] - side_r[1] * drawn_r[0]
    assert abs(cross) < 1e-9 * np.linalg.norm(side_r) * np.linalg.norm(drawn_r)
    assert_allclose(corner, a + b - start, atol=1e-9)


@scene_group("LeastSquares")
def test_scatter_line_is_the_least_squares_line(case: tuple[str, Any]) -> None:
    _, report = case
    scene = report.scene
    pic, d = scene.picture, scene.data
    data = diabetes(d["feature"])
    lr = scipy.stats.linregress(data.x, data.y)
    a, b = pic.frame.p2c(pic.line.get_start()), pic.frame.p2c(pic.line.get_end())
    slope = (b[1] - a[1]) / (b[0] - a[0])
    assert_allclose(slope, lr.slope, rtol=1e-6)
    assert_allclose(a[1] - slope * a[0], lr.intercept, rtol=1e-5)
    assert_allclose(d["beta"], [lr.intercept, lr.slope], rtol=1e-9)
    rows = list(d["rows"])
    centres = np.array([pic.frame.p2c(dot.get_center()) for dot in pic.chosen])
    assert_allclose(centres, np.column_stack([data.x[rows], data.y[rows]]), atol=1e-6)
    xm = np.column_stack([np.ones_like(data.x), data.x])
    assert_allclose(d["normal_matrix"], xm.T @ xm, rtol=1e-12)
    assert_allclose(d["normal_rhs"], xm.T @ data.y, rtol=1e-12)


@scene_group("LeastSquares")
def test_captions_set_the_numbers_as_shown(case: tuple[str, Any]) -> None:
    _, report = case
    scene = report.scene
    captions = {b.name: b.caption for b in scene.beats}
    assert "-" not in captions["projection"].replace("least-squares", "")  # real minus signs
    assert "0.00" in captions["residual"]
    assert str(scene.data["n"]) in captions["normal"]


def test_presets_in_scenes_toml() -> None:
    """The presets say what their comments claim: another feature, and three nearly
    equal bmi values (x nearly a multiple of 1) that still span a plane (exam-hours, a
    CSV file, has its own test in test_own_data_least_squares.py)."""
    from scenes import presets

    table = presets.load()["LeastSquares"]
    assert set(table) == {"blood-pressure", "nearly-parallel", "exam-hours"}
    assert table["blood-pressure"]["feature"] == "bp"
    assert tuple(table["nearly-parallel"]["rows"]) == CASES["nearly-parallel"].rows
    x = diabetes("bmi").x[list(table["nearly-parallel"]["rows"])]
    assert 0 < np.ptp(x) <= 0.1 + 1e-9


@pytest.mark.parametrize(
    ("rows", "fragment"),
    [("1,1,2", "distinct"), ("0,8,139", "not all equal"), ("0,1,442", "rows")],
    ids=["repeated", "equal-bmi", "out-of-range"],
)
def test_bad_rows_exit_2_naming_rows(tmp_path: Path, rows: str, fragment: str) -> None:
    line = rejected_render(tmp_path, "LeastSquares", "--set", f"rows={rows}")
    assert "parameter 'rows'" in line and fragment in line, line
