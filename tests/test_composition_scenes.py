"""Composition and Inverse: their own mobjects against numpy, at the end of every beat.

Each scene is read from the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden where a case equals the defaults or a preset) for a
table of matrices (including singular, nearly singular, ill-conditioned, zero and large
ones). The checker compared the drawn basis tips, the unit square's signed area and the
dots with the scene's declared invariants at the end of every beat (to 1e-6 plane
units); here the values those invariants expect at each beat are compared with numpy's
products, determinants and inverses (not with the scene's own sidecar), and the final
picture is read back directly. The command line must reject bad matrices with one line
and exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz.linear_maps import parallelogram_area

# Drawn coordinates are compared in plane units (1e-6 of a unit is far below a pixel).
ATOL = 1e-6

COMPOSITIONS = {
    "rotate-then-shear": (((0.0, -1.0), (1.0, 0.0)), ((1.0, 1.0), (0.0, 1.0))),
    "shear-then-rotate": (((1.0, 1.0), (0.0, 1.0)), ((0.0, -1.0), (1.0, 0.0))),
    "diagonal": (((2.0, 0.0), (0.0, 0.5)), ((-1.0, 0.0), (0.0, 1.5))),
    "rotations": (((0.0, -1.0), (1.0, 0.0)), ((0.7071, -0.7071), (0.7071, 0.7071))),
    "flatten": (((1.0, 0.0), (0.0, 0.0)), ((0.0, -1.0), (1.0, 0.0))),
    "zero": (((0.0, 0.0), (0.0, 0.0)), ((1.0, 2.0), (3.0, 4.0))),
    "large": (((5.0, -5.0), (5.0, 5.0)), ((-5.0, 5.0), (5.0, 5.0))),
    "reflections": (((1.0, 0.0), (0.0, -1.0)), ((0.0, 1.0), (1.0, 0.0))),
}

INVERSES = {
    "default": ((2.0, 1.0), (1.0, 1.5)),
    "det-one": ((2.0, 1.0), (1.0, 1.0)),
    "rotation": ((0.0, -1.0), (1.0, 0.0)),
    "reflection": ((-10.0, 10.0), (10.0, 10.0)),
    "tiny": ((1e-5, 0.0), (0.0, 1e-5)),
    "ill-conditioned": ((1.0, 1.0), (1.0, 1.0001)),
    "ill-conditioned-preset": ((1.0, 0.99), (0.99, 0.98)),
    "nearly-singular": ((1.0, 1.0), (1.0, 1.000000000001)),
    "singular": ((1.0, 2.0), (2.0, 4.0)),
    "singular-large": ((10.0, 10.0), (10.0, 10.0)),
    "projection": ((1.0, 0.0), (0.0, 0.0)),
    "zero": ((0.0, 0.0), (0.0, 0.0)),
}


def _expected_at(report: Any, beat: str) -> dict[str, Any]:
    """What the scene's invariants expect at ``beat``, by name, after checking that the
    checker held every invariant (to its 1e-6) at the end of every beat."""
    assert beat in report.beats, (beat, report.beats)
    assert report.problems == [], "\n".join(report.problems)
    assert report.measured[beat]["invariants"] > 0, beat
    invariants = report.scene.invariants(beat)
    assert all(inv.atol <= ATOL for inv in invariants)
    return {inv.name: np.asarray(inv.expected, dtype=float) for inv in invariants}


def _drawn(scene: Any) -> dict[str, Any]:
    """The final picture's basis tips and square's signed area, in plane units."""
    pic = scene.picture
    view, stage = pic.view, pic.stage
    return {
        "i": view.p2c(stage.i_hat.get_end()),
        "j": view.p2c(stage.j_hat.get_end()),
        "area": parallelogram_area([view.p2c(v) for v in stage.square.get_vertices()]),
    }


@pytest.fixture(scope="module", params=list(COMPOSITIONS))
def composition(request: pytest.FixtureRequest, built: Any) -> Any:
    from scenes.linear_algebra.params import CompositionParams

    first, second = COMPOSITIONS[request.param]
    return built("Composition", CompositionParams(first=first, second=second))


@pytest.fixture(scope="module", params=list(INVERSES))
def inverse(request: pytest.FixtureRequest, built: Any) -> Any:
    from scenes.linear_algebra.params import InverseParams

    return built("Inverse", InverseParams(matrix=INVERSES[request.param]))


@scene_group("Composition")
def test_each_stage_shows_its_matrix(composition: Any) -> None:
    scene = composition.scene
    a, b = np.array(scene.params.first), np.array(scene.params.second)
    expected = {
        "first": ("A", a),
        "second": ("BA", b @ a),
        "product": ("BA", b @ a),
        "other_first": ("B", b),
        "other_second": ("AB", a @ b),
        "conclusion": ("AB", a @ b),
    }
    assert composition.beats == ["basis", *expected]
    for beat, (name, m) in expected.items():
        got = _expected_at(composition, beat)
        assert_allclose(got[f"i-hat tip = {name} e1"], m[:, 0], atol=ATOL, err_msg=beat)
        assert_allclose(got[f"j-hat tip = {name} e2"], m[:, 1], atol=ATOL, err_msg=beat)
        assert_allclose(
            got[f"square's signed area = det {name}"],
            np.linalg.det(m),
            rtol=1e-6,
            atol=ATOL,
            err_msg=beat,
        )
    final = _drawn(scene)  # the end of the last beat, read directly
    assert_allclose(final["i"], (a @ b)[:, 0], atol=ATOL)
    assert_allclose(final["j"], (a @ b)[:, 1], atol=ATOL)
    assert_allclose(final["area"], np.linalg.det(a @ b), rtol=1e-6, atol=ATOL)


@scene_group("Composition")
def test_composition_data_matches_numpy(composition: Any) -> None:
    scene = composition.scene
    a, b = np.array(scene.params.first), np.array(scene.params.second)
    data = scene.data
    assert_allclose(data["product"], b @ a, rtol=1e-14)
    assert_allclose(data["reverse_product"], a @ b, rtol=1e-14)
    assert_allclose(data["basis_images"], (b @ a).T, rtol=1e-14)
    assert data["commute"] is bool(np.allclose(a @ b, b @ a, rtol=0, atol=1e-9))
    dets = data["determinants"]
    assert_allclose(dets["product"], np.linalg.det(b) * np.linalg.det(a), atol=1e-9)
    assert_allclose(dets["first"], np.linalg.det(a), atol=1e-12)
    assert_allclose(dets["second"], np.linalg.det(b), atol=1e-12)


@scene_group("Composition")
def test_faded_copy_keeps_the_first_orders_result(composition: Any) -> None:
    scene = composition.scene
    a, b = np.array(scene.params.first), np.array(scene.params.second)
    ghost_i, ghost_j = scene.picture.ghosts
    view = scene.picture.view
    assert_allclose(view.p2c(ghost_i.get_end()), (b @ a)[:, 0], atol=ATOL)
    assert_allclose(view.p2c(ghost_j.get_end()), (b @ a)[:, 1], atol=ATOL)


@scene_group("Inverse")
def test_inverse_returns_the_basis_or_shows_the_collapse(inverse: Any) -> None:
    scene = inverse.scene
    a = np.array(scene.params.matrix)
    after = _expected_at(inverse, "apply")
    assert_allclose(after["i-hat tip = A e1"], a[:, 0], atol=ATOL)
    assert_allclose(after["j-hat tip = A e2"], a[:, 1], atol=ATOL)
    assert_allclose(after["square's signed area = det A"], np.linalg.det(a), rtol=1e-6, atol=ATOL)
    tol = 1e-9 * max(1.0, np.abs(a).max())
    singular = np.linalg.matrix_rank(a, tol=tol) < 2
    assert scene.data["invertible"] is (not singular)
    final = _drawn(scene)
    if singular:
        assert inverse.beats == ["basis", "apply", "no_inverse"]
        assert scene.data["inverse"] is None
        p, q = (np.array(x) for x in scene.data["collapsing_pair"])
        assert np.linalg.norm(p - q) > 1.0
        # Before: the dots at p and q; after: both on A p = A q (numpy's product).
        before = _expected_at(inverse, "basis")
        assert_allclose([before["p drawn at p"], before["q drawn at q"]], [p, q], atol=ATOL)
        for name in ("A p = the shared image", "A q = the shared image"):
            assert_allclose(after[name], a @ p, atol=ATOL)
            assert_allclose(after[name], a @ q, atol=ATOL)
        view = scene.picture.view
        for dot in scene.picture.points:  # still there at the end, read directly
            assert_allclose(view.p2c(dot.get_center()), a @ p, atol=ATOL)
            assert_allclose(view.p2c(dot.get_center()), a @ q, atol=ATOL)
        assert_allclose(final["i"], a[:, 0], atol=ATOL)
        assert_allclose(final["j"], a[:, 1], atol=ATOL)
    else:
        assert inverse.beats == ["basis", "apply", "inverse", "undo"]
        assert_allclose(scene.data["inverse"], np.linalg.inv(a), rtol=1e-9)
        back = _expected_at(inverse, "undo")
        assert_allclose(back["i-hat back at e1"], [1.0, 0.0], atol=ATOL)
        assert_allclose(back["j-hat back at e2"], [0.0, 1.0], atol=ATOL)
        assert_allclose(back["square's signed area back to 1"], 1.0, atol=ATOL)
        assert_allclose(final["i"], [1.0, 0.0], atol=ATOL)
        assert_allclose(final["j"], [0.0, 1.0], atol=ATOL)
        assert_allclose(final["area"], 1.0, atol=ATOL)


@scene_group("Inverse")
def test_inverse_data_matches_numpy(inverse: Any) -> None:
    scene = inverse.scene
    a = np.array(scene.params.matrix)
    data = scene.data
    assert_allclose(data["determinant"], np.linalg.det(a), rtol=1e-9, atol=1e-15)
    tol = 1e-9 * max(1.0, np.abs(a).max())
    assert data["rank"] == np.linalg.matrix_rank(a, tol=tol)
    cond = np.linalg.cond(a)
    if data["condition_number"] is None:
        assert np.linalg.det(a) == 0.0
    elif cond < 1e8:
        assert_allclose(data["condition_number"], cond, rtol=1e-6)


def test_composition_key_points_hold_every_stage_image() -> None:
    from mlmath_viz import linalg
    from scenes.linear_algebra.composition import key_points

    a, b = np.array([[0, -1], [1, 0]]), np.array([[1, 1], [0, 1]])
    pts = key_points(linalg.summarize_composition(a, b))
    corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
    for m in (np.eye(2), a, b @ a, b, a @ b):
        for c in corners @ m.T:
            assert np.any(np.all(np.isclose(pts, c), axis=1)), (m, c)


@pytest.mark.parametrize("name", list(INVERSES))
def test_inverse_key_points_hold_the_square_its_image_and_the_collapse(name: str) -> None:
    from mlmath_viz import linalg
    from scenes.linear_algebra.inverse import key_points

    a = np.array(INVERSES[name])
    summary = linalg.summarize_inverse(a)
    pts = key_points(summary)
    corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
    wanted = [*corners, *(corners @ a.T)]
    if summary.collapsing_pair is not None:
        p, q = (np.array(x) for x in summary.collapsing_pair)
        wanted += [p, q, a @ p]
    for c in wanted:
        assert np.any(np.all(np.isclose(pts, c, rtol=1e-9, atol=1e-9), axis=1)), (name, c)


def test_nearly_singular_is_called_numerically_singular() -> None:
    from mlmath_viz.linalg import summarize_inverse

    s = summarize_inverse(INVERSES["nearly-singular"])
    assert s.status.value == "numerically_singular"
    assert s.inverse is None


def _texts_inside(scene: Any) -> None:
    from manim import MathTex, Text, config

    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    texts = [m for m in scene.get_mobject_family_members() if isinstance(m, MathTex | Text)]
    assert texts
    for m in texts:
        assert m.get_left()[0] >= -half_w and m.get_right()[0] <= half_w, m
        assert m.get_bottom()[1] >= -half_h and m.get_top()[1] <= half_h, m


@scene_group("Composition")
def test_composition_text_stays_in_frame(composition: Any) -> None:
    _texts_inside(composition.scene)


@scene_group("Inverse")
def test_inverse_text_stays_in_frame(inverse: Any) -> None:
    _texts_inside(inverse.scene)


#: Parameter sets that fuzzing once found to break a scene: (scene, overrides, what broke).
REGRESSIONS = [
    (
        "Composition",
        {
            "first": [[-1.9175493579374804e-146, -5.0], [-5.0, 0.0]],
            "second": [[3.0698784031508917e-257, 4.971887710374858], [0.0, -5.0]],
        },
        "det-row-with-1e-256-shrunk-below-font-20",
    ),
    (
        "Composition",
        {
            "first": [[5.0, 5.960464477539063e-08], [5.0, -5.0]],
            "second": [[5.0, -4.6192414081979445], [5.0, 1.2646136719222065]],
        },
        "two-line-det-row-pushed-the-verdict-below-the-frame",
    ),
    (
        "Composition",
        {
            "first": [[0.0, -0.22826451843551343], [0.0, -0.4252923515740479]],
            "second": [
                [-1.401298464324817e-45, -1.401298464324817e-45],
                [0.0, -0.22826451843551343],
            ],
        },
        "B-sends-e1-to-almost-zero-hat-labels-collided",
    ),
]


@pytest.mark.parametrize(
    ("scene", "overrides", "why"),
    [pytest.param(s, o, w, marks=scene_group(s), id=w) for s, o, w in REGRESSIONS],
)
def test_fuzzing_regressions_pass_the_checker(
    scene: str, overrides: dict[str, Any], why: str, built: Any
) -> None:
    from scenes import catalog
    from scenes.parameters import build

    entry = catalog.BY_NAME[scene]
    params = build(scene, entry.params_type, overrides)
    report = built(scene, params, keep=False)
    assert report.beats, f"{scene} {params}: no beats were checked"
    assert report.problems == [], "\n".join(report.problems)


BAD = [
    (["Composition", "--set", "first=nan,0,0,1"], "parameter 'first'"),
    (["Composition", "--set", "second=1,0,0,inf"], "parameter 'second'"),
    (["Composition", "--set", "first=6,0,0,1"], "each in [-5, 5]"),
    (["Composition", "--set", "second=1,2,3"], "2x2 matrix of real numbers"),
    (["Composition", "--set", "run_time=0"], "'run_time' got '0'"),
    (["Inverse", "--set", "matrix=nan,0,0,1"], "parameter 'matrix'"),
    (["Inverse", "--set", "matrix=1,0,0,-inf"], "parameter 'matrix'"),
    (["Inverse", "--set", "matrix=11,0,0,1"], "each in [-10, 10]"),
    (["Inverse", "--set", "matrix=1,2,3,4,5"], "2x2 matrix of real numbers"),
    (["Inverse", "--set", "first=1,0,0,1"], "unknown parameter 'first'"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD)
def test_bad_matrices_exit_2_with_one_line_and_write_nothing(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    assert fragment in rejected_render(tmp_path, *args)


def test_bas_ghost_and_abs_square_differ_in_colour_and_are_labelled(composition: Any) -> None:
    # Issue 17: the BA ghost and the AB parallelogram were the same yellow, unlabelled.
    from scenes.kit.style import PALETTE
    from scenes.linear_algebra.composition import ghost_colour

    scene = composition.scene
    assert ghost_colour().lower() != PALETTE.area.lower()
    labels = [scene.picture.ghost_label, scene.picture.live_label]
    for label in labels:
        if len(label.get_family()) > 1 or len(label.points):
            assert label in scene.mobjects or any(label in m.get_family() for m in scene.mobjects)
    if composition_name(scene) == "rotate-then-shear":
        assert labels[0].get_tex_string() == "BA" and labels[1].get_tex_string() == "AB"


def composition_name(scene: Any) -> str | None:
    for name, (first, second) in COMPOSITIONS.items():
        if scene.params.first == first and scene.params.second == second:
            return name
    return None


def test_the_default_composition_is_not_the_rotate_then_shear_preset() -> None:
    # Issue 17: preset rotate-then-shear was identical to the default.
    from scenes import presets
    from scenes.linear_algebra.params import CompositionParams

    preset = presets.load()["Composition"]["rotate-then-shear"]
    default = CompositionParams()
    as_tuples = {k: tuple(tuple(float(x) for x in row) for row in v) for k, v in preset.items()}
    assert (default.first, default.second) != (as_tuples["first"], as_tuples["second"])


def test_the_default_inverse_changes_area() -> None:
    # Issue 17: det A = 1 showed no area change; the default doubles the area.
    from scenes.linear_algebra.params import InverseParams

    assert abs(np.linalg.det(np.array(InverseParams().matrix))) == pytest.approx(2.0)


def test_nearly_singular_shows_the_entries_its_matrix_row_rounds(built: Any) -> None:
    # Issue 17: [[1, 1], [1, 1]] beside det A = 1e-12. The panel writes a_22 out.
    from manim import MathTex

    from scenes.linear_algebra.params import InverseParams

    scene = built("Inverse", InverseParams(matrix=INVERSES["nearly-singular"])).scene
    texes = [m.tex_string for m in scene.picture.det_block if isinstance(m, MathTex)]
    assert any(t.startswith("a_{22} = 1 + ") and r"10^{-12}" in t for t in texes), texes
    rest = INVERSES["nearly-singular"][1][1] - 1.0
    assert rest == pytest.approx(1e-12, rel=1e-3)
