"""Rendering on a Dask cluster: ``python -m scenes render ... --cluster tcp://HOST:PORT``.

Each render is one task on an existing Dask ``distributed`` cluster. A worker runs the
same :func:`scenes.pipeline.produce.produce` as a local render, into a staging folder of its own,
and sends the finished files back as bytes (or leaves them in a staging folder under
``--shared-out DIR``, a folder every machine mounts at the same path). The client then
writes them into a staging folder inside the output folder and moves them into place
with :func:`scenes.pipeline.produce.install`, the sidecar last, exactly as a local render does:
a render lost with its worker leaves nothing behind, and the scheduler runs it again
on another worker.

Workers must run one thread each (``dask worker ... --nthreads 1``): Manim's
configuration is one global object, so two renders in one process would share it. A
lock here makes renders in one worker process take turns if a worker has more threads.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from scenes.parameters import ParamError
from scenes.pipeline.jobs import RenderJob, RenderResult, manim_version
from scenes.pipeline.plan import longest_first
from scenes.pipeline.produce import install, produce, staging_folder

if TYPE_CHECKING:
    from distributed import Client, Future

#: Seconds to wait for the scheduler before giving up with a one-line error.
CONNECT_TIMEOUT = 5.0
#: Extra attempts for a render that raised an error. A render whose worker died is
#: rescheduled by the scheduler itself (up to ``distributed.scheduler.allowed-failures``).
RETRIES = 1

_ADDRESS = re.compile(r"tcp://(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):(?P<port>[0-9]{1,5})")
_RENDER_LOCK = threading.Lock()


def check_address(address: str) -> str:
    """Return ``address`` if it is ``tcp://HOST:PORT``; raise :class:`ParamError` if not."""
    match = _ADDRESS.fullmatch(address)
    if match is None or not 1 <= int(match["port"]) <= 65535:
        raise ParamError(
            f"render: --cluster got {address!r}; allowed: a Dask scheduler address "
            "tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786)"
        )
    return address


def connect(address: str, timeout: float = CONNECT_TIMEOUT) -> Client:
    """A client of the scheduler at ``address``; :class:`ParamError` if none answers."""
    check_address(address)
    try:
        from distributed import Client
    except ImportError as err:
        raise ParamError(
            "render: --cluster needs the 'distributed' package: "
            "pip install -c constraints.txt -e '.[cluster]'"
        ) from err
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise ParamError(
            f"render: --cluster {address}: no Dask scheduler answered within {timeout:g} s "
            f"({type(err).__name__}); start one with 'dask scheduler' and check the address"
        ) from err


def _worker_folder() -> Path:
    """This worker's own scratch folder (its Dask local directory, else a temp folder)."""
    try:
        from distributed import get_worker

        base = Path(get_worker().local_directory)
    except (ImportError, ValueError):  # not inside a Dask worker (a direct call)
        base = Path(tempfile.gettempdir())
    folder = base / "mlmath-viz"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def render_task(
    job: RenderJob, shared_dir: str | None = None, manim: str | None = None
) -> dict[str, Any]:
    """Run on a worker: render ``job`` and hand back its files.

    Returns ``made`` (the paths :func:`install` takes, sidecar last), ``seconds``
    and either ``files`` and ``dirs`` (the contents as bytes, paths relative to the
    staging folder) or, with ``shared_dir``, ``staging``: the folder holding them.
    ``manim`` is the client's Manim version; a worker with another one refuses, since
    its pictures would not match the sidecar's ``input_hash``. (The scene code itself
    is not compared: every worker must run the client's checkout, see the README.)
    """
    started = time.monotonic()
    if manim is not None and manim_version() != manim:
        raise RuntimeError(
            f"this worker has Manim {manim_version()}, the client {manim}; "
            "install the same checkout on every worker (pip install -c constraints.txt -e .)"
        )
    local = _worker_folder()
    # The LaTeX cache (manim_config puts it under out_dir) stays on this worker.
    worker_job = replace(job, out_dir=str(local))
    if shared_dir is None:
        staging = Path(tempfile.mkdtemp(prefix=f"{job.stem}-", dir=local))
    else:
        Path(shared_dir).mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{job.stem}-", dir=shared_dir))
    try:
        with _RENDER_LOCK:
            made = produce(worker_job, staging)
        result: dict[str, Any] = {
            "made": [p.as_posix() for p in made],
            "seconds": time.monotonic() - started,
        }
        if shared_dir is not None:
            result["staging"] = str(staging)
            return result
        files: dict[str, bytes] = {}
        dirs: list[str] = []
        for relative in made:
            path = staging / relative
            if path.is_dir():
                dirs.append(relative.as_posix())
                for inner in sorted(path.rglob("*")):
                    key = inner.relative_to(staging).as_posix()
                    if inner.is_dir():
                        dirs.append(key)
                    else:
                        files[key] = inner.read_bytes()
            else:
                files[relative.as_posix()] = path.read_bytes()
        result["files"] = files
        result["dirs"] = dirs
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return result


def _relative(text: str) -> Path:
    """A path sent back by a worker, checked to stay inside the staging folder."""
    path = PurePosixPath(text)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise RuntimeError(f"worker sent an unsafe path {text!r}")
    return Path(*path.parts)


def _install(job: RenderJob, payload: dict[str, Any]) -> None:
    """Write a worker's files into a local staging folder, then move them into place."""
    made = [_relative(p) for p in payload["made"]]
    staging = staging_folder(job)
    try:
        if "staging" in payload:
            remote = Path(payload["staging"])
            for relative in made:
                if (remote / relative).is_dir():
                    shutil.copytree(remote / relative, staging / relative)
                else:
                    shutil.copyfile(remote / relative, staging / relative)
            shutil.rmtree(remote, ignore_errors=True)
        else:
            for folder in payload["dirs"]:
                (staging / _relative(folder)).mkdir(parents=True, exist_ok=True)
            for name, data in payload["files"].items():
                target = staging / _relative(name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        install(job, staging, made)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def render_all(
    client: Client, jobs: Sequence[RenderJob], *, shared_out: str | None = None
) -> Iterator[RenderResult]:
    """Submit every job to the cluster (longest first) and yield results as they finish.

    A render that fails (or whose worker keeps dying) gives a ``failed`` result with a
    one-line error, like a local failure; the other renders carry on.
    """
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:12]
    shared_dir = None
    if shared_out is not None:
        shared_dir = str(Path(shared_out).resolve() / ".tmp" / run_id)
    futures: dict[Future, RenderJob] = {}
    started = time.monotonic()
    try:
        for job in longest_first(jobs):
            future = client.submit(
                render_task,
                job,
                shared_dir,
                manim_version(),
                key=f"mlmath-render-{job.stem}-{run_id}",
                retries=RETRIES,
                pure=False,
            )
            futures[future] = job
        for future in as_completed(futures, loop=client.loop):
            job = futures[future]
            try:
                payload = future.result()
                _install(job, payload)
                yield RenderResult(job.stem, "rendered", float(payload["seconds"]))
            except Exception as err:  # one bad render must not stop the others
                message = f"{type(err).__name__}: {err}".splitlines()[0]
                yield RenderResult(job.stem, "failed", time.monotonic() - started, message)
            finally:
                future.release()
    finally:
        client.cancel([f for f in futures if not f.done()])
        if shared_dir is not None:
            shutil.rmtree(shared_dir, ignore_errors=True)
            try:
                Path(shared_dir).parent.rmdir()
            except OSError:
                pass  # another run is still using it
