// @mention suggestions in the response and reply boxes. Without this file, typing "@" and a
// person's full name or email address mentions them just the same: the server resolves it.
//
// The box keeps the focus (a text box with a list of suggestions: aria-autocomplete,
// aria-controls, aria-activedescendant); the arrow keys move through the list, Enter or Tab
// inserts the chosen person, Escape closes the list.
import { announce } from "./live.js";
import { counted, words } from "./words.js";

// "@" at the start or after a space or punctuation, then up to four words typed so far.
const TYPED = /(^|[^\p{L}\p{N}_.@+'’-])@([\p{L}\p{N}._%+'’-]+(?: [\p{L}\p{N}'’-]*){0,3})$/u;
const WAIT_MS = 150;
let counter = 0;

export function enhanceMentions(root) {
  for (const form of root.querySelectorAll("form[data-mentions]")) {
    const box = form.querySelector('textarea[name="body"]');
    if (box) mentionBox(box, form.dataset.mentions);
  }
}

function mentionBox(box, url) {
  counter += 1;
  const list = document.createElement("ul");
  list.id = `mentions-${box.id || counter}`;
  list.className = "mentions-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", words("mention_list"));
  list.hidden = true;
  box.after(list);
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-controls", list.id);

  let people = [];
  let active = -1;
  let typed = null; // {start, end} of "@..." in the box
  let timer = null;
  let asked = 0;
  let dismissed = -1; // where the "@" the person closed the list for starts: not offered again

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    people = [];
    active = -1;
    typed = null;
    box.removeAttribute("aria-activedescendant");
  };

  const highlight = (index) => {
    active = index;
    list.querySelectorAll('[role="option"]').forEach((option, i) => {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) box.setAttribute("aria-activedescendant", `${list.id}-${index}`);
    else box.removeAttribute("aria-activedescendant");
  };

  const choose = (index) => {
    const person = people[index];
    if (!person || !typed) return;
    const shared = people.filter((p) => p.name.toLowerCase() === person.name.toLowerCase()).length > 1;
    const text = `@${shared ? person.email : person.name} `;
    const { start, end } = typed;
    box.setRangeText(text, start, end, "end");
    box.dispatchEvent(new Event("input", { bubbles: true }));
    close();
    box.focus();
    announce(words("mentioned", { name: person.name }));
  };

  const show = (found) => {
    people = found;
    list.replaceChildren();
    if (!found.length) {
      close();
      return;
    }
    found.forEach((person, i) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${i}`;
      option.setAttribute("role", "option");
      option.className = "mentions-list__option";
      option.textContent = person.name;
      const meta = document.createElement("span");
      meta.className = "mentions-list__meta";
      meta.textContent = [person.team, person.email].filter(Boolean).join(" · ");
      option.append(" ", meta);
      option.addEventListener("mousedown", (event) => {
        event.preventDefault(); // keep the focus in the box
        choose(i);
      });
      list.append(option);
    });
    list.hidden = false;
    highlight(0);
    announce(`${counted("people_to_mention", found.length)} ${words("mention_keys")}`);
  };

  const lookUp = async (query) => {
    const mine = ++asked;
    try {
      const answer = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!answer.ok || mine !== asked) return;
      const found = await answer.json();
      if (mine === asked && Array.isArray(found) && typed) show(found);
    } catch (error) {
      close(); // typing still works: the mention is resolved when the response is posted
    }
  };

  box.addEventListener("input", () => {
    window.clearTimeout(timer);
    const caret = box.selectionStart;
    if (caret !== box.selectionEnd) {
      close();
      return;
    }
    const match = box.value.slice(0, caret).match(TYPED);
    const query = match ? match[2].trim() : "";
    const start = match ? caret - match[2].length - 1 : -1;
    if (start !== dismissed) dismissed = -1;
    if (!query || start === dismissed) {
      asked += 1;
      close();
      return;
    }
    typed = { start, end: caret };
    timer = window.setTimeout(() => lookUp(query), WAIT_MS);
  });

  box.addEventListener("keydown", (event) => {
    if (list.hidden || !people.length) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight((active + step + people.length) % people.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      asked += 1;
      dismissed = typed ? typed.start : -1;
      close();
    }
  });

  box.addEventListener("blur", () => {
    asked += 1;
    close();
  });
}
