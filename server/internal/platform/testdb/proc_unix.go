//go:build unix

package testdb

import "syscall"

// detached puts a child process in a process group of its own.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
