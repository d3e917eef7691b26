#include "store/transfer.hpp"

#include <sodium.h>

#include <map>

namespace linkway {
namespace {

class Digest {
 public:
  Digest() { crypto_hash_sha256_init(&state_); }
  void Add(const Row& row) {
    for (const auto& value : row) {
      if (!value) {
        Update("\x00", 1);
        continue;
      }
      std::string head = "\x01" + std::to_string(value->size()) + ":";
      Update(head.data(), head.size());
      Update(value->data(), value->size());
    }
    Update("\n", 1);
    ++rows_;
  }
  TableSummary Finish(std::string table) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, out);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : out) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    return {std::move(table), rows_, hex};
  }

 private:
  void Update(const char* data, std::size_t size) {
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(data), size);
  }
  crypto_hash_sha256_state state_{};
  std::int64_t rows_ = 0;
};

}  // namespace

Result<std::vector<TableSummary>> Summarise(Store& store) {
  std::map<std::string_view, Digest> digests;
  for (const auto& t : Tables()) digests[t.name];
  Status s = store.ExportRows([&](const TableSpec& table, const Row& row) {
    digests[table.name].Add(row);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  std::vector<TableSummary> out;
  for (const auto& t : Tables()) out.push_back(digests[t.name].Finish(std::string(t.name)));
  return out;
}

Status CopyAll(Store& from, Store& to) {
  return to.ImportRows([&](RowWriter& writer) {
    return from.ExportRows(
        [&](const TableSpec& table, const Row& row) { return writer.Insert(table, row); });
  });
}

Result<std::vector<TableSummary>> CopyAndVerify(Store& from, Store& to) {
  if (Status s = CopyAll(from, to); !s.ok()) return s;
  auto source = Summarise(from);
  if (!source.ok()) return source.status();
  auto target = Summarise(to);
  if (!target.ok()) return target.status();
  std::string differ;
  for (std::size_t i = 0; i < source->size(); ++i) {
    if (!((*source)[i] == (*target)[i]))
      differ += (differ.empty() ? "" : ", ") + (*source)[i].table;
  }
  if (!differ.empty()) {
    return Status::Internal("the copy differs from its source in: " + differ);
  }
  return source;
}

}  // namespace linkway
