// mamori: small enhancements only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filter forms apply as soon as a select changes.
  document.querySelectorAll("form.filters select").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  // Select the MFA secret on click so it can be copied in one go.
  var secret = document.getElementById("mfa-secret");
  if (secret) {
    secret.addEventListener("click", function () {
      var range = document.createRange();
      range.selectNodeContents(secret);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  }
  // Document editor: the preview follows the text a moment after typing
  // stops; without this the "Show preview" button posts the form.
  var body = document.getElementById("doc-body");
  var preview = body && document.getElementById(body.dataset.preview);
  if (body && preview && body.form) {
    var timer = null;
    var csrf = body.form.querySelector("input[name=csrf]");
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var data = new URLSearchParams();
        data.set("csrf", csrf ? csrf.value : "");
        data.set("body", body.value);
        fetch("/documents/preview", {
          method: "POST", body: data, credentials: "same-origin"
        }).then(function (r) { return r.text(); })
          .then(function (html) { preview.innerHTML = html; })
          .catch(function () {});
      }, 400);
    });
  }
});
