"""`python -m console ...`: see console.cli."""
from console.cli import main

raise SystemExit(main())
