#include "store/sqlite/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

namespace pactum::store::sqlite {
namespace {

// The unix VFS writes at most 128 KiB - 1 bytes a call (it masks the length with 0x1ffff): a
// buffer is written out before it would hold more.
constexpr std::size_t kWriteOutBytes = 0x1ffff;

sqlite3_vfs* base_vfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// A WAL opened through this VFS: our methods in front of the default VFS's file, which lives in
// the same block of memory, after this struct.
struct WalFile {
  sqlite3_file base;  // first: SQLite sees a WalFile as this
  sqlite3_file* file = nullptr;
  std::vector<char> pending;       // written by SQLite, not yet handed to the kernel
  sqlite3_int64 pending_at = 0;    // where `pending` goes in the file
};
constexpr std::size_t kFileOffset =
    (sizeof(WalFile) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) * alignof(std::max_align_t);

WalFile* wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
const sqlite3_io_methods* methods(WalFile* f) { return f->file->pMethods; }

// Hands what is pending to the kernel in one write.
int write_out(WalFile* f) {
  if (f->pending.empty()) return SQLITE_OK;
  int rc = methods(f)->xWrite(f->file, f->pending.data(), static_cast<int>(f->pending.size()), f->pending_at);
  f->pending.clear();
  return rc;
}

int wal_close(sqlite3_file* p) {
  auto* f = wal(p);
  int rc = write_out(f);
  int closed = methods(f)->xClose(f->file);
  f->~WalFile();
  return rc != SQLITE_OK ? rc : closed;
}

int wal_read(sqlite3_file* p, void* out, int amount, sqlite3_int64 offset) {
  auto* f = wal(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xRead(f->file, out, amount, offset);
}

int wal_write(sqlite3_file* p, const void* data, int amount, sqlite3_int64 offset) {
  auto* f = wal(p);
  bool follows = !f->pending.empty() && offset == f->pending_at + static_cast<sqlite3_int64>(f->pending.size());
  if (!follows) {
    // Elsewhere in the file (a new transaction, a frame rewritten): what is pending goes first.
    if (int rc = write_out(f)) return rc;
    f->pending_at = offset;
  }
  if (f->pending.size() + static_cast<std::size_t>(amount) > kWriteOutBytes) {
    if (int rc = write_out(f)) return rc;
    f->pending_at = offset;
    if (static_cast<std::size_t>(amount) > kWriteOutBytes) return methods(f)->xWrite(f->file, data, amount, offset);
  }
  const auto* bytes = static_cast<const char*>(data);
  f->pending.insert(f->pending.end(), bytes, bytes + amount);
  return SQLITE_OK;
}

int wal_truncate(sqlite3_file* p, sqlite3_int64 size) {
  auto* f = wal(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xTruncate(f->file, size);
}

int wal_sync(sqlite3_file* p, int flags) {
  auto* f = wal(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xSync(f->file, flags);
}

int wal_file_size(sqlite3_file* p, sqlite3_int64* size) {
  auto* f = wal(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xFileSize(f->file, size);
}

int wal_lock(sqlite3_file* p, int level) { return methods(wal(p))->xLock(wal(p)->file, level); }
int wal_unlock(sqlite3_file* p, int level) { return methods(wal(p))->xUnlock(wal(p)->file, level); }
int wal_check_reserved_lock(sqlite3_file* p, int* out) {
  return methods(wal(p))->xCheckReservedLock(wal(p)->file, out);
}

int wal_file_control(sqlite3_file* p, int op, void* arg) {
  auto* f = wal(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xFileControl(f->file, op, arg);
}

int wal_sector_size(sqlite3_file* p) { return methods(wal(p))->xSectorSize(wal(p)->file); }
int wal_device_characteristics(sqlite3_file* p) {
  return methods(wal(p))->xDeviceCharacteristics(wal(p)->file);
}

// A WAL has no shared memory of its own and is not memory-mapped; these pass through all the same.
int wal_shm_map(sqlite3_file* p, int page, int size, int extend, void volatile** out) {
  return methods(wal(p))->xShmMap(wal(p)->file, page, size, extend, out);
}
int wal_shm_lock(sqlite3_file* p, int offset, int n, int flags) {
  return methods(wal(p))->xShmLock(wal(p)->file, offset, n, flags);
}
void wal_shm_barrier(sqlite3_file* p) { methods(wal(p))->xShmBarrier(wal(p)->file); }
int wal_shm_unmap(sqlite3_file* p, int delete_flag) { return methods(wal(p))->xShmUnmap(wal(p)->file, delete_flag); }
int wal_fetch(sqlite3_file* p, sqlite3_int64 offset, int amount, void** out) {
  auto* f = wal(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xFetch(f->file, offset, amount, out);
}
int wal_unfetch(sqlite3_file* p, sqlite3_int64 offset, void* mapped) {
  return methods(wal(p))->xUnfetch(wal(p)->file, offset, mapped);
}

const sqlite3_io_methods kWalMethods = {
    3,           wal_close,     wal_read,          wal_write,     wal_truncate,
    wal_sync,    wal_file_size, wal_lock,          wal_unlock,    wal_check_reserved_lock,
    wal_file_control, wal_sector_size, wal_device_characteristics, wal_shm_map, wal_shm_lock,
    wal_shm_barrier, wal_shm_unmap, wal_fetch, wal_unfetch,
};

int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* out, int flags, int* out_flags) {
  sqlite3_vfs* base = base_vfs(vfs);
  // Anything but a WAL is the default VFS's own file, in the memory SQLite gave us.
  if (!(flags & SQLITE_OPEN_WAL)) return base->xOpen(base, name, out, flags, out_flags);
  auto* f = new (out) WalFile{};
  f->pending.reserve(kWriteOutBytes);
  f->file = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(out) + kFileOffset);
  f->file->pMethods = nullptr;
  int rc = base->xOpen(base, name, f->file, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (f->file->pMethods) f->file->pMethods->xClose(f->file);
    f->~WalFile();
    out->pMethods = nullptr;  // SQLite closes a file only if its open succeeded
    return rc;
  }
  if (f->file->pMethods->iVersion < 3) {  // not the unix VFS: nothing here would be safe
    f->file->pMethods->xClose(f->file);
    f->~WalFile();
    out->pMethods = nullptr;
    return SQLITE_CANTOPEN;
  }
  f->base.pMethods = &kWalMethods;
  return SQLITE_OK;
}

// The rest is the default VFS's, called with the default VFS.
int vfs_delete(sqlite3_vfs* v, const char* name, int sync_dir) {
  return base_vfs(v)->xDelete(base_vfs(v), name, sync_dir);
}
int vfs_access(sqlite3_vfs* v, const char* name, int flags, int* out) {
  return base_vfs(v)->xAccess(base_vfs(v), name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs* v, const char* name, int n, char* out) {
  return base_vfs(v)->xFullPathname(base_vfs(v), name, n, out);
}
void* vfs_dl_open(sqlite3_vfs* v, const char* name) { return base_vfs(v)->xDlOpen(base_vfs(v), name); }
void vfs_dl_error(sqlite3_vfs* v, int n, char* out) { base_vfs(v)->xDlError(base_vfs(v), n, out); }
void (*vfs_dl_sym(sqlite3_vfs* v, void* handle, const char* symbol))(void) {
  return base_vfs(v)->xDlSym(base_vfs(v), handle, symbol);
}
void vfs_dl_close(sqlite3_vfs* v, void* handle) { base_vfs(v)->xDlClose(base_vfs(v), handle); }
int vfs_randomness(sqlite3_vfs* v, int n, char* out) { return base_vfs(v)->xRandomness(base_vfs(v), n, out); }
int vfs_sleep(sqlite3_vfs* v, int us) { return base_vfs(v)->xSleep(base_vfs(v), us); }
int vfs_current_time(sqlite3_vfs* v, double* out) { return base_vfs(v)->xCurrentTime(base_vfs(v), out); }
int vfs_get_last_error(sqlite3_vfs* v, int n, char* out) {
  return base_vfs(v)->xGetLastError(base_vfs(v), n, out);
}
int vfs_current_time_int64(sqlite3_vfs* v, sqlite3_int64* out) {
  return base_vfs(v)->xCurrentTimeInt64(base_vfs(v), out);
}
int vfs_set_system_call(sqlite3_vfs* v, const char* name, sqlite3_syscall_ptr call) {
  return base_vfs(v)->xSetSystemCall(base_vfs(v), name, call);
}
sqlite3_syscall_ptr vfs_get_system_call(sqlite3_vfs* v, const char* name) {
  return base_vfs(v)->xGetSystemCall(base_vfs(v), name);
}
const char* vfs_next_system_call(sqlite3_vfs* v, const char* name) {
  return base_vfs(v)->xNextSystemCall(base_vfs(v), name);
}

}  // namespace

const char* wal_write_buffer_vfs() {
  static sqlite3_vfs vfs;
  static std::once_flag registered;
  std::call_once(registered, [] {
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);  // the default: unix
    if (!base || base->iVersion < 3) return;
    vfs = sqlite3_vfs{
        3,
        static_cast<int>(kFileOffset) + base->szOsFile,
        base->mxPathname,
        nullptr,
        "pactum-wal-write-buffer",
        base,
        vfs_open,
        vfs_delete,
        vfs_access,
        vfs_full_pathname,
        vfs_dl_open,
        vfs_dl_error,
        vfs_dl_sym,
        vfs_dl_close,
        vfs_randomness,
        vfs_sleep,
        vfs_current_time,
        vfs_get_last_error,
        vfs_current_time_int64,
        vfs_set_system_call,
        vfs_get_system_call,
        vfs_next_system_call,
    };
    sqlite3_vfs_register(&vfs, 0);
  });
  return vfs.zName;  // null (the default VFS) if the default is not one this can stand in front of
}

}  // namespace pactum::store::sqlite
