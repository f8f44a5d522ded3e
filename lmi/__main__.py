"""`python -m lmi ...`: see lmi.cli."""
from lmi.cli import main

raise SystemExit(main())
