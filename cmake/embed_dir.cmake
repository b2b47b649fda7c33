# cmake -DINPUT_DIR=dir -DOUTPUT=file.cpp -P embed_dir.cmake
# Writes a C++ file defining the table of every file under INPUT_DIR (the built web app):
#   extern const pactum::http::Asset kWebAssets[]; extern const std::size_t kWebAssets_count;
file(GLOB_RECURSE files RELATIVE "${INPUT_DIR}" "${INPUT_DIR}/*")
list(SORT files)
set(arrays "")
set(entries "")
set(index 0)
foreach(f IN LISTS files)
  file(READ "${INPUT_DIR}/${f}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  get_filename_component(ext "${f}" LAST_EXT)
  set(type "application/octet-stream")
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  elseif(ext STREQUAL ".png")
    set(type "image/png")
  elseif(ext STREQUAL ".json")
    set(type "application/json")
  endif()
  string(APPEND arrays "static const unsigned char file${index}[] = {${bytes}0x00};\n")
  string(APPEND entries "  {\"/${f}\", \"${type}\", reinterpret_cast<const char*>(file${index}), ${size}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT_DIR} by cmake/embed_dir.cmake. Do not edit.\n"
  "#include \"http/assets.hpp\"\n"
  "${arrays}"
  "extern const pactum::http::Asset kWebAssets[] = {\n${entries}  {nullptr, nullptr, nullptr, 0}};\n"
  "extern const std::size_t kWebAssets_count = ${index};\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
