// Support without a page reload: the form still posts normally when scripts are off.
import { announce } from "./live.js";

export function enhanceSupport(root) {
  for (const form of root.querySelectorAll("form[data-support-form]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      button.disabled = true;
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        const data = await response.json();
        if (!response.ok) {
          announce(data.error ? data.error.message : "That did not work. Please try again.");
          return;
        }
        const count = document.querySelector("[data-support-count]");
        if (count) count.textContent = data.label;
        const state = document.querySelector("[data-support-state]");
        const supportUrl = form.action.replace(/\/unsupport$/, "/support");
        if (data.supported) {
          form.action = supportUrl.replace(/\/support$/, "/unsupport");
          button.textContent = "Withdraw my support";
          button.className = "button button--secondary";
          if (state) state.textContent = "You support this idea.";
          announce(`Thanks for your support. ${data.label}.`);
        } else {
          form.action = supportUrl;
          button.textContent = "Support this idea";
          button.className = "button";
          if (state) state.textContent = "Support is one click, and you can withdraw it while the idea is open.";
          announce(`Your support is withdrawn. ${data.label}.`);
        }
      } catch (error) {
        form.submit();
      } finally {
        button.disabled = false;
      }
    });
  }
}
