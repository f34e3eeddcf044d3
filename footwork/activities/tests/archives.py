"""Zips made in memory for the import tests."""

from __future__ import annotations

import io
import zipfile


def zipped(members: dict[str, bytes]) -> bytes:
    """A deflated zip of the members, names kept exactly as given (unsafe ones too) and a fixed date."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
