"""A warm process for the command line: `invite-lint serve` keeps the model loaded, and
`invite-lint check` hands its work to it when it runs, instead of paying the model's load on
every call (the hook on one file: seconds become a tenth of a second).

protocol.py and client.py use the standard library only: the client side must not import
spaCy, or there would be nothing to save."""
