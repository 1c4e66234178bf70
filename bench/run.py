"""The render benchmark: `make bench` writes bench/results.json and prints a table.

Everything is measured in one run and reported as ratios, because absolute times on a
shared machine drift. See the README's performance section for what each number means.

Usage: python bench/run.py [--scenes A,B] [--qualities low,high] [--no-gallery] [--no-noop]
                           [--rows-from RESULTS] [--warm-cache RENDERS]

``--rows-from`` reuses the per-scene rows of an earlier results file (an interrupted run
keeps its rows) and measures only the rows it lacks, then the other parts.

Plain Manim is bench/plain_manim.py (Manim's own encoder), the driver's render is
bench/render_one.py and the encode-only limit bench/encode_only.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import report  # noqa: E402

PY = sys.executable


def run_json(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    out = subprocess.run(
        args,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def timed(args: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        args, cwd=ROOT, capture_output=True, check=True, env={**os.environ, **(env or {})}
    )
    return time.perf_counter() - started


def machine() -> dict[str, Any]:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import importlib.metadata

    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "manim": importlib.metadata.version("manim"),
        "date": time.strftime("%Y-%m-%d"),
    }


def warm_cache(work: Path) -> Path:
    """The warm LaTeX cache every timed side of a run shares: ``worker-0`` of the warm-up
    renders folder (a render with ``work / "warm"`` as its folder uses it as it is)."""
    return work / "warm" / ".cache" / "worker-0"


def plain_manim(name: str, quality: str, media_dir: Path, work: Path) -> dict[str, Any]:
    """One render of ``name`` by plain Manim in a fresh process, from the warm cache."""
    tex = warm_cache(work) / "tex"
    return run_json([PY, "bench/plain_manim.py", name, quality, str(media_dir), str(tex)])


def bench_scene(name: str, quality: str, work: Path) -> dict[str, Any]:
    """One scene at one quality: the driver's render, its encode-only limit, plain Manim."""
    fps = {"low": 15, "medium": 30, "high": 60, "4k": 60}[quality]
    warm = work / "warm"  # the LaTeX cache of the warm-up run, shared by both sides
    staging = work / f"{name}-{quality}"
    render = run_json([PY, "bench/render_one.py", name, quality, str(warm), str(staging)])
    encode = run_json([PY, "bench/encode_only.py", "--fps", str(fps), render["video"]])
    cycled = run_json(
        [PY, "bench/encode_only.py", "--fps", str(fps), render["video"],
         "--cycled", str(render["frames"])]
    )  # fmt: skip
    plain_run = plain_manim(name, quality, work / f"plain-{name}-{quality}", work)
    plain = plain_run["wall_s"]
    return {
        "scene": name,
        "quality": quality,
        **{k: render[k] for k in ("wall_s", "frames", "fps", "peak_rss_mb", "bytes")},
        "encode_only_fps": encode["fps"],
        "ratio_to_encode_only": render["fps"] / encode["fps"],
        "encode_cycled_fps": cycled["fps"],
        "ratio_to_cycled_encode": render["fps"] / cycled["fps"],
        "plain_manim_s": plain,
        "speedup_vs_plain_manim": plain / render["wall_s"],
        "plain_manim_bytes": plain_run["bytes"],
    }


def encoder_settings(work: Path) -> dict[str, Any]:
    """Manim's default x264 settings against ours on LinearMap at high: fps, size, PSNR."""
    import av
    import numpy as np

    out: dict[str, Any] = {}
    script = (
        "import sys, json, time; sys.path.insert(0, '.')\n"
        "from manim import tempconfig\n"
        "from manim.renderer.cairo_renderer import CairoRenderer\n"
        "from manim.scene.scene_file_writer import SceneFileWriter\n"
        "from scenes.pipeline.encoding import FastFileWriter\n"
        "from scenes.linear_algebra.linear_map import LinearMap\n"
        "writer = {'manim-default': SceneFileWriter, 'mlmath-viz': FastFileWriter}[sys.argv[1]]\n"
        "t = time.perf_counter()\n"
        "with tempconfig({'media_dir': sys.argv[2], 'tex_dir': sys.argv[3],"
        " 'pixel_width': 1920, 'pixel_height': 1080,"
        " 'frame_rate': 60, 'verbosity': 'ERROR', 'progress_bar': 'none',"
        " 'disable_caching': True}):\n"
        "    s = LinearMap(renderer=CairoRenderer(file_writer_class=writer)); s.render()\n"
        "    wall = time.perf_counter() - t\n"
        "    print(json.dumps({'wall_s': wall, 'frames': round(s.renderer.time * 60),"
        " 'video': str(s.renderer.file_writer.movie_file_path)}))\n"
    )
    frames: dict[str, np.ndarray] = {}
    for label in ("manim-default", "mlmath-viz"):
        tex = warm_cache(work) / "tex"  # warm: no LaTeX compile timed
        r = run_json([PY, "-c", script, label, str(work / f"enc-{label}"), str(tex)])
        with av.open(r["video"]) as c:
            decoded = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
        frames[label] = decoded[len(decoded) * 3 // 4]
        out[label] = {
            "wall_s": r["wall_s"],
            "fps": r["frames"] / r["wall_s"],
            "bytes": Path(r["video"]).stat().st_size,
        }
    a = frames["manim-default"].astype(float)
    b = frames["mlmath-viz"].astype(float)
    mse = float(np.mean((a - b) ** 2))
    out["psnr_db_between_them"] = float("inf") if mse == 0 else 10 * np.log10(255**2 / mse)
    out["speedup"] = out["mlmath-viz"]["fps"] / out["manim-default"]["fps"]
    out["size_change"] = out["mlmath-viz"]["bytes"] / out["manim-default"]["bytes"] - 1
    return out


def gallery(
    scenes: list[str],
    rows: list[dict[str, Any]],
    work: Path,
    noop: bool = True,
    plain_in_run: bool = False,
) -> dict[str, Any]:
    """Every scene's default at high through the render driver (default jobs), against
    the same renders done one after another by plain Manim and against the encode-only
    limit of the same frames on two parallel encoder streams; then (with ``noop``) the
    no-op time of the whole gallery (every scene, preset and declared sweep) once it is
    rendered. The plain-Manim side is the rows' own plain-Manim times, or with
    ``plain_in_run`` (rows reused from an earlier run) measured here."""
    out_dir = work / "gallery"
    # The warm-up's LaTeX cache for every worker slot, as the per-scene rows and plain
    # Manim have it: the gallery is timed warm, not charged for compiling formulas.
    for slot in range(os.cpu_count() or 1):
        shutil.copytree(warm_cache(work), out_dir / ".cache" / f"worker-{slot}")
    wall = timed(
        [PY, "-m", "scenes", "render", *scenes, "--quality", "high", "--force",
         "--out", str(out_dir)]
    )  # fmt: skip
    jobs = [json.loads(p.read_text()) for p in (out_dir / "high").glob("*.json")]
    total_frames = sum(round(j["duration_s"] * 60) for j in jobs)
    two_stream = two_stream_encode(sorted((out_dir / "high").glob("*.mp4")), 60)
    if plain_in_run:
        # The same renders one after another in plain Manim, in this run: rows reused
        # from an earlier run were timed on another machine or load.
        sequential_plain = sum(
            plain_manim(s, "high", work / f"gallery-plain-{s}", work)["wall_s"] for s in scenes
        )
    else:
        high = {r["scene"]: r for r in rows if r["quality"] == "high"}
        complete = all(s in high for s in scenes)
        sequential_plain = sum(high[s]["plain_manim_s"] for s in scenes) if complete else None
    out: dict[str, Any] = {
        "renders": len(jobs),
        "frames": total_frames,
        "wall_s": wall,
        "two_stream_encode_only_s": two_stream,
        "ratio_to_encode_only": wall / two_stream,
        "sequential_plain_manim_s": sequential_plain,
        "sequential_plain_manim_from": "gallery part" if plain_in_run else "scene rows",
        "speedup_vs_sequential_plain_manim": (
            sequential_plain / wall if sequential_plain is not None else None
        ),
    }
    if not noop:
        return out
    # No-op: the whole gallery (all renders `make render` makes) at low, rendered once,
    # then planned and checked again with nothing changed. The check does not depend on
    # the quality, so low keeps the setup short.
    whole = work / "whole-gallery"
    subprocess.run(
        [PY, "-m", "scenes", "render", "--quality", "low", "--out", str(whole)],
        cwd=ROOT, capture_output=True, check=True,
    )  # fmt: skip
    noop_s = timed([PY, "-m", "scenes", "render", "--quality", "low", "--out", str(whole)])
    noop_make = timed(["make", "render", "QUALITY=low", f"OUT={whole}"])
    return {
        **out,
        "noop_renders": len(list((whole / "low").glob("*.json"))),
        "noop_render_s": noop_s,
        "noop_make_render_s": noop_make,
    }


def two_stream_encode(videos: list[Path], fps: int) -> float:
    """The encode-only limit of a gallery on two parallel encoder streams: the videos
    split into two lists of about equal frames (longest first, each to the shorter
    list), each list encoded in order by its own process at the same time; the time is
    the longer stream's encoding time."""
    import av

    def frame_count(video: Path) -> int:
        with av.open(str(video)) as c:
            return int(c.streams.video[0].frames)

    lists: list[list[Path]] = [[], []]
    loads = [0, 0]
    for video in sorted(videos, key=frame_count, reverse=True):
        k = loads.index(min(loads))
        lists[k].append(video)
        loads[k] += frame_count(video)
    procs = [
        subprocess.Popen(
            [PY, "bench/encode_only.py", "--fps", str(fps), *map(str, chunk)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for chunk in lists
        if chunk
    ]
    seconds = [json.loads(p.communicate()[0].strip().splitlines()[-1])["seconds"] for p in procs]
    return max(seconds)


def point_clouds(work: Path) -> dict[str, Any]:
    out = {}
    for n in (1_000, 10_000, 100_000):
        r = run_json(
            [
                PY,
                "bench/render_one.py",
                "bench.point_cloud:PointCloud",
                "low",
                str(work / f"cloud-{n}"),
            ],
            env={"BENCH_POINTS": str(n)},
        )
        out[str(n)] = {"fps": r["fps"], "wall_s": r["wall_s"], "frames": r["frames"]}
    return out


def main() -> None:
    from scenes import catalog

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", default=",".join(e.name for e in catalog.SCENES))
    parser.add_argument("--qualities", default="low,high")
    parser.add_argument("--no-gallery", action="store_true")
    parser.add_argument(
        "--no-noop",
        action="store_true",
        help="skip the no-op check (it renders the whole gallery at low first: ~20 min)",
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument(
        "--warm-cache",
        type=Path,
        metavar="RENDERS",
        help="take the LaTeX cache from a renders folder (its .cache/worker-*) instead of "
        "a warm-up render of every scene at low",
    )
    parser.add_argument(
        "--rows-from",
        type=Path,
        metavar="RESULTS",
        help="reuse the per-scene rows of an earlier results file; measure only the rest",
    )
    args = parser.parse_args()
    scenes = [s for s in args.scenes.split(",") if s]
    work = Path(tempfile.mkdtemp(prefix="mlmath-bench-"))
    # Warm the LaTeX cache so first-compile time is not charged to one scene: by a
    # warm-up render of every scene at low, or from a renders folder's caches.
    if args.warm_cache is not None:
        for worker in sorted((args.warm_cache / ".cache").glob("worker-*")):
            shutil.copytree(worker, warm_cache(work), dirs_exist_ok=True)
    else:
        warm_up = [PY, "-m", "scenes", "render", *scenes, "--quality", "low"]
        warm_up += ["--jobs", "1", "--out", str(work / "warm")]
        subprocess.run(warm_up, cwd=ROOT, capture_output=True, check=True)
    qualities = args.qualities.split(",")
    earlier: dict[tuple[str, str], dict[str, Any]] = {}
    if args.rows_from is not None:
        earlier = {
            (r["scene"], r["quality"]): r for r in json.loads(args.rows_from.read_text())["scenes"]
        }
    wanted = [(name, quality) for quality in qualities for name in scenes]
    if ("LinearMap", "low") not in wanted:
        wanted.append(("LinearMap", "low"))  # the point-cloud target's reference
    try:
        rows = []
        for name, quality in wanted:
            if (name, quality) in earlier:
                rows.append(earlier[(name, quality)])
                continue
            row = bench_scene(name, quality, work)
            rows.append(row)
            # Written after every row, so an interrupted run still leaves its figures.
            partial = {"machine": machine(), "scenes": rows, "complete": False}
            Path(args.out).write_text(json.dumps(partial, indent=2) + "\n")
            print(
                f"{name:<22} {quality:<5} {row['fps']:6.1f} fps  "
                f"{row['ratio_to_encode_only']:.2f} of encode-only  "
                f"{row['speedup_vs_plain_manim']:.2f}x plain manim  "
                f"{row['peak_rss_mb']:.0f} MB",
                flush=True,
            )
        results: dict[str, Any] = {"machine": machine(), "scenes": rows, "complete": True}
        if args.rows_from is not None:
            results["rows_from"] = {
                "file": str(args.rows_from),
                "reused": sum(1 for key in wanted if key in earlier),
            }
        results["encoder_settings"] = encoder_settings(work)
        clouds = point_clouds(work)
        lm_low = next(
            (r["fps"] for r in rows if r["scene"] == "LinearMap" and r["quality"] == "low"), None
        )
        results["point_cloud"] = {"fps_by_points": clouds, "linear_map_low_fps": lm_low}
        if not args.no_gallery:
            results["gallery"] = gallery(
                scenes,
                rows,
                work,
                noop=not args.no_noop,
                plain_in_run=any((s, "high") in earlier for s in scenes),
            )
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps({k: v for k, v in results.items() if k != "scenes"}, indent=2))
        print()
        print(report(results))  # the README's performance table
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
