"""Ask my instructor: students' help requests and the instructor's answers."""
