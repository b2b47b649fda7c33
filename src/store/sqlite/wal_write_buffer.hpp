// A SQLite VFS over the default one that gathers the writes SQLite makes to a WAL between two
// syncs and hands them to the kernel as one write. SQLite writes each WAL frame as two writes (a
// 24-byte frame header, then the page), so a commit of ten pages took twenty pwrite(2) calls; the
// kernel's fixed cost per call (and per partial page) was about as much as the fsync's CPU. Every
// other file (the database, the shared-memory index) is opened by the default VFS unchanged.
//
// Contract: only for connections with synchronous=FULL (or EXTRA). SQLite then syncs the WAL at
// the end of every commit, before the commit becomes visible to other connections, and the
// buffer is written out then. It is also written out before any other use of the file (a read,
// its size, a truncation, closing it) and before it would exceed 128 KiB. A write error comes
// back from the call that writes the buffer out (the commit's sync), which fails the commit.
#pragma once

namespace pactum::store::sqlite {

// The VFS's name for sqlite3_open_v2(); registered (not as the default) on first call. Null,
// which opens with the default VFS, if the default VFS is older than version 3.
const char* wal_write_buffer_vfs();

}  // namespace pactum::store::sqlite
