"""Rows of the Django fidelity database, written through the ORM."""
import datetime
from decimal import Decimal

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from shop.models import Customer, Order  # noqa: E402

when = datetime.datetime(2024, 3, 1, 12, 34, 56, tzinfo=datetime.timezone.utc)
ada = User.objects.create_user("ada", "ada@example.com", "pw")
c = Customer.objects.create(email="ada@example.com", name="Ada", joined=when,
                            balance=Decimal("12.50"), user=ada)
Customer.objects.create(email="bob@example.com", name="Bob", joined=when, active=False)
Order.objects.create(customer=c, total=Decimal("19.99"), quantity=1, reference="A-1")
