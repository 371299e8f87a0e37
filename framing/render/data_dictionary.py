"""README.txt: every CSV file of a report and every column in it, with its unit.

The text is built from the files actually written, so a column can never go undocumented: a
column without an entry here is a bug and raises ``KeyError``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

FILES = {
    "articles.csv": "One row per scored article.",
    "term_hits.csv": "One row per mention of a lexicon concept (each stretch of text counts once).",
    "sentences.csv": "One row per scored sentence.",
    "actor_sentiment.csv": "One row per article and named actor mentioned in it.",
    "removed_lines.csv": "One row per line of page furniture removed before scoring.",
    "skipped.csv": "One row per input that was not scored, with the reason.",
    "outlets.csv": "One row per outlet (or --by group): size, tone, readability, cluster.",
    "concept_shares.csv": "One row per outlet, concept and variant: how often it is chosen.",
    "concept_rates.csv": "One row per outlet and concept: how often the concept comes up at all.",
    "actor_portrayal.csv": "One row per outlet and actor: tone toward the actor.",
    "connotation_shares.csv": (
        "One row per outlet, target and connotation label: shares of the words aimed at that "
        "target."
    ),
    "connotation_balance.csv": (
        "One row per outlet and target: the connotation balance toward that target, never "
        "pooled over targets."
    ),
    "distinguishing_terms.csv": "The words and phrases that set each outlet apart.",
    "epithets.csv": "Labels an outlet gives the people, groups and places it names, more "
    "often than the other outlets do (found without a lexicon).",
    "frame_cues.csv": "One row per frame cue word found (Policy Frames Codebook dimensions).",
    "frame_profile.csv": "One row per outlet and frame dimension: share of its frame cues.",
    "similarity.csv": "Cosine similarity of outlets' standardized feature vectors (a matrix).",
    "clusters.csv": "One row per outlet: its cluster and its position on the 2-D map.",
    "cluster_fingerprints.csv": "The features that set each cluster apart.",
    "stories.csv": "One row per article that belongs to a story covered by two or more outlets.",
    "story_summary.csv": "One row per story: dates, outlets that covered it and outlets that did "
    "not.",
    "story_sentences.csv": "One row per story sentence and other outlet: its closest sentence "
    "there, or none.",
    "story_sources.csv": "One row per story, outlet and speaker quoted or paraphrased.",
    "feature_blocks.csv": "One row per block of features: its weight in the clustering and its "
    "share of what separates the clusters.",
    "positions.csv": "One row per outlet: its Wordfish position on the main dimension of word "
    "use (Slapin & Proksch 2008), with a 95% interval. Only the order and distances mean "
    "something; what the dimension is, the words in scaling_terms.csv show.",
    "scaling_terms.csv": "One row per word in the Wordfish model: how strongly it pulls an "
    "outlet to the left (negative) or right (positive) end of the dimension.",
    "correspondence_map.csv": "The outlets and the words that contribute most to the 2-D "
    "correspondence-analysis map of word use.",
}

# Columns of the story files (framing stories, and the story section of framing report).
STORY_COLUMNS = {
    "story_id": "story id (a hash of its articles' ids: stable when other articles are added)",
    "similarity": "TF-IDF cosine, 0 to 1: for an article, with the article it joined the story "
    "through; for a sentence, with its closest sentence in the other outlet's article",
    "copy_of": "the article this one reprints (shared five-word shingles); empty if independent",
    "tone": "mean VADER compound of the article's sentences, -1 to 1",
    "label": "the headline of the story's first independent article",
    "first_date": "date of the story's earliest article (empty without dates)",
    "last_date": "date of the story's latest article",
    "n_outlets": "outlets that covered the story independently (reprints not counted)",
    "outlets": "every outlet with an article in the story, separated by '; '",
    "missing_outlets": "outlets with articles within the date window (or, without dates, "
    "anywhere in the corpus) that did not cover the story",
    "copies": "which outlet reprints which article",
    "contrast": "share of the story's sentences reported by one outlet only, plus the number "
    "of lexicon concepts named with different words; stories are ordered by it",
    "sentence_index": "the sentence's number in its article (0 is the headline's first)",
    "sentence": "the sentence",
    "unique": "true when no other outlet's article has a counterpart (cosine >= 0.3)",
    "other_outlet": "the other outlet",
    "other_article_id": "the other outlet's article in the story",
    "other_sentence_index": "the closest sentence there (empty: not reported)",
    "other_sentence": "its text",
    "words_only_here": "content words of the sentence missing from its counterpart",
    "words_only_there": "content words of the counterpart missing from the sentence",
    "speaker": "who is quoted or paraphrased (the longest form of the name printed)",
    "attributions": "sentences attributed to the speaker (said, told, according to ...)",
    "words": "words given to the speaker: inside quotation marks, or the whole sentence",
}

# Columns whose meaning depends on the file they are in.
FILE_COLUMNS = {
    ("feature_blocks.csv", "weight"): "the block's weight (default 1; set with --features)",
    ("feature_blocks.csv", "note"): "why the block adds nothing, if it does not",
    ("positions.csv", "position"): "Wordfish position: mean 0 and standard deviation 1 over the "
    "outlets; negative is left; the report says which outlet was placed left and why",
}

COLUMNS = {
    "id": "article id (file name without extension, the id column, or file:line)",
    "article_id": "article id, as in articles.csv",
    "outlet": "outlet name (manifest, outlet column, signature in the text, or 'unknown')",
    "title": "headline after cleaning",
    "date": "publication date as given",
    "url": "address as given",
    "source_path": "the input file",
    "source_line": "line of the row in a CSV/JSONL input (empty for whole files)",
    "outlet_source": "where the outlet came from: manifest, column, signature: <phrase>, unknown",
    "encoding": "text encoding used to read the file",
    "words": "number of words (body; hyphenated words count once)",
    "sentences": "number of sentences",
    "syllables": "number of syllables (CMU Pronouncing Dictionary via textstat)",
    "letters": "number of letters",
    "polysyllabic_words": "words of three or more syllables",
    "difficult_words": "words not on the Dale-Chall familiar-word list (names count as familiar)",
    "flesch_reading_ease": "Flesch reading ease, about 0 (hard) to 100 (easy)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade level, US school years",
    "gunning_fog": "Gunning fog index, years of schooling",
    "smog_index": "SMOG grade, US school years",
    "coleman_liau_index": "Coleman-Liau index, US school grade",
    "dale_chall_score": "Dale-Chall score (4.9 or less: grade 4; 9.0-9.9: college)",
    "readability_note": "why readability is empty, if it is",
    "sentiment_compound_mean": "mean VADER compound of the article's sentences, -1 to 1",
    "sentiment_positive_share": "share of sentences with compound >= 0.05, 0 to 1",
    "sentiment_negative_share": "share of sentences with compound <= -0.05, 0 to 1",
    "sentiment_sentences": "number of sentences scored for sentiment",
    "most_positive_sentence": "the sentence with the highest compound",
    "most_negative_sentence": "the sentence with the lowest compound",
    "sentiment_note": "why sentiment is empty, if it is",
    "term_hits": "number of concept mentions counted in the article",
    "term_hits_out_of_scope": (
        "mentions of targeted concepts not counted because the target was not in scope"
    ),
    "target": (
        "actor id the words are aimed at; (untargeted) for language not aimed at a named target"
    ),
    "counted": "true when the mention counts in the figures; false when out of its target's scope",
    "scope_reason": (
        "why the mention counts toward its target or not (the scope rule); empty when untargeted"
    ),
    "target_mentions": "the outlet's mentions aimed at the target, all connotations",
    "legitimizing": "mentions with the connotation 'legitimizing' aimed at the target",
    "delegitimizing": "mentions with the connotation 'delegitimizing' aimed at the target",
    "balance": "(legitimizing - delegitimizing) / (their sum) toward the target, -1 to 1",
    "furniture_lines_removed": "number of page-furniture lines removed (see removed_lines.csv)",
    "concept": "lexicon concept id",
    "variant": "the variant (word choice) matched",
    "connotation": "the variant's connotation label from the lexicon",
    "matched_text": "the text as it stands in the article",
    "field": "title or text: where start and end point",
    "start": "character offset where the match or sentence starts (0-based)",
    "end": "character offset just after the match or sentence",
    "sentence_index": "sentence number within the article (0 is the headline, if any)",
    "sentence": "the sentence containing the mention (with --inline-sentences; otherwise the "
    "row of sentences.csv with the same article_id and sentence_index)",
    "compound": "VADER compound score, -1 to 1",
    "positive": "VADER share of positive wording, 0 to 1",
    "negative": "VADER share of negative wording, 0 to 1",
    "neutral": "VADER share of neutral wording, 0 to 1",
    "text": "the text of the sentence or removed line",
    "actor": "actor id from the lexicon",
    "tone_toward_actor": "tone toward the actor, -1 to 1: VADER valence of the words tied to its "
    "mentions (its clause, appositions, judgements aimed at it; other actors' words excluded), "
    "normalized per sentence and averaged over the sentences naming it",
    "sentence_tone": "sentence tone: mean VADER compound of the whole sentences naming the actor, "
    "-1 to 1 (what happens around the actor, not only about it)",
    "tone_low": "lower end of the 95% bootstrap interval",
    "tone_high": "upper end of the 95% bootstrap interval",
    "line": "line number in the source file",
    "rule": "furniture rule id (lexicons/furniture.yaml) or repeated_headline",
    "reason": "why the input was not scored",
    "articles": "number of articles",
    "first_date": "earliest date given",
    "last_date": "latest date given",
    "cluster": "cluster number (empty when there are too few outlets or no clear groups)",
    "warning": "why the outlet's figures need care, if they do",
    "mentions": "number of mentions",
    "concept_mentions": "mentions of the concept by this outlet, all variants",
    "share": "share, 0 to 1",
    "share_low": "lower end of the 95% bootstrap interval, 0 to 1",
    "share_high": "upper end of the 95% bootstrap interval, 0 to 1",
    "note": "why an interval is missing, if it is",
    "per_1000_words": "mentions per 1,000 words",
    "term": "word or phrase (lower case)",
    "count": "occurrences in the outlet's articles",
    "count_rest": "occurrences in all other outlets' articles",
    "articles_with_term": "number of the outlet's articles that contain it",
    "per_1000": "occurrences per 1,000 words or phrases of the same length, this outlet",
    "per_1000_rest": "occurrences per 1,000 words or phrases of the same length, other outlets",
    "log_odds": "log-odds ratio with informative Dirichlet prior (Monroe et al. 2008)",
    "z": "z-score of the log-odds ratio",
    "p": "two-sided p-value of z",
    "q": "Benjamini-Hochberg adjusted p-value (empty when not tested)",
    "tested": "true when the term met the minimum count and article rules",
    "significant": "true when tested and q < 0.05",
    "example_1": "keyword in context: article id, text before, [term], text after",
    "example_2": "a second keyword-in-context example",
    "related_terms": "terms listed under this one because one contains the other (strongman under "
    "military strongman), most distinctive first, separated by '; '",
    "name": "the person, group or place, as most outlets print it (its forms share the last "
    "word: Khalifa Haftar, Field Marshal Haftar, Haftar)",
    "position": "where the label stands: before the name (the renegade commander Haftar), after "
    "it (Haftar loyalists), possessive (Haftar's militia), apposition (Haftar, the self-styled "
    "field marshal) or title (Field Marshal Haftar)",
    "epithet": "the label (lower case); for an apposition the whole phrase or its last word",
    "articles_with_epithet": "number of the outlet's articles with this label next to the name",
    "name_mentions": "how often the outlet names the person, group or place",
    "example": "one use, in context: article id, text before, [label and name], text after",
    "map_x": "first principal component of the standardized features",
    "map_y": "second principal component",
    "feature": "feature name",
    "cluster_mean": "mean of the feature over the cluster's outlets, natural units",
    "overall_mean": "mean of the feature over all outlets, natural units",
    "z_difference": "cluster mean minus overall mean, in standard deviations",
    "sentiment_mean": "mean of article mean compounds, -1 to 1",
    "negative_share": "share of sentences with compound <= -0.05, 0 to 1",
    "positive_share": "share of sentences with compound >= 0.05, 0 to 1",
    "frame": "frame dimension id (Policy Frames Codebook, Boydstun et al. 2014)",
    "cues": "number of cue words of this frame dimension",
    "frame_cues": "number of frame cue words in the article (see frame_cues.csv)",
    "block": "feature block: terminology, connotation, frames, tone, actors, readability, "
    "vocabulary",
    "features": "features of the block that entered the clustering (components for vocabulary)",
    "separation": "the block's share of the between-cluster sum of squares, 0 to 1 (empty: no "
    "clusters)",
    "lower": "lower end of the 95% parametric bootstrap interval of the position",
    "upper": "upper end of the 95% parametric bootstrap interval of the position",
    "weight": "Wordfish word weight (beta): the change in the word's log rate per unit of "
    "position; negative pulls to the left, positive to the right",
    "frequency": "occurrences of the word over all outlets",
    "kind": "outlet or term",
    "label": "the outlet's name or the word",
    "dimension_1": "first correspondence-analysis dimension (principal coordinates)",
    "dimension_2": "second correspondence-analysis dimension (principal coordinates)",
}


def describe(column: str, file: str, header: list[str], metadata: frozenset[str]) -> str:
    """The meaning and unit of ``column`` in ``file``; ``metadata`` names the columns that
    came from a manifest or input file."""
    if (file, column) in FILE_COLUMNS:
        return FILE_COLUMNS[(file, column)]
    given = column.removeprefix("'")  # a defused name (see csv_cells.header_text)
    if given in metadata or (given.startswith("meta_") and given[5:] in metadata):
        return "column from the manifest or input file, as given"
    if file.startswith("stor") and column in STORY_COLUMNS:
        return STORY_COLUMNS[column]
    if column in COLUMNS:
        return COLUMNS[column]
    for suffix, words in (("_low", "lower end"), ("_high", "upper end")):
        base = column.removesuffix(suffix)
        if column.endswith(suffix) and base in COLUMNS:
            return f"{words} of the 95% bootstrap interval of {base}"
    if column.startswith("frame_") and file == "articles.csv":
        return f"share of the article's frame cues that signal {column.removeprefix('frame_')}, 0-1"
    if column.startswith("connotation_") and column.endswith("_untargeted"):
        label = column.removeprefix("connotation_").removesuffix("_untargeted")
        return f"mentions with the connotation {label!r} not aimed at a named target"
    if column.startswith("connotation_") and "_toward_" in column:
        label, target = column.removeprefix("connotation_").split("_toward_", 1)
        return f"mentions with the connotation {label!r} aimed at the actor {target!r}"
    if file == "similarity.csv" and column in header[1:]:
        return f"cosine similarity with {column}, -1 to 1"
    raise KeyError(f"{file}: column {column!r} has no entry in the data dictionary")


def data_dictionary(
    headers: Mapping[str, Sequence[str]],
    metadata: frozenset[str] = frozenset(),
    guard_note: Sequence[str] | None = None,
) -> str:
    """README.txt text for the CSV files with ``headers`` (file name -> its columns);
    ``guard_note`` says what the formula guard did (see ``FormulaGuard.note``)."""
    lines = [
        "Data dictionary: every CSV file in this folder and every column in it.",
        "Empty cells mean 'not available'; the matching note column says why.",
        "Numbers are plain decimals.",
    ]
    lines += guard_note if guard_note is not None else [
        "Text cells starting with = + - @ are prefixed with ' so a spreadsheet shows them",
        "instead of running them.",
    ]  # fmt: skip
    lines.append("")
    for name in sorted(headers):
        header = list(headers[name])
        lines += [name, "  " + FILES[name]]
        width = max(len(column) for column in header)
        lines += [
            f"  {column:<{width}}  {describe(column, name, header, metadata)}" for column in header
        ]
        lines.append("")
    return "\n".join(lines)
