package proxmox

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestNumbersAsProxmoxSendsThem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want number
		ok   bool
	}{
		{`2`, 2, true},
		{`0.5`, 0.5, true},
		{`"2"`, 2, true},
		{`"0.5"`, 0.5, true},
		{`" 105 "`, 105, true},
		{`1e3`, 1000, true},
		{`null`, 0, true},
		{`""`, 0, true},
		{`true`, 1, true},
		{`"n/a"`, 0, false},
		{`"NaN"`, 0, false},
		{`{}`, 0, false},
		{`[1]`, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			var n number
			err := json.Unmarshal([]byte(tt.raw), &n)
			if (err == nil) != tt.ok || (tt.ok && n != tt.want) {
				t.Errorf("%s: %v, %v; want %v, ok %v", tt.raw, n, err, tt.want, tt.ok)
			}
		})
	}
}

func TestDecodeKeepsWhatFits(t *testing.T) {
	t.Parallel()
	var r resource
	bad, err := decode(json.RawMessage(`{"id":"lxc/105","type":"lxc","vmid":"105","node":"pve1","name":2024,"maxcpu":0.5,"maxmem":"n/a","mem":{"used":1}}`), &r)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bad, []string{`mem is {"used":1}`, `maxmem is "n/a"`}) {
		t.Errorf("bad fields %q", bad)
	}
	if r.what() != "CT 105 on pve1" || r.Name != "2024" || r.MaxCPU != 0.5 || r.MaxCPU.cores() != 1 || !r.known() {
		t.Errorf("decoded %+v as %s", r, r.what())
	}
	if _, err := decode(json.RawMessage(`"lxc/105"`), &r); err == nil {
		t.Error("a string decoded as a resource")
	}
}

func TestAgentOption(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"":                                   false,
		"0":                                  false,
		"1":                                  true,
		"enabled=1":                          true,
		"enabled=0,fstrim_cloned_disks=1":    false,
		"1,fstrim_cloned_disks=1":            true,
		"type=virtio":                        false,
		"fstrim_cloned_disks=1,enabled=yes":  true,
		"enabled=1,freeze-fs-on-backup=0":    true,
		"freeze-fs-on-backup=1,type=isa,1=1": false,
	}
	for opt, want := range tests {
		if got := agentEnabled(opt); got != want {
			t.Errorf("agentEnabled(%q) = %v, want %v", opt, got, want)
		}
	}
}
