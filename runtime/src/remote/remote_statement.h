// rt::Statement over a remote connection: bindings are kept locally and the statement runs as
// one execute request at the first step(); rows are then read from the buffered result.
#pragma once

#include <map>

#include "schemac/rt/remote.h"
#include "schemac/rt/statement.h"

namespace schemac::rt::remote {

class RemoteStatement : public Statement {
 public:
  RemoteStatement(RemoteConnection& db, std::string sql);

  void bindNull(int index) override { set(index, std::monostate{}); }
  void bindInt64(int index, std::int64_t v) override { set(index, v); }
  void bindDouble(int index, double v) override { set(index, v); }
  void bindText(int index, std::string_view v) override { set(index, std::string(v)); }
  void bindBlob(int index, std::span<const std::uint8_t> v) override {
    set(index, Blob{{v.begin(), v.end()}});
  }
  int parameterCount() const override { return parameterCount_; }
  void clearBindings() override { bindings_.clear(); }

  bool step() override;
  void reset() override;
  std::int64_t changes() const override { return changes_; }
  const std::string& sql() const override { return sql_; }

  int columnCount() const override { return static_cast<int>(result_.columns.size()); }
  std::string columnName(int column) const override;
  bool isNull(int column) const override;
  std::int64_t getInt64(int column) const override;
  double getDouble(int column) const override;
  std::string getText(int column) const override;
  Blob getBlob(int column) const override;
  Value value(int column) const override;

 private:
  void set(int index, Value v);
  const Value& at(int column) const;

  RemoteConnection& db_;
  std::string sql_;
  int parameterCount_ = 0;
  std::map<int, Value> bindings_;
  ResultSet result_;
  bool ran_ = false;
  std::size_t next_ = 0;  // index of the row after the current one
  std::int64_t changes_ = 0;
};

// The number of parameters SQLite would see: the largest ?NNN, bare `?` counted in order, and
// each distinct :name, @name, $name.
int countParameters(std::string_view sql);

}  // namespace schemac::rt::remote
