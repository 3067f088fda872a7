"""Entry point that nbgrader reads from the working directory; the course's settings are in course_config.py."""

import os

c = get_config()  # noqa: F821 -- injected by traitlets
load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "course_config.py"))  # noqa: F821
