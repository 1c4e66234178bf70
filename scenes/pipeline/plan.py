"""Planning renders: every render asked for, validated before anything is written.

:func:`plan` turns scene names, presets, ``--set`` and sweeps into
:class:`~scenes.pipeline.jobs.RenderJob` values; :func:`with_outputs` adds the theme and
the extra formats; :func:`is_up_to_date` says which of them can be skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from scenes import catalog, presets
from scenes.kit.palettes import DEFAULT_THEME, THEMES
from scenes.parameters import ParamError, build, params_hash, parse_assignments, to_plain
from scenes.pipeline.hashing import input_hash
from scenes.pipeline.jobs import FORMATS, QUALITIES, RenderJob
from scenes.sweeps import expand


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
    # Every render planned below is built (and checked) in full on its own.
    all_presets, declared = presets.load_all(presets_file, check=False)
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


def expected_seconds(job: RenderJob) -> float:
    """How long this render took last time (from its sidecar), else a rough guess.

    Unknown renders count as long, so they start early rather than last.
    """
    _, _, sidecar = job.outputs()
    try:
        return float(json.loads(sidecar.read_text(encoding="utf-8"))["render_seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        q = QUALITIES[job.quality]
        return 1e6 + q.width * q.height * q.fps


def longest_first(jobs: Iterable[RenderJob]) -> list[RenderJob]:
    """Longest renders first, so parallel workers finish at about the same time."""
    return sorted(jobs, key=expected_seconds, reverse=True)
