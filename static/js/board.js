// Drag-and-drop triage for moderators. The "Move to" control on every card
// does the same without a mouse or without scripts; this only adds dragging.
import { announce } from "./live.js";

// The columns a card cannot be dropped on without a reason: the page names them
// (data-needs-reason on the board), so the script knows no stage of its own.
function stagesNeedingAReason(board) {
  return new Set((board.dataset.needsReason || "").split(/\s+/).filter(Boolean));
}

function showError(message) {
  const flashes = document.getElementById("flashes");
  if (!flashes) return;
  const notice = document.createElement("div");
  notice.className = "notice notice--error";
  notice.setAttribute("role", "alert");
  notice.textContent = message;
  flashes.replaceChildren(notice);
}

function columnOf(element) {
  return element.closest("[data-stage]");
}

function setCount(column, delta) {
  const count = column.querySelector(".column__count");
  if (!count || !count.firstChild) return;
  const value = parseInt(count.firstChild.textContent, 10);
  if (!Number.isNaN(value)) count.firstChild.textContent = String(value + delta);
}

function refreshMoveForm(card, stage, version) {
  card.dataset.version = String(version);
  const form = card.querySelector("form[data-move-form]");
  if (!form) return;
  form.querySelector('input[name="version"]').value = String(version);
  const select = form.querySelector('select[name="stage"]');
  const labels = [...document.querySelectorAll("[data-stage]")].map((col) => [
    col.dataset.stage,
    col.querySelector(".column__title").firstChild.textContent.trim(),
  ]);
  select.replaceChildren(
    ...labels.filter(([value]) => value !== stage).map(([value, label]) => new Option(label, value)),
  );
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
  const body = new FormData(form);
  body.set("stage", stage);
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch (error) {
    showError("The move did not reach the server. Check your connection and try again.");
    return;
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = data.error ? data.error.message : "That move did not work.";
    showError(message);
    announce(message);
    return;
  }
  const item = card.closest("li");
  let list = targetColumn.querySelector(".column__cards");
  if (!list) {
    list = document.createElement("ol");
    list.className = "column__cards";
    targetColumn.querySelector(".column__empty")?.replaceWith(list);
  }
  list.prepend(item);
  setCount(sourceColumn, -1);
  setCount(targetColumn, 1);
  refreshMoveForm(card, data.stage, data.version);
  card.querySelector("a").focus();
  announce(`Moved “${title}” to ${data.label}.`);
}

export function enhanceBoard(root) {
  const board = root.querySelector("#board[data-triage]");
  if (!board) return;
  const needsReason = stagesNeedingAReason(board);
  let dragged = null;
  for (const card of board.querySelectorAll(".card[data-movable]")) {
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", (event) => {
      dragged = card;
      card.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.ideaId);
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("is-dragging");
      for (const col of board.querySelectorAll(".is-drop-target")) col.classList.remove("is-drop-target");
      dragged = null;
    });
  }
  for (const column of board.querySelectorAll("[data-stage]")) {
    column.addEventListener("dragover", (event) => {
      if (!dragged) return;
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
      if (dragged) move(dragged, column, needsReason);
    });
  }
}
