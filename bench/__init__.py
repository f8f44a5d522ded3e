"""Speed and accuracy measurements (`make bench`): they print figures; tests live in tests/."""
