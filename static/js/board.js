// The board's scripts. Drag-and-drop triage for moderators: the "Move to" control on
// every card does the same without a mouse or without scripts; this only adds dragging.
// "More in …" loads a column's next cards in place (without scripts the link's anchor
// brings the person back to that column).
import { announce } from "./live.js";
import { counted, words } from "./words.js";

// The columns a card cannot be dropped on without a reason: the page names them
// (data-needs-reason on the board), so the script knows no stage of its own.
function stagesNeedingAReason(board) {
  return new Set((board.dataset.needsReason || "").split(/\s+/).filter(Boolean));
}

// What happened, in the visible status line under the board (a polite live region).
function showStatus(message, isError = false) {
  const status = document.getElementById("board-status");
  if (!status) {
    announce(message);
    return;
  }
  status.classList.toggle("board-status--error", isError);
  status.textContent = "";
  window.setTimeout(() => { status.textContent = message; }, 50);
}

function columnOf(element) {
  return element.closest("[data-stage]");
}

function labelOf(column) {
  return column.querySelector(".column__title").firstChild.textContent.trim();
}

function setCount(column, delta) {
  const count = column.querySelector(".column__count");
  if (!count || !count.firstChild) return;
  const value = parseInt(count.firstChild.textContent.replace(/,/g, ""), 10);
  if (!Number.isNaN(value)) count.firstChild.textContent = (value + delta).toLocaleString("en-GB");
}

function refreshMoveForm(card, stage, version) {
  card.dataset.version = String(version);
  const form = card.querySelector("form[data-move-form]");
  if (!form) return;
  form.querySelector('input[name="version"]').value = String(version);
  const select = form.querySelector('select[name="stage"]');
  const others = [...document.querySelectorAll("#board [data-stage]")]
    .filter((col) => col.dataset.stage !== stage)
    .map((col) => new Option(labelOf(col), col.dataset.stage));
  select.replaceChildren(new Option(words("choose_column"), ""), ...others);
}

// Ask before a move back to an earlier column, in a dialog of the page's own.
function confirmMoveBack(title, from, to) {
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.className = "board-confirm";
    dialog.setAttribute("aria-labelledby", "board-confirm-question");
    const question = document.createElement("p");
    question.id = "board-confirm-question";
    question.className = "board-confirm__question";
    question.textContent = words("move_back_question", { title, from_column: from, to_column: to });
    const hint = document.createElement("p");
    hint.textContent = words("move_back_hint", { to_column: to });
    const yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button";
    yes.textContent = words("move_back_yes", { to_column: to });
    const no = document.createElement("button");
    no.type = "button";
    no.className = "button button--secondary";
    no.textContent = words("move_back_no", { from_column: from });
    const buttons = document.createElement("div");
    buttons.className = "button-group";
    buttons.append(yes, no);
    dialog.append(question, hint, buttons);
    let answer = false;
    yes.addEventListener("click", () => { answer = true; dialog.close(); });
    no.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => { dialog.remove(); resolve(answer); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

async function move(card, targetColumn, needsReason) {
  const stage = targetColumn.dataset.stage;
  const sourceColumn = columnOf(card);
  if (!sourceColumn || sourceColumn === targetColumn) return;
  const form = card.querySelector("form[data-move-form]");
  const title = card.querySelector(".card__title").textContent.trim();
  if (needsReason.has(stage)) {
    // Parking and declining need a reason (and a date): the form page asks for them.
    const url = new URL(form.action, window.location.href);
    url.searchParams.set("to", stage);
    url.searchParams.set("next", window.location.pathname + window.location.search);
    window.location.assign(url.toString());
    return;
  }
  const columns = [...document.querySelectorAll("#board [data-stage]")];
  const body = new FormData(form);
  body.set("stage", stage);
  if (columns.indexOf(targetColumn) < columns.indexOf(sourceColumn)) {
    if (!(await confirmMoveBack(title, labelOf(sourceColumn), labelOf(targetColumn)))) {
      showStatus(words("move_stays", { title, column: labelOf(sourceColumn) }));
      return;
    }
    body.set("confirm", stage);
  }
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch (error) {
    showStatus(words("move_offline"), true);
    return;
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    showStatus(data.error ? data.error.message : words("move_failed"), true);
    return;
  }
  const item = card.closest("li");
  let list = targetColumn.querySelector(".column__cards");
  if (!list) {
    list = document.createElement("ol");
    list.className = "column__cards";
    list.setAttribute("aria-labelledby", `col-${stage}`);
    targetColumn.querySelector(".column__empty")?.replaceWith(list);
  }
  list.prepend(item);
  setCount(sourceColumn, -1);
  setCount(targetColumn, 1);
  refreshMoveForm(card, data.stage, data.version);
  card.querySelector("a").focus();
  showStatus(words("moved", { title, stage: data.label }));
}

function makeDraggable(card, state) {
  card.setAttribute("draggable", "true");
  card.addEventListener("dragstart", (event) => {
    // The last move's message goes as the next one starts (it sits over the board's foot).
    const status = document.getElementById("board-status");
    if (status) status.textContent = "";
    state.dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.ideaId);
  });
  card.addEventListener("dragend", () => {
    card.classList.remove("is-dragging");
    for (const col of document.querySelectorAll("#board .is-drop-target")) col.classList.remove("is-drop-target");
    state.dragged = null;
  });
}

// "More in …": the next page's cards of that column, appended where the person is.
async function loadMore(link, board, state) {
  const stage = link.dataset.more;
  const column = board.querySelector(`[data-stage="${stage}"]`);
  const list = column && column.querySelector(".column__cards");
  if (!list) {
    window.location.assign(link.href);
    return;
  }
  link.setAttribute("aria-disabled", "true");
  let html;
  try {
    const response = await fetch(link.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(String(response.status));
    html = await response.text();
  } catch (error) {
    window.location.assign(link.href);
    return;
  }
  const page = new DOMParser().parseFromString(html, "text/html");
  const fresh = page.querySelector(`#board [data-stage="${stage}"]`);
  const items = fresh ? [...fresh.querySelectorAll(".column__cards > li")] : [];
  const here = window.location.pathname + window.location.search;
  const added = items.map((li) => document.importNode(li, true));
  for (const li of added) {
    // A card's own "Move to" form comes back to this page, not to the page fetched.
    const next = li.querySelector('form[data-move-form] input[name="next"]');
    if (next) next.value = here;
    const card = li.querySelector(".card[data-movable]");
    if (card && state) makeDraggable(card, state);
  }
  list.append(...added);
  const nextMore = fresh && fresh.querySelector("[data-more]");
  if (nextMore) {
    link.href = nextMore.getAttribute("href");
    link.removeAttribute("aria-disabled");
  } else {
    link.remove();
  }
  if (added.length) added[0].querySelector(".card__title a")?.focus();
  showStatus(counted("more_ideas", added.length, { column: labelOf(column) }));
}

export function enhanceBoard(root) {
  const board = root.querySelector("#board");
  if (!board) return;
  const state = board.hasAttribute("data-triage") ? { dragged: null } : null;
  board.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-more]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (link.getAttribute("aria-disabled") !== "true") loadMore(link, board, state);
  });
  if (!state) return;
  const needsReason = stagesNeedingAReason(board);
  for (const card of board.querySelectorAll(".card[data-movable]")) makeDraggable(card, state);
  for (const column of board.querySelectorAll("[data-stage]")) {
    column.addEventListener("dragover", (event) => {
      if (!state.dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("is-drop-target");
    });
    column.addEventListener("dragleave", (event) => {
      if (!column.contains(event.relatedTarget)) column.classList.remove("is-drop-target");
    });
    column.addEventListener("drop", (event) => {
      event.preventDefault();
      column.classList.remove("is-drop-target");
      if (state.dragged) move(state.dragged, column, needsReason);
    });
  }
}
