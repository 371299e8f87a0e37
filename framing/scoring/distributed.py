"""Score articles on a Dask cluster: the local engine's scores, from many machines.

Optional: it needs ``pip install "framing[dask]"``, and every worker needs framing installed
at the same version. Chunks of articles are the unit of work, as for the local worker pool in
:mod:`framing.scoring.scorer`, and come back in input order, so the scores are identical.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import threading
import uuid
import weakref
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from itertools import islice
from typing import TYPE_CHECKING

from framing.errors import UsageError
from framing.model import Article, ArticleScore
from framing.scoring.scorer import (
    CHUNK_ARTICLES,
    STOP_POLL_SECONDS,
    Engine,
    Scored,
    Scorer,
    Stopping,
    Work,
)
from framing.signals import stops_deferred, stops_noted

if TYPE_CHECKING:
    from concurrent.futures import Future as Started

    from distributed import Client, Future, LocalCluster

# How long to wait for a scheduler to answer, and for it to have at least one worker.
CONNECT_TIMEOUT_SECONDS = 10.0
# Enough chunks queued to keep every worker thread busy while the next result travels back,
# few enough that memory stays flat however large the corpus. With two (the local pool keeps
# three per worker) the workers waited on the main process: 1.45x the local time at 10,000
# articles on 2 cores; with four, and no work stealing, 1.04x to 1.19x (noisy runs).
CHUNKS_IN_FLIGHT_PER_THREAD = 4
# Dask settings for a cluster that framing starts on this machine. Each server of the cluster
# (the scheduler and the nannies in this process, and each worker) wakes up on timers whose
# only use is a dashboard or a log line, and every wake-up takes the interpreter lock from the
# scoring: idle, the workers and this process used 0.024 and 0.031 CPU seconds per second
# with Dask's defaults, 0.002 and 0.007 with these.
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    # Work stealing rebalances queued tasks every 100 ms; with a few chunks in flight per
    # worker there is nothing to rebalance.
    "distributed.scheduler.work-stealing": False,
    # The statistical profiler samples every worker's threads every 10 ms, for the dashboard.
    "distributed.worker.profile.enabled": False,
    # How late each event loop runs, measured every 20 ms, is only logged (above 3 s).
    "distributed.admin.tick.interval": "1s",
    # Ctrl-C, SIGTERM and closing: see dask_setup and dask_teardown.
    "distributed.worker.preload": [__name__],
}


def score_on_dask(
    articles: Iterable[Article],
    scorer: Scorer,
    scheduler: str | None = None,
    workers: int = 2,
    chunk: int = CHUNK_ARTICLES,
    *,
    connect_timeout: float = CONNECT_TIMEOUT_SECONDS,
) -> Generator[ArticleScore, None, None]:
    """Scores of ``articles`` in input order, computed on a Dask cluster.

    ``scheduler=None`` starts a cluster of ``workers`` processes on this machine and shuts it
    down when the iterator is exhausted, closed or garbage-collected; an address such as
    ``"tcp://host:8786"`` uses a running cluster instead (``workers`` is then ignored). The
    scorer is warmed here and sent to every worker once; ``articles`` is read lazily, ``chunk``
    articles per task, with at most four chunks per worker thread in flight.

    The result is identical to ``scorer.score(article) for article in articles``.
    Raises :class:`UsageError` at once when Dask is not installed or an argument is out of
    range, and on the first ``next()`` when the scheduler cannot be reached within
    ``connect_timeout`` seconds, has no workers, or a worker runs another version of framing.
    """
    if chunk < 1:
        raise UsageError(f"the number of articles per Dask task must be at least 1, not {chunk}")
    engine = dask_engine(scheduler, workers, connect_timeout=connect_timeout)
    work = ([Work(article) for article in batch] for batch in _batches(articles, chunk))
    return (scored.score for chunk in engine(scorer, work) for scored in chunk)


def dask_engine(
    scheduler: str | None = None,
    workers: int = 2,
    *,
    connect_timeout: float = CONNECT_TIMEOUT_SECONDS,
) -> Engine:
    """The engine (see :func:`framing.scoring.scorer.score_articles`) that scores chunks of work
    on a Dask cluster: a new local one of ``workers`` processes, or the one at ``scheduler``."""
    if workers < 1:
        raise UsageError(f"the number of Dask workers must be at least 1, not {workers}")
    try:
        import distributed  # noqa: F401  (only to fail here, before any work)
    except ImportError as error:
        raise UsageError(
            f"the Dask engine needs dask.distributed, which cannot be imported ({error}); "
            'install it with: pip install "framing[dask]"'
        ) from error

    def run(scorer: Scorer, chunks: Iterator[list[Work]]) -> Iterator[list[Scored]]:
        return _scores(chunks, scorer, scheduler, workers, connect_timeout)

    return run


def _scores(
    chunks: Iterator[list[Work]],
    scorer: Scorer,
    scheduler: str | None,
    workers: int,
    connect_timeout: float,
) -> Generator[list[Scored], None, None]:
    cluster: LocalCluster | None = None
    client: Client | None = None
    try:
        if scheduler is None:
            cluster = _local_cluster(workers, scorer)
            client = _client(cluster)
        else:
            client = _connect(scheduler, connect_timeout)
            _check_workers(client, scheduler, connect_timeout)
            scorer.warm()
        yield from _score_chunks(client, chunks, scorer)
    finally:
        # Closing the client releases whatever is still in flight on the cluster.
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _local_cluster(workers: int, scorer: Scorer) -> LocalCluster:
    """A new cluster of ``workers`` processes on this machine, with ``scorer`` warmed.

    The scorer is warmed here while the workers start (each imports Dask and framing anew):
    sent warm, its copies come with the pronouncing dictionary's table (3.7 MB, unpickled in
    0.15 s) instead of each worker reading the dictionary again (1.1 s).
    """
    from distributed import LocalCluster

    def start() -> LocalCluster:
        import dask.config
        from distributed.gc import disable_gc_diagnosis

        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(**_local_cluster_options(workers))
        # The scheduler, here in this process, times every full garbage collection from a
        # callback; a Ctrl-C that arrives during one is lost ("Exception ignored in"), and the
        # run goes on. Only a log line comes of the timing.
        disable_gc_diagnosis()
        return cluster

    with ThreadPoolExecutor(max_workers=1) as starter:
        starting = starter.submit(start)
        try:
            # Until the garbage collection callback is gone (see start), a Ctrl-C or SIGTERM
            # could be lost in it: they are held back, and delivered once the cluster is up.
            with stops_deferred():
                scorer.warm()
                return starting.result()
        except BaseException:
            # Stopped before the cluster was ours: it is shut down as soon as it is up, before
            # this exception goes further.
            starting.add_done_callback(_close_started)
            raise


def _close_started(started: Started[LocalCluster]) -> None:
    if not started.cancelled() and started.exception() is None:
        started.result().close()


def _client(cluster: LocalCluster) -> Client:
    from distributed import Client

    with stops_deferred():
        return Client(cluster, set_as_default=False)


def _local_cluster_options(workers: int) -> dict[str, object]:
    """Keyword arguments of ``distributed.LocalCluster`` for a quiet cluster on this machine.

    One single-threaded process per worker, as for the local engine. There is no dashboard, and
    the scheduler's small HTTP server (health checks) takes any free port on localhost instead
    of 8787, which a second cluster would find taken and warn about. Only errors are logged:
    stopping early (Ctrl-C, or a consumer that closes the iterator) otherwise logs a warning
    per cancelled task, which reads like a failure.
    """
    return {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "dashboard_address": None,
        "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"},
        "silence_logs": logging.ERROR,
    }


def _score_chunks(
    client: Client, chunks: Iterator[list[Work]], scorer: Scorer
) -> Iterator[list[Scored]]:
    # A fresh key per run, for the scorer and for every task: the cluster must never hand back
    # a result computed by another run's scorer.
    run = f"framing-score-{uuid.uuid4().hex}"
    with stops_deferred():  # the scheduler, stopped while it sends the scorer, logs errors
        shipped_scorer = client.scatter(scorer, broadcast=True, hash=False)
        threads = sum(client.nthreads().values())
    limit = CHUNKS_IN_FLIGHT_PER_THREAD * max(threads, 1)
    pending: deque[Future[list[Scored]]] = deque()
    # Ctrl-C and SIGTERM are noted, not raised, while the run goes on, and looked at while a
    # chunk is awaited: raised, they could land in a finalizer or a callback of Dask's, where
    # Python prints "Exception ignored" and drops them, and the run would never stop.
    with stops_noted() as stops:
        for index, batch in enumerate(chunks):
            pending.append(client.submit(
                _score_on_worker, shipped_scorer, batch, key=f"{run}-{index}", pure=False
            ))  # fmt: skip
            if len(pending) >= limit:
                yield _result(pending.popleft(), stops)
        while pending:
            yield _result(pending.popleft(), stops)


def _result(future: Future[list[Scored]], stops: list[signal.Signals]) -> list[Scored]:
    """The result of ``future``; :class:`Stopping` as soon as a stop is noted in ``stops``
    while it is awaited. The result is taken once the future is done, so a stop never
    interrupts ``Future.result``, which would leave Dask a callback that can fail and print a
    traceback of its own (distributed 2026.8, ``utils.sync``)."""
    finished = threading.Event()
    future.add_done_callback(lambda _: finished.set())
    while not stops:
        if finished.wait(STOP_POLL_SECONDS):
            return future.result()
    raise Stopping


# The scorers this worker process has prepared (one per run that sent it work).
_prepared: weakref.WeakSet[Scorer] = weakref.WeakSet()


def _score_on_worker(scorer: Scorer, work: list[Work]) -> list[Scored]:
    """Score a chunk on a Dask worker, preparing the worker's copy of the scorer first.

    As in the local worker pool: the scorer comes warm (VADER and the pronouncing dictionary
    loaded, so ``warm`` has nothing left to do unless a caller sent it cold), and the objects
    it holds (about 300,000) are frozen out of the garbage collector, which would otherwise
    walk them on every full collection, all through the run.
    """
    if scorer not in _prepared:
        scorer.warm()
        gc.freeze()
        _prepared.add(scorer)
    return scorer.deliver(work)


def dask_setup(worker: object) -> None:
    """Run by Dask when each worker of a cluster that framing starts is set up (the module is
    the workers' "preload", see :data:`LOCAL_CLUSTER_CONFIG`).

    Ctrl-C reaches every process of the terminal's group, and a service manager's SIGTERM
    every process of the service: the worker ignores both, and framing's own process stops
    the cluster and says so once, instead of each worker printing its KeyboardInterrupt
    traceback or dying under the scheduler, which logs the lost scorer as an error. The worker
    stops when its nanny asks (or kills it, if it does not stop in time), or when its nanny's
    queue closes because framing's process died.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def dask_teardown(worker: object) -> None:
    """Run by Dask when a worker of a cluster that framing starts begins to close.

    A heartbeat to the scheduler can be on its way while the worker closes its connections
    (after Ctrl-C, say); Dask then logs the broken connection as an error with a traceback.
    Nothing is lost by then, so the worker says nothing more while it closes.
    """
    logging.getLogger("distributed").setLevel(logging.CRITICAL)


def _batches(articles: Iterable[Article], size: int) -> Iterator[tuple[Article, ...]]:
    iterator = iter(articles)
    while batch := tuple(islice(iterator, size)):
        yield batch


def _connect(address: str, timeout: float) -> Client:
    """A client of the scheduler at ``address``, or a UsageError naming it."""
    from distributed import Client

    # Client(address, timeout=...) waits forever on a server that accepts the connection but
    # never answers, and leaves a half-made client behind on a malformed address; asking the
    # scheduler who it is first, under our own deadline, fails cleanly in both cases. The
    # question is asked from a thread of its own, which works even where an event loop is
    # already running (a Jupyter notebook).
    try:
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, _identify(address, timeout)).result()
        return Client(address, timeout=timeout, set_as_default=False)
    except Exception as error:  # any failure here means "no scheduler at that address"
        reason = str(error) or type(error).__name__
        raise UsageError(
            f"cannot reach a Dask scheduler at {address!r} within {timeout:g} s ({reason}); "
            "check the address (tcp://HOST:PORT, port 8786 by default) and that "
            "`dask scheduler` is running there"
        ) from error


async def _identify(address: str, timeout: float) -> None:
    from distributed.core import rpc

    scheduler = rpc(address, timeout=timeout)
    try:
        identity = await asyncio.wait_for(scheduler.identity(), timeout)
    finally:
        await scheduler.close_rpc()
    if identity.get("type") != "Scheduler":
        raise ValueError(f"it is a Dask {identity.get('type')}, not a scheduler")


def _check_workers(client: Client, address: str, timeout: float) -> None:
    """Fail early, naming the worker, when a worker cannot give the same scores as here."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as error:
        raise UsageError(
            f"the Dask scheduler at {address!r} has no workers (waited {timeout:g} s); "
            f"start some with: dask worker {address}"
        ) from error
    try:
        expected = version("framing")
    except PackageNotFoundError:  # run from a source tree: nothing to compare with
        return
    found = client.run(version, "framing", on_error="return")
    for worker, worker_version in sorted(found.items()):
        if worker_version != expected:
            problem = (
                "does not have framing installed"
                if isinstance(worker_version, BaseException)
                else f"has framing {worker_version}"
            )
            raise UsageError(
                f"the Dask worker {worker} {problem}; this machine has framing {expected}. "
                "Install the same version on every worker, so that scores do not depend on "
                "where they were computed"
            )
