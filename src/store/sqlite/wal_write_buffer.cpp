#include "store/sqlite/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <mutex>
#include <new>
#include <type_traits>
#include <vector>

namespace pactum::store::sqlite {
namespace {

// The unix VFS writes at most 128 KiB - 1 bytes a call (it masks the length with 0x1ffff): a
// buffer is written out before it would hold more.
constexpr std::size_t kWriteOutBytes = 0x1ffff;

sqlite3_vfs* base_vfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// A database or a WAL opened through this VFS: our methods in front of the default VFS's file,
// which lives in the same block of memory, after this struct. The WAL buffers its writes. The
// database is where SQLite takes and lets go of the WAL's write lock (in shared memory): when it
// lets go of it, whatever the WAL still buffers was never committed (a commit syncs, which writes
// the buffer out), and is dropped. Written out later it would land on frames that another
// connection has committed meanwhile at the same place.
struct File {
  sqlite3_file base;  // first: SQLite sees a File as this
  sqlite3_file* file = nullptr;
  File* wal = nullptr;  // a database: its WAL, while that is open
  File* owner =
      nullptr;  // a WAL: its database, which drops its buffer (a WAL without one writes through)
  std::vector<char> pending;     // written by SQLite, not yet handed to the kernel
  sqlite3_int64 pending_at = 0;  // where `pending` goes in the file
};
static_assert(std::is_standard_layout_v<File>, "SQLite sees a File as its first member");
constexpr std::size_t kFileOffset = (sizeof(File) + alignof(std::max_align_t) - 1) /
                                    alignof(std::max_align_t) * alignof(std::max_align_t);
constexpr int kWalWriteLock = 0;  // the WAL's write lock: shared-memory lock slot 0 (wal.c)

File* ours(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
const sqlite3_io_methods* methods(File* f) { return f->file->pMethods; }

// Hands what is pending to the kernel in one write. What could not be written stays pending, to
// be tried again by the next call (at the latest the commit's sync) or dropped with the lock.
int write_out(File* f) {
  if (f->pending.empty()) return SQLITE_OK;
  int rc = methods(f)->xWrite(f->file, f->pending.data(), static_cast<int>(f->pending.size()),
                              f->pending_at);
  if (rc == SQLITE_OK) f->pending.clear();
  return rc;
}

int file_close(sqlite3_file* p) {
  auto* f = ours(p);
  int rc = write_out(f);
  if (f->owner) f->owner->wal = nullptr;
  if (f->wal) f->wal->owner = nullptr;
  int closed = methods(f)->xClose(f->file);
  f->~File();
  return rc != SQLITE_OK ? rc : closed;
}

int file_read(sqlite3_file* p, void* out, int amount, sqlite3_int64 offset) {
  auto* f = ours(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xRead(f->file, out, amount, offset);
}

int file_write(sqlite3_file* p, const void* data, int amount, sqlite3_int64 offset) {
  auto* f = ours(p);
  if (!f->owner) return methods(f)->xWrite(f->file, data, amount, offset);
  bool follows = !f->pending.empty() &&
                 offset == f->pending_at + static_cast<sqlite3_int64>(f->pending.size());
  // Elsewhere in the file (a new transaction, a frame rewritten), or no room: what is pending
  // goes first. (SQLite writes a WAL a frame header or a page at a time.)
  if (!follows || f->pending.size() + static_cast<std::size_t>(amount) > kWriteOutBytes) {
    if (int rc = write_out(f)) return rc;
    f->pending_at = offset;
  }
  const auto* bytes = static_cast<const char*>(data);
  f->pending.insert(f->pending.end(), bytes, bytes + amount);
  return SQLITE_OK;
}

int file_truncate(sqlite3_file* p, sqlite3_int64 size) {
  auto* f = ours(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xTruncate(f->file, size);
}

int file_sync(sqlite3_file* p, int flags) {
  auto* f = ours(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xSync(f->file, flags);
}

int file_size(sqlite3_file* p, sqlite3_int64* size) {
  auto* f = ours(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xFileSize(f->file, size);
}

int file_lock(sqlite3_file* p, int level) { return methods(ours(p))->xLock(ours(p)->file, level); }
int file_unlock(sqlite3_file* p, int level) {
  return methods(ours(p))->xUnlock(ours(p)->file, level);
}
int file_check_reserved_lock(sqlite3_file* p, int* out) {
  return methods(ours(p))->xCheckReservedLock(ours(p)->file, out);
}

int file_control(sqlite3_file* p, int op, void* arg) {
  auto* f = ours(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xFileControl(f->file, op, arg);
}

int file_sector_size(sqlite3_file* p) { return methods(ours(p))->xSectorSize(ours(p)->file); }
int file_device_characteristics(sqlite3_file* p) {
  return methods(ours(p))->xDeviceCharacteristics(ours(p)->file);
}

int file_shm_map(sqlite3_file* p, int page, int size, int extend, void volatile** out) {
  return methods(ours(p))->xShmMap(ours(p)->file, page, size, extend, out);
}
int file_shm_lock(sqlite3_file* p, int offset, int n, int flags) {
  auto* f = ours(p);
  if (f->wal && offset == kWalWriteLock && flags == (SQLITE_SHM_UNLOCK | SQLITE_SHM_EXCLUSIVE)) {
    f->wal->pending.clear();  // a transaction that did not commit (see File)
  }
  return methods(f)->xShmLock(f->file, offset, n, flags);
}
void file_shm_barrier(sqlite3_file* p) { methods(ours(p))->xShmBarrier(ours(p)->file); }
int file_shm_unmap(sqlite3_file* p, int delete_flag) {
  return methods(ours(p))->xShmUnmap(ours(p)->file, delete_flag);
}
int file_fetch(sqlite3_file* p, sqlite3_int64 offset, int amount, void** out) {
  auto* f = ours(p);
  if (int rc = write_out(f)) return rc;
  return methods(f)->xFetch(f->file, offset, amount, out);
}
int file_unfetch(sqlite3_file* p, sqlite3_int64 offset, void* mapped) {
  return methods(ours(p))->xUnfetch(ours(p)->file, offset, mapped);
}

const sqlite3_io_methods kMethods = {
    3,
    file_close,
    file_read,
    file_write,
    file_truncate,
    file_sync,
    file_size,
    file_lock,
    file_unlock,
    file_check_reserved_lock,
    file_control,
    file_sector_size,
    file_device_characteristics,
    file_shm_map,
    file_shm_lock,
    file_shm_barrier,
    file_shm_unmap,
    file_fetch,
    file_unfetch,
};

int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* out, int flags,
             int* out_flags) {
  sqlite3_vfs* base = base_vfs(vfs);
  bool wal = flags & SQLITE_OPEN_WAL;
  // Anything but a database or its WAL (journals, temporary files) is the default VFS's own
  // file, in the memory SQLite gave us.
  if (!wal && !(flags & SQLITE_OPEN_MAIN_DB)) return base->xOpen(base, name, out, flags, out_flags);
  out->pMethods = nullptr;  // SQLite closes a file only if its open succeeded
  File* f;
  try {
    f = new (out) File{};
    if (wal) f->pending.reserve(kWriteOutBytes);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
  f->file = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(out) + kFileOffset);
  f->file->pMethods = nullptr;
  int rc = base->xOpen(base, name, f->file, flags, out_flags);
  if (rc == SQLITE_OK && f->file->pMethods->iVersion < 3)
    rc = SQLITE_CANTOPEN;  // not unix: unsafe here
  if (rc != SQLITE_OK) {
    if (f->file->pMethods) f->file->pMethods->xClose(f->file);
    f->~File();
    out->pMethods = nullptr;
    return rc;
  }
  f->base.pMethods = &kMethods;
  if (wal) {
    // Buffered only when its database can drop the buffer with the write lock.
    sqlite3_file* database = sqlite3_database_file_object(name);
    if (database && database->pMethods == &kMethods) {
      f->owner = ours(database);
      f->owner->wal = f;
    }
  }
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
void* vfs_dl_open(sqlite3_vfs* v, const char* name) {
  return base_vfs(v)->xDlOpen(base_vfs(v), name);
}
void vfs_dl_error(sqlite3_vfs* v, int n, char* out) { base_vfs(v)->xDlError(base_vfs(v), n, out); }
void (*vfs_dl_sym(sqlite3_vfs* v, void* handle, const char* symbol))(void) {
  return base_vfs(v)->xDlSym(base_vfs(v), handle, symbol);
}
void vfs_dl_close(sqlite3_vfs* v, void* handle) { base_vfs(v)->xDlClose(base_vfs(v), handle); }
int vfs_randomness(sqlite3_vfs* v, int n, char* out) {
  return base_vfs(v)->xRandomness(base_vfs(v), n, out);
}
int vfs_sleep(sqlite3_vfs* v, int us) { return base_vfs(v)->xSleep(base_vfs(v), us); }
int vfs_current_time(sqlite3_vfs* v, double* out) {
  return base_vfs(v)->xCurrentTime(base_vfs(v), out);
}
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
