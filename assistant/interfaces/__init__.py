"""The ways in: the `missive` command, the HTTP API, the web pages and the Slack bot. Each is
thin: it reads a request, calls one `Assistant` (or, for uploads, deletes and re-index runs,
the corpus writer) and renders the answer; none reaches into the store."""
