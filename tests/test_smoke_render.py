"""Smoke render of every scene at low quality through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest
from PIL import Image

from conftest import run_cli
from scenes import catalog


@pytest.mark.render
@pytest.mark.parametrize("scene", [e.name for e in catalog.SCENES])
def test_scene_renders_video_poster_and_sidecar(tmp_path: Path, scene: str) -> None:
    result = run_cli("render", scene, "--quality", "low", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    mp4, png, sidecar = (tmp_path / "low" / f"{scene}{ext}" for ext in (".mp4", ".png", ".json"))
    assert mp4.exists() and png.exists() and sidecar.exists()
    with av.open(str(mp4)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        assert stream.average_rate == 15
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
