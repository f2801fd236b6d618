#!/usr/bin/env python3
"""Exits 0 when a PNG (8-bit RGB or RGBA, as Chromium writes) has at least N distinct colours.

    png-colours.py <file.png> <N>

A blank or uniform screenshot has one or two; a rendered page has hundreds. Standard library only.
"""
import struct
import sys
import zlib


def rows(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace:
        sys.exit(f"{path}: only 8-bit non-interlaced RGB/RGBA is supported")
    pixel = 3 if colour_type == 2 else 4
    stride = width * pixel
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, current = line[0], bytearray(line[1:])
        for x in range(stride):
            left = current[x - pixel] if x >= pixel else 0
            up = previous[x]
            up_left = previous[x - pixel] if x >= pixel else 0
            if kind == 1:
                current[x] = (current[x] + left) & 0xFF
            elif kind == 2:
                current[x] = (current[x] + up) & 0xFF
            elif kind == 3:
                current[x] = (current[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                current[x] = (current[x] + predictor) & 0xFF
        yield current, pixel
        previous = current


def main():
    path, wanted = sys.argv[1], int(sys.argv[2])
    colours = set()
    for row, pixel in rows(path):
        colours.update(bytes(row[i : i + 3]) for i in range(0, len(row), pixel))
    print(f"  {path}: {len(colours)} distinct colours")
    sys.exit(0 if len(colours) >= wanted else 1)


if __name__ == "__main__":
    main()
