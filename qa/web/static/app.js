// The chat page. Article text is only ever inserted as text nodes, never as HTML.
"use strict";

const MAX_HISTORY = 10;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_HINT = "Enter sends · Shift+Enter starts a new line";

let history = [];  // {question, answer} sent with each question
let turns = [];  // {question, filters, reply}: what "Copy conversation" writes out
let suggested = [];
let busy = false;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

// Text with the spans [[start, end], ...] wrapped in <mark>.
function marked(text, spans) {
  const fragment = document.createDocumentFragment();
  let cursor = 0;
  for (const [start, end] of spans || []) {
    if (start < cursor || end > text.length || start >= end) continue;
    fragment.append(text.slice(cursor, start), el("mark", {}, text.slice(start, end)));
    cursor = end;
  }
  fragment.append(text.slice(cursor));
  return fragment;
}

// The article with its passage marked, and the answer inside the passage marked again; or, for a
// sentence quoted elsewhere (corroboration, figures), that sentence marked.
function withPassage(text, passage) {
  let [start, end] = passage.span || [0, 0];
  if (!(start < end && end <= text.length) && passage.text) {
    start = text.indexOf(passage.text);
    end = start + passage.text.length;
  }
  if (!(start >= 0 && start < end && end <= text.length)) return document.createTextNode(text);
  const inner = el("mark", { class: "in-article" }, marked(text.slice(start, end), passage.highlight));
  const fragment = document.createDocumentFragment();
  fragment.append(text.slice(0, start), inner, text.slice(end));
  return fragment;
}

// "2013-02-22" of an ISO date or date-time; anything else as it is.
function isoDay(value) {
  if (!value) return null;
  const day = String(value).slice(0, 10);
  return ISO_DAY.test(day) ? day : String(value);
}

// Outlet and date of a source, leaving out what it does not give.
function outletAndDay(source) {
  return [source.outlet, isoDay(source.published)].filter(Boolean);
}

// A source as the reader sees it: its title (file name as a tooltip), outlet and date.
function sourceLabel(source, tag = "span") {
  return el(tag, { class: "source" },
    el("span", { class: "title", title: source.path }, source.title || source.path),
    ...outletAndDay(source).map((part) => el("span", { class: "dot" }, part)));
}

function sourceUrl(source) {
  const path = source.path.split("/").map(encodeURIComponent).join("/");
  return new URL(`/sources/${path}`, window.location.href).href;
}

function citeButton(passage) {
  return el("button", {
    class: "cite", type: "button",
    "aria-label": `Source ${passage.rank}: open ${passage.source.title}`,
    onclick: () => openSource(passage),
  }, `[${passage.rank}]`);
}

// The passage the answer was taken from: the one its sentence is highlighted in.
function homePassage(reply) {
  return (reply.passages || []).find((p) => p.highlight && p.highlight.length) || null;
}

function scrollToEnd() {
  const transcript = $("transcript");
  transcript.scrollTop = transcript.scrollHeight;
}

function addTurn(node) {
  $("transcript").append(node);
  scrollToEnd();
  return node;
}

function filterWords(filters) {
  const words = [];
  if (!filters) return words;
  const outlets = Array.isArray(filters.outlet) ? filters.outlet : [filters.outlet].filter(Boolean);
  for (const outlet of outlets) words.push(`Outlet: ${outlet}`);
  if (filters.published_after) words.push(`From ${filters.published_after}`);
  if (filters.published_before) words.push(`To ${filters.published_before}`);
  return words;
}

function userTurn(question, filters) {
  const chips = filterWords(filters);
  return el("li", { class: "turn user" },
    el("p", { class: "said" }, question),
    chips.length ? el("ul", { class: "chips", "aria-label": "Filters on this question" },
      ...chips.map((word) => el("li", { class: "chip" }, word))) : null);
}

function fold(summary, ...content) {
  return el("details", { class: "fold" }, el("summary", {}, summary), ...content);
}

function answerFigure(answer, home) {
  const caption = el("figcaption", { class: "byline" },
    answer.speaker ? el("span", { class: "speaker" }, answer.speaker) : null,
    sourceLabel(home ? home.source : answer.source));
  const quote = el("blockquote", { class: "answer-text" }, answer.text, home ? citeButton(home) : null);
  return el("figure", { class: "answer" }, quote, caption);
}

function figuresSection(figures) {
  const list = el("ul");
  for (const f of figures) {
    list.append(el("li", {}, el("strong", { class: "value" }, f.value || "?"), " ",
      el("button", { type: "button", class: "link", onclick: () => openSource({ source: f, text: f.text }) },
        sourceLabel(f))));
  }
  return el("section", { class: "figures", "aria-label": "Figures by date" },
    el("h3", {}, "The articles give different figures"), list);
}

// Everything the speaker said on the topic, oldest first: quote, outlet, date, and how many others carry it.
function statementsSection(answer) {
  const list = el("ol");
  for (const st of answer.statements) {
    const others = st.corroboration.length;
    list.append(el("li", {},
      // a statement that opens with its own quotation marks gets no second pair
      el("q", /^["“‘']/.test(st.text) ? { class: "quoted" } : {}, st.text), " ",
      el("button", { type: "button", class: "link", onclick: () => openSource({ source: st.source, span: st.span, text: st.text }) },
        sourceLabel(st.source)),
      others ? el("span", { class: "also", title: st.corroboration.map((c) => c.outlet || c.title).join(", ") },
        `also in ${others} ${others === 1 ? "outlet" : "outlets"}`) : null));
  }
  const more = answer.statements_more ? el("p", { class: "more" }, `and ${answer.statements_more} more`) : null;
  const speaker = answer.speaker || "The speaker";
  return el("section", { class: "statements", "aria-label": "Everything said on this" },
    el("h3", {}, `Everything ${speaker} said on this (${answer.statements.length + (answer.statements_more || 0)})`),
    list, more);
}

function corroborationSection(others) {
  const list = el("ul");
  for (const c of others) {
    list.append(el("li", {},
      el("button", { type: "button", class: "link", onclick: () => openSource({ source: c, text: c.text }) },
        sourceLabel(c)),
      el("span", { class: "snippet" }, c.text)));
  }
  const outlets = [...new Set(others.map((c) => c.outlet).filter(Boolean))];
  const heading = outlets.length ? `Also reported by ${outlets.join(", ")}` : `Also reported by ${others.length} more`;
  return el("section", { class: "corroboration", "aria-label": "Also reported by" }, el("h3", {}, heading), list);
}

function passageList(passages) {
  const list = el("ol", { class: "passages" });
  for (const passage of passages) {
    const snippet = passage.text.length > 220 ? `${passage.text.slice(0, 220)}…` : passage.text;
    const carried = passage.also_carried_by || [];
    list.append(el("li", {}, citeButton(passage), " ", sourceLabel(passage.source),
      el("span", { class: "snippet" }, snippet),
      carried.length ? el("span", { class: "also" },
        `Also carried by ${carried.map((c) => c.outlet || c.title || c.path).join(", ")}`) : null));
  }
  return list;
}

// The days the question's time words named ("this week"), as a chip whose button asks again without them.
function periodChip(period, question) {
  const how = period.filtered ? "only these days" : "these days first";
  const without = question.replace(new RegExp(period.words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), "")
    .replace(/\s+/g, " ").replace(/\s+([?.!,])/g, "$1").trim();
  const remove = el("button", { type: "button", class: "remove", "aria-label": `Ask again without "${period.words}"`,
    title: "Ask again without this time window", onclick: () => askIfIdle(without) }, "×");
  return el("ul", { class: "chips period", "aria-label": "Time window" },
    el("li", { class: "chip" }, `${period.words}: ${period.from} to ${period.to} (${how}) `, remove));
}

function renderAnswer(turn, reply, question) {
  turn.classList.remove("loading");
  turn.removeAttribute("aria-busy");
  turn.replaceChildren();
  if (reply.period) turn.append(periodChip(reply.period, question));
  if (reply.understood_as) turn.append(el("p", { class: "understood" }, `Understood as: ${reply.understood_as}`));
  if (reply.note) {
    const retry = el("button", { type: "button", class: "retry", onclick: () => { clearFilters(); askIfIdle(question); } },
      "Ask again without filters");
    turn.append(el("p", { class: "note", role: "note" }, sentence(reply.note), " ", retry));
  }
  const passages = reply.passages || [];
  const answer = reply.answer;
  if (answer) {
    const home = homePassage(reply);
    turn.append(answerFigure(answer, home));
    if (answer.figures && answer.figures.length) turn.append(figuresSection(answer.figures));
    if (answer.statements && answer.statements.length > 1) turn.append(statementsSection(answer));
    if (answer.corroboration && answer.corroboration.length) turn.append(corroborationSection(answer.corroboration));
    if (home) {
      turn.append(fold(`The passage it comes from [${home.rank}]`,
        el("p", { class: "passage" }, marked(home.text, home.highlight), citeButton(home))));
    }
    const others = passages.filter((p) => p !== home);
    if (others.length) turn.append(fold(`Other passages (${others.length})`, passageList(others)));
  } else {
    turn.append(el("p", { class: "none" }, "The articles don't say."));
    if (passages.length) turn.append(fold(`The closest passages (${passages.length})`, passageList(passages)));
    const asked = new Set(turns.map((t) => t.question));
    const untried = suggested.filter((q) => !asked.has(q));
    if (untried.length) turn.append(suggestionList("Questions these articles answer", untried));
  }
  scrollToEnd();
}

function sentence(text) {
  const trimmed = String(text).trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? "" : ".");
}

function renderError(turn, message) {
  turn.classList.remove("loading");
  turn.removeAttribute("aria-busy");
  turn.classList.add("error");
  turn.setAttribute("role", "alert");
  turn.replaceChildren(el("p", { class: "none" }, "Something went wrong."), el("p", {}, message));
}

function suggestionList(label, questions) {
  return el("nav", { class: "suggestions", "aria-label": label },
    el("p", { class: "suggestions-label" }, label),
    el("ul", {}, ...questions.map((question) => el("li", {},
      el("button", { type: "button", class: "suggestion", onclick: () => askIfIdle(question) }, question)))));
}

// Asks unless a question is in flight or a filter is malformed (then says why); whether it asked.
function askIfIdle(question) {
  if (busy) return false;
  let filters;
  try {
    filters = chosenFilters();
  } catch (problem) {
    showHint(problem.message);
    return false;
  }
  ask(question, filters);
  return true;
}

async function ask(question, filters) {
  busy = true;
  $("ask-button").disabled = true;
  showHint(null);
  addTurn(userTurn(question, filters));
  const turn = addTurn(el("li", { class: "turn bot loading", "aria-busy": "true" }, "Searching the articles"));
  try {
    const response = await fetch("/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, history: history.slice(-MAX_HISTORY), filters }),
    });
    const reply = await response.json().catch(() => null);
    if (!response.ok || !reply) {
      const message = reply && reply.error ? reply.error.message : `The server answered ${response.status}.`;
      renderError(turn, message);
      return;
    }
    renderAnswer(turn, reply, question);
    turns.push({ question, filters, reply });
    history.push({ question, answer: reply.answer ? reply.answer.text : null });
    $("copy-conversation").disabled = false;
    nextPlaceholder();
  } catch (error) {
    renderError(turn, "The server could not be reached. Check that it is running and try again.");
  } finally {
    busy = false;
    $("ask-button").disabled = false;
  }
}

// The filters the reader set, or null when none is; an error when a date is not yyyy-mm-dd.
function chosenFilters() {
  const filters = {};
  if ($("filter-outlet").value) filters.outlet = $("filter-outlet").value;
  for (const [id, name] of [["filter-after", "published_after"], ["filter-before", "published_before"]]) {
    const input = $(id);
    const value = input.value.trim();
    input.removeAttribute("aria-invalid");
    if (!value) continue;
    if (!ISO_DAY.test(value) || Number.isNaN(Date.parse(value))) {
      input.setAttribute("aria-invalid", "true");
      $("filters").open = true;
      throw new Error(`Write dates as yyyy-mm-dd, such as 2014-01-22 (not “${value}”).`);
    }
    filters[name] = value;
  }
  return Object.keys(filters).length ? filters : null;
}

function showFilterCount() {
  const count = ["filter-outlet", "filter-after", "filter-before"].filter((id) => $(id).value.trim()).length;
  $("filter-count").textContent = count ? `(${count})` : "";
}

function clearFilters() {
  for (const id of ["filter-outlet", "filter-after", "filter-before"]) {
    $(id).value = "";
    $(id).removeAttribute("aria-invalid");
  }
  showFilterCount();
}

// A visible word under the box (an empty question, a bad date); null restores the usual hint.
function showHint(message) {
  const hint = $("ask-hint");
  hint.textContent = message || DEFAULT_HINT;
  hint.classList.toggle("warn", Boolean(message));
  if (message) $("question").setAttribute("aria-invalid", "true");
  else $("question").removeAttribute("aria-invalid");
}

function nextPlaceholder() {
  if (!suggested.length) return;
  $("question").placeholder = `e.g. ${suggested[turns.length % suggested.length]}`;
}

async function fillOutlets() {
  try {
    const response = await fetch("/sources");
    if (!response.ok) return;
    const outlets = new Set((await response.json()).sources.map((s) => s.outlet).filter(Boolean));
    for (const outlet of [...outlets].sort()) $("filter-outlet").append(el("option", { value: outlet }, outlet));
  } catch {
    // without the list the search simply stays unfiltered
  }
}

async function fillSuggestions() {
  try {
    const response = await fetch("/suggestions");
    if (!response.ok) return;
    suggested = (await response.json()).suggestions.map((s) => s.question);
  } catch {
    return;
  }
  showIntroSuggestions();
  nextPlaceholder();
}

function showIntroSuggestions() {
  const intro = $("intro");
  if (!intro) return;
  const old = intro.querySelector(".suggestions");
  if (old) old.remove();
  if (suggested.length) intro.append(suggestionList("Try one of these", suggested));
}

// The conversation as Markdown: each question, its answer with the citation linked to its article, and
// the numbered passages, numbered as on the page.
function conversationMarkdown() {
  const escape = (text) => String(text).replace(/([\\[\]*_`<>])/g, "\\$1");
  const link = (source) => `[${escape(source.title || source.path)}](${sourceUrl(source)})`;
  const details = (source) => outletAndDay(source).map(escape).join(", ");
  const lines = [];
  for (const { question, filters, reply } of turns) {
    lines.push(`**Q:** ${escape(question)}`);
    const chips = filterWords(filters);
    if (chips.length) lines.push(`*${chips.join(" · ")}*`);
    lines.push("");
    if (reply.understood_as) lines.push(`*Understood as: ${escape(reply.understood_as)}*`, "");
    if (reply.note) lines.push(`*${escape(sentence(reply.note))}*`, "");
    const answer = reply.answer;
    if (answer) {
      const home = homePassage(reply);
      const cite = home ? ` [[${home.rank}]](${sourceUrl(home.source)})` : "";
      lines.push(`> ${escape(answer.text)}${cite}`, ">");
      const by = [answer.speaker && escape(answer.speaker), link(answer.source), details(answer.source)];
      lines.push(`> — ${by.filter(Boolean).join(", ")}`, "");
      for (const c of answer.corroboration || []) lines.push(`- Also: ${link(c)}${c.outlet ? `, ${escape(c.outlet)}` : ""}`);
      for (const f of answer.figures || []) lines.push(`- ${escape(f.value || "?")}: ${link(f)}, ${details(f)}`);
      for (const st of answer.statements || []) lines.push(`- "${escape(st.text)}" ${link(st.source)}, ${details(st.source)}`);
      if ((answer.corroboration || []).length || (answer.figures || []).length || (answer.statements || []).length) {
        lines.push("");
      }
    } else {
      lines.push("The articles don't say.", "");
    }
    for (const passage of reply.passages || []) {
      const extra = details(passage.source);
      lines.push(`${passage.rank}. ${link(passage.source)}${extra ? `, ${extra}` : ""}`);
    }
    lines.push("", "---", "");
  }
  return lines.join("\n").replace(/\n---\n\n$/, "\n");
}

async function copyConversation() {
  const button = $("copy-conversation");
  const text = conversationMarkdown();
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed";
  }
  setTimeout(() => { button.textContent = "Copy conversation"; }, 1500);
}

function newConversation() {
  history = [];
  turns = [];
  closeSource(false);
  clearFilters();
  $("filters").open = false;
  const intro = $("intro");
  $("transcript").replaceChildren(intro);
  $("copy-conversation").disabled = true;
  $("question").value = "";
  showHint(null);
  nextPlaceholder();
  $("question").focus();
}

async function openSource(passage) {
  const panel = $("source-panel");
  $("source-title").textContent = passage.source.title;
  $("source-title").title = passage.source.path;
  $("source-meta").textContent = "Loading the article…";
  $("source-text").replaceChildren();
  panel.hidden = false;
  document.querySelector(".layout").classList.add("with-source");
  $("source-title").focus();
  try {
    const response = await fetch(sourceUrl(passage.source));
    const article = await response.json();
    if (!response.ok) throw new Error(article.error ? article.error.message : response.statusText);
    $("source-meta").textContent = outletAndDay(article).join(" · ");
    $("source-text").replaceChildren(withPassage(article.text, passage));
    const mark = $("source-text").querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
  } catch (error) {
    $("source-meta").textContent = `The article could not be loaded: ${error.message}`;
  }
}

function closeSource(focus = true) {
  $("source-panel").hidden = true;
  document.querySelector(".layout").classList.remove("with-source");
  if (focus) $("question").focus();
}

async function showStatus() {
  try {
    const response = await fetch("/health");
    const health = await response.json();
    $("status").textContent = response.ok
      ? `${health.articles} articles · ${health.chunks} passages`
      : `Not ready: ${health.reason}`;
  } catch {
    $("status").textContent = "The server could not be reached.";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = $("ask-form");
  const input = $("question");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    const question = input.value.trim();
    if (!question) {
      showHint(suggested.length ? "Type a question first, or pick one of the suggestions." : "Type a question first.");
      input.focus();
      return;
    }
    if (askIfIdle(question)) input.value = "";
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", () => { if ($("ask-hint").classList.contains("warn")) showHint(null); });
  for (const id of ["filter-outlet", "filter-after", "filter-before"]) $(id).addEventListener("input", showFilterCount);
  $("filter-clear").addEventListener("click", clearFilters);
  $("source-close").addEventListener("click", () => closeSource());
  $("new-conversation").addEventListener("click", newConversation);
  $("copy-conversation").addEventListener("click", copyConversation);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("source-panel").hidden) closeSource();
  });
  showStatus();
  fillOutlets();
  fillSuggestions();
  input.focus();
});
