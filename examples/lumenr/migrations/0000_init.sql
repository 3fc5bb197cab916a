-- schemac migration 0000_init (up)

-- A company using LumenR; owns customers and invoices.
CREATE TABLE "organisations" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "name" TEXT NOT NULL,
  "slug" VARCHAR(64) NOT NULL CHECK (length("slug") <= 64),
  -- ISO 4217 code used for new invoices.
  "currency" VARCHAR(3) NOT NULL DEFAULT 'EUR' CHECK (length("currency") <= 3),
  "settings" TEXT CHECK ("settings" IS NULL OR json_valid("settings")),
  "created_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  CONSTRAINT "organisations_currency_check" CHECK (length("currency") = 3),
  CONSTRAINT "organisations_name_check" CHECK (length(trim("name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations" ("slug");
--> statement-breakpoint
-- A client of an organisation, billed through invoices.
CREATE TABLE "customers" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "organisation_id" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "email" TEXT,
  "tax_id" VARCHAR(32) CHECK (length("tax_id") <= 32),
  "billing_address" TEXT CHECK ("billing_address" IS NULL OR json_valid("billing_address")),
  "archived" BOOLEAN NOT NULL DEFAULT 0 CHECK ("archived" IN (0, 1)),
  "created_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  CONSTRAINT "customers_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE
);
--> statement-breakpoint
CREATE INDEX "customers_active" ON "customers" ("organisation_id", "name") WHERE "archived" = 0;
--> statement-breakpoint
CREATE UNIQUE INDEX "customers_organisation_id_email_key" ON "customers" ("organisation_id", "email");
--> statement-breakpoint
-- A stored way for a customer to pay.
CREATE TABLE "payment_methods" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "customer_id" INTEGER NOT NULL,
  "kind" TEXT NOT NULL CHECK ("kind" IN ('card', 'sepa_debit', 'bank_transfer')),
  -- Last four digits of the card or IBAN, for display only.
  "last4" VARCHAR(4) CHECK (length("last4") <= 4),
  "expires_on" DATE,
  "is_default" BOOLEAN NOT NULL DEFAULT 0 CHECK ("is_default" IN (0, 1)),
  "created_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  CONSTRAINT "payment_methods_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_methods_one_default" ON "payment_methods" ("customer_id") WHERE "is_default" = 1;
--> statement-breakpoint
-- People who can sign in to LumenR.
CREATE TABLE "users" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  -- Login and notification address, stored lower-case.
  "email" TEXT NOT NULL,
  "name" TEXT,
  "password_hash" TEXT NOT NULL,
  "email_verified" BOOLEAN NOT NULL DEFAULT 0 CHECK ("email_verified" IN (0, 1)),
  "locale" VARCHAR(16) NOT NULL DEFAULT 'en' CHECK (length("locale") <= 16),
  "created_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  -- Set when the account is closed; the row stays for the audit trail.
  "deleted_at" TIMESTAMP,
  CONSTRAINT "users_email_check" CHECK ("email" = lower("email") AND length("email") > 3)
);
--> statement-breakpoint
CREATE INDEX "users_deleted" ON "users" ("deleted_at") WHERE "deleted_at" IS NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");
--> statement-breakpoint
-- Append-only record of who changed what; rows outlive the users and organisations they
-- mention, so references are set to null instead of cascading.
CREATE TABLE "audit_log" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "organisation_id" INTEGER,
  "actor_id" INTEGER,
  "action" VARCHAR(64) NOT NULL CHECK (length("action") <= 64),
  "entity_type" TEXT NOT NULL,
  "entity_id" INTEGER,
  "changes" TEXT NOT NULL DEFAULT '{}' CHECK ("changes" IS NULL OR json_valid("changes")),
  "ip_address" TEXT,
  "occurred_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users" ("id") ON DELETE SET NULL,
  CONSTRAINT "audit_log_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE SET NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_by_organisation" ON "audit_log" ("organisation_id", "occurred_at" DESC) WHERE "organisation_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" ("entity_type", "entity_id");
--> statement-breakpoint
-- A user's role in an organisation.
CREATE TABLE "memberships" (
  "organisation_id" INTEGER NOT NULL,
  "user_id" INTEGER NOT NULL,
  "role" TEXT NOT NULL DEFAULT 'viewer' CHECK ("role" IN ('owner', 'admin', 'billing', 'viewer')),
  "invited_by" INTEGER,
  "joined_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  PRIMARY KEY ("organisation_id", "user_id"),
  CONSTRAINT "memberships_invited_by_fkey" FOREIGN KEY ("invited_by") REFERENCES "users" ("id") ON DELETE SET NULL,
  CONSTRAINT "memberships_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE,
  CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
--> statement-breakpoint
CREATE INDEX "memberships_user_id_idx" ON "memberships" ("user_id");
--> statement-breakpoint
CREATE TABLE "invoices" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "public_id" UUID NOT NULL,
  "organisation_id" INTEGER NOT NULL,
  "customer_id" INTEGER NOT NULL,
  -- The member who created the invoice; must belong to the same organisation.
  "created_by" INTEGER,
  "number" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'sent', 'paid', 'void')),
  "currency" VARCHAR(3) NOT NULL DEFAULT 'EUR' CHECK (length("currency") <= 3),
  "subtotal" DECIMAL(12, 2) NOT NULL DEFAULT 0.00,
  "tax" DECIMAL(12, 2) NOT NULL DEFAULT 0.00,
  "total" DECIMAL(12, 2) NOT NULL GENERATED ALWAYS AS ("subtotal" + "tax") STORED,
  "issued_on" DATE,
  "due_on" DATE,
  "paid_at" TIMESTAMP,
  "notes" TEXT,
  "metadata" TEXT CHECK ("metadata" IS NULL OR json_valid("metadata")),
  "created_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  CONSTRAINT "invoices_due_after_issue" CHECK ("due_on" IS NULL OR "issued_on" IS NULL OR "due_on" >= "issued_on"),
  CONSTRAINT "invoices_paid_has_date" CHECK ("status" != 'paid' OR "paid_at" IS NOT NULL),
  CONSTRAINT "invoices_subtotal_check" CHECK ("subtotal" >= 0),
  CONSTRAINT "invoices_tax_check" CHECK ("tax" >= 0),
  CONSTRAINT "invoices_creator" FOREIGN KEY ("organisation_id", "created_by") REFERENCES "memberships" ("organisation_id", "user_id") ON DELETE RESTRICT,
  CONSTRAINT "invoices_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT,
  CONSTRAINT "invoices_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
--> statement-breakpoint
CREATE INDEX "invoices_open_by_customer" ON "invoices" ("customer_id", "due_on") WHERE "status" = 'sent';
--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_organisation_id_number_key" ON "invoices" ("organisation_id", "number");
--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_public_id_key" ON "invoices" ("public_id");
--> statement-breakpoint
-- One billed item of an invoice.
CREATE TABLE "invoice_lines" (
  "invoice_id" INTEGER NOT NULL,
  "line_no" INT NOT NULL,
  "description" TEXT NOT NULL,
  "quantity" DECIMAL(12, 3) NOT NULL DEFAULT 1.000,
  "unit_price" DECIMAL(12, 2) NOT NULL,
  "tax_rate" DECIMAL(5, 4) NOT NULL DEFAULT 0.0000,
  PRIMARY KEY ("invoice_id", "line_no"),
  CONSTRAINT "invoice_lines_line_no_check" CHECK ("line_no" >= 1),
  CONSTRAINT "invoice_lines_quantity_check" CHECK ("quantity" > 0),
  CONSTRAINT "invoice_lines_tax_rate_check" CHECK ("tax_rate" BETWEEN 0 AND 1),
  CONSTRAINT "invoice_lines_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices" ("id") ON DELETE CASCADE
);
--> statement-breakpoint
-- Money received against an invoice.
CREATE TABLE "payments" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "invoice_id" INTEGER NOT NULL,
  "payment_method_id" INTEGER,
  "amount" DECIMAL(12, 2) NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'succeeded', 'failed', 'refunded')),
  -- The payment provider's reference; unique when present.
  "provider_ref" TEXT,
  "received_at" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
  "raw_event" TEXT CHECK ("raw_event" IS NULL OR json_valid("raw_event")),
  CONSTRAINT "payments_amount_check" CHECK ("amount" > 0),
  CONSTRAINT "payments_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "payments_payment_method_id_fkey" FOREIGN KEY ("payment_method_id") REFERENCES "payment_methods" ("id") ON DELETE SET NULL
);
--> statement-breakpoint
CREATE INDEX "payments_by_invoice" ON "payments" ("invoice_id", "received_at" DESC);
--> statement-breakpoint
CREATE INDEX "payments_failed" ON "payments" ("received_at") WHERE "status" = 'failed';
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_ref_key" ON "payments" ("provider_ref");
