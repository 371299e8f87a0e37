"""`framing report` with the local engine (`--jobs J`) and with `--engine dask` on a local cluster
of J workers, side by side in one run, on the same corpus and the same cores.

Both commands run as a user runs them, in fresh processes, writing every table and the HTML
(`--no-store`, so that neither gains from stored scores). Each round runs both engines, in
alternating order (local first in odd rounds, Dask first in even ones), so that a change in the
machine's load falls on both. Every run prints its wall time and its CPU time (user + system
of the command, its worker processes and, for Dask, the nannies' worker processes: everything
it waited for), then the ratios Dask / local per round and over all rounds. With ``--check``
the first round's two reports are compared file by file (manifest.json, which holds timings,
aside) with a `--jobs 1` report. The last line is one JSON object.

Usage: python benchmarks/engines.py [--articles N | --input CSV] [--jobs J] [--rounds R] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import CORPORA, CORPUS_HELP, run_framing, write_corpus

ENGINES = {"local": [], "dask": ["--engine", "dask"]}


def differing(first: Path, second: Path) -> list[str]:
    """Files that differ between two report folders (manifest.json aside)."""
    names = {p.name for p in first.iterdir()} | {p.name for p in second.iterdir()}
    return sorted(
        name
        for name in names - {"manifest.json"}
        if not (first / name).is_file()
        or not (second / name).is_file()
        or (first / name).read_bytes() != (second / name).read_bytes()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--input", type=Path, help="an existing corpus instead of a new one")
    parser.add_argument("--corpus", choices=CORPORA, default="news", help=CORPUS_HELP)
    parser.add_argument("--jobs", type=int, default=2, help="local workers, and Dask workers")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="compare with a --jobs 1 report")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        export = options.input
        if export is None:
            export = base / "articles.csv"
            write_corpus(options.corpus, options.articles, export)
        print(f"corpus {export}, --jobs {options.jobs}, {options.rounds} rounds", flush=True)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in ENGINES}
        for round_number in range(1, options.rounds + 1):
            order = list(ENGINES) if round_number % 2 else list(reversed(ENGINES))
            for name in order:
                out = base / f"{name}-{round_number}"
                run = run_framing(["report", str(export), "--out", str(out), "--no-store",
                                   "--jobs", str(options.jobs), *ENGINES[name]])  # fmt: skip
                times[name].append((run.seconds, run.cpu_seconds))
                print(f"round {round_number} {name:<6} {run.seconds:8.2f} s wall "
                      f"{run.cpu_seconds:8.2f} s CPU", flush=True)  # fmt: skip
            local, dask = times["local"][-1], times["dask"][-1]
            print(f"round {round_number} dask / local: {dask[0] / local[0]:.3f} wall, "
                  f"{dask[1] / local[1]:.3f} CPU", flush=True)  # fmt: skip
        figures: dict[str, object] = {"corpus": str(export), "jobs": options.jobs,
                                      "rounds": options.rounds}  # fmt: skip
        for name, runs in times.items():
            figures[f"{name}_seconds"] = [round(wall, 2) for wall, _cpu in runs]
            figures[f"{name}_cpu_seconds"] = [round(cpu, 2) for _wall, cpu in runs]
        for unit, index in (("wall", 0), ("cpu", 1)):
            total = {name: sum(run[index] for run in runs) for name, runs in times.items()}
            figures[f"dask_over_local_{unit}"] = round(total["dask"] / total["local"], 3)
        print(f"all rounds, dask / local: {figures['dask_over_local_wall']} wall, "
              f"{figures['dask_over_local_cpu']} CPU")  # fmt: skip
        if options.check:
            one = base / "jobs-1"
            run_framing(["report", str(export), "--out", str(one), "--no-store", "--jobs", "1"])
            for name in ENGINES:
                figures[f"{name}_differs_from_jobs_1"] = differing(base / f"{name}-1", one)
                print(f"{name} vs --jobs 1: differing files "
                      f"{figures[f'{name}_differs_from_jobs_1'] or 'none'}")  # fmt: skip
        print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
