"""The files a render makes besides the MP4: web-ready remux, GIF, frames, beat clips.

Each function reads what Manim wrote in a staging folder and writes one output next to
it; the render driver then moves everything into place. No re-encoding of H.264 except
where a format needs it (GIF), so the MP4, the sections and the WebM keep Manim's
pixels.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any


def write_if_changed(target: Path, text: str) -> bool:
    """Write ``text`` to ``target`` (through a temporary file and one rename) only if it
    differs from what is there, so a folder's watchers see a change only when there is
    one. Returns whether it wrote."""
    try:
        if target.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass  # absent or unreadable: write it
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return True


def faststart(source: Path, target: Path) -> None:
    """Copy an MP4's packets into ``target`` with the index (moov) at the front.

    A web page can then start playing the video before it has downloaded all of it.
    No re-encoding: the H.264 stream is copied as it is.
    """
    import av

    with (
        av.open(str(source)) as src,
        av.open(str(target), mode="w", options={"movflags": "+faststart"}) as dst,
    ):
        stream_in = src.streams.video[0]
        stream_out = dst.add_stream_from_template(stream_in)
        for packet in src.demux(stream_in):
            if packet.dts is None:
                continue
            packet.stream = stream_out
            dst.mux(packet)


def gif_size(width: int, height: int, max_width: int) -> tuple[int, int]:
    """The GIF's frame size: at most ``max_width`` wide, same aspect, even sides."""
    if width <= max_width:
        return width, height
    scaled_height = round(height * max_width / width)
    return max_width, scaled_height - scaled_height % 2


def to_gif(source: Path, target: Path, *, max_width: int, max_fps: int) -> None:
    """Convert a video to a looping GIF for a web page.

    Scaled to at most ``max_width`` pixels wide and ``max_fps`` frames per second, with
    one 256-colour palette made from the whole clip (``palettegen``) and applied with
    ordered dithering (``paletteuse``), so flat colours stay flat from frame to frame.
    """
    import av

    with av.open(str(source)) as src:
        stream_in = src.streams.video[0]
        rate = stream_in.average_rate or Fraction(max_fps)
        fps = min(Fraction(rate), Fraction(max_fps))
        width, height = gif_size(stream_in.width, stream_in.height, max_width)
        with av.open(str(target), mode="w", format="gif", options={"loop": "0"}) as dst:
            stream_out = dst.add_stream("gif", rate=fps)
            stream_out.width, stream_out.height = width, height
            stream_out.pix_fmt = "pal8"
            graph = av.filter.Graph()
            chain = [
                graph.add_buffer(template=stream_in),
                graph.add("fps", f"fps={fps.numerator}/{fps.denominator}"),
                graph.add("scale", f"{width}:{height}:flags=lanczos"),
                graph.add("split"),
            ]
            for a, b in itertools.pairwise(chain):
                a.link_to(b)
            palettegen = graph.add("palettegen", "stats_mode=full")
            paletteuse = graph.add("paletteuse", "dither=bayer:bayer_scale=5")
            sink = graph.add("buffersink")
            chain[-1].link_to(palettegen, 0, 0)
            chain[-1].link_to(paletteuse, 1, 0)
            palettegen.link_to(paletteuse, 0, 1)
            paletteuse.link_to(sink)
            graph.configure()
            for frame in src.decode(stream_in):
                graph.push(frame)
            graph.push(None)
            count = 0
            while True:
                try:
                    frame = graph.pull()
                except (av.error.EOFError, av.error.BlockingIOError):
                    break
                frame.pts = count
                frame.time_base = Fraction(1) / fps
                count += 1
                dst.mux(stream_out.encode(frame))
            dst.mux(stream_out.encode(None))


def collect_frames(images_dir: Path, target: Path) -> int:
    """Move Manim's PNG sequence (``<name>0000.png``, ...) into ``target/000000.png``, ...

    Returns the number of frames. Frames are numbered from 0 in play order.
    """
    target.mkdir()
    pattern = re.compile(r"(\d+)\.png$")
    frames = sorted(
        (int(m.group(1)), path)
        for path in images_dir.rglob("*.png")
        if (m := pattern.search(path.name))
    )
    for index, (_, path) in enumerate(frames):
        shutil.move(str(path), target / f"{index:06d}.png")
    return len(frames)


def section_slug(name: str) -> str:
    """A file-name-safe form of a beat name: lowercase letters, digits and '-'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "beat"


def collect_sections(
    sections_dir: Path, index_name: str, target: Path, beats: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Move Manim's per-section clips into ``target/NN-<beat>.mp4``, web-ready.

    Manim writes one clip per non-empty section and an index ``<output>.json`` in play
    order; each section is named after its beat, so clip k is matched to its beat by
    name. Returns one entry per clip: the beat, the file (relative to ``target``'s
    parent) and the beat's start and end times.
    """
    index = json.loads((sections_dir / index_name).read_text(encoding="utf-8"))
    target.mkdir()
    listed: list[dict[str, Any]] = []
    next_beat = 0
    for section in index:
        # Beats in order; a beat with no animation has no clip (Manim drops empty
        # sections), and Manim's automatic first section matches no beat.
        found = next(
            (k for k in range(next_beat, len(beats)) if beats[k]["name"] == section["name"]),
            None,
        )
        if found is None:
            continue
        beat, next_beat = beats[found], found + 1
        clip = target / f"{len(listed) + 1:02d}-{section_slug(section['name'])}.mp4"
        faststart(sections_dir / section["video"], clip)
        listed.append(
            {
                "beat": beat["name"],
                "file": f"{target.name}/{clip.name}",
                "start_s": beat["start_s"],
                "end_s": beat["end_s"],
            }
        )
    return listed
