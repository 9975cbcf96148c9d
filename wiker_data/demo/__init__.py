"""Generated data: the demo store of the communes around Donges (`generator`, with its status
histories in `history` and names in `vocab`), and the département and national stores of the
benchmark (`scale`)."""
