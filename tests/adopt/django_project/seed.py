"""Rows in the Django database, written through Django's ORM: two users (one superuser), a
group with a permission, a session and an admin log entry."""
import datetime

import django

django.setup()

from django.contrib.admin.models import ADDITION, LogEntry  # noqa: E402
from django.contrib.auth.models import Group, Permission, User  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402

joined = datetime.datetime(2024, 3, 1, 12, 34, 56, tzinfo=datetime.timezone.utc)
ada = User.objects.create_superuser("ada", "ada@example.com", "pw", date_joined=joined)
bob = User.objects.create_user("bob", "bob@example.com", "pw", first_name="Bob")
staff = Group.objects.create(name="staff")
staff.permissions.add(Permission.objects.get(codename="view_user"))
bob.groups.add(staff)
Session.objects.create(session_key="k" * 32, session_data="{}", expire_date=joined)
LogEntry.objects.log_action(ada.pk, None, bob.pk, "bob", ADDITION, "created")
