// Similar ideas while a new idea is typed: after a pause in the title (or the problem), the
// list of ideas like it appears under the title, in a polite live region, each with "Support it",
// "Build on it" and "View". Without this file the same list is shown by the check step when the
// form is posted; once this list has been shown, the form's "looked" field lets the post through.
import { words } from "./words.js";

const WAIT_MS = 300;
const MIN_TITLE = 3; // fewer letters than this say too little to look for

export function enhanceSimilar(root) {
  for (const form of root.querySelectorAll("form[data-similar]")) {
    const title = form.querySelector('input[name="title"]');
    const looked = form.querySelector('input[name="looked"]');
    if (title && looked) similarList(form, form.dataset.similar, title, looked);
  }
}

function similarList(form, url, title, looked) {
  const problem = form.querySelector('textarea[name="problem"]');
  const token = form.querySelector('input[name="csrf_token"]');
  // The live region: present from the start (empty), so screen readers hear what is added later.
  const region = document.createElement("section");
  region.className = "similar similar--live";
  region.id = "similar-live";
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-label", words("similar_list"));
  const field = form.querySelector("#title-field") || title;
  field.after(region);
  // "Support it" posts a plain form of its own: forms cannot nest, so they live after the idea's form
  // and the buttons in the list name them (the form attribute).
  const supportForms = document.createElement("div");
  supportForms.hidden = true;
  form.after(supportForms);

  let timer = null;
  let pending = null;
  let lastAsked = "";
  let shown = 0; // how many ideas the list shows now

  const clear = () => {
    shown = 0;
    region.replaceChildren();
    supportForms.replaceChildren();
  };

  const show = (items) => {
    clear();
    if (!items.length) {
      looked.value = "";
      return;
    }
    const heading = document.createElement("h2");
    heading.className = "similar__heading";
    heading.textContent = words("similar_heading");
    const list = document.createElement("ul");
    list.className = "similar__list";
    for (const item of items) list.append(entry(item));
    region.append(heading, list);
    shown = items.length;
    looked.value = "1"; // the person has seen them: posting goes straight through
  };

  const entry = (item) => {
    const li = document.createElement("li");
    li.className = "similar__item";
    const h = document.createElement("h3");
    h.className = "similar__title";
    h.append(link(item.url, item.title));
    const meta = document.createElement("p");
    meta.className = "similar__meta";
    const badge = document.createElement("span");
    badge.className = `badge badge--${item.stage}`;
    badge.textContent = item.stage_label;
    const reason = document.createElement("span");
    reason.className = "similar__reason";
    reason.textContent = item.reason ? item.reason.charAt(0).toUpperCase() + item.reason.slice(1) : "";
    meta.append(badge, " ", reason);
    li.append(h, meta);
    if (item.decision_reason || item.revisit_label) {
      const decision = document.createElement("p");
      decision.className = "similar__decision";
      if (item.decision_reason) decision.append(words("similar_why", { reason: item.decision_reason }));
      if (item.revisit_label) {
        const when = document.createElement("strong");
        when.textContent = words("similar_revisit", { date: item.revisit_label });
        decision.append(" ", when);
      }
      li.append(decision);
    }
    const actions = document.createElement("div");
    actions.className = "similar__actions";
    if (item.supported) {
      const done = document.createElement("span");
      done.className = "similar__supported";
      done.textContent = words("similar_supported");
      actions.append(done);
    } else if (item.can_support && token) {
      const formId = `similar-support-${item.id}`;
      const support = document.createElement("form");
      support.method = "post";
      support.action = item.support_url;
      support.id = formId;
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "csrf_token";
      hidden.value = token.value;
      support.append(hidden);
      supportForms.append(support);
      const button = document.createElement("button");
      button.type = "submit";
      button.className = "button button--secondary button--small";
      button.setAttribute("form", formId);
      button.append(words("similar_support"), hiddenWords(item.title));
      actions.append(button);
    }
    const build = link(item.build_url, words("similar_build"));
    build.className = "button button--secondary button--small";
    build.append(hiddenWords(item.title));
    const view = link(item.url, words("similar_view"));
    view.append(hiddenWords(item.title));
    actions.append(build, view);
    li.append(actions);
    return li;
  };

  const lookUp = async () => {
    const typedTitle = title.value.trim();
    const typedProblem = problem ? problem.value.trim() : "";
    const asking = `${typedTitle}\u0000${typedProblem}`;
    if (asking === lastAsked) {
      if (!pending) looked.value = shown ? "1" : ""; // the same words as the list on show
      return;
    }
    if (pending) pending.abort(); // a newer question makes the older answer stale
    if (typedTitle.length < MIN_TITLE) {
      lastAsked = "";
      clear();
      looked.value = "";
      return;
    }
    lastAsked = asking;
    const controller = new AbortController();
    pending = controller;
    const query = new URLSearchParams({ title: typedTitle.slice(0, 150), problem: typedProblem.slice(0, 2000) });
    try {
      const answer = await fetch(`${url}?${query}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!answer.ok) throw new Error(`status ${answer.status}`);
      const found = await answer.json();
      if (pending === controller) show(Array.isArray(found.items) ? found.items : []);
    } catch (error) {
      if (error.name === "AbortError") return;
      // Nothing shown: the check step on posting shows the list instead.
      lastAsked = "";
      clear();
      looked.value = "";
    } finally {
      if (pending === controller) pending = null;
    }
  };

  const changed = () => {
    looked.value = ""; // until the list for the new words is shown, the server checks again
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, WAIT_MS);
  };
  title.addEventListener("input", changed);
  if (problem) problem.addEventListener("input", changed);
  if (title.value.trim().length >= MIN_TITLE && looked.value !== "1") lookUp(); // a form drawn again with its text
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

function hiddenWords(title) {
  const span = document.createElement("span");
  span.className = "visually-hidden";
  span.textContent = ` “${title}”`;
  return span;
}
