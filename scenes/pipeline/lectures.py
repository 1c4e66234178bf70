"""Lectures: several clips and title cards, in order, as one video, captions, chapters,
a deck and a handout.

A lecture is declared in ``lectures.toml`` at the repository root::

    [eigen]
    title = "Eigenvectors and diagonalisation"
    clips = [
      { card = "Why do some directions stay put?", seconds = 3 },
      "LinearMap--shear",
      "Eigenvectors--shear",
      { scene = "GradientDescent", set = { lr = 0.3 } },
    ]

Each entry of ``clips`` is a render stem as the gallery names it (``Scene`` or
``Scene--preset``), an inline table ``{ scene = ..., preset = ..., set = {...} }``, or a
title card ``{ card = "...", seconds = 3 }``. :func:`load` reads and validates the whole
file before anything is rendered (bad input: :class:`ParamError`, one line naming the
lecture and the entry). The clips are planned with :func:`scenes.pipeline.plan.plan`,
so they are the same renders, with the same stems, folders and cache keys, as
``python -m scenes render`` makes.

:func:`build` renders the missing or stale clips (as ``render`` would), then writes, in
``DIR/lectures/<quality>/`` (``<name>--light.*`` in the light theme):

- ``<name>.mp4``: the clips and cards joined into one H.264 file (packets copied where
  the codec parameters match, which they do for clips and cards of one quality; else
  re-encoded), with one MP4 chapter per clip and card, index at the front;
- ``<name>.srt``, ``<name>.vtt``: every clip's captions shifted to its place;
- ``<name>.chapters.vtt``: a WebVTT chapters track;
- ``<name>.html`` with ``<name>_assets/``: a reveal.js deck, one slide per beat and card
  (:mod:`scenes.pipeline.lecture_deck`);
- ``<name>.pdf``: a handout (:mod:`scenes.pipeline.handout`);
- ``<name>.json``: the sidecar, written last.

Everything is built in ``DIR/.tmp/`` and moved into place only when complete; a
lecture whose declaration and clips' cache keys are unchanged is skipped.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from scenes import catalog, presets
from scenes.kit.palettes import DEFAULT_THEME
from scenes.parameters import ParamError
from scenes.parameters import build as build_params
from scenes.pipeline import captions, plan
from scenes.pipeline.jobs import QUALITIES, RenderJob, manim_version

LECTURES_FILE = Path(__file__).resolve().parent.parent.parent / "lectures.toml"
#: Lecture names: as preset names (they become file names).
NAME_CHARS = presets.PRESET_NAME_CHARS
LECTURE_KEYS = ("title", "clips")
CLIP_KEYS = ("scene", "preset", "set")
CARD_KEYS = ("card", "seconds")
CARD_SECONDS = 3.0
CARD_SECONDS_RANGE = (1.0, 30.0)
CARD_MAX_CHARS = 120
#: Bump when what a lecture build writes changes, so earlier builds are rebuilt.
LECTURE_FORMAT = 1
#: The folder under ``--out``.
LECTURES_DIR = "lectures"


@dataclass(frozen=True)
class Card:
    """A title card: a sentence on the screen for ``seconds``."""

    text: str
    seconds: float


@dataclass(frozen=True)
class Clip:
    """A render in a lecture, as planned by :func:`scenes.pipeline.plan.plan`."""

    job: RenderJob
    #: The parameters the entry sets, as ``key=value`` (empty for a stem or a preset).
    sets: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The scene's title, and the preset's name (or the values set) after it."""
        base = catalog.BY_NAME[self.job.scene].title
        if self.sets:
            return f"{base} ({', '.join(self.sets)})"
        if self.job.preset:
            return f"{base} ({self.job.preset})"
        return base


Entry = Clip | Card


@dataclass(frozen=True)
class Lecture:
    """One ``[name]`` table of ``lectures.toml``, its clips planned for one quality and
    theme."""

    name: str
    title: str
    entries: tuple[Entry, ...]
    quality: str
    theme: str
    out_dir: str
    #: The declaration as written (plain TOML values), part of the lecture's hash.
    declaration: dict[str, Any]

    @property
    def stem(self) -> str:
        """The file names' stem: ``<name>``, ``<name>--light`` in the light theme."""
        return self.name if self.theme == DEFAULT_THEME else f"{self.name}--{self.theme}"

    @property
    def target_dir(self) -> Path:
        return Path(self.out_dir) / LECTURES_DIR / self.quality

    @property
    def clips(self) -> list[Clip]:
        return [e for e in self.entries if isinstance(e, Clip)]

    @property
    def command(self) -> str:
        parts = [f"make lecture NAME={self.name}"]
        if self.quality != "high":
            parts.append(f"QUALITY={self.quality}")
        if self.theme != DEFAULT_THEME:
            parts.append(f"THEME={self.theme}")
        return " ".join(parts)

    def input_hash(self) -> str:
        """The declaration, the clips' cache keys and installed sidecars, the theme and the
        tools' versions."""
        text = json.dumps(
            {
                "format": LECTURE_FORMAT,
                "declaration": self.declaration,
                "clips": [c.job.input_hash for c in self.clips],
                # The installed renders themselves: a clip rendered again (stale, or
                # --force) rebuilds the lecture even if its inputs are the same.
                "renders": [_sidecar_digest(c.job) for c in self.clips],
                "quality": self.quality,
                "theme": self.theme,
                "manim": manim_version(),
                "card": _card_source_hash(),
            },
            sort_keys=True,
        )
        return hashlib.sha256(text.encode()).hexdigest()


def _sidecar_digest(job: RenderJob) -> str:
    """The SHA-256 of a clip's installed sidecar (it changes with every render)."""
    try:
        return hashlib.sha256(job.outputs()[2].read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _card_source_hash() -> str:
    """The title card's and the lecture writers' code: a change there rebuilds lectures."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("lectures.py", "lecture_card.py", "lecture_deck.py", "handout.py"):
        path = here / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _cli_value(value: Any) -> str:
    """A TOML value as ``--set`` would take it: numbers as they are, vectors and
    matrices as comma-separated numbers (row-major), booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        flat: list[Any] = []
        stack = list(value)
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack = [*item, *stack]
            else:
                flat.append(item)
        return ",".join(_cli_value(v) for v in flat)
    return str(value)


def _entry(
    lecture: str,
    index: int,
    raw: Any,
    *,
    quality: str,
    theme: str,
    out_dir: str,
    presets_file: Path,
    all_presets: dict[str, dict[str, Any]],
    source: str,
) -> Entry:
    """Validate and plan one entry of a lecture's ``clips``."""
    where = f"{source}: lecture '{lecture}', entry {index} ({_describe(raw)})"
    scenes_list = ", ".join(catalog.BY_NAME)
    scene: Any
    preset: Any = None
    sets: Any = {}
    if isinstance(raw, str):
        scene, sep, preset = raw.partition("--")
        if not sep:
            preset = None
        if scene not in catalog.BY_NAME:
            raise ParamError(f"{where}: unknown scene {scene!r}; scenes: {scenes_list}")
        if sep and preset not in all_presets.get(scene, {}):
            known = ", ".join(all_presets.get(scene, {})) or "none"
            raise ParamError(
                f"{where}: unknown preset {preset!r} of {scene}; presets: {known} "
                f'(for other values use {{ scene = "{scene}", set = {{ ... }} }})'
            )
    elif isinstance(raw, dict) and "card" in raw:
        unknown = [k for k in raw if k not in CARD_KEYS]
        if unknown:
            raise ParamError(
                f"{where}: unknown key {unknown[0]!r} in a card; allowed: {', '.join(CARD_KEYS)}"
            )
        text = raw["card"]
        if not isinstance(text, str) or not text.strip() or len(text) > CARD_MAX_CHARS:
            raise ParamError(
                f"{where}: card got {text!r}; allowed: a non-empty string of at most "
                f"{CARD_MAX_CHARS} characters"
            )
        seconds = raw.get("seconds", CARD_SECONDS)
        low, high = CARD_SECONDS_RANGE
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not low <= seconds <= high
        ):
            raise ParamError(
                f"{where}: seconds got {seconds!r}; allowed: a number in [{low:g}, {high:g}]"
            )
        return Card(text.strip(), float(seconds))
    elif isinstance(raw, dict):
        unknown = [k for k in raw if k not in CLIP_KEYS]
        if unknown:
            raise ParamError(
                f"{where}: unknown key {unknown[0]!r}; allowed: a stem like "
                f'"LinearMap--shear", {{ {", ".join(CLIP_KEYS)} }} or {{ {", ".join(CARD_KEYS)} }}'
            )
        scene = raw.get("scene")
        if not isinstance(scene, str) or scene not in catalog.BY_NAME:
            raise ParamError(f"{where}: unknown scene {scene!r}; scenes: {scenes_list}")
        preset = raw.get("preset")
        if preset is not None and preset not in all_presets.get(scene, {}):
            known = ", ".join(all_presets.get(scene, {})) or "none"
            raise ParamError(f"{where}: unknown preset {preset!r} of {scene}; presets: {known}")
        sets = raw.get("set", {})
        if not isinstance(sets, dict):
            raise ParamError(
                f"{where}: set got {sets!r}; allowed: a table of parameter values like "
                "{ lr = 0.3 }"
            )
    else:
        raise ParamError(
            f'{where}: allowed: a stem like "LinearMap--shear", {{ scene = ..., set = {{ ... }} }} '
            'or { card = "...", seconds = 3 }'
        )
    assignments = [f"{k}={_cli_value(v)}" for k, v in sets.items()]
    try:
        # The values as written first (a TOML -1 is said as -1), then as render plans them.
        overrides = {**(all_presets[scene][preset] if preset else {}), **sets}
        build_params(scene, catalog.BY_NAME[scene].params_type, overrides)
        jobs = plan.plan(
            [scene],
            quality=quality,
            sets=assignments,
            preset=preset,
            out_dir=out_dir,
            presets_file=presets_file,
        )
        (job,) = plan.with_outputs(jobs, theme=theme)
    except ParamError as err:
        raise ParamError(f"{where}: {err}") from None
    return Clip(job, tuple(a.replace("=", " = ", 1) for a in assignments))


def _describe(raw: Any) -> str:
    """An entry as written, short, for error messages."""
    if isinstance(raw, str):
        return repr(raw)
    text = json.dumps(raw, sort_keys=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def load(
    path: Path = LECTURES_FILE,
    *,
    quality: str = "high",
    theme: str = DEFAULT_THEME,
    out_dir: str = "renders",
    presets_file: Path = presets.PRESETS_FILE,
) -> dict[str, Lecture]:
    """Read and validate every lecture of ``path``; raise :class:`ParamError` if any is bad.

    A missing file means no lectures. Quality and theme are checked as ``render``
    checks them.
    """
    if quality not in QUALITIES:
        raise ParamError(f"lecture: --quality got {quality!r}; allowed: {', '.join(QUALITIES)}")
    try:
        plan.with_outputs([], theme=theme)
    except ParamError as err:
        raise ParamError(str(err).replace("render:", "lecture:", 1)) from None
    if not path.exists():
        return {}
    source = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ParamError(f"{source}: malformed TOML: {err}") from None
    all_presets = presets.load(presets_file)
    lectures: dict[str, Lecture] = {}
    for name, table in raw.items():
        if not name or not set(name) <= NAME_CHARS:
            raise ParamError(
                f"{source}: lecture name {name!r}: use lowercase letters, digits, '-' and '_'"
            )
        if not isinstance(table, dict):
            raise ParamError(f"{source}: [{name}] must be a table with title and clips")
        unknown = [k for k in table if k not in LECTURE_KEYS]
        if unknown:
            raise ParamError(
                f"{source}: lecture '{name}': unknown key {unknown[0]!r}; "
                f"allowed: {', '.join(LECTURE_KEYS)}"
            )
        title = table.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ParamError(
                f"{source}: lecture '{name}': title got {title!r}; allowed: a non-empty string"
            )
        clips = table.get("clips")
        if not isinstance(clips, list) or not clips:
            raise ParamError(
                f"{source}: lecture '{name}': clips got {clips!r}; allowed: a non-empty list "
                'of stems ("LinearMap--shear"), { scene = ..., set = { ... } } or '
                '{ card = "...", seconds = 3 }'
            )
        entries = tuple(
            _entry(
                name,
                k,
                entry,
                quality=quality,
                theme=theme,
                out_dir=out_dir,
                presets_file=presets_file,
                all_presets=all_presets,
                source=source,
            )
            for k, entry in enumerate(clips, start=1)
        )
        if not any(isinstance(e, Clip) for e in entries):
            raise ParamError(f"{source}: lecture '{name}': only cards; allowed: at least one clip")
        lectures[name] = Lecture(
            name=name,
            title=title.strip(),
            entries=entries,
            quality=quality,
            theme=theme,
            out_dir=out_dir,
            declaration=table,
        )
    return lectures


def select(lectures: dict[str, Lecture], names: Sequence[str], source: str) -> list[Lecture]:
    """The lectures called ``names`` (all with none); :class:`ParamError` for an unknown one."""
    if not names:
        return list(lectures.values())
    for name in names:
        if name not in lectures:
            known = ", ".join(lectures) or "none"
            raise ParamError(f"lecture: unknown lecture {name!r}; lectures in {source}: {known}")
    return [lectures[n] for n in dict.fromkeys(names)]


# -- building ------------------------------------------------------------------------


def outputs(lecture: Lecture, *, deck: bool = True) -> list[Path]:
    """The files and folders a build installs, relative to the target folder, sidecar
    last."""
    s = lecture.stem
    names = [f"{s}.mp4", f"{s}.srt", f"{s}.vtt", f"{s}.chapters.vtt", f"{s}.pdf"]
    if deck:
        names += [f"{s}_assets", f"{s}.html"]
    return [Path(n) for n in [*names, f"{s}.json"]]


def is_up_to_date(lecture: Lecture) -> bool:
    """True when the sidecar records the same inputs and every file it lists exists."""
    sidecar = lecture.target_dir / f"{lecture.stem}.json"
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = [lecture.target_dir / f for f in meta.get("files", [])]
    return meta.get("input_hash") == lecture.input_hash() and all(f.exists() for f in files)


@dataclass(frozen=True)
class Segment:
    """One clip or card of the joined video: its file, where it starts and ends."""

    entry: Entry
    video: Path
    frames: int
    start_s: float
    end_s: float
    title: str
    meta: dict[str, Any]  # the clip's sidecar (a card's own record)


def _frames(video: Path) -> int:
    import av

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        return sum(1 for p in container.demux(stream) if p.dts is not None)


def segments(lecture: Lecture, cards: dict[int, Path]) -> list[Segment]:
    """The clips (installed renders) and cards (``cards[k]`` for entry k), timed by
    their frame counts at the quality's frame rate."""
    fps = QUALITIES[lecture.quality].fps
    out: list[Segment] = []
    frame = 0
    for k, entry in enumerate(lecture.entries):
        if isinstance(entry, Clip):
            mp4, _, sidecar = entry.job.outputs()
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            video, title = mp4, entry.title
        else:
            video, title = cards[k], entry.text
            meta = {"card": entry.text, "seconds": entry.seconds}
        n = _frames(video)
        out.append(Segment(entry, video, n, frame / fps, (frame + n) / fps, title, meta))
        frame += n
    return out


def shifted_beats(parts: Sequence[Segment]) -> list[dict[str, Any]]:
    """Every clip's beats, their times shifted by the clip's start; cards have none."""
    beats = []
    for part in parts:
        if not isinstance(part.entry, Clip):
            continue
        for beat in part.meta.get("beats", []):
            end = beat.get("end_s")
            beats.append(
                {
                    **beat,
                    "start_s": beat["start_s"] + part.start_s,
                    "end_s": None if end is None else min(end + part.start_s, part.end_s),
                    "stem": part.entry.job.stem,
                }
            )
    return beats


def _vtt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def chapters_vtt(chapters: Sequence[dict[str, Any]]) -> str:
    """A WebVTT chapters track (``<track kind="chapters">``): one cue per chapter."""
    blocks = [
        f"{k}\n{_vtt_time(c['start_s'])} --> {_vtt_time(c['end_s'])}\n{c['title']}"
        for k, c in enumerate(chapters, start=1)
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def _stream_key(stream: Any) -> tuple[Any, ...]:
    cc = stream.codec_context
    return (cc.name, stream.width, stream.height, cc.pix_fmt, bytes(cc.extradata or b""))


def join(parts: Sequence[Segment], target: Path, fps: int) -> str:
    """Join the segments' videos into ``target`` with one MP4 chapter per segment.

    When every segment has the same codec parameters (the same encoder settings at the
    same size: H.264 headers byte for byte equal) the packets are copied, shifted to
    their place; otherwise every frame is decoded and encoded again with the
    pipeline's x264 settings. Returns ``"stream copy"`` or ``"re-encoded"``.
    """
    import av

    from scenes.pipeline.encoding import X264_OPTIONS

    keys = set()
    for part in parts:
        with av.open(str(part.video)) as src:
            keys.add(_stream_key(src.streams.video[0]))
    copy = len(keys) == 1
    time_base = Fraction(1, fps)
    with av.open(str(target), mode="w", options={"movflags": "+faststart"}) as dst:
        out_stream: Any = None
        for part in parts:
            with av.open(str(part.video)) as src:
                stream = src.streams.video[0]
                if out_stream is None:
                    if copy:
                        out_stream = dst.add_stream_from_template(stream)
                    else:
                        out_stream = dst.add_stream("libx264", rate=fps)
                        out_stream.width, out_stream.height = stream.width, stream.height
                        out_stream.pix_fmt = "yuv420p"
                        out_stream.options = {"crf": "23", **X264_OPTIONS}
                start = round(part.start_s * fps)
                if copy:
                    tb = stream.time_base
                    offset = round(Fraction(start, fps) / tb)
                    for packet in src.demux(stream):
                        if packet.dts is None:
                            continue
                        packet.pts += offset
                        packet.dts += offset
                        packet.stream = out_stream
                        dst.mux(packet)
                else:
                    for n, frame in enumerate(src.decode(stream)):
                        frame = frame.reformat(format="yuv420p")
                        frame.pts = start + n
                        frame.time_base = time_base
                        dst.mux(out_stream.encode(frame))
        if not copy:
            dst.mux(out_stream.encode(None))
        dst.set_chapters(
            [
                {
                    "id": k,
                    "start": round(p.start_s * fps),
                    "end": round(p.end_s * fps),
                    "time_base": time_base,
                    "metadata": {"title": p.title},
                }
                for k, p in enumerate(parts, start=1)
            ]
        )
    return "stream copy" if copy else "re-encoded"


def _clip_record(part: Segment) -> dict[str, Any]:
    if isinstance(part.entry, Clip):
        job = part.entry.job
        return {
            "kind": "clip",
            "stem": job.stem,
            "scene": job.scene,
            "preset": job.preset,
            "params": job.params,
            "title": part.title,
            "start_s": part.start_s,
            "end_s": part.end_s,
            "frames": part.frames,
            "beats": part.meta.get("beats", []),
            "command": job.command,
            "data": part.meta.get("data", {}),
        }
    return {
        "kind": "card",
        "stem": None,
        "title": part.title,
        "start_s": part.start_s,
        "end_s": part.end_s,
        "frames": part.frames,
        "seconds": part.entry.seconds,
    }


def produce(lecture: Lecture, staging: Path, *, deck: bool = True) -> list[Path]:
    """Build the lecture's files in ``staging`` from its installed clips; return them
    (relative to ``staging``) in :func:`outputs`' order, sidecar last."""
    started = time.monotonic()
    from scenes.pipeline import handout, lecture_card

    q = QUALITIES[lecture.quality]
    cards: dict[int, Path] = {}
    for k, entry in enumerate(lecture.entries):
        if isinstance(entry, Card):
            cards[k] = lecture_card.render_card(
                entry, lecture, staging / f"card-{k}", name=f"{lecture.stem}-card-{k}"
            )
    parts = segments(lecture, cards)
    s = lecture.stem
    joined = join(parts, staging / f"{s}.mp4", q.fps)
    beats = shifted_beats(parts)
    (staging / f"{s}.srt").write_text(captions.to_srt(beats), encoding="utf-8")
    (staging / f"{s}.vtt").write_text(captions.to_vtt(beats), encoding="utf-8")
    chapters = [{"title": p.title, "start_s": p.start_s, "end_s": p.end_s} for p in parts]
    (staging / f"{s}.chapters.vtt").write_text(chapters_vtt(chapters), encoding="utf-8")
    made = outputs(lecture, deck=deck)
    meta: dict[str, Any] = {
        "lecture": lecture.name,
        "title": lecture.title,
        "stem": s,
        "quality": lecture.quality,
        "theme": lecture.theme,
        "width": q.width,
        "height": q.height,
        "fps": q.fps,
        "frames": sum(p.frames for p in parts),
        "duration_s": sum(p.frames for p in parts) / q.fps,
        "clips": [_clip_record(p) for p in parts],
        "chapters": chapters,
        "beats": beats,
        "joined": joined,
        "command": lecture.command,
        "input_hash": lecture.input_hash(),
        "manim_version": manim_version(),
    }
    if deck:
        from scenes.pipeline import lecture_deck

        meta["slides"] = lecture_deck.build(lecture, parts, staging, s)
    handout.write(meta, parts, staging / f"{s}.pdf")
    meta["files"] = [str(p) for p in made]
    meta["build_seconds"] = round(time.monotonic() - started, 2)
    (staging / f"{s}.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return made


def deck_available() -> bool:
    """The deck needs manim-slides (the ``dev`` extra); without it a lecture has none."""
    try:
        import manim_slides  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Built:
    lecture: Lecture
    status: str  # "built" or "up to date"
    page: Path


def build(lecture: Lecture, *, force: bool = False) -> Built:
    """Build (or keep, if up to date) one lecture whose clips are installed."""
    from scenes.pipeline.produce import move_into

    video = lecture.target_dir / f"{lecture.stem}.mp4"
    if not force and is_up_to_date(lecture):
        return Built(lecture, "up to date", video)
    staging_root = Path(lecture.out_dir) / ".tmp"
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"lecture-{lecture.stem}-", dir=staging_root))
    try:
        made = produce(lecture, staging, deck=deck_available())
        *files, sidecar = made
        move_into(lecture.target_dir, staging, files)
        move_into(lecture.target_dir, staging, [sidecar])  # last: marks the set complete
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        try:
            staging_root.rmdir()
        except OSError:
            pass  # another build is still using it
    return Built(lecture, "built", video)


def clip_jobs(lectures: Sequence[Lecture]) -> list[RenderJob]:
    """Every clip of ``lectures``, each once, for :func:`scenes.pipeline.executors.run`."""
    jobs: dict[str, RenderJob] = {}
    for lecture in lectures:
        for clip in lecture.clips:
            jobs.setdefault(clip.job.stem, clip.job)
    return list(jobs.values())
