"""Composition and Inverse: their own mobjects against numpy, at the end of every beat.

Each scene is built without video for a table of matrices (including singular, nearly
singular, ill-conditioned, zero and large ones); an observer records the drawn basis
tips, the unit square's signed area and the dots at the end of each beat, and these are
compared with numpy's products, determinants and inverses (not with the scene's own
sidecar). The command line must reject bad matrices with one line and exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, render_without_video, shared_tex_dir
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
    "default": ((2.0, 1.0), (1.0, 1.0)),
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


def _render(scene_class: type, params: Any, tmp: Path, tex: Path) -> tuple[Any, dict]:
    """Build the scene with animations skipped, recording the picture at each beat's end."""
    stages: dict[str, dict[str, Any]] = {}

    def observe(scene: Any, beat: Any) -> None:
        # Inverse keeps what it draws in its picture record; Composition on the scene.
        drawn = getattr(scene, "picture", scene)
        view, stage = drawn.view, drawn.stage
        stages[beat.name] = {
            "i": view.p2c(stage.i_hat.get_end()),
            "j": view.p2c(stage.j_hat.get_end()),
            "area": parallelogram_area([view.p2c(v) for v in stage.square.get_vertices()]),
            "dots": [view.p2c(d.get_center()) for d in getattr(drawn, "points", [])],
        }

    scene = render_without_video(scene_class, params, tmp, tex, observe)
    return scene, stages


@pytest.fixture(scope="module", params=list(COMPOSITIONS))
def composition(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from scenes.linear_algebra.composition import Composition
    from scenes.linear_algebra.params import CompositionParams

    first, second = COMPOSITIONS[request.param]
    return _render(
        Composition,
        CompositionParams(first=first, second=second),
        tmp_path_factory.mktemp("media"),
        shared_tex_dir(tmp_path_factory),
    )


@pytest.fixture(scope="module", params=list(INVERSES))
def inverse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from scenes.linear_algebra.inverse import Inverse
    from scenes.linear_algebra.params import InverseParams

    return _render(
        Inverse,
        InverseParams(matrix=INVERSES[request.param]),
        tmp_path_factory.mktemp("media"),
        shared_tex_dir(tmp_path_factory),
    )


def test_each_stage_shows_its_matrix(composition: Any) -> None:
    scene, stages = composition
    a, b = np.array(scene.params.first), np.array(scene.params.second)
    expected = {
        "first": a,
        "second": b @ a,
        "product": b @ a,
        "other_first": b,
        "other_second": a @ b,
        "conclusion": a @ b,
    }
    for beat, m in expected.items():
        got = stages[beat]
        assert_allclose(got["i"], m[:, 0], atol=ATOL, err_msg=beat)
        assert_allclose(got["j"], m[:, 1], atol=ATOL, err_msg=beat)
        assert_allclose(got["area"], np.linalg.det(m), rtol=1e-6, atol=ATOL, err_msg=beat)


def test_composition_data_matches_numpy(composition: Any) -> None:
    scene, _ = composition
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


def test_faded_copy_keeps_the_first_orders_result(composition: Any) -> None:
    scene, _ = composition
    a, b = np.array(scene.params.first), np.array(scene.params.second)
    ghost_i, ghost_j = scene.ghosts
    assert_allclose(scene.view.p2c(ghost_i.get_end()), (b @ a)[:, 0], atol=ATOL)
    assert_allclose(scene.view.p2c(ghost_j.get_end()), (b @ a)[:, 1], atol=ATOL)


def test_inverse_returns_the_basis_or_shows_the_collapse(inverse: Any) -> None:
    scene, stages = inverse
    a = np.array(scene.params.matrix)
    after = stages["apply"]
    assert_allclose(after["i"], a[:, 0], atol=ATOL)
    assert_allclose(after["j"], a[:, 1], atol=ATOL)
    assert_allclose(after["area"], np.linalg.det(a), rtol=1e-6, atol=ATOL)
    tol = 1e-9 * max(1.0, np.abs(a).max())
    singular = np.linalg.matrix_rank(a, tol=tol) < 2
    assert scene.data["invertible"] is (not singular)
    if singular:
        assert list(stages) == ["basis", "apply", "no_inverse"]
        assert scene.data["inverse"] is None
        p, q = (np.array(x) for x in scene.data["collapsing_pair"])
        assert np.linalg.norm(p - q) > 1.0
        # Before: the dots at p and q; after: both on A p = A q (numpy's product).
        assert_allclose(stages["basis"]["dots"], [p, q], atol=ATOL)
        for dot in after["dots"]:
            assert_allclose(dot, a @ p, atol=ATOL)
            assert_allclose(dot, a @ q, atol=ATOL)
    else:
        assert list(stages) == ["basis", "apply", "inverse", "undo"]
        assert_allclose(scene.data["inverse"], np.linalg.inv(a), rtol=1e-9)
        back = stages["undo"]
        assert_allclose(back["i"], [1.0, 0.0], atol=ATOL)
        assert_allclose(back["j"], [0.0, 1.0], atol=ATOL)
        assert_allclose(back["area"], 1.0, atol=ATOL)


def test_inverse_data_matches_numpy(inverse: Any) -> None:
    scene, _ = inverse
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


def test_composition_text_stays_in_frame(composition: Any) -> None:
    _texts_inside(composition[0])


def test_inverse_text_stays_in_frame(inverse: Any) -> None:
    _texts_inside(inverse[0])


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
    ("scene", "overrides", "why"), REGRESSIONS, ids=[w for _, _, w in REGRESSIONS]
)
def test_fuzzing_regressions_pass_the_checker(
    scene: str, overrides: dict[str, Any], why: str, tex_cache: Path
) -> None:
    import importlib

    from scenes import catalog
    from scenes.kit.checking import check_scene
    from scenes.parameters import build

    entry = catalog.BY_NAME[scene]
    params = build(scene, entry.params_type, overrides)
    scene_class = getattr(importlib.import_module(entry.module), scene)
    report = check_scene(scene_class, params, tex_dir=tex_cache)
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


# Module-scoped scene builds: keep this file on one test worker so each builds once.
pytestmark = pytest.mark.xdist_group("test_composition_scenes")
