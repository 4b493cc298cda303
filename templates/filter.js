// Client-side filter: hide the rows (and the listed grades and conformity groups) whose text does
// not contain every typed word, the "why" panel of each hidden row, and every part emptied.
(function () {
  var box = document.getElementById("filter");
  if (!box) { return; }
  box.closest("label").hidden = false;  // without script a box that filters nothing stays hidden
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  // a row's panel is the one its "why" link opens: it goes and comes back with its row
  var panels = Array.prototype.map.call(document.querySelectorAll("tr a.why-link"), function (a) {
    return [a.closest("tr"), document.getElementById(a.getAttribute("href").slice(1))];
  }).filter(function (pair) { return pair[1]; });
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    items.forEach(function (item) {
      var text = (item.getAttribute("data-search") || "").toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      item.classList.toggle("hidden", !keep);
    });
    panels.forEach(function (pair) { pair[1].classList.toggle("hidden", pair[0].classList.contains("hidden")); });
    hideEmptied(".family, details.apart li, details.apart, .outcome-group, .scope, section.regulation, " +
      "section.comparison, section.standard, section.empty-pairs, section.conformity-by-scope, section.part");
  });
  // A part whose every item the filter hid goes too: no heading over nothing.
  function hideEmptied(selector) {
    document.querySelectorAll(selector).forEach(function (part) {
      var all = part.querySelectorAll("[data-search]");
      var shown = part.querySelectorAll("[data-search]:not(.hidden)");
      part.classList.toggle("hidden", all.length > 0 && shown.length === 0);
    });
  }
})();
// "Expand all" opens every panel (and closes them again); without script it stays hidden.
(function () {
  var button = document.getElementById("expand-all");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    // the panels within sections; a section folded by its reader stays as it is
    var panels = document.querySelectorAll("details:not(.section):not(.menu)");
    var open = Array.prototype.some.call(panels, function (d) { return !d.open; });
    panels.forEach(function (d) { d.open = open; });
    button.textContent = open ? button.dataset.collapse : button.dataset.expand;
  });
})();
// A link to a pair's "why" panel opens it (row anchors stay citable).
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    // the target and every folded section around it open, or the link lands on nothing
    for (var at = el; at; at = at.parentElement) {
      if (at.tagName === "DETAILS") { at.open = true; }
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
// Printing opens every closed panel, so a paper copy carries every gap; closing them again after
// leaves the page as the reader had it.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
// The contents menu folds away once a place in it is chosen (or on Escape, or a click elsewhere),
// so it never covers what the reader went to; without script it folds at its button.
(function () {
  var menu = document.querySelector("details.menu");
  if (!menu) { return; }
  menu.addEventListener("click", function (e) {
    if (e.target.closest("a")) { menu.open = false; }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { menu.open = false; }
  });
  document.addEventListener("click", function (e) {
    if (!menu.contains(e.target)) { menu.open = false; }
  });
})();
