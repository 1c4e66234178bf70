"""QuadraticForm: its own mobjects against numpy and its sidecar data.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden for the defaults and presets), plus one extra
awkward matrix (a negative semidefinite ridge). Drawn coordinates are read back with
the view's ``p2c`` and compared in plane units; numpy's eigh is the oracle for the
numbers, x^T A x evaluated by numpy for the level curves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from scenes.kit.style import PALETTE
from scenes.linear_algebra.params import QuadraticFormParams
from scenes.parameters import ParamError, build

CASES = {
    "default": ((2.0, 1.0), (1.0, 2.0)),
    "saddle": ((1.0, 2.0), (2.0, -2.0)),
    "trough": ((1.0, 2.0), (2.0, 4.0)),
    "narrow-dome": ((-0.1, 0.0), (0.0, -10.0)),
    "ridge": ((-1.0, 2.0), (2.0, -4.0)),
    # found by fuzzing: an eigenvalue of -1.4e-45 was shown in scientific form, too
    # wide for the panel, and disagreed with the class (semidefinite): it is 0 now
    "tiny-entries": ((-1.401298464324817e-45, -1.401298464324817e-45), (0.0, -0.4565)),
}

#: The class of each case, by hand from the signs of its eigenvalues.
CLASSES = {
    "default": "positive definite",
    "saddle": "indefinite",
    "trough": "positive semidefinite",
    "narrow-dome": "negative definite",
    "ridge": "negative semidefinite",
    "tiny-entries": "negative semidefinite",
}


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("QuadraticForm", QuadraticFormParams(matrix=CASES[request.param]))


@scene_group("QuadraticForm")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == ["form", "levels", "axes", "classification"]
    assert report.problems == [], "\n".join(report.problems)


@scene_group("QuadraticForm")
def test_numbers_match_numpy_eigh(case: tuple[str, Any]) -> None:
    name, report = case
    data = report.scene.data
    a = np.array(CASES[name])
    values, vectors = np.linalg.eigh(a)
    assert_allclose(data["eigenvalues"], values, atol=1e-9)
    for k, v in enumerate(np.array(data["eigenvectors"])):
        assert abs(v @ vectors[:, k]) == pytest.approx(1.0, abs=1e-9)
        assert v[int(np.argmax(np.abs(np.round(v, 12))))] > 0  # sign convention
    assert data["definiteness"] == CLASSES[name]


@scene_group("QuadraticForm")
def test_drawn_level_curves_are_level_sets(case: tuple[str, Any]) -> None:
    name, report = case
    scene = report.scene
    pic = scene.picture
    a = np.array(CASES[name])
    assert len(pic.levels) == len(scene.data["levels"]) > 0
    for c, curve in zip(scene.data["levels"], pic.levels, strict=True):
        pts = pic.view.p2c(curve.get_anchors())
        assert len(pts) > 1
        q = np.einsum("ni,ij,nj->n", pts, a, pts)
        assert_allclose(q, c, atol=1e-6 * max(1, abs(c)), err_msg=f"{name} level {c}")
        assert curve.get_stroke_color().to_hex().lower() == (
            PALETTE.series[1 if c > 0 else 2].lower()
        )


@scene_group("QuadraticForm")
def test_axes_are_the_eigenvectors(case: tuple[str, Any]) -> None:
    name, report = case
    pic = report.scene.picture
    a = np.array(CASES[name])
    for arrow, line in zip(pic.axis_arrows, pic.axis_lines, strict=True):
        tip = pic.view.p2c(arrow.get_end())
        assert_allclose(np.linalg.norm(tip), 1.0, atol=1e-6)
        lam = float(tip @ a @ tip)
        assert_allclose(a @ tip, lam * tip, atol=1e-6)  # an eigenvector of A
        d = pic.view.p2c(line.get_end()) - pic.view.p2c(line.get_start())
        assert abs(d[0] * tip[1] - d[1] * tip[0]) < 1e-6 * np.linalg.norm(d)


@scene_group("QuadraticForm")
def test_the_class_is_said_on_screen_and_in_the_caption(case: tuple[str, Any]) -> None:
    from manim import Text

    name, report = case
    scene = report.scene
    texts = [m.original_text for m in scene.get_mobject_family_members() if isinstance(m, Text)]
    assert any(CLASSES[name] in " ".join(t.split()) for t in texts), texts
    assert CLASSES[name] in scene.beats[-1].caption


@pytest.mark.parametrize(
    ("matrix", "fragment"),
    [([[1, 2], [3, 1]], "symmetric"), ([[0, 0], [0, 0]], "non-zero")],
    ids=["not-symmetric", "zero"],
)
def test_bad_matrices_are_refused_naming_matrix(matrix: Any, fragment: str) -> None:
    with pytest.raises(ParamError, match="parameter 'matrix'") as err:
        build("QuadraticForm", QuadraticFormParams, {"matrix": matrix})
    assert fragment in str(err.value)


def test_not_symmetric_exits_2_on_the_command_line(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, "QuadraticForm", "--set", "matrix=1,2,3,1")
    assert "parameter 'matrix'" in line and "symmetric" in line, line
