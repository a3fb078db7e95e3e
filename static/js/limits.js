// Forms that tell their limits: every limited box already says "Up to 150 characters."
// in a hint tied to it (the page works without this file). This adds, as you type,
// how many characters are left, and says so to screen readers only near the end.
import { announce } from "./live.js";
import { counted } from "./words.js";

const NEAR_THE_END = 0.9;

function left(box) {
  return box.maxLength - box.value.length;
}

function enhanceBox(hint, box) {
  const count = document.createElement("span");
  count.dataset.limitLeft = "";
  hint.append(" ", count);
  let warned = false;
  const update = () => {
    const n = left(box);
    count.textContent = counted("characters_left", n);
    const near = box.value.length >= box.maxLength * NEAR_THE_END;
    if (near && !warned) announce(count.textContent);
    warned = near;
  };
  box.addEventListener("input", update);
  update();
}

export function enhanceLimits(root) {
  for (const hint of root.querySelectorAll("[data-limit-for]")) {
    const box = document.getElementById(hint.dataset.limitFor);
    if (box && box.maxLength > 0) enhanceBox(hint, box);
  }
}
