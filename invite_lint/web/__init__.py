"""A local web page and HTTP API over the linter and the coach (optional extra `web`)."""
