"""The story view, "Same story, different words": Markdown, an HTML section and a terminal
summary. Every value from the articles is escaped; nothing is computed here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from html import escape

from framing.render.text import date_range, markdown_text, number, signed
from framing.stories.model import AlignedSentence, Story, StoryComparison

HEADING = "Same story, different words"
STORIES_SHOWN = 5
SENTENCES_SHOWN = 12
INTRO = (
    "Articles from different outlets about the same event, matched by their headlines, leads, "
    "the names they print and their dates. Holding the event fixed shows what each outlet chose: "
    "its words, the facts it left in or out, and whom it quoted. The most contrasting stories "
    "come first; story_summary.csv lists them all."
)


def _when(story: Story) -> str:
    if not story.first_date:
        return "undated"
    return date_range(story.first_date, story.last_date)


def _outlets_line(story: Story) -> str:
    names = []
    for article in story.articles:
        names.append(f"{article.outlet} (reprints {article.copy_of})" if article.copy_of
                     else article.outlet)  # fmt: skip
    return ", ".join(dict.fromkeys(names))


def _per_story(
    result: StoryComparison, story: Story
) -> tuple[list[AlignedSentence], dict[str, dict[str, str]]]:
    sentences = [s for s in result.sentences if s.story_id == story.id]
    choices: dict[str, dict[str, str]] = defaultdict(dict)
    for choice in result.choices:
        if choice.story_id == story.id:
            choices[choice.concept][choice.outlet] = ", ".join(choice.variants) or "—"
    return sentences, choices


def _speakers(result: StoryComparison, story: Story) -> dict[str, list[str]]:
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for share in result.speakers:
        if share.story_id == story.id:
            by_outlet[share.outlet].append(f"{share.speaker} ({share.words} words)")
    return by_outlet


def _unique(sentences: Sequence[AlignedSentence]) -> list[AlignedSentence]:
    return [s for s in sentences if s.unique]


def stories_markdown(
    result: StoryComparison,
    labels: Mapping[str, str] | None = None,
    shown: int = STORIES_SHOWN,
) -> list[str]:
    """The Markdown lines of the section; ``labels`` names concepts by their lexicon labels."""
    labels = labels or {}
    lines = [f"## {HEADING}", "", INTRO, ""]
    if result.note:
        lines += [markdown_text(result.note), ""]
    if not result.stories:
        return [*lines, "No event was covered by two or more outlets in this corpus.", ""]
    for story in result.stories[:shown]:
        sentences, choices = _per_story(result, story)
        lines += [f"### {markdown_text(story.label)}", ""]
        lines += [f"- When: {markdown_text(_when(story))}"]
        lines += [f"- Covered by: {markdown_text(_outlets_line(story))}"]
        missing = ", ".join(story.missing_outlets) or "none"
        lines += [f"- Not covered by (outlets with articles in those days): "
                  f"{markdown_text(missing)}", ""]  # fmt: skip
        lines += ["| outlet | headline | tone | grade |", "|---|---|---|---|"]
        for a in story.articles:
            lines.append(
                f"| {markdown_text(a.outlet)} | {markdown_text(a.title)} | {signed(a.tone)} | "
                f"{number(a.grade)} |"
            )
        lines.append("")
        if choices:
            outlets = list(story.outlets)
            lines += ["| concept | " + " | ".join(markdown_text(o) for o in outlets) + " |",
                      "|---" * (len(outlets) + 1) + "|"]  # fmt: skip
            for concept, used in sorted(choices.items()):
                cells = [markdown_text(used.get(o, "—")) for o in outlets]
                name = labels.get(concept, concept)
                lines.append(f"| {markdown_text(name)} | " + " | ".join(cells) + " |")
            lines.append("")
        unique = _unique(sentences)
        if unique:
            lines += ["Reported by one outlet only:", ""]
            lines += [f"- {markdown_text(s.outlet)}: {markdown_text(s.text)}"
                      for s in unique[:SENTENCES_SHOWN]]  # fmt: skip
            lines.append("")
        speakers = _speakers(result, story)
        if speakers:
            lines += ["Who is quoted:", ""]
            lines += [f"- {markdown_text(o)}: {markdown_text(', '.join(names))}"
                      for o, names in sorted(speakers.items())]  # fmt: skip
            lines.append("")
    return lines


def _marked(text: str, words: Sequence[str]) -> str:
    """``text`` escaped, with each of ``words`` wrapped in <mark> (whole words only)."""
    import re

    if not words:
        return escape(text)
    ordered = sorted(set(words), key=lambda w: (-len(w), w))  # longest first: no partial marks
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in ordered) + r")\b")
    parts = pattern.split(text)
    return "".join(
        f"<mark>{escape(part)}</mark>" if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )


def stories_html(
    result: StoryComparison,
    labels: Mapping[str, str] | None = None,
    shown: int = STORIES_SHOWN,
) -> str:
    """The HTML section (escaped); ``labels`` names concepts by their lexicon labels."""
    labels = labels or {}
    parts = [f'<section id="stories"><h2>{escape(HEADING)}</h2><p>{escape(INTRO)}</p>']
    if result.note:
        parts.append(f"<p>{escape(result.note)}</p>")
    if not result.stories:
        parts.append("<p>No event was covered by two or more outlets in this corpus.</p>")
    for story in result.stories[:shown]:
        sentences, choices = _per_story(result, story)
        missing = ", ".join(story.missing_outlets) or "none"
        parts.append(
            f'<article class="story"><h3>{escape(story.label)}</h3>'
            f"<p>{escape(_when(story))}. Covered by {escape(_outlets_line(story))}. "
            f"Not covered by: {escape(missing)}.</p>"
        )
        rows = "".join(
            f"<tr><td>{escape(a.outlet)}</td><td>{escape(a.title)}</td>"
            f"<td>{escape(signed(a.tone))}</td><td>{escape(number(a.grade))}</td></tr>"
            for a in story.articles
        )
        parts.append(
            '<div class="scroll"><table><thead><tr><th scope="col">outlet</th>'
            '<th scope="col">headline</th><th scope="col">tone</th><th scope="col">grade</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></div>"
        )
        if choices:
            outlets = list(story.outlets)
            head = "".join(f'<th scope="col">{escape(o)}</th>' for o in outlets)
            body = "".join(
                f"<tr><td>{escape(labels.get(concept, concept))}</td>"
                + "".join(f"<td>{escape(used.get(o, '—'))}</td>" for o in outlets)
                + "</tr>"
                for concept, used in sorted(choices.items())
            )
            parts.append(
                '<div class="scroll"><table><thead><tr><th scope="col">concept</th>'
                f"{head}</tr></thead><tbody>{body}</tbody></table></div>"
            )
        parts.append(_aligned_html(sentences))
        speakers = _speakers(result, story)
        if speakers:
            items = "".join(
                f"<li>{escape(o)}: {escape(', '.join(names))}</li>"
                for o, names in sorted(speakers.items())
            )
            parts.append(f"<p>Who is quoted:</p><ul>{items}</ul>")
        parts.append("</article>")
    parts.append("</section>")
    return "".join(parts)


def _aligned_html(sentences: Sequence[AlignedSentence]) -> str:
    """The first article's sentences beside their closest counterparts, differing words
    marked; then what only one outlet reports."""
    if not sentences:
        return ""
    first = sentences[0].article_id
    rows = []
    for sentence in [s for s in sentences if s.article_id == first][:SENTENCES_SHOWN]:
        cells = [f"<td>{escape(sentence.outlet)}: "
                 f"{_marked(sentence.text, _here(sentence))}</td>"]  # fmt: skip
        for match in sentence.matches:
            if match.sentence_index is None:
                cells.append(f"<td><em>{escape(match.outlet)}: not reported</em></td>")
            else:
                cells.append(f"<td>{escape(match.outlet)}: "
                             f"{_marked(match.text, match.words_only_there)}</td>")  # fmt: skip
        rows.append("<tr>" + "".join(cells) + "</tr>")
    unique = [s for s in sentences if s.unique and s.article_id != first]
    extra = "".join(f"<li>{escape(s.outlet)}: {escape(s.text)}</li>"
                    for s in unique[:SENTENCES_SHOWN])  # fmt: skip
    html = (
        "<p>Sentence by sentence (words that differ are marked):</p>"
        f'<div class="scroll"><table class="aligned"><tbody>{"".join(rows)}</tbody></table></div>'
    )
    if extra:
        html += f"<p>Reported by one outlet only:</p><ul>{extra}</ul>"
    return html


def _here(sentence: AlignedSentence) -> list[str]:
    """The words of ``sentence`` that no other outlet's counterpart has (marking every word
    some single outlet lacks would mark most of the sentence)."""
    reported = [set(m.words_only_here) for m in sentence.matches if m.sentence_index is not None]
    if not reported:
        return []
    return sorted(set.intersection(*reported))


def stories_text(result: StoryComparison, width: int = 100) -> str:
    """A terminal summary: one row per story."""
    from tabulate import tabulate

    if not result.stories:
        return "No event was covered by two or more outlets.\n" + (
            f"{result.note}\n" if result.note else ""
        )
    rows = []
    limit = max(20, width - 60)
    for story in result.stories:
        label = story.label if len(story.label) <= limit else story.label[: limit - 1] + "…"
        independent = len({a.outlet for a in story.articles if not a.copy_of})
        copies = sum(1 for a in story.articles if a.copy_of)
        unique = sum(1 for s in result.sentences if s.story_id == story.id and s.unique)
        rows.append([label, _when(story), independent, copies, len(story.missing_outlets),
                     unique])  # fmt: skip
    table = tabulate(
        rows,
        headers=["story", "when", "outlets", "copies", "missing", "one-outlet sentences"],
        disable_numparse=True,
    )
    note = f"\n{result.note}" if result.note else ""
    return f"{table}\n{len(result.stories)} stories among {result.articles} articles.{note}\n"
