"use strict";
// Selecting a source link shows its article with the quote highlighted. Offsets are UTF-16 units
// into the article's single text node; nothing here reads or writes markup from the articles.
(function () {
  function clear() {
    document.querySelectorAll("mark.hl").forEach(function (m) {
      var parent = m.parentNode;
      parent.replaceChild(document.createTextNode(m.textContent), m);
      parent.normalize();
    });
    document.querySelectorAll(".selected, a.ev.current").forEach(function (el) {
      el.classList.remove("selected", "current");
    });
  }

  function show(link) {
    var text = document.getElementById("text-" + link.dataset.src);
    if (!text) { return; }
    clear();
    var details = text.closest("details");
    if (details) { details.open = true; }
    var node = text.firstChild;
    var start = Number(link.dataset.start), end = Number(link.dataset.end);
    if (!node || end > node.length || start >= end) { return; }
    var range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    var mark = document.createElement("mark");
    mark.className = "hl";
    mark.tabIndex = -1;
    range.surroundContents(mark);
    link.classList.add("current");
    var fact = link.closest(".fact, li, tr");
    if (fact) { fact.classList.add("selected"); }
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.ev");
    if (!link) { return; }
    event.preventDefault();
    show(link);
  });
})();
