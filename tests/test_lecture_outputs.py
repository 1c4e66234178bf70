"""The lecture pack: themes, per-beat section clips, WebM with alpha, GIF, PNG sequences.

One render of a short LinearMap through the real command line asks for everything at
once; the files are then checked against independent readings (PyAV decodes, PIL
opens, the WCAG formula from its published reference values).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from PIL import Image

from conftest import run_cli, scene_group
from scenes import catalog
from scenes.kit.checking import AA_CONTRAST, CheckReport
from scenes.kit.palettes import DARK, LIGHT, THEMES, contrast_ratio

SCENES = [e.name for e in catalog.SCENES]
AA = 4.5  # WCAG 2 level AA for normal text


# WCAG reference values: black on white is 21:1 (the maximum); #767676 on white is the
# lightest grey that passes AA (4.54:1) and #777777 the darkest that fails (4.48:1).
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("#000000", "#ffffff", 21.0), ("#767676", "#ffffff", 4.54), ("#777777", "#ffffff", 4.48)],
)
def test_contrast_ratio_matches_wcag_reference_values(a: str, b: str, expected: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.005)
    assert contrast_ratio(b, a) == pytest.approx(expected, abs=0.005)


TEXT_COLOURS = [
    "text",
    "muted",
    "i_hat",
    "j_hat",
    "area",
    "area_flipped",
    "accent",
    "gradient",
    "path",
    "sample",
    "accepted",
    "rejected",
    "density",
    "interval",
]


def test_light_palette_text_colours_meet_wcag_aa_on_its_background() -> None:
    for name in TEXT_COLOURS:
        assert contrast_ratio(getattr(LIGHT, name), LIGHT.background) >= AA, name
    for colour in (*LIGHT.eigen, *LIGHT.series):
        assert contrast_ratio(colour, LIGHT.background) >= AA, colour


def test_both_themes_have_the_same_colour_roles() -> None:
    assert set(THEMES) == {"dark", "light"}
    assert len(DARK.series) == len(LIGHT.series) and len(DARK.eigen) == len(LIGHT.eigen)


def test_theme_block_restores_the_dark_palette_and_manim_defaults() -> None:
    from manim import WHITE, Line, ManimColor

    from scenes.kit.style import PALETTE, theme

    with theme("light"):
        assert PALETTE.background == LIGHT.background
        assert Line().get_color() == ManimColor(LIGHT.text)
    assert PALETTE == DARK
    assert Line().get_color() == ManimColor(WHITE)


@pytest.mark.parametrize("scene", [pytest.param(s, marks=scene_group(s)) for s in SCENES])
def test_every_scene_in_the_light_theme_has_legible_text(
    scene: str, built: Callable[..., CheckReport]
) -> None:
    """Every visible text, at every beat, meets WCAG AA against the light background
    (so no Manim default white is left), and the layout checks and the visual standard
    (its colour rule with the light theme's colours) still pass. Grouped with the
    scene's other builds, so the two test workers share the 27 light builds."""
    report = built(scene, theme="light")
    assert AA_CONTRAST == AA
    assert report.beats
    assert report.problems == []
    assert report.contrast == []
    assert report.standard == [], "\n".join(report.standard)


# --- one render with every lecture output -------------------------------------------

STEM = "LinearMap--light"


def renders(test: Any) -> Any:
    """Mark a test that uses the rendered pack (slow; all on one xdist worker)."""
    return pytest.mark.render(pytest.mark.xdist_group("lecture-outputs")(test))


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack")
    result = run_cli(
        "render", "LinearMap", "--quality", "low", "--out", str(out),
        "--theme", "light", "--sections", "--transparent",
        "--format", "webm", "--format", "gif", "--format", "png-sequence", cache=out,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out / "low"


def video_frames(path: Path) -> tuple[int, float, tuple[int, int]]:
    """Frame count, duration in seconds and size, decoded with PyAV."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        return frames, container.duration / av.time_base, (stream.width, stream.height)


@renders
def test_light_theme_is_named_recorded_and_legible_on_the_poster(pack: Path) -> None:
    meta = json.loads((pack / f"{STEM}.json").read_text())
    assert meta["stem"] == STEM and meta["theme"] == "light"
    assert "THEME=light" in meta["command"]
    poster = np.asarray(Image.open(pack / f"{STEM}.png").convert("RGB"))
    background = LIGHT.background
    corner = "#{:02x}{:02x}{:02x}".format(*poster[2, 2])
    assert corner == background
    # The darkest ink in the readout panel (right of the plane) is the text colour: its
    # contrast with the background must meet AA.
    panel = poster[:, int(poster.shape[1] * 0.72) :].reshape(-1, 3)
    darkest = panel[np.argmin(panel.sum(axis=1))]
    ink = "#{:02x}{:02x}{:02x}".format(*darkest)
    assert contrast_ratio(ink, background) >= AA


@renders
def test_sections_are_one_clip_per_beat_timed_like_the_beats(pack: Path) -> None:
    meta = json.loads((pack / f"{STEM}.json").read_text())
    fps = meta["fps"]
    animated = [b for b in meta["beats"] if b["end_s"] - b["start_s"] > 1e-9]
    sections = meta["sections"]
    assert [s["beat"] for s in sections] == [b["name"] for b in animated]
    clips = sorted((pack / f"{STEM}.sections").iterdir())
    assert [c.name for c in clips] == [Path(s["file"]).name for s in sections]
    total_frames = 0
    for clip, beat in zip(clips, animated, strict=True):
        frames, _, size = video_frames(clip)
        assert size == (meta["width"], meta["height"])
        assert abs(frames - (beat["end_s"] - beat["start_s"]) * fps) <= 1
        total_frames += frames
        data = clip.read_bytes()
        assert 0 <= data.find(b"moov") < data.find(b"mdat")  # web-ready, like the MP4
    whole, _, _ = video_frames(pack / f"{STEM}.mp4")
    assert total_frames == whole


@renders
def test_transparent_webm_has_alpha_and_the_mp4_frame_count(pack: Path) -> None:
    whole, _, size = video_frames(pack / f"{STEM}.mp4")
    with av.open(str(pack / f"{STEM}.webm")) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "vp9"
        assert (stream.width, stream.height) == size
        # FFmpeg's native VP9 decoder drops the alpha plane; libvpx's keeps it.
        decoder = av.codec.CodecContext.create("libvpx-vp9", "r")
        alphas, count = [], 0
        for packet in container.demux(stream):
            for frame in decoder.decode(packet):
                count += 1
                if count == whole // 2:
                    alphas = frame.to_ndarray(format="rgba")[..., 3]
    assert count == whole
    assert alphas.min() == 0 and alphas.max() == 255  # see-through background, opaque ink


@renders
def test_png_sequence_has_every_frame_with_alpha(pack: Path) -> None:
    whole, _, size = video_frames(pack / f"{STEM}.mp4")
    frames = sorted((pack / f"{STEM}.frames").glob("*.png"))
    assert [f.name for f in frames] == [f"{k:06d}.png" for k in range(whole)]
    with Image.open(frames[-1]) as last:
        assert last.mode == "RGBA" and last.size == size
        alpha = np.asarray(last)[..., 3]
    # The background is see-through (most of the frame), the drawing opaque.
    assert (alpha == 0).mean() > 0.2 and alpha.max() == 255


@renders
def test_gif_loops_at_web_size_and_lasts_as_long_as_the_video(pack: Path) -> None:
    _, duration, (width, height) = video_frames(pack / f"{STEM}.mp4")
    with Image.open(pack / f"{STEM}.gif") as gif:
        assert gif.info.get("loop") == 0  # loops forever
        assert gif.size[0] <= 640
        assert gif.size[0] / gif.size[1] == pytest.approx(width / height, rel=0.01)
        total_ms, count = 0, 0
        for k in range(gif.n_frames):
            gif.seek(k)
            total_ms += gif.info["duration"]
            count += 1
    assert total_ms / 1000 == pytest.approx(duration, abs=0.1)
    assert count <= duration * 15 + 1  # at most 15 frames per second


@renders
def test_unchanged_pack_is_skipped_and_plain_rerender_drops_stale_extras(pack: Path) -> None:
    out = pack.parent
    args = ["render", "LinearMap", "--quality", "low", "--out", str(out)]
    again = run_cli(*args, "--theme", "light", "--sections", "--format", "gif")
    assert again.returncode == 0, again.stderr
    assert "1 up to date" in again.stderr  # the extras asked for are all there
    plain = run_cli(*args, "--theme", "light", "--force")
    assert plain.returncode == 0, plain.stderr
    names = sorted(p.name for p in pack.iterdir() if p.name.startswith(STEM))
    assert names == [f"{STEM}{ext}" for ext in (".json", ".mp4", ".png", ".srt", ".vtt")]
    meta = json.loads((pack / f"{STEM}.json").read_text())
    assert "sections" not in meta and meta["transparent"] is False


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--theme", "blue"], "--theme got 'blue'; allowed: dark, light"),
        (["--format", "avi"], "--format got 'avi'; allowed: mp4, webm, gif, png-sequence"),
        (["--transparent"], "--transparent needs --format webm or --format png-sequence"),
        (["--format", "gif", "--transparent"], "--transparent needs"),
    ],
)
def test_bad_lecture_options_exit_2_with_one_line(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    out = tmp_path / "out"
    result = run_cli("render", "LinearMap", "--quality", "low", "--out", str(out), *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0]
    assert not out.exists()
