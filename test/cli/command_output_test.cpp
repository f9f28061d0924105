#include "command_output.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace aviso::cli {
namespace {

using json = nlohmann::json;

TEST(CommandOutput, TimestampsAreHumanisedOnlyWhereSafe) {
  EXPECT_EQ(humanise_timestamp("2026-05-21T21:13:45.558918505+00:00"), "2026-05-21 21:13:45 UTC");
  EXPECT_EQ(humanise_timestamp("2026-05-21T21:13:45Z"), "2026-05-21 21:13:45 UTC");
  EXPECT_EQ(humanise_timestamp("2026-05-21T21:13:45.5+02:00"), "2026-05-21 21:13:45+02:00");
  EXPECT_EQ(humanise_timestamp("2026-05-21 21:13:45 UTC"), "2026-05-21 21:13:45 UTC");
  EXPECT_EQ(humanise_timestamp("soon"), "soon");
}

TEST(CommandOutput, NotifyResponseHumanAndJson) {
  NotifyResponse response;
  response.status = "success";
  response.request_id = "req-1";
  response.processed_at = "2026-05-21T21:13:45.1Z";
  EXPECT_EQ(format_notify_response("mars", response, false),
            "notification accepted: event_type=mars, status=success, request_id=req-1, "
            "processed_at=2026-05-21 21:13:45 UTC\n");
  EXPECT_EQ(format_notify_response("mars", response, true),
            R"({"event_type":"mars","status":"success","request_id":"req-1",)"
            R"("processed_at":"2026-05-21T21:13:45.1Z"})"
            "\n");
}

SchemaCatalog catalog() {
  SchemaCatalog catalog;
  catalog.status = "success";
  catalog.event_types = {"observations", "mars"};
  catalog.total_schemas = 2;
  catalog.schema["mars"].identifier = {{"class", {{"type", "StringHandler"}}}};
  return catalog;
}

TEST(CommandOutput, SchemaListOnATerminalIsAHeaderAndSortedBullets) {
  EXPECT_EQ(format_schema_list(catalog(), false),
            "2 schema(s) registered (status: success)\n- mars\n- observations\n");
}

TEST(CommandOutput, SchemaListPipedIsOneJsonObjectPerEventType) {
  EXPECT_EQ(
      format_schema_list(catalog(), true),
      R"({"event_type":"observations","schema":null})"
      "\n"
      R"({"event_type":"mars","schema":{"payload":null,"identifier":{"class":{"type":"StringHandler"}}}})"
      "\n");
}

TEST(CommandOutput, SchemaGetIsPrettyJson) {
  SchemaResponse response;
  response.status = "success";
  response.event_type = "mars";
  response.schema.identifier = {{"class", {{"required", true}}}};
  EXPECT_EQ(format_schema_get(response),
            "{\n  \"status\": \"success\",\n  \"event_type\": \"mars\",\n  \"schema\": {\n"
            "    \"payload\": null,\n    \"identifier\": {\n      \"class\": {\n"
            "        \"required\": true\n      }\n    }\n  }\n}\n");
}

TEST(CommandOutput, AdminConfirmation) {
  EXPECT_EQ(format_admin_ok("wipe_stream", {{"event_type", "mars"}}, false),
            "ok: wipe_stream succeeded (event_type=`mars`)\n");
  EXPECT_EQ(format_admin_ok("wipe_all", {}, false), "ok: wipe_all succeeded\n");
  EXPECT_EQ(format_admin_ok("delete_notification", {{"notification_id", "mars@3"}}, true),
            R"({"status":"ok","operation":"delete_notification","notification_id":"mars@3"})"
            "\n");
}

}  // namespace
}  // namespace aviso::cli
