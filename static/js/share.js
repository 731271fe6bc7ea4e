// The Share button: posts the view's query string to /api/shares and shows the read-only link it gets back.
// The URL always holds the whole report state, so location.search is exactly the view being shared.
(function () {
  "use strict";
  // "Download report": the same view as a file, so the link takes the page's current query string when clicked
  document.addEventListener("click", function (e) {
    var link = e.target.closest("[data-report-download]");
    if (link) link.href = link.pathname + location.search;
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-share-api]");
    if (!button) return;
    var out = document.getElementById(button.getAttribute("data-share-output"));
    button.disabled = true;
    fetch(button.getAttribute("data-share-api"), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query: location.search.replace(/^\?/, "") })
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.message || ("HTTP " + r.status));
        return body;
      });
    }).then(function (body) {
      var link = document.createElement("a");
      link.href = body.url;
      link.textContent = location.origin + body.url;
      link.id = "share-link";
      out.textContent = "Read-only link: ";
      out.appendChild(link);
      // the server stores only a hash of the token: this response is the one place the URL appears
      out.appendChild(document.createTextNode(" (copy it now: it is not shown again)"));
    }).catch(function (err) {
      out.textContent = "Could not create a link: " + err.message;
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
