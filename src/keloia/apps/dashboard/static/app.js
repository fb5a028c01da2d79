// Small hand-written helpers; every page reads fine without them.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf"]');
  var token = csrf ? csrf.content : "";

  // Live conflict feedback on the booking form: ask the API for a dry run.
  var form = document.getElementById("booking-form");
  var out = document.getElementById("cek");
  if (!form || !out) return;
  var timer = null;
  function body() {
    var f = new FormData(form), a = [], data = {};
    ["client_name", "depart_date", "return_date"].forEach(function (k) {
      if (f.get(k)) data[k] = f.get(k);
    });
    for (var i = 0; i < 3; i++) {
      var bus = f.get("bus_" + i);
      if (bus) {
        var item = { bus_id: bus }, d = f.get("driver_" + i);
        if (d) item.driver_id = d;
        a.push(item);
      }
    }
    data.assignments = a;
    if (!data.client_name) data.client_name = "cek";
    data.acknowledge_warnings = !!f.get("acknowledge_warnings");
    return data;
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
  function day(iso) {
    var p = String(iso).split("-");
    return p.length === 3 ? +p[2] + " " + MONTHS[+p[1] - 1] : iso;
  }
  function check() {
    var data = body();
    if (!data.depart_date) { out.innerHTML = ""; return; }
    var url = form.dataset.check;
    if (form.dataset.booking) { delete data.client_name; }
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      credentials: "same-origin",
      body: JSON.stringify(data)
    }).then(function (r) { return r.json(); }).then(function (res) {
      if (res.ok === undefined) { out.innerHTML = '<div class="msg err">' + esc(res.detail || "Periksa isian.") + "</div>"; return; }
      var free = (res.free_buses || []).map(function (b) { return '<span class="chip e-ok">' + esc(b.name) + "</span>"; }).join(" ");
      var drivers = (res.free_drivers || []).map(function (u) { return esc(u.name); }).join(", ");
      var when = day(data.depart_date) + (data.return_date && data.return_date !== data.depart_date ? " – " + day(data.return_date) : "");
      var head = res.ok ? '<div class="msg ok">Jadwal aman, bisa disimpan.</div>'
        : '<div class="msg ' + (res.warnings && res.warnings.length ? "warn" : "err") + '">' + esc(res.detail) + "</div>";
      out.innerHTML = head + '<div class="muted">Bus kosong ' + esc(when) + ": " + (free || "tidak ada") +
        "</div>" + '<div class="muted">Sopir kosong: ' + (drivers || "tidak ada") + "</div>";
    }).catch(function () { out.innerHTML = ""; });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 350); });
  check();
})();
