"""What every jupyter-tutor route shares: authentication, JSON in and out, errors."""
