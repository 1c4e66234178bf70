"""Shared fixtures: a fixed seed, scene builders that need no video, the CLI runner.

:func:`built` (the ``built`` fixture) builds each (scene, parameters, theme, size) once
per test session and worker and runs every check of the scene checker on that one build
(:func:`scenes.kit.checking.build_checked`); tests that share a build read it, never
change it. Mark the tests of one scene with :func:`scene_group` so that, under
``pytest -n 2 --dist loadgroup``, they run on one worker and share its build.

Compiled LaTeX formulas and texts are kept between sessions in a cache slot per test
process (:func:`cache_slot`, under ``~/.cache/mlmath-viz``; MLMATH_TEST_CACHE moves or,
empty, disables it); command-line renders of the output tests start from a copy of it
(``run_cli(..., cache=out)``).
"""

from __future__ import annotations

import fcntl
import functools
import importlib.metadata
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED = 20261125


@pytest.fixture
def rng() -> np.random.Generator:
    """A local generator with a fixed seed (never the global numpy state)."""
    return np.random.default_rng(SEED)


#: Where test sessions keep their LaTeX and text caches between runs (override with
#: MLMATH_TEST_CACHE; an empty value keeps them in each session's temporary folder).
TEST_CACHE = os.environ.get("MLMATH_TEST_CACHE", str(Path.home() / ".cache" / "mlmath-viz"))
#: The lock of the cache slot this process holds, open until the process ends.
_SLOT_LOCKS: list[Any] = []


@functools.cache
def cache_slot() -> Path | None:
    """A LaTeX/text cache folder that no other running process uses, kept between test
    sessions (one set per Manim version), or ``None`` without one (MLMATH_TEST_CACHE
    empty, or nowhere to write).

    Manim names each compiled formula by the hash of its source and template, so
    sessions of any checkout may share a folder, but not at the same time: Manim
    deletes a folder's intermediate files after each compile. So each process (an
    xdist worker, or a session without xdist) takes the first slot whose lock it can
    hold, and keeps it until it exits.
    """
    if not TEST_CACHE:
        return None
    root = Path(TEST_CACHE) / f"test-tex-manim-{importlib.metadata.version('manim')}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        for slot in range(64):
            lock = (root / f"slot-{slot}.lock").open("a")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                lock.close()
                continue
            _SLOT_LOCKS.append(lock)
            return root / f"slot-{slot}"
    except OSError:
        return None
    return None


def shared_tex_dir(factory: pytest.TempPathFactory) -> Path:
    """The LaTeX cache of this test worker, shared by every test module in it, so a
    formula such as ``A =`` compiles once per worker, not once per module; kept between
    sessions in this process's :func:`cache_slot` when there is one. Its parent holds
    the text cache."""
    slot = cache_slot()
    path = (slot if slot is not None else factory.getbasetemp()) / "tex"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def tex_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LaTeX cache per test worker (:func:`shared_tex_dir`)."""
    return shared_tex_dir(tmp_path_factory)


@pytest.fixture(scope="session", autouse=True)
def worker_manim_caches(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Formulas and texts made outside a render (the kit's and the standard's tests build
    mobjects directly) compile into this worker's own caches, not Manim's default
    ``media/`` in the working directory: two workers compiling the same formula there
    at once delete each other's intermediate files (Manim then reports that the
    installation cannot convert .dvi to SVG). Renders set their own folders."""
    from manim import config

    tex = shared_tex_dir(tmp_path_factory)
    config.media_dir = str(tmp_path_factory.getbasetemp() / "media")
    config.tex_dir = str(tex)
    config.text_dir = str(tex.parent / "texts")


def render_without_video(
    scene_class: type,
    params: Any,
    media_dir: Path,
    tex_dir: Path,
    observer: Callable[[Any, Any], None] | None = None,
) -> Any:
    """Build ``scene_class(params=params)`` and render it at 854x480 with animations
    skipped and no video written.

    The scene is made inside the configuration, so its camera has that size. Its
    mobjects end in their final state; ``observer(scene, beat)`` (the scene's
    ``beat_observer``) sees them at the end of every beat. Returns the scene.
    """
    from manim import tempconfig

    from scenes.kit.config import manim_settings

    settings = manim_settings(
        media_dir=media_dir,
        cache_dir=tex_dir.parent,
        pixel_width=854,
        pixel_height=480,
        frame_rate=15,
        write_to_movie=False,
    )
    with tempconfig(settings):
        scene = scene_class(params=params)
        if observer is not None:
            scene.beat_observer = observer
        scene.render()
    return scene


@pytest.fixture
def build_scene(tmp_path: Path, tex_cache: Path) -> Callable[..., Any]:
    """Build a scene with :func:`render_without_video`; returns it in its final state."""

    def build(scene_class: type, params: Any = None) -> Any:
        return render_without_video(scene_class, params, tmp_path / "media", tex_cache)

    return build


#: Builds of this test worker, by (scene class, parameters, theme, size).
_BUILDS: dict[tuple[Any, ...], Any] = {}
#: The worker's LaTeX cache, set by the ``built`` fixture.
_BUILD_DIR: list[Path] = []


def scene_group(scene: str) -> pytest.MarkDecorator:
    """The xdist group of every test that reads ``scene``'s shared builds."""
    return pytest.mark.xdist_group(f"scene-{scene}")


def grouped(names: Iterable[str], scene: str | Callable[[str], str]) -> list[Any]:
    """Parameters ``names`` (of a test or fixture), each marked with the
    :func:`scene_group` of ``scene`` (a name, or a function of the parameter)."""
    return [
        pytest.param(name, marks=scene_group(scene if isinstance(scene, str) else scene(name)))
        for name in names
    ]


def assert_every_beat_passes(report: Any, min_invariants: int) -> None:
    """``report`` (a :func:`built` report) checked every beat of its scene, which
    declared at least ``min_invariants`` invariants over them, and found no layout or
    invariant problem at any beat's end."""
    assert [b.name for b in report.scene.beats] == report.beats
    assert sum(m["invariants"] for m in report.measured.values()) >= min_invariants
    assert report.problems == [], "\n".join(report.problems)


def built(
    scene: str | type,
    params: Any = None,
    *,
    theme: str = "dark",
    size: tuple[int, int] | None = None,
    keep: bool = True,
    tex_dir: Path | None = None,
) -> Any:
    """The checked build of ``scene`` (a catalogue name or a class) with ``params``
    (``None``: the defaults), a :class:`scenes.kit.checking.CheckReport` holding the
    problems, beats, contrast problems, beat frames and the built scene.

    Built once per test session and worker with
    :func:`scenes.kit.checking.build_checked` at ``size`` (default: the golden-frame
    size; layout and invariant results do not depend on it) in ``theme``. Frames are
    kept only for the default parameters (the golden frames' build). With ``keep=False``
    a build not yet made is checked and returned but not kept (one-off fuzzed sets).
    A build uses ``tex_dir`` as its LaTeX cache, by default the worker's shared one
    (:func:`shared_tex_dir`, set by the ``built`` fixture). The scene is shared: read
    it, never change it.
    """
    from scenes import catalog
    from scenes.kit.checking import GOLDEN_SIZE, build_checked

    scene_class = catalog.BY_NAME[scene].scene_class() if isinstance(scene, str) else scene
    if params is None:
        params = scene_class.params_type()
    size = size or GOLDEN_SIZE
    try:
        key: tuple[Any, ...] = (scene_class, params, theme, size)
        hash(key)
    except TypeError:
        key = (scene_class, repr(params), theme, size)
    if key in _BUILDS:
        return _BUILDS[key]
    if tex_dir is None and not _BUILD_DIR:
        raise RuntimeError("built() needs a LaTeX cache: pass tex_dir or use the fixture")
    report = build_checked(
        scene_class,
        params,
        theme=theme,
        pixel_width=size[0],
        pixel_height=size[1],
        capture_frames=params == scene_class.params_type(),
        tex_dir=tex_dir or _BUILD_DIR[0],
        standard=True,
    )
    if keep:
        _BUILDS[key] = report
    return report


@pytest.fixture(scope="session", name="built")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Any]:
    """:func:`built`, with this worker's build and LaTeX cache directories."""
    if not _BUILD_DIR:
        _BUILD_DIR.append(shared_tex_dir(tmp_path_factory))
    return built


def rejected_render(tmp_path: Path, *args: str) -> str:
    """Run ``python -m scenes render ARGS --out DIR`` on input it must refuse.

    Asserts that it exits with status 2, prints exactly one line to stderr starting with
    ``error: ``, and writes nothing; returns that line for the caller's own checks.
    """
    out_dir = tmp_path / "out"
    result = run_cli("render", *args, "--out", str(out_dir))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert not out_dir.exists()
    return lines[0]


#: The LaTeX and text caches of a render's out folder, one per render worker slot.
CACHE_KINDS = ("tex", "texts")


def _copy_new(source: Path, target: Path) -> None:
    """Copy the files of ``source`` that ``target`` lacks (compiled formulas and text)."""
    if not source.is_dir():
        return
    target.mkdir(parents=True, exist_ok=True)
    have = {p.name for p in target.iterdir()}
    for path in source.iterdir():
        if path.name not in have and path.suffix in (".svg", ".tex"):
            shutil.copy2(path, target / path.name)


def run_cli(
    *args: str,
    cwd: Path = PROJECT_DIR,
    cache: Path | None = None,
    seed: bool = True,
    slots: int = 2,
) -> subprocess.CompletedProcess[str]:
    """Run the real entry point ``python -m scenes`` and capture its output.

    With ``cache`` (the render's ``--out`` folder) what the render compiled (LaTeX,
    texts) goes into this test process's :func:`cache_slot` afterwards, and with
    ``seed`` the caches of its first ``slots`` render workers start as copies of that
    slot, so a test about the outputs does not compile formulas another test compiled
    already. With ``seed=False`` the render compiles everything
    itself, as on a fresh machine.
    """
    slot = cache_slot() if cache is not None else None
    warm = cache if seed else None
    if slot is not None and warm is not None:
        for worker in range(slots):
            for kind in CACHE_KINDS:
                _copy_new(slot / kind, warm / ".cache" / f"worker-{worker}" / kind)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    result = subprocess.run(
        [sys.executable, "-m", "scenes", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if slot is not None and cache is not None:
        for worker_cache in sorted((cache / ".cache").glob("worker-*")):
            for kind in CACHE_KINDS:
                _copy_new(worker_cache / kind, slot / kind)
    return result


#: Test groups that render real video, longest first: under ``--dist loadgroup`` each
#: is one unit of work on one worker, and a long unit handed out last leaves the other
#: worker idle at the end of the session (the smoke render alone takes about 160 s).
RENDER_GROUPS_FIRST = (
    "smoke-render",
    "reliability",
    "browser",
    "preview",
    "lectures",
    "cluster",
    "slides",
    "api",
    "notebook",
    "lecture-outputs",
    "explore",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Hand out the long render groups first (longest-first scheduling), then the rest
    in their collected order."""

    def rank(item: pytest.Item) -> int:
        for mark in item.iter_markers("xdist_group"):
            name = mark.args[0] if mark.args else mark.kwargs.get("name")
            if name in RENDER_GROUPS_FIRST:
                return RENDER_GROUPS_FIRST.index(name)
        return len(RENDER_GROUPS_FIRST)

    items.sort(key=rank)  # stable: the collected order within each rank
