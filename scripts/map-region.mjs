#!/usr/bin/env node
// Draws the geography under the maps: public/map/region.svg under every map of Ukraine (the
// country's outline and its neighbours' borders) and public/map/europe.svg under the
// registry's map of partnerships, from Natural Earth's 1:50m countries (public domain), as
// the npm package world-atlas ships them (TopoJSON). Run it again only to change a drawing:
// `node scripts/map-region.mjs` (after `npm ci`); the SVGs are committed.
//
// Oblast boundaries: no vetted open package ships Natural Earth's admin-1 layer, so they are
// derived from this platform's own data, honestly approximate and said so on the map: each
// community's position (data/seed/communities.tsv.gz) gets its Voronoi cell (d3-delaunay,
// ISC), and the edges between cells of communities in different oblasts, inside Ukraine's
// outline, are drawn as faint lines. They run midway between neighbouring communities of
// two oblasts: within a few kilometres of the real boundary where communities are small, and
// never an official boundary.
//
// The projection is the maps' own (src/catalogue/query.rs, map_bounds; the markers in
// src/catalogue/pages/catalogue/map.rs; the registry's LinesMap): equirectangular,
// longitudes shrunk by cos 48.5°. Each SVG covers its region exactly and stretches
// (preserveAspectRatio="none"), so a map places it by the same arithmetic as its markers.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { Delaunay } from "d3-delaunay";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Keep in step with catalogue::query::MAP_REGION and EUROPE_REGION.
const DRAWINGS = [
  // Ukraine: a hundred units per degree of latitude (about 1.1 km a unit), finer than the
  // 1:50m source, so the outline stays crisp at the deepest zoom.
  { file: "region.svg", region: { s: 41.9, n: 54.8, w: 17.0, e: 45.5 }, px: 100, oblasts: true },
  // Europe, for lines to partners anywhere on the continent: coarser, as it is never zoomed.
  { file: "europe.svg", region: { s: 34.0, n: 71.5, w: -25.0, e: 50.0 }, px: 12 },
];
const K = Math.cos((48.5 * Math.PI) / 180);
const UKRAINE = "804";
const RUSSIA = "643";
// Natural Earth's de-facto layer gives Crimea to Russia; it is Ukraine (temporarily
// occupied), as international law and this platform's data have it.
const crimea = (rings) =>
  rings[0].every(([lon, lat]) => lon > 32 && lon < 37 && lat > 44 && lat < 46.5);

const topo = JSON.parse(
  readFileSync(join(root, "node_modules/world-atlas/countries-50m.json"), "utf8"),
);
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
// Arcs are delta-encoded, quantized positions.
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});
const ring = (indexes) => {
  const points = [];
  for (const i of indexes) {
    const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    points.push(...(points.length ? a.slice(1) : a));
  }
  return points;
};
// A ring that crosses the antimeridian (Russia's reaches Chukotka) is unwrapped to one side,
// or clamping it would draw a band across the whole map.
const unwrap = (r) =>
  r.some(([lon]) => lon > 150) && r.some(([lon]) => lon < -150)
    ? r.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat])
    : r;
const polygons = (g) =>
  (g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : []).map((p) =>
    p.map((r) => unwrap(ring(r))),
  );
// Ukraine's rings (Crimea included), in degrees, for "is this point inside the country".
const ukraineRings = topo.objects.countries.geometries.flatMap((g) =>
  polygons(g)
    .filter((rings) => g.id === UKRAINE || (g.id === RUSSIA && crimea(rings)))
    .flat(),
);
const inside = ([lon, lat]) => {
  let count = 0;
  for (const r of ukraineRings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i];
      const [xj, yj] = r[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) count++;
    }
  }
  return count % 2 === 1;
};

// The communities' positions and oblasts (region codes), from the seed.
const communities = gunzipSync(readFileSync(join(root, "data/seed/communities.tsv.gz")))
  .toString("utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => l.split("\t"))
  .map((f) => ({ region: f[5], lon: Number(f[9]), lat: Number(f[8]) }))
  .filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon));

/** The boundaries between oblasts as segments [[lon, lat], [lon, lat]], inside Ukraine. */
function oblastBoundaries() {
  // Voronoi in the maps' projection (longitudes shrunk), so cells are fair on the map.
  const points = communities.map((c) => [c.lon * K, c.lat]);
  const delaunay = Delaunay.from(points);
  const voronoi = delaunay.voronoi([16 * K, 40, 47 * K, 56]);
  const { halfedges, triangles } = delaunay;
  const centre = (t) => [voronoi.circumcenters[2 * t] / K, voronoi.circumcenters[2 * t + 1]];
  const segments = [];
  for (let e = 0; e < halfedges.length; e++) {
    const o = halfedges[e];
    if (o < e) continue; // each inner edge once; hull edges (o = -1) have no neighbour
    const a = communities[triangles[e]];
    const b = communities[triangles[e % 3 === 2 ? e - 2 : e + 1]];
    if (a.region === b.region) continue;
    let p = centre(Math.floor(e / 3));
    let q = centre(Math.floor(o / 3));
    const [pin, qin] = [inside(p), inside(q)];
    if (!pin && !qin) continue;
    // One end outside: cut the segment where it leaves the country.
    if (pin !== qin) {
      let [lo, hi] = pin ? [p, q] : [q, p];
      for (let i = 0; i < 24; i++) {
        const mid = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2];
        if (inside(mid)) lo = mid;
        else hi = mid;
      }
      [p, q] = pin ? [p, lo] : [lo, q];
    }
    segments.push([p, q]);
  }
  return segments;
}

function draw({ file, region: R, px: PX, oblasts }) {
  const width = (R.e - R.w) * K * PX;
  const height = (R.n - R.s) * PX;
  const near = (rings) =>
    rings[0].some(([lon, lat]) => lon > R.w - 2 && lon < R.e + 2 && lat > R.s - 2 && lat < R.n + 2);
  // Points beyond the region (and a margin) are pulled onto the margin's edge: what lies
  // outside is never seen, and Russia's outline does not reach to the Pacific.
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const px = ([lon, lat]) => [
    Math.round((clamp(lon, R.w - 1, R.e + 1) - R.w) * K * PX),
    Math.round((R.n - clamp(lat, R.s - 1, R.n + 1)) * PX),
  ];
  const path = (rings) =>
    rings
      .map((r) => {
        // Drop points closer than a unit and a half to the last one kept.
        const kept = [];
        for (const p of r.map(px)) {
          const last = kept[kept.length - 1];
          if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= 1.5) kept.push(p);
        }
        return kept.length > 2 ? "M" + kept.map((p) => p.join(" ")).join("L") + "Z" : "";
      })
      .join("");

  let ukraine = "";
  let others = "";
  for (const g of topo.objects.countries.geometries) {
    for (const rings of polygons(g).filter(near)) {
      if (g.id === UKRAINE || (g.id === RUSSIA && crimea(rings))) ukraine += path(rings);
      else others += path(rings);
    }
  }
  const boundaries = oblasts
    ? oblastBoundaries()
        .map(([p, q]) => `M${px(p).join(" ")}L${px(q).join(" ")}`)
        .join("")
    : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width.toFixed(1)} ${height.toFixed(1)}" preserveAspectRatio="none">
<!-- Natural Earth 1:50m countries (public domain), via world-atlas; drawn by scripts/map-region.mjs -->
<rect width="100%" height="100%" fill="#e0f2fe"/>
<path d="${others}" fill="#f5f5f4" stroke="#a8a29e" stroke-width="1" stroke-linejoin="round" vector-effect="non-scaling-stroke"/>
<defs><path id="ua" d="${ukraine}" stroke-linejoin="round" vector-effect="non-scaling-stroke"/></defs>
<use href="#ua" fill="#fffbeb"/>${
    boundaries
      ? `
<!-- Oblast boundaries, approximate: derived from the communities' positions (Voronoi), not official -->
<path d="${boundaries}" fill="none" stroke="#c4b5a5" stroke-width="0.75" stroke-linecap="round" vector-effect="non-scaling-stroke"/>`
      : ""
  }
<use href="#ua" fill="none" stroke="#57534e" stroke-width="1.5"/>
</svg>
`;
  writeFileSync(join(root, "public/map", file), svg);
  console.log(`public/map/${file}: ${svg.length} bytes, ${width.toFixed(0)}×${height.toFixed(0)}`);
}

mkdirSync(join(root, "public/map"), { recursive: true });
DRAWINGS.forEach(draw);
