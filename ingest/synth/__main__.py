"""``python -m ingest.synth``."""
import sys

from ingest.synth.cli import main

sys.exit(main())
