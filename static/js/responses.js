// Show the suggestion box for a concern and the hours box for an offer; without
// scripts both stay visible, with their labels saying when they are needed.
export function enhanceResponseForm(root) {
  const form = root.querySelector("form[data-response-form]");
  if (!form) return;
  const concern = form.querySelector(".field--concern");
  const offer = form.querySelector(".field--offer");
  const update = () => {
    const checked = form.querySelector('input[name="kind"]:checked');
    const kind = checked ? checked.value : "build";
    if (concern) concern.hidden = kind !== "concern" && !concern.classList.contains("field--error");
    if (offer) offer.hidden = kind !== "offer" && !offer.classList.contains("field--error");
  };
  for (const radio of form.querySelectorAll('input[name="kind"]')) {
    radio.addEventListener("change", update);
  }
  update();
}
