// A thread: the other person's messages are marked read (a POST; a GET never writes) once they are on a screen the
// reader can see: when the page or a poll shows them while the tab is visible, or when the tab becomes visible.
(function () {
  function seen() {
    const form = document.getElementById("mark-read");
    if (!form || !window.htmx || document.visibilityState !== "visible") return;
    if (form.querySelector("input[name=up_to]")) window.htmx.trigger(form, "messages:seen");
  }
  document.addEventListener("visibilitychange", seen);
  // htmx:load fires once htmx has set up the page, then for each piece a poll or an answer brings.
  document.addEventListener("htmx:load", seen);
})();
