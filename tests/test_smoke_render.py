"""Smoke render of every scene at low quality through the real command line.

All scenes render in one call with two parallel workers and an empty render cache, as a
first ``make render`` does; each scene's files are then checked. Its LaTeX caches start
from the test process's persistent one (conftest's ``cache_slot``): on a fresh machine
that is empty, so LaTeX is compiled from nothing by both workers at once; on a machine
that ran the suite before, the formulas compiled then are reused. What it compiled joins
that cache.
"""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest
from PIL import Image

from conftest import run_cli
from scenes import catalog

SCENES = [e.name for e in catalog.SCENES]
pytestmark = [pytest.mark.render, pytest.mark.xdist_group("smoke-render")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("smoke")
    result = run_cli(
        "render", *SCENES, "--quality", "low", "--jobs", "2", "--out", str(out_dir),
        cache=out_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out_dir


@pytest.mark.parametrize("scene", SCENES)
def test_scene_renders_video_poster_and_sidecar(rendered: Path, scene: str) -> None:
    mp4, png, sidecar = (rendered / "low" / f"{scene}{ext}" for ext in (".mp4", ".png", ".json"))
    assert mp4.exists() and png.exists() and sidecar.exists()
    with av.open(str(mp4)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        assert stream.guessed_rate == 15  # the nominal frame rate players use
        duration = container.duration / av.time_base
        frames = sum(1 for _ in container.decode(video=0))
    assert duration > 0
    meta = json.loads(sidecar.read_text())
    assert abs(meta["duration_s"] - duration) <= 1 / 15 + 1e-6
    assert abs(frames - round(meta["duration_s"] * 15)) <= 1
    with Image.open(png) as poster:
        assert poster.size == (854, 480)
    # Web-ready: the MP4 index (moov) comes before the media data (mdat).
    data = mp4.read_bytes()
    assert 0 <= data.find(b"moov") < data.find(b"mdat")
    # Captions: one cue per beat, starting when the beat starts.
    vtt = mp4.with_suffix(".vtt").read_text()
    srt = mp4.with_suffix(".srt").read_text()
    beats = [b for b in meta["beats"] if b["end_s"] > b["start_s"]]
    assert beats, "the scene declared no beats"
    assert vtt.startswith("WEBVTT")
    assert vtt.count(" --> ") == srt.count(" --> ") == len(beats)
    for beat in beats:
        assert beat["caption"] in vtt


def test_the_gallery_lists_every_scene(rendered: Path) -> None:
    page = (rendered / "index.html").read_text()
    for scene in SCENES:
        assert f'href="clips/{scene}.html"' in page
        detail = (rendered / "clips" / f"{scene}.html").read_text()
        assert f'src="../low/{scene}.mp4"' in detail
