"""`python -m roadmapkg.cli`."""

import sys

from .app import main

sys.exit(main())
