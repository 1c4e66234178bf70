"""Render one scene in this (fresh) process and print wall time, frames and peak memory.

A catalogue scene is rendered as the render driver does it (:func:`scenes.pipeline.produce.produce`:
video, web-ready remux, poster, captions, sidecar), so the time is what a user waits.

Usage: ``python bench/render_one.py SCENE QUALITY OUT_DIR [STAGING]`` where SCENE is a
catalogue name, or ``bench.point_cloud:PointCloud`` for the point-cloud scene. OUT_DIR
holds the LaTeX cache (as ``renders/`` does); the files go to STAGING.
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
    import shutil

    from manim import tempconfig

    from scenes.pipeline import jobs, plan, produce

    name, quality, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    q = jobs.QUALITIES[quality]
    started = time.perf_counter()
    if ":" in name:  # a bench-only scene: a bare Manim render
        module, class_name = name.split(":")
        scene_class = getattr(importlib.import_module(module), class_name)
        job = jobs.RenderJob(class_name, class_name, None, {}, quality, out_dir, "", "")
        with tempconfig(produce.manim_config(job, Path(out_dir) / "media")):
            scene = produce.new_scene(scene_class)
            scene.render()
            video = Path(scene.renderer.file_writer.movie_file_path)
            duration = float(scene.renderer.time)
    else:  # exactly what `make render` does for one render (poster, captions, sidecar)
        (job,) = plan.plan([name], quality=quality, out_dir=out_dir)
        staging = Path(sys.argv[4] if len(sys.argv) > 4 else Path(out_dir) / "staging")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        produce.produce(job, staging)
        video = staging / f"{job.stem}.mp4"
        duration = json.loads((staging / f"{job.stem}.json").read_text())["duration_s"]
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
                "video": str(video),
                "bytes": video.stat().st_size,
            }
        )
    )


if __name__ == "__main__":
    main()
