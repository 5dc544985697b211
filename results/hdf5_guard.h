// Reading HDF5 files that may be corrupt without trusting libhdf5 to survive them.
//
// Debian's libhdf5 (1.10) follows corrupt metadata where it leads: a damaged global heap loops
// forever, a damaged object header can crash it. Files this project writes are safe to read in
// process: their metadata is checksummed (superblock version 2 and later, object header version
// 2), so HDF5 rejects a damaged block instead of following it. A file without checksums (written
// by an older spexbench, or a user's dataset written by h5py's defaults) is read first in a forked
// child with a time limit; only when the child read it cleanly is it read again here.
#pragma once

#include <mutex>
#include <string>

namespace spexbench::hdf5 {

/// Debian's HDF5 is built without thread safety: every use of the library holds this lock.
[[nodiscard]] std::mutex& library_mutex();

/// Whether the file starts with a superblock of version 2 or later, which HDF5 only writes with
/// checksummed metadata. False for anything else, including files that are not HDF5.
[[nodiscard]] bool has_checksummed_metadata(const std::string& path);

/// Runs `read` in a forked child process, bounded in time by the file's size. Throws Error naming
/// the file when the child crashes, runs out of time or `read` throws (with its message). Call it
/// with library_mutex() held, so that no other thread is inside HDF5 when the process forks.
void read_in_child(const std::string& path, void (*read)(const std::string&, void*), void* state);

/// `read(path)` with library_mutex() held by the caller, preceded by a trial read in a child
/// process when the file's metadata has no checksums.
template <class Read>
auto read_guarded(const std::string& path, Read read) {
  if (!has_checksummed_metadata(path)) {
    read_in_child(
        path, [](const std::string& p, void* r) { (void)(*static_cast<Read*>(r))(p); }, &read);
  }
  return read(path);
}

}  // namespace spexbench::hdf5
