"""Peak memory of `framing score` and `framing report`: one big article, and many articles.

Two measurements, each of `framing` run in a fresh process as a user runs it (peak RSS from
``wait4``: the command's process or its largest worker, not this harness):

- **One big article.** News-like articles (benchmarks/newslike.py) are joined, blank line
  between them, into one .txt file of about the given size; the size limits on input are raised
  (``--max-file-mb``, ``--max-article-chars``) so it is read. Issue 14's target: an 8 MB
  article scored in under 400 MB, memory growing about linearly and modestly with its size.
- **Many articles.** A CSV export of N news-like articles through `framing report`. Target:
  under 2 GB at 100,000 articles, growing less than linearly.

Nothing is asserted; the figures are printed, then one JSON line.

Usage: python benchmarks/memory.py [--article-mb 2,8] [--articles 2000,10000] [--jobs J]
       [--commands score,report]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from measure import Run, run_framing, write_corpus

import framing


def write_big_article(megabytes: float, path: Path) -> int:
    """Join news-like articles into one text of at least ``megabytes`` MB; its characters."""
    from newslike import iter_news_articles

    target = int(megabytes * 2**20)
    parts: list[str] = []
    size = 0
    for article in iter_news_articles(10**7, framing.read_lexicon()):
        parts.append(article.text)
        size += len(article.text.encode("utf-8")) + 2
        if size >= target:
            break
    text = "\n\n".join(parts)
    path.write_text(text, encoding="utf-8")
    return len(text)


def _noted(run: Run, case: str, command: str, **size: float) -> dict[str, object]:
    """Print one measurement and return it as a record for the JSON line."""
    print(f"{case:>22}  framing {command:6}  peak RSS {run.peak_rss_mb:7,.0f} MB  "
          f"({run.cpu_seconds:.0f} CPU-s)", flush=True)  # fmt: skip
    return {"case": case, "command": command, "peak_rss_mb": round(run.peak_rss_mb),
            "cpu_seconds": round(run.cpu_seconds, 1), **size}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article-mb", default="2,8", help="sizes of one big article; '' none")
    parser.add_argument("--articles", default="2000,10000", help="corpus sizes; '' for none")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--commands", default="score,report")
    options = parser.parse_args()
    commands = [c for c in options.commands.split(",") if c]
    runs: list[dict[str, object]] = []
    for megabytes in (float(n) for n in options.article_mb.split(",") if n):
        with tempfile.TemporaryDirectory() as folder:
            inputs = Path(folder) / "in"
            inputs.mkdir()
            chars = write_big_article(megabytes, inputs / "big.txt")
            limits = ["--max-file-mb", str(megabytes * 2 + 1), "--max-article-chars",
                      str(chars + 1)]  # fmt: skip
            for command in commands:
                out = Path(folder) / command
                run = run_framing([command, str(inputs), "--out", str(out),
                                   "--jobs", str(options.jobs), *limits])  # fmt: skip
                runs.append(_noted(run, f"one article of {megabytes:g} MB", command,
                                   mb=megabytes))  # fmt: skip
    for count in (int(n) for n in options.articles.split(",") if n):
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "articles.csv"
            write_corpus("news", count, export)
            for command in commands:
                out = Path(folder) / command
                run = run_framing([command, str(export), "--out", str(out),
                                   "--jobs", str(options.jobs)])  # fmt: skip
                runs.append(_noted(run, f"{count:,} articles", command, articles=count))
    print(json.dumps({"jobs": options.jobs, "runs": runs}, sort_keys=True))


if __name__ == "__main__":
    main()
