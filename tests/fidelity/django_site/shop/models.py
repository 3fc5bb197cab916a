"""The fidelity corpus's Django app: what a Django shop declares, so that `migrate` writes the
DDL constructs issue 16 lists (deferrable FKs, decimal/bool/datetime/varchar(n), COLLATE NOCASE,
CONSTRAINT-named UNIQUE and CHECK, a partial index, an index on an expression)."""
from django.db import models
from django.db.models.functions import Lower


class Customer(models.Model):
    email = models.CharField(max_length=254, unique=True, db_collation="NOCASE")
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    joined = models.DateTimeField()
    balance = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    user = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL)

    class Meta:
        indexes = [
            models.Index(fields=["joined"], name="active_joined_idx",
                         condition=models.Q(active=True)),
            models.Index(Lower("name"), name="customer_lower_name_idx"),
        ]


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField()
    reference = models.CharField(max_length=20)
    placed = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(check=models.Q(total__gte=0), name="order_total_nonneg"),
            models.UniqueConstraint(fields=["customer", "reference"],
                                    name="order_customer_reference_uniq"),
        ]
