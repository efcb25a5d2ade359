"""Remote mode: the standalone service JupyterLite sites call, with personal student tokens."""
