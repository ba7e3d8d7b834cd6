// parley's page. Every piece of data is put in the page with textContent or as an attribute value:
// article text is untrusted and is never parsed as HTML.
"use strict";

// The category facts come from the server (/api/categories, read from parley's category file) at start.
const SCALE = {};
const CATEGORIES = [];
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key === "on") Object.entries(value).forEach(([ev, fn]) => node.addEventListener(ev, fn));
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text != null) node.textContent = text;
  return node;
}

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  Object.entries(params).forEach(([k, v]) => { if (v !== "" && v != null) url.searchParams.set(k, v); });
  const response = await fetch(url);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(typeof body.detail === "string" ? body.detail : `request failed (${response.status})`);
  }
  return response.json();
}

function who(actor) { return actor.person ? `${actor.person}, ${actor.name}` : actor.name || actor.country; }
function side(actor) { return actor.sector ? `${actor.country}, sector ${actor.sector}` : actor.country; }
function colour(category) {
  const v = SCALE[category] || 0;
  const k = Math.min(Math.abs(v) / 10, 1);
  return v >= 0 ? `rgb(${Math.round(200 - 150 * k)},${Math.round(200 - 40 * k)},${Math.round(160 - 100 * k)})`
                : `rgb(${Math.round(230 - 30 * k)},${Math.round(170 - 120 * k)},${Math.round(150 - 110 * k)})`;
}

function eventItem(e, onPick) {
  const side = (SCALE[e.category] || 0) >= 0 ? "coop" : "conf";
  const status = e.status === "occurred" ? "" : ` (${e.status})`;
  const li = el("li", { class: side, "data-event": e.event_id, tabindex: 0 },
    el("div", { class: "event-head",
      text: `${e.date || "undated"} · ${who(e.source)} → ${who(e.target)} · ${e.category}${status}` }),
    el("div", { class: "event-quote", text: e.evidence }));
  li.addEventListener("click", () => onPick(e.event_id, li));
  li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onPick(e.event_id, li); });
  return li;
}

function highlighted(paragraph, marks) {
  // Build the paragraph from text nodes and <mark> elements only.
  const box = el("div", { class: "paragraph" });
  let at = 0;
  for (const m of marks) {
    if (m.start < at || m.end > paragraph.length) continue;
    box.append(document.createTextNode(paragraph.slice(at, m.start)));
    box.append(el("mark", { class: m.role, title: m.role, text: paragraph.slice(m.start, m.end) }));
    at = m.end;
  }
  box.append(document.createTextNode(paragraph.slice(at)));
  return box;
}

async function showDetail(eventId, box) {
  box.hidden = false;
  box.replaceChildren(el("p", { class: "muted", text: "Loading…" }));
  try {
    const d = await api(`/api/events/${encodeURIComponent(eventId)}`);
    const e = d.event;
    const facts = el("dl", { class: "facts" });
    const add = (k, v) => facts.append(el("dt", { text: k }), el("dd", { text: v }));
    add("Category", `${e.category} (CAMEO ${e.cameo}), ${e.status}`);
    add("Source", `${who(e.source)} (${side(e.source)}) from “${e.source.text || "context"}”`);
    add("Target", `${who(e.target)} (${side(e.target)}) from “${e.target.text || "context"}”`);
    add("Date", `${e.date || "unknown"}: ${e.date_reason}`);
    add("Reported by", ["the article", ...e.attribution].join(" < "));
    add("Certainty", e.certainty + (e.certainty_cue ? ` (“${e.certainty_cue}”)` : ""));
    add("Place", e.place ? `${e.place.name} (${e.place.country}), ${e.place.how}` : "not stated");
    add("Confidence", e.confidence.toFixed(2));
    add("Rule", e.rule);
    const sources = el("ul");
    for (const s of d.sources) {
      sources.append(el("li", { text: `${s.title || s.doc_id} — ${s.outlet || "unknown outlet"}, ${s.published || "undated"}` +
        (s.copy_of ? ` (a copy of ${s.copy_of})` : "") }));
    }
    box.replaceChildren(
      el("h3", { text: `${who(e.source)} → ${who(e.target)}: ${e.category}` }),
      highlighted(d.paragraph, d.marks),
      el("div", { class: "legend" },
        el("span", {}, el("i", { class: "source" }), "source"),
        el("span", {}, el("i", { class: "target" }), "target"),
        el("span", {}, el("i", { class: "trigger" }), "trigger")),
      facts, el("h4", { text: `Sources (${d.sources.length})` }), sources,
      el("p", {}, el("a", { href: `#/actor/${encodeURIComponent(e.source.actor_id)}`, text: `About ${who(e.source)}` }),
        " · ", el("a", { href: `#/actor/${encodeURIComponent(e.target.actor_id)}`, text: `About ${who(e.target)}` })));
  } catch (err) {
    box.replaceChildren(el("p", { text: err.message }));
  }
}

function drawChart(box, data) {
  const periods = data.periods;
  box.replaceChildren();
  if (!periods.length) { box.append(el("p", { class: "muted", text: "No dated events between these actors." })); return; }
  const w = Math.max(640, periods.length * 70 + 120), h = 300, mid = 150, left = 60;
  const step = (w - left - 40) / periods.length;
  const maxCount = Math.max(1, ...periods.map((p) => Math.max(
    Object.entries(p.counts).filter(([c]) => SCALE[c] >= 0).reduce((s, [, n]) => s + n, 0),
    Object.entries(p.counts).filter(([c]) => SCALE[c] < 0).reduce((s, [, n]) => s + n, 0))));
  const maxNet = Math.max(1, ...periods.map((p) => Math.abs(p.net)));
  const root = svg("svg", { width: w, height: h, role: "img", "aria-label": "events per period" });
  root.append(svg("line", { x1: left, x2: w - 20, y1: mid, y2: mid, stroke: "#333" }));
  root.append(svg("text", { x: 4, y: 20 }, "cooperative"), svg("text", { x: 4, y: h - 30 }, "conflictual"));
  const unit = (mid - 30) / maxCount;
  const netPoints = [];
  periods.forEach((p, i) => {
    const x = left + i * step + step * 0.15, bw = step * 0.7;
    let up = mid, down = mid;
    for (const c of [...CATEGORIES].sort((a, b) => Math.abs(SCALE[a]) - Math.abs(SCALE[b]))) {
      const n = p.counts[c] || 0;
      if (!n) continue;
      const hgt = n * unit;
      const y = SCALE[c] >= 0 ? (up -= hgt) : down;
      if (SCALE[c] < 0) down += hgt;
      const rect = svg("rect", { x, y, width: bw, height: hgt, fill: colour(c) });
      rect.append(svg("title", {}, `${p.period}: ${c} ${n}`));
      root.append(rect);
    }
    root.append(svg("text", { x: x, y: h - 8 }, p.period));
    netPoints.push([x + bw / 2, mid - (p.net / maxNet) * (mid - 30)]);
  });
  root.append(svg("polyline", { points: netPoints.map((pt) => pt.join(",")).join(" "), fill: "none",
    stroke: "#111", "stroke-width": 2 }));
  netPoints.forEach(([x, y], i) => {
    const dot = svg("circle", { cx: x, cy: y, r: 4, fill: "#111" });
    dot.append(svg("title", {}, `${periods[i].period}: net ${periods[i].net}`));
    root.append(dot);
  });
  box.append(root);
}

let dyadSeq = 0;
async function loadDyad(a, b, by) {
  $("dyad-summary").textContent = "Loading…";
  const ticket = ++dyadSeq;
  try {
    const [series, page] = await Promise.all([api("/api/dyad", { a, b, by }), api("/api/events", { a, b, limit: 200 })]);
    if (ticket !== dyadSeq) return;
    drawChart($("dyad-chart"), series);
    const changes = series.changes.map((c) => `${c.period} (${c.jump > 0 ? "+" : ""}${c.jump})`).join(", ");
    $("dyad-summary").textContent = `${page.total} events between ${a} and ${b}` +
      (series.undated ? `, ${series.undated} undated` : "") + (changes ? `; turning points: ${changes}` : "");
    const list = $("dyad-events");
    list.replaceChildren(...page.items.map((e) => eventItem(e, (id, li) => {
      list.querySelectorAll("li.selected").forEach((n) => n.classList.remove("selected"));
      li.classList.add("selected");
      showDetail(id, $("detail"));
    })));
  } catch (err) {
    $("dyad-summary").textContent = err.message;
  }
}

const table = { offset: 0, limit: 50, sort: "date", desc: false, total: 0, seq: 0 };

function filters() {
  return { actor: $("f-actor").value.trim(), category: $("f-category").value, status: $("f-status").value,
    certainty: $("f-certainty").value, since: $("f-since").value.trim(), until: $("f-until").value.trim(),
    q: $("f-text").value.trim() };
}

async function loadTable() {
  const params = { ...filters(), sort: table.sort, desc: table.desc, offset: table.offset, limit: table.limit };
  const body = document.querySelector("#events-table tbody");
  const ticket = ++table.seq;  // a slower, older answer must not overwrite a newer one
  try {
    const page = await api("/api/events", params);
    if (ticket !== table.seq) return;
    table.total = page.total;
    body.replaceChildren(...page.items.map((e) => {
      const row = el("tr", { "data-event": e.event_id },
        el("td", { text: e.date || "undated" }), el("td", { text: who(e.source) }), el("td", { text: who(e.target) }),
        el("td", { text: e.category }), el("td", { text: e.status }), el("td", { text: e.certainty }),
        el("td", { text: e.confidence.toFixed(2) }), el("td", { text: e.doc }));
      row.addEventListener("click", () => showDetail(e.event_id, $("table-detail")));
      return row;
    }));
    const last = Math.min(table.offset + table.limit, table.total);
    $("page-info").textContent = table.total ? `${table.offset + 1}–${last} of ${table.total}` : "no events";
    $("prev").disabled = table.offset === 0;
    $("next").disabled = last >= table.total;
    for (const [id, fmt] of [["export-csv", "csv"], ["export-json", "json"]]) {
      const url = new URL("/api/export", location.origin);
      Object.entries({ ...filters(), format: fmt }).forEach(([k, v]) => { if (v) url.searchParams.set(k, v); });
      $(id).href = url.pathname + url.search;
    }
  } catch (err) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 8, text: err.message })));
  }
}

async function loadActor(id) {
  try {
    const a = await api(`/api/actors/${encodeURIComponent(id)}`);
    $("actor-name").textContent = `${a.name} (${a.actor_id})`;
    $("actor-aliases").textContent = a.aliases.length ? `Also: ${a.aliases.join(", ")}` : "";
    $("actor-roles").replaceChildren(...(a.roles.length ? a.roles : [{ office: "no offices on file" }]).map((r) =>
      el("li", { text: r.start ? `${r.office.replaceAll("_", " ")}, ${r.country}: ${r.start} – ${r.end || "now"}` : r.office })));
    $("actor-partners").replaceChildren(...a.partners.map((p) =>
      el("li", {}, el("a", { href: `#/actor/${encodeURIComponent(p.actor_id)}`, text: p.name }), ` (${p.events} events)`)));
    $("actor-events").replaceChildren(...a.recent.map((e) => eventItem(e, () => {
      location.hash = `#/dyad?a=${encodeURIComponent(who(e.source))}&b=${encodeURIComponent(who(e.target))}`;
    })));
  } catch (err) {
    $("actor-name").textContent = err.message;
  }
}

async function ingest(ev) {
  ev.preventDefault();
  const form = new FormData();
  for (const f of $("ingest-files").files) form.append("files", f);
  if ($("ingest-text").value.trim()) form.append("text", $("ingest-text").value);
  if ($("ingest-title").value.trim()) form.append("title", $("ingest-title").value);
  $("ingest-progress").hidden = false;
  $("ingest-result").textContent = "Working…";
  try {
    const response = await fetch("/api/ingest", { method: "POST", body: form,
      headers: { "X-Parley-Token": $("ingest-token").value } });
    const body = await response.json();
    $("ingest-result").textContent = response.ok
      ? `${body.documents} documents, ${body.events} events added` + (body.rejected.length ? `\n${body.rejected.join("\n")}` : "")
      : (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
  } finally {
    $("ingest-progress").hidden = true;
  }
}

function route() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query || "");
  const name = path.startsWith("/actor/") ? "actor" : (path.replace("/", "") || "dyad");
  for (const v of ["dyad", "events", "actor", "ingest"]) {
    $(`view-${v}`).hidden = v !== name;
    const nav = $(`nav-${v}`);
    if (nav) nav.classList.toggle("active", v === name);
  }
  if (name === "dyad" && params.get("a") && params.get("b")) {
    $("dyad-a").value = params.get("a");
    $("dyad-b").value = params.get("b");
    $("dyad-by").value = params.get("by") || "year";
    loadDyad(params.get("a"), params.get("b"), $("dyad-by").value);
  }
  if (name === "events") loadTable();
  if (name === "actor") loadActor(decodeURIComponent(path.slice("/actor/".length)));
}

let suggestTimer = null;
function suggest(ev) {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    const rows = await api("/api/actors", { q: ev.target.value, limit: 15 }).catch(() => []);
    $("actor-list").replaceChildren(...rows.map((r) => el("option", { value: r.name, label: `${r.name} (${r.country}, ${r.events})` })));
  }, 120);
}

async function init() {
  for (const c of await api("/api/categories")) {
    SCALE[c.name] = c.intensity;
    CATEGORIES.push(c.name);
  }
  for (const c of CATEGORIES) $("f-category").append(el("option", { value: c, text: c }));
  for (const id of ["dyad-a", "dyad-b", "f-actor"]) $(id).addEventListener("input", suggest);
  $("dyad-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = `#/dyad?a=${encodeURIComponent($("dyad-a").value)}&b=${encodeURIComponent($("dyad-b").value)}&by=${$("dyad-by").value}`;
  });
  $("filter-form").addEventListener("submit", (ev) => { ev.preventDefault(); table.offset = 0; loadTable(); });
  $("prev").addEventListener("click", () => { table.offset = Math.max(0, table.offset - table.limit); loadTable(); });
  $("next").addEventListener("click", () => { table.offset += table.limit; loadTable(); });
  document.querySelectorAll("th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    table.desc = table.sort === th.dataset.sort ? !table.desc : false;
    table.sort = th.dataset.sort;
    loadTable();
  }));
  $("ingest-form").addEventListener("submit", ingest);
  window.addEventListener("hashchange", route);
  route();
}

init();
