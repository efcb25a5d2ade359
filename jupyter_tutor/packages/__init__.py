"""Python packages: the catalog, notebooks' package lists, load logs, package sets."""
