#!/usr/bin/env node
// Builds tests/data/counties/kansas-city-region.geojson: the real counties
// around Douglas County, Kansas (FIPS 20045), from the npm package us-atlas
// (U.S. Census Bureau cartographic boundaries, 1:10m), decoded with
// topojson-client. Neighbouring counties decoded from one topology share
// their boundary vertices exactly, as a real import of TopoJSON does.
//
// Usage: node scripts/build-test-counties.mjs [NODE_MODULES_DIR]
//   NODE_MODULES_DIR defaults to /tmp/npmdata/node_modules.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = process.argv[2] ?? '/tmp/npmdata/node_modules';
const require = createRequire(join(modules, 'noop.js'));
const topojson = require('topojson-client');

// Counties whose bounds meet this box (lon/lat degrees) are kept: Douglas
// County, its neighbours and one more ring around them.
const box = { minLon: -96.4, minLat: 38.3, maxLon: -94.3, maxLat: 39.5 };

const topology = JSON.parse(readFileSync(join(modules, 'us-atlas/counties-10m.json'), 'utf8'));
const counties = topojson.feature(topology, topology.objects.counties);

function bounds(geometry) {
  const b = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        b.minLon = Math.min(b.minLon, lon);
        b.minLat = Math.min(b.minLat, lat);
        b.maxLon = Math.max(b.maxLon, lon);
        b.maxLat = Math.max(b.maxLat, lat);
      }
  return b;
}

const features = counties.features
  .filter((f) => f.geometry)
  .filter((f) => {
    const b = bounds(f.geometry);
    return b.minLon <= box.maxLon && b.maxLon >= box.minLon && b.minLat <= box.maxLat && b.maxLat >= box.minLat;
  })
  .sort((a, b) => a.id.localeCompare(b.id))
  .map((f) => ({ type: 'Feature', properties: { GEOID: f.id, NAME: f.properties.name }, geometry: f.geometry }));

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'tests', 'data', 'counties');
mkdirSync(outDir, { recursive: true });
const out = join(outDir, 'kansas-city-region.geojson');
writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
console.log(`${out}: ${features.length} counties`);
