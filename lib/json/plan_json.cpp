#include "json/plan_json.h"
#include "plan/plan_format.h"
#include "json/json_text.h"

namespace tether {

std::string planToJson(const Plan &plan) {
  Json doc;
  doc["dialect"] = plan.dialect;
  Json changes = Json::array();
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const Change &c = plan.changes[i];
    Json sql = Json::array();
    for (const auto &s : plan.steps)
      if (s.change == static_cast<int>(i)) sql.push_back(terminatedSql(s.sql));
    Json item;
    item["kind"] = changeKindName(c.kind());
    item["table"] = c.table();
    item["description"] = c.describe();
    item["destructive"] = c.destructive;
    item["sql"] = std::move(sql);
    if (c.origin.known()) item["origin"] = c.origin.str();
    changes.push_back(std::move(item));
  }
  doc["changes"] = std::move(changes);
  Json skipped = Json::array();
  for (const Change &c : plan.skipped)
    skipped.push_back({{"kind", changeKindName(c.kind())},
                       {"table", c.table()},
                       {"description", c.describe()},
                       {"reason", "destructive: pass --allow-destructive to plan it"}});
  doc["skipped"] = std::move(skipped);
  Json leftAlone = Json::array();
  for (const UnmanagedObject &u : plan.leftAlone)
    leftAlone.push_back({{"kind", u.kind}, {"name", u.name}, {"table", u.table}});
  doc["left_alone"] = std::move(leftAlone);
  Json statements = Json::array();
  for (const SqlStep &s : plan.steps)
    statements.push_back({{"sql", terminatedSql(s.sql)},
                          {"description", s.description},
                          {"change", s.change},
                          {"transactional", s.transactional}});
  doc["statements"] = std::move(statements);
  return jsonLine(doc) + "\n";
}

} // namespace tether
