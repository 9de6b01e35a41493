#!/usr/bin/env python3
"""Where the reps live after a new plan on the south-east sample.

usage: scripts/measure-rep-homes.py TESSERA_CLI PROJECT SCENARIO PLAN.csv

PLAN.csv is the `tessera-cli optimize --out` file of the run that wrote
SCENARIO into PROJECT. Prints, per territory, the great-circle distance from
the rep's home to the territory centre of `tessera-cli metrics` and whether the
county holding the home belongs to the rep's territory (point in polygon by
ogr2ogr); then the sum and the plan's travel and workload hours.
"""
import csv
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, 'resources', 'samples')


def great_circle_km(a, b):
    la1, la2 = math.radians(a[1]), math.radians(b[1])
    dl = math.radians(b[0] - a[0])
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def home_county(home):
    sql = "SELECT fips FROM southeast_counties WHERE ST_Contains(geometry, MakePoint(%f, %f))" % home
    out = subprocess.check_output(['ogr2ogr', '-f', 'CSV', '/vsistdout/',
                                   os.path.join(SAMPLES, 'southeast-counties.geojson'),
                                   '-dialect', 'sqlite', '-sql', sql]).decode().split()
    return out[1].strip('"') if len(out) > 1 else None


def field(obj, camel):
    """The value under a camelCase key or its snake_case spelling."""
    if camel in obj:
        return obj[camel]
    return obj[''.join('_' + c.lower() if c.isupper() else c for c in camel)]


def main():
    cli, project, scenario, plan_csv = sys.argv[1:5]
    metrics = json.loads(subprocess.check_output([cli, 'metrics', project, '--scenario', scenario, '--json']))
    with open(os.path.join(SAMPLES, 'southeast-reps.csv')) as f:
        homes = {r['id']: (float(r['lon']), float(r['lat'])) for r in csv.DictReader(f)}
    with open(plan_csv) as f:
        plan = {r['unit_id']: int(r['territory']) - 1 for r in csv.DictReader(f)}
    total, outside = 0.0, 0
    for t in metrics['territories']:
        rep = t.get('rep')
        if not rep:
            continue
        home = homes[rep['id']]
        centre = t['compactness']['centre']
        d = great_circle_km(home, (centre['lon'], centre['lat']))
        total += d
        inside = plan.get(home_county(home)) == t['id']
        outside += not inside
        print('%-14s %-20s home to centre %6.1f km  %s' % (t['name'], rep['name'], d, 'inside' if inside else 'OUTSIDE'))
    print('sum of home-to-centre distances: %.1f km' % total)
    print('travel hours: %.1f  workload hours: %.1f' % (field(metrics['plan'], 'travelHours'), field(metrics['plan'], 'workloadHours')))
    print('reps living outside their territory: %d' % outside)


if __name__ == '__main__':
    main()
