"""Corpus reading: folders, manifests, CSV/JSONL exports, attribution, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.corpus.readers import read_corpus
from framing.errors import InputError

BODY = "Italy said on Tuesday that its troops would stay. The mission continues."


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_seeds_are_read_with_manifest_outlets(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    corpus = read_corpus([seeds])
    assert [(a.id, a.outlet, a.outlet_source) for a in corpus.articles] == [
        ("000_ede222b93f024957", "Middle East Online", "manifest"),
        ("001_a2e2e5e539fd6ca0", "The Independent", "manifest"),
        ("002_17661fd562406bf1", "ANSA", "manifest"),
        ("003_5993a690c40aebc0", "Press TV", "manifest"),
        ("004_73da37cf86784595", "criminalwatch.com", "manifest"),
    ]
    assert corpus.skipped == () and corpus.warnings == ()
    independent = corpus.articles[1]
    assert independent.title.startswith("Libya civil war: Italy ready")
    assert independent.date == "2015-02-18"
    assert ("country", "United Kingdom") in independent.metadata
    assert "Click to follow" not in independent.text


def test_first_non_empty_line_is_the_headline(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"\n\n  The headline  \n\n{BODY}\n")
    article = read_corpus([tmp_path]).articles[0]
    assert (article.title, article.text) == ("The headline", BODY)


def test_outlet_from_signature_then_unknown_with_warning(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Headline\n(ANSA) - Rome, January 7 - {BODY}")
    write(tmp_path / "b.txt", f"Headline\n{BODY}")
    corpus = read_corpus([tmp_path])
    assert [(a.outlet, a.outlet_source) for a in corpus.articles] == [
        ("ANSA", "signature: (ANSA) -"),
        ("unknown", "unknown"),
    ]
    assert corpus.warnings == (
        f"{tmp_path / 'b.txt'}: no outlet in a manifest, an outlet column or a known signature; "
        "counted as 'unknown'",
    )


def test_explicit_manifest_and_missing_files_are_accounted_for(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", f"Headline\n{BODY}")
    manifest = write(
        tmp_path / "list.csv",
        "file,outlet,date,url,country\nin/a.txt,Outlet A,2020-01-01,http://a,Italy\nin/gone.txt,B,,,\n",
    )
    corpus = read_corpus([tmp_path / "in"], manifest=manifest)
    article = corpus.articles[0]
    assert (article.outlet, article.date, article.url, article.metadata) == (
        "Outlet A",
        "2020-01-01",
        "http://a",
        (("country", "Italy"),),
    )
    assert [(s.source_line, s.reason) for s in corpus.skipped] == [
        (3, "listed in the manifest but no such file")
    ]


def test_manifest_without_file_column_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"H\n{BODY}")
    manifest = write(tmp_path / "m.csv", "name,outlet\na.txt,X\n")
    with pytest.raises(InputError) as caught:
        read_corpus([tmp_path / "a.txt"], manifest=manifest)
    assert (
        str(caught.value)
        == f"{manifest}: manifest has no 'file' column (its columns: name, outlet)"
    )


def test_csv_with_export_column_names(tmp_path: Path) -> None:
    rows = (
        "stories_id,media_name,publish_date,title,content,url,country\n"
        f'7,Outlet A,2021-02-03,"A title","{BODY}\nSecond ""quoted"" line.",http://x,Italy\n'
    )
    path = write(tmp_path / "export.csv", rows)
    article = read_corpus([path]).articles[0]
    assert (article.id, article.outlet, article.outlet_source, article.date, article.title) == (
        "7",
        "Outlet A",
        "column",
        "2021-02-03",
        "A title",
    )
    assert article.text == f'{BODY}\nSecond "quoted" line.'
    assert (article.source_line, article.metadata) == (2, (("country", "Italy"),))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("article_id,source_name,published,headline,body_text", "Outlet A"),
        ("url,domain,seendate,title,full_text", "Outlet A"),  # GDELT document search + text
        ("stories_id,media_name,publish_date,title,story_text", "Outlet A"),  # Media Cloud
        ("Id,Source_Domain,Date_Publish,Title,MainText", "Outlet A"),  # news-please
        ("id,publisher,datePublished,headline,articleBody", "Outlet A"),  # schema.org
    ],
)
def test_common_export_column_names_are_recognised(
    tmp_path: Path, header: str, expected: str
) -> None:
    path = write(tmp_path / "export.csv", f'{header}\n7,{expected},2021-02-03,A title,"{BODY}"\n')
    article = read_corpus([path]).articles[0]
    assert (article.outlet, article.date, article.title, article.text) == (
        expected,
        "2021-02-03",
        "A title",
        BODY,
    )


def test_csv_ragged_rows_are_skipped_with_their_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.csv", f"id,outlet,text\n1,A,{BODY}\n2,B\n3,C,{BODY},extra\n4,D,{BODY}\n"
    )
    corpus = read_corpus([path])
    assert [a.id for a in corpus.articles] == ["1", "4"]
    assert [(s.source_line, s.reason) for s in corpus.skipped] == [
        (3, "row has 2 fields but the header has 3"),
        (4, "row has 4 fields but the header has 3"),
    ]


def test_csv_without_text_column_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,outlet,headline\n1,A,B\n")
    with pytest.raises(InputError) as caught:
        read_corpus([path])
    assert str(caught.value) == (
        f"{path}: no text column; name one of text, content, body, full_text, article_text, "
        "story_text, body_text, maintext, articlebody, article_body, fulltext (its columns: id, "
        "outlet, headline)"
    )


def test_jsonl_broken_line_and_duplicate_id(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x", "outlet": "A", "text": BODY}),
        "{not json",
        json.dumps({"id": "x", "outlet": "B", "body": BODY}),
        json.dumps(["a list"]),
        json.dumps({"id": "y", "outlet": "C", "title": "no text"}),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    corpus = read_corpus([path])
    assert [a.id for a in corpus.articles] == ["x"]
    assert [(s.source_line, s.reason) for s in corpus.skipped] == [
        (2, "not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (3, f"duplicate id 'x'; first used by {path}:1"),
        (4, "a JSON line must be an object with a 'text' field"),
        (
            5,
            "no text field (name one of text, content, body, full_text, article_text, "
            "story_text, body_text, maintext, articlebody, article_body, fulltext)",
        ),
    ]


def test_bad_files_are_skipped_and_the_good_one_survives(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.txt", "  \n\t\n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02garbage\x00")
    write(tmp_path / "only_furniture.txt", "Click to follow\nAdvertisement\n")
    write(tmp_path / "headline_only.txt", "Just a headline\n")
    write(tmp_path / "report.pdf", b"%PDF-1.4")
    write(tmp_path / "good.txt", f"Headline\n{BODY}")
    corpus = read_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["good"]
    assert sorted((Path(s.source_path).name, s.reason) for s in corpus.skipped) == [
        ("binary.txt", "binary file (contains NUL bytes), not text"),
        ("blank.txt", "no text (empty or only whitespace)"),
        ("empty.txt", "empty file (0 bytes)"),
        ("headline_only.txt", "only a headline, no article text"),
        ("only_furniture.txt", "no text left after removing page furniture"),
        ("report.pdf", ".pdf documents are not read; save the article as .txt or .html"),
    ]


def test_windows_1252_file_is_read_and_reported(tmp_path: Path) -> None:
    text = "Headline\nThe café’s owner said “no” to the Gheddafi regime’s envoy. " * 5
    write(tmp_path / "a.txt", text.encode("cp1252"))
    corpus = read_corpus([tmp_path])
    assert corpus.articles[0].encoding == "cp1252"
    assert "café’s" in corpus.articles[0].text
    assert any("not UTF-8; read as cp1252 (detected)" in w for w in corpus.warnings)


def test_html_file_gives_headline_and_text_without_scripts(tmp_path: Path) -> None:
    html = (
        "<!doctype html><html><head><title>Site | Headline</title><script>var x=1;</script>"
        "</head><body><nav>Home News</nav><h1>The headline</h1><p>First paragraph.</p>"
        "<p>Second &amp; last.</p><footer>Copyright</footer></body></html>"
    )
    write(tmp_path / "a.html", html)
    article = read_corpus([tmp_path]).articles[0]
    assert (article.title, article.text) == ("The headline", "First paragraph.\nSecond & last.")


def test_missing_path_and_empty_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere: no such file or folder$"):
        read_corpus([tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"empty: no articles here \(looked for"):
        read_corpus([tmp_path / "empty"])


def test_several_inputs_at_once(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x.txt", f"H\n{BODY}")
    csv_file = write(tmp_path / "b.csv", f"id,outlet,text\nrow1,B,{BODY}\n")
    corpus = read_corpus([tmp_path / "a", csv_file])
    assert [(a.id, a.source_path) for a in corpus.articles] == [
        ("x", str(tmp_path / "a" / "x.txt")),
        ("row1", str(csv_file)),
    ]


def test_a_csv_is_read_row_by_row(tmp_path: Path) -> None:
    from framing.corpus.readers import CorpusReader

    export = tmp_path / "big.csv"
    text = "The minister said the talks went well and both sides agreed to meet. " * 3
    with export.open("w", encoding="utf-8", newline="") as stream:
        stream.write("id,outlet,text\n")
        stream.writelines(f"r{n},A,{text}\n" for n in range(5000))
    articles = iter(CorpusReader([export]))
    first = next(articles)
    assert first.id == "r0"
    # Truncate the file behind the reader's back: only rows already buffered can still come.
    export.write_bytes(b"")
    assert sum(1 for _ in articles) < 4999


def test_a_bad_byte_far_into_a_csv_skips_that_row_alone(tmp_path: Path) -> None:
    from framing.corpus.readers import CorpusReader

    export = tmp_path / "late.csv"
    row = "The minister said the talks went well and both sides agreed to meet again soon."
    lines = [f"r{n},A,{row}\n".encode() for n in range(20000)]  # about 1.7 MB of UTF-8
    quoted = b'r-quoted,A,"A caf\xe9 owner spoke.\nHe said more."\n'
    export.write_bytes(
        b"id,outlet,text\n" + b"".join(lines) + b"r-bad,A,caf\xe9 au lait\n" + quoted
        + b"".join(lines[:250]).replace(b"r", b"s", 1).replace(b"\nr", b"\ns")
    )  # fmt: skip
    reader = CorpusReader([export])
    ids = [article.id for article in reader]
    assert len(ids) == 20250 and ids[-1] == "s249"  # every good row after the bad ones is read
    assert [(s.source_line, s.reason) for s in reader.skipped] == [
        (20002, "not valid utf-8 (invalid continuation byte at byte 12 of line 20002); the row "
                "is not read"),
        (20003, "not valid utf-8 (invalid continuation byte at byte 18 of line 20003); the row "
                "is not read"),
    ]  # fmt: skip
    assert reader.warnings[-1].endswith(
        "late.csv: 2 lines are not valid UTF-8 and their rows were skipped; if the file is in "
        "another encoding (Windows-1252, say), convert it to UTF-8 and run again"
    )


def test_an_unreadable_subfolder_is_a_skipped_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from framing.corpus import folders

    (tmp_path / "a.txt").write_text("Headline\nThe talks went well, the minister said.", "utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Headline\nHidden.", "utf-8")
    real = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path).name == "locked":  # as chmod 000 would for anyone but root
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(folders.os, "scandir", scandir)
    corpus = read_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["a"]
    assert [(s.source_path, s.reason) for s in corpus.skipped] == [
        (str(tmp_path / "locked"), "folder cannot be read: Permission denied")
    ]


def test_an_unreadable_input_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from framing.corpus import folders

    def scandir(path: str | Path) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(folders.os, "scandir", scandir)
    with pytest.raises(InputError, match=r": folder cannot be read: Permission denied$"):
        read_corpus([tmp_path])


def test_a_real_file_keeps_its_name_when_a_link_to_it_sorts_first(tmp_path: Path) -> None:
    import os

    (tmp_path / "story.txt").write_text("Headline\nThe talks went well, officials said.", "utf-8")
    os.symlink("story.txt", tmp_path / "a-link.txt")
    corpus = read_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["story"]
    assert [s.reason for s in corpus.skipped] == [
        f"the same file as {tmp_path / 'story.txt'}, which is read already"
    ]


def test_a_manifest_with_a_column_twice_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\nText.", "utf-8")
    manifest = tmp_path / "list.csv"
    manifest.write_text("file,Outlet,outlet \na.txt,A,B\n", "utf-8")
    with pytest.raises(InputError) as raised:
        read_corpus([tmp_path], manifest=manifest)
    assert str(raised.value) == (
        f"{manifest}: manifest has the columns 'outlet' more than once (names differ only by "
        "case or spaces); rename them"
    )


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"text": ["a", "list"]}, "the 'text' field is a list; it must be text (a string)"),
        ({"text": {"p": "x"}}, "the 'text' field is an object; it must be text (a string)"),
        ({"body": 3.5}, "the 'body' field is a number; it must be text (a string)"),
        ({"text": "Words.", "title": False},
         "the 'title' field is true/false; it must be text (a string)"),
    ],
)  # fmt: skip
def test_json_values_of_the_wrong_type_are_skipped(
    tmp_path: Path, record: dict[str, object], reason: str
) -> None:
    import json

    (tmp_path / "x.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    corpus = read_corpus([tmp_path])
    assert [(s.source_line, s.reason) for s in corpus.skipped] == [(1, reason)]


def test_outlet_names_are_one_string_however_they_were_typed(tmp_path: Path) -> None:
    text = '"The talks went well on Monday, officials said."'
    rows = ["a,Le  Monde\u0301,x", "b, Le Monde\u0301 ,x", "c,\u202eLe Monde\u0301,x"]
    (tmp_path / "x.csv").write_text(
        "id,outlet,text\n" + "\n".join(r.replace(",x", f",{text}") for r in rows) + "\n", "utf-8"
    )
    corpus = read_corpus([tmp_path])
    assert {a.outlet for a in corpus.articles} == {"Le Mond\u00e9"}


def test_a_quote_left_open_does_not_swallow_the_rows_after_it_silently(tmp_path: Path) -> None:
    export = tmp_path / "x.csv"
    export.write_text(
        'id,outlet,text\nr1,A,"The talks went well."\nr2,A,"He said" the talks went well.\n'
        'r3,A,"An unclosed quote\nr4,B,The next row.\nr5,C,Another row.\n',
        encoding="utf-8",
    )
    corpus = read_corpus([export])
    assert [(a.id, a.text) for a in corpus.articles] == [
        ("r1", "The talks went well."),
        ("r2", "He said the talks went well."),  # as the csv module reads it by default
    ]
    assert [(s.source_line, s.reason) for s in corpus.skipped] == [
        (4, "a quote opened in line 4 is never closed, so lines 4 to 6 (the end of the file) "
            "are not read; close the quote"),
    ]  # fmt: skip
