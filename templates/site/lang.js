// The language switch: our own words in both languages are on every page; one is shown.
(function () {
  var root = document.documentElement;
  var saved = null;
  try { saved = window.localStorage.getItem("stdcompare-lang"); } catch (e) { saved = null; }
  if (saved === "en" || saved === "zh") { root.setAttribute("data-lang", saved); root.lang = saved; }
  document.getElementById("lang").addEventListener("click", function () {
    var next = root.getAttribute("data-lang") === "zh" ? "en" : "zh";
    root.setAttribute("data-lang", next);
    root.lang = next;
    try { window.localStorage.setItem("stdcompare-lang", next); } catch (e) { /* file:// may refuse */ }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
