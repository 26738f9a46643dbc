// Site search on /search/: Pagefind in the browser, no server.
// Doc numbers are normalized the same way as generator/search/docnumber.py (keep in step;
// tests/search/doc_numbers.yaml is the shared table).

const OPEN = "〔[【(〈<{";
const CLOSE = "〕]】)〉>}";
const esc = (s) => s.replace(/[\\^$.*+?()[\]{}|\-]/g, "\\$&");
const DOC_NUMBER = new RegExp(
  "^\\s*([^\\d\\s" + esc(OPEN + CLOSE) + "]+?)\\s*[" + esc(OPEN) + "]?\\s*" +
    "((?:19|20)\\d{2})\\s*年?\\s*[" + esc(CLOSE) + "]?\\s*" +
    "(?:(?:第\\s*)?(\\d{1,6})\\s*号?)?\\s*$",
  "u",
);
const KEY_TOKEN = /(<mark>)?wh[0-9a-f]{5,}y\d{4}(n\d+z)?(<\/mark>)?/g;
const FILTERS = ["collection", "department", "year", "status"];
// Each shown result fetches its fragment (1-5 KB): keep the first page small.
const PAGE_SIZE = 10;
const FEW = 3;

export function parseDocNumber(text) {
  const m = DOC_NUMBER.exec(text.normalize("NFKC"));
  if (!m) return null;
  return { issuer: m[1], year: m[2], number: m[3] === undefined ? null : String(Number(m[3])) };
}

export function docKey(parts) {
  const code = Array.from(parts.issuer, (c) => c.codePointAt(0).toString(16).padStart(5, "0"));
  const tail = parts.number === null ? "" : `n${parts.number}z`;
  return `wh${code.join("")}y${parts.year}${tail}`;
}

// What Pagefind is asked: the key for a doc number (exact), and plain words for the rest.
export function normalizeQuery(text) {
  const folded = (text || "").normalize("NFKC").trim();
  const doc = parseDocNumber(folded);
  if (doc) {
    const words = [doc.issuer, doc.year, doc.number].filter((w) => w !== null).join(" ");
    return { key: docKey(doc), words };
  }
  return { key: null, words: folded.replace(/[\p{P}\p{S}]+/gu, " ").replace(/\s+/g, " ").trim() };
}

function cleanExcerpt(html) {
  return html.replace(KEY_TOKEN, "").replace(/\s{2,}/g, " ");
}

async function runSearch(pagefind, query, filters) {
  const { key, words } = normalizeQuery(query);
  const options = { filters };
  if (!key && !words) {
    if (!Object.keys(filters).length) return null;
    return (await pagefind.search(null, { ...options, sort: { date: "desc" } })).results;
  }
  const exact = key ? (await pagefind.search(key, options)).results : [];
  // A doc number that exists is the answer: skip the word search and its index chunks.
  if (exact.length) return exact;
  let loose = words ? (await pagefind.search(words, options)).results : [];
  loose = await titlesFirst(loose, words);
  // Few hits usually means an enterprise name: the indexer may have cut the same name
  // differently on another page. Add pages holding the name's words one by one, after.
  if (words && loose.length < FEW) {
    loose = [...loose, ...(await searchAnyWord(pagefind, words, options))];
  }
  const seen = new Set();
  return loose.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

function wordsOf(text) {
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const words = Array.from(segmenter.segment(text)).filter((s) => s.isWordLike);
  return [...new Set(words.map((s) => s.segment.toLowerCase()))];
}

const plain = (text) => text.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");

// Pagefind ranks by word frequency; a page whose title holds every query word is what a
// visitor means (专精特新奖励 -> the 专精特新 award fund, not the longest page on 专精特新).
// Reorders the first page of results only: their data is loaded to show them anyway.
async function titlesFirst(results, words) {
  const wanted = wordsOf(words);
  if (!wanted.length) return results;
  const head = results.slice(0, PAGE_SIZE);
  const data = await Promise.all(head.map((r) => r.data()));
  const inTitle = data.map((d) => {
    const title = plain((d.meta && d.meta.title) || "");
    return wanted.every((w) => title.includes(w));
  });
  const order = head.map((r, i) => i).sort((a, b) => inTitle[b] - inTitle[a] || a - b);
  return [...order.map((i) => head[i]), ...results.slice(PAGE_SIZE)];
}

// Pagefind wants every query word in a page, and the browser may cut a phrase into words
// the indexer cut differently (中小企业 vs 中小 + 企业). When nothing matches, look for each
// word alone and rank pages by how many words they hold, then by Pagefind's score.
async function searchAnyWord(pagefind, words, options) {
  const parts = wordsOf(words);
  if (parts.length < 2) return [];
  const tally = new Map();
  for (const part of parts) {
    for (const result of (await pagefind.search(part, options)).results) {
      const entry = tally.get(result.id) || { result, words: 0, score: 0 };
      entry.words += 1;
      entry.score += result.score || 0;
      tally.set(result.id, entry);
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

function renderResult(data) {
  const meta = data.meta || {};
  const li = element("li", { class: "qq-result" });
  const heading = element("h2", { class: "qq-result__title" });
  heading.append(element("a", { href: data.url }, meta.title || data.url));
  const line = element("p", { class: "qq-result__meta" });
  if (meta.type) line.append(element("span", { class: "qq-result__type" }, meta.type));
  if (meta.status) {
    const tone = /^[a-z]+$/.test(meta.tone || "") ? meta.tone : "neutral";
    line.append(element("span", { class: `qq-badge qq-badge--${tone}` }, meta.status));
  }
  if (meta.doc_number) line.append(element("span", { class: "qq-result__doc" }, meta.doc_number));
  if (meta.date) line.append(element("time", { datetime: meta.date }, meta.date));
  if (meta.department) line.append(element("span", { class: "qq-result__dept" }, meta.department));
  const excerpt = element("p", { class: "qq-result__excerpt" });
  // Pagefind escapes the page text in excerpts and adds only <mark>: safe as HTML.
  excerpt.innerHTML = cleanExcerpt(data.excerpt || "");
  li.append(heading, line, excerpt);
  return li;
}

function readState(form) {
  const params = new URLSearchParams(window.location.search);
  const query = params.get("q") || "";
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
  return { query: form.elements.q.value, filters };
}

function writeState({ query, filters }) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const search = params.toString();
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

async function showCounts(pagefind, form) {
  const counts = await pagefind.filters();
  for (const name of FILTERS) {
    const select = form.elements[name];
    if (!select) continue;
    for (const option of select.options) {
      if (!option.value) continue;
      const count = (counts[name] || {})[option.value] || 0;
      option.textContent = `${option.dataset.label}（${count}）`;
      option.disabled = count === 0 && select.value !== option.value;
    }
  }
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
  showCounts(pagefind, form).catch(() => {});

  let results = [];
  let shown = 0;
  let generation = 0;
  const showMore = async () => {
    const page = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
    list.append(...page.map(renderResult));
    shown += page.length;
    more.hidden = shown >= results.length;
  };
  const search = async (state) => {
    const mine = ++generation;
    root.setAttribute("aria-busy", "true");
    const found = await runSearch(pagefind, state.query, state.filters);
    if (mine !== generation) return;
    list.replaceChildren();
    results = found || [];
    shown = 0;
    if (found === null) status.textContent = root.dataset.prompt;
    else if (!results.length) status.textContent = root.dataset.empty;
    else status.textContent = root.dataset.count.replace("{n}", String(results.length));
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
  await search(readState(form));
}

const root = document.querySelector("[data-qq-search]");
if (root) start(root);
