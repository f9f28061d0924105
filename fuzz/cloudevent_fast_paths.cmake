# The watch decode's fast paths (src/watch/notification_members.cpp, read_json_string_object),
# held to the full readers.
aviso_add_fuzzer(cloudevent_fast_paths aviso_watch aviso_core)
