package stripemock

import "syscall"

// sysProcAttr has the kernel kill stripe-mock when the test binary dies
// without running its cleanups (a panic, go test's -timeout), so no
// stripe-mock outlives its tests. (The kernel sends it when the thread
// that started the process ends; Go keeps its threads for the life of
// the process unless a goroutine locked to one ends, which no test here
// does.)
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
