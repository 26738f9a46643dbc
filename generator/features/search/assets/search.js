// Site search on /search/: Pagefind in the browser, no server.
// Doc numbers are normalized the same way as generator/features/search/docnumber.py (keep in step;
// tests/features/search/doc_numbers.yaml is the shared table); enterprise names and credit codes as
// generator/features/search/names.py does, with the affix lists the page carries (data-affixes).
// Statuses are recomputed from the instants in each result's metadata, like site.js does on
// item pages, with the labels the page carries (data-statuses).

const OPEN = "〔[【(〈<{";
const CLOSE = "〕]】)〉>}";
const esc = (s) => s.replace(/[\\^$.*+?()[\]{}|\-]/g, "\\$&");
const DOC_NUMBER = new RegExp(
  "^\\s*([^\\d\\s" + esc(OPEN + CLOSE) + "]+?)\\s*[" + esc(OPEN) + "]?\\s*" +
    "((?:19|20)\\d{2})\\s*年?\\s*[" + esc(CLOSE) + "]?\\s*" +
    "(?:(?:第\\s*)?(\\d{1,6})\\s*号?)?\\s*$",
  "u",
);
const FILTERS = ["collection", "department", "year", "status"];
const HAN = /\p{Script=Han}/u;
const ZONE_OFFSET = 8 * 3600000; // Asia/Shanghai, no daylight saving time (as site.js)
const MIN_CORE = 2;
const KEY_DIGITS = 10;
// Each shown result fetches its fragment (1-5 KB): keep the first page small.
const PAGE_SIZE = 10;
const FEW = 3;
// A query longer than this is cut: no search needs more, and every pattern sees a bound.
export const MAX_QUERY = 200;
const capped = (text) => Array.from(text || "").slice(0, MAX_QUERY).join("");

// As docnumber.py: whitespace runs become one space first, so the pattern's neighbouring
// \s* cannot split a long run in polynomially many ways (a frozen tab); matching is linear.
export function parseDocNumber(text) {
  const m = DOC_NUMBER.exec(text.normalize("NFKC").replace(/\s+/gu, " "));
  if (!m) return null;
  return { issuer: m[1], year: m[2], number: m[3] === undefined ? null : String(Number(m[3])) };
}

export function docKey(parts) {
  const code = Array.from(parts.issuer, (c) => c.codePointAt(0).toString(16).padStart(5, "0"));
  const tail = parts.number === null ? "" : `n${parts.number}z`;
  return `wh${code.join("")}y${parts.year}${tail}`;
}

const fold = (text) => text.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\p{Z}\s]+/gu, "");
const length = (text) => Array.from(text).length;

// The distinctive part of an enterprise name: as names.name_core, with the page's lists.
export function nameCore(name, affixes) {
  let core = fold(name);
  let changed = true;
  const strip = (list, test, cut) => {
    for (const affix of list) {
      if (test(core, affix) && length(core) - length(affix) >= MIN_CORE) {
        core = cut(core, affix);
        return true;
      }
    }
    return false;
  };
  while (changed) {
    changed = strip(affixes.prefixes, (c, a) => c.startsWith(a), (c, a) => c.slice(a.length));
    changed = strip(affixes.suffixes, (c, a) => c.endsWith(a), (c, a) => c.slice(0, -a.length)) || changed;
  }
  return core;
}

export function fnv1a64(text) {
  let value = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    value = ((value ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return value.toString(16).padStart(16, "0");
}

export function nameKey(text, affixes) {
  const core = nameCore(text, affixes);
  return length(core) >= MIN_CORE && HAN.test(core) ? `qy${fnv1a64(core).slice(0, KEY_DIGITS)}` : null;
}

// A credit code as the index holds it (the recipients table, lower case), or null.
export function codeKey(text) {
  const folded = fold(text);
  return /^[0-9a-z]{18}$/.test(folded) ? folded : null;
}

// What Pagefind is asked: the key for a doc number (exact), and plain words for the rest.
export function normalizeQuery(text) {
  const folded = capped(text).normalize("NFKC").trim();
  const doc = parseDocNumber(folded);
  if (doc) {
    const words = [doc.issuer, doc.year, doc.number].filter((w) => w !== null).join(" ");
    return { key: docKey(doc), words };
  }
  return { key: null, words: folded.replace(/[\p{P}\p{S}]+/gu, " ").replace(/\s+/g, " ").trim() };
}

// Excerpts come from the body (and the summary) only: item pages mark where the body starts
// (#qq-text, after the title and the facts) and where the hidden search data starts
// (#qq-search-data: doc number forms, name keys), and Pagefind records both as anchors at
// word positions, the same positions as its match locations.
const BODY_START = "qq-text";
const BODY_END = "qq-search-data";
const EXCERPT_BEFORE = 12;
const EXCERPT_WORDS = 36;
const SPLIT = /([\s\u200b]+)/;

export function bodyRange(anchors, wordCount) {
  const at = (id) => (anchors || []).find((a) => a.id === id);
  const start = at(BODY_START);
  const end = at(BODY_END);
  return [start ? start.location : 0, end ? end.location : wordCount];
}

// [{text, mark}] pieces of the excerpt, or null when no match lies in the body. `content` is
// Pagefind's `raw_content`: the words as it counts them (U+200B between CJK words), with only
// < and > escaped, which we undo since the pieces become text nodes.
export function bodyExcerpt(content, locations, anchors) {
  const text = String(content || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const parts = text.split(SPLIT);
  const words = [];
  const gaps = [];
  // Even entries are words (as Pagefind counts them), odd ones the gaps between them.
  for (let i = 0; i < parts.length; i += 2) {
    if (parts[i] !== "") {
      words.push(parts[i]);
      gaps.push(parts[i + 1] || "");
    }
  }
  const [start, end] = bodyRange(anchors, words.length);
  const inBody = (locations || []).filter((n) => n >= start && n < end).sort((a, b) => a - b);
  if (!inBody.length) return null;
  // The window holding the most matches: where the query's words stand together.
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < inBody.length; i += 1) {
    while (j < inBody.length && inBody[j] < inBody[i] + EXCERPT_WORDS - EXCERPT_BEFORE) j += 1;
    if (j - i > bestCount) [best, bestCount] = [i, j - i];
  }
  const from = Math.max(start, inBody[best] - EXCERPT_BEFORE);
  const to = Math.min(end, from + EXCERPT_WORDS);
  const marked = new Set(inBody);
  const pieces = [];
  for (let n = from; n < to; n += 1) {
    const gap = n + 1 < to ? gaps[n].replace(/\u200b/g, "") : "";
    pieces.push({ text: words[n], mark: marked.has(n) }, { text: gap, mark: false });
  }
  if (from > start) pieces.unshift({ text: "…", mark: false });
  if (to < end) pieces.push({ text: "…", mark: false });
  return pieces.filter((p) => p.text !== "");
}

function fillExcerpt(node, pieces) {
  for (const piece of pieces) {
    node.append(piece.mark ? element("mark", {}, piece.text) : document.createTextNode(piece.text));
  }
}

// -- shards ---------------------------------------------------------------------------------

// The index comes in shards, newest items first (generator/features/search/shards.py; the page's
// data-shards lists them with their item counts). Pagefind's search costs the pages matching
// times the postings of the words, per shard: asking the newest shard first keeps a common
// word's first results small and quick. A shard is opened (its metadata fetched) when first
// asked; shard 0 is the module's own instance. A shard that cannot be opened counts as empty
// (a build whose stream failed indexes the whole site as one bundle in shard 0's place).
class Shards {
  constructor(pagefind, site, list) {
    this.list = list;
    this.site = site;
    this.opened = [Promise.resolve({ n: 0, pf: pagefind })];
  }

  get count() {
    return this.list.length;
  }

  // Items in shards 0 .. n-1.
  items(n) {
    return this.list.slice(0, n).reduce((sum, shard) => sum + shard.items, 0);
  }

  open(n) {
    if (!this.opened[n]) {
      const basePath = new URL(`pagefind/${this.list[n].dir}`, this.site).pathname;
      const pf = this.opened[0].then((first) => first.pf.createInstance({ basePath }));
      this.opened[n] = pf
        .then(async (instance) => {
          await instance.options({ baseUrl: this.site.pathname });
          await instance.preload(""); // waits for its metadata: fails here if it is missing
          return { n, pf: instance };
        })
        .catch(() => ({ n, pf: null }));
    }
    return this.opened[n];
  }
}

// One shard's results for `term` (null: filters only), each tagged with a key unique across
// shards (Pagefind's ids are per bundle).
async function ask(shard, term, filters, context, sort) {
  if (!shard.pf) return [];
  const { options, recheck } = await statusOptions(shard.pf, filters, context);
  const found = (await shard.pf.search(term, sort ? { ...options, sort } : options)).results;
  for (const r of found) r.key = `${shard.n}/${r.id}`;
  return recheck ? dropChanged(shard.pf, found, recheck) : found;
}

// `term` in every shard, newest shard first (so, with sort date desc, newest first overall).
async function askAll(shards, term, filters, context, sort) {
  const found = [];
  for (let n = 0; n < shards.count; n += 1) {
    found.push(...(await ask(await shards.open(n), term, filters, context, sort)));
  }
  return found;
}

// Results, best first, and `exact`: the key of each result an exact key found -> the kind of
// key ("doc", "name", "code"): a doc number or name key matched hidden text, so its excerpt
// is the summary instead. `next()` (or null): more results from shards not yet asked.
async function runSearch(shards, query, filters, context) {
  const { key, words } = normalizeQuery(query);
  const exact = new Map();
  const tag = (found, kind) => {
    for (const r of found) if (!exact.has(r.key)) exact.set(r.key, kind);
    return found;
  };
  const answer = (results, more = { next: null, asked: shards.count }) => {
    const seen = new Set();
    const unique = results.filter((r) => !seen.has(r.key) && seen.add(r.key));
    return { results: unique, exact, next: more.next, asked: more.asked };
  };
  if (!key && !words) {
    if (!Object.keys(filters).length) return null;
    const listing = inTurn(shards, (shard) => ask(shard, null, filters, context, { date: "desc" }));
    const first = await listing();
    return answer(first.found, first);
  }
  // A doc number that exists is the answer: the newest shard holding it. A credit code or a
  // full name (…有限公司): every announcement listing it, in every shard, newest first.
  if (key) {
    for (let n = 0; n < shards.count; n += 1) {
      const found = await ask(await shards.open(n), key, filters, context);
      if (found.length) return answer(tag(found, "doc"));
    }
  }
  const code = key ? null : codeKey(query);
  const sure = code ? tag(await askAll(shards, code, filters, context, { date: "desc" }), "code") : [];
  if (sure.length) return answer(sure);
  // An enterprise name: a full name is asked first; other queries only when their words find
  // a result announcement or nothing at all, since the name keys' index chunk would add one
  // more chunk to every first query (docs/search.md).
  const name = key ? null : nameKey(query, context.affixes);
  const full = name && context.affixes.full.some((end) => fold(query).endsWith(end));
  const named = full ? tag(await askAll(shards, name, filters, context, { date: "desc" }), "name") : [];
  if (named.length) return answer(named);
  // Otherwise the name key is asked once a shard's words find a result announcement or
  // nothing, and then of every shard the listing reaches (those before too), never of one
  // it does not: each shard opened costs its metadata and chunks, so a common word would
  // otherwise load every shard (about 110 KB each) for a name it is not.
  const reached = [];
  let probing = false;
  let byName = [];
  const probe = async (shard) => {
    byName.push(...tag(await ask(shard, name, filters, context, { date: "desc" }), "name"));
  };
  const listing = inTurn(shards, async (shard) => {
    const head = await titlesFirst(words ? await ask(shard, words, filters, context) : [], words);
    reached.push(shard);
    if (probing) await probe(shard);
    else if (name && !full && (head.announcements || !head.results.length)) {
      probing = true;
      for (const earlier of reached) await probe(earlier);
    }
    return head.results;
  });
  // Each page of results: the names found in the shards it reached first, then the words'.
  const namesFirst = (page) => async () => {
    const got = await page();
    const found = [...byName, ...got.found];
    byName = [];
    return { ...got, found, next: got.next && namesFirst(got.next) };
  };
  const first = await namesFirst(listing)();
  let results = first.found;
  // Few hits usually means an enterprise name: the indexer may have cut the same name
  // differently on another page. Add pages holding the name's words one by one, after.
  if (words && results.length < FEW) {
    for (let n = 0; n < shards.count; n += 1) {
      const shard = await shards.open(n);
      if (!shard.pf) continue;
      const { options } = await statusOptions(shard.pf, filters, context);
      results = [...results, ...(await searchAnyWord(shard, words, options))];
    }
  }
  return answer(results, first);
}

// Asks shards one after another, newest first, until at least a page of results or none
// left: `{ found, next, asked }`, where `next()` goes on from there (null: no shard left) and
// `asked` counts the shards asked so far.
function inTurn(shards, askShard) {
  let n = 0;
  const page = async () => {
    const found = [];
    while (n < shards.count && found.length < PAGE_SIZE) {
      found.push(...(await askShard(await shards.open(n))));
      n += 1;
    }
    return { found, next: n < shards.count ? page : null, asked: n };
  };
  return page;
}

// -- statuses on the browser's clock --------------------------------------------------------

const localDay = (now) => new Date(now + ZONE_OFFSET).toISOString().slice(0, 10);
const instant = (value) => (value ? Date.parse(value) : NaN);

// The status code at `now` from a result's metadata, as site.js statusAt computes a badge's;
// null when the status does not follow the clock (withdrawn, results published, guides).
export function statusAt(meta, now) {
  const opens = instant(meta.opens);
  if (meta.fixed || !meta.kind || Number.isNaN(opens)) return null;
  const closes = instant(meta.closes);
  if (meta.kind === "policies") {
    const repealed = instant(meta.repealed);
    if (!Number.isNaN(repealed) && now >= repealed) return "repealed";
    if (now < opens) return "pending";
    if (!Number.isNaN(closes) && now > closes) return "expired";
    return "in_force";
  }
  if (now < opens) return "upcoming";
  const window = meta.kind === "funds" || meta.kind === "consultations";
  if (meta.kind === "consultations" && now > closes) {
    const answered = instant(meta.answered);
    return !Number.isNaN(answered) && now >= answered ? "answered" : "closed";
  }
  if (now > closes) return window ? "closed" : "ended";
  return window ? "open" : "publicity";
}

// [label, tone] now: recomputed when the dates say so, else the status of the build day.
export function statusNow(meta, now, statuses) {
  const code = statusAt(meta, now);
  const label = code && (statuses[meta.kind] || {})[code];
  return label || (meta.status ? [meta.status, meta.tone] : null);
}

// The days (filter `changes`) that have come: items on them may have a new status by now.
async function dueDays(pagefind, now) {
  const today = localDay(now);
  const days = Object.keys((await pagefind.filters()).changes || {});
  return days.filter((day) => day <= today);
}

// The 状态 filter holds build-day statuses. Items whose status may have changed since are
// asked for too (`changes` day come), then kept only if their status now is the one chosen.
async function statusOptions(pagefind, filters, { now, statuses }) {
  if (!filters.status) return { options: { filters }, recheck: null };
  const due = await dueDays(pagefind, now);
  if (!due.length) return { options: { filters }, recheck: null };
  const { status, ...rest } = filters;
  const changed = { changes: { any: due } };
  return {
    options: { filters: { ...rest, any: [{ status }, changed] } },
    recheck: { filters: { ...rest, ...changed }, status, now, statuses },
  };
}

async function changedItems(pagefind, filters, now, statuses) {
  const found = (await pagefind.search(null, { filters })).results;
  const data = await Promise.all(found.map((r) => r.data()));
  return found.map((r, i) => ({ id: r.id, was: data[i].meta.status, now: (statusNow(data[i].meta, now, statuses) || [])[0] }));
}

async function dropChanged(pagefind, results, recheck) {
  const changed = await changedItems(pagefind, recheck.filters, recheck.now, recheck.statuses);
  const wrong = new Set(changed.filter((c) => c.now !== recheck.status).map((c) => c.id));
  return results.filter((r) => !wrong.has(r.id));
}

function wordsOf(text) {
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const words = Array.from(segmenter.segment(text)).filter((s) => s.isWordLike);
  return [...new Set(words.map((s) => s.segment.toLowerCase()))];
}

const plain = (text) => text.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");

// Pagefind ranks by word frequency; a page whose title holds every query word is what a
// visitor means (专精特新奖励 -> the 专精特新 award fund, not the longest page on 专精特新).
// Reorders the first page of results only: their data is loaded to show them anyway. Also
// says whether that page holds a result announcement (a hint the query is an enterprise).
async function titlesFirst(results, words) {
  const head = results.slice(0, PAGE_SIZE);
  const data = await Promise.all(head.map((r) => r.data()));
  const announcements = data.some((d) => d.meta && d.meta.kind === "announcements");
  const wanted = wordsOf(words);
  if (!wanted.length) return { results, announcements };
  const inTitle = data.map((d) => {
    const title = plain((d.meta && d.meta.title) || "");
    return wanted.every((w) => title.includes(w));
  });
  const order = head.map((r, i) => i).sort((a, b) => inTitle[b] - inTitle[a] || a - b);
  return { results: [...order.map((i) => head[i]), ...results.slice(PAGE_SIZE)], announcements };
}

// Pagefind wants every query word in a page, and the browser may cut a phrase into words
// the indexer cut differently (中小企业 vs 中小 + 企业). When nothing matches, look for each
// word alone and rank pages by how many words they hold, then by Pagefind's score.
async function searchAnyWord(shard, words, options) {
  const parts = wordsOf(words);
  if (parts.length < 2) return [];
  const tally = new Map();
  for (const part of parts) {
    for (const result of (await shard.pf.search(part, options)).results) {
      result.key = `${shard.n}/${result.id}`;
      const entry = tally.get(result.key) || { result, words: 0, score: 0 };
      entry.words += 1;
      entry.score += result.score || 0;
      tally.set(result.key, entry);
    }
  }
  return [...tally.values()]
    .sort((a, b) => b.words - a.words || b.score - a.score)
    .map((entry) => entry.result);
}

function element(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

const MATCH_NOTES = { name: "公示名单中有：", code: "公示名单中有统一社会信用代码：" };

function renderResult(data, how, context) {
  const meta = data.meta || {};
  const li = element("li", { class: "qq-result" });
  const heading = element("h2", { class: "qq-result__title" });
  heading.append(element("a", { href: data.url }, meta.title || data.url));
  const line = element("p", { class: "qq-result__meta" });
  if (meta.type) line.append(element("span", { class: "qq-result__type" }, meta.type));
  const status = statusNow(meta, context.now, context.statuses);
  if (status) {
    const tone = /^[a-z]+$/.test(status[1] || "") ? status[1] : "neutral";
    line.append(element("span", { class: `qq-badge qq-badge--${tone}` }, status[0]));
  }
  if (meta.doc_number) line.append(element("span", { class: "qq-result__doc" }, meta.doc_number));
  if (meta.date) line.append(element("time", { datetime: meta.date }, meta.date));
  if (meta.department) line.append(element("span", { class: "qq-result__dept" }, meta.department));
  li.append(heading, line);
  if (MATCH_NOTES[how]) {
    const note = element("p", { class: "qq-result__match" }, MATCH_NOTES[how]);
    note.append(element("mark", {}, context.query.trim()));
    li.append(note);
  }
  const excerpt = element("p", { class: "qq-result__excerpt" });
  // A doc number or name key matched the hidden search block: its text means nothing here.
  // Otherwise the words around the first match in the body; else the summary.
  const hidden = how === "doc" || how === "name";
  const pieces = hidden ? null : bodyExcerpt(data.raw_content, data.locations, data.anchors);
  if (pieces && pieces.some((p) => p.text.trim() && p.text !== "…")) fillExcerpt(excerpt, pieces);
  else excerpt.textContent = meta.summary || "";
  li.append(excerpt);
  return li;
}

function readState(form) {
  const params = new URLSearchParams(window.location.search);
  const query = capped(params.get("q"));
  form.elements.q.value = query;
  const filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    const select = form.elements[name];
    if (value && select) {
      select.value = value;
      if (select.value === value) filters[name] = value;
    }
  }
  return { query, filters };
}

function formState(form) {
  const filters = {};
  for (const name of FILTERS) {
    const select = form.elements[name];
    if (select && select.value) filters[name] = select.value;
  }
  return { query: capped(form.elements.q.value), filters };
}

function writeState({ query, filters }) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const search = params.toString();
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

// Counts per filter value over every shard, as Pagefind has them (statuses of the build day).
async function allFilters(shards) {
  const counts = {};
  for (let n = 0; n < shards.count; n += 1) {
    const { pf } = await shards.open(n);
    for (const [name, values] of Object.entries(pf ? await pf.filters() : {})) {
      counts[name] ||= {};
      for (const [value, k] of Object.entries(values)) counts[name][value] = (counts[name][value] || 0) + k;
    }
  }
  return counts;
}

async function showCounts(shards, form) {
  const counts = await allFilters(shards);
  for (const name of FILTERS) setCounts(form.elements[name], counts[name] || {});
}

function setCounts(select, counts) {
  if (!select) return;
  for (const option of select.options) {
    if (!option.value) continue;
    const count = counts[option.value] || 0;
    option.textContent = `${option.dataset.label}（${count}）`;
    option.disabled = count === 0 && select.value !== option.value;
  }
}

// The 状态 counts with items whose status changed since the build moved to their status now.
// It loads those items' fragments, so it waits until the visitor turns to that filter.
async function recountStatuses(shards, form, context) {
  const counts = { ...((await allFilters(shards)).status || {}) };
  for (let n = 0; n < shards.count; n += 1) {
    const { pf } = await shards.open(n);
    if (!pf) continue;
    const due = await dueDays(pf, context.now);
    const changed = due.length ? await changedItems(pf, { changes: { any: due } }, context.now, context.statuses) : [];
    for (const item of changed) {
      if (!item.was || !item.now || item.was === item.now) continue;
      counts[item.was] -= 1;
      counts[item.now] = (counts[item.now] || 0) + 1;
    }
  }
  setCounts(form.elements.status, counts);
}

async function start(root) {
  const form = root.querySelector("form");
  const status = root.querySelector(".qq-search-status");
  const list = root.querySelector(".qq-results");
  const more = root.querySelector(".qq-results-more");
  const site = new URL("../../", import.meta.url);
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", site).href);
    await pagefind.options({ bundlePath: new URL("pagefind/", site).pathname, baseUrl: site.pathname });
  } catch (error) {
    status.textContent = root.dataset.unavailable;
    root.classList.add("qq-searchpage--unavailable");
    return;
  }
  root.querySelector(".qq-search-filters").hidden = false;
  const shards = new Shards(pagefind, site, JSON.parse(root.dataset.shards));
  const context = {
    now: Date.now(),
    affixes: JSON.parse(root.dataset.affixes),
    statuses: JSON.parse(root.dataset.statuses),
    query: "",
  };
  // Counts need every filter file (40 KB at 5,000 items): fetched once filters are in use,
  // not for every first query. The 状态 counts also load the fragments of changed items.
  let counted = null;
  const count = () => (counted ||= showCounts(shards, form).catch(() => {}));
  const recount = () => count().then(() => recountStatuses(shards, form, context)).catch(() => {});
  const fieldset = root.querySelector(".qq-search-filters");
  for (const event of ["focusin", "pointerenter"]) fieldset.addEventListener(event, count, { once: true });
  form.elements.status?.addEventListener("focus", recount, { once: true });

  let results = [];
  let exact = new Map();
  let next = null;
  let asked = 0;
  let shown = 0;
  let generation = 0;
  // While older shards are left unasked, the count says how many items were searched.
  const tell = () => {
    if (!results.length && !next) status.textContent = root.dataset.empty;
    else if (!next) status.textContent = root.dataset.count.replace("{n}", String(results.length));
    else {
      status.textContent = root.dataset.countRecent
        .replace("{m}", String(shards.items(asked)))
        .replace("{n}", String(results.length));
    }
  };
  const showMore = async () => {
    const mine = generation;
    if (shown + PAGE_SIZE > results.length && next) {
      const later = await next();
      if (mine !== generation) return;
      const have = new Set(results.map((r) => r.key));
      results = [...results, ...later.found.filter((r) => !have.has(r.key))];
      ({ next, asked } = later);
      tell();
    }
    const slice = results.slice(shown, shown + PAGE_SIZE);
    const page = await Promise.all(slice.map((r) => r.data()));
    if (mine !== generation) return;
    list.append(...page.map((data, i) => renderResult(data, exact.get(slice[i].key), context)));
    shown += page.length;
    more.hidden = shown >= results.length && !next;
  };
  const search = async (state) => {
    const mine = ++generation;
    root.setAttribute("aria-busy", "true");
    context.now = Date.now();
    const found = await runSearch(shards, state.query, state.filters, context);
    if (mine !== generation) return;
    list.replaceChildren();
    context.query = state.query;
    results = found ? found.results : [];
    exact = found ? found.exact : new Map();
    next = found ? found.next : null;
    asked = found ? found.asked : 0;
    shown = 0;
    if (found === null) status.textContent = root.dataset.prompt;
    else tell();
    await showMore();
    root.setAttribute("aria-busy", "false");
    root.dataset.searched = state.query;
  };

  let timer = null;
  const onChange = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const state = formState(form);
      writeState(state);
      search(state);
    }, delay);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onChange(0);
  });
  form.elements.q.addEventListener("input", (event) => {
    const { words } = normalizeQuery(event.target.value);
    if (words) pagefind.preload(words);
    onChange(300);
  });
  for (const name of FILTERS) form.elements[name]?.addEventListener("change", () => onChange(0));
  more.addEventListener("click", () => showMore());
  const initial = readState(form);
  if (Object.keys(initial.filters).length) count();
  if (initial.filters.status) recount();
  await search(initial);
}

const root = document.querySelector("[data-qq-search]");
if (root) start(root);
