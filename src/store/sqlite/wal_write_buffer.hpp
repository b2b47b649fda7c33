// A SQLite VFS over the default one that gathers the writes SQLite makes to a WAL between two
// syncs and hands them to the kernel as one write. SQLite writes each WAL frame as two writes (a
// 24-byte frame header, then the page), so a commit of ten pages took twenty pwrite(2) calls; the
// kernel's fixed cost per call (and per partial page) was about as much as the fsync's CPU.
// Journals and temporary files are the default VFS's own; the database file passes through, but
// is where SQLite lets go of the WAL's write lock, and the buffer of a transaction that did not
// commit is dropped then (written out later, it would overwrite what another connection had
// committed at the same place in the meantime).
//
// Contract: only for connections with synchronous=FULL (or EXTRA), in WAL mode, without
// locking_mode=EXCLUSIVE. SQLite then syncs the WAL at the end of every commit, before the
// commit becomes visible to other connections, and the buffer is written out then. It is also
// written out before any other use of the file (a read, its size, a truncation, closing it) and
// before it would exceed 128 KiB (the unix VFS writes at most 128 KiB - 1 bytes a call). A write
// that fails is tried again by the next call; its error fails the commit's sync, and so the
// commit.
#pragma once

namespace pactum::store::sqlite {

// The VFS's name for sqlite3_open_v2(); registered (not as the default) on first call. Null,
// which opens with the default VFS, if the default VFS is older than version 3.
const char* wal_write_buffer_vfs();

}  // namespace pactum::store::sqlite
