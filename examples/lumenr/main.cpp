// LumenR: migrates its database (file:./lumenr.db, or the URL/path given), seeds an
// organisation with customers, invoices and payments through the typed API of the generated
// header, and prints an invoice report.
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "lumenr/db.h"
#include "schemac/rt/transaction.h"

namespace rt = schemac::rt;
namespace db = lumenr::db;

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

rt::Timestamp at(int y, unsigned m, unsigned d) {
  return rt::Timestamp(std::chrono::sys_days(rt::Date{year(y), month(m), day(d)}));
}

void seed(rt::Connection& conn) {
  rt::withTransaction(conn, [&] {
    auto ada = rt::insert(
        conn, db::users,
        {.email = "ada@lumenr.example", .name = "Ada Lovelace", .password_hash = "argon2id$demo"});
    auto org =
        rt::insert(conn, db::organisations, {.name = "Acme Analytical Engines", .slug = "acme"});
    rt::insert(conn, db::memberships,
               {.organisation_id = org, .user_id = ada, .role = db::MemberRole::owner});
    auto babbage = rt::insert(
        conn, db::customers,
        {.organisation_id = org, .name = "Babbage & Co", .email = "accounts@babbage.example"});
    auto menabrea =
        rt::insert(conn, db::customers, {.organisation_id = org, .name = "Menabrea Translations"});

    struct Seed {
      std::int64_t customer;
      const char* number;
      const char* subtotal;
      const char* tax;
      db::InvoiceStatus status;
      unsigned issuedDay;
    };
    const Seed invoices[] = {
        {babbage, "INV-0001", "1200.00", "240.00", db::InvoiceStatus::paid, 3},
        {babbage, "INV-0002", "310.50", "62.10", db::InvoiceStatus::sent, 10},
        {menabrea, "INV-0003", "99.99", "0.00", db::InvoiceStatus::sent, 12},
        {menabrea, "INV-0004", "45.00", "9.00", db::InvoiceStatus::draft, 20},
    };
    for (const Seed& s : invoices) {
      rt::Date issued{year(2026), month(11), day(s.issuedDay)};
      bool paid = s.status == db::InvoiceStatus::paid;
      auto id = rt::insert(
          conn, db::invoices,
          {.public_id = rt::Uuid::random(),
           .organisation_id = org,
           .customer_id = s.customer,
           .created_by = ada,
           .number = s.number,
           .status = s.status,
           .subtotal = rt::Decimal(s.subtotal),
           .tax = rt::Decimal(s.tax),
           .issued_on = issued,
           .due_on = rt::Date(std::chrono::sys_days(issued) + std::chrono::days(30)),
           .paid_at = paid ? std::optional(at(2026, 11, s.issuedDay + 5)) : std::nullopt});
      if (paid) {
        rt::insert(conn, db::payments,
                   {.invoice_id = id,
                    .amount = rt::Decimal("1440.00"),
                    .status = db::PaymentStatus::succeeded,
                    .provider_ref = "pi_demo_0001",
                    .received_at = at(2026, 11, s.issuedDay + 5)});
      }
    }
    // A partial payment of INV-0002 and one that failed.
    auto inv2 = rt::select(conn, db::invoices).where(db::invoices.number == "INV-0002").first();
    rt::insert(conn, db::payments,
               {.invoice_id = inv2->id,
                .amount = rt::Decimal("100.00"),
                .status = db::PaymentStatus::succeeded,
                .received_at = at(2026, 11, 15)});
    rt::insert(conn, db::payments,
               {.invoice_id = inv2->id,
                .amount = rt::Decimal("272.60"),
                .status = db::PaymentStatus::failed,
                .received_at = at(2026, 11, 16)});
  });
}

void report(rt::Connection& conn) {
  auto org = rt::select(conn, db::organisations).where(db::organisations.slug == "acme").first();
  std::map<std::int64_t, std::string> customers;
  for (const auto& c :
       rt::select(conn, db::customers)
           .where(db::customers.organisation_id == org->id && db::customers.archived == false))
    customers[c.id] = c.name;

  std::printf("Invoices of %s (%s)\n", org->name.c_str(), org->currency.c_str());
  std::printf("%-9s %-22s %-6s %10s %10s %10s  %s\n", "number", "customer", "status", "total",
              "paid", "open", "due");
  rt::Decimal total, paid;
  for (const auto& inv : rt::select(conn, db::invoices)
                             .where(db::invoices.organisation_id == org->id)
                             .orderBy(db::invoices.number)) {
    rt::Decimal received;
    for (const auto& p : rt::select(conn, db::payments)
                             .where(db::payments.invoice_id == inv.id &&
                                    db::payments.status == db::PaymentStatus::succeeded))
      received += p.amount;
    received = received.rescaled(2);
    std::string due = inv.due_on ? rt::formatDate(*inv.due_on) : "-";
    std::printf("%-9s %-22s %-6s %10s %10s %10s  %s\n", inv.number.c_str(),
                customers[inv.customer_id].c_str(), std::string(db::to_string(inv.status)).c_str(),
                inv.total.toString().c_str(), received.toString().c_str(),
                (inv.total - received).toString().c_str(), due.c_str());
    if (inv.status != db::InvoiceStatus::draft) {
      total += inv.total;
      paid += received;
    }
  }
  std::int64_t open = rt::count(
      conn, db::invoices,
      db::invoices.status.in({db::InvoiceStatus::sent}) && db::invoices.organisation_id == org->id);
  std::printf("issued %s, received %s, outstanding %s on %lld open invoice(s)\n",
              total.rescaled(2).toString().c_str(), paid.rescaled(2).toString().c_str(),
              (total - paid).rescaled(2).toString().c_str(), static_cast<long long>(open));
}

}  // namespace

int main(int argc, char** argv) {
  std::string url = argc > 1 ? argv[1] : "file:./lumenr.db";
  try {
    auto conn = rt::open(url);
    auto migrated = db::migrate(*conn);  // applies pending migrations, then verify()
    std::printf("%s: %zu migration(s) applied, %zu already\n", conn->displayUrl().c_str(),
                migrated.applied.size(), migrated.alreadyApplied);
    if (!rt::select(*conn, db::organisations).where(db::organisations.slug == "acme").first())
      seed(*conn);
    report(*conn);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumenr: %s\n", e.what());
    return 1;
  }
  return 0;
}
