"""``python -m jupyter_tutor.remote``: the same as ``jupyter tutor-server``."""

from .service import main

main()
