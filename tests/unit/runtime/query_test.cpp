// Typed queries through a generated header (query_test_schema.h, from query_test_ir.h) against
// real SQLite files: every operation, every column type, NULLs, and the fingerprint check.
#include <gtest/gtest.h>

#include <chrono>
#include <limits>

#include "query_test_schema.h"
#include "schemac/rt/transaction.h"
#include "temp_dir.h"

namespace schemac {
namespace {

using namespace std::chrono_literals;
using qt::db::InvoiceStatus;

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = rt::open("file:" + dir_.file("q.db"));
    qt::db::migrate(*db_);
  }
  std::int64_t addUser(const std::string& email, std::optional<std::string> name = {}) {
    return rt::insert(*db_, qt::db::users, {.email = email, .name = std::move(name)});
  }
  std::int64_t addInvoice(std::int64_t user, const std::string& number, const char* amount,
                          std::optional<InvoiceStatus> status = {}) {
    return rt::insert(
        *db_, qt::db::invoices,
        {.user_id = user, .number = number, .status = status, .amount = rt::Decimal(amount)});
  }

  testing::TempDir dir_;
  std::unique_ptr<rt::Connection> db_;
};

const auto& users = qt::db::users;
const auto& invoices = qt::db::invoices;

TEST_F(QueryTest, InsertReturnsKeyAndFillsDefaults) {
  auto before =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  std::int64_t a = addUser("a@x.io", "Ada");
  std::int64_t b = addUser("b@x.io");
  EXPECT_EQ(b, a + 1);
  auto ada = rt::find(*db_, users, a);
  ASSERT_TRUE(ada);
  EXPECT_EQ(ada->email, "a@x.io");
  EXPECT_EQ(ada->name, "Ada");
  EXPECT_EQ(ada->age, std::nullopt);
  EXPECT_TRUE(ada->active);  // default true
  EXPECT_GE(ada->created_at, before - 1s);
  EXPECT_LE(ada->created_at, before + 60s);
  EXPECT_EQ(rt::find(*db_, users, b)->name, std::nullopt);
  EXPECT_EQ(rt::find(*db_, users, 999), std::nullopt);
}

TEST_F(QueryTest, InsertWithExplicitKeyAndOptionalsSet) {
  rt::Timestamp t{std::chrono::milliseconds(1700000000123)};
  auto id = rt::insert(*db_, users,
                       {.id = 42, .email = "k@x.io", .age = 36, .active = false, .created_at = t});
  EXPECT_EQ(id, 42);
  auto u = rt::find(*db_, users, 42);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->age, 36);
  EXPECT_FALSE(u->active);
  EXPECT_EQ(u->created_at, t);
}

TEST_F(QueryTest, ConstraintViolationThrowsDbError) {
  addUser("dup@x.io");
  EXPECT_THROW(addUser("dup@x.io"), rt::DbError);
  // A failed insert leaves the statement usable.
  EXPECT_NO_THROW(addUser("other@x.io"));
  EXPECT_EQ(rt::count(*db_, users), 2);
}

TEST_F(QueryTest, EveryColumnTypeRoundTrips) {
  auto u = addUser("t@x.io");
  rt::Bytes pdf{std::byte{0}, std::byte{0xff}, std::byte{0x10}, std::byte{0}};
  auto ref = rt::Uuid::parse("6F9619FF-8B86-D011-B42D-00C04FC964FF");
  rt::Timestamp paid{std::chrono::milliseconds(-86400000LL * 365 + 7)};  // before 1970
  rt::Date due{std::chrono::year(2026), std::chrono::month(2), std::chrono::day(28)};
  auto id = rt::insert(*db_, invoices,
                       {.user_id = u,
                        .number = "Ünïcödé-№1 ✓ 日本",
                        .status = InvoiceStatus::void_,
                        .amount = rt::Decimal("9999999999.99"),
                        .paid_at = paid,
                        .due = due,
                        .meta = R"({"a":[1,2,{"b":null}]})",
                        .ref = ref,
                        .pdf = pdf,
                        .ratio = 0.1,
                        .class_ = "k"});
  auto row = rt::find(*db_, invoices, id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->number, "Ünïcödé-№1 ✓ 日本");
  EXPECT_EQ(row->number_key, "Ünïcödé-№1 ✓ 日本");  // generated: lower() only folds ASCII
  EXPECT_EQ(row->status, InvoiceStatus::void_);
  EXPECT_EQ(row->amount.toString(), "9999999999.99");
  EXPECT_EQ(row->paid_at, paid);
  EXPECT_EQ(row->due, due);
  EXPECT_EQ(row->meta, R"({"a":[1,2,{"b":null}]})");
  EXPECT_EQ(row->ref, ref);
  EXPECT_EQ(row->ref->toString(), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  EXPECT_EQ(row->pdf, pdf);
  EXPECT_EQ(row->ratio, 0.1);
  EXPECT_EQ(row->class_, "k");
  // How they are stored: documented in docs/cpp.md.
  auto raw =
      db_->query("SELECT typeof(paid_at), paid_at, due, status, ref, typeof(pdf) FROM invoices");
  EXPECT_EQ(std::get<std::string>(raw.rows[0][0]), "integer");
  EXPECT_EQ(std::get<std::int64_t>(raw.rows[0][1]), paid.time_since_epoch().count());
  EXPECT_EQ(std::get<std::string>(raw.rows[0][2]), "2026-02-28");
  EXPECT_EQ(std::get<std::string>(raw.rows[0][3]), "void");
  EXPECT_EQ(std::get<std::string>(raw.rows[0][4]), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  EXPECT_EQ(std::get<std::string>(raw.rows[0][5]), "blob");
}

TEST_F(QueryTest, NullsRoundTripAndIsNull) {
  auto u = addUser("n@x.io");
  auto id = addInvoice(u, "N-1", "0.00");
  auto row = rt::find(*db_, invoices, id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->paid_at, std::nullopt);
  EXPECT_EQ(row->due, std::nullopt);
  EXPECT_EQ(row->meta, std::nullopt);
  EXPECT_EQ(row->ref, std::nullopt);
  EXPECT_EQ(row->pdf, std::nullopt);
  EXPECT_EQ(row->ratio, std::nullopt);
  EXPECT_EQ(row->status, InvoiceStatus::draft);  // default
  EXPECT_EQ(rt::count(*db_, invoices, invoices.paid_at.isNull()), 1);
  EXPECT_EQ(rt::count(*db_, invoices, invoices.paid_at.isNotNull()), 0);
  // An empty blob is not NULL.
  rt::update(*db_, invoices).set(invoices.pdf = rt::Bytes{}).where(invoices.id == id).run();
  EXPECT_EQ(rt::find(*db_, invoices, id)->pdf, rt::Bytes{});
  // Setting NULL back.
  rt::update(*db_, invoices).set(invoices.pdf = std::nullopt).where(invoices.id == id).run();
  EXPECT_EQ(rt::find(*db_, invoices, id)->pdf, std::nullopt);
}

TEST_F(QueryTest, LargeIntegersAndInt32) {
  std::int64_t big = std::numeric_limits<std::int64_t>::max();
  std::int64_t small = std::numeric_limits<std::int64_t>::min() + 1;
  auto u = addUser("big@x.io");
  rt::insert(*db_, invoices, {.id = big, .user_id = u, .number = "B", .amount = rt::Decimal("1")});
  rt::insert(*db_, invoices,
             {.id = small, .user_id = u, .number = "S", .amount = rt::Decimal("1")});
  EXPECT_EQ(rt::find(*db_, invoices, big)->number, "B");
  EXPECT_EQ(rt::find(*db_, invoices, small)->number, "S");
  auto rows = rt::select(*db_, invoices).orderBy(invoices.id.desc()).all();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, big);
  rt::update(*db_, users).set(users.age = std::numeric_limits<std::int32_t>::min()).run();
  EXPECT_EQ(rt::find(*db_, users, u)->age, std::numeric_limits<std::int32_t>::min());
}

TEST_F(QueryTest, DecimalsAreExact) {
  auto u = addUser("d@x.io");
  const char* amounts[] = {"0.10", "0.20", "1234567890.12", "-0.01", "12.50", "100"};
  for (int i = 0; i < 6; ++i) addInvoice(u, "D" + std::to_string(i), amounts[i]);
  rt::Decimal sum;
  std::vector<std::string> shown;
  for (const auto& inv : rt::select(*db_, invoices).orderBy(invoices.number)) {
    sum += inv.amount;
    shown.push_back(inv.amount.toString());
  }
  EXPECT_EQ(shown, (std::vector<std::string>{"0.10", "0.20", "1234567890.12", "-0.01", "12.50",
                                             "100.00"}));
  EXPECT_EQ(sum.toString(), "1234568002.91");
  EXPECT_EQ(sum, rt::Decimal("1234568002.910"));
  // Comparisons happen on numbers, not text.
  EXPECT_EQ(rt::count(*db_, invoices, invoices.amount > rt::Decimal("12.49")), 3);
  EXPECT_EQ(rt::count(*db_, invoices, invoices.amount == rt::Decimal("12.5")), 1);
  // Composite key + 4-digit scale.
  rt::insert(*db_, qt::db::line_items,
             {.invoice_id = 1, .line = 1, .description = "x", .total = rt::Decimal("0.0001")});
  auto line = rt::find(*db_, qt::db::line_items, qt::db::LineItemsKey{1, 1});
  ASSERT_TRUE(line);
  EXPECT_EQ(line->total.toString(), "0.0001");
}

TEST_F(QueryTest, WhereOperators) {
  auto a = addUser("ada@math.org", "Ada");
  auto b = addUser("bob@example.com", "Bob");
  auto c = addUser("cy@math.org");
  rt::update(*db_, users).set(users.age = 36).where(users.id == a).run();
  rt::update(*db_, users).set(users.age = 50).where(users.id == b).run();
  auto emails = [&](rt::Condition<qt::db::UsersTable> cond) {
    std::vector<std::string> out;
    for (const auto& u : rt::select(*db_, users).where(std::move(cond)).orderBy(users.id))
      out.push_back(u.email);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(emails(users.email == "bob@example.com"), V{"bob@example.com"});
  EXPECT_EQ(emails(users.email != "bob@example.com"), (V{"ada@math.org", "cy@math.org"}));
  EXPECT_EQ(emails(users.email.like("%@math.org")), (V{"ada@math.org", "cy@math.org"}));
  EXPECT_EQ(emails(users.age > 40), V{"bob@example.com"});
  EXPECT_EQ(emails(users.age >= 36 && users.age < 50), V{"ada@math.org"});
  EXPECT_EQ(emails(users.age <= 36 || users.name.isNull()), (V{"ada@math.org", "cy@math.org"}));
  EXPECT_EQ(emails(!(users.age > 40)), V{"ada@math.org"});  // NULL age: neither
  EXPECT_EQ(emails(users.id.in({a, c})), (V{"ada@math.org", "cy@math.org"}));
  EXPECT_EQ(emails(users.id.in(std::vector<std::int64_t>{})), V{});
  EXPECT_EQ(emails(users.name.in({"Bob", "Zed"})), V{"bob@example.com"});
  EXPECT_EQ(emails(users.id == users.id), (V{"ada@math.org", "bob@example.com", "cy@math.org"}));
  EXPECT_EQ(emails(users.active == true), (V{"ada@math.org", "bob@example.com", "cy@math.org"}));
  // Two where() calls are joined with AND; values never become SQL text.
  auto q = rt::select(*db_, users).where(users.email.like("%o%")).where(users.name == "x' OR 1=1");
  EXPECT_EQ(
      q.sql(),
      "SELECT \"id\", \"email\", \"name\", \"age\", \"active\", \"created_at\" FROM \"users\" "
      "WHERE (\"email\" LIKE ? AND \"name\" = ?)");
  EXPECT_TRUE(q.all().empty());
}

TEST_F(QueryTest, TimestampsAndDatesCompare) {
  auto u = addUser("t@x.io");
  rt::Timestamp t0{std::chrono::milliseconds(1700000000000)};
  for (int i = 0; i < 5; ++i) {
    rt::insert(
        *db_, invoices,
        {.user_id = u,
         .number = "T" + std::to_string(i),
         .amount = rt::Decimal("1"),
         .paid_at = t0 + std::chrono::hours(24 * i),
         .due = std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(1),
                                            std::chrono::day(static_cast<unsigned>(1 + i))}});
  }
  EXPECT_EQ(rt::count(*db_, invoices, invoices.paid_at > t0 + std::chrono::hours(24)), 3);
  // A coarser duration converts without loss.
  auto tSec = std::chrono::time_point_cast<std::chrono::seconds>(t0);
  EXPECT_EQ(rt::count(*db_, invoices, invoices.paid_at == tSec), 1);
  rt::Date d{std::chrono::year(2026), std::chrono::month(1), std::chrono::day(3)};
  EXPECT_EQ(rt::count(*db_, invoices, invoices.due >= d), 3);
}

TEST_F(QueryTest, EnumsRoundTripAndFilter) {
  auto u = addUser("e@x.io");
  addInvoice(u, "E1", "1", InvoiceStatus::paid);
  addInvoice(u, "E2", "1", InvoiceStatus::sent);
  addInvoice(u, "E3", "1");
  EXPECT_EQ(rt::count(*db_, invoices, invoices.status == InvoiceStatus::paid), 1);
  EXPECT_EQ(
      rt::count(*db_, invoices, invoices.status.in({InvoiceStatus::paid, InvoiceStatus::draft})),
      2);
  EXPECT_EQ(qt::db::to_string(InvoiceStatus::void_), "void");
  EXPECT_EQ(rt::from_string<InvoiceStatus>("sent"), InvoiceStatus::sent);
  EXPECT_EQ(rt::from_string<InvoiceStatus>("SENT"), std::nullopt);
  // A value the enum does not know (written behind the program's back) is a clear error.
  db_->execute("PRAGMA ignore_check_constraints = ON");
  db_->execute("UPDATE invoices SET status = 'lost' WHERE number = 'E3'");
  try {
    rt::select(*db_, invoices).where(invoices.number == "E3").all();
    FAIL();
  } catch (const rt::DbError& e) {
    EXPECT_NE(std::string(e.what()).find("column 'status' holds 'lost', which is not a valid enum"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(QueryTest, OrderLimitOffsetFirstCount) {
  for (int i = 0; i < 10; ++i) addUser("u" + std::to_string(i) + "@x.io", std::to_string(i % 3));
  auto page =
      rt::select(*db_, users).orderBy(users.name.desc(), users.email).limit(3).offset(2).all();
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[0].email, "u8@x.io");  // names 2,2,2 (u2,u5,u8) then 1,1,1 ...
  EXPECT_EQ(page[1].email, "u1@x.io");
  EXPECT_EQ(page[2].email, "u4@x.io");
  EXPECT_EQ(rt::select(*db_, users).offset(8).all().size(), 2u);
  auto first = rt::select(*db_, users).where(users.name == "1").orderBy(users.id.desc()).first();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->email, "u7@x.io");
  EXPECT_FALSE(rt::select(*db_, users).where(users.name == "none").first());
  EXPECT_EQ(rt::count(*db_, users), 10);
  EXPECT_EQ(rt::select(*db_, users).where(users.name == "0").count(), 4);
  EXPECT_EQ(rt::select(*db_, users).limit(3).count(), 3);
}

TEST_F(QueryTest, UpdateAndRemove) {
  auto a = addUser("a@x.io");
  auto b = addUser("b@x.io");
  auto n =
      rt::update(*db_, users).set(users.name = "Renamed", users.age = 7).where(users.id == a).run();
  EXPECT_EQ(n, 1);
  auto ua = rt::find(*db_, users, a);
  EXPECT_EQ(ua->name, "Renamed");
  EXPECT_EQ(ua->age, 7);
  EXPECT_EQ(rt::find(*db_, users, b)->name, std::nullopt);
  std::optional<std::string> none;
  EXPECT_EQ(rt::update(*db_, users).set(users.name = none).run(), 2);
  EXPECT_EQ(rt::find(*db_, users, a)->name, std::nullopt);
  EXPECT_THROW(rt::update(*db_, users).where(users.id == a).run(), rt::DbError);  // sets nothing
  EXPECT_EQ(rt::remove(*db_, users).where(users.id == b).run(), 1);
  EXPECT_EQ(rt::remove(*db_, users).where(users.id == b).run(), 0);
  EXPECT_EQ(rt::count(*db_, users), 1);
  EXPECT_EQ(rt::remove(*db_, users).run(), 1);
  EXPECT_EQ(rt::count(*db_, users), 0);
}

TEST_F(QueryTest, TableWithoutKeyAndCompositeKey) {
  rt::insert(*db_, qt::db::audit_log, {.message = "one"});
  rt::insert(*db_, qt::db::audit_log,
             {.message = "two", .at = rt::Timestamp(std::chrono::milliseconds(5))});
  auto rows = rt::select(*db_, qt::db::audit_log).orderBy(qt::db::audit_log.at).all();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].message, "two");
  auto u = addUser("c@x.io");
  auto inv = addInvoice(u, "C", "1");
  auto key =
      rt::insert(*db_, qt::db::line_items,
                 {.invoice_id = inv, .line = 2, .description = "d", .total = rt::Decimal("3")});
  EXPECT_EQ(key, (qt::db::LineItemsKey{inv, 2}));
  EXPECT_TRUE(rt::find(*db_, qt::db::line_items, key));
  EXPECT_FALSE(rt::find(*db_, qt::db::line_items, qt::db::LineItemsKey{inv, 3}));
}

TEST_F(QueryTest, StatementsArePreparedOncePerConnection) {
  addUser("s0@x.io");
  std::size_t after = db_->statementCache().size();
  for (int i = 1; i < 50; ++i) {
    addUser("s" + std::to_string(i) + "@x.io");
    rt::select(*db_, users).where(users.email == "s1@x.io").all();
  }
  // One more statement (the select) whatever the number of runs.
  EXPECT_EQ(db_->statementCache().size(), after + 1);
  // Nested iteration of the same query works (the inner one gets its own statement).
  int pairs = 0;
  for (const auto& x : rt::select(*db_, users).where(users.id < 4)) {
    for (const auto& y : rt::select(*db_, users).where(users.id < 4)) pairs += x.id != y.id;
  }
  EXPECT_EQ(pairs, 6);
}

TEST_F(QueryTest, TypedInsertsInOneTransaction) {
  {
    rt::Transaction tx(*db_);
    for (int i = 0; i < 1000; ++i) addUser("tx" + std::to_string(i) + "@x.io");
    // Rolled back: no commit.
  }
  EXPECT_EQ(rt::count(*db_, users), 0);
  rt::withTransaction(*db_, [&] {
    for (int i = 0; i < 1000; ++i) addUser("tx" + std::to_string(i) + "@x.io");
  });
  EXPECT_EQ(rt::count(*db_, users), 1000);
}

// ---- the fingerprint check ----

TEST(QueryVerify, FreshDatabaseIsRefused) {
  testing::TempDir dir;
  auto db = rt::open("file:" + dir.file("v.db"));
  try {
    qt::db::verify(*db);
    FAIL();
  } catch (const rt::SchemaMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("has no migrations applied, but this program needs schema "
                                         "9f2c4e1d0b7a (migration 0000_init); migrate it first"),
              std::string::npos)
        << e.what();
  }
  qt::db::migrate(*db);
  EXPECT_NO_THROW(qt::db::verify(*db));
  EXPECT_TRUE(rt::checkSchema(*db, qt::db::kFingerprint, qt::db::migrations()).ok);
}

TEST(QueryVerify, DatabaseAheadOrBehindOrEditedIsRefused) {
  testing::TempDir dir;
  auto db = rt::open("file:" + dir.file("v.db"));
  qt::db::migrate(*db);
  // A program built for a newer schema: one more migration than the database has.
  auto newer = qt::db::migrations();
  rt::Migration m1;
  m1.idx = 1;
  m1.tag = "0001_add_x";
  m1.upSql = "ALTER TABLE users ADD COLUMN x TEXT;";
  m1.fingerprint = "ffff0000ffff0000";
  newer.push_back(m1);
  auto behind = rt::checkSchema(*db, "ffff0000ffff0000", newer);
  EXPECT_FALSE(behind.ok);
  EXPECT_NE(behind.message.find("is at migration 0000_init but this program needs schema "
                                "ffff0000ffff (migration 0001_add_x); run the pending migrations"),
            std::string::npos)
      << behind.message;
  // The database moved on: the program (the original header) does not know 0001.
  rt::migrate(*db, newer);
  auto ahead = rt::checkSchema(*db, qt::db::kFingerprint, qt::db::migrations());
  EXPECT_FALSE(ahead.ok);
  EXPECT_NE(ahead.message.find("is at migration 0001_add_x, which this program does not know"),
            std::string::npos)
      << ahead.message;
  EXPECT_THROW(qt::db::verify(*db), rt::SchemaMismatch);
  // A schema with changes no migration has.
  auto stale = rt::checkSchema(*db, "0123456789abcdef", newer);
  EXPECT_NE(stale.message.find("which no migration produces"), std::string::npos) << stale.message;
  // An applied migration edited afterwards.
  auto edited = newer;
  edited[1].checksum = std::string(64, 'a');
  auto e = rt::checkSchema(*db, "ffff0000ffff0000", edited);
  EXPECT_NE(e.message.find("differs from the one built into this program"), std::string::npos)
      << e.message;
}

}  // namespace
}  // namespace schemac
