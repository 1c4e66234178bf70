"""Slide decks: each beat of a scene becomes one slide, presented with reveal.js.

The scene is rendered as a ``manim_slides.Slide`` (a subclass made on the fly, so scene
modules stay plain Manim scenes): every :meth:`MathScene.beat` starts a new slide and
its caption becomes the slide's speaker notes. manim-slides then writes, in
``DIR/slides/``:

- ``<stem>.html`` with ``<stem>_assets/``: the reveal.js deck. The assets folder holds
  the slide videos and a copy of the reveal.js files, so the deck opens and plays from
  the file system with no network, and the two can be moved anywhere together;
- ``<stem>.pdf``: the last frame of each slide, one page per slide;
- ``<stem>.pptx``: a PowerPoint deck whose slides play the videos, with the notes;
- ``<stem>.json``: the deck's sidecar (beats, files, inputs), written last.

reveal.js comes from the npm registry (``npm pack``) the first time a deck is built,
checked against a pinned SHA-512, and is kept in ``<venv>/share/mlmath-viz/``, so later
builds need no network. Everything is built in ``DIR/.tmp/`` and moved into place only
when complete: a failed build leaves the previous deck as it was.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib
import importlib.metadata
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.parameters import build
from scenes.pipeline.jobs import QUALITIES, RenderJob
from scenes.pipeline.produce import manim_config, move_into, new_scene

#: The reveal.js release manim-slides 5.7.0's HTML template is written for, and the
#: npm registry's SHA-512 of its tarball (``npm view reveal.js@6.0.1 dist.integrity``).
REVEAL_VERSION = "6.0.1"
REVEAL_INTEGRITY = (
    "sha512-9eacArNIgqO2HGWOK+93gJNn+gvdGDVbSq+i2u3Ja9kjiHps0XNLpgYTZTYj"
    "KRH91uXy3clGimeGiw4umHG/tg=="
)
#: Where the unpacked reveal.js package is kept between builds (one per environment).
REVEAL_CACHE = Path(sys.prefix) / "share" / "mlmath-viz" / f"reveal.js-{REVEAL_VERSION}"
#: Inside ``<stem>_assets/``: the copy of reveal.js the deck loads.
REVEAL_SUBDIR = "reveal.js"


class SlidesError(RuntimeError):
    """A deck could not be built (no npm, no network on first use, a bad template)."""


def slide_class(scene_class: type) -> type:
    """``scene_class`` as a manim-slides ``Slide``: one slide per beat, captions as notes.

    The scene class itself is not modified; plain Manim rendering stays as it was.
    """
    from manim import ManimColor
    from manim_slides import Slide

    def beat(self: Any, name: str, caption: str) -> None:
        scene_class.beat(self, name, caption)
        # Ends the previous beat's slide (none before the first animation) and gives
        # the next one the caption as its speaker notes.
        self.next_slide(notes=caption)

    def next_section(self: Any, *args: Any, **kwargs: Any) -> None:
        # Slide makes next_section an alias of next_slide, which would add a second
        # slide break per beat (without notes) if the scene marks sections too.
        # Slide.next_slide calls Scene.next_section directly, so sections still work.
        pass

    @property
    def background_color(self: Any) -> str:
        # The scenes set the camera background as a hex string; manim-slides wants a
        # ManimColor.
        return str(ManimColor(self.renderer.camera.background_color).to_hex())

    return type(
        scene_class.__name__,
        (scene_class, Slide),
        {
            "__module__": __name__,
            "__doc__": scene_class.__doc__,
            "beat": beat,
            "next_section": next_section,
            "_background_color": background_color,
            # The HTML, PDF and PPTX decks never play slides backwards.
            "skip_reversing": True,
        },
    )


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def reveal_js(cache: Path = REVEAL_CACHE) -> Path:
    """The unpacked reveal.js package (``dist/``, ``LICENSE``), fetched once with npm."""
    if (cache / "dist" / "reveal.js").exists():
        return cache
    npm = shutil.which("npm")
    if npm is None:
        raise SlidesError(
            f"slides: reveal.js {REVEAL_VERSION} is not cached in {cache} and npm is missing; "
            "install it (sudo apt-get install npm) and run again"
        )
    cache.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache.parent, prefix=".reveal-") as tmp:
        work = Path(tmp)
        try:
            done = subprocess.run(
                [npm, "pack", f"reveal.js@{REVEAL_VERSION}", "--silent"],
                cwd=work,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except subprocess.TimeoutExpired as err:
            raise SlidesError(f"slides: npm pack reveal.js@{REVEAL_VERSION} timed out") from err
        tarballs = list(work.glob("reveal.js-*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            last = (done.stderr.strip().splitlines() or ["no tarball written"])[-1]
            raise SlidesError(
                f"slides: could not fetch reveal.js {REVEAL_VERSION} from the npm registry "
                f"(needed once, then cached in {cache}): {last}"
            )
        data = tarballs[0].read_bytes()
        if _integrity(data) != REVEAL_INTEGRITY:
            raise SlidesError(
                f"slides: reveal.js {REVEAL_VERSION} tarball does not match its pinned SHA-512"
            )
        with tarfile.open(tarballs[0]) as tar:
            tar.extractall(work / "x", filter="data")
        unpacked = work / "x" / "package"
        try:
            os.replace(unpacked, cache)
        except OSError:
            if not (cache / "dist" / "reveal.js").exists():  # not a concurrent build
                raise
    return cache


def _check_manim_slides() -> None:
    from manim_slides.convert import RevealJS

    expected = RevealJS.model_fields["reveal_version"].default
    if expected != REVEAL_VERSION:
        raise SlidesError(
            f"slides: manim-slides wants reveal.js {expected}, REVEAL_VERSION is "
            f"{REVEAL_VERSION}: update REVEAL_VERSION and REVEAL_INTEGRITY in "
            "scenes/pipeline/slides.py"
        )


def remote_references(page: str) -> list[str]:
    """Every ``src``/``href``/``data-*`` URL in ``page`` that points at the network."""
    from bs4 import BeautifulSoup

    found = []
    for tag in BeautifulSoup(page, "html.parser").find_all(True):
        for attr, value in tag.attrs.items():
            if attr in ("src", "href") or attr.startswith("data-background"):
                text = " ".join(value) if isinstance(value, list) else str(value)
                if "://" in text or text.startswith("//"):
                    found.append(f"<{tag.name} {attr}={text}>")
    return found


def _bundle_reveal(page: str, assets: Path, prefix: str) -> None:
    """Copy the reveal.js files ``page`` loads from ``prefix`` into ``assets``."""
    from bs4 import BeautifulSoup

    source = reveal_js()
    wanted = {"LICENSE"}
    for tag in BeautifulSoup(page, "html.parser").find_all(["link", "script"]):
        link = str(tag.get("href") or tag.get("src") or "")
        if link.startswith(prefix + "/"):
            wanted.add(link[len(prefix) + 1 :])
    for relative in sorted(wanted):
        origin = source / relative
        if not origin.is_file():
            raise SlidesError(f"slides: the deck loads {relative}, not in reveal.js {source}")
        target = assets / REVEAL_SUBDIR / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, target)


def deck_dir(job: RenderJob) -> Path:
    """``DIR/slides``: where decks go, whatever their quality."""
    return Path(job.out_dir) / "slides"


def deck_hash(job: RenderJob) -> str:
    """The render's input hash plus the deck tools' versions."""
    tools = f"manim-slides {importlib.metadata.version('manim-slides')}|reveal.js {REVEAL_VERSION}"
    return hashlib.sha256(f"{job.input_hash}|{tools}".encode()).hexdigest()


def is_up_to_date(job: RenderJob) -> bool:
    """True when the deck's sidecar records the same inputs and its files exist."""
    sidecar = deck_dir(job) / f"{job.stem}.json"
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = [deck_dir(job) / f for f in meta.get("files", [])]
    return meta.get("input_hash") == deck_hash(job) and all(f.exists() for f in files)


def produce(job: RenderJob, staging: Path) -> list[Path]:
    """Build the deck for ``job`` in ``staging``; return its files, sidecar last."""
    started = time.monotonic()
    _check_manim_slides()
    reveal_js()  # fetch first: no point rendering if the deck cannot be made offline
    from manim import tempconfig
    from manim_slides.config import PresentationConfig
    from manim_slides.logger import logger

    from scenes.kit.style import theme

    logger.setLevel(logging.WARNING)  # not one line per slide written
    from manim_slides.convert import PDF, PowerPoint, RevealJS

    entry = catalog.BY_NAME[job.scene]
    params = build(job.scene, entry.params_type, job.params)
    scene_class = slide_class(getattr(importlib.import_module(entry.module), entry.name))
    slides_dir = staging / "manim-slides"
    with theme(job.theme), tempconfig(manim_config(job, staging / "media")):
        scene = new_scene(scene_class, params=params, output_folder=slides_dir)
        scene.render()
    presentation = PresentationConfig.from_file(slides_dir / f"{entry.name}.json")
    beats = scene.beats_json()
    # A beat with no animation makes no slide: its content opens the next one.
    shown = [b for b in beats if b["end_s"] > b["start_s"]]
    if len(presentation.slides) != len(shown):
        raise SlidesError(
            f"slides: {job.stem} made {len(presentation.slides)} slides for {len(shown)} beats "
            "(is there animation before the first beat?)"
        )

    page = Path(f"{job.stem}.html")
    assets = Path(f"{job.stem}_assets")
    reveal_prefix = f"{assets}/{REVEAL_SUBDIR}"
    RevealJS(
        presentation_configs=[presentation],
        title=f"{entry.title} ({job.stem})",
        cdn_url=reveal_prefix,
        assets_dir=str(assets),
        controls="true",
        progress="true",
        hash="true",  # a reload stays on the same slide
    ).convert_to(staging / page)
    text = (staging / page).read_text(encoding="utf-8")
    _bundle_reveal(text, staging / assets, reveal_prefix)
    remote = remote_references(text)
    if remote:
        raise SlidesError(f"slides: {job.stem}.html still loads from the network: {remote[0]}")

    q = QUALITIES[job.quality]
    pdf = Path(f"{job.stem}.pdf")
    pptx = Path(f"{job.stem}.pptx")
    with contextlib.redirect_stderr(io.StringIO()):  # the converters' progress bars
        PDF(presentation_configs=[presentation]).convert_to(staging / pdf)
        PowerPoint(presentation_configs=[presentation], width=q.width, height=q.height).convert_to(
            staging / pptx
        )

    made = [assets, pdf, pptx, page]
    sidecar = Path(f"{job.stem}.json")
    meta = {
        "scene": job.scene,
        "stem": job.stem,
        "preset": job.preset,
        "params": job.params,
        "quality": job.quality,
        "theme": job.theme,
        "width": q.width,
        "height": q.height,
        "fps": q.fps,
        "slides": len(presentation.slides),
        "beats": beats,
        "files": [str(p) for p in made],
        "videos": [f"{assets}/{s.file.name}" for s in presentation.slides],
        "manim_slides_version": importlib.metadata.version("manim-slides"),
        "reveal_version": REVEAL_VERSION,
        "command": job.command.replace("make render", "make slides", 1),
        "input_hash": deck_hash(job),
        "build_seconds": round(time.monotonic() - started, 2),
    }
    (staging / sidecar).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return [*made, sidecar]  # the page after its assets; the sidecar marks it complete


def install(target_dir: Path, staging: Path, made: Sequence[Path]) -> None:
    """Move ``made`` from ``staging`` into ``target_dir`` in order, each atomically."""
    move_into(target_dir, staging, made)


def build_deck(job: RenderJob, *, force: bool = False) -> tuple[str, Path]:
    """Build (or keep, if up to date) the deck for ``job``; return the status and page."""
    page = deck_dir(job) / f"{job.stem}.html"
    if not force and is_up_to_date(job):
        return "up to date", page
    staging_root = Path(job.out_dir) / ".tmp"
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"slides-{job.stem}-", dir=staging_root))
    try:
        install(deck_dir(job), staging, produce(job, staging))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        try:
            staging_root.rmdir()
        except OSError:
            pass  # another build is still using it
    return "built", page
