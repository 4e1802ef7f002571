"""The site's languages: which one a page is in (its address), and its texts."""
