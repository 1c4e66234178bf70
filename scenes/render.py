"""The render driver: plan renders, skip the unchanged ones, render the rest in parallel.

Planning (:func:`plan`) validates every parameter before anything is written. Each
render runs in a worker process that imports Manim once and is reused; it renders into
a temporary folder inside the output folder and then moves the video, the poster and
the JSON sidecar into place with :func:`os.replace`, the sidecar last. An interrupted
or failed render therefore leaves the previous good files where they were.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import importlib
import importlib.metadata
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from scenes import captions, catalog, outputs, presets
from scenes.kit.palettes import DEFAULT_THEME, THEMES
from scenes.parameters import ParamError, build, params_hash, parse_assignments, to_plain
from scenes.sweeps import expand

PROJECT_DIR = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (PROJECT_DIR / "scenes", PROJECT_DIR / "mlmath_viz")


@dataclass(frozen=True)
class Quality:
    """One of Manim's quality presets."""

    name: str
    width: int
    height: int
    fps: int


QUALITIES: dict[str, Quality] = {
    q.name: q
    for q in (
        Quality("low", 854, 480, 15),
        Quality("medium", 1280, 720, 30),
        Quality("high", 1920, 1080, 60),
        Quality("4k", 3840, 2160, 60),
    )
}


#: ``--format`` choices besides the MP4 every render makes, and the file or folder each
#: writes next to it (``<stem><suffix>``).
EXTRA_FORMATS: dict[str, str] = {"webm": ".webm", "gif": ".gif", "png-sequence": ".frames"}
FORMATS = ("mp4", *EXTRA_FORMATS)
SECTIONS_SUFFIX = ".sections"
#: A GIF is for a web page: at most this wide and this many frames per second.
GIF_MAX_WIDTH = 640
GIF_MAX_FPS = 15


@dataclass(frozen=True)
class RenderJob:
    """One video to make: a scene, its resolved parameters, and where it goes."""

    scene: str
    stem: str
    preset: str | None
    params: dict[str, Any]  # resolved, plain JSON types
    quality: str
    out_dir: str
    input_hash: str
    command: str
    theme: str = DEFAULT_THEME
    #: Outputs besides the MP4, poster, captions and sidecar (see :data:`EXTRA_FORMATS`).
    formats: tuple[str, ...] = ()
    transparent: bool = False  # webm and png-sequence with an alpha channel
    sections: bool = False  # one clip per beat in <stem>.sections/
    #: A sweep declared in scenes.toml: its name and this render's swept values.
    sweep: str | None = None
    sweep_values: dict[str, Any] | None = None

    @property
    def target_dir(self) -> Path:
        """``DIR/<quality>``."""
        return Path(self.out_dir) / self.quality

    def outputs(self) -> tuple[Path, Path, Path]:
        """The video, poster and sidecar paths."""
        base = self.target_dir / self.stem
        return base.with_suffix(".mp4"), base.with_suffix(".png"), base.with_suffix(".json")

    def extra_outputs(self) -> list[Path]:
        """The files and folders asked for on top of :meth:`outputs`."""
        names = [EXTRA_FORMATS[f] for f in self.formats]
        if self.sections:
            names.append(SECTIONS_SUFFIX)
        return [self.target_dir / f"{self.stem}{suffix}" for suffix in names]


@dataclass(frozen=True)
class RenderResult:
    """What happened to one job."""

    stem: str
    status: str  # "rendered", "skipped" or "failed"
    seconds: float
    error: str = ""


def manim_version() -> str:
    """Installed Manim version, read without importing Manim."""
    return importlib.metadata.version("manim")


StatKey = tuple[str, int, int]


def _stat_key(path: Path) -> StatKey:
    """A file's identity for the caches below: path, modification time and size."""
    st = path.stat()
    return str(path), st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=256)
def _direct_topic_imports(key: StatKey) -> frozenset[Path]:
    """Topic modules the file ``key`` names in its import statements (parsed once)."""
    import ast

    topics = {e.path for e in catalog.SCENES}
    found = set()
    for node in ast.walk(ast.parse(Path(key[0]).read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            candidate = PROJECT_DIR / (name.replace(".", "/") + ".py")
            if name.startswith("scenes.") and candidate in topics:
                found.add(candidate)
    return frozenset(found)


def _imported_topics(path: Path, seen: set[Path] | None = None) -> set[Path]:
    """Topic modules that ``path`` imports, directly or through other topic modules."""
    seen = set() if seen is None else seen
    for candidate in _direct_topic_imports(_stat_key(path)):
        if candidate not in seen:
            seen.add(candidate)
            _imported_topics(candidate, seen)
    return seen


def _source_files(entry: catalog.SceneEntry) -> list[Path]:
    """Sources a scene's pictures depend on: its module, the topic modules it imports,
    the shared scene modules and all of mlmath_viz.

    Other topics' scene modules are left out, so editing one topic does not re-render
    every other scene.
    """
    needed = {entry.path} | _imported_topics(entry.path)
    other_topics = {e.path for e in catalog.SCENES} - needed
    files = []
    for root in SOURCE_DIRS:
        files.extend(p for p in root.rglob("*.py") if p not in other_topics)
    files.append(PROJECT_DIR / "manim.cfg")
    return sorted(f for f in files if f.exists())


@functools.lru_cache(maxsize=64)
def _sources_digest(files: tuple[StatKey, ...]) -> Any:
    """SHA-256 state after every source file's path and bytes, in order (read once per
    set of file versions: a gallery has many renders of few scenes)."""
    digest = hashlib.sha256()
    for name, _, _ in files:
        path = Path(name)
        digest.update(str(path.relative_to(PROJECT_DIR)).encode())
        digest.update(path.read_bytes())
    return digest


def input_hash(entry: catalog.SceneEntry, params: dict[str, Any], quality: str) -> str:
    """SHA-256 of everything that decides a render's output."""
    files = tuple(_stat_key(path) for path in _source_files(entry))
    digest = _sources_digest(files).copy()
    digest.update(json.dumps(params, sort_keys=True).encode())
    digest.update(f"{entry.name}|{quality}|manim {manim_version()}".encode())
    return digest.hexdigest()


def _command(
    scene: str,
    preset: str | None,
    sets: Sequence[str],
    quality: str,
    sweep_name: str | None = None,
) -> str:
    """The ``make render`` line that makes this render again."""
    parts = [f"make render SCENE={scene}"]
    if preset:
        parts.append(f"PRESET={preset}")
    if sweep_name:
        parts.append(f"SWEEP_NAME={sweep_name}")
    if sets:
        parts.append("SET=" + json.dumps(" ".join(sets)))
    if quality != "high":
        parts.append(f"QUALITY={quality}")
    return " ".join(parts)


def plan(
    names: Sequence[str],
    *,
    quality: str = "high",
    sets: Sequence[str] = (),
    preset: str | None = None,
    out_dir: str = "renders",
    presets_file: Path = presets.PRESETS_FILE,
    sweeps: Sequence[str] = (),
    sweep_name: str | None = None,
) -> list[RenderJob]:
    """Resolve and validate every render asked for; raise :class:`ParamError` if any is bad.

    With no names, every scene's default, every preset and every point of every sweep
    declared in ``scenes.toml``. With ``sweeps`` (one scene only), one render per point
    of the sweep's grid; with ``sweep_name`` (one scene only), the sweep of that name
    declared in ``scenes.toml``.
    """
    if quality not in QUALITIES:
        raise ParamError(f"render: --quality got {quality!r}; allowed: {', '.join(QUALITIES)}")
    all_presets, declared = presets.load_all(presets_file)
    if sweep_name is not None:
        if len(names) != 1 or sets or preset or sweeps:
            raise ParamError(
                "render: --sweep-name needs exactly one scene name and no --set, --preset "
                "or --sweep"
            )
        if names[0] not in catalog.BY_NAME:
            raise ParamError(
                f"render: unknown scene {names[0]!r}; scenes: {', '.join(catalog.BY_NAME)}"
            )
        known = declared.get(names[0], {})
        if sweep_name not in known:
            raise ParamError(
                f"{names[0]}: unknown sweep {sweep_name!r}; sweeps in {presets_file.name}: "
                + (", ".join(known) or "none")
            )
        return _declared_sweep_jobs(known[sweep_name], quality, out_dir)
    wanted: list[tuple[str, str | None]] = []
    if not names:
        if sets or preset or sweeps:
            raise ParamError(
                "render: --set, --preset and --sweep need a scene name, e.g. LinearMap"
            )
        for entry in catalog.SCENES:
            wanted.append((entry.name, None))
            wanted.extend((entry.name, p) for p in all_presets.get(entry.name, {}))
    else:
        for name in dict.fromkeys(names):
            if name not in catalog.BY_NAME:
                raise ParamError(
                    f"render: unknown scene {name!r}; scenes: {', '.join(catalog.BY_NAME)}"
                )
            if preset is not None and preset not in all_presets.get(name, {}):
                known = ", ".join(all_presets.get(name, {})) or "none"
                raise ParamError(f"{name}: unknown preset {preset!r}; presets: {known}")
            wanted.append((name, preset))

    if sweeps and len(wanted) != 1:
        raise ParamError("render: --sweep needs exactly one scene name")
    variants: list[tuple[str, str | None, list[str]]] = []
    for name, preset_name in wanted:
        if not sweeps:
            variants.append((name, preset_name, list(sets)))
            continue
        grid = expand(name, catalog.BY_NAME[name].params_type, sweeps)
        for point in grid:
            extra = [f"{k}={v}" for k, v in point.items()]
            variants.append((name, preset_name, [*sets, *extra]))

    jobs = []
    for name, preset_name, variant_sets in variants:
        entry = catalog.BY_NAME[name]
        overrides: dict[str, Any] = {}
        if preset_name is not None:
            overrides.update(all_presets[name][preset_name])
        overrides.update(parse_assignments(name, variant_sets))
        source = f"preset '{preset_name}'" if preset_name and not variant_sets else ""
        params = to_plain(build(name, entry.params_type, overrides, source=source))
        if variant_sets:
            stem = f"{name}--{params_hash(params)}"
        elif preset_name:
            stem = f"{name}--{preset_name}"
        else:
            stem = name
        jobs.append(
            RenderJob(
                scene=name,
                stem=stem,
                preset=preset_name,
                params=params,
                quality=quality,
                out_dir=out_dir,
                input_hash=input_hash(entry, params, quality),
                command=_command(name, preset_name, variant_sets, quality),
            )
        )
    if not names:
        for entry in catalog.SCENES:
            for declared_sweep in declared.get(entry.name, {}).values():
                jobs.extend(_declared_sweep_jobs(declared_sweep, quality, out_dir))
    return jobs


def _declared_sweep_jobs(sweep: presets.Sweep, quality: str, out_dir: str) -> list[RenderJob]:
    """One job per point of a sweep declared in scenes.toml, ``<Scene>--<sweep>--<hash>``.

    The sweep's name and swept values are part of the input hash, so the sidecar always
    says which sweep it belongs to.
    """
    entry = catalog.BY_NAME[sweep.scene]
    jobs = []
    for point in sweep.points:
        overrides = {**sweep.fixed, **point}
        source = f"sweep '{sweep.name}'"
        params = to_plain(build(sweep.scene, entry.params_type, overrides, source=source))
        values = {k: params[k] for k in point}
        membership = json.dumps({"sweep": sweep.name, "values": values}, sort_keys=True)
        digest = input_hash(entry, params, quality) + "|" + membership
        jobs.append(
            RenderJob(
                scene=sweep.scene,
                stem=f"{sweep.scene}--{sweep.name}--{params_hash(params)}",
                preset=None,
                params=params,
                quality=quality,
                out_dir=out_dir,
                input_hash=hashlib.sha256(digest.encode()).hexdigest(),
                command=_command(sweep.scene, None, (), quality, sweep_name=sweep.name),
                sweep=sweep.name,
                sweep_values=values,
            )
        )
    return jobs


def with_outputs(
    jobs: Sequence[RenderJob],
    *,
    theme: str = DEFAULT_THEME,
    formats: Sequence[str] = (),
    transparent: bool = False,
    sections: bool = False,
) -> list[RenderJob]:
    """The same renders in another theme and with extra outputs; :class:`ParamError` if bad.

    A non-default theme is part of the name (``<stem>--light``) and of the input hash.
    The extra formats and per-beat sections are not: they are more files of the same
    picture, so asking for them re-renders only when they are missing.
    """
    if theme not in THEMES:
        raise ParamError(f"render: --theme got {theme!r}; allowed: {', '.join(THEMES)}")
    for name in formats:
        if name not in FORMATS:
            raise ParamError(f"render: --format got {name!r}; allowed: {', '.join(FORMATS)}")
    extras = tuple(dict.fromkeys(f for f in formats if f != "mp4"))
    if transparent and not {"webm", "png-sequence"} & set(extras):
        raise ParamError(
            "render: --transparent needs --format webm or --format png-sequence "
            "(MP4 and GIF have no alpha channel)"
        )
    out = []
    for job in jobs:
        stem, digest, command = job.stem, job.input_hash, job.command
        if theme != DEFAULT_THEME:
            stem = f"{stem}--{theme}"
            digest = hashlib.sha256(f"{digest}|theme {theme}".encode()).hexdigest()
            command += f" THEME={theme}"
        if extras:
            command += " FORMAT=" + (
                extras[0] if len(extras) == 1 else json.dumps(" ".join(extras))
            )
        if transparent:
            command += " TRANSPARENT=1"
        if sections:
            command += " SECTIONS=1"
        out.append(
            replace(
                job,
                stem=stem,
                input_hash=digest,
                command=command,
                theme=theme,
                formats=extras,
                transparent=transparent,
                sections=sections,
            )
        )
    return out


def is_up_to_date(job: RenderJob) -> bool:
    """True when all three outputs exist and the sidecar records the same inputs."""
    mp4, png, sidecar = job.outputs()
    if not all(p.exists() for p in (mp4, png, sidecar, *job.extra_outputs())):
        return False
    try:
        recorded = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if job.transparent and not recorded.get("transparent", False):
        return False  # the webm or frames there are opaque
    return bool(recorded.get("input_hash") == job.input_hash)


#: Which worker this process is (0 in the main process); names its LaTeX cache folder.
_WORKER_SLOT = 0


def _init_worker(counter: Any) -> None:
    """Pool initializer: give this worker process the next free slot number."""
    global _WORKER_SLOT
    with counter.get_lock():
        _WORKER_SLOT = int(counter.value)
        counter.value += 1


def manim_config(job: RenderJob, media_dir: Path) -> dict[str, Any]:
    """Manim settings for one render, given as a ``tempconfig`` dictionary."""
    q = QUALITIES[job.quality]
    # One LaTeX/text cache per worker slot, kept between runs: Manim deletes the
    # intermediate files of its folder after each compile, which breaks another process
    # compiling in the same folder at the same time.
    cache = Path(job.out_dir) / ".cache" / f"worker-{_WORKER_SLOT}"
    return {
        "media_dir": str(media_dir),
        "tex_dir": str(cache / "tex"),  # each formula compiles once per worker, then is reused
        "text_dir": str(cache / "texts"),
        "pixel_width": q.width,
        "pixel_height": q.height,
        "frame_rate": q.fps,
        "write_to_movie": True,
        "save_last_frame": False,
        "format": "mp4",
        "output_file": job.stem,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "preview": False,
        "notify_outdated_version": False,
        # A bounded frame queue to the encoder: with one encoder Manim's queue is
        # unbounded, and a scene that draws faster than x264 encodes piled up 1.3 to
        # 1.5 GB of 1080p frames (LearningRates). Two encoders with 8 frames each keep
        # a render near 0.6 GB at the same speed (bench, README "Performance").
        "max_inflight_encoders": 2,
        "encoder_queue_size": 8,
    }


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
    scene_class = getattr(importlib.import_module(entry.module), entry.name)
    q = QUALITIES[job.quality]
    media = staging / "media"
    settings = manim_config(job, media)
    settings["save_sections"] = job.sections
    with theme(job.theme), tempconfig(settings):
        scene = scene_class(params=params)
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
            again = scene_class(params=params)
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
    staging = staging_folder(job)
    try:
        install(job, staging, produce(job, staging))
    finally:
        # Only this render's folder: the shared .tmp is removed by run() once all
        # workers are done (removing it here could race another worker's mkdtemp).
        shutil.rmtree(staging, ignore_errors=True)
    return RenderResult(job.stem, "rendered", time.monotonic() - started)


def _remove_empty_staging(jobs: Iterable[RenderJob]) -> None:
    for out_dir in {job.out_dir for job in jobs}:
        try:
            (Path(out_dir) / ".tmp").rmdir()
        except OSError:
            pass  # absent, or another render is still using it


def _render_safely(job: RenderJob) -> RenderResult:
    started = time.monotonic()
    try:
        return render_job(job)
    except Exception as err:  # one bad render must not stop the others
        message = f"{type(err).__name__}: {err}".splitlines()[0]
        return RenderResult(job.stem, "failed", time.monotonic() - started, message)


class Progress:
    """One overall progress bar on a terminal; plain lines otherwise."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.started = time.monotonic()
        self.tty = stream.isatty()

    def update(self, result: RenderResult) -> None:
        self.done += 1
        elapsed = time.monotonic() - self.started
        what = f"{result.stem}: {result.status} in {result.seconds:.1f}s"
        if result.error:
            what += f" ({result.error})"
        if self.tty:
            width = 24
            filled = round(width * self.done / max(1, self.total))
            bar = "#" * filled + "-" * (width - filled)
            line = f"[{bar}] {self.done}/{self.total} {elapsed:5.1f}s  {what}"
            end = "\n" if self.done == self.total or result.status == "failed" else ""
            self.stream.write("\r\033[K" + line + end)
        else:
            self.stream.write(f"[{self.done}/{self.total}] {elapsed:.1f}s {what}\n")
        self.stream.flush()


def run(
    jobs: Sequence[RenderJob],
    *,
    n_jobs: int,
    force: bool = False,
    stream: TextIO = sys.stderr,
    cluster: str | None = None,
    shared_out: str | None = None,
) -> list[RenderResult]:
    """Render ``jobs`` (skipping the up-to-date ones unless ``force``) on ``n_jobs`` workers.

    With ``cluster`` (a Dask scheduler, ``tcp://HOST:PORT``) the renders are tasks on
    that cluster instead (see :mod:`scenes.cluster`); it is connected to before anything
    else, and :class:`ParamError` says so if no scheduler answers.
    """
    try:
        if cluster is None:
            return _run(jobs, n_jobs=n_jobs, force=force, stream=stream)
        from scenes import cluster as dask_cluster

        with dask_cluster.connect(cluster) as client:

            def on_cluster(todo: Sequence[RenderJob]) -> Iterable[RenderResult]:
                return dask_cluster.render_all(client, todo, shared_out=shared_out)

            return _run(jobs, n_jobs=n_jobs, force=force, stream=stream, executor=on_cluster)
    finally:
        _remove_empty_staging(jobs)


def _run(
    jobs: Sequence[RenderJob],
    *,
    n_jobs: int,
    force: bool,
    stream: TextIO,
    executor: Callable[[Sequence[RenderJob]], Iterable[RenderResult]] | None = None,
) -> list[RenderResult]:
    progress = Progress(len(jobs), stream)
    results: list[RenderResult] = []
    todo = []
    for job in jobs:
        if not force and is_up_to_date(job):
            result = RenderResult(job.stem, "skipped", 0.0)
            results.append(result)
            progress.update(result)
        else:
            todo.append(job)
    if not todo:
        return results
    if executor is not None:  # e.g. a Dask cluster: results as they finish
        for result in executor(todo):
            results.append(result)
            progress.update(result)
        return results
    workers = max(1, min(n_jobs, len(todo)))
    if workers == 1:
        for job in todo:
            result = _render_safely(job)
            results.append(result)
            progress.update(result)
        return results
    context = multiprocessing.get_context("spawn")
    slots = context.Value("i", 0)
    with concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(slots,)
    ) as pool:
        futures = [pool.submit(_render_safely, job) for job in _longest_first(todo)]
        try:
            for future in concurrent.futures.as_completed(futures):
                result = future.result()
                results.append(result)
                progress.update(result)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return results


def _expected_seconds(job: RenderJob) -> float:
    """How long this render took last time (from its sidecar), else a rough guess.

    Unknown renders count as long, so they start early rather than last.
    """
    _, _, sidecar = job.outputs()
    try:
        return float(json.loads(sidecar.read_text(encoding="utf-8"))["render_seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        q = QUALITIES[job.quality]
        return 1e6 + q.width * q.height * q.fps


def _longest_first(jobs: Iterable[RenderJob]) -> list[RenderJob]:
    """Longest renders first, so parallel workers finish at about the same time."""
    return sorted(jobs, key=_expected_seconds, reverse=True)
