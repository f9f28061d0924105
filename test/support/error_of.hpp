#pragma once
// aviso::test::error_of(action): runs `action` and returns the aviso::Error it threw, so a test
// can check kind, status and message in plain EXPECTs. A call that does not throw is a test
// failure (and returns an Internal error that no expectation will match).
//
//   EXPECT_EQ(test::error_of([&] { client.schema_for("nope"); }).error().http_status, 404);

#include <gtest/gtest.h>

#include <utility>

#include "aviso/error.hpp"

namespace aviso::test {

template <typename F>
Error error_of(F&& action) {
  try {
    std::forward<F>(action)();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected aviso::Error";
  return Error::internal("none");
}

}  // namespace aviso::test
