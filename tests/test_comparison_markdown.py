"""The Markdown sections of a comparison: which variants the naming tables list."""

from __future__ import annotations

import random
from collections.abc import Callable

import framing
from framing.compare.engine import compare
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Article, Corpus
from framing.render.comparison_markdown import concepts_markdown
from framing.render.text import markdown_text
from framing.settings import CompareSettings

SENTENCES = [
    "The council's austerity budget cut library hours across the district.",
    "Union leaders called the layoffs a betrayal of the workforce.",
    "The mayor described the spending cuts as a painful necessity.",
    "Striking nurses picketed outside the hospital on Tuesday.",
    "Investors welcomed the reforms as overdue modernisation.",
    "The tax relief mainly benefits the wealthiest households, critics said.",
]


def test_each_concept_lists_the_variants_some_group_uses_and_only_those(
    make_article: Callable[[str, str, list[str]], Article],
) -> None:
    rng = random.Random(9)
    articles = [
        make_article(f"{outlet}{n}", outlet, rng.sample(SENTENCES, rng.randint(1, 3)))
        for outlet in ("Ledger", "Courier", "Herald")
        for n in range(4)
    ]
    lexicon = read_lexicon()
    comparison = compare(
        framing.score_corpus(Corpus(tuple(articles)), lexicon), lexicon, read_stopwords()
    )
    lines = concepts_markdown(comparison, lexicon, list(comparison.groups), CompareSettings())
    listed = {line.split(" | ")[0].removeprefix("| **").removesuffix("**") for line in lines
              if line.startswith("| **")}  # fmt: skip
    used = {s.variant for s in comparison.variant_shares if s.mentions}
    assert used and listed == {markdown_text(v) for v in used}
    assert any(s.mentions == 0 for s in comparison.variant_shares)  # some are left out
