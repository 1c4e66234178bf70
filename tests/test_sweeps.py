"""Parameter sweeps: expansion, naming and the limits (no rendering)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from conftest import run_cli
from scenes import render
from scenes.parameters import ParamError, Vector2, parameter
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
    jobs = render.plan(["LinearMap"], quality="low", sweeps=["run_time=1:3:3"])
    assert [j.params["run_time"] for j in jobs] == [1.0, 2.0, 3.0]
    assert len({j.stem for j in jobs}) == 3
    assert all(j.stem.startswith("LinearMap--") for j in jobs)
    assert jobs[0].command == 'make render SCENE=LinearMap SET="run_time=1" QUALITY=low'
    # The same variant asked for with --set gets the same name (and is skipped if done).
    (single,) = render.plan(["LinearMap"], quality="low", sets=["run_time=2"])
    assert single.stem == jobs[1].stem


def test_out_of_range_sweep_value_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    out = run_cli("render", "LinearMap", "--sweep", "run_time=0:3:4", "--out", str(tmp_path / "o"))
    assert out.returncode == 2
    assert "parameter 'run_time' got '0'" in out.stderr
    assert not (tmp_path / "o").exists()
