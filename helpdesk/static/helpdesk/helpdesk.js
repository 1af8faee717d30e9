// Helpdesk pages: canned replies into the reply box, and copying the private tracking link.
document.addEventListener("DOMContentLoaded", () => {
  const canned = document.getElementById("canned-reply");
  if (canned) {
    canned.addEventListener("change", () => {
      const option = canned.selectedOptions[0];
      const target = document.querySelector(canned.dataset.target);
      if (option && option.dataset.body && target) {
        target.value = target.value ? `${target.value}\n\n${option.dataset.body}` : option.dataset.body;
        target.focus();
      }
      canned.value = "";
    });
  }
  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.addEventListener("click", () => {
      const field = document.querySelector(button.dataset.copy);
      if (!field) return;
      field.select();
      if (navigator.clipboard) navigator.clipboard.writeText(field.value);
    });
  });
});
