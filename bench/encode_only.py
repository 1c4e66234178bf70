"""Encode-only limit: push a scene's frames through the same H.264 encoder, no scene work.

Two measurements of the same encoder with the same settings (libx264, CRF 23 and
:data:`scenes.pipeline.encoding.X264_OPTIONS`, RGBA frames handed to PyAV as Manim's writer does):

- **in order** (the limit the benchmark's ratios use): every frame of the scene's own
  video, in order: what the encoder would cost if drawing were free. Frames are
  decoded to RGBA ahead of the timed loop, in segments of :data:`SEGMENT` frames to
  bound memory (4 GB at 1080p). The encoder carries on across segments; the work it
  still has in flight while the next segment is decoded (its lookahead, a few frames)
  is the only work not timed.
- **cycled** (the figure of earlier runs): 30 evenly spaced frames of the video,
  cycled to reach the same count. At 1080p with ``veryfast`` it comes within about 20%
  of the in-order figure either way: the encoder's cost is mostly per pixel.

A render can beat either figure: this is one encoder stream, which keeps about 1.3 of
2 cores busy, while the driver lets Manim encode two animations' files at once
(``max_inflight_encoders = 2``).

Usage: ``python bench/encode_only.py --fps FPS VIDEO [VIDEO ...] [--cycled N]``; prints
JSON (seconds, frames, fps).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Frames decoded ahead of each timed stretch of encoding.
SEGMENT = 480


def sample_frames(video: Path, count: int = 30) -> list[np.ndarray]:
    """``count`` evenly spaced frames of ``video`` as RGBA arrays (only those are kept)."""
    with av.open(str(video)) as container:
        total = container.streams.video[0].frames or count
        step = max(1, total // count)
        frames = [
            f.to_ndarray(format="rgba")
            for k, f in enumerate(container.decode(video=0))
            if k % step == 0
        ]
    return frames[:count]


def segments(video: Path, size: int = SEGMENT) -> Iterator[list[np.ndarray]]:
    """Every frame of ``video`` in order, as RGBA arrays, ``size`` at a time."""
    with av.open(str(video)) as container:
        batch: list[np.ndarray] = []
        for frame in container.decode(video=0):
            batch.append(frame.to_ndarray(format="rgba"))
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch


class Encoder:
    """An H.264 stream set up as Manim's writer sets it up; times only ``encode``."""

    def __init__(self, path: Path, width: int, height: int, fps: int, options: dict[str, str]):
        self.container = av.open(str(path), mode="w")
        self.stream = self.container.add_stream("libx264", rate=fps, options=options)
        self.stream.pix_fmt = "yuv420p"
        self.stream.width, self.stream.height = width, height
        self.seconds = 0.0
        self.frames = 0

    def encode(self, frames: list[np.ndarray], n: int | None = None) -> None:
        """Encode ``frames`` (or ``n`` of them, cycling) and add the time taken."""
        count = len(frames) if n is None else n
        started = time.perf_counter()
        for i in range(count):
            frame = av.VideoFrame.from_ndarray(frames[i % len(frames)], format="rgba")
            for packet in self.stream.encode(frame):
                self.container.mux(packet)
        self.seconds += time.perf_counter() - started
        self.frames += count

    def close(self) -> None:
        started = time.perf_counter()
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()
        self.seconds += time.perf_counter() - started


def encode_in_order(videos: list[Path], fps: int, options: dict[str, str]) -> tuple[float, int]:
    """Seconds and frames to encode every frame of each video in order, one encoder per
    video (as one render is one file)."""
    seconds, frames = 0.0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for k, video in enumerate(videos):
            encoder: Encoder | None = None
            for batch in segments(video):
                if encoder is None:
                    height, width = batch[0].shape[:2]
                    encoder = Encoder(Path(tmp) / f"{k}.mp4", width, height, fps, options)
                encoder.encode(batch)
            if encoder is not None:
                encoder.close()
                seconds += encoder.seconds
                frames += encoder.frames
    return seconds, frames


def encode_cycled(video: Path, n: int, fps: int, options: dict[str, str]) -> tuple[float, int]:
    """Seconds and frames to encode ``n`` frames cycling 30 evenly spaced ones of ``video``."""
    frames = sample_frames(video)
    height, width = frames[0].shape[:2]
    with tempfile.TemporaryDirectory() as tmp:
        encoder = Encoder(Path(tmp) / "out.mp4", width, height, fps, options)
        encoder.encode(frames, n)
        encoder.close()
    return encoder.seconds, encoder.frames


def options() -> dict[str, str]:
    from scenes.pipeline.encoding import X264_OPTIONS

    return {"an": "1", "crf": "23", **X264_OPTIONS}


def main() -> None:
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("videos", nargs="+", type=Path)
    parser.add_argument("--fps", type=int, required=True)
    parser.add_argument("--cycled", type=int, metavar="N", help="N cycled frames instead")
    args = parser.parse_args()
    if args.cycled is not None:
        seconds, frames = encode_cycled(args.videos[0], args.cycled, args.fps, options())
    else:
        seconds, frames = encode_in_order(args.videos, args.fps, options())
    print(json.dumps({"seconds": seconds, "frames": frames, "fps": frames / seconds}))


if __name__ == "__main__":
    main()
