#include "erd/erd_graph.h"
#include "core/strings.h"
#include <cctype>
#include <map>

namespace tether {

namespace {
ErdAttribute attributeOf(const Table &t, const Column &c) {
  ErdAttribute a;
  a.name = c.name;
  a.type = c.type.str();
  a.pk = t.isPrimaryKey(c.name);
  a.nullable = c.nullable;
  for (const auto &fk : t.foreignKeys)
    for (const auto &fc : fk.columns)
      if (fc == c.name) a.fk = true;
  a.unique = !a.pk && t.isUniqueSet({c.name});
  return a;
}

bool singleTableSubclass(const Model &model, const ModelClass &cls) {
  const ModelClass *parent = cls.inherits.empty() ? nullptr : model.cls(cls.inherits);
  return parent && parent->table == cls.table;
}

std::string inheritanceLabel(const ModelClass &cls, bool singleTable) {
  std::string label = cls.name + " inherits " + cls.inherits + (singleTable ? " (single table" : " (joined");
  if (!cls.polymorphicIdentity.empty()) label += ", identity " + cls.polymorphicIdentity;
  return label + ")";
}
} // namespace

// A single-table subclass has no table, but it is a class with columns of its own: it gets a box
// of its own holding them, and the foreign keys on those columns start from it.
ErdGraph buildErdGraph(const Model &model) {
  ErdGraph g;
  std::map<std::string, std::string> idOf;
  std::map<std::pair<std::string, std::string>, std::string> subclassColumn; // (table, column) -> class
  for (const auto &cls : model.classes)
    for (const auto &c : cls.singleTableColumnNames)
      subclassColumn[{cls.table, c}] = cls.name;
  for (const auto &t : model.schema.tables) {
    ErdEntity e;
    e.table = t.name;
    e.id = t.modelName.empty() ? t.name : t.modelName;
    idOf[t.name] = e.id;
    for (const auto &c : t.columns)
      if (!subclassColumn.count({t.name, c.name})) e.attributes.push_back(attributeOf(t, c));
    g.entities.push_back(e);
  }
  for (const auto &cls : model.classes) {
    const Table *t = model.schema.table(cls.table);
    if (!t || !singleTableSubclass(model, cls)) continue;
    ErdEntity e;
    e.table = t->name;
    e.id = cls.name;
    for (const auto &c : cls.singleTableColumnNames)
      if (const Column *col = t->column(c)) e.attributes.push_back(attributeOf(*t, *col));
    g.entities.push_back(e);
  }
  // Relationship names per FK, so an edge says which attributes navigate it.
  std::map<std::pair<std::string, int>, std::vector<std::string>> labels;
  for (const auto &cls : model.classes)
    for (const auto &r : cls.relationships) {
      if (r.kind == RelationKind::Unresolved) continue;
      labels[{r.fkTable, r.fkIndex}].push_back(cls.name + "." + r.name);
      if (r.kind == RelationKind::ManyToMany)
        labels[{r.secondaryTargetFkTable, r.secondaryTargetFkIndex}].push_back(cls.name + "." + r.name);
    }
  for (const auto &t : model.schema.tables) {
    const ModelClass *joinedSubclass = model.cls(t.modelName);
    if (joinedSubclass && (joinedSubclass->table != t.name || joinedSubclass->inherits.empty()))
      joinedSubclass = nullptr;
    const ModelClass *base = joinedSubclass ? model.cls(joinedSubclass->inherits) : nullptr;
    for (size_t i = 0; i < t.foreignKeys.size(); ++i) {
      const auto &fk = t.foreignKeys[i];
      if (!idOf.count(fk.refTable)) continue;
      ErdEdge e;
      e.parent = idOf[fk.refTable];
      auto owner = subclassColumn.find({t.name, fk.columns.front()});
      e.child = owner != subclassColumn.end() ? owner->second : idOf[t.name];
      for (const auto &c : fk.columns)
        if (const Column *col = t.column(c); col && col->nullable) e.parentOptional = true;
      e.childMany = !t.isUniqueSet(fk.columns);
      auto it = labels.find({t.name, static_cast<int>(i)});
      e.label = it != labels.end() ? join(it->second, ", ") : join(fk.columns, ", ");
      if (base && it == labels.end() && fk.refTable == base->table &&
          sameColumnSet(fk.columns, t.primaryKey)) {
        e.inheritance = true;
        e.label = inheritanceLabel(*joinedSubclass, false);
      }
      g.edges.push_back(e);
    }
  }
  for (const auto &cls : model.classes) {
    if (!model.schema.table(cls.table) || !singleTableSubclass(model, cls)) continue;
    ErdEdge e;
    e.parent = cls.inherits;
    e.child = cls.name;
    e.childMany = false;
    e.inheritance = true;
    e.label = inheritanceLabel(cls, true);
    g.edges.push_back(e);
  }
  return g;
}

namespace {
// Mermaid attribute types are single words: keep the type name, put arguments in the comment.
std::string mermaidType(const std::string &t) {
  std::string word;
  for (char c : t) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
      word += c;
    else
      break;
  }
  return word.empty() ? "custom" : word;
}

std::string mermaidId(const std::string &s) {
  std::string r;
  for (char c : s)
    r += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
  return r.empty() ? "_" : r;
}

std::string quoteLabel(const std::string &s) {
  std::string r;
  for (char c : s)
    r += c == '"' ? '\'' : c;
  return "\"" + r + "\"";
}

std::string htmlEscape(const std::string &s) {
  return xmlEscape(s);
}
} // namespace

std::string renderMermaid(const ErdGraph &g) {
  std::string out = "erDiagram\n";
  for (const auto &e : g.entities) {
    out += "  " + mermaidId(e.id) + " {\n";
    for (const auto &a : e.attributes) {
      std::vector<std::string> keys;
      if (a.pk) keys.push_back("PK");
      if (a.fk) keys.push_back("FK");
      if (a.unique) keys.push_back("UK");
      out += "    " + mermaidType(a.type) + " " + mermaidId(a.name);
      if (!keys.empty()) out += " " + join(keys, ", ");
      std::string comment = a.type != mermaidType(a.type) ? a.type : "";
      if (!a.nullable && !a.pk) comment += comment.empty() ? "not null" : ", not null";
      if (!comment.empty()) out += " " + quoteLabel(comment);
      out += "\n";
    }
    out += "  }\n";
  }
  for (const auto &e : g.edges) {
    std::string left = e.parentOptional ? "|o" : "||";
    std::string right = e.childMany ? "o{" : "o|";
    out += "  " + mermaidId(e.parent) + " " + left + "--" + right + " " + mermaidId(e.child) + " : " +
           quoteLabel(e.label) + "\n";
  }
  return out;
}

std::string renderDot(const ErdGraph &g) {
  std::string out = "digraph tether_erd {\n"
                    "  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
                    "  node [shape=plain, fontname=\"Helvetica\"];\n"
                    "  edge [dir=both, fontname=\"Helvetica\", fontsize=10];\n";
  auto q = [](const std::string &s) {
    std::string r = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') r += '\\';
      r += c;
    }
    return r + "\"";
  };
  for (const auto &e : g.entities) {
    out += "  " + q(e.id) +
           " [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n";
    std::string title = e.id == e.table ? e.table : e.id + " (" + e.table + ")";
    out += "    <tr><td bgcolor=\"lightgrey\" colspan=\"2\"><b>" + htmlEscape(title) + "</b></td></tr>\n";
    for (const auto &a : e.attributes) {
      std::string keys;
      if (a.pk) keys += "PK ";
      if (a.fk) keys += "FK ";
      if (a.unique) keys += "UK ";
      std::string name = htmlEscape(a.name);
      if (a.pk) name = "<u>" + name + "</u>";
      out += "    <tr><td align=\"left\">" + name + "</td><td align=\"left\">" + htmlEscape(a.type) +
             (a.nullable || a.pk ? "" : " NOT NULL") + (keys.empty() ? "" : " " + htmlEscape(trim(keys))) +
             "</td></tr>\n";
    }
    out += "  </table>>];\n";
  }
  for (const auto &e : g.edges) {
    // Crow's foot: the child end shows many (crow) or one (tee); the parent end one, or zero-or-one.
    // Inheritance is drawn as UML draws it: a hollow triangle at the base, dashed.
    std::string head = e.inheritance ? "none" : e.childMany ? "crowodot" : "teeodot";
    std::string tail = e.inheritance ? "empty" : e.parentOptional ? "teeodot" : "teetee";
    out += "  " + q(e.parent) + " -> " + q(e.child) + " [arrowhead=" + head + ", arrowtail=" + tail +
           (e.inheritance ? ", style=dashed" : "") + ", label=" + q(e.label) + "];\n";
  }
  out += "}\n";
  return out;
}

} // namespace tether
