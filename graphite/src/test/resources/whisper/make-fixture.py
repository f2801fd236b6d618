# Writes fixture.wsp with Graphite's own whisper library (Debian python3-whisper), so that the
# Java reader is tested against files the real writer made:
#   python3 make-fixture.py   (run in this directory)
# Archives: 1 s x 60 points and 10 s x 60 points, average, xFilesFactor 0; 90 points, one a
# second, value 1.5 * i at 1699999911 + i (i = 0..89), written as if now were 1700000000.
import os
import whisper

NOW = 1700000000
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixture.wsp")
if os.path.exists(path):
    os.remove(path)
whisper.create(path, [(1, 60), (10, 60)], xFilesFactor=0, aggregationMethod="average")
whisper.update_many(path, [(NOW - 89 + i, 1.5 * i) for i in range(90)], now=NOW)
