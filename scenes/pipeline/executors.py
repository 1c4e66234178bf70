"""Running planned renders: skip the up-to-date ones, render the rest in a local process
pool (or on a Dask cluster, :mod:`scenes.pipeline.cluster`), report progress."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from scenes.pipeline.jobs import RenderJob, RenderResult
from scenes.pipeline.plan import is_up_to_date, longest_first
from scenes.pipeline.produce import init_worker, render_safely
from scenes.pipeline.progress import Progress

Executor = Callable[[Sequence[RenderJob]], Iterable[RenderResult]]
#: Seconds an interrupted worker has to end its render before it is killed.
STOP_GRACE_S = 10.0


def _remove_empty_staging(jobs: Iterable[RenderJob]) -> None:
    for out_dir in {job.out_dir for job in jobs}:
        try:
            (Path(out_dir) / ".tmp").rmdir()
        except OSError:
            pass  # absent, or another render is still using it


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
    that cluster instead (see :mod:`scenes.pipeline.cluster`); it is connected to before
    anything else, and :class:`ParamError` says so if no scheduler answers.
    """
    try:
        if cluster is None:
            return _run(jobs, executor=local_pool(n_jobs), force=force, stream=stream)
        from scenes.pipeline import cluster as dask_cluster

        with dask_cluster.connect(cluster) as client:

            def on_cluster(todo: Sequence[RenderJob]) -> Iterable[RenderResult]:
                return dask_cluster.render_all(client, todo, shared_out=shared_out)

            return _run(jobs, executor=on_cluster, force=force, stream=stream)
    finally:
        _remove_empty_staging(jobs)


def _run(
    jobs: Sequence[RenderJob], *, executor: Executor, force: bool, stream: TextIO
) -> list[RenderResult]:
    results: list[RenderResult] = []
    with Progress(len(jobs), stream) as progress:
        todo = []
        for job in jobs:
            if not force and is_up_to_date(job):
                result = RenderResult(job.stem, "skipped", 0.0)
                results.append(result)
                progress.update(result)
            else:
                todo.append(job)
        if todo:
            finished = iter(executor(todo))  # results as they finish
            try:
                for result in finished:
                    results.append(result)
                    progress.update(result)
            finally:
                # A generator (the pool, the cluster) shuts down its workers now, not
                # when it is collected: an interrupt stops every render at once.
                close = getattr(finished, "close", None)
                if close is not None:
                    close()
    return results


def local_pool(n_jobs: int) -> Executor:
    """Renders in this process (one worker) or in up to ``n_jobs`` spawned processes,
    each importing Manim once and reused, longest renders first."""

    def execute(todo: Sequence[RenderJob]) -> Iterable[RenderResult]:
        workers = max(1, min(n_jobs, len(todo)))
        if workers == 1:
            for job in todo:
                yield render_safely(job)
            return
        context = multiprocessing.get_context("spawn")
        slots = context.Value("i", 0)
        pool = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=context, initializer=init_worker, initargs=(slots,)
        )
        try:
            futures = [pool.submit(render_safely, job) for job in longest_first(todo)]
            for future in concurrent.futures.as_completed(futures):
                yield future.result()
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM) or failed: end the renders under way now
            # rather than let them finish and install; their scratch is removed by the
            # folder's lock (scenes.pipeline.lock) on the way out.
            processes = list(getattr(pool, "_processes", {}).values())
            for process in processes:
                process.terminate()
            # A worker ends its render as an exception (its SIGTERM handler); one that
            # does not within STOP_GRACE_S (stuck in a long C call on a loaded machine)
            # is killed, so that the pool's shutdown below never waits on it.
            deadline = time.monotonic() + STOP_GRACE_S
            for process in processes:
                process.join(max(0.0, deadline - time.monotonic()))
            for process in processes:
                if process.is_alive():
                    process.kill()
                    process.join()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            del pool, slots  # the counter's semaphore is released, not reported leaked

    return execute
