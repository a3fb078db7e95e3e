// The "Print this brief" button: shown only when this script runs, since without it the
// button could do nothing (the page says how to print it from the browser instead).
function enhancePrintButtons(root) {
  for (const button of root.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => enhancePrintButtons(document));
} else {
  enhancePrintButtons(document);
}
