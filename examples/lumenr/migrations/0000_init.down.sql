-- schemac migration 0000_init (down)

DROP TABLE "payments";
--> statement-breakpoint
DROP TABLE "invoice_lines";
--> statement-breakpoint
DROP TABLE "invoices";
--> statement-breakpoint
DROP TABLE "memberships";
--> statement-breakpoint
DROP TABLE "audit_log";
--> statement-breakpoint
DROP TABLE "users";
--> statement-breakpoint
DROP TABLE "payment_methods";
--> statement-breakpoint
DROP TABLE "customers";
--> statement-breakpoint
DROP TABLE "organisations";
