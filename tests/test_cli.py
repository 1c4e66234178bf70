"""The command line, run as a user runs it: ``python -m scenes ...``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR, run_cli
from scenes import catalog
from scenes.parameters import params_hash
from scenes.pipeline import executors, hashing, plan


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []


def test_list_shows_every_scene_with_its_description() -> None:
    out = run_cli("list")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == len(catalog.SCENES)
    for entry, line in zip(catalog.SCENES, lines, strict=True):
        assert line.startswith(entry.name)
        assert entry.description and entry.description in line


def test_list_into_a_closed_pipe_stops_quietly() -> None:
    # `python -m scenes list | head -1`: the reader is gone before the list is written.
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: every write raises EPIPE
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "scenes", "list"],
            cwd=PROJECT_DIR,
            env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert proc.returncode == 141
    assert proc.stderr == "", proc.stderr


def test_params_shows_type_default_range_and_help() -> None:
    out = run_cli("params", "LinearMap")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "matrix (matrix[2x2], default [[2.0, 1.0], [1.0, 2.0]])" in text
    assert "each in [-10, 10]" in text
    assert "images of e1 and e2" in text


BAD_INPUTS = [
    (["params", "NoSuchScene"], "unknown scene 'NoSuchScene'"),
    (["render", "NoSuchScene"], "unknown scene 'NoSuchScene'"),
    (["render", "LinearMap", "--set", "colour=red"], "unknown parameter 'colour'"),
    (["render", "LinearMap", "--preset", "nope"], "unknown preset 'nope'"),
    (["render", "LinearMap", "--quality", "ultra"], "--quality got 'ultra'; allowed: low"),
    (["render", "LinearMap", "--set", "matrix=a,b,c,d"], "parameter 'matrix' got 'a,b,c,d'"),
    (["render", "LinearMap", "--set", "matrix=1,2,3"], "2x2 matrix of real numbers"),
    (["render", "LinearMap", "--set", "matrix=1,2,3,nan"], "parameter 'matrix'"),
    (["render", "LinearMap", "--set", "matrix=inf,0,0,1"], "parameter 'matrix'"),
    (["render", "LinearMap", "--set", "matrix=11,0,0,1"], "each in [-10, 10]"),
    (["render", "LinearMap", "--set", "run_time=0"], "'run_time' got '0'"),
    (["render", "LinearMap", "--set", "matrix"], "expected key=value"),
    (["render", "LinearMap", "--jobs", "0"], "--jobs"),
    (["render", "--set", "matrix=1,0,0,1"], "need a scene name"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    out_dir = tmp_path / "out"
    extra = ["--out", str(out_dir)] if args[0] == "render" else []
    result = run_cli(*args, *extra)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]
    assert not out_dir.exists()


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("[LinearMap.bad\nmatrix = 1", "malformed TOML"),
        ("[NoScene.p]\nmatrix = [[1, 0], [0, 1]]", "unknown scene [NoScene]"),
        ("[LinearMap.p]\nmatrix = [[1, 0], [0]]", "preset 'p'"),
        ("[LinearMap.p]\nzoom = 2", "unknown parameter 'zoom'"),
        ("[LinearMap.Bad_Name]\nmatrix = [[1, 0], [0, 1]]", "preset name 'Bad_Name'"),
    ],
)
def test_bad_presets_file_exits_2(tmp_path: Path, toml: str, fragment: str) -> None:
    presets = tmp_path / "presets.toml"
    presets.write_text(toml)
    out_dir = tmp_path / "out"
    result = run_cli("render", "--presets", str(presets), "--out", str(out_dir))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert fragment in result.stderr
    assert not out_dir.exists()


def test_plan_names_outputs_by_default_preset_and_hash() -> None:
    (default,) = plan.plan(["LinearMap"], quality="low")
    assert default.stem == "LinearMap"
    (shear,) = plan.plan(["LinearMap"], quality="low", preset="shear")
    assert shear.stem == "LinearMap--shear"
    assert shear.params["matrix"] == [[1.0, 1.0], [0.0, 1.0]]
    (custom,) = plan.plan(["LinearMap"], quality="low", sets=["matrix=0,-1,1,0"])
    assert custom.stem == f"LinearMap--{params_hash(custom.params)}"
    assert len(custom.stem.split("--")[1]) == 8
    # The same resolved parameters, however spelt, give the same name.
    (again,) = plan.plan(["LinearMap"], quality="low", sets=["matrix=[[0,-1],[1,0]]"])
    assert again.stem == custom.stem


def test_plan_with_no_names_covers_every_scene_and_preset() -> None:
    from scenes import presets

    jobs = plan.plan([], quality="low")
    stems = {j.stem for j in jobs}
    for entry in catalog.SCENES:
        assert entry.name in stems
    for scene, table in presets.load().items():
        for name in table:
            assert f"{scene}--{name}" in stems


def test_input_hash_changes_with_what_changes_the_picture() -> None:
    (base,) = plan.plan(["LinearMap"], quality="low")
    (other_quality,) = plan.plan(["LinearMap"], quality="medium")
    (other_params,) = plan.plan(["LinearMap"], quality="low", sets=["run_time=2"])
    assert len({base.input_hash, other_quality.input_hash, other_params.input_hash}) == 3


RENDER_GROUP = pytest.mark.xdist_group("cli-render")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One real render with --set at low quality, shared by the tests below."""
    out_dir = tmp_path_factory.mktemp("renders")
    result = run_cli(
        "render",
        "LinearMap",
        "--quality",
        "low",
        "--set",
        "matrix=1,0,0,-1",
        "--set",
        "run_time=1",
        "--out",
        str(out_dir),
        cache=out_dir,
    )
    assert result.returncode == 0, result.stderr
    return out_dir, result.stderr


@pytest.mark.render
@RENDER_GROUP
def test_set_render_writes_video_poster_and_sidecar(rendered: tuple[Path, str]) -> None:
    out_dir, _ = rendered
    params = {"matrix": [[1.0, 0.0], [0.0, -1.0]], "run_time": 1.0}
    stem = f"LinearMap--{params_hash(params)}"
    names = sorted(p.name for p in files_under(out_dir / "low"))
    assert names == [f"{stem}.{ext}" for ext in ("json", "mp4", "png", "srt", "vtt")]
    sidecar = json.loads((out_dir / "low" / f"{stem}.json").read_text())
    for key in (
        "scene",
        "params",
        "quality",
        "width",
        "height",
        "fps",
        "duration_s",
        "manim_version",
        "data",
    ):
        assert key in sidecar
    assert sidecar["scene"] == "LinearMap"
    assert sidecar["params"] == params
    assert (sidecar["quality"], sidecar["width"], sidecar["height"], sidecar["fps"]) == (
        "low",
        854,
        480,
        15,
    )
    assert sidecar["duration_s"] > 0
    data = sidecar["data"]
    assert data["matrix"] == [[1.0, 0.0], [0.0, -1.0]]
    assert data["determinant"] == -1.0
    assert data["eigenvalues"] == [[-1.0, 0.0], [1.0, 0.0]]
    assert data["basis_images"] == [[1.0, 0.0], [0.0, -1.0]]
    assert not (out_dir / ".tmp").exists()


@pytest.mark.render
@RENDER_GROUP
def test_unchanged_render_is_skipped_and_force_rerenders(rendered: tuple[Path, str]) -> None:
    out_dir, _ = rendered
    args = (
        "render",
        "LinearMap",
        "--quality",
        "low",
        "--set",
        "matrix=1,0,0,-1",
        "--set",
        "run_time=1",
        "--out",
        str(out_dir),
    )
    before = {p: p.stat().st_mtime_ns for p in files_under(out_dir / "low")}
    again = run_cli(*args)
    assert again.returncode == 0
    assert "0 rendered, 1 up to date" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in files_under(out_dir / "low")} == before
    forced = run_cli(*args, "--force")
    assert forced.returncode == 0
    assert "1 rendered, 0 up to date" in forced.stderr
    after = {p: p.stat().st_mtime_ns for p in files_under(out_dir / "low")}
    assert all(after[p] > before[p] for p in before)


@pytest.mark.render
@RENDER_GROUP
def test_failed_render_keeps_the_previous_good_output(
    rendered: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from scenes.linear_algebra.linear_map import LinearMap

    out_dir, _ = rendered
    (job,) = plan.plan(
        ["LinearMap"], quality="low", sets=["matrix=1,0,0,-1", "run_time=1"], out_dir=str(out_dir)
    )
    before = {p: p.read_bytes() for p in files_under(out_dir / "low")}
    original = LinearMap.construct

    def construct_then_fail(self: LinearMap) -> None:
        original(self)  # the whole video is written to the staging folder...
        raise RuntimeError("simulated crash at the end of the scene")  # ...then it fails

    monkeypatch.setattr(LinearMap, "construct", construct_then_fail)
    results = executors.run([job], n_jobs=1, force=True, stream=open(os.devnull, "w"))
    assert [r.status for r in results] == ["failed"]
    assert "simulated crash" in results[0].error
    assert {p: p.read_bytes() for p in files_under(out_dir / "low")} == before
    assert not (out_dir / ".tmp").exists()


@pytest.mark.render
@RENDER_GROUP
def test_interrupted_render_leaves_no_partial_file(rendered: tuple[Path, str]) -> None:
    import signal
    import time

    out_dir, _ = rendered
    before = {p: p.read_bytes() for p in files_under(out_dir / "low")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scenes",
            "render",
            "LinearMap",
            "--quality",
            "low",
            "--set",
            "matrix=1,0,0,-1",
            "--set",
            "run_time=20",  # long enough to be caught in the middle
            "--out",
            str(out_dir),
            "--force",
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
        stderr=subprocess.PIPE,
        text=True,
        # Test workers (pytest-xdist) ignore SIGINT, and children inherit that: give
        # the render Python's usual Ctrl-C behaviour back, as in a user's terminal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not (out_dir / ".tmp").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (out_dir / ".tmp").exists(), "the render never started staging"
    time.sleep(0.5)  # into the middle of the render
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert {p: p.read_bytes() for p in files_under(out_dir / "low")} == before
    assert not (out_dir / ".tmp").exists()


@pytest.mark.render
@RENDER_GROUP
def test_render_writes_a_self_contained_gallery(rendered: tuple[Path, str]) -> None:
    import re

    out_dir, _ = rendered
    page = (out_dir / "index.html").read_text()
    params = {"matrix": [[1.0, 0.0], [0.0, -1.0]], "run_time": 1.0}
    stem = f"LinearMap--{params_hash(params)}"
    # The index has the clip's card; its detail page the player, captions and command.
    assert f'href="clips/{stem}.html"' in page and f'src="low/{stem}.png"' in page
    detail = (out_dir / "clips" / f"{stem}.html").read_text()
    assert f'poster="../low/{stem}.png"' in detail
    assert f'src="../low/{stem}.mp4"' in detail
    assert '<track kind="captions" src="data:text/vtt;' in detail  # the .vtt, inline
    assert f'href="../low/{stem}.vtt"' in detail
    assert 'preload="metadata"' in detail
    assert "make render SCENE=LinearMap" in detail
    # Nothing is fetched from the network: one inline script (the filter), no external URLs.
    assert re.findall(r"<script[^>]*>", page) == ["<script>"] and "<script" not in detail
    for text, folder in ((page, out_dir), (detail, out_dir / "clips")):
        assert not re.search(r"(src|href)=\"(https?:)?//", text)
        for link in re.findall(r'(?:src|href|poster)="([^"#]+)"', text):
            if not link.startswith("data:text/vtt;"):
                assert (folder / link).exists(), link


def test_input_hash_covers_topic_modules_a_scene_imports() -> None:
    optimization = catalog.BY_NAME["GradientDescent"]
    names = {
        str(p.relative_to(hashing.PROJECT_DIR)) for p in hashing.source_files(optimization.module)
    }
    expected = {
        "scenes/optimization/gradient_descent.py",
        "scenes/optimization/common.py",
        "scenes/kit/plots.py",
        "scenes/kit/scene.py",
    }
    assert expected | {"mlmath_viz/descent.py", "manim.cfg"} <= names
    # other scenes' modules, numeric modules it does not import and the pipeline do not
    # re-render it
    assert "scenes/linear_algebra/linear_map.py" not in names
    assert "scenes/optimization/learning_rates.py" not in names
    assert "mlmath_viz/linear_maps.py" not in names
    assert not any(name.startswith("scenes/pipeline/") for name in names)
