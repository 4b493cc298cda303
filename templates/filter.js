// Client-side filter: hide grade rows whose text does not contain every typed word.
(function () {
  var box = document.getElementById("filter");
  if (!box) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-search]"));
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach(function (row) {
      var text = (row.getAttribute("data-search") || "").toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.classList.toggle("hidden", !keep);
    });
    hideEmptied(".family, section.comparison, section.standard");
  });
  // A family or section whose every row the filter hid goes too: no heading over nothing.
  function hideEmptied(selector) {
    document.querySelectorAll(selector).forEach(function (part) {
      var rows = part.querySelectorAll("tr[data-search]");
      var shown = part.querySelectorAll("tr[data-search]:not(.hidden)");
      part.classList.toggle("hidden", rows.length > 0 && shown.length === 0);
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
    var panels = document.querySelectorAll("details:not(.section)");
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
