"""FIT's CRC (CRC-16/ARC), computed over 16-bit lanes side by side with numpy."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
import numpy.typing as npt

# CRC lanes: bytes per block (16-bit words processed side by side, one numpy step per word of a block).
_CRC_BLOCK = 32


def crc16(data: bytes) -> int:
    """FIT's CRC (CRC-16/ARC) of data, computed over blocks side by side.

    The CRC is linear with a zero start, so leading zero bytes change nothing: the data is padded in front to whole
    blocks, and each block's CRC runs as one numpy lane, two bytes a step: a 16-bit CRC fed 16 bits is a table
    lookup of (crc ^ word) alone (a 65,536-entry table). The block CRCs are then joined in pairs, level by level:
    the left one moved past the right one's length of zero bytes (a table per level), XOR the right one; an odd
    count first takes a zero CRC in front (a leading zero block).
    """
    if not data:
        return 0
    word_table, past = _crc_tables()
    blocks = -(-len(data) // _CRC_BLOCK)
    padded = bytes(blocks * _CRC_BLOCK - len(data)) + data
    lanes = np.frombuffer(padded, dtype="<u2").reshape(blocks, _CRC_BLOCK // 2).T.astype(np.uint16)
    crcs = np.zeros(blocks, dtype=np.uint16)
    for words in lanes:
        crcs = word_table[crcs ^ words]
    level = 0
    while len(crcs) > 1:
        if len(crcs) % 2:
            crcs = np.concatenate((np.zeros(1, dtype=np.uint16), crcs))
        crcs = past(level)[crcs[0::2]] ^ crcs[1::2]
        level += 1
    return int(crcs[0])


@cache
def _byte_table() -> npt.NDArray[np.uint16]:
    """The byte table of CRC-16/ARC (reflected 0x8005)."""
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ 0xA001, table >> 1).astype(np.uint32)
    return table.astype(np.uint16)


@cache
def _crc_tables() -> tuple[npt.NDArray[np.uint16], Callable[[int], npt.NDArray[np.uint16]]]:
    """The 16-bit word table (the CRC of a word fed to a CRC of zero), and the tables moving a CRC past zeros."""
    table = _byte_table()
    states = np.arange(65536, dtype=np.uint16)
    low = (states >> 8) ^ table[states & 0xFF]  # the low byte fed
    word_table = ((low >> 8) ^ table[low & 0xFF]).astype(np.uint16)  # then the high byte (its bits now low)
    return word_table, _past_zeros


@cache
def _past_zeros(level: int) -> npt.NDArray[np.uint16]:
    """Every CRC moved past _CRC_BLOCK x 2**level zero bytes."""
    if level > 0:
        half = _past_zeros(level - 1)
        return half[half]
    past = np.arange(65536, dtype=np.uint16)
    for _ in range(_CRC_BLOCK // 2):  # a zero word at a time
        past = _crc_tables()[0][past]
    return past
