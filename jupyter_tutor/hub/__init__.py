"""jupyter-tutor on a JupyterHub: the hub service's identity, and the student's server
forwarding to that service (docs/hub.md)."""
