#include <yaml-cpp/yaml.h>

#include "schema_loader.hpp"

namespace aviso::server {

namespace {

// Protocol section 7.2, verbatim in meaning. Kept as YAML so it goes through the same loader (and
// the same checks) as a user's --config file.
constexpr const char* kDefaultSchemaYaml = R"(
mars:
  topic: {base: "mars", key_order: ["class", "expver", "domain", "date", "time", "stream", "step"]}
  identifier:
    class:  {type: StringHandler, max_length: 2, required: true, description: "MARS class"}
    expver: {type: ExpverHandler, default: "0001", required: false}
    domain: {type: EnumHandler, values: ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u","v","w","x","y","z"], required: false}
    date:   {type: DateHandler, canonical_format: "%Y%m%d", required: false}
    time:   {type: TimeHandler, required: false}
    stream: {type: StringHandler, required: false}
    step:   {type: IntHandler, range: [0, 100000], required: false}
  payload: {required: false}
dissemination:
  topic: {base: "diss", key_order: ["destination", "target", "class", "expver", "domain", "date", "time", "stream", "step"]}
  identifier:
    destination: {type: StringHandler, required: true}
    target:      {type: StringHandler, required: false}
    class:       {type: StringHandler, max_length: 2, required: true}
    expver:      {type: ExpverHandler, default: "0001", required: false}
    domain:      {type: EnumHandler, values: ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u","v","w","x","y","z"], required: false}
    date:        {type: DateHandler, canonical_format: "%Y%m%d", required: false}
    time:        {type: TimeHandler, required: false}
    stream:      {type: StringHandler, required: false}
    step:        {type: IntHandler, range: [0, 100000], required: false}
  payload: {required: true}
test_polygon:
  topic: {base: "polygon", key_order: ["date", "time"]}
  identifier:
    date:    {type: DateHandler, canonical_format: "%Y%m%d", required: false}
    time:    {type: TimeHandler, required: false}
    polygon: {type: PolygonHandler, required: true}
  payload: {required: true}
extreme_event:
  topic: {base: "extreme_event", key_order: ["region", "run_time", "severity", "anomaly"]}
  identifier:
    region:   {type: EnumHandler, values: ["north", "south", "east", "west"], required: true}
    run_time: {type: TimeHandler, required: true}
    severity: {type: IntHandler, range: [1, 7], required: true}
    anomaly:  {type: FloatHandler, range: [0.0, 100.0], required: false}
  payload: {required: false}
)";

}  // namespace

SchemaSet default_schemas() { return load_schemas(YAML::Load(kDefaultSchemaYaml)); }

}  // namespace aviso::server
