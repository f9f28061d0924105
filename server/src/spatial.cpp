#include "spatial.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "number_text.hpp"
#include "validation_error.hpp"

namespace aviso::server {

namespace {

void ignore_geos_message(const char* /*format*/, ...) {}

// GEOS needs a context handle; one for the process, and calls are serialised because the handle
// is not thread-safe. The server does little geometry, so the lock costs nothing measurable.
struct GeosContext {
  GEOSContextHandle_t handle;
  std::mutex mutex;

  GeosContext() : handle(GEOS_init_r()) {
    GEOSContext_setNoticeHandler_r(handle, ignore_geos_message);
    GEOSContext_setErrorHandler_r(handle, ignore_geos_message);
  }
  ~GeosContext() { GEOS_finish_r(handle); }
};

GeosContext& geos() {
  static GeosContext context;
  return context;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Removes one pair of outer parentheses; any other parenthesis is an error.
std::string_view strip_parentheses(std::string_view text, std::string_view field, bool polygon) {
  text = trim(text);
  const auto fail = [&](const std::string& reason) -> ValidationError {
    if (polygon)
      return ValidationError("field '" + std::string(field) +
                             "' must be a valid polygon: " + reason);
    return ValidationError("Field '" + std::string(field) + "' " + reason);
  };
  if (!text.empty() && text.front() == '(') {
    if (text.back() != ')') throw fail("unbalanced parentheses");
    text = text.substr(1, text.size() - 2);
  } else if (!text.empty() && text.back() == ')') {
    throw fail("unbalanced parentheses");
  }
  if (text.find_first_of("()") != std::string_view::npos) {
    throw fail("nested or unbalanced parentheses are not allowed");
  }
  return text;
}

std::vector<double> parse_numbers(std::string_view text, std::string_view field, bool polygon) {
  std::vector<double> numbers;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const std::string_view piece = trim(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    const auto value = parse_f64(piece);
    if (!value || !std::isfinite(*value)) {
      const std::string reason = "'" + std::string(piece) + "' is not a valid coordinate";
      if (polygon)
        throw ValidationError("field '" + std::string(field) +
                              "' must be a valid polygon: " + reason);
      throw ValidationError("Field '" + std::string(field) +
                            "' must be a 'lat,lon' point: " + reason);
    }
    numbers.push_back(*value);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return numbers;
}

std::string describe(double value) { return format_plain_decimal(value); }

void check_ranges(const GeoPoint& point, const std::string& prefix) {
  if (point.lat < -90 || point.lat > 90) {
    throw ValidationError(prefix + "latitude " + describe(point.lat) + " is outside [-90, 90]");
  }
  if (point.lon < -180 || point.lon > 180) {
    throw ValidationError(prefix + "longitude " + describe(point.lon) + " is outside [-180, 180]");
  }
}

// Callers hold the GEOS lock when a geometry is destroyed.
struct GeometryDeleter {
  void operator()(GEOSGeometry* geometry) const {
    if (geometry != nullptr) GEOSGeom_destroy_r(geos().handle, geometry);
  }
};
using GeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

// GEOS works in x/y, so longitude goes first there.
GeometryPtr make_point(const GeoPoint& point) {
  return GeometryPtr(GEOSGeom_createPointFromXY_r(geos().handle, point.lon, point.lat));
}

}  // namespace

struct Polygon::Geometry {
  GeometryPtr polygon;
  const GEOSPreparedGeometry* prepared = nullptr;

  ~Geometry() {
    std::lock_guard lock(geos().mutex);
    if (prepared != nullptr) GEOSPreparedGeom_destroy_r(geos().handle, prepared);
    polygon.reset();
  }
};

bool BoundingBox::intersects(const BoundingBox& other) const {
  return min_lat <= other.max_lat && other.min_lat <= max_lat && min_lon <= other.max_lon &&
         other.min_lon <= max_lon;
}

bool BoundingBox::contains(const GeoPoint& point) const {
  return point.lat >= min_lat && point.lat <= max_lat && point.lon >= min_lon &&
         point.lon <= max_lon;
}

Polygon::Polygon(std::vector<GeoPoint> vertices) : vertices_(std::move(vertices)) {
  bounds_ = BoundingBox{vertices_.front().lat, vertices_.front().lon, vertices_.front().lat,
                        vertices_.front().lon};
  for (const auto& vertex : vertices_) {
    bounds_.min_lat = std::min(bounds_.min_lat, vertex.lat);
    bounds_.max_lat = std::max(bounds_.max_lat, vertex.lat);
    bounds_.min_lon = std::min(bounds_.min_lon, vertex.lon);
    bounds_.max_lon = std::max(bounds_.max_lon, vertex.lon);
  }

  auto& context = geos();
  std::lock_guard lock(context.mutex);
  GEOSCoordSequence* sequence =
      GEOSCoordSeq_create_r(context.handle, static_cast<unsigned>(vertices_.size()), 2);
  for (std::size_t i = 0; i < vertices_.size(); ++i) {
    GEOSCoordSeq_setXY_r(context.handle, sequence, static_cast<unsigned>(i), vertices_[i].lon,
                         vertices_[i].lat);
  }
  // The ring and the polygon take ownership of what they are given.
  GEOSGeometry* ring = GEOSGeom_createLinearRing_r(context.handle, sequence);
  auto geometry = std::make_shared<Geometry>();
  if (ring != nullptr) {
    geometry->polygon.reset(GEOSGeom_createPolygon_r(context.handle, ring, nullptr, 0));
  }
  if (geometry->polygon) {
    geometry->prepared = GEOSPrepare_r(context.handle, geometry->polygon.get());
  }
  geometry_ = std::move(geometry);
}

Polygon Polygon::parse(std::string_view text, std::string_view field) {
  const std::string prefix = "field '" + std::string(field) + "' must be a valid polygon: ";
  const std::string_view inner = strip_parentheses(text, field, true);
  if (trim(inner).empty()) throw ValidationError(prefix + "no coordinates given");
  const std::vector<double> numbers = parse_numbers(inner, field, true);
  if (numbers.size() % 2 != 0) {
    throw ValidationError(prefix + "expected lat,lon pairs but got an odd number of values (" +
                          std::to_string(numbers.size()) + ")");
  }
  if (numbers.size() < 8) {
    throw ValidationError(prefix + "at least 4 lat,lon pairs are required, got " +
                          std::to_string(numbers.size() / 2));
  }
  std::vector<GeoPoint> vertices;
  for (std::size_t i = 0; i < numbers.size(); i += 2) {
    vertices.push_back(GeoPoint{numbers[i], numbers[i + 1]});
    check_ranges(vertices.back(), prefix);
  }
  if (vertices.front().lat != vertices.back().lat || vertices.front().lon != vertices.back().lon) {
    throw ValidationError(prefix + "the first and last pairs must be equal (closed ring)");
  }
  return Polygon(std::move(vertices));
}

bool Polygon::intersects(const Polygon& other) const {
  if (!bounds_.intersects(other.bounds_)) return false;
  if (!geometry_->prepared || !other.geometry_->polygon) return false;
  auto& context = geos();
  std::lock_guard lock(context.mutex);
  // 1 = true, 0 = false, 2 = GEOS exception (e.g. a self-intersecting ring): no match.
  return GEOSPreparedIntersects_r(context.handle, geometry_->prepared,
                                  other.geometry_->polygon.get()) == 1;
}

bool Polygon::contains(const GeoPoint& point) const {
  if (!bounds_.contains(point)) return false;
  if (!geometry_->prepared) return false;
  auto& context = geos();
  std::lock_guard lock(context.mutex);
  const GeometryPtr geos_point = make_point(point);
  return geos_point &&
         GEOSPreparedContains_r(context.handle, geometry_->prepared, geos_point.get()) == 1;
}

GeoPoint parse_point(std::string_view text, std::string_view field) {
  const std::string prefix = "Field '" + std::string(field) + "' must be a 'lat,lon' point: ";
  const std::string_view inner = strip_parentheses(text, field, false);
  const std::vector<double> numbers = parse_numbers(inner, field, false);
  if (numbers.size() != 2) {
    throw ValidationError(prefix + "expected exactly 2 values, got " +
                          std::to_string(numbers.size()));
  }
  const GeoPoint point{numbers[0], numbers[1]};
  check_ranges(point, prefix);
  return point;
}

}  // namespace aviso::server
