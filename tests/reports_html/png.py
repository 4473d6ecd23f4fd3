"""A small PNG decoder and encoder (standard library only) for checking and cropping browser screenshots.

Pillow is not a dependency; the screenshots Chromium writes are 8-bit RGB or
RGBA, non-interlaced, which is all this handles.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass


@dataclass
class Image:
    width: int
    height: int
    channels: int
    rows: list[bytes]

    def pixel(self, x: int, y: int) -> tuple[int, ...]:
        i = x * self.channels
        return tuple(self.rows[y][i : i + 3])

    def crop(self, x: int, y: int, width: int, height: int) -> Image:
        c = self.channels
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + width), min(self.height, y + height)
        return Image(x1 - x0, y1 - y0, c, [row[x0 * c : x1 * c] for row in self.rows[y0:y1]])


def _add(a: bytes, b: bytes) -> bytes:
    """Byte-wise (a + b) mod 256 for whole rows at once, without carries crossing bytes (SWAR on big ints)."""
    n = len(a)
    x, y = int.from_bytes(a, "big"), int.from_bytes(b, "big")
    low = int.from_bytes(b"\x7f" * n, "big")
    high = int.from_bytes(b"\x80" * n, "big")
    return (((x & low) + (y & low)) ^ ((x ^ y) & high)).to_bytes(n, "big")


def decode(data: bytes) -> Image:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    rows: list[bytes] = []
    prior = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1 : start + 1 + stride]
        if kind == 0:
            row = line
        elif kind == 2:
            row = _add(line, prior)
        elif kind == 1:
            out = bytearray(line)
            for i in range(bpp, stride):
                out[i] = (out[i] + out[i - bpp]) & 0xFF
            row = bytes(out)
        elif kind == 3:
            out = bytearray(line)
            for i in range(stride):
                left = out[i - bpp] if i >= bpp else 0
                out[i] = (out[i] + ((left + prior[i]) >> 1)) & 0xFF
            row = bytes(out)
        elif kind == 4:
            out = bytearray(line)
            for i in range(stride):
                a = out[i - bpp] if i >= bpp else 0
                b = prior[i]
                c = prior[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
            row = bytes(out)
        else:
            raise ValueError(f"bad PNG filter {kind} in row {y}")
        rows.append(row)
        prior = row
    return Image(width, height, bpp, rows)


def encode(image: Image) -> bytes:
    """The image as an RGB(A) PNG with no filtering (for cropped artifacts)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    colour = 2 if image.channels == 3 else 6
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, colour, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in image.rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def coloured(image: Image, *, min_chroma: int = 40) -> int:
    """How many pixels are clearly coloured (max − min channel ≥ ``min_chroma``): chart marks, not text or background."""
    c = image.channels
    count = 0
    for row in image.rows:
        for i in range(0, len(row), c):
            r, g, b = row[i], row[i + 1], row[i + 2]
            if max(r, g, b) - min(r, g, b) >= min_chroma:
                count += 1
    return count
