// A MARS notification's CloudEvent as aviso-server writes it on a stream (compact, members in
// key order), for the tests of the watch decode's fast paths.
#pragma once

#include <string>

namespace aviso::test {

inline const std::string kServerCloudEvent =
    R"({"data":{"identifier":{"class":"od","date":"20260601","domain":"g","expver":"0001",)"
    R"("step":"4242","stream":"enfo","time":"1200"},"payload":{"path":"/data/od/4242"}},)"
    R"("datacontenttype":"application/json","dataschema":"http://localhost/schema/mars",)"
    R"("id":"mars@4243","source":"http://localhost","specversion":"1.0",)"
    R"("time":"2026-11-26T20:51:43.060071453Z","type":"int.ecmwf.aviso.mars"})";

}  // namespace aviso::test
