// The home page's hint for a browser that prefers another of the site's languages: of
// the languages the site offers, the browser's first choice decides. The page itself is
// the same for everyone; this only shows a link, and never moves the visitor.
"use strict";

(function () {
  const hints = document.querySelectorAll("[data-language-hint]");
  const offered = new Set([document.documentElement.lang]);
  for (const hint of hints) {
    offered.add(hint.dataset.languageHint);
  }
  const preferred = navigator.languages
    .map((tag) => tag.split("-")[0].toLowerCase())
    .find((language) => offered.has(language));
  for (const hint of hints) {
    hint.hidden = hint.dataset.languageHint !== preferred;
  }
})();
