"""`invite-lint lsp`: the linter and the coach inside any editor that speaks the Language
Server Protocol (`pip install "invite-lint[lsp]"`; see docs/editors.md).

It sits beside the CLI and the web page: it uses the library (api, documents, coaching) and
nothing below imports it.
"""
