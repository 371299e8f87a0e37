"""The Dask engine (framing.scoring.distributed): the local engine's scores, in input order."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import framing
from framing.errors import UsageError
from framing.model import Article, ArticleScore
from framing.scoring.distributed import CHUNKS_IN_FLIGHT_PER_THREAD, score_on_dask
from framing.scoring.scorer import Scorer
from framing.settings import ScoringSettings

# framing.scoring.distributed imports Dask only when called, so the imports above work without.
distributed = pytest.importorskip(
    "distributed", reason='the Dask engine is optional: pip install -e ".[dask]" to test it'
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WORKERS = 2


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """The address of a cluster of two worker processes, shared by this module's tests."""
    with distributed.LocalCluster(
        n_workers=WORKERS,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # not 8787, so no warning
    ) as local_cluster:
        yield local_cluster.scheduler_address


@pytest.fixture(scope="module")
def articles(make_article: Callable[[str, str, list[str]], Article]) -> list[Article]:
    """The five seeds and 36 articles rebuilt from their paragraphs, rotated, plus an empty one."""
    seeds = framing.read_corpus([SEEDS]).articles
    built = list(seeds)
    for index in range(36):
        seed = seeds[index % len(seeds)]
        paragraphs = [p for p in seed.text.split("\n") if p.strip()]
        turn = index % len(paragraphs)
        built.append(
            make_article(f"{seed.id}-{index}", seed.outlet, paragraphs[turn:] + paragraphs[:turn])
        )
    built.append(make_article("empty", "Nobody", []))
    return built


@pytest.fixture(scope="module")
def lexicon() -> framing.Lexicon:
    return framing.read_lexicon()


@pytest.fixture(scope="module")
def expected(articles: list[Article], lexicon: framing.Lexicon) -> list[ArticleScore]:
    local = Scorer(lexicon)
    return [local.score(article) for article in articles]


def test_scores_equal_the_local_engine_in_input_order(
    cluster: str, articles: list[Article], lexicon: framing.Lexicon, expected: list[ArticleScore]
) -> None:
    # chunk=3 makes 14 chunks, more than the 4 allowed in flight on two workers.
    scores = list(score_on_dask(articles, Scorer(lexicon), scheduler=cluster, chunk=3))
    assert [score.article.id for score in scores] == [article.id for article in articles]
    assert scores == expected


def test_a_local_cluster_is_started_and_shut_down(
    articles: list[Article], lexicon: framing.Lexicon, expected: list[ArticleScore]
) -> None:
    psutil = pytest.importorskip("psutil")
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    scores = list(score_on_dask(articles[:12], Scorer(lexicon), workers=WORKERS, chunk=5))
    assert scores == expected[:12]
    deadline = time.monotonic() + 10
    while (started := _new_children(psutil, before)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started == set(), "the local cluster's worker processes outlived the scores"


def _new_children(psutil: ModuleType, before: set[int]) -> set[int]:
    """Processes started since ``before``, but multiprocessing's resource tracker, which the
    first cluster of this test process starts and which lives as long as this process."""
    found = set()
    for child in psutil.Process().children(recursive=True):
        try:
            if child.is_running() and "resource_tracker" not in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.Error:  # gone while we looked
            continue
    return found - before


def test_articles_are_read_lazily(
    cluster: str, articles: list[Article], lexicon: framing.Lexicon, expected: list[ArticleScore]
) -> None:
    read = 0

    def reading() -> Iterator[Article]:
        nonlocal read
        for article in articles:
            read += 1
            yield article

    scores = score_on_dask(reading(), Scorer(lexicon), scheduler=cluster, chunk=2)
    assert next(scores) == expected[0]
    # No more than the chunks allowed in flight have been taken from the input.
    assert read <= CHUNKS_IN_FLIGHT_PER_THREAD * WORKERS * 2 < len(articles)
    assert [expected[0], *scores] == expected


def test_closing_early_releases_the_work_on_the_cluster(
    cluster: str, articles: list[Article], lexicon: framing.Lexicon
) -> None:
    scores = score_on_dask(articles, Scorer(lexicon), scheduler=cluster, chunk=2)
    next(scores)
    scores.close()
    with distributed.Client(cluster, set_as_default=False) as client:
        deadline = time.monotonic() + 10
        while (left := client.run_on_scheduler(_task_count)) and time.monotonic() < deadline:
            time.sleep(0.1)
    assert left == 0


def _task_count(dask_scheduler: Any) -> int:  # a distributed.Scheduler
    return len(dask_scheduler.tasks)


def test_each_run_uses_its_own_scorer(
    cluster: str, articles: list[Article], lexicon: framing.Lexicon, expected: list[ArticleScore]
) -> None:
    # Same articles, another threshold: a result cached from the first run would be wrong here.
    strict = Scorer(lexicon, ScoringSettings(sentiment_threshold=0.5))
    scores = list(score_on_dask(articles, strict, scheduler=cluster))
    assert scores == [strict.score(article) for article in articles]
    assert scores != expected


def test_empty_input_yields_nothing(cluster: str, lexicon: framing.Lexicon) -> None:
    assert list(score_on_dask([], Scorer(lexicon), scheduler=cluster)) == []


def test_an_unreachable_scheduler_is_a_usage_error(lexicon: framing.Lexicon) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    scores = score_on_dask([], Scorer(lexicon), scheduler=address, connect_timeout=1)
    with pytest.raises(UsageError, match=f"cannot reach a Dask scheduler at '{address}'"):
        next(scores)


def test_a_server_that_never_answers_is_a_usage_error(lexicon: framing.Lexicon) -> None:
    # dask's own Client waits forever here, whatever its timeout.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        accepted: list[socket.socket] = []
        threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True).start()
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        scores = score_on_dask([], Scorer(lexicon), scheduler=address, connect_timeout=1)
        with pytest.raises(UsageError, match=f"cannot reach a Dask scheduler at '{address}'"):
            next(scores)
        for connection in accepted:
            connection.close()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"workers": 0}, "the number of Dask workers must be at least 1, not 0"),
        ({"chunk": 0}, "the number of articles per Dask task must be at least 1, not 0"),
    ],
)
def test_bad_arguments_fail_before_any_work(
    lexicon: framing.Lexicon, options: dict[str, int], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        score_on_dask([], Scorer(lexicon), **options)  # type: ignore[arg-type]


def test_without_dask_the_error_says_what_to_install(
    lexicon: framing.Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(UsageError, match=r'pip install "framing\[dask\]"'):
        score_on_dask([], Scorer(lexicon))


def test_the_report_on_a_cluster_is_byte_identical_to_the_local_one(
    cluster: str, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from framing.cli import app

    runner = CliRunner()
    folders = {}
    for name, options in (
        ("local", ["--jobs", "1"]),
        ("cluster", ["--engine", "dask", "--scheduler", cluster]),
        ("with-store", ["--engine", "dask", "--scheduler", cluster, "--store",
                        str(tmp_path / "s.sqlite")]),
    ):  # fmt: skip
        out = tmp_path / name
        done = runner.invoke(app, ["report", str(SEEDS), "--out", str(out), "--no-store", *options])
        assert done.exit_code == 0, done.output
        folders[name] = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "manifest.json"}
    assert folders["cluster"] == folders["local"]
    assert folders["with-store"] == folders["local"]


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from framing.cli import app

    done = CliRunner().invoke(app, ["score", str(SEEDS), "--scheduler", "tcp://127.0.0.1:1"])
    assert done.exit_code == 1
    assert "--scheduler: only with --engine dask" in done.output


def test_a_report_on_a_cluster_of_its_own_equals_one_process_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    """`framing report --engine dask` on a cluster it starts: the same bytes as `--jobs 1`, and
    when the command has exited nothing it started (scheduler, workers, the resource tracker)
    is still running."""
    child = _in_session(["report", str(SEEDS), "--out", str(tmp_path / "dask"), "--no-store",
                         "--engine", "dask", "--jobs", "2"])  # fmt: skip
    _, stderr = child.communicate(timeout=300)
    assert child.returncode == 0, stderr
    assert _left_in_session(child.pid) == [], "processes of `framing report` outlived it"
    one = _in_session(["report", str(SEEDS), "--out", str(tmp_path / "one"), "--no-store",
                       "--jobs", "1"])  # fmt: skip
    _, stderr = one.communicate(timeout=300)
    assert one.returncode == 0, stderr
    assert _folder(tmp_path / "dask") == _folder(tmp_path / "one")


# Scores articles made from the seeds, without end, on a cluster of its own, behind the
# command line's handling of Ctrl-C and SIGTERM, closing the scores when stopped as the
# command line does; says "scoring" once results come back.
ENDLESS_SCORING = """
import contextlib, dataclasses, itertools, sys
import typer
import framing
from framing.cli_options import errors_reported
from framing.scoring.distributed import score_on_dask
from framing.scoring.scorer import Scorer

seeds = framing.read_corpus([sys.argv[1]]).articles
endless = (dataclasses.replace(seeds[n % len(seeds)], id=str(n)) for n in itertools.count())
try:
    with errors_reported(), contextlib.closing(
        score_on_dask(endless, Scorer(framing.read_lexicon()), workers=2, chunk=2)
    ) as scores:
        for done, _ in enumerate(scores):
            if done == 4:
                print("scoring", flush=True)
except typer.Exit as stop:
    sys.exit(stop.exit_code)
"""


STOPPED = "every file written is complete, none is partial."


@pytest.mark.parametrize(
    ("stop", "status", "said"), [("ctrl-c", 130, "Interrupted"), ("sigterm", 143, "Terminated")]
)
def test_a_stopped_run_stops_its_cluster(stop: str, status: int, said: str) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) or SIGTERM to the
    process, while the workers score: one line, the usual status, and no process left."""
    import signal

    child = _in_session(["-c", ENDLESS_SCORING, str(SEEDS)], module=False)
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == "scoring\n", child.communicate(timeout=60)[1]
        if stop == "ctrl-c":
            os.killpg(child.pid, signal.SIGINT)
        else:
            os.kill(child.pid, signal.SIGTERM)
        _, stderr = child.communicate(timeout=120)
        # One line: no worker prints a traceback of its own.
        assert (child.returncode, stderr.strip()) == (status, f"{said}; {STOPPED}")
        assert _left_in_session(child.pid) == [], f"processes outlived the {stop}"
    finally:  # a run that did not stop scores for ever: it must not outlive the test
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)


def test_an_error_on_a_worker_reaches_the_caller_and_the_cluster_stops(
    articles: list[Article], lexicon: framing.Lexicon
) -> None:
    psutil = pytest.importorskip("psutil")
    before = {child.pid for child in psutil.Process().children(recursive=True)}

    def failing_preparation(score: ArticleScore) -> object:  # sent to the workers by value
        if score.article.id.endswith("-7"):
            raise ValueError(f"cannot prepare {score.article.id}")
        return None

    failing = Scorer(lexicon, prepare=failing_preparation)
    with pytest.raises(ValueError, match=r"cannot prepare .*-7"):
        list(score_on_dask(articles, failing, workers=WORKERS, chunk=4))
    deadline = time.monotonic() + 10
    while (started := _new_children(psutil, before)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started == set(), "the local cluster's worker processes outlived the error"


def _in_session(arguments: list[str], *, module: bool = True) -> subprocess.Popen[str]:
    """``python -m framing ARGUMENTS`` (or ``python ARGUMENTS``) in a session of its own:
    whatever it starts stays in that session, even once orphaned."""
    root = Path(__file__).resolve().parent.parent
    return subprocess.Popen(
        [sys.executable, *(["-m", "framing"] if module else []), *arguments],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _left_in_session(session: int) -> list[int]:
    """The processes of ``session`` still running after a few seconds' grace."""
    psutil = pytest.importorskip("psutil")

    def running() -> list[int]:
        found = []
        for process in psutil.process_iter():
            try:
                if os.getsid(process.pid) == session and process.status() != "zombie":
                    found.append(process.pid)
            except (OSError, psutil.Error):  # gone while we looked
                continue
        return found

    deadline = time.monotonic() + 10
    while (left := running()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _folder(out: Path) -> dict[str, bytes]:
    """Every file of a report folder but manifest.json (which holds timings)."""
    return {p.name: p.read_bytes() for p in out.iterdir() if p.name != "manifest.json"}
