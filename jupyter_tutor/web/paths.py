"""Route arguments: the ids a route path carries."""


def slug_in_path(name: str) -> str:
    """A route argument holding a module's or an exercise's id (a slug)."""
    return rf"(?P<{name}>[a-z0-9][a-z0-9-]*)"


MODULE_IN_PATH = slug_in_path("module_id")
