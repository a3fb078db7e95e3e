// Ideas hub: small progressive enhancements. Every action works without this file.
import { enhanceSupport } from "./support.js";
import { enhanceResponseForm } from "./responses.js";
import { enhanceBoard } from "./board.js";
import { enhanceLimits } from "./limits.js";
import { enhanceMentions } from "./mentions.js";
import { enhanceSimilar } from "./similar.js";

function focusErrorSummary() {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
}

document.addEventListener("DOMContentLoaded", () => {
  focusErrorSummary();
  enhanceSupport(document);
  enhanceResponseForm(document);
  enhanceBoard(document);
  enhanceLimits(document);
  enhanceMentions(document);
  enhanceSimilar(document);
});
