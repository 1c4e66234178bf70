"""Render one scene in this (fresh) process and print wall time, frames and peak memory.

Usage: ``python bench/render_one.py SCENE QUALITY OUT_DIR`` where SCENE is a catalogue
name, or ``bench.point_cloud:PointCloud`` for the point-cloud scene.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from manim import tempconfig

    from scenes import catalog
    from scenes.render import QUALITIES, RenderJob, manim_config

    name, quality, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    if ":" in name:
        module, class_name = name.split(":")
    else:
        module, class_name = catalog.BY_NAME[name].module, name
    scene_class = getattr(importlib.import_module(module), class_name)
    job = RenderJob(class_name, class_name, None, {}, quality, out_dir, "", "")
    settings = manim_config(job, Path(out_dir) / "media")
    q = QUALITIES[quality]
    started = time.perf_counter()
    with tempconfig(settings):
        scene = scene_class()
        scene.render()
        video = str(scene.renderer.file_writer.movie_file_path)
        duration = float(scene.renderer.time)
    wall = time.perf_counter() - started
    frames = round(duration * q.fps)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "wall_s": wall,
                "frames": frames,
                "fps": frames / wall,
                "peak_rss_mb": peak_mb,
                "video": video,
                "bytes": Path(video).stat().st_size,
            }
        )
    )


if __name__ == "__main__":
    main()
