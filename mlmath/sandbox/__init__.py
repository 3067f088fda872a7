"""Running students' code safely: the bubblewrap sandbox of each grading kernel and the limits it runs under."""
