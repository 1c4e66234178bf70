"""Rendering one job: in the process that calls it, a pool worker or a Dask worker.

:func:`produce` renders a job into a staging folder and returns the files it made;
:func:`install` moves them into place with :func:`os.replace`, the sidecar last, so an
interrupted or failed render leaves the previous good files where they were. The
pipeline builds each scene with its own renderer (:func:`new_scene`): Manim's Cairo
renderer with the faster encoder settings of :mod:`scenes.pipeline.encoding`.
"""

from __future__ import annotations

import errno
import json
import multiprocessing.util
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.kit.config import manim_settings
from scenes.parameters import build
from scenes.pipeline import captions, outputs
from scenes.pipeline.jobs import (
    EXTRA_FORMATS,
    GIF_MAX_FPS,
    GIF_MAX_WIDTH,
    QUALITIES,
    SECTIONS_SUFFIX,
    RenderJob,
    RenderResult,
    manim_version,
)
from scenes.pipeline.lock import (
    ENCODE_RESERVE_BYTES,
    MIN_FREE_BYTES,
    check_free_space,
    describe_os_error,
)

#: Which worker this process is (0 in the main process); names its LaTeX cache folder.
_WORKER_SLOT = 0
#: Whether this process is a pool worker (set by :func:`init_worker`).
_IN_POOL = False


def init_worker(counter: Any) -> None:
    """Pool initializer: give this worker process the next free slot number, and make
    SIGTERM (sent by the driver when it is interrupted) end the render under way as an
    exception, so its scratch is removed and the worker leaves the pool cleanly."""
    global _WORKER_SLOT, _IN_POOL
    _IN_POOL = True
    with counter.get_lock():
        _WORKER_SLOT = int(counter.value)
        counter.value += 1
    signal.signal(signal.SIGTERM, _stop_render)


class _Stopped(SystemExit):
    """The driver's SIGTERM in a pool worker (:func:`_stop_render`)."""


def _stop_render(signum: int, frame: object) -> None:
    raise _Stopped(128 + signum)


def manim_config(job: RenderJob, media_dir: Path) -> dict[str, Any]:
    """Manim settings for one render, given as a ``tempconfig`` dictionary."""
    q = QUALITIES[job.quality]
    # One LaTeX/text cache per worker slot, kept between runs: Manim deletes the
    # intermediate files of its folder after each compile, which breaks another process
    # compiling in the same folder at the same time. Each formula compiles once per
    # worker, then is reused.
    cache = Path(job.out_dir) / ".cache" / f"worker-{_WORKER_SLOT}"
    return manim_settings(
        media_dir=media_dir,
        cache_dir=cache,
        pixel_width=q.width,
        pixel_height=q.height,
        frame_rate=q.fps,
        write_to_movie=True,
        format="mp4",
        output_file=job.stem,
        verbosity="WARNING",
        # A bounded frame queue to the encoder: with one encoder Manim's queue is
        # unbounded, and a scene that draws faster than x264 encodes piled up 1.3 to
        # 1.5 GB of 1080p frames (LearningRates). Two encoders with 8 frames each keep
        # a render near 0.6 GB at the same speed (bench, README "Performance").
        max_inflight_encoders=2,
        encoder_queue_size=8,
    )


def new_scene(scene_class: type[Any], **kwargs: Any) -> Any:
    """``scene_class(**kwargs)`` with the pipeline's renderer: Manim's Cairo renderer
    with :class:`~scenes.pipeline.encoding.FastFileWriter`, and the 3-D camera for a
    ``ThreeDScene``. Call it inside ``tempconfig``: the renderer reads the settings."""
    from manim import Camera, ThreeDCamera, ThreeDScene
    from manim.renderer.cairo_renderer import CairoRenderer

    from scenes.pipeline.encoding import FastFileWriter

    camera_class = ThreeDCamera if issubclass(scene_class, ThreeDScene) else Camera
    renderer = CairoRenderer(camera_class=camera_class, file_writer_class=FastFileWriter)
    return scene_class(renderer=renderer, **kwargs)


def produce(job: RenderJob, staging: Path) -> list[Path]:
    """Render one job into ``staging`` and return the files made, named as installed.

    Paths are relative to ``staging``; the sidecar comes last. Nothing outside
    ``staging`` is touched, so this is what a remote worker runs too. A WebM or a PNG
    sequence (``--format``) is a second pass of the same scene, so it can carry an alpha
    channel (``--transparent``); the GIF is made from the MP4.
    """
    started = time.monotonic()
    from manim import tempconfig
    from PIL import Image

    from scenes.kit.style import theme

    entry = catalog.BY_NAME[job.scene]
    params = build(job.scene, entry.params_type, job.params)
    scene_class = entry.scene_class()
    q = QUALITIES[job.quality]
    media = staging / "media"
    settings = manim_config(job, media)
    settings["save_sections"] = job.sections
    with theme(job.theme), tempconfig(settings):
        scene = new_scene(scene_class, params=params)
        scene.render()
        writer = scene.renderer.file_writer
        movie = Path(writer.movie_file_path)
        sections_dir = Path(writer.sections_output_dir)
        frame = scene.renderer.get_frame()
        duration = float(scene.renderer.time)
    if not movie.exists():
        raise RuntimeError(f"Manim wrote no video for {job.stem}")
    made: list[Path] = []
    poster = Path(f"{job.stem}.png")
    Image.fromarray(frame).convert("RGB").save(staging / poster)
    made.append(poster)
    video = Path(f"{job.stem}.mp4")
    needed = movie.stat().st_size + ENCODE_RESERVE_BYTES
    check_free_space(staging, needed, "the web-ready copy")  # PyAV crashes on a full disk
    outputs.faststart(movie, staging / video)
    made.append(video)
    beats = scene.beats_json()
    for name, text in (
        (f"{job.stem}.srt", captions.to_srt(beats)),
        (f"{job.stem}.vtt", captions.to_vtt(beats)),
    ):
        (staging / name).write_text(text, encoding="utf-8")
        made.append(Path(name))
    extra: dict[str, Any] = {}
    if job.sections:
        folder = Path(f"{job.stem}{SECTIONS_SUFFIX}")
        extra["sections"] = outputs.collect_sections(
            sections_dir, f"{job.stem}.json", staging / folder, beats
        )
        made.append(folder)
    if "gif" in job.formats:
        gif = Path(f"{job.stem}.gif")
        outputs.to_gif(staging / video, staging / gif, max_width=GIF_MAX_WIDTH, max_fps=GIF_MAX_FPS)
        made.append(gif)
    for fmt in ("webm", "png-sequence"):
        if fmt not in job.formats:
            continue
        pass_media = staging / f"media-{fmt}"
        second = manim_config(job, pass_media)
        second.update(transparent=job.transparent, format="webm" if fmt == "webm" else "png")
        second["verbosity"] = "ERROR"  # not Manim's notes on the format it picked
        if fmt == "png-sequence":
            second["write_to_movie"] = False
        with theme(job.theme), tempconfig(second):
            again = new_scene(scene_class, params=params)
            again.render()
            writer = again.renderer.file_writer
            pass_movie = Path(getattr(writer, "movie_file_path", pass_media / "none"))
        target = Path(f"{job.stem}{EXTRA_FORMATS[fmt]}")
        if fmt == "webm":
            if not pass_movie.exists():
                raise RuntimeError(f"Manim wrote no WebM for {job.stem}")
            os.replace(pass_movie, staging / target)
        else:
            extra["frames"] = outputs.collect_frames(pass_media / "images", staging / target)
        made.append(target)
    sidecar_data = {
        "scene": job.scene,
        "params": job.params,
        "quality": job.quality,
        "width": q.width,
        "height": q.height,
        "fps": q.fps,
        "duration_s": duration,
        "manim_version": manim_version(),
        "data": scene.data,
        # Where a data scene's rows came from (path, sha256, rows, rows_dropped, columns);
        # null for the other scenes.
        "data_source": (scene.data or {}).get("data_source")
        if isinstance(scene.data, dict)
        else None,
        "title": entry.title,
        "description": entry.description,
        "preset": job.preset,
        "sweep": job.sweep,
        "sweep_values": job.sweep_values,
        "stem": job.stem,
        "beats": beats,
        "command": job.command,
        "input_hash": job.input_hash,
        "render_seconds": round(time.monotonic() - started, 2),
        "theme": job.theme,
        "transparent": job.transparent,
        **extra,
        "files": [str(p) for p in made] + [f"{job.stem}.json"],
    }
    sidecar = Path(f"{job.stem}.json")
    (staging / sidecar).write_text(json.dumps(sidecar_data, indent=2) + "\n", encoding="utf-8")
    made.append(sidecar)  # last: its input_hash marks the set complete
    return made


def move_into(target_dir: Path, staging: Path, relatives: Sequence[Path]) -> None:
    """Move each of ``relatives`` from ``staging`` into ``target_dir``, in order.

    Each move is one :func:`os.replace` on the same file system, so a reader sees the
    old file or the new one, never half of either; a folder replaces the old folder of
    the same name (the old one is moved aside into ``staging`` first).
    """
    target_dir.mkdir(parents=True, exist_ok=True)
    for relative in relatives:
        source, target = staging / relative, target_dir / relative
        if source.is_dir():
            old = staging / f"{relative.name}.old"
            if target.exists():
                os.replace(target, old)
            os.replace(source, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(source, target)


def install(job: RenderJob, staging: Path, made: Sequence[Path]) -> None:
    """Move ``made`` (relative to ``staging``) into ``job.target_dir`` with :func:`move_into`.

    Extra outputs of an earlier render that this one did not make (a WebM,
    GIF, frames or sections of an older picture) are removed before the sidecar, which
    is moved last.
    """
    *files, sidecar = made
    move_into(job.target_dir, staging, files)
    kept = {job.target_dir / relative for relative in files}
    for suffix in (*EXTRA_FORMATS.values(), SECTIONS_SUFFIX):
        stale = job.target_dir / f"{job.stem}{suffix}"
        if stale not in kept:
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
    os.replace(staging / sidecar, job.target_dir / sidecar)


def staging_folder(job: RenderJob) -> Path:
    """A fresh folder for one render inside ``DIR/.tmp`` (same file system as the target)."""
    staging_root = Path(job.out_dir) / ".tmp"
    staging_root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{job.stem}-", dir=staging_root))


def render_job(job: RenderJob) -> RenderResult:
    """Render one job in this process and move its files into place atomically."""
    started = time.monotonic()
    check_free_space(Path(job.out_dir), MIN_FREE_BYTES[job.quality], f"a {job.quality} render")
    staging = staging_folder(job)
    try:
        install(job, staging, produce(job, staging))
    finally:
        # Only this render's folder: the shared .tmp is removed by run() once all
        # workers are done (removing it here could race another worker's mkdtemp).
        shutil.rmtree(staging, ignore_errors=True)
    return RenderResult(job.stem, "rendered", time.monotonic() - started)


def render_safely(job: RenderJob) -> RenderResult:
    started = time.monotonic()
    try:
        return render_job(job)
    except _Stopped as stop:
        if not _IN_POOL:
            raise
        # The driver's SIGTERM (_stop_render), after render_job's own cleanup: end the
        # worker now. Handed back to the pool, the exception would be reported as this
        # job's result and the process would wait for more work, never ending. The
        # process's finalizers run first, as at a worker's normal exit, so that the locks
        # it made (tqdm's) are released, not reported leaked.
        multiprocessing.util._exit_function()  # type: ignore[attr-defined]
        os._exit(stop.code if isinstance(stop.code, int) else 1)
    except Exception as err:  # one bad render must not stop the others
        if isinstance(err, OSError) and err.errno == errno.ENOSPC:  # named by its folder
            message = describe_os_error(err, job.out_dir).replace(str(err.filename), job.out_dir)
        elif isinstance(err, OSError) and err.strerror:  # a read-only folder, a long name
            message = describe_os_error(err)
        else:
            message = f"{type(err).__name__}: {err}".splitlines()[0]
        return RenderResult(job.stem, "failed", time.monotonic() - started, message)
