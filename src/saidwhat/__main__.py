"""`python -m saidwhat` is the `saidwhat` command."""

import sys

from saidwhat.cli import main

sys.exit(main())
