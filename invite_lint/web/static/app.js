// invite-lint page: lint as you type (debounced), findings marked in the text, the coach's
// openers beside. Plain DOM, no library, nothing fetched from outside this server.
"use strict";

const TEXTS = {
  fr: {
    tagline: "Avant d'envoyer : ce que votre message dit vraiment, et une meilleure accroche.",
    channel: "Canal", "channel-auto": "automatique", linkedin_note: "note d'invitation LinkedIn", email: "e-mail",
    language: "Langue", "lang-auto": "détectée", draft: "Votre message",
    placeholder: "Collez ou écrivez votre message ici.",
    marked: "Votre message, annoté", "marked-hint": "Survolez ou parcourez au clavier (Tab) les passages surlignés.",
    findings: "Ce qu'il faut changer", coach: "Une accroche pour cette personne",
    "coach-hint": "Dites ce que vous savez d'elle : le coach n'invente rien.",
    name: "Son nom", about: "Ce que vous avez vu ou lu d'elle", "about-example": "votre article sur la qualité de vie au travail",
    interest: "Un intérêt commun", met: "Où vous vous êtes rencontrés", ask: "Ce que vous espérez (facultatif)",
    detail: "Ce qui vous a frappé dedans", "detail-example": "les couleurs", discussed: "Ce dont vous avez parlé",
    kind: "Type de message", "kind-auto": "automatique", first_contact: "premier contact",
    follow_up_after_meeting: "suite à une rencontre", thank_you: "remerciement",
    informational_interview: "demande de conseil", job_search: "recherche d'emploi",
    referral_request: "demande de recommandation", reconnect: "reprise de contact", prospecting: "prospection",
    "ask-example": "un café", footer: "Tout reste sur cette machine : aucune ressource externe n'est chargée.",
    use: "Utiliser cette accroche", characters: "caractères", score: "score", nothing: "Rien à signaler.",
    verdicts: { ready: "prêt à envoyer", "needs-work": "à retravailler", rewrite: "à réécrire" },
    severities: { error: "erreur", warning: "à revoir", info: "conseil" },
    facts: "faits utilisés", suggestion: "Suggestion", answer: "Pour une accroche complète, répondez à :",
    unreachable: "Le serveur ne répond pas.", marked_label: "Message annoté",
  },
  en: {
    tagline: "Before you send: what your message really says, and a better opener.",
    channel: "Channel", "channel-auto": "automatic", linkedin_note: "LinkedIn connection note", email: "e-mail",
    language: "Language", "lang-auto": "detected", draft: "Your message",
    placeholder: "Paste or write your message here.",
    marked: "Your message, marked up", "marked-hint": "Hover over or Tab through the highlighted passages.",
    findings: "What to change", coach: "An opener for this person",
    "coach-hint": "Say what you know of them: the coach invents nothing.",
    name: "Their name", about: "What of theirs you saw or read", "about-example": "your talk at PyCon on type hints",
    interest: "A shared interest", met: "Where you met", ask: "What you hope for (optional)",
    detail: "What struck you in it", "detail-example": "the colours", discussed: "What you talked about",
    kind: "Kind of message", "kind-auto": "automatic", first_contact: "first contact",
    follow_up_after_meeting: "follow-up after a meeting", thank_you: "thank-you",
    informational_interview: "asking for advice", job_search: "job search", referral_request: "referral request",
    reconnect: "reconnecting", prospecting: "prospecting",
    "ask-example": "a 15-minute call", footer: "Everything stays on this machine: nothing is loaded from outside.",
    use: "Use this opener", characters: "characters", score: "score", nothing: "Nothing to change.",
    verdicts: { ready: "ready to send", "needs-work": "needs work", rewrite: "rewrite" },
    severities: { error: "error", warning: "warning", info: "tip" },
    facts: "facts used", suggestion: "Suggestion", answer: "For a complete opener, answer:",
    unreachable: "The server does not answer.", marked_label: "Marked-up message",
  },
};
const RANK = { info: 1, warning: 2, error: 3 };
let uiLang = (navigator.language || "fr").toLowerCase().startsWith("en") ? "en" : "fr";
let limits = {};
let lintSeq = 0;
let coachSeq = 0;
let lastReport = null;

const $ = (id) => document.getElementById(id);
// "Suggestion : ..." in French (no-break space before the colon), "Suggestion: ..." in English
const colon = (label, value) => (uiLang === "fr" ? `${label}\u00a0: ${value}` : `${label}: ${value}`);
const t = (key) => TEXTS[uiLang][key] ?? key;

function setUiLang(lang) {
  if (!TEXTS[lang] || lang === uiLang && document.documentElement.lang === lang) return;
  uiLang = lang;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  $("marked").setAttribute("aria-label", t("marked_label"));
  if (lastReport) renderReport(lastReport, $("draft").value);
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function payload() {
  const recipient = {};
  for (const field of ["name", "about", "detail", "interest", "met", "discussed", "ask"]) {
    const value = $(field).value.trim();
    if (value) recipient[field] = value;
  }
  const body = { text: $("draft").value };
  if ($("lang").value) body.lang = $("lang").value;
  if ($("channel").value) body.channel = $("channel").value;
  if (Object.keys(recipient).length) body.recipient = recipient;
  return body;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

// Python counts code points, JavaScript UTF-16 units: map one to the other.
function unitOffsets(text) {
  const offsets = [0];
  for (const char of text) offsets.push(offsets[offsets.length - 1] + char.length);
  return offsets;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function tooltipFor(findings) {
  const box = $("tooltip");
  box.replaceChildren(...findings.map((f) => el("div", {},
    el("p", { class: "rule" }, `${t("severities")[f.severity] || f.severity} · ${f.rule}`),
    el("p", {}, f.message),
    el("p", {}, colon(t("suggestion"), f.suggestion)))));
  return box;
}

function showTooltip(mark, findings) {
  const box = tooltipFor(findings);
  box.hidden = false;
  const rect = mark.getBoundingClientRect();
  box.style.left = `${window.scrollX + rect.left}px`;
  box.style.top = `${window.scrollY + rect.bottom + 6}px`;
  mark.setAttribute("aria-describedby", "tooltip");
}

function hideTooltip(mark) {
  $("tooltip").hidden = true;
  if (mark) mark.removeAttribute("aria-describedby");
}

function renderMarked(text, findings) {
  const units = unitOffsets(text);
  const spans = findings.filter((f) => f.end > f.start).map((f) => ({ f, start: units[f.start] ?? text.length, end: units[f.end] ?? text.length }));
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const box = $("marked");
  box.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.f);
    const piece = text.slice(a, b);
    if (!covering.length) { box.append(piece); continue; }
    const worst = covering.reduce((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), "info");
    const mark = el("mark", { class: worst, tabindex: "0", "data-rules": covering.map((f) => f.rule).join(" ") }, piece);
    mark.addEventListener("mouseenter", () => showTooltip(mark, covering));
    mark.addEventListener("focus", () => showTooltip(mark, covering));
    mark.addEventListener("mouseleave", () => hideTooltip(mark));
    mark.addEventListener("blur", () => hideTooltip(mark));
    box.append(mark);
  }
}

function renderFindings(findings) {
  const list = $("findings");
  list.replaceChildren();
  if (!findings.length) { list.append(el("li", {}, t("nothing"))); return; }
  for (const f of findings) {
    const item = el("li", { "data-rule": f.rule },
      el("span", { class: `sev ${f.severity}` }, t("severities")[f.severity] || f.severity),
      el("code", {}, f.rule), " ", f.message,
      el("span", { class: "suggestion" }, f.suggestion));
    list.append(item);
  }
}

function renderCounter(text, channel) {
  const count = [...text].length;
  const limit = limits[channel];
  const name = t(channel) || channel;
  const counter = $("counter");
  counter.textContent = limit ? `${count} / ${limit} ${t("characters")} (${name})` : `${count} ${t("characters")} (${name})`;
  counter.classList.toggle("over", Boolean(limit && count > limit));
}

function renderReport(report, text) {
  const verdict = $("verdict");
  verdict.dataset.verdict = report.verdict;
  verdict.textContent = t("verdicts")[report.verdict] || report.verdict;
  $("score").textContent = `${t("score")} ${report.score}/100`;
  renderCounter(text, report.channel);
  renderMarked(text, report.findings);
  renderFindings(report.findings);
}

function clearReport() {
  lastReport = null;
  $("verdict").dataset.verdict = "";
  $("verdict").textContent = "";
  $("score").textContent = "";
  $("marked").replaceChildren();
  $("findings").replaceChildren();
  renderCounter("", $("channel").value || "linkedin_note");
}

async function lintNow() {
  const body = payload();
  const seq = ++lintSeq;
  if (!body.text.trim()) { clearReport(); return; }
  try {
    const document_ = await post("/v1/lint", body);
    if (seq !== lintSeq) return;  // a newer request is on its way
    const file = document_.files[0];
    if (!file) { clearReport(); return; }
    lastReport = file;
    if (!$("lang").value && TEXTS[file.lang]) setUiLang(file.lang);
    renderReport(file, body.text);
  } catch (error) {
    if (seq === lintSeq) $("score").textContent = `${t("unreachable")} (${error.message})`;
  }
}

async function coachNow() {
  const body = payload();
  if ($("kind").value) body.kind = $("kind").value;  // the coach writes for the kind chosen (else detected)
  const seq = ++coachSeq;
  try {
    const suggestions = await post("/v1/coach", body);
    if (seq !== coachSeq) return;
    renderOpeners(suggestions);
  } catch (error) {
    if (seq === coachSeq) $("openers").replaceChildren(el("li", {}, `${t("unreachable")} (${error.message})`));
  }
}

function renderOpeners(suggestions) {
  const list = $("openers");
  const questions = $("questions");
  list.replaceChildren();
  questions.replaceChildren();
  for (const s of suggestions) {
    const item = el("li", { "data-template": s.template },
      el("p", {}, s.text),
      el("p", { class: "facts" }, colon(t("facts"), (s.facts_used || []).map((f) => f.fact || f).join(", ") || "—")));
    if (s.complete !== false) {
      const use = el("button", { type: "button", class: "use" }, t("use"));
      use.addEventListener("click", () => { $("draft").value = s.text; $("draft").focus(); lintNow(); });
      item.append(use);
    }
    list.append(item);
    for (const q of s.questions || []) questions.append(el("li", {}, q));
  }
  if (questions.children.length) questions.prepend(el("li", { class: "lead" }, t("answer")));
}

async function start() {
  setUiLang(uiLang);
  document.documentElement.lang = uiLang;
  try { limits = (await (await fetch("/v1/channels")).json()).limits || {}; } catch (_) { limits = {}; }
  const lintSoon = debounce(lintNow, 300);
  const coachSoon = debounce(coachNow, 500);
  $("draft").addEventListener("input", () => { lintSoon(); coachSoon(); });
  for (const id of ["lang", "channel"]) $(id).addEventListener("change", () => { lintNow(); coachSoon(); });
  $("kind").addEventListener("change", () => coachSoon());
  $("recipient").addEventListener("input", () => { lintSoon(); coachSoon(); });
  $("recipient").addEventListener("submit", (event) => event.preventDefault());
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTooltip(document.activeElement); });
  clearReport();
  coachNow();
}

document.addEventListener("DOMContentLoaded", start);
