package config_test

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/config"
)

func parse(args ...string) (*config.Config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	load := config.Bind(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return load()
}

// The clock runs ahead for a demo only: a production server with a wrong
// clock would bill on the wrong days.
func TestTheClockRunsAheadForADemoOnly(t *testing.T) {
	if _, err := parse("-clock-offset", "32d"); err == nil || !strings.Contains(err.Error(), "-demo") {
		t.Errorf("an offset without -demo = %v", err)
	}
	c, err := parse("-demo", "-clock-offset", "32d")
	if err != nil || c.ClockOffset != 32*24*time.Hour {
		t.Errorf("with -demo = %+v %v", c, err)
	}
	if _, err := parse("-demo", "-clock-offset", "-1h"); err == nil {
		t.Error("a clock run behind was taken")
	}
	if c, err := parse(); err != nil || c.ClockOffset != 0 {
		t.Errorf("default = %v %v", c.ClockOffset, err)
	}
}
