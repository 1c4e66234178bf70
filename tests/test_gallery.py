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


def _old_number(x: float) -> str:
    """The player's own formatter before it used the kit's (``format(x, ".4g")``), kept
    as the reference the kit's form is compared with."""
    import math

    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        return str(x)
    return format(x, ".4g")


def test_player_numbers_match_the_old_form_except_the_scientific_spelling() -> None:
    import math

    import numpy as np

    rng = np.random.default_rng(20261202)
    magnitudes = 10.0 ** rng.uniform(-12, 32, 4000)
    values: list[float] = [*magnitudes, *(-magnitudes), *np.round(magnitudes, 3)]
    values += [0.0, 1.0, 0.5, 0.05, 0.35, 0.452, 2 / 3, 1e-3, 9999.0, math.inf, -math.inf]
    values += [math.nan, 1e-4, 3.2e-9, 1.5e30, 12345.0, 99999.0, 1e5, 9999.5, 0.00099995]
    same = 0
    for x in values:
        old, new = _old_number(x), player.shown_number(x)
        plain = 1e-3 <= abs(x) < 1e4 and 1e-3 <= abs(float(old)) < 1e4
        if not math.isfinite(x) or old == "0" or plain:
            assert new == old, (x, old, new)  # the plain range: identical
            same += 1
            continue
        # Outside it the kit writes 1.5e-9 for 1.5e-09 and every digit of 12345: the
        # same number, at least as close to x.
        assert "e+" not in new and "e-0" not in new, (x, new)
        assert abs(float(new) - x) <= abs(float(old) - x) + 1e-15 * abs(x), (x, old, new)
        assert math.isclose(float(new), x, rel_tol=5e-4), (x, new)
    assert same > 1000
    assert (_old_number(-0.0), player.shown_number(-0.0)) == ("-0", "0")  # never "-0"
    for x in (True, False, 0, 30, 123456789):
        assert player.shown_number(x) == _old_number(x)


def test_player_strings_are_the_hand_written_ones() -> None:
    descent = {
        "sweep_values": {"lr": 0.35},
        "data": {
            "losses": [4.5, 0.25, 3.2e-09],
            "diverged": False,
            "verdict": "converged",
            "steps_taken": 30,
            "lr_critical": 0.45238095238,
        },
    }
    assert player.key_numbers(descent) == [
        ("lr", "0.35"),
        ("final loss", "3.2e-9"),
        ("diverged", "no"),
        ("verdict", "converged"),
        ("steps taken", "30"),
        ("critical lr 2/λmax", "0.4524"),
    ]
    blown = {"sweep_values": {"lr": 0.6}, "data": {"losses": [4.5, 1.5e30], "diverged": True}}
    assert player.key_numbers(blown) == [
        ("lr", "0.6"),
        ("final loss", "1.5e30"),
        ("diverged", "yes"),
    ]
    assert player.label({"sweep_values": {"lr": 0.05}}) == "lr = 0.05"
    matrix = {"sweep_values": {"matrix": [[0.25, -0.5], [0.75, 1 / 3]]}}
    assert player.label(matrix) == "matrix = [[0.25, -0.5], [0.75, 0.3333]]"
    other = {"sweep_values": {"t": 0.5}, "data": {"determinant": -0.0001, "rank": 2}}
    assert player.key_numbers(other) == [("t", "0.5"), ("determinant", "-1e-4"), ("rank", "2")]


def test_the_player_loads_no_manim() -> None:
    import subprocess
    import sys

    from conftest import PROJECT_DIR

    code = (
        "import sys, scenes.pipeline.player\n"
        "print(','.join(m for m in sys.modules if m == 'manim' or m.startswith('manim.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_DIR, check=True
    )
    assert out.stdout.strip() == ""
