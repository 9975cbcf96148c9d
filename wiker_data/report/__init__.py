"""The council report: one commune's figures as of a date (`figures`) and its one-page PDF (`pdf`)."""
