"""The gallery page and sweep players, from hand-written sidecars (no rendering)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scenes.pipeline import gallery, player


def _sidecar(out: Path, stem: str, scene: str, **extra: Any) -> dict[str, Any]:
    meta = {
        "scene": scene,
        "stem": stem,
        "params": {},
        "quality": "low",
        "width": 854,
        "height": 480,
        "fps": 15,
        "duration_s": 4.0,
        "data": {},
        "beats": [{"name": "end", "caption": f"caption of {stem}", "start_s": 0, "end_s": 4}],
        "command": f"make render SCENE={scene}",
        **extra,
    }
    (out / "low").mkdir(parents=True, exist_ok=True)
    (out / "low" / f"{stem}.json").write_text(json.dumps(meta))
    for suffix in (".mp4", ".png", ".vtt", ".srt"):
        (out / "low" / f"{stem}{suffix}").write_bytes(b"")
    return meta


def _gd(out: Path, lr: float, losses: list[float], diverged: bool) -> None:
    _sidecar(
        out,
        f"GradientDescent--lr--{int(lr * 100):08d}",
        "GradientDescent",
        sweep="lr",
        sweep_values={"lr": lr},
        data={"losses": losses, "diverged": diverged, "lr_critical": 0.452, "steps_taken": 3},
    )


def test_sweeps_get_a_player_page_linked_from_a_script_free_index(tmp_path: Path) -> None:
    _sidecar(tmp_path, "LinearMap", "LinearMap")
    for lr, losses, diverged in ((0.6, [1, 9e6], True), (0.2, [1, 0.5], False)):
        _gd(tmp_path, lr, losses, diverged)
    index = gallery.write(tmp_path).read_text()
    assert "<script" not in index
    assert 'href="GradientDescent-lr.html"' in index
    assert 'src="low/LinearMap.mp4"' in index
    assert "GradientDescent--lr--" not in re.sub(r'<img src="[^"]+"', "", index), (
        "sweep renders are in the player, not listed one by one"
    )
    page = (tmp_path / "GradientDescent-lr.html").read_text()
    (payload,) = re.findall(r'<script type="application/json" id="variants">(.*?)</script>', page)
    variants = json.loads(payload)
    assert [v["label"] for v in variants] == ["lr = 0.2", "lr = 0.6"]  # sorted by value
    assert dict(variants[1]["numbers"])["diverged"] == "yes"
    assert float(dict(variants[1]["numbers"])["final loss"]) == 9e6
    assert variants[0]["caption"] == "caption of GradientDescent--lr--00000020"
    assert "2/λmax = 0.452" in page
    for link in re.findall(r'(?:src|href|poster)="([^"#]+)"', index + page):
        assert (tmp_path / link).exists(), link
    # A sweep that is no longer rendered loses its page.
    for f in (tmp_path / "low").glob("GradientDescent--*"):
        f.unlink()
    gallery.write(tmp_path)
    assert not (tmp_path / "GradientDescent-lr.html").exists()


def test_index_links_the_optional_outputs_that_exist(tmp_path: Path) -> None:
    _sidecar(tmp_path, "LinearMap", "LinearMap")
    _sidecar(tmp_path, "Derivative", "Derivative")
    (tmp_path / "low" / "LinearMap.webm").write_bytes(b"")
    (tmp_path / "low" / "LinearMap.gif").write_bytes(b"")
    (tmp_path / "low" / "LinearMap.sections").mkdir()
    (tmp_path / "low" / "LinearMap.sections" / "01-grid.mp4").write_bytes(b"")
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "LinearMap.html").write_text("")
    index = gallery.write(tmp_path).read_text()
    for href in (
        "low/LinearMap.webm",
        "low/LinearMap.gif",
        "low/LinearMap.sections/01-grid.mp4",
        "slides/LinearMap.html",
    ):
        assert f'href="{href}"' in index
    assert "Derivative.webm" not in index and "slides/Derivative.html" not in index


@pytest.mark.parametrize(
    ("values", "critical", "expected"),
    [
        ([0.05, 0.45, 0.65], 0.452, (1 + 0.002 / 0.2) / 2),
        ([0.1, 0.2, 0.3, 0.4], 0.1, 0.0),
        ([0.1, 0.2], 0.5, None),
    ],
)
def test_critical_mark_sits_between_the_values_around_it(
    values: list[float], critical: float, expected: float | None
) -> None:
    position = player.critical_position(values, critical)
    if expected is None:
        assert position is None
    else:
        assert position == pytest.approx(expected, abs=1e-12)


def test_other_scenes_show_their_scalar_data() -> None:
    meta = {
        "sweep_values": {"matrix": [[0, -1], [1, 0]]},
        "data": {"determinant": 1.0, "rank": 2, "eigenvalues": [[0, 1], [0, -1]], "big": [0] * 9},
    }
    meta["data"] = {"matrix": [[0, -1], [1, 0]], **meta["data"]}
    listed = player.key_numbers(meta)
    assert [name for name, _ in listed].count("matrix") == 1, "the swept value once"
    rows = dict(listed)
    assert rows == {
        "matrix": "[[0, -1], [1, 0]]",
        "determinant": "1",
        "rank": "2",
        "eigenvalues": "[[0, 1], [0, -1]]",
    }
