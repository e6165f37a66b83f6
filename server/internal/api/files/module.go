// Package files is the platform's file store as the application sees it:
// the stored files the areas declare public, served over HTTP, and the
// weekly storage cleanup.
package files

import (
	"context"
	"log/slog"
	"time"

	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// Grace is how long an upload no row refers to is kept: long enough for
// the form it was uploaded from to be saved.
const Grace = 24 * time.Hour

// Module serves the public files of owners (the kinds of file the other
// areas' modules declare) at /files/<prefix>/<name> and removes, every
// Sunday, the stored files no row refers to.
func Module(store *blob.Store, owners []blob.Owner, logger *slog.Logger) module.Module {
	var public []string
	for _, o := range owners {
		if o.Public {
			public = append(public, o.Prefix)
		}
	}
	return module.Module{
		Name:   "files",
		Routes: []module.Route{{Pattern: blob.Route, Handler: store.Handler(logger, public...)}},
		Jobs: []jobs.Job{{
			Name:  "storage-cleanup",
			Title: "Storage Cleanup",
			Description: "Removes stored files that nothing refers to any more (catalog icons replaced, a PDF whose invoice was " +
				"never written); an upload is kept for a day, so a form can still be saved with it. Invoice PDFs and " +
				"logos an invoice may print are kept for good.",
			Schedule: jobs.MustSchedule("0 4 * * 0"),
			// It works from what is stored and referred to now: one run
			// makes up for any missed.
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{filesRemoved},
			Run: func(ctx context.Context, run jobs.Run) (jobs.Summary, error) {
				r, err := store.Cleanup(ctx, owners, run.Now, Grace)
				return filesRemoved.Of(r.String(), map[string]string{
					"files": coded.Int(r.Files), "removed": coded.Int(r.Removed),
					"bytes": coded.Int(r.Bytes), "recent": coded.Int(r.Recent),
				}), err
			},
		}},
	}
}

// What the storage cleanup did.
var filesRemoved = jobs.SummaryCode{Code: "stored-files-removed", Params: []string{"files", "removed", "bytes", "recent"}}
