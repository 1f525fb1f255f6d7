// Segments: a workspace's saved sets of conditions on contacts (domain/segment.h), and the count
// of the contacts a set matches (the editor's live count; a campaign's targeting uses the same SQL,
// store/segment_sql.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/segment.h"

namespace parley {

struct Segment {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  SegmentDefinition definition;  // valid (validateSegment)
  Millis created_at = 0;
  Millis updated_at = 0;
};

class SegmentStore {
 public:
  virtual ~SegmentStore() = default;

  // Throws StoreConflict when the workspace has kMaxSegmentsPerWorkspace already.
  virtual Segment createSegment(const Segment& s) = 0;
  virtual std::vector<Segment> listSegments(Id workspace_id) = 0;  // by name
  virtual std::optional<Segment> segmentById(Id workspace_id, Id id) = 0;
  virtual std::optional<Segment> updateSegment(const Segment& s) = 0;  // name, definition, updated_at
  // false: not found. Throws StoreConflict while a draft or scheduled campaign uses it.
  virtual bool deleteSegment(Id workspace_id, Id id) = 0;
  virtual std::int64_t countContacts(Id workspace_id, const ContactQuery& q) = 0;
};

}  // namespace parley
