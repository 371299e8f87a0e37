"""The classroom report as one self-contained HTML file (``report.html``).

Everything is inline: CSS, charts as SVG, no script, no font or image from anywhere else, so the
file opens offline by double-click and prints cleanly. Every piece of text that comes from an
article, a manifest or a lexicon passes through :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from importlib import resources

from framing.compare.model import Comparison
from framing.lexicon.model import Lexicon
from framing.render.article_view import ArticleView
from framing.render.comparison_html import (
    actors_html,
    clusters_html,
    concepts_html,
    frames_html,
    rates_html,
    readability_html,
    stance_html,
    terms_html,
)
from framing.render.epithets_section import TITLE as EPITHETS_TITLE
from framing.render.epithets_section import epithets_html
from framing.render.html_blocks import connotation_styles, marks_css, table
from framing.render.markdown import ReportContext
from framing.render.marked_articles import articles_html
from framing.render.scaling_sections import SCALING_TITLE, scaling_html
from framing.render.stories_view import HEADING as STORIES_TITLE
from framing.render.stories_view import stories_html
from framing.render.text import date_range
from framing.render.worksheet import worksheet_questions


def _css() -> str:
    return (resources.files("framing.render") / "report.css").read_text(encoding="utf-8")


def render_html(
    comparison: Comparison,
    lexicon: Lexicon,
    shown: Sequence[ArticleView],
    context: ReportContext,
    worksheet: bool = False,
    mark_neutral: bool = False,
) -> str:
    """The whole report as one HTML document; ``shown`` holds the articles of the article view,
    in input order (each outlet's first
    :data:`~framing.render.marked_articles.ARTICLES_PER_OUTLET`; one more says there are
    more). With ``mark_neutral`` the articles mark neutral words too."""
    styles = connotation_styles(lexicon.connotation_labels())
    sections = [
        _overview(comparison, lexicon, context),
        concepts_html(comparison, lexicon, styles, context.settings),
        frames_html(comparison, lexicon),
        rates_html(comparison, lexicon),
        actors_html(comparison, lexicon),
        stance_html(comparison, lexicon),
        readability_html(comparison),
        terms_html(comparison),
        epithets_html(comparison),
        clusters_html(comparison),
        scaling_html(comparison),
        _stories(context, lexicon),
        articles_html(comparison, lexicon, shown, styles, mark_neutral),
        _how_to_read(context),
    ]
    if worksheet:
        sections.append(_worksheet(comparison, lexicon))
    title = f"Framing report: {context.articles} articles, {len(comparison.groups)} outlets"
    nav_items = [
        ("overview", "What was compared"),
        ("concepts", "What each outlet calls things"),
        ("frames", "Which frames each outlet uses"),
        ("rates", "How often each subject comes up"),
        ("actors", "How the actors are portrayed"),
        ("stance", "Word choices toward each target"),
        ("readability", "Readability"),
        ("terms", "Words that set outlets apart"),
        ("epithets", EPITHETS_TITLE),
        ("clusters", "Which outlets frame alike"),
        ("scaling", SCALING_TITLE),
        *([("stories", STORIES_TITLE)] if context.stories is not None else []),
        ("articles", "The articles, with terms marked"),
        ("method", "How to read this report"),
    ]
    if worksheet:
        nav_items.append(("worksheet", "Classroom worksheet"))
    nav = "".join(f'<li><a href="#{anchor}">{escape(text)}</a></li>' for anchor, text in nav_items)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{_css()}{marks_css(styles)}</style></head>"
        f"<body><header><h1>{escape(title)}</h1></header>"
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav><main>'
        + "".join(sections)
        + "</main></body></html>\n"
    )


def _overview(comparison: Comparison, lexicon: Lexicon, context: ReportContext) -> str:
    caveat = (
        f'<p class="caveat"><strong>Read this first.</strong> {escape(comparison.caveats[0])}</p>'
        if comparison.caveats
        else ""
    )
    rows = [
        [
            escape(p.group),
            str(p.articles),
            str(p.words),
            escape(date_range(p.first_date, p.last_date)) or "n/a",
        ]
        for p in comparison.profiles
    ]
    packs = ", ".join(f"{escape(p.title)} (version {escape(p.version)})" for p in lexicon.packs)
    return (
        '<section id="overview"><h2>What was compared</h2>'
        f"{caveat}<p>{context.articles} articles scored, {context.skipped} skipped (see "
        f"<code>skipped.csv</code>), grouped by {escape(comparison.by)}. Lexicons: {packs}.</p>"
        + table([escape(comparison.by), "articles", "words", "dates"], rows)
        + _pack_choice(context)
        + "</section>"
    )


def _pack_choice(context: ReportContext) -> str:
    choice = context.packs
    if choice is None:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in choice.report_lines())
    notices = "".join(f"<li>{escape(notice)}</li>" for notice in choice.lexicon.notices)
    overlap = (
        f"<p>Where two packs list the same word, one entry counts:</p><ul>{notices}</ul>"
        if notices
        else ""
    )
    return (
        "<h3>Which topic packs were used, and why</h3>"
        f"<p>{escape(choice.explanation())} <code>--pack</code> and <code>--no-pack</code> "
        f"override it.</p><ul>{items}</ul>{overlap}"
    )


def _stories(context: ReportContext, lexicon: Lexicon) -> str:
    """The "Same story, different words" section, when stories were matched."""
    if context.stories is None:
        return ""
    labels = {c.id: c.label for c in (*lexicon.concepts, *lexicon.frames)}
    return stories_html(context.stories, labels)


def _how_to_read(context: ReportContext) -> str:
    settings = context.settings
    return (
        '<section id="method"><h2>How to read this report</h2><ul>'
        "<li><strong>Word choice is evidence, not a verdict.</strong> A word counts wherever it "
        "appears, including inside a quotation, and a word can name something else. A title "
        "tied to a person counts only where that person is in scope (named beside it, in "
        "apposition, or the article's main subject); <code>term_hits.csv</code> lists the others "
        "with the reason. Read the marked articles before drawing a conclusion.</li>"
        "<li><strong>Stance per target.</strong> Connotation balance is computed for the words "
        "aimed at one target at a time, never added up across targets.</li>"
        "<li><strong>Shares, not counts.</strong> For each subject the tables show what share of "
        "an outlet's mentions use each word, so long and short articles compare fairly.</li>"
        "<li><strong>One article is not an outlet.</strong> With fewer than "
        f"{settings.min_articles} articles per outlet, figures describe those articles only.</li>"
        "<li><strong>Sentiment</strong> is VADER (Hutto &amp; Gilbert 2014), averaged over "
        "sentences because it saturates on long texts; it measures the tone of words.</li>"
        "<li><strong>Readability</strong>: Flesch (1948), Flesch-Kincaid (Kincaid et al. 1975), "
        "Gunning fog (1952), SMOG (McLaughlin 1969), Coleman-Liau (1975), Dale-Chall (1948), "
        "from one count of words, sentences and syllables; page furniture removed first.</li>"
        "<li><strong>Intervals</strong>: 95% percentile bootstrap over each outlet's articles "
        f"({settings.bootstrap_replicates} resamples, seed {settings.seed}).</li>"
        "<li><strong>Distinguishing terms</strong>: Monroe, Colaresi &amp; Quinn (2008); "
        "Benjamini &amp; Hochberg (1995).</li>"
        "<li><strong>Clusters</strong>: Ward clustering of standardized features, number chosen "
        "by silhouette (Rousseeuw 1987), stability by adjusted Rand index (Hubert &amp; Arabie "
        "1985), formed only when SigClust (Liu et al. 2008) finds any grouping at all.</li>"
        "<li><strong>Positions</strong>: Wordfish (Slapin &amp; Proksch 2008) on the words two "
        "or more outlets use, with parametric bootstrap intervals; the map of words is a "
        "correspondence analysis of the same counts. Every figure is in the CSV files beside "
        "this report; <code>README.txt</code> explains each column.</li></ul></section>"
    )


def _worksheet(comparison: Comparison, lexicon: Lexicon) -> str:
    questions = "".join(f"<li>{escape(q)}</li>" for q in worksheet_questions(comparison, lexicon))
    return (
        '<section id="worksheet" class="worksheet"><h2>Classroom worksheet</h2>'
        "<p>Name: ______________________ &nbsp; Date: ____________</p>"
        "<p>Use the tables and the marked articles above to answer.</p>"
        f"<ol>{questions}</ol></section>"
    )
