#!/usr/bin/env python3
"""An independent semantic description of a SQLite database, and the differences between two.

Independent: it uses nothing of schemac (no inspect code, no tokenizer of its own), only
Python's sqlite3 module, SQLite's pragmas and a small tokenizer below for what the pragmas do
not tell (collations, DEFERRABLE, constraint names, trigger/view/index SQL). So it can catch
schemac's mistakes instead of repeating them.

What two databases must share to be "the same" here is what changes how they behave, plus the
names a program sees: tables (columns in order, declared type, affinity, NOT NULL, default,
primary key order and name, collation, hidden/generated and the generation expression,
AUTOINCREMENT, rowid alias), WITHOUT ROWID and STRICT, foreign keys (columns, parent, actions,
MATCH, deferrability, name), checks (text and name), unique constraints, indexes (unique,
origin, parts with expressions, order and collation, partial WHERE), triggers, views (SQL and
result columns) and virtual tables (module and arguments). SQL text is compared as a token
stream: whitespace, comments, identifier quoting ("x", `x`, [x]) and the case of keywords and
identifiers do not matter; string literals do.

Usage: sqlite_semantics.py A.db B.db   (prints the differences, exits 1 when there are any)
       sqlite_semantics.py --describe A.db"""

import json
import re
import sqlite3
import sys

# --- tokens ------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+|--[^\n]*(?:\n|$)|/\*.*?(?:\*/|$))
  | (?P<str>'(?:[^']|'')*')
  | (?P<blob>[xX]'[0-9a-fA-F]*')
  | (?P<qid>"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\])
  | (?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+)
  | (?P<id>[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)
  | (?P<var>[?:@$][A-Za-z0-9_]*)
  | (?P<op>\|\||<<|>>|<=|>=|==|!=|<>|->>|->|.)
""", re.S | re.X)


# Operators SQLite reads as the same operator (tursodb writes `!=` back for `<>`).
_SAME_OPERATOR = {"<>": "!=", "==": "="}


class Tok:
    __slots__ = ("kind", "text", "start", "end")

    def __init__(self, kind, text, start=0, end=0):
        self.kind, self.text, self.start, self.end = kind, text, start, end

    def norm(self):
        """The token as compared: identifiers unquoted and lower-cased, strings as written."""
        if self.kind == "qid":
            q = self.text[0]
            inner = self.text[1:-1]
            if q == '"':
                inner = inner.replace('""', '"')
            elif q == "`":
                inner = inner.replace("``", "`")
            return "id:" + inner.lower()
        if self.kind == "id":
            return "id:" + self.text.lower()
        if self.kind == "blob":
            return "blob:" + self.text[2:-1].lower()
        if self.kind == "num":
            return "num:" + self.text.lower()
        if self.kind == "op" and self.text in _SAME_OPERATOR:
            return "op:" + _SAME_OPERATOR[self.text]
        return self.kind + ":" + self.text

    def word(self):
        """The identifier or keyword, unquoted and lower-case; None for other tokens."""
        n = self.norm()
        return n[3:] if n.startswith("id:") else None

    def __repr__(self):
        return self.text


def tokenize(sql):
    out = []
    for m in _TOKEN.finditer(sql or ""):
        kind = m.lastgroup
        if kind != "ws":
            out.append(Tok(kind, m.group(), m.start(), m.end()))
    return out


def render(toks):
    """A canonical text of a token list (what differences print and what is compared)."""
    parts = []
    for t in toks:
        n = t.norm()
        parts.append(n.split(":", 1)[1] if n.startswith(("id:", "num:", "op:")) else t.text)
    s = " ".join(parts)
    s = s.replace("( ", "(").replace(" )", ")").replace(" ,", ",").replace(" . ", ".")
    return re.sub(r"(\w) \(", r"\1(", s)


def norm_sql(sql):
    return render(tokenize(sql))


def split_top(toks, sep=","):
    """Splits a token list at top-level separators (outside parentheses)."""
    parts, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "op" and t.text == "(":
            depth += 1
        elif t.kind == "op" and t.text == ")":
            depth -= 1
        if depth == 0 and t.kind == "op" and t.text == sep:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(cur)
    return parts


def matching_paren(toks, i):
    """The index of the ')' that closes the '(' at toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "op" and toks[j].text == "(":
            depth += 1
        elif toks[j].kind == "op" and toks[j].text == ")":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced parentheses in " + render(toks))


def strip_parens(toks):
    """Drops parentheses that wrap the whole list: `(0)` and `0` are the same default."""
    while toks and toks[0].text == "(" and matching_paren(toks, 0) == len(toks) - 1:
        toks = toks[1:-1]
    return toks


def is_op(t, text):
    return t.kind == "op" and t.text == text


# --- CREATE TABLE text ------------------------------------------------------------------------

_COLUMN_CONSTRAINT_START = {"constraint", "primary", "not", "null", "unique", "check", "default",
                            "collate", "references", "generated", "as"}
_TABLE_CONSTRAINT_START = {"constraint", "primary", "unique", "check", "foreign"}


def _deferral(toks, i):
    """Reads an optional [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE] at toks[i:]; returns
    (state, next index). NOT DEFERRABLE ... is never deferrable."""
    state = "not deferrable"
    w = [t.word() for t in toks]
    if i < len(toks) and w[i] == "not" and i + 1 < len(toks) and w[i + 1] == "deferrable":
        i += 2
        if i < len(toks) and w[i] == "initially":
            i += 2
        return state, i
    if i < len(toks) and w[i] == "deferrable":
        i += 1
        state = "deferrable initially immediate"
        if i < len(toks) and w[i] == "initially":
            if w[i + 1] == "deferred":
                state = "deferrable initially deferred"
            i += 2
    return state, i


def _references(toks, i):
    """Parses REFERENCES parent [(cols)] [ON ...|MATCH ...]* [deferral] starting at toks[i]
    (the word REFERENCES). Returns (dict, next index)."""
    i += 1
    parent = toks[i].word()
    i += 1
    cols = []
    if i < len(toks) and is_op(toks[i], "("):
        j = matching_paren(toks, i)
        cols = [p[0].word() for p in split_top(toks[i + 1:j])]
        i = j + 1
    while i < len(toks):
        w = toks[i].word()
        if w == "on":
            # ON DELETE|UPDATE SET NULL|SET DEFAULT|CASCADE|RESTRICT|NO ACTION
            i += 2
            i += 2 if toks[i].word() in ("set", "no") else 1
        elif w == "match":
            i += 2
        else:
            break
    state, i = _deferral(toks, i)
    return {"parent": parent, "to": cols, "deferral": state}, i


def parse_create_table(sql):
    """What the pragmas do not say about a table, from its CREATE TABLE text: per column
    collation, generation expression and AUTOINCREMENT; the constraint names of the primary
    key, unique constraints, checks and foreign keys; foreign-key deferrability."""
    toks = tokenize(sql)
    i = next(k for k, t in enumerate(toks) if is_op(t, "("))
    j = matching_paren(toks, i)
    info = {"columns": {}, "pk_name": None, "autoincrement": False, "uniques": [],
            "checks": [], "fks": [], "pk_desc": False}
    for item in split_top(toks[i + 1:j]):
        first = item[0].word() if item[0].kind == "id" else None
        if first in _TABLE_CONSTRAINT_START and not (first == "primary" and len(item) > 1 and
                                                     item[1].word() != "key"):
            _table_constraint(item, info)
        else:
            _column_def(item, info)
    return info


def _constraint_name(item, k):
    if item[k].word() == "constraint":
        return item[k + 1].word(), k + 2
    return None, k


def _table_constraint(item, info):
    name, k = _constraint_name(item, 0)
    w = item[k].word()
    if w == "primary":
        info["pk_name"] = name
    elif w == "unique":
        p = next(x for x in range(k, len(item)) if is_op(item[x], "("))
        q = matching_paren(item, p)
        cols = [render(_strip_order(part)) for part in split_top(item[p + 1:q])]
        info["uniques"].append({"columns": cols, "name": name})
    elif w == "check":
        p = k + 1
        q = matching_paren(item, p)
        info["checks"].append({"name": name, "expr": render(strip_parens(item[p:q + 1]))})
    elif w == "foreign":
        p = k + 2
        q = matching_paren(item, p)
        cols = [part[0].word() for part in split_top(item[p + 1:q])]
        ref, _ = _references(item, q + 1)
        ref.update({"from": cols, "name": name})
        info["fks"].append(ref)


def _strip_order(part):
    """A unique/index column part without its COLLATE x and ASC/DESC."""
    out = list(part)
    while out and out[-1].word() in ("asc", "desc"):
        out.pop()
    if len(out) >= 2 and out[-2].word() == "collate":
        out = out[:-2]
    return out


def _column_def(item, info):
    col = item[0].word()
    c = {"collation": None, "generated": None}
    k = 1
    while k < len(item) and not (item[k].word() in _COLUMN_CONSTRAINT_START and
                                 item[k].kind == "id"):
        k = matching_paren(item, k) + 1 if is_op(item[k], "(") else k + 1
    name = None
    while k < len(item):
        w = item[k].word()
        if w == "constraint":
            name = item[k + 1].word()
            k += 2
            continue
        if w == "primary":
            info["pk_name"] = name
            k += 2
            while k < len(item) and item[k].word() in ("asc", "desc", "on", "conflict",
                                                         "rollback", "abort", "fail", "ignore",
                                                         "replace", "autoincrement"):
                if item[k].word() == "autoincrement":
                    info["autoincrement"] = True
                if item[k].word() == "desc":
                    info["pk_desc"] = True
                k += 1
        elif w == "collate":
            c["collation"] = item[k + 1].word().upper()
            k += 2
        elif w == "check":
            q = matching_paren(item, k + 1)
            info["checks"].append({"name": name, "expr": render(strip_parens(item[k + 1:q + 1]))})
            k = q + 1
        elif w == "default":
            k += 1
            if is_op(item[k], "("):
                k = matching_paren(item, k) + 1
            else:
                k += 2 if item[k].kind == "op" and item[k].text in "+-" else 1
        elif w == "references":
            ref, k = _references(item, k)
            ref.update({"from": [col], "name": name})
            info["fks"].append(ref)
        elif w in ("generated", "as"):
            while item[k].word() != "as":
                k += 1
            q = matching_paren(item, k + 1)
            c["generated"] = render(strip_parens(item[k + 1:q + 1]))
            k = q + 1
        elif w == "unique":
            info["uniques"].append({"columns": [col], "name": name})
            k += 1
        else:
            k += 1
        name = None
    info["columns"][col] = c


# --- CREATE INDEX / TRIGGER / VIEW / VIRTUAL TABLE text ---------------------------------------

def parse_create_index(sql):
    """(parts as written: [(expression text or None, collate)], WHERE text or None)."""
    toks = tokenize(sql)
    on = next(k for k, t in enumerate(toks) if t.word() == "on")
    p = next(k for k in range(on, len(toks)) if is_op(toks[k], "("))
    q = matching_paren(toks, p)
    parts = [render(strip_parens(_strip_order(part))) for part in split_top(toks[p + 1:q])]
    where = None
    if q + 1 < len(toks) and toks[q + 1].word() == "where":
        where = render(strip_parens(toks[q + 2:]))
    return parts, where


def _drop_if_not_exists(toks):
    for k in range(min(len(toks) - 2, 6)):
        if [t.word() for t in toks[k:k + 3]] == ["if", "not", "exists"]:
            return toks[:k] + toks[k + 3:]
    return toks


def norm_trigger(sql):
    """A trigger's text, compared as tokens; FOR EACH ROW is dropped (SQLite has only row
    triggers, so it changes nothing) as is IF NOT EXISTS."""
    toks = _drop_if_not_exists(tokenize(sql))
    out, k = [], 0
    while k < len(toks):
        if [t.word() for t in toks[k:k + 3]] == ["for", "each", "row"]:
            k += 3
            continue
        out.append(toks[k])
        k += 1
    return render(out)


def norm_view(sql):
    return render(_drop_if_not_exists(tokenize(sql)))


def parse_virtual(sql):
    toks = tokenize(sql)
    u = next(k for k, t in enumerate(toks) if t.word() == "using")
    module = toks[u + 1].word()
    args = ""
    if u + 2 < len(toks) and is_op(toks[u + 2], "("):
        q = matching_paren(toks, u + 2)
        args = render(toks[u + 3:q])
    return module, args


# --- declared types ----------------------------------------------------------------------------

def norm_type(t):
    t = re.sub(r"\s+", " ", (t or "").strip().upper())
    return re.sub(r" ?([(),]) ?", r"\1", t)


def affinity(declared):
    """SQLite's affinity rules (datatype3.html, section 3.1), in their order."""
    t = (declared or "").upper()
    if "INT" in t:
        return "INTEGER"
    if "CHAR" in t or "CLOB" in t or "TEXT" in t:
        return "TEXT"
    if "BLOB" in t or not t:
        return "BLOB"
    if "REAL" in t or "FLOA" in t or "DOUB" in t:
        return "REAL"
    return "NUMERIC"


# --- the description ---------------------------------------------------------------------------

IGNORED_PREFIXES = ("sqlite_", "__schemac_")


def _q(name):
    return '"' + name.replace('"', '""') + '"'


def describe(con, ignore=()):
    """The normalized description of the database behind the sqlite3 connection con."""
    ignore = {n.lower() for n in ignore}

    def rows(sql):
        return con.execute(sql).fetchall()

    def skipped(name):
        return name.lower().startswith(IGNORED_PREFIXES) or name.lower() in ignore

    table_list = {r[1].lower(): r for r in rows("PRAGMA main.table_list")}
    master = rows("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
    d = {"tables": {}, "views": {}, "triggers": {}, "virtual tables": {}, "indexes": {}}
    for typ, name, tbl, sql in master:
        if skipped(name) or (typ != "table" and skipped(tbl)):
            continue
        lname = name.lower()
        if typ == "table":
            kind = table_list.get(lname, (None, None, "table"))[2]
            if kind == "shadow":
                continue
            if sql.upper().startswith("CREATE VIRTUAL"):
                module, args = parse_virtual(sql)
                d["virtual tables"][lname] = {"name": name, "module": module, "args": args}
            else:
                d["tables"][lname] = _describe_table(con, name, sql, table_list.get(lname))
        elif typ == "view":
            cols = [(r[1], norm_type(r[2])) for r in rows(f"PRAGMA table_xinfo({_q(name)})")]
            d["views"][lname] = {"name": name, "sql": norm_view(sql), "columns": cols}
        elif typ == "trigger":
            d["triggers"][lname] = {"name": name, "table": tbl.lower(), "sql": norm_trigger(sql)}
    for t in d["tables"].values():
        _describe_indexes(con, t, d["indexes"])
        for fk in t["foreign keys"]:  # REFERENCES parent without columns: its primary key
            parent = d["tables"].get(fk["parent"])
            if parent and fk["to"] == [None] * len(fk["to"]):
                fk["to"] = [c.lower() for c in parent["primary key"]]
    return d


def _describe_table(con, name, sql, tl):
    info = parse_create_table(sql)
    xcols = con.execute(f"PRAGMA table_xinfo({_q(name)})").fetchall()
    wr = bool(tl[4]) if tl else "without rowid" in norm_sql(sql)[-40:]
    strict = bool(tl[5]) if tl else False
    cols, pk = [], []
    for cid, cname, ctype, notnull, dflt, pkpos, hidden in xcols:
        c = info["columns"].get(cname.lower(), {})
        cols.append({
            "name": cname, "type": norm_type(ctype), "affinity": affinity(ctype),
            "notnull": bool(notnull),
            "default": render(strip_parens(tokenize(dflt))) if dflt is not None else None,
            "collation": c.get("collation") or "BINARY",
            "hidden": {0: "no", 1: "hidden", 2: "generated virtual", 3: "generated stored"}
            .get(hidden, str(hidden)),
            "generated": c.get("generated"),
        })
        if pkpos:
            pk.append((pkpos, cname))
    pk_cols = [n for _, n in sorted(pk)]
    rowid_alias = None
    if not wr and len(pk_cols) == 1 and not info["pk_desc"]:
        col = next(c for c in cols if c["name"] == pk_cols[0])
        if col["type"] == "INTEGER":
            rowid_alias = pk_cols[0]
            # NULL into a rowid alias assigns the next rowid whether or not NOT NULL is written,
            # and setting it to NULL fails either way: NOT NULL changes nothing there.
            col["notnull"] = True
    fks = []
    fk_rows = con.execute(f"PRAGMA foreign_key_list({_q(name)})").fetchall()
    by_id = {}
    for fid, seq, parent, frm, to, on_upd, on_del, match in fk_rows:
        by_id.setdefault(fid, []).append((seq, parent, frm, to, on_upd, on_del, match))
    written = list(info["fks"])
    for fid in sorted(by_id):
        parts = sorted(by_id[fid])
        parent = parts[0][1]
        frm = [p[2] for p in parts]
        to = [p[3] for p in parts]
        # The CREATE text says which written clause this is: deferrability and name.
        match_ = next((w for w in written if [x.lower() for x in w["from"]] ==
                       [x.lower() for x in frm] and w["parent"] == parent.lower()), None)
        if match_:
            written.remove(match_)
        fks.append({
            "from": frm, "parent": parent.lower(),
            "to": [x.lower() if x else None for x in to], "on update": parts[0][4],
            "on delete": parts[0][5], "match": parts[0][6],
            "deferral": match_["deferral"] if match_ else "?",
            "name": match_["name"] if match_ else None,
        })
    fks.sort(key=lambda f: json.dumps(f, sort_keys=True))
    checks = sorted((c["name"] or "", c["expr"]) for c in info["checks"])
    return {
        "name": name, "columns": cols, "primary key": pk_cols, "primary key name": info["pk_name"],
        "rowid alias": rowid_alias, "autoincrement": info["autoincrement"],
        "without rowid": wr, "strict": strict, "foreign keys": fks,
        "checks": [{"name": n or None, "expr": e} for n, e in checks],
        "unique constraints": [], "_uniques_written": info["uniques"],
    }


def _describe_indexes(con, t, indexes):
    name = t["name"]
    written = t.pop("_uniques_written")
    for seq, iname, unique, origin, partial in con.execute(
            f"PRAGMA index_list({_q(name)})").fetchall():
        if origin == "pk":
            continue
        sql_row = con.execute("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?",
                              (iname,)).fetchone()
        xinfo = [r for r in con.execute(f"PRAGMA index_xinfo({_q(iname)})").fetchall() if r[5]]
        exprs, where = ([], None)
        if sql_row and sql_row[0]:
            exprs, where = parse_create_index(sql_row[0])
        parts = []
        for k, (seqno, cid, cname, desc, coll, key) in enumerate(xinfo):
            what = cname if cid >= 0 else ("expr: " + exprs[k] if k < len(exprs) else "expr: ?")
            if cid == -1:
                what = "rowid"
            parts.append({"part": what, "desc": bool(desc), "collation": (coll or "").upper()})
        if origin == "u":
            cols = [p["part"].lower() for p in parts]
            w = next((u for u in written if [c.lower() for c in u["columns"]] == cols), None)
            if w:
                written.remove(w)
            t["unique constraints"].append({"parts": parts, "name": w["name"] if w else None})
            continue
        indexes[iname.lower()] = {"name": iname, "table": name.lower(), "unique": bool(unique),
                                  "parts": parts, "where": where}
    t["unique constraints"].sort(key=lambda u: json.dumps(u, sort_keys=True))


def describe_file(path, ignore=()):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return describe(con, ignore)
    finally:
        con.close()


# --- differences -------------------------------------------------------------------------------

def _fmt(v):
    return json.dumps(v, sort_keys=True) if not isinstance(v, str) else v


def differences(a, b):
    """Lines saying how description b differs from a ('A -> B'); empty when they agree."""
    out = []
    for kind, label in (("tables", "table"), ("virtual tables", "virtual table"),
                        ("views", "view"), ("triggers", "trigger"), ("indexes", "index")):
        A, B = a[kind], b[kind]
        for n in sorted(set(A) | set(B)):
            if n not in B:
                out.append(f"{label} {n}: only in A")
            elif n not in A:
                out.append(f"{label} {n}: only in B")
            else:
                _diff_obj(f"{label} {n}", A[n], B[n], out)
    return out


def _diff_obj(where, x, y, out):
    if kind_of(x) == kind_of(y) == "dict":
        for k in sorted(set(x) | set(y)):
            _diff_obj(f"{where}: {k}", x.get(k), y.get(k), out)
    elif kind_of(x) == kind_of(y) == "list" and len(x) == len(y) and \
            all(isinstance(e, dict) for e in x + y):
        for k, (ex, ey) in enumerate(zip(x, y)):
            label = ex.get("name") if "name" in ex and where.endswith("columns") else k
            _diff_obj(f"{where}[{label}]", ex, ey, out)
    elif x != y:
        out.append(f"{where}: {_fmt(x)} -> {_fmt(y)}")


def kind_of(v):
    return "dict" if isinstance(v, dict) else "list" if isinstance(v, list) else "scalar"


def compare_files(a, b, ignore=()):
    return differences(describe_file(a, ignore), describe_file(b, ignore))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--describe":
        print(json.dumps(describe_file(sys.argv[2]), indent=1, sort_keys=True))
        sys.exit(0)
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    diffs = compare_files(sys.argv[1], sys.argv[2])
    for line in diffs:
        print(line)
    print(f"{len(diffs)} differences")
    sys.exit(1 if diffs else 0)
