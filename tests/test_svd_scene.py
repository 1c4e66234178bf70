"""The SVD scene's own mobjects, beat by beat, against numpy and its sidecar numbers.

Each matrix is built once with the scene checker; at the end of every beat the drawn
curve's anchors and the two arrow tips are recorded in plane coordinates. The oracles are
numpy's: ``numpy.linalg.svd`` for the semi-axes, ``numpy.linalg.solve`` for the image
ellipse, and ``A @ x`` applied to what was drawn at the start. Drawn coordinates are
compared to 1e-6 of a unit (times sigma_1 when that is larger), far below a pixel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group, shared_tex_dir
from scenes.linear_algebra.params import SVDParams
from scenes.linear_algebra.svd import SVD
from scenes.parameters import ParamError, build

MATRICES = {
    "default": ((2.0, 1.5), (0.0, 1.0)),
    "shear-both-reflect": ((1.0, 1.0), (0.0, 1.0)),
    "det-negative-u-reflects": ((2.0, 1.0), (1.0, -1.0)),
    "det-negative-vt-reflects": ((-1.0, 2.0), (1.0, 1.0)),
    "rank-one": ((2.0, 1.0), (4.0, 2.0)),
    "scaled-rotation": ((1.0, -2.0), (2.0, 1.0)),
    "near-singular": ((1.0, 1.0), (1.0, 1.000000000001)),
    "large": ((10.0, 10.0), (10.0, -9.0)),
    "negative-diagonal": ((-3.0, 0.0), (0.0, 0.5)),
}
BEATS = ["circle", "vt", "sigma", "u", "compare"]


def tolerance(a: np.ndarray) -> float:
    return 1e-6 * max(1.0, float(np.linalg.svd(a, compute_uv=False)[0]))


@pytest.fixture(scope="module", params=list(MATRICES))
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The checked build (a CheckReport, its scene in the final state) with what was
    drawn at the end of each beat.

    The session's shared build (conftest's ``built``) keeps only the final state, and
    the curve and arrows move in every beat, so this file makes its own checked build
    of each matrix, recording the drawn curve, tips, ghost and reference as each beat
    ends; its layout and invariant problems come from the checker's report.
    """
    from scenes.kit.checking import GOLDEN_SIZE, build_checked

    stages: dict[str, dict[str, Any]] = {}

    def record(scene: Any, beat: Any) -> None:
        pic = scene.picture
        shown = pic.ghost in scene.mobjects
        stages[beat.name] = {
            "points": scene.drawn_points(pic.curve),
            "tips": scene.drawn_vectors(),
            "ghost": scene.drawn_points(pic.ghost) if shown else None,
            "reference": scene.drawn_points(pic.reference),
        }

    report = build_checked(
        SVD,
        SVDParams(matrix=MATRICES[request.param]),
        pixel_width=GOLDEN_SIZE[0],
        pixel_height=GOLDEN_SIZE[1],
        capture_frames=False,
        min_contrast=None,
        tex_dir=shared_tex_dir(tmp_path_factory),
        observer=record,
    )
    return report, stages, np.array(MATRICES[request.param])


@pytest.mark.parametrize("name", list(MATRICES))
def test_key_points_hold_every_stage_of_the_circle_and_the_arrows(name: str) -> None:
    # The view is fitted around these: the circle's images after V^T, Sigma V^T and A,
    # and the arrows v_i, e_i, sigma_i e_i and A v_i.
    from mlmath_viz import svd as sv
    from scenes.linear_algebra.svd import key_points

    a = np.array(MATRICES[name])
    d = sv.svd2(a)
    circle = d.circle()
    n = len(circle)
    pts = key_points(d)
    assert pts.shape == (4 * n + 8, 2)
    assert_allclose(np.linalg.norm(pts[:n], axis=1), 1.0, atol=1e-12)
    assert_allclose(np.linalg.norm(pts[n : 2 * n], axis=1), 1.0, atol=1e-12)
    assert_allclose(pts[3 * n : 4 * n], pts[:n] @ a.T, atol=tolerance(a))
    s = np.linalg.svd(a, compute_uv=False)
    tips = pts[4 * n :].reshape(4, 2, 2)
    assert_allclose(np.linalg.norm(tips[0], axis=1), 1.0, atol=1e-12)
    assert_allclose(tips[1], np.eye(2), atol=1e-12)
    assert_allclose(tips[2], np.diag(s), atol=tolerance(a))
    assert_allclose(tips[3], tips[0] @ a.T, atol=tolerance(a))


def test_every_beat_is_recorded_and_passes_layout_and_invariants(run: Any) -> None:
    report, stages, _ = run
    scene = report.scene
    assert list(stages) == BEATS
    assert report.beats == BEATS
    assert [b.name for b in scene.beats] == BEATS
    for beat in stages:
        problems = [p for p in report.problems if p.startswith(f"[{beat}]")]
        assert problems == [], (beat, problems)
        assert report.measured[beat]["invariants"], beat  # each beat declares its truths
        assert scene.invariants(beat), beat
    assert report.problems == []


def test_starts_on_the_unit_circle_with_unit_arrows(run: Any) -> None:
    _, stages, _ = run
    points, tips = stages["circle"]["points"], stages["circle"]["tips"]
    assert_allclose(np.linalg.norm(points, axis=1), 1.0, atol=1e-9)
    assert_allclose(np.linalg.norm(tips, axis=1), 1.0, atol=1e-9)


def test_arrows_stay_orthogonal_through_every_stage(run: Any) -> None:
    _, stages, a = run
    for beat, stage in stages.items():
        tips = stage["tips"]
        assert abs(tips[0] @ tips[1]) <= tolerance(a) ** 2 + 1e-9 * np.abs(a).max() ** 2, beat


def test_after_vt_the_arrows_lie_on_the_axes_and_the_circle_is_unchanged(run: Any) -> None:
    _, stages, _ = run
    assert_allclose(stages["vt"]["tips"], np.eye(2), atol=1e-9)
    assert_allclose(np.linalg.norm(stages["vt"]["points"], axis=1), 1.0, atol=1e-9)


def test_after_sigma_the_semi_axes_are_numpys_singular_values(run: Any) -> None:
    _, stages, a = run
    sigma = np.linalg.svd(a, compute_uv=False)
    radii = np.linalg.norm(stages["sigma"]["points"], axis=1)
    assert_allclose([radii.max(), radii.min()], sigma, atol=tolerance(a))
    assert_allclose(stages["sigma"]["tips"], np.diag(sigma), atol=tolerance(a))


def test_after_u_the_curve_is_the_image_of_the_circle(run: Any) -> None:
    _, stages, a = run
    points = stages["u"]["points"]
    start = stages["circle"]["points"]
    assert_allclose(points, start @ a.T, atol=tolerance(a))
    if np.linalg.matrix_rank(a, tol=1e-9 * max(1.0, np.abs(a).max())) == 2:
        assert_allclose(np.linalg.norm(np.linalg.solve(a, points.T), axis=0), 1.0, atol=1e-6)
    else:  # on the line through A's column space, reaching sigma_1 each way
        column = a[:, np.argmax(np.linalg.norm(a, axis=0))]
        column = column / np.linalg.norm(column)
        cross = points[:, 0] * column[1] - points[:, 1] * column[0]
        assert_allclose(cross, 0.0, atol=tolerance(a))
        sigma1 = np.linalg.svd(a, compute_uv=False)[0]
        assert_allclose(np.abs(points @ column).max(), sigma1, atol=tolerance(a))


def test_arrows_end_at_a_times_where_they_started(run: Any) -> None:
    _, stages, a = run
    start = stages["circle"]["tips"]
    assert_allclose(stages["u"]["tips"], start @ a.T, atol=tolerance(a))
    assert_allclose(stages["compare"]["tips"], start @ a.T, atol=tolerance(a))


def test_a_in_one_step_lands_on_the_three_step_curve(run: Any) -> None:
    _, stages, a = run
    final = stages["compare"]
    assert final["ghost"] is not None
    assert_allclose(final["ghost"], final["reference"] @ a.T, atol=tolerance(a))
    assert_allclose(final["ghost"], final["points"], atol=tolerance(a))


def test_sidecar_factors_agree_with_numpy_up_to_sign(run: Any) -> None:
    report, _, a = run
    data = report.scene.data
    u_np, s_np, vt_np = np.linalg.svd(a)
    assert_allclose(data["singular_values"], s_np, rtol=1e-9, atol=1e-12)
    u, vt = np.array(data["U"]), np.array(data["Vt"])
    assert_allclose(u @ np.diag(data["singular_values"]) @ vt, a, atol=1e-8 * np.abs(a).max())
    if s_np[1] > 1e-6 * s_np[0] and s_np[0] - s_np[1] > 1e-6 * s_np[0]:
        assert_allclose(np.abs(vt @ vt_np.T), np.eye(2), atol=1e-9)
        assert_allclose(np.abs(u.T @ u_np), np.eye(2), atol=1e-9)
    det_sign = np.sign(np.linalg.det(u)) * np.sign(np.linalg.det(vt))
    if data["rank"] == 2:
        assert det_sign == np.sign(np.linalg.det(a))
    assert data["vt_factor"]["kind"] == ("reflection" if np.linalg.det(vt) < 0 else "rotation")
    assert data["u_factor"]["kind"] == ("reflection" if np.linalg.det(u) < 0 else "rotation")


def test_panel_names_what_each_factor_does(run: Any) -> None:
    scene = run[0].scene
    texts = [getattr(group[1], "text", "") for group in scene.picture.factor_rows]
    for text, factor in zip(
        (texts[0], texts[2]), (scene.data["vt_factor"], scene.data["u_factor"]), strict=True
    ):
        assert ("reflects" in text) == (factor["kind"] == "reflection"), text
    if scene.data["rank"] < 2:
        assert "segment" in texts[1]


def test_captions_say_what_the_determinant_does(run: Any) -> None:
    report, _, a = run
    scene = report.scene
    caption = {b.name: b.caption for b in scene.beats}["u"]
    det = np.linalg.det(a)
    if scene.data["rank"] < 2:
        assert "A v2 = 0" in caption and "flips" not in caption
    elif det < 0:
        assert "flips orientation" in caption
    elif scene.data["reflection"] == "both":
        assert "Two reflections cancel" in caption
    else:
        assert "reflect" not in caption


def test_arrow_labels_keep_clear_of_the_panel_text(run: Any) -> None:
    # Issue 17: sigma_1 u_1 sat 9 px left of the panel's text, on the same baseline,
    # and read as the end of a panel line. Every label at every stage now ends at least
    # half a unit (30 px at 480p) left of where the panel's text starts.
    from scenes.kit.style import panel_left

    scene = run[0].scene
    for group in scene.picture.labels:
        for label in group:
            assert label.get_right()[0] <= panel_left() - 0.5, label.get_tex_string()
    # ... and the last labels (sigma_k u_k) are not pushed back onto the arrow tips.
    for label in scene.picture.labels[3]:
        for arrow in scene.picture.arrows:
            tip = arrow.get_end()
            inside = (
                label.get_left()[0] < tip[0] < label.get_right()[0]
                and label.get_bottom()[1] < tip[1] < label.get_top()[1]
            )
            assert not inside, label.get_tex_string()


def test_two_reflections_are_explained_on_screen(run: Any) -> None:
    # Issue 17: the shear preset reflects twice (V^T and U) with nothing on screen
    # saying why A keeps orientation; the panel now says it where it happens.
    from scenes.kit.numbers import latex_number

    scene = run[0].scene
    u_remark = scene.picture.factor_rows[2][1]
    conclusion = scene.picture.conclusion.get_tex_string()
    if scene.data["reflection"] == "both":
        assert "reflects again" in u_remark.text
        if scene.data["rank"] == 2:  # rank one has no orientation to keep
            det = latex_number(float(np.linalg.det(np.array(scene.params.matrix))))
            assert "reflections cancel" in conclusion
            assert rf"\det A = {det}" in conclusion
    else:
        assert "again" not in u_remark.text
        assert "cancel" not in conclusion


# --- bad input: one line, exit status 2, nothing written ----------------------------

BAD_INPUTS = [
    ("matrix=nan,0,0,1", "parameter 'matrix'"),
    ("matrix=inf,0,0,1", "parameter 'matrix'"),
    ("matrix=11,0,0,1", "each in [-10, 10]"),
    ("matrix=1,0,0", "2x2 matrix"),
    ("matrix=0,0,0,0", "not (numerically) zero"),
    ("step_time=0", "'step_time'"),
]


@pytest.mark.parametrize(("setting", "fragment"), BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, setting: str, fragment: str
) -> None:
    line = rejected_render(tmp_path, "SVD", "--set", setting)
    assert line.startswith("error: SVD") and fragment in line, line


def test_cross_field_rule_rejects_numerically_zero_matrices() -> None:
    with pytest.raises(ParamError, match="not \\(numerically\\) zero"):
        build("SVD", SVDParams, {"matrix": [[1e-10, 0], [0, -1e-10]]})
    build("SVD", SVDParams, {"matrix": [[1e-3, 0], [0, 0]]})  # tiny but not zero: allowed


# Module-scoped scene builds: keep this file on the worker of SVD's other tests, so
# each matrix builds once.
pytestmark = scene_group("SVD")
