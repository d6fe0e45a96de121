#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include <yaml-cpp/mark.h>

namespace tether::yamlin {

struct Document;

// One node of a YAML document as the model loaders read it: null, scalar, sequence or mapping,
// with its position and tag, mappings keeping every pair in document order (duplicates too, which
// the loaders report). It offers the part of yaml-cpp's Node interface the loaders use, but the
// document is one flat array built from libyaml's parser events: yaml-cpp's scanner and its graph
// of reference-counted nodes made loading a 2,000-table model file most of `plan`'s time.
class Node {
public:
  Node() = default; // null: an absent or empty value
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  const std::string &Scalar() const; // empty unless a scalar
  const std::string &Tag() const;    // "!" for a quoted scalar, "?" for a plain one (as yaml-cpp)
  YAML::Mark Mark() const;           // null for a node that is not in a document
  size_t size() const;               // items of a sequence, pairs of a mapping

  struct Item;
  class iterator;
  iterator begin() const;
  iterator end() const;

private:
  friend Node parseYaml(const std::string &text);
  Node(std::shared_ptr<const Document> doc, uint32_t at) : doc_(std::move(doc)), at_(at) {}
  std::shared_ptr<const Document> doc_;
  uint32_t at_ = 0;
};

// What iterating yields: for a sequence the item itself, for a mapping its pair (first, second).
struct Node::Item : Node {
  Node first, second;
};

class Node::iterator {
public:
  const Item &operator*() const { return item_; }
  const Item *operator->() const { return &item_; }
  iterator &operator++();
  bool operator==(const iterator &o) const { return pos_ == o.pos_; }
  bool operator!=(const iterator &o) const { return pos_ != o.pos_; }

private:
  friend class Node;
  iterator(Node owner, size_t pos);
  void load();
  Node owner_;
  size_t pos_ = 0;
  Item item_;
};

// The first document of `text` (a null node when there is none), read as yaml-cpp reads it (the
// same nulls, tags and positions). Throws YAML::ParserException, the error every YAML reader here
// catches, with the position, on text that is not YAML.
Node parseYaml(const std::string &text);

} // namespace tether::yamlin
