// Follow the demo loading on the banner until it is done; the page itself is not reloaded.
(function () {
  var box = document.getElementById("demo-loading");
  if (!box) return;
  function poll() {
    fetch(box.dataset.status, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.ready) { box.textContent = box.dataset.ready; return; }
        if (s.failed) { box.textContent = box.dataset.failed; return; }
        var pct = document.getElementById("demo-percent");
        if (pct) pct.textContent = s.percent;
        setTimeout(poll, 1500);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1500);
})();
