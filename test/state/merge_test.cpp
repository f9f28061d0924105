#include "state/file/merge.hpp"

#include <gtest/gtest.h>

namespace aviso::state {
namespace {

ResumeKey key(std::uint8_t n) {
  ResumeKey::Digest digest{};
  digest[0] = n;
  return ResumeKey(digest, ResumeKey::kKeyFormatVersion);
}

Checkpoint at(std::uint64_t sequence, const char* event_id = nullptr) {
  Checkpoint checkpoint{sequence, std::nullopt};
  if (event_id != nullptr) checkpoint.last_event_id = event_id;
  return checkpoint;
}

// Behaviour 54, row by row; `differs_from_disk` must agree with comparing the maps.
TEST(MergeMonotonic, FollowsTheMergeTable) {
  const ResumeKey k = key(1);
  struct Row {
    const char* name;
    CheckpointMap candidate;
    CheckpointMap disk;
    DeletedKeys deletes;
    std::optional<std::uint64_t> expected;
  };
  const Row rows[] = {
      {"candidate 0 vs disk 9 keeps disk", {{k, at(0)}}, {{k, at(9)}}, {}, 9},
      {"candidate 15 vs disk 10 takes candidate", {{k, at(15)}}, {{k, at(10)}}, {}, 15},
      {"candidate only", {{k, at(3)}}, {}, {}, 3},
      {"delete seen at 5, disk 5: deleted", {}, {{k, at(5)}}, {{k, 5}}, std::nullopt},
      {"delete seen at 5, disk 10: disk kept", {}, {{k, at(10)}}, {{k, 5}}, 10},
      {"delete with no disk entry: deleted", {}, {}, {{k, 5}}, std::nullopt},
      {"delete seen at 5, disk 3: deleted", {}, {{k, at(3)}}, {{k, 5}}, std::nullopt},
  };
  for (const Row& row : rows) {
    const MergeResult result = merge_monotonic(row.candidate, row.disk, row.deletes);
    const auto it = result.merged.find(k);
    if (row.expected) {
      ASSERT_NE(it, result.merged.end()) << row.name;
      EXPECT_EQ(it->second.last_committed_sequence, *row.expected) << row.name;
    } else {
      EXPECT_EQ(it, result.merged.end()) << row.name;
    }
    EXPECT_EQ(result.differs_from_disk, result.merged != row.disk) << row.name;
  }
}

TEST(MergeMonotonic, EqualSequencesKeepTheDiskValueAndChangeNothing) {
  const ResumeKey k = key(1);
  const CheckpointMap disk{{k, at(5, "mars@5")}};
  const MergeResult result = merge_monotonic({{k, at(5, "other@5")}}, disk, {});
  EXPECT_EQ(result.merged, disk);
  EXPECT_FALSE(result.differs_from_disk);
}

TEST(MergeMonotonic, KeepsKeysOfOtherWritersAndOurOwn) {
  const CheckpointMap candidate{{key(1), at(4)}, {key(2), at(7)}};
  const CheckpointMap disk{{key(2), at(9)}, {key(3), at(1)}};
  const MergeResult result = merge_monotonic(candidate, disk, {});
  const CheckpointMap expected{{key(1), at(4)}, {key(2), at(9)}, {key(3), at(1)}};
  EXPECT_EQ(result.merged, expected);
  EXPECT_TRUE(result.differs_from_disk);
}

}  // namespace
}  // namespace aviso::state
