#include <cstdio>

#include "db/schema.h"

namespace rt = schemac::rt;

int main(int argc, char** argv) {
  auto db = rt::open(argc > 1 ? argv[1] : "file::memory:");
  db->execute(
      "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
      "size TEXT NOT NULL DEFAULT 'small', price DECIMAL(10, 2) NOT NULL)");
  rt::insert(*db, shop::db::items, {.name = "kettle", .price = rt::Decimal("19.90")});
  rt::insert(*db, shop::db::items,
             {.name = "sofa", .size = shop::db::Size::large, .price = rt::Decimal("499")});
  for (const auto& item : rt::select(*db, shop::db::items).orderBy(shop::db::items.id))
    std::printf("%s %s %s\n", item.name.c_str(), std::string(to_string(item.size)).c_str(),
                item.price.toString().c_str());
  return 0;
}
