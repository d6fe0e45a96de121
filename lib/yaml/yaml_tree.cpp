#include "yaml/yaml_tree.h"
#include <algorithm>
#include <map>
#include <yaml-cpp/exceptions.h>
#include <yaml.h>

namespace tether::yamlin {

enum class NodeKind : uint8_t { Null, Scalar, Sequence, Map };

struct Document {
  struct Element {
    NodeKind kind = NodeKind::Null;
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
  return !doc_ || doc_->at(at_).kind == NodeKind::Null;
}
bool Node::IsScalar() const {
  return doc_ && doc_->at(at_).kind == NodeKind::Scalar;
}
bool Node::IsSequence() const {
  return doc_ && doc_->at(at_).kind == NodeKind::Sequence;
}
bool Node::IsMap() const {
  return doc_ && doc_->at(at_).kind == NodeKind::Map;
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
  return e.kind == NodeKind::Map        ? e.children.size() / 2
         : e.kind == NodeKind::Sequence ? e.children.size()
                                        : 0;
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

namespace {
// Builds the flat document from libyaml's events; containers are open on a stack, so depth costs
// no recursion (libyaml's parser keeps its own state on stacks too).
class DocumentBuilder {
public:
  explicit DocumentBuilder(Document &doc) : doc_(doc) {}
  bool hasRoot() const { return hasRoot_; }

  void scalar(const yaml_event_t &e) {
    const auto &d = e.data.scalar;
    const std::string value(reinterpret_cast<const char *>(d.value), d.length);
    const bool plain = d.style == YAML_PLAIN_SCALAR_STYLE || d.style == YAML_ANY_SCALAR_STYLE;
    // As yaml-cpp reads them: an untagged plain ~, null, Null, NULL or nothing at all is null;
    // an untagged plain scalar is tagged "?", any other untagged one "!".
    if (plain && !d.tag &&
        (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      add(NodeKind::Null, e, nullptr, "", d.anchor);
      return;
    }
    add(NodeKind::Scalar, e,
        d.tag   ? reinterpret_cast<const char *>(d.tag)
        : plain ? "?"
                : "!",
        value, d.anchor);
  }
  void alias(const yaml_event_t &e) {
    // An alias is the node its anchor names: the document is read-only, so sharing it is exact.
    auto found = anchors_.find(reinterpret_cast<const char *>(e.data.alias.anchor));
    if (found == anchors_.end()) throw error(e.start_mark, "the referenced anchor is not defined");
    // Inside the node it names, an alias would make the document a cycle that every walk of it
    // follows for ever.
    if (std::find(open_.begin(), open_.end(), found->second) != open_.end())
      throw error(e.start_mark, "an alias inside the node its anchor names (a cycle)");
    attach(found->second);
  }
  void open(NodeKind kind, const yaml_event_t &e, const yaml_char_t *tag, const yaml_char_t *anchor) {
    open_.push_back(add(kind, e, tag ? reinterpret_cast<const char *>(tag) : "?", "", anchor));
  }
  void close() {
    if (!open_.empty()) open_.pop_back();
  }

  static YAML::ParserException error(const yaml_mark_t &at, const std::string &what) {
    YAML::Mark mark;
    mark.pos = static_cast<int>(at.index);
    mark.line = static_cast<int>(at.line);
    mark.column = static_cast<int>(at.column);
    return YAML::ParserException(mark, what);
  }

private:
  void attach(uint32_t i) {
    if (open_.empty()) {
      hasRoot_ = true; // the first top-level node is element 0
      return;
    }
    doc_.nodes[open_.back()].children.push_back(i);
  }
  uint32_t add(NodeKind kind, const yaml_event_t &e, const char *tag, const std::string &value,
               const yaml_char_t *anchor) {
    doc_.nodes.emplace_back();
    Document::Element &el = doc_.nodes.back();
    el.kind = kind;
    el.mark.pos = static_cast<int>(e.start_mark.index);
    el.mark.line = static_cast<int>(e.start_mark.line);
    el.mark.column = static_cast<int>(e.start_mark.column);
    if (tag) el.tag = tag;
    el.scalar = value;
    const auto i = static_cast<uint32_t>(doc_.nodes.size() - 1);
    if (anchor) anchors_[reinterpret_cast<const char *>(anchor)] = i;
    attach(i);
    return i;
  }

  Document &doc_;
  std::vector<uint32_t> open_;
  std::map<std::string, uint32_t> anchors_;
  bool hasRoot_ = false;
};

// libyaml's parser and its current event, released however the parse ends.
struct Parser {
  yaml_parser_t parser;
  yaml_event_t event;
  bool haveEvent = false;
  const std::string &text;
  explicit Parser(const std::string &t) : text(t) {
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(text.data()), text.size());
  }
  ~Parser() {
    release();
    yaml_parser_delete(&parser);
  }
  yaml_mark_t markAt(size_t offset) const {
    yaml_mark_t m{};
    m.index = std::min(offset, text.size());
    for (size_t i = 0; i < m.index; ++i) {
      if (text[i] == '\n') {
        ++m.line;
        m.column = 0;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++m.column; // one per character, as libyaml counts
      }
    }
    return m;
  }
  Parser(const Parser &) = delete;
  Parser &operator=(const Parser &) = delete;
  void release() {
    if (haveEvent) yaml_event_delete(&event);
    haveEvent = false;
  }
  const yaml_event_t &next() {
    release();
    if (!yaml_parser_parse(&parser, &event)) {
      std::string what = parser.problem ? parser.problem : "not YAML";
      if (parser.context) what += " (" + std::string(parser.context) + ")";
      // A byte that is not UTF-8 is reported by offset only: say where it is.
      yaml_mark_t at = parser.problem_mark;
      if (parser.error == YAML_READER_ERROR) at = markAt(parser.problem_offset);
      throw DocumentBuilder::error(at, what);
    }
    haveEvent = true;
    return event;
  }
};
} // namespace

Node parseYaml(const std::string &text) {
  auto doc = std::make_shared<Document>();
  doc->nodes.reserve(text.size() / 8);
  DocumentBuilder builder(*doc);
  Parser p(text);
  // Only the first document, as YAML::Load reads only the first.
  for (bool done = false; !done;) {
    const yaml_event_t &e = p.next();
    switch (e.type) {
    case YAML_SCALAR_EVENT:
      builder.scalar(e);
      break;
    case YAML_ALIAS_EVENT:
      builder.alias(e);
      break;
    case YAML_SEQUENCE_START_EVENT:
      builder.open(NodeKind::Sequence, e, e.data.sequence_start.tag, e.data.sequence_start.anchor);
      break;
    case YAML_MAPPING_START_EVENT:
      builder.open(NodeKind::Map, e, e.data.mapping_start.tag, e.data.mapping_start.anchor);
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      builder.close();
      break;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
      done = true;
      break;
    default:
      break;
    }
  }
  return builder.hasRoot() ? Node(doc, 0) : Node();
}

} // namespace tether::yamlin
