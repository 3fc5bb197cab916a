#!/usr/bin/env python3
"""Writes a synthetic .schema with N tables of 10 columns, 2 indexes and 1 foreign key each.

Table t<i> references t<(i-1)//2> (a tree, so the creation order is non-trivial); t0
references itself. Usage: gen_schema.py N > file.schema
"""
import sys


def schema(n: int) -> str:
    out = ["/// Synthetic benchmark schema: %d tables.\nnamespace bench\n" % n]
    out.append("enum row_status { active archived deleted }\n")
    for i in range(n):
        parent = (i - 1) // 2 if i > 0 else 0
        out.append(
            f"""/// Table {i} of {n}.
table t{i} {{
  id          int            primary autoincrement
  parent_id   int?           references t{parent}(id) on delete set null
  code        varchar(32)
  name        text           check (length(name) > 0)
  amount      decimal(12, 2) default 0.00 check (amount >= 0)
  quantity    int32          default 1
  status      row_status     default active
  active      bool           default true
  payload     json?
  created_at  timestamp      default now

  unique (code)
  index t{i}_by_parent (parent_id, created_at desc) where active = true
}}
""")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: gen_schema.py N   (N >= 1 tables)")
    sys.stdout.write(schema(int(sys.argv[1])))
