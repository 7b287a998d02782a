// The chat page. Article text is only ever inserted as text nodes, never as HTML.
"use strict";

const MAX_HISTORY = 10;
const history = [];
let busy = false;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
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

// The article with its passage marked, and the answer inside the passage marked again.
function withPassage(text, passage) {
  const [start, end] = passage.span || [0, 0];
  if (!(start < end && end <= text.length)) return document.createTextNode(text);
  const inner = el("mark", { class: "in-article" }, marked(text.slice(start, end), passage.highlight));
  const fragment = document.createDocumentFragment();
  fragment.append(text.slice(0, start), inner, text.slice(end));
  return fragment;
}

function byline(source) {
  const parts = [source.title];
  if (source.outlet) parts.push(source.outlet);
  if (source.published) parts.push(source.published);
  return parts.join(" · ");
}

function citeButton(passage) {
  return el("button", {
    class: "cite", type: "button",
    "aria-label": `Source ${passage.rank}: open ${passage.source.title}`,
    onclick: () => openSource(passage),
  }, `[${passage.rank}]`);
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

function renderAnswer(turn, reply) {
  turn.classList.remove("loading");
  turn.removeAttribute("aria-busy");
  turn.replaceChildren();
  if (reply.understood_as) turn.append(el("p", { class: "understood" }, `Understood as: ${reply.understood_as}`));
  const passages = reply.passages || [];
  const answer = reply.answer;
  let others = passages;
  if (answer) {
    const home = passages.find((p) => p.highlight && p.highlight.length) || null;
    turn.append(el("p", { class: "answer-label" }, "Answer"));
    const body = home
      ? el("p", { class: "passage" }, marked(home.text, home.highlight), citeButton(home))
      : el("p", { class: "passage" }, el("mark", {}, answer.text));
    body.classList.add("answer");
    turn.append(body);
    const source = home ? home.source : answer.source;
    turn.append(el("p", { class: "byline" }, `From ${byline(source)}`,
      answer.speaker ? ` — ${answer.speaker}` : null));
    const copy = el("button", { type: "button", class: "copy" }, "Copy answer");
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(`${answer.text} (${answer.source.title})`);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Copy failed";
      }
      setTimeout(() => { copy.textContent = "Copy answer"; }, 1500);
    });
    turn.append(el("div", { class: "actions" }, copy));
    if (answer.figures && answer.figures.length) {
      const list = el("ul");
      for (const f of answer.figures) list.append(el("li", {}, el("strong", {}, f.value || "?"), ` — ${byline(f)}`));
      turn.append(el("section", { class: "figures", "aria-label": "Figures by date" },
        el("h3", {}, "The articles give different figures"), list));
    }
    if (answer.corroboration && answer.corroboration.length) {
      const list = el("ul");
      for (const c of answer.corroboration) {
        list.append(el("li", {}, el("span", { class: "title" }, byline(c)), el("span", { class: "snippet" }, c.text)));
      }
      turn.append(el("section", { class: "corroboration", "aria-label": "Also reported by" },
        el("h3", {}, `Also reported by ${answer.corroboration.length} more`), list));
    }
    others = passages.filter((p) => p !== home);
  } else {
    turn.append(el("p", { class: "none" }, "The articles don't say."));
    if (passages.length) turn.append(el("p", { class: "byline" }, "The closest passages are below."));
  }
  if (others.length) {
    const list = el("ol");
    for (const passage of others) {
      const snippet = passage.text.length > 160 ? `${passage.text.slice(0, 160)}…` : passage.text;
      list.append(el("li", {}, citeButton(passage), " ", el("span", { class: "title" }, byline(passage.source)),
        el("span", { class: "snippet" }, snippet)));
    }
    turn.append(el("section", { class: "others", "aria-label": "Other passages" },
      el("h3", {}, answer ? "Other passages" : "Passages"), list));
  }
  scrollToEnd();
}

function renderError(turn, message) {
  turn.classList.remove("loading");
  turn.removeAttribute("aria-busy");
  turn.classList.add("error");
  turn.setAttribute("role", "alert");
  turn.replaceChildren(el("p", { class: "none" }, "Something went wrong."), el("p", {}, message));
}

async function ask(question) {
  busy = true;
  $("ask-button").disabled = true;
  addTurn(el("li", { class: "turn user" }, question));
  const turn = addTurn(el("li", { class: "turn bot loading", "aria-busy": "true" }, "Searching the articles"));
  try {
    const response = await fetch("/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, history: history.slice(-MAX_HISTORY), filters: chosenFilters() }),
    });
    const reply = await response.json().catch(() => null);
    if (!response.ok || !reply) {
      const message = reply && reply.error ? reply.error.message : `The server answered ${response.status}.`;
      renderError(turn, message);
      return;
    }
    renderAnswer(turn, reply);
    history.push({ question, answer: reply.answer ? reply.answer.text : null });
  } catch (error) {
    renderError(turn, "The server could not be reached. Check that it is running and try again.");
  } finally {
    busy = false;
    $("ask-button").disabled = false;
  }
}

// The filters the reader set, or null when none is.
function chosenFilters() {
  const filters = {};
  if ($("filter-outlet").value) filters.outlet = $("filter-outlet").value;
  if ($("filter-after").value) filters.published_after = $("filter-after").value;
  if ($("filter-before").value) filters.published_before = $("filter-before").value;
  return Object.keys(filters).length ? filters : null;
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

async function openSource(passage) {
  const panel = $("source-panel");
  $("source-title").textContent = passage.source.title;
  $("source-meta").textContent = "Loading the article…";
  $("source-text").replaceChildren();
  panel.hidden = false;
  document.querySelector(".layout").classList.add("with-source");
  $("source-title").focus();
  try {
    const response = await fetch(`/sources/${passage.source.path.split("/").map(encodeURIComponent).join("/")}`);
    const article = await response.json();
    if (!response.ok) throw new Error(article.error ? article.error.message : response.statusText);
    $("source-meta").textContent = [article.outlet, article.published, article.path].filter(Boolean).join(" · ");
    $("source-text").replaceChildren(withPassage(article.text, passage));
    const mark = $("source-text").querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
  } catch (error) {
    $("source-meta").textContent = `The article could not be loaded: ${error.message}`;
  }
}

function closeSource() {
  $("source-panel").hidden = true;
  document.querySelector(".layout").classList.remove("with-source");
  $("question").focus();
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
    const question = input.value.trim();
    if (!question || busy) return;
    input.value = "";
    ask(question);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  $("source-close").addEventListener("click", closeSource);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("source-panel").hidden) closeSource();
  });
  showStatus();
  fillOutlets();
  input.focus();
});
