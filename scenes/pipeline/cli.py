"""Command line: ``python -m scenes list | params NAME | render [NAME ...] | slides NAME |
lecture [NAME ...] | standard [NAME ...]``.

Bad input exits with status 2 and one line on stderr naming what was wrong and what is
allowed; nothing is written in that case.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

from scenes import catalog
from scenes.kit.palettes import DEFAULT_THEME, THEMES
from scenes.parameters import ParamError, specs, to_plain
from scenes.presets import PRESETS_FILE

EXIT_BAD_INPUT = 2
_T = TypeVar("_T")
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT
EXIT_TERMINATED = 143  # SIGTERM: 128 + SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as an interrupt: stop, keep what is installed, exit 143."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"error: {self.prog}: {message}\n")


def _fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return EXIT_BAD_INPUT


def _list() -> int:
    width = max(len(e.name) for e in catalog.SCENES)
    for entry in catalog.SCENES:
        print(f"{entry.name:<{width}}  {entry.title}: {entry.description}")
    return 0


def _params(name: str) -> int:
    entry = catalog.BY_NAME.get(name)
    if entry is None:
        return _fail(f"params: unknown scene {name!r}; scenes: {', '.join(catalog.BY_NAME)}")
    print(f"{entry.name}: {entry.title}")
    for spec in specs(entry.params_type):
        default = to_plain(spec.default)
        print(f"  {spec.name} ({spec.type_text()}, default {default})")
        print(f"      {spec.help}")
        print(f"      allowed: {spec.allowed_text()}")
    return 0


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"got {text!r}; allowed: a whole number >= 1")
    return value


def plan_renders(
    names: Sequence[str],
    *,
    quality: str,
    sets: Sequence[str] = (),
    preset: str | None = None,
    out: str = "renders",
    presets_file: Path = PRESETS_FILE,
    sweeps: Sequence[str] = (),
    sweep_name: str | None = None,
    theme: str = DEFAULT_THEME,
    formats: Sequence[str] = (),
    transparent: bool = False,
    sections: bool = False,
) -> list[Any]:
    """The render jobs ``render`` plans (:func:`plan.plan`, then :func:`plan.with_outputs`),
    every one validated; :class:`ParamError` with the one-line message if any input is
    bad. ``python -m scenes render`` and :func:`scenes.render` both plan with this."""
    from scenes.pipeline import plan

    jobs = plan.plan(
        names,
        quality=quality,
        sets=sets,
        preset=preset,
        out_dir=out,
        presets_file=presets_file,
        sweeps=sweeps,
        sweep_name=sweep_name,
    )
    return plan.with_outputs(
        jobs, theme=theme, formats=formats, transparent=transparent, sections=sections
    )


def write_renders(
    jobs: Sequence[Any],
    out: Path,
    *,
    n_jobs: int,
    force: bool = False,
    cluster: str | None = None,
    shared_out: str | None = None,
    stream: TextIO | None = None,
) -> list[Any]:
    """Render ``jobs`` (skipping the up-to-date ones), each installed atomically, then
    rewrite ``out``'s gallery page; the results. Progress goes to ``stream`` (default:
    stderr). Call it holding ``out``'s lock (:func:`scenes.pipeline.lock.output_folder`),
    as ``render`` and :func:`scenes.render` do."""
    from scenes.pipeline import executors, gallery

    results = executors.run(
        jobs,
        n_jobs=n_jobs,
        force=force,
        cluster=cluster,
        shared_out=shared_out,
        stream=stream or sys.stderr,
    )
    gallery.write(out)
    return results


def _render(args: argparse.Namespace) -> int:
    try:
        jobs = plan_renders(
            args.names,
            quality=args.quality,
            sets=args.set,
            preset=args.preset,
            out=args.out,
            presets_file=Path(args.presets),
            sweeps=args.sweep,
            sweep_name=args.sweep_name,
            theme=args.theme,
            formats=args.format,
            transparent=args.transparent,
            sections=args.sections,
        )
        if args.shared_out is not None and args.cluster is None:
            raise ParamError(
                f"render: --shared-out {args.shared_out} needs --cluster tcp://HOST:PORT "
                "(it is where cluster workers leave their files)"
            )
        if args.cluster is not None:
            from scenes.pipeline.cluster import check_address

            check_address(args.cluster)
        shared_out = None if args.shared_out is None else os.path.abspath(args.shared_out)
        # Everything (no names, no sweep): every declared lecture after the clips.
        args.lectures_after = []
        if not args.names and not args.sweep and args.cluster is None:
            from scenes.pipeline import lectures

            args.lectures_after = list(
                lectures.load(
                    Path(args.lectures),
                    quality=args.quality,
                    theme=args.theme,
                    out_dir=args.out,
                    presets_file=Path(args.presets),
                ).values()
            )
    except ParamError as err:  # bad input, or no scheduler at --cluster: nothing written
        return _fail(str(err))
    return _render_jobs(args, jobs, shared_out)


def _in_folder(args: argparse.Namespace, command: str, write: Callable[[], _T]) -> _T | int:
    """``write()`` holding the output folder's lock (scenes.pipeline.lock), as the
    command's flags ask; an unusable folder or a failed write (a full or read-only disk)
    is one line on stderr and its exit status instead."""
    from scenes.pipeline.lock import OutputError, describe_os_error, output_folder

    try:
        with output_folder(Path(args.out), wait=not getattr(args, "no_wait", False)):
            return write()
    except OutputError as err:
        sys.stderr.write(f"error: {command}: {err}\n")
        return err.status
    except OSError as err:
        sys.stderr.write(f"error: {command}: {describe_os_error(err)}\n")
        return 1


def _render_jobs(args: argparse.Namespace, jobs: Any, shared_out: str | None) -> int:
    def write() -> list[Any]:
        results = write_renders(
            jobs,
            Path(args.out),
            n_jobs=args.jobs,
            force=args.force,
            cluster=args.cluster,
            shared_out=shared_out,
        )
        if args.lectures_after and not any(r.status == "failed" for r in results):
            status = _build_lectures(args, args.lectures_after, force=False)
            if status:
                results.append(_lecture_failure(status))
        return results

    try:
        results = _in_folder(args, "render", write)
    except ParamError as err:  # no scheduler at --cluster
        return _fail(str(err))
    if isinstance(results, int):
        return results
    failed = [r for r in results if r.status == "failed"]
    rendered = sum(r.status == "rendered" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    print(
        f"{rendered} rendered, {skipped} up to date, {len(failed)} failed "
        f"-> {os.path.join(args.out, args.quality)}/",
        file=sys.stderr,
    )
    for r in failed:
        print(f"error: {r.stem}: {r.error}", file=sys.stderr)
    return 1 if failed else 0


def _slides(args: argparse.Namespace) -> int:
    from scenes.pipeline import plan, slides

    try:
        (job,) = plan.plan(
            [args.name],
            quality=args.quality,
            sets=args.set,
            preset=args.preset,
            out_dir=args.out,
            presets_file=Path(args.presets),
        )
        (job,) = plan.with_outputs([job], theme=args.theme)
    except ParamError as err:
        return _fail(str(err).replace("render:", "slides:", 1))
    from scenes.pipeline import gallery

    def write() -> tuple[str, Any]:
        built = slides.build_deck(job, force=args.force)
        gallery.write(Path(args.out))
        return built

    try:
        deck = _in_folder(args, "slides", write)
    except slides.SlidesError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if isinstance(deck, int):
        return deck
    status, page = deck
    print(f"{job.stem}: deck {status} -> {page}", file=sys.stderr)
    return 0


def _lecture_failure(status: int) -> Any:
    from scenes.pipeline.jobs import RenderResult

    return RenderResult("lectures", "failed", 0.0, f"lecture build exited {status}")


def _build_lectures(args: argparse.Namespace, chosen: Sequence[Any], *, force: bool) -> int:
    """Render the lectures' missing or stale clips, then build each lecture (inside the
    output folder's lock); 0, or 1 when a clip or a lecture failed."""
    from scenes.pipeline import executors, gallery, lectures, slides

    clips = lectures.clip_jobs(chosen)
    results = executors.run(clips, n_jobs=args.jobs, force=False)
    failed = [r for r in results if r.status == "failed"]
    rendered = sum(r.status == "rendered" for r in results)
    if rendered and failed:  # the clips that did render are listed all the same
        gallery.write(Path(args.out))
    print(
        f"lecture clips: {rendered} rendered, {len(results) - rendered - len(failed)} up to "
        f"date, {len(failed)} failed",
        file=sys.stderr,
    )
    for r in failed:
        print(f"error: {r.stem}: {r.error}", file=sys.stderr)
    if failed:
        return 1
    status = 0
    for lecture in chosen:
        try:
            built = lectures.build(lecture, force=force)
        except (slides.SlidesError, RuntimeError, ValueError) as err:
            message = f"{type(err).__name__}: {err}".splitlines()[0]
            print(f"error: lecture {lecture.name}: {message}", file=sys.stderr)
            status = 1
            continue
        print(f"lecture {lecture.name}: {built.status} -> {built.page}", file=sys.stderr)
    # The page lists the new clips and lectures (unchanged pages are not rewritten).
    gallery.write(Path(args.out))
    return status


def _lecture(args: argparse.Namespace) -> int:
    from scenes.pipeline import lectures

    source = Path(args.lectures)
    try:
        declared = lectures.load(
            source,
            quality=args.quality,
            theme=args.theme,
            out_dir=args.out,
            presets_file=Path(args.presets),
        )
        chosen = lectures.select(declared, args.names, source.name)
    except ParamError as err:
        return _fail(str(err))
    if not chosen:
        return _fail(f"lecture: no lectures declared in {source}")
    status = _in_folder(args, "lecture", lambda: _build_lectures(args, chosen, force=args.force))
    return int(status)


def _standard(args: argparse.Namespace) -> int:
    """The visual standard's problems per scene and preset (scenes/kit/standard.py)."""
    import tempfile

    from scenes import presets
    from scenes.parameters import build

    names = args.names or [e.name for e in catalog.SCENES]
    unknown = [n for n in names if n not in catalog.BY_NAME]
    if unknown:
        return _fail(
            f"standard: unknown scene {unknown[0]!r}; scenes: {', '.join(catalog.BY_NAME)}"
        )
    try:
        declared = {} if args.defaults_only else presets.load(Path(args.presets))
    except ParamError as err:
        return _fail(str(err))
    from scenes.kit.standard import RULES, check_standard, distinct_problems

    rows: list[tuple[str, dict[str, int]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tex_dir = Path(args.tex_dir or Path(scratch) / "cache") / "Tex"
        tex_dir.mkdir(parents=True, exist_ok=True)
        for name in names:
            entry = catalog.BY_NAME[name]
            variants: list[tuple[str, dict[str, object]]] = [("default", {})]
            variants += list(declared.get(name, {}).items())
            for variant, overrides in variants:
                params = build(name, entry.params_type, overrides, source=f"preset '{variant}'")
                lines = check_standard(
                    entry.scene_class(), params, theme=args.theme, tex_dir=tex_dir
                )
                by_rule = distinct_problems(lines)
                counts = {rule: len(by_rule.get(rule, [])) for rule in (*RULES, "error")}
                label = name if variant == "default" else f"{name} --preset {variant}"
                rows.append((label, counts))
                said = ", ".join(f"{r} {counts[r]}" for r in RULES)
                if counts["error"]:
                    said += ", build failed"
                print(f"{label}: {said}", flush=True)
                for rule in (*RULES, "error"):
                    for line in by_rule.get(rule, [])[: args.lines]:
                        print(f"    {line}", flush=True)
    width = max(len(label) for label, _ in rows)
    print()
    print(f"{'scene':<{width}}  " + "  ".join(f"{r:>10}" for r in RULES))
    for label, counts in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{counts[r]:>10}" for r in RULES))
    totals = {r: sum(c[r] for _, c in rows) for r in RULES}
    print(f"{'total':<{width}}  " + "  ".join(f"{totals[r]:>10}" for r in RULES))
    failed = any(c["error"] for _, c in rows)
    return 1 if failed or any(totals.values()) else 0


def _add_render_options(command: argparse.ArgumentParser, *, force_help: str) -> None:
    """The options ``render`` and ``slides`` share: what to render, in which look, where."""
    command.add_argument("--quality", default="high", help="low, medium, high (default) or 4k")
    command.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="override a parameter"
    )
    command.add_argument("--preset", default=None, help="a preset from scenes.toml")
    command.add_argument("--out", default="renders", help="output folder (default: renders)")
    command.add_argument("--force", action="store_true", help=force_help)
    command.add_argument(
        "--theme",
        default=DEFAULT_THEME,
        help="dark (default, for screens) or light (projectors, print)",
    )
    command.add_argument(
        "--presets", default=str(PRESETS_FILE), help="presets file (default: scenes.toml)"
    )
    _add_no_wait(command)


def _add_lectures_file(command: argparse.ArgumentParser) -> None:
    from scenes.pipeline.lectures import LECTURES_FILE

    command.add_argument(
        "--lectures",
        default=str(LECTURES_FILE),
        help="lectures file (default: lectures.toml)",
    )


def _add_no_wait(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-wait",
        action="store_true",
        help="if another process is writing into --out, exit 2 at once instead of waiting",
    )


def _gallery(args: argparse.Namespace) -> int:
    from scenes.pipeline import gallery

    page = _in_folder(args, "gallery", lambda: gallery.write(Path(args.out)))
    if isinstance(page, int):
        return page
    print(page)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m scenes", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("list", help="each scene with its one-line description")
    params = commands.add_parser("params", help="a scene's parameters")
    params.add_argument("name")
    page = commands.add_parser("gallery", help="write DIR/index.html from the renders in DIR")
    page.add_argument("--out", default="renders", help="output folder (default: renders)")
    _add_no_wait(page)
    render = commands.add_parser("render", help="render scenes (default: all, with presets)")
    render.add_argument("names", nargs="*", metavar="NAME")
    _add_render_options(render, force_help="re-render even if up to date")
    render.add_argument(
        "--sweep",
        action="append",
        default=[],
        metavar="KEY=RANGE",
        help="one render per value: key=start:stop:count or key=a,b,c (grid if repeated)",
    )
    render.add_argument(
        "--sweep-name",
        default=None,
        metavar="NAME",
        help="the sweep of this name declared in scenes.toml ([Scene.sweep.NAME])",
    )
    render.add_argument(
        "--jobs", type=_jobs, default=os.cpu_count() or 1, help="parallel renders (default: cores)"
    )
    render.add_argument(
        "--format",
        action="append",
        default=[],
        metavar="FORMAT",
        help="also write webm, gif or png-sequence (mp4 is always written); repeatable",
    )
    render.add_argument(
        "--transparent",
        action="store_true",
        help="webm and png-sequence with an alpha channel, for overlays",
    )
    render.add_argument(
        "--sections", action="store_true", help="also write one clip per beat in <stem>.sections/"
    )
    render.add_argument(
        "--cluster",
        default=None,
        metavar="tcp://HOST:PORT",
        help="render as tasks on this Dask scheduler instead of local processes",
    )
    render.add_argument(
        "--shared-out",
        default=None,
        metavar="DIR",
        help="with --cluster: workers leave files in DIR (same path on every machine) "
        "instead of sending them back",
    )
    _add_lectures_file(render)
    lecture = commands.add_parser(
        "lecture",
        help="clips and title cards of a lecture in lectures.toml as one video, captions, "
        "chapters, deck and handout (default: every lecture)",
    )
    lecture.add_argument("names", nargs="*", metavar="NAME")
    lecture.add_argument("--quality", default="high", help="low, medium, high (default) or 4k")
    lecture.add_argument(
        "--theme",
        default=DEFAULT_THEME,
        help="dark (default, for screens) or light (projectors, print)",
    )
    lecture.add_argument("--out", default="renders", help="output folder (default: renders)")
    lecture.add_argument(
        "--force",
        action="store_true",
        help="rebuild the lecture even if up to date (clips are still reused when up to date)",
    )
    lecture.add_argument(
        "--jobs", type=_jobs, default=os.cpu_count() or 1, help="parallel renders (default: cores)"
    )
    lecture.add_argument(
        "--presets", default=str(PRESETS_FILE), help="presets file (default: scenes.toml)"
    )
    _add_lectures_file(lecture)
    _add_no_wait(lecture)
    deck = commands.add_parser(
        "slides", help="a slide deck of one scene, one slide per beat (HTML, PDF, PPTX)"
    )
    deck.add_argument("name", metavar="NAME")
    _add_render_options(deck, force_help="rebuild even if up to date")
    check = commands.add_parser(
        "standard",
        help="report the visual standard's problems per scene and preset (no video)",
    )
    check.add_argument("names", nargs="*", metavar="NAME", help="scenes (default: all)")
    check.add_argument(
        "--defaults-only", action="store_true", help="only each scene's defaults, no presets"
    )
    check.add_argument(
        "--lines", type=int, default=3, help="problem lines shown per rule (default: 3)"
    )
    check.add_argument(
        "--theme", default=DEFAULT_THEME, choices=sorted(THEMES), help="dark (default) or light"
    )
    check.add_argument(
        "--tex-dir", default=None, help="keep the LaTeX cache here between runs (default: none)"
    )
    check.add_argument(
        "--presets", default=str(PRESETS_FILE), help="presets file (default: scenes.toml)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "list":
        return _list()
    if args.command == "params":
        return _params(args.name)
    if args.command == "gallery":
        return _gallery(args)
    if args.command == "standard":
        return _standard(args)
    signal.signal(signal.SIGTERM, _on_sigterm)
    command, untouched = {
        "slides": (_slides, "the previous deck is untouched"),
        "lecture": (_lecture, "finished clips are installed, the previous lecture is untouched"),
    }.get(args.command, (_render, "finished renders are installed, earlier files are untouched"))
    try:
        return command(args)
    except KeyboardInterrupt as stop:
        terminated = isinstance(stop, Terminated)
        what = "terminated" if terminated else "interrupted"
        print(f"\n{what}: {untouched}", file=sys.stderr)
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
