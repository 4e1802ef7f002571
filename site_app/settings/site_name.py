"""The site's own name, shown until ``SITE_NAME`` says otherwise.

A site started from this project with Copier (docs/your-own-site.md) gets this file
rendered from ``site_name.py.jinja`` beside it, with its answer to copier.yml's first
question. This file is that template rendered with the question's default, and
tests/test_template.py keeps it so.
"""

DEFAULT_SITE_NAME = "site_app"
