// Search in the page, offline: the index (keys precomputed by the normaliser) is in this file.
(function () {
  var data = JSON.parse(document.getElementById("index").textContent);
  var box = document.getElementById("q");
  var list = document.getElementById("results");
  var empty = document.getElementById("empty");
  var CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

  function norm(text) {
    return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(/\s+/g, " ");
  }
  // A Chinese query read as the glossary reads names: each term in English.
  function english(text) {
    var out = text;
    Object.keys(data.terms).forEach(function (zh) {
      if (out.indexOf(zh) >= 0) { out = out.split(zh).join(" " + data.terms[zh] + " "); }
    });
    return norm(out);
  }
  // Damerau-Levenshtein distance, stopping early past `most`.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) { return most + 1; }
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      var best = most + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
        best = Math.min(best, d[i][j]);
      }
      if (best > most) { return most + 1; }
    }
    return d[a.length][b.length];
  }
  function score(key, q) {
    if (key === q) { return 0; }
    if (q.length >= 2 && key.indexOf(q) === 0) { return 1; }
    if (q.length >= 2 && key.indexOf(q) > 0) { return 2; }
    if (CJK.test(q) && key.length >= 2 && q.indexOf(key) >= 0) { return 2.5; }
    if (q.length < 4 || CJK.test(q)) { return 99; }
    var most = q.length > 6 ? 2 : 1;
    var d = distance(q, key, most);
    if (d <= most) { return 3 + d; }
    var words = key.split(" ");
    for (var w = 0; w < words.length; w++) {
      if (words[w].length >= 4 && distance(q, words[w], most) <= most) { return 4 + most; }
    }
    return 99;
  }
  function find(q) {
    var forms = [norm(q)];
    if (CJK.test(q)) { forms.push(english(q)); }
    var ratio = norm(q).replace(/(\s\d+){1,2}$/, "");  // "hms 1 2 80 20": the blend's words
    if (ratio !== forms[0]) { forms.push(ratio); }
    var found = [];
    data.entries.forEach(function (e) {
      var best = 99;
      forms.forEach(function (f) {
        if (!f) { return; }
        e.k.forEach(function (k) { best = Math.min(best, score(k, f)); });
      });
      if (best < 99) { found.push([best, e.f ? 0 : 1, e]); }
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2].c < b[2].c ? -1 : 1); });
    return found.slice(0, 30).map(function (x) { return x[2]; });
  }
  function show() {
    var q = box.value.trim();
    list.textContent = "";
    empty.hidden = true;
    if (!q) { return; }
    var hits = find(q);
    empty.hidden = hits.length > 0;
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.u;
      a.textContent = e.c + (e.n && e.n !== e.c ? " — " + e.n : "");
      var where = document.createElement("div");
      where.className = "muted";
      where.textContent = e.s + (e.f ? "" : " (superseded)");
      li.appendChild(a);
      li.appendChild(where);
      list.appendChild(li);
    });
  }
  box.addEventListener("input", show);
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { box.value = asked; }
  show();
})();
