"""The command line (`python -m wiker_data`): the parser and the store commands (`main`), one
module per command group (`users`, `files`, `imports`), and what they share (`base`)."""
