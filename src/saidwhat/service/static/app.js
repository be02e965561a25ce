// saidwhat's pages. Every node is built with createElement/textContent: article text, names
// and outlets are data, never markup (no innerHTML anywhere in this file).
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const PALETTE = 10;

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** JSON from the API, or an Error carrying the server's `detail`. */
async function api(path, options = {}) {
  const headers = { Accept: "application/json" };
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { ...options, headers });
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new Error((data && typeof data.detail === "string" && data.detail) ||
      `${response.status} ${response.statusText}`);
  }
  return data;
}

function setStatus(message, isError = false) {
  const status = $("#status");
  if (!status) return;
  status.textContent = message;
  status.classList.toggle("error", isError);
}

/** Only http(s) links from data become hrefs. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Parts joined by " · " text nodes (a separator never sits inside a link). */
function joined(...parts) {
  return parts.flat().filter(Boolean).flatMap((part, k) => (k ? [" · ", part] : [part]));
}

const percent = (x) => `${Math.round(100 * x)}%`;
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const speakerHref = (id) => `/speakers/${encodeURIComponent(id)}`;
const articleHref = (id) => `/articles/${encodeURIComponent(id)}`;
const clusterHref = (id) => `/clusters/${encodeURIComponent(id)}`;

// ---------------------------------------------------------------- one article, highlighted

const reader = { article: null, pinned: null, colours: new Map() };

/** Speaker id -> palette slot, in order of each speaker's first quote. */
function colourSlots(article) {
  const slots = new Map();
  for (const quote of article.quotes) {
    const id = quote.speaker && quote.speaker.id;
    if (id && !slots.has(id)) slots.set(id, slots.size % PALETTE);
  }
  return slots;
}

function colourClass(speakerId) {
  return speakerId && reader.colours.has(speakerId) ? `sp-${reader.colours.get(speakerId)}` : "sp-none";
}

/**
 * The article's text as text nodes and <mark>s: the text is cut at every span boundary and
 * each piece is marked with the most specific role covering it (cue, then source, then
 * content), so overlapping spans of different quotes still show every character once.
 */
function renderText(container, article) {
  const text = article.text;
  const marks = [];
  article.quotes.forEach((quote, q) => {
    const add = (span, role) => {
      if (span && span.end > span.start) marks.push({ start: span.start, end: span.end, role, q });
    };
    add(quote.cue, "cue");
    quote.sources.forEach((span) => add(span, "source"));
    quote.contents.forEach((span) => add(span, "content"));
  });
  const rank = { cue: 0, source: 1, content: 2 };
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])]
    .sort((a, b) => a - b);
  const seen = new Set();
  const nodes = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [a, b] = [cuts[k], cuts[k + 1]];
    const piece = text.slice(a, b);
    const over = marks.filter((m) => m.start <= a && m.end >= b);
    if (!over.length) {
      nodes.push(piece);
      continue;
    }
    over.sort((x, y) => rank[x.role] - rank[y.role] || x.q - y.q);
    const { role, q } = over[0];
    const quote = article.quotes[q];
    const mark = el("mark", {
      class: `hl hl-${role} ${colourClass(quote.speaker && quote.speaker.id)}`,
      "data-q": q,
      "data-role": role,
    }, piece);
    if (!seen.has(q)) { // one tab stop per quote
      seen.add(q);
      mark.tabIndex = 0;
      mark.setAttribute("role", "button"); // named by its own words; the card describes it
    }
    nodes.push(mark);
  }
  container.replaceChildren(...nodes);
}

/** The details of quote `q`: who, their titles and affiliations, type and confidence. */
function quoteCard(q) {
  const article = reader.article;
  const quote = article.quotes[q];
  const speaker = quote.speaker && article.speakers.find((s) => s.id === quote.speaker.id);
  const name = speaker ? speaker.name : (quote.sources[0] ? quote.sources[0].text : "Unattributed");
  const roles = speaker ? [...speaker.titles, ...speaker.affiliations].join(", ") : "";
  const rows = [
    ["Type", `${quote.type} quote`],
    ["Confidence", percent(quote.confidence)],
  ];
  if (speaker && speaker.kind !== "unknown") rows.unshift(["Kind", speaker.kind]);
  if (quote.cue) rows.push(["Cue", quote.cue.text]);
  if (quote.sources.length) rows.push(["Source", quote.sources.map((s) => s.text).join(" … ")]);
  return [
    el("p", { class: "who" }, name),
    roles ? el("p", { class: "role" }, roles) : null,
    el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
  ];
}

function showQuote(q, anchor) {
  const popover = $("#popover");
  const quote = reader.article.quotes[q];
  popover.className = `popover ${colourClass(quote.speaker && quote.speaker.id)}`;
  popover.replaceChildren(...quoteCard(q).filter(Boolean));
  popover.hidden = false;
  document.querySelectorAll("#article-body .hl.active").forEach((m) => m.classList.remove("active"));
  document.querySelectorAll(`#article-body .hl[data-q="${q}"]`).forEach((m) => m.classList.add("active"));
  anchor.setAttribute("aria-describedby", "popover");
  const box = anchor.getBoundingClientRect();
  const width = popover.offsetWidth;
  const left = Math.min(Math.max(8, box.left), document.documentElement.clientWidth - width - 8);
  popover.style.left = `${left + window.scrollX}px`;
  popover.style.top = `${box.bottom + window.scrollY + 8}px`;
}

function hideQuote() {
  $("#popover").hidden = true;
  document.querySelectorAll("#article-body .hl.active").forEach((m) => {
    m.classList.remove("active");
    m.removeAttribute("aria-describedby");
  });
}

function wireReader() {
  const body = $("#article-body");
  const markOf = (event) => event.target.closest && event.target.closest("mark.hl");
  body.addEventListener("mouseover", (event) => {
    const mark = markOf(event);
    if (mark && reader.pinned === null) showQuote(Number(mark.dataset.q), mark);
  });
  body.addEventListener("mouseout", (event) => {
    const into = event.relatedTarget && event.relatedTarget.closest && event.relatedTarget.closest("mark.hl");
    if (reader.pinned === null && !into) hideQuote();
  });
  body.addEventListener("focusin", (event) => {
    const mark = markOf(event);
    if (mark) showQuote(Number(mark.dataset.q), mark);
  });
  body.addEventListener("focusout", () => {
    if (reader.pinned === null) hideQuote();
  });
  const pin = (mark) => {
    const q = Number(mark.dataset.q);
    reader.pinned = reader.pinned === q ? null : q;
    showQuote(q, mark);
  };
  body.addEventListener("click", (event) => {
    const mark = markOf(event);
    if (mark) pin(mark);
  });
  body.addEventListener("keydown", (event) => {
    const mark = markOf(event);
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pin(mark);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      reader.pinned = null;
      hideQuote();
    }
  });
  document.addEventListener("click", (event) => {
    if (reader.pinned !== null && !markOf(event) && !event.target.closest(".popover, .quote-list")) {
      reader.pinned = null;
      hideQuote();
    }
  });
}

function goToQuote(q) {
  const mark = $(`#article-body .hl[data-q="${q}"]`);
  if (!mark) return;
  mark.scrollIntoView({ block: "center", behavior: "smooth" });
  reader.pinned = q;
  mark.focus({ preventScroll: true });
  showQuote(q, mark);
}

/** The side list: each speaker with their titles and their quotes, most quoted first. */
function renderSpeakerList(container, article, linkSpeakers) {
  const groups = new Map();
  article.quotes.forEach((quote, q) => {
    const id = quote.speaker ? quote.speaker.id : "";
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(q);
  });
  const ordered = [...groups.entries()].sort((a, b) => (a[0] === "") - (b[0] === "") || b[1].length - a[1].length);
  const sections = ordered.map(([id, quotes]) => {
    const speaker = article.speakers.find((s) => s.id === id);
    const name = speaker ? speaker.name : "Unattributed";
    const roles = speaker ? [...speaker.titles, ...speaker.affiliations].join(", ") : "";
    const person = linkSpeakers && speaker && speaker.person_id;
    const heading = person ? el("a", { href: speakerHref(person) }, name) : name;
    return el("section", { class: `speaker-group ${colourClass(id)}`, "aria-label": name },
      el("h3", {}, el("span", {}, heading),
        el("span", { class: "count" }, String(quotes.length)),
        el("span", { class: "sr-only" }, quotes.length === 1 ? " quote" : " quotes")),
      roles ? el("p", { class: "role" }, roles) : null,
      el("ol", { class: "quote-list" }, quotes.map((q) => {
        const quote = article.quotes[q];
        // A quote without content (the model found a cue and a source only) shows its cue
        const words = quote.contents.map((c) => c.text).join(" … ") ||
          `${quote.cue ? quote.cue.text : ""} (no quoted words found)`;
        return el("li", {}, el("button", { type: "button", onclick: () => goToQuote(q) },
          el("span", { class: `badge ${quote.type}` }, quote.type), words));
      })));
  });
  container.replaceChildren(...(sections.length ? sections : [el("p", { class: "hint" }, "No quotes found in this text.")]));
}

function showArticle(article, linkSpeakers = false) {
  reader.article = article;
  reader.pinned = null;
  reader.colours = colourSlots(article);
  hideQuote();
  renderText($("#article-body"), article);
  renderSpeakerList($("#speaker-list"), article, linkSpeakers);
  const people = new Set(article.quotes.filter((q) => q.speaker).map((q) => q.speaker.id));
  $("#summary").textContent = `${plural(article.quotes.length, "quote")} from ${plural(people.size, "speaker")}`;
  $("#result").hidden = false;
}

const looksLikeHtml = (name, text) =>
  /\.x?html?$/i.test(name) || /^\s*(<!doctype html|<html)/i.test(text);

function readPage() {
  wireReader();
  const form = $("#extract-form");
  const textarea = $("#article-text");
  const file = $("#article-file");
  const button = $("#extract-button");
  let html = null; // an opened HTML page: the server reads its article body out
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    const content = await chosen.text();
    if (looksLikeHtml(chosen.name, content)) {
      html = content;
      textarea.value = "";
      setStatus(`${chosen.name}: an HTML page; its article text will be read out.`);
    } else {
      html = null;
      textarea.value = content;
      setStatus(`${chosen.name} loaded.`);
    }
  });
  textarea.addEventListener("input", () => { html = null; });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = html !== null ? { html } : { text: textarea.value };
    if ($("#keep-doubtful").checked) body.min_confidence = 0;
    if (html === null && !textarea.value.trim()) {
      setStatus("Paste an article first, or open a file.", true);
      textarea.focus();
      return;
    }
    button.disabled = true;
    setStatus("Reading the article…");
    try {
      const article = await api("/v1/extract", { method: "POST", body: JSON.stringify(body) });
      showArticle(article);
      setStatus(`Done: ${plural(article.quotes.length, "quote")}.`);
      $("#result").scrollIntoView({ behavior: "smooth", block: "start" });
    } catch (error) {
      setStatus(error.message, true);
    } finally {
      button.disabled = false;
    }
  });
}

const lastSegment = () => decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");

/** What an article is called: its title, else its first line (as the API's lists say). */
function titleOf(article) {
  if (article.title) return article.title;
  const first = article.text.trim().split("\n")[0].trim();
  return first.length <= 80 ? first : `${first.slice(0, 80).replace(/\s+\S*$/, "")}…`;
}

function articleMeta(article) {
  const url = article.url && safeUrl(article.url);
  const bits = [article.outlet, article.published].filter(Boolean);
  return [
    el("h1", {}, titleOf(article)),
    bits.length || url ? el("p", {}, bits.join(" · "), bits.length && url ? " · " : "",
      url ? el("a", { href: url, rel: "noopener noreferrer" }, "original") : null) : null,
  ];
}

async function storedArticlePage() {
  wireReader();
  setStatus("Loading…");
  try {
    const id = decodeURIComponent(location.pathname.slice("/articles/".length));
    const article = await api(`/v1/articles/${encodeURIComponent(id)}`);
    document.title = `${titleOf(article)} · saidwhat`;
    $("#article-meta").replaceChildren(...articleMeta(article).filter(Boolean));
    showArticle(article, true);
    setStatus("");
  } catch (error) {
    setStatus(error.message, true);
  }
}

// ---------------------------------------------------------------- the archive

const when = (item) => item.published || "undated";
const personColour = (personId) => (personId ? `sp-${personId % PALETTE}` : "sp-none");

/** Text with the words a search matched as <mark>s (offsets from the API), all as text. */
function marked(text, matches = []) {
  const nodes = [];
  let at = 0;
  for (const m of matches) {
    if (m.start < at || m.end > text.length) continue;
    nodes.push(text.slice(at, m.start), el("mark", { class: "match" }, text.slice(m.start, m.end)));
    at = m.end;
  }
  nodes.push(text.slice(at));
  return nodes.filter((n) => n !== "");
}

/** One quote of a search or a speaker page: the words, who, where, when. */
function quoteItem(item, { showSpeaker = true } = {}) {
  const who = item.person_id
    ? el("a", { href: speakerHref(item.person_id) }, item.person || item.speaker)
    : el("span", {}, item.speaker || item.source || "unattributed");
  const articleLink = el("a", { href: articleHref(item.article) }, item.title || item.article);
  const context = item.context && item.context.trim() !== item.text.trim()
    ? el("p", { class: "hint context" }, item.context) : null;
  return el("li", { class: personColour(item.person_id) },
    el("blockquote", {}, marked(item.text, item.matches)),
    context,
    el("p", { class: "meta" },
      el("span", { class: `badge ${item.type}` }, item.type),
      item.cue_kind ? el("span", { class: "badge kind" }, item.cue_kind) : null,
      joined(
        showSpeaker ? who : null,
        `cue “${item.cue || "—"}”`,
        articleLink,
        item.outlet,
        when(item),
        item.cluster_id ? el("a", { href: clusterHref(item.cluster_id) }, "also reported elsewhere") : null)));
}

const FILTERS = ["q", "speaker", "about", "since", "until", "type", "cue_kind"];

async function searchPage() {
  if (document.body.dataset.archive !== "yes") {
    setStatus("This server has no archive: start it with saidwhat serve --db archive.db", true);
    return;
  }
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const field = document.getElementById(name);
    if (params.get(name)) field.value = params.get(name);
  }
  api("/v1/speakers?limit=12").then((page) => {
    $("#top-speakers").replaceChildren(...page.items.map((p) => el("li", {},
      el("a", { href: speakerHref(p.person_id), class: personColour(p.person_id) }, p.name,
        el("span", { class: "n" }, plural(p.quotes, "quote"))))));
  }).catch(() => {});
  const query = new URLSearchParams();
  for (const name of FILTERS) if (params.get(name)) query.set(name, params.get(name));
  if (![...query.keys()].filter((k) => k !== "cue_kind").length) {
    const counts = await api("/v1/archive");
    setStatus(`The archive holds ${plural(counts.quotes, "quote")} from ${plural(counts.articles, "article")}.`);
    return;
  }
  const offset = Number(params.get("offset") || 0);
  query.set("offset", String(offset));
  setStatus("Searching…");
  try {
    const page = await api(`/v1/quotes?${query}`);
    $("#results").replaceChildren(...page.items.map((item) => quoteItem(item)));
    const shown = page.items.length;
    setStatus(shown ? `Quotes ${offset + 1}–${offset + shown}${page.next_offset === null ? "" : " (more on the next page)"}.`
      : "No quotes match. Try fewer words or filters.");
    const pageLink = (to, label) => {
      const next = new URLSearchParams(params);
      next.set("offset", String(to));
      return el("a", { href: `/search?${next}` }, label);
    };
    $("#pager").replaceChildren(
      offset > 0 ? pageLink(Math.max(0, offset - page.limit), "← Previous") : "",
      page.next_offset !== null ? pageLink(page.next_offset, "Next →") : "");
  } catch (error) {
    setStatus(error.message, true);
  }
}

const ARTICLE_FILTERS = ["q", "outlet", "since", "until"];

/** The archive's articles, newest first, with the form's filters, a page at a time. */
async function articlesPage() {
  if (document.body.dataset.archive !== "yes") {
    setStatus("This server has no archive: start it with saidwhat serve --db archive.db", true);
    return;
  }
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const name of ARTICLE_FILTERS) {
    if (!params.get(name)) continue;
    document.getElementById(name).value = params.get(name);
    query.set(name, params.get(name));
  }
  const offset = Number(params.get("offset") || 0);
  query.set("offset", String(offset));
  setStatus("Loading…");
  try {
    const page = await api(`/v1/articles?${query}`);
    $("#articles").replaceChildren(...page.items.map((item) => el("li", {},
      el("h2", { class: "article-title" }, el("a", { href: articleHref(item.article) }, item.title)),
      el("p", { class: "meta" }, joined(item.outlet || "no outlet", when(item),
        plural(item.quotes, "quote"))))));
    const shown = page.items.length;
    setStatus(shown ? `Articles ${offset + 1}–${offset + shown}${page.next_offset === null ? "" : " (more on the next page)"}.`
      : "No articles match.");
    const pageLink = (to, label) => {
      const next = new URLSearchParams(params);
      next.set("offset", String(to));
      return el("a", { href: `/articles?${next}` }, label);
    };
    $("#pager").replaceChildren(
      offset > 0 ? pageLink(Math.max(0, offset - page.limit), "← Previous") : "",
      page.next_offset !== null ? pageLink(page.next_offset, "Next →") : "");
  } catch (error) {
    setStatus(error.message, true);
  }
}

/** Every month from the first to the last counted, months without quotes as 0. */
function everyMonth(counted) {
  const quotes = new Map(counted.map((m) => [m.month, m.quotes]));
  const months = [...quotes.keys()].sort();
  if (!/^\d{4}-\d{2}$/.test(months[0])) return counted;
  let [year, month] = months[0].split("-").map(Number);
  const out = [];
  for (let k = 0; k < 240; k++) { // at most 20 years of bars
    const key = `${year}-${String(month).padStart(2, "0")}`;
    out.push({ month: key, quotes: quotes.get(key) || 0 });
    if (key >= months[months.length - 1]) break;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return out;
}

/** Bars of quotes per month, as SVG built node by node, with a text alternative. */
function monthChart(counted) {
  const byMonth = everyMonth(counted);
  const NS = "http://www.w3.org/2000/svg";
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const months = byMonth.map((m) => m.month);
  const most = Math.max(1, ...byMonth.map((m) => m.quotes));
  const [width, height, pad, bottom] = [720, 180, 28, 24];
  const step = (width - 2 * pad) / byMonth.length;
  const bar = Math.min(48, step * 0.7);
  const summary = byMonth.map((m) => `${m.month}: ${m.quotes}`).join(", ");
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Quotes per month: ${summary}` });
  svg.append(svgEl("line", { x1: pad, x2: width - pad, y1: height - bottom, y2: height - bottom, stroke: "#8a939d" }));
  byMonth.forEach((m, i) => {
    const h = ((height - bottom - pad) * m.quotes) / most;
    const x = pad + i * step + (step - bar) / 2;
    const rect = svgEl("rect", { class: "bar", x, y: height - bottom - h, width: bar, height: h, rx: 2 });
    rect.append(svgEl("title", {}, `${m.month}: ${plural(m.quotes, "quote")}`));
    svg.append(rect,
      svgEl("text", { x: x + bar / 2, y: height - bottom - h - 6, "text-anchor": "middle" }, String(m.quotes)));
    if (byMonth.length <= 24 || i % Math.ceil(byMonth.length / 24) === 0) {
      svg.append(svgEl("text", { x: x + bar / 2, y: height - 6, "text-anchor": "middle" }, months[i]));
    }
  });
  return svg;
}

async function speakerPage() {
  setStatus("Loading…");
  try {
    const person = await api(`/v1/speakers/${encodeURIComponent(lastSegment())}`);
    document.title = `${person.name} · saidwhat`;
    const top = (list, key) => list.slice(0, 3).map((x) => x[key]).filter((x) => x.trim());
    const roles = [...top(person.titles, "title"), ...top(person.affiliations, "affiliation")];
    const aliases = person.aliases.map((a) => a.alias).filter((a) => a !== person.name);
    const span = person.first_seen ? `${person.first_seen} to ${person.last_seen}` : "undated";
    $("#speaker-head").replaceChildren(
      el("h1", {}, person.name),
      roles.length ? el("p", { class: "role" }, roles.join(" · ")) : null,
      el("p", { class: "role" }, `${plural(person.quotes, "quote")} in ${plural(person.articles, "article")}, ${span}`,
        person.gender ? ` · ${person.gender}${person.gender_basis === "name" ? " (from name)" : ""}` : "",
        ` · ${person.kind}`),
      aliases.length ? el("p", { class: "role" }, `Also named: ${aliases.join(", ")}`) : null,
      person.outlets.length ? el("ul", { class: "chips", "aria-label": "Outlets" },
        person.outlets.map((o) => el("li", {}, el("span", { class: "chip" }, o.outlet || "no outlet",
          el("span", { class: "n" }, String(o.quotes)))))) : null);
    $("#chart").replaceChildren(person.by_month.length ? monthChart(person.by_month)
      : el("p", { class: "hint" }, "None of their articles has a date."));
    $("#results").replaceChildren(...person.quotes_list.map((item) => quoteItem(item, { showSpeaker: false })));
    setStatus("");
  } catch (error) {
    setStatus(error.message, true);
  }
}

/** Words of `other` against `first`: kept words as text, others marked (LCS over words). */
function wordDiff(first, other) {
  const norm = (w) => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, "");
  const a = first.split(/\s+/).filter(Boolean);
  const b = other.split(/\s+/).filter(Boolean);
  const table = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = norm(a[i]) === norm(b[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && norm(a[i]) === norm(b[j])) {
      out.push(`${b[j]} `);
      i++; j++;
    } else if (j < b.length && (i >= a.length || table[i][j + 1] >= table[i + 1][j])) {
      out.push(el("ins", { class: "diff-ins" }, b[j]), " ");
      j++;
    } else {
      out.push(el("del", { class: "diff-del" }, a[i]), " ");
      i++;
    }
  }
  return out;
}

async function clusterPage() {
  setStatus("Loading…");
  try {
    const cluster = await api(`/v1/clusters/${encodeURIComponent(lastSegment())}`);
    const first = cluster.quotes[0];
    $("#cluster-head").replaceChildren(
      el("h1", {}, "One quote, ", plural(cluster.quotes.length, "appearance")),
      el("blockquote", { class: "big-quote" }, `“${cluster.text}”`),
      el("p", { class: "role" },
        first.person_id ? el("a", { href: speakerHref(first.person_id) }, first.speaker) : first.speaker || "unattributed",
        ` · first in ${first.outlet || first.article}, ${when(first)} · ${plural(cluster.outlets, "outlet")} · `,
        cluster.variants > 1 ? `${plural(cluster.variants, "wording")}` : "worded the same everywhere"));
    $("#occurrences").replaceChildren(...cluster.quotes.map((item, k) => {
      const changes = item.differences.map((d) => d.change === "changed" ? `“${d.from}” → “${d.to}”`
        : d.change === "added" ? `added “${d.to}”` : `left out “${d.from}”`);
      return el("li", { class: personColour(item.person_id) },
        el("blockquote", {}, k === 0 ? item.text : wordDiff(first.text, item.text)),
        el("p", { class: "meta" }, joined(
          el("a", { href: articleHref(item.article) }, item.title || item.article),
          item.outlet || "no outlet",
          when(item),
          el("span", { class: changes.length ? "changed" : "" },
            k === 0 ? "first appearance" : changes.length ? changes.join("; ") : "same wording"))));
    }));
    setStatus("");
  } catch (error) {
    setStatus(error.message, true);
  }
}

// ---------------------------------------------------------------- the API page

async function apiPage() {
  const doc = await api("/openapi.json");
  const rows = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      rows.push(el("tr", {},
        el("td", { class: "method" }, method.toUpperCase()),
        el("td", {}, el("code", {}, path)),
        el("td", {}, op.summary || "",
          op.description ? el("p", { class: "hint" }, op.description) : null,
          (op.parameters || []).length ? el("p", { class: "hint" }, "Parameters: ",
            joined(op.parameters.map((p) => el("code", {}, `${p.name}${p.in === "header" ? " (header)" : ""}`)))) : null)));
    }
  }
  $("#routes").replaceChildren(el("table", { class: "routes" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Method"), el("th", { scope: "col" }, "Path"),
      el("th", { scope: "col" }, "What it does"))),
    el("tbody", {}, rows)));
}

const PAGES = {
  read: readPage,
  article: storedArticlePage,
  articles: articlesPage,
  search: searchPage,
  speaker: speakerPage,
  cluster: clusterPage,
  api: apiPage,
};

document.addEventListener("DOMContentLoaded", () => {
  const run = PAGES[document.body.dataset.page];
  if (run) run();
});
