// Plain HTML forms (those outside islands), with JavaScript on: a form already on its way is
// not sent a second time (a double click on "Send" sends once), its buttons say so while it
// is, and long texts count their characters as the reader types. Without this file every
// form still works; the server refuses a repeated or too long submission on its own.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
  if (form.dataset.sending === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "1";
  form.setAttribute("aria-busy", "true");
  // After the browser has read the form (a disabled button would not be sent).
  setTimeout(() => {
    for (const b of form.querySelectorAll("button[type=submit], button:not([type])")) {
      b.disabled = true;
    }
  }, 0);
});

// Back to a page kept by the browser: its forms can be sent again.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-sending]")) {
    delete form.dataset.sending;
    form.removeAttribute("aria-busy");
    for (const b of form.querySelectorAll("button")) b.disabled = false;
  }
});

function count(area) {
  const counter = document.getElementById(area.id + "-count");
  if (!counter || !counter.dataset.template) return;
  const used = [...area.value].length;
  const limit = Number(area.dataset.limit);
  const fmt = new Intl.NumberFormat(document.documentElement.lang || undefined);
  counter.textContent = counter.dataset.template.replace("{used}", fmt.format(used));
  const over = used > limit;
  counter.classList.toggle("text-red-800", over);
  counter.classList.toggle("font-semibold", over);
  counter.classList.toggle("text-stone-700", !over);
}

document.addEventListener("input", (event) => {
  const t = event.target;
  if (t instanceof HTMLTextAreaElement && t.dataset.limit) count(t);
});
for (const t of document.querySelectorAll("textarea[data-limit]")) count(t);

// Times: the server writes them in Kyiv time; here they are shown in the reader's own zone.
function localTimes() {
  const lang = document.documentElement.lang || undefined;
  for (const t of document.querySelectorAll("time[data-local]")) {
    const d = new Date(t.dateTime);
    if (Number.isNaN(d.getTime())) continue;
    if (t.dataset.local === "date") {
      t.textContent = new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(d);
      continue;
    }
    const text = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(d);
    const zone = new Intl.DateTimeFormat(lang, { timeZoneName: "short" })
      .formatToParts(d)
      .find((p) => p.type === "timeZoneName");
    t.textContent = zone ? `${text} (${zone.value})` : text;
  }
}
localTimes();
