// Support without a page reload: the form still posts normally when scripts are off.
import { announce } from "./live.js";
import { words } from "./words.js";

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
          announce(data.error ? data.error.message : words("support_failed"));
          return;
        }
        const count = document.querySelector("[data-support-count]");
        if (count) count.textContent = data.label;
        const state = document.querySelector("[data-support-state]");
        const supportUrl = form.action.replace(/\/unsupport$/, "/support");
        if (data.supported) {
          form.action = supportUrl.replace(/\/support$/, "/unsupport");
          button.textContent = words("support_withdraw");
          button.className = "button button--secondary";
          if (state) state.textContent = words("support_given");
          announce(words("support_thanks", { label: data.label }));
        } else {
          form.action = supportUrl;
          button.textContent = words("support_this");
          button.className = "button";
          if (state) state.textContent = words("support_how");
          announce(words("support_withdrawn", { label: data.label }));
        }
      } catch (error) {
        form.submit();
      } finally {
        button.disabled = false;
      }
    });
  }
}
