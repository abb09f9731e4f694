"""``python -m mtcheck.corpus {build|check} CORPUS_ROOT``."""

import sys

from mtcheck.corpus.build import main

sys.exit(main())
