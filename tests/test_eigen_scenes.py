"""Eigenvectors and ChangeOfBasis: their own mobjects against numpy and their sidecar data.

Each scene is built without video for a table of matrices, including the awkward ones
(complex eigenvalues, a shear, a scalar matrix, a zero or negative eigenvalue, an
eigenvector along an axis). Drawn coordinates are compared in plane units with
ATOL = 1e-6 (far below a pixel); numpy's eig is the oracle for the numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, render_without_video, shared_tex_dir
from scenes.linear_algebra.change_of_basis import ChangeOfBasis
from scenes.linear_algebra.eigenvectors import Eigenvectors
from scenes.linear_algebra.params import ChangeOfBasisParams, EigenvectorsParams
from scenes.parameters import ParamError, build

ATOL = 1e-6

EIGEN_MATRICES: dict[str, tuple[tuple[tuple[float, float], tuple[float, float]], int]] = {
    "default": (((2.0, 1.0), (0.5, 1.5)), 12),
    "rotation": (((0.0, -1.0), (1.0, 0.0)), 12),
    "shear": (((1.0, 1.0), (0.0, 1.0)), 12),
    "scaling": (((1.5, 0.0), (0.0, 1.5)), 16),
    "singular": (((1.0, 2.0), (0.5, 1.0)), 12),
    "flip": (((1.0, 2.0), (2.0, -2.0)), 8),
    "zero": (((0.0, 0.0), (0.0, 0.0)), 12),
    "negative-scalar": (((-2.0, 0.0), (0.0, -2.0)), 12),
    "nilpotent": (((0.0, 1.0), (0.0, 0.0)), 24),
    "large-complex": (((10.0, -10.0), (10.0, 10.0)), 12),
}

#: What the panel must say for each kind of matrix (a fragment of its case remark).
CASE_WORDS = {
    "default": "two eigen-directions",
    "rotation": "complex eigenvalues",
    "shear": "shear",
    "scaling": "every\ndirection",
    "singular": "λ = 0",
    "flip": "flip through 0",
    "zero": "collapses to the origin",
    "negative-scalar": "flips through 0",
    "nilpotent": "its arrows collapse to 0",
    "large-complex": "no real eigen-direction",
}

BASIS_MATRICES = {
    "default": ((1.5, 0.5), (1.0, 1.0)),
    "negative-eigenvalue": ((0.5, 1.5), (1.0, 0.0)),
    "symmetric": ((2.0, 1.0), (1.0, 2.0)),
    "scalar": ((3.0, 0.0), (0.0, 3.0)),
    "zero-eigenvalue": ((1.0, 2.0), (2.0, 4.0)),
    "eigenvector-e1": ((2.0, 1.0), (0.0, 1.0)),
    "eigenvector-e2": ((2.0, 0.0), (1.0, 1.0)),
    "zero": ((0.0, 0.0), (0.0, 0.0)),
}


@pytest.fixture(scope="module", params=list(EIGEN_MATRICES))
def ring_scene(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    matrix, arrows = EIGEN_MATRICES[request.param]
    s = render_without_video(
        Eigenvectors,
        EigenvectorsParams(matrix=matrix, arrows=arrows),
        tmp_path_factory.mktemp("media"),
        shared_tex_dir(tmp_path_factory),
    )
    s.case = request.param
    return s


def largest_entry(v: np.ndarray) -> float:
    """The entry of largest magnitude; magnitudes equal to 12 decimals tie, and a tie
    goes to the first entry (the convention of mlmath_viz.eigen)."""
    return float(v[int(np.argmax(np.abs(np.round(v, 12))))])


def numpy_eig(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    values, vectors = np.linalg.eig(a)
    return values, vectors


def test_ring_tips_end_at_a_times_u(ring_scene: Any) -> None:
    a = np.array(ring_scene.params.matrix)
    ring = np.array(ring_scene.data["ring"])
    tips = np.array([ring_scene.view.p2c(arrow.get_end()) for arrow in ring_scene.ring])
    assert_allclose(np.linalg.norm(ring, axis=1), 1.0, rtol=1e-12)
    assert_allclose(tips, ring @ a.T, atol=ATOL)
    assert len(ring) >= ring_scene.params.arrows


def test_eigen_arrows_stay_on_their_span_scaled_by_lambda(ring_scene: Any) -> None:
    a = np.array(ring_scene.params.matrix)
    values = numpy_eig(a)[0]
    for arrow, u, lab in zip(
        ring_scene.ring, ring_scene.data["ring"], ring_scene.data["ring_eigen"], strict=True
    ):
        if lab < 0:
            continue
        tip = ring_scene.view.p2c(arrow.get_end())
        assert_allclose(tip[0] * u[1] - tip[1] * u[0], 0.0, atol=ATOL)  # on its own line
        lam = float(tip @ np.array(u))  # signed stretch along u
        assert np.min(np.abs(values - lam)) < 1e-6, (lam, values)  # an eigenvalue of A
        assert_allclose(a @ np.array(u), lam * np.array(u), atol=1e-9)  # u is an eigenvector


def test_highlighted_arrows_by_case(ring_scene: Any) -> None:
    from scenes.kit.style import PALETTE

    labels = ring_scene.data["ring_eigen"]
    highlighted = sum(lab >= 0 for lab in labels)
    kind = ring_scene.data["eigen_structure"]
    expected = {"complex": 0, "defective": 2, "distinct": 4, "scalar": len(labels)}[kind]
    assert highlighted == expected
    for arrow, lab in zip(ring_scene.ring, labels, strict=True):
        colour = arrow.get_color().to_hex().lower()
        want = PALETTE.eigen[lab] if lab >= 0 else PALETTE.muted
        assert colour == want.lower()


def test_eigen_numbers_match_numpy(ring_scene: Any) -> None:
    a = np.array(ring_scene.params.matrix)
    values, vectors = numpy_eig(a)
    got = np.array([complex(re, im) for re, im in ring_scene.data["eigenvalues"]])
    assert_allclose(got, values[np.lexsort((values.imag, values.real))], atol=1e-9)
    real = [vectors[:, k].real for k in range(2) if abs(values[k].imag) < 1e-12]
    for v in ring_scene.data["eigenvectors"]:
        v = np.array(v)
        assert_allclose(np.linalg.norm(v), 1.0, rtol=1e-12)
        assert largest_entry(v) > 0  # sign convention: largest entry positive
        # The same line as one of numpy's eigenvectors (up to sign and normalisation).
        assert max(abs(v @ w) / np.linalg.norm(w) for w in real) == pytest.approx(1.0, abs=1e-6)
        lam = float(v @ a @ v)
        assert_allclose(a @ v, lam * v, atol=1e-9)


def test_the_case_is_said_on_screen(ring_scene: Any) -> None:
    from manim import Text

    texts = [
        m.original_text for m in ring_scene.get_mobject_family_members() if isinstance(m, Text)
    ]
    assert any(CASE_WORDS[ring_scene.case] in t for t in texts), texts


def test_eigen_lines_follow_the_eigenvectors(ring_scene: Any) -> None:
    lines = ring_scene.eigen_lines
    kind = ring_scene.data["eigen_structure"]
    assert len(lines) == {"complex": 0, "defective": 1, "distinct": 2, "scalar": 0}[kind]
    for line, v in zip(lines, ring_scene.data["eigenvectors"], strict=False):
        d = ring_scene.view.p2c(line.get_end()) - ring_scene.view.p2c(line.get_start())
        d = d / np.linalg.norm(d)
        assert_allclose(abs(d @ np.array(v)), 1.0, atol=1e-9)


# -- ChangeOfBasis: tips recorded at the end of every beat.


@pytest.fixture(scope="module", params=list(BASIS_MATRICES))
def basis_scene(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    recorded: dict[str, dict[str, Any]] = {}

    def record(scene: Any, beat: Any) -> None:
        coords = scene.view.p2c
        recorded[beat.name] = {
            "basis": np.array([coords(scene.i_hat.get_end()), coords(scene.j_hat.get_end())]),
            "eigen": np.array([coords(a.get_end()) for a in scene.eigen_arrows]),
            "lines": [coords(m.get_end()) - coords(m.get_start()) for m in scene.eigen_lines],
        }

    s = render_without_video(
        ChangeOfBasis,
        ChangeOfBasisParams(matrix=BASIS_MATRICES[request.param]),
        tmp_path_factory.mktemp("media"),
        shared_tex_dir(tmp_path_factory),
        record,
    )
    s.recorded = recorded
    return s


def test_p_and_d_match_numpy_eig(basis_scene: Any) -> None:
    a = np.array(basis_scene.params.matrix)
    p = np.array(basis_scene.data["P"])
    d = np.array(basis_scene.data["D"])
    values = np.sort(np.linalg.eigvals(a).real)
    assert_allclose(np.diag(d), values, atol=1e-9)
    assert_allclose(p @ d @ np.linalg.inv(p), a, atol=1e-9)  # A = P D P^-1
    assert_allclose(np.array(basis_scene.data["P_inv"]), np.linalg.inv(p), atol=1e-12)
    for k in range(2):
        col = p[:, k]
        assert_allclose(np.linalg.norm(col), 1.0, rtol=1e-12)
        assert largest_entry(col) > 0


def test_three_moves_end_on_a(basis_scene: Any) -> None:
    a = np.array(basis_scene.params.matrix)
    p = np.array(basis_scene.data["P"])
    lam = np.diag(np.array(basis_scene.data["D"]))
    rec = basis_scene.recorded
    assert list(rec) == ["setup", "to-eigenbasis", "scale", "back", "compare"]
    assert_allclose(rec["setup"]["basis"], np.eye(2), atol=ATOL)
    assert_allclose(rec["setup"]["eigen"], p.T, atol=ATOL)
    # After P^-1: the eigenvectors lie on the axes with length 1; e1, e2 at P^-1's columns.
    assert_allclose(rec["to-eigenbasis"]["eigen"], np.eye(2), atol=ATOL)
    assert_allclose(rec["to-eigenbasis"]["basis"], np.linalg.inv(p).T, atol=ATOL)
    # After D: along the axes, scaled by the eigenvalues.
    assert_allclose(rec["scale"]["eigen"], np.diag(lam), atol=ATOL)
    # After P: i-hat and j-hat at A's columns; v_k at lambda_k v_k.
    for beat in ("back", "compare"):
        assert_allclose(rec[beat]["basis"], a.T, atol=ATOL)
        assert_allclose(rec[beat]["eigen"], lam[:, None] * p.T, atol=ATOL)


def test_eigen_lines_become_the_axes_and_come_back(basis_scene: Any) -> None:
    p = np.array(basis_scene.data["P"])
    rec = basis_scene.recorded
    if basis_scene.data["eigen_structure"] == "scalar":
        assert rec["setup"]["lines"] == []
        return
    lam = np.diag(np.array(basis_scene.data["D"]))
    for beat, directions in (("setup", p.T), ("to-eigenbasis", np.eye(2)), ("back", p.T)):
        for k, (d, v) in enumerate(zip(rec[beat]["lines"], directions, strict=True)):
            if beat == "back" and abs(lam[k]) < 1e-12:
                # D's zero factor sent this whole line to the origin; it stays there.
                assert_allclose(d, [0.0, 0.0], atol=ATOL)
                continue
            assert_allclose(abs(d @ v) / np.linalg.norm(d), 1.0, atol=1e-9)


def test_ghost_of_a_lands_on_the_moved_basis(basis_scene: Any) -> None:
    a = np.array(basis_scene.params.matrix)
    ghosts = [basis_scene.view.p2c(g.get_end()) for g in basis_scene.ghost_arrows]
    assert_allclose(ghosts, a.T, atol=ATOL)


# -- Bad input: one line, exit 2, nothing written.

BAD = [
    (["ChangeOfBasis", "--set", "matrix=0,-1,1,0"], "complex eigenvalues"),
    (["ChangeOfBasis", "--set", "matrix=1,1,0,1"], "defective"),
    (["ChangeOfBasis", "--set", "matrix=1,1,0,1.001"], "nearly parallel eigenvectors"),
    (["ChangeOfBasis", "--set", "matrix=nan,0,0,1"], "parameter 'matrix'"),
    (["ChangeOfBasis", "--set", "matrix=1,2,3"], "2x2 matrix of real numbers"),
    (["Eigenvectors", "--set", "matrix=1,2,3,nan"], "parameter 'matrix'"),
    (["Eigenvectors", "--set", "matrix=11,0,0,1"], "each in [-10, 10]"),
    (["Eigenvectors", "--set", "matrix=1,0,0"], "2x2 matrix of real numbers"),
    (["Eigenvectors", "--set", "arrows=7"], "parameter 'arrows'"),
    (["Eigenvectors", "--set", "arrows=25"], "parameter 'arrows'"),
    (["Eigenvectors", "--set", "run_time=inf"], "parameter 'run_time'"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    line = rejected_render(tmp_path, *args)
    assert fragment in line, line
    if "matrix=0,-1" in args[-1] or "matrix=1,1,0" in args[-1]:
        assert "real eigenvalues with two independent eigenvectors" in line


@pytest.mark.parametrize(
    "matrix",
    [((3.0, 0.0), (0.0, 3.0)), ((0.0, 0.0), (0.0, 0.0)), ((1.0, 2.0), (2.0, 4.0))],
    ids=["scalar", "zero", "singular"],
)
def test_diagonalizable_awkward_matrices_are_accepted(matrix: Any) -> None:
    params = build("ChangeOfBasis", ChangeOfBasisParams, {"matrix": [list(r) for r in matrix]})
    assert params.matrix == matrix


def test_check_names_matrix_and_what_is_allowed() -> None:
    with pytest.raises(ParamError) as err:
        build("ChangeOfBasis", ChangeOfBasisParams, {"matrix": "2,1,0,2"})
    message = str(err.value)
    assert message.startswith("ChangeOfBasis: parameter 'matrix' got [[2, 1], [0, 2]]")
    assert "allowed: a diagonalizable matrix" in message and "\n" not in message


#: Parameter sets that broke the layout once (found by fuzzing), or extreme ones:
#: each must pass the scene checker (layout and invariants at every beat).
CHECKED = [
    # Eigenvalues -10 and 10: the unit arrows are tiny and P^-1 e1 lands near e1, so the
    # i-hat and v1 labels overlapped after the first move.
    ("ChangeOfBasis", {"matrix": [[-1.9175493579374804e-146, -10.0], [-10.0, 0.0]]}),
    ("ChangeOfBasis", {"matrix": [[10.0, 9.0], [9.0, 10.0]]}),
    ("Eigenvectors", {"matrix": [[-10.0, -10.0], [-5e-324, -10.0]]}),
    ("Eigenvectors", {"matrix": [[1.0, 1.0], [0.0, 1.0001]], "arrows": 24}),
]


@pytest.mark.parametrize(("scene", "overrides"), CHECKED, ids=[str(o) for _, o in CHECKED])
def test_extreme_parameters_pass_the_checker(
    scene: str, overrides: dict[str, Any], tex_cache: Path
) -> None:
    from scenes.kit.checking import check_scene

    cls, params_type = {
        "ChangeOfBasis": (ChangeOfBasis, ChangeOfBasisParams),
        "Eigenvectors": (Eigenvectors, EigenvectorsParams),
    }[scene]
    report = check_scene(cls, build(scene, params_type, overrides), tex_dir=tex_cache)
    assert report.problems == [], "\n".join(report.problems)


# Module-scoped scene builds: keep this file on one test worker so each builds once.
pytestmark = pytest.mark.xdist_group("test_eigen_scenes")
