#!/usr/bin/env python3
"""Checks that Graphite stored exactly what the Kafka topics held for one input metric.

    graphite-values.py <whisper dir> <metric> <lines file>...

The lines files hold carbon lines as consumed from Kafka (an optional "key<TAB>" before each);
every series of the metric (its own name, and the job's outputs ending in ".<metric>") is read
back with whisper-fetch (Graphite's own reader, Debian python3-whisper) and compared point by
point, exactly: Graphite keeps the last value sent for a name and timestamp, so the expected
value is the last line's. Prints one summary line per series; exits 1 on any difference.
"""
import json
import os
import subprocess
import sys


def expected_points(metric, files):
    series = {}
    for path in files:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                fields = line.rstrip("\n").split("\t")[-1].split()
                if len(fields) != 3:
                    continue
                name, value, stamp = fields
                if name == metric or name.endswith("." + metric):
                    try:
                        series.setdefault(name, {})[int(float(stamp))] = float(value)
                    except ValueError:
                        continue
    return series


def stored_points(whisper_dir, name, first, last):
    path = os.path.join(whisper_dir, *name.split(".")) + ".wsp"
    if not os.path.exists(path):
        return {}
    out = subprocess.run(
        ["whisper-fetch", "--json", "--from", str(first - 1), "--until", str(last), path],
        check=True, capture_output=True, text=True).stdout
    fetched = json.loads(out)
    return {fetched["start"] + i * fetched["step"]: v
            for i, v in enumerate(fetched["values"]) if v is not None}


def main():
    whisper_dir, metric, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    expected = expected_points(metric, files)
    if not expected:
        print(f"no lines of {metric} in {files}")
        return 1
    failed = False
    for name in sorted(expected):
        want = expected[name]
        have = stored_points(whisper_dir, name, min(want), max(want))
        wrong = [t for t in want if have.get(t) != want[t]]
        extra = [t for t in have if t not in want]
        print(f"{name}: {len(want)} points sent, {len(have)} stored, {len(wrong)} missing or"
              f" different, {len(extra)} unexpected")
        for t in wrong[:3]:
            print(f"  at {t}: sent {want[t]!r}, stored {have.get(t)!r}")
        failed = failed or bool(wrong or extra)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
