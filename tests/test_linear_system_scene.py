"""LinearSystem: its own mobjects against numpy, at the end of every beat.

Each case is read from the session's checked build (conftest's ``built``, the same
builds test_scene_checks and test_golden use for the defaults and the presets). The
checker held the scene's invariants at every beat's end (to 1e-6 of the entries'
size); here the drawn marks are read back with ``Coords.p2c`` and compared with numpy's
``solve``, ``pinv`` and ``lstsq`` (not with the scene's sidecar). Bad input must exit 2
with one line naming the parameter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group

ATOL = 1e-6

#: The defaults and the presets of scenes.toml (so every build is shared).
CASES = {
    "default": None,
    "infinitely-many": (((1.0, 2.0), (2.0, 4.0)), (3.0, 6.0)),
    "no-solution": (((1.0, 2.0), (2.0, 4.0)), (3.0, 1.0)),
    "nearly-parallel": (((1.0, 1.0), (1.0, 1.05)), (2.0, 2.3)),
    "zero-row": (((1.0, -1.0), (0.0, 0.0)), (1.0, 2.0)),
}


@pytest.fixture(scope="module", params=list(CASES))
def system(request: pytest.FixtureRequest, built: Any) -> Any:
    from scenes.linear_algebra.params import LinearSystemParams

    case = CASES[request.param]
    params = LinearSystemParams() if case is None else LinearSystemParams(*case)
    return built("LinearSystem", params)


def _oracle(a: np.ndarray, b: np.ndarray) -> tuple[str, np.ndarray]:
    """numpy's answer: the status and the minimum-norm least-squares x."""
    x, _, rank, _ = np.linalg.lstsq(a, b, rcond=None)
    if rank == 2:
        return "unique", np.linalg.solve(a, b)
    consistent = np.linalg.norm(a @ x - b) < 1e-9
    return ("infinitely-many" if consistent else "none"), x


def test_presets_in_scenes_toml_are_the_cases_here() -> None:
    from scenes import presets

    table = presets.load()["LinearSystem"]
    assert set(table) == set(CASES) - {"default"}
    for name, values in table.items():
        matrix, b = CASES[name]  # type: ignore[misc]
        assert_allclose(values["matrix"], matrix)
        assert_allclose(values["b"], b)


@scene_group("LinearSystem")
def test_the_drawn_solution_and_status_match_numpy(system: Any) -> None:
    assert system.problems == [], "\n".join(system.problems)
    scene = system.scene
    pic = scene.picture
    a, b = np.array(scene.params.matrix), np.array(scene.params.b)
    status, x = _oracle(a, b)
    assert scene.data["status"] == status
    last = "closest" if status == "none" else "combination"
    assert system.beats == ["rows", "row_solution", "columns", last]
    assert all(system.measured[beat]["invariants"] > 0 for beat in system.beats)
    if status == "none":
        assert pic.solution_dot is None
    else:
        assert_allclose(pic.row_view.p2c(pic.solution_dot.get_center()), x, atol=ATOL)
    # Every drawn line's ends satisfy its own equation (relative to the line's reach).
    for i, line in enumerate(pic.lines):
        if line is None:
            assert np.allclose(a[i], 0.0)
            continue
        for end in (line.get_start(), line.get_end()):
            assert_allclose(a[i] @ pic.row_view.p2c(end), b[i], atol=1e-6 * 100)


@scene_group("LinearSystem")
def test_the_column_picture_ends_at_b_or_at_its_projection(system: Any) -> None:
    scene = system.scene
    pic = scene.picture
    view = pic.column_view
    a, b = np.array(scene.params.matrix), np.array(scene.params.b)
    status, x = _oracle(a, b)
    for arrow, column in zip(pic.column_arrows, a.T, strict=True):
        if arrow is not None:
            assert_allclose(view.p2c(arrow.get_end()), column, atol=ATOL)
    assert_allclose(view.p2c(pic.b_arrow.get_end()), b, atol=ATOL)
    one, two = pic.weighted
    shift = pic.weighted_shift
    target = a @ x  # b when consistent, else the projection of b onto C(A)
    if two is not None:
        assert_allclose(view.p2c(two.get_end() - shift), target, atol=ATOL)
    if one is not None:
        assert_allclose(view.p2c(one.get_end() - shift), x[0] * a[:, 0], atol=ATOL)
    if status == "none":
        p = view.p2c(pic.closest_dot.get_center())
        assert_allclose(p, target, atol=ATOL)
        assert_allclose(a.T @ (b - p), 0.0, atol=1e-9)  # the normal equations
        assert_allclose(scene.data["residual_norm"], np.linalg.norm(b - target), rtol=1e-9)
    else:
        assert_allclose(target, b, atol=1e-9)


@scene_group("LinearSystem")
def test_captions_name_the_numbers_of_the_frame(system: Any) -> None:
    from scenes.kit.numbers import caption_text, format_number

    scene = system.scene
    captions = {beat.name: beat.caption for beat in scene.beats}
    w1, w2 = (caption_text(format_number(w)) for w in scene.data["weights"])
    status = scene.data["status"]
    if status == "unique":
        assert f"x = ({w1}, {w2})" in captions["row_solution"]
    elif status == "infinitely-many":
        assert f"x_p = ({w1}, {w2})" in captions["row_solution"]
    else:
        assert "no solution" in captions["row_solution"]
        assert caption_text(format_number(scene.data["residual_norm"])) in captions["closest"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--set", "matrix=0,0,0,0"], "parameter 'matrix' got [[0, 0], [0, 0]]"),
        (["--set", "matrix=1,1,1,1.001", "--set", "b=0,1"], "parameter 'matrix'"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    assert fragment in rejected_render(tmp_path, "LinearSystem", *args)


#: Parameter sets that fuzzing once found to break the scene: (overrides, what broke).
REGRESSIONS = [
    ({"matrix": [[-10.0, -10.0], [-10.0, -10.0]]}, "grid-step-note-overlapped-the-residual-row"),
]


@pytest.mark.parametrize(
    ("overrides", "why"),
    [pytest.param(o, w, marks=scene_group("LinearSystem"), id=w) for o, w in REGRESSIONS],
)
def test_fuzzing_regressions_pass_the_checker(
    overrides: dict[str, Any], why: str, built: Any
) -> None:
    from scenes.linear_algebra.params import LinearSystemParams
    from scenes.parameters import build

    params = build("LinearSystem", LinearSystemParams, overrides)
    report = built("LinearSystem", params, keep=False)
    assert report.beats
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
