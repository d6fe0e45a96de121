#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tether {

enum class TypeKind {
  Integer,
  BigInteger,
  SmallInteger,
  String,
  Text,
  Numeric,
  Float,
  Boolean,
  Date,
  Time,
  DateTime,
  LargeBinary,
  JSON,
  Uuid,
  Enum,
  Custom
};

// A column type as the models spell it, independent of any dialect. Dialects map it to and from
// their own spelling.
struct ColumnType {
  TypeKind kind = TypeKind::Integer;
  std::optional<int> length;           // String(n)
  std::optional<int> precision, scale; // Numeric(p, s)
  bool timezone = false;               // DateTime(timezone=True)
  std::vector<std::string> enumValues; // Enum(a, b, name=t)
  std::string enumName;
  // SQLAlchemy's Enum(native_enum=False): text of the values' length instead of a CREATE TYPE.
  bool nativeEnum = true;
  std::optional<int>
      enumLength; // Enum(length=n): the text column's length where it is not the longest value's
  // Boolean/Enum(create_constraint=True): where the database has no native type for it (SQLite;
  // a non-native Enum anywhere), a CHECK keeps the column to its values, named `name=` (the
  // Enum's type name; Boolean's own name=, kept in checkName).
  bool createConstraint = false;
  std::string checkName;
  std::map<std::string, std::string> perDialect; // Custom: {postgresql: jsonb, sqlite: TEXT}
  // SQLAlchemy's with_variant(): dialect name -> the model spelling used there instead.
  std::map<std::string, std::string> variants;

  bool isNativeEnum() const { return kind == TypeKind::Enum && nativeEnum && !enumName.empty(); }
  bool isInteger() const {
    return kind == TypeKind::Integer || kind == TypeKind::BigInteger || kind == TypeKind::SmallInteger;
  }
  // The type a dialect uses: its with_variant() spelling if it has one, else this type.
  ColumnType forDialect(const std::string &dialect) const;
  // The model spelling, e.g. "String(255)", "Numeric(10, 2)".
  std::string str() const;
  bool operator==(const ColumnType &o) const;
  bool operator!=(const ColumnType &o) const { return !(*this == o); }
};

// Result of parsing a type spelling: either a type or an error message with a hint.
struct TypeParse {
  std::optional<ColumnType> type;
  std::string error;
  std::string hint;
};

// Parses "String(255)", "numeric(10,2)", "DateTime(timezone=True)", "Enum(a, b, name=status)".
TypeParse parseColumnType(const std::string &spelling);
const std::vector<std::string> &typeNames();

} // namespace tether
