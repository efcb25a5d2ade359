"""What an instructor sees of a class: per-module student and exercise summaries, built
from aggregate queries over the stored progress, check runs and tutor questions."""
