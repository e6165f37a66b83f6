//go:build !linux

package stripemock

import "syscall"

func sysProcAttr() *syscall.SysProcAttr { return nil }
