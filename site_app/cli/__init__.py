"""The site's command-line tools: ``flask --app wsgi <command>`` and the health probe."""
