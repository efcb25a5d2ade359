"""The AI tutor: graduated hints about the student's own code and errors."""
