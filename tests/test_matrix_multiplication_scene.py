"""MatrixMultiplication: its own mobjects against numpy, from the session's checked builds.

The builds (conftest's ``built``, shared with test_scene_checks and test_golden for the
defaults and the presets) already held the scene's invariants at every beat's end. Here
the drawn entries of A, B and AB, read back through each block's grid (``Coords.p2c``)
and parsed from their LaTeX, are compared with ``numpy.matmul`` and numpy's transpose
(not with the scene's sidecar); the sidecar's contract keys are compared with numpy
too; and the command line must refuse mismatched inner sizes with one line naming
``right`` and both shapes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group

pytestmark = scene_group("MatrixMultiplication")

# Entries are shown with two decimals: a shown number is within 0.005 of the value.
SHOWN_ATOL = 0.005 + 1e-9
CASES = {
    "default": None,
    "largest": "largest",
    "row-times-column": "row-times-column",
}


def _params(case: str | None) -> Any:
    """The scene's parameters for a preset, built as test_scene_checks builds them (so
    the session's build is shared)."""
    from scenes import presets
    from scenes.linear_algebra.params import MatrixMultiplicationParams
    from scenes.parameters import build

    overrides = presets.load()["MatrixMultiplication"][case] if case else {}
    return build("MatrixMultiplication", MatrixMultiplicationParams, overrides)


def _read(block: Any) -> tuple[np.ndarray, np.ndarray]:
    """A block's shown values and the grid cell of each entry, as drawn."""
    values = np.array([[float(e.get_tex_string()) for e in row] for row in block.entries])
    cells = np.array([[block.grid.p2c(e.get_center()) for e in row] for row in block.entries])
    return values, cells


def _expected_cells(rows: int, cols: int) -> np.ndarray:
    return np.array([[[c, r] for c in range(cols)] for r in range(rows)], dtype=float)


@pytest.fixture(scope="module", params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[Any, Any]:
    params = _params(CASES[request.param])
    return params, built("MatrixMultiplication", params)


def test_every_beat_passes_its_checks(case: tuple[Any, Any]) -> None:
    _, report = case
    assert report.problems == [], "\n".join(report.problems)
    assert sum(m["invariants"] for m in report.measured.values()) >= 10
    assert report.beats[0] == "factors" and report.beats[-1] == "transpose"


def test_sidecar_contract_matches_numpy(case: tuple[Any, Any]) -> None:
    params, report = case
    a, b = np.array(params.left), np.array(params.right)
    data = report.scene.data
    assert_allclose(data["left"], a, rtol=0)
    assert_allclose(data["right"], b, rtol=0)
    assert_allclose(data["product"], a @ b, rtol=1e-12, atol=1e-12)
    assert data["shape"] == [a.shape[0], b.shape[1]]
    assert_allclose(data["entry_terms"], np.einsum("it,tj->ijt", a, b), rtol=1e-12)
    assert_allclose(data["transpose_product"], (a @ b).T, rtol=1e-12, atol=1e-12)


def test_final_picture_is_the_transposed_product(case: tuple[Any, Any]) -> None:
    # After the last beat: B^T on the left, A^T on top and (AB)^T below it, each entry
    # in its cell and showing numpy's value.
    params, report = case
    a, b = np.array(params.left), np.array(params.right)
    transposed = report.scene.picture.transposed
    for block, expected in (
        (transposed.left, b.T),
        (transposed.top, a.T),
        (transposed.product, (a @ b).T),
    ):
        values, cells = _read(block)
        assert_allclose(values, expected, atol=SHOWN_ATOL, rtol=0)
        assert_allclose(cells, _expected_cells(*expected.shape), atol=1e-9)


def test_product_cell_is_where_row_meets_column(case: tuple[Any, Any]) -> None:
    # In the first scheme, AB's cell (i, j) is level with A's row i and under B's
    # column j (the entries themselves have moved to the transposed scheme by the end).
    params, report = case
    scheme = report.scene.picture.scheme
    m, n = np.array(params.left).shape[0], np.array(params.right).shape[1]
    for i in range(m):
        for j in range(n):
            cell = scheme.product.grid.c2p((j, i))
            assert cell[1] == pytest.approx(scheme.left.grid.c2p((0, i))[1], abs=1e-9)
            assert cell[0] == pytest.approx(scheme.top.grid.c2p((j, 0))[0], abs=1e-9)


def test_default_is_non_square_and_short() -> None:
    from scenes.linear_algebra.params import MatrixMultiplicationParams

    p = MatrixMultiplicationParams()
    assert np.shape(p.left) == (2, 3) and np.shape(p.right) == (3, 2)


def test_mismatched_inner_sizes_exit_2(tmp_path: Path) -> None:
    line = rejected_render(
        tmp_path,
        "MatrixMultiplication",
        "--set",
        "left=[[1,2,3],[4,5,6]]",
        "--set",
        "right=[[1,2],[3,4]]",
    )
    assert "'right'" in line and "2x2" in line and "2x3" in line
