#include "audit/n_plus_one.h"
#include "core/error.h"
#include "core/strings.h"
#include "querylog/fingerprint.h"
#include "querylog/shop_models.h"
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>

using namespace tether;
using tether::test::shop;

namespace {

std::string logs(const std::string &name) {
  return test::fixture("logs/" + name);
}

// "relationship count/occurrences/sessions", the findings a test asserts exactly.
std::vector<std::string> summary(const std::vector<Finding> &fs) {
  std::vector<std::string> out;
  for (const auto &f : fs)
    out.push_back((f.relationship.empty() ? f.table + "(" + join(f.columns, ",") + ")" : f.relationship) +
                  " " + std::to_string(*f.count) + "/" + std::to_string(*f.occurrences) + "/" +
                  std::to_string(*f.sessions));
  return out;
}

std::vector<Finding> detect(const std::vector<std::string> &files, const Model *model = &shop(),
                            NPlusOneOptions o = {}) {
  std::vector<std::string> paths;
  for (const auto &f : files)
    paths.push_back(logs(f));
  return detectNPlusOne(paths, o, model);
}

const std::vector<std::string> kLazy = {"Order.items 12/1/1", "OrderItem.product 8/1/1", "User.profile 6/1/1",
                                        "User.orders 6/1/1"};

} // namespace

TEST_CASE("lazy loading over the e-commerce models is named by its relationships, in every log format",
          "[nplusone]") {
  for (const char *file : {"lazy.log", "lazy.csv", "lazy.json", "lazy.sqla.log", "lazy.log.gz"}) {
    INFO(file);
    CHECK(summary(detect({file})) == kLazy);
  }
}

TEST_CASE("an N+1 finding carries the fix, the example and where it is in the log", "[nplusone]") {
  auto fs = detect({"lazy.log"});
  REQUIRE(fs.size() == 4);
  const Finding &orders = fs[3];
  CHECK(orders.check == "n_plus_one");
  CHECK(orders.severity == Severity::Warning);
  CHECK(orders.relationship == "User.orders");
  CHECK(orders.table == "orders");
  CHECK(orders.columns == std::vector<std::string>{"user_id"});
  CHECK(orders.refTable == "users");
  CHECK(orders.suggestion == "selectinload(User.orders)");
  CHECK(orders.message ==
        "User.orders is loaded once per user (6 queries in one request): use selectinload(User.orders)");
  CHECK(orders.fix.find("lazy: selectin") != std::string::npos);
  CHECK(orders.fix.find("WHERE user_id = ANY($1)") != std::string::npos);
  CHECK(orders.example.find("WHERE 1 = orders.user_id") != std::string::npos);
  CHECK(orders.fingerprint.find("from orders where ? = orders.user_id") != std::string::npos);
  CHECK(orders.location.str() == logs("lazy.log") + ":32");
  REQUIRE(orders.totalMs);
  CHECK(*orders.totalMs > 0);

  const Finding &product = fs[1];
  CHECK(product.relationship == "OrderItem.product");
  CHECK(product.suggestion == "joinedload(OrderItem.product)");
  CHECK(product.fix.find("lazy: joined") != std::string::npos);
  CHECK(product.message.find("once per order item (8 queries") != std::string::npos);

  // SQLAlchemy's own log has no durations.
  CHECK_FALSE(detect({"lazy.sqla.log"})[0].totalMs);
}

TEST_CASE("eager loading with selectinload yields no finding", "[nplusone]") {
  for (const char *file : {"selectin.log", "selectin.csv", "selectin.json", "selectin.sqla.log"}) {
    INFO(file);
    CHECK(detect({file}).empty());
  }
}

TEST_CASE("two interleaved requests count as two occurrences in two sessions", "[nplusone]") {
  const std::vector<std::string> expected = {"Order.items 12/2/2", "OrderItem.product 8/2/2",
                                             "User.profile 6/2/2", "User.orders 6/2/2"};
  for (const char *file :
       {"interleaved.log", "interleaved.csv", "interleaved.json", "interleaved.sqla.log"}) {
    INFO(file);
    CHECK(summary(detect({file})) == expected);
  }
}

TEST_CASE("a hand-written data layer with PREPARE/EXECUTE and pgbench's extended protocol", "[nplusone]") {
  const std::vector<std::string> layer = {"OrderItem.product 24/1/1", "Order.items 12/1/1",
                                          "User.orders 6/1/1"};
  for (const char *file : {"datalayer.log", "datalayer.csv", "datalayer.json"}) {
    INFO(file);
    CHECK(summary(detect({file})) == layer);
  }
  for (const char *file : {"pgbench.log", "pgbench.csv", "pgbench.json"}) {
    INFO(file);
    CHECK(summary(detect({file})) == std::vector<std::string>{"User.orders 6/2/1"});
  }
}

TEST_CASE("several files in one run add up", "[nplusone]") {
  NPlusOneStats stats;
  auto fs =
      detectNPlusOne({logs("lazy.log"), logs("selectin.log"), logs("pgbench.log")}, {}, &shop(), &stats);
  CHECK(stats.files == 3);
  CHECK(stats.statements == 46 + 18 + 20);
  CHECK(stats.skipped == 0);
  // The ORM's query and pgbench's hand-written one load the same relationship from two places in
  // the code: two findings, each with its own example and location.
  CHECK(summary(fs) == std::vector<std::string>{"Order.items 12/1/1", "OrderItem.product 8/1/1",
                                                "User.profile 6/1/1", "User.orders 6/1/1",
                                                "User.orders 6/2/1"});
}

TEST_CASE("without models the repeated lookups are still reported by table and column", "[nplusone]") {
  auto fs = detect({"lazy.log"}, nullptr);
  CHECK(summary(fs) == std::vector<std::string>{"order_items(order_id) 12/1/1", "products(id) 8/1/1",
                                                "user_profiles(user_id) 6/1/1", "orders(user_id) 6/1/1"});
  CHECK(fs[0].message == "order_items is queried by order_id once per row of orders (12 queries in one "
                         "request): load them in one query");
  CHECK(fs[0].suggestion == "SELECT … FROM order_items WHERE order_id = ANY($1)");
}

TEST_CASE("the repetition threshold is configurable", "[nplusone]") {
  NPlusOneOptions o;
  o.threshold = 7;
  CHECK(summary(detect({"lazy.log"}, &shop(), o)) ==
        std::vector<std::string>{"Order.items 12/1/1", "OrderItem.product 8/1/1"});
  o.threshold = 13;
  CHECK(detect({"lazy.log"}, &shop(), o).empty());
}

TEST_CASE("writes, catalog probes and repeats of one value are never N+1", "[nplusone]") {
  test::TempDir dir;
  std::string sql = "SELECT id FROM users;\n";
  for (int i = 0; i < 10; ++i)
    sql += "INSERT INTO orders (user_id) VALUES (" + std::to_string(i) + ");\n";
  for (int i = 0; i < 10; ++i)
    sql += "SELECT relname FROM pg_class WHERE oid = " + std::to_string(i) + ";\n";
  for (int i = 0; i < 10; ++i)
    sql += "SELECT * FROM orders WHERE user_id = 3;\n";
  dir.write("app.sql", sql);
  CHECK(detectNPlusOne({dir.file("app.sql")}, {}, &shop()).empty());
}

TEST_CASE("idle gaps split a session without transactions into units of work", "[nplusone]") {
  test::TempDir dir;
  std::string log;
  auto line = [&](int sec, const std::string &stmt) {
    char ts[64];
    std::snprintf(ts, sizeof ts, "2024-05-01 10:00:%02d.000 UTC", sec);
    log += std::string(ts) + " [77] app@shop LOG:  statement: " + stmt + "\n";
  };
  for (int burst : {0, 30}) { // two requests, 30 seconds apart, no BEGIN/COMMIT
    line(burst, "SELECT id FROM users");
    for (int u = 1; u <= 5; ++u)
      line(burst, "SELECT * FROM orders WHERE orders.user_id = " + std::to_string(u));
  }
  dir.write("autocommit.log", log);
  CHECK(summary(detectNPlusOne({dir.file("autocommit.log")}, {}, &shop())) ==
        std::vector<std::string>{"User.orders 5/2/1"});
  NPlusOneOptions o;
  o.idleGapSeconds = 60; // one long unit: ten lookups
  CHECK(summary(detectNPlusOne({dir.file("autocommit.log")}, o, &shop())) ==
        std::vector<std::string>{"User.orders 10/1/1"});
}

TEST_CASE("a lookup through a secondary table is the many-to-many relationship", "[nplusone]") {
  // Built by hand as the loader resolves it: Post.tags through post_tags.
  Model m;
  Table posts, tags, postTags;
  posts.name = "posts";
  posts.primaryKey = {"id"};
  tags.name = "tags";
  tags.primaryKey = {"id"};
  postTags.name = "post_tags";
  ForeignKey toPost, toTag;
  toPost.columns = {"post_id"};
  toPost.refTable = "posts";
  toPost.refColumns = {"id"};
  toTag.columns = {"tag_id"};
  toTag.refTable = "tags";
  toTag.refColumns = {"id"};
  postTags.foreignKeys = {toPost, toTag};
  m.schema.tables = {posts, tags, postTags};
  ModelClass post, tag;
  post.name = "Post";
  post.table = "posts";
  tag.name = "Tag";
  tag.table = "tags";
  Relationship r;
  r.name = "tags";
  r.owner = "Post";
  r.target = "Tag";
  r.secondary = "post_tags";
  r.kind = RelationKind::ManyToMany;
  r.fkTable = "post_tags";
  r.fkIndex = 0;
  r.secondaryTargetFkTable = "post_tags";
  r.secondaryTargetFkIndex = 1;
  post.relationships.push_back(r);
  m.classes = {post, tag};

  test::TempDir dir;
  std::string log = "2024-05-01 10:00:00,000 INFO sqlalchemy.engine.Engine BEGIN (implicit)\n"
                    "2024-05-01 10:00:00,001 INFO sqlalchemy.engine.Engine SELECT posts.id FROM posts\n"
                    "2024-05-01 10:00:00,001 INFO sqlalchemy.engine.Engine [generated in 0.0001s] {}\n";
  for (int p = 1; p <= 6; ++p)
    log += "2024-05-01 10:00:00,002 INFO sqlalchemy.engine.Engine SELECT tags.id AS tags_id \nFROM tags, "
           "post_tags \n"
           "WHERE %(param_1)s = post_tags.post_id AND tags.id = post_tags.tag_id\n"
           "2024-05-01 10:00:00,002 INFO sqlalchemy.engine.Engine [cached since 0.001s ago] {'param_1': " +
           std::to_string(p) + "}\n";
  log += "2024-05-01 10:00:00,003 INFO sqlalchemy.engine.Engine COMMIT\n";
  dir.write("m2m.log", log);
  auto fs = detectNPlusOne({dir.file("m2m.log")}, {}, &m);
  REQUIRE(summary(fs) == std::vector<std::string>{"Post.tags 6/1/1"});
  CHECK(fs[0].suggestion == "selectinload(Post.tags)");
  CHECK(fs[0].location.line == 4);
}

TEST_CASE("a log file that is not a log stops the audit", "[nplusone]") {
  CHECK_THROWS_AS(detectNPlusOne({logs("shop.py")}, {}, &shop()), Error);
  CHECK_THROWS_AS(detectNPlusOne({logs("missing.log")}, {}, &shop()), Error);
}

TEST_CASE("logs produced now by SQLAlchemy on a live PostgreSQL give the same findings", "[nplusone]") {
  REQUIRE_PG(); // the generator starts its own logging server; this gates it to runs with PostgreSQL
  test::TempDir out;
  test::RunResult r = test::runShell("bash " + test::shellQuote(test::fixture("logs/generate.sh")) + " " +
                                     test::shellQuote(out.path()));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  for (const char *ext : {"log", "csv", "json", "sqla.log"}) {
    std::string suffix = std::string(".") + ext;
    INFO(suffix);
    CHECK(summary(detectNPlusOne({out.file("lazy" + suffix)}, {}, &shop())) == kLazy);
    CHECK(detectNPlusOne({out.file("selectin" + suffix)}, {}, &shop()).empty());
    std::vector<std::string> interleaved =
        summary(detectNPlusOne({out.file("interleaved" + suffix)}, {}, &shop()));
    if (suffix == ".sqla.log") {
      // SQLAlchemy's default echo format merges the two threads into one stream, so how the bursts
      // split into requests depends on live timing (the finding says so); the committed fixture's
      // test above pins the split. Here: the same relationships with the same worst-burst counts.
      for (auto &line : interleaved)
        line = line.substr(0, line.find('/'));
      CHECK(interleaved == std::vector<std::string>{"Order.items 12", "OrderItem.product 8", "User.profile 6",
                                                    "User.orders 6"});
    } else {
      CHECK(interleaved == std::vector<std::string>{"Order.items 12/2/2", "OrderItem.product 8/2/2",
                                                    "User.profile 6/2/2", "User.orders 6/2/2"});
    }
  }
  CHECK(summary(detectNPlusOne({out.file("pgbench.log")}, {}, &shop())) ==
        std::vector<std::string>{"User.orders 6/2/1"});
  for (const char *ext : {".log", ".csv", ".json"}) // IN (x) with one value, once per row
    CHECK(summary(detectNPlusOne({out.file("batch1" + std::string(ext))}, {}, &shop())) ==
          std::vector<std::string>{"User.orders 6/1/1"});
  for (const char *name : {"lazy-de", "lazy-fr"}) // lc_messages German and French
    for (const char *ext : {".log", ".csv", ".json"}) {
      INFO(name << ext);
      CHECK(summary(detectNPlusOne({out.file(name + std::string(ext))}, {}, &shop())) == kLazy);
    }
}

TEST_CASE("a batch loader of size 1 (IN with one value per row) is an N+1 of the lookup it stands for",
          "[nplusone]") {
  for (const char *f : {"batch1.log", "batch1.csv", "batch1.json"}) {
    INFO(f);
    auto fs = detect({f});
    CHECK(summary(fs) == std::vector<std::string>{"User.orders 6/1/1"});
  }
  Fingerprint one, eq, many, notIn;
  fingerprintSql("SELECT id FROM orders WHERE user_id IN (5)", one);
  fingerprintSql("SELECT id FROM orders WHERE user_id = 7", eq);
  fingerprintSql("SELECT id FROM orders WHERE user_id IN (5, 6)", many);
  fingerprintSql("SELECT id FROM orders WHERE user_id NOT IN (5)", notIn);
  CHECK(one.text == eq.text);
  CHECK(many.text.find("in (...)") != std::string::npos);
  CHECK(notIn.text.find("not in (...)") != std::string::npos);
}
