package app_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

var update = flag.Bool("update", false, "rewrite the generated lists the SPA's tests read (codes, named actions)")

// The SPA words jobs and what the server reports (run summaries, health
// reasons, connection health, server events, why a container cannot be
// controlled, the logbook entries of services) by stable codes, and its tests check that it
// has a text for each code in every language. They read the codes from
// these lists, which this test keeps current: a new job or code fails here
// until the list is written again (go test ./server/internal/app -run
// TestCodesTheSPAWords -update), and then in the SPA's tests until it has
// its texts.
func TestCodesTheSPAWords(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)

	type summary struct {
		Code   string   `json:"code"`
		Params []string `json:"params"`
	}
	type job struct {
		Name      string    `json:"name"`
		Summaries []summary `json:"summaries"`
	}
	var js []job
	seen := map[string]string{}
	for _, j := range env.Jobs.Jobs() {
		if len(j.Summaries) == 0 {
			t.Errorf("job %s declares no summaries: list the SummaryCodes its Run reports", j.Name)
		}
		out := job{Name: j.Name, Summaries: []summary{}}
		for _, s := range j.Summaries {
			if !coded.ValidCode(s.Code) {
				t.Errorf("job %s: summary code %q is not lower-case words joined by hyphens", j.Name, s.Code)
			}
			if other, dup := seen[s.Code]; dup {
				t.Errorf("summary code %q is declared by %s and %s", s.Code, other, j.Name)
			}
			seen[s.Code] = j.Name
			out.Summaries = append(out.Summaries, summary{Code: s.Code, Params: params(s.Params)})
		}
		js = append(js, out)
	}
	compare(t, "../../../frontend/src/features/jobs/codes.gen.json", map[string]any{"jobs": js})

	for list, codes := range map[string]map[string][]string{"health reason": infra.HealthReasonCodes,
		"connection health": infra.ConnectionHealthCodes, "server event": infra.EventCodes,
		"control unavailable": infra.UnavailableCodes} {
		for code := range codes {
			if !coded.ValidCode(code) {
				t.Errorf("%s code %q is not lower-case words joined by hyphens", list, code)
			}
		}
	}
	compare(t, "../../../frontend/src/features/infrastructure/codes.gen.json", map[string]any{
		"healthReasons":      sorted(infra.HealthReasonCodes),
		"connectionHealth":   sorted(infra.ConnectionHealthCodes),
		"serverEvents":       sorted(infra.EventCodes),
		"serverEventAsIs":    infra.EventValuesShownAsTheyAre,
		"controlUnavailable": sorted(infra.UnavailableCodes),
	})

	for code := range instance.LogbookCodes {
		if !coded.ValidCode(code) {
			t.Errorf("logbook code %q is not lower-case words joined by hyphens", code)
		}
	}
	compare(t, "../../../frontend/src/features/services/codes.gen.json", map[string]any{
		"logbook":     sorted(instance.LogbookCodes),
		"logbookAsIs": instance.LogbookValuesShownAsTheyAre,
	})

	for code := range order.CommentCodes {
		if !coded.ValidCode(code) {
			t.Errorf("order comment code %q is not lower-case words joined by hyphens", code)
		}
	}
	compare(t, "../../../frontend/src/features/orders/codes.gen.json", map[string]any{
		"comments": sorted(order.CommentCodes),
	})
}

func params(ps []string) []string {
	if ps == nil {
		return []string{}
	}
	return ps
}

// sorted is codes with their values, in the order of the codes.
func sorted(codes map[string][]string) []map[string]any {
	var out []map[string]any
	for _, c := range slices.Sorted(maps.Keys(codes)) {
		out = append(out, map[string]any{"code": c, "params": params(codes[c])})
	}
	return out
}

// compare fails unless the file at path holds v, or writes it with -update.
func compare(t *testing.T, path string, v any) {
	t.Helper()
	want, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is not current (%v): run go test ./server/internal/app -run %s -update, then give what is new its texts in the SPA", path, err, t.Name())
	}
}
