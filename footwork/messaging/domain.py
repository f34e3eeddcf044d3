"""A message's text cut into plain pieces and web addresses, so a page can escape the text and link the addresses.

Pure: the standard library only. Only http and https addresses become links: no other scheme (javascript:, data:,
mailto:) and no bare "www." guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An address runs to the next space or to a character that cannot stand in one unescaped.
_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# Punctuation that ends a sentence after an address is the sentence's, not the address's.
_TRAILING = ".,;:!?"
_CLOSING = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True)
class Piece:
    """Text as it was written; href is set when the text is a web address to link."""

    text: str
    href: str | None = None


def _trimmed(address: str) -> str:
    """The address without the punctuation or unmatched closing brackets that end the sentence around it."""
    while address:
        last = address[-1]
        unmatched = last in _CLOSING and address.count(last) > address.count(_CLOSING[last])
        if last not in _TRAILING and not unmatched:
            break
        address = address[:-1]
    return address


def pieces(text: str) -> list[Piece]:
    """The text in order, each http(s) address its own piece with its href; the pieces join back to the text."""
    found: list[Piece] = []
    at = 0
    for match in _ADDRESS.finditer(text):
        address = _trimmed(match.group())
        # "https://" alone, or with nothing after it but punctuation, is no address.
        if len(address) <= len(address.split("//", 1)[0]) + 2:
            continue
        start, end = match.start(), match.start() + len(address)
        if start > at:
            found.append(Piece(text[at:start]))
        found.append(Piece(address, address))
        at = end
    if at < len(text):
        found.append(Piece(text[at:]))
    return found
