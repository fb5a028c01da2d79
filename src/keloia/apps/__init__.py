"""Entry points: the CLI, the HTTP apps, the worker and the scheduler."""
