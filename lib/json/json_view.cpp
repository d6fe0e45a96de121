#include "json/json_view.h"

namespace tether {

const JsonDoc &JsonView::null() {
  static const JsonDoc kNull;
  return kNull;
}

const std::string &JsonView::asString() const {
  static const std::string kEmpty;
  return v_->is_string() ? v_->get_ref<const std::string &>() : kEmpty;
}

JsonView JsonView::operator[](const std::string &key) const {
  if (!v_->is_object()) return JsonView();
  auto it = v_->find(key);
  return it == v_->end() ? JsonView() : JsonView(*it);
}

std::vector<JsonView> JsonView::items() const {
  std::vector<JsonView> out;
  if (!v_->is_array()) return out;
  out.reserve(v_->size());
  for (const auto &item : *v_)
    out.emplace_back(item);
  return out;
}

std::vector<std::pair<std::string, JsonView>> JsonView::members() const {
  std::vector<std::pair<std::string, JsonView>> out;
  if (!v_->is_object()) return out;
  for (auto it = v_->begin(); it != v_->end(); ++it)
    out.emplace_back(it.key(), JsonView(it.value()));
  return out;
}

} // namespace tether
