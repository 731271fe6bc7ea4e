// Small page behaviours: errors from htmx requests land in #errors (the server retargets them there);
// a later successful request or the dismiss button clears them.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-dismiss]")) {
      var box = e.target.closest(".error-box");
      if (box) box.remove();
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status < 400 && !e.detail.elt.hasAttribute("hx-trigger")) {
      var errors = document.getElementById("errors");
      if (errors) errors.innerHTML = "";
    }
  });
  // a form with data-confirm asks first (the CSP allows no inline handlers, so this is the only way to ask)
  document.addEventListener("submit", function (e) {
    var message = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) e.preventDefault();
  });
  // the notebook's schema panel: a click inserts the view or column name at the cursor of the cell editor last
  // used (or the first one on the page), as if typed, so the form sees an ordinary edit
  var lastEditor = null;
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("textarea[name=source]")) lastEditor = e.target;
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-insert]");
    if (!button) return;
    var editor = lastEditor && document.body.contains(lastEditor) ? lastEditor : document.querySelector("textarea[name=source]");
    if (!editor) return;
    var text = button.getAttribute("data-insert");
    var start = editor.selectionStart, end = editor.selectionEnd;
    editor.value = editor.value.slice(0, start) + text + editor.value.slice(end);
    editor.selectionStart = editor.selectionEnd = start + text.length;
    editor.focus();
    editor.dispatchEvent(new Event("input", {bubbles: true}));
  });
})();
