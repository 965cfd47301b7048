"""Text analysis: everything invite-lint knows about a message before any rule looks at it.

Language detection, the spaCy pipelines, the message's parts (greeting, body, sign-off...),
measurements and linear-time regexes. Imports only ``invite_lint.model`` and ``errors``.
"""
