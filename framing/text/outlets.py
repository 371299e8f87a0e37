"""Attribute an article to an outlet from signature phrases in its text.

Used only when neither a manifest nor an ``outlet`` column names the outlet. Signatures are data
(``lexicons/outlets.yaml``): exact, case-sensitive phrases such as "(ANSA)" or "By Press TV".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from framing.lexicon.schema import Reader, compose

_ABOUT = ("title", "description", "version", "licence", "sources")


@dataclass(frozen=True)
class OutletSignature:
    outlet: str
    signatures: tuple[str, ...]


@dataclass(frozen=True)
class OutletSignatures:
    outlets: tuple[OutletSignature, ...]
    sha256: str

    def attribute(self, text: str) -> tuple[str, str] | None:
        """``(outlet, phrase)`` for the first outlet, in file order, with a phrase in ``text``."""
        for entry in self.outlets:
            for phrase in entry.signatures:
                if phrase in text:
                    return entry.outlet, phrase
        return None


def parse_outlets(text: str, path: str) -> OutletSignatures:
    """Parse and validate an outlet-signature file (schema in ``lexicons/README.md``)."""
    reader = Reader(path)
    top = reader.mapping(compose(text, path), "the file", required=("about", "outlets"))
    reader.mapping(top["about"], "about", required=_ABOUT)
    entries = []
    for node in reader.sequence(top["outlets"], "outlets"):
        keys = reader.mapping(node, "an outlet", required=("outlet", "signatures", "note"))
        outlet = reader.text(keys["outlet"], "outlet")
        signatures = reader.text_list(keys["signatures"], f"the signatures of {outlet!r}")
        reader.text(keys["note"], f"the note of {outlet!r}")
        entries.append(OutletSignature(outlet, signatures))
    return OutletSignatures(tuple(entries), hashlib.sha256(text.encode("utf-8")).hexdigest())
