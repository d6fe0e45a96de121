#include "yaml/yaml_tree.h"
#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace tether::yamlin {

namespace {
enum class Kind : uint8_t { Null, Scalar, Sequence, Map };
} // namespace

struct Document {
  struct Element {
    Kind kind = Kind::Null;
    std::string scalar, tag;
    YAML::Mark mark = YAML::Mark::null_mark();
    std::vector<uint32_t> children; // a mapping's as key, value, key, value…
  };
  std::vector<Element> nodes;
  const Element &at(uint32_t i) const { return nodes[i]; }
};

namespace {
const std::string kEmpty;
} // namespace

bool Node::IsNull() const {
  return !doc_ || doc_->at(at_).kind == Kind::Null;
}
bool Node::IsScalar() const {
  return doc_ && doc_->at(at_).kind == Kind::Scalar;
}
bool Node::IsSequence() const {
  return doc_ && doc_->at(at_).kind == Kind::Sequence;
}
bool Node::IsMap() const {
  return doc_ && doc_->at(at_).kind == Kind::Map;
}
const std::string &Node::Scalar() const {
  return IsScalar() ? doc_->at(at_).scalar : kEmpty;
}
const std::string &Node::Tag() const {
  return doc_ ? doc_->at(at_).tag : kEmpty;
}
YAML::Mark Node::Mark() const {
  return doc_ ? doc_->at(at_).mark : YAML::Mark::null_mark();
}
size_t Node::size() const {
  if (!doc_) return 0;
  const auto &e = doc_->at(at_);
  return e.kind == Kind::Map ? e.children.size() / 2 : e.kind == Kind::Sequence ? e.children.size() : 0;
}

Node::iterator Node::begin() const {
  return iterator(*this, 0);
}
Node::iterator Node::end() const {
  const bool container = IsMap() || IsSequence();
  return iterator(*this, container ? doc_->at(at_).children.size() : 0);
}

Node::iterator::iterator(Node owner, size_t pos) : owner_(std::move(owner)), pos_(pos) {
  load();
}

Node::iterator &Node::iterator::operator++() {
  pos_ += owner_.IsMap() ? 2 : 1;
  load();
  return *this;
}

void Node::iterator::load() {
  if (!owner_.IsMap() && !owner_.IsSequence()) return;
  const auto &children = owner_.doc_->at(owner_.at_).children;
  if (pos_ >= children.size()) return;
  if (owner_.IsMap()) {
    item_.first = Node(owner_.doc_, children[pos_]);
    item_.second = Node(owner_.doc_, children[pos_ + 1]);
  } else {
    static_cast<Node &>(item_) = Node(owner_.doc_, children[pos_]);
  }
}

// Builds the flat document from yaml-cpp's parser events; containers are open on a stack, so depth
// costs no recursion here (yaml-cpp's own parser bounds it).
class DocumentBuilder : public YAML::EventHandler {
public:
  explicit DocumentBuilder(std::shared_ptr<Document> doc) : doc_(std::move(doc)) {}
  Node root() const { return hasRoot_ ? Node(doc_, 0) : Node(); }

  void OnDocumentStart(const YAML::Mark &) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    add(Kind::Null, mark, "", "", anchor);
  }
  void OnAlias(const YAML::Mark &, YAML::anchor_t anchor) override {
    // An alias is the node its anchor names: the document is read-only, so sharing it is exact.
    attach(anchor < anchors_.size() ? anchors_[anchor] : addElement(Kind::Null, YAML::Mark::null_mark()));
  }
  void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                const std::string &value) override {
    add(Kind::Scalar, mark, tag, value, anchor);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back(add(Kind::Sequence, mark, tag, "", anchor));
  }
  void OnSequenceEnd() override { open_.pop_back(); }
  void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_.push_back(add(Kind::Map, mark, tag, "", anchor));
  }
  void OnMapEnd() override { open_.pop_back(); }

private:
  uint32_t addElement(Kind kind, const YAML::Mark &mark) {
    doc_->nodes.emplace_back();
    doc_->nodes.back().kind = kind;
    doc_->nodes.back().mark = mark;
    return static_cast<uint32_t>(doc_->nodes.size() - 1);
  }
  void attach(uint32_t i) {
    if (open_.empty()) {
      hasRoot_ = true; // the first top-level node is element 0
      return;
    }
    doc_->nodes[open_.back()].children.push_back(i);
  }
  uint32_t add(Kind kind, const YAML::Mark &mark, const std::string &tag, const std::string &value,
               YAML::anchor_t anchor) {
    const uint32_t i = addElement(kind, mark);
    doc_->nodes[i].tag = tag;
    doc_->nodes[i].scalar = value;
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, 0);
      anchors_[anchor] = i;
    }
    attach(i);
    return i;
  }

  std::shared_ptr<Document> doc_;
  std::vector<uint32_t> open_;
  std::vector<uint32_t> anchors_;
  bool hasRoot_ = false;
};

Node parseYaml(const std::string &text) {
  auto doc = std::make_shared<Document>();
  doc->nodes.reserve(text.size() / 8);
  DocumentBuilder builder(doc);
  std::istringstream in(text);
  YAML::Parser parser(in);
  parser.HandleNextDocument(builder);
  return builder.root();
}

} // namespace tether::yamlin
