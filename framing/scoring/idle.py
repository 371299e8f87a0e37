"""Work the main process does while it would otherwise wait for a worker's chunk of scores.

With several jobs the main process mostly waits during scoring (some 16 of its 30 CPU seconds'
worth of wall time at 2,000 news articles and two jobs), and afterwards it works alone: the
comparison, the stories and the report. Whatever of that later work does not depend on the
scores (above all importing the libraries it uses: scikit-learn and SciPy take seconds to
import) is done in the waits instead, so that it is off the path the user waits on.

The tasks run in the main thread, between two waits, never in a thread of their own: a process
forked while another of its threads holds the import lock can deadlock in the child, and the
report forks helper processes after scoring (:mod:`framing.compare.background`).
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial

# What `framing report` imports after scoring, and where (measured with `python -X importtime`
# at 2,000 articles): scikit-learn's text features for the stories' TF-IDF (about 1.5 CPU s,
# which brings in scipy.stats), SciPy's hierarchical clustering for the clustering of the groups
# (imported in the process forked to cluster, which then inherits it), the special functions and
# sparse matrices of the profiles and the distinguishing terms, the thread-pool limits of the
# comparison's finish, and the table printer of the skipped inputs.
REPORT_FINISH_IMPORTS = (
    "sklearn.feature_extraction.text",
    "scipy.cluster.hierarchy",
    "scipy.special",
    "scipy.sparse",
    "threadpoolctl",
    "framing.render.terminal",
)


class IdleWork:
    """Tasks for the waits of the main process, run one per wait, in the order given."""

    def __init__(self, tasks: Iterable[Callable[[], object]] = ()) -> None:
        self._tasks = deque(tasks)

    @property
    def pending(self) -> int:
        """How many tasks have not run yet."""
        return len(self._tasks)

    def run_next(self) -> bool:
        """Run the next task; False when none was left."""
        if not self._tasks:
            return False
        self._tasks.popleft()()
        return True


def imports(modules: Iterable[str]) -> IdleWork:
    """Tasks that import ``modules`` (dotted names), in order. A module that cannot be imported
    is left for its real use to report, where the error is meaningful."""
    return IdleWork(partial(_import, name) for name in modules)


def _import(name: str) -> None:
    with suppress(ImportError):
        importlib.import_module(name)
