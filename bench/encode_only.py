"""Encode-only limit: push N frames of a given size through the same H.264 encoder.

Frames are real: evenly spaced frames decoded from the scene's own video, cycled to
reach N, converted to RGBA arrays beforehand so the timed loop does no scene work.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


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


def encode(frames: list[np.ndarray], n: int, fps: int, options: dict[str, str]) -> float:
    """Seconds to encode ``n`` frames (cycling ``frames``) as Manim's writer would."""
    height, width = frames[0].shape[:2]
    with tempfile.TemporaryDirectory() as tmp:
        container = av.open(str(Path(tmp) / "out.mp4"), mode="w")
        stream = container.add_stream("libx264", rate=fps, options=options)
        stream.pix_fmt = "yuv420p"
        stream.width, stream.height = width, height
        started = time.perf_counter()
        for i in range(n):
            frame = av.VideoFrame.from_ndarray(frames[i % len(frames)], format="rgba")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
        container.close()
        return time.perf_counter() - started


if __name__ == "__main__":
    import json

    from scenes.encoding import X264_OPTIONS

    video, n, fps = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    options = {"an": "1", "crf": "23", **X264_OPTIONS}
    seconds = encode(sample_frames(video), n, fps, options)
    print(json.dumps({"seconds": seconds, "frames": n, "fps": n / seconds}))
