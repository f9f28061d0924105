-- wrk script: POST one mars notification per request (same topic, so memory stays flat).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"event_type":"mars","identifier":{"class":"od","expver":"1","domain":"g","date":"20250706",'
  .. '"time":"1200","stream":"enfo","step":"6"},"payload":{"path":"/data/bench.grib","size":1}}'
