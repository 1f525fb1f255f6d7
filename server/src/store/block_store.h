// Blocks (issue 16, item 4): a contact or an address range (domain/ip_block.h, canonical text) a
// workspace refuses messages from. Read whole into app/visitor_blocks' cache, so bounded per workspace.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

constexpr std::size_t kMaxBlocksPerWorkspace = 10'000;
constexpr std::size_t kMaxBlockReasonChars = 500;

enum class BlockKind { Contact, Ip };
inline std::string_view toString(BlockKind k) { return k == BlockKind::Ip ? "ip" : "contact"; }
inline std::optional<BlockKind> parseBlockKind(std::string_view word) {
  if (word == "contact") return BlockKind::Contact;
  if (word == "ip") return BlockKind::Ip;
  return std::nullopt;
}

struct Block {
  Id id = 0;
  Id workspace_id = 0;
  BlockKind kind = BlockKind::Contact;
  Id contact_id = 0;     // kind Contact
  std::string ip_range;  // kind Ip: blockedRangeText
  std::string reason;
  Id created_by = 0;     // the agent
  Millis created_at = 0;
};

class BlockStore {
 public:
  virtual ~BlockStore() = default;

  // Throws StoreConflict when the same contact or range is already blocked.
  virtual Block createBlock(const Block& b) = 0;
  virtual std::vector<Block> listBlocks(Id workspace_id) = 0;  // newest first, at most kMaxBlocksPerWorkspace
  virtual std::size_t countBlocks(Id workspace_id) = 0;
  // The removed block; nullopt when there was none.
  virtual std::optional<Block> deleteBlock(Id workspace_id, Id id) = 0;
};

}  // namespace parley
