#include "yaml/index_loader.h"

namespace tether::yamlin {

namespace {
const std::vector<std::string> kElementKeys = {"column", "expression", "order", "nulls", "opclass"};
const std::vector<std::string> kMethods = {"btree", "hash", "gin", "gist", "brin", "spgist"};

bool oneOf(const std::string &v, const std::vector<std::string> &allowed) {
  for (const auto &a : allowed)
    if (a == v) return true;
  return false;
}

std::string listOf(const std::vector<std::string> &v) {
  std::string s;
  for (const auto &x : v)
    s += (s.empty() ? "" : ", ") + x;
  return s;
}

// An element given as a mapping: {column: x} or {expression: "lower(x)"}, with its options.
void loadElement(const std::string &file, const yamlin::Node &item, Index &ix, Diagnostics &diags) {
  auto es = entries(file, item, diags, "an index element");
  checkKeys(file, es, kElementKeys, diags, "an index element");
  IndexKey k;
  std::string text;
  bool column = false, expression = false;
  for (const auto &f : es) {
    std::string v;
    if (!asString(file, f.value, v, diags, "'" + f.key + "'")) continue;
    if (f.key == "column") {
      column = true;
      text = v;
    } else if (f.key == "expression") {
      expression = true;
      text = v;
    } else if (f.key == "order") {
      if (v != "asc" && v != "desc")
        diags.error(locOf(file, f.value), "bad-value", "'order' is asc or desc, not '" + v + "'");
      k.order = v;
    } else if (f.key == "nulls") {
      if (v != "first" && v != "last")
        diags.error(locOf(file, f.value), "bad-value", "'nulls' is first or last, not '" + v + "'");
      k.nulls = v;
    } else if (f.key == "opclass") {
      k.opclass = v;
    }
  }
  if (column == expression || text.empty()) {
    diags.error(locOf(file, item), "bad-index-element",
                "an index element needs exactly one of column: or expression:");
    return;
  }
  k.expression = expression;
  ix.columns.push_back(text);
  ix.keys.resize(ix.columns.size() - 1);
  ix.keys.push_back(k);
}

void loadElements(const std::string &file, const Entry &e, Index &ix, Diagnostics &diags, bool expressions) {
  std::vector<yamlin::Node> list;
  if (e.value.IsSequence()) {
    for (const auto &item : e.value)
      list.push_back(item);
  } else if (e.value.IsScalar()) {
    list.push_back(e.value); // one element, written without the brackets
  } else {
    diags.error(locOf(file, e.value), "bad-value", "'" + e.key + "' must be a list");
    return;
  }
  for (const auto &item : list) {
    if (item.IsMap() && !expressions) {
      loadElement(file, item, ix, diags);
      continue;
    }
    std::string text;
    if (!asString(file, item, text, diags, "an element of '" + e.key + "'")) continue;
    ix.columns.push_back(text);
    ix.keys.resize(ix.columns.size() - 1);
    IndexKey k;
    k.expression = expressions;
    ix.keys.push_back(k);
  }
}
} // namespace

const std::vector<std::string> &indexKeys() {
  static const std::vector<std::string> keys = {"columns", "expressions", "name",    "unique",
                                                "where",   "using",       "include", "nulls_not_distinct"};
  return keys;
}

bool loadIndexEntry(const std::string &file, const Entry &e, Index &ix, Diagnostics &diags) {
  if (e.key == "columns" || e.key == "expressions") {
    loadElements(file, e, ix, diags, e.key == "expressions");
  } else if (e.key == "where") {
    asString(file, e.value, ix.predicate, diags, "'where'");
  } else if (e.key == "using") {
    if (asString(file, e.value, ix.method, diags, "'using'") && !oneOf(ix.method, kMethods))
      diags.error(locOf(file, e.value), "bad-value",
                  "'using' is one of " + listOf(kMethods) + ", not '" + ix.method + "'");
  } else if (e.key == "include") {
    asStringList(file, e.value, ix.include, diags, "'include'");
  } else if (e.key == "nulls_not_distinct") {
    asBool(file, e.value, ix.nullsNotDistinct, diags, "'nulls_not_distinct'");
  } else {
    return false;
  }
  return true;
}

std::vector<std::string> indexColumnNames(const Index &ix) {
  std::vector<std::string> out;
  for (size_t i = 0; i < ix.columns.size(); ++i)
    if (!indexKeyAt(ix, i).expression) out.push_back(ix.columns[i]);
  out.insert(out.end(), ix.include.begin(), ix.include.end());
  return out;
}

std::string indexNamePart(const Index &ix, size_t i) {
  return indexKeyAt(ix, i).expression ? "expr" : ix.columns[i];
}

} // namespace tether::yamlin
