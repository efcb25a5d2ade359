"""Who the student is: the one name their progress, conversations and role are kept under."""
