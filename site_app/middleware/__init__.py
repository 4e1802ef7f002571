"""What wraps the WSGI app: the page cache, security and cache headers, trusted proxies,
metrics, request ids and CORS. create_app puts them together, in order."""
