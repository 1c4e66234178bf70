"""Parameter sweeps: expansion, naming and the limits (no rendering)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from conftest import run_cli
from scenes.parameters import ParamError, Vector2, parameter
from scenes.pipeline import plan
from scenes.sweeps import MAX_SWEEP_RENDERS, expand


@dataclass(frozen=True)
class SweepParams:
    lr: float = parameter(0.1, "learning rate", low=0, high=2)
    steps: int = parameter(10, "steps", low=0, high=100)
    start: Vector2 = parameter((1.0, 1.0), "start", low=-5, high=5)


def test_range_is_evenly_spaced_with_both_ends() -> None:
    grid = expand("S", SweepParams, ["lr=0.05:0.65:13"])
    values = [float(p["lr"]) for p in grid]
    np.testing.assert_allclose(values, np.linspace(0.05, 0.65, 13), rtol=0, atol=1e-12)


def test_lists_and_grids() -> None:
    grid = expand("S", SweepParams, ["lr=0.1,0.2", "steps=5:15:3", "start=1,2;3,4"])
    assert len(grid) == 2 * 3 * 2
    assert {p["steps"] for p in grid} == {"5", "10", "15"}
    assert {p["start"] for p in grid} == {"1,2", "3,4"}


@pytest.mark.parametrize(
    ("sweep", "fragment"),
    [
        ("lr=0:1:1000", f"at most {MAX_SWEEP_RENDERS}"),
        ("steps=1:2:3", "whole numbers"),
        ("lr=1:x:3", "start:stop:count"),
        ("rate=1,2", "unknown parameter 'rate'"),
        ("lr", "expected key=start:stop:count"),
    ],
)
def test_bad_sweeps_are_rejected(sweep: str, fragment: str) -> None:
    with pytest.raises(ParamError, match=None) as err:
        expand("S", SweepParams, [sweep])
    assert fragment in str(err.value)


def test_plan_names_each_variant_by_its_parameters() -> None:
    jobs = plan.plan(["LinearMap"], quality="low", sweeps=["run_time=1:3:3"])
    assert [j.params["run_time"] for j in jobs] == [1.0, 2.0, 3.0]
    assert len({j.stem for j in jobs}) == 3
    assert all(j.stem.startswith("LinearMap--") for j in jobs)
    assert jobs[0].command == 'make render SCENE=LinearMap SET="run_time=1" QUALITY=low'
    # The same variant asked for with --set gets the same name (and is skipped if done).
    (single,) = plan.plan(["LinearMap"], quality="low", sets=["run_time=2"])
    assert single.stem == jobs[1].stem


def test_out_of_range_sweep_value_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    out = run_cli("render", "LinearMap", "--sweep", "run_time=0:3:4", "--out", str(tmp_path / "o"))
    assert out.returncode == 2
    assert "parameter 'run_time' got '0'" in out.stderr
    assert not (tmp_path / "o").exists()


# -- Sweeps declared in scenes.toml ------------------------------------------------------


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenes.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        # "sweep" is reserved: it cannot be a preset of parameter values.
        ("[GradientDescent.sweep]\nlr = 0.3", "GradientDescent.sweep.lr must be a table"),
        ('[GradientDescent.sweep.Big]\nlr = "0.1,0.2"', "sweep name 'Big'"),
        ("[GradientDescent.sweep.a]\nlr = 0.3", "allowed: a string in the --sweep syntax"),
        ('[GradientDescent.sweep.a]\nrate = "0.1,0.2"', "unknown parameter 'rate'"),
        ('[GradientDescent.sweep.a]\nlr = "0.1:x:3"', "start:stop:count"),
        ('[GradientDescent.sweep.a]\nlr = "0:1:100"', "at most 64"),
        ('[GradientDescent.sweep.a]\nlr = "0.3"', "at least 2 values"),
        ("[GradientDescent.sweep.a]\nfixed = { steps = 5 }", "no swept parameter"),
        ('[GradientDescent.sweep.a]\nlr = "0.1,-2"', "parameter 'lr' got '-2'"),
        ('[GradientDescent.sweep.a]\nlr = "0.1,0.2"\nfixed = { steps = 9999 }', "'steps'"),
        ('[GradientDescent.sweep.a]\nlr = "0.1,0.2"\nfixed = { lr = 0.1 }', "both swept"),
        ('[LinearMap.sweep.a]\nmatrix = "1,0,0,1; 1,0,0"', "parameter 'matrix'"),
    ],
)
def test_bad_declared_sweeps_exit_2_with_one_line(tmp_path: Path, toml: str, fragment: str) -> None:
    out_dir = tmp_path / "out"
    result = run_cli("render", "--presets", str(_toml(tmp_path, toml)), "--out", str(out_dir))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and fragment in lines[0], lines[0]
    assert "scenes.toml" in lines[0]
    assert not out_dir.exists()


def test_unknown_sweep_name_exits_2(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    toml = _toml(tmp_path, '[GradientDescent.sweep.lr]\nlr = "0.1,0.2"\n')
    result = run_cli(
        "render",
        "GradientDescent",
        "--sweep-name",
        "nope",
        "--presets",
        str(toml),
        "--out",
        str(out_dir),
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: GradientDescent: unknown sweep 'nope'; sweeps in scenes.toml: lr"
    )
    assert not out_dir.exists()


def test_plan_with_no_names_includes_every_declared_sweep(tmp_path: Path) -> None:
    toml = _toml(
        tmp_path,
        "[GradientDescent.small-lr]\nlr = 0.05\n\n"
        '[GradientDescent.sweep.lr]\nlr = "0.1:0.5:5"\nfixed = { steps = 12 }\n\n'
        '[LinearMap.sweep.turn]\nmatrix = "0,-1,1,0; 1,1,0,1"\n',
    )
    jobs = plan.plan([], quality="low", presets_file=toml)
    stems = {j.stem for j in jobs}
    assert {"GradientDescent", "GradientDescent--small-lr", "LinearMap"} <= stems
    swept = [j for j in jobs if j.sweep == "lr"]
    np.testing.assert_allclose(
        sorted(j.params["lr"] for j in swept), [0.1, 0.2, 0.3, 0.4, 0.5], rtol=0, atol=1e-12
    )
    assert all(j.params["steps"] == 12 for j in swept)
    assert [j.sweep_values for j in swept] == [{"lr": j.params["lr"]} for j in swept]
    turn = [j for j in jobs if j.sweep == "turn"]
    assert [j.params["matrix"] for j in turn] == [[[0, -1], [1, 0]], [[1, 1], [0, 1]]]
    assert len(jobs) == len(stems), "every render has its own name"
    assert all(j.stem.startswith(f"{j.scene}--{j.sweep}--") for j in swept + turn)
    # The preset table "sweep" is not a preset.
    assert not any(j.preset == "sweep" for j in jobs)
    # --sweep-name plans just that sweep, with the same names and inputs.
    only = plan.plan(["GradientDescent"], quality="low", presets_file=toml, sweep_name="lr")
    assert [(j.stem, j.input_hash) for j in only] == [(j.stem, j.input_hash) for j in swept]
    assert only[0].command == "make render SCENE=GradientDescent SWEEP_NAME=lr QUALITY=low"


def test_declared_sweep_belongs_in_the_input_hash(tmp_path: Path) -> None:
    """The same parameters in two sweeps are two renders, each sidecar naming its sweep."""
    toml = _toml(
        tmp_path,
        '[GradientDescent.sweep.a]\nlr = "0.1,0.2"\n\n[GradientDescent.sweep.b]\nlr = "0.2,0.3"\n',
    )
    a = plan.plan(["GradientDescent"], quality="low", presets_file=toml, sweep_name="a")
    b = plan.plan(["GradientDescent"], quality="low", presets_file=toml, sweep_name="b")
    assert a[1].params == b[0].params
    assert a[1].stem != b[0].stem and a[1].input_hash != b[0].input_hash


def test_the_project_declares_the_issue_8_sweeps() -> None:
    """scenes.toml sweeps lr across 2/lambda_max of the default bowl, and LinearMap from a
    rotation to a shear, with at most 20 extra renders."""
    from scenes import presets

    declared = presets.load_sweeps()
    jobs = plan.plan([], quality="low")
    swept = [j for j in jobs if j.sweep]
    assert len(swept) <= 20
    lrs = sorted(j.params["lr"] for j in swept if j.scene == "GradientDescent" and j.sweep == "lr")
    np.testing.assert_allclose(lrs, np.linspace(0.05, 0.65, 13), rtol=0, atol=1e-12)
    # Oracle for 2/lambda_max: numpy's eigenvalues of the Hessian the sweep runs on.
    (hessian,) = {json.dumps(j.params["hessian"]) for j in swept if j.scene == "GradientDescent"}
    critical = 2 / np.linalg.eigvalsh(np.array(json.loads(hessian))).max()
    assert lrs[0] < critical < lrs[-1]
    assert "rotation-to-shear" in declared["LinearMap"]
    mats = [np.array(j.params["matrix"]) for j in swept if j.sweep == "rotation-to-shear"]
    np.testing.assert_allclose(mats[0], [[0, -1], [1, 0]])
    np.testing.assert_allclose(mats[-1], [[1, 1], [0, 1]])


def test_another_scenes_preset_with_a_missing_csv_stops_only_its_own_renders(
    tmp_path: Path,
) -> None:
    # The renderer checks in full only what it renders: a PCA preset whose CSV file is
    # gone does not stop a render of LinearMap, and stops every render that includes it.
    toml = _toml(
        tmp_path,
        """
        [LinearMap.shear]
        matrix = [[1, 1], [0, 1]]

        [PCA.gone]
        data = "no-such-file.csv"
        x_feature = "a"
        y_feature = "b"
        """,
    )
    jobs = plan.plan(["LinearMap"], preset="shear", presets_file=toml, out_dir=str(tmp_path))
    assert [job.stem for job in jobs] == ["LinearMap--shear"]
    for names, preset in ((["PCA"], "gone"), ([], None)):
        with pytest.raises(ParamError, match=re.escape("parameter 'data' got 'no-such-file.csv'")):
            plan.plan(names, preset=preset, presets_file=toml, out_dir=str(tmp_path))
    # A preset that is wrong by name, type or range still stops every render.
    bad = _toml(tmp_path, "[PCA.typo]\nx_featur = 'a'\n")
    with pytest.raises(ParamError, match="unknown parameter 'x_featur'"):
        plan.plan(["LinearMap"], presets_file=bad, out_dir=str(tmp_path))
