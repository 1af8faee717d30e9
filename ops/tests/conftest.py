from organisation.tests.conftest import *  # noqa: F403
