"""The preview loop (``make preview``), run as a user runs it, on a copy of the project.

The copy (``scenes/``, ``mlmath_viz/``, ``scenes.toml``, ``manim.cfg``) is what the loop
watches and what the test edits: a malformed ``scenes.toml``, a syntax error in the
scene's module, then the module fixed with a comment added. Each bad edit must print
one error line and the loop keep watching; the fix must render again (a second render
with a new input hash); Ctrl-C must stop it with status 0. Two low-quality renders of
LinearMap with a half-second map, and the standard checked three times.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_api import warm

from conftest import CACHE_KINDS, PROJECT_DIR, _copy_new, cache_slot

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("preview")]

SCENE_FILE = Path("scenes/linear_algebra/linear_map.py")
WAIT_SECONDS = 240  # one round on a loaded machine, with room to spare


class Running:
    """A process whose output lines are read as they come."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def until(self, pattern: str) -> list[str]:
        """The lines up to and including the first one matching ``pattern``."""
        seen: list[str] = []
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"ended before {pattern!r}:\n" + "\n".join(self.lines))
            self.lines.append(line)
            seen.append(line)
            if re.search(pattern, line):
                return seen
        raise AssertionError(f"no {pattern!r} in {WAIT_SECONDS}s:\n" + "\n".join(self.lines))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("scenes", "mlmath_viz", "data"):  # data: the CSV files presets name
        shutil.copytree(PROJECT_DIR / folder, root / folder, ignore=ignore)
    for name in ("scenes.toml", "manim.cfg"):
        shutil.copy(PROJECT_DIR / name, root / name)
    return root


@pytest.fixture
def preview(project: Path) -> Iterator[Running]:
    out = project / "renders"
    warm(out)  # the render's LaTeX cache (worker slot 0) and the checker's
    slot = cache_slot()
    if slot is not None:
        _copy_new(slot / "tex", out / ".cache" / "preview" / "tex")
    proc = subprocess.Popen(
        [sys.executable, "-m", "scenes.pipeline.preview", "LinearMap", "--set", "run_time=0.5"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield Running(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if slot is not None:
            for kind in CACHE_KINDS:
                _copy_new(out / ".cache" / "worker-0" / kind, slot / kind)


def round_lines(running: Running) -> list[str]:
    """One round's output, from the change that started it to the next "watching"."""
    return running.until(r"^preview: watching \d+ files")


def input_hash(project: Path, stem: str) -> str:
    record = json.loads((project / "renders" / "low" / f"{stem}.json").read_text())
    return str(record["input_hash"])


def test_preview_renders_rechecks_on_save_survives_bad_edits_and_stops_on_ctrl_c(
    project: Path, preview: Running
) -> None:
    first = round_lines(preview)
    text = "\n".join(first)
    rendered = re.search(r"(LinearMap--\w+): rendered in", text)
    assert rendered, text
    stem = rendered.group(1)
    assert f"poster: renders/low/{stem}.png" in text and f"clip:   renders/low/{stem}.mp4" in text
    assert re.search(r"^standard: glyph \d+, safe \d+, typography \d+", text, re.M), text
    mp4 = project / "renders" / "low" / f"{stem}.mp4"
    first_hash, first_mtime = input_hash(project, stem), mp4.stat().st_mtime_ns

    presets = project / "scenes.toml"
    good_presets = presets.read_text()
    presets.write_text(good_presets + "\n[LinearMap.bad\n")
    bad = round_lines(preview)
    errors = [line for line in bad if line.startswith("error: ")]
    assert len(errors) == 1 and "scenes.toml: malformed TOML" in errors[0], bad
    assert not any("Traceback" in line for line in bad), bad
    assert bad[0] == "preview: changed: scenes.toml"

    presets.write_text(good_presets)
    restored = "\n".join(round_lines(preview))
    assert "0 rendered, 1 up to date" in restored, restored  # the picture did not change

    scene = project / SCENE_FILE
    good_scene = scene.read_text()
    scene.write_text(good_scene + "\ndef broken(:\n")
    broken = round_lines(preview)
    errors = [line for line in broken if line.startswith("error: ")]
    assert len(errors) == 1 and "SyntaxError" in errors[0], broken
    assert not any("Traceback" in line for line in broken), broken
    assert mp4.stat().st_mtime_ns == first_mtime  # the good render is still there

    scene.write_text(good_scene + "\n# an edit that changes the input hash\n")
    second = "\n".join(round_lines(preview))
    assert f"{stem}: rendered in" in second, second
    assert input_hash(project, stem) != first_hash
    assert mp4.stat().st_mtime_ns != first_mtime

    preview.proc.send_signal(signal.SIGINT)
    assert preview.proc.wait(timeout=60) == 0
    preview.until(r"^preview: stopped")


def test_an_unknown_scene_is_one_line_and_status_2(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scenes.pipeline.preview", "Nope"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: preview: unknown scene 'Nope'; scenes: ")
    assert len(done.stderr.splitlines()) == 1
