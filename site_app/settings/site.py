"""What this site is: its own name, shown until ``SITE_NAME`` says otherwise, and the
languages it speaks.

A site started from this project with Copier (docs/your-own-site.md) gets this file
rendered from ``site.py.jinja`` beside it, with its answers to copier.yml's questions.
This file is that template rendered with the questions' defaults, and
tests/test_template.py keeps it so.
"""

DEFAULT_SITE_NAME = "site_app"

# Each language the site speaks, with its name in itself (for the language switch).
# The first is the default: its pages keep the addresses without a prefix; every other
# one has its catalogue in site_app/translations/ (docs/translations.md).
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
