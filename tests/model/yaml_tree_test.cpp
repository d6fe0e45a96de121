// The flat YAML document the model loaders read (lib/yaml/yaml_tree.h, from libyaml's events) must
// say what yaml-cpp's YAML::Load said before it: kinds, text, tags, positions, pairs in order with
// duplicates kept, aliases. One position differs on purpose: an empty value's.
#include "yaml/yaml_tree.h"
#include <catch2/catch.hpp>
#include <string>
#include <vector>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/yaml.h>

using tether::yamlin::Node;
using tether::yamlin::parseYaml;

namespace {
// The node as text with its kind, tag and position, compared against yaml-cpp's YAML::Load.
std::string shape(const Node &n) {
  std::string pos = "@" + std::to_string(n.Mark().line) + ":" + std::to_string(n.Mark().column);
  if (n.IsScalar()) return "s(" + n.Scalar() + "|" + n.Tag() + ")" + pos;
  if (n.IsNull()) return "~" + pos;
  std::string out = n.IsMap() ? "{" : "[";
  for (const auto &item : n)
    out += n.IsMap() ? shape(item.first) + ":" + shape(item.second) + "," : shape(item) + ",";
  return out + (n.IsMap() ? "}" : "]") + pos;
}
std::string shape(const YAML::Node &n) {
  std::string pos = "@" + std::to_string(n.Mark().line) + ":" + std::to_string(n.Mark().column);
  if (n.IsScalar()) return "s(" + n.Scalar() + "|" + n.Tag() + ")" + pos;
  if (n.IsNull()) return "~" + pos;
  std::string out = n.IsMap() ? "{" : "[";
  for (auto it = n.begin(); it != n.end(); ++it)
    out += n.IsMap() ? shape(YAML::Node(it->first)) + ":" + shape(YAML::Node(it->second)) + ","
                     : shape(YAML::Node(*it)) + ",";
  return out + (n.IsMap() ? "}" : "]") + pos;
}
} // namespace

TEST_CASE("yaml tree: reads every document shape as yaml-cpp's YAML::Load does", "[model][yaml]") {
  const std::vector<std::string> documents = {
      "",
      "# only a comment\n",
      "version: 1\ntables:\n  users:\n    columns:\n      id: {type: Integer, primary_key: true}\n",
      "a: 'quoted'\nb: \"double\"\nc: plain\nd: ~\nf: null\ng: ''\n",
      "list: [1, 2, [3, 4], {k: v}]\nblock:\n  - x\n  - y: z\n",
      "dup: 1\ndup: 2\n",
      "base: &b {type: Integer}\nother: *b\n",
      "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
      "{type: Numeric(10, 2)}\n",
      "first: 1\n---\nsecond: 2\n",
      "? complex\n: value\n[a, b]: c\n",
  };
  for (const std::string &doc : documents) {
    INFO(doc);
    CHECK(shape(parseYaml(doc)) == shape(YAML::Load(doc)));
  }
}

TEST_CASE("yaml tree: an empty value is null, placed where it is, not at the next key", "[model][yaml]") {
  const Node root = parseYaml("e:\nf: 1\n");
  auto it = root.begin();
  REQUIRE(it->second.IsNull());
  CHECK(it->second.Mark().line == 0); // yaml-cpp put it on line 1, at f
  CHECK(it->second.Mark().column == 2);
}

TEST_CASE("yaml tree: an alias is the anchored node, iteration keeps duplicate keys in order",
          "[model][yaml]") {
  const Node root = parseYaml("a: &x {type: String}\nb: *x\nb: 2\n");
  REQUIRE(root.IsMap());
  CHECK(root.size() == 3);
  std::vector<std::string> keys;
  for (const auto &pair : root)
    keys.push_back(pair.first.Scalar());
  CHECK(keys == std::vector<std::string>{"a", "b", "b"});
  auto it = root.begin();
  ++it;
  REQUIRE(it->second.IsMap());
  CHECK(it->second.begin()->second.Scalar() == "String");
  CHECK(it->second.Mark().line == 0); // the anchored node's own position
}

TEST_CASE("yaml tree: text that is not YAML throws yaml-cpp's error with its position", "[model][yaml]") {
  try {
    parseYaml("a: [1, 2\nb: 3\n");
    FAIL("no error");
  } catch (const YAML::ParserException &e) {
    CHECK(e.mark.line >= 0);
    CHECK_FALSE(e.msg.empty());
  }
  CHECK_THROWS_AS(parseYaml("a: *undefined\n"), YAML::ParserException);
  CHECK_THROWS_AS(parseYaml("a: &x [1, *x]\n"), YAML::ParserException); // a cycle
  // A file that is not UTF-8 (Latin-1 here) is refused at its first bad byte.
  try {
    parseYaml("a: 1\nb: caf\xe9\n");
    FAIL("no error");
  } catch (const YAML::ParserException &e) {
    CHECK(e.mark.line == 1);
    CHECK(e.mark.column == 6);
  }
  // Deep nesting is yaml-cpp's to bound; whatever it decides, nothing crashes.
  const std::string deep = std::string(20000, '[') + std::string(20000, ']');
  bool answered = false;
  try {
    answered = parseYaml(deep).IsSequence();
  } catch (const YAML::Exception &) {
    answered = true; // refused by the parser, as YAML::Load refuses it
  }
  CHECK(answered);
}
