"""Scoring needs no network and no downloaded data (NLTK, models): prove it with sockets blocked."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

GUARDED_RUN = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access attempted during an offline test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from framing.cli import main
sys.argv = ["framing", "score", sys.argv[1], "--out", sys.argv[2]]
try:
    main()
except SystemExit as done:
    if done.code:
        raise
assert "nltk" not in sys.modules, "NLTK was imported"
"""


def test_scoring_works_with_the_network_blocked_and_no_nltk_data(tmp_path: Path) -> None:
    env = {
        "HOME": str(tmp_path / "home"),
        "NLTK_DATA": str(tmp_path / "no-nltk-data"),
        "PATH": "/usr/bin:/bin",
        "PYTHONNOUSERSITE": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", GUARDED_RUN, str(SEEDS), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "articles.csv").read_text("utf-8"))))
    assert len(rows) == 5
    assert all(row["flesch_reading_ease"] and row["sentiment_compound_mean"] for row in rows)
