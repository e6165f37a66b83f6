//go:build !unix

package testdb

import "syscall"

// detached has nothing to do where there are no process groups.
func detached() *syscall.SysProcAttr {
	return nil
}
