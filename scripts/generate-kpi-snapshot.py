#!/usr/bin/env python3
"""Writes SYNTHETIC account KPI snapshots for trying Tessera's KPI health rules.

usage: scripts/generate-kpi-snapshot.py ACCOUNTS.csv OUT.csv
           [--dates 2026-09-30,2026-12-31] [--seed 1] [--rules-out RULES.json]

The figures are invented, not measured: they are drawn from a seeded random
generator (Python's `random`, so the same seed and accounts give the same
file) with a smooth regional effect, so that some territories fall below the
thresholds and others do not. Use them to exercise the import, the health
rules and the proposals, never as data about real accounts.

ACCOUNTS.csv is an account file with an `id` column and, when present,
`lat`, `lon` and `segment` (for example resources/samples/southeast-accounts.csv).
OUT.csv gets one row per account and date: account_id, date, attainment
(bookings ÷ quota), win_rate (won ÷ closed opportunities) and
pipeline_coverage (open pipeline ÷ remaining quota). Each later date drifts
from the one before, so trends can be shown. Import it with
`tessera-cli import PROJECT --kpi OUT.csv`.

--rules-out writes a health rules file with the project defaults plus one
kpi_below rule per KPI (attainment 0.9, win rate 0.2, pipeline coverage 2.5),
for `tessera-cli health PROJECT --rules RULES.json --save-rules`.
"""
import argparse
import csv
import json
import math
import random
import sys

SEGMENT_LEVEL = {  # synthetic: larger accounts attain a little better
    'enterprise': 1.05,
    'mid-market': 1.0,
    'small business': 0.95,
}

RULES = [
    {"kind": "utilisation_above", "threshold": 1.1},
    {"kind": "utilisation_below", "threshold": 0.7},
    {"kind": "balance_outside", "name": "revenue_balance", "attribute": "revenue_potential",
     "threshold": 0.85, "upper": 1.15},
    {"kind": "kpi_below", "name": "attainment", "attribute": "kpi:attainment", "threshold": 0.9},
    {"kind": "kpi_below", "name": "win_rate", "attribute": "kpi:win_rate", "threshold": 0.2},
    {"kind": "kpi_below", "name": "pipeline_coverage", "attribute": "kpi:pipeline_coverage", "threshold": 2.5},
    {"kind": "not_contiguous"},
]


def regional(lat, lon, phase):
    """A smooth field in about [-1, 1] over the map, shifted a little per date."""
    return math.sin(math.radians(lon * 9.0 + phase)) * math.cos(math.radians(lat * 11.0 - phase))


def column(header, *names):
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return -1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('accounts')
    parser.add_argument('out')
    parser.add_argument('--dates', default='2026-09-30,2026-12-31',
                        help='comma-separated YYYY-MM-DD dates, oldest first')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--rules-out')
    args = parser.parse_args()

    with open(args.accounts, newline='', encoding='utf-8-sig') as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    id_col = column(header, 'id', 'account_id', 'account')
    if id_col < 0:
        sys.exit(f'{args.accounts}: no id column')
    lat_col, lon_col, seg_col = column(header, 'lat', 'latitude'), column(header, 'lon', 'lng', 'longitude'), \
        column(header, 'segment')

    rng = random.Random(args.seed)
    dates = [d.strip() for d in args.dates.split(',') if d.strip()]
    # One persistent level per account, plus a drift per date.
    base = []
    for row in rows:
        lat = float(row[lat_col]) if lat_col >= 0 and row[lat_col] else 0.0
        lon = float(row[lon_col]) if lon_col >= 0 and row[lon_col] else 0.0
        level = SEGMENT_LEVEL.get(row[seg_col].strip().lower(), 1.0) if seg_col >= 0 else 1.0
        base.append((row[id_col].strip(), lat, lon, level, rng.gauss(0.0, 1.0), rng.gauss(0.0, 1.0)))

    with open(args.out, 'w', newline='', encoding='utf-8') as f:
        out = csv.writer(f)
        out.writerow(['account_id', 'date', 'attainment', 'win_rate', 'pipeline_coverage'])
        for step, date in enumerate(dates):
            phase = 15.0 * step
            for key, lat, lon, level, own, own2 in base:
                field = regional(lat, lon, phase)
                noise = rng.gauss(0.0, 0.08)
                attainment = max(0.0, level * (0.95 + 0.12 * field + 0.10 * own + noise))
                win_rate = min(0.9, max(0.0, 0.24 + 0.05 * field + 0.04 * own2 + rng.gauss(0.0, 0.03)))
                coverage = max(0.0, 2.9 + 0.6 * field + 0.4 * own2 + rng.gauss(0.0, 0.3))
                out.writerow([key, date, f'{attainment:.3f}', f'{win_rate:.3f}', f'{coverage:.2f}'])
    if args.rules_out:
        with open(args.rules_out, 'w', encoding='utf-8') as f:
            json.dump(RULES, f, indent=2)
            f.write('\n')
    print(f'wrote {len(base)} accounts x {len(dates)} dates of synthetic KPIs to {args.out}')


if __name__ == '__main__':
    main()
