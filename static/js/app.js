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
})();
