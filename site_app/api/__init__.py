"""The JSON API's shared parts: input checks, bounded JSON, OpenAPI and JSON-RPC."""
