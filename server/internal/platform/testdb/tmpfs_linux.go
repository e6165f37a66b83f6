package testdb

import "syscall"

// memoryDir returns /dev/shm when it is a memory file system with room for a
// cluster, or "" to use the default temporary directory.
//
// A test cluster loses nothing by living in memory, and on disk, even with
// fsync off, creating a database can take a quarter of a second where in
// memory it takes a few milliseconds. Containers often give /dev/shm only
// 64 MiB, which a cluster and a few test databases would fill; hence the
// check for space.
func memoryDir() string {
	const dir, minFree = "/dev/shm", 1 << 30
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dir, &fs); err != nil {
		return ""
	}
	const tmpfsMagic = 0x01021994
	if fs.Type != tmpfsMagic || fs.Bavail*uint64(fs.Bsize) < minFree {
		return ""
	}
	return dir
}
