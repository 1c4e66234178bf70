"""A preview loop for writing or tweaking a scene: ``make preview SCENE=X [SET=..] [PRESET=..]``.

Each round renders the scene at low quality (``python -m scenes render --quality low``:
the poster and the clip, the cache, the atomic install), says where the two files are,
and prints the visual standard's problems for those parameters (what ``python -m scenes
standard`` checks). Then it watches the files the picture depends on (the scene's
module and every project module it imports, as the cache key counts them:
:func:`scenes.pipeline.hashing.source_files`, plus ``scenes.toml``) and starts the next
round when one of them is saved. Ctrl-C stops it (exit 0).

A round runs in a fresh Python process (``--once``), so it sees the edited code; a bad
edit (a syntax error, a value out of range, malformed TOML) prints its one-line error
and the loop keeps watching. The previous good files stay where they were.
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.kit.palettes import DEFAULT_THEME
from scenes.presets import PRESETS_FILE

#: Quiet time after a save before a round starts (an editor's save is several events).
SETTLE_SECONDS = 0.3
#: Problem lines shown per rule of the standard.
PROBLEM_LINES = 5
EXIT_BAD_INPUT = 2
EXIT_TERMINATED = 143


class _Stop(KeyboardInterrupt):
    """SIGTERM: stop as for Ctrl-C."""


def _say(text: str) -> None:
    print(f"preview: {text}", flush=True)


def _render_argv(args: argparse.Namespace) -> list[str]:
    """The ``python -m scenes render`` arguments of one round."""
    argv = [
        "render",
        args.scene,
        "--quality",
        "low",
        "--jobs",
        "1",
        "--out",
        args.out,
        "--theme",
        args.theme,
        "--presets",
        args.presets,
    ]
    for item in args.set:
        argv += ["--set", item]
    if args.preset:
        argv += ["--preset", args.preset]
    return argv


def once(args: argparse.Namespace) -> int:
    """One round in this process: render (the command line's ``render``), name the
    poster and the clip, print the standard's problems. Any failure is one line."""
    from scenes.pipeline import cli

    try:
        status = cli.main(_render_argv(args))
        if status != 0:
            return status
        from scenes.parameters import build

        (job,) = cli.plan_renders(
            [args.scene],
            quality="low",
            sets=args.set,
            preset=args.preset,
            out=args.out,
            presets_file=Path(args.presets),
            theme=args.theme,
        )
        mp4, poster, _ = job.outputs()
        print(f"poster: {poster}\nclip:   {mp4}", flush=True)
        from scenes.kit.standard import RULES, check_standard, distinct_problems

        entry = catalog.BY_NAME[args.scene]
        params = build(args.scene, entry.params_type, job.params)
        tex_dir = Path(args.out) / ".cache" / "preview" / "tex"
        tex_dir.mkdir(parents=True, exist_ok=True)
        lines = check_standard(entry.scene_class(), params, theme=args.theme, tex_dir=tex_dir)
        by_rule = distinct_problems(lines)
        counts = ", ".join(f"{rule} {len(by_rule.get(rule, []))}" for rule in RULES)
        built = "" if "error" not in by_rule else ", build failed"
        print(f"standard: {counts}{built}", flush=True)
        for rule in (*RULES, "error"):
            for line in by_rule.get(rule, [])[:PROBLEM_LINES]:
                print(f"    {line}", flush=True)
        return 1 if by_rule.get("error") else 0
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bad edit: one line, and the loop goes on
        text = f"{type(err).__name__}: {err}".splitlines()[0]
        print(f"error: preview: {text}", file=sys.stderr, flush=True)
        return 1


def watched_files(scene: str, presets: Path, known: Sequence[Path] = ()) -> list[Path]:
    """The files whose change starts a round: what the picture depends on (the cache
    key's files) and the presets file. If the sources cannot be read now (a syntax
    error in an import), the last known set, so the fix is seen."""
    from scenes.pipeline.hashing import source_files

    entry = catalog.BY_NAME[scene]
    try:
        files = source_files(entry.module)
    except (OSError, SyntaxError, ValueError):
        files = list(known) or [entry.path]
    return sorted({*(p.resolve() for p in files), presets.resolve()})


class Watcher:
    """Tells when one of a set of files is written, created, moved into place or
    removed (watchdog, on the files' folders)."""

    def __init__(self) -> None:
        from watchdog.observers import Observer

        self._changes: queue.Queue[Path] = queue.Queue()
        self._files: frozenset[Path] = frozenset()
        self._lock = threading.Lock()
        self._observer = Observer()
        self._observer.start()

    def watch(self, files: Sequence[Path]) -> None:
        """Watch exactly ``files`` from now on."""
        from watchdog.events import FileSystemEventHandler

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                for raw in (event.src_path, getattr(event, "dest_path", "")):
                    if raw:
                        watcher._seen(Path(os.fsdecode(raw)))

        with self._lock:
            self._files = frozenset(files)
        self._observer.unschedule_all()
        handler = Handler()
        for folder in sorted({f.parent for f in files}):
            if folder.is_dir():
                self._observer.schedule(handler, str(folder), recursive=False)

    def _seen(self, path: Path) -> None:
        with self._lock:
            wanted = path in self._files or path.resolve() in self._files
        if wanted:
            self._changes.put(path)

    def drain(self) -> list[Path]:
        """Changes already seen, forgotten."""
        seen = []
        while True:
            try:
                seen.append(self._changes.get_nowait())
            except queue.Empty:
                return seen

    def wait(self) -> list[Path]:
        """Block until a watched file changes and the saves settle; the changed files."""
        changed = [self._changes.get()]
        deadline = time.monotonic() + 10 * SETTLE_SECONDS
        while time.monotonic() < deadline:
            try:
                changed.append(self._changes.get(timeout=SETTLE_SECONDS))
            except queue.Empty:
                break
        return sorted(set(changed))

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def loop(args: argparse.Namespace) -> int:
    """Rounds until Ctrl-C: one now, then one after each save of a watched file."""
    presets = Path(args.presets)
    watcher = Watcher()
    child: subprocess.Popen[bytes] | None = None
    files: list[Path] = []
    command = [sys.executable, "-m", "scenes.pipeline.preview", "--once", *_argv_of(args)]
    try:
        round_number = 0
        while True:
            round_number += 1
            files = watched_files(args.scene, presets, files)
            watcher.watch(files)  # before the round: a save during it starts the next
            _say(f"round {round_number}: {args.scene} at low quality -> {args.out}/low/")
            child = subprocess.Popen(command)
            status = child.wait()
            child = None
            if status != 0:
                _say(f"round {round_number} did not finish (status {status}); fix and save")
            _say(f"watching {len(files)} files (Ctrl-C stops)")
            changed = watcher.drain() or watcher.wait()
            _say("changed: " + ", ".join(_shown(p) for p in sorted(set(changed))))
    except KeyboardInterrupt as stop:
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        _say("stopped; the last good render is installed")
        return EXIT_TERMINATED if isinstance(stop, _Stop) else 0
    finally:
        watcher.stop()


def _argv_of(args: argparse.Namespace) -> list[str]:
    argv = [args.scene, "--out", args.out, "--theme", args.theme, "--presets", args.presets]
    for item in args.set:
        argv += ["--set", item]
    if args.preset:
        argv += ["--preset", args.preset]
    return argv


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Stop


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scenes.pipeline.preview", description=__doc__.splitlines()[0]
    )
    parser.add_argument("scene", metavar="NAME")
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="override a parameter"
    )
    parser.add_argument("--preset", default=None, help="a preset from scenes.toml")
    parser.add_argument("--out", default="renders", help="output folder (default: renders)")
    parser.add_argument("--theme", default=DEFAULT_THEME, help="dark (default) or light")
    parser.add_argument(
        "--presets", default=str(PRESETS_FILE), help="presets file (default: scenes.toml)"
    )
    parser.add_argument("--once", action="store_true", help="one round, no watching")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.scene not in catalog.BY_NAME:
        print(
            f"error: preview: unknown scene {args.scene!r}; scenes: {', '.join(catalog.BY_NAME)}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if args.once:
        return once(args)
    # Ctrl-C stops the loop even when started with SIGINT ignored (`make preview &`).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _on_sigterm)
    return loop(args)


if __name__ == "__main__":
    sys.exit(main())
