#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aviso::server {

// Latitude first everywhere, as in the protocol.
struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct BoundingBox {
  double min_lat = 0;
  double min_lon = 0;
  double max_lat = 0;
  double max_lon = 0;

  bool intersects(const BoundingBox& other) const;
  bool contains(const GeoPoint& point) const;
};

// A closed ring of at least four vertices. The geometry tests themselves are done by GEOS; the
// parsing rules are the protocol's (section 3.2, PolygonHandler).
class Polygon {
 public:
  // Throws ValidationError ("field '<field>' must be a valid polygon: <reason>").
  static Polygon parse(std::string_view text, std::string_view field);

  const std::vector<GeoPoint>& vertices() const { return vertices_; }
  const BoundingBox& bounds() const { return bounds_; }

  // Boundary contact counts as an intersection.
  bool intersects(const Polygon& other) const;
  // A point exactly on the boundary is not contained.
  bool contains(const GeoPoint& point) const;

 private:
  struct Geometry;
  Polygon(std::vector<GeoPoint> vertices);

  std::vector<GeoPoint> vertices_;
  BoundingBox bounds_;
  std::shared_ptr<const Geometry> geometry_;
};

// "lat,lon" with optional outer parentheses and whitespace around the numbers. Throws
// ValidationError naming `field`.
GeoPoint parse_point(std::string_view text, std::string_view field);

}  // namespace aviso::server
