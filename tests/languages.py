"""The site's languages as the tests see them.

A site made English only (copier.yml's `languages`) has no French pages: the tests of
those pages are marked ``needs_french`` and do not run there, and the tests that visit
every language's pages take their prefixes from the site's own list.
"""

from __future__ import annotations

import pytest

from site_app.i18n.languages import LANGUAGES, PREFIXED

# "" for the default language's pages, then "/fr" and each other language's prefix.
PREFIXES = ["", *sorted(f"/{language}" for language in PREFIXED)]

needs_french = pytest.mark.skipif("fr" not in LANGUAGES, reason="this site has no French pages")
