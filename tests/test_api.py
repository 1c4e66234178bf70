"""scenes.render from Python: the command line's planning, validation, cache and files.

Every render is LinearMap at low quality with a half-second map (about 5 s each with a
warm LaTeX cache), made once per module and shared; the tests run on one worker.
"""

from __future__ import annotations

import base64
import inspect
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import scenes
from conftest import CACHE_KINDS, PROJECT_DIR, _copy_new, cache_slot, rejected_render, run_cli
from scenes import catalog
from scenes.parameters import params_hash, specs
from scenes.pipeline.cli import plan_renders

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("api")]

SHEAR = [[1, 1], [0, 1]]
FAST = {"run_time": 0.5}  # the shortest map LinearMap allows


def warm(out: Path) -> None:
    """Start ``out``'s in-process render cache (worker slot 0) from this test process's
    LaTeX cache, as ``run_cli(..., cache=out)`` does for a command-line render."""
    slot = cache_slot()
    if slot is not None:
        for kind in CACHE_KINDS:
            _copy_new(slot / kind, out / ".cache" / "worker-0" / kind)


def keep(out: Path) -> None:
    """What the renders in ``out`` compiled, back into this process's LaTeX cache."""
    slot = cache_slot()
    if slot is not None:
        for kind in CACHE_KINDS:
            _copy_new(out / ".cache" / "worker-0" / kind, slot / kind)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("api") / "renders"
    warm(folder)
    yield folder
    keep(folder)


@pytest.fixture(scope="module")
def shear(out: Path) -> scenes.Clip:
    """LinearMap with a shear, rendered through the API."""
    return scenes.render("LinearMap", matrix=SHEAR, quality="low", out=out, **FAST)


def sidecar(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_render_installs_the_files_and_returns_data_and_params(shear: scenes.Clip) -> None:
    assert shear.status == "rendered"
    for path in (shear.mp4, shear.poster, shear.sidecar, shear.captions):
        assert path.is_file() and path.stat().st_size > 0, path
    assert shear.mp4.parent.name == "low"
    assert shear.params == {"matrix": [[1.0, 1.0], [0.0, 1.0]], "run_time": 0.5}
    assert shear.stem == f"LinearMap--{params_hash(shear.params)}"
    np.testing.assert_allclose(
        shear.data["determinant"], np.linalg.det(np.array(SHEAR, float)), atol=1e-12
    )
    assert shear.data == sidecar(shear.sidecar)["data"]


def test_the_command_line_renders_the_same_clip(shear: scenes.Clip, tmp_path: Path) -> None:
    cli_out = tmp_path / "cli"
    result = run_cli(
        "render", "LinearMap", "--quality", "low", "--set", "matrix=[[1, 1], [0, 1]]",
        "--set", "run_time=0.5", "--out", str(cli_out), cache=cli_out,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cli_sidecar = cli_out / "low" / f"{shear.stem}.json"
    assert cli_sidecar.is_file(), sorted(p.name for p in (cli_out / "low").iterdir())
    ours, theirs = sidecar(shear.sidecar), sidecar(cli_sidecar)
    ours.pop("render_seconds")
    theirs.pop("render_seconds")
    assert ours == theirs
    poster = np.asarray(Image.open(shear.poster))
    assert np.array_equal(poster, np.asarray(Image.open(cli_out / "low" / f"{shear.stem}.png")))
    assert (cli_out / "index.html").is_file() and (
        shear.sidecar.parents[1] / "index.html"
    ).is_file()


def test_the_command_line_finds_the_api_render_up_to_date(shear: scenes.Clip, out: Path) -> None:
    result = run_cli(
        "render", "LinearMap", "--quality", "low", "--set", "matrix=1,1,0,1",
        "--set", "run_time=0.5", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "0 rendered, 1 up to date, 0 failed" in result.stderr


def test_a_second_call_is_a_cache_hit(shear: scenes.Clip, out: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in (shear.mp4, shear.poster, shear.sidecar)}
    again = scenes.render("LinearMap", matrix=((1, 1), (0, 1)), run_time=0.5, out=out)
    assert again.status == "skipped"
    assert again.stem == shear.stem
    assert {p: p.stat().st_mtime_ns for p in before} == before
    assert again.data == shear.data


@pytest.mark.parametrize(
    ("kwargs", "cli"),
    [
        ({"matrix": [[1, 1], [0, 11]]}, ["--set", "matrix=[[1, 1], [0, 11]]"]),
        ({"matrix": "a,b,c,d"}, ["--set", "matrix=a,b,c,d"]),
        ({"run_time": 0}, ["--set", "run_time=0"]),
        ({"run_time": float("nan")}, ["--set", "run_time=nan"]),
        ({"colour": "red"}, ["--set", "colour=red"]),
        ({"preset": "nope"}, ["--preset", "nope"]),
        ({"quality": "ultra"}, ["--quality", "ultra"]),
        ({"theme": "sepia"}, ["--theme", "sepia"]),
    ],
)
def test_bad_input_raises_param_error_with_the_command_lines_line(
    tmp_path: Path, kwargs: dict[str, object], cli: list[str]
) -> None:
    line = rejected_render(tmp_path, "LinearMap", *cli)
    out = tmp_path / "api"
    with pytest.raises(scenes.ParamError) as caught:
        scenes.render("LinearMap", out=out, **kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    assert f"error: {caught.value}" == line
    assert not out.exists()


def test_a_value_of_no_parameter_type_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(scenes.ParamError, match=r"^LinearMap: parameter 'matrix' got a dict;"):
        scenes.render("LinearMap", matrix={"a": 1}, out=tmp_path / "api")
    assert not (tmp_path / "api").exists()


def test_preset_and_theme_keywords(shear: scenes.Clip, out: Path) -> None:
    light = scenes.render("LinearMap", preset="shear", theme="light", out=out, **FAST)
    (planned,) = plan_renders(
        ["LinearMap"], quality="low", sets=["run_time=0.5"], preset="shear", theme="light"
    )
    assert light.stem == planned.stem and light.stem.endswith("--light")
    assert light.params == shear.params  # the preset is the shear
    record = sidecar(light.sidecar)
    assert record["theme"] == "light" and record["preset"] == "shear"
    dark_mean = np.asarray(Image.open(shear.poster).convert("L")).mean()
    light_mean = np.asarray(Image.open(light.poster).convert("L")).mean()
    assert light_mean > dark_mean + 100, (light_mean, dark_mean)


def test_the_clip_shows_as_a_video_with_poster_and_captions(shear: scenes.Clip) -> None:
    page = shear._repr_html_()

    def embedded(attribute: str, mime: str) -> bytes:
        found = re.search(rf'{attribute}="data:{re.escape(mime)};base64,([A-Za-z0-9+/=]+)"', page)
        assert found, f"no {attribute} of type {mime}"
        return base64.b64decode(found.group(1))

    assert page.count("<video controls") == 1
    assert embedded("poster", "image/png") == shear.poster.read_bytes()
    assert embedded("src", "video/mp4") == shear.mp4.read_bytes()
    captions = embedded("src", "text/vtt").decode()
    assert captions.startswith("WEBVTT") and captions == shear.captions.read_text()
    assert '<track kind="captions"' in page and " default " in page
    linked = shear.html(embed=False)
    assert "data:" not in linked and f"{shear.stem}.mp4" in linked


def test_import_scenes_loads_no_manim_until_a_render() -> None:
    code = (
        "import sys, scenes\n"
        "from scenes.parameters import ParamError\n"
        "assert scenes.ParamError is ParamError and issubclass(ParamError, ValueError)\n"
        "assert callable(scenes.render) and callable(scenes.explore)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'ipywidgets')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout


def test_the_clip_plays_in_chromium_with_its_captions(shear: scenes.Clip, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright
    from test_browser import chromium_path

    page_file = tmp_path / "clip.html"
    page_file.write_text(f"<!doctype html><html><body>{shear._repr_html_()}</body></html>")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "() => { const v = document.querySelector('video');"
                " return v.readyState >= 1 && v.textTracks[0].cues"
                " && v.textTracks[0].cues.length > 0; }",
                timeout=60_000,
            )
            seen = page.evaluate(
                "() => { const v = document.querySelector('video'), t = v.textTracks[0];"
                " return {duration: v.duration, width: v.videoWidth, height: v.videoHeight,"
                " mode: t.mode, first: t.cues[0].text}; }"
            )
        finally:
            browser.close()
    record = sidecar(shear.sidecar)
    assert seen["mode"] == "showing" and errors == [], (seen, errors)
    assert (seen["width"], seen["height"]) == (record["width"], record["height"])
    assert seen["duration"] == pytest.approx(record["duration_s"], abs=0.2)
    assert seen["first"] == record["beats"][0]["caption"]


def test_no_scene_parameter_is_named_like_a_keyword_of_render() -> None:
    keywords = {
        name
        for name, p in inspect.signature(scenes.render).parameters.items()
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    }
    assert {"scene", "preset", "quality", "theme", "formats", "out", "force"} <= keywords
    for entry in catalog.SCENES:
        clash = keywords & {s.name for s in specs(entry.params_type)}
        assert not clash, f"{entry.name}: parameters {clash} cannot be passed to scenes.render"
