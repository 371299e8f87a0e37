from __future__ import annotations

import codecs

import pytest

from framing.corpus.decoding import Undecodable, decode

TEXT = "Gheddafi è caduto; the café’s owner said “no”. " * 20


def test_utf8_is_read_without_detection() -> None:
    decoded = decode(TEXT.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.detected) == (TEXT, "utf-8", False)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_byte_order_marks_decide(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT and decoded.encoding == encoding and not decoded.detected


def test_windows_1252_is_detected_and_reported() -> None:
    decoded = decode(TEXT.encode("cp1252"))
    assert decoded.detected
    assert decoded.text == TEXT


def test_binary_is_refused() -> None:
    with pytest.raises(Undecodable, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_latin_1_accents_survive_detection() -> None:
    text = "The naïve café owner had déjà vu about the crème brûlée. " * 6
    decoded = decode(text.encode("latin-1"))
    assert decoded.detected and decoded.text == text


def test_cyrillic_windows_1251_is_not_forced_into_western_european() -> None:
    text = "Привет, как дела? Это тест кодировки текста новостей. " * 6
    decoded = decode(text.encode("cp1251"))
    assert decoded.text == text


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (b"Headline\nA damaged export." + b"\x00" + b" More text." * 20, False),
        (b"Plain text with no NUL at all.", False),
        (b"\x00" * 100 + b"a" * 100, True),
    ],
)
def test_a_few_stray_nul_bytes_do_not_make_a_file_binary(data: bytes, binary: bool) -> None:
    from framing.corpus.decoding import looks_binary

    assert looks_binary(data) is binary
    if not binary:
        assert decode(data).text == data.decode()  # the reader removes a NUL, with a warning
