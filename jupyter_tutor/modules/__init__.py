"""Learning modules: course notebooks that declare themselves in their metadata."""
