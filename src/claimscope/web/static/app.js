// claimscope: the little interaction the pages need. Everything works without it except the mark toggles.
"use strict";
const FOCUSABLE = {claims: "a.claim-badge", cues: "span.cue[tabindex]", cites: "sup.cite a",
                   flags: "mark.flag-start"};
document.addEventListener("DOMContentLoaded", () => {
  // Toggle each kind of mark on and off (the choice is kept for the session).
  for (const box of document.querySelectorAll("input[data-toggle]")) {
    const kind = box.dataset.toggle;
    // a hidden kind's marks leave the tab order too, so focus never lands on something unseen
    const apply = () => {
      document.body.classList.toggle("hide-" + kind, !box.checked);
      for (const mark of document.querySelectorAll(FOCUSABLE[kind] || "none")) {
        mark.tabIndex = box.checked ? 0 : -1;
      }
    };
    box.checked = sessionStorage.getItem("show-" + kind) !== "no";
    apply();
    box.addEventListener("change", () => {
      sessionStorage.setItem("show-" + kind, box.checked ? "yes" : "no");
      apply();
    });
  }
  // Ask before destructive actions.
  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }
});
