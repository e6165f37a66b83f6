package testdb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// cluster is a PostgreSQL cluster started for one test binary in a temporary
// directory:
//
//	dir/data          the data directory
//	dir/sock          the unix socket directory (the tests connect over TCP)
//	dir/postgres.log  the server log, quoted in errors when starting fails
type cluster struct {
	dir     string
	port    int
	version string
	cleanup *watchdog
}

// clusterSettings trade durability for speed: a test cluster that loses its
// data in a crash loses nothing of value, and without fsync creating a
// database takes milliseconds instead of a disk flush each.
const clusterSettings = `
# testdb: a throwaway cluster for tests.
listen_addresses = '127.0.0.1'
unix_socket_directories = '%s'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
`

// findPostgres returns the directory holding initdb and pg_ctl, looking on
// PATH first and then in the Debian layout, newest version first. pg_ctl
// finds postgres in its own directory. The answer does not change while the
// tests run, so it is looked up once.
var findPostgres = sync.OnceValues(func() (string, error) {
	var dirs []string
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	debian, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(debian, func(a, b string) int { return versionOf(b) - versionOf(a) })
	dirs = append(dirs, debian...)
	for _, dir := range dirs {
		if isExecutable(filepath.Join(dir, "initdb")) && isExecutable(filepath.Join(dir, "pg_ctl")) {
			return dir, nil
		}
	}
	return "", errNoPostgres
})

// versionOf returns the major version in /usr/lib/postgresql/<version>/bin,
// so that 15 sorts after 9.6.
func versionOf(binDir string) int {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return int(v * 100)
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// startCluster creates and starts a cluster with the binaries in binDir. On
// error nothing is left behind.
func startCluster(binDir string) (_ *cluster, err error) {
	dir, err := os.MkdirTemp(memoryDir(), "leitstand-testdb-")
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir}

	// PostgreSQL refuses to run as root, so as root every PostgreSQL command
	// runs as the postgres user, which must then own the directories.
	asRoot := os.Geteuid() == 0
	uid, gid := -1, -1
	if asRoot {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root, so PostgreSQL must run as the postgres user: %w", err)
		}
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	}
	command := func(name string, args ...string) *exec.Cmd {
		bin := filepath.Join(binDir, name)
		var cmd *exec.Cmd
		if asRoot {
			cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", bin}, args...)...)
		} else {
			cmd = exec.Command(bin, args...)
		}
		// The postgres user may not be allowed into the test's working
		// directory.
		cmd.Dir = dir
		// pg_ctl's child may hold on to output pipes for a moment; never wait
		// for them long.
		cmd.WaitDelay = 5 * time.Second
		return cmd
	}
	data := filepath.Join(dir, "data")

	// The watchdog is started before anything else, so that from here on
	// the directory and the server go away with the test binary, whichever
	// way it ends.
	c.cleanup, err = startWatchdog(dir, command("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, c.stop())
		}
	}()

	sock := filepath.Join(dir, "sock")
	if err := os.Mkdir(sock, 0o700); err != nil {
		return nil, err
	}
	if asRoot {
		for _, p := range []string{dir, sock} {
			if err := os.Chown(p, uid, gid); err != nil {
				return nil, err
			}
		}
	}

	out, err := command("initdb", "-D", data, "-U", "postgres", "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	if out, err := command("postgres", "--version").Output(); err == nil {
		c.version = strings.TrimPrefix(strings.TrimSpace(string(out)), "postgres (PostgreSQL) ")
	}
	settings := fmt.Sprintf(clusterSettings, strings.ReplaceAll(sock, "'", "''"))
	if err := appendFile(filepath.Join(data, "postgresql.conf"), settings); err != nil {
		return nil, err
	}

	// The port is chosen by the kernel and released again before the server
	// binds it, so another process may take it in between; then the start
	// fails and is tried again on a new port.
	logFile := filepath.Join(dir, "postgres.log")
	for attempt := 1; ; attempt++ {
		c.port, err = freePort()
		if err != nil {
			return nil, err
		}
		out, err := command("pg_ctl", "-D", data, "-l", logFile, "-w", "-t", "60",
			"-o", "-p "+strconv.Itoa(c.port), "start").CombinedOutput()
		if err == nil {
			return c, nil
		}
		if attempt == 3 {
			log, _ := os.ReadFile(logFile)
			return nil, fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, tail(log, 4096))
		}
	}
}

// dsn returns the DSN of the database called name in c.
func (c *cluster) dsn(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, name)
}

// stop stops the server at once (there is nothing to keep) and removes the
// directory, and waits until both are done.
func (c *cluster) stop() error {
	return c.cleanup.finish(time.Minute)
}

// watchdog is a shell process that waits for its standard input to close and
// then stops the cluster and removes its directory. Only the test binary
// holds the writing end of that pipe, and the kernel closes it however the
// binary ends: returning from Main, a panic in a test, a go test timeout or
// SIGKILL. A cluster can therefore not outlive its tests, which a deferred
// stop alone cannot promise, since a panicking test never returns to Main.
type watchdog struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan error
}

// watchdogScript runs stop ("$@") once standard input reaches end of file,
// then removes dir ($1).
const watchdogScript = `dir=$1; shift; cat >/dev/null; "$@" >/dev/null 2>&1; rm -rf "$dir"`

func startWatchdog(dir string, stop *exec.Cmd) (*watchdog, error) {
	args := append([]string{"-c", watchdogScript, "leitstand-testdb-cleanup", dir, stop.Path}, stop.Args[1:]...)
	cmd := exec.Command("/bin/sh", args...)
	cmd.Dir = os.TempDir()
	// In its own process group, the watchdog does not get the Ctrl-C meant
	// for go test, so it lives to clean up after the interrupted tests.
	cmd.SysProcAttr = detached()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the cleanup process: %w", err)
	}
	w := &watchdog{cmd: cmd, stdin: stdin, done: make(chan error, 1)}
	go func() { w.done <- cmd.Wait() }()
	return w, nil
}

// finish makes the watchdog clean up now and waits for it.
func (w *watchdog) finish(timeout time.Duration) error {
	w.stdin.Close()
	select {
	case err := <-w.done:
		if err != nil {
			return fmt.Errorf("cleanup process: %w", err)
		}
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("cleanup process did not finish within %v", timeout)
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	return errors.Join(err, f.Close())
}

// tail returns the last n bytes of b, where the cause of a failed start is.
func tail(b []byte, n int) []byte {
	if len(b) > n {
		b = b[len(b)-n:]
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	return b
}
