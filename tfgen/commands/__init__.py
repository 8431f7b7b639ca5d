"""One module per command: paths and options in, a report out; never prints, never exits."""

STDOUT = "-"  # as a path given on the command line: standard output
