"""The JupyterLite course site: a build-time catalog, the Pyodide bundle and a CLI.

Nothing here runs in jupyter-server; ``jupyterlite-core`` is only needed to build
(``pip install "jupyter-tutor[lite]"``).
"""
