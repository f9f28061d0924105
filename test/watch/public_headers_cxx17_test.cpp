// Compiled as C++17 (see CMakeLists.txt): the public watch headers must not need C++20.
#include <gtest/gtest.h>

#include "aviso/cloudevent_id.hpp"
#include "aviso/watch_request.hpp"
#include "aviso/watch_types.hpp"

static_assert(__cplusplus == 201703L, "this test must be built as C++17");

namespace {

TEST(PublicHeadersCxx17, FacadeStyleRequestBuilds) {
  aviso::WatchRequest request("mars");
  request.filter_json(R"({"class":"od"})").replay_from_sequence(41).until_sequence(50);
  aviso::check_watch_request(request);
  EXPECT_EQ(request.from(), aviso::ResumeStart::after_sequence(41));
  EXPECT_EQ(aviso::parse_cloudevent_id("mars@42").sequence, 42u);
}

}  // namespace
